#!/bin/sh
# One person's data: cx customer export gives everything stored about them
# as JSON; cx customer forget erases it (after a confirmation) but keeps the
# anonymous rows, so counts and scores do not move; the log says it happened
# and holds none of it; afterwards neither cx search nor a byte search of the
# database file and its write-ahead log finds any of their words.
#
# The person's strings are made-up words, so that finding one anywhere can
# only mean their data is still there.
. "$(dirname "$0")/lib.sh"

NOW=2026-03-02T09:00:00Z
cxn() { cx --now "$NOW" "$@"; }

# Everything that identifies or was written by or about Quillon.
THEIRS='Quillon Vexmoor zarnix quillzar Brambleworth flumbering Snorklewig glimmerfax plonkish trobblenote
Wizzlecrank Gorbleflax vorpalspoon Zentrifold Qwibbleton 7700-900123 reviews.example/q-777'
# And of the other customer, who stays.
OTHERS='Hollyhock Marrowgate hollyhock@example.com'

# inbytes FILE WORD: the file holds WORD, in any case (a byte search).
inbytes() {
	LC_ALL=C grep -a -i -q -F -- "$2" "$1"
}

# a background connection that keeps the write-ahead log in place between
# cx processes (the last one out would remove it), as a long-running
# reader of the database would; SQLite's, so not on a PostgreSQL server
# (where lib.sh's own clean-up stays as it is)
if ! on_pg; then
	HOLD="$T/hold"
	mkfifo "$HOLD"
	sqlite3 "$CX_DB" <"$HOLD" >/dev/null 2>&1 &
	HOLDER=$!
	exec 3>"$HOLD"
	cleanup() {
		exec 3>&-
		wait "$HOLDER" 2>/dev/null
		rm -rf "$T"
	}
	trap cleanup EXIT
fi

t 'setup: Quillon, who has everything, and Holly, who stays' <<'EOF'
cxn customer add "Quillon Vexmoor" --email quillon@zarnix.example --phone "+44 7700-900123" --handle quillzar \
	--org "Brambleworth Ltd" --prefers phone --note "Call on Thursdays, flumbering" --tag vip --at 2026-01-05 -q
cxn customer add "Q. Vexmoor" --email q.old@zarnix.example --note "Qwibbleton address" --at 2026-01-06 -q
cxn customer merge q.old@zarnix.example quillon@zarnix.example -q
cxn customer add "Holly Marrowgate" --email hollyhock@example.com --at 2026-01-07 -q
# open the connection that keeps the log (SQLite's)
on_pg || echo 'SELECT count(*) FROM customers;' >&3
cxn case open quillon@zarnix.example --title "Snorklewig arrived broken" -m "Initial glimmerfax note" \
	--at 2026-02-01T10:00:00Z -q
cxn note add 1 --public -m "Called about the snorklewig, very plonkish" --at 2026-02-01T11:00:00Z -q
cxn note add --customer quillon@zarnix.example -m "Customer-level trobblenote" --at 2026-02-02 -q
cxn touch log quillon@zarnix.example --channel phone --stage delivery -m "Wizzlecrank courier issue" \
	--emotion frustrated --effort 3 --case 1 --at 2026-02-03 -q
cxn case open hollyhock@example.com --title "Hollyhock seeds missing" -m "Marrowgate order" --at 2026-02-04 -q
cat >pulse.csv <<'CSV'
email,name,score,comment,date,store
quillon@zarnix.example,Quillon Vexmoor,3,"Gorbleflax experience, zarnix",2026-02-10,Zentrifold branch
hollyhock@example.com,Holly Marrowgate,9,Hollyhock fine,2026-02-11,Harbour
,,10,Anonymous praise,2026-02-12,Harbour
CSV
cxn survey import pulse.csv --name pulse --nps score --email email --respondent name --comment comment --at date -q
cxn feedback add --source google -m "Dreadful vorpalspoon service" --author "Quillon V" --rating 1 \
	--url https://reviews.example/q-777 --at 2026-02-12 --customer quillon@zarnix.example -q
cxn feedback respond 1 -m "Sorry about the vorpalspoon, Quillon" -q
cxn feedback add --source google -m "Hollyhock tea is lovely" --rating 5 --at 2026-02-13 \
	--customer hollyhock@example.com -q
EOF

# ---- export -----------------------------------------------------------------------------

t 'customer export: everything about them, as one valid JSON object' <<'EOF'
cx customer export quillon@zarnix.example >me.json
test "$(sqlite3 :memory: "SELECT json_valid(readfile('me.json'))")" = 1
sqlite3 :memory: "SELECT key FROM json_each(readfile('me.json')) ORDER BY id" >actual
printf '%s\n' customer tags cases notes touchpoints survey_responses feedback feedback_replies messages attachments merged_from \
	history >expect
