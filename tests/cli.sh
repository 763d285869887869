#!/bin/sh
# cli.sh - the khaldun command as a user runs it: readers, bad input, exit status, the
# summary, explain, dict check; and the seed story of ../shared (skipped when absent).
B=${B:-build}
SHARED=${SHARED:-../shared}
K="$B/khaldun"
NAME=cli
. tests/lib/check.sh
M="--dict tests/data"

# A good story.
printf 'Turkey attacked Egypt on Monday.\n' > "$T/a.txt"
"$K" code $M --date 2020-01-10 "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "text story exit 0" '[ $rc -eq 0 ]'
check "text story one event" '[ $(wc -l < "$T/out") -eq 1 ] && grep -q "\"code\":\"190\"" "$T/out"'
check "summary on stderr" 'grep -q "1 stories: 1 coded, 0 with no event, 0 rejected" "$T/err"'

# Events that cannot be written: said, and exit status 2 (JSON Lines and TSV, one thread
# and two).
if [ -w /dev/full ]; then
    for f in jsonl tsv; do
        for j in 1 2; do
            "$K" code $M --format $f -j $j "$T/a.txt" > /dev/full 2> "$T/err"; rc=$?
            check "write error ($f, -j $j): exit 2" '[ $rc -eq 2 ] && grep -q "error writing events" "$T/err"'
        done
    done
else
    echo "skipped: write error tests (no /dev/full)"
fi

# Standard input, TSV.
printf 'Egypt met Turkey.\n' | "$K" code $M --format tsv - > "$T/out" 2>/dev/null; rc=$?
check "stdin tsv" '[ $rc -eq 0 ] && head -1 "$T/out" | grep -q "^doc_id" && grep -q "	040	04	" "$T/out"'

# JSON Lines with a malformed line between good ones, gzip.
printf '{"id":"1","text":"Turkey attacked Egypt."}\n{"id":"2","text":\n{"id":"3","text":"Egypt met Turkey."}\n' > "$T/s.jsonl"
gzip -c "$T/s.jsonl" > "$T/s.jsonl.gz"
for f in s.jsonl s.jsonl.gz; do
  "$K" code $M "$T/$f" > "$T/out" 2> "$T/err"; rc=$?
  check "$f: exit 1 when a story is rejected" '[ $rc -eq 1 ]'
  check "$f: the good stories coded" '[ $(grep -c doc_id "$T/out") -eq 2 ]'
  check "$f: line number of the bad one" 'grep -q "s.jsonl[.gz]*:2: .*malformed JSON" "$T/err"'
  check "$f: summary counts" 'grep -q "3 stories: 2 coded, 0 with no event, 1 rejected" "$T/err"'
done

# Empty file, binary junk, invalid UTF-8, a 10 MB line, a missing file.
: > "$T/empty.txt"
head -c 65536 /dev/urandom > "$T/junk.txt" 2>/dev/null || dd if=/dev/urandom of="$T/junk.txt" bs=1024 count=64 2>/dev/null
printf 'Turkey attacked \377\376Egypt.\n' > "$T/bad.txt"
"$K" code $M "$T/empty.txt" "$T/junk.txt" "$T/bad.txt" /nonexistent.txt > "$T/out" 2> "$T/err"; rc=$?
check "bad inputs: exit 1" '[ $rc -eq 1 ]'
check "empty rejected" 'grep -q "empty.txt.*no text" "$T/err"'
check "junk rejected" 'grep -q "junk.txt.*binary" "$T/err"'
check "invalid UTF-8 noted, story coded" 'grep -q "bad.txt.*2 invalid UTF-8 bytes" "$T/err" && grep -q "\"code\":\"190\"" "$T/out"'
check "missing file named" 'grep -q "nonexistent.txt: cannot open" "$T/err"'
check "accounting balances" 'grep -q "4 stories: 1 coded, 0 with no event, 3 rejected" "$T/err"'
awk 'BEGIN { for (i = 0; i < 240000; i++) printf "Turkey and Egypt discussed trade on Monday, "; print "and Turkey attacked Egypt." }' > "$T/long.txt"
"$K" code $M "$T/long.txt" > "$T/out" 2> "$T/err"; rc=$?
check "10 MB line coded" '[ $rc -eq 0 ] && [ $(stat -c %s "$T/long.txt") -gt 9000000 ] && grep -q "\"code\":\"190\"" "$T/out"'

