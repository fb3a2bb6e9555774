/* 64-bit FNV-1a (hash.h). */
#include <ctype.h>

#include "hash.h"

#define PRIME 0x100000001b3ULL

uint64_t cx_hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * PRIME;
	return h;
}

uint64_t cx_hash_field(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * PRIME;
	return (h ^ 0x1f) * PRIME;
}

uint64_t cx_hash_folded(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * PRIME;
	return h;
}
