#!/bin/sh
# cx feedback: the inbox of public posts and reviews. Adding and importing
# (CSV with a column map, JSON Lines with nested paths, standard input),
# idempotency, bad input refused with one line and nothing stored; deadlines
# against a fixed clock and the most specific target; sentiment from the
# rating, by hand and as a marked guess; replies, escalation to a case,
# ignoring, linking; the report's figures worked out by hand in the comments;
# the list of sources.
. "$(dirname "$0")/lib.sh"

# Every clock in this script: Wednesday 2026-03-11 10:00 UTC.
NOW=2026-03-11T10:00:00Z
FX="$T/fx"
mkdir -p "$FX"

# Each story keeps its own database, so that ids and counts are its own.
use() {
	CX_DB=$(db_named "$1")
	export CX_DB
}

cxn() { cx --now "$NOW" "$@"; }

# pick FILE COLUMN...: the named columns of the first table of a TSV file (up
# to a blank line), header left out, joined with "|".
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

# ids [ARGS...]: the ids `cx feedback list ARGS` gives, in order, on one line.
ids() {
	cxn feedback list --format tsv "$@" >ids.out
	pick ids.out id | tr '\n' ' ' | sed 's/ $//'
}

# is WANT GOT: two strings must be equal.
is() {
	if [ "$1" != "$2" ]; then
		echo "# want [$1]" >&2
		echo "#  got [$2]" >&2
		return 1
	fi
}

# near WANT GOT: equal as numbers to 1e-6.
near() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b != "" && d < 1e-6) }' || {
		echo "# want $1, got $2" >&2
		return 1
	}
}

# refused STATUS MESSAGE CMD...: CMD exits with STATUS, says exactly
# "cx: MESSAGE" on one line (a usage line may follow a usage error), and
# leaves the database as it was.
refused() {
	_st=$1
	_msg=$2
	shift 2
	snapshot before.db
	fails "$_st" "$@"
	head -n 1 err >err.1
	echo "cx: $_msg" >err.want
	same err.want err.1
	if [ "$_st" = 2 ]; then
		lines err 2
		has err 'usage: cx '
	else
		lines err 1
	fi
	snapshot after.db
	same before.db after.db
}

# ---- adding by hand ------------------------------------------------------------

t 'setup: a database with two customers' <<'EOF'
use main
cx init >/dev/null
cx customer add "Dana Ruiz" --handle dana --email dana@example.com >/dev/null
cx customer add "Sam Okafor" --email sam@example.org >/dev/null
EOF

t 'add takes every option and show gives them back' <<'EOF'
use main
cxn feedback add --source google --author @dana --url https://maps.example/r/1 --at 2026-03-11T07:00:00Z \
	--rating 2 --id G-1 --customer @dana -m "Cold coffee, rude staff" >out
echo "Added feedback 1 from google" >expect
same expect out
cxn feedback show 1 --format tsv >show
pick show id source at age rating sentiment sentiment_by status deadline due_in overdue author customer_id case_id url text >actual
# 2 stars is negative; negative is due within 4h of 07:00, one hour from now.
echo '1|google|2026-03-11T07:00:00Z|10800|2|negative|rating|open|2026-03-11T11:00:00Z|3600|0|@dana|1||https://maps.example/r/1|Cold coffee, rude staff' >expect
same expect actual
# and no replies yet: the second section is a header alone
awk 'BEGIN { s = 1 } !NF { s++; next } s == 2' show >replies
printf 'at\tauthor\ttext\n' >expect
same expect replies
EOF

t 'add without --at is posted now; the same platform id again adds nothing' <<'EOF'
use main
cxn feedback add -s x -a "@dana" -m "Thanks, lovely barista today" >out
has out "Added feedback 2 from x"
cxn feedback show 2 --format tsv >show
pick show at age >actual
echo "$NOW|0" >expect
same expect actual
snapshot before.db
cxn feedback add --source google --id G-1 --rating 5 -m "Edited: all good now" >out
echo "Already there: nothing added" >expect
same expect out
snapshot after.db
same before.db after.db
EOF

t 'without a platform id, the same content is the same item; other content is not' <<'EOF'
use main
cxn feedback add -s facebook -a "Jo" --at 2026-03-10T09:00:00Z -m "Open on Sunday?" >out
has out "Added feedback 3 from facebook"
cxn feedback add -s facebook -a "Jo" --at 2026-03-10T09:00:00Z -m "Open on Sunday?" >out
echo "Already there: nothing added" >expect
same expect out
# another time, another text, another author: each a new item
cxn feedback add -s facebook -a "Jo" --at 2026-03-10T09:05:00Z -m "Open on Sunday?" | has - "feedback 4"
cxn feedback add -s facebook -a "Jo" --at 2026-03-10T09:00:00Z -m "Open on Monday?" | has - "feedback 5"
cxn feedback add -s facebook -a "Al" --at 2026-03-10T09:00:00Z -m "Open on Sunday?" | has - "feedback 6"
is "3 5 6 4 1 2" "$(ids)"
EOF

t 'add refuses bad input with one line and stores nothing' <<'EOF'
use main
refused 2 'feedback needs its --source' cxn feedback add -m "hello"
refused 1 'source: "myspace" is not one of google, facebook, instagram, x, yelp, trustpilot, tripadvisor, email, other' \
	cxn feedback add -s myspace -m "hello"
refused 2 '--rating: "6" is not a whole number from 1 to 5' cxn feedback add -s google -r 6 -m "hello"
refused 2 '--rating: "0" is not a whole number from 1 to 5' cxn feedback add -s google -r 0 -m "hello"
refused 2 '--rating: "4.5" is not a whole number from 1 to 5' cxn feedback add -s google -r 4.5 -m "hello"
refused 65 'text: an item needs its text or a rating' cxn feedback add -s google
refused 65 'text: an item needs its text or a rating' cxn feedback add -s google -m "  "
refused 2 '--at: "someday" is not a date (use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], now, today, yesterday, 3d, 2w, 6h or a weekday)' \
	cxn feedback add -s google -m "hello" --at someday
refused 1 'no customer "nobody" (try cx customer list --search nobody)' cxn feedback add -s google -m "hello" -C nobody
# a rating alone is enough
cxn feedback add -s google -r 4 --at 2026-03-09T10:00:00Z | has - "feedback 7"
EOF

# ---- sentiment ------------------------------------------------------------------

t 'sentiment from the rating: 1-2 negative, 3 neutral, 4-5 positive, whatever the text says' <<'EOF'
use sentiment
cx init >/dev/null
for r in 1 2 3 4 5; do
	cxn feedback add -s yelp -r $r --at 2026-03-0${r}T10:00:00Z -m "Great, lovely, perfect" >/dev/null
