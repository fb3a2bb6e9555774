#!/bin/sh
# Likelihood to continue, the third measure: recognised from its wording in
# English, Spanish or German on 0-10, 1-5 or 1-7 (the scale stated, else the
# narrowest its answers fit); its share of likely answers with Wilson's
# interval, the small-sample flag, the unlikely followed up as unhappy; and
# stated intent against behaviour: of each intent group, the share who came
# back (a later purchase, case or answer) within --window. The expected
# figures are computed by Python below, independently of cx.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-12-20T12:00:00Z

t 'a Spanish 1-5 question is recognised on its stated scale; out of scale is refused at its row' <<'EOF'
printf '%s\n' 'Marca temporal,Correo,"¿Volverías a comprar en nuestra tienda? (1 = nada probable, 5 = muy probable)",¿Por qué?' \
	'2/11/2026 10:00:00,a@x.example,5,Siempre me atienden con una sonrisa' '2/11/2026 11:00:00,b@x.example,4,' \
	'3/11/2026 10:00:00,c@x.example,3,' '3/11/2026 12:00:00,d@x.example,1,Los precios han subido demasiado' \
	'4/11/2026 10:00:00,e@x.example,2,' >es.csv
cx survey import es.csv --date-order dmy --create-customers >out
has out '  continue = column 3 "¿Volverías a comprar en nuestra tienda? (1 = nad...": integers 1..5 on a 1-5 scale, header says Volverías, 1 = nada probable, 5 = muy probable'
printf '%s\n' 'Timestamp,How likely are you to keep using our app? (1-7)' '11/2/2026 10:00:00,8' >bad.csv
fails 65 cx survey import bad.csv
has err 'bad.csv:2: column "How likely are you to keep using our app? (1-7)": "8" is not a likelihood to continue from 1 to 7'
EOF

t 'the share likely with its interval, the unlikely followed up, intent against coming back within 30 days' <<'EOF'
command -v python3 >/dev/null || exit 77
# a and d buy again within 30 days, c after 40 days, b answers another survey within 30 days
cx touch log a@x.example --channel store --stage purchase --at 2026-11-10 -q
cx touch log d@x.example --channel store --stage purchase --at 2026-11-20 -q
cx touch log c@x.example --channel store --stage purchase --at 2026-12-13 -q
printf '%s\n' email,score,date 'b@x.example,9,2026-11-25 10:00:00' >later.csv
cx survey import later.csv --name later --nps score --email email --at date -q >/dev/null
cx --format json survey report --survey es >r.json
sqlite3 :memory: "select printf('%.2f %.2f %.2f %d %d %d %d %d %d %d %d %d', json_extract(v, '\$.continue'),
	json_extract(v, '\$.continue_lo'), json_extract(v, '\$.continue_hi'), json_extract(v, '\$.continue_n'),
	json_extract(v, '\$.continue_small_sample'), json_extract(v, '\$.continue_unlikely'),
	json_extract(v, '\$.continue_likely_known'), json_extract(v, '\$.continue_likely_back'),
	json_extract(v, '\$.continue_unsure_back'), json_extract(v, '\$.continue_unlikely_known'),
	json_extract(v, '\$.continue_unlikely_back'), json_extract(v, '\$.unhappy'))
	from (select value v from json_each(cast(readfile('r.json') as text)) limit 1)" >got
python3 - >want <<'PY'
import math
z = 1.959963984540054
answers = {'a': 5, 'b': 4, 'c': 3, 'd': 1, 'e': 2}   # 1-5: likely 4-5, unsure 3, unlikely 1-2
back = {'a', 'b', 'd'}                               # within 30 days of their answer
likely = [k for k, v in answers.items() if v >= 4]
unlikely = [k for k, v in answers.items() if v <= 2]
n, k = len(answers), len(likely)
p = k / n
c = (p + z * z / (2 * n)) / (1 + z * z / n)
h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
print('%.2f %.2f %.2f %d %d %d %d %d %d %d %d %d' % (100 * p, 100 * (c - h), 100 * (c + h), n, 1, len(unlikely),
      len(likely), len(set(likely) & back), 0, len(unlikely), len(set(unlikely) & back), len(unlikely)))
PY
same want got
# the unlikely are the unhappy ones to follow up
cx --format tsv survey responses --survey es --detractors | cut -f 6 | sort >got
printf '%s\n' d@x.example e@x.example email >want
same want got
# a window that has not ended yet is not counted: with 60 days, only answers from before 21 October would be
cx --format json survey report --survey es --window 60d >r.json
sqlite3 :memory: "select json_extract(v, '\$.continue_likely_known') || ' ' || json_extract(v, '\$.continue_unlikely_known')
	from (select value v from json_each(cast(readfile('r.json') as text)) limit 1)" >got
echo '0 0' >want
same want got
EOF

t 'the digest has it among the scores, with its interval and trend' <<'EOF'
cx --format json report weekly --since 2026-11-01 --until 2026-11-08 >d.json
sqlite3 :memory: "select json_extract(value, '\$.value') || ' ' || json_extract(value, '\$.n') || ' '
	|| printf('%.2f', json_extract(value, '\$.lo')) || ' ' || json_array_length(json_extract(value, '\$.trend'))
	from json_each(json_extract(cast(readfile('d.json') as text), '\$.scores')) where json_extract(value, '\$.metric') = 'Continue %'" >got
echo '40 5 11.76 8' >want
same want got
EOF

t 'a German 0-10 question without a stated scale' <<'EOF'
printf '%s\n' 'Zeitstempel,"Wie wahrscheinlich ist es, dass Sie wieder bei uns bestellen?"' \
	'02.11.2026 08:15:00,9' '03.11.2026 09:00:00,0' '04.11.2026 10:00:00,7' >de.csv
cx --format tsv survey import de.csv --date-order dmy >out.tsv
has out.tsv 'continue = column 2 "Wie wahrscheinlich ist es, dass Sie wieder bei uns...": integers 0..9 on a 0-10 scale, header says wieder'
cx --format json survey report --survey de >r.json
sqlite3 :memory: "select json_extract(v, '\$.continue_n') || ' ' || printf('%.2f', json_extract(v, '\$.continue'))
	|| ' ' || json_extract(v, '\$.continue_unlikely') from (select value v from json_each(cast(readfile('r.json') as text)) limit 1)" >got
echo '3 33.33 1' >want
same want got
EOF

finish
