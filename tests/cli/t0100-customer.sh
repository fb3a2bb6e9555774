#!/bin/sh
# cx customer: add, list, show, edit, finding a customer by what people
# type, and merging duplicates.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-03-02T09:00:00Z

# Expected TSV is written with | between fields; this turns it into tabs.
tab() { tr '|' '\t'; }

t 'add takes every field and normalises the email domain' <<'EOF'
cx customer add "Dana Ruiz" --email " Dana.Ruiz@EXAMPLE.Com " --phone "+1 555 0100" \
	--handle @danar --org "Ruiz Roasters" --prefers text --note "Allergic to nuts" \
	-t vip -t wholesale >out
echo 'Added customer 1: Dana Ruiz <Dana.Ruiz@example.com>' >expect
same expect out
cx customer show 1 --format tsv >out
tab >expect <<'X'
id|name|email|phone|handle|org|tags|prefers|usual_channel|note|open_cases|closed_cases|customer_since|merged_from
1|Dana Ruiz|Dana.Ruiz@example.com|+1 555 0100|@danar|Ruiz Roasters|vip,wholesale|text||Allergic to nuts|0|0|2026-03-02T09:00:00Z|

X
printf 'id\tstatus\tpriority\topened_at\towner\toutcome\ttitle\n\n' >>expect
printf 'id\tat\tcase_id\twhere\tvisibility\tkind\tauthor\tbody\n' >>expect
same expect out
EOF

t 'add records a create event by the actor' <<'EOF'
cx log --entity customer --id 1 --format tsv >out
tab >expect <<'X'
id|at|actor|entity|entity_id|action|note_id|details
1|2026-03-02T09:00:00Z|tester|customer|1|create||
X
same expect out
EOF

t 'add with --format tsv reports kind, id and message' <<'EOF'
cx --now 2026-01-10 customer add "Ana Lima" --email ana@example.com -t vip --format tsv >out
tab >expect <<'X'
kind|id|message
customer|2|Added customer 2: Ana Lima <ana@example.com>
X
same expect out
EOF

t 'a duplicate email is refused (65), in any case, naming the owner' <<'EOF'
fails 65 cx customer add "Dana Two" --email DANA.RUIZ@example.COM
echo 'cx: email: DANA.RUIZ@example.com already belongs to customer 1, Dana Ruiz (use cx customer edit 1)' >expect
same expect err
cx customer list --format tsv --search "Dana Two" >out
lines out 1
EOF

t 'a duplicate handle is refused (65)' <<'EOF'
fails 65 cx customer add "Someone" --handle DanaR
has err 'cx: handle: @DanaR already belongs to customer 1, Dana Ruiz'
EOF

t 'a malformed email is refused (65)' <<'EOF'
for e in plain a@b a@@b.com "a b@c.com" @example.com "a@example..com" "a@example.com." "x@.com"; do
	fails 65 cx customer add "Bad Email" --email "$e"
	has err "cx: email: \"$e\" is not an email address"
	lines err 1
done
cx customer list --search "Bad Email" --format tsv >out
lines out 1
EOF

t 'a malformed phone number is refused (65)' <<'EOF'
for p in abc 12 "555-CALL-NOW" "+1 555 0100; drop"; do
	fails 65 cx customer add "Bad Phone" --phone "$p"
	has err "cx: phone: \"$p\" is not a phone number"
done
EOF

t 'an empty or blank name is refused (65)' <<'EOF'
fails 65 cx customer add ""
echo 'cx: name: a customer needs a name' >expect
same expect err
fails 65 cx customer add "   "
same expect err
EOF

t 'a tag with a comma or space is refused (65) and nothing is added' <<'EOF'
snapshot before
fails 65 cx customer add "Tag Person" -t "a,b"
has err 'tag: "a,b" must be one word without commas'
fails 65 cx customer add "Tag Person" -t "two words"
snapshot after
same before after
EOF

t 'add without a name is a usage error' <<'EOF'
fails 2 cx customer add
has err 'cx: too few arguments'
has err 'usage: cx customer add NAME'
EOF

