/*
 * counts.c - casualty counts (issue #6): people killed, wounded, arrested and displaced,
 * read from the tokens of a sentence and attached to its events.
 *
 * A number phrase is a qualifier, a number and maybe a range or "or more":
 *   qualifiers   at least, no fewer than, more than, over, upwards of, about, around, some,
 *                an estimated, nearly, almost, close to, up to, as many as, at most, fewer
 *                than, less than, under; "between 10 and 15", "10 to 15", "10-15", "two or
 *                three" are ranges
 *   numbers      digits ("12", "1,200"), with a scale ("1.2 million", "2 lakh"); words ("two",
 *                "twenty-one", "two hundred and fifty", "a dozen", "half a dozen"); vague
 *                plurals read as their least ("dozens" at least 24, "hundreds" 200,
 *                "thousands" 2,000, "tens of thousands" 20,000, "scores" 40, "several" 3);
 *                "a soldier", "an officer": one; "no one", "nobody", "none": zero
 * Numbers are read with saturation at 10^15; one above KH_COUNT_MAX (10^9: no event kills,
 * wounds or displaces more people than live on a continent) is rejected as no count, never
 * capped to a made-up figure. A number that measures something else ("12 km", "20-year-old",
 * "5 percent", "three days", "Rs 2 lakh") is no count; nor is one inside a date expression
 * (when.c runs first and marks its tokens).
 *
 * A count is a number phrase and a word of its kind, in one of three shapes:
 *   A  number, then up to six words, then the word: "more than 1,000 people have been
 *      killed", "at least 5,000 others wounded", "two soldiers died", "dozens were
 *      arrested", "12 deaths"; not when the word is an active verb with a number of its
 *      own ("five gunmen killed 12": that is 12), nor after to, will, could ("two refuse to
 *      die", but "known to have been killed" counts); "one of the over 800 arrested" is
 *      the 800, "two of the three soldiers were killed" the two
 *   B  the word, then the number phrase: "killing 12", "arrested dozens of protesters";
 *      "claimed 12 lives" (and "12 lives were lost" in shape A)
 *   T  "the death toll rose to 45", "a toll of 45"
 * Numbers joined by "and" before the same word add up: "three soldiers and two civilians
 * were killed" is 5; "killing 12 soldiers and three civilians" is 15.
 *
 * Where a count goes: to the nearest event of its sentence (by words between the count's word
 * and the event's verb) whose code is violence - roots 18, 19, 20 or 145 (violent protest) -
 * or, for arrests, coercion (root 17); to that one event only, so that counts summed over
 * events are not doubled. A count with no such event, or of a kind the event already has,
 * is the story's (doc->scounts, a "counts" record in the output), with its sentence's date.
 */
#include <string.h>

#include "enrich.h"
#include "words.h"

#define BIG 1000000000000000LL /* 1e15: numbers are read up to here, then only flagged */

static long long sat_add(long long a, long long b, uint8_t *of)
{
    if (a > BIG - b) {
        *of = 1;
        return BIG;
    }
    return a + b;
}

static long long sat_mul(long long a, long long b, uint8_t *of)
{
    if (a && b > BIG / a) {
        *of = 1;
        return BIG;
    }
    return a * b;
}

/* 10^k for the scales of the word table (k <= 9); never more than 10^18. */
static long long pow10i(int k)
{
    long long p = 1;
    for (int i = 0; i < k && i < 18; i++)
        p *= 10;
    return p;
}

static inline int isw(const kh_doc *doc, size_t i, size_t t1, const char *w)
{
    return i < t1 && kh__norm_is(&doc->toks[i], w);
}

static inline const kh_ew *ewi(const kh_doc *doc, size_t i, size_t t1)
{
    return i < t1 ? kh__ew_at(doc, i) : NULL;
}

static inline int ecls(const kh_doc *doc, size_t i, size_t t1)
{
    const kh_ew *e = ewi(doc, i, t1);
    return e ? e->cls : KH_EW_NONE;
}

static inline int is_any(const kh_doc *doc, size_t i, size_t t1, unsigned list)
{
    return i < t1 && (kh__words[doc->toks[i].wcls].lists & list) != 0;
}

