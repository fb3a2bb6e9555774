/*
 * Reading one message with GMime into a plain struct: addresses, the decoded
 * subject, the date, ids, the body as UTF-8 text (the plain part of an
 * alternative, else its HTML made text), forwarded messages, attachments,
 * and whether a machine sent it. Part of the MIME module (mail_mime.c).
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "csv_reader.h"
#include "cx/mail.h"
#include "mail_impl.h"

/* What the parser warned of while reading one message. */
typedef struct damage {
	char why[200];
} damage;

static void warned(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer arg)
{
	damage *d = arg;
	const char *why = NULL;
	switch (code) {
	case GMIME_WARN_TRUNCATED_MESSAGE:
		why = "the message is cut short";
		break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
		why = "a multipart part has no boundary";
		break;
	case GMIME_CRIT_NESTING_OVERFLOW:
		why = "parts are nested too deep to be a real mail";
		break;
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
		why = "a part has neither headers nor content";
		break;
	default:
		return;
	}
	if (d->why[0])
		return;
	if (offset >= 0)
		snprintf(d->why, sizeof d->why, "%s (at byte %lld of the message)", why, (long long)offset);
	else
		snprintf(d->why, sizeof d->why, "%s", why);
}

static GMimeParserOptions *options(void)
{
	static GMimeParserOptions *o;
	if (!o) {
		/* raw 8-bit in a header: UTF-8 if it is, else what Windows mailers wrote */
		static const char *fallback[] = { "UTF-8", "windows-1252", NULL };
		g_mime_init();
		o = g_mime_parser_options_new();
		g_mime_parser_options_set_fallback_charsets(o, fallback);
		g_mime_parser_options_set_address_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
		g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
		g_mime_parser_options_set_parameter_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	}
	return o;
}

