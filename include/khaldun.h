/*
 * khaldun.h - the one public header of libkhaldun, a political event coder.
 *
 * A story (kh_doc) goes through the pipeline reader -> tokenizer -> segmenter ->
 * lexicon match -> shallow parse -> coder -> enrich (dates, counts) -> writers and comes
 * out as CAMEO-coded events {source, code, target} with byte offsets into its text, each
 * with its date and casualty counts.
 *
 * Ownership, as jq's jv.h writes it:
 *  - kh_dict is built by kh_dict_load_*() and is immutable afterwards: any number of
 *    threads may code with one kh_dict at once.
 *  - kh_doc owns one arena; everything hanging off it (tokens, sentences, events, the
 *    strings in them) is freed with kh_doc_free().
 *  - kh_span and the const char * fields of kh_event are borrowed from the kh_doc or the
 *    kh_dict they came from: never free them, never keep them past their owner.
 *
 * Errors: functions return kh_status (KH_OK = 0). A function that can fail on outside
 * input also fills a kh_diag with what went wrong and where (file, line, byte).
 */
#ifndef KHALDUN_H
#define KHALDUN_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define KH_API __attribute__((visibility("default")))
#else
#define KH_API
#endif

#define KH_VERSION "0.1.0"

/* The single source of error codes, their names and their messages (libuv's UV_ERRNO_MAP). */
#define KH_ERR_MAP(X)                                                       \
    X(OK, "ok")                                                             \
    X(EOF, "end of input")                                                  \
    X(NOMEM, "out of memory")                                               \
    X(IO, "cannot read or write file")                                      \
    X(USAGE, "bad usage")                                                   \
    X(SYNTAX, "dictionary syntax error")                                    \
    X(JSON, "malformed JSON")                                               \
    X(FIELD, "missing or invalid field")                                    \
    X(EMPTY, "story has no text")                                           \
    X(BINARY, "story is binary data, not text")                             \
    X(UTF8, "invalid UTF-8 replaced")                                       \
    X(GZIP, "damaged compressed stream")                                    \
    X(DATE, "invalid date")                                                 \
    X(NODICT, "no dictionary loaded")                                       \
    X(STORE, "not a khaldun event store, or a damaged one")                 \
    X(DB, "event store error")

typedef enum {
#define KH__ENUM(name, msg) KH_##name,
    KH_ERR_MAP(KH__ENUM)
#undef KH__ENUM
    KH_ERR__COUNT
} kh_status;

/* The message for a status ("malformed JSON"). */
KH_API const char *kh_strerror(kh_status s);
/* The name of a status ("KH_JSON"). */
KH_API const char *kh_errname(kh_status s);

/* One diagnostic: what, where. file may be NULL; line and byte are 1-based, 0 = unknown. */
typedef struct kh_diag {
    kh_status code;
    char message[256];
    char file[256];
    long line;
    long column; /* 1-based column in a dictionary line, 0 = unknown */
    long byte;   /* 1-based byte offset in the file or story, 0 = unknown */
} kh_diag;

/* Prints "file:line:column: message" (the parts that are known) and a newline. */
KH_API void kh_diag_print(const kh_diag *d, FILE *out);

/* ------------------------------------------------------------------ dictionaries */

typedef struct kh_dict kh_dict;

typedef struct kh_dict_stats {
    size_t files, words, actors, actor_phrases, agents, agent_phrases;
    size_t verbs, verb_forms, patterns, synsets, null_phrases;
    size_t issue_categories, issue_phrases;
} kh_dict_stats;

/* A new, empty dictionary set; NULL when out of memory. */
KH_API kh_dict *kh_dict_new(void);
/* Loads one file; its kind comes from its name (.actors, .agents, .verbs, .issues, with or
 * without .txt). A syntax error is reported as file:line:column: what was expected. */
KH_API kh_status kh_dict_load_file(kh_dict *d, const char *path, kh_diag *diag);
/* A line with a syntax error is reported and skipped; loading goes on with the rest and
 * the function returns KH_SYNTAX, diag holding the first error. kh_dict_diag() lists the
 * first 200 errors of all files loaded, kh_dict_nerrors() counts them all. */
