/*
 * reader.c - reads stories: a plain text file is one story; JSON Lines hold one story per
 * line ({"id", "date", "text"} and optional "title", "source", "url"). Either may be gzip-
 * compressed (zlib reads plain files through the same calls) and "-" is standard input.
 *
 * A bad record (malformed JSON, no text, binary data) is rejected with its line and byte;
 * reading goes on with the next one.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "doc.h"
#include "util/buf.h"
#include "util/swar.h"

/* cJSON's nodes of one record come from a region of the reader while it parses (#7: a
 * dozen mallocs and frees a record were a tenth of reading). The hooks are cJSON's, for the
 * whole process: they take from the region of the reader the calling thread is parsing
 * with, and from malloc otherwise (or when the region is full: such a record is freed with
 * cJSON_Delete, whose hook leaves the region's nodes alone). */
typedef struct region {
    char *base;
    size_t size, used;
    int spilled; /* a node of this record came from malloc */
} region;

static _Thread_local region *t_region;

static void *region_malloc(size_t n)
{
    region *g = t_region;
    size_t need = (n + 15) & ~(size_t)15;
    if (g && need >= n && need <= g->size - g->used) {
        void *p = g->base + g->used;
        g->used += need;
        return p;
    }
    if (g)
        g->spilled = 1;
    return malloc(n);
}

static void region_free(void *p)
{
    const region *g = t_region;
    if (g && (char *)p >= g->base && (char *)p < g->base + g->size)
        return;
    free(p);
}

static void init_hooks(void)
{
    cJSON_Hooks h = {region_malloc, region_free};
    cJSON_InitHooks(&h);
}

enum { REGION_SIZE = 64 << 10 };

struct kh_reader {
    gzFile gz;
    kh_input kind;
    char *path, *name, *date;
    long line;
    long byte;      /* bytes consumed before the current line */
    int done;
    kh_buf buf;
    char *rb;          /* read-ahead of the decompressed stream */
    size_t rpos, rlen;
    int eof;
    size_t nuls, first_nul; /* NUL bytes of the current line, read as blanks */
    kh_doc **spare;         /* stories given back (kh_reader_recycle), reused for new ones */
    size_t nspare;
    region rg; /* cJSON's nodes of the record being read */
};

/* Parses r->buf with cJSON, its nodes in r's region. */
static cJSON *parse_record(kh_reader *r, const char **end)
{
    if (!r->rg.base) {
        r->rg.base = kh__xmalloc(REGION_SIZE);
        r->rg.size = REGION_SIZE;
    }
    r->rg.used = 0;
    r->rg.spilled = 0;
    t_region = &r->rg;
    cJSON *o = cJSON_ParseWithLengthOpts(r->buf.ptr, r->buf.len, end, 0);
    t_region = NULL;
    return o;
}

/* Frees a record parse_record made: nothing to do unless a node came from malloc (or from
 * hooks some other code of the process set after ours: then none came from the region). */
static void free_record(kh_reader *r, cJSON *o)
{
    if (!o || (!r->rg.spilled && r->rg.used))
        return;
    t_region = &r->rg;
    cJSON_Delete(o);
    t_region = NULL;
}

enum { MAX_SPARE = 1024 };

void kh_reader_recycle(kh_reader *r, kh_doc *doc)
{
    if (!doc)
        return;
    if (!r || r->nspare >= MAX_SPARE) {
        kh_doc_free(doc);
        return;
    }
    if (!r->spare)
        r->spare = kh__xcalloc(MAX_SPARE, sizeof *r->spare);
    r->spare[r->nspare++] = doc;
}

static void set_diag(kh_diag *d, kh_status code, const char *file, long line, long byte,
                     const char *msg)
{
    if (!d)
        return;
    memset(d, 0, sizeof *d);
    d->code = code;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    d->line = line;
    d->byte = byte;
    snprintf(d->message, sizeof d->message, "%s", msg ? msg : kh_strerror(code));
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

kh_status kh_reader_open(kh_reader **out, const char *path, kh_input kind,
                         const char *default_date, kh_diag *diag)
{
    *out = NULL;
    int stdin_ = strcmp(path, "-") == 0;
    gzFile gz = stdin_ ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    if (!gz) {
        char msg[200];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno ? errno : ENOENT));
        set_diag(diag, KH_IO, path, 0, 0, msg);
        return KH_IO;
    }
    gzbuffer(gz, 1 << 17);
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_hooks);
    kh_reader *r = kh__xcalloc(1, sizeof *r);
    r->gz = gz;
    r->path = kh__xstrdup(stdin_ ? "<stdin>" : path);
    const char *base = strrchr(path, '/');
    r->name = kh__xstrdup(stdin_ ? "stdin" : base ? base + 1 : path);
    r->date = default_date ? kh__xstrdup(default_date) : NULL;
    if (kind == KH_INPUT_AUTO) {
        char low[512];
        snprintf(low, sizeof low, "%s", path);
        for (char *p = low; *p; p++)
            *p = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
        if (ends_with(low, ".gz"))
            low[strlen(low) - 3] = 0;
        kind = (ends_with(low, ".jsonl") || ends_with(low, ".json") || ends_with(low, ".ndjson"))
                   ? KH_INPUT_JSONL : KH_INPUT_TEXT;
    }
    r->kind = kind;
    *out = r;
    return KH_OK;
}

