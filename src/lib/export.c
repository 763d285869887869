/*
 * export.c - the event store read out in the formats users load (issue #9): CSV with a
 * header, the Phoenix data set's 26 fields, a GDELT 2.0-style event table (61 fields) with
 * its mentions table, and PLOVER JSON Lines. docs/formats.md lists every field, which are
 * filled and from what; a field khaldun cannot fill is empty (null in JSON), never guessed.
 *
 * De-duplication happens here, on reading: the events are read sorted by their group key
 * (one-a-day: date, source, target, code; copies: story date, text hash, event number) and
 * each group becomes one record, written from its first event (by doc_id, sentence, order)
 * with the number of events (mentions), stories (articles) and outlets (sources) it stands
 * for, as GDELT's NumMentions, NumArticles and NumSources count them.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* The columns of one event row, in the order of k_select. */
enum {
    C_DOC, C_SDATE, C_OUTLET, C_URL, C_HASH, C_LEN, C_SENT, C_N, C_DATE, C_PREC, C_SRC,
    C_SRCC, C_SRCT, C_SRCS, C_TGT, C_TGTC, C_TGTT, C_TGTS, C_CODE, C_ROOT, C_QUAD, C_GOLD,
    C_PEV, C_PMODE, C_VERB, C_VERBS, C_ISSUES, C_PNAME, C_PCTRY, C_PADM1, C_LAT, C_LON,
    C_GEOID, C_PPREC, C_PTEXT, C_EVIDENCE, C_PATTERN, C_KILLED, C_KILLEDQ, C_WOUNDED,
    C_WOUNDEDQ, C_ARRESTED, C_ARRESTEDQ, C_DISPLACED, C_DISPLACEDQ, C__N
};

#define COUNT_COLS(k)                                                                   \
    ",(SELECT n FROM counts c WHERE c.event = e.id AND c.kind = '" k "')"               \
    ",(SELECT qualifier FROM counts c WHERE c.event = e.id AND c.kind = '" k "')"

static const char k_select[] =
    "SELECT s.doc_id, s.date, s.source, s.url, s.text_hash, s.length, e.sentence, e.n, e.date,"
    " e.date_precision, e.source, e.source_country, e.source_text, e.source_start, e.target,"
    " e.target_country, e.target_text, e.target_start, e.code, e.root, e.quad, e.goldstein,"
    " e.plover_event, e.plover_mode, e.verb, e.verb_start, e.issues, e.place_name,"
    " e.place_country, e.place_admin1, e.lat, e.lon, e.geonameid, e.place_precision,"
    " e.place_text, t.text, e.pattern" COUNT_COLS("killed") COUNT_COLS("wounded")
        COUNT_COLS("arrested") COUNT_COLS("displaced")
    " FROM events e JOIN stories s ON s.id = e.story"
    " LEFT JOIN sentences t ON t.story = e.story AND t.n = e.sentence";

/* The group key columns and the order of each dedup, then the order inside a group. */
static const int k_key_oneaday[] = {C_DATE, C_SRC, C_TGT, C_CODE, -1};
static const int k_key_copies[] = {C_SDATE, C_HASH, C_N, -1};
static const int k_key_none[] = {C_SDATE, C_DOC, C_SENT, C_N, -1};
static const char *const k_order[] = {
    " ORDER BY s.date, s.doc_id, e.sentence, e.n",
    " ORDER BY s.date, s.text_hash, e.n, s.doc_id, e.sentence",
    " ORDER BY e.date, e.source, e.target, e.code, s.doc_id, e.sentence, e.n"};

/* A row copied out of the statement (column texts, NULL for NULL). */
typedef struct row {
    char *v[C__N];
} row;

static void row_free(row *r)
{
    for (int i = 0; i < C__N; i++) {
        free(r->v[i]);
        r->v[i] = NULL;
    }
}

static int row_copy(row *r, sqlite3_stmt *st)
{
    row_free(r);
    for (int i = 0; i < C__N; i++) {
        const unsigned char *t = sqlite3_column_text(st, i);
        if (t && !(r->v[i] = strdup((const char *)t)))
            return -1;
    }
    return 0;
}

/* Whether the current statement row has the group key of r. */
static int same_key(const row *r, sqlite3_stmt *st, const int *key)
{
    for (int i = 0; key[i] >= 0; i++) {
        const char *a = r->v[key[i]];
        const char *b = (const char *)sqlite3_column_text(st, key[i]);
        if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
            return 0;
    }
    return 1;
}

