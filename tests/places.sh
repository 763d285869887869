#!/bin/sh
# places.sh - places (issue #6) as a user meets them: the gazetteer compiled from a GeoNames
# folder or read from a dump, --gazetteer none, a damaged or missing gazetteer, the location
# in JSON Lines and TSV, the GeoNames attribution in --version; with the build's gazetteer
# (skipped, saying so, when the build had no GeoNames data) the seed story of ../shared.
B=${B:-build}
SHARED=${SHARED:-../shared}
K="$B/khaldun"
NAME=places
. tests/lib/check.sh
M="--dict tests/data"
G=tests/data/geonames   # a tiny extract in GeoNames' format, written for khaldun

# The attribution GeoNames' licence (CC BY 4.0) asks for.
"$K" --version > "$T/v"
check "--version names GeoNames" 'grep -q "GeoNames" "$T/v" && grep -q "CC BY 4.0" "$T/v"'

# Compile a GeoNames folder; the line with no tabs is skipped.
"$K" gazetteer compile "$G" -o "$T/mini.gaz" 2> "$T/err"; rc=$?
check "compile: exit 0" '[ $rc -eq 0 ] && [ -s "$T/mini.gaz" ]'
check "compile: says what it wrote" 'grep -q "8 places, 6 divisions, 5 countries.*; 1 malformed line skipped" "$T/err"'
"$K" gazetteer stats "$T/mini.gaz" > "$T/stats"
check "stats: counts and attribution" 'grep -q "^places 8" "$T/stats" && grep -q "CC BY 4.0" "$T/stats"'
"$K" gazetteer compile "$G" 2> /dev/null; rc=$?
check "compile without -o: usage error" '[ $rc -eq 2 ]'

# Coding with it: a place after "in", context, a qualifier, the capital.
printf 'Egypt met Turkey in Istanbul on Monday.\n' > "$T/a.txt"
"$K" code $M --gazetteer "$T/mini.gaz" --date 2020-01-10 "$T/a.txt" > "$T/out" 2>/dev/null
check "json location" 'grep -q "\"location\":{\"name\":\"Istanbul\",\"country\":\"TUR\",\"admin1\":\"Istanbul\",\"lat\":41.01000,\"lon\":28.95000,\"geonameid\":9200007,\"precision\":\"city\",\"text\":\"Istanbul\"" "$T/out"'
# a GeoNames dump read directly (no compile step)
"$K" code $M --gazetteer "$G/cities15000.txt" --date 2020-01-10 "$T/a.txt" > "$T/out2" 2>/dev/null
check "a dump read directly gives the same" 'cmp -s "$T/out" "$T/out2"'
printf 'Turkey attacked Libyan rebels in Tripoli on Monday.\n' > "$T/b.txt"
"$K" code $M --gazetteer "$T/mini.gaz" "$T/b.txt" > "$T/out" 2>/dev/null
check "Tripoli in a Libyan story" 'grep -q "\"name\":\"Tripoli\",\"country\":\"LBY\"" "$T/out"'
printf 'Turkey attacked rebels in Tripoli, Lebanon, on Monday.\n' > "$T/c.txt"
"$K" code $M --gazetteer "$T/mini.gaz" "$T/c.txt" > "$T/out" 2>/dev/null
check "Tripoli, Lebanon" 'grep -q "\"name\":\"Tripoli\",\"country\":\"LBN\",\"admin1\":\"Liban-Nord\"" "$T/out"'
printf 'Haftar said Libyan forces attacked rebels outside the capital.\n' > "$T/d.txt"
"$K" code $M --gazetteer "$T/mini.gaz" "$T/d.txt" > "$T/out" 2>/dev/null
check "outside the capital" 'grep -q "\"name\":\"Tripoli\",\"country\":\"LBY\".*\"text\":\"the capital\"" "$T/out"'
printf 'Turkey attacked Egypt in Libya.\n' > "$T/e.txt"
"$K" code $M --gazetteer "$T/mini.gaz" "$T/e.txt" > "$T/out" 2>/dev/null
check "country precision" 'grep -q "\"name\":\"Libya\",\"country\":\"LBY\",\"admin1\":null,.*\"precision\":\"country\"" "$T/out"'
printf 'Turkey attacked Egypt.\n' > "$T/f.txt"
"$K" code $M --gazetteer "$T/mini.gaz" "$T/f.txt" > "$T/out" 2>/dev/null
check "no place: null" 'grep -q "\"location\":null" "$T/out"'

