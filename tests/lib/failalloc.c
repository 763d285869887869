/*
 * failalloc.c - the allocation-failure test build (#8): linked into build/khaldun-failalloc
 * with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup, it counts khaldun's
 * own allocations and makes the one numbered $KH_FAIL_AT fail (returns NULL). With
 * $KH_FAIL_COUNT set it prints how many there were at exit. tests/alloc.sh runs a small
 * job once for every N and checks that each run ends cleanly: "out of memory" and status 3,
 * no crash, no sanitizer report.
 */
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long g_count, g_fail_at = -1;
static int g_ready;

static void report(void)
{
    fprintf(stderr, "failalloc: %ld allocations\n", g_count);
}

/* 1 when this allocation is the one to fail. */
static int fail_now(void)
{
    if (!g_ready) {
        g_ready = 1;
        const char *e = getenv("KH_FAIL_AT");
        g_fail_at = e ? atol(e) : -1;
        if (getenv("KH_FAIL_COUNT"))
            atexit(report);
    }
    if (++g_count != g_fail_at)
        return 0;
    if (getenv("KH_FAIL_TRACE")) { /* where the failing allocation was asked for */
        void *bt[16];
        int n = backtrace(bt, 16);
        backtrace_symbols_fd(bt, n, 2);
    }
    return 1;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    return fail_now() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fail_now() ? NULL : __real_strdup(s);
}
