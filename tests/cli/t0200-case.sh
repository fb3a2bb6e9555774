#!/bin/sh
# cx case: the story of one complaint from open to resolved, then every verb
# with its options, its status rules and its errors.
. "$(dirname "$0")/lib.sh"

# A clock after every time the story names; steps that matter say --now.
export CX_NOW=2026-03-10T00:00:00Z

tab() { tr '|' '\t'; }

# ---- the story -------------------------------------------------------------

t 'story: a customer calls, a case is opened with her first words' <<'EOF'
export CX_NOW=2026-03-02T09:00:00Z
cx customer add "Dana Ruiz" --email dana@example.com --phone "+1 555 0100" >out
echo 'Added customer 1: Dana Ruiz <dana@example.com>' >expect
same expect out
cx case open dana@example.com --title "Espresso machine arrived cracked" --channel phone \
	--priority high -m "Box was dented; photos sent by email" >out
echo 'Opened case 1 for Dana Ruiz <dana@example.com>' >expect
same expect out
EOF

t 'story: an internal note, then a public one' <<'EOF'
CX_NOW=2026-03-02T09:30:00Z cx note add 1 -m "Courier claim filed with the photos" >out
echo 'Added internal note 2 to case 1' >expect
same expect out
CX_NOW=2026-03-02T10:00:00Z cx note add 1 --public --kind call \
	-m "Told her a replacement machine ships today" >out
echo 'Added public note 3 to case 1' >expect
same expect out
EOF

t 'story: the case is handed off to sam with a note' <<'EOF'
CX_NOW=2026-03-02T11:00:00Z cx case handoff 1 --to sam \
	-m "Replacement shipped; she prefers text messages" >out
echo 'Case 1 handed off to sam' >expect
same expect out
EOF

t 'story: the brief tells sam everything' <<'EOF'
cx --now 2026-03-02T12:00:00Z case brief 1 >out
cat >expect <<'X'
Customer
  Id:             1
  Name:           Dana Ruiz
  Email:          dana@example.com
  Phone:          +1 555 0100
  Usual channel:  phone
  Open cases:     1
  Closed cases:   0
  Customer since: 2026-03-02

Case 1
  Id:                   1
  Title:                Espresso machine arrived cracked
  Status:               open
  Priority:             high
  Customer:             Dana Ruiz
  Owner:                sam
  Channel:              phone
  Opened at:            2026-03-02 09:00
  Opened by:            tester
  Age:                  3h
  First response at:    2026-03-02 10:00
  First response after: 1h
  Updated at:           2026-03-02 11:00

Service level (business time)
  Response:          met
  Response target:   4h
  Response used:     1h
  Resolution:        ok
  Resolution due:    2026-03-03 01:00
  Resolution target: 16h
  Resolution used:   3h

Timeline
  2026-03-02 09:00  tester  opened the case (high, phone)
      Box was dented; photos sent by email
  2026-03-02 09:30  tester  internal note
      Courier claim filed with the photos
  2026-03-02 10:00  tester  public note (call)
      Told her a replacement machine ships today
  2026-03-02 10:00  tester  status new -> open
  2026-03-02 11:00  tester  handed off to sam
      Replacement shipped; she prefers text messages

What the customer was told
  2026-03-02 10:00  tester  phone
      Told her a replacement machine ships today

Journey so far (latest first)
AT                STAGE    CHANNEL  KIND   EMOTION  SUMMARY
2026-03-02 10:00  service  phone    reply           Told her a replacement machine ships today
2026-03-02 09:00  service  phone    case            Espresso machine arrived cracked
X
same expect out
EOF

t 'story: the brief as JSON has the five sections' <<'EOF'
cx --now 2026-03-02T12:00:00Z case brief 1 --format json >out
sqlite3 :memory: "select json_valid(cast(readfile('out') as text))" >got
echo 1 >expect
same expect got
# One line per section: later capabilities may add sections of their own.
for s in customer case timeline told_customer other_cases; do
	sqlite3 :memory: "select json_extract(cast(readfile('out') as text), '\$.$s')"
