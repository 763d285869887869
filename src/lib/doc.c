/*
 * doc.c - stories, errors, and kh_code(): the pipeline run on one story.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "enrich.h" /* enrich stage (issue #6) */
#include "util/utf8.h"

static const char *const k_errname[] = {
#define KH__NAME(name, msg) "KH_" #name,
    KH_ERR_MAP(KH__NAME)
#undef KH__NAME
};

static const char *const k_errmsg[] = {
#define KH__MSG(name, msg) msg,
    KH_ERR_MAP(KH__MSG)
#undef KH__MSG
};

const char *kh_strerror(kh_status s)
{
    return (unsigned)s < KH_ERR__COUNT ? k_errmsg[s] : "unknown error";
}

const char *kh_errname(kh_status s)
{
    return (unsigned)s < KH_ERR__COUNT ? k_errname[s] : "KH_UNKNOWN";
}

void kh_diag_print(const kh_diag *d, FILE *out)
{
    if (d->file[0])
        fprintf(out, "%s:", d->file);
    if (d->line)
        fprintf(out, "%ld:", d->line);
    if (d->column)
        fprintf(out, "%ld:", d->column);
    else if (d->byte)
        fprintf(out, " byte %ld:", d->byte);
    fprintf(out, "%s%s\n", (d->file[0] || d->line) ? " " : "",
            d->message[0] ? d->message : kh_strerror(d->code));
}

int32_t kh__parse_iso_date(const char *s)
{
    if (!s)
        return 0;
    int dig[10]; /* the digits, read once (no atoi: one call per story, #7) */
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] >= '0' && s[i] <= '9') {
            dig[i] = s[i] - '0';
        } else {
            return 0; /* and a string shorter than ten stops here, at its NUL */
        }
    }
    int y = dig[0] * 1000 + dig[1] * 100 + dig[2] * 10 + dig[3];
    int m = dig[5] * 10 + dig[6], d = dig[8] * 10 + dig[9];
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return y * 10000 + m * 100 + d;
}

/* Fills a zeroed doc whose arena is ready. */
static void doc_init(kh_doc *doc, const char *id, const char *date, const char *text, size_t len)
{
    doc->id = kh__arena_strdup(&doc->arena, id ? id : "");
    doc->date_num = kh__parse_iso_date(date);
    if (doc->date_num)
        doc->date = kh__arena_strndup(&doc->arena, date, 10);
    doc->text = kh__utf8_repair(&doc->arena, text ? text : "", text ? len : 0, &doc->len,
                                &doc->bad_utf8, &doc->first_bad);
    doc->mojibake = kh__fix_mojibake(doc->text, &doc->len);
}

kh_doc *kh_doc_new(const char *id, const char *date, const char *text, size_t len)
{
    kh_doc *doc = kh__xcalloc(1, sizeof *doc);
    kh__arena_init(&doc->arena);
    doc_init(doc, id, date, text, len);
    return doc;
}

kh_doc *kh__doc_reuse(kh_doc *doc, const char *id, const char *date, const char *text, size_t len)
{
    if (!doc)
        return kh_doc_new(id, date, text, len);
    kh_arena a = doc->arena;
    kh__arena_reset(&a, (size_t)1 << 17); /* a big story's blocks are not kept */
    memset(doc, 0, sizeof *doc);
    doc->arena = a;
    doc_init(doc, id, date, text, len);
    return doc;
}

void kh_doc_set_meta(kh_doc *doc, const char *title, const char *source, const char *url)
{
    doc->title = kh__arena_strdup(&doc->arena, title);
    doc->source = kh__arena_strdup(&doc->arena, source);
    doc->url = kh__arena_strdup(&doc->arena, url);
}

void kh_doc_free(kh_doc *doc)
{
    if (!doc)
        return;
    kh__arena_free(&doc->arena);
    free(doc);
}

const char *kh_doc_id(const kh_doc *doc) { return doc->id; }
const char *kh_doc_date(const kh_doc *doc) { return doc->date; }

