/* cx mail: mailboxes and piped mail into cases and notes; messages, their bytes and attachments back out. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cx.h"
#include "cx/mail.h"
#include "cx/words.h"

/* Messages per transaction: a crash loses at most this many, and a new import files them again. */
enum { BATCH = 1000 };

static const cx_opt import_opts[] = {
	{ .name = "dry-run", .shrt = 'n', .help = "say what each message would do, store nothing" },
	{ .name = "verbose", .shrt = 'v', .help = "a line for every message, not only for every mailbox" },
	{ 0 },
};

typedef struct tally {
	int64_t n[CX_MAIL_PRESENT + 1];
	int64_t messages;
} tally;

static const char *shown_name(const char *file)
{
	return strcmp(file, "-") ? file : "standard input";
}

/* One message's line for people: where it was, and what became of it. */
static void message_line(cx_ctx *ctx, const cx_mail_msg *m, const cx_mail_result *r, int dry)
{
	char where[1024], line[2600];
	snprintf(where, sizeof where, "%s%s%s", shown_name(m->file), m->position[0] ? " " : "", m->position);
	switch (r->action) {
	case CX_MAIL_NEW_CASE:
		snprintf(line, sizeof line, "%s: %s case %lld \"%s\" from %s", where, dry ? "would open" : "opened",
			 (long long)r->case_id, r->subject, r->from);
		break;
	case CX_MAIL_THREAD:
	case CX_MAIL_TOKEN:
		snprintf(line, sizeof line, "%s: %s case %lld (%s) from %s%s", where, dry ? "would join" : "joined",
			 (long long)r->case_id,
			 r->action == CX_MAIL_THREAD ? "it answers mail of the case" : "[cx #N] from the case's customer", r->from,
			 r->reopened ? ", reopening it" : "");
		break;
	case CX_MAIL_OURS:
		snprintf(line, sizeof line, "%s: %s case %lld as our public note", where, dry ? "would go on" : "went on",
			 (long long)r->case_id);
		break;
	case CX_MAIL_SKIPPED:
		snprintf(line, sizeof line, "%s: %s: %s", where, dry ? "would skip" : "skipped", r->reason);
		break;
	case CX_MAIL_FAILED:
		snprintf(line, sizeof line, "%s: %s: %s", where, dry ? "would keep aside" : "kept aside", r->reason);
		break;
	case CX_MAIL_PRESENT:
		snprintf(line, sizeof line, "%s: imported before (message %lld)", where, (long long)r->message);
		break;
	}
	if (r->redated && r->action != CX_MAIL_PRESENT && r->action != CX_MAIL_FAILED)
		snprintf(line + strlen(line), sizeof line - strlen(line), "; its Date is out of range, so it counts from when it arrived");
	/* the subject, sender and reason are the mail's own text: written as every stored text is */
	cx_out_text(ctx->out, line);
}

static const cx_col message_cols[] = {
	{ "file", CX_T_TEXT, 0, 0 },	  { "position", CX_T_TEXT, 0, 0 }, { "action", CX_T_TEXT, 0, 0 },
	{ "message", CX_T_INT, 0, 0 },	  { "case_id", CX_T_INT, 0, 0 },   { "customer_id", CX_T_INT, 0, 0 },
	{ "reopened", CX_T_BOOL, 0, 0 },  { "from", CX_T_TEXT, 0, 0 },	   { "subject", CX_T_TEXT, 0, 0 },
	{ "reason", CX_T_TEXT, 0, 0 },	  { "dry_run", CX_T_BOOL, 0, 0 },  { "redated", CX_T_BOOL, 0, 0 },
};

static const cx_col file_cols[] = {
	{ "file", CX_T_TEXT, 0, 0 },	{ "messages", CX_T_INT, 0, 0 }, { "new_cases", CX_T_INT, 0, 0 },
	{ "threaded", CX_T_INT, 0, 0 }, { "token", CX_T_INT, 0, 0 },	{ "ours", CX_T_INT, 0, 0 },
	{ "skipped", CX_T_INT, 0, 0 },	{ "failed", CX_T_INT, 0, 0 },	{ "present", CX_T_INT, 0, 0 },
	{ "dry_run", CX_T_BOOL, 0, 0 },
};