/* The value of a token of digits: "1,200" 1200; "1.2" 12 with one decimal. 0: not digits. */
static int digits(const kh_token *t, long long *v, int *dec, uint8_t *of)
{
    long long x = 0;
    int d = -1, nd = 0;
    for (int k = 0; k < t->nlen; k++) {
        char ch = t->norm[k];
        if (ch >= '0' && ch <= '9') {
            if (x > (BIG - 9) / 10) {
                *of = 1;
                x = BIG;
            } else {
                x = x * 10 + (ch - '0');
            }
            if (d >= 0)
                d++;
            nd++;
        } else if (ch == ',' && d < 0) {
            continue;
        } else if (ch == '.' && d < 0) {
            d = 0;
        } else {
            return 0;
        }
    }
    *v = x;
    *dec = d < 0 ? 0 : d;
    return nd > 0;
}

/* Is the number that ends before token j a measure ("12 km", "three days", "5 percent")? */
static int measure_after(const kh_doc *doc, size_t j, size_t t1)
{
    int c = ecls(doc, j, t1);
    return c == KH_EW_UNITSTOP || c == KH_EW_UNIT;
}

/* A number in words from i: "two", "twenty-one", "two hundred and fifty", "two dozen",
 * "three million". Returns the token after it, 0 if none. */
static size_t words(const kh_doc *doc, size_t i, size_t t1, long long *v, uint8_t *of)
{
    long long total = 0, cur = 0;
    int last = 0; /* 1 unit, 2 teen or ten, 3 tens, 4 hundred, 5 thousand and up */
    size_t j = i;
    while (j < t1) {
        const kh_ew *w = ewi(doc, j, t1);
        if (w && w->cls == KH_EW_NUMWORD) {
            int x = w->val;
            int kind = x < 10 ? 1 : x < 20 ? 2 : 3;
            if ((last && last <= 2) || (last == 3 && kind != 1))
                break; /* "two three": not one number */
            cur += x;
            last = kind;
            j++;
            continue;
        }
        if (w && w->cls == KH_EW_SCALE && last) {
            if (w->val == 1) { /* "two dozen" */
                if (last > 3)
                    break;
                cur *= 12;
                last = 3;
            } else if (w->val == 2) {
                if (last == 4)
                    break;
                cur = sat_mul(cur, 100, of);
                last = 4;
            } else {
                total = sat_add(total, sat_mul(cur ? cur : 1, pow10i(w->val), of), of);
                cur = 0;
                last = 5;
            }
            j++;
            continue;
        }
        /* "two hundred and fifty" */
        if (last >= 4 && isw(doc, j, t1, "AND") && ecls(doc, j + 1, t1) == KH_EW_NUMWORD) {
            j++;
            continue;
        }
        break;
    }
    if (j == i)
        return 0;
    *v = sat_add(total, cur, of);
    return j;
}

