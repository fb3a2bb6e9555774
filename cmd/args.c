/* Option parsing driven by the command tables: long and short options, anywhere on the line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

static int count(const cx_opt *opts)
{
	int n = 0;
	while (opts && opts[n].name)
		n++;
	return n;
}

const cx_opt *opt_find(const cx_opt *opts, const char *name, int len, cx_err *err)
{
	const cx_opt *hit = NULL;
	int hits = 0;
	char cands[256] = "";

	for (int i = 0; opts && opts[i].name; i++) {
		if ((int)strlen(opts[i].name) == len && !strncmp(opts[i].name, name, (size_t)len))
			return &opts[i];
		if (!strncmp(opts[i].name, name, (size_t)len)) {
			hit = &opts[i];
			hits++;
			strncat(cands, cands[0] ? ", --" : "--", sizeof cands - strlen(cands) - 1);
			strncat(cands, opts[i].name, sizeof cands - strlen(cands) - 1);
		}
	}
	if (hits == 1)
		return hit;
	if (hits > 1)
		cx_fail(err, CX_EUSAGE, "ambiguous option --%.*s: could be %s", len, name, cands);
	return NULL;
}

int opt_check(const cx_opt *o, const char *val, cx_err *err)
{
	char name[64];
	if (!o->words || (o->flags & OPT_HINTS))
		return CX_OK;
	snprintf(name, sizeof name, "--%s", o->name);
	if (!(o->flags & OPT_COMMAS))
		return cx_words_check(o->words, name, val, CX_EUSAGE, err);
	/* every word of the list; an empty one ("new,,open") is not a word */
	for (const char *p = val;; p++) {
		size_t n = strcspn(p, ",");
		char w[64];
		snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w ? n : sizeof w - 1), p);
		if (n >= sizeof w || cx_words_find(o->words, w) < 0)
			return cx_words_check(o->words, name, n >= sizeof w ? p : w, CX_EUSAGE, err);
		p += n;
		if (!*p)
			return CX_OK;
	}
}

/* Whether o sets the field: its field name, or its own with '_' read as '-'. */
static int sets_field(const cx_opt *o, const char *field)
{
	if (o->field)
		return !strcmp(o->field, field);
	const char *n = o->name;
	for (; *n && (*n == *field || (*n == '-' && *field == '_')); n++, field++)
		;
	return !*n && !*field;
}

static const cx_opt *field_in(const cx_opt *opts, const char *field)
{
	for (int i = 0; opts && opts[i].name; i++)
		if (sets_field(&opts[i], field))
			return &opts[i];
	return NULL;
}

const cx_opt *opt_of_field(const cx_verb *v, const char *field)
{
	const cx_opt *o = v ? field_in(v->opts, field) : NULL;
	if (!o)
		o = field_in(cx_global_opts, field);
	for (const cx_noun *n = cx_nouns; !o && n->name; n++) {
		if (n->self)
			o = field_in(n->self->opts, field);
		for (const cx_verb *w = n->verbs; !o && w && w->name; w++)
			o = field_in(w->opts, field);
	}
	return o;
}

static int say_opt(const cx_opt *o, int with_value, char *buf, size_t size)
{
	return with_value && o->arg ? snprintf(buf, size, "--%s %s", o->name, o->arg) : snprintf(buf, size, "--%s", o->name);
}

/*
 * The options of the verb that set the field, all of them ("--message TEXT
 * or --edit"); else the one a global option or another verb has; else the
 * field's bare name (a slip t0420 finds).
 */
static void word_field(const void *arg, const char *field, int with_value, char *buf, size_t size)
{
	const cx_verb *v = arg;
	int n = 0, k = 0;
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; v && v->opts && v->opts[i].name; i++)
		n += sets_field(&v->opts[i], field);
	for (int i = 0; n && v->opts[i].name && len < size; i++) {
		if (!sets_field(&v->opts[i], field))
			continue;
		k++;
		int w = snprintf(buf + len, size - len, "%s", k == 1 ? "" : k == n ? " or " : ", ");
		len += w > 0 ? (size_t)w : 0;
		if (len < size && (w = say_opt(&v->opts[i], with_value, buf + len, size - len)) > 0)
			len += (size_t)w;
	}
	if (n)
		return;
	const cx_opt *o = opt_of_field(v, field);
	if (o)
		say_opt(o, with_value, buf, size);
	else
		snprintf(buf, size, "%s", field);
}

