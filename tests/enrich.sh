#!/bin/sh
# enrich.sh - event dates and counts (issue #6) as the command writes them: JSON Lines, TSV,
# the story's counts record, explain; and the seed story's dates and counts (skipped when
# ../shared is absent).
B=${B:-build}
SHARED=${SHARED:-../shared}
K="$B/khaldun"
NAME=enrich
. tests/lib/check.sh

# JSON Lines: the event's date and counts, the story's counts record after the events.
printf 'Turkey attacked Syria in April, killing at least 12 people.\nTwo soldiers died on Monday.\n' > "$T/a.txt"
"$K" code --date 2020-01-10 "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "exit 0" '[ $rc -eq 0 ]'
check "month date" 'head -1 "$T/out" | grep -q "\"date\":\"2019-04-01\",\"date_precision\":\"month\",\"story_date\":\"2020-01-10\""'
check "event count" 'head -1 "$T/out" | grep -q "\"killed\":{\"n\":12,\"max\":null,\"qualifier\":\"at_least\",\"text\":\"killing at least 12\",\"start\":32,\"end\":51}"'
check "evidence names the date words" 'head -1 "$T/out" | grep -q "\"date\":{\"text\":\"in April\",\"start\":22,\"end\":30}}"'
check "kinds without a count are null" 'head -1 "$T/out" | grep -q "\"wounded\":null,\"arrested\":null,\"displaced\":null"'
check "story counts record last" 'tail -1 "$T/out" | grep -q "^{\"doc_id\":\"a.txt\",\"record\":\"counts\",\"story_date\":\"2020-01-10\",\"counts\":\[{\"kind\":\"killed\",\"sentence\":2,\"date\":\"2020-01-06\",\"date_precision\":\"day\",\"n\":2,"'
check "every line is JSON" 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$T/out" 2>/dev/null || ! command -v python3 >/dev/null'

# No story date: relative dates give none.
printf 'Turkey attacked Syria on Wednesday.\n' > "$T/b.txt"
"$K" code "$T/b.txt" > "$T/out" 2>/dev/null
check "no story date: null" 'grep -q "\"date\":null,\"date_precision\":null,\"story_date\":null" "$T/out"'

# TSV: the first eleven columns where they were, the new ones after goldstein.
"$K" code --format tsv --date 2020-01-10 "$T/a.txt" > "$T/tsv" 2>/dev/null
check "tsv header" 'head -1 "$T/tsv" | grep -q "^doc_id	sentence	date	source	source_text	target	target_text	code	root	quad	goldstein	date_precision	story_date	killed	wounded	arrested	displaced	location	location_country	location_admin1	lat	lon	geonameid	precision	pattern	evidence$"'
check "tsv event row" 'awk -F"\t" "NR == 2 && \$3 == \"2019-04-01\" && \$8 == \"190\" && \$12 == \"month\" && \$14 == \"at_least 12\" && NF == 26 { f = 1 } END { exit !f }" "$T/tsv"'
check "tsv story counts row" 'awk -F"\t" "NR == 3 && \$2 == 2 && \$3 == \"2020-01-06\" && \$8 == \"\" && \$14 == \"2\" && NF == 26 { f = 1 } END { exit !f }" "$T/tsv"'

# explain: the date and count decisions and why.
"$K" explain --date 2020-01-10 "Haftar late Thursday rejected calls by Turkey. Since 2011, 12 people were killed in 31 February." > "$T/ex" 2>/dev/null
check "explain: expression read" 'grep -q "\"late Thursday\" -> 2020-01-09 (Thursday, day): a weekday: the latest such weekday not after the story date" "$T/ex"'
check "explain: event dated" 'grep -q "date of event 1 (LBYMIL 120 TUR): 2020-01-09 (Thursday, day) from \"late Thursday\"" "$T/ex"'
check "explain: since is a bound" 'grep -q "\"2011\" -> 2011 (year): a year; a bound" "$T/ex"'
check "explain: invalid date" 'grep -q "\"in 31 February\" rejected: no such day in the calendar" "$T/ex"'
check "explain: story counts" 'grep -q "\"12 people were killed\" -> killed 12: the story.s counts (no violent event" "$T/ex"'

# The seed story (issue #6's checks).
SEED="$SHARED/seed/libya-haftar-2020-01.txt"
if [ -f "$SEED" ] && [ -d dict ]; then
  "$K" code --date 2020-01-10 "$SEED" > "$T/seed" 2>/dev/null
  ev() { grep "\"source\":{\"code\":\"$1\"" "$T/seed" | grep "\"code\":\"$2\"" | grep -q "\"date\":\"$3\",\"date_precision\":\"$4\""; }
  check "seed: the truce call is dated 2020-01-08" 'ev TURGOV 02[0-9]* 2020-01-08 day && ev RUSGOV 02[0-9]* 2020-01-08 day'
  check "seed: the rejection is dated 2020-01-09" 'ev LBYMIL 1246 2020-01-09 day'
  check "seed: the offensive is dated April 2019" 'ev LBYMIL 190 2019-04-01 month'
  check "seed: more than 1,000 killed" 'grep "\"record\":\"counts\"" "$T/seed" | grep -q "\"kind\":\"killed\",\"sentence\":15,\"date\":\"2020-01-10\",\"date_precision\":\"day\",\"n\":1000,\"max\":null,\"qualifier\":\"more_than\""'
  check "seed: at least 5,000 wounded" 'grep "\"record\":\"counts\"" "$T/seed" | grep -q "\"kind\":\"wounded\",\"sentence\":15,\"date\":\"2020-01-10\",\"date_precision\":\"day\",\"n\":5000,\"max\":null,\"qualifier\":\"at_least\""'
  check "seed: since 2011 moves no event" '! grep -q "\"date\":\"2011" "$T/seed"'
else
  echo "SKIP enrich: seed story (no $SEED or no shipped dictionaries)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
