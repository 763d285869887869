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
} kh_arena;

void kh__arena_init(kh_arena *a);
void kh__arena_free(kh_arena *a);
/* Empties the arena for reuse: its blocks are kept (up to keep bytes in all) and handed out
 * again before any new one is allocated; the others are freed. */
void kh__arena_reset(kh_arena *a, size_t keep);
/* size bytes aligned to 8; NULL only if the OOM hook returns. */
void *kh__arena_alloc(kh_arena *a, size_t size);
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
