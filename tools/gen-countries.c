/*
 * gen-countries.c - writes dict/countries.generated.actors: every country and territory of
 * ISO 3166-1 (and Kosovo) as a khaldun actor, with its names, former names, capital and main
 * cities.
 *
 * Inputs, as Debian installs them (`make gen-countries` passes the folders and the package
 * versions):
 *   iso-codes            iso_3166-1.json (name, official_name, common_name), iso_3166-3.json
 *                        (former countries)
 *   libtimezonemap-data  GeoNames countryInfo.txt (the English short name, the capital),
 *                        cities15000.txt (cities of 15,000 people or more: name, feature code,
 *                        country, first-level region, population), admin1Codes.txt (region
 *                        names, for the comments). GeoNames data is CC BY 4.0.
 *
 * What it writes, one block per country (sorted by ISO alpha-3), then the former states:
 *   - the CAMEO code: ISO 3166-1 alpha-3, except the codes of k_codes below (CAMEO manual
 *     1.1b3, country codes; dependent territories the manual does not list follow its own
 *     pattern, parent code + ISO alpha-3);
 *   - names: ISO's common, short and official names (made readable: "Bolivia, Plurinational
 *     State of" gives BOLIVIA_ and PLURINATIONAL_STATE_OF_BOLIVIA_), the GeoNames name
 *     ("Ivory Coast", "Russia", "Turkey"), former names of ISO 3166-3 (k_former);
 *   - the capital (GeoNames), unless its name is shared by a foreign city of at least half its
 *     population;
 *   - every other city of at least --min-population people (default 1,000,000), unless a
 *     foreign city of the same name has a tenth of its population or more.
 * A name is left out, with a "# left out:" comment in its block, when it is on the stop list
 * (k_stop: English words, personal names, places known to be ambiguous), when the hand-written
 * countries.actors codes it otherwise (k_handwritten), when two countries claim it ("Congo",
 * "Korea": the hand-written file decides) or when a city or capital bears another country's
 * name. The rules and the reasons for them are in docs/dictionaries.md ("Countries").
 *
 * Usage: gen-countries [--min-population N] [--iso-codes-version V] [--geonames-version V]
 *                      ISO_JSON_DIR GEONAMES_DIR > dict/countries.generated.actors
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#define KEYMAX 160

/* ------------------------------------------------------------------ tables */

/* ISO 3166-1 alpha-3 -> CAMEO code block, where they differ. */
static const struct {
    const char *iso, *codes, *why;
} k_codes[] = {
    /* CAMEO manual 1.1b3, country codes: dependencies carry their parent's code. */
    {"ASM", "[USAASM]", NULL},
    {"BLM", "[FRA]", NULL},
    {"FLK", "[GBRFLK]", NULL},
    {"FRO", "[DNKFRO]", NULL},
    {"GIB", "[GBRGIB]", NULL},
    {"GLP", "[FRAGLP]", NULL},
    {"GRL", "[DNKGRL]", NULL},
    {"GUF", "[FRAGUF]", NULL},
    {"GUM", "[USAGUM]", NULL},
    {"IMN", "[GBRIMY]", NULL},
    {"JEY", "[GBR]", NULL},
    {"MSR", "[GBRMSR]", NULL},
    {"MTQ", "[FRAMTQ]", NULL},
    {"MYT", "[FRA]", NULL},
    {"NCL", "[FRANCL]", NULL},
    {"NFK", "[AUSNFK]", NULL},
    {"NIU", "[NZLNIU]", NULL},
    {"PCN", "[GBRPCN]", NULL},
    {"PRI", "[USAPRI]", NULL},
    {"PYF", "[FRAPYF]", NULL},
    {"SHN", "[GBRSHN]", NULL},
    {"TKL", "[NZLTKL]", NULL},
    {"VGB", "[GBRVGB]", NULL},
    {"VIR", "[USAVIR]", NULL},
    {"TLS", "[TMP]", "CAMEO keeps the code of East Timor"},
    {"XKX", "[KSV]", "Kosovo: GeoNames' code XK/XKX, CAMEO KSV"},
    {"WLF", "[FRAWLF]", "the manual's FRNWLF would read as country FRN"},
    /* Not in the manual: parent + ISO alpha-3, as the manual codes the others. */
    {"ALA", "[FINALA]", NULL},
    {"ATF", "[FRAATF]", NULL},
    {"BES", "[NLDBES]", NULL},
    {"BVT", "[NORBVT]", NULL},
    {"CCK", "[AUSCCK]", NULL},
    {"CXR", "[AUSCXR]", NULL},
    {"HMD", "[AUSHMD]", NULL},
    {"IOT", "[GBRIOT]", NULL},
    {"MNP", "[USAMNP]", NULL},
    {"SGS", "[GBRSGS]", NULL},
    {"SJM", "[NORSJM]", NULL},
    {"SPM", "[FRASPM]", NULL},
    {"TCA", "[GBRTCA]", NULL},
    {"UMI", "[USAUMI]", NULL},
    /* Overseas departments and collectivities that are part of France: FRA, as the manual
     * codes Mayotte and Saint Barthelemy. */
    {"MAF", "[FRA]", NULL},
    {"REU", "[FRA]", NULL},
    /* South Sudan became independent on 9 July 2011: before, its places are Sudan's. */
    {"SSD", "[SDN <110709] [SSD]", NULL},
};

/* Countries of ISO 3166-1 that are no actor. */
static const struct {
    const char *iso, *why;
} k_skip[] = {
    {"ATA", "Antarctica: no state, and its claims are not actors"},
};

/* ISO 3166-3 (former countries): where each one's names go. A renamed state or territory goes
 * to its successor; a state that was dissolved keeps its own ISO 3166-3 code while it existed
 * (as the Phoenix dictionaries do: SUN, CSK, DDR) and is no actor after that ([---]: "the
 * former Soviet Union" in 2020 copy names no one); codes NULL: left out. names: ISO's name
 * put in order where the data has it in a shape the rules cannot read. */
