/*
 * Themes in free text: every stemmed word and two-word phrase, counted once
 * per text among unhappy and other writers; the log-likelihood ratio G² says
 * which ones the unhappy use more than chance would have them, the
 * Benjamini-Hochberg q says how many of those claims to trust when hundreds
 * of words are tested at once, and the NPS of the writers who mention a
 * theme is set against that of those who do not.
 *
 * One scan of the texts in id order (the same answer on every engine),
 * counted in hashes keyed by the stems' ids: the texts are not kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cx/date.h"
#include "cx/journey.h"
#include "cx/metrics.h"
#include "cx/setting.h"
#include "cx/survey.h"

#include "cx/terms.h"
#include "cx/themes.h"
#include "store/sql.h"

/* Who wrote a text: an unhappy customer, another one with a score, one without. */
enum { G_UNHAPPY, G_OTHER, G_UNSCORED, NGROUPS };

/*
 * A term's counts, in a hash of its own: the slots are the themes (key 0:
 * empty), one cache line each, so counting a word costs one memory access.
 * Texts are numbered in the order read (seq); docid[] has their ids.
 */
typedef struct theme {
	uint64_t key;
	int32_t n[NGROUPS]; /* texts mentioning it, by group */
	int32_t nps[3];     /* mentioners' promoters, passives, detractors */
	int32_t last;       /* the last text counted: a word said twice counts once */
	int32_t ex[2][2];   /* the latest two texts mentioning it (seq + 1; 0: none): [0] unhappy, [1] the others */
	int32_t mark;       /* --by's second pass: its place among the themes shown, plus one */
	int32_t pad;
} __attribute__((aligned(64))) theme;

/* What is worked out for a theme that is mentioned often enough to be tested. */
typedef struct cand {
	size_t slot;
	double g2, p, q;
	int over;
	int covered; /* a word met only in one phrase: the phrase is shown */
} cand;

/* Stems in a key: the language (4 bits), a phrase's flag, and two 28-bit stem ids. */
enum { LANGS = 16, ID_BITS = 28 };
#define NO_SECOND ((1ULL << ID_BITS) - 1)

static uint64_t make_key(int lang, int32_t a, int32_t b)
{
	return ((uint64_t)lang << 60) | ((uint64_t)(b >= 0) << 59) | ((uint64_t)a << ID_BITS) |
	       (b >= 0 ? (uint64_t)b : NO_SECOND);
}

typedef struct scan {
	const cx_themes_opts *o;
	cx_period period;
	char setting_lang[32];
	char lang_name[LANGS][32];
	cx_terms *terms[LANGS];
	int nlang;
	theme *t;          /* the hash: nt slots, a power of two */
	size_t nt, used;
	int64_t *docid;    /* seq -> the text's id */
	size_t capdoc;
	int pass;          /* 2: --by's count of the themes shown, period by period */
	int64_t *trend;    /* pass 2: [shown * nperiods + period] */
	int64_t survey_id;
	uint64_t *keys;    /* one text's terms, gathered before they are counted */
	size_t capkeys;
	char (*periods)[32];
	int64_t *period_texts;
	int nperiods, last_period;
	int64_t texts[NGROUPS];
	int64_t nps[3];  /* every writer's promoters, passives, detractors */
	int64_t seq;     /* texts seen */
	int32_t *ids;
	size_t nids, capids;
} scan;

static int oom(cx_err *err)
{
	return cx_fail(err, CX_EINTERNAL, "out of memory");
}

/* The terms of a language, made when first needed. */
static int lang_index(scan *s, const char *lang, int *idx, cx_err *err)
{
	/* --language, else the survey's own, else the setting */
	if (s->o->language)
		lang = s->o->language;
	else if (!lang || !*lang)
		lang = s->setting_lang;
	for (int i = 0; i < s->nlang; i++)
		if (!strcmp(s->lang_name[i], lang))
			return *idx = i, CX_OK;
	if (s->nlang == LANGS)
		return cx_fail(err, CX_EDATA, "texts in more than %d languages at once: choose one with "
					      CX_FIELD("survey"), LANGS);
	int rc = cx_terms_new(lang, &s->terms[s->nlang], err);
	if (rc)
		return rc;
	snprintf(s->lang_name[s->nlang], sizeof s->lang_name[0], "%s", lang);
	*idx = s->nlang++;
	return CX_OK;
}

