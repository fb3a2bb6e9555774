/* Customers: adding, finding by what people type, editing, listing and showing. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/customer.h"
#include "cx/event.h"
#include "cx/search.h"
#include "cx/words.h"
#include "section.h"
#include "store/sql.h"

static char *trim_dup(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return strndup(s, n);
}

int cx_email_normalize(const char *in, char *out, size_t size, cx_err *err)
{
	/* Works in out directly: importers call this once a row. */
	const char *s = in;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	int ok = n > 0 && n <= 254 && n < size;
	if (ok) {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	char *at = ok ? strchr(out, '@') : NULL;
	ok = at && at != out && !strchr(at + 1, '@');
	if (ok) {
		const char *dot = strchr(at + 1, '.');
		ok = dot && dot != at + 1 && out[n - 1] != '.' && !strstr(at, "..");
	}
	for (const unsigned char *p = (const unsigned char *)out; ok && *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == ',' || *p == ';' || *p == '<' || *p == '>' ||
		    *p == '"' || *p == '(' || *p == ')')
			ok = 0;
	if (!ok) {
		if (size)
			out[0] = '\0';
		return cx_fail(err, CX_EDATA, "email: \"%s\" is not an email address (use name@example.com)", in);
	}
	for (char *p = at + 1; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return CX_OK;
}

static int check_phone(const char *p, cx_err *err)
{
	int d = 0;
	for (const char *s = p; *s; s++) {
		if (isdigit((unsigned char)*s))
			d++;
		else if (!strchr(" +-().x/", *s))
			d = -1000;
	}
	if (d < 3)
		return cx_fail(err, CX_EDATA,
			       "phone: \"%s\" is not a phone number (digits, spaces and + - ( ) . only)", p);
	return CX_OK;
}

static int check_handle(const char *h, cx_err *err)
{
	if (!*h || strlen(h) > 100)
		return cx_fail(err, CX_EDATA, "handle: must be 1 to 100 characters");
	for (const unsigned char *s = (const unsigned char *)h; *s; s++)
		if (*s <= ' ' || *s == '@' || *s == 0x7f || *s == ',')
			return cx_fail(err, CX_EDATA,
				       "handle: \"%s\" may not hold spaces, commas or '@' after the first", h);
	return CX_OK;
}

static int check_text(const char *field, const char *v, size_t max, cx_err *err)
{
	if (strlen(v) > max)
		return cx_fail(err, CX_EDATA, "%s: longer than %zu bytes", field, max);
	for (const unsigned char *s = (const unsigned char *)v; *s; s++)
		if (*s < 0x20 && *s != '\n' && *s != '\t')
			return cx_fail(err, CX_EDATA, "%s: holds a control character", field);
	return CX_OK;
}

/* Who already has this email or handle: a hint for the refusal message. */
static int taken(cx_db *db, const char *col_sql, const char *value, int64_t except, int64_t *who,
		 char *name, size_t size, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, col_sql, CX_TEXT(value), CX_INT(except));
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	*who = 0;
	if (rc == CX_SQL_ROW) {
		*who = cx_sql_int(st, 0);
		snprintf(name, size, "%s", cx_sql_text(st, 1));
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

/* Normalised copies of the optional contact fields, checked. */
typedef struct contact {
	char email[256];
	const char *handle;
	int has_email;
} contact;

static int check_contact(cx_db *db, const cx_customer_in *in, int64_t self, contact *c, cx_err *err)
{
	int64_t who;
	char name[200];
	int rc;

	c->has_email = in->email && in->email[0];
	if (c->has_email) {
		rc = cx_email_normalize(in->email, c->email, sizeof c->email, err);
		if (rc)
			return rc;
		rc = taken(db, "SELECT id, name FROM customers WHERE lower(email) = lower(?1) AND id <> ?2",
			   c->email, self, &who, name, sizeof name, err);
		if (rc)
			return rc;
		if (who)
			return cx_fail(err, CX_EDATA,
				       "email: %s already belongs to customer %lld, %s (use cx customer edit %lld)",
				       c->email, (long long)who, name, (long long)who);
	}
	c->handle = in->handle;
	if (c->handle && c->handle[0]) {
		if (c->handle[0] == '@')
			c->handle++;
		rc = check_handle(c->handle, err);
		if (rc)
			return rc;
		rc = taken(db, "SELECT id, name FROM customers WHERE lower(handle) = lower(?1) AND id <> ?2",
			   c->handle, self, &who, name, sizeof name, err);
		if (rc)
			return rc;
		if (who)
			return cx_fail(err, CX_EDATA, "handle: @%s already belongs to customer %lld, %s",
				       c->handle, (long long)who, name);
	}
	if (in->phone && in->phone[0] && (rc = check_phone(in->phone, err)))
		return rc;
	if (in->org && (rc = check_text("org", in->org, 200, err)))
		return rc;
	if (in->note && (rc = check_text("note", in->note, 10000, err)))
		return rc;
	if (in->prefers && (rc = check_text("prefers", in->prefers, 100, err)))
		return rc;
	return CX_OK;
}

/* Each tag one word, checked before anything is written (a refused add takes no id). */
static int check_tags(const char *const *tags, int n, cx_err *err)
{
	for (int i = 0; i < n; i++)
		if (!tags[i][0] || strpbrk(tags[i], ", \t\n"))
			return cx_fail(err, CX_EDATA, "tag: \"%s\" must be one word without commas", tags[i]);
	return CX_OK;
}

static int add_tags(cx_db *db, int64_t id, const char *const *tags, int n, cx_err *err)
{
	for (int i = 0; i < n; i++) {
		int rc = cx_sql_do(db, err,
				   "INSERT INTO customer_tags (customer_id, tag) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
				   CX_INT(id), CX_TEXT(tags[i]));
		if (rc)
			return rc;
	}
	return CX_OK;
}

static const char *nz(const char *s)
{
	return s && s[0] ? s : NULL;
}

int cx_customer_add(cx_db *db, const cx_customer_in *in, int64_t *id, cx_err *err)
{
	contact c;
	int rc;
	char *name = in->name ? trim_dup(in->name) : NULL;

	if (!name || !name[0]) {
		free(name);
		return cx_fail(err, CX_EDATA, "name: a customer needs a name");
	}
	if ((rc = check_text("name", name, 200, err)) || (rc = cx_db_need(db, __func__, err))) {
		free(name);
		return rc;
	}
	rc = check_contact(db, in, 0, &c, err);
	if (rc || (rc = check_tags(in->tags, in->ntags, err)))
		goto fail;
	rc = cx_sql_get_int(db, 0, id, err,
			    "INSERT INTO customers (name, email, phone, handle, org, note, prefers,"
			    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
			    " RETURNING id",
			    CX_TEXT(name), CX_TEXT(c.has_email ? c.email : NULL), CX_TEXT(nz(in->phone)),
			    CX_TEXT(nz(c.handle)), CX_TEXT(nz(in->org)), CX_TEXT(nz(in->note)), CX_TEXT(nz(in->prefers)),

			    CX_INT(in->at ? in->at : cx_db_now(db)));
	if (rc)
		goto fail;
	if ((rc = add_tags(db, *id, in->tags, in->ntags, err)))
		goto fail;
	rc = cx_event_log(db, "customer", *id, "create", 0, in->at, err, NULL);
	if (rc)
		goto fail;
	free(name);
	return CX_OK;
fail:
	free(name);
	return rc;
}

int cx_customer_check(cx_db *db, int64_t id, cx_err *err)
{
	int64_t n;
	int rc = cx_sql_get_int(db, 0, &n, err, "SELECT count(*) FROM customers WHERE id = ?1", CX_INT(id));
	if (rc)
		return rc;
	return n ? CX_OK : cx_fail(err, CX_ENOTFOUND, "no customer %lld", (long long)id);
}

int cx_customer_edit(cx_db *db, int64_t id, const cx_customer_in *in, cx_err *err)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
#define F(x) { #x, offsetof(cx_customer_in, x) }
		F(name), F(email), F(phone), F(handle), F(org), F(note), F(prefers),
#undef F
	};
	contact c;
	int rc, changed = 0;
	char list[128] = "";
	char *name = NULL;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = cx_customer_check(db, id, err)) || (rc = check_contact(db, in, id, &c, err)) ||
	    (rc = check_tags(in->tags, in->ntags, err)))
		goto fail;
	/* Trimmed as on add, so a name of blanks is no name. */
	if (in->name && !(name = trim_dup(in->name))) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto fail;
	}
	if (name && !name[0]) {
		rc = cx_fail(err, CX_EDATA, "name: a customer needs a name");
		goto fail;
	}
	if (name && (rc = check_text("name", name, 200, err)))
		goto fail;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = *(const char *const *)((const char *)in + fields[i].off);
		char sql[96];
		if (!v)
			continue;
		if (!strcmp(fields[i].name, "name"))
			v = name;
		else if (!strcmp(fields[i].name, "email"))
			v = c.has_email ? c.email : "";
		else if (!strcmp(fields[i].name, "handle"))
			v = c.handle;
		/* The column name comes from the table above, never from input. */
		snprintf(sql, sizeof sql, "UPDATE customers SET %s = ?2, updated_at = ?3 WHERE id = ?1",
			 fields[i].name);
		if ((rc = cx_sql_do(db, err, sql, CX_INT(id), CX_TEXT(nz(v)), CX_INT(cx_db_now(db)))))
			goto fail;
		/* a new name is found by search from now on, the old one no longer */
		if (!strcmp(fields[i].name, "name") && (rc = cx_search_update(db, CX_SK_CUSTOMER, id, v, err)))
			goto fail;
		if (changed++)
			strncat(list, ",", sizeof list - strlen(list) - 1);
		strncat(list, fields[i].name, sizeof list - strlen(list) - 1);
	}
	if (in->ntags) {
		if ((rc = add_tags(db, id, in->tags, in->ntags, err)))
			goto fail;
		strncat(list, changed++ ? ",tags" : "tags", sizeof list - strlen(list) - 1);
	}
	for (int i = 0; i < in->nuntags; i++) {
		if ((rc = cx_sql_do(db, err, "DELETE FROM customer_tags WHERE customer_id = ?1 AND tag = ?2",
				    CX_INT(id), CX_TEXT(in->untags[i]))))
			goto fail;
		if (i == 0 && !in->ntags)
			strncat(list, changed++ ? ",tags" : "tags", sizeof list - strlen(list) - 1);
	}
	if (!changed) {
		rc = cx_fail(err, CX_EUSAGE, "nothing to change (give at least one field)");
		goto fail;
	}
	if ((rc = cx_event_log(db, "customer", id, "edit", 0, 0, err, "fields", list, NULL)))
		goto fail;
	free(name);
	return CX_OK;
