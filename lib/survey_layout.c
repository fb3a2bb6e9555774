/*
 * Survey export layouts: recognising the tool from its header, the extra
 * header rows some tools write, the tool's bookkeeping columns, and the
 * NPS, CSAT, CES, comment and e-mail columns from their headers (in English,
 * Spanish and German wording, and the scale a header states) and from their
 * answers together; a choice cx cannot make is asked, not guessed.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cx/customer.h"
#include "json_value.h"
#include "store/sql.h"
#include "survey_layout.h"
#include "hash.h"

const char *const cx_role_names[CX_ROLE_N] = { "nps", "csat", "ces", "comment", "email", "name", "id", "at", "case",
					       "continue" };
const char *const cx_role_fields[CX_ROLE_N] = { "nps", "csat", "ces", "comment", "email", "respondent", "id", "at",
						 "case", "continue" };

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
	/* the same columns in a Spanish and a German Google account */
	ROLE("Marca temporal", AT), ROLE("Dirección de correo electrónico", EMAIL), META("Puntuación"),
	ROLE("Zeitstempel", AT), ROLE("E-Mail-Adresse", EMAIL), META("Punkte"),
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
	{ "google-forms", { "Marca temporal" }, "Marca temporal", google_meta, NULL, 0, NULL },
	{ "google-forms", { "Zeitstempel" }, "Zeitstempel", google_meta, NULL, 0, NULL },
};

const char *const cx_survey_tools[] = {
	"auto", "surveymonkey", "typeform", "google-forms", "qualtrics", "microsoft-forms",
	"jotform", "limesurvey", "alchemer", "delighted", "generic", NULL,
};

typedef struct label {
	const char *text;
	int value;
} label;

/* Scale labels as the tools write them; the number is the point on the scale. */
static const label csat_labels[] = {
	{ "very dissatisfied", 1 }, { "extremely dissatisfied", 1 }, { "completely dissatisfied", 1 },
	{ "dissatisfied", 2 }, { "somewhat dissatisfied", 2 }, { "unsatisfied", 2 },
	{ "neutral", 3 }, { "neither satisfied nor dissatisfied", 3 },
	{ "somewhat satisfied", 4 }, { "satisfied", 4 },
	{ "very satisfied", 5 }, { "extremely satisfied", 5 }, { "completely satisfied", 5 },
	{ "strongly disagree", 1 }, { "disagree", 2 }, { "neither agree nor disagree", 3 },
	{ "agree", 4 }, { "strongly agree", 5 },
	{ "very poor", 1 }, { "poor", 2 }, { "fair", 3 }, { "average", 3 }, { "good", 4 },
	{ "very good", 5 }, { "excellent", 5 },
	{ NULL, 0 },
};
static const label ces_labels[] = {
	{ "strongly disagree", 1 }, { "disagree", 2 }, { "somewhat disagree", 3 },
	{ "neither agree nor disagree", 4 }, { "neutral", 4 }, { "somewhat agree", 5 }, { "agree", 6 },
	{ "strongly agree", 7 },
	{ "extremely difficult", 1 }, { "very difficult", 1 }, { "difficult", 2 }, { "somewhat difficult", 3 },
	{ "neither easy nor difficult", 4 }, { "somewhat easy", 5 }, { "easy", 6 }, { "very easy", 7 },
	{ "extremely easy", 7 },
	{ NULL, 0 },
};
static const label nps_labels[] = {
	{ "not at all likely", 0 }, { "extremely unlikely", 0 }, { "extremely likely", 10 },
	{ NULL, 0 },
};

static const struct {
	const label *labels;
	int lo, hi;
	const char *what;
} scales[] = {
	[CX_ROLE_NPS] = { nps_labels, 0, 10, "an NPS score from 0 to 10" },
	[CX_ROLE_CSAT] = { csat_labels, 1, 5, "a CSAT score from 1 to 5" },
	[CX_ROLE_CES] = { ces_labels, 1, 7, "a CES score from 1 to 7" },
};

int survey_score_parse(const char *s, cx_role role, int *v)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*v = -1;
	if (n == 0)
		return 0;
	if (isdigit((unsigned char)*s)) {
		char *end;
		long x = strtol(s, &end, 10);
		if (*end == '.') {
			/* "9.0" is 9; "8.5" is not a scale point */
			const char *q = end + 1;
			while (*q == '0')
				q++;
			if (isdigit((unsigned char)*q))
				return -1;
			end = (char *)q;
		}
		while (*end == ' ')
			end++;
		/* "10 - Extremely likely", "5 (Very satisfied)", "10 = extremely likely" */
		if ((size_t)(end - s) < n && !strchr("-=(:", *end) && !(end[0] == '\xe2'))
			return -1;
		if (x < scales[role].lo || x > scales[role].hi)
			return -1;
		*v = (int)x;
		return 0;
	}
	for (const label *l = scales[role].labels; l->text; l++)
		if (strlen(l->text) == n && !strncasecmp(s, l->text, n)) {
			*v = l->value;
			return 0;
		}
	return -1;
}

const char *const survey_scale_what[3] = { "an NPS score from 0 to 10", "a CSAT score from 1 to 5", "a CES score from 1 to 7" };

static int has_header(const cx_row *h, const char *name)
{
	for (int i = 0; i < h->n; i++)
		if (cx_csv_header_is(h->f[i], name))
			return 1;
	return 0;
}

