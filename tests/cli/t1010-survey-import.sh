#!/bin/sh
# cx survey import and what comes after it. Every broken input is refused with
# one line naming the file and line, and leaves the database as it was; an
# import is idempotent and each file is all or nothing; respondents are linked
# to customers and the unhappy ones get one follow-up case each; reports,
# lists and responses give the figures worked out by hand in the comments.
# shellcheck disable=SC1091,SC2034 # the variables are used in the test bodies
. "$(dirname "$0")/lib.sh"

S="$DATA/surveys"
# The generic fixtures name their columns plainly, so the import is told.
GENERIC="--nps score --email email --comment comment --at date"

# Stories that count things across the whole database get their own.
LINK_DB=$(db_named link) || exit 99
FOLLOW_DB=$(db_named follow) || exit 99
REPORT_DB=$(db_named report) || exit 99

# expect FILE KEY: the value of KEY in a fixture's .expect file.
expect() {
	sed -n "s/^$2[[:space:]]*=[[:space:]]*//p" "$1" | head -n 1 | sed 's/[[:space:]]*$//'
}

# pick FILE COLUMN...: the named columns of a TSV file's first table (up to a
# blank line), header left out, joined with "|".
pick() {
	_f=$1
	shift
	awk -F '\t' -v cols="$*" '
		BEGIN { n = split(cols, want, " ") }
		NR == 1 {
			for (i = 1; i <= NF; i++) idx[$i] = i
			for (k = 1; k <= n; k++) if (!(want[k] in idx)) { print "no column " want[k] >"/dev/stderr"; exit 1 }
			next
		}
		!NF { exit }
		{ s = ""; for (k = 1; k <= n; k++) s = s (k > 1 ? "|" : "") $(idx[want[k]]); print s }' "$_f"
}

# section FILE N: the Nth table (1-based) of a TSV output with several.
section() {
	awk -v want="$2" 'BEGIN { s = 1 } !NF { s++; next } s == want' "$1"
}

# close WANT GOT [TOLERANCE]: equal as numbers, by default to 0.0051.
close() {
	awk -v a="$1" -v b="$2" -v tol="${3:-0.0051}" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b != "" && d <= tol) }' || {
		echo "# want $1, got $2" >&2
		return 1
	}
}

# One line on stderr, starting "cx: FILE:LINE: ".
one_error() {
	lines err 1
	case $(cat err) in
	"cx: $1:$2: "*) ;;
	*)
		echo "# expected an error starting \"cx: $1:$2: \", got: $(cat err)" >&2
		return 1
		;;
	esac
}

t 'setup: a database with a customer' <<'EOF'
cx init >/dev/null
cx customer add "Bob Builder" --email bob@example.com >/dev/null
snapshot before
test -s before
EOF

# ---- broken fixtures ---------------------------------------------------------

for e in "$S"/broken-*.expect; do
	E=$e
	F=${e%.expect}.csv
	t "$(basename "$F"): exit 65, one line naming the file and line $(expect "$e" error_line), nothing stored" <<'EOF'
line=$(expect "$E" error_line)
what=$(expect "$E" error_has)
test -n "$line" && test -n "$what"
snapshot before
case $F in
*unrecognised*) fails 65 cx survey import "$F" ;;
*) fails 65 cx survey import "$F" $GENERIC ;;
esac
one_error "$F" "$line"
has err "$what"
snapshot after
same before after
EOF
done

t 'broken-unrecognised.csv: naming a column it lacks fails on that, not on the layout' <<'EOF'
fails 65 cx survey import "$S/broken-unrecognised.csv" $GENERIC
one_error "$S/broken-unrecognised.csv" 1
has err '--nps: no column "score"'
EOF

t 'broken-unrecognised.csv: naming its columns is refused when they are not scores' <<'EOF'
fails 65 cx survey import "$S/broken-unrecognised.csv" --nps qty_on_hand
one_error "$S/broken-unrecognised.csv" 2
has err 'column "qty_on_hand": "24" is not an NPS score from 0 to 10'
EOF

# ---- other refused input -------------------------------------------------------

t 'a binary file (NUL bytes) is refused as binary (65), nothing stored' <<'EOF'
printf 'email,score\na@example.com,9\000\001\002\003\n' >data.csv
snapshot before
fails 65 cx survey import data.csv --nps score
one_error data.csv 2
has err 'binary file'
snapshot after
same before after
EOF

t 'an Excel .xls workbook is refused with advice (65)' <<'EOF'
printf '\320\317\021\340\241\261\032\341rest of a workbook' >book.csv
fails 65 cx survey import book.csv
one_error book.csv 1
has err '.xls'
has err 'save it as CSV'
EOF

t 'an empty file is refused (65), nothing stored' <<'EOF'
: >empty.csv
snapshot before
fails 65 cx survey import empty.csv --nps score
one_error empty.csv 1
has err 'empty'
fails 65 cx survey import - --name empty --nps score </dev/null
one_error 'standard input' 1
snapshot after
same before after
EOF

t 'a file with only a header is refused (65): no responses, and no empty survey made' <<'EOF'
printf 'email,score,comment,date\r\n' >header-only.csv
snapshot before
fails 65 cx --format tsv survey import header-only.csv $GENERIC
one_error header-only.csv 1
has err 'no responses, only the header'
snapshot after
same before after
fails 1 cx survey show header-only
EOF

t 'a missing file is refused with 66' <<'EOF'
snapshot before
fails 66 cx survey import no-such-file.csv
lines err 1
has err 'cx: cannot open no-such-file.csv: No such file or directory'
snapshot after
same before after
EOF

t 'a directory is refused with 66' <<'EOF'
mkdir exports
fails 66 cx survey import exports
lines err 1
has err 'cx: exports is a directory, not a file'
EOF

t 'invalid UTF-8 without --encoding: 65 at the line, suggesting --encoding' <<'EOF'
snapshot before
fails 65 cx survey import "$S/cp1252-comments.csv" $GENERIC
one_error "$S/cp1252-comments.csv" 2
has err 'invalid UTF-8 byte 0xe8'
has err '--encoding cp1252'
snapshot after
same before after
EOF

t 'the cp1252 fixture imports with --encoding cp1252, its text decoded' <<'EOF'
cx --format tsv survey import "$S/cp1252-comments.csv" --encoding cp1252 $GENERIC >out
test "$(pick out tool encoding rows added)" = 'generic|cp1252|8|8'
cx survey responses --survey cp1252-comments --format tsv >resp
pick resp comment >comments
has comments 'Très bon café, service rapide'
has comments 'Waited 20 min — won’t be back'
has comments 'Best croissant in town, €2.50 well spent'
has comments '“Fresh” bread was stale'
EOF

