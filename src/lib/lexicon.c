/*
 * lexicon.c - finds the dictionary words each token can be, then the dictionary phrases
 * (actors, agents, verbs, null phrases) in each sentence, longest first, left to right.
 *
 * A token can be a dictionary word itself, that word plus a regular ending (TABARI 5.2.3:
 * S, 'S, ES, ED, EN, ING, and D after E, with doubled consonants and Y -> IES/IED), or a
 * longer word that a stem starts (TABARI 5.2.2). Candidates are computed once per token by
 * hash lookups; phrases are then found through the index of phrases by first word.
 */
#include <string.h>

#include "doc.h"
#include "util/buf.h"
#include "util/scratch.h"
#include "words.h"

#define MAX_CANDS 16

typedef struct cset {
    kh_cand c[MAX_CANDS];
    int n;
} cset;

static void add(cset *s, uint32_t w, int how)
{
    if (w == UINT32_MAX)
        return;
    for (int i = 0; i < s->n; i++) {
        if (s->c[i].word == w) {
            if (how < s->c[i].how)
                s->c[i].how = (uint8_t)how;
            return;
        }
    }
    if (s->n < MAX_CANDS)
        s->c[s->n++] = (kh_cand){w, (uint8_t)how, (uint8_t)kh__wset_bit(w)};
}

static int ends(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n > m + 1 && memcmp(s + n - m, suf, m) == 0;
}

static int is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Looks up base forms of w[0..n) with a regular ending removed. */
static void endings(const kh_dict *d, const char *w, size_t n, cset *s, int petrarch)
{
    char b[96];
    if (n >= sizeof b - 2)
        return;
    static const char *const suf[] = {"'S", "S", "ES", "ED", "EN", "ING", "D", NULL};
    for (const char *const *p = suf; *p; p++) {
        if (!ends(w, n, *p))
            continue;
        size_t m = n - strlen(*p);
        if (strcmp(*p, "D") == 0 && w[m - 1] != 'E')
            continue;
        /* PETRARCH's regular forms: -ES only after S, X, Z, CH, SH, O ("DEPARTES" is no
         * form of DEPART), or as -IES */
        if (petrarch && strcmp(*p, "ES") == 0 && !strchr("SXZHOI", w[m - 1]))
            continue;
        memcpy(b, w, m);
        b[m] = 0;
        add(s, kh__dict_word(d, b, m), KH_HOW_ENDING);
        /* Doubled final consonant: SHELLED -> SHEL? no: ADMITTED -> ADMIT. */
        if (m >= 3 && b[m - 1] == b[m - 2] && !is_vowel(b[m - 1]) &&
            (strcmp(*p, "ED") == 0 || strcmp(*p, "ING") == 0 || strcmp(*p, "EN") == 0))
            add(s, kh__dict_word(d, b, m - 1), KH_HOW_ENDING);
        /* Dropped E: CLOSING -> CLOSE, CAPTURED handled by D. */
        if (strcmp(*p, "ING") == 0 || strcmp(*p, "ED") == 0 || strcmp(*p, "EN") == 0) {
            b[m] = 'E';
            add(s, kh__dict_word(d, b, m + 1), KH_HOW_ENDING);
        }
        /* Y -> IES, IED. */
        if ((strcmp(*p, "ES") == 0 || strcmp(*p, "ED") == 0) && b[m - 1] == 'I') {
            b[m - 1] = 'Y';
            add(s, kh__dict_word(d, b, m), KH_HOW_ENDING);
        }
    }
}

/* The candidates of a word, computed (hash lookups for the word, its regular endings and
 * its stems). */
