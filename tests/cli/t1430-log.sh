#!/bin/sh
# cx log: the audit trail. A story told by three people (--as) on a fixed
# clock; every filter (--entity, --id, --actor, --action, --since, --until,
# --limit, --reverse), alone and together, gives the events it should, and
# every output format the same ones; bad filter values are refused.
. "$(dirname "$0")/lib.sh"

# as TIME WHO CX-ARGS...: one change, made by WHO at TIME.
as() {
	_at=$1 _who=$2
	shift 2
	cx --now "$_at" --as "$_who" "$@" -q >/dev/null
}

# ids FORMAT [LOG-OPTION...]: the event ids `cx log` shows, in order, on one line.
ids() {
	_f=$1
	shift
	cx log --format "$_f" "$@" >ids.out
	case $_f in
	tsv) sed 1d ids.out | cut -f 1 ;;
	csv) sed 1d ids.out | cut -d, -f 1 ;;
	jsonl) sed 's/^{"id":\([0-9]*\),.*/\1/' ids.out ;;
	json) sqlite3 :memory: "SELECT j.value->>'id' FROM json_each(readfile('ids.out')) j ORDER BY j.key" ;;
	esac | tr '\n' ' ' | sed 's/ $//'
}

# rows FORMAT [LOG-OPTION...]: "date time actor entity" of each event, for
# the formats meant for people (which leave the ids out).
rows() {
	_f=$1
	shift
	cx log --format "$_f" "$@" >rows.out
	case $_f in
	table) sed 1d rows.out | awk '{ print $1, $2, $3, $4 }' ;;
	markdown) grep '^| 2' rows.out | awk -F ' [|] ' '{ sub(/^[|] /, "", $1); print $1, $2, $3 }' ;;
	tsv) sed 1d rows.out | awk -F '\t' '{ sub("T", " ", $2); print substr($2, 1, 16), $3, $4 }' ;;
	esac
}

# check WANT [LOG-OPTION...]: the filters give the events WANT (ids, in order).
# The filters are the query's; the formats are the writers', whichever rows
# they get: check_formats says so of every format, for the cases where the
# rows are none, all, one, or the reverse of the trail's order.
check() {
	_want=$1
	shift
	_got=$(ids tsv "$@")
	if [ "$_got" != "$_want" ]; then
		echo "# cx log $*: want [$_want], got [$_got]" >&2
		return 1
	fi
}

# check_formats WANT [LOG-OPTION...]: every format gives the events WANT.
check_formats() {
	_want=$1
	shift
	for _f in tsv csv json jsonl; do
		_got=$(ids "$_f" "$@")
		if [ "$_got" != "$_want" ]; then
			echo "# cx log --format $_f $*: want [$_want], got [$_got]" >&2
			return 1
		fi
	done
	rows tsv "$@" >rows.tsv
	for _f in table markdown; do
		rows "$_f" "$@" >"rows.$_f"
		same rows.tsv "rows.$_f" || { echo "# cx log --format $_f $*" >&2; return 1; }
	done
	test "$(wc -l <rows.tsv)" = "$(echo "$_want" | wc -w)"
}

t 'setup: alice, bob and carol at work over five days' <<'EOF'
as 2026-03-01T09:00:00Z alice customer add "Dana Ruiz" --email dana@example.com
as 2026-03-01T10:00:00Z alice case open dana@example.com --title "Broken lid" --priority high
as 2026-03-02T09:00:00Z bob note add 1 -m "Called her back"
as 2026-03-02T11:00:00Z bob case assign 1 bob
as 2026-03-03T09:00:00Z carol customer add "Eli Moss" --email eli@example.com
as 2026-03-03T10:00:00Z carol config set stale 45d
as 2026-03-04T09:00:00Z alice case resolve 1 --outcome fixed -m "New lid sent"
as 2026-03-04T10:00:00Z carol customer edit eli@example.com --phone "+1 555 0100"
as 2026-03-05T08:00:00Z bob case update 1 --priority normal
EOF

t 'the whole trail, oldest first: who did what to which, when, with ids and details only' <<'EOF'
cx log --format tsv >actual
cat >expect <<'TSV'
id	at	actor	entity	entity_id	action	note_id	details
1	2026-03-01T09:00:00Z	alice	customer	1	create		
2	2026-03-01T10:00:00Z	alice	case	1	create		{"priority":"high","channel":null,"stage":null,"owner":null}
3	2026-03-02T09:00:00Z	bob	case	1	note	1	{"visibility":"internal"}
4	2026-03-02T11:00:00Z	bob	case	1	assign		{"from":null,"to":"bob"}
5	2026-03-02T11:00:00Z	bob	case	1	status		{"from":"new","to":"open","outcome":null}
6	2026-03-03T09:00:00Z	carol	customer	2	create		
7	2026-03-03T10:00:00Z	carol	setting		set		{"key":"stale","value":"45d"}
8	2026-03-04T09:00:00Z	alice	case	1	status	2	{"from":"open","to":"resolved","outcome":"fixed"}
9	2026-03-04T10:00:00Z	carol	customer	2	edit		{"fields":"phone"}
10	2026-03-05T08:00:00Z	bob	case	1	update		{"fields":"priority","priority_was":"high","priority":"normal"}
TSV
same expect actual
# personal data stays out of the trail
for w in Dana Ruiz Eli Moss dana@ eli@ 555 'Called her back' 'New lid sent' 'Broken lid'; do
	hasnt actual "$w"
