/*
 * Survey export layouts: recognising the tool from its header, the extra
 * header rows some tools write, the tool's bookkeeping columns, and the
 * NPS, CSAT, CES and comment questions from their English wording.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql.h"
#include "survey_layout.h"

const char *const cx_role_names[CX_ROLE_N] = { "nps", "csat", "ces", "comment", "email", "name", "id", "at" };
const char *const cx_role_options[CX_ROLE_N] = { "nps", "csat", "ces", "comment", "email", "respondent", "id", "at" };

typedef struct meta_def {
	const char *name;
	col_kind kind;
	int role; /* for COL_ROLE */
} meta_def;

typedef struct tool_def {
	const char *name;
	const char *sig[5];   /* headers that must all be present */
	const char *first;    /* what the first header must be, if anything */
	const meta_def *meta; /* the tool's own columns, ends with a zero entry */
	const char *done_value;
	int at_required;
	const char *zone;
} tool_def;

#define ROLE(n, r) { n, COL_ROLE, CX_ROLE_##r }
#define META(n) { n, COL_META, 0 }

static const meta_def qualtrics_meta[] = {
	{ "StartDate", COL_AT2, 0 }, ROLE("EndDate", AT), { "Status", COL_STATUS, 0 }, META("IPAddress"),
	META("Progress"), META("Duration (in seconds)"), { "Finished", COL_FINISHED, 0 },
	META("RecordedDate"), ROLE("ResponseId", ID), ROLE("ResponseID", ID),
	{ "RecipientLastName", COL_LAST, 0 }, { "RecipientFirstName", COL_FIRST, 0 },
	ROLE("RecipientEmail", EMAIL), META("ExternalReference"), META("ExternalDataReference"),
	META("LocationLatitude"), META("LocationLongitude"), META("DistributionChannel"),
	META("UserLanguage"), META("Q_RecaptchaScore"), META("Q_RelevantIDDuplicate"),
	META("Q_RelevantIDDuplicateScore"), META("Q_RelevantIDFraudScore"), META("Q_RelevantIDLastStartDate"),
	{ 0 },
};
static const meta_def surveymonkey_meta[] = {
	ROLE("Respondent ID", ID), META("Collector ID"), { "Start Date", COL_AT2, 0 }, ROLE("End Date", AT),
	META("IP Address"), ROLE("Email Address", EMAIL), { "First Name", COL_FIRST, 0 },
	{ "Last Name", COL_LAST, 0 }, META("Custom Data 1"), META("Custom Data 2"), META("Custom Data"),
	{ 0 },
};
static const meta_def typeform_meta[] = {
	ROLE("#", ID), ROLE("Token", ID), { "Start Date (UTC)", COL_AT2, 0 }, META("Stage Date (UTC)"),
	ROLE("Submit Date (UTC)", AT), META("Network ID"), META("Tags"), META("Ending"),
	{ "Response Type", COL_DONE, 0 },
	{ 0 },
};
static const meta_def google_meta[] = {
	ROLE("Timestamp", AT), ROLE("Email Address", EMAIL), ROLE("Email address", EMAIL), META("Score"),
	{ 0 },
};
static const meta_def msforms_meta[] = {
	ROLE("ID", ID), { "Start time", COL_AT2, 0 }, ROLE("Completion time", AT), ROLE("Email", EMAIL),
	ROLE("Name", NAME), META("Last modified time"), META("Total points"), META("Quiz feedback"),
	{ 0 },
};
static const meta_def jotform_meta[] = {
	ROLE("Submission Date", AT), ROLE("Submission ID", ID), META("Submission IP"), META("IP"),
	META("Last Update Date"), META("Submission URL"), META("Edit Link"),
	{ 0 },
};
static const meta_def limesurvey_meta[] = {
	ROLE("id", ID), ROLE("Response ID", ID), ROLE("submitdate", AT), ROLE("Date submitted", AT),
	META("lastpage"), META("Last page"), META("startlanguage"), META("Start language"), META("seed"),
	META("Seed"), { "startdate", COL_AT2, 0 }, { "Date started", COL_AT2, 0 }, META("datestamp"),
	META("Date last action"), META("ipaddr"), META("IP address"), META("refurl"),
	META("Referrer URL"), META("token"), META("Access code"), META("Token"),
	{ 0 },
};
static const meta_def alchemer_meta[] = {
	ROLE("Response ID", ID), { "Time Started", COL_AT2, 0 }, ROLE("Date Submitted", AT),
	{ "Status", COL_DONE, 0 }, META("Contact ID"), META("Legacy Comments"), META("Comments"),
	META("Language"), META("Referer"), META("Extended Referer"), META("SessionID"),
	META("User Agent"), META("Extended User Agent"), META("Tags"), META("IP Address"),
	META("Longitude"), META("Latitude"), META("Country"), META("City"), META("State/Region"),
	META("Postal"), META("Region"),
	{ 0 },
};
static const meta_def delighted_meta[] = {
	ROLE("Response ID", ID), ROLE("id", ID), META("Person ID"), META("person"), META("person_id"),
	{ "survey_type", COL_SCORE_TYPE, 0 }, { "Survey Type", COL_SCORE_TYPE, 0 }, ROLE("Name", NAME),
	ROLE("person_name", NAME), ROLE("Email", EMAIL), ROLE("person_email", EMAIL),
	ROLE("Score", NPS), ROLE("score", NPS), ROLE("Comment", COMMENT), ROLE("comment", COMMENT),
	ROLE("Created At", AT), ROLE("created_at", AT), ROLE("Response Timestamp", AT),
	META("Updated At"), META("updated_at"), META("Permalink"), META("permalink"), META("Notes"),
	META("notes"), META("Tags"), META("tags"), META("Delighted Source"), META("delighted_source"), META("Delighted Country"), META("Delighted Device Type"),
	META("Delighted Operating System"), META("Delighted Browser"),
	{ 0 },
};

