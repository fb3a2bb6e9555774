#!/bin/sh
# Hostile text: SQL, LIKE wildcards, backslashes, shell syntax and odd bytes
# through every text option of every writing command, and through imported
# files. Each value is stored exactly as given (or, where a field has rules,
# refused whole), comes back exactly, drops no table and runs nothing. CSV
# output neutralises formulas, terminal output strips control characters,
# files are private, and neither $EDITOR nor a hook puts user data through a
# shell. t0600 and t1320 have the basic cases; this script goes through the
# rest.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# The hostile values, one a line: SQL, LIKE's wildcards and escape, shell
# command substitution twice, and a NUL-free binary-ish string (a byte that
# is not UTF-8, a right-to-left override, an emoji, punctuation).
{
	printf '%s\n' "'; DROP TABLE cases; --" '" OR 1=1 --' '%' '_' '\' '$(touch pwned)' '`touch pwned`'
	printf 'caf\303\251 \342\200\256 \360\237\230\200 \376\377 ~!@#^&*()[]{}|<>?;\n'
} >"$T/values"
# On a server, the values whose meaning is the server's: SQL, LIKE's
# wildcards and escape, and bytes that are not UTF-8 (the shell's are the
# same whichever engine, and the file's run has them). There, what each
# command stores is tested with one value that holds them all (that a
# statement binds a value whole shows in one as in five: on a server each
# command costs a connection), and the tests in which each value means
# something of its own (the rules of fields, the filters' wildcards) take
# them one by one ($T/each; on a file the values are each).
if on_pg; then
	sed -n '1p;3p;4p;5p;8p' "$T/values" >"$T/each"
	LC_ALL=C tr '\n' ' ' <"$T/each" | LC_ALL=C sed 's/ $//' >"$T/values"
	echo >>"$T/values"
else
	cp "$T/values" "$T/each"
fi
NV=$(wc -l <"$T/values" | tr -d ' ')
NE=$(wc -l <"$T/each" | tr -d ' ')

# val K: the Kth value; each K: the Kth of the values one by one.
val() { sed -n "${1}p" "$T/values"; }
each() { sed -n "${1}p" "$T/each"; }

# fval K: the Kth value as a file can carry it (importers refuse bytes that are not UTF-8).
fval() { val "$1" | LC_ALL=C tr -d '\376\377'; }

# stored TEXT: TEXT as the database under test keeps it. SQLite keeps every
# byte; on PostgreSQL, whose text must be UTF-8, cx stores each byte that is
# not (FE and FF here, which UTF-8 never uses) as U+FFFD, the replacement
# character (EF BF BD).
stored() {
	if on_pg; then
		printf %s "$1" | LC_ALL=C sed "s/$(printf '[\376\377]')/$(printf '\357\277\275')/g"
	else
		printf %s "$1"
	fi
}

