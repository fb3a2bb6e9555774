#!/bin/sh
# Everything else knows about mail: search finds what customers wrote; a
# merge moves their mail; customer export holds it and forget erases it
# (and the same mail imported again is not filed anew); the export carries
# messages, attachments and templates, byte for byte, into a new database;
# the digest counts cases by channel and the period's mail; the demo has a
# mailbox, and an inbox for the tour; a large import shows its progress on
# a terminal, and only there.
. "$(dirname "$0")/lib.sh"

NOW=2026-03-20T12:00:00Z
cxn() { cx --now "$NOW" "$@"; }

# mail FROM-NAME FROM-ADDR MESSAGE-ID SUBJECT BODY [IN-REPLY-TO]: a message with a small PDF attached.
mail() {
	printf 'From: %s <%s>\nTo: support@bloom.example\nSubject: %s\nDate: Mon, 16 Mar 2026 09:00:00 +0000\nMessage-ID: <%s>\n' \
		"$1" "$2" "$4" "$3"
	[ -n "${6:-}" ] && printf 'In-Reply-To: <%s>\n' "$6"
	printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain; charset=utf-8\n\n%s\n' "$5"
	printf -- '--x\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="%s.pdf"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcfs\n--x--\n' "$3"
}

t 'setup: mail from Quillon, who will be forgotten, and Holly, who stays' <<'EOF'
cxn config set mail.address support@bloom.example -q
mail 'Quillon Vexmoor' quillon@zarnix.example q1@zarnix.example 'Snorklewig arrived broken' 'The glimmerfax is plonkish.' >"$T/q1.eml"
mail 'Holly Marrowgate' holly@example.com h1@example.com 'Seeds missing' 'No hollyhock seeds in the box.' >"$T/h1.eml"
cxn mail import "$T/q1.eml" "$T/h1.eml" >/dev/null
cxn reply 1 -m 'Sorry about the snorklewig, Quillon.' >/dev/null
mail 'Quillon Vexmoor' quillon@zarnix.example q2@zarnix.example 'Re: Snorklewig' 'Still trobblenote.' \
	"$(dbq "SELECT msgid FROM messages WHERE direction = 'out'")" >q2.eml
cxn mail import q2.eml >/dev/null
dbq "SELECT count(*) FROM messages WHERE case_id = 1" >out
echo 3 >expect
same expect out
EOF

t 'cx search finds the words of customers'"'"' mail' <<'EOF'
cx search plonkish --format tsv | cut -f1,6 >out
printf 'kind\tcase_id\nnote\t1\n' >expect
same expect out
cx search hollyhock --format tsv | cut -f1,6 | sed -n 2p >out
printf 'note\t2\n' >expect
same expect out
EOF

t 'a merge moves the merged customer'"'"'s mail' <<'EOF'
CX_DB=$(db_named merge)
export CX_DB
cxn config set mail.address support@bloom.example -q
mail 'Old Address' dana.old@example.com m1@example.com 'Lid' 'broken' >m1.eml
cxn mail import m1.eml >/dev/null
cxn customer add 'Dana Ruiz' --email dana@example.com -q
cxn customer merge dana.old@example.com dana@example.com -q
cx mail list --customer dana@example.com --format tsv | cut -f6 | sed -n 2p >out
dbq "SELECT id FROM customers WHERE email = 'dana@example.com'" >expect
same expect out
EOF

t 'customer export holds their mail, its bytes and its files' <<'EOF'
cx customer export quillon@zarnix.example >me.json
q() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('me.json') AS j)"; }
test "$(q "json_array_length(j, '\$.messages')")" = 3
test "$(q "json_array_length(j, '\$.attachments')")" = 2
test "$(q "j->>'\$.messages[0].subject'")" = 'Snorklewig arrived broken'
test "$(q "j->>'\$.attachments[0].name'")" = 'q1@zarnix.example.pdf'
q "j->>'\$.messages[0].raw'" | base64 -d >raw
has raw 'The glimmerfax is plonkish.'
hasnt me.json hollyhock
EOF

t 'forget erases their mail and ours to them, keeps Holly'"'"'s, and the same mail is not filed again' <<'EOF'
cx --as dpo customer forget quillon@zarnix.example --yes >/dev/null
dbq "SELECT count(*) FROM messages WHERE case_id = 1 AND (raw IS NOT NULL OR msgid IS NOT NULL OR subject IS NOT NULL
	OR from_addr IS NOT NULL OR to_addrs IS NOT NULL OR from_name IS NOT NULL OR source IS NOT NULL)" >out
echo 0 >expect
same expect out
dbq "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.case_id = 1 AND (a.data IS NOT NULL OR a.name <> '(erased)')" >out
same expect out
dbq "SELECT count(*) FROM message_refs r JOIN messages m ON m.id = r.message_id WHERE m.case_id = 1" >out
same expect out
cx mail list --format tsv >list
for w in Quillon Vexmoor zarnix Snorklewig glimmerfax plonkish trobblenote; do
	hasnt list "$w"
done
has list 'Seeds missing'
fails 1 cx mail show 1 --raw
cx mail import "$T/q1.eml" >out
has out '1 imported before'
EOF