const char *kh_doc_text(const kh_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}

size_t kh_doc_bad_utf8(const kh_doc *doc, size_t *first_byte)
{
    if (first_byte)
        *first_byte = doc->first_bad;
    return doc->bad_utf8;
}

size_t kh_doc_nevents(const kh_doc *doc) { return doc->nevents; }

const kh_event *kh_doc_event(const kh_doc *doc, size_t i)
{
    return i < doc->nevents ? &doc->events[i] : NULL;
}

void kh_doc_code_stats(const kh_doc *doc, kh_code_stats *out)
{
    *out = doc->stats;
}

/* kh__prepare's first stage: the tokens. */
static void prepare_tokens(kh_doc *doc)
{
    doc->ntoks = doc->nsents = doc->nmatches = doc->ncands = doc->nevents = 0;
    doc->nspecial = 0;
    doc->clausewords = NULL;
    doc->last_actor = NULL;
    doc->home = NULL;
    doc->nents = 0;
    /* enrich (issue #6): its per-story arrays are sized by the tokens made below */
    doc->enrich_mark = NULL;
    doc->enrich_w = NULL;
    doc->nscounts = doc->ndatex = 0;
    /* the tokens, and the story's case (all_caps, nwords, ntitled); their word classes are
     * set by the lexicon (kh_token.wcls) */
    kh__tokenize(doc);
    doc->has_dateline = 0;
}

/* kh__prepare's second stage: the sentences. */
static void prepare_sentences(kh_doc *doc)
{
    if (doc->opts.one_sentence && doc->ntoks) {
        /* A TABARI record: the whole text is one sentence. */
        doc->sents = kh__arena_zalloc(&doc->arena, sizeof *doc->sents);
        doc->sents[0] = (kh_sentence){0, (uint32_t)doc->ntoks, doc->toks[0].start,
                                      doc->toks[doc->ntoks - 1].end, KH_SENT_TEXT};
        doc->nsents = 1;
    } else {
        kh__segment(doc);
    }
}

/* The lexicon's stage of kh__prepare. */
static void prepare_words(const kh_dict *dict, kh_doc *doc)
{
    kh__lexicon(dict, doc);
    kh__story_country(dict, doc);
}

/* Runs the stages up to the lexicon; kh_code and kh_explain share it. */
void kh__prepare(const kh_dict *dict, kh_doc *doc);
void kh__prepare(const kh_dict *dict, kh_doc *doc)
{
    prepare_tokens(doc);
    prepare_sentences(doc);
    prepare_words(dict, doc);
}

void kh_doc_set_options(kh_doc *doc, const kh_options *opts)
{
    memset(&doc->opts, 0, sizeof doc->opts);
    if (opts)
        doc->opts = *opts;
}

const char *kh_doc_first_actor(const kh_doc *doc) { return doc->first_actor; }

/* Notes the first actor of sentence s, without agents (TABARI copies "FOR", not "FORGOVPRS"). */
static void first_actor(kh_doc *doc, size_t s)
{
    const kh_sentence *se = &doc->sents[s];
    for (size_t m = kh__first_match(doc, se->t0); m < doc->nmatches && doc->matches[m].t0 < se->t1;
         m++) {
        const kh_match *mm = &doc->matches[m];
        if (mm->kind != KH_PH_ACTOR)
            continue;
        const char *c = mm->code;
        if (c && !kh__code_special(c)) {
            doc->first_actor = c;
            return;
        }
    }
}

/* TABARI SET: MINIMUM WORDS (8.2.3): a comma counts as a word. */
static int too_short(const kh_doc *doc, size_t s)
{
    if (!doc->opts.tabari || doc->opts.min_words <= 0)
        return 0;
    const kh_sentence *se = &doc->sents[s];
    int n = 0;
    for (size_t i = se->t0; i < se->t1; i++)
        n += (doc->toks[i].kind != KH_TK_PUNCT && doc->toks[i].kind != KH_TK_POSS) ||
             doc->toks[i].norm[0] == ',' || doc->toks[i].norm[0] == '"';
    return n < doc->opts.min_words;
}

