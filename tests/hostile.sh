#!/bin/sh
# hostile.sh - input built to break a coder (issue #8): a 100 MB line, a million stories, NUL
# bytes, bad UTF-8, BOMs and CRLF, deep and huge JSON, absurd numbers, a truncated gzip, a
# dictionary entry with 100,000 synonyms, a synset that names itself, patterns made to
# backtrack. Each run must end (a hang is caught by `timeout`), say what it rejected and where,
# and balance: stories read = coded + with no event + rejected.
# Under the sanitizer build (B=build-asan) the big inputs are a tenth of the size, under
# valgrind (make test-valgrind) a hundredth.
B=${B:-build}
K="$B/khaldun"
NAME=hostile
. tests/lib/check.sh
M="--dict tests/data"
SCALE=1; case "$B" in *asan*) SCALE=10 ;; *valgrind*) SCALE=100 ;; esac
TO="timeout 600"; command -v timeout > /dev/null || TO=""

# "N stories: C coded, E with no event, R rejected": does N = C + E + R?
balanced() {
  awk '/stories:/ { gsub(/[:,;]/, " "); n = $2; c = $4; e = $6; r = $10; found = 1 }
       END { exit !(found && n == c + e + r) }' "$1"
}

# A 100 MB story on one line: coded in linear time and memory (sentences are cut at 250
# tokens; the peak is printed, not judged).
MB=$((100 / SCALE))
awk -v n="$MB" 'BEGIN { s = "The ministers of the two countries discussed trade and water on Monday in the capital while Turkey attacked Egypt near the border, officials said. ";
  for (i = 0; i < n * 1000000 / length(s); i++) printf "%s", s; print "" }' > "$T/big.txt"
if [ -x /usr/bin/time ]; then
  $TO /usr/bin/time -f "%M" -o "$T/rss" "$K" code $M -j 1 "$T/big.txt" > "$T/out" 2> "$T/err"; rc=$?
  echo "hostile: a $MB MB line: peak $(awk '{ printf "%.0f", $1 / 1024 }' "$T/rss") MB resident"
else
  $TO "$K" code $M -j 1 "$T/big.txt" > "$T/out" 2> "$T/err"; rc=$?
fi
check "$MB MB line: coded" '[ $rc -eq 0 ] && grep -q "1 stories: 1 coded" "$T/err" && [ $(wc -l < "$T/out") -gt $((MB * 5000)) ]'
rm -f "$T/big.txt" "$T/out"

# A million tiny stories (a hundred thousand under the sanitizers), one malformed among them.
N=$((1000000 / SCALE))
awk -v n="$N" 'BEGIN { for (i = 1; i <= n; i++) {
  if (i == n / 2) print "{\"id\":\"bad\",\"text\":\"unterminated}";
  else printf "{\"id\":\"%d\",\"text\":\"Egypt met Turkey.\"}\n", i } }' > "$T/many.jsonl"
$TO "$K" code $M "$T/many.jsonl" > "$T/out" 2> "$T/err"; rc=$?
check "$N stories: all read, counted and balanced" '[ $rc -eq 1 ] && grep -q "$N stories: $((N - 1)) coded, 0 with no event, 1 rejected" "$T/err" && [ $(wc -l < "$T/out") -eq $((N - 1)) ]'
check "$N stories: the bad line named" 'grep -q "many.jsonl:$((N / 2)): byte [0-9]*: malformed JSON" "$T/err"'
rm -f "$T/many.jsonl" "$T/out"

# NUL bytes: in a text story, in a JSON string (\u0000), raw in a JSON Lines line.
printf 'Turkey attacked\000 Egypt.\n' > "$T/nul.txt"
printf '{"id":"1","text":"Turkey attacked\\u0000 Egypt."}\n{"id":"2","text":"Egypt met\000 Turkey."}\n{"id":"3","text":"Egypt met Turkey."}\n' > "$T/nul.jsonl"
$TO "$K" code $M "$T/nul.txt" "$T/nul.jsonl" > "$T/out" 2> "$T/err"; rc=$?
check "NUL bytes: no crash, accounted for" '[ $rc -le 1 ] && balanced "$T/err" && grep -q "4 stories" "$T/err"'
check "NUL bytes: read as blanks, noted with line and byte" 'grep -q "nul.jsonl:2: byte 77: 1 NUL byte read as blank" "$T/err"'
check "NUL bytes: every story coded, none run into the next" 'grep -q "4 stories: 4 coded" "$T/err" && grep -q "\"doc_id\":\"3\"" "$T/out"'

# Overlong and truncated UTF-8, a lone surrogate, a BOM, CRLF line ends.
printf '\357\273\277Turkey attacked Egypt.\r\nEgypt met \300\257 Turkey.\r\nTurkey met \355\240\200 Egypt today.\r\nEgypt met Turkey \342\202' > "$T/utf.txt"
$TO "$K" code $M "$T/utf.txt" > "$T/out" 2> "$T/err"; rc=$?
check "bad UTF-8: coded, the bad bytes counted at the first one's byte" '[ $rc -eq 0 ] && grep -q "utf.txt:1: byte 38: 7 invalid UTF-8 bytes replaced" "$T/err"'
check "BOM: not part of the first word" 'grep -q "\"source\":{\"code\":\"TUR\",\"text\":\"Turkey\",\"start\":3," "$T/out"'
# (the last line has no final point: a fragment, not coded)
check "CRLF: sentences split as with LF" '[ $(grep -c "\"code\":\"040\"" "$T/out") -eq 2 ] && grep -q "3 sentences (1 headlines and fragments" "$T/err"'

