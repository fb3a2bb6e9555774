/* Unit tests for lib/out.c: every output format, escaping, alignment, truncation and layouts. */
#include <locale.h>
#include <math.h>

#include "unit.h"

/* U+FFFD, what people see of a control character or a byte that is not UTF-8. */
#define FFFD "\xef\xbf\xbd"

/* Writes cols and rows as one plain block in fmt and returns the text (caller frees). */
static char *render(cx_fmt fmt, int width, cx_layout lay, const cx_col *cols, int ncols,
		    const cx_val *rows, int nrows)
{
	unit_cap c;
	cx_out *o = unit_cap_open(&c, fmt, width);
	cx_out_begin(o, NULL, NULL, lay, cols, ncols);
	for (int r = 0; r < nrows; r++)
		cx_out_row(o, rows + r * ncols);
	assert_int_equal(cx_out_rows(o), nrows);
	cx_out_end(o);
	return unit_cap_text(&c);
}

static void expect_render(const char *want, cx_fmt fmt, int width, cx_layout lay, const cx_col *cols,
			  int ncols, const cx_val *rows, int nrows)
{
	char *got = render(fmt, width, lay, cols, ncols, rows, nrows);
	assert_string_equal(got, want);
	free(got);
}

/* ---- one small table in every format ---- */

static const cx_col mixed_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "name", CX_T_TEXT, 0, 0 },
	{ "score", CX_T_REAL, 0, 2 },
	{ "seen_at", CX_T_TIME, 0, 0 },
	{ "vip", CX_T_BOOL, 0, 0 },
	{ "wait", CX_T_SECS, 0, 0 },
};

/* 1773237909 is 2026-03-11T14:05:09Z; 0.1 + 0.2 is not quite 0.3 in binary. */
#define MIXED_ROWS                                                                              \
	{                                                                                       \
		CX_INTV(1), CX_TEXTV("Dana Ruiz"), CX_REALV(4.5), CX_INTV(UNIT_NOW), CX_INTV(1), \
			CX_INTV(90),                                                            \
		CX_INTV(2), CX_NULLV, CX_NULLV, CX_NULLV, CX_INTV(0), CX_INTV(7200),            \
		CX_INTV(13), CX_TEXTV("Lee, Jo"), CX_REALV(0.1 + 0.2), CX_INTV(1773237909),     \
			CX_NULLV, CX_INTV(259200),                                              \
	}

static void test_tsv(void **state)
{
	const cx_val rows[] = MIXED_ROWS;
	expect_render("id\tname\tscore\tseen_at\tvip\twait\n"
		      "1\tDana Ruiz\t4.5\t2026-03-11T10:00:00Z\t1\t90\n"
		      "2\t\t\t\t0\t7200\n"
		      "13\tLee, Jo\t0.3\t2026-03-11T14:05:09Z\t\t259200\n",
		      CX_FMT_TSV, 0, CX_LAY_TABLE, mixed_cols, 6, rows, 3);
}

static void test_csv(void **state)
{
	const cx_val rows[] = MIXED_ROWS;
	expect_render("id,name,score,seen_at,vip,wait\n"
		      "1,Dana Ruiz,4.5,2026-03-11T10:00:00Z,1,90\n"
		      "2,,,,0,7200\n"
		      "13,\"Lee, Jo\",0.3,2026-03-11T14:05:09Z,,259200\n",
		      CX_FMT_CSV, 0, CX_LAY_TABLE, mixed_cols, 6, rows, 3);
}

static void test_json(void **state)
{
	const cx_val rows[] = MIXED_ROWS;
	expect_render("[\n"
		      "{\"id\":1,\"name\":\"Dana Ruiz\",\"score\":4.5,\"seen_at\":\"2026-03-11T10:00:00Z\","
		      "\"vip\":true,\"wait\":90},\n"
		      "{\"id\":2,\"name\":null,\"score\":null,\"seen_at\":null,\"vip\":false,\"wait\":7200},\n"
		      "{\"id\":13,\"name\":\"Lee, Jo\",\"score\":0.3,\"seen_at\":\"2026-03-11T14:05:09Z\","
		      "\"vip\":null,\"wait\":259200}\n"
		      "]\n",
		      CX_FMT_JSON, 0, CX_LAY_TABLE, mixed_cols, 6, rows, 3);
}

static void test_jsonl(void **state)
{
	const cx_val rows[] = MIXED_ROWS;
	expect_render("{\"id\":1,\"name\":\"Dana Ruiz\",\"score\":4.5,\"seen_at\":\"2026-03-11T10:00:00Z\","
		      "\"vip\":true,\"wait\":90}\n"
		      "{\"id\":2,\"name\":null,\"score\":null,\"seen_at\":null,\"vip\":false,\"wait\":7200}\n"
		      "{\"id\":13,\"name\":\"Lee, Jo\",\"score\":0.3,\"seen_at\":\"2026-03-11T14:05:09Z\","
		      "\"vip\":null,\"wait\":259200}\n",
		      CX_FMT_JSONL, 0, CX_LAY_TABLE, mixed_cols, 6, rows, 3);
}

static void test_table(void **state)
{
	const cx_val rows[] = MIXED_ROWS;
	/*
	 * Widths: ID 2, NAME 9, SCORE 5, SEEN AT 16, VIP 3, WAIT 4. Numbers (int,
	 * real, secs) are right-aligned, the rest left; the last column is not padded
	 * unless it is a number. Times are local (UTC here), lengths short.
	 */
	const char *want = "ID" "  " "NAME     " "  " "SCORE" "  " "SEEN AT         " "  " "VIP" "  " "WAIT\n"
			   " 1" "  " "Dana Ruiz" "  " " 4.50" "  " "2026-03-11 10:00" "  " "yes" "  " "  1m\n"
			   " 2" "  " "         " "  " "     " "  " "                " "  " "no " "  " "  2h\n"
			   "13" "  " "Lee, Jo  " "  " " 0.30" "  " "2026-03-11 14:05" "  " "   " "  " "  3d\n";
	expect_render(want, CX_FMT_TABLE, 0, CX_LAY_TABLE, mixed_cols, 6, rows, 3);
	/* A terminal wide enough changes nothing. */
	expect_render(want, CX_FMT_TABLE, 200, CX_LAY_TABLE, mixed_cols, 6, rows, 3);
}

