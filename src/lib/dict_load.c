/*
 * dict_load.c - reads TABARI-format dictionaries (.actors, .agents, .verbs, and the
 * Phoenix variants: codes on indented lines, '#' comments, 8-digit dates) into a kh_dict.
 *
 * The formats and how khaldun reads them are in docs/dictionaries.md. A syntax error stops
 * loading with file:line:column and what was expected (issue #2, item 4).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <zlib.h>

#include <sys/mman.h>

#include "dict.h"
#include "util/buf.h"
#include "util/utf8.h"

typedef struct loader {
    kh_dict *d;
    kh_diag *diag;  /* the caller's: gets the first error */
    size_t nerr;    /* errors in this file */
    const char *path;
    uint16_t file;
    long line;
    const char *text; /* the current line */
} loader;

static kh_status fail(loader *L, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a syntax error at column (at - line start) of the current line (SQLite's way:
 * errors are collected and the work goes on). */
static kh_status fail(loader *L, const char *at, const char *fmt, ...)
{
    kh_diag g;
    memset(&g, 0, sizeof g);
    g.code = KH_SYNTAX;
    snprintf(g.file, sizeof g.file, "%s", L->path);
    g.line = L->line;
    uintptr_t a = (uintptr_t)at, t = (uintptr_t)L->text;
    /* a word copied out of the line has no column in it */
    g.column = at && a >= t && a - t <= strlen(L->text) ? (long)(a - t) + 1 : 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g.message, sizeof g.message, fmt, ap);
    va_end(ap);
    if (L->diag && !L->nerr)
        *L->diag = g;
    L->nerr++;
    L->d->nerrors++;
    if (L->d->diags.n < 200)
        KH_VEC_PUSH(L->d->diags, g);
    return KH_SYNTAX;
}

size_t kh_dict_nerrors(const kh_dict *d) { return d->nerrors; }
size_t kh_dict_ndiags(const kh_dict *d) { return d->diags.n; }

const kh_diag *kh_dict_diag(const kh_dict *d, size_t i)
{
    return i < d->diags.n ? &d->diags.v[i] : NULL;
}

uint32_t kh__dict_word(const kh_dict *d, const char *s, size_t n)
{
    const kh_hash_slot *sl = kh__hash_get(&d->words, s, n);
    return sl ? sl->value : UINT32_MAX;
}

uint32_t kh__dict_intern(kh_dict *d, const char *s, size_t n)
{
    int ins = 0;
    kh_hash_slot *sl = kh__hash_put(&d->words, s, n, (uint32_t)d->wordstr.n, &ins);
    if (ins) {
        KH_VEC_PUSH(d->wordstr, sl->key);
        KH_VEC_PUSH(d->wordstem, (uint8_t)0);
    }
    return sl->value;
}

kh_dict *kh_dict_new(void)
{
    kh_dict *d = kh__xcalloc(1, sizeof *d);
    kh__arena_init(&d->arena);
    kh__hash_init(&d->words);
    kh__hash_init(&d->synsets);
    kh__hash_init(&d->verbroots);
    kh__hash_init(&d->countries);
    return d;
}

void kh_dict_free(kh_dict *d)
{
    if (!d)
        return;
    free(d->first);
    free(d->altfirst);
    free(d->seqfirst);
    free(d->patq);
    free(d->altoff);
    free(d->altwoff);
    free(d->altwild);
    free(d->altpair);
    free(d->stembits);
    if (d->map) { /* mapped by kh_dict_map(): nothing of it was allocated but the struct and
                   * the derived index */
        munmap(d->map, d->maplen);
        kh__arena_free(&d->arena);
        free(d);
        return;
    }
    kh__arena_free(&d->arena);
    kh__hash_free(&d->words);
    kh__hash_free(&d->synsets);
    kh__hash_free(&d->verbroots);
    kh__hash_free(&d->countries);
    free(d->wordstr.v);
    free(d->wordstem.v);
    free(d->pwords.v);
    free(d->phrases.v);
    free(d->acodes.v);
    free(d->actors.v);
    free(d->agents.v);
    free(d->verbs.v);
    free(d->pats.v);
    free(d->pelems.v);
    free(d->seqs.v);
    free(d->reqwords.v);
    free(d->alts.v);
    free(d->files.v);
    free(d->diags.v);
    free(d->icats.v);
    free(d->issues.v);
    free(d->transforms.v);
    free(d->picos.v);
    free(d->pending.v);
    free(d->first_off);
    free(d->first_idx);
    free(d);
}

/* ------------------------------------------------------------------ words */

/* Interns one dictionary word s[0..n) (upper-cased, accents stripped); hyphens become word
 * breaks earlier, so s has none. */
static uint32_t intern_word(kh_dict *d, const char *s, size_t n, int mode)
{
    kh_buf b = KH_BUF_INIT;
    kh__norm_word(&b, s, n);
    uint32_t id = kh__dict_intern(d, b.ptr ? b.ptr : "", b.len);
    if (mode == KH_WM_STEM) {
        d->wordstem.v[id] = 1;
        if (b.len > d->max_stem_len)
            d->max_stem_len = b.len;
    }
    kh__buf_free(&b);
    return id;
}

static int is_wordch(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || c == '\'' || c == '.' || c == '&' || c == '!' ||
           c == '/' || c == ',' || c == '(' || c == ')' || c == '"' || c == ':' || c == '`';
}

/* Parses an actor or agent phrase ("KHALIFA_HAFTAR_", "AL GORE", "U.S._") into words.
 * Blanks, '_' and '-' all join words; the last word's ending says its mode. Returns the
 * number of words (0 = empty), or -1 with an error. */
static int parse_phrase(loader *L, const char *s, const char *e, kh_phrase *ph)
{
    kh_dict *d = L->d;
    ph->words = (uint32_t)d->pwords.n;
    ph->n = 0;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    const char *p = s;
    while (p < e) {
        /* TABARI: words joined by '_' follow each other; a blank lets other words stand
         * between them ("PRINCE DOL_AMROTH" matches "the Prince of Dol Amroth"). */
        int gap = 0, tight = 0;
        while (p < e && (*p == ' ' || *p == '\t' || *p == '_' || *p == '-')) {
            if (*p == ' ' || *p == '\t')
                gap = 1;
            else
                tight = 1;
            p++;
        }
        if (p >= e)
            break;
        const char *w = p;
        if (*p == '(' || *p == ')') {
            p++; /* a bracket is a word of its own, as in the text: "ARMY_(AAIA)" */
        } else {
            while (p < e && *p != ' ' && *p != '\t' && *p != '_' && *p != '-' && *p != '(' &&
                   *p != ')')
                p++;
        }
        size_t n = (size_t)(p - w);
        int mode = KH_WM_STEM;
        if (w[n - 1] == '=') {
            mode = KH_WM_EXACT;
            n--;
        } else if (p < e) {
            /* A word followed by a connector: exact plus regular endings. */
            mode = KH_WM_ENDINGS;
        }
        for (size_t i = 0; i < n; i++)
            if (!is_wordch((unsigned char)w[i]))
                return fail(L, w + i, "unexpected character '%c' in phrase", w[i]), -1;
        if (n == 0)
            continue;
        /* Words as the tokenizer gives them: "ST." is the abbreviation ST, and a possessive
         * is a token of its own ("PEOPLE'S" -> PEOPLE 'S, "WORKERS'" -> WORKERS '). */
        if (n > 1 && w[n - 1] == '.' && !memchr(w, '.', n - 1))
            n--;
        size_t poss = 0;
        if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 'S' || w[n - 1] == 's'))
            poss = 2;
        else if (n > 1 && w[n - 1] == '\'')
            poss = 1;
        if (poss) {
            kh_pword base = {intern_word(d, w, n - poss, KH_WM_EXACT), KH_WM_EXACT,
                             (uint8_t)(ph->n && gap && !tight)};
            KH_VEC_PUSH(d->pwords, base);
            ph->n++;
            kh_pword pp = {intern_word(d, w + n - poss, poss, KH_WM_EXACT), KH_WM_EXACT, 0};
            KH_VEC_PUSH(d->pwords, pp);
            ph->n++;
            continue;
        }
        kh_pword pw = {intern_word(d, w, n, mode), (uint8_t)mode, (uint8_t)(ph->n && gap && !tight)};
        KH_VEC_PUSH(d->pwords, pw);
        ph->n++;
    }
    return ph->n;
}

/* ------------------------------------------------------------------ dates */

/* "YYMMDD" (years 40-99 = 19xx) or "YYYYMMDD" -> yyyymmdd; 0 on error. */
static int32_t parse_date(const char *s, size_t n)
{
    if (n != 6 && n != 8)
        return 0; /* (before reading it: a long run of digits overflowed, fuzz_dict_actors) */
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    long v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    if (n == 6) {
        long yy = v / 10000;
        v += (yy >= 40 ? 19000000L : 20000000L);
    } else if (n != 8) {
        return 0;
    }
    long mm = (v / 100) % 100, dd = v % 100;
    if (mm < 1 || mm > 12 || dd < 1 || dd > 31)
        return 0;
    return (int32_t)v;
}

