#!/bin/sh
# Key drivers: a planted effect (delivery emotion drives the recommend
# answer; tests/data/drivers/make.py made the data and worked out Johnson's
# weights in plain Python) found with the reference's weights, R² and
# effects; the bootstrap seeded and reproducible; too few respondents, no
# journey and a flat answer refused with why, and exit status 65.
. "$(dirname "$0")/lib.sh"

D="$DATA/drivers"

# figures FILE: the reference's columns of cx survey drivers --format tsv.
figures() {
	awk -F '\t' '
		BLOCK == 0 && NR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
		BLOCK == 0 && NR == 2 { print "n\tr2"; print $f["n"] "\t" $f["r2"]; next }
		$0 == "" { BLOCK = 1; print ""; next }
		BLOCK == 1 { for (i = 1; i <= NF; i++) d[$i] = i; BLOCK = 2
			print "rank\tdriver\tmean\tweight_pct\traw_weight\teffect"; next }
		BLOCK == 2 { print $d["rank"] "\t" $d["driver"] "\t" $d["mean"] "\t" $d["weight_pct"] "\t" \
			$d["raw_weight"] "\t" $d["effect"] }' "$1"
}

load() {
	cx touch import "$D/touches.csv" --create-customers -q >/dev/null
	cx survey import "$D/survey.csv" -q >/dev/null
}

t "planted: delivery emotion first, weights, R² and effects as the reference has them" <<'EOF'
export CX_DB="$(db_named planted)"
load
cx survey drivers --format tsv >out
figures out >actual
same_figures "$D/drivers.expect" actual
has out 'service emotion (known for 55), service effort (known for 55), cases (does not vary)'
cx survey drivers >table
has table '1. if delivery felt one point better, recommend moves by about +1.88 ('
cx survey drivers --format html >page
has page '<svg'
cx survey drivers --format json >json
has json '{"rank":1,"driver":"delivery emotion"'
EOF

t "the bootstrap: the same seed, the same intervals; another seed, the same weights" <<'EOF'
export CX_DB="$(db_named seeded)"
load
cx survey drivers --format tsv --bootstrap 50 >a
cx survey drivers --format tsv --bootstrap 50 >b
same a b
cx survey drivers --format tsv --bootstrap 50 --seed 7 >c
sed -n '/^rank/,$p' c | cut -f 7,10,11 >c.w
sed -n '/^rank/,$p' a | cut -f 7,10,11 >a.w
same a.w c.w
! cmp -s a c
EOF

t "too few respondents for the drivers: refused, saying how many are needed" <<'EOF'
export CX_DB="$(db_named few)"
load
fails 65 cx survey drivers --until 2026-10-12T00:00:00Z
has err 'drivers: 27 respondents have a journey, a recommend score and all 7 drivers; at least 70 are needed (10 per driver, never fewer than 30)'
EOF

t "no journey, a flat answer, no such survey: each says why" <<'EOF'
export CX_DB="$(db_named nojourney)"
cx survey import "$D/survey.csv" --create-customers -q >/dev/null
fails 65 cx survey drivers
has err 'touchpoints with emotion or effort'
fails 1 cx survey drivers --survey nope
has err 'no survey "nope"'
export CX_DB="$(db_named flat)"
cx touch import "$D/touches.csv" --create-customers -q >/dev/null
awk -F, 'BEGIN { OFS = "," } NR > 1 { $4 = 9 } { print }' "$D/survey.csv" >flat.csv
cx survey import flat.csv -q >/dev/null
fails 65 cx survey drivers
has err 'gave the same recommend answer'
fails 2 cx survey drivers --bootstrap 1
EOF

t "the digest of a week or more: the key drivers on every answer up to its end; too few, a line saying so" <<'EOF'
export CX_DB="$(db_named digest)"
load
cx --now 2026-11-01T00:00:00Z report --since 2026-10-25 --until 2026-11-01 --format json >r.json
has r.json '"drivers_fit":{"respondents":320,"with_journey":300,"n":300,"drivers":7,'
has r.json '{"rank":1,"driver":"delivery emotion"'
cx --now 2026-10-12T00:00:00Z report --since 2026-10-05 --until 2026-10-12 >r.txt
has r.txt 'drivers: 27 respondents have a journey'
cx --now 2026-10-12T00:00:00Z report --since 2026-10-05 --until 2026-10-12 --format json >r.json
hasnt r.json drivers
# a day's report leaves the drivers to the weekly one
cx --now 2026-11-01T00:00:00Z report daily --format json >d.json
hasnt d.json drivers
EOF

finish