fail:
	free(name);
	return rc;
}

/* Follows merged_into to the customer that holds everything now. */
static int follow_merges(cx_db *db, int64_t *id, cx_err *err)
{
	for (int hops = 0; hops < 100; hops++) {
		int64_t next;
		int rc = cx_sql_get_int(db, 0, &next, err, "SELECT merged_into FROM customers WHERE id = ?1",
					CX_INT(*id));
		if (rc)
			return rc;
		if (!next)
			return CX_OK;
		*id = next;
	}
	return cx_fail(err, CX_EINTERNAL, "customer merges form a loop at %lld", (long long)*id);
}

/* The customer numbered *id, after any merges (one question when it was never merged), or not found. */
static int resolve(cx_db *db, int64_t *id, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, "SELECT merged_into FROM customers WHERE id = ?1", CX_INT(*id));
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	int64_t next = rc == CX_SQL_ROW && !cx_sql_null(st, 0) ? cx_sql_int(st, 0) : 0;
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	if (rc != CX_SQL_ROW)
		return cx_fail(err, CX_ENOTFOUND, "no customer %lld", (long long)*id);
	if (!next)
		return CX_OK;
	*id = next;
	return follow_merges(db, id, err);
}

int cx_customer_by_email(cx_db *db, const char *email, int64_t *id, cx_err *err)
{
	int rc = cx_sql_get_int(db, 0, id, err, "SELECT id FROM customers WHERE lower(email) = lower(?1)",
				CX_TEXT(email));

	if (rc)
		return rc;
	if (!*id)
		return CX_ENOTFOUND;
	return follow_merges(db, id, err);
}

