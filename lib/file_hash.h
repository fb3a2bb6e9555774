/*
 * A file's SHA-256 worked out beside other work: a large import reads its
 * file once to parse it and once to know it again, and the second reading
 * need not wait for the first or hold it up.
 */
#ifndef CX_FILE_HASH_H
#define CX_FILE_HASH_H

#include <pthread.h>

#include "cx/err.h"

typedef struct file_hash {
	const char *path;
	char hex[65];
	cx_err err;
	int rc;
	int thread; /* 1 while a thread works it out; 0: done in file_hash_start */
	pthread_t t;
} file_hash;

/* The SHA-256 of a file's bytes, as 64 hex digits, read now. */
int cx_file_sha256(const char *path, char out[65], cx_err *err);
/* Starts reading path (kept by the caller until file_hash_wait). */
void file_hash_start(file_hash *h, const char *path);
/* The hash, when the reading has ended: CX_OK, or the reading's error. */
int file_hash_wait(file_hash *h, char out[65], cx_err *err);

#endif
