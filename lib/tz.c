/* Switching the process's time zone and back (tz.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tz.h"

void cx_tz_switch(cx_tz_saved *saved, const char *zone)
{
	saved->old = NULL;
	saved->switched = zone != NULL;
	if (!saved->switched)
		return;
	const char *old = getenv("TZ");
	saved->old = old ? strdup(old) : NULL;
	setenv("TZ", zone, 1);
	tzset();
}

void cx_tz_restore(cx_tz_saved *saved)
{
	if (!saved->switched)
		return;
	if (saved->old)
		setenv("TZ", saved->old, 1);
	else
		unsetenv("TZ");
	free(saved->old);
	saved->old = NULL;
	saved->switched = 0;
	tzset();
}
