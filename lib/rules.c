/*
 * Rules for recurring survey imports: reading and writing NAME.rules files
 * (key = value lines, "#" comments, "if COLUMN = ANSWER then tag TAG"), and
 * finding a rule's newest export that the database has not imported yet.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cx/date.h"
#include "cx/rules.h"
#include "cx/words.h"
#include "file_hash.h"

const char *const cx_rules_keys[] = {
	"source", "survey", "tool", "encoding", "sep", "tz", "date-order", "stage", "complete",
	"create-customers", "follow-up", "nps", "csat", "ces", "comment", "email", "respondent", "id", "at", "case", "continue", NULL,
};

int cx_rules_dir(char *buf, size_t size, cx_err *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;
	if (xdg && *xdg)
		n = snprintf(buf, size, "%s/cx/rules", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.config/cx/rules", home);
	else
		return cx_fail(err, CX_EUSAGE, "rules: neither XDG_CONFIG_HOME nor HOME is set (set one of them)");
	if (n < 0 || (size_t)n >= size)
		return cx_fail(err, CX_EUSAGE, "rules: the configuration directory's path is too long");
	return CX_OK;
}

/* A rule's name is a file name: letters, digits, '-', '_' and '.', not starting with '.'. */
static int name_ok(const char *name)
{
	if (!*name || *name == '.' || strlen(name) > 100 || !strcmp(name, "all"))
		return 0;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_.", *p))
			return 0;
	return 1;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static char **slot(cx_rules *r, const char *key)
{
	static const char *const scalar[] = { "source", "survey", "tool", "encoding", "sep", "tz", "date-order",
					      "stage", "complete", NULL };
	char **fields[] = { &r->source, &r->survey, &r->tool, &r->encoding, &r->sep, &r->tz, &r->date_order,
			    &r->stage, &r->complete };
	for (int i = 0; scalar[i]; i++)
		if (!strcmp(key, scalar[i]))
			return fields[i];
	for (int k = 0; k < CX_ROLE_N; k++)
		if (!strcmp(key, cx_role_fields[k]))
			return &r->col[k];
	return NULL;
}

static int yes_no(const char *v)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "on"))
		return 1;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0") || !strcasecmp(v, "off"))
		return 0;
	return -1;
}

static int list_words(const char *const *list, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; list[i] && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", list[i]);
		used += n > 0 ? (size_t)n : 0;
	}
	return 0;
}

/* "if store = Harbour St then tag harbour" */
static int tag_line(const char *file, int line, char *s, cx_rules *r, cx_err *err)
{
	char *then = NULL, *p = s;
	while ((p = strstr(p, " then tag ")))
		then = p++;
	char *eq = strchr(s, '=');
	if (!then || !eq || eq > then)
		return cx_fail(err, CX_EDATA, "%s:%d: write a tag rule as: if COLUMN = ANSWER then tag TAG", file, line);
	*then = '\0';
	*eq = '\0';
	char *col = trim(s + 3), *val = trim(eq + 1), *tag = trim(then + 10);
	if (!*col)
		return cx_fail(err, CX_EDATA, "%s:%d: tag rule: no column before \"=\"", file, line);
	if (!*tag || strpbrk(tag, ", \t"))
		return cx_fail(err, CX_EDATA, "%s:%d: tag rule: the tag \"%s\" must be one word without commas", file,
			       line, tag);
	cx_answer_tag *t = realloc(r->tags, (size_t)(r->ntags + 1) * sizeof *t);
	if (!t)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	r->tags = t;
	t[r->ntags].column = strdup(col);
	t[r->ntags].value = strdup(val);
	t[r->ntags].tag = strdup(tag);
	r->ntags++;
	if (!t[r->ntags - 1].column || !t[r->ntags - 1].value || !t[r->ntags - 1].tag)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	return CX_OK;
}

