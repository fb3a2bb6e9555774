#!/bin/sh
# Every option a cmd/ file reads by name (arg_str(a, "title"), arg_flag,
# arg_all) is one it defines: a .name of an option table in the same file,
# or a global option (cmd/main.c's). The helpers that read options for many
# verbs (shared below) read ones some cmd/ file defines. A misspelt name
# would read as never given; cx stops such a read at run time, in the tests
# that run the verb, and this stops it for every verb before.
set -eu
cd "$(dirname "$0")/../.."

# names FILE: the option names FILE's tables define
names() {
	grep -o '\.name = "[^"]*"' "$1" | sed 's/.*"\(.*\)"/\1/'
}

shared='cmd/args.c cmd/body.c'
global=$(names cmd/main.c)
bad=0
for f in cmd/*.c; do
	case " $shared " in
	*" $f "*) defined=$(cat cmd/*.c | grep -o '\.name = "[^"]*"' | sed 's/.*"\(.*\)"/\1/') ;;
	*) defined=$(names "$f") ;;
	esac
	for used in $(grep -o 'arg_[a-z_]*(a, "[^"]*"' "$f" | sed 's/.*"\(.*\)"/\1/' | sort -u); do
		if ! printf '%s\n%s\n' "$defined" "$global" | grep -qx -- "$used"; then
			echo "$f reads an option \"$used\" that no table of its own (nor cmd/main.c's) defines" >&2
			bad=1
		fi
	done
done
exit $bad
