/* Inside libcx: what the feedback module's files share (the inbox and its report). */
#ifndef CX_FEEDBACK_IMPL_H
#define CX_FEEDBACK_IMPL_H

/*
 * SQL: when the item f is due, its time plus the most specific target for
 * its source and sentiment (a day when none is set).
 */
#define CX_FEEDBACK_DEADLINE                                                                                  \
	"(f.at + coalesce("                                                                                   \
	"(SELECT seconds FROM feedback_targets t WHERE t.source = f.source"                                   \
	"  AND t.sentiment = coalesce(f.sentiment, 'unknown')),"                                              \
	"(SELECT seconds FROM feedback_targets t WHERE t.source = f.source AND t.sentiment = '*'),"           \
	"(SELECT seconds FROM feedback_targets t WHERE t.source = '*'"                                        \
	"  AND t.sentiment = coalesce(f.sentiment, 'unknown')),"                                              \
	"(SELECT seconds FROM feedback_targets t WHERE t.source = '*' AND t.sentiment = '*'), 86400))"

#endif