done >got
cat >expect <<'X'
{"id":1,"name":"Dana Ruiz","email":"dana@example.com","phone":"+1 555 0100","handle":null,"org":null,"tags":null,"prefers":null,"usual_channel":"phone","note":null,"open_cases":1,"closed_cases":0,"customer_since":"2026-03-02T09:00:00Z","merged_from":null}
{"id":1,"title":"Espresso machine arrived cracked","status":"open","priority":"high","customer_id":1,"customer":"Dana Ruiz","owner":"sam","channel":"phone","stage":null,"tags":null,"outcome":null,"opened_at":"2026-03-02T09:00:00Z","opened_by":"tester","age":10800,"first_response_at":"2026-03-02T10:00:00Z","first_response_after":3600,"resolved_at":null,"closed_at":null,"updated_at":"2026-03-02T11:00:00Z","linked":null}
[{"at":"2026-03-02T09:00:00Z","actor":"tester","action":"create","what":"opened the case (high, phone)","note_id":1,"text":"Box was dented; photos sent by email"},{"at":"2026-03-02T09:30:00Z","actor":"tester","action":"note","what":"internal note","note_id":2,"text":"Courier claim filed with the photos"},{"at":"2026-03-02T10:00:00Z","actor":"tester","action":"note","what":"public note (call)","note_id":3,"text":"Told her a replacement machine ships today"},{"at":"2026-03-02T10:00:00Z","actor":"tester","action":"status","what":"status new -> open","note_id":null,"text":null},{"at":"2026-03-02T11:00:00Z","actor":"tester","action":"handoff","what":"handed off to sam","note_id":4,"text":"Replacement shipped; she prefers text messages"}]
[{"at":"2026-03-02T10:00:00Z","author":"tester","channel":"phone","text":"Told her a replacement machine ships today"}]
[]
X
same expect got
EOF

t 'story: the case is resolved as replaced' <<'EOF'
cx --now 2026-03-04T12:00:00Z case resolve 1 --outcome replaced >out
echo 'Case 1 resolved (replaced)' >expect
same expect out
EOF

t 'story: no open cases are left' <<'EOF'
cx case list --status open --format tsv >out
echo 'id	status	priority	customer_id	customer	owner	channel	stage	opened_at	updated_at	title' >expect
same expect out
cx case list --status resolved --format tsv | cut -f1,2,6 >out
printf 'id\tstatus\towner\n1\tresolved\tsam\n' >expect
same expect out
EOF

# ---- open ------------------------------------------------------------------

t 'open takes every option' <<'EOF'
cx customer add "Ben Okafor" --email ben@example.com >/dev/null
cx --now 2026-03-03T10:00:00Z case open ben@example.com --title "Order not delivered" \
	--channel web --priority urgent --stage delivery --owner kim -t delivery -t courier \
	-m "Tracking says delivered" -m "Neighbours have nothing" --kind email \
	--at 2026-03-03T08:00:00Z --format tsv >out
tab >expect <<'X'
kind|id|message
case|2|Opened case 2 for Ben Okafor <ben@example.com>
X
same expect out
cx --now 2026-03-03T10:00:00Z case show 2 --format tsv >out
tab >expect <<'X'
id|title|status|priority|customer_id|customer|owner|channel|stage|tags|outcome|opened_at|opened_by|age|first_response_at|first_response_after|resolved_at|closed_at|updated_at|linked
2|Order not delivered|open|urgent|2|Ben Okafor|kim|web|delivery|courier,delivery||2026-03-03T08:00:00Z|tester|7200|||||2026-03-03T08:00:00Z|

response|response_due|response_target_s|response_used_s|resolution|resolution_due|resolution_target_s|resolution_used_s
breached||3600|7200|ok|2026-03-03T16:00:00Z|28800|7200

at|actor|action|what|note_id|text
2026-03-03T08:00:00Z|tester|create|opened the case (urgent, web)|5|Tracking says delivered\n\nNeighbours have nothing
X
same expect out
cx note list 2 --format tsv | cut -f1,2,6,7 >out
tab >expect <<'X'
id|at|visibility|kind
5|2026-03-03T08:00:00Z|internal|email
X
same expect out
EOF

t 'open without an owner starts new; the first note kind follows the channel' <<'EOF'
cx --now 2026-03-04T10:00:00Z case open ben --title "Grinder too loud" --channel email \
	--stage use -t noise -m "Squeals on fine settings" >/dev/null
cx case list --status all --format tsv --customer ben | cut -f1,2,6 >out
tab >expect <<'X'
id|status|owner
3|new|
2|open|kim
X
same expect out
cx note list 3 --format tsv | cut -f7,9 >out
printf 'kind\tbody\nemail\tSqueals on fine settings\n' >expect
same expect out
EOF

t 'open -m - reads the first note from standard input' <<'EOF'
printf 'Charged twice for order 5531\nSecond line\n' |
	cx --now 2026-03-05T10:00:00Z case open dana --title "Charged twice" --channel email \
		--priority low --stage purchase -t billing -m - >/dev/null
cx note list 4 --format tsv | cut -f9 >out
printf 'body\nCharged twice for order 5531\\nSecond line\n' >expect
same expect out
EOF

