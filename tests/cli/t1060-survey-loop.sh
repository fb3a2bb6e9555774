#!/bin/sh
# Closing the loop, measured: time from an unhappy answer to the first contact
# on its follow-up case (median, 90th percentile), the share contacted within
# survey.follow_up_within business hours, passives followed up on request,
# and recovery: the next answer of those contacted against those not, with
# Newcombe's interval. The expected figures are computed by Python below,
# independently of cx (Wilson's interval, nearest-rank percentiles).
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-11-20T12:00:00Z

# Monday 2 November 2026. Unhappy: a (10:00 Mon), b (16:00 Mon), c (12:00 Fri
# 6th), d (09:00 Tue), and one without an address; e a passive, f a promoter.
# First contacts: a after 1 h; b Wed 16:00 (16 business hours); c Mon 16th
# 13:00 (49 business hours: late); d never. Next answers: a 9, b 5, d 8.
t 'setup: a survey, its follow-up cases, their first contacts, the next survey' <<'EOF'
cx init >/dev/null
cx sla hours mon-fri 09:00-17:00 >/dev/null
cx config set timezone UTC >/dev/null
printf '%s\n' email,score,date 'a@x.example,2,2026-11-02 10:00:00' 'b@x.example,5,2026-11-02 16:00:00' \
	'c@x.example,6,2026-11-06 12:00:00' 'd@x.example,3,2026-11-03 09:00:00' 'e@x.example,8,2026-11-03 10:00:00' \
	'f@x.example,10,2026-11-03 11:00:00' ',4,2026-11-03 12:00:00' >p1.csv
cx survey import p1.csv --name pulse --nps score --email email --at date --create-customers --follow-up -q >/dev/null
CX_NOW=2026-11-02T11:00:00Z cx note add 1 --public -m "Called a" -q
CX_NOW=2026-11-04T16:00:00Z cx note add 2 --public -m "Called b" -q
CX_NOW=2026-11-16T13:00:00Z cx note add 4 --public -m "Called c" -q
printf '%s\n' email,score,date 'a@x.example,9,2026-11-17 10:00:00' 'b@x.example,5,2026-11-17 11:00:00' \
	'd@x.example,8,2026-11-17 12:00:00' >p2.csv
cx survey import p2.csv --name pulse2 --nps score --email email --at date -q >/dev/null
EOF

# expected K_WITHIN N_FOLLOW: the loop's figures as Python works them out.
expected() {
	python3 - "$@" <<'PY'
import math, sys
z = 1.959963984540054
def wilson(k, n):
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * (c - h), 100 * (c + h)
k, n = int(sys.argv[1]), int(sys.argv[2])
delays = sorted([3600, 2 * 86400, 10 * 86400 + 3600])
rank = lambda q: delays[max(math.ceil(q * len(delays) / 100), 1) - 1]
lo, hi = wilson(k, n)
p1, p2 = 100 * 1 / 2, 100 * 1 / 1
l1, h1 = wilson(1, 2)
l2, h2 = wilson(1, 1)
d = p1 - p2
dlo = d - math.sqrt((p1 - l1) ** 2 + (h2 - p2) ** 2)
dhi = d + math.sqrt((h1 - p1) ** 2 + (p2 - l2) ** 2)
print(n, 3, rank(50), rank(90), k, "%.1f %.1f %.1f" % (100 * k / n, lo, hi), 1, 2, 1, 1, "%.1f %.1f %.1f" % (d, dlo, dhi))
PY
}

t 'survey report: first contact median and p90, share within 48 business hours, recovery with its interval' <<'EOF'
command -v python3 >/dev/null || exit 77
cx --format json survey report --survey pulse >r.json
sqlite3 :memory: "select printf('%d %d %d %d %d %.1f %.1f %.1f %d %d %d %d %.1f %.1f %.1f',
	json_extract(v, '\$.to_follow_up'), json_extract(v, '\$.contacted'), json_extract(v, '\$.contact_median_s'),
	json_extract(v, '\$.contact_p90_s'), json_extract(v, '\$.contacted_within'), json_extract(v, '\$.contacted_within_share'),
	json_extract(v, '\$.contacted_within_lo'), json_extract(v, '\$.contacted_within_hi'),
	json_extract(v, '\$.recovered_contacted'), json_extract(v, '\$.next_contacted'), json_extract(v, '\$.recovered_not'),
	json_extract(v, '\$.next_not'), json_extract(v, '\$.recovery_difference'), json_extract(v, '\$.recovery_difference_lo'),
	json_extract(v, '\$.recovery_difference_hi'))
	from (select value v from json_each(cast(readfile('r.json') as text)) limit 1)" >got
expected 2 5 >want
same want got
EOF

t '--follow-up passives counts the passive as one to follow up; survey.follow_up_within moves the line' <<'EOF'
command -v python3 >/dev/null || exit 77
cx --format json survey report --survey pulse --follow-up passives >r.json
sqlite3 :memory: "select json_extract(v, '\$.to_follow_up') || ' ' || json_extract(v, '\$.contacted_within')
	from (select value v from json_each(cast(readfile('r.json') as text)) limit 1)" >got
echo '6 2' >want
same want got
cx config set survey.follow_up_within 49h >/dev/null
cx --format json survey report --survey pulse >r.json
sqlite3 :memory: "select json_extract(v, '\$.contacted_within')
	from (select value v from json_each(cast(readfile('r.json') as text)) limit 1)" >got
echo 3 >want
same want got
cx config set survey.follow_up_within 48h >/dev/null
# survey follow-up --passives opens the passive's case too
cx survey follow-up --survey pulse --passives >out
has out 'Opened 1 follow-up case'
EOF

t 'the digest has the loop for its period, every survey together' <<'EOF'
cx --format json report weekly --since 2026-11-01 --until 2026-11-20 >d.json
sqlite3 :memory: "select json_extract(v, '\$.loop.to_follow_up') || ' ' || json_extract(v, '\$.loop.contacted') || ' '
	|| json_extract(v, '\$.loop.contact_median_s') from (select cast(readfile('d.json') as text) v)" >got
# pulse's five, and b's second unhappy answer (pulse2), not contacted
echo '6 3 172800' >want
same want got
EOF

finish
