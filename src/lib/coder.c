/*
 * coder.c - turns the parse of a sentence into events.
 *
 * In each clause the first verb that yields a code gives the event (TABARI's default mode);
 * report verbs with subordinate codes ([010?]) let the scan go on and are dropped when the
 * sentence has any other event (TABARI 6.6.1). Verbs used as nouns ("the attack", "their
 * call for a truce") are tried only when no verb of the clause gave an event.
 *
 * Patterns are matched element by element inside the clause with bounded backtracking: a
 * word may be found anywhere after the previous element unless '_' ties it to it; $ + % ^
 * take the first actor phrase at their place (TABARI 5.7.3-5.7.4).
 *
 * Default actors (TABARI 5.8, adapted): the source is the nearest actor phrase before the
 * verb in its clause, else the subject the clause continues; the target is the first actor
 * phrase after the verb that is not a place and has another code; a compound source with
 * no target is its own target. Passive verbs take the source from "by" and the target from
 * before the verb. A negated verb ends its clause with no event.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util/scratch.h"

int kh__vg_nominal(const kh_doc *doc, const kh_verbgroup *v, size_t t0);

/* ------------------------------------------------------------------ patterns */

#define MAX_FRAMES 12

/* The matcher's stack of sequences being matched (a pattern, an alternative in it, ...):
 * each frame its elements, how many, the next one, and the frame below. Frames are never
 * changed once made: a step makes its new top frame on its own C stack, pointing to those
 * below, so a failed branch leaves nothing to undo and nothing is copied (#7: the matcher
 * copied its whole stack at every step). */
typedef struct mstack {
    const struct mstack *up; /* the frame below; NULL */
    uint32_t elems;
    uint16_t n, k;
    int depth; /* frames, this one included */
} mstack;

typedef struct mctx {
    const kh_dict *d;
    const kh_doc *doc;
    size_t c0, c1, v0, v1;
    long budget;
    int verb_seen;
    int src, tgt, comp; /* NP indexes, -1 */
    int passive;        /* passive voice: the first element after '*' may stand before it */
    int in_synset;      /* the next word is a synset member's first */
    int after_verb;     /* elements matched since the verb */
    uint32_t words[32]; /* tokens the pattern's words matched: not actors */
    int nwords;
} mctx;

/* The first noun phrase starting in [lo, hi) (or exactly at lo when adj), -1. Determiners
 * before it are skipped. */
static int np_from(const mctx *c, size_t lo, size_t hi, int adj)
{
    const kh_doc *doc = c->doc;
    for (size_t k = 0; k < doc->nnps; k++) {
        const kh_np *np = &doc->nps[k];
        if (np->t0 < lo || np->t0 >= hi || !np->code)
            continue;
        if (adj) {
            size_t p = lo;
            while (p < np->t0 && (kh__norm_is(&doc->toks[p], "THE") ||
                                  kh__norm_is(&doc->toks[p], "A")))
                p++;
            if (p != np->t0)
                return -1;
        }
        return (int)k;
    }
    return -1;
}

static int m(mctx *c, const mstack *in, size_t pos, int adj_next);

/* The members of big alternative set a (kh_dict.altpair) that can start at token tq (NULL:
 * none is there), in order: those whose first word is one of its candidates, and those that
 * start with something else. SIZE_MAX when more than cap. */
static size_t alt_members(const kh_dict *d, uint32_t a, const kh_token *tq, const kh_cand *cq,
                          uint32_t *out, size_t cap)
{
    size_t n = 0;
    for (uint32_t x = d->altwoff[a]; x < d->altwoff[a + 1]; x++) {
        if (n == cap)
            return SIZE_MAX;
        out[n++] = d->altwild[x];
    }
    for (uint8_t k = 0; tq && k < tq->ncand; k++) {
        uint32_t lo = d->altoff[a], hi = d->altoff[a + 1], w = cq[k].word;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (d->altpair[mid].word < w)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < d->altoff[a + 1] && d->altpair[lo].word == w; lo++) {
            if (n == cap)
                return SIZE_MAX;
            out[n++] = d->altpair[lo].member;
        }
    }
    for (size_t i = 1; i < n; i++) { /* few: insertion sort */
        uint32_t v = out[i];
        size_t b = i;
        while (b > 0 && out[b - 1] > v) {
            out[b] = out[b - 1];
            b--;
        }
        out[b] = v;
    }
    return n;
}

/* Matches the sequence on st starting exactly at q, ending before c->v0. */
static int m_seq_at(mctx *c, const mstack *in, size_t q)
{
    size_t save = c->c1;
    c->verb_seen = 1; /* so that words may run up to c1, which is set to v0 */
    c->c1 = c->v0;
    int ok = m(c, in, q, 1);
    c->c1 = save;
    return ok;
}

/* Matches the element on top of st somewhere in [c0, v0), then the rest from after the verb
 * (resume). */
static int m_before(mctx *c, const mstack *in, size_t resume)
{
    const kh_pelem *e = &c->d->pelems.v[in->elems + in->k];
    const mstack st = {in->up, in->elems, in->n, (uint16_t)(in->k + 1), in->depth};
    for (size_t q = c->c0; q < c->v0; q++) {
        if (e->type == KH_PE_WORD) {
            if (kh__tok_is_word(c->doc, q, e->arg, e->mode) && m(c, &st, resume, 0)) {
                if (c->nwords < 32)
                    c->words[c->nwords++] = (uint32_t)q;
                return 1;
            }
        } else if (e->type == KH_PE_ALT) {
            const kh_altset *a = &c->d->alts.v[e->arg];
            for (uint16_t j = 0; j < a->n; j++) {
                const kh_seq *sq = &c->d->seqs.v[a->seqs + j];
                /* The alternative must fit before the verb: match it alone, then go on. */
                mctx c2 = *c;
                const mstack one = {NULL, sq->elems, sq->n, 0, 1};
                c2.verb_seen = 0;
                c2.passive = 0;
                size_t v0 = c2.v0;
                c2.v0 = v0; /* words of the alternative must end before the verb */
                if (m_seq_at(&c2, &one, q) && m(c, &st, resume, 0)) {
                    for (int w = 0; w < c2.nwords && c->nwords < 32; w++)
                        c->words[c->nwords++] = c2.words[w];
                    return 1;
                }
            }
        } else if (e->type == KH_PE_TARGET || e->type == KH_PE_SOURCE) {
            /* The nearest actor phrase before the verb. */
            int k = -1;
            for (size_t j = 0; j < c->doc->nnps; j++) {
                const kh_np *np = &c->doc->nps[j];
                if (np->t0 >= c->c0 && np->t1 <= c->v0 && np->code && !np->location)
                    k = (int)j;
            }
            if (k < 0)
                return 0;
            int *slot = e->type == KH_PE_TARGET ? &c->tgt : &c->src;
            *slot = k;
            if (m(c, &st, resume, 0))
                return 1;
            *slot = -1;
            return 0;
        } else {
            return 0;
        }
    }
    return 0;
}

