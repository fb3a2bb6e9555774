/*
 * PostgreSQL's full-text search: a tsvector of each text (accents taken out,
 * words as they are: the 'simple' configuration), ranked by cover density
 * over the text's length (short texts first, as FTS5's bm25 has them), and
 * snippets of about twelve words by ts_headline. The query keeps FTS5's syntax for the user, and
 * is turned into a tsquery here: words, "phrases", prefix*, AND, OR, NOT,
 * parentheses and NEAR(a b, N).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "buf.h"

typedef struct qbuf {
	cx_buf t;
	int term; /* the last thing written ends a term: a term next needs an & */
} qbuf;

static int put(qbuf *b, const char *text, size_t n)
{
	cx_buf_put(&b->t, text, n);
	return b->t.oom ? -1 : 0;
}

static int puts_(qbuf *b, const char *text)
{
	return put(b, text, strlen(text));
}

/* A letter, digit or underscore, or a byte of a non-ASCII character: part of a word. */
static int wordy(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* One word as a tsquery operand: quoted (words hold no quotes), with :* for a prefix. */
static int word(qbuf *b, const char *w, size_t n, int prefix)
{
	return puts_(b, "'") || put(b, w, n) || puts_(b, prefix ? "':*" : "'");
}

/* An & before a term that follows a term: FTS5 reads "a b" as a AND b. */
static int and_before(qbuf *b)
{
	return b->term ? puts_(b, " & ") : 0;
}

static char *bad(qbuf *b, cx_err *err, const char *why)
{
	cx_buf_free(&b->t);
	cx_fail(err, CX_EUSAGE, "search: the query is not valid (%s); put words with punctuation in double quotes", why);
	return NULL;
}

/* The words of a phrase, each after the one before it: 'a' <-> 'b'. */
static int phrase(qbuf *b, const char *s, size_t n, int prefix)
{
	int first = 1, rc = 0;
	size_t i = 0;
	if (puts_(b, "("))
		return -1;
	while (i < n) {
		while (i < n && !wordy((unsigned char)s[i]))
			i++;
		size_t k = i;
		while (k < n && wordy((unsigned char)s[k]))
			k++;
		if (k == i)
			break;
		int last = k >= n || !s[k + strspn(s + k, " \t")];
		for (size_t j = k; j < n && last; j++)
			last = !wordy((unsigned char)s[j]);
		if ((!first && puts_(b, " <-> ")) || word(b, s + i, k - i, prefix && last))
			return -1;
		first = 0;
		i = k;
	}
	rc = first ? 1 : puts_(b, ")");
	return rc;
}

static char *pg_query(const char *q, cx_err *err)
{
	qbuf b = { 0 };
	int depth = 0;
	const char *s = q;

	while (*s) {
		s += strspn(s, " \t\r\n");
		if (!*s)
			break;
		if (*s == '"') {
			const char *end = strchr(s + 1, '"');
			if (!end)
				return bad(&b, err, "unterminated string");
			/* "phrase"* (or "phrase" *, as CJK text is spaced out): its last word a prefix */
			const char *after = end + 1 + strspn(end + 1, " ");
			int prefix = *after == '*';
			if (and_before(&b))
				goto oom;
			int rc = phrase(&b, s + 1, (size_t)(end - s - 1), prefix);
			if (rc < 0)
				goto oom;
			if (rc > 0)
				return bad(&b, err, "a phrase with no words");
			b.term = 1;
			s = prefix ? after + 1 : end + 1;
		} else if (*s == '(') {
			if (and_before(&b) || puts_(&b, "("))
				goto oom;
			b.term = 0;
			depth++;
			s++;
		} else if (*s == ')') {
			if (!depth || !b.term)
				return bad(&b, err, "a ')' out of place");
			if (puts_(&b, ")"))
				goto oom;
			depth--;
			s++;
		} else if (wordy((unsigned char)*s)) {
			size_t n = 0;
			while (wordy((unsigned char)s[n]))
				n++;
			int op = (n == 3 && !strncmp(s, "AND", 3)) ? '&'
				 : (n == 2 && !strncmp(s, "OR", 2)) ? '|'
				 : (n == 3 && !strncmp(s, "NOT", 3)) ? '!'
				 : 0;
			if (n == 4 && !strncmp(s, "NEAR", 4) && s[4] == '(') {
				/* NEAR(a b ..., N): two words within N of each other, either way round; more: all of them */
				const char *close = strchr(s + 5, ')');
				if (!close)
					return bad(&b, err, "a NEAR group without its ')'");
				const char *comma = memchr(s + 5, ',', (size_t)(close - s - 5));
				int dist = comma ? atoi(comma + 1) : 10;
				const char *w[2];
				size_t wl[2];
				int nw = 0;
				const char *end = comma ? comma : close;
				if (and_before(&b) || puts_(&b, "("))
					goto oom;
				for (const char *p = s + 5; p < end;) {
					while (p < end && !wordy((unsigned char)*p))
						p++;
					size_t k = 0;
					while (p + k < end && wordy((unsigned char)p[k]))
						k++;
					if (!k)
						break;
					if (nw < 2) {
						w[nw] = p;
						wl[nw] = k;
					}
					if ((nw && puts_(&b, " & ")) || word(&b, p, k, 0))
						goto oom;
					nw++;
					p += k;
				}
				if (!nw)
					return bad(&b, err, "a NEAR group with no words");
				if (nw == 2 && dist > 0 && dist <= 20) {
					char d[16];
					if (puts_(&b, " & ("))
						goto oom;
					for (int i = 1; i <= dist + 1; i++)
						for (int r = 0; r < 2; r++) {
							snprintf(d, sizeof d, " <%d> ", i);
							if ((i > 1 || r) && puts_(&b, " | "))
								goto oom;
							if (word(&b, w[r], wl[r], 0) || puts_(&b, d) || word(&b, w[!r], wl[!r], 0))
								goto oom;
						}
					if (puts_(&b, ")"))
						goto oom;
				}
				if (puts_(&b, ")"))
					goto oom;
				b.term = 1;
				s = close + 1;
			} else if (op) {
				if (!b.term)
					return bad(&b, err, "an operator with nothing before it");
				if (puts_(&b, op == '&' ? " & " : op == '|' ? " | " : " & !"))
					goto oom;
				b.term = 0;
				s += n;
			} else {
				int prefix = s[n] == '*';
				if (and_before(&b) || word(&b, s, n, prefix))
					goto oom;
				b.term = 1;
				s += n + prefix;
			}
		} else {
			char why[48];
			snprintf(why, sizeof why, "syntax error near \"%c\"", *s);
			return bad(&b, err, why);
		}
	}
	if (depth)
		return bad(&b, err, "a '(' without its ')'");
	if (!b.term)
		return bad(&b, err, b.t.len ? "an operator with nothing after it" : "no words");
	return b.t.s;
oom:
	cx_buf_free(&b.t);
	cx_fail(err, CX_EINTERNAL, "out of memory");
	return NULL;
}

#define MATCHES(p) " s.tsv @@ to_tsquery('simple', cx_unaccent(" p "))"

const cx_search_engine cx_pg_search = {
	.ranked = "SELECT s.rowid, -ts_rank_cd(s.tsv, to_tsquery('simple', cx_unaccent(?1)), 2), NULL"
		  " FROM search_index s WHERE" MATCHES("?1") " AND (?2 = 0 OR s.rowid % 8 = ?2) ORDER BY 2, 1",
	.ranked_rest = "SELECT s.rowid, -ts_rank_cd(s.tsv, to_tsquery('simple', cx_unaccent(?1)), 2), NULL"
		       " FROM search_index s WHERE" MATCHES("?1") " AND (?2 = 0 OR s.rowid % 8 = ?2)"
		       " AND NOT" MATCHES("?3") " ORDER BY 2, 1",
	/* one walk of the index, for the wider query: a server's index finds a phrase slowly */
	.ranked_both = "SELECT s.rowid, -CASE WHEN s.near THEN ts_rank_cd(s.tsv, to_tsquery('simple', cx_unaccent(?3)), 2)"
		       " ELSE ts_rank_cd(s.tsv, to_tsquery('simple', cx_unaccent(?1)), 2) END, NULL, s.near"
		       " FROM (SELECT s.rowid, s.tsv, s.tsv @@ to_tsquery('simple', cx_unaccent(?3)) AS near"
		       " FROM search_index s WHERE" MATCHES("?1") " AND (?2 = 0 OR s.rowid % 8 = ?2)) s"
		       " ORDER BY 4 DESC, 2, 1",
	.snippet = "SELECT ts_headline('simple', s.body, to_tsquery('simple', cx_unaccent(?2)),"
		   " 'StartSel=[, StopSel=], MaxWords=12, MinWords=11, ShortWord=0')"
		   " FROM search_index s WHERE s.rowid = ?1",
	.matching = "SELECT s.rowid FROM search_index s WHERE" MATCHES("?1") " AND s.rowid % 8 = ?2 AND s.rowid > ?3",
	.optimize = NULL,
	/* conflicts with itself only: notes, cases and readers go on */
	.lock = "LOCK TABLE search_state IN SHARE ROW EXCLUSIVE MODE",
	.query = pg_query,
};