/* Parses the inside of an actor code block "LBYGOV 151217-210315" into c. */
static kh_status parse_actor_code(loader *L, const char *s, const char *e, kh_actor_code *c)
{
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    const char *cs = s;
    while (s < e && !isspace((unsigned char)*s))
        s++;
    if (s == cs)
        return fail(L, cs, "expected a code inside [ ]");
    size_t cn = (size_t)(s - cs);
    c->from = c->to = 0;
    if (cn == 3 && memcmp(cs, "---", 3) == 0)
        c->code = NULL;
    else if (cn == 3 && (memcmp(cs, "###", 3) == 0 || memcmp(cs, "+++", 3) == 0))
        c->code = memcmp(cs, "###", 3) == 0 ? "###" : "+++"; /* discard, complex (TABARI 6.3-6.4) */
    else {
        /* Letters and digits; "/" joins the codes of an actor that stands for several
         * ("THE_SHIRE [FRO/BIL/SAM]"). */
        for (size_t i = 0; i < cn; i++)
            if (!isalnum((unsigned char)cs[i]) && cs[i] != '~' && cs[i] != '/')
                return fail(L, cs + i, "expected letters and digits in a code");
        c->code = kh__arena_strndup(&L->d->arena, cs, cn);
    }
    while (s < e && isspace((unsigned char)*s))
        s++;
    if (s == e)
        return KH_OK;
    /* A date restriction: <D, >D, D-D, D-, -D. */
    const char *ds = s;
    if (*s == '<' || *s == '>') {
        char op = *s++;
        while (s < e && isspace((unsigned char)*s))
            s++;
        int32_t v = parse_date(s, (size_t)(e - s));
        if (!v)
            return fail(L, s, "expected a date YYMMDD or YYYYMMDD after '%c'", op);
        if (op == '<')
            c->to = v - 1 > 0 ? v - 1 : v; /* strictly before */
        else
            c->from = v;
        return KH_OK;
    }
    const char *dash = memchr(s, '-', (size_t)(e - s));
    if (!dash)
        return fail(L, ds, "expected a date range YYMMDD-YYMMDD, <YYMMDD or >YYMMDD");
    /* "950601 - 990815": TABARI allows blanks around the dash. */
    const char *d1e = dash, *d2s = dash + 1;
    while (d1e > s && isspace((unsigned char)d1e[-1]))
        d1e--;
    while (d2s < e && isspace((unsigned char)*d2s))
        d2s++;
    if (d1e > s) {
        c->from = parse_date(s, (size_t)(d1e - s));
        if (!c->from)
            return fail(L, s, "expected a date YYMMDD or YYYYMMDD");
    }
    if (d2s < e) {
        c->to = parse_date(d2s, (size_t)(e - d2s));
        if (!c->to)
            return fail(L, d2s, "expected a date YYMMDD or YYYYMMDD");
    }
    return KH_OK;
}

const char *kh__actor_code(const kh_dict *d, const kh_actor_entry *a, int32_t date)
{
    const kh_actor_code *fallback = NULL;
    for (uint16_t i = 0; i < a->ncodes; i++) {
        const kh_actor_code *c = &d->acodes.v[a->codes + i];
        if (!c->from && !c->to) {
            if (!fallback)
                fallback = c;
            continue;
        }
        if (date && (!c->from || date >= c->from) && (!c->to || date <= c->to))
            return c->code;
    }
    if (fallback)
        return fallback->code;
    /* Only restricted codes and no date (or none fits): the last one listed, as TABARI. */
    return a->ncodes ? d->acodes.v[a->codes + a->ncodes - 1].code : NULL;
}

/* ------------------------------------------------------------------ lines */

typedef struct linereader {
    gzFile gz;
    kh_buf line;
    int eof;
} linereader;

/* Reads the next line into lr->line without its newline (and CR); 0 at the end. */
static int next_line(linereader *lr)
{
    kh__buf_clear(&lr->line);
    if (lr->eof)
        return 0;
    char chunk[4096];
    int got = 0;
    for (;;) {
        if (!gzgets(lr->gz, chunk, sizeof chunk)) {
            lr->eof = 1;
            break;
        }
        got = 1;
        size_t n = strlen(chunk);
        int nl = n && chunk[n - 1] == '\n';
        kh__buf_put(&lr->line, chunk, n - (size_t)nl);
        if (nl)
            break;
    }
    if (!got)
        return 0;
    while (lr->line.len && (lr->line.ptr[lr->line.len - 1] == '\r'))
        lr->line.ptr[--lr->line.len] = 0;
    kh__buf_cstr(&lr->line);
    return 1;
}

