#!/bin/sh
# cx note: adding notes to cases and customers, listing them with filters,
# and who is recorded as their author.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

tab() { tr '|' '\t'; }

t 'setup: two customers, a case each' <<'EOF'
cx customer add "Dana Ruiz" --email dana@example.com >/dev/null
cx customer add "Ben Okafor" --email ben@example.com >/dev/null
cx case open dana --title "Cracked machine" >/dev/null
cx case open ben --title "Refund please" >/dev/null
cx case list --format tsv | cut -f1,2,5 >out
tab >expect <<'X'
id|status|customer
2|new|Ben Okafor
1|new|Dana Ruiz
X
same expect out
EOF

# ---- adding ----------------------------------------------------------------

t 'a note on a case is internal by default' <<'EOF'
cx --now 2026-03-02T10:00:00Z note add 1 -m "Checked the courier tracking" >out
echo 'Added internal note 1 to case 1' >expect
same expect out
cx note list 1 --format tsv >out
tab >expect <<'X'
id|at|case_id|customer_id|customer|visibility|kind|author|body
1|2026-03-02T10:00:00Z|1|1|Dana Ruiz|internal|other|tester|Checked the courier tracking
X
same expect out
EOF

t 'an internal note does not answer the customer' <<'EOF'
cx case show 1 --format tsv | sed -n 2p | cut -f3,15 >out
printf 'new\t\n' >expect
same expect out
EOF

t 'a --public note with --kind is the first response and opens a new case' <<'EOF'
cx --now 2026-03-02T11:00:00Z --as alice note add 1 --public --kind email \
	-m "We have shipped a replacement" >out
echo 'Added public note 2 to case 1' >expect
same expect out
cx case show 1 --format tsv | sed -n 2p | cut -f3,15 >out
printf 'open\t2026-03-02T11:00:00Z\n' >expect
same expect out
EOF

t 'a note on a customer by a positional reference' <<'EOF'
CX_USER=bob cx --now 2026-03-03T09:00:00Z note add dana@example.com --kind call \
	-m "Called about her loyalty card" >out
echo 'Added internal note 3 to customer 1' >expect
same expect out
EOF

t 'a note on a customer with --customer' <<'EOF'
cx --now 2026-03-04T09:00:00Z note add 2 --public --kind chat -m "Refund issued" >/dev/null
cx --now 2026-03-05T09:00:00Z note add --customer "ben okafor" --kind visit --internal \
	-m "Came by the store" >out
echo 'Added internal note 5 to customer 2' >expect
same expect out
EOF

t '#N names a case' <<'EOF'
cx --now 2026-03-05T10:00:00Z note add '#2' -m "Bank confirms the refund" >out
echo 'Added internal note 6 to case 2' >expect
same expect out
EOF

t 'every note so far, oldest first' <<'EOF'
cx note list --format tsv >out
tab >expect <<'X'
id|at|case_id|customer_id|customer|visibility|kind|author|body
1|2026-03-02T10:00:00Z|1|1|Dana Ruiz|internal|other|tester|Checked the courier tracking
2|2026-03-02T11:00:00Z|1|1|Dana Ruiz|public|email|alice|We have shipped a replacement
3|2026-03-03T09:00:00Z||1|Dana Ruiz|internal|call|bob|Called about her loyalty card
4|2026-03-04T09:00:00Z|2|2|Ben Okafor|public|chat|tester|Refund issued
5|2026-03-05T09:00:00Z||2|Ben Okafor|internal|visit|tester|Came by the store
6|2026-03-05T10:00:00Z|2|2|Ben Okafor|internal|other|tester|Bank confirms the refund
X
same expect out
EOF

t 'the body comes from standard input when it is not a terminal and -m is not given' <<'EOF'
printf 'Line one\nLine two\n\n' | cx --now 2026-03-06T09:00:00Z note add 1 >/dev/null
cx note list 1 --format tsv | tail -n 1 | cut -f9 >out
printf '%s\n' 'Line one\nLine two' >expect
same expect out
EOF

t '-m - reads standard input; several -m are paragraphs' <<'EOF'
echo "From a pipe" | cx --now 2026-03-06T09:01:00Z note add 1 -m - >/dev/null
cx --now 2026-03-06T09:02:00Z note add 1 -m "First" -m "Second" >/dev/null
cx note list 1 --since 2026-03-06T09:01:00Z --format tsv | cut -f9 >out
printf 'body\nFrom a pipe\nFirst\\n\\nSecond\n' >expect
same expect out
EOF

t '--at records when it happened' <<'EOF'
cx --now 2026-03-06T10:00:00Z note add 2 --at "2026-03-04T08:30:00Z" -m "Backdated" >/dev/null
cx note list 2 --search backdated --format tsv | cut -f2 >out
printf 'at\n2026-03-04T08:30:00Z\n' >expect
same expect out
fails 2 cx note add 2 --at "last tuesdayish" -m "x"
has err 'cx: --at: "last tuesdayish" is not a date'
EOF