# hex TEXT: TEXT as SQLite's hex() writes it, to compare bytes exactly (as
# the database under test stores it).
hex() { stored "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }

# stored_is VALUE SQL: the one value SQL selects from the database under
# test is VALUE as that database stores it (see stored), byte for byte
# (nothing when there is no row or the value is NULL). On a server dbq asks
# the script's own psql: no process is started for the question.
stored_is() {
	_got=$(dbq "$2")
	_want=$(stored "$1")
	[ "$_got" = "$_want" ] && return 0
	echo "# stored $(printf %s "$_got" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F), given $(hex "$1"), by: $2" >&2
	return 1
}
# answer QID: a response's answer to question QID, from its JSON, in each engine's words
answer() {
	if on_pg; then
		echo "CAST(answers AS json) ->> '$1'"
	else
		echo "json_extract(answers, '\$.\"$1\"')"
	fi
}

# sqlstr TEXT: TEXT (as stored) as an SQL string literal (a quote doubled; no
# value here ends in a newline).
sqlstr() { printf "'%s'" "$(stored "$1" | LC_ALL=C sed "s/'/''/g")"; }

# keep VALUE SQL CMD...: CMD succeeds, and SQL (selecting what it stored) gives VALUE back.
keep() {
	_want=$1 _sql=$2
	shift 2
	if ! "$@" >/dev/null 2>keep.err; then
		echo "# failed: $*" >&2
		sed 's/^/#   /' keep.err >&2
		return 1
	fi
	stored_is "$_want" "$_sql" || { echo "# by: $*" >&2; return 1; }
}

# kept_or_refused VALUE SQL CMD...: as keep, or CMD is refused as bad data
# (65) in one line, or as a wrong command line (2: the line and the usage),
# and the database is as it was. Prints kept or refused.
kept_or_refused() {
	_want=$1 _sql=$2
	shift 2
	snapshot kor.before
	_rc=0
	may_fail "$@" >/dev/null 2>kor.err || _rc=$?
	case $_rc in
	0)
		stored_is "$_want" "$_sql" || { echo "# by: $*" >&2; return 1; }
		echo kept
		;;
	65 | 2)
		if [ "$_rc" = 2 ]; then
			lines kor.err 2 >&2 || return 1
			sed -n 2p kor.err | grep -q '^usage: ' || { echo "# no usage line from: $*" >&2; return 1; }
		else
			lines kor.err 1 >&2 || return 1
		fi
		snapshot kor.after
		same kor.before kor.after >&2 || return 1
		echo refused
		;;
	*)
		echo "# exit $_rc from: $*" >&2
		sed 's/^/#   /' kor.err >&2
		return 1
		;;
	esac
}

# tsvq TEXT: TEXT as cx writes it in TSV (a backslash doubled, the right-to-left
# override as \u202e; no value here has a tab or newline).
tsvq() { printf '%s\n' "$1" | sed -e 's/\\/\\\\/g' -e "s/$(printf '\342\200\256')/\\\\u202e/g"; }

# jhex FILE PATH: the value at a JSON path of FILE, in hex, read by SQLite's JSON functions.
jhex() { sqlite3 :memory: "SELECT hex(json_extract(readfile('$1'), '$2'))"; }

# FILE must hold no control character but newlines (ESC, BEL, ...).
clean() {
	if LC_ALL=C tr -d '\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		echo "# $1 holds a raw control character:" >&2
		od -c "$1" | grep -E '\\[0-9]{3}|\\[abtvfr]' | head -n 5 | sed 's/^/#   /' >&2
		return 1
	fi
}

