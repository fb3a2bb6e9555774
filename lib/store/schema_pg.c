/*
 * The schema on a PostgreSQL server: the same tables, keys, checks, indexes
 * and seed rows as SQLite's after all its migrations (schema.c), in
 * PostgreSQL's terms. (Until schema 17 it also held functions with SQLite's
 * names and behaviour; step 17 drops them.) A new database runs every step in one
 * transaction; a later schema version adds a step here and one in schema.c.
 */
#include <stddef.h>

#include "schema_pg.h"

/*
 * The SQLite functions the domain's SQL calls, with SQLite's results for the
 * arguments cx gives them: JSON, group_concat, two-argument max and min,
 * printf, instr, strftime and its relatives. pg_catalog is searched first,
 * so none has the exact signature of a PostgreSQL built-in.
 */
static const char *const compat[] = {
	/*
	 * ----------------------------------------------------------------------------
	 * JSON
	 * ----------------------------------------------------------------------------
	 */
	/*
	 * json_valid(X): true when X is well-formed JSON. SQLite 3.40 returns 0 (not
	 * NULL) for NULL, so this is not STRICT and says false. Returns boolean so it
	 * can stand alone in WHERE / CASE WHEN; a backend reading booleans as 0/1
	 * gives callers the integer they read today.
	 */
	"CREATE OR REPLACE FUNCTION public.json_valid(doc text) RETURNS boolean\n"
	"LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$\n"
	"BEGIN\n"
	"    IF doc IS NULL THEN\n"
	"    RETURN false;\n"
	"    END IF;\n"
	"    PERFORM doc::json;\n"
	"    RETURN true;\n"
	"EXCEPTION WHEN invalid_text_representation OR program_limit_exceeded OR statement_too_complex THEN\n"
	"    RETURN false;\n"
	"END\n"
	"$$;\n"
	/*
	 * json_compact(J): J's text the way SQLite writes JSON: no white space between
	 * tokens, members in their order. PostgreSQL's json_build_object writes
	 * '{"a" : 1, "b" : 2}' and json_agg '[1, 2]'; SQLite's json_object writes
	 * '{"a":1,"b":2}'. String tokens are kept as written (PostgreSQL escapes them
	 * exactly as SQLite does: \" \\ \b \t \n \f \r, \u00xx for other controls).
	 */
	"CREATE OR REPLACE FUNCTION public.json_compact(j json) RETURNS text\n"
	"LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    t text := json_typeof(j);\n"
	"    r text;\n"
	"BEGIN\n"
	"    IF t = 'object' THEN\n"
	"    SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' || public.json_compact(e.value), ','\n"
	"    ORDER BY e.n), '') || '}'\n"
	"    INTO r FROM json_each(j) WITH ORDINALITY AS e(key, value, n);\n"
	"    RETURN r;\n"
	"    ELSIF t = 'array' THEN\n"
	"    SELECT '[' || coalesce(string_agg(public.json_compact(e.value), ',' ORDER BY e.n), '') || ']'\n"
	"    INTO r FROM json_array_elements(j) WITH ORDINALITY AS e(value, n);\n"
	"    RETURN r;\n"
	"    END IF;\n"
	"    RETURN btrim(j::text, E' \\t\\n\\r');\n"
	"END\n"
	"$$;\n"
	/*
	 * json(X): X minified, as json so that json_group_array and row_to_json embed
	 * it rather than quote it (SQLite's JSON subtype). Raises on malformed JSON.
	 */
	"CREATE OR REPLACE FUNCTION public.json(doc text) RETURNS json\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT public.json_compact(doc::json)::json\n"
	"$$;\n"
	,
	/*
	 * SQLite's printf("%g") family: d with prec significant digits; alt is the
	 * '!' flag SQLite uses for a REAL's text ("%!.15g"): at least one digit after
	 * the point (100.0, 1.5) and 1.0e+20. Exponent form below 1e-4 and from
	 * 10^prec on. prec <= 15 rounds as C's printf does (float8 -> numeric keeps 15
	 * significant digits); 16 and 17 round PostgreSQL's shortest exact text.
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_fmt_g(d float8, prec int, alt boolean) RETURNS text\n"
	"LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    n numeric;\n"
	"    e int;\n"
	"    m text[];\n"
	"    digits text;\n"
	"    r text;\n"
	"BEGIN\n"
	"    IF d = 'Infinity'::float8 THEN RETURN 'Inf'; END IF;\n"
	"    IF d = '-Infinity'::float8 THEN RETURN '-Inf'; END IF;\n"
	"    IF d = 'NaN'::float8 THEN RETURN NULL; END IF;\n"
	"    IF d = 0 THEN RETURN CASE WHEN alt THEN '0.0' ELSE '0' END; END IF;\n"
	"    n := CASE WHEN prec <= 15 THEN abs(d)::numeric ELSE abs(d)::text::numeric END;\n"
	"    m := regexp_match(to_char(n, '9.' || repeat('9', prec - 1) || 'EEEE'), '([0-9])\\.?([0-9]*)e([-+][0-9]+)');\n"
	"    e := m[3]::int;\n"
	"    digits := rtrim(m[1] || m[2], '0');\n"
	"    IF digits = '' THEN digits := '0'; END IF;\n"
	"    IF e < -4 OR e >= prec THEN\n"
	"    r := substr(digits, 1, 1)\n"
	"    || CASE WHEN length(digits) > 1 THEN '.' || substr(digits, 2) WHEN alt THEN '.0' ELSE '' END\n"
	"    || 'e' || CASE WHEN e < 0 THEN '-' ELSE '+' END\n"
	"    || CASE WHEN abs(e) < 10 THEN '0' ELSE '' END || abs(e)::text;\n"
	"    ELSIF e < 0 THEN\n"
	"    r := '0.' || repeat('0', -e - 1) || digits;\n"
	"    ELSIF length(digits) > e + 1 THEN\n"
	"    r := substr(digits, 1, e + 1) || '.' || substr(digits, e + 2);\n"
	"    ELSE\n"
	"    r := rpad(digits, e + 1, '0') || CASE WHEN alt THEN '.0' ELSE '' END;\n"
	"    END IF;\n"
	"    RETURN CASE WHEN d < 0 THEN '-' || r ELSE r END;\n"
	"END\n"
	"$$;\n"
	/* SQLite's text for a REAL (what sqlite3_column_text gives): 1.5, 100.0, 1.0e+20. */
	"CREATE OR REPLACE FUNCTION public.sqlite_real_text(d float8) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_fmt_g(d, 15, true)\n"
	"$$;\n"
	,
	/*
	 * Walks a SQLite JSON path ($, .key, ."key", [N], [#-N]) through doc: the value
	 * found, or NULL when a step finds nothing. Like SQLite, a malformed step is an
	 * error only once the walk reaches it (json_extract('{}', '$.a.?') is NULL).
	 * Duplicate keys: PostgreSQL's -> takes the last one, SQLite the first (json_each
	 * would find the first, but it fails on a \u0000 anywhere in the object).
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_json_lookup(doc json, path text) RETURNS json\n"
	"LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    cur json := doc;\n"
	"    p text;\n"
	"    i int;\n"
	"    k text;\n"
	"    m text[];\n"
	"    len int;\n"
	"BEGIN\n"
	"    IF left(path, 1) <> '$' THEN\n"
	"    RAISE EXCEPTION 'JSON path error near ''%''', path USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    p := substr(path, 2);\n"
	"    WHILE p <> '' LOOP\n"
	"    IF left(p, 1) = '.' THEN\n"
	"    IF json_typeof(cur) <> 'object' THEN RETURN NULL; END IF;\n"
	"    p := substr(p, 2);\n"
	"    IF left(p, 1) = '\"' THEN\n"
	"    i := strpos(substr(p, 2), '\"');\n"
	"    IF i = 0 THEN\n"
	"    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    k := substr(p, 2, i - 1);\n"
	"    p := substr(p, i + 2);\n"
	"    ELSE\n"
	"    k := substring(p from '^[^.\\[]*');\n"
	"    IF k = '' THEN  -- an empty bare key is an error; \"\" is a key\n"
	"    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    p := substr(p, length(k) + 1);\n"
	"    END IF;\n"
	"    cur := cur -> k;\n"
	"    IF cur IS NULL THEN RETURN NULL; END IF;\n"
	"    ELSIF left(p, 1) = '[' THEN\n"
	"    m := regexp_match(p, '^\\[([0-9]+)\\]');\n"
	"    IF m IS NOT NULL THEN\n"
	"    p := substr(p, length(m[1]) + 3);\n"
	"    IF json_typeof(cur) <> 'array' THEN RETURN NULL; END IF;\n"
	"    i := m[1]::int;\n"
	"    ELSE\n"
	"    m := regexp_match(p, '^\\[#(-([0-9]+))?\\]');\n"
	"    IF m IS NULL THEN\n"
	"    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    p := substr(p, length(coalesce(m[1], '')) + 4);\n"
	"    IF json_typeof(cur) <> 'array' THEN RETURN NULL; END IF;\n"
	"    len := json_array_length(cur);\n"
	"    i := len - coalesce(m[2]::int, 0);\n"
	"    END IF;\n"
	"    IF i < 0 THEN RETURN NULL; END IF;\n"
	"    cur := cur -> i;\n"
	"    IF cur IS NULL THEN RETURN NULL; END IF;\n"
	"    ELSE\n"
	"    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    END LOOP;\n"
	"    RETURN cur;\n"
	"END\n"
	"$$;\n"
	/*
	 * PostgreSQL's JSON functions refuse a \u0000 escape (text cannot hold U+0000).
	 * json_extract and json_type swap each one for \ufdd0 (a noncharacter) before
	 * looking anything up, and json_extract cuts a string at it, which is what a
	 * C caller of SQLite reads (sqlite3_column_text stops at the NUL).
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_json_nul_swap(doc text) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT CASE WHEN strpos(doc, '\\u0000') = 0 THEN doc\n"
	"    ELSE regexp_replace(doc, '(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000', '\\1\\\\ufdd0', 'g') END\n"
	"$$;\n"
	/* The SQLite type name of a JSON value: object array text integer real true false null. */
	"CREATE OR REPLACE FUNCTION public.sqlite_json_typename(v json) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT CASE json_typeof(v)\n"
	"    WHEN 'string' THEN 'text'\n"
	"    WHEN 'boolean' THEN v::text\n"
	"    WHEN 'number' THEN CASE WHEN btrim(v::text) ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END\n"
	"    ELSE json_typeof(v) END\n"
	"$$;\n"
	,
	/*
	 * json_extract(X, P) with one path, returned as TEXT (SQLite returns a typed
	 * value): strings unescaped; integers as their digits; reals as SQLite prints
	 * a REAL (1.5, 100.0, 1.0e+20; integers beyond 64 bits become reals); true and
	 * false as '1' and '0'; JSON null and a missing path as NULL; objects and
	 * arrays minified. A caller that compares the result with a number, adds to
	 * it or stores it in a BIGINT column must cast: json_extract(...)::bigint.
	 * A string holding \u0000 is cut there (what a C caller of SQLite reads); a lone
	 * UTF-16 surrogate escape (\ud800) raises here, SQLite returns its bytes;
	 * duplicate keys: the last one (SQLite: the first).
	 */
	"CREATE OR REPLACE FUNCTION public.json_extract(doc text, path text) RETURNS text\n"
	"LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    v json := public.sqlite_json_lookup(public.sqlite_json_nul_swap(doc)::json, path);\n"
	"    t text;\n"
	"    s text;\n"
	"BEGIN\n"
	"    IF v IS NULL THEN RETURN NULL; END IF;\n"
	"    t := json_typeof(v);\n"
	"    IF t = 'string' THEN\n"
	"    s := v #>> '{}';\n"
	"    IF strpos(s, U&'\\FDD0') > 0 THEN s := left(s, strpos(s, U&'\\FDD0') - 1); END IF;\n"
	"    RETURN s;\n"
	"    END IF;\n"
	"    IF t = 'null' THEN RETURN NULL; END IF;\n"
	"    IF t = 'boolean' THEN RETURN CASE WHEN v::text ~ 'true' THEN '1' ELSE '0' END; END IF;\n"
	"    IF t = 'number' THEN\n"
	"    s := btrim(v::text, E' \\t\\n\\r');\n"
	"    IF s ~ '^-?[0-9]+$' THEN\n"
	"    IF s ~ '^-?0+$' THEN RETURN '0'; END IF;\n"
	"    IF length(ltrim(s, '-')) < 19 OR s::numeric BETWEEN -9223372036854775808 AND 9223372036854775807 THEN\n"
	"    RETURN s::numeric::text;\n"
	"    END IF;\n"
	"    END IF;\n"
	"    RETURN public.sqlite_real_text(s::float8);\n"
	"    END IF;\n"
	"    RETURN replace(public.json_compact(v), '\\ufdd0', '\\u0000');\n"
	"END\n"
	"$$;\n"
	/* json_type(X) and json_type(X, P). */
	"CREATE OR REPLACE FUNCTION public.json_type(doc text) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_json_typename(doc::json)\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.json_type(doc text, path text) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_json_typename(public.sqlite_json_lookup(public.sqlite_json_nul_swap(doc)::json, path))\n"
	"$$;\n"
	/*
	 * json_object(K1, V1, ...) when every argument is text (or a NULL bound as
	 * unknown), as in event.c: '{"k":"v","k2":null}' exactly as SQLite writes it.
	 * With a number, a json value or a nested json_object among the arguments
	 * there is no match (PL/pgSQL cannot take VARIADIC "any"): such statements
	 * need a PostgreSQL text of their own (row_to_json, or json_build_object
	 * wrapped in json_compact). Returns text, the type the callers store or read.
	 */
	"CREATE OR REPLACE FUNCTION public.json_object(VARIADIC kv text[]) RETURNS text\n"
	"LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    r text := '';\n"
	"    n int := coalesce(array_length(kv, 1), 0);\n"
	"BEGIN\n"
	"    IF n % 2 = 1 THEN\n"
	"    RAISE EXCEPTION 'json_object() requires an even number of arguments' USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    FOR i IN 1 .. n BY 2 LOOP\n"
	"    IF kv[i] IS NULL THEN\n"
	"    RAISE EXCEPTION 'json_object() labels must be TEXT' USING ERRCODE = '22023';\n"
	"    END IF;\n"
	"    r := r || CASE WHEN i > 1 THEN ',' ELSE '' END || to_json(kv[i])::text || ':'\n"
	"    || coalesce(to_json(kv[i + 1])::text, 'null');\n"
	"    END LOOP;\n"
	"    RETURN '{' || r || '}';\n"
	"END\n"
	"$$;\n"
	,
	/*
	 * json_group_array(X): '[...]' of every X in input order, NULL as null, text
	 * quoted, numbers bare, json values (json(), json_object via row_to_json...)
	 * embedded. '[]' over no rows. Returns json so an enclosing row_to_json or
	 * json_build_object embeds it. Reals are written by PostgreSQL (1e+20, not
	 * SQLite's 1.0e+20): cx passes none.
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_json_group_array_step(s text, v anyelement) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT CASE WHEN s IS NULL THEN '' ELSE s || ',' END\n"
	"    || CASE WHEN v IS NULL THEN 'null'\n"
	"    WHEN pg_typeof(v) IN ('json'::regtype, 'jsonb'::regtype) THEN public.json_compact(v::text::json)\n"
	"    WHEN pg_typeof(v) = 'boolean'::regtype THEN CASE WHEN v::text::boolean THEN '1' ELSE '0' END\n"
	"    ELSE to_json(v)::text END\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.sqlite_json_group_array_final(s text) RETURNS json\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT ('[' || coalesce(s, '') || ']')::json\n"
	"$$;\n"
	"DROP AGGREGATE IF EXISTS public.json_group_array(anyelement);\n"
	"CREATE AGGREGATE public.json_group_array(anyelement) (\n"
	"    SFUNC = public.sqlite_json_group_array_step,\n"
	"    STYPE = text,\n"
	"    FINALFUNC = public.sqlite_json_group_array_final\n"
	");\n"
	/*
	 * ----------------------------------------------------------------------------
	 * Aggregates
	 * ----------------------------------------------------------------------------
	 */
	/*
	 * group_concat(X [, SEP]): X's text joined by SEP (default ','), NULL values
	 * skipped, NULL when there is none; in input order. SEP NULL joins with ''.
	 * X of any type: bigint ids as digits. (PostgreSQL writes a float8 1.0 as '1',
	 * SQLite as '1.0': cx concatenates only text and integers.)
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_group_concat_step(s text, v anyelement, sep text) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT CASE WHEN v IS NULL THEN s\n"
	"    WHEN s IS NULL THEN v::text\n"
	"    ELSE s || coalesce(sep, '') || v::text END\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.sqlite_group_concat_step(s text, v anyelement) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_group_concat_step(s, v, ',')\n"
	"$$;\n"
	"DROP AGGREGATE IF EXISTS public.group_concat(anyelement, text);\n"
	"CREATE AGGREGATE public.group_concat(anyelement, text) (\n"
	"    SFUNC = public.sqlite_group_concat_step,\n"
	"    STYPE = text\n"
	");\n"
	"DROP AGGREGATE IF EXISTS public.group_concat(anyelement);\n"
	"CREATE AGGREGATE public.group_concat(anyelement) (\n"
	"    SFUNC = public.sqlite_group_concat_step,\n"
	"    STYPE = text\n"
	");\n"
	/*
	 * total(X): the float sum, 0.0 over no rows or only NULLs (sum would be NULL).
	 * Takes float8; bigint arguments cast implicitly.
	 */
	"DROP AGGREGATE IF EXISTS public.total(float8);\n"
	"CREATE AGGREGATE public.total(float8) (\n"
	"    SFUNC = float8pl,\n"
	"    STYPE = float8,\n"
	"    INITCOND = '0'\n"
	");\n"
	/*
	 * sum(B) and avg(B) over boolean comparisons (sum(nps >= 9)): SQLite's
	 * comparisons are integers 0/1. sum is NULL over no rows or only NULLs, like
	 * SQLite's sum; avg returns float8 (SQLite's REAL), NULL over no rows.
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_bool_sum_step(s bigint, v boolean) RETURNS bigint\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT CASE WHEN v IS NULL THEN s ELSE coalesce(s, 0) + CASE WHEN v THEN 1 ELSE 0 END END\n"
	"$$;\n"
	,
	"DROP AGGREGATE IF EXISTS public.sum(boolean);\n"
	"CREATE AGGREGATE public.sum(boolean) (\n"
	"    SFUNC = public.sqlite_bool_sum_step,\n"
	"    STYPE = bigint\n"
	");\n"
	"CREATE OR REPLACE FUNCTION public.sqlite_bool_avg_step(s bigint[], v boolean) RETURNS bigint[]\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT CASE WHEN v IS NULL THEN s\n"
	"    ELSE ARRAY[s[1] + CASE WHEN v THEN 1 ELSE 0 END, s[2] + 1] END\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.sqlite_bool_avg_final(s bigint[]) RETURNS float8\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT CASE WHEN s[2] = 0 THEN NULL ELSE s[1]::float8 / s[2] END\n"
	"$$;\n"
	"DROP AGGREGATE IF EXISTS public.avg(boolean);\n"
	"CREATE AGGREGATE public.avg(boolean) (\n"
	"    SFUNC = public.sqlite_bool_avg_step,\n"
	"    STYPE = bigint[],\n"
	"    FINALFUNC = public.sqlite_bool_avg_final,\n"
	"    INITCOND = '{0,0}'\n"
	");\n"
	/*
	 * ----------------------------------------------------------------------------
	 * Scalars
	 * ----------------------------------------------------------------------------
	 */
	/* instr(X, Y): 1-based character position of Y in X, 0 when absent, NULL when either is NULL. */
	"CREATE OR REPLACE FUNCTION public.instr(haystack text, needle text) RETURNS bigint\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
	"    SELECT strpos(haystack, needle)::bigint\n"
	"$$;\n"
	/*
	 * Scalar max(a, b [, c]) and min(...): NULL when any argument is NULL (greatest
	 * and least skip NULLs). Arguments of one type family (bigint and float8 mix).
	 */
	"CREATE OR REPLACE FUNCTION public.max(a anycompatible, b anycompatible) RETURNS anycompatible\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT greatest(a, b) $$;\n"
	"CREATE OR REPLACE FUNCTION public.max(a anycompatible, b anycompatible, c anycompatible) RETURNS anycompatible\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT greatest(a, b, c) $$;\n"
	"CREATE OR REPLACE FUNCTION public.min(a anycompatible, b anycompatible) RETURNS anycompatible\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT least(a, b) $$;\n"
	"CREATE OR REPLACE FUNCTION public.min(a anycompatible, b anycompatible, c anycompatible) RETURNS anycompatible\n"
	"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT least(a, b, c) $$;\n"
	,
	/*
	 * printf(FORMAT, ...) for the conversions cx uses: %d %i (flags - 0 +, width),
	 * %s (flag -, width, .precision), %%. NULL arguments print as 0 and ''.
	 * Arguments of one type family per call (cx: printf('%02d:%02d', bigint, bigint)).
	 */
	"CREATE OR REPLACE FUNCTION public.printf(fmt text, VARIADIC args anycompatiblearray) RETURNS text\n"
	"LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    r text := '';\n"
	"    pos int := 1;\n"
	"    argi int := 1;\n"
	"    m text[];\n"
	"    v text;\n"
	"    w int;\n"
	"    neg boolean;\n"
	"    num numeric;\n"
	"BEGIN\n"
	"    IF fmt IS NULL THEN RETURN NULL; END IF;\n"
	"    LOOP\n"
	"    m := regexp_match(substr(fmt, pos), '^([^%]*)%([-0+ ]*)([0-9]*)(\\.[0-9]+)?([a-z%])');\n"
	"    IF m IS NULL THEN\n"
	"    r := r || substr(fmt, pos);\n"
	"    EXIT;\n"
	"    END IF;\n"
	"    r := r || m[1];\n"
	"    pos := pos + length(m[1]) + 1 + length(m[2]) + length(m[3]) + length(coalesce(m[4], '')) + 1;\n"
	"    IF m[5] = '%' THEN\n"
	"    r := r || '%';\n"
	"    CONTINUE;\n"
	"    END IF;\n"
	"    v := args[argi]::text;\n"
	"    argi := argi + 1;\n"
	"    w := nullif(m[3], '')::int;\n"
	"    IF m[5] IN ('d', 'i') THEN\n"
	"    num := trunc(coalesce(v, '0')::numeric);\n"
	"    neg := num < 0;\n"
	"    v := abs(num)::text;\n"
	"    IF neg THEN\n"
	"    v := '-' || v;\n"
	"    ELSIF strpos(m[2], '+') > 0 THEN\n"
	"    v := '+' || v;\n"
	"    END IF;\n"
	"    IF w IS NOT NULL AND length(v) < w THEN\n"
	"    IF strpos(m[2], '-') > 0 THEN\n"
	"    v := rpad(v, w);\n"
	"    ELSIF strpos(m[2], '0') > 0 THEN\n"
	"    v := CASE WHEN left(v, 1) IN ('-', '+') THEN left(v, 1) || lpad(substr(v, 2), w - 1, '0')\n"
	"    ELSE lpad(v, w, '0') END;\n"
	"    ELSE\n"
	"    v := lpad(v, w);\n"
	"    END IF;\n"
	"    END IF;\n"
	"    ELSIF m[5] = 's' THEN\n"
	"    v := coalesce(v, '');\n"
	"    IF m[4] IS NOT NULL THEN v := left(v, substr(m[4], 2)::int); END IF;\n"
	"    IF w IS NOT NULL AND length(v) < w THEN\n"
	"    v := CASE WHEN strpos(m[2], '-') > 0 THEN rpad(v, w) ELSE lpad(v, w) END;\n"
	"    END IF;\n"
	"    ELSE\n"
	"    RAISE EXCEPTION 'printf: conversion %%% not supported here', m[5] USING ERRCODE = '0A000';\n"
	"    END IF;\n"
	"    r := r || v;\n"
	"    END LOOP;\n"
	"    RETURN r;\n"
	"END\n"
	"$$;\n"
	/* printf(FORMAT) with no arguments. */
	"CREATE OR REPLACE FUNCTION public.printf(fmt text) RETURNS text\n"
	"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.printf(fmt, VARIADIC ARRAY[]::text[])\n"
	"$$;\n"
	/*
	 * ----------------------------------------------------------------------------
	 * Date and time: strftime, date, time, datetime, unixepoch
	 * ----------------------------------------------------------------------------
	 * Times are carried as float8 seconds since 1970-01-01 00:00:00 of a naive
	 * (zone-less) clock, as SQLite does. A number is a Julian day number unless the
	 * first modifier is 'unixepoch'. 'localtime' and 'utc' convert with the
	 * session's TimeZone setting, which stands for SQLite's TZ environment
	 * variable: the backend must SET TimeZone to what the process's TZ is (cx sets
	 * TZ itself, per call, in date.c and bizhours.c). So these are STABLE.
	 * Modifiers: unixepoch, localtime, utc, start of day|month|year, weekday N,
	 * [+-]N days|hours|minutes|seconds|months|years (singular too; N may be
	 * fractional except for months and years, as in SQLite).
	 * Out of SQLite's range (years 0000-9999) or malformed: NULL, as in SQLite.
	 */
	,
	"CREATE OR REPLACE FUNCTION public.sqlite_time_parse(t text) RETURNS float8\n"
	"LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    m text[];\n"
	"    s float8;\n"
	"BEGIN\n"
	"    IF t IS NULL THEN RETURN NULL; END IF;\n"
	"    IF lower(btrim(t)) = 'now' THEN\n"
	"    RETURN floor(extract(epoch FROM statement_timestamp()) * 1000) / 1000;\n"
	"    END IF;\n"
	"    m := regexp_match(btrim(t),\n"
	"    '^(-?[0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\\.[0-9]+)?))?)?\\s*(Z|z|[-+][0-9]{2}:?[0-9]{2})?$');\n"
	"    IF m IS NOT NULL THEN\n"
	"    IF m[2]::int NOT BETWEEN 1 AND 12 OR m[3]::int NOT BETWEEN 1 AND 31\n"
	"    OR coalesce(m[4]::int, 0) > 24 OR coalesce(m[5]::int, 0) > 59\n"
	"    OR coalesce(m[6]::float8, 0) >= 60 THEN\n"
	"    RETURN NULL;\n"
	"    END IF;\n"
	/* SQLite takes 2023-02-31 as 2023-03-03: days roll over */
	"    s := extract(epoch FROM make_timestamp(m[1]::int, m[2]::int, 1, 0, 0, 0))\n"
	"    + (m[3]::int - 1) * 86400.0 + coalesce(m[4]::int, 0) * 3600.0\n"
	"    + coalesce(m[5]::int, 0) * 60.0 + coalesce(m[6]::float8, 0);\n"
	"    IF m[7] IS NOT NULL AND upper(m[7]) <> 'Z' THEN\n"
	"    m := regexp_match(m[7], '([-+])([0-9]{2}):?([0-9]{2})');\n"
	"    s := s - (CASE WHEN m[1] = '-' THEN -1 ELSE 1 END) * (m[2]::int * 3600 + m[3]::int * 60);\n"
	"    END IF;\n"
	"    RETURN s;\n"
	"    END IF;\n"
	"    m := regexp_match(btrim(t), '^([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\\.[0-9]+)?))?$');\n"
	"    IF m IS NOT NULL THEN  -- a time alone is on 2000-01-01\n"
	"    RETURN 946684800 + m[1]::int * 3600.0 + m[2]::int * 60.0 + coalesce(m[3]::float8, 0);\n"
	"    END IF;\n"
	"    IF btrim(t) ~ '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$' THEN\n"
	"    RETURN NULL;  -- numeric text: the caller decides between Julian day and unixepoch\n"
	"    END IF;\n"
	"    RETURN NULL;\n"
	"END\n"
	"$$;\n"
	/*
	 * SQLite 3.40's toLocaltime: the local wall-clock time (naive seconds) of
	 * instant s. Outside 1970-01-01 .. 2038-01-18 the C library is not trusted:
	 * the instant is moved to the same date and time in year 2000 + Y%4, converted
	 * there, and moved back, so its offset is that of the mapped year (1950-06-16
	 * in New York gets EDT, 1900 in Kolkata +05:30, not the historical LMT).
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_localtime(s float8) RETURNS float8\n"
	"LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    t float8 := floor(s);\n"
	"    ts timestamp;\n"
	"    y int;\n"
	"BEGIN\n"
	"    IF s < 0 OR s > 2147385600 THEN\n"
	"    ts := to_timestamp(t) AT TIME ZONE 'UTC';\n"
	"    y := extract(year FROM ts)::int;\n"
	"    IF y < 0 THEN y := y + 1; END IF;  -- PostgreSQL's 1 BC is -1, SQLite's year 0\n"
	/* the same calendar fields in year 2000 + Y%4 (% keeps Y's sign, as in C) */
	"    t := extract(epoch FROM make_timestamp(2000 + y % 4, extract(month FROM ts)::int, 1, 0, 0, 0))\n"
	"    + (extract(day FROM ts) - 1) * 86400.0 + extract(epoch FROM ts::time);\n"
	"    END IF;\n"
	"    RETURN s + (extract(epoch FROM (to_timestamp(t) AT TIME ZONE current_setting('TimeZone'))) - t);\n"
	"END\n"
	"$$;\n"
	/*
	 * SQLite 3.40's 'utc' modifier: the instant whose local time is the naive time
	 * l, found by up to four corrections (a local time in a DST gap or overlap
	 * lands where SQLite's search stops).
	 */
	"CREATE OR REPLACE FUNCTION public.sqlite_utc(l float8) RETURNS float8\n"
	"LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    g float8 := l;\n"
	"    e float8 := 0;\n"
	"    cnt int := 0;\n"
	"BEGIN\n"
	"    LOOP\n"
	"    g := g - e;\n"
	"    e := public.sqlite_localtime(g) - l;\n"
	"    EXIT WHEN e = 0 OR cnt >= 3;\n"
	"    cnt := cnt + 1;\n"
	"    END LOOP;\n"
	"    RETURN g;\n"
	"END\n"
	"$$;\n"
	,
	/* The core: a time value (number or text) and its modifiers -> seconds, or NULL. */
	"CREATE OR REPLACE FUNCTION public.sqlite_time_apply(num float8, txt text, mods text[]) RETURNS float8\n"
	"LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    s float8;\n"
	"    mod text;\n"
	"    m text[];\n"
	"    i int := 0;\n"
	"    ts timestamp;\n"
	"    y int; mo int; d int; secs float8;\n"
	"    n float8;\n"
	"    unit text;\n"
	"    w int;\n"
	"    tzset boolean := txt IS NOT NULL AND btrim(txt) ~ '[0-9](Z|z|[-+][0-9]{2}:?[0-9]{2})$' AND btrim(txt) ~ '^-?[0-9]{4}-';\n"
	"BEGIN\n"
	"    IF num IS NULL AND txt IS NOT NULL AND btrim(txt) ~ '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$' THEN\n"
	"    num := btrim(txt)::float8;\n"
	"    END IF;\n"
	"    IF num IS NOT NULL THEN\n"
	"    IF coalesce(lower(btrim(mods[1])), '') = 'unixepoch' THEN\n"
	"    s := num;\n"
	"    i := 1;\n"
	"    ELSE\n"
	"    s := (num - 2440587.5) * 86400.0;  -- Julian day number\n"
	"    END IF;\n"
	"    ELSE\n"
	"    s := public.sqlite_time_parse(txt);\n"
	"    END IF;\n"
	"    IF s IS NULL THEN RETURN NULL; END IF;\n"
	"    FOR k IN i + 1 .. coalesce(array_length(mods, 1), 0) LOOP\n"
	"    IF mods[k] IS NULL THEN RETURN NULL; END IF;\n"
	"    mod := lower(btrim(mods[k]));\n"
	"    IF mod = 'localtime' THEN\n"
	"    s := public.sqlite_localtime(s);\n"
	"    tzset := false;\n"
	"    ELSIF mod = 'utc' THEN\n"
	"    IF NOT tzset THEN  -- a time given with its zone, or already made UTC, stays\n"
	"    s := public.sqlite_utc(s);\n"
	"    tzset := true;\n"
	"    END IF;\n"
	"    ELSIF mod = 'start of day' THEN\n"
	"    s := floor(s / 86400.0) * 86400.0;\n"
	"    ELSIF mod IN ('start of month', 'start of year') THEN\n"
	"    ts := to_timestamp(s) AT TIME ZONE 'UTC';\n"
	"    ts := date_trunc(CASE WHEN mod = 'start of month' THEN 'month' ELSE 'year' END, ts);\n"
	"    s := extract(epoch FROM ts);\n"
	"    ELSIF mod ~ '^weekday [0-9]+(\\.0*)?$' THEN\n"
	"    n := substr(mod, 9)::float8;\n"
	"    IF n < 0 OR n > 6 THEN RETURN NULL; END IF;\n"
	"    w := extract(dow FROM to_timestamp(s) AT TIME ZONE 'UTC')::int;\n"
	"    s := s + ((n::int - w + 7) % 7) * 86400.0;\n"
	"    ELSIF mod ~ '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+) *(day|hour|minute|second|month|year)s?$' THEN\n"
	"    m := regexp_match(mod, '^([-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)) *(day|hour|minute|second|month|year)s?$');\n"
	"    n := m[1]::float8;\n"
	"    unit := m[2];\n"
	"    IF unit = 'day' THEN s := s + n * 86400.0;\n"
	"    ELSIF unit = 'hour' THEN s := s + n * 3600.0;\n"
	"    ELSIF unit = 'minute' THEN s := s + n * 60.0;\n"
	"    ELSIF unit = 'second' THEN s := s + n;\n"
	"    ELSE\n"
	/*
	 * months and years: move the month field, keep the day; an overflowing day
	 * rolls into the next month (Jan 31 + 1 month = Mar 3), as SQLite does
	 */
	"    ts := to_timestamp(s) AT TIME ZONE 'UTC';\n"
	"    y := extract(year FROM ts)::int;\n"
	"    mo := extract(month FROM ts)::int;\n"
	"    d := extract(day FROM ts)::int;\n"
	"    secs := s - floor(s / 86400.0) * 86400.0;\n"
	"    IF unit = 'year' THEN\n"
	"    IF n <> trunc(n) THEN\n"
	"    s := s + n * 365.0 * 86400.0;\n"
	"    CONTINUE;\n"
	"    END IF;\n"
	"    y := y + n::int;\n"
	"    ELSE\n"
	"    IF n <> trunc(n) THEN\n"
	"    s := s + n * 30.0 * 86400.0;\n"
	"    CONTINUE;\n"
	"    END IF;\n"
	"    mo := mo - 1 + n::int;\n"
	"    y := y + floor(mo / 12.0)::int;\n"
	"    mo := mo - floor(mo / 12.0)::int * 12 + 1;\n"
	"    END IF;\n"
	"    IF y < 1 OR y > 9999 THEN RETURN NULL; END IF;\n"
	"    s := extract(epoch FROM make_timestamp(y, mo, 1, 0, 0, 0)) + (d - 1) * 86400.0 + secs;\n"
	"    END IF;\n"
	"    ELSE\n"
	"    RETURN NULL;\n"
	"    END IF;\n"
	"    END LOOP;\n"
	/* SQLite's range: Julian day 0 (-4713-11-24 12:00) to 9999-12-31 23:59:59.999 */
	"    IF s < -210866760000 OR s >= 253402300800 THEN RETURN NULL; END IF;\n"
	"    RETURN s;\n"
	"END\n"
	"$$;\n"
	,
	"CREATE OR REPLACE FUNCTION public.sqlite_strftime_fmt(fmt text, s float8) RETURNS text\n"
	"LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$\n"
	"DECLARE\n"
	"    ts timestamp;\n"
	"    r text := '';\n"
	"    c text;\n"
	"    i int := 1;\n"
	"    n int;\n"
	"    whole float8;\n"
	"    frac float8;\n"
	"    y int;\n"
	"BEGIN\n"
	"    IF fmt IS NULL OR s IS NULL THEN RETURN NULL; END IF;\n"
	/* milliseconds, as SQLite keeps them */
	"    s := round(s * 1000.0) / 1000.0;\n"
	"    whole := floor(s);\n"
	"    frac := s - whole;\n"
	"    IF whole < -62135596800 THEN\n"
	/*
	 * before 0001-01-01: SQLite counts years 0, -1, ... (astronomically); shift by
	 * whole 400-year Gregorian cycles (146097 days, a whole number of weeks)
	 */
	"    n := ceil((-62135596800 - whole) / 12622780800.0)::int;\n"
	"    ts := to_timestamp(whole + n * 12622780800.0) AT TIME ZONE 'UTC';\n"
	"    y := extract(year FROM ts)::int - 400 * n;\n"
	"    ELSE\n"
	"    ts := to_timestamp(whole) AT TIME ZONE 'UTC';\n"
	"    y := extract(year FROM ts)::int;\n"
	"    END IF;\n"
	"    n := length(fmt);\n"
	"    WHILE i <= n LOOP\n"
	"    c := substr(fmt, i, 1);\n"
	"    IF c <> '%' THEN\n"
	"    r := r || c;\n"
	"    i := i + 1;\n"
	"    CONTINUE;\n"
	"    END IF;\n"
	"    c := substr(fmt, i + 1, 1);\n"
	"    i := i + 2;\n"
	"    CASE c\n"
	"    WHEN 'd' THEN r := r || to_char(ts, 'DD');\n"
	"    WHEN 'f' THEN r := r || to_char(extract(second FROM ts) + frac, 'FM00.000');\n"
	"    WHEN 'H' THEN r := r || to_char(ts, 'HH24');\n"
	"    WHEN 'j' THEN r := r || to_char(ts, 'DDD');\n"
	"    WHEN 'J' THEN r := r || public.sqlite_fmt_g(s / 86400.0 + 2440587.5, 16, false);\n"
	"    WHEN 'm' THEN r := r || to_char(ts, 'MM');\n"
	"    WHEN 'M' THEN r := r || to_char(ts, 'MI');\n"
	"    WHEN 's' THEN r := r || (whole::bigint)::text;\n"
	"    WHEN 'S' THEN r := r || to_char(ts, 'SS');\n"
	"    WHEN 'w' THEN r := r || extract(dow FROM ts)::int::text;\n"
	"    WHEN 'W' THEN r := r || lpad(((extract(doy FROM ts)::int + 6 - ((extract(dow FROM ts)::int + 6) % 7)) / 7)::text, 2, '0');\n"
	"    WHEN 'Y' THEN r := r || CASE WHEN y < 0 THEN '-' || lpad((-y)::text, 3, '0') ELSE lpad(y::text, 4, '0') END;\n"
	"    WHEN '%' THEN r := r || '%';\n"
	"    ELSE RETURN NULL;  -- SQLite 3.40 knows no other conversion\n"
	"    END CASE;\n"
	"    END LOOP;\n"
	"    RETURN r;\n"
	"END\n"
	"$$;\n"
	/*
	 * strftime(FORMAT, TIME, MODIFIER...): TIME a number (Julian day, or unix
	 * seconds with 'unixepoch') or a text ('now', 'YYYY-MM-DD[ HH:MM[:SS[.SSS]]][Z|+HH:MM]', 'HH:MM[:SS]').
	 * Formats: %d %f %H %j %J %m %M %s %S %w %W %Y %%.
	 */
	"CREATE OR REPLACE FUNCTION public.strftime(fmt text, t float8, VARIADIC mods text[] DEFAULT '{}') RETURNS text\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_strftime_fmt(fmt, public.sqlite_time_apply(t, NULL, mods))\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.strftime(fmt text, t text, VARIADIC mods text[] DEFAULT '{}') RETURNS text\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_strftime_fmt(fmt, public.sqlite_time_apply(NULL, t, mods))\n"
	"$$;\n"
	/* date(), time(), datetime(), unixepoch() over the same times and modifiers. */
	"CREATE OR REPLACE FUNCTION public.date(t float8, VARIADIC mods text[]) RETURNS text\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_strftime_fmt('%Y-%m-%d', public.sqlite_time_apply(t, NULL, mods))\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.date(t text, VARIADIC mods text[]) RETURNS text\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_strftime_fmt('%Y-%m-%d', public.sqlite_time_apply(NULL, t, mods))\n"
	"$$;\n"
	,
	"CREATE OR REPLACE FUNCTION public.datetime(t float8, VARIADIC mods text[] DEFAULT '{}') RETURNS text\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_strftime_fmt('%Y-%m-%d %H:%M:%S', public.sqlite_time_apply(t, NULL, mods))\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.datetime(t text, VARIADIC mods text[] DEFAULT '{}') RETURNS text\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT public.sqlite_strftime_fmt('%Y-%m-%d %H:%M:%S', public.sqlite_time_apply(NULL, t, mods))\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.unixepoch() RETURNS bigint\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT floor(extract(epoch FROM statement_timestamp()))::bigint\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.unixepoch(t float8, VARIADIC mods text[] DEFAULT '{}') RETURNS bigint\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT floor(public.sqlite_time_apply(t, NULL, mods))::bigint\n"
	"$$;\n"
	"CREATE OR REPLACE FUNCTION public.unixepoch(t text, VARIADIC mods text[] DEFAULT '{}') RETURNS bigint\n"
	"LANGUAGE sql STABLE PARALLEL SAFE AS $$\n"
	"    SELECT floor(public.sqlite_time_apply(NULL, t, mods))::bigint\n"
	"$$;\n"
	,
	NULL,
};

