/*
 * dict_cache.c - a frozen dictionary set written to one file and loaded back by mapping it
 * (khaldun dict compile).
 *
 * The file is a header, a table of sections and the sections, each 16-byte aligned: the
 * dictionary's arrays as they are in memory, its hash tables' slots, and one table of
 * strings. Pointers to strings are written as offsets into that table (plus one; 0 is NULL)
 * and turned back into pointers after mapping: the mapping is private, so only the pages
 * that hold such fields are copied. The header records the build that wrote it, a key
 * given by the caller (how the set was loaded) and the size and modification time of every
 * source file: a cache that differs in any of them is stale and is not used.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "dict.h"
#include "util/buf.h"

#define CACHE_MAGIC "KHDICT\r\n"
/* A cache is read only by the build that wrote it: how the loader reads a file may change
 * between builds with the structs left as they are. */
static const char k_build[] = KH_VERSION " " __DATE__ " " __TIME__;
#define CACHE_VERSION 3u

enum {
    S_STRINGS, S_WORDSTR, S_WORDSTEM, S_PWORDS, S_PHRASES, S_ACODES, S_ACTORS, S_AGENTS,
    S_VERBS, S_PATS, S_PELEMS, S_SEQS, S_REQWORDS, S_ALTS, S_ICATS, S_ISSUES, S_FILES,
    S_DIAGS, S_FIRST_OFF, S_FIRST_IDX, S_H_WORDS, S_H_SYNSETS, S_H_VERBROOTS, S_H_COUNTRIES,
    S_SOURCES, S_TRANSFORMS, S_PICOS, S__COUNT
};

typedef struct section {
    uint64_t off, n; /* byte offset in the file; number of elements */
} section;

typedef struct source_stat {
    uint64_t path;  /* string offset + 1 */
    int64_t size, mtime_ns;
} source_stat;

typedef struct header {
    char magic[8];
    uint32_t version;
    uint32_t sizes[14]; /* the sizes of the structs written, as this build lays them out */
    uint64_t key;       /* string offset + 1 */
    char build[48];     /* k_build */
    uint64_t max_stem_len, nerrors;
    uint64_t length;    /* of the whole file */
    uint32_t crc;       /* zlib crc32 of everything after the header */
    uint32_t pad;
    section s[S__COUNT];
} header;

static void struct_sizes(uint32_t *z)
{
    const size_t s[14] = {sizeof(kh_pword),       sizeof(kh_phrase),      sizeof(kh_actor_code),
                          sizeof(kh_actor_entry), sizeof(kh_agent_entry), sizeof(kh_verb_entry),
                          sizeof(kh_pattern),     sizeof(kh_pelem),       sizeof(kh_seq),
                          sizeof(kh_altset),      sizeof(kh_issue_cat),   sizeof(kh_hash_slot),
                          sizeof(kh_transform), sizeof(kh_pico)};
    for (int i = 0; i < 14; i++)
        z[i] = (uint32_t)s[i];
}

/* ------------------------------------------------------------------ writing */

typedef struct writer {
    kh_buf strs;  /* the string table */
    kh_hash seen; /* string -> offset + 1 in strs */
} writer;

/* The offset + 1 of s in the string table (0 for NULL), as a pointer-sized value. */
static const char *str_ref(writer *w, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    int ins;
    kh_hash_slot *sl = kh__hash_put(&w->seen, s, n, (uint32_t)(w->strs.len + 1), &ins);
    if (ins)
        kh__buf_put(&w->strs, s, n + 1);
    return (const char *)(uintptr_t)sl->value;
}

static int put(FILE *f, header *h, int sec, const void *p, size_t size, size_t n)
{
    long pos = ftell(f);
    long pad = (16 - pos % 16) % 16;
    static const char zero[16];
    if (pad && fwrite(zero, 1, (size_t)pad, f) != (size_t)pad)
        return -1;
    h->s[sec].off = (uint64_t)(pos + pad);
    h->s[sec].n = n;
    if (n == 0)
        return 0;
    return fwrite(p, size, n, f) != n ? -1 : 0;
}

/* Copies of the dictionary's arrays with their strings as offsets. */
#define COPY(T, vec)                                                     \
    T *vec = (T *)kh__xmalloc(sizeof(T) * (d->vec.n ? d->vec.n : 1));   \
    if (d->vec.n)                                                        \
    memcpy(vec, d->vec.v, sizeof(T) * d->vec.n)

