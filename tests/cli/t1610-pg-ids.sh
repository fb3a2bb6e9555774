#!/bin/sh
# Ids from the engine on a server: identity columns, not one more than the
# highest under one writers' lock. A team database made by the release
# before (schema 16; tests/data/pg/team-schema16.sql is its pg_dump, made by
# that cx as tests/data/pg/README says) is migrated in place: its
# data and ids kept, the next ids past the highest. An import that keeps
# the file's ids leaves the engine's next ids past them too.
. "$(dirname "$0")/lib.sh"

on_pg || skip_all 'ids on a server (a file numbers its rows by rowid)'
export CX_NOW=2026-03-03T09:00:00Z

t 'a database of schema 16 is migrated in place: its cases, notes and trail as they were' <<'EOF'
export CX_DB="$(db_named old)"
psql -qX -v ON_ERROR_STOP=1 -d "$CX_DB" -f "$DATA/pg/team-schema16.sql" >/dev/null 2>psql.err
dbq "SELECT max(id) FROM events" >events16
cx case list --status all --format tsv | cut -f1-6,11 >out
cat >expect <<'LIST'
id	status	priority	customer_id	customer	owner	title
2	new	normal	2	Lee Okafor		Grinder noisy
1	resolved	high	1	Dana Ruiz	ben	Lid "cracked" on arrival
LIST
same expect out
dbq "SELECT max(version) FROM cx_schema" >out
echo 21 >expect
same expect out
# the copied triggers and their functions are gone, every id is an identity column
dbq "SELECT count(*) FROM pg_proc WHERE proname LIKE 'cx_next_id%'" >out
echo 0 >expect
same expect out
dbq "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()
     AND column_name = 'id' AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT'" >out
echo 13 >expect
same expect out
# the events the old cx wrote are all there, unchanged
test "$(dbq "SELECT max(id) FROM events")" = "$(cat events16)"
EOF

t 'then new rows take the ids after the highest, in every table' <<'EOF'
export CX_DB="$(db_named old)"
cx -q customer add "Kim Park" --email kim@example.com
cx case open kim@example.com --title "Wrong colour" >out
echo 'Opened case 3 for Kim Park <kim@example.com>' >expect
same expect out
cx note add 3 -m "Sent the right one" >out
echo 'Added internal note 3 to case 3' >expect
same expect out
# the events of today (CX_NOW) follow those of the old cx, one id after another
last=$(dbq "SELECT max(id) FROM events WHERE at < 1772528400")
dbq "SELECT id - $last, actor, entity, entity_id, action FROM events WHERE at >= 1772528400 ORDER BY id" >out
cat >expect <<'LIST'
1|tester|customer|3|create
2|tester|case|3|create
3|tester|case|3|note
LIST
same expect out
EOF

t 'an export imported on a server keeps its ids, and what is added next comes after them' <<'EOF'
cx --db "$(db_named old)" export >all.jsonl
export CX_DB="$(db_named copy)"
cx -q init
cx -q import all.jsonl
cx case open kim@example.com --title "Second try" >out
echo 'Opened case 4 for Kim Park <kim@example.com>' >expect
same expect out
dbq "SELECT count(*), count(DISTINCT id), max(id) FROM cases" >out
echo '4|4|4' >expect
same expect out
cx --db "$(db_named old)" case show 3 --format json >a
cx case show 3 --format json >b
same a b
EOF

finish
