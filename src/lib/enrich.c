/*
 * enrich.c - the enrich stage of a sentence (issue #6): its words looked up once, then its
 * dates (when.c), then its counts (counts.c). Also the public names of precisions, count
 * kinds and qualifiers, and the story's counts.
 *
 * The words both stages read are one table, put in the word table of all stages (words.h)
 * the first time it is needed; each token is looked up there once per story, and the
 * sentence's entries are kept in doc->enrich_w, so the recognizers test classes, not
 * strings.
 */
#include <string.h>

#include "enrich.h"
#include "words.h"

#define A KH_EWF_A
#define B KH_EWF_B
const kh_ew kh__ew_table[] = {
    {"", KH_EW_NONE, 0, 0}, /* index 0: no entry */
    {"MONDAY", KH_EW_WEEKDAY, 0, 0}, {"TUESDAY", KH_EW_WEEKDAY, 1, 0},
    {"WEDNESDAY", KH_EW_WEEKDAY, 2, 0}, {"THURSDAY", KH_EW_WEEKDAY, 3, 0},
    {"FRIDAY", KH_EW_WEEKDAY, 4, 0}, {"SATURDAY", KH_EW_WEEKDAY, 5, 0},
    {"SUNDAY", KH_EW_WEEKDAY, 6, 0},
    {"JANUARY", KH_EW_MONTH, 1, 0}, {"FEBRUARY", KH_EW_MONTH, 2, 0},
    {"MARCH", KH_EW_MONTH, 3, KH_EWF_WEAK}, {"APRIL", KH_EW_MONTH, 4, 0},
    {"MAY", KH_EW_MONTH, 5, KH_EWF_WEAK}, {"JUNE", KH_EW_MONTH, 6, 0},
    {"JULY", KH_EW_MONTH, 7, 0}, {"AUGUST", KH_EW_MONTH, 8, 0},
    {"SEPTEMBER", KH_EW_MONTH, 9, 0}, {"OCTOBER", KH_EW_MONTH, 10, 0},
    {"NOVEMBER", KH_EW_MONTH, 11, 0}, {"DECEMBER", KH_EW_MONTH, 12, 0},
    /* abbreviations are weak unless the tokenizer gave them their point ("Jan.") */
    {"JAN", KH_EW_MONTH, 1, KH_EWF_WEAK}, {"FEB", KH_EW_MONTH, 2, KH_EWF_WEAK},
    {"MAR", KH_EW_MONTH, 3, KH_EWF_WEAK}, {"APR", KH_EW_MONTH, 4, KH_EWF_WEAK},
    {"JUN", KH_EW_MONTH, 6, KH_EWF_WEAK}, {"JUL", KH_EW_MONTH, 7, KH_EWF_WEAK},
    {"AUG", KH_EW_MONTH, 8, KH_EWF_WEAK}, {"SEP", KH_EW_MONTH, 9, KH_EWF_WEAK},
    {"SEPT", KH_EW_MONTH, 9, KH_EWF_WEAK}, {"OCT", KH_EW_MONTH, 10, KH_EWF_WEAK},
    {"NOV", KH_EW_MONTH, 11, KH_EWF_WEAK}, {"DEC", KH_EW_MONTH, 12, KH_EWF_WEAK},
    {"YESTERDAY", KH_EW_DAYWORD, 0, 0}, {"TODAY", KH_EW_DAYWORD, 1, 0},
    {"TONIGHT", KH_EW_DAYWORD, 1, 0}, {"TOMORROW", KH_EW_DAYWORD, 2, 0},
    {"MORNING", KH_EW_PART, 0, 0}, {"AFTERNOON", KH_EW_PART, 0, 0},
    {"EVENING", KH_EW_PART, 0, 0}, {"NIGHT", KH_EW_PART, 0, 0},
    {"DAY", KH_EW_UNIT, KH_PREC_DAY, 0}, {"DAYS", KH_EW_UNIT, KH_PREC_DAY, KH_EWF_PLURAL},
    {"WEEK", KH_EW_UNIT, KH_PREC_WEEK, 0}, {"WEEKS", KH_EW_UNIT, KH_PREC_WEEK, KH_EWF_PLURAL},
    {"WEEKEND", KH_EW_UNIT, KH_PREC_WEEK, 0},
    {"MONTH", KH_EW_UNIT, KH_PREC_MONTH, 0},
    {"MONTHS", KH_EW_UNIT, KH_PREC_MONTH, KH_EWF_PLURAL},
    {"YEAR", KH_EW_UNIT, KH_PREC_YEAR, 0}, {"YEARS", KH_EW_UNIT, KH_PREC_YEAR, KH_EWF_PLURAL},
    /* numbers in words */
    {"ONE", KH_EW_NUMWORD, 1, 0}, {"TWO", KH_EW_NUMWORD, 2, 0}, {"THREE", KH_EW_NUMWORD, 3, 0},
    {"FOUR", KH_EW_NUMWORD, 4, 0}, {"FIVE", KH_EW_NUMWORD, 5, 0}, {"SIX", KH_EW_NUMWORD, 6, 0},
    {"SEVEN", KH_EW_NUMWORD, 7, 0}, {"EIGHT", KH_EW_NUMWORD, 8, 0},
    {"NINE", KH_EW_NUMWORD, 9, 0}, {"TEN", KH_EW_NUMWORD, 10, 0},
    {"ELEVEN", KH_EW_NUMWORD, 11, 0}, {"TWELVE", KH_EW_NUMWORD, 12, 0},
    {"THIRTEEN", KH_EW_NUMWORD, 13, 0}, {"FOURTEEN", KH_EW_NUMWORD, 14, 0},
    {"FIFTEEN", KH_EW_NUMWORD, 15, 0}, {"SIXTEEN", KH_EW_NUMWORD, 16, 0},
    {"SEVENTEEN", KH_EW_NUMWORD, 17, 0}, {"EIGHTEEN", KH_EW_NUMWORD, 18, 0},
    {"NINETEEN", KH_EW_NUMWORD, 19, 0}, {"TWENTY", KH_EW_NUMWORD, 20, 0},
    {"THIRTY", KH_EW_NUMWORD, 30, 0}, {"FORTY", KH_EW_NUMWORD, 40, 0},
    {"FOURTY", KH_EW_NUMWORD, 40, 0}, {"FIFTY", KH_EW_NUMWORD, 50, 0},
    {"SIXTY", KH_EW_NUMWORD, 60, 0}, {"SEVENTY", KH_EW_NUMWORD, 70, 0},
    {"EIGHTY", KH_EW_NUMWORD, 80, 0}, {"NINETY", KH_EW_NUMWORD, 90, 0},
    {"DOZEN", KH_EW_SCALE, 1, 0}, {"HUNDRED", KH_EW_SCALE, 2, 0},
    {"THOUSAND", KH_EW_SCALE, 3, 0}, {"MILLION", KH_EW_SCALE, 6, 0},
    {"BILLION", KH_EW_SCALE, 9, 0},
    /* Indian English: a lakh is 100,000, a crore 10 million */
    {"LAKH", KH_EW_SCALE, 5, 0}, {"LAKHS", KH_EW_SCALE, 5, 0},
    {"CRORE", KH_EW_SCALE, 7, 0}, {"CRORES", KH_EW_SCALE, 7, 0},
    {"DOZENS", KH_EW_VAGUE, 1, 0}, {"HUNDREDS", KH_EW_VAGUE, 2, 0},
    {"THOUSANDS", KH_EW_VAGUE, 3, 0}, {"MILLIONS", KH_EW_VAGUE, 6, 0},
    {"SCORES", KH_EW_VAGUE, 20, 0}, {"TENS", KH_EW_VAGUE, 10, 0},
    {"SEVERAL", KH_EW_VAGUE, 0, 0},
    /* qualifiers (counts.c has the phrases) */
    {"AT", KH_EW_QSTART, 0, 0}, {"MORE", KH_EW_QSTART, 0, 0}, {"OVER", KH_EW_QSTART, 0, 0},
    {"WELL", KH_EW_QSTART, 0, 0}, {"UPWARDS", KH_EW_QSTART, 0, 0}, {"NO", KH_EW_QSTART, 0, 0},
    {"NOT", KH_EW_QSTART, 0, 0}, {"ABOUT", KH_EW_QSTART, 0, 0}, {"AROUND", KH_EW_QSTART, 0, 0},
    {"SOME", KH_EW_QSTART, 0, 0}, {"APPROXIMATELY", KH_EW_QSTART, 0, 0},
    {"ROUGHLY", KH_EW_QSTART, 0, 0}, {"ESTIMATED", KH_EW_QSTART, 0, 0},
    {"NEARLY", KH_EW_QSTART, 0, 0}, {"ALMOST", KH_EW_QSTART, 0, 0},
    {"CLOSE", KH_EW_QSTART, 0, 0}, {"JUST", KH_EW_QSTART, 0, 0}, {"UP", KH_EW_QSTART, 0, 0},
    {"AS", KH_EW_QSTART, 0, 0}, {"FEWER", KH_EW_QSTART, 0, 0}, {"LESS", KH_EW_QSTART, 0, 0},
    {"UNDER", KH_EW_QSTART, 0, 0}, {"BETWEEN", KH_EW_QSTART, 0, 0},
    {"NOBODY", KH_EW_QSTART, 0, 0}, {"NONE", KH_EW_QSTART, 0, 0},
    {"HALF", KH_EW_QSTART, 0, 0},
    {"A", KH_EW_ARTICLE, 0, 0}, {"AN", KH_EW_ARTICLE, 0, 0},
    /* the words of counts */
    {"KILLED", KH_EW_TRIGGER, KH_COUNT_KILLED, A | B},
    {"KILLING", KH_EW_TRIGGER, KH_COUNT_KILLED, B},
    {"KILLS", KH_EW_TRIGGER, KH_COUNT_KILLED, B},
    {"DEAD", KH_EW_TRIGGER, KH_COUNT_KILLED, A},
    {"DIED", KH_EW_TRIGGER, KH_COUNT_KILLED, A},
    {"DIE", KH_EW_TRIGGER, KH_COUNT_KILLED, A},
    {"DIES", KH_EW_TRIGGER, KH_COUNT_KILLED, A},
    {"SLAIN", KH_EW_TRIGGER, KH_COUNT_KILLED, A},
    {"PERISHED", KH_EW_TRIGGER, KH_COUNT_KILLED, A},
    {"MURDERED", KH_EW_TRIGGER, KH_COUNT_KILLED, A | B},
    {"MASSACRED", KH_EW_TRIGGER, KH_COUNT_KILLED, A | B},
    {"EXECUTED", KH_EW_TRIGGER, KH_COUNT_KILLED, A | B},
    {"DEATHS", KH_EW_TRIGGER, KH_COUNT_KILLED, KH_EWF_NOUN},
    {"FATALITIES", KH_EW_TRIGGER, KH_COUNT_KILLED, KH_EWF_NOUN},
    {"TOLL", KH_EW_TRIGGER, KH_COUNT_KILLED, KH_EWF_TOLL},
    {"CLAIMED", KH_EW_TRIGGER, KH_COUNT_KILLED, B | KH_EWF_LIVES},
    {"CLAIMING", KH_EW_TRIGGER, KH_COUNT_KILLED, B | KH_EWF_LIVES},
    {"CLAIMS", KH_EW_TRIGGER, KH_COUNT_KILLED, B | KH_EWF_LIVES},
    {"COST", KH_EW_TRIGGER, KH_COUNT_KILLED, B | KH_EWF_LIVES},
    {"COSTING", KH_EW_TRIGGER, KH_COUNT_KILLED, B | KH_EWF_LIVES},
    {"LOST", KH_EW_TRIGGER, KH_COUNT_KILLED, A | KH_EWF_LIVES},
    {"WOUNDED", KH_EW_TRIGGER, KH_COUNT_WOUNDED, A | B},
    {"WOUNDING", KH_EW_TRIGGER, KH_COUNT_WOUNDED, B},
    {"INJURED", KH_EW_TRIGGER, KH_COUNT_WOUNDED, A | B},
    {"INJURING", KH_EW_TRIGGER, KH_COUNT_WOUNDED, B},
    {"HURT", KH_EW_TRIGGER, KH_COUNT_WOUNDED, A},
    {"ARRESTED", KH_EW_TRIGGER, KH_COUNT_ARRESTED, A | B},
    {"ARRESTING", KH_EW_TRIGGER, KH_COUNT_ARRESTED, B},
    {"DETAINED", KH_EW_TRIGGER, KH_COUNT_ARRESTED, A | B},
    {"DETAINING", KH_EW_TRIGGER, KH_COUNT_ARRESTED, B},
    {"JAILED", KH_EW_TRIGGER, KH_COUNT_ARRESTED, A | B},
    {"IMPRISONED", KH_EW_TRIGGER, KH_COUNT_ARRESTED, A},
    {"ARRESTS", KH_EW_TRIGGER, KH_COUNT_ARRESTED, KH_EWF_NOUN},
    {"DISPLACED", KH_EW_TRIGGER, KH_COUNT_DISPLACED, A | B},
    {"DISPLACING", KH_EW_TRIGGER, KH_COUNT_DISPLACED, B},
    {"UPROOTED", KH_EW_TRIGGER, KH_COUNT_DISPLACED, A | B},
    {"HOMELESS", KH_EW_TRIGGER, KH_COUNT_DISPLACED, A},
    {"FLED", KH_EW_TRIGGER, KH_COUNT_DISPLACED, A | KH_EWF_HOME},
    /* a number before these counts no people */
    {"PERCENT", KH_EW_UNITSTOP, 0, 0}, {"PER", KH_EW_UNITSTOP, 0, 0},
    {"%", KH_EW_UNITSTOP, 0, 0}, {"KM", KH_EW_UNITSTOP, 0, 0},
    {"KILOMETRES", KH_EW_UNITSTOP, 0, 0}, {"KILOMETERS", KH_EW_UNITSTOP, 0, 0},
    {"MILES", KH_EW_UNITSTOP, 0, 0}, {"METRES", KH_EW_UNITSTOP, 0, 0},
    {"METERS", KH_EW_UNITSTOP, 0, 0}, {"HOURS", KH_EW_UNITSTOP, 0, 0},
    {"MINUTES", KH_EW_UNITSTOP, 0, 0}, {"TONNES", KH_EW_UNITSTOP, 0, 0},
    {"TONS", KH_EW_UNITSTOP, 0, 0}, {"DOLLARS", KH_EW_UNITSTOP, 0, 0},
    {"EUROS", KH_EW_UNITSTOP, 0, 0}, {"AM", KH_EW_UNITSTOP, 0, 0},
    {"PM", KH_EW_UNITSTOP, 0, 0}, {"GMT", KH_EW_UNITSTOP, 0, 0},
    {"TIMES", KH_EW_UNITSTOP, 0, 0}, {"RUPEES", KH_EW_UNITSTOP, 0, 0},
    {"POUNDS", KH_EW_UNITSTOP, 0, 0}, {"YUAN", KH_EW_UNITSTOP, 0, 0},
    {"KG", KH_EW_UNITSTOP, 0, 0}, {"MM", KH_EW_UNITSTOP, 0, 0},
    /* people: "a soldier was killed" counts one */
    {"PERSON", KH_EW_PERSON, 0, 0}, {"MAN", KH_EW_PERSON, 0, 0},
    {"WOMAN", KH_EW_PERSON, 0, 0}, {"CHILD", KH_EW_PERSON, 0, 0},
    {"BOY", KH_EW_PERSON, 0, 0}, {"GIRL", KH_EW_PERSON, 0, 0},
    {"BABY", KH_EW_PERSON, 0, 0}, {"TEENAGER", KH_EW_PERSON, 0, 0},
    {"SOLDIER", KH_EW_PERSON, 0, 0}, {"POLICEMAN", KH_EW_PERSON, 0, 0},
    {"POLICEWOMAN", KH_EW_PERSON, 0, 0}, {"OFFICER", KH_EW_PERSON, 0, 0},
    {"CIVILIAN", KH_EW_PERSON, 0, 0}, {"JOURNALIST", KH_EW_PERSON, 0, 0},
    {"REPORTER", KH_EW_PERSON, 0, 0}, {"PHOTOGRAPHER", KH_EW_PERSON, 0, 0},
    {"PROTESTER", KH_EW_PERSON, 0, 0}, {"PROTESTOR", KH_EW_PERSON, 0, 0},
    {"DEMONSTRATOR", KH_EW_PERSON, 0, 0}, {"FIGHTER", KH_EW_PERSON, 0, 0},
    {"MILITANT", KH_EW_PERSON, 0, 0}, {"REBEL", KH_EW_PERSON, 0, 0},
    {"STUDENT", KH_EW_PERSON, 0, 0}, {"WORKER", KH_EW_PERSON, 0, 0},
    {"DOCTOR", KH_EW_PERSON, 0, 0}, {"NURSE", KH_EW_PERSON, 0, 0},
    {"FARMER", KH_EW_PERSON, 0, 0}, {"RESIDENT", KH_EW_PERSON, 0, 0},
    {"VILLAGER", KH_EW_PERSON, 0, 0}, {"PILGRIM", KH_EW_PERSON, 0, 0},
    {"GUARD", KH_EW_PERSON, 0, 0}, {"TROOPER", KH_EW_PERSON, 0, 0},
    {"COMMANDER", KH_EW_PERSON, 0, 0}, {"PRIEST", KH_EW_PERSON, 0, 0},
    {"IMAM", KH_EW_PERSON, 0, 0}, {"BYSTANDER", KH_EW_PERSON, 0, 0},
    {"DRIVER", KH_EW_PERSON, 0, 0}, {"PASSENGER", KH_EW_PERSON, 0, 0},
    {"TOURIST", KH_EW_PERSON, 0, 0}, {"ACTIVIST", KH_EW_PERSON, 0, 0},
    {"GUNMAN", KH_EW_PERSON, 0, 0}, {"BOMBER", KH_EW_PERSON, 0, 0},
    {"SUSPECT", KH_EW_PERSON, 0, 0}, {"LEADER", KH_EW_PERSON, 0, 0},
    {"MEMBER", KH_EW_PERSON, 0, 0}, {"OFFICIAL", KH_EW_PERSON, 0, 0},
    {"TERRORIST", KH_EW_PERSON, 0, 0}, {"GUERRILLA", KH_EW_PERSON, 0, 0},
    {"INSURGENT", KH_EW_PERSON, 0, 0}, {"EXTREMIST", KH_EW_PERSON, 0, 0},
    {"SUBVERSIVE", KH_EW_PERSON, 0, 0}, {"SNIPER", KH_EW_PERSON, 0, 0},
    {"PEASANT", KH_EW_PERSON, 0, 0}, {"HOSTAGE", KH_EW_PERSON, 0, 0},
    {"PRISONER", KH_EW_PERSON, 0, 0}, {"REFUGEE", KH_EW_PERSON, 0, 0},
    {"JUDGE", KH_EW_PERSON, 0, 0}, {"MAYOR", KH_EW_PERSON, 0, 0},
    {"POLITICIAN", KH_EW_PERSON, 0, 0}, {"DIPLOMAT", KH_EW_PERSON, 0, 0},
    {"SERGEANT", KH_EW_PERSON, 0, 0}, {"CAPTAIN", KH_EW_PERSON, 0, 0},
    {"COLONEL", KH_EW_PERSON, 0, 0}, {"CONSTABLE", KH_EW_PERSON, 0, 0},
    {"PERSONNEL", KH_EW_PERSON, 0, 0}, {"ELDER", KH_EW_PERSON, 0, 0},
};
#undef A
#undef B

