#!/bin/sh
# The manual and the shell completions against the command tables: every man
# page SYNOPSIS equals `cx __synopsis`, every option of every verb is
# documented, `cx __complete` answers from the tables and the database, the
# completion scripts work, and scdoc renders every page.
#
# Man page conventions this relies on (man/*.scd):
#   - noun N is documented in man/cx-N.1.scd; init and demo in cx-init.1.scd,
#     export, import and backup in cx-export.1.scd,
#     help in cx.1.scd (see page_of below);
#   - SYNOPSIS holds exactly the usage lines of the page's commands, the
#     command words in bold: *cx case open* CUSTOMER --title TEXT ...;
#   - each verb has a subsection "## cx NOUN VERB" (a command without verbs
#     may use "## cx NOUN", or the whole page), where each option is a line
#     of its own, exactly as -h names it: *-p, --priority* _PRIORITY_,
#     *--title* _TEXT_, *-r, --reverse*.
. "$(dirname "$0")/lib.sh"

MAN=$(cd "$(dirname "$0")/../../man" && pwd)
COMPLETIONS=$(cd "$(dirname "$0")/../../completions" && pwd)

# The man page (without .1.scd) that documents a noun.
page_of() {
	case $1 in
	init | demo) echo cx-init ;;
	export | import | backup) echo cx-export ;;
	help) echo cx ;;
	*) echo "cx-$1" ;;
	esac
}

# The SYNOPSIS lines of an scdoc source, markup stripped: bold asterisks
# removed, then backslash escapes undone.
man_synopsis() {
	awk '/^#/ { on = ($0 == "# SYNOPSIS"); next } on && NF' "$1" |
		sed -e 's/ *++$//' -e 's/\\\*/@STAR@/g' -e 's/\*//g' -e 's/@STAR@/*/g' -e 's/\\\(.\)/\1/g'
}

# The options a help text lists after HEADING, as the man page must name
# them: "*-p, --priority* _PRIORITY_", "*--merged*".
help_options() {
	awk -v heading="$1" '
		index($0, heading) == 1 { on = 1; next }
		on && !NF { on = 0 }
		on {
			sub(/^ +/, "")
			short = ""
			if ($1 ~ /^-.,$/) { short = $1 " "; $1 = ""; sub(/^ +/, "") }
			arg = ($2 ~ /^[A-Z][A-Z0-9_=]*$/) ? " _" $2 "_" : ""
			print "*" short $1 "*" arg
		}'
}

# The lines of subsection "## HEADING" of an scdoc source (empty when none).
man_block() {
	awk -v h="## $2" '$0 == h { on = 1; next } on && /^#/ { exit } on' "$1"
}

has_verbs() {
	cx help "$1" | grep -q '^Verbs:'
}

t 'every noun has a man page, and the build installs it' <<'EOF'
cx __synopsis | awk '{ print $2 }' | awk '!seen[$0]++' >nouns
test -s nouns
while read -r n; do
	page=$(page_of "$n")
	test -f "$MAN/$page.1.scd" || { echo "# $n: no man/$page.1.scd"; exit 1; }
	has "$MAN/meson.build" "'$page.1.scd'"
done <nouns
EOF

t 'every man page SYNOPSIS is exactly the usage lines of its commands' <<'EOF'
cx __synopsis >synopsis
: >pages
for n in $(awk '{ print $2 }' synopsis | awk '!seen[$0]++'); do
	echo "$n $(page_of "$n")" >>pages
