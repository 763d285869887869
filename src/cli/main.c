/*
 * main.c - the khaldun command. Includes only the public header.
 *
 *   khaldun code [options] FILE...     stories in, events out (JSON Lines or TSV)
 *   khaldun explain [options] "text"   what each stage made of a text
 *   khaldun dict check|stats [DIR]     load a dictionary set and report on it (check: and lint it)
 *
 * Exit status: 0 every story was read, 1 some were rejected, 2 usage or dictionary error.
 */
#include <khaldun.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *k_usage =
    "usage: khaldun code [--date YYYY-MM-DD] [--input text|jsonl] [--dict DIR] [--add-dict PATH]\n"
    "                    [--format jsonl|tsv|csv|phoenix|gdelt|plover] [--db STORE]\n"
    "                    [--tabari|--petrarch] [-j N] [-o FILE] [-q] FILE...\n"
    "       khaldun export [--format csv|phoenix|gdelt|plover] [--dedup oneaday|copies|none]\n"
    "                    [-o FILE] [--mentions FILE] STORE\n"
    "       khaldun query [--from DATE] [--to DATE] [--country C,C] [--source PREFIX]\n"
    "                    [--target PREFIX] [--root R,R] [--quad Q,Q] [--by G[,G]]\n"
    "                    [--format table|csv|json] [--dedup D] [--limit N] STORE\n"
    "       khaldun explain [--date YYYY-MM-DD] [--dict DIR] \"text\" | -\n"
    "       khaldun dict check|stats|compile [DIR] [--add-dict PATH] [-o FILE]\n"
    "       khaldun validate FILE.project   a TABARI validation suite: N passed, N failed\n"
    "       khaldun validate FILE.xml       a PETRARCH validation file (PETR.UnitTest.records.xml)\n"
    "       khaldun gazetteer compile [DIR|FILE] [-o OUT] | stats [FILE]   GeoNames places\n"
    "       khaldun --version | --help\n"
    "\n"
    "  FILE         a story as plain text (.txt) or stories as JSON Lines (.jsonl), each\n"
    "               optionally .gz; - is standard input\n"
    "  --date       the story date for stories that carry none\n"
    "  --dict DIR   use the dictionaries in DIR (or one dictionary file) instead of the\n"
    "               shipped set\n"
    "  --add-dict   load one more dictionary file or folder on top\n"
    "  --cache FILE  map the dictionaries from FILE (khaldun dict compile -o FILE)\n"
    "  --no-cache   read the dictionaries' text: no cache is mapped or written (a set read\n"
    "               from its text is otherwise kept in $KHALDUN_CACHE_DIR, else\n"
    "               $XDG_CACHE_HOME/khaldun or ~/.cache/khaldun, for the next run)\n"
    "  -o FILE      write events to FILE instead of standard output\n"
    "  -q           no summary on standard error\n"
    "  --events-only  no event dates, counts or places: who did what to whom only\n"
    "  -j N         code with N threads (default: one per core); the output is the same\n"
    "  --tabari     TABARI 0.8's rules where khaldun's differ (first actor is the source,\n"
    "               places can be targets, roles need an actor): for TABARI dictionaries\n"
    "  --petrarch   --tabari, and PETRARCH's noun phrases (agents over \"from\", agents shared\n"
    "               by a compound): for PETRARCH and Phoenix dictionaries\n"
    "  --gazetteer FILE  places from FILE: a compiled gazetteer or a GeoNames dump\n"
    "               (cities1000.txt, allCountries.txt); none: no places\n"
    "  --db STORE   write the events to the SQLite event store STORE (made if missing); a\n"
    "               story coded again replaces its events. Alone: nothing on standard output\n"
    "  --format     csv, phoenix, gdelt, plover: the export formats (docs/formats.md), written\n"
    "               when the run ends; gdelt's mentions table goes to --mentions FILE or -o\n"
    "               FILE.mentions\n"
    "  --dedup      oneaday (default): one record per date, source, target, code; copies: a\n"
    "               story carried by several outlets counts once; none\n"
    "  --by         query's groups: day, week, month, year, country, dyad, root, quad\n";

/* Out of memory: the library's message and status (3), from the command's own allocations. */
static void *need(void *p)
{
    if (!p) {
        fputs("khaldun: out of memory\n", stderr);
        exit(3);
    }
    return p;
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "khaldun: %s\n%s", msg, k_usage);
    return 2;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The shipped dictionaries: $KHALDUN_DICT, else beside the program (build/../dict, or
 * PREFIX/bin/../share/khaldun/dict). */
static const char *default_dict(char *buf, size_t cap)
{
    const char *env = getenv("KHALDUN_DICT");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            const char *tries[] = {"/../share/khaldun/dict", "/../dict", "/dict"};
            for (size_t i = 0; i < 3; i++) {
                snprintf(buf, cap, "%s%s", exe, tries[i]);
                if (is_dir(buf))
                    return buf;
            }
        }
    }
    return "dict";
}

/* places (issue #6): the gazetteer the build compiled from GeoNames: $KHALDUN_GAZETTEER,
 * else beside the program (build/places.gaz, or PREFIX/share/khaldun/places.gaz). NULL when
 * there is none. */
static const char *default_gazetteer(char *buf, size_t cap)
{
    const char *env = getenv("KHALDUN_GAZETTEER");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    const char *tries[] = {"/places.gaz", "/../share/khaldun/places.gaz"};
    for (size_t i = 0; i < 2; i++) {
        struct stat st;
        snprintf(buf, cap, "%s%s", exe, tries[i]);
        if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
            return buf;
    }
    return NULL;
}

#ifndef KH_GEONAMES_DIR
#define KH_GEONAMES_DIR "/usr/share/libtimezonemap/ui"
#endif

typedef struct opts {
    const char *date, *dict, *out, *cache;
    const char *gazetteer; /* places (issue #6): --gazetteer FILE, "none" */
    int no_cache; /* read the text even if a fresh cache exists */
    const char *add[16];
    int nadd;
    kh_input input;
    kh_format format;
    int quiet;
    int jobs; /* -j: threads that code (default: one per core) */
    /* the event store (issue #9) */
    const char *db;        /* --db FILE */
    const char *mentions;  /* --mentions FILE: the GDELT mentions table */
    int export_fmt;        /* --format csv|phoenix|gdelt|plover: kh_export_format, -1 none */
    int format_given;      /* --format was given */
    const char *format_name;
    kh_dedup dedup;        /* --dedup oneaday|copies|none */
    kh_query q;            /* khaldun query's filters and grouping */
    kh_options kopts;
    char **files;
    int nfiles;
} opts;