t 'open --edit takes the first note from $EDITOR, without comment lines' <<'EOF'
cat >ed.sh <<'X'
#!/bin/sh
# Appends to the template cx wrote, as a person would.
printf 'How often to descale\n# a comment cx drops\nwith hard water?\n' >>"$1"
X
chmod +x ed.sh
EDITOR="$PWD/ed.sh" cx --now 2026-03-06T10:00:00Z case open dana \
	--title "Question about descaling" --channel phone --edit >/dev/null
cx note list 5 --format tsv | cut -f7,9 >out
printf 'kind\tbody\ncall\tHow often to descale\\nwith hard water?\n' >expect
same expect out
EOF

t 'open --edit: a failing editor or an empty note changes nothing' <<'EOF'
snapshot before
EDITOR=false fails 2 cx case open dana --title "Never" --edit
has err 'cx: the editor (false) failed; nothing was done'
printf '#!/bin/sh\nprintf "# only a comment\\n\\n" >"$1"\n' >empty.sh
chmod +x empty.sh
EDITOR="$PWD/empty.sh" fails 65 cx case open dana --title "Never" --edit
has err 'cx: the note is empty; nothing was done'
snapshot after
same before after
EOF

t 'open without -m has no note and does not read standard input' <<'EOF'
echo "not a note" | cx --now 2026-03-07T10:00:00Z case open ben --title "Loyalty card" \
	--channel store >/dev/null
cx note list 6 --format tsv >out
lines out 1
EOF

t 'open refuses a missing title (2), an empty or two-line title (65)' <<'EOF'
snapshot before
fails 2 cx case open dana
has err 'cx: a case needs a title (--title TEXT)'
has err 'usage: cx case open CUSTOMER --title TEXT'
fails 65 cx case open dana --title "  "
has err 'cx: title: a case needs a title'
fails 65 cx case open dana --title "$(printf 'one\ntwo')"
has err 'cx: title: one line of at most 500 bytes'
snapshot after
same before after
EOF

t 'open refuses a channel or stage not in the database (1), a priority or kind off its list (2), listing valid values' <<'EOF'
snapshot before
fails 1 cx case open dana --title X --channel fax
echo 'cx: channel: "fax" is not one of phone, email, social, store, web, chat, packaging, product, other' >expect
same expect err
fails 2 cx case open dana --title X --priority meh
echo 'cx: --priority: "meh" is not one of low, normal, high, urgent' >expect
head -n 1 err >first
same expect first
fails 1 cx case open dana --title X --stage nowhere
echo 'cx: stage: "nowhere" is not one of awareness, consideration, decision, purchase, delivery, packaging, use, recommendation, service' >expect
same expect err
fails 2 cx case open dana --title X --kind fax -m hi
echo 'cx: --kind: "fax" is not one of call, email, chat, visit, social, letter, other' >expect
head -n 1 err >first
same expect first
snapshot after
same before after
EOF

t 'open refuses the kinds cx keeps for itself (handoff, status)' <<'EOF'
snapshot before
fails 2 cx case open dana --title X --kind handoff -m hi
has err 'cx: --kind: "handoff" is not one of'
fails 2 cx case open dana --title X --kind status -m hi
snapshot after
same before after
EOF

t 'open refuses an owner with spaces (65) and a bad --at (2)' <<'EOF'
fails 65 cx case open dana --title X --owner "two words"
has err 'cx: owner: "two words" must be one name without spaces'
fails 2 cx case open dana --title X --at someday
has err 'cx: --at: "someday" is not a date'
EOF

t 'open for an unknown customer is exit 1' <<'EOF'
fails 1 cx case open nobody@example.com --title X
echo 'cx: no customer with email nobody@example.com' >expect
same expect err
EOF

# ---- moving cases along for the list tests ---------------------------------

t 'assign gives a case an owner; a new case becomes open' <<'EOF'
cx --now 2026-03-05T11:00:00Z case assign 4 sam >out
echo 'Case 4 assigned to sam' >expect
same expect out
cx case show 4 --format tsv | sed -n 2p | cut -f3,7 >out
printf 'open\tsam\n' >expect
same expect out
cx log --entity case --id 4 --format tsv | cut -f6,8 >out
tab >expect <<'X'
action|details
create|{"priority":"low","channel":"email","stage":"purchase","owner":null}
assign|{"from":null,"to":"sam"}
status|{"from":"new","to":"open","outcome":null}
X
same expect out
EOF