/* Runs a lookup returning (id, name, email) rows; unique → *id, several → the list in err. */
static int lookup(cx_db *db, const char *sql, const char *arg, const char *ref, int64_t *id,
		  cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, sql, CX_TEXT(arg));
	int n = 0;
	char list[600] = "";

	if (rc)
		return rc;
	*id = 0;

	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char one[160];
		if (n++ == 0)
			*id = cx_sql_int(st, 0);
		if (n <= 5) {
			const char *email = cx_sql_text(st, 2);
			snprintf(one, sizeof one, "%s%lld %s%s%s%s", n > 1 ? "; " : "",
				 (long long)cx_sql_int(st, 0), cx_sql_text(st, 1), email ? " <" : "",
				 email ? email : "", email ? ">" : "");
			strncat(list, one, sizeof list - strlen(list) - 1);
		}
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	if (n > 1)
		return cx_fail(err, CX_ENOTFOUND, "\"%s\" matches %d customers: %s%s (use an id or email)",
			       ref, n, list, n > 5 ? "; ..." : "");
	return n;
}

int cx_customer_find(cx_db *db, const char *ref, int64_t *id, cx_err *err)
{
	int rc;
	char *r = ref ? trim_dup(ref) : NULL;

	if (!r || !r[0]) {
		free(r);
		return cx_fail(err, CX_EUSAGE, "empty customer reference");
	}
	const char *p = r;
	int digits = 1;
	for (const char *s = p; *s; s++)
		if (!isdigit((unsigned char)*s))
			digits = 0;
	if (digits) {
		errno = 0;
		*id = strtoll(p, NULL, 10);
		if (errno == ERANGE) {
			rc = cx_fail(err, CX_EUSAGE, "\"%s\" is not a customer number (too large)", p);
			goto out;
		}
		rc = resolve(db, id, err);
		goto out;
	}
	if (p[0] != '@' && strchr(p, '@')) {
		char email[256];
		if ((rc = cx_email_normalize(p, email, sizeof email, err)))
			goto out;
		rc = cx_customer_by_email(db, email, id, err);
		if (rc == CX_ENOTFOUND)
			rc = cx_fail(err, CX_ENOTFOUND, "no customer with email %s", email);
		goto out;
	}
	if (p[0] == '@')
		p++;
	rc = lookup(db, "SELECT id, name, email FROM customers WHERE lower(handle) = lower(?1)", p, r, id,
		    err);
	if (rc < 0 || rc == 1)
		goto found;
	if (r[0] == '@') {
		rc = cx_fail(err, CX_ENOTFOUND, "no customer with handle %s", r);
		goto out;
	}
	rc = lookup(db,
		    "SELECT id, name, email FROM customers WHERE lower(name) = lower(?1)"
		    " AND merged_into IS NULL ORDER BY id",
		    p, r, id, err);
	if (rc < 0 || rc == 1)
		goto found;
	{
		char *pat = cx_sql_like_pattern(p, 0);
		if (!pat) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			goto out;
		}
		rc = lookup(db,
			    "SELECT id, name, email FROM customers WHERE lower(name) LIKE lower(?1) ESCAPE '\\'"
			    " AND merged_into IS NULL ORDER BY id",
			    pat, r, id, err);
		free(pat);
	}


	if (rc == 0)
		rc = cx_fail(err, CX_ENOTFOUND, "no customer \"%s\" (try cx customer list " CX_FIELD("search")
						" %s)", r, r);