/* issue #9: query --by day|week|month|year|country|dyad|root|quad[,second]; -1 if bad. */
static int parse_groups(const char *v, kh_group g[2])
{
    static const char *const k_names[] = {"", "day", "week", "month", "year", "country",
                                          "dyad", "root", "quad"};
    int n = 0;
    while (*v) {
        size_t len = strcspn(v, ",");
        int found = 0;
        for (int i = 1; i < 9; i++)
            if (strlen(k_names[i]) == len && strncmp(v, k_names[i], len) == 0) {
                if (n == 2)
                    return -1;
                g[n++] = (kh_group)i;
                found = 1;
            }
        if (!found)
            return -1;
        v += len + (v[len] == ',');
    }
    return 0;
}

/* Parses the options shared by the commands; returns -1 on a usage error. */
static int parse_opts(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->files = need(calloc((size_t)argc + 1, sizeof *o->files));
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = ncpu > 1 ? (ncpu > 64 ? 64 : (int)ncpu) : 1;
    o->export_fmt = -1;
    o->dedup = KH_DEDUP_ONEADAY;
    int only_files = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_files) {
            o->files[o->nfiles++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) { /* what follows is files (or text), not options */
            only_files = 1;
            continue;
        }
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--date") == 0 && v) {
            o->date = v;
            i++;
        } else if (strcmp(a, "--dict") == 0 && v) {
            o->dict = v;
            i++;
        } else if (strcmp(a, "--add-dict") == 0 && v) {
            if (o->nadd == 16)
                return -1;
            o->add[o->nadd++] = v;
            i++;
        } else if (strcmp(a, "--input") == 0 && v) {
            if (strcmp(v, "text") == 0)
                o->input = KH_INPUT_TEXT;
            else if (strcmp(v, "jsonl") == 0)
                o->input = KH_INPUT_JSONL;
            else
                return -1;
            i++;
        } else if (strcmp(a, "--format") == 0 && v) {
            kh_export_format ef;
            if (strcmp(v, "jsonl") == 0)
                o->format = KH_FORMAT_JSONL;
            else if (strcmp(v, "tsv") == 0)
                o->format = KH_FORMAT_TSV;
            else if (kh_export_format_parse(v, &ef) == 0) /* issue #9 */
                o->export_fmt = (int)ef;
            else if (strcmp(v, "table") == 0) /* query's outputs (csv above) */
                o->q.out = KH_OUT_TABLE;
            else if (strcmp(v, "json") == 0)
                o->q.out = KH_OUT_JSON;
            else
                return -1;
            o->format_given = 1;
            o->format_name = v;
            i++;
        } else if (strcmp(a, "--db") == 0 && v) { /* issue #9: the event store */
            o->db = v;
            i++;
        } else if (strcmp(a, "--from") == 0 && v) { /* issue #9: query's filters */
            o->q.from = argv[++i];
        } else if (strcmp(a, "--to") == 0 && v) {
            o->q.to = argv[++i];
        } else if (strcmp(a, "--country") == 0 && v) {
            o->q.countries = argv[++i];
        } else if (strcmp(a, "--source") == 0 && v) {
            o->q.source = argv[++i];
        } else if (strcmp(a, "--target") == 0 && v) {
            o->q.target = argv[++i];
        } else if (strcmp(a, "--root") == 0 && v) {
            o->q.roots = argv[++i];
        } else if (strcmp(a, "--quad") == 0 && v) {
            o->q.quads = argv[++i];
        } else if (strcmp(a, "--limit") == 0 && v) {
            char *e;
            o->q.limit = strtol(argv[++i], &e, 10);
            if (*e || o->q.limit < 1)
                return -1;
        } else if (strcmp(a, "--by") == 0 && v) {
            if (parse_groups(argv[++i], o->q.group) < 0)
                return -1;
        } else if (strcmp(a, "--mentions") == 0 && v) {
            o->mentions = v;
            i++;
        } else if (strcmp(a, "--dedup") == 0 && v) {
            if (strcmp(v, "oneaday") == 0)
                o->dedup = KH_DEDUP_ONEADAY;
            else if (strcmp(v, "copies") == 0)
                o->dedup = KH_DEDUP_COPIES;
            else if (strcmp(v, "none") == 0)
                o->dedup = KH_DEDUP_NONE;
            else
                return -1;
            i++;
        } else if (strcmp(a, "-o") == 0 && v) {
            o->out = v;
            i++;
        } else if (strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "-j") == 0 && v) {
            char *e;
            long j = strtol(v, &e, 10);
            if (*e || j < 1 || j > 256)
                return -1;
            o->jobs = (int)j;
            i++;
        } else if (strcmp(a, "--cache") == 0 && i + 1 < argc) {
            o->cache = argv[++i];
        } else if (strcmp(a, "--no-cache") == 0) {
            o->no_cache = 1;
        } else if (strcmp(a, "--events-only") == 0) { /* no dates, counts or places */
            o->kopts.events_only = 1;
            o->gazetteer = "none";
        } else if (strcmp(a, "--gazetteer") == 0 && v) { /* places (issue #6) */
            o->gazetteer = v;
            i++;
        } else if (strcmp(a, "--tabari") == 0) {
            o->kopts.tabari = 1;
        } else if (strcmp(a, "--petrarch") == 0) {
            o->kopts.tabari = o->kopts.petrarch = 1;
        } else if (a[0] == '-' && a[1]) {
            return -1;
        } else {
            o->files[o->nfiles++] = argv[i];
        }
    }
    return 0;
}

/* Frees what parse_opts allocated and passes rc on. */
static int done(opts *o, int rc)
{
    free(o->files);
    o->files = NULL;
    return rc;
}

/* Set when a dictionary line was skipped: the run goes on and exits with status 2. */
static int g_dict_errors;

/* Loads the dictionaries the options name. A line with a syntax error is reported and
 * skipped; a missing or unreadable file or folder stops: NULL. */
static int not_cache(const struct dirent *e)
{
    return e->d_name[0] != '.' && strcmp(e->d_name, "khaldun.cache") != 0 &&
           !strstr(e->d_name, ".tmp");
}

