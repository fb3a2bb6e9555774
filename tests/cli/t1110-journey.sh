#!/bin/sh
# cx journey: the map of a small hand-made business with every figure worked
# out by hand (below), its filters and drop-off clock; one customer's journey
# stage by stage with the emotion curve; the stages and channels edited.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-04-01T00:00:00Z

tab() { tr '|' '\t'; }
# numbers with decimals to four places, the rest as they are (TSV in and out)
round4() {
	awk -F '\t' -v OFS='\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^-?[0-9]+\.[0-9]+$/) $i = sprintf("%.4f", $i); print }'
}
# the first section of a two-section TSV (the stages), or the second (the hot spots)
stages() { sed '/^$/,$d'; }
hotspots() { sed '1,/^$/d'; }

# The business: five customers, fourteen logged touchpoints and two cases.
#
#   ann (vip)  awareness web +1 e6 03-01 | purchase web +2 e7 03-03 | delivery email -2 e2 03-08,
#              case 1 by email at delivery 03-08 12:00 | use phone +1 e5 03-20
#   bob (vip)  awareness web 0 e5 03-02 | purchase web +1 e5 03-06 | delivery email -1 e3 03-10,
#              delivery phone -2 e1 03-12, case 2 by phone at delivery 03-12 11:00
#   cat        awareness web +2 03-05
#   dan        awareness store 0 e4 03-10 | purchase store -1 e4 03-25 | delivery email -1 03-28
#   eve        purchase web +1 e6 03-15 | delivery email 0 e5 03-30
#
# (all at 10:00 unless given). Now is 04-01 00:00; with --stale 10d the
# latest touchpoints of cat (awareness, 26.6d), bob (case 2, delivery by
# phone, 19.5d) and ann (use, 11.6d) are stale; dan's (3.6d) and eve's are not.
t 'setup: the hand-made business' <<'EOF'
cx customer add "Ann Archer" --email ann@example.com --tag vip >/dev/null
cx customer add "Bob Baker" --email bob@example.com --tag vip >/dev/null
cx customer add "Cat Cole" --email cat@example.com >/dev/null
cx customer add "Dan Dorn" --email dan@example.com >/dev/null
cx customer add "Eve Eng" --email eve@example.com >/dev/null
cat >t.csv <<'X'
at,customer,stage,channel,emotion,effort,summary
2026-03-01T10:00:00Z,ann@example.com,awareness,web,1,6,Saw the espresso advert
2026-03-03T10:00:00Z,ann@example.com,purchase,web,2,7,Bought a machine online
2026-03-08T10:00:00Z,ann@example.com,delivery,email,-2,2,Parcel did not come
2026-03-20T10:00:00Z,ann@example.com,use,phone,1,5,Asked how to descale
2026-03-02T10:00:00Z,bob@example.com,awareness,web,0,5,Read a review
2026-03-06T10:00:00Z,bob@example.com,purchase,web,1,5,Ordered a grinder
2026-03-10T10:00:00Z,bob@example.com,delivery,email,-1,3,Where is my grinder
2026-03-12T10:00:00Z,bob@example.com,delivery,phone,-2,1,Called twice about the grinder
2026-03-05T10:00:00Z,cat@example.com,awareness,web,2,,Loved the video
2026-03-10T10:00:00Z,dan@example.com,awareness,store,0,4,Walked past the shop
2026-03-25T10:00:00Z,dan@example.com,purchase,store,-1,4,Queue at the till
2026-03-28T10:00:00Z,dan@example.com,delivery,email,-1,,Late confirmation
2026-03-15T10:00:00Z,eve@example.com,purchase,web,1,6,Gift card order
2026-03-30T10:00:00Z,eve@example.com,delivery,email,0,5,Arrived fine
X
cx touch import t.csv >/dev/null
cx case open ann@example.com --title "Parcel missing" --channel email --stage delivery --at 2026-03-08T12:00:00Z >/dev/null
cx case open bob@example.com --title "Grinder not delivered" --channel phone --stage delivery \
	--at 2026-03-12T11:00:00Z >/dev/null
cx touch list --format tsv | sed 1d | wc -l | tr -d ' ' >out
echo 16 >expect
same expect out
EOF

# ---- journey map ---------------------------------------------------------------