# A broken dictionary line is named with file:line:column and skipped; the run goes on and
# exits with status 2.
"$K" code --dict tests/data --add-dict tests/bad/bad.verbs "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "dictionary syntax error exit 2" '[ $rc -eq 2 ] && grep -q "bad.verbs:3:11: expected" "$T/err"'
check "dictionary syntax error: the rest still codes" 'grep -q "\"code\":\"190\"" "$T/out" && grep -q "1 dictionary line skipped" "$T/err"'
"$K" dict check tests/bad > "$T/out" 2> "$T/err"; rc=$?
check "dict check reports every bad line" '[ $rc -eq 2 ] && [ $(grep -c "tests/bad/bad" "$T/err") -eq 4 ] && grep -q "^4 errors" "$T/out"'
"$K" code --dict /nonexistent "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
check "missing dictionary folder exit 2" '[ $rc -eq 2 ]'
"$K" code $M > /dev/null 2>&1; rc=$?
check "usage error exit 2" '[ $rc -eq 2 ]'
"$K" frobnicate > /dev/null 2>&1; rc=$?
check "unknown command exit 2" '[ $rc -eq 2 ]'

# explain and dict.
"$K" explain $M "Turkey did not attack Egypt." > "$T/out"; rc=$?
check "explain shows negation" '[ $rc -eq 0 ] && grep -q "negated: no event" "$T/out"'
"$K" dict stats tests/data > "$T/out"; rc=$?
check "dict stats" '[ $rc -eq 0 ] && grep -q "^verbs 10" "$T/out"'

# dict check lints: each kind of finding, with file and line; exit 1 when there are any.
"$K" dict check tests/lint > "$T/out" 2> "$T/err"; rc=$?
check "lint: exit 1 on findings" '[ $rc -eq 1 ] && grep -q "^0 errors, 7 findings" "$T/out"'
check "lint: conflicting duplicate" 'grep -q "^tests/lint/lint.actors:5: conflict: \"MINAS TIRITH\" is \[MOR\]" "$T/out"'
check "lint: same phrase, same code is no finding" '! grep -q "ROHAN" "$T/out"'
check "lint: word no text gives" 'grep -q "^tests/lint/lint.actors:11: unmatched:" "$T/out"'
check "lint: pattern shadowed by an identical one" 'grep -q "^tests/lint/lint.verbs:5: unmatched: pattern of MARCH never matches" "$T/out"'
check "lint: event code not in CAMEO" 'grep -q "^tests/lint/lint.verbs:2: code: MARCH: \[999\]" "$T/out"'
check "lint: actor code shape, agent role" 'grep -q "lint.actors:13: code: \[ARNO\]" "$T/out" && grep -q "lint.agents:2: code: \[WIZ\]" "$T/out"'
check "lint: overlapping dates (not a shared end day)" 'grep -q "lint.actors:15: overlap" "$T/out" && ! grep -q "lint.actors:16" "$T/out"'

