#!/bin/sh
# Errors: every class with its exit status and one line on stderr, and a
# database that is exactly as it was after any failure.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# md5sum prints the file name too; the checksum alone is enough here.
sum() { md5sum <"$1" | cut -d' ' -f1; }

t 'setup: customers and a case' <<'EOF'
cx customer add "Ana Lima" --email ana@example.com >/dev/null
cx customer add "Andrew Lee" --email andrew@example.com >/dev/null
cx case open ana@example.com --title "Grinder squeals" -m "Since Monday" >/dev/null
cx case list --format tsv >out
lines out 2
EOF

# ---- not found, ambiguous: 1 -----------------------------------------------

t 'not found is exit 1 with one line' <<'EOF'
fails 1 cx customer show nobody@example.com
echo 'cx: no customer with email nobody@example.com' >expect
same expect err
fails 1 cx case show 42
echo 'cx: no case 42' >expect
same expect err
EOF

t 'an ambiguous reference is exit 1 with one line naming the candidates' <<'EOF'
fails 1 cx case open an --title "Which one?"
echo 'cx: "an" matches 2 customers: 1 Ana Lima <ana@example.com>; 2 Andrew Lee <andrew@example.com> (use an id or email)' >expect
same expect err
EOF

# ---- usage: 2 --------------------------------------------------------------

# check EXPECTED-MESSAGE USAGE-LINE-START -- ARGS: a usage error, its message and usage line.
check() {
	msg=$1 use=$2
	shift 3
	fails 2 cx "$@"
	has err "cx: $msg"
	has err "usage: cx $use"
	lines err 2
}

t 'usage errors are exit 2 with the message and the usage line' <<'EOF'
check 'unknown option --bogus' 'case list' -- case list --bogus
check 'unknown option -z' 'case list' -- case list -z
check '--status needs a value (STATUS)' 'case list' -- case list --status
check '--reverse takes no value' 'case list' -- case list --reverse=yes
check 'too many arguments: extra' 'case list' -- case list extra
check 'too few arguments' 'case show CASE' -- case show
check '--format: "xml" is not one of table, tsv, csv, json, jsonl, markdown, html, svg, text, md' 'customer list' -- customer list --format xml
check '--color: "sometimes" is not one of auto, always, never' 'customer list' -- customer list --color sometimes
check 'ambiguous option --s: could be --status, --stage, --since, --search, --sort' 'case list' -- case list --s open
EOF

# The rule of cx(1): what is wrong on the command line and can be told
# without the database is a usage error (2); wrong content of an input file
# is bad data (65); a name or id that is not in the database is not found (1).
t 'a value outside the fixed list of its option is a usage error (2), naming the option and the list' <<'EOF'
snapshot before
check '--status: "bogus" is not one of new, open, pending, resolved, closed, all' 'case list' -- case list --status bogus
check '--sort: "nope" is not one of opened, updated, priority, id' 'case list' -- case list --sort nope
check '--priority: "asap" is not one of low, normal, high, urgent' 'case open' -- case open ana --title X -p asap
check '--kind: "fax" is not one of call, email, chat, visit, social, letter, other' 'note add' -- note add 1 -k fax -m x
check '--sentiment: "meh" is not one of negative, neutral, positive, unknown' 'feedback list' -- feedback list --sentiment meh
check '--by: "decade" is not one of day, week, month, quarter, year' 'survey report' -- survey report --by decade
check '--sep: "|" is not one of ",", ";", tab' 'survey import' -- survey import x.csv --sep '|'
check 'PRIORITY: "asap" is not one of low, normal, high, urgent' 'sla set' -- sla set asap --first 1h
check 'NAME: "yearly" is not one of daily, weekly, monthly' 'report' -- report yearly
# before the command, too
fails 2 cx --format xml case list
has err 'cx: --format: "xml" is not one of table, tsv, csv, json, jsonl, markdown, html, svg, text, md'
snapshot after
same before after
EOF

t 'a number that is not one, or out of its range, is a usage error (2)' <<'EOF'
check '--limit: "0" is not a whole number from 1 to' 'case list' -- case list --limit 0
check '--limit: "ten" is not a whole number from 1 to' 'note list' -- note list -n ten
check '--limit: "0" is not a whole number from 1 to 100000' 'search' -- search x --limit 0
check '--effort: "8" is not a whole number from 1 to 7' 'touch log' -- touch log ana -c phone -s use -f 8
check '--rating: "6" is not a whole number from 1 to 5' 'feedback add' -- feedback add -s google -r 6
EOF

