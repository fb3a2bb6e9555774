/* The fixed lists of words, each written once, and the one way to check a word against one. */
#include <stdio.h>
#include <string.h>

#include "cx/words.h"

/* Lists that extend another are built from the same macro, so no word is written twice. */
#define STATUSES_TODO "new", "open", "pending"
#define STATUSES STATUSES_TODO, "resolved", "closed"
const char *const cx_case_statuses[] = { STATUSES, NULL };
const char *const cx_case_statuses_active[] = { STATUSES_TODO, NULL };
const char *const cx_case_status_filters[] = { STATUSES, "all", NULL };
const char *const cx_case_priorities[] = { "low", "normal", "high", "urgent", NULL };
const char *const cx_case_outcomes[] = { "fixed",     "replaced",  "refunded",  "repaired",
					  "explained", "apologised", "duplicate", "no-action", NULL };
const char *const cx_case_sorts[] = { "opened", "updated", "priority", "id", NULL };
const char *const cx_customer_sorts[] = { "name", "created", "cases", "open", "id", NULL };

#define NOTE_KINDS "call", "email", "chat", "visit", "social", "letter", "other"
const char *const cx_note_kinds[] = { NOTE_KINDS, NULL };
const char *const cx_note_kinds_all[] = { NOTE_KINDS, "handoff", "status", NULL };
const char *const cx_touch_kinds[] = { "touch", "case", "reply", "survey", "feedback", NULL };
const char *const cx_touch_emotions[] = { "angry", "frustrated", "neutral", "pleased", "delighted", NULL };
const char *const cx_touch_directions[] = { "in", "out", NULL };

#define SENTIMENTS "negative", "neutral", "positive"
const char *const cx_feedback_sentiments[] = { SENTIMENTS, NULL };
const char *const cx_feedback_sentiment_filters[] = { SENTIMENTS, "unknown", NULL };
/* a target for items of any sentiment is set with * */
const char *const cx_feedback_target_sentiments[] = { SENTIMENTS, "unknown", "*", NULL };
const char *const cx_feedback_import_formats[] = { "csv", "jsonl", NULL };
const char *const cx_search_kinds[] = { "case", "note", "touch", "response", "feedback", "customer", NULL };

/* what became of a message, in cx_mail_action order; and what is kept of one */
const char *const cx_mail_actions[] = { "new-case", "thread", "token", "ours", "skipped", "failed", "present", NULL };
const char *const cx_mail_states[] = { "imported", "skipped", "failed", NULL };

/* Snowball's stemmers (libstemmer), and none: words as they are */
const char *const cx_text_languages[] = { "english", "german", "french", "spanish", "italian", "portuguese", "dutch",
					  "danish", "swedish", "norwegian", "finnish", "russian", "arabic", "armenian",
					  "basque", "catalan", "greek", "hindi", "hungarian", "indonesian", "irish",
					  "lithuanian", "nepali", "porter", "romanian", "serbian", "tamil", "turkish",
					  "yiddish", "none", NULL };

const char *const cx_periods[] = { "day", "week", "month", "quarter", "year", NULL };
const char *const cx_follow_up_whos[] = { "unhappy", "passives", NULL };
const char *const cx_report_names[] = { "daily", "weekly", "monthly", NULL };

const char *const cx_date_orders[] = { "mdy", "dmy", "ymd", NULL };
#define ENCODINGS "cp1252", "latin1"
const char *const cx_encodings[] = { ENCODINGS, NULL };
const char *const cx_encodings_any[] = { ENCODINGS, "utf-16le", "utf-16be", NULL };
const char *const cx_separators[] = { ",", ";", "tab", NULL };

#define FORMATS "table", "tsv", "csv", "json", "jsonl", "markdown", "html"
const char *const cx_out_formats[] = { FORMATS, NULL };
/* and svg for the commands that draw; text and md are other names for table and markdown */
const char *const cx_format_choices[] = { FORMATS, "svg", "text", "md", NULL };
const char *const cx_color_modes[] = { "auto", "always", "never", NULL };

const char *const cx_name_actions[] = { "list", "add", "rename", "move", "remove", NULL };
const char *const cx_event_entities[] = { "case",  "customer", "touchpoint", "feedback", "setting",
					  "sla",   "stage",    "channel",    "source",   "topic", NULL };
const char *const cx_event_actions[] = {
	"create", "edit",	"note",	     "status",	"assign",	 "handoff", "update", "link",
	"merge",  "merged",	"forget",    "survey",	"import",	 "respond", "escalate", "ignore",
	"tag",	  "target",	"target-remove", "hours", "holiday", "holiday-remove", "set", "unset",
	"add",	  "rename",	"move",	     "remove",	NULL,
};
const char *const cx_sla_hours_examples[] = { "mon-fri", "sat", "sun", "24/7", NULL };
/* words that stand out in colour where a column may hold them (a priority, a service level's state) */
const char *const cx_alarm_words[] = { "urgent", "breached", NULL };

int cx_words_find(const char *const *list, const char *word)
{
	for (int i = 0; list && list[i]; i++)
		if (!strcmp(list[i], word))
			return i;
	return -1;
}

static int plain(const char *w)
{
	if (!*w)
		return 0;
	for (; *w; w++)
		if (!((*w >= 'a' && *w <= 'z') || (*w >= '0' && *w <= '9') || strchr("-+/", *w)))
			return 0;
	return 1;
}

const char *cx_words_join(const char *const *list, char *buf, size_t size)
{
	size_t n = 0;
	if (!size)
		return buf;
	buf[0] = '\0';
	for (int i = 0; list && list[i] && n < size; i++) {
		int q = !plain(list[i]);
		int k = snprintf(buf + n, size - n, "%s%s%s%s", i ? ", " : "", q ? "\"" : "", list[i], q ? "\"" : "");
		if (k < 0)
			break;
		n += (size_t)k;
	}
	return buf;
}

int cx_words_check(const char *const *list, const char *field, const char *word, int code, cx_err *err)
{
	char all[512];
	if (cx_words_find(list, word) >= 0)
		return CX_OK;
	return cx_fail(err, code, "%s: \"%.100s\" is not one of %s", field, word, cx_words_join(list, all, sizeof all));
}
