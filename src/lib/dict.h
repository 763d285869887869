/*
 * dict.h - the compiled dictionary set: interned words, phrases indexed by first word,
 * actor codes with date ranges, agent roles, verb roots with their patterns, synsets.
 *
 * Built by the loaders in dict_load.c, frozen by kh_dict_freeze(), then read-only and
 * shared by every thread that codes.
 */
#ifndef KH_DICT_H
#define KH_DICT_H

#include <stdint.h>

#include "khaldun.h"
#include "util/arena.h"
#include "util/hash.h"

/* How a dictionary word may match a text word (docs/dictionaries.md). */
enum { KH_WM_ENDINGS = 0, KH_WM_EXACT = 1, KH_WM_STEM = 2 };
/* How a text word did match a dictionary word: itself, through a regular ending, as a stem. */
enum { KH_HOW_EXACT = 0, KH_HOW_ENDING = 1, KH_HOW_STEM = 2 };

static inline int kh__mode_accepts(int mode, int how)
{
    return mode == KH_WM_STEM || (mode == KH_WM_ENDINGS ? how <= KH_HOW_ENDING : how == KH_HOW_EXACT);
}

/* Kinds of phrase in the lexicon. The order is the tie-break between equally long
 * matches: a null phrase hides the others, an actor beats an agent, an agent a verb. */
enum { KH_PH_NULL = 0, KH_PH_ACTOR, KH_PH_AGENT, KH_PH_VERB, KH_PH_ISSUE, KH_PH__COUNT };
/* Not a phrase kind: a discard file's kind when loading (its phrases are actors coded ###). */
enum { KH_PH_DISCARD = 100, KH_PH_ONTOLOGY = 101 };

typedef struct kh_pword {
    uint32_t word;
    uint8_t mode;
    uint8_t gap; /* joined to the word before by a blank: other words may stand between */
} kh_pword;

typedef struct kh_phrase {
    uint32_t words; /* index into dict->pwords */
    uint16_t n;
    uint8_t kind;
    uint32_t entry; /* actor, agent or verb index */
    uint16_t file;
    uint32_t line;
} kh_phrase;

/* One code of an actor, valid on [from, to] (yyyymmdd; 0 = open). */
typedef struct kh_actor_code {
    const char *code; /* NULL for the null code [---] */
    int32_t from, to;
} kh_actor_code;

typedef struct kh_actor_entry {
    uint32_t codes; /* index into dict->acodes */
    uint16_t ncodes;
    uint16_t file;
    uint32_t line;
} kh_actor_entry;

typedef struct kh_agent_entry {
    const char *role; /* "MIL" */
    uint8_t prefix;   /* [NGO~]: the role goes before the country */
    uint8_t forms;    /* its line lists its plurals in braces ("{}": none): PETRARCH then
                         matches the phrase's words whole */
    uint16_t file;
    uint32_t line;
} kh_agent_entry;

/* Pattern elements. */
enum {
    KH_PE_WORD,   /* word, mode */
    KH_PE_VERB,   /* * */
    KH_PE_SOURCE, /* $ */
    KH_PE_TARGET, /* + */
    KH_PE_COMPOUND, /* % */
    KH_PE_SKIP,   /* ^ */
    KH_PE_ALT     /* { a | b }, and synsets: alternatives are sequences */
};

typedef struct kh_pelem {
    uint8_t type;
    uint8_t adj;  /* must start right after the previous element */
    uint8_t mode; /* KH_PE_WORD */
    uint32_t arg; /* word id, or alternative-set index */
} kh_pelem;

/* A sequence of elements (a pattern body, one alternative, one synset member). */
typedef struct kh_seq {
    uint32_t elems; /* index into dict->pelems */
    uint16_t n;
} kh_seq;

/* A set of alternative sequences. */
typedef struct kh_altset {
    uint32_t seqs; /* index into dict->seqs */
    uint16_t n;
    uint8_t synset; /* a &SYNSET, not a { | } in a pattern */
} kh_altset;

enum { KH_CODE_SUBORD = 1, KH_CODE_DOMINANT = 2, KH_CODE_DISCARD = 4, KH_CODE_COMPLEX = 8 };

typedef struct kh_pattern {
    kh_seq seq;
    uint32_t req;   /* groups of required words at reqwords[req]: each a size, then words; */
    uint16_t nreq;  /* the clause must hold a word of each of the nreq groups (0: no check) */
    const char *code; /* NULL = null code */
    const char *pair; /* [a:b]: b is coded from target to source too */
    uint8_t flags;
    uint16_t length; /* TABARI 5.7.1: letters in fixed words */
    uint16_t file;
    uint32_t line;
} kh_pattern;

