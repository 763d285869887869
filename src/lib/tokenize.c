/*
 * tokenize.c - splits a story's text into tokens with byte offsets and a normal form.
 *
 * Words keep inner apostrophes ("didn't", "O'Brien") and dotted acronyms ("U.S.", "U.N.");
 * titles and months take their point ("Gen.", "Jan."), as do initials ("John F. Kennedy");
 * numbers keep inner commas and points ("1,000", "5.5"); a hyphen between letters splits the
 * word and marks the second part (TABARI 0.7.3 reads "al-Assad" as "al Assad"); a final
 * "'s" or "'" becomes a possessive token. Everything else that is not a space is a
 * punctuation token. Curly quotes and dashes are folded in the normal form.
 */
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "util/buf.h"
#include "util/swar.h"
#include "util/utf8.h"

/* Words that take a following point without ending a sentence (case-insensitive). */
static const char *const k_titles[] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "prof", "st", "jr", "sr", "brig", "cmdr", "cdr", "pres", "amb", "hon",
    "no", "nos", "inc", "corp", "co", "ltd", "vs", "mt", "ft", "fr", "messrs", "mme", "mlle",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "dept", "univ", "est", "gens", "lieut", "cpl", "pvt", "supt", "insp", "det",
    "ave", "blvd", "rd", "sq", "etc", "al", "op", "cf", "ed", "vol", "pp", "tel", "ext", NULL};

static int is_title(const char *s, size_t n)
{
    if (n > 7)
        return 0;
    for (const char *const *t = k_titles; *t; t++) {
        size_t i = 0; /* stops at the title's end: (s[i] | 0x20) is never 0 */
        while (i < n && (s[i] | 0x20) == (*t)[i])
            i++;
        if (i == n && (*t)[n] == 0)
            return 1;
    }
    return 0;
}

/* ASCII's classes: 'w' word character (letters, digits, and control characters, which stay
 * inside a word so that junk bytes make no new words, as TABARI reads them), 's' space,
 * 'p' punctuation. */
static const char k_ascii[129] = /* 32 a line: controls, " !\"#..?", "@A..Z[\\]^_", "`a..z{|}~" */
    "wwwwwwwwwssssswwwwwwwwwwwwwwwwww"
    "spppppppppppppppwwwwwwwwwwpppppp"
    "pwwwwwwwwwwwwwwwwwwwwwwwwwwppppp"
    "pwwwwwwwwwwwwwwwwwwwwwwwwwwppppw";

/* The bytes that make a word alone, by a table (#7: the tokenizer's inner loop): 1 an ASCII
 * letter or a control character, 2 a digit, 0 anything else ('s' and 'p' of k_ascii, and
 * every byte of a multi-byte character, which takes cls()'s way). */
enum { KR_OTHER = 1, KR_DIGIT = 2 };
static unsigned char k_run[256];

static void init_run(void)
{
    for (unsigned c = 0; c < 128; c++)
        if (k_ascii[c] == 'w')
            k_run[c] = c >= '0' && c <= '9' ? KR_DIGIT : KR_OTHER;
}

static inline char ascii_cls(unsigned char c)
{
    return k_ascii[c];
}