/* The cache key of the set o names: each folder or file in load order, and the names in
 * each folder (a file added to or taken from it makes the cache stale). */
static void cache_key(const opts *o, const char *dir, char *key, size_t cap)
{
    size_t n = 0;
    for (int i = -1; i < o->nadd; i++) {
        const char *p = i < 0 ? dir : o->add[i];
        char real[PATH_MAX];
        if (!realpath(p, real))
            snprintf(real, sizeof real, "%s", p);
        n += (size_t)snprintf(key + n, n < cap ? cap - n : 0, "%s\n", real);
        struct dirent **names;
        int k = is_dir(p) ? scandir(p, &names, not_cache, alphasort) : -1;
        for (int j = 0; j < k; j++) {
            n += (size_t)snprintf(key + n, n < cap ? cap - n : 0, " %s\n", names[j]->d_name);
            free(names[j]);
        }
        if (k >= 0)
            free(names);
    }
}

/* The cache file for o: --cache FILE, else khaldun.cache in the --dict folder when no other
 * dictionary is added. NULL: none. */
static const char *cache_path(const opts *o, const char *dir, char *buf, size_t cap)
{
    if (o->cache)
        return o->cache;
    if (o->nadd || !is_dir(dir))
        return NULL;
    snprintf(buf, cap, "%s/khaldun.cache", dir);
    return buf;
}

/* The automatic cache (#7): a set read from its text is kept for later runs, which map it
 * while it is fresh (kh_dict_map: the same folders and files, none changed, the same build):
 * 10 ms instead of 40 for the Phoenix set, on every run. Its folder is $KHALDUN_CACHE_DIR
 * (empty: no automatic cache), else $XDG_CACHE_HOME/khaldun, else ~/.cache/khaldun; one
 * file per set of dictionaries, named by a hash of its key. NULL: no folder. */
static const char *auto_cache_path(const char *key, char *dir, char *buf, size_t cap)
{
    const char *env = getenv("KHALDUN_CACHE_DIR"), *x;
    if (env) {
        if (!*env)
            return NULL;
        snprintf(dir, PATH_MAX, "%s", env);
    } else if ((x = getenv("XDG_CACHE_HOME")) && x[0] == '/') {
        snprintf(dir, PATH_MAX, "%s/khaldun", x);
    } else if ((x = getenv("HOME")) && x[0] == '/') {
        snprintf(dir, PATH_MAX, "%s/.cache/khaldun", x);
    } else {
        return NULL;
    }
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, 64 bits */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 0x100000001b3ull;
    snprintf(buf, cap, "%s/dict-%016llx.cache", dir, (unsigned long long)h);
    return buf;
}

/* Makes folder dir and its parents (mode 0700 for those it makes); 0 when it exists. */
static int make_dirs(char *dir)
{
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p)
            continue;
        char c = *p;
        *p = 0;
        int r = mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
        *p = c;
        if (r || !c)
            break;
    }
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* Prints the lines a set skipped (the first ones, then how many in all), whether it was read
 * from its text or mapped from a cache, which keeps them. */
static void report_skipped(const kh_dict *d)
{
    for (size_t i = 0; i < kh_dict_ndiags(d); i++) {
        fputs("khaldun: ", stderr);
        kh_diag_print(kh_dict_diag(d, i), stderr);
    }
    if (kh_dict_nerrors(d)) {
        if (kh_dict_nerrors(d) > kh_dict_ndiags(d))
            fprintf(stderr, "khaldun: ... and %zu more\n", kh_dict_nerrors(d) - kh_dict_ndiags(d));
        fprintf(stderr, "khaldun: %zu dictionary line%s skipped\n", kh_dict_nerrors(d),
                kh_dict_nerrors(d) == 1 ? "" : "s");
        g_dict_errors = 1;
    }
}

static kh_dict *map_cache(const opts *o, const char *path, const char *key)
{
    kh_dict *c = kh_dict_map(path, key);
    if (!c)
        return NULL;
    if (!o->quiet)
        fprintf(stderr, "khaldun: dictionaries from the cache %s\n", path);
    report_skipped(c);
    return c;
}

static kh_dict *load_dict(const opts *o)
{
    char buf[PATH_MAX];
    const char *dir = o->dict ? o->dict : default_dict(buf, sizeof buf);
    char cbuf[PATH_MAX + 32], key[16384], adir[PATH_MAX], abuf[PATH_MAX + 64];
    const char *cpath = o->no_cache ? NULL : cache_path(o, dir, cbuf, sizeof cbuf);
    const char *apath = NULL;
    if (!o->no_cache) {
        cache_key(o, dir, key, sizeof key);
        if (cpath) {
            kh_dict *c = map_cache(o, cpath, key);
            if (c)
                return c;
        }
        /* --cache FILE names the one cache to use */
        apath = o->cache ? NULL : auto_cache_path(key, adir, abuf, sizeof abuf);
        if (apath) {
            kh_dict *c = map_cache(o, apath, key);
            if (c)
                return c;
        }
    }
    kh_dict *d = kh_dict_new();
    kh_diag g;
    kh_status st = is_dir(dir) ? kh_dict_load_dir(d, dir, &g) : kh_dict_load_file(d, dir, &g);
    /* Lines with syntax errors are reported below; only a missing file stops loading. */
    for (int i = 0; (!st || st == KH_SYNTAX) && i < o->nadd; i++) {
        kh_diag g2;
        kh_status s2 = is_dir(o->add[i]) ? kh_dict_load_dir(d, o->add[i], &g2)
                                         : kh_dict_load_file(d, o->add[i], &g2);
        if (s2 && (!st || s2 != KH_SYNTAX)) {
            st = s2;
            g = g2;
        }
    }
    report_skipped(d);
    if (st && st != KH_SYNTAX) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        kh_dict_free(d);
        return NULL;
    }
    kh_dict_freeze(d);
    /* Kept for the next run (with the lines it skipped, reported again when it is mapped). A
     * cache that cannot be written is no error: the next run reads the text again. */
    if (apath && make_dirs(adir) == 0)
        kh_dict_save(d, apath, key, NULL);
    return d;
}

/* places (issue #6): opens the gazetteer the options name, or the build's; NULL (and a
 * one-line note unless quiet) when there is none. Sets *err on a bad --gazetteer. */
