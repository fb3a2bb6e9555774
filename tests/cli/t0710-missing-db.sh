#!/bin/sh
# A database that is not there: a command that only reads says so (66) and
# makes nothing, so a mistyped --db is caught at once; a command that writes
# may make it, but if it fails, what it made goes again; only the default
# place gets its missing directories.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# Every command that only reads, or writes only what reading notices.
READERS='case list
case show 1
customer list
note list
survey list
survey report
journey map
feedback list
log
export
backup copy.db
hooks list
config get user
report
report --check
search anything
survey follow-up
journey stages'

t 'a reader on a database that is not there is 66, names it, says how to make it, and makes nothing' <<'EOF'
echo "$READERS" | while read -r args; do
	# shellcheck disable=SC2086
	fails 66 cx --db typo.db $args
	echo 'cx: typo.db: no such database (cx --db typo.db init creates it)' >expect
	same expect err
done
ls >files
printf 'err\nexpect\nfiles\n' >expect
same expect files
EOF

t 'named by CX_DB, or in a directory that is not there either, it is the same' <<'EOF'
CX_DB="$PWD/gone.db" fails 66 cx case list
echo "cx: $PWD/gone.db: no such database (cx init creates it)" >expect
same expect err
fails 66 cx --db "$PWD/no/such/dir/cx.db" customer list
echo "cx: $PWD/no/such/dir/cx.db: no such database (cx --db $PWD/no/such/dir/cx.db init creates it)" >expect
same expect err
test ! -e gone.db
test ! -e no
EOF

t 'at the default place, the message points to cx init and cx demo, and nothing is made' <<'EOF'
env -u CX_DB XDG_DATA_HOME="$PWD/data" "$CX" case list 2>err && exit 1
echo "cx: $PWD/data/cx/cx.db: no such database (cx init creates it; cx demo builds a sample business to try first)" >expect
same expect err
test ! -e data
# cx init makes it there, directories and all
env -u CX_DB XDG_DATA_HOME="$PWD/data" "$CX" init >out
echo "$PWD/data/cx/cx.db" >expect
same expect out
test "$(stat -c %a data)" = 700
test "$(stat -c %a data/cx)" = 700
env -u CX_DB XDG_DATA_HOME="$PWD/data" "$CX" case list >/dev/null
EOF

t 'a path someone named in a directory that is not there is 66 for writers too, and makes nothing' <<'EOF'
printf 'email,nps\na@example.com,9\n' >s.csv
for args in "init" "customer add Dana" "survey import s.csv --nps nps --email email" "import s.csv"; do
	# shellcheck disable=SC2086
	fails 66 cx --db "nodir/cx.db" $args
	echo 'cx: nodir/cx.db: no such directory nodir (make it first, or check the path)' >expect
	same expect err
done
test ! -e nodir
EOF

t_file 'a writer that fails on a new path leaves no file behind, nor its -wal or -shm' <<'EOF'
printf '{"type":"header"}\nnot json\n' >bad.jsonl
fails 65 cx --db new.db customer add Dana --email not-an-email
fails 65 cx --db new.db import bad.jsonl
fails 66 cx --db new.db survey import missing.csv --nps nps
fails 1 cx --db new.db case open nobody@example.com --title T
fails 1 cx --db new.db note add 1 -m "lost"
fails 74 cx --db new.db customer add Dana >/dev/full
ls >files
printf 'bad.jsonl\nerr\nfiles\n' >expect
same expect files
# one that succeeds makes it, private
cx --db new.db customer add Dana >/dev/null
test "$(stat -c %a new.db)" = 600
cx --db new.db customer list --format tsv >out
lines out 2
EOF

t_file 'a file a failed command made is kept when what it stored, or another process, is in it' <<'EOF'
# the first file of an import lands before the second fails: the database stays
printf 'email,nps\na@example.com,9\n' >good.csv
printf 'email,nps\nb@example.com,eleven\n' >bad.csv
fails 65 cx --db two.db survey import good.csv bad.csv --name S --nps nps --email email
test "$(sqlite3 two.db 'SELECT count(*) FROM responses')" = 1
# another process opens the new database while the import waits for its
# input, and keeps it open until cx is done, however slow the machine
rm -f ready done
if {
	until [ -e held.db ]; do sleep 0.05; done
	# (waiting, if cx is that moment writing the new file's tables)
	{
		{
			printf '.timeout 5000\nSELECT count(*) FROM sqlite_master;\n.shell touch ready\n'
			until [ -e done ]; do sleep 0.05; done
		} | sqlite3 held.db >/dev/null
		touch gone
	} &
	until [ -e ready ]; do sleep 0.05; done
	echo 'not json'
} | may_fail cx --db held.db import - 2>err; then
	touch done
	exit 1
fi
touch done
has err 'cx: standard input:1: '
# the reader, the last to close the file, tidies its log away: then it is ours to look at
until [ -e gone ]; do sleep 0.05; done
test -e held.db
test "$(sqlite3 -cmd '.timeout 5000' held.db 'PRAGMA integrity_check')" = ok
EOF

t_file 'an empty file is no database yet: readers say so (66) and leave it empty' <<'EOF'
: >empty.db
for args in "case list" "customer show 1" "export"; do
	# shellcheck disable=SC2086
	fails 66 cx --db empty.db $args
	echo 'cx: empty.db: no cx database there yet (cx --db empty.db init creates it)' >expect
	same expect err
done
test ! -s empty.db
ls >files
printf 'empty.db\nerr\nexpect\nfiles\n' >expect
same expect files
cx --db empty.db init >/dev/null
cx --db empty.db case list >/dev/null
EOF

t 'an empty server database, or a new file, is no cx database yet for a reader' <<'EOF'
x=$(db_named fresh)
fails 66 cx --db "$x" case list
has err 'init creates it)'
lines err 1
cx --db "$x" init >/dev/null
cx --db "$x" case list >out
lines out 0
EOF

finish