static void summary(cx_ctx *ctx, const char *file, const tally *t, int dry)
{
	if (!cx_fmt_people(ctx->fmt)) {
		cx_val v[] = { CX_TEXTV(file),
			       CX_INTV(t->messages),
			       CX_INTV(t->n[CX_MAIL_NEW_CASE]),
			       CX_INTV(t->n[CX_MAIL_THREAD]),
			       CX_INTV(t->n[CX_MAIL_TOKEN]),
			       CX_INTV(t->n[CX_MAIL_OURS]),
			       CX_INTV(t->n[CX_MAIL_SKIPPED]),
			       CX_INTV(t->n[CX_MAIL_FAILED]),
			       CX_INTV(t->n[CX_MAIL_PRESENT]),
			       CX_INTV(dry) };
		cx_out_row(ctx->out, v);
		return;
	}
	char line[1024];
	int n = snprintf(line, sizeof line, "%s: %lld message%s", shown_name(file), (long long)t->messages,
			 t->messages == 1 ? "" : "s");
	static const char *const what[][2] = {
		[CX_MAIL_NEW_CASE] = { "new case", "new cases" },
		[CX_MAIL_THREAD] = { "added to its case", "added to their cases" },
		[CX_MAIL_TOKEN] = { "added by its [cx #N]", "added by their [cx #N]" },
		[CX_MAIL_OURS] = { "of ours noted", "of ours noted" },
		[CX_MAIL_SKIPPED] = { "skipped", "skipped" },
		[CX_MAIL_FAILED] = { "kept aside as unreadable", "kept aside as unreadable" },
		[CX_MAIL_PRESENT] = { "imported before", "imported before" },
	};
	const char *sep = dry ? ", would be: " : ": ";
	for (int a = 0; a <= CX_MAIL_PRESENT && n < (int)sizeof line; a++) {
		if (!t->n[a])
			continue;
		n += snprintf(line + n, sizeof line - (size_t)n, "%s%lld %s", sep, (long long)t->n[a],
			      what[a][t->n[a] != 1]);
		sep = ", ";
	}
	if (!ctx->quiet)
		cx_out_text(ctx->out, line);
}

static void progress(const cx_mail_source *s, const char *file, int64_t messages)
{
	int64_t done, total;
	/* on a terminal: the file's name defused, as every name shown there */
	char *name = cx_text_clean(shown_name(file));
	cx_mail_source_progress(s, &done, &total);
	if (total > 0)
		fprintf(stderr, "\r\033[Kcx: %s: %d%% (%lld messages)", name ? name : "", (int)(100 * done / total),
			(long long)messages);
	else
		fprintf(stderr, "\r\033[Kcx: %s: %lld messages", name ? name : "", (long long)messages);
	free(name);
}