t 'pending marks a case as waiting on the customer' <<'EOF'
cx --now 2026-03-05T12:00:00Z case pending 4 -m "Asked for the bank statement" >out
echo 'Case 4 is pending: waiting on the customer' >expect
same expect out
cx note list 4 --kind status --format tsv | cut -f7,9 >out
printf 'kind\tbody\nstatus\tAsked for the bank statement\n' >expect
same expect out
EOF

t 'close closes a case for good' <<'EOF'
cx --now 2026-03-06T11:00:00Z case close 5 >out
echo 'Case 5 closed' >expect
same expect out
EOF

# Now: 1 resolved, 2 open (kim), 3 new, 4 pending (sam), 5 closed, 6 new.

# ---- list ------------------------------------------------------------------

t 'list shows the work still to do (new, open, pending), newest first' <<'EOF'
cx case list --format tsv >out
tab >expect <<'X'
id|status|priority|customer_id|customer|owner|channel|stage|opened_at|updated_at|title
6|new|normal|2|Ben Okafor||store||2026-03-07T10:00:00Z|2026-03-07T10:00:00Z|Loyalty card
4|pending|low|1|Dana Ruiz|sam|email|purchase|2026-03-05T10:00:00Z|2026-03-05T12:00:00Z|Charged twice
3|new|normal|2|Ben Okafor||email|use|2026-03-04T10:00:00Z|2026-03-04T10:00:00Z|Grinder too loud
2|open|urgent|2|Ben Okafor|kim|web|delivery|2026-03-03T08:00:00Z|2026-03-03T08:00:00Z|Order not delivered
X
same expect out
EOF

t 'list --all (or --status all) shows every case, resolved and closed too' <<'EOF'
cx case list --all --format tsv | cut -f1,2 >out
tab >expect <<'X'
id|status
6|new
5|closed
4|pending
3|new
2|open
1|resolved
X
same expect out
cx case list -a --format tsv >all1
cx case list --status all --format tsv >all2
cx case list --status new,open,pending,resolved,closed --format tsv >all3
same all1 all2
same all1 all3
fails 2 cx case list --all --status open
has err 'cx: --all is every status: give it or --status, not both'
EOF

t 'list as a table for people, ages counted to --now' <<'EOF'
cx --now 2026-03-08T10:00:00Z case list --all >out
cat >expect <<'X'
ID  STATUS    PRIORITY  CUSTOMER    OWNER  OPENED AT  TITLE
 6  new       normal    Ben Okafor         24h        Loyalty card
 5  closed    normal    Dana Ruiz          2d         Question about descaling
 4  pending   low       Dana Ruiz   sam    3d         Charged twice
 3  new       normal    Ben Okafor         4d         Grinder too loud
 2  open      urgent    Ben Okafor  kim    5d         Order not delivered
 1  resolved  high      Dana Ruiz   sam    6d         Espresso machine arrived cracked
X
same expect out
EOF

t 'list --status takes one status, a comma list, or all' <<'EOF'
cx case list --status open --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 ' >expect
same expect out
cx case list --status new,pending --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 4 3 ' >expect
same expect out
cx case list --status closed --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 5 ' >expect
same expect out
cx case list --status all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 5 4 3 2 1 ' >expect
same expect out
EOF

t 'list --status refuses an unknown status: a usage error (2) naming the option and the list' <<'EOF'
fails 2 cx case list --status open,shut
cat >expect <<'X'
cx: --status: "shut" is not one of new, open, pending, resolved, closed, all
usage: cx case list [--status STATUS | --all] [--owner NAME] [--customer CUSTOMER] [options]
X
same expect err
fails 2 cx case list --status bogus
has err 'cx: --status: "bogus" is not one of new, open, pending, resolved, closed, all'
fails 2 cx case list --status open,,new
has err 'cx: --status: "" is not one of'
EOF

t 'list --owner NAME, --owner none for unassigned' <<'EOF'
cx case list --owner sam --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 ' >expect
same expect out
cx case list --owner sam --all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 1 ' >expect
same expect out
cx case list --owner none --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 3 ' >expect
same expect out
cx case list --owner none --status all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 5 3 ' >expect
same expect out
cx case list --owner nobody --format tsv >out
lines out 1
EOF

t 'list --customer takes any customer reference' <<'EOF'
cx case list --customer BEN@EXAMPLE.COM --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 3 2 ' >expect
same expect out
cx case list -C "dana ruiz" --status all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 5 4 1 ' >expect
same expect out
fails 1 cx case list --customer nobody@example.com
has err 'cx: no customer with email nobody@example.com'
EOF

