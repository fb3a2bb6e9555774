#!/bin/sh
# cx mail import, list, show and attachment, on mail made the way real
# clients make it (tests/data/mail/make-corpus.py, with Python's own email
# and mailbox modules): what cx reads from every message agrees with what
# Python reads; one message on standard input; threading by the ids a
# message answers, by [cx #N] only from the case's customer, our own mail
# as a public note, machines skipped; mbox (">From " unescaped, a multipart
# cut short kept aside with its position, exit 65) and Maildir; the same
# mail twice changes nothing; --dry-run changes nothing; the original bytes
# and the attachments come back exactly; a size limit; a customer writing
# again after a case was resolved reopens it.
. "$(dirname "$0")/lib.sh"

mail_corpus

t 'one message on standard input: a new case for a new customer, named as the mail names her' <<'EOF'
cx config set mail.address "support@bloom.example, Bloom <hello@bloom.example>" >/dev/null
cx mail import - <"$E/01-gmail.eml" >out
echo 'standard input: 1 message: 1 new case' >expect
same expect out
cx customer list --format tsv | cut -f1-3 >out
printf 'id\tname\temail\n1\tDana Ruiz\tdana@example.com\n' >expect
same expect out
cx case list --format tsv | cut -f1,2,5,7,11 >out
printf 'id\tstatus\tcustomer\tchannel\ttitle\n1\tnew\tDana Ruiz\temail\tEspresso machine arrived cracked \342\200\223 box dented\n' >expect
same expect out
# the customer's own words: an internal note of kind email, dated when she wrote
cx note list 1 --format tsv | cut -f2,6,7,9 >out
has out '2026-03-03T08:12:44Z	internal	email	Hello,'
has out 'The box was dented on one corner.'
EOF

t 'what cx reads from each message agrees with Python'"'"'s email module' <<'EOF'
fails 65 cx mail import "$E" "$C/support.mbox" "$C/Maildir"
has err 'cx: 1 message was kept aside, the rest filed (cx mail list --state failed): '"$C"'/support.mbox byte '
dbq "SELECT msgid, from_addr, coalesce(from_name, ''), subject FROM messages WHERE msgid IS NOT NULL" | tr '|' '\t' >heads
dbq "SELECT m.msgid, a.position, a.name, a.size, a.sha256 FROM attachments a JOIN messages m ON m.id = a.message_id" |
	sort -t'|' -k1,1 -k2,2n | awk -F'|' '{ f[$1] = f[$1] (f[$1] == "" ? "" : "|") $3 ":" $4 ":" $5 }
		END { for (k in f) print k "\t" f[k] }' >files
awk -F'\t' 'NR == FNR { f[$1] = $2; next } { print $0 "\t" f[$1] }' files heads | sort >actual
sort "$C/expected.tsv" >expect
same expect actual
EOF

t 'a reply joins its case by the ids it answers; its quote and signature are folded away, not lost' <<'EOF'
dbq "SELECT case_id FROM messages WHERE msgid = 'CAdana002@mail.gmail.com'" >out
echo 1 >expect
same expect out
id=$(dbq "SELECT id FROM messages WHERE msgid = 'CAdana002@mail.gmail.com'")
dbq "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id WHERE m.id = $id" >note
has note 'The new tank fits perfectly, thank you!'
hasnt note 'We are sending you a new tank today'
hasnt note '+1 555 0100'
has note "(quoted mail and signature folded away; all of it: cx mail show $id)"
cx mail show "$id" --format json >show
has show '> We are sending you a new tank today.'
has show '+1 555 0100'
EOF

