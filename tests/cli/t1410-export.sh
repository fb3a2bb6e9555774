#!/bin/sh
# cx export, cx import, cx backup. An export imported into a new database
# exports again byte for byte, on the demo business and on one with every
# kind of record; the JSON Lines format is what cx-export(1) says; a
# truncated or damaged export, one from a newer cx and an empty file are
# refused with one line naming the file and line, the database exactly as it
# was; --merge and --since; standard input. A backup is a private, checked
# copy, also while other processes write.
. "$(dirname "$0")/lib.sh"

NOW=2026-03-02T09:00:00Z
cxn() { cx --now "$NOW" "$@"; }

use() {
	CX_DB=$(db_named "$1")
	export CX_DB
}

# rows DB: every row of database DB (a target db_named gives) but the search
# index's and the journey map's summaries (worked out from the rest), as a
# dump of either engine, sorted.
rows() {
	(
		CX_DB=$1
		snapshot rows.dump
		# pg_dump gives a table's rows after a COPY line naming it, up to a "\."
		if on_pg; then
			awk '/^COPY public\.(search|journey)_/ { skip = 1 } !skip; skip && /^\\\.$/ { skip = 0 }' rows.dump
		else
			cat rows.dump
		fi
	) | grep -v 'search_\|journey_' | sort
}

# The order of the record types in an export (cx-export(1)).
ORDER='settings stages channels feedback_sources customers customer_tags cases case_tags case_links notes messages
message_refs attachments templates events
surveys survey_questions survey_imports responses survey_requests touchpoints feedback feedback_replies feedback_targets business_hours holidays
sla_policies sla_breaches'

# types FILE: the "type" of every line, consecutive repeats folded, one a line.
types() {
	sed 's/^{"type":"\([^"]*\)".*/\1/' "$1" | uniq
}

# one_error FILE LINE: stderr (./err) is one line, "cx: FILE:LINE: ...".
one_error() {
	lines err 1
	case $(cat err) in
	"cx: $1:$2: "*) ;;
	*)
		echo "# expected one line starting \"cx: $1:$2: \", got: $(cat err)" >&2
		return 1
		;;
	esac
}

# refused FILE LINE TEXT [IMPORT-OPTION...]: importing FILE into the database
# of this test fails with 65 and one line naming FILE and LINE and saying
# TEXT, and leaves the database exactly as it was.
refused() {
	_file=$1 _line=$2 _text=$3
	shift 3
	snapshot refused.before
	fails 65 cx import "$@" "$_file"
	one_error "$_file" "$_line"
	has err "$_text"
	snapshot refused.after
	same refused.before refused.after
}

# ---- round trips ---------------------------------------------------------------------

t 'the demo business: export, import into a new database, export again: the same bytes' <<'EOF'
demo=$(db_named demo)
copy=$(db_named demo-copy)
cx --now "$NOW" demo --db "$demo" -q >/dev/null
CX_DB="$demo" cx export >one.jsonl 2>err
has err 'exported'
CX_DB="$copy" cx import one.jsonl >out
has out 'Imported'
CX_DB="$copy" cx export >two.jsonl 2>/dev/null
same one.jsonl two.jsonl
test "$(wc -l <one.jsonl)" -gt 1000
# and the rows themselves are the same, table by table (the search index apart)
rows "$demo" >dump.one
rows "$copy" >dump.two
same dump.one dump.two
EOF

t 'setup: a business with every kind of record' <<'EOF'
use full
cxn customer add "Ada Brook" --email ada@example.com --phone "+1 555 0101" --handle adab --org "Brook & Co" \
	--prefers email --note 'Allergic to nuts; says "hi" in 日本語' --tag vip --tag wholesale --at 2026-01-02 -q
cxn customer add "Ada B." --email ada.b@example.org --tag duplicate --at 2026-01-03 -q
cxn customer add "Ben Ortiz" --email ben@example.com --at 2026-01-04 -q
cxn case open ada@example.com --title "Order 1001 missing a bag" --priority high --channel email --stage delivery \
	--tag shipping -m "First note" --at 2026-02-01T10:00:00Z -q
