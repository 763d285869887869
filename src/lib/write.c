/*
 * write.c - the event writers: JSON Lines (the output contract of DESIGN.md) and TSV.
 *
 * Each record is built in one reused buffer and written with one fwrite: no allocation per
 * field. Unknown values are null, never guessed.
 */
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "util/buf.h"
#include "util/swar.h"

/* The last two components of a path: "dict/khaldun.verbs". */
static const char *short_path(const char *p)
{
    const char *a = strrchr(p, '/');
    if (!a)
        return p;
    const char *b = a;
    while (b > p && b[-1] != '/')
        b--;
    return b;
}

/* ","start":N,"end":M after a text field's closing quote */
static void json_span(kh_buf *b, size_t start, size_t end)
{
    kh__buf_puts(b, "\",\"start\":");
    kh__buf_putu(b, start);
    kh__buf_puts(b, ",\"end\":");
    kh__buf_putu(b, end);
}

static void json_str(kh_buf *b, const char *s)
{
    if (!s) {
        kh__buf_puts(b, "null");
        return;
    }
    kh__buf_putc(b, '"');
    kh__buf_json_str(b, s, strlen(s));
    kh__buf_putc(b, '"');
}

/* enrich (issue #6): "date":"2019-04-01","date_precision":"month" (null, null: no date) */
static void json_date(kh_buf *b, const kh_date *d)
{
    char s[11];
    kh_date_format(d, s);
    const char *p = kh_precision_name(d->precision);
    /* digits, dashes and a precision's name: nothing to escape */
    if (s[0]) {
        kh__buf_puts(b, "\"date\":\"");
        kh__buf_put(b, s, 10);
        kh__buf_puts(b, "\",\"date_precision\":");
    } else {
        kh__buf_puts(b, "\"date\":null,\"date_precision\":");
    }
    if (p) {
        kh__buf_putc(b, '"');
        kh__buf_puts(b, p);
        kh__buf_putc(b, '"');
    } else {
        kh__buf_puts(b, "null");
    }
}

/* enrich (issue #6): the fields of a count: "n":1000,"max":null,"qualifier":"more_than",... */
static void json_count_fields(kh_buf *b, const kh_doc *doc, const kh_count *c)
{
    kh__buf_puts(b, "\"n\":");
    kh__buf_puti(b, c->n);
    kh__buf_puts(b, ",\"max\":");
    if (c->max >= 0)
        kh__buf_puti(b, c->max);
    else
        kh__buf_puts(b, "null");
    kh__buf_puts(b, ",\"qualifier\":\"");
    kh__buf_puts(b, kh_qualifier_name(c->qualifier));
    kh__buf_puts(b, "\",\"text\":\"");
    kh__buf_json_str(b, doc->text + c->span.start, c->span.end - c->span.start);
    json_span(b, c->span.start, c->span.end);
}

/* enrich (issue #6): one count as an object, or null */
static void json_count(kh_buf *b, const kh_doc *doc, const kh_count *c)
{
    if (c->n < 0) {
        kh__buf_puts(b, "null");
        return;
    }
    kh__buf_putc(b, '{');
    json_count_fields(b, doc, c);
    kh__buf_putc(b, '}');
}

/* enrich (issue #6): "counts":{"killed":...,"wounded":...,"arrested":...,"displaced":...} */
static void json_counts(kh_buf *b, const kh_doc *doc, const kh_count *cs)
{
    kh__buf_puts(b, "\"counts\":{");
    for (int k = 0; k < KH_COUNT__N; k++) {
        kh__buf_puts(b, k ? ",\"" : "\"");
        kh__buf_puts(b, kh_count_kind_name((kh_count_kind)k));
        kh__buf_puts(b, "\":");
        json_count(b, doc, &cs[k]);
    }
    kh__buf_putc(b, '}');
}

/* enrich (issue #6): the story's counts that belong to no event, one record after its
 * events: {"doc_id":...,"record":"counts","story_date":...,"counts":[{"kind":"killed",
 * "sentence":15,"date":...,"date_precision":...,"n":...,...}]} */
