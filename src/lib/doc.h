/*
 * doc.h - the story and the typed arrays each pipeline stage writes into it.
 *
 * tokenize.c   text      -> tokens (byte spans, normal form, flags)
 * segment.c    tokens    -> sentences (datelines and boilerplate marked, not coded)
 * lexicon.c    tokens    -> candidate dictionary words per token, then matches (actor,
 *                             agent, verb and null phrases, longest first)
 * parse.c      matches   -> noun phrases with codes, verb groups (voice, negation), clauses
 * coder.c      parse     -> events
 * enrich.c     events    -> their dates (when.c) and counts (counts.c), the story's counts
 * All arrays live in the story's arena.
 */
#ifndef KH_DOC_H
#define KH_DOC_H

#include <stdint.h>
#include <string.h>

#include "khaldun.h"
#include "dict.h"
#include "util/arena.h"

enum { KH_TK_WORD, KH_TK_NUM, KH_TK_PUNCT, KH_TK_POSS };

enum {
    KH_TF_CAP = 1 << 0,     /* first letter upper case */
    KH_TF_ALLCAP = 1 << 1,  /* every letter upper case (2+ letters) */
    KH_TF_LOWER = 1 << 2,   /* every letter lower case */
    KH_TF_NL = 1 << 3,      /* a line break before it */
    KH_TF_PARA = 1 << 4,    /* a blank line before it */
    KH_TF_HYPHEN = 1 << 5,  /* joined to the previous word by a hyphen */
    KH_TF_SPACE = 1 << 6,   /* white space before it */
    KH_TF_ABBR = 1 << 7,    /* an abbreviation or initial with its point ("Gen.", "U.S.") */
    KH_TF_DATELINE = 1 << 8, /* part of a dateline ("BENGHAZI:") */
    KH_TF_NULLED = 1 << 9,   /* in a comma clause TABARI does not code (8.6) */
    KH_TF_INSIDE = 1 << 10,  /* between the words of a phrase that stand apart */
    KH_TF_DIGIT = 1 << 11    /* its normal form starts with a digit */
};

typedef struct kh_token {
    uint32_t start, end; /* bytes in the text */
    const char *norm;    /* normal form: upper case, no accents, no abbreviation points */
    uint16_t nlen;
    uint16_t flags;
    uint8_t kind;
    uint8_t ncand;
    uint16_t wcls; /* its entry in the word table (words.h), 0: none */
    uint32_t cand; /* index of the first candidate in doc->cands */
    int32_t match; /* index of the lexicon match covering it, -1 */
} kh_token;

/* Is token t's normal form s? Inline, so that for a constant s it is a length test and a
 * compare of a few bytes, not a call to strcmp (the stages test words many times over); for
 * another s the first letter decides most tests before strcmp is called. */
static inline int kh__norm_is(const kh_token *t, const char *s)
{
    if (__builtin_constant_p(strlen(s))) {
        size_t n = strlen(s);
        return t->nlen == n && memcmp(t->norm, s, n) == 0;
    }
    return t->norm[0] == s[0] && strcmp(t->norm, s) == 0;
}

/* A dictionary word that a token can be. */
typedef struct kh_cand {
    uint32_t word;
    uint8_t how; /* KH_HOW_* */
    uint8_t bit; /* kh__wset_bit(word): the lexicon's follow sets are made of these */
} kh_cand;

enum { KH_SENT_TEXT, KH_SENT_HEADLINE, KH_SENT_FRAGMENT };

typedef struct kh_sentence {
    uint32_t t0, t1;     /* tokens [t0, t1) */
    uint32_t start, end; /* bytes */
    uint8_t kind;
} kh_sentence;

typedef struct kh_match {
    uint32_t t0, t1;
    uint8_t kind;    /* KH_PH_* */
    uint8_t special; /* what kh__sentence_special makes of it: 0, 1 discard, 2 complex,
                      * 3 story discard */
    uint32_t phrase;
    const char *code; /* an actor's code on the story's date (kh__actor_code), else NULL:
                       * found once, read by every stage */
} kh_match;

/* A noun phrase that refers to an actor. */
typedef struct kh_np {
    uint32_t t0, t1;
    const char *code;  /* NULL: no actor code could be made */
    int32_t group;     /* compound group: NPs joined by "and"/"," share it; else own index */
    uint8_t pronoun;   /* he, she, they, it, we, who, which: code filled by reference */
    uint8_t location;  /* after in/at/near: a place, not a target */
    uint8_t person;    /* the code came from a named person or a pronoun */
    uint8_t inferred;  /* "the army": country taken from the story */
} kh_np;

