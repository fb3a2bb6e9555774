/* Unit tests for lib/csv_reader.c: cells, quotes, long fields, encodings and the lines errors name. */
#include "lib/csv_reader.h"
#include "unit.h"

typedef struct file {
	char dir[512];
	char path[600];
} file;

/* Writes n bytes of data to a new file in a temporary directory. */
static void put(file *f, const void *data, size_t n)
{
	unit_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->path, sizeof f->path, "%s/in.csv", f->dir);
	FILE *fp = fopen(f->path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void gone(file *f)
{
	unit_rmtree(f->dir);
}

/* Opens text as a file named "in.csv" in messages. */
static cx_csv *open_text(file *f, const char *text)
{
	cx_csv *r;
	cx_err err = { 0 };
	put(f, text, strlen(text));
	unit_ok(cx_csv_open(&r, f->path, "in.csv", NULL, &err), err);
	return r;
}

/* The next row, which must be there, as its cells joined with '|'. */
static const char *row_text(cx_csv *r, cx_row *row)
{
	static char buf[4096];
	cx_err err = { 0 };
	int rc = cx_csv_next(r, row, &err);
	if (rc != 1)
		fail_msg("no row: %d %s", rc, err.msg);
	buf[0] = '\0';
	for (int i = 0; i < row->n; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? "|" : "", row->f[i]);
	return buf;
}

/* Reads rows until one fails; returns its status and message. */
static int first_error(cx_csv *r, cx_err *err)
{
	cx_row row;
	int rc;
	while ((rc = cx_csv_next(r, &row, err)) == 1)
		;
	return rc;
}

static void test_quoted_empty_is_empty(void **state)
{
	file f;
	cx_row row;
	cx_csv *r = open_text(&f, "a,b,c\n\"\",,\"x\"\n,\"\",\n");
	assert_string_equal(row_text(r, &row), "a|b|c");
	/* "" and nothing are the same empty cell: no answer either way */
	assert_string_equal(row_text(r, &row), "||x");
	assert_int_equal(row.n, 3);
	assert_string_equal(row.f[0], "");
	assert_string_equal(row_text(r, &row), "||");
	cx_csv_close(r);
	gone(&f);
}

static void test_bare_quotes_are_literal_and_counted(void **state)
{
	file f;
	cx_row row;
	cx_err err = { 0 };
	int64_t first = -1;
	char note[256];
	cx_csv *r = open_text(&f, "id,text\n1,plain\n2,a 5\" screen\n3,\"quoted \"\"ok\"\"\"\n4,x\"y\"z\n5,\"multi\nline\"\n6,7\"\n");
	assert_string_equal(row_text(r, &row), "id|text");
	assert_string_equal(row_text(r, &row), "1|plain");
	assert_string_equal(row_text(r, &row), "2|a 5\" screen");
	assert_string_equal(row_text(r, &row), "3|quoted \"ok\"");
	assert_string_equal(row_text(r, &row), "4|x\"y\"z"); /* two on one line count once */
	assert_string_equal(row_text(r, &row), "5|multi\nline");
	assert_string_equal(row_text(r, &row), "6|7\"");
	assert_int_equal(row.line, 8);
	assert_int_equal(cx_csv_next(r, &row, &err), 0);
	assert_int_equal(cx_csv_loose_quotes(r, &first), 3);
	assert_int_equal(first, 3);
	cx_csv_loose_note(r, note, sizeof note);
	assert_string_equal(note, "in.csv: 3 lines with a bare \" inside an unquoted field, read as a literal quote (the first: line 3)");
	cx_csv_close(r);
	gone(&f);

	r = open_text(&f, "a\nplain\n");
	assert_string_equal(row_text(r, &row), "a");
	assert_string_equal(row_text(r, &row), "plain");
	assert_int_equal(cx_csv_loose_quotes(r, &first), 0);
	cx_csv_loose_note(r, note, sizeof note);
	assert_string_equal(note, "");
	cx_csv_close(r);
	gone(&f);
}

static void test_text_after_a_closing_quote_is_refused(void **state)
{
	file f;
	cx_err err = { 0 };
	cx_csv *r = open_text(&f, "a,b\n1,ok\n2,\"Best\" coffee\n");
	assert_int_equal(first_error(r, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:3: a quote in the middle of a field (quote the whole field and double inner quotes)");
	cx_csv_close(r);
	gone(&f);
}

static void test_long_quoted_field(void **state)
{
	/* 10 MB of two-byte characters in one quoted cell, cut at every read */
	const size_t n = 5u << 20;
	char *text = malloc(2 * n + 64);
	assert_non_null(text);
	size_t k = (size_t)sprintf(text, "id,comment\n1,\"");
	for (size_t i = 0; i < n; i++) {
		text[k++] = '\xc3';
		text[k++] = '\xa9'; /* é */
	}
	k += (size_t)sprintf(text + k, "\"\n2,after\n");
	file f;
	cx_err err = { 0 };
	cx_row row;
	cx_csv *r;
	put(&f, text, k);
	unit_ok(cx_csv_open(&r, f.path, "in.csv", NULL, &err), err);
	assert_int_equal(cx_csv_next(r, &row, &err), 1);
	assert_int_equal(cx_csv_next(r, &row, &err), 1);
	assert_int_equal(row.n, 2);
	assert_int_equal(strlen(row.f[1]), 2 * n);
	assert_memory_equal(row.f[1], text + strlen("id,comment\n1,\""), 2 * n);
	assert_int_equal(row.line, 2);
	assert_string_equal(row_text(r, &row), "2|after");
	assert_int_equal(row.line, 3);
	cx_csv_close(r);
	gone(&f);
	free(text);
}

static void test_unterminated_quote(void **state)
{
	file f;
	cx_err err = { 0 };
	cx_csv *r = open_text(&f, "a,b\n1,\"never\n2,closed\n3,x\n");
	assert_int_equal(first_error(r, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:2: unterminated quote: the quoted field starting here never ends");
	cx_csv_close(r);
	gone(&f);
}

static void test_utf16_without_bom(void **state)
{
	static const char le[] = "i\0d\0,\0s\0\n\0001\0,\0009\0\n\0";
	static const char be[] = "\0i\0d\0,\0s\0\n\0001\0,\0009\0\n";
	file f;
	cx_err err = { 0 };
	cx_csv *r;
	put(&f, le, sizeof le - 1);
	assert_int_equal(cx_csv_open(&r, f.path, "in.csv", NULL, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:1: looks like UTF-16LE text without a byte order mark (a NUL in every other byte):"
				     " give " CX_FIELD("encoding") " utf-16le");
	gone(&f);
	put(&f, be, sizeof be - 1);
	assert_int_equal(cx_csv_open(&r, f.path, "in.csv", NULL, &err), CX_EDATA);
	assert_non_null(strstr(err.msg, "UTF-16BE text without a byte order mark"));
	assert_non_null(strstr(err.msg, "give " CX_FIELD("encoding") " utf-16be"));
	/* told, it reads */
	cx_csv_opts o = { .encoding = "utf-16be" };
	cx_row row;
	unit_ok(cx_csv_open(&r, f.path, "in.csv", &o, &err), err);
	assert_string_equal(row_text(r, &row), "id|s");
	assert_string_equal(row_text(r, &row), "1|9");
	cx_csv_close(r);
	gone(&f);
}

static void test_nul_byte_lines(void **state)
{
	/* a NUL found when the file is opened, and one found later, each on its own line */
	static const char early[] = "a,b\n1,2\n3,\0\n";
	file f;
	cx_err err = { 0 };
	cx_csv *r;
	put(&f, early, sizeof early - 1);
	assert_int_equal(cx_csv_open(&r, f.path, "in.csv", NULL, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:3: holds a NUL byte: a binary file, not CSV text (export it as CSV)");
	gone(&f);

	/* beyond the first read: 70000 lines, then a NUL */
	size_t n = 0, cap = 80000 * 8;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)sprintf(text, "a,b\n");
	for (int i = 0; i < 70000; i++)
		n += (size_t)sprintf(text + n, "%d,x\n", i % 10);
	memcpy(text + n, "9,\0\n", 4);
	n += 4;
	put(&f, text, n);
	unit_ok(cx_csv_open(&r, f.path, "in.csv", NULL, &err), err);
	assert_int_equal(first_error(r, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:70002: holds a NUL byte: a binary file, not CSV text");
	cx_csv_close(r);
	gone(&f);
	free(text);

	/* with an encoding: NUL characters after decoding, on their line too */
	static const char u16[] = "a\0,\0b\0\n\0001\0,\0\0\0\n\0";
	cx_csv_opts o = { .encoding = "utf-16le" };
	put(&f, u16, sizeof u16 - 1);
	assert_int_equal(cx_csv_open(&r, f.path, "in.csv", &o, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:2: holds a NUL character: a binary file, not CSV text (check " CX_FIELD("encoding") ")");
	gone(&f);
}

static void test_binary_is_not_utf16(void **state)
{
	/* NULs in no pattern: a binary file, not UTF-16 */
	static const char bin[] = "\0\0\0\x01\x02\0\0\0abc\0\0\0\n\0\0";
	file f;
	cx_err err = { 0 };
	cx_csv *r;
	put(&f, bin, sizeof bin - 1);
	assert_int_equal(cx_csv_open(&r, f.path, "in.csv", NULL, &err), CX_EDATA);
	assert_string_equal(err.msg, "in.csv:1: holds a NUL byte: a binary file, not CSV text (export it as CSV)");
	gone(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted_empty_is_empty),
		cmocka_unit_test(test_bare_quotes_are_literal_and_counted),
		cmocka_unit_test(test_text_after_a_closing_quote_is_refused),
		cmocka_unit_test(test_long_quoted_field),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_utf16_without_bom),
		cmocka_unit_test(test_nul_byte_lines),
		cmocka_unit_test(test_binary_is_not_utf16),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
