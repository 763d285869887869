/*
 * utf8.c - UTF-8 repair and word normal form; see utf8.h.
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "swar.h"

size_t kh__utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &c);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

char *kh__utf8_repair(kh_arena *a, const char *s, size_t n, size_t *out_len, size_t *nbad,
                      size_t *first_bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t bad = 0, first = 0, extra = 0;
    /* First pass: count, so the copy is allocated once. ASCII is skipped eight bytes at a
     * time. */
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n && !kh__swar_high(kh__load8(u + i))) {
            i += 8;
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = kh__utf8_decode(u + i, n - i, &cp);
        if (cp < 0) {
            if (!bad)
                first = i + 1;
            bad++;
            extra += 2; /* one byte becomes the three of U+FFFD */
        }
        i += k;
    }
    char *out = kh__arena_alloc(a, n + extra + KH_TEXT_PAD);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n) {
            uint64_t x = kh__load8(u + i);
            if (!kh__swar_high(x) && !kh__swar_has(x, 0)) { /* ASCII, no NUL */
                memcpy(out + o, &x, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
        if (u[i] < 0x80) {
            out[o++] = u[i] ? (char)u[i] : ' ';
            i++;
            continue;
        }
        int32_t cp;
        size_t k = kh__utf8_decode(u + i, n - i, &cp);
        if (cp < 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    memset(out + o, 0, KH_TEXT_PAD);
    *out_len = o;
    *nbad = bad;
    *first_bad = first;
    return out;
}

/* Folds the punctuation that news text spells in several ways. */
static int fold_punct(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC: case 0x0060: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
        return '-';
    default:
        return 0;
    }
}

void kh__norm_word(kh_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    kh__buf_grow(b, n);
    /* ASCII fast path. */
    while (i < n && u[i] < 0x80) {
        unsigned char c = u[i++];
        b->ptr[b->len++] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
    }
    b->ptr[b->len] = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            unsigned char c = u[i++];
            kh__buf_putc(b, (char)((c >= 'a' && c <= 'z') ? c - 32 : c));
            continue;
        }
        int32_t cp;
        size_t k = kh__utf8_decode(u + i, n - i, &cp);
        int f = cp >= 0 ? fold_punct(cp) : 0;
        if (f) {
            kh__buf_putc(b, (char)f);
        } else if (cp >= 0) {
            utf8proc_uint8_t *m = NULL;
            utf8proc_ssize_t len = utf8proc_map(u + i, (utf8proc_ssize_t)k, &m,
                                                UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
            if (len > 0 && m) {
                for (utf8proc_ssize_t j = 0; j < len; j++) {
                    unsigned char c = m[j];
                    kh__buf_putc(b, (char)((c >= 'a' && c <= 'z') ? c - 32 : c));
                }
            }
            free(m);
        }
        i += k;
    }
}

/* Windows-1252 bytes 0x80-0x9F as code points (0 = undefined there). */
static const uint16_t k_cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* The Windows-1252 byte that code point cp came from, or -1. */
static int cp1252_byte(int32_t cp)
{
    if (cp >= 0xA0 && cp <= 0xFF)
        return (int)cp;
    if (cp >= 0x80 && cp <= 0x9F) /* undefined bytes often pass through as C1 controls */
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (k_cp1252[i] && k_cp1252[i] == cp)
            return 0x80 + i;
    return -1;
}

size_t kh__fix_mojibake(char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0, fixed = 0, len = *n;
    /* Fast path: mojibake needs a lead byte of U+00C2-U+00F4, spelled C3 82..C3 B4. */
    if (!memchr(s, 0xC3, len))
        return 0;
    while (i < len) {
        int32_t cp;
        size_t k = u[i] < 0x80 ? (cp = u[i], 1) : kh__utf8_decode(u + i, len - i, &cp);
        int b0 = cp >= 0xC2 && cp <= 0xF4 ? (int)cp : -1;
        if (b0 >= 0) {
            int need = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : 1;
            unsigned char bytes[4] = {(unsigned char)b0, 0, 0, 0};
            size_t j = i + k;
            int got = 0;
            while (got < need && j < len) {
                int32_t c2;
                size_t k2 = u[j] < 0x80 ? (c2 = u[j], 1) : kh__utf8_decode(u + j, len - j, &c2);
                int b = cp1252_byte(c2);
                /* A byte Windows-1252 leaves undefined was often lost as U+FFFD: after
                 * "â€" it was almost always 0x9D, the right double quote. */
                if (c2 == 0xFFFD && b0 == 0xE2 && got == 1 && bytes[1] == 0x80)
                    b = 0x9D;
                if (b < 0x80 || b > 0xBF)
                    break;
                bytes[1 + got++] = (unsigned char)b;
                j += k2;
            }
            int32_t dec;
            if (got == need && kh__utf8_decode(bytes, (size_t)need + 1, &dec) == (size_t)need + 1 &&
                dec >= 0x80 && (size_t)need + 1 <= j - i) {
                memcpy(s + o, bytes, (size_t)need + 1);
                o += (size_t)need + 1;
                i = j;
                fixed++;
                continue;
            }
        }
        memmove(s + o, s + i, k);
        o += k;
        i += k;
    }
    s[o] = 0;
    *n = o;
    return fixed;
}