static void jsonl_story_counts(kh_buf *b, const kh_doc *doc)
{
    kh__buf_puts(b, "{\"doc_id\":");
    json_str(b, doc->id);
    kh__buf_puts(b, ",\"record\":\"counts\",\"story_date\":");
    json_str(b, doc->date);
    kh__buf_puts(b, ",\"counts\":[");
    for (size_t i = 0; i < doc->nscounts; i++) {
        const kh_story_count *sc = &doc->scounts[i];
        kh__buf_printf(b, "%s{\"kind\":\"%s\",\"sentence\":%d,", i ? "," : "",
                       kh_count_kind_name(sc->kind), sc->sentence);
        json_date(b, &sc->date);
        kh__buf_putc(b, ',');
        json_count_fields(b, doc, &sc->count);
        kh__buf_putc(b, '}');
    }
    kh__buf_puts(b, "]}\n");
}

/* places (issue #6): the event's location, null when none (DESIGN.md output contract). */
static const char *const k_precision[] = {NULL, "country", "admin1", "city"};

static void json_location(kh_buf *b, const kh_doc *doc, const kh_location *l)
{
    if (l->precision == KH_PLACE_NONE) {
        kh__buf_puts(b, "null");
        return;
    }
    kh__buf_puts(b, "{\"name\":");
    json_str(b, l->name);
    kh__buf_puts(b, ",\"country\":");
    json_str(b, l->country);
    kh__buf_puts(b, ",\"admin1\":");
    json_str(b, l->admin1);
    if (l->has_coords) {
        kh__buf_puts(b, ",\"lat\":");
        kh__buf_putfix(b, l->lat, 5);
        kh__buf_puts(b, ",\"lon\":");
        kh__buf_putfix(b, l->lon, 5);
    } else {
        kh__buf_puts(b, ",\"lat\":null,\"lon\":null");
    }
    kh__buf_puts(b, ",\"geonameid\":");
    kh__buf_puti(b, l->geonameid);
    kh__buf_puts(b, ",\"precision\":\"");
    kh__buf_puts(b, k_precision[l->precision]);
    kh__buf_puts(b, "\",\"text\":\"");
    kh__buf_json_str(b, doc->text + l->span.start, l->span.end - l->span.start);
    json_span(b, l->span.start, l->span.end);
    kh__buf_putc(b, '}');
}

static void tsv_location(kh_buf *b, const kh_location *l)
{
    if (l->precision == KH_PLACE_NONE) {
        kh__buf_puts(b, "\t\t\t\t\t\t\t");
        return;
    }
    kh__buf_tsv_str(b, l->name, strlen(l->name));
    kh__buf_printf(b, "\t%s\t", l->country);
    if (l->admin1)
        kh__buf_tsv_str(b, l->admin1, strlen(l->admin1));
    if (l->has_coords)
        kh__buf_printf(b, "\t%.5f\t%.5f", l->lat, l->lon);
    else
        kh__buf_puts(b, "\t\t");
    kh__buf_printf(b, "\t%ld\t%s\t", l->geonameid, k_precision[l->precision]);
}

/* The JSON Lines record is written through a cursor (#7): a local pointer that stays in a
 * register, with room made once per part of the record rather than tested for each field.
 * A part's room: its variable strings six times over (the longest escape, \u00XX), eight
 * bytes of slack (the escape stores eight bytes at a time) and CUR_SLACK for its literals.
 * The rare parts (a location, a count, issues) go through the kh_buf calls above. */
enum { CUR_SLACK = 256 };

/* A cursor with room for n more bytes in b. */
static inline char *cur_room(kh_buf *b, char *p, size_t n)
{
    if ((size_t)(b->ptr + b->cap - p) > n + CUR_SLACK)
        return p;
    b->len = (size_t)(p - b->ptr);
    kh__buf_grow(b, n + CUR_SLACK);
    return b->ptr + b->len;
}

static inline char *cur_put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}
#define CUR_LIT(p, s) ((p) = cur_put((p), (s), sizeof(s) - 1))

/* Bytes of x that JSON escapes: controls, '"' and '\\'. */
static inline uint64_t needs_escape(uint64_t x)
{
    return kh__swar_below(x, 0x20) | kh__swar_has(x, '"') | kh__swar_has(x, '\\');
}

/* s[0..n) as the inside of a JSON string; eight bytes at a time while none needs escaping. */
static char *cur_esc(char *p, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t x = kh__load8(s + i);
            if (!needs_escape(x)) {
                memcpy(p, &x, 8);
                p += 8;
                i += 8;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i++];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *p++ = (char)c;
            continue;
        }
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default:
            p = cur_put(p, "u00", 3);
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    return p;
}

/* A span of the story's text s[0..n) as the inside of a JSON string: as cur_esc, but the
 * text is padded (utf8.h), so its last bytes are read eight at a time too, the bytes past
 * the span masked off; what is stored past it is written over by what follows. */
