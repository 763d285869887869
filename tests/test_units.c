/*
 * test_units.c - unit tests of each stage: UTF-8 repair, tokenizer, segmenter, dictionary
 * loader (and its errors), readers, the CAMEO table, the coder on a small dictionary, and
 * the JSON Lines writer.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "doc.h"
#include "gazetteer.h"
#include "harness.h"
#include "util/buf.h"
#include "util/swar.h"
#include "util/utf8.h"

const kh_cameo *kh__cameo_table(size_t *n);
void kh__prepare(const kh_dict *dict, kh_doc *doc);

static kh_dict *mini(void)
{
    kh_dict *d = kh_dict_new();
    kh_diag g;
    const char *f[] = {"tests/data/mini.actors", "tests/data/mini.agents", "tests/data/mini.verbs"};
    for (int i = 0; i < 3; i++)
        if (kh_dict_load_file(d, f[i], &g))
            kh_diag_print(&g, stderr);
    kh_dict_freeze(d);
    return d;
}

/* Token i's text. */
static char *tok(kh_doc *doc, size_t i, char *buf)
{
    const kh_token *t = &doc->toks[i];
    snprintf(buf, 128, "%.*s", (int)(t->end - t->start), doc->text + t->start);
    return buf;
}

static void test_utf8(void)
{
    CASE("utf8 repair");
    kh_doc *doc = kh_doc_new("x", NULL, "ab\xff" "c\xe2\x80" "d\xc3\xa9", 9);
    size_t first;
    CHECK(kh_doc_bad_utf8(doc, &first) == 3);
    CHECK(first == 3);
    size_t len;
    const char *t = kh_doc_text(doc, &len);
    CHECK(len == 9 - 3 + 9);
    CHECK(memcmp(t, "ab\xef\xbf\xbd" "c", 6) == 0);
    kh_doc_free(doc);
    CASE("double-encoded UTF-8 repaired");
    const char *mj = "\xc3\xa2\xe2\x82\xac\xc5\x93now\xc3\xa2\xe2\x82\xac\xef\xbf\xbd caf\xc3\x83\xc2\xa9 "
                     "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d";
    doc = kh_doc_new("x", NULL, mj, strlen(mj));
    CHECK_STR(kh_doc_text(doc, NULL), "\xe2\x80\x9cnow\xe2\x80\x9d caf\xc3\xa9 caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d");
    CHECK(doc->mojibake == 3);
    kh_doc_free(doc);
    CASE("nul bytes");
    doc = kh_doc_new("x", NULL, "a\0b", 3);
    CHECK(strcmp(kh_doc_text(doc, NULL), "a b") == 0);
    kh_doc_free(doc);
}

static void test_tokenize(void)
{
    char b[128];
    CASE("tokenizer");
    const char *s = "Gen. Haftar's forces, U.S. and U.N. troops killed 1,000 (5.5%) in al-Bayda "
                    "\xe2\x80\x9cnow\xe2\x80\x9d \xe2\x80\x94 it didn\xe2\x80\x99t.";
    kh_doc *doc = kh_doc_new("x", NULL, s, strlen(s));
    kh__tokenize(doc);
    CHECK_STR(tok(doc, 0, b), "Gen.");
    CHECK_STR(doc->toks[0].norm, "GEN");
    CHECK(doc->toks[0].flags & KH_TF_ABBR);
    CHECK_STR(tok(doc, 1, b), "Haftar");
    CHECK(doc->toks[2].kind == KH_TK_POSS);
    CHECK_STR(doc->toks[2].norm, "'S");
    CHECK_STR(tok(doc, 5, b), "U.S.");
    CHECK_STR(doc->toks[5].norm, "U.S.");
    CHECK_STR(tok(doc, 7, b), "U.N.");
    CHECK_STR(tok(doc, 10, b), "1,000");
    CHECK(doc->toks[10].kind == KH_TK_NUM);
    CHECK_STR(tok(doc, 12, b), "5.5");
    CHECK_STR(tok(doc, 16, b), "al");
    CHECK_STR(tok(doc, 17, b), "Bayda");
    CHECK(doc->toks[17].flags & KH_TF_HYPHEN);
    CHECK_STR(doc->toks[18].norm, "\"");
    CHECK_STR(doc->toks[21].norm, "-");
    CHECK_STR(doc->toks[23].norm, "DIDN'T");
    /* Offsets point into the text. */
    for (size_t i = 0; i < doc->ntoks; i++)
        CHECK(doc->toks[i].end <= doc->len && doc->toks[i].start < doc->toks[i].end);
    kh_doc_free(doc);
    CASE("accents folded");
    doc = kh_doc_new("x", NULL, "C\xc3\xb4te d'Ivoire", 15);
    kh__tokenize(doc);
    CHECK_STR(doc->toks[0].norm, "COTE");
    CHECK_STR(doc->toks[1].norm, "D'IVOIRE");
    kh_doc_free(doc);
}

static size_t nsent(const char *s, int *kinds)
{
    kh_doc *doc = kh_doc_new("x", NULL, s, strlen(s));
    kh__tokenize(doc);
    kh__segment(doc);
    size_t n = doc->nsents;
    for (size_t i = 0; i < n && kinds; i++)
        kinds[i] = doc->sents[i].kind;
    kh_doc_free(doc);
    return n;
}

static void test_segment(void)
{
    int k[16];
    CASE("abbreviations do not end sentences");
    CHECK(nsent("Lt. Col. Ahmed met Mr. Smith of the U.S. Army on Jan. 8 in Tripoli. He left.", NULL) == 2);
    CHECK(nsent("John F. Kennedy spoke. Then he left!", NULL) == 2);
    CASE("quotes close sentences");
    CHECK(nsent("\"We will fight,\" he said. \"We will win.\" The army agreed.", NULL) == 3);
    CASE("boilerplate lines are fragments");
    CHECK(nsent("Turkey attacked Syria on Monday.\n\nNo comments\n\nPoster Speaks", k) == 3);
    CHECK(k[0] == KH_SENT_TEXT && k[1] == KH_SENT_FRAGMENT && k[2] == KH_SENT_FRAGMENT);
    CASE("headline");
    CHECK(nsent("Libya War: Haftar says fight against terrorists continues\n\nHe spoke.", k) == 2);
    CHECK(k[0] == KH_SENT_HEADLINE);
    CASE("dateline is not coded");
    const char *s = "BENGHAZI: Haftar rejected the truce.";
    kh_doc *doc = kh_doc_new("x", NULL, s, strlen(s));
    kh__tokenize(doc);
    kh__segment(doc);
    CHECK(doc->nsents == 1);
    CHECK(doc->sents[0].start == 10);
    CHECK(doc->toks[0].flags & KH_TF_DATELINE);
    kh_doc_free(doc);
    s = "KYIV, March 3 (Reuters) - Russian forces shelled the city.";
    doc = kh_doc_new("x", NULL, s, strlen(s));
    kh__tokenize(doc);
    kh__segment(doc);
    CHECK(doc->nsents == 1 && strncmp(doc->text + doc->sents[0].start, "Russian", 7) == 0);
    kh_doc_free(doc);
    CASE("lower-case story splits at points");
    CHECK(nsent("police arrested ten men in the city on monday. the men were taken to court. "
                "they were released later.", NULL) == 3);
    CASE("wrapped lines join");
    CHECK(nsent("Turkey rejected the call for\na ceasefire on Monday.", NULL) == 1);
}

