/*
 * scratch.h - memory each coding thread keeps from story to story (#7): the lexicon's memo of
 * words' candidates, the coder's bit set of a clause's words and places' per-country context. Both are sized by a
 * dictionary; they are zeroed again when the thread codes with another one (its serial).
 */
#ifndef KH_SCRATCH_H
#define KH_SCRATCH_H

#include <stddef.h>
#include <stdint.h>

enum { KH_SCRATCH_MEMO, KH_SCRATCH_CLAUSE, KH_SCRATCH_PLACES, KH_SCRATCH__N };

/* The calling thread's buffer `which` of at least size bytes, all zero when first given for
 * dictionary serial (the user clears what it sets), freed when the thread ends; NULL when no
 * thread-specific memory can be had. Out of memory ends the program, as everywhere. */
void *kh__scratch(int which, size_t size, uint32_t serial);

#endif