/* Finds the end of the phrase part of a line: the first '[', or a ';'/'#' comment. */
static const char *phrase_end(const char *s)
{
    const char *p = s;
    while (*p && *p != '[' && *p != ';' && *p != '#')
        p++;
    return p;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Parses the "[CODE ...] [CODE ...]" blocks from p into the actor codes vector; stops at a
 * comment or the end. *count gets how many. */
static kh_status parse_code_blocks(loader *L, const char *p, size_t *count)
{
    *count = 0;
    size_t start = L->d->acodes.n;
    kh_status st = KH_OK;
    for (;;) {
        p = skip_ws(p);
        if (!*p || *p == ';' || *p == '#')
            return KH_OK;
        const char *e = *p == '[' ? strchr(p, ']') : NULL;
        kh_actor_code c;
        if (*p != '[')
            st = fail(L, p, "expected '[' to start a code, or a ';' comment");
        else if (!e)
            st = fail(L, p, "expected ']' to close the code");
        else
            st = parse_actor_code(L, p + 1, e, &c);
        if (st) {
            L->d->acodes.n = start; /* none of the line's codes count */
            *count = 0;
            return st;
        }
        KH_VEC_PUSH(L->d->acodes, c);
        if (c.code && strlen(c.code) == 3)
            kh__hash_put(&L->d->countries, c.code, 3, 0, NULL);
        (*count)++;
        p = e + 1;
    }
}

static uint16_t add_file(kh_dict *d, const char *path)
{
    KH_VEC_PUSH(d->files, kh__arena_strdup(&d->arena, path));
    return (uint16_t)(d->files.n - 1);
}

/* PETRARCH writes contractions as the Penn Treebank splits them, "DID N'T", "WO N'T"; khaldun's
 * tokens keep them whole ("didn't"), so the blank or '_' before N'T is dropped, in place. */
static void glue_nt(char *s)
{
    for (char *p = s; (p = strchr(p, '\'')) != NULL; p++) {
        if (p - s < 3 || (p[-1] != 'N' && p[-1] != 'n') || (p[1] != 'T' && p[1] != 't'))
            continue;
        char *sep = p - 2;
        if ((*sep != ' ' && *sep != '_') || !isalpha((unsigned char)sep[-1]))
            continue;
        memmove(sep, sep + 1, strlen(sep + 1) + 1);
        p--;
    }
}

/* The next line that holds an entry (blank and comment lines skipped), with leading blanks
 * skipped; NULL at the end or at TABARI's ~FINISH mark. */
static const char *next_entry(loader *L, linereader *lr)
{
    while (next_line(lr)) {
        L->line++;
        const char *ln = lr->line.ptr;
        L->text = ln;
        const char *p = skip_ws(ln);
        if (!*p || *p == '#' || (*p == '/' && p == ln))
            continue;
        glue_nt(lr->line.ptr);
        /* TABARI's end mark, written ~FINISH or ~~FINISH. */
        return (strncmp(p, "~FINISH", 7) == 0 || strncmp(p, "~~FINISH", 8) == 0) ? NULL : p;
    }
    return NULL;
}

/* ------------------------------------------------------------------ actors */

/* Adds a phrase of any kind (actor, agent, verb form, null) pointing at entry. */
static kh_status add_phrase(loader *L, const char *s, const char *e, uint32_t entry, int kind)
{
    kh_phrase ph = {0};
    int n = parse_phrase(L, s, e, &ph);
    if (n < 0) {
        L->d->pwords.n = ph.words; /* drop the words of a bad phrase */
        return KH_SYNTAX;
    }
    if (n == 0)
        return fail(L, s, "expected a phrase");
    ph.kind = (uint8_t)kind;
    ph.entry = entry;
    ph.file = L->file;
    ph.line = (uint32_t)L->line;
    KH_VEC_PUSH(L->d->phrases, ph);
    return KH_OK;
}

typedef struct actor_state {
    size_t entry; /* current actor entry, SIZE_MAX = none */
    long line;
    int skip;     /* the primary line was bad: its synonyms and code lines go with it */
} actor_state;

/* Ends the current entry; one whose codes were all to come on following lines must have
 * got at least one. */
static kh_status close_actor(loader *L, actor_state *st)
{
    size_t e = st->entry;
    st->entry = SIZE_MAX;
    st->skip = 0;
    if (e == SIZE_MAX || L->d->actors.v[e].ncodes)
        return KH_OK;
    long keep = L->line;
    L->line = st->line;
    kh_status s = fail(L, NULL, "expected a code [CODE] for this phrase (on its line or on the "
                                "indented lines after it)");
    L->line = keep;
    return s;
}

/* Adds the codes of line p to the current entry. */
static void more_codes(loader *L, actor_state *st, const char *p)
{
    size_t n;
    if (parse_code_blocks(L, p, &n) == KH_OK)
        L->d->actors.v[st->entry].ncodes = (uint16_t)(L->d->actors.v[st->entry].ncodes + n);
}

static kh_status load_actors(loader *L, linereader *lr)
{
    kh_dict *d = L->d;
    actor_state st = {SIZE_MAX, 0, 0};
    int section_null = 0; /* inside <NOUN> or <ADJECTIVE>: words that are not actors */
    const char *p;
    /* A bad line is reported by fail() and skipped; loading goes on. */
    while ((p = next_entry(L, lr))) {
        if (*p == '<') {
            section_null = (strncmp(p, "<NOUN>", 6) == 0 || strncmp(p, "<ADJECTIVE>", 11) == 0);
            continue;
        }
        if (section_null) {
            add_phrase(L, p, phrase_end(p), 0, KH_PH_NULL);
            continue;
        }
        if ((*p == '[' && p != L->text) || *p == '+') {
            if (st.skip)
                continue;
            if (st.entry == SIZE_MAX) {
                fail(L, p, *p == '+' ? "a synonym (+) with no primary phrase above it"
                                     : "a code line with no phrase above it");
                continue;
            }
            if (*p == '[') {
                /* Phoenix: a code on an indented line belongs to the entry above. */
                more_codes(L, &st, p);
                continue;
            }
            const char *e = phrase_end(p + 1);
            if (add_phrase(L, p + 1, e, (uint32_t)st.entry, KH_PH_ACTOR) == KH_OK && *e == '[')
                more_codes(L, &st, e); /* a synonym with codes of its own adds them (PETRARCH) */
            continue;
        }
        const char *e = phrase_end(p);
        /* PETRARCH: primary lines with no codes, one after another, share the codes that
         * follow them ("IVO_JOSIPOVIC_", "JOSIPOVIC_", then "[HRVGOV >20120219]"). */
        if (*p != '[' && *e != '[' && !st.skip && st.entry != SIZE_MAX &&
            d->actors.v[st.entry].ncodes == 0) {
            add_phrase(L, p, e, (uint32_t)st.entry, KH_PH_ACTOR);
            continue;
        }
        close_actor(L, &st);
        if (*p == '[') {
            fail(L, p, "expected a phrase before the code");
            st.skip = 1;
            continue;
        }
        kh_actor_entry a = {(uint32_t)d->acodes.n, 0, L->file, (uint32_t)L->line};
        size_t n;
        if (parse_code_blocks(L, e, &n)) {
            st.skip = 1;
            continue;
        }
        a.ncodes = (uint16_t)n;
        KH_VEC_PUSH(d->actors, a);
        st.entry = d->actors.n - 1;
        st.line = L->line;
        if (add_phrase(L, p, e, (uint32_t)st.entry, KH_PH_ACTOR)) {
            d->actors.n--; /* the entry goes with its bad phrase */
            d->acodes.n = a.codes;
            st.entry = SIZE_MAX;
            st.skip = 1;
        }
    }
    return close_actor(L, &st);
}

/* ------------------------------------------------------------------ agents */

/* Expands "!NAME!" substitution sets (Phoenix agents) and adds each phrase. */
typedef struct subst {
    char name[64];
    char *alts; /* comma-separated */
} subst;

/* Phrases one agent line may expand to: sets inside sets ("!A! !A! !A!" of 40 words each)
 * would otherwise make millions (#8, found by fuzz/fuzz_dict_agents.c). */
#define MAX_EXPANSION 10000

static kh_status add_agent_phrases(loader *L, const char *s, const char *e, uint32_t entry,
                                   subst *subs, size_t nsubs, int depth, long *budget)
{
    const char *b1 = memchr(s, '!', (size_t)(e - s));
    const char *b2 = b1 ? memchr(b1 + 1, '!', (size_t)(e - b1 - 1)) : NULL;
    if (!b1 || !b2 || depth > 4) {
        if (--*budget < 0)
            return *budget == -1 ? fail(L, s, "substitution sets make more than %d phrases: "
                                              "the rest of the line is skipped", MAX_EXPANSION)
                                 : KH_SYNTAX;
        return add_phrase(L, s, e, entry, KH_PH_AGENT);
    }
    size_t nn = (size_t)(b2 - b1 + 1);
    for (size_t i = 0; i < nsubs; i++) {
        if (strlen(subs[i].name) != nn || memcmp(subs[i].name, b1, nn) != 0)
            continue;
        const char *a = subs[i].alts;
        while (*a) {
            const char *c = strchr(a, ',');
            size_t an = c ? (size_t)(c - a) : strlen(a);
            kh_buf t = KH_BUF_INIT;
            kh__buf_put(&t, s, (size_t)(b1 - s));
            kh__buf_put(&t, a, an);
            kh__buf_put(&t, b2 + 1, (size_t)(e - b2 - 1));
            kh_status st = an ? add_agent_phrases(L, t.ptr, t.ptr + t.len, entry, subs, nsubs,
                                                  depth + 1, budget)
                              : KH_OK; /* an empty alternative ("A,,B") adds nothing */
            kh__buf_free(&t);
            if (st)
                return st;
            a += an;
            if (*a == ',')
                a++;
        }
        return KH_OK;
    }
    return fail(L, b1, "unknown substitution set %.*s", (int)nn, b1);
}

/* Reads one agent line (a primary with its code, or a "+" synonym). */
static kh_status agent_line(loader *L, const char *p, subst *subs, size_t nsubs, size_t *cur)
{
    kh_dict *d = L->d;
    int syn = *p == '+';
    if (syn)
        p++;
    const char *e = phrase_end(p);
    /* "{PLURAL}" forms after the phrase (Phoenix): extra phrases of the same agent. */
    const char *brace = memchr(p, '{', (size_t)(e - p));
    const char *pe = brace ? brace : e;
    if (!syn) {
        const char *q = skip_ws(e);
        if (*q != '[')
            return fail(L, q, "expected an agent code such as [~MIL] or [NGO~]");
        const char *r = strchr(q, ']');
        if (!r)
            return fail(L, q, "expected ']' to close the agent code");
        const char *cs = skip_ws(q + 1);
        const char *ce = r;
        while (ce > cs && isspace((unsigned char)ce[-1]))
            ce--;
        const char *tilde = memchr(cs, '~', (size_t)(ce - cs));
        if (!tilde)
            return fail(L, cs, "expected '~' in an agent code ([~MIL] or [NGO~])");
        kh_agent_entry a = {0};
        a.prefix = tilde > cs;
        const char *rs = a.prefix ? cs : tilde + 1;
        const char *re = a.prefix ? tilde : ce;
        for (const char *c = rs; c < re; c++)
            if (!isalnum((unsigned char)*c))
                return fail(L, c, "expected letters and digits in an agent code");
        a.role = kh__arena_strndup(&d->arena, rs, (size_t)(re - rs));
        a.file = L->file;
        a.line = (uint32_t)L->line;
        KH_VEC_PUSH(d->agents, a);
        *cur = d->agents.n - 1;
    } else if (*cur == SIZE_MAX) {
        return fail(L, p - 1, "a synonym (+) with no agent above it");
    }
    long budget = MAX_EXPANSION;
    kh_status st = add_agent_phrases(L, p, pe, (uint32_t)*cur, subs, nsubs, 0, &budget);
    if (st || !brace)
        return st;
    d->agents.v[*cur].forms = 1;
    const char *bend = memchr(brace, '}', (size_t)(e - brace));
    if (!bend)
        return fail(L, brace, "expected '}' to close the plural forms");
    const char *q = brace + 1;
    while (q < bend) {
        while (q < bend && (*q == ' ' || *q == ','))
            q++;
        const char *w = q;
        while (q < bend && *q != ' ' && *q != ',')
            q++;
        if (q > w && (st = add_agent_phrases(L, w, q, (uint32_t)*cur, subs, nsubs, 0, &budget)))
            return st;
    }
    return KH_OK;
}

static kh_status load_agents(loader *L, linereader *lr)
{
    kh_dict *d = L->d;
    subst subs[32];
    size_t nsubs = 0;
    size_t cur = SIZE_MAX;
    const char *p;
    while ((p = next_entry(L, lr))) {
        if (*p == '<')
            continue;
        if (*p == '!' && strchr(p, '=') && !strchr(p, '[')) {
            /* !NAME! = A, B, C */
            const char *b2 = strchr(p + 1, '!');
            const char *eq = b2 ? strchr(b2, '=') : NULL;
            if (!b2 || !eq) {
                fail(L, p, "expected '!NAME! = word, word'");
                continue;
            }
            if (nsubs == 32 || (size_t)(b2 - p + 1) >= sizeof subs[0].name) {
                fail(L, p, "too many or too long substitution sets");
                continue;
            }
            subst *sb = &subs[nsubs++];
            memcpy(sb->name, p, (size_t)(b2 - p + 1));
            sb->name[b2 - p + 1] = 0;
            kh_buf t = KH_BUF_INIT;
            for (const char *q = eq + 1; *q; q++)
                if (*q != ' ' && *q != '\t')
                    kh__buf_putc(&t, *q);
            sb->alts = kh__arena_strdup(&d->arena, kh__buf_cstr(&t));
            kh__buf_free(&t);
            continue;
        }
        agent_line(L, p, subs, nsubs, &cur); /* a bad line is reported and skipped */
    }
    return KH_OK;
}

/* ------------------------------------------------------------------ verbs */

/* Letters in the fixed words of a sequence, the longest alternative counting (TABARI 5.7.1).
 * A synset that names itself, or nesting built to blow up, is cut off: path holds the sets
 * being measured (a cycle counts 0), depth is at most 8 and *budget elements are looked at
 * in all (#8, found by fuzz/fuzz_dict_verbs.c). */
static unsigned seq_len_in(const kh_dict *d, const kh_seq *s, uint32_t *path, int depth,
                           long *budget)
{
    unsigned len = 0;
    for (uint16_t i = 0; i < s->n && --*budget > 0; i++) {
        const kh_pelem *e = &d->pelems.v[s->elems + i];
        if (e->type == KH_PE_WORD) {
            len += (unsigned)strlen(d->wordstr.v[e->arg]);
        } else if (e->type == KH_PE_ALT && depth < 8) {
            int cycle = 0;
            for (int k = 0; k < depth; k++)
                cycle |= path[k] == e->arg;
            if (cycle)
                continue;
            path[depth] = e->arg;
            const kh_altset *a = &d->alts.v[e->arg];
            unsigned best = 0;
            for (uint16_t j = 0; j < a->n && *budget > 0; j++) {
                unsigned l = seq_len_in(d, &d->seqs.v[a->seqs + j], path, depth + 1, budget);
                if (l > best)
                    best = l;
            }
            len += best;
        }
    }
    return len;
}

static uint16_t seq_length(const kh_dict *d, const kh_seq *s)
{
    uint32_t path[8];
    long budget = 100000;
    unsigned len = seq_len_in(d, s, path, 0, &budget);
    return (uint16_t)(len > 65535 ? 65535 : len);
}

typedef struct ptok {
    const char *s; /* points into the line */
    size_t n;
} ptok;

/* Splits a pattern body into marker and word tokens, keeping '_' connectors as tokens of
 * their own: "*_AND_KILLED" -> "*" "_" "AND" "_" "KILLED"; "TO_" -> "TO" "_" then blank. */
static size_t lex_pattern(const char *s, const char *e, ptok *out, size_t max)
{
    size_t n = 0;
    const char *p = s;
    while (p < e && n + 2 < max) {
        if (*p == ' ' || *p == '\t' || *p == '(' || *p == ')') {
            /* PETRARCH writes parse brackets, "(TO BORDER)": khaldun reads them as blanks */
            out[n++] = (ptok){" ", 1};
            while (p < e && (*p == ' ' || *p == '\t' || *p == '(' || *p == ')'))
                p++;
            continue;
        }
        if (*p == '_' || *p == '-') {
            out[n++] = (ptok){"_", 1};
            p++;
            continue;
        }
        if (strchr("*$+%^{}|~", *p)) {
            out[n++] = (ptok){p, 1};
            p++;
            continue;
        }
        if (*p == ']') {
            /* "{ WILL | WOULD ]": the CAMEO master verbs close some alternatives with ']';
             * TABARI reads them, so khaldun takes it as '}'. */
            out[n++] = (ptok){"}", 1};
            p++;
            continue;
        }
        const char *w = p;
        while (p < e && !strchr(" \t_-*$+%^{}|~]()", *p))
            p++;
        out[n++] = (ptok){w, (size_t)(p - w)};
    }
    return n;
}

typedef struct pctx {
    loader *L;
    ptok *t;
    size_t n, i;
    int nverb;
    int in_synset; /* synset members: no $ + % ^ * */
} pctx;

static kh_status parse_seq(pctx *c, kh_seq *out, int depth);

/* Pushes an element; returns its index. */
static size_t push_elem(kh_dict *d, kh_pelem e)
{
    KH_VEC_PUSH(d->pelems, e);
    return d->pelems.n - 1;
}

/* Parses elements until '|', '}' or the end, into a fresh run of pelems. Elements of nested
 * alternatives are built first into their own runs, so each sequence is contiguous. */
static kh_status parse_seq(pctx *c, kh_seq *out, int depth)
{
    loader *L = c->L;
    kh_dict *d = L->d;
    /* Collect this level's elements in a local list, then copy them contiguously. */
    kh_pelem local[128];
    size_t nl = 0;
    int pending_adj = 0;   /* a '_' was seen: the next element is adjacent */
    int last_was_word = 0; /* to decide the mode of a word: followed by '_' or not */
    if (depth > 8)
        return fail(L, c->t[c->i].s, "alternatives nested too deeply");
    while (c->i < c->n) {
        ptok tk = c->t[c->i];
        char ch = tk.n == 1 ? tk.s[0] : 0;
        if (ch == '|' || ch == '}')
            break;
        c->i++;
        if (ch == ' ') {
            pending_adj = 0;
            last_was_word = 0;
            continue;
        }
        if (ch == '_') {
            if (last_was_word && nl && local[nl - 1].type == KH_PE_WORD &&
                local[nl - 1].mode == KH_WM_STEM)
                local[nl - 1].mode = KH_WM_ENDINGS;
            pending_adj = 1;
            last_was_word = 0;
            continue;
        }
        if (ch == '~') {
            /* TABARI 5.5.3 "XXXX~ YYYY": XXXX keeps its wild-card ending and the next
             * element must follow it at once. */
            pending_adj = 1;
            last_was_word = 0;
            continue;
        }
        if (nl == 128)
            return fail(L, tk.s, "pattern too long");
        kh_pelem e = {0};
        e.adj = (uint8_t)pending_adj;
        pending_adj = 0;
        last_was_word = 0;
        if (ch == '*' || ch == '$' || ch == '+' || ch == '%' || ch == '^') {
            /* Synsets may hold $ and + (TABARI 5.6), never the verb itself. */
            if (c->in_synset && ch != '$' && ch != '+')
                return fail(L, tk.s, "'%c' cannot stand in a synset", ch);
            e.type = ch == '*' ? KH_PE_VERB : ch == '$' ? KH_PE_SOURCE : ch == '+' ? KH_PE_TARGET
                     : ch == '%' ? KH_PE_COMPOUND : KH_PE_SKIP;
            if (ch == '*')
                c->nverb++;
        } else if (ch == '{') {
            kh_altset as = {0};
            kh_seq tmp[64];
            size_t nt = 0;
            for (;;) {
                if (nt == 64)
                    return fail(L, tk.s, "too many alternatives");
                kh_status st = parse_seq(c, &tmp[nt++], depth + 1);
                if (st)
                    return st;
                if (c->i >= c->n)
                    return fail(L, tk.s, "expected '}' to close the alternatives");
                char sep = c->t[c->i].s[0];
                c->i++;
                if (sep == '}')
                    break;
            }
            as.seqs = (uint32_t)d->seqs.n;
            as.n = (uint16_t)nt;
            for (size_t k = 0; k < nt; k++)
                KH_VEC_PUSH(d->seqs, tmp[k]);
            KH_VEC_PUSH(d->alts, as);
            e.type = KH_PE_ALT;
            e.arg = (uint32_t)(d->alts.n - 1);
        } else if (tk.s[0] == '&') {
            const kh_hash_slot *sl = kh__hash_get(&d->synsets, tk.s, tk.n);
            if (!sl)
                return fail(L, tk.s, "unknown synset %.*s (synsets must be declared before use)",
                            (int)tk.n, tk.s);
            e.type = KH_PE_ALT;
            e.arg = sl->value;
        } else {
            size_t wn = tk.n;
            e.type = KH_PE_WORD;
            e.mode = KH_WM_STEM;
            if (tk.s[wn - 1] == '=') {
                e.mode = KH_WM_EXACT;
                wn--;
            }
            for (size_t k = 0; k < wn; k++)
                if (!is_wordch((unsigned char)tk.s[k]))
                    return fail(L, tk.s + k, "unexpected character '%c' in pattern", tk.s[k]);
            if (wn == 0)
                return fail(L, tk.s, "expected a word");
            e.arg = intern_word(d, tk.s, wn, KH_WM_ENDINGS);
            last_was_word = 1;
        }
        local[nl++] = e;
    }
    /* Word modes are final now: register stems. */
    out->elems = (uint32_t)d->pelems.n;
    out->n = (uint16_t)nl;
    for (size_t k = 0; k < nl; k++) {
        if (local[k].type == KH_PE_WORD && local[k].mode == KH_WM_STEM) {
            const char *w = d->wordstr.v[local[k].arg];
            d->wordstem.v[local[k].arg] = 1;
            if (strlen(w) > d->max_stem_len)
                d->max_stem_len = strlen(w);
        }
        push_elem(d, local[k]);
    }
    return KH_OK;
}

/* Parses "[code]" at p (a verb or pattern code): "120", "---", "010?", "111!", "013:012". */
/* Parses an event code block; *pair gets the second code of a paired code [a:b] (TABARI
 * 6.5: b is coded from the target back to the source), or NULL. */
static kh_status parse_verb_code(loader *L, const char *p, const char **code, uint8_t *flags,
                                 const char **pair)
{
    *pair = NULL;
    p = skip_ws(p);
    if (*p != '[')
        return fail(L, p, "expected '[' and an event code");
    const char *e = strchr(p, ']');
    if (!e)
        return fail(L, p, "expected ']' to close the event code");
    const char *s = skip_ws(p + 1);
    const char *ce = e;
    while (ce > s && isspace((unsigned char)ce[-1]))
        ce--;
    *flags = 0;
    *code = NULL;
    if (ce > s && (ce[-1] == '?' || ce[-1] == '!')) {
        *flags |= ce[-1] == '?' ? KH_CODE_SUBORD : KH_CODE_DOMINANT;
        ce--;
    }
    const char *colon = memchr(s, ':', (size_t)(ce - s));
    const char *end1 = colon ? colon : ce; /* paired codes [a:b]: the first is the event */
    size_t n = (size_t)(end1 - s);
    /* "- - -" with blanks is the null code in older files. */
    int dashes = 0, other = 0;
    for (const char *q = s; q < end1; q++) {
        if (*q == '-')
            dashes++;
        else if (*q != ' ')
            other = 1;
    }
    if (dashes == 3 && !other)
        return KH_OK;
    if (n == 3 && memcmp(s, "###", 3) == 0) {
        *flags |= KH_CODE_DISCARD;
        return KH_OK;
    }
    if (n == 3 && memcmp(s, "+++", 3) == 0) {
        *flags |= KH_CODE_COMPLEX;
        return KH_OK;
    }
    if (n == 0 && !colon)
        return fail(L, s, "expected an event code inside [ ]");
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]))
            return fail(L, s + i, "expected digits in an event code");
    /* "[:173]" (PETRARCH): no event of its own, only the paired code */
    *code = n ? kh__arena_strndup(&L->d->arena, s, n) : NULL;
    if (colon) {
        const char *ps = skip_ws(colon + 1), *pe = ce;
        while (pe > ps && isspace((unsigned char)pe[-1]))
            pe--;
        for (const char *q = ps; q < pe; q++)
            if (!isalnum((unsigned char)*q))
                return fail(L, q, "expected digits in the paired code");
        if (pe > ps)
            *pair = kh__arena_strndup(&L->d->arena, ps, (size_t)(pe - ps));
    }
    return KH_OK;
}