static const struct {
    const char *iso, *codes, *names[3], *why;
} k_former[] = {
    {"AFI", "[DJI]", {NULL}, NULL},
    {"ANT", "[NLDANT <20101010] [---]", {NULL}, "dissolved 10 October 2010 (CAMEO NLDANT)"},
    {"ATB", NULL, {NULL}, "an Antarctic claim"},
    {"ATN", NULL, {NULL}, "an Antarctic claim"},
    {"BUR", "[MMR]", {NULL}, NULL},
    {"BYS", "[BLR]", {"Byelorussian Soviet Socialist Republic", "Byelorussian SSR", NULL}, NULL},
    {"CSK", "[CSK <19930101] [---]", {NULL}, "dissolved 1 January 1993"},
    {"CTE", "[KIR]", {NULL}, NULL},
    {"DDR", "[DDR <19901003] [---]", {NULL}, "joined Germany 3 October 1990"},
    {"DHY", "[BEN]", {NULL}, NULL},
    {"FXX", "[FRA]", {NULL}, NULL},
    {"GEL", NULL, {NULL}, "split into Kiribati and Tuvalu"},
    {"HVO", "[BFA]", {NULL}, NULL},
    {"JTN", "[USAUMI]", {NULL}, NULL},
    {"MID", "[USAUMI]", {NULL}, NULL},
    {"NHB", "[VUT]", {NULL}, NULL},
    {"NTZ", NULL, {NULL}, "a zone, no state; 'neutral zone' is a common phrase"},
    {"PCI", NULL, {NULL}, "split into four states"},
    {"PCZ", "[PAN]", {NULL}, NULL},
    {"PUS", "[USAUMI]", {NULL}, NULL},
    {"RHO", "[ZWE]", {NULL}, NULL},
    {"SCG", NULL, {NULL},
     "since June 2006 'Serbia and Montenegro' names two states, read as a compound actor"},
    {"SKM", "[IND]", {NULL}, NULL},
    {"SUN", "[SUN <19911226] [---]", {"USSR", "Union of Soviet Socialist Republics", NULL},
     "dissolved 26 December 1991"},
    {"TMP", "[TMP]", {NULL}, NULL},
    {"VDR", "[VNM]", {NULL}, NULL},
    {"WAK", "[USAUMI]", {NULL}, NULL},
    {"YMD", "[YMD <19900522] [---]", {"People's Democratic Republic of Yemen", "Democratic Yemen", NULL},
     "joined Yemen 22 May 1990"},
    {"YUG", "[YUG <19920427] [FRY 19920427-20030204] [---]", {NULL},
     "the SFRY until 27 April 1992, the FRY until 4 February 2003"},
    {"ZAR", "[COD]", {NULL}, NULL},
};

/* ISO 3166-3 reuses alpha-3 ATF for the French Southern and Antarctic Territories (withdrawn
 * 1979): such entries are told apart by their alpha-4 code. */
static const struct {
    const char *alpha4, *why;
} k_former_alpha4_skip[] = {
    {"FQHH", "an Antarctic claim (now split between AQ and TF)"},
};

/* Names never generated: English words and personal names that the case-folded text would
 * match, and places whose name usually means another place. The hand-written countries.actors
 * may still list one of them for a country, with a "# NOTE" saying why. */
static const struct {
    const char *key, *why;
} k_stop[] = {
    /* English words */
    {"BATH", "English word"},
    {"BATMAN", "English word (the Turkish city)"},
    {"CAYENNE", "English word (the pepper)"},
    {"DEAL", "English word"},
    {"JERSEY", "English word (the garment)"},
    {"MALE", "English word"},
    {"MARCH", "English word"},
    {"MECCA", "English word ('a mecca for')"},
    {"MOBILE", "English word"},
    {"NICE", "English word"},
    {"OF", "English word"},
    {"PHOENIX", "English word"},
    {"READING", "English word"},
    {"REUNION", "English word"},
    {"SHIRAZ", "English word (the wine)"},
    {"SPLIT", "English word"},
    {"THE_VALLEY", "English phrase"},
    {"VAN", "English word"},
    {"WEST_ISLAND", "English phrase"},
    /* personal names */
    {"DIEGO_GARCIA", "personal name"},
    {"DOUGLAS", "personal name"},
    {"GUSTAVO_A_MADERO", "personal name"},
    {"HAMILTON", "personal name"},
    {"KALYAN", "personal name"},
    {"KOBE", "personal name"},
    {"LEON", "personal name"},
    {"MEDINA", "personal name"},
    {"ROSARIO", "personal name"},
    {"SAMARA", "personal name"},
    {"SUCRE", "personal name, and states of Venezuela and Colombia"},
    {"SALVADOR", "personal name"},
    {"SOFIA", "personal name"},
    {"STANLEY", "personal name"},
    {"VICTORIA", "personal name, and Victoria in Canada and Australia"},
    /* brands */
    {"KAWASAKI", "company name"},
    /* ambiguous places the population rule lets through */
    {"FORTALEZA", "Spanish and Portuguese word (fortress)"},
    {"SAINT_GEORGE_'S", "churches, schools, hospitals and a university"},
    {"SAN_ANTONIO", "a saint's name: towns across Latin America and the Philippines"},
    {"SAN_DIEGO", "a saint's name: towns across Latin America and the Philippines"},
    {"SANTIAGO", "also Santiago de Cuba, Santiago de los Caballeros, Santiago de Compostela"},
};

/* Names the hand-written countries.actors codes otherwise: left to it. */
static const struct {
    const char *key, *why;
} k_handwritten[] = {
    {"RAWALPINDI", "countries.actors codes it PAKMIL (the army's headquarters)"},
};

/* ------------------------------------------------------------------ utilities */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen-countries: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* Grows *v (of *cap elements of size sz) to hold n + 1. */
static void grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return;
    *cap = *cap ? *cap * 2 : 64;
    *v = xrealloc(*v, *cap * sz);
}

static char *read_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(f))
        die("%s: read error", path);
    fclose(f);
    buf[n] = 0;
    return buf;
}

