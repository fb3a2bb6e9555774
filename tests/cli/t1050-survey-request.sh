#!/bin/sh
# Surveys after a case: cx survey request lists the customers of cases
# resolved lately (one request per case, with a token; one reminder at
# most), or mails them through cx reply's path; an answer carrying the
# token is tied to its case: the brief shows the rating, the report the
# response rate of the requests.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-11-20T12:00:00Z

t 'setup: three resolved cases, one customer without an address, one case still open' <<'EOF'
cx init >/dev/null
cx customer add "Ana Lopez" --email ana@example.es >/dev/null
cx customer add "Tom Baker" --email tom@example.co.uk >/dev/null
cx customer add "Walk In" >/dev/null
cx case open ana@example.es --title "Oven door broken" >/dev/null
cx case open tom@example.co.uk --title "Late delivery" >/dev/null
cx case open "Walk In" --title "Wrong change" >/dev/null
cx case open ana@example.es --title "Still waiting" >/dev/null
for k in 1 2 3; do cx case resolve $k --outcome fixed >/dev/null; done
cx config set survey.link 'https://forms.example.com/r?t={token}' >/dev/null
EOF

t 'request: one per resolved case with an address, a token and its link; recorded once; -n records nothing' <<'EOF'
snapshot before
cx --format tsv survey request -n >dry.tsv
snapshot after
same before after
cx --format tsv survey request >out.tsv
cut -f 1-7 out.tsv >got
cat >want <<'WANT'
kind	case_id	customer_id	name	email	title	resolved_at
request	1	1	Ana Lopez	ana@example.es	Oven door broken	2026-11-20T12:00:00Z
request	2	2	Tom Baker	tom@example.co.uk	Late delivery	2026-11-20T12:00:00Z
WANT
same want got
cut -f 1-7 dry.tsv >got
same want got
# each token is its own, and the link carries it
awk -F '\t' 'NR > 1 && length($8) == 19 && $8 ~ /^cx-[0-9a-f]+$/ && $9 == "https://forms.example.com/r?t=" $8' out.tsv | wc -l >n
echo 2 >want
same want n
dbq "SELECT case_id, token, survey, asked_by, sent FROM survey_requests ORDER BY case_id" >rows
awk -F '\t' 'NR > 1 { print $2 "|" $8 "|after-case|tester|0" }' out.tsv >want
same want rows
cx --format tsv survey request >again.tsv
lines again.tsv 1
EOF

t 'reminders: once, three days after asking, for the unanswered only' <<'EOF'
CX_NOW=2026-11-22T12:00:00Z cx --format tsv survey request >early.tsv
lines early.tsv 1
CX_NOW=2026-11-23T12:00:00Z cx --format tsv survey request >due.tsv
cut -f 1,2 due.tsv >got
printf 'kind\tcase_id\nreminder\t1\nreminder\t2\n' >want
same want got
CX_NOW=2026-11-30T12:00:00Z cx --format tsv survey request >late.tsv
lines late.tsv 1
EOF

t 'import: the token column is recognised, ties the answer to its case; the brief shows it, the report the response rate' <<'EOF'
tok=$(dbq "SELECT token FROM survey_requests WHERE case_id = 1")
printf 'Timestamp,How likely are you to recommend us?,Why?,t\n11/25/2026 10:00:00,9,Fixed in a day - thank you,%s\n11/25/2026 11:00:00,3,Nobody called back,cx-0000000000000000\n' "$tok" >answers.csv
CX_NOW=2026-11-26T12:00:00Z cx survey import answers.csv --name after-case >out 2>err
has out '  case = column 4 "t": 2 of 2 answers are tokens of survey requests'
has out 'imported 2 new, 0 already present, 0 incomplete; 0 linked to customers, 1 answering the survey after a case'
has err 'cx: answers.csv: 1 answers carry a token cx did not give (not tied to a case)'
CX_NOW=2026-11-26T12:00:00Z cx --format json case brief 1 >brief.json
sqlite3 :memory: "select json_extract(v, '\$.after_case.reminded_at'), json_extract(v, '\$.after_case.answered_at'),
	json_extract(v, '\$.after_case.nps'), json_extract(v, '\$.after_case.comment')
	from (select cast(readfile('brief.json') as text) v)" >got
echo '2026-11-23T12:00:00Z|2026-11-25T10:00:00Z|9|Fixed in a day - thank you' >want
same want got
# the respondent is the request's customer
dbq "SELECT r.customer_id FROM responses r JOIN survey_requests q ON q.response_id = r.id" >got
echo 1 >want
same want got
# asked 2, answered 1: 50%, Wilson's 95% interval 9.5-90.5 (z = 1.96: (0.5 + 0.9604 -+ 1.96 * sqrt(0.25/2 + 0.9604/4) ...) / 1.9208 * ... )
CX_NOW=2026-11-26T12:00:00Z cx --format tsv survey report --survey after-case >r.tsv
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ printf "%s %s %.1f %.1f %.1f\n", $c["requests"], $c["requests_answered"], $c["request_rate"], $c["request_rate_lo"], $c["request_rate_hi"] }' r.tsv >got
echo '2 1 50.0 9.5 90.5' >want
same want got
# an answered request is never reminded
CX_NOW=2026-12-10T12:00:00Z cx --format tsv survey request --resolved-since 1d >after.tsv
lines after.tsv 1
EOF

t '--send: each request a mail through mail.send, the public note on its case; a failing mailer records nothing (69)' <<'EOF'
cx case resolve 4 --outcome fixed >/dev/null
fails 2 cx survey request --send
has err 'mail is not set up: mail.send is empty'
cx config set mail.address "Bakery <help@bakery.example>" >/dev/null
cx config set mail.send "sh -c 'cat >/dev/null; exit 3'" >/dev/null
snapshot before
fails 69 cx survey request --send
snapshot after
same before after
mkdir out
cx config set mail.send "sh -c 'cat >$PWD/out/mail'" >/dev/null
cx survey request --send >list 2>err
has err 'cx: 1 survey request mailed'
has out/mail 'To: Ana Lopez <ana@example.es>'
has out/mail '[cx #4]'
tok=$(dbq "SELECT token FROM survey_requests WHERE case_id = 4 AND sent = 1")
test -n "$tok"
has out/mail "https://forms.example.com/r?t=$tok"
cx --format tsv note list 4 >notes
has notes 'Your case #4 ("Still waiting") is resolved. Would you tell us how we did?'
cx config set survey.link '' >/dev/null
fails 2 cx survey request --send
has err 'survey.link is not set'
EOF

finish