/* A PETRARCH transformation: "~ a (X Y VERB) OUTER = a b CODE", X one of a b _, Y one of
 * b . _, VERB a verb name or Q (any), CODE a code or Q (the inner event's). */
static kh_status transform_line(loader *L, const char *p)
{
    char buf[512], *t[16];
    int n = 0;
    snprintf(buf, sizeof buf, "%s", p + 1);
    buf[strcspn(buf, "#;")] = 0;
    for (char *q = buf; *q; q++)
        if (*q == '(' || *q == ')')
            *q = ' ';
    for (char *tok = strtok(buf, " \t"); tok && n < 16; tok = strtok(NULL, " \t"))
        t[n++] = tok;
    if (n != 9 || strcmp(t[0], "a") || !strchr("ab_", t[1][0]) || t[1][1] ||
        !strchr("b._", t[2][0]) || t[2][1] || strcmp(t[5], "=") || strcmp(t[6], "a") ||
        strcmp(t[7], "b"))
        return fail(L, p, "khaldun reads transformations of the form "
                          "\"~ a (a|b|_ b|.|_ VERB) VERB = a b CODE\"");
    kh_transform tr = {0};
    tr.src = t[1][0] == 'a' ? KH_TR_A : t[1][0] == 'b' ? KH_TR_B : KH_TR_NONE;
    tr.tgt = t[2][0] == 'b' ? KH_TR_B : KH_TR_NONE;
    tr.inner = strcmp(t[3], "Q") ? kh__arena_strdup(&L->d->arena, t[3]) : NULL;
    tr.outer = kh__arena_strdup(&L->d->arena, t[4]);
    for (const char *c = t[8]; strcmp(t[8], "Q") && *c; c++)
        if (!isalnum((unsigned char)*c))
            return fail(L, p, "expected a code or Q after \"a b\"");
    tr.code = strcmp(t[8], "Q") ? kh__arena_strdup(&L->d->arena, t[8]) : NULL;
    tr.file = L->file;
    tr.line = (uint32_t)L->line;
    KH_VEC_PUSH(L->d->transforms, tr);
    return KH_OK;
}