KH_API size_t kh_dict_nerrors(const kh_dict *d);
KH_API size_t kh_dict_ndiags(const kh_dict *d);
KH_API const kh_diag *kh_dict_diag(const kh_dict *d, size_t i);
/* Loads every *.actors, *.agents and *.verbs file of dir, in name order. */
KH_API kh_status kh_dict_load_dir(kh_dict *d, const char *dir, kh_diag *diag);
/* Ends loading: sorts patterns and freezes the set. Called by kh_code() if needed, but
 * call it before sharing the dictionary between threads. */
KH_API void kh_dict_freeze(kh_dict *d);
KH_API void kh_dict_stats_get(const kh_dict *d, kh_dict_stats *out);
/* Lints a frozen set (khaldun dict check): the same phrase with conflicting codes, words and
 * patterns that can never match, codes not in CAMEO, overlapping date ranges of one actor.
 * Writes one line per finding to out (NULL: count only) and returns the number found. */
KH_API size_t kh_dict_lint(const kh_dict *d, FILE *out);
KH_API void kh_dict_free(kh_dict *d);
/* Writes a frozen set to a cache file that kh_dict_map() loads by mapping it. key says how
 * the set was loaded (the caller's choice: folders, files, options); the size and time of
 * every source file are recorded too. */
KH_API kh_status kh_dict_save(const kh_dict *d, const char *path, const char *key,
                              kh_diag *diag);
/* Maps a cache written by kh_dict_save(): NULL when it is missing, damaged, written by
 * another build, for another key, or older than a source file (stale). The set is frozen;
 * free it with kh_dict_free(). */
KH_API kh_dict *kh_dict_map(const char *path, const char *key);

/* ------------------------------------------------------------------ stories */

typedef struct kh_doc kh_doc;

/* A borrowed byte range [start, end) of the story text. */
typedef struct kh_span {
    size_t start, end;
} kh_span;

/* A new story. id, date ("YYYY-MM-DD" or NULL) and text are copied into the story's arena;
 * invalid UTF-8 in text is replaced by U+FFFD and noted (kh_doc_diag). NULL when out of memory. */
KH_API kh_doc *kh_doc_new(const char *id, const char *date, const char *text, size_t len);
/* Optional metadata, copied. */
KH_API void kh_doc_set_meta(kh_doc *doc, const char *title, const char *source, const char *url);
KH_API void kh_doc_free(kh_doc *doc);

KH_API const char *kh_doc_id(const kh_doc *doc);
KH_API const char *kh_doc_date(const kh_doc *doc); /* NULL when unknown */
KH_API const char *kh_doc_text(const kh_doc *doc, size_t *len);
/* How many invalid UTF-8 bytes were replaced, and the 1-based byte of the first (0 = none). */
KH_API size_t kh_doc_bad_utf8(const kh_doc *doc, size_t *first_byte);

/* ------------------------------------------------------------------ coding */

/* A coded actor in an event; code is NULL when there is none. */
typedef struct kh_actor {
    const char *code;
    kh_span span; /* the noun phrase in the text */
    int inferred; /* the country came from the story, not the phrase ("the army") */
} kh_actor;

/* An issue found in an event's sentence (TABARI ISSUES, Phoenix issue coding). */
typedef struct kh_issue {
    const char *category, *code;
} kh_issue;

/* ---- enrich: event dates and casualty counts (issue #6; src/lib/when.c, counts.c) ---- */

/* How much of a date is known. */
typedef enum {
    KH_PREC_NONE,  /* no date: the story has none and the sentence gives none */
    KH_PREC_DAY,
    KH_PREC_WEEK,  /* a week, Monday to Sunday (ISO 8601) */
    KH_PREC_MONTH,
    KH_PREC_YEAR
} kh_precision;

/* An event date. year/month/day are the first day of the day, week (its Monday), month or
 * year the text names: "in April" in a story of 2020-01-10 is 2019-04-01 with
 * KH_PREC_MONTH. All 0 with KH_PREC_NONE. */
