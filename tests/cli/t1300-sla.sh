#!/bin/sh
# cx sla: targets per priority and channel, opening hours, holidays and the
# business's time zone, with every way of getting them wrong; then a week of
# hand-made cases measured against them in business time: due times and
# states (ok, at risk, breached, met, paused), pending time not counted,
# case show's service-level section, case list --breached and --due-within.
. "$(dirname "$0")/lib.sh"

tab() { tr '|' '\t'; }

# A case's service level at a moment, as "response|due|used|resolution|due|used"
# (UTC, seconds), read from case show's JSON with sqlite3's JSON functions.
sla_of() {
	cx --now "$2" case show "$1" --format json >"sla.$1.json"
	sqlite3 :memory: "SELECT json_extract(j, '\$.sla.response'), json_extract(j, '\$.sla.response_due'),
		json_extract(j, '\$.sla.response_used_s'), json_extract(j, '\$.sla.resolution'),
		json_extract(j, '\$.sla.resolution_due'), json_extract(j, '\$.sla.resolution_used_s')
		FROM (SELECT readfile('sla.$1.json') AS j)"
}

# ---- targets ---------------------------------------------------------------

t 'a new database has targets for every priority, in business time' <<'EOF'
cx init >/dev/null
cx sla list --format tsv >actual
tab >expect <<'X'
priority|channel|first_response_s|resolution_s
urgent|*|3600|28800
high|*|14400|57600
normal|*|28800|144000
low|*|57600|288000
X
same expect actual
# people see spans
cx sla list >actual
has actual 'PRIORITY  CHANNEL  FIRST RESPONSE  RESOLUTION'
has actual 'urgent    *                    1h          8h'
has actual 'low       *                   16h          3d'
EOF

t 'sla set adds a channel-specific target; setting one clock keeps the other' <<'EOF'
cx sla set normal --channel phone --first 2h >out
echo 'Targets for normal cases from phone set' >expect
same expect out
cx sla set normal -c phone --resolve 20h >/dev/null
cx sla set urgent --first 30m >/dev/null
cx sla list --format tsv >actual
tab >expect <<'X'
priority|channel|first_response_s|resolution_s
urgent|*|1800|28800
high|*|14400|57600
normal|*|28800|144000
normal|phone|7200|72000
low|*|57600|288000
X
same expect actual
EOF

t 'sla unset removes a target; the default for any channel stays' <<'EOF'
cx sla unset normal --channel phone >out
echo 'Targets for normal cases removed' >expect
same expect out
cx sla set urgent --first 1h >/dev/null
cx sla list --format tsv | grep -c '^normal' >n
echo 1 >expect
same expect n
fails 1 cx sla unset normal --channel phone
has err 'cx: no target for normal cases on phone'
EOF

t 'targets that are zero, negative or nonsense are usage errors (2) naming the option; an unknown channel is 1' <<'EOF'
snapshot before
fails 2 cx sla set normal --first 0h
has err 'cx: --first: a target must be longer than zero'
fails 2 cx sla set normal --resolve 0
has err 'cx: --resolve: a target must be longer than zero'
fails 2 cx sla set normal --first 2h --resolve 0m
has err 'cx: --resolve:'
fails 2 cx sla set normal --first=-2h
has err 'cx: --first: "-2h" is not a length of time'
fails 2 cx sla set high --resolve soon
has err 'cx: --resolve: "soon" is not a length of time'
fails 2 cx sla set critical --first 1h
has err 'cx: PRIORITY: "critical" is not one of low, normal, high, urgent'
fails 1 cx sla set normal --channel fax --first 1h
has err 'cx: channel: "fax" is not one of'
fails 2 cx sla unset sometimes
has err 'cx: PRIORITY: "sometimes"'
fails 2 cx sla set normal
has err 'give --first SPAN, --resolve SPAN or both'
has err 'usage: cx sla set PRIORITY'
fails 2 cx sla set
snapshot after
same before after
EOF

# ---- opening hours ---------------------------------------------------------

