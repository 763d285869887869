/*
 * test_spec.c - golden tests: tests/spec/NN-name.txt hold news sentences written by this project
 * and the events an expert coder expects from them; each case passes when khaldun, with
 * the shipped dictionaries, codes exactly that set of events.
 *
 * Format (one case per block, blank line between cases):
 *   # comment
 *   @date 2020-01-10            story date for the cases that follow
 *   > sentence text              one or more lines: one short story (">" alone: a blank line)
 *   = SOURCE CODE TARGET         every expected event ("-" for no target); none = no event
 *   @gap reason                  (after a case's ">" lines) a known gap: khaldun does not code it right yet.
 *                                It still counts in precision and recall; it fails the run when
 *                                it starts to pass, so the mark is taken off.
 *
 * At the end it prints precision and recall over all cases at the level of (source country,
 * CAMEO root, target country): the first three letters of each code and the code's root.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include <khaldun.h>

typedef struct kcase {
    char text[8192];
    char exp[32][128];
    int nexp;
    int line;
    char gap[256];
} kcase;

static int verbose;
static long tp, fp, fn;          /* triples: source country, root, target country */
static long etp, efp, efn;       /* whole events */
static int ncases, ngaps;

/* "LBYMIL 190 LBYGOV" -> "LBY 19 LBY" */
static void triple(const char *ev, char *out, size_t n)
{
    char s[32], k[32], t[32];
    if (sscanf(ev, "%31s %31s %31s", s, k, t) != 3) {
        snprintf(out, n, "?");
        return;
    }
    snprintf(out, n, "%.3s %.2s %.3s", s, k, t);
}

/* Counts the matches between two sorted lists of n-byte strings (a multiset intersection). */
static int common(char (*a)[128], int na, char (*b)[128], int nb)
{
    int i = 0, j = 0, m = 0;
    while (i < na && j < nb) {
        int c = strcmp(a[i], b[j]);
        if (c == 0)
            m++, i++, j++;
        else if (c < 0)
            i++;
        else
            j++;
    }
    return m;
}

static int cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void run_case(const kh_dict *d, const char *file, kcase *c, const char *date)
{
    if (!c->text[0])
        return;
    kh_doc *doc = kh_doc_new(file, date[0] ? date : NULL, c->text, strlen(c->text));
    kh_code(d, doc);
    char got[64][128];
    int ngot = 0;
    for (size_t i = 0; i < kh_doc_nevents(doc) && ngot < 64; i++) {
        const kh_event *e = kh_doc_event(doc, i);
        snprintf(got[ngot++], 128, "%s %s %s", e->source.code, e->code,
                 e->target.code ? e->target.code : "-");
    }
    qsort(got, (size_t)ngot, 128, cmp);
    qsort(c->exp, (size_t)c->nexp, 128, cmp);
    int ok = ngot == c->nexp;
    for (int i = 0; ok && i < ngot; i++)
        ok = strcmp(got[i], c->exp[i]) == 0;
    int m = common(got, ngot, c->exp, c->nexp);
    etp += m, efp += ngot - m, efn += c->nexp - m;
    char tg[64][128], te[32][128];
    for (int i = 0; i < ngot; i++)
        triple(got[i], tg[i], 128);
    for (int i = 0; i < c->nexp; i++)
        triple(c->exp[i], te[i], 128);
    qsort(tg, (size_t)ngot, 128, cmp);
    qsort(te, (size_t)c->nexp, 128, cmp);
    m = common(tg, ngot, te, c->nexp);
    tp += m, fp += ngot - m, fn += c->nexp - m;
    ncases++;
    if (c->gap[0]) {
        ngaps++;
        if (ok) {
            h_fail++;
            fprintf(stderr, "FAIL %s:%d: a known gap now passes: take off its @gap line\n", file, c->line);
        } else {
            h_pass++;
            if (verbose)
                fprintf(stderr, "gap  %s:%d: %s\n", file, c->line, c->gap);
        }
    } else if (ok) {
        h_pass++;
    } else {
        h_fail++;
        if (verbose) {
            fprintf(stderr, "FAIL %s:%d: %s\n  expected:", file, c->line, c->text);
            for (int i = 0; i < c->nexp; i++)
                fprintf(stderr, " [%s]", c->exp[i]);
            fprintf(stderr, "\n  coded:   ");
            for (int i = 0; i < ngot; i++)
                fprintf(stderr, " [%s]", got[i]);
            fputc('\n', stderr);
        } else {
            fprintf(stderr, "FAIL %s:%d\n", file, c->line);
        }
    }
    kh_doc_free(doc);
}

static void run_file(const kh_dict *d, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        h_fail++;
        fprintf(stderr, "FAIL cannot open %s\n", path);
        return;
    }
    char line[8192], date[16] = "";
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
        if (strncmp(line, "@gap", 4) == 0) {
            snprintf(c.gap, sizeof c.gap, "%.200s", line[4] ? line + 5 : "(no reason given)");
            continue;
        }
        if (line[0] == '>') {
            if (c.nexp) { /* a new case right after expectations */
                run_case(d, path, &c, date);
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
            char s[32], k[32], t[32];
            if (sscanf(line + 1, "%31s %31s %31s", s, k, t) != 3 || c.nexp == 32) {
                h_fail++;
                fprintf(stderr, "FAIL %s:%d: bad expectation line\n", path, ln);
                continue;
            }
            snprintf(c.exp[c.nexp++], 128, "%s %s %s", s, k, t);
            continue;
        }
        if (!line[0] && c.text[0]) {
            run_case(d, path, &c, date);
            memset(&c, 0, sizeof c);
        }
    }
    run_case(d, path, &c, date);
    fclose(f);
}

static int cmpp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    verbose = getenv("KH_VERBOSE") != NULL;
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
            run_file(d, argv[i]);
    } else {
        DIR *dp = opendir("tests/spec");
        char *names[256];
        int n = 0;
        struct dirent *de;
        while (dp && (de = readdir(dp)) && n < 256) {
            size_t l = strlen(de->d_name);
            if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
                names[n] = malloc(l + 12);
                snprintf(names[n], l + 12, "tests/spec/%s", de->d_name);
                n++;
            }
        }
        if (dp)
            closedir(dp);
        qsort(names, (size_t)n, sizeof *names, cmpp);
        for (int i = 0; i < n; i++) {
            run_file(d, names[i]);
            free(names[i]);
        }
    }
    kh_dict_free(d);
    printf("golden set: %d cases, %d of them known gaps\n", ncases, ngaps);
    printf("events (source country, root, target country): precision %.1f%%, recall %.1f%% "
           "(%ld right, %ld extra, %ld missed)\n",
           tp + fp ? 100.0 * (double)tp / (double)(tp + fp) : 100.0,
           tp + fn ? 100.0 * (double)tp / (double)(tp + fn) : 100.0, tp, fp, fn);
    printf("events (exact codes): precision %.1f%%, recall %.1f%% (%ld right, %ld extra, %ld missed)\n",
           etp + efp ? 100.0 * (double)etp / (double)(etp + efp) : 100.0,
           etp + efn ? 100.0 * (double)etp / (double)(etp + efn) : 100.0, etp, efp, efn);
    return h_done();
}
