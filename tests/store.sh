#!/bin/sh
# store.sh - the event store and its exports (issue #9) as a user meets them: code --db, a
# re-run and a killed-then-resumed run that give the same store, foreign and damaged files,
# the round trip code -> store -> export -> reload, each export format checked field by
# field against rows written by hand, de-duplication switched on and off, and query.
B=${B:-build}
K="$B/khaldun"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL store: $1"; }
check() { if eval "$2"; then ok; else no "$1"; fi; }
M="--dict tests/data --gazetteer tests/data/geonames/cities15000.txt -q"

# Four stories: a wire story carried by two outlets (same text, same date), another story of
# the same day with the same event (one-a-day), and a story of another day with a death toll.
cat > "$T/in.jsonl" <<'J'
{"id":"a1","date":"2020-01-10","source":"Wire A","url":"http://a.example/1","text":"Turkey attacked Libyan rebels in Tripoli on Monday."}
{"id":"b1","date":"2020-01-10","source":"Paper B","url":"http://b.example/1","text":"Turkey attacked Libyan rebels in Tripoli on Monday."}
{"id":"c1","date":"2020-01-10","source":"Paper C","text":"Turkish forces attacked Libyan rebels on Monday, officials said."}
{"id":"d1","date":"2020-02-03","source":"Wire A","text":"Russia accused Turkey of lying.\n\nRussian troops attacked Libyan rebels in Tripoli, killing 12 people."}
J

# code --db: events go to the store only
"$K" code $M --db "$T/e.db" "$T/in.jsonl" > "$T/out"; rc=$?
check "code --db: exit 0, nothing on stdout" '[ $rc -eq 0 ] && [ ! -s "$T/out" ]'
"$K" code $M --format tsv "$T/in.jsonl" > "$T/events.tsv"
nev=$(($(wc -l < "$T/events.tsv") - 1))
check "the stories code to events ($nev)" '[ "$nev" -ge 5 ]'

# Re-running doubles nothing: the export is the same byte for byte.
"$K" export --dedup none "$T/e.db" > "$T/x1.csv"
"$K" code $M --db "$T/e.db" "$T/in.jsonl"
"$K" export --dedup none "$T/e.db" > "$T/x2.csv"
check "re-run: same events, none doubled" 'cmp -s "$T/x1.csv" "$T/x2.csv" && [ $(($(wc -l < "$T/x1.csv") - 1)) -eq "$nev" ]'
if command -v sqlite3 > /dev/null; then
  check "re-run: one row per story" '[ "$(sqlite3 "$T/e.db" "select count(*) from stories")" = 4 ]'
  check "WAL mode" '[ "$(sqlite3 "$T/e.db" "pragma journal_mode")" = wal ]'
  check "application_id" '[ "$(sqlite3 "$T/e.db" "pragma application_id")" = 1263029316 ]'
  check "a count of the event that killed" '[ "$(sqlite3 "$T/e.db" "select kind, n, qualifier from counts where event is not null")" = "killed|12|exact" ]'
  check "evidence sentences stored" '[ "$(sqlite3 "$T/e.db" "select count(*) from sentences")" -ge 4 ]'
  check "actors view" '[ "$(sqlite3 "$T/e.db" "select count(*) from actors where role = '"'"'source'"'"'")" -eq "$nev" ]'
else
  echo "SKIP store: sqlite3 command not installed: schema checks skipped"
fi

# Round trip: the events of code --format tsv and those reloaded from the Phoenix export agree
# (doc_id, sentence, date, source, target, code).
awk -F'\t' 'NR > 1 && $8 != "" { d = $3; gsub("-", "", d); print $1 "_" $2, d, $4, $6, $8 }' "$T/events.tsv" | sort > "$T/rt.code"
"$K" export --format phoenix --dedup none "$T/e.db" > "$T/x.phx"
awk -F'\t' '{ print $24, $2, $6, $10, $14 }' "$T/x.phx" | sort > "$T/rt.store"
check "round trip: code -> store -> export -> reload" '[ -s "$T/rt.code" ] && cmp -s "$T/rt.code" "$T/rt.store"'
check "phoenix: 26 fields on every row" '[ "$(awk -F"\t" "NF != 26" "$T/x.phx" | wc -l)" -eq 0 ]'
# code --format phoenix gives what export gives
"$K" code $M --format phoenix --dedup none "$T/in.jsonl" > "$T/c.phx"
check "code --format phoenix = export --format phoenix" 'cmp -s "$T/c.phx" "$T/x.phx"'

