#!/bin/sh
# cx search: full text over case titles, notes, touchpoint summaries, survey
# comments and feedback. Each kind is found and named; the best match comes
# first; the query language (phrases, prefix*, AND/OR/NOT) works and a bad
# query is a usage error of one line; filters; accents are folded both ways
# and Chinese/Japanese/Korean text is found by any part; the index follows
# edits in place, imports and --rebuild.
. "$(dirname "$0")/lib.sh"

# Every clock in this script: Monday 2026-03-02 09:00 UTC.
NOW=2026-03-02T09:00:00Z
cxn() { cx --now "$NOW" "$@"; }

use() {
	CX_DB=$(db_named "$1")
	export CX_DB
}

# found FILE: the kind|id pairs of a `--format tsv` search result, in order, on one line.
found() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ printf "%s%s|%s", (NR > 2 ? " " : ""), $(c["kind"]), $(c["id"]) } END { print "" }' "$1"
}

# s QUERY... [OPTIONS]: the kind|id pairs `cx search` gives.
s() {
	cxn search --format tsv "$@" >s.out
	found s.out
}

# is WANT GOT
is() {
	if [ "$1" != "$2" ]; then
		echo "# want [$1]" >&2
		echo "#  got [$2]" >&2
		return 1
	fi
}

# ---- the story: one of each kind ------------------------------------------------

t 'setup: a case, a note, a touchpoint, survey comments and feedback' <<'EOF'
use story
cxn customer add "Zoë Quintrell" --email zoe@example.com --at 2026-01-05 >/dev/null
cxn customer add "Marco Vell" --email marco@example.com --at 2026-01-06 >/dev/null
cxn customer add "Aiko Tanaka" --email aiko@example.jp --at 2026-01-07 >/dev/null
cxn case open zoe@example.com --title "Grinder arrived cracked" --at 2026-02-01 >/dev/null
cxn note add 1 -m "Customer says the café order was cold" --at 2026-02-02 >/dev/null
cxn touch log marco@example.com --channel phone --stage delivery --at 2026-02-10 \
	-m "Courier left the parcel at the wrong door" >/dev/null
cat >survey.csv <<'CSV'
email,score,comment,date
aiko@example.jp,9,品質がとても良いです。また買います,2026-02-15
marco@example.com,10,Zoë at the counter was lovely,2026-02-16
CSV
cxn survey import survey.csv --name spring --nps score --email email --comment comment --at date -q >/dev/null
cxn feedback add --source google -m "Burnt espresso and a sticky table" --rating 2 --at 2026-02-20 \
	--customer marco@example.com >/dev/null
EOF

t 'finds a case title, a note, a touchpoint, a survey comment and feedback, and says which' <<'EOF'
use story
is 'case|1' "$(s grinder)"
is 'note|1' "$(s cold)"
is 'touch|1' "$(s courier)"
is 'response|2' "$(s counter)"
is 'feedback|1' "$(s espresso)"
EOF

t 'each result names its customer, date and case, with the words marked in a snippet' <<'EOF'
use story
cxn search --format tsv cracked >out
printf 'kind\tid\tcustomer_id\tcustomer\tat\tcase_id\trank\tsnippet\n' >expect
head -n 1 out >actual
same expect actual
cut -f 1-6,8 out | sed 1d >actual
printf 'case\t1\t1\tZoë Quintrell\t2026-02-01T00:00:00Z\t1\tGrinder arrived [cracked]\n' >expect
same expect actual
cxn search --format tsv cold | cut -f 1-6,8 | sed 1d >actual
printf 'note\t1\t1\tZoë Quintrell\t2026-02-02T00:00:00Z\t1\tCustomer says the café order was [cold]\n' >expect
same expect actual
cxn search --format tsv sticky | cut -f 1-6,8 | sed 1d >actual
printf 'feedback\t1\t2\tMarco Vell\t2026-02-20T00:00:00Z\t\tBurnt espresso and a [sticky] table\n' >expect
same expect actual
# The people's table: no ids that mean nothing to a reader, the date alone.
cxn search cracked >table
has table 'Zoë Quintrell'
has table '2026-02-01'
has table 'Grinder arrived [cracked]'
hasnt table '2026-02-01T'
EOF

