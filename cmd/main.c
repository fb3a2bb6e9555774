/*
 * cx: the entry point. Global options, finding the noun and verb, opening the
 * database, one write transaction per command, output checks and exit codes.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cx.h"
#include "cx_config.h"

static struct {
	const char *db, *format, *as, *color, *now;
	int help, version, quiet, no_hooks;
} g;

const cx_opt cx_global_opts[] = {
	{ .name = "db", .arg = "PATH", .help = "the database file (also CX_DB)", .complete = "file", .to = &g.db },
	{ .name = "format", .arg = "FORMAT", .help = "how to write results (svg: the charts of journey show and map)",
	  .words = cx_format_choices, .to = &g.format },
	{ .name = "as", .arg = "NAME", .help = "who is making the change (also CX_USER)", .complete = "owner", .to = &g.as },
	{ .name = "quiet", .shrt = 'q', .help = "say nothing but the requested data and errors", .on = &g.quiet },
	{ .name = "color", .arg = "WHEN", .help = "colour in tables (default auto: on a terminal, without NO_COLOR)",
	  .words = cx_color_modes, .to = &g.color },
	{ .name = "now", .arg = "DATE", .help = "take this as the current time (also CX_NOW)", .to = &g.now },
	{ .name = "no-hooks", .help = "do not run hooks for this command's changes", .on = &g.no_hooks },
	{ .name = "help", .shrt = 'h', .help = "show help", .on = &g.help },
	{ .name = "version", .help = "show the version", .on = &g.version },
	{ 0 },
};

int global_apply(cx_ctx *ctx, const cx_opt *o, const char *v)
{
	(void)ctx;
	if (o->to)
		*o->to = v;
	if (o->on)
		*o->on = 1;
	return CX_OK;
}

int64_t ctx_clock(const cx_ctx *ctx)
{
	return ctx->db ? cx_db_now(ctx->db) : ctx->now > 0 ? ctx->now : (int64_t)time(NULL);
}

void ctx_info(cx_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	FILE *fp = ctx->info ? ctx->info : stderr;
	if (ctx->quiet)
		return;
	fputs("cx: ", fp);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
}

int ctx_file_begin(cx_ctx *ctx, int bulk)
{
	return bulk ? cx_db_begin_bulk(ctx->db, &ctx->err) : cx_db_begin(ctx->db, &ctx->err);
}

int ctx_file_written(cx_ctx *ctx, int rc)
{
	return rc == CX_OK ? cx_db_flush(ctx->db, &ctx->err) : rc;
}

int ctx_file_end(cx_ctx *ctx, const char *file, int rc)
{
	if (rc == CX_OK && (fflush(stdout) != 0 || ferror(stdout))) {
		int en = errno;
		rc = cx_fail(&ctx->err, CX_EIO, "error writing output: %s (nothing from %s was stored)", strerror(en),
			     strcmp(file, "-") ? file : "standard input");
	}
	if (rc == CX_OK && !ctx->dry_run)
		return cx_db_commit(ctx->db, &ctx->err);
	cx_db_rollback(ctx->db);
	return rc;
}

void ctx_done(cx_ctx *ctx, const char *kind, int64_t id, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (cx_fmt_people(ctx->fmt)) {
		if (!ctx->quiet)
			cx_out_text(ctx->out, msg);
		return;
	}
	static const cx_col cols[] = {
		{ "kind", CX_T_TEXT, 0, 0 },
		{ "id", CX_T_INT, 0, 0 },
		{ "message", CX_T_TEXT, 0, 0 },
	};
	cx_val v[] = { CX_TEXTV(kind), CX_INTV(id), CX_TEXTV(msg) };
	cx_out_begin(ctx->out, NULL, NULL, CX_LAY_RECORD, CX_COLS(cols));
	cx_out_row(ctx->out, v);
	cx_out_end(ctx->out);
}

static const char *login_name(void)
{
	const char *u = getenv("LOGNAME");
	if (u && *u)
		return u;
	u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

/*
 * CX_BUSY_TIMEOUT: milliseconds, or a length of time with its unit (500ms,
 * 5s, 2m), up to an hour. -1 when it is none of these.
 */