static kh_gazetteer *load_gazetteer(const opts *o, int *err)
{
    char buf[PATH_MAX];
    *err = 0;
    if (o->gazetteer && strcmp(o->gazetteer, "none") == 0)
        return NULL;
    const char *path = o->gazetteer ? o->gazetteer : default_gazetteer(buf, sizeof buf);
    if (!path) {
        if (!o->quiet)
            fprintf(stderr, "khaldun: note: no gazetteer (the build found no GeoNames data: "
                            "install libtimezonemap-data and rebuild, or give --gazetteer "
                            "FILE): locations are null\n");
        return NULL;
    }
    kh_gazetteer *g;
    kh_diag dg;
    if (kh_gazetteer_open(&g, path, &dg)) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&dg, stderr);
        *err = 1;
        return NULL;
    }
    return g;
}

/* Counts of rejected stories by reason, for the summary. */
typedef struct tally {
    size_t stories, coded, noevent, rejected, sentences, fragments, events;
    size_t discarded; /* stories with no event because a discard phrase names them */
    size_t why[64];
} tally;

/* Stories are coded in batches: the main thread reads batch k+1 while the workers (and then
 * the main thread too) code batch k, whose events are formatted into one buffer per story
 * and written in input order. Both batches are open to the workers: one that finds nothing
 * left in batch k goes on with k+1 while the main thread writes k out (no thread waits at a
 * batch's end). -j 1 takes the same path without threads, so the output is the same byte for
 * byte whatever the number of threads; memory holds two batches. */
/* A batch ends at 128 KB of text too: long stories (news articles of a few KB) in flight stay
 * in the cache (#7: MUC-4 and Times of India on two cores 3-5% faster than with 8 MB). */
enum { BATCH_STORIES = 256, BATCH_BYTES = 128 << 10, BIG_STORY = 4 << 20 };
/* With one thread nothing is coded while a batch is read or written, and a small batch keeps
 * the stories in flight in the processor's cache (#7: 4% faster than 256 stories). */
enum { BATCH_ONE_THREAD = 32 };
enum { CHUNK = 8 }; /* stories a thread codes stage by stage (kh_code_batch) */
_Static_assert((int)BATCH_ONE_THREAD <= (int)BATCH_STORIES, "a batch's stories fit its job slots");

typedef struct job {
    kh_doc *doc;
    char *out; /* its events, formatted (the buffer stays with the job slot) */
    size_t outlen, outcap;
    kh_code_stats cs;
    int io_error;
} job;

typedef struct batch {
    job jobs[BATCH_STORIES];
    size_t n;
    atomic_size_t next; /* the next job to take */
    atomic_size_t done; /* jobs coded */
    atomic_int users;   /* workers inside run_batch on it: it is not filled again before 0 */
} batch;

typedef struct pool {
    const kh_dict *d;
    const opts *o;
    pthread_mutex_t mu;
    pthread_cond_t work, idle;
    batch *open[2]; /* the batches open to the workers, oldest first (under mu) */
    int nopen;
    atomic_uint news; /* changes when a batch opens or the pool quits: read without the lock */
    int quit;
    int spin; /* threads no more than processors: a thread may wait awake */
} pool;

/* issue #9: events are written as JSON Lines or TSV unless they go only to the store
 * (--db without --format) or are exported from it at the end (--format phoenix...). */
static int text_out(const opts *o)
{
    return o->export_fmt < 0 && (!o->db || o->format_given);
}

/* Codes one story and formats its events. */
static void code_job(const pool *p, job *j)
{
    kh_doc_code_stats(j->doc, &j->cs);
    size_t len;
    kh_doc_text(j->doc, &len);
    if (len > BIG_STORY || !text_out(p->o))
        return; /* written straight out by drain(): its events would double its memory */
    kh_format_events(p->o->format, j->doc, &j->out, &j->outcap, &j->outlen);
}

/* Codes batch b's jobs, CHUNK at a time, until none is left to take. The thread that codes
 * the batch's last job wakes the main thread if it waits for it (wait_done). */
static void run_batch(pool *p, batch *b)
{
    size_t i;
    while ((i = atomic_fetch_add(&b->next, CHUNK)) < b->n) {
        size_t n = b->n - i < CHUNK ? b->n - i : CHUNK;
        kh_doc *docs[CHUNK];
        for (size_t k = 0; k < n; k++)
            docs[k] = b->jobs[i + k].doc;
        kh_code_batch(p->d, docs, n, &p->o->kopts);
        for (size_t k = 0; k < n; k++)
            code_job(p, &b->jobs[i + k]);
        if (atomic_fetch_add(&b->done, n) + n == b->n) {
            pthread_mutex_lock(&p->mu);
            pthread_cond_broadcast(&p->idle);
            pthread_mutex_unlock(&p->mu);
        }
    }
}

enum { SPIN_WAIT = 20000 }; /* pauses: a quarter of a millisecond at most on this project's machine */