/* An actor the story introduced with a coded description that no dictionary names ("Eastern
 * Libyan strongman Khalifo Haftor"), or a role noun that stands for a named actor ("the
 * strongman"): later mentions take its code (issue #5: actors followed through the story). */
typedef struct kh_entity {
    const char *name; /* normal forms joined by ' ' ("KHALIFO HAFTOR", "HAFTOR"); NULL: agent */
    uint32_t nlen;
    uint8_t ntok;
    int32_t agent;    /* agent entry for a role noun, -1 */
    const char *code;
} kh_entity;

typedef struct kh_verbgroup {
    uint32_t t0, t1;   /* the verb match itself */
    uint32_t verb;     /* verb entry */
    uint32_t clause;
    uint8_t passive, negated;
    uint8_t participle; /* an -ed/-en or irregular form with no auxiliary */
    uint8_t aux;        /* has an auxiliary, modal, "to" or negation before it */
} kh_verbgroup;

typedef struct kh_clause {
    uint32_t t0, t1;
    uint32_t first_verb;  /* token of its first verb, t1 if none */
    int32_t subject_from; /* clause whose subject a subjectless clause takes, -1 */
    int32_t antecedent;   /* NP a relative clause ("which", "who") refers to, -1 */
    uint8_t subordinate;  /* introduced by after, before, since, until, because... */
} kh_clause;

struct kh_doc {
    kh_arena arena;
    char *id, *date, *title, *source, *url;
    int32_t date_num; /* yyyymmdd, 0 = unknown */
    kh_options opts;
    int all_caps; /* no lower-case letter in the text */
    int has_dateline; /* the segmenter marked a dateline (KH_TF_DATELINE) */
    size_t nwords, ntitled; /* word tokens, and those written "Like this" */
    size_t nlower, nallcap; /* word tokens all in lower case, all in capitals (the segmenter) */
    int has_issues; /* the dictionaries hold issue categories: events carry "issues" */
    int skip_sentence; /* 1: a ### code was met in the sentence being coded, 2: a +++ */
    int carry_source;  /* TABARI: the source carried from clause to clause (-1 none) */
    char *text;
    size_t len, bad_utf8, first_bad;
    size_t mojibake; /* characters repaired from double-encoded UTF-8 */

    kh_token *toks;
    size_t ntoks;
    kh_cand *cands;
    size_t ncands;
    kh_sentence *sents;
    size_t nsents;
    kh_match *matches;
    size_t nmatches;
    size_t nspecial; /* matches with kh_match.special set: with none, no sentence is special */

    /* Parse of the sentence being coded (rebuilt per sentence). */
    kh_np *nps;
    size_t nnps, capnps;
    kh_verbgroup *vgs;
    size_t nvgs, capvgs;
    kh_clause *clauses;
    size_t nclauses, capclauses;

    /* The story's country: named most often among its actors, NULL if none stands out. */
    const char *home;

    /* Document memory for pronouns: the last source actor coded. */
    const char *last_actor;
    const char *first_actor; /* of the last coded sentence (kh_doc_first_actor) */
    uint32_t last_actor_t0, last_actor_t1;

    /* Actors introduced earlier in the story (kh_entity), newest last. */
    kh_entity *ents;
    size_t nents, capents;
    int reparse; /* kh__parse is redoing a sentence after new entities */

    uint8_t *clausewords; /* bitset over dictionary words: those in the clause being coded */
    uint64_t clausesig;   /* the same words as a 64-bit signature (kh__sigbit) */

    kh_event *events;
    size_t nevents, capevents;
    kh_code_stats stats;
    int coded;

    /* enrich (enrich.h): the date expressions and the counts of the sentence being enriched,
     * the tokens they took (enrich_mark[i]: 1 date, 2 count), the story's counts that belong
     * to no event. */
    struct kh_datex *datex;
    size_t ndatex, capdatex;
    uint8_t *enrich_mark; /* ntoks bytes, allocated once per story */
    uint16_t *enrich_w;   /* ntoks word classes (kh__ew_at), allocated once per story */
    kh_story_count *scounts;
    size_t nscounts, capscounts;
    /* places (issue #6, places.c): the story's toponyms and what they resolved to */
    struct kh_mention *mentions;
    size_t nmentions, capmentions;
    kh_location *places;       /* the resolved ones (kh_doc_place) */
    size_t nplaces;
    uint32_t *locnps;          /* [t0, t1) pairs: noun phrases the parser marked as places */
    size_t nlocnps, caplocnps;
};

