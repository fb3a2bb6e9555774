#!/bin/sh
# cx init (where the database lives, created safely) and cx demo (a sample
# business, built only where it was asked to be, the same every time).
. "$(dirname "$0")/lib.sh"

NOW=2026-03-01T12:00:00Z

# The mode of a file or directory, in octal.
mode() { stat -c %a "$1"; }

# ---- init ------------------------------------------------------------------

t 'init prints the default path and creates the file 0600 in 0700 directories' <<'EOF'
unset CX_DB
cx init >out
echo "$XDG_DATA_HOME/cx/cx.db" >expect
same expect out
test -f "$XDG_DATA_HOME/cx/cx.db"
test "$(mode "$XDG_DATA_HOME/cx/cx.db")" = 600
test "$(mode "$XDG_DATA_HOME/cx")" = 700
EOF

t 'the default path honours XDG_DATA_HOME and creates its parents' <<'EOF'
unset CX_DB
XDG_DATA_HOME="$PWD/deep/data/home" cx init >out
echo "$PWD/deep/data/home/cx/cx.db" >expect
same expect out
test "$(mode deep/data/home/cx/cx.db)" = 600
test "$(mode deep)" = 700
test "$(mode deep/data/home/cx)" = 700
EOF

t 'without XDG_DATA_HOME the default is $HOME/.local/share/cx/cx.db' <<'EOF'
unset CX_DB XDG_DATA_HOME
HOME="$PWD/home" cx init >out
echo "$PWD/home/.local/share/cx/cx.db" >expect
same expect out
test "$(mode home/.local/share/cx/cx.db)" = 600
EOF

t 'a relative XDG_DATA_HOME is ignored, as the spec says' <<'EOF'
unset CX_DB
HOME="$PWD/home" XDG_DATA_HOME=relative/dir cx init >out
echo "$PWD/home/.local/share/cx/cx.db" >expect
same expect out
test ! -e relative
EOF

t 'without HOME or XDG_DATA_HOME, init asks for --db (2)' <<'EOF'
unset CX_DB XDG_DATA_HOME HOME
fails 2 cx init
has err 'cx: cannot tell where the database goes: HOME is not set (use --db PATH or CX_DB)'
EOF

t '--db wins over CX_DB, which wins over the default' <<'EOF'
CX_DB="$PWD/env.db" cx init >out
echo "$PWD/env.db" >expect
same expect out
CX_DB="$PWD/env.db" cx --db "$PWD/opt.db" init >out
echo "$PWD/opt.db" >expect
same expect out
CX_DB="$PWD/env.db" cx init --db "$PWD/opt2.db" >out
echo "$PWD/opt2.db" >expect
same expect out
test "$(mode opt.db)" = 600 && test "$(mode opt2.db)" = 600 && test "$(mode env.db)" = 600
EOF

t 'init --db in a directory that is not there is refused (66), naming it: a typo makes nothing' <<'EOF'
fails 66 cx --db a/b/c/cx.db init
echo 'cx: a/b/c/cx.db: no such directory a/b/c (make it first, or check the path)' >expect
same expect err
test ! -e a
mkdir -p a/b/c
cx --db a/b/c/cx.db init >out
echo 'a/b/c/cx.db' >expect
same expect out
test "$(mode a/b/c/cx.db)" = 600
EOF

t 'init is idempotent and reports the schema in machine formats' <<'EOF'
if on_pg; then
	x=$(db_named x)
else
	x=x.db
fi
cx --db "$x" init >/dev/null
cx --db "$x" customer add "Kept" >/dev/null
cx --db "$x" init --format tsv >out
if on_pg; then
	v=$(CX_DB=$x; dbq 'SELECT max(version) FROM cx_schema')
else
	v=$(sqlite3 x.db 'PRAGMA user_version')
fi
printf 'path\tschema\n%s\t%s\n' "$x" "$v" >expect
same expect out
test "$v" -ge 1
cx --db "$x" customer list --format tsv | cut -f2 >out
printf 'name\nKept\n' >expect
same expect out
EOF

t 'a new database is in WAL mode with foreign keys that hold' <<'EOF'
cx --db w.db init >/dev/null
test "$(sqlite3 w.db 'PRAGMA journal_mode')" = wal
test -z "$(sqlite3 w.db 'PRAGMA foreign_key_check')"
EOF

t 'init leaves an existing file'"'"'s mode alone' <<'EOF'
: >shared.db
chmod 640 shared.db
cx --db shared.db init >/dev/null
test "$(mode shared.db)" = 640
EOF

# ---- demo ------------------------------------------------------------------

# The demo takes a moment to build: the tests share a few (files in $T, or
# databases on the server).
A=$(db_named demo-a) || exit 99
B=$(db_named demo-b) || exit 99

# rows SQL: what SQL selects from the demo database A.
rows() { (CX_DB=$A; dbq "$1"); }

t 'demo without --db or CX_DB builds in a fresh temporary directory, nowhere else' <<'EOF'
unset CX_DB
export HOME="$PWD/h" XDG_DATA_HOME="$PWD/h/data"
mkdir tmp h
# The user's own default database, which the demo must leave alone.
cx customer add "Mine" >/dev/null
sqlite3 "$XDG_DATA_HOME/cx/cx.db" .dump >before
TMPDIR="$PWD/tmp" cx --now "$NOW" demo >tour
path=$(sed -n 's/^    \(\/.*\/cx\.db\)$/\1/p' tour)
case $path in "$PWD"/tmp/cx-demo-*/cx.db) ;; *) echo "unexpected path '$path'" >&2; exit 1 ;; esac
test "$(mode "$path")" = 600
# 420 cases of the year, and the follow-ups of unhappy survey answers
test "$(sqlite3 "$path" 'select count(*) from cases')" -gt 420
sqlite3 "$XDG_DATA_HOME/cx/cx.db" .dump >after
same before after
test ! -e "$HOME/.local/share/cx"
EOF