/* The number itself at i (after any qualifier). Returns the token after it, 0 if none. */
static size_t core(const kh_doc *doc, size_t i, size_t t1, long long *v, int *vague,
                   int *person, uint8_t *of)
{
    *vague = *person = 0;
    if (i >= t1)
        return 0;
    const kh_token *t = &doc->toks[i];
    if (t->kind == KH_TK_NUM) {
        long long x;
        int dec;
        if (!digits(t, &x, &dec, of))
            return 0;
        size_t j = i + 1;
        const kh_ew *e = ewi(doc, j, t1);
        if (e && e->cls == KH_EW_SCALE && e->val >= 2) { /* "1.2 million" */
            x = sat_mul(x, pow10i(e->val), of) / pow10i(dec);
            j++;
        } else if (dec) {
            return 0; /* "1.5" of people is no count */
        }
        /* "20-year-old", "12-member": a number joined to a word is an adjective */
        if (j < t1 && (doc->toks[j].flags & KH_TF_HYPHEN) && doc->toks[j].kind == KH_TK_WORD)
            return 0;
        if (measure_after(doc, j, t1))
            return 0;
        *v = x;
        return j;
    }
    const kh_ew *e = ewi(doc, i, t1);
    if (!e)
        return 0;
    size_t j = 0;
    switch (e->cls) {
    case KH_EW_ARTICLE: {
        const kh_ew *n = ewi(doc, i + 1, t1);
        if (n && n->cls == KH_EW_SCALE) { /* "a dozen", "a hundred" */
            *v = n->val == 1 ? 12 : pow10i(n->val);
            j = i + 2;
            break;
        }
        /* "a soldier", "a police officer", "a 20-year-old man": one person, named within
         * four words */
        for (size_t k = i + 1; k < t1 && k < i + 5; k++) {
            const kh_token *w = &doc->toks[k];
            const kh_ew *n2 = kh__ew_at(doc, k);
            if (n2 && n2->cls == KH_EW_PERSON) {
                *v = 1;
                *person = 1;
                return k + 1;
            }
            if ((w->kind != KH_TK_WORD && w->kind != KH_TK_NUM) ||
                (n2 && n2->cls != KH_EW_NONE && !(w->flags & KH_TF_HYPHEN)))
                break;
        }
        return 0;
    }
    case KH_EW_QSTART:
        if (isw(doc, i, t1, "HALF") && isw(doc, i + 1, t1, "A") && isw(doc, i + 2, t1, "DOZEN")) {
            *v = 6;
            j = i + 3;
            break;
        }
        if (isw(doc, i, t1, "NO") && isw(doc, i + 1, t1, "ONE")) {
            *v = 0;
            return i + 2;
        }
        if (isw(doc, i, t1, "NOBODY") || isw(doc, i, t1, "NONE")) {
            *v = 0;
            return i + 1;
        }
        return 0;
    case KH_EW_VAGUE: {
        *vague = 1;
        const kh_ew *n = ewi(doc, i + 1, t1);
        if (e->val == 0) { /* several */
            if (n && (n->cls == KH_EW_SCALE || n->cls == KH_EW_VAGUE) &&
                ((n->val >= 1 && n->val <= 9) || n->val == 20)) {
                /* "several dozen", "several hundred(s)", "several scores" */
                *v = 3 * (n->val == 1 ? 12 : n->val == 20 ? 20 : pow10i(n->val));
                j = i + 2;
            } else {
                *v = 3;
                j = i + 1;
            }
            break;
        }
        /* "tens of thousands", "hundreds of thousands" */
        const kh_ew *n2 = ewi(doc, i + 2, t1);
        long long base = e->val == 1 ? 24 : e->val == 10 || e->val == 20 ? 2 * e->val
                                                                           : 2 * pow10i(e->val);
        if (isw(doc, i + 1, t1, "OF") && n2 && n2->cls == KH_EW_VAGUE && n2->val >= 3 &&
            n2->val <= 9) {
            *v = (e->val == 1 ? 24 : e->val == 2 ? 200 : base) * pow10i(n2->val);
            j = i + 3;
            break;
        }
        if (e->val == 10)
            return 0; /* "tens" alone */
        *v = base;
        j = i + 1;
        break;
    }
    case KH_EW_NUMWORD:
        j = words(doc, i, t1, v, of);
        break;
    default:
        return 0;
    }
    if (!j || measure_after(doc, j, t1))
        return 0;
    return j;
}

static const struct {
    const char *w[4];
    uint8_t q;
} k_qual[] = {
    {{"AT", "LEAST"}, KH_QUAL_AT_LEAST},        {{"AT", "MOST"}, KH_QUAL_UP_TO},
    {{"NO", "FEWER", "THAN"}, KH_QUAL_AT_LEAST}, {{"NO", "LESS", "THAN"}, KH_QUAL_AT_LEAST},
    {{"NOT", "LESS", "THAN"}, KH_QUAL_AT_LEAST}, {{"NOT", "FEWER", "THAN"}, KH_QUAL_AT_LEAST},
    {{"NO", "MORE", "THAN"}, KH_QUAL_UP_TO},    {{"NOT", "MORE", "THAN"}, KH_QUAL_UP_TO},
    {{"A", "MINIMUM", "OF"}, KH_QUAL_AT_LEAST}, {{"A", "MAXIMUM", "OF"}, KH_QUAL_UP_TO},
    {{"MORE", "THAN"}, KH_QUAL_MORE_THAN},      {{"WELL", "OVER"}, KH_QUAL_MORE_THAN},
    {{"OVER"}, KH_QUAL_MORE_THAN},              {{"UPWARDS", "OF"}, KH_QUAL_MORE_THAN},
    {{"ABOUT"}, KH_QUAL_ABOUT},                 {{"AROUND"}, KH_QUAL_ABOUT},
    {{"SOME"}, KH_QUAL_ABOUT},                  {{"APPROXIMATELY"}, KH_QUAL_ABOUT},
    {{"ROUGHLY"}, KH_QUAL_ABOUT},               {{"AN", "ESTIMATED"}, KH_QUAL_ABOUT},
    {{"ESTIMATED"}, KH_QUAL_ABOUT},             {{"NEARLY"}, KH_QUAL_NEARLY},
    {{"ALMOST"}, KH_QUAL_NEARLY},               {{"CLOSE", "TO"}, KH_QUAL_NEARLY},
    {{"JUST", "UNDER"}, KH_QUAL_NEARLY},        {{"UP", "TO"}, KH_QUAL_UP_TO},
    {{"AS", "MANY", "AS"}, KH_QUAL_UP_TO},      {{"FEWER", "THAN"}, KH_QUAL_FEWER_THAN},
    {{"LESS", "THAN"}, KH_QUAL_FEWER_THAN},     {{"UNDER"}, KH_QUAL_FEWER_THAN},
};

