/*
 * Unit tests for mail: reading a message (lib/mail_parse.c), the text of it
 * (lib/mail_text.c: folding, format=flowed, HTML, subjects, the token) and
 * the threading rules of lib/mail_import.c on a fresh database.
 */
#include "unit.h"
#include "cx/mail.h"

static cx_mail parse_ok(const char *raw)
{
	cx_mail m;
	cx_err err = { 0 };
	unit_ok(cx_mail_parse(raw, strlen(raw), &m, &err), err);
	return m;
}

static void test_parse_headers(void **state)
{
	(void)state;
	cx_mail m = parse_ok("From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <Juergen@Example.DE>\r\n"
			     "Reply-To: orders@example.de\r\n"
			     "To: Shop <support@bloom.example>, b@bloom.example\r\n"
			     "Subject: =?iso-8859-1?q?M=FChle?= defekt\r\n"
			     "Date: Mon, 09 Mar 2026 08:30:00 +0100\r\n"
			     "Message-ID: <a1@example.de>\r\n"
			     "In-Reply-To: <p2@x> (a comment)\r\n"
			     "References: <p1@x>\r\n <p2@x>\r\n"
			     "\r\nHallo\r\n");
	assert_string_equal(m.from_addr, "juergen@example.de");
	assert_string_equal(m.from_name, "Jürgen Müller");
	assert_string_equal(m.reply_to, "orders@example.de");
	assert_string_equal(m.to, "support@bloom.example, b@bloom.example");
	assert_string_equal(m.subject, "Mühle defekt");
	assert_int_equal(m.date, 1773041400);
	assert_string_equal(m.msgid, "a1@example.de");
	assert_string_equal(m.in_reply_to, "p2@x");
	assert_int_equal(m.nrefs, 2);
	assert_string_equal(m.refs[0], "p1@x");
	assert_string_equal(m.refs[1], "p2@x");
	assert_string_equal(m.text, "Hallo\n");
	assert_null(m.machine);
	cx_mail_free(&m);
}

