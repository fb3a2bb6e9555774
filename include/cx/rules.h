/*
 * Rules for recurring survey imports: plain, commented key = value files in
 * $XDG_CONFIG_HOME/cx/rules/NAME.rules, written by --save-rules and read by
 * --rules, that a user can read, edit and keep in version control.
 */
#ifndef CX_RULES_H
#define CX_RULES_H

#include <stddef.h>

#include "cx/db.h"
#include "cx/survey.h"

typedef struct cx_rules {
	char name[128];
	char path[4300];
	char *source; /* a glob of the exports ("~/Downloads/responses*.csv"), or NULL */
	char *survey, *tool, *encoding, *sep, *tz, *date_order, *stage, *complete;
	char *col[CX_ROLE_N];
	int create_customers, follow_up; /* -1: not said; 0 no, 1 yes */
	cx_answer_tag *tags;
	int ntags;
} cx_rules;

/* Keys a rules file may hold, NULL-terminated (the options of survey import they stand for). */
extern const char *const cx_rules_keys[];

/* The directory of rules files: $XDG_CONFIG_HOME/cx/rules, or ~/.config/cx/rules. */
int cx_rules_dir(char *buf, size_t size, cx_err *err);
/* Reads NAME.rules; an error names file:line and the field (65), a missing file is 66. */
int cx_rules_load(const char *name, cx_rules *r, cx_err *err);
/* Reads a rules file's text (for tests and load). */
int cx_rules_parse(const char *file, const char *text, cx_rules *r, cx_err *err);
/* Writes r as r->name's file, replacing it whole (a temporary file renamed into place). */
int cx_rules_save(const cx_rules *r, int64_t now, cx_err *err);
void cx_rules_free(cx_rules *r);
/* Every rules file's name, sorted; free each and the array. */
int cx_rules_names(char ***names, int *n, cx_err *err);

/*
 * The newest file the rule's source matches (by modification time), in
 * path; *seen is set when the database has already imported a file with
 * its bytes into the rule's survey. path is "" when nothing matches.
 */
int cx_rules_newest(cx_db *db, const cx_rules *r, char *path, size_t size, int *seen, cx_err *err);

#endif