same expect actual
q() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('me.json') AS j)"; }
test "$(q "j->>'\$.customer.name'")" = 'Quillon Vexmoor'
test "$(q "j->>'\$.customer.email'")" = 'quillon@zarnix.example'
test "$(q "j->>'\$.customer.phone'")" = '+44 7700-900123'
test "$(q "j->>'\$.customer.handle'")" = 'quillzar'
test "$(q "j->>'\$.customer.org'")" = 'Brambleworth Ltd'
# the merge put the duplicate's note under theirs
test "$(q "j->>'\$.customer.note'")" = "$(printf 'Call on Thursdays, flumbering\nQwibbleton address')"
test "$(q "j->>'\$.tags'")" = '["vip"]'
test "$(q "json_array_length(j, '\$.cases')")" = 1
test "$(q "j->>'\$.cases[0].title'")" = 'Snorklewig arrived broken'
# the case's notes and the note on the customer
sqlite3 :memory: "SELECT e.value->>'body' FROM json_each(readfile('me.json'), '\$.notes') e" >actual
printf '%s\n' 'Initial glimmerfax note' 'Called about the snorklewig, very plonkish' 'Customer-level trobblenote' >expect
same expect actual
test "$(q "j->>'\$.touchpoints[0].summary'")" = 'Wizzlecrank courier issue'
test "$(q "json_array_length(j, '\$.survey_responses')")" = 1
test "$(q "j->>'\$.survey_responses[0].comment'")" = 'Gorbleflax experience, zarnix'
test "$(q "j->>'\$.survey_responses[0].nps'")" = 3
has me.json 'Zentrifold branch'
test "$(q "j->>'\$.feedback[0].body'")" = 'Dreadful vorpalspoon service'
test "$(q "j->>'\$.feedback[0].url'")" = 'https://reviews.example/q-777'
test "$(q "j->>'\$.feedback_replies[0].body'")" = 'Sorry about the vorpalspoon, Quillon'
test "$(q "j->>'\$.merged_from[0].email'")" = 'q.old@zarnix.example'
# their history: the changes to them and to their cases, touchpoints and feedback
sqlite3 :memory: "SELECT e.value->>'entity', e.value->>'action' FROM json_each(readfile('me.json'), '\$.history') e" |
	sort -u >actual
printf '%s\n' 'case|create' 'case|note' 'case|status' 'customer|create' 'customer|merge' 'customer|merged' 'customer|note' \
	'feedback|create' 'feedback|respond' 'touchpoint|create' >expect
same expect actual
# and nothing of anyone else's
for w in $OTHERS 'Anonymous praise'; do
	hasnt me.json "$w"
done
EOF

t 'customer export: an unknown customer is not found (1)' <<'EOF'
fails 1 cx customer export nobody@example.com
lines err 1
fails 2 cx customer export
EOF

# ---- forget: asking first ------------------------------------------------------------------

t 'forget without --yes and without a terminal: refused (2), nothing erased' <<'EOF'
snapshot before
fails 2 cx customer forget quillon@zarnix.example </dev/null
has err 'confirm with --yes'
echo y | fails 2 cx customer forget quillon@zarnix.example
snapshot after
same before after
EOF

if command -v script >/dev/null 2>&1; then
	t 'forget on a terminal asks, and "no" (or nothing) erases nothing' <<'EOF'
snapshot before
for answer in n no '' N; do
	printf '%s\n' "$answer" | script -qec "'$CX' customer forget quillon@zarnix.example" /dev/null >out 2>&1 && exit 1
	has out 'Forget Quillon Vexmoor'
	has out '[y/N]'
	has out 'nothing was forgotten'
done
snapshot after
same before after
EOF
else
	t 'forget on a terminal asks # SKIP script(1) is not installed' <<'EOF'
true
EOF
fi

t 'unknown customers cannot be forgotten (1)' <<'EOF'
snapshot before
fails 1 cx customer forget nobody@example.com --yes
snapshot after
same before after
EOF

# ---- forget ---------------------------------------------------------------------------------

t 'before: their words are found by search' <<'EOF'
for w in Snorklewig glimmerfax plonkish trobblenote Wizzlecrank Gorbleflax vorpalspoon; do
	cx search --format tsv "$w" >out
	test "$(wc -l <out)" -ge 2
done
EOF

t_file 'before: their words are in the database file or its log' <<'EOF'
for w in $THEIRS; do
	inbytes "$CX_DB" "$w" || inbytes "$CX_DB-wal" "$w" || { echo "# $w is nowhere to begin with"; exit 1; }
done
# the log is being kept, and holds some of them
test -s "$CX_DB-wal"
EOF