typedef struct kh_date {
    int year, month, day;
    kh_precision precision;
    int from_story; /* 1: no date expression dated the event; it has the story date */
    kh_span span;   /* the date expression ("late Thursday"); {0, 0} when from_story */
} kh_date;

/* "day", "week", "month", "year"; NULL for KH_PREC_NONE. */
KH_API const char *kh_precision_name(kh_precision p);
/* Writes "YYYY-MM-DD" (the first day, see kh_date) to out; "" for KH_PREC_NONE. */
KH_API void kh_date_format(const kh_date *d, char out[11]);

/* What a count counts. */
typedef enum {
    KH_COUNT_KILLED,
    KH_COUNT_WOUNDED,
    KH_COUNT_ARRESTED,
    KH_COUNT_DISPLACED,
    KH_COUNT__N
} kh_count_kind;

/* How a number is qualified: "more than 1,000" is KH_QUAL_MORE_THAN 1000. "dozens",
 * "hundreds" are KH_QUAL_AT_LEAST 24, 200 (two dozen, two hundred). */
#define KH_QUAL_MAP(X)                                                      \
    X(EXACT, "exact")           /* "killing 12" */                          \
    X(AT_LEAST, "at_least")     /* at least, no fewer than, dozens, or more */ \
    X(MORE_THAN, "more_than")   /* more than, over, upwards of */           \
    X(ABOUT, "about")           /* about, around, some, an estimated */     \
    X(NEARLY, "nearly")         /* nearly, almost, close to */              \
    X(UP_TO, "up_to")           /* up to, as many as, at most */            \
    X(FEWER_THAN, "fewer_than") /* fewer than, less than, under */          \
    X(RANGE, "range")           /* "10 to 15", "between 10 and 15": n to max */

typedef enum {
#define KH__QENUM(name, str) KH_QUAL_##name,
    KH_QUAL_MAP(KH__QENUM)
#undef KH__QENUM
    KH_QUAL__COUNT
} kh_qualifier;

/* One count: n people killed (wounded, arrested, displaced). n is -1 when there is none.
 * Numbers above KH_COUNT_MAX are not counts: they are rejected, never capped. */
#define KH_COUNT_MAX 1000000000LL
typedef struct kh_count {
    long long n;
    long long max;          /* the upper end of a range, else -1 */
    kh_qualifier qualifier;
    kh_span span;           /* the words it was read from ("at least 5,000 others wounded") */
} kh_count;

/* "killed", "wounded", "arrested", "displaced". */
KH_API const char *kh_count_kind_name(kh_count_kind k);
/* "exact", "at_least", ... as in KH_QUAL_MAP. */
KH_API const char *kh_qualifier_name(kh_qualifier q);

/* A count of the story that belongs to no coded event (no event of its sentence is violence
 * or, for arrests, coercion): reported per story (kh_doc_ncounts). */
typedef struct kh_story_count {
    int sentence;       /* 1-based */
    kh_count_kind kind;
    kh_count count;
    kh_date date;       /* the date its sentence gives, else the story date */
} kh_story_count;

/* ---- end of enrich types */
/* Places (issue #6): where an event happened, from a gazetteer (kh_gazetteer). */
typedef enum {
    KH_PLACE_NONE = 0,    /* no location: the text gives no evidence (the other fields unset) */
    KH_PLACE_COUNTRY,     /* "in Libya" */
    KH_PLACE_ADMIN1,      /* a first-level division: "in Idlib province" */
    KH_PLACE_CITY         /* a populated place: "in Tripoli", "outside the capital" */
} kh_place_precision;

typedef struct kh_location {
    kh_place_precision precision;
    const char *name;     /* the gazetteer's name ("Tripoli"); borrowed from the gazetteer */
    const char *country;  /* ISO 3166-1 alpha-3 ("LBY") */
    const char *admin1;   /* the first-level division's name; NULL at country precision */
    double lat, lon;      /* degrees; for a country or division a point inside it */
    int has_coords;       /* 0: lat and lon unknown */
    long geonameid;       /* GeoNames id of the place, division or country */
    kh_span span;         /* the words of the story that name it ("the capital") */
    int dateline;         /* kh_doc_place(): found in a dateline ("BENGHAZI:") */
} kh_location;