static void test_table_no_trailing_blanks(void **state)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "name", CX_T_TEXT, 0, 0 },
		{ "owner", CX_T_TEXT, 0, 0 },
		{ "note", CX_T_TEXT, 0, 0 },
	};
	const cx_val rows[] = {
		CX_INTV(1), CX_TEXTV("Dana"), CX_NULLV, CX_TEXTV("x"),
		CX_INTV(2), CX_TEXTV("Lee"), CX_NULLV, CX_NULLV,
		CX_INTV(3), CX_NULLV, CX_NULLV, CX_TEXTV(""),
	};
	/* A line ends after its last cell with something in it. */
	expect_render("ID  NAME  OWNER  NOTE\n"
		      " 1  Dana         x\n"
		      " 2  Lee\n"
		      " 3\n",
		      CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 4, rows, 3);
}

static void test_empty_list(void **state)
{
	static const cx_col cols[] = { { "id", CX_T_INT, 0, 0 }, { "name", CX_T_TEXT, 0, 0 } };
	expect_render("[]\n", CX_FMT_JSON, 0, CX_LAY_TABLE, cols, 2, NULL, 0);
	expect_render("", CX_FMT_JSONL, 0, CX_LAY_TABLE, cols, 2, NULL, 0);
	/* Scripts still get the header, so they can tell the columns. */
	expect_render("id\tname\n", CX_FMT_TSV, 0, CX_LAY_TABLE, cols, 2, NULL, 0);
	expect_render("id,name\n", CX_FMT_CSV, 0, CX_LAY_TABLE, cols, 2, NULL, 0);
	expect_render("", CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 2, NULL, 0);
}

static void test_time_flags_and_values_of_other_kinds(void **state)
{
	static const cx_col cols[] = {
		{ "age", CX_T_TIME, CX_COL_AGE, 0 },
		{ "day", CX_T_TIME, CX_COL_DATE, 0 },
		{ "ratio", CX_T_REAL, 0, 0 },
		{ "count", CX_T_INT, 0, 0 },
		{ "label", CX_T_TEXT, 0, 0 },
	};
	/* An int in a real column, a real in an int column, a number in a text column. */
	const cx_val rows[] = {
		CX_INTV(UNIT_NOW - 3 * UNIT_DAY), CX_INTV(UNIT_NOW), CX_INTV(2), CX_REALV(2.5), CX_INTV(-7),
	};
	expect_render("AGE  DAY         RATIO  COUNT  LABEL\n"
		      "3d   2026-03-11    2.0    2.5  -7\n",
		      CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 5, rows, 1);
	/* Machine formats ignore the table-only flags. */
	expect_render("age\tday\tratio\tcount\tlabel\n"
		      "2026-03-08T10:00:00Z\t2026-03-11T10:00:00Z\t2\t2.5\t-7\n",
		      CX_FMT_TSV, 0, CX_LAY_TABLE, cols, 5, rows, 1);
	expect_render("[\n{\"age\":\"2026-03-08T10:00:00Z\",\"day\":\"2026-03-11T10:00:00Z\",\"ratio\":2,"
		      "\"count\":2.5,\"label\":-7}\n]\n",
		      CX_FMT_JSON, 0, CX_LAY_TABLE, cols, 5, rows, 1);
}

static void test_hidden_columns(void **state)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "name", CX_T_TEXT, 0, 0 },
	};
	const cx_val rows[] = { CX_INTV(4), CX_INTV(99), CX_TEXTV("Dana") };
	expect_render("ID  NAME\n 4  Dana\n", CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 3, rows, 1);
	expect_render("id\tcustomer_id\tname\n4\t99\tDana\n", CX_FMT_TSV, 0, CX_LAY_TABLE, cols, 3, rows, 1);
}

/* ---- escaping ---- */

static void test_tsv_escaping(void **state)
{
	static const cx_col cols[] = { { "v", CX_T_TEXT, 0, 0 } };
	const cx_val rows[] = {
		CX_TEXTV("a\tb\nc\rd\\e"),
		CX_TEXTV("bell\a esc\x1b del\x7f nul-ish\x01"),
		CX_TEXTV("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac"), /* UTF-8 passes through */
		CX_TEXTV("\\t is not a tab"),
	};
	expect_render("v\n"
		      "a\\tb\\nc\\rd\\\\e\n"
		      "bell\\x07 esc\\x1b del\\x7f nul-ish\\x01\n"
		      "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n"
		      "\\\\t is not a tab\n",
		      CX_FMT_TSV, 0, CX_LAY_TABLE, cols, 1, rows, 4);
}