# An allCountries.txt-style dump: a country's and a division's own records give their points
# and names; streams (H) and historical places (PPLH) are not kept.
"$K" gazetteer compile "$G/allCountries-mini.txt" -o "$T/all.gaz" 2> "$T/err"
check "allCountries: P kept, H and PPLH not" 'grep -q "wrote .*: 4 places" "$T/err"'
printf 'Turkey attacked Egypt in Libya. Turkey attacked Egypt in Tripoli District. Turkey attacked Egypt near Zuara.\n' > "$T/g.txt"
"$K" code $M --gazetteer "$T/all.gaz" "$T/g.txt" > "$T/out" 2>/dev/null
check "allCountries: a country's own point" 'grep -q "\"name\":\"Libya\",\"country\":\"LBY\",\"admin1\":null,\"lat\":28.00000,\"lon\":17.00000" "$T/out"'
check "allCountries: a division's alternate name and point" 'grep -q "\"admin1\":\"Tripoli\",\"lat\":32.70000,\"lon\":13.10000,\"geonameid\":9100001,\"precision\":\"admin1\"" "$T/out"'
check "allCountries: an alternate name of a place" 'grep -q "\"name\":\"Zuwarah\".*\"text\":\"Zuara\"" "$T/out"'

# TSV: the location columns.
"$K" code $M --gazetteer "$T/mini.gaz" --format tsv "$T/a.txt" > "$T/out" 2>/dev/null
check "tsv header" 'head -1 "$T/out" | grep -q "	location	location_country	location_admin1	lat	lon	geonameid	precision	"'
check "tsv row" 'grep -q "	Istanbul	TUR	Istanbul	41.01000	28.95000	9200007	city	" "$T/out"'
check "tsv columns line up" '[ $(head -1 "$T/out" | awk -F"\t" "{print NF}") -eq $(tail -1 "$T/out" | awk -F"\t" "{print NF}") ]'
"$K" code $M --gazetteer "$T/mini.gaz" --format tsv "$T/f.txt" > "$T/out" 2>/dev/null
check "tsv columns line up with no place" '[ $(head -1 "$T/out" | awk -F"\t" "{print NF}") -eq $(tail -1 "$T/out" | awk -F"\t" "{print NF}") ]'

# explain shows the candidates, the context and the choice.
"$K" explain $M --gazetteer "$T/mini.gaz" "Turkey attacked rebels in Tripoli, Lebanon." > "$T/out" 2>/dev/null
check "explain: candidates and choice" 'grep -q "^places" "$T/out" && grep -q "qualified by" "$T/out" && grep -q "   -> Tripoli, LBN" "$T/out" && grep -q "Tripoli, LBY" "$T/out"'
check "explain: the event placed" 'grep -q "event 1 (sentence 1) TUR 190 .*: Tripoli, LBN (city)" "$T/out"'

