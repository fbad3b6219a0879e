/*
 * hash.h: FNV-1a, 64 bits, over a string's bytes: finding fingerprints,
 * the part of a model key, memo slots.  Chain calls by passing the last
 * result as h; start with FNV_BASIS.
 */
#ifndef CL_HASH_H
#define CL_HASH_H

#include <stdint.h>

#define FNV_BASIS	14695981039346656037ULL
#define FNV_PRIME	1099511628211ULL

static inline uint64_t
fnv1a(uint64_t h, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		h ^= *p;
		h *= FNV_PRIME;
	}
	return h;
}

#endif