# More customers at known times for the list tests.
t 'setup: customers added at different times' <<'EOF'
cx --now 2026-02-10 customer add "Andrew Lee" --email andrew@example.com >/dev/null
cx --now 2026-02-11 customer add "Bob Stone" --phone "020 7946 0000" --org "Stone & Sons" >/dev/null
cx --now 2026-02-20 customer add "Sam" --email sam@example.net -t wholesale >/dev/null
cx --now 2026-02-21 customer add "Samantha Green" --email samantha@example.net >/dev/null
cx customer list --format tsv | cut -f1,2 >out
tab >expect <<'X'
id|name
2|Ana Lima
3|Andrew Lee
4|Bob Stone
1|Dana Ruiz
5|Sam
6|Samantha Green
X
same expect out
EOF

t 'list shows every column in TSV' <<'EOF'
cx customer list --format tsv >out
tab >expect <<'X'
id|name|email|phone|handle|org|tags|open_cases|cases|created_at
2|Ana Lima|ana@example.com||||vip|0|0|2026-01-10T00:00:00Z
3|Andrew Lee|andrew@example.com|||||0|0|2026-02-10T00:00:00Z
4|Bob Stone||020 7946 0000||Stone & Sons||0|0|2026-02-11T00:00:00Z
1|Dana Ruiz|Dana.Ruiz@example.com|+1 555 0100|danar|Ruiz Roasters|vip,wholesale|0|0|2026-03-02T09:00:00Z
5|Sam|sam@example.net||||wholesale|0|0|2026-02-20T00:00:00Z
6|Samantha Green|samantha@example.net|||||0|0|2026-02-21T00:00:00Z
X
same expect out
EOF

t 'list --tag keeps customers with that tag' <<'EOF'
cx customer list --tag vip --format tsv | cut -f2 >out
printf 'name\nAna Lima\nDana Ruiz\n' >expect
same expect out
cx customer list --tag nosuchtag --format tsv >out
lines out 1
EOF

t 'list --search matches name, email, phone and organisation, ignoring case' <<'EOF'
cx customer list --search EXAMPLE.NET --format tsv | cut -f2 >out
printf 'name\nSam\nSamantha Green\n' >expect
same expect out
cx customer list --search "7946" --format tsv | cut -f2 >out
printf 'name\nBob Stone\n' >expect
same expect out
cx customer list --search "roasters" --format tsv | cut -f2 >out
printf 'name\nDana Ruiz\n' >expect
same expect out
cx customer list --search "danar" --format tsv | cut -f2 >out
same expect out
EOF

t 'list --search treats % and _ literally' <<'EOF'
cx customer list --search "%" --format tsv >out
lines out 1
cx customer list --search "_" --format tsv >out
lines out 1
EOF

t 'list --since keeps customers added since a date' <<'EOF'
cx customer list --since 2026-02-15 --format tsv | cut -f2 >out
printf 'name\nDana Ruiz\nSam\nSamantha Green\n' >expect
same expect out
EOF

t 'list --sort created is newest first, --sort id by number' <<'EOF'
cx customer list --sort created --format tsv | cut -f1 | tr "\n" " " >out
printf "id 1 6 5 4 3 2 " >expect
same expect out
cx customer list --sort id --format tsv | cut -f1 | tr "\n" " " >out
printf "id 1 2 3 4 5 6 " >expect
same expect out
EOF

t 'list --limit keeps the first N' <<'EOF'
cx customer list --sort created --limit 2 --format tsv | cut -f2 >out
printf 'name\nDana Ruiz\nSamantha Green\n' >expect
same expect out
EOF

t 'list refuses a bad sort key, limit or date: usage errors (2)' <<'EOF'
fails 2 cx customer list --sort bogus
has err 'cx: --sort: "bogus" is not one of name, created, cases, open, id'
fails 2 cx customer list --limit 0
has err 'cx: --limit:'
fails 2 cx customer list --limit many
has err 'cx: --limit: "many" is not a whole number'
fails 2 cx customer list --since tomorow
has err 'cx: --since: "tomorow" is not a date'
EOF