static const tool_def tools[] = {
	{ "qualtrics", { "ResponseId", "StartDate", "Finished" }, NULL, qualtrics_meta, NULL, 0, NULL },
	{ "surveymonkey", { "Respondent ID", "Collector ID" }, NULL, surveymonkey_meta, NULL, 0, NULL },
	{ "alchemer", { "Response ID", "Time Started", "Date Submitted", "Status" }, NULL, alchemer_meta,
	  "Complete", 0, NULL },
	{ "limesurvey", { "submitdate", "lastpage" }, NULL, limesurvey_meta, NULL, 1, NULL },
	{ "limesurvey", { "Date submitted", "Last page" }, NULL, limesurvey_meta, NULL, 1, NULL },
	{ "typeform", { "Submit Date (UTC)" }, "#", typeform_meta, "completed", 1, "UTC" },
	{ "typeform", { "Network ID" }, "#", typeform_meta, "completed", 1, "UTC" },
	{ "microsoft-forms", { "ID", "Start time", "Completion time" }, NULL, msforms_meta, NULL, 0, NULL },
	{ "jotform", { "Submission Date" }, NULL, jotform_meta, NULL, 0, NULL },
	{ "delighted", { "Score", "Created At" }, NULL, delighted_meta, NULL, 0, NULL },
	{ "delighted", { "score", "created_at" }, NULL, delighted_meta, NULL, 0, NULL },
	{ "google-forms", { "Timestamp" }, "Timestamp", google_meta, NULL, 0, NULL },
};

const char *const cx_survey_tools[] = {
	"auto", "surveymonkey", "typeform", "google-forms", "qualtrics", "microsoft-forms",
	"jotform", "limesurvey", "alchemer", "delighted", "generic", NULL,
};

static int same(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	size_t n = strlen(a);
	while (n && a[n - 1] == ' ')
		n--;
	return strlen(b) == n && !strncasecmp(a, b, n);
}

static int has_header(const cx_row *h, const char *name)
{
	for (int i = 0; i < h->n; i++)
		if (same(h->f[i], name))
			return 1;
	return 0;
}

static const tool_def *detect(const cx_row *h)
{
	for (size_t t = 0; t < sizeof tools / sizeof tools[0]; t++) {
		int ok = !tools[t].first || (h->n > 0 && same(h->f[0], tools[t].first));
		for (int k = 0; ok && k < 5 && tools[t].sig[k]; k++)
			ok = has_header(h, tools[t].sig[k]);
		if (ok)
			return &tools[t];
	}
	return NULL;
}