static void hash_slots(writer *w, const kh_hash *h, kh_hash_slot **out)
{
    *out = kh__xmalloc(sizeof(kh_hash_slot) * (h->cap ? h->cap : 1));
    for (size_t i = 0; i < h->cap; i++) {
        (*out)[i] = h->slots[i];
        if (h->slots[i].key) {
            /* keys are not NUL-terminated in the map's arena: intern a terminated copy */
            char *k = kh__xmalloc(h->slots[i].len + 1);
            memcpy(k, h->slots[i].key, h->slots[i].len);
            k[h->slots[i].len] = 0;
            (*out)[i].key = str_ref(w, k);
            free(k);
        }
    }
}

kh_status kh_dict_save(const kh_dict *d, const char *path, const char *key, kh_diag *diag)
{
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!d->frozen) {
        if (diag) {
            diag->code = KH_USAGE;
            snprintf(diag->message, sizeof diag->message, "only a frozen dictionary is saved");
        }
        return KH_USAGE;
    }
    writer w = {KH_BUF_INIT, {0}};
    kh__hash_init(&w.seen);
    header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, CACHE_MAGIC, 8);
    h.version = CACHE_VERSION;
    snprintf(h.build, sizeof h.build, "%s", k_build);
    struct_sizes(h.sizes);
    h.key = (uint64_t)(uintptr_t)str_ref(&w, key ? key : "");
    h.max_stem_len = d->max_stem_len;
    h.nerrors = d->nerrors;

    const char **wordstr = kh__xmalloc(sizeof(char *) * (d->wordstr.n + 1));
    for (size_t i = 0; i < d->wordstr.n; i++)
        wordstr[i] = str_ref(&w, d->wordstr.v[i]);
    COPY(kh_actor_code, acodes);
    for (size_t i = 0; i < d->acodes.n; i++)
        acodes[i].code = str_ref(&w, acodes[i].code);
    COPY(kh_agent_entry, agents);
    for (size_t i = 0; i < d->agents.n; i++)
        agents[i].role = str_ref(&w, agents[i].role);
    COPY(kh_verb_entry, verbs);
    for (size_t i = 0; i < d->verbs.n; i++) {
        verbs[i].name = str_ref(&w, verbs[i].name);
        verbs[i].code = str_ref(&w, verbs[i].code);
        verbs[i].pair = str_ref(&w, verbs[i].pair);
    }
    /* Field by field into zeroed memory: a pattern has padding, and the file must not carry
     * whatever bytes were there (valgrind: uninitialised bytes written). */
    kh_pattern *pats = kh__xcalloc(d->pats.n ? d->pats.n : 1, sizeof *pats);
    for (size_t i = 0; i < d->pats.n; i++) {
        const kh_pattern *o = &d->pats.v[i];
        kh_pattern *c = &pats[i];
        c->seq.elems = o->seq.elems;
        c->seq.n = o->seq.n;
        c->req = o->req;
        c->nreq = o->nreq;
        c->code = str_ref(&w, o->code);
        c->pair = str_ref(&w, o->pair);
        c->flags = o->flags;
        c->length = o->length;
        c->file = o->file;
        c->line = o->line;
    }
    COPY(kh_issue_cat, icats);
    for (size_t i = 0; i < d->icats.n; i++) {
        icats[i].name = str_ref(&w, icats[i].name);
        icats[i].dflt = str_ref(&w, icats[i].dflt);
    }
    COPY(kh_transform, transforms);
    for (size_t i = 0; i < d->transforms.n; i++) {
        transforms[i].outer = str_ref(&w, transforms[i].outer);
        transforms[i].inner = str_ref(&w, transforms[i].inner);
        transforms[i].code = str_ref(&w, transforms[i].code);
    }
    COPY(kh_pico, picos);
    for (size_t i = 0; i < d->picos.n; i++)
        picos[i].code = str_ref(&w, picos[i].code);
    COPY(kh_issue_entry, issues);
    for (size_t i = 0; i < d->issues.n; i++)
        issues[i].code = str_ref(&w, issues[i].code);
    const char **files = kh__xmalloc(sizeof(char *) * (d->files.n + 1));
    source_stat *srcs = kh__xmalloc(sizeof(source_stat) * (d->files.n + 1));
    for (size_t i = 0; i < d->files.n; i++) {
        files[i] = str_ref(&w, d->files.v[i]);
        struct stat st;
        memset(&srcs[i], 0, sizeof srcs[i]);
        srcs[i].path = (uint64_t)(uintptr_t)files[i];
        if (stat(d->files.v[i], &st) == 0) {
            srcs[i].size = (int64_t)st.st_size;
            srcs[i].mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        }
    }
    kh_hash_slot *hw, *hs, *hv, *hc;
    hash_slots(&w, &d->words, &hw);
    hash_slots(&w, &d->synsets, &hs);
    hash_slots(&w, &d->verbroots, &hv);
    hash_slots(&w, &d->countries, &hc);

    kh_status ret = KH_OK;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w+b");
    int bad = !f;
    if (f) {
        bad |= fwrite(&h, sizeof h, 1, f) != 1;
        bad |= put(f, &h, S_STRINGS, w.strs.ptr, 1, w.strs.len);
        bad |= put(f, &h, S_WORDSTR, wordstr, sizeof *wordstr, d->wordstr.n);
        bad |= put(f, &h, S_WORDSTEM, d->wordstem.v, 1, d->wordstem.n);
        bad |= put(f, &h, S_PWORDS, d->pwords.v, sizeof(kh_pword), d->pwords.n);
        bad |= put(f, &h, S_PHRASES, d->phrases.v, sizeof(kh_phrase), d->phrases.n);
        bad |= put(f, &h, S_ACODES, acodes, sizeof *acodes, d->acodes.n);
        bad |= put(f, &h, S_ACTORS, d->actors.v, sizeof(kh_actor_entry), d->actors.n);
        bad |= put(f, &h, S_AGENTS, agents, sizeof *agents, d->agents.n);
        bad |= put(f, &h, S_VERBS, verbs, sizeof *verbs, d->verbs.n);
        bad |= put(f, &h, S_PATS, pats, sizeof *pats, d->pats.n);
        bad |= put(f, &h, S_PELEMS, d->pelems.v, sizeof(kh_pelem), d->pelems.n);
        bad |= put(f, &h, S_SEQS, d->seqs.v, sizeof(kh_seq), d->seqs.n);
        bad |= put(f, &h, S_REQWORDS, d->reqwords.v, sizeof(uint32_t), d->reqwords.n);
        bad |= put(f, &h, S_ALTS, d->alts.v, sizeof(kh_altset), d->alts.n);
        bad |= put(f, &h, S_ICATS, icats, sizeof *icats, d->icats.n);
        bad |= put(f, &h, S_ISSUES, issues, sizeof *issues, d->issues.n);
        bad |= put(f, &h, S_FILES, files, sizeof *files, d->files.n);
        bad |= put(f, &h, S_DIAGS, d->diags.v, sizeof(kh_diag), d->diags.n);
        bad |= put(f, &h, S_FIRST_OFF, d->first_off, sizeof(uint32_t), d->wordstr.n + 1);
        bad |= put(f, &h, S_FIRST_IDX, d->first_idx, sizeof(uint32_t),
                   d->first_off ? d->first_off[d->wordstr.n] : 0);
        bad |= put(f, &h, S_H_WORDS, hw, sizeof *hw, d->words.cap);
        bad |= put(f, &h, S_H_SYNSETS, hs, sizeof *hs, d->synsets.cap);
        bad |= put(f, &h, S_H_VERBROOTS, hv, sizeof *hv, d->verbroots.cap);
        bad |= put(f, &h, S_H_COUNTRIES, hc, sizeof *hc, d->countries.cap);
        bad |= put(f, &h, S_SOURCES, srcs, sizeof *srcs, d->files.n);
        bad |= put(f, &h, S_TRANSFORMS, transforms, sizeof *transforms, d->transforms.n);
        bad |= put(f, &h, S_PICOS, picos, sizeof *picos, d->picos.n);
        /* the section table and the checksum are known now: write the header again */
        bad |= fflush(f) != 0;
        h.length = (uint64_t)ftell(f);
        bad |= fseek(f, (long)sizeof h, SEEK_SET) != 0;
        uLong crc = crc32(0L, Z_NULL, 0);
        char chunk[65536];
        size_t got;
        while (!bad && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
            crc = crc32(crc, (const Bytef *)chunk, (uInt)got);
        h.crc = 0; /* the header is checked too, with its crc field as 0 */
        crc = crc32(crc, (const Bytef *)&h, (uInt)sizeof h);
        h.crc = (uint32_t)crc;
        bad |= fseek(f, 0, SEEK_SET) != 0 || fwrite(&h, sizeof h, 1, f) != 1;
        bad |= fclose(f) != 0;
    }
    if (bad || rename(tmp, path) != 0) {
        ret = KH_IO;
        if (diag) {
            diag->code = KH_IO;
            snprintf(diag->file, sizeof diag->file, "%s", path);
            snprintf(diag->message, sizeof diag->message, "cannot write the cache: %s",
                     strerror(errno));
        }
        unlink(tmp);
    }
    free(wordstr);
    free(acodes);
    free(agents);
    free(verbs);
    free(pats);
    free(icats);
    free(issues);
    free(transforms);
    free(picos);
    free(files);
    free(srcs);
    free(hw);
    free(hs);
    free(hv);
    free(hc);
    kh__buf_free(&w.strs);
    kh__hash_free(&w.seen);
    return ret;
}

