#!/bin/sh
# Output formats: table for people; TSV, CSV, JSON and JSON Lines for
# scripts, each escaping awkward values its own way. Stored control
# characters never reach a terminal.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

tab() { tr '|' '\t'; }

# FILE must hold no control character but newlines (ESC, BEL, tab, ...).
clean() {
	if LC_ALL=C tr -d '\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		echo "# $1 holds a raw control character:" >&2
		od -c "$1" | grep -E '\\[0-9]{3}|\\[abtvfr]' | head -n 5 | sed 's/^/#   /' >&2
		return 1
	fi
}

# The byte \377 is not UTF-8: SQLite keeps it as it is; on PostgreSQL, whose
# text must be UTF-8, cx stores U+FFFD (the replacement character) instead.
FFFD=$(printf '\357\277\275')

# Prints 1 when FILE is valid JSON (of any type).
json_ok() { sqlite3 :memory: "select json_valid(cast(readfile('$1') as text))"; }

t 'setup: customers with awkward names' <<'EOF'
cx customer add "$(printf 'Tab\there')" --org "$(printf 'line1\nline2')" >/dev/null
cx customer add 'Back\Slash' --org 'C:\new' >/dev/null
cx customer add '=HYPERLINK("x")' --org 'a,b' >/dev/null
cx customer add 'O"Brien, Pat' --email pat@example.com >/dev/null
cx customer add 'Zoë' --email zoe@example.com >/dev/null
cx customer add '李小龙' --email lee@example.com >/dev/null
cx customer add -- '-minus' >/dev/null
cx customer add '@at' >/dev/null
cx customer add '+plus' >/dev/null
# cx refuses control characters, so this one is stored behind its back (the
# escape and bell bytes are in the SQL text itself: SQLite's char() is chr()
# in PostgreSQL).
dbq "INSERT INTO customers (name, created_at, updated_at) VALUES
	('$(printf 'Evil\033[31mRed\033]0;title\007')', 1772442000, 1772442000)"
cx customer add "$(printf 'Bad\377byte')" >/dev/null
cx customer list --format tsv >out
lines out 12
EOF

t 'cx refuses control characters in a name (65)' <<'EOF'
fails 65 cx customer add "$(printf 'Esc\033[2J')"
echo 'cx: name: holds a control character' >expect
same expect err
EOF

# ---- TSV -------------------------------------------------------------------

t 'TSV escapes tab, newline and backslash, and control characters' <<'EOF'
cx customer list --sort id --format tsv | cut -f1,2,6 >out
tab >expect <<'X'
id|name|org
1|Tab\there|line1\nline2
2|Back\\Slash|C:\\new
3|=HYPERLINK("x")|a,b
4|O"Brien, Pat|
5|Zoë|
6|李小龙|
7|-minus|
8|@at|
9|+plus|
10|Evil\x1b[31mRed\x1b]0;title\x07|
X
if on_pg; then
	printf '11\tBad%sbyte\t\n' "$FFFD" >>expect
else
	printf '11\tBad\377byte\t\n' >>expect
fi
same expect out
EOF

t 'TSV has the same number of fields on every line' <<'EOF'
cx customer list --format tsv >out
awk -F '\t' 'NF != 10 { print NR": "NF" fields"; bad = 1 } END { exit bad }' out
EOF

# ---- CSV -------------------------------------------------------------------

t 'CSV quotes per RFC 4180 and neutralises formulas' <<'EOF'
cx customer list --sort id --format csv >out
cat >expect <<'X'
id,name,email,phone,handle,org,tags,open_cases,cases,created_at
1,Tab	here,,,,"line1
line2",,0,0,2026-03-02T09:00:00Z
2,Back\Slash,,,,C:\new,,0,0,2026-03-02T09:00:00Z
3,"'=HYPERLINK(""x"")",,,,"a,b",,0,0,2026-03-02T09:00:00Z
4,"O""Brien, Pat",pat@example.com,,,,,0,0,2026-03-02T09:00:00Z
5,Zoë,zoe@example.com,,,,,0,0,2026-03-02T09:00:00Z
6,李小龙,lee@example.com,,,,,0,0,2026-03-02T09:00:00Z
7,"'-minus",,,,,,0,0,2026-03-02T09:00:00Z
8,"'@at",,,,,,0,0,2026-03-02T09:00:00Z
9,"'+plus",,,,,,0,0,2026-03-02T09:00:00Z
X
# control characters, which a spreadsheet or a terminal showing the file might act on, as U+FFFD
printf '10,Evil%s[31mRed%s]0;title%s,,,,,,0,0,2026-03-02T09:00:00Z\n' "$FFFD" "$FFFD" "$FFFD" >>expect
if on_pg; then
	printf '11,Bad%sbyte,,,,,,0,0,2026-03-02T09:00:00Z\n' "$FFFD" >>expect