/* Splits line s (modified) at tabs into at most max fields; returns how many. */
static int split_tabs(char *s, char **f, int max)
{
    int n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    size_t i = 0;
    while (s[i] && isspace((unsigned char)s[i]))
        i++;
    memmove(s, s + i, n - i + 1);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* ------------------------------------------------------------------ phrase keys */

/* Letters that have no decomposition to an ASCII letter plus a mark. */
static const char *fold_letter(int32_t c)
{
    switch (c) {
    case 0x131: return "I";  /* dotless i */
    case 0x141: case 0x142: return "L";
    case 0xD8: case 0xF8: return "O";
    case 0x110: case 0x111: case 0xD0: case 0xF0: return "D";
    case 0xDF: return "SS";
    case 0xC6: case 0xE6: return "AE";
    case 0x152: case 0x153: return "OE";
    case 0xDE: case 0xFE: return "TH";
    case 0x2018: case 0x2019: case 0x02BB: case 0x02BC: case 0x2032: case 0x60: case 0xB4:
        return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: return "-";
    default: return NULL;
    }
}

/* Turns a name into its phrase key: upper-case ASCII words joined by '_' ("Côte d'Ivoire" ->
 * COTE_D'IVOIRE, "Port-au-Prince" -> PORT_AU_PRINCE). Accents are stripped as the loader
 * strips them; hyphens split words as the tokenizer splits them; "St." and "St" are written
 * SAINT (the writer adds the ST_ form); a possessive is a word of its own, as the tokenizer
 * makes it ("People's" -> PEOPLE_'S); the point after a word is dropped
 * (the tokenizer keeps it out of the word) but kept inside "U.S.". Returns 0 when a character
 * cannot be written in a dictionary word. */
static int make_key(const char *name, char *out, size_t cap)
{
    utf8proc_uint8_t *d = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)name, 0, &d,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                         UTF8PROC_STRIPMARK) < 0)
        return 0;
    char flat[KEYMAX * 2];
    size_t n = 0;
    int ok = 1;
    for (const utf8proc_uint8_t *p = d; *p && ok;) {
        int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0) {
            ok = 0;
            break;
        }
        p += k;
        const char *rep = NULL;
        char one[2] = {0, 0};
        if (c < 0x80 && isalnum(c)) {
            one[0] = (char)toupper(c);
            rep = one;
        } else if (c == ' ' || c == '-' || c == '_' || c == '/' || c == '\t') {
            rep = "_";
        } else if (c == '\'' || c == '.') {
            one[0] = (char)c;
            rep = one;
        } else {
            rep = fold_letter(c);
            if (rep && rep[0] == '-')
                rep = "_";
        }
        if (!rep) {
            ok = 0;
            break;
        }
        size_t m = strlen(rep);
        if (n + m + 1 >= sizeof flat) {
            ok = 0;
            break;
        }
        memcpy(flat + n, rep, m);
        n += m;
    }
    free(d);
    if (!ok)
        return 0;
    flat[n] = 0;
    /* Words: drop empties, spell ST as SAINT, split off a possessive, drop a lone final
     * point. */
    size_t o = 0;
    char *save = NULL;
    for (char *w = strtok_r(flat, "_", &save); w; w = strtok_r(NULL, "_", &save)) {
        size_t wl = strlen(w);
        int poss = 0;
        if (wl > 2 && w[wl - 2] == '\'' && w[wl - 1] == 'S') {
            w[wl -= 2] = 0;
            poss = 1;
        }
        if (wl > 1 && w[wl - 1] == '.' && !memchr(w, '.', wl - 1))
            w[--wl] = 0;
        while (wl && w[0] == '\'') /* a quote around a word is no part of it */
            memmove(w, w + 1, wl--);
        while (wl && w[wl - 1] == '\'')
            w[--wl] = 0;
        if (!wl || strcmp(w, ".") == 0)
            continue;
        if (strcmp(w, "ST") == 0)
            w = "SAINT", wl = 5;
        if (o + wl + 2 >= cap || o + wl + 2 >= KEYMAX)
            return 0;
        if (o)
            out[o++] = '_';
        memcpy(out + o, w, wl);
        o += wl;
        if (poss) {
            if (o + 4 >= cap || o + 4 >= KEYMAX)
                return 0;
            memcpy(out + o, "_'S", 3);
            o += 3;
        }
    }
    out[o] = 0;
    return o > 0;
}

/* ------------------------------------------------------------------ names */

typedef struct namelist {
    char v[8][KEYMAX];
    int n;
} namelist;

static void add_name(namelist *l, const char *s)
{
    char t[KEYMAX];
    if (snprintf(t, sizeof t, "%s", s) >= (int)sizeof t)
        return; /* no name is that long */
    trim(t);
    if (!t[0] || l->n >= 8)
        return;
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], t) == 0)
            return;
    snprintf(l->v[l->n++], KEYMAX, "%s", t);
}

/* Adds name s after its bracketed part is read: a final "(Malvinas)" is a name of its own
 * unless it names a part ("(French part)"); an inner "(Socialist)" or "(Keeling)" may be read
 * or left out, so both forms are added. */
static void add_bracketed(namelist *l, const char *s)
{
    const char *a = strchr(s, '('), *b = a ? strchr(a, ')') : NULL;
    if (!a || !b) {
        add_name(l, s);
        return;
    }
    char base[KEYMAX * 2], inner[KEYMAX], with[KEYMAX * 3];
    snprintf(base, sizeof base, "%.*s%s", (int)(a - s), s, b + 1);
    snprintf(inner, sizeof inner, "%.*s", (int)(b - a - 1), a + 1);
    char rest[KEYMAX];
    snprintf(rest, sizeof rest, "%s", b + 1);
    trim(rest);
    /* collapse the double blank left where the bracket was */
    for (char *p; (p = strstr(base, "  ")) != NULL;)
        memmove(p, p + 1, strlen(p));
    trim(base);
    add_name(l, base);
    if (!rest[0]) {
        if (!strstr(inner, " part"))
            add_name(l, inner);
    } else {
        snprintf(with, sizeof with, "%.*s%s%s", (int)(a - s), s, inner, b + 1);
        add_name(l, with);
    }
}

