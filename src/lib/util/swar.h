/*
 * swar.h - tests of eight bytes at once in one 64-bit word (SWAR: SIMD within a register),
 * for the scans that pass over a story's every byte: most of them find nothing to do.
 *
 * The tests are exact as a yes or no for the whole word (which byte fired is not told).
 */
#ifndef KH_SWAR_H
#define KH_SWAR_H

#include <stdint.h>
#include <string.h>

#define KH_SWAR_ONES 0x0101010101010101ull
#define KH_SWAR_HIGHS 0x8080808080808080ull

/* Eight bytes from p, wherever it points. */
static inline uint64_t kh__load8(const void *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* Nonzero if a byte of x is below c (c at most 0x80). */
static inline uint64_t kh__swar_below(uint64_t x, unsigned c)
{
    return (x - KH_SWAR_ONES * c) & ~x & KH_SWAR_HIGHS;
}

/* Nonzero if a byte of x is c. */
static inline uint64_t kh__swar_has(uint64_t x, unsigned char c)
{
    uint64_t y = x ^ (KH_SWAR_ONES * c);
    return (y - KH_SWAR_ONES) & ~y & KH_SWAR_HIGHS;
}

/* The bytes of x in [lo, hi] (lo <= hi < 0x80), each as its high bit (0x80); a byte that is
 * not ASCII is never in. */
static inline uint64_t kh__swar_range(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & ~KH_SWAR_HIGHS;
    uint64_t ge = low7 + KH_SWAR_ONES * (0x80 - lo); /* high bit: the byte >= lo */
    uint64_t gt = low7 + KH_SWAR_ONES * (0x7f - hi); /* high bit: the byte > hi */
    return ge & ~gt & ~x & KH_SWAR_HIGHS;
}

/* The high bits of the first n bytes of a word read by kh__load8 (all when n >= 8). */
static inline uint64_t kh__swar_first(size_t n)
{
    if (n >= 8)
        return KH_SWAR_HIGHS;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return KH_SWAR_HIGHS & ~(~0ull >> (8 * n));
#else
    return KH_SWAR_HIGHS & ((1ull << (8 * n)) - 1);
#endif
}

/* The index of the first byte whose high bit m has (m != 0), in the order of memory. */
static inline unsigned kh__swar_index(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (unsigned)__builtin_clzll(m) >> 3;
#else
    return (unsigned)__builtin_ctzll(m) >> 3;
#endif
}

/* Nonzero if a byte of x is not ASCII. */
static inline uint64_t kh__swar_high(uint64_t x)
{
    return x & KH_SWAR_HIGHS;
}

#endif