/* Matches the actor element on top of st ($ + % ^) as noun phrase j, then the rest; a
 * compound is passed over whole ("^" skips "Bern and Geneva"). */
static int m_np_at(mctx *c, const mstack *in, int j)
{
    const kh_pelem *e = &c->d->pelems.v[in->elems + in->k];
    const mstack st = {in->up, in->elems, in->n, (uint16_t)(in->k + 1), in->depth};
    const kh_np *np = &c->doc->nps[j];
    if (e->type == KH_PE_COMPOUND) {
        int n = 0;
        for (size_t i = 0; i < c->doc->nnps; i++)
            n += c->doc->nps[i].group == np->group;
        if (n < 2)
            return 0;
    }
    int *slot = e->type == KH_PE_SOURCE ? &c->src : e->type == KH_PE_TARGET ? &c->tgt
                : e->type == KH_PE_COMPOUND ? &c->comp : NULL;
    /* PETRARCH: a '%' after the verb is a compound target ("* WITH %": Eriador agrees
     * with the Philippines and France); before it, source and target as in TABARI */
    if (e->type == KH_PE_COMPOUND && c->doc->opts.petrarch && c->verb_seen)
        slot = &c->tgt;
    int old = slot ? *slot : -1;
    if (slot)
        *slot = j;
    size_t end = np->t1;
    for (size_t i = (size_t)j + 1; i < c->doc->nnps; i++)
        if (c->doc->nps[i].group == np->group)
            end = c->doc->nps[i].t1;
    if (m(c, &st, end, 0))
        return 1;
    if (slot)
        *slot = old;
    return 0;
}

static int m(mctx *c, const mstack *in, size_t pos, int adj_next)
{
    if (--c->budget < 0)
        return 0;
    const mstack *top = in; /* the element to match: top's k-th */
    while (top && top->k == top->n)
        top = top->up;
    if (!top)
        return 1;
    const kh_pelem *e = &c->d->pelems.v[top->elems + top->k];
    const mstack st = {top->up, top->elems, top->n, (uint16_t)(top->k + 1), top->depth};
    int adj = e->adj || adj_next;
    size_t hi = c->verb_seen ? c->c1 : c->v0;
    /* Passive voice puts the object before the verb: "sanctions were imposed on Iran",
     * "Sudan's army has been accused of war crimes". The first element after '*' may then
     * be found between the clause start and the verb; the rest follow the verb. */
    if (c->passive && c->verb_seen && c->after_verb == 0 && !adj && pos == c->v1 &&
        e->type != KH_PE_VERB) {
        const mstack *st2 = top; /* this element again */
        c->after_verb = 1;
        /* TABARI tries the pattern as written first ("+ HAVE BEEN * $"); khaldun's own
         * patterns are active, so the object is looked for before the verb first. */
        int ok = 0;
        if (c->doc->opts.tabari)
            ok = m(c, st2, pos, adj_next);
        if (!ok) {
            c->passive = 0;
            ok = m_before(c, st2, pos);
            c->passive = 1;
        }
        if (!ok && !c->doc->opts.tabari)
            ok = m(c, st2, pos, adj_next);
        c->after_verb = 0;
        return ok;
    }
    switch (e->type) {
    case KH_PE_VERB:
        if (pos > c->v0 || (adj && pos != c->v0))
            return 0;
        c->verb_seen = 1;
        if (m(c, &st, c->v1, 0))
            return 1;
        c->verb_seen = 0;
        return 0;
    case KH_PE_WORD: {
        /* TABARI: pattern words take no regular endings ("RESOLUTION_" is not RESOLUTIONS),
         * and a synset member's first word must match exactly. */
        int mode = e->mode;
        if (c->doc->opts.tabari && (mode == KH_WM_ENDINGS || (adj_next && c->in_synset)))
            mode = KH_WM_EXACT;
        c->in_synset = 0;
        for (size_t q = pos; q < hi; q++) {
            if (kh__tok_is_word(c->doc, q, e->arg, mode) && m(c, &st, q + 1, 0)) {
                if (c->nwords < 32)
                    c->words[c->nwords++] = (uint32_t)q;
                return 1;
            }
            if (adj)
                break;
        }
        return 0;
    }
    case KH_PE_SOURCE:
    case KH_PE_TARGET:
    case KH_PE_COMPOUND:
    case KH_PE_SKIP: {
        int k = np_from(c, pos, hi, adj);
        /* TABARI matches the words before the verb backwards from it: "$ HOSTING ^ *" takes
         * the actor nearest before HOSTING. Trying the later actors first gives that. */
        if (k >= 0 && !adj && !c->verb_seen && c->doc->opts.tabari) {
            for (size_t j = c->doc->nnps; j-- > (size_t)k + 1;) {
                const kh_np *np2 = &c->doc->nps[j];
                if (np2->t0 < pos || np2->t0 >= hi || !np2->code || np2->group != (int32_t)j)
                    continue;
                if (m_np_at(c, top, (int)j)) /* m_np_at takes the element again */
                    return 1;
            }
        }
        if (k >= 0) {
            if (m_np_at(c, top, k)) /* m_np_at takes the element again */
                return 1;
        }
        /* PETRARCH: '^' skips a noun phrase, actor or not ("* THEIR ^ ABOUT +" over "their
         * populations about") */
        if (e->type == KH_PE_SKIP && c->doc->opts.petrarch)
            for (size_t q = pos; q < hi; q++) {
                if (c->doc->toks[q].kind == KH_TK_WORD && m(c, &st, q + 1, 0))
                    return 1;
                if (adj)
                    break;
            }
        return 0;
    }
    case KH_PE_ALT: {
        const kh_altset *a = &c->d->alts.v[e->arg];
        if (st.depth >= MAX_FRAMES)
            return 0;
        const kh_wset *first = &c->d->altfirst[e->arg];
        /* all bits: a member starts with something else than a word */
        int filter = !(c->passive && c->verb_seen && c->after_verb == 0) &&
                     (first->b[0] & first->b[1] & first->b[2] & first->b[3]) != ~0ull;
        for (size_t q = pos; q < hi || (q == pos && hi == pos); q++) {
            /* No member can start at q when none of its words is a member's first. */
            if (filter && q < hi) {
                const kh_token *t = &c->doc->toks[q];
                int any = 0;
                for (uint8_t k = 0; k < t->ncand && !any; k++)
                    any = kh__wset_has(first, c->doc->cands[t->cand + k].word);
                if (!any) {
                    if (adj)
                        break;
                    continue;
                }
            }
            const kh_token *tq = q < hi ? &c->doc->toks[q] : NULL;
            const kh_cand *cq = tq ? &c->doc->cands[tq->cand] : NULL;
            /* A big set: only the members that can start at q, by their first words, in
             * order (SIZE_MAX: all of them) */
            uint32_t js[256];
            size_t nj = SIZE_MAX;
            if (a->n > KH_BIG_ALT && !(c->passive && c->verb_seen && c->after_verb == 0))
                nj = alt_members(c->d, e->arg, tq, cq, js, sizeof js / sizeof *js);
            size_t count = nj == SIZE_MAX ? a->n : nj;
            for (size_t x = 0; x < count; x++) {
                uint16_t j = (uint16_t)(nj == SIZE_MAX ? x : js[x]);
                const kh_seq *s = &c->d->seqs.v[a->seqs + j];
                /* A member that starts with a word not at q cannot match here: a big synset
                 * (a currency, a weapon) is tried without a call per member (#7). Its first
                 * word is read from seqfirst, not through the member. */
                uint32_t fw = c->d->seqfirst[a->seqs + j];
                if (fw != UINT32_MAX && !(c->passive && c->verb_seen && c->after_verb == 0)) {
                    if (!tq)
                        continue;
                    int any = 0;
                    for (uint8_t k = 0; k < tq->ncand && !any; k++)
                        any = cq[k].word == fw;
                    if (!any)
                        continue;
                }
                const kh_pelem *f0 = s->n ? &c->d->pelems.v[s->elems] : NULL;
                if (f0 && f0->type == KH_PE_WORD && !(c->passive && c->verb_seen && c->after_verb == 0)) {
                    int mode = f0->mode;
                    if (c->doc->opts.tabari && (mode == KH_WM_ENDINGS || a->synset))
                        mode = KH_WM_EXACT;
                    if (q >= hi || !kh__tok_is_word(c->doc, q, f0->arg, mode))
                        continue;
                }
                const mstack st2 = {&st, s->elems, s->n, 0, st.depth + 1};
                c->in_synset = a->synset;
                if (m(c, &st2, q, 1))
                    return 1;
                c->in_synset = 0;
            }
            if (adj)
                break;
        }
        return 0;
    }
    }
    return 0;
}

