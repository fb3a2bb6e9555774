/* Stages, channels and feedback sources: the ordered name lists other rows refer to. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/event.h"
#include "cx/journey.h"
#include "cx/setting.h"
#include "names.h"
#include "store/sql.h"

typedef struct names_def {
	const char *table, *what, *entity;
	const char *const *uses; /* "SELECT count(*) ..." and "UPDATE ..." per using table, with ?1 name ?2 into */
	const char *drop;        /* removes what only described a removed name (?1), or NULL */
} names_def;

static const char *const stage_uses[] = {
	"SELECT count(*) FROM touchpoints WHERE stage = ?1", "UPDATE touchpoints SET stage = ?2 WHERE stage = ?1",
	"SELECT count(*) FROM cases WHERE stage = ?1", "UPDATE cases SET stage = ?2 WHERE stage = ?1",
	"SELECT count(*) FROM surveys WHERE stage = ?1", "UPDATE surveys SET stage = ?2 WHERE stage = ?1",
	NULL,
};
static const char *const channel_uses[] = {
	"SELECT count(*) FROM touchpoints WHERE channel = ?1", "UPDATE touchpoints SET channel = ?2 WHERE channel = ?1",
	"SELECT count(*) FROM cases WHERE channel = ?1", "UPDATE cases SET channel = ?2 WHERE channel = ?1",
	NULL,
};

static const char *const source_uses[] = {
	"SELECT count(*) FROM feedback WHERE source = ?1", "UPDATE feedback SET source = ?2 WHERE source = ?1",
	/* a target the other source has already is its own to keep */
	"SELECT count(*) FROM feedback_targets WHERE source = ?1",
	"UPDATE feedback_targets SET source = ?2 WHERE source = ?1"
	" AND sentiment NOT IN (SELECT sentiment FROM feedback_targets WHERE source = ?2)",
	NULL,
};

static const names_def defs[] = {
	[CX_STAGES] = { "stages", "stage", "stage", stage_uses, NULL },
	[CX_CHANNELS] = { "channels", "channel", "channel", channel_uses, NULL },
	[CX_SOURCES] = { "feedback_sources", "source", "source", source_uses,
			 "DELETE FROM feedback_targets WHERE source = ?1" },
};

static int load(cx_db *db, const names_def *d, cx_name_list *l, cx_err *err)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT name FROM %s ORDER BY position, name", d->table);
	return cx_name_list_read(db, sql, l, err);
}

/* Puts name in place pos of l (0 is the first), those after it one place down; -1 when out of memory. */
static int insert_at(cx_name_list *l, int pos, const char *name)
{
	char(*more)[64] = realloc(l->name, (size_t)(l->n + 1) * sizeof *more);
	if (!more)
		return -1;
	l->name = more;
	memmove(l->name + pos + 1, l->name + pos, (size_t)(l->n - pos) * sizeof *l->name);
	snprintf(l->name[pos], sizeof l->name[pos], "%s", name);
	l->n++;
	return 0;
}

/* Takes the name in place at out of l, those after it one place up. */
static void remove_at(cx_name_list *l, int at)
{
	memmove(l->name + at, l->name + at + 1, (size_t)(l->n - at - 1) * sizeof *l->name);
	l->n--;
}

/* Writes the order of l back as positions 1..n. */
static int store_order(cx_db *db, const names_def *d, const cx_name_list *l, cx_err *err)
{
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE %s SET position = ?2 WHERE name = ?1", d->table);
	for (int i = 0; i < l->n; i++) {
		int rc = cx_sql_do(db, err, sql, CX_TEXT(l->name[i]), CX_INT(i + 1));
		if (rc)
			return rc;
	}
	return CX_OK;
}

static int check_new(const names_def *d, const cx_name_list *l, const char *name, cx_err *err)
{
	size_t n = strlen(name);
	if (n == 0 || n > 32)
		return cx_fail(err, CX_EDATA, "%s: a name of 1 to 32 characters", d->what);
	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' || *p == '_'))
			return cx_fail(err, CX_EDATA, "%s: \"%s\" must be lower-case letters, digits, - or _", d->what,
				       name);
	if (cx_name_list_find(l, name) >= 0)
		return cx_fail(err, CX_EDATA, "%s: \"%s\" exists already", d->what, name);
	return CX_OK;
}

/*
 * Names the journey view falls back on for rows that carry none of their
 * own (a case without a stage is "service"; a reply's channel comes from its
 * note's kind; survey answers are "web", feedback "social"). They can be
 * moved, but renaming or removing them would lose those rows from the map.
 */
