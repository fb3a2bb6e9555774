/*
 * Full-text search with SQLite's FTS5. Words are matched without regard to
 * case or accents; Chinese, Japanese and Korean characters are indexed one
 * by one (they are written without spaces), and a query's runs of them
 * become phrases, so any part of such a text is found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/search.h"
#include "cx/setting.h"
#include "cx/terms.h"
#include "cx/words.h"
#include "buf.h"
#include "store/sql.h"
#include "utf8.h"

/*
 * Each kind's rows past a mark m that hold a text to index: what its
 * select reads, and what tells whether it has any left to read.
 */
#define CASES_PAST(m) "FROM cases WHERE id > " m
#define NOTES_PAST(m) "FROM notes WHERE id > " m
#define TOUCHES_PAST(m) "FROM touchpoints WHERE id > " m " AND summary IS NOT NULL"
#define RESPONSES_PAST(m) "FROM responses WHERE id > " m " AND comment IS NOT NULL AND complete = 1"
#define FEEDBACK_PAST(m) "FROM feedback WHERE id > " m " AND body IS NOT NULL"
#define CUSTOMERS_PAST(m) "FROM customers WHERE id > " m " AND forgotten_at IS NULL"

/* Each kind's texts; its name is cx_search_kinds[kind - 1]. */
static const struct source {
	const char *select; /* rows after ?1: (id, text) */
	const char *detail; /* one row ?1: (customer_id, customer, at, case_id) */
} sources[] = {
	[CX_SK_CASE] = { "SELECT id, title " CASES_PAST("?1") " ORDER BY id",
			 "SELECT k.customer_id, c.name, k.opened_at, k.id FROM cases k"
			 " JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1" },
	[CX_SK_NOTE] = { "SELECT id, body " NOTES_PAST("?1") " ORDER BY id",
			 "SELECT n.customer_id, c.name, n.created_at, n.case_id FROM notes n"
			 " JOIN customers c ON c.id = n.customer_id WHERE n.id = ?1" },
	[CX_SK_TOUCH] = { "SELECT id, summary " TOUCHES_PAST("?1") " ORDER BY id",
			  "SELECT t.customer_id, c.name, t.at, t.case_id FROM touchpoints t"
			  " JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1" },
	[CX_SK_RESPONSE] = { "SELECT id, comment " RESPONSES_PAST("?1") " ORDER BY id",
			     "SELECT r.customer_id, coalesce(c.name, r.name, r.email), r.at, r.case_id FROM responses r"
			     " LEFT JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1" },
	[CX_SK_FEEDBACK] = { "SELECT id, body " FEEDBACK_PAST("?1") " ORDER BY id",
			     "SELECT f.customer_id, coalesce(c.name, f.author), f.at, f.case_id FROM feedback f"
			     " LEFT JOIN customers c ON c.id = f.customer_id WHERE f.id = ?1" },
	/* a name merged into another customer finds the one who holds the story now */
	[CX_SK_CUSTOMER] = { "SELECT id, name " CUSTOMERS_PAST("?1") " ORDER BY id",
			     "SELECT s.id, s.name, c.created_at, NULL FROM customers c"
			     " JOIN customers s ON s.id = coalesce(c.merged_into, c.id) WHERE c.id = ?1" },
};

/*
 * 1 when any kind has texts past its mark. Asked first, so that a search
 * with nothing new to index (the usual case) asks twice, takes no lock and
 * changes nothing. The marks are read first and bound: a server plans each
 * EXISTS knowing its mark, and walks the few newest ids of the table's key
 * (with the mark in a subquery it planned a scan from the oldest row, and
 * read every row of a large table to find none: 1.4 s for 12 million).
 * The kinds' numbers are those of cx_search_kind, and of the parameters.
 */
static const char pending_sql[] = "SELECT EXISTS (SELECT 1 " CASES_PAST("?1") ")"
				  " OR EXISTS (SELECT 1 " NOTES_PAST("?2") ")"
				  " OR EXISTS (SELECT 1 " TOUCHES_PAST("?3") ")"
				  " OR EXISTS (SELECT 1 " RESPONSES_PAST("?4") ")"
				  " OR EXISTS (SELECT 1 " FEEDBACK_PAST("?5") ")"
				  " OR EXISTS (SELECT 1 " CUSTOMERS_PAST("?6") ")";