done
cxn feedback list --format tsv >list
pick list id rating sentiment sentiment_by >actual
printf '%s\n' '1|1|negative|rating' '2|2|negative|rating' '3|3|neutral|rating' '4|4|positive|rating' '5|5|positive|rating' >expect
same expect actual
EOF

t 'without a rating, a clear lean is a guess: "?" in the table, sentiment_by guess in TSV' <<'EOF'
use sentiment
cxn feedback add -s x --at 2026-03-10T10:00:00Z -m "Wouldn't recommend: cold food, rude staff" >/dev/null  # 6
cxn feedback add -s x --at 2026-03-10T11:00:00Z -m "Friendly staff and great coffee" >/dev/null        # 7
cxn feedback add -s x --at 2026-03-10T12:00:00Z -m "Is the shop open on Sunday?" >/dev/null           # 8
cxn feedback add -s x --at 2026-03-10T13:00:00Z -m "Great coffee but slow service" >/dev/null         # 9
cxn feedback list --format tsv --since 2026-03-10 >list
pick list id rating sentiment sentiment_by >actual
# 8 has no lean at all and 9 leans both ways: no guess for either
printf '%s\n' '6||negative|guess' '7||positive|guess' '8|||' '9|||' >expect
same expect actual
cxn feedback list --since 2026-03-10 >table
grep '^ *6 ' table | has - 'negative?'
grep '^ *7 ' table | has - 'positive?'
cxn feedback show 7 | has - 'Sentiment:    positive?'
cxn feedback show 7 --format json | has - '"sentiment":"positive","sentiment_by":"guess"'
# --sentiment takes the plain word and finds guesses with the rest
test "$(ids --sentiment positive)" = "4 5 7"
test "$(ids --sentiment unknown)" = "8 9"
EOF

t 'tag sets the sentiment by hand, over a guess and over a rating' <<'EOF'
use sentiment
cxn feedback tag 8 neutral | has - "Feedback 8 is neutral"
cxn feedback tag 6 positive >/dev/null
cxn feedback tag 5 negative >/dev/null
cxn feedback list --format tsv >list
pick list id sentiment sentiment_by | grep -E '^(5|6|8)\|' >actual
printf '%s\n' '5|negative|hand' '6|positive|hand' '8|neutral|hand' >expect
same expect actual
cxn feedback list | grep '^ *6 ' >row
hasnt row 'positive?'
refused 2 'SENTIMENT: "happy" is not one of negative, neutral, positive' cxn feedback tag 6 happy
refused 2 'SENTIMENT: "unknown" is not one of negative, neutral, positive' cxn feedback tag 6 unknown
refused 1 'no feedback 99' cxn feedback tag 99 negative
refused 2 '"x1" is not a feedback number' cxn feedback tag x1 negative
EOF

# ---- import ---------------------------------------------------------------------

t 'setup: fixtures and a database with two customers' <<'EOF'
use import
cx init >/dev/null
cx customer add "Dana Ruiz" --handle dana --email dana@example.com >/dev/null
cx customer add "Sam Okafor" --email sam@example.org >/dev/null
# A Google export, columns named its own way.
cat >"$FX/google.csv" <<'CSV'
Review ID,Reviewer,Stars,Comment,Posted,Link
g-1,Dana Ruiz,5,"Lovely place, great ""flat white""",2026-03-01 09:30,https://maps.example/g-1
g-2,@sam,2,"Cold food,
rude staff",2026-03-02 18:00,
g-3,,4,,2026-03-03T12:00:00Z,
CSV
# The default column names need no map; a customer column links.
cat >"$FX/plain.csv" <<'CSV'
source,id,author,at,rating,text,customer
yelp,y-1,Sam O.,2026-03-04 10:00,1,Never arrived,sam@example.org
facebook,,Dana,2026-03-05 11:00,,Thanks for the quick help!,@dana
trustpilot,t-1,Kim,2026-03-05 12:00,3,So-so,nobody@example.net
CSV
# A platform API's output: nested fields, unicode, emoji, a line twice.
cat >"$FX/api.jsonl" <<'JSON'
{"review":{"id":"rv-10","stars":4,"text":"Très bon café ☕ — merci ! 😀"},"user":{"name":"Zoë Ångström"},"created":"2026-03-06T08:15:00+01:00","link":"https://maps.example/rv-10"}
{"review":{"id":"rv-11","stars":1,"text":"Der Kaffee war kalt 🥶"},"user":{"name":"Jörg"},"created":"2026-03-06T09:00:00Z"}

{"review":{"id":"rv-11","stars":1,"text":"Der Kaffee war kalt 🥶"},"user":{"name":"Jörg"},"created":"2026-03-06T09:00:00Z"}
{"review":{"stars":5,"text":"No id here, five stars"},"user":{"name":"Ann"},"created":"2026-03-07T10:00:00Z"}
{"review":{"stars":5,"text":"No id here, five stars"},"user":{"name":"Ann"},"created":"2026-03-07T10:00:00Z"}
JSON
EOF

JMAP="--map id=review.id --map rating=review.stars --map text=review.text --map author=user.name --map at=created --map url=link"

t 'CSV with --map: every field where the export keeps it; importing again adds nothing' <<'EOF'
use import
cx feedback import "$FX/google.csv" --source google --map "id=Review ID" --map author=Reviewer --map rating=Stars \
	--map text=Comment --map at=Posted --map url=Link >out
echo "$FX/google.csv (csv): imported 3 new, 0 already present; 0 linked to customers" >expect
same expect out
cx feedback list --format tsv >list
pick list id source at rating author url text >actual
# times without a zone are local time, UTC here; a quoted newline stays in the text
printf '%s\n' '1|google|2026-03-01T09:30:00Z|5|Dana Ruiz|https://maps.example/g-1|Lovely place, great "flat white"' \
	'2|google|2026-03-02T18:00:00Z|2|@sam||Cold food,\nrude staff' \
	'3|google|2026-03-03T12:00:00Z|4|||' >expect
same expect actual
snapshot before.db
cx feedback import "$FX/google.csv" --source google --map "id=Review ID" --map author=Reviewer --map rating=Stars \
	--map text=Comment --map at=Posted --map url=Link >out
echo "$FX/google.csv (csv): imported 0 new, 3 already present; 0 linked to customers" >expect
same expect out
snapshot after.db
same before.db after.db
EOF

