#!/bin/sh
# cx touch: logging touchpoints, refusing bad ones, listing them with filters
# and formats, importing them from another system's CSV (atomic, idempotent),
# and the journey rows that come from cases, public replies and surveys
# without being logged twice.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-10T12:00:00Z

tab() { tr '|' '\t'; }
# the logged touchpoints in the database, oldest first, the time in UTC in each engine's words
if on_pg; then
	when="to_char(to_timestamp(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
else
	when="datetime(at, 'unixepoch')"
fi
touchpoints() {
	dbq "SELECT id, customer_id, $when, channel, stage, emotion, effort, direction,
	        case_id, summary FROM touchpoints ORDER BY id"
}

t 'setup: three customers, a case for Ben on the phone at use, one for Dana without either' <<'EOF'
cx customer add "Dana Ruiz" --email dana@example.com >/dev/null
cx customer add "Ben Okafor" --email ben@example.com >/dev/null
cx customer add "Pat Lee" --email pat@example.com >/dev/null
cx case open ben@example.com --title "Grinder jammed" --channel phone --stage use --at 2026-03-01T09:00:00Z >out
echo 'Opened case 1 for Ben Okafor <ben@example.com>' >expect
same expect out
cx case open dana@example.com --title "Parcel late" --at 2026-03-02T09:00:00Z >/dev/null
EOF

# ---- touch log ---------------------------------------------------------------

t 'log with every long option' <<'EOF'
cx touch log dana@example.com --channel email --stage delivery --emotion frustrated --effort 3 \
	--at 2026-03-02T10:00:00Z --direction in --case 2 --message "Where is my parcel?" >out
echo 'Logged touchpoint 1: email at delivery' >expect
same expect out
touchpoints >out
echo '1|1|2026-03-02 10:00:00|email|delivery|-1|3|in|2|Where is my parcel?' >expect
same expect out
EOF

t 'log with the short options' <<'EOF'
cx touch log ben@example.com -c phone -s use -E -2 -f 1 -d out --at 2026-03-01T11:00:00Z --case 1 \
	-m "Called back about the jam" >out
echo 'Logged touchpoint 2: phone at use' >expect
same expect out
touchpoints | sed -n 2p >out
echo '2|2|2026-03-01 11:00:00|phone|use|-2|1|out|1|Called back about the jam' >expect
same expect out
EOF

t 'only channel and stage are needed: no emotion, effort, direction, case or summary; at is now' <<'EOF'
cx touch log pat@example.com --channel web --stage awareness >out
echo 'Logged touchpoint 3: web at awareness' >expect
same expect out
touchpoints | sed -n 3p >out
echo '3|3|2026-03-10 12:00:00|web|awareness|||||' >expect
same expect out
EOF

t 'the five emotion words, in any case, and the numbers with or without a sign' <<'EOF'
i=0
for pair in angry:-2 Frustrated:-1 NEUTRAL:0 pleased:1 delighted:2 -2:-2 -1:-1 0:0 1:1 +1:1 2:2 +2:2; do
	i=$((i + 1))
	word=${pair%%:*}
	cx touch log pat@example.com -c web -s consideration -E "$word" --at "2026-03-03T10:$(printf %02d $i):00Z" \
		-m "emotion $word" >/dev/null
	got=$(dbq "SELECT emotion FROM touchpoints WHERE summary = 'emotion $word'")
	[ "$got" = "${pair#*:}" ] || { echo "# $word: want ${pair#*:}, got $got"; exit 1; }
done
EOF

t 'effort 1 (very hard) to 7 (very easy) are all accepted' <<'EOF'
for n in 1 2 3 4 5 6 7; do
	cx touch log pat@example.com -c web -s decision -f $n --at "2026-03-04T10:0$n:00Z" -m "effort $n" >/dev/null
done
dbq "SELECT effort FROM touchpoints WHERE stage = 'decision' ORDER BY at" | paste -s -d , - >out
echo '1,2,3,4,5,6,7' >expect
same expect out
EOF

