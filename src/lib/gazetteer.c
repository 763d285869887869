/*
 * gazetteer.c - GeoNames text files -> the place table of gazetteer.h, written to and mapped
 * back from one file (khaldun gazetteer compile; the build runs it on Debian's copy of
 * GeoNames in libtimezonemap-data).
 *
 * What is kept of GeoNames: for each country its ISO codes, name, population, neighbours and
 * capital (countryInfo.txt); for each first-level division its code and name
 * (admin1Codes.txt); for each populated place (feature class P) its id, name, position,
 * population, country, division, whether it is a capital or a division's seat, and how many
 * alternate names it has (in all scripts: a measure of how widely it is known). Names are
 * the GeoNames name, its ASCII form and the alternate names written in Latin letters that
 * start with a capital (the lower-case ones are transliterations, the all-capital ones airport
 * codes); a hand-written list adds the English country names the news uses that countryInfo
 * does not give (Britain, Burma, DRC), and division names are indexed with and without their
 * generic words (Basra Governorate: BASRA; Muhafazat Kirkuk: KIRKUK).
 *
 * Countries and divisions have no coordinates in these files: their point is the place of
 * theirs nearest to the mean position of their places (inside them, unlike a centroid of an
 * L-shaped country), or the coordinates of their own record when allCountries.txt has one.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "gazetteer.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/utf8.h"

#define NO_COORD INT32_MIN

#ifndef KH_GEONAMES_DIR
#define KH_GEONAMES_DIR "/usr/share/libtimezonemap/ui"
#endif

const char kh__geonames_attribution[] =
    "Place data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/)";


static void fail(kh_diag *diag, kh_status st, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Fills diag (may be NULL) with a status, the file and a message. */
static void fail(kh_diag *diag, kh_status st, const char *file, const char *fmt, ...)
{
    if (!diag)
        return;
    memset(diag, 0, sizeof *diag);
    diag->code = st;
    if (file)
        snprintf(diag->file, sizeof diag->file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->message, sizeof diag->message, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ keys */

static int alnum(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void kh__gz_key(kh_buf *b, const char *s, size_t n)
{
    size_t start = b->len;
    kh__norm_word(b, s, n);
    char *p = b->ptr + start;
    size_t m = b->len - start, o = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)p[i];
        if (alnum(c) || (c == '\'' && o && alnum((unsigned char)p[o - 1]) && i + 1 < m &&
                         alnum((unsigned char)p[i + 1])))
            p[o++] = (char)c;
        else if (o && p[o - 1] != ' ')
            p[o++] = ' ';
    }
    while (o && p[o - 1] == ' ')
        o--;
    b->len = start + o;
    b->ptr[b->len] = 0;
}

/* ------------------------------------------------------------------ lookups */

static uint32_t key_hash(const char *k, size_t n)
{
    uint32_t x = 2166136261u;
    for (size_t i = 0; i < n; i++)
        x = (x ^ (unsigned char)k[i]) * 16777619u;
    return x | 1;
}

/* The slot of key[0..n) in table tab of cap slots over strings str: its entry, or the empty
 * slot where it goes. */
static uint32_t slot_of(const kh_gz_hent *tab, uint32_t cap, const char *str, const char *key,
                        size_t n, uint32_t h)
{
    for (uint32_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        const kh_gz_hent *e = &tab[i];
        if (!e->hash || (e->hash == h && e->len == n && !memcmp(str + e->key, key, n)))
            return i;
    }
}

static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t x = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        x ^= (unsigned char)w[i];
        x *= 16777619u;
    }
    return x;
}

/* The lookup table of sorted names N[0..nn) over strings str: every name's key and every word
 * prefix of one, O(1) for the words after "in", "near"... (#6: places' cost; the names were
 * searched by bisection); and the first words of all names as bits (most words after "in"
 * start no name). Built when a gazetteer is compiled and stored in it (#7: building them was
 * 15 ms of every run). */
static void index_names(const char *str, const kh_gz_name *N, uint32_t nn, kh_gz_hent **hash,
                        uint32_t *hcap, uint8_t **first, uint32_t *firstbits)
{
    /* about eight bits per name for the filter; the table at most half full */
    uint32_t fb = 512;
    while (fb < 8u * nn && fb < (1u << 24))
        fb *= 2;
    uint8_t *F = kh__xcalloc(fb / 8, 1);
    size_t entries = 0; /* names and their word breaks */
    for (uint32_t i = 0; i < nn; i++) {
        const char *k = str + N[i].key;
        size_t wl = SIZE_MAX, e = 0;
        for (; k[e]; e++)
            if (k[e] == ' ') {
                entries++;
                if (wl == SIZE_MAX)
                    wl = e;
            }
        if (wl == SIZE_MAX)
            wl = e;
        entries++;
        uint32_t x = word_hash(k, wl) & (fb - 1);
        F[x >> 3] |= (uint8_t)(1u << (x & 7));
        /* and the spellings places.c also tries: Hodeidah for Hodeida and back */
        char v[64];
        if (wl > 4 && wl + 2 < sizeof v) {
            memcpy(v, k, wl);
            size_t vl = wl;
            if (k[wl - 1] == 'H' && k[wl - 2] == 'A')
                vl = wl - 1;
            else if (k[wl - 1] == 'A')
                v[vl++] = 'H';
            if (vl != wl) {
                x = word_hash(v, vl) & (fb - 1);
                F[x >> 3] |= (uint8_t)(1u << (x & 7));
            }
        }
    }
    size_t want = 2 * entries + 64;
    uint32_t cap = 64;
    while (cap < want)
        cap *= 2;
    kh_gz_hent *H = kh__xcalloc(cap, sizeof *H);
    for (uint32_t i = 0; i < nn;) {
        const char *k = str + N[i].key;
        size_t kl = strlen(k);
        uint32_t j = i + 1;
        while (j < nn && !strcmp(str + N[j].key, k))
            j++;
        if (kl && kl < 65535) {
            uint32_t h = key_hash(k, kl);
            kh_gz_hent *e = &H[slot_of(H, cap, str, k, kl, h)];
            if (!e->hash)
                *e = (kh_gz_hent){N[i].key, h, i, j - i, (uint16_t)kl, 0};
            else
                e->lo = i, e->n = j - i;
            /* the word prefixes' hashes, along the key (key_hash's FNV-1a, then | 1) */
            uint32_t x = 2166136261u;
            for (size_t p = 0; p < kl; p++) {
                if (p > 0 && k[p] == ' ') {
                    uint32_t hp = x | 1;
                    kh_gz_hent *f = &H[slot_of(H, cap, str, k, p, hp)];
                    if (!f->hash)
                        *f = (kh_gz_hent){N[i].key, hp, 0, 0, (uint16_t)p, 1};
                    else
                        f->more = 1;
                }
                x = (x ^ (unsigned char)k[p]) * 16777619u;
            }
        }
        i = j;
    }
    *hash = H;
    *hcap = cap;
    *first = F;
    *firstbits = fb;
}

