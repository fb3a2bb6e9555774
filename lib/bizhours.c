/*
 * Business time: how many opening-hours seconds lie between two moments, and
 * when a number of them runs out. Days are worked out in the business's own
 * time zone (so DST changes move the hours with the clock), once per day,
 * and kept: the zone is switched only to fill a day not seen before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cx/date.h"
#include "cx/sla.h"
#include "tz.h"

enum { MAX_PERIODS = 8, DAY_CACHE = 4096, TEN_YEARS = 3660, SUM_SPAN = 4 * TEN_YEARS };

typedef struct day {
	int64_t key;   /* days since 1970-01-01 (local calendar), or INT64_MIN = empty */
	int64_t start; /* UTC of local midnight */
	int n;
	int64_t from[MAX_PERIODS], to[MAX_PERIODS];
} day;

struct cx_biz {
	char zone[64];
	int always; /* no hours: every second counts */
	int nper[7];
	int opens[7][MAX_PERIODS], closes[7][MAX_PERIODS];
	int64_t *holidays;
	int nhol;
	day cache[DAY_CACHE];
	/* running totals of whole days: sums[i] = business seconds of days sum_base .. sum_base + i - 1 */
	int64_t *sums, sum_base, nsums;
};

/* A civil date from days since 1970-01-01 (Howard Hinnant's algorithm; cx_days_from_civil the other way). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int cx_sla_zone_check(const char *zone, cx_err *err)
{
	char path[512];
	struct stat st;
	const char *dir = getenv("TZDIR");

	if (!zone || !zone[0])
		return CX_OK;
	if (strstr(zone, "..") || zone[0] == '/' || strlen(zone) > 60)
		return cx_fail(err, CX_EDATA, "timezone: \"%s\" is not a time zone name (e.g. Europe/Berlin)", zone);
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", zone);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return cx_fail(err, CX_EDATA, "timezone: \"%s\" is not a time zone this system knows (e.g. Europe/Berlin, UTC)",
			       zone);
	return CX_OK;
}

int cx_biz_new(const char *zone, const cx_hours *h, int nh, const char *const *holidays, int nhol, cx_biz **out,
	       cx_err *err)
{
	cx_biz *b;
	int rc;

	*out = NULL;
	if ((rc = cx_sla_zone_check(zone, err)))
		return rc;
	b = calloc(1, sizeof *b);
	if (!b)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	snprintf(b->zone, sizeof b->zone, "%s", zone ? zone : "");
	b->always = nh == 0;
	for (int i = 0; i < nh; i++) {
		const cx_hours *x = &h[i];
		if (x->weekday < 0 || x->weekday > 6 || x->opens < 0 || x->closes > 1440 || x->opens >= x->closes ||
		    b->nper[x->weekday] == MAX_PERIODS) {
			cx_biz_free(b);
			return cx_fail(err, CX_EDATA, "hours: %d:%02d-%d:%02d is not an opening period", x->opens / 60,
				       x->opens % 60, x->closes / 60, x->closes % 60);
		}
		/* kept in order of opening: cx_biz_add walks a day's periods from the first */
		int w = x->weekday, k = b->nper[w];
		for (; k > 0 && b->opens[w][k - 1] > x->opens; k--) {
			b->opens[w][k] = b->opens[w][k - 1];
			b->closes[w][k] = b->closes[w][k - 1];
		}
		b->opens[w][k] = x->opens;
		b->closes[w][k] = x->closes;
		b->nper[w]++;
		/* overlapping periods would count the same minutes twice */
		if ((k > 0 && b->closes[w][k - 1] > x->opens) || (k + 1 < b->nper[w] && x->closes > b->opens[w][k + 1])) {
			cx_biz_free(b);
			return cx_fail(err, CX_EDATA, "hours: %d:%02d-%d:%02d overlaps another period on the same day",
				       x->opens / 60, x->opens % 60, x->closes / 60, x->closes % 60);
		}
	}
	b->holidays = calloc((size_t)nhol + 1, sizeof *b->holidays);
	if (!b->holidays) {
		cx_biz_free(b);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	for (int i = 0; i < nhol; i++) {
		int y, m, d;
		if (sscanf(holidays[i], "%4d-%2d-%2d", &y, &m, &d) != 3) {
			cx_biz_free(b);
			return cx_fail(err, CX_EDATA, "holiday: \"%s\" is not a date (YYYY-MM-DD)", holidays[i]);
		}
		b->holidays[b->nhol++] = cx_days_from_civil(y, m, d);
	}
	for (int i = 0; i < DAY_CACHE; i++)
		b->cache[i].key = INT64_MIN;
	*out = b;
	return CX_OK;
}

void cx_biz_free(cx_biz *b)
{
	if (!b)
		return;
	free(b->holidays);
	free(b->sums);
	free(b);
}