t 'the logged touchpoints are audited one by one' <<'EOF'
dbq "SELECT count(*) FROM events WHERE entity = 'touchpoint' AND action = 'create'" >out
dbq "SELECT count(*) FROM touchpoints" >expect
same expect out
EOF

t 'a stage or channel not in the database: 1, listing the valid ones, nothing stored' <<'EOF'
snapshot before
fails 1 cx touch log dana@example.com -c email -s shipping
echo 'cx: stage: "shipping" is not one of awareness, consideration, decision, purchase, delivery, packaging, use, recommendation, service' >expect
same expect err
fails 1 cx touch log dana@example.com -c fax -s delivery
echo 'cx: channel: "fax" is not one of phone, email, social, store, web, chat, packaging, product, other' >expect
same expect err
# names are exact: no case folding, no prefixes
fails 1 cx touch log dana@example.com -c Email -s delivery
has err 'channel: "Email" is not one of'
fails 1 cx touch log dana@example.com -c email -s deliv
has err 'stage: "deliv" is not one of'
snapshot after
same before after
EOF

t 'an emotion outside -2..+2 or an unknown word: a usage error (2) naming the option' <<'EOF'
snapshot before
for bad in 3 -3 +3 furious 1.5 "" " " 2x; do
	fails 2 cx touch log dana@example.com -c email -s delivery -E "$bad"
	echo "cx: --emotion: \"$bad\" is not -2..+2 or angry, frustrated, neutral, pleased, delighted" >expect
	head -n 1 err >first
	same expect first
done
snapshot after
same before after
EOF

t 'an effort outside 1..7: a usage error (2) naming the option' <<'EOF'
snapshot before
for bad in 0 8 -1 easy 3.5 ""; do
	fails 2 cx touch log dana@example.com -c email -s delivery -f "$bad"
	echo "cx: --effort: \"$bad\" is not a whole number from 1 to 7" >expect
	head -n 1 err >first
	same expect first
done
snapshot after
same before after
EOF

t 'a case of another customer: 65; a case that does not exist: 1; not a number: 2' <<'EOF'
snapshot before
fails 65 cx touch log dana@example.com -c phone -s use --case 1
echo 'cx: case: case 1 belongs to another customer' >expect
same expect err
fails 1 cx touch log dana@example.com -c phone -s use --case 99
echo 'cx: no case 99' >expect
same expect err
fails 2 cx touch log dana@example.com -c phone -s use --case one
has err '"one" is not a case number'
snapshot after
same before after
EOF

t 'other bad input: direction, unknown customer, missing channel or stage, a bad date' <<'EOF'
snapshot before
fails 2 cx touch log dana@example.com -c phone -s use -d sideways
has err 'cx: --direction: "sideways" is not one of in, out'
fails 1 cx touch log nobody@example.com -c phone -s use
has err 'no customer'
fails 2 cx touch log dana@example.com -s use
has err 'cx: a touchpoint needs --channel and --stage'
has err 'usage: cx touch log CUSTOMER --channel CHANNEL --stage STAGE'
fails 2 cx touch log dana@example.com -c phone
fails 2 cx touch log -c phone -s use
fails 2 cx touch log dana@example.com ben@example.com -c phone -s use
fails 2 cx touch log dana@example.com -c phone -s use --at "the day after"
snapshot after
same before after
EOF

t 'log reports as a record in the machine formats, and nothing with -q' <<'EOF'
cx --format tsv touch log ben@example.com -c store -s purchase -E pleased -f 6 --at 2026-02-20T15:00:00Z \
	-m "Bought the grinder in the shop" >out
tab >expect <<'X'
kind|id|message
touchpoint|23|Logged touchpoint 23: store at purchase
X
same expect out
cx -q touch log ben@example.com -c web -s awareness -E 1 --at 2026-02-10T08:00:00Z -m "Saw an advert" >out
lines out 0
EOF

# ---- touch list --------------------------------------------------------------