static void test_dict(void)
{
    CASE("dictionary loads");
    kh_dict *d = mini();
    kh_dict_stats s;
    kh_dict_stats_get(d, &s);
    CHECK(s.actors == 10);
    CHECK(s.agents == 6);
    CHECK(s.verbs == 10);
    CHECK(s.synsets == 1);
    CHECK(s.null_phrases == 0);
    CASE("date-restricted codes");
    uint32_t w = kh__dict_word(d, "PUTIN", 5);
    CHECK(w != UINT32_MAX);
    const kh_phrase *ph = NULL;
    for (size_t i = 0; i < d->phrases.n; i++)
        if (d->pwords.v[d->phrases.v[i].words].word == w && d->phrases.v[i].n == 1)
            ph = &d->phrases.v[i];
    CHECK(ph != NULL);
    if (ph) {
        const kh_actor_entry *a = &d->actors.v[ph->entry];
        CHECK_STR(kh__actor_code(d, a, 20200110), "RUSGOV");
        CHECK_STR(kh__actor_code(d, a, 19950101), "RUSELI");
        CHECK_STR(kh__actor_code(d, a, 0), "RUSELI");
    }
    kh_dict_free(d);
    CASE("syntax errors name file:line:column");
    const char *bad[][2] = {{"tests/bad/bad.verbs", "tests/bad/bad.verbs:3:11:"},
                            {"tests/bad/bad.actors", "tests/bad/bad.actors:2:"},
                            {"tests/bad/bad.agents", "tests/bad/bad.agents:1:"}};
    for (int i = 0; i < 3; i++) {
        d = kh_dict_new();
        kh_diag g;
        kh_status st = kh_dict_load_file(d, bad[i][0], &g);
        CHECK(st == KH_SYNTAX);
        char line[512];
        FILE *m = fmemopen(line, sizeof line, "w");
        kh_diag_print(&g, m);
        fclose(m);
        CHECK(strncmp(line, bad[i][1], strlen(bad[i][1])) == 0);
        if (strncmp(line, bad[i][1], strlen(bad[i][1])) != 0)
            fprintf(stderr, "  got: %s", line);
        kh_dict_free(d);
    }
    CASE("bad lines are skipped, the rest loads");
    d = kh_dict_new();
    kh_diag g0;
    CHECK(kh_dict_load_file(d, "tests/bad/bad.actors", &g0) == KH_SYNTAX);
    CHECK(kh_dict_nerrors(d) == 2 && kh_dict_ndiags(d) == 2);
    kh_dict_stats st0;
    kh_dict_stats_get(d, &st0);
    CHECK(st0.actors == 2); /* TURKEY and RUSSIA; LIBYA and EGYPT skipped with their lines */
    CHECK(kh_dict_diag(d, 1)->line == 4);
    kh_dict_free(d);
    CASE("missing folder");
    d = kh_dict_new();
    kh_diag g;
    CHECK(kh_dict_load_dir(d, "tests/no-such-dir", &g) == KH_IO);
    kh_dict_free(d);
}

/* Codes text with the mini dictionary and returns "SRC CODE TGT;..." sorted as coded. */
static const char *code(kh_dict *d, const char *text, char *buf, size_t cap)
{
    kh_doc *doc = kh_doc_new("t", "2020-01-10", text, strlen(text));
    kh_code(d, doc);
    buf[0] = 0;
    for (size_t i = 0; i < kh_doc_nevents(doc); i++) {
        const kh_event *e = kh_doc_event(doc, i);
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "%s%s %s %s", i ? ";" : "", e->source.code, e->code,
                 e->target.code ? e->target.code : "-");
    }
    kh_doc_free(doc);
    return buf;
}

static void test_coder(void)
{
    char b[512];
    kh_dict *d = mini();
    CASE("agent composition and patterns");
    CHECK_STR(code(d, "Libyan forces attacked Tripoli.", b, sizeof b), "LBYMIL 190 LBY");
    CHECK_STR(code(d, "Haftar's forces in April launched an offensive against the GNA.", b, sizeof b),
              "LBYMIL 190 LBYGOV");
    CASE("compound target");
    CHECK_STR(code(d, "Haftar rejected calls for a cease-fire by Turkey and Russia.", b, sizeof b),
              "LBYMIL 1246 TUR;LBYMIL 1246 RUS");
    CASE("compound source, no target");
    CHECK_STR(code(d, "Turkish President Recep Tayyip Erdogan and his Russian counterpart Vladimir "
                      "Putin issued their call for a truce on Wednesday in Istanbul.", b, sizeof b),
              "TURGOV 0256 -;RUSGOV 0256 -");
    CASE("compound meets itself");
    CHECK_STR(code(d, "Turkey and Russia met in Moscow.", b, sizeof b), "TUR 040 RUS;RUS 040 TUR");
    CASE("passive with by");
    CHECK_STR(code(d, "Egypt was attacked by Russian forces.", b, sizeof b), "RUSMIL 190 EGY");
    CASE("negation");
    CHECK_STR(code(d, "Turkey did not attack Egypt.", b, sizeof b), "");
    CHECK_STR(code(d, "Turkey never attacked Egypt.", b, sizeof b), "");
    CASE("report verb is subordinate");
    CHECK_STR(code(d, "Turkey said Russia attacked Egypt.", b, sizeof b), "RUS 190 EGY");
    CHECK_STR(code(d, "Turkey said on Monday.", b, sizeof b), "TUR 010 -");
    CASE("pronouns");
    CHECK_STR(code(d, "Haftar arrived on Monday. He accused Ankara of lying.", b, sizeof b),
              "LBYMIL 112 TUR");
    CHECK_STR(code(d, "Haftar was referring to Turkey, which has sent troops to shore up the GNA, "
                      "while he also accused Ankara.", b, sizeof b),
              "TUR 074 LBYGOV;LBYMIL 112 TUR");
    CASE("clauses");
    CHECK_STR(code(d, "Turkey supports the GNA while Russia is accused of supporting Haftar.", b, sizeof b),
              "TUR 051 LBYGOV");
    CHECK_STR(code(d, "Turkey supports the GNA and Russia supports Haftar.", b, sizeof b),
              "TUR 051 LBYGOV;RUS 051 LBYMIL");
    CASE("alternatives in patterns");
    CHECK_STR(code(d, "Egypt called on Turkey to halt fighting.", b, sizeof b), "EGY 0256 TUR");
    CASE("null-coded actor phrase");
    CHECK_STR(code(d, "Israeli-occupied Libya was attacked by Egypt.", b, sizeof b), "EGY 190 LBY");
    CASE("a role with 'the' takes the story's country");
    CHECK_STR(code(d, "Libyan forces attacked Tripoli. The police arrested protesters.", b, sizeof b),
              "LBYMIL 190 LBY;LBYCOP 173 OPP");
    CHECK_STR(code(d, "Libyan forces attacked Egypt. The police arrested protesters.", b, sizeof b),
              "LBYMIL 190 EGY;COP 173 OPP");
    CASE("agent alone and prefix agent");
    CHECK_STR(code(d, "Police arrested protesters.", b, sizeof b), "COP 173 OPP");
    CHECK_STR(code(d, "An Egyptian human rights group accused the police.", b, sizeof b), "NGOEGY 112 COP");
    kh_dict_free(d);
}

