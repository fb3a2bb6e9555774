/* The streaming CSV reader: encoding and separator detection, line tracking, libcsv underneath. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv_reader.h"

enum {
	CHUNK = 1 << 16,
	/* a record larger than this is refused: a quote never closed, or more than anyone meant to put in a cell */
	MAX_RECORD = 64 << 20,
	/* libcsv's states (csv.h names none): in a field, which is quoted or not */
	LIBCSV_FIELD_BEGUN = 2,
};

struct cx_csv {
	FILE *fp;
	int own_fp;
	char *name;
	char enc_name[32];
	iconv_t cd; /* (iconv_t)-1 when the input is UTF-8 already */
	struct csv_parser p;
	char sep;
	int eof, done, failed;
	int64_t bytes, size;

	/* raw bytes read, and their UTF-8 form */
	char raw[CHUNK];
	size_t raw_len;
	char *text; /* UTF-8 bytes not yet fed to the parser */
	size_t text_len, text_cap, text_pos;
	int64_t line; /* physical line about to be fed */

	/* fields of the record being built, and of finished records waiting */
	char *arena;
	size_t arena_len, arena_cap;
	size_t *foff; /* offsets of fields in arena */
	int nf, fcap;
	int *rec_first; /* index of each finished record's first field */
	int64_t *rec_line, *rec_end;
	int nrec, rcap, rec_head;
	int cur_first;      /* first field of the record being built */
	int64_t cur_line;   /* line it started on (0 = not begun) */
	char **row_ptrs;
	int row_cap;
	int oom;
	int parser_ready;
	unsigned char opts; /* libcsv's options for this file */

	/* lines with a bare quote inside an unquoted field, read as a literal quote */
	int64_t loose_quotes, loose_first, loose_last;
};

const char *cx_csv_name(const cx_csv *r) { return r->name; }
char cx_csv_sep(const cx_csv *r) { return r->sep; }
const char *cx_csv_encoding(const cx_csv *r) { return r->enc_name; }
int64_t cx_csv_bytes(const cx_csv *r) { return r->bytes; }
int64_t cx_csv_size(const cx_csv *r) { return r->size; }

int64_t cx_csv_loose_quotes(const cx_csv *r, int64_t *first_line)
{
	*first_line = r->loose_first;
	return r->loose_quotes;
}

void cx_csv_loose_note(const cx_csv *r, char *buf, size_t size)
{
	buf[0] = '\0';
	if (r->loose_quotes == 1)
		snprintf(buf, size, "%s:%lld: a bare \" inside an unquoted field, read as a literal quote",
			 r->name, (long long)r->loose_first);
	else if (r->loose_quotes)
		snprintf(buf, size,
			 "%s: %lld lines with a bare \" inside an unquoted field, read as a literal quote (the first: line %lld)",
			 r->name, (long long)r->loose_quotes, (long long)r->loose_first);
}

static int grow(void **p, size_t elem, int *cap, int need)
{
	if (need <= *cap)
		return 0;
	int c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, elem * (size_t)c);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	cx_csv *r = data;
	if (r->arena_len + len + 1 > r->arena_cap) {
		size_t c = r->arena_cap ? r->arena_cap : CHUNK;
		while (c < r->arena_len + len + 1)
			c *= 2;
		char *a = realloc(r->arena, c);
		if (!a) {
			r->oom = 1;
			return;
		}
		r->arena = a;
		r->arena_cap = c;
	}
	if (grow((void **)&r->foff, sizeof *r->foff, &r->fcap, r->nf + 1)) {
		r->oom = 1;
		return;
	}
	r->foff[r->nf++] = r->arena_len;
	if (len)
		memcpy(r->arena + r->arena_len, s, len);
	r->arena[r->arena_len + len] = '\0';
	r->arena_len += len + 1;
}