/* A copy on one line, control characters as spaces, bytes that are not UTF-8 as U+FFFD. */
static char *one_line(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	char *out = malloc(3 * n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		long bad = cx_utf8_invalid((const unsigned char *)s + i, n - i);
		size_t good = bad < 0 ? n - i : (size_t)bad;
		for (size_t k = 0; k < good; k++) {
			unsigned char c = (unsigned char)s[i + k];
			*o++ = c < 0x20 || c == 0x7f ? ' ' : (char)c;
		}
		i += good;
		if (bad >= 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	*o = '\0';
	/* trimmed, and cut at a character's start */
	char *a = out;
	while (*a == ' ')
		a++;
	size_t len = strlen(a);
	while (len && a[len - 1] == ' ')
		len--;
	if (len > max) {
		len = max;
		while (len && ((unsigned char)a[len] & 0xc0) == 0x80)
			len--;
	}
	memmove(out, a, len);
	out[len] = '\0';
	return out;
}

/* Bytes in a charset as UTF-8 text: what cannot be read is U+FFFD, CRLF is LF, NUL goes. */
static char *to_utf8(const char *in, size_t n, const char *charset)
{
	const char *from = NULL;
	if (charset && *charset)
		from = g_mime_charset_iconv_name(charset);
	else if (cx_utf8_invalid((const unsigned char *)in, n) >= 0)
		from = "WINDOWS-1252"; /* undeclared and not UTF-8: what most such mail is */
	iconv_t cd = from ? iconv_open("UTF-8", from) : (iconv_t)-1;
	if (from && cd == (iconv_t)-1 && cx_utf8_invalid((const unsigned char *)in, n) >= 0)
		cd = iconv_open("UTF-8", "WINDOWS-1252"); /* a charset nobody knows: the likeliest */
	size_t cap = 2 * n + 16, len = 0;
	char *out = malloc(cap);
	if (!out) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return NULL;
	}
	if (cd == (iconv_t)-1) {
		/* UTF-8 already, or so it claims: keep what is valid */
		for (size_t i = 0; i < n;) {
			long bad = cx_utf8_invalid((const unsigned char *)in + i, n - i);
			size_t good = bad < 0 ? n - i : (size_t)bad;
			if (len + good + 4 > cap) {
				char *p = realloc(out, cap = 2 * (len + good + 4));
				if (!p)
					return free(out), NULL;
				out = p;
			}
			memcpy(out + len, in + i, good);
			len += good;
			i += good;
			if (bad >= 0) {
				memcpy(out + len, "\xef\xbf\xbd", 3);
				len += 3;
				i++;
			}
		}
	} else {
		char *ip = (char *)in;
		size_t il = n;
		while (il > 0) {
			if (cap - len < 16) {
				char *p = realloc(out, cap *= 2);
				if (!p) {
					iconv_close(cd);
					return free(out), NULL;
				}
				out = p;
			}
			char *op = out + len;
			size_t ol = cap - len - 4;
			size_t r = iconv(cd, &ip, &il, &op, &ol);
			len = (size_t)(op - out);
			if (r == (size_t)-1) {
				if (errno == E2BIG)
					continue;
				/* a byte that is not of the charset, or a sequence cut short */
				memcpy(out + len, "\xef\xbf\xbd", 3);
				len += 3;
				if (errno == EINVAL)
					break;
				ip++;
				il--;
				iconv(cd, NULL, NULL, NULL, NULL);
			}
		}
		/* a stateful charset (ISO-2022-JP) returns to its initial state */
		char *op = out + len;
		size_t ol = cap - len - 1;
		iconv(cd, NULL, NULL, &op, &ol);
		len = (size_t)(op - out);
		iconv_close(cd);
	}
	out[len] = '\0';
	/* line ends as LF, no NUL */
	char *w = out;
	for (size_t i = 0; i < len; i++) {
		if (out[i] == '\r') {
			*w++ = '\n';
			if (i + 1 < len && out[i + 1] == '\n')
				i++;
		} else if (out[i] != '\0') {
			*w++ = out[i];
		}
	}
	*w = '\0';
	return out;
}

/* The decoded bytes of a part (transfer encoding undone). */
static GByteArray *content(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GByteArray *ba = g_byte_array_new();
	/* the stream writes into our array and leaves it to us */
	GMimeStream *st = g_mime_stream_mem_new_with_byte_array(ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	if (w)
		g_mime_data_wrapper_write_to_stream(w, st);
	g_object_unref(st);
	return ba;
}

typedef struct walker {
	cx_mail *m;
	GString *text;
	int files_only; /* the other branches of an alternative: their files, not their text */
	int oom;
} walker;

static void add_text(walker *w, const char *t)
{
	if (!t || !t[strspn(t, " \t\n")] || w->files_only)
		return;
	if (w->text->len)
		g_string_append(w->text, "\n\n");
	g_string_append(w->text, t);
}

/* The text of a text part, format=flowed joined, HTML made readable. */
static char *part_text(GMimePart *part, int *html)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	GByteArray *ba = content(part);
	char *t = to_utf8((const char *)ba->data, ba->len, g_mime_content_type_get_parameter(ct, "charset"));
	g_byte_array_unref(ba);
	if (!t)
		return NULL;
	*html = g_mime_content_type_is_type(ct, "text", "html");
	if (*html) {
		char *plain = cx_mime_html_text(t, strlen(t));
		free(t);
		return plain;
	}
	const char *fmt = g_mime_content_type_get_parameter(ct, "format");
	if (fmt && !strcasecmp(fmt, "flowed")) {
		const char *delsp = g_mime_content_type_get_parameter(ct, "delsp");
		char *joined = cx_mail_unflow(t, delsp && !strcasecmp(delsp, "yes"));
		free(t);
		return joined;
	}
	return t;
}

static int is_file(GMimeObject *o)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	const char *disp = g_mime_object_get_disposition(o);
	if (disp && !strcasecmp(disp, "attachment"))
		return 1;
	if (GMIME_IS_PART(o) && g_mime_part_get_filename(GMIME_PART(o)))
		return 1;
	return !g_mime_content_type_is_type(ct, "text", "*");
}