/* Schema 9, whole: what a new database gets, in parts of a size every C compiler takes. */
static const char *const v9[] = {
	/*
	 * cx schema for PostgreSQL 15: the final state of the SQLite migrations
	 * 0 -> 9 (store/schema.c), created in one go on an empty database.
	 * The program runs this inside one transaction; there is no BEGIN/COMMIT here.
	 * Type mapping: INTEGER -> BIGINT, TEXT -> TEXT (REAL -> DOUBLE PRECISION; the
	 * schema has no REAL column). 0/1 flags stay BIGINT with their CHECK.
	 * `id INTEGER PRIMARY KEY` -> BIGINT PRIMARY KEY, numbered by cx_next_id as SQLite numbers rows.
	 * Every reference is DEFERRABLE INITIALLY IMMEDIATE, with its SQLite actions.
	 */
	"CREATE TABLE cx_schema (version BIGINT NOT NULL);\n"
	/*
	 * The FTS5 tokenizer removed diacritics (unicode61 remove_diacritics 2); the
	 * unaccent dictionary does it here. unaccent is a trusted extension in
	 * PostgreSQL 13+, so the database owner may create it without superuser.
	 */
	"CREATE EXTENSION IF NOT EXISTS unaccent;\n"
	/*
	 * unaccent(text) is only STABLE (it looks the dictionary up through the
	 * search_path); a generated column needs IMMUTABLE. The SQL-standard body is
	 * parsed now, so the dictionary and the function are bound by OID at creation
	 * and do not depend on the search_path of later sessions (or of pg_restore).
	 */
	"CREATE FUNCTION cx_unaccent(text) RETURNS text\n"
	"    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n"
	"    RETURN unaccent('unaccent'::regdictionary, $1);\n"
	/* ---- 0 -> 1: customers, cases, notes, the audit trail, settings, stages and channels */
	"CREATE TABLE customers (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    name TEXT NOT NULL,\n"
	"    email TEXT,\n"
	"    phone TEXT,\n"
	"    handle TEXT,\n"
	"    org TEXT,\n"
	"    note TEXT,\n"
	"    prefers TEXT,\n"
	"    created_at BIGINT NOT NULL,\n"
	"    updated_at BIGINT NOT NULL,\n"
	"    merged_into BIGINT REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    forgotten_at BIGINT\n"
	");\n"
	"CREATE UNIQUE INDEX customers_email ON customers (lower(email));\n"
	"CREATE UNIQUE INDEX customers_handle ON customers (lower(handle));\n"
	"CREATE INDEX customers_name ON customers (lower(name));\n"
	"CREATE TABLE customer_tags (\n"
	"    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    tag TEXT NOT NULL,\n"
	"    PRIMARY KEY (customer_id, tag)\n"
	");\n"
	"CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);\n"
	"CREATE TABLE stages (\n"
	"    name TEXT PRIMARY KEY,\n"
	"    position BIGINT NOT NULL\n"
	");\n"
	"INSERT INTO stages (name, position) VALUES\n"
	"    ('awareness', 1), ('consideration', 2), ('decision', 3), ('purchase', 4), ('delivery', 5),\n"
	"    ('packaging', 6), ('use', 7), ('recommendation', 8), ('service', 9);\n"
	"CREATE TABLE channels (\n"
	"    name TEXT PRIMARY KEY,\n"
	"    position BIGINT NOT NULL\n"
	");\n"
	"INSERT INTO channels (name, position) VALUES\n"
	"    ('phone', 1), ('email', 2), ('social', 3), ('store', 4), ('web', 5),\n"
	"    ('chat', 6), ('packaging', 7), ('product', 8), ('other', 9);\n"
	,
	"CREATE TABLE cases (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    customer_id BIGINT NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    title TEXT NOT NULL,\n"
	"    status TEXT NOT NULL DEFAULT 'new'\n"
	"    CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),\n"
	"    priority TEXT NOT NULL DEFAULT 'normal'\n"
	"    CHECK (priority IN ('low', 'normal', 'high', 'urgent')),\n"
	"    channel TEXT REFERENCES channels (name) ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    stage TEXT REFERENCES stages (name) ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    owner TEXT,\n"
	"    outcome TEXT,\n"
	"    opened_by TEXT NOT NULL,\n"
	"    opened_at BIGINT NOT NULL,\n"
	"    updated_at BIGINT NOT NULL,\n"
	"    first_response_at BIGINT,\n"
	"    resolved_at BIGINT,\n"
	"    closed_at BIGINT\n"
	");\n"
	"CREATE INDEX cases_opened ON cases (opened_at);\n"
	"CREATE INDEX cases_status ON cases (status, opened_at);\n"
	"CREATE INDEX cases_customer ON cases (customer_id, opened_at);\n"
	"CREATE INDEX cases_owner ON cases (owner, status);\n"
	"CREATE TABLE case_tags (\n"
	"    case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    tag TEXT NOT NULL,\n"
	"    PRIMARY KEY (case_id, tag)\n"
	");\n"
	"CREATE INDEX case_tags_tag ON case_tags (tag, case_id);\n"
	"CREATE TABLE case_links (\n"
	"    case_a BIGINT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    case_b BIGINT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    PRIMARY KEY (case_a, case_b),\n"
	"    CHECK (case_a < case_b)\n"
	");\n"
	"CREATE INDEX case_links_b ON case_links (case_b);\n"
	"CREATE TABLE notes (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    customer_id BIGINT NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    case_id BIGINT REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    public BIGINT NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),\n"
	"    kind TEXT NOT NULL,\n"
	"    body TEXT NOT NULL,\n"
	"    author TEXT NOT NULL,\n"
	"    created_at BIGINT NOT NULL\n"
	");\n"
	"CREATE INDEX notes_case ON notes (case_id, created_at);\n"
	"CREATE INDEX notes_customer ON notes (customer_id, created_at);\n"
	/* Personal data stays out of details: ids, field names and states only. */
	"CREATE TABLE events (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    at BIGINT NOT NULL,\n"
	"    actor TEXT NOT NULL,\n"
	"    entity TEXT NOT NULL,\n"
	"    entity_id BIGINT,\n"
	"    action TEXT NOT NULL,\n"
	"    note_id BIGINT REFERENCES notes (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    details TEXT\n"
	");\n"
	"CREATE INDEX events_entity ON events (entity, entity_id, at);\n"
	"CREATE INDEX events_at ON events (at);\n"
	"CREATE TABLE settings (\n"
	"    key TEXT PRIMARY KEY,\n"
	"    value TEXT NOT NULL\n"
	");\n"
	/* ---- 1 -> 2: surveys and their responses */
	"CREATE TABLE surveys (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    name TEXT NOT NULL,\n"
	"    tool TEXT NOT NULL,\n"
	"    stage TEXT REFERENCES stages (name) ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    columns TEXT,\n"
	"    created_at BIGINT NOT NULL\n"
	");\n"
	"CREATE UNIQUE INDEX surveys_name ON surveys (lower(name));\n"
	"CREATE TABLE survey_questions (\n"
	"    survey_id BIGINT NOT NULL REFERENCES surveys (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    qid BIGINT NOT NULL,\n"
	"    text TEXT NOT NULL,\n"
	"    PRIMARY KEY (survey_id, qid),\n"
	"    UNIQUE (survey_id, text)\n"
	");\n"
	,
	/* key: the tool's response id, or a hash of the row when the tool has none. */
	"CREATE TABLE responses (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    survey_id BIGINT NOT NULL REFERENCES surveys (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    key TEXT NOT NULL,\n"
	"    customer_id BIGINT REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    email TEXT,\n"
	"    name TEXT,\n"
	"    at BIGINT NOT NULL,\n"
	"    complete BIGINT NOT NULL CHECK (complete IN (0, 1)),\n"
	"    nps BIGINT CHECK (nps BETWEEN 0 AND 10),\n"
	"    csat BIGINT CHECK (csat BETWEEN 1 AND 5),\n"
	"    ces BIGINT CHECK (ces BETWEEN 1 AND 7),\n"
	"    comment TEXT,\n"
	"    answers TEXT,\n"
	"    case_id BIGINT REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    imported_at BIGINT NOT NULL,\n"
	"    UNIQUE (survey_id, key)\n"
	");\n"
	"CREATE INDEX responses_customer ON responses (customer_id, at) WHERE customer_id IS NOT NULL;\n"
	"CREATE INDEX responses_case ON responses (case_id) WHERE case_id IS NOT NULL;\n"
	/* ---- 2 -> 3: touchpoints (the journey view is created below, in its 3 -> 4 form) */
	"CREATE TABLE touchpoints (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    customer_id BIGINT NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    at BIGINT NOT NULL,\n"
	"    channel TEXT NOT NULL REFERENCES channels (name) ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    stage TEXT NOT NULL REFERENCES stages (name) ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    emotion BIGINT CHECK (emotion BETWEEN -2 AND 2),\n"
	"    effort BIGINT CHECK (effort BETWEEN 1 AND 7),\n"
	"    direction TEXT CHECK (direction IN ('in', 'out')),\n"
	"    case_id BIGINT REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    summary TEXT,\n"
	"    key TEXT,\n"
	"    author TEXT NOT NULL,\n"
	"    created_at BIGINT NOT NULL\n"
	");\n"
	"CREATE INDEX touchpoints_customer ON touchpoints (customer_id, at);\n"
	"CREATE INDEX touchpoints_case ON touchpoints (case_id) WHERE case_id IS NOT NULL;\n"
	"CREATE UNIQUE INDEX touchpoints_key ON touchpoints (key) WHERE key IS NOT NULL;\n"
	/* ---- 3 -> 4: public feedback, its replies and response targets */
	"CREATE TABLE feedback_sources (\n"
	"    name TEXT PRIMARY KEY,\n"
	"    position BIGINT NOT NULL\n"
	");\n"
	"INSERT INTO feedback_sources (name, position) VALUES\n"
	"    ('google', 1), ('facebook', 2), ('instagram', 3), ('x', 4), ('yelp', 5),\n"
	"    ('trustpilot', 6), ('tripadvisor', 7), ('email', 8), ('other', 9);\n"
	,
	"CREATE TABLE feedback (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    source TEXT NOT NULL REFERENCES feedback_sources (name) ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    platform_id TEXT,\n"
	"    key TEXT NOT NULL UNIQUE,\n"
	"    customer_id BIGINT REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    author TEXT,\n"
	"    url TEXT,\n"
	"    at BIGINT NOT NULL,\n"
	"    rating BIGINT CHECK (rating BETWEEN 1 AND 5),\n"
	"    body TEXT,\n"
	"    sentiment TEXT CHECK (sentiment IN ('negative', 'neutral', 'positive')),\n"
	"    sentiment_by TEXT CHECK (sentiment_by IN ('rating', 'hand', 'guess')),\n"
	"    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'ignored')),\n"
	"    why TEXT,\n"
	"    first_response_at BIGINT,\n"
	"    case_id BIGINT REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    added_by TEXT NOT NULL,\n"
	"    added_at BIGINT NOT NULL\n"
	");\n"
	"CREATE INDEX feedback_at ON feedback (at);\n"
	"CREATE INDEX feedback_status ON feedback (status, at);\n"
	"CREATE INDEX feedback_customer ON feedback (customer_id, at) WHERE customer_id IS NOT NULL;\n"
	"CREATE TABLE feedback_replies (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    feedback_id BIGINT NOT NULL REFERENCES feedback (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    at BIGINT NOT NULL,\n"
	"    author TEXT NOT NULL,\n"
	"    body TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX feedback_replies_item ON feedback_replies (feedback_id, at);\n"
	/* How soon public feedback must be answered: per source and sentiment, '*' for any. */
	"CREATE TABLE feedback_targets (\n"
	"    source TEXT NOT NULL,\n"
	"    sentiment TEXT NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive', 'unknown', '*')),\n"
	"    seconds BIGINT NOT NULL CHECK (seconds > 0),\n"
	"    PRIMARY KEY (source, sentiment)\n"
	");\n"
	"INSERT INTO feedback_targets (source, sentiment, seconds) VALUES\n"
	"    ('*', 'negative', 14400), ('*', 'neutral', 86400), ('*', 'unknown', 86400), ('*', 'positive', 172800);\n"
	,
	/*
	 * The journey, as redefined by 3 -> 4: every interaction, read where it lives.
	 * Survey scores become emotion (NPS 0-4 -2, 5-6 -1, 7-8 0, 9 +1, 10 +2; CSAT
	 * 1..5 -> -2..+2 when there is no NPS) and CES is the effort. The literals and
	 * NULLs are typed so that every branch agrees (text / bigint) as in SQLite.
	 */
	"CREATE VIEW journey (kind, ref, customer_id, at, channel, stage, emotion, effort, direction,\n"
	"    case_id, summary) AS\n"
	"SELECT 'touch'::text, id, customer_id, at, channel, stage, emotion, effort, direction, case_id, summary\n"
	"  FROM touchpoints\n"
	"UNION ALL\n"
	"SELECT 'case'::text, id, customer_id, opened_at, coalesce(channel, 'other'), coalesce(stage, 'service'),\n"
	"    NULL::bigint, NULL::bigint, 'in'::text, id, title\n"
	"  FROM cases\n"
	"UNION ALL\n"
	"SELECT 'reply'::text, n.id, n.customer_id, n.created_at,\n"
	"    CASE n.kind WHEN 'call' THEN 'phone' WHEN 'email' THEN 'email' WHEN 'chat' THEN 'chat'\n"
	"    WHEN 'visit' THEN 'store' WHEN 'social' THEN 'social' ELSE coalesce(k.channel, 'other') END,\n"
	"    coalesce(k.stage, 'service'), NULL::bigint, NULL::bigint, 'out'::text, n.case_id, n.body\n"
	"  FROM notes n JOIN cases k ON k.id = n.case_id\n"
	" WHERE n.public = 1\n"
	"UNION ALL\n"
	"SELECT 'survey'::text, r.id, r.customer_id, r.at, 'web'::text, coalesce(s.stage, 'recommendation'),\n"
	"    CASE WHEN r.nps IS NOT NULL THEN\n"
	"    CASE WHEN r.nps <= 4 THEN -2::bigint WHEN r.nps <= 6 THEN -1::bigint\n"
	"    WHEN r.nps <= 8 THEN 0::bigint WHEN r.nps = 9 THEN 1::bigint ELSE 2::bigint END\n"
	"    WHEN r.csat IS NOT NULL THEN r.csat - 3 END,\n"
	"    r.ces, 'in'::text, r.case_id,\n"
	"    s.name || coalesce(': NPS ' || r.nps, '') || coalesce(', CSAT ' || r.csat, '')\n"
	"    || coalesce(', CES ' || r.ces, '') || coalesce(' - ' || r.comment, '')\n"
	"  FROM responses r JOIN surveys s ON s.id = r.survey_id\n"
	" WHERE r.complete = 1 AND r.customer_id IS NOT NULL\n"
	"UNION ALL\n"
	"SELECT 'feedback'::text, f.id, f.customer_id, f.at, 'social'::text,\n"
	"    coalesce((SELECT value FROM settings WHERE key = 'feedback.stage'), 'recommendation'),\n"
	"    CASE WHEN f.rating IS NOT NULL THEN f.rating - 3\n"
	"    WHEN f.sentiment = 'negative' THEN -1::bigint WHEN f.sentiment = 'positive' THEN 1::bigint\n"
	"    WHEN f.sentiment = 'neutral' THEN 0::bigint END,\n"
	"    NULL::bigint, 'in'::text, f.case_id,\n"
	"    f.source || coalesce(' ' || f.rating || '/5', '') || coalesce(': ' || f.body, '')\n"
	"  FROM feedback f\n"
	" WHERE f.customer_id IS NOT NULL;\n"
	/* ---- 4 -> 5: service levels */
	"CREATE TABLE business_hours (\n"
	"    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),\n"
	"    opens BIGINT NOT NULL,\n"
	"    closes BIGINT NOT NULL,\n"
	"    CHECK (opens >= 0 AND opens < closes AND closes <= 1440),\n"
	"    PRIMARY KEY (weekday, opens)\n"
	");\n"
	"CREATE TABLE holidays (\n"
	"    day TEXT PRIMARY KEY,\n"
	"    name TEXT\n"
	");\n"
	,
	"CREATE TABLE sla_policies (\n"
	"    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),\n"
	"    channel TEXT NOT NULL DEFAULT '*',\n"
	"    first_response BIGINT CHECK (first_response > 0),\n"
	"    resolution BIGINT CHECK (resolution > 0),\n"
	"    PRIMARY KEY (priority, channel)\n"
	");\n"
	/* business time: urgent 1h / 8h, high 4h / 2 days of 8h, normal 8h / 5 days, low 16h / 10 days */
	"INSERT INTO sla_policies (priority, channel, first_response, resolution) VALUES\n"
	"    ('urgent', '*', 3600, 28800), ('high', '*', 14400, 57600),\n"
	"    ('normal', '*', 28800, 144000), ('low', '*', 57600, 288000);\n"
	"CREATE TABLE sla_breaches (\n"
	"    case_id BIGINT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    clock TEXT NOT NULL CHECK (clock IN ('response', 'resolution')),\n"
	"    noticed_at BIGINT NOT NULL,\n"
	"    PRIMARY KEY (case_id, clock)\n"
	");\n"
	/*
	 * ---- 5 -> 6: full-text search
	 * The FTS5 table becomes a plain one: id is FTS5's rowid (ref * 8 + kind),
	 * tsv the index, lower-cased and without diacritics like unicode61.
	 */
	"CREATE TABLE search_index (\n"
	"    rowid BIGINT PRIMARY KEY,\n"
	"    body TEXT NOT NULL,\n"
	"    tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', cx_unaccent(body))) STORED\n"
	");\n"
	"CREATE INDEX search_index_tsv ON search_index USING gin (tsv);\n"
	/* kind was a rowid alias in SQLite; it is always given, so no identity here. */
	"CREATE TABLE search_state (\n"
	"    kind BIGINT PRIMARY KEY,\n"
	"    indexed_to BIGINT NOT NULL\n"
	");\n"
	/* ---- 6 -> 7: reports over a period read the journey by time */
	"CREATE INDEX touchpoints_at ON touchpoints (at);\n"
	"CREATE INDEX notes_public_at ON notes (created_at) WHERE public = 1;\n"
	/* ---- 7 -> 8: a customer's merged records */
	"CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;\n"
	/* ---- 8 -> 9: the digest counts resolved cases and responses in its period */
	"CREATE INDEX cases_resolved ON cases (resolved_at) WHERE resolved_at IS NOT NULL;\n"
	"CREATE INDEX responses_at ON responses (at) WHERE complete = 1;\n"
	/*
	 * ---- ids: one more than the highest, as SQLite gives them (a row rolled back
	 * leaves no gap; explicit ids, as an import restores them, need no sequence
	 * to catch up). Writers take turns on the advisory lock, so none collide.
	 */
	"CREATE FUNCTION cx_next_id_customers() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM customers);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER customers_id BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION cx_next_id_customers();\n"
	"CREATE FUNCTION cx_next_id_cases() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM cases);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER cases_id BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cx_next_id_cases();\n"
	"CREATE FUNCTION cx_next_id_notes() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM notes);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER notes_id BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION cx_next_id_notes();\n"
	,
	"CREATE FUNCTION cx_next_id_events() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM events);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER events_id BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION cx_next_id_events();\n"
	"CREATE FUNCTION cx_next_id_surveys() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM surveys);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER surveys_id BEFORE INSERT ON surveys FOR EACH ROW EXECUTE FUNCTION cx_next_id_surveys();\n"
	"CREATE FUNCTION cx_next_id_responses() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM responses);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER responses_id BEFORE INSERT ON responses FOR EACH ROW EXECUTE FUNCTION cx_next_id_responses();\n"
	"CREATE FUNCTION cx_next_id_touchpoints() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM touchpoints);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER touchpoints_id BEFORE INSERT ON touchpoints FOR EACH ROW EXECUTE FUNCTION cx_next_id_touchpoints();\n"
	"CREATE FUNCTION cx_next_id_feedback() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM feedback);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER feedback_id BEFORE INSERT ON feedback FOR EACH ROW EXECUTE FUNCTION cx_next_id_feedback();\n"
	"CREATE FUNCTION cx_next_id_feedback_replies() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM feedback_replies);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER feedback_replies_id BEFORE INSERT ON feedback_replies FOR EACH ROW EXECUTE FUNCTION cx_next_id_feedback_replies();\n"
	/* ---- what SQLite tells of a table's columns, for the export and the import */
	"CREATE FUNCTION pragma_table_info(tbl text)\n"
	"RETURNS TABLE (cid bigint, name text, type text, \"notnull\" bigint, dflt_value text, pk bigint)\n"
	"LANGUAGE sql STABLE AS $$\n"
	"    SELECT a.attnum - 1, a.attname::text, format_type(a.atttypid, a.atttypmod),\n"
	"    CASE WHEN a.attnotnull THEN 1 ELSE 0 END, pg_get_expr(d.adbin, d.adrelid),\n"
	"    CASE WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary\n"
	"    AND a.attnum = ANY (i.indkey)) THEN 1 ELSE 0 END\n"
	"    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum\n"
	"    WHERE a.attrelid = to_regclass(tbl) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''\n"
	"    ORDER BY a.attnum\n"
	"$$;\n"
	,
	/*
	 * SQLite lists the rows whose references point nowhere, on request (while
	 * the checks wait for the commit): here, every foreign key of the schema is
	 * looked at the same way, its first broken row named.
	 */
	"CREATE FUNCTION pragma_foreign_key_check()\n"
	"RETURNS TABLE (\"table\" text, rowid bigint, parent text, fkid bigint)\n"
	"LANGUAGE plpgsql STABLE AS $$\n"
	"DECLARE\n"
	"    fk record;\n"
	"    cond text;\n"
	"    present text;\n"
	"    ident text;\n"
	"BEGIN\n"
	"    FOR fk IN\n"
	"    SELECT c.conrelid, c.confrelid, c.conkey, c.confkey,\n"
	"    c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS par\n"
	"    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace\n"
	"    WHERE c.contype = 'f' AND n.nspname = current_schema()\n"
	"    ORDER BY 5, c.oid\n"
	"    LOOP\n"
	"    SELECT string_agg(format('p.%I = k.%I', pa.attname, ka.attname), ' AND '),\n"
	"    string_agg(format('k.%I IS NOT NULL', ka.attname), ' AND ')\n"
	"    INTO cond, present\n"
	"    FROM unnest(fk.conkey, fk.confkey) AS u (ck, pk)\n"
	"    JOIN pg_attribute ka ON ka.attrelid = fk.conrelid AND ka.attnum = u.ck\n"
	"    JOIN pg_attribute pa ON pa.attrelid = fk.confrelid AND pa.attnum = u.pk;\n"
	"    ident := CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = fk.conrelid AND attname = 'id'\n"
	"    AND NOT attisdropped) THEN 'k.id' ELSE 'NULL::bigint' END;\n"
	"    RETURN QUERY EXECUTE format(\n"
	"    'SELECT %L::text, %s, %L::text, 0::bigint FROM %s k WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s) LIMIT 1',\n"
	"    fk.child, ident, fk.par, fk.child, present, fk.par, cond);\n"
	"    END LOOP;\n"
	"END $$;\n"
	"INSERT INTO cx_schema (version) VALUES (9);\n"
	,
	NULL,
};

