/* Fuzz target: any bytes as a survey export, through the real import path, into a throw-away database. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cx_db *db = fuzz_db();
	char path[64];
	cx_err e;
	int fd = fuzz_file(data, size, path);
	if (fd < 0)
		return 0;
	/* once as whatever the header says, once as a generic file with its columns named */
	cx_survey_import_opts auto_opts = { .name = "fuzz", .create_customers = 1, .follow_up = 1 };
	cx_survey_import_opts generic = { .name = "fuzz", .tool = "generic", .col = { [CX_ROLE_NPS] = "1", [CX_ROLE_COMMENT] = "2",
										     [CX_ROLE_EMAIL] = "3", [CX_ROLE_AT] = "4" } };
	cx_survey_import_result r;
	for (int pass = 0; pass < 2; pass++) {
		if (cx_db_begin(db, &e) == CX_OK) {
			cx_survey_import(db, path, pass ? &generic : &auto_opts, &r, &e);
			cx_db_rollback(db);
		}
	}
	close(fd);
	return 0;
}