static int period_index(scan *s, int64_t at, cx_err *err)
{
	char key[32];
	cx_period_key(s->period, at, key);
	if (s->last_period >= 0 && !strcmp(s->periods[s->last_period], key))
		return s->last_period;
	for (int i = 0; i < s->nperiods; i++)
		if (!strcmp(s->periods[i], key))
			return s->last_period = i;
	char(*p)[32] = realloc(s->periods, (size_t)(s->nperiods + 1) * sizeof *p);
	int64_t *n = p ? realloc(s->period_texts, (size_t)(s->nperiods + 1) * sizeof *n) : NULL;
	if (p)
		s->periods = p;
	if (n)
		s->period_texts = n;
	if (!p || !n)
		return oom(err);
	memcpy(s->periods[s->nperiods], key, sizeof key);
	s->period_texts[s->nperiods] = 0;
	return s->last_period = s->nperiods++;
}

static size_t home(uint64_t key, size_t n)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 21) & (n - 1);
}

/* The slot of key: its own, or the empty one where it goes. */
static theme *probe(theme *t, size_t n, uint64_t key)
{
	for (size_t j = home(key, n);; j = (j + 1) & (n - 1))
		if (t[j].key == key || !t[j].key)
			return &t[j];
}

/* Fresh pages from the kernel come zeroed and page-aligned: no clearing, one cache line a slot. */
static theme *alloc_themes(size_t n)
{
	void *p = mmap(NULL, n * sizeof(theme), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void free_themes(theme *t, size_t n)
{
	if (t)
		munmap(t, n * sizeof *t);
}

static int grow_themes(scan *s, cx_err *err)
{
	size_t n = s->nt ? 4 * s->nt : 1 << 16;
	theme *t = alloc_themes(n);
	if (!t)
		return oom(err);
	for (size_t i = 0; i < s->nt; i++)
		if (s->t[i].key)
			*probe(t, n, s->t[i].key) = s->t[i];
	free_themes(s->t, s->nt);
	s->t = t;
	s->nt = n;
	return CX_OK;
}

static int count_term(scan *s, uint64_t key, int g, int nps, int period, cx_err *err)
{
	theme *t = probe(s->t, s->nt, key);
	int32_t seq = (int32_t)s->seq;
	if (s->pass == 2) {
		if (t->key && t->mark && t->last != seq) {
			t->last = seq;
			s->trend[(size_t)(t->mark - 1) * (size_t)s->nperiods + (size_t)period]++;
		}
		return CX_OK;
	}
	if (!t->key) {
		if (4 * (s->used + 1) > 3 * s->nt) {
			int rc = grow_themes(s, err);
			if (rc)
				return rc;
			t = probe(s->t, s->nt, key);
		}
		t->key = key;
		t->last = -1;
		s->used++;
	}
	if (t->last == seq)
		return CX_OK;
	t->last = seq;
	t->n[g]++;
	if (nps >= 0)
		t->nps[nps >= 9 ? 0 : nps >= 7 ? 1 : 2]++;
	int side = g == G_UNHAPPY ? 0 : 1;
	t->ex[side][1] = t->ex[side][0];
	t->ex[side][0] = seq + 1;
	return CX_OK;
}

/* One text (with more of the same writer's, when several): its terms counted once each. */
static int count_text(scan *s, int64_t id, int64_t at, const char *const *texts, int ntexts, const char *lang,
		      int g, int nps, cx_err *err)
{
	int li = 0, rc, period = -1;
	if ((rc = lang_index(s, lang, &li, err)))
		return rc;
	if (s->period != CX_P_ALL && (period = period_index(s, at, err)) < 0)
		return period;
	s->seq++;
	if (s->seq >= INT32_MAX)
		return cx_fail(err, CX_EDATA, "themes: more than %d texts at once: narrow them with "
					      CX_FIELD("since"), INT32_MAX - 1);
	if (s->pass != 2) {
		if ((size_t)s->seq >= s->capdoc) {
			size_t cap = s->capdoc ? 2 * s->capdoc : 4096;
			int64_t *d = realloc(s->docid, cap * sizeof *d);
			if (!d)
				return oom(err);
			s->docid = d;
			s->capdoc = cap;
		}
		s->docid[s->seq] = id;
		s->texts[g]++;
		if (nps >= 0)
			s->nps[nps >= 9 ? 0 : nps >= 7 ? 1 : 2]++;
		if (period >= 0)
			s->period_texts[period]++;
	}
	if (!s->nt && (rc = grow_themes(s, err)))
		return rc;
	for (int k = 0; k < ntexts; k++) {
		if ((rc = cx_terms_split(s->terms[li], texts[k], &s->ids, &s->nids, &s->capids, err)))
			return rc;
		if (2 * s->nids > s->capkeys) {
			uint64_t *keys = realloc(s->keys, 2 * s->nids * sizeof *keys);
			if (!keys)
				return oom(err);
			s->keys = keys;
			s->capkeys = 2 * s->nids;
		}
		/* the words and phrases first, their slots asked of memory at once, then counted */
		size_t nk = 0;
		for (size_t i = 0; i < s->nids; i++) {
			int32_t a = s->ids[i];
			if (a < 0)
				continue;
			s->keys[nk++] = make_key(li, a, -1);
			if (i + 1 < s->nids && s->ids[i + 1] >= 0 && s->ids[i + 1] != a)
				s->keys[nk++] = make_key(li, a, s->ids[i + 1]);
		}
		for (size_t i = 0; i < nk; i++)
			__builtin_prefetch(&s->t[home(s->keys[i], s->nt)], 1);
		for (size_t i = 0; i < nk; i++)
			if ((rc = count_term(s, s->keys[i], g, nps, period, err)))
				return rc;
	}
	return CX_OK;
}

static int group_of_scores(int nps, int csat, int ces)
{
	if ((nps >= 0 && nps <= 6) || (csat >= 0 && csat <= 2) || (ces >= 0 && ces <= 3))
		return G_UNHAPPY;
	return nps >= 0 || csat >= 0 || ces >= 0 ? G_OTHER : G_UNSCORED;
}

static int col_int(cx_stmt *st, int col)
{
	return cx_sql_null(st, col) ? -1 : (int)cx_sql_int(st, col);
}

static void add_filters(cx_sqlbuf *q, const char *at, const cx_themes_opts *o)
{
	if (o->since) {
		cx_sqlbuf_add(q, " AND ");
		cx_sqlbuf_add(q, at);
		cx_sqlbuf_add(q, " >= ?1");
	}
	if (o->until) {
		cx_sqlbuf_add(q, " AND ");
		cx_sqlbuf_add(q, at);
		cx_sqlbuf_add(q, " < ?2");
	}
}

/* The latest complete answer of the case's customer, for cases. */
#define LATEST(col)                                                                                                  \
	" (SELECT r." col " FROM responses r WHERE r.customer_id = k.customer_id AND r.complete = 1"                \
	" ORDER BY r.at DESC, r.id DESC LIMIT 1)"

static int read_texts(cx_db *db, scan *s, int64_t survey_id, cx_err *err)
{
	const cx_themes_opts *o = s->o;
	cx_sqlbuf q = { 0 };
	cx_stmt *st, *notes = NULL;
	int rc;

	switch (o->source) {
	case CX_THEMES_SURVEY:
		cx_sqlbuf_add(&q, "SELECT r.id, r.at, r.comment, s.language, r.nps, r.csat, r.ces FROM responses r"
				  " JOIN surveys s ON s.id = r.survey_id WHERE r.complete = 1 AND r.comment IS NOT NULL");
		add_filters(&q, "r.at", o);
		if (survey_id)
			cx_sqlbuf_add(&q, " AND r.survey_id = ?3");
		cx_sqlbuf_add(&q, " ORDER BY r.id");
		break;
	case CX_THEMES_FEEDBACK:
		cx_sqlbuf_add(&q, "SELECT f.id, f.at, f.body, f.sentiment FROM feedback f WHERE f.body IS NOT NULL");
		add_filters(&q, "f.at", o);
		cx_sqlbuf_add(&q, " ORDER BY f.id");
		break;
	case CX_THEMES_CASE:
		/* a survey follow-up's title is cx's words, not the customer's: only its mail counts */
		cx_sqlbuf_add(&q, "SELECT k.id, k.opened_at, k.title," LATEST("nps") "," LATEST("csat") "," LATEST("ces") ","
				  " EXISTS (SELECT 1 FROM responses r WHERE r.case_id = k.id) FROM cases k WHERE 1 = 1");
		add_filters(&q, "k.opened_at", o);
		cx_sqlbuf_add(&q, " ORDER BY k.id");
		/* what the customer wrote on the case: the mail that came in */
		if ((rc = cx_sql_prepare(db,
					 "SELECT n.body FROM notes n JOIN messages m ON m.note_id = n.id"
					 " WHERE n.case_id = ?1 AND m.direction = 'in' ORDER BY n.id",
					 &notes, err))) {
			cx_sqlbuf_free(&q);
			return rc;
		}
		break;
	}
	rc = q.oom ? oom(err) : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc) {
		cx_sql_finalize(notes);
		return rc;
	}
	cx_sql_bind_int(st, 1, o->since);
	cx_sql_bind_int(st, 2, o->until);
	cx_sql_bind_int(st, 3, survey_id);

	char **more = NULL;
	int nmore = 0, capmore = 0;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		int64_t id = cx_sql_int(st, 0), at = cx_sql_int(st, 1);
		const char *text = cx_sql_text(st, 2);
		if (o->source == CX_THEMES_SURVEY) {
			int nps = col_int(st, 4);
			rc = count_text(s, id, at, &text, 1, cx_sql_text(st, 3), group_of_scores(nps, col_int(st, 5), col_int(st, 6)),
					nps, err);
		} else if (o->source == CX_THEMES_FEEDBACK) {
			const char *sent = cx_sql_null(st, 3) ? NULL : cx_sql_text(st, 3);
			int g = !sent ? G_UNSCORED : !strcmp(sent, "negative") ? G_UNHAPPY : G_OTHER;
			rc = count_text(s, id, at, &text, 1, NULL, g, -1, err);
		} else {
			int nps = col_int(st, 3);
			int g = group_of_scores(nps, col_int(st, 4), col_int(st, 5));
			char *title = strdup(text);
			nmore = 0;
			if (!title) {
				rc = oom(err);
				break;
			}
			cx_sql_reset(notes);
			cx_sql_bind_int(notes, 1, id);
			while ((rc = cx_sql_step(notes, err)) == CX_SQL_ROW) {
				if (nmore + 1 >= capmore) {
					int cap = capmore ? 2 * capmore : 8;
					char **m = realloc(more, (size_t)cap * sizeof *m);
					if (!m) {
						rc = oom(err);
						break;
					}
					more = m;
					capmore = cap;
				}
				if (!nmore)
					more[nmore++] = title;
				if (!(more[nmore] = strdup(cx_sql_text(notes, 0)))) {
					rc = oom(err);
					break;
				}
				nmore++;
			}
			if (rc == CX_SQL_DONE) {
				const char *one[1] = { title };
				int follow_up = cx_sql_int(st, 6) != 0;
				if (nmore)
					rc = count_text(s, id, at, (const char *const *)more + follow_up, nmore - follow_up, NULL,
							g, nps, err);
				else
					rc = follow_up ? CX_OK : count_text(s, id, at, one, 1, NULL, g, nps, err);
			}
			for (int k = 1; k < nmore; k++)
				free(more[k]);
			free(title);
		}
		if (rc)
			break;
	}
	free(more);
	cx_sql_finalize(st);
	cx_sql_finalize(notes);
	return rc < 0 ? rc : CX_OK;
}