/* 9 -> 10: mail (schema.c has the reasons): messages, the ids they answer, attachments, templates. */
static const char *const v10[] = {
	"CREATE TABLE messages (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),\n"
	"    state TEXT NOT NULL CHECK (state IN ('imported', 'skipped', 'failed')),\n"
	"    reason TEXT,\n"
	"    msgid TEXT,\n"
	"    in_reply_to TEXT,\n"
	"    sha256 TEXT NOT NULL,\n"
	"    from_addr TEXT,\n"
	"    from_name TEXT,\n"
	"    to_addrs TEXT,\n"
	"    subject TEXT,\n"
	"    sent_at BIGINT,\n"
	"    at BIGINT NOT NULL,\n"
	"    customer_id BIGINT REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    case_id BIGINT REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    note_id BIGINT REFERENCES notes (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    source TEXT,\n"
	"    position TEXT,\n"
	"    size BIGINT NOT NULL,\n"
	"    raw TEXT,\n"
	"    added_by TEXT NOT NULL,\n"
	"    added_at BIGINT NOT NULL\n"
	");\n"
	"CREATE UNIQUE INDEX messages_msgid ON messages (msgid) WHERE msgid IS NOT NULL;\n"
	"CREATE UNIQUE INDEX messages_sha256 ON messages (sha256);\n"
	"CREATE INDEX messages_case ON messages (case_id, at) WHERE case_id IS NOT NULL;\n"
	"CREATE INDEX messages_customer ON messages (customer_id) WHERE customer_id IS NOT NULL;\n"
	"CREATE INDEX messages_at ON messages (at);\n"
	"CREATE INDEX messages_state ON messages (state, id) WHERE state <> 'imported';\n"
	"CREATE TABLE message_refs (\n"
	"    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    position BIGINT NOT NULL,\n"
	"    msgid TEXT NOT NULL,\n"
	"    PRIMARY KEY (message_id, position)\n"
	");\n"
	"CREATE INDEX message_refs_msgid ON message_refs (msgid);\n"
	"CREATE TABLE attachments (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    position BIGINT NOT NULL,\n"
	"    name TEXT NOT NULL,\n"
	"    mime_type TEXT NOT NULL,\n"
	"    size BIGINT NOT NULL,\n"
	"    sha256 TEXT NOT NULL,\n"
	"    data TEXT,\n"
	"    UNIQUE (message_id, position)\n"
	");\n"
	"CREATE TABLE templates (\n"
	"    name TEXT PRIMARY KEY,\n"
	"    body TEXT NOT NULL,\n"
	"    created_at BIGINT NOT NULL,\n"
	"    updated_at BIGINT NOT NULL\n"
	");\n"
	"CREATE FUNCTION cx_next_id_messages() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM messages);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER messages_id BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION cx_next_id_messages();\n"
	"CREATE FUNCTION cx_next_id_attachments() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM attachments);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER attachments_id BEFORE INSERT ON attachments FOR EACH ROW EXECUTE FUNCTION cx_next_id_attachments();\n"
	,
	NULL,
};

