#!/bin/sh
# store.sh - the event store and its exports (issue #9) as a user meets them: code --db, a
# re-run and a killed-then-resumed run that give the same store, foreign and damaged files,
# the round trip code -> store -> export -> reload, each export format checked field by
# field against rows written by hand, de-duplication switched on and off, and query.
B=${B:-build}
K="$B/khaldun"
NAME=store
. tests/lib/check.sh
M="--dict tests/data --gazetteer tests/data/geonames/cities15000.txt -q"

# Four stories: a wire story carried by two outlets (same text, same date), another story of
# the same day with the same event (one-a-day), and a story of another day with a death toll.
cat > "$T/in.jsonl" <<'J'
{"id":"a1","date":"2020-01-10","source":"Wire A","url":"http://a.example/1","text":"Turkey attacked Libyan rebels in Tripoli on Monday."}
{"id":"b1","date":"2020-01-10","source":"Paper B","url":"http://b.example/1","text":"Turkey attacked Libyan rebels in Tripoli on Monday."}
{"id":"c1","date":"2020-01-10","source":"Paper C","text":"Turkey attacked Libyan rebels on Monday, officials said."}
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

# Each export checked field by field against rows written by hand. fields NAME SEP WANT GOT
# reports each field that differs by its number.
fields() {
  r=$(awk -F"$2" -v name="$1" 'NR == FNR { want[FNR] = $0; next }
    { n = split(want[FNR], w, FS); if (NF != n) { print name " row " FNR ": " NF " fields, want " n; next }
      for (i = 1; i <= n; i++) if ($i != w[i]) print name " row " FNR " field " i ": got \"" $i "\", want \"" w[i] "\"" }
    END { if (FNR != length(want)) print name ": " FNR " rows, want " length(want) }' "$3" "$4")
  if [ -z "$r" ]; then ok; else no "$r"; fi
}
TAB=$(printf '\t')
"$K" export --format phoenix "$T/e.db" > "$T/o.phx"
# a1, b1 (the same wire text) and c1 report one attack on Monday 6 January: one record
# (one-a-day), its URLs and outlets listed; the place is Tripoli of the tiny gazetteer.
cat > "$T/want.phx" <<W
5136127458519980${TAB}20200106${TAB}2020${TAB}1${TAB}6${TAB}TUR${TAB}TUR${TAB}${TAB}${TAB}LBY${TAB}LBY${TAB}${TAB}${TAB}190${TAB}19${TAB}4${TAB}-10.0${TAB}${TAB}32.88${TAB}13.19${TAB}Tripoli${TAB}Tripoli${TAB}LBY${TAB}a1_1${TAB}http://a.example/1;http://b.example/1${TAB}Wire A;Paper B;Paper C
8921894883673873${TAB}20200203${TAB}2020${TAB}2${TAB}3${TAB}RUS${TAB}RUS${TAB}${TAB}${TAB}TUR${TAB}TUR${TAB}${TAB}${TAB}112${TAB}11${TAB}3${TAB}-2.0${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}d1_1${TAB}${TAB}Wire A
882265614423651${TAB}20200203${TAB}2020${TAB}2${TAB}3${TAB}RUSMIL${TAB}RUS${TAB}MIL${TAB}${TAB}LBY${TAB}LBY${TAB}${TAB}${TAB}190${TAB}19${TAB}4${TAB}-10.0${TAB}${TAB}32.88${TAB}13.19${TAB}Tripoli${TAB}Tripoli${TAB}LBY${TAB}d1_2${TAB}${TAB}Wire A
W
fields phoenix "$TAB" "$T/want.phx" "$T/o.phx"
"$K" export --format gdelt -o "$T/o.gdelt" "$T/e.db"
E8="${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}"
cat > "$T/want.gdelt" <<W
5136127458519980${TAB}20200106${TAB}202001${TAB}2020${TAB}2020.0986${TAB}TUR${TAB}Turkey${TAB}TUR${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}LBY${TAB}Libyan${TAB}LBY${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}190${TAB}190${TAB}19${TAB}4${TAB}-10.0${TAB}3${TAB}3${TAB}3${TAB}${E8}${E8}${TAB}4${TAB}Tripoli, Tripoli, LBY${TAB}${TAB}${TAB}${TAB}32.88${TAB}13.19${TAB}${TAB}20200110${TAB}http://a.example/1
8921894883673873${TAB}20200203${TAB}202002${TAB}2020${TAB}2020.1726${TAB}RUS${TAB}Russia${TAB}RUS${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}TUR${TAB}Turkey${TAB}TUR${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}112${TAB}112${TAB}11${TAB}3${TAB}-2.0${TAB}1${TAB}1${TAB}1${TAB}${E8}${E8}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}20200203${TAB}
882265614423651${TAB}20200203${TAB}202002${TAB}2020${TAB}2020.1726${TAB}RUSMIL${TAB}Russian troops${TAB}RUS${TAB}${TAB}${TAB}${TAB}${TAB}MIL${TAB}${TAB}${TAB}LBY${TAB}Libyan${TAB}LBY${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}190${TAB}190${TAB}19${TAB}4${TAB}-10.0${TAB}1${TAB}1${TAB}1${TAB}${E8}${E8}${TAB}4${TAB}Tripoli, Tripoli, LBY${TAB}${TAB}${TAB}${TAB}32.88${TAB}13.19${TAB}${TAB}20200203${TAB}
W
fields gdelt "$TAB" "$T/want.gdelt" "$T/o.gdelt"
cat > "$T/want.mentions" <<W
5136127458519980${TAB}20200110${TAB}20200110${TAB}${TAB}Wire A${TAB}http://a.example/1${TAB}1${TAB}0${TAB}16${TAB}7${TAB}1${TAB}${TAB}51${TAB}${TAB}${TAB}
5136127458519980${TAB}20200110${TAB}20200110${TAB}${TAB}Paper B${TAB}http://b.example/1${TAB}1${TAB}0${TAB}16${TAB}7${TAB}1${TAB}${TAB}51${TAB}${TAB}${TAB}
5136127458519980${TAB}20200110${TAB}20200110${TAB}${TAB}Paper C${TAB}c1${TAB}1${TAB}0${TAB}16${TAB}7${TAB}1${TAB}${TAB}56${TAB}${TAB}${TAB}
8921894883673873${TAB}20200203${TAB}20200203${TAB}${TAB}Wire A${TAB}d1${TAB}1${TAB}0${TAB}15${TAB}7${TAB}1${TAB}${TAB}101${TAB}${TAB}${TAB}
882265614423651${TAB}20200203${TAB}20200203${TAB}${TAB}Wire A${TAB}d1${TAB}2${TAB}33${TAB}57${TAB}48${TAB}1${TAB}${TAB}101${TAB}${TAB}${TAB}
W
fields "gdelt mentions" "$TAB" "$T/want.mentions" "$T/o.gdelt.mentions"
"$K" export --format csv "$T/e.db" | sed -n '1p;4p' > "$T/o.csv"
cat > "$T/want.csv" <<'W'
event_id,doc_id,story_date,sentence,date,date_precision,source,source_country,source_text,target,target_country,target_text,code,root,quad,goldstein,plover_event,plover_mode,killed,killed_qualifier,wounded,wounded_qualifier,arrested,arrested_qualifier,displaced,displaced_qualifier,location,location_country,location_admin1,lat,lon,geonameid,location_precision,issues,pattern,num_mentions,num_articles,num_sources,outlet,url,evidence
882265614423651,d1,2020-02-03,2,2020-02-03,day,RUSMIL,RUS,Russian troops,LBY,LBY,Libyan,190,19,4,-10.0,ASSAULT,,12,exact,,,,,,,Tripoli,LBY,Tripoli,32.88,13.19,9200001,city,,data/mini.verbs:18,1,1,1,Wire A,,"Russian troops attacked Libyan rebels in Tripoli, killing 12 people."
W
# the evidence holds a comma: compare the quoted cell whole, the others field by field
sed 's/,"[^"]*"$//' "$T/want.csv" > "$T/want.csv2"; sed 's/,"[^"]*"$//' "$T/o.csv" > "$T/o.csv2"
fields csv , "$T/want.csv2" "$T/o.csv2"
check "csv: the evidence quoted" 'tail -n 1 "$T/o.csv" | grep -q ",\"Russian troops attacked Libyan rebels in Tripoli, killing 12 people.\"$"'
"$K" export --format plover "$T/e.db" | sed -n 3p > "$T/o.plover"
cat > "$T/want.plover" <<'W'
{"id":"882265614423651","date":"2020-02-03","date_precision":"day","actor":[{"code":"RUS","sector":"MIL","entity_text":"Russian troops","cameo":"RUSMIL"}],"recipient":[{"code":"LBY","sector":null,"entity_text":"Libyan","cameo":"LBY"}],"event":["ASSAULT"],"mode":[],"context":[],"event_loc":{"extracted_place":"Tripoli","resolved_place":"Tripoli","geonameid":9200001,"lat":32.88,"lon":13.19,"city":"Tripoli","province":"Tripoli","country_code":"LBY","resolution":4},"event_text":["attacked"],"quad_code":4,"size":{"dead":12,"injured":null,"arrested":null},"text_info":{"sequence":2},"cite_info":{"citation":"d1","url":null,"publication":"Wire A","coder":"khaldun 0.1.0","codebook":"CAMEO 1.1b3 mapped to PLOVER (CAMEO2PLOVER 2021)"},"cameo":"190","num_mentions":1,"num_articles":1,"num_sources":1}
W
fields plover , "$T/want.plover" "$T/o.plover"
if command -v python3 > /dev/null; then
  check "plover: every line is JSON" '"$K" export --format plover "$T/e.db" | python3 -c "import json,sys; [json.loads(l) for l in sys.stdin]"'
