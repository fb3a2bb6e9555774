/*
 * Unit tests for lib/survey_reader.c: the rows worked out by a second
 * thread are the rows worked out in the caller's, batch boundaries and
 * failures included.
 */
#include <stdio.h>
#include <string.h>

#include "lib/survey_reader.h"
#include "unit.h"

/* Every item and the ending, one line each, as read with or without a second thread. */
static char *read_all(void **state, const char *path, int threads, const cx_survey_import_opts *o, const int *tag_col)
{
	cx_err err = { 0 };
	cx_csv *r;
	cx_csv_opts co = { 0 };
	survey_layout l;
	survey_reader sr;
	unit_ok(cx_csv_open(&r, path, NULL, &co, &err), err);
	unit_ok(survey_layout_read(unit_db_of(state), r, o, &l, &err), err);
	unit_ok(survey_reader_start(&sr, &l, r, o, tag_col, 1780000000, threads, &err), err);
	assert_int_equal(sr.threaded, threads);
	size_t size = 1 << 20, used = 0;
	char *out = malloc(size);
	assert_non_null(out);
	out[0] = '\0';
	for (;;) {
		survey_batch *b = survey_reader_next(&sr);
		for (int i = 0; i < b->n; i++) {
			const survey_item *it = &b->item[i];
			const char *tags = survey_text(b, it->tags);
			int n = snprintf(out + used, size - used, "%lld %lld %d %d/%d/%d/%d %lld %s|%s|%s|%s|%s|%s|%d\n",
					 (long long)it->line, (long long)it->at, it->complete, it->score[0], it->score[1],
					 it->score[2], it->score[3], (long long)it->given, survey_text(b, it->key),
					 survey_text(b, it->email) ? survey_text(b, it->email) : "-",
					 survey_text(b, it->name) ? survey_text(b, it->name) : "-",
					 survey_text(b, it->comment) ? survey_text(b, it->comment) : "-",
					 survey_text(b, it->answers) ? survey_text(b, it->answers) : "-",
					 survey_text(b, it->token) ? survey_text(b, it->token) : "-", tags ? tags[0] : -1);
			assert_true(n > 0 && (size_t)n < size - used);
			used += (size_t)n;
		}
		if (b->rc) {
			snprintf(out + used, size - used, "end %d %s\n", b->rc, b->rc < 0 ? b->err.msg : "");
			break;
		}
	}
	survey_reader_stop(&sr);
	survey_layout_free(&l);
	cx_csv_close(r);
	return out;
}

/* n rows of an export (several batches), the row bad_at (1-based; 0: none) with a score off its scale. */
static void write_export(const char *path, int n, int bad_at)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("Response ID,Email,Submitted,How likely are you to recommend us?,Comment,Which shop?,Ticket\n", fp);
	for (int i = 1; i <= n; i++)
		fprintf(fp, "R%05d,%sPerson%d@Example.org,2026-03-%02d %02d:%02d:00,%d,\"%s\",%s,%s\n", i,
			i % 7 ? "" : " ", i, 1 + i % 28, i % 24, i % 60, i == bad_at ? 11 : i % 11,
			i % 5 ? "Slow, \"\"very\"\" slow" : "", i % 3 ? "Main Street" : "", i % 4 ? "" : "tok");
	assert_int_equal(fclose(fp), 0);
}

static void same_both_ways(void **state, int n, int bad_at)
{
	char dir[512], path[600];
	unit_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/export.csv", dir);
	write_export(path, n, bad_at);
	cx_survey_import_opts o = { 0 };
	cx_answer_tag rule = { .column = "Which shop?", .value = "main street", .tag = "local" };
	o.tags = &rule;
	o.ntags = 1;
	int tag_col[1] = { 5 };
	char *one = read_all(state, path, 0, &o, tag_col), *two = read_all(state, path, 1, &o, tag_col);
	assert_string_equal(one, two);
	/* every row is there, and the ending says how the file ended */
	size_t lines = 0;
	for (const char *p = one; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, (size_t)(bad_at ? bad_at - 1 : n) + 1);
	if (bad_at)
		assert_non_null(strstr(one, "is not an NPS score from 0 to 10"));
	else
		assert_non_null(strstr(one, "end 1"));
	if (!strstr(one, "|Person1@example.org|"))
		fail_msg("%.300s", one);
	free(one);
	free(two);
	unit_rmtree(dir);
}

static void test_same_rows_both_ways(void **state)
{
	same_both_ways(state, 2000, 0);
}

static void test_failure_where_it_stands(void **state)
{
	same_both_ways(state, 2000, 1500); /* in the third batch */
}

static void test_three_rows(void **state)
{
	same_both_ways(state, 3, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		T(test_same_rows_both_ways),
		T(test_failure_where_it_stands),
		T(test_three_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
