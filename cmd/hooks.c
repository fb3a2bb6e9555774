/*
 * Hooks: executables named after events (on-case-open, ...) in the hooks
 * directory, run after the change is committed with the event as one JSON
 * object on standard input. No shell is involved; a hook that fails or runs
 * past its time limit is reported and stopped, and never undoes the change.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

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
	/* cx config set checks the value; one stored by an older cx that did not is taken as the default */
	if (ctx->db && cx_setting_get(ctx->db, "hooks.timeout", v, sizeof v, &e) == CX_OK &&
	    cx_config_check("hooks.timeout", v, &e) == CX_OK)
		cx_duration_parse(v, &secs, &e);
	return secs * 1000;
}

enum {
	HOOK_OUTPUT_MAX = 64 * 1024, /* of a hook's output passed on; the rest is read and dropped */
	HOOK_GRACE_MS = 500,	     /* between SIGTERM and SIGKILL at the time limit */
	HOOK_TICK_MS = 10,	     /* how often cx looks whether the hook has exited */
	HOOK_KIDS_MAX = 256,
};

static int64_t ms_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* ---- what a hook writes: to our stderr, a line at a time, named, defused ---- */

typedef struct hook_out {
	const char *name;
	size_t len;	/* bytes of the line not yet ended */
	size_t kept;	/* bytes taken in, at most HOOK_OUTPUT_MAX */
	size_t dropped; /* bytes read past that */
	char line[HOOK_OUTPUT_MAX];
	char clean[HOOK_OUTPUT_MAX + 64];
} hook_out;

/*
 * Whether a terminal would act on c rather than show it: C0 and C1 controls
 * (but the tab), and the marks and overrides that reorder text (U+202E
 * would make a line read backwards).
 */
static int unsafe_char(wchar_t c)
{
	return (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) || c == 0x61c || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* One line on stderr as "cx: hook NAME: TEXT"; those characters and invalid UTF-8 become '?'. */
static void out_line(hook_out *o, const char *s, size_t n)
{
	int k0 = snprintf(o->clean, sizeof o->clean, "cx: hook %s: ", o->name);
	char *q = o->clean + (k0 > 0 ? k0 : 0);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	if (n && s[n - 1] == '\r')
		n--; /* a line ended CRLF */
	/* the locale's character type is UTF-8 (see use_utf8 in main.c) */
	for (size_t i = 0; i < n;) {
		wchar_t c;
		size_t k = mbrtowc(&c, s + i, n - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2) {
			*q++ = '?';
			i++;
			memset(&st, 0, sizeof st);
			continue;
		}
		if (k == 0)
			k = 1; /* a NUL byte: a control character like the others */
		if (unsafe_char(c)) {
			*q++ = '?';
		} else {
			memcpy(q, s + i, k);
			q += k;
		}
		i += k;
	}
	*q++ = '\n';
	fwrite(o->clean, 1, (size_t)(q - o->clean), stderr);
}

static void out_feed(hook_out *o, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (o->kept >= HOOK_OUTPUT_MAX) {
			o->dropped += n - i;
			return;
		}
		o->kept++;
		if (buf[i] == '\n') {
			out_line(o, o->line, o->len);
			o->len = 0;
		} else {
			o->line[o->len++] = buf[i];
		}
	}
}

static void out_end(hook_out *o)
{
	if (o->len)
		out_line(o, o->line, o->len);
	o->len = 0;
	if (o->dropped)
		fprintf(stderr, "cx: hook %s: %zu more bytes of output were dropped (at most %d KiB are shown)\n", o->name,
			o->dropped, HOOK_OUTPUT_MAX / 1024);
}

/* Reads what the pipe holds now; closes it at its end. */
static void out_read(hook_out *o, int *fd)
{
	char buf[8192];
	for (int rounds = 0;;) {
		ssize_t r = read(*fd, buf, sizeof buf);
		if (r > 0) {
			out_feed(o, buf, (size_t)r);
			if (++rounds < 16) /* a hook that writes without end must not keep us from the clock */
				continue;
			return;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 || errno != EAGAIN) {
			close(*fd);
			*fd = -1;
		}
		return;
	}
}

/* ---- the processes a hook leaves ---- */

/*
 * cx's children, from /proc: the hook, and while cx is their subreaper
 * (PR_SET_CHILD_SUBREAPER) whatever the hook started that lost its parent,
 * even after leaving the hook's process group with setsid.
 */
static size_t children(pid_t *kids, size_t max)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t me = getpid();
	size_t n = 0;
	if (!d)
		return 0;
	while (n < max && (e = readdir(d))) {
		char path[300], buf[512];
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ssize_t r = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (r <= 0)
			continue;
		buf[r] = '\0';
		/* "pid (comm) state ppid ...": the command name may hold anything, even ")" */
		char *rp = strrchr(buf, ')'), state;
		int ppid;
		if (rp && sscanf(rp + 1, " %c %d", &state, &ppid) == 2 && ppid == me)
			kids[n++] = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	return n;
}

static int listed(pid_t p, const pid_t *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == p)
			return 1;
	return 0;
}

/*
 * Sends sig to the hook's process group, and to each child of cx that was
 * not there before the hook started, with its own group: what escaped with
 * setsid and was orphaned. Returns how many such children there are.
 */
