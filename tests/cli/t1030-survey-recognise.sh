#!/bin/sh
# cx survey import recognises columns from their headers and their answers
# together, in English, Spanish and German wording, and says why it took
# each; two equally likely columns are asked about, nothing stored. The
# fixtures and their figures are made by tests/data/surveys/recognise.py
# (t1000 checks the figures); here, what the import says and refuses.
. "$(dirname "$0")/lib.sh"

S="$DATA/surveys"

t 'Microsoft Forms traps: the stated 1-5 rating is the CSAT, the choice list and the "anonymous" Email are not taken' <<'EOF'
cx survey import "$S/microsoft-forms-traps.csv" --name traps >out
cat >want <<WANT
$S/microsoft-forms-traps.csv: microsoft-forms export (UTF-8 with BOM) into survey "traps"
  csat = column 7 "How would you rate your visit today? (1 = poor, 5 ...": integers 1..5, header says 1 = poor, 5 = excellent
  comment = column 9 "Anything we could do better?": free text, 7 of 7 answers differ, 50 characters on average, header says better
  email = column 10 "Email (optional, for our newsletter)": 5 of 5 answers are addresses, header says Email
  name = column 5 "Name": the microsoft-forms export's own column
  id = column 1 "ID": the microsoft-forms export's own column
  at = column 3 "Completion time": the microsoft-forms export's own column
  column 4 "Email" is not the e-mail: none of its 10 answers is an address
  column 8 "What did you buy today?" is not the comment: its answers are ;-joined choices (10 of 10)
  imported 10 new, 0 already present, 0 incomplete; 0 linked to customers
WANT
same want out
# the comments are the free text: one of them has a ";" in a sentence, none is a shopping list
cx --format tsv survey responses --survey traps --comments >resp.tsv
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "comment") c = i; next } { print $c }' resp.tsv | sort >comments
grep -c ';' comments >n
echo 1 >want
same want n
has comments 'Card machine failed twice; I had to go to the cash point.'
EOF

t 'Spanish and German Google Forms: wording in their languages, scales stated in the header, a matrix not taken for the CSAT' <<'EOF'
cx --format json survey import "$S/google-forms-es.csv" "$S/google-forms-de.csv" --date-order dmy >out.json
sqlite3 :memory: "select json_extract(value, '\$.tool') || char(10) || '  ' || replace(json_extract(value, '\$.why'), '; ', char(10) || '  ')
	from json_each(cast(readfile('out.json') as text))" >got
cat >want <<'WANT'
google-forms
  nps = column 3 "¿Qué tan probable es que recomiendes la Huerta C...": integers 0..10, header says recomiendes
  comment = column 5 "¿Por qué?": free text, 8 of 8 answers differ, 41 characters on average, header says Por qué
  email = column 2 "Dirección de correo electrónico": the google-forms export's own column
  at = column 1 "Marca temporal": the google-forms export's own column
google-forms
  nps = column 3 "Wie wahrscheinlich ist es, dass Sie uns weiterempf...": integers 2..10, header says weiterempfehlen
  csat = column 4 "Wie zufrieden sind Sie insgesamt mit unserer Bäck...": integers 1..5, header says zufrieden
  ces = column 7 "Wie einfach war Ihre Bestellung? (1 = sehr schwier...": integers 2..7, header says 1 = sehr schwierig, 7 = sehr einfach
  comment = column 8 "Was können wir besser machen?": free text, 6 of 6 answers differ, 43 characters on average, header says besser
  email = column 2 "E-Mail-Adresse": the google-forms export's own column
  at = column 1 "Zeitstempel": the google-forms export's own column
WANT
same want got
EOF

t 'Typeform: "on a scale of 0-10" is the NPS; a hidden email field holds the addresses' <<'EOF'
cx --format tsv survey import "$S/typeform-hidden.csv" >out.tsv
has out.tsv 'nps = column 2 "On a scale of 0-10, how would you rate the Harbour...": integers 2..10, header says 0-10; comment = column 3 "Tell us more about your rating": free text, 5 of 5 answers differ, 49 characters on average, header says Tell us; email = column 6 "email": 5 of 5 answers are addresses, header says email'
EOF

t 'two equally likely columns: the candidates and the option to pass (65), nothing stored; the option imports' <<'EOF'
cx init >/dev/null
snapshot before
fails 65 cx survey import "$S/ambiguous-ratings.csv"
echo "cx: $S/ambiguous-ratings.csv:1: the CSAT question could be column 2 \"Please rate: [Food]\" (integers 2..5, header says rate) or column 3 \"Please rate: [Service]\" (integers 3..5, header says rate): nothing imported (say which: --csat 2 or --csat 3)" >want
same want err
snapshot after
same before after
cx --format tsv survey import "$S/ambiguous-ratings.csv" --csat 3 >out.tsv
has out.tsv 'csat = column 3 "Please rate: [Service]": named by --csat'
cx --format tsv survey report >r.tsv
has r.tsv 'ambiguous-ratings	all		3	'
EOF

t 'a column worded as a score whose answers are off its scale is still taken, so the row is named' <<'EOF'
printf 'Timestamp,How satisfied were you?,Comment\n11/2/2026 12:00:00,4,ok\n11/3/2026 12:00:00,very much so,fine\n' >off.csv
fails 65 cx survey import off.csv
has err 'off.csv:3: column "How satisfied were you?": "very much so" is not a CSAT score from 1 to 5'
EOF

finish