enum { NKINDS = 7 }; /* kinds are 1 to 6: the kind is the rowid's remainder by 8 */

/* ---- CJK: one character, one token ---- */

/*
 * Text with a space around every CJK character. For a query (as_query),
 * a run of them outside quotes also becomes a quoted phrase.
 */
static char *spaced(const char *text, int as_query)
{
	size_t n = strlen(text);
	char *out = malloc(3 * n + 3), *o = out;
	int quoted = 0, in_run = 0, opened = 0; /* opened: this run got a quote of its own */
	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)text; *p;) {
		uint32_t c;
		int k = cx_utf8_next(p, &c);
		int cjk = cx_utf8_is_cjk(c);
		if (cjk && !in_run) {
			*o++ = ' ';
			if ((opened = as_query && !quoted))
				*o++ = '"';
		} else if (!cjk && in_run) {
			if (opened)
				*o++ = '"';
			*o++ = ' ';
		} else if (cjk && in_run) {
			*o++ = ' ';
		}
		/* only now: a quote right after a run must not change how the run is closed */
		if (as_query && c == '"')
			quoted = !quoted;
		in_run = cjk;
		memcpy(o, p, (size_t)k);
		o += k;
		p += k;
	}
	if (in_run && opened)
		*o++ = '"';
	*o = '\0';
	return out;
}

/*
 * Takes the spaces next to CJK characters out again, for showing a snippet
 * (the snippet's [ ] marks do not count as neighbours).
 */
static void unspace(char *s)
{
	size_t n = strlen(s), w = 0;
	uint32_t *cp = malloc((n + 1) * sizeof *cp);
	int *len = malloc((n + 1) * sizeof *len);
	size_t m = 0;
	if (!cp || !len) {
		free(cp);
		free(len);
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; m++) {
		len[m] = cx_utf8_next(p, &cp[m]);
		p += len[m];
	}
	const char *src = s;
	char *out = s;
	for (size_t i = 0; i < m; i++) {
		int drop = 0;
		if (cp[i] == ' ') {
			size_t a = i, b = i + 1;
			while (a > 0 && (cp[a - 1] == '[' || cp[a - 1] == ']'))
				a--;
			while (b < m && (cp[b] == '[' || cp[b] == ']'))
				b++;
			drop = (a > 0 && cx_utf8_is_cjk(cp[a - 1])) || (b < m && cx_utf8_is_cjk(cp[b]));
		} else if (cp[i] == ']' || cp[i] == '[') {
			/* characters marked one by one ("[品] [質]") read as the one match they are: "[品質]" */
			size_t j = i + 1;
			while (j < m && cp[j] == ' ')
				j++;
			if (cp[i] == ']' && j < m && cp[j] == '[' && i > 0 && cx_utf8_is_cjk(cp[i - 1]) && j + 1 < m &&
			    cx_utf8_is_cjk(cp[j + 1]))
				drop = 1;
			size_t k = i;
			while (k > 0 && cp[k - 1] == ' ')
				k--;
			if (cp[i] == '[' && k > 0 && cp[k - 1] == ']' && k > 1 && cx_utf8_is_cjk(cp[k - 2]) && i + 1 < m &&
			    cx_utf8_is_cjk(cp[i + 1]))
				drop = 1;
		}
		if (!drop) {
			memmove(out + w, src, (size_t)len[i]);
			w += (size_t)len[i];
		}
		src += len[i];
	}
	out[w] = '\0';
	free(cp);
	free(len);
}

/* ---- word forms: each text's words by their stems, beside the text ---- */

/* The words' stemmer in the text.language setting, for search (every word a term). */
static int stemmer(cx_db *db, cx_terms **t, cx_err *err)
{
	char lang[32];
	int rc = cx_setting_get(db, "text.language", lang, sizeof lang, err);
	return rc ? rc : cx_terms_new_all(lang, t, err);
}

