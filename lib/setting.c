/* Settings: a fixed registry of keys with defaults and checks, values kept in the database. */
#include <stdio.h>
#include <string.h>

#include "cx/date.h"
#include "cx/event.h"
#include "cx/mail.h"
#include "cx/search.h"
#include "cx/setting.h"
#include "cx/sla.h"
#include "cx/words.h"
#include "section.h"
#include "store/sql.h"

typedef struct setting_def {
	const char *key;
	const char *dflt;
	const char *help;
	int (*check)(const char *v, cx_err *err);
} setting_def;

static int check_name(const char *v, cx_err *err)
{
	if (!v[0] || strlen(v) > 64 || strpbrk(v, " \t\n\r,"))
		return cx_fail(err, CX_EDATA, "one name of 1 to 64 characters, without spaces or commas");
	return CX_OK;
}

static int check_duration(const char *v, cx_err *err)
{
	int64_t s;
	return cx_duration_parse(v, &s, err);
}

static int check_addresses(const char *v, cx_err *err)
{
	char **addrs;
	if (!v[0])
		return CX_OK;
	int rc = cx_mail_addresses(v, &addrs, NULL, err);
	cx_mail_strv_free(addrs);
	return rc;
}

static int check_size(const char *v, cx_err *err)
{
	int64_t n;
	return cx_mail_size_parse(v, &n, err);
}

/* A hook holds the command that ran it: at least a second, at most an hour. */
static int check_hook_timeout(const char *v, cx_err *err)
{
	int64_t s;
	int rc = cx_duration_parse(v, &s, err);
	if (rc == CX_OK && (s < 1 || s > 3600))
		return cx_fail(err, CX_EUSAGE, "a hook may run from 1s to 1h");
	return rc;
}

static int check_language(const char *v, cx_err *err)
{
	return cx_words_check(cx_text_languages, "language", v, CX_EDATA, err);
}

static const setting_def defs[] = {
	{ "user", "", "who you are, recorded with every change (else CX_USER or your login name)",
	  check_name },
	{ "stale", "30d", "how long without a touchpoint before a customer counts as dropped off",
	  check_duration },
	{ "survey.stage", "recommendation", "the journey stage survey responses belong to", check_name },
	{ "survey.link", "", "the survey's link sent after a case; {token} becomes the request's token (e.g. https://forms.example.com/r?t={token})",
	  NULL },
	{ "survey.follow_up_within", "48h",
	  "how soon an unhappy respondent should hear from us, in business hours (survey report's contacted_within)",
	  check_duration },
	{ "feedback.stage", "recommendation", "the journey stage public feedback belongs to", check_name },
	{ "timezone", "", "the business's time zone for opening hours (e.g. Europe/Berlin; empty: this machine's)",
	  cx_sla_zone_check },
	{ "hooks.dir", "", "where hooks live (empty: $XDG_CONFIG_HOME/cx/hooks)", NULL },
	{ "hooks.timeout", "10s", "how long a hook may run before it is stopped (1s to 1h)",
	  check_hook_timeout },
	{ "mail.address", "", "our own addresses, with commas; the first sends replies (e.g. support@example.com)",
	  check_addresses },
	{ "mail.send", "", "the command replies are piped to, e.g. msmtp -t (empty: cx reply prints them)",
	  cx_mail_send_check },
	{ "mail.max-size", "25M", "the largest message cx keeps; a larger one is listed as failed", check_size },
	{ "text.language", "english", "the language customers write in, for themes and word forms (a survey may have its own)",
	  check_language },
};

const char *const cx_setting_keys[] = { "user", "stale", "survey.stage", "survey.link", "survey.follow_up_within", "feedback.stage", "timezone", "hooks.dir",
					"hooks.timeout", "mail.address", "mail.send", "mail.max-size", "text.language", NULL };

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

int cx_setting_check(const char *key, const char *value, cx_err *err)
{
	const setting_def *d = find(key, err);
	cx_err why;

	if (!d)
		return CX_EUSAGE;
	int rc = d->check ? d->check(value, &why) : CX_OK;
	if (rc == CX_OK)
		return CX_OK;
	/* what checks the value is missing (the MIME module): not the value's fault */
	if (rc == CX_EUNAVAIL || rc == CX_EINTERNAL)
		return cx_fail(err, rc, "%s", why.msg);
	if (!strncmp(why.msg, key, strlen(key)) && why.msg[strlen(key)] == ':')
		return cx_fail(err, CX_EUSAGE, "%s", why.msg);
	return cx_fail(err, CX_EUSAGE, "%s: \"%s\" is not valid: %s", key, value, why.msg);
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

int cx_setting_set(cx_db *db, const char *key, const char *value, cx_err *err)
{
	cx_stmt *st;
	int rc;

	if ((rc = cx_setting_check(key, value, err)))
		return rc;
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = cx_sql_prepare(db,
			    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
			    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			    &st, err);
	if (rc)
		goto fail;
	cx_sql_bind_text(st, 1, key);
	cx_sql_bind_text(st, 2, value);
	/* Settings are configuration, not personal data: the value goes in the trail. */
	if ((rc = cx_sql_run(st, err)) ||
	    (rc = cx_event_log(db, "setting", 0, "set", 0, 0, err, "key", key, "value", value, NULL)) ||
	    (!strcmp(key, "text.language") && (rc = cx_search_reset(db, err))))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_setting_unset(cx_db *db, const char *key, cx_err *err)
{
	cx_stmt *st;
	int rc;

	if (!find(key, err))
		return CX_EUSAGE;
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = cx_sql_prepare(db, "DELETE FROM settings WHERE key = ?1", &st, err);
	if (rc)
		goto fail;
	cx_sql_bind_text(st, 1, key);
	if ((rc = cx_sql_run(st, err)) ||
	    (rc = cx_event_log(db, "setting", 0, "unset", 0, 0, err, "key", key, NULL)) ||
	    (!strcmp(key, "text.language") && (rc = cx_search_reset(db, err))))
		goto fail;
	return CX_OK;
fail:
	return rc;
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

	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, cols, 4);
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