static int mail_import(cx_ctx *ctx, cx_args *a)
{
	int dry = arg_flag(a, "dry-run"), verbose = dry || arg_flag(a, "verbose");
	int people = cx_fmt_people(ctx->fmt), show_progress = !ctx->quiet && !verbose && isatty(STDERR_FILENO);
	cx_mail_config c;
	int64_t failed = 0;
	char first_failure[1200] = "";
	int rc;

	if ((rc = cx_mail_config_load(ctx->db, &c, &ctx->err)))
		return rc;
	/*
	 * Every message frees and takes again the same few hundred kilobytes
	 * (SQLite builds a small table for each INSERT ... RETURNING): kept by
	 * the allocator rather than handed back to the kernel and faulted in
	 * anew, the import runs several times faster in the same memory.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	if (!people)
		cx_out_begin(ctx->out, NULL, NULL, CX_LAY_TABLE, verbose ? message_cols : file_cols, verbose ? 12 : 10);
	/* a dry run is one transaction over every mailbox, rolled back: later mail sees what earlier mail would do */
	if (dry && (rc = ctx_file_begin(ctx, 0))) {
		cx_mail_config_free(&c);
		return rc;
	}
	for (int i = 0; i < a->argc && rc == CX_OK; i++) {
		const char *path = a->argv[i];
		cx_mail_source *s;
		cx_mail_msg m;
		cx_mail_result r;
		tally t = { 0 };
		int64_t in_batch = 0;
		if ((rc = cx_mail_source_open(path, &s, &ctx->err)))
			break;
		if (!dry && (rc = ctx_file_begin(ctx, 1))) {
			cx_mail_source_close(s);
			break;
		}
		while ((rc = cx_mail_source_next(s, &m, &ctx->err)) > 0) {
			if ((rc = cx_mail_import(ctx->db, &c, &m, &r, &ctx->err)))
				break;
			t.n[r.action]++;
			t.messages++;
			if (r.action == CX_MAIL_FAILED && !failed++)
				snprintf(first_failure, sizeof first_failure, "%s%s%s: %s", shown_name(m.file), m.position[0] ? " " : "",
					 m.position, r.reason);
			if (verbose && people) {
				message_line(ctx, &m, &r, dry);
			} else if (verbose) {
				cx_val v[] = { CX_TEXTV(m.file),
					       m.position[0] ? CX_TEXTV(m.position) : CX_NULLV,
					       CX_TEXTV(cx_mail_actions[r.action]),
					       r.message ? CX_INTV(r.message) : CX_NULLV,
					       r.case_id ? CX_INTV(r.case_id) : CX_NULLV,
					       r.customer_id ? CX_INTV(r.customer_id) : CX_NULLV,
					       CX_INTV(r.reopened),
					       r.from[0] ? CX_TEXTV(r.from) : CX_NULLV,
					       r.subject[0] ? CX_TEXTV(r.subject) : CX_NULLV,
					       r.reason[0] ? CX_TEXTV(r.reason) : CX_NULLV,
					       CX_INTV(dry),
					       CX_INTV(r.redated) };
				cx_out_row(ctx->out, v);
			}
			if (show_progress && t.messages % 256 == 0)
				progress(s, path, t.messages);
			/* a batch is written out and committed; what follows is a new one */
			if (!dry && ++in_batch >= BATCH) {
				in_batch = 0;
				if ((rc = ctx_file_written(ctx, CX_OK)) || (rc = ctx_file_end(ctx, path, rc)) ||
				    (rc = ctx_file_begin(ctx, 1))) {
					cx_mail_source_close(s);
					cx_mail_config_free(&c);
					return rc;
				}
			}
		}
		if (show_progress && t.messages >= 256)
			fputs("\r\033[K", stderr);
		cx_mail_source_close(s);
		if (rc == CX_OK && !t.messages && !strcmp(path, "-"))
			rc = cx_fail(&ctx->err, CX_EDATA, "standard input: no message in it (give one message, or an mbox)");
		if (rc == CX_OK && (!verbose || people))
			summary(ctx, path, &t, dry);
		if (!dry)
			rc = ctx_file_end(ctx, path, ctx_file_written(ctx, rc));
	}
	if (dry)
		ctx_file_end(ctx, "-", rc == CX_OK ? CX_EUSAGE : rc); /* never committed: a rollback */
	if (!people)
		cx_out_end(ctx->out);
	cx_mail_config_free(&c);
	if (rc == CX_OK && failed)
		rc = cx_fail(&ctx->err, CX_EDATA, "%lld message%s %s kept aside, the rest filed (cx mail list --state failed): %s%s",
			     (long long)failed, failed == 1 ? "" : "s", dry ? "would be" : failed == 1 ? "was" : "were", first_failure,
			     failed > 1 ? ", ..." : "");
	return rc;
}

static const cx_opt list_opts[] = {
	{ .name = "state", .shrt = 's', .arg = "STATE", .help = "only messages imported, skipped or failed",
	  .words = cx_mail_states },
	{ .name = "case", .shrt = 'c', .arg = "CASE", .help = "only the messages of this case", .complete = "case" },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "only the messages of this customer and their cases",
	  .complete = "customer" },
	{ .name = "since", .arg = "DATE", .help = "only messages from DATE on" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "the latest N messages" },
	{ 0 },
};

static int mail_list(cx_ctx *ctx, cx_args *a)
{
	cx_mail_filter f = { .state = arg_str(a, "state") };
	const char *k = arg_str(a, "case"), *cust = arg_str(a, "customer");
	int rc;
	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (k && ((rc = cx_case_parse_id(k, &f.case_id, &ctx->err)) || (rc = cx_case_check(ctx->db, f.case_id, &ctx->err))))
		return rc;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &f.customer_id, &ctx->err)))
		return rc;
	return cx_mail_list(ctx->db, &f, ctx->out, &ctx->err);
}

static const cx_opt show_opts[] = {
	{ .name = "raw", .help = "the original bytes, exactly as they came" },
	{ 0 },
};

