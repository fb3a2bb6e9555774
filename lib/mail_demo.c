/*
 * The demo's mailbox: a month of Bean & Burr's support mail, filed through
 * cx mail import as a real mailbox would be (threads, our answers from the
 * Sent folder, a photo, an auto-reply, a bounce, a newsletter), and a few
 * messages of this morning left for the tour to import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cx/mail.h"
#include "cx/setting.h"
#include "mail_impl.h"
#include "store/sql.h"

#define SHOP "help@beanandburr.example"

typedef struct story {
	const char *subject;
	const char *asks;   /* the customer */
	const char *answer; /* us */
	const char *again;  /* the customer once more, or NULL */
	int photo;
} story;

static const story stories[] = {
	{ "Milk frother stopped foaming",
	  "Hi,\n\nthe steam wand on my machine hisses but the milk does not foam any more.\nI descaled it last week.\n",
	  "Thanks for writing. The steam tip is probably blocked: unscrew it and soak it in warm water overnight.\n",
	  "That did it, it foams again. Thank you!\n", 0 },
	{ "Wrong grind size in my subscription",
	  "Hello,\n\nmy last two bags were ground for filter, but I asked for espresso.\n",
	  "Sorry about that. We have changed your subscription to espresso and are sending a fresh bag today.\n",
	  NULL, 0 },
	{ "Cracked carafe on arrival",
	  "Good morning,\n\nthe glass carafe arrived cracked, see the photo.\n",
	  "We are sorry. A new carafe is on its way; no need to send the broken one back.\n",
	  "The new one arrived in one piece. Thanks for the quick help.\n", 1 },
	{ "Invoice for my company",
	  "Hi,\n\ncould you send the invoice for order 7731 with our company name on it?\n",
	  "Of course: the invoice is attached to this mail, made out to your company.\n", NULL, 0 },
	{ "Grinder burrs wearing out",
	  "Hello,\n\nafter a year the grinder is much slower. Do you sell new burrs?\n",
	  "Yes: the burr set is item 2231. We can also service the grinder in the shop.\n",
	  "I will bring it to the shop on Saturday.\n", 0 },
	{ "Beans arrived stale",
	  "Hi,\n\nthe beans I got today were roasted two months ago.\n",
	  "You are right, that batch should not have left us. A fresh bag is on its way.\n", NULL, 0 },
};

static const char *const morning[] = {
	"Hello,\n\nmy espresso machine shows a red light and will not heat up. What can I do?\n",
	"Hi,\n\ndo you deliver on Sundays? I need beans for a party.\n",
};

typedef struct who {
	int64_t id;
	char name[256], email[256];
} who;

/* splitmix64, as the rest of the demo: the same mail for the same seed. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* One message as a mail client writes it; the caller frees. */
static char *message(const who *from, int ours, const char *subject, int64_t at, const char *id, const char *in_reply_to,
		     const char *refs, const char *body, const char *extra, int photo)
{
	GString *m = g_string_new(NULL);
	/* the module is loaded by now: cx_mail_demo set mail.address, which it checks */
	cx_err e;
	char *fa = ours ? cx_mail_mailbox("Bean & Burr", SHOP, &e) : cx_mail_mailbox(from->name, from->email, &e);
	char *fb = ours ? cx_mail_mailbox(from->name, from->email, &e) : cx_mail_mailbox("Bean & Burr", SHOP, &e);
	GDateTime *d = g_date_time_new_from_unix_utc(at);
	char *date = g_date_time_format(d, "%a, %d %b %Y %H:%M:%S +0000");
	g_string_append_printf(m, "From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n", fa ? fa : "", fb ? fb : "",
			       subject, date, id);
	if (in_reply_to)
		g_string_append_printf(m, "In-Reply-To: <%s>\nReferences: %s\n", in_reply_to, refs);
	if (extra)
		g_string_append(m, extra);
	g_string_append(m, "MIME-Version: 1.0\n");
	if (photo) {
		/* a small picture: bytes that only survive a binary-safe path */
		guchar jpeg[600];
		for (size_t i = 0; i < sizeof jpeg; i++)
			jpeg[i] = (guchar)(i * 7 + 3);
		char *b64 = g_base64_encode(jpeg, sizeof jpeg);
		g_string_append_printf(m, "Content-Type: multipart/mixed; boundary=\"demo-part\"\n\n--demo-part\n"
					  "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n%s\n"
					  "--demo-part\nContent-Type: image/jpeg\n"
					  "Content-Disposition: attachment; filename=\"carafe.jpg\"\n"
					  "Content-Transfer-Encoding: base64\n\n%s\n--demo-part--\n",
				       body, b64 ? b64 : "");
		g_free(b64);
	} else {
		g_string_append_printf(m, "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n%s", body);
	}
	g_free(date);
	g_date_time_unref(d);
	free(fa);
	free(fb);
	return g_string_free(m, FALSE);
}