t '[cx #1] joins case 1 only when the case'"'"'s customer writes it' <<'EOF'
dbq "SELECT msgid, case_id FROM messages WHERE msgid IN ('guess.1@evil.example', 'CAdana003@mail.gmail.com') ORDER BY msgid" >out
stranger=$(dbq "SELECT case_id FROM messages WHERE msgid = 'guess.1@evil.example'")
test "$stranger" -gt 1
printf 'CAdana003@mail.gmail.com|1\nguess.1@evil.example|%s\n' "$stranger" >expect
same expect out
# the stranger's case is titled without the token and the Re:
cx case show "$stranger" --format tsv | cut -f2 | sed -n 2p >out
echo 'Espresso machine arrived cracked' >expect
same expect out
EOF

t 'our own mail is the public answer on the case it answers: first response, case open' <<'EOF'
dbq "SELECT m.case_id, n.public, n.kind FROM messages m JOIN notes n ON n.id = m.note_id WHERE m.msgid = 'sent.0001@bloom.example'" >out
echo '1|1|email' >expect
same expect out
cx case show 1 --format tsv | cut -f3,15 | sed -n 2p >out
printf 'open\t2026-03-04T09:15:00Z\n' >expect
same expect out
EOF

t 'machines: bounces, postmaster, auto-replies, list and bulk mail are recorded as skipped, never a case' <<'EOF'
cx mail list --state skipped --format tsv | cut -f7,11 >out
cat >expect <<'X'
from	reason
mailer-daemon@mx.bloom.example	delivery report (multipart/report)
postmaster@example.net	delivery report (postmaster)
dana@example.com	auto-reply (Auto-Submitted)
news@lists.example.org	list mail (List-Id)
deals@shop.example	bulk mail (Precedence)
X
same expect out
dbq "SELECT count(*) FROM customers WHERE email LIKE '%daemon%' OR email LIKE 'postmaster%' OR email LIKE 'news@%' OR email LIKE 'deals@%'" >out
echo 0 >expect
same expect out
dbq "SELECT count(*) FROM messages WHERE state = 'skipped' AND note_id IS NOT NULL" >out
same expect out
EOF

t 'charsets: ISO-2022-JP, Shift_JIS, windows-1252 and ISO-8859-1 mail reads as UTF-8' <<'EOF'
for id in 20260312110000.taro@example.jp sjis.0001@example.jp pat.refund@example.ie AM6PR01MB1234.eurprd01.prod.outlook.com; do
	dbq "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id WHERE m.msgid = '$id'"
done >notes
has notes 'コーヒー豆を注文しましたが、まだ届いていません。'
has notes 'こんにちは。ミルが壊れました。'
has notes 'You said the refund would come “soon”. I am still missing €49.'
has notes 'die Mühle macht seit gestern ein lautes Geräusch'
# Outlook's quoted order confirmation is folded away, the German name is the customer's
hasnt notes 'Vielen Dank für Ihre Bestellung'
cx customer list --format tsv | cut -f2 >names
has names 'Jürgen Müller'
has names '山田太郎'
has names "O'Brien, Pat"
EOF

t 'HTML-only mail, format=flowed, and a forwarded message read as text' <<'EOF'
dbq "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id WHERE m.msgid = 'mobile.5521@mail.example.net'" >html
has html '- Parcel 1Z999'
has html 'See the tracking page <https://track.example/1Z999>.'
hasnt html 'alert(1)'
hasnt html 'color: red'
dbq "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id WHERE m.msgid LIKE '5A1B2C3D%'" >flowed
has flowed 'and the coffee it grinds is much coarser than it used to be, whatever setting I choose on the dial.'
hasnt flowed 'Sent from my iPhone'
dbq "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id WHERE m.msgid = 'fwd.priya@example.org'" >fwd
has fwd 'From: Courier <noreply@courier.example>'
has fwd 'Your parcel 1Z777 was damaged in transit.'
has fwd 'Attachments: damage-report.pdf (7 KB)'
EOF

