/* A hash from 64-bit keys to 64-bit values: open addressing, Fibonacci hashing, doubled at half full. */
#include <stdlib.h>
#include <string.h>

#include "intmap.h"

static size_t slot_of(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & (cap - 1);
}

int64_t *cx_intmap_find(const cx_intmap *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	for (size_t j = slot_of(key, m->cap);; j = (j + 1) & (m->cap - 1)) {
		if (m->key[j] == key)
			return &m->val[j];
		if (m->key[j] == UINT64_MAX)
			return NULL;
	}
}

int64_t *cx_intmap_at(cx_intmap *m, uint64_t key, int *added)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 4096;
		uint64_t *k = malloc(cap * sizeof *k);
		int64_t *v = malloc(cap * sizeof *v);
		if (!k || !v) {
			free(k);
			free(v);
			return NULL;
		}
		memset(k, 0xff, cap * sizeof *k);
		for (size_t i = 0; i < m->cap; i++) {
			if (m->key[i] == UINT64_MAX)
				continue;
			size_t j = slot_of(m->key[i], cap);
			while (k[j] != UINT64_MAX)
				j = (j + 1) & (cap - 1);
			k[j] = m->key[i];
			v[j] = m->val[i];
		}
		free(m->key);
		free(m->val);
		m->key = k;
		m->val = v;
		m->cap = cap;
	}
	size_t j = slot_of(key, m->cap);
	while (m->key[j] != UINT64_MAX && m->key[j] != key)
		j = (j + 1) & (m->cap - 1);
	*added = m->key[j] == UINT64_MAX;
	if (*added) {
		m->key[j] = key;
		m->val[j] = 0;
		m->n++;
	}
	return &m->val[j];
}

void cx_intmap_free(cx_intmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}