/* ---- what is shown ---- */

static const cx_col theme_cols[] = {
	{ "theme", CX_T_TEXT, 0, 0 },
	{ "stems", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "words", CX_T_INT, CX_COL_HIDE, 0 },
	{ "mentions", CX_T_INT, 0, 0 },
	{ "unhappy", CX_T_INT, 0, 0 },
	{ "unhappy_pct", CX_T_REAL, 0, 1 },
	{ "others", CX_T_INT, 0, 0 },
	{ "others_pct", CX_T_REAL, 0, 1 },
	{ "unscored", CX_T_INT, CX_COL_HIDE, 0 },
	{ "g2", CX_T_REAL, CX_COL_DROP(3), 2 },
	{ "p", CX_T_REAL, 0, 4 },
	{ "q", CX_T_REAL, CX_COL_DROP(2), 4 },
	{ "nps_with", CX_T_REAL, 0, 1 },
	{ "nps_with_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps_with_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps_with_n", CX_T_INT, CX_COL_HIDE, 0 },
	{ "nps_without", CX_T_REAL, 0, 1 },
	{ "nps_without_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps_without_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps_without_n", CX_T_INT, CX_COL_HIDE, 0 },
	{ "nps_p", CX_T_REAL, CX_COL_HIDE, 4 },
	{ "example", CX_T_TEXT, CX_COL_WIDE | CX_COL_DROP(1), 0 },
	{ "examples", CX_T_JSON, CX_COL_HIDE, 0 },
};
enum { NTCOLS = sizeof theme_cols / sizeof theme_cols[0] };

