/*
 * Fixed lists of words: statuses, priorities, kinds, formats, sort keys...
 * Each list is written once, here, and read by the library's checks, the
 * command line's option tables (help, completion, the value check) and the
 * man-page test. Every list ends with NULL.
 */
#ifndef CX_WORDS_H
#define CX_WORDS_H

#include <stddef.h>

#include "cx/err.h"

/* Cases. */
extern const char *const cx_case_statuses[];       /* new, open, pending, resolved, closed */
extern const char *const cx_case_statuses_active[];  /* new, open, pending: what case list shows */
extern const char *const cx_case_status_filters[]; /* the statuses and "all" */
extern const char *const cx_case_priorities[];     /* low, normal, high, urgent */
extern const char *const cx_case_outcomes[];       /* customary outcomes; any other is accepted */
extern const char *const cx_case_sorts[];          /* case list --sort */
extern const char *const cx_customer_sorts[];      /* customer list --sort */

/* Notes and touchpoints. */
extern const char *const cx_note_kinds[];     /* what people choose */
extern const char *const cx_note_kinds_all[]; /* and those cx writes itself (handoff, status) */
extern const char *const cx_touch_kinds[];    /* rows of the journey: touch, case, reply, survey, feedback */
extern const char *const cx_touch_emotions[]; /* -2..+2 in words, angry first */
extern const char *const cx_touch_directions[];

/* Feedback and search. */
extern const char *const cx_feedback_sentiments[];        /* negative, neutral, positive */
extern const char *const cx_feedback_sentiment_filters[]; /* and unknown */
extern const char *const cx_feedback_target_sentiments[]; /* and * (any) */
extern const char *const cx_feedback_import_formats[];
extern const char *const cx_search_kinds[]; /* in cx_search_kind order, from CX_SK_CASE */

/* Mail. */
extern const char *const cx_mail_actions[]; /* what became of a message, in cx_mail_action order */
extern const char *const cx_mail_states[];  /* imported, skipped, failed: mail list --state */

/* Free text: the language its words are stemmed in (Snowball's names, and none). */
extern const char *const cx_text_languages[];

/* Periods and reports. */
extern const char *const cx_follow_up_whos[]; /* unhappy, passives: who survey report's loop follows up */
extern const char *const cx_periods[];      /* day..year, in cx_period order from CX_P_DAY */
extern const char *const cx_report_names[]; /* daily, weekly, monthly */

/* Reading files. */
extern const char *const cx_date_orders[]; /* mdy, dmy, ymd: cx_date_order order */
extern const char *const cx_encodings[];     /* common 8-bit ones; any the system knows is accepted */
extern const char *const cx_encodings_any[]; /* and UTF-16 without a byte order mark */
extern const char *const cx_separators[];

/* Output. */
extern const char *const cx_out_formats[];    /* in cx_fmt order */
extern const char *const cx_format_choices[]; /* the formats, and svg for charts */
extern const char *const cx_color_modes[];    /* auto, always, never */
extern const char *const cx_alarm_words[];    /* values that stand out in colour: urgent, breached */

/* Ordered name lists (stages, channels, sources), and the audit trail. */
extern const char *const cx_name_actions[];
extern const char *const cx_event_entities[]; /* common ones, for completion */
extern const char *const cx_event_actions[];
extern const char *const cx_sla_hours_examples[];

/* The position of word in list, or -1. */
int cx_words_find(const char *const *list, const char *word);
/*
 * The list as text, "a, b, c", into buf (cut to fit size); a word that is
 * not letters, digits and - + / is quoted, so "," reads as a word.
 */
const char *cx_words_join(const char *const *list, char *buf, size_t size);
/*
 * CX_OK when word is in the list; else code, with the message
 * `FIELD: "WORD" is not one of a, b, c`.
 */
int cx_words_check(const char *const *list, const char *field, const char *word, int code, cx_err *err);

#endif
