/*
 * store.c - the event store (issue #9): coded stories written to one SQLite database.
 *
 * The schema is in k_schema below and documented in docs/store.md. The file is marked as
 * khaldun's with PRAGMA application_id and its schema version with user_version, so a
 * foreign or damaged file is refused with a clear message instead of being written into.
 * Writes go through prepared statements in transactions of KH_STORE_BATCH stories, in WAL
 * mode: a run that is killed loses at most its open transaction and leaves the database
 * consistent. A story is keyed by its doc_id: writing it again deletes its old rows first,
 * so a repeated or resumed run doubles nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "store.h"

#define KH_STORE_APP_ID 0x4b484c44 /* "KHLD" */
#define KH_STORE_VERSION 1

static const char k_schema[] =
    "CREATE TABLE stories ("
    " id INTEGER PRIMARY KEY,"
    " doc_id TEXT NOT NULL UNIQUE,"
    " date TEXT,"           /* YYYY-MM-DD, NULL: unknown */
    " source TEXT,"         /* the outlet, as the input named it */
    " url TEXT, title TEXT,"
    " text_hash TEXT NOT NULL," /* FNV-1a 64 of the text: copies of a story share it */
    " length INTEGER NOT NULL," /* bytes of text */
    " sentences INTEGER NOT NULL, events INTEGER NOT NULL);"
    "CREATE INDEX stories_copies ON stories(text_hash, date);"
    "CREATE TABLE sentences ("
    " story INTEGER NOT NULL, n INTEGER NOT NULL," /* n: 1-based, as events.sentence */
    " start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,"
    " PRIMARY KEY (story, n)) WITHOUT ROWID;"
    "CREATE TABLE events ("
    " id INTEGER PRIMARY KEY,"
    " story INTEGER NOT NULL, n INTEGER NOT NULL," /* n: 0-based order in the story */
    " sentence INTEGER NOT NULL,"
    " date TEXT, date_precision TEXT, date_text TEXT,"
    " source TEXT, source_country TEXT, source_text TEXT, source_start INTEGER,"
    " source_end INTEGER, source_inferred INTEGER,"
    " target TEXT, target_country TEXT, target_text TEXT, target_start INTEGER,"
    " target_end INTEGER, target_inferred INTEGER,"
    " code TEXT NOT NULL, root TEXT, quad INTEGER, goldstein REAL,"
    " plover_event TEXT, plover_mode TEXT,"
    " verb TEXT, verb_start INTEGER, verb_end INTEGER, pattern TEXT, passive INTEGER,"
    " issues TEXT,"
    " place_name TEXT, place_country TEXT, place_admin1 TEXT, lat REAL, lon REAL,"
    " geonameid INTEGER, place_precision TEXT, place_text TEXT, place_start INTEGER,"
    " place_end INTEGER);"
    "CREATE INDEX events_story ON events(story);"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_dyad ON events(source, target);"
    "CREATE INDEX events_countries ON events(source_country, target_country);"
    "CREATE INDEX events_root ON events(root);"
    "CREATE TABLE places ("
    " story INTEGER NOT NULL, n INTEGER NOT NULL,"
    " name TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, geonameid INTEGER,"
    " precision TEXT, text TEXT, start INTEGER, end INTEGER, dateline INTEGER,"
    " PRIMARY KEY (story, n)) WITHOUT ROWID;"
    "CREATE TABLE counts ("
    " story INTEGER NOT NULL, event INTEGER," /* event NULL: a count of no event */
    " sentence INTEGER NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, max INTEGER,"
    " qualifier TEXT NOT NULL, text TEXT, start INTEGER, end INTEGER,"
    " date TEXT, date_precision TEXT);"
    "CREATE INDEX counts_story ON counts(story);"
    "CREATE INDEX counts_event ON counts(event);"
    /* the actors of events, one row per role */
    "CREATE VIEW actors AS"
    " SELECT id AS event, 'source' AS role, source AS code, source_country AS country,"
    " source_text AS text, source_start AS start, source_end AS end, source_inferred AS inferred"
    " FROM events WHERE source IS NOT NULL"
    " UNION ALL"
    " SELECT id, 'target', target, target_country, target_text, target_start, target_end,"
    " target_inferred FROM events WHERE target IS NOT NULL;";


enum { S_FIND, S_STORY, S_DEL_EV, S_DEL_SENT, S_DEL_PL, S_DEL_CT, S_SENT, S_EVENT, S_PLACE,
       S_COUNT, S__N };
