#!/bin/sh
# The journey pictures in a real browser: the demo's map and one customer's
# journey as SVG are well-formed, self-contained, and headless Chromium
# renders them into a screenshot that is not blank: it has the curve's blue
# and the colour of at least one point on a white background. Skipped where
# Chromium is not installed (.ci/run installs it).
. "$(dirname "$0")/lib.sh"

need_chromium

# render SVG PNG: a screenshot of SVG at its own size (lib.sh's screenshot).
render() {
	_w=$(sed -n '1s/.* width="\([0-9]*\)".*/\1/p' "$1")
	_h=$(sed -n '1s/.* height="\([0-9]*\)".*/\1/p' "$1")
	[ -n "$_w" ] && [ -n "$_h" ] || { echo "# $1: no width and height on the first line"; return 1; }
	screenshot "$1" "$2" "$_w" "$_h"
}

# The colours that must be there (#rrggbb, from lib/chart.c) and how close a
# pixel must be to count (anti-aliasing blends the edges, never the middle).
BLUE=1f5fa8
POINTS='2e8b3a d79b00 c0392b'

# colours PNG: "background RRGGBB", then "COLOUR COUNT" for BLUE and each of
# POINTS: how many pixels are within 12 of it on every channel.
colours() {
	png_colours "$1" "$BLUE" $POINTS
}

# not_blank PNG: a white background, the blue curve and at least one point colour.
not_blank() {
	colours "$1" >colours || return 1
	sed 's/^/# /' colours
	has colours 'background ffffff'
	awk -v blue="$BLUE" '$1 == blue && $2 >= 50 { ok = 1 } END { exit !ok }' colours ||
		{ echo "# $1: too little of the curve's blue"; return 1; }
	awk -v blue="$BLUE" '$1 != "background" && $1 != blue && $2 >= 20 { ok = 1 } END { exit !ok }' colours ||
		{ echo "# $1: no point colour"; return 1; }
}

# well_formed SVG: parses as XML, refers to nothing outside itself.
well_formed() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import sys, xml.dom.minidom; d = xml.dom.minidom.parse(sys.argv[1]); assert d.documentElement.tagName == "svg"' "$1"
	fi
	# the namespace is the only address in it
	grep -o 'http[s]*:[^" ]*' "$1" | sort -u >addresses
	echo 'http://www.w3.org/2000/svg' >expect
	same expect addresses
	for ref in 'href' 'url(' '@import' '<image' '<script' '<foreignObject' 'file:'; do
		hasnt "$1" "$ref"
	done
}

t 'setup: the demo business' <<'EOF'
cx -q demo >/dev/null
cx touch list --format tsv | sed 1d | wc -l | awk '{ exit !($1 > 1000) }'
EOF

t 'the journey map as SVG is well-formed and self-contained' <<'EOF'
cx journey map --format svg >"$T/map.svg"
well_formed "$T/map.svg"
has "$T/map.svg" '>awareness</text>'
has "$T/map.svg" '<polyline'
EOF

t 'the journey map renders in headless Chromium, not blank' <<'EOF'
render "$T/map.svg" map.png
not_blank map.png
EOF

t "one customer's journey as SVG is well-formed and self-contained" <<'EOF'
# the customer with the most rated touchpoints
who=$(cx touch list --format tsv | awk -F '\t' 'NR > 1 && $8 != "" { n[$4]++ }
	END { for (c in n) if (n[c] > best || (n[c] == best && c + 0 < id + 0)) { best = n[c]; id = c }; print id }')
test -n "$who"
cx journey show "$who" --format svg >"$T/show.svg"
well_formed "$T/show.svg"
has "$T/show.svg" 'Journey of '
EOF

t "one customer's journey renders in headless Chromium, not blank" <<'EOF'
render "$T/show.svg" show.png
not_blank show.png
EOF

t 'a blank picture is told from a drawn one' <<'EOF'
# the check itself: an SVG with only the white background must fail it
printf '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200">\n<rect width="100%%" height="100%%" fill="#ffffff"/>\n</svg>\n' >"$T/blank.svg"
render "$T/blank.svg" blank.png
if not_blank blank.png >/dev/null 2>&1; then
	echo "# a blank screenshot passed the check"
	exit 1
fi
colours blank.png >c
has c 'background ffffff'
has c "$BLUE 0"
EOF

finish