uint32_t kh__gz_lookup(const kh_gazetteer *g, const char *key, size_t n, uint32_t *lo, int *more)
{
    const kh_gz_hent *e =
        n < 65535 ? &g->hash[slot_of(g->hash, g->hcap, g->str, key, n, key_hash(key, n))] : NULL;
    if (!e || !e->hash) {
        *more = 0;
        *lo = 0;
        return 0;
    }
    *more = e->more;
    *lo = e->lo;
    return e->n;
}

int kh__gz_first_word(const kh_gazetteer *g, const char *w, size_t n)
{
    uint32_t h = word_hash(w, n) & (g->firstbits - 1);
    return (g->first[h >> 3] >> (h & 7)) & 1;
}

int kh__gz_country_iso3(const kh_gazetteer *g, const char *iso3)
{
    if (g->iso3_idx && iso3[0] >= 'A' && iso3[0] <= 'Z' && iso3[1] >= 'A' && iso3[1] <= 'Z' &&
        iso3[2] >= 'A' && iso3[2] <= 'Z')
        return g->iso3_idx[((iso3[0] - 'A') * 26 + (iso3[1] - 'A')) * 26 + (iso3[2] - 'A')];
    uint32_t lo = 0, hi = g->ncountries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = memcmp(g->countries[g->by_iso3[mid]].iso3, iso3, 3);
        if (c == 0)
            return g->by_iso3[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int kh__gz_country_iso2(const kh_gazetteer *g, const char *iso2)
{
    for (uint32_t i = 0; i < g->ncountries; i++)
        if (g->countries[i].iso2[0] == iso2[0] && g->countries[i].iso2[1] == iso2[1])
            return (int)i;
    return -1;
}

/* ------------------------------------------------------------------ building */

/* English names of countries that countryInfo.txt does not give, by ISO alpha-2. "Congo"
 * alone is both Congos (the larger wins without context). */
static const char *const k_country_alias[][2] = {
    {"US", "United States of America"}, {"US", "USA"}, {"US", "U.S."}, {"US", "U.S.A."},
    {"US", "US"}, {"US", "America"},
    {"GB", "Britain"}, {"GB", "Great Britain"}, {"GB", "UK"}, {"GB", "U.K."},
    {"RU", "Russian Federation"}, {"SY", "Syrian Arab Republic"},
    {"IR", "Islamic Republic of Iran"}, {"KR", "Republic of Korea"},
    {"KP", "Democratic People's Republic of Korea"}, {"KP", "DPRK"},
    {"MM", "Burma"}, {"CZ", "Czechia"}, {"TL", "Timor-Leste"}, {"NL", "Holland"},
    {"CD", "DR Congo"}, {"CD", "DRC"}, {"CD", "Democratic Republic of Congo"},
    {"CD", "Congo-Kinshasa"}, {"CD", "Congo"}, {"CG", "Congo"}, {"CG", "Republic of Congo"},
    {"CG", "Congo-Brazzaville"}, {"CI", "Cote d'Ivoire"}, {"SZ", "Eswatini"},
    {"MK", "North Macedonia"}, {"CV", "Cabo Verde"}, {"PS", "Palestine"},
    {"PS", "State of Palestine"}, {"PS", "Palestinian Territories"}, {"PS", "West Bank"},
    {"PS", "Gaza Strip"}, {"VA", "Holy See"}, {"VA", "Vatican City"}, {"TR", "Turkiye"},
    {"AE", "UAE"}, {"AE", "U.A.E."}, {"AE", "Emirates"}, {"BA", "Bosnia"},
    {"BA", "Bosnia-Herzegovina"}, {"VN", "Viet Nam"}, {"MD", "Republic of Moldova"},
    {"TZ", "United Republic of Tanzania"}, {"MO", "Macau"}, {"KN", "Saint Kitts and Nevis"},
    {"PH", "Philippines"}, {"BS", "Bahamas"}, {"GM", "Gambia"}, {"SA", "Kingdom of Saudi Arabia"},
};

/* Generic words around division names: "Basra Governorate", "Muhafazat Kirkuk". */
static const char *const k_admin_prefix[] = {
    "MUHAFAZAT ", "SHA'BIYAT ", "SHA BIYAT ", "WILAYAT E ", "WILAYAT ", "MAYORALITY OF ",
    "MISTO ", "PROVINCIA DE ", "PROVINCIA DI ", "PROVINCE OF ", "DEPARTAMENTO DE ",
    "DEPARTAMENTO DEL ", "ESTADO DE ", "ESTADO DO ", "REGION DE ", "STATE OF ",
    "REPUBLIC OF ", "CITY OF ", NULL};
static const char *const k_admin_suffix[] = {
    " GOVERNORATE", " PROVINCE", " OBLAST", " REGION", " STATE", " PREFECTURE", " KRAY",
    " KRAI", " REPUBLIC", " TERRITORY", " DIVISION", " DEPARTMENT", " EMIRATE", " COUNTY",
    " MUNICIPALITY", " AUTONOMOUS REGION", " AUTONOMOUS OKRUG", " CAPITAL TERRITORY",
    " FEDERAL CAPITAL TERRITORY", " CITY", " SHENG", " SHI", " PROVINSI", NULL};

typedef struct bcountry {
    char iso2[3], iso3[4];
    uint32_t name, capname, neighbours, geonameid;
    uint64_t pop;
    int32_t lat, lon; /* of its own record (allCountries), else NO_COORD */
} bcountry;

typedef struct badmin {
    uint32_t code, name, ascii, geonameid;
    uint16_t country;
    int32_t lat, lon;
} badmin;

typedef struct builder {
    kh_buf str;      /* the string table */
    kh_hash strs;    /* string -> offset */
    bcountry *c;
    size_t nc, capc;
    badmin *a;
    size_t na, capa;
    kh_hash admin;   /* "LY.77" -> admin index */
    kh_gz_place *p;
    size_t np, capp;
    kh_gz_name *n;
    size_t nn, capn;
    kh_buf key;      /* scratch */
    uint32_t seen[256]; /* keys already given to the entity being indexed */
    int nseen;
    size_t skipped;  /* malformed lines */
} builder;

#define GROW(arr, n, cap)                                                     \
    do {                                                                      \
        if ((n) == (cap)) {                                                   \
            (cap) = (cap) ? (cap) * 2 : 256;                                  \
            (arr) = kh__xrealloc((arr), (cap) * sizeof *(arr));               \
        }                                                                     \
    } while (0)

static uint32_t intern(builder *B, const char *s, size_t n)
{
    int ins;
    kh_hash_slot *sl = kh__hash_put(&B->strs, s, n, (uint32_t)B->str.len, &ins);
    if (ins) {
        kh__buf_put(&B->str, s, n);
        kh__buf_putc(&B->str, 0);
    }
    return sl->value;
}

/* Indexes key k (already a normal form) for ref, once per entity. */
static void add_key(builder *B, const char *k, size_t n, uint32_t ref)
{
    if (n < 2 || n > 100)
        return;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)k[i] >= 0x80)
            return; /* another script */
    uint32_t off = intern(B, k, n);
    for (int i = 0; i < B->nseen; i++)
        if (B->seen[i] == off)
            return;
    if (B->nseen < 256)
        B->seen[B->nseen++] = off;
    GROW(B->n, B->nn, B->capn);
    B->n[B->nn++] = (kh_gz_name){off, ref};
}

