/*
 * Terms of free text: words split at what is not a letter or digit, folded
 * to lower case (GLib, for every script), stop words dropped, stemmed with
 * Snowball (libstemmer). A word met once is stemmed once: each distinct
 * word keeps its stem's id in a hash, so a million comments cost a hash
 * lookup per word, not a stemmer run.
 */
#include <glib.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/terms.h"
#include "cx/words.h"
#include "utf8.h"
#include "hash.h"

typedef struct slot {
	char *key;   /* a word (word table) or a stem (stem table) */
	uint64_t hash;
	int32_t id;  /* word table: its stem, or CX_TERM_BREAK for a stop word; stem table: the stem's id */
	int64_t count;
} slot;

typedef struct table {
	slot *s;
	size_t n, cap; /* cap: a power of two */
} table;

typedef struct stem {
	char *stem;
	const char *word; /* the form met most often */
	int64_t best;
} stem;

struct cx_terms {
	char language[32];
	int all; /* search: every word is a term, stop words, digits and single letters too */
	struct sb_stemmer *sb; /* NULL: language none */
	table words, stems;
	stem *st;
	int32_t nst, capst;
};

/* The slot of key (n bytes) in t: a found one, or the empty one where it belongs. */
static slot *lookup(table *t, const char *key, size_t n, uint64_t h)
{
	for (size_t j = h & (t->cap - 1);; j = (j + 1) & (t->cap - 1)) {
		slot *s = &t->s[j];
		if (!s->key || (s->hash == h && !strncmp(s->key, key, n) && !s->key[n]))
			return s;
	}
}

static int grow(table *t)
{
	size_t cap = t->cap ? 2 * t->cap : 1024;
	slot *s = calloc(cap, sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->s[i].key)
			continue;
		size_t j = t->s[i].hash & (cap - 1);
		while (s[j].key)
			j = (j + 1) & (cap - 1);
		s[j] = t->s[i];
	}
	free(t->s);
	t->s = s;
	t->cap = cap;
	return 0;
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->s[i].key);
	free(t->s);
}

int cx_terms_new_all(const char *language, cx_terms **out, cx_err *err)
{
	int rc = cx_terms_new(language, out, err);
	if (rc == CX_OK)
		(*out)->all = 1;
	return rc;
}

int cx_terms_new(const char *language, cx_terms **out, cx_err *err)
{
	int rc = cx_words_check(cx_text_languages, "language", language, CX_EUSAGE, err);
	if (rc)
		return rc;
	cx_terms *t = calloc(1, sizeof *t);
	if (!t)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	snprintf(t->language, sizeof t->language, "%s", language);
	if (strcmp(language, "none") && !(t->sb = sb_stemmer_new(language, "UTF_8"))) {
		free(t);
		return cx_fail(err, CX_EUNAVAIL, "language %s: this system's Snowball library has no stemmer for it",
			       language);
	}
	if (grow(&t->words) || grow(&t->stems)) {
		cx_terms_free(t);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	*out = t;
	return CX_OK;
}

void cx_terms_free(cx_terms *t)
{
	if (!t)
		return;
	if (t->sb)
		sb_stemmer_delete(t->sb);
	table_free(&t->words);
	table_free(&t->stems);
	for (int32_t i = 0; i < t->nst; i++)
		free(t->st[i].stem);
	free(t->st);
	free(t);
}

const char *cx_terms_stem(const cx_terms *t, int32_t id)
{
	return id >= 0 && id < t->nst ? t->st[id].stem : NULL;
}

const char *cx_terms_word(const cx_terms *t, int32_t id)
{
	return id >= 0 && id < t->nst ? t->st[id].word : NULL;
}

int32_t cx_terms_count(const cx_terms *t)
{
	return t->nst;
}

/* The id of a stem, added when new. */
static int32_t stem_id(cx_terms *t, const char *s, size_t n)
{
	uint64_t h = cx_hash(CX_HASH_START, s, n);
	slot *sl = lookup(&t->stems, s, n, h);
	if (sl->key)
		return sl->id;
	if (2 * (t->stems.n + 1) > t->stems.cap) {
		if (grow(&t->stems))
			return -2;
		sl = lookup(&t->stems, s, n, h);
	}
	if (t->nst == t->capst) {
		int32_t cap = t->capst ? 2 * t->capst : 256;
		stem *st = realloc(t->st, (size_t)cap * sizeof *st);
		if (!st)
			return -2;
		t->st = st;
		t->capst = cap;
	}
	if (!(sl->key = strndup(s, n)) || !(t->st[t->nst].stem = strndup(s, n))) {
		free(sl->key);
		sl->key = NULL;
		return -2;
	}
	sl->id = t->nst;
	sl->hash = h;
	t->stems.n++;
	t->st[t->nst].word = NULL;
	t->st[t->nst].best = 0;
	return t->nst++;
}

/*
 * The id of a word already in lower case (n bytes): CX_TERM_BREAK for a
 * stop word, -2 when out of memory. Counts it, and keeps its stem's most
 * frequent form.
 */
static int32_t word_id(cx_terms *t, const char *w, size_t n)
{
	uint64_t h = cx_hash(CX_HASH_START, w, n);
	slot *sl = lookup(&t->words, w, n, h);
	if (!sl->key) {
		if (2 * (t->words.n + 1) > t->words.cap) {
			if (grow(&t->words))
				return -2;
			sl = lookup(&t->words, w, n, h);
		}
		char *key = strndup(w, n);
		if (!key)
			return -2;
		int32_t id;
		if (!t->all && cx_terms_is_stop(t->language, key)) {
			id = CX_TERM_BREAK;
		} else if (t->sb) {
			const sb_symbol *s = sb_stemmer_stem(t->sb, (const sb_symbol *)key, (int)n);
			id = s ? stem_id(t, (const char *)s, (size_t)sb_stemmer_length(t->sb)) : -2;
		} else {
			id = stem_id(t, key, n);
		}
		if (id == -2) {
			free(key);
			return -2;
		}
		sl->key = key;
		sl->hash = h;
		sl->id = id;
		t->words.n++;
	}
	sl->count++;
	if (sl->id >= 0 && sl->count > t->st[sl->id].best) {
		t->st[sl->id].best = sl->count;
		t->st[sl->id].word = sl->key;
	}
	return sl->id;
}

static int push(int32_t **ids, size_t *n, size_t *cap, int32_t id)
{
	if (id == CX_TERM_BREAK && (*n == 0 || (*ids)[*n - 1] == CX_TERM_BREAK))
		return 0;
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		int32_t *p = realloc(*ids, c * sizeof *p);
		if (!p)
			return -1;
		*ids = p;
		*cap = c;
	}
	(*ids)[(*n)++] = id;
	return 0;
}

