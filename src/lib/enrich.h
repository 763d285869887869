/*
 * enrich.h - the enrich stage (issue #6), run on each sentence right after the coder:
 *
 * when.c     date expressions of the sentence ("late Thursday", "in April", "Jan. 8",
 *            "2020-01-08", "in 2011", "last week") resolved against the story date, and the
 *            date of each event: the expression of its clause nearest its verb, else of its
 *            sentence, else the story date
 * counts.c   numbers ("more than 1,000", "dozens", "twenty-one", "1.2 million") read as
 *            counts of people killed, wounded, arrested or displaced, attached to the
 *            nearest violent event of the sentence or kept as the story's counts
 * enrich.c   kh__enrich(): both, in that order (counts skip the tokens of dates)
 *
 * Everything works on the tokens of the sentence (doc->toks, upper-case norm) in one pass
 * each, with scratch arrays kept on the story (grown, not allocated per token).
 */
#ifndef KH_ENRICH_H
#define KH_ENRICH_H

#include <stdint.h>
#include <stdio.h>

#include "doc.h"

/* ------------------------------------------------------------------ words (enrich.c) */

/* The words the enrich stage reads, one class each (a hash of the normal form, looked up
 * once per token and sentence into doc->enrich_w). */
enum {
    KH_EW_NONE,
    KH_EW_WEEKDAY,  /* val 0 Monday .. 6 Sunday */
    KH_EW_MONTH,    /* val 1-12; KH_EWF_WEAK: May, March, or an abbreviation */
    KH_EW_DAYWORD,  /* yesterday (val 0), today, tonight (1), tomorrow (2): offset + 1 */
    KH_EW_PART,     /* morning, afternoon, evening, night */
    KH_EW_UNIT,     /* day(s), week(s), weekend, month(s), year(s): val = kh_precision */
    KH_EW_NUMWORD,  /* one .. ninety: val */
    KH_EW_SCALE,    /* dozen (val 1), hundred (2), thousand (3), million (6), billion (9) */
    KH_EW_VAGUE,    /* dozens, hundreds, thousands, millions (scale as above), scores, tens,
                       several */
    KH_EW_QSTART,   /* the first word of a qualifier: at, more, over, about, nearly, up... */
    KH_EW_ARTICLE,  /* a, an: "a dozen", "a soldier" */
    KH_EW_TRIGGER,  /* a word of a count: val = kh_count_kind, flags KH_EWF_A/B/NOUN/TOLL */
    KH_EW_UNITSTOP, /* percent, km, hours, dollars: the number before it counts no people */
    KH_EW_PERSON    /* soldier, man, child, civilian: "a soldier" is one person */
};

enum {
    KH_EWF_WEAK = 1,   /* month: needs a day, a year or a preposition beside it */
    KH_EWF_A = 2,      /* trigger after its number: "12 people were killed", "two died" */
    KH_EWF_B = 4,      /* trigger before its number: "killing 12", "arrested dozens" */
    KH_EWF_NOUN = 8,   /* trigger noun right after its number: "12 deaths", "30 arrests" */
    KH_EWF_TOLL = 16,  /* "the death toll rose to 45" */
    KH_EWF_HOME = 32,  /* "fled": displaced only with "their homes", "the country" after it */
    KH_EWF_PLURAL = 64, /* unit: days, weeks... */
    KH_EWF_LIVES = 128  /* killed only with "lives": "claimed 12 lives", "12 lives were lost" */
};

typedef struct kh_ew {
    const char *w;
    uint8_t cls, val, flags;
} kh_ew;

/* The entry of token t, or NULL. */
/* The word lists of when.c and counts.c, as bits of a token's word-table entry (words.h). */
enum {
    KH_WL_FUTURE_TO = 1 << 0, KH_WL_LEAD = 1 << 1, KH_WL_MONTH_PREP = 1 << 2,
    KH_WL_YEAR_PREP = 1 << 3, KH_WL_BOUND = 1 << 4, KH_WL_BG = 1 << 5,
    KH_WL_GAP_STOP = 1 << 6, KH_WL_IRREALIS = 1 << 7, KH_WL_PASSIVE = 1 << 8,
    KH_WL_HOME = 1 << 9, KH_WL_CURRENCY = 1 << 10, KH_WL_CLAUSE_START = 1 << 11
};
const kh_ew *kh__ew(const kh_token *t);
/* The entry of token i after kh__enrich() filled the sentence (NULL: none); inline, as the
 * recognizers ask it of every token. */