t 'an empty body is refused and nothing is stored' <<'EOF'
snapshot before
fails 65 cx note add 1 -m ""
echo 'cx: note: the text is empty (give it with --message TEXT or --edit)' >expect
same expect err
fails 65 cx note add 1 -m "   "
same expect err
printf '\n\n' | fails 2 cx note add 1
has err 'cx: a note is needed: give -m TEXT, -m - (standard input) or --edit'
fails 2 cx note add 1 </dev/null
printf '' | fails 65 cx note add 1 -m -
snapshot after
same before after
EOF

t 'a body with a NUL byte is refused (65)' <<'EOF'
snapshot before
printf 'a\000b' | fails 65 cx note add 1 -m -
has err 'holds a NUL byte'
snapshot after
same before after
EOF

t 'note add --edit takes the body from $VISUAL over $EDITOR' <<'EOF'
printf '#!/bin/sh\nprintf "From VISUAL\\n" >"$1"\n' >visual.sh
printf '#!/bin/sh\nprintf "From EDITOR\\n" >"$1"\n' >editor.sh
chmod +x visual.sh editor.sh
VISUAL="$PWD/visual.sh" EDITOR="$PWD/editor.sh" cx --now 2026-03-06T09:03:00Z note add 1 --edit >/dev/null
EDITOR="$PWD/editor.sh" cx --now 2026-03-06T09:04:00Z note add 1 --edit >/dev/null
cx note list 1 --limit 2 --format tsv | cut -f9 >out
printf 'body\nFrom VISUAL\nFrom EDITOR\n' >expect
same expect out
EOF

t 'a bad kind is a usage error (2); handoff and status are kept for cx itself' <<'EOF'
snapshot before
for k in fax handoff status CALL; do
	fails 2 cx note add 1 --kind "$k" -m "x"
	echo "cx: --kind: \"$k\" is not one of call, email, chat, visit, social, letter, other" >expect
	head -n 1 err >first
	same expect first
done
snapshot after
same before after
EOF

t 'every kind a person may pick is accepted' <<'EOF'
for k in call email chat visit social letter other; do
	cx --now 2026-03-07T09:00:00Z note add --customer ben --kind "$k" -m "kind $k" >/dev/null
done
cx note list --customer ben --since 2026-03-07 --format tsv | cut -f7 | sed 1d | tr '\n' ' ' >out
printf 'call email chat visit social letter other ' >expect
same expect out
EOF

t 'where the note goes must be said once (2)' <<'EOF'
snapshot before
fails 2 cx note add -m "x"
has err 'cx: say where the note goes: a case number or --customer CUSTOMER'
has err 'usage: cx note add'
fails 2 cx note add 1 --customer dana -m "x"
has err 'cx: give a case number or --customer, not both'
fails 2 cx note add 1 --public --internal -m "x"
has err 'cx: a note is either --public or --internal, not both'
fails 2 cx note add 1 2 -m "x"
has err 'cx: too many arguments: 2'
snapshot after
same before after
EOF

t 'an unknown case or customer is exit 1' <<'EOF'
fails 1 cx note add 99 -m "x"
echo 'cx: no case 99' >expect
same expect err
fails 1 cx note add nobody@example.com -m "x"
echo 'cx: no customer with email nobody@example.com' >expect
same expect err
fails 1 cx note add --customer "Zed" -m "x"
has err 'cx: no customer "Zed"'
EOF

t 'a note add is in the audit log with its visibility' <<'EOF'
cx log --action note --until 2026-03-06 --format tsv | cut -f3,4,5,6,7,8 >out
tab >expect <<'X'
actor|entity|entity_id|action|note_id|details
tester|case|1|note|1|{"visibility":"internal"}
alice|case|1|note|2|{"visibility":"public"}
bob|customer|1|note|3|{"visibility":"internal"}
tester|case|2|note|10|{"visibility":"internal"}
tester|case|2|note|4|{"visibility":"public"}
tester|customer|2|note|5|{"visibility":"internal"}
tester|case|2|note|6|{"visibility":"internal"}
X
same expect out
EOF

# ---- listing ---------------------------------------------------------------

t 'list CASE keeps that case'"'"'s notes' <<'EOF'
cx note list 2 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 10 4 6 ' >expect
same expect out
EOF

t 'list --customer keeps notes on the customer and on their cases' <<'EOF'
cx note list --customer dana --until 2026-03-06 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 1 2 3 ' >expect
same expect out
cx note list 1 --customer ben --format tsv >out
lines out 1
EOF

t 'list --public and --internal' <<'EOF'
cx note list --public --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 4 ' >expect
same expect out
cx note list --internal --until 2026-03-06 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 1 3 10 5 6 ' >expect
same expect out
fails 2 cx note list --public --internal
has err 'cx: choose --public or --internal, not both'
EOF

t 'list --kind, --author, --search' <<'EOF'
cx note list --kind call --format tsv | cut -f1,9 >out
tab >expect <<'X'
id|body
3|Called about her loyalty card
13|kind call
X
same expect out
cx note list --author alice --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 ' >expect
same expect out
cx note list --search REFUND --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 6 ' >expect
same expect out
cx note list --search "50%" --format tsv >out
lines out 1
EOF

