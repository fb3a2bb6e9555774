#!/bin/sh
# cx reply and cx template: the reply is a proper mail (read back by
# Python's email module: encoded words, UTF-8 text, Date, a Message-ID at
# our domain, In-Reply-To and References of the customer's latest mail,
# "Re: <title> [cx #N]"), recorded as the public note and an outgoing
# message the customer's answer threads to; printed, or handed to mail.send
# (argv, no shell; nothing recorded unless it succeeds), here msmtp talking
# to a throw-away SMTP server (aiosmtpd) that must receive the very bytes
# cx kept. Templates fill {{var | fallback}} from the case brief's fields
# and refuse a variable with no value, naming it.
. "$(dirname "$0")/lib.sh"

mail_corpus

# read_mail FILE: what Python's email module reads from a message, one field a line.
read_mail() {
	"$PY" - "$1" <<'PYX'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
for h in ('From', 'To', 'Subject', 'In-Reply-To', 'References'):
    print('%s: %s' % (h, ' '.join(str(m[h]).split()) if m[h] else '-'))
print('Message-ID-domain: %s' % str(m['Message-ID']).strip('<>').split('@')[1])
print('Date-ok: %s' % (m['Date'].datetime is not None))
print('Body: %s' % m.get_content().rstrip('\n'))
PYX
}

t 'without mail.address, cx reply says which setting to make (not found: 1)' <<'EOF'
cx mail import "$E/03-outlook-de.eml" >/dev/null
fails 1 cx reply 1 -m "Hallo"
has err 'cx: mail.address is not set: say which address replies come from (cx config set mail.address support@example.com)'
EOF

