#!/bin/sh
# Mail as it arrives: a real delivery agent pipes each message into
# `cx mail import -`. procmail (fed by formail, which splits an mbox the way
# fetchmail and an MTA hand over messages one by one) files a whole mailbox
# as an import of it would; a message cx cannot file makes cx fail, and
# procmail's next recipe keeps it; a busy database is exit 75, which
# delivery agents retry; maildrop works the same way.
. "$(dirname "$0")/lib.sh"

command -v procmail >/dev/null 2>&1 && command -v formail >/dev/null 2>&1 || skip_all 'procmail is not installed'
mail_corpus

# rcfile DB: a ~/.procmailrc piping every message to cx for database DB,
# keeping what cx refuses in ./kept.mbox.
rcfile() {
	cat <<X
SHELL=/bin/sh
LOGFILE=$PWD/procmail.log
CX_DB="$1"
CX_BUSY_TIMEOUT=200

:0 w
| "$CX" mail import -

:0:
$PWD/kept.mbox
X
}

t 'procmail files a whole mailbox, message by message, as cx mail import would' <<'EOF'
rcfile "$CX_DB" >rc
formail -s procmail -m rc <"$C/support.mbox"
cx mail list --format tsv | cut -f3,4,5,11,12 >got
cat >expect <<'X'
direction	state	case_id	reason	source
in	imported	1		-
in	imported	1		-
in	failed		the message is cut short	-
in	imported	1		-
X
same expect got
# the refused message is not lost: procmail kept it
grep -c '^From ' kept.mbox >out
echo 1 >expect
same expect out
has kept.mbox 'Subject: Broken carafe'
# the same mailbox through a plain import adds nothing
cx mail import "$C/support.mbox" >out
has out '4 imported before'
EOF

t 'procmail: the same message delivered twice is filed once' <<'EOF'
rcfile "$CX_DB" >rc
procmail -m rc <"$C/eml/05-mobile-html.eml"
procmail -m rc <"$C/eml/05-mobile-html.eml"
dbq "SELECT count(*) FROM messages WHERE msgid = 'mobile.5521@mail.example.net'" >out
echo 1 >expect
same expect out
test ! -e kept.mbox
EOF

t_file 'a busy database is exit 75 (try again later): procmail keeps the message, nothing is filed' <<'EOF'
rcfile "$CX_DB" >rc
# another writer holds the lock until told to let go
hold_lock
count=$(dbq "SELECT count(*) FROM messages")
CX_BUSY_TIMEOUT=200 fails 75 cx mail import - <"$C/eml/06-iso-2022-jp.eml"
procmail -m rc <"$C/eml/06-iso-2022-jp.eml"
let_go
has kept.mbox '20260312110000.taro@example.jp'
test "$(dbq "SELECT count(*) FROM messages")" = "$count"
EOF

t 'maildrop pipes a message to cx the same way' <<'EOF'
command -v maildrop >/dev/null 2>&1 || { echo '# SKIP maildrop is not installed'; exit 0; }
printf 'CX_DB="%s"\nto "| %s mail import -"\n' "$CX_DB" "$CX" >mailfilter
chmod 600 mailfilter
maildrop mailfilter <"$C/eml/08-windows-1252.eml"
dbq "SELECT source, state FROM messages WHERE msgid = 'pat.refund@example.ie'" >out
echo '-|imported' >expect
same expect out
EOF

finish
