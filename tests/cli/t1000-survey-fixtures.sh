#!/bin/sh
# Every survey fixture in tests/data/surveys imports with the tool it came
# from, and its figures match the ones worked out by hand in its .expect file.
. "$(dirname "$0")/lib.sh"

S="$DATA/surveys"

# expect FILE KEY: the value of KEY in a .expect file ("" when absent).
expect() {
	sed -n "s/^$2[[:space:]]*=[[:space:]]*//p" "$1" | head -n 1 | sed 's/[[:space:]]*$//'
}

# tsv_get FILE COLUMN: the first data row's value of COLUMN in a TSV file.
tsv_get() {
	awk -F '\t' -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		NR == 2 { if (c) print $c; exit }' "$1"
}

# close WANT GOT: equal as numbers to within half a unit of the second decimal.
close() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.0051) }'
}

for e in "$S"/*.expect; do
	base=${e%.expect}
	name=$(basename "$base")
	case $name in broken-*) continue ;; esac
	file=$(ls "$base".csv "$base".tsv 2>/dev/null | head -n 1)
	[ -n "$file" ] || continue
	export E="$e" F="$file" N="$name"
	t "$name: imports as $(expect "$e" tool) with the hand-computed figures" <<'EOF'
args=$(expect "$E" args)
db=$(db_named "f-$N")
# shellcheck disable=SC2086
eval "cx --db \"\$db\" --format tsv survey import \"\$F\" --name \"\$N\" $args" >import.tsv
want_tool=$(expect "$E" tool)
got_tool=$(tsv_get import.tsv tool)
[ "$got_tool" = "$want_tool" ] || { echo "tool: want $want_tool, got $got_tool"; exit 1; }
for k in rows incomplete; do
	w=$(expect "$E" $k)
	[ -z "$w" ] && continue
	g=$(tsv_get import.tsv $k)
	[ "$g" = "$w" ] || { echo "$k: want $w, got $g"; exit 1; }
done
cx --db "$db" --format tsv survey report --survey "$N" >report.tsv
w=$(expect "$E" complete)
g=$(tsv_get report.tsv responses)
[ "$g" = "$w" ] || { echo "complete: want $w, got $g"; cat report.tsv; exit 1; }
for k in nps_n promoters passives detractors nps nps_moe csat_n csat csat_mean ces_n ces_mean ces_agree; do
	w=$(expect "$E" $k)
	[ -z "$w" ] && continue
	g=$(tsv_get report.tsv $k)
	if [ "$w" = "n/a" ]; then
		[ -z "$g" ] || [ "$g" = 0 ] || { echo "$k: want n/a, got $g"; exit 1; }
		continue
	fi
	close "$w" "$g" || { echo "$k: want $w, got $g"; exit 1; }
done
cx --db "$db" --format tsv survey responses --survey "$N" >resp.tsv
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ if ($col["comment"] != "") c++; if ($col["email"] != "") m++
	  if (first == "" || $col["at"] < first) first = $col["at"]
	  if ($col["at"] > last) last = $col["at"] }
	END { printf "comments=%d\nemails=%d\nfirst_at=%s\nlast_at=%s\n", c, m, first, last }' resp.tsv >got
for k in comments emails first_at last_at; do
	w=$(expect "$E" $k)
	[ -z "$w" ] && continue
	g=$(sed -n "s/^$k=//p" got)
	[ "$g" = "$w" ] || { echo "$k: want $w, got $g"; exit 1; }
done
EOF
done

finish
