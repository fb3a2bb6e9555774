/* Error reporting for libcx: a status code and a one-line message, never printed here. */
#ifndef CX_ERR_H
#define CX_ERR_H

#include <stddef.h>

/*
 * Every libcx call returns CX_OK or one of these negative codes; the absolute
 * value is the exit status the cx binary uses for it (sysexits where they fit).
 */
enum cx_status {
	CX_OK = 0,
	CX_ENOTFOUND = -1,  /* no such thing, or ambiguous reference; check failed */
	CX_EUSAGE = -2,     /* the command was called wrongly */
	CX_EDATA = -65,     /* a value or an input file is wrong */
	CX_ENOINPUT = -66,  /* an input file is missing or unreadable */
	CX_EUNAVAIL = -69,  /* a service (database server) is unavailable */
	CX_EINTERNAL = -70, /* a bug or an impossible state */
	CX_ECANTCREAT = -73, /* a file cx writes cannot be made */
	CX_EIO = -74,       /* reading or writing failed */
	CX_EBUSY = -75,     /* the database is busy: try again */
	CX_EPERM = -77,     /* permission denied */
};

typedef struct cx_err {
	int code;
	char msg[1024];
} cx_err;

/*
 * A message names an input of the call by its field's name, never by the way
 * a program asks for it: "a case needs a title (" CX_FIELD_ARG("title") ")".
 * The caller words each field in its own terms with cx_err_word (cx: as the
 * option that sets it, "--title TEXT"). CX_FIELD is the field alone
 * ("--title"), CX_FIELD_ARG the field and what its value is; CX_FIELD("%s")
 * takes the name as an argument. A name is lower-case letters, digits, '_' and '-'.
 */
#define CX_FIELD(name) "\x1f" name "\x1f"
#define CX_FIELD_ARG(name) "\x1f" name "\x1e"

/*
 * How the caller says a field: writes at most size bytes (with the NUL) to
 * buf. with_value: the field and what its value is.
 */
typedef void (*cx_field_fn)(const void *arg, const char *field, int with_value, char *buf, size_t size);

/*
 * msg with each field it names worded by word (NULL: by its bare name), into
 * buf; returns buf. Bytes that only look like a mark are left as they are.
 */
const char *cx_err_word(const char *msg, cx_field_fn word, const void *arg, char *buf, size_t size);

/* Sets err (when not NULL) and returns code, so callers can `return cx_fail(...)`. */
int cx_fail(cx_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The process exit status for a library status code. */
int cx_exit_status(int code);

#endif