/* 10 -> 11: survey imports, each with its file's bytes and its responses (schema.c has the reasons). */
static const char *const v11[] = {
	"CREATE TABLE survey_imports (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    survey_id BIGINT NOT NULL REFERENCES surveys (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    sha256 TEXT,\n"
	"    file TEXT NOT NULL,\n"
	"    rules TEXT,\n"
	"    rows BIGINT NOT NULL,\n"
	"    added BIGINT NOT NULL,\n"
	"    imported_by TEXT NOT NULL,\n"
	"    imported_at BIGINT NOT NULL\n"
	");\n"
	"CREATE INDEX survey_imports_sha256 ON survey_imports (sha256, survey_id);\n"
	"ALTER TABLE responses ADD COLUMN import_id BIGINT REFERENCES survey_imports (id) DEFERRABLE INITIALLY IMMEDIATE;\n"
	"CREATE FUNCTION cx_next_id_survey_imports() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM survey_imports);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER survey_imports_id BEFORE INSERT ON survey_imports FOR EACH ROW EXECUTE FUNCTION cx_next_id_survey_imports();\n"
	,
	NULL,
};

/* 11 -> 12: surveys after a case (schema.c has the reasons). */
static const char *const v12[] = {
	"CREATE TABLE survey_requests (\n"
	"    id BIGINT PRIMARY KEY,\n"
	"    case_id BIGINT NOT NULL UNIQUE REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    customer_id BIGINT NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    token TEXT NOT NULL UNIQUE,\n"
	"    survey TEXT NOT NULL,\n"
	"    asked_at BIGINT NOT NULL,\n"
	"    asked_by TEXT NOT NULL,\n"
	"    reminded_at BIGINT,\n"
	"    sent BIGINT NOT NULL CHECK (sent IN (0, 1)),\n"
	"    response_id BIGINT REFERENCES responses (id) DEFERRABLE INITIALLY IMMEDIATE\n"
	");\n"
	"CREATE INDEX survey_requests_asked ON survey_requests (asked_at);\n"
	"CREATE INDEX survey_requests_customer ON survey_requests (customer_id);\n"
	"CREATE FUNCTION cx_next_id_survey_requests() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF NEW.id IS NULL THEN\n"
	"    PERFORM pg_advisory_xact_lock(7891);\n"
	"    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM survey_requests);\n"
	"    END IF;\n"
	"    RETURN NEW;\n"
	"END $$;\n"
	"CREATE TRIGGER survey_requests_id BEFORE INSERT ON survey_requests FOR EACH ROW EXECUTE FUNCTION cx_next_id_survey_requests();\n"
	,
	NULL,
};

