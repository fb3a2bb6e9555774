/*
 * Writing a message with GMime: a reply (UTF-8 text in the transfer encoding
 * that keeps it 7-bit, encoded words in headers, Date, a Message-ID at our
 * domain, In-Reply-To and References), and one mailbox as a header writes
 * it. Part of the MIME module; its table of functions is at the end.
 */
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mail_impl.h"

static void add_mailbox(InternetAddressList *list, const char *name, const char *addr)
{
	InternetAddress *a = internet_address_mailbox_new(name, addr);
	internet_address_set_charset(a, "utf-8");
	internet_address_list_add(list, a);
	g_object_unref(a);
}

/* The body: UTF-8, in the transfer encoding that keeps it 7-bit (quoted-printable or base64 when it needs one). */
static GMimeObject *text_part(const char *body)
{
	size_t n = strlen(body);
	GString *b = g_string_new_len(body, (gssize)n);
	if (!n || body[n - 1] != '\n')
		g_string_append_c(b, '\n');
	GMimePart *part = GMIME_PART(g_mime_text_part_new_with_subtype("plain"));
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(b->str, b->len);
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, w);
	g_object_unref(w);
	g_object_unref(st);
	g_string_free(b, TRUE);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
	g_mime_part_set_content_encoding(part, g_mime_part_get_best_content_encoding(part, GMIME_ENCODING_CONSTRAINT_7BIT));
	return GMIME_OBJECT(part);
}

/* A copy made with malloc (the callers free), of a string GMime made with g_malloc. */
static char *ours(char *s)
{
	char *copy = s ? strdup(s) : NULL;
	g_free(s);
	return copy;
}

char *cx_mime_compose(const cx_mail_draft *d)
{
	g_mime_init();
	GMimeMessage *msg = g_mime_message_new(TRUE);
	add_mailbox(g_mime_message_get_from(msg), d->from_name, d->from_addr);
	add_mailbox(g_mime_message_get_to(msg), d->to_name, d->to_addr);
	g_mime_message_set_subject(msg, d->subject, "utf-8");
	GDateTime *date = g_date_time_new_from_unix_utc(d->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	char *id = g_mime_utils_generate_message_id(d->domain);
	g_mime_message_set_message_id(msg, id);
	g_free(id);
	if (d->in_reply_to) {
		char *irt = g_strdup_printf("<%s>", d->in_reply_to);
		g_mime_object_set_header(GMIME_OBJECT(msg), "In-Reply-To", irt, NULL);
		g_free(irt);
		if (d->references)
			g_mime_object_set_header(GMIME_OBJECT(msg), "References", d->references, NULL);
	}
	GMimeObject *body = text_part(d->body);
	g_mime_message_set_mime_part(msg, body);
	g_object_unref(body);
	char *raw = ours(g_mime_object_to_string(GMIME_OBJECT(msg), NULL));
	g_object_unref(msg);
	return raw;
}

char *cx_mime_mailbox(const char *name, const char *addr)
{
	g_mime_init();
	InternetAddress *a = internet_address_mailbox_new(name, addr);
	internet_address_set_charset(a, "utf-8");
	char *s = ours(internet_address_to_string(a, NULL, TRUE));
	g_object_unref(a);
	return s;
}

/* What cx finds when it loads the module (mail_mime.c). */
const cx_mime cx_mime_module = {
	.parse = cx_mime_parse,
	.addresses = cx_mime_addresses,
	.html_text = cx_mime_html_text,
	.compose = cx_mime_compose,
	.mailbox = cx_mime_mailbox,
};