t 'list: newest first, every column in tsv' <<'EOF'
cx touch list --customer ben@example.com --format tsv >out
tab >expect <<'X'
kind|ref|at|customer_id|customer|stage|channel|emotion|effort|direction|case_id|summary
touch|2|2026-03-01T11:00:00Z|2|Ben Okafor|use|phone|-2|1|out|1|Called back about the jam
case|1|2026-03-01T09:00:00Z|2|Ben Okafor|use|phone|||in|1|Grinder jammed
touch|23|2026-02-20T15:00:00Z|2|Ben Okafor|purchase|store|1|6|||Bought the grinder in the shop
touch|24|2026-02-10T08:00:00Z|2|Ben Okafor|awareness|web|1||||Saw an advert
X
same expect out
EOF

t 'list: the table for people' <<'EOF'
cx touch list -C ben@example.com >out
cat >expect <<'X'
KIND   AT                CUSTOMER    STAGE      CHANNEL  EMOTION  EFFORT  CASE ID  SUMMARY
touch  2026-03-01 11:00  Ben Okafor  use        phone         -2       1        1  Called back about the jam
case   2026-03-01 09:00  Ben Okafor  use        phone                           1  Grinder jammed
touch  2026-02-20 15:00  Ben Okafor  purchase   store          1       6           Bought the grinder in the shop
touch  2026-02-10 08:00  Ben Okafor  awareness  web            1                   Saw an advert
X
same expect out
EOF

t 'list: by case, stage, channel and kind' <<'EOF'
cx touch list --case 1 --format tsv | cut -f1,2 >out
tab >expect <<'X'
kind|ref
touch|2
case|1
X
same expect out
cx touch list --case '#2' --format tsv | cut -f1,2 >out
tab >expect <<'X'
kind|ref
touch|1
case|2
X
same expect out
cx touch list --stage decision --format tsv | sed 1d | wc -l | tr -d ' ' >out
echo 7 >expect
same expect out
cx touch list -s use -c phone --format tsv | cut -f1,2 >out
tab >expect <<'X'
kind|ref
touch|2
case|1
X
same expect out
cx touch list --kind case --format tsv | cut -f1,2,7 >out
tab >expect <<'X'
kind|ref|channel
case|2|other
case|1|phone
X
same expect out
cx touch list -k touch -C dana@example.com --format tsv | cut -f1,2 >out
tab >expect <<'X'
kind|ref
touch|1
X
same expect out
EOF

t 'list: emotion strictly below or above, in words or numbers; unrated ones never match' <<'EOF'
cx touch list --below frustrated --format tsv | cut -f2,8 >out
tab >expect <<'X'
ref|emotion
9|-2
4|-2
2|-2
X
same expect out
cx touch list --above 1 --format tsv | cut -f2,8 >out
tab >expect <<'X'
ref|emotion
15|2
14|2
8|2
X
same expect out
cx touch list --below 1 --above -1 -C pat@example.com --format tsv | cut -f2,8 >out
tab >expect <<'X'
ref|emotion
11|0
6|0
X
same expect out
EOF

t 'list: since (at or after) and until (before), and the latest N' <<'EOF'
cx touch list --since 2026-03-02T09:00:00Z --until 2026-03-03T10:03:00Z --format tsv | cut -f1,2,3 >out
tab >expect <<'X'
kind|ref|at
touch|5|2026-03-03T10:02:00Z
touch|4|2026-03-03T10:01:00Z
touch|1|2026-03-02T10:00:00Z
case|2|2026-03-02T09:00:00Z
X
same expect out
cx touch list -n 2 --format tsv | cut -f1,2 >out
tab >expect <<'X'
kind|ref
touch|3
touch|22
X
same expect out
cx touch list --limit 1 --customer ben@example.com --format tsv | cut -f2 >out
printf 'ref\n2\n' >expect
same expect out
EOF

