/*
 * cx __complete WORDS...: completion candidates for the shell scripts in
 * completions/, from the same tables as help, plus live values from the
 * database. One candidate a line, "value<TAB>description"; a lone "__file__"
 * asks the shell to complete file names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cx.h"

static void emit(void *arg, const char *value, const char *desc)
{
	(void)arg;
	printf("%s\t%s\n", value, desc ? desc : "");
}

static void values(cx_ctx *ctx, const char *what, const char *cur)
{
	struct stat sb;
	char def[4096];

	if (!what)
		return;
	if (!strcmp(what, "file")) {
		puts("__file__");
		return;
	}
	if (!strcmp(what, "noun")) {
		for (const cx_noun *n = cx_nouns; n->name; n++)
			if (!(n->flags & CX_HIDDEN) && !strncmp(n->name, cur, strlen(cur)))
				emit(NULL, n->name, n->summary);
		return;
	}
	if (!strcmp(what, "setting")) { /* a fixed list: no database needed */
		for (size_t i = 0; cx_setting_key(i); i++)
			if (!strncmp(cx_setting_key(i), cur, strlen(cur)))
				emit(NULL, cx_setting_key(i), "setting");
		return;
	}
	/* Live values: only from a database that already exists; completion never creates one. */
	const char *path;
	if (ctx_db_target(ctx, def, sizeof def, &path, NULL))
		return;
	/* a file must already exist; a server's database must already hold cx's tables */
	ctx->existing_only = 1;
	if ((!cx_db_is_server(path) && (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))) || ctx_open_db(ctx, path) != CX_OK)
		return;
	cx_complete_values(ctx->db, what, cur, emit, NULL, NULL);
}

/* The words of a fixed list that begin with cur. */
static void words(const char *const *list, const char *cur)
{
	for (int i = 0; list && list[i]; i++)
		if (!strncmp(list[i], cur, strlen(cur)))
			emit(NULL, list[i], "");
}

static void options(const cx_opt *opts, const char *cur)
{
	for (const cx_opt *o = opts; o && o->name; o++) {
		char name[80];
		snprintf(name, sizeof name, "--%s", o->name);
		if (!strncmp(name, cur, strlen(cur)))
			emit(NULL, name, o->help);
	}
}

static const cx_opt *value_opt(const cx_opt *opts, const char *word)
{
	if (strncmp(word, "--", 2) || strchr(word, '='))
		return NULL;
	for (const cx_opt *o = opts; o && o->name; o++)
		if (!strcmp(o->name, word + 2))
			return o->arg ? o : NULL;
	return NULL;
}

static const cx_opt *short_value_opt(const cx_opt *opts, const char *word)
{
	if (word[0] != '-' || word[1] == '-' || !word[1] || word[2])
		return NULL;
	for (const cx_opt *o = opts; o && o->name; o++)
		if (o->shrt == word[1])
			return o->arg ? o : NULL;
	return NULL;
}

int cmd_complete(cx_ctx *ctx, int argc, char **argv)
{
	const char *cur = argc > 0 ? argv[argc - 1] : "";
	const cx_noun *noun = NULL;
	const cx_verb *verb = NULL;
	int npos = 0; /* positional arguments before the current word */

	/* Walk the words before the current one as the command would read them; a wrong word is passed over. */
	arg_walk w = { .argc = argc - 1, .argv = argv };
	arg_item it;
	cx_err ignored;
	int rc;
	while ((rc = arg_next(&w, &it, &ignored)) != 0) {
		if (rc != 1)
			continue;
		if (!it.pos) {
			if (it.global && !strcmp(it.opt->name, "db"))
				ctx->db_path = it.val;
			continue;
		}
		if (!noun) {
			noun = noun_find(it.pos, &ctx->err);
			if (!noun)
				return CX_OK;
			verb = noun->self;
		} else if (!verb) {
			verb = verb_find(noun, it.pos, &ctx->err);
			if (!verb)
				return CX_OK;
		} else {
			npos++;
		}
		w.opts = verb ? verb->opts : NULL;
	}
	const char *prev = argc > 1 ? argv[argc - 2] : "";
	const cx_opt *o = value_opt(cx_global_opts, prev);
	if (!o && verb)
		o = value_opt(verb->opts, prev);
	if (!o && verb)
		o = short_value_opt(verb->opts, prev);
	if (o) {
		words(o->words, cur);
		values(ctx, o->complete, cur);
	} else if (!noun) {
		if (cur[0] == '-')
			options(cx_global_opts, cur);
		else
			values(ctx, "noun", cur);
	} else if (!verb) {
		for (const cx_verb *v = noun->verbs; v->name; v++)
			if (!(v->flags & CX_HIDDEN) && !strncmp(v->name, cur, strlen(cur)))
				emit(NULL, v->name, v->summary);
	} else if (cur[0] == '-') {
		options(verb->opts, cur);
		options(cx_global_opts, cur);
	} else if (verb->arg_words && npos == verb->arg_at) {
		words(verb->arg_words, cur);
	} else {
		values(ctx, verb->complete_args, cur);
	}
	cx_db_close(ctx->db);
	ctx->db = NULL;
	return fflush(stdout) == 0 ? CX_OK : CX_EIO;
}