found:
	if (rc == 1)
		rc = follow_merges(db, id, err);
out:
	free(r);
	return rc;
}

static const cx_col list_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "name", CX_T_TEXT, 0, 0 },
	{ "email", CX_T_TEXT, 0, 0 },
	{ "phone", CX_T_TEXT, 0, 0 },
	{ "handle", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "org", CX_T_TEXT, 0, 0 },
	{ "tags", CX_T_TEXT, CX_COL_WIDE, 0 },
	{ "open_cases", CX_T_INT, 0, 0 },
	{ "cases", CX_T_INT, 0, 0 },
	{ "created_at", CX_T_TIME, CX_COL_DATE, 0 },
};

int cx_customer_list(cx_db *db, const cx_customer_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	char *pat = NULL;
	int rc;

	cx_sqlbuf_add(&q, "SELECT c.id, c.name, c.email, c.phone, c.handle, c.org, (SELECT ");
	cx_sqlbuf_add(&q, cx_sql_list_fn(db));
	cx_sqlbuf_add(&q,
		      "(tag, ',') FROM (SELECT tag FROM customer_tags t"
		      "   WHERE t.customer_id = c.id ORDER BY tag) AS s),"
		      " (SELECT count(*) FROM cases k WHERE k.customer_id = c.id"
		      "   AND k.status NOT IN ('resolved', 'closed')) AS open_cases,"
		      " (SELECT count(*) FROM cases k WHERE k.customer_id = c.id) AS ncases,"
		      " c.created_at FROM customers c WHERE 1=1");
	if (!f->merged)
		cx_sqlbuf_add(&q, " AND c.merged_into IS NULL");
	if (f->tag)
		cx_sqlbuf_add(&q, " AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id"
				  " AND t.tag = ?1)");
	if (f->text) {
		if (!(pat = cx_sql_like_pattern(f->text, 1))) {
			cx_sqlbuf_free(&q);
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		}
		cx_sqlbuf_add(&q, " AND (lower(c.name) LIKE lower(?2) ESCAPE '\\'"
				  " OR lower(c.email) LIKE lower(?2) ESCAPE '\\'"
				  " OR lower(c.phone) LIKE lower(?2) ESCAPE '\\'"
				  " OR lower(c.handle) LIKE lower(?2) ESCAPE '\\'"
				  " OR lower(c.org) LIKE lower(?2) ESCAPE '\\')");
	}
	if (f->since)
		cx_sqlbuf_add(&q, " AND c.created_at >= ?3");
	const char *sort = f->sort ? f->sort : "name";
	if (!strcmp(sort, "name"))
		cx_sqlbuf_add(&q, " ORDER BY lower(c.name), c.id");
	else if (!strcmp(sort, "created"))
		cx_sqlbuf_add(&q, " ORDER BY c.created_at DESC, c.id DESC");
	else if (!strcmp(sort, "cases"))
		cx_sqlbuf_add(&q, " ORDER BY ncases DESC, c.id");
	else if (!strcmp(sort, "open"))
		cx_sqlbuf_add(&q, " ORDER BY open_cases DESC, c.id");
	else if (!strcmp(sort, "id"))
		cx_sqlbuf_add(&q, " ORDER BY c.id");
	else {
		free(pat);
		cx_sqlbuf_free(&q);
		return cx_words_check(cx_customer_sorts, "sort", sort, CX_EDATA, err);
	}
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " LIMIT ?4");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc) {
		free(pat);
		return rc;
	}
	cx_sql_bind_text(st, 1, f->tag);
	cx_sql_bind_text(st, 2, pat);
	cx_sql_bind_int(st, 3, f->since);
	cx_sql_bind_int(st, 4, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(list_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	free(pat);
	return rc;
}

int cx_customer_profile_ask(cx_db *db, int64_t id, cx_asked *q, cx_err *err)
{
	cx_sqlbuf b = { 0 };
	const char *parts[] = {
		"SELECT c.id, c.name, c.email, c.phone, '@' || c.handle, c.org, (SELECT ", cx_sql_list_fn(db),
		"(tag, ',') FROM (SELECT tag FROM customer_tags t WHERE t.customer_id = c.id ORDER BY tag) AS s),"
		" c.prefers,"
		" (SELECT channel FROM cases k WHERE k.customer_id = c.id AND channel IS NOT NULL"
		"   GROUP BY channel ORDER BY count(*) DESC, max(opened_at) DESC LIMIT 1),"
		" c.note,"
		" (SELECT count(*) FROM cases k WHERE k.customer_id = c.id"
		"   AND k.status NOT IN ('resolved', 'closed')),"
		" (SELECT count(*) FROM cases k WHERE k.customer_id = c.id"
		"   AND k.status IN ('resolved', 'closed')),"
		" c.created_at, (SELECT ", cx_sql_list_fn(db),
		"(CAST(id AS TEXT), ',') FROM (SELECT id FROM customers m WHERE m.merged_into = c.id ORDER BY id) AS s)"
		" FROM customers c WHERE c.id = ?1",
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		cx_sqlbuf_add(&b, parts[i]);
	int rc = b.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_ask(db, q, b.s, id, 0, err);
	cx_sqlbuf_free(&b);
	return rc;
}

int cx_customer_profile_show(cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "name", CX_T_TEXT, 0, 0 },
		{ "email", CX_T_TEXT, 0, 0 },
		{ "phone", CX_T_TEXT, 0, 0 },
		{ "handle", CX_T_TEXT, 0, 0 },
		{ "org", CX_T_TEXT, 0, 0 },
		{ "tags", CX_T_TEXT, 0, 0 },
		{ "prefers", CX_T_TEXT, 0, 0 },
		{ "usual_channel", CX_T_TEXT, 0, 0 },
		{ "note", CX_T_TEXT, 0, 0 },
		{ "open_cases", CX_T_INT, 0, 0 },
		{ "closed_cases", CX_T_INT, 0, 0 },
		{ "customer_since", CX_T_TIME, CX_COL_DATE, 0 },
		{ "merged_from", CX_T_TEXT, 0, 0 },
	};
	cx_out_begin(out, "customer", NULL, CX_LAY_RECORD, CX_COLS(cols));
	int rc = cx_sql_to_out(cx_asked_next(q), out, err);
	cx_out_end(out);
	return rc;
}

