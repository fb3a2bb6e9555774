/*
 * Themes: the words and two-word phrases people write, and which of them
 * unhappy customers use more than the others, with what the ones who
 * mention a theme think of the business (their NPS against everyone else's).
 */
#ifndef CX_THEMES_H
#define CX_THEMES_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

typedef enum cx_themes_source {
	CX_THEMES_SURVEY,   /* survey comments; unhappy: NPS 0-6, CSAT 1-2 or CES 1-3 */
	CX_THEMES_FEEDBACK, /* public feedback; unhappy: negative sentiment */
	CX_THEMES_CASE,     /* case titles and the customer's mail on the case; unhappy: the customer's latest survey answer */
} cx_themes_source;

typedef struct cx_themes_opts {
	cx_themes_source source;
	const char *survey;   /* surveys: only this one */
	const char *language; /* NULL: each survey's own, else the text.language setting */
	int64_t since, until; /* 0: unbounded */
	const char *by;       /* NULL, or a period: how often the themes shown were mentioned, period by period */
	int64_t min;          /* a theme is mentioned by at least this many (0: 3) */
	int64_t limit;        /* at most this many themes (0: 20) */
	int as_section;       /* write as the "themes" section of a larger document */
} cx_themes_opts;

/* Themes stand on at least this many mentions unless told otherwise. */
enum { CX_THEMES_MIN = 3, CX_THEMES_LIMIT = 20, CX_THEMES_EXAMPLES = 3 };

int cx_themes(cx_db *db, const cx_themes_opts *o, cx_out *out, cx_err *err);

#endif
