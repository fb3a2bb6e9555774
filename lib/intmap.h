/* A hash from 64-bit keys to 64-bit values, for counting inside libcx (themes, drivers). */
#ifndef CX_INTMAP_H
#define CX_INTMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct cx_intmap {
	uint64_t *key; /* UINT64_MAX: an empty slot, so no key may be UINT64_MAX */
	int64_t *val;
	size_t n, cap;
} cx_intmap;

/* The value of key, added as 0 when new (*added says so); NULL when out of memory. */
int64_t *cx_intmap_at(cx_intmap *m, uint64_t key, int *added);
/* The value of key, or NULL when it is not there. */
int64_t *cx_intmap_find(const cx_intmap *m, uint64_t key);
void cx_intmap_free(cx_intmap *m);

#endif
