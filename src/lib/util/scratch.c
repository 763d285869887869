/*
 * scratch.c - per-thread buffers kept from story to story; see scratch.h.
 */
#include "scratch.h"
#include "arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct scratch {
    void *buf[KH_SCRATCH__N];
    size_t size[KH_SCRATCH__N];
    uint32_t serial[KH_SCRATCH__N];
} scratch;

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_ok;

static void drop(void *p)
{
    scratch *s = p;
    for (int i = 0; i < KH_SCRATCH__N; i++)
        free(s->buf[i]);
    free(s);
}

static void make_key(void)
{
    g_ok = pthread_key_create(&g_key, drop) == 0;
}

void *kh__scratch(int which, size_t size, uint32_t serial)
{
    pthread_once(&g_once, make_key);
    if (!g_ok || which < 0 || which >= KH_SCRATCH__N)
        return NULL;
    scratch *s = pthread_getspecific(g_key);
    if (!s) {
        s = kh__xcalloc(1, sizeof *s);
        if (pthread_setspecific(g_key, s) != 0) {
            free(s);
            return NULL;
        }
    }
    if (s->buf[which] && s->size[which] >= size && s->serial[which] == serial)
        return s->buf[which];
    if (!s->buf[which] || s->size[which] < size) {
        free(s->buf[which]);
        s->buf[which] = NULL;
        s->buf[which] = kh__xcalloc(size ? size : 1, 1);
        s->size[which] = size;
    } else {
        memset(s->buf[which], 0, s->size[which]);
    }
    s->serial[which] = serial;
    return s->buf[which];
}