t 'an encoding the system does not know is a usage error (2)' <<'EOF'
fails 2 cx survey import "$S/cp1252-comments.csv" --encoding klingon $GENERIC
has err '--encoding: "klingon"'
EOF

t 'bad option values are usage errors (2): --tool, --sep, --date-order, --complete' <<'EOF'
snapshot before
fails 2 cx survey import "$S/generic-basic.csv" --tool surveygorilla $GENERIC
has err 'cx: --tool: "surveygorilla" is not one of auto, surveymonkey, typeform, google-forms, qualtrics,'
fails 2 cx survey import "$S/generic-basic.csv" --sep '|' $GENERIC
has err 'cx: --sep: "|" is not one of ",", ";", tab'
fails 2 cx survey import "$S/generic-basic.csv" --date-order myd $GENERIC
has err 'cx: --date-order: "myd" is not one of mdy, dmy, ymd'
fails 2 cx survey import "$S/generic-basic.csv" --complete store $GENERIC
has err '--complete: write COLUMN=VALUE'
fails 2 cx survey import
snapshot after
same before after
EOF

t 'an override naming a missing column fails (65) naming it' <<'EOF'
snapshot before
fails 65 cx survey import "$S/generic-basic.csv" --nps rating --email email
one_error "$S/generic-basic.csv" 1
has err '--nps: no column "rating" in this file'
fails 65 cx survey import "$S/generic-basic.csv" $GENERIC --email 9
one_error "$S/generic-basic.csv" 1
has err '--email: no column "9"'
fails 65 cx survey import "$S/generic-basic.csv" $GENERIC --complete status=done
has err '--complete: no column "status"'
snapshot after
same before after
EOF

t 'a score out of range fails (65) naming the line and the column; nothing stored' <<'EOF'
printf 'email,score,comment,date\na@example.com,9,"fine,\nreally",2026-11-02\nb@example.com,11,great,2026-11-03\n' >range.csv
snapshot before
fails 65 cx survey import range.csv $GENERIC
one_error range.csv 4
has err 'column "score": "11" is not an NPS score from 0 to 10'
printf 'email,csat,date\na@example.com,6,2026-11-02\n' >csat.csv
fails 65 cx survey import csat.csv
one_error csat.csv 2
has err 'column "csat": "6" is not a CSAT score from 1 to 5'
printf 'email,ces,date\na@example.com,0,2026-11-02\n' >ces.csv
fails 65 cx survey import ces.csv
has err 'is not a CES score from 1 to 7'
printf 'email,score,date\na@example.com,8.5,2026-11-02\nb@example.com,maybe,2026-11-02\n' >half.csv
fails 65 cx survey import half.csv --nps score
one_error half.csv 2
has err '"8.5" is not an NPS score'
snapshot after
same before after
EOF

t 'a date it cannot read fails (65) naming the line and column' <<'EOF'
printf 'email,score,date\na@example.com,9,11/02/2026\nb@example.com,7,13/02/2026\n' >dates.csv
fails 65 cx survey import dates.csv --nps score
one_error dates.csv 3
has err 'column "date": "13/02/2026"'
has err '--date-order'
EOF

# ---- options that change how a file is read ------------------------------------

t '--date-order dmy reads 03/04/2026 as 3 April (default mdy: 4 March)' <<'EOF'
printf 'email,score,date\na@example.com,9,03/04/2026 10:30\nb@example.com,7,13/04/2026 08:00\n' >dmy.csv
cx survey import dmy.csv --nps score --date-order dmy --name dmy >/dev/null
cx survey responses --survey dmy --format tsv >out
pick out email at >got
printf '%s\n' 'b@example.com|2026-04-13T08:00:00Z' 'a@example.com|2026-04-03T10:30:00Z' >want
same want got
printf 'email,score,date\na@example.com,9,03/04/2026 10:30\n' >mdy.csv
cx survey import mdy.csv --nps score --name mdy >/dev/null
cx survey responses --survey mdy --format tsv >out
test "$(pick out at)" = '2026-03-04T10:30:00Z'
EOF

t '--tz reads naive times in that zone; times with a zone keep theirs' <<'EOF'
printf 'email,score,date\na@example.com,9,2026-11-02 09:00\nb@example.com,7,2026-07-02 09:00\n' >tz.csv
cx survey import tz.csv --nps score --tz America/New_York --name tz >/dev/null
cx survey responses --survey tz --format tsv >out
pick out email at >got
printf '%s\n' 'a@example.com|2026-11-02T14:00:00Z' 'b@example.com|2026-07-02T13:00:00Z' >want
same want got
# Google Forms writes GMT+2 / GMT+1 after the time: --tz changes nothing.
cx survey import "$S/google-forms-download.csv" --tz Asia/Tokyo --name gf-tokyo >/dev/null
cx survey list --format tsv >list
grep '^gf-tokyo' list | cut -f6,7 >got
printf '2026-10-22T07:15:03Z\t2026-11-01T11:30:15Z\n' >want
same want got
EOF

t 'a time zone the system does not know is refused, not read as UTC' <<'EOF'
printf 'email,score,date\na@example.com,9,2026-11-02 09:00\n' >tz.csv
snapshot before
fails 2 cx survey import tz.csv --nps score --tz Europe/Berln
has err 'cx: --tz: "Europe/Berln" is not a time zone this system knows'
# Qualtrics names the zone in its third header row
sed 's#America/Denver#America/Denvr#g' "$S/qualtrics-numeric.csv" >qualtrics.csv
fails 65 cx survey import qualtrics.csv
one_error qualtrics.csv 3
has err 'time zone "America/Denvr"'
has err '--tz'
snapshot after
same before after
cx --format tsv survey import qualtrics.csv --tz America/Denver >out
test "$(pick out tool added incomplete)" = 'qualtrics|11|3'
cx survey list --format tsv >list
grep '^qualtrics' list | cut -f6,7 >got
printf '2026-11-16T15:05:49Z\t2026-11-20T15:54:38Z\n' >want
same want got
EOF