static const tool_def *by_name(const char *name)
{
	for (size_t t = 0; t < sizeof tools / sizeof tools[0]; t++)
		if (!strcmp(tools[t].name, name))
			return &tools[t];
	return NULL;
}

static int contains(const char *hay, const char *needle)
{
	return strcasestr(hay, needle) != NULL;
}

/* What a question is, from its English wording; -1 when it is none of ours. */
static int recognise(const char *text)
{
	if (contains(text, "_NPS_GROUP"))
		return -1;
	if ((contains(text, "recommend") && contains(text, "likel")) || same(text, "nps") ||
	    contains(text, "net promoter"))
		return CX_ROLE_NPS;
	if (contains(text, "easy") || contains(text, "effort") || contains(text, "ease of") ||
	    contains(text, "difficult") || same(text, "ces"))
		return CX_ROLE_CES;
	if (contains(text, "satisf") || same(text, "csat"))
		return CX_ROLE_CSAT;
	if (contains(text, "email") || contains(text, "e-mail"))
		return CX_ROLE_EMAIL;
	static const char *const comment_words[] = {
		"reason", "why", "comment", "anything else", "tell us", "feedback", "suggest",
		"improve", "explain", "what could we", "what can we", "what did you", NULL,
	};
	for (int i = 0; comment_words[i]; i++)
		if (contains(text, comment_words[i]))
			return CX_ROLE_COMMENT;
	static const char *const names[] = { "name", "full name", "your name", "what is your name",
					     "what's your name", "customer name", NULL };
	for (int i = 0; names[i]; i++)
		if (same(text, names[i]) || (i >= 2 && contains(text, names[i])))
			return CX_ROLE_NAME;
	return -1;
}

/* Plain exports with no tool: the usual names of id and time columns. */
static int generic_meta(const char *text)
{
	static const char *const ids[] = { "id", "response id", "response_id", "respondent id",
					   "respondent_id", "submission id", "uuid", NULL };
	static const char *const ats[] = { "date", "timestamp", "submitted", "submitted at", "submitted_at",
					   "submission date", "created", "created at", "created_at",
					   "date submitted", "completed", "completed at", "completion time",
					   "time", "response date", "responded at", NULL };
	for (int i = 0; ids[i]; i++)
		if (same(text, ids[i]))
			return CX_ROLE_ID;
	for (int i = 0; ats[i]; i++)
		if (same(text, ats[i]))
			return CX_ROLE_AT;
	return -1;
}

/*
 * Finds the column an option names (--nps/--email/..., --complete): a 1-based
 * number or a header. A header two columns share is not a choice cx makes:
 * -3, with both in *dup.
 */
static int find_column(const survey_layout *l, const cx_row *h1, const char *spec, int dup[2])
{
	char *end;
	int hit = -2;
	long n = strtol(spec, &end, 10);
	if (spec[0] && !*end)
		return n >= 1 && n <= l->ncols ? (int)n - 1 : -2;
	for (int i = 0; i < l->ncols; i++) {
		if (!same(l->cols[i].key, spec) && !(i < h1->n && same(h1->f[i], spec)))
			continue;
		if (hit >= 0) {
			dup[0] = hit;
			dup[1] = i;
			return -3;
		}
		hit = i;
	}
	return hit;
}

/* The message for an option naming a column two share, or none. */
static int column_refused(const char *file, const char *opt, const char *spec, int c, const int dup[2], cx_err *err)
{
	if (c == -3)
		return cx_fail(err, CX_EDATA,
			       "%s:1: --%s: columns %d and %d are both \"%.80s\" (name the one you mean by its number: --%s %d or --%s %d)",
			       file, opt, dup[0] + 1, dup[1] + 1, spec, opt, dup[0] + 1, opt, dup[1] + 1);
	return cx_fail(err, CX_EDATA, "%s:1: --%s: no column \"%s\" in this file", file, opt, spec);
}

