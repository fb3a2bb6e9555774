/*
 * Reply templates: kept by name, and filled with {{var | fallback}} from the
 * fields of a case's brief, so a template can say anything the brief knows
 * and nothing is written twice.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "cx/case.h"
#include "cx/date.h"
#include "cx/event.h"
#include "cx/template.h"
#include "store/sql.h"

/* One {{...}} found in a text. */
typedef struct slot {
	const char *start, *end; /* of the whole {{...}} */
	char var[128];
	char *fallback;          /* NULL: none given */
	int line;
} slot;

/* The next {{...}} at or after p: 1 with it, 0 when there is none, CX_EDATA when it is not well formed. */
static int next_slot(const char *name, const char *text, const char *p, slot *s, cx_err *err)
{
	const char *open = strstr(p, "{{");
	memset(s, 0, sizeof *s);
	if (!open)
		return 0;
	s->line = 1;
	for (const char *q = text; q < open; q++)
		s->line += *q == '\n';
	const char *close = strstr(open + 2, "}}");
	const char *nl = strchr(open + 2, '\n');
	if (!close || (nl && nl < close))
		return cx_fail(err, CX_EDATA, "template %s, line %d: {{ is not closed with }} on its line", name, s->line);
	const char *bar = memchr(open + 2, '|', (size_t)(close - open - 2));
	const char *v = open + 2, *ve = bar ? bar : close;
	while (v < ve && isspace((unsigned char)*v))
		v++;
	while (ve > v && isspace((unsigned char)ve[-1]))
		ve--;
	int ok = ve > v && (size_t)(ve - v) < sizeof s->var;
	for (const char *q = v; ok && q < ve; q++)
		ok = isalnum((unsigned char)*q) || *q == '_' || *q == '.';
	if (!ok)
		return cx_fail(err, CX_EDATA, "template %s, line %d: {{%.*s}} does not name a variable (write {{customer.name}} or {{case.title | fallback}})",
			       name, s->line, (int)(close - open - 2), open + 2);
	memcpy(s->var, v, (size_t)(ve - v));
	if (bar) {
		const char *f = bar + 1, *fe = close;
		while (f < fe && isspace((unsigned char)*f))
			f++;
		while (fe > f && isspace((unsigned char)fe[-1]))
			fe--;
		if (!(s->fallback = strndup(f, (size_t)(fe - f))))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	s->start = open;
	s->end = close + 2;
	return 1;
}

int cx_template_check(const char *name, const char *text, cx_err *err)
{
	slot s;
	int rc;
	for (const char *p = text; (rc = next_slot(name, text, p, &s, err)) > 0; p = s.end)
		free(s.fallback);
	return rc < 0 ? rc : CX_OK;
}

int cx_template_render(const char *name, const char *text, cx_template_lookup fn, void *arg, char **out, cx_err *err)
{
	GString *b = g_string_new(NULL);
	const char *p = text;
	slot s;
	int rc;
	*out = NULL;
	while ((rc = next_slot(name, text, p, &s, err)) > 0) {
		int known = 1;
		char *v = fn(arg, s.var, &known);
		g_string_append_len(b, p, s.start - p);
		if (!known) {
			rc = cx_fail(err, CX_EDATA, "template %s, line %d: {{%s}} is not a field cx knows (they are customer.*, case.*, me and today: see cx-template(1))",
				     name, s.line, s.var);
		} else if (v && v[0]) {
			g_string_append(b, v);
		} else if (s.fallback) {
			g_string_append(b, s.fallback);
		} else {
			rc = cx_fail(err, CX_EDATA, "template %s, line %d: {{%s}} has no value here and no fallback (write {{%s | ...}})",
				     name, s.line, s.var, s.var);
		}
		free(v);
		free(s.fallback);
		if (rc < 0)
			break;
		p = s.end;
	}
	if (rc < 0) {
		g_string_free(b, TRUE);
		return rc;
	}
	g_string_append(b, p);
	char *copy = strdup(b->str);
	g_string_free(b, TRUE);
	if (!copy)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	*out = copy;
	return CX_OK;
}

int cx_template_name_check(const char *name, cx_err *err)
{
	size_t n = strlen(name);
	int ok = n > 0 && n <= 64 && isalnum((unsigned char)name[0]);
	for (size_t i = 0; ok && i < n; i++)
		ok = isalnum((unsigned char)name[i]) || name[i] == '.' || name[i] == '_' || name[i] == '-';
	if (!ok)
		return cx_fail(err, CX_EDATA,
			       "template name \"%s\": a letter or digit, then letters, digits, '.', '_' or '-' (at most 64)", name);
	return CX_OK;
}

static int exists(cx_db *db, const char *name, int *there, cx_err *err)
{
	int64_t n;
	int rc = cx_sql_get_int(db, 0, &n, err, "SELECT count(*) FROM templates WHERE name = ?1", CX_TEXT(name));
	*there = n > 0;
	return rc;
}

int cx_template_save(cx_db *db, const char *name, const char *body, int create, cx_err *err)
{
	int rc, there;
	if (!cx_db_in_transaction(db))
		return cx_fail(err, CX_EINTERNAL, "a template is saved inside a transaction its caller began");
	if ((rc = cx_template_name_check(name, err)))
		return rc;
	if (!body || !body[strspn(body, " \t\r\n")])
		return cx_fail(err, CX_EDATA, "template %s: the text is empty", name);
	if (strlen(body) > 100000)
		return cx_fail(err, CX_EDATA, "template %s: longer than 100 KB", name);
	if ((rc = cx_template_check(name, body, err)) || (rc = exists(db, name, &there, err)))
		return rc;
	if (create && there)
		return cx_fail(err, CX_EDATA, "template %s exists already (change it with cx template edit %s)", name, name);
	if (!create && !there)
		return cx_fail(err, CX_ENOTFOUND, "no template %s (see cx template list)", name);
	rc = cx_sql_do(db, err,
		       create ? "INSERT INTO templates (name, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)"
			      : "UPDATE templates SET body = ?2, updated_at = ?3 WHERE name = ?1",
		       CX_TEXT(name), CX_TEXT(body), CX_INT(cx_db_now(db)));
	if (rc)
		return rc;
	/* a template is configuration, like a setting: its name goes in the trail */
	return cx_event_log(db, "template", 0, create ? "add" : "edit", 0, 0, err, "name", name, NULL);
}

int cx_template_get(cx_db *db, const char *name, char **body, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, "SELECT body FROM templates WHERE name = ?1", CX_TEXT(name));
	*body = NULL;
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW)
		rc = (*body = strdup(cx_sql_text(st, 0))) ? CX_OK : cx_fail(err, CX_EINTERNAL, "out of memory");
	else if (rc == CX_SQL_DONE)
		rc = cx_fail(err, CX_ENOTFOUND, "no template %s (see cx template list)", name);
	cx_sql_finalize(st);
	return rc;
}