# --gazetteer none; a damaged file; a missing one; no gazetteer beside the program.
"$K" code $M --gazetteer none "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "--gazetteer none: null, no note" '[ $rc -eq 0 ] && grep -q "\"location\":null" "$T/out" && ! grep -q gazetteer "$T/err"'
cp "$T/mini.gaz" "$T/bad.gaz"
printf 'XXXX' | dd of="$T/bad.gaz" bs=1 seek=300 conv=notrunc 2>/dev/null
"$K" code $M --gazetteer "$T/bad.gaz" "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "damaged gazetteer: exit 2 and why" '[ $rc -eq 2 ] && grep -q "damaged" "$T/err"'
head -c 100 "$T/mini.gaz" > "$T/short.gaz"
"$K" code $M --gazetteer "$T/short.gaz" "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "truncated gazetteer: exit 2" '[ $rc -eq 2 ]'
head -c 65536 /dev/urandom > "$T/junk.txt" 2>/dev/null
cp tests/data/geonames/countryInfo.txt tests/data/geonames/admin1Codes.txt "$T/"
"$K" code $M --gazetteer "$T/junk.txt" "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "junk as a GeoNames dump: exit 2 and why" '[ $rc -eq 2 ] && grep -q "no populated places" "$T/err"'
printf '1\tX\tX\t\t999\t13\tP\tPPL\tLY\t\t77\t\t\t\t5\t\t0\tUTC\t2024-01-01\n' > "$T/badpos.txt"
cat tests/data/geonames/cities15000.txt >> "$T/badpos.txt"
"$K" gazetteer compile "$T/badpos.txt" -o "$T/bp.gaz" 2> "$T/err"; rc=$?
check "a line with no position is skipped" '[ $rc -eq 0 ] && grep -q "8 places.*; 2 malformed lines skipped" "$T/err"'
"$K" code $M --gazetteer "$T/nothere.gaz" "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "missing gazetteer: exit 2" '[ $rc -eq 2 ] && grep -q "nothere.gaz" "$T/err"'
# (a copy of the program away from its gazetteer; not when $K is a wrapper: make test-valgrind)
if head -c 4 "$K" | grep -q ELF; then
mkdir -p "$T/bin" && cp "$K" "$T/bin/khaldun"
KHALDUN_GAZETTEER= "$T/bin/khaldun" code $M "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check "no gazetteer: one-line note, null" '[ $rc -eq 0 ] && [ $(grep -c "no gazetteer" "$T/err") -eq 1 ] && grep -q "\"location\":null" "$T/out"'
"$T/bin/khaldun" --version > "$T/v"
check "--version without a gazetteer" 'grep -q "CC BY 4.0" "$T/v" && grep -q "gazetteer: none" "$T/v"'
else
  echo "SKIP places: a copy without its gazetteer ($K is a wrapper)"
fi

# make install puts the gazetteer beside the dictionaries, where the installed command finds it.
if [ -f "$B/places.gaz" ]; then
  make --no-print-directory -s install B="$B" PREFIX="$T/usr" > /dev/null 2>&1
  "$T/usr/bin/khaldun" code --date 2020-01-10 "$T/a.txt" > "$T/out" 2> "$T/err"
  check "installed: finds its gazetteer" '[ -f "$T/usr/share/khaldun/places.gaz" ] && grep -q "\"country\":\"TUR\"" "$T/out" && ! grep -q "no gazetteer" "$T/err"'
fi

# The seed story with the build's gazetteer (GeoNames from libtimezonemap-data).
S="$SHARED/seed/libya-haftar-2020-01.txt"
if [ ! -f "$B/places.gaz" ]; then
  echo "places.sh: seed story skipped (no $B/places.gaz: the build found no GeoNames data)"
elif [ ! -f "$S" ]; then
  echo "places.sh: seed story skipped (no $S)"
else
  "$K" code --date 2020-01-10 "$S" > "$T/seed" 2>/dev/null
  check "seed: the truce call (TURGOV 02x) in Istanbul, TUR" \
    'grep "\"source\":{\"code\":\"TURGOV\"" "$T/seed" | grep "\"code\":\"02[0-9]*\"" | grep -q "\"location\":{\"name\":\"İstanbul\",\"country\":\"TUR\""'
  check "seed: the truce call (RUSGOV 02x) in Istanbul, TUR" \
    'grep "\"source\":{\"code\":\"RUSGOV\"" "$T/seed" | grep "\"code\":\"02[0-9]*\"" | grep -q "\"location\":{\"name\":\"İstanbul\",\"country\":\"TUR\""'
  check "seed: the offensive (LBYMIL 190) at Tripoli, LBY, twice" \
    '[ $(grep "\"source\":{\"code\":\"LBYMIL\"" "$T/seed" | grep "\"code\":\"190\"" | grep -c "\"location\":{\"name\":\"Tripoli\",\"country\":\"LBY\",.*\"precision\":\"city\",\"text\":\"the capital\"") -eq 2 ]'
  check "seed: the dateline places no event" '! grep -q "\"name\":\"Benghazi\"" "$T/seed"'
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
