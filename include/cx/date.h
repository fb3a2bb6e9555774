/* Times and durations: parsing what people type, formatting for people and machines. */
#ifndef CX_DATE_H
#define CX_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "cx/err.h"

/*
 * Parses a point in time relative to now (Unix seconds, UTC):
 *   now, today, yesterday, tomorrow          (today etc. are local midnight)
 *   3d, 2w, 6h, 45m, 30s                      (that long ago)
 *   monday .. sunday, mon .. sun              (the latest such day, local midnight; today counts)
 *   YYYY-MM-DD                                (local midnight)
 *   YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|+HH[:MM]|-HH[:MM]]   (local time when no zone)
 *   @SECONDS                                  (Unix time)
 * Returns CX_OK or CX_EDATA with a message saying what is accepted.
 */
int cx_date_parse(const char *s, int64_t now, int64_t *out, cx_err *err);

/* How to read a date written with slashes or dots: 11/12/2026. */
typedef enum cx_date_order { CX_MDY, CX_DMY, CX_YMD } cx_date_order;

/* 1 when a zone name means UTC itself ("UTC", "GMT", "Z"): no rules to look up. */
int cx_zone_is_utc(const char *zone);

/*
 * Parses a timestamp as survey tools and spreadsheets write it:
 *   2026-11-20 14:05:09 | 2026-11-20T14:05:09.123Z | 2026/11/20 2:05:09 pm GMT+1
 *   11/20/2026 14:05[:09] [AM|PM] | 20.11.2026 14:05 | 11/20/26 ...
 *   Nov 20, 2026 [2:05 PM] | 20 Nov 2026 [14:05] | 1763647509 (Unix seconds)
 * A time without a zone is read in `zone` (an IANA name such as
 * "Europe/Berlin" or "UTC"; NULL = the local zone). order says how to read
 * numeric dates with slashes or dots. Returns CX_OK or CX_EDATA. Any year
 * from 1 to 9999 is read: whether the time is plausible is cx_date_check's.
 */
int cx_date_parse_export(const char *s, cx_date_order order, const char *zone, int64_t *out,
			 cx_err *err);

/*
 * Whether t (what the user wrote as text) is a time cx takes: never before
 * 1970-01-01 (local time); a time something happened (happened set: --at, a
 * date in an imported row) at most a day after now, allowing for clocks and
 * zones; any other (a filter's bound) before 2200-01-01. CX_EDATA otherwise,
 * with a message that quotes text and says the range, for the caller to
 * prefix with the option or file:line:field.
 */
int cx_date_check(const char *text, int64_t t, int64_t now, int happened, cx_err *err);

/* Parses a length of time: 90s, 45m, 6h, 3d, 2w (a bare number is seconds). */
int cx_duration_parse(const char *s, int64_t *secs, cx_err *err);

/* Days since 1970-01-01 of the civil date y-m-d (m 1-12, d 1-31; proleptic Gregorian). */
int64_t cx_days_from_civil(int64_t y, int m, int d);

/* Local midnight at the start of the day holding t. */
int64_t cx_date_day_start(int64_t t);

/* Reporting periods, in local time. */
typedef enum cx_period { CX_P_ALL, CX_P_DAY, CX_P_WEEK, CX_P_MONTH, CX_P_QUARTER, CX_P_YEAR } cx_period;

/* NULL is CX_P_ALL; else day, week, month, quarter, year. CX_EUSAGE naming --by otherwise. */
int cx_period_parse(const char *by, cx_period *p, cx_err *err);
/* The period holding t: "all", "2026-11-23", the Monday of its week, "2026-11", "2026-Q4", "2026". */
void cx_period_key(cx_period p, int64_t t, char key[32]);

enum { CX_TIME_BUF = 40 };
/* "2026-11-23 14:05" in local time. */
void cx_time_local(int64_t t, char buf[CX_TIME_BUF]);
/* "2026-11-23T14:05:09Z" (UTC), for machine formats. */
void cx_time_iso(int64_t t, char buf[CX_TIME_BUF]);
/* A short length of time: "42s", "5m", "3h", "12d", "2y". */
void cx_duration_short(int64_t secs, char buf[CX_TIME_BUF]);

#endif