/* Words longer than this (links, strings of letters) are not terms. */
enum { MAX_WORD = 64 };

int cx_terms_split(cx_terms *t, const char *text, int32_t **ids, size_t *n, size_t *cap, cx_err *err)
{
	const unsigned char *p = (const unsigned char *)text;
	char w[4 * MAX_WORD + 8];
	*n = 0;
	if (!text)
		return CX_OK;
	while (*p) {
		uint32_t c;
		int k = cx_utf8_next(p, &c);
		if (cx_utf8_is_cjk(c) && t->all) {
			/* search finds them in the text as it is */
			if (push(ids, n, cap, CX_TERM_BREAK))
				return cx_fail(err, CX_EINTERNAL, "out of memory");
			p += k;
			continue;
		}
		if (cx_utf8_is_cjk(c)) {
			/* a run of them: each pair of neighbours is a term */
			uint32_t c2;
			int k2 = cx_utf8_next(p + k, &c2);
			if (cx_utf8_is_cjk(c2)) {
				int32_t id = word_id(t, (const char *)p, (size_t)(k + k2));
				/* pairs overlap: they make no two-word phrases */
				if (id == -2 || push(ids, n, cap, id) || push(ids, n, cap, CX_TERM_BREAK))
					return cx_fail(err, CX_EINTERNAL, "out of memory");
			}
			p += k;
			continue;
		}
		int alnum = c < 0x80 ? g_ascii_isalnum((int)c) : (g_unichar_isalnum(c) || g_unichar_ismark(c));
		if (!alnum) {
			if (c < 0x80 && (t->all || strchr(".,;:!?()[]{}\"\n\r", (int)c)) && push(ids, n, cap, CX_TERM_BREAK))
				return cx_fail(err, CX_EINTERNAL, "out of memory");
			p += k;
			continue;
		}
		/* a word: letters, digits, marks, and apostrophes between them (’ read as ') */
		size_t len = 0, chars = 0;
		int ascii = 1, letters = 0, toolong = 0;
		while (*p) {
			int kk = cx_utf8_next(p, &c);
			int apos = (c == '\'' || c == 0x2019);
			if (apos) {
				uint32_t next;
				cx_utf8_next(p + kk, &next);
				if (!(next < 0x80 ? g_ascii_isalnum((int)next) : g_unichar_isalnum(next)) || !len)
					break;
			} else if (cx_utf8_is_cjk(c) ||
				   !(c < 0x80 ? g_ascii_isalnum((int)c) : (g_unichar_isalnum(c) || g_unichar_ismark(c)))) {
				break;
			}
			if (len + 4 >= sizeof w - 4)
				toolong = 1;
			if (!toolong) {
				if (apos)
					w[len++] = '\'';
				else if (c < 0x80)
					w[len++] = (char)g_ascii_tolower((int)c);
				else {
					memcpy(w + len, p, (size_t)kk);
					len += (size_t)kk;
					ascii = 0;
				}
			}
			letters += !(c < 0x80 && g_ascii_isdigit((int)c));
			chars++;
			p += kk;
		}
		if (toolong || chars > MAX_WORD || (!t->all && (letters == 0 || chars < 2)))
			continue;
		w[len] = '\0';
		int32_t id;
		if (ascii) {
			id = word_id(t, w, len);
		} else {
			char *low = g_utf8_strdown(w, (gssize)len);
			char *nfc = low ? g_utf8_normalize(low, -1, G_NORMALIZE_NFC) : NULL;
			id = nfc ? word_id(t, nfc, strlen(nfc)) : -2;
			g_free(low);
			g_free(nfc);
		}
		if (id == -2 || push(ids, n, cap, id))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	return CX_OK;
}