t 'a malformed date or length of time is a usage error (2)' <<'EOF'
check '--since: "tomorow" is not a date' 'case list' -- case list --since tomorow
check '--at: "someday" is not a date' 'note add' -- note add 1 --at someday -m x
check '--due-within: "soon" is not a length of time' 'case list' -- case list --due-within soon
check '--emotion: "3" is not -2..+2 or angry, frustrated, neutral, pleased, delighted' 'touch log' -- touch log ana -c phone -s use -E 3
fails 2 cx --now "half past" case list
has err 'cx: --now: "half past" is not a date'
CX_NOW=never fails 2 cx case list
has err 'cx: CX_NOW: "never" is not a date'
EOF

t 'a name or id that is not in the database is not found (1)' <<'EOF'
fails 1 cx case list --channel fax
has err 'cx: channel: "fax" is not one of phone, email,'
lines err 1
fails 1 cx case open ana --title X --stage nowhere
has err 'cx: stage: "nowhere" is not one of awareness,'
fails 1 cx feedback list --source myspace
has err 'cx: source: "myspace" is not one of'
fails 1 cx journey stages remove nowhere
has err 'cx: stage: "nowhere" is not one of'
fails 1 cx note add 42 -m x
has err 'cx: no case 42'
EOF

t 'the content of an input file that is wrong is bad data (65), even where the same value on the command line is a usage error' <<'EOF'
printf 'customer,at,channel,stage,emotion\nana@example.com,2026-03-01 10:00,phone,use,ecstatic\n' >bad-emotion.csv
fails 65 cx touch import bad-emotion.csv
has err 'cx: bad-emotion.csv:2: column "emotion": emotion: "ecstatic" is not -2..+2'
printf 'customer,at,channel,stage\nana@example.com,2026-03-01 10:00,fax,use\n' >bad-channel.csv
fails 65 cx touch import bad-channel.csv
has err 'cx: bad-channel.csv:2: column "channel": channel: "fax" is not one of'
printf 'id,source,at,text\nZ1,myspace,2026-03-01 12:00,hello\n' >bad-source.csv
fails 65 cx feedback import bad-source.csv
has err 'cx: bad-source.csv:2: source: "myspace" is not one of'
EOF

t 'an unknown command or verb is exit 2 with one line' <<'EOF'
fails 2 cx nosuch
echo 'cx: unknown command "nosuch" (see cx --help)' >expect
same expect err
fails 2 cx case frob
echo 'cx: unknown verb "frob" (see cx help case)' >expect
same expect err
EOF

t 'an unknown global option before the command is exit 2' <<'EOF'
fails 2 cx --bogus case list
has err 'cx: unknown option --bogus'
fails 2 cx --db
has err 'cx: --db needs a value (PATH)'
EOF

t 'a bad --now, CX_NOW or CX_BUSY_TIMEOUT is exit 2, naming where it came from' <<'EOF'
cx init >/dev/null
fails 2 cx --now "half past" case list
has err 'cx: --now: "half past" is not a date'
CX_NOW=never fails 2 cx case list
has err 'cx: CX_NOW: "never" is not a date'
CX_NOW=never fails 2 cx --now bad case list
has err 'cx: --now: "bad" is not a date'
for v in abc 1x 5h -1 ' 5' 3600001 99999999999999999999 61m; do
	CX_BUSY_TIMEOUT=$v fails 2 cx case list
	has err "cx: CX_BUSY_TIMEOUT: \"$v\" is not a time to wait (milliseconds, or 500ms, 5s, 2m; at most 1h)"
done
for v in 0 250 250ms 5s 2m 60m 3600000; do
	CX_BUSY_TIMEOUT=$v cx case list >/dev/null
done
EOF

t 'a number too large to be an id is a usage error (2), in every command that takes one' <<'EOF'
big=99999999999999999999
for args in "case show $big" "case brief #$big" "case resolve $big --outcome fixed" "note add $big -m x" \
	"note list $big" "touch log ana --channel web --stage purchase --case $big"; do
	# shellcheck disable=SC2086
	fails 2 cx $args
	has err "cx: \"$(echo "$args" | grep -o '#*'$big)\" is not a case number"
