/* Dates: what people type (ISO 8601, today, 3d, monday) to Unix seconds, and back. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cx/date.h"
#include "cx/words.h"
#include "tz.h"

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
			/* +HH, +HHMM or +HH:MM; a colon promises the minutes. */
			if (*p == ':') {
				p++;
				if (!digits(&p, 2, &om))
					return 0;
			} else if (isdigit((unsigned char)*p) && !digits(&p, 2, &om)) {
				return 0;
			}
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
		/* Digits only: strtoll alone would skip blanks and saturate on overflow. */
		const char *d = s + 1 + (s[1] == '-');
		char *end;
		errno = 0;
		long long v = strtoll(s + 1, &end, 10);
		if (isdigit((unsigned char)*d) && !*end && errno != ERANGE) {
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

/* Local midnight at the start of year y. */
static int64_t new_year(int y)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mday = 1, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

/*
 * Whether t is before local midnight of new year y, whose Unix time is
 * utc in UTC: the zone is asked only within 14 hours of it (the widest
 * offsets), so a million imported rows do not make a million mktime calls.
 */
static int before_new_year(int64_t t, int y, int64_t utc)
{
	const int64_t widest = 14 * 3600;
	if (t < utc - widest || t >= utc + widest)
		return t < utc;
	return t < new_year(y);
}

int cx_date_check(const char *text, int64_t t, int64_t now, int happened, cx_err *err)
{
	const int64_t y1970 = 0, y2200 = INT64_C(7258118400);
	char latest[CX_TIME_BUF];

	if (happened) {
		/* a day of slack: another machine's clock, a zone ahead of this one */
		if (!before_new_year(t, 1970, y1970) && t <= now + 86400)
			return CX_OK;
		cx_time_local(now + 86400, latest);
		return cx_fail(err, CX_EDATA,
			       "\"%s\" is out of range: a time that happened is from 1970-01-01 to a day after now (%s)",
			       text, latest);
	}
	if (!before_new_year(t, 1970, y1970) && before_new_year(t, 2200, y2200))
		return CX_OK;
	return cx_fail(err, CX_EDATA, "\"%s\" is out of range (give a date from 1970-01-01 to 2199-12-31)", text);
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

/* ---- timestamps from exports ---- */

/*
 * Unix time of a broken-down time read in an IANA zone. The zone's rules are
 * loaded by switching TZ, which is slow, so the offset is kept per zone and
 * hour: exports are mostly in time order and share hours.
 */
int64_t cx_days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int cx_zone_is_utc(const char *zone)
{
	return !strcasecmp(zone, "UTC") || !strcasecmp(zone, "GMT") || !strcmp(zone, "Z");
}

static int64_t zoned_to_utc(struct tm *tm, const char *zone)
{
	static char cached_zone[64] = "\x01";
	static int64_t cached_hour = INT64_MIN, cached_off;

	/* the wall time as if it were UTC: by arithmetic when every field is in its range (timegm: a tenth of an import) */
	int64_t naive = tm->tm_mon >= 0 && tm->tm_mon <= 11 && tm->tm_mday >= 1 && tm->tm_mday <= 31 && tm->tm_hour >= 0 &&
					tm->tm_hour <= 23 && tm->tm_min >= 0 && tm->tm_min <= 59 && tm->tm_sec >= 0 &&
					tm->tm_sec <= 60
				? cx_days_from_civil(tm->tm_year + 1900LL, tm->tm_mon + 1, tm->tm_mday) * 86400 +
					  tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec
				: (int64_t)timegm(tm);
	if (zone && cx_zone_is_utc(zone))
		return naive;
	const char *key = zone ? zone : "";
	int64_t hour = naive / 3600;
	if (hour == cached_hour && !strcmp(key, cached_zone))
		return naive - cached_off;
	struct tm t = *tm;
	t.tm_isdst = -1;
	int64_t utc;
	if (!zone) {
		utc = (int64_t)mktime(&t);
	} else {
		cx_tz_saved saved;
		cx_tz_switch(&saved, zone);
		utc = (int64_t)mktime(&t);
		cx_tz_restore(&saved);
	}
	/* The offset holds for the whole wall-clock hour (a repeated hour resolves as mktime did). */
	snprintf(cached_zone, sizeof cached_zone, "%s", key);
	cached_hour = hour;
	cached_off = naive - utc;
	return utc;
}

static int month_name(const char *s, size_t n)
{
	static const char *const m[] = { "jan", "feb", "mar", "apr", "may", "jun",
					 "jul", "aug", "sep", "oct", "nov", "dec" };
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(s, m[i], 3))
			return i + 1;
	return 0;
}

/* "YYYY-MM-DD HH:MM:SS" (or with a T), the form most exports write: 1 with its time in *out, else 0. */
static int common_form(const char *p, const char *zone, int64_t *out)
{
	const char *q = p;
	int y, mo, d, h, mi, sec;
	if (strlen(q) == 19 && digits(&q, 4, &y) && *q++ == '-' && digits(&q, 2, &mo) && *q++ == '-' &&
	    digits(&q, 2, &d) && (*q == ' ' || *q == 'T') && (q++, digits(&q, 2, &h)) && *q++ == ':' &&
	    digits(&q, 2, &mi) && *q++ == ':' && digits(&q, 2, &sec) && !*q && mo >= 1 &&
	    mo <= 12 && d >= 1 && d <= days_in_month(y, mo) && h <= 23 && mi <= 59 && sec <= 60) {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
				 .tm_hour = h, .tm_min = mi, .tm_sec = sec, .tm_isdst = -1 };
		*out = zoned_to_utc(&tm, zone);
		return 1;
	}
	return 0;
}

