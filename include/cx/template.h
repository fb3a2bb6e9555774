/* Reply templates: named texts whose {{variables}} are filled from a case brief's fields. */
#ifndef CX_TEMPLATE_H
#define CX_TEMPLATE_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

/*
 * The value of a variable, malloc'd, or NULL when it has none; *known is
 * 0 when there is no such variable at all.
 */
typedef char *(*cx_template_lookup)(void *arg, const char *var, int *known);

/*
 * Fills text: {{var}} is var's value, {{var | fallback}} the fallback when
 * var has none. A variable with no value and no fallback, or one that does
 * not exist, is CX_EDATA naming it and its line; name is the template's,
 * for messages.
 */
int cx_template_render(const char *name, const char *text, cx_template_lookup fn, void *arg, char **out, cx_err *err);
/* Checks the {{...}} of a text (every one closed, each a variable's name). */
int cx_template_check(const char *name, const char *text, cx_err *err);

/* Names: a letter or digit, then letters, digits, '.', '_' or '-', at most 64. */
int cx_template_name_check(const char *name, cx_err *err);
/* Stores a template: a new one (create), or a new text for one that exists. The caller owns the transaction. */
int cx_template_save(cx_db *db, const char *name, const char *body, int create, cx_err *err);
int cx_template_get(cx_db *db, const char *name, char **body, cx_err *err);
int cx_template_rm(cx_db *db, const char *name, cx_err *err);
int cx_template_list(cx_db *db, cx_out *out, cx_err *err);
/*
 * The template filled for a case: customer.* and case.* are the fields of
 * `cx case brief`'s customer and case (times as dates), with
 * customer.first_name, me (who is replying) and today.
 */
int cx_template_fill(cx_db *db, const char *name, int64_t case_id, char **out, cx_err *err);

#endif