# Per stage, by hand; intervals are Student's t (t(.975, n - 1): 3 df 3.182446,
# 2 df 4.302653, 4 df 2.776445) cut to the scale (emotion -2..2, effort 1..7):
#   awareness  ann bob cat dan; emotions 1 0 2 0: mean 0.75, sd sqrt(2.75/3),
#              3.182446 sd / 2 = 1.523479: [-0.7735, 2]; none negative; effort
#              6 5 4: 5, sd 1, 4.302653 / sqrt 3 = 2.484138: [2.5159, 7];
#              drop-off cat; next stage: ann 2d, bob 4d, dan 15d: median 4d; web 3 of 4
#   purchase   ann bob dan eve; 2 1 -1 1: mean 0.75, sd sqrt(4.75/3), +-2.002237:
#              [-1.2522, 2]; 1 of 4 negative; effort 7 5 4 6: 5.5, sd sqrt(5/3),
#              +-2.054273: [3.4457, 7]; next: ann 5d, bob 4d, dan 3d, eve 15d: the
#              lower middle, 4d
#   delivery   ann bob dan eve; 5 touchpoints of theirs and 2 cases; -2 -1 -2 -1 0:
#              mean -1.2, sd sqrt(2.8/4), 2.776445 sd / sqrt 5 = 1.038851: [-2, -0.1611];
#              4 of 5 negative; effort 2 3 1 5: 2.75, sd sqrt(8.75/3), +-2.717530:
#              [1, 5.4675]; drop-off bob; next: ann 12d (use); email 5 of 7 contacts
#   use        ann; +1 and effort 5 on one rating each: no interval; drop-off ann;
#              nobody moved on
# Every rated figure rests on fewer than 30 ratings: thin.
t 'map: every stage measured, figures as worked out by hand' <<'EOF'
cx journey map --stale 10d --format tsv | stages | round4 >out
tab >expect <<'X'
stage|customers|touchpoints|emotion|emotion_lo|emotion_hi|emotion_n|emotion_small_sample|negative|effort|effort_lo|effort_hi|effort_n|effort_small_sample|cases|replies|dropoff|next_stage_median_s|channels
awareness|4|4|0.7500|-0.7735|2|4|1|0|5|2.5159|7|3|1|0|0|1|345600|web 75%, store 25%
consideration|0|0||||0||||||0||0|0|0||
decision|0|0||||0||||||0||0|0|0||
purchase|4|4|0.7500|-1.2522|2|4|1|25|5.5000|3.4457|7|4|1|0|0|0|345600|web 75%, store 25%
delivery|4|5|-1.2000|-2|-0.1611|5|1|80|2.7500|1|5.4675|4|1|2|0|1|1036800|email 71%, phone 29%
packaging|0|0||||0||||||0||0|0|0||
use|1|1|1|||1|1|0|5|||1|1|0|0|1||phone 100%
recommendation|0|0||||0||||||0||0|0|0||
service|0|0||||0||||||0||0|0|0||
X
same expect out
EOF

# Per stage x channel, by hand (score = 100 (.40 neg + .25 hard + .20 cases + .15 drop) n/(n+20),
# n the customers' contacts: their touchpoints and cases):
#   delivery/email  4 touchpoints, 1 case; negative 3/4, hard 2/3 (2 3 5), 1 case of 5,
#                   no drop-off: (.3 + .166667 + .04) 5/25 = 10.133333
#   delivery/phone  1 and 1; 1/1, 1/1, 1 case of 2, bob dropped off here: .9 2/22 = 8.181818
#   purchase/store  1; 1/1, 0/1: .4 1/21 = 1.904762
#   use/phone       1; ann dropped off here: .15 1/21 = 0.714286
#   awareness/web   3; cat of ann, bob, cat dropped off: .05 3/23 = 0.652174
#   purchase/web 3 and awareness/store 1: no friction, busier first
t 'map: the friction hot spots, ranked, with their scores' <<'EOF'
cx journey map --stale 10d --min 1 --top 0 --format tsv | hotspots | round4 >out
tab >expect <<'X'
rank|stage|channel|friction|touchpoints|cases|negative|hard|case_rate|dropoff_rate
1|delivery|email|10.1333|4|1|75|66.6667|20|0
2|delivery|phone|8.1818|1|1|100|100|50|100
3|purchase|store|1.9048|1|0|100|0|0|0
4|use|phone|0.7143|1|0|0|0|0|100
5|awareness|web|0.6522|3|0|0|0|0|33.3333
6|purchase|web|0|3|0|0|0|0|0
7|awareness|store|0|1|0|0|0|0|0
X
same expect out
EOF

