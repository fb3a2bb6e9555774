#!/bin/sh
# cx report: the digest of a small hand-built business against a fixed
# --now, daily, weekly, monthly and --since/--until, in text, markdown, JSON
# and HTML, with every figure worked out by hand; sections without data are
# left out; --check says what needs attention (exit 1) or nothing (exit 0);
# breaches are noticed once and announced to on-breach once.
. "$(dirname "$0")/lib.sh"

# a time in UTC, in each engine's words, for what the database holds
if on_pg; then
	noticed="to_char(to_timestamp(noticed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
else
	noticed="datetime(noticed_at, 'unixepoch')"
fi

tab() { tr '|' '\t'; }

# The figure at PATH of a JSON file: jget FILE PATH.
jget() {
	sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"
}

# Section names of a JSON report, in order.
jsections() {
	sqlite3 :memory: "SELECT key FROM json_each(readfile('$1'))"
}

NOW=2026-03-11T15:00

# pgname URL: the name of the database a postgresql:// URL names.
pgname() { echo "$1" | sed 's|^[^/]*//[^/]*/\([^?]*\).*|\1|'; }

# The business as it is before any report noticed a breach, kept by the
# setup for the breach tests at the end: a copy of the file on SQLite, a
# database made from it (as its template) on a PostgreSQL server.
if on_pg; then
	FRESH=$(echo "$CX_DB" | sed "s|/$(pgname "$CX_DB")?|/$(pgname "$CX_DB")_fresh?|")
else
	FRESH=$T/fresh.db
fi

# The business, 24/7 (no opening hours), default targets: urgent 1h / 8h,
# high 4h / 16h, normal 8h / 40h, low 16h / 80h. "Now" is Wednesday
# 2026-03-11 15:00 UTC.
#
# cases  1 normal, alex, opened today 09:00, no answer: 6h of 8h, at risk
#        2 urgent, kim, opened Tue 20:00, answered 23:00 (3h, late), 19h of
#          8h: late on response and resolution
#        3 normal, kim, opened Mon 10:00, answered 12:00 (2h), resolved today
#          10:00 (48h)
#        4 low, opened 2026-02-20 10:00, answered 10:30, pending since 11:00
#        5 high, alex, opened 2026-03-06 15:00, answered 16:00 (1h): 5 days
#          of 16h, late on resolution
# feedback  a 1-star Google review today 09:00 (negative: 4h, overdue since
#        13:00), a 5-star Facebook post today 14:00 (positive: 48h)
# survey "After purchase", NPS / CSAT / CES:
#        previous week  p1 02-26 6/3/4 (unhappy), p2 02-27 7/4/5, p3 03-02 9/5/6
#        this week      r1 03-05 10/5/7, r2 03-06 9/4/6, r3 03-09 8/4/5,
#                       r4 03-10 10:00 3/2/2 (unhappy), r5 03-10 11:00 10/5/6
# touchpoints  five painful web checkouts (emotion -2, effort 2) on 03-10
#        11:00-15:00, one happy store visit
t 'setup: a small business, by hand' <<'EOF'
cx -q customer add "Dana Ruiz" --email dana@example.com
cx -q customer add "Sam Okafor" --email sam@example.org
cx -q customer add "Lee Chen" --email lee@example.net
cx -q --now 2026-03-11T09:00 case open dana@example.com --title "Grinder arrived cracked" -o alex
cx -q --now 2026-03-10T20:00 case open sam@example.org --title "Wrong beans" -p urgent -o kim
cx -q --now 2026-03-10T23:00 note add 2 --public -m "Sorry, the right ones are on their way"
cx -q --now 2026-03-09T10:00 case open lee@example.net --title "Refund request" -o kim
cx -q --now 2026-03-09T12:00 note add 3 --public -m "Looking into it"
cx -q --now 2026-03-11T10:00 case resolve 3 --outcome refunded
cx -q --now 2026-02-20T10:00 case open dana@example.com --title "Old question" -p low
cx -q --now 2026-02-20T10:30 note add 4 --public -m "Could you send the serial number?"
cx -q --now 2026-02-20T11:00 case pending 4
cx -q --now 2026-03-06T15:00 case open sam@example.org --title "Loyalty card" -p high -o alex
cx -q --now 2026-03-06T16:00 note add 5 --public -m "We will fix it"
cx -q --now 2026-03-11T09:00 feedback add -s google -a Pat -r 1 -m "Terrible service, still waiting"
cx -q --now 2026-03-11T14:00 feedback add -s facebook -a Jo -r 5 -m "Lovely coffee"
cat >survey.csv <<'X'
id,email,submitted,nps,csat,ces,comment
p1,old1@example.com,2026-02-26 10:00,6,3,4,Slow
p2,old2@example.com,2026-02-27 10:00,7,4,5,
p3,old3@example.com,2026-03-02 10:00,9,5,6,
r1,dana@example.com,2026-03-05 10:00,10,5,7,Great
r2,sam@example.org,2026-03-06 10:00,9,4,6,
r3,lee@example.net,2026-03-09 10:00,8,4,5,
r4,x@example.com,2026-03-10 10:00,3,2,2,Nobody called back
r5,y@example.com,2026-03-10 11:00,10,5,6,
X
cx -q survey import survey.csv --name "After purchase" --nps nps --csat csat --ces ces --email email \
	--at submitted --id id --comment comment