t 'every format carries the same results' <<'EOF'
use story
cxn search --format json courier >out.json
sqlite3 :memory: "SELECT j.value->>'kind', j.value->>'id', j.value->>'customer' FROM json_each(readfile('out.json')) j" >actual
echo 'touch|1|Marco Vell' >expect
same expect actual
cxn search --format jsonl courier >out.jsonl
lines out.jsonl 1
has out.jsonl '"kind":"touch"'
cxn search --format csv courier >out.csv
lines out.csv 2
has out.csv 'touch,1,2,Marco Vell'
EOF

# ---- the query language -------------------------------------------------------------

t 'phrases: "wrong door" finds the words together, in that order only' <<'EOF'
use story
is 'touch|1' "$(s '"wrong door"')"
is '' "$(s '"door wrong"')"
is '' "$(s '"parcel wrong"')"
EOF

t 'prefix*: grind* finds Grinder, caf* finds café, esp* finds espresso' <<'EOF'
use story
is 'case|1' "$(s 'grind*')"
is 'note|1' "$(s 'caf*')"
is 'feedback|1' "$(s 'esp*')"
# a whole word is not a prefix of itself plus more
is '' "$(s grind)"
EOF

t 'AND, OR, NOT and parentheses; plain words mean all of them' <<'EOF'
use story
is 'note|1' "$(s cold AND café)"
is 'note|1' "$(s cold café)"
is '' "$(s cold espresso)"
s cold OR espresso | tr ' ' '\n' | sort >got
printf 'feedback|1\nnote|1\n' >want
same want got
is 'feedback|1' "$(s espresso NOT cold)"
is '' "$(s espresso NOT burnt)"
s '(cold OR cracked) NOT grinder' >got
echo 'note|1' >want
same want got
# the words can come as one argument or several
is 'note|1' "$(s 'cold AND café')"
EOF

t 'a bad query is a usage error (2): one line, no SQL, and nothing on standard output' <<'EOF'
use story
for q in '"unterminated' 'AND' 'cold AND' '(cold' 'cold)' 'NOT' 'NEAR(' "it's" '*' 'e-mail' 'nosuchcolumn:word'; do
	set +e
	may_fail cxn search --format tsv -- "$q" >out 2>err
	rc=$?
	set -e
	test "$rc" = 2 || { echo "# query [$q]: exit $rc"; cat err; exit 1; }
	lines out 0
	test "$(grep -c '^cx: ' err)" = 1 || { echo "# query [$q]:"; cat err; exit 1; }
	has err 'cx: search: the query is not valid'
	has err 'double quotes'
	for bad in 'database error' 'fts5' 'SQL' 'sqlite'; do
		hasnt err "$bad"
	done
done
# and punctuation inside quotes is fine
cxn search --format tsv -- '"e-mail"' >out
lines out 1
EOF

t 'no words at all is a usage error too' <<'EOF'
use story
fails 2 cxn search
has err 'give some words to look for'
fails 2 cxn search '   '
has err 'give some words to look for'
EOF

# ---- ranking ------------------------------------------------------------------------------

t 'ranking: the word more often, in fewer words, all the words, and close together rank first' <<'EOF'
use rank
cxn customer add "Rae Lind" --email rae@example.com >/dev/null
cxn case open rae@example.com --title "Kitchen order" >/dev/null
# noise, so that the words are rare enough to weigh something
for i in 1 2 3 4 5 6 7 8; do
	cxn note add 1 -m "Routine call number $i about the invoice and the delivery slot" >/dev/null
done
# notes 9..10: the same length, the word once against three times
cxn note add 1 -m "the blender arrived today and works well now" >/dev/null
cxn note add 1 -m "blender blender blender arrived today works well" >/dev/null
is 'note|10 note|9' "$(s blender --kind note)"
# notes 11..12: the word once, in many words against in few
cxn note add 1 -m "the kettle was fine but the lid and the handle and the base and the cord were all scratched badly" >/dev/null
cxn note add 1 -m "kettle scratched" >/dev/null
is 'note|12 note|11' "$(s kettle --kind note)"
# notes 13..15: of an OR, both words beat one
cxn note add 1 -m "toaster lever stuck and the crumb tray broke" >/dev/null
cxn note add 1 -m "mixer lever stuck and the plug sparked" >/dev/null
cxn note add 1 -m "toaster lever stuck and the plug sparked" >/dev/null
is 'note|15' "$(s toaster OR plug --kind note | cut -d ' ' -f 1)"
# notes 16..17: the same words, far apart against side by side
cxn note add 1 -m "wrong parcel was sent and the courier used the back door" >/dev/null
cxn note add 1 -m "the courier used the wrong door and the parcel was sent" >/dev/null
is 'note|17 note|16' "$(s wrong door --kind note)"
EOF