done
for f in "$MAN"/*.1.scd; do
	page=$(basename "$f" .1.scd)
	: >expect
	# cx(1) also gives the general form, as `cx` alone prints it.
	if [ "$page" = cx ]; then
		{ may_fail cx 2>&1 || true; } | sed -n '1s/^usage: //p' >expect
	fi
	awk -v p="$page" 'NR == FNR { page[$1] = $2; next } page[$2] == p' pages synopsis >>expect
	man_synopsis "$f" >actual
	test -s actual || { echo "# $f: empty SYNOPSIS"; exit 1; }
	same expect actual
done
EOF

t 'every option of every command is documented where its verb is' <<'EOF'
cx __synopsis >synopsis
while read -r _ n rest; do
	v=
	if has_verbs "$n"; then
		v=${rest%% *}
	fi
	page="$MAN/$(page_of "$n").1.scd"
	test -f "$page" || { echo "# cx $n: no man page $page"; exit 1; }
	cx $n $v -h | help_options 'Options:' >want
	man_block "$page" "cx $n${v:+ $v}" >block
	# a verb has a section of its own: the whole page would find its options under another verb's
	if [ ! -s block ]; then
		[ -z "$v" ] || { echo "# $page: no section \"## cx $n $v\""; exit 1; }
		cp "$page" block
	fi
	while read -r opt; do
		grep -qxF -- "$opt" block || { echo "# $page: cx $n $v: no line \"$opt\""; exit 1; }
	done <want
	# And nothing documented there that the verb does not have (cx(1) as a
	# whole documents the global options as well).
	if [ "$(page_of "$n")" != cx ]; then
		grep -E '^\*(-[a-zA-Z], )?--[a-z0-9-]+\*( _[^ ]+_)?$' block >documented || true
		while read -r opt; do
			grep -qxF -- "$opt" want || { echo "# $page: cx $n $v has no option \"$opt\""; exit 1; }
		done <documented
	fi
done <synopsis
EOF

t 'every word of every fixed list is in the man page, where its option is' <<'EOF'
cx __words >words
test -s words
grep -q "$(printf 'cx case list\t--status\tall')" words
: >missing
while IFS="$(printf '\t')" read -r cmd what word; do
	set -- $cmd
	if [ $# = 1 ]; then
		cp "$MAN/cx.1.scd" block
	else
		page="$MAN/$(page_of "$2").1.scd"
		man_block "$page" "$cmd" >block
		test -s block || cp "$page" block
	fi
	grep -qF -- "*$word*" block || echo "# $cmd $what: the man page does not name *$word*" >>missing
done <words
if [ -s missing ]; then
	cat missing
	exit 1
fi
EOF

t 'help shows the words of each fixed list, completion offers them' <<'EOF'
cx case list -h >help
has help '--status STATUS      only these, comma-separated (default: the work still to do): new, open, pending, resolved, closed, all'
has help '--sort KEY'
has help ': opened, updated, priority, id'
cx case resolve -h >help
has help 'how it ended (required), e.g. fixed, replaced,'
cx sla set -h >help
has help 'PRIORITY is one of: low, normal, high, urgent'
cx --help >help
has help ': auto, always, never'
cx __complete sla set '' | cut -f1 >actual
printf 'low\nnormal\nhigh\nurgent\n' >expect
same expect actual
cx __complete feedback tag 3 '' | cut -f1 >actual
printf 'negative\nneutral\npositive\n' >expect
same expect actual
cx __complete feedback tag '' | cut -f1 >actual
lines actual 0
cx __complete report w | cut -f1 >actual
echo weekly >expect
same expect actual
cx __complete survey import x.csv --sep '' | cut -f1 >actual
printf ',\n;\ntab\n' >expect
same expect actual
EOF

t "cx(1)'s COMMANDS names every verb of each command, as help lists them" <<'EOF'
for n in $(cx __synopsis | awk '{ print $2 }' | awk '!seen[$0]++'); do
	has_verbs "$n" || continue
	cx help "$n" | awk '/^Verbs:/ { on = 1; next } on && !NF { exit } on { print $1 }' | paste -sd ' ' - >expect
	# the entry "*cx NOUN*": its verbs come after its last ": ", up to "See"
	awk -v h="*cx $n*" '$0 == h { on = 1; next } on && !NF { exit } on' "$MAN/cx.1.scd" | tr '\t\n' '  ' |
		sed -e 's/  */ /g' -e 's/ *See .*//' -e 's/.*: //' -e 's/[.,]//g' -e 's/ $//' | awk 1 >actual
	same expect actual || { echo "# cx.1.scd, *cx $n*: the verbs are not those of cx help $n"; exit 1; }
done
EOF