static const tool_def *detect(const cx_row *h)
{
	for (size_t t = 0; t < sizeof tools / sizeof tools[0]; t++) {
		int ok = !tools[t].first || (h->n > 0 && cx_csv_header_is(h->f[0], tools[t].first));
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

/*
 * What a question is from its English wording alone, as cx read it before it
 * read answers: a score question whose answers are off its scale is still
 * taken by it, so that the import names the row.
 */
static int recognise(const char *text)
{
	if (contains(text, "_NPS_GROUP"))
		return -1;
	if ((contains(text, "recommend") && contains(text, "likel")) || cx_csv_header_is(text, "nps") ||
	    contains(text, "net promoter"))
		return CX_ROLE_NPS;
	if (contains(text, "easy") || contains(text, "effort") || contains(text, "ease of") ||
	    contains(text, "difficult") || cx_csv_header_is(text, "ces"))
		return CX_ROLE_CES;
	if (contains(text, "satisf") || cx_csv_header_is(text, "csat"))
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
		if (cx_csv_header_is(text, names[i]) || (i >= 2 && contains(text, names[i])))
			return CX_ROLE_NAME;
	return -1;
}

/*
 * Words in a header, each matched anywhere in it, case-insensitively (ASCII);
 * the word found is shown as the reason. English, Spanish and German wording.
 */
static const char *const nps_words[] = { "recommend", "recomend", "recomiend", "empfehl", "net promoter", NULL };
static const char *const csat_words[] = { "satisf", "zufrieden", NULL };
static const char *const ces_words[] = { "easy", "effort", "ease of", "difficult", "fácil", "facil", "esfuerzo",
					 "difícil", "dificil", "einfach", "aufwand", "schwierig", "mühelos", NULL };
static const char *const *const score_words[3] = { nps_words, csat_words, ces_words };
/* A rating without saying of what: the answers' scale tells which score it is. */
static const char *const rating_words[] = { "rate ", "rate?", "rate:", "rating", "scale", "score", "valora", "califica", "puntúa",
					    "puntua", "escala", "bewerte", "bewertung", "skala", "note von", NULL };
static const char *const overall_words[] = { "overall", "general", "insgesamt",
					     "gesamt", "global", NULL };
static const char *const comment_words[] = {
	"reason", "why", "comment", "anything else", "tell us", "feedback", "suggest", "improve", "better",
	"explain", "razón", "razon", "motivo", "por qué", "porque", "comentario", "sugerencia", "mejor",
	"algo más", "cuéntanos", "cuentanos", "grund", "warum", "kommentar", "anmerkung", "anregung",
	"verbesser", "besser", "sonst noch", "rückmeldung", "mitteilen", NULL,
};
/* Questions that may be free text or a choice: their answers decide. */
static const char *const comment_weak_words[] = { "what could we", "what can we", "what did you", "qué podemos",
						  "was können wir", "was könnten wir", NULL };
static const char *const email_words[] = { "mail", "correo", NULL };
/* Likelihood to continue: to order again, keep using, renew. */
static const char *const continue_words[] = { "again", "continue", "keep using", "keep buying", "renew", "stay with",
					      "come back", "volver", "seguir", "renovar", "wieder", "weiterhin",
					      "verlänger", NULL };

static int word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '-' || c == '\'';
}

/* The first of words in text: 1 with the whole word it is in copied to said (if given). */
static int says(const char *text, const char *const *words, char *said, size_t size)
{
	for (int i = 0; words[i]; i++) {
		const char *p = strcasestr(text, words[i]);
		if (!p)
			continue;
		if (said) {
			const char *a = p, *b = p + strlen(words[i]);
			while (a > text && word_byte((unsigned char)a[-1]))
				a--;
			while (*b && word_byte((unsigned char)*b))
				b++;
			while (b > a && (!word_byte((unsigned char)b[-1]) || b[-1] == '-'))
				b--;
			if (!strncmp(a, "\xc2\xbf", 2) || !strncmp(a, "\xc2\xa1", 2))
				a += 2; /* Spanish opening ¿ and ¡ */
			snprintf(said, size, "%.*s", (int)(b - a > 60 ? 60 : b - a), a);
		}
		return 1;
	}
	return 0;
}

/* Connectors between the two ends of a scale: "0-10", "1 to 5", "de 0 a 10", "von 1 bis 5". */
static int connector(const char *s, size_t n)
{
	static const char *const words[] = { "-", "\xe2\x80\x93", "\xe2\x80\x94", "to", "a", "bis", "and", "y",
					     "und", "..", "\xe2\x80\xa6", "/", NULL };
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	/* "1 (poor) to 5 (excellent)": the last word counts, after a label in brackets */
	const char *last = s + n;
	while (last > s && !isspace((unsigned char)last[-1]) && last[-1] != ')')
		last--;
	if (last > s && (last[-1] != ')' || s[0] != '('))
		return 0;
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == (size_t)(s + n - last) && !strncasecmp(last, words[i], strlen(words[i])))
			return 1;
	return 0;
}

/*
 * The scale a header states: "0-10", "(1 = poor, 5 = excellent)", "on a
 * scale of 1 to 7", "de 0 a 10", "von 1 bis 5". 1 with its ends, and the
 * words that state it in said.
 */
static int stated_scale(const char *h, int *lo, int *hi, char *said, size_t size)
{
	const char *p = h;
	while (*p) {
		if (!isdigit((unsigned char)*p) || (p > h && (isalnum((unsigned char)p[-1]) || p[-1] == '.'))) {
			p++;
			continue;
		}
		char *q;
		long a = strtol(p, &q, 10);
		const char *p2 = q;
		while (*p2 && !isdigit((unsigned char)*p2))
			p2++;
		if (!*p2 || p2 - q > 40)
			return 0;
		char *q2;
		long b = strtol(p2, &q2, 10);
		const char *t = q;
		while (*t == ' ')
			t++;
		const char *after = q2;
		while (*after == ' ')
			after++;
		int labelled = (*t == '=' || *t == ':') && (*after == '=' || *after == ':');
		if (a >= 0 && a < b && b <= 10 && !isalnum((unsigned char)*q2) && (labelled || connector(q, (size_t)(p2 - q)))) {
			const char *end = q2;
			if (labelled)
				end += strcspn(end, "),;\n");
			*lo = (int)a;
			*hi = (int)b;
			snprintf(said, size, "%.*s", (int)(end - p > 80 ? 80 : end - p), p);
			return 1;
		}
		p = q;
	}
	return 0;
}

/* The score a stated scale is: 0-10 (or 1-10) NPS, 1-5 CSAT, 1-7 CES; -1 for another. */
static int scale_role(int lo, int hi)
{
	if (hi == 10 && lo <= 1)
		return CX_ROLE_NPS;
	if (lo == 1 && hi == 5)
		return CX_ROLE_CSAT;
	if (lo == 1 && hi == 7)
		return CX_ROLE_CES;
	return -1;
}