/* The stems of text's words, with spaces between: the index's second column. NULL when out of memory. */
static char *stems_of(cx_terms *t, const char *text, cx_err *err)
{
	int32_t *ids = NULL;
	size_t n = 0, cap = 0, len = 0, room = 64;
	char *out = malloc(room);
	if (!out) {
		cx_fail(err, CX_EINTERNAL, "out of memory");
		return NULL;
	}
	if (cx_terms_split(t, text, &ids, &n, &cap, err)) {
		free(out);
		free(ids);
		return NULL;
	}
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (ids[i] < 0)
			continue;
		const char *w = cx_terms_stem(t, ids[i]);
		size_t k = strlen(w);
		if (len + k + 2 > room) {
			while (len + k + 2 > room)
				room *= 2;
			char *o = realloc(out, room);
			if (!o) {
				free(out);
				free(ids);
				cx_fail(err, CX_EINTERNAL, "out of memory");
				return NULL;
			}
			out = o;
		}
		if (len)
			out[len++] = ' ';
		memcpy(out + len, w, k + 1);
		len += k;
	}
	free(ids);
	return out;
}

/* ---- keeping the index ---- */

/*
 * Entries on their way into the index, PUT_ROWS to a statement: on a
 * server, a rebuild's million texts are some fifteen thousand round trips,
 * not a million.
 */
enum { PUT_ROWS = 64 };

typedef struct put_queue {
	cx_stmt *many, *one; /* the inserts of PUT_ROWS entries and of one */
	int n;
	int64_t rowid[PUT_ROWS];
	char *body[PUT_ROWS], *stems[PUT_ROWS];
} put_queue;

