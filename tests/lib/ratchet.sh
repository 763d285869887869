#!/bin/sh
# ratchet.sh NAME FILE RATCHET - runs "khaldun validate FILE" (a suite of ../shared, skipped
# when absent) as a ratchet: fails when fewer records pass than the number in RATCHET. Raise
# that number when khaldun passes more; never lower it. Used by tests/tabari.sh and
# tests/petrarch.sh.
B=${B:-build}
name=$1 file=$2 ratchet=$3
if [ ! -f "$file" ]; then
  echo "SKIP $name: no $file"
  echo "0 passed, 0 failed"
  exit 0
fi
want=$(cat "$ratchet")
out=$("$B/khaldun" validate "$file" 2>&1)
line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
got=${line%% passed*}
# Report the suite's own figures without its closing line, which is not this test's.
printf '%s\n' "$out" | grep '^events:' | sed "s/^/$name: /"
echo "$name: records $(echo "$line" | sed 's/passed,/passed;/') (ratchet $want)"
if [ -n "$got" ] && [ "$got" -ge "$want" ]; then
  echo "1 passed, 0 failed"
else
  echo "FAIL $name: ${got:-no} records pass, the ratchet says $want"
  echo "0 passed, 1 failed"
  exit 1
fi
