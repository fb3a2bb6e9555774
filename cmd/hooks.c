/*
 * Hooks: executables named after events (on-case-open, ...) in the hooks
 * directory, run after the change is committed with the event as one JSON
 * object on standard input. No shell is involved; a hook that fails or runs
 * past its time limit is reported and stopped, and never undoes the change.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cx.h"

static const char *const hook_names[] = {
	"on-case-open", "on-case-resolve", "on-handoff", "on-detractor", "on-breach", "on-feedback", "on-mail", NULL,
};

static void hooks_dir(cx_ctx *ctx, char *buf, size_t size)
{
	char set[1024] = "";
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	cx_err e;
	if (ctx->db && cx_setting_get(ctx->db, "hooks.dir", set, sizeof set, &e) == CX_OK && set[0])
		snprintf(buf, size, "%s", set);
	else if (xdg && xdg[0] == '/')
		snprintf(buf, size, "%s/cx/hooks", xdg);
	else
		snprintf(buf, size, "%s/.config/cx/hooks", home ? home : "");
}

static int64_t timeout_ms(cx_ctx *ctx)
{
	char v[32];
	int64_t secs = 10;
	cx_err e;
	if (ctx->db && cx_setting_get(ctx->db, "hooks.timeout", v, sizeof v, &e) == CX_OK)
		cx_duration_parse(v, &secs, &e);
	return secs * 1000;
}

/* Runs one hook; 0 when it ran and succeeded. Problems are told on stderr. */
static int run_one(const char *path, const char *name, const char *json, int64_t limit_ms)
{
	int in[2];
	if (pipe(in) != 0) {
		fprintf(stderr, "cx: hook %s not run: %s\n", name, strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "cx: hook %s not run: %s\n", name, strerror(errno));
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if (pid == 0) {
		/* the hook reads the event on stdin; its own output goes to our stderr, never into our data */
		setpgid(0, 0); /* its own process group: stopping it stops what it started, too */
		dup2(in[0], STDIN_FILENO);
		dup2(STDERR_FILENO, STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		setenv("CX_HOOK", name, 1);
		char *argv[] = { (char *)path, NULL };
		execv(path, argv);
		fprintf(stderr, "cx: hook %s: cannot run %s: %s\n", name, path, strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid); /* whichever of the two runs first */
	close(in[0]);
	/*
	 * The event is written while the clock runs: a hook that never reads
	 * a long event must not keep us waiting past its time limit, and one
	 * that exits without reading must not kill us (SIGPIPE).
	 */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
	size_t len = strlen(json), off = 0; /* the event, then a newline */
	struct timespec start, now, nap = { 0, 5 * 1000 * 1000 };
	clock_gettime(CLOCK_MONOTONIC, &start);
	int status = 0, rc = 0;
	for (;;) {
		while (in[1] >= 0) {
			ssize_t w = write(in[1], off < len ? json + off : "\n", off < len ? len - off : 1);
			if (w > 0)
				off += (size_t)w;
			else if (w < 0 && (errno == EAGAIN || errno == EINTR))
				break; /* the pipe is full: the hook reads on, or not */
			if (w <= 0 || off > len) {
				/* all written, or the hook closed its input early: fine */
				close(in[1]);
				in[1] = -1;
			}
		}
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "cx: hook %s: %s\n", name, strerror(errno));
			rc = -1;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		int64_t ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (ms > limit_ms) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			fprintf(stderr, "cx: hook %s ran longer than %llds and was stopped (the change itself is kept)\n", name,
				(long long)(limit_ms / 1000));
			rc = -1;
			break;
		}
		nanosleep(&nap, NULL);
	}
	if (in[1] >= 0)
		close(in[1]);
	signal(SIGPIPE, old);
	if (rc)
		return rc;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		fprintf(stderr, "cx: hook %s failed with exit status %d (the change itself is kept)\n", name,
			WEXITSTATUS(status));
	else
		fprintf(stderr, "cx: hook %s was killed by signal %d (the change itself is kept)\n", name, WTERMSIG(status));
	return -1;
}

void hooks_run(cx_ctx *ctx)
{
	char dir[2048], path[2304];
	size_t n = ctx->db ? cx_db_hook_count(ctx->db) : 0;

	if (!n || ctx->no_hooks) {
		if (ctx->db)
			cx_db_hooks_clear(ctx->db);
		return;
	}
	hooks_dir(ctx, dir, sizeof dir);
	int64_t limit = timeout_ms(ctx);
	int warned[8] = { 0 }, installed = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = cx_db_hook_name(ctx->db, i);
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (stat(path, &st) != 0)
			continue; /* no hook for this event: nothing to do */
		installed = 1;
		int k = 0;
		while (hook_names[k] && strcmp(hook_names[k], name))
			k++;
		if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0) {
			if (k < 8 && !warned[k]++)
				fprintf(stderr, "cx: hook %s is not an executable file: not run (chmod +x %s)\n", name, path);
			continue;
		}
		run_one(path, name, cx_db_hook_json(ctx->db, i), limit);
	}
	if (installed && cx_db_hook_dropped(ctx->db))
		fprintf(stderr, "cx: %zu more hook events were not run (at most %d of each kind per command)\n",
			cx_db_hook_dropped(ctx->db), CX_HOOK_MAX);
	cx_db_hooks_clear(ctx->db);
}

static int hooks_list(cx_ctx *ctx, cx_args *a)
{
	static const cx_col cols[] = {
		{ "hook", CX_T_TEXT, 0, 0 },
		{ "installed", CX_T_BOOL, 0, 0 },
		{ "executable", CX_T_BOOL, 0, 0 },
		{ "path", CX_T_TEXT, 0, 0 },
	};
	char dir[2048], path[2304];
	(void)a;
	hooks_dir(ctx, dir, sizeof dir);
	cx_out_begin(ctx->out, NULL, NULL, CX_LAY_TABLE, cols, 4);
	for (int i = 0; hook_names[i]; i++) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, hook_names[i]);
		int there = stat(path, &st) == 0;
		int exec = there && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
		cx_val v[] = { CX_TEXTV(hook_names[i]), CX_INTV(there), CX_INTV(exec), CX_TEXTV(path) };
		cx_out_row(ctx->out, v);
	}
	cx_out_end(ctx->out);
	return CX_OK;
}

const cx_verb cx_hooks_verbs[] = {
	{ "list", "", "Show which hooks are installed, and where cx looks for them.", NULL, 0, 0, CX_NEEDS_DB, hooks_list,
	  NULL },
	{ 0 },
};
