/* Fuzz target: any text as a search query, through FTS5, on a database with some words in it. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	cx_db *db = fuzz_db();
	cx_err e;
	if (!ready) {
		cx_customer_in c = { .name = "Zoë Café", .email = "zoe@example.com" };
		int64_t id, cid;
		cx_customer_add(db, &c, &id, &e);
		cx_case_in k = { .customer_id = id, .title = "Espresso machine arrived cracked",
				 .note = "価格は少し高いですが、品質は最高です。Très bon café!" };
		cx_case_open(db, &k, &cid, &e);
		ready = 1;
	}
	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	cx_out_opts oo = { .fmt = CX_FMT_TSV };
	cx_out *out = cx_out_new(fuzz_null(), &oo);
	cx_search_opts so = { .query = q, .limit = 5 };
	cx_search(db, &so, out, &e);
	cx_out_free(out, &e);
	free(q);
	return 0;
}
