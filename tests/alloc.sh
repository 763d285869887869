#!/bin/sh
# alloc.sh - allocation failure (#8): khaldun-failalloc (tests/lib/failalloc.c) makes its Nth
# allocation fail. For every N of a small run (dictionaries loaded, two stories read, coded
# and written) the run must end with "out of memory" and status 3: no crash, and under the
# sanitizer build (make test-asan) no AddressSanitizer or LeakSanitizer report.
B=${B:-build}
K="$B/khaldun-failalloc"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
if [ ! -x "$K" ]; then echo "SKIP alloc: no $K (make $K)"; echo "0 passed, 0 failed"; exit 0; fi
printf '{"id":"1","date":"2020-01-10","text":"Turkey attacked Egypt on Monday. Egypt met Turkey."}\n{"id":"2","text":"Turkey rejected calls for a ceasefire."}\n' > "$T/s.jsonl"
run() { KH_FAIL_AT=$1 "$K" code --dict tests/data -j 1 "$T/s.jsonl" > "$T/out" 2> "$T/err"; }
KH_FAIL_COUNT=1 "$K" code --dict tests/data -j 1 "$T/s.jsonl" > "$T/out" 2> "$T/err"
total=$(sed -n 's/^failalloc: \([0-9]*\) allocations$/\1/p' "$T/err")
if [ -z "$total" ] || [ "$total" -lt 20 ] || ! grep -q "2 stories: 2 coded" "$T/err"; then
  echo "FAIL alloc: the counting run"; echo "0 passed, 1 failed"; exit 1
fi
bad=0
n=1
while [ "$n" -le "$total" ]; do
  run "$n"; rc=$?
  if [ $rc -ne 3 ] || ! grep -q "^khaldun: out of memory$" "$T/err" || grep -q "Sanitizer" "$T/err"; then
    bad=$((bad + 1))
    [ $bad -le 5 ] && echo "FAIL alloc: allocation $n of $total failing: exit $rc: $(head -c 300 "$T/err" | tr '\n' ' ')"
  fi
  n=$((n + 1))
done
if [ $bad -eq 0 ]; then pass=1; else fail=1; fi
echo "alloc: each of $total allocations made to fail: $((total - bad)) ended cleanly"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