# Foreign and damaged files get a clear error and are not written.
printf 'not a database, a text file\n' > "$T/text.db"
"$K" code $M --db "$T/text.db" "$T/in.jsonl" 2> "$T/err"; rc=$?
check "a text file: refused" '[ $rc -eq 2 ] && grep -q "not a khaldun event store" "$T/err" && [ "$(cat "$T/text.db")" = "not a database, a text file" ]'
if command -v sqlite3 > /dev/null; then
  sqlite3 "$T/other.db" "create table t(x); insert into t values (1);"
  "$K" code $M --db "$T/other.db" "$T/in.jsonl" 2> "$T/err"; rc=$?
  check "another program's database: refused" '[ $rc -eq 2 ] && grep -q "another program" "$T/err" && [ "$(sqlite3 "$T/other.db" "select count(*) from sqlite_schema")" = 1 ]'
  cp "$T/e.db" "$T/new.db"; sqlite3 "$T/new.db" "pragma user_version = 99"
  "$K" export "$T/new.db" 2> "$T/err" > /dev/null; rc=$?
  check "a newer schema: refused" '[ $rc -eq 2 ] && grep -q "schema version 99" "$T/err"'
fi
# a store whose pages are overwritten in the middle
"$K" code $M --db "$T/dmg.db" "$T/in.jsonl"
sz=$(stat -c %s "$T/dmg.db")
head -c 4096 "$T/dmg.db" > "$T/dmg2.db"; head -c $((sz - 4096)) /dev/urandom >> "$T/dmg2.db"
"$K" export "$T/dmg2.db" > /dev/null 2> "$T/err"; rc=$?
check "a damaged store: a clear error" '[ $rc -eq 2 ] && grep -qi "damaged\|malformed" "$T/err"'
"$K" export "$T/none.db" > /dev/null 2> "$T/err"; rc=$?
check "export of a missing file: an error, no file made" '[ $rc -eq 2 ] && [ ! -e "$T/none.db" ]'

# A killed run leaves a consistent store; resuming (re-running) gives the same store as a
# run that was never killed.
i=0; : > "$T/big.jsonl"
while [ $i -lt 400 ]; do
  printf '{"id":"s%d-%s","date":"2020-01-%02d","text":"Turkey attacked Libyan rebels in Tripoli. Russia accused Turkey of lying. Russian troops attacked Libyan rebels, killing %d people."}\n' $i x $((i % 28 + 1)) $((i + 1))
  i=$((i + 1))
done > "$T/b1.jsonl"
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do sed "s/-x\"/-$k\"/" "$T/b1.jsonl"; done > "$T/big.jsonl"
"$K" code $M -j 1 --db "$T/clean.db" "$T/big.jsonl"
"$K" code $M -j 1 --db "$T/kill.db" "$T/big.jsonl" & pid=$!
sleep 0.3; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$K" export --dedup none "$T/kill.db" > /dev/null 2> "$T/err"; rc=$?
check "killed run: the store opens and reads" '[ $rc -eq 0 ]'
if command -v sqlite3 > /dev/null; then
  n=$(sqlite3 "$T/kill.db" "select count(*) from stories")
  echo "store: killed run left $n of 10000 stories committed"
  check "killed run: integrity_check ok" '[ "$(sqlite3 "$T/kill.db" "pragma integrity_check")" = ok ]'
  check "killed run: whole batches only" '[ $((n % 1000)) -eq 0 ] || [ "$n" -eq 10000 ]'
fi
"$K" code $M -j 1 --db "$T/kill.db" "$T/big.jsonl"
"$K" export --dedup none "$T/clean.db" > "$T/clean.csv"
"$K" export --dedup none "$T/kill.db" > "$T/kill.csv"
check "killed then resumed = never killed" 'cmp -s "$T/clean.csv" "$T/kill.csv" && [ $(wc -l < "$T/clean.csv") -gt 10000 ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