static kh_status load_verbs(loader *L, linereader *lr)
{
    kh_dict *d = L->d;
    size_t verb = SIZE_MAX;
    int in_petr = 0;          /* inside PETRARCH "--- NAME [code] ---" blocks */
    size_t petr_block = SIZE_MAX;
    KH_VEC(uint32_t) petr_extra = {0}; /* verbs of the block with codes of their own */
    const char *petr_code, *petr_pair;
    uint8_t petr_flags;
    int section = 0; /* 1 synsets, 2 time, 3 other */
    uint32_t cur_synset = UINT32_MAX;
    ptok toks[512];
    const char *p;
    while ((p = next_entry(L, lr))) {
        if (*p == '<') {
            if (strncmp(p, "<!--", 4) == 0)
                continue; /* PETRARCH's XML-style comment lines */
            cur_synset = UINT32_MAX;
            if (strncmp(p, "</", 2) == 0)
                section = 0;
            else if (strncmp(p, "<SYNSET", 7) == 0)
                section = 1;
            else if (strncmp(p, "<TIME", 5) == 0)
                section = 2;
            else
                section = 3; /* others: not read */
            continue;
        }
        /* PETRARCH: "--- NAME [code] ---" opens a block of verbs that share its patterns;
         * "&NAME" and "+member" lines outside <SYNSETS> are synsets. */
        if (!strncmp(p, "---", 3) && p[3] != '-' && strchr(p, '[')) {
            const char *br = strchr(p, '[');
            kh_status st = parse_verb_code(L, br, &petr_code, &petr_flags, &petr_pair);
            if (st)
                continue;
            const char *n0 = skip_ws(p + 3), *n1 = br;
            while (n1 > n0 && isspace((unsigned char)n1[-1]))
                n1--;
            kh_verb_entry v = {0};
            v.name = kh__arena_strndup(&d->arena, n0, (size_t)(n1 - n0));
            v.code = petr_code;
            v.pair = petr_pair;
            v.flags = petr_flags;
            v.file = L->file;
            v.line = (uint32_t)L->line;
            KH_VEC_PUSH(d->verbs, v);
            verb = d->verbs.n - 1;
            petr_block = verb;
            petr_extra.n = 0;
            /* A second block of the same verb ("--- SHOT [---] ---", later "--- SHOT [223] ---"):
             * PETRARCH pools their patterns, so the first block gets these too. */
            for (size_t k = 0; k + 1 < d->verbs.n; k++)
                if (d->verbs.v[k].name && d->verbs.v[k].file == L->file &&
                    !strcmp(d->verbs.v[k].name, v.name)) {
                    KH_VEC_PUSH(petr_extra, (uint32_t)k);
                    break;
                }
            in_petr = 1;
            section = 0;
            cur_synset = UINT32_MAX;
            continue;
        }
        if (section == 2) {
            /* <TIME>: a phrase coded ### or +++ keeps its sentence from coding ("KAN WA MA
             * KAN [###]", TABARI 6.3); time shifts ([-7]) are not read yet. */
            const char *e = phrase_end(p);
            const char *br = strchr(p, '[');
            if (*p != '-' && br && e == br) {
                const char *q = skip_ws(br + 1);
                if (!strncmp(q, "###", 3) || !strncmp(q, "+++", 3)) {
                    kh_actor_code ac = {q[0] == '#' ? "###" : "+++", 0, 0};
                    kh_actor_entry a = {(uint32_t)d->acodes.n, 1, L->file, (uint32_t)L->line};
                    KH_VEC_PUSH(d->acodes, ac);
                    KH_VEC_PUSH(d->actors, a);
                    add_phrase(L, p, e, (uint32_t)(d->actors.n - 1), KH_PH_ACTOR);
                }
            }
            continue;
        }
        if (section == 3)
            continue;
        if (section == 1) {
        synset_line:;
            const char *e = phrase_end(p);
            while (e > p && isspace((unsigned char)e[-1]))
                e--;
            if (*p == '&') {
                /* PETRARCH declares some as "&AUXVERB1_" and uses them as "&AUXVERB1" */
                while (e > p + 1 && e[-1] == '_')
                    e--;
                kh_altset as = {(uint32_t)d->seqs.n, 0, 1};
                KH_VEC_PUSH(d->alts, as);
                int ins;
                kh_hash_slot *sl =
                    kh__hash_put(&d->synsets, p, (size_t)(e - p), (uint32_t)(d->alts.n - 1), &ins);
                if (!ins)
                    {
                fail(L, p, "synset %.*s declared twice", (int)(e - p), p);
                continue;
            }
                cur_synset = sl->value;
                continue;
            }
            if (*p != '+' || cur_synset == UINT32_MAX)
                {
                fail(L, p, "expected '&NAME' or a '+member' line in <SYNSETS>");
                continue;
            }
            size_t nt = lex_pattern(p + 1, e, toks, 512);
            pctx c = {L, toks, nt, 0, 0, 1};
            kh_seq s;
            kh_status st = parse_seq(&c, &s, 0);
            if (st)
                continue;
            if (c.i < nt)
                {
                fail(L, toks[c.i].s, "unexpected '%c' in a synset member", toks[c.i].s[0]);
                continue;
            }
            /* Members of one synset must be contiguous in d->seqs: they are, as the lines
             * of one synset come together; a member with alternatives adds none. */
            kh_altset *as = &d->alts.v[cur_synset];
            if (as->seqs + as->n != d->seqs.n)
                {
                fail(L, p, "synset members must follow their &NAME line");
                continue;
            }
            KH_VEC_PUSH(d->seqs, s);
            as->n++;
            continue;
        }
        if (*p == '{') {
            /* Irregular forms of the current root: {BROKE_ BROKEN_}. */
            if (verb == SIZE_MAX)
                {
                fail(L, p, "verb forms { } with no verb above them");
                continue;
            }
            const char *e = strchr(p, '}');
            if (!e)
                {
                fail(L, p, "expected '}' to close the verb forms");
                continue;
            }
            const char *q = p + 1;
            while (q < e) {
                while (q < e && (*q == ' ' || *q == '\t'))
                    q++;
                const char *w = q;
                while (q < e && *q != ' ' && *q != '\t')
                    q++;
                if (q > w) {
                    kh_status st = add_phrase(L, w, q, (uint32_t)verb, KH_PH_VERB);
                    if (st)
                        continue;
                }
            }
            continue;
        }
        if (*p == '&' || (*p == '+' && cur_synset != UINT32_MAX))
            goto synset_line; /* a PETRARCH synset, before or between the verb blocks */
        cur_synset = UINT32_MAX; /* its "+member" lines end at the first other line */
        if (*p == '~') {
            transform_line(L, p);
            continue;
        }
        if (in_petr && *p != '-' && *p != '{' && *p != '#') {
            /* A verb of the block: WORD [code] {FORMS} ; "+CLEAR_UP", "WIRE_+TAP" */
            kh_buf w = KH_BUF_INIT;
            const char *e = phrase_end(p);
            const char *brace = memchr(p, '{', (size_t)(e - p));
            const char *we = brace ? brace : e;
            for (const char *q = p; q < we; q++)
                if (*q != '+')
                    kh__buf_putc(&w, *q);
            size_t target = petr_block;
            if (*e == '[') {
                /* its own code: a verb entry of its own that shares the block's patterns */
                const char *code, *pair;
                uint8_t flags;
                if (parse_verb_code(L, e, &code, &flags, &pair)) {
                    kh__buf_free(&w);
                    continue;
                }
                kh_verb_entry v = d->verbs.v[petr_block];
                v.code = code;
                v.pair = pair;
                v.flags = flags;
                v.line = (uint32_t)L->line;
                KH_VEC_PUSH(d->verbs, v);
                target = d->verbs.n - 1;
                KH_VEC_PUSH(petr_extra, (uint32_t)target);
            }
            if (w.len)
                add_phrase(L, w.ptr, w.ptr + w.len, (uint32_t)target, KH_PH_VERB);
            kh__buf_free(&w);
            if (brace) {
                const char *be = memchr(brace, '}', (size_t)(e - brace));
                for (const char *q = brace + 1; be && q < be;) {
                    while (q < be && (*q == ' ' || *q == '\t'))
                        q++;
                    const char *w0 = q;
                    while (q < be && *q != ' ' && *q != '\t')
                        q++;
                    kh_buf f = KH_BUF_INIT; /* "{+ASKED_FOR ...}": '+' marks the verb word */
                    for (const char *r = w0; r < q; r++)
                        if (*r != '+')
                            kh__buf_putc(&f, *r);
                    if (f.len)
                        add_phrase(L, f.ptr, f.ptr + f.len, (uint32_t)target, KH_PH_VERB);
                    kh__buf_free(&f);
                }
            }
            continue;
        }
        if (*p == '-' && (p[1] == ' ' || p[1] == '\t')) {
            if (verb == SIZE_MAX)
                {
                fail(L, p, "a pattern with no verb above it");
                continue;
            }
            const char *body = p + 2;
            const char *br = strchr(body, '[');
            if (!br)
                {
                fail(L, body + strlen(body), "expected '[' and the pattern's code");
                continue;
            }
            const char *e = br;
            while (e > body && isspace((unsigned char)e[-1]))
                e--;
            size_t nt = lex_pattern(body, e, toks, 512);
            if (nt >= 510)
                {
                fail(L, body, "pattern too long");
                continue;
            }
            pctx c = {L, toks, nt, 0, 0, 0};
            kh_pending_pat pp;
            memset(&pp, 0, sizeof pp);
            pp.verb = (uint32_t)verb;
            kh_status st = parse_seq(&c, &pp.p.seq, 0);
            if (st)
                continue;
            if (c.i < nt)
                {
                fail(L, toks[c.i].s, "unexpected '%c' outside alternatives", toks[c.i].s[0]);
                continue;
            }
            if (c.nverb != 1)
                {
                fail(L, body, c.nverb ? "a pattern has one '*', not %d" :
                                               "expected '*' (the verb) in the pattern%.0d",
                            c.nverb);
                continue;
            }
            st = parse_verb_code(L, br, &pp.p.code, &pp.p.flags, &pp.p.pair);
            if (st)
                continue;
            pp.p.length = seq_length(d, &pp.p.seq);
            pp.p.file = L->file;
            pp.p.line = (uint32_t)L->line;
            KH_VEC_PUSH(d->pending, pp);
            for (size_t k = 0; in_petr && k < petr_extra.n; k++) {
                pp.verb = petr_extra.v[k];
                KH_VEC_PUSH(d->pending, pp);
            }
            continue;
        }
        /* A root: PHRASE [code] ; comment */
        const char *e = phrase_end(p);
        if (*e != '[')
            {
                fail(L, e, "expected '[' and the verb's code after the verb");
                continue;
            }
        const char *pe = e;
        while (pe > p && isspace((unsigned char)pe[-1]))
            pe--;
        const char *code, *pair;
        uint8_t flags;
        kh_status st = parse_verb_code(L, e, &code, &flags, &pair);
        if (st)
            continue;
        int ins = 0;
        kh_buf key = KH_BUF_INIT;
        kh__norm_word(&key, p, (size_t)(pe - p));
        kh_hash_slot *sl = kh__hash_put(&d->verbroots, key.ptr, key.len, (uint32_t)d->verbs.n, &ins);
        kh__buf_free(&key);
        if (ins) {
            kh_verb_entry v = {0};
            v.name = kh__arena_strndup(&d->arena, p, (size_t)(pe - p));
            v.code = code;
            v.pair = pair;
            v.flags = flags;
            v.file = L->file;
            v.line = (uint32_t)L->line;
            KH_VEC_PUSH(d->verbs, v);
            verb = d->verbs.n - 1;
            st = add_phrase(L, p, pe, (uint32_t)verb, KH_PH_VERB);
            if (st)
                continue;
        } else {
            /* The same root again (in another file or block): its patterns join the first
             * block's; the first block's code stays. */
            verb = sl->value;
        }
    }
    free(petr_extra.v);
    return KH_OK;
}