cxn case open ada.b@example.org --title "Same bag again" --at 2026-02-02T10:00:00Z -q
cxn case open ben@example.com --title "Grinder noisy" --owner sam --at 2026-02-03T10:00:00Z -q
cxn customer merge ada.b@example.org ada@example.com -q
cxn case link 1 2 -q
cxn note add 1 --public -m "We sent a new bag" --kind email -q
cxn note add --customer ben@example.com -m "Prefers mornings" -q
cxn case resolve 1 --outcome fixed -m "Bag arrived" -q
cxn case close 1 -q
cxn --as alex case assign 2 alex -q
cxn case pending 3 -m "Waiting on parts" -q
cxn touch log ben@example.com --channel store --stage use --emotion pleased --effort 6 --case 3 \
	-m "Visited the shop" --at 2026-02-05 -q
printf '%s\n' 'email,score,comment,date,store' 'ada@example.com,9,Lovely,2026-02-10,Downtown' \
	'ben@example.com,3,Too loud,2026-02-11,Harbour' >pulse.csv
cxn survey import pulse.csv --name pulse --nps score --email email --comment comment --at date --follow-up -q
cxn survey request --resolved-since 52w --survey pulse >/dev/null
cxn feedback sources add mastodon --after x -q
cxn feedback add --source mastodon -m "Where is my order?" --author "@ada@social.example" \
	--url https://social.example/1 --id m1 --at 2026-02-12 -q
cxn feedback link 1 ada@example.com -q
cxn feedback respond 1 -m "Looking into it now" -q
cxn feedback add --source google -m "Great beans" --rating 5 --at 2026-02-13 -q
cxn feedback ignore 2 --why "nothing to answer" -q
cxn feedback target mastodon negative 2h -q
cxn sla hours mon-fri 09:00-17:00 -q
cxn sla holiday 2026-12-25 Christmas -q
cxn sla set urgent --channel phone --first 30m --resolve 4h -q
cxn config set timezone Europe/Berlin -q
cxn config set stale 45d -q
cxn journey stages add onboarding --after purchase -q
cxn journey channels add kiosk --after store -q
# mail: a message with a file, our reply in its thread, a template
cxn config set mail.address "Shop <support@shop.example>" -q
printf '%s\n' 'From: Ada Brook <ada@example.com>' 'To: support@shop.example' 'Subject: Receipt for 1001' \
	'Date: Sat, 14 Feb 2026 10:00:00 +0000' 'Message-ID: <receipt.1@example.com>' 'MIME-Version: 1.0' \
	'Content-Type: multipart/mixed; boundary=b' '' '--b' 'Content-Type: text/plain; charset=utf-8' '' 'Here it is, 日本語.' \
	'--b' 'Content-Type: application/pdf; name=receipt.pdf' 'Content-Transfer-Encoding: base64' '' 'JVBERi0xLjQK' '--b--' >receipt.eml
cxn mail import receipt.eml -q
cxn reply "$(dbq "SELECT case_id FROM messages WHERE msgid = 'receipt.1@example.com'")" -m "Thank you" >/dev/null
cxn template add thanks -m 'Thanks, {{customer.first_name | friend}}' -q
# the service levels breached by now are noticed, and remembered
may_fail cxn report --check >/dev/null 2>&1 || true
cxn export >"$T/full.jsonl" 2>/dev/null
EOF

t 'the full business: every type of record is there, in the documented order' <<'EOF'
types "$T/full.jsonl" >actual
{
	echo cx-export
	echo "$ORDER" | tr ' ' '\n' | sed '/^$/d'
	echo end
} >expect
same expect actual
EOF

