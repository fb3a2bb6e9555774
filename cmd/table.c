/* The command table: every noun cx knows, in the order help lists them. */
#include "cx.h"

extern const cx_verb cx_customer_verbs[], cx_case_verbs[], cx_note_verbs[], cx_config_verbs[],
	cx_survey_verbs[], cx_touch_verbs[], cx_journey_verbs[], cx_feedback_verbs[], cx_sla_verbs[], cx_hooks_verbs[],
	cx_mail_verbs[], cx_template_verbs[], cx_topic_verbs[];
extern const cx_verb cx_init_cmd, cx_demo_cmd, cx_log_cmd, cx_help_cmd, cx_report_cmd,
	cx_search_cmd, cx_export_cmd, cx_import_cmd, cx_backup_cmd, cx_reply_cmd;

const cx_noun cx_nouns[] = {
	{ "init", "create or upgrade the database and print its path", NULL, &cx_init_cmd, 0 },
	{ "demo", "build a sample business to try cx on, and show a tour", NULL, &cx_demo_cmd, 0 },
	{ "customer", "the people you serve: add, list, show, edit, merge, export, forget", cx_customer_verbs, NULL, 0 },
	{ "case", "complaints and requests, from open to closed", cx_case_verbs, NULL, 0 },
	{ "note", "what was said and done, on a case or a customer", cx_note_verbs, NULL, 0 },
	{ "touch", "touchpoints: every interaction, on a channel and a journey stage", cx_touch_verbs, NULL, 0 },
	{ "journey", "one customer's journey, the map of all, stages and channels", cx_journey_verbs, NULL, 0 },
	{ "survey", "survey exports in, NPS, CSAT and CES out; follow up the unhappy", cx_survey_verbs, NULL, 0 },
	{ "feedback", "public posts and reviews: the inbox where nothing stays unanswered", cx_feedback_verbs, NULL, 0 },
	{ "mail", "mailboxes and piped mail into cases and notes; messages and attachments back out", cx_mail_verbs, NULL, 0 },
	{ "reply", "a mail to a case's customer, recorded as the public note", NULL, &cx_reply_cmd, 0 },
	{ "template", "replies kept by name, with {{variables}} filled from the case", cx_template_verbs, NULL, 0 },
	{ "topic", "named searches that tag responses, feedback and cases, with their figures", cx_topic_verbs, NULL, 0 },
	{ "report", "the digest for the morning; --check for cron to alert on", NULL, &cx_report_cmd, 0 },
	{ "sla", "service levels: response and resolution targets in business hours", cx_sla_verbs, NULL, 0 },
	{ "hooks", "programs cx runs when something happens (a case opens, a breach, ...)", cx_hooks_verbs, NULL, 0 },
	{ "search", "find anything by its words", NULL, &cx_search_cmd, 0 },
	{ "export", "the whole database as JSON Lines", NULL, &cx_export_cmd, 0 },
	{ "import", "load an export: moving machines, restoring", NULL, &cx_import_cmd, 0 },
	{ "backup", "a consistent copy of the live database", NULL, &cx_backup_cmd, 0 },
	{ "log", "the audit trail of every change", NULL, &cx_log_cmd, 0 },
	{ "config", "settings kept in the database", cx_config_verbs, NULL, 0 },
	{ "help", "help on a command", NULL, &cx_help_cmd, 0 },
	{ 0 },
};
