/* Note bodies: from -m, from standard input, or written in the user's editor. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cx.h"

enum { MAX_BODY = 1 << 20 };

static int read_all(FILE *fp, const char *what, char **out, cx_err *err)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	for (;;) {
		if (len + 1 >= cap) {
			if (cap >= MAX_BODY * 2) {
				free(buf);
				return cx_fail(err, CX_EDATA, "%s: a note may hold at most 1 MB", what);
			}
			char *b = realloc(buf, cap * 2);
			if (!b) {
				free(buf);
				return cx_fail(err, CX_EINTERNAL, "out of memory");
			}
			buf = b;
			cap *= 2;
		}
		size_t n = fread(buf + len, 1, cap - len - 1, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		return cx_fail(err, CX_EIO, "%s: read error: %s", what, strerror(errno));
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		free(buf);
		return cx_fail(err, CX_EDATA, "%s: holds a NUL byte; a note must be text", what);
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	*out = buf;
	return CX_OK;
}

/* Runs the editor on a temporary file: argv split on spaces, no shell. */
int body_edit(cx_ctx *ctx, const char *initial, char **out)
{
	const char *ed = getenv("VISUAL");
	char path[] = "/tmp/cx-note-XXXXXX";
	char *argv[16];
	int argc = 0, rc;

	ctx->once = 1; /* a person's session in the editor is not asked for twice */
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	int fd = mkstemp(path);
	if (fd < 0)
		return cx_fail(&ctx->err, CX_EIO, "cannot make a temporary file for the editor: %s", strerror(errno));
	static const char tmpl[] = "\n# Write the note above. Lines starting with # are dropped;\n"
				   "# an empty note cancels.\n";
	size_t ilen = initial ? strlen(initial) : 0;
	if ((ilen && write(fd, initial, ilen) != (ssize_t)ilen) ||
	    (ilen && initial[ilen - 1] != '\n' && write(fd, "\n", 1) != 1) ||
	    write(fd, tmpl, sizeof tmpl - 1) != (ssize_t)(sizeof tmpl - 1)) {
		close(fd);
		unlink(path);
		return cx_fail(&ctx->err, CX_EIO, "cannot write %s", path);
	}
	close(fd);
	char *copy = strdup(ed);
	if (!copy) {
		unlink(path);
		return cx_fail(&ctx->err, CX_EINTERNAL, "out of memory");
	}
	for (char *save = NULL, *t = strtok_r(copy, " \t", &save); t && argc < 14;
	     t = strtok_r(NULL, " \t", &save))
		argv[argc++] = t;
	argv[argc++] = path;
	argv[argc] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "cx: cannot run editor %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rc = cx_fail(&ctx->err, CX_EUSAGE, "the editor (%s) failed; nothing was done", copy);
		free(copy);
		unlink(path);
		return rc;
	}
	free(copy);
	FILE *fp = fopen(path, "r");
	if (!fp) {
		unlink(path);
		return cx_fail(&ctx->err, CX_EIO, "cannot read back %s", path);
	}
	char *raw;
	rc = read_all(fp, path, &raw, &ctx->err);
	fclose(fp);
	unlink(path);
	if (rc)
		return rc;
	/* Drop comment lines and blank ones before the text (the template starts with one). */
	char *w = raw;
	for (char *line = raw; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
		int blank = line[strspn(line, " \t\r")] == '\n';
		if (line[0] != '#' && !(blank && w == raw)) {
			memmove(w, line, n);
			w += n;
		}
		line += n;
	}
	*w = '\0';
	while (w > raw && (w[-1] == '\n' || w[-1] == ' '))
		*--w = '\0';
	if (!raw[0]) {
		free(raw);
		return cx_fail(&ctx->err, CX_EDATA, "the note is empty; nothing was done");
	}
	*out = raw;
	return CX_OK;
}

static int body_take(cx_ctx *ctx, const cx_args *a, int required, char **body);

/*
 * A command run again (its transaction crossed another writer's) is given
 * the text it was given the first time: standard input is read once.
 */
int body_read(cx_ctx *ctx, const cx_args *a, int required, char **body)
{
	if (ctx->body_kept) {
		*body = ctx->body ? strdup(ctx->body) : NULL;
		return ctx->body && !*body ? cx_fail(&ctx->err, CX_EINTERNAL, "out of memory") : CX_OK;
	}
	int rc = body_take(ctx, a, required, body);
	if (rc == CX_OK) {
		free(ctx->body);
		ctx->body = *body ? strdup(*body) : NULL;
		ctx->body_kept = !*body || ctx->body;
	}
	return rc;
}

static int body_take(cx_ctx *ctx, const cx_args *a, int required, char **body)
{
	int n;
	const char *const *m = arg_all(a, "message", &n);

	*body = NULL;
	if (n == 1 && !strcmp(m[0], "-"))
		return read_all(stdin, "standard input", body, &ctx->err);
	if (n > 0) {
		size_t len = 0;
		for (int i = 0; i < n; i++)
			len += strlen(m[i]) + 2;
		char *b = malloc(len + 1), *p = b;
		if (!b)
			return cx_fail(&ctx->err, CX_EINTERNAL, "out of memory");
		for (int i = 0; i < n; i++) {
			if (i) {
				memcpy(p, "\n\n", 2);
				p += 2;
			}
			size_t l = strlen(m[i]);
			memcpy(p, m[i], l);
			p += l;
		}
		*p = '\0';
		*body = b;
		return CX_OK;
	}
	if (arg_flag(a, "edit"))
		return body_edit(ctx, NULL, body);
	if (!required)
		return CX_OK;
	if (isatty(STDIN_FILENO))
		return body_edit(ctx, NULL, body);
	int rc = read_all(stdin, "standard input", body, &ctx->err);
	if (rc == CX_OK && !(*body)[strspn(*body, " \t\r\n")]) {
		free(*body);
		*body = NULL;
		return cx_fail(&ctx->err, CX_EUSAGE,
			       "a note is needed: give -m TEXT, -m - (standard input) or --edit");
	}
	return rc;
}
