/*
 * when.c - event dates (issue #6): the date expressions of a sentence, read against the
 * story date, and the date each event gets.
 *
 * Expressions (on the upper-case normal form of the tokens):
 *   weekdays   [late|early] [on] [last|next] Thursday [night]: the latest Thursday not after
 *              the story date, so "on Monday" in a Monday story is the story date itself;
 *              "last Monday" in a Monday story is a week before, "next Monday" a week after
 *   days       yesterday, today, tonight, tomorrow, last night, this morning
 *   periods    last/this/next week, weekend, month, year ("earlier this month"); "two weeks
 *              ago", "a year ago"; "over the last week" is a duration, not a date
 *   months     [in|early|mid-|late] April: the latest April not after the story's month;
 *              "last April" the latest before it; "April 2019", "March of 2011"
 *   dates      Jan. 8, January 8, 2020, 8 January 2020, 8th of January, 2020-01-08,
 *              2020/01/08; without a year the nearest such day to the story date (a day
 *              two days ahead is this year's, not last year's)
 *   years      in / during / since / early 2011: a bare 2011 is as likely a count
 * May, March and abbreviations without their point ("Mar") are months only beside a day, a
 * year or a preposition ("in May", not "it may"). Invalid dates ("31 February") are
 * reported and date nothing. When the verb nearest the expression is in the future tense
 * ("will meet on Monday"), weekdays, months and dates without a year are read forward.
 *
 * Which expression dates an event (kh__date_at): the nearest to its verb in its clause, else
 * the nearest in its sentence, skipping those that are
 *   - a bound: after since, until, from, to, before, after, by ("since 2011" is when
 *     something began, not when the event happened);
 *   - in the background: in a subordinate clause or a "since/after/before/according to ..."
 *     phrase (up to its comma) that the event's verb is not in;
 *   - possessive ("Monday's attack"), unless the event's word follows it.
 * With none, the story date, day precision: the convention of PETRARCH and TABARI, marked
 * from_story (explain says "story date"). A story with no date gives relative expressions no
 * date, and events without an absolute one get none (null, never guessed).
 *
 * Linear: one pass over the tokens; each event looks at no more than 64 expressions on
 * either side of its verb.
 */
#include <string.h>

#include "enrich.h"
#include "words.h"

/* ------------------------------------------------------------------ calendar */