t 'list in CSV' <<'EOF'
cx customer list --tag vip --format csv >out
cat >expect <<'X'
id,name,email,phone,handle,org,tags,open_cases,cases,created_at
2,Ana Lima,ana@example.com,,,,vip,0,0,2026-01-10T00:00:00Z
1,Dana Ruiz,Dana.Ruiz@example.com,"'+1 555 0100",danar,Ruiz Roasters,"vip,wholesale",0,0,2026-03-02T09:00:00Z
X
same expect out
EOF

t 'list in JSON' <<'EOF'
cx customer list --tag vip --format json >out
cat >expect <<'X'
[
{"id":2,"name":"Ana Lima","email":"ana@example.com","phone":null,"handle":null,"org":null,"tags":"vip","open_cases":0,"cases":0,"created_at":"2026-01-10T00:00:00Z"},
{"id":1,"name":"Dana Ruiz","email":"Dana.Ruiz@example.com","phone":"+1 555 0100","handle":"danar","org":"Ruiz Roasters","tags":"vip,wholesale","open_cases":0,"cases":0,"created_at":"2026-03-02T09:00:00Z"}
]
X
same expect out
EOF

t 'list in JSON Lines' <<'EOF'
cx customer list --tag vip --format jsonl >out
cat >expect <<'X'
{"id":2,"name":"Ana Lima","email":"ana@example.com","phone":null,"handle":null,"org":null,"tags":"vip","open_cases":0,"cases":0,"created_at":"2026-01-10T00:00:00Z"}
{"id":1,"name":"Dana Ruiz","email":"Dana.Ruiz@example.com","phone":"+1 555 0100","handle":"danar","org":"Ruiz Roasters","tags":"vip,wholesale","open_cases":0,"cases":0,"created_at":"2026-03-02T09:00:00Z"}
X
same expect out
EOF

t 'list as a table for people' <<'EOF'
cx customer list --tag vip >out
cat >expect <<'X'
ID  NAME       EMAIL                  PHONE        ORG            TAGS           OPEN CASES  CASES  CREATED AT
 2  Ana Lima   ana@example.com                                    vip                     0      0  2026-01-10
 1  Dana Ruiz  Dana.Ruiz@example.com  +1 555 0100  Ruiz Roasters  vip,wholesale           0      0  2026-03-02
X
same expect out
EOF

t 'an empty list is a header only (TSV) or an empty array (JSON)' <<'EOF'
cx customer list --tag none --format tsv >out
lines out 1
cx customer list --tag none --format json >out
echo '[]' >expect
same expect out
cx customer list --tag none --format jsonl >out
lines out 0
EOF

t 'show prints the profile for people' <<'EOF'
cx customer show 1 >out
cat >expect <<'X'
Customer
  Id:             1
  Name:           Dana Ruiz
  Email:          Dana.Ruiz@example.com
  Phone:          +1 555 0100
  Handle:         @danar
  Org:            Ruiz Roasters
  Tags:           vip,wholesale
  Prefers:        text
  Note:           Allergic to nuts
  Open cases:     0
  Closed cases:   0
  Customer since: 2026-03-02
X
same expect out
EOF

t 'show lists the customer'"'"'s cases and notes' <<'EOF'
cx --now 2026-03-03T10:00:00Z case open dana.ruiz@example.com --title "Grinder squeals" -m "Since Monday" >/dev/null
cx --now 2026-03-03T11:00:00Z note add --customer 1 -m "Prefers mornings" >/dev/null
cx customer show 1 --format tsv | sed -n '/^id	status/,$p' >out
tab >expect <<'X'
id|status|priority|opened_at|owner|outcome|title
1|new|normal|2026-03-03T10:00:00Z|||Grinder squeals

id|at|case_id|where|visibility|kind|author|body
1|2026-03-03T10:00:00Z|1|case 1|internal|other|tester|Since Monday
2|2026-03-03T11:00:00Z||customer|internal|other|tester|Prefers mornings
X
same expect out
EOF

t 'show needs exactly one customer' <<'EOF'
fails 2 cx customer show
has err 'usage: cx customer show CUSTOMER'
fails 2 cx customer show 1 2
has err 'cx: too many arguments: 2'
EOF

# Reference resolution.
t 'a customer is found by id' <<'EOF'
cx customer show 4 --format tsv | sed -n 2p | cut -f2 >out
echo 'Bob Stone' >expect
same expect out
EOF

