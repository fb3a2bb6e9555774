/* Unit tests for lib/survey_layout.c: scores as tools write them, and columns told by headers and answers. */
#include <stdio.h>

#include "lib/survey_layout.h"
#include "unit.h"

static void score(const char *s, cx_role role, int rc, int v)
{
	int got = -7;
	int r = survey_score_parse(s, role, &got);
	if (r != rc || (rc == 0 && got != v))
		fail_msg("\"%s\" as %s: returned %d with %d, want %d with %d", s, cx_role_names[role], r, got, rc, v);
}

static void test_scores(void **state)
{
	(void)state;
	score("9", CX_ROLE_NPS, 0, 9);
	score(" 0 ", CX_ROLE_NPS, 0, 0);
	score("9.0", CX_ROLE_NPS, 0, 9);
	score("10 - Extremely likely", CX_ROLE_NPS, 0, 10);
	score("5 (Very satisfied)", CX_ROLE_CSAT, 0, 5);
	score("Not at all likely", CX_ROLE_NPS, 0, 0);
	score("very satisfied", CX_ROLE_CSAT, 0, 5);
	score("Strongly agree", CX_ROLE_CES, 0, 7);
	score("", CX_ROLE_NPS, 0, -1); /* no answer */
	score("   ", CX_ROLE_CSAT, 0, -1);
	score("8.5", CX_ROLE_NPS, -1, 0); /* not a point of the scale */
	score("11", CX_ROLE_NPS, -1, 0);
	score("0", CX_ROLE_CSAT, -1, 0);
	score("6", CX_ROLE_CSAT, -1, 0);
	score("8", CX_ROLE_CES, -1, 0);
	score("9 apples", CX_ROLE_NPS, -1, 0);
	score("maybe", CX_ROLE_NPS, -1, 0);
}

typedef struct layout_file {
	char dir[512], path[600];
	cx_csv *r;
	survey_layout l;
} layout_file;

/* The layout of a CSV text, read as cx survey import would (opts: o, or the defaults). */
static void read_layout(void **state, layout_file *f, const char *csv, const cx_survey_import_opts *o)
{
	cx_err err = { 0 };
	cx_survey_import_opts none = { 0 };
	unit_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->path, sizeof f->path, "%s/export.csv", f->dir);
	FILE *fp = fopen(f->path, "w");
	assert_non_null(fp);
	fputs(csv, fp);
	assert_int_equal(fclose(fp), 0);
	cx_csv_opts co = { 0 };
	unit_ok(cx_csv_open(&f->r, f->path, NULL, &co, &err), err);
	unit_ok(survey_layout_read(unit_db_of(state), f->r, o ? o : &none, &f->l, &err), err);
}

static void close_layout(layout_file *f)
{
	survey_layout_free(&f->l);
	cx_csv_close(f->r);
	unit_rmtree(f->dir);
}

/* 1-based column of a field, 0 for none */
static int column(const layout_file *f, cx_role role)
{
	return f->l.role_col[role] + 1;
}

static void test_google_forms(void **state)
{
	layout_file f;
	read_layout(state, &f,
		    "Timestamp,Email address,How likely are you to recommend us to a friend?,"
		    "What could we do better?,Which loaves did you buy?\n"
		    "2026/03/01 9:14:02 AM GMT,ana@example.org,9,Lovely sourdough but the queue was long,"
		    "Sourdough;Rye\n"
		    "2026/03/01 10:02:40 AM GMT,ben@example.org,3,The bread was stale and nobody apologised,Rye\n"
		    "2026/03/02 8:55:13 AM GMT,cy@example.org,10,Best croissants in town,Sourdough;Spelt\n",
		    NULL);
	assert_int_equal(column(&f, CX_ROLE_AT), 1);
	assert_int_equal(column(&f, CX_ROLE_EMAIL), 2);
	assert_int_equal(column(&f, CX_ROLE_NPS), 3);
	assert_int_equal(column(&f, CX_ROLE_COMMENT), 4); /* sentences, not the choice list */
	assert_int_equal(column(&f, CX_ROLE_CSAT), 0);
	assert_int_equal(column(&f, CX_ROLE_CES), 0);
	/* every data row comes back, the sampled ones first */
	cx_row row;
	cx_err err = { 0 };
	int rows = 0;
	while (survey_layout_next(&f.l, f.r, &row, &err) == 1)
		rows++;
	assert_int_equal(rows, 3);
	close_layout(&f);
}

static void test_scale_from_values(void **state)
{
	/* headers that name no scale: the answers tell 1..5 from 0..10 */
	layout_file f;
	read_layout(state, &f,
		    "id,When,Rating,Score,Notes\n"
		    "1,2026-03-01,4,9,ok\n"
		    "2,2026-03-02,2,3,the delivery came a week late\n"
		    "3,2026-03-03,5,10,\n"
		    "4,2026-03-04,1,0,rude staff at the counter\n",
		    NULL);
	assert_int_equal(column(&f, CX_ROLE_CSAT), 3);
	assert_int_equal(column(&f, CX_ROLE_NPS), 4);
	close_layout(&f);
}

static void test_told(void **state)
{
	/* a column given by the user wins over what the headers suggest */
	layout_file f;
	cx_survey_import_opts o = { .col[CX_ROLE_COMMENT] = "Other remarks" };
	read_layout(state, &f,
		    "Date,Recommend (0-10),Comments,Other remarks\n"
		    "2026-03-01,7,fine,the parking is hard to find\n"
		    "2026-03-02,8,good,we waited twenty minutes for a table\n",
		    &o);
	assert_int_equal(column(&f, CX_ROLE_NPS), 2);
	assert_int_equal(column(&f, CX_ROLE_COMMENT), 4);
	close_layout(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scores),
		cmocka_unit_test_setup_teardown(test_google_forms, unit_db_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_scale_from_values, unit_db_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_told, unit_db_setup, unit_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