static char *cur_esc_text(char *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint64_t x = kh__load8(s + i), m = kh__swar_first(n - i);
        if (needs_escape(x) & m)
            return cur_esc(p, s + i, n - i); /* rare: byte by byte from here */
        memcpy(p, &x, 8);
        size_t k = n - i < 8 ? n - i : 8;
        p += k;
        i += k;
    }
    return p;
}

/* An unsigned integer in decimal (the text offsets: mostly two or three digits). */
static inline char *cur_u(char *p, unsigned long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return cur_put(p, tmp + i, sizeof tmp - i);
}

/* A string field's value: "..." or null. */
static char *cur_str(kh_buf *b, char *p, const char *s)
{
    if (!s)
        return cur_put(p, "null", 4);
    size_t n = strlen(s);
    p = cur_room(b, p, 6 * n + 8);
    *p++ = '"';
    p = cur_esc(p, s, n);
    *p++ = '"';
    return p;
}

/* A text of the story and its span: "text":"...","start":N,"end":M */
static char *cur_text(kh_buf *b, char *p, const kh_doc *doc, kh_span sp)
{
    p = cur_room(b, p, 6 * (size_t)(sp.end - sp.start) + 8);
    CUR_LIT(p, "\"text\":\"");
    p = cur_esc_text(p, doc->text + sp.start, sp.end - sp.start);
    CUR_LIT(p, "\",\"start\":");
    p = cur_u(p, sp.start);
    CUR_LIT(p, ",\"end\":");
    return cur_u(p, sp.end);
}

static char *cur_actor(kh_buf *b, char *p, const kh_doc *doc, const kh_actor *a)
{
    if (!a->code)
        return cur_put(p, "null", 4);
    CUR_LIT(p, "{\"code\":");
    p = cur_str(b, p, a->code);
    *p++ = ',';
    p = cur_text(b, p, doc, a->span);
    if (a->inferred)
        CUR_LIT(p, ",\"inferred\":true");
    *p++ = '}';
    return p;
}

static void jsonl_event(kh_buf *b, const kh_doc *doc, const kh_event *e)
{
    kh__buf_grow(b, CUR_SLACK);
    char *p = b->ptr + b->len;
    CUR_LIT(p, "{\"doc_id\":");
    p = cur_str(b, p, doc->id);
    CUR_LIT(p, ",\"sentence\":");
    p = cur_u(p, (unsigned long)(e->sentence > 0 ? e->sentence : 0));
    *p++ = ',';
    b->len = (size_t)(p - b->ptr);
    json_date(b, &e->date); /* enrich (issue #6) */
    p = cur_room(b, b->ptr + b->len, 0);
    CUR_LIT(p, ",\"story_date\":");
    p = cur_str(b, p, doc->date);
    CUR_LIT(p, ",\"source\":");
    p = cur_actor(b, p, doc, &e->source);
    CUR_LIT(p, ",\"target\":");
    p = cur_actor(b, p, doc, &e->target);
    CUR_LIT(p, ",\"code\":");
    p = cur_str(b, p, e->code);
    CUR_LIT(p, ",\"root\":");
    p = cur_str(b, p, e->root);
    b->len = (size_t)(p - b->ptr);
    if (e->quad) {
        kh__buf_puts(b, ",\"quad\":");
        kh__buf_puti(b, e->quad);
        kh__buf_puts(b, ",\"goldstein\":");
        kh__buf_putfix(b, e->goldstein, 1);
    } else {
        kh__buf_puts(b, ",\"quad\":null,\"goldstein\":null");
    }
    p = cur_room(b, b->ptr + b->len, 0);
    CUR_LIT(p, ",\"plover\":{\"event\":");
    p = cur_str(b, p, e->plover_event);
    CUR_LIT(p, ",\"mode\":");
    p = cur_str(b, p, e->plover_mode);
    CUR_LIT(p, "},\"location\":");
    int counts = 0;
    for (int k = 0; k < KH_COUNT__N; k++)
        counts |= e->counts[k].n >= 0;
    if (e->location.precision == KH_PLACE_NONE && !counts) {
        CUR_LIT(p, "null,\"counts\":{\"killed\":null,\"wounded\":null,\"arrested\":null,"
                   "\"displaced\":null}");
    } else {
        b->len = (size_t)(p - b->ptr);
        json_location(b, doc, &e->location); /* places (issue #6) */
        kh__buf_putc(b, ',');
        json_counts(b, doc, e->counts); /* enrich (issue #6) */
        p = cur_room(b, b->ptr + b->len, 0);
    }
    CUR_LIT(p, ",\"evidence\":{");
    p = cur_text(b, p, doc, e->evidence);
    p = cur_room(b, p, 6 * (size_t)(e->verb.end - e->verb.start) + 8);
    CUR_LIT(p, ",\"verb\":\"");
    p = cur_esc_text(p, doc->text + e->verb.start, e->verb.end - e->verb.start);
    CUR_LIT(p, "\",\"pattern\":");
    b->len = (size_t)(p - b->ptr);
    /* the pattern's file and line: "phoenix/CAMEO.2.0.txt:5154" */
    kh__buf_putc(b, '"');
    kh__buf_puts(b, short_path(e->pattern_file));
    kh__buf_putc(b, ':');
    kh__buf_puti(b, e->pattern_line);
    kh__buf_putc(b, '"');
    if (e->passive)
        kh__buf_puts(b, ",\"passive\":true");
    /* enrich (issue #6): the words that dated the event, when they were not the story date */
    if (!e->date.from_story && e->date.precision != KH_PREC_NONE) {
        kh__buf_puts(b, ",\"date\":{\"text\":\"");
        kh__buf_json_str(b, doc->text + e->date.span.start, e->date.span.end - e->date.span.start);
        json_span(b, e->date.span.start, e->date.span.end);
        kh__buf_putc(b, '}');
    }
    kh__buf_puts(b, "}");
    if (doc->has_issues) {
        kh__buf_puts(b, ",\"issues\":[");
        for (size_t i = 0; i < e->nissues; i++) {
            kh__buf_puts(b, i ? ",{\"category\":" : "{\"category\":");
            json_str(b, e->issues[i].category);
            kh__buf_puts(b, ",\"code\":");
            json_str(b, e->issues[i].code);
            kh__buf_putc(b, '}');
        }
        kh__buf_putc(b, ']');
    }
    kh__buf_puts(b, "}\n");
}

