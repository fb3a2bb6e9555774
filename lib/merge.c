/*
 * Merging two records of one customer: everything the first owns moves to
 * the second, whose journey and details take in the first's. A merge
 * reaches across every table a customer owns, so it sits above them all:
 * customers, cases and journeys know nothing of it.
 */
#include <stdio.h>

#include "cx/customer.h"
#include "cx/event.h"
#include "cx/journey.h"
#include "cx/merge.h"
#include "store/sql.h"

/*
 * Tables whose rows belong to a customer: a merge moves them all. Later
 * schema versions add their tables here.
 */
static const char *const owned_tables_sql[] = {
	"UPDATE cases SET customer_id = ?2 WHERE customer_id = ?1",
	"UPDATE notes SET customer_id = ?2 WHERE customer_id = ?1",
	"UPDATE responses SET customer_id = ?2 WHERE customer_id = ?1",
	"UPDATE touchpoints SET customer_id = ?2 WHERE customer_id = ?1",
	"UPDATE feedback SET customer_id = ?2 WHERE customer_id = ?1",
	"UPDATE messages SET customer_id = ?2 WHERE customer_id = ?1",
};

int cx_merge_customers(cx_db *db, int64_t from, int64_t into, cx_err *err)
{
	char a[32], b[32];
	int rc;

	if (from == into)
		return cx_fail(err, CX_EDATA, "cannot merge customer %lld into itself", (long long)from);
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = cx_customer_check(db, from, err)) || (rc = cx_customer_check(db, into, err)))
		goto fail;
	/* A merged customer is only a pointer: merging it again would move nothing, or make a loop. */
	for (int side = 0; side < 2; side++) {
		int64_t who = side ? into : from, next;
		if ((rc = cx_sql_get_int(db, 0, &next, err, "SELECT merged_into FROM customers WHERE id = ?1", CX_INT(who))))
			goto fail;
		if (next) {
			rc = cx_fail(err, CX_EDATA, "customer %lld was merged into customer %lld already",
				     (long long)who, (long long)next);
			goto fail;
		}
	}
	for (size_t i = 0; i < sizeof owned_tables_sql / sizeof owned_tables_sql[0]; i++) {
		cx_stmt *st;
		if ((rc = cx_sql_prepare(db, owned_tables_sql[i], &st, err)))
			goto fail;
		cx_sql_bind_int(st, 1, from);
		cx_sql_bind_int(st, 2, into);
		if ((rc = cx_sql_run(st, err)))
			goto fail;
	}
	/* both journeys changed; the survey answers moved have no trigger to say so */
	if ((rc = cx_journey_mark(db, from, err)) || (rc = cx_journey_mark(db, into, err)))
		goto fail;
	/* Contact details the survivor lacks come over; unique ones leave `from` first. */
	static const char *const fill[] = {
		"UPDATE customer_tags SET customer_id = ?2 WHERE customer_id = ?1"
		" AND tag NOT IN (SELECT tag FROM customer_tags WHERE customer_id = ?2)",
		"DELETE FROM customer_tags WHERE customer_id = ?1",
		"UPDATE customers SET"
		" phone = coalesce(phone, (SELECT phone FROM customers WHERE id = ?1)),"
		" org = coalesce(org, (SELECT org FROM customers WHERE id = ?1)),"
		" prefers = coalesce(prefers, (SELECT prefers FROM customers WHERE id = ?1)),"
		" note = CASE WHEN note IS NULL THEN (SELECT note FROM customers WHERE id = ?1)"
		"   WHEN (SELECT note FROM customers WHERE id = ?1) IS NULL THEN note"
		"   ELSE note || '\n' || (SELECT note FROM customers WHERE id = ?1) END,"
		" updated_at = ?3 WHERE id = ?2",
		"UPDATE customers SET merged_into = ?2, updated_at = ?3 WHERE id = ?1",
		"UPDATE customers SET merged_into = ?2 WHERE merged_into = ?1",
	};
	for (size_t i = 0; i < sizeof fill / sizeof fill[0]; i++) {
		cx_stmt *st;
		if ((rc = cx_sql_prepare(db, fill[i], &st, err)))
			goto fail;
		cx_sql_bind_int(st, 1, from);
		cx_sql_bind_int(st, 2, into);
		cx_sql_bind_int(st, 3, cx_db_now(db));
		if ((rc = cx_sql_run(st, err)))
			goto fail;
	}
	snprintf(a, sizeof a, "%lld", (long long)from);
	snprintf(b, sizeof b, "%lld", (long long)into);
	if ((rc = cx_event_log(db, "customer", into, "merge", 0, 0, err, "from", a, NULL)) ||
	    (rc = cx_event_log(db, "customer", from, "merged", 0, 0, err, "into", b, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}
