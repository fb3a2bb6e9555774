#!/bin/sh
# usage: tests/pg sh make-team-schema16.sh CX OUT: a team database written by CX, as OUT.sql (pg_dump) and OUT.jsonl (cx export)
set -e
cx=$1; out=$2
host=${CX_TEST_PG#*host=}
psql -q "postgresql://cx@/postgres?host=$host" -c "CREATE DATABASE old16"
export CX_DB="postgresql://cx@/old16?host=$host" CX_USER=ann CX_NOW=2026-03-02T09:00:00Z
$cx init >/dev/null
$cx customer add "Dana Ruiz" --email dana@example.com --tag vip >/dev/null
$cx customer add "Lee Okafor" --email lee@example.com --phone "+1 555 0100" >/dev/null
$cx case open dana@example.com --title 'Lid "cracked" on arrival' --priority high -m 'Photo attached; tab	and line
break' >/dev/null
$cx case assign 1 ben >/dev/null
CX_NOW=2026-03-02T11:30:00Z $cx note add 1 --public -m "A new lid is on its way, Dana" >/dev/null
CX_NOW=2026-03-03T08:00:00Z $cx case resolve 1 --outcome fixed >/dev/null 2>&1 || true
$cx case open lee@example.com --title "Grinder noisy" >/dev/null
$cx touch log lee@example.com --channel phone --stage service --emotion -1 --effort 5 -m "Called about noise" >/dev/null
$cx feedback add --source google -m "Great beans, slow delivery" --rating 3 --author "K. M." >/dev/null
$cx export >"$out.jsonl"
pg_dump --no-owner --no-privileges "$CX_DB" >"$out.sql"
psql -qAtX "$CX_DB" -c "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