/* Unix seconds, as Delighted and APIs give them (9 to 11 digits, perhaps a fraction): 1 with *out, else 0. */
static int unix_seconds(const char *p, int64_t *out)
{
	const char *q = p;
	while (isdigit((unsigned char)*q))
		q++;
	const char *e = q;
	if (*q == '.')
		for (q++; isdigit((unsigned char)*q); q++)
			;
	if ((e - p) < 9 || (e - p) > 11 || *q)
		return 0;
	*out = strtoll(p, NULL, 10);
	return 1;
}

/* A zone offset at p, its sign first: +01:00, -0500, +1. 0 with the seconds east of UTC and where it ends; -1 if none. */
static int zone_offset(const char *p, long *off, const char **end)
{
	int sign = *p == '-' ? -1 : 1;
	char *e;
	long h = strtol(p + 1, &e, 10), m = 0;
	if (e == p + 1)
		return -1;
	if (*e == ':') {
		m = strtol(e + 1, &e, 10);
	} else if (e - (p + 1) == 4) {
		m = h % 100;
		h /= 100;
	}
	if (h < 0 || h > 14 || m < 0 || m > 59)
		return -1;
	*off = sign * (h * 3600 + m * 60);
	*end = e;
	return 0;
}

/*
 * Which of the numbers are the year, the month and the day: with a month
 * name, the two numbers around it; else the order a four-digit year or a
 * dot says, or the one given. *t0 is where the time's numbers start. -1
 * when there are too few.
 */
static int date_of(const long *num, const int *nlen, const char *after, int nn, int mon, cx_date_order order,
		   long *y, long *mo, long *d, int *t0)
{
	if (mon) {
		/* "Nov 20, 2026 ..." or "20 Nov 2026 ..." */
		if (nn < 2)
			return -1;
		*y = nlen[0] == 4 ? num[0] : num[1];
		*d = nlen[0] == 4 ? num[1] : num[0];
		*mo = mon;
		*t0 = 2;
	} else {
		if (nn < 3)
			return -1;
		if (nlen[0] == 4 || order == CX_YMD) {
			*y = num[0];
			*mo = num[1];
			*d = num[2];
		} else if (order == CX_DMY || after[0] == '.') {
			*d = num[0];
			*mo = num[1];
			*y = num[2];
		} else {
			*mo = num[0];
			*d = num[1];
			*y = num[2];
		}
		*t0 = 3;
	}
	if (*y < 100)
		*y += 2000;
	return 0;
}