/* Classifies the code point at p: 'w' word character, 's' space, 'p' punctuation. */
static inline int cls(const unsigned char *p, size_t left, size_t *len, int32_t *cpo)
{
    unsigned char c = *p;
    if (c < 0x80) {
        *len = 1;
        *cpo = c;
        return ascii_cls(c);
    }
    int32_t cp;
    *len = kh__utf8_decode(p, left, &cp);
    *cpo = cp;
    if (cp < 0)
        return 'p';
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x202F ||
        cp == 0x205F || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return 's';
    utf8proc_category_t cat = utf8proc_category(cp);
    if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
        (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
        (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
        return 'w';
    return 'p';
}

static int is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

static int is_alpha_at(const unsigned char *t, size_t i, size_t n)
{
    if (i >= n)
        return 0;
    size_t l;
    int32_t cp;
    return cls(t + i, n - i, &l, &cp) == 'w' && !(cp >= '0' && cp <= '9');
}

static int is_ascii_letter(const unsigned char *t, size_t i, size_t n)
{
    return i < n && ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z');
}

static int is_digit_at(const unsigned char *t, size_t i, size_t n)
{
    return i < n && t[i] >= '0' && t[i] <= '9';
}

typedef struct tk_state {
    kh_doc *doc;
    kh_buf norm;
    size_t cap;
} tk_state;

static void push(tk_state *S, size_t s, size_t e, int kind, unsigned flags, const char *norm,
                 size_t nlen)
{
    kh_doc *doc = S->doc;
    KH_GROW(doc, doc->toks, doc->ntoks, S->cap, kh_token);
    kh_token *t = &doc->toks[doc->ntoks++];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)s;
    t->end = (uint32_t)e;
    t->kind = (uint8_t)kind;
    t->match = -1;
    const unsigned char *p = (const unsigned char *)doc->text + s;
    size_t n = e - s;
    int up = 0, low = 0, first = -1;
    if (!norm) {
        /* ASCII text of at most 65535 bytes (the caller knows): the normal form and the case
         * flags in one pass, eight bytes at a time (#7: a loop per letter cost a mispredicted
         * branch or two a word). The text is padded (utf8.h) and w has room for the last
         * eight; up counts to two at most, all the flags need. */
        char *w = kh__arena_alloc(&doc->arena, (n | 7) + 1);
        for (size_t i = 0; i < n; i += 8) {
            uint64_t x = kh__load8(p + i), m = kh__swar_first(n - i);
            uint64_t lo = kh__swar_range(x, 'a', 'z') & m, hi = kh__swar_range(x, 'A', 'Z') & m;
            if (first < 0 && (lo | hi))
                first = kh__swar_index(lo | hi) == (hi ? kh__swar_index(hi) : 8);
            low |= lo != 0;
            up += (hi != 0) + ((hi & (hi - 1)) != 0);
            x -= lo >> 2; /* 0x20 off each lower-case letter */
            memcpy(w + i, &x, 8);
        }
        w[n] = 0;
        t->norm = w;
        t->nlen = (uint16_t)n;
        n = 0; /* counted */
    } else {
        if (nlen > 65535)
            nlen = 65535;
        t->norm = kh__arena_strndup(&doc->arena, norm, nlen);
        t->nlen = (uint16_t)nlen;
    }
    /* Case flags from the text itself. */
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) { /* ASCII: no table needed */
            unsigned char a = p[i++];
            if (a >= 'A' && a <= 'Z') {
                up++;
                if (first < 0)
                    first = 1;
            } else if (a >= 'a' && a <= 'z') {
                low++;
                if (first < 0)
                    first = 0;
            }
            continue;
        }
        size_t l;
        int32_t cp;
        int c = cls(p + i, n - i, &l, &cp);
        if (c == 'w' && cp >= 0) {
            utf8proc_category_t cat = utf8proc_category(cp);
            if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
                up++;
                if (first < 0)
                    first = 1;
            } else if (cat == UTF8PROC_CATEGORY_LL) {
                low++;
                if (first < 0)
                    first = 0;
            }
        }
        i += l;
    }
    if (first == 1)
        flags |= KH_TF_CAP;
    if (up >= 2 && !low)
        flags |= KH_TF_ALLCAP;
    if (low && !up)
        flags |= KH_TF_LOWER;
    if (t->norm[0] >= '0' && t->norm[0] <= '9')
        flags |= KH_TF_DIGIT;
    t->flags = (uint16_t)flags;
    /* the story's case (kh_doc.all_caps, nwords, ntitled): "Like this" is not all capitals */
    unsigned titled = (flags & (KH_TF_CAP | KH_TF_ALLCAP)) == KH_TF_CAP;
    if ((flags & KH_TF_LOWER) || (kind == KH_TK_WORD && titled && e - s > 1))
        doc->all_caps = 0;
    if (kind == KH_TK_WORD) {
        doc->nwords++;
        doc->ntitled += titled && t->nlen > 1;
        doc->nlower += (flags & KH_TF_LOWER) != 0;
        doc->nallcap += (flags & KH_TF_ALLCAP) != 0;
    }
}