int cx_rules_parse(const char *file, const char *text, cx_rules *r, cx_err *err)
{
	char *copy = strdup(text), *save = NULL, words[512];
	int line = 0, rc = CX_OK, seen_at[32] = { 0 };
	if (!copy)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	r->create_customers = r->follow_up = -1;
	for (char *p = copy; p && rc == CX_OK; p = save) {
		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		line++;
		char *s = trim(p);
		if (!*s || *s == '#')
			continue;
		if (!strncmp(s, "if ", 3)) {
			rc = tag_line(file, line, s, r, err);
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			rc = cx_fail(err, CX_EDATA, "%s:%d: \"%.60s\" is not a rule (write KEY = VALUE, or if COLUMN = ANSWER then tag TAG)",
				     file, line, s);
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		int k = cx_words_find(cx_rules_keys, key);
		if (k < 0) {
			list_words(cx_rules_keys, words, sizeof words);
			rc = cx_fail(err, CX_EDATA, "%s:%d: unknown key \"%.60s\" (one of: %s)", file, line, key, words);
			break;
		}
		if (seen_at[k]) {
			rc = cx_fail(err, CX_EDATA, "%s:%d: %s is set twice (first on line %d)", file, line, key, seen_at[k]);
			break;
		}
		seen_at[k] = line;
		if (!*val) {
			rc = cx_fail(err, CX_EDATA, "%s:%d: %s: no value (give one, or remove the line)", file, line, key);
			break;
		}
		const char *const *allowed = !strcmp(key, "tool") ? cx_survey_tools :
					     !strcmp(key, "date-order") ? cx_date_orders :
					     !strcmp(key, "sep") ? cx_separators : NULL;
		if (allowed && cx_words_find(allowed, val) < 0) {
			list_words(allowed, words, sizeof words);
			rc = cx_fail(err, CX_EDATA, "%s:%d: %s: \"%.60s\" is not one of %s", file, line, key, val, words);
			break;
		}
		if (!strcmp(key, "create-customers") || !strcmp(key, "follow-up")) {
			int v = yes_no(val);
			if (v < 0) {
				rc = cx_fail(err, CX_EDATA, "%s:%d: %s: \"%.60s\" is not yes or no", file, line, key, val);
				break;
			}
			*(!strcmp(key, "follow-up") ? &r->follow_up : &r->create_customers) = v;
			continue;
		}
		if (!strcmp(key, "complete") && (!strchr(val, '=') || *val == '=')) {
			rc = cx_fail(err, CX_EDATA, "%s:%d: complete: write COLUMN=VALUE, e.g. complete = Status=Complete", file,
				     line);
			break;
		}
		char **f = slot(r, key);
		if (!(*f = strdup(val)))
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	free(copy);
	return rc;
}

int cx_rules_load(const char *name, cx_rules *r, cx_err *err)
{
	char dir[4096];
	int rc;
	memset(r, 0, sizeof *r);
	r->create_customers = r->follow_up = -1;
	if (!name_ok(name))
		return cx_fail(err, CX_EUSAGE,
			       CX_FIELD("rules")
			       ": \"%s\" is not a rule's name (letters, digits, '-', '_' and '.'; \"all\" for every rule)",
			       name);
	if ((rc = cx_rules_dir(dir, sizeof dir, err)))
		return rc;
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->path, sizeof r->path, "%s/%s.rules", dir, name);
	FILE *fp = fopen(r->path, "r");
	if (!fp)
		return cx_fail(err, errno == ENOENT ? CX_ENOINPUT : CX_EIO, "%s: %s (write it with "
									    CX_FIELD("save_rules") " %s)",
			       r->path, strerror(errno), name);
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (len + got + 1 > cap) {
			cap = 2 * (len + got + 1);
			char *t = realloc(text, cap);
			if (!t) {
				free(text);
				fclose(fp);
				return cx_fail(err, CX_EINTERNAL, "out of memory");
			}
			text = t;
		}
		memcpy(text + len, chunk, got);
		len += got;
		if (len > 1 << 20) {
			free(text);
			fclose(fp);
			return cx_fail(err, CX_EDATA, "%s: more than 1 MB: not a rules file", r->path);
		}
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(text);
		return cx_fail(err, CX_EIO, "%s: could not be read", r->path);
	}
	if (text)
		text[len] = '\0';
	if (text && memchr(text, '\0', len)) {
		free(text);
		return cx_fail(err, CX_EDATA, "%s: holds a NUL byte: not a rules file", r->path);
	}
	rc = cx_rules_parse(r->path, text ? text : "", r, err);
	free(text);
	return rc;
}

void cx_rules_free(cx_rules *r)
{
	char **f[] = { &r->source, &r->survey, &r->tool, &r->encoding, &r->sep, &r->tz, &r->date_order, &r->stage,
		       &r->complete };
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
	for (int k = 0; k < CX_ROLE_N; k++) {
		free(r->col[k]);
		r->col[k] = NULL;
	}
	for (int i = 0; i < r->ntags; i++) {
		free((char *)r->tags[i].column);
		free((char *)r->tags[i].value);
		free((char *)r->tags[i].tag);
	}
	free(r->tags);
	r->tags = NULL;
	r->ntags = 0;
}

static int mkdirs(const char *path)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) && errno != EEXIST ? -1 : 0;
}

/* A value on one line: a newline or surrounding spaces would not read back as written. */
static int one_line(const char *v)
{
	return v && *v && !strpbrk(v, "\r\n") && !isspace((unsigned char)v[0]) &&
	       !isspace((unsigned char)v[strlen(v) - 1]);
}