static void add_file(walker *w, GMimePart *part)
{
	cx_mail *m = w->m;
	cx_mail_file *v = realloc(m->files, (size_t)(m->nfiles + 1) * sizeof *v);
	if (!v) {
		w->oom = 1;
		return;
	}
	m->files = v;
	cx_mail_file *f = &v[m->nfiles];
	memset(f, 0, sizeof *f);
	const char *name = g_mime_part_get_filename(part);
	/* a name, never a path: the last component, on one line */
	if (name) {
		const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
		if (slash || back)
			name = (slash > back ? slash : back) + 1;
	}
	f->name = one_line(name ? name : "", 200);
	if (f->name && (!strcmp(f->name, ".") || !strcmp(f->name, "..")))
		f->name[0] = '\0';
	f->type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(GMIME_OBJECT(part)));
	GByteArray *ba = content(part);
	f->size = ba->len;
	f->data = malloc(ba->len ? ba->len : 1);
	if (f->data)
		memcpy(f->data, ba->data, ba->len);
	cx_mail_sha256(ba->data, ba->len, f->sha256);
	g_byte_array_unref(ba);
	if (!f->name || !f->type || !f->data) {
		w->oom = 1;
		free(f->name);
		g_free(f->type);
		free(f->data);
		return;
	}
	m->nfiles++;
}

static void walk(walker *w, GMimeObject *o, int depth);

/* A forwarded message: its headers as a reader sees them, then its text; its files are ours. */
static void forwarded(walker *w, GMimeMessage *msg, int depth)
{
	GString *head = g_string_new("---------- Forwarded message ----------\n");
	InternetAddressList *from = g_mime_message_get_from(msg);
	char *f = from ? internet_address_list_to_string(from, NULL, FALSE) : NULL;
	GDateTime *d = g_mime_message_get_date(msg);
	char *date = d ? g_date_time_format(d, "%a, %d %b %Y %H:%M:%S %z") : NULL;
	char *subj = one_line(g_mime_message_get_subject(msg), 500);
	char *from_line = one_line(f, 500);
	if (from_line && from_line[0])
		g_string_append_printf(head, "From: %s\n", from_line);
	if (date)
		g_string_append_printf(head, "Date: %s\n", date);
	if (subj && subj[0])
		g_string_append_printf(head, "Subject: %s\n", subj);
	free(subj);
	free(from_line);
	g_free(date);
	g_free(f);
	add_text(w, head->str);
	g_string_free(head, TRUE);
	GString *outer = w->text;
	w->text = g_string_new(NULL);
	walk(w, g_mime_message_get_mime_part(msg), depth + 1);
	if (w->text->len) {
		g_string_append(outer, "\n");
		g_string_append(outer, w->text->str);
	}
	g_string_free(w->text, TRUE);
	w->text = outer;
}

static void walk(walker *w, GMimeObject *o, int depth)
{
	if (!o || depth > 40 || w->oom)
		return;
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		if (inner)
			forwarded(w, inner, depth);
		return;
	}
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		GMimeContentType *ct = g_mime_object_get_content_type(o);
		if (g_mime_content_type_is_type(ct, "multipart", "alternative") && !w->files_only) {
			/* the plain text when there is some, else the richest part */
			int chosen = -1;
			for (int i = 0; i < n; i++) {
				GMimeObject *c = g_mime_multipart_get_part(mp, i);
				if (GMIME_IS_PART(c) && !is_file(c) &&
				    g_mime_content_type_is_type(g_mime_object_get_content_type(c), "text", "plain")) {
					int html;
					char *t = part_text(GMIME_PART(c), &html);
					if (t && t[strspn(t, " \t\n")]) {
						add_text(w, t);
						free(t);
						chosen = i;
						break;
					}
					free(t);
				}
			}
			if (chosen < 0 && n > 0) {
				chosen = n - 1;
				walk(w, g_mime_multipart_get_part(mp, chosen), depth + 1);
			}
			/* a photo in the HTML branch is still a file the customer sent */
			int was = w->files_only;
			w->files_only = 1;
			for (int i = 0; i < n; i++)
				if (i != chosen)
					walk(w, g_mime_multipart_get_part(mp, i), depth + 1);
			w->files_only = was;
			return;
		}
		for (int i = 0; i < n; i++)
			walk(w, g_mime_multipart_get_part(mp, i), depth + 1);
		return;
	}
	if (!GMIME_IS_PART(o))
		return;
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	if (is_file(o)) {
		/* delivery reports' own parts are not files anybody sent */
		if (!g_mime_content_type_is_type(ct, "message", "*"))
			add_file(w, GMIME_PART(o));
		return;
	}
	if (g_mime_content_type_is_type(ct, "text", "plain") || g_mime_content_type_is_type(ct, "text", "html")) {
		int html;
		if (w->files_only)
			return;
		char *t = part_text(GMIME_PART(o), &html);
		if (!t) {
			w->oom = 1;
			return;
		}
		if (t[strspn(t, " \t\n")] && html)
			w->m->from_html = 1;
		add_text(w, t);
		free(t);
	}
}

