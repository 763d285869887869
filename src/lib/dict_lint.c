/*
 * dict_lint.c - `khaldun dict check`: what a loaded dictionary set gets wrong that is not a
 * syntax error (issue #5). Each finding is one line "file:line: kind: message":
 *
 *   conflict   the same phrase twice (actor, agent or verb form) with different codes: which
 *              one is used depends on the load order
 *   unmatched  a word no text can give (the tokenizer reads it otherwise), or a pattern that an
 *              identical earlier pattern of the same verb always beats
 *   code       an event code that is not in the CAMEO table, an actor code that is not
 *              letters in groups of three, an agent role that is not a CAMEO role
 *   overlap    two dated codes of one actor whose ranges overlap: the first listed wins
 *
 * The loaded set must be frozen. Findings come in the order of the checks, then of the files.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

typedef struct lint {
    const kh_dict *d;
    FILE *out;
    size_t n;
} lint;

static void report(lint *l, uint16_t file, uint32_t line, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(lint *l, uint16_t file, uint32_t line, const char *kind, const char *fmt, ...)
{
    l->n++;
    if (!l->out)
        return;
    fprintf(l->out, "%s:%u: %s: ", file < l->d->files.n ? l->d->files.v[file] : "?", line, kind);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(l->out, fmt, ap);
    va_end(ap);
    fputc('\n', l->out);
}

/* The words of a phrase as text ("KHALIFA HAFTAR"). */
static void phrase_text(const kh_dict *d, const kh_phrase *ph, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = 0;
    for (uint16_t k = 0; k < ph->n && o + 2 < n; k++) {
        const char *w = d->wordstr.v[d->pwords.v[ph->words + k].word];
        int m = snprintf(buf + o, n - o, "%s%s", k ? " " : "", w);
        if (m < 0)
            break;
        o += (size_t)m;
    }
}

static const kh_dict *g_sort_dict; /* qsort has no context argument in C11 */