t 'the full business: export, import, export: the same bytes, the same rows' <<'EOF'
use full-copy
cx import "$T/full.jsonl" >out
has out "Imported $(($(wc -l <"$T/full.jsonl") - 2)) records (0 updated, 0 already there)"
cx export >again.jsonl 2>/dev/null
same "$T/full.jsonl" again.jsonl
rows "$(db_named full)" >dump.one
rows "$(db_named full-copy)" >dump.two
same dump.one dump.two
# and the copy works: the merged customer, tags, links, replies, hours
cx customer list --merged --format tsv >c
has c 'Ada B.'
cx feedback show 1 >fb
has fb 'Looking into it now'
cx sla hours >hours
has hours '09:00'
test "$(cx config get timezone)" = Europe/Berlin
EOF

t 'import from standard input' <<'EOF'
use stdin-copy
cx import - <"$T/full.jsonl" >out
has out 'from standard input'
cx export >again.jsonl 2>/dev/null
same "$T/full.jsonl" again.jsonl
EOF

# ---- the format -----------------------------------------------------------------------

t 'format: a header with format and schema, one JSON object a line with its type, an end record with the count' <<'EOF'
F="$T/full.jsonl"
use full
if on_pg; then
	schema=$(dbq 'SELECT max(version) FROM cx_schema')
else
	schema=$(dbq 'PRAGMA user_version')
fi
head -n 1 "$F" >actual
echo "{\"type\":\"cx-export\",\"format\":1,\"schema\":$schema}" >expect
same expect actual
n=$(wc -l <"$F")
tail -n 1 "$F" >actual
echo "{\"type\":\"end\",\"records\":$((n - 2))}" >expect
same expect actual
# every line a JSON object with a string "type"
awk -v q="'" '{ gsub(q, q q); l = q $0 q
	print "SELECT CASE WHEN json_valid(" l ") THEN json_type(" l ") = " q "object" q \
		" AND json_type(" l ", " q "$.type" q ") = " q "text" q " ELSE 0 END;" }' "$F" |
	sqlite3 :memory: | sort | uniq -c | awk '{ print $1, $2 }' >actual
echo "$n 1" >expect
same expect actual
EOF

t 'format: a record holds its table columns, by name, with their stored values' <<'EOF'
F="$T/full.jsonl"
use full
for tbl in $ORDER; do
	line=$(grep -m 1 "^{\"type\":\"$tbl\"," "$F")
	test -n "$line" || { echo "# no $tbl record"; exit 1; }
	if on_pg; then
		# the catalog itself: information_schema's views take a tenth of a second a question
		dbq "SELECT attname FROM pg_attribute WHERE attrelid = '$tbl'::regclass AND attnum > 0
		     AND NOT attisdropped ORDER BY attnum" >expect
	else
		dbq "SELECT name FROM pragma_table_info('$tbl') ORDER BY cid" >expect
	fi
	printf '%s\n' "$line" >rec
	sqlite3 :memory: "SELECT key FROM json_each(readfile('rec')) WHERE key <> 'type' ORDER BY id" >actual
	same expect actual
done
grep -m 1 '"type":"customers"' "$F" >rec
sqlite3 :memory: "SELECT json_extract(readfile('rec'), '\$.name'), json_extract(readfile('rec'), '\$.note'), json_type(readfile('rec'), '\$.created_at')" >actual
printf '%s\n' 'Ada Brook|Allergic to nuts; says "hi" in 日本語|integer' >expect
same expect actual
EOF