static const char *header(GMimeObject *o, const char *name)
{
	const char *v = g_mime_object_get_header(o, name);
	return v && *v ? v : NULL;
}

/* Why a machine sent this, from its headers and type; NULL for a person's mail. */
static const char *machine(GMimeMessage *msg, const char *from)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	const char *v;
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	if (body && g_mime_content_type_is_type(g_mime_object_get_content_type(body), "multipart", "report"))
		return "delivery report (multipart/report)";
	if (from && (!strncasecmp(from, "mailer-daemon@", 14) || !strncasecmp(from, "mailer_daemon@", 14)))
		return "delivery report (MAILER-DAEMON)";
	if (from && !strncasecmp(from, "postmaster@", 11))
		return "delivery report (postmaster)";
	if ((v = header(o, "Return-Path")) && !strcmp(v + strspn(v, " "), "<>"))
		return "delivery report (empty Return-Path)";
	if ((v = header(o, "Auto-Submitted")) && strncasecmp(v + strspn(v, " "), "no", 2))
		return "auto-reply (Auto-Submitted)";
	if (header(o, "X-Autoreply") || header(o, "X-Autorespond"))
		return "auto-reply (X-Autoreply)";
	if (header(o, "List-Id"))
		return "list mail (List-Id)";
	if ((v = header(o, "Precedence"))) {
		v += strspn(v, " ");
		if (!strncasecmp(v, "bulk", 4) || !strncasecmp(v, "junk", 4) || !strncasecmp(v, "list", 4))
			return "bulk mail (Precedence)";
	}
	return NULL;
}

/* The first mailbox of a list (looking into groups). */
static InternetAddressMailbox *first_mailbox(InternetAddressList *l)
{
	for (int i = 0; l && i < internet_address_list_length(l); i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			return INTERNET_ADDRESS_MAILBOX(a);
		if (INTERNET_ADDRESS_IS_GROUP(a)) {
			InternetAddressMailbox *mb = first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)));
			if (mb)
				return mb;
		}
	}
	return NULL;
}

