/* Help from the command tables: cx --help, cx help NOUN, -h on any verb, and name lookup. */
#include <stdio.h>
#include <string.h>

#include "cx.h"

static const char *first_line_of_usage = "usage: cx [global options] COMMAND [ARGS]";

static int visible(unsigned flags)
{
	return !(flags & CX_HIDDEN);
}

/* An option's help, with the words its value is one of (or usually is). */
static void option_help(FILE *fp, const cx_opt *o)
{
	char words[1024];
	fputs(o->help, fp);
	if (o->words)
		fprintf(fp, "%s%s", o->flags & OPT_HINTS ? ", e.g. " : ": ",
			cx_words_join(o->words, words, sizeof words));
	fputs(o->flags & OPT_MULTI ? " (repeatable)\n" : "\n", fp);
}

void help_general(FILE *fp)
{
	fprintf(fp, "%s\n\n", first_line_of_usage);
	fputs("cx keeps every customer's story: cases and notes, touchpoints and journeys,\n"
	      "survey scores and public feedback, in one local database.\n\nCommands:\n",
	      fp);
	for (const cx_noun *n = cx_nouns; n->name; n++)
		if (visible(n->flags))
			fprintf(fp, "  %-10s %s\n", n->name, n->summary);
	fputs("\nGlobal options (before or after the command):\n", fp);
	for (const cx_opt *o = cx_global_opts; o->name; o++) {
		char left[64];
		snprintf(left, sizeof left, "%s%c%s--%s%s%s", o->shrt ? "-" : "", o->shrt ? o->shrt : ' ',
			 o->shrt ? ", " : "  ", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-20s ", o->shrt ? left : left + 2);
		option_help(fp, o);
	}
	fputs("\nRun 'cx help COMMAND' or 'cx COMMAND VERB -h' for more; 'man cx' for everything.\n", fp);
}

void usage_line(FILE *fp, const cx_noun *n, const cx_verb *v)
{
	if (n->verbs)
		fprintf(fp, "usage: cx %s %s%s%s\n", n->name, v->name, v->usage[0] ? " " : "", v->usage);
	else
		fprintf(fp, "usage: cx %s%s%s\n", n->name, v->usage[0] ? " " : "", v->usage);
}

void help_noun(FILE *fp, const cx_noun *n)
{
	if (!n->verbs) {
		help_verb(fp, n, n->self);
		return;
	}
	fprintf(fp, "usage: cx %s VERB [ARGS]\n\n%s\n\nVerbs:\n", n->name, n->summary);
	for (const cx_verb *v = n->verbs; v->name; v++)
		if (visible(v->flags))
			fprintf(fp, "  %-9s %s\n", v->name, v->summary);
	fprintf(fp, "\nRun 'cx %s VERB -h' for a verb's options; 'man cx-%s' for everything.\n", n->name,
		n->name);
}

int usage_arg_name(const cx_verb *v, char *buf, size_t size)
{
	const char *p = v->usage;
	int at = 0;
	snprintf(buf, size, "the argument");
	while (*p) {
		size_t n = strcspn(p, " ");
		if (p[0] != '-' && strncmp(p, "[-", 2) && at++ == v->arg_at) {
			size_t skip = strspn(p, "[");
			size_t len = strspn(p + skip, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			if (!len || len >= size)
				return 0;
			snprintf(buf, size, "%.*s", (int)len, p + skip);
			return 1;
		}
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

void help_verb(FILE *fp, const cx_noun *n, const cx_verb *v)
{
	usage_line(fp, n, v);
	fprintf(fp, "\n%s\n", v->summary);
	if (v->opts && v->opts[0].name) {
		fputs("\nOptions:\n", fp);
		for (const cx_opt *o = v->opts; o->name; o++) {
			char left[64];
			if (o->shrt)
				snprintf(left, sizeof left, "-%c, --%s%s%s", o->shrt, o->name, o->arg ? " " : "",
					 o->arg ? o->arg : "");
			else
				snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
					 o->arg ? o->arg : "");
			fprintf(fp, "  %-24s ", left);
			option_help(fp, o);
		}
	}
	if (v->arg_words) {
		char words[1024], name[64];
		usage_arg_name(v, name, sizeof name);
		if (name[0] >= 'a' && name[0] <= 'z')
			name[0] = (char)(name[0] - 'a' + 'A');
		fprintf(fp, "\n%s %s: %s\n", name, v->arg_flags & OPT_HINTS ? "is, for example" : "is one of",
			cx_words_join(v->arg_words, words, sizeof words));
	}
	/* named from the table, so a global option added there is named here too */
	fputs("\nGlobal options:", fp);
	for (const cx_opt *o = cx_global_opts; o->name; o++) {
		if (o->shrt)
			fprintf(fp, "%s -%c", o == cx_global_opts ? "" : ",", o->shrt);
		else
			fprintf(fp, "%s --%s", o == cx_global_opts ? "" : ",", o->name);
	}
	fputs(" (see cx --help).\n", fp);
}

/* Exact name, else a unique prefix; an ambiguous prefix names the candidates. */
#define FIND_BY_PREFIX(type, first, what, err)                                                         \
	do {                                                                                           \
		const type *hit = NULL;                                                                \
		int hits = 0;                                                                          \
		char cands[256] = "";                                                                  \
		size_t len = strlen(name);                                                             \
		for (const type *p = (first); p->name; p++) {                                          \
			if (!strcmp(p->name, name))                                                    \
				return p;                                                              \
			if (visible(p->flags) && !strncmp(p->name, name, len)) {                       \
				hit = p;                                                               \
				hits++;                                                                \
				if (cands[0])                                                          \
					strncat(cands, ", ", sizeof cands - strlen(cands) - 1);        \
				strncat(cands, p->name, sizeof cands - strlen(cands) - 1);             \
			}                                                                              \
		}                                                                                      \
		if (hits == 1 && len > 0)                                                              \
			return hit;                                                                    \
		if (hits > 1)                                                                          \
			cx_fail(err, CX_EUSAGE, "ambiguous %s \"%s\": could be %s", what, name, cands); \
		else                                                                                   \
			cx_fail(err, CX_EUSAGE, "unknown %s \"%s\" (see %s)", what, name, hint);       \
		return NULL;                                                                           \
	} while (0)

const cx_noun *noun_find(const char *name, cx_err *err)
{
	const char *hint = "cx --help";
	FIND_BY_PREFIX(cx_noun, cx_nouns, "command", err);
}

const cx_verb *verb_find(const cx_noun *n, const char *name, cx_err *err)
{
	char hint[64];
	snprintf(hint, sizeof hint, "cx help %s", n->name);
	FIND_BY_PREFIX(cx_verb, n->verbs, "verb", err);
}

/* Every command's usage, one per line: what the man pages' SYNOPSIS sections must say. */
int cmd_synopsis(void)
{
	for (const cx_noun *n = cx_nouns; n->name; n++) {
		if (!visible(n->flags))
			continue;
		if (!n->verbs) {
			printf("cx %s%s%s\n", n->name, n->self->usage[0] ? " " : "", n->self->usage);
			continue;
		}
		for (const cx_verb *v = n->verbs; v->name; v++)
			if (visible(v->flags))
				printf("cx %s %s%s%s\n", n->name, v->name, v->usage[0] ? " " : "", v->usage);
	}
	return fflush(stdout) == 0 ? 0 : 74;
}

static void words_of(const char *cmd, const char *what, const char *const *list)
{
	for (int i = 0; list && list[i]; i++)
		printf("%s\t%s\t%s\n", cmd, what, list[i]);
}

static void verb_words(const char *cmd, const cx_verb *v)
{
	char name[64];
	for (const cx_opt *o = v->opts; o && o->name; o++) {
		snprintf(name, sizeof name, "--%s", o->name);
		words_of(cmd, name, o->words);
	}
	if (v->arg_words) {
		usage_arg_name(v, name, sizeof name);
		words_of(cmd, name, v->arg_words);
	}
}

/*
 * Every fixed list of every command, a word a line: "cx case list<TAB>--status<TAB>new";
 * the man-page test checks each is documented where its option is.
 */
int cmd_words(void)
{
	char cmd[128];
	for (const cx_opt *o = cx_global_opts; o->name; o++) {
		snprintf(cmd, sizeof cmd, "--%s", o->name);
		words_of("cx", cmd, o->words);
	}
	for (const cx_noun *n = cx_nouns; n->name; n++) {
		if (!visible(n->flags))
			continue;
		if (!n->verbs) {
			snprintf(cmd, sizeof cmd, "cx %s", n->name);
			verb_words(cmd, n->self);
			continue;
		}
		for (const cx_verb *v = n->verbs; v->name; v++) {
			snprintf(cmd, sizeof cmd, "cx %s %s", n->name, v->name);
			if (visible(v->flags))
				verb_words(cmd, v);
		}
	}
	return fflush(stdout) == 0 ? 0 : 74;
}

static int field_line(const char *field)
{
	const cx_opt *o = opt_of_field(NULL, field);
	printf("%s\t%s%s\n", field, o ? "--" : "", o ? o->name : "");
	return o != NULL;
}

/*
 * The option that sets each field named (by default, each field the library
 * names from a list: the survey roles'), a field a line: "zone<TAB>--tz".
 * Exit 1 when one has none: a message would name it by its bare name.
 */
int cmd_fields(int argc, char **argv)
{
	int all = 1;
	for (int i = 0; i < argc; i++)
		all &= field_line(argv[i]);
	for (int k = 0; !argc && k < CX_ROLE_N; k++)
		all &= field_line(cx_role_fields[k]);
	if (fflush(stdout) != 0)
		return 74;
	return all ? 0 : 1;
}

static int cmd_help(cx_ctx *ctx, cx_args *a)
{
	if (a->argc == 0) {
		help_general(stdout);
		return CX_OK;
	}
	const cx_noun *n = noun_find(a->argv[0], &ctx->err);
	if (!n)
		return CX_EUSAGE;
	if (a->argc > 1 && n->verbs) {
		const cx_verb *v = verb_find(n, a->argv[1], &ctx->err);
		if (!v)
			return CX_EUSAGE;
		help_verb(stdout, n, v);
	} else {
		help_noun(stdout, n);
	}
	return CX_OK;
}

const cx_verb cx_help_cmd = {
	.name = "help",
	.usage = "[COMMAND [VERB]]",
	.summary = "Show help for cx, a command or a verb.",
	.min_args = 0,
	.max_args = 2,
	.fn = cmd_help,
	.complete_args = "noun",
};