/* Indexes name s[0..n) for ref: its normal form, and "ST ..." for "SAINT ...". */
static void add_name(builder *B, const char *s, size_t n, uint32_t ref)
{
    kh__buf_clear(&B->key);
    kh__gz_key(&B->key, s, n);
    add_key(B, B->key.ptr, B->key.len, ref);
    if (B->key.len > 6 && !memcmp(B->key.ptr, "SAINT ", 6)) {
        char tmp[128];
        int m = snprintf(tmp, sizeof tmp, "ST %s", B->key.ptr + 6);
        if (m > 0 && (size_t)m < sizeof tmp)
            add_key(B, tmp, (size_t)m, ref);
    }
}

/* Is an alternate name worth indexing: Latin letters, starting with a capital, no digits,
 * not an all-capital code (TIP, KYE)? */
static int good_alternate(const char *s, size_t n)
{
    if (n < 3 || n > 80)
        return 0;
    unsigned char c0 = (unsigned char)s[0];
    if (c0 < 0x80 && !(c0 >= 'A' && c0 <= 'Z'))
        return 0;
    int lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || c == '(' || c == ',' || c == '/')
            return 0;
        lower |= c >= 'a' && c <= 'z';
    }
    return lower || c0 >= 0x80;
}

/* Splits a tab-separated line in place; returns the number of fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
}

static int32_t coord(const char *s)
{
    return (int32_t)(strtod(s, NULL) * 100000.0 + (s[0] == '-' ? -0.5 : 0.5));
}

static int find_country(const builder *B, const char *iso2)
{
    for (size_t i = 0; i < B->nc; i++)
        if (B->c[i].iso2[0] == iso2[0] && B->c[i].iso2[1] == iso2[1] && iso2[2] == 0)
            return (int)i;
    return -1;
}

static kh_status read_countries(builder *B, const char *path, kh_diag *diag)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fail(diag, KH_IO, path, "cannot open: %s", strerror(errno));
        return KH_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        chomp(line);
        if (line[0] == '#' || !line[0])
            continue;
        char *fl[20];
        int nf = split(line, fl, 20);
        if (nf < 17 || strlen(fl[0]) != 2 || strlen(fl[1]) != 3) {
            B->skipped++;
            continue;
        }
        GROW(B->c, B->nc, B->capc);
        bcountry *c = &B->c[B->nc++];
        memset(c, 0, sizeof *c);
        memcpy(c->iso2, fl[0], 3);
        memcpy(c->iso3, fl[1], 4);
        c->name = intern(B, fl[4], strlen(fl[4]));
        c->capname = intern(B, fl[5], strlen(fl[5]));
        c->pop = strtoull(fl[7], NULL, 10);
        c->geonameid = (uint32_t)strtoul(fl[16], NULL, 10);
        c->neighbours = intern(B, nf > 17 ? fl[17] : "", nf > 17 ? strlen(fl[17]) : 0);
        c->lat = c->lon = NO_COORD;
    }
    free(line);
    fclose(f);
    if (!B->nc) {
        fail(diag, KH_FIELD, path, "no countries in it");
        return KH_FIELD;
    }
    return KH_OK;
}

static kh_status read_admin1(builder *B, const char *path, kh_diag *diag)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fail(diag, KH_IO, path, "cannot open: %s", strerror(errno));
        return KH_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        chomp(line);
        char *fl[8];
        int nf = split(line, fl, 8);
        char cc[3] = {0};
        if (nf < 4 || strlen(fl[0]) < 4 || fl[0][2] != '.') {
            B->skipped++;
            continue;
        }
        memcpy(cc, fl[0], 2);
        int ci = find_country(B, cc);
        if (ci < 0)
            continue;
        int ins;
        kh__hash_put(&B->admin, fl[0], strlen(fl[0]), (uint32_t)B->na, &ins);
        if (!ins)
            continue;
        GROW(B->a, B->na, B->capa);
        badmin *a = &B->a[B->na++];
        a->code = intern(B, fl[0], strlen(fl[0]));
        a->name = intern(B, fl[1], strlen(fl[1]));
        a->geonameid = (uint32_t)strtoul(fl[3], NULL, 10);
        a->country = (uint16_t)ci;
        a->ascii = intern(B, fl[2], strlen(fl[2]));
        a->lat = a->lon = NO_COORD;
    }
    free(line);
    fclose(f);
    return KH_OK;
}

/* Indexes a division's names: as written, without generic words, North for Northern. */
static void add_admin_names(builder *B, const char *name, uint32_t ref)
{
    kh_buf k = KH_BUF_INIT;
    kh__gz_key(&k, name, strlen(name));
    add_key(B, k.ptr, k.len, ref);
    char base[128];
    snprintf(base, sizeof base, "%s", k.ptr);
    for (int i = 0; k_admin_prefix[i]; i++) {
        size_t pl = strlen(k_admin_prefix[i]);
        if (!strncmp(base, k_admin_prefix[i], pl) && base[pl]) {
            memmove(base, base + pl, strlen(base + pl) + 1);
            break;
        }
    }
    for (int i = 0; k_admin_suffix[i]; i++) {
        size_t sl = strlen(k_admin_suffix[i]), bl = strlen(base);
        if (bl > sl && !strcmp(base + bl - sl, k_admin_suffix[i])) {
            base[bl - sl] = 0;
            break;
        }
    }
    add_key(B, base, strlen(base), ref);
    static const char *const dirs[][2] = {{"NORTHERN ", "NORTH "}, {"SOUTHERN ", "SOUTH "},
                                          {"EASTERN ", "EAST "}, {"WESTERN ", "WEST "}};
    for (int i = 0; i < 4; i++) {
        size_t dl = strlen(dirs[i][0]);
        if (!strncmp(base, dirs[i][0], dl)) {
            char tmp[160];
            int m = snprintf(tmp, sizeof tmp, "%s%s", dirs[i][1], base + dl);
            if (m > 0 && (size_t)m < sizeof tmp)
                add_key(B, tmp, (size_t)m, ref);
        }
    }
    kh__buf_free(&k);
}

