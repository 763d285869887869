/*
 * test_places.c - golden tests of places (issue #6): tests/places/ (*.txt) hold short stories
 * written by this project, with ambiguous place names (Tripoli, Derna, Georgia, Paris,
 * Santiago, Hyderabad...), and where an expert puts their events. Each case passes when
 * khaldun, with the shipped dictionaries and the gazetteer the build compiled from GeoNames,
 * places every event it selects as expected.
 *
 * Format (one case per block, blank line between cases):
 *   # comment
 *   @date 2020-01-10              story date for the cases that follow
 *   > story text                   one or more lines: one short story
 *   = SELECTOR | NAME | ISO3 | PRECISION [| ADMIN1]
 *                                  every event SELECTOR picks is placed there; at least one
 *                                  event must be picked. SELECTOR: "*" every event, or
 *                                  "SOURCE CODE TARGET", each field exact, "-" (no target),
 *                                  "*" (any) or a prefix ("02*")
 *   = SELECTOR | -                 the events SELECTOR picks have no location
 *   ~ NAME | ISO3 | PRECISION      the story names this place, resolved so (kh_doc_place)
 *   ~ -                            the story names no place at all
 *   @gap reason                    a known gap: fails the run when it starts to pass
 * NAME and ADMIN1 are compared without case and accents ("Istanbul" = "İstanbul"); "Kyiv/Kiev"
 * accepts either (GeoNames renames places between releases).
 * PRECISION: city, admin1 or country.
 *
 * Needs the gazetteer ($KHALDUN_GAZETTEER, else $B/places.gaz): without it the test skips,
 * saying so. KH_VERBOSE=1 shows each failing case with the locations coded.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "harness.h"
#include <khaldun.h>

typedef struct pcase {
    char text[8192];
    char exp[16][256]; /* the lines after "= " or "~ ", with their mark first */
    int nexp;
    int line;
    char gap[256];
} pcase;

static int verbose, ncases, ngaps, nchecks;

/* Folds case and accents: "İstanbul" -> "istanbul". */
static void fold(const char *s, char *out, size_t n)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                            UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    snprintf(out, n, "%s", len >= 0 && m ? (const char *)m : s);
    free(m);
}

/* Is a the name b, or one of the names "b1/b2" lists (GeoNames renames places: Kiev, Kyiv)? */
static int same_name(const char *a, const char *b)
{
    char x[256], y[256];
    if (!a || !b)
        return 0;
    fold(a, x, sizeof x);
    fold(b, y, sizeof y);
    for (char *p = y, *q; p; p = q) {
        q = strchr(p, '/');
        if (q)
            *q++ = 0;
        if (!strcmp(x, p))
            return 1;
    }
    return 0;
}

/* Splits "a | b | c" into trimmed fields; returns their number. */
static int fields(char *s, char **f, int max)
{
    int n = 0;
    for (char *p = s; n < max;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = 0;
        while (*p == ' ')
            p++;
        char *e = p + strlen(p);
        while (e > p && e[-1] == ' ')
            *--e = 0;
        f[n++] = p;
        if (!bar)
            break;
        p = bar + 1;
    }
    return n;
}

static const char *prec(kh_place_precision p)
{
    return p == KH_PLACE_CITY ? "city" : p == KH_PLACE_ADMIN1 ? "admin1" : p == KH_PLACE_COUNTRY ? "country" : "-";
}

/* Does location l match name, iso3, precision (and admin1 when given)? */
static int loc_is(const kh_location *l, char **f, int nf)
{
    if (nf < 2 || !strcmp(f[1], "-"))
        return l->precision == KH_PLACE_NONE;
    if (nf < 4 || l->precision == KH_PLACE_NONE)
        return 0;
    return same_name(l->name, f[1]) && !strcmp(l->country, f[2]) && !strcmp(prec(l->precision), f[3]) &&
           (nf < 5 || same_name(l->admin1, f[4]));
}

