#!/bin/sh
# The binary itself: version, help, prefixes, usage errors.
. "$(dirname "$0")/lib.sh"

t 'prints its version' <<'EOF'
cx --version >out
grep -Eq '^cx [0-9]+\.[0-9]+\.[0-9]+$' out
EOF

t 'help lists the commands' <<'EOF'
cx --help >out
has out 'customer'
has out 'case'
has out 'note'
EOF

t 'no command is a usage error' <<'EOF'
fails 2 cx
has err 'usage: cx'
EOF

t 'an ambiguous prefix names the candidates' <<'EOF'
fails 2 cx c list
has err 'ambiguous command "c": could be customer, case, config'
EOF

t 'a unique prefix works for nouns and verbs' <<'EOF'
cx cu a "Ana Lima" --email ana@example.com >/dev/null
cx cust li --format tsv >out
has out 'Ana Lima'
EOF

t 'an unknown option is a usage error with the usage line' <<'EOF'
fails 2 cx case list --bogus
has err 'unknown option --bogus'
has err 'usage: cx case list'
EOF

t 'the program itself loads neither a PostgreSQL client nor a MIME library: modules loaded for a server and for mail' <<'EOF'
ldd "$CX" >libs
hasnt libs libpq
hasnt libs libkrb5
hasnt libs libgmime
hasnt libs libxml2
hasnt libs libgio
EOF

t 'a module missing: one line and 69 for the commands that need it, the rest work, nothing stored' <<'EOF'
# installed under a scratch root, cx looks for its modules where they are
# not: in the module directory of the prefix it was built for
meson install -C "$(dirname "$CX")" --no-rebuild --quiet --destdir "$PWD/root" >install.log 2>&1
bin=$(find "$PWD/root" -path '*/bin/cx')
moddir=$(cd "$(dirname "$CX")" && meson introspect --buildoptions | python3 -c 'import json, sys; o = {x["name"]: x["value"] for x in json.load(sys.stdin)}; print(o["prefix"] + "/" + o["libdir"] + "/cx")')
if [ -e "$moddir/cx-mime.so" ]; then echo '# SKIP cx is installed on this machine'; exit 0; fi
test -e "root$moddir/cx-mime.so"
CX_DB="$PWD/m.db" "$bin" -q customer add "Ana Lima" --email ana@example.com
printf 'From: Ana <ana@example.com>\nSubject: hello\nMessage-ID: <m1@example.com>\n\nThe grinder squeals.\n' >m.eml
cp m.db before.db
rc=0
CX_DB="$PWD/m.db" "$bin" mail import m.eml 2>err || rc=$?
test "$rc" = 69
lines err 1
has err 'cx-mime.so'
cmp m.db before.db
rc=0
CX_DB="$PWD/m.db" "$bin" config set mail.address help@shop.example 2>err || rc=$?
test "$rc" = 69
CX_DB="$PWD/m.db" "$bin" customer list >out
has out 'Ana Lima'
EOF

finish