# csvq TEXT: TEXT as one quoted CSV field.
csvq() { printf '"%s"' "$(printf %s "$1" | sed 's/"/""/g')"; }

# schema: the tables of the database under test and how they are made, to
# compare later: SQLite's .tables and .schema, or pg_dump's on a server
# (less its comments and the \restrict lines, whose key is new every time).
schema() {
	if on_pg; then
		pg_dump --schema-only --no-owner --no-privileges -d "$CX_DB" | grep -v -e '^--' -e '^\\restrict ' -e '^\\unrestrict '
	else
		sqlite3 "$CX_DB" .tables
		sqlite3 "$CX_DB" .schema
	fi
}

t 'setup: a customer and a case; the tables as they are' <<'EOF'
cx -q customer add "Ana Lima" --email ana@example.com
cx -q case open ana@example.com --title "Grinder squeals" -m "Since Monday"
cx -q feedback add --source google -m "Lovely beans" --author "Kim"
schema >"$T/schema"
test "$NE" -ge 5
grep -qF 'DROP TABLE' "$T/values"
EOF

# ---- every text option of every writing command ----------------------------

t 'customer add and edit: name, org, prefers and note keep every value exactly' <<'EOF'
k=1
while [ $k -le "$NV" ]; do
	v=$(val $k)
	who="email = 'v$k@example.com'"
	keep "$v" "SELECT name FROM customers WHERE $who" \
		cx customer add "$v" --email "v$k@example.com" --org "$v" --prefers "$v" --note "$v"
	for col in org prefers note; do
		stored_is "$v" "SELECT $col FROM customers WHERE $who"
	done
	keep "$v (edited)" "SELECT name FROM customers WHERE $who" \
		cx customer edit "v$k@example.com" --name "$v (edited)" --org "$v$v" --note "$v
$v"
	stored_is "$v$v" "SELECT org FROM customers WHERE $who"
	stored_is "$v
$v" "SELECT note FROM customers WHERE $who"
	k=$((k + 1))
done
EOF

t 'case open, update, pending, reopen, handoff: titles and notes keep every value exactly' <<'EOF'
k=1
while [ $k -le "$NV" ]; do
	v=$(val $k)
	keep "$v" "SELECT title FROM cases ORDER BY id DESC LIMIT 1" \
		cx case open ana@example.com --title "$v" -m "$v"
	id=$(dbq 'SELECT max(id) FROM cases')
	last="SELECT body FROM notes WHERE case_id = $id ORDER BY id DESC LIMIT 1"
	stored_is "$v" "$last"
	keep "[$v]" "SELECT title FROM cases WHERE id = $id" cx case update "$id" --title "[$v]"
	keep "$v 1" "$last" cx case pending "$id" -m "$v 1"
	keep "$v 2" "$last" cx case handoff "$id" --to sam -m "$v 2"
	keep "$v 3" "$last" cx case resolve "$id" --outcome fixed -m "$v 3"
	keep "$v 4" "$last" cx case reopen "$id" -m "$v 4"
	keep "$v 5" "$last" cx case close "$id" -m "$v 5"
	echo "$id" >>"$T/case-ids"
	k=$((k + 1))
done
EOF

t 'notes on cases and customers, from -m and from standard input, keep every value exactly' <<'EOF'
last='SELECT body FROM notes ORDER BY id DESC LIMIT 1'
k=1
while [ $k -le "$NV" ]; do
	v=$(val $k)
	keep "$v" "$last" cx note add 1 -m "$v"
	keep "$v" "$last" cx note add --customer ana@example.com --public --kind call -m "$v"
	printf '%s\n' "$v" >body
	keep "$v" "$last" cx note add 1 -m - <body
	keep "$v

$v" "$last" cx note add 1 -m "$v" -m "$v"
	k=$((k + 1))
done
EOF

t 'touchpoints, feedback, replies and reasons keep every value exactly' <<'EOF'
k=1
while [ $k -le "$NV" ]; do
	v=$(val $k)
	keep "$v" 'SELECT summary FROM touchpoints ORDER BY id DESC LIMIT 1' \
		cx touch log ana@example.com --channel web --stage purchase -m "$v"
	keep "$v" 'SELECT body FROM feedback ORDER BY id DESC LIMIT 1' \
		cx feedback add --source google -m "$v" --author "$v"
	id=$(dbq 'SELECT max(id) FROM feedback')
	stored_is "$v" "SELECT author FROM feedback WHERE id = $id"
	keep "$v" "SELECT body FROM feedback_replies WHERE feedback_id = $id" cx feedback respond "$id" -m "$v"
	keep "$v" 'SELECT body FROM feedback ORDER BY id DESC LIMIT 1' \
		cx feedback add --source yelp -m "$v"
	id=$(dbq 'SELECT max(id) FROM feedback')
	keep "$v" "SELECT why FROM feedback WHERE id = $id" cx feedback ignore "$id" --why "$v"
	k=$((k + 1))
done
EOF

t 'fields with rules (phone, handle, url, ids, tags, owners, outcomes, names of things, the actor): kept exactly or refused whole' <<'EOF'
: >tally
who="email = 'ana@example.com'"
k=1
while [ $k -le "$NE" ]; do
	v=$(each $k)
	{
		kept_or_refused "$v" "SELECT phone FROM customers WHERE $who" cx customer edit ana@example.com --phone "$v"
		kept_or_refused "$v" "SELECT handle FROM customers WHERE $who" cx customer edit ana@example.com --handle "$v"
		kept_or_refused "$v" "SELECT tag FROM customer_tags t JOIN customers c ON c.id = t.customer_id
			WHERE $who AND tag = $(sqlstr "$v")" cx customer edit ana@example.com -t "$v"
		kept_or_refused "$v" "SELECT owner FROM cases WHERE id = 1" cx case assign 1 "$v"
		kept_or_refused "$v" "SELECT tag FROM case_tags WHERE case_id = 1 AND tag = $(sqlstr "$v")" \
			cx case update 1 -t "$v"
		kept_or_refused "$v" "SELECT url FROM feedback ORDER BY id DESC LIMIT 1" \
			cx feedback add --source google -m "url $k" --url "$v"
		kept_or_refused "$v" "SELECT platform_id FROM feedback ORDER BY id DESC LIMIT 1" \
			cx feedback add --source google -m "id $k" --id "$v"
		kept_or_refused "$v" "SELECT name FROM stages WHERE name = $(sqlstr "$v")" \
			cx journey stages add "$v"
		kept_or_refused "$v" "SELECT name FROM channels WHERE name = $(sqlstr "$v")" \
			cx journey channels add "$v"
		kept_or_refused "$v" "SELECT name FROM feedback_sources WHERE name = $(sqlstr "$v")" \
			cx feedback sources add "$v"
		kept_or_refused "$v" "SELECT actor FROM events ORDER BY id DESC LIMIT 1" cx --as "$v" note add 1 -m "as $k"
		kept_or_refused "$v" "SELECT value FROM settings WHERE key = 'user'" cx config set user "$v"
		kept_or_refused "$v" "SELECT outcome FROM cases WHERE id = 1" cx case resolve 1 --outcome "$v"
	} >>tally
	cx -q config unset user
	[ "$(dbq "SELECT status FROM cases WHERE id = 1")" = open ] || cx -q case reopen 1
	k=$((k + 1))
done
# both outcomes happen: the rules refuse the worst, and let % _ \ through
grep -q kept tally
grep -q refused tally
echo "$(grep -c kept tally) kept, $(grep -c refused tally) refused" >"$T/rules"
EOF

[ -f "$T/rules" ] && echo "# fields with rules: $(cat "$T/rules")"

t 'config values and holiday names keep every value exactly' <<'EOF'
k=1
while [ $k -le "$NV" ]; do
	v=$(val $k)
	keep "$v" "SELECT value FROM settings WHERE key = 'hooks.dir'" cx config set hooks.dir "$v"
	cx config get hooks.dir >got
	printf '%s\n' "$(stored "$v")" >expect
	same expect got
	keep "$v" "SELECT name FROM holidays WHERE day = '2026-12-0$k'" cx sla holiday "2026-12-0$k" "$v"
	k=$((k + 1))
done
cx -q config unset hooks.dir
EOF

t 'survey import: the survey name, column names, respondents and comments keep every value exactly' <<'EOF'
# one column per value (the extra questions) and one row per value
{
	printf 'id,email,name,nps,comment'
	k=1
	while [ $k -le "$NV" ]; do printf ',%s' "$(csvq "$(fval $k)")"; k=$((k + 1)); done
	printf '\n'
	k=1
	while [ $k -le "$NV" ]; do
		v=$(fval $k)
		printf 'R%d,r%d@example.com,%s,%d,%s' $k $k "$(csvq "$v")" $((k % 11)) "$(csvq "$v")"
		j=1
		while [ $j -le "$NV" ]; do
			if [ $j = $k ]; then printf ',%s' "$(csvq "$v")"; else printf ','; fi
			j=$((j + 1))
		done
		printf '\n'
		k=$((k + 1))
	done
} >hostile.csv
# the Jth line: value J as the database stores it (question J, and respondent RJ's name, comment and answer to J)
j=1
while [ $j -le "$NV" ]; do
	stored "$(fval $j)"
	echo
	j=$((j + 1))
done >cells
k=1
while [ $k -le "$NV" ]; do
	v=$(val $k)
	keep "$v" 'SELECT name FROM surveys ORDER BY id DESC LIMIT 1' cx survey import hostile.csv --name "$v"
	s=$(dbq 'SELECT max(id) FROM surveys')
	test "$(dbq "SELECT count(*) FROM responses WHERE survey_id = $s")" = "$NV"
	dbq "SELECT text FROM survey_questions WHERE survey_id = $s AND qid BETWEEN 1 AND $NV ORDER BY qid" >got
	same cells got
	for col in name comment; do
		dbq "SELECT $col FROM responses WHERE survey_id = $s ORDER BY key" >got
		same cells got
	done
	j=1
	while [ $j -le "$NV" ]; do
		dbq "SELECT $(answer "$j") FROM responses WHERE survey_id = $s AND key = 'R$j'"
		j=$((j + 1))
	done >got
	same cells got
	k=$((k + 1))
done
# and the survey can be named and shown by its name
cx survey show "$(val 1)" --format tsv >out
has out 'DROP TABLE cases'
test "$(dbq 'SELECT count(*) FROM surveys')" = "$NV"
EOF

t 'feedback and touchpoint imports keep every cell exactly' <<'EOF'
{
	echo 'id,source,at,author,text'
	k=1
	while [ $k -le "$NV" ]; do
		v=$(fval $k)
		printf 'F%d,google,2026-03-01 09:0%d,%s,%s\n' $k $k "$(csvq "$v")" "$(csvq "$v")"
		k=$((k + 1))
	done
} >feedback.csv
cx -q feedback import feedback.csv >/dev/null
{
	echo 'customer,at,channel,stage,summary'
	k=1
	while [ $k -le "$NV" ]; do
		printf 'ana@example.com,2026-03-01 10:0%d,web,purchase,%s\n' $k "$(csvq "$(fval $k)")"
		k=$((k + 1))
	done
} >touches.csv
cx -q touch import touches.csv >/dev/null
k=1
while [ $k -le "$NV" ]; do
	v=$(fval $k)
	stored_is "$v" "SELECT author FROM feedback WHERE platform_id = 'F$k'"
	stored_is "$v" "SELECT body FROM feedback WHERE platform_id = 'F$k'"
	stored_is "$v" "SELECT summary FROM touchpoints WHERE at = $(date -u -d "2026-03-01 10:0$k" +%s)"
	k=$((k + 1))
done
EOF

# ---- what comes back out ------------------------------------------------------

t 'what cx prints is what was stored: TSV exact but for its escapes, JSON exact' <<'EOF'
k=1
for id in $(cat "$T/case-ids"); do
	v=$(val $k)
	cx case list --status all --format tsv | awk -F '\t' -v id="$id" '$1 == id { print $11 }' >got
	s=$(stored "$v")
	tsvq "[$s]" >expect
	same expect got
	cx note list "$id" --format tsv | sed 1d | cut -f9 >got
	{ tsvq "$s"; tsvq "$s 1"; tsvq "$s 2"; tsvq "$s 3"; tsvq "$s 4"; tsvq "$s 5"; } >expect
	same expect got
	cx customer list --format tsv | awk -F '\t' -v e="v$k@example.com" '$3 == e { print $2 }' >got
	tsvq "$s (edited)" >expect
	same expect got
	# JSON carries text only as UTF-8: the byte that is not becomes U+FFFD, the rest is exact
	# (as a server stores it: stored says so)
	if on_pg || [ $k -lt "$NV" ]; then
		cx case show "$id" --format json >case.json
		test "$(jhex case.json '$.case.title')" = "$(hex "[$v]")"
		cx customer show "v$k@example.com" --format json >customer.json
		test "$(jhex customer.json '$.customer.name')" = "$(hex "$v (edited)")"
		test "$(jhex customer.json '$.customer.org')" = "$(hex "$v$v")"
	fi
	k=$((k + 1))
done
EOF

t 'search and list filters take every value as plain text (% and _ match only themselves)' <<'EOF'
k=1
while [ $k -le "$NE" ]; do
	v=$(each $k)
	x=$(sqlstr "$v")
	# full text: found, or refused as a query the syntax does not allow (2), never worse
	rc=0
	may_fail cx search -- "$v" >out 2>err || rc=$?
	case $rc in
	0 | 1) lines err 0 ;;
	2) has err 'cx: search: ' ;;
	*) echo "search exit $rc for $v" >&2; exit 1 ;;
	esac
	# substring filters: exactly the rows that hold the text
	cx customer list --search "$v" --format tsv | sed 1d | wc -l | tr -d ' ' >got
	dbq "SELECT count(*) FROM customers WHERE merged_into IS NULL AND (replace(lower(name), lower($x), '') <> lower(name)
		OR replace(lower(coalesce(email, '')), lower($x), '') <> lower(coalesce(email, '')) OR replace(coalesce(phone, ''), $x, '') <> coalesce(phone, '')
		OR replace(lower(coalesce(handle, '')), lower($x), '') <> lower(coalesce(handle, '')) OR replace(lower(coalesce(org, '')), lower($x), '') <> lower(coalesce(org, '')))" >expect
	same expect got
	cx note list 1 --search "$v" --format tsv | sed 1d | wc -l | tr -d ' ' >got
	dbq "SELECT count(*) FROM notes WHERE case_id = 1 AND replace(lower(body), lower($x), '') <> lower(body)" >expect
	same expect got
	cx case list --status all --search "$v" --format tsv | sed 1d | wc -l | tr -d ' ' >got
	dbq "SELECT count(*) FROM cases k WHERE replace(lower(title), lower($x), '') <> lower(title)
		OR EXISTS (SELECT 1 FROM notes n WHERE n.case_id = k.id AND replace(lower(n.body), lower($x), '') <> lower(n.body))" >expect
	same expect got
	k=$((k + 1))