t 'list --priority, --tag, --stage, --channel' <<'EOF'
cx case list --priority urgent --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 ' >expect
same expect out
cx case list --tag billing --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 ' >expect
same expect out
cx case list --tag courier --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 ' >expect
same expect out
cx case list --stage delivery --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 ' >expect
same expect out
cx case list --channel email --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 3 ' >expect
same expect out
cx case list --channel phone --status all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 5 1 ' >expect
same expect out
EOF

t 'list refuses a bad priority (2), a stage or channel not in the database (1), listing valid values' <<'EOF'
fails 2 cx case list --priority meh
has err 'cx: --priority: "meh" is not one of low, normal, high, urgent'
fails 1 cx case list --stage nowhere
has err 'cx: stage: "nowhere" is not one of awareness, consideration,'
fails 1 cx case list --channel fax
has err 'cx: channel: "fax" is not one of phone, email,'
EOF

t 'list --since and --until bound the opening time' <<'EOF'
cx case list --since 2026-03-04 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 4 3 ' >expect
same expect out
cx case list --until 2026-03-04 --all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 1 ' >expect
same expect out
cx case list --since 2026-03-03 --until 2026-03-05 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 3 2 ' >expect
same expect out
cx --now 2026-03-07T12:00:00Z case list --since 2d --status all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 5 ' >expect
same expect out
EOF

t 'list refuses a bad date: a usage error (2) naming the option' <<'EOF'
fails 2 cx case list --since tomorow
has err 'cx: --since: "tomorow" is not a date'
lines err 2
fails 2 cx case list --until 2026-02-30
has err 'cx: --until: "2026-02-30" is not a date'
EOF

t 'list --search finds text in titles and notes, ignoring case' <<'EOF'
cx case list --search SQUEALS --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 3 ' >expect
same expect out
cx case list --search "charged" --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 ' >expect
same expect out
cx case list --search "100%" --format tsv >out
lines out 1
EOF

t 'list --sort priority, --sort id, --reverse' <<'EOF'
cx case list --sort priority --all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 1 6 5 3 4 ' >expect
same expect out
cx case list --sort priority --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 6 3 4 ' >expect
same expect out
cx case list --sort id --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 4 3 2 ' >expect
same expect out
cx case list --reverse --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 2 3 4 6 ' >expect
same expect out
cx case list --sort priority -r --all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 4 3 5 6 1 2 ' >expect
same expect out
EOF

t 'list --sort updated puts the latest change first' <<'EOF'
cx case list --sort updated --all --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 5 4 1 3 2 ' >expect
same expect out
fails 2 cx case list --sort size
has err 'cx: --sort: "size" is not one of opened, updated, priority, id'
EOF

t 'list --limit keeps the first N' <<'EOF'
cx case list --limit 2 --format tsv | cut -f1 | tr '\n' ' ' >out
printf 'id 6 4 ' >expect
same expect out
fails 2 cx case list --limit -1
has err 'cx: --limit: "-1" is not a whole number from 1 to'
fails 2 cx case list --limit 0
has err 'cx: --limit: "0" is not a whole number from 1 to'
fails 2 cx case list --limit ten
has err 'cx: --limit: "ten" is not a whole number from 1 to'
EOF

# ---- show ------------------------------------------------------------------

t 'show prints the case and its timeline' <<'EOF'
cx --now 2026-03-05T12:00:00Z case show 4 >out
cat >expect <<'X'
Case 4
  Id:                   4
  Title:                Charged twice
  Status:               pending
  Priority:             low
  Customer:             Dana Ruiz
  Owner:                sam
  Channel:              email
  Stage:                purchase
  Tags:                 billing
  Opened at:            2026-03-05 10:00
  Opened by:            tester
  Age:                  2h
  Updated at:           2026-03-05 12:00

Service level (business time)
  Response:          paused
  Response target:   16h
  Response used:     2h
  Resolution:        paused
  Resolution target: 3d
  Resolution used:   2h

Timeline
  2026-03-05 10:00  tester  opened the case (low, email)
      Charged twice for order 5531
      Second line
  2026-03-05 11:00  tester  assigned to sam
  2026-03-05 11:00  tester  status new -> open
  2026-03-05 12:00  tester  status open -> pending
      Asked for the bank statement
X
same expect out
EOF

t 'show accepts #N' <<'EOF'
cx case show '#4' --format tsv | sed -n 2p | cut -f1,2 >out
printf '4\tCharged twice\n' >expect
same expect out
EOF

t 'an unknown case is exit 1 "cx: no case 99" for every verb' <<'EOF'
snapshot before
for v in show brief pending resume close reopen; do
	fails 1 cx case $v 99
	echo 'cx: no case 99' >expect
	same expect err
