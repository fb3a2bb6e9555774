/*
 * The text of a mail as a person reads it: quotes and signatures folded
 * away, format=flowed joined (HTML is made text by mail_html.c, in the
 * MIME module), subjects cleaned of reply prefixes, the [cx #N] token, sizes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cx/mail.h"
#include "mail_impl.h"

/* ---- a growable string (mail_impl.h) ---- */

/* ---- lines ---- */

typedef struct line {
	const char *s;
	size_t n; /* without the newline (and a CR before it) */
} line;

static line *split(const char *text, size_t *count)
{
	size_t cap = 64, n = 0;
	line *v = malloc(cap * sizeof *v);
	if (!v)
		return NULL;
	for (const char *p = text; *p || n == 0;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (n == cap) {
			line *w = realloc(v, 2 * cap * sizeof *v);
			if (!w) {
				free(v);
				return NULL;
			}
			v = w;
			cap *= 2;
		}
		v[n].s = p;
		v[n].n = len > 0 && p[len - 1] == '\r' ? len - 1 : len;
		n++;
		if (!nl)
			break;
		p = nl + 1;
	}
	*count = n;
	return v;
}

static int blank(const line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!isspace((unsigned char)l->s[i]))
			return 0;
	return 1;
}

/* The line without the white space around it, into out (cut to size). */
static void trimmed(const line *l, char *out, size_t size)
{
	size_t a = 0, b = l->n;
	while (a < b && isspace((unsigned char)l->s[a]))
		a++;
	while (b > a && isspace((unsigned char)l->s[b - 1]))
		b--;
	snprintf(out, size, "%.*s", (int)(b - a), l->s + a);
}

static int starts_ci(const char *s, const char *prefix)
{
	return !strncasecmp(s, prefix, strlen(prefix));
}

/* "-----Original Message-----" and its translations; not "---------- Forwarded message ----------". */
static int original_marker(const char *t)
{
	static const char *const words[] = { "original", "ursprüngliche", "origine", "oorspronkelijk", "originale",
					     "oprindelig", "ursprungligt", "alkuperäinen", NULL };
	size_t n = strlen(t);
	if (n < 8 || strncmp(t, "---", 3) || strcmp(t + n - 3, "---"))
		return 0;
	for (int i = 0; words[i]; i++)
		if (strcasestr(t, words[i]))
			return 1;
	return 0;
}

/* Outlook's header block above the mail it answers: From:/Von:/De: then Sent:/Gesendet:/Envoyé : below. */
static int outlook_block(const line *v, size_t n, size_t i)
{
	static const char *const from[] = { "From:", "Von:", "De :", "De:", "Da:", "Van:", "Från:", "Fra:", NULL };
	static const char *const sent[] = { "Sent:", "Gesendet:", "Envoyé :", "Envoyé:", "Enviado:", "Inviato:",
					    "Verzonden:", "Skickat:", "Sendt:", NULL };
	char t[256];
	int is_from = 0;
	trimmed(&v[i], t, sizeof t);
	/* Outlook's HTML bolds the names: "*From:* ..." once made text */
	const char *s = t[0] == '*' ? t + 1 : t;
	for (int k = 0; from[k]; k++)
		is_from |= starts_ci(s, from[k]);
	if (!is_from)
		return 0;
	for (size_t j = i + 1; j < n && j <= i + 3; j++) {
		trimmed(&v[j], t, sizeof t);
		s = t[0] == '*' ? t + 1 : t;
		for (int k = 0; sent[k]; k++)
			if (starts_ci(s, sent[k]))
				return 1;
	}
	return 0;
}

/* "Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for Android", ... */
static int phone_signature(const char *t)
{
	static const char *const starts[] = { "Sent from ", "Sent with ", "Get Outlook for ", "Envoyé de ",
					      "Envoyé depuis ", "Enviado desde ", "Enviado do ", "Inviato da ",
					      "Verzonden met ", "Verstuurd vanaf ", "Skickat från ", NULL };
	if (strlen(t) > 80)
		return 0;
	for (int i = 0; starts[i]; i++)
		if (starts_ci(t, starts[i]))
			return 1;
	return starts_ci(t, "Von meinem ") && strstr(t, " gesendet");
}

static int quoted(const line *l)
{
	return l->n > 0 && l->s[0] == '>';
}

