#!/bin/sh
# Hooks: executables named after events in the hooks directory (the default
# under $XDG_CONFIG_HOME, or hooks.dir), run after the change is committed
# with the event as one JSON object on stdin, no shell in between. Each event
# with the fields it carries; failing, hanging and non-executable hooks;
# --no-hooks and CX_NO_HOOKS; a failed command runs none; at most 100 events
# of a kind per command; cx hooks list.
. "$(dirname "$0")/lib.sh"

tab() { tr '|' '\t'; }

# A clock after the times the tests name; steps that matter say --now.
export CX_NOW=2026-03-11T16:00

DEFAULT_DIR=$XDG_CONFIG_HOME/cx/hooks
HOOKS=$T/hooks
HOOK_LOG=$T/log
export HOOK_LOG
mkdir -p "$HOOK_LOG"

# A hook that keeps what it was given: one line per event in $HOOK_LOG/NAME.jsonl.
recorder() {
	mkdir -p "$(dirname "$1")"
	cat >"$1" <<'X'
#!/bin/sh
cat >>"$HOOK_LOG/$CX_HOOK.jsonl"
X
	chmod +x "$1"
}

# fields FILE PATH...: the values at the JSON paths, joined by |.
fields() {
	_f=$1
	shift
	_sel=
	for _p; do
		_sel="$_sel${_sel:+, }json_extract(j, '$_p')"
	done
	sqlite3 :memory: "SELECT $_sel FROM (SELECT readfile('$_f') AS j)"
}

# event NAME N: the Nth event the recorder got for hook NAME, into event.json.
event() {
	sed -n "${2}p" "$HOOK_LOG/$1.jsonl" >event.json
	test -s event.json || { echo "# no event $2 for $1"; return 1; }
}

# count NAME: how many events hook NAME has got.
count() {
	if [ -f "$HOOK_LOG/$1.jsonl" ]; then grep -c . "$HOOK_LOG/$1.jsonl"; else echo 0; fi
}