t 'export --since: a partial export of what changed since, marked as such' <<'EOF'
use since
cx customer add "Old Timer" --email old@example.com --at 2026-01-01 --now 2026-01-01T08:00:00Z -q
cx case open old@example.com --title "Old case" --now 2026-01-01T09:00:00Z -q
cx note add 1 -m "old note" --now 2026-01-01T10:00:00Z -q
cx customer add "New Face" --email new@example.com --now 2026-02-01T08:00:00Z -q
cx note add 1 -m "new note" --now 2026-02-01T09:00:00Z -q
cx export --since 2026-01-15 >part.jsonl 2>/dev/null
head -n 1 part.jsonl >actual
has actual '"partial":true'
has part.jsonl 'New Face'
has part.jsonl 'new note'
hasnt part.jsonl 'Old Timer'
hasnt part.jsonl 'old note'
# the case changed with its new note
has part.jsonl 'Old case'
n=$(wc -l <part.jsonl)
tail -n 1 part.jsonl >actual
echo "{\"type\":\"end\",\"records\":$((n - 2))}" >expect
same expect actual
cx export >whole.jsonl 2>/dev/null
test "$(wc -l <whole.jsonl)" -gt "$n"
hasnt whole.jsonl '"partial"'
EOF

# ---- merge ---------------------------------------------------------------------------------

t 'into a database with data, without --merge: refused (65), nothing changed' <<'EOF'
use full
snapshot before
fails 65 cx import "$T/full.jsonl"
lines err 1
has err 'has data already'
has err '--merge'
snapshot after
same before after
EOF

t '--merge adds what is missing and skips what is there' <<'EOF'
use merge
cx import "$T/full.jsonl" -q
# the same file again: all there already
cx import --merge "$T/full.jsonl" >out
has out "Imported 0 records (0 updated, $(($(wc -l <"$T/full.jsonl") - 2)) already there)"
cx export >again.jsonl 2>/dev/null
same "$T/full.jsonl" again.jsonl
# the original moves on; a partial export of it brings the new records over
# (a copy of the file; on a server, a database made from the same export)
if on_pg; then
	moved=$(db_named moved)
	CX_DB=$moved cx import "$T/full.jsonl" -q
else
	cx --db "$(db_named full)" backup moved.db -q
	moved=$PWD/moved.db
fi
CX_DB=$moved cx customer add "Cleo Park" --email cleo@example.com --tag new --now 2026-03-05T09:00:00Z -q
CX_DB=$moved cx case open cleo@example.com --title "Mug chipped" -m "Photo attached" --now 2026-03-05T10:00:00Z -q
CX_DB=$moved cx export --since 2026-03-05 >part.jsonl 2>/dev/null
cx import --merge part.jsonl >out
# new: the customer, their tag, the case, its note, and two events (customer added, case opened)
has out 'Imported 6 records'
cx export >merged.jsonl 2>/dev/null
CX_DB=$moved cx export >moved.jsonl 2>/dev/null
same moved.jsonl merged.jsonl
cx customer show cleo@example.com >c
has c 'Mug chipped'
EOF

t '--merge: a record that is there and differs takes the file'"'"'s version (updated); the audit trail is only added to' <<'EOF'
use keep
cx import "$T/full.jsonl" -q
events=$(dbq 'SELECT count(*) FROM events')
sed 's/"title":"Grinder noisy"/"title":"Grinder noisy, fixed now"/' "$T/full.jsonl" >changed.jsonl
cx import --merge changed.jsonl >out
has out "Imported 0 records (1 updated, $(($(wc -l <"$T/full.jsonl") - 3)) already there)"
cx case show 3 >c
has c 'Grinder noisy, fixed now'
# the same file again: nothing differs now
cx import --merge changed.jsonl >out
has out 'Imported 0 records (0 updated,'
# an event the file has under an id the database holds otherwise is left as it is
n=$(dbq 'SELECT max(id) FROM events')
sed "/^{\"type\":\"events\",\"id\":$n,/s/\"actor\":\"/&someone else, /" changed.jsonl >events.jsonl
! cmp -s changed.jsonl events.jsonl
cx import --merge events.jsonl >out
has out '(0 updated,'
test "$(dbq 'SELECT count(*) FROM events')" = "$events"
hasnt out error
# a field the record lacks (an export older than the column) keeps the database's value
dbq "UPDATE customers SET note = 'kept' WHERE id = 1"
sed '/"type":"customers","id":1,/s/"note":[^,]*,//' changed.jsonl >older.jsonl
! cmp -s changed.jsonl older.jsonl
cx import --merge older.jsonl >out
has out '(0 updated,'
test "$(dbq 'SELECT note FROM customers WHERE id = 1')" = kept
# and the search finds the new title at once
cx search 'fixed' --format tsv | cut -f 1,2 | sed 1d >found
printf 'case\t3\n' >want
same want found
# a row the file would give another row's key: refused at its line (65), nothing changed
e1=$(dbq 'SELECT email FROM customers WHERE id = 1')
e2=$(dbq 'SELECT email FROM customers WHERE id = 2')
test -n "$e1" && test -n "$e2"
sed "/\"type\":\"customers\",\"id\":2,/s/\"email\":\"$e2\"/\"email\":\"$e1\"/" changed.jsonl >clash.jsonl
! cmp -s changed.jsonl clash.jsonl
l=$(grep -n '"type":"customers","id":2,' clash.jsonl | cut -d: -f1)
snapshot before
fails 65 cx import --merge clash.jsonl
has err "cx: clash.jsonl:$l: customers record: another row has the same customers.email (it must be unique)"
snapshot after
same before after
EOF