t '--complete COL=VALUE: only rows with that value (any case) are complete' <<'EOF'
cat >status.csv <<'X'
id,email,score,state,date
1,a@example.com,9,done,2026-11-02
2,b@example.com,3,draft,2026-11-02
3,c@example.com,10,DONE,2026-11-03
4,d@example.com,0,,2026-11-03
X
cx --format tsv survey import status.csv --nps score --complete state=done >out
test "$(pick out rows added incomplete)" = '4|2|2'
cx survey responses --survey status --format tsv >resp
test "$(pick resp key | sort | tr '\n' ' ')" = '1 3 '
cx survey responses --survey status --incomplete --format tsv >resp
test "$(pick resp key complete | sort | tr '\n' ' ')" = '1|1 2|0 3|1 4|0 '
cx --format tsv survey report --survey status >rep
test "$(pick rep responses promoters detractors)" = '2|2|0'
EOF

t '--sep overrides the detected separator' <<'EOF'
printf 'score;comment,with comma;date\n9;ok, fine;2026-11-02\n' >semi.csv
cx --format tsv survey import semi.csv --sep ';' --nps score --comment 2 >out
test "$(pick out rows added)" = '1|1'
cx survey responses --survey semi --format tsv >resp
test "$(pick resp nps comment)" = '9|ok, fine'
EOF

# ---- idempotency -----------------------------------------------------------------

t 'importing the same file twice adds nothing the second time' <<'EOF'
cx survey import "$S/typeform-basic.csv" >first
has first 'imported 10 new, 0 already present, 2 incomplete'
snapshot before
cx survey import "$S/typeform-basic.csv" >second
has second 'imported 0 new, 10 already present, 2 incomplete'
snapshot after
same before after
EOF

t 'a file without response ids is idempotent too, and identical rows are separate responses' <<'EOF'
cx survey import "$S/generic-basic.csv" $GENERIC -q >first
has first 'imported 10 new, 0 already present'
snapshot before
cx survey import "$S/generic-basic.csv" $GENERIC -q >second
has second 'imported 0 new, 10 already present'
snapshot after
same before after
# two people answering the same on the same day are two responses
printf 'score,date\n9,2026-11-02\n9,2026-11-02\n3,2026-11-02\n' >twins.csv
cx --format tsv survey import twins.csv --nps score >out
test "$(pick out rows added present)" = '3|3|0'
cx --format tsv survey import twins.csv --nps score >out
test "$(pick out rows added present)" = '3|0|3'
cx --format tsv survey report --survey twins >rep
test "$(pick rep responses promoters detractors)" = '3|2|1'
EOF

t 'overlap-1 then overlap-2: the repeated responses are skipped (overlap-2.expect)' <<'EOF'
E="$S/overlap-2.expect"
cx --format tsv survey import "$S/overlap-1.csv" --name overlap >one
test "$(pick one added)" = 8
cx --format tsv survey import "$S/overlap-2.csv" --name overlap >two
test "$(pick two rows added present completed)" = "$(expect "$E" rows)|$(expect "$E" added)|$(expect "$E" skipped)|0"
cx --format tsv survey report --survey overlap >rep
test "$(pick rep responses nps_n promoters passives detractors)" = "$(expect "$E" combined_rows)|$(expect "$E" combined_nps_n)|$(expect "$E" combined_promoters)|$(expect "$E" combined_passives)|$(expect "$E" combined_detractors)"
close "$(expect "$E" combined_nps)" "$(pick rep nps)"
close "$(expect "$E" combined_nps_moe)" "$(pick rep nps_moe)"
cx survey responses --survey overlap --format tsv >resp
test "$(pick resp comment | grep -c .)" = "$(expect "$E" combined_comments)"
test "$(pick resp email | grep -c .)" = "$(expect "$E" combined_emails)"
test "$(pick resp at | sort | head -n 1)" = "$(expect "$E" combined_first_at)"
test "$(pick resp at | sort | tail -n 1)" = "$(expect "$E" combined_last_at)"
EOF

t 'a partial response complete in a later export counts as completed, not new' <<'EOF'
H='#,How likely are you to recommend us to a friend?,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID'
{
	echo "$H"
	echo 'p1,9,completed,2026-11-01 10:00:00,,2026-11-01 10:05:00,n1'
	echo 'p2,,partial,2026-11-01 11:00:00,2026-11-01 11:01:00,,n2'
} >week1.csv
{
	echo "$H"
	echo 'p1,9,completed,2026-11-01 10:00:00,,2026-11-01 10:05:00,n1'
	echo 'p2,4,completed,2026-11-01 11:00:00,,2026-11-02 09:00:00,n2'
	echo 'p3,10,completed,2026-11-03 11:00:00,,2026-11-03 12:00:00,n3'
} >week2.csv
cx --format tsv survey import week1.csv --name partial >one
test "$(pick one tool rows added present incomplete)" = 'typeform|2|1|0|1'
cx survey import week2.csv --name partial >two
has two 'imported 1 new, 1 already present, 0 incomplete; 0 linked to customers, 1 completed since last time'
cx survey responses --survey partial --incomplete --format tsv >resp
pick resp key nps complete at >got
printf '%s\n' 'p3|10|1|2026-11-03T12:00:00Z' 'p2|4|1|2026-11-02T09:00:00Z' 'p1|9|1|2026-11-01T10:05:00Z' >want
same want got
cx --format tsv survey import week2.csv --name partial >three
test "$(pick three added completed present)" = '0|0|3'
EOF

t 'a partial response with more answers in a later export replaces the stored one (updated); fewer, or a complete one, never' <<'EOF'
H='#,How likely are you to recommend us to a friend?,How satisfied are you?,What is the main reason for your score?,Which store?,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID'
{
	echo "$H"
	echo 'q1,,,,,partial,2026-11-01 10:00:00,2026-11-01 10:01:00,,n1'
	echo 'q2,8,,,,partial,2026-11-01 11:00:00,2026-11-01 11:01:00,,n2'
	echo 'q3,9,5,Quick,North,completed,2026-11-01 12:00:00,,2026-11-01 12:05:00,n3'
} >mon.csv
{
	echo "$H"
	echo 'q1,6,,,North,partial,2026-11-01 10:00:00,2026-11-01 10:03:00,,n1'
	echo 'q2,,,,,partial,2026-11-01 11:00:00,2026-11-01 11:01:00,,n2'
	echo 'q3,,,,,partial,2026-11-01 12:00:00,2026-11-01 12:01:00,,n3'
} >tue.csv
cx --format tsv survey import mon.csv --name progress >one
test "$(pick one rows added incomplete updated)" = '3|1|2|0'
cx survey import tue.csv --name progress >two
has two ', 1 partial response updated with more answers'
cx --format tsv survey import tue.csv --name progress >again
test "$(pick again added completed updated present)" = '0|0|0|0'
cx survey responses --survey progress --incomplete --format tsv >resp
pick resp key nps csat complete comment >got
# q1 took the later answers (two now, none before); q2 kept its score (the later row has fewer);
# q3, complete, is never replaced by a partial row
printf '%s\n' 'q3|9|5|1|Quick' 'q2|8||0|' 'q1|6||0|' >want
same want got
test "$(dbq "SELECT answers FROM responses WHERE key = 'q1'")" = "$(dbq "SELECT answers FROM responses WHERE key = 'q3'")"
# and completed later, it counts as completed
{
	echo "$H"
	echo 'q1,7,4,Fine,North,completed,2026-11-01 10:00:00,,2026-11-02 09:00:00,n1'
} >wed.csv
cx --format tsv survey import wed.csv --name progress >three
test "$(pick three added completed updated)" = '0|1|0'
EOF