done
# the wildcards found something, and not everything (not a case with neither)
cx -q case open ana@example.com --title "Plain title"
test "$(cx case list --status all --search % --format tsv | sed 1d | wc -l)" -lt "$(dbq 'SELECT count(*) FROM cases')"
test "$(cx case list --status all --search _ --format tsv | sed 1d | wc -l)" -gt 0
EOF

t 'no table was dropped or changed, and nothing ran: no file pwned anywhere' <<'EOF'
schema >schema
same "$T/schema" schema
test "$(dbq 'SELECT count(*) FROM cases')" -gt "$NV"
find "$T" "$HOME" -name 'pwned*' >found
lines found 0
EOF

t_file 'the file checks out' <<'EOF'
test "$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')" = ok
EOF

# ---- CSV neutralises formulas, in every list ---------------------------------

t 'CSV neutralises formulas in notes, touchpoints, feedback, responses and search results' <<'EOF'
cx -q note add 1 -m '=1+2 note'
cx -q touch log ana@example.com --channel web --stage purchase -m '+SUM(A1) touch'
cx -q feedback add --source google -m '@cmd feedback' --author '-2+3'
printf 'id,email,nps,comment\nQ1,ana@example.com,2,"=HYPERLINK(""http://x"") comment"\n' >formula.csv
cx -q survey import formula.csv --name Formula >/dev/null
cx note list 1 --format csv >notes.csv
has notes.csv "\"'=1+2 note\""
cx touch list --format csv >touch.csv
has touch.csv "\"'+SUM(A1) touch\""
cx feedback list --format csv >fb.csv
has fb.csv "\"'@cmd feedback\""
has fb.csv "\"'-2+3\""
cx survey responses --survey Formula --format csv >resp.csv
has resp.csv "\"'=HYPERLINK(\"\"http://x\"\") comment\""
cx search note --format csv >search.csv
has search.csv "'="
# the machine formats for programs keep the text as it is
cx note list 1 --format tsv >notes.tsv
has notes.tsv "	=1+2 note"
hasnt notes.tsv "'=1+2"
cx feedback list --format json >fb.json
has fb.json '"@cmd feedback"'
EOF