t 'list: csv, json and jsonl carry the same rows' <<'EOF'
cx touch list -C ben@example.com -k case --format csv >out
cat >expect <<'X'
kind,ref,at,customer_id,customer,stage,channel,emotion,effort,direction,case_id,summary
case,1,2026-03-01T09:00:00Z,2,Ben Okafor,use,phone,,,in,1,Grinder jammed
X
same expect out
cx touch list -C ben@example.com -k case --format jsonl >out
echo '{"kind":"case","ref":1,"at":"2026-03-01T09:00:00Z","customer_id":2,"customer":"Ben Okafor","stage":"use","channel":"phone","emotion":null,"effort":null,"direction":"in","case_id":1,"summary":"Grinder jammed"}' >expect
same expect out
cx touch list -C ben@example.com --format json >out
has out '"summary":"Saw an advert"'
head -c 1 out | grep -q '\['
EOF

t 'list: bad filters' <<'EOF'
fails 2 cx touch list --kind call
has err 'cx: --kind: "call" is not one of touch, case, reply, survey, feedback'
fails 2 cx touch list --below grumpy
has err 'cx: --below: "grumpy" is not -2..+2'
fails 2 cx touch list --above 5
has err 'cx: --above: "5"'
fails 1 cx touch list --stage nowhere
has err 'stage: "nowhere" is not one of awareness,'
fails 1 cx touch list --channel fax
has err 'channel: "fax" is not one of phone,'
fails 1 cx touch list --customer nobody@example.com
fails 1 cx touch list --case 42
fails 2 cx touch list --limit 0
fails 2 cx touch list extra
EOF

# ---- touch import ------------------------------------------------------------

# A CRM export: no header is a field name, so every field is mapped. Dates in
# three forms, emotion in words and numbers, quoted commas and quotes.
cat >"$T/crm.csv" <<'X'
Logged on,Client,Medium,Phase,Feeling,Ease,Way,Ticket,Notes
2026-02-15 08:15:00,dana@example.com,web,consideration,delighted,7,in,,Read the grinder guide
02/16/2026 14:30,ben@example.com,phone,use,-2,1,in,1,"Jammed again, very cross"
2026-02-17T16:45:00Z,Pat Lee,store,purchase,Neutral,4,out,,"Bought beans; asked about ""decaf"""
X
MAP="at=Logged on|customer=Client|channel=Medium|stage=Phase|emotion=Feeling|effort=Ease|direction=Way|case=Ticket|summary=Notes"
export MAP

# import FILE [ARGS...]: cx touch import FILE with every field of crm.csv mapped
import() {
	_f=$1
	shift
	_old=$IFS
	IFS='|'
	for _m in $MAP; do
		set -- "$@" --map "$_m"
	done
	IFS=$_old
	cx touch import "$_f" "$@"
}

t 'import: a --map for every field, three date forms, emotion words and numbers' <<'EOF'
import "$T/crm.csv" >out
echo "$T/crm.csv: imported 3 new touchpoints, 0 already present" | sed "s|^$T/||" >expect
sed "s|^$T/||" out >out2
same expect out2
touchpoints | tail -n 3 >out
cat >expect <<'X'
25|1|2026-02-15 08:15:00|web|consideration|2|7|in||Read the grinder guide
26|2|2026-02-16 14:30:00|phone|use|-2|1|in|1|Jammed again, very cross
27|3|2026-02-17 16:45:00|store|purchase|0|4|out||Bought beans; asked about "decaf"
X
same expect out
EOF

t 'import: a file is one audited change, not one per row' <<'EOF'
dbq "SELECT action, details FROM events WHERE entity = 'touchpoint' AND action = 'import'" >out
has out '"added":"3"'
lines out 1
EOF

t 'import: the same file again adds nothing and changes nothing' <<'EOF'
snapshot before
import "$T/crm.csv" | sed "s|^$T/||" >out
echo 'crm.csv: imported 0 new touchpoints, 3 already present' >expect
same expect out
snapshot after
same before after
EOF

t 'import: the same rows in another file with other columns are the same touchpoints' <<'EOF'
cat >again.csv <<'X'
customer,at,channel,stage,summary,extra
ben@example.com,2026-02-16T14:30:00Z,phone,use,"Jammed again, very cross",ignored
X
cx touch import again.csv >out
echo 'again.csv: imported 0 new touchpoints, 1 already present' >expect
same expect out
EOF

