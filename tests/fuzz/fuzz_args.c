/*
 * Fuzz target: any command line, one argument a line, through the whole
 * dispatcher (option tables, prefixes, every verb) against a private
 * in-memory database. Arguments with '/' are dropped so no input can name a
 * file outside the sandbox directory; output goes nowhere.
 */
#include <fcntl.h>
#include <ftw.h>

#include "../../cmd/cx.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char sandbox[] = "/tmp/cx-fuzz-args-XXXXXX";

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void clean_up(void)
{
	nftw(sandbox, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(sandbox) || chdir(sandbox) != 0)
		abort();
	atexit(clean_up);
	int null = open("/dev/null", O_RDWR);
	dup2(null, STDIN_FILENO);
	dup2(null, STDOUT_FILENO);
	setenv("CX_DB", ":memory:", 1);
	setenv("CX_NO_HOOKS", "1", 1);
	setenv("VISUAL", "true", 1);
	setenv("EDITOR", "true", 1);
	setenv("CX_BUSY_TIMEOUT", "0", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[24] = { "cx" };
	int argc = 1;
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (char *save = NULL, *a = strtok_r(buf, "\n", &save); a && argc < 23; a = strtok_r(NULL, "\n", &save)) {
		if (strchr(a, '/') || !strcmp(a, "demo") || !strncmp(a, "--db", 4))
			continue; /* nothing may point outside the sandbox, or at another database */
		argv[argc++] = a;
	}
	argv[argc] = NULL;
	cx_main(argc, argv);
	free(buf);
	return 0;
}
