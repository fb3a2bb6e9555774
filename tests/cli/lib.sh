# tests/cli/lib.sh: the helper every CLI test sources. It drives the built cx
# binary as a script would and speaks TAP, so meson reads the results.
#
#   . "$(dirname "$0")/lib.sh"
#   t 'adds a customer' <<'EOF'
#   cx customer add "Dana Ruiz" --email dana@example.com
#   cx customer list --format tsv >actual
#   same expected actual
#   EOF
#   finish
#
# Each test body runs in a subshell with `set -e` inside its own scratch
# directory; the database ($CX_DB) is shared by the tests of one script, so a
# script tells a story in order. Helpers:
#   cx ARGS...            the binary under test
#   fails STATUS CMD...   CMD must exit with STATUS; its stderr is kept in ./err
#   may_fail CMD...       CMD may fail (the test looks at $?); any other cx that
#                         exits non-zero fails its test, even inside a pipeline
#   note_writer WHO N CASE [OPT...]  WHO adds N notes to CASE, again on 75
#                         (for many writers at once; a failure goes to WHO.fail)
#   same EXPECTED ACTUAL  files must be equal (a diff is shown when not)
#   has FILE TEXT         FILE must contain TEXT (a fixed string)
#   hasnt FILE TEXT       FILE must not contain TEXT
#   lines FILE N          FILE must have N lines
#   snapshot FILE         writes a full dump of the database to FILE
#   dbq SQL               runs SQL on the database under test (SQLite or PostgreSQL)
#   db_named NAME         prints the target of another database of the script's,
#                         for a story that needs one of its own (CX_DB=$(db_named
#                         NAME)): the file $T/NAME.db on SQLite; under tests/pg the
#                         URL of a server database ${_pgdb}_NAME (but for a-z and
#                         0-9, each character of NAME as _), made empty on first
#                         use and dropped at the end with the script's own
#   on_pg                 true when the tests run on a PostgreSQL server (tests/pg)
#   pg_alone              on a server: leaves the database without dbq's session
#                         (which it otherwise keeps for the whole script)
#   sqlite_only WHY       skips the whole script on PostgreSQL (a file's own behaviour)
#   hold_lock             another writer (the sqlite3 shell) takes the database
#                         file's write lock and keeps it until let_go (SQLite's:
#                         in a t_file test); it uses fd 3 and ./lock.fifo
#   let_go                the holder rolls back and is gone
#   skip_all WHY          skips the whole script (a TAP plan of none, SKIP)
# A test whose description ends in "# TODO why" is a known bug: TAP reports
# it as an expected failure and it does not fail the script.
# A test of the SQLite file itself (its pages, its log files, PRAGMAs, file
# modes, a copy of it) is written `t_file 'desc' <<'EOF'` instead: the same
# as t on SQLite; on PostgreSQL, where there is no such file, it is reported
# as skipped ("# SKIP a file's own behaviour") and its body is not run.
# A test whose subject is the same whichever engine runs it (what a
# terminal shows; a demo made on a file) is written `t_once`: run on a file
# only, in the same way.

set -u