t 'list --since and --until bound the time' <<'EOF'
cx note list --since 2026-03-03 --until 2026-03-05 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 3 10 4 ' >expect
same expect out
fails 2 cx note list --since "next week"
has err 'cx: --since: "next week" is not a date'
EOF

t 'list --limit returns the latest N, still in time order' <<'EOF'
cx note list --until 2026-03-06 --limit 3 --format tsv | cut -f1,2 >out
tab >expect <<'X'
id|at
4|2026-03-04T09:00:00Z
5|2026-03-05T09:00:00Z
6|2026-03-05T10:00:00Z
X
same expect out
cx note list 1 --limit 1 --format tsv | cut -f9 >out
printf 'body\nFrom EDITOR\n' >expect
same expect out
fails 2 cx note list --limit 0
has err 'cx: --limit:'
EOF

t 'list for an unknown case or customer is exit 1' <<'EOF'
fails 1 cx note list 99
echo 'cx: no case 99' >expect
same expect err
fails 1 cx note list --customer nobody@example.com
has err 'cx: no customer with email nobody@example.com'
fails 2 cx note list abc
has err 'cx: "abc" is not a case number'
EOF

t 'list as a table shows each body under its line' <<'EOF'
cx note list 2 --until 2026-03-05 >out
cat >expect <<'X'
  10  2026-03-04 08:30  2  Ben Okafor  internal  other  tester
      Backdated
  4  2026-03-04 09:00  2  Ben Okafor  public  chat  tester
      Refund issued
X
same expect out
EOF

# ---- who wrote it ----------------------------------------------------------

# On a server, the role it knows the connection as comes before the user
# setting and the login name (a shared database's setting would name everyone).
login=zed setting=carol
if on_pg; then
	login=$(dbq "SELECT current_user")
	setting=$login
fi

t 'the author is --as over CX_USER over the user setting (or server role) over the login name' <<'EOF'
cx customer add "Actor Test" >/dev/null
w() { cx --now 2026-04-01T09:00:00Z note add --customer "actor test" -m "$1" >/dev/null; }
(unset CX_USER; LOGNAME=zed w "login name")
cx config set user carol >/dev/null
(unset CX_USER; LOGNAME=zed w "setting")
CX_USER= LOGNAME=zed w "empty CX_USER is unset"
CX_USER=bob w "CX_USER over the setting"
CX_USER=bob cx --as alice --now 2026-04-01T09:00:00Z note add --customer "actor test" -m "--as over all" >/dev/null
CX_USER=bob cx --now 2026-04-01T09:00:00Z note add --customer "actor test" --as dave -m "--as after the verb" >/dev/null
cx config unset user >/dev/null
cx note list --customer "actor test" --format tsv | cut -f8,9 >out
tab >expect <<X
author|body
$login|login name
$setting|setting
$setting|empty CX_USER is unset
bob|CX_USER over the setting
alice|--as over all
dave|--as after the verb
X
same expect out
EOF

t 'the audit log records the same actors' <<'EOF'
cx log --since 2026-04-01 --until 2026-04-02 --action note --format tsv | cut -f3 >out
printf 'actor\n%s\n%s\n%s\nbob\nalice\ndave\n' "$login" "$setting" "$setting" >expect
same expect out
EOF

t 'setting the user is itself in the audit log' <<'EOF'
cx log --entity setting --format tsv | cut -f3,4,6,8 >out
tab >expect <<'X'
actor|entity|action|details
tester|setting|set|{"key":"user","value":"carol"}
tester|setting|unset|{"key":"user"}
X
same expect out
EOF

t 'an actor name with spaces is refused (65) and nothing is stored' <<'EOF'
snapshot before
fails 65 cx --as "two words" note add 1 -m "x"
echo 'cx: --as: "two words" must be one name without spaces' >expect
same expect err
CX_USER="a,b" fails 65 cx note add 1 -m "x"
has err 'must be one name without spaces'
snapshot after
same before after
EOF

t 'config get, set and list' <<'EOF'
cx config get user >out
echo '' >expect
same expect out
cx config set stale 14d >/dev/null
cx config get stale >out
echo '14d' >expect
same expect out
cx config list --format tsv | grep '^stale' | cut -f1-3 >out
printf 'stale\t14d\t0\n' >expect
same expect out
fails 2 cx config set stale soon
has err 'cx: stale: "soon" is not valid'
fails 2 cx config get colour
has err 'cx: unknown setting "colour" (known: user, stale'
EOF

t 'log filters by actor, and --reverse --limit gives the latest first' <<'EOF'
cx log --actor alice --format tsv | cut -f3,4,6 >out
tab >expect <<'X'
actor|entity|action
alice|case|note
alice|case|status
alice|customer|note
X
same expect out
cx log --format tsv | sed 1d | tail -n 2 | tac >expect
cx log --reverse --limit 2 --format tsv | sed 1d >out
same expect out
lines out 2
fails 2 cx log --id 0
has err 'cx: --id:'
fails 2 cx log --until someday
has err 'cx: --until: "someday" is not a date'
EOF

finish