static int put_prepare(cx_db *db, int rows, cx_stmt **st, cx_err *err)
{
	cx_buf q = { 0 };
	cx_buf_add(&q, "INSERT INTO search_index (rowid, body, stems) VALUES ");
	for (int r = 0; r < rows; r++) {
		char v[64];
		snprintf(v, sizeof v, "%s(?%d, ?%d, ?%d)", r ? ", " : "", 3 * r + 1, 3 * r + 2, 3 * r + 3);
		cx_buf_add(&q, v);
	}
	if (q.oom) {
		cx_buf_free(&q);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	int rc = cx_sql_prepare(db, q.s, st, err);
	cx_buf_free(&q);
	return rc;
}

/* The queued entries into the index: all in one statement when the queue is full, else one at a time. */
static int put_flush(cx_db *db, put_queue *q, cx_err *err)
{
	int full = q->n == PUT_ROWS, rc = CX_OK;
	cx_stmt **st = full ? &q->many : &q->one;
	if (q->n && !*st && (rc = put_prepare(db, full ? PUT_ROWS : 1, st, err)))
		return rc;
	for (int i = 0; i < q->n && rc == CX_OK; i++) {
		int base = full ? 3 * i : 0;
		cx_sql_bind_int(*st, base + 1, q->rowid[i]);
		cx_sql_bind_text_static(*st, base + 2, q->body[i]);
		cx_sql_bind_text_static(*st, base + 3, q->stems[i]);
		if (!full || i == q->n - 1) {
			rc = cx_sql_step(*st, err);
			cx_sql_reset(*st);
			rc = rc < 0 ? rc : CX_OK;
		}
	}
	for (int i = 0; i < q->n; i++) {
		free(q->body[i]);
		free(q->stems[i]);
	}
	q->n = 0;
	return rc;
}

static void put_free(put_queue *q)
{
	for (int i = 0; i < q->n; i++) {
		free(q->body[i]);
		free(q->stems[i]);
	}
	cx_sql_finalize(q->many);
	cx_sql_finalize(q->one);
}

/* Queues a text's entry (its words spaced, its stems); a full queue goes into the index. */
static int put(cx_db *db, put_queue *q, cx_terms *stems, int kind, int64_t ref, const char *text, cx_err *err)
{
	char *t = spaced(text, 0), *st = t ? stems_of(stems, text, err) : NULL;
	if (!t || !st) {
		free(t);
		return t ? err->code : cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	q->rowid[q->n] = ref * 8 + kind;
	q->body[q->n] = t;
	q->stems[q->n] = st;
	return ++q->n == PUT_ROWS ? put_flush(db, q, err) : CX_OK;
}

static int indexed_to(cx_db *db, int kind, int64_t *to, cx_err *err)
{
	return cx_sql_get_int(db, 0, to, err, "SELECT indexed_to FROM search_state WHERE kind = ?1", CX_INT(kind));
}

/* 1 in *any when a kind has texts past its mark (pending_sql). */
static int pending(cx_db *db, int64_t *any, cx_err *err)
{
	int64_t mark[NKINDS] = { 0 };
	cx_stmt *st;
	int rc;

	if ((rc = cx_sql_prepare(db, "SELECT kind, indexed_to FROM search_state", &st, err)))
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		int64_t kind = cx_sql_int(st, 0);
		if (kind > 0 && kind < NKINDS)
			mark[kind] = cx_sql_int(st, 1);
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	return cx_sql_get_int(db, 0, any, err, pending_sql, CX_INT(mark[1]), CX_INT(mark[2]), CX_INT(mark[3]),
			      CX_INT(mark[4]), CX_INT(mark[5]), CX_INT(mark[6]));
}

int cx_search_catch_up(cx_db *db, int64_t *added, cx_err *err)
{
	cx_stmt *st;
	put_queue ins = { 0 };
	cx_terms *stems = NULL;
	int rc = cx_db_need(db, __func__, err);

	int64_t any;
	*added = 0;
	if (rc || (rc = pending(db, &any, err)) || !any)
		return rc;
	const cx_search_engine *e = cx_sql_search_engine(db);
	if (e->lock && (rc = cx_sql_exec(db, e->lock, err)))
		return rc;
	if ((rc = stemmer(db, &stems, err)))
		return rc;
	for (int kind = 1; kind < NKINDS && rc == CX_OK; kind++) {
		int64_t from, last;
		if ((rc = indexed_to(db, kind, &from, err)) ||
		    (rc = cx_sql_query(db, &st, err, sources[kind].select, CX_INT(from))))
			break;
		cx_sql_walk(st); /* the index is written as the texts are read */
		last = from;
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			last = cx_sql_int(st, 0);
			if ((rc = put(db, &ins, stems, kind, last, cx_sql_text(st, 1), err)))
				break;
			(*added)++;
		}
		cx_sql_finalize(st);
		if (rc < 0)
			break;
		/* the mark moves to the newest row of the kind, indexed or not (partial responses wait) */
		rc = cx_sql_do(db, err,
			       "INSERT INTO search_state (kind, indexed_to) VALUES (?1, ?2)"
			       " ON CONFLICT (kind) DO UPDATE SET indexed_to = excluded.indexed_to",
			       CX_INT(kind), CX_INT(last));
	}
	if (rc == CX_OK)
		rc = put_flush(db, &ins, err);
	put_free(&ins);
	cx_terms_free(stems);
	return rc;
}

int cx_search_rebuild(cx_db *db, int64_t *added, cx_err *err)
{
	int rc = cx_db_need(db, __func__, err);
	if (rc)
		return rc;
	if ((rc = cx_sql_exec(db, "DELETE FROM search_index", err)) ||
	    (rc = cx_sql_exec(db, "DELETE FROM search_state", err)) || (rc = cx_search_catch_up(db, added, err)))
		return rc;
	return cx_search_optimize(db, err);
}

int cx_search_update(cx_db *db, cx_search_kind kind, int64_t ref, const char *text, cx_err *err)
{
	int64_t to;
	int rc;
	if ((rc = cx_sql_do(db, err, "DELETE FROM search_index WHERE rowid = ?1", CX_INT(ref * 8 + (int)kind))) || !text ||
	    (rc = indexed_to(db, (int)kind, &to, err)))
		return rc;

	/* rows past the mark are indexed by the next catch-up, with their text of then */
	if (ref > to)
		return CX_OK;
	cx_terms *stems;
	if ((rc = stemmer(db, &stems, err)))
		return rc;
	put_queue q = { 0 };
	if ((rc = put(db, &q, stems, (int)kind, ref, text, err)) == CX_OK)
		rc = put_flush(db, &q, err);
	put_free(&q);
	cx_terms_free(stems);
	return rc;
}

int cx_search_reset(cx_db *db, cx_err *err)
{
	int rc = cx_sql_exec(db, "DELETE FROM search_index", err);
	return rc ? rc : cx_sql_exec(db, "DELETE FROM search_state", err);
}

int cx_search_optimize(cx_db *db, cx_err *err)
{
	const cx_search_engine *e = cx_sql_search_engine(db);
	return e->optimize ? cx_sql_exec(db, e->optimize, err) : CX_OK;
}

/* ---- searching ---- */

/*
 * For a query of two or more plain words (no operators, quotes or other
 * punctuation), the same words within a few words of each other, as an FTS5
 * NEAR group: the documents that match it rank first, so "wrong door" puts
 * "the wrong door" above "wrong size ... back door". NULL for other queries.
 */
static char *near_query(const char *query)
{
	static const char *const keywords[] = { "AND", "OR", "NOT", "NEAR" };
	int words = 0;
	size_t n = strlen(query);
	char *near;

	for (const char *p = query; *p;) {
		size_t k = strspn(p, " \t");
		p += k;
		if (!*p)
			break;
		for (k = 0; p[k] && p[k] != ' ' && p[k] != '\t'; k++)
			if (!((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= '0' && p[k] <= '9') ||
			      p[k] == '_' || (unsigned char)p[k] >= 0x80))
				return NULL;
		for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
			if (strlen(keywords[i]) == k && !strncmp(p, keywords[i], k))
				return NULL;
		words++;
		p += k;
	}
	if (words < 2 || !(near = malloc(n + 16)))
		return NULL;
	snprintf(near, n + 16, "NEAR(%s, 4)", query);
	return near;
}

/* Whether the stems say something the words do not: not just the same words in lower case. */
static int differs(const char *words, size_t n, const char *stems)
{
	size_t i = 0, j = 0;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)words[i];
		if (c == ' ' && (j == 0 || stems[j - 1] == ' '))
			continue;
		if (!stems[j] || (c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)stems[j])
			return 1;
		j++;
	}
	return stems[j] != '\0';
}