/* Tries pattern p on verb group v in clause [c0, c1). */
static int try_pattern(mctx *c, const kh_pattern *p)
{
    const mstack st = {NULL, p->seq.elems, p->seq.n, 0, 1};
    c->verb_seen = 0;
    c->src = c->tgt = c->comp = -1;
    c->nwords = 0;
    c->after_verb = 0;
    c->budget = 20000;
    return m(c, &st, c->c0, 0);
}

/* ------------------------------------------------------------------ events */

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Sets an event's code and what follows from it (root, QuadClass, Goldstein, PLOVER). */
static void set_code(kh_doc *doc, kh_event *e, const char *code)
{
    e->code = code;
    const kh_cameo *cm = kh_cameo_lookup(code);
    e->quad = cm ? cm->quad : 0;
    e->goldstein = cm ? cm->goldstein : 0;
    e->plover_event = cm ? cm->plover_event : NULL;
    e->plover_mode = cm ? cm->plover_mode : NULL;
    char *root = kh__arena_alloc(&doc->arena, 3);
    root[0] = code[0];
    root[1] = code[1] ? code[1] : 0;
    root[2] = 0;
    e->root = root;
}

static int pico_of(const kh_dict *d, const char *code, int32_t *v)
{
    for (size_t i = 0; i < d->picos.n; i++)
        if (!strcmp(d->picos.v[i].code, code)) {
            *v = d->picos.v[i].value;
            return 1;
        }
    return 0;
}

/* PETRARCH-2's combinations (its paper, 4.2.1), with the ontology loaded: a verb of a bare
 * class (say, appeal, intend, demand, threaten: PICO 0xN000; reject: -0xFFFF) coded by its
 * root, followed by "to" and a verb, takes the code whose PICO value is the sum: "intend
 * [0x3000] to help [0x0040]" is 0x3040, CAMEO 033. The verb after "to" is found by word
 * order, not by a parse tree. */
static const char *combine(const kh_dict *d, const kh_doc *doc, const kh_verbgroup *v,
                           const kh_clause *cl, const char *code, FILE *ex)
{
    int32_t p1, p2;
    if (!pico_of(d, code, &p1) || !(p1 == -0xFFFF || (p1 > 0 && (p1 & 0xFFF) == 0)))
        return code;
    size_t j = v->t1;
    if (j < cl->t1 && doc->toks[j].kind == KH_TK_WORD && kh__norm_is(&doc->toks[j], "NOT"))
        j++;
    if (j + 1 >= cl->t1 || !kh__norm_is(&doc->toks[j], "TO"))
        return code;
    for (size_t k = 0; k < doc->nvgs; k++) {
        const kh_verbgroup *v2 = &doc->vgs[k];
        if (v2->t0 != j + 1)
            continue;
        const char *c2 = d->verbs.v[v2->verb].code;
        if (!c2 || !pico_of(d, c2, &p2) || p2 <= 0 || p2 >= 0x1000)
            return code; /* only a verb of the lower levels (aid, cooperate, fight) combines */
        for (size_t i = 0; i < d->picos.n; i++)
            if (d->picos.v[i].value == p1 + p2) {
                if (ex)
                    fprintf(ex, "  combination: %s + %s -> %s\n", code, c2, d->picos.v[i].code);
                return d->picos.v[i].code;
            }
        return code;
    }
    return code;
}

/* Does a transformation's verb name fit event e: its verb block's name, or, for PETRARCH-2's
 * class names that CAMEO.2.0.txt uses without blocks of those names, the CAMEO roots of the
 * class (PETR.Internal.Coding.Ontology.txt: Say 01, Intend 03, Assault 18, Fight 19, Mass
 * violence 20). */
static int verb_fits(const kh_dict *d, const kh_event *e, const char *name)
{
    const char *vn = d->verbs.v[e->verb_index].name;
    if (vn && !strcmp(vn, name))
        return 1;
    static const char *const cls[][4] = {{"SAY", "01"}, {"CLAIM", "01"}, {"WANT", "03"},
                                         {"ATTACK", "18", "19", "20"}};
    for (size_t i = 0; i < sizeof cls / sizeof *cls; i++)
        if (!strcmp(cls[i][0], name))
            for (int k = 1; k < 4 && cls[i][k]; k++)
                if (!strncmp(e->code, cls[i][k], 2))
                    return 1;
    return 0;
}

/* PETRARCH's transformations (CAMEO.2.0.txt "~" lines), as far as clauses allow: an event
 * of verb OUTER and a later event of the sentence, from another verb, whose actors fit
 * become one. "Turkey said Russia attacked" (SAY with TUR, ATTACK with RUS and no target):
 * "~ a (b . ATTACK) SAY = a b 112" gives TUR 112 RUS. The nesting PETRARCH reads from its
 * parse tree is approximated by word order: the inner verb comes after the outer one. */