/* Does a selector field match: "*" anything, "02*" a prefix, "-" no code, else exactly? */
static int field_is(const char *want, const char *got)
{
    size_t n = strlen(want);
    if (n && want[n - 1] == '*')
        return got && !strncmp(want, got, n - 1);
    return got ? !strcmp(want, got) : !strcmp(want, "-");
}

/* Checks one expectation line against the coded story; explains a failure into why. */
static int check(const kh_doc *doc, const char *line, char *why, size_t whyn)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", line + 1);
    char *f[6];
    int nf = fields(buf, f, 6);
    why[0] = 0;
    if (line[0] == '~') {
        if (!strcmp(f[0], "-")) {
            if (kh_doc_nplaces(doc) == 0)
                return 1;
            snprintf(why, whyn, "a place was named: %s", kh_doc_place(doc, 0)->name);
            return 0;
        }
        char *g[6] = {"", f[0], nf > 1 ? f[1] : "", nf > 2 ? f[2] : "", nf > 3 ? f[3] : ""};
        for (size_t i = 0; i < kh_doc_nplaces(doc); i++)
            if (loc_is(kh_doc_place(doc, i), g, nf + 1))
                return 1;
        snprintf(why, whyn, "no place %s in the story", line + 1);
        return 0;
    }
    char s[64], k[64], t[64];
    if (sscanf(f[0], "%63s %63s %63s", s, k, t) != 3 && strcmp(f[0], "*") != 0) {
        snprintf(why, whyn, "bad selector \"%s\"", f[0]);
        return 0;
    }
    int all = !strcmp(f[0], "*"), picked = 0, ok = 1;
    for (size_t i = 0; i < kh_doc_nevents(doc); i++) {
        const kh_event *e = kh_doc_event(doc, i);
        if (!all && !(field_is(s, e->source.code) && field_is(k, e->code) && field_is(t, e->target.code)))
            continue;
        picked++;
        if (!loc_is(&e->location, f, nf)) {
            ok = 0;
            snprintf(why, whyn, "event %s %s %s placed at %s, %s (%s)", e->source.code, e->code,
                     e->target.code ? e->target.code : "-",
                     e->location.name ? e->location.name : "nowhere",
                     e->location.country ? e->location.country : "-", prec(e->location.precision));
        }
    }
    if (!picked)
        snprintf(why, whyn, "no event \"%s\" coded", f[0]);
    return ok && picked;
}

static void run_case(const kh_dict *d, const kh_gazetteer *g, const char *file, pcase *c,
                     const char *date)
{
    if (!c->text[0])
        return;
    kh_doc *doc = kh_doc_new(file, date[0] ? date : NULL, c->text, strlen(c->text));
    kh_options o;
    memset(&o, 0, sizeof o);
    o.gazetteer = g;
    kh_code_with(d, doc, &o);
    int ok = c->nexp > 0;
    char why[600] = "no expectation";
    for (int i = 0; i < c->nexp; i++) {
        char w[600];
        nchecks++;
        if (!check(doc, c->exp[i], w, sizeof w)) {
            if (ok)
                snprintf(why, sizeof why, "%s", w);
            ok = 0;
        }
    }
    ncases++;
    if (c->gap[0]) {
        ngaps++;
        if (ok) {
            h_fail++;
            fprintf(stderr, "FAIL %s:%d: a known gap now passes: take off its @gap line\n", file, c->line);
        } else {
            h_pass++;
        }
    } else if (ok) {
        h_pass++;
    } else {
        h_fail++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, c->line, why);
        if (verbose) {
            fprintf(stderr, "  %s\n", c->text);
            for (size_t i = 0; i < kh_doc_nevents(doc); i++) {
                const kh_event *e = kh_doc_event(doc, i);
                fprintf(stderr, "  event %s %s %s: %s, %s (%s)\n", e->source.code, e->code,
                        e->target.code ? e->target.code : "-",
                        e->location.name ? e->location.name : "-",
                        e->location.country ? e->location.country : "-", prec(e->location.precision));
            }
            for (size_t i = 0; i < kh_doc_nplaces(doc); i++) {
                const kh_location *l = kh_doc_place(doc, i);
                fprintf(stderr, "  place \"%.*s\": %s, %s (%s)%s\n", (int)(l->span.end - l->span.start),
                        kh_doc_text(doc, NULL) + l->span.start, l->name, l->country, prec(l->precision),
                        l->dateline ? " dateline" : "");
            }
        }
    }
    kh_doc_free(doc);
}