done
for args in "feedback show $big" "feedback ignore $big"; do
	# shellcheck disable=SC2086
	fails 2 cx $args
	has err "cx: \"$big\" is not a feedback number"
done
fails 2 cx customer show $big
has err "cx: \"$big\" is not a customer number (too large)"
# the largest that fits is a number, of no case
fails 1 cx case show 9223372036854775807
EOF

# ---- bad data: 65 ----------------------------------------------------------

t 'bad data is exit 65 with one line saying what was wrong' <<'EOF'
fails 65 cx customer add "X" --email not-an-email
echo 'cx: email: "not-an-email" is not an email address (use name@example.com)' >expect
same expect err
fails 65 cx case resolve 1 --outcome "$(printf 'two\nlines')"
has err 'cx: outcome: one line of at most 200 bytes'
EOF

# ---- busy: 75 --------------------------------------------------------------

# The lock is SQLite's, taken on the file by the sqlite3 shell.
t_file 'a database locked by another writer is exit 75 after CX_BUSY_TIMEOUT' <<'EOF'
hold_lock
start=$(date +%s)
CX_BUSY_TIMEOUT=200 fails 75 cx customer add "Blocked" --email blocked@example.com
end=$(date +%s)
echo "cx: database is busy, try again ($CX_DB)" >expect
same expect err
# 200 ms, not the default 5 s.
test $((end - start)) -le 2
CX_BUSY_TIMEOUT=200 fails 75 cx note add 1 -m "blocked too"
same expect err
# Readers are not blocked by a writer.
CX_BUSY_TIMEOUT=200 cx customer list --format tsv >out
lines out 3
let_go
cx customer list --search blocked --format tsv >out
lines out 1
cx customer add "Blocked" --email blocked@example.com >/dev/null
cx customer list --search blocked --format tsv >out
lines out 2
EOF

# ---- the database file -----------------------------------------------------

t 'a database directory under a regular file is exit 74 with one line' <<'EOF'
: >file
fails 74 cx --db "$PWD/file/cx.db" init
echo "cx: cannot open database $PWD/file/cx.db: Not a directory" >expect
same expect err
test ! -s file
EOF

# Root writes anywhere its mode bits say no, so the permission test needs an
# unprivileged user; as root, sysfs is a directory even root cannot create
# files in. Without either, there is nothing to test.
if [ "$(id -u)" != 0 ]; then
t 'an unwritable database directory is refused (77) with one line' <<'EOF'
mkdir locked
chmod 555 locked
fails 77 cx --db "$PWD/locked/cx.db" init
echo "cx: cannot create database $PWD/locked/cx.db: Permission denied" >expect
same expect err
fails 77 cx --db "$PWD/locked/sub/cx.db" init
has err "cx: cannot create directory $PWD/locked/sub: Permission denied"
lines err 1
chmod 755 locked
test ! -e locked/cx.db
EOF
elif [ -d /sys/kernel ] && [ ! -e /sys/cx-test.db ]; then
t 'an unwritable database directory is refused (77) with one line' <<'EOF'
fails 77 cx --db /sys/cx-test.db init
has err 'cx: cannot create database /sys/cx-test.db:'
lines err 1
test ! -e /sys/cx-test.db
EOF
fi

t '--db naming a directory is exit 74 with one line' <<'EOF'
mkdir dir
fails 74 cx --db dir case list
echo 'cx: dir is a directory, not a database (use --db FILE)' >expect
same expect err
CX_DB="$PWD/dir" fails 74 cx customer add "X"
has err 'is a directory, not a database'
test -z "$(ls dir)"
EOF

t 'a file of random bytes is refused (65) with one line, and left as it was' <<'EOF'
{ printf 'not a database\n'; head -c 8192 /dev/urandom; } >junk.db
before=$(sum junk.db)
for c in "case list" "customer add X" init; do
	fails 65 cx --db junk.db $c
	has err 'junk.db: not a cx database, or damaged (restore it from a backup, or use --db for another file)'
	lines err 1
done
test "$(sum junk.db)" = "$before"
ls >files
printf 'err\nfiles\njunk.db\n' >expect
same expect files
EOF