# ---- terminal output: stored control characters never reach it ---------------

t 'control characters that came in through imports never reach the terminal raw' <<'EOF'
esc=$(printf '\033')
bel=$(printf '\007')
# cx refuses them on its command line; files may carry them all the same
fails 65 cx customer add "Bad${esc}[2J"
printf 'id,email,name,nps,comment\nE1,evil@example.com,"Evil%s[2J%s]0;owned%s",1,"wipe%s[2J%s[H the screen%s"\n' \
	"$esc" "$esc" "$bel" "$esc" "$esc" "$bel" >evil.csv
cx -q survey import evil.csv --name Evil >/dev/null
# (and respondents do not become customers with such names)
fails 65 cx survey import evil.csv --name Evil2 --create-customers
has err 'holds a control character'
printf 'id,source,at,author,text\nX1,google,2026-03-01 12:00,"Troll%s[31m","red%s[31m alert%s"\n' "$esc" "$esc" "$bel" >evil-fb.csv
cx -q feedback import evil-fb.csv >/dev/null
printf 'customer,at,channel,stage,summary\nana@example.com,2026-03-01 11:00,web,purchase,"title%s]0;pwned%s"\n' \
	"$esc" "$bel" >evil-touch.csv
cx -q touch import evil-touch.csv >/dev/null
# stored as given
test "$(dbq "SELECT count(*) FROM responses WHERE key = 'E1' AND replace(comment, '$esc', '') <> comment")" = 1
# and shown safely wherever a person looks
cx survey responses --survey Evil >o1
cx feedback list >o2
cx feedback show "$(dbq "SELECT id FROM feedback WHERE platform_id = 'X1'")" >o3
cx touch list --customer ana@example.com >o4
cx journey show ana@example.com >o5
cx survey show Evil >o6
cx customer show ana@example.com >o7
cx feedback report >o8
cx case brief 1 >o9
cx search wipe >o10
cx search red --format markdown >o11
for f in o1 o2 o3 o4 o5 o6 o7 o8 o9 o10 o11; do
	test -s $f
	clean $f