/* A verb file in PETRARCH's format, named as PETRARCH names them (so its kind is sniffed),
 * codes with the TABARI actors: blocks share their patterns, a verb with a code of its own
 * keeps it. */
static void test_petrarch_verbs(void)
{
    CASE("PETRARCH verb dictionary: blocks, synsets, forms");
    char b[512];
    kh_dict *d = kh_dict_new();
    kh_diag g;
    CHECK(kh_dict_load_file(d, "tests/data/mini.actors", &g) == KH_OK);
    CHECK(kh_dict_load_file(d, "tests/data/mini.agents", &g) == KH_OK);
    memset(&g, 0, sizeof g);
    kh_dict_load_file(d, "tests/petrarch/CAMEO.mini.txt", &g);
    /* the one line it does not read is a transformation of another form, and it says so */
    CHECK(kh_dict_nerrors(d) == 1);
    CHECK(g.line == 31);
    CHECK(strstr(g.message, "transformations") != NULL);
    CHECK(kh_dict_load_file(d, "tests/petrarch/mini.discards", &g) == KH_OK);
    kh_dict_freeze(d);
    CHECK_STR(code(d, "Egypt attacked Turkey.", b, sizeof b), "EGY 190 TUR");
    CHECK_STR(code(d, "Egypt attacks Turkey with tanks.", b, sizeof b), "EGY 193 TUR");
    CHECK_STR(code(d, "Egypt attacked Turkey with drones.", b, sizeof b), "EGY 193 TUR");
    CHECK_STR(code(d, "Egypt attacked civilians.", b, sizeof b), "EGY 180 -");
    CASE("a pattern needs the words of a set of one member, and the first words of nested sets");
    {
        /* "- * (WITH &HARDWARE)": WITH, and one of WEAPONS, TANKS (&ARMS, inside &HARDWARE)
         * or DRONES; the coder tries the pattern only on a clause that has them (#7) */
        const kh_pattern *p = NULL;
        for (size_t i = 0; i < d->pats.n; i++)
            if (d->pats.v[i].line == 18 && d->pats.v[i].code && !strcmp(d->pats.v[i].code, "193"))
                p = &d->pats.v[i];
        CHECK(p != NULL);
        int with = 0, hardware = 0;
        const uint32_t *gr = p ? &d->reqwords.v[p->req] : NULL;
        uint32_t wt = kh__dict_word(d, "WITH", 4), tk = kh__dict_word(d, "TANKS", 5),
                 dr = kh__dict_word(d, "DRONES", 6), wp = kh__dict_word(d, "WEAPONS", 7);
        for (uint16_t r = 0; p && r < p->nreq; r++) {
            uint32_t n = *gr++;
            int t = 0, dd = 0, ww = 0;
            for (uint32_t k = 0; k < n; k++) {
                t |= gr[k] == tk;
                dd |= gr[k] == dr;
                ww |= gr[k] == wp;
            }
            with |= n == 1 && gr[0] == wt;
            hardware |= t && dd && ww && n == 3;
            gr += n;
        }
        CHECK(with && hardware);
    }
    CASE("PETRARCH verb with its own code shares the block's patterns");
    CHECK_STR(code(d, "Egypt bombed Turkey.", b, sizeof b), "EGY 195 TUR");
    CHECK_STR(code(d, "Egypt bombed Turkey with weapons.", b, sizeof b), "EGY 193 TUR");
    CASE("PETRARCH discards: a sentence, a story");
    CHECK_STR(code(d, "Egypt attacked Turkey. Months later Russia attacked Libya.", b, sizeof b),
              "EGY 190 TUR");
    CHECK_STR(code(d, "Egypt attacked Turkey. Russia attacked Libya before the World Cup final.",
                   b, sizeof b), "");
    {
        const char *t = "Egypt attacked Turkey. Russia attacked Libya before the World Cup final.";
        kh_doc *doc = kh_doc_new("t", "2020-01-10", t, strlen(t));
        kh_code(d, doc);
        kh_code_stats cs;
        kh_doc_code_stats(doc, &cs);
        CHECK(cs.story_discarded == 1 && cs.discarded == 2);
        kh_doc_free(doc);
    }
    CASE("PETRARCH transformations");
    /* "~ a (b . ATTACK) SAY = a b 112": Egypt said Russia attacked -> Egypt accuses Russia */
    CHECK_STR(code(d, "Egypt said Russian forces attacked.", b, sizeof b), "EGY 112 RUSMIL");
    /* "~ a (a b ATTACK) SAY = a b 015": Egypt says it attacked Turkey */
    CHECK_STR(code(d, "Egypt said Egypt attacked Turkey.", b, sizeof b), "EGY 015 TUR");
    /* no rule fits: the report verb stays subordinate */
    CHECK_STR(code(d, "Egypt said Russia attacked Turkey.", b, sizeof b), "RUS 190 TUR");
    CASE("PETRARCH combinations through the ontology");
    CHECK_STR(code(d, "Egypt intends to help Turkey.", b, sizeof b), "EGY 030 TUR");
    {
        kh_dict *o = kh_dict_new();
        kh_dict_load_file(o, "tests/data/mini.actors", &g);
        kh_dict_load_file(o, "tests/petrarch/CAMEO.mini.txt", &g);
        memset(&g, 0, sizeof g);
        CHECK(kh_dict_load_file(o, "tests/petrarch/mini.Ontology.txt", &g) == KH_SYNTAX);
        CHECK(g.line == 8 && strstr(g.message, "0x3040"));
        kh_dict_freeze(o);
        CHECK_STR(code(o, "Egypt intends to help Turkey.", b, sizeof b), "EGY 033 TUR");
        CHECK_STR(code(o, "Egypt intends to attack Turkey.", b, sizeof b), "EGY 030 TUR");
        kh_dict_free(o);
    }
    CASE("PETRARCH paired code with no event of its own");
    CHECK_STR(code(d, "Russia supplied Libya.", b, sizeof b), "RUS 070 LBY");
    kh_dict_free(d);
}

/* A set saved with kh_dict_save() maps back and codes as the text does; a changed source,
 * another key or a damaged file make kh_dict_map() refuse it. */
/* Makes the temporary directory of template dir (a failed check when it cannot). */
static int temp_dir(char *dir)
{
    if (mkdtemp(dir))
        return 1;
    CHECK(!"mkdtemp");
    return 0;
}

