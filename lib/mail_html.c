/*
 * HTML mail as readable text, with libxml2's HTML parser: blocks on lines of
 * their own, list items with "- ", links with their address, quotes as "> ".
 * Part of the MIME module (mail_mime.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "mail_impl.h"

typedef struct html_out {
	cx_buf b;
	int newlines;   /* newlines owed before the next text (0..2) */
	int at_start;   /* nothing written yet */
	int space;      /* a space owed before the next text */
	int quote;      /* blockquote depth */
	int last_quote; /* the depth of the text written last */
	int pre;        /* inside <pre> */
	int list_item;  /* "- " owed before the next text */
} html_out;

static void owe_lines(html_out *o, int k)
{
	if (!o->at_start && o->newlines < k)
		o->newlines = k;
}

static void emit_text(html_out *o, const char *s, size_t n)
{
	if (!n)
		return;
	if (o->newlines) {
		for (int i = 0; i < o->newlines; i++) {
			cx_buf_put(&o->b, "\n", 1);
			/* an empty line inside a quote keeps its mark, so the quote stays one run */
			int depth = o->quote < o->last_quote ? o->quote : o->last_quote;
			if (i + 1 < o->newlines)
				for (int k = 0; k < depth; k++)
					cx_buf_put(&o->b, ">", 1);
		}
		o->newlines = 0;
		o->space = 0;
		for (int k = 0; k < o->quote; k++)
			cx_buf_put(&o->b, "> ", k + 1 == o->quote ? 2 : 1);
	} else if (o->space && !o->at_start) {
		cx_buf_put(&o->b, " ", 1);
	} else if (o->at_start) {
		for (int k = 0; k < o->quote; k++)
			cx_buf_put(&o->b, "> ", k + 1 == o->quote ? 2 : 1);
	}
	o->space = 0;
	if (o->list_item) {
		cx_buf_put(&o->b, "- ", 2);
		o->list_item = 0;
	}
	cx_buf_put(&o->b, s, n);
	o->at_start = 0;
	o->last_quote = o->quote;
}

/* Text as HTML shows it: runs of white space are one space (outside <pre>). */
static void text_node(html_out *o, const char *s)
{
	if (o->pre) {
		for (const char *p = s; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			emit_text(o, p, n);
			if (!nl)
				break;
			o->newlines = o->newlines ? o->newlines : 1;
			if (o->at_start)
				o->newlines = 0;
			p = nl + 1;
		}
		return;
	}
	for (const char *p = s; *p;) {
		if (isspace((unsigned char)*p)) {
			o->space = 1;
			p++;
			continue;
		}
		size_t n = 0;
		while (p[n] && !isspace((unsigned char)p[n]))
			n++;
		/* a non-breaking space (U+00A0) is a space too */
		emit_text(o, p, n);
		p += n;
	}
}

static int is_name(const xmlNode *n, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (!strcasecmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

static void walk(html_out *o, xmlNode *n)
{
	static const char *const skip[] = { "head", "script", "style", "title", "template", "noscript", "iframe",
					    "object", "svg", NULL };
	static const char *const paragraph[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre",
						 "dl", "address", "hr", "figure", NULL };
	static const char *const line_block[] = { "div", "li", "tr", "dt", "dd", "section", "article", "header",
						  "footer", "form", "fieldset", "center", "caption", NULL };
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				text_node(o, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(n, skip))
			continue;
		const char *name = (const char *)n->name;
		if (!strcasecmp(name, "br")) {
			if (o->newlines < 2 && !o->at_start)
				o->newlines++;
			continue;
		}
		int para = is_name(n, paragraph), block = is_name(n, line_block);
		int bq = !strcasecmp(name, "blockquote");
		int pre = !strcasecmp(name, "pre");
		if (para || bq)
			owe_lines(o, 2);
		else if (block)
			owe_lines(o, 1);
		if (!strcasecmp(name, "li"))
			o->list_item = 1;
		if ((!strcasecmp(name, "td") || !strcasecmp(name, "th")) && !o->at_start && !o->newlines)
			o->space = 1;
		o->quote += bq;
		o->pre += pre;
		walk(o, n->children);
		o->quote -= bq;
		o->pre -= pre;
		if (!strcasecmp(name, "a")) {
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			const char *h = (const char *)href;
			xmlChar *inner = xmlNodeGetContent(n);
			/* the address, when it says more than the words of the link */
			if (h && (!strncasecmp(h, "http", 4) || !strncasecmp(h, "mailto:", 7)) &&
			    !(inner && strstr((const char *)inner, !strncasecmp(h, "mailto:", 7) ? h + 7 : h))) {
				o->space = 1;
				emit_text(o, "<", 1);
				text_node(o, !strncasecmp(h, "mailto:", 7) ? h + 7 : h);
				emit_text(o, ">", 1);
				/* no space between the address and its brackets */
			}
			xmlFree(inner);
			xmlFree(href);
		}
		if (para || bq)
			owe_lines(o, 2);
		else if (block)
			owe_lines(o, 1);
	}
}

char *cx_mime_html_text(const char *html, size_t len)
{
	html_out o = { .at_start = 1 };
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc) {
		walk(&o, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	char *s = cx_buf_done(&o.b);
	if (!s)
		return NULL;
	/* U+00A0 as a plain space: people do not see the difference, search does */
	char *w = s;
	for (const char *p = s; *p;) {
		if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0) {
			*w++ = ' ';
			p += 2;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	return s;
}

