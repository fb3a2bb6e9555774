#!/bin/sh
# Crash consistency: a big survey import killed with SIGKILL at random
# moments, 20 times. After each kill the file passes SQLite's integrity check
# and holds all of the file's responses or none of them (and then exactly
# what it held before); an import that runs to the end has them all.
. "$(dirname "$0")/lib.sh"
sqlite_only "crash recovery of a database file: rounds start from a copied file, checked by SQLite's integrity check"

export CX_NOW=2026-03-02T09:00:00Z

# CX_TEST_SCALE (percent) sizes the file: 200,000 rows at 100, about a
# second's import. The default is 100, or 50 for a sanitizer build (slower
# by four or so). The kill moments scale with the measured import time, so a
# smaller file still dies at every stage of its import.
if grep -q __asan_init "$CX" 2>/dev/null; then SCALE=${CX_TEST_SCALE:-50}; else SCALE=${CX_TEST_SCALE:-100}; fi
ROWS=$((200000 * SCALE / 100))
[ "$ROWS" -ge 5000 ] || ROWS=5000
KILLS=20
# CX_TEST_SEED repeats a run's kill moments (each run prints its seed).
SEED=${CX_TEST_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# $ROWS rows, $KILLS kills, seed $SEED"

BIG=$T/big.csv
GEN=$(dirname "$CX")/tests/bench/gen

# survey ROWS: a generic export like the benchmark generator's, for builds
# without it: ids, names, emails, times, three scores, quoted comments.
survey() {
	awk -v n="$1" 'BEGIN {
		print "id,name,email,submitted_at,Which store did you order from?," \
			"How likely are you to recommend us to a friend or colleague?," \
			"How satisfied were you with your order?,How easy was it to get what you needed?," \
			"Anything else you want to tell us?"
		split("Ana Lima|Sam Okafor|Priya Nguyen|Jonas Schmidt|Zoë Rossi", who, "|")
		split("Web shop|\"Harbour store, Old Town\"|Main Street store", where, "|")
		for (i = 1; i <= n; i++) {
			c = i % 4 == 0 ? "\"Quick, \"\"friendly\"\" and\nright first time\"" : i % 4 == 1 ? "" : "Fine."
			printf "R%08d,%s,r%d@example.com,2025-%02d-%02d %02d:%02d:00,%s,%d,%d,%d,%s\n", i, who[i % 5 + 1], i,
				i % 12 + 1, i % 28 + 1, i % 24, i % 60, where[i % 3 + 1], i % 11, i % 5 + 1, i % 7 + 1, c
		}
	}'
}

# now_ms: a clock in milliseconds.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# responses NAME: how many responses the survey NAME holds (0 when it is not there).
responses() {
	sqlite3 "$CX_DB" "SELECT count(*) FROM responses WHERE survey_id IN (SELECT id FROM surveys WHERE name = '$1')"
}

# fresh: the database as the setup left it, and nothing else.
fresh() {
	rm -f "$CX_DB" "$CX_DB-wal" "$CX_DB-shm" "$CX_DB-journal"
	cp "$T/base.db" "$CX_DB"
}

t 'setup: a business with customers, cases, notes and an earlier survey' <<'EOF'
cx -q customer add "Ana Lima" --email ana@example.com
cx -q customer add "Sam Okafor" --email sam@example.com
cx -q case open ana@example.com --title "Grinder squeals" -m "Since Monday"
cx -q note add 1 -m "Sent a new burr"
cx -q touch log sam@example.com --channel store --stage purchase --emotion pleased -m "Bought beans"
printf 'id,email,nps,comment\nA1,ana@example.com,9,Lovely\nA2,sam@example.com,3,Slow\n' >early.csv
cx -q survey import early.csv --name Early
if [ -x "$GEN" ]; then "$GEN" survey "$ROWS" "$SEED" >"$BIG"; else survey "$ROWS" >"$BIG"; fi
test "$(sqlite3 :memory: ".import --csv $BIG x" 'SELECT count(*) FROM x')" = "$ROWS"
# the state every kill must leave behind when the import did not finish
cx backup "$T/base.db" >/dev/null
sqlite3 "$T/base.db" .dump >"$T/base.dump"
EOF

t 'an uninterrupted import of the file takes all its rows (and sets the pace)' <<'EOF'
# the same file, the same starting point as the rounds below; the quicker
# of two runs, so that the kills below land while the import runs
pace=
for run in 1 2; do
	fresh
	start=$(now_ms)
	cx -q survey import "$BIG" --name Big >/dev/null
	ms=$(($(now_ms) - start))
	test "$(responses Big)" = "$ROWS"
	[ -n "$pace" ] && [ "$pace" -le "$ms" ] || pace=$ms
done
echo "$pace" >"$T/pace"
fresh
EOF

echo "# an import of $ROWS rows takes $(cat "$T/pace" 2>/dev/null)ms here"