/* TABARI COMPLEX: (8.7): more verbs or conjunctions than allowed, or no actor before the
 * first verb, and the sentence is not coded. */
static int too_complex(const kh_dict *dict, const kh_doc *doc)
{
    const kh_options *o = &doc->opts;
    if (!o->tabari)
        return 0;
    /* Verbs that count: those with a code or with patterns (a bare null root does not). */
    int nverbs = 0;
    for (size_t k = 0; k < doc->nvgs; k++) {
        const kh_verb_entry *ve = &dict->verbs.v[doc->vgs[k].verb];
        nverbs += ve->code != NULL || ve->npats > 0;
    }
    if (o->complex_verbs && nverbs >= o->complex_verbs)
        return 1;
    if (o->complex_conj && (int)doc->nclauses - 1 >= o->complex_conj)
        return 1;
    if (o->noactprior) {
        /* The first verb with a code of its own (null verbs are passed over); with no such
         * verb, complex exactly when the sentence names no actor at all. */
        size_t lim = SIZE_MAX;
        for (size_t k = 0; k < doc->nvgs && lim == SIZE_MAX; k++)
            if (dict->verbs.v[doc->vgs[k].verb].code)
                lim = doc->vgs[k].t0;
        for (size_t k = 0; k < doc->nnps; k++)
            if (doc->nps[k].code && doc->nps[k].t1 <= lim) /* a resolved pronoun counts */
                return 0;
        return 1;
    }
    return 0;
}

kh_status kh_code_with(const kh_dict *dict, kh_doc *doc, const kh_options *opts)
{
    kh_doc_set_options(doc, opts);
    return kh_code(dict, doc);
}

/* The stages after kh__prepare, sentence by sentence: the parser, the coder and enrich.
 * sents_begin, then sent_next and sent_code in turn until either says the story is done;
 * kh_code_batch goes through several stories' sentences in step. */
typedef struct sentcur {
    size_t s;      /* the next sentence to look at */
    int has_text;  /* the story has text sentences: its headlines are not coded */
    int coded;     /* sent_code coded sentence s - 1: sent_enrich has its events to date */
    size_t before; /* the story's events before it */
} sentcur;

static void sents_begin(const kh_dict *dict, kh_doc *doc, sentcur *c)
{
    doc->has_issues = dict->icats.n > 0;
    doc->last_actor = doc->opts.prior_actor;
    doc->first_actor = NULL;
    memset(&doc->stats, 0, sizeof doc->stats);
    /* Headlines repeat the story's lead: they are coded only in a story that has nothing
     * else (a one-line note without a final point). */
    c->s = 0;
    c->has_text = 0;
    c->coded = 0;
    c->before = 0;
    for (size_t s = 0; s < doc->nsents; s++)
        c->has_text |= doc->sents[s].kind == KH_SENT_TEXT;
}

/* Finds and parses the story's next sentence to code; 0 when none is left. */
static int sent_next(const kh_dict *dict, kh_doc *doc, sentcur *c)
{
    for (; c->s < doc->nsents; c->s++) {
        size_t s = c->s;
        if (doc->sents[s].kind == KH_SENT_FRAGMENT ||
            (doc->sents[s].kind == KH_SENT_HEADLINE && c->has_text)) {
            doc->stats.fragments++;
            continue;
        }
        doc->stats.sentences++;
        if (too_short(doc, s))
            continue;
        kh__parse(dict, doc, s);
        kh__places_sentence(doc, s); /* places (issue #6): the parser's place phrases */
        return 1;
    }
    return 0;
}

/* Codes the sentence sent_next parsed; 0 when the story's coding ends there. Then
 * sent_enrich. */