char *cx_mail_fold(const char *text, int forward, int *folded)
{
	size_t n;
	line *v = split(text ? text : "", &n);
	char *keep = v ? calloc(n, 1) : NULL;
	char t[256];
	cx_buf b = { 0 };

	*folded = 0;
	if (!keep) {
		free(v);
		return NULL;
	}
	memset(keep, 1, n);
	/* a top-posted reply: everything from the quoted mail's header on */
	for (size_t i = 0; i < n && !forward; i++) {
		trimmed(&v[i], t, sizeof t);
		if (original_marker(t) || outlook_block(v, n, i)) {
			size_t from = i;
			/* Outlook's rule of underscores (or an empty line) above the block goes too */
			while (from > 0 && (blank(&v[from - 1]) || (trimmed(&v[from - 1], t, sizeof t), t[0] == '_')))
				from--;
			memset(keep + from, 0, n - from);
			break;
		}
	}
	/* quoted lines, and the attribution just above each run of them */
	for (size_t i = 0; i < n; i++) {
		if (!keep[i] || !quoted(&v[i]))
			continue;
		keep[i] = 0;
		if (i > 0 && quoted(&v[i - 1]))
			continue;
		size_t a = i;
		while (a > 0 && blank(&v[a - 1]) && keep[a - 1])
			a--;
		if (a > 0 && keep[a - 1]) {
			trimmed(&v[a - 1], t, sizeof t);
			size_t tl = strlen(t);
			if (tl > 0 && (t[tl - 1] == ':' || !strcmp(t + (tl > 3 ? tl - 3 : 0), "：")) && tl < 200) {
				for (size_t k = a - 1; k < i; k++)
					keep[k] = 0;
				/* "On ..., Name <" wrapped before "addr> wrote:" */
				if (a >= 2 && keep[a - 2] && !blank(&v[a - 2]) && (t[0] == '<' || islower((unsigned char)t[0])))
					keep[a - 2] = 0;
			}
		}
	}
	/* the signature: from "-- " on, and a phone's line at the end */
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		if ((v[i].n == 3 && !memcmp(v[i].s, "-- ", 3)) || (v[i].n == 2 && !memcmp(v[i].s, "--", 2))) {
			for (size_t k = i; k < n; k++)
				keep[k] = 0;
			break;
		}
	}
	for (size_t i = n; i-- > 0;) {
		if (!keep[i] || blank(&v[i]))
			continue;
		trimmed(&v[i], t, sizeof t);
		if (phone_signature(t))
			keep[i] = 0;
		break;
	}
	/* what is left, without blank lines at either end or more than one in a row */
	size_t first = 0, last = n;
	while (first < n && (!keep[first] || blank(&v[first])))
		first++;
	while (last > first && (!keep[last - 1] || blank(&v[last - 1])))
		last--;
	for (size_t i = 0; i < n; i++)
		*folded += !keep[i] && !blank(&v[i]);
	if (first >= last) {
		/* nothing of its own: the mail is all quote (a bare forward); show it whole */
		*folded = 0;
		free(v);
		free(keep);
		char *whole = strdup(text ? text : "");
		return whole;
	}
	int blanks = 0;
	for (size_t i = first; i < last; i++) {
		if (!keep[i])
			continue;
		if (blank(&v[i])) {
			if (blanks++)
				continue;
			cx_buf_put(&b, "\n", 1);
			continue;
		}
		blanks = 0;
		cx_buf_put(&b, v[i].s, v[i].n);
		cx_buf_put(&b, "\n", 1);
	}
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	free(v);
	free(keep);
	return cx_buf_done(&b);
}

char *cx_mail_unflow(const char *text, int delsp)
{
	size_t n;
	line *v = split(text ? text : "", &n);
	cx_buf b = { 0 };
	if (!v)
		return NULL;
	int joining = 0, depth_open = -1;
	for (size_t i = 0; i < n; i++) {
		const char *s = v[i].s;
		size_t len = v[i].n;
		int depth = 0;
		while (depth < (int)len && s[depth] == '>')
			depth++;
		s += depth;
		len -= (size_t)depth;
		if (len > 0 && s[0] == ' ') /* space-stuffing */
			s++, len--;
		int sig = len == 3 && !memcmp(s, "-- ", 3);
		int soft = !sig && len > 0 && s[len - 1] == ' ';
		/* a soft break joins only lines of the same quote depth */
		if (joining && depth != depth_open) {
			cx_buf_put(&b, "\n", 1);
			joining = 0;
		}
		if (!joining) {
			for (int k = 0; k < depth; k++)
				cx_buf_put(&b, ">", 1);
			if (depth)
				cx_buf_put(&b, " ", 1);
		}
		cx_buf_put(&b, s, soft && delsp ? len - 1 : len);
		if (soft) {
			joining = 1;
			depth_open = depth;
		} else {
			joining = 0;
			if (i + 1 < n)
				cx_buf_put(&b, "\n", 1);
		}
	}
	size_t tl = text ? strlen(text) : 0;
	if (tl && text[tl - 1] == '\n' && !(b.len && b.s[b.len - 1] == '\n'))
		cx_buf_put(&b, "\n", 1);
	free(v);
	return cx_buf_done(&b);
}

/* ---- subjects ---- */