static void test_csv_quoting_and_formulas(void **state)
{
	static const cx_col cols[] = { { "text", CX_T_TEXT, 0, 0 } };
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "a-b=c", "a-b=c" }, /* only the first character matters */
		{ "=SUM(A1:A2)", "\"'=SUM(A1:A2)\"" },
		{ "+1 555 0100", "\"'+1 555 0100\"" },
		{ "-2", "\"'-2\"" }, /* in a text column even a number is neutralised */
		{ "@handle", "\"'@handle\"" },
		{ "\tx", "\"'\tx\"" },
		{ "\rx", "\"'\rx\"" },
		{ "=x\"y", "\"'=x\"\"y\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "a,b", "\"a,b\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\rinside", "\"cr\rinside\"" },
		{ " padded", "\" padded\"" },
		{ "padded ", "\"padded \"" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cx_val v[] = { CX_TEXTV(cases[i].in) };
		char want[64];
		snprintf(want, sizeof want, "text\n%s\n", cases[i].want);
		char *got = render(CX_FMT_CSV, 0, CX_LAY_TABLE, cols, 1, v, 1);
		if (strcmp(got, want) != 0)
			fail_msg("CSV of \"%s\": got [%s], want [%s]", cases[i].in, got, want);
		free(got);
	}
}

static void test_csv_numbers_stay_numbers(void **state)
{
	static const cx_col cols[] = {
		{ "n", CX_T_INT, 0, 0 },
		{ "r", CX_T_REAL, 0, 0 },
		{ "s", CX_T_SECS, 0, 0 },
		{ "t", CX_T_INT, 0, 0 },
		{ "label", CX_T_TEXT, 0, 0 },
	};
	/* Numbers, a number as text in a number column, and a number (not text) in a text column. */
	const cx_val rows[] = { CX_INTV(-2), CX_REALV(-1.5), CX_INTV(-300), CX_TEXTV("-2"), CX_INTV(-4) };
	expect_render("n,r,s,t,label\n-2,-1.5,-300,-2,-4\n", CX_FMT_CSV, 0, CX_LAY_TABLE, cols, 5, rows, 1);
}