t 'CSV with the default names: source per row, customers linked by email or handle' <<'EOF'
use import
cx feedback import "$FX/plain.csv" >out
echo "$FX/plain.csv (csv): imported 3 new, 0 already present; 2 linked to customers" >expect
same expect out
cx feedback list --format tsv --since 2026-03-04 >list
pick list id source rating sentiment sentiment_by author customer_id text >actual
printf '%s\n' '4|yelp|1|negative|rating|Sam O.|2|Never arrived' \
	'5|facebook||positive|guess|Dana|1|Thanks for the quick help!' \
	'6|trustpilot|3|neutral|rating|Kim||So-so' >expect
same expect actual
EOF

t 'CSV: --tz reads times without a zone in that zone' <<'EOF'
use import
printf 'id,at,text\nz-1,2026-03-05 09:00,Hallo aus Berlin\n' >berlin.csv
cx feedback import berlin.csv --source google --tz Europe/Berlin | has - "imported 1 new"
cx feedback list --format tsv --source google --since 2026-03-05 >list
pick list id at >actual
echo '7|2026-03-05T08:00:00Z' >expect
same expect actual
EOF

t 'JSON Lines: nested paths, unicode and emoji kept, a line twice is one item' <<'EOF'
use import
cx feedback import "$FX/api.jsonl" --source google $JMAP >out
# five items read (the blank line is skipped), three new: rv-11 and Ann's twice
echo "$FX/api.jsonl (jsonl): imported 3 new, 2 already present; 0 linked to customers" >expect
same expect out
cx feedback list --format tsv --since 2026-03-06 >list
pick list id source at rating sentiment author url text >actual
printf '%s\n' '8|google|2026-03-06T07:15:00Z|4|positive|Zoë Ångström|https://maps.example/rv-10|Très bon café ☕ — merci ! 😀' \
	'9|google|2026-03-06T09:00:00Z|1|negative|Jörg||Der Kaffee war kalt 🥶' \
	'10|google|2026-03-07T10:00:00Z|5|positive|Ann||No id here, five stars' >expect
same expect actual
cx feedback show 8 --format json | has - '"text":"Très bon café ☕ — merci ! 😀"'
snapshot before.db
cx feedback import "$FX/api.jsonl" --source google $JMAP >out
has out "imported 0 new, 5 already present"
snapshot after.db
same before.db after.db
EOF

t 'JSON Lines: the platform id is the item, whatever else changed; without one, the content is' <<'EOF'
use import
# rv-10 edited on the platform: still the same item, kept as first imported
printf '%s\n' '{"id":"rv-10","source":"google","at":"2026-03-08T10:00:00Z","rating":2,"text":"Changed my mind"}' >edited.jsonl
cx feedback import edited.jsonl | has - "imported 0 new, 1 already present"
cx feedback show 8 --format tsv | pick - rating text >actual
echo '4|Très bon café ☕ — merci ! 😀' >expect
same expect actual
# the same review with and without its id: two keys, so two items
printf '%s\n' '{"source":"google","at":"2026-03-08T11:00:00Z","author":"Lee","text":"Nice"}' >noid.jsonl
printf '%s\n' '{"id":"L-1","source":"google","at":"2026-03-08T11:00:00Z","author":"Lee","text":"Nice"}' >withid.jsonl
cx feedback import noid.jsonl | has - "imported 1 new"
cx feedback import withid.jsonl | has - "imported 1 new"
cx feedback import noid.jsonl withid.jsonl >out
has out "noid.jsonl (jsonl): imported 0 new, 1 already present"
has out "withid.jsonl (jsonl): imported 0 new, 1 already present"
cx feedback list --format tsv --since 2026-03-08 >list
pick list id text >actual
printf '%s\n' '11|Nice' '12|Nice' >expect
same expect actual
EOF

t 'JSON Lines: a path starting with $ is SQLite'"'"'s own; unix seconds and milliseconds are times' <<'EOF'
use import
printf '%s\n' '{"src":"instagram","t":1773050400,"body":{"parts":["First!","second"]}}' \
	'{"src":"instagram","t":"1773054000000","body":{"parts":["Hello","x"]}}' >paths.jsonl
cx feedback import paths.jsonl --map source=src --map at=t --map 'text=$.body.parts[0]' | has - "imported 2 new"
cx feedback list --format tsv --source instagram >list
pick list id at text >actual
printf '%s\n' '13|2026-03-09T10:00:00Z|First!' '14|2026-03-09T11:00:00Z|Hello' >expect
same expect actual
EOF

t 'standard input needs --format; with it a fetch script can pipe straight in' <<'EOF'
use import
refused 2 'reading standard input needs --format csv or --format jsonl' cx feedback import - --source google </dev/null
printf '%s\n' '{"id":"p-1","at":"2026-03-09T12:00:00Z","rating":5,"text":"Piped in 🎉"}' \
	'{"id":"p-2","at":"2026-03-09T13:00:00Z","rating":2,"text":"Piped too"}' >feed.jsonl
cat feed.jsonl | cx feedback import - --format jsonl --source tripadvisor >out
echo "standard input (jsonl): imported 2 new, 0 already present; 0 linked to customers" >expect
same expect out
cat feed.jsonl | cx feedback import - --format jsonl --source tripadvisor | has - "imported 0 new, 2 already present"
cx feedback list --format tsv --source tripadvisor >list
pick list id source rating text >actual
printf '%s\n' '15|tripadvisor|5|Piped in 🎉' '16|tripadvisor|2|Piped too' >expect
same expect actual
printf 'id,at,text\ns-1,2026-03-09 14:00,From a CSV pipe\n' | cx feedback import - --format csv --source email | has - "imported 1 new"
EOF

t '--dry-run checks everything and stores nothing' <<'EOF'
use import
printf '%s\n' '{"source":"x","at":"2026-03-10T10:00:00Z","text":"dry one"}' '{"source":"x","at":"2026-03-10T11:00:00Z","text":"dry two"}' >dry.jsonl
snapshot before.db
cx feedback import dry.jsonl --dry-run >out
echo "dry.jsonl (jsonl): would import 2 new, 0 already present; 0 linked to customers" >expect
same expect out
snapshot after.db
same before.db after.db
EOF

t 'import usage errors: the map, the format, the file' <<'EOF'
use import
refused 2 '--map: "colour=X" is not FIELD=WHERE with FIELD one of id, source, author, url, at, rating, text, customer' \
	cx feedback import "$FX/google.csv" --map colour=X
refused 2 '--map: "text" is not FIELD=WHERE with FIELD one of id, source, author, url, at, rating, text, customer' \
	cx feedback import "$FX/google.csv" --map text