fi

# De-duplication switched off step by step: copies only keeps c1 apart; none keeps b1 too.
"$K" export --format phoenix --dedup copies "$T/e.db" > "$T/o.copies"
check "dedup copies: 4 records, the wire story's 2 outlets" '[ $(wc -l < "$T/o.copies") -eq 4 ] && head -n 1 "$T/o.copies" | grep -q "${TAB}a1_1${TAB}http://a.example/1;http://b.example/1${TAB}Wire A;Paper B$"'
"$K" export --format gdelt --dedup none "$T/e.db" > "$T/o.none" 2>/dev/null
check "dedup none: 5 records of 1 mention each" '[ $(wc -l < "$T/o.none") -eq 5 ] && [ "$(cut -f32-34 "$T/o.none" | sort -u)" = "1${TAB}1${TAB}1" ]'

# query: filters and groups, as a table, CSV and JSON (the four stories give, one-a-day,
# TUR>LBY 19 on 2020-01-06, RUS>TUR 11 and RUS>LBY 19 on 2020-02-03).
"$K" query --by month --format csv "$T/e.db" > "$T/q1"
check "query by month (csv)" '[ "$(cat "$T/q1")" = "$(printf "month,events\n2020-01,1\n2020-02,2")" ]'
"$K" query --by dyad,root --dedup none --format csv "$T/e.db" > "$T/q2"
check "query by dyad and root, no dedup" '[ "$(cat "$T/q2")" = "$(printf "dyad,root,events\nRUS>LBY,19,1\nRUS>TUR,11,1\nTUR>LBY,19,3")" ]'
"$K" query --country LBY --root 19,20 --quad 4 --from 2020-02-01 --to 2020-02-28 --format json "$T/e.db" > "$T/q3"
check "query filters (json)" '[ "$(cat "$T/q3")" = "$(printf "[\n{\"events\":1}\n]")" ]'
"$K" query --source TUR --target LBY --by week --dedup copies "$T/e.db" > "$T/q4"
check "query dyad filter, by week (table)" '[ "$(sed -n 2p "$T/q4" | tr -s " ")" = "2020-01-06 2" ]'
"$K" query --by country --format csv "$T/e.db" > "$T/q5"
check "query by country" '[ "$(cat "$T/q5")" = "$(printf "country,events\nRUS,2\nTUR,1")" ]'
"$K" query --by nonsense "$T/e.db" 2> /dev/null; rc=$?
check "query: a bad group is a usage error" '[ $rc -eq 2 ]'

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
# (killed once the first batch is in: a slow build, valgrind, must get that far first)
size() { cat "$T/kill.db" "$T/kill.db-wal" 2>/dev/null | wc -c; }
w=0; while [ $w -lt 300 ] && [ "$(size)" -lt 400000 ] && kill -0 $pid 2>/dev/null; do
  sleep 0.1; w=$((w + 1)); done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
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