for h in 11 12 13 14 15; do
	cx -q --now 2026-03-10T$h:00 touch log dana@example.com -c web -s purchase -E -2 -f 2 -m "Checkout failed"
done
cx -q --now 2026-03-10T12:00 touch log sam@example.org -c store -s purchase -E 2 -f 6
# as it is before any report has noticed anything, for the breach tests at the end
if on_pg; then
	pg_alone
	psql -qAtX -v ON_ERROR_STOP=1 -d "$CX_TEST_PG" \
		-c "CREATE DATABASE $(pgname "$FRESH") TEMPLATE $(pgname "$CX_DB")" >/dev/null
else
	sqlite3 "$CX_DB" "VACUUM INTO '$FRESH'"
fi
EOF

t 'an empty database reports only its period' <<'EOF'
empty=$(db_named empty)
cx --db "$empty" init >/dev/null
cx --db "$empty" --now $NOW report >actual
cat >expect <<'X'
Period
  Report: daily
  From:   2026-03-10 15:00
  Until:  2026-03-11 15:00
X
same expect actual
cx --db "$empty" --now $NOW report weekly --format json >actual
echo '{"period":{"report":"weekly","from":"2026-03-04T15:00:00Z","until":"2026-03-11T15:00:00Z"}}' >expect
same expect actual
cx --db "$empty" --now $NOW report --check >out
EOF

# ---- weekly, for people ----------------------------------------------------
#
# cases opened since 03-04 15:00: 1, 2, 3, 5; resolved: 3; open now: 1, 2, 4, 5.
# First answers: 1h (5), 2h (3), 3h (2): median 2h; resolution 48h = 2d.
# Backlog at 15:00: 6h, 19h (under a day), 5 days, 19 days.
# Scores this week (r1-r5): NPS (3 - 1) / 5 = 40; its adjusted interval
# (3/4 promoter, 3/4 detractor, 3/2 passive added: p = 3.75/8, d = 1.75/8)
# is 25 -+ 1.96 sqrt(10^4 (0.6875 - 0.0625) / 8) = 25 -+ 54.8: [-29.8, 79.8];
# CSAT 4 of 5 = 80 (Wilson: 37.6 to 96.4); CES 26 / 5 = 5.2, sd sqrt(14.8 /
# 4), t(4 df) 2.776445 sd / sqrt 5 = 2.39: [2.8, 7.6], cut to the scale's 7.
# Each on 5 answers: thin. Week before (p1-p3): NPS (1 - 1) / 3 = 0, CSAT 2
# of 3 = 66.7, CES 5.0; no change is significant.
# Trend by week: the eight weeks up to the one holding the report's end
# (Mondays 01-19 to 03-09), the first five without answers: NPS -50, 100,
# 0; CSAT 50, 100, 67; CES 4.5, 6.3, 4.3 in the last three.
# Hot spots (at least 5 contacts: the customers' touchpoints and cases):
# purchase/web: all negative and hard: 100 (0.40 + 0.25) 5 / 25 = 13.0;
# service/other has 4 cases (and 3 replies, which are the business's own,
# not the customers'): too few to rank.

t 'weekly report as text: every section with its figures' <<'EOF'
cx --now $NOW report weekly >actual
cat >expect <<'X'
Period
  Report: weekly
  From:   2026-03-04 15:00
  Until:  2026-03-11 15:00

Cases
  Opened:                4
  Resolved:              1
  Open now:              4
  First response median: 2h
  Resolution median:     2d

Open cases by age
AGE           OPEN CASES
under 1 day            2
1-3 days               0
3-7 days               1
1-4 weeks              1
over 4 weeks           0

Service levels by owner
OWNER  BREACHED  AT RISK
alex          1        1
kim           1        0

Late cases (oldest first)
ID  PRIORITY  OWNER  LATE ON               OPENED AT  TITLE
 5  high      alex   resolution            5d         Loyalty card
 2  urgent    kim    response, resolution  19h        Wrong beans

Public feedback past its deadline
ID  SOURCE  AGE  RATING  SENTIMENT  STATUS   DUE IN  AUTHOR  CASE ID  TEXT
 1  google   6h       1  negative   open    2h late  Pat              Terrible service, still waiting

