#!/bin/sh
# petrarch.sh - the PETRARCH unit-test records of ../shared (skipped when absent), as a ratchet:
# fails when fewer records pass than tests/petrarch.ratchet records. Raise the number there
# when khaldun passes more; never lower it.
B=${B:-build}
SHARED=${SHARED:-../shared}
P="$SHARED/refdata/petrarch/PETR.UnitTest.records.xml"
if [ ! -f "$P" ]; then
  echo "SKIP petrarch: no $P"
  echo "0 passed, 0 failed"
  exit 0
fi
want=$(cat tests/petrarch.ratchet)
out=$("$B/khaldun" validate "$P" 2>&1)
line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
got=${line%% passed*}
# Report the suite's own figures without its closing line, which is not this test's.
printf '%s\n' "$out" | grep '^events:' | sed 's/^/petrarch records: /'
echo "petrarch records: records $(echo "$line" | sed 's/ passed, / passed, /; s/ failed$/ failed/' | tr -d '\n' | sed 's/passed,/passed;/') (ratchet $want)"
if [ -n "$got" ] && [ "$got" -ge "$want" ]; then
  echo "1 passed, 0 failed"
else
  echo "FAIL petrarch: ${got:-no} records pass, the ratchet says $want"
  echo "0 passed, 1 failed"
  exit 1
fi
