/* A growable string: see buf.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void cx_buf_put(cx_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void cx_buf_add(cx_buf *b, const char *s)
{
	cx_buf_put(b, s, strlen(s));
}

char *cx_buf_done(cx_buf *b)
{
	if (b->oom) {
		cx_buf_free(b);
		return NULL;
	}
	char *s = b->s ? b->s : strdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void cx_buf_free(cx_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