t "a verb's help names every global option, as cx --help lists them" <<'EOF'
cx --help | awk '/^Global options/ { on = 1; next } on && !NF { exit } on { sub(/,$/, "", $1); print $1 }' >expect
test -s expect
cx case list -h | sed -n 's/^Global options: \(.*\) (see cx --help)\.$/\1/p' | tr -d ',' | tr ' ' '\n' >actual
same expect actual
EOF

t 'cx(1) documents every global option' <<'EOF'
cx --help | help_options 'Global options' >want
test -s want
while read -r opt; do
	grep -qxF -- "$opt" "$MAN/cx.1.scd" || { echo "# cx.1.scd: no line \"$opt\""; exit 1; }
done <want
EOF

t 'completes nouns and verbs from the tables, with their summaries' <<'EOF'
cx __complete '' | cut -f1 >actual
cx --help | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on { print $1 }' >expect
same expect actual
cx __complete ca >actual
printf 'case\tcomplaints and requests, from open to closed\n' >expect
same expect actual
cx __complete case '' | cut -f1 >actual
cx help case | awk '/^Verbs:/ { on = 1; next } on && !NF { exit } on { print $1 }' >expect
same expect actual
cx __complete case op >actual
printf 'open\tOpen a case for a customer.\n' >expect
same expect actual
EOF

t 'completes options and their values from the tables' <<'EOF'
cx __complete case open --pri >actual
printf '%s\t%s\n' --priority 'how urgent it is (default normal)' >expect
same expect actual
cx __complete case open --priority '' | cut -f1 >actual
printf 'low\nnormal\nhigh\nurgent\n' >expect
same expect actual
cx __complete case open -p u | cut -f1 >actual
echo urgent >expect
same expect actual
cx __complete case list --status '' | cut -f1 >actual
printf 'new\nopen\npending\nresolved\nclosed\nall\n' >expect
same expect actual
cx __complete note add --kind '' | cut -f1 >actual
printf 'call\nemail\nchat\nvisit\nsocial\nletter\nother\n' >expect
same expect actual
cx __complete --format j | cut -f1 >actual
printf 'json\njsonl\n' >expect
same expect actual
# Global options are offered after a verb as well.
cx __complete case list -- | cut -f1 >actual
has actual --reverse
has actual --db
has actual --format
EOF

t 'asks the shell for file names after --db' <<'EOF'
cx __complete --db '' >actual
echo __file__ >expect
same expect actual
cx __complete case list --db x '' >actual
hasnt actual __file__
EOF

t 'completion never creates a database' <<'EOF'
if on_pg; then
	# an empty database on the server stays empty: no tables made in it
	CX_DB=$(db_named none)
	cx __complete case show '' >actual
	lines actual 0
	test "$(dbq "SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'cx')")" = 0
else
	CX_DB=$PWD/none.db cx __complete case show '' >actual
	lines actual 0
	test ! -e none.db
fi
EOF

t 'completes live case numbers with titles, and customers by email and @handle' <<'EOF'
cx customer add "Dana Ruiz" --email dana@example.com --handle danar >/dev/null
cx customer add "Sam Okafor" --email sam@example.org >/dev/null
cx case open dana@example.com --title "Grinder arrived cracked" >/dev/null
cx case open sam@example.org --title "Wrong beans" >/dev/null
cx case close 2 >/dev/null
cx case assign 1 alex >/dev/null
cx __complete case show '' >actual
printf '1\topen Dana Ruiz: Grinder arrived cracked\n' >expect
same expect actual
cx __complete case open '' >actual
printf '@danar\tDana Ruiz\ndana@example.com\tDana Ruiz\nsam@example.org\tSam Okafor\n' >expect
same expect actual
cx __complete note add --customer @ >actual
printf '@danar\tDana Ruiz\n' >expect
same expect actual
cx __complete case list -C sa | cut -f1 >actual
echo sam@example.org >expect
same expect actual
cx __complete case list --owner '' | cut -f1 >actual
echo alex >expect
same expect actual
cx __complete case open --channel '' | cut -f1 >actual
has actual phone
has actual email
cx __complete case open --stage del | cut -f1 >actual
echo delivery >expect
same expect actual
# Setting keys come from the registry (offered once a database exists).
cx __complete config get '' | cut -f1 >actual
cx config list --format tsv | sed 1d | cut -f1 >expect
same expect actual
EOF

