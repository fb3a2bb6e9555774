/* Fuzz target: any bytes as a JSON Lines (and a CSV) feedback import, read by SQLite's JSON functions. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cx_db *db = fuzz_db();
	char path[64];
	cx_err e;
	int fd = fuzz_file(data, size, path);
	if (fd < 0)
		return 0;
	cx_feedback_import_opts jsonl = { .format = "jsonl", .source = "google",
					  .map = { [CX_FF_AUTHOR] = "user.name", [CX_FF_TEXT] = "review.text" } };
	cx_feedback_import_opts csv = { .format = "csv", .source = "yelp" };
	cx_feedback_import_result r;
	for (int pass = 0; pass < 2; pass++) {
		if (cx_db_begin(db, &e) == CX_OK) {
			cx_feedback_import(db, path, pass ? &csv : &jsonl, &r, &e);
			cx_db_rollback(db);
		}
	}
	close(fd);
	return 0;
}