/* Reads an ISO 3166 name into the names news copy uses. "X, Y of" gives X and "Y X" ("Bolivia,
 * Plurinational State of"; "Congo, The Democratic Republic of the" gives "Democratic Republic
 * of the Congo"); "X, Y" with one word Y gives "Y X" ("Virgin Islands, British"); any other
 * "X, Y" gives X, and Y as well when full_after_comma (ISO 3166-3 writes "short, full":
 * "USSR, Union of Soviet Socialist Republics"; ISO 3166-1 writes "Taiwan, Province of China").
 * A leading "the" is dropped ("the State of Eritrea"). */
static void iso_names(namelist *l, const char *name, int full_after_comma)
{
    char s[KEYMAX];
    snprintf(s, sizeof s, "%s", name);
    trim(s);
    if (strncmp(s, "the ", 4) == 0 || strncmp(s, "The ", 4) == 0)
        memmove(s, s + 4, strlen(s + 4) + 1);
    char *comma = strstr(s, ", ");
    if (!comma) {
        add_bracketed(l, s);
        return;
    }
    *comma = 0;
    char *x = s, *y = comma + 2;
    if (strncmp(y, "The ", 4) == 0 || strncmp(y, "the ", 4) == 0)
        y += 4;
    add_bracketed(l, x);
    char both[KEYMAX * 2];
    if (ends_with(y, " of") || ends_with(y, " of the") || !strchr(y, ' ')) {
        snprintf(both, sizeof both, "%s %s", y, x);
        add_bracketed(l, both);
    } else if (full_after_comma) {
        add_bracketed(l, y);
    }
}

/* A GeoNames place name into the names to try: "Laâyoune / El Aaiún" gives both, "Douglas,
 * Isle of Man" gives Douglas, "Palikir - National Government Center" gives Palikir. */
static void place_names(namelist *l, const char *name)
{
    char s[KEYMAX];
    snprintf(s, sizeof s, "%s", name);
    char *save = NULL;
    for (char *part = strtok_r(s, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        char *cut = strstr(part, ", ");
        if (cut)
            *cut = 0;
        cut = strstr(part, " - ");
        if (cut)
            *cut = 0;
        trim(part);
        /* Japanese and Korean municipalities: "Osaka-shi", "Suwon-si". */
        if (ends_with(part, "-shi"))
            part[strlen(part) - 4] = 0;
        else if (ends_with(part, "-si"))
            part[strlen(part) - 3] = 0;
        add_name(l, part);
    }
}

/* ------------------------------------------------------------------ data */

typedef struct block {
    char a2[4], a3[8]; /* ISO codes; a2 empty for a former state */
    const char *codes; /* "[MMR]" */
    char title[KEYMAX];
    int former;
    long cap_pop;
} block;

enum { K_NAME, K_FORMER, K_CAPITAL, K_CITY };
static const char *const k_kind[] = {"name", "former name", "capital", "city"};

typedef struct cand {
    char key[KEYMAX];
    char name[KEYMAX]; /* as the source writes it */
    int block, kind, order;
    long pop;
    char note[KEYMAX];
    char why[KEYMAX]; /* empty: kept */
    int stop;         /* left out by the stop list */
} cand;

typedef struct city {
    char cc[4], fc[12], a1[24];
    char *name;
    long pop;
} city;

typedef struct cityname {
    char key[KEYMAX];
    size_t city;
} cityname;

static block *blocks;
static size_t nblocks, capblocks;
static cand *cands;
static size_t ncands, capcands;
static city *cities;
static size_t ncities, capcities;
static cityname *cnames;
static size_t ncnames, capcnames;

static int by_cname(const void *a, const void *b)
{
    return strcmp(((const cityname *)a)->key, ((const cityname *)b)->key);
}

static int new_block(const char *a2, const char *a3, const char *codes, const char *title, int former)
{
    grow((void **)&blocks, &capblocks, nblocks, sizeof *blocks);
    block *b = &blocks[nblocks];
    memset(b, 0, sizeof *b);
    snprintf(b->a2, sizeof b->a2, "%s", a2);
    snprintf(b->a3, sizeof b->a3, "%s", a3);
    b->codes = codes;
    snprintf(b->title, sizeof b->title, "%s", title);
    b->former = former;
    return (int)nblocks++;
}

static int find_block_a2(const char *a2)
{
    for (size_t i = 0; i < nblocks; i++)
        if (!blocks[i].former && strcmp(blocks[i].a2, a2) == 0)
            return (int)i;
    return -1;
}

static int find_block_a3(const char *a3)
{
    for (size_t i = 0; i < nblocks; i++)
        if (!blocks[i].former && strcmp(blocks[i].a3, a3) == 0)
            return (int)i;
    return -1;
}

/* The code block of ISO alpha-3 a3. */
static const char *cameo_codes(const char *a3)
{
    for (size_t i = 0; i < sizeof k_codes / sizeof *k_codes; i++)
        if (strcmp(k_codes[i].iso, a3) == 0)
            return k_codes[i].codes;
    char *s = xmalloc(8);
    snprintf(s, 8, "[%s]", a3);
    return s;
}

static void add_cand(int blk, int kind, const char *name, long pop, const char *note)
{
    char key[KEYMAX];
    if (!make_key(name, key, sizeof key)) {
        fprintf(stderr, "gen-countries: %s: cannot write '%s' as a phrase; left out\n",
                blocks[blk].a3, name);
        return;
    }
    for (size_t i = 0; i < ncands; i++) /* the same key twice in one block: once */
        if (cands[i].block == blk && strcmp(cands[i].key, key) == 0)
            return;
    grow((void **)&cands, &capcands, ncands, sizeof *cands);
    cand *c = &cands[ncands];
    memset(c, 0, sizeof *c);
    snprintf(c->key, sizeof c->key, "%s", key);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->block = blk;
    c->kind = kind;
    c->pop = pop;
    c->order = (int)ncands;
    if (note)
        snprintf(c->note, sizeof c->note, "%s", note);
    ncands++;
}

static const char *json_str(const cJSON *o, const char *k)
{
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
    return s && *s ? s : NULL;
}

static cJSON *load_json(const char *dir, const char *file, const char *member)
{
    char *text = read_file(dir, file);
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!root)
        die("%s/%s: not JSON", dir, file);
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, member);
    if (!cJSON_IsArray(arr))
        die("%s/%s: no \"%s\" array", dir, file, member);
    return root;
}