/*
 * The query with every word and phrase also sought by its stems: leaking
 * becomes (leaking OR "leak"), which the index's stems column finds in
 * "leaks" and "leaked" too. Operators, parentheses, prefixes*, column
 * filters and NEAR groups stay as they are; the engine judges the syntax.
 */
static char *stem_query(cx_terms *t, const char *q, cx_err *err)
{
	cx_buf b = { 0 };
	/*
	 * term: what was written last ends a term, so a term next needs an AND:
	 * FTS5 reads "a b" as a AND b, but not "(a OR b) c". filter: a column
	 * filter (col:) was just written, its term follows.
	 */
	int term = 0, filter = 0;
	cx_buf_add(&b, "");
	for (const char *p = q; *p && !b.oom;) {
		if (*p == '"') {
			const char *e = p + 1;
			while (*e && !(*e == '"' && e[1] != '"'))
				e += *e == '"' ? 2 : 1;
			size_t n = (size_t)(e - p - 1);
			int closed = *e == '"', prefix = closed && e[1] == '*';
			char *inner = strndup(p + 1, n);
			if (!inner) {
				b.oom = 1;
				break;
			}
			char *st = closed && !prefix && !filter && !strchr(inner, '"') ? stems_of(t, inner, err) : NULL;
			if (term && !filter)
				cx_buf_add(&b, "AND ");
			if (st && st[0] && differs(inner, n, st)) {
				cx_buf_add(&b, "(");
				cx_buf_put(&b, p, n + 2);
				cx_buf_add(&b, " OR \"");
				cx_buf_add(&b, st);
				cx_buf_add(&b, "\")");
			} else {
				cx_buf_put(&b, p, n + (closed ? 2 : 1));
			}
			free(inner);
			free(st);
			p += n + (closed ? 2 : 1);
			term = 1;
			filter = 0;
			continue;
		}
		size_t n = 0;
		while (p[n] && ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9') ||
				p[n] == '_' || (unsigned char)p[n] >= 0x80))
			n++;
		if (!n) {
			if (*p == '(' && term && !filter)
				cx_buf_add(&b, "AND ");
			if (*p == '(' || *p == ')')
				term = *p == ')', filter = 0;
			cx_buf_put(&b, p, 1);
			p++;
			continue;
		}
		int keyword = (n == 3 && (!strncmp(p, "AND", 3) || !strncmp(p, "NOT", 3))) || (n == 2 && !strncmp(p, "OR", 2));
		if (keyword) {
			cx_buf_put(&b, p, n);
			p += n;
			term = 0;
			continue;
		}
		if (p[n] == ':' || (p[n] == ' ' && p[n + 1] == ':')) {
			/* a column filter: its name as it is */
			if (term)
				cx_buf_add(&b, "AND ");
			cx_buf_put(&b, p, n);
			p += n;
			term = 0;
			filter = 1;
			continue;
		}
		if (term && !filter)
			cx_buf_add(&b, "AND ");
		if (n == 4 && !strncmp(p, "NEAR", 4) && p[4] == '(') {
			/* a NEAR group: as it is, to its closing parenthesis */
			const char *e = strchr(p, ')');
			size_t k = e ? (size_t)(e - p + 1) : strlen(p);
			cx_buf_put(&b, p, k);
			p += k;
			term = 1;
			filter = 0;
			continue;
		}
		char *w = p[n] == '*' || filter ? NULL : strndup(p, n);
		char *st = w ? stems_of(t, w, err) : NULL;
		if (st && st[0] && !strchr(st, ' ') && differs(w, n, st)) {
			cx_buf_add(&b, "(");
			cx_buf_put(&b, p, n);
			cx_buf_add(&b, " OR \"");
			cx_buf_add(&b, st);
			cx_buf_add(&b, "\")");
		} else {
			cx_buf_put(&b, p, n);
		}
		free(w);
		free(st);
		p += n;
		term = 1;
		filter = 0;
	}
	char *text = cx_buf_done(&b);
	if (!text)
		cx_fail(err, CX_EINTERNAL, "out of memory");
	return text;
}