/* What the first rows' answers in one column are like. */
typedef struct col_stats {
	int filled;    /* answers given */
	int fit[3];    /* answers that are an NPS, CSAT, CES score */
	int ints, lo, hi; /* plain whole numbers and their range */
	int addresses; /* e-mail addresses */
	int tokens;    /* tokens of survey requests ("cx-" and 16 hex digits) */
	int choices;   /* ;-joined options (Microsoft Forms, Google Forms checkboxes) */
	int spaces;    /* answers with a space in them */
	int distinct;
	int64_t bytes;
	uint64_t *items; /* the parts of each answer between ";" or ", " */
	int nitems, cap_items, distinct_items;
} col_stats;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int plain_int(const char *s, int *v)
{
	char *end;
	if (!isdigit((unsigned char)*s) && !(*s == '-' && isdigit((unsigned char)s[1])))
		return 0;
	long x = strtol(s, &end, 10);
	if (*end || x < -1000000 || x > 1000000)
		return 0;
	*v = (int)x;
	return 1;
}

static int column_stats(const survey_layout *l, int c, uint64_t *hashes, uint64_t *items, col_stats *st)
{
	char buf[256];
	memset(st, 0, sizeof *st);
	st->items = items;
	st->cap_items = 8 * l->nsample;
	st->lo = 1 << 30;
	st->hi = -(1 << 30);
	for (int i = 0; i < l->nsample; i++) {
		const cx_row *row = &l->sample[i];
		if (row->n != l->ncols)
			continue;
		const char *s = row->f[c];
		while (isspace((unsigned char)*s))
			s++;
		size_t n = strlen(s);
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (!n)
			continue;
		int v;
		hashes[st->filled++] = cx_hash_folded(CX_HASH_START, s, n);
		st->bytes += (int64_t)n;
		snprintf(buf, sizeof buf, "%.*s", (int)n, s);
		for (int k = 0; k < 3; k++)
			st->fit[k] += survey_score_parse(buf, (cx_role)k, &v) == 0;
		if (plain_int(buf, &v)) {
			st->ints++;
			st->lo = v < st->lo ? v : st->lo;
			st->hi = v > st->hi ? v : st->hi;
		}
		st->tokens += cx_survey_token_like(buf);
		if (memchr(s, '@', n) && !memchr(s, ' ', n) && cx_email_normalize(buf, buf, sizeof buf, NULL) == CX_OK)
			st->addresses++;
		/* "Sourdough loaf;Coffee;": options joined with no space, as form tools write them */
		const char *semi = memchr(s, ';', n);
		int joined = semi != NULL;
		for (const char *q = semi; q && q < s + n; q = memchr(q + 1, ';', (size_t)(s + n - q - 1)))
			joined &= q + 1 == s + n || q[1] != ' ';
		st->choices += joined;
		/* the options of a checkbox question, ";" or ", " between them, come again and again */
		for (size_t a = 0; a < n;) {
			size_t b = a;
			while (b < n && s[b] != ';' && !(s[b] == ',' && b + 1 < n && s[b + 1] == ' '))
				b++;
			if (b > a && st->nitems < st->cap_items) {
				st->items[st->nitems++] = cx_hash_folded(CX_HASH_START, s + a, b - a);
			}
			a = b + 1 + (b + 1 < n && s[b] == ',');
		}
		if (memchr(s, ' ', n))
			st->spaces++;
	}
	qsort(hashes, (size_t)st->filled, sizeof *hashes, cmp_u64);
	for (int i = 0; i < st->filled; i++)
		st->distinct += i == 0 || hashes[i] != hashes[i - 1];
	qsort(items, (size_t)st->nitems, sizeof *items, cmp_u64);
	for (int i = 0; i < st->nitems; i++)
		st->distinct_items += i == 0 || items[i] != items[i - 1];
	return 0;
}

/* The narrowest of our scales all the answers are on: CSAT (1-5), CES (1-7), NPS (0-10); -1 for none. */
static int narrowest(const col_stats *st)
{
	if (!st->filled)
		return -1;
	if (st->fit[CX_ROLE_CSAT] == st->filled)
		return CX_ROLE_CSAT;
	if (st->fit[CX_ROLE_CES] == st->filled)
		return CX_ROLE_CES;
	if (st->fit[CX_ROLE_NPS] == st->filled)
		return CX_ROLE_NPS;
	return -1;
}

/* "integers 1..5", "scale labels", "integers 0..10 and scale labels", "no answers in the first rows". */
static void answers_said(const col_stats *st, int k, char *buf, size_t size)
{
	if (!st->filled)
		snprintf(buf, size, "no answers yet");
	else if (st->ints == st->fit[k])
		snprintf(buf, size, "integers %d..%d", st->lo, st->hi);
	else if (!st->ints)
		snprintf(buf, size, "scale labels");
	else
		snprintf(buf, size, "integers %d..%d and scale labels", st->lo, st->hi);
}

/* A column's evidence for each field, worked out once. */
typedef struct col_eval {
	int score_pts[3]; /* 0 = not a candidate */
	char score_why[3][200];
	int best;	  /* the score it is most like, or -1 */
	int half_fit[3];  /* at least half its answers are on the score's scale */
	int comment_pts, email_pts, case_pts, cont_pts, cont_scale;
	int scale_guess; /* the top of the continue scale were this column named for it: 5, 7 or 10 */
	char comment_why[200], email_why[200], case_why[200], cont_why[320];
	char refused[200]; /* why it is not the comment or e-mail its header suggests */
} col_eval;