static void word_cands(const kh_dict *d, const kh_token *t, int petrarch, cset *s)
{
    const char *w = t->norm;
    size_t n = t->nlen;
    add(s, kh__dict_word(d, w, n), KH_HOW_EXACT);
    if (t->kind != KH_TK_WORD)
        return;
    endings(d, w, n, s, petrarch);
    /* Stems: every prefix of the word that a dictionary uses as a stem. */
    size_t lim = n < d->max_stem_len ? n : d->max_stem_len;
    /* The prefixes' hashes are computed along the word, not once per prefix. */
    uint32_t x = kh__hash_step(kh__hash_step(KH_HASH_SEED, (unsigned char)w[0]),
                               (unsigned char)(n > 1 ? w[1] : 0));
    for (size_t k = 2; k < lim + 1 && k < n; k++) {
        const kh_hash_slot *sl = NULL;
        if (kh__dict_maybe_stem(d, kh__hash_final(x)))
            sl = kh__hash_get_hashed(&d->words, w, k, kh__hash_final(x));
        if (sl && d->wordstem.v[sl->value])
            add(s, sl->value, KH_HOW_STEM);
        x = kh__hash_step(x, (unsigned char)w[k]);
    }
}

/* A memo of words' candidates, per thread: news repeats its words ("the", "said",
 * "government"), and a word's candidates depend only on its normal form, whether it is a
 * word token, the dictionary and PETRARCH's endings (#7: candidates were a tenth of coding
 * time). Direct-mapped, kept by the thread (util/scratch.h); a word longer than MEMO_W or
 * with more than MEMO_C candidates is computed each time. */
#define MEMO_SLOTS 8192
#define MEMO_W 28
#define MEMO_C 5
/* One entry, one cache line of 64 bytes. */
typedef struct memo_e {
    uint32_t word[MEMO_C];
    uint16_t wcls; /* the word's entry in the word table (words.h) */
    uint8_t serial; /* 0: empty (the memo is zeroed for another dictionary) */
    uint8_t len, flags, n;
    uint8_t how[MEMO_C];
    uint8_t bit[MEMO_C]; /* kh_cand.bit */
    char w[MEMO_W];
} memo_e;
_Static_assert(sizeof(memo_e) == 64, "a memo entry is one cache line");

/* Words are read eight bytes at a time below: a token's normal form is an arena string,
 * whose allocation runs to the next multiple of 16, and a memo entry has MEMO_W bytes and the
 * next entry (or one spare at the end) after it. */
static inline uint64_t word8(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* The bits of the first n bytes (all when n >= 8) of a word8. */
static inline uint64_t first_bytes(size_t n)
{
    if (n >= 8)
        return ~0ull;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return n ? ~0ull << (8 * (8 - n)) : 0;
#else
    return (1ull << (8 * n)) - 1;
#endif
}

/* The memo's slot of word s[0..n) (#7: the hash was a multiply per letter, in a chain). */
static inline size_t memo_slot(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < n; i += 8) {
        h = (h ^ (word8(s + i) & first_bytes(n - i))) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    return (size_t)(h >> 7) & (MEMO_SLOTS - 1);
}

static inline int memo_same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i += 8)
        if ((word8(a + i) ^ word8(b + i)) & first_bytes(n - i))
            return 0;
    return 1;
}

/* The punctuation that dictionary phrases hold: "," "&" "(" ")" and the quote. */
static inline int is_phrase_punct(char c)
{
    return c == ',' || c == '&' || c == '(' || c == ')' || c == '"';
}

/* Fills the candidate words of every token, and its entry in the word table (kh_token.wcls:
 * the memo keeps it too). */