static char *json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	cx_json_string(fp, s);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void test_json_string(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "\"\"" },
		{ "plain", "\"plain\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
		{ "back\\slash", "\"back\\\\slash\"" },
		{ "nl\ncr\rtab\t", "\"nl\\ncr\\rtab\\t\"" },
		{ "\x01\x1f\x7f\x1b[0m", "\"\\u0001\\u001f\\u007f\\u001b[0m\"" },
		{ "/ stays", "\"/ stays\"" },
		/* é, 日本, an emoji: UTF-8 passes through unescaped. */
		{ "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
		  "\"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = json_of(cases[i].in);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void test_json_values(void **state)
{
	static const cx_col cols[] = {
		{ "r", CX_T_REAL, 0, 0 },
		{ "big", CX_T_INT, 0, 0 },
		{ "b", CX_T_BOOL, 0, 0 },
		{ "t", CX_T_TIME, 0, 0 },
	};
	/* A non-finite real has no JSON spelling: null keeps the document valid. */
	const cx_val rows[] = {
		CX_REALV(-0.25), CX_INTV(INT64_MAX), CX_INTV(7), CX_TEXTV("2026-03-11"),
		CX_REALV(INFINITY), CX_INTV(INT64_MIN), CX_TEXTV("yes"), CX_INTV(0),
		CX_REALV(NAN), CX_NULLV, CX_NULLV, CX_NULLV,
	};
	expect_render("[\n"
		      "{\"r\":-0.25,\"big\":9223372036854775807,\"b\":true,\"t\":\"2026-03-11\"},\n"
		      "{\"r\":null,\"big\":-9223372036854775808,\"b\":\"yes\",\"t\":\"1970-01-01T00:00:00Z\"},\n"
		      "{\"r\":null,\"big\":null,\"b\":null,\"t\":null}\n"
		      "]\n",
		      CX_FMT_JSON, 0, CX_LAY_TABLE, cols, 4, rows, 3);
}

/* ---- documents with sections ---- */

static const cx_col sec_customer_cols[] = { { "id", CX_T_INT, 0, 0 }, { "name", CX_T_TEXT, 0, 0 } };
static const cx_col sec_case_cols[] = { { "id", CX_T_INT, 0, 0 }, { "title", CX_T_TEXT, 0, 0 } };
static const cx_col sec_note_cols[] = { { "id", CX_T_INT, 0, 0 } };

/* A customer record, two cases, an empty record and an empty list. */
static char *render_doc(cx_fmt fmt)
{
	unit_cap c;
	cx_out *o = unit_cap_open(&c, fmt, 0);
	const cx_val dana[] = { CX_INTV(1), CX_TEXTV("Dana") };
	const cx_val case7[] = { CX_INTV(7), CX_TEXTV("Broken") };
	const cx_val case8[] = { CX_INTV(8), CX_TEXTV("Late") };

	cx_out_begin(o, "customer", NULL, CX_LAY_RECORD, sec_customer_cols, 2);
	cx_out_row(o, dana);
	cx_out_end(o);
	cx_out_begin(o, "open_cases", NULL, CX_LAY_TABLE, sec_case_cols, 2);
	cx_out_row(o, case7);
	cx_out_row(o, case8);
	assert_int_equal(cx_out_rows(o), 2);
	/* The next begin ends this block by itself. */
	cx_out_begin(o, "missing", NULL, CX_LAY_RECORD, sec_customer_cols, 2);
	assert_int_equal(cx_out_rows(o), 0);
	cx_out_end(o);
	cx_out_begin(o, "notes", "Notes on file", CX_LAY_TABLE, sec_note_cols, 1);
	/* Left open: freeing the writer ends the block and the document. */
	return unit_cap_text(&c);
}

static void test_json_document(void **state)
{
	char *got = render_doc(CX_FMT_JSON);
	assert_string_equal(got, "{\"customer\":{\"id\":1,\"name\":\"Dana\"},\n"
				 "\"open_cases\":[\n"
				 "{\"id\":7,\"title\":\"Broken\"},\n"
				 "{\"id\":8,\"title\":\"Late\"}\n"
				 "],\n"
				 "\"missing\":null,\n"
				 "\"notes\":[]}\n");
	free(got);
}

static void test_json_record_keeps_first_row(void **state)
{
	unit_cap c;
	cx_out *o = unit_cap_open(&c, CX_FMT_JSON, 0);
	const cx_val a[] = { CX_INTV(1), CX_TEXTV("Dana") };
	const cx_val b[] = { CX_INTV(2), CX_TEXTV("Lee") };
	cx_out_begin(o, "customer", NULL, CX_LAY_RECORD, sec_customer_cols, 2);
	cx_out_row(o, a);
	cx_out_row(o, b);
	cx_out_end(o);
	char *got = unit_cap_text(&c);
	assert_string_equal(got, "{\"customer\":{\"id\":1,\"name\":\"Dana\"}}\n");
	free(got);
}

static void test_jsonl_document(void **state)
{
	char *got = render_doc(CX_FMT_JSONL);
	assert_string_equal(got, "{\"section\":\"customer\",\"id\":1,\"name\":\"Dana\"}\n"
				 "{\"section\":\"open_cases\",\"id\":7,\"title\":\"Broken\"}\n"
				 "{\"section\":\"open_cases\",\"id\":8,\"title\":\"Late\"}\n");
	free(got);
}

static void test_tsv_csv_documents(void **state)
{
	char *got = render_doc(CX_FMT_TSV);
	assert_string_equal(got, "id\tname\n1\tDana\n"
				 "\n"
				 "id\ttitle\n7\tBroken\n8\tLate\n"
				 "\n"
				 "id\tname\n"
				 "\n"
				 "id\n");
	free(got);
	got = render_doc(CX_FMT_CSV);
	assert_string_equal(got, "id,name\n1,Dana\n\nid,title\n7,Broken\n8,Late\n\nid,name\n\nid\n");
	free(got);
}

static void test_table_document(void **state)
{
	/* A heading per section that has rows; empty ones leave no trace. */
	char *got = render_doc(CX_FMT_TABLE);
	assert_string_equal(got, "Customer\n"
				 "  Id:   1\n"
				 "  Name: Dana\n"
				 "\n"
				 "Open cases\n"
				 "ID  TITLE\n"
				 " 7  Broken\n"
				 " 8  Late\n");
	free(got);
}

static void test_table_title_and_text(void **state)
{
	unit_cap c;
	cx_out *o = unit_cap_open(&c, CX_FMT_TABLE, 0);
	const cx_val row[] = { CX_INTV(7) };
	/* A title from stored data cannot repaint the screen either. */
	cx_out_begin(o, "notes", "Evil\x1b]0;x\x07 title", CX_LAY_TABLE, sec_note_cols, 1);
	cx_out_row(o, row);
	cx_out_end(o);
	cx_out_text(o, "a line for people");
	char *got = unit_cap_text(&c);
	assert_string_equal(got, "Evil" FFFD "]0;x" FFFD " title\nID\n 7\na line for people\n");
	free(got);

	/* Text lines are for people only. */
	o = unit_cap_open(&c, CX_FMT_TSV, 0);
	cx_out_text(o, "a line for people");
	got = unit_cap_text(&c);
	assert_string_equal(got, "");
	free(got);
}

/* ---- the table format: widths, truncation, control characters ---- */

static void test_text_width(void **state)
{
	static const struct {
		const char *s;
		int w;
	} cases[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "caf\xc3\xa9", 4 },                         /* é precomposed */
		{ "e\xcc\x81", 1 },                           /* e + combining acute */
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6 }, /* 日本語 */
		{ "\xed\x95\x9c\xea\xb5\xad", 4 },             /* 한국 */
		{ "\xef\xbc\xa1", 2 },                         /* fullwidth A */
		{ "\xf0\x9f\x98\x80", 2 },                     /* 😀 */
		{ "\xe2\x80\xa6", 1 },                         /* … */
		{ "\x01\x1b", 2 },                             /* controls count one each, shown as U+FFFD */
		{ "\xe2\x80\xae", 1 },                         /* so does a bidi control */
		{ "\xff", 1 },                                 /* invalid bytes count one each */
		{ "\xc0\xaf", 2 },                             /* an overlong '/' is two invalid bytes */
		{ "\xed\xa0\x80", 3 },                         /* a UTF-16 surrogate is not UTF-8 */
		{ "\xe6\x97", 2 },                             /* cut short */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (cx_text_width(cases[i].s) != cases[i].w)
			fail_msg("case %zu: width %d, want %d", i, cx_text_width(cases[i].s), cases[i].w);
}

static void test_table_wide_characters(void **state)
{
	static const cx_col cols[] = {
		{ "name", CX_T_TEXT, 0, 0 },
		{ "city", CX_T_TEXT, 0, 0 },
		{ "n", CX_T_INT, 0, 0 },
	};
	const cx_val rows[] = {
		CX_TEXTV("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), CX_TEXTV("\xe6\x9d\xb1\xe4\xba\xac"), CX_INTV(1),
		CX_TEXTV("\xf0\x9f\x98\x80 ok"), CX_TEXTV("Z\xc3\xbcrich"), CX_INTV(22),
		CX_TEXTV("e\xcc\x81t\xc3\xa9"), CX_TEXTV("x"), CX_INTV(3),
	};
	/* Columns: NAME 6 (日本語), CITY 6 (Zürich), N 2; padding counts columns, not bytes. */
	expect_render("NAME  " "  " "CITY  " "  " " N\n"
		      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "  " "\xe6\x9d\xb1\xe4\xba\xac  " "  " " 1\n"
		      "\xf0\x9f\x98\x80 ok " "  " "Z\xc3\xbcrich" "  " "22\n"
		      "e\xcc\x81t\xc3\xa9   " "  " "x     " "  " " 3\n",
		      CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 3, rows, 3);
}

static const cx_col trunc_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	{ "owner", CX_T_TEXT, 0, 0 },
};

/* 34 columns of English and 20 of Japanese (日本語のテキストです). */
#define TRUNC_ROWS                                                                          \
	{                                                                                   \
		CX_INTV(1), CX_TEXTV("The parcel arrived crushed and wet"), CX_TEXTV("ana"), \
		CX_INTV(2),                                                                 \
			CX_TEXTV("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86" \
				 "\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88\xe3\x81\xa7\xe3\x81\x99"), \
			CX_TEXTV("ben"),                                                    \
	}

static void test_table_truncation(void **state)
{
	const cx_val rows[] = TRUNC_ROWS;
	/*
	 * Natural width 2 + 2 + 34 + 2 + 5 = 45; at 30 the wide column gives up
	 * 15 and keeps 19: 18 columns of text and an ellipsis. The Japanese
	 * title keeps 9 characters (18 columns).
	 */
	expect_render("ID  TITLE              " "  " "OWNER\n"
		      " 1  The parcel arrived\xe2\x80\xa6" "  " "ana\n"
		      " 2  \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad"
		      "\xe3\x82\xb9\xe3\x83\x88\xe3\x81\xa7\xe2\x80\xa6" "  " "ben\n",
		      CX_FMT_TABLE, 30, CX_LAY_TABLE, trunc_cols, 3, rows, 2);
	/*
	 * At 10 not even the title's floor fits beside the owner: the owner is
	 * left out, and the title, the last free text, is cut further, to 6. A
	 * wide character that would straddle the edge is left out.
	 */
	expect_render("ID  TITLE\n"
		      " 1  The p\xe2\x80\xa6\n"
		      " 2  \xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 10, CX_LAY_TABLE, trunc_cols, 3, rows, 2);
	/* Machine formats never truncate. */
	char *tsv = render(CX_FMT_TSV, 10, CX_LAY_TABLE, trunc_cols, 3, rows, 2);
	assert_non_null(strstr(tsv, "\t" "The parcel arrived crushed and wet" "\t"));
	free(tsv);
}

static void test_table_truncation_without_wide_column(void **state)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "summary", CX_T_TEXT, 0, 0 },
		{ "n", CX_T_INT, 0, 0 },
	};
	const cx_val rows[] = { CX_INTV(1), CX_TEXTV("abcdefghijklmnopqrst"), CX_INTV(5) };
	/* 2 + 2 + 20 + 2 + 1 = 27 > 20: the right-most text column gives 7 and keeps 13. */
	expect_render("ID  SUMMARY        N\n"
		      " 1  abcdefghijkl\xe2\x80\xa6  5\n",
		      CX_FMT_TABLE, 20, CX_LAY_TABLE, cols, 3, rows, 1);
}