# ---- refused: truncated, damaged, newer, empty ------------------------------------------

# On a file, cut after every line; on a server, after the last record of
# each type: that the cut is found is the reader's (the same on either
# engine), that nothing of what came before it stays is the engine's, and
# the tables written before the cut are what differs.
t 'truncated at any line: refused at its last line, nothing stored' <<'EOF'
use trunc
cx init >/dev/null
snapshot before
F="$T/full.jsonl"
n=$(wc -l <"$F")
if on_pg; then
	awk '{ t = $0; sub(/^\{"type":"/, "", t); sub(/".*/, "", t) }
	     NR > 1 && t != prev { print NR - 1 } { prev = t }' "$F" >cuts
else
	seq 1 "$n" >cuts
fi
test "$(wc -l <cuts)" -gt 25
while read -r k; do
	[ "$k" -lt "$n" ] || continue
	head -n "$k" "$F" >cut.jsonl
	fails 65 cx import cut.jsonl </dev/null
	one_error cut.jsonl "$k"
	has err 'truncated'
done <cuts
snapshot after
same before after
EOF

t 'cut inside a line: refused at that line, nothing stored' <<'EOF'
use trunc
snapshot before
F="$T/full.jsonl"
size=$(wc -c <"$F")
for at in 5 60 700 2000 5000 $((size / 2)) $((size - 10)); do
	head -c "$at" "$F" >cut.jsonl
	line=$(wc -l <cut.jsonl)
	# a cut right after a newline leaves whole lines only
	[ "$(tail -c 1 cut.jsonl | od -An -c | tr -d ' ')" = '\n' ] || line=$((line + 1))
	fails 65 cx import cut.jsonl </dev/null
	one_error cut.jsonl "$line"
done
snapshot after
same before after
EOF

t 'the end record missing, miscounted, or followed by more: refused at its line' <<'EOF'
use trunc
F="$T/full.jsonl"
n=$(wc -l <"$F")
sed '$d' "$F" >noend.jsonl
refused noend.jsonl $((n - 1)) 'the end record is missing'
sed '$s/"records":[0-9]*/"records":3/' "$F" >count.jsonl
refused count.jsonl "$n" "the end record counts 3 records, the file has $((n - 2))"
{ cat "$F"; sed -n 2p "$F"; } >more.jsonl
refused more.jsonl $((n + 1)) 'after the end record'
EOF