typedef struct kh_event {
    int sentence;         /* 1-based sentence number in the story */
    kh_actor source, target;
    const char *code;     /* CAMEO code, a string: "0256" */
    const char *root;     /* "02" */
    int quad;             /* QuadClass, GDELT convention (docs/output.md); 0 = unknown code */
    double goldstein;
    const char *plover_event, *plover_mode; /* NULL when the mapping has none */
    kh_span evidence;     /* the sentence */
    kh_span verb;         /* the verb (or noun) that carried the event */
    const char *pattern_file; /* dictionary file and line of the pattern that fired */
    int pattern_line;
    int passive, compound; /* how it was found, for explain and tests */
    int verb_index;        /* the dictionary's verb entry (explain, transformations) */
    int transformed;       /* made by a PETRARCH transformation from two events */
    int subordinate;       /* from a subordinate code (a report verb: TABARI 6.6.1) */
    int dominant;          /* from a dominant code [xxx!] (TABARI 6.6.2) */
    const kh_issue *issues; /* the issues of its sentence, when issue files are loaded */
    size_t nissues;
    /* enrich (issue #6): the event's date, and its counts indexed by kh_count_kind (n = -1:
     * none). A count goes to the nearest violent event of its sentence (roots 18-20, 145;
     * 17 for arrests), to one event only. */
    kh_date date;
    kh_count counts[KH_COUNT__N];
    /* places (issue #6): a place its sentence names ("in Istanbul"; the target city of an
     * attack; "the capital" of the story's country); precision KH_PLACE_NONE when none or
     * when kh_options.gazetteer is NULL. Never the dateline: docs/places.md. */
    kh_location location;
} kh_event;

typedef struct kh_code_stats {
    size_t sentences, fragments, events;
    size_t discarded, complex; /* sentences not coded: a ### code, or +++ / too complex */
    int story_discarded;       /* a story discard phrase (PETRARCH "+PHRASE") was found */
} kh_code_stats;

/* How to code. Zero is khaldun's own rules. */
typedef struct kh_options {
    /* TABARI 0.8 rules where khaldun's differ (for TABARI dictionaries and its validation
     * suite): the source is the first actor of the clause, not the nearest to the verb;
     * a place can be the target; a role with no actor ("officials") is no actor; an event
     * needs a target. */
    int tabari;
    /* TABARI .options settings (manual chapter 8), used with tabari: */
    int code_by;                 /* 0 first event per clause, 1 per sentence, 2 all */
    char default_source[16];     /* DEFAULT: SOURCE [code]; "" = none */
    char default_target[16];     /* DEFAULT: TARGET [code] */
    int default_source_prior;    /* ... PRIOR: whenever no actor stands before the verb */
    int default_target_after;    /* ... AFTER: whenever no actor follows the verb */
    int min_words;               /* SET: MINIMUM WORDS; 0 = no minimum */
    int convert_agents;          /* SET: CONVERT AGENTS = TRUE: a lone agent is an actor */
    int complex_verbs, complex_conj; /* COMPLEX: VERBS[n] CONJ[n]: more is too complex */
    int noactprior;              /* COMPLEX: NOACTPRIOR: no actor before the first verb */
    int one_sentence;            /* the story is one sentence (TABARI records): no splitting */
    /* with tabari: PETRARCH's noun phrases where they differ from TABARI's: an agent joins an
     * actor over "from" as over "of" and "in" ("soldiers from Gondor"), and over adjectives
     * after a possessive ("Dagolath's first deputy prime minister"); an agent before a
     * compound belongs to every member ("the ambassadors of Arnor, Osgiliath and Gondor");
     * actor and agent words are whole words (with regular endings), not TABARI stems; a role
     * with no country is "---ROLE"; report verbs' events are kept beside the others; a final
     * ", a senior official said" is a clause of its own; an event needs no target; comma_*
     * maxima of 0 turn that comma rule off. docs/conformance.md lists them all. */
    int petrarch;
    /* COMMA: (TABARI 8.6): comma clauses of min..max words are not coded; emin..emax for the
     * last clause, bmin..bmax for the first. comma_off: none is dropped. All 0: TABARI's
     * defaults (2-10, 2-10, never). */
    int comma_off, comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
    const char *prior_actor;     /* for pronouns with no antecedent: the first actor of the
                                    sentence before (TABARI FORWARD:, 8.4); borrowed */
    /* places (issue #6): the gazetteer that events are placed with; borrowed, shared by
     * threads. NULL: no places (every location is KH_PLACE_NONE). */
    const struct kh_gazetteer *gazetteer;
    /* Events only: no event dates and no counts (each event has the story date, day
     * precision); with gazetteer NULL also no places. For speed comparisons (bench/). */
    int events_only;
} kh_options;