static void eval_column(const char *key, const col_stats *st, col_eval *e)
{
	char word[64] = "", scale[96] = "", rating[64] = "", ans[64];
	int lo = 0, hi = 0, stated = -1, rated = says(key, rating_words, rating, sizeof rating);
	int overall = says(key, overall_words, NULL, 0), narrow = narrowest(st);
	memset(e, 0, sizeof *e);
	e->best = -1;
	if (stated_scale(key, &lo, &hi, scale, sizeof scale)) {
		stated = scale_role(lo, hi);
		rated = 1;
		if (stated < 0) /* another scale (1-10, 0-5): a rating all the same */
			snprintf(rating, sizeof rating, "%.60s", scale);
	}
	size_t rl = strlen(rating);
	if (rl && rating[rl - 1] == ' ')
		rating[rl - 1] = '\0';
	for (int k = 0; k < 3; k++) {
		e->half_fit[k] = 2 * st->fit[k] >= st->filled;
		int worded = says(key, score_words[k], word, sizeof word) ||
			     cx_csv_header_is(key, cx_role_names[k]);
		if (cx_csv_header_is(key, cx_role_names[k]))
			snprintf(word, sizeof word, "%s", cx_role_names[k]);
		if (st->filled && st->fit[k] < st->filled)
			continue; /* an answer off the scale */
		if (stated >= 0 && stated != k)
			continue; /* the header states another scale */
		if (!worded && stated != k && !(rated && narrow == k))
			continue;
		int pts = 4 * worded + 3 * (stated == k) + rated + (st->filled && narrow == k);
		pts += overall;
		answers_said(st, k, ans, sizeof ans);
		snprintf(e->score_why[k], sizeof e->score_why[k], "%s, header says %s", ans,
			 stated == k ? scale : worded ? word : rating);
		e->score_pts[k] = pts;
	}
	/*
	 * Likelihood to continue: worded so, its answers whole numbers 0-10; its
	 * scale the one the header states, else the narrowest its answers fit.
	 */
	e->scale_guess = stated == CX_ROLE_CSAT ? 5 : stated == CX_ROLE_CES ? 7 : stated == CX_ROLE_NPS ? 10 :
			 st->filled && st->ints == st->filled && st->lo >= 1 && st->hi <= 5 ? 5 :
			 st->filled && st->ints == st->filled && st->lo >= 1 && st->hi <= 7 ? 7 : 10;
	int cont_worded = says(key, continue_words, word, sizeof word);
	int plain_ints = st->ints == st->filled && (!st->filled || (st->lo >= 0 && st->hi <= 10));
	if (cont_worded && plain_ints) {
		int top = stated >= 0 ? (hi == 10 ? 10 : hi) : !st->filled ? 10 : st->lo >= 1 && st->hi <= 5 ? 5 :
			  st->lo >= 1 && st->hi <= 7 ? 7 : 10;
		if (top == 5 || top == 7 || top == 10) {
			e->cont_scale = top;
			e->cont_pts = 4 + 3 * (stated >= 0) + overall + (st->filled > 0);
			if (st->filled)
				snprintf(e->cont_why, sizeof e->cont_why, "integers %d..%d on a %d-%d scale, header says %s%s%s",
					 st->lo, st->hi, top == 10 ? 0 : 1, top, word, stated >= 0 ? ", " : "",
					 stated >= 0 ? scale : "");
			else
				snprintf(e->cont_why, sizeof e->cont_why, "no answers yet, header says %s", word);
			/* a stated 0-10 or 1-5 is this question's scale, not the NPS's or CSAT's */
			for (int k = 0; k < 3; k++)
				if (!says(key, score_words[k], NULL, 0))
					e->score_pts[k] = 0;
		}
	}
	/* the most likely score; on equal evidence NPS, then CES, then CSAT, as the wording is read */
	static const int order[3] = { CX_ROLE_NPS, CX_ROLE_CES, CX_ROLE_CSAT };
	for (int i = 0; i < 3; i++)
		if (e->score_pts[order[i]] && (e->best < 0 || e->score_pts[order[i]] > e->score_pts[e->best]))
			e->best = order[i];

	/* the case: the column whose answers are the tokens of survey requests (a hidden field of the form) */
	if (st->tokens && 2 * st->tokens >= st->filled) {
		e->case_pts = 4;
		snprintf(e->case_why, sizeof e->case_why, "%d of %d answers are tokens of survey requests", st->tokens,
			 st->filled);
	}

	/* the e-mail: the column whose answers are addresses */
	int mail_worded = says(key, email_words, word, sizeof word);
	if (st->addresses && 2 * st->addresses >= st->filled) {
		e->email_pts = 4 + 2 * mail_worded;
		snprintf(e->email_why, sizeof e->email_why, "%d of %d answers are addresses%s%s", st->addresses,
			 st->filled, mail_worded ? ", header says " : "", mail_worded ? word : "");
	} else if (mail_worded && !st->filled) {
		e->email_pts = 1;
		snprintf(e->email_why, sizeof e->email_why, "header says %s, no answers yet", word);
	} else if (mail_worded) {
		snprintf(e->refused, sizeof e->refused, "is not the e-mail: %s of its %d answers is an address",
			 st->addresses ? "too few" : "none", st->filled);
	}

	/* the comment: free text, long, varied, with spaces; never a choice list */
	int strong = says(key, comment_words, word, sizeof word);
	int weak = !strong && says(key, comment_weak_words, word, sizeof word);
	if (!st->filled) {
		if (strong || weak) {
			e->comment_pts = 1;
			snprintf(e->comment_why, sizeof e->comment_why, "header says %s, no answers yet", word);
		}
		return;
	}
	/*
	 * Answers that come again and again are a choice list, unless the header
	 * asks for the reason or a comment and they read as sentences: a small
	 * shop's customers write "Great coffee, fast delivery." more than once.
	 */
	int mean = (int)(st->bytes / st->filled);
	int sentences = strong && mean >= 20 && 2 * st->spaces >= st->filled;
	int choice = 2 * st->choices >= st->filled || (st->filled >= 5 && 2 * st->distinct <= st->filled && !sentences) ||
		     (st->filled >= 5 && st->nitems > st->filled && 2 * st->distinct_items <= st->nitems && !sentences);
	int numeric = st->ints == st->filled || st->fit[CX_ROLE_NPS] == st->filled;
	if (choice || numeric || 2 * st->addresses >= st->filled) {
		if ((strong || weak) && !e->refused[0])
			snprintf(e->refused, sizeof e->refused, "is not the comment: %s", numeric ? "its answers are numbers" :
				 2 * st->choices >= st->filled ? "its answers are ;-joined choices" :
				 st->addresses ? "its answers are addresses" : "its answers repeat a few options");
		if (choice && !numeric && 2 * st->choices >= st->filled)
			snprintf(e->refused + strlen(e->refused), sizeof e->refused - strlen(e->refused),
				 " (%d of %d)", st->choices, st->filled);
		return;
	}
	int longish = mean >= 20 && 2 * st->spaces >= st->filled;
	if (!strong && !weak && !longish)
		return;
	e->comment_pts = 4 * strong + 2 * weak + 2 * longish + (st->filled >= 3 && st->distinct == st->filled);
	snprintf(e->comment_why, sizeof e->comment_why, "free text, %d of %d answers differ, %d characters on average%s%s",
		 st->distinct, st->filled, mean, strong || weak ? ", header says " : "", strong || weak ? word : "");
}