# Deep and huge JSON values.
awk 'BEGIN { printf "{\"id\":\"deep\",\"text\":\"Egypt met Turkey.\",\"x\":"; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "}" }' > "$T/deep.jsonl"
awk 'BEGIN { printf "{\"id\":\"huge\",\"title\":\""; for (i = 0; i < 1000000; i++) printf "xxxxxxxxxx"; printf "\",\"text\":\"Egypt met Turkey.\",\"n\":"; for (i = 0; i < 5000; i++) printf "9"; print "}" }' >> "$T/deep.jsonl"
printf '{"id":"ok","text":"Egypt met Turkey."}\n' >> "$T/deep.jsonl"
$TO "$K" code $M "$T/deep.jsonl" > "$T/out" 2> "$T/err"; rc=$?
check "deep and huge JSON: no crash, balanced" '[ $rc -le 1 ] && balanced "$T/err" && grep -q "3 stories" "$T/err"'
check "deep and huge JSON: the last story coded" 'grep -q "\"doc_id\":\"ok\"" "$T/out"'
check "deep JSON: rejected with its line and byte" 'grep -q "deep.jsonl:1: byte [0-9]*: malformed JSON" "$T/err"'
check "huge JSON values: the story is coded" 'grep -q "\"doc_id\":\"huge\"" "$T/out"'

# Absurd numbers.
printf '999999999999999999999 people were killed when Turkey attacked Egypt. Turkey attacked Egypt, killing 1e999 and 18446744073709551616 soldiers.\n' > "$T/num.txt"
$TO "$K" code --date 2020-01-10 "$T/num.txt" > "$T/out" 2> "$T/err"; rc=$?
check "absurd numbers: coded, no count made of them" '[ $rc -eq 0 ] && [ $(grep -c "\"code\":\"19" "$T/out") -eq 2 ] && [ $(grep -c "\"killed\":null" "$T/out") -eq 2 ] && ! grep -q "\"n\":[0-9]\{10,\}" "$T/out"'

# A truncated gzip: the stories before the cut are coded, the rest rejected with a reason.
awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "{\"id\":\"%d\",\"text\":\"Egypt met Turkey on day %d.\"}\n", i, i }' | gzip -c > "$T/full.jsonl.gz"
head -c $(($(stat -c %s "$T/full.jsonl.gz") / 2)) "$T/full.jsonl.gz" > "$T/cut.jsonl.gz"
$TO "$K" code $M "$T/cut.jsonl.gz" > "$T/out" 2> "$T/err"; rc=$?
check "truncated gzip: exit 1, said so, balanced" '[ $rc -eq 1 ] && grep -qi "gzip\|truncated\|compressed" "$T/err" && balanced "$T/err"'
check "truncated gzip: what came before is coded" '[ $(wc -l < "$T/out") -gt 100 ]'

# A dictionary entry with 100,000 synonyms, and the story that names the last one.
awk 'BEGIN { print "GONDOR_ [GON]"; for (i = 0; i < 100000; i++) printf "+GONDOR_PLACE%d_\n", i; print "MORDOR_ [MOR]" }' > "$T/syn.actors"
cp tests/data/mini.verbs "$T/syn.verbs"
printf 'Gondor place99999 attacked Mordor.\n' > "$T/syn.txt"
$TO "$K" code --dict "$T" "$T/syn.txt" > "$T/out" 2> "$T/err"; rc=$?
check "100,000 synonyms: loaded and used" '[ $rc -eq 0 ] && grep -q "\"source\":{\"code\":\"GON\",\"text\":\"Gondor place99999\"" "$T/out"'
rm -f "$T/syn.actors" "$T/syn.verbs"

# A synset that names itself, and patterns built to make a naive matcher backtrack.
mkdir "$T/d"
cp tests/data/mini.actors "$T/d/"
{
  echo "&LOOP"; echo "+AGAIN_"; echo "+AGAIN_ &LOOP"; echo "+&LOOP AGAIN_"
  echo "&A"; echo "+A_"; echo "+A_ A_"; echo "+A_ A_ A_"
  echo "BLAST_ [190]"
  echo "- * &LOOP &LOOP + [193]"
  echo "- * &A &A &A &A &A &A &A &A &A &A &A &A + [194]"
  echo "- * A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ A_ Z_ [195]"
} > "$T/d/bad.verbs"
awk 'BEGIN { printf "Turkey blasted"; for (i = 0; i < 200; i++) printf " a again"; print " Egypt." }' > "$T/bt.txt"
$TO "$K" code --dict "$T/d" "$T/bt.txt" > "$T/out" 2> "$T/err"; rc=$?
check "cyclic synset and backtracking patterns: the run ends and codes" '[ $rc -eq 0 ] && grep -q "\"code\":\"19" "$T/out"'
$TO "$K" dict check "$T/d" > "$T/out" 2> "$T/err"; rc=$?
check "cyclic synset: dict check ends" '[ $rc -le 1 ] && grep -q "^verbs 1 " "$T/out"'

# A sentence cut at its 250-token limit where the 250th token is a comma (once cut again
# forever: found by fuzz/fuzz_code.c).
awk 'BEGIN { for (k = 0; k < 3; k++) { for (i = 1; i <= 250; i++) printf "word "; printf ", " } print "Turkey attacked Egypt." }' > "$T/cut.txt"
$TO "$K" code $M "$T/cut.txt" > "$T/out" 2> "$T/err"; rc=$?
check "a comma at the sentence limit: cut once, coded" '[ $rc -eq 0 ] && grep -q "\"code\":\"190\"" "$T/out"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