static void test_parse_body(void **state)
{
	(void)state;
	/* alternative: the plain part; a file in the HTML branch is still a file */
	cx_mail m = parse_ok("From: a@example.com\nSubject: s\nMIME-Version: 1.0\n"
			     "Content-Type: multipart/alternative; boundary=b1\n\n"
			     "--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
			     "Caf=C3=A9 au lait=\n please\n"
			     "--b1\nContent-Type: multipart/related; boundary=b2\n\n"
			     "--b2\nContent-Type: text/html\n\n<p>Caf&eacute;</p>\n"
			     "--b2\nContent-Type: image/png\nContent-Transfer-Encoding: base64\nContent-ID: <i1>\n\naGVsbG8=\n"
			     "--b2--\n--b1--\n");
	assert_string_equal(m.text, "Café au lait please");
	assert_int_equal(m.from_html, 0);
	assert_int_equal(m.nfiles, 1);
	assert_string_equal(m.files[0].type, "image/png");
	assert_int_equal(m.files[0].size, 5);
	assert_string_equal(m.files[0].sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
	cx_mail_free(&m);

	/* HTML only, and a name with a path in it */
	m = parse_ok("From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n"
		     "--x\nContent-Type: text/html; charset=windows-1252\n\n<p>50 \x80 <b>now</b></p><p>bye</p>\n"
		     "--x\nContent-Type: application/pdf; name=\"..\\\\..\\\\evil.pdf\"\n"
		     "Content-Disposition: attachment; filename=\"../../evil.pdf\"\n\n%PDF\n--x--\n");
	assert_string_equal(m.text, "50 € now\n\nbye");
	assert_int_equal(m.from_html, 1);
	assert_string_equal(m.files[0].name, "evil.pdf");
	cx_mail_free(&m);

	/* undeclared 8-bit that is not UTF-8 reads as windows-1252 */
	m = parse_ok("From: a@example.com\nContent-Type: text/plain\n\nna\xefve\n");
	assert_string_equal(m.text, "naïve\n");
	cx_mail_free(&m);
}

static void test_parse_machines_and_damage(void **state)
{
	static const struct {
		const char *headers, *why;
	} cases[] = {
		{ "From: a@example.com\nAuto-Submitted: auto-replied\n", "auto-reply (Auto-Submitted)" },
		{ "From: a@example.com\nAuto-Submitted: no\n", NULL },
		{ "From: a@example.com\nPrecedence: junk\n", "bulk mail (Precedence)" },
		{ "From: a@example.com\nList-Id: <l.example.com>\n", "list mail (List-Id)" },
		{ "From: MAILER-DAEMON@mx.example.com\n", "delivery report (MAILER-DAEMON)" },
		{ "From: a@example.com\nReturn-Path: <>\n", "delivery report (empty Return-Path)" },
		{ "From: a@example.com\nX-Autoreply: yes\n", "auto-reply (X-Autoreply)" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char raw[256];
		snprintf(raw, sizeof raw, "%sSubject: s\n\nbody\n", cases[i].headers);
		cx_mail m = parse_ok(raw);
		if (cases[i].why)
			assert_string_equal(m.machine, cases[i].why);
		else
			assert_null(m.machine);
		cx_mail_free(&m);
	}
	/* a multipart cut short is unreadable, and says so */
	static const char cut[] = "From: a@example.com\nContent-Type: multipart/mixed; boundary=z\n\n--z\n"
				  "Content-Type: text/plain\n\nhello\n--z\nContent-Type: image/png\n"
				  "Content-Transfer-Encoding: base64\n\naGVsbG8";
	cx_mail m;
	cx_err err = { 0 };
	assert_int_equal(cx_mail_parse(cut, strlen(cut), &m, &err), CX_EDATA);
	assert_string_equal(err.msg, "the message is cut short");
	assert_int_equal(m.size, strlen(cut));
	assert_int_equal(strlen(m.sha256), 64);
	assert_int_equal(cx_mail_parse("\n\njust text\n", 12, &m, &err), CX_EDATA);
}

static void fold_is(const char *text, int forward, const char *want, int want_folded)
{
	int folded;
	char *got = cx_mail_fold(text, forward, &folded);
	if (strcmp(got, want) || (want_folded >= 0 && folded != want_folded))
		fail_msg("fold: got [%s] (%d lines), want [%s] (%d)", got, folded, want, want_folded);
	free(got);
}

static void test_fold(void **state)
{
	(void)state;
	/* Gmail: the attribution, the quote, the signature */
	fold_is("Thanks!\n\nOn Tue, 3 Mar 2026, Bloom <s@b.example> wrote:\n> We ship today.\n>\n\n-- \nDana\n", 0,
		"Thanks!", 5);
	/* an attribution wrapped over two lines goes with it */
	fold_is("Yes.\n\nOn Tue, 3 Mar 2026 at 10:15, Bloom Support <\nsupport@bloom.example> wrote:\n> x\n", 0, "Yes.", 3);
	/* German Outlook's top-posting: all from the original's header */
	fold_is("Geht wieder.\n\n-----Ursprüngliche Nachricht-----\nVon: Bloom\nGesendet: Montag\nBetreff: x\n\nalt\n", 0,
		"Geht wieder.", -1);
	/* Outlook without the marker: the From/Sent block under a rule */
	fold_is("OK\n\n________________________________\nFrom: Bloom <s@b.example>\nSent: Monday\nTo: me\nSubject: x\n\nold\n",
		0, "OK", -1);
	/* interleaved answers stay, the quoted lines between them go */
	fold_is("> When?\nTuesday.\n> Where?\nAt home.\n", 0, "Tuesday.\nAt home.", 2);
	/* a forward keeps the mail it forwards */
	fold_is("See below.\n\n---------- Forwarded message ---------\nFrom: Courier\nSent: Monday\n\nDamaged.\n", 1,
		"See below.\n\n---------- Forwarded message ---------\nFrom: Courier\nSent: Monday\n\nDamaged.", 0);
	/* a phone's signature */
	fold_is("Where is it?\n\nVon meinem iPhone gesendet\n", 0, "Where is it?", 1);
	/* all quote: given back whole */
	fold_is("> only a quote\n", 0, "> only a quote\n", 0);
}

static void test_unflow(void **state)
{
	(void)state;
	char *t = cx_mail_unflow("one \ntwo \nthree\n\n> quoted \n> more\n-- \nsig\n", 0);
	assert_string_equal(t, "one two three\n\n> quoted more\n-- \nsig\n");
	free(t);
	t = cx_mail_unflow("del \nsp\n  stuffed\n", 1);
	assert_string_equal(t, "delsp\n stuffed\n");
	free(t);
}

static void test_html(void **state)
{
	(void)state;
	static const char html[] = "<html><head><title>t</title><style>x{}</style></head><body>"
				   "<h1>Hello</h1><p>one<br>two&nbsp;words</p><ul><li>a</li><li>b</li></ul>"
				   "<p><a href=\"https://x.example/p\">link</a> and <a href=\"https://y.example\">https://y.example</a></p>"
				   "<div class=\"gmail_quote\">On Mon wrote:<blockquote>old<br>older</blockquote></div>"
				   "<script>evil()</script></body></html>";
	char *t = cx_mail_html_text(html, strlen(html));
	assert_string_equal(t, "Hello\n\none\ntwo words\n\n- a\n- b\n\nlink <https://x.example/p> and https://y.example\n\n"
			       "On Mon wrote:\n\n> old\n> older");
	int folded;
	char *f = cx_mail_fold(t, 0, &folded);
	assert_string_equal(f, "Hello\n\none\ntwo words\n\n- a\n- b\n\nlink <https://x.example/p> and https://y.example");
	free(f);
	free(t);
}

static void test_subject_and_token(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Re: Re: Broken lid", "Broken lid" },
		{ "AW: WG: Bestellung", "Bestellung" },
		{ "RE : Commande", "Commande" },
		{ "Re[2]: Fwd: SV: Antw: x", "x" },
		{ "Re: Broken lid [cx #12]", "Broken lid" },
		{ "[CX #3] Re: y", "y" },
		{ "\xe5\x9b\x9e\xe5\xa4\x8d\xef\xbc\x9a z", "z" },
		{ "Repair  needed\tsoon", "Repair needed soon" },
		{ "Regarding: x", "Regarding: x" },
		{ "", "" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[64];
		cx_mail_subject_clean(cases[i].in, out, sizeof out);
		if (strcmp(out, cases[i].out))
			fail_msg("clean(%s): got [%s], want [%s]", cases[i].in, out, cases[i].out);
	}
	char small[6];
	cx_mail_subject_clean("abcd\xc3\xa9x", small, sizeof small); /* é would be cut in half */
	assert_string_equal(small, "abcd");
	assert_int_equal(cx_mail_token("Re: x [cx #12]"), 12);
	assert_int_equal(cx_mail_token("[Cx #7] y"), 7);
	assert_int_equal(cx_mail_token("[cx # 7] y"), 0);
	assert_int_equal(cx_mail_token("[cx #] y"), 0);
	assert_int_equal(cx_mail_token("[cx #12 y"), 0);
	assert_int_equal(cx_mail_token("cx #12"), 0);
	int64_t n;
	cx_err err;
	unit_ok(cx_mail_size_parse("25M", &n, &err), err);
	assert_int_equal(n, 25 * 1024 * 1024);
	unit_ok(cx_mail_size_parse("500kb", &n, &err), err);
	assert_int_equal(n, 500 * 1024);
	assert_int_equal(cx_mail_size_parse("-1", &n, &err), CX_EDATA);
	assert_int_equal(cx_mail_size_parse("9999999999G", &n, &err), CX_EDATA);
}

/* ---- threading, on a database ---- */

static cx_mail_result file(cx_db *db, const char *raw)
{
	cx_mail_config c;
	cx_mail_result r;
	cx_err err = { 0 };
	cx_mail_msg m = { .raw = raw, .len = strlen(raw), .file = "-", .position = "" };
	unit_ok(cx_mail_config_load(db, &c, &err), err);
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_mail_import(db, &c, &m, &r, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	cx_mail_config_free(&c);
	return r;
}

static void test_threading(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	unit_ok(cx_config_set(db, "mail.address", "support@bloom.example", &err), err);

	cx_mail_result a = file(db, "From: Dana <dana@example.com>\nSubject: Lid\nMessage-ID: <a@x>\n\nbroken\n");
	assert_int_equal(a.action, CX_MAIL_NEW_CASE);
	/* the shop's answer, from its own address: a public note on that case */
	cx_mail_result ours = file(db, "From: support@bloom.example\nTo: dana@example.com\nSubject: Re: Lid\n"
				       "Message-ID: <o@bloom.example>\nIn-Reply-To: <a@x>\n\nsorry\n");
	assert_int_equal(ours.action, CX_MAIL_OURS);
	assert_int_equal(ours.case_id, a.case_id);
	/* her answer to it: by In-Reply-To */
	cx_mail_result b = file(db, "From: dana@example.com\nSubject: Re: Lid\nMessage-ID: <b@x>\nIn-Reply-To: <o@bloom.example>\n\nthanks\n");
	assert_int_equal(b.action, CX_MAIL_THREAD);
	assert_int_equal(b.case_id, a.case_id);
	/* a token from someone else opens a case of their own */
	char raw[256];
	snprintf(raw, sizeof raw, "From: eve@example.org\nSubject: Re: Lid [cx #%lld]\nMessage-ID: <e@x>\n\nrefund me\n",
		 (long long)a.case_id);
	cx_mail_result e = file(db, raw);
	assert_int_equal(e.action, CX_MAIL_NEW_CASE);
	assert_true(e.case_id != a.case_id);
	/* the same token from her joins */
	snprintf(raw, sizeof raw, "From: DANA@example.com\nSubject: more [cx #%lld]\nMessage-ID: <c@x>\n\nalso\n",
		 (long long)a.case_id);
	cx_mail_result c = file(db, raw);
	assert_int_equal(c.action, CX_MAIL_TOKEN);
	assert_int_equal(c.case_id, a.case_id);
	/* our own mail that answers nothing cx holds: recorded, no case */
	cx_mail_result lost = file(db, "From: support@bloom.example\nTo: x@example.com\nSubject: Hi\nMessage-ID: <n@bloom.example>\n\nhi\n");
	assert_int_equal(lost.action, CX_MAIL_SKIPPED);
	assert_int_equal(lost.case_id, 0);
	/* an auto-reply to the case: recorded with the case, no note */
	cx_mail_result ooo = file(db, "From: dana@example.com\nAuto-Submitted: auto-replied\nSubject: Away\n"
				      "Message-ID: <ooo@x>\nReferences: <o@bloom.example>\n\naway\n");
	assert_int_equal(ooo.action, CX_MAIL_SKIPPED);
	assert_int_equal(ooo.case_id, a.case_id);
	assert_int_equal(ooo.note_id, 0);
	/* the same again: present, by Message-ID even when the bytes differ */
	cx_mail_result again = file(db, "Received: by mx\nFrom: Dana <dana@example.com>\nSubject: Lid\nMessage-ID: <a@x>\n\nbroken\n");
	assert_int_equal(again.action, CX_MAIL_PRESENT);
	assert_int_equal(again.message, a.message);
	/* one customer for Dana, however she spelt her address */
	int64_t id;
	unit_ok(cx_customer_find(db, "dana@example.com", &id, &err), err);
	assert_int_equal(id, a.customer_id);
	assert_int_equal(c.customer_id, a.customer_id);
}

static void test_import_needs_a_transaction(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_mail_config c;
	cx_mail_result r;
	cx_err err = { 0 };
	cx_mail_msg m = { .raw = "From: a@example.com\n\nx\n", .len = 23, .file = "-", .position = "" };
	unit_ok(cx_mail_config_load(db, &c, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	assert_int_equal(cx_mail_import(db, &c, &m, &r, &err), CX_EINTERNAL);
	cx_mail_config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_headers),
		cmocka_unit_test(test_parse_body),
		cmocka_unit_test(test_parse_machines_and_damage),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_unflow),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_subject_and_token),
		cmocka_unit_test_setup_teardown(test_threading, unit_db_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_import_needs_a_transaction, unit_db_setup, unit_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