t 'a database with damaged pages is refused (65) and left as it was' <<'EOF'
cx --db hurt.db customer add "Hurt" >/dev/null
cx --db hurt.db case open hurt --title "Soon damaged" >/dev/null
# Overwrite everything after the first page with text.
size=$(wc -c <hurt.db)
awk -v n="$((size - 4096))" 'BEGIN { while (n-- > 0) printf "x" }' |
	dd of=hurt.db bs=4096 seek=1 conv=notrunc 2>/dev/null
before=$(sum hurt.db)
fails 65 cx --db hurt.db case list
lines err 1
has err 'hurt.db: not a cx database, or damaged'
fails 65 cx --db hurt.db note add 1 -m "x"
lines err 1
test "$(sum hurt.db)" = "$before"
EOF

t 'a database from a newer cx is refused (65) and left as it was' <<'EOF'
cx --db newer.db init >/dev/null
sqlite3 newer.db 'PRAGMA user_version=999'
before=$(sum newer.db)
fails 65 cx --db newer.db case list
has err 'cx: newer.db was written by a newer cx (schema 999; this cx knows up to'
has err '): upgrade cx'
lines err 1
fails 65 cx --db newer.db customer add "X"
lines err 1
fails 65 cx --db newer.db init
test "$(sum newer.db)" = "$before"
test "$(sqlite3 newer.db 'PRAGMA user_version')" = 999
test "$(sqlite3 newer.db 'select count(*) from customers')" = 0
EOF

# ---- output that cannot be written: 74 -------------------------------------

t 'a list written to a full disk is exit 74 with one line' <<'EOF'
fails 74 cx case list >/dev/full
echo 'cx: error writing output: No space left on device' >expect
same expect err
for f in tsv csv json jsonl; do
	fails 74 cx case list --format $f >/dev/full
	same expect err
done
EOF

t 'a list written to a closed stdout is exit 74' <<'EOF'
fails 74 cx customer list >&-
has err 'cx: error writing output:'
lines err 1
EOF

t 'an empty JSON list still has to reach its reader' <<'EOF'
fails 74 cx case list --status closed --format json >/dev/full
EOF

t 'a writing command whose report cannot be written changes nothing' <<'EOF'
snapshot before
fails 74 cx case open ana@example.com --title "Never opened" -m "lost" >/dev/full
echo 'cx: error writing output: No space left on device (nothing was changed)' >expect
same expect err
fails 74 cx customer add "Never Added" --format tsv >/dev/full
same expect err
fails 74 cx note add 1 -m "never noted" --format json >/dev/full
same expect err
fails 74 cx case resolve 1 --outcome fixed >&-
has err '(nothing was changed)'
snapshot after
same before after
EOF

t 'with -q there is nothing to write, so the change lands' <<'EOF'
cx -q note add 1 -m "quietly" >/dev/full
cx note list 1 --search quietly --format tsv >out
lines out 2
EOF

# ---- nothing changes on failure --------------------------------------------

t 'failing writes leave the database exactly as it was' <<'EOF'
cx case resolve 1 --outcome fixed >/dev/null
snapshot before
fails 65 cx customer add "Dup" --email ANA@example.com
fails 65 cx customer add "Bad Tag" -t fine -t "not fine"
fails 65 cx customer edit ana --org "Ana's" --email andrew@example.com
fails 2 cx customer edit ana
fails 65 cx customer merge ana 1
fails 65 cx case open ana --title "Bad tag" -t ok -t "bad tag" -m "a first note"
fails 1 cx case open ana --title "Bad stage" --stage nowhere -m "a first note"
fails 2 cx case update 1 --title "Renamed" --priority meh
fails 65 cx case resolve 1 --outcome again
fails 65 cx case pending 1 -m "a note that must not land"
fails 2 cx case handoff 1 --to sam </dev/null
fails 65 cx case link 1 1
fails 65 cx note add 1 -m ""
fails 2 cx note add 1 --kind fax -m "x"
fails 2 cx config set stale soon
fails 2 cx config set nosuch 1
fails 1 cx note add 7 -m "x"
fails 1 cx case assign 7 sam
snapshot after
same before after
EOF

t 'every error above was one line' <<'EOF'
fails 1 cx case open ana --title "Bad stage" --stage nowhere
lines err 1
fails 1 cx case assign 7 sam
lines err 1
fails 65 cx customer merge ana 1
lines err 1
EOF

finish