t 'a customer is found by email in any case' <<'EOF'
cx customer show DANA.RUIZ@EXAMPLE.COM --format tsv | sed -n 2p | cut -f1 >out
echo 1 >expect
same expect out
cx customer show dana.ruiz@example.com --format tsv | sed -n 2p | cut -f1 >out
same expect out
EOF

t 'a customer is found by @handle or bare handle' <<'EOF'
cx customer show @DANAR --format tsv | sed -n 2p | cut -f1 >out
echo 1 >expect
same expect out
cx customer show danar --format tsv | sed -n 2p | cut -f1 >out
same expect out
EOF

t 'a customer is found by exact name, ignoring case' <<'EOF'
cx customer show "bob stone" --format tsv | sed -n 2p | cut -f1 >out
echo 4 >expect
same expect out
EOF

t 'an exact name wins over a longer name it prefixes' <<'EOF'
cx customer show sam --format tsv | sed -n 2p | cut -f2 >out
echo 'Sam' >expect
same expect out
EOF

t 'a customer is found by a unique name prefix' <<'EOF'
cx customer show "samant" --format tsv | sed -n 2p | cut -f2 >out
echo 'Samantha Green' >expect
same expect out
cx customer show "Bo" --format tsv | sed -n 2p | cut -f2 >out
echo 'Bob Stone' >expect
same expect out
EOF

t 'an ambiguous prefix is exit 1 listing the matches' <<'EOF'
fails 1 cx customer show an
echo 'cx: "an" matches 2 customers: 2 Ana Lima <ana@example.com>; 3 Andrew Lee <andrew@example.com> (use an id or email)' >expect
same expect err
EOF

t 'an unknown reference is exit 1 "no customer"' <<'EOF'
fails 1 cx customer show zed
echo 'cx: no customer "zed" (try cx customer list --search zed)' >expect
same expect err
fails 1 cx customer show 99
echo 'cx: no customer 99' >expect
same expect err
fails 1 cx customer show nobody@example.com
echo 'cx: no customer with email nobody@example.com' >expect
same expect err
fails 1 cx customer show @nobody
echo 'cx: no customer with handle @nobody' >expect
same expect err
EOF

t 'name patterns in a reference are not wildcards' <<'EOF'
fails 1 cx customer show "%"
has err 'cx: no customer "%"'
fails 1 cx customer show "_"
has err 'cx: no customer "_"'
EOF

# Editing.
t 'edit changes a field and clears one with ""' <<'EOF'
cx --now 2026-03-04 customer edit dana.ruiz@example.com --org "Ruiz Coffee" --phone "" >out
echo 'Updated customer 1' >expect
same expect out
cx customer show 1 --format tsv | sed -n 2p | cut -f4,6 >out
printf '\tRuiz Coffee\n' >expect
same expect out
EOF

t 'edit adds tags with --tag and removes them with --untag' <<'EOF'
cx --now 2026-03-04T01:00:00Z customer edit 1 -t espresso --untag wholesale >/dev/null
cx customer list --format tsv --search danar | cut -f7 >out
printf 'tags\nespresso,vip\n' >expect
same expect out
EOF

t 'edit records which fields changed' <<'EOF'
cx log --entity customer --id 1 --action edit --format tsv | cut -f3,6,8 >out
tab >expect <<'X'
actor|action|details
tester|edit|{"fields":"phone,org"}
tester|edit|{"fields":"tags"}
X
same expect out
EOF

t 'edit --name renames, and --email normalises like add' <<'EOF'
cx customer edit bob --name "Robert Stone" --email Bob@Stone.EXAMPLE >/dev/null
cx customer show 4 --format tsv | sed -n 2p | cut -f2,3 >out
printf 'Robert Stone\tBob@stone.example\n' >expect
same expect out
EOF

t 'edit with nothing to change is a usage error (2)' <<'EOF'
snapshot before
fails 2 cx customer edit 1
has err 'cx: nothing to change (give at least one field)'
has err 'usage: cx customer edit CUSTOMER'
snapshot after
same before after
EOF