int cx_template_rm(cx_db *db, const char *name, cx_err *err)
{
	int rc, there;
	if (!cx_db_in_transaction(db))
		return cx_fail(err, CX_EINTERNAL, "a template is removed inside a transaction its caller began");
	if ((rc = exists(db, name, &there, err)))
		return rc;
	if (!there)
		return cx_fail(err, CX_ENOTFOUND, "no template %s (see cx template list)", name);
	if ((rc = cx_sql_do(db, err, "DELETE FROM templates WHERE name = ?1", CX_TEXT(name))))
		return rc;

	return cx_event_log(db, "template", 0, "remove", 0, 0, err, "name", name, NULL);
}

int cx_template_list(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "name", CX_T_TEXT, 0, 0 },
		{ "updated_at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "variables", CX_T_TEXT, 0, 0 },
		{ "first_line", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	cx_stmt *st;
	int rc = cx_sql_prepare(db, "SELECT name, updated_at, body FROM templates ORDER BY name", &st, err);
	if (rc)
		return rc;
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		const char *body = cx_sql_text(st, 2);
		GString *vars = g_string_new(NULL);
		slot s;
		cx_err e;
		for (const char *p = body; next_slot("", body, p, &s, &e) > 0; p = s.end) {
			g_string_append_printf(vars, "%s%s", vars->len ? "," : "", s.var);
			free(s.fallback);
		}
		char *first = strndup(body, strcspn(body, "\n"));
		cx_val v[] = { cx_sql_val(st, 0), cx_sql_val(st, 1), vars->len ? CX_TEXTV(vars->str) : CX_NULLV, CX_TEXTV(first) };
		cx_out_row(out, v);
		free(first);
		g_string_free(vars, TRUE);
	}
	cx_sql_finalize(st);
	cx_out_end(out);
	return rc < 0 ? rc : CX_OK;
}