_Static_assert((int)S__N == (int)KH__STORE_NSTMT, "store.h: KH__STORE_NSTMT");

static const char *const k_stmts[S__N] = {
    "SELECT id FROM stories WHERE doc_id = ?1",
    "INSERT INTO stories(doc_id, date, source, url, title, text_hash, length, sentences,"
    " events) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)"
    " ON CONFLICT(doc_id) DO UPDATE SET date=?2, source=?3, url=?4, title=?5, text_hash=?6,"
    " length=?7, sentences=?8, events=?9 RETURNING id",
    "DELETE FROM events WHERE story = ?1",
    "DELETE FROM sentences WHERE story = ?1",
    "DELETE FROM places WHERE story = ?1",
    "DELETE FROM counts WHERE story = ?1",
    "INSERT OR IGNORE INTO sentences VALUES (?1,?2,?3,?4,?5)",
    "INSERT INTO events(story, n, sentence, date, date_precision, date_text, source,"
    " source_country, source_text, source_start, source_end, source_inferred, target,"
    " target_country, target_text, target_start, target_end, target_inferred, code, root,"
    " quad, goldstein, plover_event, plover_mode, verb, verb_start, verb_end, pattern,"
    " passive, issues, place_name, place_country, place_admin1, lat, lon, geonameid,"
    " place_precision, place_text, place_start, place_end) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
    "?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,"
    "?31,?32,?33,?34,?35,?36,?37,?38,?39,?40)",
    "INSERT INTO places VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
    "INSERT INTO counts VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
};

/* Fills diag from the database's last error; returns st. */
kh_status kh__store_fail(sqlite3 *db, kh_status st, const char *what, kh_diag *diag)
{
    if (diag) {
        memset(diag, 0, sizeof *diag);
        int rc = db ? sqlite3_errcode(db) : SQLITE_ERROR;
        if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
            st = KH_STORE;
        diag->code = st;
        snprintf(diag->message, sizeof diag->message, "%s: %s%s", what,
                 db ? sqlite3_errmsg(db) : "cannot open",
                 st == KH_STORE ? " (not a khaldun event store, or a damaged one)" : "");
        if (db && sqlite3_db_filename(db, "main"))
            snprintf(diag->file, sizeof diag->file, "%s", sqlite3_db_filename(db, "main"));
    }
    return st;
}

static kh_status fail_msg(kh_status st, const char *path, kh_diag *diag, const char *msg)
{
    if (diag) {
        memset(diag, 0, sizeof *diag);
        diag->code = st;
        snprintf(diag->message, sizeof diag->message, "%s", msg);
        snprintf(diag->file, sizeof diag->file, "%s", path);
    }
    return st;
}

/* One integer from a PRAGMA or query; -1 on error. */
static long long one_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Checks that db is a khaldun store (or an empty database, which it makes one). */
static kh_status check_or_create(sqlite3 *db, const char *path, int create, kh_diag *diag)
{
    long long app = one_int(db, "PRAGMA application_id");
    if (app < 0)
        return kh__store_fail(db, KH_STORE, "reading the file", diag);
    long long ver = one_int(db, "PRAGMA user_version");
    long long ntab = one_int(db, "SELECT count(*) FROM sqlite_schema");
    if (ver < 0 || ntab < 0)
        return kh__store_fail(db, KH_STORE, "reading the file", diag);
    char msg[200];
    if (app == 0 && ver == 0 && ntab == 0) {
        if (!create)
            return fail_msg(KH_STORE, path, diag, "an empty database, not a khaldun event store");
        char *err = NULL;
        if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, k_schema, NULL, NULL, &err) != SQLITE_OK) {
            sqlite3_free(err);
            return kh__store_fail(db, KH_DB, "creating the schema", diag);
        }
        snprintf(msg, sizeof msg, "PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT",
                 KH_STORE_APP_ID, KH_STORE_VERSION);
        if (sqlite3_exec(db, msg, NULL, NULL, NULL) != SQLITE_OK)
            return kh__store_fail(db, KH_DB, "creating the schema", diag);
        return KH_OK;
    }
    if (app != KH_STORE_APP_ID) {
        snprintf(msg, sizeof msg, "a SQLite database of another program (application_id %lld, "
                                  "%lld tables), not a khaldun event store: not written", app, ntab);
        return fail_msg(KH_STORE, path, diag, msg);
    }
    if (ver != KH_STORE_VERSION) {
        snprintf(msg, sizeof msg, "a khaldun event store of schema version %lld; this khaldun "
                                  "reads version %d", ver, KH_STORE_VERSION);
        return fail_msg(KH_STORE, path, diag, msg);
    }
    return KH_OK;
}