: "${CX:?CX must name the cx binary under test}"
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
DATA="$TESTS_DIR/data"
T=$(mktemp -d "${TMPDIR:-/tmp}/cx-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export CX_DB="$T/cx.db" CX_USER=tester TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8
# _pg_create NAME: a new, empty database NAME on the test server. Copied file
# by file (PostgreSQL 15's STRATEGY FILE_COPY: half the time of the default
# for a database as small as template0); an older server's way otherwise.
_pg_create() {
	_new="CREATE DATABASE $1 TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'"
	psql -qAtX "$CX_TEST_PG" -c "$_new STRATEGY FILE_COPY" >/dev/null 2>&1 ||
		psql -qAtX "$CX_TEST_PG" -c "$_new" >/dev/null
}
# On a PostgreSQL server (tests/pg sets CX_TEST_PG, the URL of its maintenance
# database): a database of this script's own, dropped at the end.
if [ -n "${CX_TEST_PG:-}" ]; then
	_pgdb=cx_$(basename "$0" .sh | tr -c 'a-z0-9\n' '_')_$$
	_pg_create "$_pgdb" || exit 99
	# cx reaches it directly, or through the pooler in front of the server
	# when the pass asks for that (CX_TEST_VIA_POOLER, tests/run)
	_pg_via=$CX_TEST_PG
	[ -n "${CX_TEST_VIA_POOLER:-}" ] && _pg_via=$CX_TEST_POOLER
	CX_DB=$(echo "$_pg_via" | sed "s|/postgres?|/$_pgdb?|")
	# psql finds cx's tables as cx does: in their schema, cx (then public, for older ones)
	export PGOPTIONS='-c search_path=cx,public'
	# the databases db_named made (named in $T/pg-databases), then the script's own
	_pg_drop_all() {
		if [ -f "$T/pg-databases" ]; then
			while read -r _d; do
				psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE IF EXISTS $_d WITH (FORCE)" >/dev/null
			done <"$T/pg-databases"
		fi
		rm -rf "$T"
		psql -qAtX "$CX_TEST_PG" -c "DROP DATABASE IF EXISTS $_pgdb WITH (FORCE)" >/dev/null
	}
	trap _pg_drop_all EXIT
fi
export HOME="$T/home" XDG_DATA_HOME="$T/home/.local/share" XDG_CONFIG_HOME="$T/home/.config"
unset CX_NOW CX_FORMAT VISUAL EDITOR
mkdir -p "$HOME"
_n=0
_failed=0
_only=${CX_TEST_ONLY:-}

# A cx that fails where the test did not say it may is recorded, and fails
# the test even when it ran inside a pipeline (whose status is the last
# command's): a failing cx never passes by comparing two empty files.
# (Its status is taken with ||: under the tests' set -e, a bare failing
# command would end a pipeline's subshell before the failure is recorded.)
cx() {
	_rc=0
	"$CX" "$@" || _rc=$?
	if [ $_rc -ne 0 ] && [ -z "${_cx_may_fail:-}" ]; then
		echo "cx $* exited $_rc" >>"$T/cx-failed.$_n"
	fi
	return $_rc
}

# note_writer WHO N CASE [OPTION...]: WHO adds N notes to CASE ("WHO 0",
# "WHO 1", ...), each again while cx says try again (75); any other failure
# goes to WHO.fail. The OPTIONs go to each cx (e.g. --db URL).
note_writer() {
	_who=$1 _nn=$2 _case=$3 _i=0
	shift 3
	while [ $_i -lt "$_nn" ]; do
		if may_fail cx -q "$@" --as "$_who" note add "$_case" -m "$_who $_i" 2>>"$_who.err"; then
			_i=$((_i + 1))
		else
			_rc=$?
			[ $_rc -eq 75 ] || { echo "$_who $_i: exit $_rc" >>"$_who.fail"; return 1; }
		fi
	done
}

# may_fail CMD...: runs CMD, whose cx may exit non-zero (the caller looks at $?).
may_fail() {
	_cx_may_fail=1
	"$@"
	_rc=$?
	_cx_may_fail=
	return $_rc
}

fails() {
	_want=$1
	shift
	set +e
	_cx_may_fail=1
	"$@" 2>err
	_got=$?
	_cx_may_fail=
	set -e
	if [ "$_got" != "$_want" ]; then
		echo "# expected exit status $_want, got $_got from: $*" >&2
		sed 's/^/#   stderr: /' err >&2
		return 1
	fi
	return 0
}

same() {
	if ! cmp -s "$1" "$2"; then
		echo "# $1 and $2 differ:" >&2
		diff -u "$1" "$2" | sed 's/^/#   /' >&2
		return 1
	fi
}

has() {
	if ! grep -qF -- "$2" "$1"; then
		echo "# $1 does not contain: $2" >&2
		sed 's/^/#   | /' "$1" | head -n 40 >&2
		return 1
	fi
}

hasnt() {
	if grep -qF -- "$2" "$1"; then
		echo "# $1 contains, and should not: $2" >&2
		grep -nF -- "$2" "$1" | sed 's/^/#   | /' | head -n 10 >&2
		return 1
	fi
}

lines() {
	_c=$(wc -l <"$1" | tr -d ' ')
	if [ "$_c" != "$2" ]; then
		echo "# $1 has $_c lines, expected $2" >&2
		sed 's/^/#   | /' "$1" | head -n 40 >&2
		return 1
	fi
}

snapshot() {
	if on_pg; then
		# every row of every table, in one query (pg_dump takes ten times as long)
		_snap="SELECT format('SELECT %L || '' '' || t::text FROM %I.%I t ORDER BY 1',
		                     table_schema || '.' || table_name, table_schema, table_name)
		       FROM information_schema.tables
		       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
		       ORDER BY 1"
		if _pq_serves; then
			_pq "$_snap \\gexec" >"$1"
		else
			printf '%s \\gexec\n' "$_snap" | psql -qAtX -v ON_ERROR_STOP=1 -d "$CX_DB" >"$1"
		fi
	else
		sqlite3 -cmd ".timeout 5000" "$CX_DB" .dump >"$1"
	fi
}