static void candidates(const kh_dict *d, kh_doc *doc)
{
    size_t cap = 0;
    memo_e *memo = kh__scratch(KH_SCRATCH_MEMO, (MEMO_SLOTS + 2) * sizeof(memo_e), d->serial);
    if (memo) /* on a cache line's start */
        memo = (memo_e *)(((uintptr_t)memo + 63) & ~(uintptr_t)63);
    for (size_t i = 0; i < doc->ntoks; i++) {
        kh_token *t = &doc->toks[i];
        t->cand = (uint32_t)doc->ncands;
        t->ncand = 0;
        if (t->kind == KH_TK_PUNCT && !(t->nlen == 1 && is_phrase_punct(t->norm[0]))) {
            t->wcls = kh__word_lookup(t->norm, t->nlen);
            continue;
        }
        cset s; /* not zeroed whole: only its first n are read */
        s.n = 0;
        uint8_t flags = (uint8_t)((t->kind == KH_TK_WORD) | (doc->opts.petrarch ? 2 : 0));
        memo_e *e = NULL;
        if (memo && t->nlen <= MEMO_W) {
            e = &memo[memo_slot(t->norm, t->nlen)];
            if (e->serial && e->len == t->nlen && e->flags == flags &&
                memo_same(e->w, t->norm, t->nlen)) {
                /* straight from the memo into the story's candidates */
                t->wcls = e->wcls;
                if (!e->n)
                    continue;
                if (doc->ncands + MEMO_C > cap) {
                    size_t nc = cap ? cap * 2 : 64;
                    doc->cands = kh__arena_grow(&doc->arena, doc->cands,
                                                doc->ncands * sizeof *doc->cands,
                                                nc * sizeof *doc->cands);
                    cap = nc;
                }
                kh_cand *c = doc->cands + doc->ncands;
                for (int k = 0; k < e->n; k++)
                    c[k] = (kh_cand){e->word[k], e->how[k], e->bit[k]};
                doc->ncands += e->n;
                t->ncand = e->n;
                continue;
            }
        }
        t->wcls = kh__word_lookup(t->norm, t->nlen);
        word_cands(d, t, doc->opts.petrarch, &s);
        if (e && s.n <= MEMO_C) {
            e->serial = 1;
            e->wcls = t->wcls;
            e->len = (uint8_t)t->nlen;
            e->flags = flags;
            e->n = (uint8_t)s.n;
            memcpy(e->w, t->norm, t->nlen);
            for (int k = 0; k < s.n; k++) {
                e->word[k] = s.c[k].word;
                e->how[k] = s.c[k].how;
                e->bit[k] = s.c[k].bit;
            }
        }
        if (!s.n)
            continue;
        if (doc->ncands + (size_t)s.n > cap) {
            size_t nc = cap ? cap * 2 : 64;
            doc->cands = kh__arena_grow(&doc->arena, doc->cands, doc->ncands * sizeof *doc->cands,
                                        nc * sizeof *doc->cands);
            cap = nc;
        }
        memcpy(doc->cands + doc->ncands, s.c, (size_t)s.n * sizeof *s.c);
        doc->ncands += (size_t)s.n;
        t->ncand = (uint8_t)s.n;
    }
}

/* Does token t match dictionary word w in mode? */
static int tok_matches(const kh_doc *doc, const kh_token *t, uint32_t w, int mode)
{
    for (uint8_t i = 0; i < t->ncand; i++) {
        const kh_cand *c = &doc->cands[t->cand + i];
        if (c->word == w && kh__mode_accepts(mode, c->how))
            return 1;
    }
    return 0;
}

/* Length in tokens of phrase ph matched at token i (within [i, end)), or 0. The
 * possessive token does not break a phrase's last word ("Haftar's"): it stays outside. */