Survey scores, against the period before
METRIC      VALUE     LO    HI  N  PREVIOUS  CHANGE  SIGNIFICANT  TREND
NPS          40.0  -29.8  79.8  5       0.0    40.0  no           - - - - - -50 100 0
CSAT %       80.0   37.6  96.4  5      66.7    13.3  no           - - - - - 50 100 67
CES (mean)    5.2    2.8   7.0  5       5.0     0.2  no           - - - - - 4.5 6.3 4.3
Thin figures (fewer than 30 answers, so their intervals are wide): NPS on 5 answers, CSAT % on 5 answers, CES (mean) on 5 answers

Closing the loop: unhappy answers, their first contact, and what came next
  To follow up:           1
  Contacted:              0
  Contacted within:       0
  Contacted within share: 0.0
  Contacted within lo:    0.0
  Contacted within hi:    79.3
  Recovered contacted:    0
  Next contacted:         0
  Recovered not:          0
  Next not:               0

Journey friction hot spots
STAGE     CHANNEL  FRICTION  TOUCHPOINTS  NEGATIVE
purchase  web          13.0            5     100.0

Unhappy respondents without a follow-up
ID  SURVEY          AT          RESPONDENT     NPS  CSAT  CES  COMMENT
 7  After purchase  2026-03-10  x@example.com    3     2    2  Nobody called back
Open their cases with: cx survey follow-up
X
same expect actual
EOF

t 'the CSAT margin is the Wilson interval, worked out independently' <<'EOF'
# 4 of 5 at z = 1.96: half-width of the interval, in percent
awk 'BEGIN { z = 1.96; n = 5; p = 4 / n; z2 = z * z
	half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
	printf "%.4f\n", 100 * half }' >expect
cx --now $NOW report weekly --format json >r.json
sqlite3 :memory: "SELECT printf('%.4f', json_extract(value, '\$.margin')) FROM json_each(json_extract(readfile('r.json'), '\$.scores')) WHERE json_extract(value, '\$.metric') = 'CSAT %'" >actual
same expect actual
EOF

# ---- daily: what has no data is left out ----------------------------------
#
# Since 03-10 15:00: opened 2 and 1; resolved 3; one first answer (3h). No
# survey answers after 15:00 yesterday, and only one touchpoint (15:00) and
# three case touches: no scores, hot spots or unhappy respondents.

t 'daily report as markdown: the sections with data, none empty' <<'EOF'
cx --now $NOW report daily --format markdown >actual
cat >expect <<'X'
# cx daily report, 2026-03-11

## Period

- **Report:** daily
- **From:** 2026-03-10 15:00
- **Until:** 2026-03-11 15:00

## Cases

- **Opened:** 2
- **Resolved:** 1
- **Open now:** 4
- **First response median:** 3h
- **Resolution median:** 2d

## Open cases by age

| Age | Open cases |
|---|---:|
| under 1 day | 2 |
| 1-3 days | 0 |
| 3-7 days | 1 |
| 1-4 weeks | 1 |
| over 4 weeks | 0 |

## Service levels by owner

| Owner | Breached | At risk |
|---|---:|---:|
| alex | 1 | 1 |
| kim | 1 | 0 |

## Late cases (oldest first)

| Id | Priority | Owner | Late on | Opened at | Title |
|---:|---|---|---|---|---|
| 5 | high | alex | resolution | 5d | Loyalty card |
| 2 | urgent | kim | response, resolution | 19h | Wrong beans |

## Public feedback past its deadline

| Id | Source | Age | Rating | Sentiment | Status | Due in | Author | Case id | Text |
|---:|---|---:|---:|---|---|---:|---|---:|---|
| 1 | google | 6h | 1 | negative | open | 2h late | Pat |  | Terrible service, still waiting |

X
same expect actual
hasnt actual 'Survey scores'
hasnt actual 'hot spots'
hasnt actual 'Unhappy'
EOF

t 'daily is the default; the report is the same whichever way the period is named' <<'EOF'
cx --now $NOW report --format json >a
cx --now $NOW report daily --format json >b
same a b
cx --now $NOW report --since 2026-03-10T15:00 --format json | sed 's/"report":"report"/"report":"daily"/' >c
same a c
EOF