/* ------------------------------------------------------------------ reading */

static void read_iso_3166_1(const char *dir)
{
    cJSON *root = load_json(dir, "iso_3166-1.json", "3166-1");
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "3166-1"))
    {
        const char *a2 = json_str(e, "alpha_2"), *a3 = json_str(e, "alpha_3");
        const char *name = json_str(e, "name");
        if (!a2 || !a3 || !name)
            die("iso_3166-1.json: an entry without alpha_2, alpha_3 or name");
        const char *skip = NULL;
        for (size_t i = 0; i < sizeof k_skip / sizeof *k_skip; i++)
            if (strcmp(k_skip[i].iso, a3) == 0)
                skip = k_skip[i].why;
        int b = new_block(a2, a3, skip ? NULL : cameo_codes(a3), name, 0);
        if (skip)
            continue;
        namelist l = {0};
        const char *common = json_str(e, "common_name"), *off = json_str(e, "official_name");
        if (common)
            iso_names(&l, common, 0);
        iso_names(&l, name, 0);
        if (off)
            iso_names(&l, off, 0);
        for (int i = 0; i < l.n; i++)
            add_cand(b, K_NAME, l.v[i], 0, NULL);
    }
    cJSON_Delete(root);
}

/* The capital and country name of each country; a country GeoNames has and ISO 3166-1 has
 * not gets a block if k_codes knows it (Kosovo). The capitals go into capital[], by block. */
static void read_country_info(const char *dir, char (*capital)[KEYMAX], size_t ncap)
{
    char *text = read_file(dir, "countryInfo.txt");
    char *save = NULL;
    for (char *ln = strtok_r(text, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        if (ln[0] == '#')
            continue;
        char *f[20];
        if (split_tabs(ln, f, 20) < 6)
            continue;
        int b = find_block_a3(f[1]);
        if (b < 0) {
            int known = 0, former = 0;
            for (size_t i = 0; i < sizeof k_codes / sizeof *k_codes; i++)
                known |= strcmp(k_codes[i].iso, f[1]) == 0;
            for (size_t i = 0; i < sizeof k_former / sizeof *k_former; i++)
                former |= strcmp(k_former[i].iso, f[1]) == 0;
            if (former)
                continue; /* a former country: ISO 3166-3 gives its names */
            if (!known) {
                fprintf(stderr, "gen-countries: countryInfo.txt: %s (%s) is in neither ISO 3166 "
                                "file nor the code table; left out\n", f[1], f[4]);
                continue;
            }
            b = new_block(f[0], f[1], cameo_codes(f[1]), f[4], 0);
        }
        if (!blocks[b].codes)
            continue;
        namelist l = {0};
        iso_names(&l, f[4], 0);
        for (int i = 0; i < l.n; i++)
            add_cand(b, K_NAME, l.v[i], 0, "GeoNames");
        if ((size_t)b < ncap)
            snprintf(capital[b], KEYMAX, "%s", f[5]);
    }
    free(text);
}

static void read_iso_3166_3(const char *dir)
{
    cJSON *root = load_json(dir, "iso_3166-3.json", "3166-3");
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "3166-3"))
    {
        const char *a3 = json_str(e, "alpha_3"), *a4 = json_str(e, "alpha_4");
        const char *name = json_str(e, "name");
        if (!a3 || !name)
            die("iso_3166-3.json: an entry without alpha_3 or name");
        int skip4 = 0;
        for (size_t i = 0; a4 && i < sizeof k_former_alpha4_skip / sizeof *k_former_alpha4_skip; i++)
            skip4 |= strcmp(k_former_alpha4_skip[i].alpha4, a4) == 0;
        if (skip4)
            continue;
        int t = -1;
        for (size_t i = 0; i < sizeof k_former / sizeof *k_former; i++)
            if (strcmp(k_former[i].iso, a3) == 0)
                t = (int)i;
        if (t < 0) {
            fprintf(stderr, "gen-countries: iso_3166-3.json: %s (%s) is not in the table of "
                            "former countries; left out\n", a3, name);
            continue;
        }
        const char *codes = k_former[t].codes;
        if (!codes)
            continue;
        namelist l = {0};
        if (k_former[t].names[0])
            for (int i = 0; i < 3 && k_former[t].names[i]; i++)
                add_name(&l, k_former[t].names[i]);
        else
            iso_names(&l, name, 1);
        /* A renamed country goes into its successor's block; a dissolved one has its own. */
        int b = -1;
        if (!strchr(codes, '-') && !strchr(codes, '<')) {
            /* the country whose own code it is ([FRA]: France, not Mayotte), else the first
             * with that code ([USAUMI]: UMI) */
            char own[8];
            snprintf(own, sizeof own, "%.3s", codes + 1);
            b = find_block_a3(own);
            if (b >= 0 && (!blocks[b].codes || strcmp(blocks[b].codes, codes) != 0))
                b = -1;
            for (size_t i = 0; b < 0 && i < nblocks; i++)
                if (!blocks[i].former && blocks[i].codes && strcmp(blocks[i].codes, codes) == 0)
                    b = (int)i;
        }
        if (b < 0) {
            char title[KEYMAX];
            snprintf(title, sizeof title, "%s (ISO 3166-3 %s, withdrawn %s)%s%s", name, a3,
                     json_str(e, "withdrawal_date") ? json_str(e, "withdrawal_date") : "?",
                     k_former[t].why ? ": " : "", k_former[t].why ? k_former[t].why : "");
            b = new_block("", a3, codes, title, 1);
        }
        char note[KEYMAX];
        snprintf(note, sizeof note, "former name: ISO 3166-3 %s, withdrawn %s", a3,
                 json_str(e, "withdrawal_date") ? json_str(e, "withdrawal_date") : "?");
        for (int i = 0; i < l.n; i++)
            add_cand(b, K_FORMER, l.v[i], 0, note);
    }
    cJSON_Delete(root);
}