# same_figures EXPECT ACTUAL: the same TSV document, cell by cell; numbers
# equal to within a part in ten million (cx writes 12 significant digits,
# the reference a float's 17), everything else exactly.
same_figures() {
	awk -F '\t' -v want="$1" '
		function num(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ }
		function abs(x) { return x < 0 ? -x : x }
		{
			if ((getline w <want) <= 0) { printf "# line %d: more lines than expected\n", NR; bad = 1; exit }
			nw = split(w, e, "\t")
			if (nw != NF) { printf "# line %d: %d fields, expected %d\n#   got:  %s\n#   want: %s\n", NR, NF, nw, $0, w; bad = 1; next }
			if (NR == 1 || prev == "") for (i = 1; i <= NF; i++) name[i] = e[i]
			for (i = 1; i <= NF; i++) {
				if (num($i) && num(e[i])) {
					if (abs($i - e[i]) <= 1e-7 * (abs(e[i]) > abs($i) ? abs(e[i]) : abs($i)) + 1e-12) continue
				} else if ($i == e[i]) continue
				printf "# line %d, %s: got \"%s\", expected \"%s\"\n", NR, name[i], $i, e[i]
				bad = 1
			}
			prev = $0
		}
		END {
			if (!bad && (getline w <want) > 0) { printf "# fewer lines than expected, next: %s\n", w; bad = 1 }
			exit bad
		}' "$2"
}

# Whether the database under test ($CX_DB) is on a PostgreSQL server.
on_pg() {
	case $CX_DB in
	postgres://* | postgresql://*) return 0 ;;
	*) return 1 ;;
	esac
}

# dbq SQL: runs SQL on the database under test, whichever engine; one row a
# line, columns joined by |, as sqlite3 prints them. On a file it waits for a
# lock as cx would (a process that just closed the file may still be tidying
# its log away), rather than failing at once.
dbq() {
	if on_pg; then
		if _pq_serves; then
			_pq "$1"
		else
			psql -qAtX -v ON_ERROR_STOP=1 -F '|' -d "$CX_DB" -c "$1"
		fi
	else
		sqlite3 -cmd ".timeout 5000" "$CX_DB" "$1"
	fi
}

# On a server, the queries of dbq and snapshot on the script's own database,
# and on those db_named made, go through one psql kept open for the whole
# script: a connection each (a server process started, psql loaded) cost
# more than the commands under test. _pq SQL connects it to $CX_DB when it
# is on another (pq.cur says which), sends SQL, its answer to the file
# pq.out.txt, and a marker psql echoes once it is done, saying whether SQL
# failed. Its errors are the tail of pq.err.
_pq_open() {
	mkfifo "$T/pq.in" "$T/pq.out"
	: >"$T/pq.err"
	psql -qAtX -F '|' -d "$CX_DB" <"$T/pq.in" >"$T/pq.out" 2>>"$T/pq.err" &
	echo $! >"$T/pq.pid"
	exec 7>"$T/pq.in" 8<"$T/pq.out"
	_pq_db=$CX_DB
}

