#!/bin/sh
# run.sh - khaldun's speed and memory (issues #6 and #7). Prints figures; never passes or fails
# on time. Needs python3 (to turn the corpora into JSON Lines once) and ../shared.
#
#   1. Coding speed, whole pipeline to JSON Lines, one thread and both cores, on
#      - the Gigaword sample of PETRARCH's files repeated to 152,000 sentences, with the
#        Phoenix dictionaries plus CAMEO.2.0 (--petrarch) and with khaldun's own;
#      - the MUC-4 reports (upper case) and Times of India articles (lower case, mis-encoded)
#        of ../shared/corpus, with khaldun's own.
#      Sentences per second, MB per second, peak resident memory.
#   2. What places, event dates and counts add: the same runs with --events-only.
#   3. Dictionary load, from text and from the cache (khaldun dict compile).
# The coding runs map their dictionaries from the automatic cache (made by the first run of
# each set, in $B/bench/cache), as a user's repeated runs do.
B=${B:-build}
SHARED=${SHARED:-../shared}
K="$B/khaldun"
C="$SHARED/corpus"
S="$SHARED/refdata"
P="$S/phoenix"
if [ ! -d "$SHARED" ]; then echo "bench: skipped (no $SHARED)"; exit 0; fi
if ! command -v python3 > /dev/null; then echo "bench: skipped (needs python3 to convert the corpora)"; exit 0; fi
TIME=""; [ -x /usr/bin/time ] && TIME=/usr/bin/time
mkdir -p "$B/bench"
rm -rf "$B/bench/cache"
KHALDUN_CACHE_DIR="$B/bench/cache"
export KHALDUN_CACHE_DIR
python3 - "$SHARED" "$B/bench" <<'PY'
import csv, json, os, re, sys
src, out = sys.argv[1], sys.argv[2]
corpus = os.path.join(src, "corpus")
if os.path.isdir(os.path.join(corpus, "muc4")):
    with open(os.path.join(out, "muc4.jsonl"), "w") as f:
        for part in ("train", "dev", "test"):
            for k, v in json.load(open(os.path.join(corpus, "muc4", part + ".json"))).items():
                f.write(json.dumps({"id": k, "text": v["doc"]}) + "\n")
if os.path.isdir(os.path.join(corpus, "toi2002")):
    csv.field_size_limit(1 << 30)
    with open(os.path.join(out, "toi2002.jsonl"), "w") as f:
        for r in csv.DictReader(open(os.path.join(corpus, "toi2002", "articles.csv"), encoding="utf-8", errors="replace")):
            f.write(json.dumps({"id": r["doc_id"], "date": r["date"], "text": r["full_text"]}) + "\n")
giga = os.path.join(src, "refdata", "petrarch", "GigaWord.sample.PETR.xml")
if os.path.exists(giga):
    s = open(giga, encoding="utf-8", errors="replace").read()
    items = re.findall(r'<Sentence date\s*=\s*"(\d{8})"\s+id\s*=\s*"([^"]+)"[^>]*>\s*<Text>(.*?)</Text>', s, re.S)
    items = [(d, i, " ".join(t.split())) for d, i, t in items if t.strip()]
    with open(os.path.join(out, "giga.jsonl"), "w") as f:
        r = 0
        while r * len(items) < 152000:
            for d, i, t in items:
                f.write(json.dumps({"id": "%s-%d" % (i, r), "date": "%s-%s-%s" % (d[:4], d[4:6], d[6:]), "text": t}) + "\n")
            r += 1
PY
PA="--petrarch --dict $P/CAMEO.2.0.txt --add-dict $P/Phoenix.Countries.actors.txt --add-dict $P/Phoenix.International.actors.txt
    --add-dict $P/Phoenix.MilNonState.actors.txt --add-dict $P/Phoenix.agents.txt"

# run NAME FILE DICTS THREADS [OPTIONS]: the best of $REPS coding runs (wall time; the
# machine may be busy), one line of figures: sentences/s and MB/s on the wall clock, user CPU
# seconds, peak memory; a -j 2 run after a -j 1 run of the same name also gives the speedup.
# Sets LAST_USER (user seconds of the best run).
REPS=${REPS:-3}
run() {
  label=$1; rin=$2; dicts=$3; j=$4; shift 4
  mb=$(awk -v s="$(stat -c %s "$rin")" 'BEGIN { printf "%.1f", s / 1048576 }')
  best=""; bu=0; bkb=0
  for r in $(seq "$REPS"); do
    t0=$(date +%s.%N)
    if [ -n "$TIME" ]; then
      $TIME -f "%M %U" -o "$B/bench/rss" "$K" code -j "$j" $dicts "$@" "$rin" > /dev/null 2> "$B/bench/err"
    else
      "$K" code -j "$j" $dicts "$@" "$rin" > /dev/null 2> "$B/bench/err"; echo "0 0" > "$B/bench/rss"
    fi
    t1=$(date +%s.%N)
    d=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best" ] || awk -v a="$d" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$d; tail -n 1 "$B/bench/rss" > "$B/bench/rss1"; read -r bkb bu < "$B/bench/rss1"
    fi
  done
  sum=$(grep 'stories:' "$B/bench/err" | tail -n 1)
  sents=$(echo "$sum" | sed -n 's/.*; \([0-9]*\) sentences.*/\1/p')
  LAST_USER=$bu
  speed=""
  if [ "$j" = 1 ]; then ONE_LABEL=$label; ONE_WALL=$best
  elif [ "$label" = "${ONE_LABEL:-}" ]; then speed=$(awk -v a="$ONE_WALL" -v b="$best" 'BEGIN { printf "  x%.2f", a / b }'); fi
  awk -v n="$label" -v j="$j" -v d="$best" -v s="$sents" -v mb="$mb" -v kb="$bkb" -v u="$bu" -v x="$speed" 'BEGIN {
    printf "  %-40s -j %d  %7d sentences  %6.2f s  %8.0f sentences/s  %5.1f MB/s  user %5.2f s  peak %4.0f MB%s\n", n, j, s, d, s / d, mb / d, u, kb / 1024, x }'
}