/* The first of the lexicon's matches that starts at token t or after (doc->nmatches: none).
 * The matches are in text order: by bisection, so a story of a million sentences does not
 * scan them all for each. */
static inline size_t kh__first_match(const kh_doc *doc, size_t t)
{
    size_t lo = 0, hi = doc->nmatches;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->matches[mid].t0 < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Stages; each reads and writes doc's arrays. The tokenizer also sets the story's case
 * (all_caps, nwords, ntitled, nlower, nallcap). */
void kh__tokenize(kh_doc *doc);
/* kh_doc_new() in the memory of a story that is done with (doc NULL: a new one): its arena's
 * block is kept, so a stream of stories allocates nothing once it runs (#7). */
kh_doc *kh__doc_reuse(kh_doc *doc, const char *id, const char *date, const char *text, size_t len);
void kh__segment(kh_doc *doc);
void kh__lexicon(const kh_dict *d, kh_doc *doc);
/* Gives the events of sentence s from first_event on the issues found in it. */
void kh__issues(const kh_dict *d, kh_doc *doc, size_t s, size_t first_event);
/* Finds the country the story is about (doc->home), after kh__lexicon. */
void kh__story_country(const kh_dict *d, kh_doc *doc);
/* Parses sentence s into doc->nps, doc->vgs, doc->clauses. */
void kh__parse(const kh_dict *d, kh_doc *doc, size_t s);
/* 1 if sentence s holds a word coded ### (discard: TABARI 6.3), 2 for +++ (complex), else 0. */
int kh__sentence_special(const kh_doc *doc, size_t s);

/* Is token t the dictionary word w in mode? The pattern matcher's test, inline (#7: it is
 * made for every token a pattern word passes over). PETRARCH's pattern words are whole: IN
 * is not "into". */
static inline int kh__tok_is_word(const kh_doc *doc, size_t t, uint32_t w, int mode)
{
    if (doc->opts.petrarch && mode == KH_WM_STEM)
        mode = KH_WM_EXACT;
    const kh_token *k = &doc->toks[t];
    const kh_cand *c = &doc->cands[k->cand];
    for (uint8_t i = 0; i < k->ncand; i++)
        if (c[i].word == w && kh__mode_accepts(mode, c[i].how))
            return 1;
    return 0;
}
/* Codes sentence s (after kh__parse); explain, when not NULL, hears what was tried. */
/* special: kh__sentence_special() of s when the caller has it, else -1. */
void kh__code_sentence(const kh_dict *d, kh_doc *doc, size_t s, int special, FILE *explain);

/* places.c (issue #6): notes the noun phrases of sentence s's parse marked as places
 * (kh_np.location); after kh__parse. */
void kh__places_sentence(kh_doc *doc, size_t s);
/* places.c: finds the story's toponyms, resolves them in its context and places its events;
 * explain, when not NULL, hears the candidates and why. No-op without a gazetteer. */
void kh__places(const kh_dict *d, kh_doc *doc, FILE *explain);

/* "2020-01-10" -> 20200110; 0 if not a valid date. */
int32_t kh__parse_iso_date(const char *s);

/* The first capacity of an array of the story: few of a big element (an event is 500 bytes and
 * a sentence has one or two), so that a story's arena stays small and in the cache (#7: 32
 * events' room was most of a one-sentence story's memory). */
#define KH_GROW_FIRST(size) ((size) >= 256 ? 4 : (size) >= 64 ? 8 : 32)
#define KH_GROW(doc, arr, n, cap, T)                                                  \
    do {                                                                              \
        if ((n) == (cap)) {                                                           \
            size_t nc_ = (cap) ? (cap) * 2 : KH_GROW_FIRST(sizeof(T));                \
            (arr) = kh__arena_grow(&(doc)->arena, (arr), (n) * sizeof(T), nc_ * sizeof(T)); \
            (cap) = nc_;                                                              \
        }                                                                             \
    } while (0)

/* validate.c: scoring shared by the TABARI and PETRARCH validators. */
int kh__match_events(char (*want)[96], int nw, char (*got)[96], int ng);
void kh__print_events(FILE *out, const char *label, char (*l)[96], int n);
void kh__validate_ready(kh_dict *d, FILE *out, kh_validate_result *res);

#endif