void kh_reader_close(kh_reader *r)
{
    if (!r)
        return;
    gzclose(r->gz);
    free(r->path);
    free(r->name);
    free(r->date);
    kh__buf_free(&r->buf);
    free(r->rb);
    free(r->rg.base);
    for (size_t i = 0; i < r->nspare; i++)
        kh_doc_free(r->spare[i]);
    free(r->spare);
    free(r);
}

/* Reads everything left into r->buf; KH_GZIP if the stream is damaged. */
static kh_status read_all(kh_reader *r)
{
    char chunk[1 << 16];
    int n;
    while ((n = gzread(r->gz, chunk, sizeof chunk)) > 0)
        kh__buf_put(&r->buf, chunk, (size_t)n);
    int err = Z_OK;
    gzerror(r->gz, &err);
    return (n < 0 || (err != Z_OK && err != Z_STREAM_END)) ? KH_GZIP : KH_OK;
}

/* Reads one line into r->buf (without the newline). 0 at the end; -1 on a damaged stream.
 * A NUL byte is kept as a blank, so the line's bytes keep their offsets (gzgets would stop
 * at it and run the line into the next one: #8, tests/hostile.sh). */
static int read_line(kh_reader *r)
{
    kh__buf_clear(&r->buf);
    r->nuls = 0;
    int got = 0;
    if (!r->rb)
        r->rb = kh__xmalloc(1 << 16);
    for (;;) {
        if (r->rpos == r->rlen) {
            if (r->eof)
                break;
            int n = gzread(r->gz, r->rb, 1 << 16);
            if (n < 0)
                return -1;
            if (n == 0) {
                int err = Z_OK;
                gzerror(r->gz, &err);
                if (err != Z_OK && err != Z_STREAM_END)
                    return -1;
                r->eof = 1;
                break;
            }
            r->rpos = 0;
            r->rlen = (size_t)n;
        }
        got = 1;
        char *p = r->rb + r->rpos;
        size_t avail = r->rlen - r->rpos;
        char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        size_t at = r->buf.len;
        kh__buf_put(&r->buf, p, take);
        for (char *q = r->buf.ptr + at; (q = memchr(q, 0, (size_t)(r->buf.ptr + r->buf.len - q)));) {
            if (!r->nuls++)
                r->first_nul = (size_t)(q - r->buf.ptr);
            *q = ' ';
        }
        r->rpos += take + (nl != NULL);
        if (nl)
            break;
    }
    return got;
}

/* "\u0000" in a JSON string would end the C string that cJSON gives back and silently cut
 * the story: it is read as a blank ("\u0020", as long). An escaped backslash before it
 * ("\\u0000") is left alone. */
static void json_nul_to_blank(char *s, size_t n)
{
    for (char *p = s; n >= 6 && (p = memchr(p, '\\', n - 5 - (size_t)(p - s)));) {
        size_t i = (size_t)(p++ - s);
        if (memcmp(s + i + 1, "u0000", 5) != 0)
            continue;
        size_t k = 0;
        while (k < i && s[i - 1 - k] == '\\')
            k++;
        if (k % 2 == 0)
            memcpy(s + i + 1, "u0020", 5);
    }
}

/* Is this text binary junk rather than a story? */
static int is_binary(const char *s, size_t n)
{
    size_t ctl = 0;
    for (size_t i = 0; i < n; i++) {
        /* Eight bytes at a time while none is a control character. */
        while (i + 8 <= n) {
            uint64_t x = kh__load8(s + i);
            if (kh__swar_below(x, 0x20) | kh__swar_has(x, 0x7f))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7f)
            ctl++;
    }
    return n > 0 && ctl * 10 > n;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
            return 0;
    return 1;
}

/* Checks a story's text and makes the doc, or rejects it. */
static kh_status make_doc(kh_reader *r, const char *id, const char *date, const char *text,
                          size_t len, kh_doc **doc, kh_diag *diag)
{
    if (blank(text, len)) {
        set_diag(diag, KH_EMPTY, r->path, r->line, r->byte + 1, "story has no text");
        return KH_EMPTY;
    }
    if (is_binary(text, len)) {
        set_diag(diag, KH_BINARY, r->path, r->line, r->byte + 1,
                 "story is binary data, not text");
        return KH_BINARY;
    }
    *doc = kh__doc_reuse(r->nspare ? r->spare[--r->nspare] : NULL, id, date, text, len);
    if (date && !kh_doc_date(*doc)) {
        char msg[200];
        snprintf(msg, sizeof msg, "invalid date \"%.40s\" ignored (expected YYYY-MM-DD)", date);
        set_diag(diag, KH_DATE, r->path, r->line, 0, msg);
    }
    size_t first;
    size_t bad = kh_doc_bad_utf8(*doc, &first);
    if (bad) {
        char msg[200];
        snprintf(msg, sizeof msg, "%zu invalid UTF-8 byte%s replaced by U+FFFD", bad,
                 bad == 1 ? "" : "s");
        set_diag(diag, KH_UTF8, r->path, r->line, (long)first, msg);
    }
    return KH_OK;
}