t "killed $KILLS times at random moments: each time all of the file or none, and nothing else changed" <<'EOF'
pace=$(cat "$T/pace")
# kill moments spread over the command's whole run: reading, storing,
# committing, and writing the log back into the file after the commit
awk -v seed="$SEED" -v k="$KILLS" -v ms="$pace" 'BEGIN {
	srand(seed)
	for (i = 0; i < k; i++) printf "%.3f\n", rand() * ms / 1000
}' >moments
fresh
none=0 all=0 killed=0 round=0
while read -r delay; do
	round=$((round + 1))
	"$CX" -q survey import "$BIG" --name Big >/dev/null 2>"err.$round" &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null || true
	rc=0
	wait "$pid" || rc=$?
	case $rc in
	0) ;;
	137) killed=$((killed + 1)) ;;
	*)
		echo "round $round: the import exited $rc" >&2
		cat "err.$round" >&2
		exit 1
		;;
	esac
	check=$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')
	[ "$check" = ok ] || { echo "round $round (after ${delay}s): integrity: $check" >&2; exit 1; }
	n=$(responses Big)
	if [ "$n" = 0 ]; then
		none=$((none + 1))
		# nothing at all is left of it: not the survey, not its questions, not an event
		snapshot now.dump
		same "$T/base.dump" now.dump || { echo "round $round (after ${delay}s) left a trace" >&2; exit 1; }
	elif [ "$n" = "$ROWS" ]; then
		all=$((all + 1))
		test "$(sqlite3 "$CX_DB" "SELECT count(*) FROM surveys WHERE name = 'Big'")" = 1
		test "$(responses Early)" = 2
		test "$(sqlite3 "$CX_DB" 'SELECT count(*) FROM customers')" = 2
		# start the next round from before the import again
		fresh
	else
		echo "round $round (after ${delay}s, exit $rc): $n of $ROWS responses" >&2
		exit 1
	fi
	# a killed import leaves nothing a later command trips over
	cx case list --format tsv >/dev/null
done <moments
test "$round" = "$KILLS"
echo "$killed $none $all" >tally
# enough kills must land while the import runs, or this proved little
# (the pace is a guess: a busy machine may make a round quicker or slower)
test "$killed" -ge $((KILLS / 4))
test "$none" -ge $((KILLS / 5))
EOF

if [ -f "$T/t3/tally" ]; then
	read -r _killed _none _all <"$T/t3/tally"
	echo "# $_killed of $KILLS imports were killed; $_none left no trace, $_all had committed first"
fi

t 'after the kills, one import that completes has every response' <<'EOF'
cx survey import "$BIG" --name Big >out 2>&1
has out "imported $ROWS new, 0 already present"
test "$(responses Big)" = "$ROWS"
test "$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')" = ok
cx survey list --format tsv | awk -F '\t' '$1 == "Big" { print $4 }' >got
echo "$ROWS" >expect
same expect got
# and the file a second time adds nothing
cx survey import "$BIG" --name Big >out 2>&1
has out "imported 0 new, $ROWS already present"
EOF

# ---- an import that touches many tables ----------------------------------

SMALL=$((4000 * SCALE / 100))
[ "$SMALL" -ge 1000 ] || SMALL=1000

# counts DB: the number of rows in every table of DB, one line.
counts() {
	for _t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%' ORDER BY name"); do
		printf '%s=%s ' "$_t" "$(sqlite3 "$1" "SELECT count(*) FROM \"$_t\"")"
	done
	echo
}

t 'an import adding customers and follow-up cases, killed 5 times: all of it or none' <<'EOF'
fresh
if [ -x "$GEN" ]; then "$GEN" survey "$SMALL" 7 >small.csv; else survey "$SMALL" >small.csv; fi
# the whole import once, from the same start, for its pace and its result
cp "$T/base.db" whole.db
start=$(now_ms)
cx --db "$PWD/whole.db" -q survey import small.csv --name Small --create-customers --follow-up >/dev/null
pace=$(($(now_ms) - start))
counts whole.db >whole
counts "$T/base.db" >before
test "$(responses Small)" = 0
awk -v seed="$SEED" -v ms="$pace" 'BEGIN { srand(seed + 1); for (i = 0; i < 5; i++) printf "%.3f\n", rand() * ms / 1000 }' >moments
killed=0
while read -r delay; do
	"$CX" -q survey import small.csv --name Small --create-customers --follow-up >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null || true
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 137 ] || { echo "exit $rc" >&2; exit 1; }
	[ "$rc" = 0 ] || killed=$((killed + 1))
	test "$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')" = ok
	counts "$CX_DB" >now
	if [ "$(responses Small)" = 0 ]; then
		same before now
		snapshot now.dump
		same "$T/base.dump" now.dump
	else
		# the responses, customers, follow-up cases, their notes and the audit trail: whole
		same whole now
		fresh
	fi
done <moments
test "$killed" -ge 1
EOF

finish
