/*
 * explain.c - "khaldun explain": what each stage made of a text, for dictionary authors.
 */
#include <string.h>

#include "doc.h"
#include "enrich.h" /* enrich stage (issue #6) */

void kh__prepare(const kh_dict *dict, kh_doc *doc);

static const char *const k_kind[] = {"null", "actor", "agent", "verb"};
static const char *const k_sent[] = {"text", "headline", "fragment (not coded)"};

static void span(FILE *o, const kh_doc *doc, size_t a, size_t b)
{
    fprintf(o, "%.*s", (int)(doc->toks[b - 1].end - doc->toks[a].start), doc->text + doc->toks[a].start);
}

kh_status kh_explain(FILE *o, const kh_dict *d, kh_doc *doc)
{
    if (!d->frozen)
        kh_dict_freeze((kh_dict *)d);
    kh__prepare(d, doc);
    size_t before = 0;
    for (size_t s = 0; s < doc->nsents; s++) {
        const kh_sentence *se = &doc->sents[s];
        fprintf(o, "sentence %zu [%u-%u] %s: %.*s\n", s + 1, se->start, se->end,
                k_sent[se->kind], (int)(se->end - se->start), doc->text + se->start);
        fputs(" tokens:", o);
        for (size_t i = se->t0; i < se->t1; i++) {
            const kh_token *t = &doc->toks[i];
            fprintf(o, " %s", t->norm);
            for (uint8_t c = 0; c < t->ncand; c++) {
                const kh_cand *k = &doc->cands[t->cand + c];
                const char *w = d->wordstr.v[k->word];
                fprintf(o, "%s%s%s", c ? "," : "{", strcmp(w, t->norm) ? w : "=",
                        k->how == KH_HOW_STEM ? "*" : "");
            }
            if (t->ncand)
                fputc('}', o);
        }
        fputc('\n', o);
        for (size_t m = 0; m < doc->nmatches; m++) {
            const kh_match *mm = &doc->matches[m];
            if (mm->t0 < se->t0 || mm->t0 >= se->t1)
                continue;
            const kh_phrase *ph = &d->phrases.v[mm->phrase];
            fprintf(o, " match %s \"", k_kind[mm->kind]);
            span(o, doc, mm->t0, mm->t1);
            fprintf(o, "\" (%s:%u)\n", d->files.v[ph->file], ph->line);
        }
        if (se->kind == KH_SENT_FRAGMENT)
            continue;
        kh__parse(d, doc, s);
        kh__places_sentence(doc, s); /* places (issue #6) */
        for (size_t k = 0; k < doc->nnps; k++) {
            const kh_np *np = &doc->nps[k];
            fprintf(o, " phrase %s \"", np->code ? np->code : "(no code)");
            span(o, doc, np->t0, np->t1);
            fprintf(o, "\"%s%s%s\n", np->pronoun ? " pronoun" : "", np->location ? " place" : "",
                    np->group != (int32_t)k ? " (compound)" : "");
        }
        for (size_t k = 0; k < doc->nvgs; k++) {
            const kh_verbgroup *v = &doc->vgs[k];
            fputs(" verb \"", o);
            span(o, doc, v->t0, v->t1);
            fprintf(o, "\" in clause %u%s%s\n", v->clause + 1, v->passive ? " passive" : "",
                    v->negated ? " negated" : "");
        }
        kh__code_sentence(d, doc, s, -1, o);
        for (size_t e = before; e < doc->nevents; e++) {
            const kh_event *ev = &doc->events[e];
            fprintf(o, " EVENT %s %s %s  (%s:%d)\n", ev->source.code, ev->code,
                    ev->target.code ? ev->target.code : "-", ev->pattern_file, ev->pattern_line);
        }
        /* enrich (issue #6): the date and count decisions and why */
        if (!doc->skip_sentence)
            kh__enrich(doc, s, before, o);
        before = doc->nevents;
    }
    /* places (issue #6): the toponyms, their candidates, the context and the choices */
    if (doc->opts.gazetteer)
        kh__places(d, doc, o);
    return KH_OK;
}