static int copy_row(cx_row *dst, char ***store, const cx_row *src)
{
	*store = calloc((size_t)src->n + 1, sizeof **store);
	if (!*store)
		return -1;
	for (int i = 0; i < src->n; i++)
		if (!((*store)[i] = strdup(src->f[i])))
			return -1;
	*dst = *src;
	dst->f = *store;
	return 0;
}

static void free_row(char **f, int n)
{
	if (!f)
		return;
	for (int i = 0; i < n; i++)
		free(f[i]);
	free(f);
}

/* The time zone in a Qualtrics ImportId cell, read with the database's JSON functions. */
static void qualtrics_zone(cx_db *db, const char *cell, char *zone, size_t size)
{
	cx_stmt *st;
	if (cx_sql_prepare(db, "SELECT json_extract(?1, '$.timeZone') WHERE json_valid(?1)", &st, NULL))
		return;
	cx_sql_bind_text(st, 1, cell);
	if (cx_sql_step(st, NULL) == CX_SQL_ROW && cx_sql_text(st, 0))
		snprintf(zone, size, "%s", cx_sql_text(st, 0));
	cx_sql_finalize(st);
}

int survey_layout_read(cx_db *db, cx_csv *r, const cx_survey_import_opts *o, survey_layout *l,
		       cx_row *row, int *pending, cx_err *err)
{
	const char *name = cx_csv_name(r);
	cx_row h1, h2 = { 0 };
	char **h1s = NULL, **h2s = NULL;
	const tool_def *tool = NULL;
	int rc;

	memset(l, 0, sizeof *l);
	*pending = 0;
	rc = cx_csv_next(r, row, err);
	if (rc <= 0)
		return rc < 0 ? rc : cx_fail(err, CX_EDATA, "%s:1: the file is empty (export the survey again)", name);
	if (copy_row(&h1, &h1s, row))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	l->ncols = h1.n;
	l->header_rows = 1;

	const char *want = o->tool && strcmp(o->tool, "auto") ? o->tool : NULL;
	if (want && strcmp(want, "generic")) {
		tool = by_name(want);
		if (!tool) {
			rc = cx_fail(err, CX_EUSAGE, "--tool: \"%s\" is not a tool cx knows", want);
			goto out;
		}
	} else if (!want) {
		tool = detect(&h1);
	}
	snprintf(l->tool, sizeof l->tool, "%s", tool ? tool->name : "generic");
	l->done_value = tool ? tool->done_value : NULL;
	l->at_required = tool ? tool->at_required : 0;
	snprintf(l->zone, sizeof l->zone, "%s", tool && tool->zone ? tool->zone : o->zone ? o->zone : "");

	/* Qualtrics: question texts in row 2, ImportId JSON in row 3. SurveyMonkey: sub-headers in row 2. */
	int is_q = tool && !strcmp(tool->name, "qualtrics"), is_sm = tool && !strcmp(tool->name, "surveymonkey");
	if (is_q || is_sm) {
		rc = cx_csv_next(r, row, err);
		if (rc < 0)
			goto out;
		if (rc == 0 || row->n != h1.n) {
			rc = cx_fail(err, CX_EDATA, "%s:2: a %s export has a second header row with %d fields",
				     name, l->tool, h1.n);
			goto out;
		}
		if (copy_row(&h2, &h2s, row)) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			goto out;
		}
		l->header_rows = 2;
		if (is_q) {
			rc = cx_csv_next(r, row, err);
			if (rc < 0)
				goto out;
			if (rc == 1 && row->n > 0 && strstr(row->f[0], "ImportId")) {
				l->header_rows = 3;
				if (!o->zone) {
					int at = -1;
					for (int i = 0; i < h1.n; i++)
						if (same(h1.f[i], "EndDate"))
							at = i;
					if (at >= 0 && at < row->n)
						qualtrics_zone(db, row->f[at], l->zone, sizeof l->zone);
				}
			} else if (rc == 1) {
				*pending = 1; /* an older export: this is already a response */
			}
		}
	}

	l->cols = calloc((size_t)l->ncols, sizeof *l->cols);
	if (!l->cols) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	for (int k = 0; k < CX_ROLE_N; k++)
		l->role_col[k] = -1;
	l->first_col = l->last_col = l->status_col = l->finished_col = l->done_col = l->at2_col = -1;
	l->type_col = -1;
	l->complete_col = -1;

	/* The name of each column: Qualtrics' question text; SurveyMonkey's question and option. */
	const char *carry = "";
	for (int i = 0; i < l->ncols; i++) {
		const char *key = h1.f[i];
		char buf[1024];
		if (is_q && h2.f[i][0] && !strstr(h1.f[i], "_NPS_GROUP"))
			key = h2.f[i];
		if (is_sm) {
			if (h1.f[i][0])
				carry = h1.f[i];
			const char *sub = h2.f[i];
			if (!h1.f[i][0] || (sub[0] && !same(sub, "Response") && !same(sub, "Open-Ended Response"))) {
				snprintf(buf, sizeof buf, "%s / %s", carry, sub);
				key = sub[0] ? buf : carry;
			} else {
				key = carry;
			}
		}
		l->cols[i].key = strdup(key);
		if (!l->cols[i].key) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			goto out;
		}
		l->cols[i].kind = COL_EXTRA;
		/* the tool's own columns, by their header in row 1 */
		int meta = 0;
		for (const meta_def *m = tool ? tool->meta : NULL; m && m->name; m++) {
			if (!same(h1.f[i], m->name))
				continue;
			meta = 1;
			l->cols[i].kind = m->kind;
			if (m->kind == COL_ROLE && l->role_col[m->role] < 0) {
				l->cols[i].role = (cx_role)m->role;
				l->role_col[m->role] = i;
			} else if (m->kind == COL_ROLE) {
				l->cols[i].kind = COL_META;
			}
			if (m->kind == COL_FIRST) l->first_col = i;
			if (m->kind == COL_LAST) l->last_col = i;
			if (m->kind == COL_STATUS) l->status_col = i;
			if (m->kind == COL_FINISHED) l->finished_col = i;
			if (m->kind == COL_DONE) l->done_col = i;
			if (m->kind == COL_AT2) l->at2_col = i;
			if (m->kind == COL_SCORE_TYPE) l->type_col = i;
			break;
		}
		if (meta)
			continue;
		if (is_q && strstr(h1.f[i], "_NPS_GROUP")) {
			l->cols[i].kind = COL_META; /* Promoter/Passive/Detractor: never a score */
			continue;
		}
		/* Questions by wording; the later columns of a SurveyMonkey multi-column question are options. */
		int role = -1;
		if (!tool)
			role = generic_meta(h1.f[i]);
		int option = is_sm && (!h1.f[i][0] || (h2.f[i][0] && !same(h2.f[i], "Response") &&
							      !same(h2.f[i], "Open-Ended Response")));
		if (role < 0 && !option)
			role = recognise(key);
		if (role >= 0 && l->role_col[role] < 0) {
			l->cols[i].kind = COL_ROLE;
			l->cols[i].role = (cx_role)role;
			l->role_col[role] = i;
		}
	}

	/* The columns the options name, each field its own. */
	int given[CX_ROLE_N], dup[2];
	for (int k = 0; k < CX_ROLE_N; k++) {
		given[k] = -1;
		if (!o->col[k])
			continue;
		if ((given[k] = find_column(l, &h1, o->col[k], dup)) < 0) {
			rc = column_refused(name, cx_role_options[k], o->col[k], given[k], dup, err);
			goto out;
		}
		for (int j = 0; j < k; j++)
			if (given[j] == given[k]) {
				rc = cx_fail(err, CX_EUSAGE,
					     "--%s and --%s both name column %d (\"%.60s\"): a column holds one field (name another for one of them)",
					     cx_role_options[j], cx_role_options[k], given[k] + 1, l->cols[given[k]].key);
				goto out;
			}
	}
	/*
	 * A field recognised in a column whose header another column repeats is
	 * a guess between the two: asked for, not made (unless an option names it).
	 */
	for (int k = 0; k < CX_ROLE_N; k++) {
		int c = l->role_col[k];
		if (c < 0 || given[k] >= 0)
			continue;
		for (int j = 0; j < l->ncols; j++)
			if (j != c && same(l->cols[j].key, l->cols[c].key)) {
				int a = c < j ? c : j, b = c < j ? j : c;
				rc = cx_fail(err, CX_EDATA,
					     "%s:1: columns %d and %d are both \"%.60s\": which is --%s? (name it by its number: --%s %d or --%s %d)",
					     name, a + 1, b + 1, l->cols[c].key, cx_role_options[k], cx_role_options[k], a + 1,
					     cx_role_options[k], b + 1);
				goto out;
			}
	}
	/* Options win over everything recognised; a score question an option takes for another field is said so. */
	int lost = -1, lost_to = -1;
	for (int k = 0; k < CX_ROLE_N; k++) {
		int c = given[k];
		if (c < 0)
			continue;
		if (l->role_col[k] >= 0 && l->role_col[k] != c)
			l->cols[l->role_col[k]].kind = COL_EXTRA;
		for (int j = 0; j < CX_ROLE_N; j++)
			if (j != k && l->role_col[j] == c && given[j] < 0) {
				if (j <= CX_ROLE_CES) {
					lost = j;
					lost_to = k;
				}
				l->role_col[j] = -1;
			}
		l->role_col[k] = c;
		l->cols[c].kind = COL_ROLE;
		l->cols[c].role = (cx_role)k;
	}
	if (o->complete) {
		const char *eq = strchr(o->complete, '=');
		char colname[512];
		if (!eq || eq == o->complete) {
			rc = cx_fail(err, CX_EUSAGE, "--complete: write COLUMN=VALUE, e.g. --complete Status=Complete");
			goto out;
		}
		snprintf(colname, sizeof colname, "%.*s", (int)(eq - o->complete), o->complete);
		int c = find_column(l, &h1, colname, dup);
		if (c < 0) {
			rc = column_refused(name, "complete", colname, c, dup, err);
			goto out;
		}
		l->complete_col = c;
		snprintf(l->complete_value, sizeof l->complete_value, "%s", eq + 1);
		if (l->cols[c].kind == COL_EXTRA)
			l->cols[c].kind = COL_META;
	}
	if (l->role_col[CX_ROLE_NPS] < 0 && l->role_col[CX_ROLE_CSAT] < 0 && l->role_col[CX_ROLE_CES] < 0 && lost >= 0) {
		rc = cx_fail(err, CX_EDATA,
			     "%s:1: no NPS, CSAT or CES question left: --%s takes column %d (\"%.60s\"), which would be the %s"
			     " question (name a score question: --nps COL, --csat COL or --ces COL)",
			     name, cx_role_options[lost_to], given[lost_to] + 1, l->cols[given[lost_to]].key,
			     lost == CX_ROLE_NPS ? "NPS" : lost == CX_ROLE_CSAT ? "CSAT" : "CES");
		goto out;
	}
	if (l->role_col[CX_ROLE_NPS] < 0 && l->role_col[CX_ROLE_CSAT] < 0 && l->role_col[CX_ROLE_CES] < 0) {
		rc = cx_fail(err, CX_EDATA,
			     "%s:1: no NPS, CSAT or CES question found in a %s layout (name the columns: --nps COL, --csat COL, --ces COL)",
			     name, tool ? l->tool : "file of unknown");
		goto out;
	}
	for (int i = 0; i < l->ncols; i++)
		if (l->cols[i].kind == COL_EXTRA)
			l->nextra++;
	rc = CX_OK;
out:
	free_row(h1s, h1.n);
	free_row(h2s, h2.n);
	return rc;
}

void survey_layout_free(survey_layout *l)
{
	for (int i = 0; l->cols && i < l->ncols; i++)
		free(l->cols[i].key);
	free(l->cols);
	l->cols = NULL;
}

void survey_layout_describe(const survey_layout *l, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; k < CX_ROLE_N; k++) {
		int c = l->role_col[k];
		if (c < 0)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s=%d \"%.60s%s\"", used ? ", " : "", cx_role_names[k],
				 c + 1, l->cols[c].key, strlen(l->cols[c].key) > 60 ? "..." : "");
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}