static int pts_of(const col_eval *e, int k)
{
	return k < 3 ? e->score_pts[k] : k == CX_ROLE_COMMENT ? e->comment_pts : k == CX_ROLE_CASE ? e->case_pts :
		k == CX_ROLE_CONTINUE ? e->cont_pts : e->email_pts;
}

static const char *why_of(const col_eval *e, int k)
{
	return k < 3 ? e->score_why[k] : k == CX_ROLE_COMMENT ? e->comment_why : k == CX_ROLE_CASE ? e->case_why :
		k == CX_ROLE_CONTINUE ? e->cont_why : e->email_why;
}

static const char *field_name(int k)
{
	static const char *const names[] = { "NPS question", "CSAT question", "CES question", "comment", "e-mail" };
	return k == CX_ROLE_CASE ? "case token" : k == CX_ROLE_CONTINUE ? "likelihood-to-continue question" : names[k];
}

static int taken_by_option(const int given[CX_ROLE_N], int c)
{
	for (int k = 0; k < CX_ROLE_N; k++)
		if (given[k] == c)
			return 1;
	return 0;
}

__attribute__((format(printf, 2, 3))) static void note(survey_layout *l, const char *fmt, ...)
{
	if (l->nnotes >= (int)(sizeof l->notes / sizeof l->notes[0]))
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->notes[l->nnotes++], sizeof l->notes[0], fmt, ap);
	va_end(ap);
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
		if (cx_csv_header_is(text, ids[i]))
			return CX_ROLE_ID;
	for (int i = 0; ats[i]; i++)
		if (cx_csv_header_is(text, ats[i]))
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
		if (!cx_csv_header_is(l->cols[i].key, spec) && !(i < h1->n && cx_csv_header_is(h1->f[i], spec)))
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
			       "%s:1: " CX_FIELD("%s") ": columns %d and %d are both \"%.80s\""
			       " (name the one you mean by its number: " CX_FIELD("%s") " %d or " CX_FIELD("%s") " %d)",
			       file, opt, dup[0] + 1, dup[1] + 1, spec, opt, dup[0] + 1, opt, dup[1] + 1);
	return cx_fail(err, CX_EDATA, "%s:1: " CX_FIELD("%s") ": no column \"%s\" in this file", file, opt, spec);
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

/* The time zone in a Qualtrics ImportId cell (a JSON object with a "timeZone"). */
static void qualtrics_zone(const char *cell, char *zone, size_t size)
{
	char buf[64];
	json_t *j = cx_json_parse(cell);
	const char *z = cx_json_field(j, "timeZone", buf, sizeof buf);
	if (z)
		snprintf(zone, size, "%s", z);
	json_decref(j);
}

/* How many rows are read to tell the columns by their answers. */
enum { SAMPLE_ROWS = 1000 };

/* What survey_layout_read works with, from one step to the next. */
typedef struct layout_read {
	survey_layout *l;
	cx_csv *r;
	const cx_survey_import_opts *o;
	const char *name; /* the file, as messages call it */
	const tool_def *tool;
	int is_q, is_sm;       /* Qualtrics, SurveyMonkey: a second header row */
	int qualtrics_pending; /* an older Qualtrics export: the third row is already a response */
	cx_row row, h1, h2;
	char **h1s, **h2s;
	char *option;         /* per column: a later column of a SurveyMonkey multi-column question */
	int given[CX_ROLE_N]; /* the column each field's option names, or -1 */
	col_eval *ev;         /* per column: what its header and answers say */
} layout_read;

/* The header row(s), the tool that made the export, and its time zone. */
static int read_headers(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	const cx_survey_import_opts *o = x->o;
	int rc = cx_csv_next(x->r, &x->row, err);
	if (rc <= 0)
		return rc < 0 ? rc : cx_fail(err, CX_EDATA, "%s:1: the file is empty (export the survey again)", x->name);
	if (copy_row(&x->h1, &x->h1s, &x->row))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	l->ncols = x->h1.n;
	l->header_rows = 1;

	const char *want = o->tool && strcmp(o->tool, "auto") ? o->tool : NULL;
	if (want && strcmp(want, "generic")) {
		if (!(x->tool = by_name(want)))
			return cx_fail(err, CX_EUSAGE, CX_FIELD("tool") ": \"%s\" is not a tool cx knows", want);
	} else if (!want) {
		x->tool = detect(&x->h1);
	}
	const tool_def *tool = x->tool;
	snprintf(l->tool, sizeof l->tool, "%s", tool ? tool->name : "generic");
	l->done_value = tool ? tool->done_value : NULL;
	l->at_required = tool ? tool->at_required : 0;
	snprintf(l->zone, sizeof l->zone, "%s", tool && tool->zone ? tool->zone : o->zone ? o->zone : "");

	/* Qualtrics: question texts in row 2, ImportId JSON in row 3. SurveyMonkey: sub-headers in row 2. */
	x->is_q = tool && !strcmp(tool->name, "qualtrics");
	x->is_sm = tool && !strcmp(tool->name, "surveymonkey");
	if (!x->is_q && !x->is_sm)
		return CX_OK;
	if ((rc = cx_csv_next(x->r, &x->row, err)) < 0)
		return rc;
	if (rc == 0 || x->row.n != x->h1.n)
		return cx_fail(err, CX_EDATA, "%s:2: a %s export has a second header row with %d fields", x->name, l->tool,
			       x->h1.n);
	if (copy_row(&x->h2, &x->h2s, &x->row))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	l->header_rows = 2;
	if (!x->is_q)
		return CX_OK;
	if ((rc = cx_csv_next(x->r, &x->row, err)) < 0)
		return rc;
	if (rc == 1 && x->row.n > 0 && strstr(x->row.f[0], "ImportId")) {
		l->header_rows = 3;
		if (!o->zone) {
			int at = -1;
			for (int i = 0; i < x->h1.n; i++)
				if (cx_csv_header_is(x->h1.f[i], "EndDate"))
					at = i;
			if (at >= 0 && at < x->row.n)
				qualtrics_zone(x->row.f[at], l->zone, sizeof l->zone);
		}
	} else if (rc == 1) {
		x->qualtrics_pending = 1; /* an older export: this is already a response */
	}
	return CX_OK;
}

