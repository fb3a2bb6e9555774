#!/bin/sh
# CSV corners, the same in every import (surveys, touchpoints, feedback): a
# quoted empty cell is no answer like an empty one; a bare quote inside an
# unquoted cell is read as it stands, with a note; a big quoted cell is data;
# UTF-16 without a byte order mark and NUL bytes are named as such, at their
# line; a header two columns share, or one column given two fields, is
# refused with a message that says which and what to do.
. "$(dirname "$0")/lib.sh"

S="$DATA/surveys"
export CX_NOW=2026-12-01T12:00:00Z

# responses SURVEY: its responses without the columns that differ by survey.
responses() {
	cx survey responses --survey "$1" --incomplete --format tsv | cut -f 3-
}

t 'setup: a customer' <<'EOF'
cx customer add "Pat Doe" --email pat@example.com >/dev/null
EOF

t 'every cell quoted ("" for no answer) and quoted only where needed read the same' <<'EOF'
cx -q survey import "$S/corner-quoted-all.csv" --nps score --name all >/dev/null
cx -q survey import "$S/corner-quoted-none.csv" --nps score --name none >/dev/null
responses all >all.tsv
responses none >none.tsv
same all.tsv none.tsv
# the empty answers are no answers: no score, no comment, no email
test "$(dbq "SELECT count(*) FROM responses WHERE nps IS NULL")" = 2
test "$(dbq "SELECT count(*) FROM responses WHERE comment IS NULL")" = 4
test "$(dbq "SELECT count(*) FROM responses WHERE email IS NULL")" = 2
test "$(dbq "SELECT comment FROM responses WHERE email = 'e@example.com' AND survey_id = 1")" = 'Lovely 12" pizza, and quick'
EOF

t 'a bare quote inside unquoted cells is read as it stands; the note counts the lines and names the first' <<'EOF'
cx survey import "$S/corner-bare-quote.csv" --nps score --name bare >out 2>err
has err "cx: $S/corner-bare-quote.csv: 2 lines with a bare \" inside an unquoted field, read as a literal quote (the first: line 3)"
has out 'imported 5 new'
dbq "SELECT comment FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE s.name = 'bare' AND comment LIKE '%\"%' ORDER BY r.id" >got
printf '%s\n' 'a 5" screen' 'Lovely 12" pizza' >want
same want got
# one such line is named by its line; -q keeps the note to itself
printf '%s\n' 'id,score,comment' '1,9,a 3" gap' >one.csv
cx survey import one.csv --nps score >/dev/null 2>err
echo 'cx: one.csv:2: a bare " inside an unquoted field, read as a literal quote' >want
same want err
cx -q survey import one.csv --nps score --name one-again >/dev/null 2>err
test ! -s err
EOF

t 'a quoted cell that goes on after its closing quote is still refused (65) at its line' <<'EOF'
printf '%s\n' 'id,score,comment' '1,9,fine' '2,7,"Best" coffee' >after.csv
snapshot before
fails 65 cx survey import after.csv --nps score
has err 'cx: after.csv:3: a quote in the middle of a field'
snapshot after
same before after
EOF