static void transform(const kh_dict *d, kh_doc *doc, size_t first, FILE *ex)
{
    for (size_t i = first; i < doc->nevents; i++) {
        kh_event *o = &doc->events[i];
        for (size_t j = first; j < doc->nevents; j++) {
            kh_event *in = &doc->events[j];
            if (j == i || in->transformed || o->transformed || in->verb.start <= o->verb.start)
                continue;
            const kh_transform *hit = NULL;
            int same_src = same(in->source.code, o->source.code);
            for (size_t k = 0; k < d->transforms.n && !hit; k++) {
                const kh_transform *t = &d->transforms.v[k];
                /* the actors first: they cost less than the verbs' names */
                if ((t->src == KH_TR_A && !same_src) || (t->src == KH_TR_B && same_src) ||
                    (t->src == KH_TR_NONE && !same_src && in->source.code))
                    continue;
                if ((t->tgt == KH_TR_B) != (in->target.code != NULL))
                    continue;
                if (!verb_fits(d, o, t->outer) || (t->inner && !verb_fits(d, in, t->inner)))
                    continue;
                hit = t;
            }
            if (!hit)
                continue;
            kh_actor b = hit->tgt == KH_TR_B ? in->target : in->source;
            if (!b.code || same(b.code, o->source.code))
                continue;
            if (ex)
                fprintf(ex, " transformation %s:%u: %s %s %s and %s %s %s -> %s %s %s\n",
                        d->files.v[hit->file], hit->line, o->source.code, o->code,
                        o->target.code ? o->target.code : "-", in->source.code ? in->source.code : "-",
                        in->code, in->target.code ? in->target.code : "-", o->source.code,
                        hit->code ? hit->code : in->code, b.code);
            o->target = b;
            set_code(doc, o, hit->code ? hit->code : in->code);
            o->subordinate = 0;
            o->transformed = 1;
            in->transformed = 2; /* consumed */
            break;
        }
    }
    size_t w = first;
    for (size_t i = first; i < doc->nevents; i++) {
        if (doc->events[i].transformed == 2)
            continue;
        if (w != i) /* an event is 496 bytes: most stay where they are (#7) */
            doc->events[w] = doc->events[i];
        w++;
    }
    doc->nevents = w;
}

static void emit(kh_doc *doc, const kh_sentence *se, size_t sent_no, const kh_np *src,
                 const kh_np *tgt, const char *code, const kh_verbgroup *v, const char *file,
                 int line, int compound)
{
    if (src && tgt && src->code && tgt->code && strcmp(src->code, tgt->code) == 0)
        return;
    /* The same event twice from one sentence (a compound met twice) is kept once. Events
     * are in sentence order: only this sentence's, at the end, are looked at. */
    for (size_t i = doc->nevents; i-- > 0 && doc->events[i].sentence == (int)sent_no + 1;) {
        const kh_event *e = &doc->events[i];
        if (strcmp(e->code, code) == 0 &&
            same(e->source.code, src->code) && same(e->target.code, tgt ? tgt->code : NULL))
            return;
    }
    KH_GROW(doc, doc->events, doc->nevents, doc->capevents, kh_event);
    kh_event *e = &doc->events[doc->nevents++];
    memset(e, 0, sizeof *e);
    e->sentence = (int)sent_no + 1;
    e->source.code = src->code;
    e->source.span = (kh_span){doc->toks[src->t0].start, doc->toks[src->t1 - 1].end};
    e->source.inferred = src->inferred;
    if (tgt) {
        e->target.code = tgt->code;
        e->target.inferred = tgt->inferred;
        e->target.span = (kh_span){doc->toks[tgt->t0].start, doc->toks[tgt->t1 - 1].end};
    }
    set_code(doc, e, code);
    e->verb_index = (int)v->verb;
    e->evidence = (kh_span){se->start, se->end};
    e->verb = (kh_span){doc->toks[v->t0].start, doc->toks[v->t1 - 1].end};
    e->pattern_file = file;
    e->pattern_line = line;
    e->passive = v->passive != 0;
    e->compound = compound;
    /* Until the enrich stage reads the sentence (or with events_only): the story's date,
     * no counts. */
    e->date.from_story = 1;
    if (doc->date_num) {
        e->date.year = doc->date_num / 10000;
        e->date.month = doc->date_num / 100 % 100;
        e->date.day = doc->date_num % 100;
        e->date.precision = KH_PREC_DAY;
    }
    for (int k = 0; k < KH_COUNT__N; k++)
        e->counts[k].n = e->counts[k].max = -1;
}

/* Is the phrase at token t the object of a preposition that never heads a subject? 2 for
 * "with", 1 for the others, 0 if not. */
static int after_preposition(const kh_doc *doc, size_t t, size_t lo)
{
    static const char *const preps[] = {"AGAINST", "ON", "ONTO", "UPON", "INTO", "TOWARD",
                                        "TOWARDS", "OVER", "WITH", NULL};
    static const char *const dets[] = {"THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", NULL};
    while (t > lo) {
        const char *w = doc->toks[t - 1].norm;
        int det = 0;
        for (const char *const *p = dets; *p; p++)
            det |= strcmp(w, *p) == 0;
        if (!det)
            break;
        t--;
    }
    if (t == lo)
        return 0;
    for (const char *const *p = preps; *p; p++)
        if (strcmp(doc->toks[t - 1].norm, *p) == 0)
            return strcmp(*p, "WITH") == 0 ? 2 : 1;
    return 0;
}

/* The subject noun phrase of clause c before token lim: nearest actor phrase, else the
 * subject of the clause it continues, else a relative clause's antecedent. */
static int subject_of(const kh_doc *doc, size_t c, size_t lim, int depth)
{
    const kh_clause *cl = &doc->clauses[c];
    int best = -1, governed = 0;
    for (size_t k = 0; k < doc->nnps; k++) {
        const kh_np *np = &doc->nps[k];
        if (np->t0 >= cl->t0 && np->t1 <= lim && np->code && !np->location) {
            /* "Israeli airstrikes on Gaza killed...", "the offensive against Tripoli
             * killed...": the object of a preposition is not the subject. */
            int g = doc->opts.tabari ? 0 : after_preposition(doc, np->t0, cl->t0);
            /* "..., with Trump accusing Zelenskiy": the subject of the participle after it */
            if (g == 2 && np->t1 == lim)
                g = 0;
            if (g && best >= 0 && !governed)
                continue;
            best = (int)k;
            governed = g;
        }
    }
    if (best >= 0 && governed)
        best = -1;
    if (best >= 0 && doc->opts.tabari) {
        /* TABARI 5.8: the first actor of the clause before the verb. */
        for (size_t k = 0; k < doc->nnps; k++) {
            const kh_np *np = &doc->nps[k];
            if (np->t0 >= cl->t0 && np->t1 <= lim && np->code)
                return (int)k;
        }
    }
    if (best >= 0) {
        /* The nearest phrase, but a compound counts from its first member. */
        for (size_t k = 0; k < doc->nnps; k++)
            if (doc->nps[k].group == doc->nps[best].group) {
                best = (int)k;
                break;
            }
        return best;
    }
    if (cl->antecedent >= 0)
        return cl->antecedent;
    if (cl->subject_from >= 0 && depth < 8) {
        /* The subject of the clause this one continues: before that clause's first verb. */
        const kh_clause *pc = &doc->clauses[cl->subject_from];
        return subject_of(doc, (size_t)cl->subject_from, pc->first_verb, depth + 1);
    }
    return -1;
}

