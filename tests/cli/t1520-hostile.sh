#!/bin/sh
# A hostile environment: the disk fills up, the database file or its
# directory is read-only, the file is damaged, newer, or not a file at all,
# the output cannot be written. Each time one line on stderr, the exit status
# the README documents (74 I/O, 77 permission, 65 data), and the database as
# it was. t0400 has the basic cases of each; this script goes further.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# Root ignores mode bits, so as root "read-only" is the immutable attribute;
# with neither, the read-only tests are skipped. The attribute is lifted
# again on the way out, also when a test fails, or the scratch directory
# could not be removed. That replaces lib.sh's own clean-up, so on a
# PostgreSQL server it calls lib.sh's _pg_drop_all, which drops the script's
# databases and removes the directory.
if [ "$(id -u)" != 0 ]; then
	RO=mode
elif : >"$T/probe" && chattr +i "$T/probe" 2>/dev/null; then
	chattr -i "$T/probe"
	RO=immutable
	trap 'chattr -R -i "$T" 2>/dev/null; if [ -n "${CX_TEST_PG:-}" ]; then _pg_drop_all; else rm -rf "$T"; fi' EXIT
else
	RO=
fi
ro() { if [ "$RO" = mode ]; then chmod a-w "$@"; else chattr +i "$@"; fi; }
rw() { if [ "$RO" = mode ]; then chmod u+w "$@"; else chattr -i "$@"; fi; }

# run LIMIT CMD...: CMD with files capped at LIMIT blocks (ulimit -f), as
# when the disk fills up; the block is 512 bytes in dash, 1024 in bash.
run() {
	(
		ulimit -f "$1" || exit 99
		shift
		exec "$@"
	)
}

# state [DB]: everything in the database under test (whichever the engine),
# or in the SQLite file DB, to compare before and after.
state() {
	if [ $# -eq 0 ]; then
		_s=$(mktemp "$T/state.XXXXXX")
		snapshot "$_s"
		cat "$_s"
		rm -f "$_s"
	else
		sqlite3 "$1" .dump
	fi
}

# A survey export big enough that storing it takes several MB.
survey() {
	awk -v n="$1" 'BEGIN {
		print "id,email,nps,csat,comment"
		for (i = 1; i <= n; i++)
			printf "R%d,r%d@example.com,%d,%d,\"Answer %d: the beans were fine, the grinder less so\"\n", i, i, i % 11, i % 5 + 1, i
	}'
}

t 'setup: a small business, and a big export to import' <<'EOF'
cx -q customer add "Ana Lima" --email ana@example.com
cx -q case open ana@example.com --title "Grinder squeals" -m "Since Monday"
cx -q note add 1 -m "Sent a new burr"
survey 60000 >"$T/big.csv"
survey 3000 >"$T/small.csv"
cx -q survey import "$T/small.csv" --name Small >/dev/null
EOF

# ---- the disk fills up: 74 -------------------------------------------------

# The limit holds for files cx writes itself: a server writes its own.
t_file 'an import that fills the disk is exit 74 with one line, and stores nothing' <<'EOF'
state >before
run 2048 "$CX" survey import "$T/big.csv" --name Big >out 2>err && exit 1
echo "exit: $?" >status
echo 'exit: 74' >expect
same expect status
# SQLite does not always pass on why a write failed; when it does, cx says "disk full"
lines err 1
has err "cx: $CX_DB: "
grep -E ': (disk full: File too large \(free some space and try again\)|I/O error: disk I/O error)$' err >/dev/null
test ! -s out
state >after
same before after
test "$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')" = ok
# with room again, the same import goes through whole
cx -q survey import "$T/big.csv" --name Big >/dev/null
test "$(dbq "SELECT count(*) FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE s.name = 'Big'")" = 60000
EOF

t 'a new database on a full disk is not left half made' <<'EOF'
run 16 "$CX" --db "$PWD/new.db" init >out 2>err && exit 1
lines err 1
has err "cx: $PWD/new.db: disk full:"
# what is there holds no schema and no data; a later init makes it whole
test "$(sqlite3 new.db 'SELECT count(*) FROM sqlite_master')" = 0
test "$(sqlite3 new.db 'PRAGMA user_version')" = 0
cx --db "$PWD/new.db" init >/dev/null
test "$(sqlite3 new.db 'PRAGMA integrity_check')" = ok
cx --db "$PWD/new.db" -q customer add "Late but whole"
EOF

t_file 'a backup that fills the disk is exit 74, names the copy, and leaves no partial copy' <<'EOF'
state >before
run 1024 "$CX" backup "$PWD/copy.db" >out 2>err && exit 1
echo "cx: $PWD/copy.db: the backup could not be written: disk full: File too large (free some space and try again)" >expect
same expect err
test ! -e copy.db
state >after
same before after
cx backup "$PWD/copy.db" >/dev/null
test "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok
EOF

# ---- the output cannot be written: 74 --------------------------------------