static void read_cities(const char *dir)
{
    char *text = read_file(dir, "cities15000.txt");
    char *save = NULL;
    for (char *ln = strtok_r(text, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        char *f[20];
        if (split_tabs(ln, f, 20) < 15)
            continue;
        grow((void **)&cities, &capcities, ncities, sizeof *cities);
        city *c = &cities[ncities];
        memset(c, 0, sizeof *c);
        snprintf(c->cc, sizeof c->cc, "%s", f[8]);
        snprintf(c->fc, sizeof c->fc, "%s", f[7]);
        snprintf(c->a1, sizeof c->a1, "%s", f[10]);
        c->name = xstrdup(f[1]);
        c->pop = atol(f[14]);
        /* Every city under its name and its ASCII name, for the ambiguity test. */
        namelist l = {0};
        place_names(&l, f[1]);
        place_names(&l, f[2]);
        for (int i = 0; i < l.n; i++) {
            grow((void **)&cnames, &capcnames, ncnames, sizeof *cnames);
            if (make_key(l.v[i], cnames[ncnames].key, KEYMAX)) {
                int dup = 0;
                for (size_t j = ncnames; j-- > 0 && cnames[j].city == ncities;)
                    dup |= strcmp(cnames[j].key, cnames[ncnames].key) == 0;
                if (!dup)
                    cnames[ncnames++].city = ncities;
            }
        }
        ncities++;
    }
    free(text);
    qsort(cnames, ncnames, sizeof *cnames, by_cname);
}

typedef struct region {
    char code[32];
    char name[KEYMAX];
} region;
static region *regions;
static size_t nregions, capregions;

static int by_region(const void *a, const void *b)
{
    return strcmp(((const region *)a)->code, ((const region *)b)->code);
}

static void read_admin1(const char *dir)
{
    char *text = read_file(dir, "admin1Codes.txt");
    char *save = NULL;
    for (char *ln = strtok_r(text, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        char *f[4];
        if (split_tabs(ln, f, 4) < 3)
            continue;
        grow((void **)&regions, &capregions, nregions, sizeof *regions);
        snprintf(regions[nregions].code, sizeof regions[nregions].code, "%s", f[0]);
        snprintf(regions[nregions].name, KEYMAX, "%s", f[2]);
        nregions++;
    }
    free(text);
    qsort(regions, nregions, sizeof *regions, by_region);
}

static const char *region_name(const char *cc, const char *a1)
{
    region k;
    snprintf(k.code, sizeof k.code, "%s.%s", cc, a1);
    const region *r = bsearch(&k, regions, nregions, sizeof *regions, by_region);
    return r ? r->name : NULL;
}

/* ------------------------------------------------------------------ the rules */

/* The largest city of another country than cc whose name is key; NULL if none. */
static const city *namesake(const char *key, const char *cc)
{
    cityname k;
    snprintf(k.key, sizeof k.key, "%s", key);
    const cityname *hit = bsearch(&k, cnames, ncnames, sizeof *cnames, by_cname);
    if (!hit)
        return NULL;
    while (hit > cnames && strcmp(hit[-1].key, key) == 0)
        hit--;
    const city *best = NULL;
    for (; hit < cnames + ncnames && strcmp(hit->key, key) == 0; hit++) {
        const city *c = &cities[hit->city];
        if (strcmp(c->cc, cc) != 0 && (!best || c->pop > best->pop))
            best = c;
    }
    return best;
}

static void capitals_and_cities(long min_pop, char (*capital)[KEYMAX])
{
    size_t nb = nblocks;
    for (size_t b = 0; b < nb; b++) {
        if (blocks[b].former || !blocks[b].codes)
            continue;
        /* The capital: countryInfo's name and that of GeoNames' capital city (PPLC). */
        namelist l = {0};
        long pop = 0;
        for (size_t i = 0; i < ncities; i++)
            if (strcmp(cities[i].cc, blocks[b].a2) == 0 && strcmp(cities[i].fc, "PPLC") == 0) {
                place_names(&l, capital[b]);
                place_names(&l, cities[i].name);
                pop = cities[i].pop;
                break;
            }
        if (!l.n && capital[b][0])
            place_names(&l, capital[b]);
        blocks[b].cap_pop = pop;
        for (int i = 0; i < l.n; i++)
            add_cand((int)b, K_CAPITAL, l.v[i], pop, NULL);
    }
    /* Cities, largest first. */
    size_t *idx = xmalloc(ncities * sizeof *idx);
    size_t n = 0;
    for (size_t i = 0; i < ncities; i++)
        if (cities[i].pop >= min_pop && strcmp(cities[i].fc, "PPLC") != 0 &&
            strcmp(cities[i].fc, "PPLX") != 0) /* PPLX: a part of a city */
            idx[n++] = i;
    for (size_t i = 1; i < n; i++) /* insertion sort: few hundred, stable */
        for (size_t j = i; j > 0 && cities[idx[j]].pop > cities[idx[j - 1]].pop; j--) {
            size_t t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        const city *c = &cities[idx[i]];
        int b = find_block_a2(c->cc);
        if (b < 0 || !blocks[b].codes)
            continue;
        namelist l = {0};
        place_names(&l, c->name);
        const char *reg = region_name(c->cc, c->a1);
        char note[KEYMAX * 2];
        snprintf(note, sizeof note, "%s%s%ld", reg ? reg : "", reg ? ", " : "", c->pop);
        for (int k = 0; k < l.n; k++)
            add_cand(b, K_CITY, l.v[k], c->pop, note);
    }
    free(idx);
}

static int by_key(const void *a, const void *b)
{
    const cand *x = *(cand *const *)a, *y = *(cand *const *)b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    int px = x->kind == K_FORMER ? K_NAME : x->kind, py = y->kind == K_FORMER ? K_NAME : y->kind;
    if (px != py)
        return px - py;
    return x->order - y->order;
}

static const char *block_label(int b)
{
    return blocks[b].a3;
}

/* Applies the stop list, the population rule and the rule of one code per phrase. */
static void apply_rules(void)
{
    for (size_t i = 0; i < ncands; i++) {
        cand *c = &cands[i];
        for (size_t k = 0; k < sizeof k_stop / sizeof *k_stop; k++)
            if (strcmp(c->key, k_stop[k].key) == 0) {
                snprintf(c->why, sizeof c->why, "stop list: %s", k_stop[k].why);
                c->stop = 1;
            }
        for (size_t k = 0; k < sizeof k_handwritten / sizeof *k_handwritten; k++)
            if (strcmp(c->key, k_handwritten[k].key) == 0)
                snprintf(c->why, sizeof c->why, "%s", k_handwritten[k].why);
        if (c->why[0] || (c->kind != K_CAPITAL && c->kind != K_CITY))
            continue;
        /* A capital gives way to a foreign namesake of half its size, a city to one of a
         * tenth: the capital is what news means by the name unless the other is as big. */
        const city *o = namesake(c->key, blocks[c->block].a2);
        long need = c->kind == K_CAPITAL ? (c->pop + 1) / 2 : (c->pop + 9) / 10;
        if (o && o->pop >= need)
            snprintf(c->why, sizeof c->why, "also %s, %s (%ld people)", o->name, o->cc, o->pop);
    }
    /* One code per phrase: a country's name beats a capital, a capital beats a city; two of
     * the same rank with different codes both give way (the hand-written file decides). */
    cand **v = xmalloc(ncands * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < ncands; i++)
        if (!cands[i].why[0])
            v[n++] = &cands[i];
    qsort(v, n, sizeof *v, by_key);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(v[j]->key, v[i]->key) == 0)
            j++;
        int rank = v[i]->kind == K_FORMER ? K_NAME : v[i]->kind;
        int clash = 0;
        for (size_t k = i + 1; k < j; k++) {
            int rk = v[k]->kind == K_FORMER ? K_NAME : v[k]->kind;
            if (rk == rank && strcmp(blocks[v[k]->block].codes, blocks[v[i]->block].codes) != 0)
                clash = 1;
        }
        for (size_t k = i; k < j; k++) {
            const cand *top = v[i];
            if (clash) {
                /* name the other claimant */
                const cand *other = v[k] == v[i] ? v[i + 1] : v[i];
                for (size_t m = i; m < j; m++)
                    if (strcmp(blocks[v[m]->block].codes, blocks[v[k]->block].codes) != 0) {
                        other = v[m];
                        break;
                    }
                snprintf(v[k]->why, sizeof v[k]->why, "also a %s of %s",
                         k_kind[other->kind], block_label(other->block));
            } else if (k > i && strcmp(blocks[top->block].codes, blocks[v[k]->block].codes) != 0) {
                snprintf(v[k]->why, sizeof v[k]->why, "the %s of %s", k_kind[top->kind],
                         block_label(top->block));
            } else if (k > i) {
                snprintf(v[k]->why, sizeof v[k]->why, "=%s", block_label(top->block));
            }
        }
        i = j;
    }
    free(v);
}