t 'keys that come back within one file, across its 128-row statements: counts and stored rows as a row-by-row model says (Python)' <<'EOF'
command -v python3 >/dev/null || { echo "# python3 is not installed"; exit 0; }
# 700 rows over 260 keys: partial rows and complete ones in any order, the
# same key within one statement and across statements; the model below
# applies the documented rules one row at a time
python3 - <<'PY'
import csv, random
rnd = random.Random(1010)
H = ["#", "How likely are you to recommend us to a friend?", "How satisfied are you?",
     "What is the main reason for your score?", "Which store?", "Response Type",
     "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID"]
stored, c = {}, dict(rows=0, added=0, incomplete=0, completed=0, updated=0, present=0)
with open("churn.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(H)
    for i in range(700):
        key = "k%03d" % rnd.randrange(260)
        done = rnd.random() < 0.6
        nps = str(rnd.randrange(11)) if done or rnd.random() < 0.5 else ""
        csat = str(rnd.randint(1, 5)) if rnd.random() < 0.5 else ""
        why = rnd.choice(["", "Quick, friendly", "Slow \"delivery\""])
        store = rnd.choice(["", "North", "South"])
        given = sum(1 for v in (nps, csat, why, store) if v)
        day = "2026-10-%02d %02d:%02d:00" % (1 + i % 28, i % 24, i % 60)
        w.writerow([key, nps, csat, why, store, "completed" if done else "partial", day,
                    "" if done else day, day if done else "", "n%d" % i])
        c["rows"] += 1
        c["incomplete"] += not done
        if key not in stored:
            stored[key] = (done, given, nps)
            c["added"] += done
        elif not done:
            if not stored[key][0] and given > stored[key][1]:
                stored[key] = (False, given, nps)
                c["updated"] += 1
        elif not stored[key][0]:
            stored[key] = (True, given, nps)
            c["completed"] += 1
        else:
            c["present"] += 1
with open("counts", "w") as f:
    f.write("%(rows)d|%(added)d|%(incomplete)d|%(completed)d|%(updated)d|%(present)d\n" % c)
with open("stored", "w") as f:
    for k in sorted(stored):
        f.write("%s|%s|%d\n" % (k, stored[k][2], stored[k][0]))
PY
cx --format tsv survey import churn.csv --name churn >out
pick out rows added incomplete completed updated present >got
same counts got
cx survey responses --survey churn --incomplete --format tsv --limit 1000 >resp
pick resp key nps complete | sort >got
same stored got
EOF

t_file 'a row the insert leaves out for another reason than its key stops the import (70), the database as it was' <<'EOF'
printf 'id,score,date\nr1,9,2026-11-02\nr2,3,2026-11-02\nr3,10,2026-11-02\n' >skip.csv
# a trigger that drops one row without a word: what the check after each insert is for
dbq "CREATE TRIGGER drop_r2 BEFORE INSERT ON responses WHEN NEW.key = 'r2' BEGIN SELECT RAISE(IGNORE); END"
snapshot before
fails 70 cx survey import skip.csv --nps score --id id --at date
has err 'skip.csv: 1 of the responses near line 3 were neither stored nor there before'
snapshot after
same before after
dbq "DROP TRIGGER drop_r2"
EOF

# ---- atomicity ---------------------------------------------------------------------

t 'good.csv then broken.csv: the good file is stored, none of the broken one (65)' <<'EOF'
cp "$S/generic-basic.csv" good.csv
cat >broken.csv <<'X'
email,score,comment,date
x1@example.com,9,first row is fine,2026-11-20
x2@example.com,7,so is the second,2026-11-21
x3@example.com,12,but not this one,2026-11-22
X
fails 65 cx survey import good.csv broken.csv $GENERIC >out
one_error broken.csv 4
has out 'imported 10 new'
cx survey responses --survey good --format tsv >resp
lines resp 11
fails 1 cx survey show broken
cx survey responses --format tsv >all
hasnt all x1@example.com
EOF

t 'a failing file leaves no survey behind' <<'EOF'
fails 65 cx survey import "$S/broken-wrong-field-count.csv" $GENERIC --name never-made
fails 1 cx survey show never-made
has err 'no survey "never-made"'
EOF

# ---- dry run, standard input, names, JSON ---------------------------------------------

t '--dry-run stores nothing and reports what it would have done' <<'EOF'
snapshot before
cx survey import "$S/surveymonkey-basic.csv" --dry-run --create-customers --follow-up --name dry >out
has out 'surveymonkey export (UTF-8) into survey "dry"'
has out 'would import 12 new, 0 already present, 0 incomplete'
cx --format tsv survey import "$S/surveymonkey-basic.csv" -n --name dry >out.tsv
test "$(pick out.tsv rows added dry_run)" = '12|12|1'
snapshot after
same before after
fails 1 cx survey show dry
EOF

t 'standard input: "-" with --name; errors name "standard input"' <<'EOF'
cx survey import - --name from-stdin $GENERIC <"$S/generic-basic.csv" >out
has out 'standard input: generic export (UTF-8) into survey "from-stdin"'
has out 'imported 10 new'
cx --format tsv survey import - --name from-stdin $GENERIC <"$S/generic-basic.csv" >out.tsv
test "$(pick out.tsv file survey added present)" = '-|from-stdin|0|10'
# without --name the survey is named after the tool
cx survey import - <"$S/delighted-basic.csv" >out
has out 'into survey "delighted"'
fails 65 cx survey import - --name x $GENERIC <"$S/broken-unterminated-quote.csv"
one_error 'standard input' 3
EOF

t 'the survey is named after the file by default, and names ignore case' <<'EOF'
mkdir q3
cp "$S/generic-basic.csv" q3/nps-q3.export.csv
cp "$S/generic-basic.csv" q3/nps-q4.csv
cx --format tsv survey import q3/nps-q4.csv q3/nps-q3.export.csv $GENERIC >out
test "$(pick out survey added)" = "$(printf 'nps-q4|10\nnps-q3.export|10')"
cx --format tsv survey import q3/nps-q4.csv --name NPS-Q4 $GENERIC >out
test "$(pick out survey added present)" = 'NPS-Q4|0|10'
cx survey list --format tsv >list
grep -ic '^nps-q4' list | grep -qx 1
EOF

t '--format json: one object per file with the documented fields' <<'EOF'
cx --format json survey import "$S/alchemer-basic.csv" "$S/jotform-basic.csv" >out.json
sqlite3 :memory: "select key from json_each(json_extract(cast(readfile('out.json') as text), '\$[0]'))" >keys
printf '%s\n' file survey tool encoding rows added completed present incomplete linked created followups dry_run columns updated why rules tagged requests >want
same want keys
sqlite3 :memory: "select json_array_length(cast(readfile('out.json') as text))" >n
echo 2 >want
same want n
sqlite3 -separator '|' :memory: "select j.value->>'survey', j.value->>'tool', j.value->>'rows', j.value->>'added', j.value->>'incomplete', j.value->>'dry_run' from json_each(cast(readfile('out.json') as text)) j" >got
printf '%s\n' 'alchemer-basic|alchemer|13|10|3|0' 'jotform-basic|jotform|10|10|0|0' >want
same want got
sqlite3 :memory: "select json_extract(cast(readfile('out.json') as text), '\$[0].columns')" >cols
has cols 'nps='
has cols 'id=1 "Response ID"'
EOF

# ---- linking to customers -------------------------------------------------------------------

t 'linking: an email in any case links the response to its customer' <<'EOF'
export CX_DB="$LINK_DB"
cx customer add "Mia K" --email MIA.K@EXAMPLE.COM >/dev/null
cx customer add "Tomasz Nowak" --email tomasz.nowak@example.pl >/dev/null
cx --format tsv survey import "$S/typeform-basic.csv" --name yoga >out
test "$(pick out linked created)" = '2|0'
cx survey responses --survey yoga --format tsv >resp
awk -F '\t' 'NR > 1 && $4 != "" { print $4 "|" $5 "|" $6 }' resp | sort >got
printf '%s\n' '1|Mia K|mia.k@example.com' '2|Tomasz Nowak|Tomasz.Nowak@example.pl' >want
same want got
cx survey responses --customer 'Mia K' --format tsv >mine
test "$(pick mine customer_id nps comment)" = '1|10|Teachers remember my name, and the studio is spotless.'
EOF

t 'linking: --create-customers adds unknown respondents, named from the file' <<'EOF'
export CX_DB="$LINK_DB"
cx --format tsv survey import "$S/surveymonkey-basic.csv" --name monkey --create-customers >out
# six rows carry an address, none of them known yet
test "$(pick out linked created)" = '6|6'
cx customer list --format tsv >list
pick list name email | sort >got
has got 'Marie Dubois|Marie.Dubois@example.fr'
lines got 8
cx survey responses --survey monkey --format tsv >resp
test "$(awk -F '\t' 'NR > 1 && $6 != "" && $4 == ""' resp | wc -l)" = 0
# again: nobody new, nothing changes
snapshot before
cx --format tsv survey import "$S/surveymonkey-basic.csv" --name monkey --create-customers >out
test "$(pick out added present linked created)" = '0|12|6|0'
snapshot after
same before after
EOF

t 'linking: a customer added later is linked when the export comes again' <<'EOF'
export CX_DB="$LINK_DB"
cx customer add "Kenji Ito" --email Kenji.Ito@example.jp >/dev/null
cx --format tsv survey import "$S/typeform-basic.csv" --name yoga >out
test "$(pick out added present linked)" = '0|10|3'
cx survey responses --customer Kenji.Ito@example.jp --format tsv >mine
test "$(pick mine survey nps)" = 'yoga|10'
EOF

t 'linking: the email of a merged customer links to the one that remains' <<'EOF'
export CX_DB="$LINK_DB"
cx customer add "Old Ada" --email ada@example.com >/dev/null
cx customer add "Ada Lovelace" --email ada.l@example.com >/dev/null
cx customer merge ada@example.com ada.l@example.com >/dev/null
cx --format tsv survey import "$S/overlap-1.csv" >out
test "$(pick out linked created)" = '1|0'
cx survey responses --customer ada.l@example.com --format tsv >mine
test "$(pick mine respondent email nps)" = 'Ada Lovelace|ada@example.com|10'
EOF

# ---- follow-up ------------------------------------------------------------------------------

# Each score on both sides of its threshold: NPS 6/7, CSAT 2/3, CES 3/4.
cat >"$T/unhappy.csv" <<'X'
email,name,nps,csat,ces,comment,date
n6@example.com,Nina Six,6,,,Too slow at the counter,2026-11-10
n7@example.com,Nick Seven,7,,,Fine,2026-11-10
c2@example.com,Cara Two,,2,,Rude staff,2026-11-11
c3@example.com,Carl Three,,3,,Meh,2026-11-11
e3@example.com,Ed Three,,,3,Hard to book,2026-11-12
e4@example.com,Emma Four,,,4,OK,2026-11-12
n1@example.com,Nora One,1,,,Never again,2026-11-13
stranger@example.com,Sam Stranger,0,,,Awful,2026-11-13
,,2,,,No email given,2026-11-14
X

t 'follow-up: one case per unhappy linked response; strangers reported on stderr' <<'EOF'
export CX_DB="$FOLLOW_DB"
for p in N6 N7 C2 C3 E3 E4 N1; do
	cx customer add "Customer $p" --email "$p@EXAMPLE.COM" >/dev/null
done
cx --format tsv survey import "$T/unhappy.csv" --name shop >out
test "$(pick out rows added linked followups)" = '9|9|7|0'
cx survey follow-up >out 2>err
has out 'Opened 4 follow-up cases'
lines err 1
has err 'cx: 2 unhappy responses have no customer to follow up (import with --create-customers)'
cx case list --format tsv >cases
pick cases customer priority title | sort >got
cat >want <<'X2'
Customer C2|normal|Survey follow-up: CSAT 2 in shop
Customer E3|normal|Survey follow-up: CES 3 in shop
Customer N1|high|Survey follow-up: NPS 1 in shop
Customer N6|normal|Survey follow-up: NPS 6 in shop
X2
same want got
EOF

t 'follow-up: each case is tagged survey, its first note holds the comment, the response names it' <<'EOF'
export CX_DB="$FOLLOW_DB"
cx survey responses --survey shop --format tsv >resp
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $c["case_id"] != "" { print $c["email"] "|" $c["case_id"] }' resp | sort >got
lines got 4
cut -d '|' -f1 got >emails
printf '%s\n' c2@example.com e3@example.com n1@example.com n6@example.com >want
same want emails
n6=$(grep '^n6@' got | cut -d '|' -f2)
cx case show "$n6" --format tsv >case
test "$(pick case tags status stage)" = 'survey|new|recommendation'
cx note list "$n6" --format tsv >notes
pick notes body | head -n 1 >first
has first 'Answered survey "shop" on 2026-11-10: NPS 6.'
has first 'Comment: Too slow at the counter'
EOF

t 'follow-up: running it again opens nothing' <<'EOF'
export CX_DB="$FOLLOW_DB"
snapshot before
cx survey follow-up >out 2>err
has out 'Opened 0 follow-up cases'
has err '2 unhappy responses have no customer'
snapshot after
same before after
cx --format json survey follow-up >out.json 2>/dev/null
has out.json '"followups"'
EOF

t 'follow-up: cx case brief shows the customer'"'"'s scores' <<'EOF'
export CX_DB="$FOLLOW_DB"
id=$(cx survey responses --customer n1@example.com --format tsv | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "case_id") c = i; next } { print $c }')
test -n "$id"
cx case brief "$id" >brief
has brief 'Survey scores (latest first)'
has brief 'Never again'
cx case brief "$id" --format tsv >brief.tsv
grep -F "$(printf '2026-11-13T00:00:00Z\tshop\t1\t\t\t%s\tNever again' "$id")" brief.tsv
EOF

