#!/bin/sh
# Several cx processes at once: every write lands whole or is refused as busy
# (75) and can be retried; readers are never in the way; counts come out exact.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# Adds N notes to case 1 with bodies "TAG 0" .. "TAG N-1", retrying on 75.
# Any other failure is written to TAG.fail; retries are counted in TAG.busy.
writer() {
	tag=$1 n=$2 i=0 busy=0
	while [ $i -lt "$n" ]; do
		if may_fail cx -q note add 1 -m "$tag $i" 2>>"$tag.err"; then
			i=$((i + 1))
		else
			rc=$?
			if [ $rc -ne 75 ]; then
				echo "$tag $i: exit $rc" >>"$tag.fail"
				return 1
			fi
			busy=$((busy + 1))
		fi
	done
	echo $busy >"$tag.busy"
}

# Lists notes until told to stop; a failed read is written to reader.fail.
reader() {
	while [ ! -e stop ]; do
		cx note list 1 --format tsv >/dev/null 2>>reader.err || echo "read failed" >>reader.fail
	done
}

t 'setup: one customer, one case' <<'EOF'
cx customer add "Con Current" --email con@example.com >/dev/null
cx case open con@example.com --title "Busy day" >/dev/null
cx case list --format tsv >out
lines out 2
EOF

t 'three writers of 100 notes each: every note lands exactly once, a refused write says busy and nothing else, readers are never refused' <<'EOF'
# The reader waits as long as it must; the writers hardly at all, so that
# some of their writes are refused as busy and retried.
reader &
r=$!
export CX_BUSY_TIMEOUT=5
writer A 100 &
a=$!
writer B 100 &
b=$!
writer C 100 &
c=$!
wait $a && wait $b && wait $c || { cat ./*.fail >&2; touch stop; exit 1; }
touch stop
wait $r
test ! -e A.fail && test ! -e B.fail && test ! -e C.fail
for w in A B C; do
	cx note list 1 --search "$w " --format tsv | sed 1d | cut -f9 | sort >got
	i=0
	while [ $i -lt 100 ]; do echo "$w $i"; i=$((i + 1)); done | sort >expect
	same expect got
done
test "$(dbq 'select count(*), count(distinct body) from notes')" = "300|300"
test "$(dbq "select count(*) from events where action = 'note'")" = 300
# a refused write said busy, nothing else, on one line each
cat A.err B.err C.err >all.err
if [ -s all.err ]; then
	grep -v -F "cx: database is busy, try again ($CX_DB)" all.err >other || true
	test ! -s other
fi
lines all.err "$(( $(cat A.busy) + $(cat B.busy) + $(cat C.busy) ))"
# readers were never refused while the writers worked
test ! -e reader.fail
test ! -s reader.err
echo "# busy retries: A $(cat A.busy), B $(cat B.busy), C $(cat C.busy)"
EOF

t 'the case saw every note: updated_at and the audit trail agree' <<'EOF'
test "$(dbq "select count(*) from events where entity = 'case' and entity_id = 1 and action = 'note'")" = 300
cx note list 1 --limit 1 --format tsv >out
lines out 2
EOF

t 'two processes adding the same email: exactly one customer' <<'EOF'
add() { # EMAIL: retries while busy; 65 (taken) is an answer too
	while :; do
		may_fail cx -q customer add "Twin" --email "$1" 2>/dev/null && { echo added; return; }
		rc=$?
		[ $rc -eq 75 ] && continue
		echo "exit $rc"
		return
	done
}
export CX_BUSY_TIMEOUT=5
for k in 1 2 3 4 5 6 7 8 9 10; do
	add "twin$k@example.com" >x$k &
	add "TWIN$k@example.com" >y$k &
done
wait
for k in 1 2 3 4 5 6 7 8 9 10; do
	sort x$k y$k | tr '\n' ' ' >got
	printf 'added exit 65 ' >expect
	same expect got
done
test "$(dbq "select count(*) from customers where name = 'Twin'")" = 10
EOF

t 'processes meeting a new database at once all get in within the busy timeout' <<'EOF'
round=0
while [ $round -lt 8 ]; do
	db=$(db_named "fresh$round")
	for k in 1 2 3 4 5; do
		(
			rc=0
			cx --db "$db" -q customer add "P$k" 2>e$round.$k || rc=$?
			echo $rc >r$round.$k
		) &
	done
	wait
	cat r$round.* | tr '\n' ' ' >got
	printf '0 0 0 0 0 ' >expect
	same expect got || { cat e$round.* >&2; exit 1; }
	test "$(CX_DB=$db; dbq 'select count(*) from customers')" = 5
	on_pg || test "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal
	round=$((round + 1))
done
EOF

t 'status moves racing with notes keep the case consistent' <<'EOF'
cx case open con@example.com --title "Round and round" >/dev/null
export CX_BUSY_TIMEOUT=5
mover() {
	i=0
	while [ $i -lt 20 ]; do
		for v in pending resume; do
			until may_fail cx -q case $v 2 2>/dev/null; do
				[ $? -eq 75 ] || { echo "mover: $v failed" >>mover.fail; return 1; }
			done
		done
		i=$((i + 1))
	done
}
noter() {
	i=0
	while [ $i -lt 40 ]; do
		if may_fail cx -q note add 2 -m "n $i" 2>/dev/null; then i=$((i + 1)); else
			[ $? -eq 75 ] || { echo "noter failed" >>noter.fail; return 1; }
		fi
	done
}
mover &
m=$!
noter &
n=$!
wait $m && wait $n
test ! -e mover.fail && test ! -e noter.fail
cx case show 2 --format tsv | sed -n 2p | cut -f3 >out
echo open >expect
same expect out
test "$(dbq "select count(*) from events where entity_id = 2 and entity = 'case' and action = 'status'")" = 40
test "$(dbq "select count(*) from notes where case_id = 2")" = 40
EOF

finish
