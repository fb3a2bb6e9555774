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
	int cont_scale; /* the top of the likelihood-to-continue scale: 5, 7 or 10 */
	/* The first data rows, read to tell the columns by their answers, handed back by survey_layout_next. */
	cx_row *sample;
	char ***sample_f;
	int nsample, sample_next;
	int sample_rc;	   /* a reader error met while sampling: reported when the import reaches it */
	cx_err sample_err;
	char why[CX_ROLE_N][384]; /* the reason each field's column was taken */
	char notes[4][384];	  /* columns that looked like a field and were not taken, and why */
	int nnotes;
} survey_layout;

/*
 * Reads the header row(s) and the first data rows from r and works out the
 * layout from the headers and the answers together. Nothing is stored.
 */
int survey_layout_read(cx_db *db, cx_csv *r, const cx_survey_import_opts *o, survey_layout *l, cx_err *err);
/* The next data row: the ones read to work out the layout first, then the rest of the file. */
int survey_layout_next(survey_layout *l, cx_csv *r, cx_row *row, cx_err *err);
void survey_layout_free(survey_layout *l);
/* "NPS: col 5 "How likely...", email: col 3, ..." */
void survey_layout_describe(const survey_layout *l, char *buf, size_t size);
/* One line per field taken ("csat = column 8 "...": integers 1..5, header says ..."), then the notes; "\n" between. */
void survey_layout_explain(const survey_layout *l, char *buf, size_t size);

/* Each field's column as an option would name it: its header when no other column has it, else its number. */
void survey_layout_options(const survey_layout *l, char col[CX_ROLE_N][512]);
/* The column a header text or 1-based number names; -1 when none, or two share the header. */
int survey_layout_column(const survey_layout *l, const char *spec);

/* A score from "9", "9.0", "10 - Extremely likely", or a scale label; -1 in *v for a blank answer. */
int survey_score_parse(const char *s, cx_role role, int *v);
/* "an NPS score from 0 to 10", ... */
extern const char *const survey_scale_what[3];

#endif
