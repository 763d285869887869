/*
 * validate_petr.c - runs a PETRARCH validation file (PETR.UnitTest.records.xml): loads the
 * dictionaries its <Environment> names, codes the <Text> of every <Sentence> and compares
 * with its <EventCoding> elements.
 *
 * A record passes when the events khaldun codes are exactly those listed (as a set: order is
 * not compared); a record with <EventCoding noevents="True"> passes when nothing is coded,
 * one with error="storydiscard" or "sentencediscard" when the sentence is discarded, and
 * one with any other error (PETRARCH's "dateline", "bad_input_parse", which come from its
 * parser) when nothing is coded. <Config option=... value=...> changes an option from that
 * record on. The <Parse> tree is not read: khaldun codes from the text alone.
 */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util/buf.h"

typedef struct pstate {
    FILE *out;
    kh_validate_result *res;
    kh_options opts;
    int require_dyad;
    char unsupported[512];
} pstate;

/* The text of node's attribute name, trimmed, in buf ("" when absent). PETRARCH's files
 * write an empty code as '""'; that too is "". */
static const char *attr(xmlNode *node, const char *name, char *buf, size_t cap)
{
    buf[0] = 0;
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (!v)
        return buf;
    const char *s = (const char *)v;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 2 && s[0] == '"' && s[1] == '"')
        n = 0;
    snprintf(buf, cap, "%.*s", (int)n, s);
    xmlFree(v);
    return buf;
}