/* Local wall time on day `key` at `minute` as UTC; the zone must be in effect. */
static int64_t local_at(int64_t key, int minute)
{
	int y, m, d;
	civil_from_days(key, &y, &m, &d);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = minute / 60,
			 .tm_min = minute % 60, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static const day *get_day(cx_biz *b, int64_t key)
{
	day *x = &b->cache[(uint64_t)key % DAY_CACHE];
	if (x->key == key)
		return x;
	/* Work the day out in the business's zone, then put the process's zone back. */
	cx_tz_saved saved;
	cx_tz_switch(&saved, b->zone[0] ? b->zone : NULL);
	x->key = key;
	x->start = local_at(key, 0);
	x->n = 0;
	int holiday = 0;
	for (int i = 0; i < b->nhol; i++)
		holiday |= b->holidays[i] == key;
	int w = (int)(((key % 7) + 11) % 7); /* 1970-01-01 was a Thursday (4) */
	for (int k = 0; !holiday && k < b->nper[w]; k++) {
		x->from[x->n] = local_at(key, b->opens[w][k]);
		x->to[x->n] = b->closes[w][k] == 1440 ? local_at(key + 1, 0) : local_at(key, b->closes[w][k]);
		x->n++;
	}
	cx_tz_restore(&saved);
	return x;
}

/* The local day holding t. */
static int64_t day_of(cx_biz *b, int64_t t)
{
	int64_t guess = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	for (int64_t k = guess - 1; k <= guess + 1; k++) {
		const day *x = get_day(b, k);
		int64_t start = x->start, next = get_day(b, k + 1)->start;
		if (t >= start && t < next)
			return k;
	}
	return guess;
}

/*
 * Business seconds of the whole days lo .. hi - 1, from running totals kept
 * over a window of days that widens (at least doubling) as asked: a report
 * over thousands of cases opened years apart adds two numbers per case
 * instead of walking every day in between. -1 when the window would be too
 * wide (or memory is short): the caller walks the days.
 */
static int64_t whole_days(cx_biz *b, int64_t lo, int64_t hi)
{
	if (!b->sums || lo < b->sum_base || hi > b->sum_base + b->nsums - 1) {
		int64_t from = lo, to = hi;
		if (b->sums) {
			int64_t span = b->nsums - 1;
			from = lo < b->sum_base ? (lo < b->sum_base - span ? lo : b->sum_base - span) : b->sum_base;
			to = hi > b->sum_base + span ? (hi > b->sum_base + 2 * span ? hi : b->sum_base + 2 * span)
						       : b->sum_base + span;
		}
		if (to - from > SUM_SPAN)
			return -1;
		int64_t *sums = malloc((size_t)(to - from + 1) * sizeof *sums);
		if (!sums)
			return -1;
		sums[0] = 0;
		for (int64_t k = from; k < to; k++) {
			const day *x = get_day(b, k);
			int64_t d = 0;
			for (int i = 0; i < x->n; i++)
				d += x->to[i] - x->from[i];
			sums[k - from + 1] = sums[k - from] + d;
		}
		free(b->sums);
		b->sums = sums;
		b->sum_base = from;
		b->nsums = to - from + 1;
	}
	return b->sums[hi - b->sum_base] - b->sums[lo - b->sum_base];
}

/* The part of day k that lies between from and to. */
static int64_t part_of_day(cx_biz *b, int64_t k, int64_t from, int64_t to)
{
	const day *x = get_day(b, k);
	int64_t sum = 0;
	for (int i = 0; i < x->n; i++) {
		int64_t a = x->from[i] > from ? x->from[i] : from, z = x->to[i] < to ? x->to[i] : to;
		if (z > a)
			sum += z - a;
	}
	return sum;
}

int64_t cx_biz_elapsed(cx_biz *b, int64_t from, int64_t to)
{
	if (to <= from)
		return 0;
	if (b->always)
		return to - from;
	int64_t sum = 0, first = day_of(b, from), last = day_of(b, to);
	if (last - first > TEN_YEARS)
		last = first + TEN_YEARS;
	if (last - first < 2) {
		for (int64_t k = first; k <= last; k++)
			sum += part_of_day(b, k, from, to);
		return sum;
	}
	/* the first and last days in part, the ones between whole */
	int64_t mid = whole_days(b, first + 1, last);
	if (mid < 0) {
		mid = 0;
		for (int64_t k = first + 1; k < last; k++)
			mid += part_of_day(b, k, from, to);
	}
	return part_of_day(b, first, from, to) + mid + part_of_day(b, last, from, to);
}

int64_t cx_biz_add(cx_biz *b, int64_t from, int64_t secs)
{
	if (secs <= 0)
		return from;
	if (b->always)
		return from + secs;
	int64_t first = day_of(b, from);
	for (int64_t k = first; k <= first + TEN_YEARS; k++) {
		const day *x = get_day(b, k);
		for (int i = 0; i < x->n; i++) {
			if (x->to[i] <= from)
				continue;
			int64_t a = x->from[i] > from ? x->from[i] : from, avail = x->to[i] - a;
			if (secs <= avail)
				return a + secs;
			secs -= avail;
		}
	}
	return INT64_MAX;
}