/* A column's name: Qualtrics' question text; SurveyMonkey's question and option. */
static const char *column_name(layout_read *x, int i, const char **carry, char *buf, size_t size)
{
	const cx_row *h1 = &x->h1, *h2 = &x->h2;
	if (x->is_q && h2->f[i][0] && !strstr(h1->f[i], "_NPS_GROUP"))
		return h2->f[i];
	if (!x->is_sm)
		return h1->f[i];
	if (h1->f[i][0])
		*carry = h1->f[i];
	const char *sub = h2->f[i];
	if (!h1->f[i][0] || (sub[0] && !cx_csv_header_is(sub, "Response") && !cx_csv_header_is(sub, "Open-Ended Response"))) {
		snprintf(buf, size, "%s / %s", *carry, sub);
		return sub[0] ? buf : *carry;
	}
	return *carry;
}

/* The tool's own columns, by their header in row 1: 1 when column i is one. */
static int tool_column(layout_read *x, int i)
{
	survey_layout *l = x->l;
	for (const meta_def *m = x->tool ? x->tool->meta : NULL; m && m->name; m++) {
		if (!cx_csv_header_is(x->h1.f[i], m->name))
			continue;
		l->cols[i].kind = m->kind;
		if (m->kind == COL_ROLE && l->role_col[m->role] < 0) {
			l->cols[i].role = (cx_role)m->role;
			l->role_col[m->role] = i;
			snprintf(l->why[m->role], sizeof l->why[m->role], "the %s export's own column", x->tool->name);
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
		return 1;
	}
	return 0;
}

/* Every column named, the tool's own ones known, and id, time and name told by their headers. */
static int name_columns(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	const cx_row *h1 = &x->h1, *h2 = &x->h2;
	l->cols = calloc((size_t)l->ncols, sizeof *l->cols);
	x->option = calloc((size_t)l->ncols + 1, 1);
	if (!l->cols || !x->option)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	for (int k = 0; k < CX_ROLE_N; k++)
		l->role_col[k] = -1;
	l->first_col = l->last_col = l->status_col = l->finished_col = l->done_col = l->at2_col = -1;
	l->type_col = -1;
	l->complete_col = -1;

	const char *carry = "";
	for (int i = 0; i < l->ncols; i++) {
		char buf[1024];
		if (!(l->cols[i].key = strdup(column_name(x, i, &carry, buf, sizeof buf))))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		l->cols[i].kind = COL_EXTRA;
		if (tool_column(x, i))
			continue;
		if (x->is_q && strstr(h1->f[i], "_NPS_GROUP")) {
			l->cols[i].kind = COL_META; /* Promoter/Passive/Detractor: never a score */
			continue;
		}
		/*
		 * Id, time and name by their headers; the later columns of a SurveyMonkey
		 * multi-column question are options, no field of ours.
		 */
		int role = -1;
		if (!x->tool)
			role = generic_meta(h1->f[i]);
		x->option[i] = x->is_sm && (!h1->f[i][0] || (h2->f[i][0] && !cx_csv_header_is(h2->f[i], "Response") &&
							    !cx_csv_header_is(h2->f[i], "Open-Ended Response")));
		if (role < 0 && !x->option[i] && recognise(l->cols[i].key) == CX_ROLE_NAME)
			role = CX_ROLE_NAME;
		if (role >= 0 && l->role_col[role] < 0) {
			l->cols[i].kind = COL_ROLE;
			l->cols[i].role = (cx_role)role;
			l->role_col[role] = i;
			snprintf(l->why[role], sizeof l->why[role], "header says %.60s", l->cols[i].key);
		}
	}
	return CX_OK;
}

/* The first rows' answers, to tell the columns by; a reader error among them waits its turn. */
static int read_sample(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	l->sample = calloc(SAMPLE_ROWS, sizeof *l->sample);
	l->sample_f = calloc(SAMPLE_ROWS, sizeof *l->sample_f);
	if (!l->sample || !l->sample_f)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if (x->qualtrics_pending) {
		if (copy_row(&l->sample[0], &l->sample_f[0], &x->row))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		l->nsample = 1;
	}
	while (l->nsample < SAMPLE_ROWS) {
		int got = cx_csv_next(x->r, &x->row, &l->sample_err);
		if (got < 0)
			l->sample_rc = got;
		if (got <= 0)
			break;
		if (copy_row(&l->sample[l->nsample], &l->sample_f[l->nsample], &x->row))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		l->nsample++;
	}
	return CX_OK;
}

/* The columns the options name, each field its own. */
static int columns_named(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	int dup[2];
	for (int k = 0; k < CX_ROLE_N; k++) {
		x->given[k] = -1;
		if (!x->o->col[k])
			continue;
		if ((x->given[k] = find_column(l, &x->h1, x->o->col[k], dup)) < 0)
			return column_refused(x->name, cx_role_fields[k], x->o->col[k], x->given[k], dup, err);
		for (int j = 0; j < k; j++)
			if (x->given[j] == x->given[k])
				return cx_fail(err, CX_EUSAGE,
					       CX_FIELD("%s") " and " CX_FIELD("%s")
					       " both name column %d (\"%.60s\"): a column holds one field (name another for one of them)",
					       cx_role_fields[j], cx_role_fields[k], x->given[k] + 1, l->cols[x->given[k]].key);
	}
	return CX_OK;
}

/* Each column's evidence: what its header says and what its answers are. */
static int weigh_columns(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	uint64_t *hashes = malloc(((size_t)l->nsample + 1) * sizeof *hashes);
	uint64_t *items = malloc((8 * (size_t)l->nsample + 1) * sizeof *items);
	x->ev = calloc((size_t)l->ncols, sizeof *x->ev);
	if (!hashes || !items || !x->ev) {
		free(hashes);
		free(items);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	for (int i = 0; i < l->ncols; i++) {
		col_stats st;
		int tool_email = l->cols[i].kind == COL_ROLE && l->cols[i].role == CX_ROLE_EMAIL;
		if ((l->cols[i].kind != COL_EXTRA || x->option[i]) && !tool_email)
			continue;
		column_stats(l, i, hashes, items, &st);
		eval_column(l->cols[i].key, &st, &x->ev[i]);
		if (tool_email && st.filled && !st.addresses && x->given[CX_ROLE_EMAIL] < 0) {
			/* Microsoft Forms' sign-in field says "anonymous": not the respondent's address */
			l->cols[i].kind = COL_META;
			l->role_col[CX_ROLE_EMAIL] = -1;
			note(l, "column %d \"%.60s\" is not the e-mail: none of its %d answers is an address", i + 1,
			     l->cols[i].key, st.filled);
		}
	}
	free(hashes);
	free(items);
	return CX_OK;
}

/* Field k: the column with the most evidence for it; two with as much are asked about. */
static int choose_column(layout_read *x, int k, cx_err *err)
{
	survey_layout *l = x->l;
	col_eval *ev = x->ev;
	int best = -1, tied[4], ntied = 0;
	for (int i = 0; i < l->ncols; i++) {
		/* a score question an option takes for another field is still found, to be said so below */
		if (l->cols[i].kind != COL_EXTRA || x->option[i] || (k > CX_ROLE_CES && taken_by_option(x->given, i)))
			continue;
		int pts = k < 3 ? (ev[i].best == k ? ev[i].score_pts[k] : 0) : pts_of(&ev[i], k);
		if (!pts)
			continue;
		if (best < 0 || pts > pts_of(&ev[best], k)) {
			best = i;
			ntied = 0;
		} else if (pts == pts_of(&ev[best], k) && ntied < 4) {
			tied[ntied++] = i;
		}
	}
	int other = 0; /* a tie between columns of one header is asked about later, by number */
	for (int t = 0; t < ntied; t++)
		other |= !cx_csv_header_is(l->cols[tied[t]].key, l->cols[best].key);
	if (best >= 0 && other) {
		char list[1024];
		size_t used = 0;
		list[0] = '\0';
		for (int t = -1; t < ntied && used < sizeof list; t++) {
			int c = t < 0 ? best : tied[t];
			int n = snprintf(list + used, sizeof list - used, "%scolumn %d \"%.50s\" (%s)",
					 t < 0 ? "" : t == ntied - 1 ? " or " : ", ", c + 1, l->cols[c].key, why_of(&ev[c], k));
			used += n > 0 ? (size_t)n : 0;
		}
		return cx_fail(err, CX_EDATA, "%s:1: the %s could be %s: nothing imported (say which: " CX_FIELD("%s")
					      " %d or " CX_FIELD("%s") " %d)",
			       x->name, field_name(k), list, cx_role_fields[k], best + 1, cx_role_fields[k], tied[0] + 1);
	}
	if (best < 0 && k < 3) {
		/* a question worded as this score with answers off its scale: taken, so its row is named */
		for (int i = 0; i < l->ncols && best < 0; i++)
			if (l->cols[i].kind == COL_EXTRA && !x->option[i] && !taken_by_option(x->given, i) &&
			    recognise(l->cols[i].key) == k)
				best = i;
		if (best >= 0)
			snprintf(ev[best].score_why[k], sizeof ev[best].score_why[k],
				 "header says so, though not every answer is on its scale");
	}
	if (best < 0)
		return CX_OK;
	l->cols[best].kind = COL_ROLE;
	l->cols[best].role = (cx_role)k;
	l->role_col[k] = best;
	snprintf(l->why[k], sizeof l->why[k], "%s", why_of(&ev[best], k));
	if (k == CX_ROLE_CONTINUE)
		l->cont_scale = ev[best].cont_scale;
	return CX_OK;
}

/* The fields no option names, each from the evidence; what the evidence leaves in doubt is asked about. */
static int choose_columns(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	/* the case's token before the comment and e-mail, which its answers are not */
	static const int fields[] = { CX_ROLE_NPS,  CX_ROLE_CSAT,    CX_ROLE_CES,  CX_ROLE_CONTINUE,
				      CX_ROLE_CASE, CX_ROLE_COMMENT, CX_ROLE_EMAIL };
	int rc;
	for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
		if (l->role_col[fields[f]] < 0 && x->given[fields[f]] < 0 && (rc = choose_column(x, fields[f], err)))
			return rc;
	/* Columns whose header suggests a field their answers deny are said so. */
	for (int i = 0; i < l->ncols; i++)
		if (x->ev[i].refused[0] && l->cols[i].kind == COL_EXTRA)
			note(l, "column %d \"%.60s\" %s", i + 1, l->cols[i].key, x->ev[i].refused);
	/*
	 * A field recognised in a column whose header another column repeats is
	 * a guess between the two: asked for, not made (unless an option names it).
	 */
	for (int k = 0; k < CX_ROLE_N; k++) {
		int c = l->role_col[k];
		if (c < 0 || x->given[k] >= 0)
			continue;
		for (int j = 0; j < l->ncols; j++)
			if (j != c && cx_csv_header_is(l->cols[j].key, l->cols[c].key)) {
				int a = c < j ? c : j, b = c < j ? j : c;
				return cx_fail(err, CX_EDATA,
					       "%s:1: columns %d and %d are both \"%.60s\": which is " CX_FIELD("%s")
					       "? (name it by its number: " CX_FIELD("%s") " %d or " CX_FIELD("%s") " %d)",
					       x->name, a + 1, b + 1, l->cols[c].key, cx_role_fields[k], cx_role_fields[k],
					       a + 1, cx_role_fields[k], b + 1);
			}
	}
	return CX_OK;
}

/* Options win over everything recognised; a score question an option takes for another field is said so. */
static int apply_options(layout_read *x, cx_err *err)
{
	survey_layout *l = x->l;
	const int *given = x->given;
	int lost = -1, lost_to = -1, dup[2];
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
				l->why[j][0] = '\0';
			}
		l->role_col[k] = c;
		l->cols[c].kind = COL_ROLE;
		l->cols[c].role = (cx_role)k;
		snprintf(l->why[k], sizeof l->why[k], "named by " CX_FIELD("%s"), cx_role_fields[k]);
		if (k == CX_ROLE_CONTINUE) {
			const col_eval *e = &x->ev[c];
			l->cont_scale = e->cont_scale ? e->cont_scale : e->scale_guess ? e->scale_guess : 10;
			snprintf(l->why[k], sizeof l->why[k], "named by " CX_FIELD("continue")
							      ", on a %d-%d scale", l->cont_scale == 10 ? 0 : 1,
				 l->cont_scale);
		}
	}
	if (x->o->complete) {
		const char *eq = strchr(x->o->complete, '=');
		char colname[512];
		if (!eq || eq == x->o->complete)
			return cx_fail(err, CX_EUSAGE, CX_FIELD("complete") ": write COLUMN=VALUE, e.g. "
						       CX_FIELD("complete") " Status=Complete");
		snprintf(colname, sizeof colname, "%.*s", (int)(eq - x->o->complete), x->o->complete);
		int c = find_column(l, &x->h1, colname, dup);
		if (c < 0)
			return column_refused(x->name, "complete", colname, c, dup, err);
		l->complete_col = c;
		snprintf(l->complete_value, sizeof l->complete_value, "%s", eq + 1);
		if (l->cols[c].kind == COL_EXTRA)
			l->cols[c].kind = COL_META;
	}
	int scores = l->role_col[CX_ROLE_NPS] >= 0 || l->role_col[CX_ROLE_CSAT] >= 0 || l->role_col[CX_ROLE_CES] >= 0;
	if (!scores && lost >= 0)
		return cx_fail(err, CX_EDATA,
			       "%s:1: no NPS, CSAT or CES question left: " CX_FIELD("%s")
			       " takes column %d (\"%.60s\"), which would be the %s"
			       " question (name a score question: " CX_FIELD_ARG("nps") ", " CX_FIELD_ARG("csat") " or "
			       CX_FIELD_ARG("ces") ")",
			       x->name, cx_role_fields[lost_to], given[lost_to] + 1, l->cols[given[lost_to]].key,
			       lost == CX_ROLE_NPS ? "NPS" : lost == CX_ROLE_CSAT ? "CSAT" : "CES");
	if (!scores && l->role_col[CX_ROLE_CONTINUE] < 0)
		return cx_fail(err, CX_EDATA,
			       "%s:1: no NPS, CSAT or CES question found in a %s layout (name the columns: "
			       CX_FIELD_ARG("nps") ", " CX_FIELD_ARG("csat") ", " CX_FIELD_ARG("ces") ")",
			       x->name, x->tool ? l->tool : "file of unknown");
	return CX_OK;
}