/* Writes bytes to standard output, whole. */
static int write_out(cx_ctx *ctx, const unsigned char *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n || fflush(stdout) != 0)
		return cx_fail(&ctx->err, CX_EIO, "error writing output: %s", strerror(errno));
	return CX_OK;
}

static int mail_show(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc = cx_mail_find(ctx->db, a->argv[0], &id, &ctx->err);
	if (rc)
		return rc;
	if (!arg_flag(a, "raw"))
		return cx_mail_show(ctx->db, id, ctx->out, &ctx->err);
	unsigned char *raw;
	size_t len;
	if ((rc = cx_mail_raw(ctx->db, id, &raw, &len, &ctx->err)))
		return rc;
	rc = write_out(ctx, raw, len);
	free(raw);
	return rc;
}

static const cx_opt attachment_opts[] = {
	{ .name = "force", .shrt = 'f', .help = "replace FILE when it exists" },
	{ 0 },
};

static int mail_attachment(cx_ctx *ctx, cx_args *a)
{
	char name[256];
	unsigned char *data;
	size_t len;
	int64_t id;
	const char *p = a->argv[0] + (a->argv[0][0] == '#');
	char *end;
	int rc;

	errno = 0;
	id = strtoll(p, &end, 10);
	if (!*p || *end || id <= 0 || errno == ERANGE)
		return cx_fail(&ctx->err, CX_EUSAGE, "\"%s\" is not an attachment number (cx mail show MESSAGE lists them)",
			       a->argv[0]);
	if ((rc = cx_mail_attachment(ctx->db, id, &data, &len, name, sizeof name, &ctx->err)))
		return rc;
	const char *file = a->argc > 1 ? a->argv[1] : "-";
	if (!strcmp(file, "-")) {
		if (isatty(STDOUT_FILENO))
			rc = cx_fail(&ctx->err, CX_EUSAGE, "attachment %lld is a file (%s): give a FILE to write it to, or redirect",
				     (long long)id, name[0] ? name : "no name");
		else
			rc = write_out(ctx, data, len);
		free(data);
		return rc;
	}
	/* a new file, private like the database it came from, unless --force */
	int fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC | (arg_flag(a, "force") ? O_TRUNC : O_EXCL), 0600);
	if (fd < 0) {
		int en = errno;
		free(data);
		if (en == EEXIST)
			return cx_fail(&ctx->err, CX_EDATA, "%s exists already (give --force to replace it)", file);
		return cx_fail(&ctx->err, en == EACCES || en == EPERM || en == EROFS ? CX_EPERM : CX_EIO, "cannot write %s: %s",
			       file, strerror(en));
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	int en = errno;
	free(data);
	if (off < len || close(fd) != 0) {
		unlink(file);
		return cx_fail(&ctx->err, CX_EIO, "cannot write %s: %s", file, strerror(off < len ? en : errno));
	}
	ctx_done(ctx, "attachment", id, "Wrote attachment %lld (%s, %zu bytes) to %s", (long long)id, name[0] ? name : "no name",
		 len, file);
	return CX_OK;
}

const cx_verb cx_mail_verbs[] = {
	{ .name = "import", .usage = "PATH... [--dry-run] [--verbose]",
	  .summary = "File mail into cases and notes: mbox, Maildir, .eml, folders of them, or - for one message on standard input.",
	  .opts = import_opts, .min_args = 1, .max_args = -1, .flags = CX_NEEDS_DB | CX_CREATES, .fn = mail_import,
	  .complete_args = "file" },
	{ .name = "list", .usage = "[--state STATE] [--case CASE] [--customer CUSTOMER] [options]",
	  .summary = "List messages, oldest first, with what became of each.", .opts = list_opts, .min_args = 0,
	  .max_args = 0, .flags = CX_NEEDS_DB, .fn = mail_list },
	{ .name = "show", .usage = "MESSAGE [--raw]",
	  .summary = "Show a message: its headers, attachments and whole text, or its original bytes.",
	  .opts = show_opts, .min_args = 1, .max_args = 1, .flags = CX_NEEDS_DB, .fn = mail_show },
	{ .name = "attachment", .usage = "ID [FILE] [--force]",
	  .summary = "Write an attachment out, to FILE or standard output.", .opts = attachment_opts, .min_args = 1,
	  .max_args = 2, .flags = CX_NEEDS_DB, .fn = mail_attachment },
	{ 0 },
};