/* Reads a GeoNames dump (cities*.txt or allCountries.txt: 19 columns): populated places, and
 * from allCountries the records of divisions (ADM1) and countries (PCLI) for their points and
 * alternate names. */
static kh_status read_places(builder *B, const char *path, kh_diag *diag)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fail(diag, KH_IO, path, "cannot open: %s", strerror(errno));
        return KH_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        chomp(line);
        char *fl[20];
        int nf = split(line, fl, 20);
        if (nf < 15 || !fl[0][0] || !fl[1][0]) {
            B->skipped++;
            continue;
        }
        char fc = fl[6][0];
        int ci = strlen(fl[8]) == 2 ? find_country(B, fl[8]) : -1;
        if (ci < 0)
            continue;
        double la = strtod(fl[4], NULL), lo = strtod(fl[5], NULL);
        if (!(la >= -90 && la <= 90 && lo >= -180 && lo <= 180)) {
            B->skipped++; /* not a position: a damaged line */
            continue;
        }
        const char *fcode = fl[7];
        uint32_t ref;
        B->nseen = 0;
        if (fc == 'A' && !strcmp(fcode, "ADM1")) {
            char code[32];
            snprintf(code, sizeof code, "%s.%s", fl[8], fl[10]);
            const kh_hash_slot *sl = kh__hash_get(&B->admin, code, strlen(code));
            if (!sl)
                continue;
            badmin *a = &B->a[sl->value];
            a->lat = coord(fl[4]);
            a->lon = coord(fl[5]);
            ref = (uint32_t)KH_GZ_ADMIN1 << 30 | sl->value;
        } else if (fc == 'A' && !strcmp(fcode, "PCLI")) {
            B->c[ci].lat = coord(fl[4]);
            B->c[ci].lon = coord(fl[5]);
            continue; /* country names: countryInfo and the list above */
        } else if (fc == 'P') {
            GROW(B->p, B->np, B->capp);
            kh_gz_place *p = &B->p[B->np];
            memset(p, 0, sizeof *p);
            p->geonameid = (uint32_t)strtoul(fl[0], NULL, 10);
            p->name = intern(B, fl[1], strlen(fl[1]));
            p->country = (uint16_t)ci;
            char code[32];
            snprintf(code, sizeof code, "%s.%s", fl[8], fl[10]);
            const kh_hash_slot *sl = kh__hash_get(&B->admin, code, strlen(code));
            p->admin1 = sl ? (uint16_t)sl->value : KH_GZ_NONE;
            p->lat = coord(fl[4]);
            p->lon = coord(fl[5]);
            unsigned long pop = strtoul(fl[14], NULL, 10);
            p->population = pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
            p->fclass = !strcmp(fcode, "PPLC") ? KH_FC_CAPITAL : !strcmp(fcode, "PPLA") ? KH_FC_ADMIN
                        : !strncmp(fcode, "PPLA", 4) ? KH_FC_ADMIN2 : KH_FC_OTHER;
            if (!strcmp(fcode, "PPLH") || !strcmp(fcode, "PPLQ") || !strcmp(fcode, "PPLW"))
                continue; /* historical, abandoned, destroyed */
            size_t nalt = 0;
            for (const char *a = fl[3]; *a; a++)
                nalt += *a == ',';
            nalt += fl[3][0] != 0;
            p->nalt = nalt > 65535 ? 65535 : (uint16_t)nalt;
            ref = (uint32_t)KH_GZ_PLACE << 30 | (uint32_t)B->np;
            B->np++;
            add_name(B, fl[1], strlen(fl[1]), ref);
            add_name(B, fl[2], strlen(fl[2]), ref);
        } else {
            continue;
        }
        for (char *a = fl[3]; a && *a;) {
            char *e = strchr(a, ',');
            size_t n = e ? (size_t)(e - a) : strlen(a);
            if (good_alternate(a, n))
                add_name(B, a, n, ref | KH_GZ_ALT);
            a = e ? e + 1 : NULL;
        }
    }
    free(line);
    fclose(f);
    if (!B->np) {
        fail(diag, KH_FIELD, path, "no populated places in it (a GeoNames dump has 19 "
                                   "tab-separated columns)");
        return KH_FIELD;
    }
    return KH_OK;
}