kh_status kh_store_open(kh_store **out, const char *path, int create, kh_diag *diag)
{
    *out = NULL;
    if (!create) {
        FILE *f = fopen(path, "rb");
        if (!f)
            return fail_msg(KH_IO, path, diag, "cannot open the event store");
        fclose(f);
    }
    kh_store *s = calloc(1, sizeof *s);
    if (!s)
        return fail_msg(KH_NOMEM, path, diag, "out of memory");
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        kh_status st = kh__store_fail(s->db, KH_IO, "opening the event store", diag);
        sqlite3_close(s->db);
        free(s);
        return st;
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 10000); /* another writer: wait for its batch, then go on */
    kh_status st = check_or_create(s->db, path, create, diag);
    /* WAL: readers go on while a run writes, and a killed run leaves the last commit. */
    if (!st && (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
                                    "PRAGMA wal_autocheckpoint = 16384",
                             NULL, NULL, NULL) != SQLITE_OK))
        st = kh__store_fail(s->db, KH_DB, "setting WAL mode", diag);
    for (int i = 0; !st && i < S__N; i++)
        if (sqlite3_prepare_v3(s->db, k_stmts[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK)
            st = kh__store_fail(s->db, KH_STORE, "preparing statements", diag);
    if (st) {
        kh_store_close(s, NULL);
        return st;
    }
    *out = s;
    return KH_OK;
}

/* FNV-1a, 64 bits. */
uint64_t kh__store_hash(const char *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* The country of an actor code: its first three letters, unless they are a role, a kind of
 * organisation or a region rather than a state ("MIL", "IGO", "AFR"); NULL then. */
const char *kh__actor_country(const char *code, char out[4])
{
    static const char *const k_not[] = {
        /* CAMEO manual 1.1b3, Tables 3.1-3.3: roles, organisation kinds, regions */
        "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
        "IMG", "INS", "INT", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP",
        "PTY", "RAD", "REB", "REF", "REL", "SEP", "SPY", "UAF", "UIS", "UNK", "JRN", "SOC",
        "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
        "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"};
    if (!code || strlen(code) < 3)
        return NULL;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return NULL;
    memcpy(out, code, 3);
    out[3] = 0;
    for (size_t i = 0; i < sizeof k_not / sizeof *k_not; i++)
        if (memcmp(out, k_not[i], 3) == 0)
            return NULL;
    return out;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_span(sqlite3_stmt *st, int i, const kh_doc *doc, kh_span sp)
{
    sqlite3_bind_text(st, i, doc->text + sp.start, (int)(sp.end - sp.start), SQLITE_STATIC);
}

static void bind_date(sqlite3_stmt *st, int i, const kh_date *d, char buf[11])
{
    kh_date_format(d, buf);
    if (buf[0])
        sqlite3_bind_text(st, i, buf, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
    bind_text(st, i + 1, kh_precision_name(d->precision));
}

/* Runs a bound statement that returns no row; resets it. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static const char *const k_place_prec[] = {NULL, "country", "admin1", "city"};

/* One actor's seven columns from i: code, country, text, start, end, inferred. */
static void bind_actor(sqlite3_stmt *st, int i, const kh_doc *doc, const kh_actor *a, char c[4])
{
    if (!a->code) {
        for (int k = 0; k < 6; k++)
            sqlite3_bind_null(st, i + k);
        return;
    }
    bind_text(st, i, a->code);
    bind_text(st, i + 1, kh__actor_country(a->code, c));
    bind_span(st, i + 2, doc, a->span);
    sqlite3_bind_int64(st, i + 3, (sqlite3_int64)a->span.start);
    sqlite3_bind_int64(st, i + 4, (sqlite3_int64)a->span.end);
    sqlite3_bind_int(st, i + 5, a->inferred);
}

static int put_count(kh_store *s, sqlite3_int64 story, sqlite3_int64 event, int sentence,
                     int kind, const kh_count *c, const kh_date *d, const kh_doc *doc)
{
    sqlite3_stmt *st = s->st[S_COUNT];
    char buf[11];
    sqlite3_bind_int64(st, 1, story);
    if (event > 0)
        sqlite3_bind_int64(st, 2, event);
    sqlite3_bind_int(st, 3, sentence);
    bind_text(st, 4, kh_count_kind_name((kh_count_kind)kind));
    sqlite3_bind_int64(st, 5, c->n);
    if (c->max >= 0)
        sqlite3_bind_int64(st, 6, c->max);
    bind_text(st, 7, kh_qualifier_name(c->qualifier));
    bind_span(st, 8, doc, c->span);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)c->span.start);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)c->span.end);
    bind_date(st, 11, d, buf);
    return run(st);
}