static size_t phrase_at(const kh_dict *d, const kh_doc *doc, const kh_phrase *ph, size_t i,
                        size_t end, uint32_t *at)
{
    if (i + ph->n > end)
        return 0;
    size_t pos = i;
    for (uint16_t k = 0; k < ph->n; k++) {
        const kh_pword *pw = &d->pwords.v[ph->words + k];
        size_t q = pos;
        /* A blank in the phrase lets other words stand between, not punctuation: up to three
         * (TABARI: any number, "DURTHANG ORC" over "should be set up in areas ... rebel"). */
        size_t lim = (k && pw->gap) ? (doc->opts.tabari ? end : pos + 4) : pos + 1;
        /* PETRARCH: the words of an actor phrase may stand apart ("Ithilen state-run
         * television" is ITHILEN_TELEVISION) */
        if (k && doc->opts.petrarch && ph->kind == KH_PH_ACTOR && lim < pos + 3)
            lim = pos + 3;
        /* PETRARCH matches words whole: "THE_KU" is not "the Kuwait", DEPART not "departx". */
        int mode = pw->mode;
        if (doc->opts.petrarch && ph->kind <= KH_PH_VERB && mode == KH_WM_STEM)
            mode = KH_WM_ENDINGS;
        /* ... and an agent that lists its plurals ("POLICE {}") has no other forms */
        if (doc->opts.petrarch && ph->kind == KH_PH_AGENT && d->agents.v[ph->entry].forms)
            mode = KH_WM_EXACT;
        while (q < end && q < lim && !tok_matches(doc, &doc->toks[q], pw->word, mode)) {
            /* Quotes may stand in the gap (Al "The Weasel" Gore), other punctuation not. */
            if (doc->toks[q].kind == KH_TK_PUNCT && strcmp(doc->toks[q].norm, "\""))
                return 0;
            q++;
            if (doc->toks[q - 1].kind == KH_TK_PUNCT)
                lim++;
        }
        if (q >= end || q >= lim)
            return 0;
        if (at && k < 32)
            at[k] = (uint32_t)q;
        pos = q + 1;
    }
    return pos - i;
}

static void wset_add_token(kh_wset *s, const kh_doc *doc, const kh_token *t)
{
    for (uint8_t c = 0; c < t->ncand; c++) {
        uint32_t x = doc->cands[t->cand + c].bit;
        s->b[x >> 6] |= 1ull << (x & 63);
    }
}

/* The words that may follow token i at once (next), and within the reach of phrase_at's
 * gaps (near): four tokens, plus the quotes that may stand between, up to punctuation. */
static void follow_sets(const kh_doc *doc, size_t i, size_t end, kh_wset *next, kh_wset *near)
{
    *next = (kh_wset){{0}};
    *near = (kh_wset){{0}};
    if (i + 1 >= end)
        return;
    const kh_token *u = &doc->toks[i + 1];
    if (u->kind == KH_TK_PUNCT && u->norm[0] == '"')
        *next = (kh_wset){{~0ull, ~0ull, ~0ull, ~0ull}}; /* a quote may stand between */
    else
        wset_add_token(next, doc, u);
    /* the window's last token first, then its tokens' candidates in one loop: they lie
     * together in doc->cands (#7) */
    int words = 0;
    size_t q = i + 1;
    while (q < end && words < 4) {
        const kh_token *v = &doc->toks[q++];
        if (v->kind == KH_TK_PUNCT && v->norm[0] == '"')
            continue;
        if (v->kind == KH_TK_PUNCT)
            break;
        words++;
    }
    const kh_cand *c = doc->cands;
    for (size_t k = doc->toks[i + 1].cand, e = doc->toks[q - 1].cand + doc->toks[q - 1].ncand;
         k < e; k++)
        near->b[c[k].bit >> 6] |= 1ull << (c[k].bit & 63);
}