t 'forget --yes: erased, the counts and scores kept, the erasure logged' <<'EOF'
cx survey report --format tsv >"$T/report.before"
cx survey responses --format tsv >"$T/responses.before"
cx case list --status all --format tsv >"$T/cases.before"
cx --as dpo customer forget quillon@zarnix.example --yes >out
has out 'Customer 1 forgotten'
cx survey report --format tsv >report.after
same "$T/report.before" report.after
cx case list --status all --format tsv >cases
test "$(wc -l <cases)" = "$(wc -l <"$T/cases.before")"
cx log --action forget --format tsv | cut -f 3-6 >actual
printf 'actor\tentity\tentity_id\taction\ndpo\tcustomer\t1\tforget\n' >expect
same expect actual
EOF

t 'what is left of them: ids, times, statuses and scores; no name, contact, text or tag' <<'EOF'
cx customer show 1 >show
has show 'Forgotten customer 1'
cx customer export 1 >me.json
q() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('me.json') AS j)"; }
test "$(q "j->>'\$.customer.name'")" = 'Forgotten customer 1'
for f in email phone handle org note prefers; do
	test -z "$(q "j->>'\$.customer.$f'")" || { echo "# $f kept"; exit 1; }
done
test -n "$(q "j->>'\$.customer.forgotten_at'")"
test "$(q "j->>'\$.tags'")" = '[]'
test "$(q "j->>'\$.merged_from[0].name'")" = 'Forgotten customer 2'
test -z "$(q "j->>'\$.merged_from[0].email'")"
# the rows stay, with their numbers
test "$(q "json_array_length(j, '\$.cases')")" = 1
test "$(q "j->>'\$.cases[0].id'")" = 1
test "$(q "j->>'\$.cases[0].title'")" = '(erased)'
test "$(q "json_array_length(j, '\$.notes')")" = 3
test "$(q "j->>'\$.touchpoints[0].emotion'")" = -1
test "$(q "j->>'\$.touchpoints[0].effort'")" = 3
test "$(q "j->>'\$.survey_responses[0].nps'")" = 3
test -z "$(q "j->>'\$.survey_responses[0].email'")"
test -z "$(q "j->>'\$.survey_responses[0].name'")"
test -z "$(q "j->>'\$.survey_responses[0].comment'")"
test "$(q "j->>'\$.feedback[0].rating'")" = 1
test -z "$(q "j->>'\$.feedback[0].author'")"
test -z "$(q "j->>'\$.feedback[0].url'")"
test -z "$(q "j->>'\$.feedback[0].body'")"
for w in $THEIRS; do
	hasnt me.json "$w"
done
EOF

t 'after: cx search finds none of their words, also after --rebuild; the others are still found' <<'EOF'
for pass in 1 2; do
	for w in $THEIRS Thursdays; do
		cx search --format tsv "\"$w\"" >out
		lines out 1 || { echo "# found: $w"; exit 1; }
	done
	for w in Hollyhock Marrowgate; do
		cx search --format tsv "$w" >out
		test "$(wc -l <out)" -ge 2
	done
	cx search --rebuild 2>/dev/null
done
EOF

t 'after: no output of cx holds any of their strings, the audit log included' <<'EOF'
cx export >all.jsonl 2>/dev/null
for f in table tsv json; do cx log --format "$f"; done >log.out
cx survey responses --format tsv >resp
cx feedback list --format tsv >fb
cx journey show 1 >journey
cx case brief 1 >brief
for w in $THEIRS; do
	for f in all.jsonl log.out resp fb journey brief; do
		hasnt "$f" "$w"
	done
done
has all.jsonl Hollyhock
EOF

t_file 'after: a byte search of the database file and its log finds none of their strings' <<'EOF'
test -e "$CX_DB-wal"
for w in $THEIRS; do
	for f in "$CX_DB" "$CX_DB-wal"; do
		if inbytes "$f" "$w"; then
			echo "# $w is still in $f"
			exit 1
		fi
	done
done
# the search really is a byte search: the other customer's words are there
inbytes "$CX_DB" Hollyhock || inbytes "$CX_DB-wal" Hollyhock
EOF

t_file 'after VACUUM: still none of their strings in the file or its log' <<'EOF'
sqlite3 "$CX_DB" VACUUM
for w in $THEIRS; do
	for f in "$CX_DB" "$CX_DB-wal"; do
		if [ -e "$f" ] && inbytes "$f" "$w"; then
			echo "# $w is in $f after VACUUM"
			exit 1
		fi
	done
done
inbytes "$CX_DB" Marrowgate
EOF

t 'forgetting again does no harm, and the figures still hold' <<'EOF'
cx customer forget 1 --yes -q
cx survey report --format tsv >report.after
same "$T/report.before" report.after
# every column but the respondent's name, email and comment
cx survey responses --format tsv | cut -f 1-4,7-13 >a
cut -f 1-4,7-13 "$T/responses.before" >b
same b a
EOF

finish
