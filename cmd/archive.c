/* cx export, cx import, cx backup: the whole database out and in again, and safe copies of it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"

static const cx_opt export_opts[] = {
	{ .name = "since", .arg = "DATE",
	  .help = "only what changed since DATE (a partial export; import it with --merge)" },
	{ 0 },
};

static int cmd_export(cx_ctx *ctx, cx_args *a)
{
	int64_t since = 0, n;
	int rc;
	if ((rc = arg_date(ctx, a, "since", &since)) || (rc = cx_export(ctx->db, stdout, since, &n, &ctx->err)))
		return rc;
	/* "exported" only once the records have reached the file */
	if (fflush(stdout) != 0 || ferror(stdout))
		return cx_fail(&ctx->err, CX_EIO, "error writing output: %s", strerror(errno));
	ctx_info(ctx, "exported %lld records", (long long)n);
	return CX_OK;
}

const cx_verb cx_export_cmd = {
	.name = "export",
	.usage = "[--since DATE] > FILE",
	.summary = "Write the whole database as JSON Lines, to load with cx import.",
	.opts = export_opts,
	.min_args = 0,
	.max_args = 0,
	.flags = CX_NEEDS_DB,
	.fn = cmd_export,
};

static const cx_opt import_opts[] = {
	{ .name = "merge", .help = "into a database that has data: records there already are updated to the file's" },
	{ 0 },
};

static int cmd_import(cx_ctx *ctx, cx_args *a)
{
	cx_import_result r;
	int rc = ctx_file_begin(ctx, 0);
	if (rc)
		return rc;
	rc = ctx_file_written(ctx, cx_import(ctx->db, a->argv[0], arg_flag(a, "merge"), &r, &ctx->err));
	if (rc == CX_OK)
		ctx_done(ctx, "import", r.added, "Imported %lld records (%lld updated, %lld already there) from %s",
			 (long long)r.added, (long long)r.updated, (long long)r.skipped,
			 strcmp(a->argv[0], "-") ? a->argv[0] : "standard input");
	return ctx_file_end(ctx, a->argv[0], rc);
}

const cx_verb cx_import_cmd = {
	.name = "import",
	.usage = "FILE [--merge]",
	.summary = "Load an export (- reads standard input) into an empty database, or --merge it; all or nothing.",
	.opts = import_opts,
	.min_args = 1,
	.max_args = 1,
	.flags = CX_NEEDS_DB | CX_CREATES,
	.fn = cmd_import,
	.complete_args = "file",
};

static int cmd_backup(cx_ctx *ctx, cx_args *a)
{
	/* a copy of a file; a server has its own tools, and cx export works on both */
	if (cx_db_is_server(cx_db_path(ctx->db)))
		return cx_fail(&ctx->err, CX_EUSAGE,
			       "backup copies a database file; for %s use pg_dump, or cx export >FILE (which cx import reads back)",
			       cx_db_path(ctx->db));
	/* "-" is standard output, for cx backup - | ssh host 'cat >cx.db' */
	if (!strcmp(a->argv[0], "-")) {
		if (isatty(STDOUT_FILENO))
			return cx_fail(&ctx->err, CX_EUSAGE,
				       "backup -: standard output is a terminal (send it to a file or a pipe: cx backup - >copy.db)");
		int rc = cx_backup_stream(ctx->db, stdout, &ctx->err);
		if (rc == CX_OK)
			ctx_info(ctx, "backed up %s to standard output", cx_db_path(ctx->db));
		return rc;
	}
	int rc = cx_backup(ctx->db, a->argv[0], &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "backup", 0, "Backed up %s to %s", cx_db_path(ctx->db), a->argv[0]);
	return rc;
}

const cx_verb cx_backup_cmd = {
	.name = "backup",
	.usage = "PATH",
	.summary = "Copy the live database to a new file (- for standard output), consistently, even while others write to it.",
	.min_args = 1,
	.max_args = 1,
	.flags = CX_NEEDS_DB,
	.fn = cmd_backup,
	.complete_args = "file",
};