static int busy_parse(const char *s)
{
	char *end;
	if (!s || !*s)
		return 5000;
	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10), unit = -1;
	if (!*end || !strcmp(end, "ms"))
		unit = 1;
	else if (!strcmp(end, "s"))
		unit = 1000;
	else if (!strcmp(end, "m"))
		unit = 60 * 1000;
	if (errno || unit < 0 || v > 3600 * 1000 / unit)
		return -1;
	return (int)(v * unit);
}

/* What settle() let through (it refuses a CX_BUSY_TIMEOUT that is not valid); completion takes the default. */
static int busy_ms(void)
{
	int ms = busy_parse(getenv("CX_BUSY_TIMEOUT"));
	return ms < 0 ? 5000 : ms;
}

/*
 * The database named in $XDG_CONFIG_HOME/cx/db (~/.config/cx/db), one line:
 * where a team keeps its server's URL so that nobody types it. 0 when none.
 */
static int configured_db(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char file[4096];
	if (xdg && xdg[0] == '/')
		snprintf(file, sizeof file, "%s/cx/db", xdg);
	else if (home && home[0])
		snprintf(file, sizeof file, "%s/.config/cx/db", home);
	else
		return 0;
	FILE *fp = fopen(file, "r");
	if (!fp)
		return 0;
	int ok = fgets(buf, (int)size, fp) != NULL;
	fclose(fp);
	buf[strcspn(buf, "\r\n")] = '\0';
	return ok && buf[0];
}

int ctx_db_target(cx_ctx *ctx, char *buf, size_t size, const char **path, cx_err *err)
{
	const char *env;

	if (ctx->db_path)
		*path = ctx->db_path;
	else if ((env = getenv("CX_DB")) && *env)
		*path = env;
	else if (configured_db(buf, size))
		*path = buf;
	else {
		int rc = cx_db_default_path(buf, size, err);
		if (rc)
			return rc;
		*path = buf;
	}
	return CX_OK;
}

int ctx_open_db(cx_ctx *ctx, const char *path)
{
	char def[4096], dflt[4096], who[128], hint[4200];
	int rc;

	if (!path && (rc = ctx_db_target(ctx, def, sizeof def, &path, &ctx->err)))
		return rc;
	unsigned vf = ctx->verb ? ctx->verb->flags : 0;
	int reader = ctx->existing_only || (vf & CX_EXISTING) || !(vf & (CX_WRITES | CX_CREATES));
	/* only the default place is made, directories and all: a path someone typed may be a typo */
	cx_err why;
	int dflt_place = cx_db_default_path(dflt, sizeof dflt, &why) == CX_OK && !strcmp(path, dflt);
	if (dflt_place)
		snprintf(hint, sizeof hint, "cx init creates it; cx demo builds a sample business to try first");
	else if (g.db && !cx_db_is_server(g.db))
		snprintf(hint, sizeof hint, "cx --db %s init creates it", g.db);
	else
		snprintf(hint, sizeof hint, "cx init creates it");
	cx_db_how how = {
		.flags = reader ? CX_DB_READER : CX_DB_CREATE | (dflt_place ? CX_DB_MKDIRS : 0),
		.busy_ms = busy_ms(),
		.hint = hint,
	};
	if ((rc = cx_db_open_as(&ctx->db, path, &how, &ctx->err)))
		return rc;
	if (ctx->now)
		cx_db_set_now(ctx->db, ctx->now);
	/*
	 * --as, CX_USER, then on a server the role it knows this connection as
	 * (a shared database's user setting would name everyone alike), else
	 * the user setting, the login name: the first that is set.
	 */
	const char *actor = ctx->actor;
	if (!actor && cx_db_user(ctx->db))
		actor = cx_db_user(ctx->db);
	if (!actor) {
		cx_err e;
		if (cx_setting_get(ctx->db, "user", who, sizeof who, &e) == CX_OK && who[0])
			actor = who;
		else
			actor = login_name();
	}
	cx_db_set_actor(ctx->db, actor);
	return CX_OK;
}

static int term_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *c = getenv("COLUMNS");
	return c && atoi(c) > 0 ? atoi(c) : 80;
}

