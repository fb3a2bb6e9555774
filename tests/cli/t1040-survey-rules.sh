#!/bin/sh
# Rules for recurring survey imports: --save-rules writes what was
# recognised and every option given as a readable file; --rules applies it;
# --rules all imports each rule's newest unseen export, what was seen known
# from the database (survey_imports), in the import's own transaction. Rules
# tag customers by their answers. A bad rules file is named by file and line.
. "$(dirname "$0")/lib.sh"

S="$DATA/surveys"
R="$XDG_CONFIG_HOME/cx/rules"

t 'save: a readable file of the columns recognised and the options given; applied, it imports the same' <<'EOF'
cx init >/dev/null
cx survey import "$S/microsoft-forms-traps.csv" --name "Bakery visits" --stage purchase --create-customers \
	--save-rules bakery >/dev/null 2>err
has err "cx: rules saved to $R/bakery.rules (use them: --rules bakery)"
sed 1d "$R/bakery.rules" >got
cat >want <<'WANT'
# Apply them with: cx survey import --rules bakery [FILE...]
# One KEY = VALUE a line, as the options of cx survey import; columns by
# header text or number; "#" starts a comment line. Options given on the
# command line win over these. See cx-survey(1), RULES FILES.

# Where the exports arrive: with a source, --rules bakery (or all) without a FILE
# imports the newest file it matches, unless already imported.
# source = ~/Downloads/responses*.csv

# The survey and how its file is read
survey = Bakery visits
tool = microsoft-forms
stage = purchase

# Columns, as recognised or named
csat = How would you rate your visit today? (1 = poor, 5 = excellent)
comment = Anything we could do better?
email = Email (optional, for our newsletter)
respondent = Name
id = ID
at = Completion time

# What the import does
create-customers = yes

# Customers tagged by their answers: if COLUMN = ANSWER then tag TAG
# if store = Harbour St then tag harbour
WANT
same want got
# the same file under the rules: the same survey, nothing new, every column named by the rules
cx --format tsv survey import --rules bakery "$S/microsoft-forms-traps.csv" >out.tsv
dbq "SELECT count(*), count(DISTINCT survey_id) FROM responses" >n
echo '10|1' >want
same want n
has out.tsv 'csat = column 7 "How would you rate your visit today? (1 = poor, 5 ...": named by --csat'
has out.tsv '	bakery	0'
EOF

t 'the same bytes imported into a survey again add no import of their own; another survey has its own' <<'EOF'
printf 'id,nps,status\nq1,9,done\nq2,3,started\nq3,7,done\n' >same.csv
cx survey import same.csv --name Again --id id --nps nps --complete status=done >/dev/null
sum=$(sha256sum same.csv | cut -d ' ' -f 1)
# read again with another rule of completeness: q2 is complete now, and stays with the import of these bytes
cx survey import same.csv --name Again --id id --nps nps --complete status=started >out
has out '1 completed since last time'
cx survey import same.csv --name Elsewhere --id id --nps nps --complete status=done >/dev/null
dbq "SELECT s.name, i.sha256 = '$sum', i.rows, i.added, (SELECT count(*) FROM responses r WHERE r.import_id = i.id)
	FROM survey_imports i JOIN surveys s ON s.id = i.survey_id WHERE s.name IN ('Again', 'Elsewhere') ORDER BY i.id" |
	sed 's/|t|/|1|/' >got
printf 'Again|1|3|2|3\nElsewhere|1|3|2|3\n' >want
same want got
EOF

t 'cron: --rules all imports the newest file of each source once, records it with its responses, then nothing new' <<'EOF'
mkdir -p "$R" dl
cat >"$R/fair.rules" <<RULES
# the makers fair's Typeform export, downloaded every Monday
source = $PWD/dl/responses*.csv
survey = Fair
create-customers = yes
if store = Harbour St then tag harbour
RULES
head -n 4 "$S/typeform-hidden.csv" >dl/responses-1.csv
cp "$S/typeform-hidden.csv" dl/responses-2.csv
touch -d '2026-11-01 10:00' dl/responses-1.csv
touch -d '2026-11-08 10:00' dl/responses-2.csv
cx survey import --rules all >out 2>err
has out "$PWD/dl/responses-2.csv: typeform export (UTF-8) into survey \"Fair\" by rules fair"
has out 'imported 6 new, 0 already present, 0 incomplete; 5 linked to customers, 5 customers added, 2 customers tagged by their answers'
has err 'cx: rules bakery: no source, skipped'
sum=$(sha256sum dl/responses-2.csv | cut -d ' ' -f 1)
dbq "SELECT i.sha256 = '$sum', i.file, i.rules, i.rows, i.added, i.imported_by, count(r.id)
	FROM survey_imports i JOIN responses r ON r.import_id = i.id WHERE i.rules = 'fair'
	GROUP BY i.id, i.sha256, i.file, i.rules, i.rows, i.added, i.imported_by" | sed 's/^t|/1|/' >got
echo "1|$PWD/dl/responses-2.csv|fair|6|6|tester|6" >want
same want got
cx --format tsv customer list --tag harbour | cut -f 3 | sort >tagged
printf '%s\n' email h.tanaka@example.jp olu.ade@example.ng >want
same want tagged
# the next run: the newest file was seen; nothing changes, and it says so
snapshot before
cx survey import --rules all >out 2>err
snapshot after
same before after
has err "cx: rules fair: $PWD/dl/responses-2.csv was imported already, nothing new"
test ! -s out
# an older file, unseen, is not the newest: a new export is
cp dl/responses-2.csv dl/responses-3.csv
printf 'g7h8,9,Back next year for sure,Mill Lane,5507,,2026-11-10 09:00:00,2026-11-10 09:05:00,net9\n' >>dl/responses-3.csv
cx --format tsv survey import --rules fair >out.tsv
has out.tsv "$PWD/dl/responses-3.csv	Fair	typeform	UTF-8	7	1	0	6	0	5	0	0	0	"
EOF

t 'errors: a rules file names its file and line (65), a missing rule is no input (66), nothing stored' <<'EOF'
snapshot before
printf 'survey = Fair\n\nsurve = Fair\n' >"$R/typo.rules"
fails 65 cx survey import --rules typo "$S/typeform-hidden.csv"
echo "cx: $R/typo.rules:3: unknown key \"surve\" (one of: source, survey, tool, encoding, sep, tz, date-order, stage, complete, create-customers, follow-up, nps, csat, ces, comment, email, respondent, id, at, case, continue)" >want
same want err
printf 'survey = Fair\nif shop = Mill Lane then tag mill\n' >"$R/typo.rules"
fails 65 cx survey import --rules typo "$S/typeform-hidden.csv"
has err "typeform-hidden.csv:1: tag rule \"if shop = Mill Lane then tag mill\": no column \"shop\" in this file"
rm "$R/typo.rules"
fails 66 cx survey import --rules weekly
has err "$R/weekly.rules: No such file or directory (write it with --save-rules weekly)"
fails 2 cx survey import --rules all "$S/typeform-hidden.csv"
has err '--rules all takes no FILE'
fails 2 cx survey import
has err 'give a FILE, or --rules NAME'
fails 2 cx survey import --rules bakery
has err "$R/bakery.rules: no source = GLOB in these rules: give a FILE, or add a source"
snapshot after
same before after
EOF

finish