done
fails 1 cx case resolve 99 --outcome fixed
same expect err
fails 1 cx case update 99 --title X
same expect err
fails 1 cx case assign 99 sam
same expect err
fails 1 cx case handoff 99 --to sam -m X
same expect err
fails 1 cx case link 1 99
same expect err
fails 1 cx note add 99 -m X
same expect err
snapshot after
same before after
EOF

t 'a case number that is not a number is a usage error (2)' <<'EOF'
fails 2 cx case show abc
has err 'cx: "abc" is not a case number'
has err 'usage: cx case show CASE'
fails 2 cx case show 0
fails 2 cx case show -- -3
EOF

# ---- update ----------------------------------------------------------------

t 'update changes title, priority, channel, stage and tags' <<'EOF'
cx --now 2026-03-08T09:00:00Z case update 3 --title "Grinder squeals" --priority high \
	--channel phone --stage service -t warranty --untag noise >out
echo 'Updated case 3' >expect
same expect out
cx case show 3 --format tsv | sed -n 2p | cut -f2,4,8,9,10,19 >out
printf 'Grinder squeals\thigh\tphone\tservice\twarranty\t2026-03-08T09:00:00Z\n' >expect
same expect out
EOF

t 'update is in the timeline with the priority change' <<'EOF'
cx case show 3 --format tsv | tail -n 1 | cut -f1,3,4 >out
printf '2026-03-08T09:00:00Z\tupdate\tchanged title,priority,channel,stage,tags (priority normal -> high)\n' >expect
same expect out
EOF

t 'update with nothing to change is a usage error (2)' <<'EOF'
fails 2 cx case update 3
has err 'cx: nothing to change'
has err 'usage: cx case update CASE'
EOF

t 'update refuses bad values (2, 1 or 65) and changes nothing' <<'EOF'
snapshot before
fails 2 cx case update 3 --title "Fine title" --priority meh
has err 'cx: --priority: "meh" is not one of low, normal, high, urgent'
fails 1 cx case update 3 --stage nowhere
has err 'cx: stage: "nowhere" is not one of'
fails 1 cx case update 3 --channel fax
has err 'cx: channel: "fax" is not one of'
fails 65 cx case update 3 --title ""
has err 'cx: title: a case needs a title'
fails 65 cx case update 3 -t "a,b"
has err 'cx: tag: "a,b" must be one word without commas'
snapshot after
same before after
EOF

# ---- assign and handoff ----------------------------------------------------

t 'assign refuses an owner with spaces (65); needs CASE and OWNER (2)' <<'EOF'
fails 65 cx case assign 3 "two words"
has err 'cx: owner: "two words" must be one name without spaces'
fails 2 cx case assign 3
has err 'usage: cx case assign CASE OWNER'
EOF

t 'handoff changes the owner and leaves a handoff note' <<'EOF'
cx --now 2026-03-08T10:00:00Z case handoff 2 --to lee -m "Courier claim is open; call back Friday" >/dev/null
cx case show 2 --format tsv | sed -n 2p | cut -f3,7 >out
printf 'open\tlee\n' >expect
same expect out
cx note list 2 --kind handoff --format tsv | cut -f6,7,8,9 >out
tab >expect <<'X'
visibility|kind|author|body
internal|handoff|tester|Courier claim is open; call back Friday
X
same expect out
cx case show 2 --format tsv | tail -n 1 | cut -f4 >out
echo 'handed off by kim to lee' >expect
same expect out
EOF

t 'handoff reads its note from standard input when not a terminal' <<'EOF'
echo "Back to you, kim" | cx --now 2026-03-08T11:00:00Z case handoff 2 --to kim >/dev/null
cx note list 2 --kind handoff --format tsv | tail -n 1 | cut -f9 >out
echo 'Back to you, kim' >expect
same expect out
EOF

t 'handoff without --to or without a note is a usage error (2)' <<'EOF'
snapshot before
fails 2 cx case handoff 2 -m "note"
has err 'cx: a handoff needs the new owner (--to NAME)'
has err 'usage: cx case handoff CASE --to NAME -m TEXT'
fails 2 cx case handoff 2 --to sam </dev/null
has err 'cx: a note is needed: give -m TEXT, -m - (standard input) or --edit'
snapshot after
same before after
EOF

t 'handoff of a closed case is refused (65)' <<'EOF'
fails 65 cx case handoff 5 --to sam -m "x"
has err 'cx: case 5 is closed (reopen it first: cx case reopen 5)'
EOF

# ---- the status model ------------------------------------------------------