/* What the coder tests before it reads a pattern (#7: verbs such as SAY have hundreds): a
 * 64-bit signature of the words it requires alone, its groups of required words and its
 * length, side by side in sixteen bytes. */
typedef struct kh_patq {
    uint64_t sig;
    uint32_t req;
    uint16_t nreq;
    uint16_t length;
} kh_patq;

/* Issues (TABARI chapter 9, Phoenix issue coding): phrases in categories. */
typedef struct kh_issue_cat {
    const char *name;
    uint8_t all;     /* TYPE="ALL": every code found; else the first */
    uint8_t numeric; /* TYPE="NUMERIC": the number before the phrase, else its code */
    const char *dflt;
} kh_issue_cat;

typedef struct kh_issue_entry {
    uint32_t cat;
    const char *code; /* NULL: a phrase that blocks ("~a head start") */
} kh_issue_entry;

typedef struct kh_pending_pat {
    uint32_t verb;
    kh_pattern p;
} kh_pending_pat;

typedef struct kh_verb_entry {
    const char *name; /* the root as written */
    const char *code; /* default code; NULL = null */
    const char *pair;
    uint8_t flags;
    uint32_t pats; /* index into dict->pats (after freeze: sorted longest first) */
    uint16_t npats;
    uint16_t file;
    uint32_t line;
} kh_verb_entry;

/* A PETRARCH transformation, "~ a (b . ATTACK) SAY = a b 112": an event of verb `outer`
 * with source a, and after it in the sentence an event of verb `inner` whose actors fit,
 * become one event a -> b. */
enum { KH_TR_NONE, KH_TR_A, KH_TR_B }; /* '_' or '.', 'a', 'b' */
typedef struct kh_transform {
    const char *outer;  /* verb name ("SAY") */
    const char *inner;  /* verb name ("ATTACK"); NULL: any verb (Q) */
    const char *code;   /* the event's code; NULL: the inner event's (Q) */
    uint8_t src, tgt;   /* the inner event's source and target: KH_TR_* */
    uint16_t file;
    uint32_t line;
} kh_transform;

/* PETRARCH-2's internal coding ontology (PETR.Internal.Coding.Ontology.txt): a CAMEO code
 * and its PICO value, whose hex digits are class, cooperation, ... ("intend" 0x3000 + "aid"
 * 0x0040 = 0x3040, CAMEO 033). */
typedef struct kh_pico {
    const char *code;
    int32_t value;
} kh_pico;

/* A 256-bit set of word ids. Like any Bloom filter it may say yes wrongly, never no
 * wrongly: searches test it before they read what it stands for (#7). */
typedef struct kh_wset {
    uint64_t b[4];
} kh_wset;

static inline uint32_t kh__wset_bit(uint32_t w)
{
    return (w * 2654435761u) >> 24; /* kh__sigbit's hash, two bits more */
}

static inline void kh__wset_add(kh_wset *s, uint32_t w)
{
    uint32_t x = kh__wset_bit(w);
    s->b[x >> 6] |= 1ull << (x & 63);
}

/* Is bit x (a kh__wset_bit) in s? */
static inline int kh__wset_has_bit(const kh_wset *s, uint32_t x)
{
    return (int)((s->b[x >> 6] >> (x & 63)) & 1);
}

static inline int kh__wset_has(const kh_wset *s, uint32_t w)
{
    return kh__wset_has_bit(s, kh__wset_bit(w));
}

/* A phrase as the phrase search first sees it, in the order of the index by first word
 * (longest first): the phrase, its length, the bit of its second word in a kh_wset, and
 * flags. Eight bytes, so a first word's long list (THE has 100 in Phoenix) is read fast. */
enum {
    KH_FF_MULTI = 1, /* two words or more */
    KH_FF_GAP = 2,   /* the second word may stand apart from the first */
    KH_FF_ACTOR = 4, /* an actor phrase (PETRARCH reads their second word further on) */
    KH_FF_ISSUE = 8, /* an issue phrase: looked for on their own (kh__issues) */
};
typedef struct kh_first {
    uint32_t phrase; /* index into phrases */
    uint16_t n;
    uint8_t bit;     /* kh__wset_bit of the second word (multi-word phrases) */
    uint8_t flags;
} kh_first;

/* A member of a big alternative set by its first word. */
typedef struct kh_altpair {
    uint32_t word, member;
} kh_altpair;

#define KH_BIG_ALT 8

/* Growable arrays that live for the dictionary's life. */
#define KH_VEC(T)         \
    struct {              \
        T *v;             \
        size_t n, cap;    \
    }