# ---- monthly, as JSON: every figure ----------------------------------------
#
# 30 days since 02-09 15:00: opened 1-5; answers 30m (4), 1h (5), 2h (3), 3h
# (2): the lower median is 1h. All eight survey answers: NPS (4 - 2) / 8 = 25,
# margin (adjusted: p = 4.75/11, d = 2.75/11) 1.96 sqrt(10^4 (0.681818 -
# 0.033058) / 11) = 47.60; CSAT 6 of 8 = 75; CES 41 / 8 = 5.125, sd
# sqrt(16.875 / 7), margin t(7 df) 2.364624 sd / sqrt 8 = 1.30. Nothing the
# month before: no previous figures, no change, no test. The trend is by
# month, 2025-08 to 2026-03: February p1, p2 (NPS -50, CSAT 50, CES 4.5),
# March the other six (NPS (4 - 1) / 6 = 50, CSAT 5 of 6, CES 32 / 6). Hot
# spots: purchase/web 13.0 and service/other, 5 cases and no touchpoint of
# the customers' (the 4 replies are not weighed): 100 * 0.20 * 5/5 * 5/25 =
# 4.0, with no emotion rated there (negative null). Unhappy without a
# follow-up: p1 and r4.

t 'monthly report as JSON: sections in order, every figure' <<'EOF'
cx --now $NOW report monthly --format json >m.json
jsections m.json >actual
printf '%s\n' period cases backlog sla_by_owner breached feedback_overdue scores loop hotspots detractors >expect
same expect actual
sqlite3 :memory: "SELECT json_extract(j, '\$.period.report'), json_extract(j, '\$.period.from'), json_extract(j, '\$.period.until'),
	json_extract(j, '\$.cases.opened'), json_extract(j, '\$.cases.resolved'), json_extract(j, '\$.cases.open_now'),
	json_extract(j, '\$.cases.first_response_median_s'), json_extract(j, '\$.cases.resolution_median_s')
	FROM (SELECT readfile('m.json') AS j)" >actual
echo 'monthly|2026-02-09T15:00:00Z|2026-03-11T15:00:00Z|5|1|4|3600|172800' >expect
same expect actual
sqlite3 -separator ' ' :memory: "SELECT json_extract(value, '\$.age'), json_extract(value, '\$.open_cases')
	FROM json_each(json_extract(readfile('m.json'), '\$.backlog'))" >actual
printf '%s\n' 'under 1 day 2' '1-3 days 0' '3-7 days 1' '1-4 weeks 1' 'over 4 weeks 0' >expect
same expect actual
sqlite3 :memory: "SELECT json_extract(s.value, '\$.metric'), printf('%.3f', json_extract(s.value, '\$.value')),
	printf('%.2f', json_extract(s.value, '\$.margin')), json_extract(s.value, '\$.n'),
	quote(json_extract(s.value, '\$.previous')), quote(json_extract(s.value, '\$.change')),
	quote(json_extract(s.value, '\$.significant')), json_extract(s.value, '\$.reason'),
	json_extract(s.value, '\$.trend[0].from'),
	(SELECT group_concat(json_extract(t.value, '\$.n') || ':' || CASE WHEN json_extract(t.value, '\$.value') IS NULL THEN '-' ELSE printf('%.1f', json_extract(t.value, '\$.value')) END, ' ')
	 FROM json_each(json_extract(s.value, '\$.trend')) t)
	FROM json_each(json_extract(readfile('m.json'), '\$.scores')) s" >actual
cat >expect <<'X'
NPS|25.000|47.60|8|NULL|NULL|NULL|fewer than 2 answers before|2025-08-01T00:00:00Z|0:- 0:- 0:- 0:- 0:- 0:- 2:-50.0 6:50.0
CSAT %|75.000|25.96|8|NULL|NULL|NULL|fewer than 2 answers before|2025-08-01T00:00:00Z|0:- 0:- 0:- 0:- 0:- 0:- 2:50.0 6:83.3
CES (mean)|5.125|1.30|8|NULL|NULL|NULL|fewer than 2 answers before|2025-08-01T00:00:00Z|0:- 0:- 0:- 0:- 0:- 0:- 2:4.5 6:5.3
X
# the CSAT margin: Wilson for 6 of 8, worked out here
awk 'BEGIN { z = 1.96; n = 8; p = 6 / n; z2 = z * z
	printf "%.2f\n", 100 * z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n) }' >wilson
echo 25.96 >want
same want wilson
same expect actual
sqlite3 :memory: "SELECT json_extract(value, '\$.stage'), json_extract(value, '\$.channel'),
	printf('%.3f', json_extract(value, '\$.friction')), json_extract(value, '\$.touchpoints'), json_extract(value, '\$.negative')
	FROM json_each(json_extract(readfile('m.json'), '\$.hotspots'))" >actual
printf '%s\n' 'purchase|web|13.000|5|100' 'service|other|4.000|0|' >expect
same expect actual
sqlite3 :memory: "SELECT json_extract(value, '\$.respondent'), json_extract(value, '\$.nps'), json_extract(value, '\$.at')
	FROM json_each(json_extract(readfile('m.json'), '\$.detractors'))" >actual