/* ------------------------------------------------------------------ mapping */

/* A pointer-sized string field written as offset + 1, made a pointer again; an offset out
 * of the table clears *ok. */
static void fix(const char **field, const char *strs, size_t nstrs, int *ok)
{
    uintptr_t o = (uintptr_t)*field;
    if (o > nstrs) {
        *ok = 0;
        o = 0;
    }
    *field = o ? strs + o - 1 : NULL;
}
#define FIX(field) fix(&(field), strs, nstrs, &ok)

/* Does every index of a mapped set point inside its array? A cache with a right checksum
 * can still be made by hand: nothing in it is trusted (#8, found by fuzz/fuzz_cache.c). */
static int consistent(const kh_dict *d, size_t nfirst_idx)
{
#define IN(off, n, total) ((uint64_t)(off) + (uint64_t)(n) <= (uint64_t)(total))
    size_t nw = d->wordstr.n;
    if (d->wordstem.n != nw)
        return 0;
    for (size_t i = 0; i < nw; i++)
        if (!d->wordstr.v[i])
            return 0;
    for (size_t i = 0; i < d->pwords.n; i++)
        if (d->pwords.v[i].word >= nw)
            return 0;
    for (size_t i = 0; i < d->phrases.n; i++) {
        const kh_phrase *p = &d->phrases.v[i];
        size_t ne = p->kind == KH_PH_ACTOR || p->kind == KH_PH_NULL ? d->actors.n
                    : p->kind == KH_PH_AGENT ? d->agents.n
                    : p->kind == KH_PH_VERB  ? d->verbs.n
                    : p->kind == KH_PH_ISSUE ? d->issues.n : 0;
        if (!p->n || !IN(p->words, p->n, d->pwords.n) || p->kind >= KH_PH__COUNT ||
            (p->entry >= ne && p->kind != KH_PH_NULL) || p->file >= d->files.n)
            return 0;
    }
    for (size_t i = 0; i < d->actors.n; i++)
        if (!IN(d->actors.v[i].codes, d->actors.v[i].ncodes, d->acodes.n) ||
            d->actors.v[i].file >= d->files.n)
            return 0;
    for (size_t i = 0; i < d->agents.n; i++)
        if (!d->agents.v[i].role || d->agents.v[i].file >= d->files.n)
            return 0;
    for (size_t i = 0; i < d->verbs.n; i++)
        if (!d->verbs.v[i].name || !IN(d->verbs.v[i].pats, d->verbs.v[i].npats, d->pats.n) ||
            d->verbs.v[i].file >= d->files.n)
            return 0;
    for (size_t i = 0; i < d->pats.n; i++) {
        const kh_pattern *p = &d->pats.v[i];
        if (!IN(p->seq.elems, p->seq.n, d->pelems.n) || p->file >= d->files.n)
            return 0;
        /* groups of required words: a size, then that many words */
        size_t o = p->req;
        for (uint16_t r = 0; r < p->nreq; r++) {
            if (o >= d->reqwords.n || !IN(o + 1, d->reqwords.v[o], d->reqwords.n))
                return 0;
            for (uint32_t k = 0; k < d->reqwords.v[o]; k++)
                if (d->reqwords.v[o + 1 + k] >= nw)
                    return 0;
            o += 1 + d->reqwords.v[o];
        }
    }
    for (size_t i = 0; i < d->pelems.n; i++) {
        const kh_pelem *e = &d->pelems.v[i];
        if (e->type > KH_PE_ALT || (e->type == KH_PE_WORD && e->arg >= nw) ||
            (e->type == KH_PE_ALT && e->arg >= d->alts.n))
            return 0;
    }
    for (size_t i = 0; i < d->seqs.n; i++)
        if (!IN(d->seqs.v[i].elems, d->seqs.v[i].n, d->pelems.n))
            return 0;
    for (size_t i = 0; i < d->alts.n; i++)
        if (!IN(d->alts.v[i].seqs, d->alts.v[i].n, d->seqs.n))
            return 0;
    for (size_t i = 0; i < d->issues.n; i++)
        if (d->issues.v[i].cat >= d->icats.n)
            return 0;
    for (size_t i = 0; i < d->icats.n; i++)
        if (!d->icats.v[i].name)
            return 0;
    for (size_t i = 0; i < d->files.n; i++)
        if (!d->files.v[i])
            return 0;
    for (size_t i = 0; i < d->transforms.n; i++)
        if (!d->transforms.v[i].outer)
            return 0;
    for (size_t i = 0; i < d->picos.n; i++)
        if (!d->picos.v[i].code)
            return 0;
    /* the phrase index: offsets rise within the index, entries are phrases */
    if (d->first_off[0] != 0)
        return 0;
    for (size_t w = 0; w < nw; w++)
        if (d->first_off[w + 1] < d->first_off[w] || d->first_off[w + 1] > nfirst_idx)
            return 0;
    for (size_t i = 0; i < nfirst_idx; i++)
        if (d->first_idx[i] >= d->phrases.n)
            return 0;
    const kh_hash *hs[4] = {&d->words, &d->synsets, &d->verbroots, &d->countries};
    for (int k = 0; k < 4; k++) {
        if (hs[k]->cap & (hs[k]->cap - 1))
            return 0; /* a power of two, or lookups run off the table */
        if (hs[k]->cap && hs[k]->count == hs[k]->cap)
            return 0; /* a full table never ends a lookup */
    }
    for (size_t i = 0; i < d->words.cap; i++)
        if (d->words.slots[i].key && d->words.slots[i].value >= nw)
            return 0;
    for (size_t i = 0; i < d->synsets.cap; i++)
        if (d->synsets.slots[i].key && d->synsets.slots[i].value >= d->alts.n)
            return 0;
    for (size_t i = 0; i < d->verbroots.cap; i++)
        if (d->verbroots.slots[i].key && d->verbroots.slots[i].value >= d->verbs.n)
            return 0;
    return 1;
#undef IN
}

