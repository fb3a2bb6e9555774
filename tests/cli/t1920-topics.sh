#!/bin/sh
# Named topics: defined once by a search query, they tag survey comments,
# feedback and case titles there already and those that arrive later (word
# forms too); each topic's volume, share unhappy and NPS match the planted
# survey's reference (tests/data/themes/comments.expect); its trend by
# period; bad queries, names in use and unknown topics refused with the
# database as it was; topics travel with an export.
. "$(dirname "$0")/lib.sh"

D="$DATA/themes"

# col FILE NAME: the column NAME of a TSV file's rows.
col() {
	awk -F '\t' -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == want) c = i; next } { print $c }' "$1"
}

t "planted: the topics cold and late tag the comments the reference counts, with their share unhappy and NPS" <<'EOF'
export CX_DB="$(db_named planted)"
cx survey import "$D/comments.csv" -q >/dev/null
cx topic add cold cold >out
has out 'Added topic cold: 36 items tagged'
cx topic add late 'late' -q
cx topic list --format tsv >list
printf 'cold\t36\t30\nlate\t28\t21\n' >want
awk -F '\t' 'NR > 1 { print $1 "\t" $4 "\t" $8 }' list >got
same want got
# the NPS of those who mention it, as make.py worked it out without cx
col list nps >nps
printf '%s\n%s\n' -69.4444444444 -60.7142857143 >want
same want nps
EOF

t "what arrives later is tagged: comments, feedback and case titles, word forms too" <<'EOF'
export CX_DB="$(db_named later)"
cx topic add leaks 'leaking OR "never arrived"' -q
cx customer add "Dana Ruiz" --email dana@example.com -q
cx case open dana@example.com --title "Tank leaks at the base" -q
cx feedback add --source google --rating 1 -m "The parcel never arrived" -q
cx feedback add --source google --rating 5 -m "Fine coffee" -q
cx survey import "$D/comments.csv" -q >/dev/null
cx topic list --format tsv >list
awk -F '\t' 'NR > 1 { print $1 "\t" $4 "\t" $5 "\t" $6 "\t" $7 }' list >got
printf 'leaks\t33\t1\t31\t1\n' >want
same want got
cx topic show leaks --by month --format tsv >show
has show "$(printf 'leaks\t2026-10\t\t31\t0\t31\t0')"
EOF

t "refused, the database as it was: a bad query (2), a name in use (65), no such topic (1)" <<'EOF'
export CX_DB="$(db_named refused)"
cx topic add cold cold -q
snapshot before
fails 2 cx topic add broken 'cold AND ('
has err 'the query is not valid'
fails 65 cx topic add cold 'warm'
has err 'topic "cold" exists already'
fails 1 cx topic rm warm
has err 'no topic "warm"'
fails 1 cx topic show warm
snapshot after
same before after
cx topic rm cold -q
cx topic list --format tsv >list
lines list 1
cx log --format tsv >log
has log topic
EOF

t_file "topics travel with an export, and are tagged again in the new database" <<'EOF'
export CX_DB="$(db_named exported)"
cx survey import "$D/comments.csv" -q >/dev/null
cx topic add cold cold -q
cx export >all.jsonl
export CX_DB="$(db_named imported)"
cx import all.jsonl -q >/dev/null
cx topic list --format tsv >list
has list "$(printf 'cold\tall\tcold\t36\t')"
EOF

t "the digest names the topics that grew: 1 mention the week before, 9 this week, p = 11/1024" <<'EOF'
export CX_DB="$(db_named digest)"
cx topic add delivery 'late OR courier' -q
cx topic add coffee 'coffee' -q
cx feedback add --source google -m "Courier was late" --at 2026-03-03T10:00:00Z -q
cx feedback add --source google -m "Great coffee" --at 2026-03-03T11:00:00Z -q
i=0
for d in 09 09 10 10 11 11 12 13 14; do
	i=$((i + 1))
	cx feedback add --source google -m "The courier came late again (order $i)" --at 2026-03-${d}T1$i:00:00Z -q
done
cx --now 2026-03-15T00:00:00Z report --since 2026-03-08 --until 2026-03-15 --format json >r.json
has r.json '"topics":['
has r.json '{"topic":"delivery","before":1,"now":9,"change":8,"p":0.0107421875,"grew":true}'
hasnt r.json '"topic":"coffee"'
# without topics the digest has no such section
export CX_DB="$(db_named nodigest)"
cx feedback add --source google -m "Courier was late" --at 2026-03-10T10:00:00Z -q
cx --now 2026-03-15T00:00:00Z report --since 2026-03-08 --until 2026-03-15 --format json >r.json
hasnt r.json '"topics"'
EOF

finish
