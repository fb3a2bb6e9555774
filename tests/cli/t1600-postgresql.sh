#!/bin/sh
# Team mode, what only a server has: a wrong URL, a server that is not there,
# a login it refuses, a database that does not exist or is another program's,
# or is newer: one line, exit 69 or 77 (65 for a database that is not cx's),
# nothing changed. Who acts is the server's role unless --as or CX_USER says.
# Writers from many processes and users take turns: exact counts. A business
# moves from a laptop to the server and back with export and import, byte
# for byte. Runs under tests/pg (a private PostgreSQL cluster).
. "$(dirname "$0")/lib.sh"

on_pg || skip_all 'needs a PostgreSQL server: run it with tests/pg'

export CX_NOW=2026-03-02T09:00:00Z
unset CX_USER

# CX_TEST_SCALE (percent) sizes the writers' run: 8 x 500 writes at 100 (the
# default), 8 x 100 at 20 (tests/run, to keep CI within its time).
N=$((500 * ${CX_TEST_SCALE:-100} / 100))
[ "$N" -ge 50 ] || N=50

# url DB: the URL of another database on the same server
url() {
	echo "$CX_TEST_PG" | sed "s|/postgres?|/$1?|"
}
# the socket directory of the test server
host=$(echo "$CX_TEST_PG" | sed 's|.*host=||')

t 'a server that is not there: 69, one line naming it' <<'EOF'
fails 69 cx --db postgresql://cx@127.0.0.1:1/nothing customer list
lines err 1
has err 'postgresql://cx@127.0.0.1:1/nothing: cannot reach the database server'
has err 'is PostgreSQL running there?'
EOF

t 'a database the server does not have: 69, saying to create it' <<'EOF'
fails 69 cx --db "$(url no_such_db)" customer list
lines err 1
has err 'database "no_such_db" does not exist'
has err 'createdb'
EOF

t 'a login the server refuses: 77, one line, the password masked' <<'EOF'
fails 77 cx --db "postgresql://nobody:secret@/postgres?host=$host" customer list
lines err 1
has err 'the server refused the login'
has err 'postgresql://nobody:***@'
hasnt err secret
EOF

t 'a URL that is not one: 69, one line saying how to write it' <<'EOF'
fails 69 cx --db "postgresql://cx@/postgres?host=$host&colour=blue" customer list
lines err 1
has err 'not a database URL this cx understands'
# libpq quotes a URL it cannot read: the password in it must not come out
fails 69 cx --db 'postgresql://sam:secret@[db.example' customer list
lines err 1
has err 'postgresql://sam:***@'
hasnt err secret
EOF

t 'another program'"'"'s database is refused (65) and left as it was' <<'EOF'
psql -qAtX "$CX_TEST_PG" -c "CREATE DATABASE ${_pgdb}_other" >/dev/null
psql -qAtX "$(url "${_pgdb}_other")" -c "CREATE TABLE orders (id int); INSERT INTO orders VALUES (7)"
fails 65 cx --db "$(url "${_pgdb}_other")" customer list
has err "not a cx database (it holds another program's tables"
psql -qAtX "$(url "${_pgdb}_other")" -c "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'" >actual
echo orders >expect
same expect actual
psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE ${_pgdb}_other" >/dev/null
EOF

t 'who acts: the server role, unless --as or CX_USER' <<'EOF'
cx customer add "Dana Ruiz" --email dana@example.com >/dev/null
cx --as sam case open dana@example.com --title "Cracked" >/dev/null
CX_USER=kim cx note add 1 -m "Called the courier" >/dev/null
cx log --format tsv | cut -f3,4,6 >actual
printf 'actor\tentity\taction\ncx\tcustomer\tcreate\nsam\tcase\tcreate\nkim\tcase\tnote\n' >expect
same expect actual
EOF

t 'a database written by a newer cx is refused (65) and not touched' <<'EOF'
psql -qAtX "$CX_TEST_PG" -c "CREATE DATABASE ${_pgdb}_newer" >/dev/null
cx --db "$(url "${_pgdb}_newer")" init >/dev/null
psql -qAtX "$(url "${_pgdb}_newer")" -c "UPDATE cx_schema SET version = 99"
fails 65 cx --db "$(url "${_pgdb}_newer")" customer add X --email x@example.com
has err 'was written by a newer cx (schema 99'
psql -qAtX "$(url "${_pgdb}_newer")" -c "SELECT count(*) FROM customers" >actual
echo 0 >expect
same expect actual
psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE ${_pgdb}_newer WITH (FORCE)" >/dev/null
EOF

