#!/bin/sh
# The inputs library messages name (cx/err.h's CX_FIELD): each is set by an
# option, cx words it as the options of the command that failed, and no
# library message spells an option itself.
. "$(dirname "$0")/lib.sh"

LIB=$(cd "$TESTS_DIR/../lib" && pwd)

t 'every field a library message names is set by an option' <<'EOF'
grep -ho 'CX_FIELD\(_ARG\)\?("[a-z0-9_-]*")' "$LIB"/*.c | sed 's/.*("\(.*\)")/\1/' | sort -u >names
test "$(wc -l <names)" -gt 30
# one line a field, each with its option (cx __fields fails on one without)
cx __fields $(cat names) >out
lines out "$(wc -l <names)"
has out "$(printf 'zone\t--tz')"
has out "$(printf 'body\t--message')"
# a name taken from a list is a survey role's, which cx __fields checks without names
grep -l 'CX_FIELD\(_ARG\)\?("%s")' "$LIB"/*.c | sed 's|.*/||' >lists
echo survey_layout.c >expect
same expect lists
cx __fields >roles
has roles "$(printf 'nps\t--nps')"
EOF

t 'no library message spells an option' <<'EOF'
# string literals outside comments; a MIME boundary is not an option, and the
# rules file cx writes and the report's pointer to a command are documents
grep -n '"[^"]*\(--[a-z]\|-m \)[^"]*"' "$LIB"/*.c | grep -v '^[^:]*:[0-9]*:[[:space:]]*/\?\*' |
	grep -v '^[^:]*/mail_demo\.c:' | grep -v '^[^:]*/rules\.c:[0-9]*:.*"\(\\n\)\?# ' |
	grep -v '^[^:]*/report\.c:[0-9]*:.*: cx case list --breached"' >spelt || true
same /dev/null spelt
EOF

t 'a field is worded as the options of the command that failed' <<'EOF'
cx customer add "Ana Lima" --email ana@example.com >/dev/null
cx case open ana@example.com --title "Grinder squeals" >/dev/null
# a note's body: -m or the editor; a feedback reply's: -m alone
fails 65 cx note add 1 -m " "
echo 'cx: note: the text is empty (give it with --message TEXT or --edit)' >expect
same expect err
fails 65 cx feedback respond 1 -m " "
echo 'cx: reply: the text is empty (give it with --message TEXT)' >expect
same expect err
# the library's zone is the option --tz
printf 'a,b\n' >x.csv
fails 2 cx survey import --tz Mars/Olympus x.csv
has err 'cx: --tz: "Mars/Olympus" is not a time zone this system knows'
# the value's name from the verb's table: SPAN
fails 2 cx sla set normal
has err 'cx: give --first SPAN, --resolve SPAN or both'
# a survey role named by its option
fails 65 cx survey import --nps Foo x.csv
echo 'cx: x.csv:1: --nps: no column "Foo" in this file' >expect
same expect err
EOF

t 'what cx prints of a message has no marks left' <<'EOF'
fails 65 cx note add 1 -m " "
hasnt err "$(printf '\037')"
hasnt err "$(printf '\036')"
# why a column was taken, in a report and in a record
cx survey import --dry-run --nps 2 "$DATA/surveys/generic-basic.csv" >out
has out '  nps = column 2 "score": named by --nps'
cx survey import --dry-run --nps 2 --format tsv "$DATA/surveys/generic-basic.csv" >out
has out 'nps = column 2 "score": named by --nps; '
hasnt out "$(printf '\037')"
EOF

finish