t 'every illegal move is refused (65) naming the legal ones, changing nothing' <<'EOF'
cx customer add "Model Case" >/dev/null
cx case open "model case" --title "Walk through every status" >/dev/null
n=$(cx case list --customer "model case" --format tsv | sed -n 2p | cut -f1)
try() { # STATUS VERB LEGAL
	snapshot before
	if [ "$2" = resolve ]; then
		fails 65 cx case resolve "$n" --outcome fixed
	else
		fails 65 cx case "$2" "$n"
	fi
	has err "cx: case $n is $1 and cannot be"
	has err "(it can: $3)"
	lines err 1
	snapshot after
	same before after
}
try new resume "pending, resolve, close"
try new reopen "pending, resolve, close"
cx case assign "$n" kim >/dev/null
try open resume "pending, resolve, close"
try open reopen "pending, resolve, close"
cx case pending "$n" >/dev/null
try pending pending "resume, resolve, close"
try pending reopen "resume, resolve, close"
cx case resume "$n" >/dev/null
cx case resolve "$n" --outcome fixed >/dev/null
try resolved pending "close, reopen"
try resolved resume "close, reopen"
try resolved resolve "close, reopen"
cx case close "$n" >/dev/null
try closed pending "reopen"
try closed resume "reopen"
try closed resolve "reopen"
try closed close "reopen"
EOF

t 'the refusal says what the move would have been' <<'EOF'
fails 65 cx case pending 5
echo 'cx: case 5 is closed and cannot be made pending from there (it can: reopen)' >expect
same expect err
fails 65 cx case resume 1
echo 'cx: case 1 is resolved and cannot be resumed from there (it can: close, reopen)' >expect
same expect err
EOF

t 'every legal move works: new to pending to open to resolved to closed to open' <<'EOF'
cx customer add "Legal Moves" >/dev/null
cx case open "legal moves" --title "All the way round" >/dev/null
n=$(cx case list --customer "legal moves" --format tsv | sed -n 2p | cut -f1)
status() { cx case show "$n" --format tsv | sed -n 2p | cut -f3; }
cx case pending "$n" >/dev/null;                    test "$(status)" = pending
cx case resume "$n" >/dev/null;                     test "$(status)" = open
cx case resolve "$n" --outcome explained >/dev/null; test "$(status)" = resolved
cx case reopen "$n" >/dev/null;                     test "$(status)" = open
cx case close "$n" >/dev/null;                      test "$(status)" = closed
cx case reopen "$n" >/dev/null;                     test "$(status)" = open
cx case resolve "$n" --outcome fixed >/dev/null;    test "$(status)" = resolved
cx case close "$n" >/dev/null;                      test "$(status)" = closed
EOF

t 'a new case can be resolved or closed directly' <<'EOF'
cx customer add "Direct Moves" >/dev/null
cx case open "direct moves" --title "One" >/dev/null
cx case open "direct moves" --title "Two" >/dev/null
cx case list --customer "direct moves" --format tsv | sed -n '2,3p' | cut -f1 >ids
a=$(sed -n 1p ids) b=$(sed -n 2p ids)
cx case resolve "$a" --outcome duplicate >/dev/null
cx case close "$b" >/dev/null
cx case list --customer "direct moves" --status all --format tsv | cut -f2 | sed 1d | sort >out
printf 'closed\nresolved\n' >expect
same expect out
EOF

t 'resolve without --outcome is a usage error (2)' <<'EOF'
snapshot before
fails 2 cx case resolve 2
has err 'cx: resolving needs an outcome (--outcome WORD)'
has err 'usage: cx case resolve CASE --outcome WORD'
fails 2 cx case pending 2 --outcome fixed
has err 'cx: unknown option --outcome'
snapshot after
same before after
EOF

t 'resolve refuses a two-line outcome (65)' <<'EOF'
fails 65 cx case resolve 2 --outcome "$(printf 'fixed\nreally')"
has err 'cx: outcome: one line'
EOF

# ---- timestamps ------------------------------------------------------------

t 'timestamps: first public response, resolved_at and closed_at' <<'EOF'
cx customer add "Tim Stamp" --email tim@example.com >/dev/null
cx --now 2026-04-01T09:00:00Z case open tim@example.com --title "Clock test" -m "hello" >/dev/null
n=$(cx case list --customer tim@example.com --format tsv | sed -n 2p | cut -f1)
echo "$n" >../stamp-case
cx --now 2026-04-01T09:10:00Z note add "$n" -m "internal, not a response" >/dev/null
cx --now 2026-04-01T09:45:00Z note add "$n" --public -m "We are on it" >/dev/null
cx --now 2026-04-01T10:30:00Z note add "$n" --public -m "Update" >/dev/null
cx --now 2026-04-02T09:00:00Z case resolve "$n" --outcome fixed -m "Sent a part" >/dev/null
cx --now 2026-04-03T09:00:00Z case close "$n" >/dev/null
cx case show "$n" --format tsv | sed -n 2p | cut -f3,11,14,15,16,17,18 >out
printf 'closed\tfixed\t172800\t2026-04-01T09:45:00Z\t2700\t2026-04-02T09:00:00Z\t2026-04-03T09:00:00Z\n' >expect
same expect out
EOF