/* Orders names by key (the string table is the qsort_r argument), then by what they name. */
static int name_cmp(const void *x, const void *y, void *strs)
{
    const kh_gz_name *a = x, *b = y;
    const char *str = strs;
    int c = strcmp(str + a->key, str + b->key);
    if (c)
        return c;
    return a->ref < b->ref ? -1 : a->ref > b->ref;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Squared distance in degrees, longitude scaled for latitude (enough to pick a nearest). */
static double dist2(int32_t la1, int32_t lo1, int32_t la2, int32_t lo2)
{
    double dy = (double)(la1 - la2), dx = (double)(lo1 - lo2) * 0.7;
    return dx * dx + dy * dy;
}

/* Lays the built arrays out as an image (a malloc'd block starting with its header). */
static void *finish(builder *B, const char *source)
{
    size_t nc = B->nc, na = B->na, np = B->np;
    kh_gz_country *C = kh__xcalloc(nc ? nc : 1, sizeof *C);
    kh_gz_admin1 *A = kh__xcalloc(na ? na : 1, sizeof *A);
    /* Countries and divisions: names, bounds, population, a point, the capital. */
    double *sum = kh__xcalloc((nc + na) * 2 + 2, sizeof *sum);
    size_t *cnt = kh__xcalloc(nc + na + 1, sizeof *cnt);
    for (size_t i = 0; i < nc; i++) {
        C[i].name = B->c[i].name;
        C[i].neighbours = B->c[i].neighbours;
        C[i].geonameid = B->c[i].geonameid;
        C[i].capital = UINT32_MAX;
        memcpy(C[i].iso2, B->c[i].iso2, 3);
        memcpy(C[i].iso3, B->c[i].iso3, 4);
        C[i].population = B->c[i].pop;
        C[i].lat_min = C[i].lon_min = INT32_MAX;
        C[i].lat_max = C[i].lon_max = INT32_MIN;
    }
    for (size_t i = 0; i < np; i++) {
        const kh_gz_place *p = &B->p[i];
        kh_gz_country *c = &C[p->country];
        if (p->lat < c->lat_min) c->lat_min = p->lat;
        if (p->lat > c->lat_max) c->lat_max = p->lat;
        if (p->lon < c->lon_min) c->lon_min = p->lon;
        if (p->lon > c->lon_max) c->lon_max = p->lon;
        sum[2 * p->country] += p->lat;
        sum[2 * p->country + 1] += p->lon;
        cnt[p->country]++;
        if (p->admin1 != KH_GZ_NONE) {
            size_t k = nc + p->admin1;
            sum[2 * k] += p->lat;
            sum[2 * k + 1] += p->lon;
            cnt[k]++;
            A[p->admin1].population += p->population;
        }
        /* the capital: the PPLC with the most people (some countries list two) */
        if (p->fclass == KH_FC_CAPITAL &&
            (c->capital == UINT32_MAX || B->p[c->capital].population < p->population))
            c->capital = (uint32_t)i;
    }
    /* a point: the place nearest the mean of the area's places */
    uint32_t *near = kh__xmalloc((nc + na + 1) * sizeof *near);
    double *best = kh__xmalloc((nc + na + 1) * sizeof *best);
    for (size_t k = 0; k < nc + na; k++) {
        near[k] = UINT32_MAX;
        best[k] = 1e300;
        if (cnt[k]) {
            sum[2 * k] /= (double)cnt[k];
            sum[2 * k + 1] /= (double)cnt[k];
        }
    }
    for (size_t i = 0; i < np; i++) {
        const kh_gz_place *p = &B->p[i];
        size_t ks[2] = {p->country, p->admin1 != KH_GZ_NONE ? nc + p->admin1 : SIZE_MAX};
        for (int j = 0; j < 2; j++) {
            size_t k = ks[j];
            if (k == SIZE_MAX)
                continue;
            double d = dist2(p->lat, p->lon, (int32_t)sum[2 * k], (int32_t)sum[2 * k + 1]);
            if (d < best[k]) {
                best[k] = d;
                near[k] = (uint32_t)i;
            }
        }
    }
    for (size_t i = 0; i < nc; i++) {
        if (B->c[i].lat != NO_COORD) {
            C[i].lat = B->c[i].lat;
            C[i].lon = B->c[i].lon;
        } else if (near[i] != UINT32_MAX) {
            C[i].lat = B->p[near[i]].lat;
            C[i].lon = B->p[near[i]].lon;
        } else {
            C[i].lat = C[i].lon = NO_COORD;
        }
        if (!cnt[i])
            C[i].lat_min = C[i].lat_max = C[i].lon_min = C[i].lon_max = 0;
    }
    for (size_t i = 0; i < na; i++) {
        A[i].code = B->a[i].code;
        A[i].name = B->a[i].name;
        A[i].geonameid = B->a[i].geonameid;
        A[i].country = B->a[i].country;
        if (B->a[i].lat != NO_COORD) {
            A[i].lat = B->a[i].lat;
            A[i].lon = B->a[i].lon;
        } else if (near[nc + i] != UINT32_MAX) {
            A[i].lat = B->p[near[nc + i]].lat;
            A[i].lon = B->p[near[nc + i]].lon;
        } else {
            A[i].lat = A[i].lon = NO_COORD;
        }
    }
    free(sum);
    free(cnt);
    free(near);
    free(best);
    /* names of countries (countryInfo and the list) and divisions */
    for (size_t i = 0; i < nc; i++) {
        uint32_t ref = (uint32_t)KH_GZ_COUNTRY << 30 | (uint32_t)i;
        B->nseen = 0;
        const char *nm = B->str.ptr + B->c[i].name;
        add_name(B, nm, strlen(nm), ref);
        for (size_t k = 0; k < sizeof k_country_alias / sizeof *k_country_alias; k++)
            if (!strcmp(k_country_alias[k][0], B->c[i].iso2))
                add_name(B, k_country_alias[k][1], strlen(k_country_alias[k][1]), ref);
    }
    for (size_t i = 0; i < na; i++) {
        B->nseen = 0;
        uint32_t ref = (uint32_t)KH_GZ_ADMIN1 << 30 | (uint32_t)i;
        add_admin_names(B, B->str.ptr + B->a[i].name, ref);
        add_admin_names(B, B->str.ptr + B->a[i].ascii, ref);
    }
    uint32_t attribution = intern(B, kh__geonames_attribution, strlen(kh__geonames_attribution));
    uint32_t src = intern(B, source, strlen(source));
    qsort_r(B->n, B->nn, sizeof *B->n, name_cmp, B->str.ptr);
    size_t nu = 0; /* one entry per (key, ref): allCountries gives a division's names twice */
    for (size_t i = 0; i < B->nn; i++)
        if (!nu || B->n[nu - 1].key != B->n[i].key || B->n[nu - 1].ref != B->n[i].ref)
            B->n[nu++] = B->n[i];
    B->nn = nu;

    gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GZ_MAGIC, 8);
    h.version = GZ_VERSION;
    h.endian = 0x01020304u;
    h.sizes[0] = sizeof(kh_gz_country);
    h.sizes[1] = sizeof(kh_gz_admin1);
    h.sizes[2] = sizeof(kh_gz_place);
    h.sizes[3] = sizeof(kh_gz_name);
    h.sizes[4] = sizeof(kh_gz_hent);
    h.ncountries = (uint32_t)nc;
    h.nadmin1 = (uint32_t)na;
    h.nplaces = (uint32_t)np;
    h.nnames = (uint32_t)B->nn;
    h.nstr = (uint32_t)B->str.len;
    h.attribution = attribution;
    h.source = src;
    kh_gz_hent *H;
    uint8_t *F;
    index_names(B->str.ptr, B->n, (uint32_t)B->nn, &H, &h.hcap, &F, &h.firstbits);
    const size_t sz[7] = {nc * sizeof *C, na * sizeof *A, np * sizeof *B->p, B->nn * sizeof *B->n,
                          B->str.len, h.hcap * sizeof *H, h.firstbits / 8};
    const void *src_arr[7] = {C, A, B->p, B->n, B->str.ptr, H, F};
    size_t off = (sizeof h + 15) & ~(size_t)15;
    for (int i = 0; i < 7; i++) {
        h.off[i] = off;
        off = (off + sz[i] + 15) & ~(size_t)15;
    }
    h.length = off;
    char *img = kh__xcalloc(1, off);
    for (int i = 0; i < 7; i++)
        if (sz[i])
            memcpy(img + h.off[i], src_arr[i], sz[i]);
    free(H);
    free(F);
    h.crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)img + sizeof h,
                            (uInt)(off - sizeof h));
    memcpy(img, &h, sizeof h);
    free(C);
    free(A);
    return img;
}