# The shipped dictionaries load.
if [ -d dict ] && ls dict/*.verbs > /dev/null 2>&1; then
  "$K" dict check > "$T/out" 2> "$T/err"; rc=$?
  check "shipped dictionaries load and lint clean" '[ $rc -eq 0 ] && grep -q "^ok" "$T/out"'
  "$K" code --date 2023-04-16 examples/sudan-2023-04.txt > "$T/out" 2> "$T/err"; rc=$?
  check "bundled example codes" '[ $rc -eq 0 ] && [ $(wc -l < "$T/out") -ge 3 ]'
fi

# The seed story of ../shared, with the shipped dictionaries (issue #2's acceptance check).
SEED="$SHARED/seed/libya-haftar-2020-01.txt"
if [ -f "$SEED" ] && ls dict/*.verbs > /dev/null 2>&1; then
  "$K" code --format tsv --date 2020-01-10 "$SEED" > "$T/seed" 2> "$T/err"
  ev() { awk -F'\t' -v s="$1" -v c="$2" -v t="$3" 'NR > 1 && $4 ~ s && $8 ~ c && $6 ~ t { f = 1 } END { exit !f }' "$T/seed"; }
  check "seed: Haftar rejects Turkey" 'ev "^LBY" "^12" "^TUR"'
  check "seed: Haftar rejects Russia" 'ev "^LBY" "^12" "^RUS"'
  check "seed: Turkish president appeals for a truce" 'ev "^TURGOV" "^(02|10)" ""'
  check "seed: Russian president appeals for a truce" 'ev "^RUSGOV" "^(02|10)" ""'
  check "seed: Haftar forces attack the GNA" 'ev "^LBY" "^19" "^LBYGOV$"'
  check "seed: Turkey supports the GNA" 'ev "^TUR" "^0[5-7]" "^LBYGOV$"'
  check "seed: Haftar welcomes Putin" 'ev "^LBY" "^05" "^RUS"'
  check "seed: Haftar accuses Turkey" 'ev "^LBY" "^11" "^TUR"'
  check "seed: no event from the boilerplate" '! grep -q "Poster\|No comments" "$T/seed"'
else
  echo "SKIP cli: seed story (no $SEED or no shipped dictionaries)"
fi

# A PETRARCH discard file: a story named by a "+PHRASE" is accounted for as discarded.
printf 'Turkey attacked Egypt before the World Cup final.\n' > "$T/wc.txt"
"$K" code $M --add-dict tests/petrarch/mini.discards --date 2020-01-10 "$T/wc.txt" > "$T/out" 2> "$T/err"; rc=$?
check "story discard: no event, said so" '[ $rc -eq 0 ] && ! grep -q "\"code\"" "$T/out" && grep -q "story discarded" "$T/err"'
"$K" code $M --date 2020-01-10 "$T/wc.txt" > "$T/out" 2> "$T/err"
check "story discard: coded without the discard file" 'grep -q "\"code\":\"190\"" "$T/out"'

# khaldun validate on a PETRARCH XML file that is not well-formed: one message with file and
# line, exit 2.
printf '<Validation><Environment><Verbfile>x</Verbfile>\n<Sentences>' > "$T/bad.xml"
"$K" validate "$T/bad.xml" > "$T/out" 2> "$T/err"; rc=$?
check "validate: malformed XML named with its line" '[ $rc -eq 2 ] && grep -q "bad.xml:2: " "$T/err" && [ "$(wc -l < "$T/err")" -eq 1 ]'

# khaldun dict compile: the cache is used while fresh, and not once a dictionary changes.
mkdir -p "$T/cd" && cp tests/data/mini.* "$T/cd/"
"$K" dict compile "$T/cd" 2> "$T/err"; rc=$?
check "dict compile writes the cache" '[ $rc -eq 0 ] && [ -s "$T/cd/khaldun.cache" ]'
"$K" code --dict "$T/cd" --date 2020-01-10 "$T/a.txt" > "$T/out" 2> "$T/err"
check "code uses a fresh cache" 'grep -q "from the cache" "$T/err" && grep -q "\"code\":\"190\"" "$T/out"'
printf '\n' >> "$T/cd/mini.verbs"
"$K" code --dict "$T/cd" --date 2020-01-10 "$T/a.txt" > "$T/out" 2> "$T/err"
check "a stale cache is not used" '! grep -q "from the cache" "$T/err" && grep -q "\"code\":\"190\"" "$T/out"'
printf 'junk' > "$T/cd/khaldun.cache"
"$K" code --dict "$T/cd" --date 2020-01-10 "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "a damaged cache is not used" '[ $rc -eq 0 ] && ! grep -q "from the cache" "$T/err" && grep -q "\"code\":\"190\"" "$T/out"'

# The automatic cache: a set read from its text (here with --add-dict, which has no cache
# folder of its own) is written to $KHALDUN_CACHE_DIR and mapped by the next run while fresh;
# the lines it skipped are reported again from it.
mkdir -p "$T/ad" && cp tests/data/mini.* "$T/ad/"
printf 'BROKEN PHRASE [XXX\n' > "$T/ad/broken.actors"
AC="$T/ac/deep"
KHALDUN_CACHE_DIR="$AC" "$K" code --dict "$T/ad/mini.verbs" --add-dict "$T/ad/mini.actors" \
  --add-dict "$T/ad/broken.actors" --date 2020-01-10 "$T/a.txt" > "$T/out1" 2> "$T/err1"; rc1=$?
check "auto cache: the first run reads the text and writes the cache" \
  '[ $rc1 -eq 2 ] && ! grep -q "from the cache" "$T/err1" && ls "$AC"/dict-*.cache > /dev/null 2>&1'
KHALDUN_CACHE_DIR="$AC" "$K" code --dict "$T/ad/mini.verbs" --add-dict "$T/ad/mini.actors" \
  --add-dict "$T/ad/broken.actors" --date 2020-01-10 "$T/a.txt" > "$T/out2" 2> "$T/err2"; rc2=$?
check "auto cache: the next run maps it, same events" \
  '[ $rc2 -eq 2 ] && grep -q "from the cache $AC/dict-" "$T/err2" && cmp -s "$T/out1" "$T/out2" && grep -q "\"code\":\"190\"" "$T/out2"'
check "auto cache: a skipped line is reported from the cache too, with file and line" \
  'grep -q "broken.actors:1:" "$T/err1" && grep -q "broken.actors:1:" "$T/err2" && grep -q "1 dictionary line skipped" "$T/err2"'
KHALDUN_CACHE_DIR="$AC" "$K" code --no-cache --dict "$T/ad/mini.verbs" --add-dict "$T/ad/mini.actors" \
  --add-dict "$T/ad/broken.actors" --date 2020-01-10 "$T/a.txt" > "$T/out3" 2> "$T/err3"
check "auto cache: --no-cache reads the text" '! grep -q "from the cache" "$T/err3" && cmp -s "$T/out1" "$T/out3"'
printf 'EGYPT [EGY]\n' > "$T/ad/mini.actors.new" && cat "$T/ad/mini.actors" >> "$T/ad/mini.actors.new" &&
  mv "$T/ad/mini.actors.new" "$T/ad/mini.actors"
KHALDUN_CACHE_DIR="$AC" "$K" code --dict "$T/ad/mini.verbs" --add-dict "$T/ad/mini.actors" \
  --add-dict "$T/ad/broken.actors" --date 2020-01-10 "$T/a.txt" > "$T/out4" 2> "$T/err4"
check "auto cache: a changed dictionary is read again" '! grep -q "from the cache" "$T/err4" && grep -q "\"code\":\"190\"" "$T/out4"'
KHALDUN_CACHE_DIR= "$K" code --dict "$T/ad/mini.verbs" --add-dict "$T/ad/mini.actors" --date 2020-01-10 \
  "$T/a.txt" > /dev/null 2> "$T/err5"
check "auto cache: KHALDUN_CACHE_DIR empty turns it off" '! grep -q "from the cache" "$T/err5" && [ $(ls "$AC" | wc -l) -eq 1 ]'
printf 'x' > "$T/notadir"
KHALDUN_CACHE_DIR="$T/notadir/sub" "$K" code --dict "$T/ad/mini.verbs" --add-dict "$T/ad/mini.actors" \
  --date 2020-01-10 "$T/a.txt" > "$T/out6" 2> "$T/err6"; rc6=$?
check "auto cache: a folder that cannot be made is no error" '[ $rc6 -eq 0 ] && grep -q "\"code\":\"190\"" "$T/out6"'

# The Phoenix (PETRARCH-2) dictionaries load as they come: the verb file's name says nothing
# of its kind, so khaldun reads its "--- NAME [code] ---" blocks to tell.
PHX="$SHARED/refdata/phoenix"
if [ -f "$PHX/CAMEO.2.0.txt" ]; then
  "$K" dict check --dict "$PHX/CAMEO.2.0.txt" > "$T/phx" 2> "$T/err"
  check "phoenix verbs: read as verbs" 'awk "/^verbs/ { exit !(\$2 >= 500) }" "$T/phx" && awk "/^verbs/ { f = 1 } END { exit !f }" "$T/phx"'
  check "phoenix verbs: only the 2 lines with undeclared synsets skipped" 'n=$(grep -c "CAMEO.2.0.txt:[0-9]*:" "$T/err"); [ "$n" -eq 2 ]'
  "$K" code -q --format tsv --add-dict "$PHX/Phoenix.Countries.actors.txt" --add-dict "$PHX/Phoenix.agents.txt" \
    --dict "$PHX/CAMEO.2.0.txt" "$SEED" > "$T/phx" 2> /dev/null
  check "phoenix dictionaries code the seed story" 'awk -F"\t" "NR > 1 && \$4 ~ /^LBY/ && \$8 ~ /^12/ && \$6 ~ /^TUR/ { f = 1 } END { exit !f }" "$T/phx"'
else
  echo "SKIP cli: Phoenix dictionaries (no $PHX)"
fi

# -j: the same output byte for byte whatever the number of threads, across batches (600
# stories, a malformed line among them), and the same summary.
awk 'BEGIN { for (i = 1; i <= 600; i++) {
  if (i == 300) print "{\"id\":\"bad\",\"text\":"; 
  printf "{\"id\":\"%d\",\"date\":\"2020-01-%02d\",\"text\":\"Turkey attacked Egypt on day %d. Egypt met Turkey.\"}\n", i, i % 28 + 1, i } }' > "$T/many.jsonl"
"$K" code $M -j 1 "$T/many.jsonl" > "$T/j1" 2> "$T/j1.err"; rc1=$?
"$K" code $M -j 3 "$T/many.jsonl" > "$T/j3" 2> "$T/j3.err"; rc3=$?
check "-j 3 output is -j 1 output" 'cmp -s "$T/j1" "$T/j3" && [ $(wc -l < "$T/j1") -eq 1200 ]'
check "-j 3 summary is -j 1 summary" '[ $rc1 -eq 1 ] && [ $rc3 -eq 1 ] && grep -q "601 stories: 600 coded, 0 with no event, 1 rejected" "$T/j3.err" && diff "$T/j1.err" "$T/j3.err" > /dev/null'
"$K" code $M -j 2 "$T/many.jsonl" > "$T/j2" 2> /dev/null
"$K" code $M -j 4 "$T/many.jsonl" > "$T/j4" 2> /dev/null
check "-j 2 and -j 4 output is -j 1 output" 'cmp -s "$T/j1" "$T/j2" && cmp -s "$T/j1" "$T/j4"'
check "-j takes a number" '! "$K" code -j 0 "$T/many.jsonl" > /dev/null 2>&1'

# --events-only: the story date, no counts, no place.
printf 'Turkey attacked Egypt, killing 12 soldiers, in Cairo on Monday.\n' > "$T/eo.txt"
"$K" code --events-only --date 2020-01-10 "$T/eo.txt" > "$T/out" 2>/dev/null
check "--events-only: story date, no counts or place" 'grep -q "\"date\":\"2020-01-10\",\"date_precision\":\"day\"" "$T/out" && grep -q "\"location\":null" "$T/out" && grep -q "\"killed\":null" "$T/out"'

# Actors followed through the story are marked inferred (shipped dictionaries).
printf 'Eastern Libyan strongman Khalifo Haftor rejected the plan.\nHaftor criticized Turkey.\n' > "$T/inf.txt"
"$K" code --date 2020-01-10 "$T/inf.txt" > "$T/out" 2>/dev/null
check "story actor: surname-only mention coded and marked inferred" \
  'grep "\"text\":\"Haftor\"" "$T/out" | grep -q "\"code\":\"LBYGOV\".*\"inferred\":true"'
check "story actor: a known country is not inferred" '! grep -q "\"text\":\"Turkey\"[^}]*inferred" "$T/out"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
