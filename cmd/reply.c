/* cx reply: a mail to a case's customer, recorded as the public note, printed or handed to mail.send. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "cx.h"
#include "cx/mail.h"
#include "cx/template.h"

static const cx_opt reply_opts[] = {
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "the reply; - reads standard input", .flags = OPT_MULTI,
	  .field = "body" },
	{ .name = "template", .shrt = 't', .arg = "NAME", .help = "the reply is this template, filled for the case",
	  .complete = "template", .field = "body" },
	{ .name = "edit", .shrt = 'e', .help = "write the reply (or change the filled template) in $VISUAL or $EDITOR",
	  .field = "body" },
	{ .name = "to", .arg = "ADDRESS", .help = "write to ADDRESS, not to the customer's latest mail's sender" },
	{ 0 },
};

/*
 * Hands the message to the mail.send command on its standard input: argv
 * split as a shell would, but no shell; its own output goes to our
 * standard error, never into our data. CX_OK when it exits 0.
 */
int reply_send(cx_ctx *ctx, const char *cmd, const char *raw, size_t len)
{
	ctx->once = 1; /* a mail that went out is not sent again */
	gchar **argv = NULL;
	gint argc = 0;
	GError *ge = NULL;
	int in[2], rc = CX_OK;

	if (!g_shell_parse_argv(cmd, &argc, &argv, &ge)) {
		rc = cx_fail(&ctx->err, CX_EDATA, "mail.send: cannot split \"%s\": %s", cmd, ge ? ge->message : "");
		g_clear_error(&ge);
		return rc;
	}
	if (pipe(in) != 0) {
		g_strfreev(argv);
		return cx_fail(&ctx->err, CX_EIO, "mail.send: %s", strerror(errno));
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		rc = cx_fail(&ctx->err, CX_EIO, "mail.send: cannot start %s: %s", argv[0], strerror(errno));
		close(in[0]);
		close(in[1]);
		g_strfreev(argv);
		return rc;
	}
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(STDERR_FILENO, STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "cx: mail.send: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(in[0]);
	/* a command that stops reading early must not kill us: its exit status tells */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	for (size_t off = 0; off < len;) {
		ssize_t w = write(in[1], raw + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(in[1]);
	signal(SIGPIPE, old);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char how[64];
		if (WIFEXITED(status))
			snprintf(how, sizeof how, "exit status %d", WEXITSTATUS(status));
		else
			snprintf(how, sizeof how, "signal %d", WTERMSIG(status));
		rc = cx_fail(&ctx->err, CX_EUNAVAIL,
			     "mail.send (%s) failed with %s: the reply was not sent and nothing was recorded (try again)", argv[0],
			     how);
	}
	g_strfreev(argv);
	return rc;
}

static int cmd_reply(cx_ctx *ctx, cx_args *a)
{
	cx_mail_reply_in in = { .to = arg_str(a, "to") };
	const char *tmpl = arg_str(a, "template");
	cx_mail_config c;
	cx_mail_reply_out out;
	char *body = NULL;
	int n, rc;

	arg_all(a, "message", &n);
	if (tmpl && n)
		return cx_fail(&ctx->err, CX_EUSAGE, "give the reply with -m or --template, not both");
	if ((rc = cx_case_parse_id(a->argv[0], &in.case_id, &ctx->err)) || (rc = cx_case_check(ctx->db, in.case_id, &ctx->err)))
		return rc;
	if ((rc = cx_mail_config_load(ctx->db, &c, &ctx->err)))
		return rc;
	if (tmpl) {
		char *filled;
		if ((rc = cx_template_fill(ctx->db, tmpl, in.case_id, &filled, &ctx->err)) == CX_OK && arg_flag(a, "edit")) {
			rc = body_edit(ctx, filled, &body);
			free(filled);
		} else if (rc == CX_OK) {
			body = filled;
		}
	} else {
		rc = body_read(ctx, a, 1, &body);
	}
	if (rc == CX_OK) {
		in.body = body;
		rc = cx_mail_reply(ctx->db, &c, &in, &out, &ctx->err);
	}
	free(body);
	if (rc) {
		cx_mail_config_free(&c);
		return rc;
	}
	if (c.send[0]) {
		rc = reply_send(ctx, c.send, out.raw, out.len);
		if (rc == CX_OK)
			ctx_done(ctx, "message", out.message, "Sent the reply on case %lld to %s (message %lld, public note %lld)",
				 (long long)in.case_id, out.to, (long long)out.message, (long long)out.note_id);
	} else if (fwrite(out.raw, 1, out.len, stdout) != out.len) {
		/* the dispatcher sees the error on stdout and records nothing */
		rc = cx_fail(&ctx->err, CX_EIO, "error writing output: %s (nothing was recorded)", strerror(errno));
	}
	free(out.raw);
	cx_mail_config_free(&c);
	return rc;
}

const cx_verb cx_reply_cmd = {
	.name = "reply",
	.usage = "CASE [-m TEXT | --template NAME] [--edit] [--to ADDRESS]",
	.summary = "Write a mail to the case's customer, recorded as the public note; printed, or sent with mail.send.",
	.opts = reply_opts,
	.min_args = 1,
	.max_args = 1,
	.flags = CX_NEEDS_DB | CX_WRITES,
	.fn = cmd_reply,
	.complete_args = "case",
};