t 'import: --dry-run checks everything and stores nothing' <<'EOF'
cat >more.csv <<'X'
Logged on,Client,Medium,Phase,Feeling,Ease,Way,Ticket,Notes
2026-02-18 09:00:00,dana@example.com,email,purchase,pleased,6,in,,Ordered
2026-02-15 08:15:00,dana@example.com,web,consideration,delighted,7,in,,Read the grinder guide
X
snapshot before
import more.csv --dry-run >out
echo 'more.csv: would import 1 new touchpoints, 1 already present' >expect
same expect out
import more.csv -n >out
same expect out
snapshot after
same before after
import more.csv >out
echo 'more.csv: imported 1 new touchpoints, 1 already present' >expect
same expect out
EOF

# bad_row ROW MESSAGE: a file of two good rows and ROW at line 4 is refused
# with 65 and MESSAGE, and the database is left exactly as it was.
bad_row() {
	{
		echo 'Logged on,Client,Medium,Phase,Feeling,Ease,Way,Ticket,Notes'
		echo '2026-02-20 09:00:00,dana@example.com,email,use,1,5,in,,good one'
		echo '2026-02-20 10:00:00,ben@example.com,phone,use,0,4,in,1,good two'
		echo "$1"
	} >bad.csv
	snapshot before
	fails 65 import bad.csv
	echo "cx: bad.csv:4: $2" >expect
	same expect err
	snapshot after
	same before after
}

t 'import: a bad row at line 4 imports nothing: emotion, effort' <<'EOF'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,ecstatic,5,in,,x' \
	'column "emotion": emotion: "ecstatic" is not -2..+2 or angry, frustrated, neutral, pleased, delighted'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,3,5,in,,x' \
	'column "emotion": emotion: "3" is not -2..+2 or angry, frustrated, neutral, pleased, delighted'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,1,9,in,,x' \
	'column "effort": effort: "9" is not 1..7 (1 = very hard, 7 = very easy)'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,1,0,in,,x' \
	'column "effort": effort: "0" is not 1..7 (1 = very hard, 7 = very easy)'
EOF

t 'import: a bad row at line 4 imports nothing: stage, channel' <<'EOF'
bad_row '2026-02-20 11:00:00,pat@example.com,web,shipping,1,5,in,,x' \
	'column "stage": stage: "shipping" is not one of awareness, consideration, decision, purchase, delivery, packaging, use, recommendation, service'
bad_row '2026-02-20 11:00:00,pat@example.com,fax,use,1,5,in,,x' \
	'column "channel": channel: "fax" is not one of phone, email, social, store, web, chat, packaging, product, other'
bad_row '2026-02-20 11:00:00,pat@example.com,,use,1,5,in,,x' \
	'column "channel": empty (give --channel CHANNEL for rows without one)'
EOF

t 'import: a bad row at line 4 imports nothing: customer, date, direction, case, field count' <<'EOF'
bad_row '2026-02-20 11:00:00,zed@example.com,web,use,1,5,in,,x' \
	'column "customer": no customer with email zed@example.com'
bad_row 'last tuesday,pat@example.com,web,use,1,5,in,,x' \
	'column "at": "last tuesday" is not a date and time'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,1,5,up,,x' \
	'column "direction": "up" is not in or out'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,1,5,in,1,x' \
	'column "case": the case belongs to another customer'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,1,5,in,77,x' \
	'column "case": no case 77'
bad_row '2026-02-20 11:00:00,pat@example.com,web,use,1,5,in' \
	'7 fields where the header has 9'
EOF

