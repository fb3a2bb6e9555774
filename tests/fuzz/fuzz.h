/* Shared by the fuzz targets: a database that each input leaves as it found it, and input as a file. */
#ifndef CX_FUZZ_H
#define CX_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cx/cx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a file the importers can open by name (an anonymous memory file). */
static inline int fuzz_file(const uint8_t *data, size_t size, char path[64])
{
	int fd = memfd_create("fuzz-input", 0);
	if (fd < 0)
		return -1;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/* One in-memory database for the whole run; every input runs inside a transaction rolled back after. */
static inline cx_db *fuzz_db(void)
{
	static cx_db *db;
	if (!db) {
		cx_err e;
		if (cx_db_open(&db, ":memory:", 0, &e)) {
			fprintf(stderr, "fuzz: %s\n", e.msg);
			abort();
		}
		cx_db_set_now(db, 1790000000);
		cx_db_set_actor(db, "fuzz");
	}
	return db;
}

static inline FILE *fuzz_null(void)
{
	static FILE *fp;
	if (!fp)
		fp = fopen("/dev/null", "w");
	return fp;
}

#endif