void kh__lexicon(const kh_dict *d, kh_doc *doc)
{
    candidates(d, doc);
    size_t cap = 0;
    const kh_first *first = d->first;
    const uint32_t *first_off = d->first_off;
    const kh_phrase *phrases = d->phrases.v;
    /* Phrases whose second word is looked for in the next four tokens, not the next one;
     * and those whose second word may be anywhere after (no test). */
    const uint8_t nearflags = (uint8_t)(KH_FF_GAP | (doc->opts.petrarch ? KH_FF_ACTOR : 0));
    const uint8_t always = doc->opts.tabari ? KH_FF_GAP : 0;
    for (size_t s = 0; s < doc->nsents; s++) {
        const kh_sentence *se = &doc->sents[s];
        if (se->kind == KH_SENT_FRAGMENT)
            continue;
        for (size_t i = se->t0; i < se->t1;) {
            const kh_token *t = &doc->toks[i];
            if (t->match == -2) { /* a word of a phrase that stood apart ("DURTHANG ... ORC") */
                i++;
                continue;
            }
            size_t best = 0, verblen = 0, stop = 0; /* stop: the smaller of the two */
            uint32_t bestph = 0, verbph = 0;
            uint32_t at[32], bestat[32];
            kh_wset next, near;
            int have_sets = 0; /* made when a phrase of two words or more is first met */
            for (uint8_t c = 0; c < t->ncand; c++) {
                uint32_t w = doc->cands[t->cand + c].word;
                for (uint32_t k = first_off[w], kend = first_off[w + 1]; k < kend; k++) {
                    const kh_first f = first[k];
                    if (f.n < stop)
                        break; /* sorted longest first */
                    if (f.flags & KH_FF_ISSUE)
                        continue; /* issues are looked for on their own (kh__issues) */
                    /* Can the phrase's second word follow? TABARI's blanks reach to the
                     * sentence's end. */
                    if ((f.flags & KH_FF_MULTI) && !(f.flags & always)) {
                        if (!have_sets) {
                            follow_sets(doc, i, se->t1, &next, &near);
                            have_sets = 1;
                        }
                        if (!kh__wset_has_bit((f.flags & nearflags) ? &near : &next, f.bit))
                            continue;
                    }
                    const kh_phrase *ph = &phrases[f.phrase];
                    size_t len = phrase_at(d, doc, ph, i, se->t1, at);
                    if (!len)
                        continue;
                    if (ph->kind == KH_PH_VERB && len > verblen) {
                        verblen = len;
                        verbph = f.phrase;
                    }
                    if (len > best || (len == best && ph->kind < phrases[bestph].kind)) {
                        best = len;
                        bestph = f.phrase;
                        memcpy(bestat, at, sizeof at);
                    }
                    stop = best < verblen ? best : verblen;
                }
            }
            /* A word that is both a role and a verb ("accused", "detained"): after the
             * subject and in a past form it is the verb ("The army accused the RSF"); after
             * an article it stays a noun ("the accused"). */
            if (best && verblen == best && d->phrases.v[bestph].kind == KH_PH_AGENT && i > se->t0) {
                const kh_token *last = &doc->toks[i + best - 1];
                int32_t pm = doc->toks[i - 1].match;
                int after_np = pm >= 0 && (doc->matches[pm].kind == KH_PH_ACTOR ||
                                           doc->matches[pm].kind == KH_PH_AGENT);
                if (after_np && last->nlen > 3 && memcmp(last->norm + last->nlen - 2, "ED", 2) == 0)
                    bestph = verbph;
            }
            if (!best) {
                i++;
                continue;
            }
            KH_GROW(doc, doc->matches, doc->nmatches, cap, kh_match);
            kh_match *m = &doc->matches[doc->nmatches];
            /* A phrase whose words stand apart covers its first run of words; the later
             * words are taken (-2) and the words between keep their own roles. */
            const kh_phrase *bph = &d->phrases.v[bestph];
            size_t run = 1;
            while (run < bph->n && run < 32 && bestat[run] == bestat[run - 1] + 1)
                run++;
            size_t cover = run >= bph->n ? best : bestat[run - 1] + 1 - i;
            m->t0 = (uint32_t)i;
            m->t1 = (uint32_t)(i + cover);
            m->kind = bph->kind;
            m->phrase = bestph;
            m->code = bph->kind == KH_PH_ACTOR
                          ? kh__actor_code(d, &d->actors.v[bph->entry], doc->date_num)
                          : NULL;
            m->special = 0;
            if (kh__code_special(m->code)) /* "###" discard, "####" story discard, "+++" */
                m->special = m->code[0] == '#' ? (m->code[3] == '#' ? 3 : 1) : 2;
            else if (bph->kind == KH_PH_VERB && (d->verbs.v[bph->entry].flags & KH_CODE_DISCARD))
                m->special = 1; /* a verb root coded [###] discards wherever it stands (TABARI 6.3) */
            doc->nspecial += m->special != 0;
            for (size_t k = i; k < i + cover; k++)
                doc->toks[k].match = (int32_t)doc->nmatches;
            for (size_t k = run; k < bph->n && k < 32; k++)
                doc->toks[bestat[k]].match = -2;
            /* The words between stay free but lie inside the phrase: no clause ends there. */
            if (run < bph->n)
                for (size_t k = i + cover; k < bestat[(bph->n < 32 ? bph->n : 32) - 1]; k++)
                    doc->toks[k].flags |= KH_TF_INSIDE;
            doc->nmatches++;
            i += cover;
        }
    }
}