/* Orders phrases by kind, then words and their modes. */
static int cmp_phrase(const void *a, const void *b)
{
    const kh_dict *d = g_sort_dict;
    const kh_phrase *x = &d->phrases.v[*(const uint32_t *)a];
    const kh_phrase *y = &d->phrases.v[*(const uint32_t *)b];
    if (x->kind != y->kind)
        return x->kind - y->kind;
    for (uint16_t k = 0; k < x->n && k < y->n; k++) {
        const kh_pword *p = &d->pwords.v[x->words + k], *q = &d->pwords.v[y->words + k];
        if (p->word != q->word)
            return p->word < q->word ? -1 : 1;
        if (p->mode != q->mode)
            return p->mode - q->mode;
    }
    if (x->n != y->n)
        return x->n - y->n;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static int same_words(const kh_dict *d, const kh_phrase *x, const kh_phrase *y)
{
    if (x->kind != y->kind || x->n != y->n)
        return 0;
    for (uint16_t k = 0; k < x->n; k++) {
        const kh_pword *p = &d->pwords.v[x->words + k], *q = &d->pwords.v[y->words + k];
        if (p->word != q->word || p->mode != q->mode)
            return 0;
    }
    return 1;
}

/* Do two actor entries give the same codes on every date? */
static int same_codes(const kh_dict *d, const kh_actor_entry *a, const kh_actor_entry *b)
{
    if (a->ncodes != b->ncodes)
        return 0;
    for (uint16_t k = 0; k < a->ncodes; k++) {
        const kh_actor_code *x = &d->acodes.v[a->codes + k], *y = &d->acodes.v[b->codes + k];
        if (x->from != y->from || x->to != y->to || (!x->code != !y->code) ||
            (x->code && strcmp(x->code, y->code) != 0))
            return 0;
    }
    return 1;
}

static const char *nz(const char *s)
{
    return s ? s : "---";
}

/* The same phrase under two entries that code it differently. */
static void check_conflicts(lint *l)
{
    const kh_dict *d = l->d;
    uint32_t *idx = kh__xrealloc(NULL, (d->phrases.n + 1) * sizeof *idx);
    size_t n = 0;
    for (size_t i = 0; i < d->phrases.n; i++) {
        int k = d->phrases.v[i].kind;
        if (k == KH_PH_ACTOR || k == KH_PH_AGENT || k == KH_PH_VERB)
            idx[n++] = (uint32_t)i;
    }
    g_sort_dict = d;
    qsort(idx, n, sizeof *idx, cmp_phrase);
    for (size_t i = 0; i + 1 < n; i++) {
        const kh_phrase *a = &d->phrases.v[idx[i]];
        for (size_t j = i + 1; j < n && same_words(d, a, &d->phrases.v[idx[j]]); j++) {
            const kh_phrase *b = &d->phrases.v[idx[j]];
            if (a->entry == b->entry)
                continue;
            char text[160], ca[64], cb[64];
            phrase_text(d, a, text, sizeof text);
            if (a->kind == KH_PH_ACTOR) {
                const kh_actor_entry *x = &d->actors.v[a->entry], *y = &d->actors.v[b->entry];
                if (same_codes(d, x, y))
                    continue;
                snprintf(ca, sizeof ca, "%s", nz(kh__actor_code(d, x, 0)));
                snprintf(cb, sizeof cb, "%s", nz(kh__actor_code(d, y, 0)));
                if (!strcmp(ca, cb)) { /* same undated code: the dated ones differ */
                    snprintf(ca + strlen(ca), sizeof ca - strlen(ca), " with %u dated", x->ncodes - 1u);
                    snprintf(cb + strlen(cb), sizeof cb - strlen(cb), " with %u dated", y->ncodes - 1u);
                }
            } else if (a->kind == KH_PH_AGENT) {
                const kh_agent_entry *x = &d->agents.v[a->entry], *y = &d->agents.v[b->entry];
                if (strcmp(x->role, y->role) == 0 && x->prefix == y->prefix)
                    continue;
                snprintf(ca, sizeof ca, "%s", x->role);
                snprintf(cb, sizeof cb, "%s", y->role);
            } else {
                const kh_verb_entry *x = &d->verbs.v[a->entry], *y = &d->verbs.v[b->entry];
                if ((!x->code && !y->code) || (x->code && y->code && !strcmp(x->code, y->code)))
                    continue;
                snprintf(ca, sizeof ca, "%s", nz(x->code));
                snprintf(cb, sizeof cb, "%s", nz(y->code));
            }
            report(l, b->file, b->line, "conflict", "\"%s\" is [%s] here and [%s] at %s:%u", text,
                   cb, ca, a->file < d->files.n ? d->files.v[a->file] : "?", a->line);
        }
    }
    free(idx);
}

/* Is w a word the tokenizer can give whole? ("CEASE-FIRE" is two tokens: it cannot.) */
static int tokenizable(const char *w)
{
    size_t n = strlen(w);
    if (!strcmp(w, "'S") || !strcmp(w, "'"))
        return 1; /* the possessive token */
    kh_doc *doc = kh_doc_new("lint", NULL, w, n);
    if (!doc)
        return 1;
    kh__tokenize(doc);
    int ok = doc->ntoks == 1 && doc->toks[0].nlen == n && !memcmp(doc->toks[0].norm, w, n);
    /* A word the tokenizer gives with its point kept off ("U.S." -> "US") is fine too. */
    kh_doc_free(doc);
    return ok;
}

/* Are two sequences the same elements? (Field by field: a struct's padding is no part.) */
static int same_elems(const kh_dict *d, const kh_seq *a, const kh_seq *b)
{
    if (a->n != b->n)
        return 0;
    for (uint16_t k = 0; k < a->n; k++) {
        const kh_pelem *x = &d->pelems.v[a->elems + k], *y = &d->pelems.v[b->elems + k];
        if (x->type != y->type || x->adj != y->adj || x->mode != y->mode || x->arg != y->arg)
            return 0;
    }
    return 1;
}

/* Words no text gives, and patterns an identical earlier pattern always beats. */
static void check_unmatched(lint *l)
{
    const kh_dict *d = l->d;
    size_t nw = d->wordstr.n;
    uint8_t *bad = kh__xcalloc(nw ? nw : 1, 1), *seen = kh__xcalloc(nw ? nw : 1, 1);
    for (size_t i = 0; i < d->phrases.n; i++) {
        const kh_phrase *ph = &d->phrases.v[i];
        for (uint16_t k = 0; k < ph->n; k++) {
            uint32_t w = d->pwords.v[ph->words + k].word;
            if (!seen[w]) {
                seen[w] = 1;
                bad[w] = !tokenizable(d->wordstr.v[w]);
            }
            if (bad[w]) {
                char text[160];
                phrase_text(d, ph, text, sizeof text);
                report(l, ph->file, ph->line, "unmatched",
                       "\"%s\": no text gives the word \"%s\" (the tokenizer reads it otherwise)", text,
                       d->wordstr.v[w]);
                break;
            }
        }
    }
    for (size_t v = 0; v < d->verbs.n; v++) {
        const kh_verb_entry *ve = &d->verbs.v[v];
        for (uint16_t i = 0; i < ve->npats; i++) {
            const kh_pattern *p = &d->pats.v[ve->pats + i];
            for (uint16_t j = 0; j < i; j++) {
                const kh_pattern *q = &d->pats.v[ve->pats + j];
                if (!same_elems(d, &p->seq, &q->seq))
                    continue;
                int same = (!p->code && !q->code) || (p->code && q->code && !strcmp(p->code, q->code));
                report(l, p->file, p->line, "unmatched",
                       "pattern of %s never matches: the same pattern at %s:%u (%s) comes first%s",
                       ve->name, q->file < d->files.n ? d->files.v[q->file] : "?", q->line,
                       nz(q->code), same ? "" : ", with another code");
                break;
            }
        }
    }
    free(bad);
    free(seen);
}

/* CAMEO actor role and sector codes (CAMEO manual 1.1b3, chapter 3; PETRARCH's additions). */
static const char *const k_roles[] = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD",
    "RAD", "REL", "IGO", "NGO", "IMG", "MNC", "NGM", "UNO", "PKO", "AMN", "IRC", "GRP", "MUS",
    "CHR", "JEW", "BUD", "HIN", "ATH", "SHI", "SUN", "CTH", "ORT", "PRO", "ITH", "JAN", "SIK",
    "TAO", "SFI", "ALE", "DRZ", "MOS", "CON", "RFM", "HSD", "ZRO", "ROM", "PRS", "ROY", "PRM",
    "FRM", "SCI", "LGT", "CRS", NULL};

