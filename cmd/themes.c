/* Themes in free text: cx survey themes, cx feedback themes, cx case themes share their options here. */
#include "cx.h"

#define THEMES_OPTS                                                                                                \
	{ .name = "since", .arg = "DATE", .help = "texts written at or after DATE" },                              \
	{ .name = "until", .arg = "DATE", .help = "texts written before DATE" },                                   \
	{ .name = "by", .arg = "PERIOD", .help = "also how often each theme was mentioned, period by period",       \
	  .words = cx_periods },                                                                                    \
	{ .name = "language", .arg = "LANG",                                                                         \
	  .help = "the texts' language (default: the survey's, else the text.language setting)",                    \
	  .words = cx_text_languages },                                                                              \
	{ .name = "min", .arg = "N", .help = "only themes mentioned in at least N texts (default 3)" },              \
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N themes (default 20)" }

const cx_opt cmd_themes_opts[] = { THEMES_OPTS, { 0 } };
const cx_opt cmd_themes_survey_opts[] = {
	{ .name = "survey", .shrt = 's', .arg = "NAME", .help = "only this survey's comments", .complete = "survey" },
	THEMES_OPTS,
	{ 0 },
};

int cmd_themes(cx_ctx *ctx, cx_args *a, cx_themes_source source)
{
	cx_themes_opts o = { .source = source, .survey = source == CX_THEMES_SURVEY ? arg_str(a, "survey") : NULL,
			     .language = arg_str(a, "language"), .by = arg_str(a, "by") };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)) ||
	    (rc = arg_int(ctx, a, "min", 1, INT64_MAX, &o.min)) || (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &o.limit)))
		return rc;
	return cx_themes(ctx->db, &o, ctx->out, &ctx->err);
}
