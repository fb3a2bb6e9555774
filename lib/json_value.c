/* JSON values written and read in C, from and for what the statement layer gives. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reader.h"
#include "cx/date.h"
#include "json_value.h"

json_t *cx_json_str(const char *s)
{
	if (!s)
		return json_null();
	size_t n = strlen(s);
	long bad = cx_utf8_invalid((const unsigned char *)s, n);
	if (bad < 0)
		return json_stringn_nocheck(s, n);
	/* JSON is UTF-8: a byte that is not is the replacement character, as on a server */
	char *v = malloc(3 * n + 1), *o = v;
	if (!v)
		return NULL;
	while (*s) {
		size_t good = bad < 0 ? strlen(s) : (size_t)bad;
		memcpy(o, s, good);
		o += good;
		s += good;
		if (bad >= 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			s++;
		}
		bad = cx_utf8_invalid((const unsigned char *)s, strlen(s));
	}
	*o = '\0';
	json_t *j = json_stringn_nocheck(v, (size_t)(o - v));
	free(v);
	return j;
}

json_t *cx_json_col(cx_stmt *st, int col)
{
	cx_val v = cx_sql_val(st, col);
	switch (v.kind) {
	case CX_V_INT:
		return json_integer(v.i);
	case CX_V_REAL:
		return json_real(v.r);
	case CX_V_TEXT:
		return cx_json_str(v.s);
	default:
		return json_null();
	}
}

json_t *cx_json_time(cx_stmt *st, int col)
{
	char buf[CX_TIME_BUF];
	if (cx_sql_null(st, col))
		return json_null();
	cx_time_iso(cx_sql_int(st, col), buf);
	return json_string(buf);
}

char *cx_json_text(const json_t *j)
{
	/* 15 significant digits: a real reads back as the number it was written from */
	char *t = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
	/*
	 * A control character's escape in lower-case hex (\u001f), as SQLite
	 * and most writers have it, so an export read back and written again is
	 * the same bytes as one made before cx wrote JSON itself.
	 */
	for (char *p = t; p && *p; p++)
		if (*p == '\\' && *++p == 'u')
			for (int i = 0; i < 4 && p[1]; i++, p++)
				p[1] = (char)tolower((unsigned char)p[1]);
	return t;
}

json_t *cx_json_parse(const char *text)
{
	return text ? json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL) : NULL;
}

const char *cx_json_field(const json_t *obj, const char *key, char *buf, size_t size)
{
	return cx_json_scalar(json_is_object(obj) ? json_object_get(obj, key) : NULL, buf, size);
}

const char *cx_json_scalar(const json_t *v, char *buf, size_t size)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, size, "%.15g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, size, "%d", json_is_true(v) ? 1 : 0);
	else {
		char *t = cx_json_text(v);
		snprintf(buf, size, "%s", t ? t : "");
		free(t);
	}
	return buf;
}

const char *cx_json_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_INTEGER: return "integer";
	case JSON_REAL: return "real";
	case JSON_STRING: return "text";
	case JSON_TRUE: return "true";
	case JSON_FALSE: return "false";
	default: return "null";
	}
}

const json_t *cx_json_path(const json_t *root, const char *path, int *bad)
{
	const json_t *v = root;
	*bad = 0;
	if (*path++ != '$')
		return *bad = 1, NULL;
	while (*path) {
		if (*path == '.') {
			char key[512];
			size_t n;
			path++;
			if (*path == '"') {
				const char *end = strchr(path + 1, '"');
				if (!end)
					return *bad = 1, NULL;
				n = (size_t)(end - path - 1);
				if (n >= sizeof key)
					return *bad = 1, NULL;
				memcpy(key, path + 1, n);
				path = end + 1;
			} else {
				n = strcspn(path, ".[");
				if (!n || n >= sizeof key)
					return *bad = 1, NULL;
				memcpy(key, path, n);
				path += n;
			}
			key[n] = '\0';
			v = json_is_object(v) ? json_object_get(v, key) : NULL;
		} else if (*path == '[') {
			char *end;
			long long i = strtoll(path + 1, &end, 10);
			if (end == path + 1 || *end != ']' || i < 0)
				return *bad = 1, NULL;
			path = end + 1;
			v = json_is_array(v) ? json_array_get(v, (size_t)i) : NULL;
		} else
			return *bad = 1, NULL;
	}
	return v;
}