static const char *jstr(const cJSON *v)
{
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The fields a story is read from, each the first of its name (as
 * cJSON_GetObjectItemCaseSensitive finds it), in one walk over the object's members. */
typedef struct jfields {
    const cJSON *text, *id, *date, *title, *source, *url;
} jfields;

static void json_fields(const cJSON *o, jfields *f)
{
    memset(f, 0, sizeof *f);
    for (const cJSON *c = o->child; c; c = c->next) {
        const char *k = c->string;
        const cJSON **slot = NULL;
        if (!k)
            continue;
        switch (k[0]) {
        case 't':
            slot = !strcmp(k, "text") ? &f->text : !strcmp(k, "title") ? &f->title : NULL;
            break;
        case 'i':
            slot = !strcmp(k, "id") ? &f->id : NULL;
            break;
        case 'd':
            slot = !strcmp(k, "date") ? &f->date : NULL;
            break;
        case 's':
            slot = !strcmp(k, "source") ? &f->source : NULL;
            break;
        case 'u':
            slot = !strcmp(k, "url") ? &f->url : NULL;
            break;
        }
        if (slot && !*slot)
            *slot = c;
    }
}

kh_status kh_reader_next(kh_reader *r, kh_doc **doc, kh_diag *diag)
{
    *doc = NULL;
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (r->done)
        return KH_EOF;
    if (r->kind == KH_INPUT_TEXT) {
        r->done = 1;
        kh_status st = read_all(r);
        if (st) {
            set_diag(diag, KH_GZIP, r->path, 0, (long)r->buf.len + 1,
                     "damaged or truncated compressed file");
            return st;
        }
        r->line = 1;
        return make_doc(r, r->name, r->date, r->buf.ptr ? r->buf.ptr : "", r->buf.len, doc, diag);
    }
    for (;;) {
        r->byte += r->line ? (long)r->buf.len + 1 : 0;
        int got = read_line(r);
        if (got < 0) {
            r->done = 1;
            set_diag(diag, KH_GZIP, r->path, r->line + 1, r->byte + 1,
                     "damaged or truncated compressed file");
            return KH_GZIP;
        }
        if (!got) {
            r->done = 1;
            return KH_EOF;
        }
        r->line++;
        if (blank(r->buf.ptr, r->buf.len))
            continue;
        break;
    }
    const char *end = NULL;
    json_nul_to_blank(r->buf.ptr, r->buf.len);
    cJSON *o = parse_record(r, &end);
    if (!o || !cJSON_IsObject(o)) {
        long at = end ? (long)(end - r->buf.ptr) : 0;
        if (!o) {
            const char *ep = cJSON_GetErrorPtr();
            if (ep && ep >= r->buf.ptr && ep <= r->buf.ptr + r->buf.len)
                at = (long)(ep - r->buf.ptr);
        }
        char msg[200];
        snprintf(msg, sizeof msg, o ? "expected a JSON object" : "malformed JSON at column %ld",
                 at + 1);
        free_record(r, o);
        set_diag(diag, KH_JSON, r->path, r->line, r->byte + at + 1, msg);
        return KH_JSON;
    }
    jfields jf;
    json_fields(o, &jf);
    const cJSON *t = jf.text;
    if (!cJSON_IsString(t)) {
        free_record(r, o);
        set_diag(diag, KH_FIELD, r->path, r->line, r->byte + 1,
                 "no \"text\" string in this record");
        return KH_FIELD;
    }
    char idbuf[64];
    const char *id = jstr(jf.id);
    const cJSON *idn = jf.id;
    if (!id && cJSON_IsNumber(idn)) {
        snprintf(idbuf, sizeof idbuf, "%.0f", idn->valuedouble);
        id = idbuf;
    }
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "%s:%ld", r->name, r->line);
        id = idbuf;
    }
    const char *date = jstr(jf.date);
    if (!date)
        date = r->date;
    kh_status st = make_doc(r, id, date, t->valuestring, strlen(t->valuestring), doc, diag);
    if (!st)
        kh_doc_set_meta(*doc, jstr(jf.title), jstr(jf.source), jstr(jf.url));
    if (!st && r->nuls && diag && !diag->code) {
        char msg[200];
        snprintf(msg, sizeof msg, "%zu NUL byte%s read as blank%s", r->nuls, r->nuls == 1 ? "" : "s",
                 r->nuls == 1 ? "" : "s");
        set_diag(diag, KH_UTF8, r->path, r->line, r->byte + (long)r->first_nul + 1, msg);
    }
    free_record(r, o);
    return st;
}
