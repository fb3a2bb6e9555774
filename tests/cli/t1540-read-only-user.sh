#!/bin/sh
# Reading a database someone else owns: a user who may read the file but not
# write it (or its directory) reads it, leaves no -wal or -shm file of their
# own beside it (which its owner could then not use), and is refused every
# write in one line (77). Two unprivileged users play owner and reader, so
# the script runs as root (setpriv); t1520 covers read-only files for one.
. "$(dirname "$0")/lib.sh"

sqlite_only 'the files beside a database file are SQLite'"'"'s'
[ "$(id -u)" = 0 ] || skip_all 'acting as two users needs root (setpriv)'
command -v setpriv >/dev/null 2>&1 || skip_all 'setpriv (util-linux) is not installed'

OWNER=64990
READER=64991
# as UID CMD...: CMD as that user, with a home of its own, in the current directory
as() {
	_uid=$1
	shift
	mkdir -p "$T/home-$_uid"
	chown "$_uid:$_uid" "$T/home-$_uid"
	setpriv --reuid="$_uid" --regid="$_uid" --clear-groups \
		env HOME="$T/home-$_uid" XDG_DATA_HOME="$T/home-$_uid/data" XDG_CONFIG_HOME="$T/home-$_uid/config" "$@"
}
# the users reach the scratch directory (and, it is checked, the binary under test)
chmod 711 "$T"
as "$READER" "$CX" --version >/dev/null 2>&1 || skip_all "user $READER cannot run $CX"

export CX_NOW=2026-03-02T09:00:00Z

# owned DIR MODE: DIR belongs to the owner, with that mode; the owner's
# database in it, with a customer and a case, readable by others.
owned() {
	mkdir -p "$1"
	chown "$OWNER:$OWNER" "$1"
	(
		cd "$1"
		as "$OWNER" "$CX" --db "$PWD/cx.db" -q customer add "Ana Lima" --email ana@example.com
		as "$OWNER" "$CX" --db "$PWD/cx.db" -q case open ana@example.com --title "Grinder squeals"
		chmod 644 cx.db
	)
	chmod "$2" "$1"
}

t 'a file the reader may not write, in a directory it may: read, and nothing of the reader'"'"'s is left' <<'EOF'
owned "$T/shared" 1777
cd "$T/shared"
as "$READER" "$CX" --db "$PWD/cx.db" case list --format tsv >"$T/out"
lines "$T/out" 2
has "$T/out" 'Grinder squeals'
as "$READER" "$CX" --db "$PWD/cx.db" customer show ana@example.com >/dev/null
as "$READER" "$CX" --db "$PWD/cx.db" export >"$T/dump.jsonl"
has "$T/dump.jsonl" 'ana@example.com'
# what the digest would note down (a breach), it need not here
as "$READER" "$CX" --db "$PWD/cx.db" report >"$T/report"
has "$T/report" 'Report: daily'
# the journey map's summaries are behind (the case marked its customer) and the reader may not
# bring them up to date: the full computation, the same figures, no complaint
as "$READER" "$CX" --db "$PWD/cx.db" journey map --format json >"$T/map" 2>"$T/map.err"
test ! -s "$T/map.err"
as "$READER" "$CX" --db "$PWD/cx.db" journey map --format json --since 1970-01-02 >"$T/map.full"
same "$T/map.full" "$T/map"
has "$T/map" '"cases":1'
ls >"$T/files"
echo cx.db >"$T/expect"
same "$T/expect" "$T/files"
# and the owner goes on writing as before
as "$OWNER" "$CX" --db "$PWD/cx.db" -q note add 1 -m "Sent a new burr"
as "$OWNER" "$CX" --db "$PWD/cx.db" note list 1 --format tsv >"$T/notes"
lines "$T/notes" 2
EOF

t 'every write by the reader is refused in one line (77), and changes nothing' <<'EOF'
cd "$T/shared"
sqlite3 cx.db .dump >"$T/before"
for args in "customer add X" "case open ana@example.com --title Y" "note add 1 -m Z" "config set stale 10d" \
	"survey import $T/dump.jsonl" "import $T/dump.jsonl --merge"; do
	# shellcheck disable=SC2086
	as "$READER" "$CX" --db "$PWD/cx.db" $args >/dev/null 2>"$T/err" && { echo "# $args: exit 0"; exit 1; }
	echo "cx: $PWD/cx.db: database is read-only (check the permissions of the file and its directory)" >"$T/expect"
	same "$T/expect" "$T/err"
done
sqlite3 cx.db .dump >"$T/after"
same "$T/before" "$T/after"
ls >"$T/files"
echo cx.db >"$T/expect"
same "$T/expect" "$T/files"
EOF