static size_t hook_signal(pid_t group, const pid_t *before, size_t nbefore, int sig)
{
	pid_t kids[HOOK_KIDS_MAX];
	size_t n = children(kids, HOOK_KIDS_MAX), left = 0;
	kill(-group, sig);
	for (size_t i = 0; i < n; i++) {
		if (listed(kids[i], before, nbefore))
			continue;
		left++;
		if (getpgid(kids[i]) == kids[i])
			kill(-kids[i], sig);
		kill(kids[i], sig);
	}
	return left;
}

/* Reaps the children that have ended (the hook's orphans): cx has no others while hooks run. */
static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/*
 * Runs one hook; 0 when it ran and succeeded. Problems are told on stderr.
 * The hook reads the event from a pipe, and writes to one that cx reads:
 * it never holds cx's own standard streams, so nothing it leaves running
 * keeps a pipeline that reads cx's output waiting.
 */
static int run_one(const char *path, const char *name, const char *json, int64_t limit_ms)
{
	static hook_out o;
	int in[2], out[2];
	pid_t before[HOOK_KIDS_MAX];
	size_t nbefore = children(before, HOOK_KIDS_MAX);

	if (pipe2(in, O_CLOEXEC) != 0) {
		fprintf(stderr, "cx: hook %s not run: %s\n", name, strerror(errno));
		return -1;
	}
	if (pipe2(out, O_CLOEXEC) != 0) {
		fprintf(stderr, "cx: hook %s not run: %s\n", name, strerror(errno));
		close(in[0]);
		close(in[1]);
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "cx: hook %s not run: %s\n", name, strerror(errno));
		for (int i = 0; i < 2; i++) {
			close(in[i]);
			close(out[i]);
		}
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0); /* its own process group: stopping it stops what it started, too */
		/* dup2 clears close-on-exec on the copies; every other end closes at exec */
		if (dup2(in[0], STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0 || dup2(out[1], STDERR_FILENO) < 0)
			_exit(127);
		setenv("CX_HOOK", name, 1);
		char *argv[] = { (char *)path, NULL };
		execv(path, argv);
		dprintf(STDERR_FILENO, "cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid); /* whichever of the two runs first */
	close(in[0]);
	close(out[1]);
	memset(&o, 0, offsetof(hook_out, line));
	o.name = name;
	/*
	 * The event is written while the clock runs: a hook that never reads
	 * a long event must not keep us waiting past its time limit, and one
	 * that exits without reading must not kill us (SIGPIPE).
	 */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
	fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
	size_t len = strlen(json), off = 0; /* the event, then a newline */
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int status = 0, exited = 0, late = 0;
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
		if (out[0] >= 0)
			out_read(&o, &out[0]);
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			exited = 1;
			break;
		}
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "cx: hook %s: %s\n", name, strerror(errno));
			break;
		}
		int64_t left = limit_ms - ms_since(&start);
		if (left <= 0) {
			late = 1;
			break;
		}
		struct pollfd pf[2];
		nfds_t np = 0;
		if (out[0] >= 0)
			pf[np++] = (struct pollfd){ .fd = out[0], .events = POLLIN };
		if (in[1] >= 0)
			pf[np++] = (struct pollfd){ .fd = in[1], .events = POLLOUT };
		poll(pf, np, left < HOOK_TICK_MS ? (int)left : HOOK_TICK_MS);
	}
	if (late) {
		/* the group, and what escaped it; a short grace to end cleanly, then no choice */
		hook_signal(pid, before, nbefore, SIGTERM);
		struct timespec grace;
		clock_gettime(CLOCK_MONOTONIC, &grace);
		while (ms_since(&grace) < HOOK_GRACE_MS) {
			if (out[0] >= 0)
				out_read(&o, &out[0]);
			if (!exited && waitpid(pid, &status, WNOHANG) == pid)
				exited = 1;
			reap();
			pid_t kids[HOOK_KIDS_MAX];
			size_t n = children(kids, HOOK_KIDS_MAX), mine = 0;
			for (size_t i = 0; i < n; i++)
				mine += !listed(kids[i], before, nbefore);
			if (exited && !mine)
				break;
			poll(NULL, 0, HOOK_TICK_MS);
		}
		/* SIGKILL until none is left: each one killed may orphan more of them to us */
		for (int round = 0; round < 100 && hook_signal(pid, before, nbefore, SIGKILL); round++) {
			if (!exited && waitpid(pid, &status, 0) == pid)
				exited = 1;
			reap();
			poll(NULL, 0, 1);
		}
		if (!exited)
			waitpid(pid, &status, 0);
	}
	/* what is in the pipe now is the hook's; a background child holding it on is not waited for */
	if (out[0] >= 0)
		out_read(&o, &out[0]);
	if (out[0] >= 0)
		close(out[0]);
	if (in[1] >= 0)
		close(in[1]);
	reap();
	signal(SIGPIPE, old);
	out_end(&o);
	if (late) {
		fprintf(stderr, "cx: hook %s ran longer than %llds and was stopped (the change itself is kept)\n", name,
			(long long)(limit_ms / 1000));
		return -1;
	}
	if (!exited)
		return -1;
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
	/* what a hook starts and leaves behind becomes our child, so that at its time limit it can be found */
	int reaper = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
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
	if (reaper)
		prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
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
	cx_out_begin(ctx->out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
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
	{ .name = "list", .usage = "", .summary = "Show which hooks are installed, and where cx looks for them.",
	  .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = hooks_list },
	{ 0 },
};