static void pause_once(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* An open batch with a job left to take (under mu), or NULL. */
static batch *claimable(const pool *p)
{
    for (int i = 0; i < p->nopen; i++)
        if (atomic_load(&p->open[i]->next) < p->open[i]->n)
            return p->open[i];
    return NULL;
}

/* Opens batch b to the workers (after the open ones). */
static void open_batch(pool *p, batch *b)
{
    pthread_mutex_lock(&p->mu);
    p->open[p->nopen++] = b;
    atomic_fetch_add(&p->news, 1);
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
}

/* Waits until every job of batch b is coded and no worker is inside it (one that has coded
 * its last chunk may still be about to take another), then closes it: it may be filled
 * again. */
static void wait_done(pool *p, batch *b)
{
    for (int spin = 0; p->spin && spin < SPIN_WAIT &&
                       (atomic_load(&b->done) < b->n || atomic_load(&b->users) > 0);
         spin++)
        pause_once();
    pthread_mutex_lock(&p->mu);
    while (atomic_load(&b->done) < b->n || atomic_load(&b->users) > 0)
        pthread_cond_wait(&p->idle, &p->mu);
    for (int i = 0; i < p->nopen; i++)
        if (p->open[i] == b) {
            memmove(&p->open[i], &p->open[i + 1], (size_t)(p->nopen - i - 1) * sizeof *p->open);
            p->nopen--;
            break;
        }
    pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    while (!p->quit) {
        batch *b = claimable(p);
        if (b) {
            atomic_fetch_add(&b->users, 1);
            pthread_mutex_unlock(&p->mu);
            run_batch(p, b);
            pthread_mutex_lock(&p->mu);
            if (atomic_fetch_sub(&b->users, 1) == 1)
                pthread_cond_broadcast(&p->idle);
            continue;
        }
        /* Nothing to take: wait for the next batch awake a little while before sleeping
         * (#7: waking a sleeping thread cost a few percent of the run on two cores, once
         * per batch). Not with more threads than processors: there the waiting would take
         * a processor from a thread with work. */
        unsigned before = atomic_load_explicit(&p->news, memory_order_relaxed);
        pthread_mutex_unlock(&p->mu);
        for (int spin = 0; p->spin && spin < SPIN_WAIT; spin++) {
            if (atomic_load_explicit(&p->news, memory_order_acquire) != before)
                break;
            pause_once();
        }
        pthread_mutex_lock(&p->mu);
        if (!p->quit && !claimable(p) && atomic_load(&p->news) == before)
            pthread_cond_wait(&p->work, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* issue #9: removes a temporary store (and its WAL files); path "" is none. */
static void drop_tmp(const char *path)
{
    if (!path[0])
        return;
    char p[PATH_MAX + 8];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* issue #9: exports the store at path to out in o's format; the GDELT mentions table goes
 * to --mentions FILE, else beside -o FILE as FILE.mentions. Nonzero on error (said). */
static int export_store(const char *path, FILE *out, const opts *o)
{
    kh_store *s;
    kh_diag g;
    if (kh_store_open(&s, path, 0, &g)) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        return 1;
    }
    FILE *men = NULL;
    char mpath[PATH_MAX];
    const char *mp = o->mentions;
    if (!mp && o->out && o->export_fmt == KH_EXPORT_GDELT) {
        snprintf(mpath, sizeof mpath, "%s.mentions", o->out);
        mp = mpath;
    }
    if (mp && o->export_fmt == KH_EXPORT_GDELT && !(men = fopen(mp, "w"))) {
        fprintf(stderr, "khaldun: %s: %s\n", mp, strerror(errno));
        kh_store_close(s, NULL);
        return 1;
    }
    if (!mp && o->export_fmt == KH_EXPORT_GDELT && !o->quiet)
        fputs("khaldun: note: the GDELT mentions table is not written (give --mentions FILE "
              "or -o FILE)\n", stderr);
    int rc = 0;
    if (kh_store_export(s, out, men, (kh_export_format)o->export_fmt, o->dedup, &g)) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        rc = 1;
    }
    if (men && fclose(men) != 0)
        rc = 1;
    kh_store_close(s, NULL);
    return rc;
}

/* The stories of the files in order, one reader open at a time. */
typedef struct stream {
    const opts *o;
    int f;
    kh_reader *r;
    tally *t;
    size_t batch; /* stories per batch */
} stream;

/* The next story to code, or NULL at the end; rejected stories are counted and reported. */
static kh_doc *next_doc(stream *s)
{
    for (;;) {
        if (!s->r) {
            if (s->f >= s->o->nfiles)
                return NULL;
            kh_diag g;
            if (kh_reader_open(&s->r, s->o->files[s->f++], s->o->input, s->o->date, &g)) {
                fputs("khaldun: ", stderr);
                kh_diag_print(&g, stderr);
                s->t->rejected++;
                s->t->stories++;
                s->t->why[g.code]++;
                s->r = NULL;
                continue;
            }
        }
        kh_doc *doc;
        kh_diag g;
        kh_status st = kh_reader_next(s->r, &doc, &g);
        if (st == KH_EOF || st == KH_GZIP) {
            if (st == KH_GZIP) {
                fputs("khaldun: rejected: ", stderr);
                kh_diag_print(&g, stderr);
                s->t->stories++;
                s->t->rejected++;
                s->t->why[st]++;
            }
            kh_reader_close(s->r);
            s->r = NULL;
            continue;
        }
        if (st) {
            fputs("khaldun: rejected: ", stderr);
            kh_diag_print(&g, stderr);
            s->t->stories++;
            s->t->rejected++;
            s->t->why[st]++;
            continue;
        }
        if (g.code && !s->o->quiet) {
            fputs("khaldun: note: ", stderr);
            kh_diag_print(&g, stderr);
        }
        s->t->stories++;
        return doc;
    }
}

/* Reads the next batch of stories into b; 0 when there are none left. */
static size_t fill(stream *s, batch *b)
{
    size_t bytes = 0;
    b->n = 0;
    atomic_store(&b->next, 0);
    atomic_store(&b->done, 0);
    while (b->n < s->batch && bytes < BATCH_BYTES) {
        kh_doc *doc = next_doc(s);
        if (!doc)
            break;
        size_t len;
        kh_doc_text(doc, &len);
        bytes += len;
        job *j = &b->jobs[b->n++];
        *j = (job){doc, j->out, 0, j->outcap, {0}, 0}; /* the slot's buffer is kept */
    }
    return b->n;
}

/* issue #9: writes a story to the store; on failure says why once, closes it (what was
 * committed stays) and sets *db to NULL. */
static int store_put(kh_store **db, const kh_doc *doc)
{
    kh_diag g;
    if (!kh_store_put_doc(*db, doc, &g))
        return 0;
    fputs("khaldun: event store: ", stderr);
    kh_diag_print(&g, stderr);
    kh_store_close(*db, NULL);
    *db = NULL;
    return 1;
}

/* The formatted events of a batch's stories, written with writev straight from the jobs'
 * buffers (#7: not copied through stdio, and on two cores the main thread does not read what
 * the workers wrote). */
typedef struct outq {
    struct iovec v[BATCH_STORIES];
    int n;
} outq;

/* Writes what q holds after what stdio holds for out; nonzero on a write error. */
static int outq_flush(outq *q, FILE *out)
{
    if (!q->n)
        return 0;
    int err = fflush(out) != 0;
    int fd = fileno(out);
    struct iovec *v = q->v;
    int n = q->n;
    q->n = 0;
    while (n > 0 && !err) {
        ssize_t w = writev(fd, v, n < IOV_MAX ? n : IOV_MAX);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            err = 1;
            break;
        }
        while (n > 0 && (size_t)w >= v->iov_len) { /* a short write goes on where it stopped */
            w -= (ssize_t)v->iov_len;
            v++;
            n--;
        }
        if (n > 0) {
            v->iov_base = (char *)v->iov_base + w;
            v->iov_len -= (size_t)w;
        }
    }
    return err;
}

/* Writes the events of a coded batch in input order and gives its stories back to the reader
 * (their memory is reused), or frees them. */
static int drain(batch *b, FILE *out, const opts *o, kh_store **db, tally *t, int quiet,
                 kh_reader *r)
{
    int io_error = 0;
    kh_format o_format = o->format;
    static outq q; /* (the main thread's alone) */
    for (size_t i = 0; i < b->n; i++) {
        job *j = &b->jobs[i];
        t->sentences += j->cs.sentences;
        t->fragments += j->cs.fragments;
        t->events += j->cs.events;
        if (j->cs.events)
            t->coded++;
        else
            t->noevent++;
        if (j->cs.story_discarded) {
            t->discarded++;
            if (!quiet)
                fprintf(stderr, "khaldun: note: %s: story discarded (a discard phrase)\n",
                        kh_doc_id(j->doc));
        }
        size_t len;
        kh_doc_text(j->doc, &len);
        if (len > BIG_STORY && text_out(o) &&
            (outq_flush(&q, out) || kh_write_events(out, o_format, j->doc)))
            io_error = 1;
        if (*db && store_put(db, j->doc)) /* issue #9: the event store */
            io_error = 1;
        if (j->io_error)
            io_error = 1;
        else if (j->outlen)
            q.v[q.n++] = (struct iovec){j->out, j->outlen};
        if (j->outcap > (64 << 10)) { /* a big story's output buffer is not kept */
            io_error |= outq_flush(&q, out);
            free(j->out);
            j->out = NULL;
            j->outcap = 0;
        }
        kh_reader_recycle(r, j->doc);
    }
    io_error |= outq_flush(&q, out);
    b->n = 0;
    return io_error;
}

static int cmd_code(int argc, char **argv)
{
    opts o;
    if (parse_opts(argc, argv, &o) < 0)
        return done(&o, usage_error("bad option for code"));
    if (o.date && strlen(o.date) != 10)
        return done(&o, usage_error("--date takes YYYY-MM-DD"));
    if (o.format_given && (strcmp(o.format_name, "table") == 0 || strcmp(o.format_name, "json") == 0))
        return done(&o, usage_error("code writes jsonl, tsv, csv, phoenix, gdelt or plover"));
    if (!o.nfiles)
        return done(&o, usage_error("code needs at least one FILE (or - for standard input)"));
    kh_dict *d = load_dict(&o);
    if (!d)
        return done(&o, 2);
    int gerr; /* places (issue #6) */
    kh_gazetteer *gz = load_gazetteer(&o, &gerr);
    if (gerr) {
        kh_dict_free(d);
        return done(&o, 2);
    }
    o.kopts.gazetteer = gz;
    /* issue #9: the event store: --db FILE or, for --format csv|phoenix|gdelt|plover alone, a
     * temporary one that the events are exported from at the end */
    char tmpdb[PATH_MAX] = "";
    const char *dbpath = o.db;
    kh_store *db = NULL;
    if (o.db || o.export_fmt >= 0) {
        if (!dbpath) {
            const char *td = getenv("TMPDIR");
            snprintf(tmpdb, sizeof tmpdb, "%s/khaldun-XXXXXX.db", td && *td ? td : "/tmp");
            int fd = mkstemps(tmpdb, 3);
            if (fd < 0) {
                fprintf(stderr, "khaldun: %s: %s\n", tmpdb, strerror(errno));
                tmpdb[0] = 0;
            } else {
                close(fd);
            }
            dbpath = tmpdb;
        }
        kh_diag g;
        if (!dbpath[0] || kh_store_open(&db, dbpath, 1, &g)) {
            if (dbpath[0]) {
                fputs("khaldun: ", stderr);
                kh_diag_print(&g, stderr);
            }
            drop_tmp(tmpdb);
            kh_dict_free(d);
            kh_gazetteer_free(gz);
            return done(&o, 2);
        }
    }
    FILE *out = stdout;
    if (o.out && !(out = fopen(o.out, "w"))) {
        fprintf(stderr, "khaldun: %s: %s\n", o.out, strerror(errno));
        kh_store_close(db, NULL);
        drop_tmp(tmpdb);
        kh_dict_free(d);
        kh_gazetteer_free(gz);
        return done(&o, 2);
    }
    tally t;
    memset(&t, 0, sizeof t);
    if (text_out(&o))
        kh_write_header(out, o.format);
    int io_error = 0;
    pool p = {.d = d, .o = &o};
    p.spin = o.jobs <= sysconf(_SC_NPROCESSORS_ONLN);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.idle, NULL);
    int nth = o.jobs > 1 ? o.jobs - 1 : 0; /* the main thread codes too */
    pthread_t *th = need(calloc((size_t)nth + 1, sizeof *th));
    for (int i = 0; i < nth; i++)
        if (pthread_create(&th[i], NULL, worker, &p) != 0) {
            nth = i; /* fewer threads: the output is the same */
            break;
        }
    /* Two batches in flight: while the workers code one, the main thread reads the next and
     * opens it to them, codes with them, and writes the first out while they go on with
     * the next (#7: no thread waits at a batch's end). Output stays in input order. */
    batch *cur = need(calloc(1, sizeof *cur)), *nxt = need(calloc(1, sizeof *nxt));
    stream s = {&o, 0, NULL, &t, nth ? BATCH_STORIES : BATCH_ONE_THREAD};
    if (fill(&s, cur))
        open_batch(&p, cur);
    while (cur->n) {
        if (fill(&s, nxt)) /* read ahead while the workers code */
            open_batch(&p, nxt);
        run_batch(&p, cur);
        wait_done(&p, cur);
        io_error |= drain(cur, out, &o, &db, &t, o.quiet, s.r);
        batch *x = cur;
        cur = nxt;
        nxt = x;
    }
    pthread_mutex_lock(&p.mu);
    p.quit = 1;
    atomic_fetch_add(&p.news, 1);
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < nth; i++)
        pthread_join(th[i], NULL);
    free(th);
    batch *bs[2] = {cur, nxt};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < BATCH_STORIES; i++)
            free(bs[k]->jobs[i].out);
        free(bs[k]);
    }
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.idle);
    if (db || dbpath) { /* issue #9: commit, then export when a store format was asked for */
        kh_diag g;
        if (!db || kh_store_close(db, &g)) {
            if (db) {
                fputs("khaldun: event store: ", stderr);
                kh_diag_print(&g, stderr);
            }
            io_error = 1;
        } else if (o.export_fmt >= 0 && export_store(dbpath, out, &o)) {
            io_error = 1;
        }
        db = NULL;
        drop_tmp(tmpdb);
    }
    if (fflush(out) != 0)
        io_error = 1; /* (found only now when the last of it sat in stdio's buffer) */
    if (io_error)
        fprintf(stderr, "khaldun: error writing events: %s\n", strerror(errno));
    if (out != stdout)
        fclose(out);
    kh_gazetteer_free(gz);
    if (!o.quiet) {
        fprintf(stderr,
                "khaldun: %zu stories: %zu coded, %zu with no event, %zu rejected; %zu sentences "
                "(%zu headlines and fragments skipped), %zu events\n",
                t.stories, t.coded, t.noevent, t.rejected, t.sentences, t.fragments, t.events);
        if (t.discarded)
            fprintf(stderr, "khaldun:   %zu of the stories with no event were discarded by a "
                            "discard phrase\n", t.discarded);
        for (int i = 0; i < 64; i++)
            if (t.why[i])
                fprintf(stderr, "khaldun:   rejected %zu: %s\n", t.why[i],
                        kh_strerror((kh_status)i));
    }
    kh_dict_free(d);
    return done(&o, (io_error || g_dict_errors) ? 2 : t.rejected ? 1 : 0);
}