/* Finds the issue phrases of sentence s (TABARI 9.2: string matching, longest phrase first,
 * no regard for syntax) and gives each event of the sentence their codes: per category the
 * first code, or all with TYPE="ALL", or the number before the phrase with TYPE="NUMERIC";
 * the category's DEFAULT when nothing was found. */
void kh__issues(const kh_dict *d, kh_doc *doc, size_t s, size_t first_event)
{
    if (!d->icats.n || first_event >= doc->nevents)
        return;
    const kh_sentence *se = &doc->sents[s];
    kh_issue found[64];
    size_t n = 0;
    for (size_t i = se->t0; i < se->t1;) {
        const kh_token *t = &doc->toks[i];
        size_t best = 0;
        const kh_issue_entry *be = NULL;
        for (uint8_t c = 0; c < t->ncand; c++) {
            uint32_t w = doc->cands[t->cand + c].word;
            for (uint32_t k = d->first_off[w]; k < d->first_off[w + 1]; k++) {
                const kh_first *f = &d->first[k];
                if (!(f->flags & KH_FF_ISSUE) || f->n <= best)
                    continue;
                const kh_phrase *ph = &d->phrases.v[f->phrase];
                size_t len = phrase_at(d, doc, ph, i, se->t1, NULL);
                if (len > best) {
                    best = len;
                    be = &d->issues.v[ph->entry];
                }
            }
        }
        if (!best) {
            i++;
            continue;
        }
        if (be->code && n < 64) {
            const kh_issue_cat *cat = &d->icats.v[be->cat];
            const char *code = be->code;
            if (cat->numeric && i > se->t0 && doc->toks[i - 1].kind == KH_TK_NUM) {
                const kh_token *nt = &doc->toks[i - 1];
                char *v = kh__arena_alloc(&doc->arena, (size_t)nt->nlen + 1);
                size_t o = 0;
                for (size_t k = 0; k < nt->nlen; k++)
                    if (nt->norm[k] != ',')
                        v[o++] = nt->norm[k];
                v[o] = 0;
                code = v;
            }
            int dup = 0;
            for (size_t k = 0; k < n; k++)
                dup |= found[k].category == cat->name && (!cat->all || !strcmp(found[k].code, code));
            if (!dup)
                found[n++] = (kh_issue){cat->name, code};
        }
        i += best;
    }
    for (size_t c = 0; c < d->icats.n && n < 64; c++) {
        const kh_issue_cat *cat = &d->icats.v[c];
        int any = 0;
        for (size_t k = 0; k < n; k++)
            any |= found[k].category == cat->name;
        if (!any && cat->dflt)
            found[n++] = (kh_issue){cat->name, cat->dflt};
    }
    kh_issue *arr = n ? kh__arena_alloc(&doc->arena, n * sizeof *arr) : NULL;
    if (n)
        memcpy(arr, found, n * sizeof *arr);
    for (size_t e = first_event; e < doc->nevents; e++) {
        doc->events[e].issues = arr;
        doc->events[e].nissues = n;
    }
}