t 'follow-up on import: --follow-up opens the cases and reports strangers; --create-customers reaches them' <<'EOF'
export CX_DB="$FOLLOW_DB"
cat >more.csv <<'X'
email,name,nps,comment,date
n7@example.com,Nick Seven,2,Worse this time,2026-11-20
late@example.com,Lee Late,3,Slow again,2026-11-21
X
cx survey import more.csv --follow-up >out 2>err
has out '1 follow-up cases opened'
lines err 1
has err 'cx: more.csv: 1 unhappy responses have no customer to follow up'
cx survey import more.csv --follow-up --create-customers >out 2>err
has out '1 customers added, 1 follow-up cases opened'
test ! -s err
cx survey follow-up --survey more >out 2>err
has out 'Opened 0'
cx customer show late@example.com --format tsv >late
test "$(pick late name open_cases)" = 'Lee Late|1'
EOF

t 'follow-up: --survey and --since narrow it; an unknown survey is an error (1)' <<'EOF'
export CX_DB="$FOLLOW_DB"
printf 'email,nps,date\nn6@example.com,0,2026-11-01\nn6@example.com,5,2026-11-25\n' >again.csv
cx survey import again.csv >/dev/null
cx survey follow-up --survey shop >out 2>/dev/null
has out 'Opened 0'
cx survey follow-up --survey again --since 2026-11-20 >out
has out 'Opened 1 follow-up case'
cx survey follow-up --survey again >out
has out 'Opened 1 follow-up case'
fails 1 cx survey follow-up --survey nosuch
has err 'no survey "nosuch"'
EOF

