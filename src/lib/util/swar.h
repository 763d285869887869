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

/* Nonzero if a byte of x is not ASCII. */
static inline uint64_t kh__swar_high(uint64_t x)
{
    return x & KH_SWAR_HIGHS;
}

#endif