const char *opt_word_msg(const cx_verb *v, const char *msg, char *buf, size_t size)
{
	return cx_err_word(msg, word_field, v, buf, size);
}

static const cx_opt *short_find(const cx_opt *opts, char c)
{
	for (int i = 0; opts && opts[i].name; i++)
		if (opts[i].shrt == c)
			return &opts[i];
	return NULL;
}

static int store(cx_args *a, const cx_opt *o, const char *v)
{
	int i = (int)(o - a->opts);
	a->val[i] = v;
	if (o->flags & OPT_MULTI) {
		const char **m = realloc(a->multi[i], sizeof *m * (size_t)(a->nmulti[i] + 1));
		if (!m)
			return -1;
		m[a->nmulti[i]++] = v;
		a->multi[i] = m;
	}
	return 0;
}

int arg_next(arg_walk *w, arg_item *it, cx_err *err)
{
	memset(it, 0, sizeof *it);
	for (;;) {
		if (w->i >= w->argc)
			return 0;
		char *s = w->argv[w->i++];
		if (w->only_pos || s[0] != '-' || !s[1]) {
			it->pos = s;
			return 1;
		}
		if (strcmp(s, "--"))
			break;
		w->only_pos = 1;
	}
	const char *s = w->argv[w->i - 1];
	if (s[1] == '-') {
		const char *name = s + 2, *eq = strchr(name, '=');
		int len = eq ? (int)(eq - name) : (int)strlen(name);
		err->code = 0;
		it->opt = opt_find(w->opts, name, len, err);
		if (!it->opt && !err->code) {
			it->opt = opt_find(cx_global_opts, name, len, err);
			it->global = it->opt != NULL;
		}
		if (!it->opt)
			return err->code ? err->code : cx_fail(err, CX_EUSAGE, "unknown option --%.*s", len, name);
		if (eq) {
			if (!it->opt->arg)
				return cx_fail(err, CX_EUSAGE, "--%s takes no value", it->opt->name);
			it->val = eq + 1;
		}
	} else {
		it->opt = short_find(w->opts, s[1]);
		if (!it->opt) {
			it->opt = short_find(cx_global_opts, s[1]);
			it->global = it->opt != NULL;
		}
		if (!it->opt)
			return cx_fail(err, CX_EUSAGE, "unknown option -%c", s[1]);
		if (s[2]) {
			if (!it->opt->arg)
				return cx_fail(err, CX_EUSAGE, "-%c takes no value (write flags apart)", s[1]);
			it->val = s + 2;
		}
	}
	if (!it->opt->arg)
		it->val = "";
	else if (!it->val) {
		if (w->i >= w->argc)
			return cx_fail(err, CX_EUSAGE, "--%s needs a value (%s)", it->opt->name, it->opt->arg);
		it->val = w->argv[w->i++];
	}
	return 1;
}

int args_parse(cx_ctx *ctx, const cx_verb *v, int argc, char **argv, cx_args *a)
{
	int n = count(v->opts), rc;
	arg_walk w = { .argc = argc, .argv = argv, .opts = v->opts };
	arg_item it;

	memset(a, 0, sizeof *a);
	a->opts = v->opts;
	a->nopts = n;
	a->val = calloc((size_t)n + 1, sizeof *a->val);
	a->multi = calloc((size_t)n + 1, sizeof *a->multi);
	a->nmulti = calloc((size_t)n + 1, sizeof *a->nmulti);
	a->argv = calloc((size_t)argc + 1, sizeof *a->argv);
	if (!a->val || !a->multi || !a->nmulti || !a->argv)
		return cx_fail(&ctx->err, CX_EINTERNAL, "out of memory");

	while ((rc = arg_next(&w, &it, &ctx->err)) == 1) {
		if (it.pos)
			a->argv[a->argc++] = (char *)it.pos;
		else if (opt_check(it.opt, it.val, &ctx->err))
			return CX_EUSAGE;
		else if (it.global && (rc = global_apply(ctx, it.opt, it.val)))
			return rc;
		else if (!it.global && store(a, it.opt, it.val))
			return cx_fail(&ctx->err, CX_EINTERNAL, "out of memory");
	}
	if (rc)
		return rc;
	if (v->arg_words && !(v->arg_flags & OPT_HINTS) && a->argc > v->arg_at &&
	    cx_words_find(v->arg_words, a->argv[v->arg_at]) < 0) {
		char all[512], name[64];
		int named = usage_arg_name(v, name, sizeof name);
		return cx_fail(&ctx->err, CX_EUSAGE, "%s%s\"%.100s\" is not one of %s", named ? name : "",
			       named ? ": " : "", a->argv[v->arg_at], cx_words_join(v->arg_words, all, sizeof all));
	}
	return CX_OK;
}