/* On a narrow terminal: the least important columns go first, by rank, then from the right. */
static void test_table_fit_drops_columns(void **state)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "status", CX_T_TEXT, CX_COL_DROP(2), 0 },
		{ "customer", CX_T_TEXT, 0, 0 },
		{ "owner", CX_T_TEXT, CX_COL_DROP(1), 0 },
		{ "n", CX_T_INT, 0, 0 },
		{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	const cx_val rows[] = {
		CX_INTV(1), CX_TEXTV("pending"), CX_TEXTV("Dana Ruiz-Okafor"), CX_TEXTV("sam"), CX_INTV(12),
		CX_TEXTV("The grinder arrived cracked, the box dented"),
	};
	/* natural: 2 + 7 + 16 + 5 + 2 + 43 and the gaps, 85: all of it fits at 85 */
	expect_render("ID  STATUS   CUSTOMER          OWNER   N  TITLE\n"
		      " 1  pending  Dana Ruiz-Okafor  sam    12  The grinder arrived cracked, the box dented\n",
		      CX_FMT_TABLE, 85, CX_LAY_TABLE, cols, 6, rows, 1);
	/* at 60 the title gives way first, to 18, and no column has to go */
	expect_render("ID  STATUS   CUSTOMER          OWNER   N  TITLE\n"
		      " 1  pending  Dana Ruiz-Okafor  sam    12  The grinder arriv\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 60, CX_LAY_TABLE, cols, 6, rows, 1);
	/* at 50 the title is at its floor (16), and the customer gives way to its own (8) */
	expect_render("ID  STATUS   CUSTOMER  OWNER   N  TITLE\n"
		      " 1  pending  Dana Ru\xe2\x80\xa6  sam    12  The grinder arr\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 50, CX_LAY_TABLE, cols, 6, rows, 1);
	/* below that a column must go: the owner first, ranked 1 */
	expect_render("ID  STATUS   CUSTOMER    N  TITLE\n"
		      " 1  pending  Dana Rui\xe2\x80\xa6  12  The grinder arr\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 44, CX_LAY_TABLE, cols, 6, rows, 1);
	/* then the status, ranked 2; what is freed goes back to the customer */
	expect_render("ID  CUSTOMER         N  TITLE\n"
		      " 1  Dana Ruiz-Oka\xe2\x80\xa6  12  The grinder arr\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 40, CX_LAY_TABLE, cols, 6, rows, 1);
	/* then the unranked from the right (n, the customer), never the first column nor the title */
	expect_render("ID  CUSTOMER    TITLE\n"
		      " 1  Dana Ruiz\xe2\x80\xa6  The grinder arr\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 32, CX_LAY_TABLE, cols, 6, rows, 1);
	expect_render("ID  TITLE\n"
		      " 1  The grinder arrived\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 24, CX_LAY_TABLE, cols, 6, rows, 1);
	/* and the title is cut below its floor when nothing else can go */
	expect_render("ID  TITLE\n"
		      " 1  The gri\xe2\x80\xa6\n",
		      CX_FMT_TABLE, 12, CX_LAY_TABLE, cols, 6, rows, 1);
	/* every row is one line no wider than the terminal */
	for (int width = 12; width < 90; width++) {
		char *t = render(CX_FMT_TABLE, width, CX_LAY_TABLE, cols, 6, rows, 1);
		int lines = 0;
		for (char *l = strtok(t, "\n"); l; l = strtok(NULL, "\n"), lines++)
			if (cx_text_width(l) > width)
				fail_msg("at %d: a line of %d columns: %s", width, cx_text_width(l), l);
		assert_int_equal(lines, 2);
		free(t);
	}
}

/* Lengths of time are named without their unit for people; a deadline passed is "late". */
static void test_labels_for_people(void **state)
{
	static const cx_col cols[] = {
		{ "response_target_s", CX_T_SECS, 0, 0 },
		{ "due_in", CX_T_SECS, CX_COL_DUE, 0 },
		{ "count_s", CX_T_INT, 0, 0 }, /* not a length of time: as it is */
	};
	const cx_val rows[] = { CX_INTV(4 * 3600), CX_INTV(-2 * 86400), CX_INTV(3),
				CX_INTV(900), CX_INTV(3 * 3600), CX_INTV(4) };
	expect_render("RESPONSE TARGET   DUE IN  COUNT S\n"
		      "             4h  2d late        3\n"
		      "            15m       3h        4\n",
		      CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 3, rows, 2);
	expect_render("  Response target: 4h\n  Due in:          2d late\n  Count s:         3\n",
		      CX_FMT_TABLE, 0, CX_LAY_RECORD, cols, 3, rows, 1);
	expect_render("| Response target | Due in | Count s |\n|---:|---:|---:|\n| 4h | 2d late | 3 |\n"
		      "| 15m | 3h | 4 |\n\n",
		      CX_FMT_MARKDOWN, 0, CX_LAY_TABLE, cols, 3, rows, 2);
	/* the machine formats keep the names and the numbers they promise */
	expect_render("response_target_s\tdue_in\tcount_s\n14400\t-172800\t3\n900\t10800\t4\n",
		      CX_FMT_TSV, 0, CX_LAY_TABLE, cols, 3, rows, 2);
}

/* Colour: what needs attention stands out, its row bold and the word red; nothing else changes. */
static void test_table_colour(void **state)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "priority", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "title", CX_T_TEXT, 0, 0 },
		{ "due_in", CX_T_SECS, CX_COL_DUE, 0 },
	};
	const cx_val rows[] = { CX_INTV(1), CX_TEXTV("urgent"), CX_TEXTV("urgent"), CX_INTV(60),
				CX_INTV(2), CX_TEXTV("normal"), CX_TEXTV("b"), CX_INTV(-3600),
				CX_INTV(3), CX_TEXTV("low"), CX_TEXTV("c"), CX_INTV(60) };
	unit_cap c;
	cx_out_opts o = { .fmt = CX_FMT_TABLE, .color = 1, .now = UNIT_NOW };
	memset(&c, 0, sizeof c);
	c.fp = open_memstream(&c.text, &c.len);
	c.out = cx_out_new(c.fp, &o);
	cx_out_begin(c.out, NULL, NULL, CX_LAY_TABLE, cols, 4);
	for (int r = 0; r < 3; r++)
		cx_out_row(c.out, rows + 4 * r);
	cx_out_end(c.out);
	char *got = unit_cap_text(&c);
	/* a title that says "urgent" is not a priority: only the column that holds one counts */
	assert_string_equal(got, "\033[2mID  PRIORITY  TITLE    DUE IN\033[0m\n"
				 "\033[1m 1  \033[31murgent\033[39m    urgent       1m\033[0m\n"
				 "\033[1m 2  normal    b       \033[31m1h late\033[39m\033[0m\n"
				 " 3  low       c            1m\n");
	free(got);
	/* without colour, the same text */
	expect_render("ID  PRIORITY  TITLE    DUE IN\n 1  urgent    urgent       1m\n 2  normal    b       1h late\n"
		      " 3  low       c            1m\n",
		      CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 4, rows, 3);
}

/* Markdown starts with the document's title, the heading HTML's page has. */
static void test_markdown_title(void **state)
{
	unit_cap c;
	cx_out *o = unit_cap_open(&c, CX_FMT_MARKDOWN, 0);
	const cx_val row[] = { CX_INTV(7) };
	cx_out_title(o, "cx daily report, 2026-03-11");
	cx_out_text(o, "First a line");
	cx_out_begin(o, "notes", "Notes", CX_LAY_TABLE, sec_note_cols, 1);
	cx_out_row(o, row);
	cx_out_end(o);
	char *got = unit_cap_text(&c);
	assert_string_equal(got, "# cx daily report, 2026-03-11\n\nFirst a line\n\n## Notes\n\n| Id |\n|---:|\n| 7 |\n\n");
	free(got);
}

/*
 * Every character that can drive a terminal or reorder text, one per row, the
 * bytes that are not UTF-8, and harmless ones near them: no-break space, a
 * dash, zero-width joiner, Arabic letters.
 */
#define UNSAFE_ROWS                                                                                        \
	CX_TEXTV("bad\x1b[31mred"), CX_TEXTV("tab\there"), CX_TEXTV("new\nline"), CX_TEXTV("bell\a"),       \
	CX_TEXTV("\xff\xfe"), CX_TEXTV("c1\xc2\x85x"), CX_TEXTV("del\x7f"), CX_TEXTV("csi\xc2\x9b" "2J"),  \
	CX_TEXTV("rlo\xe2\x80\xaegpj.exe"), CX_TEXTV("lri\xe2\x81\xa6x\xe2\x81\xa9"),                       \
	CX_TEXTV("lrm\xe2\x80\x8e rlm\xe2\x80\x8f alm\xd8\x9c"), CX_TEXTV("lre\xe2\x80\xaa pdf\xe2\x80\xac"), \
	CX_TEXTV("nbsp\xc2\xa0\xe2\x80\x94\xe2\x80\x8d\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85")
#define NUNSAFE 13

static void test_table_control_characters(void **state)
{
	const cx_val unsafe_rows[] = { UNSAFE_ROWS };
	static const cx_col cols[] = { { "s", CX_T_TEXT, 0, 0 } };
	expect_render("S\nbad" FFFD "[31mred\ntab here\nnew line\nbell" FFFD "\n" FFFD FFFD "\nc1" FFFD "x\ndel" FFFD "\n"
		      "csi" FFFD "2J\nrlo" FFFD "gpj.exe\nlri" FFFD "x" FFFD "\nlrm" FFFD " rlm" FFFD " alm" FFFD "\n"
		      "lre" FFFD " pdf" FFFD "\n"
		      "nbsp\xc2\xa0\xe2\x80\x94\xe2\x80\x8d\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n",
		      CX_FMT_TABLE, 0, CX_LAY_TABLE, cols, 1, unsafe_rows, NUNSAFE);
	/* markdown and HTML show the cells of the table format */
	expect_render("| S |\n|---|\n| bad" FFFD "[31mred |\n| tab here |\n| new line |\n| bell" FFFD " |\n"
		      "| " FFFD FFFD " |\n| c1" FFFD "x |\n| del" FFFD " |\n| csi" FFFD "2J |\n"
		      "| rlo" FFFD "gpj.exe |\n| lri" FFFD "x" FFFD " |\n| lrm" FFFD " rlm" FFFD " alm" FFFD " |\n"
		      "| lre" FFFD " pdf" FFFD " |\n"
		      "| nbsp\xc2\xa0\xe2\x80\x94\xe2\x80\x8d\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 |\n\n",
		      CX_FMT_MARKDOWN, 0, CX_LAY_TABLE, cols, 1, unsafe_rows, NUNSAFE);
}

/* CSV: U+FFFD too, but for the line breaks and tabs it quotes; a byte that is not UTF-8 as it is. */
static void test_csv_control_characters(void **state)
{
	const cx_val unsafe_rows[] = { UNSAFE_ROWS };
	static const cx_col cols[] = { { "s", CX_T_TEXT, 0, 0 } };
	expect_render("s\nbad" FFFD "[31mred\ntab\there\n\"new\nline\"\nbell" FFFD "\n\xff\xfe\nc1" FFFD "x\n"
		      "del" FFFD "\ncsi" FFFD "2J\nrlo" FFFD "gpj.exe\nlri" FFFD "x" FFFD "\n"
		      "lrm" FFFD " rlm" FFFD " alm" FFFD "\nlre" FFFD " pdf" FFFD "\n"
		      "nbsp\xc2\xa0\xe2\x80\x94\xe2\x80\x8d\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n",
		      CX_FMT_CSV, 0, CX_LAY_TABLE, cols, 1, unsafe_rows, NUNSAFE);
}

/* TSV and JSON keep the text exact: escapes a terminal showing the file does not act on. */
static void test_exact_formats_escape_control_characters(void **state)
{
	const cx_val unsafe_rows[] = { UNSAFE_ROWS };
	static const cx_col cols[] = { { "s", CX_T_TEXT, 0, 0 } };
	expect_render("s\nbad\\x1b[31mred\ntab\\there\nnew\\nline\nbell\\x07\n\xff\xfe\nc1\\u0085x\ndel\\x7f\n"
		      "csi\\u009b2J\nrlo\\u202egpj.exe\nlri\\u2066x\\u2069\nlrm\\u200e rlm\\u200f alm\\u061c\n"
		      "lre\\u202a pdf\\u202c\n"
		      "nbsp\xc2\xa0\xe2\x80\x94\xe2\x80\x8d\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n",
		      CX_FMT_TSV, 0, CX_LAY_TABLE, cols, 1, unsafe_rows, NUNSAFE);
	expect_render("{\"s\":\"bad\\u001b[31mred\"}\n{\"s\":\"tab\\there\"}\n{\"s\":\"new\\nline\"}\n"
		      "{\"s\":\"bell\\u0007\"}\n{\"s\":\"\\ufffd\\ufffd\"}\n{\"s\":\"c1\\u0085x\"}\n"
		      "{\"s\":\"del\\u007f\"}\n{\"s\":\"csi\\u009b2J\"}\n{\"s\":\"rlo\\u202egpj.exe\"}\n"
		      "{\"s\":\"lri\\u2066x\\u2069\"}\n{\"s\":\"lrm\\u200e rlm\\u200f alm\\u061c\"}\n"
		      "{\"s\":\"lre\\u202a pdf\\u202c\"}\n"
		      "{\"s\":\"nbsp\xc2\xa0\xe2\x80\x94\xe2\x80\x8d\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\"}\n",
		      CX_FMT_JSONL, 0, CX_LAY_TABLE, cols, 1, unsafe_rows, NUNSAFE);
	char *txt = cx_text_clean("a\x1b[2J\xe2\x80\xae" "b\nc");
	assert_string_equal(txt, "a" FFFD "[2J" FFFD "b c");
	free(txt);
}

/* ---- the record and log layouts ---- */

static void test_record_layout(void **state)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "name", CX_T_TEXT, 0, 0 },
		{ "first_response", CX_T_TEXT, 0, 0 },
		{ "secret", CX_T_TEXT, CX_COL_HIDE, 0 },
		{ "note", CX_T_TEXT, 0, 0 },
		{ "owner", CX_T_TEXT, 0, 0 },
	};
	const cx_val rows[] = {
		CX_INTV(5), CX_TEXTV("Dana"), CX_TEXTV(""), CX_TEXTV("x"), CX_TEXTV("line one\nline\x1b two"),
		CX_NULLV,
	};
	/* Keys padded to the longest name (first_response: 15), empty and hidden fields left out. */
	expect_render("  Id:" "             " "5\n"
		      "  Name:" "           " "Dana\n"
		      "  Note:" "           " "line one\n"
		      "                  line" FFFD " two\n",
		      CX_FMT_TABLE, 0, CX_LAY_RECORD, cols, 6, rows, 1);
	/* Outside a document a record is a list like any other. */
	expect_render("[\n{\"id\":5,\"name\":\"Dana\",\"first_response\":\"\",\"secret\":\"x\","
		      "\"note\":\"line one\\nline\\u001b two\",\"owner\":null}\n]\n",
		      CX_FMT_JSON, 0, CX_LAY_RECORD, cols, 6, rows, 1);
}

