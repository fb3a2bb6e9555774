/* Dates: what people type (ISO 8601, today, 3d, monday) to Unix seconds, and back. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cx/date.h"

static const char *const weekdays[] = { "sunday", "monday", "tuesday", "wednesday",
					"thursday", "friday", "saturday" };

static const char accepted[] =
	"use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], now, today, yesterday, 3d, 2w, 6h or a weekday";

int64_t cx_date_day_start(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Local midnight `days` days after the day holding t (DST-safe: calendar arithmetic). */
static int64_t day_shift(int64_t t, int days)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		x = x * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*v = x;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int parse_iso(const char *s, int64_t *out)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	int has_zone = 0, off = 0;

	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
	    !digits(&p, 2, &d))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return 0;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return 0;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &sec))
				return 0;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return 0;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return 0;
		if (*p == 'Z' || *p == 'z') {
			has_zone = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
			if (!digits(&p, 2, &oh))
				return 0;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && !digits(&p, 2, &om))
				return 0;
			if (oh > 14 || om > 59)
				return 0;
			has_zone = 1;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	if (*p)
		return 0;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_sec = sec, .tm_isdst = -1 };
	if (has_zone)
		*out = (int64_t)timegm(&tm) - off;
	else
		*out = (int64_t)mktime(&tm);
	return 1;
}

static int unit_secs(char u, int64_t *mult)
{
	switch (u) {
	case 's': *mult = 1; return 1;
	case 'm': *mult = 60; return 1;
	case 'h': *mult = 3600; return 1;
	case 'd': *mult = 86400; return 1;
	case 'w': *mult = 7 * 86400; return 1;
	default: return 0;
	}
}

/* "3d", "90m", or a bare number of seconds when bare_ok. */
static int parse_span(const char *s, int bare_ok, int64_t *secs)
{
	char *end;
	int64_t mult = 1;

	if (!isdigit((unsigned char)s[0]))
		return 0;
	long long n = strtoll(s, &end, 10);
	if (*end) {
		if (end[1] || !unit_secs((char)tolower((unsigned char)*end), &mult))
			return 0;
	} else if (!bare_ok) {
		return 0;
	}
	if (n < 0 || n > 100LL * 366 * 86400 / mult)
		return 0;
	*secs = n * mult;
	return 1;
}

int cx_date_parse(const char *s, int64_t now, int64_t *out, cx_err *err)
{
	int64_t span;

	if (!s || !*s)
		return cx_fail(err, CX_EDATA, "empty date (%s)", accepted);
	if (!strcasecmp(s, "now")) {
		*out = now;
		return CX_OK;
	}
	if (!strcasecmp(s, "today")) {
		*out = cx_date_day_start(now);
		return CX_OK;
	}
	if (!strcasecmp(s, "yesterday")) {
		*out = day_shift(now, -1);
		return CX_OK;
	}
	if (!strcasecmp(s, "tomorrow")) {
		*out = day_shift(now, 1);
		return CX_OK;
	}
	if (parse_span(s, 0, &span)) {
		*out = now - span;
		return CX_OK;
	}
	if (s[0] == '@') {
		char *end;
		long long v = strtoll(s + 1, &end, 10);
		if (s[1] && !*end) {
			*out = v;
			return CX_OK;
		}
	}
	size_t n = strlen(s);
	for (int wd = 0; wd < 7; wd++) {
		if (n >= 3 && n <= strlen(weekdays[wd]) && !strncasecmp(s, weekdays[wd], n)) {
			time_t tt = (time_t)now;
			struct tm tm;
			localtime_r(&tt, &tm);
			int back = (tm.tm_wday - wd + 7) % 7;
			*out = day_shift(now, -back);
			return CX_OK;
		}
	}
	if (parse_iso(s, out))
		return CX_OK;
	return cx_fail(err, CX_EDATA, "\"%s\" is not a date (%s)", s, accepted);
}

int cx_duration_parse(const char *s, int64_t *secs, cx_err *err)
{
	if (s && parse_span(s, 1, secs))
		return CX_OK;
	return cx_fail(err, CX_EDATA, "\"%s\" is not a length of time (use e.g. 90s, 45m, 6h, 3d, 2w)",
		       s ? s : "");
}

void cx_time_local(int64_t t, char buf[CX_TIME_BUF])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, CX_TIME_BUF, "%Y-%m-%d %H:%M", &tm);
}

void cx_time_iso(int64_t t, char buf[CX_TIME_BUF])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, CX_TIME_BUF, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void cx_duration_short(int64_t secs, char buf[CX_TIME_BUF])
{
	const char *sign = "";
	if (secs < 0) {
		sign = "-";
		secs = -secs;
	}
	if (secs < 60)
		snprintf(buf, CX_TIME_BUF, "%s%llds", sign, (long long)secs);
	else if (secs < 3600)
		snprintf(buf, CX_TIME_BUF, "%s%lldm", sign, (long long)(secs / 60));
	else if (secs < 2 * 86400)
		snprintf(buf, CX_TIME_BUF, "%s%lldh", sign, (long long)(secs / 3600));
	else if (secs < 365 * 86400)
		snprintf(buf, CX_TIME_BUF, "%s%lldd", sign, (long long)(secs / 86400));
	else
		snprintf(buf, CX_TIME_BUF, "%s%.1fy", sign, (double)secs / (365.25 * 86400));
}