int kh__read_number(const kh_doc *doc, size_t i, size_t t1, kh_num *out)
{
    memset(out, 0, sizeof *out);
    out->max = -1;
    if (i >= t1)
        return 0;
    size_t j = i;
    int q = KH_QUAL_EXACT, between = 0;
    int c = ecls(doc, i, t1);
    if (c == KH_EW_QSTART || c == KH_EW_ARTICLE) {
        if (isw(doc, i, t1, "BETWEEN")) {
            between = 1;
            j++;
        } else {
            const char *w = doc->toks[i].norm;
            for (size_t k = 0; k < sizeof k_qual / sizeof *k_qual; k++) {
                /* its first two bytes first ("A" starts many of them) */
                if (w[0] != k_qual[k].w[0][0] || w[1] != k_qual[k].w[0][1])
                    continue;
                size_t n = 0;
                while (n < 4 && k_qual[k].w[n] && isw(doc, i + n, t1, k_qual[k].w[n]))
                    n++;
                if (n < 4 && k_qual[k].w[n])
                    continue;
                q = k_qual[k].q;
                j = i + n;
                break;
            }
        }
    }
    long long v, v2;
    int vague, person, vague2, person2;
    size_t e = core(doc, j, t1, &v, &vague, &person, &out->overflow);
    if (!e)
        return 0;
    if (vague && q == KH_QUAL_EXACT)
        q = KH_QUAL_AT_LEAST;
    if (between) {
        size_t e2 = isw(doc, e, t1, "AND") ? core(doc, e + 1, t1, &v2, &vague2, &person2, &out->overflow) : 0;
        if (!e2 || v2 < v)
            return 0;
        q = KH_QUAL_RANGE;
        out->max = v2;
        e = e2;
    } else if (isw(doc, e, t1, "OR") && isw(doc, e + 1, t1, "MORE")) {
        if (q == KH_QUAL_EXACT)
            q = KH_QUAL_AT_LEAST; /* "12 or more" */
        e += 2;
    } else if (!vague && !person && e < t1 &&
               (isw(doc, e, t1, "TO") || isw(doc, e, t1, "OR") ||
                (doc->toks[e].kind == KH_TK_NUM && (doc->toks[e].flags & KH_TF_HYPHEN)))) {
        /* "10 to 15", "two or three", "10-15" */
        size_t k = doc->toks[e].kind == KH_TK_NUM ? e : e + 1;
        size_t e2 = core(doc, k, t1, &v2, &vague2, &person2, &out->overflow);
        if (e2 && !vague2 && v2 > v) {
            q = KH_QUAL_RANGE;
            out->max = v2;
            e = e2;
        }
    }
    out->t0 = (uint32_t)i;
    out->t1 = (uint32_t)e;
    out->n = v;
    out->qual = (uint8_t)q;
    out->person = (uint8_t)person;
    if (v > KH_COUNT_MAX || out->max > KH_COUNT_MAX)
        out->overflow = 1;
    return 1;
}

/* ------------------------------------------------------------------ counts of a sentence */

