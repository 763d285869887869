/*
 * hash.c - open addressing with linear probing, FNV-1a; see hash.h.
 */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

void kh__hash_init(kh_hash *h)
{
    h->slots = NULL;
    h->cap = h->count = 0;
    kh__arena_init(&h->keys);
}

void kh__hash_free(kh_hash *h)
{
    free(h->slots);
    h->slots = NULL;
    h->cap = h->count = 0;
    kh__arena_free(&h->keys);
}

uint32_t kh__hash_bytes(const char *s, size_t n)
{
    uint32_t x = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        x ^= (unsigned char)s[i];
        x *= 16777619u;
    }
    return x ? x : 1;
}

const kh_hash_slot *kh__hash_get(const kh_hash *h, const char *key, size_t n)
{
    return kh__hash_get_hashed(h, key, n, kh__hash_bytes(key, n));
}

const kh_hash_slot *kh__hash_get_hashed(const kh_hash *h, const char *key, size_t n, uint32_t x)
{
    if (!h->cap)
        return NULL;
    size_t mask = h->cap - 1;
    for (size_t i = x & mask;; i = (i + 1) & mask) {
        const kh_hash_slot *s = &h->slots[i];
        if (!s->key)
            return NULL;
        if (s->hash == x && s->len == n && memcmp(s->key, key, n) == 0)
            return s;
    }
}

static void rehash(kh_hash *h)
{
    size_t cap = h->cap ? h->cap * 2 : 64;
    kh_hash_slot *slots = kh__xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < h->cap; i++) {
        kh_hash_slot *s = &h->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(h->slots);
    h->slots = slots;
    h->cap = cap;
}

kh_hash_slot *kh__hash_put(kh_hash *h, const char *key, size_t n, uint32_t value, int *inserted)
{
    if ((h->count + 1) * 4 >= h->cap * 3)
        rehash(h);
    uint32_t x = kh__hash_bytes(key, n);
    size_t mask = h->cap - 1;
    for (size_t i = x & mask;; i = (i + 1) & mask) {
        kh_hash_slot *s = &h->slots[i];
        if (!s->key) {
            s->key = kh__arena_strndup(&h->keys, key, n);
            s->len = (uint32_t)n;
            s->hash = x;
            s->value = value;
            h->count++;
            if (inserted)
                *inserted = 1;
            return s;
        }
        if (s->hash == x && s->len == n && memcmp(s->key, key, n) == 0) {
            if (inserted)
                *inserted = 0;
            return s;
        }
    }
}