/* 12 -> 13: the language a survey's comments are written in. */
static const char *const v13[] = {
	"ALTER TABLE surveys ADD COLUMN language TEXT;\n",
	NULL,
};

/* 13 -> 14: word forms in search: the stems of each text's words beside it, in the same tsvector. */
static const char *const v14[] = {
	"DROP INDEX search_index_tsv;\n"
	"ALTER TABLE search_index DROP COLUMN tsv;\n"
	"ALTER TABLE search_index ADD COLUMN stems TEXT;\n"
	"ALTER TABLE search_index ADD COLUMN tsv tsvector GENERATED ALWAYS AS\n"
	"    (to_tsvector('simple', cx_unaccent(body)) || to_tsvector('simple', cx_unaccent(coalesce(stems, '')))) STORED;\n"
	"CREATE INDEX search_index_tsv ON search_index USING gin (tsv);\n"
	"DELETE FROM search_index;\n"
	"DELETE FROM search_state;\n",
	NULL,
};

/* 14 -> 15: named topics (schema.c has the reasons). */
static const char *const v15[] = {
	"CREATE TABLE topics (\n"
	"    name TEXT PRIMARY KEY,\n"
	"    query TEXT NOT NULL,\n"
	"    created_by TEXT NOT NULL,\n"
	"    created_at BIGINT NOT NULL\n"
	");\n"
	"CREATE TABLE topic_items (\n"
	"    topic TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    kind BIGINT NOT NULL,\n"
	"    ref BIGINT NOT NULL,\n"
	"    PRIMARY KEY (topic, kind, ref)\n"
	");\n"
	"CREATE TABLE topic_state (\n"
	"    topic TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
	"    kind BIGINT NOT NULL,\n"
	"    tagged_to BIGINT NOT NULL,\n"
	"    PRIMARY KEY (topic, kind)\n"
	");\n",
	NULL,
};

