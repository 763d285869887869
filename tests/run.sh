#!/bin/sh
# run.sh - runs every test program and shell test, adds up their closing lines and prints
# the total as the last line: "N passed, N failed".
B=${B:-build}
SHARED=${SHARED:-../shared}
export B SHARED
# No automatic dictionary cache unless a test asks for one (tests/cli.sh): runs read the text,
# and nothing is written to the user's cache folder.
KHALDUN_CACHE_DIR=
export KHALDUN_CACHE_DIR
pass=0; fail=0
run() {
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed' | grep -E 'FAIL|SKIP|skip|^golden set|^events \(' | head -60
  line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -z "$line" ]; then
    echo "$*: no result line (exit $rc)"; fail=$((fail + 1)); return
  fi
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  eval "last=\${$#}"
  echo "$(basename "$last"): $line"
  pass=$((pass + p)); fail=$((fail + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then echo "$*: exit $rc"; fail=$((fail + 1)); fi
}
for t in "$@"; do run "$t"; done
for t in tests/*.sh; do [ "$t" = tests/run.sh ] || run sh "$t"; done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
