/*
 * validate.c - runs a TABARI validation project (a .project file naming the suite's
 * dictionaries, options and records) and compares what khaldun codes with what each record
 * expects.
 *
 * Records in the .text file: a header "YYMMDD  RECORD-ID", the sentence, then a comment
 * block between "/" "*" and "*" "/" holding the expected events as { SRC / TGT / CODE } (a
 * date may follow), or {---} (no event), {###} (discarded), {+++} (too complex: not coded),
 * or { OPTION: ... } to change an option from that record on. An expectation written
 * -{ ... } is switched off. The suite ends at the record that says "end of the standard
 * validation records".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util/buf.h"

typedef struct expect {
    char src[32], tgt[32], code[16];
} expect;

typedef struct record {
    char id[64];
    int32_t date;
    kh_buf text, comment;
} record;

/* Trims blanks at both ends of s[0..n) in place; returns the new start. */
static char *trim(char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* The directory part of path, with its slash ("" when none). */
static void dirname_of(const char *path, char *out, size_t cap)
{
    const char *sl = strrchr(path, '/');
    size_t n = sl ? (size_t)(sl - path + 1) : 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, path, n);
    out[n] = 0;
}

/* "YYMMDD" as TABARI reads it: years 00-39 are 20xx. */
static int32_t yymmdd(const char *s)
{
    long v = strtol(s, NULL, 10);
    long yy = v / 10000;
    return (int32_t)(v + (yy >= 40 ? 19000000L : 20000000L));
}

typedef struct vstate {
    FILE *out;
    kh_validate_result *res;
    char unsupported[2048];
    kh_options opts;
    int opts_yyyy; /* SET: YYYY = TRUE: headers carry 8-digit dates */
    int forward;   /* FORWARD: ^^*****NNN*SSS on: pronouns carry to the next sentence */
    char prev_story[8];
    int prev_sent;
    const char *prev_actor;
} vstate;

/* The code inside the first [ ] after key in s, into out; 0 if none. */
static int bracket_after(const char *s, const char *key, char *out, size_t cap)
{
    const char *k = strstr(s, key);
    const char *a = k ? strchr(k, '[') : NULL;
    const char *b = a ? strchr(a, ']') : NULL;
    if (!b)
        return 0;
    snprintf(out, cap, "%.*s", (int)(b - a - 1), a + 1);
    char *t = trim(out);
    memmove(out, t, strlen(t) + 1);
    return 1;
}

static int truth(const char *s)
{
    const char *eq = strchr(s, '=');
    return eq && strstr(eq, "TRUE") != NULL;
}

static void option_seen(vstate *V, const char *opt);

/* Applies a TABARI option command (manual chapter 8) if khaldun acts on it; notes it if
 * not. */