t 'a damaged line: not JSON, not an object, no or an unknown type, not UTF-8: refused at that line' <<'EOF'
use trunc
F="$T/full.jsonl"
sed '7s/.*/this is not JSON/' "$F" >a.jsonl
refused a.jsonl 7 'not a JSON object'
sed '7s/.*/[1,2,3]/' "$F" >b.jsonl
refused b.jsonl 7 'not a JSON object'
sed '7s/.*/"a string"/' "$F" >c.jsonl
refused c.jsonl 7 'not a JSON object'
sed '7s/.*//' "$F" >d.jsonl
refused d.jsonl 7 'not a JSON object'
sed '7s/"type":"[a-z_]*"/"type":"invoices"/' "$F" >e.jsonl
refused e.jsonl 7 'type: "invoices" is not a kind of record cx exports'
sed '7s/"type":"[a-z_]*",//' "$F" >f.jsonl
refused f.jsonl 7 'is not a kind of record'
sed '7s/"type":"[a-z_]*"/"type":"search_index"/' "$F" >g.jsonl
refused g.jsonl 7 'is not a kind of record'
sed '7s/"type":"[a-z_]*"/"type":"cx-export"/' "$F" >h.jsonl
refused h.jsonl 7 'is not a kind of record'
LC_ALL=C awk 'NR == 7 { $0 = $0 "\377" } 1' "$F" >i.jsonl
refused i.jsonl 7 'not UTF-8'
EOF

t 'a record that breaks a rule of the schema: refused at its line, saying which' <<'EOF'
use trunc
F="$T/full.jsonl"
# CHECK: a status that does not exist
l=$(grep -n -m 1 '"type":"cases"' "$F" | cut -d: -f1)
sed "${l}s/\"status\":\"[a-z]*\"/\"status\":\"lost\"/" "$F" >check.jsonl
refused check.jsonl "$l" 'cases record: cases.status has a value not allowed (it must be one of new, open, pending, resolved, closed)'
# a range, and a rule on two columns: in the same words on either engine
r=$(grep -n -m 1 '"type":"touchpoints"' "$F" | cut -d: -f1)
sed "${r}s/\"emotion\":[-0-9]*/\"emotion\":5/" "$F" >range.jsonl
refused range.jsonl "$r" 'touchpoints record: touchpoints.emotion has a value not allowed (it must be from -2 to 2)'
r=$(grep -n -m 1 '"type":"case_links"' "$F" | cut -d: -f1)
sed "${r}s/\"case_b\":[0-9]*/\"case_b\":1/" "$F" >pair.jsonl
refused pair.jsonl "$r" 'case_links record: case_links: the values break the rule case_a < case_b (change them to meet it)'
# NOT NULL: a case without its title
sed "${l}s/\"title\":\"[^\"]*\",//" "$F" >notnull.jsonl
refused notnull.jsonl "$l" 'cases record: cases.title is missing (it must have a value)'
# UNIQUE: a second customer with the same email
l=$(grep -n '"type":"customers"' "$F" | tail -n 1 | cut -d: -f1)
sed "${l}s/\"email\":\"[^\"]*\"/\"email\":\"ADA@example.com\"/" "$F" >unique.jsonl
refused unique.jsonl "$l" 'customers record: another row has the same customers.email (it must be unique)'
# the same record twice
l=$(grep -n -m 1 '"type":"notes"' "$F" | cut -d: -f1)
sed "${l}p" "$F" | sed '$s/"records":\([0-9]*\)/"records":XX/' >twice.jsonl
sed -i "\$s/XX/$(($(wc -l <twice.jsonl) - 2))/" twice.jsonl
refused twice.jsonl $((l + 1)) 'notes record: another row has the same notes.id (it must be unique)'
# a value of the wrong kind
sed "${l}s/\"id\":[0-9]*/\"id\":\"seven\"/" "$F" >type.jsonl
refused type.jsonl "$l" 'notes record'
EOF

t 'a record that refers to one the file does not hold: refused, naming the file and both records' <<'EOF'
use trunc
snapshot before
F="$T/full.jsonl"
l=$(grep -n -m 1 '"type":"notes"' "$F" | cut -d: -f1)
sed "${l}s/\"case_id\":[0-9]*/\"case_id\":999/" "$F" >dangling.jsonl
fails 65 cx import dangling.jsonl
lines err 1
has err 'cx: dangling.jsonl: notes record 1 refers to a cases record the file does not hold'
snapshot after
same before after
EOF