done
has o1 "wipe$(printf '\357\277\275')[2J$(printf '\357\277\275')[H the screen$(printf '\357\277\275')"
# a machine format spells them out instead
cx survey responses --survey Evil --format tsv >t1
has t1 'wipe\x1b[2J\x1b[H the screen\x07'
EOF

# ---- private files ---------------------------------------------------------

t 'the database, its log files and backups are made 0600 whatever the umask' <<'EOF'
umask 000
# the default place, whose directories cx makes
env -u CX_DB XDG_DATA_HOME="$PWD/new/dir" "$CX" -q customer add "Private"
test "$(stat -c %a new/dir/cx/cx.db)" = 600
test "$(stat -c %a new/dir/cx)" = 700
test "$(stat -c %a new/dir)" = 700
test "$(stat -c %a new)" = 700
for f in new/dir/cx/cx.db-wal new/dir/cx/cx.db-shm; do
	if [ -e "$f" ]; then test "$(stat -c %a "$f")" = 600; fi
done
cx --db "$PWD/new/dir/cx/cx.db" backup "$PWD/copy.db" >/dev/null
test "$(stat -c %a copy.db)" = 600
# an empty file made beforehand (mktemp, or a careless touch) is made private too
: >loose.db
chmod 666 loose.db
cx --db "$PWD/new/dir/cx/cx.db" backup "$PWD/loose.db" >/dev/null
test "$(stat -c %a loose.db)" = 600
test "$(sqlite3 loose.db 'SELECT name FROM customers')" = Private
EOF