/* Sets how doc is to be coded (kh_code, kh_explain); NULL: the defaults. */
KH_API void kh_doc_set_options(kh_doc *doc, const kh_options *opts);
/* Runs the whole pipeline on doc with dict. Events stay in doc. */
KH_API kh_status kh_code(const kh_dict *dict, kh_doc *doc);
/* kh_doc_set_options() then kh_code(). */
KH_API kh_status kh_code_with(const kh_dict *dict, kh_doc *doc, const kh_options *opts);
/* kh_code_with() on each of n stories, with the same results, done stage by stage: faster
 * for many small stories (the code of each stage stays in the processor's cache). */
KH_API kh_status kh_code_batch(const kh_dict *dict, kh_doc *const *docs, size_t n,
                               const kh_options *opts);
KH_API size_t kh_doc_nevents(const kh_doc *doc);
KH_API const kh_event *kh_doc_event(const kh_doc *doc, size_t i);
KH_API void kh_doc_code_stats(const kh_doc *doc, kh_code_stats *out);
/* enrich (issue #6): after kh_code, the counts that belong to no coded event. */
KH_API size_t kh_doc_ncounts(const kh_doc *doc);
KH_API const kh_story_count *kh_doc_count(const kh_doc *doc, size_t i);
/* After kh_code: the first actor (without agents) of the story's last coded sentence, NULL if
 * none; borrowed from the dictionary. For carrying pronouns to the next part of a story. */
KH_API const char *kh_doc_first_actor(const kh_doc *doc);

/* places (issue #6): after kh_code with a gazetteer, every place the story names (in its
 * sentences, headlines and dateline), resolved in the story's context; borrowed from doc. */
KH_API size_t kh_doc_nplaces(const kh_doc *doc);
KH_API const kh_location *kh_doc_place(const kh_doc *doc, size_t i);

/* The CAMEO code table (generated from the public CAMEO/PLOVER tables, see tools/). */
typedef struct kh_cameo {
    const char *code, *name;
    double goldstein;
    int quad;                 /* GDELT QuadClass */
    int quad_icews, quad_phoenix;
    const char *plover_event, *plover_mode;
} kh_cameo;
/* The entry for code, or NULL when code is not a CAMEO event code. */
KH_API const kh_cameo *kh_cameo_lookup(const char *code);

/* ------------------------------------------------------------------ readers */

typedef enum { KH_INPUT_AUTO, KH_INPUT_TEXT, KH_INPUT_JSONL } kh_input;

typedef struct kh_reader kh_reader;

/* Opens path ("-" = standard input). Compressed (.gz) input is read transparently. With
 * KH_INPUT_AUTO the kind comes from the name: .jsonl/.json(.gz) is JSON Lines, else text.
 * default_date ("YYYY-MM-DD" or NULL) dates stories that carry none. */
KH_API kh_status kh_reader_open(kh_reader **out, const char *path, kh_input kind,
                                const char *default_date, kh_diag *diag);
/* The next story: KH_OK with *doc set (the caller frees it); KH_EOF at the end; any other
 * status means this record was rejected: diag says why and where, *doc is NULL, and the
 * caller may call again for the next record. */
KH_API kh_status kh_reader_next(kh_reader *r, kh_doc **doc, kh_diag *diag);
/* Gives back a story the caller is done with: its memory is reused for a later story (doc
 * must not be used again; the reader frees it if it has no use for it). */