static int sent_code(const kh_dict *dict, kh_doc *doc, sentcur *c)
{
    size_t s = c->s++;
    c->coded = 0;
    /* A discard beats complexity (TABARI 6.3). */
    int special = kh__sentence_special(doc, s);
    if (special == 3) {
        /* a story discard ("+PHRASE" in a PETRARCH discard file): nothing of the story
         * is coded, not even what came before */
        doc->nevents = 0;
        doc->stats.discarded = doc->stats.sentences;
        doc->stats.story_discarded = 1;
        return 0;
    }
    if (special == 1) {
        doc->stats.discarded++;
        return 1;
    }
    if (special == 2 || too_complex(dict, doc)) {
        doc->stats.complex++;
        return 1;
    }
    size_t before = doc->nevents;
    kh__code_sentence(dict, doc, s, special, NULL);
    kh__issues(dict, doc, s, before);
    c->coded = 1;
    c->before = before;
    return 1;
}

/* What follows the coding of the sentence sent_code coded (when it did). */
static void sent_enrich(kh_doc *doc, sentcur *c)
{
    if (!c->coded)
        return;
    size_t s = c->s - 1;
    c->coded = 0;
    /* enrich (issue #6): event dates and counts, for a sentence that was coded */
    if (!doc->skip_sentence && !doc->opts.events_only)
        kh__enrich(doc, s, c->before, NULL);
    first_actor(doc, s);
    if (doc->skip_sentence == 1)
        doc->stats.discarded++;
    else if (doc->skip_sentence == 2)
        doc->stats.complex++;
}

/* The last stage: places (issue #6), toponyms resolved and events placed. */
static void code_places(const kh_dict *dict, kh_doc *doc)
{
    kh__places(dict, doc, NULL);
    doc->stats.events = doc->nevents;
    doc->coded = 1;
}

kh_status kh_code(const kh_dict *dict, kh_doc *doc)
{
    if (!dict)
        return KH_NODICT;
    if (!dict->frozen)
        kh_dict_freeze((kh_dict *)dict);
    kh__prepare(dict, doc);
    sentcur c;
    sents_begin(dict, doc, &c);
    while (sent_next(dict, doc, &c)) {
        int more = sent_code(dict, doc, &c);
        sent_enrich(doc, &c);
        if (!more)
            break;
    }
    code_places(dict, doc);
    return KH_OK;
}

/* Stage by stage over the stories (#7): the tokenizer for all of them, then the segmenter,
 * the lexicon, the sentences in step (parser, coder, enrich) and places; a stage's code stays
 * in the processor's instruction cache from one story to the next. */
kh_status kh_code_batch(const kh_dict *dict, kh_doc *const *docs, size_t n, const kh_options *opts)
{
    if (!dict)
        return KH_NODICT;
    if (!dict->frozen)
        kh_dict_freeze((kh_dict *)dict);
    for (size_t i = 0; i < n; i++) {
        kh_doc_set_options(docs[i], opts);
        prepare_tokens(docs[i]);
    }
    for (size_t i = 0; i < n; i++)
        prepare_sentences(docs[i]);
    for (size_t i = 0; i < n; i++)
        prepare_words(dict, docs[i]);
    /* The sentences in step, a group of stories at a time: the first sentence of each
     * parsed, then coded, then the second... */
    enum { STEP = 16 };
    for (size_t g = 0; g < n; g += STEP) {
        size_t m = n - g < STEP ? n - g : STEP;
        sentcur c[STEP];
        int live[STEP];
        for (size_t i = 0; i < m; i++) {
            sents_begin(dict, docs[g + i], &c[i]);
            live[i] = 1;
        }
        for (int any = 1; any;) {
            any = 0;
            for (size_t i = 0; i < m; i++)
                any |= live[i] = live[i] && sent_next(dict, docs[g + i], &c[i]);
            for (size_t i = 0; i < m; i++)
                if (live[i])
                    live[i] = sent_code(dict, docs[g + i], &c[i]);
            for (size_t i = 0; i < m; i++)
                sent_enrich(docs[g + i], &c[i]);
        }
    }
    for (size_t i = 0; i < n; i++)
        code_places(dict, docs[i]);
    return KH_OK;
}
