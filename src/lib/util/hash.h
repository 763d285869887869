/*
 * hash.h - an open-addressing map from byte strings to 32-bit values (interned words,
 * synset names, codes). Keys are copied into the map's own arena.
 */
#ifndef KH_HASH_H
#define KH_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct kh_hash_slot {
    const char *key;
    uint32_t len, hash, value;
} kh_hash_slot;

typedef struct kh_hash {
    kh_hash_slot *slots;
    size_t cap, count;
    kh_arena keys;
} kh_hash;

void kh__hash_init(kh_hash *h);
void kh__hash_free(kh_hash *h);
uint32_t kh__hash_bytes(const char *s, size_t n);
/* The slot for key, or NULL. */
const kh_hash_slot *kh__hash_get(const kh_hash *h, const char *key, size_t n);
/* The same, with the key's hash already known (kh__hash_bytes, or FNV-1a computed along a
 * word's prefixes: kh__hash_step, then kh__hash_final). */
const kh_hash_slot *kh__hash_get_hashed(const kh_hash *h, const char *key, size_t n, uint32_t hash);
static inline uint32_t kh__hash_step(uint32_t x, unsigned char c)
{
    return (x ^ c) * 16777619u;
}
static inline uint32_t kh__hash_final(uint32_t x)
{
    return x ? x : 1;
}
#define KH_HASH_SEED 2166136261u
/* Finds or inserts key; on insert its value is `value` and *inserted is set. */
kh_hash_slot *kh__hash_put(kh_hash *h, const char *key, size_t n, uint32_t value, int *inserted);

#endif