else
	printf '11,Bad\377byte,,,,,,0,0,2026-03-02T09:00:00Z\n' >>expect
fi
same expect out
EOF

t 'CSV reads back with an RFC 4180 reader to the stored values' <<'EOF'
cx customer list --format csv >out.csv
sqlite3 :memory: ".import --csv out.csv t" "SELECT id, name, org FROM t ORDER BY CAST(id AS INTEGER)" >got
# What was stored, with the apostrophe a spreadsheet-safe cell starts with,
# and U+FFFD for the control characters.
dbq "SELECT id, CASE WHEN substr(name, 1, 1) IN ('=', '+', '-', '@')
	THEN '''' || name ELSE name END, coalesce(org, '') FROM customers ORDER BY id" |
	sed "s/$(printf '\033')/$FFFD/g; s/$(printf '\007')/$FFFD/g" >expect
same expect got
EOF

t 'CSV cells of numbers and times are never neutralised' <<'EOF'
cx case open 'zoe@example.com' --title "-5 degrees on arrival" --priority low >/dev/null
cx case list --format csv | cut -d, -f1,2,3 >out
printf 'id,status,priority\n1,new,low\n' >expect
same expect out
cx case list --format csv | tail -n 1 >out
printf '%s\n' "1,new,low,5,Zoë,,,,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,\"'-5 degrees on arrival\"" >expect
same expect out
EOF

# ---- JSON and JSON Lines ---------------------------------------------------

t 'JSON is one valid array holding every customer' <<'EOF'
cx customer list --format json >out
test "$(json_ok out)" = 1
test "$(sqlite3 :memory: "select json_array_length(cast(readfile('out') as text))")" = 11
head -c 1 out >first
printf '[' >expect
same expect first
EOF

t 'JSON values read back to the stored text' <<'EOF'
cx customer list --sort id --format json >out
sqlite3 :memory: "SELECT json_extract(value, '\$.name') || '|' || coalesce(json_extract(value, '\$.org'), '')
	FROM json_each(cast(readfile('out') as text)) WHERE json_extract(value, '\$.id') <= 10" >got
dbq "SELECT name || '|' || coalesce(org, '') FROM customers WHERE id <= 10 ORDER BY id" >expect
same expect got
EOF

t 'JSON escapes control characters and replaces bytes that are not UTF-8' <<'EOF'
cx customer list --sort id --format json >out
has out '"name":"Tab\there"'
has out '"org":"line1\nline2"'
has out '"name":"Back\\Slash"'
has out '"name":"O\"Brien, Pat"'
has out '"name":"Evil\u001b[31mRed\u001b]0;title\u0007"'
if on_pg; then
	# stored as U+FFFD already: valid UTF-8, written as it is
	has out "\"name\":\"Bad${FFFD}byte\""
else
	has out '"name":"Bad\ufffdbyte"'
fi
clean out
if LC_ALL=C grep -q "$(printf '\377')" out; then exit 1; fi
EOF

t 'JSON Lines is one valid object per line' <<'EOF'
cx customer list --format jsonl >out
lines out 11
n=0
while IFS= read -r line; do
	n=$((n + 1))
	printf '%s' "$line" >one
	test "$(sqlite3 :memory: "select json_valid(cast(readfile('one') as text))
		and json_type(cast(readfile('one') as text)) = 'object'")" = 1
done <out
test $n = 11
EOF

t 'numbers are numbers, times UTC, and empty values null in JSON' <<'EOF'
cx customer list --format json --search zoe >out
cat >expect <<'X'
[
{"id":5,"name":"Zoë","email":"zoe@example.com","phone":null,"handle":null,"org":null,"tags":null,"open_cases":1,"cases":1,"created_at":"2026-03-02T09:00:00Z"}
]
X
same expect out
EOF

# ---- the table -------------------------------------------------------------

t 'the table aligns wide and accented names by display width' <<'EOF'
cx customer list --sort id >out
# Every line is exactly as wide on screen as the header.
while IFS= read -r line; do printf '%s\n' "$line" | wc -L; done <out | sort -u >widths
lines widths 1
# And the EMAIL column starts at the same place on each line.
head -n 1 out | sed 's/EMAIL.*//' | wc -L >expect
grep '李小龙' out | sed 's/lee@.*//' | wc -L >got
same expect got
grep 'Zoë' out | sed 's/zoe@.*//' | wc -L >got
same expect got
EOF

t 'the table shows one line per customer whatever the names hold' <<'EOF'
cx customer list >out
lines out 12
has out 'Tab here'
grep -q 'line1.line2' out
has out "Evil${FFFD}[31mRed${FFFD}]0;title${FFFD}"
# a byte that is not UTF-8 (on a server, U+FFFD already) is shown as U+FFFD too
has out "Bad${FFFD}byte"
EOF

t 'error messages quoting stored names stay one clean line' <<'EOF'
cx customer add "Evil Twin" >/dev/null
fails 1 cx customer show evil
clean err
lines err 1
has err "\"evil\" matches 2 customers: 10 Evil${FFFD}[31mRed${FFFD}]0;title${FFFD}; 12 Evil Twin"
EOF

t 'stored control characters never reach the terminal raw' <<'EOF'
cx customer list >out1
cx customer show 10 >out2
cx case open 10 --title "Sees the name" -m "first" >out3
cx case list >out4
cx case brief 2 >out5
cx note list >out6
cx customer merge 10 '+plus' >out7
cx customer list --merged >out8
for f in out1 out2 out3 out4 out5 out6 out7 out8; do
	clean $f
done
has out3 "Opened case 2 for Evil${FFFD}[31mRed${FFFD}]0;title${FFFD}"
EOF

t 'colour only when asked, and never in machine formats' <<'EOF'
cx --color always customer list --tag none >out
lines out 0
cx --color always customer list >out
if ! LC_ALL=C grep -q "$(printf '\033')\[" out; then exit 1; fi
for f in tsv csv json jsonl; do
	cx --color always customer list --format $f --search zoe >out
	if LC_ALL=C grep -q "$(printf '\033')" out; then exit 1; fi
done
cx customer list --search zoe >out
clean out
EOF

# ---- cx case list in every format ------------------------------------------

t 'setup: cases with awkward titles' <<'EOF'
cx case open lee@example.com --title '=SUM(A1:A9)' --channel web --owner kim >/dev/null
cx case open pat@example.com --title 'Comma, "quoted" and a	tab' --priority urgent >/dev/null
cx case list --format tsv >out
lines out 5
EOF

t 'case list in TSV' <<'EOF'
cx case list --format tsv >out
tab >expect <<'X'
id|status|priority|customer_id|customer|owner|channel|stage|opened_at|updated_at|title
4|new|urgent|4|O"Brien, Pat||||2026-03-02T09:00:00Z|2026-03-02T09:00:00Z|Comma, "quoted" and a\ttab
3|open|normal|6|李小龙|kim|web||2026-03-02T09:00:00Z|2026-03-02T09:00:00Z|=SUM(A1:A9)
2|new|normal|9|+plus||||2026-03-02T09:00:00Z|2026-03-02T09:00:00Z|Sees the name
1|new|low|5|Zoë||||2026-03-02T09:00:00Z|2026-03-02T09:00:00Z|-5 degrees on arrival
X
same expect out
EOF

t 'case list in CSV' <<'EOF'
cx case list --format csv >out
cat >expect <<'X'
id,status,priority,customer_id,customer,owner,channel,stage,opened_at,updated_at,title
4,new,urgent,4,"O""Brien, Pat",,,,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,"Comma, ""quoted"" and a	tab"
3,open,normal,6,李小龙,kim,web,,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,"'=SUM(A1:A9)"
2,new,normal,9,"'+plus",,,,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Sees the name
1,new,low,5,Zoë,,,,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,"'-5 degrees on arrival"
X
same expect out
EOF

t 'case list in JSON' <<'EOF'
cx case list --format json >out
cat >expect <<'X'
[
{"id":4,"status":"new","priority":"urgent","customer_id":4,"customer":"O\"Brien, Pat","owner":null,"channel":null,"stage":null,"opened_at":"2026-03-02T09:00:00Z","updated_at":"2026-03-02T09:00:00Z","title":"Comma, \"quoted\" and a\ttab"},
{"id":3,"status":"open","priority":"normal","customer_id":6,"customer":"李小龙","owner":"kim","channel":"web","stage":null,"opened_at":"2026-03-02T09:00:00Z","updated_at":"2026-03-02T09:00:00Z","title":"=SUM(A1:A9)"},
{"id":2,"status":"new","priority":"normal","customer_id":9,"customer":"+plus","owner":null,"channel":null,"stage":null,"opened_at":"2026-03-02T09:00:00Z","updated_at":"2026-03-02T09:00:00Z","title":"Sees the name"},
{"id":1,"status":"new","priority":"low","customer_id":5,"customer":"Zoë","owner":null,"channel":null,"stage":null,"opened_at":"2026-03-02T09:00:00Z","updated_at":"2026-03-02T09:00:00Z","title":"-5 degrees on arrival"}
]
X
same expect out
test "$(json_ok out)" = 1
EOF

t 'case list in JSON Lines' <<'EOF'
cx case list --format jsonl >out
cx case list --format json | sed -e '1d' -e '$d' -e 's/,$//' >expect
same expect out
EOF

t 'case list as a table' <<'EOF'
cx --now 2026-03-02T12:00:00Z case list >out
cat >expect <<'X'
ID  STATUS  PRIORITY  CUSTOMER      OWNER  OPENED AT  TITLE
 4  new     urgent    O"Brien, Pat         3h         Comma, "quoted" and a tab
 3  open    normal    李小龙        kim    3h         =SUM(A1:A9)
 2  new     normal    +plus                3h         Sees the name
 1  new     low       Zoë                  3h         -5 degrees on arrival
X
same expect out
EOF

t '--format works before the command and after the verb' <<'EOF'
cx --format tsv case list >a
cx case list --format tsv >b
cx case list --format=tsv >c
same a b
same a c
EOF

t 'an empty case list in each format' <<'EOF'
cx case list --status closed >out
lines out 0
cx case list --status closed --format tsv >out
lines out 1
cx case list --status closed --format csv >out
lines out 1
cx case list --status closed --format json >out
echo '[]' >expect
same expect out
cx case list --status closed --format jsonl >out
lines out 0
EOF

# ---- text that could fool a terminal or a reader ---------------------------

t 'setup: ESC sequences in a case title and a note, U+202E in a name' <<'EOF'
esc=$(printf '\033') bel=$(printf '\007') csi=$(printf '\302\233') rlo=$(printf '\342\200\256')
# a name may hold a bidi override (only control characters are refused there)
cx customer add "Mallory ${rlo}gpj.exe" --email mal@example.com >/dev/null
cx case open mal@example.com --title "Refund ${esc}[2J${esc}]0;pwned${bel} ${csi}31mnow" \
	-m "note ${esc}[31mred${esc}[0m and ${rlo}txet" >/dev/null
# stored as given
test "$(dbq "SELECT count(*) FROM customers WHERE name = 'Mallory ${rlo}gpj.exe'")" = 1
test "$(dbq "SELECT count(*) FROM cases WHERE title = 'Refund ${esc}[2J${esc}]0;pwned${bel} ${csi}31mnow'")" = 1
EOF

# what people and spreadsheets see of each
views() { # FORMAT
	cx case list --customer mal@example.com --format "$1" >"list.$1"
	cx note list --customer mal@example.com --format "$1" >"notes.$1"
	cx case show 5 --format "$1" >"show.$1"
	cx case brief 5 --format "$1" >"brief.$1"
	cx customer list --search mal --format "$1" >"customers.$1"
}

t 'table, markdown, HTML and CSV show every control and bidi character as U+FFFD, in every field' <<'EOF'
rlo=$(printf '\342\200\256') csi=$(printf '\302\233')
for f in table markdown html csv; do
	views $f
	for v in list notes show brief customers; do
		test -s "$v.$f"
		clean "$v.$f"
		hasnt "$v.$f" "$rlo"
		hasnt "$v.$f" "$csi"
	done
	has "list.$f" "Refund ${FFFD}[2J${FFFD}]0;pwned${FFFD} ${FFFD}31mnow"
	has "customers.$f" "Mallory ${FFFD}gpj.exe"
	has "notes.$f" "note ${FFFD}[31mred${FFFD}[0m and ${FFFD}txet"
	has "brief.$f" "Mallory ${FFFD}gpj.exe"
done
EOF

t 'TSV and JSON keep the text exact, as escapes a terminal does not act on' <<'EOF'
rlo=$(printf '\342\200\256') csi=$(printf '\302\233')
for f in tsv json jsonl; do
	views $f
	for v in list notes show brief customers; do
		# (TSV's own tabs and newlines are the only control characters)
		if LC_ALL=C grep -q "$(printf '[\033\007]')" "$v.$f"; then exit 1; fi
		hasnt "$v.$f" "$rlo"
		hasnt "$v.$f" "$csi"
	done
done
has list.tsv 'Refund \x1b[2J\x1b]0;pwned\x07 \u009b31mnow'
has customers.tsv 'Mallory \u202egpj.exe'
has list.json '"title":"Refund \u001b[2J\u001b]0;pwned\u0007 \u009b31mnow"'
has customers.jsonl '"name":"Mallory \u202egpj.exe"'
has notes.json '"body":"note \u001b[31mred\u001b[0m and \u202etxet"'
# read back, the JSON is the stored text, byte for byte
test "$(json_ok list.json)" = 1
sqlite3 :memory: "SELECT json_extract(cast(readfile('customers.json') AS text), '\$[0].name')" >got
printf 'Mallory %sgpj.exe\n' "$rlo" >want
same want got
EOF

t 'a message that quotes stored text shows it as U+FFFD too' <<'EOF'
rlo=$(printf '\342\200\256')
fails 1 cx case list --channel "${rlo}fax"
clean err
hasnt err "$rlo"
has err "cx: channel: \"${FFFD}fax\" is not one of"
fails 2 cx case list --status "$(printf 'open\033[2J')"
clean err
has err "cx: --status: \"open${FFFD}[2J\" is not one of"
EOF

# ---- narrow terminals and colour -------------------------------------------

# on_tty WIDTH CMD: runs the cx command CMD on a terminal WIDTH columns wide
# (script(1) gives it one, of a type that has colour: a fresh machine may have no TERM), printing what it showed.
on_tty() {
	_w=$1
	shift
	TERM=xterm script -qec "stty cols $_w rows 50 2>/dev/null; '$CX' $*" /dev/null | tr -d '\r'
}

if command -v script >/dev/null 2>&1; then
	t 'on a narrow terminal each row stays one line: text is cut first, then the least important columns go' <<'EOF'
cx case list --format tsv | sed 1d >rows
n=$(($(wc -l <rows) + 1))
on_tty 200 case list >wide
has wide 'OWNER'
has wide 'OPENED AT'
lines wide $n
for w in 80 60 40 30; do
	on_tty $w case list >narrow
	lines narrow $n
	# no line wider than the terminal (wc -L counts display columns)
	test "$(wc -L <narrow)" -le $w || { echo "# at $w:"; sed 's/^/#   /' narrow; exit 1; }
	# the id and the title are never left out
	head -n 1 narrow | grep -q '^ID  .*TITLE$'
done
# at 40 the owner and the age went, the customer and the title stayed, cut
on_tty 40 case list >narrow
hasnt narrow 'OWNER'
hasnt narrow 'OPENED AT'
has narrow 'CUSTOMER'
has narrow '…'
# not on a terminal: nothing is cut or left out, whatever COLUMNS says
COLUMNS=40 cx case list >piped
has piped 'OWNER'
test "$(wc -L <piped)" -gt 40
EOF
else
	t 'on a narrow terminal each row stays one line # SKIP script (util-linux) is not installed' <<'EOF'
true
EOF
fi

t 'colour: an urgent row stands out, the word in red; never with --color never or in a machine format' <<'EOF'
esc=$(printf '\033')
cx --color always case list >out
# the urgent case's row is bold, its priority red; the other rows are as without colour
grep "urgent" out | grep -q "^${esc}\[1m.*${esc}\[31murgent${esc}\[39m.*${esc}\[0m$"
grep -v urgent out | sed 1d >plain
if grep -q "$esc" plain; then exit 1; fi
cx --color always case show 4 >show
grep -q "Priority: *${esc}\[1;31murgent${esc}\[0m$" show
for f in tsv csv json jsonl markdown html; do
	cx --color always case list --format $f >out
	if grep -q "$esc" out; then echo "# colour in $f"; exit 1; fi
done
cx --color never case list >out
if grep -q "$esc" out; then exit 1; fi
EOF

if command -v script >/dev/null 2>&1; then
	t 'colour on a terminal by default (auto), never with NO_COLOR' <<'EOF'
esc=$(printf '\033')
(unset NO_COLOR; on_tty 120 case list) >out
has out "${esc}[31murgent"
NO_COLOR=1 on_tty 120 case list >out
if grep -q "$esc" out; then exit 1; fi
(unset NO_COLOR; on_tty 120 --color never case list) >out
if grep -q "$esc" out; then exit 1; fi
EOF
else
	t 'colour on a terminal by default (auto), never with NO_COLOR # SKIP script (util-linux) is not installed' <<'EOF'
true
EOF
fi

finish