static int built_in(cx_names which, const char *name, cx_err *err)
{
	static const char *const stages[] = { "service", NULL };
	static const char *const channels[] = { "other", "web", "social", "phone", "email", "chat", "store", NULL };
	const char *const *names = which == CX_STAGES ? stages : which == CX_CHANNELS ? channels : NULL;
	for (; names && *names; names++)
		if (!strcmp(*names, name))
			return cx_fail(err, CX_EDATA,
				       "%s \"%s\" is one cx itself files touchpoints under: it can be moved, not renamed or removed",
				       which == CX_STAGES ? "stage" : "channel", name);
	return CX_OK;
}

static int known(const names_def *d, const cx_name_list *l, const char *name, int *at, cx_err *err)
{
	*at = cx_name_list_find(l, name);
	if (*at >= 0)
		return CX_OK;
	char all[512] = "";
	for (int i = 0; i < l->n; i++) {
		if (i)
			strncat(all, ", ", sizeof all - strlen(all) - 1);
		strncat(all, l->name[i], sizeof all - strlen(all) - 1);
	}
	/* a name that is not in the database, as a customer or a case that is not */
	return cx_fail(err, CX_ENOTFOUND, "%s: \"%s\" is not one of %s", d->what, name, all);
}

int cx_names_list(cx_db *db, cx_names which, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "position", CX_T_INT, 0, 0 },
		{ "name", CX_T_TEXT, 0, 0 },
		{ "uses", CX_T_INT, 0, 0 },
	};
	const names_def *d = &defs[which];
	cx_name_list l;
	int rc = load(db, d, &l, err);
	if (rc)
		return rc;
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	for (int i = 0; i < l.n && rc == CX_OK; i++) {
		int64_t uses = 0;
		for (int k = 0; d->uses[k]; k += 2) {
			int64_t c;
			if ((rc = cx_sql_get_int(db, 0, &c, err, d->uses[k], CX_TEXT(l.name[i]))))
				break;
			uses += c;
		}
		cx_val v[] = { CX_INTV(i + 1), CX_TEXTV(l.name[i]), CX_INTV(uses) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	free(l.name);
	return rc;
}

int cx_names_add(cx_db *db, cx_names which, const char *name, const char *after, cx_err *err)
{
	const names_def *d = &defs[which];
	char sql[96];
	cx_name_list l;
	int rc, at = -1;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = load(db, d, &l, err)))
		goto out;
	if ((rc = check_new(d, &l, name, err)) || (after && (rc = known(d, &l, after, &at, err))))
		goto out;
	snprintf(sql, sizeof sql, "INSERT INTO %s (name, position) VALUES (?1, 0)", d->table);
	if ((rc = cx_sql_do(db, err, sql, CX_TEXT(name))))
		goto out;
	if (insert_at(&l, after ? at + 1 : l.n, name)) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	if ((rc = store_order(db, d, &l, err)) == CX_OK)
		rc = cx_event_log(db, d->entity, 0, "add", 0, 0, err, "name", name, "after", after, NULL);
out:
	free(l.name);
	return rc;
}

/*
 * The settings that name a stage (survey.stage, ...), also when they hold
 * their default, which is not stored: those naming `from` are set to `to`
 * when given; each is counted in *n and described in why.
 */
static int stage_settings(cx_db *db, const char *from, const char *to, char *why, size_t size, int64_t *n,
			  cx_err *err)
{
	for (size_t k = 0; cx_setting_key(k); k++) {
		const char *key = cx_setting_key(k);
		size_t kl = strlen(key);
		char val[64];
		int rc;
		if (kl < 6 || strcmp(key + kl - 6, ".stage"))
			continue;
		if ((rc = cx_setting_get(db, key, val, sizeof val, err)))
			return rc;
		if (strcmp(val, from))
			continue;
		if (to && (rc = cx_setting_store(db, key, to, err)))
			return rc;
		if (n)
			++*n;
		if (why) {
			size_t used = strlen(why);
			snprintf(why + used, size - used, "%sthe %s setting", used ? ", " : "", key);
		}
	}
	return CX_OK;
}

