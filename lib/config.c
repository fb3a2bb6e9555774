/*
 * Settings as the command line changes them: each kind of value checked by
 * the module that reads it (mail addresses by mail, a time zone by sla),
 * which is why this sits above them all and setting.c below.
 */
#include <string.h>

#include "cx/config.h"
#include "cx/date.h"
#include "cx/mail.h"
#include "cx/search.h"
#include "cx/setting.h"
#include "cx/sla.h"
#include "cx/words.h"

static int check_text(const char *v, cx_err *err)
{
	(void)v;
	(void)err;
	return CX_OK;
}

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

/* A hook holds the command that ran it: at least a second, at most an hour. */
static int check_hook_timeout(const char *v, cx_err *err)
{
	int64_t s;
	int rc = cx_duration_parse(v, &s, err);
	if (rc == CX_OK && (s < 1 || s > 3600))
		return cx_fail(err, CX_EUSAGE, "a hook may run from 1s to 1h");
	return rc;
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

static int check_language(const char *v, cx_err *err)
{
	return cx_words_check(cx_text_languages, "language", v, CX_EDATA, err);
}

static int (*const checks[])(const char *v, cx_err *err) = {
	[CX_SETTING_TEXT] = check_text,
	[CX_SETTING_NAME] = check_name,
	[CX_SETTING_DURATION] = check_duration,
	[CX_SETTING_HOOK_TIMEOUT] = check_hook_timeout,
	[CX_SETTING_ZONE] = cx_sla_zone_check,
	[CX_SETTING_ADDRESSES] = check_addresses,
	[CX_SETTING_COMMAND] = cx_mail_send_check,
	[CX_SETTING_SIZE] = check_size,
	[CX_SETTING_LANGUAGE] = check_language,
};

int cx_config_check(const char *key, const char *value, cx_err *err)
{
	cx_setting_kind kind;
	cx_err why;
	int rc;

	if ((rc = cx_setting_kind_of(key, &kind, err)))
		return rc;
	if ((size_t)kind >= sizeof checks / sizeof checks[0] || !checks[kind])
		return cx_fail(err, CX_EINTERNAL, "%s: no check for its kind of value", key);
	if ((rc = checks[kind](value, &why)) == CX_OK)
		return CX_OK;
	/* what checks the value is missing (the MIME module): not the value's fault */
	if (rc == CX_EUNAVAIL || rc == CX_EINTERNAL)
		return cx_fail(err, rc, "%s", why.msg);
	if (!strncmp(why.msg, key, strlen(key)) && why.msg[strlen(key)] == ':')
		return cx_fail(err, CX_EUSAGE, "%s", why.msg);
	return cx_fail(err, CX_EUSAGE, "%s: \"%s\" is not valid: %s", key, value, why.msg);
}

/* The index's word forms follow the language: a change starts it again. */
static int after(cx_db *db, const char *key, cx_err *err)
{
	return strcmp(key, "text.language") ? CX_OK : cx_search_reset(db, err);
}

int cx_config_set(cx_db *db, const char *key, const char *value, cx_err *err)
{
	int rc;
	if ((rc = cx_config_check(key, value, err)) || (rc = cx_setting_store(db, key, value, err)))
		return rc;
	return after(db, key, err);
}

int cx_config_unset(cx_db *db, const char *key, cx_err *err)
{
	int rc = cx_setting_clear(db, key, err);
	return rc ? rc : after(db, key, err);
}