t 'map: cells under --min are not ranked (5 by default); --top cuts the list (10 by default)' <<'EOF'
cx journey map --stale 10d --format tsv | hotspots | cut -f1-4 | round4 >out
tab >expect <<'X'
rank|stage|channel|friction
1|delivery|email|10.1333
X
same expect out
cx journey map --stale 10d --min 2 --top 2 --format tsv | hotspots | cut -f1-3 >out
tab >expect <<'X'
rank|stage|channel
1|delivery|email
2|delivery|phone
X
same expect out
cx journey map --stale 10d --min 3 --format tsv | hotspots | cut -f1-3 >out
tab >expect <<'X'
rank|stage|channel
1|delivery|email
2|awareness|web
3|purchase|web
X
same expect out
cx journey map --stale 10d --min 1 --format tsv | hotspots | sed 1d | wc -l | tr -d ' ' >out
echo 7 >expect
same expect out
cx journey map --min 6 --format tsv | hotspots >out
echo 'rank	stage	channel	friction	touchpoints	cases	negative	hard	case_rate	dropoff_rate' >expect
same expect out
EOF

t 'map: drop-off against --stale, the stale setting (30d) and the clock' <<'EOF'
cx journey map --format tsv | stages | awk -F '\t' '$17 != 0 { print $1, $17 }' >out
echo 'stage dropoff' >expect
same expect out
cx journey map --stale 25d --format tsv | stages | awk -F '\t' '$17 != 0 { print $1, $17 }' >out
printf 'stage dropoff\nawareness 1\n' >expect
same expect out
cx config set stale 11d >/dev/null
cx journey map --format tsv | stages | awk -F '\t' '$17 != 0 { print $1, $17 }' >out
printf 'stage dropoff\nawareness 1\ndelivery 1\nuse 1\n' >expect
same expect out
# --stale wins over the setting
cx journey map --stale 12d --format tsv | stages | awk -F '\t' '$17 != 0 { print $1, $17 }' >out
printf 'stage dropoff\nawareness 1\ndelivery 1\n' >expect
same expect out
cx config unset stale >/dev/null
# ann's latest is 03-20 10:00: exactly 10 days later she has not dropped off, a second later she has
cx --now 2026-03-30T10:00:00Z journey map --stale 10d --format tsv | stages | awk -F '\t' '$1 == "use" { print $17 }' >out
echo 0 >expect
same expect out
cx --now 2026-03-30T10:00:01Z journey map --stale 10d --format tsv | stages | awk -F '\t' '$1 == "use" { print $17 }' >out
echo 1 >expect
same expect out
EOF

t 'map: --since (at or after) and --until (before)' <<'EOF'
cx journey map --since 2026-03-10 --format tsv | stages | cut -f1-3 | awk -F '\t' '$3 != 0' >out
tab >expect <<'X'
stage|customers|touchpoints
awareness|1|1
purchase|2|2
delivery|3|4
use|1|1
X
same expect out
cx journey map --until 2026-03-10 --format tsv | stages | cut -f1-3 | awk -F '\t' '$3 != 0' >out
tab >expect <<'X'
stage|customers|touchpoints
awareness|3|3
purchase|2|2
delivery|1|1
X
same expect out
cx journey map --since 2026-03-10 --until 2026-03-12T11:00:00Z --format tsv | stages | cut -f1-3,15 | awk -F '\t' '$3 != 0' >out
tab >expect <<'X'
stage|customers|touchpoints|cases
awareness|1|1|0
delivery|1|2|0
X
same expect out
EOF

t 'map: --tag and --channel' <<'EOF'
cx journey map --tag vip --format tsv | stages | cut -f1-3,15 | awk -F '\t' '$3 != 0' >out
tab >expect <<'X'
stage|customers|touchpoints|cases
awareness|2|2|0
purchase|2|2|0
delivery|2|3|2
use|1|1|0
X
same expect out
cx journey map -t nobody --format tsv | stages | awk -F '\t' '$3 != 0' | wc -l | tr -d ' ' >out
echo 1 >expect
same expect out
# only email: ann's latest touchpoint is 03-08 (case 1 that noon), bob's 03-10: both stale at delivery
cx journey map --channel email --stale 10d --format tsv | stages | cut -f1-4,9,15,17,19 | awk -F '\t' '$3 != 0' | round4 >out
tab >expect <<'X'
stage|customers|touchpoints|emotion|negative|cases|dropoff|channels
delivery|4|4|-1|75|1|2|email 100%
X
same expect out
fails 1 cx journey map -c fax
has err 'channel: "fax" is not one of phone, email,'
EOF