/* ---- the fields of a case ---- */

typedef struct fields {
	json_t *brief;
	const char *actor;
	int64_t now;
} fields;

/* A brief's time field ("2026-03-11T10:00:00Z") as the local date people write. */
static char *as_date(const char *iso)
{
	int64_t t;
	cx_err e;
	char buf[CX_TIME_BUF];
	if (cx_date_parse(iso, 0, &t, &e) != CX_OK)
		return strdup(iso);
	cx_time_local(t, buf);
	buf[10] = '\0';
	return strdup(buf);
}

static char *lookup(void *arg, const char *var, int *known)
{
	fields *f = arg;
	char buf[CX_TIME_BUF];
	*known = 1;
	if (!strcmp(var, "me"))
		return strdup(f->actor);
	if (!strcmp(var, "today")) {
		cx_time_local(f->now, buf);
		buf[10] = '\0';
		return strdup(buf);
	}
	const char *dot = strchr(var, '.');
	if (!dot || (strncmp(var, "customer.", 9) && strncmp(var, "case.", 5))) {
		*known = 0;
		return NULL;
	}
	char section[16];
	snprintf(section, sizeof section, "%.*s", (int)(dot - var), var);
	json_t *obj = json_object_get(f->brief, section);
	if (!strcmp(var, "customer.first_name")) {
		const char *name = json_string_value(json_object_get(obj, "name"));
		return name ? strndup(name, strcspn(name, " ")) : NULL;
	}
	json_t *v = json_object_get(obj, dot + 1);
	if (!obj || !json_object_iter_at(obj, dot + 1)) {
		*known = 0;
		return NULL;
	}
	if (json_is_string(v)) {
		size_t n = strlen(dot + 1);
		int time = (n > 3 && !strcmp(dot + 1 + n - 3, "_at")) || !strcmp(dot + 1, "customer_since");
		return time ? as_date(json_string_value(v)) : strdup(json_string_value(v));
	}
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return strdup(buf);
	}
	if (json_is_real(v)) {
		snprintf(buf, sizeof buf, "%g", json_real_value(v));
		return strdup(buf);
	}
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? "yes" : "no");
	return NULL;
}

int cx_template_fill(cx_db *db, const char *name, int64_t case_id, char **out, cx_err *err)
{
	char *body, *json = NULL;
	size_t len = 0;
	int rc;
	*out = NULL;
	if ((rc = cx_template_get(db, name, &body, err)))
		return rc;
	/* the brief, as JSON: the fields a template can name are the brief's own */
	FILE *mem = open_memstream(&json, &len);
	cx_out_opts oo = { .fmt = CX_FMT_JSON, .now = cx_db_now(db) };
	cx_out *o = mem ? cx_out_new(mem, &oo) : NULL;
	if (!o) {
		if (mem)
			fclose(mem);
		free(json);
		free(body);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	rc = cx_case_brief(db, case_id, o, err);
	cx_err e;
	cx_out_free(o, &e);
	fclose(mem);
	if (rc == CX_OK) {
		json_error_t je;
		fields f = { .brief = json_loadb(json, len, 0, &je), .actor = cx_db_actor(db), .now = cx_db_now(db) };
		if (!f.brief)
			rc = cx_fail(err, CX_EINTERNAL, "the case brief is not JSON: %s", je.text);
		else
			rc = cx_template_render(name, body, lookup, &f, out, err);
		json_decref(f.brief);
	}
	free(json);
	free(body);
	return rc;
}