static void test_cache(void)
{
    CASE("dictionary cache: save, map, code the same");
    char dir[] = "/tmp/kh-cache-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char src[256], cache[256], cmd[1024];
    snprintf(src, sizeof src, "%s/mini.verbs", dir);
    snprintf(cache, sizeof cache, "%s/set.cache", dir);
    snprintf(cmd, sizeof cmd, "cp tests/data/mini.verbs %s", src);
    CHECK(system(cmd) == 0);
    kh_dict *d = kh_dict_new();
    kh_diag g;
    CHECK(kh_dict_load_file(d, "tests/data/mini.actors", &g) == KH_OK);
    CHECK(kh_dict_load_file(d, "tests/data/mini.agents", &g) == KH_OK);
    CHECK(kh_dict_load_file(d, src, &g) == KH_OK);
    kh_dict_freeze(d);
    CHECK(kh_dict_save(d, cache, "mini", &g) == KH_OK);
    kh_dict *m = kh_dict_map(cache, "mini");
    CHECK(m != NULL);
    const char *texts[] = {"Haftar rejected calls for a cease-fire by Turkey and Russia.",
                           "An Egyptian human rights group accused the police.",
                           "Turkey supports the GNA and Russia supports Haftar.",
                           "Egypt called on Turkey to halt fighting."};
    char a[512], b[512];
    for (size_t i = 0; m && i < sizeof texts / sizeof *texts; i++) {
        code(d, texts[i], a, sizeof a);
        code(m, texts[i], b, sizeof b);
        CHECK_STR(b, a);
        CHECK(a[0] != 0);
    }
    kh_dict_stats s1, s2;
    kh_dict_stats_get(d, &s1);
    if (m) {
        kh_dict_stats_get(m, &s2);
        CHECK(s1.words == s2.words && s1.patterns == s2.patterns && s1.actors == s2.actors);
    }
    kh_dict_free(m);
    CASE("dictionary cache: another key, a changed source, a damaged file");
    CHECK(kh_dict_map(cache, "other") == NULL);
    snprintf(cmd, sizeof cmd, "cp %s %s.bak && printf 'x' >> %s", cache, cache, cache);
    CHECK(system(cmd) == 0);
    CHECK(kh_dict_map(cache, "mini") == NULL); /* one byte more */
    snprintf(cmd, sizeof cmd, "cp %s.bak %s && printf 'Z' | dd of=%s bs=1 seek=5000 conv=notrunc 2>/dev/null",
             cache, cache, cache);
    CHECK(system(cmd) == 0);
    CHECK(kh_dict_map(cache, "mini") == NULL); /* one byte changed */
    snprintf(cmd, sizeof cmd, "cp %s.bak %s", cache, cache);
    CHECK(system(cmd) == 0);
    m = kh_dict_map(cache, "mini");
    CHECK(m != NULL);
    kh_dict_free(m);
    snprintf(cmd, sizeof cmd, "sleep 0.01; printf '\\n' >> %s", src);
    CHECK(system(cmd) == 0);
    CHECK(kh_dict_map(cache, "mini") == NULL); /* the source changed: stale */
    CHECK(kh_dict_map("/nonexistent/set.cache", "mini") == NULL);
    kh_dict_free(d);
    CASE("dictionary cache: PETRARCH transformations survive it");
    d = kh_dict_new();
    kh_dict_load_file(d, "tests/data/mini.actors", &g);
    kh_dict_load_file(d, "tests/data/mini.agents", &g);
    kh_dict_load_file(d, "tests/petrarch/CAMEO.mini.txt", &g);
    kh_dict_freeze(d);
    CHECK(kh_dict_save(d, cache, "petr", &g) == KH_OK);
    m = kh_dict_map(cache, "petr");
    CHECK(m != NULL);
    if (m)
        CHECK_STR(code(m, "Egypt said Russian forces attacked.", b, sizeof b), "EGY 112 RUSMIL");
    CHECK(m && kh_dict_nerrors(m) == 1);
    kh_dict_free(m);
    kh_dict_free(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

static void test_issues(void)
{
    CASE("issues: categories, ALL, NUMERIC, DEFAULT, blocks");
    kh_dict *d = mini();
    kh_dict_free(d);
    d = kh_dict_new();
    kh_diag g;
    const char *f[] = {"tests/data/mini.actors", "tests/data/mini.agents", "tests/data/mini.verbs",
                       "tests/issues/sample.issues"};
    for (int i = 0; i < 4; i++)
        CHECK(kh_dict_load_file(d, f[i], &g) == KH_OK);
    kh_dict_freeze(d);
    const char *s = "Egypt attacked Turkey, killing 12 civilians, and Turkey rejected a cease-fire "
                    "and a truce.";
    kh_doc *doc = kh_doc_new("t", "2020-01-10", s, strlen(s));
    kh_code(d, doc);
    CHECK(kh_doc_nevents(doc) >= 1);
    const kh_event *e = kh_doc_event(doc, 0);
    char got[256] = "";
    for (size_t i = 0; e && i < e->nissues; i++) {
        size_t l = strlen(got);
        snprintf(got + l, sizeof got - l, "%s%s:%s", i ? " " : "", e->issues[i].category,
                 e->issues[i].code);
    }
    CHECK_STR(got, "CASUALTIES:12 CEASEFIRE:TRUCE AID:NONE");
    kh_doc_free(doc);
    s = "Egypt attacked Turkey during truce talks and sent food aid.";
    doc = kh_doc_new("t", "2020-01-10", s, strlen(s));
    kh_code(d, doc);
    e = kh_doc_event(doc, 0);
    got[0] = 0;
    for (size_t i = 0; e && i < e->nissues; i++) {
        size_t l = strlen(got);
        snprintf(got + l, sizeof got - l, "%s%s:%s", i ? " " : "", e->issues[i].category,
                 e->issues[i].code);
    }
    CHECK_STR(got, "AID:AID");
    kh_doc_free(doc);
    kh_dict_free(d);
}

/* The writers' number formatting is printf's, byte for byte. */
static void test_numbers(void)
{
    kh_buf b = KH_BUF_INIT;
    char want[64];
    static const double fixed[] = {0, -0.0, 3.4, -9.0, -10, 0.05, 0.15, 0.25, 1.5, -2.5, 13.48333,
                                   -88.18333, 179.99999, -0.000004, 0.000005, 1e14, 2.675};
    int bad = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        for (int d = 0; d <= 6; d++) {
            kh__buf_clear(&b);
            kh__buf_putfix(&b, fixed[i], d);
            snprintf(want, sizeof want, "%.*f", d, fixed[i]);
            bad += strcmp(kh__buf_cstr(&b), want) != 0;
        }
    /* pseudo-random coordinates and Goldstein values */
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v = ((double)(x % 36000000000ull) / 1e8) - 180.0;
        int d = (int)(x >> 60) % 7;
        kh__buf_clear(&b);
        kh__buf_putfix(&b, v, d);
        snprintf(want, sizeof want, "%.*f", d, v);
        bad += strcmp(kh__buf_cstr(&b), want) != 0;
    }
    CHECK(bad == 0);
    static const long long ints[] = {0, 7, -7, 10, 4294967296ll, -9223372036854775807ll - 1,
                                     9223372036854775807ll};
    bad = 0;
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        kh__buf_clear(&b);
        kh__buf_puti(&b, ints[i]);
        snprintf(want, sizeof want, "%lld", ints[i]);
        bad += strcmp(kh__buf_cstr(&b), want) != 0;
    }
    CHECK(bad == 0);
    kh__buf_free(&b);
}