echo "coding speed (whole pipeline to JSON Lines; $(nproc) cores)"
if [ -f "$B/bench/giga.jsonl" ] && [ -f "$P/CAMEO.2.0.txt" ]; then
  for j in 1 2; do run "Gigaword, Phoenix + CAMEO.2.0" "$B/bench/giga.jsonl" "$PA" $j; done
  for j in 1 2; do run "Gigaword, khaldun's dictionaries" "$B/bench/giga.jsonl" "" $j; done
fi
for name in muc4 toi2002; do
  in="$B/bench/$name.jsonl"
  [ -f "$in" ] || continue
  cat "$in" "$in" "$in" "$in" "$in" > "$B/bench/$name.x5.jsonl"
  for j in 1 2; do run "$name x5, khaldun's dictionaries" "$B/bench/$name.x5.jsonl" "" $j; done
done

echo "what places, event dates and counts add (one thread; the same runs with --events-only; user CPU time)"
for name in giga muc4.x5 toi2002.x5; do
  in="$B/bench/$name.jsonl"
  [ -f "$in" ] || continue
  run "$name, events only" "$in" "" 1 --events-only
  base=$LAST_USER
  run "$name, with places, dates, counts" "$in" "" 1
  awk -v n="$name" -v a="$base" -v b="$LAST_USER" 'BEGIN { if (a > 0) printf "  %-40s adds %+.0f%% to coding time\n", n, (b - a) * 100 / a }'
done
if [ -f "$B/bench/giga.jsonl" ] && [ -f "$P/CAMEO.2.0.txt" ]; then
  run "giga Phoenix, events only" "$B/bench/giga.jsonl" "$PA" 1 --events-only
  base=$LAST_USER
  run "giga Phoenix, with places, dates, counts" "$B/bench/giga.jsonl" "$PA" 1
  awk -v a="$base" -v b="$LAST_USER" 'BEGIN { if (a > 0) printf "  %-40s adds %+.0f%% to coding time\n", "giga, Phoenix + CAMEO.2.0", (b - a) * 100 / a }'
fi

echo "dictionary load (whole run of one empty story: median of 10)"
printf 'x\n' > "$B/bench/empty.txt"
load() {
  name=$1; shift
  for i in 1 2 3 4 5 6 7 8 9 10; do
    t0=$(date +%s.%N); "$K" code -q --events-only "$@" "$B/bench/empty.txt" > /dev/null 2>&1; t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
  done | sort -n | awk -v n="$name" 'NR == 5 { printf "  %-44s %6.1f ms\n", n, $1 }'
}
load "khaldun's dictionaries, text" --dict dict --no-cache
if [ -f "$P/CAMEO.2.0.txt" ]; then
  PL="--dict $P/CAMEO.2.0.txt --add-dict $P/Phoenix.Countries.actors.txt --add-dict $P/Phoenix.International.actors.txt
      --add-dict $P/Phoenix.MilNonState.actors.txt --add-dict $P/Phoenix.agents.txt --add-dict $P/Phoenix.discards.txt
      --add-dict $P/Phoenix.IssueCoding.txt"
  "$K" dict compile $PL -o "$B/bench/phoenix.cache" > /dev/null 2>&1
  load "Phoenix set + CAMEO.2.0, text" $PL --no-cache
  load "Phoenix set + CAMEO.2.0, cache" $PL --cache "$B/bench/phoenix.cache"
  load "Phoenix set + CAMEO.2.0, automatic cache" $PL
fi
if [ -f "$S/petrarch/PETR.UnitTest.records.xml" ]; then
  t0=$(date +%s.%N); "$K" validate "$S/petrarch/PETR.UnitTest.records.xml" > "$B/bench/pvalidate.out" 2>&1; t1=$(date +%s.%N)
  awk -v t0="$t0" -v t1="$t1" -v r="$(tail -n 1 "$B/bench/pvalidate.out")" 'BEGIN { printf "PETRARCH unit-test records: %s in %.0f ms\n", r, (t1 - t0) * 1000 }'
fi
if [ -f "$S/tabari/Validate.project" ]; then
  t0=$(date +%s.%N); "$K" validate "$S/tabari/Validate.project" > "$B/bench/validate.out" 2>&1; t1=$(date +%s.%N)
  awk -v t0="$t0" -v t1="$t1" -v r="$(tail -n 1 "$B/bench/validate.out")" 'BEGIN { printf "TABARI validation suite: %s in %.0f ms\n", r, (t1 - t0) * 1000 }'
fi