t 'an export from a newer cx (schema or format): refused at line 1, saying to upgrade' <<'EOF'
use trunc
F="$T/full.jsonl"
sed '1s/"schema":[0-9]*/"schema":999/' "$F" >schema.jsonl
refused schema.jsonl 1 'exported by a newer cx (schema 999): upgrade cx'
sed '1s/"format":1/"format":2/' "$F" >format.jsonl
refused format.jsonl 1 'exported by a newer cx (format 2): upgrade cx'
EOF

t 'an export from an older cx: a column it did not have yet takes its default; null stays null' <<'EOF'
use older
F="$T/full.jsonl"
l=$(grep -n -m 1 '"type":"cases"' "$F" | cut -d: -f1)
sed "${l}s/\"status\":\"[a-z]*\",//; ${l}s/\"priority\":\"[a-z]*\",//" "$F" >older.jsonl
cx import older.jsonl -q
test "$(dbq 'SELECT status, priority FROM cases WHERE id = 1')" = 'new|normal'
use older-null
sed "${l}s/\"status\":\"[a-z]*\"/\"status\":null/" "$F" >null.jsonl
cx init >/dev/null
refused null.jsonl "$l" 'cases record: cases.status is missing (it must have a value)'
EOF

t 'not an export at all: no header, an empty file, a missing file' <<'EOF'
use trunc
F="$T/full.jsonl"
sed 1d "$F" >headless.jsonl
refused headless.jsonl 1 'not a cx export'
printf 'email,name\nada@example.com,Ada\n' >csv.jsonl
refused csv.jsonl 1 'not a JSON object'
snapshot before
: >empty.jsonl
fails 65 cx import empty.jsonl
lines err 1
has err 'cx: empty.jsonl: empty (not a cx export)'
fails 66 cx import missing.jsonl
lines err 1
has err 'missing.jsonl'
snapshot after
same before after
EOF

t 'a damaged export is refused by --merge too, the database with data exactly as it was' <<'EOF'
use merge
F="$T/full.jsonl"
head -n 20 "$F" >cut.jsonl
refused cut.jsonl 20 'truncated' --merge
cp "$F" bad.jsonl
printf '%s\n' '{"type":"customers","id":900,"name":"Late","created_at":1,"updated_at":1}' >>bad.jsonl
refused bad.jsonl $(($(wc -l <"$F") + 1)) 'after the end record' --merge
l=$(grep -n -m 1 '"type":"cases"' "$F" | cut -d: -f1)
sed "${l}s/\"status\":\"[a-z]*\"/\"status\":\"lost\"/" "$F" >check.jsonl
refused check.jsonl "$l" 'cases record: cases.status has a value not allowed (it must be one of new, open,' --merge
EOF

t 'import and export are usage-checked' <<'EOF'
use trunc
fails 2 cx import
fails 2 cx import a.jsonl b.jsonl
fails 2 cx export extra
EOF

# ---- backup --------------------------------------------------------------------------------

t_file 'backup: a checked copy, mode 0600 whatever the umask, that cx opens and exports the same' <<'EOF'
use full
umask 022
cx backup copy.db >out
has out "to copy.db"
test "$(stat -c %a copy.db)" = 600
test "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok
test "$(sqlite3 copy.db 'PRAGMA user_version')" = "$(sqlite3 "$CX_DB" 'PRAGMA user_version')"
CX_DB=$PWD/copy.db cx export >copy.jsonl 2>/dev/null
cx export >orig.jsonl 2>/dev/null
same orig.jsonl copy.jsonl
EOF