static void builder_free(builder *B)
{
    kh__buf_free(&B->str);
    kh__buf_free(&B->key);
    kh__hash_free(&B->strs);
    kh__hash_free(&B->admin);
    free(B->c);
    free(B->a);
    free(B->p);
    free(B->n);
}

static kh_status open_image(kh_gazetteer **out, void *img, size_t len, int mapped,
                            const char *path, kh_diag *diag);

/* The dump in a folder: the most detailed one there. */
static const char *const k_dumps[] = {"allCountries.txt", "cities500.txt", "cities1000.txt",
                                      "cities5000.txt", "cities15000.txt", NULL};

kh_status kh_gazetteer_read(kh_gazetteer **out, const char *path, kh_diag *diag)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        fail(diag, KH_IO, path, "cannot open: %s", strerror(errno));
        return KH_IO;
    }
    char dir[4096], dump[4200], file[4200];
    if (S_ISDIR(st.st_mode)) {
        snprintf(dir, sizeof dir, "%s", path);
        dump[0] = 0;
        for (int i = 0; k_dumps[i] && !dump[0]; i++) {
            snprintf(file, sizeof file, "%s/%s", dir, k_dumps[i]);
            if (exists(file))
                snprintf(dump, sizeof dump, "%s", file);
        }
        if (!dump[0]) {
            fail(diag, KH_IO, path, "no GeoNames dump here (%s)",
                 "cities15000.txt, cities1000.txt or allCountries.txt");
            return KH_IO;
        }
    } else {
        snprintf(dump, sizeof dump, "%s", path);
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = 0;
        else
            snprintf(dir, sizeof dir, ".");
    }
    /* countryInfo.txt and admin1Codes.txt beside the dump, else the build's GeoNames folder */
    const char *dirs[2] = {dir, KH_GEONAMES_DIR};
    char cinfo[4200] = "", adm[4200] = "";
    for (int i = 0; i < 2 && (!cinfo[0] || !adm[0]); i++) {
        snprintf(cinfo, sizeof cinfo, "%s/countryInfo.txt", dirs[i]);
        snprintf(adm, sizeof adm, "%s/admin1Codes.txt", dirs[i]);
        if (!exists(cinfo) || !exists(adm))
            cinfo[0] = adm[0] = 0;
    }
    if (!cinfo[0]) {
        fail(diag, KH_IO, dump, "countryInfo.txt and admin1Codes.txt are needed beside it (%s)",
             "download them from GeoNames with the dump");
        return KH_IO;
    }
    builder B;
    memset(&B, 0, sizeof B);
    kh__hash_init(&B.strs);
    kh__hash_init(&B.admin);
    kh__buf_putc(&B.str, 0); /* offset 0: the empty string */
    kh_status st2 = read_countries(&B, cinfo, diag);
    if (!st2)
        st2 = read_admin1(&B, adm, diag);
    if (!st2)
        st2 = read_places(&B, dump, diag);
    if (st2) {
        builder_free(&B);
        return st2;
    }
    char source[8600];
    snprintf(source, sizeof source, "%s (with %s)", dump, cinfo);
    gaz_header *img = (gaz_header *)finish(&B, source);
    size_t skipped = B.skipped;
    builder_free(&B);
    kh_status st3 = open_image(out, img, (size_t)img->length, 0, dump, diag);
    if (!st3)
        (*out)->skipped = skipped;
    return st3;
}

