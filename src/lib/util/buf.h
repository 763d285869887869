/*
 * buf.h - an owned, growable byte buffer (cmark's strbuf), kept apart from borrowed spans.
 */
#ifndef KH_BUF_H
#define KH_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct kh_buf {
    char *ptr;
    size_t len, cap;
} kh_buf;

#define KH_BUF_INIT {NULL, 0, 0}

void kh__buf_grow(kh_buf *b, size_t extra);

/* The appends are inline: the writers make a dozen per field, mostly of string literals
 * whose length the compiler knows (#7). */
static inline void kh__buf_put(kh_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        kh__buf_grow(b, n);
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = 0;
}

static inline void kh__buf_puts(kh_buf *b, const char *s)
{
    kh__buf_put(b, s, strlen(s));
}

static inline void kh__buf_putc(kh_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        kh__buf_grow(b, 1);
    b->ptr[b->len++] = c;
    b->ptr[b->len] = 0;
}
void kh__buf_printf(kh_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends an integer in decimal, without printf (the writers' most common field). */
void kh__buf_putu(kh_buf *b, unsigned long long v);
void kh__buf_puti(kh_buf *b, long long v);
/* Appends v with d decimals (0..6) as printf's "%.*f" does. */
void kh__buf_putfix(kh_buf *b, double v, int d);
/* Appends s[0..n) as the inside of a JSON string (no quotes). */
void kh__buf_json_str(kh_buf *b, const char *s, size_t n);
/* Appends s[0..n) with tabs and newlines turned into blanks (TSV fields). */
void kh__buf_tsv_str(kh_buf *b, const char *s, size_t n);
void kh__buf_clear(kh_buf *b);
void kh__buf_free(kh_buf *b);
/* NUL-terminates and returns ptr (never NULL). */
const char *kh__buf_cstr(kh_buf *b);

#endif