static const cx_col result_cols[] = {
	{ "kind", CX_T_TEXT, 0, 0 },
	{ "id", CX_T_INT, 0, 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "customer", CX_T_TEXT, 0, 0 },
	{ "at", CX_T_TIME, CX_COL_DATE, 0 },
	{ "case_id", CX_T_INT, 0, 0 },
	{ "rank", CX_T_REAL, CX_COL_HIDE, 3 },
	{ "snippet", CX_T_TEXT, CX_COL_WIDE, 0 },
};

typedef struct pass {
	const cx_search_opts *o;
	cx_out *out;
	int64_t limit, shown;
	int began;
} pass;

/* A ranked row on its way out: its rank, and the questions asked about it. */
typedef struct hit {
	int64_t rowid;
	double rank;
	char *text; /* the engine's snippet from the ranked query, or NULL */
	int near;   /* a row of ranked_both's first part: its snippet is of the near query */
	cx_stmt *detail, *snippet;
} hit;

/* At most this many rows' details are asked for at once (one round trip on a server). */
enum { BATCH = 64 };

/*
 * The details of the hits (and their snippets, when the engine makes them
 * one row at a time), all queued before the first is read.
 */
static int ask(cx_db *db, hit *h, int n, const char *match, const char *near, cx_err *err)
{
	const cx_search_engine *e = cx_sql_search_engine(db);
	int rc = CX_OK;
	for (int i = 0; i < n && rc == CX_OK; i++) {
		int k = (int)(h[i].rowid % 8);
		if (k < 1 || k >= NKINDS)
			continue;
		if ((rc = cx_sql_prepare(db, sources[k].detail, &h[i].detail, err)))
			break;
		cx_sql_bind_int(h[i].detail, 1, h[i].rowid / 8);
		if ((rc = cx_sql_queue(h[i].detail, err)) || !e->snippet)
			continue;
		if ((rc = cx_sql_prepare(db, e->snippet, &h[i].snippet, err)))
			break;
		cx_sql_bind_int(h[i].snippet, 1, h[i].rowid);
		cx_sql_bind_text_static(h[i].snippet, 2, h[i].near ? near : match);
		rc = cx_sql_queue(h[i].snippet, err);
	}
	return rc;
}

