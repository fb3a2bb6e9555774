/* The cx binary: command tables, parsed arguments and the context every command runs in. */
#ifndef CMD_CX_H
#define CMD_CX_H

#include <stdint.h>

#include "cx/cx.h"

enum {
	OPT_MULTI = 1 << 0,  /* may be given more than once; all values kept */
	OPT_COMMAS = 1 << 1, /* the value is a comma-separated list of words */
	OPT_HINTS = 1 << 2,  /* words are the usual values, not the only ones */
};

typedef struct cx_opt {
	const char *name;     /* long name, without the dashes */
	char shrt;            /* short letter, or 0 */
	const char *arg;      /* the value's name in help; NULL for a flag */
	const char *help;
	unsigned flags;
	const char *complete; /* live values it completes to: "customer", "case", "stage", "file", ... */
	/*
	 * The fixed list of words (lib's cx/words.h) the value must be one of:
	 * checked when the line is parsed, shown by help, offered by completion.
	 */
	const char *const *words;
	/*
	 * The library's name for the input it sets, where a message names it
	 * (cx/err.h's CX_FIELD), when that is not the option's own name read
	 * with '_' for '-'.
	 */
	const char *field;
	/* A global option's place: its value goes to *to, a flag sets *on. */
	const char **to;
	int *on;
} cx_opt;

typedef struct cx_args {
	int argc;
	char **argv; /* the positional arguments */
	const cx_opt *opts;
	int nopts;
	const char **val;    /* per option: last value given ("" for a flag), or NULL */
	const char ***multi; /* per OPT_MULTI option: every value */
	int *nmulti;
} cx_args;

typedef struct cx_ctx {
	cx_db *db;
	cx_out *out;
	const char *db_path; /* from --db or CX_DB; NULL = the default */
	cx_fmt fmt;
	int quiet;
	int svg; /* --format svg: the verb draws a picture */
	int no_hooks;
	int color;
	int width;
	const char *actor;
	int64_t now; /* 0 = the real clock */
	const struct cx_noun *noun;
	const struct cx_verb *verb;
	cx_err err;
	int status; /* a command that did its work but answers no (report --check): the exit status; the change is kept */
	int existing_only; /* open a database only if it is there already (completion) */
	int dry_run; /* an import's --dry-run: each file's transaction is rolled back once its report is out */
	/*
	 * The command took what cannot be taken twice (standard input, an
	 * editor's session, a mail sent): when its transaction fails, it is not
	 * run again.
	 */
	int once;
	char *body; /* the text body_read gave, kept for a command run again */
	int body_kept;
	FILE *info; /* while a writer's output is held: where ctx_info's notes wait (NULL: stderr) */
} cx_ctx;

typedef int (*cx_cmd_fn)(cx_ctx *ctx, cx_args *a);

enum {
	CX_NEEDS_DB = 1 << 0, /* open the database before running */
	CX_WRITES = 1 << 1,   /* run in one write transaction: all or nothing */
	CX_HIDDEN = 1 << 2,   /* not listed in help or completion */
	CX_SVG = 1 << 3,      /* can draw itself as SVG (--format svg) */
	/*
	 * Which commands may create a database that is not there yet: those
	 * that write (CX_WRITES), and those that write in transactions of their
	 * own (CX_CREATES: init, the imports). The others only read: the
	 * database must exist, and is opened as a reader's (read-only where it
	 * may not be written). So are CX_EXISTING ones, which write only what
	 * reading it leaves to note (a report's breaches, the search index).
	 */
	CX_CREATES = 1 << 4,
	CX_EXISTING = 1 << 5,
};

typedef struct cx_verb {
	const char *name; /* NULL ends a table */
	const char *usage;
	const char *summary;
	const cx_opt *opts; /* ends with a zero entry; may be NULL */
	int min_args, max_args; /* max_args -1: no limit */
	unsigned flags;
	cx_cmd_fn fn;
	const char *complete_args; /* what positional arguments complete to */
	const char *const *arg_words; /* the fixed list argument arg_at (from 0) is one of */
	int arg_at;
	unsigned arg_flags; /* OPT_HINTS: the words are the usual arguments, not the only ones */
} cx_verb;

typedef struct cx_noun {
	const char *name;
	const char *summary;
	const cx_verb *verbs; /* sub-verbs, or NULL when the noun is a command itself */
	const cx_verb *self;  /* the command, for nouns without verbs */
	unsigned flags;
} cx_noun;

/* The command table (cmd/table.c), ending with a zero entry. */
extern const cx_noun cx_nouns[];
extern const cx_opt cx_global_opts[];

/* The whole command line, as main() runs it (cmd/main.c); returns the exit status. */
int cx_main(int argc, char **argv);

/* ---- argument access (cmd/args.c) ---- */
const char *arg_str(const cx_args *a, const char *name);
int arg_flag(const cx_args *a, const char *name);
const char *const *arg_all(const cx_args *a, const char *name, int *n);
/*
 * Parsed values; CX_OK when absent (out untouched) or valid, CX_EDATA naming
 * the option. arg_date: CX_EUSAGE for a date that is not one, or out of
 * range (cx_date_check; --at is a time that happened).
 */
int arg_date(cx_ctx *ctx, const cx_args *a, const char *name, int64_t *out);
int arg_duration(cx_ctx *ctx, const cx_args *a, const char *name, int64_t *out);
int arg_int(cx_ctx *ctx, const cx_args *a, const char *name, int64_t min, int64_t max, int64_t *out);
/* --date-order mdy|dmy|ymd, how to read 01/02/2026. */
int arg_date_order(cx_ctx *ctx, const cx_args *a, cx_date_order *order);
/*
 * The one reading of a command line's words, for running a command and for
 * completing one. Each arg_next takes the next positional argument, or the
 * next option with its value, trying the verb's options first (none before
 * the verb is known), then the global ones; after "--" every word is
 * positional.
 */