kh_dict *kh_dict_map(const char *path, const char *key)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(header)) {
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    char *base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED)
        return NULL;
    header *h = (header *)base;
    uint32_t sizes[14];
    struct_sizes(sizes);
    int ok = !memcmp(h->magic, CACHE_MAGIC, 8) && h->version == CACHE_VERSION &&
             !memcmp(h->sizes, sizes, sizeof sizes) &&
             !strncmp(h->build, k_build, sizeof h->build - 1);
    static const size_t esize[S__COUNT] = {
        1, sizeof(char *), 1, sizeof(kh_pword), sizeof(kh_phrase), sizeof(kh_actor_code),
        sizeof(kh_actor_entry), sizeof(kh_agent_entry), sizeof(kh_verb_entry),
        sizeof(kh_pattern), sizeof(kh_pelem), sizeof(kh_seq), sizeof(uint32_t),
        sizeof(kh_altset), sizeof(kh_issue_cat), sizeof(kh_issue_entry), sizeof(char *),
        sizeof(kh_diag), sizeof(uint32_t), sizeof(uint32_t), sizeof(kh_hash_slot),
        sizeof(kh_hash_slot), sizeof(kh_hash_slot), sizeof(kh_hash_slot), sizeof(source_stat),
        sizeof(kh_transform), sizeof(kh_pico)};
    ok = ok && h->length == len;
    if (ok) {
        uLong crc = crc32(0L, Z_NULL, 0);
        crc = crc32(crc, (const Bytef *)base + sizeof *h, (uInt)(len - sizeof *h));
        header hz = *h;
        hz.crc = 0;
        crc = crc32(crc, (const Bytef *)&hz, (uInt)sizeof hz);
        ok = (uint32_t)crc == h->crc;
    }
    for (int i = 0; ok && i < S__COUNT; i++)
        ok = h->s[i].off <= len && h->s[i].n <= (len - h->s[i].off) / esize[i] &&
             h->s[i].off % 16 == 0;
    const char *strs = base + (ok ? h->s[S_STRINGS].off : 0);
    size_t nstrs = ok ? h->s[S_STRINGS].n : 0;
    ok = ok && nstrs && strs[nstrs - 1] == 0 && h->key && h->key <= nstrs &&
         !strcmp(strs + h->key - 1, key ? key : "");
    /* fresh: every source file has the size and time it had */
    source_stat *src = (source_stat *)(base + (ok ? h->s[S_SOURCES].off : 0));
    for (size_t i = 0; ok && i < h->s[S_SOURCES].n; i++) {
        struct stat fs;
        ok = src[i].path && src[i].path <= nstrs && stat(strs + src[i].path - 1, &fs) == 0 &&
             (int64_t)fs.st_size == src[i].size &&
             (int64_t)fs.st_mtim.tv_sec * 1000000000 + fs.st_mtim.tv_nsec == src[i].mtime_ns;
    }
    if (!ok) {
        munmap(base, len);
        return NULL;
    }
    kh_dict *d = kh__xcalloc(1, sizeof *d);
    kh__arena_init(&d->arena);
    d->map = base;
    d->maplen = len;
    d->frozen = 1;
    d->max_stem_len = (size_t)h->max_stem_len;
    d->nerrors = (size_t)h->nerrors;