t 'without opening hours the business is open 24/7' <<'EOF'
cx sla hours --format tsv >actual
echo 'day	opens	closes' >expect
same expect actual
EOF

t 'sla hours sets opening periods per weekday, in the order of the week' <<'EOF'
cx sla hours sat 10:00-14:00 mon-fri 09:00-12:00 13:00-17:30 >out
echo 'Opening hours set: sat 10:00-14:00 mon-fri 09:00-12:00 13:00-17:30' >expect
same expect out
cx sla hours --format tsv >actual
tab >expect <<'X'
day|opens|closes
mon|09:00|12:00
mon|13:00|17:30
tue|09:00|12:00
tue|13:00|17:30
wed|09:00|12:00
wed|13:00|17:30
thu|09:00|12:00
thu|13:00|17:30
fri|09:00|12:00
fri|13:00|17:30
sat|10:00|14:00
X
same expect actual
EOF

t 'sla hours: day lists, ranges over the weekend, one argument or many, 24:00' <<'EOF'
cx sla hours 'mon,wed 08:00-16:00 fri-sun 18:00-24:00' >/dev/null
cx sla hours --format tsv >actual
tab >expect <<'X'
day|opens|closes
mon|08:00|16:00
wed|08:00|16:00
fri|18:00|24:00
sat|18:00|24:00
sun|18:00|24:00
X
same expect actual
cx sla hours 24/7 >/dev/null
cx sla hours --format tsv >actual
echo 'day	opens	closes' >expect
same expect actual
EOF

t 'overlapping or invalid business hours are refused with exit 65, the hours unchanged' <<'EOF'
cx sla hours mon-fri 09:00-17:00 >/dev/null
snapshot before
fails 65 cx sla hours mon-fri 09:00-12:00 11:00-17:00
has err 'cx: hours: on mon, 11:00-17:00 overlaps 09:00-12:00'
fails 65 cx sla hours mon-fri 09:00-17:00 fri 16:00-20:00
has err 'cx: hours: on fri, 16:00-20:00 overlaps 09:00-17:00'
fails 65 cx sla hours mon 09:00-17:00 09:00-17:00
has err 'overlaps'
fails 65 cx sla hours mon 17:00-09:00
has err 'cx: hours: "17:00-09:00" is not an opening period like 09:00-17:30'
fails 65 cx sla hours mon 09:00-09:00
has err '"09:00-09:00" is not an opening period'
fails 65 cx sla hours mon 09:00-25:00
has err '"09:00-25:00" is not an opening period'
fails 65 cx sla hours mon 09:60-17:00
has err '"09:60-17:00" is not an opening period'
fails 65 cx sla hours mon 24:30-24:45
has err 'is not an opening period'
fails 65 cx sla hours mon 9am-5pm
has err '"9am-5pm" is not an opening period'
fails 65 cx sla hours mon 09:00
has err '"09:00" is not an opening period'
fails 65 cx sla hours funday 09:00-17:00
has err 'cx: hours: "funday" is not a weekday or a range like mon-fri'
fails 65 cx sla hours mon-xyz 09:00-17:00
has err '"mon-xyz" is not a weekday'
fails 65 cx sla hours 09:00-17:00
has err 'cx: hours: name the days before the hours, e.g. mon-fri 09:00-17:00'
fails 65 cx sla hours mon-fri
has err 'cx: hours: give opening periods, e.g. mon-fri 09:00-17:00 (or 24/7)'
snapshot after
same before after
EOF

# ---- holidays --------------------------------------------------------------

t 'sla holiday marks closed days; naming one again renames it; --remove takes it back' <<'EOF'
cx sla holiday 2026-12-25 Christmas >out
echo 'Holiday: 2026-12-25' >expect
same expect out
cx sla holiday 2026-12-26 >/dev/null
cx sla holiday 2026-12-24 'Christmas Eve' >/dev/null
cx sla holiday 2026-12-26 'Boxing Day' >/dev/null
cx sla holidays --format tsv >actual
tab >expect <<'X'
day|name
2026-12-24|Christmas Eve
2026-12-25|Christmas
2026-12-26|Boxing Day
X
same expect actual
cx sla holiday 2026-12-24 --remove >out
echo 'No longer a holiday: 2026-12-24' >expect
same expect out
cx sla holidays --format tsv | cut -f1 >actual
printf 'day\n2026-12-25\n2026-12-26\n' >expect
same expect actual
EOF