/* A group: its first event and what it stands for. */
typedef struct group {
    row first;
    long mentions, articles;
    char *last_doc;
    kh_buf sources, urls; /* distinct outlets and URLs, ';' between */
    long nsources;
    uint64_t id;
} group;

/* Adds s to a ';'-separated set; 1 when it was new. */
static int set_add(kh_buf *set, const char *s)
{
    if (!s || !*s)
        return 0;
    size_t n = strlen(s);
    const char *p = set->ptr;
    while (p && *p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, s, n) == 0)
            return 0;
        p = e ? e + 1 : p + len;
    }
    if (set->len)
        kh__buf_putc(set, ';');
    for (size_t i = 0; i < n; i++) /* ';' inside a value would split it */
        kh__buf_putc(set, (s[i] == ';' || s[i] == '\t' || s[i] == '\n') ? ' ' : s[i]);
    return 1;
}

/* The event's id: FNV-1a of doc_id, sentence, number, kept to 53 bits so that R, pandas and
 * JSON readers hold it exactly. The same event has the same id in every export. */
static uint64_t event_id(const row *r)
{
    uint64_t h = 14695981039346656037ULL;
    h = kh__store_hash(r->v[C_DOC], strlen(r->v[C_DOC]) + 1, h);
    h = kh__store_hash(r->v[C_SENT], strlen(r->v[C_SENT]) + 1, h);
    h = kh__store_hash(r->v[C_N], strlen(r->v[C_N]), h);
    return h & ((1ULL << 53) - 1);
}

/* ---------------------------------------------------------------- actor codes */

/* CAMEO role codes (CAMEO manual 1.1b3, Tables 3.1 and 3.2), which are a code's type, not
 * its entity. */
static int is_role(const char *seg)
{
    static const char *const k_roles[] = {
        "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
        "INS", "JRN", "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB",
        "REF", "REL", "SEP", "SOC", "SPY", "UAF", "UNK"};
    for (size_t i = 0; i < sizeof k_roles / sizeof *k_roles; i++)
        if (memcmp(seg, k_roles[i], 3) == 0)
            return 1;
    return 0;
}

/* Organisation kinds whose next segment names the organisation (IGOUNO, NGOMSF). */
static int is_org(const char *seg)
{
    return memcmp(seg, "IGO", 3) == 0 || memcmp(seg, "NGO", 3) == 0 ||
           memcmp(seg, "NGM", 3) == 0 || memcmp(seg, "IMG", 3) == 0 || memcmp(seg, "MNC", 3) == 0;
}

/* A code split in the Phoenix way: entity (a country or organisation kind), role (the next
 * three letters), attribute (the rest). */
typedef struct parts {
    char entity[4], role[4], attr[64];
    char country[4], group[4], type[3][4];
} parts;

static void split_code(const char *code, const char *country, parts *p)
{
    memset(p, 0, sizeof *p);
    if (!code)
        return;
    if (country)
        memcpy(p->country, country, 3);
    size_t n = strlen(code), i = 0, ntype = 0;
    if (n >= 3 && !is_role(code) && code[0] != '-') {
        memcpy(p->entity, code, 3);
        i = 3;
    }
    if (i + 3 <= n) {
        memcpy(p->role, code + i, 3);
        snprintf(p->attr, sizeof p->attr, "%s", code + i + 3);
    }
    /* GDELT: types are the role and organisation-kind segments; a known group follows a kind */
    for (size_t k = 0; k + 3 <= n; k += 3) {
        const char *seg = code + k;
        if (is_org(seg)) {
            if (ntype < 3)
                memcpy(p->type[ntype++], seg, 3);
            if (k + 6 <= n && !is_role(seg + 3) && !p->group[0])
                memcpy(p->group, seg + 3, 3);
        } else if (is_role(seg) && ntype < 3) {
            memcpy(p->type[ntype++], seg, 3);
        }
    }
}

/* ---------------------------------------------------------------- dates */

static int days_in_month(int y, int m)
{
    static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return k[m - 1];
}

/* The parts of an event date that are known: a day gives all three; a month its year and
 * month; a week its year and month when all its days lie in one month (else its year when
 * in one year); a year its year. 0 for an unknown part. */