t 'a correctly quoted 10 MB cell is data, read whole' <<'EOF'
python3 - <<'PY'
import csv
with open('big.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'score', 'comment'])
    w.writerow(['1', '3', 'x' * (10 << 20) + '\n"the end"'])
    w.writerow(['2', '9', 'short'])
PY
cx survey import big.csv --nps score >out
has out 'imported 2 new'
test "$(dbq "SELECT length(comment) FROM responses WHERE key = '1' AND survey_id = (SELECT id FROM surveys WHERE name = 'big')")" = $(((10 << 20) + 10))
EOF

t 'UTF-16 without a byte order mark is named, with the option that reads it' <<'EOF'
python3 -c "open('u16.csv', 'wb').write('id,score\n1,9\n2,10\n'.encode('utf-16-le'))"
python3 -c "open('u16be.csv', 'wb').write('id,score\n1,9\n2,10\n'.encode('utf-16-be'))"
fails 65 cx survey import u16.csv --nps score
echo 'cx: u16.csv:1: looks like UTF-16LE text without a byte order mark (a NUL in every other byte): give --encoding utf-16le' >want
same want err
fails 65 cx survey import u16be.csv --nps score
has err 'give --encoding utf-16be'
cx survey import u16.csv --nps score --encoding utf-16le >out
has out 'imported 2 new'
fails 65 cx touch import u16.csv
has err 'give --encoding utf-16le'
EOF

t 'a NUL byte is reported on its own line, in every import' <<'EOF'
printf 'at,customer,channel,stage\n2026-11-01 10:00,pat@example.com,web,use\000\n' >nul.csv
fails 65 cx touch import nul.csv
echo 'cx: nul.csv:2: holds a NUL byte: a binary file, not CSV text (export it as CSV)' >want
same want err
printf 'at,text\n2026-11-01 10:00,fine\n2026-11-02 10:00,\000\n' >fnul.csv
fails 65 cx feedback import fnul.csv --source yelp
has err 'cx: fnul.csv:3: holds a NUL byte'
EOF

t 'one column for two fields is a usage error (2) naming both options and the column' <<'EOF'
printf '%s\n' 'id,How likely are you to recommend us?,Email,Comment' '1,9,a@example.com,ok' >two.csv
snapshot before
fails 2 cx survey import two.csv --nps 2 --email 2
has err 'cx: --nps and --email both name column 2 ("How likely are you to recommend us?"): a column holds one field'
fails 2 cx survey import two.csv --comment Comment --respondent 4
has err 'cx: --comment and --respondent both name column 4 ("Comment")'
snapshot after
same before after
EOF

t 'an option that takes the only score column says so, not "no question found"' <<'EOF'
printf '%s\n' 'id,How likely are you to recommend us?,Email,Comment' '1,9,a@example.com,ok' >two.csv
fails 65 cx survey import two.csv --email 2
has err 'cx: two.csv:1: no NPS, CSAT or CES question left: --email takes column 2 ("How likely are you to recommend us?"), which would be the NPS question'
hasnt err 'no NPS, CSAT or CES question found'
# an option naming a missing column is named as the option is spelled
fails 65 cx survey import two.csv --respondent Who
has err 'cx: two.csv:1: --respondent: no column "Who" in this file'
EOF

t 'a header two columns share is asked about, not guessed: by number it imports' <<'EOF'
printf '%s\n' 'id,Rating,Rating,Comment' '1,9,3,ok' >dup.csv
fails 65 cx survey import dup.csv --nps Rating
has err 'cx: dup.csv:1: --nps: columns 2 and 3 are both "Rating" (name the one you mean by its number: --nps 2 or --nps 3)'
printf '%s\n' 'id,How likely are you to recommend us?,How likely are you to recommend us?' '1,9,3' >dupq.csv
fails 65 cx survey import dupq.csv
has err 'cx: dupq.csv:1: columns 2 and 3 are both "How likely are you to recommend us?": which is --nps? (name it by its number: --nps 2 or --nps 3)'
cx -q survey import dupq.csv --nps 3 >/dev/null
test "$(dbq "SELECT nps FROM responses WHERE survey_id = (SELECT id FROM surveys WHERE name = 'dupq')")" = 3
EOF

t 'touchpoints and feedback: a header two columns share is refused (65) naming both; --map by number picks one' <<'EOF'
printf '%s\n' 'at,customer,channel,stage,at' '2026-11-01 10:00,pat@example.com,web,use,2026-11-02 10:00' >tdup.csv
fails 65 cx touch import tdup.csv
echo 'cx: tdup.csv:1: columns 1 and 5 are both "at" (say which is the at: --map at=1 or --map at=5)' >want
same want err
cx touch import tdup.csv --map at=5 >/dev/null
test "$(dbq "SELECT at FROM touchpoints")" = 1793613600
printf '%s\n' 'at,text,Text' '2026-11-01 10:00,one,two' >fdup.csv
fails 65 cx feedback import fdup.csv --source yelp
has err 'cx: fdup.csv:1: columns 2 and 3 are both "text" (say which is the text: --map text=2 or --map text=3)'
cx feedback import fdup.csv --source yelp --map text=3 >/dev/null
test "$(dbq "SELECT body FROM feedback")" = two
fails 65 cx feedback import fdup.csv --source yelp --map text=4
has err 'cx: fdup.csv:1: --map text=4: the file has 3 columns'
EOF

t 'touchpoints and feedback: bare quotes are read as they stand, with the note' <<'EOF'
printf '%s\n' 'at,customer,channel,stage,summary' '2026-11-03 10:00,pat@example.com,web,use,Ordered a 12" pan' >tq.csv
cx touch import tq.csv >/dev/null 2>err
echo 'cx: tq.csv:2: a bare " inside an unquoted field, read as a literal quote' >want
same want err
test "$(dbq "SELECT summary FROM touchpoints WHERE summary LIKE '%pan'")" = 'Ordered a 12" pan'
printf '%s\n' 'at,text' '2026-11-03 10:00,a 7" tablet' '2026-11-04 10:00,"quoted, fine"' '2026-11-05 10:00,two 5" and 6" cakes' >fq.csv
cx feedback import fq.csv --source yelp >/dev/null 2>err
has err 'cx: fq.csv: 2 lines with a bare " inside an unquoted field, read as a literal quote (the first: line 2)'
EOF

finish