t 'map: the table for people, the curve below it' <<'EOF'
cx journey map --stale 10d --min 1 --top 3 >out
has out 'Stages'
has out 'STAGE           CUSTOMERS  TOUCHPOINTS  EMOTION  NEGATIVE  EFFORT  CASES  REPLIES  DROPOFF'
has out 'delivery                4            5    -1.20      80.0    2.75      2        0        1'
has out 'Thin figures: fewer than 30 ratings, so their intervals are wide:'
has out '  use: emotion on 1 rating, effort on 1 rating'
has out '12d  email 71%, phone 29%'
has out 'Friction hot spots (stage x channel)'
awk '/^Friction hot spots/ { on = 1; next } on && !NF { exit } on' out >hot
cat >expect <<'X'
RANK  STAGE     CHANNEL  FRICTION  TOUCHPOINTS  CASES  NEGATIVE   HARD  CASE RATE  DROPOFF RATE
   1  delivery  email        10.1            4      1      75.0   66.7       20.0           0.0
   2  delivery  phone         8.2            1      1     100.0  100.0       50.0         100.0
   3  purchase  store         1.9            1      0     100.0    0.0        0.0           0.0
X
same expect hot
has out 'Emotion by stage'
has out '               awa con dec pur del pac use rec ser'
has out '             n   4   0   0   4   5   0   1   0   0'
hasnt out "$(printf '\033')"
EOF

t 'map: the curve marks every stage with ratings, half way values too, and nothing for the others' <<'EOF'
cx journey map --stale 10d --ascii >out
awk '/^Emotion by stage/ { on = 1; next } on' out >chart
cat >expect <<'X'
+2 delighted | :           :                      
             | :           :                      
+1 pleased   | :           :           *          
             | *           *                      
+0 neutral   |-:-----------:----------------------
             | :           :   :                  
-1 frustrated|             :   *                  
             |                 :                  
-2 angry     |                 :                  
               awa con dec pur del pac use rec ser
             n   4   0   0   4   5   0   1   0   0
X
same expect chart
EOF

t 'map: bad options' <<'EOF'
fails 2 cx journey map --stale soon
has err 'stale'
fails 2 cx journey map --min 0
fails 2 cx journey map --top -1
fails 2 cx journey map --since "the other day"
fails 2 cx journey map extra
fails 2 cx touch list --format svg
has err '--format svg: only journey show and journey map draw pictures'
EOF

t 'map: an SVG picture of the curve' <<'EOF'
cx journey map --format svg >map.svg
head -c 5 map.svg >out
printf '<svg ' >expect
same expect out
tail -n 1 map.svg >out
echo '</svg>' >expect
same expect out
has map.svg '5 customers, 14 touchpoints'
has map.svg '>awareness</text>'
has map.svg 'n=5'
has map.svg '<polygon'
EOF

# ---- journey show --------------------------------------------------------------

t "setup: ann's case answered by email, and her answer to a survey" <<'EOF'
cx note add 1 --public --kind email --at 2026-03-09T09:00:00Z -m "Sorry, a new parcel is on its way" >/dev/null
cx note add 1 --internal --at 2026-03-09T09:30:00Z -m "Courier lost it" >/dev/null
printf 'Email,Submitted,NPS,CES\nann@example.com,2026-03-25 09:00:00,10,6\n' >s.csv
cx survey import s.csv --name "After use" --email Email --at Submitted --nps NPS --ces CES >/dev/null
EOF

t 'show: machine formats give the rows, stage by stage in order, then by time' <<'EOF'
cx journey show ann@example.com --format tsv >out
tab >expect <<'X'
stage|at|kind|channel|emotion|effort|case_id|ref|first|summary
awareness|2026-03-01T10:00:00Z|touch|web|1|6||1|1|Saw the espresso advert
purchase|2026-03-03T10:00:00Z|touch|web|2|7||2|0|Bought a machine online
delivery|2026-03-08T10:00:00Z|touch|email|-2|2||3|0|Parcel did not come
delivery|2026-03-08T12:00:00Z|case|email|||1|1|0|Parcel missing
delivery|2026-03-09T09:00:00Z|reply|email|||1|1|0|Sorry, a new parcel is on its way
use|2026-03-20T10:00:00Z|touch|phone|1|5||4|0|Asked how to descale
recommendation|2026-03-25T09:00:00Z|survey|web|2|6||1|0|After use: NPS 10, CES 6
X
same expect out
cx journey show ann@example.com --format jsonl >out
lines out 7
has out '{"stage":"awareness","at":"2026-03-01T10:00:00Z","kind":"touch","channel":"web","emotion":1,"effort":6,"case_id":null,"ref":1,"first":true,"summary":"Saw the espresso advert"}'
cx journey show ann@example.com --format csv >out
lines out 8
hasnt out 'delighted'
EOF