refused 2 '--format: "xml" is not one of csv, jsonl' cx feedback import "$FX/google.csv" --format xml
refused 2 '--map text=$..x: not a JSON path (write a.b.c)' cx feedback import "$FX/api.jsonl" --map 'text=$..x'
refused 65 "$FX/google.csv:1: --map text=Review: no such column" cx feedback import "$FX/google.csv" --source google --map text=Review
refused 66 'cannot open nothere.csv: No such file or directory' cx feedback import nothere.csv --source google
refused 1 'source: "myspace" is not one of google, facebook, instagram, x, yelp, trustpilot, tripadvisor, email, other' \
	cx feedback import "$FX/api.jsonl" --source myspace
EOF

# bad LINE MESSAGE: a JSON Lines file of two good lines and LINE third is
# refused with exit 65 and "cx: bad.jsonl:3: MESSAGE", storing nothing.
bad_jsonl() {
	printf '%s\n' '{"source":"x","at":"2026-03-10T10:00:00Z","text":"good one"}' \
		'{"source":"x","at":"2026-03-10T11:00:00Z","rating":4}' "$1" >bad.jsonl
	refused 65 "bad.jsonl:3: $2" cx feedback import bad.jsonl --format jsonl
}

t 'JSON Lines: a line that is not an object or not JSON, at its line, nothing stored' <<'EOF'
use import
bad_jsonl '[{"source":"x"}]' 'a line must be a JSON object, not an array'
bad_jsonl '42' 'a line must be a JSON object, not an integer'
bad_jsonl '"just text"' 'a line must be a JSON object, not a text'
bad_jsonl 'null' 'a line must be a JSON object, not a null'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z"' 'not valid JSON (one object per line)'
bad_jsonl '{source:"x"}' 'not valid JSON (one object per line)'
bad_jsonl 'source=x' 'not valid JSON (one object per line)'
bad_jsonl "$(printf '{"source":"x","at":"2026-03-10T12:00:00Z","text":"caf\351"}')" 'not UTF-8 text (export it as UTF-8 JSON)'
EOF

t 'JSON Lines: a missing or wrong field, named, at its line, nothing stored' <<'EOF'
use import
bad_jsonl '{"at":"2026-03-10T12:00:00Z","text":"no source"}' 'source: missing (map it with --map source=..., or give --source SOURCE)'
bad_jsonl '{"source":"x","text":"no time"}' 'at: missing (map it with --map at=...)'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z"}' 'text: an item needs its text or a rating'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z","text":" ","rating":null}' 'text: an item needs its text or a rating'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z","rating":6}' 'rating: "6" is not a whole number of stars from 1 to 5'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z","rating":0}' 'rating: "0" is not a whole number of stars from 1 to 5'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z","rating":3.5}' 'rating: "3.5" is not a whole number of stars from 1 to 5'
bad_jsonl '{"source":"x","at":"2026-03-10T12:00:00Z","rating":"five"}' 'rating: "five" is not a whole number of stars from 1 to 5'
bad_jsonl '{"source":"x","at":"2026-02-30","text":"no such day"}' 'at: "2026-02-30" is not a date and time'
bad_jsonl '{"source":"x","at":"soon","text":"when?"}' 'at: "soon" is not a date and time'
bad_jsonl '{"source":"myspace","at":"2026-03-10T12:00:00Z","text":"hi"}' \
	'source: "myspace" is not one of google, facebook, instagram, x, yelp, trustpilot, tripadvisor, email, other'
EOF

t 'CSV: a wrong field or row, named, at its physical line, nothing stored' <<'EOF'
use import
printf 'id,at,rating,text\nb-1,2026-03-10 10:00,5,fine\nb-2,2026-03-10 11:00,9,too many stars\n' >stars.csv
refused 65 'stars.csv:3: rating: "9" is not a whole number of stars from 1 to 5' cx feedback import stars.csv --source yelp
# the quoted newline makes the bad row the fourth line
printf 'id,at,text\nb-1,2026-03-10 10:00,"two\nlines"\nb-2,31/31/2026,bad day\n' >date.csv
refused 65 'date.csv:4: at: "31/31/2026" is not a date and time' cx feedback import date.csv --source yelp
printf 'id,at,text\nb-1,2026-03-10 10:00,fine\nb-2,2026-03-10 11:00,one,too many\n' >fields.csv
refused 65 'fields.csv:3: 4 fields where the header has 3' cx feedback import fields.csv --source yelp
printf 'id,at,text\nb-1,2026-03-10 10:00,fine\nb-2,,no time\n' >notime.csv
refused 65 'notime.csv:3: at: missing (map it with --map at=...)' cx feedback import notime.csv --source yelp
EOF

t 'each file is all or nothing: files before a bad one stay imported' <<'EOF'
use import
printf '%s\n' '{"id":"ok-1","source":"x","at":"2026-03-10T10:00:00Z","text":"kept"}' >ok.jsonl
printf '%s\n' '{"id":"no-1","source":"x","at":"2026-03-10T10:00:00Z","text":"not kept"}' '{"source":"x"}' >no.jsonl
fails 65 cx feedback import ok.jsonl no.jsonl
echo 'cx: no.jsonl:2: at: missing (map it with --map at=...)' >expect
same expect err
cx feedback list --format tsv --source x >list
pick list text >actual
echo kept >expect
same expect actual
EOF

t 'CSV: --encoding reads a file that is not UTF-8; without it the byte is named' <<'EOF'
use import
printf 'id,at,TEXT\ne-1,2026-03-05 10:00,Caf\351 cr\350me\n' >cp1252.csv
refused 65 'cp1252.csv:2: invalid UTF-8 byte 0xe9 (export the file as UTF-8, or give --encoding cp1252)' \
	cx feedback import cp1252.csv --source other
cx feedback import cp1252.csv --source other --encoding cp1252 -M text=TEXT | has - "imported 1 new"
cx feedback list --format tsv --source other >list
pick list text >actual
echo 'Café crème' >expect
same expect actual
EOF

# ---- deadlines ------------------------------------------------------------------

t 'deadlines with the default targets: negative 4h, neutral 1d, unknown 1d, positive 2d' <<'EOF'
use deadline
cx init >/dev/null
cx feedback targets --format tsv >actual
printf 'source\tsentiment\twithin_s\n*\tnegative\t14400\n*\tneutral\t86400\n*\tpositive\t172800\n*\tunknown\t86400\n' >expect
same expect actual
cxn feedback add -s google -r 1 --at 2026-03-11T07:00:00Z -m "one" >/dev/null    # 1
cxn feedback add -s yelp -r 2 --at 2026-03-11T05:00:00Z -m "two" >/dev/null      # 2
cxn feedback add -s google -r 3 --at 2026-03-10T08:00:00Z -m "three" >/dev/null  # 3
cxn feedback add -s facebook --at 2026-03-10T12:00:00Z -m "Do you open on Sundays" >/dev/null # 4
cxn feedback add -s google -r 5 --at 2026-03-09T09:00:00Z -m "five" >/dev/null   # 5
cxn feedback add -s instagram -r 4 --at 2026-03-10T10:00:00Z -m "six" >/dev/null # 6
cxn feedback list --format tsv >list
pick list id sentiment deadline due_in overdue >actual
# now is 03-11 10:00; the inbox is oldest first
printf '%s\n' '5|positive|2026-03-11T09:00:00Z|-3600|1' \
	'3|neutral|2026-03-11T08:00:00Z|-7200|1' \
	'6|positive|2026-03-12T10:00:00Z|86400|0' \
	'4||2026-03-11T12:00:00Z|7200|0' \
	'2|negative|2026-03-11T09:00:00Z|-3600|1' \
	'1|negative|2026-03-11T11:00:00Z|3600|0' >expect
