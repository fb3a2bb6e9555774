/* Error values: formatting the message into the caller's cx_err, and wording the fields it names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cx/err.h"

int cx_fail(cx_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

int cx_exit_status(int code)
{
	if (code >= 0)
		return 0;
	return -code;
}

enum { FIELD_MAX = 64 };

/* The length of the field mark at s ("\x1fname\x1f" or "\x1fname\x1e"), with the name and its kind; 0 if none. */
static size_t field_mark(const char *s, char *name, int *with_value)
{
	size_t n = 1;
	if (s[0] != '\x1f')
		return 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '-')
		n++;
	if (n == 1 || n - 1 >= FIELD_MAX || (s[n] != '\x1f' && s[n] != '\x1e'))
		return 0;
	memcpy(name, s + 1, n - 1);
	name[n - 1] = '\0';
	*with_value = s[n] == '\x1e';
	return n + 1;
}

const char *cx_err_word(const char *msg, cx_field_fn word, const void *arg, char *buf, size_t size)
{
	size_t len = 0;
	if (!size)
		return buf;
	for (const char *s = msg; *s && len + 1 < size;) {
		char name[FIELD_MAX], said[256];
		int with_value;
		size_t n = field_mark(s, name, &with_value);
		if (!n) {
			buf[len++] = *s++;
			continue;
		}
		if (word)
			word(arg, name, with_value, said, sizeof said);
		else
			snprintf(said, sizeof said, "%s", name);
		size_t k = strlen(said);
		if (k > size - 1 - len)
			k = size - 1 - len;
		memcpy(buf + len, said, k);
		len += k;
		s += n;
	}
	buf[len] = '\0';
	return buf;
}