/* Settles the global options given before and after the command. */
static int settle(cx_ctx *ctx)
{
	const char *env;
	cx_err e;

	ctx->db_path = g.db ? g.db : ((env = getenv("CX_DB")) && *env ? env : NULL);
	ctx->actor = g.as ? g.as : ((env = getenv("CX_USER")) && *env ? env : NULL);
	if (ctx->actor && (!ctx->actor[0] || strpbrk(ctx->actor, " \t\r\n,") || strlen(ctx->actor) > 64))
		return cx_fail(&ctx->err, CX_EDATA, "--as: \"%s\" must be one name without spaces", ctx->actor);
	ctx->quiet = g.quiet;
	ctx->no_hooks = g.no_hooks || ((env = getenv("CX_NO_HOOKS")) && *env);
	if (g.format && !strcmp(g.format, "svg")) {
		if (!ctx->verb || !(ctx->verb->flags & CX_SVG))
			return cx_fail(&ctx->err, CX_EUSAGE, "--format svg: only journey show and journey map draw pictures");
		ctx->svg = 1;
	} else if (g.format) {
		/* the parser checked the word against cx_format_choices */
		int f = cx_fmt_parse(g.format);
		ctx->fmt = f < 0 ? CX_FMT_TABLE : (cx_fmt)f;
	}
	const char *now = g.now ? g.now : ((env = getenv("CX_NOW")) && *env ? env : NULL);
	if (now) {
		int64_t t;
		/* a malformed date on the command line is a usage error, as for every DATE option */
		if (cx_date_parse(now, (int64_t)time(NULL), &t, &e))
			return cx_fail(&ctx->err, CX_EUSAGE, "%s: %s", g.now ? "--now" : "CX_NOW", e.msg);
		ctx->now = t;
	}
	if (busy_parse((env = getenv("CX_BUSY_TIMEOUT"))) < 0)
		return cx_fail(&ctx->err, CX_EUSAGE,
			       "CX_BUSY_TIMEOUT: \"%s\" is not a time to wait (milliseconds, or 500ms, 5s, 2m; at most 1h)",
			       env);
	int tty = isatty(STDOUT_FILENO);
	const char *color = g.color ? g.color : "auto";
	if (!strcmp(color, "always"))
		ctx->color = 1;
	else if (!strcmp(color, "auto"))
		ctx->color = tty && !((env = getenv("NO_COLOR")) && *env) &&
			     !((env = getenv("TERM")) && !strcmp(env, "dumb"));
	else
		ctx->color = 0;
	ctx->width = tty ? term_width() : 0;
	return CX_OK;
}