/* ------------------------------------------------------------------ the image */

/* Orders country indexes by ISO alpha-3 (the countries are the qsort_r argument). */
static int iso3_cmp(const void *x, const void *y, void *countries)
{
    const kh_gz_country *c = countries;
    return memcmp(c[*(const uint16_t *)x].iso3, c[*(const uint16_t *)y].iso3, 3);
}

static int coord_ok(int32_t lat, int32_t lon)
{
    return (lat == NO_COORD && lon == NO_COORD) ||
           (lat >= -9000000 && lat <= 9000000 && lon >= -18000000 && lon <= 18000000);
}

/* Checks an image (every index and string offset) and makes a gazetteer of it; the image
 * is taken over (freed or unmapped on failure too). */
static kh_status open_image(kh_gazetteer **out, void *img, size_t len, int mapped,
                            const char *path, kh_diag *diag)
{
    const gaz_header *h = img;
    int ok = len >= sizeof *h && !memcmp(h->magic, GZ_MAGIC, 8) && h->version == GZ_VERSION &&
             h->endian == 0x01020304u && h->sizes[0] == sizeof(kh_gz_country) &&
             h->sizes[1] == sizeof(kh_gz_admin1) && h->sizes[2] == sizeof(kh_gz_place) &&
             h->sizes[3] == sizeof(kh_gz_name) && h->sizes[4] == sizeof(kh_gz_hent) &&
             h->length == len;
    if (ok)
        ok = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)img + sizeof *h,
                             (uInt)(len - sizeof *h)) == h->crc;
    /* the lookup table and the filter: powers of two, the table with an empty slot (below) */
    ok = ok && h->hcap >= 64 && h->hcap <= (1u << 30) && !(h->hcap & (h->hcap - 1)) &&
         h->firstbits >= 512 && h->firstbits <= (1u << 24) && !(h->firstbits & (h->firstbits - 1));
    const uint64_t n[7] = {ok ? h->ncountries : 0, ok ? h->nadmin1 : 0, ok ? h->nplaces : 0,
                           ok ? h->nnames : 0,     ok ? h->nstr : 0,    ok ? h->hcap : 0,
                           ok ? h->firstbits / 8 : 0};
    const size_t es[7] = {sizeof(kh_gz_country), sizeof(kh_gz_admin1), sizeof(kh_gz_place),
                          sizeof(kh_gz_name),    1,                     sizeof(kh_gz_hent),
                          1};
    for (int i = 0; ok && i < 7; i++)
        ok = h->off[i] % 8 == 0 && h->off[i] <= len && n[i] <= (len - h->off[i]) / es[i];
    const char *base = img;
    const char *str = ok ? base + h->off[4] : NULL;
    ok = ok && h->nstr && str[h->nstr - 1] == 0 && h->ncountries < KH_GZ_NONE &&
         h->nadmin1 < KH_GZ_NONE && h->nplaces < KH_GZ_ALT && h->attribution < h->nstr &&
         h->source < h->nstr;
    const kh_gz_country *C = ok ? (const void *)(base + h->off[0]) : NULL;
    const kh_gz_admin1 *A = ok ? (const void *)(base + h->off[1]) : NULL;
    const kh_gz_place *P = ok ? (const void *)(base + h->off[2]) : NULL;
    const kh_gz_name *N = ok ? (const void *)(base + h->off[3]) : NULL;
    for (uint32_t i = 0; ok && i < h->ncountries; i++)
        ok = C[i].name < h->nstr && C[i].neighbours < h->nstr &&
             (C[i].capital == UINT32_MAX || C[i].capital < h->nplaces) && !C[i].iso2[2] &&
             !C[i].iso3[3] && coord_ok(C[i].lat, C[i].lon);
    for (uint32_t i = 0; ok && i < h->nadmin1; i++)
        ok = A[i].code < h->nstr && A[i].name < h->nstr && A[i].country < h->ncountries &&
             coord_ok(A[i].lat, A[i].lon);
    for (uint32_t i = 0; ok && i < h->nplaces; i++)
        ok = P[i].name < h->nstr && P[i].country < h->ncountries &&
             (P[i].admin1 == KH_GZ_NONE || P[i].admin1 < h->nadmin1) &&
             coord_ok(P[i].lat, P[i].lon) && P[i].lat != NO_COORD;
    for (uint32_t i = 0; ok && i < h->nnames; i++) {
        uint32_t k = KH_GZ_KIND(N[i].ref), x = KH_GZ_INDEX(N[i].ref);
        ok = N[i].key < h->nstr && (i == 0 || strcmp(str + N[i - 1].key, str + N[i].key) <= 0) &&
             ((k == KH_GZ_PLACE && x < h->nplaces) || (k == KH_GZ_ADMIN1 && x < h->nadmin1) ||
              (k == KH_GZ_COUNTRY && x < h->ncountries));
    }
    /* a lookup slot's key lies in the strings and its names among the names; one slot at
     * least is empty, where a search for a missing key stops */
    const kh_gz_hent *H = ok ? (const void *)(base + h->off[5]) : NULL;
    uint32_t empty = 0;
    for (uint32_t i = 0; ok && i < h->hcap; i++) {
        const kh_gz_hent *e = &H[i];
        if (!e->hash) {
            empty++;
            continue;
        }
        ok = e->key < h->nstr && e->len < h->nstr - e->key && e->n <= h->nnames &&
             e->lo <= h->nnames - e->n && e->more <= 1;
    }
    ok = ok && empty > 0;
    if (!ok) {
        if (mapped)
            munmap(img, len);
        else
            free(img);
        fail(diag, KH_FIELD, path, "not a khaldun gazetteer, or one written by another "
                                   "version, or damaged");
        return KH_FIELD;
    }
    kh_gazetteer *g = kh__xcalloc(1, sizeof *g);
    g->countries = C;
    g->admin1 = A;
    g->places = P;
    g->names = N;
    g->str = str;
    g->ncountries = h->ncountries;
    g->nadmin1 = h->nadmin1;
    g->nplaces = h->nplaces;
    g->nnames = h->nnames;
    g->nstr = h->nstr;
    g->attribution = str + h->attribution;
    g->source = str + h->source;
    g->image = img;
    g->len = len;
    g->mapped = mapped;
    g->hash = H;
    g->hcap = h->hcap;
    g->first = (const uint8_t *)(base + h->off[6]);
    g->firstbits = h->firstbits;
    /* neighbours as indexes ("ES,FR" in countryInfo.txt) */
    g->nbr_off = kh__xcalloc(g->ncountries + 1, sizeof *g->nbr_off);
    size_t nn = 0, capn = 64;
    g->nbr = kh__xmalloc(capn * sizeof *g->nbr);
    for (uint32_t i = 0; i < g->ncountries; i++) {
        g->nbr_off[i] = (uint32_t)nn;
        for (const char *nb = str + C[i].neighbours; nb[0] && nb[1];) {
            for (uint32_t k = 0; k < g->ncountries; k++)
                if (C[k].iso2[0] == nb[0] && C[k].iso2[1] == nb[1]) {
                    if (nn == capn)
                        g->nbr = kh__xrealloc(g->nbr, (capn *= 2) * sizeof *g->nbr);
                    g->nbr[nn++] = (uint16_t)k;
                    break;
                }
            nb += 2;
            while (*nb == ',' || *nb == ' ')
                nb++;
        }
    }
    g->nbr_off[g->ncountries] = (uint32_t)nn;
    g->by_iso3 = kh__xmalloc((g->ncountries + 1) * sizeof *g->by_iso3);
    for (uint32_t i = 0; i < g->ncountries; i++)
        g->by_iso3[i] = (uint16_t)i;
    qsort_r(g->by_iso3, g->ncountries, sizeof *g->by_iso3, iso3_cmp, (void *)C);
    g->iso3_idx = kh__xmalloc(26 * 26 * 26 * sizeof *g->iso3_idx);
    for (size_t i = 0; i < 26 * 26 * 26; i++)
        g->iso3_idx[i] = -1;
    for (uint32_t i = g->ncountries; i-- > 0;) { /* the first in sorted order wins */
        const char *c = C[g->by_iso3[i]].iso3;
        if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' && c[2] <= 'Z')
            g->iso3_idx[((c[0] - 'A') * 26 + (c[1] - 'A')) * 26 + (c[2] - 'A')] = (int16_t)g->by_iso3[i];
    }
    *out = g;
    return KH_OK;
}