t 'import: the header and the map are checked before any row' <<'EOF'
printf 'When,Who\n2026-02-20,dana@example.com\n' >h.csv
snapshot before
fails 65 cx touch import h.csv --map at=When --map customer=Who
echo 'cx: h.csv:1: no channel column (--map channel=COLUMN, or --channel CHANNEL for all rows)' >expect
same expect err
fails 65 cx touch import h.csv --map at=When --map customer=Who --channel web
echo 'cx: h.csv:1: no stage column (--map stage=COLUMN, or --stage STAGE for all rows)' >expect
same expect err
fails 65 cx touch import h.csv --map at=When --channel web --stage use
echo 'cx: h.csv:1: no customer column (name it: --map customer=COLUMN)' >expect
same expect err
fails 65 cx touch import h.csv --map customer=Who --channel web --stage use
echo 'cx: h.csv:1: no at column (name it: --map at=COLUMN)' >expect
same expect err
fails 65 cx touch import h.csv --map at=Date --map customer=Who --channel web --stage use
echo 'cx: h.csv:1: --map at=Date: no such column' >expect
same expect err
fails 65 cx touch import h.csv --map at=3 --map customer=Who --channel web --stage use
echo 'cx: h.csv:1: --map at=3: the file has 2 columns' >expect
same expect err
fails 2 cx touch import h.csv --map when=When
has err 'cx: --map: "when=When" is not FIELD=COLUMN with FIELD one of customer, at, channel, stage, emotion, effort, direction, case, summary'
fails 2 cx touch import h.csv --map at
fails 2 cx touch import h.csv --map at=
fails 2 cx touch import h.csv --date-order ydm
has err 'cx: --date-order: "ydm" is not one of mdy, dmy, ymd'
fails 2 cx touch import
: >empty.csv
fails 65 cx touch import empty.csv --channel web --stage use
echo 'cx: empty.csv:1: the file is empty' >expect
same expect err
fails 66 cx touch import missing.csv --channel web --stage use
has err 'missing.csv'
snapshot after
same before after
EOF

t 'import: columns by number, --channel and --stage for all rows, --date-order dmy' <<'EOF'
printf 'Date,Email,Said\n04/02/2026,dana@example.com,Liked the unboxing\n05/02/2026 18:05,pat@example.com,\n' >n.csv
cx touch import n.csv --map at=1 --map customer=2 --map summary=3 --channel packaging --stage packaging \
	--date-order dmy >out
echo 'n.csv: imported 2 new touchpoints, 0 already present' >expect
same expect out
# without the ids: the refused imports above may have taken some on a server
touchpoints | tail -n 2 | cut -d '|' -f 2- >out
cat >expect <<'X'
1|2026-02-04 00:00:00|packaging|packaging|||||Liked the unboxing
3|2026-02-05 18:05:00|packaging|packaging|||||
X
same expect out
EOF

t 'import: a column named like a field needs no --map; empty optional cells are fine; --tz' <<'EOF'
cat >plain.csv <<'X'
customer,at,channel,stage,emotion,effort,direction,case,summary
ben@example.com,2026-02-21 09:00:00,chat,use,,,,,
X
cx touch import plain.csv --tz Europe/Berlin >out
echo 'plain.csv: imported 1 new touchpoints, 0 already present' >expect
same expect out
touchpoints | tail -n 1 | cut -d '|' -f 2- >out
echo '2|2026-02-21 08:00:00|chat|use|||||' >expect
same expect out
EOF

t 'import: --encoding reads a file that is not UTF-8; without it the byte is named' <<'EOF'
printf 'customer,at,summary\nben@example.com,2026-02-25T12:00:00Z,Caf\351 visit\n' >enc.csv
snapshot before
fails 65 cx touch import enc.csv --channel store --stage use
echo 'cx: enc.csv:2: invalid UTF-8 byte 0xe9 (export the file as UTF-8, or give --encoding cp1252)' >expect
same expect err
fails 2 cx touch import enc.csv --channel store --stage use --encoding klingon
has err '--encoding: "klingon" is not an encoding'
snapshot after
same before after
cx touch import enc.csv --channel store --stage use --encoding cp1252 >/dev/null
cx touch list --since 2026-02-25T12:00:00Z --until 2026-02-25T12:00:01Z --format tsv | cut -f12 >out
printf 'summary\nCaf\303\251 visit\n' >expect
same expect out
EOF