# ---- reports -------------------------------------------------------------------------------

t 'report: a row per survey; --survey picks one, in any case; an unknown survey is 1' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey import "$S/typeform-basic.csv" "$S/delighted-basic.csv" -q >/dev/null
cx survey report --format tsv >rep
pick rep survey period responses promoters passives detractors >got
printf '%s\n' 'typeform-basic|all|10|5|2|2' 'delighted-basic|all|12|6|2|4' >want
same want got
close 33.33 "$(grep '^typeform' rep | cut -f5)"
cx survey report --survey DELIGHTED-basic --format tsv >one
test "$(pick one survey responses)" = 'delighted-basic|12'
close 16.67 "$(pick one nps)"
close "$(expect "$S/delighted-basic.expect" nps_moe)" "$(pick one nps_moe)"
fails 1 cx survey report --survey nosuch
lines err 1
has err 'cx: no survey "nosuch" (see cx survey list)'
fails 2 cx survey report --by fortnight
has err '--by: "fortnight"'
EOF

t 'report: JSON field names' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey report --survey typeform-basic --format json >out.json
for k in survey period responses nps nps_lo nps_hi nps_moe nps_small_sample promoters passives detractors csat csat_lo csat_hi \
	csat_mean csat_n csat_small_sample ces_mean ces_moe ces_lo ces_hi ces_agree ces_n ces_small_sample small_sample; do
	test "$(sqlite3 :memory: "select json_type(cast(readfile('out.json') as text), '\$[0].$k') is not null")" = 1 || {
		echo "# no field $k"
		exit 1
	}
done
sqlite3 -separator '|' :memory: "select j->>'survey', j->>'period', j->>'responses', round(j->>'nps', 2), round(j->>'nps_moe', 2), round(j->>'csat', 2), round(j->>'csat_mean', 2), j->>'csat_n', round(j->>'ces_mean', 2), round(j->>'ces_agree', 2), j->>'ces_n' from (select cast(readfile('out.json') as text) ->> '\$[0]' as j)" >got
echo 'typeform-basic|all|10|33.33|45.47|70.0|4.0|10|5.2|70.0|10' >want
same want got
EOF

t 'report: thin figures named under the table, flagged per score in the machine formats' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey report --survey typeform-basic >table
has table 'Thin figures: fewer than 30 answers'
has table '  typeform-basic: NPS on 9 answers, CSAT on 10 answers, CES on 10 answers'
cx survey report --survey typeform-basic --format tsv >tsv
hasnt tsv 'fewer than 30'
test "$(pick tsv small_sample nps_small_sample csat_small_sample ces_small_sample)" = '1|1|1|1'
EOF

# Seven responses around New Year and a quarter's end (TZ=UTC):
# Mon 2025-12-29 10, Wed 12-31 0, Thu 2026-01-01 9, Sun 01-04 7 | Mon 01-05 3 | Tue 03-31 10, Wed 04-01 8
cat >"$T/periods.csv" <<'X'
id,date,nps
1,2025-12-29 09:00,10
2,2025-12-31 23:59,0
3,2026-01-01 00:00,9
4,2026-01-04 12:00,7
5,2026-01-05 08:00,3
6,2026-03-31 10:00,10
7,2026-04-01 10:00,8
X