typedef struct arg_walk {
	int argc;
	char **argv;
	int i;              /* the next word */
	const cx_opt *opts; /* the verb's options, or NULL */
	int only_pos;
} arg_walk;

typedef struct arg_item {
	const char *pos;    /* a positional argument; NULL for an option */
	const cx_opt *opt;  /* the option */
	const char *val;    /* its value; "" for a flag */
	int global;         /* opt is one of cx_global_opts */
} arg_item;

/* 1 with the next item, 0 past the last word, CX_EUSAGE (err set) for a wrong word: the walk goes on after it. */
int arg_next(arg_walk *w, arg_item *it, cx_err *err);
/* Parses argv (after the verb) by the verb's option table and the global one. */
int args_parse(cx_ctx *ctx, const cx_verb *v, int argc, char **argv, cx_args *a);
void args_free(cx_args *a);
/* Finds an option by long name or unique prefix in a zero-ended table. */
const cx_opt *opt_find(const cx_opt *opts, const char *name, int len, cx_err *err);
/* A value against its option's fixed list of words: CX_EUSAGE naming the option and the list. */
int opt_check(const cx_opt *o, const char *val, cx_err *err);
/*
 * The option that sets a field a library message names: the verb's own (v
 * may be NULL), else a global one, else the first of another verb's (a
 * message that suggests another command). NULL when none does.
 */
const cx_opt *opt_of_field(const cx_verb *v, const char *field);
/* A library message with the fields it names worded as options ("--title TEXT"), into buf. */
const char *opt_word_msg(const cx_verb *v, const char *msg, char *buf, size_t size);

/* ---- context helpers (cmd/main.c) ---- */
/* Sets what a global option (cx_global_opts) says, wherever on the line it came. */
int global_apply(cx_ctx *ctx, const cx_opt *o, const char *v);
/* The database a command means: --db or CX_DB, else the one ~/.config/cx/db names, else the default file. */
int ctx_db_target(cx_ctx *ctx, char *buf, size_t size, const char **path, cx_err *err);
int ctx_open_db(cx_ctx *ctx, const char *path);
/* The current time for this command. */
int64_t ctx_clock(const cx_ctx *ctx);
/*
 * Reports a change: a sentence for people (table format, unless -q), a
 * one-row record (kind, id, what) for the machine formats.
 */
void ctx_done(cx_ctx *ctx, const char *kind, int64_t id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A note to the person at the terminal, on stderr, unless -q. */
void ctx_info(cx_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * An import keeps each file in a transaction of its own, begun with
 * ctx_file_begin; ctx_file_written writes its changes out (rc == CX_OK) so
 * that a full disk fails before the report says "imported"; ctx_file_end
 * commits it once the report has reached the reader (rc == CX_OK), and
 * otherwise rolls it back. They return rc or the new error.
 */
int ctx_file_begin(cx_ctx *ctx, int bulk);
int ctx_file_written(cx_ctx *ctx, int rc);
int ctx_file_end(cx_ctx *ctx, const char *file, int rc);

/* Hands a mail to the mail.send command on its standard input (cmd/reply.c); CX_OK when it exits 0. */
int reply_send(cx_ctx *ctx, const char *cmd, const char *raw, size_t len);

/* ---- help and completion (cmd/help.c, cmd/complete.c) ---- */
void help_general(FILE *fp);
void help_noun(FILE *fp, const cx_noun *n);
void help_verb(FILE *fp, const cx_noun *n, const cx_verb *v);
void usage_line(FILE *fp, const cx_noun *n, const cx_verb *v);
/*
 * What the usage line calls the argument with a fixed list: PRIORITY in
 * "PRIORITY [--channel CHANNEL]"; 0 (and "the argument") when it has no name.
 */
int usage_arg_name(const cx_verb *v, char *buf, size_t size);
const cx_noun *noun_find(const char *name, cx_err *err);
const cx_verb *verb_find(const cx_noun *n, const char *name, cx_err *err);
int cmd_complete(cx_ctx *ctx, int argc, char **argv);
int cmd_synopsis(void);
int cmd_words(void);
int cmd_fields(int argc, char **argv);

/* ---- hooks (cmd/hooks.c): run what the library queued, after the commit ---- */
void hooks_run(cx_ctx *ctx);

/* ---- ordered name lists (cmd/names.c) ---- */
extern const cx_opt cx_names_opts[];
int cmd_names(cx_ctx *ctx, cx_args *a, cx_names which);

/* ---- themes in free text (cmd/themes.c): one verb of survey, feedback and case ---- */
extern const cx_opt cmd_themes_survey_opts[], cmd_themes_opts[];
int cmd_themes(cx_ctx *ctx, cx_args *a, cx_themes_source source);

/* ---- note bodies (cmd/body.c) ---- */
/*
 * The text of a note from -m TEXT (repeatable, joined as paragraphs), -m -
 * (standard input) or --edit ($VISUAL/$EDITOR). When none is given and
 * required is set: standard input if it is not a terminal, else the editor.
 * *body is NULL when nothing was given and it is not required.
 */
int body_read(cx_ctx *ctx, const cx_args *a, int required, char **body);
/* The text written in $VISUAL or $EDITOR, starting from initial (may be NULL). */
int body_edit(cx_ctx *ctx, const char *initial, char **body);

#endif