printf '%s\n' 'old1@example.com|6|2026-02-26T10:00:00Z' 'x@example.com|3|2026-03-10T10:00:00Z' >expect
same expect actual
sqlite3 :memory: "SELECT json_extract(value, '\$.id'), json_extract(value, '\$.owner'), json_extract(value, '\$.late_on'),
	json_extract(value, '\$.opened_at') FROM json_each(json_extract(readfile('m.json'), '\$.breached'))" >actual
printf '%s\n' '5|alex|resolution|2026-03-06T15:00:00Z' '2|kim|response, resolution|2026-03-10T20:00:00Z' >expect
same expect actual
jget m.json '$.feedback_overdue[0].deadline' >actual
echo 2026-03-11T13:00:00Z >expect
same expect actual
EOF

# ---- a period of one's own -------------------------------------------------
#
# 02-23 to 03-02: p1 and p2 only: NPS (0 - 1) / 2 = -50, its adjusted
# interval (p = .75/5, d = 1.75/5) -20 -+ 1.96 sqrt(10^4 (0.5 - 0.04) / 5) =
# -20 -+ 59.45; CSAT 1 of 2 = 50 (Wilson 9.45 to 90.55); CES 4.5, sd
# sqrt(0.5), margin t(1 df) 12.706205 sd / sqrt 2 = 6.353: the whole scale;
# all thin. The week before has nothing: no test, too few before. The trend:
# eight weeks, the last the one holding the end (03-01 is a Sunday, the
# week of 02-23), only that last with answers. No case was opened or
# resolved in it; the backlog leaves out what was opened after it: only
# case 4 (9 days old then); the cases opened later are not measured. The
# review of 03-11 was not yet overdue. z is 1.96 throughout.

t '--since/--until: a past week, as TSV' <<'EOF'
cx --now $NOW report --since 2026-02-23 --until 2026-03-02 --format tsv >actual
cat >expect <<'X'
report|from|until
report|2026-02-23T00:00:00Z|2026-03-02T00:00:00Z

opened|resolved|open_now|first_response_median_s|resolution_median_s
0|0|4||

age|open_cases
under 1 day|0
1-3 days|0
3-7 days|0
1-4 weeks|1
over 4 weeks|0

metric|value|lo|hi|margin|n|small_sample|previous|change|p_value|significant|method|reason|trend
NPS|-50|-79.4497434814|39.4497434814|59.4497434814|2|1||||||fewer than 2 answers before|[{"from":"2026-01-05T00:00:00Z","n":0,"value":null},{"from":"2026-01-12T00:00:00Z","n":0,"value":null},{"from":"2026-01-19T00:00:00Z","n":0,"value":null},{"from":"2026-01-26T00:00:00Z","n":0,"value":null},{"from":"2026-02-02T00:00:00Z","n":0,"value":null},{"from":"2026-02-09T00:00:00Z","n":0,"value":null},{"from":"2026-02-16T00:00:00Z","n":0,"value":null},{"from":"2026-02-23T00:00:00Z","n":2,"value":-50}]
CSAT %|50|9.45286548009|90.5471345199|40.5471345199|2|1||||||fewer than 2 answers before|[{"from":"2026-01-05T00:00:00Z","n":0,"value":null},{"from":"2026-01-12T00:00:00Z","n":0,"value":null},{"from":"2026-01-19T00:00:00Z","n":0,"value":null},{"from":"2026-01-26T00:00:00Z","n":0,"value":null},{"from":"2026-02-02T00:00:00Z","n":0,"value":null},{"from":"2026-02-09T00:00:00Z","n":0,"value":null},{"from":"2026-02-16T00:00:00Z","n":0,"value":null},{"from":"2026-02-23T00:00:00Z","n":2,"value":50}]
CES (mean)|4.5|1|7|6.35310236809|2|1||||||fewer than 2 answers before|[{"from":"2026-01-05T00:00:00Z","n":0,"value":null},{"from":"2026-01-12T00:00:00Z","n":0,"value":null},{"from":"2026-01-19T00:00:00Z","n":0,"value":null},{"from":"2026-01-26T00:00:00Z","n":0,"value":null},{"from":"2026-02-02T00:00:00Z","n":0,"value":null},{"from":"2026-02-09T00:00:00Z","n":0,"value":null},{"from":"2026-02-16T00:00:00Z","n":0,"value":null},{"from":"2026-02-23T00:00:00Z","n":2,"value":4.5}]

to_follow_up|contacted|contact_median_s|contact_p90_s|contacted_within|contacted_within_share|contacted_within_lo|contacted_within_hi|recovered_contacted|next_contacted|recovered_not|next_not|recovery_difference|recovery_difference_lo|recovery_difference_hi
1|0|||0|0|0|79.3456708526|0|0|0|0|||