/* Length of a reply or forward prefix at s ("Re:", "AW: ", "Re[2]:", "RE :", "回复："), or 0. */
static size_t prefix_len(const char *s)
{
	static const char *const words[] = { "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "antwort", "r", "rif",
					     "tr", "ref", "odp", "pd", "rv", "enc", "res", "vb", "ynt", "ha", "atb",
					     "\xe5\x9b\x9e\xe5\xa4\x8d", "\xe7\xad\x94\xe5\xa4\x8d",
					     "\xe8\xbd\xac\xe5\x8f\x91", "\xe8\xbf\x94\xe4\xbf\xa1",
					     "\xe8\xbb\xa2\xe9\x80\x81", NULL };
	for (int i = 0; words[i]; i++) {
		size_t k = strlen(words[i]);
		if (strncasecmp(s, words[i], k))
			continue;
		const char *p = s + k;
		if ((*p == '[' || *p == '(') && isdigit((unsigned char)p[1])) {
			char close = *p == '[' ? ']' : ')';
			p++;
			while (isdigit((unsigned char)*p))
				p++;
			if (*p != close)
				continue;
			p++;
		}
		while (*p == ' ')
			p++;
		if (*p == ':')
			return (size_t)(p + 1 - s);
		if (!strncmp(p, "\xef\xbc\x9a", 3)) /* a full-width colon */
			return (size_t)(p + 3 - s);
	}
	return 0;
}

/* Where a "[cx #N]" token starts in s, with its length; NULL when none. */
static const char *token_at(const char *s, size_t *len, int64_t *id)
{
	for (const char *p = strchr(s, '['); p; p = strchr(p + 1, '[')) {
		if (strncasecmp(p + 1, "cx", 2))
			continue;
		const char *q = p + 3;
		while (*q == ' ')
			q++;
		if (*q != '#' || !isdigit((unsigned char)q[1]))
			continue;
		q++;
		int64_t v = 0;
		int digits = 0;
		while (isdigit((unsigned char)*q) && digits < 18) {
			v = v * 10 + (*q++ - '0');
			digits++;
		}
		if (*q != ']')
			continue;
		*len = (size_t)(q + 1 - p);
		*id = v;
		return p;
	}
	return NULL;
}

int64_t cx_mail_token(const char *subject)
{
	size_t len;
	int64_t id = 0;
	return subject && token_at(subject, &len, &id) ? id : 0;
}

void cx_mail_subject_clean(const char *subject, char *out, size_t size)
{
	char *s = strdup(subject ? subject : ""), *w;
	size_t len;
	int64_t id;
	if (!size)
		return;
	if (!s) {
		out[0] = '\0';
		return;
	}
	/* control characters (a folded header's newlines) become spaces */
	for (w = s; *w; w++)
		if ((unsigned char)*w < 0x20 || *w == 0x7f)
			*w = ' ';
	const char *t;
	while ((t = token_at(s, &len, &id)))
		memmove((char *)t, t + len, strlen(t + len) + 1);
	char *p = s;
	for (;;) {
		while (*p == ' ')
			p++;
		size_t k = prefix_len(p);
		if (!k)
			break;
		p += k;
	}
	/* runs of spaces are one; none at the end */
	size_t o = 0;
	int sp = 0;
	for (; *p; p++) {
		if (*p == ' ') {
			sp = 1;
			continue;
		}
		if (sp && o) {
			if (o + 1 >= size)
				break;
			out[o++] = ' ';
		}
		sp = 0;
		if (o + 1 >= size)
			break;
		out[o++] = *p;
	}
	/* cut short in the middle of a character: without that character */
	if (*p && ((unsigned char)*p & 0xc0) == 0x80) {
		while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
			o--;
		if (o > 0)
			o--;
	}
	out[o] = '\0';
	free(s);
}

/* ---- sizes ---- */

void cx_mail_size_text(int64_t bytes, char *b, size_t size)
{
	if (bytes < 1024)
		snprintf(b, size, "%lld B", (long long)bytes);
	else if (bytes < 1024 * 1024)
		snprintf(b, size, "%.0f KB", bytes / 1024.0);
	else if (bytes < 10LL * 1024 * 1024)
		snprintf(b, size, "%.1f MB", bytes / (1024.0 * 1024));
	else
		snprintf(b, size, "%.0f MB", bytes / (1024.0 * 1024));
}

int cx_mail_size_parse(const char *s, int64_t *bytes, cx_err *err)
{
	char *end;
	if (!s || !isdigit((unsigned char)s[0]))
		goto bad;
	long long v = strtoll(s, &end, 10);
	int64_t unit = 1;
	if (*end == 'k' || *end == 'K')
		unit = 1024, end++;
	else if (*end == 'm' || *end == 'M')
		unit = 1024 * 1024, end++;
	else if (*end == 'g' || *end == 'G')
		unit = 1024LL * 1024 * 1024, end++;
	if (unit > 1 && (*end == 'b' || *end == 'B'))
		end++;
	if (*end || v <= 0 || v > (long long)(INT64_MAX / unit))
		goto bad;
	*bytes = v * unit;
	return CX_OK;
bad:
	return cx_fail(err, CX_EDATA, "\"%s\" is not a size (write 25M, 500K, 1G or a number of bytes)", s ? s : "");
}