/* Is np a bare role ("troops", "police"): its code made from an agent alone? */
static int np_is_role(const kh_doc *doc, const kh_np *np)
{
    for (size_t i = np->t0; i < np->t1; i++) {
        int32_t m = doc->toks[i].match;
        if (m >= 0 && doc->matches[m].kind == KH_PH_ACTOR)
            return 0;
    }
    return !np->pronoun;
}

/* The first actor phrase after the verb in the clause with a code other than avoid, not
 * made of words a pattern matched ("- * TROOPS_"). A role with no country ("troops",
 * "a drug lord") gives way to a later phrase that names one. */
static int object_of(const kh_doc *doc, size_t from, size_t lim, const char *avoid,
                     const mctx *c)
{
    int weak = -1, consumed = -1;
    for (size_t k = 0; k < doc->nnps; k++) {
        const kh_np *np = &doc->nps[k];
        if (np->t0 < from || np->t0 >= lim || !np->code ||
            (np->location && !doc->opts.tabari) || (avoid && strcmp(np->code, avoid) == 0))
            continue;
        /* Only the phrase's actor and agent words count: "- * FROM_ &TOWN" may take "city"
         * from "the Ukrainian city of Kherson" and leave it a target. */
        int used = 0;
        for (int w = 0; c && w < c->nwords; w++)
            used |= c->words[w] >= np->t0 && c->words[w] < np->t1 &&
                    doc->toks[c->words[w]].match >= 0 &&
                    doc->matches[doc->toks[c->words[w]].match].kind != KH_PH_VERB;
        if (used && np_is_role(doc, np) && !doc->opts.tabari) {
            /* "- * &PROTESTERS": a bare role the pattern's own words named is a target of
             * last resort ("Police arrested protesters"), after any other actor ("sent troops
             * to Libya"). With a country it is a target like any ("expelled the French
             * ambassador"). */
            if (consumed < 0)
                consumed = (int)k;
            continue;
        }
        /* "Pakistan placed its armed forces on alert": the source's own people. */
        if (np->pronoun && avoid && strncmp(np->code, avoid, strlen(avoid)) == 0)
            continue;
        if (np_is_role(doc, np) && !doc->opts.tabari) {
            /* A bare role is a target only as the verb's direct object ("killed two
             * civilians"), not further off ("laid a wreath at a memorial to children"). */
            if (weak < 0 && np->t0 <= from + 3)
                weak = (int)k;
            continue;
        }
        return (int)k;
    }
    return weak >= 0 ? weak : consumed;
}

/* "by" + actor after a passive verb. */
static int by_agent(const kh_doc *doc, size_t from, size_t lim)
{
    for (size_t i = from; i < lim; i++) {
        if (!kh__norm_is(&doc->toks[i], "BY"))
            continue;
        for (size_t k = 0; k < doc->nnps; k++)
            if (doc->nps[k].t0 > i && doc->nps[k].t0 <= i + 3 && doc->nps[k].code)
                return (int)k;
        return -1;
    }
    return -1;
}

static void print_np(FILE *ex, const kh_doc *doc, int k)
{
    if (k < 0) {
        fputs("-", ex);
        return;
    }
    const kh_np *np = &doc->nps[k];
    fprintf(ex, "%s \"%.*s\"", np->code ? np->code : "?",
            (int)(doc->toks[np->t1 - 1].end - doc->toks[np->t0].start),
            doc->text + doc->toks[np->t0].start);
}

/* A stand-in actor phrase for a default code, spanning the verb. */
static int pseudo_np(kh_doc *doc, const kh_verbgroup *v, const char *code)
{
    KH_GROW(doc, doc->nps, doc->nnps, doc->capnps, kh_np);
    kh_np *np = &doc->nps[doc->nnps];
    memset(np, 0, sizeof *np);
    np->t0 = v->t0;
    np->t1 = v->t1;
    np->code = code;
    np->group = (int32_t)doc->nnps;
    return (int)doc->nnps++;
}

/* Do noun phrases a and b stand for different actors (code, or compound)? */
static int differs(const kh_doc *doc, int a, int b)
{
    if (a < 0 || b < 0)
        return 1;
    const kh_np *x = &doc->nps[a], *y = &doc->nps[b];
    return x->group != y->group && strcmp(x->code, y->code) != 0;
}

/* TABARI's source and target (docs/tabari-suite.md 5.11, manual 5.8 and 8.5): the source is
 * the first actor of the clause (or the one carried from the clause before, or the default);
 * the target the first differing actor after the verb, else the default (AFTER), else the
 * nearest differing actor before the verb, else the compound source itself, else the
 * default target when a default source exists. */