/* enrich (issue #6): a TSV cell for a count: "12", "more_than 1000", "10-15", "" */
static void tsv_count(kh_buf *b, const kh_count *c)
{
    if (c->n < 0)
        return;
    if (c->qualifier == KH_QUAL_RANGE)
        kh__buf_printf(b, "%lld-%lld", c->n, c->max);
    else if (c->qualifier == KH_QUAL_EXACT)
        kh__buf_printf(b, "%lld", c->n);
    else
        kh__buf_printf(b, "%s %lld", kh_qualifier_name(c->qualifier), c->n);
}

/* enrich (issue #6): the date cell (column 3, where it was) */
static void tsv_date(kh_buf *b, const kh_date *d)
{
    char s[11];
    kh_date_format(d, s);
    kh__buf_puts(b, s);
    kh__buf_putc(b, '\t');
}

/* enrich (issue #6): the date_precision, story_date, killed, wounded, arrested, displaced
 * cells, after goldstein: the columns before them keep their places */
static void tsv_enrich(kh_buf *b, const kh_doc *doc, const kh_date *d, const kh_count *cs)
{
    const char *p = kh_precision_name(d->precision);
    kh__buf_printf(b, "%s\t%s\t", p ? p : "", doc->date ? doc->date : "");
    for (int k = 0; k < KH_COUNT__N; k++) {
        tsv_count(b, &cs[k]);
        kh__buf_putc(b, '\t');
    }
}

/* enrich (issue #6): the story's counts that belong to no event, one row per sentence,
 * with no actors and no code */
static void tsv_story_counts(kh_buf *b, const kh_doc *doc)
{
    for (size_t i = 0; i < doc->nscounts;) {
        const kh_story_count *sc = &doc->scounts[i];
        kh_count cs[KH_COUNT__N];
        for (int k = 0; k < KH_COUNT__N; k++)
            cs[k].n = -1;
        size_t j = i;
        for (; j < doc->nscounts && doc->scounts[j].sentence == sc->sentence; j++)
            if (cs[doc->scounts[j].kind].n < 0)
                cs[doc->scounts[j].kind] = doc->scounts[j].count;
        kh__buf_tsv_str(b, doc->id, strlen(doc->id));
        kh__buf_printf(b, "\t%d\t", sc->sentence);
        tsv_date(b, &sc->date);
        kh__buf_puts(b, "\t\t\t\t\t\t\t\t");
        tsv_enrich(b, doc, &sc->date, cs);
        kh__buf_puts(b, "\t\t\t\t\t\t\t"); /* places: no location */
        const kh_sentence *se = &doc->sents[sc->sentence - 1];
        kh__buf_putc(b, '\t');
        kh__buf_tsv_str(b, doc->text + se->start, se->end - se->start);
        kh__buf_putc(b, '\n');
        i = j;
    }
}