# ---- filters ------------------------------------------------------------------------------

t 'filters: --kind, --customer, --since and --limit, alone and together' <<'EOF'
use story
# "zoe" is in the survey comment (Marco's) and in Zoë's own name; her other rows do not say it
is 'customer|1 response|2' "$(s zoe)"
is 'response|2' "$(s zoe --kind response)"
s 'c*' >all
for k in case note touch response feedback customer; do
	s 'c*' --kind $k | tr ' ' '\n' | sed '/^$/d' >got
	tr ' ' '\n' <all | grep "^$k|" >want || true
	same want got
done
is 'case|1' "$(s 'c*' --kind case)"
is 'touch|1' "$(s courier --customer marco@example.com)"
is '' "$(s courier --customer zoe@example.com)"
s 'c*' --customer 'Zoë Quintrell' | tr ' ' '\n' | sort >got
printf 'case|1\nnote|1\n' >want
same want got
# --since: at or after the row's own date (case opened, note written, touch, answer, post)
s 'c*' --since 2026-02-10 | tr ' ' '\n' | sort >got
printf 'response|2\ntouch|1\n' >want
same want got
is '' "$(s cracked --since 2026-02-02)"
is 'case|1' "$(s cracked --since 2026-02-01)"
is 'touch|1' "$(s 'c*' --since 2026-02-10 --customer marco@example.com --kind touch)"
# --limit: the first N of the ranking
s 'c*' >all
test "$(wc -w <all)" = 4
is "$(cut -d ' ' -f 1-2 all)" "$(s 'c*' --limit 2)"
is "$(cut -d ' ' -f 1 all)" "$(s 'c*' -n 1)"
EOF

t 'bad filter values are refused, naming the option' <<'EOF'
use story
fails 2 cxn search cold --kind notes
has err '--kind: "notes" is not one of case, note, touch, response, feedback, customer'
fails 2 cxn search cold --limit 0
has err '--limit'
fails 2 cxn search cold --limit many
has err '--limit'
fails 2 cxn search cold --since someday
has err '--since'
fails 1 cxn search cold --customer nobody@example.com
has err 'no customer'
EOF

# ---- beyond ASCII -----------------------------------------------------------------------

t 'accents are folded both ways: café/cafe, Zoë/zoe, any case' <<'EOF'
use story
cxn feedback add --source yelp -m "Lovely cafe, ask for Zoe" --at 2026-02-21 >/dev/null
s cafe | tr ' ' '\n' | sort >a
s café | tr ' ' '\n' | sort >b
s CAFÉ | tr ' ' '\n' | sort >c
printf 'feedback|2\nnote|1\n' >want
same want a
same want b
same want c
s zoe | tr ' ' '\n' | sort >a
s Zoë | tr ' ' '\n' | sort >b
s ZOË | tr ' ' '\n' | sort >c
printf 'customer|1\nfeedback|2\nresponse|2\n' >want
same want a
same want b
same want c
# folded, not loosened: a different letter is a different word
is '' "$(s zoa)"
EOF

t 'Japanese is found by any part of a sentence written without spaces' <<'EOF'
use story
for q in 品質 質が とても 良い 買います 品質がとても良い; do
	is 'response|1' "$(s "$q")" || { echo "# query $q"; exit 1; }
done
# as a quoted phrase, with a prefix, and mixed with other words
is 'response|1' "$(s '"品質"')"
is 'response|1' "$(s '"とても良い"')"
is 'response|1' "$(s '品*')"
s 品質 OR cracked | tr ' ' '\n' | sort >got
printf 'case|1\nresponse|1\n' >want
same want got
is 'response|1' "$(s 品質 AND 買います)"
# the characters must stand together, in order
is '' "$(s 質品)"
is '' "$(s 品質 cracked)"
# the snippet shows the sentence as written, the match marked
cxn search --format tsv 品質 | cut -f 8 | sed 1d >actual
has actual '[品質]がとても良いです。'
EOF