same expect actual
is "5 3 2" "$(ids --overdue)"
# the table shows age and how long is left
cxn feedback list | grep '^ *1 ' >row
has row ' 3h '
has row ' 1h '
cxn feedback list | grep '^ *5 ' | has - ' 1h late '
# in colour, late stands out
esc=$(printf '\033')
cxn --color always feedback list | grep "${esc}\[31m1h late${esc}\[39m" | grep -q "^${esc}\[1m *5 "
# the same figures at another moment
cx --now 2026-03-11T12:30:00Z feedback list --overdue --format tsv | pick - id due_in >actual
printf '%s\n' '5|-12600' '3|-16200' '4|-1800' '2|-12600' '1|-5400' >expect
same expect actual
EOF

t 'the most specific target wins: source and sentiment, then source, then sentiment' <<'EOF'
use deadline
cx feedback target google negative 2h | has - "negative feedback from google: answer within 2h"
# item 1 (google, negative) is now due at 09:00: overdue
cxn feedback list --format tsv | pick - id deadline due_in overdue | grep '^1|' >actual
echo '1|2026-03-11T09:00:00Z|-3600|1' >expect
same expect actual
is "5 3 2 1" "$(ids --overdue)"
cx feedback target google '*' 12h | has - "* feedback from google: answer within 12h"
cxn feedback list --format tsv >list
pick list id deadline due_in | grep -E '^(1|3|5|2)\|' >actual
# 3 (google neutral) and 5 (google positive) now 12h; 1 keeps its own 2h; 2 (yelp) keeps 4h
printf '%s\n' '5|2026-03-09T21:00:00Z|-133200' '3|2026-03-10T20:00:00Z|-50400' \
	'2|2026-03-11T09:00:00Z|-3600' '1|2026-03-11T09:00:00Z|-3600' >expect
same expect actual
cx feedback targets --format tsv >actual
printf 'source\tsentiment\twithin_s\n*\tnegative\t14400\n*\tneutral\t86400\n*\tpositive\t172800\n*\tunknown\t86400\ngoogle\tnegative\t7200\ngoogle\t*\t43200\n' >expect
same expect actual
cx feedback targets >table
has table 'google  negative       2h'
has table 'SOURCE  SENTIMENT  WITHIN'
EOF

t 'a target is changed in place; due exactly now is not yet overdue' <<'EOF'
use deadline
cx feedback target google negative 3h >/dev/null
cxn feedback list --format tsv | pick - id deadline due_in overdue | grep '^1|' >actual
echo '1|2026-03-11T10:00:00Z|0|0' >expect
same expect actual
is "5 3 2" "$(ids --overdue)"
cx feedback targets --format tsv | grep -c '^google	negative' | grep -qx 1
EOF

t 'target refuses bad input' <<'EOF'
use deadline
refused 2 'SENTIMENT: "happy" is not one of negative, neutral, positive, unknown, "*"' cx feedback target google happy 1h
refused 1 'source: "myspace" is not one of google, facebook, instagram, x, yelp, trustpilot, tripadvisor, email, other' \
	cx feedback target myspace negative 1h
refused 65 'target: must be longer than zero' cx feedback target negative 0h
refused 2 '"4x" is not a length of time (use e.g. 90s, 45m, 6h, 3d, 2w)' cx feedback target negative 4x
refused 2 'too few arguments' cx feedback target negative
refused 2 'too many arguments: d' cx feedback target a b c d
EOF

t 'tagging changes the deadline: unknown 1d becomes negative 4h' <<'EOF'
use deadline
cxn feedback tag 4 negative >/dev/null
cxn feedback list --format tsv | pick - id sentiment sentiment_by deadline due_in overdue | grep '^4|' >actual
echo '4|negative|hand|2026-03-10T16:00:00Z|-64800|1' >expect
same expect actual
EOF

t 'list filters: --unanswered, --older, --sentiment, --source, --since, --until, --limit, --customer' <<'EOF'
use deadline
cxn feedback respond 2 -m "Sorry, fixing it" >/dev/null
cxn feedback ignore 6 --why "not about us" >/dev/null
# the inbox: open ones first, oldest first; then the rest, oldest first
is "5 3 4 1 6 2" "$(ids)"
is "5 3 4 1" "$(ids --unanswered)"
is "5 3 4 1" "$(ids -u)"
# older than a day: posted before 03-10 10:00 (6, posted exactly then, is not)
is "5 3" "$(ids --older 1d)"
is "5 3 4 1 6 2" "$(ids --older 2h)"
is "5 3 4 1" "$(ids --unanswered --older 2h)"
is "4 1 2" "$(ids --sentiment negative)"
is "5 3 1" "$(ids --source google)"
is "1" "$(ids --source google --sentiment negative)"
is "4 1 6 2" "$(ids --since 2026-03-10T10:00:00Z)"
is "5 3 6" "$(ids --until 2026-03-10T12:00:00Z)"
is "5 3" "$(ids --limit 2)"
cxn feedback list --format tsv | pick - id status due_in overdue | grep -E '^(2|6)\|' >actual
printf '%s\n' '6|ignored||0' '2|answered||0' >expect
same expect actual
refused 2 '--sentiment: "happy" is not one of negative, neutral, positive, unknown' cxn feedback list --sentiment happy
refused 1 'source: "myspace" is not one of google, facebook, instagram, x, yelp, trustpilot, tripadvisor, email, other' \
	cxn feedback list --source myspace
refused 2 '--older: "4x" is not a length of time (use e.g. 90s, 45m, 6h, 3d, 2w)' cxn feedback list --older 4x
refused 1 'no customer "nobody" (try cx customer list --search nobody)' cxn feedback list --customer nobody
EOF

# ---- respond, ignore, link, escalate -------------------------------------------