KH_API void kh_reader_recycle(kh_reader *r, kh_doc *doc);
KH_API void kh_reader_close(kh_reader *r);

/* ------------------------------------------------------------------ places (issue #6) */

/* A gazetteer: countries, first-level divisions and populated places from GeoNames, every
 * name they go by indexed. Immutable once made: any number of threads may code with it. */
typedef struct kh_gazetteer kh_gazetteer;

typedef struct kh_gazetteer_stats {
    size_t countries, admin1, places, names, bytes;
    size_t skipped;          /* malformed lines passed over when read from GeoNames text */
    const char *source;      /* what it was read from; borrowed */
    const char *attribution; /* the GeoNames licence line; borrowed */
} kh_gazetteer_stats;

/* Reads GeoNames text: path is a dump in the 19-column format (cities15000.txt,
 * cities1000.txt, allCountries.txt) or a folder holding one (the most detailed is taken);
 * countryInfo.txt and admin1Codes.txt are read beside it, else from the folder the build
 * used. Populated places (feature class P) are kept. */
KH_API kh_status kh_gazetteer_read(kh_gazetteer **out, const char *path, kh_diag *diag);
/* Opens a file written by kh_gazetteer_save() by mapping it (nothing is parsed; every index
 * is checked), or reads path as GeoNames text when it is not such a file. */
KH_API kh_status kh_gazetteer_open(kh_gazetteer **out, const char *path, kh_diag *diag);
/* Writes the gazetteer as one file for kh_gazetteer_open(). */
KH_API kh_status kh_gazetteer_save(const kh_gazetteer *g, const char *path, kh_diag *diag);
KH_API void kh_gazetteer_stats_get(const kh_gazetteer *g, kh_gazetteer_stats *out);
KH_API void kh_gazetteer_free(kh_gazetteer *g);
/* "Place data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 (...)". */
KH_API const char *kh_gazetteer_attribution(void);

/* ------------------------------------------------------------------ writers */

typedef enum { KH_FORMAT_JSONL, KH_FORMAT_TSV } kh_format;

/* Writes the header line of a format (TSV has one), or nothing. */
KH_API void kh_write_header(FILE *out, kh_format fmt);
/* Writes every event of doc, then, when it has any, the story's counts that belong to no
 * event (kh_doc_ncounts): in JSON Lines one record {"doc_id":...,"record":"counts",...}, in
 * TSV one row per sentence with no actors and no code. */
KH_API kh_status kh_write_events(FILE *out, kh_format fmt, const kh_doc *doc);
/* The same records as a NUL-terminated string in *buf (*len bytes before the NUL), for a
 * program that collects output from several threads. As with getline(), *buf is NULL or
 * malloc'd with *cap bytes, is reallocated as needed, and is the caller's to free: a buffer
 * kept from story to story is not allocated again. */
KH_API void kh_format_events(kh_format fmt, const kh_doc *doc, char **buf, size_t *cap,
                             size_t *len);

/* Prints what each stage made of doc's text: tokens, dictionary matches, phrases, clauses,
 * the patterns tried and the events, then the date expressions and counts read and which
 * event each went to, and why. For dictionary authors. */
KH_API kh_status kh_explain(FILE *out, const kh_dict *dict, kh_doc *doc);

/* ------------------------------------------------------------------ event store (issue #9) */

/* An event store: one SQLite database (docs/store.md has its schema). Stories are written in
 * transactions of KH_STORE_BATCH stories; a story written again (same doc_id) replaces its
 * rows, so a repeated or resumed run doubles nothing. Not shared between threads. */
typedef struct kh_store kh_store;
#define KH_STORE_BATCH 1000

/* Opens path, creating the store when the file is missing or empty (create != 0; else
 * KH_IO). A file that is not SQLite, a SQLite database of another program, or a store of a
 * newer schema gives KH_STORE with diag saying which. */
KH_API kh_status kh_store_open(kh_store **out, const char *path, int create, kh_diag *diag);
/* Writes a coded story: its row, its evidence sentences, events (with their actors and
 * location), the places it names and its counts, replacing what the store held for its id. */
