--
-- PostgreSQL database dump
--

\restrict WMSl9xM0NC62y3VcmKuoGcSqQqaAbQr1smT1ee27tV8hZ3FI8nTzqYiXjxFRefa

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: unaccent; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;


--
-- Name: cx_next_id_attachments(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_attachments() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM attachments);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_cases(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_cases() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM cases);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_customers(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_customers() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM customers);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_events(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_events() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM events);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_feedback(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_feedback() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM feedback);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_feedback_replies(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_feedback_replies() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM feedback_replies);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_messages(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_messages() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM messages);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_notes(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_notes() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM notes);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_responses(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_responses() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM responses);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_survey_imports(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_survey_imports() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM survey_imports);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_survey_requests(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_survey_requests() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM survey_requests);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_surveys(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_surveys() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM surveys);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_next_id_touchpoints(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_next_id_touchpoints() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(7891);
    NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM touchpoints);
    END IF;
    RETURN NEW;
END $$;


--
-- Name: cx_unaccent(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cx_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN public.unaccent('public.unaccent'::regdictionary, $1);


--
-- Name: date(double precision, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.date(t double precision, VARIADIC mods text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_strftime_fmt('%Y-%m-%d', public.sqlite_time_apply(t, NULL, mods))
$$;


--
-- Name: date(text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.date(t text, VARIADIC mods text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_strftime_fmt('%Y-%m-%d', public.sqlite_time_apply(NULL, t, mods))
$$;


--
-- Name: datetime(double precision, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.datetime(t double precision, VARIADIC mods text[] DEFAULT '{}'::text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_strftime_fmt('%Y-%m-%d %H:%M:%S', public.sqlite_time_apply(t, NULL, mods))
$$;


--
-- Name: datetime(text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.datetime(t text, VARIADIC mods text[] DEFAULT '{}'::text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_strftime_fmt('%Y-%m-%d %H:%M:%S', public.sqlite_time_apply(NULL, t, mods))
$$;


--
-- Name: instr(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.instr(haystack text, needle text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT strpos(haystack, needle)::bigint
$$;


--
-- Name: json(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json(doc text) RETURNS json
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT public.json_compact(doc::json)::json
$$;


--
-- Name: json_compact(json); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_compact(j json) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
DECLARE
    t text := json_typeof(j);
    r text;
BEGIN
    IF t = 'object' THEN
    SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' || public.json_compact(e.value), ','
    ORDER BY e.n), '') || '}'
    INTO r FROM json_each(j) WITH ORDINALITY AS e(key, value, n);
    RETURN r;
    ELSIF t = 'array' THEN
    SELECT '[' || coalesce(string_agg(public.json_compact(e.value), ',' ORDER BY e.n), '') || ']'
    INTO r FROM json_array_elements(j) WITH ORDINALITY AS e(value, n);
    RETURN r;
    END IF;
    RETURN btrim(j::text, E' \t\n\r');
END
$$;


--
-- Name: json_extract(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_extract(doc text, path text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
    v json := public.sqlite_json_lookup(public.sqlite_json_nul_swap(doc)::json, path);
    t text;
    s text;
BEGIN
    IF v IS NULL THEN RETURN NULL; END IF;
    t := json_typeof(v);
    IF t = 'string' THEN
    s := v #>> '{}';
    IF strpos(s, U&'\FDD0') > 0 THEN s := left(s, strpos(s, U&'\FDD0') - 1); END IF;
    RETURN s;
    END IF;
    IF t = 'null' THEN RETURN NULL; END IF;
    IF t = 'boolean' THEN RETURN CASE WHEN v::text ~ 'true' THEN '1' ELSE '0' END; END IF;
    IF t = 'number' THEN
    s := btrim(v::text, E' \t\n\r');
    IF s ~ '^-?[0-9]+$' THEN
    IF s ~ '^-?0+$' THEN RETURN '0'; END IF;
    IF length(ltrim(s, '-')) < 19 OR s::numeric BETWEEN -9223372036854775808 AND 9223372036854775807 THEN
    RETURN s::numeric::text;
    END IF;
    END IF;
    RETURN public.sqlite_real_text(s::float8);
    END IF;
    RETURN replace(public.json_compact(v), '\ufdd0', '\u0000');
END
$_$;


--
-- Name: json_object(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_object(VARIADIC kv text[]) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    r text := '';
    n int := coalesce(array_length(kv, 1), 0);
BEGIN
    IF n % 2 = 1 THEN
    RAISE EXCEPTION 'json_object() requires an even number of arguments' USING ERRCODE = '22023';
    END IF;
    FOR i IN 1 .. n BY 2 LOOP
    IF kv[i] IS NULL THEN
    RAISE EXCEPTION 'json_object() labels must be TEXT' USING ERRCODE = '22023';
    END IF;
    r := r || CASE WHEN i > 1 THEN ',' ELSE '' END || to_json(kv[i])::text || ':'
    || coalesce(to_json(kv[i + 1])::text, 'null');
    END LOOP;
    RETURN '{' || r || '}';
END
$$;


--
-- Name: json_type(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_type(doc text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT public.sqlite_json_typename(doc::json)
$$;


--
-- Name: json_type(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_type(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT public.sqlite_json_typename(public.sqlite_json_lookup(public.sqlite_json_nul_swap(doc)::json, path))
$$;


--
-- Name: json_valid(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_valid(doc text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
    IF doc IS NULL THEN
    RETURN false;
    END IF;
    PERFORM doc::json;
    RETURN true;
EXCEPTION WHEN invalid_text_representation OR program_limit_exceeded OR statement_too_complex THEN
    RETURN false;
END
$$;


--
-- Name: max(anycompatible, anycompatible); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.max(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT greatest(a, b) $$;


--
-- Name: max(anycompatible, anycompatible, anycompatible); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.max(a anycompatible, b anycompatible, c anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT greatest(a, b, c) $$;


--
-- Name: min(anycompatible, anycompatible); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.min(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT least(a, b) $$;


--
-- Name: min(anycompatible, anycompatible, anycompatible); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.min(a anycompatible, b anycompatible, c anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT least(a, b, c) $$;


--
-- Name: pragma_foreign_key_check(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.pragma_foreign_key_check() RETURNS TABLE("table" text, rowid bigint, parent text, fkid bigint)
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    fk record;
    cond text;
    present text;
    ident text;
BEGIN
    FOR fk IN
    SELECT c.conrelid, c.confrelid, c.conkey, c.confkey,
    c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS par
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()
    ORDER BY 5, c.oid
    LOOP
    SELECT string_agg(format('p.%I = k.%I', pa.attname, ka.attname), ' AND '),
    string_agg(format('k.%I IS NOT NULL', ka.attname), ' AND ')
    INTO cond, present
    FROM unnest(fk.conkey, fk.confkey) AS u (ck, pk)
    JOIN pg_attribute ka ON ka.attrelid = fk.conrelid AND ka.attnum = u.ck
    JOIN pg_attribute pa ON pa.attrelid = fk.confrelid AND pa.attnum = u.pk;
    ident := CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = fk.conrelid AND attname = 'id'
    AND NOT attisdropped) THEN 'k.id' ELSE 'NULL::bigint' END;
    RETURN QUERY EXECUTE format(
    'SELECT %L::text, %s, %L::text, 0::bigint FROM %s k WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s) LIMIT 1',
    fk.child, ident, fk.par, fk.child, present, fk.par, cond);
    END LOOP;
END $$;


--
-- Name: pragma_table_info(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.pragma_table_info(tbl text) RETURNS TABLE(cid bigint, name text, type text, "notnull" bigint, dflt_value text, pk bigint)
    LANGUAGE sql STABLE
    AS $$
    SELECT a.attnum - 1, a.attname::text, format_type(a.atttypid, a.atttypmod),
    CASE WHEN a.attnotnull THEN 1 ELSE 0 END, pg_get_expr(d.adbin, d.adrelid),
    CASE WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary
    AND a.attnum = ANY (i.indkey)) THEN 1 ELSE 0 END
    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = to_regclass(tbl) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY a.attnum
$$;


--
-- Name: printf(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.printf(fmt text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT public.printf(fmt, VARIADIC ARRAY[]::text[])
$$;


--
-- Name: printf(text, anycompatiblearray); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.printf(fmt text, VARIADIC args anycompatiblearray) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    r text := '';
    pos int := 1;
    argi int := 1;
    m text[];
    v text;
    w int;
    neg boolean;
    num numeric;
BEGIN
    IF fmt IS NULL THEN RETURN NULL; END IF;
    LOOP
    m := regexp_match(substr(fmt, pos), '^([^%]*)%([-0+ ]*)([0-9]*)(\.[0-9]+)?([a-z%])');
    IF m IS NULL THEN
    r := r || substr(fmt, pos);
    EXIT;
    END IF;
    r := r || m[1];
    pos := pos + length(m[1]) + 1 + length(m[2]) + length(m[3]) + length(coalesce(m[4], '')) + 1;
    IF m[5] = '%' THEN
    r := r || '%';
    CONTINUE;
    END IF;
    v := args[argi]::text;
    argi := argi + 1;
    w := nullif(m[3], '')::int;
    IF m[5] IN ('d', 'i') THEN
    num := trunc(coalesce(v, '0')::numeric);
    neg := num < 0;
    v := abs(num)::text;
    IF neg THEN
    v := '-' || v;
    ELSIF strpos(m[2], '+') > 0 THEN
    v := '+' || v;
    END IF;
    IF w IS NOT NULL AND length(v) < w THEN
    IF strpos(m[2], '-') > 0 THEN
    v := rpad(v, w);
    ELSIF strpos(m[2], '0') > 0 THEN
    v := CASE WHEN left(v, 1) IN ('-', '+') THEN left(v, 1) || lpad(substr(v, 2), w - 1, '0')
    ELSE lpad(v, w, '0') END;
    ELSE
    v := lpad(v, w);
    END IF;
    END IF;
    ELSIF m[5] = 's' THEN
    v := coalesce(v, '');
    IF m[4] IS NOT NULL THEN v := left(v, substr(m[4], 2)::int); END IF;
    IF w IS NOT NULL AND length(v) < w THEN
    v := CASE WHEN strpos(m[2], '-') > 0 THEN rpad(v, w) ELSE lpad(v, w) END;
    END IF;
    ELSE
    RAISE EXCEPTION 'printf: conversion %%% not supported here', m[5] USING ERRCODE = '0A000';
    END IF;
    r := r || v;
    END LOOP;
    RETURN r;
END
$$;


--
-- Name: sqlite_bool_avg_final(bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_bool_avg_final(s bigint[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN s[2] = 0 THEN NULL ELSE s[1]::float8 / s[2] END
$$;


--
-- Name: sqlite_bool_avg_step(bigint[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_bool_avg_step(s bigint[], v boolean) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN v IS NULL THEN s
    ELSE ARRAY[s[1] + CASE WHEN v THEN 1 ELSE 0 END, s[2] + 1] END
$$;


--
-- Name: sqlite_bool_sum_step(bigint, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_bool_sum_step(s bigint, v boolean) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN v IS NULL THEN s ELSE coalesce(s, 0) + CASE WHEN v THEN 1 ELSE 0 END END
$$;


--
-- Name: sqlite_fmt_g(double precision, integer, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_fmt_g(d double precision, prec integer, alt boolean) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
DECLARE
    n numeric;
    e int;
    m text[];
    digits text;
    r text;
BEGIN
    IF d = 'Infinity'::float8 THEN RETURN 'Inf'; END IF;
    IF d = '-Infinity'::float8 THEN RETURN '-Inf'; END IF;
    IF d = 'NaN'::float8 THEN RETURN NULL; END IF;
    IF d = 0 THEN RETURN CASE WHEN alt THEN '0.0' ELSE '0' END; END IF;
    n := CASE WHEN prec <= 15 THEN abs(d)::numeric ELSE abs(d)::text::numeric END;
    m := regexp_match(to_char(n, '9.' || repeat('9', prec - 1) || 'EEEE'), '([0-9])\.?([0-9]*)e([-+][0-9]+)');
    e := m[3]::int;
    digits := rtrim(m[1] || m[2], '0');
    IF digits = '' THEN digits := '0'; END IF;
    IF e < -4 OR e >= prec THEN
    r := substr(digits, 1, 1)
    || CASE WHEN length(digits) > 1 THEN '.' || substr(digits, 2) WHEN alt THEN '.0' ELSE '' END
    || 'e' || CASE WHEN e < 0 THEN '-' ELSE '+' END
    || CASE WHEN abs(e) < 10 THEN '0' ELSE '' END || abs(e)::text;
    ELSIF e < 0 THEN
    r := '0.' || repeat('0', -e - 1) || digits;
    ELSIF length(digits) > e + 1 THEN
    r := substr(digits, 1, e + 1) || '.' || substr(digits, e + 2);
    ELSE
    r := rpad(digits, e + 1, '0') || CASE WHEN alt THEN '.0' ELSE '' END;
    END IF;
    RETURN CASE WHEN d < 0 THEN '-' || r ELSE r END;
END
$$;


--
-- Name: sqlite_group_concat_step(text, anyelement); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_group_concat_step(s text, v anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_group_concat_step(s, v, ',')
$$;


--
-- Name: sqlite_group_concat_step(text, anyelement, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_group_concat_step(s text, v anyelement, sep text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN v IS NULL THEN s
    WHEN s IS NULL THEN v::text
    ELSE s || coalesce(sep, '') || v::text END
$$;


--
-- Name: sqlite_json_group_array_final(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_json_group_array_final(s text) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT ('[' || coalesce(s, '') || ']')::json
$$;


--
-- Name: sqlite_json_group_array_step(text, anyelement); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_json_group_array_step(s text, v anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN s IS NULL THEN '' ELSE s || ',' END
    || CASE WHEN v IS NULL THEN 'null'
    WHEN pg_typeof(v) IN ('json'::regtype, 'jsonb'::regtype) THEN public.json_compact(v::text::json)
    WHEN pg_typeof(v) = 'boolean'::regtype THEN CASE WHEN v::text::boolean THEN '1' ELSE '0' END
    ELSE to_json(v)::text END
$$;


--
-- Name: sqlite_json_lookup(json, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_json_lookup(doc json, path text) RETURNS json
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
DECLARE
    cur json := doc;
    p text;
    i int;
    k text;
    m text[];
    len int;
BEGIN
    IF left(path, 1) <> '$' THEN
    RAISE EXCEPTION 'JSON path error near ''%''', path USING ERRCODE = '22023';
    END IF;
    p := substr(path, 2);
    WHILE p <> '' LOOP
    IF left(p, 1) = '.' THEN
    IF json_typeof(cur) <> 'object' THEN RETURN NULL; END IF;
    p := substr(p, 2);
    IF left(p, 1) = '"' THEN
    i := strpos(substr(p, 2), '"');
    IF i = 0 THEN
    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';
    END IF;
    k := substr(p, 2, i - 1);
    p := substr(p, i + 2);
    ELSE
    k := substring(p from '^[^.\[]*');
    IF k = '' THEN  -- an empty bare key is an error; "" is a key
    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';
    END IF;
    p := substr(p, length(k) + 1);
    END IF;
    cur := cur -> k;
    IF cur IS NULL THEN RETURN NULL; END IF;
    ELSIF left(p, 1) = '[' THEN
    m := regexp_match(p, '^\[([0-9]+)\]');
    IF m IS NOT NULL THEN
    p := substr(p, length(m[1]) + 3);
    IF json_typeof(cur) <> 'array' THEN RETURN NULL; END IF;
    i := m[1]::int;
    ELSE
    m := regexp_match(p, '^\[#(-([0-9]+))?\]');
    IF m IS NULL THEN
    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';
    END IF;
    p := substr(p, length(coalesce(m[1], '')) + 4);
    IF json_typeof(cur) <> 'array' THEN RETURN NULL; END IF;
    len := json_array_length(cur);
    i := len - coalesce(m[2]::int, 0);
    END IF;
    IF i < 0 THEN RETURN NULL; END IF;
    cur := cur -> i;
    IF cur IS NULL THEN RETURN NULL; END IF;
    ELSE
    RAISE EXCEPTION 'JSON path error near ''%''', p USING ERRCODE = '22023';
    END IF;
    END LOOP;
    RETURN cur;
END
$_$;


--
-- Name: sqlite_json_nul_swap(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_json_nul_swap(doc text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT CASE WHEN strpos(doc, '\u0000') = 0 THEN doc
    ELSE regexp_replace(doc, '(?<!\\)((?:\\\\)*)\\u0000', '\1\\ufdd0', 'g') END
$$;


--
-- Name: sqlite_json_typename(json); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_json_typename(v json) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
    SELECT CASE json_typeof(v)
    WHEN 'string' THEN 'text'
    WHEN 'boolean' THEN v::text
    WHEN 'number' THEN CASE WHEN btrim(v::text) ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
    ELSE json_typeof(v) END
$_$;


--
-- Name: sqlite_localtime(double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_localtime(s double precision) RETURNS double precision
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    t float8 := floor(s);
    ts timestamp;
    y int;
BEGIN
    IF s < 0 OR s > 2147385600 THEN
    ts := to_timestamp(t) AT TIME ZONE 'UTC';
    y := extract(year FROM ts)::int;
    IF y < 0 THEN y := y + 1; END IF;  -- PostgreSQL's 1 BC is -1, SQLite's year 0
    t := extract(epoch FROM make_timestamp(2000 + y % 4, extract(month FROM ts)::int, 1, 0, 0, 0))
    + (extract(day FROM ts) - 1) * 86400.0 + extract(epoch FROM ts::time);
    END IF;
    RETURN s + (extract(epoch FROM (to_timestamp(t) AT TIME ZONE current_setting('TimeZone'))) - t);
END
$$;


--
-- Name: sqlite_real_text(double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_real_text(d double precision) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT public.sqlite_fmt_g(d, 15, true)
$$;


--
-- Name: sqlite_strftime_fmt(text, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_strftime_fmt(fmt text, s double precision) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    ts timestamp;
    r text := '';
    c text;
    i int := 1;
    n int;
    whole float8;
    frac float8;
    y int;
BEGIN
    IF fmt IS NULL OR s IS NULL THEN RETURN NULL; END IF;
    s := round(s * 1000.0) / 1000.0;
    whole := floor(s);
    frac := s - whole;
    IF whole < -62135596800 THEN
    n := ceil((-62135596800 - whole) / 12622780800.0)::int;
    ts := to_timestamp(whole + n * 12622780800.0) AT TIME ZONE 'UTC';
    y := extract(year FROM ts)::int - 400 * n;
    ELSE
    ts := to_timestamp(whole) AT TIME ZONE 'UTC';
    y := extract(year FROM ts)::int;
    END IF;
    n := length(fmt);
    WHILE i <= n LOOP
    c := substr(fmt, i, 1);
    IF c <> '%' THEN
    r := r || c;
    i := i + 1;
    CONTINUE;
    END IF;
    c := substr(fmt, i + 1, 1);
    i := i + 2;
    CASE c
    WHEN 'd' THEN r := r || to_char(ts, 'DD');
    WHEN 'f' THEN r := r || to_char(extract(second FROM ts) + frac, 'FM00.000');
    WHEN 'H' THEN r := r || to_char(ts, 'HH24');
    WHEN 'j' THEN r := r || to_char(ts, 'DDD');
    WHEN 'J' THEN r := r || public.sqlite_fmt_g(s / 86400.0 + 2440587.5, 16, false);
    WHEN 'm' THEN r := r || to_char(ts, 'MM');
    WHEN 'M' THEN r := r || to_char(ts, 'MI');
    WHEN 's' THEN r := r || (whole::bigint)::text;
    WHEN 'S' THEN r := r || to_char(ts, 'SS');
    WHEN 'w' THEN r := r || extract(dow FROM ts)::int::text;
    WHEN 'W' THEN r := r || lpad(((extract(doy FROM ts)::int + 6 - ((extract(dow FROM ts)::int + 6) % 7)) / 7)::text, 2, '0');
    WHEN 'Y' THEN r := r || CASE WHEN y < 0 THEN '-' || lpad((-y)::text, 3, '0') ELSE lpad(y::text, 4, '0') END;
    WHEN '%' THEN r := r || '%';
    ELSE RETURN NULL;  -- SQLite 3.40 knows no other conversion
    END CASE;
    END LOOP;
    RETURN r;
END
$$;


--
-- Name: sqlite_time_apply(double precision, text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_time_apply(num double precision, txt text, mods text[]) RETURNS double precision
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $_$
DECLARE
    s float8;
    mod text;
    m text[];
    i int := 0;
    ts timestamp;
    y int; mo int; d int; secs float8;
    n float8;
    unit text;
    w int;
    tzset boolean := txt IS NOT NULL AND btrim(txt) ~ '[0-9](Z|z|[-+][0-9]{2}:?[0-9]{2})$' AND btrim(txt) ~ '^-?[0-9]{4}-';
BEGIN
    IF num IS NULL AND txt IS NOT NULL AND btrim(txt) ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$' THEN
    num := btrim(txt)::float8;
    END IF;
    IF num IS NOT NULL THEN
    IF coalesce(lower(btrim(mods[1])), '') = 'unixepoch' THEN
    s := num;
    i := 1;
    ELSE
    s := (num - 2440587.5) * 86400.0;  -- Julian day number
    END IF;
    ELSE
    s := public.sqlite_time_parse(txt);
    END IF;
    IF s IS NULL THEN RETURN NULL; END IF;
    FOR k IN i + 1 .. coalesce(array_length(mods, 1), 0) LOOP
    IF mods[k] IS NULL THEN RETURN NULL; END IF;
    mod := lower(btrim(mods[k]));
    IF mod = 'localtime' THEN
    s := public.sqlite_localtime(s);
    tzset := false;
    ELSIF mod = 'utc' THEN
    IF NOT tzset THEN  -- a time given with its zone, or already made UTC, stays
    s := public.sqlite_utc(s);
    tzset := true;
    END IF;
    ELSIF mod = 'start of day' THEN
    s := floor(s / 86400.0) * 86400.0;
    ELSIF mod IN ('start of month', 'start of year') THEN
    ts := to_timestamp(s) AT TIME ZONE 'UTC';
    ts := date_trunc(CASE WHEN mod = 'start of month' THEN 'month' ELSE 'year' END, ts);
    s := extract(epoch FROM ts);
    ELSIF mod ~ '^weekday [0-9]+(\.0*)?$' THEN
    n := substr(mod, 9)::float8;
    IF n < 0 OR n > 6 THEN RETURN NULL; END IF;
    w := extract(dow FROM to_timestamp(s) AT TIME ZONE 'UTC')::int;
    s := s + ((n::int - w + 7) % 7) * 86400.0;
    ELSIF mod ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+) *(day|hour|minute|second|month|year)s?$' THEN
    m := regexp_match(mod, '^([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)) *(day|hour|minute|second|month|year)s?$');
    n := m[1]::float8;
    unit := m[2];
    IF unit = 'day' THEN s := s + n * 86400.0;
    ELSIF unit = 'hour' THEN s := s + n * 3600.0;
    ELSIF unit = 'minute' THEN s := s + n * 60.0;
    ELSIF unit = 'second' THEN s := s + n;
    ELSE
    ts := to_timestamp(s) AT TIME ZONE 'UTC';
    y := extract(year FROM ts)::int;
    mo := extract(month FROM ts)::int;
    d := extract(day FROM ts)::int;
    secs := s - floor(s / 86400.0) * 86400.0;
    IF unit = 'year' THEN
    IF n <> trunc(n) THEN
    s := s + n * 365.0 * 86400.0;
    CONTINUE;
    END IF;
    y := y + n::int;
    ELSE
    IF n <> trunc(n) THEN
    s := s + n * 30.0 * 86400.0;
    CONTINUE;
    END IF;
    mo := mo - 1 + n::int;
    y := y + floor(mo / 12.0)::int;
    mo := mo - floor(mo / 12.0)::int * 12 + 1;
    END IF;
    IF y < 1 OR y > 9999 THEN RETURN NULL; END IF;
    s := extract(epoch FROM make_timestamp(y, mo, 1, 0, 0, 0)) + (d - 1) * 86400.0 + secs;
    END IF;
    ELSE
    RETURN NULL;
    END IF;
    END LOOP;
    IF s < -210866760000 OR s >= 253402300800 THEN RETURN NULL; END IF;
    RETURN s;
END
$_$;


--
-- Name: sqlite_time_parse(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_time_parse(t text) RETURNS double precision
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $_$
DECLARE
    m text[];
    s float8;
BEGIN
    IF t IS NULL THEN RETURN NULL; END IF;
    IF lower(btrim(t)) = 'now' THEN
    RETURN floor(extract(epoch FROM statement_timestamp()) * 1000) / 1000;
    END IF;
    m := regexp_match(btrim(t),
    '^(-?[0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?)?\s*(Z|z|[-+][0-9]{2}:?[0-9]{2})?$');
    IF m IS NOT NULL THEN
    IF m[2]::int NOT BETWEEN 1 AND 12 OR m[3]::int NOT BETWEEN 1 AND 31
    OR coalesce(m[4]::int, 0) > 24 OR coalesce(m[5]::int, 0) > 59
    OR coalesce(m[6]::float8, 0) >= 60 THEN
    RETURN NULL;
    END IF;
    s := extract(epoch FROM make_timestamp(m[1]::int, m[2]::int, 1, 0, 0, 0))
    + (m[3]::int - 1) * 86400.0 + coalesce(m[4]::int, 0) * 3600.0
    + coalesce(m[5]::int, 0) * 60.0 + coalesce(m[6]::float8, 0);
    IF m[7] IS NOT NULL AND upper(m[7]) <> 'Z' THEN
    m := regexp_match(m[7], '([-+])([0-9]{2}):?([0-9]{2})');
    s := s - (CASE WHEN m[1] = '-' THEN -1 ELSE 1 END) * (m[2]::int * 3600 + m[3]::int * 60);
    END IF;
    RETURN s;
    END IF;
    m := regexp_match(btrim(t), '^([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?$');
    IF m IS NOT NULL THEN  -- a time alone is on 2000-01-01
    RETURN 946684800 + m[1]::int * 3600.0 + m[2]::int * 60.0 + coalesce(m[3]::float8, 0);
    END IF;
    IF btrim(t) ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$' THEN
    RETURN NULL;  -- numeric text: the caller decides between Julian day and unixepoch
    END IF;
    RETURN NULL;
END
$_$;


--
-- Name: sqlite_utc(double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sqlite_utc(l double precision) RETURNS double precision
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    g float8 := l;
    e float8 := 0;
    cnt int := 0;
BEGIN
    LOOP
    g := g - e;
    e := public.sqlite_localtime(g) - l;
    EXIT WHEN e = 0 OR cnt >= 3;
    cnt := cnt + 1;
    END LOOP;
    RETURN g;
END
$$;


--
-- Name: strftime(text, double precision, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.strftime(fmt text, t double precision, VARIADIC mods text[] DEFAULT '{}'::text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_strftime_fmt(fmt, public.sqlite_time_apply(t, NULL, mods))
$$;


--
-- Name: strftime(text, text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.strftime(fmt text, t text, VARIADIC mods text[] DEFAULT '{}'::text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT public.sqlite_strftime_fmt(fmt, public.sqlite_time_apply(NULL, t, mods))
$$;


--
-- Name: unixepoch(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unixepoch() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT floor(extract(epoch FROM statement_timestamp()))::bigint
$$;


--
-- Name: unixepoch(double precision, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unixepoch(t double precision, VARIADIC mods text[] DEFAULT '{}'::text[]) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT floor(public.sqlite_time_apply(t, NULL, mods))::bigint
$$;


--
-- Name: unixepoch(text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unixepoch(t text, VARIADIC mods text[] DEFAULT '{}'::text[]) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT floor(public.sqlite_time_apply(NULL, t, mods))::bigint
$$;


--
-- Name: avg(boolean); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.avg(boolean) (
    SFUNC = public.sqlite_bool_avg_step,
    STYPE = bigint[],
    INITCOND = '{0,0}',
    FINALFUNC = public.sqlite_bool_avg_final
);


--
-- Name: group_concat(anyelement); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.group_concat(anyelement) (
    SFUNC = public.sqlite_group_concat_step,
    STYPE = text
);


--
-- Name: group_concat(anyelement, text); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.group_concat(anyelement, text) (
    SFUNC = public.sqlite_group_concat_step,
    STYPE = text
);


--
-- Name: json_group_array(anyelement); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.json_group_array(anyelement) (
    SFUNC = public.sqlite_json_group_array_step,
    STYPE = text,
    FINALFUNC = public.sqlite_json_group_array_final
);


--
-- Name: sum(boolean); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.sum(boolean) (
    SFUNC = public.sqlite_bool_sum_step,
    STYPE = bigint
);


--
-- Name: total(double precision); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.total(double precision) (
    SFUNC = float8pl,
    STYPE = double precision,
    INITCOND = '0'
);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: attachments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attachments (
    id bigint NOT NULL,
    message_id bigint NOT NULL,
    "position" bigint NOT NULL,
    name text NOT NULL,
    mime_type text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    data text
);


--
-- Name: business_hours; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.business_hours (
    weekday bigint NOT NULL,
    opens bigint NOT NULL,
    closes bigint NOT NULL,
    CONSTRAINT business_hours_check CHECK (((opens >= 0) AND (opens < closes) AND (closes <= 1440))),
    CONSTRAINT business_hours_weekday_check CHECK (((weekday >= 0) AND (weekday <= 6)))
);


--
-- Name: case_links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_links (
    case_a bigint NOT NULL,
    case_b bigint NOT NULL,
    CONSTRAINT case_links_check CHECK ((case_a < case_b))
);


--
-- Name: case_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_tags (
    case_id bigint NOT NULL,
    tag text NOT NULL
);


--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    title text NOT NULL,
    status text DEFAULT 'new'::text NOT NULL,
    priority text DEFAULT 'normal'::text NOT NULL,
    channel text,
    stage text,
    owner text,
    outcome text,
    opened_by text NOT NULL,
    opened_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    first_response_at bigint,
    resolved_at bigint,
    closed_at bigint,
    CONSTRAINT cases_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'normal'::text, 'high'::text, 'urgent'::text]))),
    CONSTRAINT cases_status_check CHECK ((status = ANY (ARRAY['new'::text, 'open'::text, 'pending'::text, 'resolved'::text, 'closed'::text])))
);


--
-- Name: channels; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.channels (
    name text NOT NULL,
    "position" bigint NOT NULL
);


--
-- Name: customer_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_tags (
    customer_id bigint NOT NULL,
    tag text NOT NULL
);


--
-- Name: customers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customers (
    id bigint NOT NULL,
    name text NOT NULL,
    email text,
    phone text,
    handle text,
    org text,
    note text,
    prefers text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    merged_into bigint,
    forgotten_at bigint
);


--
-- Name: cx_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cx_schema (
    version bigint NOT NULL
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    at bigint NOT NULL,
    actor text NOT NULL,
    entity text NOT NULL,
    entity_id bigint,
    action text NOT NULL,
    note_id bigint,
    details text
);


--
-- Name: feedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback (
    id bigint NOT NULL,
    source text NOT NULL,
    platform_id text,
    key text NOT NULL,
    customer_id bigint,
    author text,
    url text,
    at bigint NOT NULL,
    rating bigint,
    body text,
    sentiment text,
    sentiment_by text,
    status text DEFAULT 'open'::text NOT NULL,
    why text,
    first_response_at bigint,
    case_id bigint,
    added_by text NOT NULL,
    added_at bigint NOT NULL,
    CONSTRAINT feedback_rating_check CHECK (((rating >= 1) AND (rating <= 5))),
    CONSTRAINT feedback_sentiment_by_check CHECK ((sentiment_by = ANY (ARRAY['rating'::text, 'hand'::text, 'guess'::text]))),
    CONSTRAINT feedback_sentiment_check CHECK ((sentiment = ANY (ARRAY['negative'::text, 'neutral'::text, 'positive'::text]))),
    CONSTRAINT feedback_status_check CHECK ((status = ANY (ARRAY['open'::text, 'answered'::text, 'ignored'::text])))
);


--
-- Name: feedback_replies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback_replies (
    id bigint NOT NULL,
    feedback_id bigint NOT NULL,
    at bigint NOT NULL,
    author text NOT NULL,
    body text NOT NULL
);


--
-- Name: feedback_sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback_sources (
    name text NOT NULL,
    "position" bigint NOT NULL
);


--
-- Name: feedback_targets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback_targets (
    source text NOT NULL,
    sentiment text NOT NULL,
    seconds bigint NOT NULL,
    CONSTRAINT feedback_targets_seconds_check CHECK ((seconds > 0)),
    CONSTRAINT feedback_targets_sentiment_check CHECK ((sentiment = ANY (ARRAY['negative'::text, 'neutral'::text, 'positive'::text, 'unknown'::text, '*'::text])))
);


--
-- Name: holidays; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.holidays (
    day text NOT NULL,
    name text
);


--
-- Name: notes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notes (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    case_id bigint,
    public bigint DEFAULT 0 NOT NULL,
    kind text NOT NULL,
    body text NOT NULL,
    author text NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT notes_public_check CHECK ((public = ANY (ARRAY[(0)::bigint, (1)::bigint])))
);


--
-- Name: responses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.responses (
    id bigint NOT NULL,
    survey_id bigint NOT NULL,
    key text NOT NULL,
    customer_id bigint,
    email text,
    name text,
    at bigint NOT NULL,
    complete bigint NOT NULL,
    nps bigint,
    csat bigint,
    ces bigint,
    comment text,
    answers text,
    case_id bigint,
    imported_at bigint NOT NULL,
    import_id bigint,
    cont bigint,
    cont_scale bigint,
    CONSTRAINT responses_ces_check CHECK (((ces >= 1) AND (ces <= 7))),
    CONSTRAINT responses_complete_check CHECK ((complete = ANY (ARRAY[(0)::bigint, (1)::bigint]))),
    CONSTRAINT responses_cont_check CHECK (((cont >= 0) AND (cont <= 10))),
    CONSTRAINT responses_cont_scale_check CHECK (((cont_scale = 5) OR (cont_scale = 7) OR (cont_scale = 10))),
    CONSTRAINT responses_csat_check CHECK (((csat >= 1) AND (csat <= 5))),
    CONSTRAINT responses_nps_check CHECK (((nps >= 0) AND (nps <= 10)))
);


--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: surveys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.surveys (
    id bigint NOT NULL,
    name text NOT NULL,
    tool text NOT NULL,
    stage text,
    columns text,
    created_at bigint NOT NULL,
    language text
);


--
-- Name: touchpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touchpoints (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    at bigint NOT NULL,
    channel text NOT NULL,
    stage text NOT NULL,
    emotion bigint,
    effort bigint,
    direction text,
    case_id bigint,
    summary text,
    key text,
    author text NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT touchpoints_direction_check CHECK ((direction = ANY (ARRAY['in'::text, 'out'::text]))),
    CONSTRAINT touchpoints_effort_check CHECK (((effort >= 1) AND (effort <= 7))),
    CONSTRAINT touchpoints_emotion_check CHECK (((emotion >= '-2'::integer) AND (emotion <= 2)))
);


--
-- Name: journey; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.journey AS
 SELECT 'touch'::text AS kind,
    touchpoints.id AS ref,
    touchpoints.customer_id,
    touchpoints.at,
    touchpoints.channel,
    touchpoints.stage,
    touchpoints.emotion,
    touchpoints.effort,
    touchpoints.direction,
    touchpoints.case_id,
    touchpoints.summary
   FROM public.touchpoints
UNION ALL
 SELECT 'case'::text AS kind,
    cases.id AS ref,
    cases.customer_id,
    cases.opened_at AS at,
    COALESCE(cases.channel, 'other'::text) AS channel,
    COALESCE(cases.stage, 'service'::text) AS stage,
    NULL::bigint AS emotion,
    NULL::bigint AS effort,
    'in'::text AS direction,
    cases.id AS case_id,
    cases.title AS summary
   FROM public.cases
UNION ALL
 SELECT 'reply'::text AS kind,
    n.id AS ref,
    n.customer_id,
    n.created_at AS at,
        CASE n.kind
            WHEN 'call'::text THEN 'phone'::text
            WHEN 'email'::text THEN 'email'::text
            WHEN 'chat'::text THEN 'chat'::text
            WHEN 'visit'::text THEN 'store'::text
            WHEN 'social'::text THEN 'social'::text
            ELSE COALESCE(k.channel, 'other'::text)
        END AS channel,
    COALESCE(k.stage, 'service'::text) AS stage,
    NULL::bigint AS emotion,
    NULL::bigint AS effort,
    'out'::text AS direction,
    n.case_id,
    n.body AS summary
   FROM (public.notes n
     JOIN public.cases k ON ((k.id = n.case_id)))
  WHERE (n.public = 1)
UNION ALL
 SELECT 'survey'::text AS kind,
    r.id AS ref,
    r.customer_id,
    r.at,
    'web'::text AS channel,
    COALESCE(s.stage, 'recommendation'::text) AS stage,
        CASE
            WHEN (r.nps IS NOT NULL) THEN
            CASE
                WHEN (r.nps <= 4) THEN (- (2)::bigint)
                WHEN (r.nps <= 6) THEN (- (1)::bigint)
                WHEN (r.nps <= 8) THEN (0)::bigint
                WHEN (r.nps = 9) THEN (1)::bigint
                ELSE (2)::bigint
            END
            WHEN (r.csat IS NOT NULL) THEN (r.csat - 3)
            ELSE NULL::bigint
        END AS emotion,
    r.ces AS effort,
    'in'::text AS direction,
    r.case_id,
    ((((s.name || COALESCE((': NPS '::text || r.nps), ''::text)) || COALESCE((', CSAT '::text || r.csat), ''::text)) || COALESCE((', CES '::text || r.ces), ''::text)) || COALESCE((' - '::text || r.comment), ''::text)) AS summary
   FROM (public.responses r
     JOIN public.surveys s ON ((s.id = r.survey_id)))
  WHERE ((r.complete = 1) AND (r.customer_id IS NOT NULL))
UNION ALL
 SELECT 'feedback'::text AS kind,
    f.id AS ref,
    f.customer_id,
    f.at,
    'social'::text AS channel,
    COALESCE(( SELECT settings.value
           FROM public.settings
          WHERE (settings.key = 'feedback.stage'::text)), 'recommendation'::text) AS stage,
        CASE
            WHEN (f.rating IS NOT NULL) THEN (f.rating - 3)
            WHEN (f.sentiment = 'negative'::text) THEN (- (1)::bigint)
            WHEN (f.sentiment = 'positive'::text) THEN (1)::bigint
            WHEN (f.sentiment = 'neutral'::text) THEN (0)::bigint
            ELSE NULL::bigint
        END AS emotion,
    NULL::bigint AS effort,
    'in'::text AS direction,
    f.case_id,
    ((f.source || COALESCE(((' '::text || f.rating) || '/5'::text), ''::text)) || COALESCE((': '::text || f.body), ''::text)) AS summary
   FROM public.feedback f
  WHERE (f.customer_id IS NOT NULL);


--
-- Name: message_refs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.message_refs (
    message_id bigint NOT NULL,
    "position" bigint NOT NULL,
    msgid text NOT NULL
);


--
-- Name: messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.messages (
    id bigint NOT NULL,
    direction text NOT NULL,
    state text NOT NULL,
    reason text,
    msgid text,
    in_reply_to text,
    sha256 text NOT NULL,
    from_addr text,
    from_name text,
    to_addrs text,
    subject text,
    sent_at bigint,
    at bigint NOT NULL,
    customer_id bigint,
    case_id bigint,
    note_id bigint,
    source text,
    "position" text,
    size bigint NOT NULL,
    raw text,
    added_by text NOT NULL,
    added_at bigint NOT NULL,
    CONSTRAINT messages_direction_check CHECK ((direction = ANY (ARRAY['in'::text, 'out'::text]))),
    CONSTRAINT messages_state_check CHECK ((state = ANY (ARRAY['imported'::text, 'skipped'::text, 'failed'::text])))
);


--
-- Name: search_index; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.search_index (
    rowid bigint NOT NULL,
    body text NOT NULL,
    stems text,
    tsv tsvector GENERATED ALWAYS AS ((to_tsvector('simple'::regconfig, public.cx_unaccent(body)) || to_tsvector('simple'::regconfig, public.cx_unaccent(COALESCE(stems, ''::text))))) STORED
);


--
-- Name: search_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.search_state (
    kind bigint NOT NULL,
    indexed_to bigint NOT NULL
);


--
-- Name: sla_breaches; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sla_breaches (
    case_id bigint NOT NULL,
    clock text NOT NULL,
    noticed_at bigint NOT NULL,
    CONSTRAINT sla_breaches_clock_check CHECK ((clock = ANY (ARRAY['response'::text, 'resolution'::text])))
);


--
-- Name: sla_policies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sla_policies (
    priority text NOT NULL,
    channel text DEFAULT '*'::text NOT NULL,
    first_response bigint,
    resolution bigint,
    CONSTRAINT sla_policies_first_response_check CHECK ((first_response > 0)),
    CONSTRAINT sla_policies_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'normal'::text, 'high'::text, 'urgent'::text]))),
    CONSTRAINT sla_policies_resolution_check CHECK ((resolution > 0))
);


--
-- Name: stages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stages (
    name text NOT NULL,
    "position" bigint NOT NULL
);


--
-- Name: survey_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.survey_imports (
    id bigint NOT NULL,
    survey_id bigint NOT NULL,
    sha256 text,
    file text NOT NULL,
    rules text,
    rows bigint NOT NULL,
    added bigint NOT NULL,
    imported_by text NOT NULL,
    imported_at bigint NOT NULL
);


--
-- Name: survey_questions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.survey_questions (
    survey_id bigint NOT NULL,
    qid bigint NOT NULL,
    text text NOT NULL
);


--
-- Name: survey_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.survey_requests (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    token text NOT NULL,
    survey text NOT NULL,
    asked_at bigint NOT NULL,
    asked_by text NOT NULL,
    reminded_at bigint,
    sent bigint NOT NULL,
    response_id bigint,
    CONSTRAINT survey_requests_sent_check CHECK ((sent = ANY (ARRAY[(0)::bigint, (1)::bigint])))
);


--
-- Name: templates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.templates (
    name text NOT NULL,
    body text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);


--
-- Name: topic_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.topic_items (
    topic text NOT NULL,
    kind bigint NOT NULL,
    ref bigint NOT NULL
);


--
-- Name: topic_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.topic_state (
    topic text NOT NULL,
    kind bigint NOT NULL,
    tagged_to bigint NOT NULL
);


--
-- Name: topics; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.topics (
    name text NOT NULL,
    query text NOT NULL,
    created_by text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Data for Name: attachments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.attachments (id, message_id, "position", name, mime_type, size, sha256, data) FROM stdin;
\.


--
-- Data for Name: business_hours; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.business_hours (weekday, opens, closes) FROM stdin;
\.


--
-- Data for Name: case_links; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.case_links (case_a, case_b) FROM stdin;
\.


--
-- Data for Name: case_tags; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.case_tags (case_id, tag) FROM stdin;
\.


--
-- Data for Name: cases; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cases (id, customer_id, title, status, priority, channel, stage, owner, outcome, opened_by, opened_at, updated_at, first_response_at, resolved_at, closed_at) FROM stdin;
3	1	Refund	new	normal	\N	\N	\N	\N	ana	1772442000	1772442000	\N	\N	\N
2	2	Late delivery	open	normal	\N	\N	ben	\N	ana	1772442000	1772442000	\N	\N	\N
1	1	Lid broken	resolved	high	\N	\N	\N	replaced	ana	1772442000	1772442000	1772442000	1772442000	\N
\.


--
-- Data for Name: channels; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.channels (name, "position") FROM stdin;
phone	1
email	2
social	3
store	4
web	5
chat	6
packaging	7
product	8
other	9
\.


--
-- Data for Name: customer_tags; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.customer_tags (customer_id, tag) FROM stdin;
\.


--
-- Data for Name: customers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.customers (id, name, email, phone, handle, org, note, prefers, created_at, updated_at, merged_into, forgotten_at) FROM stdin;
1	Dana Ruiz	dana@example.com	555 0100	\N	\N	\N	\N	1772442000	1772442000	\N	\N
2	Sam Lee	sam@example.com	\N	\N	\N	\N	\N	1772442000	1772442000	\N	\N
\.


--
-- Data for Name: cx_schema; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cx_schema (version) FROM stdin;
16
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events (id, at, actor, entity, entity_id, action, note_id, details) FROM stdin;
1	1772442000	ana	customer	1	create	\N	\N
2	1772442000	ana	customer	2	create	\N	\N
3	1772442000	ana	case	1	create	\N	{"priority":"high","channel":null,"stage":null,"owner":null}
4	1772442000	ana	case	2	create	\N	{"priority":"normal","channel":null,"stage":null,"owner":null}
5	1772442000	ana	case	3	create	\N	{"priority":"normal","channel":null,"stage":null,"owner":null}
6	1772442000	ana	case	1	note	1	{"visibility":"public"}
7	1772442000	ana	case	1	status	\N	{"from":"new","to":"open"}
8	1772442000	ana	case	2	note	2	{"visibility":"internal"}
9	1772442000	ana	case	2	assign	\N	{"from":null,"to":"ben"}
10	1772442000	ana	case	2	status	\N	{"from":"new","to":"open","outcome":null}
11	1772442000	ana	case	1	status	\N	{"from":"open","to":"resolved","outcome":"replaced"}
12	1772442000	ana	touchpoint	1	create	\N	\N
\.


--
-- Data for Name: feedback; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.feedback (id, source, platform_id, key, customer_id, author, url, at, rating, body, sentiment, sentiment_by, status, why, first_response_at, case_id, added_by, added_at) FROM stdin;
\.


--
-- Data for Name: feedback_replies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.feedback_replies (id, feedback_id, at, author, body) FROM stdin;
\.


--
-- Data for Name: feedback_sources; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.feedback_sources (name, "position") FROM stdin;
google	1
facebook	2
instagram	3
x	4
yelp	5
trustpilot	6
tripadvisor	7
email	8
other	9
\.


--
-- Data for Name: feedback_targets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.feedback_targets (source, sentiment, seconds) FROM stdin;
*	negative	14400
*	neutral	86400
*	unknown	86400
*	positive	172800
\.


--
-- Data for Name: holidays; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.holidays (day, name) FROM stdin;
\.


--
-- Data for Name: message_refs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.message_refs (message_id, "position", msgid) FROM stdin;
\.


--
-- Data for Name: messages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.messages (id, direction, state, reason, msgid, in_reply_to, sha256, from_addr, from_name, to_addrs, subject, sent_at, at, customer_id, case_id, note_id, source, "position", size, raw, added_by, added_at) FROM stdin;
\.


--
-- Data for Name: notes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notes (id, customer_id, case_id, public, kind, body, author, created_at) FROM stdin;
1	1	1	1	other	Called Dana, a new lid goes out today	ana	1772442000
2	2	2	0	other	Courier says Friday	ana	1772442000
\.


--
-- Data for Name: responses; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.responses (id, survey_id, key, customer_id, email, name, at, complete, nps, csat, ces, comment, answers, case_id, imported_at, import_id, cont, cont_scale) FROM stdin;
\.


--
-- Data for Name: search_index; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.search_index (rowid, body, stems) FROM stdin;
\.


--
-- Data for Name: search_state; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.search_state (kind, indexed_to) FROM stdin;
\.


--
-- Data for Name: settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.settings (key, value) FROM stdin;
\.


--
-- Data for Name: sla_breaches; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sla_breaches (case_id, clock, noticed_at) FROM stdin;
\.


--
-- Data for Name: sla_policies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sla_policies (priority, channel, first_response, resolution) FROM stdin;
urgent	*	3600	28800
high	*	14400	57600
normal	*	28800	144000
low	*	57600	288000
\.


--
-- Data for Name: stages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.stages (name, "position") FROM stdin;
awareness	1
consideration	2
decision	3
purchase	4
delivery	5
packaging	6
use	7
recommendation	8
service	9
\.


--
-- Data for Name: survey_imports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.survey_imports (id, survey_id, sha256, file, rules, rows, added, imported_by, imported_at) FROM stdin;
\.


--
-- Data for Name: survey_questions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.survey_questions (survey_id, qid, text) FROM stdin;
\.


--
-- Data for Name: survey_requests; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.survey_requests (id, case_id, customer_id, token, survey, asked_at, asked_by, reminded_at, sent, response_id) FROM stdin;
\.


--
-- Data for Name: surveys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.surveys (id, name, tool, stage, columns, created_at, language) FROM stdin;
\.


--
-- Data for Name: templates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.templates (name, body, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: topic_items; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.topic_items (topic, kind, ref) FROM stdin;
\.


--
-- Data for Name: topic_state; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.topic_state (topic, kind, tagged_to) FROM stdin;
\.


--
-- Data for Name: topics; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.topics (name, query, created_by, created_at) FROM stdin;
\.


--
-- Data for Name: touchpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.touchpoints (id, customer_id, at, channel, stage, emotion, effort, direction, case_id, summary, key, author, created_at) FROM stdin;
1	1	1772442000	phone	service	\N	\N	\N	\N	called about the lid	\N	ana	1772442000
\.


--
-- Name: attachments attachments_message_id_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_message_id_position_key UNIQUE (message_id, "position");


--
-- Name: attachments attachments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_pkey PRIMARY KEY (id);


--
-- Name: business_hours business_hours_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.business_hours
    ADD CONSTRAINT business_hours_pkey PRIMARY KEY (weekday, opens);


--
-- Name: case_links case_links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_links
    ADD CONSTRAINT case_links_pkey PRIMARY KEY (case_a, case_b);


--
-- Name: case_tags case_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_tags
    ADD CONSTRAINT case_tags_pkey PRIMARY KEY (case_id, tag);


--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);


--
-- Name: channels channels_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.channels
    ADD CONSTRAINT channels_pkey PRIMARY KEY (name);


--
-- Name: customer_tags customer_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_tags
    ADD CONSTRAINT customer_tags_pkey PRIMARY KEY (customer_id, tag);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: feedback feedback_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_key_key UNIQUE (key);


--
-- Name: feedback feedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_pkey PRIMARY KEY (id);


--
-- Name: feedback_replies feedback_replies_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_replies
    ADD CONSTRAINT feedback_replies_pkey PRIMARY KEY (id);


--
-- Name: feedback_sources feedback_sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_sources
    ADD CONSTRAINT feedback_sources_pkey PRIMARY KEY (name);


--
-- Name: feedback_targets feedback_targets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_targets
    ADD CONSTRAINT feedback_targets_pkey PRIMARY KEY (source, sentiment);


--
-- Name: holidays holidays_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.holidays
    ADD CONSTRAINT holidays_pkey PRIMARY KEY (day);


--
-- Name: message_refs message_refs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.message_refs
    ADD CONSTRAINT message_refs_pkey PRIMARY KEY (message_id, "position");


--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (id);


--
-- Name: notes notes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);


--
-- Name: responses responses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_pkey PRIMARY KEY (id);


--
-- Name: responses responses_survey_id_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_survey_id_key_key UNIQUE (survey_id, key);


--
-- Name: search_index search_index_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.search_index
    ADD CONSTRAINT search_index_pkey PRIMARY KEY (rowid);


--
-- Name: search_state search_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.search_state
    ADD CONSTRAINT search_state_pkey PRIMARY KEY (kind);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);


--
-- Name: sla_breaches sla_breaches_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sla_breaches
    ADD CONSTRAINT sla_breaches_pkey PRIMARY KEY (case_id, clock);


--
-- Name: sla_policies sla_policies_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sla_policies
    ADD CONSTRAINT sla_policies_pkey PRIMARY KEY (priority, channel);


--
-- Name: stages stages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stages
    ADD CONSTRAINT stages_pkey PRIMARY KEY (name);


--
-- Name: survey_imports survey_imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_imports
    ADD CONSTRAINT survey_imports_pkey PRIMARY KEY (id);


--
-- Name: survey_questions survey_questions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_questions
    ADD CONSTRAINT survey_questions_pkey PRIMARY KEY (survey_id, qid);


--
-- Name: survey_questions survey_questions_survey_id_text_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_questions
    ADD CONSTRAINT survey_questions_survey_id_text_key UNIQUE (survey_id, text);


--
-- Name: survey_requests survey_requests_case_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_requests
    ADD CONSTRAINT survey_requests_case_id_key UNIQUE (case_id);


--
-- Name: survey_requests survey_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_requests
    ADD CONSTRAINT survey_requests_pkey PRIMARY KEY (id);


--
-- Name: survey_requests survey_requests_token_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_requests
    ADD CONSTRAINT survey_requests_token_key UNIQUE (token);


--
-- Name: surveys surveys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.surveys
    ADD CONSTRAINT surveys_pkey PRIMARY KEY (id);


--
-- Name: templates templates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.templates
    ADD CONSTRAINT templates_pkey PRIMARY KEY (name);


--
-- Name: topic_items topic_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.topic_items
    ADD CONSTRAINT topic_items_pkey PRIMARY KEY (topic, kind, ref);


--
-- Name: topic_state topic_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.topic_state
    ADD CONSTRAINT topic_state_pkey PRIMARY KEY (topic, kind);


--
-- Name: topics topics_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.topics
    ADD CONSTRAINT topics_pkey PRIMARY KEY (name);


--
-- Name: touchpoints touchpoints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touchpoints
    ADD CONSTRAINT touchpoints_pkey PRIMARY KEY (id);


--
-- Name: case_links_b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_links_b ON public.case_links USING btree (case_b);


--
-- Name: case_tags_tag; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_tags_tag ON public.case_tags USING btree (tag, case_id);


--
-- Name: cases_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_customer ON public.cases USING btree (customer_id, opened_at);


--
-- Name: cases_opened; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_opened ON public.cases USING btree (opened_at);


--
-- Name: cases_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_owner ON public.cases USING btree (owner, status);


--
-- Name: cases_resolved; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_resolved ON public.cases USING btree (resolved_at) WHERE (resolved_at IS NOT NULL);


--
-- Name: cases_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_status ON public.cases USING btree (status, opened_at);


--
-- Name: customer_tags_tag; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_tags_tag ON public.customer_tags USING btree (tag, customer_id);


--
-- Name: customers_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX customers_email ON public.customers USING btree (lower(email));


--
-- Name: customers_handle; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX customers_handle ON public.customers USING btree (lower(handle));


--
-- Name: customers_merged_into; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_merged_into ON public.customers USING btree (merged_into) WHERE (merged_into IS NOT NULL);


--
-- Name: customers_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_name ON public.customers USING btree (lower(name));


--
-- Name: events_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_at ON public.events USING btree (at);


--
-- Name: events_entity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_entity ON public.events USING btree (entity, entity_id, at);


--
-- Name: feedback_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_at ON public.feedback USING btree (at);


--
-- Name: feedback_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_customer ON public.feedback USING btree (customer_id, at) WHERE (customer_id IS NOT NULL);


--
-- Name: feedback_replies_item; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_replies_item ON public.feedback_replies USING btree (feedback_id, at);


--
-- Name: feedback_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_status ON public.feedback USING btree (status, at);


--
-- Name: message_refs_msgid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX message_refs_msgid ON public.message_refs USING btree (msgid);


--
-- Name: messages_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX messages_at ON public.messages USING btree (at);


--
-- Name: messages_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX messages_case ON public.messages USING btree (case_id, at) WHERE (case_id IS NOT NULL);


--
-- Name: messages_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX messages_customer ON public.messages USING btree (customer_id) WHERE (customer_id IS NOT NULL);


--
-- Name: messages_msgid; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX messages_msgid ON public.messages USING btree (msgid) WHERE (msgid IS NOT NULL);


--
-- Name: messages_sha256; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX messages_sha256 ON public.messages USING btree (sha256);


--
-- Name: messages_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX messages_state ON public.messages USING btree (state, id) WHERE (state <> 'imported'::text);


--
-- Name: notes_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notes_case ON public.notes USING btree (case_id, created_at);


--
-- Name: notes_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notes_customer ON public.notes USING btree (customer_id, created_at);


--
-- Name: notes_public_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notes_public_at ON public.notes USING btree (created_at) WHERE (public = 1);


--
-- Name: responses_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_at ON public.responses USING btree (at) WHERE (complete = 1);


--
-- Name: responses_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_case ON public.responses USING btree (case_id) WHERE (case_id IS NOT NULL);


--
-- Name: responses_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_customer ON public.responses USING btree (customer_id, at) WHERE (customer_id IS NOT NULL);


--
-- Name: search_index_tsv; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX search_index_tsv ON public.search_index USING gin (tsv);


--
-- Name: survey_imports_sha256; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX survey_imports_sha256 ON public.survey_imports USING btree (sha256, survey_id);


--
-- Name: survey_requests_asked; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX survey_requests_asked ON public.survey_requests USING btree (asked_at);


--
-- Name: survey_requests_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX survey_requests_customer ON public.survey_requests USING btree (customer_id);


--
-- Name: surveys_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX surveys_name ON public.surveys USING btree (lower(name));


--
-- Name: touchpoints_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touchpoints_at ON public.touchpoints USING btree (at);


--
-- Name: touchpoints_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touchpoints_case ON public.touchpoints USING btree (case_id) WHERE (case_id IS NOT NULL);


--
-- Name: touchpoints_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touchpoints_customer ON public.touchpoints USING btree (customer_id, at);


--
-- Name: touchpoints_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX touchpoints_key ON public.touchpoints USING btree (key) WHERE (key IS NOT NULL);


--
-- Name: attachments attachments_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER attachments_id BEFORE INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_attachments();


--
-- Name: cases cases_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_id BEFORE INSERT ON public.cases FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_cases();


--
-- Name: customers customers_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_id BEFORE INSERT ON public.customers FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_customers();


--
-- Name: events events_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_id BEFORE INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_events();


--
-- Name: feedback feedback_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER feedback_id BEFORE INSERT ON public.feedback FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_feedback();


--
-- Name: feedback_replies feedback_replies_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER feedback_replies_id BEFORE INSERT ON public.feedback_replies FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_feedback_replies();


--
-- Name: messages messages_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER messages_id BEFORE INSERT ON public.messages FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_messages();


--
-- Name: notes notes_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER notes_id BEFORE INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_notes();


--
-- Name: responses responses_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER responses_id BEFORE INSERT ON public.responses FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_responses();


--
-- Name: survey_imports survey_imports_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER survey_imports_id BEFORE INSERT ON public.survey_imports FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_survey_imports();


--
-- Name: survey_requests survey_requests_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER survey_requests_id BEFORE INSERT ON public.survey_requests FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_survey_requests();


--
-- Name: surveys surveys_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER surveys_id BEFORE INSERT ON public.surveys FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_surveys();


--
-- Name: touchpoints touchpoints_id; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER touchpoints_id BEFORE INSERT ON public.touchpoints FOR EACH ROW EXECUTE FUNCTION public.cx_next_id_touchpoints();


--
-- Name: attachments attachments_message_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_message_id_fkey FOREIGN KEY (message_id) REFERENCES public.messages(id) ON DELETE CASCADE DEFERRABLE;


--
-- Name: case_links case_links_case_a_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_links
    ADD CONSTRAINT case_links_case_a_fkey FOREIGN KEY (case_a) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: case_links case_links_case_b_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_links
    ADD CONSTRAINT case_links_case_b_fkey FOREIGN KEY (case_b) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: case_tags case_tags_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_tags
    ADD CONSTRAINT case_tags_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) ON DELETE CASCADE DEFERRABLE;


--
-- Name: cases cases_channel_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_channel_fkey FOREIGN KEY (channel) REFERENCES public.channels(name) ON UPDATE CASCADE DEFERRABLE;


--
-- Name: cases cases_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: cases cases_stage_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_stage_fkey FOREIGN KEY (stage) REFERENCES public.stages(name) ON UPDATE CASCADE DEFERRABLE;


--
-- Name: customer_tags customer_tags_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_tags
    ADD CONSTRAINT customer_tags_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE DEFERRABLE;


--
-- Name: customers customers_merged_into_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_merged_into_fkey FOREIGN KEY (merged_into) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: events events_note_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_note_id_fkey FOREIGN KEY (note_id) REFERENCES public.notes(id) DEFERRABLE;


--
-- Name: feedback feedback_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: feedback feedback_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: feedback_replies feedback_replies_feedback_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_replies
    ADD CONSTRAINT feedback_replies_feedback_id_fkey FOREIGN KEY (feedback_id) REFERENCES public.feedback(id) DEFERRABLE;


--
-- Name: feedback feedback_source_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_source_fkey FOREIGN KEY (source) REFERENCES public.feedback_sources(name) ON UPDATE CASCADE DEFERRABLE;


--
-- Name: message_refs message_refs_message_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.message_refs
    ADD CONSTRAINT message_refs_message_id_fkey FOREIGN KEY (message_id) REFERENCES public.messages(id) ON DELETE CASCADE DEFERRABLE;


--
-- Name: messages messages_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: messages messages_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: messages messages_note_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_note_id_fkey FOREIGN KEY (note_id) REFERENCES public.notes(id) DEFERRABLE;


--
-- Name: notes notes_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: notes notes_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: responses responses_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: responses responses_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: responses responses_import_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_import_id_fkey FOREIGN KEY (import_id) REFERENCES public.survey_imports(id) DEFERRABLE;


--
-- Name: responses responses_survey_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_survey_id_fkey FOREIGN KEY (survey_id) REFERENCES public.surveys(id) DEFERRABLE;


--
-- Name: sla_breaches sla_breaches_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sla_breaches
    ADD CONSTRAINT sla_breaches_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: survey_imports survey_imports_survey_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_imports
    ADD CONSTRAINT survey_imports_survey_id_fkey FOREIGN KEY (survey_id) REFERENCES public.surveys(id) DEFERRABLE;


--
-- Name: survey_questions survey_questions_survey_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_questions
    ADD CONSTRAINT survey_questions_survey_id_fkey FOREIGN KEY (survey_id) REFERENCES public.surveys(id) DEFERRABLE;


--
-- Name: survey_requests survey_requests_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_requests
    ADD CONSTRAINT survey_requests_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: survey_requests survey_requests_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_requests
    ADD CONSTRAINT survey_requests_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: survey_requests survey_requests_response_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_requests
    ADD CONSTRAINT survey_requests_response_id_fkey FOREIGN KEY (response_id) REFERENCES public.responses(id) DEFERRABLE;


--
-- Name: surveys surveys_stage_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.surveys
    ADD CONSTRAINT surveys_stage_fkey FOREIGN KEY (stage) REFERENCES public.stages(name) ON UPDATE CASCADE DEFERRABLE;


--
-- Name: topic_items topic_items_topic_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.topic_items
    ADD CONSTRAINT topic_items_topic_fkey FOREIGN KEY (topic) REFERENCES public.topics(name) ON DELETE CASCADE DEFERRABLE;


--
-- Name: topic_state topic_state_topic_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.topic_state
    ADD CONSTRAINT topic_state_topic_fkey FOREIGN KEY (topic) REFERENCES public.topics(name) ON DELETE CASCADE DEFERRABLE;


--
-- Name: touchpoints touchpoints_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touchpoints
    ADD CONSTRAINT touchpoints_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) DEFERRABLE;


--
-- Name: touchpoints touchpoints_channel_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touchpoints
    ADD CONSTRAINT touchpoints_channel_fkey FOREIGN KEY (channel) REFERENCES public.channels(name) ON UPDATE CASCADE DEFERRABLE;


--
-- Name: touchpoints touchpoints_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touchpoints
    ADD CONSTRAINT touchpoints_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE;


--
-- Name: touchpoints touchpoints_stage_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touchpoints
    ADD CONSTRAINT touchpoints_stage_fkey FOREIGN KEY (stage) REFERENCES public.stages(name) ON UPDATE CASCADE DEFERRABLE;


--
-- PostgreSQL database dump complete
--

\unrestrict WMSl9xM0NC62y3VcmKuoGcSqQqaAbQr1smT1ee27tV8hZ3FI8nTzqYiXjxFRefa

