/*
 * Inside libcx: the reading side of a survey import. Each row of the export
 * is read, checked and worked out without the database (completeness, key,
 * time, address, scores, the other answers as JSON, the tag rules it meets)
 * and handed to the storing side in batches. A second thread reads while the
 * first stores, unless the export's times must be read in a time zone of
 * their own (that switches TZ, which is the whole process's): then the
 * storing side reads each batch itself.
 */
#ifndef CX_SURVEY_READER_H
#define CX_SURVEY_READER_H

#include <pthread.h>
#include <stdint.h>

#include "csv_reader.h"
#include "cx/survey.h"
#include "survey_layout.h"

/* An offset into a batch's text that stands for no text. */
#define SURVEY_NONE UINT32_MAX

typedef struct survey_item {
	int64_t line;  /* the physical line the row starts on */
	int64_t bytes; /* the file's bytes read up to the end of the row (progress) */
	int64_t at;
	int64_t given; /* how many answers it gives: a partial response replaces a stored one only with more */
	int score[4];  /* NPS, CSAT, CES, likelihood to continue; -1 for none */
	int complete;
	/* offsets into the batch's text (SURVEY_NONE: none); tags: one byte per tag rule, 1 where its answer matches */
	uint32_t key, email, name, comment, answers, token, tags;
} survey_item;

typedef struct survey_batch {
	survey_item *item;
	int n, cap;
	char *text;
	size_t len, size;
	int rc; /* after the items: 0 more rows follow, 1 the file ended, < 0 the failure in err */
	cx_err err;
} survey_batch;

static inline const char *survey_text(const survey_batch *b, uint32_t off)
{
	return off == SURVEY_NONE ? NULL : b->text + off;
}

enum { SURVEY_RING = 4 };

typedef struct survey_reader {
	survey_layout *l;
	cx_csv *r;
	const cx_survey_import_opts *o;
	const int *tag_col; /* the column of each tag rule */
	int64_t now;
	/* how often each row digest has come up (keys of rows the tool gave none) */
	uint64_t *dh;
	int64_t *dn;
	size_t dcap, dused;
	survey_batch ring[SURVEY_RING];
	int state[SURVEY_RING]; /* 0 free, 1 filled, 2 with the storing side */
	int next_fill, next_take, held;
	int threaded, stop;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} survey_reader;

/* threads: 0 reads in the caller's thread whatever the export (tests compare the two ways). */
int survey_reader_start(survey_reader *sr, survey_layout *l, cx_csv *r, const cx_survey_import_opts *o,
			const int *tag_col, int64_t now, int threads, cx_err *err);
/* The next batch; the one taken before is given back. Its rc says whether the file goes on. */
survey_batch *survey_reader_next(survey_reader *sr);
/* Stops reading (a failure in storing) and frees everything; the file's reader is the caller's. */
void survey_reader_stop(survey_reader *sr);

#endif
