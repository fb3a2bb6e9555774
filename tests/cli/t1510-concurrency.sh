#!/bin/sh
# Many writers at once, at the scale of a busy shop: 4 processes x 500 writes
# (case opens, notes, touchpoints) against one database. Each write lands
# whole or is refused as busy (75) and retried by the writer; at the end every
# count is exact: nothing lost, nothing twice. On a file writers take turns,
# so some are refused; on a server writers of different cases never wait for
# each other, so none is. t0500 has the small cases.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# CX_TEST_SCALE (percent) sizes the run: 4 x 500 writes at 100, 4 x 125 at
# 25. The default is 100, or 25 for a sanitizer build, where every process
# costs several times as much.
if grep -q __asan_init "$CX" 2>/dev/null; then SCALE=${CX_TEST_SCALE:-25}; else SCALE=${CX_TEST_SCALE:-100}; fi
N=$((500 * SCALE / 100))
[ "$N" -ge 30 ] || N=30
WRITERS='1 2 3 4'

# writer W: N writes in turn (a case open, a note on the writer's own case,
# a touchpoint), each retried for as long as it exits 75. Writer 1 does not
# wait for the lock at all, the others 1, 10 and 50 ms, so refusals happen.
# Any other exit is written to wW.fail; refusals are counted in wW.busy.
writer() {
	w=$1 i=0 busy=0
	case $w in
	1) export CX_BUSY_TIMEOUT=0 ;;
	2) export CX_BUSY_TIMEOUT=1 ;;
	3) export CX_BUSY_TIMEOUT=10 ;;
	4) export CX_BUSY_TIMEOUT=50 ;;
	esac
	while [ $i -lt "$N" ]; do
		case $((i % 3)) in
		0) set -- case open "w$w@example.com" --title "w$w case $i" ;;
		1) set -- note add "$w" -m "w$w note $i" ;;
		2) set -- touch log "w$w@example.com" --channel web --stage purchase -m "w$w touch $i" ;;
		esac
		rc=0
		"$CX" -q "$@" 2>>"w$w.err" || rc=$?
		case $rc in
		0) i=$((i + 1)) ;;
		75) busy=$((busy + 1)) ;;
		*)
			echo "w$w write $i ($1 $2): exit $rc" >>"w$w.fail"
			return 1
			;;
		esac
	done
	echo "$busy" >"w$w.busy"
}

# expected W KIND: the texts writer W should have stored for KIND, sorted.
expected() {
	awk -v w="$1" -v kind="$2" -v n="$N" 'BEGIN {
		r = kind == "case" ? 0 : kind == "note" ? 1 : 2
		for (i = 0; i < n; i++) if (i % 3 == r) printf "w%d %s %d\n", w, kind, i
	}' | sort
}

t 'setup: a customer and a case for each writer' <<'EOF'
for w in $WRITERS; do
	cx -q customer add "Writer $w" --email "w$w@example.com"
	cx -q case open "w$w@example.com" --title "home of writer $w"
done
cx case list --format tsv >out
lines out 5
EOF

t "4 writers x $N writes: each lands or is refused as busy (one line, nothing else) and retried" <<'EOF'
start=$(date +%s)
for w in $WRITERS; do
	writer "$w" &
	eval "pid$w=\$!"
done
ok=1
for w in $WRITERS; do
	eval "wait \$pid$w" || ok=0
done
end=$(date +%s)
cat ./*.fail >&2 2>/dev/null || true
test "$ok" = 1
for w in $WRITERS; do test ! -e "w$w.fail"; done
echo $((end - start)) >seconds
# every refusal said busy, on one line, and nothing else was said
cat w*.err >all.err
grep -v -x -F "cx: database is busy, try again ($CX_DB)" all.err >other || true
lines other 0
lines all.err "$(cat w*.busy | awk '{ s += $1 } END { print s }')"
if on_pg; then
	# on a server each writes rows of their own case and customer: nobody waits for another, none is refused
	test "$(cat w*.busy | awk '{ s += $1 } END { print s }')" -eq 0
else
	# a file has one writer at a time: the writers that hardly wait were refused at least once (the retry path ran)
	test "$(cat w1.busy w2.busy | awk '{ s += $1 } END { print s }')" -gt 0
fi
EOF

# What the writers met, as a TAP diagnostic (a test body's output is shown only when it fails).
if [ -f "$T/t2/seconds" ]; then
	_busy=$(for w in $WRITERS; do printf 'w%s %s, ' "$w" "$(cat "$T/t2/w$w.busy" 2>/dev/null)"; done)
	echo "# $((4 * N)) writes in $(cat "$T/t2/seconds")s; refused as busy (75) and retried: ${_busy%, }"
fi

t 'cases: every one opened exactly once, by the right writer' <<'EOF'
for w in $WRITERS; do
	expected "$w" case >expect
	dbq "SELECT k.title FROM cases k JOIN customers c ON c.id = k.customer_id
		WHERE c.email = 'w$w@example.com' AND k.title LIKE 'w$w case %'" | sort >got
	same expect got
	# and through cx itself
	cx case list --customer "w$w@example.com" --status all --format tsv --limit 100000 | sed 1d |
		cut -f11 | grep "^w$w case " | sort >got || true
	same expect got
done
test "$(dbq 'SELECT count(*), count(DISTINCT title) FROM cases')" = \
	"$((4 + 4 * $(expected 1 case | wc -l)))|$((4 + 4 * $(expected 1 case | wc -l)))"
EOF

t 'notes: every one on its writer'"'"'s case, exactly once' <<'EOF'
for w in $WRITERS; do
	expected "$w" note >expect
	dbq "SELECT body FROM notes WHERE case_id = $w" | sort >got
	same expect got
	cx note list "$w" --format tsv | sed 1d | cut -f9 | sort >got
	same expect got
done
test "$(dbq 'SELECT count(*) FROM notes')" = $((4 * $(expected 1 note | wc -l)))
EOF

t 'touchpoints: every one logged exactly once' <<'EOF'
for w in $WRITERS; do
	expected "$w" touch >expect
	dbq "SELECT t.summary FROM touchpoints t JOIN customers c ON c.id = t.customer_id
		WHERE c.email = 'w$w@example.com'" | sort >got
	same expect got
done
test "$(dbq 'SELECT count(*) FROM touchpoints')" = $((4 * $(expected 1 touch | wc -l)))
EOF

t 'the audit trail has one event per write' <<'EOF'
cases=$(expected 1 case | wc -l) notes=$(expected 1 note | wc -l) touches=$(expected 1 touch | wc -l)
# the setup made 4 customers and 4 cases
test "$(dbq "SELECT count(*) FROM events WHERE entity = 'case' AND action = 'create'")" = $((4 + 4 * cases))
test "$(dbq "SELECT count(*) FROM events WHERE entity = 'case' AND action = 'note'")" = $((4 * notes))
test "$(dbq "SELECT count(*) FROM events WHERE entity = 'touchpoint'")" = $((4 * touches))
EOF

t_file 'the file checks out: its pages, its references and its search index' <<'EOF'
test "$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')" = ok
test "$(sqlite3 "$CX_DB" 'PRAGMA foreign_key_check' | wc -l)" = 0
sqlite3 "$CX_DB" "INSERT INTO search_index (search_index) VALUES ('integrity-check')"
EOF

t 'the search index saw every write once' <<'EOF'
for w in 1 4; do
	cx search "w$w" note --kind note --limit 100000 --format tsv | sed 1d | wc -l | tr -d ' ' >got
	expected "$w" note | wc -l | tr -d ' ' >expect
	same expect got
done
EOF

finish