/* issue #9: khaldun export [--format F] [--dedup D] [-o FILE] [--mentions FILE] STORE */
static int cmd_export(int argc, char **argv)
{
    opts o;
    if (parse_opts(argc, argv, &o) < 0 || o.nfiles != 1)
        return done(&o, usage_error("export takes one event store (and --format csv|phoenix|"
                                    "gdelt|plover)"));
    if (o.export_fmt < 0) {
        if (o.format_given)
            return done(&o, usage_error("export writes csv, phoenix, gdelt or plover"));
        o.export_fmt = KH_EXPORT_CSV;
    }
    FILE *out = stdout;
    if (o.out && !(out = fopen(o.out, "w"))) {
        fprintf(stderr, "khaldun: %s: %s\n", o.out, strerror(errno));
        return done(&o, 2);
    }
    int rc = export_store(o.files[0], out, &o);
    if (fflush(out) != 0) {
        fprintf(stderr, "khaldun: error writing: %s\n", strerror(errno));
        rc = 1;
    }
    if (out != stdout)
        fclose(out);
    return done(&o, rc ? 2 : 0);
}

/* issue #9: khaldun query [filters] [--by G[,G]] [--format table|csv|json] STORE */
static int cmd_query(int argc, char **argv)
{
    opts o;
    if (parse_opts(argc, argv, &o) < 0 || o.nfiles != 1)
        return done(&o, usage_error("query takes one event store, filters and --by"));
    if (o.format_given && strcmp(o.format_name, "table") != 0 && strcmp(o.format_name, "csv") != 0 &&
        strcmp(o.format_name, "json") != 0)
        return done(&o, usage_error("query writes table, csv or json"));
    if (o.export_fmt == KH_EXPORT_CSV)
        o.q.out = KH_OUT_CSV;
    o.q.dedup = o.dedup;
    kh_store *s;
    kh_diag g;
    if (kh_store_open(&s, o.files[0], 0, &g)) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        return done(&o, 2);
    }
    FILE *out = stdout;
    if (o.out && !(out = fopen(o.out, "w"))) {
        fprintf(stderr, "khaldun: %s: %s\n", o.out, strerror(errno));
        kh_store_close(s, NULL);
        return done(&o, 2);
    }
    int rc = 0;
    if (kh_store_query(s, &o.q, out, &g)) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        rc = 2;
    }
    if (fflush(out) != 0)
        rc = 2;
    if (out != stdout)
        fclose(out);
    kh_store_close(s, NULL);
    return done(&o, rc);
}