t 'a reply is a proper mail to the customer, in the thread, with the case token' <<'EOF'
cx config set mail.address "Bloom Süpport <support@bloom.example>, hello@bloom.example" >/dev/null
cx --now 2026-03-09T10:00:00Z reply 1 -m "Guten Tag Herr Müller, eine neue Mühle ist unterwegs." >reply.eml
read_mail reply.eml >got
cat >expect <<'X'
From: Bloom Süpport <support@bloom.example>
To: Jürgen Müller <juergen.mueller@example.de>
Subject: Re: Bestellung 4711 – Mühle defekt [cx #1]
In-Reply-To: <AM6PR01MB1234.eurprd01.prod.outlook.com>
References: <AM6PR01MB1234.eurprd01.prod.outlook.com>
Message-ID-domain: bloom.example
Date-ok: True
Body: Guten Tag Herr Müller, eine neue Mühle ist unterwegs.
X
same expect got
# encoded words and a 7-bit body on the wire
grep -q '^Subject: .*=?' reply.eml
grep -q '^Content-Type: text/plain; charset=utf-8' reply.eml
hasnt reply.eml 'Mühle ist'
EOF

t 'the reply is recorded: the public note, an outgoing message with its bytes, the case open' <<'EOF'
cx note list 1 --public --format tsv | cut -f6,7,9 | sed -n 2p >out
printf 'public\temail\tGuten Tag Herr Müller, eine neue Mühle ist unterwegs.\n' >expect
same expect out
cx mail list --case 1 --format tsv | cut -f3,4,7,8 | sed -n 3p >out
printf 'out\timported\tsupport@bloom.example\tjuergen.mueller@example.de\n' >expect
same expect out
id=$(dbq "SELECT id FROM messages WHERE direction = 'out'")
cx mail show "$id" --raw | tail -n +2 >a
cx --now 2026-03-09T10:00:00Z reply 1 -m x >/dev/null
dbq "SELECT count(*) FROM messages WHERE direction = 'out'" >out
echo 2 >expect
same expect out
cx case show 1 --format tsv | cut -f3,15 | sed -n 2p >out
printf 'open\t2026-03-09T10:00:00Z\n' >expect
same expect out
EOF

t 'the customer'"'"'s answer to the reply joins the case by In-Reply-To' <<'EOF'
msgid=$(dbq "SELECT msgid FROM messages WHERE direction = 'out' ORDER BY id LIMIT 1")
printf 'From: juergen.mueller@example.de\nTo: support@bloom.example\nSubject: AW: Re: Bestellung 4711\nDate: Tue, 10 Mar 2026 08:00:00 +0100\nMessage-ID: <answer.1@example.de>\nIn-Reply-To: <%s>\n\nDanke, sie ist angekommen.\n' "$msgid" >answer.eml
cx mail import -v answer.eml >out
has out 'joined case 1 (it answers mail of the case) from juergen.mueller@example.de'
EOF

t 'Reply-To is where the answer goes; --to overrides' <<'EOF'
printf 'From: Kim Lee <kim@example.com>\nReply-To: orders@kim.example\nTo: support@bloom.example\nSubject: Where is my order?\nDate: Tue, 10 Mar 2026 09:00:00 +0000\nMessage-ID: <kim.1@example.com>\n\nIt is late.\n' >kim.eml
cx mail import kim.eml >/dev/null
k=$(dbq "SELECT case_id FROM messages WHERE msgid = 'kim.1@example.com'")
cx reply "$k" -m "On its way" | grep '^To:' >out
echo 'To: orders@kim.example' >expect
same expect out
cx reply "$k" -m "On its way" --to 'Kim <kim@work.example>' | grep '^To:' >out
echo 'To: kim@work.example' >expect
same expect out
fails 65 cx reply "$k" -m x --to 'nobody'
EOF

t 'a case without mail is answered at the customer'"'"'s email; without one, refused' <<'EOF'
cx customer add "Ola Nordmann" --email ola@example.no >/dev/null
cx case open ola@example.no --title "Phone call about a refund" >/dev/null
k=$(dbq "SELECT max(id) FROM cases")
cx reply "$k" -m "Refund sent" >out
has out 'To: Ola Nordmann <ola@example.no>'
hasnt out 'In-Reply-To'
cx customer add "No Mail" >/dev/null
cx case open "No Mail" --title "At the counter" >/dev/null
k=$(dbq "SELECT max(id) FROM cases")
snapshot before
fails 65 cx reply "$k" -m "Hello"
has err "cx: case $k: No Mail has no address to write to (give --to ADDRESS, or cx customer edit"
snapshot after
same before after
fails 1 cx reply 999 -m x
fails 2 cx reply 1 -m x --template thanks
EOF

t 'mail.send: a command that fails sends nothing and records nothing (exit 69)' <<'EOF'
cx config set mail.send "sh -c 'cat >/dev/null; exit 3'" >/dev/null
snapshot before
fails 69 cx reply 1 -m "Lost?"
has err 'cx: mail.send (sh) failed with exit status 3: the reply was not sent and nothing was recorded (try again)'
snapshot after
same before after
cx config set mail.send "no-such-mailer -t" >/dev/null
fails 69 cx reply 1 -m "Lost?"
has err 'cannot run no-such-mailer'
fails 2 cx config set mail.send "msmtp 'unclosed"
EOF

t 'mail.send gets the message on standard input, as an argv without a shell' <<'EOF'
cx config set mail.send "tee '$PWD/sent copy.eml'" >/dev/null
cx reply 1 -m 'Price: $(rm -rf ~) `id`' >out 2>err
has out 'Sent the reply on case 1 to juergen.mueller@example.de'
id=$(dbq "SELECT max(id) FROM messages WHERE direction = 'out'")
cx mail show "$id" --raw >kept.eml
cmp kept.eml "sent copy.eml"
has kept.eml 'Price: $(rm -rf ~) `id`'
cx config unset mail.send >/dev/null
EOF

t 'msmtp delivers the reply to an SMTP server: the bytes that arrive are the bytes cx kept' <<'EOF'
command -v msmtp >/dev/null || { echo '# SKIP msmtp is not installed'; exit 0; }
SMTPPY=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import aiosmtpd' 2>/dev/null; then SMTPPY=$p; break; fi
done
[ -n "$SMTPPY" ] || { echo '# SKIP python3-aiosmtpd is not installed'; exit 0; }
mkdir inbox
"$SMTPPY" "$DATA/mail/smtp-sink.py" "$PWD/inbox" "$PWD/port" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
cx config set mail.send "msmtp --host=127.0.0.1 --port=$(cat port) --auth=off --tls=off --from=support@bloom.example -t" >/dev/null
cx reply 1 -m "Sent through msmtp: ÄÖÜ, and a line that is long enough to be folded by quoted-printable encoding somewhere." >out
has out 'Sent the reply on case 1'
i=0
while [ ! -f inbox/1.eml ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
id=$(dbq "SELECT max(id) FROM messages WHERE direction = 'out'")
cx mail show "$id" --raw >kept.eml
tr -d '\r' <inbox/1.eml >arrived.eml
same kept.eml arrived.eml
has inbox/1.envelope 'from support@bloom.example'
has inbox/1.envelope 'to juergen.mueller@example.de'
cx config unset mail.send >/dev/null
EOF

t 'cx template add, list, show, edit, rm' <<'EOF'
cx template add late-delivery -m 'Hello {{customer.first_name | there}},' -m 'your order (case {{case.id}}, "{{case.title}}") is late. We are on it.' -m '{{me}}, Bloom' >out
echo 'Added template late-delivery' >expect
same expect out
cx template list --format tsv >out
printf 'name\tupdated_at\tvariables\tfirst_line\n' >expect
head -1 out | diff - expect
has out 'late-delivery'
has out 'customer.first_name,case.id,case.title,me'
cx template show late-delivery >out
has out 'Hello {{customer.first_name | there}},'
cx __complete reply 1 --template '' | cut -f1 >out
echo late-delivery >expect
same expect out
cx template edit late-delivery -m 'Hi {{customer.first_name | there}}, case {{case.id}}: we are on it. {{me}}' >out
echo 'Changed template late-delivery' >expect
same expect out
fails 65 cx template add late-delivery -m x
has err 'template late-delivery exists already'
fails 65 cx template add broken -m 'Hi {{customer.name'
has err 'template broken, line 1: {{ is not closed with }} on its line'
fails 65 cx template add 'bad name' -m x
cx template add gone -m x >/dev/null
cx template rm gone >out
echo 'Removed template gone' >expect
same expect out
fails 1 cx template rm gone
fails 1 cx template show gone
EOF

t 'template show: the exact text into a pipe, defused on a terminal' <<'EOF'
cx template add loud -m "$(printf 'Hi\033[2J {{me}}\tthere')" >/dev/null
cx template show loud >out
printf 'Hi\033[2J {{me}}\tthere\n' >expect
same expect out
command -v script >/dev/null 2>&1 || { echo '# SKIP script(1) is not installed'; exit 0; }
script -qec "$CX template show loud" /dev/null >tty.out
hasnt tty.out "$(printf '\033')"
has tty.out "$(printf 'Hi\357\277\275[2J {{me}} there')"
EOF

t 'cx reply --template fills the fields of the case brief' <<'EOF'
cx --as sam reply 1 --template late-delivery | sed -n '/^$/,$p' | sed 1d >body
"$PY" -c 'import quopri,sys; sys.stdout.write(quopri.decodestring(open("body","rb").read()).decode())' >text
echo 'Hi Jürgen, case 1: we are on it. sam' >expect
same expect text
EOF

t 'a variable without a value and without a fallback is refused, named, and nothing is recorded' <<'EOF'
cx template add call-back -m 'We will call you at {{customer.phone}}.' >/dev/null
snapshot before
fails 65 cx reply 1 --template call-back
has err 'cx: template call-back, line 1: {{customer.phone}} has no value here and no fallback (write {{customer.phone | ...}})'
cx template add typo -m 'Dear {{customer.nmae}}' >/dev/null
snapshot before
fails 65 cx reply 1 --template typo
has err 'cx: template typo, line 1: {{customer.nmae}} is not a field cx knows'
snapshot after
same before after
fails 1 cx reply 1 --template nothing-like-it
EOF

t 'cx reply --template --edit: the filled template in the editor' <<'EOF'
printf '#!/bin/sh\nsed -i "s/on it/ON IT/" "$1"\n' >editor
chmod +x editor
VISUAL="$PWD/editor" cx --as sam reply 1 --template late-delivery --edit >out
has out 'ON IT'
cx note list 1 --public --format tsv | tail -1 | cut -f9 >note
has note 'Hi Jürgen, case 1: we are ON IT. sam'
EOF

finish