/* The hits that are still there and pass the filters, in rank order, up to the limit. */
static int show(pass *ps, hit *h, int n, cx_err *err)
{
	const cx_search_opts *o = ps->o;
	int rc = CX_OK;
	for (int i = 0; i < n && ps->shown < ps->limit; i++) {
		cx_stmt *d = h[i].detail;
		if (!d)
			continue;
		if ((rc = cx_sql_step(d, err)) < 0)
			return rc;
		if (rc != CX_SQL_ROW)
			continue; /* the row is gone; its entry goes with the next rebuild */
		int64_t cust = cx_sql_null(d, 0) ? 0 : cx_sql_int(d, 0), at = cx_sql_int(d, 2);
		if ((o->customer_id && cust != o->customer_id) || (o->since && at < o->since))
			continue;
		const char *text = h[i].text;
		if (h[i].snippet) {
			if ((rc = cx_sql_step(h[i].snippet, err)) < 0)
				return rc;
			text = rc == CX_SQL_ROW ? cx_sql_text(h[i].snippet, 0) : NULL;
		}
		char *snip = strdup(text ? text : "");
		if (!snip)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		unspace(snip);
		int k = (int)(h[i].rowid % 8);
		cx_val v[] = { CX_TEXTV(cx_search_kinds[k - 1]), CX_INTV(h[i].rowid / 8), cust ? CX_INTV(cust) : CX_NULLV,
			       cx_sql_val(d, 1), CX_INTV(at), cx_sql_val(d, 3), CX_REALV(h[i].rank), CX_TEXTV(snip) };
		cx_out_row(ps->out, v);
		free(snip);
		ps->shown++;
	}
	return CX_OK;
}

/*
 * Runs one ranked query (?1 match, ?2 kind, ?3 the near query when it has
 * one) and shows its rows: a batch of them at a time, as many as are still
 * to be shown, their details asked for together.
 */