KH_API kh_status kh_store_put_doc(kh_store *s, const kh_doc *doc, kh_diag *diag);
/* Commits the open transaction (the stories written so far are then on disk). */
KH_API kh_status kh_store_commit(kh_store *s, kh_diag *diag);
/* Commits and closes; s may be NULL. */
KH_API kh_status kh_store_close(kh_store *s, kh_diag *diag);

/* Export formats (docs/formats.md). */
typedef enum {
    KH_EXPORT_CSV,     /* one event per row, a header, every column of the store */
    KH_EXPORT_PHOENIX, /* the Phoenix data set's 26 tab-separated fields, no header */
    KH_EXPORT_GDELT,   /* GDELT 2.0 event table (61 fields); mentions table beside it */
    KH_EXPORT_PLOVER   /* PLOVER JSON Lines */
} kh_export_format;

/* De-duplication of exported events. */
typedef enum {
    KH_DEDUP_NONE,    /* every coded event is a record */
    KH_DEDUP_COPIES,  /* a story carried by several outlets (same text, same date) counts once */
    KH_DEDUP_ONEADAY  /* Phoenix's one-a-day rule: one record per date, source, target, code
                         (copies folded too) */
} kh_dedup;

/* "csv", "phoenix", "gdelt", "plover" -> *f; -1 when unknown. */
KH_API int kh_export_format_parse(const char *name, kh_export_format *f);
/* Writes the store's events in format f to out; with KH_EXPORT_GDELT the mentions table goes
 * to mentions (NULL: not written). Records are grouped by dedup; each carries how many
 * events (mentions), stories (articles) and outlets (sources) it stands for. */
KH_API kh_status kh_store_export(kh_store *s, FILE *out, FILE *mentions, kh_export_format f,
                                 kh_dedup dedup, kh_diag *diag);

/* khaldun query: filters (NULL / 0: none) and a grouping. */
typedef enum { KH_GROUP_NONE, KH_GROUP_DAY, KH_GROUP_WEEK, KH_GROUP_MONTH, KH_GROUP_YEAR,
               KH_GROUP_COUNTRY, KH_GROUP_DYAD, KH_GROUP_ROOT, KH_GROUP_QUAD } kh_group;
typedef enum { KH_OUT_TABLE, KH_OUT_CSV, KH_OUT_JSON } kh_query_out;
typedef struct kh_query {
    const char *from, *to;    /* event dates, inclusive, "YYYY-MM-DD" */
    const char *countries;    /* "LBY,TUR": source or target country among them */
    const char *source, *target; /* actor code prefixes ("LBY", "LBYMIL"): a dyad */
    const char *roots;        /* "18,19,20" */
    const char *quads;        /* "3,4" */
    kh_group group[2];        /* up to two groupings, KH_GROUP_NONE: none */
    kh_query_out out;
    kh_dedup dedup;           /* count records after de-duplication (as export does) */
    long limit;               /* 0: no limit */
} kh_query;
/* Counts events matching q, grouped, and writes the counts to out. */
KH_API kh_status kh_store_query(kh_store *s, const kh_query *q, FILE *out, kh_diag *diag);

/* ------------------------------------------------------------------ validation */

typedef struct kh_validate_result {
    size_t records, passed, failed;
    size_t expected_events, matched_events, extra_events;
    size_t skipped_lines; /* dictionary lines that could not be read */
} kh_validate_result;

/* Runs a TABARI validation project (.project): loads the dictionaries it names, codes each
 * record of its text file up to the end of the standard records and compares with the
 * events the record expects. Failing records (id, text, expected, coded) and the options
 * khaldun does not act on are written to report (may be NULL). */
KH_API kh_status kh_validate_tabari(const char *project, FILE *report, kh_validate_result *res,
                                    kh_diag *diag);
/* Runs a PETRARCH validation file (PETR.UnitTest.records.xml): loads the dictionaries its
 * <Environment> names, codes each <Sentence>'s <Text> (its <Parse> is not used) and compares
 * with its <EventCoding> elements, noevents and error records included. */
KH_API kh_status kh_validate_petrarch(const char *xml, FILE *report, kh_validate_result *res,
                                      kh_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
