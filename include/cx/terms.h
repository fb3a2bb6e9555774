/*
 * The terms of free text, as themes and search count them: words folded to
 * lower case, stop words left out, each word reduced to its stem by the
 * Snowball stemmer of the text's language, so "leaking", "leaks" and
 * "leaked" are one term.
 */
#ifndef CX_TERMS_H
#define CX_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "cx/err.h"

/* A language's stemmer and stop words, and the words met so far (each is stemmed once). */
typedef struct cx_terms cx_terms;

int cx_terms_new(const char *language, cx_terms **t, cx_err *err);
/*
 * The same for search: every word is a term (stop words, digits, single
 * letters), anything between words is a break, and Chinese, Japanese and
 * Korean are left to the index's own way with them (breaks here).
 */
int cx_terms_new_all(const char *language, cx_terms **t, cx_err *err);
void cx_terms_free(cx_terms *t);

/* A break between words that no two-word phrase may span: a stop word, a full stop, a comma. */
enum { CX_TERM_BREAK = -1 };

/*
 * The stems of text in order, as ids (0, 1, ...) with CX_TERM_BREAK where
 * a phrase must not span, into *ids (grown as needed; *cap its room).
 * Digits alone, one-letter words and stop words are not terms. Runs of
 * Chinese, Japanese or Korean characters, written without spaces, give
 * one term per pair of neighbouring characters. CX_EINTERNAL when out of memory.
 */
int cx_terms_split(cx_terms *t, const char *text, int32_t **ids, size_t *n, size_t *cap, cx_err *err);
/* The stem an id stands for, and the form of it met most often (what people read). */
const char *cx_terms_stem(const cx_terms *t, int32_t id);
const char *cx_terms_word(const cx_terms *t, int32_t id);
/* How many stems there are so far. */
int32_t cx_terms_count(const cx_terms *t);

/* Whether word (lower case) is a stop word of the language ("none": never). */
int cx_terms_is_stop(const char *language, const char *word);

#endif