int survey_layout_read(cx_db *db, cx_csv *r, const cx_survey_import_opts *o, survey_layout *l, cx_err *err)
{
	layout_read x = { .l = l, .r = r, .o = o, .name = cx_csv_name(r) };
	int rc;

	(void)db;
	memset(l, 0, sizeof *l);
	if ((rc = read_headers(&x, err)) == CX_OK && (rc = name_columns(&x, err)) == CX_OK &&
	    (rc = read_sample(&x, err)) == CX_OK && (rc = columns_named(&x, err)) == CX_OK &&
	    (rc = weigh_columns(&x, err)) == CX_OK && (rc = choose_columns(&x, err)) == CX_OK &&
	    (rc = apply_options(&x, err)) == CX_OK) {
		for (int i = 0; i < l->ncols; i++)
			l->nextra += l->cols[i].kind == COL_EXTRA;
	}
	free_row(x.h1s, x.h1.n);
	free_row(x.h2s, x.h2.n);
	free(x.ev);
	free(x.option);
	return rc;
}

int survey_layout_next(survey_layout *l, cx_csv *r, cx_row *row, cx_err *err)
{
	if (l->sample_next < l->nsample) {
		*row = l->sample[l->sample_next++];
		return 1;
	}
	if (l->sample_rc) {
		if (err)
			*err = l->sample_err;
		return l->sample_rc;
	}
	if (l->nsample < SAMPLE_ROWS && l->sample_next == l->nsample)
		return 0; /* the file ended among the first rows */
	return cx_csv_next(r, row, err);
}

