/* Fuzz target: any bytes as a mailbox filed by cx mail import, and as one message read and its text folded. */
#include "fuzz.h"
#include "cx/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cx_db *db = fuzz_db();
	char path[64];
	cx_err e;
	cx_mail m;

	/* one message, read; its text folded, unflowed, and read as HTML */
	if (cx_mail_parse((const char *)data, size, &m, &e) == CX_OK) {
		int folded;
		char out[600];
		free(cx_mail_fold(m.text, m.forward, &folded));
		free(cx_mail_unflow(m.text, 1));
		cx_mail_subject_clean(m.subject, out, sizeof out);
		cx_mail_token(m.subject);
		cx_mail_free(&m);
	}
	char *text = malloc(size + 1);
	if (text) {
		memcpy(text, data, size);
		text[size] = '\0';
		free(cx_mail_html_text(text, size));
		free(cx_mail_unflow(text, 0));
		free(text);
	}
	/* a mailbox: mbox or a single message, filed into cases and rolled back */
	int fd = fuzz_file(data, size, path);
	if (fd < 0)
		return 0;
	cx_mail_source *s;
	cx_mail_config c;
	if (cx_mail_config_load(db, &c, &e) == CX_OK) {
		if (cx_mail_source_open(path, &s, &e) == CX_OK) {
			if (cx_db_begin(db, &e) == CX_OK) {
				cx_mail_msg msg;
				cx_mail_result r;
				while (cx_mail_source_next(s, &msg, &e) > 0 && cx_mail_import(db, &c, &msg, &r, &e) == CX_OK)
					;
				cx_db_rollback(db);
			}
			cx_mail_source_close(s);
		}
		cx_mail_config_free(&c);
	}
	close(fd);
	return 0;
}