/* 15 -> 16: likelihood to continue, on its own scale (schema.c has the reasons). */
static const char *const v16[] = {
	"ALTER TABLE responses ADD COLUMN cont BIGINT CHECK (cont BETWEEN 0 AND 10);\n"
	"ALTER TABLE responses ADD COLUMN cont_scale BIGINT CHECK (cont_scale = 5 OR cont_scale = 7 OR cont_scale = 10);\n"
	,
	NULL,
};

/* 16 -> 17: the journey map from summaries kept up to date (schema.c has the reasons). */
static const char *const v17[] = {
	"CREATE TABLE journey_dirty (customer_id BIGINT PRIMARY KEY);\n"
	"CREATE TABLE journey_summary (id BIGINT PRIMARY KEY CHECK (id = 1), built BIGINT NOT NULL,\n"
	"    customers BIGINT NOT NULL);\n"
	"INSERT INTO journey_summary VALUES (1, 0, 0);\n"
	"CREATE TABLE journey_cust_cells (customer_id BIGINT NOT NULL, stage TEXT NOT NULL, channel TEXT NOT NULL,\n"
	"    touches BIGINT NOT NULL, replies BIGINT NOT NULL, cases BIGINT NOT NULL,\n"
	"    emotion_n BIGINT NOT NULL, emotion_sum BIGINT NOT NULL, emotion_sq BIGINT NOT NULL, negative BIGINT NOT NULL,\n"
	"    effort_n BIGINT NOT NULL, effort_sum BIGINT NOT NULL, effort_sq BIGINT NOT NULL, hard BIGINT NOT NULL,\n"
	"    PRIMARY KEY (customer_id, stage, channel));\n"
	"CREATE TABLE journey_cust (customer_id BIGINT PRIMARY KEY, alive BIGINT NOT NULL, last_stage TEXT,\n"
	"    last_channel TEXT);\n"
	"CREATE INDEX journey_cust_alive ON journey_cust (alive, last_stage, last_channel) WHERE last_stage IS NOT NULL;\n"
	"CREATE TABLE journey_cust_stages (customer_id BIGINT NOT NULL, stage TEXT NOT NULL, delay BIGINT,\n"
	"    PRIMARY KEY (customer_id, stage));\n"
	"CREATE INDEX journey_cust_stages_delay ON journey_cust_stages (stage, delay) WHERE delay IS NOT NULL;\n"
	"CREATE TABLE journey_cells (stage TEXT NOT NULL, channel TEXT NOT NULL,\n"
	"    touches BIGINT NOT NULL, replies BIGINT NOT NULL, cases BIGINT NOT NULL,\n"
	"    emotion_n BIGINT NOT NULL, emotion_sum BIGINT NOT NULL, emotion_sq BIGINT NOT NULL, negative BIGINT NOT NULL,\n"
	"    effort_n BIGINT NOT NULL, effort_sum BIGINT NOT NULL, effort_sq BIGINT NOT NULL, hard BIGINT NOT NULL,\n"
	"    customers BIGINT NOT NULL, lasts BIGINT NOT NULL, PRIMARY KEY (stage, channel));\n"
	"CREATE TABLE journey_stage_sums (stage TEXT PRIMARY KEY, customers BIGINT NOT NULL);\n"
	"CREATE TABLE journey_delays (stage TEXT NOT NULL, lo BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (stage, lo));\n"
	,
	/* one function marks the old and the new customer of any row of the journey's tables */
	"CREATE FUNCTION cx_journey_mark() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    IF TG_OP <> 'INSERT' AND OLD.customer_id IS NOT NULL THEN\n"
	"        INSERT INTO journey_dirty VALUES (OLD.customer_id) ON CONFLICT DO NOTHING;\n"
	"    END IF;\n"
	"    IF TG_OP <> 'DELETE' AND NEW.customer_id IS NOT NULL THEN\n"
	"        INSERT INTO journey_dirty VALUES (NEW.customer_id) ON CONFLICT DO NOTHING;\n"
	"    END IF;\n"
	"    IF TG_TABLE_NAME = 'cases' AND TG_OP = 'UPDATE' THEN\n"
	"        INSERT INTO journey_dirty SELECT DISTINCT customer_id FROM notes\n"
	"            WHERE case_id = NEW.id AND public = 1 AND customer_id IS NOT NULL ON CONFLICT DO NOTHING;\n"
	"    END IF;\n"
	"    RETURN NULL;\n"
	"END $$;\n"
	"CREATE FUNCTION cx_journey_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"BEGIN\n"
	"    UPDATE journey_summary SET built = 0;\n"
	"    RETURN NULL;\n"
	"END $$;\n"
	"CREATE TRIGGER journey_touch_ins AFTER INSERT OR DELETE ON touchpoints\n"
	"    FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_touch_upd AFTER UPDATE OF customer_id, at, channel, stage, emotion, effort, direction\n"
	"    ON touchpoints FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_case_ins AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_case_upd AFTER UPDATE OF customer_id, opened_at, channel, stage ON cases\n"
	"    FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_note_ins AFTER INSERT ON notes FOR EACH ROW WHEN (NEW.public = 1)\n"
	"    EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_note_del AFTER DELETE ON notes FOR EACH ROW WHEN (OLD.public = 1)\n"
	"    EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_note_upd AFTER UPDATE OF customer_id, created_at, kind, case_id, public ON notes\n"
	"    FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_feedback_ins AFTER INSERT OR DELETE ON feedback FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_feedback_upd AFTER UPDATE OF customer_id, at, rating, sentiment, source ON feedback\n"
	"    FOR EACH ROW EXECUTE FUNCTION cx_journey_mark();\n"
	"CREATE TRIGGER journey_stages_any AFTER INSERT OR UPDATE OR DELETE ON stages\n"
	"    FOR EACH STATEMENT EXECUTE FUNCTION cx_journey_invalidate();\n"
	"CREATE TRIGGER journey_channels_any AFTER INSERT OR UPDATE OR DELETE ON channels\n"
	"    FOR EACH STATEMENT EXECUTE FUNCTION cx_journey_invalidate();\n"
	"CREATE TRIGGER journey_survey_stage AFTER UPDATE OF stage ON surveys\n"
	"    FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage) EXECUTE FUNCTION cx_journey_invalidate();\n"
	"CREATE TRIGGER journey_setting_ins AFTER INSERT OR UPDATE ON settings\n"
	"    FOR EACH ROW WHEN (NEW.key = 'feedback.stage') EXECUTE FUNCTION cx_journey_invalidate();\n"
	"CREATE TRIGGER journey_setting_del AFTER DELETE ON settings\n"
	"    FOR EACH ROW WHEN (OLD.key = 'feedback.stage') EXECUTE FUNCTION cx_journey_invalidate();\n",
	NULL,
};

