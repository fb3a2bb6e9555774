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

#include "cx/date.h"
#include "cx/journey.h"
#include "cx/metrics.h"
#include "cx/setting.h"
#include "cx/terms.h"
#include "cx/themes.h"
#include "intmap.h"
#include "sql.h"

/* Who wrote a text: an unhappy customer, another one with a score, one without. */
enum { G_UNHAPPY, G_OTHER, G_UNSCORED, NGROUPS };

typedef struct theme {
	uint64_t key;
	int64_t n[NGROUPS];   /* texts mentioning it, by group */
	int64_t nps[3];       /* mentioners' promoters, passives, detractors */
	int64_t last;         /* the last text counted: a word said twice counts once */
	int64_t ex[2][CX_THEMES_EXAMPLES]; /* the latest texts mentioning it: [0] unhappy, [1] the others */
	int nex[2];
	double g2, p, q;
	int over;
	int covered; /* a word met only in one phrase: the phrase is shown */
} theme;

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
	theme *t;
	size_t nt, capt;
	cx_intmap index;   /* key -> theme index */
	cx_intmap trend;   /* theme index << 24 | period -> texts mentioning it */
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
		return cx_fail(err, CX_EDATA, "texts in more than %d languages at once: choose one with --survey", LANGS);
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

static int count_term(scan *s, uint64_t key, int g, int nps, int period, int64_t id, cx_err *err)
{
	int added;
	int64_t *slot = cx_intmap_at(&s->index, key, &added);
	if (!slot)
		return oom(err);
	if (added) {
		if (s->nt == s->capt) {
			size_t cap = s->capt ? 2 * s->capt : 1024;
			theme *t = realloc(s->t, cap * sizeof *t);
			if (!t)
				return oom(err);
			s->t = t;
			s->capt = cap;
		}
		memset(&s->t[s->nt], 0, sizeof *s->t);
		s->t[s->nt].key = key;
		s->t[s->nt].last = -1;
		*slot = (int64_t)s->nt++;
	}
	theme *t = &s->t[*slot];
	if (t->last == s->seq)
		return CX_OK;
	t->last = s->seq;
	t->n[g]++;
	if (nps >= 0)
		t->nps[nps >= 9 ? 0 : nps >= 7 ? 1 : 2]++;
	int side = g == G_UNHAPPY ? 0 : 1;
	t->ex[side][t->nex[side] % CX_THEMES_EXAMPLES] = id;
	t->nex[side]++;
	if (period >= 0) {
		int64_t *c = cx_intmap_at(&s->trend, (uint64_t)*slot << 24 | (uint64_t)period, &added);
		if (!c)
			return oom(err);
		++*c;
	}
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
	s->texts[g]++;
	if (nps >= 0)
		s->nps[nps >= 9 ? 0 : nps >= 7 ? 1 : 2]++;
	if (period >= 0)
		s->period_texts[period]++;
	for (int k = 0; k < ntexts; k++) {
		if ((rc = cx_terms_split(s->terms[li], texts[k], &s->ids, &s->nids, &s->capids, err)))
			return rc;
		for (size_t i = 0; i < s->nids; i++) {
			int32_t a = s->ids[i];
			if (a < 0)
				continue;
			if ((rc = count_term(s, make_key(li, a, -1), g, nps, period, id, err)))
				return rc;
			if (i + 1 < s->nids && s->ids[i + 1] >= 0 && s->ids[i + 1] != a &&
			    (rc = count_term(s, make_key(li, a, s->ids[i + 1]), g, nps, period, id, err)))
				return rc;
		}
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
	return t->n[G_UNHAPPY] + t->n[G_OTHER] + t->n[G_UNSCORED];
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

static int cmp_theme(const void *x, const void *y, void *arg)
{
	const scan *s = arg;
	const theme *a = &s->t[*(const size_t *)x], *b = &s->t[*(const size_t *)y];
	double ga = a->over ? a->g2 : -a->g2, gb = b->over ? b->g2 : -b->g2;
	if (ga != gb)
		return ga > gb ? -1 : 1;
	if (mentions(a) != mentions(b))
		return mentions(a) > mentions(b) ? -1 : 1;
	char la[160], lb[160];
	label(s, a, 0, la, sizeof la);
	label(s, b, 0, lb, sizeof lb);
	return strcmp(la, lb);
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
	int rc = cx_sql_prepare(db, sql[src], &st, err);
	buf[0] = '\0';
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, id);
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
static void chart(const scan *s, const size_t *order, size_t n, cx_out *out)
{
	enum { MAXBARS = 12 };
	char labels[MAXBARS][160];
	const char *lp[MAXBARS];
	double a[MAXBARS], b[MAXBARS];
	size_t k = 0;
	for (; k < n && k < MAXBARS; k++) {
		const theme *t = &s->t[order[k]];
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

static int write_themes(cx_db *db, scan *s, cx_out *out, cx_err *err)
{
	const cx_themes_opts *o = s->o;
	int64_t min = o->min > 0 ? o->min : CX_THEMES_MIN, limit = o->limit > 0 ? o->limit : CX_THEMES_LIMIT;
	int64_t nu = s->texts[G_UNHAPPY], no = s->texts[G_OTHER];
	size_t *cand = malloc((s->nt ? s->nt : 1) * sizeof *cand), nc = 0;
	double *p = calloc(s->nt ? s->nt : 1, sizeof *p), *q = calloc(s->nt ? s->nt : 1, sizeof *q);
	int rc = CX_OK;

	if (!cand || !p || !q) {
		free(cand);
		free(p);
		free(q);
		return oom(err);
	}
	for (size_t i = 0; i < s->nt; i++) {
		theme *t = &s->t[i];
		if (mentions(t) < min)
			continue;
		int64_t a = t->n[G_UNHAPPY], c = t->n[G_OTHER];
		t->g2 = cx_g2(a, nu - a, c, no - c);
		t->p = cx_g2_p_over(a, nu - a, c, no - c);
		t->over = (double)a * (double)no > (double)c * (double)nu;
		p[nc] = t->p;
		cand[nc++] = i;
	}
	size_t ntested = nc;
	cx_bh_adjust(p, q, nc);
	for (size_t k = 0; k < nc; k++)
		s->t[cand[k]].q = q[k];
	/*
	 * A word said only ever in one phrase is that phrase: "crushed" when
	 * every text with it says "arrived crushed". It was tested, but is not
	 * shown twice.
	 */
	for (size_t k = 0; k < nc; k++) {
		theme *b = &s->t[cand[k]];
		if (!(b->key >> 59 & 1))
			continue;
		int lang = (int)(b->key >> 60);
		int32_t ids[2] = { (int32_t)(b->key >> ID_BITS & NO_SECOND), (int32_t)(b->key & NO_SECOND) };
		for (int j = 0; j < 2; j++) {
			const int64_t *slot = cx_intmap_find(&s->index, make_key(lang, ids[j], -1));
			if (!slot)
				continue; /* cannot be: a phrase's words are themes too */
			theme *u = &s->t[*slot];
			if (!memcmp(u->n, b->n, sizeof u->n))
				u->covered = 1;
		}
	}
	size_t kept = 0;
	for (size_t k = 0; k < nc; k++)
		if (!s->t[cand[k]].covered)
			cand[kept++] = cand[k];
	nc = kept;
	if (nc)
		qsort_r(cand, nc, sizeof *cand, cmp_theme, s);
	size_t shown = nc < (size_t)limit ? nc : (size_t)limit;
	int tested = nu > 0 && no > 0;
	if (o->as_section && !shown) {
		/* a digest leaves out what has nothing to say */
		free(cand);
		free(p);
		free(q);
		return CX_OK;
	}

	/* the picture first: the table below it is the detail */
	if (cx_out_fmt(out) == CX_FMT_HTML && shown)
		chart(s, cand, shown, out);
	cx_out_begin(out, o->as_section || o->by ? "themes" : NULL, o->as_section || o->by ? "Themes" : NULL,
		     CX_LAY_TABLE, theme_cols, NTCOLS);
	for (size_t k = 0; k < shown && rc == CX_OK; k++) {
		theme *t = &s->t[cand[k]];
		char name[160], stems[160], ex[CX_THEMES_EXAMPLES][256], json[CX_THEMES_EXAMPLES * 1600 + 8];
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
		/* examples: the side the theme leans to first, the latest of each */
		int nex = 0;
		for (int side = 0; side < 2 && nex < CX_THEMES_EXAMPLES; side++) {
			int sd = t->over ? side : 1 - side;
			int have = t->nex[sd] < CX_THEMES_EXAMPLES ? t->nex[sd] : CX_THEMES_EXAMPLES;
			for (int j = 0; j < have && nex < CX_THEMES_EXAMPLES; j++) {
				int slot = ((t->nex[sd] - 1 - j) % CX_THEMES_EXAMPLES + CX_THEMES_EXAMPLES) % CX_THEMES_EXAMPLES;
				if ((rc = example_text(db, o->source, t->ex[sd][slot], ex[nex], sizeof ex[nex], err)))
					break;
				int again = 0; /* the same words twice teach nothing */
				for (int e = 0; e < nex; e++)
					again |= !strcmp(ex[e], ex[nex]);
				nex += !again && ex[nex][0];
			}
		}
		if (rc)
			break;
		size_t w = 0;
		json[w++] = '[';
		for (int j = 0; j < nex; j++) {
			if (j)
				json[w++] = ',';
			w += cx_json_quote(json + w, ex[j]);
		}
		json[w++] = ']';
		json[w] = '\0';
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
			tested ? CX_REALV(t->over ? t->g2 : -t->g2) : CX_NULLV,
			tested ? CX_REALV(t->p) : CX_NULLV,
			tested ? CX_REALV(t->q) : CX_NULLV,
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
	}
	cx_out_end(out);
	if (rc == CX_OK && cx_fmt_people(cx_out_fmt(out))) {
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
	if (rc == CX_OK && o->by) {
		cx_out_begin(out, "trend", "Trend", CX_LAY_TABLE, trend_cols, NRCOLS);
		int *order = malloc((size_t)(s->nperiods ? s->nperiods : 1) * sizeof *order);
		if (!order)
			rc = oom(err);
		for (int i = 0; order && i < s->nperiods; i++) {
			int j = i;
			while (j > 0 && strcmp(s->periods[order[j - 1]], s->periods[i]) > 0) {
				order[j] = order[j - 1];
				j--;
			}
			order[j] = i;
		}
		for (size_t k = 0; order && k < shown; k++) {
			char name[160];
			label(s, &s->t[cand[k]], 0, name, sizeof name);
			int64_t pk = 0, pn = 0;
			for (int i = 0; i < s->nperiods; i++) {
				int per = order[i];
				const int64_t *c = cx_intmap_find(&s->trend, (uint64_t)cand[k] << 24 | (uint64_t)per);
				int64_t m = c ? *c : 0, n = s->period_texts[per];
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
		free(order);
		cx_out_end(out);
	}
	free(cand);
	free(p);
	free(q);
	return rc;
}

int cx_themes(cx_db *db, const cx_themes_opts *o, cx_out *out, cx_err *err)
{
	scan s = { .o = o, .last_period = -1 };
	int64_t survey_id = 0;
	int rc;

	if ((rc = cx_period_parse(o->by, &s.period, err)))
		return rc;
	if (o->language && (rc = cx_terms_new(o->language, &s.terms[0], err)))
		return rc; /* a bad --language is told before anything is read */
	cx_terms_free(s.terms[0]);
	s.terms[0] = NULL;
	if ((rc = cx_setting_get(db, "text.language", s.setting_lang, sizeof s.setting_lang, err)))
		return rc;
	if (o->survey) {
		cx_stmt *st;
		if ((rc = cx_sql_prepare(db, "SELECT id FROM surveys WHERE lower(name) = lower(?1)", &st, err)))
			return rc;
		cx_sql_bind_text(st, 1, o->survey);
		if ((rc = cx_sql_one_int(st, 0, &survey_id, err)))
			return rc;
		if (!survey_id)
			return cx_fail(err, CX_ENOTFOUND, "no survey \"%s\" (see cx survey list)", o->survey);
	}
	rc = read_texts(db, &s, survey_id, err);
	if (rc == CX_OK)
		rc = write_themes(db, &s, out, err);
	for (int i = 0; i < s.nlang; i++)
		cx_terms_free(s.terms[i]);
	free(s.t);
	cx_intmap_free(&s.index);
	cx_intmap_free(&s.trend);
	free(s.periods);
	free(s.period_texts);
	free(s.ids);
	return rc;
}