t 'mbox: the ">From " line is unescaped, the cut multipart is kept aside with its position, the rest threads' <<'EOF'
dbq "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id WHERE m.msgid = 'mbox.1@example.com'" >note
has note 'From the smell, they were roasted months ago.'
hasnt note '>From'
at=$(grep -b '^From ola@example.no' "$C/support.mbox" | cut -d: -f1)
cx mail list --state failed --format tsv | cut -f4,5,11,12,13 >out
printf 'state\tcase_id\treason\tsource\tposition\nfailed\t\tthe message is cut short\t%s\tbyte %s\n' "$C/support.mbox" "$at" >expect
same expect out
dbq "SELECT DISTINCT case_id FROM messages WHERE msgid LIKE 'mbox.%'" >out
lines out 1
EOF

t 'Maildir: cur/ and new/, each message at its name' <<'EOF'
cx mail list --format tsv | awk -F'\t' '$12 ~ /Maildir$/ { print $13 }' | cut -c1-4 >out
printf 'cur/\nnew/\n' >expect
same expect out
EOF

t 'the original bytes come back exactly, CRLF and all' <<'EOF'
id=$(dbq "SELECT id FROM messages WHERE msgid = 'AM6PR01MB1234.eurprd01.prod.outlook.com'")
cx mail show "$id" --raw >raw
cmp raw "$E/03-outlook-de.eml"
id=$(dbq "SELECT id FROM messages WHERE msgid = 'maildir.2@example.com'")
cx mail show "$id" --raw >raw
cmp raw "$C"/Maildir/new/*
cx mail show '<CAdana001@mail.gmail.com>' --raw >raw
cmp raw "$E/01-gmail.eml"
EOF

t 'attachments are written out byte for byte; an existing file is kept unless --force' <<'EOF'
id=$(dbq "SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.msgid LIKE '5A1B2C3D%'")
cx mail attachment "$id" photo.jpg >out
has out "Wrote attachment $id (Foto vom Karton é.jpg, 10242 bytes) to photo.jpg"
sha256sum photo.jpg | cut -d' ' -f1 >got
grep '^5A1B2C3D' "$C/expected.tsv" | cut -f5 | cut -d: -f3 >want
same want got
test "$(stat -c %a photo.jpg)" = 600
fails 65 cx mail attachment "$id" photo.jpg
has err 'photo.jpg exists already (give --force to replace it)'
cx mail attachment "$id" photo.jpg --force >/dev/null
cx mail attachment "$id" >piped.jpg
cmp photo.jpg piped.jpg
fails 1 cx mail attachment 999
has err 'cx: no attachment 999'
EOF

t 'mail show: the headers, the attachments with their numbers, and the whole text' <<'EOF'
id=$(dbq "SELECT id FROM messages WHERE msgid = 'fwd.priya@example.org'")
cx mail show "$id" >out
has out 'Message id:  fwd.priya@example.org'
has out 'damage-report.pdf  application/pdf  6705'
has out '---------- Forwarded message ----------'
fails 1 cx mail show 999
has err 'cx: no message 999 (see cx mail list)'
fails 1 cx mail show '<nobody@example.com>'
EOF

t 'the case brief lists the mail with its attachments, and the timeline says who wrote' <<'EOF'
k=$(dbq "SELECT case_id FROM messages WHERE msgid LIKE '5A1B2C3D%'")
cx case brief "$k" >brief
has brief 'mail from amelie@example.fr: Grinder makes a noise (attached: 1)'
has brief 'Mail'
has brief 'Foto vom Karton é.jpg (10 KB)'
cx case brief "$k" --format json >brief.json
has brief.json '"mail":['
has brief.json '"attachments":"#1 Foto vom Karton é.jpg (10 KB)"'
EOF

t 'the same mail again changes nothing' <<'EOF'
snapshot before
cx mail import "$E" "$C/support.mbox" "$C/Maildir" >out
has out ': 18 messages: 18 imported before'
has out 'support.mbox: 4 messages: 4 imported before'
cx mail import - <"$E/15-no-message-id.eml" >out
echo 'standard input: 1 message: 1 imported before' >expect
same expect out
snapshot after
same before after
EOF

t '--dry-run says what each message would do and stores nothing' <<'EOF'
CX_DB=$(db_named dry)
export CX_DB
cx config set mail.address support@bloom.example >/dev/null
cx mail import "$E/01-gmail.eml" >/dev/null
snapshot before
fails 65 cx mail import --dry-run "$E" "$C/support.mbox" >out
has out "$E/02-gmail-reply.eml: would join case 1 (it answers mail of the case) from dana@example.com"
has out "$E/10-bounce.eml: would skip: delivery report (multipart/report)"
has out "$E/17-token-customer.eml: would join case 1 ([cx #N] from the case's customer) from dana@example.com"
has out "$E/16-token-stranger.eml: would open case"
has out ': would keep aside: the message is cut short'
has out "$E: 18 messages, would be: 9 new cases, 1 added to its case, 1 added by its [cx #N], 1 of ours noted, 5 skipped, 1 imported before"
has err '1 message would be kept aside, the rest filed'
snapshot after
same before after
cx mail import --dry-run "$E/02-gmail-reply.eml" --format tsv | cut -f3,5 >out
printf 'action\tcase_id\nthread\t1\n' >expect
same expect out
EOF

t 'a message over mail.max-size is kept aside without its bytes, and filed once the limit is raised' <<'EOF'
CX_DB=$(db_named size)
export CX_DB
cx config set mail.max-size 5K >/dev/null
fails 65 cx mail import "$E/04-apple-flowed.eml"
has err ': too large: 14 KB, over mail.max-size (5 KB); raise it with cx config set mail.max-size, then import again'
fails 1 cx mail show 1 --raw
has err 'its bytes were not kept'
dbq "SELECT count(*) FROM cases" >out
echo 0 >expect
same expect out
cx config set mail.max-size 1M >/dev/null
cx mail import "$E/04-apple-flowed.eml" >out
has out '1 new case'
dbq "SELECT state FROM messages" >out
echo imported >expect
same expect out
fails 2 cx config set mail.max-size lots
has err 'mail.max-size: "lots" is not valid'
EOF

t 'a customer writing after the case was resolved reopens it; mail from before does not' <<'EOF'
CX_DB=$(db_named reopen)
export CX_DB
# the mailbox holds one message that cannot be read: 65, the rest filed
fails 65 cx mail import "$C/support.mbox" >/dev/null
cx --now 2026-03-16T14:00:00Z case resolve 1 --outcome refunded >/dev/null
printf 'From: Noor Haddad <noor@example.com>\nTo: support@bloom.example\nSubject: Re: Beans arrived stale\nDate: Mon, 16 Mar 2026 13:30:00 +0000\nMessage-ID: <early@example.com>\nIn-Reply-To: <mbox.4@example.com>\n\nSent before you resolved it.\n' >early.eml
printf 'From: Noor Haddad <noor@example.com>\nTo: support@bloom.example\nSubject: Re: Beans arrived stale\nDate: Tue, 17 Mar 2026 09:00:00 +0000\nMessage-ID: <late@example.com>\nIn-Reply-To: <mbox.4@example.com>\n\nThe new beans are stale too.\n' >late.eml
cx --now 2026-03-17T10:00:00Z mail import early.eml >/dev/null
cx case show 1 --format tsv | cut -f3 | sed -n 2p >out
echo resolved >expect
same expect out
cx --now 2026-03-17T10:00:00Z mail import -v late.eml >out
has out 'joined case 1 (it answers mail of the case) from noor@example.com, reopening it'
cx case show 1 --format tsv | cut -f3 | sed -n 2p >out
echo open >expect
same expect out
EOF

t 'a reply read before the mail it answers still lands on that mail'"'"'s case' <<'EOF'
CX_DB=$(db_named order)
export CX_DB
cx mail import "$E/02-gmail-reply.eml" "$E/01-gmail.eml" >/dev/null
dbq "SELECT DISTINCT case_id FROM messages" >out
echo 1 >expect
same expect out
EOF

t 'on-mail: a customer'"'"'s message runs the hook with the message, its case and customer' <<'EOF'
CX_DB=$(db_named hook)
export CX_DB
mkdir -p hooks
printf '#!/bin/sh\ncat >>"%s/events"\n' "$PWD" >hooks/on-mail
chmod +x hooks/on-mail
cx config set hooks.dir "$PWD/hooks" >/dev/null
cx config set mail.address support@bloom.example >/dev/null
cx mail import "$E/04-apple-flowed.eml" "$E/12-autoreply.eml" "$E/18-from-us.eml" >/dev/null
cx mail import "$E/04-apple-flowed.eml" >/dev/null
lines events 1
has events '"event":"mail.in"'
has events '"new_case":true'
has events '"message_id":"5A1B2C3D-0000-4000-8000-ABCDEF012345@example.fr","from":"amelie@example.fr","name":"Amélie Dubois","subject":"Grinder makes a noise","date":"2026-03-10T20:40:00Z","attachments":[{"name":"Foto vom Karton é.jpg","type":"image/jpeg","size":10242}]'
has events '"case":{"id":1,"title":"Grinder makes a noise","status":"new","priority":"normal","channel":"email"'
has events '"customer":{"id":1,"name":"Amélie Dubois","email":"amelie@example.fr","phone":null,"handle":null}'
EOF

t 'the digest counts the mail of its period' <<'EOF'
cx report --since 2026-03-01 --until 2026-04-01 --format json >report.json
has report.json '"mail":{"received":'
EOF

t 'errors: a missing mailbox is 66, empty standard input is 65; no path, a state off the list or a setting that is not one is 2' <<'EOF'
fails 66 cx mail import nowhere.mbox
has err 'cx: cannot read nowhere.mbox: No such file or directory'
fails 65 cx mail import - </dev/null
has err 'cx: standard input: no message in it (give one message, or an mbox)'
fails 2 cx mail import
fails 2 cx mail list --state lost
has err 'cx: --state: "lost" is not one of imported, skipped, failed'
fails 2 cx config set mail.address 'not an address'
has err 'mail.address'
fails 2 cx mail show 99999999999999999999
has err 'cx: "99999999999999999999" is not a message number (too large)'
fails 2 cx mail attachment 99999999999999999999
has err 'is not an attachment number'
fails 66 cx mail import /dev/null
has err 'cx: cannot read /dev/null: not a file, a pipe or a directory'
EOF

t 'a pipe is read as a mailbox' <<'EOF'
CX_DB=$(db_named pipe)
export CX_DB
mkfifo box
cat "$E/01-gmail.eml" >box &
cx mail import box >out
wait
echo 'box: 1 message: 1 new case' >expect
same expect out
EOF

t 'a Date no message can have (1969, 2099) is not believed: the message counts from its delivery, its Date kept as written' <<'EOF'
CX_DB=$(db_named dates)
export CX_DB
{
	printf 'From old@example.com Mon Mar 16 09:00:00 2026\nFrom: Old Clock <old@example.com>\nSubject: Kettle\n'
	printf 'Date: Wed, 01 Jan 1969 00:00:00 +0000\nMessage-ID: <old@example.com>\n\nMy kettle.\n\n'
	printf 'From ahead@example.com Tue Mar 17 10:00:00 2026\nFrom: Ahead <ahead@example.com>\nSubject: Teapot\n'
	printf 'Date: Thu, 01 Jan 2099 00:00:00 +0000\nMessage-ID: <ahead@example.com>\n\nMy teapot.\n\n'
	printf 'From lost@example.com Sat Jan  1 00:00:00 2100\nFrom: Lost <lost@example.com>\nSubject: Cup\n'
	printf 'Date: Thu, 01 Jan 2099 00:00:00 +0000\nMessage-ID: <lost@example.com>\n\nMy cup.\n'
} >clocks.mbox
cx --now 2026-03-20T12:00:00Z mail import -v clocks.mbox >out
has out 'clocks.mbox byte 0: opened case 1 "Kettle" from old@example.com; its Date is out of range, so it counts from when it arrived'
has out 'opened case 2 "Teapot" from ahead@example.com; its Date is out of range, so it counts from when it arrived'
# from the mbox's From line; the last one's is absurd too: the time it was read
dbq "SELECT subject, sent_at, at FROM messages ORDER BY id" >out
printf 'Kettle|-31536000|1773651600\nTeapot|4070908800|1773741600\nCup|4070908800|1774008000\n' >expect
same expect out
dbq "SELECT k.opened_at, n.created_at FROM cases k JOIN notes n ON n.case_id = k.id ORDER BY k.id" >out
printf '1773651600|1773651600\n1773741600|1773741600\n1774008000|1774008000\n' >expect
same expect out
# the machine formats say it too (a changed Message-ID: a new message; the others were imported before)
sed 's/<ahead@/<ahead2@/' clocks.mbox >again.mbox
cx --now 2026-03-20T12:00:00Z mail import -v again.mbox --format tsv >v.tsv
cut -f3,12 v.tsv >out
printf 'action\tredated\npresent\t0\nnew-case\t1\npresent\t0\n' >expect
same expect out
cx mail show '<old@example.com>' --format json >show.json
has show.json '"date":"1969-01-01T00:00:00Z"'
has show.json '"at":"2026-03-16T09:00:00Z"'
# a delivery agent's message is read as it arrives
printf 'From: Piped <piped@example.com>\nSubject: Saucer\nDate: Thu, 01 Jan 2099 00:00:00 +0000\nMessage-ID: <piped@example.com>\n\nMy saucer.\n' |
	cx --now 2026-03-20T13:00:00Z mail import - >/dev/null
dbq "SELECT at FROM messages WHERE msgid = 'piped@example.com'" >out
echo 1774011600 >expect
same expect out
EOF

t 'what a mail could do to a terminal is defused in the lines for people; -q leaves them out' <<'EOF'
CX_DB=$(db_named esc)
export CX_DB
# a subject's controls are gone when it is decoded; a file name's are only defused where it is shown
esc=$(printf 'e\033[2J.eml')
printf 'From: Esc <esc@example.com>\nSubject: =?utf-8?q?Red=1B=5B31m_alert?=\nDate: Mon, 16 Mar 2026 09:00:00 +0000\nMessage-ID: <esc@example.com>\n\nhi\n' >"$esc"
cx mail import --dry-run "$esc" >out
hasnt out "$(printf '\033')"
has out "$(printf 'e\357\277\275[2J.eml: would open case 1 "Red [31m alert" from esc@example.com')"
cx mail import -q "$esc" >out
test ! -s out
cx mail import --format markdown "$esc" >out
has out 'imported before'
EOF

t 'mail on a database that is not there: readers are 66 and make nothing' <<'EOF'
for args in "mail list" "mail show 1" "mail attachment 1" "template list" "template show x"; do
	# shellcheck disable=SC2086
	fails 66 cx --db typo.db $args
	echo 'cx: typo.db: no such database (cx --db typo.db init creates it)' >expect
	same expect err
done
test ! -e typo.db
EOF

t_file 'mail import makes its database; one that fails leaves none behind' <<'EOF'
fails 66 cx --db gone.db mail import nowhere.mbox
test ! -e gone.db
cx --db new.db mail import "$E/01-gmail.eml" >out
echo "$E/01-gmail.eml: 1 message: 1 new case" >expect
same expect out
test "$(stat -c %a new.db)" = 600
EOF

finish
