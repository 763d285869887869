/*
 * words.h - the closed-class words the stages test (the parser's determiners, auxiliaries
 * and clause words; places' cue and stop words; enrich's dates, numbers and casualty
 * words), in one table. Each token is looked up once per story (by the lexicon, with its
 * candidate words, lexicon.c) and keeps its entry's index in kh_token.wcls, so the stages test bits,
 * not strings (#6, #7: the lookups were a tenth of coding time).
 */
#ifndef KH_WORDS_H
#define KH_WORDS_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_wentry {
    const char *w;   /* normal form; NULL: an empty slot */
    uint16_t parse;  /* parse.c's W_* bits */
    uint16_t places; /* places.c's W_* bits */
    uint16_t ew;     /* enrich.c's word table index, 0: none */
    uint16_t lists;  /* when.c's and counts.c's word lists (KH_WL_*, enrich.h) */
    uint8_t len;
} kh_wentry;

#define KH_WORDS_SLOTS 4096
/* Slot 0 stays empty: tokens in no list point there. */
extern kh_wentry kh__words[KH_WORDS_SLOTS];

enum { KH_WD_PARSE, KH_WD_PLACES, KH_WD_EW, KH_WD_LISTS };
typedef void (*kh_wadd)(const char *w, int domain, uint16_t bits);

/* A stage's word list (NULL-terminated) and the bit its words get. */
typedef struct kh_wlist {
    const char *const *words;
    uint16_t bit;
} kh_wlist;

/* Hands the words of n lists to add, in domain. */
void kh__words_add(kh_wadd add, int domain, const kh_wlist *lists, size_t n);

/* Each stage hands its words to the table once (words.c builds it under pthread_once). */
void kh__words_parse(kh_wadd add);
void kh__words_places(kh_wadd add);
void kh__words_enrich(kh_wadd add);
void kh__words_when(kh_wadd add);
void kh__words_counts(kh_wadd add);

/* The table entry of a normal form, or slot 0. */
uint16_t kh__word_lookup(const char *norm, size_t n);

#endif