# pg_alone: ends the script's psql, so that no other session holds the
# database (CREATE DATABASE ... TEMPLATE wants it alone); later queries each
# connect on their own. A file says so, for the subshells of later tests.
pg_alone() {
	if [ -n "${_pq_db:-}" ] && [ ! -e "$T/pq.closed" ]; then
		printf '\\q\n' >&7
		: >"$T/pq.closed"
		while kill -0 "$(cat "$T/pq.pid")" 2>/dev/null; do
			sleep 0.05
		done
	fi
	# through a pooler, the server connections it keeps for the database go
	# too (nothing runs on them now; it opens new ones when asked)
	if [ -n "${CX_TEST_VIA_POOLER:-}" ]; then
		psql -qAtX "$CX_TEST_PG" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = '$_pgdb' AND pid <> pg_backend_pid()" >/dev/null
	fi
}
# _pq_serves: the script's psql is open and may serve $CX_DB.
_pq_serves() {
	[ -n "${_pq_db:-}" ] && [ ! -e "$T/pq.closed" ] || return 1
	[ "$CX_DB" = "$_pq_db" ] || grep -qxF "$CX_DB" "$T/pg-urls" 2>/dev/null
}
_pq() {
	_pq_cur=$_pq_db
	[ -f "$T/pq.cur" ] && read -r _pq_cur <"$T/pq.cur"
	if [ "$CX_DB" != "$_pq_cur" ]; then
		printf '%s\n' "\\connect '$CX_DB'" >&7
		printf '%s\n' "$CX_DB" >"$T/pq.cur"
	fi
	# the answer goes to a file, read whole: the shell's read takes a pipe a byte at a time
	printf '%s\n' "\\o '$T/pq.out.txt'" >&7
	case $1 in
	*\; | *\\gexec) printf '%s\n' "$1" >&7 ;;
	*) printf '%s;\n' "$1" >&7 ;;
	esac
	printf '\\o\n\\if :ERROR\n\\echo _pq_failed\n\\else\n\\echo _pq_done\n\\endif\n' >&7
	while IFS= read -r _pq_line <&8; do
		case $_pq_line in
		_pq_done)
			cat "$T/pq.out.txt"
			return 0
			;;
		_pq_failed)
			cat "$T/pq.err" >&2
			: >"$T/pq.err"
			return 1
			;;
		esac
	done
	echo "dbq: the script's psql has gone" >&2
	return 1
}

# db_named NAME: the database target for NAME (see the top of this file). The
# names made are kept in a file, not a variable: tests run in subshells.
db_named() {
	if [ -z "${CX_TEST_PG:-}" ]; then
		echo "$T/$1.db"
		return 0
	fi
	_dbn=${_pgdb}_$(printf '%s' "$1" | tr -c 'a-z0-9' '_')
	# the server would cut a longer name short, and the URL would miss it
	if [ ${#_dbn} -gt 63 ]; then
		echo "db_named: $_dbn is longer than PostgreSQL's 63 bytes" >&2
		return 1
	fi
	_url=$(echo "$_pg_via" | sed "s|/postgres?|/$_dbn?|")
	if ! grep -qxF "$_dbn" "$T/pg-databases" 2>/dev/null; then
		echo "$_dbn" >>"$T/pg-databases"
		_pg_create "$_dbn" || return 1
		echo "$_url" >>"$T/pg-urls"
	fi
	echo "$_url"
}

# mail_corpus: the test mail, made by Python's email package (an
# implementation that is not cx's) in $C, its single messages in $E; $PY is
# that Python. Skips the script when there is no such Python.
mail_corpus() {
	PY=
	for _p in python3 /usr/bin/python3; do
		if command -v "$_p" >/dev/null 2>&1 && "$_p" -c 'import email.policy, mailbox' 2>/dev/null; then
			PY=$_p
			break
		fi
	done
	[ -n "$PY" ] || skip_all 'python3 is not installed (it makes and reads the test mail)'
	C="$T/corpus"
	E="$C/eml"
	"$PY" "$DATA/mail/make-corpus.py" "$C" || exit 99
}

hold_lock() {
	mkfifo lock.fifo
	sqlite3 "$CX_DB" <lock.fifo >lock.out 2>&1 &
	_holder=$!
	exec 3>lock.fifo
	# The holder waits out the probe's brief lock below rather than failing against it.
	echo ".timeout 5000" >&3
	echo "BEGIN IMMEDIATE; INSERT INTO settings VALUES ('lock', 'held');" >&3
	# Until the lock is really held: a writer that does not wait fails then.
	_i=0
	while sqlite3 "$CX_DB" ".timeout 0" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || { echo "the lock was never taken" >&2; return 1; }
		sleep 0.05
	done
}

let_go() {
	echo "ROLLBACK;" >&3
	exec 3>&-
	wait "$_holder"
}

skip_all() {
	# meson reads a TAP plan of none with SKIP as a skipped test (exit 0; 77 would be an error)
	echo "1..0 # SKIP $*"
	exit 0
}

sqlite_only() {
	if on_pg; then
		skip_all "$*"
	fi
}

t() {
	_n=$((_n + 1))
	_desc=$1
	_body=$(cat)
	if [ -n "$_only" ] && [ "$_only" != "$_n" ]; then
		echo "ok $_n - $_desc # SKIP not selected"
		return 0
	fi
	_dir="$T/t$_n"
	mkdir -p "$_dir"
	# Not inside `if`: there the shell would ignore set -e in the subshell.
	(
		cd "$_dir" || exit 1
		set -e
		eval "$_body"
	) >"$T/out.$_n" 2>&1
	_status=$?
	if [ -s "$T/cx-failed.$_n" ]; then
		sed 's/^/# unexpected failure: /' "$T/cx-failed.$_n" >>"$T/out.$_n"
		_status=1
	fi
	if [ $_status -eq 0 ]; then
		# a known failure that passed this time is a pass (to TAP, "ok # TODO" is an unexpected one)
		echo "ok $_n - ${_desc%% # TODO*}"
	else
		# A test described "... # TODO why" is known to fail: reported, not counted.
		case $_desc in
		*'# TODO'*) ;;
		*) _failed=$((_failed + 1)) ;;
		esac
		echo "not ok $_n - $_desc"
		sed 's/^/# /' "$T/out.$_n"
		# and to stderr, which meson test --print-errorlogs shows (it keeps a TAP script's stdout to itself)
		sed "s/^/# $_n: /" "$T/out.$_n" >&2
	fi
}