static const cx_col trend_cols[] = {
	{ "theme", CX_T_TEXT, 0, 0 },	  { "period", CX_T_TEXT, 0, 0 },  { "texts", CX_T_INT, 0, 0 },
	{ "mentions", CX_T_INT, 0, 0 },	  { "share_pct", CX_T_REAL, 0, 1 }, { "change", CX_T_REAL, 0, 1 },
	{ "change_p", CX_T_REAL, 0, 4 },
};
enum { NRCOLS = sizeof trend_cols / sizeof trend_cols[0] };

static int64_t mentions(const theme *t)
{
	return (int64_t)t->n[G_UNHAPPY] + t->n[G_OTHER] + t->n[G_UNSCORED];
}

static void label(const scan *s, const theme *t, int stems, char *buf, size_t size)
{
	int lang = (int)(t->key >> 60);
	int32_t a = (int32_t)(t->key >> ID_BITS & NO_SECOND), b = (int32_t)(t->key & NO_SECOND);
	const char *(*f)(const cx_terms *, int32_t) = stems ? cx_terms_stem : cx_terms_word;
	if ((uint64_t)b == NO_SECOND)
		snprintf(buf, size, "%s", f(s->terms[lang], a));
	else
		snprintf(buf, size, "%s %s", f(s->terms[lang], a), f(s->terms[lang], b));
}