void kh__tokenize(kh_doc *doc)
{
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t n = doc->len, i = 0;
    tk_state S = {doc, KH_BUF_INIT, 0};
    unsigned pend = 0; /* flags for the next token */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_run);
    doc->all_caps = 1; /* until a token says otherwise (push) */
    doc->nwords = doc->ntitled = doc->nlower = doc->nallcap = 0;
    int nl = 0;
    while (i < n) {
        size_t l;
        int32_t cp;
        int c = cls(t + i, n - i, &l, &cp);
        if (c == 's') {
            pend |= KH_TF_SPACE;
            if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
                nl++;
                pend |= KH_TF_NL;
                if (nl >= 2)
                    pend |= KH_TF_PARA;
            }
            i += l;
            continue;
        }
        nl = 0;
        size_t s = i;
        if (c == 'w') {
            /* Dotted acronym: U.S., U.N., U.S.A. (single letters, each with its point). */
            if (is_ascii_letter(t, i, n) && i + 3 < n && t[i + 1] == '.' &&
                is_ascii_letter(t, i + 2, n) && t[i + 3] == '.') {
                size_t j = i;
                kh__buf_clear(&S.norm);
                while (j + 1 < n && is_ascii_letter(t, j, n) && t[j + 1] == '.') {
                    kh__norm_word(&S.norm, (const char *)t + j, 1);
                    kh__buf_putc(&S.norm, '.');
                    j += 2;
                }
                push(&S, s, j, KH_TK_WORD, pend | KH_TF_ABBR, S.norm.ptr, S.norm.len);
                pend = 0;
                i = j;
                continue;
            }
            size_t j = i;
            /* Its run of ASCII letters and digits first, eight bytes at a time (the text is
             * padded: utf8.h; #7), then byte by byte the rest of the run (control characters)
             * and what may continue it. */
            unsigned seen = 0, f;
            for (;;) {
                uint64_t x = kh__load8(t + j);
                uint64_t dg = kh__swar_range(x, '0', '9');
                uint64_t al = kh__swar_range(x | 0x2020202020202020ull, 'a', 'z');
                uint64_t stop = ~((al | dg) & kh__swar_first(n - j)) & KH_SWAR_HIGHS;
                unsigned k = stop ? kh__swar_index(stop) : 8;
                uint64_t m = kh__swar_first(k);
                seen |= ((al & m) ? KR_OTHER : 0) | ((dg & m) ? KR_DIGIT : 0);
                j += k;
                if (k < 8)
                    break;
            }
            while (j < n && (f = k_run[t[j]]) != 0) {
                seen |= f;
                j++;
            }
            int digits_only = !(seen & KR_OTHER), ascii = 1;
            while (j < n) {
                int c2 = cls(t + j, n - j, &l, &cp);
                ascii &= t[j] < 0x80;
                if (c2 == 'w') {
                    if (!(cp >= '0' && cp <= '9'))
                        digits_only = 0;
                    j += l;
                    continue;
                }
                /* Inner point or comma of a number: 1,000  5.5 */
                if ((cp == ',' || cp == '.') && digits_only && is_digit_at(t, j + 1, n) && j > s &&
                    is_digit_at(t, j - 1, n)) {
                    j += 1;
                    continue;
                }
                /* Inner apostrophe: didn't, O'Brien; not a final 's. */
                if (is_apos(cp) && is_alpha_at(t, j + l, n)) {
                    size_t k = j + l;
                    int poss = (t[k] == 's' || t[k] == 'S') && !is_alpha_at(t, k + 1, n);
                    if (!poss) {
                        ascii &= l == 1;
                        j += l;
                        continue;
                    }
                }
                break;
            }
            size_t e = j;
            unsigned fl = pend;
            pend = 0;
            kh__buf_clear(&S.norm);
            /* Title or initial with its point. */
            if (e < n && t[e] == '.' && !digits_only &&
                (is_title((const char *)t + s, e - s) ||
                 (e - s == 1 && t[s] >= 'A' && t[s] <= 'Z'))) {
                kh__norm_word(&S.norm, (const char *)t + s, e - s);
                push(&S, s, e + 1, KH_TK_WORD, fl | KH_TF_ABBR, S.norm.ptr, S.norm.len);
                i = e + 1;
                continue;
            }
            if (ascii && e - s <= 65535) {
                push(&S, s, e, digits_only ? KH_TK_NUM : KH_TK_WORD, fl, NULL, 0);
            } else {
                kh__norm_word(&S.norm, (const char *)t + s, e - s);
                push(&S, s, e, digits_only ? KH_TK_NUM : KH_TK_WORD, fl, S.norm.ptr, S.norm.len);
            }
            i = e;
            if (i < n && t[i] == ' ') { /* most words: a blank after it, and nothing below */
                pend |= KH_TF_SPACE;
                i++;
                continue;
            }
            /* Possessive: 's or a bare ' after a word ending in s. */
            if (i < n) {
                size_t l2;
                int32_t cp2;
                cls(t + i, n - i, &l2, &cp2);
                if (is_apos(cp2)) {
                    size_t k = i + l2;
                    if (k < n && (t[k] == 's' || t[k] == 'S') && !is_alpha_at(t, k + 1, n)) {
                        push(&S, i, k + 1, KH_TK_POSS, 0, "'S", 2);
                        i = k + 1;
                    } else if ((t[i - 1] == 's' || t[i - 1] == 'S') && !is_alpha_at(t, k, n)) {
                        push(&S, i, k, KH_TK_POSS, 0, "'", 1);
                        i = k;
                    }
                }
            }
            /* A hyphen between two words joins them loosely. */
            if (i + 1 < n) {
                size_t l2;
                int32_t cp2;
                cls(t + i, n - i, &l2, &cp2);
                if ((cp2 == '-' || cp2 == '_' || cp2 == 0x2010 || cp2 == 0x2011) && i + l2 < n) {
                    size_t l3;
                    int32_t cp3;
                    if (cls(t + i + l2, n - i - l2, &l3, &cp3) == 'w') {
                        i += l2;
                        pend |= KH_TF_HYPHEN;
                    }
                }
            }
            continue;
        }
        /* Punctuation: "..." and "--" as one token. */
        size_t e = i + l;
        int dots = 0;
        if (cp == '.' && i + 2 < n && t[i + 1] == '.' && t[i + 2] == '.') {
            dots = 1;
            e = i + 3;
            while (e < n && t[e] == '.')
                e++;
        } else if (cp == '-' && i + 1 < n && t[i + 1] == '-') {
            e = i + 2;
        }
        kh__buf_clear(&S.norm);
        if (cp == 0x2026 || dots)
            kh__buf_puts(&S.norm, "...");
        else if (cp < 0)
            kh__buf_puts(&S.norm, "?");
        else
            kh__norm_word(&S.norm, (const char *)t + i, e - i);
        push(&S, i, e, KH_TK_PUNCT, pend, S.norm.ptr, S.norm.len);
        pend = 0;
        i = e;
    }
    kh__buf_free(&S.norm);
}