static void apply_option(vstate *V, const char *cmd)
{
    char up[512];
    size_t n = 0;
    for (; cmd[n] && n + 1 < sizeof up; n++)
        up[n] = (char)toupper((unsigned char)cmd[n]);
    up[n] = 0;
    kh_options *o = &V->opts;
    if (strstr(up, "CODE BY CLAUSE"))
        o->code_by = 0;
    else if (strstr(up, "CODE BY SENTENCE"))
        o->code_by = 1;
    else if (strstr(up, "CODE ALL"))
        o->code_by = 2;
    else if (strncmp(up, "DEFAULT:", 8) == 0) {
        if (strstr(up, "OFF")) {
            o->default_source[0] = o->default_target[0] = 0;
            o->default_source_prior = o->default_target_after = 0;
        } else {
            if (bracket_after(up, "SOURCE", o->default_source, sizeof o->default_source))
                o->default_source_prior = strstr(up, "PRIOR") != NULL;
            if (bracket_after(up, "TARGET", o->default_target, sizeof o->default_target))
                o->default_target_after = strstr(up, "AFTER") != NULL;
        }
    } else if (strncmp(up, "COMMA:", 6) == 0) {
        o->comma_off = strstr(up, "OFF") != NULL;
        static const char *const keys[] = {"EMIN", "EMAX", "BMIN", "BMAX", "MIN", "MAX"};
        int *slots[] = {&o->comma_emin, &o->comma_emax, &o->comma_bmin, &o->comma_bmax,
                        &o->comma_min, &o->comma_max};
        char tmp[512];
        snprintf(tmp, sizeof tmp, "%s", up);
        for (int k = 0; k < 6; k++) {
            char *f = strstr(tmp, keys[k]);
            char *eq = f ? strchr(f, '=') : NULL;
            if (!eq)
                continue;
            *slots[k] = atoi(eq + 1);
            memset(f, ' ', strlen(keys[k])); /* so "MIN" does not find "EMIN" again */
        }
    } else if (strncmp(up, "FORWARD:", 8) == 0) {
        /* Only the suite's format is read: story in characters 6-8 of the id, sentence in
         * 10-12 (^^*****NNN*SSS with the two blanks before the id). */
        V->forward = strstr(up, "OFF") == NULL;
    } else if (strncmp(up, "OUTPUT:", 7) == 0 || strncmp(up, "SET: LABEL", 10) == 0 ||
               strstr(up, "USAGE") || strstr(up, "SKIP RECORDS")) {
        /* output and interaction settings: nothing to do for coding */
    } else if (strstr(up, "SET: YYYY") || strstr(up, "SET:YYYY")) {
        V->opts_yyyy = truth(up);
    } else if (strstr(up, "MINIMUM WORDS")) {
        const char *eq = strchr(up, '=');
        o->min_words = eq ? atoi(eq + 1) : 0;
    } else if (strstr(up, "CONVERT AGENT")) {
        o->convert_agents = truth(up);
    } else if (strncmp(up, "COMPLEX:", 8) == 0) {
        const char *v = strstr(up, "VERBS[");
        const char *c = strstr(up, "CONJ[");
        o->complex_verbs = v ? atoi(v + 6) : 0;
        o->complex_conj = c ? atoi(c + 5) : 0;
        o->noactprior = strstr(up, "NOACTPRIOR") != NULL;
    } else {
        option_seen(V, cmd);
    }
}

/* Notes an option khaldun does not act on, once. */
static void option_seen(vstate *V, const char *opt)
{
    char key[128];
    snprintf(key, sizeof key, "%.100s", opt);
    for (char *p = key; *p; p++)
        if (*p == '=' || *p == '[') {
            *p = 0;
            break;
        }
    char *k = trim(key);
    if (!*k || strstr(V->unsupported, k))
        return;
    size_t l = strlen(V->unsupported);
    snprintf(V->unsupported + l, sizeof V->unsupported - l, "%s%s", l ? "; " : "", k);
}

/* Removes the comment blocks from a record's text (TABARI drops everything from a slash-star
 * to the next star-slash, or to the end): what remains is what is coded. */
static void strip_comments(const char *t, kh_buf *out)
{
    kh__buf_clear(out);
    for (const char *p = t; *p;) {
        const char *c = strstr(p, "/*");
        if (!c) {
            kh__buf_puts(out, p);
            break;
        }
        kh__buf_put(out, p, (size_t)(c - p));
        const char *e = strstr(c + 2, "*/");
        if (!e)
            break;
        p = e + 2;
    }
    kh__buf_cstr(out);
}

/* Reads the expected events of a record: the { SRC / TGT / CODE } blocks after the first
 * brace of its comment. *open is set when the first block is switched off (-{ ... }). */