int32_t kh__days(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void kh__civil(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int kh__weekday(int32_t z)
{
    return (int)(((z % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int kh__valid_date(int y, int m, int d)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m >= 1 && m <= 12 && d >= 1 && d <= (m == 2 && leap(y) ? 29 : md[m - 1]);
}

/* The first day of the month n months after y-m (n may be negative). */
static int32_t month_start(int y, int m, int n)
{
    int k = y * 12 + (m - 1) + n;
    return kh__days(k / 12, k % 12 + 1, 1);
}

static int32_t monday(int32_t z)
{
    return z - kh__weekday(z);
}

static const char *const k_wdname[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};

/* ------------------------------------------------------------------ tokens */

typedef struct wctx {
    kh_doc *doc;
    size_t t0, t1;  /* the sentence */
    int32_t story;  /* the story date, a day number */
    int has_story;
    int sy, sm;     /* its year and month */
} wctx;

static inline int in(const wctx *c, size_t i)
{
    return i >= c->t0 && i < c->t1;
}

static inline int is(const wctx *c, size_t i, const char *w)
{
    return in(c, i) && kh__norm_is(&c->doc->toks[i], w);
}

static inline const kh_ew *ew(const wctx *c, size_t i)
{
    return in(c, i) ? kh__ew_at(c->doc, i) : NULL;
}

static inline int cls(const wctx *c, size_t i)
{
    const kh_ew *e = ew(c, i);
    return e ? e->cls : KH_EW_NONE;
}

static inline int is_any(const wctx *c, size_t i, unsigned list)
{
    return in(c, i) && (kh__words[c->doc->toks[i].wcls].lists & list) != 0;
}

/* A day of the month: "8", "08", "8th". 0 if none. */
static int day_of(const wctx *c, size_t i)
{
    if (!in(c, i))
        return 0;
    const kh_token *t = &c->doc->toks[i];
    int v = 0, k = 0;
    while (k < t->nlen && k < 3 && t->norm[k] >= '0' && t->norm[k] <= '9')
        v = v * 10 + (t->norm[k++] - '0');
    if (k == 0 || k > 2)
        return 0;
    if (k < t->nlen) {
        const char *x = t->norm + k;
        if (t->nlen - k != 2 || (strcmp(x, "ST") && strcmp(x, "ND") && strcmp(x, "RD") &&
                                 strcmp(x, "TH")))
            return 0;
    }
    return v >= 1 && v <= 31 ? v : 0;
}

/* A year: four digits, 1800-2199. 0 if none. */
static int year_of(const wctx *c, size_t i)
{
    if (!in(c, i))
        return 0;
    const kh_token *t = &c->doc->toks[i];
    if (t->kind != KH_TK_NUM || t->nlen != 4)
        return 0;
    int v = 0;
    for (int k = 0; k < 4; k++) {
        if (t->norm[k] < '0' || t->norm[k] > '9')
            return 0;
        v = v * 10 + (t->norm[k] - '0');
    }
    return v >= 1800 && v <= 2199 ? v : 0;
}

/* 1-2 digits joined to the token before by a hyphen ("2020-01-08") or after a slash. */
static int small_num(const wctx *c, size_t i, int hyphen)
{
    if (!in(c, i))
        return 0;
    const kh_token *t = &c->doc->toks[i];
    if (t->kind != KH_TK_NUM || t->nlen > 2 || (hyphen && !(t->flags & KH_TF_HYPHEN)))
        return 0;
    int v = 0;
    for (int k = 0; k < t->nlen; k++) {
        if (t->norm[k] < '0' || t->norm[k] > '9')
            return 0;
        v = v * 10 + (t->norm[k] - '0');
    }
    return v;
}

/* The clause holding token i (binary search: clauses are in token order), -1. */
static int clause_of(const kh_doc *doc, size_t i)
{
    size_t lo = 0, hi = doc->nclauses;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->clauses[mid].t0 <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? (int)lo - 1 : -1;
}

static const char *const k_future_to[] = {"IS", "ARE", "AM", "DUE", "SET", "SCHEDULED",
                                          "GOING", "PLANS", "PLAN", "PLANNED", NULL};

/* Is the verb nearest the expression [a, b) in its clause in the future tense ("will
 * meet", "is to visit", "is due to hold")? */
static int future_verb(const wctx *c, size_t a, size_t b)
{
    const kh_doc *doc = c->doc;
    int ci = clause_of(doc, a);
    size_t c0 = ci >= 0 ? doc->clauses[ci].t0 : c->t0, c1 = ci >= 0 ? doc->clauses[ci].t1 : c->t1;
    /* the nearest verb group of the clause: the one starting after b, or the one before a */
    size_t lo = 0, hi = doc->nvgs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->vgs[mid].t0 < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t v = SIZE_MAX, best = SIZE_MAX;
    if (lo < doc->nvgs && doc->vgs[lo].t0 < c1) {
        v = doc->vgs[lo].t0;
        best = v - b;
    }
    if (lo > 0 && doc->vgs[lo - 1].t0 >= c0 && doc->vgs[lo - 1].t0 < a &&
        a - doc->vgs[lo - 1].t1 < best)
        v = doc->vgs[lo - 1].t0;
    size_t from = c0, to = c1;
    if (v != SIZE_MAX) {
        from = v > c0 + 4 ? v - 4 : c0;
        to = v;
    } else if (to > from + 16) {
        /* no verb of the dictionary: a few words around the expression */
        from = a > c0 + 6 ? a - 6 : c0;
        to = b + 6 < c1 ? b + 6 : c1;
    }
    for (size_t k = from; k < to; k++) {
        const kh_token *t = &doc->toks[k];
        if (kh__norm_is(t, "WILL") || kh__norm_is(t, "SHALL") || kh__norm_is(t, "WON'T") ||
            (t->nlen > 3 && !strcmp(t->norm + t->nlen - 3, "'LL")))
            return 1;
        if (kh__norm_is(t, "TO") && k > from && is_any(c, k - 1, KH_WL_FUTURE_TO))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ recognizers */

/* Words before a date head that belong to the expression ("late Thursday", "in April"). */
static const char *const k_lead[] = {"LATE", "EARLY", "ON", "IN", "DURING", "LAST", "NEXT",
                                     "THIS", "COMING", "MID", "EARLIER", "LATER", "OVERNIGHT",
                                     "THROUGHOUT", NULL};

/* Extends x back over leading words; notes last/next. */
static void lead(const wctx *c, kh_datex *x, int *last, int *next)
{
    *last = *next = 0;
    for (int n = 0; n < 3 && is_any(c, x->t0 - 1, KH_WL_LEAD); n++) {
        const char *w = c->doc->toks[x->t0 - 1].norm;
        if (!strcmp(w, "LAST"))
            *last = 1;
        else if (!strcmp(w, "NEXT") || !strcmp(w, "COMING"))
            *next = 1;
        x->t0--;
    }
    /* "at the end of April", "the beginning of March" */
    if (is(c, x->t0 - 1, "OF") &&
        (is(c, x->t0 - 2, "END") || is(c, x->t0 - 2, "BEGINNING") || is(c, x->t0 - 2, "START") ||
         is(c, x->t0 - 2, "MIDDLE"))) {
        x->t0 -= 2;
        if (is(c, x->t0 - 1, "THE"))
            x->t0--;
    }
}

static void set(kh_datex *x, int32_t day, int prec, const char *why)
{
    x->day = day;
    x->prec = (uint8_t)prec;
    x->why = why;
}

static void reject(kh_datex *x, const char *why)
{
    x->prec = KH_PREC_NONE;
    x->reject = why;
}

/* A day with a known month and an optional year: checks it and, without a year, finds the
 * latest such day not after the story date (forward: the first not before it). */
static void day_date(const wctx *c, kh_datex *x, int y, int m, int d)
{
    if (y) {
        if (!kh__valid_date(y, m, d))
            reject(x, "no such day in the calendar");
        else
            set(x, kh__days(y, m, d), KH_PREC_DAY, "a date");
        return;
    }
    if (!kh__valid_date(2000, m, d)) { /* 2000 is a leap year: 29 February is a date */
        reject(x, "no such day in the calendar");
        return;
    }
    if (!c->has_story) {
        reject(x, "a day without a year, and the story has no date");
        return;
    }
    x->forward = (uint8_t)future_verb(c, x->t0, x->t1);
    /* The latest such day not after the story date and the first not before it (29
     * February: up to 8 years away); the future tense takes the second, else the nearer, the
     * past one when they are as near: "March 15" in a story of 13 March is two days ahead,
     * "Dec. 30" in a story of 10 January ten days back. */
    int32_t back = 0, fwd = 0;
    int hb = 0, hf = 0;
    for (int k = 0; k <= 8 && !(hb && hf); k++) {
        int32_t z;
        if (!hb && kh__valid_date(c->sy - k, m, d) && (z = kh__days(c->sy - k, m, d)) <= c->story)
            back = z, hb = 1;
        if (!hf && kh__valid_date(c->sy + k, m, d) && (z = kh__days(c->sy + k, m, d)) >= c->story)
            fwd = z, hf = 1;
    }
    if (x->forward && hf)
        set(x, fwd, KH_PREC_DAY,
            "a day without a year: the first such day not before the story date (future tense)");
    else if (hb && (!hf || c->story - back <= fwd - c->story))
        set(x, back, KH_PREC_DAY, "a day without a year: the nearest such day to the story date, "
                                  "before it");
    else if (hf)
        set(x, fwd, KH_PREC_DAY, "a day without a year: the nearest such day to the story date, "
                                 "after it");
    else
        reject(x, "no such day near the story date");
}

/* After a month head at i: "8", "8, 2020", "2019", ", 2019", "of 2011". Sets x->t1 and the
 * date; 0 when nothing follows (a month alone). */
static int month_tail(const wctx *c, kh_datex *x, size_t i, int m)
{
    size_t k = i + 1;
    int d = day_of(c, k);
    /* "in April 12 people were killed": after "in" a month takes no day, only a year */
    if (d && (is(c, i - 1, "IN") || is(c, i - 1, "DURING")) && !year_of(c, k + 1) &&
        !(is(c, k + 1, ",") && year_of(c, k + 2)))
        d = 0;
    if (d && !(in(c, k + 1) && (c->doc->toks[k + 1].flags & KH_TF_HYPHEN))) {
        int y = 0;
        x->t1 = (uint32_t)(k + 1);
        if (is(c, k + 1, ",") && year_of(c, k + 2)) {
            y = year_of(c, k + 2);
            x->t1 = (uint32_t)(k + 3);
        } else if (year_of(c, k + 1)) {
            y = year_of(c, k + 1);
            x->t1 = (uint32_t)(k + 2);
        }
        day_date(c, x, y, m, d);
        return 1;
    }
    int y = year_of(c, k);
    size_t e = k + 1;
    if (!y && (is(c, k, ",") || is(c, k, "OF")) && year_of(c, k + 1)) {
        y = year_of(c, k + 1);
        e = k + 2;
    }
    if (y) {
        x->t1 = (uint32_t)e;
        set(x, kh__days(y, m, 1), KH_PREC_MONTH, "a month and its year");
        return 1;
    }
    return 0;
}

/* Prepositions that make May, March and "Apr" months. */
static const char *const k_month_prep[] = {"IN", "SINCE", "UNTIL", "TILL", "BY", "DURING",
                                           "EARLY", "LATE", "MID", "LAST", "NEXT", "THIS",
                                           "BEFORE", "AFTER", "FROM", "THROUGH", "THROUGHOUT",
                                           "OF", NULL};

/* Month head at i. */
static size_t rec_month(const wctx *c, size_t i, kh_datex *x)
{
    const kh_ew *e = ew(c, i);
    int m = e->val;
    const kh_token *t = &c->doc->toks[i];
    /* an abbreviation with its point ("Jan.") is as good as the name */
    int weak = (e->flags & KH_EWF_WEAK) && !((t->flags & KH_TF_ABBR) && t->nlen <= 4 &&
                                             !kh__norm_is(t, "MAY"));
    x->t0 = (uint32_t)i;
    x->t1 = (uint32_t)(i + 1);
    if (month_tail(c, x, i, m)) {
        int l, n;
        lead(c, x, &l, &n);
        return x->t1;
    }
    int abbr = t->nlen <= 4 && !kh__norm_is(t, "MAY") && !kh__norm_is(t, "JUNE") &&
               !kh__norm_is(t, "JULY");
    if (weak && (abbr || !is_any(c, i - 1, KH_WL_MONTH_PREP)))
        return 0; /* "it may", "the march", "Mar" alone */
    int last, next;
    lead(c, x, &last, &next);
    if (!c->has_story) {
        reject(x, "a month without a year, and the story has no date");
        return x->t1;
    }
    int y;
    const char *why;
    if (last) {
        y = m < c->sm ? c->sy : c->sy - 1;
        why = "\"last\" month name: the latest such month before the story's month";
    } else if (next) {
        y = m > c->sm ? c->sy : c->sy + 1;
        why = "\"next\" month name: the first such month after the story's month";
    } else if ((x->forward = (uint8_t)future_verb(c, x->t0, x->t1))) {
        y = m >= c->sm ? c->sy : c->sy + 1;
        why = "a month without a year: the first such month not before the story's month "
              "(future tense)";
    } else {
        y = m <= c->sm ? c->sy : c->sy - 1;
        why = "a month without a year: the latest such month not after the story's month";
    }
    set(x, kh__days(y, m, 1), KH_PREC_MONTH, why);
    return x->t1;
}

/* Weekday head at i. */
static size_t rec_weekday(const wctx *c, size_t i, kh_datex *x)
{
    int w = ew(c, i)->val;
    x->t0 = (uint32_t)i;
    size_t k = i + 1;
    if (cls(c, k) == KH_EW_PART)
        k++;
    x->t1 = (uint32_t)k;
    int last, next;
    lead(c, x, &last, &next);
    /* "Saturday last week", "on Monday this week": that weekday of the week named */
    int wk = is(c, k, "LAST") ? -1 : is(c, k, "THIS") ? 0 : is(c, k, "NEXT") ? 1 : 2;
    if (wk < 2 && is(c, k + 1, "WEEK")) {
        x->t1 = (uint32_t)(k + 2);
        if (!c->has_story)
            reject(x, "a weekday, and the story has no date");
        else
            set(x, monday(c->story) + 7 * wk + w, KH_PREC_DAY, "that weekday of the week named");
        return x->t1;
    }
    /* "Wednesday, Jan. 8" and "Wednesday 8 January": the date says which Wednesday */
    size_t j = is(c, k, ",") ? k + 1 : k;
    if (cls(c, j) == KH_EW_MONTH) {
        kh_datex y = *x;
        if (month_tail(c, &y, j, ew(c, j)->val)) {
            *x = y;
            return x->t1;
        }
    } else if (day_of(c, j) && cls(c, j + 1) == KH_EW_MONTH) {
        kh_datex y = *x;
        int m = ew(c, j + 1)->val, yr = year_of(c, j + 2);
        y.t1 = (uint32_t)(j + (yr ? 3 : 2));
        day_date(c, &y, yr, m, day_of(c, j));
        *x = y;
        return x->t1;
    }
    if (!c->has_story) {
        reject(x, "a weekday, and the story has no date");
        return x->t1;
    }
    int sw = kh__weekday(c->story);
    int back = (sw - w + 7) % 7, fwd = (w - sw + 7) % 7;
    if (last)
        set(x, c->story - (back ? back : 7), KH_PREC_DAY,
            "\"last\" weekday: the latest such weekday before the story date");
    else if (next)
        set(x, c->story + (fwd ? fwd : 7), KH_PREC_DAY,
            "\"next\" weekday: the first such weekday after the story date");
    else if ((x->forward = (uint8_t)future_verb(c, x->t0, x->t1)))
        set(x, c->story + fwd, KH_PREC_DAY,
            "a weekday: the first such weekday not before the story date (future tense)");
    else
        set(x, c->story - back, KH_PREC_DAY,
            "a weekday: the latest such weekday not after the story date");
    return x->t1;
}

/* Yesterday, today, tonight, tomorrow. */
static size_t rec_dayword(const wctx *c, size_t i, kh_datex *x)
{
    int off = ew(c, i)->val - 1;
    x->t0 = (uint32_t)i;
    x->t1 = (uint32_t)(i + 1 + (cls(c, i + 1) == KH_EW_PART));
    int l, n;
    lead(c, x, &l, &n);
    if (!c->has_story) {
        reject(x, "relative to the story date, and the story has none");
        return x->t1;
    }
    set(x, c->story + off, KH_PREC_DAY,
        off < 0 ? "the day before the story date" : off ? "the day after the story date"
                                                        : "the story date");
    return x->t1;
}

/* "this morning", "last night". */
static size_t rec_part(const wctx *c, size_t i, kh_datex *x)
{
    int last = is(c, i - 1, "LAST");
    if (!last && !is(c, i - 1, "THIS"))
        return 0;
    const char *w = c->doc->toks[i].norm;
    if (last && strcmp(w, "NIGHT") && strcmp(w, "EVENING"))
        return 0;
    x->t0 = (uint32_t)(i - 1);
    x->t1 = (uint32_t)(i + 1);
    if (!c->has_story) {
        reject(x, "relative to the story date, and the story has none");
        return x->t1;
    }
    set(x, c->story - last, KH_PREC_DAY,
        last ? "\"last night\": the day before the story date" : "the story date");
    return x->t1;
}

/* A small count before "days ago": digits, "one" .. "twelve", "a", "an". 0 if none. */
static int ago_count(const wctx *c, size_t i)
{
    if (!in(c, i))
        return 0;
    const kh_token *t = &c->doc->toks[i];
    int e = cls(c, i);
    if (e == KH_EW_ARTICLE)
        return 1;
    if (e == KH_EW_NUMWORD)
        return ew(c, i)->val;
    if (t->kind == KH_TK_NUM && t->nlen <= 3) {
        int v = 0;
        for (int k = 0; k < t->nlen; k++) {
            if (t->norm[k] < '0' || t->norm[k] > '9')
                return 0;
            v = v * 10 + (t->norm[k] - '0');
        }
        return v;
    }
    return 0;
}

/* Week, month, year, weekend, day after last/this/next, or before "ago". */
static size_t rec_unit(const wctx *c, size_t i, kh_datex *x)
{
    const kh_ew *e = ew(c, i);
    int prec = e->val;
    int weekend = kh__norm_is(&c->doc->toks[i], "WEEKEND");
    x->t0 = (uint32_t)i;
    x->t1 = (uint32_t)(i + 1);
    if (is(c, i + 1, "AGO")) {
        int n = ago_count(c, i - 1);
        if (!n || weekend || ((e->flags & KH_EWF_PLURAL) != 0) != (n > 1))
            return 0;
        x->t0 = (uint32_t)(i - 1);
        x->t1 = (uint32_t)(i + 2);
        if (is(c, x->t0 - 1, "ABOUT") || is(c, x->t0 - 1, "SOME"))
            x->t0--;
        if (!c->has_story) {
            reject(x, "relative to the story date, and the story has none");
            return x->t1;
        }
        int y, m, d;
        kh__civil(c->story, &y, &m, &d);
        if (prec == KH_PREC_DAY)
            set(x, c->story - n, prec, "days before the story date");
        else if (prec == KH_PREC_WEEK)
            set(x, monday(c->story - 7 * n), prec, "the week that many weeks before the story date");
        else if (prec == KH_PREC_MONTH)
            set(x, month_start(y, m, -n), prec, "the month that many months before the story's");
        else
            set(x, kh__days(y - n, 1, 1), prec, "the year that many years before the story's");
        return x->t1;
    }
    if ((e->flags & KH_EWF_PLURAL) || prec == KH_PREC_DAY)
        return 0; /* "for weeks", "the next day" (relative to another event) */
    int off;
    if (is(c, i - 1, "LAST"))
        off = -1;
    else if (is(c, i - 1, "THIS"))
        off = 0;
    else if (is(c, i - 1, "NEXT") || is(c, i - 1, "COMING"))
        off = 1;
    else
        return 0;
    /* "over the last week", "in the past month": a duration, not a date */
    if (is(c, i - 2, "THE"))
        return 0;
    x->t0 = (uint32_t)(i - 1);
    if (is(c, x->t0 - 1, "EARLIER") || is(c, x->t0 - 1, "LATER"))
        x->t0--;
    if (!c->has_story) {
        reject(x, "relative to the story date, and the story has none");
        return x->t1;
    }
    int y, m, d;
    kh__civil(c->story, &y, &m, &d);
    static const char *const why[3][3] = {
        {"the week before the story's", "the story's week", "the week after the story's"},
        {"the month before the story's", "the story's month", "the month after the story's"},
        {"the year before the story's", "the story's year", "the year after the story's"}};
    /* a weekend is the end of its (ISO, Monday to Sunday) week: "last weekend" is in the
     * week before the story's */
    static const char *const wwhy[3] = {"the weekend of the week before the story's",
                                        "the weekend of the story's week",
                                        "the weekend of the week after the story's"};
    if (prec == KH_PREC_WEEK)
        set(x, monday(c->story) + 7 * off, prec, weekend ? wwhy[off + 1] : why[0][off + 1]);
    if (prec == KH_PREC_MONTH)
        set(x, month_start(y, m, off), prec, why[1][off + 1]);
    if (prec == KH_PREC_YEAR)
        set(x, kh__days(y + off, 1, 1), prec, why[2][off + 1]);
    return x->t1;
}

static const char *const k_year_prep[] = {"IN", "DURING", "SINCE", "UNTIL", "TILL", "BY",
                                          "FROM", "THROUGHOUT", "EARLY", "LATE", "MID",
                                          "BEFORE", "AFTER", "THROUGH", NULL};

/* A number head: 2020-01-08, 2020/01/08, 8 January [2020], 8th of January, in 2011. */
static size_t rec_number(const wctx *c, size_t i, kh_datex *x)
{
    x->t0 = (uint32_t)i;
    int y = year_of(c, i);
    if (y) {
        int m, d;
        if ((m = small_num(c, i + 1, 1)) && (d = small_num(c, i + 2, 1))) {
            x->t1 = (uint32_t)(i + 3);
            day_date(c, x, y, m, d);
            return x->t1;
        }
        if (is(c, i + 1, "/") && (m = small_num(c, i + 2, 0)) && is(c, i + 3, "/") &&
            (d = small_num(c, i + 4, 0))) {
            x->t1 = (uint32_t)(i + 5);
            day_date(c, x, y, m, d);
            return x->t1;
        }
        if (is_any(c, i - 1, KH_WL_YEAR_PREP)) {
            x->t1 = (uint32_t)(i + 1);
            int l, n;
            lead(c, x, &l, &n);
            set(x, kh__days(y, 1, 1), KH_PREC_YEAR, "a year");
            return x->t1;
        }
        return 0;
    }
    int d = day_of(c, i);
    if (!d)
        return 0;
    size_t k = is(c, i + 1, "OF") ? i + 2 : i + 1;
    if (cls(c, k) != KH_EW_MONTH)
        return 0;
    int m = ew(c, k)->val;
    x->t1 = (uint32_t)(k + 1);
    if (is(c, k + 1, ",") && year_of(c, k + 2)) {
        y = year_of(c, k + 2);
        x->t1 = (uint32_t)(k + 3);
    } else if ((y = year_of(c, k + 1))) {
        x->t1 = (uint32_t)(k + 2);
    }
    if (is(c, x->t0 - 1, "THE"))
        x->t0--;
    int l, n;
    lead(c, x, &l, &n);
    day_date(c, x, y, m, d);
    return x->t1;
}

/* ------------------------------------------------------------------ roles */

static const char *const k_bound[] = {"SINCE", "UNTIL", "TILL", "FROM", "TO", "BEFORE",
                                      "AFTER", "BY", "THROUGH", NULL};
static const char *const k_bg[] = {"SINCE", "AFTER", "BEFORE", "UNTIL", "FOLLOWING",
                                   "ACCORDING", "AMID", "DESPITE", NULL};

void kh__words_when(kh_wadd add)
{
    static const kh_wlist k[] = {{k_future_to, KH_WL_FUTURE_TO}, {k_lead, KH_WL_LEAD},
                                 {k_month_prep, KH_WL_MONTH_PREP}, {k_year_prep, KH_WL_YEAR_PREP},
                                 {k_bound, KH_WL_BOUND}, {k_bg, KH_WL_BG}};
    kh__words_add(add, KH_WD_LISTS, k, sizeof k / sizeof *k);
}

static int is_stop(const kh_token *t)
{
    return t->kind == KH_TK_PUNCT &&
           (kh__norm_is(t, ",") || kh__norm_is(t, ";") || kh__norm_is(t, ":"));
}

/* How x may date events: a bound, a possessive, in the background, or a date. */
static void role(const wctx *c, kh_datex *x)
{
    const kh_doc *doc = c->doc;
    x->role = KH_DX_DATE;
    if (is_any(c, x->t0 - 1, KH_WL_BOUND)) {
        x->role = KH_DX_SINCE;
        return;
    }
    if (in(c, x->t1) && doc->toks[x->t1].kind == KH_TK_POSS) {
        x->role = KH_DX_POSS;
        return;
    }
    int ci = clause_of(doc, x->t0);
    if (ci >= 0 && doc->clauses[ci].subordinate && x->t0 < doc->clauses[ci].t1) {
        x->role = KH_DX_BACKGROUND;
        x->bg0 = doc->clauses[ci].t0;
        x->bg1 = doc->clauses[ci].t1;
        return;
    }
    /* "Since the ouster of Gaddafi in 2011, ...": back to the phrase's start */
    for (size_t k = x->t0, n = 0; k > c->t0 && n < 40; k--, n++) {
        const kh_token *t = &doc->toks[k - 1];
        if (is_stop(t))
            return;
        if (is_any(c, k - 1, KH_WL_BG)) {
            x->role = KH_DX_BACKGROUND;
            x->bg0 = (uint32_t)(k - 1);
            size_t e = x->t1;
            while (e < c->t1 && e < x->t1 + 60 && !is_stop(&doc->toks[e]))
                e++;
            x->bg1 = (uint32_t)e;
            return;
        }
    }
}

/* ------------------------------------------------------------------ events */

size_t kh__tok_at_byte(const kh_doc *doc, size_t s, size_t b)
{
    const kh_sentence *se = &doc->sents[s];
    size_t lo = se->t0, hi = se->t1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->toks[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < se->t1 ? lo : se->t0;
}

static kh_date story_date(const kh_doc *doc)
{
    kh_date d;
    memset(&d, 0, sizeof d);
    d.from_story = 1;
    if (doc->date_num) {
        d.year = doc->date_num / 10000;
        d.month = doc->date_num / 100 % 100;
        d.day = doc->date_num % 100;
        d.precision = KH_PREC_DAY;
    }
    return d;
}

/* Can expression x date the word at token v? */
static int may_date(const kh_datex *x, size_t v)
{
    if (x->prec == KH_PREC_NONE || x->role == KH_DX_SINCE)
        return 0;
    if (x->role == KH_DX_BACKGROUND)
        return v >= x->bg0 && v < x->bg1;
    if (x->role == KH_DX_POSS)
        return v > x->t1 && v <= x->t1 + 3;
    return 1;
}

kh_date kh__date_at(const kh_doc *doc, size_t s, size_t v, int *which)
{
    (void)s;
    const kh_datex *xs = doc->datex;
    size_t n = doc->ndatex;
    /* the first expression starting after v */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (xs[mid].t0 <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    int cv = clause_of(doc, v);
    long best = -1;
    size_t bestscore = SIZE_MAX;
    for (int side = 0; side < 2; side++) {
        for (size_t k = 0; k < 64; k++) {
            size_t j = side ? lo + k : lo - 1 - k;
            if (side ? j >= n : k >= lo)
                break;
            const kh_datex *x = &xs[j];
            if (!may_date(x, v))
                continue;
            size_t dist = v < x->t0 ? x->t0 - v : v >= x->t1 ? v - x->t1 + 1 : 0;
            size_t score = dist + (clause_of(doc, x->t0) == cv ? 0 : (size_t)1 << 24);
            if (score < bestscore) {
                bestscore = score;
                best = (long)j;
            }
        }
    }
    if (which)
        *which = (int)best;
    if (best < 0)
        return story_date(doc);
    const kh_datex *x = &xs[best];
    kh_date d;
    memset(&d, 0, sizeof d);
    kh__civil(x->day, &d.year, &d.month, &d.day);
    d.precision = (kh_precision)x->prec;
    d.span = (kh_span){doc->toks[x->t0].start, doc->toks[x->t1 - 1].end};
    return d;
}

/* ------------------------------------------------------------------ the stage */

static void put_day(FILE *o, int32_t z, int prec)
{
    int y, m, d;
    kh__civil(z, &y, &m, &d);
    if (prec == KH_PREC_DAY)
        fprintf(o, "%04d-%02d-%02d (%s, day)", y, m, d, k_wdname[kh__weekday(z)]);
    else if (prec == KH_PREC_WEEK)
        fprintf(o, "the week of Monday %04d-%02d-%02d (week)", y, m, d);
    else if (prec == KH_PREC_MONTH)
        fprintf(o, "%04d-%02d (month)", y, m);
    else
        fprintf(o, "%04d (year)", y);
}

static void put_span(FILE *o, const kh_doc *doc, size_t a, size_t b)
{
    fprintf(o, "\"%.*s\"", (int)(doc->toks[b - 1].end - doc->toks[a].start),
            doc->text + doc->toks[a].start);
}

static const char *const k_role[] = {
    "", "a bound (since, until, from...), not the date of an event",
    "in a subordinate clause or a since/after/before phrase: dates only events in it",
    "possessive: dates only the word after it"};

void kh__when(kh_doc *doc, size_t s, size_t first_event, FILE *ex)
{
    const kh_sentence *se = &doc->sents[s];
    wctx c = {doc, se->t0, se->t1, 0, 0, 0, 0};
    if (doc->date_num) {
        int d;
        c.sy = doc->date_num / 10000;
        c.sm = doc->date_num / 100 % 100;
        d = doc->date_num % 100;
        c.story = kh__days(c.sy, c.sm, d);
        c.has_story = 1;
    }
    doc->ndatex = 0;
    size_t prev_end = se->t0;
    for (size_t i = se->t0; i < se->t1;) {
        const kh_token *t = &doc->toks[i];
        int digit = (t->flags & KH_TF_DIGIT) != 0; /* the flag: the text is not read */
        int wc = digit ? KH_EW_NONE : cls(&c, i);
        if ((t->flags & KH_TF_DATELINE) || (!digit && wc == KH_EW_NONE)) {
            i++; /* most tokens start no date expression */
            continue;
        }
        kh_datex x;
        memset(&x, 0, sizeof x);
        size_t end = 0;
        {
            if (digit)
                end = rec_number(&c, i, &x);
            else
                switch (wc) {
                case KH_EW_WEEKDAY: end = rec_weekday(&c, i, &x); break;
                case KH_EW_MONTH: end = rec_month(&c, i, &x); break;
                case KH_EW_DAYWORD: end = rec_dayword(&c, i, &x); break;
                case KH_EW_PART: end = rec_part(&c, i, &x); break;
                case KH_EW_UNIT: end = rec_unit(&c, i, &x); break;
                default: break;
                }
        }
        if (end <= i) {
            i++;
            continue;
        }
        if (x.t0 < prev_end)
            x.t0 = (uint32_t)prev_end; /* leading words already taken by the one before */
        role(&c, &x);
        KH_GROW(doc, doc->datex, doc->ndatex, doc->capdatex, kh_datex);
        doc->datex[doc->ndatex++] = x;
        for (size_t k = x.t0; k < x.t1; k++)
            doc->enrich_mark[k] = 1;
        prev_end = i = end;
    }
    if (ex && doc->ndatex) {
        if (c.has_story)
            fprintf(ex, " dates (story date %s, a %s):\n", doc->date, k_wdname[kh__weekday(c.story)]);
        else
            fputs(" dates (the story has no date):\n", ex);
        for (size_t k = 0; k < doc->ndatex; k++) {
            const kh_datex *x = &doc->datex[k];
            fputs("  ", ex);
            put_span(ex, doc, x->t0, x->t1);
            if (x->prec == KH_PREC_NONE) {
                fprintf(ex, " rejected: %s\n", x->reject);
                continue;
            }
            fputs(" -> ", ex);
            put_day(ex, x->day, x->prec);
            fprintf(ex, ": %s", x->why);
            if (x->role)
                fprintf(ex, "; %s", k_role[x->role]);
            fputc('\n', ex);
        }
    }
    for (size_t i = first_event; i < doc->nevents; i++) {
        kh_event *e = &doc->events[i];
        size_t v = kh__tok_at_byte(doc, s, e->verb.start);
        int which;
        e->date = kh__date_at(doc, s, v, &which);
        if (!ex)
            continue;
        fprintf(ex, "  date of event %zu (%s %s %s): ", i + 1, e->source.code, e->code,
                e->target.code ? e->target.code : "-");
        if (which < 0) {
            if (e->date.precision == KH_PREC_NONE) {
                fputs("none (no usable date expression, and the story has no date)\n", ex);
            } else {
                fputs("story date ", ex);
                put_day(ex, kh__days(e->date.year, e->date.month, e->date.day), KH_PREC_DAY);
                fputs(doc->ndatex ? " (no date expression of the sentence may date it)\n"
                                  : " (no date expression in the sentence)\n",
                      ex);
            }
            continue;
        }
        const kh_datex *x = &doc->datex[which];
        put_day(ex, x->day, x->prec);
        fputs(" from ", ex);
        put_span(ex, doc, x->t0, x->t1);
        fputs(clause_of(doc, x->t0) == clause_of(doc, v) ? " (its clause, nearest the verb)\n"
                                                         : " (its sentence, nearest the verb)\n",
              ex);
    }
}