t_file 'backup -: the checked copy on standard output, for a pipe; no file named -, no temporary file left' <<'EOF'
use full
mkdir tmp
TMPDIR=$PWD/tmp cx backup - >copy.db 2>err
has err "cx: backed up $CX_DB to standard output"
test "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok
test "$(sqlite3 copy.db 'SELECT count(*) FROM customers')" = "$(dbq 'SELECT count(*) FROM customers')"
TMPDIR=$PWD/tmp cx -q backup - | cat >piped.db
cmp copy.db piped.db
test ! -e ./-
ls tmp >left
lines left 0
# a copy that cannot be written out, or made, leaves no temporary file either
TMPDIR=$PWD/tmp fails 74 cx backup - >/dev/full
has err 'cx: error writing the backup to standard output: No space left on device'
(ulimit -f 200 && TMPDIR=$PWD/tmp exec "$CX" backup - >/dev/null 2>err) && exit 1
has err ': the backup could not be written: '
ls tmp >left
lines left 0
TMPDIR=$PWD/no-such-dir fails 74 cx backup - >/dev/null
has err "cx: cannot make a temporary file for the backup in $PWD/no-such-dir: No such file or directory (TMPDIR names another place)"
EOF

t_file 'backup - to a terminal is refused (2): the copy is no text to show' <<'EOF'
use full
command -v script >/dev/null 2>&1 || { echo '# no script(1) to make a terminal'; exit 0; }
script -qec "$CX backup -" /dev/null >out 2>&1 && exit 1
has out 'cx: backup -: standard output is a terminal (send it to a file or a pipe: cx backup - >copy.db)'
EOF

t_file 'backup: refuses a file that is there already, and leaves it alone' <<'EOF'
use full
echo 'precious' >taken.db
fails 65 cx backup taken.db
lines err 1
has err 'taken.db exists already'
echo 'precious' >expect
same expect taken.db
mkdir adir
fails 65 cx backup adir
test -d adir
fails 74 cx backup no/such/dir/copy.db
test ! -e no
EOF

t_file 'backup: an empty file made beforehand (mktemp) is used, and made private' <<'EOF'
use full
: >made.db
chmod 644 made.db
cx backup made.db -q
test "$(stat -c %a made.db)" = 600
test "$(sqlite3 made.db 'PRAGMA integrity_check')" = ok
EOF

if on_pg; then
	t 'backup on a server: refused (2), pointing to pg_dump and cx export; no file made' <<'EOF'
use full
fails 2 cx backup copy.db
has err 'cx: backup copies a database file; for '
has err 'use pg_dump, or cx export >FILE'
test ! -e copy.db
EOF
fi

t_file 'backup while two other cx processes write: every copy opens cleanly and checks ok' <<'EOF'
use busy
cx customer add "Writer" --email w@example.com -q
cx case open w@example.com --title "Busy" -q
writer() {
	i=0
	while [ ! -e stop ]; do
		i=$((i + 1))
		cx note add 1 -m "writer $1 note $i" -q >/dev/null 2>>"werr.$1" || echo "failed: $?" >>"werr.$1"
	done
	echo "$i" >"count.$1"
}
writer a &
pa=$!
writer b &
pb=$!
# wait for both to be writing
n=0
while [ "$(sqlite3 "$CX_DB" 'SELECT count(*) FROM notes' 2>/dev/null || echo 0)" -lt 20 ] && [ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
prev=0
for k in 1 2 3 4 5; do
	cx backup "b$k.db" -q
	test "$(sqlite3 "b$k.db" 'PRAGMA integrity_check')" = ok
	c=$(CX_DB=$PWD/b$k.db cx note list 1 --format tsv | sed 1d | wc -l)
	test "$c" -ge "$prev"
	prev=$c
done
touch stop
wait $pa $pb
test ! -s werr.a || { cat werr.a; exit 1; }
test ! -s werr.b || { cat werr.b; exit 1; }
# the writers wrote while the copies were taken
test "$(cat count.a)" -gt 1
test "$(cat count.b)" -gt 1
test "$prev" -ge 20
EOF

finish