static void date_parts(const char *date, const char *prec, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (!date || !prec || sscanf(date, "%d-%d-%d", y, m, d) != 3) {
        *y = *m = *d = 0;
        return;
    }
    if (strcmp(prec, "day") == 0)
        return;
    if (strcmp(prec, "week") == 0) {
        if (*d + 6 <= days_in_month(*y, *m))
            *d = 0;
        else if (*m < 12)
            *m = *d = 0;
        else
            *y = *m = *d = 0;
        return;
    }
    *d = 0;
    if (strcmp(prec, "month") != 0)
        *m = 0;
}

/* ---------------------------------------------------------------- writers */

static void tsv(kh_buf *b, const char *s)
{
    if (s)
        kh__buf_tsv_str(b, s, strlen(s));
}

static void tab(kh_buf *b, const char *s)
{
    tsv(b, s);
    kh__buf_putc(b, '\t');
}

static void csv(kh_buf *b, const char *s, int last)
{
    if (s) {
        if (strpbrk(s, ",\"\n\r")) {
            kh__buf_putc(b, '"');
            for (const char *p = s; *p; p++) {
                if (*p == '"')
                    kh__buf_putc(b, '"');
                kh__buf_putc(b, *p);
            }
            kh__buf_putc(b, '"');
        } else {
            kh__buf_puts(b, s);
        }
    }
    kh__buf_putc(b, last ? '\n' : ',');
}

static void json_str(kh_buf *b, const char *s)
{
    if (!s) {
        kh__buf_puts(b, "null");
        return;
    }
    kh__buf_putc(b, '"');
    kh__buf_json_str(b, s, strlen(s));
    kh__buf_putc(b, '"');
}

/* A number column as JSON: its text, or null. */
static void json_num(kh_buf *b, const char *s)
{
    kh__buf_puts(b, s ? s : "null");
}

static const char k_csv_header[] =
    "event_id,doc_id,story_date,sentence,date,date_precision,source,source_country,"
    "source_text,target,target_country,target_text,code,root,quad,goldstein,plover_event,"
    "plover_mode,killed,killed_qualifier,wounded,wounded_qualifier,arrested,"
    "arrested_qualifier,displaced,displaced_qualifier,location,location_country,"
    "location_admin1,lat,lon,geonameid,location_precision,issues,pattern,num_mentions,"
    "num_articles,num_sources,outlet,url,evidence\n";

static void write_csv(kh_buf *b, const group *g)
{
    char *const *v = g->first.v;
    char id[24], m[24], a[24], ns[24];
    snprintf(id, sizeof id, "%llu", (unsigned long long)g->id);
    snprintf(m, sizeof m, "%ld", g->mentions);
    snprintf(a, sizeof a, "%ld", g->articles);
    snprintf(ns, sizeof ns, "%ld", g->nsources);
    const char *cols[] = {id, v[C_DOC], v[C_SDATE], v[C_SENT], v[C_DATE], v[C_PREC], v[C_SRC],
                          v[C_SRCC], v[C_SRCT], v[C_TGT], v[C_TGTC], v[C_TGTT], v[C_CODE],
                          v[C_ROOT], v[C_QUAD], v[C_GOLD], v[C_PEV], v[C_PMODE], v[C_KILLED],
                          v[C_KILLEDQ], v[C_WOUNDED], v[C_WOUNDEDQ], v[C_ARRESTED],
                          v[C_ARRESTEDQ], v[C_DISPLACED], v[C_DISPLACEDQ], v[C_PNAME],
                          v[C_PCTRY], v[C_PADM1], v[C_LAT], v[C_LON], v[C_GEOID], v[C_PPREC],
                          v[C_ISSUES], v[C_PATTERN], m, a, g->nsources ? ns : NULL,
                          g->sources.len ? g->sources.ptr : NULL,
                          g->urls.len ? g->urls.ptr : NULL, v[C_EVIDENCE]};
    size_t n = sizeof cols / sizeof *cols;
    for (size_t i = 0; i < n; i++)
        csv(b, cols[i], i + 1 == n);
}