t 'show: for people, a section per stage, the first impression marked, the curve drawn' <<'EOF'
cx journey show ann@example.com >out
cat >expect <<'X'
Journey of Ann Archer <ann@example.com>: 7 touchpoints
Awareness
  awareness  2026-03-01 10:00  touch  * first impression  web  +1 pleased  effort 6
      Saw the espresso advert

Purchase
  purchase  2026-03-03 10:00  touch  web  +2 delighted  effort 7
      Bought a machine online

Delivery
  delivery  2026-03-08 10:00  touch  email  -2 angry  effort 2
      Parcel did not come
  delivery  2026-03-08 12:00  case 1 opened  email
      Parcel missing
  delivery  2026-03-09 09:00  reply (case 1)  email
      Sorry, a new parcel is on its way

Use
  use  2026-03-20 10:00  touch  phone  +1 pleased  effort 5
      Asked how to descale

Recommendation
  recommendation  2026-03-25 09:00  survey  web  +2 delighted  effort 6
      After use: NPS 10, CES 6

Emotion over time
+2 delighted │     ●           ●  
             │                    
+1 pleased   │ ●           ●      
             │                    
+0 neutral   │────────────────────
             │                    
-1 frustrated│                    
             │                    
-2 angry     │         ●          
               awa pur del use rec
X
same expect out
EOF

t 'show: --ascii draws with plain ASCII only' <<'EOF'
cx journey show ann@example.com --ascii >out
awk '/^Emotion over time/ { on = 1 } on' out >chart
cat >expect <<'X'
Emotion over time
+2 delighted |     *           *  
             |                    
+1 pleased   | *           *      
             |                    
+0 neutral   |--------------------
             |                    
-1 frustrated|                    
             |                    
-2 angry     |         *          
               awa pur del use rec
X
same expect chart
if LC_ALL=C grep -n '[^ -~]' out; then
	echo "# not plain ASCII"
	exit 1
fi
EOF

t 'show: no escape codes when piped, even without NO_COLOR; colour when asked for' <<'EOF'
esc=$(printf '\033')
env -u NO_COLOR "$CX" journey show ann@example.com >out
hasnt out "$esc"
env -u NO_COLOR "$CX" --color always journey show ann@example.com --ascii >out
has out "$esc[32m*$esc[0m"
has out "$esc[31m*$esc[0m"
cx --color never journey show ann@example.com >out
hasnt out "$esc"
EOF

t 'show: with many ratings, one column per stage (its mean) with the counts' <<'EOF'
cx customer add "Fay Fox" --email fay@example.com >/dev/null
{
	echo 'customer,at,stage,channel,emotion'
	i=0
	while [ $i -lt 20 ]; do
		echo "fay@example.com,2026-01-01T10:$(printf %02d $i):00Z,awareness,web,2"
		i=$((i + 1))
	done
	i=0
	while [ $i -lt 21 ]; do
		echo "fay@example.com,2026-01-02T10:$(printf %02d $i):00Z,purchase,web,-1"
		i=$((i + 1))
	done
} >fay.csv
cx touch import fay.csv >/dev/null
cx journey show fay@example.com --ascii >out
awk '/^Emotion over time/ { on = 1; next } on' out >chart
cat >expect <<'X'
+2 delighted | *                                  
             |                                    
+1 pleased   |                                    
             |                                    
+0 neutral   |------------------------------------
             |                                    
-1 frustrated|             *                      
             |                                    
-2 angry     |                                    
               awa con dec pur del pac use rec ser
             n  20   0   0  21   0   0   0   0   0
X
same expect chart
EOF

t 'show: a customer with no touchpoints, and bad arguments' <<'EOF'
cx customer add "Gus Gray" --email gus@example.com >/dev/null
cx journey show gus@example.com >out
echo 'Journey of Gus Gray <gus@example.com>: 0 touchpoints' >expect
same expect out
cx journey show gus@example.com --format tsv >out
echo 'stage	at	kind	channel	emotion	effort	case_id	ref	first	summary' >expect
same expect out
fails 1 cx journey show nobody@example.com
has err 'no customer'
fails 2 cx journey show
fails 2 cx journey show ann@example.com bob@example.com
EOF