t 'edit refuses an empty name, a taken email and a bad phone (65), changing nothing' <<'EOF'
snapshot before
fails 65 cx customer edit 1 --name ""
has err 'cx: name: a customer needs a name'
fails 65 cx customer edit 1 --org "New Org" --email ana@example.com
has err 'cx: email: ana@example.com already belongs to customer 2, Ana Lima'
fails 65 cx customer edit 1 --phone "call me"
has err 'cx: phone:'
snapshot after
same before after
EOF

t 'edit of an unknown customer is exit 1' <<'EOF'
fails 1 cx customer edit nobody@example.com --org X
has err 'cx: no customer with email nobody@example.com'
EOF

# Merging.
t 'setup: a duplicate customer with a case and notes' <<'EOF'
cx customer add "Andy Lee" --email andy@example.org --phone "+44 20 7946 0001" -t wholesale >/dev/null
cx --now 2026-03-05T10:00:00Z case open andy@example.org --title "Beans stale" -m "Roast date six weeks old" >/dev/null
cx --now 2026-03-05T11:00:00Z note add --customer andy@example.org -m "Called twice" >/dev/null
cx --now 2026-03-05T12:00:00Z note add 2 --public -m "Fresh bag on its way" >/dev/null
cx case list --customer andy@example.org --format tsv | cut -f1,5 >out
printf 'id\tcustomer\n2\tAndy Lee\n' >expect
same expect out
EOF

t 'merge moves cases and notes to the survivor' <<'EOF'
cx --now 2026-03-06 customer merge andy@example.org andrew@example.com >out
echo 'Merged customer 7 into 3: Andrew Lee <andrew@example.com>' >expect
same expect out
cx case list --format tsv --customer 3 | cut -f1,4,5 >out
printf 'id\tcustomer_id\tcustomer\n2\t3\tAndrew Lee\n' >expect
same expect out
cx note list --customer 3 --format tsv | cut -f1,3,4,9 >out
tab >expect <<'X'
id|case_id|customer_id|body
3|2|3|Roast date six weeks old
4||3|Called twice
5|2|3|Fresh bag on its way
X
same expect out
EOF

t 'merge brings over contact details and tags the survivor lacks' <<'EOF'
cx customer show 3 --format tsv | sed -n 2p | cut -f3,4,7,14 >out
printf 'andrew@example.com\t+44 20 7946 0001\twholesale\t7\n' >expect
same expect out
EOF

t 'a merged customer resolves to the survivor by id, email and in case filters' <<'EOF'
cx customer show 7 --format tsv | sed -n 2p | cut -f1,2 >out
printf '3\tAndrew Lee\n' >expect
same expect out
cx customer show ANDY@example.org --format tsv | sed -n 2p | cut -f1 >out
echo 3 >expect
same expect out
cx case open andy@example.org --title "Another one" --format tsv | sed -n 2p | cut -f3 >out
echo 'Opened case 3 for Andrew Lee <andrew@example.com>' >expect
same expect out
EOF

t 'a merged customer is hidden from list unless --merged' <<'EOF'
cx customer list --format tsv | cut -f2 >out
hasnt out 'Andy Lee'
cx customer list --merged --format tsv | cut -f1,2 >out
has out "$(printf '7\tAndy Lee')"
EOF

t 'merge is recorded on both customers' <<'EOF'
cx log --action merge --format tsv | cut -f5,6,8 >out
has out "$(printf '3\tmerge\t{"from":"7"}')"
cx log --action merged --format tsv | cut -f5,6,8 >out
has out "$(printf '7\tmerged\t{"into":"3"}')"
EOF

t 'merging a customer into itself is refused (65)' <<'EOF'
snapshot before
fails 65 cx customer merge ana@example.com 2
has err 'cx: cannot merge customer 2 into itself'
fails 65 cx customer merge andy@example.org andrew@example.com
has err 'cx: cannot merge customer 3 into itself'
snapshot after
same before after
EOF

t 'merge with an unknown customer is exit 1, and needs two arguments' <<'EOF'
fails 1 cx customer merge nobody@example.com 1
has err 'cx: no customer with email nobody@example.com'
fails 2 cx customer merge 1
has err 'usage: cx customer merge FROM INTO'
EOF

finish
