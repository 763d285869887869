/*
 * utf8.h - UTF-8 repair and the normal form of words (upper case, no accents).
 *
 * Most news is ASCII, so both functions take an ASCII fast path and hand the rest to
 * utf8proc (Debian's libutf8proc) for case folding and accent stripping.
 */
#ifndef KH_UTF8_H
#define KH_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

/* Copies s[0..n) into the arena with each invalid byte replaced by U+FFFD and NULs by blanks.
 * Returns the copy; *out_len its length, *nbad the number of replaced bytes, *first_bad
 * the 1-based offset of the first (0 = none). The copy is followed by KH_TEXT_PAD zero bytes
 * (its NUL the first): the tokenizer reads eight bytes at a time up to its end (#7). */
#define KH_TEXT_PAD 8
char *kh__utf8_repair(kh_arena *a, const char *s, size_t n, size_t *out_len, size_t *nbad,
                      size_t *first_bad);

/* Repairs text that was UTF-8, read as Windows-1252 and written out as UTF-8 again
 * ("â€œ" for a curly quote, "Ã©" for an accented e), in place: the result is never longer.
 * Returns the number of characters repaired. */
size_t kh__fix_mojibake(char *s, size_t *n);

/* Decodes one code point at s (n > 0 bytes left); returns its length, *cp = -1 if invalid. */
size_t kh__utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Appends the normal form of the word s[0..n) to b: case-folded to upper case, accents and
 * other marks stripped, curly apostrophes folded to '. */
void kh__norm_word(kh_buf *b, const char *s, size_t n);

#endif