t 'show: an SVG picture of one journey' <<'EOF'
cx journey show ann@example.com --format svg >ann.svg
head -c 5 ann.svg >out
printf '<svg ' >expect
same expect out
has ann.svg 'Journey of Ann Archer &lt;ann@example.com&gt;'
has ann.svg '7 touchpoints over 9 stages'
grep -c '<circle' ann.svg >out
echo 5 >expect
same expect out
EOF

# ---- journey stages and channels -----------------------------------------------

t 'stages: listed in order with their uses (touchpoints, cases, surveys)' <<'EOF'
cx journey stages --format tsv >out
tab >expect <<'X'
position|name|uses
1|awareness|24
2|consideration|0
3|decision|0
4|purchase|25
5|delivery|7
6|packaging|0
7|use|1
8|recommendation|1
9|service|0
X
same expect out
cx journey stages list --format tsv >out2
same out out2
cx journey stages >out
has out 'POSITION  NAME            USES'
EOF

t 'stages: add at the end or after another' <<'EOF'
cx journey stages add loyalty >out
echo 'stages add: done' >expect
same expect out
cx journey stages add trial --after purchase >/dev/null
cx journey stages --format tsv | cut -f2 | sed 1d | paste -sd ' ' - >out
echo 'awareness consideration decision purchase trial delivery packaging use recommendation service loyalty' >expect
same expect out
# a touchpoint can use it at once
cx touch log eve@example.com -c web -s trial --at 2026-03-16T10:00:00Z -m "Tried the demo machine" >/dev/null
EOF

t 'stages: add refuses bad, taken and unknown names' <<'EOF'
snapshot before
fails 65 cx journey stages add Trial
echo 'cx: stage: "Trial" must be lower-case letters, digits, - or _' >expect
same expect err
fails 65 cx journey stages add "two words"
fails 65 cx journey stages add abcdefghijabcdefghijabcdefghijabc
has err 'stage: a name of 1 to 32 characters'
fails 65 cx journey stages add purchase
echo 'cx: stage: "purchase" exists already' >expect
same expect err
fails 1 cx journey stages add later --after nowhere
has err 'stage: "nowhere" is not one of awareness, consideration, decision, purchase, trial,'
fails 2 cx journey stages add
has err 'stages add takes 1 name'
fails 2 cx journey stages add a b
snapshot after
same before after
EOF

t 'stages: move after another, or first' <<'EOF'
cx journey stages move loyalty --after recommendation >out
echo 'stages move: done' >expect
same expect out
cx journey stages move trial --first >/dev/null
cx journey stages --format tsv | cut -f1,2 | sed 1d | tr '\t' ':' | paste -sd ' ' - >out
echo '1:trial 2:awareness 3:consideration 4:decision 5:purchase 6:delivery 7:packaging 8:use 9:recommendation 10:loyalty 11:service' >expect
same expect out
cx journey stages move trial --after purchase >/dev/null
# the journey follows the new order at once
cx journey show eve@example.com --format tsv | cut -f1 | sed 1d | paste -sd ' ' - >out
echo 'purchase trial delivery' >expect
same expect out
snapshot before
fails 2 cx journey stages move trial
echo 'cx: say where: --after NAME or --first' >expect
head -n 1 err >err1
same expect err1
fails 65 cx journey stages move trial --after trial
echo 'cx: stage: cannot move "trial" after itself' >expect
same expect err
fails 1 cx journey stages move nowhere --first
has err 'stage: "nowhere" is not one of'
fails 1 cx journey stages move trial --after nowhere
snapshot after
same before after
EOF

t 'stages: rename follows into touchpoints and cases' <<'EOF'
cx journey stages rename delivery shipping >out
echo 'stages rename: done' >expect
same expect out
cx touch list --stage shipping --format tsv | cut -f1,2 | sed 1d | sort | tr '\t' ':' | paste -sd ' ' - >out
echo 'case:1 case:2 reply:1 touch:12 touch:14 touch:3 touch:7 touch:8' >expect
same expect out
cx case list --status all --format tsv | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "stage") c = i; next } { print $c }' >out
printf 'shipping\nshipping\n' >expect
same expect out
fails 1 cx touch list --stage delivery
# the customers' five touchpoints, the two cases and the business's reply to case 1
cx journey map --stale 10d --format tsv | stages | awk -F '\t' '$1 == "shipping"' | cut -f1-4,15,16 | round4 >out
tab >expect <<'X'
shipping|4|5|-1.2000|2|1
X
same expect out
EOF

