/*
 * segment.c - groups tokens into sentences.
 *
 * A sentence ends at . ! ? (with any closing quotes or brackets after it) when the next
 * token could start a sentence, at a blank line, and at a line break that does not fall
 * inside a running sentence. Abbreviations and initials took their point in the
 * tokenizer, so "Gen. Haftar" and "U.S. forces" do not end sentences. Stories set wholly in
 * lower or upper case (local papers, old wire feeds) split at every . ! ? instead.
 *
 * Also marked here, so that they are never coded:
 *  - datelines at the start of a paragraph: "BENGHAZI:", "KYIV, March 3 (Reuters) -",
 *    "TRIPOLI, Libya (AP) --";
 *  - fragments: lines with no sentence punctuation and fewer than five words (page
 *    boilerplate such as "No comments", "Poster Speaks"), and known boilerplate lines.
 */
#include <string.h>

#include "doc.h"

static int is_word(const kh_token *t)
{
    return t->kind == KH_TK_WORD || t->kind == KH_TK_NUM;
}

static inline int tok_is(const kh_token *t, const char *s)
{
    return kh__norm_is(t, s);
}

static int is_close(const kh_token *t)
{
    return t->kind == KH_TK_PUNCT &&
           (tok_is(t, "\"") || tok_is(t, "'") || tok_is(t, ")") || tok_is(t, "]"));
}

static int is_terminal(const kh_token *t)
{
    return t->kind == KH_TK_PUNCT && (tok_is(t, ".") || tok_is(t, "!") || tok_is(t, "?") ||
                                      tok_is(t, "..."));
}

/* Lines that web pages put around stories. Compared on the normal form of the whole line. */
static const char *const k_boiler[] = {
    "NO COMMENTS", "COMMENTS", "SHARE", "SHARE THIS", "SHARE THIS ARTICLE", "SHARE ON FACEBOOK",
    "SHARE ON TWITTER", "FOLLOW US ON TWITTER", "FOLLOW US ON FACEBOOK", "READ MORE",
    "ADVERTISEMENT", "RELATED", "RELATED ARTICLES", "RELATED STORIES", "CLICK HERE",
    "SUBSCRIBE", "SIGN UP FOR OUR NEWSLETTER", "ALL RIGHTS RESERVED", "PRINT", "EMAIL",
    "LEAVE A COMMENT", "LEAVE A REPLY", "TAGS", "TOP STORIES", "MOST READ", "TRENDING",
    "SKIP TO CONTENT", "COOKIES", "LOGIN", "LOG IN", "REGISTER", "POSTER SPEAKS", NULL};

/* The normal form of tokens [a, b) joined by blanks, into buf (truncated to cap). */
static void line_norm(const kh_doc *doc, size_t a, size_t b, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = a; i < b && o + 1 < cap; i++) {
        const kh_token *t = &doc->toks[i];
        if (!is_word(t))
            continue;
        if (o && o + 1 < cap)
            buf[o++] = ' ';
        for (size_t k = 0; k < t->nlen && o + 1 < cap; k++)
            buf[o++] = t->norm[k];
    }
    buf[o] = 0;
}

static int is_boilerplate(const kh_doc *doc, size_t a, size_t b)
{
    char line[64];
    if (b - a > 12)
        return 0;
    line_norm(doc, a, b, line, sizeof line);
    for (const char *const *p = k_boiler; *p; p++)
        if (line[0] == (*p)[0] && strcmp(line, *p) == 0)
            return 1;
    return 0;
}

/* A dateline starting at token a (first of a paragraph): returns the first token after it,
 * or a when there is none. An all-caps place, then at most a dozen tokens of place, date and
 * agency ("(Reuters)"), then ':' or a dash. */
static size_t dateline_end(const kh_doc *doc, size_t a, size_t end, int lower_story)
{
    const kh_token *t = &doc->toks[a];
    /* In a story set in lower case ("new delhi: the ...") only a colon marks one. */
    if (t->kind != KH_TK_WORD || t->nlen < 3 || !((t->flags & KH_TF_ALLCAP) || lower_story))
        return a;
    if (lower_story && !(t->flags & KH_TF_ALLCAP)) {
        for (size_t i = a + 1; i < end && i < a + 4; i++) {
            const kh_token *u = &doc->toks[i];
            if (u->kind == KH_TK_PUNCT && tok_is(u, ":"))
                return i + 1 < end && (doc->toks[i + 1].flags & KH_TF_SPACE) ? i + 1 : a;
            if (u->kind != KH_TK_WORD || (u->flags & KH_TF_NL))
                return a;
        }
        return a;
    }
    for (size_t i = a + 1; i < end && i < a + 14; i++) {
        const kh_token *u = &doc->toks[i];
        if (u->flags & KH_TF_NL)
            return a;
        if (u->kind == KH_TK_PUNCT && (tok_is(u, ":") || tok_is(u, "-") || tok_is(u, "--"))) {
            /* ":" must be followed by a space; a dash must stand between spaces. */
            if (i + 1 < end && !(doc->toks[i + 1].flags & KH_TF_SPACE))
                return a;
            return i + 1;
        }
        if (u->kind == KH_TK_PUNCT && !(tok_is(u, ",") || tok_is(u, "(") || tok_is(u, ")") ||
                                        tok_is(u, ".")))
            return a;
        /* Lower-case words other than short links mean running text, not a dateline. */
        if (u->kind == KH_TK_WORD && (u->flags & KH_TF_LOWER) && u->nlen > 3)
            return a;
    }
    return a;
}