/* Words that end the gap between a number and the word of its count. */
static const char *const k_gap_stop[] = {"AND", "OR", "BUT", "WHO", "WHICH", "THAT", "WHILE",
                                         "WHEN", "WHERE", "SAID", "SAYS", "SAY", "NOT",
                                         "NEVER", "IF", "BY", "AFTER", "BEFORE", "SINCE",
                                         "BECAUSE", "ACCORDING", "THAN", "FOR", NULL};
/* Before the word of a count, these make it no fact: "refuse to die", "could be killed". */
static const char *const k_irrealis[] = {"TO", "WILL", "WOULD", "COULD", "MIGHT", "MAY", "CAN",
                                         "SHOULD", "MUST", "CANNOT", "WON'T", NULL};
static const char *const k_passive[] = {"ARE", "WERE", "WAS", "IS", "BE", "BEEN", "BEING",
                                        "GET", "GOT", "GOTTEN", NULL};
static const char *const k_home[] = {"HOME", "HOMES", "COUNTRY", "CITY", "TOWN", "TOWNS",
                                     "VILLAGE", "VILLAGES", "AREA", "AREAS", "REGION",
                                     "FIGHTING", "VIOLENCE", "CLASHES", NULL};

/* A count found: its number (summed over "and"), its word, its kind. */
typedef struct found {
    kh_num num;
    size_t trig;
    int kind;
} found;

/* Qualifier of a sum: exact + at least is at least; lower and upper bounds mixed, about. */
static uint8_t sum_qual(uint8_t a, uint8_t b)
{
    if (a == b || b == KH_QUAL_EXACT)
        return a;
    if (a == KH_QUAL_EXACT)
        return b;
    int la = a == KH_QUAL_AT_LEAST || a == KH_QUAL_MORE_THAN;
    int lb = b == KH_QUAL_AT_LEAST || b == KH_QUAL_MORE_THAN;
    int ua = a == KH_QUAL_UP_TO || a == KH_QUAL_FEWER_THAN || a == KH_QUAL_NEARLY;
    int ub = b == KH_QUAL_UP_TO || b == KH_QUAL_FEWER_THAN || b == KH_QUAL_NEARLY;
    if (la && lb)
        return KH_QUAL_AT_LEAST;
    if (ua && ub)
        return KH_QUAL_UP_TO;
    return KH_QUAL_ABOUT;
}

/* Adds b to a ("three soldiers and two civilians"); 0 when they do not add (ranges). */
static int add_num(kh_num *a, const kh_num *b)
{
    if (a->qual == KH_QUAL_RANGE || b->qual == KH_QUAL_RANGE || b->overflow)
        return 0;
    a->n += b->n; /* both at most KH_COUNT_MAX: no overflow */
    if (a->n > KH_COUNT_MAX)
        a->overflow = 1;
    a->qual = sum_qual(a->qual, b->qual);
    a->t1 = b->t1;
    return 1;
}

/* Money: "Rs 2 lakh", "$5 million" count no people. */
static const char *const k_currency[] = {"$", "RS", "INR", "USD", "EUR", "\xc2\xa3", "\xe2\x82\xac",
                                         "US$", NULL};

/* Reads a number phrase at i that no date took. */
static int number_at(const kh_doc *doc, size_t i, size_t t1, kh_num *n)
{
    if (i >= t1 || doc->enrich_mark[i] || !kh__read_number(doc, i, t1, n))
        return 0;
    size_t p = i;
    if (p > 0 && kh__norm_is(&doc->toks[p - 1], "."))
        p--; /* "Rs. 5" */
    if (p > 0 && is_any(doc, p - 1, t1, KH_WL_CURRENCY))
        return 0;
    for (size_t k = n->t0; k < n->t1; k++)
        if (doc->enrich_mark[k])
            return 0;
    return 1;
}

/* Could token i start a number phrase (a cheap test before kh__read_number)? */
static inline int num_start(const kh_doc *doc, size_t i, size_t t1)
{
    if (i >= t1)
        return 0;
    if (doc->toks[i].kind == KH_TK_NUM)
        return 1;
    int c = ecls(doc, i, t1);
    return c == KH_EW_NUMWORD || c == KH_EW_VAGUE || c == KH_EW_QSTART || c == KH_EW_ARTICLE;
}

