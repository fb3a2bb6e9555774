#!/bin/sh
# cx through a connection pooler, as a team puts one in front of its server:
# PgBouncer in session mode (tests/pg starts it; CX_TEST_POOLER). A command
# then gets a server connection whose caches another warmed, and gives it
# back for the next. What it shows and stores is what it does directly.
. "$(dirname "$0")/lib.sh"

on_pg || skip_all 'a pooler stands in front of a server'
[ -n "${CX_TEST_POOLER:-}" ] || skip_all 'no pgbouncer (.ci/deps --test installs it)'
export CX_NOW=2026-05-02T10:00:00Z
# the script's database both ways, whichever of them the pass gives CX_DB
direct=$(echo "$CX_TEST_PG" | sed "s|/postgres?|/$_pgdb?|")
pooled=$(echo "$CX_TEST_POOLER" | sed "s|/postgres?|/$_pgdb?|")
export CX_DB="$direct"
N=${CX_TEST_SCALE:-100}
N=$((N / 5 + 4))

t 'the screens through the pooler are byte for byte the screens direct, the second time too' <<'EOF'
cx demo >/dev/null
for args in "case brief 3" "case show 3" "customer show 13" "journey show 13" "survey report" "journey map" \
	"search grinder" "case list --status all"; do
	# shellcheck disable=SC2086
	cx --format tsv $args >direct
	for i in 1 2; do
		# shellcheck disable=SC2086
		cx --db "$pooled" --format tsv $args >pooled
		same direct pooled
	done
done
EOF

t 'a server connection another client left with its own settings: cx sets its session again' <<'EOF'
cx -q customer add "Ines Duarte" --email ines@example.com
# four clients at once, so that the pool's every connection has had one
for i in 1 2 3 4; do
	psql -qAtX "$pooled" -c "SET search_path = public; SET TIME ZONE 'Asia/Kolkata'; SELECT pg_sleep(0.2)" >/dev/null &
done
wait
cx --db "$pooled" --format tsv customer list --search ines >out
cx --format tsv customer list --search ines >expect
same expect out
EOF

t "8 writers through the pooler: every note stored once, counts exact" <<'EOF'
cx -q customer add "Ana Lima" --email ana@example.com
cx -q case open ana@example.com --title "Shared case"
id=$(dbq "SELECT max(id) FROM cases")
for u in ana ben cai dee eli fay gus hal; do
	note_writer "$u" "$N" "$id" --db "$pooled" &
done
wait
cat ./*.fail 2>/dev/null && exit 1
dbq "SELECT author, count(*), count(DISTINCT body) FROM notes WHERE case_id = $id GROUP BY author ORDER BY author" >actual
for u in ana ben cai dee eli fay gus hal; do echo "$u|$N|$N"; done >expect
same expect actual
dbq "SELECT count(*) FROM events WHERE entity = 'case' AND action = 'note' AND entity_id = $id" >out
echo $((8 * N)) >expect
same expect out
EOF

finish
