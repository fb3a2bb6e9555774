/*
 * Shared setup for the unit tests: a fresh database in a temporary directory
 * for each test, with a fixed clock and actor, and output writers whose text
 * is captured in memory for exact comparison.
 */
#ifndef CX_UNIT_H
#define CX_UNIT_H

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cx/cx.h"

/* Wednesday 2026-03-11 10:00:00 UTC: every test's "now" unless it says otherwise. */
#define UNIT_NOW INT64_C(1773223200)
#define UNIT_DAY INT64_C(86400)
#define UNIT_ACTOR "ana"

typedef struct unit_db {
	cx_db *db;
	char dir[512];  /* the temporary directory, removed with all it holds */
	char path[600]; /* the database file inside it */
} unit_db;

static inline int unit_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	/* Removing what is already gone is fine: teardown must never stop half way. */
	remove(path);
	return 0;
}

/* rm -r: SQLite leaves -wal and -shm files next to the database. */
static inline void unit_rmtree(const char *dir)
{
	nftw(dir, unit_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A new empty directory under $TMPDIR (or /tmp) into buf. */
static inline void unit_tmpdir(char *buf, size_t size)
{
	const char *base = getenv("TMPDIR");
	snprintf(buf, size, "%s/cx-unit-XXXXXX", base && base[0] ? base : "/tmp");
	assert_non_null(mkdtemp(buf));
}

/*
 * A cmocka setup: a database in a file made by mkstemp (empty, so cx_db_open
 * creates the schema in it), the clock at UNIT_NOW, the actor UNIT_ACTOR,
 * and a transaction open: the test is the library's caller, and the caller
 * owns the transaction (unit_db_commit ends it and begins the next).
 */
static inline int unit_db_setup(void **state)
{
	unit_db *u = calloc(1, sizeof *u);
	cx_err err = { 0 };

	assert_non_null(u);
	unit_tmpdir(u->dir, sizeof u->dir);
	snprintf(u->path, sizeof u->path, "%s/cx-XXXXXX", u->dir);
	int fd = mkstemp(u->path);
	assert_true(fd >= 0);
	close(fd);
	if (cx_db_open(&u->db, u->path, 0, &err) != CX_OK)
		fail_msg("cannot open %s: %s", u->path, err.msg);
	cx_db_set_now(u->db, UNIT_NOW);
	cx_db_set_actor(u->db, UNIT_ACTOR);
	if (cx_db_begin(u->db, &err) != CX_OK)
		fail_msg("cannot begin: %s", err.msg);
	*state = u;
	return 0;
}

/* Commits what the test did so far, and begins the next transaction. */
static inline void unit_db_commit(cx_db *db)
{
	cx_err err = { 0 };
	if (cx_db_commit(db, &err) != CX_OK || cx_db_begin(db, &err) != CX_OK)
		fail_msg("cannot commit: %s", err.msg);
}

static inline int unit_db_teardown(void **state)
{
	unit_db *u = *state;
	if (!u)
		return 0;
	cx_db_close(u->db);
	unit_rmtree(u->dir);
	free(u);
	*state = NULL;
	return 0;
}

/* The database of a test run with unit_db_setup. */
static inline cx_db *unit_db_of(void **state)
{
	return ((unit_db *)*state)->db;
}

/* Fails the test with the library's message when rc is not CX_OK. */
#define unit_ok(rc, err)                                                          \
	do {                                                                      \
		int unit_rc_ = (rc);                                              \
		if (unit_rc_ != CX_OK)                                            \
			fail_msg("%s returned %d: %s", #rc, unit_rc_, (err).msg); \
	} while (0)

/* An output writer whose text goes to memory. */
typedef struct unit_cap {
	FILE *fp;
	char *text;
	size_t len;
	cx_out *out;
} unit_cap;

/* A writer in fmt, fitting width columns (0 = no limit), counting ages to UNIT_NOW. */
static inline cx_out *unit_cap_open(unit_cap *c, cx_fmt fmt, int width)
{
	cx_out_opts o = { .fmt = fmt, .width = width, .now = UNIT_NOW };

	memset(c, 0, sizeof *c);
	c->fp = open_memstream(&c->text, &c->len);
	assert_non_null(c->fp);
	c->out = cx_out_new(c->fp, &o);
	assert_non_null(c->out);
	return c->out;
}

/* Frees the writer and returns all it wrote; the caller frees the text. */
static inline char *unit_cap_text(unit_cap *c)
{
	cx_err err = { 0 };
	unit_ok(cx_out_free(c->out, &err), err);
	assert_int_equal(fclose(c->fp), 0);
	c->out = NULL;
	c->fp = NULL;
	return c->text;
}

/*
 * Cells of one column of the first block of a TSV text (header line, then
 * rows up to a blank line), joined with ','; "" when there are no rows.
 * Fails the test when the header has no such column.
 */
static inline void unit_tsv_column(const char *tsv, const char *col, char *buf, size_t size)
{
	const char *line = tsv, *nl = strchr(line, '\n');
	int idx = -1, rows = 0;
	size_t used = 0;

	assert_non_null(nl);
	for (int i = 0; line < nl; i++) {
		size_t n = strcspn(line, "\t\n");
		if (n == strlen(col) && !strncmp(line, col, n))
			idx = i;
		line += n;
		if (*line == '\t')
			line++;
	}
	if (idx < 0)
		fail_msg("no column %s in: %s", col, tsv);
	buf[0] = '\0';
	for (line = nl + 1; *line && *line != '\n'; line = strchr(line, '\n') + 1) {
		const char *cell = line;
		for (int i = 0; i < idx; i++)
			cell += strcspn(cell, "\t\n") + (cell[strcspn(cell, "\t\n")] == '\t');
		size_t n = strcspn(cell, "\t\n");
		int w = snprintf(buf + used, size - used, "%s%.*s", rows++ ? "," : "", (int)n, cell);
		assert_true(w >= 0 && (size_t)w < size - used);
		used += (size_t)w;
		if (!strchr(line, '\n'))
			break;
	}
}

#endif
