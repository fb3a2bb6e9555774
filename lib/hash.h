/* The one hash of libcx's own keys: 64-bit FNV-1a (a response's key, a review's, a table's slots). */
#ifndef CX_HASH_H
#define CX_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Where a hash starts. */
#define CX_HASH_START 0xcbf29ce484222325ULL

/* h carried on over n bytes. */
uint64_t cx_hash(uint64_t h, const void *data, size_t n);
/* h carried on over the string s (NULL: none) and then a unit separator (0x1f), so that fields do not run together. */
uint64_t cx_hash_field(uint64_t h, const char *s);

/* h carried on over n bytes with A-Z as a-z: the same for "Ana@X.example" and "ana@x.example". */
uint64_t cx_hash_folded(uint64_t h, const char *s, size_t n);

#endif