static void use_utf8(void)
{
	/* Display widths need a UTF-8 character type; the rest stays in the C locale. */
	if (!setlocale(LC_CTYPE, "") || strcasecmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int report(cx_ctx *ctx, int rc)
{
	if (rc == CX_OK)
		return 0;
	/* A message may quote stored text: keep it one line, and the terminal's own. */
	if (ctx->err.msg[0]) {
		char said[sizeof ctx->err.msg + 256];
		char *msg = cx_text_clean(opt_word_msg(ctx->verb, ctx->err.msg, said, sizeof said));
		fprintf(stderr, "cx: %s\n", msg ? msg : "(out of memory)");
		free(msg);
	}
	if (rc == CX_EUSAGE && ctx->verb)
		usage_line(stderr, ctx->noun, ctx->verb);
	return cx_exit_status(rc);
}

/*
 * What a writing command prints is held until its transaction has done its
 * work, so that when another writer's changes crossed it (a server's
 * serialization failure or deadlock) it is rolled back and run again from
 * the start, and nobody sees the first try. stdout is a variable of the C
 * library's (glibc documents it so): while held it is a stream in memory,
 * and everything the command prints goes there; a child (an editor, the
 * mail command) still has the real descriptors.
 */
typedef struct held {
	FILE *real;
	FILE *out, *info;
	char *out_buf, *info_buf;
	size_t out_len, info_len;
} held;

static int hold(cx_ctx *ctx, held *h)
{
	h->real = stdout;
	h->out = open_memstream(&h->out_buf, &h->out_len);
	h->info = open_memstream(&h->info_buf, &h->info_len);
	if (!h->out || !h->info) {
		if (h->out)
			fclose(h->out);
		if (h->info)
			fclose(h->info);
		free(h->out_buf);
		free(h->info_buf);
		*h = (held){ 0 };
		return cx_fail(&ctx->err, CX_EINTERNAL, "out of memory");
	}
	stdout = h->out;
	ctx->info = h->info;
	return CX_OK;
}

/* Back to the real stdout; what was held is written there (show) or thrown away. */
static void release(cx_ctx *ctx, held *h, int show)
{
	if (!h->real)
		return;
	fclose(h->out);
	fclose(h->info);
	stdout = h->real;
	ctx->info = NULL;
	if (show) {
		if (h->info_len)
			fwrite(h->info_buf, 1, h->info_len, stderr);
		if (h->out_len)
			fwrite(h->out_buf, 1, h->out_len, stdout);
	}
	free(h->out_buf);
	free(h->info_buf);
	*h = (held){ 0 };
}

enum { RETRIES = 5 };

/* A short random wait before running again, longer each time: two that crossed do not cross again. */
static void backoff(int attempt)
{
	static int seeded;
	if (!seeded) {
		srand((unsigned)getpid() ^ (unsigned)time(NULL));
		seeded = 1;
	}
	long us = (long)(rand() % 20000 + 5000) << attempt; /* 5-25 ms, doubling */
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	nanosleep(&ts, NULL);
}

/* The command itself: its output writer, its function, and the writer's end. */
static int run_fn(cx_ctx *ctx, const cx_verb *v, cx_args *a)
{
	cx_out_opts oo = { .fmt = ctx->fmt, .width = ctx->width, .color = ctx->color, .now = ctx_clock(ctx) };
	ctx->out = cx_out_new(stdout, &oo);
	if (!ctx->out)
		return cx_fail(&ctx->err, CX_EINTERNAL, "out of memory");
	int rc = v->fn(ctx, a);
	cx_err e;
	int orc = cx_out_free(ctx->out, &e);
	ctx->out = NULL;
	if (rc == CX_OK && orc)
		rc = cx_fail(&ctx->err, orc, "%s", e.msg);
	return rc;
}

/*
 * A writing command: one transaction, begun and committed here, and its
 * output held until the command's work is done. A try that failed for
 * another writer's sake (on a server: a deadlock, a serialization failure,
 * which come as statements run) is rolled back and run again unseen, up to
 * RETRIES times. Then the output goes out, and the transaction commits
 * only if it reached the reader. (A server set to serializable isolation
 * may refuse the commit itself: that is exit 75, try again.)
 */
static int run_writer(cx_ctx *ctx, const cx_verb *v, cx_args *a)
{
	held h = { 0 };
	int rc;
	for (int attempt = 0;; attempt++) {
		if ((rc = hold(ctx, &h)))
			return rc;
		if ((rc = cx_db_begin(ctx->db, &ctx->err)) == CX_OK)
			rc = run_fn(ctx, v, a);
		if (rc != CX_OK && cx_db_in_transaction(ctx->db))
			cx_db_rollback(ctx->db);
		if (rc != CX_OK && cx_db_retryable(ctx->db) && !ctx->once && attempt < RETRIES) {
			release(ctx, &h, 0);
			ctx->err = (cx_err){ 0 };
			ctx->status = 0;
			cx_db_hooks_clear(ctx->db);
			backoff(attempt);
			continue;
		}
		break;
	}
	release(ctx, &h, 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int en = errno;
		if (rc == CX_OK)
			rc = cx_fail(&ctx->err, CX_EIO, "error writing output: %s (nothing was changed)", strerror(en));
	}
	if (cx_db_in_transaction(ctx->db)) {
		if (rc == CX_OK)
			rc = cx_db_commit(ctx->db, &ctx->err);
		else
			cx_db_rollback(ctx->db);
	}
	return rc;
}

static int run(cx_ctx *ctx, const cx_verb *v, int argc, char **argv)
{
	cx_args a;
	int rc = args_parse(ctx, v, argc, argv, &a);

	if (rc == CX_OK && g.help) {
		help_verb(stdout, ctx->noun, v);
		args_free(&a);
		return fflush(stdout) == 0 ? CX_OK : cx_fail(&ctx->err, CX_EIO, "error writing help");
	}
	if (rc == CX_OK)
		rc = settle(ctx);
	if (rc == CX_OK && a.argc < v->min_args)
		rc = cx_fail(&ctx->err, CX_EUSAGE, "too few arguments");
	if (rc == CX_OK && v->max_args >= 0 && a.argc > v->max_args)
		rc = cx_fail(&ctx->err, CX_EUSAGE, "too many arguments: %s", a.argv[v->max_args]);
	if (rc == CX_OK && (v->flags & CX_NEEDS_DB))
		rc = ctx_open_db(ctx, ctx->db_path);
	if (rc) {
		args_free(&a);
		return rc;
	}
	if (ctx->db && (v->flags & CX_WRITES)) {
		rc = run_writer(ctx, v, &a);
	} else {
		rc = run_fn(ctx, v, &a);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			int en = errno;
			if (rc == CX_OK)
				rc = cx_fail(&ctx->err, CX_EIO, "error writing output: %s", strerror(en));
		}
		if (rc == CX_OK && ctx->db)
			rc = cx_db_unchanged(ctx->db, &ctx->err);
	}
	free(ctx->body);
	ctx->body = NULL;
	args_free(&a);
	return rc;
}

/*
 * A standard stream the caller closed stays unusable, but its number is
 * taken: otherwise the next file or socket cx opens (a database server's
 * connection) would get it, and output meant for the terminal would go there.
 * Reading from a closed stdout or writing to a closed stdin still fails.
 */
static void hold_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
			if (got >= 0 && got != fd) {
				dup2(got, fd);
				close(got);
			}
		}
}