t 'respond records who, when and what; the first response time is kept' <<'EOF'
use main
cx --now 2026-03-11T10:30:00Z --as ana feedback respond 1 -m "So sorry, Dana: coffee is on us next time" >out
echo "Reply to feedback 1 recorded" >expect
same expect out
cx --now 2026-03-11T12:00:00Z --as ben feedback respond 1 -m "Follow-up: voucher sent" >/dev/null
cxn feedback show 1 --format tsv >show
pick show status due_in overdue >actual
echo 'answered||0' >expect
same expect actual
awk 'BEGIN { s = 1 } !NF { s++; next } s == 2' show >actual
printf 'at\tauthor\ttext\n2026-03-11T10:30:00Z\tana\tSo sorry, Dana: coffee is on us next time\n2026-03-11T12:00:00Z\tben\tFollow-up: voucher sent\n' >expect
same expect actual
# the report counts the first answer: 07:00 to 10:30
cxn feedback report --source google --format tsv | pick - items response_median_s >actual
echo '2|12600' >expect
same expect actual
cxn feedback show 1 >table
has table 'Replies'
has table 'ana'
EOF

t 'respond refuses an unknown id (1), a missing or empty text' <<'EOF'
use main
refused 1 'no feedback 99' cxn feedback respond 99 -m "hello?"
refused 1 'no feedback 99' cxn feedback show 99
refused 2 'a reply needs its text (-m TEXT)' cxn feedback respond 2
refused 65 'reply: the text is empty (give it with --message TEXT)' cxn feedback respond 2 -m "   "
refused 2 '"abc" is not a feedback number' cxn feedback respond abc -m "hi"
refused 2 '"0" is not a feedback number' cxn feedback show 0
cxn feedback show '#2' --format tsv | pick - id | grep -qx 2
EOF

t 'ignore needs --why, keeps it, and takes the item out of the inbox' <<'EOF'
use main
refused 2 'ignoring needs a reason (--why TEXT, e.g. spam)' cxn feedback ignore 4
refused 2 'ignoring needs a reason (--why TEXT, e.g. spam)' cxn feedback ignore 4 --why " "
cxn feedback ignore 4 --why "duplicate of 3" | has - "Feedback 4 ignored"
cxn feedback list --format tsv | pick - id status | grep '^4|' | grep -qx '4|ignored'
is "7 3 5 6 2" "$(ids --unanswered)"
refused 65 'feedback 4 is ignored already' cxn feedback ignore 4 --why again
refused 65 'feedback 1 is answered already' cxn feedback ignore 1 --why spam
refused 1 'no feedback 99' cxn feedback ignore 99 --why spam
cx log --format tsv | grep 'feedback	4	ignore' | has - '"why":"duplicate of 3"'
# answering an ignored item after all makes it answered
cxn feedback respond 4 -m "Answered anyway" >/dev/null
cxn feedback list --format tsv | pick - id status | grep -qx '4|answered'
EOF

t 'link says which customer wrote an item; it joins their journey' <<'EOF'
use main
cxn feedback link 5 sam@example.org | has - "Feedback 5 linked to customer 2"
cxn feedback link 2 @dana >/dev/null
is "5" "$(ids --customer sam@example.org)"
is "2 1" "$(ids --customer @dana)"
is "2 1" "$(ids -C 1)"
refused 1 'no customer "nobody" (try cx customer list --search nobody)' cxn feedback link 5 nobody
refused 1 'no feedback 99' cxn feedback link 99 @dana
cxn journey show sam@example.org --format tsv >journey
awk -F '\t' '$3 == "feedback"' journey >rows
lines rows 1
has rows 'facebook: Open on Monday?'
EOF

t 'escalate: a case for a known author (by @handle), the post as first note, priority high when negative' <<'EOF'
use main
cxn feedback escalate 1 >out
echo "Feedback 1 is now case 1" >expect
same expect out
cx case show 1 --format json >case
has case '"title":"Google review: Cold coffee, rude staff"'
has case '"priority":"high"'
has case '"customer_id":1'
has case '"channel":"social"'
has case '"stage":"recommendation"'
has case '"tags":"feedback"'
cx note list 1 --format tsv >notes
lines notes 2
has notes 'Cold coffee, rude staff\n\n(by @dana on google, feedback 1)\nhttps://maps.example/r/1\nRating: 2 of 5'
cxn feedback list --format tsv | pick - id customer_id case_id | grep '^1|' >actual
echo '1|1|1' >expect
same expect actual
EOF

t 'escalating twice is refused and changes nothing' <<'EOF'
use main
refused 65 'feedback 1 is already case 1' cxn feedback escalate 1
refused 1 'no feedback 99' cxn feedback escalate 99
# as for cx case open, a priority that is not one is bad data
refused 2 '--priority: "soon" is not one of low, normal, high, urgent' cxn feedback escalate 2 --priority soon
EOF

t 'escalate finds the author by email, else adds them; a name alone finds nobody' <<'EOF'
use main
cxn feedback add -s yelp -a sam@example.org -r 1 --at 2026-03-11T08:00:00Z -m "Never arrived" >/dev/null       # 8
cxn feedback add -s instagram -a @newbie --at 2026-03-11T08:10:00Z -m "Love the new blend" >/dev/null           # 9
cxn feedback add -s google -a "Dana R" -r 4 --at 2026-03-11T08:20:00Z -m "Nice" >/dev/null                     # 10
cxn feedback add -s google -r 3 --at 2026-03-11T08:30:00Z >/dev/null                                           # 11
cxn feedback add -s facebook -a @DANA --at 2026-03-11T08:40:00Z -m "Lovely cake" >/dev/null                    # 12
cxn feedback escalate 8 | has - "case 2"
cxn feedback escalate 9 | has - "case 3"
cxn feedback escalate 10 --priority urgent | has - "case 4"
cxn feedback escalate 11 | has - "case 5"
cxn feedback escalate 12 | has - "case 6"
cx case list --format tsv --status all >cases
pick cases id priority customer_id title | sort -n >actual
# sam@example.org is customer 2; @newbie, "Dana R" (not Dana Ruiz) and nobody are new customers 3, 4 and 5
printf '%s\n' '1|high|1|Google review: Cold coffee, rude staff' \
	'2|high|2|Yelp review: Never arrived' \
	'3|normal|3|Instagram post: Love the new blend' \
	'4|urgent|4|Google review: Nice' \
	'5|normal|5|Google review: (rating only)' \
	'6|normal|1|Facebook post: Lovely cake' >expect