# Is process PID still running (a zombie is not)?
alive() {
	[ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat"
}

t 'cx hooks list: nothing installed, the default place under $XDG_CONFIG_HOME' <<'EOF'
cx init >/dev/null
cx hooks list --format tsv >actual
tab >expect <<X
hook|installed|executable|path
on-case-open|0|0|$DEFAULT_DIR/on-case-open
on-case-resolve|0|0|$DEFAULT_DIR/on-case-resolve
on-handoff|0|0|$DEFAULT_DIR/on-handoff
on-detractor|0|0|$DEFAULT_DIR/on-detractor
on-breach|0|0|$DEFAULT_DIR/on-breach
on-feedback|0|0|$DEFAULT_DIR/on-feedback
on-mail|0|0|$DEFAULT_DIR/on-mail
X
same expect actual
EOF

t 'without $XDG_CONFIG_HOME (or with a relative one), hooks live under ~/.config' <<'EOF'
env -u XDG_CONFIG_HOME "$CX" hooks list --format tsv | sed -n 2p | cut -f4 >actual
echo "$HOME/.config/cx/hooks/on-case-open" >expect
same expect actual
XDG_CONFIG_HOME=relative/dir cx hooks list --format tsv | sed -n 2p | cut -f4 >actual
same expect actual
EOF

t 'a command with no hooks installed runs quietly' <<'EOF'
cx customer add "Dana Ruiz" --email dana@example.com --phone "+1 555 0100" --handle danar >/dev/null
cx --now 2026-03-11T09:00 case open dana@example.com --title "Grinder arrived cracked" >out 2>err
lines err 0
EOF

t 'on-case-open in the default directory gets the case, its customer, who and when' <<'EOF'
recorder "$DEFAULT_DIR/on-case-open"
cx --as alex --now 2026-03-11T10:00 case open dana@example.com --title "Beans are stale" -p high -c email \
	-s delivery -o kim >out 2>err
lines err 0
event on-case-open 1
fields event.json '$.event' '$.actor' '$.at' >actual
echo 'case.open|alex|2026-03-11T10:00:00Z' >expect
same expect actual
fields event.json '$.case.id' '$.case.title' '$.case.status' '$.case.priority' '$.case.channel' \
	'$.case.stage' '$.case.owner' '$.case.outcome' '$.case.opened_at' >actual
echo '2|Beans are stale|open|high|email|delivery|kim||2026-03-11T10:00:00Z' >expect
same expect actual
fields event.json '$.customer.id' '$.customer.name' '$.customer.email' '$.customer.phone' '$.customer.handle' >actual
echo '1|Dana Ruiz|dana@example.com|+1 555 0100|danar' >expect
same expect actual
# exactly one object, one line
lines "$HOOK_LOG/on-case-open.jsonl" 1
sqlite3 :memory: "SELECT json_valid(readfile('event.json'))" >valid
echo 1 >expect
same expect valid
EOF

t 'cx hooks list shows what is installed and executable' <<'EOF'
cx hooks list --format tsv | sed -n 2,3p >actual
tab >expect <<X
on-case-open|1|1|$DEFAULT_DIR/on-case-open
on-case-resolve|0|0|$DEFAULT_DIR/on-case-resolve
X
same expect actual
cx hooks list >people
has people 'on-case-open     yes'
EOF

t 'hooks.dir moves the hooks; the default directory is then not used' <<'EOF'
mkdir -p "$HOOKS"
cx config set hooks.dir "$HOOKS" >/dev/null
cx hooks list --format tsv | sed -n 2p >actual
printf 'on-case-open\t0\t0\t%s/on-case-open\n' "$HOOKS" >expect
same expect actual
cx --now 2026-03-11T10:30 case open dana@example.com --title "Not announced" >/dev/null
test "$(count on-case-open)" = 1
for h in on-case-open on-case-resolve on-handoff on-detractor on-breach on-feedback on-mail; do
	recorder "$HOOKS/$h"
done
cx hooks list --format tsv | sed 1d | cut -f2,3 | sort -u >actual
printf '1\t1\n' >expect
same expect actual
EOF

t 'the hook runs after the commit: it can read the change from the database' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
cat >"$HOOK_LOG/open.json"
id=$(sqlite3 :memory: "SELECT json_extract(readfile('$HOOK_LOG/open.json'), '\$.case.id')")
# through a client of its own, as dbq in lib.sh would (the hook cannot call it)
q="SELECT id, status, title FROM cases WHERE id = $id"
if [ -n "${CX_TEST_PG:-}" ]; then
	psql -qAtX -v ON_ERROR_STOP=1 -F '|' -d "$CX_DB" -c "$q"
else
	sqlite3 "$CX_DB" "$q"
fi >"$HOOK_LOG/seen"
# and may even write to it: no lock is held any more
"$CX" note add "$id" -m "announced by the hook" >/dev/null
X
chmod +x "$HOOKS/on-case-open"
cx --now 2026-03-11T11:00 case open dana@example.com --title "Seen from the hook" >out 2>err
lines err 0
echo '4|new|Seen from the hook' >expect
same expect "$HOOK_LOG/seen"
cx note list 4 --format tsv | cut -f9 | grep -x 'announced by the hook' >/dev/null
recorder "$HOOKS/on-case-open"
EOF

t 'on-case-resolve: the resolved case with its outcome' <<'EOF'
cx --as kim --now 2026-03-11T12:00 case resolve 2 --outcome replaced >/dev/null
test "$(count on-case-resolve)" = 1
event on-case-resolve 1
fields event.json '$.event' '$.actor' '$.at' '$.case.id' '$.case.status' '$.case.outcome' '$.customer.email' >actual
echo 'case.resolve|kim|2026-03-11T12:00:00Z|2|resolved|replaced|dana@example.com' >expect
same expect actual
# closing and other moves announce nothing
cx case close 2 >/dev/null
cx case pending 1 >/dev/null
test "$(count on-case-resolve)" = 1
EOF

t 'on-handoff: the case with its new owner' <<'EOF'
cx --as kim --now 2026-03-11T13:00 case handoff 3 --to sam -m "Sam knows the roaster" >/dev/null
event on-handoff 1
fields event.json '$.event' '$.actor' '$.case.id' '$.case.owner' '$.case.title' >actual
echo 'case.handoff|kim|3|sam|Not announced' >expect
same expect actual
# a plain assignment is not a handoff
cx case assign 3 alex >/dev/null
test "$(count on-handoff)" = 1
EOF

t 'on-feedback: a new public post, with or without a known customer' <<'EOF'
cx --now 2026-03-11T14:00 feedback add -s google -a "Pat Doe" -r 2 --url https://example.com/r/1 \
	-m "Cold coffee, rude staff" >/dev/null
event on-feedback 1
fields event.json '$.event' '$.at' '$.feedback.id' '$.feedback.source' '$.feedback.author' '$.feedback.url' \
	'$.feedback.rating' '$.feedback.sentiment' '$.feedback.text' '$.feedback.posted_at' '$.customer' >actual
echo 'feedback.new|2026-03-11T14:00:00Z|1|google|Pat Doe|https://example.com/r/1|2|negative|Cold coffee, rude staff|2026-03-11T14:00:00Z|' >expect
same expect actual
sqlite3 :memory: "SELECT json_type(readfile('event.json'), '\$.customer')" >type
echo null >expect
same expect type
cx --now 2026-03-11T14:05 feedback add -s instagram -C dana@example.com -m "Love the new blend" >/dev/null
event on-feedback 2
fields event.json '$.feedback.source' '$.customer.name' >actual
echo 'instagram|Dana Ruiz' >expect
same expect actual
# the same post again (same platform id) is not new
cx feedback add -s yelp --id y-1 -m "Fine" >/dev/null
cx feedback add -s yelp --id y-1 -m "Fine" >/dev/null
test "$(count on-feedback)" = 3
EOF

t 'on-detractor: each unhappy survey answer of an import, none for the happy ones' <<'EOF'
cat >s.csv <<'X'
email,submitted,nps,csat,ces,comment
dana@example.com,2026-03-10 09:00,2,,,Nobody called back
happy@example.com,2026-03-10 09:10,10,5,7,Great
sad@example.com,2026-03-10 09:20,,1,,Broken on arrival
effort@example.com,2026-03-10 09:30,8,4,3,Too many forms
X
cx survey import s.csv --name Pulse --nps nps --csat csat --ces ces --email email --at submitted \
	--comment comment >/dev/null 2>err
lines err 0
test "$(count on-detractor)" = 3
event on-detractor 1
fields event.json '$.event' '$.response.survey' '$.response.nps' '$.response.csat' '$.response.comment' \
	'$.response.email' '$.response.answered_at' '$.response.case' '$.customer.name' >actual
echo 'survey.detractor|Pulse|2||Nobody called back|dana@example.com|2026-03-10T09:00:00Z||Dana Ruiz' >expect
same expect actual
event on-detractor 2
fields event.json '$.response.csat' '$.response.comment' >actual
echo '1|Broken on arrival' >expect
same expect actual
sqlite3 :memory: "SELECT json_type(readfile('event.json'), '\$.customer')" >type
echo null >expect
same expect type
event on-detractor 3
fields event.json '$.response.ces' '$.response.email' >actual
echo '3|effort@example.com' >expect
same expect actual
# importing the same file again adds nothing and announces nothing
cx survey import s.csv --name Pulse --nps nps --csat csat --ces ces --email email --at submitted >/dev/null
test "$(count on-detractor)" = 3
# rows seen and new in one statement of eight (the same new row twice: two answers in a file
# without ids): each hook names its own new answer
cat >s2.csv <<'X'
email,submitted,nps,csat,ces,comment
dana@example.com,2026-03-10 09:00,2,,,Nobody called back
late@example.com,2026-03-12 08:00,1,,,Still waiting
happy@example.com,2026-03-10 09:10,10,5,7,Great
twice@example.com,2026-03-12 08:30,3,,,Said twice
twice@example.com,2026-03-12 08:30,3,,,Said twice
sad@example.com,2026-03-10 09:20,,1,,Broken on arrival
calm@example.com,2026-03-12 09:00,9,,,Fine
grumpy@example.com,2026-03-12 09:30,0,,,Never again
slow@example.com,2026-03-12 10:00,5,,,Too slow
X
cx survey import s2.csv --name Pulse --nps nps --csat csat --ces ces --email email --at submitted \
	--comment comment >/dev/null
test "$(count on-detractor)" = 8
for n in 4 5 6 7 8; do
	event on-detractor $n
	fields event.json '$.response.email' '$.response.comment' '$.response.nps'
done >actual
cat >expect <<'X'
late@example.com|Still waiting|1
twice@example.com|Said twice|3
twice@example.com|Said twice|3
grumpy@example.com|Never again|0
slow@example.com|Too slow|5
X
same expect actual
EOF

t 'on-breach: a breach noticed by cx report, once' <<'EOF'
# 24/7, normal cases answer within 8h: case 1 (09:00) went pending at 16:00
# with 7h used; case 3 (10:30) is late from 18:30; case 4 (11:00) from 19:00
cx --now 2026-03-11T18:45 report >/dev/null
test "$(count on-breach)" = 1
event on-breach 1
fields event.json '$.event' '$.clock' '$.at' '$.case.id' '$.case.title' '$.case.owner' '$.customer.name' >actual
echo 'sla.breach|response|2026-03-11T18:45:00Z|3|Not announced|alex|Dana Ruiz' >expect
same expect actual
cx --now 2026-03-11T18:50 report >/dev/null
test "$(count on-breach)" = 1
cx --now 2026-03-11T19:01 report >/dev/null
test "$(count on-breach)" = 2
event on-breach 2
fields event.json '$.case.id' '$.clock' >actual
echo '4|response' >expect
same expect actual
EOF

t 'CX_HOOK names the event in the hook environment; the hook is run by path, with no arguments' <<'EOF'
cat >"$HOOKS/on-feedback" <<'X'
#!/bin/sh
echo "$CX_HOOK $# $0" >"$HOOK_LOG/env"
X
chmod +x "$HOOKS/on-feedback"
cx feedback add -s google -m "Nice" >/dev/null
echo "on-feedback 0 $HOOKS/on-feedback" >expect
same expect "$HOOK_LOG/env"
recorder "$HOOKS/on-feedback"
EOF

t "a hook's output goes to stderr, never into the command's data" <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
echo "hook says hi"
echo "hook complains" >&2
X
chmod +x "$HOOKS/on-case-open"
cx --format json case open dana@example.com --title "Quiet please" >out 2>err
hasnt out 'hook says'
sqlite3 :memory: "SELECT json_valid(readfile('out'))" >valid
echo 1 >expect
same expect valid
has err 'hook says hi'
has err 'hook complains'
recorder "$HOOKS/on-case-open"
EOF

t 'a failing hook is reported on stderr; the change is kept, the exit status 0' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
cat >/dev/null
exit 3
X
chmod +x "$HOOKS/on-case-open"
cx case open dana@example.com --title "Failing hook" >out 2>err
cat >expect <<'X'
cx: hook on-case-open failed with exit status 3 (the change itself is kept)
X
same expect err
echo 'Opened case 6 for Dana Ruiz <dana@example.com>' >expect
same expect out
cx case show 6 --format tsv | sed -n 2p | cut -f2 >title
echo 'Failing hook' >expect
same expect title
EOF

t 'a hook killed by a signal is reported the same way' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
kill -9 $$
X
chmod +x "$HOOKS/on-case-open"
cx -q case open dana@example.com --title "Killed hook" 2>err
has err 'cx: hook on-case-open was killed by signal 9 (the change itself is kept)'
EOF

t 'a hook that does not read its input is fine, even a long one' <<'EOF'
printf '#!/bin/sh\nexit 0\n' >"$HOOKS/on-feedback"
# 99,000 bytes: more than a pipe holds
cx -q feedback add -s google -m "$(head -c 99000 /dev/zero | tr '\0' x)" 2>err
lines err 0
EOF

t 'a hook that hangs without reading a long event is stopped all the same' <<'EOF'
printf '#!/bin/sh\nsleep 30\n' >"$HOOKS/on-feedback"
cx config set hooks.timeout 1s >/dev/null
start=$(date +%s)
cx -q feedback add -s google -m "$(head -c 99000 /dev/zero | tr '\0' y)" 2>err
took=$(($(date +%s) - start))
test "$took" -lt 5 || { echo "# took ${took}s"; exit 1; }
echo 'cx: hook on-feedback ran longer than 1s and was stopped (the change itself is kept)' >expect
same expect err
cx config set hooks.timeout 10s >/dev/null
recorder "$HOOKS/on-feedback"
EOF

t 'a hanging hook is stopped at hooks.timeout, with what it started; the change is kept' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
sleep 30 &
echo $! >"$HOOK_LOG/sleeper"
wait
X
chmod +x "$HOOKS/on-case-open"
cx config set hooks.timeout 1s >/dev/null
start=$(date +%s)
cx case open dana@example.com --title "Hanging hook" >out 2>err
took=$(($(date +%s) - start))
test "$took" -lt 5 || { echo "# took ${took}s"; exit 1; }
echo 'cx: hook on-case-open ran longer than 1s and was stopped (the change itself is kept)' >expect
same expect err
has out 'Opened case 8'
test "$(cx case list --format tsv | grep -c 'Hanging hook')" = 1
# the sleep it started went with it
pid=$(cat "$HOOK_LOG/sleeper")
i=0
while alive "$pid" && [ $i -lt 30 ]; do
	sleep 0.1
	i=$((i + 1))
done
if alive "$pid"; then
	echo "# the hook's child $pid is still running"
	kill "$pid"
	exit 1
fi
EOF

t 'at the time limit, what the hook started with setsid is stopped too' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
# a session of its own, out of the hook's process group, with a child in it
setsid sh -c 'sleep 60 & echo $! >"$HOOK_LOG/escaped-child"; echo $$ >"$HOOK_LOG/escaped"; wait' &
sleep 30
X
chmod +x "$HOOKS/on-case-open"
cx config set hooks.timeout 1s >/dev/null
start=$(date +%s)
cx case open dana@example.com --title "Escaping hook" >out 2>err
took=$(($(date +%s) - start))
test "$took" -lt 5 || { echo "# took ${took}s"; exit 1; }
has err 'cx: hook on-case-open ran longer than 1s and was stopped (the change itself is kept)'
for f in escaped escaped-child; do
	pid=$(cat "$HOOK_LOG/$f")
	i=0
	while alive "$pid" && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if alive "$pid"; then
		echo "# $f $pid is still running"
		kill "$pid"
		exit 1
	fi
done
EOF

t 'a background child the hook leaves holds neither cx nor a pipeline reading its output' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
echo "starting the slow part"
(sleep 41 & echo $! >"$HOOK_LOG/background")
X
chmod +x "$HOOKS/on-case-open"
cx config set hooks.timeout 10s >/dev/null
start=$(date +%s)
cx case open dana@example.com --title "Background child" 2>&1 | cat >out
took=$(($(date +%s) - start))
pid=$(cat "$HOOK_LOG/background")
kill "$pid" 2>/dev/null || :
test "$took" -lt 5 || { echo "# took ${took}s"; exit 1; }
has out 'Opened case'
has out 'cx: hook on-case-open: starting the slow part'
hasnt out 'ran longer'
EOF

t "a hook's output is passed on a line at a time, named, with what a terminal would act on defused" <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
printf 'plain\n\033[31mred\033[0m\tand a tab\r\n\342\200\256evil\bbackwards\302\233x\n\377no newline at the end'
X
chmod +x "$HOOKS/on-case-open"
cx -q case open dana@example.com --title "Noisy hook" 2>err
printf 'cx: hook on-case-open: %s\n' plain '?[31mred?[0m	and a tab' '?evil?backwards?x' '?no newline at the end' >expect
same expect err
EOF

t 'at most 64 KiB of what a hook writes is passed on; the rest is read and dropped' <<'EOF'
cat >"$HOOKS/on-case-open" <<'X'
#!/bin/sh
exec yes "line of output"
X
chmod +x "$HOOKS/on-case-open"
cx config set hooks.timeout 1s >/dev/null
start=$(date +%s)
cx -q case open dana@example.com --title "Chatty hook" 2>err
took=$(($(date +%s) - start))
test "$took" -lt 5 || { echo "# took ${took}s"; exit 1; }
# 65536 bytes: 4369 lines of 15, and the first letter of the next
test "$(grep -cx 'cx: hook on-case-open: line of output' err)" = 4369
grep -v -x 'cx: hook on-case-open: line of output' err >rest
sed -n 1p rest >first
echo 'cx: hook on-case-open: l' >expect
same expect first
sed -n 2p rest | grep -E '^cx: hook on-case-open: [0-9]+ more bytes of output were dropped \(at most 64 KiB are shown\)$'
sed -n 3p rest >last
echo 'cx: hook on-case-open ran longer than 1s and was stopped (the change itself is kept)' >expect
same expect last
lines rest 3
cx config set hooks.timeout 10s >/dev/null
EOF

t 'hooks.timeout must be a length of time from 1s to 1h' <<'EOF'
for v in soon 0s 0 -5s 61m 2h 1y; do
	fails 2 cx config set -- hooks.timeout "$v"
	has err "cx: hooks.timeout: \"$v\" is not valid: "
done
cx config get hooks.timeout >actual
echo 10s >expect
same expect actual
cx config set hooks.timeout 1h >/dev/null
cx config set hooks.timeout 1s >/dev/null
cx config get hooks.timeout >actual
echo 1s >expect
same expect actual
cx config set hooks.timeout 10s >/dev/null
recorder "$HOOKS/on-case-open"
EOF

t 'a hook that is not executable is a warning, once, not a failure' <<'EOF'
chmod -x "$HOOKS/on-detractor"
before=$(count on-detractor)
printf 'email,nps\na@example.com,1\nb@example.com,2\n' >two.csv
cx survey import two.csv --name Two --nps nps --email email >out 2>err
grep -c 'not an executable file' err >n
echo 1 >expect
same expect n
has err "cx: hook on-detractor is not an executable file: not run (chmod +x $HOOKS/on-detractor)"
test "$(count on-detractor)" = "$before"
cx survey list --format tsv | grep -c '^Two' >n
same expect n
cx hooks list --format tsv | grep '^on-detractor' | cut -f2,3 >actual
printf '1\t0\n' >expect
same expect actual
chmod +x "$HOOKS/on-detractor"
EOF

t 'a directory in the place of a hook is not run either' <<'EOF'
mv "$HOOKS/on-handoff" "$T/on-handoff.saved"
mkdir "$HOOKS/on-handoff"
cx case handoff 1 --to lee -m "over to you" >out 2>err
has err 'cx: hook on-handoff is not an executable file: not run'
rmdir "$HOOKS/on-handoff"
mv "$T/on-handoff.saved" "$HOOKS/on-handoff"
EOF

t '--no-hooks and CX_NO_HOOKS skip them' <<'EOF'
before=$(count on-case-open)
cx --no-hooks case open dana@example.com --title "No hooks, global" >/dev/null
cx case open dana@example.com --title "No hooks, after the verb" --no-hooks >/dev/null
CX_NO_HOOKS=1 cx case open dana@example.com --title "No hooks, environment" >/dev/null
test "$(count on-case-open)" = "$before"
cx case open dana@example.com --title "Hooks again" >/dev/null
test "$(count on-case-open)" = $((before + 1))
EOF

t 'a failed command runs no hooks, even for what it did before failing' <<'EOF'
before=$(count on-case-open)
fails 1 cx case open nobody@example.com --title "No such customer"
fails 2 cx case open dana@example.com
# the case is opened, then its confirmation cannot be written: rolled back, not announced
test -w /dev/full || { echo "# no /dev/full"; exit 1; }
snapshot snap1
fails 74 cx case open dana@example.com --title "Never told" >/dev/full
snapshot snap2
same snap1 snap2
test "$(count on-case-open)" = "$before"
hasnt err 'hook'
EOF

t 'user data never reaches a shell: metacharacters arrive verbatim and run nothing' <<'EOF'
title='$(touch pwned1) `touch pwned2`; touch pwned3 && echo "x" | touch pwned4 > pwned5 '"'"'q'"'"' \'
cx case open dana@example.com --title "$title" >/dev/null 2>err
lines err 0
n=$(count on-case-open)
event on-case-open "$n"
fields event.json '$.case.title' >actual
printf '%s\n' "$title" >expect
same expect actual
find "$T" -name 'pwned*' >found
lines found 0
# and a hooks directory with a space and a quote in its name works as well
dir="$T/my hooks 'dir'"
mkdir -p "$dir"
recorder "$dir/on-case-open"
cx config set hooks.dir "$dir" >/dev/null
cx case open dana@example.com --title "Spaces are fine" >/dev/null 2>err
lines err 0
test "$(count on-case-open)" = $((n + 1))
cx config set hooks.dir "$HOOKS" >/dev/null
EOF

t 'at most 100 events of a kind per command; the rest are counted on stderr' <<'EOF'
awk 'BEGIN { print "email,nps"; for (i = 1; i <= 103; i++) printf "bulk%d@example.com,0\n", i }' >bulk.csv
before=$(count on-detractor)
cx survey import bulk.csv --name Bulk --nps nps --email email >/dev/null 2>err
test "$(count on-detractor)" = $((before + 100))
echo 'cx: 3 more hook events were not run (at most 100 of each kind per command)' >expect
same expect err
# all 103 answers are stored all the same
cx survey list --format tsv | awk -F '\t' '$1 == "Bulk" { print $4 }' >n
echo 103 >expect
same expect n
EOF

t 'several events of one command run in order, one hook at a time' <<'EOF'
cat >"$HOOKS/on-detractor" <<'X'
#!/bin/sh
# a hook still running when the next starts would find the lock
mkdir "$HOOK_LOG/lock" || exit 9
cat >"$HOOK_LOG/one.json"
sqlite3 :memory: "SELECT json_extract(readfile('$HOOK_LOG/one.json'), '\$.response.email')" >>"$HOOK_LOG/order"
sleep 0.05
rmdir "$HOOK_LOG/lock"
X
chmod +x "$HOOKS/on-detractor"
printf 'email,nps\nfirst@example.com,1\nsecond@example.com,2\nthird@example.com,3\n' >three.csv
cx survey import three.csv --name Three --nps nps --email email >/dev/null 2>err
lines err 0
printf '%s\n' first@example.com second@example.com third@example.com >expect
same expect "$HOOK_LOG/order"
recorder "$HOOKS/on-detractor"
EOF

finish
