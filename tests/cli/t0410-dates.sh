#!/bin/sh
# Absurd dates: nothing before 1970-01-01; nothing that happened more than a
# day after the clock (--now); a filter's bound from 1970 to the end of 2199.
# One message naming the option, or the file, line and column, with the
# range: on the command line a usage error (2), in a file bad data (65).
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-11T10:00:00Z
LATER='a time that happened is from 1970-01-01 to a day after now (2026-03-12 10:00)'
SPAN='(give a date from 1970-01-01 to 2199-12-31)'

t 'setup: a customer with a case' <<'EOF'
cx customer add "Dana Ruiz" --email dana@example.com >/dev/null
cx case open dana --title "Kettle leaks" >/dev/null
EOF

t '--at far ahead is refused (2) by every command that records what happened; nothing is stored' <<'EOF'
snapshot before
for d in 9999-12-31 3000-01-01 2026-03-12T10:00:01Z; do
	fails 2 cx case open dana --title X --at "$d"
	has err "cx: --at: \"$d\" is out of range: $LATER"
	fails 2 cx note add 1 -m x --at "$d"
	has err "cx: --at: \"$d\" is out of range: $LATER"
	fails 2 cx touch log dana -c phone -s use --at "$d"
	has err "cx: --at: \"$d\" is out of range"
	fails 2 cx feedback add -s google -m x --at "$d"
	has err "cx: --at: \"$d\" is out of range"
	fails 2 cx customer add "Ann Lee" --at "$d"
	has err "cx: --at: \"$d\" is out of range"
done
snapshot after
same before after
EOF

t '--at before 1970 is refused (2) with the same message' <<'EOF'
snapshot before
for d in 1900-01-01 1969-12-31 1969-12-31T23:59:59Z @-1; do
	fails 2 cx case open dana --title X --at "$d"
	has err "cx: --at: \"$d\" is out of range: $LATER"
	fails 2 cx note add 1 -m x --at "$d"
done
snapshot after
same before after
EOF

t '--at from 1970 to a day ahead is taken, to the second; the day follows --now' <<'EOF'
cx case open dana --title "Old" --at 1970-01-02 >/dev/null
cx note add 1 -m "A day ahead" --at 2026-03-12T10:00:00Z >/dev/null
cx note add 1 -m "Tomorrow" --at tomorrow >/dev/null
cx --now 2031-01-01T00:00:00Z touch log dana -c phone -s use --at 2031-01-01T12:00:00Z >/dev/null
fails 2 cx --now 2031-01-01T00:00:00Z touch log dana -c phone -s use --at 2031-01-02T00:00:01Z
test "$(dbq "SELECT opened_at FROM cases WHERE title = 'Old'")" = 86400
test "$(dbq "SELECT count(*) FROM notes WHERE body IN ('A day ahead', 'Tomorrow')")" = 2
test "$(dbq "SELECT count(*) FROM touchpoints WHERE at = 1924992000 + 43200")" = 1
EOF

t 'a filter takes 1970 to the end of 2199 (2 outside), in every command' <<'EOF'
cx case list --since 1970-01-01 --until 2199-12-31 >/dev/null
fails 2 cx case list --until 3000-01-01
has err "cx: --until: \"3000-01-01\" is out of range $SPAN"
fails 2 cx case list --since 1900-01-01
has err "cx: --since: \"1900-01-01\" is out of range $SPAN"
fails 2 cx case list --until 2200-01-01
fails 2 cx note list --since 1969-12-31
fails 2 cx log --until 9999-01-01
has err "cx: --until: \"9999-01-01\" is out of range $SPAN"
fails 2 cx export --since @-86400
fails 2 cx journey map --since 1800-01-01
fails 2 cx report --until 2500-01-01
fails 2 cx search kettle --since 1901-01-01
EOF

t 'a survey row dated in the future or before 1970 is refused (65) at its line and column; nothing stored' <<'EOF'
snapshot before
printf '%s\n' 'id,date,How likely are you to recommend us?' 'r1,2026-03-01 10:00:00,9' \
	'r2,3000-01-01 10:00:00,7' >future.csv
fails 65 cx survey import future.csv
has err "cx: future.csv:3: column \"date\": \"3000-01-01 10:00:00\" is out of range: $LATER"
printf '%s\n' 'id,date,How likely are you to recommend us?' 'r1,1900-06-01 10:00:00,9' >past.csv
fails 65 cx survey import past.csv
has err "cx: past.csv:2: column \"date\": \"1900-06-01 10:00:00\" is out of range: $LATER"
printf '%s\n' 'id,date,How likely are you to recommend us?' 'r1,99999999999,9' >unix.csv
fails 65 cx survey import unix.csv
has err 'cx: unix.csv:2: column "date": "99999999999" is out of range'
snapshot after
same before after
# on a clock less than a day before it, the same file is taken
cx --now 2999-12-31T12:00:00Z survey import future.csv >/dev/null
test "$(dbq "SELECT count(*) FROM responses")" = 2
EOF

t 'touchpoints and feedback: a row in the future is refused (65) at its line and field' <<'EOF'
snapshot before
printf '%s\n' 'at,customer,channel,stage' '2026-03-01 10:00:00,dana@example.com,phone,use' \
	'2027-03-01 10:00:00,dana@example.com,phone,use' >touch.csv
fails 65 cx touch import touch.csv
has err "cx: touch.csv:3: column \"at\": \"2027-03-01 10:00:00\" is out of range: $LATER"
printf '%s\n' 'at,text' '2099-01-01 09:00,Lovely' >fb.csv
fails 65 cx feedback import fb.csv --source yelp
has err "cx: fb.csv:2: at: \"2099-01-01 09:00\" is out of range: $LATER"
printf '%s\n' '{"source":"x","at":"1969-07-20T20:17:00Z","text":"One small step"}' >fb.jsonl
fails 65 cx feedback import fb.jsonl --format jsonl
has err "cx: fb.jsonl:1: at: \"1969-07-20T20:17:00Z\" is out of range: $LATER"
printf '%s\n' '{"source":"x","at":"4102444800000","text":"milliseconds in 2100"}' >ms.jsonl
fails 65 cx feedback import ms.jsonl --format jsonl
has err 'cx: ms.jsonl:1: at: "4102444800000" is out of range'
snapshot after
same before after
EOF

finish