t 'export and import carry messages, attachments and templates byte for byte' <<'EOF'
cxn template add thanks -m 'Thanks, {{customer.first_name | friend}}!' -q
cx export >one.jsonl 2>/dev/null
copy=$(db_named copy)
CX_DB=$copy cx import one.jsonl >/dev/null
CX_DB=$copy cx export >two.jsonl 2>/dev/null
same one.jsonl two.jsonl
id=$(dbq "SELECT id FROM messages WHERE msgid = 'h1@example.com'")
cx mail show "$id" --raw >a.eml
CX_DB=$copy cx mail show "$id" --raw >b.eml
cmp "$T/h1.eml" b.eml
cmp a.eml b.eml
f=$(dbq "SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.msgid = 'h1@example.com'")
CX_DB=$copy cx mail attachment "$f" >b.pdf
printf 'JVBERi0xLjQKJcfs' | base64 -d >want.pdf
cmp want.pdf b.pdf
CX_DB=$copy cx template show thanks >out
echo 'Thanks, {{customer.first_name | friend}}!' >expect
same expect out
EOF

t 'the digest counts cases by channel (open at the period'"'"'s end), and the period'"'"'s mail' <<'EOF'
cxn case open holly@example.com --title 'At the counter' --channel store -q
k=$(dbq "SELECT max(id) FROM cases")
# resolved after the period: still open at its end
cx --now 2026-04-10T09:00:00Z case resolve "$k" --outcome fixed -q
cx report --since 2026-03-01 --until 2026-04-01 --format json >r.json
sqlite3 :memory: "SELECT e.value->>'channel', e.value->>'opened', e.value->>'open' FROM json_each(readfile('r.json'), '\$.channels') e" >out
printf 'email|2|2\nstore|1|1\n' >expect
same expect out
sqlite3 :memory: "SELECT j->>'\$.mail.received', j->>'\$.mail.new_cases', j->>'\$.mail.replies_sent' FROM (SELECT readfile('r.json') AS j)" >out
echo '3|2|1' >expect
same expect out
cx report --since 2026-04-01 --until 2026-05-01 --format json >r.json
sqlite3 :memory: "SELECT e.value->>'channel', e.value->>'opened', e.value->>'open' FROM json_each(readfile('r.json'), '\$.channels') e" >out
printf 'email|0|2\n' >expect
same expect out
EOF

# made on a file whichever engine the script runs on
t_once 'the demo has a month of mail, filed as it came, and an inbox for the tour' <<'EOF'
(unset CX_DB; TMPDIR=$PWD cx --now "$NOW" demo >tour)
path=$(sed -n 's/^ *export CX_DB=//p' tour)
inbox=$(dirname "$path")/inbox.mbox
has tour "cx mail import $inbox"
CX_DB=$path cx mail list --format tsv >list
test "$(wc -l <list)" -gt 15
cut -f11 list | grep -c . >n
test "$(cat n)" -ge 4
has list 'auto-reply (Auto-Submitted)'
has list 'delivery report (MAILER-DAEMON)'
cut -f10 list | sort -n | tail -1 >files
echo 1 >expect
same expect files
CX_DB=$path cx mail import "$inbox" >out
has out ': 3 messages: 2 new cases, 1 added to its case'
EOF

t 'an import killed half way keeps the batches it committed; the next one files the rest, once' <<'EOF'
i=0
while [ $i -lt 5000 ]; do
	printf 'From x@example.com Mon Mar 16 09:00:00 2026\nFrom: Crash Tester <crash%d@example.com>\nSubject: Crash %d\nMessage-ID: <crash.%d@example.com>\n\nhello %d\n\n' $i $i $i $i
	i=$((i + 1))
done >crash.mbox
CX_DB=$(db_named crash)
export CX_DB
"$CX" mail import crash.mbox >/dev/null &
pid=$!
# killed once the first batch of 1,000 is in
i=0
while [ "$(dbq 'SELECT count(*) FROM messages' 2>/dev/null || echo 0)" -lt 1000 ] && [ $i -lt 600 ] && kill -0 $pid 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
kept=$(dbq 'SELECT count(*) FROM messages')
test $((kept % 1000)) -eq 0
cx mail import crash.mbox >out
if [ "$kept" -lt 5000 ]; then
	has out "crash.mbox: 5000 messages: $((5000 - kept)) new case"
	has out "$kept imported before"
fi
dbq 'SELECT count(*), count(DISTINCT msgid) FROM messages' >out
echo "5000|5000" >expect
same expect out
dbq 'SELECT count(*) FROM cases' >out
echo 5000 >expect
same expect out
EOF

t_once 'a large import shows its progress on a terminal, and not otherwise' <<'EOF'
command -v script >/dev/null 2>&1 || { echo '# SKIP script(1) is not installed'; exit 0; }
i=0
while [ $i -lt 600 ]; do
	printf 'From x@example.com Mon Mar 16 09:00:00 2026\nFrom: Bulk Tester <bulk%d@example.com>\nSubject: Note %d\nMessage-ID: <bulk.%d@example.com>\n\nhello %d\n\n' $i $i $i $i
	i=$((i + 1))
done >big.mbox
CX_DB=$(db_named progress) script -qec "$CX mail import big.mbox" /dev/null >tty.out
has tty.out 'cx: big.mbox: '
has tty.out '(512 messages)'
has tty.out 'big.mbox: 600 messages: 600 new cases'
CX_DB=$(db_named progress2) cx mail import big.mbox >out 2>err
test ! -s err
EOF

finish
