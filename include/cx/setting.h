/* Settings stored in the database: named values with defaults. */
#ifndef CX_SETTING_H
#define CX_SETTING_H

#include <stddef.h>

#include "cx/db.h"
#include "cx/out.h"

/* The kind of value a setting takes: what config.c checks it with. */
typedef enum cx_setting_kind {
	CX_SETTING_TEXT,	 /* anything */
	CX_SETTING_NAME,	 /* one name: no spaces or commas */
	CX_SETTING_DURATION,	 /* 48h, 30d */
	CX_SETTING_HOOK_TIMEOUT, /* a duration from 1s to 1h */
	CX_SETTING_ZONE,	 /* a time zone */
	CX_SETTING_ADDRESSES,	 /* mail addresses, with commas */
	CX_SETTING_COMMAND,	 /* a command that sends mail */
	CX_SETTING_SIZE,	 /* 25M */
	CX_SETTING_LANGUAGE,	 /* a language cx has word forms for */
} cx_setting_kind;

/* An unknown key is CX_EUSAGE, naming every known one. */
int cx_setting_kind_of(const char *key, cx_setting_kind *kind, cx_err *err);
/* The stored value, or the default, into buf. */
int cx_setting_get(cx_db *db, const char *key, char *buf, size_t size, cx_err *err);
/*
 * Store or clear a value as it is, for lib/'s own writes of values it made
 * (a stage's new name, the demo's address); the command line's go through
 * cx_config_set, which checks them first.
 */
int cx_setting_store(cx_db *db, const char *key, const char *value, cx_err *err);
int cx_setting_clear(cx_db *db, const char *key, cx_err *err);
int cx_setting_list(cx_db *db, cx_out *out, cx_err *err);

/* The i-th known key (from 0), NULL past the last: for help and completion. */
const char *cx_setting_key(size_t i);

#endif