int cx_customer_profile(cx_db *db, int64_t id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_customer_profile_ask(db, id, &q, err);
	if (rc == CX_OK)
		rc = cx_customer_profile_show(&q, out, err);
	cx_asked_free(&q);
	return rc;
}

int cx_customer_show(cx_db *db, int64_t id, cx_out *out, cx_err *err)
{
	static const cx_col case_cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "status", CX_T_TEXT, 0, 0 },
		{ "priority", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "opened_at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "owner", CX_T_TEXT, 0, 0 },
		{ "outcome", CX_T_TEXT, 0, 0 },
		{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	static const cx_col note_cols[] = {
		{ "id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "at", CX_T_TIME, 0, 0 },
		{ "case_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "where", CX_T_TEXT, 0, 0 },
		{ "visibility", CX_T_TEXT, 0, 0 },
		{ "kind", CX_T_TEXT, 0, 0 },
		{ "author", CX_T_TEXT, 0, 0 },
		{ "body", CX_T_TEXT, 0, 0 },
	};
	cx_asked q = { 0 };
	cx_stmt *st;
	int64_t n;
	/* all asked at once; the first answer says whether there is anyone to show */
	int rc = cx_ask(db, &q, "SELECT count(*) FROM customers WHERE id = ?1", id, 0, err);
	if (rc == CX_OK)
		rc = cx_customer_profile_ask(db, id, &q, err);
	if (rc == CX_OK)
		rc = cx_ask(db, &q,
			    "SELECT id, status, priority, opened_at, owner, outcome, title FROM cases"
			    " WHERE customer_id = ?1 ORDER BY opened_at DESC, id DESC",
			    id, 0, err);
	if (rc == CX_OK)
		rc = cx_ask(db, &q,
			    "SELECT id, created_at, case_id,"
			    " CASE WHEN case_id IS NULL THEN 'customer' ELSE 'case ' || case_id END,"
			    " CASE public WHEN 1 THEN 'public' ELSE 'internal' END, kind, author, body"
			    " FROM notes WHERE customer_id = ?1 ORDER BY created_at, id",
			    id, 0, err);
	if (rc == CX_OK && (rc = cx_sql_one_int(cx_asked_next(&q), 0, &n, err)) == CX_OK && !n)
		rc = cx_fail(err, CX_ENOTFOUND, "no customer %lld", (long long)id);
	if (rc == CX_OK)
		rc = cx_customer_profile_show(&q, out, err);
	if (rc == CX_OK) {
		cx_out_begin(out, "cases", NULL, CX_LAY_TABLE, CX_COLS(case_cols));
		rc = cx_sql_to_out(cx_asked_next(&q), out, err);
	}
	if (rc == CX_OK) {
		cx_out_end(out);
		st = cx_asked_next(&q);
		cx_out_begin(out, "notes", NULL, CX_LAY_LOG, CX_COLS(note_cols));
		rc = cx_sql_to_out(st, out, err);
		cx_out_end(out);
	}
	cx_asked_free(&q);
	return rc;
}

int cx_customer_label_ask(cx_db *db, int64_t id, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q, "SELECT name, email FROM customers WHERE id = ?1", id, 0, err);
}

int cx_customer_label_take(cx_asked *q, int64_t id, char *buf, size_t size, cx_err *err)
{
	cx_stmt *st = cx_asked_next(q);
	int rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		const char *email = cx_sql_text(st, 1);
		snprintf(buf, size, "%s%s%s%s", cx_sql_text(st, 0), email ? " <" : "", email ? email : "",
			 email ? ">" : "");
		rc = CX_OK;
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no customer %lld", (long long)id);
	}
	cx_sql_finalize(st);
	return rc;
}

int cx_customer_label(cx_db *db, int64_t id, char *buf, size_t size, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_customer_label_ask(db, id, &q, err);
	if (rc == CX_OK)
		rc = cx_customer_label_take(&q, id, buf, size, err);
	cx_asked_free(&q);
	return rc;
}
