/*
 * buf.c - growable buffer and the string escapes the writers need; see buf.h.
 */
#include "buf.h"
#include "arena.h"
#include "swar.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kh__buf_grow(kh_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->ptr = kh__xrealloc(b->ptr, cap);
    b->cap = cap;
}

void kh__buf_printf(kh_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        kh__buf_put(b, tmp, (size_t)n);
        return;
    }
    kh__buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void kh__buf_putu(kh_buf *b, unsigned long long v)
{
    static const char k_pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
                                  "31323334353637383940414243444546474849505152535455565758596061"
                                  "62636465666768697071727374757677787980818283848586878889909192"
                                  "93949596979899";
    if (v < 10) { /* offsets and counts: mostly short */
        kh__buf_putc(b, (char)('0' + v));
        return;
    }
    char tmp[24];
    size_t i = sizeof tmp;
    while (v >= 100) { /* two digits a division */
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        tmp[--i] = k_pairs[2 * r + 1];
        tmp[--i] = k_pairs[2 * r];
    }
    if (v >= 10) {
        tmp[--i] = k_pairs[2 * v + 1];
        tmp[--i] = k_pairs[2 * v];
    } else {
        tmp[--i] = (char)('0' + v);
    }
    kh__buf_put(b, tmp + i, sizeof tmp - i);
}

void kh__buf_puti(kh_buf *b, long long v)
{
    if (v < 0) {
        kh__buf_putc(b, '-');
        kh__buf_putu(b, 0ull - (unsigned long long)v);
    } else {
        kh__buf_putu(b, (unsigned long long)v);
    }
}

void kh__buf_putfix(kh_buf *b, double v, int d)
{
    static const double k_scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double x = (d >= 0 && d <= 6) ? v * k_scale[d] : 0;
    double r = x < 0 ? -x : x;
    double f = (double)(long long)r;
    /* printf rounds the exact binary value; scaled and rounded here it comes out the same
     * unless the value lies at a tie or out of range: those go to printf */
    if (d < 0 || d > 6 || !(r < 1e15) || (r - f > 0.499999 && r - f < 0.500001)) {
        kh__buf_printf(b, "%.*f", d < 0 ? 0 : d, v);
        return;
    }
    unsigned long long n = (unsigned long long)f + (r - f >= 0.5);
    if (__builtin_signbit(v)) /* -0.04 at one decimal is "-0.0", as printf has it */
        kh__buf_putc(b, '-');
    unsigned long long p = (unsigned long long)k_scale[d];
    kh__buf_putu(b, n / p);
    if (d) {
        char tmp[8];
        unsigned long long frac = n % p;
        for (int i = d - 1; i >= 0; i--) {
            tmp[i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        kh__buf_put(b, ".", 1);
        kh__buf_put(b, tmp, (size_t)d);
    }
}

void kh__buf_json_str(kh_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    kh__buf_grow(b, n + 8);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        /* Eight bytes at a time while none needs escaping: no byte below 0x20, no '"' and no
         * '\\' (#7: the evidence sentence is most of an event's bytes). */
        while (i + 8 <= n) {
            uint64_t x = kh__load8(s + i);
            if (kh__swar_below(x, 0x20) | kh__swar_has(x, '"') | kh__swar_has(x, '\\'))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        kh__buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': kh__buf_put(b, "\\\"", 2); break;
        case '\\': kh__buf_put(b, "\\\\", 2); break;
        case '\n': kh__buf_put(b, "\\n", 2); break;
        case '\r': kh__buf_put(b, "\\r", 2); break;
        case '\t': kh__buf_put(b, "\\t", 2); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            kh__buf_put(b, e, 6);
        }
        }
    }
    kh__buf_put(b, s + run, n - run);
}

void kh__buf_tsv_str(kh_buf *b, const char *s, size_t n)
{
    kh__buf_grow(b, n);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        b->ptr[b->len++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    b->ptr[b->len] = 0;
}

void kh__buf_clear(kh_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = 0;
}

void kh__buf_free(kh_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

const char *kh__buf_cstr(kh_buf *b)
{
    kh__buf_grow(b, 0);
    b->ptr[b->len] = 0;
    return b->ptr;
}
