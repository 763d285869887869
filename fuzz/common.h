/*
 * common.h - shared by the libFuzzer targets in fuzz/ (make fuzz): the parsers of outside
 * input read files, so each input is written to a file of the kind the parser expects.
 */
#ifndef KH_FUZZ_COMMON_H
#define KH_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <khaldun.h>

/* The folder of this process's input files: /tmp/khaldun-fuzz-PID. */
static const char *fuzz_dir(void)
{
    static char dir[128];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/khaldun-fuzz-%d", (int)getpid());
        mkdir(dir, 0700);
    }
    return dir;
}

/* Writes data to the file fuzz_dir()/input<suffix> and returns its path. */
static const char *fuzz_file(const uint8_t *data, size_t n, const char *suffix)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/input%s", fuzz_dir(), suffix);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n && fwrite(data, 1, n, f) != n)
        abort();
    fclose(f);
    return path;
}

/* Copies the file from to fuzz_dir()/name (data a target's input refers to). */
static void fuzz_copy(const char *from, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    FILE *in = fopen(from, "rb"), *out = fopen(path, "wb");
    char buf[4096];
    size_t k;
    while (in && out && (k = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, k, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

/* Reads every story of path with the reader and codes it with d (when not NULL). */
static void fuzz_read_all(const char *path, kh_input kind, const kh_dict *d)
{
    kh_reader *r;
    kh_diag g;
    if (kh_reader_open(&r, path, kind, "2020-01-10", &g))
        return;
    for (int i = 0; i < 10000; i++) {
        kh_doc *doc;
        kh_status st = kh_reader_next(r, &doc, &g);
        if (st == KH_EOF)
            break;
        if (st)
            continue;
        if (d) {
            kh_code(d, doc);
            FILE *null = fopen("/dev/null", "w");
            if (null) {
                kh_write_events(null, KH_FORMAT_JSONL, doc);
                fclose(null);
            }
        }
        kh_doc_free(doc);
    }
    kh_reader_close(r);
}

/* The shipped dictionaries ($KHALDUN_DICT, else dict/), loaded once. */
static const kh_dict *fuzz_dict(void)
{
    static kh_dict *d;
    if (!d) {
        const char *dir = getenv("KHALDUN_DICT") ? getenv("KHALDUN_DICT") : "dict";
        kh_diag g;
        d = kh_dict_new();
        if (kh_dict_load_dir(d, dir, &g) && g.code != KH_SYNTAX) {
            fprintf(stderr, "fuzz: cannot load dictionaries from %s\n", dir);
            abort();
        }
        kh_dict_freeze(d);
    }
    return d;
}

#endif
