/* Fuzz target: any text as a date, a length of time or an export's timestamp. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int64_t t;
	cx_err e;
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	cx_date_parse(s, 1790000000, &t, &e);
	cx_duration_parse(s, &t, &e);
	for (int order = 0; order < 3; order++) {
		cx_date_parse_export(s, (cx_date_order)order, NULL, &t, &e);
		cx_date_parse_export(s, (cx_date_order)order, "UTC", &t, &e);
	}
	free(s);
	return 0;
}