/* Phoenix: the 26 tab-separated fields of the Phoenix data set, in its order. */
static void write_phoenix(kh_buf *b, const group *g)
{
    char *const *v = g->first.v;
    int y, m, d;
    date_parts(v[C_DATE], v[C_PREC], &y, &m, &d);
    kh__buf_printf(b, "%llu\t", (unsigned long long)g->id);        /* EventID */
    if (d)
        kh__buf_printf(b, "%04d%02d%02d", y, m, d);                 /* Date */
    kh__buf_putc(b, '\t');
    if (y)
        kh__buf_printf(b, "%d", y);                                 /* Year */
    kh__buf_putc(b, '\t');
    if (m)
        kh__buf_printf(b, "%d", m);                                 /* Month */
    kh__buf_putc(b, '\t');
    if (d)
        kh__buf_printf(b, "%d", d);                                 /* Day */
    kh__buf_putc(b, '\t');
    const char *codes[2] = {v[C_SRC], v[C_TGT]}, *ctry[2] = {v[C_SRCC], v[C_TGTC]};
    for (int i = 0; i < 2; i++) {                                   /* Source/TargetActor... */
        parts p;
        split_code(codes[i], ctry[i], &p);
        tab(b, codes[i]);                                           /* ...Full */
        tab(b, p.entity);                                           /* ...Entity */
        tab(b, p.role);                                             /* ...Role */
        tab(b, p.attr);                                             /* ...Attribute */
    }
    tab(b, v[C_CODE]);                                              /* EventCode */
    tab(b, v[C_ROOT]);                                              /* EventRootCode */
    const kh_cameo *c = kh_cameo_lookup(v[C_CODE]);
    if (c)
        kh__buf_printf(b, "%d", c->quad_phoenix);                   /* PentaClass */
    kh__buf_putc(b, '\t');
    tab(b, v[C_GOLD]);                                              /* GoldsteinScore */
    tab(b, v[C_ISSUES]);                                            /* Issues */
    tab(b, v[C_LAT]);                                               /* Lat */
    tab(b, v[C_LON]);                                               /* Lon */
    tab(b, v[C_PNAME]);                                             /* LocationName */
    tab(b, v[C_PADM1]);                                             /* StateName */
    tab(b, v[C_PCTRY]);                                             /* CountryCode */
    tsv(b, v[C_DOC]);                                               /* SentenceID */
    kh__buf_printf(b, "_%s\t", v[C_SENT]);
    tab(b, g->urls.len ? g->urls.ptr : NULL);                       /* URLs */
    tsv(b, g->sources.len ? g->sources.ptr : NULL);                 /* NewsSources */
    kh__buf_putc(b, '\n');
}

/* GDELT: the ten fields of an actor. */
static void gdelt_actor(kh_buf *b, const char *code, const char *country, const char *text)
{
    parts p;
    split_code(code, country, &p);
    tab(b, code);       /* ActorCode */
    tab(b, code ? text : NULL); /* ActorName: the words of the story */
    tab(b, p.country);  /* ActorCountryCode */
    tab(b, p.group);    /* ActorKnownGroupCode */
    kh__buf_puts(b, "\t\t\t"); /* Ethnic, Religion1, Religion2: not coded */
    for (int i = 0; i < 3; i++)
        tab(b, p.type[i]); /* ActorType1-3Code */
}

