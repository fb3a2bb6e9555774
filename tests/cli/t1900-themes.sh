#!/bin/sh
# Themes in free text: survey comments with planted themes (tests/data/themes,
# made and worked out by make.py without cx) found with the reference's
# counts, G², p and NPS intervals; word forms one theme; a survey's own
# language; feedback and case themes; the trend by period; bad options
# refused before anything is read.
. "$(dirname "$0")/lib.sh"

D="$DATA/themes"

# figures FILE: the reference's columns of the themes cold, late and leak.
figures() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		print "stems\tmentions\tunhappy\tothers\tg2\tp\tnps_with\tnps_with_lo\tnps_with_hi\tnps_without\tnps_without_lo\tnps_without_hi"
		next }
		$c["stems"] == "cold" || $c["stems"] == "late" || $c["stems"] == "leak" {
		print $c["stems"] "\t" $c["mentions"] "\t" $c["unhappy"] "\t" $c["others"] "\t" $c["g2"] "\t" $c["p"] "\t" \
			$c["nps_with"] "\t" $c["nps_with_lo"] "\t" $c["nps_with_hi"] "\t" $c["nps_without"] "\t" \
			$c["nps_without_lo"] "\t" $c["nps_without_hi"] }' "$1"
}

t "planted themes: cold and late first, with the reference's figures; leaking, leaks, leaked one theme" <<'EOF'
export CX_DB="$(db_named planted)"
cx survey import "$D/comments.csv" -q >/dev/null
cx survey themes --limit 1000 --format tsv >all
cut -f 2 all | sed -n 2,3p >top
printf 'cold\nlate\n' >want
same want top
figures all >actual
same_figures "$D/comments.expect" actual
cx survey themes -n 2 --format json >json
has json '"examples":["'
cx survey themes -n 2 --format html >page
has page '<svg'
cx survey themes -n 2 >table
has table '151 texts: 50 by unhappy writers, 101 by others, 0 without a score'
EOF

t "--by month: the themes' mentions period by period" <<'EOF'
export CX_DB="$(db_named bymonth)"
cx survey import "$D/comments.csv" -q >/dev/null
cx survey themes -n 1 --by month --format tsv >out
has out "$(printf 'cold\t2026-10\t151\t36\t')"
EOF

t "a survey's own language: German word forms are one theme; --language overrides it" <<'EOF'
export CX_DB="$(db_named german)"
printf 'id,date,nps,comment\r\n1,2026-10-01,2,Die Lieferung kam zu spät\r\n2,2026-10-02,3,Lieferungen immer zu spät\r\n3,2026-10-03,9,Schnelle Lieferung\r\n4,2026-10-04,10,Sehr guter Kaffee\r\n' >de.csv
cx survey import de.csv --language german -q >/dev/null
cx survey themes --min 3 --format tsv | cut -f 1,4 >out
has out "$(printf 'lieferung\t3')"
cx survey themes --min 3 --language none --format tsv | cut -f 1 >none
hasnt none lieferung
cx config set text.language french
cx survey themes --min 3 --format tsv | cut -f 1,4 >still
has still "$(printf 'lieferung\t3')"
EOF

t "feedback themes: negative posts against the rest; case themes by the customer's latest score" <<'EOF'
export CX_DB="$(db_named fb)"
for i in 1 2 3; do cx feedback add --source google --rating 1 -m "Rude staff at the counter, visit $i" -q; done
for i in 1 2 3; do cx feedback add --source google --rating 5 -m "Lovely staff, visit $i" -q; done
cx feedback themes --format tsv | cut -f 1,4,5,7 >out
has out "$(printf 'rude staff\t3\t3\t0')"
has out "$(printf 'staff\t6\t3\t3')"
cx customer add "Dana Ruiz" --email dana@example.com -q
for i in 1 2 3; do cx case open dana@example.com --title "Grinder jammed again ($i)" -q; done
cx case themes --format tsv | cut -f 1,4,9 >cases
has cases "$(printf 'grinder jammed\t3\t3')"
EOF

t "nothing to read: the header and a note, exit 0; bad options refused before reading" <<'EOF'
export CX_DB="$(db_named empty)"
cx init -q >/dev/null
cx survey themes >out
has out '0 texts'
cx survey themes --format tsv >tsv
lines tsv 1
fails 2 cx survey themes --language klingon
has err 'klingon'
fails 1 cx survey themes --survey nope
has err 'no survey "nope"'
fails 2 cx survey themes --by fortnight
fails 2 cx config set text.language klingon
EOF

t "the digest: the themes of the period's comments, the five most over-represented; none, no section" <<'EOF'
export CX_DB="$(db_named digest)"
cx survey import "$D/comments.csv" -q >/dev/null
cx --now 2026-11-01T00:00:00Z report --since 2026-10-01 --until 2026-11-01 --format json >r.json
has r.json '"themes":['
has r.json '{"theme":"cold","stems":"cold","words":1,"mentions":36,"unhappy":30,'
cx --now 2026-11-01T00:00:00Z report --since 2026-10-01 --until 2026-11-01 --format tsv >r.tsv
test "$(sed -n '/^theme\t/,/^$/p' r.tsv | wc -l)" -eq 7
cx --now 2026-12-01T00:00:00Z report --since 2026-11-01 --until 2026-12-01 --format json >none.json
hasnt none.json '"themes"'
EOF

finish
