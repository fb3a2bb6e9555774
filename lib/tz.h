/*
 * The process's time zone switched for a while: mktime() and localtime()
 * in a zone that is not the user's (a survey's, the business's), then put
 * back as it was, set or not. Not for threads: TZ is the process's.
 */
#ifndef CX_TZ_H
#define CX_TZ_H

typedef struct cx_tz_saved {
	char *old; /* TZ as it was, or NULL when it was not set */
	int switched;
} cx_tz_saved;

/* Makes zone ("Europe/Paris"; "" is UTC) the process's zone; NULL leaves it as it is. */
void cx_tz_switch(cx_tz_saved *saved, const char *zone);
/* Puts back what cx_tz_switch found. */
void cx_tz_restore(cx_tz_saved *saved);

#endif