static const cx_col log_cols[] = {
	{ "at", CX_T_TIME, 0, 0 },
	{ "author", CX_T_TEXT, 0, 0 },
	{ "kind", CX_T_TEXT, 0, 0 },
	{ "body", CX_T_TEXT, 0, 0 },
};

static void test_log_layout(void **state)
{
	const cx_val rows[] = {
		CX_INTV(UNIT_NOW), CX_TEXTV("ana"), CX_TEXTV("call"), CX_TEXTV("Rang back.\nShe will send photos."),
		CX_INTV(UNIT_NOW + 60), CX_TEXTV("ben"), CX_NULLV, CX_TEXTV("Short"),
		CX_INTV(UNIT_NOW + 120), CX_TEXTV("cy"), CX_TEXTV("chat"), CX_NULLV,
	};
	/* The other columns on a line, empty ones skipped; the last below, indented six. */
	expect_render("  2026-03-11 10:00  ana  call\n"
		      "      Rang back.\n"
		      "      She will send photos.\n"
		      "  2026-03-11 10:01  ben\n"
		      "      Short\n"
		      "  2026-03-11 10:02  cy  chat\n",
		      CX_FMT_TABLE, 0, CX_LAY_LOG, log_cols, 4, rows, 3);
}

static void test_log_wrapping(void **state)
{
	const cx_val rows[] = {
		CX_INTV(UNIT_NOW), CX_TEXTV("ana"), CX_TEXTV("call"),
		CX_TEXTV("The customer called about the broken lid again"),
		CX_INTV(UNIT_NOW), CX_TEXTV("ana"), CX_TEXTV("call"),
		CX_TEXTV("aaaa bbbb cccc dddd eeee ffff"),
		CX_INTV(UNIT_NOW), CX_TEXTV("ana"), CX_TEXTV("call"),
		CX_TEXTV("abcdefghijklmnopqrstuvwxyz0123"),
	};
	/* Width 30, indent 6: lines of at most 24 columns, broken at spaces. */
	expect_render("  2026-03-11 10:00  ana  call\n"
		      "      The customer called\n"
		      "      about the broken lid\n"
		      "      again\n"
		      "  2026-03-11 10:00  ana  call\n"
		      "      aaaa bbbb cccc dddd eeee\n" /* exactly 24: the space after it is the break */
		      "      ffff\n"
		      "  2026-03-11 10:00  ana  call\n"
		      "      abcdefghijklmnopqrstuvwx\n" /* no space to break at: cut hard */
		      "      yz0123\n",
		      CX_FMT_TABLE, 30, CX_LAY_LOG, log_cols, 4, rows, 3);
}