static void tabari_actors(kh_doc *doc, const kh_verbgroup *v, const kh_clause *cl, int *src,
                          int *tgt, int src_from_pattern)
{
    const kh_options *o = &doc->opts;
    if (*src < 0) {
        int first = -1;
        for (size_t k = 0; k < doc->nnps && first < 0; k++) {
            const kh_np *np = &doc->nps[k];
            if (np->t0 >= cl->t0 && np->t0 < cl->t1 && np->code && differs(doc, (int)k, *tgt))
                first = (int)k;
        }
        /* Does the clause begin with that actor ("and" and articles before it aside)? */
        size_t b = cl->t0;
        while (b < cl->t1 && (kh__norm_is(&doc->toks[b], "AND") || kh__norm_is(&doc->toks[b], "BUT") ||
                              kh__norm_is(&doc->toks[b], "OR") || kh__norm_is(&doc->toks[b], "NOR") ||
                              kh__norm_is(&doc->toks[b], "THE") || kh__norm_is(&doc->toks[b], "A")))
            b++;
        int begins = first >= 0 && doc->nps[first].t0 == b;
        /* PETRARCH: the subject before the verb, wherever the clause begins */
        if (o->petrarch && first >= 0 && doc->nps[first].t1 <= v->t0)
            begins = 1;
        if (!begins && doc->carry_source >= 0)
            *src = doc->carry_source; /* carried from the clause before */
        else if (first >= 0 && doc->nps[first].t0 >= v->t1 && o->default_source[0] &&
                 o->default_source_prior)
            *src = pseudo_np(doc, v, o->default_source);
        else if (first >= 0)
            *src = first;
        else if (o->default_source[0])
            *src = pseudo_np(doc, v, o->default_source);
    }
    (void)src_from_pattern;
    if (*src >= 0)
        doc->carry_source = *src;
    if (*tgt >= 0)
        return;
    for (size_t k = 0; k < doc->nnps && *tgt < 0; k++) {
        const kh_np *np = &doc->nps[k];
        if (np->t0 >= v->t1 && np->t0 < cl->t1 && np->code && differs(doc, (int)k, *src))
            *tgt = (int)k;
    }
    if (*tgt >= 0)
        return;
    if (o->default_target[0] && o->default_target_after) {
        *tgt = pseudo_np(doc, v, o->default_target);
        return;
    }
    for (size_t k = doc->nnps; k-- > 0 && *tgt < 0;) {
        const kh_np *np = &doc->nps[k];
        if (np->t1 <= v->t0 && np->t0 >= cl->t0 && np->code && differs(doc, (int)k, *src)) {
            /* found looking back: that actor alone, not its compound (DEBUG-17) */
            KH_GROW(doc, doc->nps, doc->nnps, doc->capnps, kh_np);
            doc->nps[doc->nnps] = doc->nps[k];
            doc->nps[doc->nnps].group = (int32_t)doc->nnps;
            *tgt = (int)doc->nnps++;
        }
    }
    if (*tgt >= 0 || *src < 0)
        return;
    int members = 0;
    for (size_t k = 0; k < doc->nnps; k++)
        members += doc->nps[k].group == doc->nps[*src].group;
    if (members > 1)
        *tgt = *src;
    else if (o->default_source[0] && o->default_target[0])
        *tgt = pseudo_np(doc, v, o->default_target);
}

/* Codes verb group v of clause c. Returns 1 if it ends the clause (an event, a negation or
 * a verb with a code but no source), 0 to go on to the next verb. */