int cx_main(int argc, char **argv)
{
	cx_ctx ctx = { 0 };

	memset(&g, 0, sizeof g); /* one process may run several commands (the argument fuzzer) */
	int i = 1, rc;

	use_utf8();
	hold_std_fds();
	/* Past a file size limit (ulimit -f), writes fail and the change is rolled back; no core dump. */
	signal(SIGXFSZ, SIG_IGN);
	/* Without TZ, the C library looks at /etc/localtime again on every conversion. */
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 0);
	/* Global options before the command: up to the first word that is not one. */
	arg_walk w = { .argc = argc, .argv = argv, .i = i };
	arg_item it;
	while ((rc = arg_next(&w, &it, &ctx.err)) == 1 && !it.pos) {
		if (opt_check(it.opt, it.val, &ctx.err))
			return report(&ctx, CX_EUSAGE);
		global_apply(&ctx, it.opt, it.val);
	}
	if (rc != 0 && rc != 1) {
		fprintf(stderr, "cx: %s%s\n", ctx.err.msg, strncmp(ctx.err.msg, "unknown option", 14) ? "" : " (see cx --help)");
		return 2;
	}
	i = it.pos ? w.i - 1 : argc;
	if (g.version) {
		printf("cx %s\n", CX_VERSION);
		return fflush(stdout) == 0 ? 0 : 74;
	}
	if (i >= argc) {
		help_general(g.help ? stdout : stderr);
		return g.help ? 0 : 2;
	}
	const char *word = argv[i++];
	if (!strcmp(word, "__complete"))
		return cx_exit_status(cmd_complete(&ctx, argc - i, argv + i));
	if (!strcmp(word, "__synopsis"))
		return cmd_synopsis();
	if (!strcmp(word, "__words"))
		return cmd_words();
	if (!strcmp(word, "__fields"))
		return cmd_fields(argc - i, argv + i);

	const cx_noun *n = noun_find(word, &ctx.err);
	if (!n) {
		fprintf(stderr, "cx: %s\n", ctx.err.msg);
		return 2;
	}
	ctx.noun = n;
	const cx_verb *v = n->self;
	if (n->verbs) {
		if (i >= argc || (argv[i][0] == '-' && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")))) {
			help_noun(g.help || i < argc ? stdout : stderr, n);
			return g.help || i < argc ? 0 : 2;
		}
		if (g.help && argv[i][0] == '-') {
			help_noun(stdout, n);
			return 0;
		}
		v = verb_find(n, argv[i], &ctx.err);
		if (!v) {
			fprintf(stderr, "cx: %s\n", ctx.err.msg);
			return 2;
		}
		i++;
	}
	ctx.verb = v;
	rc = run(&ctx, v, argc - i, argv + i);
	rc = report(&ctx, rc);
	int failed = rc != 0;
	if (rc == 0 && ctx.status)
		rc = ctx.status;
	hooks_run(&ctx);
	/* a database a failed command made and stored nothing in goes again: a mistyped path leaves nothing */
	if (failed)
		cx_db_abandon(ctx.db);
	else
		cx_db_close(ctx.db);
	return rc;
}