/*
 * 18 -> 19: the stand-ins for SQLite's functions go, from a new database
 * (made by the steps above) and from one a team has used (its data kept):
 * JSON and times are written and read in C, and a statement that must
 * differ is worded by each engine (dialect_pg.c). Aggregates go before the
 * functions they are made of; only cx's own, by name and schema: the
 * extensions' and the server's are left alone.
 */
static const char *const v19[] = {
	"DO $$\n"
	"DECLARE r record;\n"
	"BEGIN\n"
	"    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace\n"
	"    WHERE n.nspname IN ('public', current_schema()) AND p.proname IN ('avg', 'date', 'datetime',\n"
	"    'group_concat', 'instr', 'json', 'json_compact', 'json_extract', 'json_group_array', 'json_object',\n"
	"    'json_type', 'json_valid', 'max', 'min', 'printf', 'sqlite_bool_avg_final', 'sqlite_bool_avg_step',\n"
	"    'sqlite_bool_sum_step', 'sqlite_fmt_g', 'sqlite_group_concat_step', 'sqlite_json_group_array_final',\n"
	"    'sqlite_json_group_array_step', 'sqlite_json_lookup', 'sqlite_json_nul_swap', 'sqlite_json_typename',\n"
	"    'sqlite_localtime', 'sqlite_real_text', 'sqlite_strftime_fmt', 'sqlite_time_apply', 'sqlite_time_parse',\n"
	"    'sqlite_utc', 'strftime', 'sum', 'total', 'unixepoch', 'pragma_table_info', 'pragma_foreign_key_check')\n"
	"    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')\n"
	"    ORDER BY p.prokind = 'a' DESC, p.proname, p.oid\n"
	"    LOOP\n"
	"        EXECUTE 'DROP ROUTINE ' || r.f::text;\n"
	"    END LOOP;\n"
	"END $$;\n",
	NULL,
};

