/*
 * Inside libcx: a growable string, for text built piece by piece (a query
 * with optional filters, a message's plain text, a rewritten search). A
 * failed allocation is remembered rather than reported at each step: the
 * text is checked once, at the end.
 */
#ifndef CX_BUF_H
#define CX_BUF_H

#include <stddef.h>

typedef struct cx_buf {
	char *s; /* NUL-terminated once anything was put; NULL before */
	size_t len, cap;
	int oom; /* memory ran out: what follows is dropped */
} cx_buf;

/* Appends n bytes of s. */
void cx_buf_put(cx_buf *b, const char *s, size_t n);
/* Appends a C string. */
void cx_buf_add(cx_buf *b, const char *s);
/* The text, malloc'd, for the caller to free ("" when nothing was put); NULL when memory ran out. */
char *cx_buf_done(cx_buf *b);
/* Frees the text and empties the buffer for use again. */
void cx_buf_free(cx_buf *b);

#endif
