/* Error values: formatting the message into the caller's cx_err. */
#include <stdarg.h>
#include <stdio.h>

#include "cx/err.h"

int cx_fail(cx_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

int cx_exit_status(int code)
{
	if (code >= 0)
		return 0;
	return -code;
}