# ---- $EDITOR and hooks: no shell between cx and user data ---------------------

t '$EDITOR is split on spaces and run without a shell: shell syntax in it does nothing' <<'EOF'
before=$(dbq 'SELECT count(*) FROM notes')
# sh gets -c '"touch' 'pwned"' and the file: an unterminated quote, not a command
EDITOR='sh -c "touch pwned"' fails 2 cx note add 1 --edit
has err 'cx: the editor (sh) failed; nothing was done'
# a ; is part of the program's name, which does not exist
EDITOR='vi; touch pwned' fails 2 cx note add 1 --edit
has err 'cx: cannot run editor vi;: '
EDITOR='$(touch pwned)' fails 2 cx note add 1 --edit
EDITOR='`touch pwned`' fails 2 cx note add 1 --edit
find "$T" "$HOME" /tmp -maxdepth 1 -name 'pwned*' >found
lines found 0
test "$(dbq 'SELECT count(*) FROM notes')" = "$before"
EOF

t 'the editor gets its own arguments and a private file, from cx itself; what it writes is kept exactly' <<'EOF'
cat >ed.sh <<'X'
#!/bin/sh
# Records how it was run, then writes a hostile note.
for a; do printf '%s\n' "$a"; done >"$ED_LOG/args"
cat "/proc/$PPID/comm" >"$ED_LOG/parent"
stat -c %a "$2" >"$ED_LOG/mode"
printf '%s\n' "$2" >"$ED_LOG/path"
printf '$(touch pwned) `touch pwned` %s; rm -rf / \\ %%s\n' "'" >"$2"
X
chmod +x ed.sh
ED_LOG=$PWD EDITOR="$PWD/ed.sh --wait" cx note add 1 --edit >/dev/null
head -n 1 args >got
echo '--wait' >expect
same expect got
lines args 2
grep -E '^/tmp/cx-note-[A-Za-z0-9]{6}$' path >/dev/null
echo cx >expect
same expect parent
echo 600 >expect
same expect mode
test ! -e "$(cat path)"
stored_is "\$(touch pwned) \`touch pwned\` '; rm -rf / \\ %s" 'SELECT body FROM notes ORDER BY id DESC LIMIT 1'
find "$T" "$HOME" /tmp -maxdepth 1 -name 'pwned*' >found
lines found 0
EOF

t 'a hook gets user data on standard input only: no arguments, nothing in its environment, started by cx' <<'EOF'
mkdir -p hooks
cat >hooks/on-feedback <<'X'
#!/bin/sh
cat >"$HOOK_LOG/event.json"
echo $# >"$HOOK_LOG/argc"
cat "/proc/$PPID/comm" >"$HOOK_LOG/parent"
env >"$HOOK_LOG/env"
X
chmod +x hooks/on-feedback
cx -q config set hooks.dir "$PWD/hooks"
author='$(touch pwned)'
text='`touch pwned`; touch pwned && echo "$HOME" | sh'
HOOK_LOG=$PWD cx feedback add --source google --author "$author" -m "$text" >/dev/null 2>err
lines err 0
test "$(jhex event.json '$.feedback.author')" = "$(hex "$author")"
test "$(jhex event.json '$.feedback.text')" = "$(hex "$text")"
echo 0 >expect
same expect argc
echo cx >expect
same expect parent
hasnt env 'pwned'
has env 'CX_HOOK=on-feedback'
cx -q config unset hooks.dir
find "$T" "$HOME" /tmp -maxdepth 1 -name 'pwned*' >found
lines found 0
EOF

finish