t 'report --by week|month|quarter|year|day: period labels and counts' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey import "$T/periods.csv" >/dev/null
for by in day week month quarter year; do
	cx survey report --survey periods --by $by --format tsv >$by.tsv
	pick $by.tsv period responses promoters passives detractors nps >$by
done
cat >want <<'X'
2025-12-29|1|1|0|0|100
2025-12-31|1|0|0|1|-100
2026-01-01|1|1|0|0|100
2026-01-04|1|0|1|0|0
2026-01-05|1|0|0|1|-100
2026-03-31|1|1|0|0|100
2026-04-01|1|0|1|0|0
X
same want day
# weeks are named by their Monday; one runs across New Year
printf '%s\n' '2025-12-29|4|2|1|1|25' '2026-01-05|1|0|0|1|-100' '2026-03-30|2|1|1|0|50' >want
same want week
printf '%s\n' '2025-12|2|1|0|1|0' '2026-01|3|1|1|1|0' '2026-03|1|1|0|0|100' '2026-04|1|0|1|0|0' >want
same want month
printf '%s\n' '2025-Q4|2|1|0|1|0' '2026-Q1|4|2|1|1|25' '2026-Q2|1|0|1|0|0' >want
same want quarter
printf '%s\n' '2025|2|1|0|1|0' '2026|5|2|2|1|20' >want
same want year
EOF

t 'report --since/--until: at or after since, before until' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey report --survey periods --since 2026-01-01 --until 2026-04-01T10:00:00Z --format tsv >rep
test "$(pick rep period responses promoters passives detractors nps)" = 'all|4|2|1|1|25'
cx survey report --survey periods --since 2026-01-01 --until 2026-04-01T10:00:01Z --by quarter --format tsv >rep
pick rep period responses >got
printf '%s\n' '2026-Q1|4' '2026-Q2|1' >want
same want got
cx survey report --survey periods --since 2027-01-01 --format tsv >rep
lines rep 1
EOF

t 'report --segment: a row per answer to the question, blank answers together' <<'EOF'
export CX_DB="$REPORT_DB"
cat >plans.csv <<'X'
How likely are you to recommend us to a friend?,Which plan are you on?,Submitted
10,Basic,2026-11-02
6,Basic,2026-11-02
9,Pro,2026-11-03
9,Pro,2026-11-03
8,Pro,2026-11-04
3,,2026-11-05
X
cx survey import plans.csv >/dev/null
cx survey report --survey plans --segment 'Which plan are you on?' --format tsv >rep
pick rep segment responses promoters passives detractors >got
printf '%s\n' '|1|0|0|1' 'Basic|2|1|0|1' 'Pro|3|2|1|0' >want
same want got
close 66.67 "$(grep 'Pro' rep | cut -f5)"
fails 1 cx survey report --survey plans --segment 'Which plan?'
lines err 1
has err '--segment: no question "Which plan?" in survey plans'
EOF

t 'report --segment tag: a row per customer tag, a response under each of its customer'"'"'s tags' <<'EOF'
export CX_DB="$(db_named tags)"
cx customer add Ann --email ann@example.com --tag vip --tag wholesale >/dev/null
cx customer add Bob --email bob@example.com --tag vip >/dev/null
cx customer add Cat --email cat@example.com >/dev/null
printf 'Email,Submitted,NPS\nann@example.com,2026-11-02,10\nbob@example.com,2026-11-02,6\ncat@example.com,2026-11-03,9\nnew@example.com,2026-11-03,8\n' >t.csv
cx survey import t.csv --name tags --email Email --at Submitted --nps NPS >/dev/null
cx survey report --segment tag --format tsv >rep
# Cat has no tag and the stranger no customer: the row without a segment
pick rep segment responses promoters passives detractors nps >got
printf '%s\n' '|2|1|1|0|50' 'vip|2|1|0|1|0' 'wholesale|1|1|0|0|100' >want
same want got
EOF

# 30-day windows ending 2026-06-30: before = May (from 05-01), after = June (from 05-31).
# "sig": NPS 50 -> -50, CSAT 75% -> 25%, CES 5.5 -> 2.5 with 40 answers each side,
# plus one April answer outside both windows.
#   NPS  var = 100^2 (.75 + .25 - .5^2) / 40 = 187.5 a side; z = -100 / sqrt(375) = -5.16; p = 2.4e-7
#   CSAT pooled .5: se = 100 sqrt(.25 (2/40)) = 11.18; z = -4.47; p = 7.7e-6
#   CES  s^2 = 270/39 a side; se = sqrt(2 (270/39) / 40) = .588; Welch's t = -5.10 on 78 df; p = 2.33e-6
#   (40 answers a side: NPS and CSAT by their z tests; the CES by Welch's t)
# "flat": 10 answers a side; NPS 20 -> 0, CSAT 60% -> 50%, CES 4.2 -> 4.0
#   NPS  exact: 11 promoters, 9 detractors; the first period's share of them
#        decides its NPS, 20x - 100 for x promoters of 10, and no split
#        differs by less than the 20 points seen: p = 1
#   CSAT Fisher (an expected cell is 10 * 9 / 20 = 4.5): 6 of 10 and 5 of 10
#        are the two likeliest tables: p = 1
#   CES  s^2 = 16/15 and 10/9: se = sqrt(.10667 + .11111) = .4667; t = -.4286
#        on 17.98 df (Welch-Satterthwaite); p = .6733 (tests/data/stats/reference.py)
t 'report --compare 30d: a clearly significant change, and one that is not' <<'EOF'
export CX_DB="$REPORT_DB"
{
	echo 'id,date,nps,csat,ces'
	awk 'BEGIN {
		for (i = 1; i <= 30; i++) print "b" i ",2026-05-10 12:00,10,5,7"
		for (i = 31; i <= 40; i++) print "b" i ",2026-05-10 12:00,0,1,1"
		for (i = 1; i <= 10; i++) print "a" i ",2026-06-10 12:00,10,5,7"
		for (i = 11; i <= 40; i++) print "a" i ",2026-06-10 12:00,0,1,1"
		print "old,2026-04-01 12:00,0,1,1" }'
} >sig.csv
{
	echo 'id,date,nps,csat,ces'
	awk 'BEGIN {
		for (i = 1; i <= 6; i++) print "b" i ",2026-05-10 12:00,10,4,5"
		for (i = 7; i <= 10; i++) print "b" i ",2026-05-10 12:00,0,2,3"
		for (i = 1; i <= 5; i++) print "a" i ",2026-06-10 12:00,10,4,5"
		for (i = 6; i <= 10; i++) print "a" i ",2026-06-10 12:00,0,2,3" }'
} >flat.csv
cx survey import sig.csv flat.csv -q >/dev/null
cx --now 2026-06-30T00:00:00Z survey report --survey sig --compare 30d --format tsv >sig.tsv
section sig.tsv 1 >scores
test "$(pick scores responses)" = 81
section sig.tsv 2 >change
pick change survey metric before_from after_from before after change n_before n_after significant >got
cat >want <<'X'
sig|nps|2026-05-01T00:00:00Z|2026-05-31T00:00:00Z|50|-50|-100|40|40|1
sig|csat|2026-05-01T00:00:00Z|2026-05-31T00:00:00Z|75|25|-50|40|40|1
sig|ces_mean|2026-05-01T00:00:00Z|2026-05-31T00:00:00Z|5.5|2.5|-3|40|40|1
X
same want got
pick change p_value >p
close 2.4176e-7 "$(sed -n 1p p)" 1e-10
close 7.7442e-6 "$(sed -n 2p p)" 1e-9
close 2.3330e-6 "$(sed -n 3p p)" 1e-9
test "$(pick change method | tr '\n' ' ')" = 'z z welch '
cx --now 2026-06-30T00:00:00Z survey report --survey flat --compare 30d --format tsv >flat.tsv
section flat.tsv 2 >change
pick change metric before after n_before n_after significant >got
printf '%s\n' 'nps|20|0|10|10|0' 'csat|60|50|10|10|0' 'ces_mean|4.2|4|10|10|0' >want
same want got
pick change p_value >p
close 1 "$(sed -n 1p p)" 1e-9
close 1 "$(sed -n 2p p)" 1e-9
close 0.6733 "$(sed -n 3p p)" 0.0001
test "$(pick change method | tr '\n' ' ')" = 'exact fisher welch '
# the table says it in words; 81 responses need no small-sample note
cx --now 2026-06-30T00:00:00Z survey report --survey sig --compare 30d >table
has table 'Change from the period before'
grep -E '^sig +nps .* yes +z *$' table
hasnt table 'Thin figures'
fails 65 cx survey report --compare 0d
has err '--compare'
EOF