t 'import: --create-customers adds unknown email addresses, only those' <<'EOF'
printf 'customer,at\nnew.one@example.org,2026-02-22\n' >c.csv
fails 65 cx touch import c.csv --channel web --stage awareness
has err 'c.csv:2: column "customer": no customer with email new.one@example.org'
cx touch import c.csv --channel web --stage awareness --create-customers >out
echo 'c.csv: imported 1 new touchpoints, 0 already present (customers added)' >expect
same expect out
cx customer list --format tsv | cut -f2,3 | grep new.one >out
printf 'new.one\tnew.one@example.org\n' >expect
same expect out
printf 'customer,at\nNot An Email,2026-02-22\n' >c2.csv
fails 65 cx touch import c2.csv --channel web --stage awareness --create-customers
has err 'c2.csv:2: column "customer": no customer'
EOF

t 'import: several files, each all or nothing' <<'EOF'
printf 'customer,at,summary\nben@example.com,2026-02-23,first file\n' >one.csv
printf 'customer,at,summary\nben@example.com,2026-02-24,second file\nzed@example.com,2026-02-24,nobody\n' >two.csv
fails 65 cx touch import one.csv two.csv --channel email --stage use
has err 'two.csv:3: column "customer"'
cx touch list -C ben@example.com --since 2026-02-23 --until 2026-02-25 --format tsv | cut -f12 >out
printf 'summary\nfirst file\n' >expect
same expect out
EOF

t 'import: the machine formats report the count' <<'EOF'
printf 'customer,at,summary\nben@example.com,2026-02-23,first file\n' >one.csv
cx --format tsv touch import one.csv --channel email --stage use >out
tab >expect <<'X'
kind|id|message
touchpoints|0|one.csv: imported 0 new touchpoints, 1 already present
X
same expect out
EOF

# ---- the journey rows that are not logged touchpoints ------------------------

t 'a case opened is a journey row: its channel and stage, or other and service' <<'EOF'
cx touch list --kind case --format tsv | cut -f1-3,5-12 >out
tab >expect <<'X'
kind|ref|at|customer|stage|channel|emotion|effort|direction|case_id|summary
case|2|2026-03-02T09:00:00Z|Dana Ruiz|service|other|||in|2|Parcel late
case|1|2026-03-01T09:00:00Z|Ben Okafor|use|phone|||in|1|Grinder jammed
X
same expect out
EOF

t 'a public note is a reply on the channel of its kind (else the case channel); internal notes are not' <<'EOF'
i=0
for k in call email chat visit social letter other; do
	i=$((i + 1))
	cx note add 1 --public --kind $k --at "2026-03-05T10:0$i:00Z" -m "reply by $k" >/dev/null
done
cx note add 1 --internal --kind call --at 2026-03-05T11:00:00Z -m "internal call" >/dev/null
cx note add 2 --public --kind letter --at 2026-03-05T12:00:00Z -m "letter on case 2" >/dev/null
cx touch list --kind reply --format tsv | cut -f1,5-12 >out
tab >expect <<'X'
kind|customer|stage|channel|emotion|effort|direction|case_id|summary
reply|Dana Ruiz|service|other|||out|2|letter on case 2
reply|Ben Okafor|use|phone|||out|1|reply by other
reply|Ben Okafor|use|phone|||out|1|reply by letter
reply|Ben Okafor|use|social|||out|1|reply by social
reply|Ben Okafor|use|store|||out|1|reply by visit
reply|Ben Okafor|use|chat|||out|1|reply by chat
reply|Ben Okafor|use|email|||out|1|reply by email
reply|Ben Okafor|use|phone|||out|1|reply by call
X
same expect out
EOF