kh_status kh_gazetteer_open(kh_gazetteer **out, const char *path, kh_diag *diag)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(diag, KH_IO, path, "cannot open: %s", strerror(errno));
        return KH_IO;
    }
    struct stat st;
    char magic[8] = {0};
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode) || read(fd, magic, 8) != 8 ||
        memcmp(magic, GZ_MAGIC, 8) != 0) {
        close(fd);
        return kh_gazetteer_read(out, path, diag); /* GeoNames text, or a folder of it */
    }
    size_t len = (size_t)st.st_size;
    void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        fail(diag, KH_IO, path, "cannot map: %s", strerror(errno));
        return KH_IO;
    }
    return open_image(out, m, len, 1, path, diag);
}

kh_status kh_gazetteer_save(const kh_gazetteer *g, const char *path, kh_diag *diag)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        fail(diag, KH_IO, path, "cannot write: %s", strerror(errno));
        return KH_IO;
    }
    int ok = fwrite(g->image, 1, g->len, f) == g->len;
    ok &= fclose(f) == 0;
    if (!ok || rename(tmp, path) != 0) {
        fail(diag, KH_IO, path, "cannot write: %s", strerror(errno));
        remove(tmp);
        return KH_IO;
    }
    return KH_OK;
}

void kh_gazetteer_free(kh_gazetteer *g)
{
    if (!g)
        return;
    if (g->mapped)
        munmap(g->image, g->len);
    else
        free(g->image);
    free(g->by_iso3);
    free(g->iso3_idx);
    free(g->nbr);
    free(g->nbr_off);
    free(g);
}

void kh_gazetteer_stats_get(const kh_gazetteer *g, kh_gazetteer_stats *out)
{
    memset(out, 0, sizeof *out);
    out->countries = g->ncountries;
    out->admin1 = g->nadmin1;
    out->places = g->nplaces;
    out->names = g->nnames;
    out->bytes = g->len;
    out->skipped = g->skipped;
    out->source = g->source;
    out->attribution = g->attribution;
}

const char *kh_gazetteer_attribution(void)
{
    return kh__geonames_attribution;
}