/* ------------------------------------------------------------------ writing */

static int by_block(const void *a, const void *b)
{
    const block *x = &blocks[*(const int *)a], *y = &blocks[*(const int *)b];
    if (x->former != y->former)
        return x->former - y->former;
    return strcmp(x->a3, y->a3);
}

/* Writes one phrase line: the first of a block with its codes, the others as "+" synonyms;
 * st writes the ST_ form of a SAINT_ name. A comment says what kind of name it is. */
static void write_phrase(FILE *out, int first, const cand *c, const char *codes, int st)
{
    char line[KEYMAX + 8];
    size_t o = 0;
    if (!first)
        line[o++] = '+';
    for (const char *p = c->key; *p;) {
        if (st && strncmp(p, "SAINT", 5) == 0 && (p == c->key || p[-1] == '_') &&
            (p[5] == '_' || !p[5])) {
            memcpy(line + o, "ST", 2);
            o += 2;
            p += 5;
        } else {
            line[o++] = *p++;
        }
    }
    line[o++] = '_';
    line[o] = 0;
    if (first)
        fprintf(out, "%s %s", line, codes);
    else
        fputs(line, out);
    int pad = first ? 1 : (o < 38 ? 38 - (int)o : 1);
    if (c->kind == K_CAPITAL)
        fprintf(out, "%*s# capital", pad, "");
    else if (c->kind == K_CITY)
        fprintf(out, "%*s# city, %s", pad, "", c->note);
    else if (c->kind == K_FORMER)
        fprintf(out, "%*s# %s", pad, "", c->note);
    fputc('\n', out);
}

static int has_saint(const char *key)
{
    for (const char *p = key; (p = strstr(p, "SAINT")) != NULL; p += 5)
        if ((p == key || p[-1] == '_') && (p[5] == '_' || !p[5]))
            return 1;
    return 0;
}