static void test_fmt_names(void **state)
{
	static const char *const names[] = { "table", "tsv", "csv", "json", "jsonl" };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(cx_fmt_parse(names[i]), i);
		assert_string_equal(cx_fmt_name((cx_fmt)i), names[i]);
	}
	assert_int_equal(cx_fmt_parse("TSV"), -1);
	assert_int_equal(cx_fmt_parse("xml"), -1);
	assert_int_equal(cx_fmt_parse(""), -1);
	assert_int_equal(cx_fmt_parse("json "), -1);
}

int main(void)
{
	/* Display widths come from the C library's UTF-8 tables, as in the cx binary. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 77; /* no UTF-8 locale: skip */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_no_trailing_blanks),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_time_flags_and_values_of_other_kinds),
		cmocka_unit_test(test_hidden_columns),
		cmocka_unit_test(test_tsv_escaping),
		cmocka_unit_test(test_csv_quoting_and_formulas),
		cmocka_unit_test(test_csv_numbers_stay_numbers),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_json_record_keeps_first_row),
		cmocka_unit_test(test_jsonl_document),
		cmocka_unit_test(test_tsv_csv_documents),
		cmocka_unit_test(test_table_document),
		cmocka_unit_test(test_table_title_and_text),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_table_wide_characters),
		cmocka_unit_test(test_table_truncation),
		cmocka_unit_test(test_table_truncation_without_wide_column),
		cmocka_unit_test(test_table_fit_drops_columns),
		cmocka_unit_test(test_labels_for_people),
		cmocka_unit_test(test_table_colour),
		cmocka_unit_test(test_markdown_title),
		cmocka_unit_test(test_table_control_characters),
		cmocka_unit_test(test_csv_control_characters),
		cmocka_unit_test(test_exact_formats_escape_control_characters),
		cmocka_unit_test(test_record_layout),
		cmocka_unit_test(test_log_layout),
		cmocka_unit_test(test_log_wrapping),
		cmocka_unit_test(test_fmt_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