void args_free(cx_args *a)
{
	for (int i = 0; a->multi && i < a->nopts; i++)
		free(a->multi[i]);
	free(a->multi);
	free(a->nmulti);
	free(a->val);
	free(a->argv);
	memset(a, 0, sizeof *a);
}

/*
 * The option's place in the verb's table. A name the table does not have is
 * a slip in cx's own code (a misspelt name would read as "not given"
 * forever): it stops the command at once, in every test that reaches it.
 */
static int index_of(const cx_args *a, const char *name)
{
	for (int i = 0; i < a->nopts; i++)
		if (!strcmp(a->opts[i].name, name))
			return i;
	fprintf(stderr, "cx: internal error: this command reads an option --%s it does not define\n", name);
	exit(70); /* EX_SOFTWARE */
}

const char *arg_str(const cx_args *a, const char *name)
{
	int i = index_of(a, name);
	return i < 0 ? NULL : a->val[i];
}

int arg_flag(const cx_args *a, const char *name)
{
	return arg_str(a, name) != NULL;
}

const char *const *arg_all(const cx_args *a, const char *name, int *n)
{
	int i = index_of(a, name);
	*n = i < 0 ? 0 : a->nmulti[i];
	return i < 0 ? NULL : (const char *const *)a->multi[i];
}

int arg_date(cx_ctx *ctx, const cx_args *a, const char *name, int64_t *out)
{
	const char *v = arg_str(a, name);
	cx_err e;
	if (!v)
		return CX_OK;
	/* wrong on the command line, whatever the database holds: a usage error; --at is always a time that happened */
	if (cx_date_parse(v, ctx_clock(ctx), out, &e) ||
	    cx_date_check(v, *out, ctx_clock(ctx), !strcmp(name, "at"), &e))
		return cx_fail(&ctx->err, CX_EUSAGE, "--%s: %s", name, e.msg);
	return CX_OK;
}

int arg_duration(cx_ctx *ctx, const cx_args *a, const char *name, int64_t *out)
{
	const char *v = arg_str(a, name);
	cx_err e;
	if (!v)
		return CX_OK;
	if (cx_duration_parse(v, out, &e))
		return cx_fail(&ctx->err, CX_EUSAGE, "--%s: %s", name, e.msg);
	return CX_OK;
}

int arg_int(cx_ctx *ctx, const cx_args *a, const char *name, int64_t min, int64_t max, int64_t *out)
{
	const char *v = arg_str(a, name);
	char *end;
	if (!v)
		return CX_OK;
	long long x = strtoll(v, &end, 10);
	if (!v[0] || *end || x < min || x > max)
		return cx_fail(&ctx->err, CX_EUSAGE, "--%s: \"%s\" is not a whole number from %lld to %lld",
			       name, v, (long long)min, (long long)max);
	*out = x;
	return CX_OK;
}

int arg_date_order(cx_ctx *ctx, const cx_args *a, cx_date_order *order)
{
	const char *v = arg_str(a, "date-order");
	int i = v ? cx_words_find(cx_date_orders, v) : -1;
	if (i >= 0)
		*order = (cx_date_order)i;
	/* the parser checked the word against the option's list */
	return CX_OK;
}