t 'stages: a rename carries the stage settings with it' <<'EOF'
cx journey stages rename recommendation advocacy >/dev/null
cx config get survey.stage >out
echo advocacy >expect
same expect out
cx touch list --kind survey --format tsv | cut -f6 | sed 1d >out
echo advocacy >expect
same expect out
printf 'Email,Submitted,NPS\nbob@example.com,2026-03-26 09:00:00,3\n' >s2.csv
cx survey import s2.csv --name "Later" --email Email --at Submitted --nps NPS >/dev/null
cx touch list --kind survey -C bob@example.com --format tsv | cut -f6,8 | sed 1d >out
printf 'advocacy\t-2\n' >expect
same expect out
EOF

t 'stages: rename refuses unknown, taken and bad names' <<'EOF'
snapshot before
fails 1 cx journey stages rename nowhere somewhere
has err 'stage: "nowhere" is not one of'
fails 65 cx journey stages rename shipping purchase
echo 'cx: stage: "purchase" exists already' >expect
same expect err
fails 65 cx journey stages rename shipping Shipping
fails 2 cx journey stages rename shipping
has err 'stages rename takes 2 names'
snapshot after
same before after
EOF

t 'stages: remove is refused while in use, unless --into takes the uses over' <<'EOF'
cx journey stages remove loyalty >out
echo 'stages remove: done' >expect
same expect out
snapshot before
fails 65 cx journey stages remove shipping
echo 'cx: stage "shipping" is in use (5 touchpoints, 2 cases): give --into OTHER to move them' >expect
same expect err
fails 65 cx journey stages remove use --into use
echo 'cx: --into: "use" is the stage being removed' >expect
same expect err
fails 1 cx journey stages remove use --into nowhere
has err 'stage: "nowhere" is not one of'
fails 1 cx journey stages remove nowhere
snapshot after
same before after
cx journey stages remove use --into trial >/dev/null
cx touch list -C ann@example.com --stage trial --format tsv | cut -f12 | sed 1d >out
echo 'Asked how to descale' >expect
same expect out
cx journey stages --format tsv | cut -f1,2 | sed 1d | tr '\t' ':' | paste -sd ' ' - >out
echo '1:awareness 2:consideration 3:decision 4:purchase 5:trial 6:shipping 7:packaging 8:advocacy 9:service' >expect
same expect out
EOF

t 'stages: a stage the settings name is in use; --into carries the settings over too' <<'EOF'
snapshot before
fails 65 cx journey stages remove advocacy
echo 'cx: stage "advocacy" is in use (2 surveys, the survey.stage setting, the feedback.stage setting): give --into OTHER to move them' >expect
same expect err
snapshot after
same before after
cx journey stages remove advocacy --into service >/dev/null
cx config get survey.stage >out
cx config get feedback.stage >>out
printf 'service\nservice\n' >expect
same expect out
cx touch list --kind survey --format tsv | cut -f6 | sed 1d | sort -u >out
echo service >expect
same expect out
EOF

t 'stages: every change is in the audit trail' <<'EOF'
cx log --entity stage --format tsv | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "action") c = i; next } { print $c }' |
	sort | uniq -c | awk '{ print $2, $1 }' >out
cat >expect <<'X'
add 2
move 3
remove 3
rename 2
X
same expect out
EOF

t 'stages: bad verbs and counts are usage errors' <<'EOF'
fails 2 cx journey stages frob
echo 'cx: "frob" is not one of list, add, rename, move, remove' >expect
head -n 1 err >err1
same expect err1
fails 2 cx journey stages list extra
fails 2 cx journey stages remove
fails 2 cx journey stages rename a b c
EOF

