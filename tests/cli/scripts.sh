#!/bin/sh
# Every CLI script is in tests/cli/meson.build's list, and every name in its
# suite lists (once, stress, long) is one of those scripts: meson
# cannot list a directory, so a script left out of the list would never run,
# and a misspelt name would leave its script in the wrong suite, with
# nothing to say so.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cx-scripts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

ls t[0-9]*.sh | sort >"$tmp/files"
grep -o "'t[0-9][^']*\.sh'" meson.build | tr -d "'" | sort >"$tmp/listed"
grep -o "'t[0-9][^'.]*'" meson.build | tr -d "'" | sort -u >"$tmp/named"
sed 's/\.sh$//' "$tmp/files" >"$tmp/names"

status=0
for f in $(comm -23 "$tmp/files" "$tmp/listed"); do
	echo "tests/cli/$f is not in cli_tests (tests/cli/meson.build): it never runs"
	status=1
done
for f in $(comm -13 "$tmp/files" "$tmp/listed"); do
	echo "tests/cli/meson.build lists $f, which is not there"
	status=1
done
for n in $(comm -13 "$tmp/names" "$tmp/named"); do
	echo "tests/cli/meson.build puts $n in a suite list, but there is no script $n.sh"
	status=1
done
exit $status