# _pg_skips DESC WHY: on PostgreSQL, the test DESC reported as skipped for
# WHY, its body read and not run; on a file, 1 (the caller runs it).
_pg_skips() {
	on_pg || return 1
	_n=$((_n + 1))
	cat >/dev/null
	echo "ok $_n - $1 # SKIP $2"
}

# t_file DESC: as t, but skipped on PostgreSQL (see the top of this file).
t_file() {
	_pg_skips "$1" "a file's own behaviour" || t "$1"
}

# t_once DESC: as t_file, for a test whose subject is the same whichever
# engine (what a terminal shows, a demo made on a file): run on a file.
t_once() {
	_pg_skips "$1" "the same on either engine: run on a file" || t "$1"
}

finish() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# ---- a real browser, for the pages and pictures cx draws -------------------
#
#   need_chromium                 sets CHROMIUM, or skips the whole script
#   screenshot FILE PNG W H [S]   renders FILE (.html or .svg) in a W x H window
#                                 at scale S (default 1) into PNG, by a browser
#                                 that neither touches the network nor keeps a
#                                 profile
#   png_colours PNG [RRGGBB]...   "background RRGGBB" (the commonest colour),
#                                 then "RRGGBB N" per colour asked: the pixels
#                                 within 12 of it on every channel
#   png_palette PNG MIN           the colours of at least MIN pixels, commonest
#                                 first, as "RRGGBB N"

need_chromium() {
	CHROMIUM=
	for _c in chromium chromium-browser; do
		if command -v "$_c" >/dev/null 2>&1; then
			CHROMIUM=$(command -v "$_c")
			break
		fi
	done
	[ -n "$CHROMIUM" ] || skip_all 'chromium is not installed'
	export CHROMIUM
}

screenshot() {
	_file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	_profile=$(mktemp -d "$T/chromium.XXXXXX")
	set -- "$2" --headless --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$_profile" \
		--screenshot="$2" --window-size="$3,$4" --force-device-scale-factor="${5:-1}"
	[ "$(id -u)" -eq 0 ] && set -- "$@" --no-sandbox
	_png=$1
	shift
	_to=
	command -v timeout >/dev/null 2>&1 && _to="timeout 60"
	$_to "$CHROMIUM" "$@" "file://$_file" >chromium.log 2>&1 ||
		{ sed 's/^/# chromium: /' chromium.log | tail -n 20; return 1; }
	test -s "$_png" || { echo "# no screenshot in $_png"; sed 's/^/# chromium: /' chromium.log | tail -n 20; return 1; }
}

