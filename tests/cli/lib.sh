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
#   same EXPECTED ACTUAL  files must be equal (a diff is shown when not)
#   has FILE TEXT         FILE must contain TEXT (a fixed string)
#   hasnt FILE TEXT       FILE must not contain TEXT
#   lines FILE N          FILE must have N lines
#   snapshot FILE         writes a full dump of the database to FILE
#   skip_all WHY          skips the whole script (exit 77 for meson)
# A test whose description ends in "# TODO why" is a known bug: TAP reports
# it as an expected failure and it does not fail the script.

set -u

: "${CX:?CX must name the cx binary under test}"
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
DATA="$TESTS_DIR/data"
T=$(mktemp -d "${TMPDIR:-/tmp}/cx-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export CX_DB="$T/cx.db" CX_USER=tester TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8
export HOME="$T/home" XDG_DATA_HOME="$T/home/.local/share" XDG_CONFIG_HOME="$T/home/.config"
unset CX_NOW CX_FORMAT VISUAL EDITOR
mkdir -p "$HOME"
_n=0
_failed=0
_only=${CX_TEST_ONLY:-}

cx() { "$CX" "$@"; }

fails() {
	_want=$1
	shift
	set +e
	"$@" 2>err
	_got=$?
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
	sqlite3 "$CX_DB" .dump >"$1"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 77
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
	if [ $? -eq 0 ]; then
		echo "ok $_n - $_desc"
	else
		# A test described "... # TODO why" is known to fail: reported, not counted.
		case $_desc in
		*'# TODO'*) ;;
		*) _failed=$((_failed + 1)) ;;
		esac
		echo "not ok $_n - $_desc"
		sed 's/^/# /' "$T/out.$_n"
	fi
}

finish() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