/* Most over-represented first; then most mentioned; then by key, the order the words were met. */
static int cmp_cand(const void *x, const void *y, void *arg)
{
	const scan *s = arg;
	const cand *ca = x, *cb = y;
	const theme *a = &s->t[ca->slot], *b = &s->t[cb->slot];
	double ga = ca->over ? ca->g2 : -ca->g2, gb = cb->over ? cb->g2 : -cb->g2;
	if (ga != gb)
		return ga > gb ? -1 : 1;
	if (mentions(a) != mentions(b))
		return mentions(a) > mentions(b) ? -1 : 1;
	return (a->key > b->key) - (a->key < b->key);
}

/* The text of an example, for people: whitespace folded, cut at about 200 characters. */
static int example_text(cx_db *db, cx_themes_source src, int64_t id, char *buf, size_t size, cx_err *err)
{
	static const char *const sql[] = {
		[CX_THEMES_SURVEY] = "SELECT comment FROM responses WHERE id = ?1",
		[CX_THEMES_FEEDBACK] = "SELECT body FROM feedback WHERE id = ?1",
		[CX_THEMES_CASE] = "SELECT title FROM cases WHERE id = ?1",
	};
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, sql[src], CX_INT(id));
	buf[0] = '\0';
	if (rc)
		return rc;

	if ((rc = cx_sql_step(st, err)) == CX_SQL_ROW && !cx_sql_null(st, 0)) {
		const char *t = cx_sql_text(st, 0);
		size_t w = 0;
		int space = 0;
		for (; *t && w + 8 < size; t++) {
			if (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t') {
				space = w > 0;
				continue;
			}
			if (space)
				buf[w++] = ' ';
			space = 0;
			buf[w++] = *t;
		}
		/* cut short: not in the middle of a character */
		if (*t && ((unsigned char)*t & 0xc0) == 0x80) {
			while (w > 0 && ((unsigned char)buf[w - 1] & 0xc0) == 0x80)
				w--;
			if (w > 0)
				w--;
		}
		if (*t)
			w += (size_t)snprintf(buf + w, size - w, "...");
		buf[w] = '\0';
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static cx_val nps_val(const cx_nps *m, double v)
{
	return m->n ? CX_REALV(v) : CX_NULLV;
}

/* The bars of the chart: how many of the unhappy and of the others mention each theme. */
static void chart(const scan *s, const cand *c, size_t n, cx_out *out)
{
	enum { MAXBARS = 12 };
	char labels[MAXBARS][160];
	const char *lp[MAXBARS];
	double a[MAXBARS], b[MAXBARS];
	size_t k = 0;
	for (; k < n && k < MAXBARS; k++) {
		const theme *t = &s->t[c[k].slot];
		label(s, t, 0, labels[k], sizeof labels[k]);
		lp[k] = labels[k];
		a[k] = s->texts[G_UNHAPPY] ? 100.0 * (double)t->n[G_UNHAPPY] / (double)s->texts[G_UNHAPPY] : 0;
		b[k] = s->texts[G_OTHER] ? 100.0 * (double)t->n[G_OTHER] / (double)s->texts[G_OTHER] : 0;
	}
	char *svg = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&svg, &len);
	if (!mem)
		return;
	cx_chart_pairs_svg(mem, "Themes: share of unhappy and other writers who mention each", lp, a, b, (int)k,
			   "unhappy", "others");
	if (fclose(mem) == 0)
		cx_out_raw(out, svg);
	free(svg);
}

