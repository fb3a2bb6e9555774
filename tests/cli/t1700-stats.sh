#!/bin/sh
# cx's statistics against a reference table: every scenario in
# tests/data/stats has its figures worked out without cx's code
# (tests/data/stats/reference.py, see the README there), and every field cx
# writes must match them: the survey scores and the tests of a change, the
# journey map's stages and hot spots.
. "$(dirname "$0")/lib.sh"

S="$DATA/stats"
NOW=2026-11-01T00:00:00Z

for f in "$S"/survey-*.csv; do
	name=$(basename "$f" .csv)
	export F="$f" N="$name"
	t "$name: survey report --compare 30d matches the reference" <<'EOF'
export CX_DB="$(db_named "$N")"
cx survey import "$F" -q >/dev/null
cx --now $NOW survey report --compare 30d --format tsv >actual
same_figures "$S/$N.expect" actual
EOF
done

for f in "$S"/journey-*.csv; do
	name=$(basename "$f" .csv)
	export F="$f" N="$name"
	t "$name: journey map matches the reference" <<'EOF'
export CX_DB="$(db_named "$N")"
cx touch import "$F" --create-customers -q >/dev/null
cx --now $NOW journey map --min 1 --format tsv >actual
same_figures "$S/$N.expect" actual
EOF
done

# The issue's table, said in words for people: the figures above, as an owner reads them.
t 'table: a change on three answers a side is not called significant, and says how it was tested' <<'EOF'
export CX_DB="$(db_named words)"
cx survey import "$S/survey-nps-3-vs-3.csv" -q >/dev/null
cx --now $NOW survey report --compare 30d >table
grep -E '^survey-nps-3-vs-3 +nps .* 0\.100 +no +exact *$' table
has table 'Thin figures: fewer than 30 answers'
has table '  survey-nps-3-vs-3: NPS on 6 answers'
EOF

t 'table: too few answers to tell is said, not "no"' <<'EOF'
export CX_DB="$(db_named few)"
cx survey import "$S/survey-empty-before.csv" -q >/dev/null
cx --now $NOW survey report --compare 30d >table
grep -E '^survey-empty-before +nps .* +fewer than 2 answers before *$' table
cx --now $NOW survey report --compare 30d --format json >j.json
test "$(sqlite3 :memory: "select json_extract(cast(readfile('j.json') as text), '\$.change[0].significant') is null, json_type(cast(readfile('j.json') as text), '\$.change[0].significant')")" = '1|null'
EOF

t 'table: the NPS interval is shown, and stays on the scale' <<'EOF'
export CX_DB="$(db_named interval)"
cx survey import "$S/survey-nps-six-promoters.csv" -q >/dev/null
cx --now $NOW survey report >table
grep -E '^survey-nps-six-promoters +all +6 +100\.0 +25\.9 +100\.0 ' table
EOF

t 'journey map: a stage on a single rating has no interval, and the table says which figures are thin' <<'EOF'
export CX_DB="$(db_named thin)"
cx touch import "$S/journey-mixed.csv" --create-customers -q >/dev/null
cx --now $NOW journey map >table
has table 'Thin figures: fewer than 30 ratings'
has table '  awareness: emotion on 4 ratings, effort on 3 ratings'
has table '  consideration: emotion on 1 rating, effort on 1 rating'
cx --now $NOW journey map --format json >m.json
test "$(sqlite3 :memory: "select json_type(cast(readfile('m.json') as text), '\$.stages[1].emotion_lo'), json_extract(cast(readfile('m.json') as text), '\$.stages[1].emotion_small_sample')")" = 'null|1'
EOF

finish