static void tsv_event(kh_buf *b, const kh_doc *doc, const kh_event *e)
{
    kh__buf_tsv_str(b, doc->id, strlen(doc->id));
    kh__buf_printf(b, "\t%d\t", e->sentence);
    tsv_date(b, &e->date); /* enrich (issue #6) */
    const kh_actor *as[2] = {&e->source, &e->target};
    for (int i = 0; i < 2; i++) {
        if (as[i]->code) {
            kh__buf_puts(b, as[i]->code);
            kh__buf_putc(b, '\t');
            kh__buf_tsv_str(b, doc->text + as[i]->span.start, as[i]->span.end - as[i]->span.start);
        } else {
            kh__buf_putc(b, '\t');
        }
        kh__buf_putc(b, '\t');
    }
    kh__buf_printf(b, "%s\t%s\t", e->code, e->root);
    if (e->quad)
        kh__buf_printf(b, "%d\t%.1f\t", e->quad, e->goldstein);
    else
        kh__buf_puts(b, "\t\t");
    tsv_enrich(b, doc, &e->date, e->counts); /* enrich (issue #6) */
    tsv_location(b, &e->location); /* places (issue #6) */
    kh__buf_printf(b, "%s:%d\t", short_path(e->pattern_file), e->pattern_line);
    kh__buf_tsv_str(b, doc->text + e->evidence.start, e->evidence.end - e->evidence.start);
    kh__buf_putc(b, '\n');
}

void kh_write_header(FILE *out, kh_format fmt)
{
    if (fmt == KH_FORMAT_TSV)
        fputs("doc_id\tsentence\tdate\tsource\tsource_text\ttarget\ttarget_text\tcode\troot\t"
              "quad\tgoldstein\t"
              "date_precision\tstory_date\tkilled\twounded\tarrested\tdisplaced\t" /* issue #6 */
              "location\tlocation_country\tlocation_admin1\tlat\tlon\tgeonameid\tprecision\t" /* places */
              "pattern\tevidence\n",
              out);
}

/* Appends every record of doc to b. */
static void format_events(kh_buf *b, kh_format fmt, const kh_doc *doc)
{
    for (size_t i = 0; i < doc->nevents; i++) {
        if (fmt == KH_FORMAT_TSV)
            tsv_event(b, doc, &doc->events[i]);
        else
            jsonl_event(b, doc, &doc->events[i]);
    }
    /* enrich (issue #6): counts that belong to no event */
    if (doc->nscounts) {
        if (fmt == KH_FORMAT_TSV)
            tsv_story_counts(b, doc);
        else
            jsonl_story_counts(b, doc);
    }
}

void kh_format_events(kh_format fmt, const kh_doc *doc, char **buf, size_t *cap, size_t *len)
{
    kh_buf b = {*buf, 0, *buf ? *cap : 0};
    format_events(&b, fmt, doc);
    kh__buf_cstr(&b);
    *buf = b.ptr;
    *cap = b.cap;
    *len = b.len;
}

kh_status kh_write_events(FILE *out, kh_format fmt, const kh_doc *doc)
{
    /* one record at a time: a story of a million events is not held twice */
    kh_buf b = KH_BUF_INIT;
    for (size_t i = 0; i < doc->nevents; i++) {
        kh__buf_clear(&b);
        if (fmt == KH_FORMAT_TSV)
            tsv_event(&b, doc, &doc->events[i]);
        else
            jsonl_event(&b, doc, &doc->events[i]);
        if (fwrite(b.ptr, 1, b.len, out) != b.len) {
            kh__buf_free(&b);
            return KH_IO;
        }
    }
    kh__buf_clear(&b);
    if (doc->nscounts) {
        if (fmt == KH_FORMAT_TSV)
            tsv_story_counts(&b, doc);
        else
            jsonl_story_counts(&b, doc);
    }
    kh_status st = !b.len || fwrite(b.ptr, 1, b.len, out) == b.len ? KH_OK : KH_IO;
    kh__buf_free(&b);
    return st;
}