# The PNG reader behind png_colours and png_palette, in Python or (where there
# is none) Perl: ARGS are PNG MIN [RRGGBB]...; prints the background, each
# colour asked with its count, and "palette RRGGBB N" for colours of MIN pixels
# or more (none when MIN is 0). 8-bit RGB or RGBA, not interlaced: what
# Chromium writes.
_png_scan() {
	if command -v python3 >/dev/null 2>&1; then
		[ -f "$T/png_scan.py" ] || cat >"$T/png_scan.py" <<'PY'
import struct, sys, zlib

def pixels(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('not a PNG')
    pos, idat = 8, []
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit('unexpected PNG: depth %d, colour type %d, interlace %d' % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b''.join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    counts = {}
    for y in range(h):
        start = y * (stride + 1)
        f = raw[start]
        cur = bytearray(raw[start + 1:start + 1 + stride])
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                cur[i] = (cur[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0:
            sys.exit('bad filter %d in row %d' % (f, y))
        for i in range(0, stride, bpp):
            px = bytes(cur[i:i + 3])
            counts[px] = counts.get(px, 0) + 1
        prev = cur
    return counts

counts = pixels(sys.argv[1])
least = int(sys.argv[2])
print('background', max(counts, key=counts.get).hex())
for want in sys.argv[3:]:
    rgb = bytes.fromhex(want)
    n = sum(c for px, c in counts.items() if all(abs(px[k] - rgb[k]) <= 12 for k in range(3)))
    print(want, n)
if least > 0:
    for px, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if c >= least:
            print('palette', px.hex(), c)
PY
		python3 "$T/png_scan.py" "$@"
	else
		[ -f "$T/png_scan.pl" ] || cat >"$T/png_scan.pl" <<'PL'
use strict;
use warnings;
use Compress::Zlib;
my ($file, $least, @want) = @ARGV;
open(my $fh, '<:raw', $file) or die "$file: $!\n";
local $/;
my $data = <$fh>;
die "not a PNG\n" unless substr($data, 0, 8) eq "\x89PNG\r\n\x1a\n";
my ($pos, $idat, $w, $h, $depth, $ctype, $interlace) = (8, '');
while ($pos < length $data) {
	my ($n, $kind) = unpack('N a4', substr($data, $pos, 8));
	my $body = substr($data, $pos + 8, $n);
	$pos += 12 + $n;
	if ($kind eq 'IHDR') { ($w, $h, $depth, $ctype, undef, undef, $interlace) = unpack('N N C C C C C', $body) }
	elsif ($kind eq 'IDAT') { $idat .= $body }
	elsif ($kind eq 'IEND') { last }
}
die "unexpected PNG\n" if $depth != 8 || ($ctype != 2 && $ctype != 6) || $interlace;
my $bpp = $ctype == 2 ? 3 : 4;
my $raw = uncompress($idat) // die "bad zlib data\n";
my $stride = $w * $bpp;
my @prev = (0) x $stride;
my %counts;
for my $y (0 .. $h - 1) {
	my $start = $y * ($stride + 1);
	my $f = ord substr($raw, $start, 1);
	my @cur = unpack('C*', substr($raw, $start + 1, $stride));
	for my $i (0 .. $stride - 1) {
		my $a = $i >= $bpp ? $cur[$i - $bpp] : 0;
		my $b = $prev[$i];
		my $c = $i >= $bpp ? $prev[$i - $bpp] : 0;
		my $add = $f == 0 ? 0 : $f == 1 ? $a : $f == 2 ? $b : $f == 3 ? int(($a + $b) / 2) : do {
			my $p = $a + $b - $c;
			my ($pa, $pb, $pc) = (abs($p - $a), abs($p - $b), abs($p - $c));
			$pa <= $pb && $pa <= $pc ? $a : $pb <= $pc ? $b : $c;
		};
		$cur[$i] = ($cur[$i] + $add) & 255;
	}
	for (my $i = 0; $i < $stride; $i += $bpp) {
		$counts{sprintf('%02x%02x%02x', @cur[$i .. $i + 2])}++;
	}
	@prev = @cur;
}
my @by = sort { $counts{$b} <=> $counts{$a} || $a cmp $b } keys %counts;
print "background $by[0]\n";
for my $want (@want) {
	my @rgb = map { hex } unpack('(A2)3', $want);
	my $n = 0;
	for my $px (keys %counts) {
		my @p = map { hex } unpack('(A2)3', $px);
		$n += $counts{$px} if abs($p[0] - $rgb[0]) <= 12 && abs($p[1] - $rgb[1]) <= 12 && abs($p[2] - $rgb[2]) <= 12;
	}
	print "$want $n\n";
}
if ($least > 0) {
	for my $px (@by) {
		print "palette $px $counts{$px}\n" if $counts{$px} >= $least;
	}
}
PL
		perl "$T/png_scan.pl" "$@"
	fi
}

png_colours() {
	_p=$1
	shift
	_png_scan "$_p" 0 "$@"
}

png_palette() {
	_png_scan "$1" "$2" | sed -n 's/^palette //p'
}

# On a server, dbq's psql is opened once, for the whole script (see _pq_open).
if [ -n "${CX_TEST_PG:-}" ]; then
	_pq_open
fi