/* The issues of an event as "CATEGORY:code;...", or NULL. */
static const char *issues_str(const kh_event *e, kh_buf *b)
{
    if (!e->nissues)
        return NULL;
    kh__buf_clear(b);
    for (size_t i = 0; i < e->nissues; i++) {
        if (i)
            kh__buf_putc(b, ';');
        kh__buf_puts(b, e->issues[i].category ? e->issues[i].category : "");
        if (e->issues[i].code) {
            kh__buf_putc(b, ':');
            kh__buf_puts(b, e->issues[i].code);
        }
    }
    return kh__buf_cstr(b);
}

static int put_event(kh_store *s, sqlite3_int64 story, int n, const kh_doc *doc,
                     const kh_event *e, sqlite3_int64 *id)
{
    sqlite3_stmt *st = s->st[S_EVENT];
    char dbuf[11], c1[4], c2[4], pat[300];
    sqlite3_bind_int64(st, 1, story);
    sqlite3_bind_int(st, 2, n);
    sqlite3_bind_int(st, 3, e->sentence);
    bind_date(st, 4, &e->date, dbuf);
    if (!e->date.from_story && e->date.precision != KH_PREC_NONE)
        bind_span(st, 6, doc, e->date.span);
    bind_actor(st, 7, doc, &e->source, c1);
    bind_actor(st, 13, doc, &e->target, c2);
    bind_text(st, 19, e->code);
    bind_text(st, 20, e->root);
    if (e->quad) {
        sqlite3_bind_int(st, 21, e->quad);
        sqlite3_bind_double(st, 22, e->goldstein);
    }
    bind_text(st, 23, e->plover_event);
    bind_text(st, 24, e->plover_mode);
    bind_span(st, 25, doc, e->verb);
    sqlite3_bind_int64(st, 26, (sqlite3_int64)e->verb.start);
    sqlite3_bind_int64(st, 27, (sqlite3_int64)e->verb.end);
    if (e->pattern_file) {
        const char *a = strrchr(e->pattern_file, '/'), *p = e->pattern_file;
        if (a) { /* the last two components, as the JSON Lines writer gives them */
            p = a;
            while (p > e->pattern_file && p[-1] != '/')
                p--;
        }
        snprintf(pat, sizeof pat, "%s:%d", p, e->pattern_line);
        sqlite3_bind_text(st, 28, pat, -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int(st, 29, e->passive);
    bind_text(st, 30, issues_str(e, &s->tmp));
    const kh_location *l = &e->location;
    if (l->precision != KH_PLACE_NONE) {
        bind_text(st, 31, l->name);
        bind_text(st, 32, l->country);
        bind_text(st, 33, l->admin1);
        if (l->has_coords) {
            sqlite3_bind_double(st, 34, l->lat);
            sqlite3_bind_double(st, 35, l->lon);
        }
        sqlite3_bind_int64(st, 36, l->geonameid);
        bind_text(st, 37, k_place_prec[l->precision]);
        bind_span(st, 38, doc, l->span);
        sqlite3_bind_int64(st, 39, (sqlite3_int64)l->span.start);
        sqlite3_bind_int64(st, 40, (sqlite3_int64)l->span.end);
    }
    if (run(st))
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int put_sentence(kh_store *s, sqlite3_int64 story, const kh_doc *doc, int n)
{
    if (n < 1 || (size_t)n > doc->nsents)
        return 0;
    const kh_sentence *se = &doc->sents[n - 1];
    sqlite3_stmt *st = s->st[S_SENT];
    sqlite3_bind_int64(st, 1, story);
    sqlite3_bind_int(st, 2, n);
    sqlite3_bind_int64(st, 3, se->start);
    sqlite3_bind_int64(st, 4, se->end);
    sqlite3_bind_text(st, 5, doc->text + se->start, (int)(se->end - se->start), SQLITE_STATIC);
    return run(st);
}

static int put_place(kh_store *s, sqlite3_int64 story, const kh_doc *doc, int n,
                     const kh_location *l)
{
    sqlite3_stmt *st = s->st[S_PLACE];
    sqlite3_bind_int64(st, 1, story);
    sqlite3_bind_int(st, 2, n);
    bind_text(st, 3, l->name);
    bind_text(st, 4, l->country);
    bind_text(st, 5, l->admin1);
    if (l->has_coords) {
        sqlite3_bind_double(st, 6, l->lat);
        sqlite3_bind_double(st, 7, l->lon);
    }
    sqlite3_bind_int64(st, 8, l->geonameid);
    bind_text(st, 9, k_place_prec[l->precision]);
    bind_span(st, 10, doc, l->span);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)l->span.start);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)l->span.end);
    sqlite3_bind_int(st, 13, l->dateline);
    return run(st);
}

