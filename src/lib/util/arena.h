/*
 * arena.h - bump allocation for one story or one dictionary set.
 *
 * Everything a story makes (tokens, phrases, events, strings) lives in its arena and is
 * freed at once with it (yyjson's one-memory-area rule). Allocation failure goes through
 * kh__oom(), the one out-of-memory hook.
 */
#ifndef KH_ARENA_H
#define KH_ARENA_H

#include <stddef.h>

typedef struct kh__block kh__block;

typedef struct kh_arena {
    kh__block *head;
    size_t used_total;
    kh__block *spare; /* blocks kept by kh__arena_reset for the next story */
    char *cur, *lim;  /* the head block's free bytes, for kh__arena_alloc's inline path */
} kh_arena;

void kh__arena_init(kh_arena *a);
void kh__arena_free(kh_arena *a);
/* Empties the arena for reuse: its blocks are kept (up to keep bytes in all) and handed out
 * again before any new one is allocated; the others are freed. */
void kh__arena_reset(kh_arena *a, size_t keep);
/* size bytes aligned to 16; NULL only if the OOM hook returns. Inline while the head block
 * has room (#7: a story makes hundreds of small allocations). */
void *kh__arena_alloc_slow(kh_arena *a, size_t size);
static inline void *kh__arena_alloc(kh_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (a->cur && size <= (size_t)(a->lim - a->cur)) {
        void *p = a->cur;
        a->cur += size;
        a->used_total += size;
        return p;
    }
    return kh__arena_alloc_slow(a, size);
}
void *kh__arena_zalloc(kh_arena *a, size_t size);
char *kh__arena_strndup(kh_arena *a, const char *s, size_t n);
/* Grows an array made by kh__arena_alloc from oldsize to newsize bytes (contents kept);
 * the old pointer must not be used after. */
void *kh__arena_grow(kh_arena *a, void *old, size_t oldsize, size_t newsize);
char *kh__arena_strdup(kh_arena *a, const char *s);

/* Called when malloc fails: prints a message and exits with status 3. */
void kh__oom(void);
void *kh__xmalloc(size_t n);
void *kh__xrealloc(void *p, size_t n);
void *kh__xcalloc(size_t n, size_t m);
char *kh__xstrdup(const char *s);

#define KH_ARENA_NEW(a, T, n) ((T *)kh__arena_zalloc((a), sizeof(T) * (size_t)(n)))

#endif