t 'a survey response is a journey row: its stage, emotion from NPS (else CSAT), effort from CES' <<'EOF'
cat >s.csv <<'X'
Response ID,Email,Submitted,Status,NPS,CSAT,CES,Comment
p0,pat@example.com,2026-03-06 10:00:00,Completed,0,,,
p4,pat@example.com,2026-03-06 10:04:00,Completed,4,,,
p5,pat@example.com,2026-03-06 10:05:00,Completed,5,,,
p6,pat@example.com,2026-03-06 10:06:00,Completed,6,,,
p7,pat@example.com,2026-03-06 10:07:00,Completed,7,,,
p8,pat@example.com,2026-03-06 10:08:00,Completed,8,,,
p9,pat@example.com,2026-03-06 10:09:00,Completed,9,,,
p10,pat@example.com,2026-03-06 10:10:00,Completed,10,1,2,Great
c1,pat@example.com,2026-03-06 10:11:00,Completed,,1,,
c3,pat@example.com,2026-03-06 10:13:00,Completed,,3,6,
c5,pat@example.com,2026-03-06 10:15:00,Completed,,5,,
none,pat@example.com,2026-03-06 10:20:00,Completed,,,,Just a comment
part,pat@example.com,2026-03-06 10:30:00,Partial,10,,,
anon,stranger@example.com,2026-03-06 10:40:00,Completed,10,,,
X
cx survey import s.csv --name Spring --id 'Response ID' --email Email --at Submitted --nps NPS \
	--csat CSAT --ces CES --comment Comment --complete Status=Completed --stage decision >/dev/null
cx touch list --kind survey --format tsv | cut -f1,3,5-11 >out
tab >expect <<'X'
kind|at|customer|stage|channel|emotion|effort|direction|case_id
survey|2026-03-06T10:20:00Z|Pat Lee|decision|web|||in|
survey|2026-03-06T10:15:00Z|Pat Lee|decision|web|2||in|
survey|2026-03-06T10:13:00Z|Pat Lee|decision|web|0|6|in|
survey|2026-03-06T10:11:00Z|Pat Lee|decision|web|-2||in|
survey|2026-03-06T10:10:00Z|Pat Lee|decision|web|2|2|in|
survey|2026-03-06T10:09:00Z|Pat Lee|decision|web|1||in|
survey|2026-03-06T10:08:00Z|Pat Lee|decision|web|0||in|
survey|2026-03-06T10:07:00Z|Pat Lee|decision|web|0||in|
survey|2026-03-06T10:06:00Z|Pat Lee|decision|web|-1||in|
survey|2026-03-06T10:05:00Z|Pat Lee|decision|web|-1||in|
survey|2026-03-06T10:04:00Z|Pat Lee|decision|web|-2||in|
survey|2026-03-06T10:00:00Z|Pat Lee|decision|web|-2||in|
X
same expect out
cx touch list --kind survey --since 2026-03-06T10:09:00Z --until 2026-03-06T10:11:00Z --format tsv | cut -f12 >out
printf 'summary\nSpring: NPS 10, CSAT 1, CES 2 - Great\nSpring: NPS 9\n' >expect
same expect out
EOF

t 'a survey without --stage takes the survey.stage setting' <<'EOF'
printf 'Response ID,Email,Submitted,NPS\nd1,dana@example.com,2026-03-07 09:00:00,9\n' >d.csv
cx survey import d.csv --name Autumn --id 'Response ID' --email Email --at Submitted --nps NPS >/dev/null
cx touch list --kind survey -C dana@example.com --format tsv | cut -f6,7,8 >out
printf 'stage\tchannel\temotion\nrecommendation\tweb\t1\n' >expect
same expect out
EOF

t 'none of these rows was logged twice: each appears once, no touchpoint was added for them' <<'EOF'
dbq "SELECT count(*) FROM touchpoints" >out
echo 34 >expect
same expect out
cx touch list --format tsv | sed 1d | cut -f1 | sort | uniq -c | awk '{ print $2, $1 }' >out
cat >expect <<'X'
case 2
reply 8
survey 13
touch 34
X
same expect out
cx touch list --format tsv | sed 1d | cut -f1,2 | sort | uniq -d >out
lines out 0
EOF

t 'a merge shows in the journey at once: the rows follow the customer they now belong to' <<'EOF'
cx customer merge pat@example.com dana@example.com >/dev/null
cx touch list -C dana@example.com --format tsv | sed 1d | cut -f1 | sort | uniq -c | awk '{ print $2, $1 }' >out
cat >expect <<'X'
case 1
reply 1
survey 13
touch 26
X
same expect out
EOF

finish