same expect actual
cxn feedback list --format tsv | pick - id customer_id case_id | grep -E '^(8|9|10|11|12)\|' | sort -n >actual
printf '%s\n' '8|2|2' '9|3|3' '10|4|4' '11|5|5' '12|1|6' >expect
same expect actual
cx customer list --format tsv >customers
pick customers id name email handle | sort -n >actual
printf '%s\n' '1|Dana Ruiz|dana@example.com|dana' '2|Sam Okafor|sam@example.org|' '3|newbie||newbie' '4|Dana R||' '5|Unknown reviewer||' >expect
same expect actual
EOF

t 'linked feedback appears in the journey and in the case brief' <<'EOF'
use main
cx journey show @dana --format tsv >journey
awk -F '\t' '$3 == "feedback"' journey >rows
# items 1 (2 stars: emotion -1), 2 and 12 (positive guesses: +1)
lines rows 3
has rows 'facebook: Lovely cake'
has rows 'google 2/5: Cold coffee, rude staff'
has rows 'x: Thanks, lovely barista today'
pick journey kind emotion summary | grep '^feedback|' | sort >actual
printf '%s\n' 'feedback|-1|google 2/5: Cold coffee, rude staff' 'feedback|1|facebook: Lovely cake' \
	'feedback|1|x: Thanks, lovely barista today' >expect
same expect actual
cx case brief 1 --format json >brief
has brief '"feedback":['
cx case brief 1 --format tsv >brief.tsv
# the last section of the brief
awk 'BEGIN { RS = "" } { last = $0 } END { print last }' brief.tsv >section
pick section id source rating sentiment status case_id text >actual
printf '%s\n' '2|x||positive|open||Thanks, lovely barista today' '12|facebook||positive|open|6|Lovely cake' \
	'1|google|2|negative|answered|1|Cold coffee, rude staff' >expect
same expect actual
cx case brief 1 >brief.txt
has brief.txt 'Public feedback (latest first)'
EOF

# ---- the report -----------------------------------------------------------------

# Eight Google items in two weeks, eleven on Yelp: ten in one week answered
# after 100, 200, ..., 900 and 10000 seconds, and one in February left open.
t 'setup: feedback with replies at known times' <<'EOF'
use report
cx init >/dev/null
cat >report.jsonl <<'JSON'
{"id":"g1","source":"google","at":"2026-03-02T10:00:00Z","rating":5,"text":"g1"}
{"id":"g2","source":"google","at":"2026-03-03T10:00:00Z","rating":1,"text":"g2"}
{"id":"g3","source":"google","at":"2026-03-04T10:00:00Z","rating":4,"text":"g3"}
{"id":"g4","source":"google","at":"2026-03-05T10:00:00Z","rating":2,"text":"g4, spam"}
{"id":"g5","source":"google","at":"2026-03-06T10:00:00Z","text":"When do you open"}
{"id":"g6","source":"google","at":"2026-03-09T10:00:00Z","rating":3,"text":"g6"}
{"id":"g7","source":"google","at":"2026-03-10T10:00:00Z","rating":5,"text":"g7"}
{"id":"g8","source":"google","at":"2026-03-11T09:00:00Z","rating":2,"text":"g8"}
{"id":"y1","source":"yelp","at":"2026-03-03T00:00:00Z","rating":1}
{"id":"y2","source":"yelp","at":"2026-03-03T01:00:00Z","rating":2}
{"id":"y3","source":"yelp","at":"2026-03-03T02:00:00Z","rating":3}
{"id":"y4","source":"yelp","at":"2026-03-03T03:00:00Z","rating":4}
{"id":"y5","source":"yelp","at":"2026-03-03T04:00:00Z","rating":5}
{"id":"y6","source":"yelp","at":"2026-03-03T05:00:00Z","rating":5}
{"id":"y7","source":"yelp","at":"2026-03-03T06:00:00Z","rating":4}
{"id":"y8","source":"yelp","at":"2026-03-03T07:00:00Z","rating":3}
{"id":"y9","source":"yelp","at":"2026-03-03T08:00:00Z","rating":2}
{"id":"y10","source":"yelp","at":"2026-03-03T09:00:00Z","rating":2}
{"id":"y11","source":"yelp","at":"2026-02-20T12:00:00Z","rating":5}
JSON
cx feedback import report.jsonl | has - "imported 19 new"
cx --now 2026-03-02T11:00:00Z feedback respond 1 -m r >/dev/null   # 3600
cx --now 2026-03-03T12:00:00Z feedback respond 2 -m r >/dev/null   # 7200
cx --now 2026-03-05T10:00:00Z feedback respond 3 -m r >/dev/null   # 86400
cx --now 2026-03-06T10:00:00Z feedback respond 1 -m again >/dev/null # a follow-up: not a response time
cx --now 2026-03-05T11:00:00Z feedback ignore 4 --why spam >/dev/null
cx --now 2026-03-09T10:30:00Z feedback respond 6 -m r >/dev/null   # 1800
cx --now 2026-03-10T14:00:00Z feedback respond 7 -m r >/dev/null   # 14400
# y1 .. y10 are items 9 .. 18, posted at 03-03 00:00, 01:00, ... (1772496000 + k hours)
k=0
for s in 100 200 300 400 500 600 700 800 900 10000; do
	cx --now "@$((1772496000 + k * 3600 + s))" feedback respond $((9 + k)) -m r >/dev/null
	k=$((k + 1))
done
EOF

t 'report: per source, figures worked out by hand' <<'EOF'
use report
cxn feedback report --format tsv >rep
pick rep source period items rating_n negative response_median_s response_p90_s overdue ignored >actual
# google: 8 items, 7 rated, 3 negative (1, 2, 2 stars); answered after 1800, 3600,
#   7200, 14400, 86400: the median is the 3rd, the 90th percentile the 5th
#   (nearest rank: ceil(0.9 * 5) = 5); overdue only g5 (unknown, due 03-07);
#   g8 (negative, 09:00) is due at 13:00.
# yelp: 11 items; ten answered, sorted 100 .. 900, 10000: the lower median is
#   the 5th (500, where the mean of the middle two would be 550) and the 90th
#   percentile the 9th (900; interpolating would give 1810); overdue y11.
printf '%s\n' 'google|all|8|7|3|7200|86400|1|1' 'yelp|all|11|11|4|500|900|1|0' >expect
same expect actual
# rating means: google 22/7, yelp 36/11; answered shares leave ignored items
# out: google 5 of 7, yelp 10 of 11 (in per cent)
near 3.142857142857 "$(pick rep rating_mean | sed -n 1p)"
near 3.272727272727 "$(pick rep rating_mean | sed -n 2p)"
near 71.428571428571 "$(pick rep answered_share | sed -n 1p)"
near 90.909090909091 "$(pick rep answered_share | sed -n 2p)"
EOF