/* Random bytes for the fast paths' tests: a length below cap, and either bytes from pool or,
 * one time in four, mostly letters (long runs for the eight-bytes-at-a-time paths). */
static size_t random_bytes(uint64_t *x, unsigned char *s, size_t cap, const unsigned char *pool,
                           size_t npool)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    size_t n = *x % cap;
    int plain = (*x >> 8) % 4 == 0;
    for (size_t i = 0; i < n; i++) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        s[i] = plain && *x % 16 ? (unsigned char)('a' + *x % 26) : pool[*x % npool];
    }
    return n;
}

/* JSON string escaping, eight bytes at a time, against a byte-by-byte reference: random
 * strings over bytes that need escaping, bytes next to them, and UTF-8 lead bytes. */
static void json_ref(kh_buf *b, const unsigned char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
        switch (c) {
        case '"': kh__buf_puts(b, "\\\""); break;
        case '\\': kh__buf_puts(b, "\\\\"); break;
        case '\n': kh__buf_puts(b, "\\n"); break;
        case '\r': kh__buf_puts(b, "\\r"); break;
        case '\t': kh__buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20)
                kh__buf_puts(b, e);
            else
                kh__buf_putc(b, (char)c);
        }
    }
}

static void test_json_escape(void)
{
    CASE("JSON strings escaped as byte by byte");
    static const unsigned char pool[] = {'a', 'Z', ' ', '"', '\\', '\n', '\t', 0x01, 0x1f, 0x20,
                                         0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xc3, 0xa9, 0xff, '!', '#'};
    kh_buf got = KH_BUF_INIT, want = KH_BUF_INIT;
    unsigned char s[80];
    uint64_t x = 0x9e3779b97f4a7c15ull;
    int bad = 0;
    for (int r = 0; r < 20000; r++) {
        size_t n = random_bytes(&x, s, sizeof s, pool, sizeof pool);
        kh__buf_clear(&got);
        kh__buf_clear(&want);
        kh__buf_json_str(&got, (const char *)s, n);
        json_ref(&want, s, n);
        bad += got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0;
    }
    CHECK(bad == 0);
    kh__buf_free(&got);
    kh__buf_free(&want);
}

/* The eight-bytes-at-a-time tests of util/swar.h against the bytes one by one. */
static void test_swar(void)
{
    CASE("SWAR byte classes, masks and first byte as byte by byte");
    uint64_t x = 0x6a09e667f3bcc909ull;
    int bad = 0;
    for (int r = 0; r < 20000; r++) {
        unsigned char b[8];
        for (int i = 0; i < 8; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            b[i] = (unsigned char)(r % 3 ? x : 'A' + x % 58); /* all bytes, or about the letters */
        }
        uint64_t w = kh__load8(b);
        static const unsigned char rng[][2] = {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {0, 0x7f}, {' ', ' '}};
        for (size_t k = 0; k < sizeof rng / sizeof *rng; k++) {
            uint64_t got = kh__swar_range(w, rng[k][0], rng[k][1]);
            for (int i = 0; i < 8; i++) {
                unsigned char one[8] = {0};
                one[i] = 0x80;
                int in = b[i] >= rng[k][0] && b[i] <= rng[k][1];
                bad += ((got & kh__load8(one)) != 0) != in;
            }
        }
        for (size_t n = 0; n <= 9; n++) {
            uint64_t m = kh__swar_first(n);
            for (int i = 0; i < 8; i++) {
                unsigned char one[8] = {0};
                one[i] = 0x80;
                bad += ((m & kh__load8(one)) != 0) != ((size_t)i < n);
            }
        }
        uint64_t hi = w & KH_SWAR_HIGHS;
        if (hi) {
            unsigned first = 0;
            while (!(b[first] & 0x80))
                first++;
            bad += kh__swar_index(hi) != first;
        }
    }
    CHECK(bad == 0);
}

/* ASCII words tokenized eight bytes at a time against their text: the normal form is the
 * text in capitals, and the case flags say what its letters are. Lengths around 8 and 16. */
static void test_tokens_ascii(void)
{
    CASE("ASCII words: normal form and case flags as byte by byte");
    static const char pool[] = "abcxyzABCXYZ0189";
    uint64_t x = 0xbb67ae8584caa73bull;
    int bad = 0, words = 0;
    for (int r = 0; r < 3000; r++) {
        char text[400];
        size_t n = 0;
        for (int w = 0; w < 12; w++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t len = 1 + x % 19;
            for (size_t i = 0; i < len; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                text[n++] = pool[x % (sizeof pool - 1)];
            }
            text[n++] = ' ';
        }
        kh_doc *doc = kh_doc_new("x", NULL, text, n - 1);
        kh__tokenize(doc);
        for (size_t i = 0; i < doc->ntoks; i++) {
            const kh_token *t = &doc->toks[i];
            const char *s = doc->text + t->start;
            size_t len = t->end - t->start;
            int up = 0, low = 0, first = -1, digits = 1;
            for (size_t k = 0; k < len; k++) {
                char c = s[k];
                int u = c >= 'A' && c <= 'Z', l = c >= 'a' && c <= 'z';
                up += u;
                low += l;
                if (first < 0 && (u || l))
                    first = u;
                digits &= c >= '0' && c <= '9';
                bad += t->norm[k] != (l ? c - 32 : c);
            }
            unsigned want = (first == 1 ? KH_TF_CAP : 0) | (up >= 2 && !low ? KH_TF_ALLCAP : 0) |
                            (low && !up ? KH_TF_LOWER : 0);
            unsigned mask = KH_TF_CAP | KH_TF_ALLCAP | KH_TF_LOWER;
            bad += t->nlen != len || t->norm[len] != 0 || (t->flags & mask) != want ||
                   t->kind != (digits ? KH_TK_NUM : KH_TK_WORD);
            words++;
        }
        bad += doc->ntoks != 12;
        kh_doc_free(doc);
    }
    CHECK(bad == 0);
    CHECK(words == 36000);
}