done
check_formats '1 2 3 4 5 6 7 8 9 10'
EOF

t 'the table for people: local time to the minute, no ids, details last' <<'EOF'
cx log >out
head -n 1 out >actual
printf 'AT                ACTOR  ENTITY    ENTITY ID  ACTION  DETAILS\n' >expect
same expect actual
sed -n 2p out >actual
printf '2026-03-01 09:00  alice  customer          1  create\n' >expect
same expect actual
TZ=Asia/Tokyo cx log --limit 1 | sed -n 2p >actual
printf '2026-03-01 18:00  alice  customer          1  create\n' >expect
same expect actual
EOF

t '--entity and --id' <<'EOF'
check '2 3 4 5 8 10' --entity case
check '1 6 9' --entity customer
check '7' --entity setting
check '6 9' --entity customer --id 2
check '1' --entity customer --id 1
check '2 3 4 5 8 10' --entity case --id 1
# --id alone: everything with that number, of any kind
check '1 2 3 4 5 8 10' --id 1
check_formats '' --entity case --id 2
check '' --entity invoice
EOF

t '--actor and --action' <<'EOF'
check '1 2 8' --actor alice
check '3 4 5 10' --actor bob
check '6 7 9' --actor carol
check '' --actor dave
check '1 2 6' --action create
check '5 8' --action status
check '2 8' --actor alice --entity case
check '8' --actor alice --action status
check '5' --actor bob --action status --entity case --id 1
EOF

t '--since (at or after) and --until (before)' <<'EOF'
check '6 7 8 9 10' --since 2026-03-03
check '1 2 3 4 5' --until 2026-03-03
check '6 7' --since 2026-03-03 --until 2026-03-04
check '4 5 6' --since 2026-03-02T11:00:00Z --until 2026-03-03T10:00:00Z
check '' --since 2026-03-06
check '' --until 2026-03-01
check '' --since 2026-03-04 --until 2026-03-03
# relative dates count from the clock
cx --now 2026-03-05T12:00:00Z log --since 2d --format tsv | sed 1d | cut -f 1 | tr '\n' ' ' >actual
test "$(cat actual)" = '8 9 10 '
check '6 9' --entity customer --since 2026-03-03 --actor carol
EOF

t '--limit and --reverse: the first N in the order shown' <<'EOF'
check_formats '10 9 8 7 6 5 4 3 2 1' --reverse
check '1 2 3' --limit 3
check '10 9 8' --limit 3 --reverse
check '10 9' -n 2 -r
check '1 2 3 4 5 6 7 8 9 10' --limit 1000
# events at the same moment keep the order they happened in, both ways
check '4 5' --since 2026-03-02T11:00:00Z --until 2026-03-02T11:00:01Z
check_formats '5 4' --since 2026-03-02T11:00:00Z --until 2026-03-02T11:00:01Z --reverse
check '8 5' --action status --reverse
check_formats '8' --action status --reverse --limit 1
EOF

t 'no --as: the actor is CX_USER' <<'EOF'
cx --now 2026-03-06T09:00:00Z note add 1 -m "A note" -q >/dev/null
CX_USER=erin cx --now 2026-03-06T10:00:00Z note add 1 -m "Another" -q >/dev/null
check '11' --actor tester
check '12' --actor erin
check '12 11' --since 2026-03-06 --reverse
EOF

t 'touchpoints, feedback, service levels and forgetting are in the trail too' <<'EOF'
as 2026-03-07T09:00:00Z alice touch log dana@example.com --channel phone --stage use -m "Asked about lids"
as 2026-03-07T10:00:00Z bob feedback add --source google -m "Lid fits now" --rating 5
as 2026-03-07T11:00:00Z bob feedback respond 1 -m "Thank you"
as 2026-03-07T12:00:00Z carol sla holiday 2026-12-25 Christmas
as 2026-03-07T13:00:00Z carol customer forget eli@example.com --yes
check '13' --entity touchpoint
check '14 15' --entity feedback
check '15' --action respond
check '16' --entity sla --action holiday
check '17' --action forget
check '6 9 17' --entity customer --id 2
cx log --action forget --format tsv | sed 1d | cut -f 3-8 >actual
printf 'carol\tcustomer\t2\tforget\t\t\n' >expect
same expect actual
# the values are offered for completion
cx __complete log --entity '' | cut -f 1 >actual
for e in customer case touchpoint feedback setting sla; do grep -qx "$e" actual; done
cx __complete log --action f | cut -f 1 >actual
grep -qx forget actual
EOF

t 'bad filter values are refused, naming the option; the log is read-only' <<'EOF'
snapshot before
fails 2 cx log --since someday
has err '--since'
fails 2 cx log --until never
has err '--until'
fails 2 cx log --id 0
has err '--id'
fails 2 cx log --id x
has err '--id'
fails 2 cx log --limit 0
has err '--limit'
fails 2 cx log extra
fails 2 cx log --no-such-option
snapshot after
same before after
EOF

t 'an empty trail: nothing, in every format, exit 0' <<'EOF'
CX_DB=$(db_named empty)
export CX_DB
cx init >/dev/null
cx log >out
lines out 0
cx log --format json >out
echo '[]' >expect
same expect out
cx log --format tsv >out
lines out 1
EOF

finish