/* Longest sentence coded as one: longer runs (lists, tables, a 10 MB line with no point)
 * are cut at a comma, semicolon or conjunction near the limit, so the parser's work per
 * sentence is bounded and time stays linear in the input. */
#define MAX_SENT_TOKENS 250

static void add_sentence(kh_doc *doc, size_t *cap, size_t a, size_t b, int kind)
{
    if (a >= b)
        return;
    while (b - a > MAX_SENT_TOKENS) {
        size_t cut = a + MAX_SENT_TOKENS;
        /* (from the token before the limit: a comma kept with its piece must not make the
         * piece longer than the limit, or it is cut again forever: found by fuzz_code) */
        for (size_t i = cut - 1; i > a + MAX_SENT_TOKENS / 2; i--) {
            const kh_token *t = &doc->toks[i];
            if (tok_is(t, ",") || tok_is(t, ";") || tok_is(t, "AND") || tok_is(t, "BUT")) {
                cut = i + (t->kind == KH_TK_PUNCT);
                break;
            }
        }
        add_sentence(doc, cap, a, cut, kind);
        a = cut;
    }
    KH_GROW(doc, doc->sents, doc->nsents, *cap, kh_sentence);
    kh_sentence *s = &doc->sents[doc->nsents++];
    s->t0 = (uint32_t)a;
    s->t1 = (uint32_t)b;
    s->start = doc->toks[a].start;
    s->end = doc->toks[b - 1].end;
    s->kind = (uint8_t)kind;
}

/* Classifies the span [a, b) cut at a line or sentence end and adds it. */
static void finish(kh_doc *doc, size_t *cap, size_t a, size_t b, int line_end)
{
    if (a >= b)
        return;
    size_t words = 0;
    int terminal = 0;
    for (size_t i = a; i < b; i++)
        words += is_word(&doc->toks[i]);
    for (size_t i = b; i > a; i--) {
        const kh_token *t = &doc->toks[i - 1];
        if (is_close(t))
            continue;
        terminal = is_terminal(t);
        break;
    }
    int kind = KH_SENT_TEXT;
    if (is_boilerplate(doc, a, b) || words == 0)
        kind = KH_SENT_FRAGMENT;
    else if (!terminal && line_end)
        kind = words < 5 ? KH_SENT_FRAGMENT : KH_SENT_HEADLINE;
    add_sentence(doc, cap, a, b, kind);
}

void kh__segment(kh_doc *doc)
{
    size_t n = doc->ntoks, cap = 0;
    /* The case of the story as a whole (counted by the tokenizer). */
    size_t words = doc->nwords, lower = doc->nlower, upper = doc->nallcap;
    int one_case = words >= 8 && (lower * 10 >= words * 9 || upper * 10 >= words * 7);
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        kh_token *t = &doc->toks[i];
        /* Paragraph and line starts. */
        if (i > start && (t->flags & KH_TF_NL)) {
            const kh_token *p = &doc->toks[i - 1];
            int hard = (t->flags & KH_TF_PARA) != 0;
            /* A wrapped line continues its sentence when it starts in lower case or the line
             * before stops mid-phrase. */
            int cont = !hard && !one_case &&
                       ((t->flags & KH_TF_LOWER) || t->kind == KH_TK_NUM ||
                        (p->kind == KH_TK_WORD && (p->flags & KH_TF_LOWER)) ||
                        (p->kind == KH_TK_PUNCT && tok_is(p, ",")));
            if (one_case && !hard)
                cont = !is_terminal(p) && !is_close(p) && p->kind != KH_TK_PUNCT;
            if (!cont) {
                finish(doc, &cap, start, i, 1);
                start = i;
            }
        }
        if (i == start && (i == 0 || (t->flags & KH_TF_NL))) {
            size_t e = dateline_end(doc, i, n, one_case && lower * 10 >= words * 9);
            if (e > i) {
                for (size_t k = i; k < e; k++)
                    doc->toks[k].flags |= KH_TF_DATELINE;
                doc->has_dateline = 1;
                start = e;
                i = e - 1;
                continue;
            }
        }
        if (!is_terminal(t))
            continue;
        /* Take closing quotes and brackets along. */
        size_t j = i + 1;
        while (j < n && is_close(&doc->toks[j]) && !(doc->toks[j].flags & KH_TF_SPACE))
            j++;
        if (j < n && is_close(&doc->toks[j]) && tok_is(&doc->toks[j], "\"") &&
            !(doc->toks[j].flags & KH_TF_NL) && j + 1 < n && (doc->toks[j + 1].flags & KH_TF_SPACE))
            j++; /* a closing quote after a space: ." */
        if (j >= n) {
            finish(doc, &cap, start, n, 1);
            start = n;
            break;
        }
        const kh_token *nx = &doc->toks[j];
        int starts = (nx->flags & KH_TF_CAP) || nx->kind == KH_TK_NUM ||
                     (nx->kind == KH_TK_PUNCT && (tok_is(nx, "\"") || tok_is(nx, "'") ||
                                                  tok_is(nx, "(")));
        if (one_case || (nx->flags & KH_TF_NL))
            starts = 1;
        /* "..." marks an elision in news copy ("hailed... President"): it runs on. */
        if (tok_is(t, "...") && !(nx->flags & KH_TF_NL))
            starts = 0;
        if (!(nx->flags & KH_TF_SPACE) && !(nx->flags & KH_TF_NL))
            starts = 0;
        if (starts) {
            finish(doc, &cap, start, j, (nx->flags & KH_TF_NL) != 0);
            start = j;
            i = j - 1;
        }
    }
    if (start < n)
        finish(doc, &cap, start, n, 1);
}