static int read_texts(cx_db *db, scan *s, int64_t survey_id, cx_err *err);

/* --by: the themes shown counted again, period by period, in a second reading of the texts. */
static int write_trend(cx_db *db, scan *s, const cand *c, size_t shown, cx_out *out, cx_err *err)
{
	int rc = CX_OK;
	int *order = malloc((size_t)(s->nperiods ? s->nperiods : 1) * sizeof *order);
	s->trend = calloc(shown * (size_t)(s->nperiods ? s->nperiods : 1) + 1, sizeof *s->trend);
	if (!order || !s->trend) {
		free(order);
		return oom(err);
	}
	for (size_t k = 0; k < s->nt; k++) {
		s->t[k].mark = 0;
		s->t[k].last = -1;
	}
	for (size_t k = 0; k < shown; k++)
		s->t[c[k].slot].mark = (int32_t)k + 1;
	s->pass = 2;
	s->seq = 0;
	if ((rc = read_texts(db, s, s->survey_id, err))) {
		free(order);
		return rc;
	}
	for (int i = 0; i < s->nperiods; i++) {
		int j = i;
		while (j > 0 && strcmp(s->periods[order[j - 1]], s->periods[i]) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	cx_out_begin(out, "trend", "Trend", CX_LAY_TABLE, trend_cols, NRCOLS);
	for (size_t k = 0; k < shown; k++) {
		char name[160];
		label(s, &s->t[c[k].slot], 0, name, sizeof name);
		int64_t pk = 0, pn = 0;
		for (int i = 0; i < s->nperiods; i++) {
			int per = order[i];
			int64_t m = s->trend[k * (size_t)s->nperiods + (size_t)per], n = s->period_texts[per];
			double share = n ? 100.0 * (double)m / (double)n : 0;
			cx_change ch = cx_share_change(pk, pn, m, n);
			cx_val v[NRCOLS] = {
				CX_TEXTV(name),
				CX_TEXTV(s->periods[per]),
				CX_INTV(n),
				CX_INTV(m),
				CX_REALV(share),
				i ? CX_REALV(ch.diff) : CX_NULLV,
				i && ch.tested ? CX_REALV(ch.p) : CX_NULLV,
			};
			cx_out_row(out, v);
			pk = m;
			pn = n;
		}
	}
	cx_out_end(out);
	free(order);
	return CX_OK;
}

/*
 * The themes mentioned at least min times, each tested: how much more the
 * unhappy use it than others (g2, one-sided p), and q, p corrected for
 * testing them all at once. *c is the caller's to free.
 */
static int candidates(scan *s, int64_t min, cand **c, size_t *nc, cx_err *err)
{
	int64_t nu = s->texts[G_UNHAPPY], no = s->texts[G_OTHER];
	size_t n = 0, cap = 0;
	cand *cs = NULL;

	for (size_t i = 0; i < s->nt; i++) {
		theme *t = &s->t[i];
		if (!t->key || mentions(t) < min)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			cand *more = realloc(cs, cap * sizeof *cs);
			if (!more) {
				free(cs);
				return oom(err);
			}
			cs = more;
		}
		int64_t a = t->n[G_UNHAPPY], b = t->n[G_OTHER];
		cs[n++] = (cand){ .slot = i, .g2 = cx_g2(a, nu - a, b, no - b), .p = cx_g2_p_over(a, nu - a, b, no - b),
				  .over = (double)a * (double)no > (double)b * (double)nu };
	}
	double *p = malloc((n ? n : 1) * sizeof *p), *q = malloc((n ? n : 1) * sizeof *q);
	if (!p || !q) {
		free(cs);
		free(p);
		free(q);
		return oom(err);
	}
	for (size_t k = 0; k < n; k++)
		p[k] = cs[k].p;
	cx_bh_adjust(p, q, n);
	for (size_t k = 0; k < n; k++)
		cs[k].q = q[k];
	free(p);
	free(q);
	*c = cs;
	*nc = n;
	return CX_OK;
}

/*
 * A word said only ever in one phrase is that phrase: "crushed" when
 * every text with it says "arrived crushed". It was tested, but is not
 * shown twice: left out of c, whose new length is returned.
 */
static size_t drop_covered(scan *s, cand *c, size_t nc)
{
	for (size_t k = 0; k < nc; k++) {
		theme *b = &s->t[c[k].slot];
		if (!(b->key >> 59 & 1))
			continue;
		int lang = (int)(b->key >> 60);
		int32_t ids[2] = { (int32_t)(b->key >> ID_BITS & NO_SECOND), (int32_t)(b->key & NO_SECOND) };
		for (int j = 0; j < 2; j++) {
			theme *u = probe(s->t, s->nt, make_key(lang, ids[j], -1));
			if (u->key && !memcmp(u->n, b->n, sizeof u->n))
				u->mark = -1; /* covered */
		}
	}
	size_t kept = 0;
	for (size_t k = 0; k < nc; k++)
		if (s->t[c[k].slot].mark != -1)
			c[kept++] = c[k];
	return kept;
}

/*
 * A theme's examples: the side it leans to first, the latest of each, the
 * same words never twice; *n of them in ex, and all as a JSON array in json.
 */
static int examples(cx_db *db, scan *s, const cand *c, char ex[CX_THEMES_EXAMPLES][256], int *n,
		    char json[CX_THEMES_EXAMPLES * 1600 + 8], cx_err *err)
{
	const theme *t = &s->t[c->slot];
	int nex = 0, rc;
	for (int side = 0; side < 2 && nex < CX_THEMES_EXAMPLES; side++) {
		int sd = c->over ? side : 1 - side;
		for (int j = 0; j < 2 && nex < CX_THEMES_EXAMPLES && t->ex[sd][j]; j++) {
			if ((rc = example_text(db, s->o->source, s->docid[t->ex[sd][j] - 1], ex[nex], sizeof ex[nex], err)))
				return rc;
			int again = 0;
			for (int e = 0; e < nex; e++)
				again |= !strcmp(ex[e], ex[nex]);
			nex += !again && ex[nex][0];
		}
	}
	size_t w = 0;
	json[w++] = '[';
	for (int j = 0; j < nex; j++) {
		if (j)
			json[w++] = ',';
		w += cx_json_quote(json + w, ex[j]);
	}
	json[w++] = ']';
	json[w] = '\0';
	*n = nex;
	return CX_OK;
}

/* A theme's row: how often each side mentions it, the test, and NPS with and without it. */
static int theme_row(cx_db *db, scan *s, const cand *c, int tested, cx_out *out, cx_err *err)
{
	const theme *t = &s->t[c->slot];
	int64_t nu = s->texts[G_UNHAPPY], no = s->texts[G_OTHER];
	char name[160], stems[160], ex[CX_THEMES_EXAMPLES][256], json[CX_THEMES_EXAMPLES * 1600 + 8];
	int nex, rc;

	if ((rc = examples(db, s, c, ex, &nex, json, err)))
		return rc;
	label(s, t, 0, name, sizeof name);
	label(s, t, 1, stems, sizeof stems);
	cx_nps with = { .promoters = t->nps[0], .passives = t->nps[1], .detractors = t->nps[2] };
	cx_nps without = { .promoters = s->nps[0] - t->nps[0], .passives = s->nps[1] - t->nps[1],
			   .detractors = s->nps[2] - t->nps[2] };
	with.n = with.promoters + with.passives + with.detractors;
	without.n = without.promoters + without.passives + without.detractors;
	cx_nps_compute(&with);
	cx_nps_compute(&without);
	cx_change d = cx_nps_change(&without, &with);
	cx_val v[NTCOLS] = {
		CX_TEXTV(name),
		CX_TEXTV(stems),
		CX_INTV((t->key >> 59 & 1) + 1),
		CX_INTV(mentions(t)),
		CX_INTV(t->n[G_UNHAPPY]),
		nu ? CX_REALV(100.0 * (double)t->n[G_UNHAPPY] / (double)nu) : CX_NULLV,
		CX_INTV(t->n[G_OTHER]),
		no ? CX_REALV(100.0 * (double)t->n[G_OTHER] / (double)no) : CX_NULLV,
		CX_INTV(t->n[G_UNSCORED]),
		tested ? CX_REALV(c->over ? c->g2 : -c->g2) : CX_NULLV,
		tested ? CX_REALV(c->p) : CX_NULLV,
		tested ? CX_REALV(c->q) : CX_NULLV,
		nps_val(&with, with.score),
		nps_val(&with, with.lo),
		nps_val(&with, with.hi),
		CX_INTV(with.n),
		nps_val(&without, without.score),
		nps_val(&without, without.lo),
		nps_val(&without, without.hi),
		CX_INTV(without.n),
		d.tested ? CX_REALV(d.p) : CX_NULLV,
		nex ? CX_TEXTV(ex[0]) : CX_NULLV,
		CX_TEXTV(json),
	};
	cx_out_row(out, v);
	return CX_OK;
}

/* For people, under the table: what was counted, and how to read the test. */
static void themes_note(const scan *s, size_t ntested, int64_t min, int tested, cx_out *out)
{
	int64_t nu = s->texts[G_UNHAPPY], no = s->texts[G_OTHER];
	char line[512];
	snprintf(line, sizeof line,
		 "%lld texts: %lld by unhappy writers, %lld by others, %lld without a score; %zu themes mentioned by at"
		 " least %lld.",
		 (long long)(nu + no + s->texts[G_UNSCORED]), (long long)nu, (long long)no,
		 (long long)s->texts[G_UNSCORED], ntested, (long long)min);
	cx_out_text(out, line);
	if (tested)
		snprintf(line, sizeof line,
			 "g2 and p: how much more the unhappy use a theme (one-sided; negative g2: less); q: p corrected"
			 " for testing %zu themes at once: trust what has q below 0.05.",
			 ntested);
	else
		snprintf(line, sizeof line, "No test: it needs texts by unhappy writers and by others.");
	cx_out_text(out, line);
}

static int write_themes(cx_db *db, scan *s, cx_out *out, cx_err *err)
{
	const cx_themes_opts *o = s->o;
	int64_t min = o->min > 0 ? o->min : CX_THEMES_MIN, limit = o->limit > 0 ? o->limit : CX_THEMES_LIMIT;
	size_t nc, ntested = 0;
	cand *c = NULL;
	int rc;


	if ((rc = candidates(s, min, &c, &ntested, err)))
		return rc;
	nc = drop_covered(s, c, ntested);
	if (nc)
		qsort_r(c, nc, sizeof *c, cmp_cand, s);
	size_t shown = nc < (size_t)limit ? nc : (size_t)limit;
	int tested = s->texts[G_UNHAPPY] > 0 && s->texts[G_OTHER] > 0;
	if (o->as_section && !shown) {
		/* a digest leaves out what has nothing to say */
		free(c);
		return CX_OK;
	}

	/* the picture first: the table below it is the detail */
	if (cx_out_fmt(out) == CX_FMT_HTML && shown)
		chart(s, c, shown, out);
	cx_out_begin(out, o->as_section || o->by ? "themes" : NULL, o->as_section || o->by ? "Themes" : NULL,
		     CX_LAY_TABLE, theme_cols, NTCOLS);
	for (size_t k = 0; k < shown && rc == CX_OK; k++)
		rc = theme_row(db, s, &c[k], tested, out, err);
	cx_out_end(out);
	if (rc == CX_OK && cx_fmt_people(cx_out_fmt(out)))
		themes_note(s, ntested, min, tested, out);
	if (rc == CX_OK && o->by)
		rc = write_trend(db, s, c, shown, out, err);
	free(c);
	return rc;
}

int cx_themes(cx_db *db, const cx_themes_opts *o, cx_out *out, cx_err *err)
{
	scan s = { .o = o, .last_period = -1 };
	int rc;

	if ((rc = cx_period_parse(o->by, &s.period, err)))
		return rc;
	if (o->language && (rc = cx_terms_new(o->language, &s.terms[0], err)))
		return rc; /* a bad --language is told before anything is read */
	cx_terms_free(s.terms[0]);
	s.terms[0] = NULL;
	if ((rc = cx_setting_get(db, "text.language", s.setting_lang, sizeof s.setting_lang, err)))
		return rc;
	if (o->survey && (rc = cx_survey_id(db, o->survey, &s.survey_id, err)))
		return rc;
	rc = read_texts(db, &s, s.survey_id, err);
	if (rc == CX_OK)
		rc = write_themes(db, &s, out, err);
	for (int i = 0; i < s.nlang; i++)
		cx_terms_free(s.terms[i]);
	free_themes(s.t, s.nt);
	free(s.docid);
	free(s.keys);
	free(s.trend);
	free(s.periods);
	free(s.period_texts);
	free(s.ids);
	return rc;
}