t 'an import whose report cannot be written is exit 74 with one line' <<'EOF'
fails 74 cx survey import "$T/small.csv" --name Again >/dev/full
echo "cx: error writing output: No space left on device (nothing from $T/small.csv was stored)" >expect
same expect err
fails 74 cx survey import "$T/small.csv" --name Again --format json >&-
lines err 1
has err 'cx: error writing output: '
# A file lands only once its report has been written: importing it again adds it all.
cx survey import "$T/small.csv" --name Again >out
has out 'imported 3000 new, 0 already present'
EOF

t 'an import whose report cannot be written leaves the database as it was' <<'EOF'
printf 'at,customer,channel,stage,emotion,summary\n2026-03-01 10:00,ana@example.com,phone,use,-1,Called again\n' >touch.csv
printf '{"id":"g1","source":"google","author":"Ana","at":"2026-03-01","rating":2,"text":"Squeals"}\n' >fb.jsonl
state >before
fails 74 cx survey import "$T/small.csv" --name Once >/dev/full
fails 74 cx touch import touch.csv >/dev/full
has err 'nothing from touch.csv was stored'
fails 74 cx feedback import fb.jsonl >/dev/full
has err 'nothing from fb.jsonl was stored'
state >after
same before after
cx -q touch import touch.csv
cx -q feedback import fb.jsonl
test "$(dbq 'SELECT count(*) FROM feedback')" = 1
EOF

t 'the whole-database export to a full disk is exit 74 with one line' <<'EOF'
fails 74 cx export >/dev/full
echo 'cx: error writing output: No space left on device' >expect
same expect err
fails 74 cx survey responses --format csv >/dev/full
same expect err
EOF

t 'a closed stderr does not change the exit status' <<'EOF'
set +e
may_fail cx case show 999 2>&-
rc=$?
set -e
test "$rc" = 1
EOF

t 'standard input that cannot be read is exit 74 with one line, and nothing lands' <<'EOF'
state >before
fails 74 cx note add 1 -m - <.
echo 'cx: standard input: read error: Is a directory' >expect
same expect err
state >after
same before after
EOF

# ---- read-only file, read-only directory: 77 -------------------------------

if [ -n "$RO" ]; then

t 'a read-only database file can be read; every write is refused (77) with one line' <<'EOF'
cx --db "$PWD/ro.db" -q customer add "Ro Reader" --email ro@example.com
cx --db "$PWD/ro.db" -q case open ro@example.com --title "Read me"
state ro.db >before
ro ro.db
trap 'rw "$PWD/ro.db"' EXIT
cx --db "$PWD/ro.db" case list --format tsv >out
lines out 2
cx --db "$PWD/ro.db" backup "$PWD/ro-copy.db" >/dev/null
test "$(sqlite3 ro-copy.db 'SELECT count(*) FROM cases')" = 1
for args in "customer add X" "case open ro@example.com --title Y" "note add 1 -m Z" "case resolve 1 --outcome fixed" \
	"touch log ro@example.com --channel web --stage purchase" "config set stale 10d" "survey import $T/small.csv"; do
	# shellcheck disable=SC2086
	fails 77 cx --db "$PWD/ro.db" $args
	echo "cx: $PWD/ro.db: database is read-only (check the permissions of the file and its directory)" >expect
	same expect err
done
rw ro.db
state ro.db >after
same before after
EOF

t 'a read-only directory: a database with its log files works; without them it is read, and writes are 77' <<'EOF'
mkdir d
cx --db "$PWD/d/cx.db" -q customer add "Dir Reader" --email dir@example.com
trap 'rw "$PWD/d" 2>/dev/null || :' EXIT
# The write-ahead log and its index exist: the directory's mode does not
# protect the files in it, so reads and writes work.
if [ -e d/cx.db-wal ]; then
	ro d
	cx --db "$PWD/d/cx.db" -q customer add "Still fine"
	cx --db "$PWD/d/cx.db" customer list --format tsv >out
	lines out 3
	rw d
fi
# Without them (a copy, or the file after sqlite3 closed it), SQLite would
# have to make them next to the file, and cannot: nobody can be writing,
# so a reader reads the file as it is; a writer is refused in one line (77).
sqlite3 d/cx.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f d/cx.db-wal d/cx.db-shm
state d/cx.db >before
ro d
cx --db "$PWD/d/cx.db" customer list --format tsv >out
lines out 2
has out 'Dir Reader'
cx --db "$PWD/d/cx.db" case list >/dev/null
cx --db "$PWD/d/cx.db" export >dump.jsonl
has dump.jsonl 'dir@example.com'
for args in "customer add Y" "case open dir@example.com --title T" "config set stale 10d"; do
	# shellcheck disable=SC2086
	fails 77 cx --db "$PWD/d/cx.db" $args
	lines err 1
	has err "cx: $PWD/d/cx.db: "
	has err '(check the permissions of the file and its directory)'