/* GDELT 2.0 event table: 61 tab-separated fields (GDELT Event Codebook V2.0). */
static void write_gdelt(kh_buf *b, const group *g)
{
    char *const *v = g->first.v;
    int y, m, d;
    date_parts(v[C_DATE], v[C_PREC], &y, &m, &d);
    kh__buf_printf(b, "%llu\t", (unsigned long long)g->id);        /* GlobalEventID */
    if (d)
        kh__buf_printf(b, "%04d%02d%02d", y, m, d);                 /* Day */
    kh__buf_putc(b, '\t');
    if (m)
        kh__buf_printf(b, "%04d%02d", y, m);                        /* MonthYear */
    kh__buf_putc(b, '\t');
    if (y)
        kh__buf_printf(b, "%d", y);                                 /* Year */
    kh__buf_putc(b, '\t');
    if (d) /* FractionDate, GDELT's formula: year + (month * 30 + day) / 365 */
        kh__buf_printf(b, "%.4f", y + (m * 30 + d) / 365.0);
    kh__buf_putc(b, '\t');
    gdelt_actor(b, v[C_SRC], v[C_SRCC], v[C_SRCT]);                /* Actor1* */
    gdelt_actor(b, v[C_TGT], v[C_TGTC], v[C_TGTT]);                /* Actor2* */
    kh__buf_putc(b, '\t');                                          /* IsRootEvent: unknown */
    tab(b, v[C_CODE]);                                              /* EventCode */
    if (v[C_CODE])
        kh__buf_put(b, v[C_CODE], strlen(v[C_CODE]) < 3 ? strlen(v[C_CODE]) : 3); /* Base */
    kh__buf_putc(b, '\t');
    tab(b, v[C_ROOT]);                                              /* EventRootCode */
    tab(b, v[C_QUAD]);                                              /* QuadClass */
    tab(b, v[C_GOLD]);                                              /* GoldsteinScale */
    kh__buf_printf(b, "%ld\t", g->mentions);                        /* NumMentions */
    if (g->nsources)
        kh__buf_printf(b, "%ld", g->nsources);                      /* NumSources */
    kh__buf_printf(b, "\t%ld\t", g->articles);                      /* NumArticles */
    kh__buf_putc(b, '\t');                                          /* AvgTone: not measured */
    kh__buf_puts(b, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");            /* Actor1Geo, Actor2Geo */
    const char *pp = v[C_PPREC];                                    /* ActionGeo_Type */
    int usa = v[C_PCTRY] && strcmp(v[C_PCTRY], "USA") == 0;
    if (pp)
        kh__buf_printf(b, "%d", strcmp(pp, "country") == 0 ? 1 : strcmp(pp, "admin1") == 0
                                                                     ? (usa ? 2 : 5)
                                                                     : (usa ? 3 : 4));
    kh__buf_putc(b, '\t');
    if (pp) { /* ActionGeo_FullName: "name, division, country" */
        tsv(b, v[C_PNAME]);
        if (v[C_PADM1] && strcmp(pp, "admin1") != 0) {
            kh__buf_puts(b, ", ");
            tsv(b, v[C_PADM1]);
        }
        if (strcmp(pp, "country") != 0) {
            kh__buf_puts(b, ", ");
            tsv(b, v[C_PCTRY]);
        }
    }
    kh__buf_puts(b, "\t\t\t\t"); /* CountryCode (FIPS), ADM1Code, ADM2Code: not known */
    tab(b, v[C_LAT]);                                               /* ActionGeo_Lat */
    tab(b, v[C_LON]);                                               /* ActionGeo_Long */
    kh__buf_putc(b, '\t');                                          /* FeatureID: not known */
    if (v[C_SDATE] && strlen(v[C_SDATE]) == 10)                     /* DATEADDED: story date */
        kh__buf_printf(b, "%.4s%.2s%.2s", v[C_SDATE], v[C_SDATE] + 5, v[C_SDATE] + 8);
    kh__buf_putc(b, '\t');
    tsv(b, v[C_URL]);                                               /* SOURCEURL */
    kh__buf_putc(b, '\n');
}

/* GDELT 2.0 mentions table: one row per event mention, 16 fields. */
static void write_mention(kh_buf *b, uint64_t id, const char *event_date, sqlite3_stmt *st)
{
#define COL(i) ((const char *)sqlite3_column_text(st, (i)))
    kh__buf_printf(b, "%llu\t", (unsigned long long)id);             /* GlobalEventID */
    const char *dates[2] = {event_date, COL(C_SDATE)};              /* EventTimeDate, */
    for (int i = 0; i < 2; i++) {                                   /* MentionTimeDate */
        if (dates[i] && strlen(dates[i]) == 10)
            kh__buf_printf(b, "%.4s%.2s%.2s", dates[i], dates[i] + 5, dates[i] + 8);
        kh__buf_putc(b, '\t');
    }
    kh__buf_putc(b, '\t');                                          /* MentionType: unknown */
    tab(b, COL(C_OUTLET));                                          /* MentionSourceName */
    tab(b, COL(C_URL) ? COL(C_URL) : COL(C_DOC));                   /* MentionIdentifier */
    tab(b, COL(C_SENT));                                            /* SentenceID */
    tab(b, COL(C_SRCS) ? COL(C_SRCS) : "-1");                       /* Actor1CharOffset */
    tab(b, COL(C_TGTS) ? COL(C_TGTS) : "-1");                       /* Actor2CharOffset */
    tab(b, COL(C_VERBS) ? COL(C_VERBS) : "-1");                     /* ActionCharOffset */
    kh__buf_puts(b, "1\t\t");                                       /* InRawText, Confidence */
    tab(b, COL(C_LEN));                                             /* MentionDocLen */
    kh__buf_puts(b, "\t\t\n"); /* MentionDocTone, MentionDocTranslationInfo, Extras */
#undef COL
}

/* PLOVER: an actor or recipient list of one entity object (PLOVER manual, entity table). */
static void plover_actor(kh_buf *b, const char *code, const char *country, const char *text)
{
    if (!code) {
        kh__buf_puts(b, "[]");
        return;
    }
    parts p;
    split_code(code, country, &p);
    kh__buf_puts(b, "[{\"code\":");
    json_str(b, p.entity[0] ? p.entity : NULL);
    kh__buf_puts(b, ",\"sector\":");
    json_str(b, p.role[0] ? p.role : NULL);
    kh__buf_puts(b, ",\"entity_text\":");
    json_str(b, text);
    kh__buf_puts(b, ",\"cameo\":");
    json_str(b, code);
    kh__buf_puts(b, "}]");
}

static void plover_list(kh_buf *b, const char *s)
{
    if (!s) {
        kh__buf_puts(b, "[]");
        return;
    }
    kh__buf_putc(b, '[');
    json_str(b, s);
    kh__buf_putc(b, ']');
}

/* PLOVER JSON Lines: the fields of the PLOVER manual's JSON table that khaldun fills. */
static void write_plover(kh_buf *b, const group *g)
{
    char *const *v = g->first.v;
    kh__buf_printf(b, "{\"id\":\"%llu\",\"date\":", (unsigned long long)g->id);
    json_str(b, v[C_DATE]);
    kh__buf_puts(b, ",\"date_precision\":");
    json_str(b, v[C_PREC]);
    kh__buf_puts(b, ",\"actor\":");
    plover_actor(b, v[C_SRC], v[C_SRCC], v[C_SRCT]);
    kh__buf_puts(b, ",\"recipient\":");
    plover_actor(b, v[C_TGT], v[C_TGTC], v[C_TGTT]);
    kh__buf_puts(b, ",\"event\":");
    plover_list(b, v[C_PEV]);
    kh__buf_puts(b, ",\"mode\":");
    plover_list(b, v[C_PMODE]);
    kh__buf_puts(b, ",\"context\":[],\"event_loc\":");
    if (v[C_PPREC]) {
        const char *pp = v[C_PPREC];
        kh__buf_puts(b, "{\"extracted_place\":");
        json_str(b, v[C_PTEXT]);
        kh__buf_puts(b, ",\"resolved_place\":");
        json_str(b, v[C_PNAME]);
        kh__buf_puts(b, ",\"geonameid\":");
        json_num(b, v[C_GEOID]);
        kh__buf_puts(b, ",\"lat\":");
        json_num(b, v[C_LAT]);
        kh__buf_puts(b, ",\"lon\":");
        json_num(b, v[C_LON]);
        kh__buf_puts(b, ",\"city\":");
        json_str(b, strcmp(pp, "city") == 0 ? v[C_PNAME] : NULL);
        kh__buf_puts(b, ",\"province\":");
        json_str(b, v[C_PADM1]);
        kh__buf_puts(b, ",\"country_code\":");
        json_str(b, v[C_PCTRY]);
        kh__buf_printf(b, ",\"resolution\":%d}", strcmp(pp, "city") == 0      ? 4
                                                 : strcmp(pp, "admin1") == 0 ? 2
                                                                             : 1);
    } else {
        kh__buf_puts(b, "null");
    }
    kh__buf_puts(b, ",\"event_text\":");
    plover_list(b, v[C_VERB]);
    kh__buf_puts(b, ",\"quad_code\":");
    json_num(b, v[C_QUAD]);
    kh__buf_puts(b, ",\"size\":{\"dead\":");
    json_num(b, v[C_KILLED]);
    kh__buf_puts(b, ",\"injured\":");
    json_num(b, v[C_WOUNDED]);
    kh__buf_puts(b, ",\"arrested\":");
    json_num(b, v[C_ARRESTED]);
    kh__buf_puts(b, "},\"text_info\":{\"sequence\":");
    json_num(b, v[C_SENT]);
    kh__buf_puts(b, "},\"cite_info\":{\"citation\":");
    json_str(b, v[C_DOC]);
    kh__buf_puts(b, ",\"url\":");
    json_str(b, v[C_URL]);
    kh__buf_puts(b, ",\"publication\":");
    json_str(b, v[C_OUTLET]);
    kh__buf_puts(b, ",\"coder\":\"khaldun " KH_VERSION "\",\"codebook\":\"CAMEO 1.1b3 mapped to "
                    "PLOVER (CAMEO2PLOVER 2021)\"},\"cameo\":");
    json_str(b, v[C_CODE]);
    kh__buf_printf(b, ",\"num_mentions\":%ld,\"num_articles\":%ld,\"num_sources\":", g->mentions,
                   g->articles);
    if (g->nsources)
        kh__buf_printf(b, "%ld}\n", g->nsources);
    else
        kh__buf_puts(b, "null}\n");
}

int kh_export_format_parse(const char *name, kh_export_format *f)
{
    static const char *const k_names[] = {"csv", "phoenix", "gdelt", "plover"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, k_names[i]) == 0) {
            *f = (kh_export_format)i;
            return 0;
        }
    return -1;
}