/* Skips up to three plain words after a number ("soldiers", "Palestinian civilians"). */
static size_t nouns(const kh_doc *doc, size_t j, size_t t1)
{
    for (int n = 0; n < 3 && j < t1; n++, j++) {
        const kh_token *t = &doc->toks[j];
        int c = ecls(doc, j, t1);
        if ((t->kind != KH_TK_WORD && t->kind != KH_TK_POSS) || c == KH_EW_TRIGGER ||
            is_any(doc, j, t1, KH_WL_GAP_STOP) || is_any(doc, j, t1, KH_WL_PASSIVE))
            break;
    }
    return j;
}

static const char *const k_clause_start[] = {"AND", "BUT", "THAT", "WHICH", "WHEN", "WHILE",
                                             "WHERE", "AS", "SAID", "SAYS", "SAY", NULL};

void kh__words_counts(kh_wadd add)
{
    static const kh_wlist k[] = {{k_gap_stop, KH_WL_GAP_STOP}, {k_irrealis, KH_WL_IRREALIS},
                                 {k_passive, KH_WL_PASSIVE},   {k_home, KH_WL_HOME},
                                 {k_currency, KH_WL_CURRENCY}, {k_clause_start, KH_WL_CLAUSE_START}};
    kh__words_add(add, KH_WD_LISTS, k, sizeof k / sizeof *k);
}

/* Does the number at i start its clause (the sentence, or after punctuation, "and", "said
 * that")? */
static int clause_start(const kh_doc *doc, size_t t0, size_t i)
{
    if (i <= t0 || doc->toks[i - 1].kind == KH_TK_PUNCT)
        return 1;
    return (kh__words[doc->toks[i - 1].wcls].lists & KH_WL_CLAUSE_START) != 0;
}

/* Shape A: the number n, then up to six words, then the word of the count. */
static int shape_a(const kh_doc *doc, kh_num *n, size_t t0, size_t t1, found *f)
{
    size_t j = n->t1;
    int passive = 0, irrealis = 0, inner = 0;
    for (int g = 0; j < t1 && g <= 6; j++, g++) {
        const kh_token *t = &doc->toks[j];
        const kh_ew *e = kh__ew_at(doc, j);
        if (e && e->cls == KH_EW_TRIGGER) {
            if (!(e->flags & (KH_EWF_A | KH_EWF_NOUN)))
                return 0;
            if (irrealis)
                return 0; /* "two refuse to die"; but "known to have been killed" is a fact */
            if (isw(doc, j - 1, t1, "THE") || isw(doc, j - 1, t1, "THOSE"))
                return 0; /* "one of the injured": a noun, not this number's word */
            if (inner && !passive)
                return 0; /* "one of the over 800 arrested": the 800 are the count */
            if ((e->flags & KH_EWF_NOUN) && g > 1)
                return 0; /* "12 deaths", "12 civilian deaths" */
            kh_num n2;
            if ((e->flags & KH_EWF_B) && !passive && num_start(doc, j + 1, t1) &&
                number_at(doc, j + 1, t1, &n2))
                return 0; /* "five gunmen killed 12": the 12 are the count */
            if (e->flags & KH_EWF_LIVES) {
                int lives = 0; /* "12 lives were lost"; not "lost 12 seats" */
                for (size_t k = n->t1; k < j; k++)
                    lives |= isw(doc, k, t1, "LIVES");
                if (!lives)
                    return 0;
            }
            if (e->flags & KH_EWF_HOME) {
                int ok = 0;
                for (size_t k = j + 1; k < j + 4 && k < t1; k++)
                    ok |= is_any(doc, k, t1, KH_WL_HOME);
                if (!ok)
                    return 0; /* "three gunmen fled" */
            }
            f->num = *n;
            f->trig = j;
            f->kind = e->val;
            return 1;
        }
        if (t->kind == KH_TK_PUNCT)
            return 0;
        if (isw(doc, j, t1, "AND")) {
            /* "three soldiers and two civilians were killed", when the first number starts
             * its clause: "fired over 50 rounds and over 100 persons were arrested" is 100 */
            kh_num n2;
            if (!clause_start(doc, t0, n->t0) || !num_start(doc, j + 1, t1) ||
                !number_at(doc, j + 1, t1, &n2) || !add_num(n, &n2))
                return 0;
            j = n2.t1 - 1;
            continue;
        }
        if (is_any(doc, j, t1, KH_WL_GAP_STOP))
            return 0;
        passive |= is_any(doc, j, t1, KH_WL_PASSIVE);
        if (is_any(doc, j, t1, KH_WL_IRREALIS) && !(isw(doc, j, t1, "TO") && isw(doc, j + 1, t1, "HAVE")))
            irrealis = 1;
        /* "two of the three soldiers were killed": the first; without a passive verb, the
         * second ("one of the over 800 arrested") */
        inner |= num_start(doc, j, t1) && (t->kind == KH_TK_NUM || (e && e->cls != KH_EW_QSTART &&
                                                                      e->cls != KH_EW_ARTICLE));
    }
    return 0;
}