static int is(xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* The node's text with every run of white space made one blank, trimmed. */
static void node_text(xmlNode *n, kh_buf *out)
{
    kh__buf_clear(out);
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return;
    int blank = 1;
    for (const unsigned char *p = c; *p; p++) {
        if (isspace(*p)) {
            blank = 1;
            continue;
        }
        if (blank && out->len)
            kh__buf_putc(out, ' ');
        blank = 0;
        kh__buf_putc(out, (char)*p);
    }
    xmlFree(c);
}

static int truthy(const char *v)
{
    return !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes");
}

/* Applies <Config option=... value=...>: the comma rules and require_dyad are acted on. */
static void apply_config(pstate *P, xmlNode *n)
{
    char opt[64], val[64];
    attr(n, "option", opt, sizeof opt);
    attr(n, "value", val, sizeof val);
    kh_options *o = &P->opts;
    static const char *const keys[] = {"comma_min", "comma_max", "comma_bmin",
                                       "comma_bmax", "comma_emin", "comma_emax"};
    int *slots[] = {&o->comma_min, &o->comma_max, &o->comma_bmin,
                    &o->comma_bmax, &o->comma_emin, &o->comma_emax};
    for (int k = 0; k < 6; k++)
        if (!strcmp(opt, keys[k])) {
            *slots[k] = atoi(val);
            return; /* a maximum of 0 switches that rule off (opts.petrarch) */
        }
    if (!strcmp(opt, "require_dyad")) {
        P->require_dyad = truthy(val);
        return;
    }
    if (!strcmp(opt, "stop_on_error"))
        return; /* how PETRARCH's own runner reacts to a failure: not a coding rule */
    if (!strstr(P->unsupported, opt)) {
        size_t l = strlen(P->unsupported);
        snprintf(P->unsupported + l, sizeof P->unsupported - l, "%s%s", l ? "; " : "", opt);
    }
}

static void run_sentence(pstate *P, const kh_dict *d, xmlNode *s)
{
    char id[64], date8[16], a[64], b[64], c[64];
    attr(s, "id", id, sizeof id);
    attr(s, "date", date8, sizeof date8);
    char want[64][96], got[64][96];
    int nw = 0, ng = 0, noevents = 0;
    char error[64] = "";
    kh_buf text = KH_BUF_INIT;
    for (xmlNode *k = s->children; k; k = k->next) {
        if (is(k, "Text")) {
            node_text(k, &text);
        } else if (is(k, "EventCoding")) {
            if (attr(k, "noevents", a, sizeof a)[0])
                noevents = truthy(a);
            if (attr(k, "error", a, sizeof a)[0])
                snprintf(error, sizeof error, "%s", a);
            attr(k, "sourcecode", a, sizeof a);
            attr(k, "targetcode", b, sizeof b);
            attr(k, "eventcode", c, sizeof c);
            if (c[0] && nw < 64)
                snprintf(want[nw++], 96, "%.30s %.30s %.15s", a[0] ? a : "---", b[0] ? b : "---", c);
        }
    }
    kh_validate_result *res = P->res;
    res->records++;
    res->expected_events += (size_t)nw;
    char date[16] = "";
    if (strlen(date8) == 8)
        snprintf(date, sizeof date, "%.4s-%.2s-%.2s", date8, date8 + 4, date8 + 6);
    kh_doc *doc = kh_doc_new(id, date[0] ? date : NULL, text.ptr ? text.ptr : "", text.len);
    kh_code_with(d, doc, &P->opts);
    /* KH_VALIDATE_EXPLAIN=RECORD-ID prints what each stage made of that record. */
    const char *want_id = getenv("KH_VALIDATE_EXPLAIN");
    if (want_id && P->out && strcmp(want_id, id) == 0) {
        kh_doc *x = kh_doc_new(id, date[0] ? date : NULL, text.ptr ? text.ptr : "", text.len);
        kh_doc_set_options(x, &P->opts);
        kh_explain(P->out, d, x);
        kh_doc_free(x);
    }
    for (size_t i = 0; i < kh_doc_nevents(doc) && ng < 64; i++) {
        const kh_event *e = kh_doc_event(doc, i);
        if (P->require_dyad && (!e->source.code || !e->target.code))
            continue;
        snprintf(got[ng++], 96, "%.30s %.30s %.15s", e->source.code ? e->source.code : "---",
                 e->target.code ? e->target.code : "---", e->code);
    }
    int matched = kh__match_events(want, nw, got, ng);
    res->matched_events += (size_t)matched;
    res->extra_events += (size_t)(ng - matched);
    kh_code_stats cs;
    kh_doc_code_stats(doc, &cs);
    int pass;
    if (error[0] && strstr(error, "discard"))
        pass = ng == 0 && cs.discarded > 0;
    else if (error[0] || noevents)
        pass = ng == 0;
    else
        pass = matched == nw && matched == ng;
    if (pass) {
        res->passed++;
    } else {
        res->failed++;
        if (P->out) {
            fprintf(P->out, "FAIL %s\n  text:    %s", id, text.ptr ? text.ptr : "");
            if (error[0])
                fprintf(P->out, "\n  expected: error %s", error);
            else
                kh__print_events(P->out, "expected:", want, nw);
            kh__print_events(P->out, "coded:   ", got, ng);
            fputc('\n', P->out);
        }
    }
    kh__buf_free(&text);
    kh_doc_free(doc);
}

static void set_diag(kh_diag *diag, kh_status code, const char *file, const char *msg)
{
    if (!diag)
        return;
    memset(diag, 0, sizeof *diag);
    diag->code = code;
    snprintf(diag->file, sizeof diag->file, "%s", file);
    snprintf(diag->message, sizeof diag->message, "%s", msg);
}

kh_status kh_validate_petrarch(const char *xml, FILE *out, kh_validate_result *res,
                               kh_diag *diag)
{
    memset(res, 0, sizeof *res);
    if (diag)
        memset(diag, 0, sizeof *diag);
    xmlDoc *x = xmlReadFile(xml, NULL, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR |
                                           XML_PARSE_NOWARNING);
    if (!x) {
        const xmlError *e = xmlGetLastError();
        set_diag(diag, KH_SYNTAX, xml, e && e->message ? e->message : "not well-formed XML");
        if (diag) {
            diag->message[strcspn(diag->message, "\n")] = 0;
            if (e)
                diag->line = e->line;
            if (e && !e->message)
                snprintf(diag->message, sizeof diag->message, "cannot read this XML file");
        }
        return KH_SYNTAX;
    }
    xmlNode *root = xmlDocGetRootElement(x);
    xmlNode *env = NULL, *sents = NULL;
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (is(n, "Environment"))
            env = n;
        else if (is(n, "Sentences"))
            sents = n;
    }
    if (!env || !sents) {
        set_diag(diag, KH_FIELD, xml, "no <Environment> or <Sentences> in the validation file");
        xmlFreeDoc(x);
        return KH_FIELD;
    }
    char dir[512] = "";
    const char *slash = strrchr(xml, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - xml + 1), xml);
    kh_dict *d = kh_dict_new();
    static const char *const tags[] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile",
                                       "Issuefile"};
    static const int kinds[] = {KH_PH_VERB, KH_PH_ACTOR, KH_PH_AGENT, KH_PH_DISCARD, KH_PH_ISSUE};
    int loaded = 0;
    for (xmlNode *n = env->children; n; n = n->next)
        for (int k = 0; k < 5; k++) {
            if (!is(n, tags[k]))
                continue;
            kh_buf name = KH_BUF_INIT;
            node_text(n, &name);
            char path[1024];
            snprintf(path, sizeof path, "%s%s", dir, name.ptr ? name.ptr : "");
            kh__buf_free(&name);
            kh_diag g;
            kh_status st = kh__dict_load_kind(d, path, kinds[k], &g);
            if (st && st != KH_SYNTAX) {
                if (diag)
                    *diag = g;
                kh_dict_free(d);
                xmlFreeDoc(x);
                return st;
            }
            loaded |= 1 << k;
        }
    if ((loaded & 3) != 3) {
        set_diag(diag, KH_FIELD, xml, "the <Environment> names no <Verbfile> or <Actorfile>");
        kh_dict_free(d);
        xmlFreeDoc(x);
        return KH_FIELD;
    }
    kh__validate_ready(d, out, res);
    pstate P;
    memset(&P, 0, sizeof P);
    P.out = out;
    P.res = res;
    P.opts.tabari = 1;
    P.opts.petrarch = 1;
    P.opts.one_sentence = 1;
    P.require_dyad = 1; /* PETRARCH's default (PETR_config.ini) */
    /* PETRARCH's default comma rules (PETR_config.ini): 2-8 words, not at the start */
    P.opts.comma_min = 2;
    P.opts.comma_max = 8;
    P.opts.comma_emin = 2;
    P.opts.comma_emax = 8;
    for (xmlNode *n = sents->children; n; n = n->next) {
        if (is(n, "Config"))
            apply_config(&P, n);
        else if (is(n, "Sentence"))
            run_sentence(&P, d, n);
        else if (is(n, "Stop"))
            break;
    }
    if (out && P.unsupported[0])
        fprintf(out, "options not acted on: %s\n", P.unsupported);
    kh_dict_free(d);
    xmlFreeDoc(x);
    return KH_OK;
}