static void on_record(int c, void *data)
{
	cx_csv *r = data;
	(void)c;
	if (grow((void **)&r->rec_first, sizeof *r->rec_first, &r->rcap, r->nrec + 1) ||
	    !(r->rec_line = realloc(r->rec_line, sizeof *r->rec_line * (size_t)r->rcap)) ||
	    !(r->rec_end = realloc(r->rec_end, sizeof *r->rec_end * (size_t)r->rcap))) {
		r->oom = 1;
		return;
	}
	r->rec_first[r->nrec] = r->cur_first;
	r->rec_line[r->nrec] = r->cur_line ? r->cur_line : r->line;
	r->rec_end[r->nrec] = r->line;
	r->nrec++;
	r->cur_first = r->nf;
	r->cur_line = 0;
}

/* Converts the raw bytes read so far to UTF-8 text after what is waiting to be fed. */
static int convert(cx_csv *r, cx_err *err)
{
	/* drop what was fed already */
	if (r->text_pos) {
		memmove(r->text, r->text + r->text_pos, r->text_len - r->text_pos);
		r->text_len -= r->text_pos;
		r->text_pos = 0;
	}
	size_t need = r->text_len + r->raw_len * 3 + 16;
	if (need > r->text_cap) {
		char *t = realloc(r->text, need);
		if (!t)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		r->text = t;
		r->text_cap = need;
	}
	if (r->cd == (iconv_t)-1) {
		memcpy(r->text + r->text_len, r->raw, r->raw_len);
		r->text_len += r->raw_len;
		r->raw_len = 0;
		return CX_OK;
	}
	char *in = r->raw, *out = r->text + r->text_len;
	size_t inleft = r->raw_len, outleft = r->text_cap - r->text_len;
	if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1 && errno != EINVAL)
		return cx_fail(err, CX_EDATA, "%s:%lld: not valid %s text (check " CX_FIELD("encoding") ")", r->name,
			       (long long)r->line, r->enc_name);
	r->text_len = (size_t)(out - r->text);
	memmove(r->raw, in, inleft); /* an incomplete character waits for the next read */
	r->raw_len = inleft;
	return CX_OK;
}

/* Reads more raw bytes and converts them to UTF-8 text; 0 at end of input. */
static int fill(cx_csv *r, cx_err *err)
{
	if (r->eof)
		return 0;
	size_t n = fread(r->raw + r->raw_len, 1, sizeof r->raw - r->raw_len, r->fp);
	if (n == 0) {
		if (ferror(r->fp))
			return cx_fail(err, CX_EIO, "%s: read error: %s", r->name, strerror(errno));
		r->eof = 1;
		if (r->raw_len)
			return cx_fail(err, CX_EDATA, "%s:%lld: the file ends inside a %s character",
				       r->name, (long long)r->line, r->enc_name);
		return 0;
	}
	r->bytes += (int64_t)n;
	r->raw_len += n;
	int rc = convert(r, err);
	return rc ? rc : 1;
}

