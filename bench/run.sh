#!/bin/sh
# run.sh - coding speed on real news: the MUC-4 reports (upper case) and the Times of India
# articles (lower case, mis-encoded) from ../shared/corpus, with the shipped dictionaries.
# Prints figures; never passes or fails on time. Needs python3 to turn the corpora into
# JSON Lines once.
B=${B:-build}
SHARED=${SHARED:-../shared}
K="$B/khaldun"
C="$SHARED/corpus"
if [ ! -d "$C" ]; then echo "bench: skipped (no $C)"; exit 0; fi
if ! command -v python3 > /dev/null; then echo "bench: skipped (needs python3 to convert the corpora)"; exit 0; fi
mkdir -p "$B/bench"
python3 - "$C" "$B/bench" <<'PY'
import csv, json, os, sys
src, out = sys.argv[1], sys.argv[2]
with open(os.path.join(out, "muc4.jsonl"), "w") as f:
    for part in ("train", "dev", "test"):
        for k, v in json.load(open(os.path.join(src, "muc4", part + ".json"))).items():
            f.write(json.dumps({"id": k, "text": v["doc"]}) + "\n")
csv.field_size_limit(1 << 30)
with open(os.path.join(out, "toi2002.jsonl"), "w") as f:
    for r in csv.DictReader(open(os.path.join(src, "toi2002", "articles.csv"), encoding="utf-8", errors="replace")):
        f.write(json.dumps({"id": r["doc_id"], "date": r["date"], "text": r["full_text"]}) + "\n")
PY
# Repeat the corpora so each run takes long enough to time.
for name in muc4 toi2002; do
  in="$B/bench/$name.jsonl"
  big="$B/bench/$name.x5.jsonl"
  cat "$in" "$in" "$in" "$in" "$in" > "$big"
  mb=$(awk -v s="$(stat -c %s "$big")" 'BEGIN { printf "%.1f", s / 1048576 }')
  t0=$(date +%s.%N)
  "$K" code "$big" > /dev/null 2> "$B/bench/$name.err"
  t1=$(date +%s.%N)
  sum=$(grep 'stories:' "$B/bench/$name.err")
  sents=$(echo "$sum" | sed -n 's/.*; \([0-9]*\) sentences.*/\1/p')
  events=$(echo "$sum" | sed -n 's/.*, \([0-9]*\) events.*/\1/p')
  awk -v n="$name" -v t0="$t0" -v t1="$t1" -v s="$sents" -v e="$events" -v mb="$mb" 'BEGIN {
    d = t1 - t0; printf "%-8s %7.1f MB  %8d sentences  %7d events  %6.2f s  %9.0f sentences/s  %6.1f MB/s\n", n, mb, s, e, d, s / d, mb / d }'
done
t0=$(date +%s.%N); "$K" dict check > /dev/null; t1=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "dictionary load (shipped set, text): %.0f ms\n", (t1 - t0) * 1000 }'
# The field's big dictionaries: TABARI's CAMEO master verbs with the Phoenix actors and agents.
S="$SHARED/refdata"
if [ -f "$S/tabari/CAMEO.091003.master.verbs" ] && [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%e %M" -o "$B/bench/load.time" "$K" dict check "$S/tabari/CAMEO.091003.master.verbs" \
    --add-dict "$S/phoenix/Phoenix.Countries.actors.txt" --add-dict "$S/phoenix/Phoenix.International.actors.txt" \
    --add-dict "$S/phoenix/Phoenix.MilNonState.actors.txt" --add-dict "$S/phoenix/Phoenix.agents.txt" > "$B/bench/load.out" 2>/dev/null
  tail -n 1 "$B/bench/load.time" | awk '{ printf "dictionary load (CAMEO master verbs + Phoenix actors and agents, text): %.0f ms, %.1f MB peak\n", $1 * 1000, $2 / 1024 }'
  grep -E '^(actors|agents|verbs)' "$B/bench/load.out" | sed 's/^/  /'
fi
# The full Phoenix set with PETRARCH-2's verbs, from the text and from its cache (dict compile),
# each run coding one empty story: the time is the command's whole run.
P="$S/phoenix"
if [ -f "$P/CAMEO.2.0.txt" ] && [ -x /usr/bin/time ]; then
  PA="--dict $P/CAMEO.2.0.txt --add-dict $P/Phoenix.Countries.actors.txt --add-dict $P/Phoenix.International.actors.txt
      --add-dict $P/Phoenix.MilNonState.actors.txt --add-dict $P/Phoenix.agents.txt --add-dict $P/Phoenix.discards.txt
      --add-dict $P/Phoenix.IssueCoding.txt"
  printf 'x\n' > "$B/bench/empty.txt"
  "$K" dict compile $PA -o "$B/bench/phoenix.cache" 2>/dev/null
  for how in text cache; do
    C=""; [ "$how" = cache ] && C="--cache $B/bench/phoenix.cache"
    t0=$(date +%s.%N)
    for i in 1 2 3 4 5 6 7 8 9 10; do "$K" code -q $PA $C "$B/bench/empty.txt" > /dev/null 2>&1; done
    t1=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$B/bench/phx.time" "$K" code -q $PA $C "$B/bench/empty.txt" > /dev/null 2>&1
    awk -v h="$how" -v t0="$t0" -v t1="$t1" -v kb="$(tail -n 1 "$B/bench/phx.time")" 'BEGIN {
      printf "dictionary load (Phoenix set + CAMEO.2.0, %-5s): %5.1f ms per run, %.1f MB resident peak\n", h, (t1 - t0) * 100, kb / 1024 }'
  done
fi
if [ -f "$S/petrarch/PETR.UnitTest.records.xml" ]; then
  t0=$(date +%s.%N); "$K" validate "$S/petrarch/PETR.UnitTest.records.xml" > "$B/bench/pvalidate.out" 2>&1; t1=$(date +%s.%N)
  awk -v t0="$t0" -v t1="$t1" -v r="$(tail -n 1 "$B/bench/pvalidate.out")" 'BEGIN { printf "PETRARCH unit-test records: %s in %.0f ms\n", r, (t1 - t0) * 1000 }'
fi
if [ -f "$S/tabari/Validate.project" ]; then
  t0=$(date +%s.%N); "$K" validate "$S/tabari/Validate.project" > "$B/bench/validate.out" 2>&1; t1=$(date +%s.%N)
  awk -v t0="$t0" -v t1="$t1" -v r="$(tail -n 1 "$B/bench/validate.out")" 'BEGIN { printf "TABARI validation suite: %s in %.0f ms\n", r, (t1 - t0) * 1000 }'
fi