t 'channels: list, add, move, rename (cases and touchpoints follow), remove' <<'EOF'
cx journey channels --format tsv >out
tab >expect <<'X'
position|name|uses
1|phone|3
2|email|5
3|social|0
4|store|2
5|web|48
6|chat|0
7|packaging|0
8|product|0
9|other|0
X
same expect out
cx journey channels add sms --after phone >/dev/null
cx journey channels add fax >/dev/null
cx journey channels move fax --first >/dev/null
# the channels cx files touchpoints under itself can be moved, not renamed or removed
fails 65 cx journey channels rename phone telephone
echo 'cx: channel "phone" is one cx itself files touchpoints under: it can be moved, not renamed or removed' >expect
same expect err
fails 65 cx journey channels remove store --into web
has err 'channel "store" is one cx itself files touchpoints under'
cx touch log ann@example.com -c sms -s purchase -m "texted the tracking link" >/dev/null
cx journey channels rename sms text >/dev/null
cx touch list --channel text --format tsv | cut -f1,12 | sed 1d >out
printf 'touch\ttexted the tracking link\n' >expect
same expect out
fails 1 cx touch log ann@example.com -c sms -s purchase
has err 'channel: "sms" is not one of fax, phone, text, email,'
fails 65 cx journey channels remove text
echo 'cx: channel "text" is in use (1 touchpoints): give --into OTHER to move them' >expect
same expect err
cx journey channels remove text --into phone >/dev/null
cx journey channels remove fax >/dev/null
cx journey channels --format tsv | cut -f2,3 | sed 1d | tr '\t' ':' | paste -sd ' ' - >out
echo 'phone:4 email:5 social:0 store:2 web:48 chat:0 packaging:0 product:0 other:0' >expect
same expect out
fails 65 cx journey channels add Web
fails 65 cx journey channels add web
fails 2 cx journey channels move sms
fails 2 cx journey channels frob
EOF

t 'service, where cases without a stage go, can be moved but not renamed or removed' <<'EOF'
cx case open gus@example.com --title "Question about beans" --at 2026-03-31T09:00:00Z >/dev/null
fails 65 cx journey stages rename service support
has err 'stage "service" is one cx itself files touchpoints under'
fails 65 cx journey stages remove service --into trial
has err 'stage "service" is one cx itself files touchpoints under'
cx journey stages move service --first >/dev/null
cx touch list -C gus@example.com --format tsv | cut -f1,6 | sed 1d >out
printf 'case\tservice\n' >expect
same expect out
EOF

# Drop-off is where a customer's own touchpoints stop. Ann set her machine up
# on 03-01 and answered a survey on 03-25: the answer shows she is still
# there, but it is no step of hers to leave from. Bob asked after his parcel
# on 03-02 (case 1); the business's reply on 03-28 is no sign of him.
t 'map: drop-off on the customers'"'"' own touchpoints; a survey answer is a sign of them, the business'"'"'s reply is not' <<'EOF'
export CX_DB="$(db_named dropoff)"
cx customer add Ann --email ann@example.com >/dev/null
cx customer add Bob --email bob@example.com >/dev/null
cx touch log ann@example.com -c web -s use --at 2026-03-01T10:00:00Z -m "Set up the machine" >/dev/null
cx touch log bob@example.com -c phone -s delivery --at 2026-03-02T10:00:00Z -m "Where is it?" >/dev/null
cx case open bob@example.com --title "Late parcel" --channel phone --stage delivery --at 2026-03-02T11:00:00Z >/dev/null
cx note add 1 --public --kind call --at 2026-03-28T10:00:00Z -m "It ships today" >/dev/null
printf 'Email,Submitted,NPS\nann@example.com,2026-03-25 09:00:00,10\n' >s.csv
cx survey import s.csv --name after --email Email --at Submitted --nps NPS >/dev/null
cx journey map --stale 10d --format tsv | stages | awk -F '\t' 'NR == 1 || $3 + $15 + $16 { print $1, $3, $15, $16, $17 }' >out
cat >expect <<'X'
stage touchpoints cases replies dropoff
delivery 1 1 1 1
use 1 0 0 0
recommendation 1 0 0 0
X
same expect out
# a week after her answer Ann is quiet too: she left from her last step, not from the survey
cx journey map --stale 5d --format tsv | stages | awk -F '\t' 'NR > 1 && $17 { print $1, $17 }' >out
printf 'delivery 1\nuse 1\n' >expect
same expect out
# the friction of delivery by phone is weighed by Bob's touchpoint and case, not the reply
cx journey map --stale 10d --min 1 --format tsv | hotspots | round4 | awk -F '\t' '$2 == "delivery" { print $4, $5, $6, $9, $10 }' >out
# (.20 * 1/2 + .15 * 1) * 2/22 = 2.272727
echo '2.2727 1 1 50 100' >expect
same expect out
EOF

finish
