/*
 * Settings: a fixed registry of keys with their defaults and the kind of
 * value each takes, values kept in the database. The modules that read a
 * setting sit above this one; what checks a value of each kind is theirs,
 * gathered in config.c, the checked way in for the command line.
 */
#include <stdio.h>
#include <string.h>

#include "cx/event.h"
#include "cx/setting.h"
#include "section.h"
#include "store/sql.h"

typedef struct setting_def {
	const char *key;
	const char *dflt;
	const char *help;
	cx_setting_kind kind;
} setting_def;

static const setting_def defs[] = {
	{ "user", "", "who you are, recorded with every change (else CX_USER or your login name)",
	  CX_SETTING_NAME },
	{ "stale", "30d", "how long without a touchpoint before a customer counts as dropped off",
	  CX_SETTING_DURATION },
	{ "survey.stage", "recommendation", "the journey stage survey responses belong to", CX_SETTING_NAME },
	{ "survey.link", "", "the survey's link sent after a case; {token} becomes the request's token (e.g. https://forms.example.com/r?t={token})",
	  CX_SETTING_TEXT },
	{ "survey.follow_up_within", "48h",
	  "how soon an unhappy respondent should hear from us, in business hours (survey report's contacted_within)",
	  CX_SETTING_DURATION },
	{ "feedback.stage", "recommendation", "the journey stage public feedback belongs to", CX_SETTING_NAME },
	{ "timezone", "", "the business's time zone for opening hours (e.g. Europe/Berlin; empty: this machine's)",
	  CX_SETTING_ZONE },
	{ "hooks.dir", "", "where hooks live (empty: $XDG_CONFIG_HOME/cx/hooks)", CX_SETTING_TEXT },
	{ "hooks.timeout", "10s", "how long a hook may run before it is stopped (1s to 1h)",
	  CX_SETTING_HOOK_TIMEOUT },
	{ "mail.address", "", "our own addresses, with commas; the first sends replies (e.g. support@example.com)",
	  CX_SETTING_ADDRESSES },
	{ "mail.send", "", "the command replies are piped to, e.g. msmtp -t (empty: cx reply prints them)",
	  CX_SETTING_COMMAND },
	{ "mail.max-size", "25M", "the largest message cx keeps; a larger one is listed as failed", CX_SETTING_SIZE },
	{ "text.language", "english", "the language customers write in, for themes and word forms (a survey may have its own)",
	  CX_SETTING_LANGUAGE },
};

const char *cx_setting_key(size_t i)
{
	return i < sizeof defs / sizeof defs[0] ? defs[i].key : NULL;
}

static const setting_def *find(const char *key, cx_err *err)
{
	for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
		if (!strcmp(defs[i].key, key))
			return &defs[i];
	char list[256] = "";
	for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
		if (i)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, defs[i].key, sizeof list - strlen(list) - 1);
	}
	cx_fail(err, CX_EUSAGE, "unknown setting \"%s\" (known: %s)", key, list);
	return NULL;
}

int cx_setting_kind_of(const char *key, cx_setting_kind *kind, cx_err *err)
{
	const setting_def *d = find(key, err);
	if (!d)
		return CX_EUSAGE;
	*kind = d->kind;
	return CX_OK;
}

int cx_setting_get(cx_db *db, const char *key, char *buf, size_t size, cx_err *err)
{
	const setting_def *d = find(key, err);
	cx_stmt *st;
	int rc;

	if (!d)
		return CX_EUSAGE;
	rc = cx_sql_prepare(db, "SELECT value FROM settings WHERE key = ?1", &st, err);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, key);
	rc = cx_sql_step(st, err);
	snprintf(buf, size, "%s", rc == CX_SQL_ROW ? cx_sql_text(st, 0) : d->dflt);
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_setting_ask(cx_db *db, const char *key, cx_asked *q, cx_err *err)
{
	cx_stmt *st;
	int rc;
	if (!find(key, err))
		return CX_EUSAGE;
	if ((rc = cx_sql_prepare(db, "SELECT value FROM settings WHERE key = ?1", &st, err)))
		return rc;
	cx_sql_bind_text(st, 1, key);
	return cx_ask_stmt(q, st, err);
}

int cx_setting_take(cx_asked *q, const char *key, char *buf, size_t size, cx_err *err)
{
	const setting_def *d = find(key, err);
	cx_stmt *st = cx_asked_next(q);
	int rc = cx_sql_step(st, err);
	snprintf(buf, size, "%s", rc == CX_SQL_ROW ? cx_sql_text(st, 0) : d ? d->dflt : "");
	cx_sql_finalize(st);
	return rc < 0 ? rc : d ? CX_OK : CX_EUSAGE;
}

int cx_setting_store(cx_db *db, const char *key, const char *value, cx_err *err)
{
	int rc;

	if (!find(key, err))
		return CX_EUSAGE;
	if ((rc = cx_db_need(db, __func__, err)) ||
	    (rc = cx_sql_do(db, err,
			    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
			    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			    CX_TEXT(key), CX_TEXT(value))))
		return rc;
	/* Settings are configuration, not personal data: the value goes in the trail. */
	return cx_event_log(db, "setting", 0, "set", 0, 0, err, "key", key, "value", value, NULL);
}

int cx_setting_clear(cx_db *db, const char *key, cx_err *err)
{
	int rc;

	if (!find(key, err))
		return CX_EUSAGE;
	if ((rc = cx_db_need(db, __func__, err)) ||
	    (rc = cx_sql_do(db, err, "DELETE FROM settings WHERE key = ?1", CX_TEXT(key))))
		return rc;
	return cx_event_log(db, "setting", 0, "unset", 0, 0, err, "key", key, NULL);
}

int cx_setting_list(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "key", CX_T_TEXT, 0, 0 },
		{ "value", CX_T_TEXT, 0, 0 },
		{ "default", CX_T_BOOL, 0, 0 },
		{ "description", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	char buf[512];
	int rc = CX_OK;

	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	for (size_t i = 0; i < sizeof defs / sizeof defs[0] && rc == CX_OK; i++) {
		cx_stmt *st;
		rc = cx_sql_prepare(db, "SELECT value FROM settings WHERE key = ?1", &st, err);
		if (rc)
			break;
		cx_sql_bind_text(st, 1, defs[i].key);
		int r = cx_sql_step(st, err);
		int dflt = r != CX_SQL_ROW;
		snprintf(buf, sizeof buf, "%s", dflt ? defs[i].dflt : cx_sql_text(st, 0));
		cx_sql_finalize(st);
		if (r < 0)
			return r;
		cx_val v[] = { CX_TEXTV(defs[i].key), CX_TEXTV(buf), CX_INTV(dflt), CX_TEXTV(defs[i].help) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	return rc;
}