static int cmd_explain(int argc, char **argv)
{
    opts o;
    if (parse_opts(argc, argv, &o) < 0 || o.nfiles != 1)
        return done(&o, usage_error("explain takes one text argument (or - for standard input)"));
    kh_dict *d = load_dict(&o);
    if (!d)
        return done(&o, 2);
    int gerr; /* places (issue #6) */
    kh_gazetteer *gz = load_gazetteer(&o, &gerr);
    if (gerr) {
        kh_dict_free(d);
        return done(&o, 2);
    }
    o.kopts.gazetteer = gz;
    char *text = NULL;
    size_t len = 0;
    if (strcmp(o.files[0], "-") == 0) {
        size_t cap = 0;
        int c;
        while ((c = getchar()) != EOF) {
            if (len + 1 >= cap)
                text = need(realloc(text, cap = cap ? cap * 2 : 4096));
            text[len++] = (char)c;
        }
    } else {
        text = need(strdup(o.files[0]));
        len = strlen(text);
    }
    kh_doc *doc = kh_doc_new("explain", o.date, text ? text : "", len);
    kh_doc_set_options(doc, &o.kopts);
    kh_explain(stdout, d, doc);
    kh_doc_free(doc);
    free(text);
    kh_dict_free(d);
    kh_gazetteer_free(gz);
    return done(&o, g_dict_errors ? 2 : 0);
}

/* khaldun dict compile: loads the set from its text and writes the cache. */
static int cmd_compile(opts *o)
{
    char buf[PATH_MAX], cbuf[PATH_MAX + 32], key[16384];
    const char *dir = o->dict ? o->dict : default_dict(buf, sizeof buf);
    const char *cpath = o->out ? o->out : cache_path(o, dir, cbuf, sizeof cbuf);
    if (!cpath)
        return done(o, usage_error("dict compile with --add-dict needs -o FILE or --cache FILE"));
    o->no_cache = 1; /* load from the text */
    kh_dict *d = load_dict(o);
    if (!d)
        return done(o, 2);
    cache_key(o, dir, key, sizeof key);
    kh_diag g;
    kh_status st = kh_dict_save(d, cpath, key, &g);
    kh_dict_free(d);
    if (st) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        return done(o, 2);
    }
    if (!o->quiet)
        fprintf(stderr, "khaldun: wrote %s\n", cpath);
    return done(o, g_dict_errors ? 2 : 0);
}