long cx_utf8_invalid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* ASCII, eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k;
		unsigned min;
		unsigned cp;
		if ((c & 0xe0) == 0xc0) {
			k = 2;
			cp = c & 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			k = 3;
			cp = c & 0x0f;
			min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			k = 4;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return (long)i;
		}
		if (i + k > n)
			return (long)i;
		for (size_t j = 1; j < k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return (long)i;
			cp = (cp << 6) | (s[i + j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (long)i;
		i += k;
	}
	return -1;
}

/* The line (1-based) that byte off of s is on. */
static int64_t line_of(const char *s, size_t off)
{
	int64_t line = 1;
	for (const char *p = s; (p = memchr(p, '\n', off - (size_t)(p - s))) != NULL; p++)
		line++;
	return line;
}

/*
 * UTF-16 without a byte order mark, from its bytes: text in Latin letters
 * has a NUL in every other byte, the odd ones in little-endian order (the
 * letter first), the even ones in big-endian. NULL when it does not look so.
 */
static const char *utf16_by_nuls(const unsigned char *b, size_t n)
{
	size_t even = 0, odd = 0;
	n &= ~(size_t)1;
	for (size_t i = 0; i < n; i += 2) {
		even += b[i] == 0;
		odd += b[i + 1] == 0;
	}
	/* most characters of a CSV are ASCII: separators, digits, newlines */
	if (n >= 4 && odd * 4 >= n && even * 20 <= odd)
		return "utf-16le";
	if (n >= 4 && even * 4 >= n && odd * 20 <= even)
		return "utf-16be";
	return NULL;
}

static char sniff_sep(const char *s, size_t n)
{
	int comma = 0, semi = 0, tab = 0, quoted = 0;
	for (size_t i = 0; i < n && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma)
		return ';';
	return ',';
}

int cx_csv_open(cx_csv **out, const char *path, const char *name, const cx_csv_opts *o, cx_err *err)
{
	cx_csv *r = calloc(1, sizeof *r);
	int rc;

	*out = NULL;
	if (!r)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	r->cd = (iconv_t)-1;
	r->line = 1;
	r->name = strdup(name ? name : strcmp(path, "-") ? path : "standard input");
	if (!r->name) {
		free(r);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	if (!strcmp(path, "-")) {
		r->fp = stdin;
	} else {
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = cx_fail(err, CX_ENOINPUT, "%s is a directory, not a file", path);
			goto fail;
		}
		r->fp = fopen(path, "rb");
		if (!r->fp) {
			rc = cx_fail(err, errno == ENOENT ? CX_ENOINPUT : errno == EACCES ? CX_EPERM : CX_EIO,
				     "cannot open %s: %s", path, strerror(errno));
			goto fail;
		}
		r->own_fp = 1;
		if (fstat(fileno(r->fp), &st) == 0 && S_ISREG(st.st_mode))
			r->size = st.st_size;
	}

	/* Look at the start: binary files, byte order marks. */
	size_t n = fread(r->raw, 1, sizeof r->raw, r->fp);
	if (n == 0 && ferror(r->fp)) {
		rc = cx_fail(err, CX_EIO, "%s: read error: %s", r->name, strerror(errno));
		goto fail;
	}
	r->bytes = (int64_t)n;
	const unsigned char *b = (const unsigned char *)r->raw;
	const char *from = o ? o->encoding : NULL;
	size_t skip = 0;
	if (n >= 4 && !memcmp(b, "PK\x03\x04", 4)) {
		rc = cx_fail(err, CX_EDATA,
			     "%s:1: this is a zip file (an Excel .xlsx workbook?), not CSV (export or save it as CSV)",
			     r->name);
		goto fail;
	}
	if (n >= 4 && !memcmp(b, "\xd0\xcf\x11\xe0", 4)) {
		rc = cx_fail(err, CX_EDATA,
			     "%s:1: this is an Excel .xls workbook, not CSV (export or save it as CSV)", r->name);
		goto fail;
	}
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		from = "UTF-16LE";
		skip = 2;
	} else if (n >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		from = "UTF-16BE";
		skip = 2;
	} else if (n >= 3 && !memcmp(b, "\xef\xbb\xbf", 3)) {
		skip = 3;
		if (!from)
			snprintf(r->enc_name, sizeof r->enc_name, "UTF-8 with BOM");
	}
	if (from && strcasecmp(from, "utf-8") && strcasecmp(from, "utf8")) {
		const char *iname = !strcasecmp(from, "latin1") ? "ISO-8859-1" : from;
		r->cd = iconv_open("UTF-8", iname);
		if (r->cd == (iconv_t)-1) {
			rc = cx_fail(err, CX_EUSAGE, CX_FIELD("encoding")
						     ": \"%s\" is not an encoding this system knows (try cp1252 or latin1)",
				     from);
			goto fail;
		}
		snprintf(r->enc_name, sizeof r->enc_name, "%s", !strcasecmp(from, "latin1") ? "latin1" : from);
	} else if (!r->enc_name[0]) {
		snprintf(r->enc_name, sizeof r->enc_name, "UTF-8");
	}
	const char *nul = r->cd == (iconv_t)-1 ? memchr(r->raw + skip, '\0', n - skip) : NULL;
	if (nul) {
		const char *enc = utf16_by_nuls(b + skip, n - skip);
		if (enc)
			rc = cx_fail(err, CX_EDATA,
				     "%s:1: looks like UTF-16%s text without a byte order mark (a NUL in every other byte): give " CX_FIELD("encoding") " %s",
				     r->name, strcmp(enc, "utf-16le") ? "BE" : "LE", enc);
		else
			rc = cx_fail(err, CX_EDATA, "%s:%lld: holds a NUL byte: a binary file, not CSV text (export it as CSV)",
				     r->name, (long long)line_of(r->raw + skip, (size_t)(nul - (r->raw + skip))));
		goto fail;
	}
	memmove(r->raw, r->raw + skip, n - skip);
	r->raw_len = n - skip;
	if ((rc = convert(r, err)))
		goto fail;
	if (r->cd != (iconv_t)-1 && (nul = memchr(r->text, '\0', r->text_len)) != NULL) {
		rc = cx_fail(err, CX_EDATA, "%s:%lld: holds a NUL character: a binary file, not CSV text (check "
					    CX_FIELD("encoding") ")",
			     r->name, (long long)line_of(r->text, (size_t)(nul - r->text)));
		goto fail;
	}
	r->sep = o && o->sep ? o->sep : sniff_sep(r->text, r->text_len);
	/*
	 * TSV exports (Qualtrics) leave quotes inside unquoted fields: only CSV is
	 * held to strict quoting, where feed_line reads a bare quote in an
	 * unquoted field literally, as spreadsheet programs do, and counts it.
	 */
	r->opts = (r->sep == '\t' ? 0 : CSV_STRICT) | CSV_STRICT_FINI | CSV_APPEND_NULL;
	if (csv_init(&r->p, r->opts) != 0) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto fail;
	}
	r->parser_ready = 1;
	csv_set_delim(&r->p, (unsigned char)r->sep);
	/* libcsv grows a field 128 bytes at a time unless told: a long comment would cost a realloc per 128 bytes */
	csv_set_blk_size(&r->p, CHUNK);
	*out = r;
	return CX_OK;