t 'Korean and Chinese too' <<'EOF'
use story
cxn feedback add --source google -m "배송이 너무 늦었어요" --at 2026-02-22 >/dev/null
cxn feedback add --source google -m "咖啡很好喝，服务也不错" --at 2026-02-22 >/dev/null
is 'feedback|3' "$(s 배송)"
is 'feedback|3' "$(s 늦었)"
is 'feedback|4' "$(s 咖啡)"
is 'feedback|4' "$(s 服务)"
EOF

# ---- keeping up with changes ---------------------------------------------------------------

t 'a case title changed in place: the new words are found, the old ones are not' <<'EOF'
use story
is 'case|1' "$(s grinder)"
cxn case update 1 --title "Espresso machine leaking water" >/dev/null
is '' "$(s grinder)"
is '' "$(s cracked)"
is 'case|1' "$(s leaking)"
s espresso | tr ' ' '\n' | sort >got
printf 'case|1\nfeedback|1\n' >want
same want got
EOF

t 'a case opened and retitled between two searches is found by its new title only' <<'EOF'
use story
cxn case open marco@example.com --title "Loyalty stamps missing" >/dev/null
cxn case update 2 --title "Loyalty card lost" >/dev/null
is '' "$(s stamps)"
is 'case|2' "$(s loyalty card)"
EOF

t 'a partial survey response is not found until a later import completes it' <<'EOF'
use story
H='#,How likely are you to recommend us to a friend?,What is the main reason for your score?,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID'
{
	echo "$H"
	echo 'w1,9,Quiet mornings are perfect,completed,2026-02-23 10:00:00,,2026-02-23 10:05:00,n1'
	echo 'w2,,Half-written thought about scones,partial,2026-02-23 11:00:00,2026-02-23 11:01:00,,n2'
} >week1.csv
{
	echo "$H"
	echo 'w1,9,Quiet mornings are perfect,completed,2026-02-23 10:00:00,,2026-02-23 10:05:00,n1'
	echo 'w2,4,Scones were stale and dry,completed,2026-02-23 11:00:00,,2026-02-24 09:00:00,n2'
} >week2.csv
cxn survey import week1.csv --name typed -q >/dev/null
is 'response|3' "$(s mornings)"
is '' "$(s scones)"
cxn survey import week2.csv --name typed -q >/dev/null
is 'response|4' "$(s scones)"
is 'response|4' "$(s stale)"
# the words of the partial answer went with it
is '' "$(s thought)"
EOF

t '--rebuild builds the same index again, and a search may come with it' <<'EOF'
use story
for q in 'c*' espresso 品質 zoe scones leaking; do s "$q"; done >before
cxn search --rebuild 2>err
has err 'search index rebuilt:'
for q in 'c*' espresso 品質 zoe scones leaking; do s "$q"; done >after
same before after
cxn search --rebuild leaking --format tsv >out 2>/dev/null
test "$(found out)" = 'case|1'
is '' "$(s grinder)"
EOF

t 'the index is rebuilt from the rows after an import into a new database' <<'EOF'
use story
for q in 'c*' espresso 品質 zoe scones leaking; do s "$q"; done >before
cxn export >story.jsonl 2>/dev/null
use copy
cxn import story.jsonl >/dev/null
for q in 'c*' espresso 品質 zoe scones leaking; do s "$q"; done >after
same before after
EOF

t 'on an empty database: nothing found, exit 0, and the machine formats stay well-formed' <<'EOF'
use empty
cx init >/dev/null
cxn search anything >out
lines out 0
cxn search --format tsv anything >out
lines out 1
has out 'kind	id	customer_id	customer	at	case_id	rank	snippet'
cxn search --format json anything >out
echo '[]' >expect
same expect out
cxn search --rebuild 2>err
has err 'rebuilt: 0 entries'
fails 2 cxn search '"oops'
EOF

# ---- customer names ---------------------------------------------------------------

t 'customer names are found by any of their words, accents folded, with kind customer' <<'EOF'
use names
cxn customer add "Ingrid García" --email ingrid@example.com --at 2026-01-10 >/dev/null
cxn customer add "Tom Walsh" --email tom@example.com --at 2026-01-11 >/dev/null
cxn search --format tsv ingrid | cut -f 1-6,8 | sed 1d >actual
printf 'customer\t1\t1\tIngrid García\t2026-01-10T00:00:00Z\t\t[Ingrid] García\n' >want
same want actual
cxn search --format tsv GARCÍA ingrid | cut -f 1-4 | sed 1d >actual
printf 'customer\t1\t1\tIngrid García\n' >want
same want actual
is 'customer|1' "$(s garcia)"
is 'customer|2' "$(s 'wal*')"
is 'customer|2' "$(s walsh --kind customer)"
is '' "$(s walsh --kind note)"
is 'customer|2' "$(s walsh --customer tom@example.com)"
is '' "$(s walsh --customer ingrid@example.com)"
EOF