t 'a writer of a case another holds waits for it, then gives up with 75, having changed nothing; others go on' <<'EOF'
held=1
# another session holds the case's row for two seconds
psql -qAtX "$CX_DB" -c "BEGIN; SELECT id FROM cases WHERE id = $held FOR UPDATE; SELECT pg_sleep(2); COMMIT" >/dev/null &
sleep 0.5
snapshot before
CX_BUSY_TIMEOUT=200 fails 75 cx case assign "$held" ben
lines err 1
has err 'database is busy, try again'
snapshot after
same before after
# a writer of anything else does not wait for it
CX_BUSY_TIMEOUT=200 cx customer add "Late Comer" --email late@example.com >/dev/null
wait
cx -q case assign "$held" ben
EOF

t 'a team writes its server once in ~/.config/cx/db: commands and completion use it' <<'EOF'
mkdir -p "$XDG_CONFIG_HOME/cx"
echo "$CX_DB" >"$XDG_CONFIG_HOME/cx/db"
(
	unset CX_DB
	cx customer list --format tsv | cut -f2 >actual
	cx __complete case show '' | cut -f1 >ids
)
rm "$XDG_CONFIG_HOME/cx/db"
printf 'name\nDana Ruiz\nLate Comer\n' >expect
same expect actual
echo 1 >expect
same expect ids
EOF

t "8 processes x $N writes by 8 users: every note stored once, counts exact" <<'EOF'
for u in ana ben cai dee eli fay gus hal; do
	note_writer "$u" "$N" 1 &
