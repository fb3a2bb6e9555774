#!/bin/sh
# The journey pictures in a real browser: the demo's map and one customer's
# journey as SVG are well-formed, self-contained, and headless Chromium
# renders them into a screenshot that is not blank: it has the curve's blue
# and the colour of at least one point on a white background. Skipped where
# Chromium is not installed (.ci/run installs it).
. "$(dirname "$0")/lib.sh"

CHROMIUM=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		CHROMIUM=$(command -v "$c")
		break
	fi
done
[ -n "$CHROMIUM" ] || skip_all 'chromium is not installed'
export CHROMIUM

# render SVG PNG: a screenshot of SVG at its own size, by a browser that
# neither touches the network nor keeps anything between runs.
render() {
	_w=$(sed -n '1s/.* width="\([0-9]*\)".*/\1/p' "$1")
	_h=$(sed -n '1s/.* height="\([0-9]*\)".*/\1/p' "$1")
	[ -n "$_w" ] && [ -n "$_h" ] || { echo "# $1: no width and height on the first line"; return 1; }
	_profile=$(mktemp -d "$T/chromium.XXXXXX")
	set -- "$1" "$2" --headless --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$_profile" \
		--screenshot="$2" --window-size="$_w,$_h"
	[ "$(id -u)" -eq 0 ] && set -- "$@" --no-sandbox
	_svg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	_png=$2
	shift 2
	_to=
	command -v timeout >/dev/null 2>&1 && _to="timeout 60"
	$_to "$CHROMIUM" "$@" "file://$_svg" >chromium.log 2>&1 || { sed 's/^/# chromium: /' chromium.log | tail -n 20; return 1; }
	test -s "$_png" || { echo "# no screenshot in $_png"; sed 's/^/# chromium: /' chromium.log | tail -n 20; return 1; }
}

# The colours that must be there (#rrggbb, from lib/chart.c) and how close a
# pixel must be to count (anti-aliasing blends the edges, never the middle).
BLUE=1f5fa8
POINTS='2e8b3a d79b00 c0392b'
export BLUE POINTS

# colours PNG: "background RRGGBB", then "COLOUR COUNT" for BLUE and each of
# POINTS: how many pixels are within 12 of it on every channel.
cat >"$T/colours.py" <<'PY'
import os, struct, sys, zlib

def rows(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('not a PNG')
    pos, idat = 8, []
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit('unexpected PNG: depth %d, colour type %d, interlace %d' % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b''.join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    for y in range(h):
        start = y * (stride + 1)
        f = raw[start]
        cur = bytearray(raw[start + 1:start + 1 + stride])
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                cur[i] = (cur[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0:
            sys.exit('bad filter %d in row %d' % (f, y))
        yield [bytes(cur[i:i + 3]) for i in range(0, stride, bpp)]
        prev = cur

counts = {}
for row in rows(sys.argv[1]):
    for px in row:
        counts[px] = counts.get(px, 0) + 1
background = max(counts, key=counts.get)
print('background', background.hex())
for want in [os.environ['BLUE']] + os.environ['POINTS'].split():
    rgb = bytes.fromhex(want)
    n = sum(c for px, c in counts.items() if all(abs(px[k] - rgb[k]) <= 12 for k in range(3)))
    print(want, n)
PY

# The same in Perl, for machines without python3 (Compress::Zlib is in Debian's perl).
cat >"$T/colours.pl" <<'PL'
use strict;
use warnings;
use Compress::Zlib;
open(my $fh, '<:raw', $ARGV[0]) or die "$ARGV[0]: $!\n";
local $/;
my $data = <$fh>;
die "not a PNG\n" unless substr($data, 0, 8) eq "\x89PNG\r\n\x1a\n";
my ($pos, $idat, $w, $h, $depth, $ctype, $interlace) = (8, '');
while ($pos < length $data) {
	my ($n, $kind) = unpack('N a4', substr($data, $pos, 8));
	my $body = substr($data, $pos + 8, $n);
	$pos += 12 + $n;
	if ($kind eq 'IHDR') { ($w, $h, $depth, $ctype, undef, undef, $interlace) = unpack('N N C C C C C', $body) }
	elsif ($kind eq 'IDAT') { $idat .= $body }
	elsif ($kind eq 'IEND') { last }
}
die "unexpected PNG\n" if $depth != 8 || ($ctype != 2 && $ctype != 6) || $interlace;
my $bpp = $ctype == 2 ? 3 : 4;
my $raw = uncompress($idat) // die "bad zlib data\n";
my $stride = $w * $bpp;
my @prev = (0) x $stride;
my %counts;
for my $y (0 .. $h - 1) {
	my $start = $y * ($stride + 1);
	my $f = ord substr($raw, $start, 1);
	my @cur = unpack('C*', substr($raw, $start + 1, $stride));
	for my $i (0 .. $stride - 1) {
		my $a = $i >= $bpp ? $cur[$i - $bpp] : 0;
		my $b = $prev[$i];
		my $c = $i >= $bpp ? $prev[$i - $bpp] : 0;
		my $add = $f == 0 ? 0 : $f == 1 ? $a : $f == 2 ? $b : $f == 3 ? int(($a + $b) / 2) : do {
			my $p = $a + $b - $c;
			my ($pa, $pb, $pc) = (abs($p - $a), abs($p - $b), abs($p - $c));
			$pa <= $pb && $pa <= $pc ? $a : $pb <= $pc ? $b : $c;
		};
		$cur[$i] = ($cur[$i] + $add) & 255;
	}
	for (my $i = 0; $i < $stride; $i += $bpp) {
		$counts{sprintf('%02x%02x%02x', @cur[$i .. $i + 2])}++;
	}
	@prev = @cur;
}
my ($background) = sort { $counts{$b} <=> $counts{$a} } keys %counts;
print "background $background\n";
for my $want ($ENV{BLUE}, split ' ', $ENV{POINTS}) {
	my @rgb = map { hex } unpack('(A2)3', $want);
	my $n = 0;
	for my $px (keys %counts) {
		my @p = map { hex } unpack('(A2)3', $px);
		$n += $counts{$px} if abs($p[0] - $rgb[0]) <= 12 && abs($p[1] - $rgb[1]) <= 12 && abs($p[2] - $rgb[2]) <= 12;
	}
	print "$want $n\n";
}
PL

colours() {
	if command -v python3 >/dev/null 2>&1; then
		python3 "$T/colours.py" "$1"
	else
		perl "$T/colours.pl" "$1"
	fi
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