fail:
	cx_csv_close(r);
	return rc;
}

/* The length of s[0..n) without a UTF-8 character cut off at its end. */
static size_t whole_chars(const char *s, size_t n)
{
	for (size_t back = 1; back <= 4 && back <= n; back++) {
		unsigned char c = (unsigned char)s[n - back];
		if ((c & 0xc0) == 0x80)
			continue; /* a continuation byte: its lead is further back */
		size_t want = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
		return want > back ? n - back : n;
	}
	return n;
}

/* Feeds one physical line (with its newline, if any), or a piece of a long one, to the parser. */
static int feed_line(cx_csv *r, const char *s, size_t len, cx_err *err)
{
	long bad = cx_utf8_invalid((const unsigned char *)s, len);
	if (bad >= 0)
		return cx_fail(err, CX_EDATA,
			       "%s:%lld: invalid UTF-8 byte 0x%02x (export the file as UTF-8, or give "
			       CX_FIELD("encoding") " cp1252)",
			       r->name, (long long)r->line, (unsigned char)s[bad]);
	if (memchr(s, '\0', len))
		return cx_fail(err, CX_EDATA, "%s:%lld: holds a NUL byte: a binary file, not CSV text", r->name,
			       (long long)r->line);
	/* A record that has not begun starts on this line (libcsv: state 0 = row not begun). */
	if (r->p.pstate == 0 && r->nf == r->cur_first)
		r->cur_line = r->line;
	for (size_t done = 0;;) {
		done += csv_parse(&r->p, s + done, len - done, on_field, on_record, r);
		if (done == len)
			break;
		int e = csv_error(&r->p);
		if (e == CSV_EPARSE && r->p.pstate == LIBCSV_FIELD_BEGUN && !r->p.quoted) {
			/* a bare quote inside an unquoted field (5" screen): the quote itself, parsed leniently */
			csv_set_opts(&r->p, r->opts & ~CSV_STRICT);
			r->p.status = 0;
			done += csv_parse(&r->p, s + done, 1, on_field, on_record, r);
			csv_set_opts(&r->p, r->opts);
			if (r->loose_last != r->line) {
				if (!r->loose_quotes)
					r->loose_first = r->line;
				r->loose_quotes++;
				r->loose_last = r->line;
			}
			continue;
		}
		if (e == CSV_EPARSE)
			return cx_fail(err, CX_EDATA,
				       "%s:%lld: a quote in the middle of a field (quote the whole field and double inner quotes)",
				       r->name, (long long)r->line);
		return cx_fail(err, CX_EINTERNAL, "%s:%lld: %s", r->name, (long long)r->line, csv_strerror(e));
	}
	if (r->oom)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if (r->arena_len + r->p.entry_pos > MAX_RECORD)
		return cx_fail(err, CX_EDATA,
			       "%s:%lld: a record longer than %d MB starts here: a quote that is never closed? (a field holds at most %d MB)",
			       r->name, (long long)(r->cur_line ? r->cur_line : r->line), MAX_RECORD >> 20, MAX_RECORD >> 20);
	if (len && s[len - 1] == '\n')
		r->line++;
	return CX_OK;
}