static int code_verb(const kh_dict *d, kh_doc *doc, size_t s, size_t vi, int *subord_only,
                     int nominal, FILE *ex)
{
    const kh_sentence *se = &doc->sents[s];
    const kh_verbgroup *v = &doc->vgs[vi];
    const kh_clause *cl = &doc->clauses[v->clause];
    const kh_verb_entry *ve = &d->verbs.v[v->verb];
    mctx c = {d, doc, cl->t0, cl->t1, v->t0, v->t1, 0, 0, -1, -1, -1, v->passive != 0, 0, 0, {0}, 0};
    const kh_pattern *hit = NULL;
    unsigned hit_len = 0;
    const kh_patq *pq = &d->patq[ve->pats];
    for (uint16_t i = 0; i < ve->npats; i++) {
        /* Sorted longest first: nothing longer is left. Tested first, as the patterns
         * after it would all be passed over or end the search here. */
        if (hit && pq[i].length <= hit_len && d->pats_sorted)
            break;
        /* A word the pattern requires is not in the clause: its signature says so without
         * reading the pattern (#7: verbs such as SAY have hundreds of patterns). */
        if (pq[i].sig & ~doc->clausesig)
            continue;
        if (pq[i].nreq) {
            /* Every group of required words must have one in the clause. */
            const uint32_t *g = &d->reqwords.v[pq[i].req];
            int all = 1;
            for (uint16_t r = 0; r < pq[i].nreq && all; r++) {
                uint32_t n = *g++, any = 0;
                for (uint32_t k = 0; k < n && !any; k++)
                    any = (doc->clausewords[g[k] >> 3] >> (g[k] & 7)) & 1;
                all = any != 0;
                g += n;
            }
            if (!all)
                continue;
        }
        const kh_pattern *p = &d->pats.v[ve->pats + i];
        if (hit && p->length <= hit_len)
            break; /* sorted longest first: nothing longer is left */
        if (doc->opts.petrarch && (p->flags & KH_CODE_COMPLEX))
            continue; /* PETRARCH does not implement [+++] patterns (its DEMO-04) */
        mctx try = c;
        if (try_pattern(&try, p)) {
            /* TABARI 5.7.1: a match through alternatives counts only the letters it really
             * matched; a longer pattern still wins over it. */
            unsigned letters = 0;
            for (int w = 0; w < try.nwords; w++)
                letters += doc->toks[try.words[w]].nlen;
            int has_alt = 0;
            for (uint16_t k = 0; k < p->seq.n; k++) {
                const kh_pelem *pe = &d->pelems.v[p->seq.elems + k];
                /* PETRARCH counts what a synset matched too: "austrian gold florin" is
                 * the longer currency */
                has_alt |= pe->type == KH_PE_ALT && (!d->alts.v[pe->arg].synset || doc->opts.petrarch);
            }
            unsigned len = has_alt && letters < p->length ? letters : p->length;
            if (hit && len <= hit_len)
                continue; /* an earlier match through alternatives matched more */
            hit = p;
            hit_len = len;
            c = try;
            if (!has_alt || hit_len >= p->length)
                break;
        }
    }
    const char *code = hit ? hit->code : ve->code;
    uint8_t flags = hit ? hit->flags : ve->flags;
    if (flags & (KH_CODE_DISCARD | KH_CODE_COMPLEX)) {
        /* [###] and [+++]: the sentence is not coded (TABARI 6.3, 6.4). */
        doc->skip_sentence = (flags & KH_CODE_DISCARD) ? 1 : 2;
        return 1;
    }
    if (!hit && code && d->picos.n)
        code = combine(d, doc, v, cl, code, ex);
    const char *file = d->files.v[hit ? hit->file : ve->file];
    int line = (int)(hit ? hit->line : ve->line);
    if (ex) {
        fprintf(ex, "  verb \"%.*s\" root %s (%s:%d)%s%s: ",
                (int)(doc->toks[v->t1 - 1].end - doc->toks[v->t0].start),
                doc->text + doc->toks[v->t0].start, ve->name, d->files.v[ve->file], ve->line,
                v->passive ? " passive" : "", v->negated ? " negated" : "");
        if (hit)
            fprintf(ex, "pattern %s:%u -> %s%s\n", file, hit->line, code ? code : "---",
                    (flags & KH_CODE_SUBORD) ? "?" : "");
        else
            fprintf(ex, "no pattern, root code %s%s\n", code ? code : "---",
                    (flags & KH_CODE_SUBORD) ? "?" : "");
    }
    /* A pattern that names words before the verb ("- &NEGATVAUXVRB * [904]": "didn't
     * clash") has read the negation itself. */
    int negated = v->negated && !doc->opts.tabari; /* TABARI leaves negation to patterns */
    for (int w = 0; hit && negated && w < c.nwords; w++)
        if (c.words[w] < v->t0)
            negated = 0;
    if (negated) {
        /* "did not sign a statement condemning Russia": nothing in the clause happened. */
        if (ex)
            fprintf(ex, "    negated: no event\n");
        return 1;
    }
    if (!code)
        return 0;
    int src = c.src, tgt = c.tgt;
    if (c.comp >= 0) {
        src = tgt = c.comp;
    }
    const kh_options *o = &doc->opts;
    if (o->tabari) {
        int by_rules = src < 0 && tgt < 0;
        tabari_actors(doc, v, cl, &src, &tgt, c.src >= 0);
        /* TABARI 7.9 as its code does it: swap only when both actors came from the default
         * rules, BY stands 1-3 words after the verb and WAS, WERE or BEEN 1-2 words before. */
        if (by_rules && src >= 0 && tgt >= 0) {
            int by = 0, aux = 0;
            for (size_t k = v->t1; k < v->t1 + 3 && k < cl->t1; k++)
                by |= kh__norm_is(&doc->toks[k], "BY");
            for (size_t k = v->t0; k > cl->t0 && k + 1 >= v->t0; k--) {
                const kh_token *w = &doc->toks[k - 1];
                aux |= kh__norm_is(w, "WAS") || kh__norm_is(w, "WERE") || kh__norm_is(w, "BEEN");
            }
            if (by && aux) {
                int t = src;
                src = tgt;
                tgt = t;
            }
        }
    } else {
        if (v->passive && src < 0) {
            src = by_agent(doc, v->t1, cl->t1);
            if (tgt < 0)
                tgt = subject_of(doc, v->clause, v->t0, 0);
        }
        if (!v->passive && src < 0) {
            src = subject_of(doc, v->clause, v->t0, 0);
            /* A noun carries an event only with its own actor: "Putin's call", "Turkish
             * shelling", not "received support of some countries". */
            const kh_token *pp = v->t0 > 0 ? &doc->toks[v->t0 - 1] : NULL;
            int posspro = pp && (kh__norm_is(pp, "THEIR") || kh__norm_is(pp, "HIS") ||
                                 kh__norm_is(pp, "HER") || kh__norm_is(pp, "ITS") ||
                                 kh__norm_is(pp, "OUR"));
            if (nominal && !posspro && !doc->opts.tabari && src >= 0 && doc->nps[src].t1 != v->t0) {
                int k = -1;
                for (size_t j = 0; j < doc->nnps; j++)
                    if (doc->nps[j].t1 == v->t0 && doc->nps[j].code)
                        k = (int)j;
                src = k;
            }
        }
        /* A report verb's object is what was said, not a target. */
        if (!v->passive && tgt < 0 && (!(flags & KH_CODE_SUBORD) || doc->opts.tabari))
            tgt = object_of(doc, v->t1, cl->t1, src >= 0 ? doc->nps[src].code : NULL, hit ? &c : NULL);
        /* TABARI 5.8: else the first actor before the verb with another code than the source. */
        int after = object_of(doc, v->t1, cl->t1, NULL, NULL) >= 0;
        if (o->tabari && !v->passive && tgt < 0 && src >= 0 &&
            !(o->default_target[0] && o->default_target_after && !after))
            tgt = object_of(doc, cl->t0, v->t0, doc->nps[src].code, NULL);
        /* TABARI 8.5: default codes where the searches found no actor (PRIOR: no actor before
         * the verb; AFTER: none after it). */
        if (o->tabari && o->default_source[0]) {
            int prior = subject_of(doc, v->clause, v->t0, 0) >= 0;
            if (src < 0 || (o->default_source_prior && !prior))
                src = pseudo_np(doc, v, o->default_source);
        }
        if (o->tabari && o->default_target[0] && (tgt < 0 || (o->default_target_after && !after)))
            tgt = pseudo_np(doc, v, o->default_target);
    }
    if (ex) {
        fputs("    source ", ex);
        print_np(ex, doc, src);
        fputs(", target ", ex);
        print_np(ex, doc, tgt);
        fputc('\n', ex);
    }
    if (src < 0 || !doc->nps[src].code) {
        /* Without a source nothing is coded. A passive verb still ends the clause ("Russia
         * is accused of supporting Haftar" is no support by Russia); an active one was
         * likely a noun ("shells fired by LNA forces killed ...") and the scan goes on. */
        return (v->passive && !(flags & KH_CODE_SUBORD)) ? 1 : 0;
    }
    /* TABARI: "a text with a missing source or target will not generate an event" (8.5). */
    if (o->tabari && tgt < 0 && !o->petrarch) { /* PETRARCH's require_dyad is the caller's */
        int n = 0;
        for (size_t k = 0; k < doc->nnps; k++)
            n += doc->nps[k].group == doc->nps[src].group;
        if (n < 2)
            return 0;
    }
    int32_t sg = doc->nps[src].group, tg = tgt >= 0 ? doc->nps[tgt].group : -1;
    int compound_self = 0;
    if (tgt < 0 || tg == sg) {
        int n = 0;
        for (size_t k = 0; k < doc->nnps; k++)
            n += doc->nps[k].group == sg;
        /* TABARI 5.8: a compound source is its own target; khaldun keeps that for the
         * reciprocal kinds of event (cooperation 03-06, clashes 19) where "Turkey and Russia
         * met" means each met the other, not for appeals or threats. */
        int reciprocal = (code[0] == '0' && code[1] >= '3' && code[1] <= '6') ||
                         (code[0] == '1' && code[1] == '9');
        if (n > 1 && reciprocal) {
            compound_self = 1;
            tg = sg;
        } else {
            tg = -1;
            tgt = -1;
        }
    }
    size_t before = doc->nevents;
    for (size_t a = 0; a < doc->nnps; a++) {
        if (doc->nps[a].group != sg || !doc->nps[a].code)
            continue;
        if (tg < 0) {
            emit(doc, se, s, &doc->nps[a], NULL, code, v, file, line, 0);
            continue;
        }
        for (size_t b = 0; b < doc->nnps; b++) {
            if (doc->nps[b].group != tg || !doc->nps[b].code || (compound_self && a == b))
                continue;
            emit(doc, se, s, &doc->nps[a], &doc->nps[b], code, v, file, line,
                 compound_self || doc->nps[a].group != (int32_t)a || doc->nps[b].group != (int32_t)b);
        }
    }
    /* A paired code [032:033] ("left for Gondor": a visit, and Gondor receives it) codes
     * the second event from the target back to the source. */
    const char *pair = hit ? hit->pair : ve->pair;
    if (pair && tg >= 0)
        for (size_t b = 0; b < doc->nnps; b++) {
            if (doc->nps[b].group != tg || !doc->nps[b].code)
                continue;
            for (size_t a = 0; a < doc->nnps; a++)
                if (doc->nps[a].group == sg && doc->nps[a].code)
                    emit(doc, se, s, &doc->nps[b], &doc->nps[a], pair, v, file, line, 0);
        }
    if (flags & KH_CODE_DOMINANT)
        for (size_t i = before; i < doc->nevents; i++)
            doc->events[i].dominant = 1;
    if (doc->nevents > before && (flags & KH_CODE_SUBORD)) {
        for (size_t i = before; i < doc->nevents; i++)
            doc->events[i].subordinate = 1;
        return 0;
    }
    if (doc->nevents > before)
        *subord_only = 0;
    return 1;
}