#define NWORDS (sizeof kh__ew_table / sizeof *kh__ew_table)
void kh__words_enrich(kh_wadd add)
{
    for (size_t i = 1; i < NWORDS; i++)
        add(kh__ew_table[i].w, KH_WD_EW, (uint16_t)i);
}

const kh_ew *kh__ew(const kh_token *t)
{
    uint16_t k = kh__words[kh__word_lookup(t->norm, t->nlen)].ew;
    return k ? &kh__ew_table[k] : NULL;
}


void kh__enrich(kh_doc *doc, size_t s, size_t first_event, FILE *ex)
{
    if (!doc->enrich_mark) {
        /* once per story: ntoks is fixed after the tokenizer */
        doc->enrich_mark = kh__arena_zalloc(&doc->arena, doc->ntoks + 1);
        doc->enrich_w = kh__arena_zalloc(&doc->arena, (doc->ntoks + 1) * sizeof *doc->enrich_w);
    }
    const kh_sentence *se = &doc->sents[s];
    for (size_t i = se->t0; i < se->t1; i++) {
        doc->enrich_mark[i] = 0;
        doc->enrich_w[i] = kh__words[doc->toks[i].wcls].ew;
    }
    kh__when(doc, s, first_event, ex);
    kh__counts(doc, s, first_event, ex);
}

/* ------------------------------------------------------------------ public names */

const char *kh_precision_name(kh_precision p)
{
    static const char *const k[] = {NULL, "day", "week", "month", "year"};
    return (unsigned)p < 5 ? k[p] : NULL;
}

const char *kh_count_kind_name(kh_count_kind k)
{
    static const char *const n[] = {"killed", "wounded", "arrested", "displaced"};
    return (unsigned)k < KH_COUNT__N ? n[k] : "?";
}

const char *kh_qualifier_name(kh_qualifier q)
{
    static const char *const n[] = {
#define KH__QNAME(name, str) str,
        KH_QUAL_MAP(KH__QNAME)
#undef KH__QNAME
    };
    return (unsigned)q < KH_QUAL__COUNT ? n[q] : "?";
}

void kh_date_format(const kh_date *d, char out[11])
{
    if (!d || d->precision == KH_PREC_NONE) {
        out[0] = 0;
        return;
    }
    /* the year is kept to four digits (years read are 1800-2199) */
    unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 13u, dd = (unsigned)d->day % 32u;
    /* "%04u-%02u-%02u" without printf: one per event */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = 0;
}

size_t kh_doc_ncounts(const kh_doc *doc) { return doc->nscounts; }

const kh_story_count *kh_doc_count(const kh_doc *doc, size_t i)
{
    return i < doc->nscounts ? &doc->scounts[i] : NULL;
}