t 'holidays that are not dates, or not there, are refused' <<'EOF'
snapshot before
fails 65 cx sla holiday 2026-13-01
has err 'cx: holiday: "2026-13-01" is not a date (YYYY-MM-DD)'
fails 65 cx sla holiday christmas
has err 'cx: holiday: "christmas" is not a date'
fails 65 cx sla holiday 2026-12-25x
has err 'is not a date'
fails 1 cx sla holiday 2026-07-04 --remove
has err 'cx: no holiday on 2026-07-04'
fails 2 cx sla holiday
snapshot after
same before after
cx sla holiday 2026-12-25 --remove >/dev/null
cx sla holiday 2026-12-26 --remove >/dev/null
EOF

# ---- the time zone ---------------------------------------------------------

t 'the timezone setting takes IANA names this system knows; others are refused (2) naming it' <<'EOF'
test -f /usr/share/zoneinfo/Europe/Berlin || { echo "# no tzdata"; exit 1; }
snapshot before
fails 2 cx config set timezone Mars/Olympus_Mons
has err 'cx: timezone: "Mars/Olympus_Mons" is not a time zone this system knows'
fails 2 cx config set timezone ../../etc/passwd
has err 'timezone: "../../etc/passwd" is not a time zone name'
fails 2 cx config set timezone /etc/localtime
has err 'timezone:'
fails 2 cx config set timezone Europe
has err 'timezone: "Europe" is not a time zone'
snapshot after
same before after
cx config set timezone Europe/Berlin >/dev/null
cx config get timezone >actual
echo Europe/Berlin >expect
same expect actual
cx config set timezone UTC >/dev/null
EOF

# ---- a week of cases against the targets -----------------------------------
#
# Hours mon-fri 09:00-17:00 in UTC; 2026-03-09 is a Monday; "now" is
# Wednesday 2026-03-11 15:00. Targets (first response / resolution):
# urgent 1h / 8h, high 4h / 16h, normal 8h / 40h.
#
#  1 normal, opened Wed 10:00: 5h used of 8h (62%) ok, due Wed 17:00 + 1h =
#    Thu 10:00; resolution 35h left: Wed 2, Thu 8, Fri 8, Mon 8, Tue 8, Wed 1
#    = Wed 03-18 10:00.
#  2 high, opened Wed 12:00, owned by alex: 3h of 4h = 75%, at risk, due
#    16:00; resolution 13h left: Wed 2, Thu 8, Fri 3 = Fri 12:00.
#  3 urgent, opened Tue 16:30: 0.5h + 6h = 6.5h: response breached;
#    resolution 6.5h of 8h at risk, due 16:30.
#  4 normal, opened Saturday 11:00: the weekend counts nothing; Mon 8 + Tue 8
#    + Wed 6 = 22h: response breached; resolution 18h left: Wed 2, Thu 8,
#    Fri 8 = exactly Friday's closing, 17:00.
#  5 normal, opened Mon 16:00, answered Tue 10:00 (1h + 1h), resolved Tue
#    12:00 (4h): both met.
#  6 normal, opened Mon 09:00, answered 10:00 (met, 1h), pending Mon 13:00 to
#    Tue 15:00 (4h + 6h not counted): 8 + 8 + 6 - 10 = 12h used, 28h left:
#    Wed 2, Thu 8, Fri 8, Mon 8, Tue 2 = Tue 03-17 11:00.
#  7 normal, opened Tue 09:00, answered 09:30, pending since Tue 11:00:
#    resolution paused at 2h, no due time.