#define SET(vec, sec)                                                  \
    do {                                                               \
        d->vec.v = (void *)(base + h->s[sec].off);                     \
        d->vec.n = d->vec.cap = (size_t)h->s[sec].n;                   \
    } while (0)
    SET(wordstr, S_WORDSTR);
    SET(wordstem, S_WORDSTEM);
    SET(pwords, S_PWORDS);
    SET(phrases, S_PHRASES);
    SET(acodes, S_ACODES);
    SET(actors, S_ACTORS);
    SET(agents, S_AGENTS);
    SET(verbs, S_VERBS);
    SET(pats, S_PATS);
    SET(pelems, S_PELEMS);
    SET(seqs, S_SEQS);
    SET(reqwords, S_REQWORDS);
    SET(alts, S_ALTS);
    SET(icats, S_ICATS);
    SET(issues, S_ISSUES);
    SET(files, S_FILES);
    SET(diags, S_DIAGS);
    SET(transforms, S_TRANSFORMS);
    SET(picos, S_PICOS);
#undef SET
    d->first_off = (uint32_t *)(base + h->s[S_FIRST_OFF].off);
    d->first_idx = (uint32_t *)(base + h->s[S_FIRST_IDX].off);
    kh_hash *hs[4] = {&d->words, &d->synsets, &d->verbroots, &d->countries};
    for (int k = 0; k < 4; k++) {
        kh__arena_init(&hs[k]->keys);
        hs[k]->slots = (kh_hash_slot *)(base + h->s[S_H_WORDS + k].off);
        hs[k]->cap = (size_t)h->s[S_H_WORDS + k].n;
        hs[k]->count = 0;
        for (size_t i = 0; i < hs[k]->cap; i++)
            if (hs[k]->slots[i].key) {
                FIX(hs[k]->slots[i].key);
                hs[k]->count++;
            }
    }
    for (size_t i = 0; i < d->wordstr.n; i++)
        FIX(d->wordstr.v[i]);
    for (size_t i = 0; i < d->acodes.n; i++)
        FIX(d->acodes.v[i].code);
    for (size_t i = 0; i < d->agents.n; i++)
        FIX(d->agents.v[i].role);
    for (size_t i = 0; i < d->verbs.n; i++) {
        FIX(d->verbs.v[i].name);
        FIX(d->verbs.v[i].code);
        FIX(d->verbs.v[i].pair);
    }
    for (size_t i = 0; i < d->pats.n; i++) {
        FIX(d->pats.v[i].code);
        FIX(d->pats.v[i].pair);
    }
    for (size_t i = 0; i < d->icats.n; i++) {
        FIX(d->icats.v[i].name);
        FIX(d->icats.v[i].dflt);
    }
    for (size_t i = 0; i < d->issues.n; i++)
        FIX(d->issues.v[i].code);
    for (size_t i = 0; i < d->files.n; i++)
        FIX(d->files.v[i]);
    for (size_t i = 0; i < d->picos.n; i++)
        FIX(d->picos.v[i].code);
    for (size_t i = 0; i < d->transforms.n; i++) {
        FIX(d->transforms.v[i].outer);
        FIX(d->transforms.v[i].inner);
        FIX(d->transforms.v[i].code);
    }
    /* the phrase index covers every word, and every index points inside its array */
    if (!ok || d->wordstr.n + 1 != h->s[S_FIRST_OFF].n || !consistent(d, h->s[S_FIRST_IDX].n)) {
        kh_dict_free(d);
        return NULL;
    }
    kh__dict_derive(d);
    return d;
}