/* Shape B: the word at j, then the number phrase ("killing 12 soldiers and three
 * civilians"). */
static int shape_b(const kh_doc *doc, size_t j, size_t t1, found *f)
{
    kh_num n;
    if (!num_start(doc, j + 1, t1) || !number_at(doc, j + 1, t1, &n))
        return 0;
    if (kh__ew_at(doc, j)->flags & KH_EWF_LIVES) {
        /* "claimed 12 lives", "cost more than 100 lives" */
        if (!isw(doc, n.t1, t1, "LIVES"))
            return 0;
        n.t1++;
    }
    size_t k = nouns(doc, n.t1, t1);
    while (isw(doc, k, t1, "AND") && num_start(doc, k + 1, t1)) {
        kh_num n2;
        if (!number_at(doc, k + 1, t1, &n2))
            break;
        size_t k2 = nouns(doc, n2.t1, t1);
        /* "killing 12 and three were wounded": the three are another count */
        if (ecls(doc, k2, t1) == KH_EW_TRIGGER || is_any(doc, k2, t1, KH_WL_PASSIVE))
            break;
        if (!add_num(&n, &n2))
            break;
        k = k2;
    }
    f->num = n;
    f->trig = j;
    f->kind = kh__ew_at(doc, j)->val;
    return 1;
}

/* Shape T: "the death toll rose to 45", "a toll of 45", "rose from 12 to 45". */
static int shape_toll(const kh_doc *doc, size_t j, size_t t1, found *f)
{
    for (size_t k = j + 1; k < t1 && k <= j + 8; k++) {
        const kh_token *t = &doc->toks[k];
        if (t->kind == KH_TK_PUNCT)
            return 0;
        kh_num n;
        if (!num_start(doc, k, t1) || !number_at(doc, k, t1, &n))
            continue;
        /* "a toll of 1 person wounded": the count's own word says its kind (shape A) */
        for (size_t w = n.t1; w < n.t1 + 3 && w < t1; w++)
            if (ecls(doc, w, t1) == KH_EW_TRIGGER)
                return 0;
        /* "rose from 12 to 45": the toll is the second */
        kh_num n2;
        if (isw(doc, k - 1, t1, "FROM") && n.qual == KH_QUAL_RANGE) {
            n.n = n.max;
            n.max = -1;
            n.qual = KH_QUAL_EXACT;
        } else if (isw(doc, k - 1, t1, "FROM") && isw(doc, n.t1, t1, "TO") &&
                   number_at(doc, n.t1 + 1, t1, &n2)) {
            n2.t0 = n.t0;
            n = n2;
        }
        f->num = n;
        f->trig = j;
        f->kind = KH_COUNT_KILLED;
        return 1;
    }
    return 0;
}

/* Can a count of kind k belong to event e? */
static int eligible(const kh_event *e, int k)
{
    const char *c = e->code;
    if (!c || !c[0] || !c[1])
        return 0;
    if (k == KH_COUNT_ARRESTED)
        return c[0] == '1' && c[1] == '7';
    return (c[0] == '1' && (c[1] == '8' || c[1] == '9')) || (c[0] == '2' && c[1] == '0') ||
           strncmp(c, "145", 3) == 0;
}

static void put_count(FILE *o, const kh_count *c)
{
    if (c->qualifier == KH_QUAL_RANGE)
        fprintf(o, "%lld to %lld", c->n, c->max);
    else if (c->qualifier == KH_QUAL_EXACT)
        fprintf(o, "%lld", c->n);
    else
        fprintf(o, "%s %lld", kh_qualifier_name(c->qualifier), c->n);
}