t 'report --compare: a period with too few answers is not tested: too few to tell, not "no"' <<'EOF'
export CX_DB="$REPORT_DB"
cx --now 2026-06-30T00:00:00Z survey report --survey periods --compare 30d --format tsv >rep
section rep 2 >change
lines change 1
cx --now 2026-04-15T00:00:00Z survey report --survey periods --compare 30d --format tsv >rep
section rep 2 >change
# 2026-03-16 .. 04-15: two answers after, none before
test "$(pick change metric n_before n_after p_value significant method reason)" = 'nps|0|2||||fewer than 2 answers before'
EOF

# ---- list, show, responses ----------------------------------------------------------------------

t 'survey list: each survey with its counts and scores' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey list --format tsv >list
pick list name tool responses incomplete first_at last_at | head -n 2 >got
cat >want <<'X'
typeform-basic|typeform|10|2|2026-11-21T08:01:44Z|2026-11-26T06:33:00Z
delighted-basic|delighted|12|0|2026-11-01T14:22:05Z|2026-11-13T13:31:31Z
X
same want got
close 70 "$(grep '^typeform' list | cut -f9)"
close 5.2 "$(grep '^typeform' list | cut -f10)"
cx survey list >table
has table 'typeform-basic'
EOF

t 'survey show: where it came from, its counts and its scores; unknown is 1' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey show Typeform-Basic --format tsv >show
section show 1 >survey
test "$(pick survey name tool stage responses incomplete with_comment unhappy followed_up)" = 'typeform-basic|typeform|recommendation|10|2|8|2|0'
has survey 'nps=2 "How likely are you to recommend Lumen Yoga Studio'
section show 2 >scores
test "$(pick scores survey responses promoters)" = 'typeform-basic|10|5'
cx survey show typeform-basic >table
has table 'Scores'
fails 1 cx survey show nosuch
has err 'no survey "nosuch"'
fails 2 cx survey show
EOF

t 'survey responses: newest first; --detractors, --passives, --promoters' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey responses --survey typeform-basic --format tsv >all
lines all 11
pick all at >at
sort -r at >sorted
same sorted at
cx survey responses --survey typeform-basic --promoters --format tsv >p
test "$(pick p nps | sort -u | tr '\n' ' ')" = '10 9 '
lines p 6
cx survey responses --survey typeform-basic --passives --format tsv >pa
test "$(pick pa nps | sort | tr '\n' ' ')" = '7 8 '
# unhappy on any score: NPS 4 (CSAT 2, CES 2) and NPS 6 (CES 3)
cx survey responses --survey typeform-basic --detractors --format tsv >d
test "$(pick d nps csat ces | sort | tr '\n' ' ')" = '4|2|2 6|3|3 '
fails 2 cx survey responses --promoters --detractors
has err 'choose one of --detractors, --passives, --promoters'
EOF

t 'survey responses: --detractors counts CSAT 1-2 and CES 1-3 too' <<'EOF'
export CX_DB="$FOLLOW_DB"
cx survey responses --survey shop --detractors --format tsv >d
pick d email | sort >got
printf '%s\n' '' c2@example.com e3@example.com n1@example.com n6@example.com stranger@example.com >want
same want got
EOF

t 'survey responses: --comments, --limit, --customer, --incomplete, --since/--until' <<'EOF'
export CX_DB="$REPORT_DB"
cx survey responses --survey typeform-basic --comments --format tsv >c
lines c 9
test "$(pick c comment | grep -c '^$')" = 0
cx survey responses --survey typeform-basic -n 3 --format tsv >l
pick l at >got
printf '%s\n' 2026-11-26T06:33:00Z 2026-11-25T21:12:48Z 2026-11-25T07:09:20Z >want
same want got
cx survey responses --survey typeform-basic --incomplete --format tsv >i
lines i 13
test "$(pick i complete | grep -c '^0$')" = 2
cx survey responses --survey typeform-basic --since 2026-11-25 --until 2026-11-26 --format tsv >s
lines s 3
cx customer add "Mia K" --email mia.k@example.com >/dev/null
cx survey import "$S/typeform-basic.csv" -q >/dev/null
cx survey responses --customer mia.k@example.com --format tsv >m
test "$(pick m survey nps respondent)" = 'typeform-basic|10|Mia K'
fails 1 cx survey responses --customer nobody@example.com
fails 1 cx survey responses --survey nosuch
fails 2 cx survey responses --limit 0
EOF

finish