t 'setup: seven cases over a working week' <<'EOF'
cx sla hours mon-fri 09:00-17:00 >/dev/null
cx customer add "Dana Ruiz" --email dana@example.com >/dev/null
cx customer add "Sam Okafor" --email sam@example.org >/dev/null
cx --now 2026-03-11T10:00 case open dana@example.com --title "Grinder arrived cracked" >/dev/null
cx --now 2026-03-11T12:00 case open sam@example.org --title "Refund not received" -p high -o alex >/dev/null
cx --now 2026-03-10T16:30 case open dana@example.com --title "Café machine down" -p urgent >/dev/null
cx --now 2026-03-07T11:00 case open sam@example.org --title "Order lost over the weekend" >/dev/null
cx --now 2026-03-09T16:00 case open dana@example.com --title "Wrong beans" >/dev/null
cx --now 2026-03-10T10:00 note add 5 --public -m "A new bag is on its way" >/dev/null
cx --now 2026-03-10T12:00 case resolve 5 --outcome replaced >/dev/null
cx --now 2026-03-09T09:00 case open sam@example.org --title "Descaling question" >/dev/null
cx --now 2026-03-09T10:00 note add 6 --public -m "Which model is it?" >/dev/null
cx --now 2026-03-09T13:00 case pending 6 >/dev/null
cx --now 2026-03-10T15:00 case resume 6 >/dev/null
cx --now 2026-03-10T09:00 case open dana@example.com --title "Invoice address" >/dev/null
cx --now 2026-03-10T09:30 note add 7 --public -m "Send us the new address" >/dev/null
cx --now 2026-03-10T11:00 case pending 7 >/dev/null
cx case list --status all --format tsv | sed 1d | wc -l | tr -d ' ' >n
echo 7 >expect
same expect n
EOF

t 'case list --due-within: the late first, then soonest due, with hand-computed due times' <<'EOF'
cx --now 2026-03-11T15:00 case list --due-within 100d --format tsv >actual
tab >expect <<'X'
id|status|priority|customer_id|customer|owner|response|response_due|resolution|resolution_due|opened_at|title
3|new|urgent|1|Dana Ruiz||breached||at risk|2026-03-11T16:30:00Z|2026-03-10T16:30:00Z|Café machine down
4|new|normal|2|Sam Okafor||breached||ok|2026-03-13T17:00:00Z|2026-03-07T11:00:00Z|Order lost over the weekend
2|open|high|2|Sam Okafor|alex|at risk|2026-03-11T16:00:00Z|ok|2026-03-13T12:00:00Z|2026-03-11T12:00:00Z|Refund not received
1|new|normal|1|Dana Ruiz||ok|2026-03-12T10:00:00Z|ok|2026-03-18T10:00:00Z|2026-03-11T10:00:00Z|Grinder arrived cracked
6|open|normal|2|Sam Okafor||met||ok|2026-03-17T11:00:00Z|2026-03-09T09:00:00Z|Descaling question
X
same expect actual
EOF

t 'case list --due-within 2h: late cases and those due by 17:00; the limit is inclusive' <<'EOF'
cx --now 2026-03-11T15:00 case list --due-within 2h --format tsv | cut -f1,7,8 >actual
tab >expect <<'X'
id|response|response_due
3|breached|
4|breached|
2|at risk|2026-03-11T16:00:00Z
X
same expect actual
# due at 16:00 exactly is within 1h of 15:00; not within 59 minutes
cx --now 2026-03-11T15:00 case list --due-within 1h --format tsv | cut -f1 >actual
printf 'id\n3\n4\n2\n' >expect
same expect actual
cx --now 2026-03-11T15:00 case list --due-within 59m --format tsv | cut -f1 >actual
printf 'id\n3\n4\n' >expect
same expect actual
# the global option may come after the verb too
cx case list --due-within 59m --now 2026-03-11T15:00 --format tsv | cut -f1 >actual2
same expect actual2
EOF

