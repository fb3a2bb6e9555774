#!/bin/sh
# The include graph among lib/'s modules has no cycle: a module includes
# the headers of the modules below it, never of one that includes its own.
#
# A module is a file's name up to its first '_': mail_import.c and
# mail_impl.h are mail's, cx/case.h and case_impl.h are case's; the storage
# layer's files (lib/store/, and cx/db.h) are one module, store; cx/cx.h, the
# umbrella header, is nobody's.
set -eu
cd "$(dirname "$0")/../.."

# check: reads "FILE HEADER" lines; prints each edge that closes a cycle, and fails if there is one.
check() {
	awk '
		function module(path,   m) {
			if (path ~ /(^|\/)store\//)
				return "store"
			sub(/.*\//, "", path)
			sub(/\.[ch]$/, "", path)
			m = path
			sub(/_.*/, "", m)
			if (m == "db")
				return "store"
			return m
		}
		$2 == "cx/cx.h" || $1 ~ /(^|\/)cx\.h$/ || $2 == "cx_config.h" { next }
		{
			a = module($1); b = module($2)
			if (a == b)
				next
			mods[a] = mods[b] = 1
			if (!((a, b) in edge))
				edge[a, b] = $1
			else if (index(edge[a, b], $1) == 0)
				edge[a, b] = edge[a, b] ", " $1
			reach[a, b] = 1
		}
		END {
			for (m in mods)
				for (i in mods)
					if ((i, m) in reach)
						for (j in mods)
							if ((m, j) in reach)
								reach[i, j] = 1
			bad = 0
			for (e in edge) {
				split(e, ab, SUBSEP)
				if ((ab[2], ab[1]) in reach) {
					printf "%s -> %s (%s), and %s reaches %s back\n", ab[1], ab[2], edge[e], ab[2], ab[1]
					bad = 1
				}
			}
			exit bad
		}'
}

# the check itself finds a cycle, through a third module too
if printf 'lib/a.c b.h\nlib/b.c c_impl.h\nlib/c_x.c cx/a.h\n' | check >/dev/null; then
	echo "the check missed a cycle a -> b -> c -> a" >&2
	exit 1
fi
printf 'lib/a.c b.h\nlib/b.c c_impl.h\n' | check

grep -o '^#include "[^"]*"' lib/*.c lib/*.h lib/store/*.c lib/store/*.h include/cx/*.h | sed 's/:#include "\(.*\)"$/ \1/' >"${TMPDIR:-/tmp}/cx-includes.$$"
if ! check <"${TMPDIR:-/tmp}/cx-includes.$$"; then
	rm -f "${TMPDIR:-/tmp}/cx-includes.$$"
	echo "lib/ has an include cycle: a module above includes one below, not the other way round" >&2
	exit 1
fi
rm -f "${TMPDIR:-/tmp}/cx-includes.$$"