id|survey|at|respondent|nps|csat|ces|comment
1|After purchase|2026-02-26T10:00:00Z|old1@example.com|6|3|4|Slow
X
tab <expect >expect.tsv
same expect.tsv actual
EOF

# ---- as of the report's end ------------------------------------------------
#
# At 03-11 09:30 case 3 was still open (resolved at 10:00): the backlog then
# was case 1 (30m) and 2 (13h30) under a day, 3 (47h30) 1-3 days, 5 (4d18h)
# 3-7 days and 4 (pending, 19 days) 1-4 weeks, whatever their status now.

t 'the backlog is what was open at --until, from the history of status changes' <<'EOF'
cx --now $NOW report --until 2026-03-11T09:30 --format tsv | awk '/^age/ { on = 1 } on && !NF { exit } on' >actual
tab >expect <<'X'
age|open_cases
under 1 day|2
1-3 days|1
3-7 days|1
1-4 weeks|1
over 4 weeks|0
X
same expect actual
EOF

t 'the backlog as of --until: a reopened case, and a case with no history of its status' <<'EOF'
CX_DB=$(db_named history)
export CX_DB
cx -q customer add "Ana Lima" --email ana@example.com
cx -q --now 2026-03-01T10:00 case open ana@example.com --title "One"
cx -q --now 2026-03-02T10:00 case resolve 1 --outcome fixed
cx -q --now 2026-03-04T10:00 case reopen 1
cx -q --now 2026-03-01T10:00 case open ana@example.com --title "Two"
cx -q --now 2026-03-05T10:00 case resolve 2 --outcome fixed
backlog() { cx --now 2026-03-10T00:00 report --until "$1" --format tsv | awk -F '\t' '/^age/ { on = 1; next } on && !NF { exit } on { n += $2 } END { print n + 0 }'; }
# open, resolved, reopened: one case open, then two, then none but one, then both, then one
test "$(backlog 2026-03-01T12:00)" = 2
test "$(backlog 2026-03-03T00:00)" = 1
test "$(backlog 2026-03-04T12:00)" = 2
test "$(backlog 2026-03-06T00:00)" = 1
# without the events (a case from another system), its resolution time tells
dbq "DELETE FROM events WHERE entity = 'case' AND entity_id = 2 AND action = 'status'" >/dev/null
test "$(backlog 2026-03-04T12:00)" = 2
test "$(backlog 2026-03-06T00:00)" = 1
EOF

# The review of 03-11 09:00 was due at 13:00: at 14:00 it was an hour late,
# five hours old. Without --now the clock reads the real time: the report
# still counts and lists as of its end.
t 'overdue feedback as of --until, counted and listed alike, not by the clock' <<'EOF'
for now in "--now $NOW" ""; do
	# shellcheck disable=SC2086
	cx $now report --until 2026-03-11T14:00 --format json >r.json
	test "$(jget r.json '$.feedback_overdue[0].id')|$(jget r.json '$.feedback_overdue[0].age')|$(jget r.json '$.feedback_overdue[0].due_in')" = '1|18000|-3600'
	test "$(jget r.json '$.feedback_overdue[1].id')" = ''
done
# at 12:00 nothing was late yet: no section, and --check has nothing to say about feedback
may_fail cx report --until 2026-03-11T12:00 --check >out 2>err || true
hasnt out 'Public feedback past its deadline'
hasnt err 'public post'
EOF

t 'the trend: eight whole weeks, the newest the one holding the end (a Thursday)' <<'EOF'
cx --now 2026-03-12T15:00 report weekly --format json >r.json
sqlite3 -separator ' ' :memory: "SELECT substr(json_extract(t.value, '\$.from'), 1, 10), json_extract(t.value, '\$.n')
	FROM json_each(json_extract(readfile('r.json'), '\$.scores[0].trend')) t" >actual
cat >expect <<'X'
2026-01-19 0
2026-01-26 0
2026-02-02 0
2026-02-09 0
2026-02-16 0
2026-02-23 2
2026-03-02 3
2026-03-09 3
X
same expect actual
EOF

t 'report errors: unknown period names, periods the wrong way round, bad dates' <<'EOF'
snapshot before
fails 2 cx report yearly
has err 'cx: NAME: "yearly" is not one of daily, weekly, monthly'
fails 2 cx report --since 2026-03-11 --until 2026-03-01
has err 'the report'\''s period is empty'
fails 2 cx report --since someday
has err 'cx: --since:'
fails 2 cx report --until never
fails 2 cx report daily weekly
fails 2 cx report --format yaml
snapshot after
same before after
EOF