static char *lower_addr(const char *a)
{
	char *s = one_line(a, 254);
	for (char *p = s; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static void add_ref(cx_mail *m, const char *id)
{
	if (!id || !*id || strlen(id) > 250)
		return;
	for (int i = 0; i < m->nrefs; i++)
		if (!strcmp(m->refs[i], id))
			return;
	char **v = realloc(m->refs, (size_t)(m->nrefs + 1) * sizeof *v);
	if (!v)
		return;
	m->refs = v;
	if ((v[m->nrefs] = one_line(id, 250)))
		m->nrefs++;
}

static void add_refs(cx_mail *m, const char *text, int first_only, char **first)
{
	if (!text)
		return;
	GMimeReferences *r = g_mime_references_parse(options(), text);
	int n = r ? g_mime_references_length(r) : 0;
	for (int i = 0; i < n; i++) {
		const char *id = g_mime_references_get_message_id(r, i);
		if (first && !*first && id && *id)
			*first = one_line(id, 250);
		add_ref(m, id);
		if (first_only)
			break;
	}
	if (r)
		g_mime_references_free(r);
}

static int forward_subject(const char *s)
{
	static const char *const fw[] = { "fwd:", "fw:", "wg:", "tr:", "rv:", "enc:", "vs:", "doorst:", "i:", NULL };
	s += strspn(s, " ");
	for (int i = 0; fw[i]; i++)
		if (!strncasecmp(s, fw[i], strlen(fw[i])))
			return 1;
	return 0;
}

/* m comes zeroed but for its size and SHA-256 (cx_mail_parse). */
int cx_mime_parse(const char *raw, size_t len, cx_mail *m, cx_err *err)
{
	damage d = { "" };
	int rc = CX_OK;

	GMimeParserOptions *opt = options();
	g_mime_parser_options_set_warning_callback(opt, warned, &d);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(raw, len);
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	GMimeMessage *msg = g_mime_parser_construct_message(p, opt);
	g_mime_parser_options_set_warning_callback(opt, NULL, NULL);
	g_object_unref(p);
	if (!msg) {
		g_object_unref(st);
		return cx_fail(err, CX_EDATA, "not a mail message (no headers)");
	}
	GMimeObject *o = GMIME_OBJECT(msg);
	InternetAddressMailbox *from = first_mailbox(g_mime_message_get_from(msg));
	if (!from)
		from = first_mailbox(g_mime_message_get_sender(msg));
	if (!from && !header(o, "Subject") && !header(o, "Date") && !header(o, "Message-ID")) {
		rc = cx_fail(err, CX_EDATA, "not a mail message (no From, Subject, Date or Message-ID)");
		goto out;
	}
	if (d.why[0]) {
		rc = cx_fail(err, CX_EDATA, "%s", d.why);
		goto out;
	}
	const char *id = g_mime_message_get_message_id(msg);
	if (id && *id && strlen(id) <= 250)
		m->msgid = one_line(id, 250);
	if (m->msgid && !m->msgid[0]) {
		free(m->msgid);
		m->msgid = NULL;
	}
	add_refs(m, header(o, "References"), 0, NULL);
	add_refs(m, header(o, "In-Reply-To"), 1, &m->in_reply_to);
	if (from) {
		m->from_addr = lower_addr(internet_address_mailbox_get_addr(from));
		m->from_name = one_line(internet_address_get_name(INTERNET_ADDRESS(from)), 200);
	}
	if (!m->from_name)
		m->from_name = strdup("");
	InternetAddressMailbox *rt = first_mailbox(g_mime_message_get_reply_to(msg));
	if (rt) {
		char *a = lower_addr(internet_address_mailbox_get_addr(rt));
		if (a && m->from_addr && strcmp(a, m->from_addr))
			m->reply_to = a;
		else
			free(a);
	}
	GString *to = g_string_new(NULL);
	InternetAddressList *all = g_mime_message_get_all_recipients(msg);
	for (int i = 0; all && i < internet_address_list_length(all); i++) {
		InternetAddress *a = internet_address_list_get_address(all, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		char *addr = lower_addr(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
		if (addr && *addr && to->len < 2000)
			g_string_append_printf(to, "%s%s", to->len ? ", " : "", addr);
		free(addr);
	}
	if (all)
		g_object_unref(all);
	m->to = strdup(to->str);
	g_string_free(to, TRUE);
	m->subject = one_line(g_mime_message_get_subject(msg), 1000);
	m->forward = m->subject && forward_subject(m->subject);
	GDateTime *date = g_mime_message_get_date(msg);
	if (date)
		m->date = g_date_time_to_unix(date);
	m->machine = machine(msg, m->from_addr);
	walker w = { .m = m, .text = g_string_new(NULL) };
	walk(&w, g_mime_message_get_mime_part(msg), 0);
	m->text = strdup(w.text->str);
	g_string_free(w.text, TRUE);
	if (w.oom || !m->text || !m->to || !m->subject || !m->from_name)
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
out:
	g_object_unref(msg);
	g_object_unref(st);
	if (rc == CX_EINTERNAL)
		cx_mail_free(m);
	return rc;
}

int cx_mime_addresses(const char *list, char ***addrs, char **name, cx_err *err)
{
	InternetAddressList *l = list ? internet_address_list_parse(options(), list) : NULL;
	int n = l ? internet_address_list_length(l) : 0, k = 0;
	*addrs = calloc((size_t)n + 1, sizeof **addrs);
	if (name)
		*name = NULL;
	if (!*addrs) {
		if (l)
			g_object_unref(l);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	for (int i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		const char *at = addr ? strchr(addr, '@') : NULL;
		if (!at || at == addr || !strchr(at, '.') || strchr(at + 1, '@'))
			continue;
		(*addrs)[k++] = lower_addr(addr);
		if (name && k == 1 && internet_address_get_name(a) && *internet_address_get_name(a))
			*name = one_line(internet_address_get_name(a), 200);
	}
	if (l)
		g_object_unref(l);
	if (k == 0 || k != n) {
		cx_mail_strv_free(*addrs);
		*addrs = NULL;
		if (name) {
			free(*name);
			*name = NULL;
		}
		return cx_fail(err, CX_EDATA,
			       "\"%s\" is not a list of addresses (write support@example.com, or several with commas)",
			       list ? list : "");
	}
	return CX_OK;
}