/* The customer's text quoted below our answer, as mail clients quote. */
static char *quoted(const char *answer, const who *w, int64_t at, const char *asked)
{
	GString *s = g_string_new(answer);
	GDateTime *d = g_date_time_new_from_unix_utc(at);
	char *when = g_date_time_format(d, "%a, %d %b %Y at %H:%M");
	g_string_append_printf(s, "\nBean & Burr\n\nOn %s, %s wrote:\n", when, w->name);
	for (const char *p = asked; *p;) {
		size_t n = strcspn(p, "\n");
		g_string_append_printf(s, ">%s%.*s\n", n ? " " : "", (int)n, p);
		p += n + (p[n] == '\n');
	}
	g_free(when);
	g_date_time_unref(d);
	return g_string_free(s, FALSE);
}

static int file(cx_db *db, const cx_mail_config *c, const char *raw, int64_t *filed, int64_t *cases, cx_err *err)
{
	cx_mail_msg m = { .raw = raw, .len = strlen(raw), .file = "demo mailbox", .position = "" };
	cx_mail_result r;
	int rc = cx_mail_import(db, c, &m, &r, err);
	*filed += rc == CX_OK;
	*cases += rc == CX_OK && r.action == CX_MAIL_NEW_CASE;
	return rc;
}

int cx_mail_demo(cx_db *db, uint64_t seed, int64_t end, int64_t *filed, int64_t *cases, char **inbox, cx_err *err)
{
	enum { DAY = 86400, HOUR = 3600 };
	who w[16];
	int n = 0, rc;
	uint64_t s = seed * 7919 + 17;
	cx_stmt *st;
	cx_mail_config c;
	GString *box = g_string_new(NULL);

	*filed = *cases = 0;
	*inbox = NULL;
	/* a few customers who write, spread over the list */
	if ((rc = cx_sql_prepare(db, "SELECT id, name, email FROM customers WHERE email IS NOT NULL ORDER BY id", &st, err)))
		return rc;
	for (int row = 0; (rc = cx_sql_step(st, err)) == CX_SQL_ROW && n < 16; row++) {
		if (next(&s) % 8)
			continue;
		w[n].id = cx_sql_int(st, 0);
		snprintf(w[n].name, sizeof w[n].name, "%s", cx_sql_text(st, 1));
		snprintf(w[n].email, sizeof w[n].email, "%s", cx_sql_text(st, 2));
		n++;
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	if (n < 12)
		return cx_fail(err, CX_EINTERNAL, "the demo has too few customers for its mailbox");
	if ((rc = cx_setting_store(db, "mail.address", "Bean & Burr <" SHOP ">", err)) || (rc = cx_mail_config_load(db, &c, err)))
		return rc;
	char id[3][64], refs[256];
	for (size_t k = 0; k < sizeof stories / sizeof stories[0] && rc == CX_OK; k++) {
		const story *y = &stories[k];
		const who *x = &w[k];
		int64_t t = end - (int64_t)(28 - 4 * k) * DAY - (int64_t)(next(&s) % (8 * HOUR));
		char subject[200];
		snprintf(id[0], sizeof id[0], "demo-%zu-1@mail.example", k);
		snprintf(id[1], sizeof id[1], "demo-%zu-2@beanandburr.example", k);
		snprintf(id[2], sizeof id[2], "demo-%zu-3@mail.example", k);
		char *m = message(x, 0, y->subject, t, id[0], NULL, NULL, y->asks, NULL, y->photo);
		rc = file(db, &c, m, filed, cases, err);
		g_free(m);
		/* our answer, as the Sent folder has it */
		snprintf(subject, sizeof subject, "Re: %s", y->subject);
		snprintf(refs, sizeof refs, "<%s>", id[0]);
		char *body = quoted(y->answer, x, t, y->asks);
		m = message(x, 1, subject, t + 3 * HOUR, id[1], id[0], refs, body, NULL, 0);
		g_free(body);
		if (rc == CX_OK)
			rc = file(db, &c, m, filed, cases, err);
		g_free(m);
		if (y->again && rc == CX_OK) {
			snprintf(refs, sizeof refs, "<%s> <%s>", id[0], id[1]);
			body = quoted(y->again, x, t + 3 * HOUR, y->answer);
			m = message(x, 0, subject, t + DAY, id[2], id[1], refs, body, NULL, 0);
			g_free(body);
			rc = file(db, &c, m, filed, cases, err);
			g_free(m);
		}
		/* the second customer is away, and says so to our answer */
		if (k == 1 && rc == CX_OK) {
			snprintf(subject, sizeof subject, "Out of office: Re: %s", y->subject);
			m = message(x, 0, subject, t + 3 * HOUR + 60, "demo-ooo@mail.example", id[1], refs,
				    "I am away until Monday and will read your mail then.\n", "Auto-Submitted: auto-replied\n", 0);
			rc = file(db, &c, m, filed, cases, err);
			g_free(m);
		}
	}
	/* a customer writes again on an open case of theirs, with its token */
	if (rc == CX_OK) {
		who t = { 0 };
		int64_t k = 0;
		rc = cx_sql_prepare(db,
				    "SELECT k.id, c.id, c.name, c.email FROM cases k JOIN customers c ON c.id = k.customer_id"
				    " WHERE c.email IS NOT NULL AND k.status IN ('open', 'pending') ORDER BY k.id LIMIT 1",
				    &st, err);
		if (rc == CX_OK && (rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			k = cx_sql_int(st, 0);
			t.id = cx_sql_int(st, 1);
			snprintf(t.name, sizeof t.name, "%s", cx_sql_text(st, 2));
			snprintf(t.email, sizeof t.email, "%s", cx_sql_text(st, 3));
		}
		if (rc == CX_OK || rc == CX_SQL_ROW || rc == CX_SQL_DONE) {
			cx_sql_finalize(st);
			rc = CX_OK;
		}
		if (k) {
			char subject[64];
			snprintf(subject, sizeof subject, "Any news? [cx #%lld]", (long long)k);
			char *m = message(&t, 0, subject, end - 3 * DAY, "demo-token@mail.example", NULL, NULL,
					  "Is there any news on this? Thanks.\n", NULL, 0);
			rc = file(db, &c, m, filed, cases, err);
			g_free(m);
		}
	}
	/* machines: a bounce of our mail to a mistyped address, a newsletter */
	if (rc == CX_OK) {
		who daemon = { 0, "Mail Delivery System", "MAILER-DAEMON@mx.beanandburr.example" };
		char *m = message(&daemon, 0, "Undelivered Mail Returned to Sender", end - 10 * DAY, "demo-bounce@mx.beanandburr.example",
				  NULL, NULL, "Your message to dana@exmaple.com could not be delivered: no such domain.\n",
				  "Auto-Submitted: auto-replied\n", 0);
		rc = file(db, &c, m, filed, cases, err);
		g_free(m);
	}
	if (rc == CX_OK) {
		who list = { 0, "Coffee Roasters Guild", "news@guild.example" };
		char *m = message(&list, 0, "The guild's monthly letter", end - 5 * DAY, "demo-news@guild.example", NULL, NULL,
				  "This month: cupping events and a new roast profile.\n", "List-Id: <news.guild.example>\n", 0);
		rc = file(db, &c, m, filed, cases, err);
		g_free(m);
	}
	/* this morning's mail, for the tour to import: an mbox */
	for (size_t k = 0; k < 3 && rc == CX_OK; k++) {
		char mid[64], *m;
		int64_t t = end - (int64_t)(3 - k) * HOUR;
		if (k < 2) {
			snprintf(mid, sizeof mid, "demo-morning-%zu@mail.example", k);
			m = message(&w[8 + k], 0, k ? "Sunday delivery?" : "Machine will not heat up", t, mid, NULL, NULL, morning[k],
				    NULL, 0);
		} else {
			snprintf(refs, sizeof refs, "<demo-1-1@mail.example> <demo-1-2@beanandburr.example>");
			m = message(&w[1], 0, "Re: Wrong grind size in my subscription", t, "demo-morning-2@mail.example",
				    "demo-1-2@beanandburr.example", refs, "The new bag is perfect, thanks!\n", NULL, 0);
		}
		GDateTime *d = g_date_time_new_from_unix_utc(t);
		char *when = g_date_time_format(d, "%a %b %e %H:%M:%S %Y");
		g_string_append_printf(box, "From %s %s\n", k == 2 ? w[1].email : w[8 + k].email, when);
		/* mbox: a body line starting "From " is written ">From " */
		for (const char *p = m; *p;) {
			size_t len = strcspn(p, "\n");
			if (!strncmp(p, "From ", 5))
				g_string_append_c(box, '>');
			g_string_append_len(box, p, (gssize)len);
			g_string_append_c(box, '\n');
			p += len + (p[len] == '\n');
		}
		g_string_append_c(box, '\n');
		g_free(when);
		g_date_time_unref(d);
		g_free(m);
	}
	cx_mail_config_free(&c);
	if (rc) {
		g_string_free(box, TRUE);
		return rc;
	}
	*inbox = strdup(box->str);
	g_string_free(box, TRUE);
	return *inbox ? CX_OK : cx_fail(err, CX_EINTERNAL, "out of memory");
}