void survey_layout_explain(const survey_layout *l, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; k < CX_ROLE_N; k++) {
		int c = l->role_col[k];
		if (c < 0 || used >= size)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s = column %d \"%.50s%s\"%s%s", used ? "\n" : "",
				 cx_role_names[k], c + 1, l->cols[c].key, strlen(l->cols[c].key) > 50 ? "..." : "",
				 l->why[k][0] ? ": " : "", l->why[k]);
		used += n > 0 ? (size_t)n : 0;
	}
	for (int i = 0; i < l->nnotes && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", used ? "\n" : "", l->notes[i]);
		used += n > 0 ? (size_t)n : 0;
	}
}

void survey_layout_free(survey_layout *l)
{
	for (int i = 0; l->sample_f && i < l->nsample; i++)
		free_row(l->sample_f[i], l->sample[i].n);
	free(l->sample_f);
	free(l->sample);
	l->sample_f = NULL;
	l->sample = NULL;
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

int survey_layout_column(const survey_layout *l, const char *spec)
{
	char *end;
	long n = strtol(spec, &end, 10);
	int hit = -1;
	if (spec[0] && !*end)
		return n >= 1 && n <= l->ncols ? (int)n - 1 : -1;
	for (int i = 0; i < l->ncols; i++)
		if (cx_csv_header_is(l->cols[i].key, spec)) {
			if (hit >= 0)
				return -1;
			hit = i;
		}
	return hit;
}

void survey_layout_options(const survey_layout *l, char col[CX_ROLE_N][512])
{
	for (int k = 0; k < CX_ROLE_N; k++) {
		int c = l->role_col[k];
		col[k][0] = '\0';
		if (c < 0)
			continue;
		const char *key = l->cols[c].key;
		size_t n = strlen(key);
		/* a header read back the same: one line, no surrounding spaces, not a number, not shared */
		int plain = n && n < 500 && !strpbrk(key, "\r\n") && !isspace((unsigned char)key[0]) &&
			    !isspace((unsigned char)key[n - 1]) && strspn(key, "0123456789") != n &&
			    survey_layout_column(l, key) == c;
		if (plain)
			snprintf(col[k], 512, "%s", key);
		else
			snprintf(col[k], 512, "%d", c + 1);
	}
}