t 'completes from the database --db names' <<'EOF'
other=$(db_named other)
cx --db "$other" customer add "Olga Berg" --email olga@example.net >/dev/null
cx __complete --db "$other" case open '' | cut -f1 >actual
echo olga@example.net >expect
same expect actual
EOF

t 'the bash completion completes nouns, verbs, values and files' <<'EOF'
command -v bash >/dev/null || { echo "# bash is not installed"; exit 1; }
mkdir bin
ln -s "$CX" bin/cx
: >notes.db
run() {
	PATH="$PWD/bin:$PATH" bash -c '
		. "$1"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_cx
		printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPLETIONS/cx.bash" "$@"
}
run cx ca >actual
echo case >expect
same expect actual
run cx case op >actual
echo open >expect
same expect actual
run cx case open --priority '' >actual
printf 'low\nnormal\nhigh\nurgent\n' >expect
same expect actual
run cx --db not >actual
echo notes.db >expect
same expect actual
EOF

# The other shells are optional: their tests are skipped without them.
if command -v fish >/dev/null 2>&1; then
	t 'the fish completion completes with descriptions' <<'EOF'
mkdir bin
ln -s "$CX" bin/cx
PATH="$PWD/bin:$PATH" fish -c "source '$COMPLETIONS/cx.fish'; complete -C 'cx case op'" >actual
printf 'open\tOpen a case for a customer.\n' >expect
same expect actual
EOF
else
	t 'the fish completion completes with descriptions # SKIP fish is not installed' <<'EOF'
true
EOF
fi

if command -v zsh >/dev/null 2>&1; then
	t 'the zsh completion is valid zsh' <<'EOF'
zsh -n "$COMPLETIONS/_cx"
has "$COMPLETIONS/_cx" '#compdef cx'
EOF
else
	t 'the zsh completion is valid zsh # SKIP zsh is not installed' <<'EOF'
true
EOF
fi

if command -v scdoc >/dev/null 2>&1; then
	t 'scdoc renders every man page, synopsis intact' <<'EOF'
for f in "$MAN"/*.1.scd; do
	page=$(basename "$f" .scd)
	scdoc <"$f" >"$page" 2>err || { echo "# scdoc failed on $f:"; sed 's/^/#   /' err; exit 1; }
	lines err 0
	has "$page" '.TH '
	# The rendered SYNOPSIS says what the source does, escapes and all.
	man_synopsis "$f" >expect
	awk '/^\.SH/ { on = ($0 == ".SH SYNOPSIS"); next } on && !/^\./' "$page" |
		sed -e 's/\\f[BIR]//g' -e 's/\\&//g' -e 's/\\\\/\\/g' >actual
	same expect actual
done
EOF
else
	t 'scdoc renders every man page, synopsis intact # SKIP scdoc is not installed' <<'EOF'
true
EOF
fi

t "README's cron line mails the digest as HTML through sendmail -t, with no % for cron to eat" <<'EOF'
README=$TESTS_DIR/../README.md
grep '^30 7 ' "$README" | sed 's/^30 7 \* \* 1-5  //' >line
lines line 1
hasnt line '%'
has line '| /usr/sbin/sendmail -t'
# the digest of a database with something in it, through a sendmail that keeps the message
cx -q case open dana@example.com --title "Digest me"
mkdir bin
ln -s "$CX" bin/cx
sed 's|/usr/sbin/sendmail -t|cat >mail.eml|' line >run.sh
PATH=$PWD/bin:$PATH sh run.sh
command -v python3 >/dev/null 2>&1 || { echo '# no python3 to read the mail with'; exit 0; }
python3 -c '
import email, sys
m = email.message_from_binary_file(open("mail.eml", "rb"))
print(m["To"], m["Subject"], m.get_content_type(), m.get_content_charset(), m.get_payload().startswith("<!doctype html>"), sep="|")
' >actual
echo 'owner@example.com|cx: yesterday|text/html|utf-8|True' >expect
same expect actual
EOF

finish