t 'timestamps: reopen clears resolved_at, closed_at and the outcome' <<'EOF'
n=$(cat ../stamp-case)
cx --now 2026-04-05T09:00:00Z case reopen "$n" -m "It broke again" >out
echo "Case $n reopened" >expect
same expect out
cx --now 2026-04-05T12:00:00Z case show "$n" --format tsv | sed -n 2p | cut -f3,11,14,15,17,18 >out
printf 'open\t\t356400\t2026-04-01T09:45:00Z\t\t\n' >expect
same expect out
EOF

# ---- link ------------------------------------------------------------------

t 'link joins two cases both ways' <<'EOF'
cx case link 2 3 >out
echo 'Case 2 linked to case 3' >expect
same expect out
cx case link 4 2 >/dev/null
cx case show 2 --format tsv | sed -n 2p | cut -f20 >out
echo '3,4' >expect
same expect out
cx case show 3 --format tsv | sed -n 2p | cut -f20 >out
echo '2' >expect
same expect out
EOF

t 'linking twice records it once' <<'EOF'
cx log --action link --entity case --id 3 --format tsv >before
cx case link 3 2 >/dev/null
cx log --action link --entity case --id 3 --format tsv >after
same before after
EOF

t 'a case cannot be linked to itself (65)' <<'EOF'
snapshot before
fails 65 cx case link 2 2
echo 'cx: a case cannot be linked to itself' >expect
same expect err
fails 65 cx case link 2 '#2'
snapshot after
same before after
EOF

# ---- brief with history ----------------------------------------------------

t 'brief lists the customer'"'"'s other cases' <<'EOF'
cx --now 2026-03-08T12:00:00Z case brief 4 --format json >out
sqlite3 :memory: "select json_extract(cast(readfile('out') as text), '\$.other_cases')" >got
echo '[{"id":5,"opened_at":"2026-03-06T10:00:00Z","status":"closed","outcome":null,"took":3600,"owner":null,"title":"Question about descaling"},{"id":1,"opened_at":"2026-03-02T09:00:00Z","status":"resolved","outcome":"replaced","took":183600,"owner":"sam","title":"Espresso machine arrived cracked"}]' >expect
same expect got
cx --now 2026-03-08T12:00:00Z case brief 4 >out
has out 'Other cases of this customer'
has out 'Espresso machine arrived cracked'
EOF

t 'brief in JSON Lines tags each line with its section' <<'EOF'
cx case brief 1 --format jsonl >out
cut -d, -f1 out | sort | uniq -c | sed 's/^ *//' >got
cat >expect <<'X'
1 {"section":"case"
1 {"section":"customer"
4 {"section":"journey"
2 {"section":"other_cases"
1 {"section":"sla"
6 {"section":"timeline"
1 {"section":"told_customer"
X
same expect got
EOF

t 'brief: a public note has one channel in every section, the journey'"'"'s' <<'EOF'
cx customer add "Uma Stone" --email uma@example.com >/dev/null
n=$(cx --now 2026-03-09T09:00:00Z --format tsv case open uma@example.com --title "Kettle leaks" -c phone | sed -n '2p' | cut -f2)
cx --now 2026-03-09T10:00:00Z note add "$n" --public -m "A new kettle is on its way" >/dev/null
cx --now 2026-03-09T11:00:00Z note add "$n" --public --kind email -m "Tracking number sent" >/dev/null
cx case brief "$n" --format json >brief.json
sqlite3 :memory: "select json_extract(value, '\$.channel') || '|' || json_extract(value, '\$.text')
	from json_each(json_extract(cast(readfile('brief.json') as text), '\$.told_customer'))" >told
printf '%s\n' 'phone|A new kettle is on its way' 'email|Tracking number sent' >want
same want told
sqlite3 :memory: "select json_extract(value, '\$.channel') || '|' || json_extract(value, '\$.summary')
	from json_each(json_extract(cast(readfile('brief.json') as text), '\$.journey'))
	where json_extract(value, '\$.kind') = 'reply' order by 1 desc" >journey
printf '%s\n' 'phone|A new kettle is on its way' 'email|Tracking number sent' >want
same want journey
cx case brief "$n" >people
hasnt people '  other'
EOF

finish