int kh__sentence_special(const kh_doc *doc, size_t s)
{
    const kh_sentence *se = &doc->sents[s];
    int found = 0;
    if (!doc->nspecial)
        return 0;
    /* the lexicon has judged each match (kh_match.special) */
    for (size_t i = se->t0; i < se->t1; i++) {
        int32_t mi = doc->toks[i].match;
        if (mi < 0 || doc->matches[mi].t0 != i || !doc->matches[mi].special)
            continue;
        int sp = doc->matches[mi].special;
        if (sp != 2)
            return sp; /* a discard; "####": a story discard (PETRARCH) */
        found = 2;     /* "+++": too complex, unless a discard follows */
    }
    return found;
}

void kh__code_sentence(const kh_dict *d, kh_doc *doc, size_t s, int special, FILE *ex)
{
    size_t first_event = doc->nevents;
    int subord_only = 1;
    /* A word coded ### (discard) or +++ (too complex) keeps the sentence from coding. */
    doc->carry_source = -1;
    doc->skip_sentence = special >= 0 ? special : kh__sentence_special(doc, s);
    if (doc->skip_sentence) {
        if (ex)
            fprintf(ex, " not coded: a word is coded ### (discard) or +++ (complex)\n");
        return;
    }
    for (size_t c = 0; c < doc->nclauses; c++) {
        const kh_clause *cl = &doc->clauses[c];
        if (ex)
            fprintf(ex, " clause %zu: \"%.*s\"\n", c + 1,
                    (int)(doc->toks[cl->t1 - 1].end - doc->toks[cl->t0].start),
                    doc->text + doc->toks[cl->t0].start);
        int done = 0;
        /* TABARI 7.6: a clause of fewer than three words is not coded ("Ithilen's awful"). */
        if (doc->opts.tabari) {
            size_t a = cl->t0;
            const kh_token *w0 = &doc->toks[a];
            if (kh__norm_is(w0, "AND") || kh__norm_is(w0, "BUT") || kh__norm_is(w0, "OR") ||
                kh__norm_is(w0, "NOR"))
                a++;
            if (cl->t1 < a + 3)
                continue;
        }
        /* The dictionary words this clause can contain, for the patterns' quick check. */
        if (!doc->clausewords) {
            /* kept by the thread from story to story: all zero between clauses */
            doc->clausewords = kh__scratch(KH_SCRATCH_CLAUSE, d->wordstr.n / 8 + 1, d->serial);
            if (!doc->clausewords)
                doc->clausewords = kh__arena_zalloc(&doc->arena, d->wordstr.n / 8 + 1);
        }
        /* the clause's tokens' candidates lie together in doc->cands, in token order */
        size_t c0 = 0, c1 = 0;
        if (cl->t1 > cl->t0) {
            c0 = doc->toks[cl->t0].cand;
            c1 = doc->toks[cl->t1 - 1].cand + doc->toks[cl->t1 - 1].ncand;
        }
        uint64_t sig = 0;
        for (size_t k = c0; k < c1; k++) {
            uint32_t w = doc->cands[k].word;
            doc->clausewords[w >> 3] |= (uint8_t)(1u << (w & 7));
            sig |= 1ull << (doc->cands[k].bit >> 2); /* kh__sigbit(w) */
        }
        doc->clausesig = sig;
        /* Verbs first, then nouns that carry events. */
        for (int pass = 0; pass < 2 && !done; pass++) {
            for (size_t vi = 0; vi < doc->nvgs && !done; vi++) {
                const kh_verbgroup *v = &doc->vgs[vi];
                if (v->clause != c)
                    continue;
                int nominal = kh__vg_nominal(doc, v, cl->t0);
                /* In "after its missile and drone attack", "after days of student protests"
                 * a bare or plural form with no auxiliary is a noun. */
                if (cl->subordinate && !v->participle && !v->passive && !v->aux) {
                    const kh_token *vt = &doc->toks[v->t1 - 1];
                    if (vt->nlen < 4 || memcmp(vt->norm + vt->nlen - 3, "ING", 3) != 0)
                        nominal = 1;
                }
                if (nominal != pass)
                    continue;
                /* "shells fired by LNA forces killed two civilians": a participle with its
                 * "by" before the clause's main verb describes the subject. */
                if (v->passive == 2 && vi + 1 < doc->nvgs && doc->vgs[vi + 1].clause == c)
                    continue;
                /* "after Israel's strikes", "after days of protests": a noun in a
                 * subordinate clause is background, not news. */
                if (pass == 1 && cl->subordinate)
                    continue;
                done = code_verb(d, doc, s, vi, &subord_only, pass, ex);
                if (doc->opts.code_by == 2)
                    done = 0; /* CODE ALL: every verb */
            }
        }
        for (size_t k = c0; k < c1; k++)
            doc->clausewords[doc->cands[k].word >> 3] = 0;
        /* CODE BY SENTENCE: the first event of the sentence only. */
        if (doc->opts.code_by == 1 && !subord_only)
            break;
    }
    if (d->transforms.n)
        transform(d, doc, first_event, ex);
    /* Subordinate events go when the sentence has any other (TABARI 6.6.1); a dominant
     * event leaves only the dominant ones (6.6.2). */
    int dominant = 0;
    for (size_t i = first_event; i < doc->nevents; i++)
        dominant |= doc->events[i].dominant;
    size_t o = first_event;
    for (size_t i = first_event; i < doc->nevents; i++) {
        kh_event *e = &doc->events[i];
        if ((e->subordinate && !subord_only && !doc->opts.petrarch) || (dominant && !e->dominant))
            continue;
        if (o != i)
            doc->events[o] = *e;
        o++;
    }
    doc->nevents = o;
    if (doc->skip_sentence) {
        if (ex)
            fprintf(ex, " not coded: a verb or pattern is coded ### (discard) or +++ (complex)\n");
        doc->nevents = first_event;
        return;
    }
    /* The story remembers its last actor for pronouns in later sentences. */
    if (doc->nevents > first_event) {
        doc->last_actor = doc->events[first_event].source.code;
    } else {
        for (size_t k = 0; k < doc->nnps; k++)
            if (doc->nps[k].code && !doc->nps[k].location && !doc->nps[k].pronoun) {
                doc->last_actor = doc->nps[k].code;
                break;
            }
    }
}