t 'a renamed customer is found by the new name only' <<'EOF'
use names
cxn customer edit tom@example.com --name "Tomás Byrne" >/dev/null
is '' "$(s walsh)"
is 'customer|2' "$(s tomas)"
is 'customer|2' "$(s byrne)"
EOF

t 'a merged customer'"'"'s name finds the one who holds the story now; a forgotten one is not found' <<'EOF'
use names
cxn customer add "Tom Byrne" --email tb@example.com --at 2026-01-12 >/dev/null
cxn customer merge tb@example.com tom@example.com >/dev/null
cxn search --format tsv 'tom' | cut -f 1-4 | sed 1d | sort >actual
printf 'customer\t3\t2\tTomás Byrne\n' >want
same want actual
cxn customer forget tom@example.com --yes >/dev/null
is '' "$(s byrne)"
is '' "$(s tomas)"
is '' "$(s forgotten)"
is 'customer|1' "$(s ingrid)"
# the same after a rebuild
cxn search --rebuild ingrid --format tsv >out 2>/dev/null
is 'customer|1' "$(found out)"
is '' "$(s byrne)"
EOF

t 'word forms: leaking finds leaks and leaked, in phrases too; the language is the text.language setting' <<'EOF'
use forms
cxn customer add "Ines Ruiz" --email ines@example.com --at 2026-01-05 >/dev/null
cxn case open ines@example.com --title "Grinder leaks water" --at 2026-02-01 >/dev/null
cxn case open ines@example.com --title "The tank leaked overnight" --at 2026-02-02 >/dev/null
cxn note add 2 -m "Die Lieferungen kamen zu spät" --at 2026-02-03 >/dev/null
is 'case|1 case|2' "$(s leaking)"
is 'case|2' "$(s '"tank leaking"')"
is 'case|1 case|2' "$(s 'leak*')"
is 'case|1' "$(s 'leaking NOT tank')"
# the word as it is ranks with the rest; the snippet marks what the text says
cxn search leaks --format tsv >out
has out '[leaks]'
# English stems leave German alone; in German, Lieferung finds Lieferungen
is '' "$(s Lieferung)"
cx config set text.language german
is 'note|1' "$(s Lieferung)"
is '' "$(s leaking)"
cx config unset text.language
is 'case|1 case|2' "$(s leaking)"
EOF

t_file 'a database from before word forms: its index is built again, with the stems, by the first search' <<'EOF'
use older
cxn customer add "Ines Ruiz" --email ines@example.com --at 2026-01-05 >/dev/null
cxn case open ines@example.com --title "Grinder leaks water" --at 2026-02-01 >/dev/null
is 'case|1' "$(s leaking)"
# the index as schema 13 had it: the text alone (and no topics, nor the
# likelihood to continue, nor the journey map's summaries, which came after)
summaries=$(sqlite3 "$CX_DB" "SELECT 'DROP ' || upper(type) || ' ' || name || ';' FROM sqlite_master
	WHERE name LIKE 'journey\_%' ESCAPE '\' AND type IN ('trigger', 'table') ORDER BY type = 'table'")
test -n "$summaries"
sqlite3 "$CX_DB" "$summaries DROP TABLE topic_items; DROP TABLE topic_state; DROP TABLE topics;
	ALTER TABLE responses DROP COLUMN cont; ALTER TABLE responses DROP COLUMN cont_scale;
	DROP TABLE search_index;
	CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
	INSERT INTO search_index (rowid, body) VALUES (9, 'Grinder leaks water');
	PRAGMA user_version = 13;"
is 'case|1' "$(s leaking)"
test "$(sqlite3 "$CX_DB" 'PRAGMA user_version')" -ge 14
test "$(sqlite3 "$CX_DB" 'SELECT stems FROM search_index WHERE rowid = 9')" = 'grinder leak water'
EOF

finish