done
# a new database or a backup cannot go there either
fails 77 cx --db "$PWD/d/new.db" init
lines err 1
fails 77 cx --db "$PWD/d/cx.db" backup d/copy.db
lines err 1
has err 'cx: cannot create d/copy.db: '
rw d
ls d >files
echo cx.db >expect
same expect files
state d/cx.db >after
same before after
EOF

t_file 'a read-only directory refuses a backup into it (77), one line' <<'EOF'
mkdir vault
ro vault
trap 'rw "$PWD/vault"' EXIT
fails 77 cx backup "$PWD/vault/copy.db"
echo "cx: cannot create $PWD/vault/copy.db: $(if [ "$RO" = mode ]; then echo 'Permission denied'; else echo 'Operation not permitted'; fi)" >expect
same expect err
rw vault
test -z "$(ls vault)"
EOF

else
	echo "# skipped: read-only files (as root, chattr +i does not work on this file system)"
fi

# ---- files that are not a cx database ---------------------------------------

# A file made by cx backup, then damaged or changed: SQLite files.
t_file 'a truncated database (an interrupted copy) is refused (65) and left as it was' <<'EOF'
cx backup "$PWD/full.db" >/dev/null
size=$(wc -c <full.db)
head -c $((size / 2)) full.db >half.db
sum=$(md5sum <half.db)
for args in "case list" "customer list" "note add 1 -m lost" "survey list" "search burr" "backup $PWD/x.db" "export"; do
	# shellcheck disable=SC2086
	fails 65 cx --db "$PWD/half.db" $args >/dev/null
	echo "cx: $PWD/half.db: not a cx database, or damaged (restore it from a backup, or use --db for another file)" >expect
	same expect err
done
test "$(md5sum <half.db)" = "$sum"
test ! -e x.db
EOF

t 'another program'"'"'s SQLite database is refused (65) and left alone' <<'EOF'
sqlite3 other.db 'CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts VALUES (1, '"'"'mine'"'"')'
sqlite3 other.db .dump >before
for args in "case list" "customer add X" "init" "survey import $T/small.csv"; do
	# shellcheck disable=SC2086
	fails 65 cx --db other.db $args
	echo 'cx: other.db: not a cx database (it holds another program'"'"'s tables; use --db for another file)' >expect
	same expect err
done
sqlite3 other.db .dump >after
same before after
test "$(sqlite3 other.db 'PRAGMA user_version')" = 0
EOF

t_file 'a database from a newer cx refuses every kind of write (65) and stays as it was' <<'EOF'
cx backup "$PWD/newer.db" >/dev/null
sqlite3 newer.db 'PRAGMA user_version = 9999'
state newer.db >before
printf '{"type":"header"}\n' >dump.jsonl
for args in "survey import $T/small.csv" "touch log ana@example.com --channel web --stage purchase" \
	"feedback add --source google -m hi" "config set stale 10d" "journey stages add extra" "import dump.jsonl" \
	"case open ana@example.com --title T" "backup $PWD/n2.db"; do
	# shellcheck disable=SC2086
	fails 65 cx --db newer.db $args
	lines err 1
	has err 'cx: newer.db was written by a newer cx (schema 9999; this cx knows up to'
done
state newer.db >after
same before after
test ! -e n2.db
EOF

t 'a path that is not a regular file (a FIFO, a device) is refused (74) before it is opened' <<'EOF'
mkfifo pipe
fails 74 cx --db pipe case list
echo 'cx: pipe is not a regular file, not a database (use --db FILE)' >expect
same expect err
fails 74 cx --db pipe customer add X
same expect err
# /dev/null would read as an empty database, and SQLite would make its log
# next to it, in /dev
fails 74 cx --db /dev/null init
echo 'cx: /dev/null is not a regular file, not a database (use --db FILE)' >expect
same expect err
test ! -e /dev/null-wal
ls >files
printf 'err\nexpect\nfiles\npipe\n' >expect
same expect files
EOF

t 'an empty database: every list and report answers with nothing, cleanly' <<'EOF'
# (sorting nothing once handed qsort a null pointer: the sanitizers' build stops there)
empty=$(db_named empty)
cx --db "$empty" init >/dev/null
for args in "case list --breached" "case list --due-within 4h" "case list --status all" "customer list" \
	"note list" "touch list" "journey map" "survey list" "survey report" "survey responses" \
	"feedback list" "feedback report" "sla list" "report" "log" "search anything"; do
	# shellcheck disable=SC2086
	rc=0
	cx --db "$empty" $args >out 2>err || rc=$?
	[ "$rc" = 0 ] || { echo "$args: exit $rc" >&2; cat err >&2; exit 1; }
	lines err 0
	# shellcheck disable=SC2086
	cx --db "$empty" $args --format json >/dev/null
done
EOF

t_file 'after all of the above, the database file checks out' <<'EOF'
test "$(sqlite3 "$CX_DB" 'PRAGMA integrity_check')" = ok
EOF

t 'after all of the above, the database still works' <<'EOF'
cx -q note add 1 -m "Still here"
cx note list 1 --format tsv >out
lines out 4
EOF

finish