int cx_names_rename(cx_db *db, cx_names which, const char *from, const char *to, cx_err *err)
{
	const names_def *d = &defs[which];
	char sql[96];
	cx_name_list l;
	int rc, at;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = load(db, d, &l, err)))
		goto out;
	if ((rc = known(d, &l, from, &at, err)) || (rc = check_new(d, &l, to, err)) || (rc = built_in(which, from, err)))
		goto out;
	/* Touchpoints, cases and surveys follow through ON UPDATE CASCADE. */
	snprintf(sql, sizeof sql, "UPDATE %s SET name = ?2 WHERE name = ?1", d->table);
	if ((rc = cx_sql_do(db, err, sql, CX_TEXT(from), CX_TEXT(to))))
		goto out;
	/* Rows no foreign key cascades to (feedback targets) follow by hand; for the rest this finds nothing. */
	for (int k = 0; d->uses[k]; k += 2)
		if ((rc = cx_sql_do(db, err, d->uses[k + 1], CX_TEXT(from), CX_TEXT(to))))
			goto out;
	if (which == CX_STAGES && (rc = stage_settings(db, from, to, NULL, 0, NULL, err)))
		goto out;
	rc = cx_event_log(db, d->entity, 0, "rename", 0, 0, err, "from", from, "to", to, NULL);
out:
	free(l.name);
	return rc;
}

int cx_names_move(cx_db *db, cx_names which, const char *name, const char *after, cx_err *err)
{
	const names_def *d = &defs[which];
	cx_name_list l;
	int rc, at, to = -1;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = load(db, d, &l, err)))
		goto out;
	if ((rc = known(d, &l, name, &at, err)) || (after && (rc = known(d, &l, after, &to, err))))
		goto out;
	if (after && !strcmp(after, name)) {
		rc = cx_fail(err, CX_EDATA, "%s: cannot move \"%s\" after itself", d->what, name);
		goto out;
	}
	char keep[64];
	snprintf(keep, sizeof keep, "%s", l.name[at]);
	remove_at(&l, at);
	if (insert_at(&l, after ? cx_name_list_find(&l, after) + 1 : 0, keep)) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	if ((rc = store_order(db, d, &l, err)) == CX_OK)
		rc = cx_event_log(db, d->entity, 0, "move", 0, 0, err, "name", name, "after", after, NULL);
out:
	free(l.name);
	return rc;
}

int cx_names_remove(cx_db *db, cx_names which, const char *name, const char *into, cx_err *err)
{
	const names_def *d = &defs[which];
	char sql[96], why[256] = "";
	cx_name_list l;
	int rc, at, dest;
	int64_t total = 0;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = load(db, d, &l, err)))
		goto out;
	if ((rc = known(d, &l, name, &at, err)) || (into && (rc = known(d, &l, into, &dest, err))) ||
	    (rc = built_in(which, name, err)))
		goto out;
	if (into && !strcmp(into, name)) {
		rc = cx_fail(err, CX_EDATA, CX_FIELD("into") ": \"%s\" is the %s being removed", into, d->what);
		goto out;
	}
	for (int k = 0; d->uses[k]; k += 2) {
		int64_t c;
		if ((rc = cx_sql_get_int(db, 0, &c, err, d->uses[k], CX_TEXT(name))))
			goto out;
		if (c) {
			char part[64];
			const char *table = strstr(d->uses[k], "FROM ") + 5;
			snprintf(part, sizeof part, "%s%lld %.*s", why[0] ? ", " : "", (long long)c,
				 (int)strcspn(table, " "), table);
			strncat(why, part, sizeof why - strlen(why) - 1);
		}
		total += c;
		if (c && into && (rc = cx_sql_do(db, err, d->uses[k + 1], CX_TEXT(name), CX_TEXT(into))))
			goto out;
	}
	/* A setting naming the stage is a use too: with --into it follows, else it keeps the stage. */
	if (which == CX_STAGES && (rc = stage_settings(db, name, into, why, sizeof why, &total, err)))
		goto out;
	if (total && !into) {
		rc = cx_fail(err, CX_EDATA, "%s \"%s\" is in use (%s): give " CX_FIELD("into")
					    " OTHER to move them", d->what, name,
			     why);
		goto out;
	}
	if (d->drop && (rc = cx_sql_do(db, err, d->drop, CX_TEXT(name))))
		goto out;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE name = ?1", d->table);
	if ((rc = cx_sql_do(db, err, sql, CX_TEXT(name))))
		goto out;

	remove_at(&l, at);
	if ((rc = store_order(db, d, &l, err)))

		goto out;
	rc = cx_event_log(db, d->entity, 0, "remove", 0, 0, err, "name", name, "into", into, NULL);
out:
	free(l.name);
	return rc;
}