static int cmd_dict(int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "check") != 0 && strcmp(argv[0], "stats") != 0 &&
                     strcmp(argv[0], "compile") != 0))
        return usage_error("dict takes check, stats or compile");
    opts o;
    if (parse_opts(argc - 1, argv + 1, &o) < 0 || o.nfiles > 1)
        return done(&o, usage_error("dict check|stats|compile takes at most one folder"));
    if (o.nfiles)
        o.dict = o.files[0];
    if (strcmp(argv[0], "compile") == 0)
        return cmd_compile(&o);
    o.no_cache = 1; /* check and stats read the text */
    kh_dict *d = load_dict(&o);
    done(&o, 0);
    if (!d)
        return 2;
    kh_dict_stats s;
    kh_dict_stats_get(d, &s);
    printf("files %zu\nwords %zu\nactors %zu (%zu phrases)\nagents %zu (%zu phrases)\n"
           "verbs %zu (%zu forms), %zu patterns, %zu synsets\nnull phrases %zu\n"
           "issues %zu categories, %zu phrases\n",
           s.files, s.words, s.actors, s.actor_phrases, s.agents, s.agent_phrases, s.verbs,
           s.verb_forms, s.patterns, s.synsets, s.null_phrases, s.issue_categories, s.issue_phrases);
    size_t findings = 0;
    if (strcmp(argv[0], "check") == 0) {
        /* Lint: conflicting duplicates, words and patterns that never match, codes not in
         * CAMEO, overlapping date ranges (one line each, file:line first). */
        findings = kh_dict_lint(d, stdout);
        if (g_dict_errors || findings)
            printf("%zu errors, %zu findings\n", kh_dict_nerrors(d), findings);
        else
            printf("ok\n");
    }
    kh_dict_free(d);
    return g_dict_errors ? 2 : findings ? 1 : 0;
}

static int cmd_validate(int argc, char **argv)
{
    if (argc != 1)
        return usage_error("validate takes one TABARI .project or PETRARCH .xml file");
    size_t n = strlen(argv[0]);
    int petr = n >= 4 && strcmp(argv[0] + n - 4, ".xml") == 0;
    if (!petr && (n < 8 || strcmp(argv[0] + n - 8, ".project") != 0))
        return usage_error("validate reads TABARI .project and PETRARCH .xml files");
    kh_validate_result r;
    kh_diag g;
    kh_status st = petr ? kh_validate_petrarch(argv[0], stdout, &r, &g)
                        : kh_validate_tabari(argv[0], stdout, &r, &g);
    if (st) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&g, stderr);
        return 2;
    }
    printf("events: %zu of %zu expected coded, %zu others coded; %zu dictionary lines skipped\n",
           r.matched_events, r.expected_events, r.extra_events, r.skipped_lines);
    printf("%zu passed, %zu failed\n", r.passed, r.failed);
    return r.failed ? 1 : 0;
}

/* places (issue #6): khaldun gazetteer compile [DIR|FILE] [-o OUT]: GeoNames text -> one
 * file that later runs map; khaldun gazetteer stats [FILE]: what a gazetteer holds. */
static int cmd_gazetteer(int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "compile") != 0 && strcmp(argv[0], "stats") != 0))
        return usage_error("gazetteer takes compile or stats");
    opts o;
    if (parse_opts(argc - 1, argv + 1, &o) < 0 || o.nfiles > 1)
        return done(&o, usage_error("gazetteer compile|stats takes at most one folder or file"));
    char buf[PATH_MAX];
    int compile = strcmp(argv[0], "compile") == 0;
    const char *src = o.nfiles ? o.files[0] : compile ? KH_GEONAMES_DIR : default_gazetteer(buf, sizeof buf);
    if (!src)
        return done(&o, usage_error("no gazetteer found: name one"));
    if (compile && !o.out)
        return done(&o, usage_error("gazetteer compile needs -o FILE"));
    kh_gazetteer *g;
    kh_diag dg;
    if ((compile ? kh_gazetteer_read(&g, src, &dg) : kh_gazetteer_open(&g, src, &dg))) {
        fputs("khaldun: ", stderr);
        kh_diag_print(&dg, stderr);
        return done(&o, 2);
    }
    kh_gazetteer_stats gs;
    kh_gazetteer_stats_get(g, &gs);
    int rc = 0;
    if (compile) {
        if (kh_gazetteer_save(g, o.out, &dg)) {
            fputs("khaldun: ", stderr);
            kh_diag_print(&dg, stderr);
            rc = 2;
        } else if (!o.quiet) {
            fprintf(stderr, "khaldun: wrote %s: %zu places, %zu divisions, %zu countries, "
                            "%zu names, %.1f MB", o.out, gs.places, gs.admin1, gs.countries,
                    gs.names, (double)gs.bytes / 1048576.0);
            if (gs.skipped)
                fprintf(stderr, "; %zu malformed line%s skipped", gs.skipped, gs.skipped == 1 ? "" : "s");
            fputc('\n', stderr);
        }
    } else {
        printf("source %s\nplaces %zu\ndivisions %zu\ncountries %zu\nnames %zu\nbytes %zu\n%s\n",
               gs.source, gs.places, gs.admin1, gs.countries, gs.names, gs.bytes, gs.attribution);
    }
    kh_gazetteer_free(g);
    return done(&o, rc);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("no command");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("khaldun %s\n", KH_VERSION);
        /* places (issue #6): GeoNames asks for attribution (CC BY 4.0) */
        char gbuf[PATH_MAX];
        const char *gp = default_gazetteer(gbuf, sizeof gbuf);
        printf("%s.\ngazetteer: %s\n", kh_gazetteer_attribution(),
               gp ? gp : "none (built without GeoNames data: locations are null)");
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(k_usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "code") == 0)
        return cmd_code(argc - 2, argv + 2);
    if (strcmp(cmd, "query") == 0) /* issue #9 */
        return cmd_query(argc - 2, argv + 2);
    if (strcmp(cmd, "export") == 0) /* issue #9 */
        return cmd_export(argc - 2, argv + 2);
    if (strcmp(cmd, "explain") == 0)
        return cmd_explain(argc - 2, argv + 2);
    if (strcmp(cmd, "dict") == 0)
        return cmd_dict(argc - 2, argv + 2);
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc - 2, argv + 2);
    if (strcmp(cmd, "gazetteer") == 0) /* places (issue #6) */
        return cmd_gazetteer(argc - 2, argv + 2);
    return usage_error("unknown command");
}
