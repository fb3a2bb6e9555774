#!/bin/sh
# The HTML digest in a real browser: the demo business's weekly report is one
# self-contained page with four charts (backlog by age, NPS by week, the
# journey's emotion curve, the themes of the week's comments); headless Chromium renders it into a screenshot
# with the charts' colours on a white page, and the same page without its
# charts has none of them. Skipped where Chromium is not installed (.ci/run
# installs it); the browser helpers are in lib.sh.
. "$(dirname "$0")/lib.sh"

need_chromium

NOW=2026-03-11T15:00
# lib/chart.c's bar and line blue, and the red of old backlog and low points
BLUE=1f5fa8
RED=c0392b

t 'setup: the demo business and its weekly report as HTML' <<'EOF'
cx --now $NOW demo --db "$T/demo.db" -q >/dev/null
cx --db "$T/demo.db" --now $NOW report weekly --format html >"$T/report.html"
test -s "$T/report.html"
EOF

t 'the page is self-contained, with four charts' <<'EOF'
grep -c '<svg' "$T/report.html" >n
echo 4 >expect
same expect n
has "$T/report.html" '>Open cases by age</text>'
has "$T/report.html" '>NPS by week</text>'
has "$T/report.html" ">The journey's emotion by stage</text>"
has "$T/report.html" '>Themes: share of unhappy and other writers who mention each</text>'
grep -o 'https*:[^" ]*' "$T/report.html" | sort -u >addresses
echo 'http://www.w3.org/2000/svg' >expect
same expect addresses
for ref in '<script' '<link' '<img' 'src=' '@import' 'url('; do
	hasnt "$T/report.html" "$ref"
done
EOF

# A tall window at half scale takes the whole page in one picture.
t 'headless Chromium renders it: a white page with the charts drawn on it' <<'EOF'
screenshot "$T/report.html" "$T/report.png" 1000 5000 0.5
# the colours of 300 pixels or more, commonest first
png_palette "$T/report.png" 300 >palette
sed 's/^/# /' palette
head -n 1 palette | cut -d' ' -f1 >background
echo ffffff >expect
same expect background
# the blue of the bars and the NPS line, the red of the old backlog
awk -v c=$BLUE '$1 == c && $2 >= 1000 { ok = 1 } END { exit !ok }' palette ||
	{ echo "# too little of the charts' blue"; exit 1; }
awk -v c=$RED '$1 == c && $2 >= 300 { ok = 1 } END { exit !ok }' palette ||
	{ echo "# too little of the charts' red"; exit 1; }
# and more colours than that besides the white
test "$(sed 1d palette | wc -l)" -ge 4
EOF

t 'the same page without its charts has none of their colours' <<'EOF'
sed '/^<svg /,/^<\/svg>/d' "$T/report.html" >"$T/bare.html"
hasnt "$T/bare.html" '<svg'
has "$T/bare.html" '<h2>Open cases by age</h2>'
screenshot "$T/bare.html" "$T/bare.png" 1000 5000 0.5
png_colours "$T/bare.png" $BLUE $RED >colours
sed 's/^/# /' colours
has colours 'background ffffff'
awk -v c=$BLUE '$1 == c && $2 < 50 { ok = 1 } END { exit !ok }' colours
awk -v c=$RED '$1 == c && $2 < 50 { ok = 1 } END { exit !ok }' colours
EOF

finish