/* UTF-8 repair as it was written first, byte by byte. */
static size_t repair_ref(unsigned char *out, const unsigned char *s, size_t n, size_t *bad,
                         size_t *first)
{
    size_t o = 0;
    *bad = *first = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = s[i] < 0x80 ? (cp = s[i], 1) : kh__utf8_decode(s + i, n - i, &cp);
        if (cp < 0) {
            if (!(*bad)++)
                *first = i + 1;
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else if (cp == 0) {
            out[o++] = ' ';
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    return o;
}

static void test_utf8_repair(void)
{
    CASE("UTF-8 repaired as byte by byte");
    static const unsigned char pool[] = {'a', ' ', 0, 0x7f, 0x80, 0xbf, 0xc3, 0xa9, 0xe2, 0x80,
                                         0x9c, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0xff, 0xc0};
    unsigned char s[80], want[3 * sizeof s + 1];
    uint64_t x = 0x2545f4914f6cdd1dull;
    int bad = 0;
    kh_arena a;
    kh__arena_init(&a);
    for (int r = 0; r < 20000; r++) {
        size_t n = random_bytes(&x, s, sizeof s, pool, sizeof pool);
        size_t len, nbad, first, wbad, wfirst;
        char *got = kh__utf8_repair(&a, (const char *)s, n, &len, &nbad, &first);
        size_t wlen = repair_ref(want, s, n, &wbad, &wfirst);
        static const char pad[KH_TEXT_PAD] = {0}; /* the zeros the tokenizer reads up to */
        bad += len != wlen || memcmp(got, want, len) != 0 || memcmp(got + len, pad, KH_TEXT_PAD) ||
               nbad != wbad || first != wfirst;
        if (r % 1000 == 999)
            kh__arena_reset(&a, 0);
    }
    kh__arena_free(&a);
    CHECK(bad == 0);
}

static void test_code_batch(void)
{
    CASE("stories coded stage by stage as one by one");
    kh_dict *d = mini();
    static const char *const texts[] = {
        "Haftar rejected calls for a truce by Turkey.",
        "Turkey attacked Egypt on Tuesday. Egypt met Turkey in Cairo.",
        "Nothing happened.",
        "The Egyptian army accused Turkey. Turkey denied it.",
        "Egypt met Turkey.",
    };
    enum { N = sizeof texts / sizeof *texts };
    kh_options o;
    memset(&o, 0, sizeof o);
    kh_doc *one[N], *many[N];
    for (size_t i = 0; i < N; i++) {
        one[i] = kh_doc_new("x", "2020-01-10", texts[i], strlen(texts[i]));
        many[i] = kh_doc_new("x", "2020-01-10", texts[i], strlen(texts[i]));
        CHECK(kh_code_with(d, one[i], &o) == KH_OK);
    }
    CHECK(kh_code_batch(d, many, N, &o) == KH_OK);
    int same = 1, events = 0;
    for (size_t i = 0; i < N; i++) {
        char *a = NULL, *b = NULL;
        size_t ac = 0, al = 0, bc = 0, bl = 0;
        kh_format_events(KH_FORMAT_JSONL, one[i], &a, &ac, &al);
        kh_format_events(KH_FORMAT_JSONL, many[i], &b, &bc, &bl);
        same &= al == bl && (al == 0 || memcmp(a, b, al) == 0);
        events += (int)kh_doc_nevents(many[i]);
        free(a);
        free(b);
        kh_doc_free(one[i]);
        kh_doc_free(many[i]);
    }
    CHECK(same);
    CHECK(events >= 4);
    CHECK(kh_code_batch(NULL, many, 0, &o) == KH_NODICT);
    kh_dict_free(d);
}

static void test_writer(void)
{
    CASE("JSON Lines output parses and keeps offsets");
    kh_dict *d = mini();
    const char *s = "Haftar \"rejected\" calls for a truce by Turkey.\tTab.";
    kh_doc *doc = kh_doc_new("a\"b", "2020-01-10", s, strlen(s));
    kh_code(d, doc);
    CHECK(kh_doc_nevents(doc) == 1);
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    kh_write_events(m, KH_FORMAT_JSONL, doc);
    fclose(m);
    cJSON *j = cJSON_Parse(out);
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetObjectItem(j, "doc_id")->valuestring, "a\"b");
        CHECK_STR(cJSON_GetObjectItem(j, "code")->valuestring, "1246");
        CHECK_STR(cJSON_GetObjectItem(j, "root")->valuestring, "12");
        CHECK(cJSON_GetObjectItem(j, "quad")->valueint == 3);
        cJSON *src = cJSON_GetObjectItem(j, "source");
        CHECK_STR(cJSON_GetObjectItem(src, "code")->valuestring, "LBYMIL");
        int st = cJSON_GetObjectItem(src, "start")->valueint;
        int en = cJSON_GetObjectItem(src, "end")->valueint;
        CHECK(st == 0 && en == 6);
        CHECK(cJSON_IsNull(cJSON_GetObjectItem(j, "location")));
        cJSON *ev = cJSON_GetObjectItem(j, "evidence");
        CHECK(strstr(cJSON_GetObjectItem(ev, "pattern")->valuestring, "mini.verbs:") != NULL);
        cJSON_Delete(j);
    }
    free(out);
    kh_doc_free(doc);
    kh_dict_free(d);
}

/* The writer's texts (evidence, verb, actors), escaped eight bytes at a time to their end,
 * read back by cJSON: random tails with quotes, backslashes, controls and UTF-8. */
static int span_is(const cJSON *o, const char *key, const char *text)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, key);
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "start");
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(o, "end");
    if (!cJSON_IsString(t) || !cJSON_IsNumber(st) || !cJSON_IsNumber(en))
        return 0;
    size_t a = (size_t)st->valuedouble, b = (size_t)en->valuedouble;
    return strlen(t->valuestring) == b - a && memcmp(t->valuestring, text + a, b - a) == 0;
}

static void test_writer_texts(void)
{
    CASE("JSON Lines texts read back as the story has them");
    kh_dict *d = mini();
    static const char pool[] = "ab \"\\\t\x01\x1f\x7f\xc3\xa9xyz";
    uint64_t x = 0x3c6ef372fe94f82bull;
    int bad = 0, events = 0;
    for (int r = 0; r < 2000; r++) {
        char text[200];
        int n = snprintf(text, sizeof text, "Turkey attacked Egypt ");
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t tail = x % 40;
        for (size_t i = 0; i < tail; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            text[n++] = pool[x % (sizeof pool - 1)];
        }
        text[n++] = '.';
        kh_doc *doc = kh_doc_new("x", "2020-01-10", text, (size_t)n);
        kh_code(d, doc);
        char *out = NULL;
        size_t cap = 0, len = 0;
        kh_format_events(KH_FORMAT_JSONL, doc, &out, &cap, &len);
        const char *story = kh_doc_text(doc, NULL);
        for (char *line = out; line && line < out + len;) {
            char *nl = memchr(line, '\n', (size_t)(out + len - line));
            if (!nl)
                break;
            cJSON *o = cJSON_ParseWithLength(line, (size_t)(nl - line));
            const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "evidence");
            const cJSON *src = cJSON_GetObjectItemCaseSensitive(o, "source");
            bad += !o || !span_is(ev, "text", story) || !cJSON_IsObject(src) ||
                   !span_is(src, "text", story);
            const cJSON *verb = cJSON_GetObjectItemCaseSensitive(ev, "verb");
            bad += !cJSON_IsString(verb) || strcmp(verb->valuestring, "attacked") != 0;
            events++;
            cJSON_Delete(o);
            line = nl + 1;
        }
        free(out);
        kh_doc_free(doc);
    }
    CHECK(bad == 0);
    CHECK(events >= 1900);
    kh_dict_free(d);
}

