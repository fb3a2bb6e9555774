/*
 * Mail's MIME side, loaded only when mail is read or written: GMime (with
 * GObject and GIO) and libxml2 live in the module cx-mime.so (mail_impl.h
 * says why), found like the PostgreSQL module through the program's run
 * path. Here: loading it, the cx_mail_* calls that go to it, and what of a
 * read message needs no MIME library (freeing it, the SHA-256 of bytes).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mail_impl.h"

#define CX_MIME_MODULE "cx-mime.so"

static int load(const cx_mime **m, cx_err *err)
{
	static const cx_mime *loaded;
	if (!loaded) {
		/* never closed: GMime's types stay registered until the program ends */
		void *module = dlopen(CX_MIME_MODULE, RTLD_NOW | RTLD_LOCAL);
		if (!module)
			return cx_fail(err, CX_EUNAVAIL, "mail cannot be read or written: %s (install cx again)", dlerror());
		loaded = dlsym(module, "cx_mime_module");
		if (!loaded)
			return cx_fail(err, CX_EUNAVAIL, "%s is not the module of this cx: %s (install cx again)",
				       CX_MIME_MODULE, dlerror());
	}
	*m = loaded;
	return CX_OK;
}

int cx_mail_parse(const char *raw, size_t len, cx_mail *m, cx_err *err)
{
	const cx_mime *mime;
	memset(m, 0, sizeof *m);
	m->size = len;
	cx_mail_sha256(raw, len, m->sha256);
	int rc = load(&mime, err);
	return rc ? rc : mime->parse(raw, len, m, err);
}

int cx_mail_addresses(const char *list, char ***addrs, char **name, cx_err *err)
{
	const cx_mime *mime;
	*addrs = NULL;
	if (name)
		*name = NULL;
	int rc = load(&mime, err);
	return rc ? rc : mime->addresses(list, addrs, name, err);
}

char *cx_mail_html_text(const char *html, size_t len)
{
	const cx_mime *mime;
	cx_err err;
	return load(&mime, &err) ? NULL : mime->html_text(html, len);
}

char *cx_mail_compose(const cx_mail_draft *d, cx_err *err)
{
	const cx_mime *mime;
	if (load(&mime, err))
		return NULL;
	char *raw = mime->compose(d);
	if (!raw)
		cx_fail(err, CX_EINTERNAL, "out of memory");
	return raw;
}

char *cx_mail_mailbox(const char *name, const char *addr, cx_err *err)
{
	const cx_mime *mime;
	if (load(&mime, err))
		return NULL;
	char *s = mime->mailbox(name, addr);
	if (!s)
		cx_fail(err, CX_EINTERNAL, "out of memory");
	return s;
}

void cx_mail_sha256(const void *data, size_t len, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(c, data, (gssize)len);
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
}

void cx_mail_free(cx_mail *m)
{
	free(m->msgid);
	free(m->in_reply_to);
	for (int i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->from_addr);
	free(m->from_name);
	free(m->reply_to);
	free(m->to);
	free(m->subject);
	free(m->text);
	for (int i = 0; i < m->nfiles; i++) {
		free(m->files[i].name);
		g_free(m->files[i].type);
		free(m->files[i].data);
	}
	free(m->files);
	size_t size = m->size;
	char sha[65];
	memcpy(sha, m->sha256, sizeof sha);
	memset(m, 0, sizeof *m);
	m->size = size;
	memcpy(m->sha256, sha, sizeof sha);
}

void cx_mail_strv_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}