/* ------------------------------------------------------------------ issues */

/* The value of NAME="..." in an <ISSUE ...> tag, or NULL. */
static char *tag_value(kh_dict *d, const char *tag, const char *name)
{
    const char *p = strstr(tag, name);
    if (!p)
        return NULL;
    p = strchr(p, '"');
    const char *e = p ? strchr(p + 1, '"') : NULL;
    return e ? kh__arena_strndup(&d->arena, p + 1, (size_t)(e - p - 1)) : NULL;
}

/* ------------------------------------------------------------------ ontology */

/* PETR.Internal.Coding.Ontology.txt: "CODE:VALUE#comment", VALUE a sum of signed hex terms
 * ("0x3040", "-0xFFFF+0x0070"); "---:0" is the null code. */
static kh_status load_ontology(loader *L, linereader *lr)
{
    const char *p;
    while ((p = next_entry(L, lr))) {
        const char *colon = strchr(p, ':');
        const char *c = p;
        while (c < (colon ? colon : p) && isdigit((unsigned char)*c))
            c++;
        if (!colon || c != colon || c == p) {
            if (!(colon && colon - p == 3 && !strncmp(p, "---", 3)))
                fail(L, p, "expected CODE:0xVALUE");
            continue;
        }
        const char *q = colon + 1;
        long v = 0;
        int terms = 0, bad = 0;
        while (*q && *q != '#' && !isspace((unsigned char)*q)) {
            int sign = 1;
            if (*q == '+' || *q == '-')
                sign = *q++ == '-' ? -1 : 1;
            if (q[0] != '0' || (q[1] != 'x' && q[1] != 'X') || !isxdigit((unsigned char)q[2])) {
                bad = 1;
                break;
            }
            char *end;
            v += sign * strtol(q + 2, &end, 16);
            q = end;
            terms++;
        }
        if (bad || !terms) {
            fail(L, q, "expected a value such as 0x3040 or -0xFFFF+0x0070");
            continue;
        }
        kh_pico pc = {kh__arena_strndup(&L->d->arena, p, (size_t)(colon - p)), (int32_t)v};
        KH_VEC_PUSH(L->d->picos, pc);
    }
    return KH_OK;
}

/* ------------------------------------------------------------------ discards */

/* A PETRARCH discard file: one phrase a line, words separated by blanks, "# comment" after.
 * "+PHRASE" discards the whole story, "PHRASE" the sentence that holds it. Each phrase
 * becomes an actor coded "###" (sentence, as TABARI's discard code) or "####" (story). */
static kh_status load_discards(loader *L, linereader *lr)
{
    kh_dict *d = L->d;
    const char *p;
    while ((p = next_entry(L, lr))) {
        int story = *p == '+';
        if (story)
            p = skip_ws(p + 1);
        const char *e = p;
        while (*e && *e != '#' && *e != ';')
            e++;
        while (e > p && isspace((unsigned char)e[-1]))
            e--;
        if (e == p) {
            fail(L, p, "expected a phrase to discard");
            continue;
        }
        kh_buf w = KH_BUF_INIT;
        for (const char *q = p; q < e; q++)
            kh__buf_putc(&w, *q == ' ' || *q == '\t' ? '_' : *q);
        kh_actor_code ac = {story ? "####" : "###", 0, 0};
        kh_actor_entry a = {(uint32_t)d->acodes.n, 1, L->file, (uint32_t)L->line};
        KH_VEC_PUSH(d->acodes, ac);
        KH_VEC_PUSH(d->actors, a);
        add_phrase(L, w.ptr, w.ptr + w.len, (uint32_t)(d->actors.n - 1), KH_PH_ACTOR);
        kh__buf_free(&w);
    }
    return KH_OK;
}

/* Reads an issues file: <ISSUE CATEGORY="..." TYPE="ALL|NUMERIC" DEFAULT="..."> blocks of
 * "PHRASE [CODE]" lines (TABARI 9.2). Phoenix's variant is read too: "n:" and "v:" mark a
 * noun or a verb (any regular ending), "+" joins parts of one word ("pre+n:school"), and
 * "~phrase" blocks the phrase from coding. Words of an issue phrase follow each other. */
static kh_status load_issues(loader *L, linereader *lr)
{
    kh_dict *d = L->d;
    uint32_t cat = UINT32_MAX;
    const char *p;
    while ((p = next_entry(L, lr))) {
        if (!strncmp(p, "<ISSUE", 6) || !strncmp(p, "<issue", 6)) {
            kh_issue_cat c = {tag_value(d, p, "CATEGORY"), 0, 0, tag_value(d, p, "DEFAULT")};
            const char *type = tag_value(d, p, "TYPE");
            c.all = type && !strcmp(type, "ALL");
            c.numeric = type && !strcmp(type, "NUMERIC");
            if (!c.name)
                c.name = "ISSUE";
            KH_VEC_PUSH(d->icats, c);
            cat = (uint32_t)(d->icats.n - 1);
            continue;
        }
        if (*p == '<') {
            cat = UINT32_MAX;
            continue;
        }
        if (cat == UINT32_MAX) {
            fail(L, p, "an issue phrase outside <ISSUE ...> ... </ISSUE>");
            continue;
        }
        int block = *p == '~';
        const char *s0 = p;
        while (*s0 == '~')
            s0++;
        const char *e = phrase_end(s0);
        const char *code = NULL;
        if (!block) {
            const char *br = strchr(s0, '[');
            if (!br) {
                code = d->icats.v[cat].name; /* no code (Phoenix): the category's name */
            } else {
                const char *cl = strchr(br, ']');
                if (!cl) {
                    fail(L, br, "expected ']' to close the issue code");
                    continue;
                }
                const char *cs = skip_ws(br + 1), *ce = cl;
                while (ce > cs && isspace((unsigned char)ce[-1]))
                    ce--;
                code = kh__arena_strndup(&d->arena, cs, (size_t)(ce - cs));
            }
        }
        /* "pre+n:school" -> PRE_SCHOOL; "n:" / "v:" dropped; blanks join words. */
        kh_buf t = KH_BUF_INIT;
        for (const char *q = s0; q < e; q++) {
            if ((*q == 'n' || *q == 'v' || *q == 'N' || *q == 'V') && q[1] == ':' &&
                (q == s0 || q[-1] == ' ' || q[-1] == '+')) {
                q++;
                continue;
            }
            kh__buf_putc(&t, *q == '+' ? '_' : *q);
        }
        while (t.len && (t.ptr[t.len - 1] == ' ' || t.ptr[t.len - 1] == '\t'))
            t.ptr[--t.len] = 0;
        kh__buf_putc(&t, '_'); /* the last word takes regular endings */
        kh_issue_entry ie = {cat, code};
        KH_VEC_PUSH(d->issues, ie);
        size_t first = d->pwords.n;
        const char *save = L->text;
        L->text = t.ptr; /* columns of errors count in the phrase as read */
        kh_status st = add_phrase(L, t.ptr, t.ptr + t.len, (uint32_t)(d->issues.n - 1), KH_PH_ISSUE);
        L->text = save;
        kh__buf_free(&t);
        if (st) {
            d->issues.n--;
            continue;
        }
        for (size_t k = first; k < d->pwords.n; k++)
            d->pwords.v[k].gap = 0; /* words of an issue phrase follow each other */
    }
    return KH_OK;
}