int cx_csv_next(cx_csv *r, cx_row *row, cx_err *err)
{
	int rc;

	if (r->failed)
		return CX_EINTERNAL;
	while (r->rec_head >= r->nrec) {
		/* Everything handed out: start the arena afresh with the record in progress. */
		if (r->nrec > 0) {
			size_t base = r->cur_first < r->nf ? r->foff[r->cur_first] : r->arena_len;
			int keep = r->nf - r->cur_first;
			memmove(r->arena, r->arena + base, r->arena_len - base);
			for (int i = 0; i < keep; i++)
				r->foff[i] = r->foff[r->cur_first + i] - base;
			r->arena_len -= base;
			r->nf = keep;
			r->cur_first = 0;
			r->nrec = r->rec_head = 0;
		}
		if (r->done)
			return 0;
		char *s = r->text + r->text_pos;
		size_t left = r->text_len - r->text_pos;
		char *nl = memchr(s, '\n', left);
		if (nl) {
			size_t len = (size_t)(nl - s) + 1;
			r->text_pos += len;
			if ((rc = feed_line(r, s, len, err)))
				goto fail;
			continue;
		}
		if (left >= CHUNK) {
			/*
			 * A long line (a big quoted field) is fed as it comes, up to
			 * its last whole character: kept whole, it would be searched
			 * for its end again after every read, and held twice.
			 */
			size_t len = whole_chars(s, left);
			r->text_pos += len;
			if ((rc = feed_line(r, s, len, err)))
				goto fail;
			continue;
		}
		rc = fill(r, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			/* the last line, without a newline */
			if (left && (rc = feed_line(r, s, left, err)))
				goto fail;
			r->text_pos = r->text_len;
			if (csv_fini(&r->p, on_field, on_record, r) != 0) {
				rc = cx_fail(err, CX_EDATA,
					     "%s:%lld: unterminated quote: the quoted field starting here never ends",
					     r->name, (long long)(r->cur_line ? r->cur_line : r->line));
				goto fail;
			}
			if (r->oom) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				goto fail;
			}
			r->done = 1;
		}
	}
	int i = r->rec_head++;
	int first = r->rec_first[i];
	int last = i + 1 < r->nrec ? r->rec_first[i + 1] : r->cur_first;
	int n = last - first;
	if (grow((void **)&r->row_ptrs, sizeof *r->row_ptrs, &r->row_cap, n + 1)) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto fail;
	}
	for (int k = 0; k < n; k++)
		r->row_ptrs[k] = r->arena + r->foff[first + k];
	row->n = n;
	row->f = r->row_ptrs;
	row->line = r->rec_line[i];
	row->end_line = r->rec_end[i];
	return 1;
fail:
	r->failed = 1;
	return rc;
}

void cx_csv_close(cx_csv *r)
{
	if (!r)
		return;
	if (r->own_fp && r->fp)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->parser_ready)
		csv_free(&r->p);
	free(r->name);
	free(r->text);
	free(r->arena);
	free(r->foff);
	free(r->rec_first);
	free(r->rec_line);
	free(r->rec_end);
	free(r->row_ptrs);
	free(r);
}

int cx_csv_header_is(const char *cell, const char *name)
{
	while (*cell == ' ')
		cell++;
	size_t n = strlen(cell);
	while (n && cell[n - 1] == ' ')
		n--;
	return strlen(name) == n && !strncasecmp(cell, name, n);
}
