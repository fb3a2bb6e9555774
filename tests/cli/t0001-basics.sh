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

t 'the program itself needs no PostgreSQL client: team mode is a module loaded for a server' <<'EOF'
ldd "$CX" >libs
hasnt libs libpq
hasnt libs libkrb5
EOF

finish