/* ------------------------------------------------------------------ files */

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int file_kind(const char *path)
{
    char low[512];
    size_t n = strlen(path);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)path[i]);
    low[n] = 0;
    if (has_suffix(low, ".gz"))
        low[n - 3] = 0;
    if (has_suffix(low, ".txt"))
        low[strlen(low) - 4] = 0;
    if (has_suffix(low, ".actors") || has_suffix(low, ".actor"))
        return KH_PH_ACTOR;
    if (has_suffix(low, ".agents") || has_suffix(low, ".agent"))
        return KH_PH_AGENT;
    if (has_suffix(low, ".verbs") || has_suffix(low, ".verbpatterns"))
        return KH_PH_VERB;
    if (has_suffix(low, ".issues") || strstr(low, "issuecoding"))
        return KH_PH_ISSUE;
    if (has_suffix(low, ".discards") || has_suffix(low, ".discard"))
        return KH_PH_DISCARD;
    if (strstr(low, "ontology"))
        return KH_PH_ONTOLOGY;
    return -1;
}

/* The kind of a dictionary whose name says nothing ("CAMEO.2.0.txt"): a PETRARCH verb file
 * has "--- NAME [code] ---" blocks. */
static int sniff_kind(const char *path)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return -1;
    char line[1024];
    int kind = -1;
    for (int n = 0; n < 2000 && kind < 0 && gzgets(gz, line, sizeof line); n++)
        if (!strncmp(line, "--- ", 4) && strchr(line, '[') && strstr(line + 3, "---"))
            kind = KH_PH_VERB;
    gzclose(gz);
    return kind;
}

kh_status kh_dict_load_file(kh_dict *d, const char *path, kh_diag *diag)
{
    return kh__dict_load_kind(d, path, -1, diag);
}

kh_status kh__dict_load_kind(kh_dict *d, const char *path, int kind, kh_diag *diag)
{
    if (d->frozen) {
        if (diag) {
            memset(diag, 0, sizeof *diag);
            diag->code = KH_USAGE;
            snprintf(diag->message, sizeof diag->message, "dictionary already frozen");
        }
        return KH_USAGE;
    }
    if (kind < 0)
        kind = file_kind(path);
    if (kind < 0)
        kind = sniff_kind(path);
    if (kind < 0) {
        if (diag) {
            memset(diag, 0, sizeof *diag);
            diag->code = KH_USAGE;
            snprintf(diag->file, sizeof diag->file, "%s", path);
            snprintf(diag->message, sizeof diag->message,
                     "cannot tell the dictionary kind from the name (expected .actors, .agents "
                     "or .verbs)");
        }
        return KH_USAGE;
    }
    gzFile gz = gzopen(path, "rb");
    if (!gz) {
        if (diag) {
            memset(diag, 0, sizeof *diag);
            diag->code = KH_IO;
            snprintf(diag->file, sizeof diag->file, "%s", path);
            snprintf(diag->message, sizeof diag->message, "cannot open: %s", strerror(errno));
        }
        return KH_IO;
    }
    if (diag)
        memset(diag, 0, sizeof *diag);
    loader L = {d, diag, 0, path, add_file(d, path), 0, ""};
    linereader lr = {gz, KH_BUF_INIT, 0};
    kh_status st;
    if (kind == KH_PH_ACTOR)
        st = load_actors(&L, &lr);
    else if (kind == KH_PH_AGENT)
        st = load_agents(&L, &lr);
    else if (kind == KH_PH_ISSUE)
        st = load_issues(&L, &lr);
    else if (kind == KH_PH_DISCARD)
        st = load_discards(&L, &lr);
    else if (kind == KH_PH_ONTOLOGY)
        st = load_ontology(&L, &lr);
    else
        st = load_verbs(&L, &lr);
    if (!st && L.nerr)
        st = KH_SYNTAX;
    int gzerr = 0;
    gzerror(gz, &gzerr);
    if (!st && gzerr != Z_OK && gzerr != Z_STREAM_END) {
        st = KH_GZIP;
        if (diag) {
            memset(diag, 0, sizeof *diag);
            diag->code = KH_GZIP;
            snprintf(diag->file, sizeof diag->file, "%s", path);
            diag->line = L.line;
            snprintf(diag->message, sizeof diag->message, "damaged compressed file");
        }
    }
    gzclose(gz);
    kh__buf_free(&lr.line);
    return st;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

kh_status kh_dict_load_dir(kh_dict *d, const char *dir, kh_diag *diag)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        if (diag) {
            memset(diag, 0, sizeof *diag);
            diag->code = KH_IO;
            snprintf(diag->file, sizeof diag->file, "%s", dir);
            snprintf(diag->message, sizeof diag->message, "cannot open dictionary folder: %s",
                     strerror(errno));
        }
        return KH_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.' || file_kind(de->d_name) < 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = kh__xrealloc(names, cap * sizeof *names);
        }
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        names[n] = kh__xmalloc(len);
        snprintf(names[n], len, "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(dp);
    qsort(names, n, sizeof *names, cmp_str);
    /* Actors and agents first, then verbs: the order does not change the result, but
     * errors then come in a steady order. */
    kh_status st = KH_OK;
    kh_diag first;
    memset(&first, 0, sizeof first);
    for (size_t i = 0; i < n && (!st || st == KH_SYNTAX); i++) {
        kh_status s1 = kh_dict_load_file(d, names[i], diag);
        if (s1 && (!st || s1 != KH_SYNTAX)) {
            st = s1;
            if (diag)
                first = *diag;
        }
    }
    if (st && diag)
        *diag = first;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (!st && n == 0) {
        if (diag) {
            memset(diag, 0, sizeof *diag);
            diag->code = KH_NODICT;
            snprintf(diag->file, sizeof diag->file, "%s", dir);
            snprintf(diag->message, sizeof diag->message,
                     "no .actors, .agents or .verbs files in this folder");
        }
        return KH_NODICT;
    }
    return st;
}

/* ------------------------------------------------------------------ freeze */

/* Longest pattern first; equal lengths keep file order (TABARI 5.7.1). */
static int cmp_pending(const void *a, const void *b)
{
    const kh_pending_pat *x = a, *y = b;
    if (x->verb != y->verb)
        return x->verb < y->verb ? -1 : 1;
    if (x->p.length != y->p.length)
        return x->p.length > y->p.length ? -1 : 1;
    if (x->p.file != y->p.file)
        return x->p.file < y->p.file ? -1 : 1;
    return x->p.line < y->p.line ? -1 : x->p.line > y->p.line;
}

/* Adds to out[*n] the words one of which a match of sequence sq starts with: its first
 * element's word, or the first words of each member of its first alternative set. 0 when a
 * match may start otherwise (an actor, the verb) or the words are more than cap. */
static int first_words(const kh_dict *d, const kh_seq *sq, uint32_t *out, size_t *n, size_t cap,
                       int depth)
{
    if (!sq->n || depth > 8 || sq->elems >= d->pelems.n)
        return 0;
    const kh_pelem *e = &d->pelems.v[sq->elems];
    if (e->type == KH_PE_WORD) {
        if (*n == cap)
            return 0;
        out[(*n)++] = e->arg;
        return 1;
    }
    if (e->type != KH_PE_ALT || e->arg >= d->alts.n || !d->alts.v[e->arg].n)
        return 0;
    const kh_altset *a = &d->alts.v[e->arg];
    for (uint16_t j = 0; j < a->n; j++)
        if (!first_words(d, &d->seqs.v[a->seqs + j], out, n, cap, depth + 1))
            return 0;
    return 1;
}

/* The groups of words a match of pattern p needs, from sequence sq, every element of which
 * must match inside the clause: a plain word is a group of its own; an alternative set
 * (a synset, { a | b }) the group of its members' first words; and the elements of a set of
 * one member ("{&MILITARY SUPPORT}") are needed each. */
static void req_groups(kh_dict *d, const kh_seq *sq, kh_pattern *p, int depth)
{
    for (uint16_t k = 0; k < sq->n && p->nreq < 64 && depth <= 8; k++) {
        const kh_pelem *e = &d->pelems.v[sq->elems + k];
        if (e->type == KH_PE_WORD) {
            KH_VEC_PUSH(d->reqwords, 1);
            KH_VEC_PUSH(d->reqwords, e->arg);
            p->nreq++;
        } else if (e->type == KH_PE_ALT) {
            const kh_altset *a = &d->alts.v[e->arg];
            uint32_t w[255];
            size_t n = 0;
            int ok = a->n > 0;
            for (uint16_t j = 0; j < a->n && ok; j++)
                ok = first_words(d, &d->seqs.v[a->seqs + j], w, &n, sizeof w / sizeof *w, 0);
            if (ok) {
                KH_VEC_PUSH(d->reqwords, (uint32_t)n);
                for (size_t j = 0; j < n; j++)
                    KH_VEC_PUSH(d->reqwords, w[j]);
                p->nreq++;
            }
            if (a->n == 1)
                req_groups(d, &d->seqs.v[a->seqs], p, depth + 1);
        }
    }
}

/* Orders pattern p's groups of required words by size, smallest first (in their order
 * among groups of one size): the coder tests them in turn and stops at the first the clause
 * lacks, and a small group is both quicker to test and likelier to be lacking (#7). */
static void smallest_groups_first(kh_dict *d, const kh_pattern *p)
{
    if (p->nreq < 2)
        return;
    uint32_t at[64], *g = &d->reqwords.v[p->req];
    size_t len = 0;
    for (uint16_t r = 0; r < p->nreq && r < 64; r++) {
        at[r] = (uint32_t)len;
        len += 1 + g[len];
    }
    uint16_t n = p->nreq < 64 ? p->nreq : 64;
    for (uint16_t r = 1; r < n; r++) { /* insertion sort: stable, and n is small */
        uint32_t x = at[r];
        uint16_t k = r;
        for (; k > 0 && g[at[k - 1]] > g[x]; k--)
            at[k] = at[k - 1];
        at[k] = x;
    }
    uint32_t *tmp = kh__xmalloc(len * sizeof *tmp);
    size_t o = 0;
    for (uint16_t r = 0; r < n; r++) {
        memcpy(tmp + o, g + at[r], (1 + g[at[r]]) * sizeof *tmp);
        o += 1 + g[at[r]];
    }
    memcpy(g, tmp, o * sizeof *tmp);
    free(tmp);
}