t 'HTML: one self-contained page with the sections and three charts' <<'EOF'
cx --now $NOW report weekly --format html >w.html
head -n 1 w.html >first
echo '<!doctype html>' >expect
same expect first
has w.html '<title>cx weekly report, 2026-03-11</title>'
has w.html '<h1>cx weekly report, 2026-03-11</h1>'
grep -o '<h2>[^<]*</h2>' w.html >actual
cat >expect <<'X'
<h2>Period</h2>
<h2>Cases</h2>
<h2>Open cases by age</h2>
<h2>Service levels by owner</h2>
<h2>Late cases (oldest first)</h2>
<h2>Public feedback past its deadline</h2>
<h2>Survey scores, against the period before</h2>
<h2>Closing the loop: unhappy answers, their first contact, and what came next</h2>
<h2>Journey friction hot spots</h2>
<h2>Unhappy respondents without a follow-up</h2>
X
same expect actual
# the backlog bars, the NPS trend and the emotion curve
grep -c '<svg' w.html >n
echo 3 >expect
same expect n
has w.html '>Open cases by age</text>'
has w.html '>NPS by week</text>'
has w.html ">The journey's emotion by stage</text>"
# figures in the page
has w.html '<td>Wrong beans</td>'
has w.html '<td>- - - - - -50 100 0</td>'
# nothing from outside: no scripts, links, images or fonts to fetch
grep -o 'https*:[^" ]*' w.html | sort -u >addresses
echo 'http://www.w3.org/2000/svg' >expect
same expect addresses
for ref in '<script' '<link' '<img' 'src=' '@import' 'url('; do
	hasnt w.html "$ref"
done
tail -n 1 w.html >last
echo '</html>' >expect
same expect last
EOF

t 'HTML of a period without charts has none, and is still a page' <<'EOF'
empty=$(db_named empty-html)
cx --db "$empty" init >/dev/null
cx --db "$empty" --now $NOW report --format html >e.html
has e.html '<h1>cx daily report, 2026-03-11</h1>'
hasnt e.html '<svg'
hasnt e.html '<h2>Cases</h2>'
tail -n 1 e.html >last
echo '</html>' >expect
same expect last
EOF

if command -v script >/dev/null 2>&1; then
	t 'on a terminal the trend is a Unicode sparkline' <<'EOF'
script -qec "stty cols 80 2>/dev/null; '$CX' --now $NOW report weekly" /dev/null >tty.out
has tty.out 'NPS'
# -50, 100, 0 of the scale: lowest, highest, and between
grep 'NPS' tty.out | grep -q '▁█' || { grep NPS tty.out; exit 1; }
hasnt tty.out '-50 100 0'
# 80 columns leave the comment 17: too few for its 18 bytes, and for 16 of
# them and the three bytes of an ellipsis
has tty.out '2  Nobody called b…'
EOF
else
	t 'on a terminal the trend is a Unicode sparkline # SKIP script(1) is not installed' <<'EOF'
true
EOF
fi

# ---- --check ---------------------------------------------------------------

t '--check: exit 1 with every reason on stderr, the report still on stdout' <<'EOF'
set +e
may_fail cx --now $NOW report weekly --check >out 2>err
rc=$?
set -e
test $rc -eq 1 || { echo "# exit status $rc"; exit 1; }
cat >expect <<'X'
cx: attention: 2 open cases are late on a service level (cx case list --breached)
cx: attention: 1 public post is unanswered past the deadline (cx feedback list --overdue)
cx: attention: 1 unhappy survey answer has no follow-up (cx survey follow-up)
cx: 4 things need attention
X
same expect err
has out 'Late cases (oldest first)'
EOF

t '--check: exit 0 and nothing on stderr when all is well' <<'EOF'
CX_DB=$(db_named calm)
export CX_DB
cx -q customer add "Ana Lima" --email ana@example.com
cx -q --now 2026-03-11T14:00 case open ana@example.com --title "Question about beans"
cx -q --now 2026-03-11T14:00 feedback add -s google -a Ana -r 5 -m "Great!"
cx --now $NOW report --check >out 2>err
lines err 0
has out 'Open now:              1'
cx --now $NOW report --check --format json >/dev/null 2>err
lines err 0
EOF