static void test_cameo(void)
{
    CASE("CAMEO table sorted, complete");
    size_t n;
    const kh_cameo *t = kh__cameo_table(&n);
    CHECK(n > 300);
    for (size_t i = 1; i < n; i++)
        CHECK(strcmp(t[i - 1].code, t[i].code) < 0);
    const kh_cameo *c = kh_cameo_lookup("0256");
    CHECK(c && c->quad == 1);
    c = kh_cameo_lookup("190");
    CHECK(c && c->quad == 4 && c->goldstein < -9);
    CHECK(kh_cameo_lookup("999") == NULL);
    CHECK(kh_cameo_lookup("") == NULL && kh_cameo_lookup("0") == NULL);
    CHECK(kh_cameo_lookup("01011") == NULL && kh_cameo_lookup("0100") == NULL);
    CHECK(kh_cameo_lookup("01a") == NULL && kh_cameo_lookup("---") == NULL && kh_cameo_lookup("-1") == NULL);
    for (size_t i = 0; i < n; i++) /* every code finds its own row */
        CHECK(kh_cameo_lookup(t[i].code) == &t[i]);
    for (int r = 1; r <= 20; r++) {
        char code[12];
        snprintf(code, sizeof code, "%02d", r);
        CHECK(kh_cameo_lookup(code) != NULL);
    }
}

static void write_file(const char *path, const char *s, size_t n, int gz)
{
    if (gz) {
        gzFile g = gzopen(path, "wb");
        gzwrite(g, s, (unsigned)n);
        gzclose(g);
    } else {
        FILE *f = fopen(path, "wb");
        fwrite(s, 1, n, f);
        fclose(f);
    }
}

/* Reads a whole file; NULL on failure. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n > 0 ? malloc((size_t)n) : NULL;
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    *len = s ? (size_t)n : 0;
    return s;
}

/* Writes img with its checksum made right again, and opens it: 1 when it was refused. */
static int refused(const char *path, char *img, size_t len)
{
    gaz_header *h = (gaz_header *)img;
    h->crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)img + sizeof *h, (uInt)(len - sizeof *h));
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(img, 1, len, f);
    fclose(f);
    kh_gazetteer *g;
    kh_diag d;
    if (kh_gazetteer_open(&g, path, &d) == KH_OK) {
        kh_gazetteer_free(g);
        return 0;
    }
    return d.code == KH_FIELD;
}

/* The compiled gazetteer's lookup table (stored since #7): a file whose checksum is right but
 * whose table points outside it, or has no empty slot (a search would never stop), is refused;
 * the table finds the names it holds. */
static void test_gazetteer_table(void)
{
    CASE("compiled gazetteer: lookup table checked when opened");
    char dir[] = "/tmp/kh-gaz-XXXXXX";
    if (!temp_dir(dir))
        return;
    char p[256], q[300];
    snprintf(p, sizeof p, "%s/mini.gaz", dir);
    snprintf(q, sizeof q, "%s/bad.gaz", dir);
    kh_gazetteer *g;
    kh_diag d;
    CHECK(kh_gazetteer_read(&g, "tests/data/geonames", &d) == KH_OK);
    if (!g)
        return;
    CHECK(kh_gazetteer_save(g, p, &d) == KH_OK);
    kh_gazetteer_free(g);
    CHECK(kh_gazetteer_open(&g, p, &d) == KH_OK);
    if (g) {
        uint32_t lo;
        int more;
        CHECK(kh__gz_lookup(g, "TRIPOLI", 7, &lo, &more) >= 1);
        CHECK(kh__gz_lookup(g, "NOWHERE AT ALL", 14, &lo, &more) == 0);
        CHECK(kh__gz_first_word(g, "TRIPOLI", 7));
        kh_gazetteer_free(g);
    }
    size_t len;
    char *img = slurp(p, &len);
    CHECK(img != NULL && len > sizeof(gaz_header));
    if (!img)
        return;
    CHECK(!refused(q, img, len)); /* the checksum made again: still good */
    const gaz_header *h = (const gaz_header *)img;
    kh_gz_hent *H = (kh_gz_hent *)(img + h->off[5]);
    uint32_t full = 0;
    while (full < h->hcap && !H[full].hash)
        full++;
    CHECK(full < h->hcap);
    if (full < h->hcap) {
        kh_gz_hent keep = H[full];
        H[full].key = h->nstr - 1; /* its key runs past the strings */
        CHECK(refused(q, img, len));
        H[full] = keep;
        H[full].lo = h->nnames; /* its names past the names */
        H[full].n = 1;
        CHECK(refused(q, img, len));
        H[full] = keep;
    }
    for (uint32_t i = 0; i < h->hcap; i++) /* no empty slot */
        if (!H[i].hash)
            H[i] = (kh_gz_hent){0, 3, 0, 0, 1, 0};
    CHECK(refused(q, img, len));
    free(img);
    unlink(p);
    unlink(q);
    rmdir(dir);
}

/* Stories recycled through a reader (kh_reader_recycle) code as new ones, and
 * kh_format_events gives what kh_write_events writes, in a buffer kept between stories. */
static void test_recycle(void)
{
    CASE("recycled stories and kept output buffers");
    char dir[] = "/tmp/kh-test-XXXXXX";
    if (!temp_dir(dir))
        return;
    char p[256];
    snprintf(p, sizeof p, "%s/r.jsonl", dir);
    /* a long story first, so that a short one reuses a bigger arena, then short ones */
    kh_buf in = KH_BUF_INIT;
    kh__buf_puts(&in, "{\"id\":\"long\",\"date\":\"2020-01-10\",\"text\":\"");
    for (int i = 0; i < 2000; i++)
        kh__buf_puts(&in, "Haftar \\\"rejected\\\" calls for a truce by Turkey. ");
    kh__buf_puts(&in, "\"}\n");
    for (int i = 0; i < 50; i++)
        kh__buf_printf(&in, "{\"id\":\"s%d\",\"text\":\"Haftar \\\"rejected\\\" calls for a truce by Turkey.\"}\n", i);
    write_file(p, in.ptr, in.len, 0);
    kh__buf_free(&in);
    kh_dict *d = mini();
    kh_reader *r;
    kh_diag g;
    CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, NULL, &g) == KH_OK);
    kh_doc *doc;
    char *buf = NULL;
    size_t cap = 0, len = 0;
    int n = 0, same = 0, events = 0;
    while (kh_reader_next(r, &doc, &g) == KH_OK) {
        kh_code(d, doc);
        kh_format_events(KH_FORMAT_JSONL, doc, &buf, &cap, &len);
        char *out = NULL;
        size_t olen = 0;
        FILE *m = open_memstream(&out, &olen);
        kh_write_events(m, KH_FORMAT_JSONL, doc);
        fclose(m);
        same += olen == len && memcmp(out, buf, len) == 0 && buf[len] == 0;
        free(out);
        if (n > 0) {
            char id[16];
            snprintf(id, sizeof id, "s%d", n - 1);
            events += kh_doc_nevents(doc) == 1 && strcmp(kh_doc_id(doc), id) == 0 &&
                      kh_doc_date(doc) == NULL;
        } else {
            events += kh_doc_nevents(doc) == 2000 && kh_doc_date(doc) != NULL;
        }
        n++;
        kh_reader_recycle(r, doc);
    }
    CHECK(n == 51 && same == 51 && events == 51);
    free(buf);
    kh_reader_close(r);
    kh_reader_recycle(NULL, NULL); /* nothing to give back: no effect */
    kh_dict_free(d);
    unlink(p);
    rmdir(dir);
}