/* Longest phrase first, then by kind priority, then file order. */
static int cmp_first(const void *a, const void *b, void *dv)
{
    const kh_dict *d = dv;
    const kh_phrase *x = &d->phrases.v[*(const uint32_t *)a];
    const kh_phrase *y = &d->phrases.v[*(const uint32_t *)b];
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    uint32_t ia = *(const uint32_t *)a, ib = *(const uint32_t *)b;
    return ia < ib ? -1 : ia > ib;
}

void kh_dict_freeze(kh_dict *d)
{
    if (d->frozen)
        return;
    if (d->pending.n)
        qsort(d->pending.v, d->pending.n, sizeof *d->pending.v, cmp_pending);
    for (size_t i = 0; i < d->pending.n; i++) {
        kh_verb_entry *v = &d->verbs.v[d->pending.v[i].verb];
        if (v->npats == 0)
            v->pats = (uint32_t)d->pats.n;
        v->npats++;
        KH_VEC_PUSH(d->pats, d->pending.v[i].p);
    }
    free(d->pending.v);
    d->pending.v = NULL;
    d->pending.n = d->pending.cap = 0;
    /* Words a match needs, in groups (req_groups): the coder skips a pattern at once when its
     * clause lacks some group (reqwords holds each group as its size, then its words). */
    for (size_t i = 0; i < d->pats.n; i++) {
        kh_pattern *p = &d->pats.v[i];
        p->nreq = 0;
        p->req = (uint32_t)d->reqwords.n;
        req_groups(d, &p->seq, p, 0);
        smallest_groups_first(d, p);
    }
    /* Index phrases by first word. */
    size_t nw = d->wordstr.n;
    d->first_off = kh__xcalloc(nw + 1, sizeof *d->first_off);
    for (size_t i = 0; i < d->phrases.n; i++)
        d->first_off[d->pwords.v[d->phrases.v[i].words].word + 1]++;
    for (size_t w = 0; w < nw; w++)
        d->first_off[w + 1] += d->first_off[w];
    d->first_idx = kh__xcalloc(d->phrases.n + 1, sizeof *d->first_idx);
    uint32_t *fill = kh__xcalloc(nw + 1, sizeof *fill);
    for (size_t i = 0; i < d->phrases.n; i++) {
        uint32_t w = d->pwords.v[d->phrases.v[i].words].word;
        d->first_idx[d->first_off[w] + fill[w]++] = (uint32_t)i;
    }
    free(fill);
    for (size_t w = 0; w < nw; w++) {
        uint32_t a = d->first_off[w], b = d->first_off[w + 1];
        if (b - a > 1)
            qsort_r(d->first_idx + a, b - a, sizeof *d->first_idx, cmp_first, d);
    }
    d->frozen = 1;
    kh__dict_derive(d);
}

static int cmp_altpair(const void *a, const void *b)
{
    const kh_altpair *x = a, *y = b;
    if (x->word != y->word)
        return x->word < y->word ? -1 : 1;
    return x->member < y->member ? -1 : x->member > y->member;
}

/* The big alternative sets by their members' first words (kh_dict.altpair; after seqfirst). */
static void index_alts(kh_dict *d)
{
    free(d->altoff);
    free(d->altwoff);
    free(d->altwild);
    free(d->altpair);
    d->altoff = kh__xcalloc(d->alts.n + 1, sizeof *d->altoff);
    d->altwoff = kh__xcalloc(d->alts.n + 1, sizeof *d->altwoff);
    size_t np = 0, nw = 0;
    for (size_t a = 0; a < d->alts.n; a++) {
        const kh_altset *as = &d->alts.v[a];
        if (as->n > KH_BIG_ALT)
            for (uint16_t j = 0; j < as->n; j++) {
                if (d->seqfirst[as->seqs + j] != UINT32_MAX)
                    np++;
                else
                    nw++;
            }
        d->altoff[a + 1] = (uint32_t)np;
        d->altwoff[a + 1] = (uint32_t)nw;
    }
    d->altpair = kh__xcalloc(np + 1, sizeof *d->altpair);
    d->altwild = kh__xcalloc(nw + 1, sizeof *d->altwild);
    for (size_t a = 0; a < d->alts.n; a++) {
        const kh_altset *as = &d->alts.v[a];
        if (as->n <= KH_BIG_ALT)
            continue;
        uint32_t p = d->altoff[a], w = d->altwoff[a];
        for (uint16_t j = 0; j < as->n; j++) {
            uint32_t fw = d->seqfirst[as->seqs + j];
            if (fw != UINT32_MAX)
                d->altpair[p++] = (kh_altpair){fw, j};
            else
                d->altwild[w++] = j;
        }
        qsort(d->altpair + d->altoff[a], p - d->altoff[a], sizeof *d->altpair, cmp_altpair);
    }
}

void kh__dict_derive(kh_dict *d)
{
    static atomic_uint serial;
    d->serial = atomic_fetch_add(&serial, 1) + 1;
    size_t n = d->first_off ? d->first_off[d->wordstr.n] : 0;
    free(d->first);
    d->first = kh__xcalloc(n + 1, sizeof *d->first);
    for (size_t k = 0; k < n; k++) {
        const kh_phrase *ph = &d->phrases.v[d->first_idx[k]];
        kh_first *f = &d->first[k];
        f->phrase = d->first_idx[k];
        f->n = ph->n;
        f->flags = (uint8_t)((ph->kind == KH_PH_ACTOR ? KH_FF_ACTOR : 0) |
                             (ph->kind == KH_PH_ISSUE ? KH_FF_ISSUE : 0));
        if (ph->n >= 2) {
            f->bit = (uint8_t)kh__wset_bit(d->pwords.v[ph->words + 1].word);
            f->flags |= KH_FF_MULTI | (d->pwords.v[ph->words + 1].gap ? KH_FF_GAP : 0);
        }
    }
    free(d->altfirst);
    d->altfirst = kh__xcalloc(d->alts.n + 1, sizeof *d->altfirst);
    for (size_t a = 0; a < d->alts.n; a++) {
        const kh_altset *as = &d->alts.v[a];
        for (uint16_t j = 0; j < as->n; j++) {
            const kh_seq *sq = &d->seqs.v[as->seqs + j];
            if (sq->n && d->pelems.v[sq->elems].type == KH_PE_WORD) {
                kh__wset_add(&d->altfirst[a], d->pelems.v[sq->elems].arg);
            } else {
                d->altfirst[a] = (kh_wset){{~0ull, ~0ull, ~0ull, ~0ull}};
                break;
            }
        }
    }
    free(d->seqfirst);
    d->seqfirst = kh__xcalloc(d->seqs.n + 1, sizeof *d->seqfirst);
    for (size_t i = 0; i < d->seqs.n; i++) {
        const kh_seq *sq = &d->seqs.v[i];
        d->seqfirst[i] = sq->n && sq->elems < d->pelems.n && d->pelems.v[sq->elems].type == KH_PE_WORD
                             ? d->pelems.v[sq->elems].arg
                             : UINT32_MAX;
    }
    index_alts(d);
    free(d->patq);
    d->patq = kh__xcalloc(d->pats.n + 1, sizeof *d->patq);
    for (size_t i = 0; i < d->pats.n; i++) {
        const kh_pattern *p = &d->pats.v[i];
        kh_patq *q = &d->patq[i];
        q->req = p->req;
        q->nreq = p->nreq;
        q->length = p->length;
        if (!p->nreq)
            continue; /* (and reqwords may be empty: no pointer into it) */
        const uint32_t *g = &d->reqwords.v[p->req];
        for (uint16_t r = 0; r < p->nreq; r++) {
            uint32_t ng = *g++;
            if (ng == 1)
                q->sig |= kh__sigbit(g[0]);
            g += ng;
        }
    }
    d->pats_sorted = 1;
    for (size_t v = 0; v < d->verbs.n; v++) {
        const kh_verb_entry *ve = &d->verbs.v[v];
        for (uint32_t i = 1; i < ve->npats; i++)
            if (ve->pats + i >= d->pats.n ||
                d->pats.v[ve->pats + i].length > d->pats.v[ve->pats + i - 1].length)
                d->pats_sorted = 0;
    }
    /* about 16 bits per stem, at least 4096 */
    size_t nstem = 0;
    for (size_t w = 0; w < d->wordstem.n; w++)
        nstem += d->wordstem.v[w] != 0;
    size_t bits = 4096;
    while (bits < nstem * 16)
        bits *= 2;
    free(d->stembits);
    d->stembits = kh__xcalloc(bits / 64, sizeof *d->stembits);
    d->stemmask = (uint32_t)(bits - 1);
    for (size_t w = 0; w < d->wordstem.n && w < d->wordstr.n; w++) {
        if (!d->wordstem.v[w])
            continue;
        const char *s = d->wordstr.v[w];
        uint32_t x = KH_HASH_SEED;
        for (size_t i = 0; s[i]; i++)
            x = kh__hash_step(x, (unsigned char)s[i]);
        uint32_t b = kh__hash_final(x) & d->stemmask;
        d->stembits[b >> 6] |= 1ull << (b & 63);
    }
}

void kh_dict_stats_get(const kh_dict *d, kh_dict_stats *o)
{
    memset(o, 0, sizeof *o);
    o->files = d->files.n;
    o->words = d->wordstr.n;
    o->actors = d->actors.n;
    o->agents = d->agents.n;
    o->verbs = d->verbs.n;
    o->patterns = d->pats.n;
    o->synsets = d->synsets.count;
    o->issue_categories = d->icats.n;
    for (size_t i = 0; i < d->phrases.n; i++) {
        switch (d->phrases.v[i].kind) {
        case KH_PH_ACTOR: o->actor_phrases++; break;
        case KH_PH_AGENT: o->agent_phrases++; break;
        case KH_PH_VERB: o->verb_forms++; break;
        case KH_PH_ISSUE: o->issue_phrases++; break;
        default: o->null_phrases++; break;
        }
    }
}