static int run_pass(cx_db *db, pass *ps, const char *sql, const char *match, int kind, const char *near, cx_err *err)
{
	cx_stmt *st;
	hit h[BATCH];
	int rc = cx_sql_prepare(db, sql, &st, err);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, match);
	cx_sql_bind_int(st, 2, kind);
	if (near)
		cx_sql_bind_text(st, 3, near);
	/* A bad query fails on the first step: only a good one starts the output. */
	rc = cx_sql_step(st, err);
	if (rc >= 0 && !ps->began) {
		cx_out_begin(ps->out, NULL, NULL, CX_LAY_TABLE, CX_COLS(result_cols));
		ps->began = 1;
	}
	while (rc == CX_SQL_ROW && ps->shown < ps->limit) {
		int64_t want = ps->limit - ps->shown;
		int n = 0;
		for (; rc == CX_SQL_ROW && n < want && n < BATCH; n++) {
			const char *text = cx_sql_text(st, 2);
			h[n] = (hit){ .rowid = cx_sql_int(st, 0),
				      .rank = cx_sql_real(st, 1),
				      .text = text ? strdup(text) : NULL,
				      .near = cx_sql_columns(st) > 3 && cx_sql_int(st, 3) };
			if (text && !h[n].text) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			rc = cx_sql_step(st, err);
		}
		int r = ask(db, h, n, match, near, err);
		if (r == CX_OK)
			r = show(ps, h, n, err);
		for (int i = 0; i < n; i++) {
			cx_sql_finalize(h[i].detail);
			cx_sql_finalize(h[i].snippet);
			free(h[i].text);
		}
		if (r)
			rc = r;
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

/* An engine's complaint about the query, as the user's mistake it is. */
/*
 * A query the engine could not read, said in the words the server's engine
 * uses for the same mistakes (store/search_pg.c), not in the engine's own.
 */
static int query_error(int rc, const char *query, cx_err *err)
{
	if (rc >= 0 || !err || !(strstr(err->msg, "fts5") || strstr(err->msg, "no such column") ||
				 strstr(err->msg, "unterminated string") || strstr(err->msg, "special query")))
		return rc;
	char why[sizeof err->msg];
	const char *m = strstr(err->msg, "fts5: ") ? strstr(err->msg, "fts5: ") + 6
			: strstr(err->msg, "database error: ") ? err->msg + 16 : err->msg;
	int depth = 0;
	for (const char *p = query; *p; p++)
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
	if (!strncmp(m, "syntax error near \"\"", 20))
		snprintf(why, sizeof why, "%s", depth > 0 ? "a '(' without its ')'" : "an operator with nothing after it");
	else if (!strcmp(m, "syntax error near \"AND\"") || !strcmp(m, "syntax error near \"OR\"") ||
		 !strcmp(m, "syntax error near \"NOT\""))
		snprintf(why, sizeof why, "an operator with nothing before it");
	else if (!strncmp(m, "no such column: ", 16))
		snprintf(why, sizeof why, "\"%s:\" is not a field to search in", m + 16);
	else
		snprintf(why, sizeof why, "%s", m);
	return cx_fail(err, CX_EUSAGE, "search: the query is not valid (%s); put words with punctuation in double quotes",
		       why);
}

int cx_search(cx_db *db, const cx_search_opts *o, cx_out *out, cx_err *err)
{
	const cx_search_engine *e = cx_sql_search_engine(db);
	pass ps = { .o = o, .out = out, .limit = o->limit > 0 ? o->limit : 20 };
	int kind = 0, rc;
	int64_t added;
	char *q, *near, *nq = NULL;

	if (!o->query || !o->query[strspn(o->query, " \t")])
		return cx_fail(err, CX_EUSAGE, "search: give some words to look for");
	if (o->kind) {
		if ((rc = cx_words_check(cx_search_kinds, "kind", o->kind, CX_EDATA, err)))
			return rc;
		kind = cx_words_find(cx_search_kinds, o->kind) + CX_SK_CASE;
	}
	if ((rc = cx_search_catch_up(db, &added, err)))
		return rc;
	if ((near = near_query(o->query)) && !(nq = spaced(near, 1)))
		return free(near), cx_fail(err, CX_EINTERNAL, "out of memory");
	free(near);
	cx_terms *stems;
	if ((rc = stemmer(db, &stems, err)))
		return free(nq), rc;
	char *sq = stem_query(stems, o->query, err);
	cx_terms_free(stems);
	if (!sq)
		return free(nq), err->code;
	q = spaced(sq, 1);
	free(sq);
	if (!q)
		return free(nq), cx_fail(err, CX_EINTERNAL, "out of memory");
	/* in the engine's own query language */
	int had_near = nq != NULL;
	char *eq = e->query(q, err), *enq = nq && eq ? e->query(nq, err) : NULL;
	free(q);
	free(nq);
	q = eq;
	nq = enq;
	if (!q || (had_near && !nq)) {
		free(q);
		free(nq);
		return err ? err->code : CX_EUSAGE;
	}
	/* Plain words: first where they stand close together, then the rest; both by rank. */
	if (nq && e->ranked_both) {
		rc = run_pass(db, &ps, e->ranked_both, q, kind, nq, err);
	} else if (nq) {
		if ((rc = run_pass(db, &ps, e->ranked, nq, kind, NULL, err)) == CX_OK && ps.shown < ps.limit)
			rc = run_pass(db, &ps, e->ranked_rest, q, kind, nq, err);
	} else {
		rc = run_pass(db, &ps, e->ranked, q, kind, NULL, err);
	}
	free(q);
	free(nq);
	if (ps.began)
		cx_out_end(out);
	return query_error(rc, o->query, err);
}

int cx_search_matches(cx_db *db, const char *query, int kind, int64_t after, int64_t **refs, size_t *n, cx_err *err)
{
	const cx_search_engine *e = cx_sql_search_engine(db);
	cx_terms *stems;
	cx_stmt *st;
	size_t cap = 0;
	int rc;

	*refs = NULL;
	*n = 0;
	if (!query || !query[strspn(query, " \t")])
		return cx_fail(err, CX_EUSAGE, "search: give some words to look for");
	if ((rc = stemmer(db, &stems, err)))
		return rc;
	char *sq = stem_query(stems, query, err), *q = sq ? spaced(sq, 1) : NULL, *eq = q ? e->query(q, err) : NULL;
	cx_terms_free(stems);
	free(sq);
	free(q);
	if (!eq)
		return err->code ? err->code : cx_fail(err, CX_EINTERNAL, "out of memory");
	if ((rc = cx_sql_prepare(db, e->matching, &st, err))) {
		free(eq);
		return rc;
	}
	cx_sql_bind_text(st, 1, eq);
	cx_sql_bind_int(st, 2, kind);
	cx_sql_bind_int(st, 3, after * 8 + kind);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			int64_t *r = realloc(*refs, cap * sizeof *r);
			if (!r) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			*refs = r;
		}
		(*refs)[(*n)++] = cx_sql_int(st, 0) / 8;
	}
	cx_sql_finalize(st);
	free(eq);
	if (rc < 0) {
		free(*refs);
		*refs = NULL;
		*n = 0;
	}
	return query_error(rc < 0 ? rc : CX_OK, query, err);
}