struct kh_dict {
    kh_arena arena;      /* strings */
    kh_hash words;       /* normal form -> word id */
    KH_VEC(const char *) wordstr;
    KH_VEC(uint8_t) wordstem; /* word is used as a stem somewhere */
    size_t max_stem_len;
    KH_VEC(kh_pword) pwords;
    KH_VEC(kh_phrase) phrases;
    KH_VEC(kh_actor_code) acodes;
    KH_VEC(kh_actor_entry) actors;
    KH_VEC(kh_agent_entry) agents;
    KH_VEC(kh_verb_entry) verbs;
    KH_VEC(kh_pattern) pats;
    KH_VEC(kh_pelem) pelems;
    KH_VEC(kh_seq) seqs;
    KH_VEC(uint32_t) reqwords;
    KH_VEC(kh_altset) alts;
    kh_hash synsets;     /* "&NAME" -> altset index */
    kh_hash verbroots;   /* root name -> verb index, to merge blocks of one root */
    kh_hash countries;   /* three-letter codes that actor entries use alone (LBY, TUR) */
    KH_VEC(kh_transform) transforms;
    KH_VEC(kh_pico) picos;
    KH_VEC(kh_issue_cat) icats;
    KH_VEC(kh_issue_entry) issues;
    KH_VEC(const char *) files;
    KH_VEC(kh_diag) diags; /* the first syntax errors, each a skipped line */
    size_t nerrors;        /* all of them */
    /* While loading: patterns with their root, attached longest first by kh_dict_freeze(). */
    KH_VEC(struct kh_pending_pat) pending;
    /* After freeze: for each word id, the phrases that start with it, longest first. */
    uint32_t *first_off; /* words.n + 1 offsets into first_idx */
    uint32_t *first_idx;
    /* Derived after freeze or map (kh__dict_derive), not stored in the cache: per first_idx
     * entry what the phrase search tests before it reads the phrase (#7), and a bit set of
     * the hashes of the words used as stems, tested before a prefix is looked up. */
    struct kh_first *first;
    kh_wset *altfirst; /* per alternative set, its members' first words (all: a member
                        * starts with something else) */
    uint32_t *seqfirst; /* per sequence, its first element's word (UINT32_MAX: not a word) */
    /* For an alternative set of more than KH_BIG_ALT members: its members by first word
     * (altpair[altoff[a] .. altoff[a + 1]), sorted by word, then member) and those that start
     * with something else (altwild[altwoff[a] ..], in order). */
    uint32_t *altoff, *altwoff, *altwild;
    struct kh_altpair *altpair;
    struct kh_patq *patq; /* per pattern, what the coder tests before it reads the pattern */
    int pats_sorted;      /* each verb's patterns longest first (kh_dict_freeze's order) */
    uint64_t *stembits;
    uint32_t stemmask;
    uint32_t serial; /* unique to this dictionary in the process (memos key on it) */
    int frozen;
    void *map;     /* kh_dict_map(): the arrays and strings live in this mapping */
    size_t maplen;
};

#define KH_VEC_PUSH(vec, x)                                                             \
    do {                                                                                \
        if ((vec).n == (vec).cap) {                                                     \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 64;                                 \
            (vec).v = kh__xrealloc((vec).v, (vec).cap * sizeof *(vec).v);               \
        }                                                                               \
        (vec).v[(vec).n++] = (x);                                                       \
    } while (0)

/* A word's bit in a 64-bit signature (kh_dict.patsig, kh_doc.clausesig): bit
 * kh__wset_bit(w) >> 2, which the coder takes from a token's candidate (kh_cand.bit). */
static inline uint64_t kh__sigbit(uint32_t w)
{
    return 1ull << ((w * 2654435761u) >> 26);
}

/* Builds d->first and d->stembits from the frozen or mapped arrays. */
void kh__dict_derive(kh_dict *d);
/* May the word whose FNV-1a hash is h be a stem? (no: it is not one) */
static inline int kh__dict_maybe_stem(const kh_dict *d, uint32_t h)
{
    uint32_t b = h & d->stemmask;
    return (int)((d->stembits[b >> 6] >> (b & 63)) & 1);
}

/* The word id of a normal form, or UINT32_MAX. */
uint32_t kh__dict_word(const kh_dict *d, const char *s, size_t n);
/* Interns a normal form. */
uint32_t kh__dict_intern(kh_dict *d, const char *s, size_t n);

/* Loads path as a dictionary of kind (KH_PH_ACTOR, _AGENT, _VERB; -1: from the name). */
kh_status kh__dict_load_kind(kh_dict *d, const char *path, int kind, kh_diag *diag);

/* Is c one of TABARI's special actor codes: "###" (discard the sentence) or "+++" (too
 * complex to code)? */
static inline int kh__code_special(const char *c)
{
    return c && (c[0] == '#' || c[0] == '+');
}

/* The code of an actor entry on date (yyyymmdd, 0 = unknown): NULL for a null code. */
const char *kh__actor_code(const kh_dict *d, const kh_actor_entry *a, int32_t date);

#endif