static int is_role(const char *c)
{
    for (const char *const *r = k_roles; *r; r++)
        if (!memcmp(c, *r, 3))
            return 1;
    return 0;
}

/* Letters (and digits) in groups of three: "LBYMIL", "IGOUNOHCR". */
static int code_shape(const char *c)
{
    size_t n = strlen(c);
    if (n == 0 || n % 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9')))
            return 0;
    return 1;
}

static int event_code_ok(const char *c)
{
    return !c || kh__code_special(c) || !strcmp(c, "---") || kh_cameo_lookup(c) != NULL;
}

static void check_codes(lint *l)
{
    const kh_dict *d = l->d;
    for (size_t v = 0; v < d->verbs.n; v++) {
        const kh_verb_entry *ve = &d->verbs.v[v];
        if (!event_code_ok(ve->code))
            report(l, ve->file, ve->line, "code", "%s: [%s] is not a CAMEO event code", ve->name,
                   ve->code);
        for (uint16_t i = 0; i < ve->npats; i++) {
            const kh_pattern *p = &d->pats.v[ve->pats + i];
            if (!event_code_ok(p->code))
                report(l, p->file, p->line, "code", "pattern of %s: [%s] is not a CAMEO event code",
                       ve->name, p->code);
            if (p->pair && !event_code_ok(p->pair))
                report(l, p->file, p->line, "code", "pattern of %s: [:%s] is not a CAMEO event code",
                       ve->name, p->pair);
        }
    }
    for (size_t a = 0; a < d->actors.n; a++) {
        const kh_actor_entry *ae = &d->actors.v[a];
        for (uint16_t k = 0; k < ae->ncodes; k++) {
            const char *c = d->acodes.v[ae->codes + k].code;
            if (c && !kh__code_special(c) && !code_shape(c))
                report(l, ae->file, ae->line, "code",
                       "[%s] is not an actor code (letters in groups of three)", c);
        }
    }
    for (size_t a = 0; a < d->agents.n; a++) {
        const kh_agent_entry *ag = &d->agents.v[a];
        const char *r = ag->role;
        if (!code_shape(r)) {
            report(l, ag->file, ag->line, "code", "[%s] is not an agent role", r);
            continue;
        }
        for (size_t i = 0; r[i]; i += 3)
            if (!is_role(r + i) && !kh__hash_get(&d->countries, r + i, 3)) {
                report(l, ag->file, ag->line, "code", "[%s]: %.3s is not a CAMEO role", r, r + i);
                break;
            }
    }
}

static void range_text(const kh_actor_code *c, char *buf, size_t n)
{
    snprintf(buf, n, "%s%d-%s%d", "", c->from, "", c->to);
    if (!c->from)
        snprintf(buf, n, "<%d", c->to);
    else if (!c->to)
        snprintf(buf, n, "%d-", c->from);
}

/* Dated codes of one actor whose ranges overlap: on those days the first listed wins. */
static void check_overlaps(lint *l)
{
    const kh_dict *d = l->d;
    for (size_t a = 0; a < d->actors.n; a++) {
        const kh_actor_entry *ae = &d->actors.v[a];
        for (uint16_t i = 0; i < ae->ncodes; i++) {
            const kh_actor_code *x = &d->acodes.v[ae->codes + i];
            if (!x->from && !x->to)
                continue;
            for (uint16_t j = i + 1; j < ae->ncodes; j++) {
                const kh_actor_code *y = &d->acodes.v[ae->codes + j];
                if (!y->from && !y->to)
                    continue;
                int32_t xf = x->from, xt = x->to ? x->to : INT32_MAX;
                int32_t yf = y->from, yt = y->to ? y->to : INT32_MAX;
                /* Ranges that only share their end day do not count: terms of office are
                 * written with the handover day in both, and the first listed has it. */
                if (xf >= yt || yf >= xt)
                    continue;
                if (x->code && y->code && !strcmp(x->code, y->code))
                    continue;
                char rx[32], ry[32];
                range_text(x, rx, sizeof rx);
                range_text(y, ry, sizeof ry);
                report(l, ae->file, ae->line, "overlap", "[%s %s] and [%s %s] overlap: the first wins",
                       nz(x->code), rx, nz(y->code), ry);
            }
        }
    }
}

size_t kh_dict_lint(const kh_dict *d, FILE *out)
{
    lint l = {d, out, 0};
    if (!d || !d->frozen)
        return 0;
    check_conflicts(&l);
    check_unmatched(&l);
    check_codes(&l);
    check_overlaps(&l);
    return l.n;
}