static void write_all(FILE *out, long min_pop, const char *iso_v, const char *geo_v)
{
    int *order = xmalloc(nblocks * sizeof *order);
    for (size_t i = 0; i < nblocks; i++)
        order[i] = (int)i;
    qsort(order, nblocks, sizeof *order, by_block);

    size_t ncountries = 0, nformer = 0, nphr = 0, nnames = 0, ncap = 0, ncity = 0;
    size_t xstop = 0, xamb = 0, xclash = 0, xhand = 0, xcity = 0, xcap = 0;
    for (size_t i = 0; i < ncands; i++) {
        const cand *c = &cands[i];
        if (!c->why[0]) {
            int k = has_saint(c->key) ? 2 : 1;
            nphr += (size_t)k;
            if (c->kind == K_CITY)
                ncity++;
            else if (c->kind == K_CAPITAL)
                ncap++;
            else
                nnames += (size_t)k;
        } else if (c->why[0] != '=') {
            if (c->stop)
                xstop++;
            else if (strncmp(c->why, "also ", 5) == 0 && strncmp(c->why, "also a ", 7) != 0)
                xamb++;
            else if (strncmp(c->why, "countries.actors", 16) == 0)
                xhand++;
            else
                xclash++;
            if (c->kind == K_CITY)
                xcity++;
            if (c->kind == K_CAPITAL)
                xcap++;
        }
    }
    for (size_t i = 0; i < nblocks; i++)
        if (blocks[i].codes)
            blocks[i].former ? nformer++ : ncountries++;

    fprintf(out,
            "# countries.generated.actors -- countries and territories, their names, capitals and\n"
            "# main cities, as khaldun actors\n"
            "#\n"
            "# Generated by tools/gen-countries.c from iso-codes %s (iso_3166-1.json,\n"
            "# iso_3166-3.json) and libtimezonemap-data %s (GeoNames countryInfo.txt,\n"
            "# cities15000.txt, admin1Codes.txt); do not edit: run `make gen-countries`.\n"
            "# Names the data lacks, adjectives and demonyms, regions, seats of power and every\n"
            "# judgment call are in the hand-written countries.actors.\n"
            "#\n"
            "# Contains GeoNames data (https://www.geonames.org/), licensed under CC BY 4.0\n"
            "# (https://creativecommons.org/licenses/by/4.0/): country names, capitals and\n"
            "# cities, changed only as below. ISO 3166 names from Debian's iso-codes.\n"
            "#\n"
            "# Rules (docs/dictionaries.md, \"Countries\"): CAMEO codes (ISO 3166-1 alpha-3 but\n"
            "# for the exceptions of the CAMEO manual 1.1b3); ISO's short, official and common\n"
            "# names and GeoNames' name; former names of ISO 3166-3 under the successor, or as\n"
            "# a state of their own until it was dissolved; the capital; every city of\n"
            "# %ld people or more. Left out, with a comment in the block: names on the\n"
            "# stop list, names two countries claim, cities and capitals with a foreign\n"
            "# namesake of comparable size (a tenth of a city's population, half a capital's).\n"
            "#\n"
            "# %zu countries and territories, %zu former states; %zu phrases: %zu names,\n"
            "# %zu capitals, %zu cities. Left out: %zu names by the stop list, %zu by size of a\n"
            "# foreign namesake, %zu claimed by another country, %zu coded by countries.actors.\n",
            iso_v, geo_v, min_pop, ncountries, nformer, nphr, nnames, ncap, ncity, xstop, xamb,
            xclash, xhand);
    for (size_t oi = 0; oi < nblocks; oi++) {
        int b = order[oi];
        const block *bl = &blocks[b];
        fputc('\n', out);
        if (!bl->codes) {
            const char *why = "";
            for (size_t i = 0; i < sizeof k_skip / sizeof *k_skip; i++)
                if (strcmp(k_skip[i].iso, bl->a3) == 0)
                    why = k_skip[i].why;
            fprintf(out, "# %s %s: left out (%s)\n", bl->a3, bl->title, why);
            continue;
        }
        if (bl->former)
            fprintf(out, "# %s\n", bl->title);
        else
            fprintf(out, "# %s %s (ISO %s/%s)\n", bl->a3, bl->title, bl->a2, bl->a3);
        int first = 1;
        for (int kind = K_NAME; kind <= K_CITY; kind++)
            for (size_t i = 0; i < ncands; i++) {
                const cand *c = &cands[i];
                if (c->block != b || c->kind != kind || c->why[0])
                    continue;
                write_phrase(out, first, c, bl->codes, 0);
                first = 0;
                if (has_saint(c->key))
                    write_phrase(out, 0, c, bl->codes, 1);
            }
        if (first)
            fprintf(out, "# (no name left: see countries.actors)\n");
        for (size_t i = 0; i < ncands; i++) {
            const cand *c = &cands[i];
            if (c->block == b && c->why[0] && c->why[0] != '=')
            {
                if (c->pop)
                    fprintf(out, "# left out: %s_ (%s, %ld people): %s\n", c->key,
                            k_kind[c->kind], c->pop, c->why);
                else
                    fprintf(out, "# left out: %s_ (%s): %s\n", c->key, k_kind[c->kind], c->why);
            }
        }
    }
    fprintf(stderr,
            "gen-countries: %zu countries and territories, %zu former states; %zu phrases "
            "(%zu names, %zu capitals, %zu cities of %ld or more); left out: %zu by the stop "
            "list, %zu by a foreign namesake, %zu claimed by another country, %zu coded by "
            "countries.actors (%zu capitals and %zu cities among them)\n",
            ncountries, nformer, nphr, nnames, ncap, ncity, min_pop, xstop, xamb, xclash, xhand,
            xcap, xcity);
    free(order);
}

int main(int argc, char **argv)
{
    long min_pop = 1000000;
    const char *iso_v = "(version unknown)", *geo_v = "(version unknown)";
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (i + 1 >= argc)
            die("%s needs a value", argv[i]);
        if (strcmp(argv[i], "--min-population") == 0)
            min_pop = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--iso-codes-version") == 0)
            iso_v = argv[i + 1];
        else if (strcmp(argv[i], "--geonames-version") == 0)
            geo_v = argv[i + 1];
        else
            die("unknown option %s", argv[i]);
    }
    if (argc - i != 2)
        die("usage: gen-countries [--min-population N] [--iso-codes-version V] "
            "[--geonames-version V] ISO_JSON_DIR GEONAMES_DIR > countries.generated.actors");
    const char *isodir = argv[i], *geodir = argv[i + 1];

    read_iso_3166_1(isodir);
    char(*capital)[KEYMAX] = calloc(nblocks + 16, KEYMAX);
    if (!capital)
        die("out of memory");
    read_country_info(geodir, capital, nblocks + 16);
    read_iso_3166_3(isodir);
    read_cities(geodir);
    read_admin1(geodir);
    capitals_and_cities(min_pop, capital);
    apply_rules();
    write_all(stdout, min_pop, iso_v, geo_v);
    if (fflush(stdout) || ferror(stdout))
        die("cannot write the output");
    free(capital);
    return 0;
}