/*
 * 19 -> 20: cx's tables, view and functions in a schema of their own, cx,
 * not the server's public schema. The connection's search_path is "cx,
 * public" (pg.c): a new database makes the schema first (new_schema), so
 * every step creates its tables there; a database made before has them
 * where it was made, and this step moves them (ALTER ... SET SCHEMA keeps
 * their rows, indexes, constraints, triggers and the sequences they own).
 * An extension's objects stay where the extension is.
 */
static const char *const new_schema[] = {
	"CREATE SCHEMA IF NOT EXISTS cx;\n",
	NULL,
};

static const char *const v20[] = {
	"CREATE SCHEMA IF NOT EXISTS cx;\n"
	"DO $$\n"
	"DECLARE\n"
	"    src oid;\n"
	"    r record;\n"
	"BEGIN\n"
	"    SELECT c.relnamespace INTO src FROM pg_class c\n"
	"    WHERE c.relname = 'cx_schema' AND c.relnamespace <> 'cx'::regnamespace LIMIT 1;\n"
	"    IF src IS NULL THEN\n"
	"        RETURN;\n"
	"    END IF;\n"
	"    FOR r IN SELECT c.oid, c.relkind FROM pg_class c WHERE c.relnamespace = src AND c.relkind IN ('r', 'p', 'v', 'S')\n"
	"    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid\n"
	"    AND d.deptype IN ('a', 'i', 'e'))\n"
	"    ORDER BY c.relkind = 'v' DESC, c.oid\n"
	"    LOOP\n"
	"        EXECUTE format('ALTER %s %s SET SCHEMA cx',\n"
	"        CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.oid::regclass);\n"
	"    END LOOP;\n"
	"    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p WHERE p.pronamespace = src AND p.proname LIKE 'cx\\_%'\n"
	"    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid\n"
	"    AND d.deptype = 'e')\n"
	"    LOOP\n"
	"        EXECUTE 'ALTER ROUTINE ' || r.f::text || ' SET SCHEMA cx';\n"
	"    END LOOP;\n"
	"END $$;\n",
	NULL,
};

/*
 * Each table's sequence past the highest id it holds: after rows came in
 * with their ids given (a new database's migration, an import that keeps
 * the ids of the file), the engine's next is one nobody has.
 */
const char cx_pg_ids_follow[] =
	"SELECT setval(pg_get_serial_sequence('customers', 'id'), coalesce(max(id), 0) + 1, false) FROM customers;\n"
	"SELECT setval(pg_get_serial_sequence('cases', 'id'), coalesce(max(id), 0) + 1, false) FROM cases;\n"
	"SELECT setval(pg_get_serial_sequence('notes', 'id'), coalesce(max(id), 0) + 1, false) FROM notes;\n"
	"SELECT setval(pg_get_serial_sequence('events', 'id'), coalesce(max(id), 0) + 1, false) FROM events;\n"
	"SELECT setval(pg_get_serial_sequence('surveys', 'id'), coalesce(max(id), 0) + 1, false) FROM surveys;\n"
	"SELECT setval(pg_get_serial_sequence('responses', 'id'), coalesce(max(id), 0) + 1, false) FROM responses;\n"
	"SELECT setval(pg_get_serial_sequence('touchpoints', 'id'), coalesce(max(id), 0) + 1, false) FROM touchpoints;\n"
	"SELECT setval(pg_get_serial_sequence('feedback', 'id'), coalesce(max(id), 0) + 1, false) FROM feedback;\n"
	"SELECT setval(pg_get_serial_sequence('feedback_replies', 'id'), coalesce(max(id), 0) + 1, false) FROM feedback_replies;\n"
	"SELECT setval(pg_get_serial_sequence('messages', 'id'), coalesce(max(id), 0) + 1, false) FROM messages;\n"
	"SELECT setval(pg_get_serial_sequence('attachments', 'id'), coalesce(max(id), 0) + 1, false) FROM attachments;\n"
	"SELECT setval(pg_get_serial_sequence('survey_imports', 'id'), coalesce(max(id), 0) + 1, false) FROM survey_imports;\n"
	"SELECT setval(pg_get_serial_sequence('survey_requests', 'id'), coalesce(max(id), 0) + 1, false) FROM survey_requests;\n"
;

/*
 * 20 -> 21: ids from the engine. An identity column (BY DEFAULT, so an
 * import can still give a row its id) in place of the triggers that took
 * one more than the highest under the one writers' lock; its sequence
 * starts past what the table holds. Numbers a rolled-back insert took are
 * not given again: ids may have gaps, as they may on SQLite after a delete.
 */
static const char *const v21[] = {
	"DROP TRIGGER customers_id ON customers;\n"
	"DROP FUNCTION cx_next_id_customers();\n"
	"ALTER TABLE customers ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER cases_id ON cases;\n"
	"DROP FUNCTION cx_next_id_cases();\n"
	"ALTER TABLE cases ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER notes_id ON notes;\n"
	"DROP FUNCTION cx_next_id_notes();\n"
	"ALTER TABLE notes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER events_id ON events;\n"
	"DROP FUNCTION cx_next_id_events();\n"
	"ALTER TABLE events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER surveys_id ON surveys;\n"
	"DROP FUNCTION cx_next_id_surveys();\n"
	"ALTER TABLE surveys ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER responses_id ON responses;\n"
	"DROP FUNCTION cx_next_id_responses();\n"
	"ALTER TABLE responses ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER touchpoints_id ON touchpoints;\n"
	"DROP FUNCTION cx_next_id_touchpoints();\n"
	"ALTER TABLE touchpoints ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER feedback_id ON feedback;\n"
	"DROP FUNCTION cx_next_id_feedback();\n"
	"ALTER TABLE feedback ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER feedback_replies_id ON feedback_replies;\n"
	"DROP FUNCTION cx_next_id_feedback_replies();\n"
	"ALTER TABLE feedback_replies ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER messages_id ON messages;\n"
	"DROP FUNCTION cx_next_id_messages();\n"
	"ALTER TABLE messages ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER attachments_id ON attachments;\n"
	"DROP FUNCTION cx_next_id_attachments();\n"
	"ALTER TABLE attachments ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER survey_imports_id ON survey_imports;\n"
	"DROP FUNCTION cx_next_id_survey_imports();\n"
	"ALTER TABLE survey_imports ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	"DROP TRIGGER survey_requests_id ON survey_requests;\n"
	"DROP FUNCTION cx_next_id_survey_requests();\n"
	"ALTER TABLE survey_requests ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
	,
	cx_pg_ids_follow,
	NULL,
};

const cx_pg_step cx_pg_steps[] = {
	{ 9, new_schema },
	{ 9, compat },
	{ 9, v9 },
	{ 10, v10 },
	{ 11, v11 },
	{ 12, v12 },
	{ 13, v13 },
	{ 14, v14 },
	{ 15, v15 },
	{ 16, v16 },
	{ 18, v17 },
	{ 19, v19 },
	{ 20, v20 },
	{ 21, v21 },
};

const int cx_pg_nsteps = sizeof cx_pg_steps / sizeof cx_pg_steps[0];
