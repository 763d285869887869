#!/bin/sh
# store.sh - events inserted per second into the event store (issue #9: at least 50,000 a
# second), fresh and replaced (a re-run), and the time of export and query over them.
# Prints figures; never passes or fails on time.
B=${B:-build}
K="$B/khaldun"
N=${STORE_STORIES:-50000}
D="$B/bench/store.db"
mkdir -p "$B/bench"
"$B/bench/store_bench" tests/data "$D" "$N" || exit 1
ls -l "$D" | awk '{ printf "store: %.1f MB on disk\n", $5 / 1048576 }'
for f in csv phoenix gdelt plover; do
  t0=$(date +%s.%N); "$K" export --format $f "$D" > "$B/bench/export.$f" 2>/dev/null; t1=$(date +%s.%N)
  awk -v f=$f -v t0="$t0" -v t1="$t1" -v n="$(wc -l < "$B/bench/export.$f")" \
    'BEGIN { printf "export %-7s %7d records in %.2f s\n", f, n, t1 - t0 }'
done
t0=$(date +%s.%N); "$K" query --by month,root "$D" > /dev/null; t1=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "query --by month,root: %.2f s\n", t1 - t0 }'
rm -f "$D" "$D-wal" "$D-shm"