t 'demo --db prints a tour naming its database and a case to brief' <<'EOF'
cx --now "$NOW" demo --db "$A" >out
has out 'Built the demo business "Bean & Burr"'
has out '300 customers, 420 cases,'
has out "    $A"
has out "export CX_DB=$A"
n=$(sed -n 's/^ *cx case brief \([0-9]*\) .*/\1/p' out)
test -n "$n"
cx --db "$A" case brief "$n" >brief
has brief 'Timeline'
EOF

t 'then cx --db X case list shows the cases' <<'EOF'
cx --db "$A" case list --status all --format tsv >cases
lines cases "$(($(rows 'select count(*) from cases') + 1))"
test "$(wc -l <cases)" -gt 421
cx --db "$A" customer list --format tsv >customers
lines customers 301
# by default the work still to do: what the digest counts as open, not the resolved ones
cx --db "$A" case list --format tsv >open
test "$(wc -l <open)" -gt 1
lines open "$(($(rows "select count(*) from cases where status in ('new', 'open', 'pending')") + 1))"
if grep -q -e '	resolved	' -e '	closed	' open; then exit 1; fi
EOF

t 'the featured case is still open and has a history' <<'EOF'
# A second demo into a database with data is refused, but first: the record.
if on_pg; then
	b=$B
else
	b=b.db
fi
cx --now "$NOW" demo --db "$b" --format tsv >out
sed -n 1p out >head
printf 'path\tcustomers\tcases\tnotes\tfeatured_case\tfeatured_customer\ttouchpoints\tresponses\tfollowups\tmessages\tinbox\n' >expect
same expect head
sed -n 2p out | cut -f1-3 >row
printf '%s\t300\t420\n' "$b" >expect
same expect row
n=$(sed -n 2p out | cut -f5)
email=$(sed -n 2p out | cut -f6)
cx --db "$b" case show "$n" --format tsv | sed -n 2p | cut -f3 >status
grep -Eqx 'new|open|pending' status
test "$(cx --db "$b" note list "$n" --format tsv | wc -l)" -ge 4
cx --db "$b" customer show "$email" --format tsv | sed -n 2p | cut -f3 >got
echo "$email" >expect
same expect got
on_pg || cp b.db "$B"
EOF

t 'the demo is deterministic for the same --now' <<'EOF'
for what in "case list --status all" "customer list" "note list" "log"; do
	cx --db "$A" $what --format tsv >a
	cx --db "$B" $what --format tsv >b
	same a b
done
EOF

t 'demo uses CX_DB when it is set, and --seed makes another business' <<'EOF'
env=$(db_named env)
CX_DB="$env" cx --now "$NOW" demo --seed 2 -q >/dev/null
cx --db "$env" case list --status all --format tsv >b
test "$(wc -l <b)" -gt 421
cx --db "$A" case list --status all --format tsv >a
if cmp -s a b; then exit 1; fi
fails 2 cx demo --db s3.db --seed -1
has err 'cx: --seed:'
EOF

t 'a second demo on a database with data is refused (65), changing nothing' <<'EOF'
(CX_DB=$A; snapshot before)
fails 65 cx --now "$NOW" demo --db "$A"
echo 'cx: the demo needs an empty database (use --db NEW-FILE)' >expect
same expect err
(CX_DB=$A; snapshot after)
same before after
own=$(db_named own)
cx --db "$own" customer add "Someone" >/dev/null
fails 65 cx demo --db "$own"
test "$(CX_DB=$own; dbq 'select count(*) from customers')" = 1
EOF

t 'the demo happens before --now: a year of history, nothing in the future' <<'EOF'
first=$(rows 'select min(opened_at) from cases')
last=$(rows 'select max(at) from events')
now=$(date -u -d "$NOW" +%s)
test "$last" -le "$now"
test "$first" -ge $((now - 366 * 86400))
test "$first" -le $((now - 300 * 86400))
EOF

t 'the demo gives no customer a record before "customer since"' <<'EOF'
for sql in 'select count(*) from journey j join customers c on c.id = j.customer_id where j.at < c.created_at' \
	'select count(*) from notes n join customers c on c.id = n.customer_id where n.created_at < c.created_at' \
	'select count(*) from responses r join customers c on c.id = r.customer_id where r.at < c.created_at'; do
	test "$(rows "$sql")" = 0
done
# and the journey of each starts with them: some touchpoint on the day they came
test "$(rows 'select count(*) from touchpoints t join customers c on c.id = t.customer_id where t.at < c.created_at + 86400')" -gt 0
EOF

t 'the demo'"'"'s addresses keep the letters of names with accents (García: garcia)' <<'EOF'
test "$(rows "select count(*) from customers where name like '%Garc_a%' and email like '%.garcia%'")" -gt 0
test "$(rows "select count(*) from customers where name like '%Fern_ndez%' and email like '%.fernandez%'")" -gt 0
test "$(rows "select count(*) from customers where name like 'Zo_ %' and email like 'zoe.%'")" -gt 0
test "$(rows "select count(*) from customers where email like '%garca%' or email like '%fernndez%' or email like 'z.%'")" = 0
# every address is plain ASCII
rows 'select email from customers' >emails
lines emails 300
test "$(LC_ALL=C grep -c '[^ -~]' emails)" = 0
EOF

t 'the demo'"'"'s survey keeps its comments, which say why: themes find what the unhappy write about' <<'EOF'
# its customers write the same few sentences more than once, as real ones do
test "$(rows 'select count(comment) from responses')" -gt 50
cx --db "$A" survey themes --format tsv >themes
test "$(wc -l <themes)" -gt 3
EOF

finish