int cx_rules_save(const cx_rules *r, int64_t now, cx_err *err)
{
	char dir[4096], path[4300], tmp[4400], day[32];
	int rc;
	if (!name_ok(r->name))
		return cx_fail(err, CX_EUSAGE,
			       CX_FIELD("save_rules")
			       ": \"%s\" is not a rule's name (letters, digits, '-', '_' and '.', not \"all\")",
			       r->name);
	if ((rc = cx_rules_dir(dir, sizeof dir, err)))
		return rc;
	if (mkdirs(dir))
		return cx_fail(err, CX_ECANTCREAT, "%s: %s (cannot make the rules directory)", dir, strerror(errno));
	snprintf(path, sizeof path, "%s/%s.rules", dir, r->name);
	snprintf(tmp, sizeof tmp, "%s/.%s.rules.%ld", dir, r->name, (long)getpid());
	time_t t = (time_t)now;
	struct tm tm;
	strftime(day, sizeof day, "%Y-%m-%d", gmtime_r(&t, &tm));
	FILE *fp = fopen(tmp, "w");
	if (!fp)
		return cx_fail(err, CX_ECANTCREAT, "%s: %s", tmp, strerror(errno));
	fprintf(fp,
		"# cx survey import rules \"%s\", written by --save-rules on %s.\n"
		"# Apply them with: cx survey import --rules %s [FILE...]\n"
		"# One KEY = VALUE a line, as the options of cx survey import; columns by\n"
		"# header text or number; \"#\" starts a comment line. Options given on the\n"
		"# command line win over these. See cx-survey(1), RULES FILES.\n",
		r->name, day, r->name);
	fprintf(fp, "\n# Where the exports arrive: with a source, --rules %s (or all) without a FILE\n"
		    "# imports the newest file it matches, unless already imported.\n", r->name);
	if (one_line(r->source))
		fprintf(fp, "source = %s\n", r->source);
	else
		fprintf(fp, "# source = ~/Downloads/responses*.csv\n");
	fprintf(fp, "\n# The survey and how its file is read\n");
	const char *keys[] = { "survey", "tool", "encoding", "sep", "tz", "date-order", "stage", "complete" };
	const char *vals[] = { r->survey, r->tool, r->encoding, r->sep, r->tz, r->date_order, r->stage, r->complete };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (one_line(vals[i]))
			fprintf(fp, "%s = %s\n", keys[i], vals[i]);
	fprintf(fp, "\n# Columns, as recognised or named\n");
	for (int k = 0; k < CX_ROLE_N; k++)
		if (one_line(r->col[k]))
			fprintf(fp, "%s = %s\n", cx_role_fields[k], r->col[k]);
	fprintf(fp, "\n# What the import does\n");
	if (r->create_customers >= 0)
		fprintf(fp, "create-customers = %s\n", r->create_customers ? "yes" : "no");
	if (r->follow_up >= 0)
		fprintf(fp, "follow-up = %s\n", r->follow_up ? "yes" : "no");
	fprintf(fp, "\n# Customers tagged by their answers: if COLUMN = ANSWER then tag TAG\n");
	for (int i = 0; i < r->ntags; i++)
		fprintf(fp, "if %s = %s then tag %s\n", r->tags[i].column, r->tags[i].value, r->tags[i].tag);
	if (!r->ntags)
		fprintf(fp, "# if store = Harbour St then tag harbour\n");
	int bad = ferror(fp);
	bad |= fclose(fp) != 0;
	if (bad || rename(tmp, path)) {
		int e = errno;
		unlink(tmp);
		return cx_fail(err, CX_ECANTCREAT, "%s: %s", path, strerror(e));
	}
	return CX_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cx_rules_names(char ***names, int *n, cx_err *err)
{
	char dir[4096];
	int rc;
	*names = NULL;
	*n = 0;
	if ((rc = cx_rules_dir(dir, sizeof dir, err)))
		return rc;
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? CX_OK : cx_fail(err, CX_EIO, "%s: %s", dir, strerror(errno));
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 6 || strcmp(e->d_name + len - 6, ".rules") || e->d_name[0] == '.')
			continue;
		char **g = realloc(*names, (size_t)(*n + 1) * sizeof *g);
		if (!g || !(g[*n] = strndup(e->d_name, len - 6))) {
			if (g)
				*names = g;
			closedir(d);
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		}
		*names = g;
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(*names, (size_t)*n, sizeof **names, cmp_str);
	return CX_OK;
}

int cx_rules_newest(cx_db *db, const cx_rules *r, char *path, size_t size, int *seen, cx_err *err)
{
	glob_t g;
	char sha[65];
	int rc;
	path[0] = '\0';
	*seen = 0;
	if (!r->source)
		return CX_OK;
	int grc = glob(r->source, GLOB_TILDE | GLOB_BRACE, NULL, &g);
	if (grc == GLOB_NOMATCH)
		return CX_OK;
	if (grc)
		return cx_fail(err, CX_EIO, "%s: source: \"%s\" could not be searched", r->path, r->source);
	time_t best = 0;
	long best_ns = -1;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct stat st;
		if (stat(g.gl_pathv[i], &st) || !S_ISREG(st.st_mode))
			continue;
		/* the newest by modification time; on a tie the later name (responses-2 after responses-1) */
		if (!path[0] || st.st_mtim.tv_sec > best ||
		    (st.st_mtim.tv_sec == best && st.st_mtim.tv_nsec >= best_ns)) {
			best = st.st_mtim.tv_sec;
			best_ns = st.st_mtim.tv_nsec;
			snprintf(path, size, "%s", g.gl_pathv[i]);
		}
	}
	globfree(&g);
	if (!path[0])
		return CX_OK;
	if ((rc = cx_file_sha256(path, sha, err)))
		return rc;
	return cx_survey_import_seen(db, sha, r->survey, seen, err);
}
