/* Inside libcx: how a survey export's columns are read — which tool made it and what each column holds. */
#ifndef CX_SURVEY_LAYOUT_H
#define CX_SURVEY_LAYOUT_H

#include "csv_reader.h"
#include "cx/survey.h"

typedef enum col_kind {
	COL_EXTRA,    /* an answer kept for segments and display */
	COL_META,     /* the tool's own bookkeeping: not an answer */
	COL_ROLE,     /* one of cx_role */
	COL_FIRST,    /* first name */
	COL_LAST,     /* last name */
	COL_STATUS,   /* Qualtrics Status: previews, tests and spam are not complete */
	COL_FINISHED, /* Qualtrics Finished: True/1 */
	COL_DONE,     /* complete when equal to done_value (Typeform Response Type, Alchemer Status) */
	COL_AT2,      /* when the main time is empty (partial responses): the start time */
	COL_SCORE_TYPE, /* Delighted survey_type: whether the score column is NPS, CSAT or CES */
} col_kind;

typedef struct survey_col {
	col_kind kind;
	cx_role role;
	char *key; /* header text, as the answer's name */
	char qid[24]; /* COL_EXTRA: the question's number in survey_questions */
} survey_col;

typedef struct survey_layout {
	char tool[32];
	int header_rows;
	int ncols;
	survey_col *cols;
	int role_col[CX_ROLE_N]; /* column index, or -1 */
	int first_col, last_col, status_col, finished_col, done_col, at2_col, type_col;
	const char *done_value;
	int complete_col; /* --complete COL=VALUE */
	char complete_value[256];
	int at_required; /* complete only when the time column is filled */
	char zone[64];   /* zone of times without one; "" = local */
	int nextra;
} survey_layout;

/*
 * Reads the header row(s) from r and works out the layout. *pending is set
 * when the reader had to take a data row to find out (it is in row).
 */
int survey_layout_read(cx_db *db, cx_csv *r, const cx_survey_import_opts *o, survey_layout *l,
		       cx_row *row, int *pending, cx_err *err);
void survey_layout_free(survey_layout *l);
/* "NPS: col 5 "How likely...", email: col 3, ..." */
void survey_layout_describe(const survey_layout *l, char *buf, size_t size);

#endif