/* Writes a finished group in format f; -1 on a write error. */
static int flush_group(FILE *out, kh_export_format f, group *g, kh_buf *b)
{
    kh__buf_clear(b);
    switch (f) {
    case KH_EXPORT_CSV: write_csv(b, g); break;
    case KH_EXPORT_PHOENIX: write_phoenix(b, g); break;
    case KH_EXPORT_GDELT: write_gdelt(b, g); break;
    case KH_EXPORT_PLOVER: write_plover(b, g); break;
    }
    return fwrite(b->ptr, 1, b->len, out) == b->len ? 0 : -1;
}

static void group_reset(group *g)
{
    row_free(&g->first);
    free(g->last_doc);
    g->last_doc = NULL;
    g->mentions = g->articles = g->nsources = 0;
    kh__buf_clear(&g->sources);
    kh__buf_clear(&g->urls);
}

kh_status kh_store_export(kh_store *s, FILE *out, FILE *mentions, kh_export_format f,
                          kh_dedup dedup, kh_diag *diag)
{
    kh_buf sql = KH_BUF_INIT, b = KH_BUF_INIT, mb = KH_BUF_INIT;
    kh__buf_puts(&sql, k_select);
    kh__buf_puts(&sql, k_order[dedup]);
    const int *key = dedup == KH_DEDUP_ONEADAY ? k_key_oneaday
                     : dedup == KH_DEDUP_COPIES ? k_key_copies
                                                : k_key_none;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql.ptr, -1, &st, NULL) != SQLITE_OK) {
        kh__buf_free(&sql);
        return kh__store_fail(s->db, KH_STORE, "reading events", diag);
    }
    kh__buf_free(&sql);
    if (f == KH_EXPORT_CSV)
        fputs(k_csv_header, out);
    group g;
    memset(&g, 0, sizeof g);
    kh_status ret = KH_OK;
    int rc, have = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!have || !same_key(&g.first, st, key)) {
            if (have && flush_group(out, f, &g, &b)) {
                ret = KH_IO;
                break;
            }
            group_reset(&g);
            if (row_copy(&g.first, st)) {
                ret = KH_NOMEM;
                break;
            }
            g.id = event_id(&g.first);
            have = 1;
        }
        const char *doc = (const char *)sqlite3_column_text(st, C_DOC);
        g.mentions++;
        if (!g.last_doc || strcmp(g.last_doc, doc) != 0) { /* rows come by doc_id */
            g.articles++;
            free(g.last_doc);
            g.last_doc = strdup(doc);
            g.nsources += set_add(&g.sources, (const char *)sqlite3_column_text(st, C_OUTLET));
            set_add(&g.urls, (const char *)sqlite3_column_text(st, C_URL));
        }
        if (mentions) {
            kh__buf_clear(&mb);
            write_mention(&mb, g.id, g.first.v[C_SDATE], st);
            if (fwrite(mb.ptr, 1, mb.len, mentions) != mb.len) {
                ret = KH_IO;
                break;
            }
        }
    }
    if (!ret && rc != SQLITE_DONE)
        ret = kh__store_fail(s->db, KH_STORE, "reading events", diag);
    else if (!ret && have && flush_group(out, f, &g, &b))
        ret = KH_IO;
    if (ret == KH_IO && diag) {
        memset(diag, 0, sizeof *diag);
        diag->code = KH_IO;
        snprintf(diag->message, sizeof diag->message, "cannot write the export");
    }
    group_reset(&g);
    kh__buf_free(&g.sources);
    kh__buf_free(&g.urls);
    kh__buf_free(&b);
    kh__buf_free(&mb);
    sqlite3_finalize(st);
    return ret;
}