int cx_date_parse_export(const char *s, cx_date_order order, const char *zone, int64_t *out,
			 cx_err *err)
{
	/* Tokens: up to 8 numbers (with the separator after each), a month name, am/pm, an offset. */
	long num[8];
	int nlen[8];
	char after[8];
	int nn = 0, mon = 0, ampm = 0, has_off = 0, utc = 0;
	long off = 0;
	const char *p = s;

	while (*p == ' ')
		p++;
	if (!*p)
		return cx_fail(err, CX_EDATA, "empty date");
	/* the common form first, without the general tokenizer */
	if (common_form(p, zone, out) || unix_seconds(p, out))
		return CX_OK;
	while (*p) {
		if (isdigit((unsigned char)*p)) {
			if (nn == 8)
				goto bad;
			char *e;
			num[nn] = strtol(p, &e, 10);
			nlen[nn] = (int)(e - p);
			p = e;
			after[nn] = *p;
			nn++;
			if (*p == '.' && nn >= 6) { /* fractional seconds */
				p++;
				while (isdigit((unsigned char)*p))
					p++;
				after[nn - 1] = *p;
			}
			/* after the minutes, a sign starts a zone offset, not a separator */
			if (*p && strchr("-/.:T ,", *p) && !(*p == '-' && nn >= 5))
				p++;
			continue;
		}
		if (isalpha((unsigned char)*p)) {
			const char *w = p;
			while (isalpha((unsigned char)*p))
				p++;
			size_t n = (size_t)(p - w);
			if ((n == 2 && !strncasecmp(w, "am", 2)) || (n == 4 && !strncasecmp(w, "a.m.", 4)))
				ampm = 1;
			else if (n == 2 && !strncasecmp(w, "pm", 2))
				ampm = 2;
			else if ((n == 3 && (!strncasecmp(w, "gmt", 3) || !strncasecmp(w, "utc", 3))) ||
				 (n == 1 && (*w == 'Z' || *w == 'z'))) {
				utc = 1;
				if (*p == '+' || *p == '-') {
					if (zone_offset(p, &off, &p))
						goto bad;
					has_off = 1;
				}
			} else if (n == 1 && (*w == 'T' || *w == 't')) {
				/* ISO separator */
			} else if (!mon && (mon = month_name(w, n)) != 0) {
				/* month name (any weekday name before it is skipped below) */
			} else if (n >= 3 && strchr("mtwfs", tolower((unsigned char)*w))) {
				/* a weekday name: Mon, Tuesday, ... */
				int wd = 0;
				for (int i = 0; i < 7; i++)
					if (!strncasecmp(w, weekdays[i], 3))
						wd = 1;
				if (!wd)
					goto bad;
			} else {
				goto bad;
			}
			if (*p == '.' || *p == ',')
				p++;
			continue;
		}
		if ((*p == '+' || *p == '-') && nn >= 5 && !has_off) {
			/* an offset after the time: +01:00, -0500 */
			if (zone_offset(p, &off, &p))
				goto bad;
			has_off = utc = 1;
			continue;
		}
		if (*p == ' ' || *p == ',' || *p == '(' || *p == ')')
			p++;
		else
			goto bad;
	}

	long y, mo, d;
	int t0; /* index of the first time number */
	if (date_of(num, nlen, after, nn, mon, order, &y, &mo, &d, &t0))
		goto bad;
	long h = 0, mi = 0, sec = 0;
	if (nn > t0) {
		if (nn < t0 + 2)
			goto bad;
		h = num[t0];
		mi = num[t0 + 1];
		if (nn > t0 + 2)
			sec = num[t0 + 2];
		if (nn > t0 + 3)
			goto bad;
	}
	if (ampm) {
		if (h < 1 || h > 12)
			goto bad;
		if (ampm == 1 && h == 12)
			h = 0;
		else if (ampm == 2 && h != 12)
			h += 12;
	}
	/* a year out of range is the caller's to tell (cx_date_check), with the range */
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month((int)y, (int)mo) ||
	    h > 23 || mi > 59 || sec > 60)
		goto bad;
	struct tm tm = { .tm_year = (int)y - 1900, .tm_mon = (int)mo - 1, .tm_mday = (int)d,
			 .tm_hour = (int)h, .tm_min = (int)mi, .tm_sec = (int)sec, .tm_isdst = -1 };
	if (utc)
		*out = (int64_t)timegm(&tm) - off;
	else
		*out = zoned_to_utc(&tm, zone);
	return CX_OK;
bad:
	return cx_fail(err, CX_EDATA, "\"%s\" is not a date and time", s);
}

int cx_period_parse(const char *by, cx_period *p, cx_err *err)
{
	*p = CX_P_ALL;
	if (!by)
		return CX_OK;
	int i = cx_words_find(cx_periods, by);
	if (i < 0)
		return cx_words_check(cx_periods, "by", by, CX_EUSAGE, err);
	*p = (cx_period)(CX_P_DAY + i);
	return CX_OK;
}

void cx_period_key(cx_period p, int64_t at, char key[32])
{
	time_t t = (time_t)at;
	struct tm tm;
	if (p == CX_P_ALL) {
		strcpy(key, "all");
		return;
	}
	localtime_r(&t, &tm);
	switch (p) {
	case CX_P_DAY:
		strftime(key, 32, "%Y-%m-%d", &tm);
		break;
	case CX_P_WEEK: /* the Monday the week starts on */
		tm.tm_mday -= (tm.tm_wday + 6) % 7;
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		mktime(&tm);
		strftime(key, 32, "%Y-%m-%d", &tm);
		break;
	case CX_P_MONTH:
		strftime(key, 32, "%Y-%m", &tm);
		break;
	case CX_P_QUARTER:
		snprintf(key, 32, "%04d-Q%d", tm.tm_year + 1900, tm.tm_mon / 3 + 1);
		break;
	default:
		strftime(key, 32, "%Y", &tm);
		break;
	}
}