t 'report --by week and --by month' <<'EOF'
use report
cxn feedback report --by week --format tsv >rep
pick rep source period items rating_n response_median_s response_p90_s overdue >actual
# google week of 03-02: g1..g5, answered after 3600, 7200, 86400 (median 7200,
#   90th: ceil(2.7) = 3rd); week of 03-09: g6..g8, answered after 1800 and
#   14400: the lower median is 1800, the 90th ceil(1.8) = 2nd = 14400.
# yelp: y11 in the week of Monday 02-16, unanswered; the ten in that of 03-02.
printf '%s\n' 'google|2026-03-02|5|4|7200|86400|1' 'google|2026-03-09|3|3|1800|14400|0' \
	'yelp|2026-02-16|1|1|||1' 'yelp|2026-03-02|10|10|500|900|0' >expect
same expect actual
pick rep rating_mean answered_share >means
near 3 "$(sed -n 1p means | cut -d'|' -f1)"       # (5+1+4+2)/4
near 75 "$(sed -n 1p means | cut -d'|' -f2)"      # 3 of 4 (g4 ignored)
near 3.333333333333 "$(sed -n 2p means | cut -d'|' -f1)" # (3+5+2)/3
near 66.666666666667 "$(sed -n 2p means | cut -d'|' -f2)" # 2 of 3
near 5 "$(sed -n 3p means | cut -d'|' -f1)"
near 0 "$(sed -n 3p means | cut -d'|' -f2)"
near 3.1 "$(sed -n 4p means | cut -d'|' -f1)"     # 31/10
near 100 "$(sed -n 4p means | cut -d'|' -f2)"
cxn feedback report --by month --format tsv | pick - source period items response_median_s overdue >actual
printf '%s\n' 'google|2026-03|8|7200|1' 'yelp|2026-02|1||1' 'yelp|2026-03|10|500|0' >expect
same expect actual
EOF

t 'report --since, --until, --source; JSON field names' <<'EOF'
use report
cxn feedback report --since 2026-03-01 --format tsv | pick - source items overdue >actual
printf '%s\n' 'google|8|1' 'yelp|10|0' >expect
same expect actual
cxn feedback report --until 2026-03-09 --source google --format tsv | pick - source items response_median_s response_p90_s >actual
echo 'google|5|7200|86400' >expect
same expect actual
cxn feedback report --source yelp --by month --format json >rep.json
for f in source period items rating_mean answered_share response_median_s response_p90_s overdue; do
	has rep.json "\"$f\":"
done
has rep.json '"source":"yelp","period":"2026-02","items":1,"rating_mean":5,'
has rep.json '"answered_share":0,"response_median_s":null,"response_p90_s":null,"overdue":1'
has rep.json '"source":"yelp","period":"2026-03","items":10,'
has rep.json '"response_median_s":500,"response_p90_s":900,"overdue":0'
cxn feedback report --source google >table
has table 'google'
has table '71.4'
refused 2 '--by: "fortnight" is not one of day, week, month, quarter, year' cxn feedback report --by fortnight
refused 1 'source: "myspace" is not one of google, facebook, instagram, x, yelp, trustpilot, tripadvisor, email, other' \
	cxn feedback report --source myspace
EOF

t 'report at a later moment: overdue counts what is open past its deadline then' <<'EOF'
use report
cx --now 2026-03-11T13:00:01Z feedback report --format tsv | pick - source overdue >actual
printf '%s\n' 'google|2' 'yelp|1' >expect
same expect actual
EOF

# ---- sources ---------------------------------------------------------------------

t 'sources: the list, add, move, rename' <<'EOF'
use sources
cx init >/dev/null
cx feedback sources --format tsv >actual
printf 'position\tname\tuses\n1\tgoogle\t0\n2\tfacebook\t0\n3\tinstagram\t0\n4\tx\t0\n5\tyelp\t0\n6\ttrustpilot\t0\n7\ttripadvisor\t0\n8\temail\t0\n9\tother\t0\n' >expect
same expect actual
cx feedback sources add tiktok --after x | has - "sources add: done"
cx feedback sources move other --first >/dev/null
cx feedback sources move yelp --after tiktok >/dev/null
cx feedback sources move yelp --after x >/dev/null
refused 2 'say where: --after NAME or --first' cx feedback sources move yelp
refused 65 'source: cannot move "yelp" after itself' cx feedback sources move yelp --after yelp
cx feedback sources list --format tsv | pick - name | tr '\n' ' ' >actual
printf 'other google facebook instagram x yelp tiktok trustpilot tripadvisor email ' >expect
same expect actual
cx feedback add -s tiktok -m "Saw you on tiktok" >/dev/null
cx feedback target tiktok negative 1h >/dev/null
cx feedback sources --format tsv | pick - name uses | grep '^tiktok|' | grep -qx 'tiktok|2'
# renaming carries the items and the targets with it
cx feedback sources rename tiktok tt >/dev/null
cx feedback list --format tsv | pick - id source | grep -qx '1|tt'
cx feedback targets --format tsv | grep -qx 'tt	negative	3600'
cx feedback targets --format tsv >targets
hasnt targets tiktok
refused 65 'source: "tt" exists already' cx feedback sources add tt
refused 65 'source: "Big Bird" must be lower-case letters, digits, - or _' cx feedback sources add "Big Bird"
refused 1 'source: "nope" is not one of other, google, facebook, instagram, x, yelp, tt, trustpilot, tripadvisor, email' \
	cx feedback sources rename nope also
refused 2 '"bogus" is not one of list, add, rename, move, remove' cx feedback sources bogus
refused 2 'sources add takes 1 name' cx feedback sources add
EOF

t 'sources remove: refused while used, unless --into, where the other source keeps its own targets' <<'EOF'
use sources
refused 65 'source "tt" is in use (1 feedback, 1 feedback_targets): give --into OTHER to move them' cx feedback sources remove tt
cx feedback target google negative 2h >/dev/null
cx feedback target tt positive 5h >/dev/null
cx feedback sources remove tt --into google | has - "sources remove: done"
cx feedback list --format tsv | pick - id source | grep -qx '1|google'
cx feedback targets --format tsv | grep '^google' >actual
printf 'google\tnegative\t7200\ngoogle\tpositive\t18000\n' >expect
same expect actual
cx feedback sources --format tsv | pick - name >names
hasnt names tt
refused 65 '--into: "google" is the source being removed' cx feedback sources remove google --into google
may_fail cx feedback sources remove tiktok 2>err && exit 1
has err 'source: "tiktok" is not one of'
# a source nobody uses goes quietly
cx feedback sources remove email >/dev/null
cx feedback sources --format tsv | pick - name >names
hasnt names email
EOF

finish