static void test_reader(void)
{
    char dir[] = "/tmp/kh-test-XXXXXX";
    if (!temp_dir(dir))
        return;
    char p[256];
    const char *jl = "{\"id\":\"a\",\"date\":\"2020-01-10\",\"text\":\"Turkey attacked Egypt.\"}\n"
                     "{\"id\":\"b\",\"text\": oops}\n"
                     "\n"
                     "{\"id\":7,\"text\":\"Egypt met Turkey.\",\"title\":\"T\"}\n"
                     "{\"id\":\"c\"}\n"
                     "[1,2]\n"
                     "{\"id\":\"d\",\"date\":\"2020-13-45\",\"text\":\"x\"}\n";
    for (int gz = 0; gz < 2; gz++) {
        CASE(gz ? "JSON Lines, gzip" : "JSON Lines");
        snprintf(p, sizeof p, "%s/s.jsonl%s", dir, gz ? ".gz" : "");
        write_file(p, jl, strlen(jl), gz);
        kh_reader *r;
        kh_diag g;
        CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, NULL, &g) == KH_OK);
        kh_doc *doc;
        CHECK(kh_reader_next(r, &doc, &g) == KH_OK);
        CHECK(doc && strcmp(kh_doc_id(doc), "a") == 0 && strcmp(kh_doc_date(doc), "2020-01-10") == 0);
        kh_doc_free(doc);
        CHECK(kh_reader_next(r, &doc, &g) == KH_JSON);
        CHECK(g.line == 2 && doc == NULL);
        CHECK(kh_reader_next(r, &doc, &g) == KH_OK);
        CHECK(doc && strcmp(kh_doc_id(doc), "7") == 0 && kh_doc_date(doc) == NULL);
        kh_doc_free(doc);
        CHECK(kh_reader_next(r, &doc, &g) == KH_FIELD);
        CHECK(g.line == 5);
        CHECK(kh_reader_next(r, &doc, &g) == KH_JSON);
        CHECK(kh_reader_next(r, &doc, &g) == KH_OK);
        CHECK(g.code == KH_DATE && doc && kh_doc_date(doc) == NULL);
        kh_doc_free(doc);
        CHECK(kh_reader_next(r, &doc, &g) == KH_EOF);
        kh_reader_close(r);
    }
    CASE("a record's fields in any order, the first of a repeated name, escapes kept");
    {
        const char *j2 = "{\"url\":\"u\",\"text\":\"Egypt met\\\\u0000 Turkey.\",\"x\":{\"text\":1},"
                         "\"date\":\"2020-02-03\",\"text\":\"second\",\"id\":\"e\",\"id\":\"f\","
                         "\"title\":\"T\",\"source\":\"S\"}\n";
        snprintf(p, sizeof p, "%s/f.jsonl", dir);
        write_file(p, j2, strlen(j2), 0);
        kh_reader *r;
        kh_diag g;
        kh_doc *doc;
        CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, NULL, &g) == KH_OK);
        CHECK(kh_reader_next(r, &doc, &g) == KH_OK);
        size_t len = 0;
        const char *text = doc ? kh_doc_text(doc, &len) : "";
        CHECK(doc && strcmp(kh_doc_id(doc), "e") == 0 && strcmp(kh_doc_date(doc), "2020-02-03") == 0);
        CHECK_STR(text, "Egypt met\\u0000 Turkey."); /* an escaped backslash: no NUL */
        CHECK(doc && strcmp(doc->title, "T") == 0 && strcmp(doc->source, "S") == 0 &&
              strcmp(doc->url, "u") == 0);
        kh_doc_free(doc);
        kh_reader_close(r);
    }
    CASE("text file is one story, dated by the caller");
    snprintf(p, sizeof p, "%s/story.txt", dir);
    write_file(p, "One.\nTwo.\n", 10, 0);
    kh_reader *r;
    kh_diag g;
    kh_doc *doc;
    CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, "2021-02-03", &g) == KH_OK);
    CHECK(kh_reader_next(r, &doc, &g) == KH_OK);
    CHECK(doc && strcmp(kh_doc_id(doc), "story.txt") == 0 && strcmp(kh_doc_date(doc), "2021-02-03") == 0);
    kh_doc_free(doc);
    CHECK(kh_reader_next(r, &doc, &g) == KH_EOF);
    kh_reader_close(r);
    CASE("binary junk and empty files are rejected");
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)((i * 7919u) & 0xff);
    snprintf(p, sizeof p, "%s/junk.txt", dir);
    write_file(p, junk, sizeof junk, 0);
    CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, NULL, &g) == KH_OK);
    CHECK(kh_reader_next(r, &doc, &g) == KH_BINARY);
    kh_reader_close(r);
    snprintf(p, sizeof p, "%s/empty.txt", dir);
    write_file(p, "", 0, 0);
    CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, NULL, &g) == KH_OK);
    CHECK(kh_reader_next(r, &doc, &g) == KH_EMPTY);
    kh_reader_close(r);
    CASE("truncated gzip");
    snprintf(p, sizeof p, "%s/t.jsonl.gz", dir);
    write_file(p, jl, strlen(jl), 1);
    FILE *f = fopen(p, "rb+");
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fclose(f);
    CHECK(truncate(p, sz / 2) == 0);
    CHECK(kh_reader_open(&r, p, KH_INPUT_AUTO, NULL, &g) == KH_OK);
    kh_status st;
    int n = 0;
    while ((st = kh_reader_next(r, &doc, &g)) != KH_EOF && n < 20) {
        kh_doc_free(doc);
        n++;
        if (st == KH_GZIP)
            break;
    }
    CHECK(st == KH_GZIP);
    kh_reader_close(r);
    CASE("missing file");
    CHECK(kh_reader_open(&r, "/nonexistent/x.txt", KH_INPUT_AUTO, NULL, &g) == KH_IO);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    test_utf8();
    test_tokenize();
    test_segment();
    test_dict();
    test_coder();
    test_numbers();
    test_json_escape();
    test_swar();
    test_tokens_ascii();
    test_code_batch();
    test_utf8_repair();
    test_writer();
    test_writer_texts();
    test_issues();
    test_petrarch_verbs();
    test_cache();
    test_cameo();
    test_reader();
    test_recycle();
    test_gazetteer_table();
    return h_done();
}