t 'case list --breached: only the late, with --owner and --limit' <<'EOF'
cx --now 2026-03-11T15:00 case list --breached >actual
cat >expect <<'X'
ID  STATUS  PRIORITY  CUSTOMER    OWNER  RESPONSE  RESPONSE DUE  RESOLUTION  RESOLUTION DUE    TITLE
 3  new     urgent    Dana Ruiz          breached                at risk     2026-03-11 16:30  Café machine down
 4  new     normal    Sam Okafor         breached                ok          2026-03-13 17:00  Order lost over the weekend
X
same expect actual
cx --now 2026-03-11T15:00 case list --breached --limit 1 --format tsv | cut -f1 >actual
printf 'id\n3\n' >expect
same expect actual
cx --now 2026-03-11T15:00 case list --breached --owner alex --format tsv >actual
lines actual 1
cx --now 2026-03-11T15:00 case list --due-within 2h --owner alex --format tsv | cut -f1 >actual
printf 'id\n2\n' >expect
same expect actual
# nobody's cases
cx --now 2026-03-11T15:00 case list --due-within 2h --owner none --format tsv | cut -f1 >actual
printf 'id\n3\n4\n' >expect
same expect actual
EOF

t 'case list --breached in colour: each row bold, breached and urgent in red' <<'EOF'
esc=$(printf '\033')
cx --now 2026-03-11T15:00 --color always case list --breached | sed 1d >actual
r="${esc}[31m" x="${esc}[39m"
cat >expect <<X
${esc}[1m 3  new     ${r}urgent${x}    Dana Ruiz          ${r}breached${x}                at risk     2026-03-11 16:30  Café machine down${esc}[0m
${esc}[1m 4  new     normal    Sam Okafor         ${r}breached${x}                ok          2026-03-13 17:00  Order lost over the weekend${esc}[0m
X
same expect actual
cx --now 2026-03-11T15:00 --color always case show 3 >show
grep -q "Response: *${esc}\[1;31mbreached${esc}\[0m$" show
EOF

t 'case list --breached and --due-within refuse what they cannot combine with, and bad spans' <<'EOF'
fails 2 cx case list --breached --status open
has err '--breached and --due-within combine with --owner and --limit only'
fails 2 cx case list --breached --all
has err '--breached and --due-within combine with --owner and --limit only'
fails 2 cx case list --due-within 2h --priority high
fails 2 cx case list --due-within soon
has err 'cx: --due-within: "soon" is not a length of time'
fails 2 cx case list --due-within=-2h
EOF

t 'at risk from three quarters of the target: 74.6% is ok, 75% at risk' <<'EOF'
cx --now 2026-03-11T14:59 case show 2 --format json >j
echo 'ok|10740' >expect
sqlite3 :memory: "SELECT json_extract(readfile('j'), '\$.sla.response') || '|' || json_extract(readfile('j'), '\$.sla.response_used_s')" >actual
same expect actual
sla_of 2 2026-03-11T15:00 >actual
echo 'at risk|2026-03-11T16:00:00Z|10800|ok|2026-03-13T12:00:00Z|10800' >expect
same expect actual
EOF

t 'exactly at the target a clock is still running (due now); one second later it is breached' <<'EOF'
sla_of 2 2026-03-11T16:00 >actual
echo 'at risk|2026-03-11T16:00:00Z|14400|ok|2026-03-13T12:00:00Z|14400' >expect
same expect actual
sla_of 2 @1773244801 >actual
echo 'breached||14401|ok|2026-03-13T12:00:00Z|14401' >expect
same expect actual
EOF

t 'case show: the service-level section of a running case, for people' <<'EOF'
cx --now 2026-03-11T15:00 case show 1 >out
sed -n '/^Service level/,/^$/p' out >actual
cat >expect <<'X'
Service level (business time)
  Response:          ok
  Response due:      2026-03-12 10:00
  Response target:   8h
  Response used:     5h
  Resolution:        ok
  Resolution due:    2026-03-18 10:00
  Resolution target: 40h
  Resolution used:   5h

X
same expect actual
EOF

t 'case brief has the same service-level section' <<'EOF'
cx --now 2026-03-11T15:00 case brief 2 --format json >b.json
sqlite3 :memory: "SELECT json_extract(j, '\$.sla.response'), json_extract(j, '\$.sla.response_due'),
	json_extract(j, '\$.sla.resolution_due') FROM (SELECT readfile('b.json') AS j)" >actual
echo 'at risk|2026-03-11T16:00:00Z|2026-03-13T12:00:00Z' >expect
same expect actual
EOF

t 'case show: met clocks of a resolved case, no due times' <<'EOF'
sla_of 5 2026-03-11T15:00 >actual
echo 'met||7200|met||14400' >expect
same expect actual
# and they stay met however late it gets
sla_of 5 2026-06-01T12:00 >actual
same expect actual
EOF

t 'time spent pending does not count; a pending case is paused with no due time' <<'EOF'
sla_of 6 2026-03-11T15:00 >actual
echo 'met||3600|ok|2026-03-17T11:00:00Z|43200' >expect
same expect actual
sla_of 7 2026-03-11T15:00 >actual
echo 'met||1800|paused||7200' >expect
same expect actual
# a week later, still waiting: still 2h, still paused, never late
sla_of 7 2026-03-18T15:00 >actual
same expect actual
cx --now 2026-03-18T15:00 case list --breached --format tsv | cut -f1 >ids
hasnt ids 7
EOF

t 'the response clock counts business hours only: a weekend case is late by Monday noon' <<'EOF'
sla_of 4 2026-03-11T15:00 >actual
echo 'breached||79200|ok|2026-03-13T17:00:00Z|79200' >expect
same expect actual
# on the Sunday evening after it came in nothing is used yet: due Monday 17:00 (8h)
sla_of 4 2026-03-08T20:00 >actual
echo 'ok|2026-03-09T17:00:00Z|0|ok|2026-03-13T17:00:00Z|0' >expect
same expect actual
EOF

t 'a holiday moves the due times past it' <<'EOF'
cx sla holiday 2026-03-12 'Stocktaking' >/dev/null
cx --now 2026-03-11T15:00 case list --due-within 100d --format tsv | cut -f1,7-10 >actual
tab >expect <<'X'
id|response|response_due|resolution|resolution_due
3|breached||at risk|2026-03-11T16:30:00Z
4|breached||ok|2026-03-16T17:00:00Z
2|at risk|2026-03-11T16:00:00Z|ok|2026-03-16T12:00:00Z
1|ok|2026-03-13T10:00:00Z|ok|2026-03-19T10:00:00Z
6|met||ok|2026-03-18T11:00:00Z
X
same expect actual
cx sla holiday 2026-03-12 --remove >/dev/null
EOF

# In Europe/Berlin (CET, UTC+1 in March) the same hours are 08:00-16:00 UTC:
# case 3, opened 17:30 local after closing, has used 08:00-15:00Z = 7h, due at
# 16:00Z; case 4 has used 8 + 8 + 7 = 23h and 17h left run out at Friday's
# closing, 16:00Z. The others come out the same as in UTC.
t 'the business time zone: hours are local to the business, times shown in the user zone' <<'EOF'
test -f /usr/share/zoneinfo/Europe/Berlin || { echo "# no tzdata"; exit 1; }
cx config set timezone Europe/Berlin >/dev/null
cx --now 2026-03-11T15:00 case list --due-within 100d --format tsv | cut -f1,7-10 >actual
tab >expect <<'X'
id|response|response_due|resolution|resolution_due
3|breached||at risk|2026-03-11T16:00:00Z
4|breached||ok|2026-03-13T16:00:00Z
2|at risk|2026-03-11T16:00:00Z|ok|2026-03-13T12:00:00Z
1|ok|2026-03-12T10:00:00Z|ok|2026-03-18T10:00:00Z
6|met||ok|2026-03-17T11:00:00Z
X
same expect actual
sla_of 3 2026-03-11T15:00 >actual
echo 'breached||25200|at risk|2026-03-11T16:00:00Z|25200' >expect
same expect actual
# the user's own zone only changes how times are shown (and read: hence the Z)
TZ=Asia/Tokyo cx --now 2026-03-11T15:00:00Z case list --breached | grep '^ 3' >actual
has actual '2026-03-12 01:00'
cx config set timezone UTC >/dev/null
EOF

t 'a pending case before its first answer: both clocks stop, and start again on resume' <<'EOF'
cx --now 2026-03-11T09:00 case open dana@example.com --title "Machine leaks" -p urgent >/dev/null
cx --now 2026-03-11T09:30 case pending 8 -m "Asked for a photo" >/dev/null
# six hours later, half an hour used: paused, not breached
sla_of 8 2026-03-11T15:00 >actual
echo 'paused||1800|paused||1800' >expect
same expect actual
cx --now 2026-03-11T15:00 case resume 8 >/dev/null
# 15:00-15:14 more: 44m of 1h, ok, due 15:30; resolution 7h16m left: 1h46m today, 5h30m Thursday
sla_of 8 2026-03-11T15:14 >actual
echo 'ok|2026-03-11T15:30:00Z|2640|ok|2026-03-12T14:30:00Z|2640' >expect
same expect actual
# 45m of 1h: at risk
sla_of 8 2026-03-11T15:15 >actual
echo 'at risk|2026-03-11T15:30:00Z|2700|ok|2026-03-12T14:30:00Z|2700' >expect
same expect actual
sla_of 8 2026-03-11T15:31 >actual
echo 'breached||3660|ok|2026-03-12T14:30:00Z|3660' >expect
same expect actual
EOF

t 'a channel-specific target applies to that channel only, the other clock from the default' <<'EOF'
cx sla set normal --channel phone --first 2h >/dev/null
cx --now 2026-03-11T09:00 case open sam@example.org --title "Called about a discount" -c phone >/dev/null
cx --now 2026-03-11T09:00 case open sam@example.org --title "Emailed about a discount" -c email >/dev/null
cx --now 2026-03-11T10:30 case show 9 --format json >j
sqlite3 :memory: "SELECT json_extract(readfile('j'), '\$.sla.response_target_s'), json_extract(readfile('j'), '\$.sla.resolution_target_s')" >actual
echo '7200|144000' >expect
same expect actual
cx --now 2026-03-11T10:30 case show 10 --format json >j
sqlite3 :memory: "SELECT json_extract(readfile('j'), '\$.sla.response_target_s'), json_extract(readfile('j'), '\$.sla.resolution_target_s')" >actual
echo '28800|144000' >expect
same expect actual
# phone: due 11:00; email: 17:00
sla_of 9 2026-03-11T10:30 | cut -d'|' -f1,2 >actual
echo 'at risk|2026-03-11T11:00:00Z' >expect
same expect actual
sla_of 10 2026-03-11T10:30 | cut -d'|' -f1,2 >actual
echo 'ok|2026-03-11T17:00:00Z' >expect
same expect actual
cx sla unset normal --channel phone >/dev/null
EOF

t 'without a target a clock says none' <<'EOF'
cx sla unset low >/dev/null
cx --now 2026-03-11T09:00 case open dana@example.com --title "Feature idea" -p low >/dev/null
sla_of 11 2026-03-11T15:00 >actual
echo 'none|||none||' >expect
same expect actual
cx sla set low --first 16h --resolve 80h >/dev/null
# 6h used, 10h left: 2h on Wednesday, 8h on Thursday
sla_of 11 2026-03-11T15:00 | cut -d'|' -f1-3 >actual
echo 'ok|2026-03-12T17:00:00Z|21600' >expect
same expect actual
EOF

t 'every change to targets, hours and holidays is in the audit trail' <<'EOF'
dbq "SELECT action FROM events WHERE entity = 'sla' ORDER BY id" | sort | uniq -c | awk '{ print $2, $1 }' >actual
has actual 'hours '
has actual 'holiday '
has actual 'holiday-remove '
has actual 'target '
has actual 'target-remove '
EOF

finish