extern const kh_ew kh__ew_table[];
static inline const kh_ew *kh__ew_at(const kh_doc *doc, size_t i)
{
    uint16_t k = doc->enrich_w[i];
    return k ? &kh__ew_table[k] : NULL;
}

/* ------------------------------------------------------------------ calendar (when.c) */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
int32_t kh__days(int y, int m, int d);
/* The date of a day number. */
void kh__civil(int32_t z, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int kh__weekday(int32_t z);
/* 1 if y-m-d is a date of the calendar (31 February is not). */
int kh__valid_date(int y, int m, int d);

/* One date expression of the sentence being enriched. */
typedef struct kh_datex {
    uint32_t t0, t1;     /* its tokens, modifiers included ("late Thursday") */
    int32_t day;         /* the first day it names (days since 1970-01-01) */
    uint8_t prec;        /* kh_precision; KH_PREC_NONE: it dates nothing (reject says why) */
    uint8_t forward;     /* read forward from the story date: its verb is in the future
                            tense ("will meet on Monday") */
    uint8_t role;        /* KH_DX_* */
    uint32_t bg0, bg1;   /* with KH_DX_BACKGROUND: the span it belongs to */
    const char *why;     /* how it was read (static text, for explain) */
    const char *reject;  /* why it dates no event, or NULL */
} kh_datex;

enum {
    KH_DX_DATE,       /* dates the events near it */
    KH_DX_SINCE,      /* "since 2011", "until April": a bound, not the date of an event */
    KH_DX_BACKGROUND, /* in a clause or phrase of its own ("after talks on Monday, ..."):
                         dates only events whose verb stands in that span */
    KH_DX_POSS        /* "Monday's attack": dates only the noun after it */
};

/* Finds the date expressions of sentence s into doc->datex, marks their tokens in
 * doc->enrich_mark, and dates the events [first_event, nevents). ex, when not NULL, hears
 * every decision. */
void kh__when(kh_doc *doc, size_t s, size_t first_event, FILE *ex);
/* The date that an event (or a count) whose word is token v of sentence s gets, from the
 * expressions kh__when found; which (may be NULL) is set to the expression used, -1 none. */
kh_date kh__date_at(const kh_doc *doc, size_t s, size_t v, int *which);
/* Token index of the token that starts at byte b in sentence s, or the sentence's t0. */
size_t kh__tok_at_byte(const kh_doc *doc, size_t s, size_t b);

/* ------------------------------------------------------------------ numbers and counts */

/* A number phrase: "more than 1,000", "between 10 and 15", "dozens", "1.2 million". */
typedef struct kh_num {
    uint32_t t0, t1;     /* its tokens, the qualifier included */
    long long n, max;    /* the value; max the upper end of a range, else -1 */
    uint8_t qual;        /* kh_qualifier */
    uint8_t overflow;    /* more than KH_COUNT_MAX (or than a long long): not a count */
    uint8_t person;      /* "a soldier": the 1 is "a" before a word for a person */
} kh_num;

/* Reads a number phrase starting at token i of [i, t1): 1 and *out filled, else 0. Reads
 * the word classes kh__enrich() put in doc->enrich_w for the sentence. */
int kh__read_number(const kh_doc *doc, size_t i, size_t t1, kh_num *out);

/* Finds the counts of sentence s and attaches them to the events [first_event, nevents) or to
 * the story (doc->scounts). Run after kh__when. */
void kh__counts(kh_doc *doc, size_t s, size_t first_event, FILE *ex);

/* The enrich stage of sentence s: dates, then counts. */
void kh__enrich(kh_doc *doc, size_t s, size_t first_event, FILE *ex);

#endif