static void run_file(const kh_dict *d, const kh_gazetteer *g, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        h_fail++;
        fprintf(stderr, "FAIL cannot open %s\n", path);
        return;
    }
    char line[8192], date[16] = "";
    pcase *c = calloc(1, sizeof *c);
    int ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#')
            continue;
        if (!strncmp(line, "@date ", 6)) {
            snprintf(date, sizeof date, "%.10s", line + 6);
            continue;
        }
        if (!strncmp(line, "@gap", 4)) {
            snprintf(c->gap, sizeof c->gap, "%.200s", line[4] ? line + 5 : "(no reason given)");
            continue;
        }
        if (line[0] == '>') {
            if (c->nexp) {
                run_case(d, g, path, c, date);
                memset(c, 0, sizeof *c);
            }
            if (!c->text[0])
                c->line = ln;
            else
                strncat(c->text, "\n", sizeof c->text - strlen(c->text) - 1);
            strncat(c->text, line[1] == ' ' ? line + 2 : line + 1, sizeof c->text - strlen(c->text) - 1);
            continue;
        }
        if (line[0] == '=' || line[0] == '~') {
            if (c->nexp == 16) {
                h_fail++;
                fprintf(stderr, "FAIL %s:%d: too many expectations\n", path, ln);
                continue;
            }
            snprintf(c->exp[c->nexp++], sizeof c->exp[0], "%.250s", line);
            continue;
        }
        if (!line[0] && c->text[0]) {
            run_case(d, g, path, c, date);
            memset(c, 0, sizeof *c);
        }
    }
    run_case(d, g, path, c, date);
    free(c);
    fclose(f);
}

static int cmpp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    verbose = getenv("KH_VERBOSE") != NULL;
    char gpath[4096];
    const char *env = getenv("KHALDUN_GAZETTEER");
    snprintf(gpath, sizeof gpath, "%s/places.gaz", getenv("B") ? getenv("B") : "build");
    const char *gp = env && *env ? env : gpath;
    struct stat st;
    if (stat(gp, &st) != 0) {
        printf("test_places: skipped (no gazetteer %s: the build found no GeoNames data; "
               "install libtimezonemap-data and rebuild)\n", gp);
        return h_done();
    }
    kh_gazetteer *g;
    kh_diag dg;
    if (kh_gazetteer_open(&g, gp, &dg)) {
        kh_diag_print(&dg, stderr);
        h_fail++;
        return h_done();
    }
    const char *dictdir = getenv("KHALDUN_DICT") ? getenv("KHALDUN_DICT") : "dict";
    kh_dict *d = kh_dict_new();
    if (kh_dict_load_dir(d, dictdir, &dg)) {
        kh_diag_print(&dg, stderr);
        h_fail++;
        return h_done();
    }
    kh_dict_freeze(d);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            run_file(d, g, argv[i]);
    } else {
        DIR *dp = opendir("tests/places");
        char *names[256];
        int n = 0;
        struct dirent *de;
        while (dp && (de = readdir(dp)) && n < 256) {
            size_t l = strlen(de->d_name);
            if (l > 4 && !strcmp(de->d_name + l - 4, ".txt")) {
                names[n] = malloc(l + 16);
                snprintf(names[n], l + 16, "tests/places/%s", de->d_name);
                n++;
            }
        }
        if (dp)
            closedir(dp);
        qsort(names, (size_t)n, sizeof *names, cmpp);
        for (int i = 0; i < n; i++) {
            run_file(d, g, names[i]);
            free(names[i]);
        }
    }
    kh_dict_free(d);
    kh_gazetteer_free(g);
    printf("golden set (places): %d cases, %d checks, %d of them known gaps\n", ncases, nchecks, ngaps);
    return h_done();
}
