/*
 * JSON written and read in C (jansson), from and for the values the
 * statement layer gives: the database stores and returns plain text and
 * numbers, whichever engine it is.
 */
#ifndef CX_JSON_VALUE_H
#define CX_JSON_VALUE_H

#include <stdint.h>

#include <jansson.h>

#include "store/sql.h"

/* A result column as a JSON value: NULL is null, numbers stay numbers, text is a string (new reference). */
json_t *cx_json_col(cx_stmt *st, int col);
/* A text as a JSON string (null for NULL); a byte that is not UTF-8 becomes U+FFFD. */
json_t *cx_json_str(const char *s);
/* A time in Unix seconds as "YYYY-MM-DDTHH:MM:SSZ", or null when absent. */
json_t *cx_json_time(cx_stmt *st, int col);
/* Compact text of a JSON value, without spaces, as the engines wrote it: caller frees (NULL: out of memory). */
char *cx_json_text(const json_t *j);
/* Parses a JSON text; NULL when it is not JSON. */
json_t *cx_json_parse(const char *text);
/*
 * A field of an object as text, as SQL's json_extract gave it: strings
 * unquoted, numbers written out, true/false as 1/0, objects and arrays as
 * compact JSON; NULL when missing or null. buf holds numbers and short texts.
 */
const char *cx_json_field(const json_t *obj, const char *key, char *buf, size_t size);

/*
 * The value at a path ("$", then .key, ."quoted key" or [N] steps) or NULL
 * when there is none; *bad is set when the path is not one.
 */
const json_t *cx_json_path(const json_t *root, const char *path, int *bad);
/* A value as text, as SQL's json_extract gave it (see cx_json_field); NULL for null. */
const char *cx_json_scalar(const json_t *v, char *buf, size_t size);
/* A value's type in words: object, array, integer, real, text, true, false, null. */
const char *cx_json_type(const json_t *v);

#endif
