/*
 * arena.c - bump allocator in growing blocks; see arena.h.
 */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kh__block {
    kh__block *next;
    size_t cap, used;
    /* data follows, 16-aligned */
    max_align_t data[];
};

void kh__oom(void)
{
    fputs("khaldun: out of memory\n", stderr);
    exit(3);
}

void *kh__xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        kh__oom();
    return p;
}

void *kh__xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        kh__oom();
    return q;
}

char *kh__xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = kh__xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void *kh__xcalloc(size_t n, size_t m)
{
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p)
        kh__oom();
    return p;
}

void kh__arena_init(kh_arena *a)
{
    a->head = NULL;
    a->used_total = 0;
    a->spare = NULL;
    a->cur = a->lim = NULL;
}

/* The head block's used bytes from the inline path's cursor. */
static void sync_head(kh_arena *a)
{
    if (a->head)
        a->head->used = (size_t)(a->cur - (char *)a->head->data);
}

static void free_blocks(kh__block *b)
{
    while (b) {
        kh__block *n = b->next;
        free(b);
        b = n;
    }
}

void kh__arena_free(kh_arena *a)
{
    free_blocks(a->head);
    free_blocks(a->spare);
    a->head = a->spare = NULL;
    a->used_total = 0;
    a->cur = a->lim = NULL;
}

void kh__arena_reset(kh_arena *a, size_t keep)
{
    /* one list of the blocks: the spare ones, then those in use from the oldest (the
     * smallest: blocks grow with the arena); kept in that order while they fit in keep */
    kh__block *all = NULL;
    a->cur = a->lim = NULL;
    for (kh__block *b = a->head, *n; b; b = n) {
        n = b->next;
        b->next = all;
        all = b;
    }
    for (kh__block *b = a->spare, *n; b; b = n) {
        n = b->next;
        b->next = all;
        all = b;
    }
    a->head = a->spare = NULL;
    a->used_total = 0;
    size_t kept = 0;
    kh__block **tail = &a->spare;
    for (kh__block *b = all, *n; b; b = n) {
        n = b->next;
        if (kept + b->cap <= keep) {
            kept += b->cap;
            b->used = 0;
            b->next = NULL;
            *tail = b;
            tail = &b->next;
        } else {
            free(b);
        }
    }
}

void *kh__arena_alloc_slow(kh_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    sync_head(a);
    kh__block *b = a->head;
    if (!b || b->cap - b->used < size) {
        /* Blocks double with the arena's size so a big story needs few of them. */
        size_t cap = 16384;
        if (a->used_total > cap)
            cap = a->used_total;
        if (cap > ((size_t)1 << 24))
            cap = (size_t)1 << 24;
        if (cap < size)
            cap = size;
        /* a block kept by kh__arena_reset that holds the request, else a new one */
        kh__block **pp = &a->spare;
        while (*pp && (*pp)->cap < size)
            pp = &(*pp)->next;
        if (*pp) {
            b = *pp;
            *pp = b->next;
        } else {
            b = kh__xmalloc(sizeof(kh__block) + cap);
            b->cap = cap;
        }
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->used_total += size;
    a->cur = (char *)b->data + b->used;
    a->lim = (char *)b->data + b->cap;
    return p;
}

void *kh__arena_zalloc(kh_arena *a, size_t size)
{
    void *p = kh__arena_alloc(a, size);
    memset(p, 0, size);
    return p;
}

char *kh__arena_strndup(kh_arena *a, const char *s, size_t n)
{
    char *p = kh__arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *kh__arena_strdup(kh_arena *a, const char *s)
{
    return s ? kh__arena_strndup(a, s, strlen(s)) : NULL;
}

/* Grows an array of the arena from oldsize to newsize bytes. A big array that has a block
 * to itself is grown in place with realloc, so a 100 MB story does not keep every smaller
 * copy of its token array until it is freed (#8: memory linear in the input). */
void *kh__arena_grow(kh_arena *a, void *old, size_t oldsize, size_t newsize)
{
    size_t olda = (oldsize + 15) & ~(size_t)15;
    if (old && oldsize >= ((size_t)1 << 20)) {
        sync_head(a);
        for (kh__block **pp = &a->head; *pp; pp = &(*pp)->next) {
            kh__block *b = *pp;
            if ((void *)b->data != old || b->used != olda)
                continue;
            size_t na = (newsize + 15) & ~(size_t)15;
            kh__block *nb = kh__xrealloc(b, sizeof(kh__block) + na);
            a->used_total += na - olda;
            nb->cap = nb->used = na;
            *pp = nb;
            if (pp == &a->head) /* full: the next allocation takes another block */
                a->cur = a->lim = (char *)nb->data + na;
            return nb->data;
        }
    }
    void *p = kh__arena_alloc(a, newsize);
    if (oldsize)
        memcpy(p, old, oldsize);
    return p;
}