done
wait
cat ./*.fail 2>/dev/null && exit 1
dbq "SELECT author, count(*), count(DISTINCT body) FROM notes WHERE body LIKE '% %' AND author <> 'cx'
	AND author IN ('ana','ben','cai','dee','eli','fay','gus','hal') GROUP BY author ORDER BY author" >actual
for u in ana ben cai dee eli fay gus hal; do echo "$u|$N|$N"; done >expect
same expect actual
dbq "SELECT count(*) FROM events WHERE action = 'note' AND actor IN ('ana','ben','cai','dee','eli','fay','gus','hal')" >events
echo $((8 * N)) >expect
same expect events
EOF

t 'moving to a team server: a laptop'"'"'s export imports into the server and comes back the same bytes' <<'EOF'
cx --db "$T/laptop.db" demo >/dev/null
cx --db "$T/laptop.db" export >laptop.jsonl
psql -qAtX "$CX_TEST_PG" -c "CREATE DATABASE ${_pgdb}_team TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'" >/dev/null
cx --db "$(url "${_pgdb}_team")" import laptop.jsonl >/dev/null
cx --db "$(url "${_pgdb}_team")" export >server.jsonl
same laptop.jsonl server.jsonl
# and back again, to a file
cx --db "$T/back.db" import server.jsonl >/dev/null
cx --db "$T/back.db" export >back.jsonl
same laptop.jsonl back.jsonl
# the same answers from either
cx --db "$T/laptop.db" --format tsv survey report >a
cx --db "$(url "${_pgdb}_team")" --format tsv survey report >b
same a b
cx --db "$T/laptop.db" --format tsv journey map >a
cx --db "$(url "${_pgdb}_team")" --format tsv journey map >b
same a b
# a rebuild reads the 2,245 journey rows as it writes (a cursor, 1,024 rows to a fetch)
cx --db "$(url "${_pgdb}_team")" --format tsv journey map --rebuild >b
same a b
cx --db "$(url "${_pgdb}_team")" journey map --verify >/dev/null
cx --db "$T/laptop.db" --format tsv search grinder >a
test -s a
psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE ${_pgdb}_team WITH (FORCE)" >/dev/null
EOF

t 'a survey import stores on a server what it stores in a file: the same summaries, the same export byte for byte' <<'EOF'
# 1,300 rows, past a COPY's 512 and a statement's 128: keys twice in the file
# (the first row is stored), answers left partial and completed by a later
# file, comments with a tab, a backslash, quotes and a line break,
# respondents known, unknown and added
awk 'BEGIN {
	print "id,email,date,score,status,comment"
	for (i = 1; i <= 1300; i++) {
		k = i % 97 == 0 ? i - 1 : i
		st = i % 13 == 0 ? "Partial" : "Complete"
		c = i % 5 == 0 ? "\"tab\there, back\\slash, \"\"quoted\"\"\nsecond line\"" : i % 7 == 0 ? "" : "fine " i
		printf "R%05d,p%d@x.example,2026-01-%02d 10:%02d:00,%d,%s,%s\n", k, i % 400, 1 + i % 28, i % 60, i % 11, st, c
	}
}' >a.csv
awk 'BEGIN {
	print "id,email,date,score,status,comment"
	for (i = 1200; i <= 1500; i++)
		printf "R%05d,p%d@x.example,2026-02-%02d 09:00:00,%d,Complete,later %d\n", i, i % 400, 1 + i % 28, i % 11, i
	for (i = 13; i <= 1300; i += 13)
		printf "R%05d,p%d@x.example,2026-02-01 09:00:00,%d,Complete,now complete %d\n", i, i % 400, i % 11, i
}' >b.csv
opts='--name s --id id --email email --at date --nps score --comment comment --complete status=Complete'
# the same actor on both (a server's is its role)
export CX_USER=sam
psql -qAtX "$CX_TEST_PG" -c "CREATE DATABASE ${_pgdb}_import TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'" >/dev/null
for db in "$T/import.db" "$(url "${_pgdb}_import")"; do
	case $db in
	postgresql:*) side=server ;;
	*) side=file ;;
	esac
	cx --db "$db" customer add 'Pat One' --email p1@x.example -q
	cx --db "$db" survey import a.csv $opts --create-customers >"$side.out" 2>&1
	cx --db "$db" survey import a.csv $opts --create-customers >>"$side.out" 2>&1
	cx --db "$db" survey import b.csv $opts >>"$side.out" 2>&1
	cx --db "$db" export >"$side.jsonl"
	cx --db "$db" --format tsv survey report >>"$side.out"
	# the same answers found (ranks and snippets are each engine's own)
	cx --db "$db" --format tsv search 'second line' | cut -f 1-5 >>"$side.out"
done
same file.out server.out
same file.jsonl server.jsonl
has file.out 'imported 1188 new, 11 already present, 100 incomplete; 1200 linked to customers, 1 completed since last time, 399 customers added'
has file.out 'imported 201 new, 102 already present, 0 incomplete; 401 linked to customers, 98 completed since last time'
grep -c '"type":"responses"' file.jsonl >n
echo 1488 >expect
same expect n
psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE ${_pgdb}_import WITH (FORCE)" >/dev/null
EOF

t 'a team database of the release before (schema 16) is migrated in place: its SQLite stand-ins go, its data stays' <<'EOF'
psql -qAtX "$CX_TEST_PG" -c "CREATE DATABASE ${_pgdb}_old TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'" >/dev/null
psql -qAtX -v ON_ERROR_STOP=1 "$(url "${_pgdb}_old")" -f "$DATA/pg/team-schema16.sql" >/dev/null
standins="SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND p.proname IN ('json_extract', 'json_object', 'strftime', 'group_concat',
 'printf', 'instr', 'max', 'sum', 'pragma_table_info', 'pragma_foreign_key_check')"
psql -qAtX "$(url "${_pgdb}_old")" -c "$standins" >actual
echo 14 >expect
same expect actual
# a reader migrates it too; the export is the release's own, but for the header's schema
cx --db "$(url "${_pgdb}_old")" export >new.jsonl
psql -qAtX "$(url "${_pgdb}_old")" -c "$standins" >actual
echo 0 >expect
same expect actual
tail -n +2 "$DATA/pg/team-schema16.jsonl" >expect
tail -n +2 new.jsonl >actual
same expect actual
head -n 1 new.jsonl >actual
echo '{"type":"cx-export","format":1,"schema":21}' >expect
same expect actual
# and it goes on: a change, its event with its details, the brief's words for it
CX_NOW=2026-03-04T10:00:00Z cx --db "$(url "${_pgdb}_old")" case assign 2 kim >/dev/null
cx --db "$(url "${_pgdb}_old")" --format tsv log --entity case --id 2 | cut -f3,6,8 | grep assign >actual
printf 'cx\tassign\t{"from":null,"to":"kim"}\n' >expect
same expect actual
cx --db "$(url "${_pgdb}_old")" --format tsv case brief 2 >actual
has actual 'assigned to kim'
psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE ${_pgdb}_old WITH (FORCE)" >/dev/null
EOF

finish
