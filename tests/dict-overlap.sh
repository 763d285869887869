#!/bin/sh
# dict-overlap.sh - the country dictionaries agree with the other shipped actor files: a phrase
# of countries.actors or countries.generated.actors that another file lists too has the same
# codes there (else which code a story gets depends on file order), and the generated file
# repeats nothing of the hand-written one (issue #5: countries.actors holds only what
# countries.generated.actors lacks). Phrases are compared as the loader reads them: case-folded,
# '-' and blanks as '_', a word's final '_' or '=' ignored.
D=${DICT:-dict}
pass=0; fail=0
out=$(awk '
function key(p,   n, w, i, k) {
  p = toupper(p); gsub(/[- \t]+/, "_", p); gsub(/_+/, "_", p)
  n = split(p, w, "_"); k = ""
  for (i = 1; i <= n; i++) { sub(/=$/, "", w[i]); if (w[i] != "") k = k (k == "" ? "" : "_") w[i] }
  return k
}
# codes as one string: "[A] [B x]" and "[A][B x]" alike
function norm(c) { gsub(/[ \t]+/, " ", c); gsub(/ *\[ */, "[", c); gsub(/ *\] */, "]", c); return c }
function flush(   i) {
  for (i = 1; i <= np; i++) print key(ph[i]) "\t" codes "\t" where[i]
  np = 0; codes = ""
}
# the phrase part of a line, and its codes appended to the entry
function take(s, syn,   p, c) {
  p = s; sub(/[[;#].*/, "", p); sub(/[ \t]+$/, "", p)
  c = s; sub(/[;#].*/, "", c)
  if (index(c, "[")) { c = substr(c, index(c, "[")); codes = codes norm(c) }
  if (p != "") { ph[++np] = p; where[np] = FILENAME ":" FNR }
}
FNR == 1 { flush() }
/^[ \t]*$/ || /^#/ || /^\// || /^</ { next }
/^\+/ { take(substr($0, 2), 1); next }
/^[ \t]+\[/ { c = $0; sub(/[;#].*/, "", c); codes = codes norm(c); next }
{
  # a primary phrase; PETRARCH: primary lines with no code share the codes that follow
  if (!(np > 0 && codes == "")) flush()
  take($0, 0)
}
END { flush() }
' "$D"/*.actors | sort -t "$(printf '\t')" -k1,1 -s | awk -F '\t' '
function base(w) { sub(/:.*/, "", w); sub(/.*\//, "", w); return w }
$1 == k {
  if (base($3) != base(w0) && (base($3) ~ /^countries/ || base(w0) ~ /^countries/)) {
    if ($2 != c0) print "FAIL dict-overlap: " $1 " is " c0 " in " w0 " but " $2 " in " $3
    else if (base($3) ~ /^countries/ && base(w0) ~ /^countries/)
      print "FAIL dict-overlap: " $1 " is in both " w0 " and " $3 " (" c0 "): keep one"
  }
  next
}
{ k = $1; c0 = $2; w0 = $3 }
')
if [ -n "$out" ]; then
  printf '%s\n' "$out"
  fail=$(printf '%s\n' "$out" | wc -l)
else
  pass=1
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
