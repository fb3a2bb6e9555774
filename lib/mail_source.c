/*
 * Mailboxes, one message at a time with where it was: an mbox (split at its
 * "From " lines, ">From " unescaped), a Maildir (cur/ and new/, in the order
 * of their names, which start with the time of delivery), a file holding
 * one message, a directory of these, or standard input. Memory holds one
 * message, whatever the mailbox's size.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cx/mail.h"

enum { K_FILE, K_MAILDIR };

typedef struct item {
	char *path;
	int kind;
	int named; /* named on the command line: read even when it does not look like mail */
} item;

struct cx_mail_source {
	item *items;
	size_t nitems, next;
	/* the file being read */
	FILE *fp;
	int is_stdin, mbox;
	const char *file;
	char *line;
	size_t line_cap;
	ssize_t line_len; /* the line read ahead (an mbox's next From line), or -1 */
	int64_t offset;   /* of the line read ahead */
	int64_t file_size, file_done;
	/* the Maildir being read */
	char **names;
	size_t nnames, next_name;
	/* the message handed out */
	char *msg;
	size_t msg_len, msg_cap;
	char position[512];
};

static int add_item(cx_mail_source *s, const char *path, int kind, int named)
{
	item *v = realloc(s->items, (s->nitems + 1) * sizeof *v);
	if (!v)
		return -1;
	s->items = v;
	if (!(v[s->nitems].path = strdup(path)))
		return -1;
	v[s->nitems].kind = kind;
	v[s->nitems].named = named;
	s->nitems++;
	return 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_maildir(const char *dir)
{
	char p[4096];
	snprintf(p, sizeof p, "%s/cur", dir);
	if (is_dir(p))
		return 1;
	snprintf(p, sizeof p, "%s/new", dir);
	return is_dir(p);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "cur/NAME" and "new/NAME" by NAME: a Maildir's names start with the time of delivery. */
static int by_name_in_folder(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 4, *(char *const *)b + 4);
}

static int open_fail(const char *path, cx_err *err)
{
	int en = errno;
	return cx_fail(err, en == ENOENT || en == ENOTDIR ? CX_ENOINPUT : en == EACCES || en == EPERM ? CX_EPERM : CX_EIO,
		       "cannot read %s: %s", path, strerror(en));
}

/* A directory that is not a Maildir: what is in it, in name order, hidden files left out. */
static int add_dir(cx_mail_source *s, const char *dir, int depth, cx_err *err)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	int rc = CX_OK;
	if (!d)
		return open_fail(dir, err);
	for (struct dirent *e; (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char **v = realloc(names, (n + 1) * sizeof *v);
		if (!v || !(v[n] = strdup(e->d_name))) {
			names = v ? v : names;
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		names = v;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n && rc == CX_OK; i++) {
		char p[4096];
		size_t dl = strlen(dir);
		snprintf(p, sizeof p, "%.*s/%s", (int)(dl > 1 && dir[dl - 1] == '/' ? dl - 1 : dl), dir, names[i]);
		if (is_dir(p)) {
			if (is_maildir(p))
				rc = add_item(s, p, K_MAILDIR, 0) ? cx_fail(err, CX_EINTERNAL, "out of memory") : CX_OK;
			else if (names[i][0] != '.' && depth < 16)
				rc = add_dir(s, p, depth + 1, err);
		} else if (names[i][0] != '.') {
			rc = add_item(s, p, K_FILE, 0) ? cx_fail(err, CX_EINTERNAL, "out of memory") : CX_OK;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cx_mail_source_open(const char *path, cx_mail_source **out, cx_err *err)
{
	cx_mail_source *s = calloc(1, sizeof *s);
	int rc = CX_OK;
	*out = NULL;
	if (!s)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	s->line_len = -1;
	if (!strcmp(path, "-")) {
		rc = add_item(s, "-", K_FILE, 1) ? cx_fail(err, CX_EINTERNAL, "out of memory") : CX_OK;
	} else {
		struct stat st;
		if (stat(path, &st) != 0)
			rc = open_fail(path, err);
		else if (S_ISDIR(st.st_mode))
			rc = is_maildir(path) ? (add_item(s, path, K_MAILDIR, 1) ? cx_fail(err, CX_EINTERNAL, "out of memory") : CX_OK)
					      : add_dir(s, path, 0, err);
		else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
			rc = cx_fail(err, CX_ENOINPUT,
				     "cannot read %s: not a file, a pipe or a directory (a mailbox is an mbox, a Maildir or a message)",
				     path);
		else
			rc = add_item(s, path, K_FILE, 1) ? cx_fail(err, CX_EINTERNAL, "out of memory") : CX_OK;
	}
	if (rc) {
		cx_mail_source_close(s);
		return rc;
	}
	*out = s;
	return CX_OK;
}

static void close_file(cx_mail_source *s)
{
	if (s->fp && !s->is_stdin)
		fclose(s->fp);
	s->fp = NULL;
	s->line_len = -1;
	for (size_t i = 0; i < s->nnames; i++)
		free(s->names[i]);
	free(s->names);
	s->names = NULL;
	s->nnames = s->next_name = 0;
}

static int append(cx_mail_source *s, const char *p, size_t n, cx_err *err)
{
	if (s->msg_len + n + 1 > s->msg_cap) {
		size_t cap = s->msg_cap ? s->msg_cap : 65536;
		while (cap < s->msg_len + n + 1)
			cap *= 2;
		char *m = realloc(s->msg, cap);
		if (!m)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		s->msg = m;
		s->msg_cap = cap;
	}
	memcpy(s->msg + s->msg_len, p, n);
	s->msg_len += n;
	s->msg[s->msg_len] = '\0';
	return CX_OK;
}

/* Reads the next line into s->line; its length, or -1 at the end. */
static ssize_t read_line(cx_mail_source *s, cx_err *err, int *rc)
{
	errno = 0;
	ssize_t n = getline(&s->line, &s->line_cap, s->fp);
	if (n < 0 && ferror(s->fp))
		*rc = cx_fail(err, CX_EIO, "%s: read error: %s", s->file, strerror(errno ? errno : EIO));
	return n;
}

/* The time an mbox's "From sender Mon Mar 16 11:00:00 2026" line gives, or 0. */
static int64_t from_line_time(const char *line)
{
	const char *p = line + 5;
	p += strcspn(p, " ");
	p += strspn(p, " ");
	struct tm tm = { 0 };
	const char *end = strptime(p, "%a %b %d %H:%M:%S %Y", &tm);
	return end ? (int64_t)timegm(&tm) : 0;
}

static int blank_line(const char *l, ssize_t n)
{
	return (n == 1 && l[0] == '\n') || (n == 2 && l[0] == '\r' && l[1] == '\n');
}

/* One message of an mbox: from the From line read ahead to the next one after an empty line. */
static int next_mbox(cx_mail_source *s, cx_mail_msg *m, cx_err *err)
{
	int rc = CX_OK;
	if (s->line_len < 0)
		return 0;
	int64_t start = s->offset;
	m->delivered = from_line_time(s->line);
	s->msg_len = 0;
	int64_t off = s->offset + s->line_len;
	int prev_blank = 0;
	for (;;) {
		ssize_t n = read_line(s, err, &rc);
		if (rc)
			return rc;
		if (n < 0) {
			s->line_len = -1;
			break;
		}
		if (prev_blank && n >= 5 && !memcmp(s->line, "From ", 5)) {
			s->line_len = n;
			s->offset = off;
			break;
		}
		off += n;
		const char *p = s->line;
		size_t k = (size_t)n;
		/* >From, >>From, ...: one > less (the escape of mboxo and mboxrd) */
		size_t q = strspn(p, ">");
		if (q > 0 && k >= q + 5 && !memcmp(p + q, "From ", 5))
			p++, k--;
		if ((rc = append(s, p, k, err)))
			return rc;
		prev_blank = blank_line(s->line, n);
	}
	s->file_done = off;
	/* the empty line before the next From line is the mbox's, not the message's */
	if (s->msg_len >= 2 && s->msg[s->msg_len - 1] == '\n' && s->msg[s->msg_len - 2] == '\n')
		s->msg[--s->msg_len] = '\0';
	else if (s->msg_len >= 3 && !memcmp(s->msg + s->msg_len - 3, "\n\r\n", 3))
		s->msg_len -= 2, s->msg[s->msg_len] = '\0';
	snprintf(s->position, sizeof s->position, "byte %lld", (long long)start);
	return 1;
}

/* The rest of a file holding one message (its first line read already). */
static int next_whole(cx_mail_source *s, cx_mail_msg *m, cx_err *err)
{
	char chunk[65536];
	size_t n;
	int rc;
	s->msg_len = 0;
	if (s->line_len > 0 && (rc = append(s, s->line, (size_t)s->line_len, err)))
		return rc;
	s->line_len = -1;
	while ((n = fread(chunk, 1, sizeof chunk, s->fp)) > 0)
		if ((rc = append(s, chunk, n, err)))
			return rc;
	if (ferror(s->fp))
		return cx_fail(err, CX_EIO, "%s: read error: %s", s->file, strerror(errno ? errno : EIO));
	s->position[0] = '\0';
	m->delivered = 0;
	s->file_done = s->file_size;
	return 1;
}

/* Whether a first line looks like the start of a mail: "From " or a header. */
static int looks_like_mail(const char *l, ssize_t n)
{
	if (n >= 5 && !memcmp(l, "From ", 5))
		return 1;
	ssize_t i = 0;
	while (i < n && l[i] > ' ' && l[i] < 0x7f && l[i] != ':')
		i++;
	return i > 0 && i < n && l[i] == ':';
}

static int open_file(cx_mail_source *s, const item *it, cx_err *err)
{
	int rc = CX_OK;
	s->file = it->path;
	s->is_stdin = !strcmp(it->path, "-");
	s->fp = s->is_stdin ? stdin : fopen(it->path, "rb");
	if (!s->fp)
		return open_fail(it->path, err);
	struct stat st;
	s->file_size = !s->is_stdin && fstat(fileno(s->fp), &st) == 0 ? (int64_t)st.st_size : 0;
	s->file_done = 0;
	s->offset = 0;
	s->line_len = read_line(s, err, &rc);
	if (rc)
		return rc;
	if (s->line_len < 0 || (!it->named && !looks_like_mail(s->line, s->line_len))) {
		/* an empty file, or one in a folder that is not mail (a mail client's index) */
		close_file(s);
		return 0;
	}
	s->mbox = s->line_len >= 5 && !memcmp(s->line, "From ", 5);
	return 1;
}

static int open_maildir(cx_mail_source *s, const item *it, cx_err *err)
{
	static const char *const subs[] = { "cur", "new" };
	s->file = it->path;
	for (int k = 0; k < 2; k++) {
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", it->path, subs[k]);
		DIR *d = opendir(p);
		if (!d) {
			if (errno == ENOENT)
				continue;
			return open_fail(p, err);
		}
		for (struct dirent *e; (e = readdir(d));) {
			if (e->d_name[0] == '.')
				continue;
			char **v = realloc(s->names, (s->nnames + 1) * sizeof *v);
			size_t len = strlen(e->d_name);
			char *name = v ? malloc(len + 5) : NULL;
			if (!name) {
				s->names = v ? v : s->names;
				closedir(d);
				return cx_fail(err, CX_EINTERNAL, "out of memory");
			}
			s->names = v;
			/* sorted by the name in the folder: its delivery time and number */
			snprintf(name, len + 5, "%s/%s", subs[k], e->d_name);
			v[s->nnames++] = name;
		}
		closedir(d);
	}
	if (s->nnames)
		qsort(s->names, s->nnames, sizeof *s->names, by_name_in_folder);
	s->next_name = 0;
	return 1;
}

static int next_maildir(cx_mail_source *s, cx_mail_msg *m, cx_err *err)
{
	char p[4096];
	for (; s->next_name < s->nnames; s->next_name++) {
		const char *name = s->names[s->next_name];
		snprintf(p, sizeof p, "%s/%s", s->file, name);
		FILE *fp = fopen(p, "rb");
		if (!fp) {
			if (errno == ENOENT) /* moved by the mail client since the folder was read */
				continue;
			return open_fail(p, err);
		}
		char chunk[65536];
		size_t n;
		int rc = CX_OK;
		s->msg_len = 0;
		while (rc == CX_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			rc = append(s, chunk, n, err);
		if (rc == CX_OK && ferror(fp))
			rc = cx_fail(err, CX_EIO, "%s: read error: %s", p, strerror(errno ? errno : EIO));
		fclose(fp);
		if (rc)
			return rc;
		snprintf(s->position, sizeof s->position, "%s", name);
		/* the name starts with the time it was delivered */
		m->delivered = strtoll(name + 4, NULL, 10);
		s->next_name++;
		return 1;
	}
	return 0;
}

int cx_mail_source_next(cx_mail_source *s, cx_mail_msg *m, cx_err *err)
{
	for (;;) {
		int rc = 0;
		if (s->names)
			rc = next_maildir(s, m, err);
		else if (s->fp)
			rc = s->mbox ? next_mbox(s, m, err) : next_whole(s, m, err);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			m->raw = s->msg ? s->msg : "";
			m->len = s->msg_len;
			m->file = s->file;
			m->position = s->position;
			/* a file of one message is done with it */
			if (s->fp && !s->mbox)
				close_file(s);
			return 1;
		}
		close_file(s);
		if (s->next >= s->nitems)
			return 0;
		const item *it = &s->items[s->next++];
		rc = it->kind == K_MAILDIR ? open_maildir(s, it, err) : open_file(s, it, err);
		if (rc < 0)
			return rc;
	}
}

void cx_mail_source_progress(const cx_mail_source *s, int64_t *done, int64_t *total)
{
	if (s->names) {
		*done = (int64_t)s->next_name;
		*total = (int64_t)s->nnames;
	} else {
		*done = s->file_done;
		*total = s->file_size;
	}
}

void cx_mail_source_close(cx_mail_source *s)
{
	if (!s)
		return;
	close_file(s);
	for (size_t i = 0; i < s->nitems; i++)
		free(s->items[i].path);
	free(s->items);
	free(s->line);
	free(s->msg);
	free(s);
}