t '--check: each reason alone, and the answer to it makes the check pass' <<'EOF'
CX_DB=$(db_named alone)
export CX_DB
cx -q customer add "Ana Lima" --email ana@example.com
# a public post past its deadline: a 2-star review, negative, 4h
cx -q --now 2026-03-11T09:00 feedback add -s yelp -a Ana -r 2 -m "Cold coffee"
fails 1 cx --now $NOW report --check
cat >expect <<'X'
cx: attention: 1 public post is unanswered past the deadline (cx feedback list --overdue)
cx: 1 thing needs attention
X
same expect err
cx -q --now 2026-03-11T15:00 feedback respond 1 -m "Sorry! Next one is on us."
cx --now $NOW report --check >/dev/null
# an unhappy survey answer in the period without a follow-up case
printf 'email,submitted,nps\nana@example.com,2026-03-11 12:00,2\n' >s.csv
cx -q survey import s.csv --name Pulse --nps nps --email email --at submitted
fails 1 cx --now $NOW report --check
cat >expect <<'X'
cx: attention: 1 unhappy survey answer has no follow-up (cx survey follow-up)
cx: 1 thing needs attention
X
same expect err
cx -q --now 2026-03-11T13:00 survey follow-up
cx --now $NOW report --check >/dev/null
# the follow-up case (normal: 8h to answer, 40h to resolve) is late two days later
fails 1 cx --now 2026-03-13T15:00 report --check
cat >expect <<'X'
cx: attention: 1 open case is late on a service level (cx case list --breached)
cx: 1 thing needs attention
X
same expect err
cx -q --now 2026-03-13T15:00 case resolve 1 --outcome answered
cx --now 2026-03-13T16:00 report --check >/dev/null
EOF

t '--check counts what is at risk, but does not fail on it' <<'EOF'
CX_DB=$(db_named risk)
export CX_DB
cx -q customer add "Ana Lima" --email ana@example.com
cx -q --now 2026-03-11T09:00 case open ana@example.com --title "Almost late"
cx --now $NOW report --check --format json >r.json
jget r.json '$.sla_by_owner[0].at_risk' >actual
echo 1 >expect
same expect actual
EOF

# ---- breaches are noticed once ---------------------------------------------
#
# On a copy of the business made before any report ran, with an on-breach
# hook that appends each event it gets to a file.

BREACH_LOG=$T/breaches.jsonl
export BREACH_LOG

t 'a breach is noticed once: recorded in sla_breaches, on-breach queued once' <<'EOF'
export CX_DB=$FRESH
mkdir "$T/hooks"
cat >"$T/hooks/on-breach" <<'X'
#!/bin/sh
cat >>"$BREACH_LOG"
echo >>"$BREACH_LOG"
X
chmod +x "$T/hooks/on-breach"
cx -q config set hooks.dir "$T/hooks"
dbq 'SELECT count(*) FROM sla_breaches' >n
echo 0 >expect
same expect n
cx --now $NOW report daily >/dev/null
dbq "SELECT case_id, clock, $noticed FROM sla_breaches ORDER BY case_id, clock" >actual
cat >expect <<'X'
2|resolution|2026-03-11 15:00:00
2|response|2026-03-11 15:00:00
5|resolution|2026-03-11 15:00:00
X
same expect actual
grep -c . "$BREACH_LOG" >n
echo 3 >expect
same expect n
grep . "$BREACH_LOG" | while read -r line; do
	printf '%s\n' "$line" >one.json
	jget one.json '$.case.id' | tr '\n' ' '
	jget one.json '$.clock'
done | sort >actual
printf '%s\n' '2 resolution' '2 response' '5 resolution' >expect
same expect actual
# again, weekly, monthly, with --check: nothing new
cx --now $NOW report weekly >/dev/null
cx --now $NOW report monthly --format json >/dev/null
fails 1 cx --now 2026-03-11T16:00 report --check
grep -c . "$BREACH_LOG" >n
echo 3 >expect
same expect n
dbq 'SELECT count(*) FROM sla_breaches' >n
same expect n
EOF

t 'a new breach found by --check is recorded and announced, though the check fails' <<'EOF'
export CX_DB=$FRESH
# case 1 (normal, 8h) runs out at 17:00
fails 1 cx --now 2026-03-11T17:01 report --check
has err '3 open cases are late'
dbq "SELECT case_id, clock, $noticed FROM sla_breaches WHERE case_id = 1" >actual
echo '1|response|2026-03-11 17:01:00' >expect
same expect actual
grep -c . "$BREACH_LOG" >n
echo 4 >expect
same expect n
tail -n 2 "$BREACH_LOG" | grep . >one.json
jget one.json '$.case.title' >actual
echo 'Grinder arrived cracked' >expect
same expect actual
EOF

t 'a report that fails to be written notices nothing' <<'EOF'
export CX_DB=$FRESH
test -w /dev/full || { echo "# no /dev/full"; exit 1; }
snapshot before
# case 1's resolution (40h from 03-11 09:00) ran out at 03-13 01:00: it would be new
fails 74 cx --now 2026-03-13T02:00 report >/dev/full
snapshot after
same before after
grep -c . "$BREACH_LOG" >n
echo 4 >expect
same expect n
EOF

# the copy on the server goes with this script's own database
if on_pg; then
	psql -qAtX -d "$CX_TEST_PG" -c "DROP DATABASE IF EXISTS $(pgname "$FRESH") WITH (FORCE)" >/dev/null
fi

finish