/* Deletes what the store holds for doc_id; *story its row id, 0 when new. */
static int forget(kh_store *s, const char *doc_id, sqlite3_int64 *story)
{
    sqlite3_stmt *st = s->st[S_FIND];
    *story = 0;
    sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *story = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    if (!*story)
        return 0;
    static const int del[] = {S_DEL_EV, S_DEL_SENT, S_DEL_PL, S_DEL_CT};
    for (int i = 0; i < 4; i++) {
        sqlite3_bind_int64(s->st[del[i]], 1, *story);
        if (run(s->st[del[i]]))
            return -1;
    }
    return 0;
}

kh_status kh_store_put_doc(kh_store *s, const kh_doc *doc, kh_diag *diag)
{
    if (!s->in_tx) {
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return kh__store_fail(s->db, KH_DB, "beginning a transaction", diag);
        s->in_tx = 1;
    }
    sqlite3_int64 story;
    if (forget(s, doc->id, &story))
        return kh__store_fail(s->db, KH_DB, "replacing a story", diag);
    char hash[17];
    snprintf(hash, sizeof hash, "%016llx",
             (unsigned long long)kh__store_hash(doc->text, doc->len, 14695981039346656037ULL));
    sqlite3_stmt *st = s->st[S_STORY];
    bind_text(st, 1, doc->id);
    bind_text(st, 2, doc->date);
    bind_text(st, 3, doc->source);
    bind_text(st, 4, doc->url);
    bind_text(st, 5, doc->title);
    bind_text(st, 6, hash);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)doc->len);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)doc->nsents);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)doc->nevents);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        story = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW)
        return kh__store_fail(s->db, KH_DB, "writing a story", diag);
    /* the evidence: each sentence that holds an event or a count, once */
    int last = 0;
    for (size_t i = 0; i < doc->nevents; i++) {
        int n = doc->events[i].sentence;
        if (n != last && put_sentence(s, story, doc, n)) /* a sentence once: OR IGNORE */
            return kh__store_fail(s->db, KH_DB, "writing a sentence", diag);
        last = n;
        sqlite3_int64 id;
        if (put_event(s, story, (int)i, doc, &doc->events[i], &id))
            return kh__store_fail(s->db, KH_DB, "writing an event", diag);
        for (int k = 0; k < KH_COUNT__N; k++)
            if (doc->events[i].counts[k].n >= 0 &&
                put_count(s, story, id, doc->events[i].sentence, k, &doc->events[i].counts[k],
                          &doc->events[i].date, doc))
                return kh__store_fail(s->db, KH_DB, "writing a count", diag);
    }
    for (size_t i = 0; i < doc->nscounts; i++) {
        const kh_story_count *sc = &doc->scounts[i];
        if (put_sentence(s, story, doc, sc->sentence))
            return kh__store_fail(s->db, KH_DB, "writing a sentence", diag);
        if (put_count(s, story, 0, sc->sentence, sc->kind, &sc->count, &sc->date, doc))
            return kh__store_fail(s->db, KH_DB, "writing a count", diag);
    }
    for (size_t i = 0; i < kh_doc_nplaces(doc); i++)
        if (put_place(s, story, doc, (int)i, kh_doc_place(doc, i)))
            return kh__store_fail(s->db, KH_DB, "writing a place", diag);
    if (++s->pending >= KH_STORE_BATCH)
        return kh_store_commit(s, diag);
    return KH_OK;
}

kh_status kh_store_commit(kh_store *s, kh_diag *diag)
{
    s->pending = 0;
    if (!s->in_tx)
        return KH_OK;
    s->in_tx = 0;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return kh__store_fail(s->db, KH_DB, "committing", diag);
    return KH_OK;
}

kh_status kh_store_close(kh_store *s, kh_diag *diag)
{
    if (!s)
        return KH_OK;
    kh_status st = s->db ? kh_store_commit(s, diag) : KH_OK;
    for (int i = 0; i < S__N; i++)
        sqlite3_finalize(s->st[i]);
    if (s->db && !st)
        sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close(s->db);
    kh__buf_free(&s->tmp);
    free(s);
    return st;
}
