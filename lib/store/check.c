/*
 * A broken CHECK rule of the schema in cx's words, the same from every
 * engine: each finds the rule's text in its own schema (a file names it in
 * its message, a server by a name made of the table and column) and words
 * it here, from that text, whatever its spacing.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sql.h"

enum { NTOK = 64 };

typedef struct token {
	const char *p;
	size_t n;
	char kind; /* 'i' a name or keyword, 'n' a number, 's' a quoted string, else the character itself ('<' for <, <=, <>) */
} token;

/* The tokens of a rule's text; -1 when it has more than NTOK or a string is not closed. */
static int tokens(const char *s, token *t)
{
	int n = 0;
	while (*s) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if (n == NTOK)
			return -1;
		token *k = &t[n++];
		k->p = s;
		if (isalpha((unsigned char)*s) || *s == '_') {
			k->kind = 'i';
			while (isalnum((unsigned char)*s) || *s == '_')
				s++;
		} else if (isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1]))) {
			k->kind = 'n';
			s++;
			while (isdigit((unsigned char)*s))
				s++;
		} else if (*s == '\'') {
			k->kind = 's';
			for (s++; *s && !(*s == '\'' && s[1] != '\''); s += *s == '\'' ? 2 : 1)
				;
			if (!*s++)
				return -1;
		} else if (*s == '<' || *s == '>') {
			k->kind = '<';
			s += s[1] == '=' || (s[0] == '<' && s[1] == '>') ? 2 : 1;
		} else {
			k->kind = *s++;
		}
		k->n = (size_t)(s - k->p);
	}
	return n;
}

static int is(const token *k, const char *word)
{
	return k->kind == 'i' && k->n == strlen(word) && !strncasecmp(k->p, word, k->n);
}

/* One of SQL's own words a rule may hold. */
static int keyword(const token *k)
{
	static const char *const words[] = { "and", "or", "not", "in", "between", "is", "null", "like" };
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
		if (is(k, words[w]))
			return 1;
	return 0;
}

/* A name of a column: a name that is neither SQL's word nor a function's. */
static int column(const token *t, int i, int n)
{
	return t[i].kind == 'i' && !(i + 1 < n && t[i + 1].kind == '(') && !keyword(&t[i]);
}

int cx_sql_check_columns(const char *rule, char *col, size_t size)
{
	token t[NTOK];
	int n = tokens(rule, t), found = 0, first = -1;
	for (int i = 0; i < n; i++) {
		if (!column(t, i, n))
			continue;
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = column(t, j, n) && t[j].n == t[i].n && !strncmp(t[j].p, t[i].p, t[i].n);
		if (!seen && !found++)
			first = i;
	}
	if (size)
		snprintf(col, size, "%.*s", first < 0 ? 0 : (int)t[first].n, first < 0 ? "" : t[first].p);
	return found;
}

/* A value of a rule as a person reads it, after sep: a string without its quotes. */
static size_t value(char *out, size_t size, const char *sep, const token *k)
{
	int quoted = k->kind == 's';
	return (size_t)snprintf(out, size, "%s%.*s", sep, (int)k->n - 2 * quoted, k->p + quoted);
}

/*
 * What a rule on one column asks of it, in words: "one of a, b", "from 1 to
 * 5", "more than 0"; 0 when the rule has another form.
 */
static int words(const token *t, int n, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	if (n >= 5 && is(&t[1], "in") && t[2].kind == '(' && t[n - 1].kind == ')') {
		len = (size_t)snprintf(out, size, "one of ");
		for (int i = 3; i < n - 1 && len < size; i += 2) {
			if ((t[i].kind != 's' && t[i].kind != 'n') || (t[i + 1].kind != ',' && i + 1 != n - 1))
				return 0;
			len += value(out + len, size - len, i > 3 ? ", " : "", &t[i]);
		}
		return len < size;
	}
	if (n == 5 && is(&t[1], "between") && t[2].kind == 'n' && is(&t[3], "and") && t[4].kind == 'n')
		return snprintf(out, size, "from %.*s to %.*s", (int)t[2].n, t[2].p, (int)t[4].n, t[4].p) < (int)size;
	if (n == 3 && (t[1].kind == '<' || t[1].kind == '=') && t[2].kind == 'n') {
		static const char *const said[][3] = { { ">", "more than ", "" }, { ">=", "", " or more" },
						       { "<", "less than ", "" }, { "<=", "", " or less" },
						       { "=", "", "" }, { "<>", "other than ", "" } };
		for (size_t i = 0; i < sizeof said / sizeof said[0]; i++)
			if (t[1].n == strlen(said[i][0]) && !strncmp(t[1].p, said[i][0], t[1].n))
				return snprintf(out, size, "%s%.*s%s", said[i][1], (int)t[2].n, t[2].p, said[i][2]) <
				       (int)size;
		return 0;
	}
	/* x = 5 OR x = 7 OR x = 10 */
	if (n >= 3 && n % 4 == 3) {
		len = (size_t)snprintf(out, size, "one of ");
		for (int i = 0; i < n && len < size; i += 4) {
			if (t[i + 1].kind != '=' || t[i + 2].kind != 'n' || (i + 3 < n && !is(&t[i + 3], "or")) ||
			    t[i].n != t[0].n || strncmp(t[i].p, t[0].p, t[0].n))
				return 0;
			len += value(out + len, size - len, i ? ", " : "", &t[i + 2]);
		}
		return len < size;
	}
	return 0;
}

/* The rule's text, spaced one way whatever the engine's schema wrote: "a IN ('x', 'y')". */
static void spaced(const token *t, int n, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		/* no space inside parentheses, before a comma, or between a function and its arguments */
		int gap = i > 0 && t[i].kind != ')' && t[i].kind != ',' && t[i - 1].kind != '(' &&
			  !(t[i].kind == '(' && t[i - 1].kind == 'i' && !keyword(&t[i - 1]));
		len += (size_t)snprintf(out + len, size - len, "%s%.*s", gap ? " " : "", (int)t[i].n, t[i].p);
	}
}

int cx_sql_check_fail(cx_err *err, const char *table, const char *rule)
{
	token t[NTOK];
	char col[64], said[400], text[400];
	int n = rule ? tokens(rule, t) : -1;
	if (n <= 0)
		return cx_sql_rule_fail(err, CX_RULE_CHECK, rule);
	int ncols = cx_sql_check_columns(rule, col, sizeof col);
	spaced(t, n, text, sizeof text);
	if (ncols == 1 && column(t, 0, n) && words(t, n, said, sizeof said))
		return cx_fail(err, CX_EDATA, "%s%s%s has a value not allowed (it must be %s)", table ? table : "",
			       table ? "." : "", col, said);
	if (ncols == 1)
		return cx_fail(err, CX_EDATA, "%s%s%s has a value not allowed (it must meet the rule %s)", table ? table : "",
			       table ? "." : "", col, text);
	return cx_fail(err, CX_EDATA, "%s%sthe values break the rule %s (change them to meet it)", table ? table : "",
		       table ? ": " : "", text);
}
