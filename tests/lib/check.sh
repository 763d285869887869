# check.sh - sourced by the shell tests: a temporary folder $T (removed at exit) and
# check NAME COND: COND is evaluated; a failure prints "FAIL $NAME: what". The test ends with
# `echo "$pass passed, $fail failed"`.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $NAME: $1"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }
