/*
 * test_enrich.c - golden tests of the enrich stage (issue #6): event dates and casualty
 * counts. tests/enrich/dates.txt and tests/enrich/counts.txt hold short stories written by
 * this project, each with the dates or counts an expert reader expects; the stories are coded
 * with the shipped dictionaries and the dates and counts compared.
 *
 * Format (one case per block, blank line between cases; as tests/spec):
 *   # comment
 *   @date 2020-01-10           story date for the cases that follow; "@date none": no date
 *   > sentence text            one or more lines: one short story
 * dates.txt, one line per event in the order they are coded (one line alone: every event):
 *   = 2020-01-09 day           the event's date and precision, read from an expression
 *   = 2020-01-10 day story     the story date: no expression of the sentence dated it
 *   = none                     no date (the story has none and the sentence gives none)
 * counts.txt, every count of the story, in any order:
 *   = E1 killed 12             event 1 has killed 12 (exact)
 *   = E2 wounded at_least 50   qualifiers as in the output: at_least, more_than, about,
 *                              nearly, up_to, fewer_than; a range is 10-15
 *   = S killed more_than 1000  a count of the story's counts record (no event took it)
 *   = none                     no count at all
 *
 * A case fails when what is coded differs. KH_VERBOSE=1 shows each failure with what was
 * expected and what came out. The calendar and the public names have unit checks here too.
 */
#include <stdlib.h>
#include <string.h>

#include "enrich.h"
#include "harness.h"

static int verbose;
static int ndate_cases, ncount_cases;

typedef struct kcase {
    char text[4096];
    char exp[32][96];
    int nexp;
    int line;
} kcase;

static int cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* "12", "at_least 24", "10-15": as the TSV cell */
static void count_str(const kh_count *c, char *out, size_t n)
{
    if (c->qualifier == KH_QUAL_RANGE)
        snprintf(out, n, "%lld-%lld", c->n, c->max);
    else if (c->qualifier == KH_QUAL_EXACT)
        snprintf(out, n, "%lld", c->n);
    else
        snprintf(out, n, "%s %lld", kh_qualifier_name(c->qualifier), c->n);
}

static void date_str(const kh_date *d, char *out, size_t n)
{
    char s[11];
    kh_date_format(d, s);
    if (d->precision == KH_PREC_NONE)
        snprintf(out, n, "none");
    else
        snprintf(out, n, "%s %s%s", s, kh_precision_name(d->precision), d->from_story ? " story" : "");
}

static void report(const char *file, const kcase *c, char (*got)[96], int ngot, const char *why)
{
    h_fail++;
    if (!verbose) {
        fprintf(stderr, "FAIL %s:%d%s%s\n", file, c->line, why ? ": " : "", why ? why : "");
        return;
    }
    fprintf(stderr, "FAIL %s:%d: %s%s%s\n  expected:", file, c->line, c->text, why ? "\n  " : "",
            why ? why : "");
    for (int i = 0; i < c->nexp; i++)
        fprintf(stderr, " [%s]", c->exp[i]);
    fprintf(stderr, "\n  got:     ");
    for (int i = 0; i < ngot; i++)
        fprintf(stderr, " [%s]", got[i]);
    fputc('\n', stderr);
}

static void run_case(const kh_dict *d, const char *file, int counts, kcase *c, const char *date)
{
    if (!c->text[0])
        return;
    kh_doc *doc = kh_doc_new(file, strcmp(date, "none") ? date : NULL, c->text, strlen(c->text));
    kh_code(d, doc);
    char got[64][96];
    int ngot = 0;
    if (!counts) {
        ndate_cases++;
        size_t n = kh_doc_nevents(doc);
        for (size_t i = 0; i < n && ngot < 64; i++)
            date_str(&kh_doc_event(doc, i)->date, got[ngot++], 96);
        int ok = n > 0 && (c->nexp == 1 || (size_t)c->nexp == n);
        for (int i = 0; ok && i < ngot; i++)
            ok = strcmp(got[i], c->exp[c->nexp == 1 ? 0 : i]) == 0;
        if (ok)
            h_pass++;
        else
            report(file, c, got, ngot, n ? NULL : "no event coded");
    } else {
        ncount_cases++;
        char v[64];
        for (size_t i = 0; i < kh_doc_nevents(doc); i++) {
            const kh_event *e = kh_doc_event(doc, i);
            for (int k = 0; k < KH_COUNT__N && ngot < 64; k++) {
                if (e->counts[k].n < 0)
                    continue;
                count_str(&e->counts[k], v, sizeof v);
                snprintf(got[ngot++], 96, "E%zu %s %s", i + 1, kh_count_kind_name((kh_count_kind)k), v);
            }
        }
        for (size_t i = 0; i < kh_doc_ncounts(doc) && ngot < 64; i++) {
            const kh_story_count *sc = kh_doc_count(doc, i);
            count_str(&sc->count, v, sizeof v);
            snprintf(got[ngot++], 96, "S %s %s", kh_count_kind_name(sc->kind), v);
        }
        if (!ngot)
            snprintf(got[ngot++], 96, "none");
        qsort(got, (size_t)ngot, 96, cmp);
        qsort(c->exp, (size_t)c->nexp, 96, cmp);
        int ok = ngot == c->nexp;
        for (int i = 0; ok && i < ngot; i++)
            ok = strcmp(got[i], c->exp[i]) == 0;
        if (ok)
            h_pass++;
        else
            report(file, c, got, ngot, NULL);
    }
    kh_doc_free(doc);
}

static void run_file(const kh_dict *d, const char *path, int counts)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        h_fail++;
        fprintf(stderr, "FAIL cannot open %s\n", path);
        return;
    }
    char line[4096], date[16] = "none";
    kcase c;
    memset(&c, 0, sizeof c);
    int ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#')
            continue;
        if (strncmp(line, "@date ", 6) == 0) {
            snprintf(date, sizeof date, "%.10s", line + 6);
            continue;
        }
        if (line[0] == '>') {
            if (c.nexp) {
                run_case(d, path, counts, &c, date);
                memset(&c, 0, sizeof c);
            }
            if (!c.text[0])
                c.line = ln;
            else
                strncat(c.text, "\n", sizeof c.text - strlen(c.text) - 1);
            strncat(c.text, line[1] == ' ' ? line + 2 : line + 1, sizeof c.text - strlen(c.text) - 1);
            continue;
        }
        if (line[0] == '=') {
            const char *p = line + 1;
            while (*p == ' ')
                p++;
            if (!*p || c.nexp == 32) {
                h_fail++;
                fprintf(stderr, "FAIL %s:%d: bad expectation line\n", path, ln);
                continue;
            }
            snprintf(c.exp[c.nexp++], 96, "%.95s", p);
            continue;
        }
        if (!line[0] && c.text[0]) {
            run_case(d, path, counts, &c, date);
            memset(&c, 0, sizeof c);
        }
    }
    run_case(d, path, counts, &c, date);
    fclose(f);
}

/* The calendar, the date format and the names of the public enums. */
static void units(void)
{
    CASE("calendar round trip 1800-2200");
    int bad = 0;
    int32_t z0 = kh__days(1800, 1, 1), z1 = kh__days(2200, 12, 31);
    for (int32_t z = z0; z <= z1; z++) {
        int y, m, d;
        kh__civil(z, &y, &m, &d);
        bad += !kh__valid_date(y, m, d) || kh__days(y, m, d) != z;
        if (z > z0)
            bad += kh__weekday(z) != (kh__weekday(z - 1) + 1) % 7;
    }
    CHECK(bad == 0);
    CHECK(z1 - z0 + 1 == 146097 + 365); /* 400 Gregorian years, then 2200 (no leap year) */
    CASE("known days");
    CHECK(kh__days(1970, 1, 1) == 0);
    CHECK(kh__weekday(kh__days(2020, 1, 10)) == 4); /* a Friday */
    CHECK(kh__weekday(kh__days(2000, 1, 1)) == 5);  /* a Saturday */
    CHECK(kh__valid_date(2000, 2, 29) && !kh__valid_date(1900, 2, 29) && !kh__valid_date(2020, 2, 30));
    CHECK(!kh__valid_date(2020, 4, 31) && !kh__valid_date(2020, 13, 1) && !kh__valid_date(2020, 0, 1));
    CASE("public names");
    kh_date dt = {2019, 4, 1, KH_PREC_MONTH, 0, {0, 0}};
    char s[11];
    kh_date_format(&dt, s);
    CHECK_STR(s, "2019-04-01");
    CHECK_STR(kh_precision_name(KH_PREC_WEEK), "week");
    CHECK(kh_precision_name(KH_PREC_NONE) == NULL);
    dt.precision = KH_PREC_NONE;
    kh_date_format(&dt, s);
    CHECK_STR(s, "");
    CHECK_STR(kh_qualifier_name(KH_QUAL_MORE_THAN), "more_than");
    CHECK_STR(kh_qualifier_name(KH_QUAL_RANGE), "range");
    CHECK_STR(kh_count_kind_name(KH_COUNT_DISPLACED), "displaced");
}

int main(int argc, char **argv)
{
    verbose = getenv("KH_VERBOSE") != NULL;
    units();
    const char *dictdir = getenv("KHALDUN_DICT") ? getenv("KHALDUN_DICT") : "dict";
    kh_dict *d = kh_dict_new();
    kh_diag g;
    if (kh_dict_load_dir(d, dictdir, &g)) {
        kh_diag_print(&g, stderr);
        h_fail++;
        return h_done();
    }
    kh_dict_freeze(d);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            run_file(d, argv[i], strstr(argv[i], "count") != NULL);
    } else {
        run_file(d, "tests/enrich/dates.txt", 0);
        run_file(d, "tests/enrich/counts.txt", 1);
    }
    kh_dict_free(d);
    printf("golden set (enrich): %d date cases, %d count cases\n", ndate_cases, ncount_cases);
    return h_done();
}