static int parse_expect(const char *first, expect *ev, int max, int *open)
{
    int n = 0;
    *open = first > (const char *)1 && first[-1] == '-';
    for (const char *p = first; p; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        if (!e)
            break;
        char buf[256];
        size_t len = (size_t)(e - p - 1);
        if (len >= sizeof buf)
            len = sizeof buf - 1;
        memcpy(buf, p + 1, len);
        buf[len] = 0;
        char *b = trim(buf);
        if (p[-1] == '-') /* "-{": no check from here on (a marker, not an event) */
            break;
        char *s1 = strchr(b, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
        if (!s1 || !s2 || n == max)
            continue;
        *s1 = *s2 = 0;
        snprintf(ev[n].src, sizeof ev[n].src, "%s", trim(b));
        snprintf(ev[n].tgt, sizeof ev[n].tgt, "%s", trim(s1 + 1));
        snprintf(ev[n].code, sizeof ev[n].code, "%s", trim(s2 + 1));
        n++;
    }
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Sorts the expected and the coded events ("SRC TGT CODE") and counts those in both. */
int kh__match_events(char (*want)[96], int nw, char (*got)[96], int ng)
{
    qsort(want, (size_t)nw, 96, cmp_str);
    qsort(got, (size_t)ng, 96, cmp_str);
    int i = 0, j = 0, matched = 0;
    while (i < nw && j < ng) {
        int c = strcmp(want[i], got[j]);
        if (c == 0) {
            matched++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return matched;
}

/* Notes the dictionary lines skipped (in res and on out) and freezes the set. */
void kh__validate_ready(kh_dict *d, FILE *out, kh_validate_result *res)
{
    res->skipped_lines = kh_dict_nerrors(d);
    if (out)
        for (size_t i = 0; i < kh_dict_ndiags(d); i++) {
            fputs("dictionary line skipped: ", out);
            kh_diag_print(kh_dict_diag(d, i), out);
        }
    kh_dict_freeze(d);
}

/* Prints a list of events after a label, for a failing record. */
void kh__print_events(FILE *out, const char *label, char (*l)[96], int n)
{
    fprintf(out, "\n  %s", label);
    if (!n)
        fputs(" (no event)", out);
    for (int k = 0; k < n; k++)
        fprintf(out, " [%s]", l[k]);
}

/* Codes one record and scores it as TABARI's validator does (docs/tabari-suite.md, 3),
 * except that the order of the events is not compared. */
static void run_record(vstate *V, const kh_dict *d, record *r)
{
    const char *raw = r->text.ptr ? r->text.ptr : "";
    const char *cm = strstr(raw, "/*");
    const char *first = cm ? strchr(cm, '{') : NULL;
    if (!first)
        return; /* no comment block: the end of the suite (handled by the reader) */
    /* Option records change options and are not scored. */
    if (strstr(first, "OPTION:")) {
        for (const char *o = strstr(first, "OPTION:"); o; o = strstr(o + 7, "OPTION:")) {
            const char *e = strchr(o, '}');
            char cmd[256];
            size_t n = e ? (size_t)(e - o - 7) : strlen(o + 7);
            if (n >= sizeof cmd)
                n = sizeof cmd - 1;
            memcpy(cmd, o + 7, n);
            cmd[n] = 0;
            char *c2 = strstr(cmd, "*/");
            if (c2)
                *c2 = 0;
            apply_option(V, trim(cmd));
        }
        return;
    }
    kh_validate_result *res = V->res;
    res->records++;
    expect ev[64];
    int open;
    int n = parse_expect(first, ev, 64, &open);
    res->expected_events += (size_t)n;
    kh_buf text = KH_BUF_INIT;
    strip_comments(raw, &text);
    char date[32];
    snprintf(date, sizeof date, "%04d-%02d-%02d", r->date / 10000, r->date / 100 % 100, r->date % 100);
    kh_doc *doc = kh_doc_new(r->id, date, text.ptr, text.len);
    /* FORWARD: the sentence after the one before, in the same story, lends it its actor. */
    char story[8] = "";
    int sent = -1;
    if (V->forward && strlen(r->id) >= 12) {
        snprintf(story, sizeof story, "%.3s", r->id + 5);
        sent = atoi(r->id + 9);
    }
    V->opts.prior_actor = (story[0] && !strcmp(story, V->prev_story) && sent == V->prev_sent + 1)
                              ? V->prev_actor : NULL;
    kh_code_with(d, doc, &V->opts);
    /* KH_VALIDATE_EXPLAIN=RECORD-ID prints what each stage made of that record. */
    const char *want_id = getenv("KH_VALIDATE_EXPLAIN");
    if (want_id && V->out && strcmp(want_id, r->id) == 0) {
        kh_code_stats cs;
        kh_doc_code_stats(doc, &cs);
        fprintf(V->out, "explain %s: %zu discarded, %zu complex\n", r->id, cs.discarded, cs.complex);
        kh_doc *x = kh_doc_new(r->id, date, text.ptr, text.len);
        kh_doc_set_options(x, &V->opts);
        kh_explain(V->out, d, x);
        kh_doc_free(x);
    }
    snprintf(V->prev_story, sizeof V->prev_story, "%s", story);
    V->prev_sent = sent;
    V->prev_actor = kh_doc_first_actor(doc);
    char want[64][96], got[64][96];
    int nw = 0, ng = 0;
    for (int i = 0; i < n; i++)
        snprintf(want[nw++], 96, "%.31s %.31s %.15s", ev[i].src, ev[i].tgt, ev[i].code);
    for (size_t i = 0; i < kh_doc_nevents(doc) && ng < 64; i++) {
        const kh_event *e = kh_doc_event(doc, i);
        snprintf(got[ng++], 96, "%.40s %.40s %.12s", e->source.code,
                 e->target.code ? e->target.code : "---", e->code);
    }
    int matched = kh__match_events(want, nw, got, ng);
    res->matched_events += (size_t)matched;
    res->extra_events += (size_t)(ng - matched);
    int pass;
    if (open) {
        pass = 1; /* -{ first: anything passes */
    } else if (ng == 0) {
        /* No event: the record must say why it expects none (---, ### or +++). */
        kh_code_stats cs;
        kh_doc_code_stats(doc, &cs);
        const char *why = cs.discarded ? "###" : cs.complex ? "+++" : "---";
        pass = strstr(first, why) != NULL;
    } else {
        /* Every event listed and coded; with "-{" after the listed ones, more may be coded. */
        int more_ok = strstr(first, "-{") != NULL;
        pass = matched == nw && (matched == ng || more_ok);
    }
    if (pass) {
        res->passed++;
    } else {
        res->failed++;
        if (V->out) {
            fprintf(V->out, "FAIL %s (%06d)\n  text:    ", r->id, r->date % 1000000);
            for (const char *p = text.ptr; *p; p++)
                fputc(*p == '\n' ? ' ' : *p, V->out);
            kh__print_events(V->out, "expected:", want, nw);
            kh__print_events(V->out, "coded:   ", got, ng);
            fputc('\n', V->out);
        }
    }
    kh__buf_free(&text);
    kh_doc_free(doc);
}

/* Reads the options file: every command is noted; none changes coding yet. */
static void read_options(vstate *V, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *l = trim(line);
        if (l[0] == '~')
            break; /* TABARI's end of the options file */
        if (!*l || l[0] == '/' || l[0] == '#')
            continue;
        if (strncmp(l, "LABEL:", 6) == 0)
            continue; /* labels name codes in TABARI's output; they do not change coding */
        apply_option(V, l);
    }
    fclose(f);
}

kh_status kh_validate_tabari(const char *project, FILE *out, kh_validate_result *res,
                             kh_diag *diag)
{
    memset(res, 0, sizeof *res);
    if (diag)
        memset(diag, 0, sizeof *diag);
    FILE *pf = fopen(project, "r");
    if (!pf) {
        if (diag) {
            diag->code = KH_IO;
            snprintf(diag->file, sizeof diag->file, "%s", project);
            snprintf(diag->message, sizeof diag->message, "cannot open the project file");
        }
        return KH_IO;
    }
    char dir[512], line[4096];
    dirname_of(project, dir, sizeof dir);
    char files[5][768] = {"", "", "", "", ""}; /* actors, agents, verbs, options, issues */
    char textfile[768] = "";
    /* TABARI reads the first two letters of a tag: <ac..>, <ag..>, <ve..>, <op..>, <is..>. */
    static const char *const tags[] = {"<ac", "<ag", "<ve", "<op", "<is"};
    while (fgets(line, sizeof line, pf)) {
        for (int k = 0; k < 5; k++)
            if (strncmp(line, tags[k], 3) == 0 && strchr(line, '>'))
                snprintf(files[k], sizeof files[k], "%s%s", dir, trim(strchr(line, '>') + 1));
        if (strncmp(line, "<te", 3) == 0 && strchr(line, '>'))
            snprintf(textfile, sizeof textfile, "%s%s", dir, trim(strchr(line, '>') + 1));
    }
    fclose(pf);
    if (!files[0][0] || !files[2][0] || !textfile[0]) {
        if (diag) {
            diag->code = KH_FIELD;
            snprintf(diag->file, sizeof diag->file, "%s", project);
            snprintf(diag->message, sizeof diag->message,
                     "the project names no <actorsfile>, <verbsfile> or <textfile>");
        }
        return KH_FIELD;
    }
    kh_dict *d = kh_dict_new();
    static const int kinds[] = {KH_PH_ACTOR, KH_PH_AGENT, KH_PH_VERB, -1, KH_PH_ISSUE};
    for (int k = 0; k < 5; k++) {
        if (!files[k][0] || kinds[k] < 0)
            continue;
        kh_diag g;
        kh_status st = kh__dict_load_kind(d, files[k], kinds[k], &g);
        if (st && st != KH_SYNTAX) {
            if (diag)
                *diag = g;
            kh_dict_free(d);
            return st;
        }
    }
    kh__validate_ready(d, out, res);
    vstate V;
    memset(&V, 0, sizeof V);
    V.out = out;
    V.res = res;
    V.opts.tabari = 1;
    V.opts.min_words = 8; /* TABARI's default (8.2.3) */
    V.opts.one_sentence = 1;
    if (files[3][0])
        read_options(&V, files[3]);
    FILE *tf = fopen(textfile, "r");
    if (!tf) {
        if (diag) {
            diag->code = KH_IO;
            snprintf(diag->file, sizeof diag->file, "%s", textfile);
            snprintf(diag->message, sizeof diag->message, "cannot open the records file");
        }
        kh_dict_free(d);
        return KH_IO;
    }
    record r;
    memset(&r, 0, sizeof r);
    int have = 0;
    /* TABARI's reading: a record starts at a line whose first character is a digit (outside
     * a record); its text runs to the first empty line; the comment is part of the text. */
    for (;;) {
        int got = fgets(line, sizeof line, tf) != NULL;
        if (got)
            line[strcspn(line, "\r\n")] = 0;
        if (!got || (have && !line[0])) {
            if (have) {
                const char *t = r.text.ptr ? r.text.ptr : "";
                const char *cm = strstr(t, "/*");
                if (!cm || !strchr(cm, '{')) {
                    if (out)
                        fprintf(out, "end of the suite at record %s\n", r.id);
                    break; /* the first record with no expectations ends the suite */
                }
                run_record(&V, d, &r);
                have = 0;
            }
            if (!got)
                break;
            continue;
        }
        if (!have) {
            if (!isdigit((unsigned char)line[0]))
                continue;
            int dl = V.opts_yyyy ? 8 : 6;
            char dbuf[16];
            snprintf(dbuf, sizeof dbuf, "%.*s", dl, line);
            kh__buf_clear(&r.text);
            snprintf(r.id, sizeof r.id, "%s", trim(line + (strlen(line) > (size_t)dl ? (size_t)dl : strlen(line))));
            r.date = dl == 8 ? (int32_t)strtol(dbuf, NULL, 10) : yymmdd(dbuf);
            have = 1;
            continue;
        }
        if (r.text.len && r.text.ptr[r.text.len - 1] != ' ')
            kh__buf_putc(&r.text, ' '); /* a record is one sentence over several lines */
        kh__buf_puts(&r.text, line);
    }
    fclose(tf);
    kh__buf_free(&r.text);
    kh__buf_free(&r.comment);
    if (out && V.unsupported[0])
        fprintf(out, "options not acted on: %s\n", V.unsupported);
    kh__buf_free(&r.comment);
    kh_dict_free(d);
    return KH_OK;
}