/* Gives f to the nearest violent event of sentence s with a free slot, else to the story. */
static void attach(kh_doc *doc, size_t s, size_t first_event, const found *f, FILE *ex)
{
    size_t a = f->num.t0 < f->trig ? f->num.t0 : f->trig;
    size_t b = f->num.t1 > f->trig + 1 ? f->num.t1 : f->trig + 1;
    if (ex)
        fprintf(ex, "  \"%.*s\" -> %s ", (int)(doc->toks[b - 1].end - doc->toks[a].start),
                doc->text + doc->toks[a].start, kh_count_kind_name((kh_count_kind)f->kind));
    if (f->num.overflow) {
        if (ex)
            fprintf(ex, "rejected: a number above %lld is no count of people\n", KH_COUNT_MAX);
        return;
    }
    kh_count c = {f->num.n, f->num.max, (kh_qualifier)f->num.qual,
                  {doc->toks[a].start, doc->toks[b - 1].end}};
    if (ex)
        put_count(ex, &c);
    long best = -1;
    size_t bestd = SIZE_MAX;
    int full = 0; /* a violent event that has a count of this kind already */
    for (size_t i = first_event; i < doc->nevents; i++) {
        kh_event *e = &doc->events[i];
        if (!eligible(e, f->kind))
            continue;
        if (e->counts[f->kind].n >= 0) {
            full = 1;
            continue;
        }
        size_t v = kh__tok_at_byte(doc, s, e->verb.start);
        size_t d = v > f->trig ? v - f->trig : f->trig - v;
        if (d < bestd) {
            bestd = d;
            best = (long)i;
        }
    }
    if (best >= 0) {
        kh_event *e = &doc->events[best];
        e->counts[f->kind] = c;
        if (ex)
            fprintf(ex, ": event %ld (%s %s %s), the nearest %s event\n", best + 1,
                    e->source.code, e->code, e->target.code ? e->target.code : "-",
                    f->kind == KH_COUNT_ARRESTED ? "coercion (17)" : "violent (18-20, 145)");
        return;
    }
    KH_GROW(doc, doc->scounts, doc->nscounts, doc->capscounts, kh_story_count);
    kh_story_count *sc = &doc->scounts[doc->nscounts++];
    sc->sentence = (int)s + 1;
    sc->kind = (kh_count_kind)f->kind;
    sc->count = c;
    sc->date = kh__date_at(doc, s, f->trig, NULL);
    if (ex)
        fprintf(ex, ": the story's counts (%s)\n",
                full ? "the violent events of the sentence have a count of this kind already"
                : f->kind == KH_COUNT_ARRESTED ? "no coercion event (17) in the sentence"
                                               : "no violent event (18-20, 145) in the sentence");
}

void kh__counts(kh_doc *doc, size_t s, size_t first_event, FILE *ex)
{
    const kh_sentence *se = &doc->sents[s];
    size_t t1 = se->t1;
    for (size_t i = first_event; i < doc->nevents; i++)
        for (int k = 0; k < KH_COUNT__N; k++) {
            doc->events[i].counts[k].n = -1;
            doc->events[i].counts[k].max = -1;
        }
    int said = 0;
    for (size_t i = se->t0; i < t1;) {
        if (doc->enrich_mark[i] || (doc->toks[i].flags & KH_TF_DATELINE)) {
            i++;
            continue;
        }
        const kh_ew *e = kh__ew_at(doc, i);
        found f;
        int ok = 0;
        if (e && e->cls == KH_EW_TRIGGER) {
            if (e->flags & KH_EWF_B)
                ok = shape_b(doc, i, t1, &f);
            else if (e->flags & KH_EWF_TOLL)
                ok = shape_toll(doc, i, t1, &f);
        } else if (num_start(doc, i, t1)) {
            kh_num n;
            ok = number_at(doc, i, t1, &n) && shape_a(doc, &n, se->t0, t1, &f);
        }
        if (!ok) {
            i++;
            continue;
        }
        if (ex && !said++)
            fputs(" counts:\n", ex);
        attach(doc, s, first_event, &f, ex);
        size_t end = f.num.t1 > f.trig + 1 ? f.num.t1 : f.trig + 1;
        for (size_t k = i; k < end; k++)
            doc->enrich_mark[k] = 2;
        i = end;
    }
}