t 'a directory the reader may not write, with no log files in it: read all the same' <<'EOF'
owned "$T/private" 755
cd "$T/private"
test ! -e cx.db-wal
as "$READER" "$CX" --db "$PWD/cx.db" case list --format tsv >"$T/out"
lines "$T/out" 2
as "$READER" "$CX" --db "$PWD/cx.db" backup "$T/home-$READER/copy.db" >/dev/null
test "$(sqlite3 "$T/home-$READER/copy.db" 'SELECT count(*) FROM cases')" = 1
as "$READER" "$CX" --db "$PWD/cx.db" customer add X 2>"$T/err" && exit 1
has "$T/err" '(check the permissions of the file and its directory)'
ls >"$T/files"
echo cx.db >"$T/expect"
same "$T/expect" "$T/files"
EOF

t 'while a reader holds the file, the owner'"'"'s change waits in its log, and the next reader sees it' <<'EOF'
command -v python3 >/dev/null 2>&1 || { echo '# no python3 to hold the file open'; exit 0; }
cd "$T/shared"
# the shared lock a reading cx holds on the file while it reads it directly
as "$READER" python3 -c '
import fcntl, os, sys, time
fd = os.open("cx.db", os.O_RDONLY)
fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 510, 0x40000002, 0)
open(sys.argv[1], "w").close()
time.sleep(3)
' "$T/home-$READER/held" &
until [ -e "$T/home-$READER/held" ]; do sleep 0.05; done
as "$OWNER" "$CX" --db "$PWD/cx.db" -q case open ana@example.com --title "While read"
# the change is in the owner's log: it could not be folded into the file
test -s cx.db-wal
test "$(stat -c %u cx.db-wal)" = "$OWNER"
as "$READER" "$CX" --db "$PWD/cx.db" case list --format tsv >"$T/out"
has "$T/out" 'While read'
wait
# the owner's next command folds it in, and takes its files away
as "$OWNER" "$CX" --db "$PWD/cx.db" case list >/dev/null
ls >"$T/files"
echo cx.db >"$T/expect"
same "$T/expect" "$T/files"
EOF

t 'a database of an older schema that the reader may not upgrade is refused (77), untouched' <<'EOF'
mkdir -p "$T/old"
cp "$T/shared/cx.db" "$T/old/cx.db"
chown "$OWNER:$OWNER" "$T/old" "$T/old/cx.db"
chmod 755 "$T/old"
v=$(sqlite3 "$T/old/cx.db" 'PRAGMA user_version')
sqlite3 "$T/old/cx.db" "PRAGMA user_version = $((v - 1))"
sum=$(md5sum <"$T/old/cx.db")
as "$READER" "$CX" --db "$T/old/cx.db" case list 2>"$T/err" >/dev/null && exit 1
echo "cx: $T/old/cx.db is at schema $((v - 1)) and must be upgraded to $v before this cx reads it, which needs write access (run cx init as a user who may write the file and its directory)" >"$T/expect"
same "$T/expect" "$T/err"
test "$(md5sum <"$T/old/cx.db")" = "$sum"
EOF

t 'a reader whose file a big write folds its log into meanwhile gives up (75) rather than trust what it read' <<'EOF'
mkdir -m 1777 "$T/busy"
cd "$T/busy"
survey() {
	awk -v n="$1" -v p="$2" 'BEGIN { print "id,email,nps,comment"
		for (i = 1; i <= n; i++) printf "%s%d,%s%d@example.com,%d,\"Answer %d: the beans were fine, the grinder less so\"\n", p, i, p, i, i % 11, i }'
}
survey 3000 s >small.csv
survey 60000 b >big.csv
chmod 644 small.csv big.csv
as "$OWNER" "$CX" --db "$PWD/cx.db" -q survey import small.csv --name Small >/dev/null
chmod 644 cx.db
# the reader's export stalls on a full pipe, the file open, while the owner
# imports more than SQLite's log holds before it is folded into the file
{ rc=0; as "$READER" "$CX" --db "$PWD/cx.db" export 2>"$T/err" || rc=$?; echo $rc >"$T/rc"; } |
	{ dd bs=1 count=1 2>/dev/null >/dev/null; : >started; until [ -e go ]; do sleep 0.1; done; cat >/dev/null; } &
# its first byte has come: it has the file open
until [ -e started ]; do sleep 0.1; done
as "$OWNER" "$CX" --db "$PWD/cx.db" -q survey import big.csv --name Big >/dev/null
: >go
wait
echo 75 >"$T/expect"
same "$T/expect" "$T/rc"
has "$T/err" "cx: $PWD/cx.db was written to while it was read: what was shown may be wrong (run the command again)"
# read again, it is whole
as "$READER" "$CX" --db "$PWD/cx.db" survey list --format tsv | cut -f1,4 | sort >"$T/out"
printf 'Big\t60000\nSmall\t3000\nname\tresponses\n' >"$T/expect"
same "$T/expect" "$T/out"
EOF

finish
