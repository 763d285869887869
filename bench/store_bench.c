/*
 * store_bench.c - events inserted per second into the event store (issue #9 asks for at
 * least 50,000 a second). Stories written for this benchmark are coded in chunks of 1,000
 * (not timed), then written with kh_store_put_doc (timed, commits included); then the same
 * stories again, which replaces every one (the re-run path). Prints figures, never fails
 * on time.
 *
 *   store_bench DICT_DIR DB STORIES
 */
#include <khaldun.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Each sentence takes one number (a count, or unused). */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static const char *const k_sent[] = {
    "Turkey attacked Libyan rebels in Tripoli on Monday, killing %d people.",
    "Russia accused Turkey of lying about the talks.",
    "Libyan forces arrested %d protesters in Benghazi.",
    "Russian troops attacked Libyan rebels near Sirte.",
    "Turkey and Russia called for a ceasefire in Libya.",
    "Turkish officials met Russian envoys in Moscow on Tuesday."};

/* Codes and writes n stories from first; returns the events written and adds the time. */
static size_t chunk(const kh_dict *d, kh_store *s, int first, int n, double *t)
{
    kh_doc **docs = calloc((size_t)n, sizeof *docs);
    char text[1024], id[32], date[11];
    for (int i = 0; i < n; i++) {
        int k = first + i;
        size_t len = 0;
        for (int j = 0; j < 6; j++)
            len += (size_t)snprintf(text + len, sizeof text - len, k_sent[(k + j) % 6], k % 97 + 2),
                len += (size_t)snprintf(text + len, sizeof text - len, " ");
        snprintf(id, sizeof id, "bench-%d", k);
        snprintf(date, sizeof date, "2020-%02d-%02d", k % 12 + 1, k % 28 + 1);
        docs[i] = kh_doc_new(id, date, text, len);
        kh_code(d, docs[i]);
    }
    size_t ev = 0;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        kh_diag g;
        if (kh_store_put_doc(s, docs[i], &g)) {
            kh_diag_print(&g, stderr);
            exit(1);
        }
        ev += kh_doc_nevents(docs[i]);
    }
    *t += now() - t0;
    for (int i = 0; i < n; i++)
        kh_doc_free(docs[i]);
    free(docs);
    return ev;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: store_bench DICT_DIR DB STORIES\n", stderr);
        return 2;
    }
    kh_dict *d = kh_dict_new();
    kh_diag g;
    if (kh_dict_load_dir(d, argv[1], &g)) {
        kh_diag_print(&g, stderr);
        return 2;
    }
    kh_dict_freeze(d);
    int n = atoi(argv[3]);
    unlink(argv[2]);
    for (int pass = 0; pass < 2; pass++) {
        kh_store *s;
        if (kh_store_open(&s, argv[2], 1, &g)) {
            kh_diag_print(&g, stderr);
            return 2;
        }
        double t = 0;
        size_t ev = 0;
        for (int i = 0; i < n; i += 1000)
            ev += chunk(d, s, i, n - i < 1000 ? n - i : 1000, &t);
        double t0 = now();
        kh_store_close(s, NULL);
        t += now() - t0;
        printf("store: %s %d stories, %zu events in %.2f s: %.0f events/s\n",
               pass ? "replaced" : "inserted", n, ev, t, (double)ev / t);
    }
    kh_dict_free(d);
    return 0;
}
