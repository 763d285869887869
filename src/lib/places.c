/*
 * places.c - where events happened (issue #6): toponyms found in a story, resolved against the
 * gazetteer in the story's context, and given to the events of their sentence.
 *
 * Finding. A toponym is a gazetteer name that follows a place cue: in, at, near, outside,
 * around... ("in Tripoli", "near Sirte"), "north of", "km from", with determiners, direction
 * and place words, demonyms and possessive countries between ("in the eastern Libyan city of
 * Benghazi", "in Lebanon's northern city of Tripoli", "in Idlib province"); "to" and "into"
 * for movement; "the capital" anywhere ("an offensive against the capital"); "the country",
 * "the city" after a cue; the noun phrases the parser marked as places (kh_np.location); the
 * target city of an attack; and the dateline ("BENGHAZI:"). In mixed-case text the name's
 * first and last words must be capitalised; in a story without capitals a one-word name must
 * be a primary GeoNames name and no common English word.
 *
 * Resolving. Each candidate scores a prior (log10 of the population, and how widely the place
 * is known: the number of its GeoNames alternate names; countries and capitals a bonus,
 * divisions a malus unless "province", "governorate"... names them) plus the story's
 * context: the countries of its actors (CAMEO codes mapped to ISO alpha-3) and of its other
 * places, as a share of the strongest, capped so that context overturns a modest lead
 * (Tripoli, Lebanon in a Lebanese story) but not a large one (Paris, France in an American
 * story), plus explicit local evidence: a qualifier ("Tripoli, Lebanon", "Paris, Texas",
 * "Tripoli in northern Lebanon") or a demonym ("the Lebanese city of").
 * Two passes: the second sees the places the first resolved.
 *
 * Placing. An event takes a place of its own sentence: the target city of an attack, else
 * the place mention nearest its verb that fits it (movement cues only for visits, aid and
 * force; a bare "the capital" only for material conflict; a qualifier gives way to the place
 * it qualifies). The dateline is never an event's place: it says where the reporter filed
 * from, which is often not where the event was ("BEIRUT: ... fighting in Idlib"); it is
 * context only (docs/places.md).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gazetteer.h"
#include "util/buf.h"
#include "util/scratch.h"
#include "words.h"

enum { M_NAME, M_CAPITAL, M_COUNTRY, M_CITY };                      /* what names the place */
enum { C_LOC, C_DIR, C_NONE, C_TARGET, C_DATELINE, C_NP };          /* how it was found */
static const char *const k_cue_name[] = {"after a place word", "after to/into",
                                         "no cue", "attack target", "dateline", "parser place"};

typedef struct kh_mention {
    uint32_t t0, t1;      /* the name's tokens (for "the capital": the phrase) */
    int32_t sent;         /* sentence index; -1: dateline */
    uint8_t kind, cue;
    uint8_t admin_kw;     /* "province", "governorate" names a division */
    uint8_t city_kw;      /* "city", "town", "capital" names a place */
    uint8_t capital_kw;   /* "capital" */
    uint8_t dir;          /* a direction word before it ("northern Idlib") */
    uint8_t strict;       /* one word in a story without capitals: primary names only */
    int16_t hint;         /* country of a demonym or possessive ("the Lebanese city of"), -1 */
    uint32_t cue_tok;     /* the cue word, UINT32_MAX */
    uint32_t lo, n;       /* its candidates: gazetteer names [lo, lo + n) */
    uint32_t qlo, qn;     /* a qualifier's candidates ("Tripoli, Lebanon"), qn = 0: none */
    uint32_t qt0;         /* the qualifier's first token */
    int32_t qualifies;    /* it qualifies mention k ("northern Lebanon" after Tripoli), -1 */
    int64_t ref;          /* chosen: gazetteer ref, -1 none */
    int capital_of;       /* M_CAPITAL / M_COUNTRY: the country, -1 */
    double score, second;
    int32_t place;        /* index into doc->places, -1 */
} kh_mention;

/* ------------------------------------------------------------------ words */

/* Is token t the word w (normal form)? */
static inline int is(const kh_token *t, const char *w)
{
    return kh__norm_is(t, w);
}

/* Is token t one of the words of the NULL-terminated list l? */
static int in_list(const kh_token *t, const char *const *l)
{
    for (; *l; l++)
        if (t->norm[0] == (*l)[0] && strcmp(t->norm, *l) == 0)
            return 1;
    return 0;
}

static const char *const k_cue_loc[] = {"IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "AROUND",
                                        "ACROSS", "THROUGHOUT", "WITHIN", "OFF", "NEARBY",
                                        "OUTSKIRTS", "BESIEGED", NULL};
static const char *const k_cue_dir[] = {"TO", "INTO", "TOWARD", "TOWARDS", NULL};
/* "20 km north of Sirte", "the outskirts of Tripoli": OF after these is a place cue. */
static const char *const k_of_place[] = {"NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST",
                                         "NORTHWEST", "SOUTHEAST", "SOUTHWEST", "OUTSKIRTS",
                                         "SUBURBS", "OUTSIDE", "HEART", "CENTRE", "CENTER",
                                         "STREETS", "EDGE", "OUTSIDE", NULL};
static const char *const k_dist[] = {"KM", "KILOMETRES", "KILOMETERS", "MILES", "KILOMETRE",
                                     "KILOMETER", "MILE", NULL};
static const char *const k_det[] = {"THE", "A", "AN", "ITS", "THEIR", NULL};
static const char *const k_dirword[] = {
    "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "NORTH", "SOUTH", "EAST", "WEST",
    "NORTHEASTERN", "NORTHWESTERN", "SOUTHEASTERN", "SOUTHWESTERN", "NORTHEAST", "NORTHWEST",
    "SOUTHEAST", "SOUTHWEST", "UPPER", "LOWER", "FAR", NULL};
static const char *const k_adj[] = {
    "COASTAL", "BESIEGED", "RESTIVE", "OCCUPIED", "DISPUTED", "REBEL", "HELD", "WAR", "TORN",
    "BORDER", "MOUNTAINOUS", "OIL", "RICH", "KEY", "STRATEGIC", "FRONTLINE", "NEARBY",
    "NEIGHBOURING", "NEIGHBORING", "SOUTHERNMOST", "NORTHERNMOST", "VOLATILE", "EMBATTLED",
    "CONTESTED", "ANCIENT", "HOLY", "MAIN", "SECOND", "LARGEST", "BIGGEST", "NORTHERN-MOST",
    "TROUBLED", "REMOTE", "ISOLATED", "DESERT", "BORDER-TOWN", "SEASIDE", "MILITANT",
    "MILITIA", "ARMY", "GOVERNMENT", "CONTROLLED", "JIHADIST", "OPPOSITION", "ISLAMIST", "IS",
    "ROCKET", "HIT", "STRICKEN", "QUAKE", "FLOOD", "HARD", "HARDEST", "SHIITE", "SUNNI",
    "CHRISTIAN", "KURDISH", "MAJORITY", "PORT", NULL};
static const char *const k_admin_kw[] = {"PROVINCE", "GOVERNORATE", "STATE", "REGION",
                                         "OBLAST", "PREFECTURE", "DEPARTMENT", "PROVINCES",
                                         "REGIONS", "TERRITORY", "EMIRATE", NULL};
static const char *const k_city_kw[] = {"CITY", "TOWN", "VILLAGE", "PORT", "CAPITAL",
                                        "TOWNSHIP", "HAMLET", "SUBURB", "SUBURBS",
                                        "NEIGHBOURHOOD", "NEIGHBORHOOD", "DISTRICT", "AREA",
                                        "OUTSKIRTS", "STREETS", "CENTRE", "CENTER", "HEART",
                                        "HUB", "STRONGHOLD", "BASTION", "ENCLAVE", "EDGE",
                                        "CITIES", "TOWNS", "VILLAGES", "OF", "OUTSIDE", NULL};
/* Single words that are names in the gazetteer but seldom places after "in" (all-caps and
 * lower-case stories have no capitals to tell). */
static const char *const k_stop[] = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
    "SATURDAY", "SUNDAY", "SPRING", "SUMMER", "AUTUMN", "WINTER", "CAPITAL", "CITY", "NORTH",
    "SOUTH", "EAST", "WEST", "CENTRAL", "UNITED", "NATIONAL", "ISLAMIC", "FEDERAL", "ORDER",
    "GENERAL", "ADDITION", "FACT", "PARTICULAR", "SPITE", "VIEW", "CASE", "TIME", "PLACE",
    "FRONT", "CHARGE", "RESPONSE", "PROTEST", "SUPPORT", "PUBLIC", "PRIVATE", "POWER",
    "CONTROL", "PRISON", "JAIL", "COURT", "HOSPITAL", "OFFICE", "SCHOOL", "CAMP", "BASE",
    "AIRPORT", "PARLIAMENT", "CONGRESS", "GOVERNMENT", "OPPOSITION", "LIBERTY", "VICTORIA",
    "PROGRESS", "UNION", "CONCORD", "INDEPENDENCE", "JUSTICE", "PEACE", "HOPE", "GOOD",
    "SAFE", "SECURITY", "DEFENCE", "DEFENSE", "POLICE", "ARMY", "MILITARY", "CHURCH", "MOSQUE",
    "TEMPLE", "MARKET", "BANK", "DEAL", "PARTICULAR", "TOTAL", "ALL", "PART", "TALKS", NULL};

/* Single words that GeoNames has as the name of a place and English has as a word (the
 * intersection of the names of cities15000.txt and admin1Codes.txt with an English word
 * list, less well-known cities such as Mecca, Nice, Bologna, Phoenix), and parts of Spanish
 * names: in a story with no capitals to tell ("in the same way", "to us") they are no
 * places. */
static const char *const k_stop_caseless[] = {
    "ACACIAS", "ACRE", "AFAR", "AGAR", "ALABASTER", "ALES", "ALLIANCE", "ALOHA", "ALONG",
    "ALTOS", "ANTELOPE", "ANTHEM", "APACE", "APEX", "ARBUTUS", "ARROYO", "ASCENSION", "AUBURN",
    "BADGER", "BAH", "BALSAS", "BANES", "BANNING", "BAR", "BARKING", "BAY", "BEACON", "BEAR",
    "BEGUN", "BELL", "BEND", "BENDER", "BEST", "BIMBO", "BLED", "BONG", "BONNY", "BOO", "BOOM",
    "BORN", "BORNE", "BOUNTIFUL", "BRA", "BRAD", "BRIDE", "BRUSQUE", "BUCKEYE", "BURY", "BUSH",
    "BUTTE", "BUY", "CABANAS", "CAN", "CANNING", "CAPITAL", "CASCADE", "CASCADES", "CASSINO",
    "CENTENNIAL", "CENTER", "CENTRAL", "CENTRE", "CENTURION", "CHAPARRAL", "CHIN", "CHINO",
    "CLOVERLEAF", "COCOA", "COIN", "COLON", "COLUMBINE", "COME", "CONCORD", "CONVERSE",
    "CORONA", "COVE", "CRYSTAL", "CYPRESS", "DATE", "DAUPHIN", "DE", "DEAL", "DEBAR",
    "DEFIANCE", "DEL", "DELTA", "DIG", "DOLE", "DOME", "DOUR", "DYER", "EAGLE", "EAST",
    "EASTERN", "EL", "ELK", "ENCAMP", "ENTERPRISE", "EST", "FALCON", "FEDERAL", "FELLING",
    "FICHE", "FISHERS", "FLEET", "FLORIN", "FORDS", "FOREST", "FOUNTAIN", "GAP", "GARNER",
    "GAY", "GERMAN", "GOD", "GOES", "GOLDEN", "GRAD", "GRAPEVINE", "GRAYS", "GREEN", "GRIFFIN",
    "GROVE", "GROVES", "GULF", "HA", "HALE", "HAYS", "HEM", "HERMITAGE", "HICKORY", "HIGHLAND",
    "HILLSIDE", "HIT", "HO", "HOLIDAY", "HOMESTEAD", "HOOK", "HOVE", "HUMBLE", "IMPERIAL",
    "INDEPENDENCE", "ISLANDS", "JASPER", "JINGLING", "LA", "LAKES", "LANCING", "LARGO", "LAS",
    "LATTES", "LAUREL", "LEEK", "LEER", "LIBERAL", "LIBERTY", "LICE", "LINDEN", "LIRA", "LISLE",
    "LITTORAL", "LOS", "LUAU", "MAGENTA", "MALE", "MAN", "MANAGE", "MANGA", "MARACAS", "MARCH",
    "MARINA", "MARITIME", "MARKS", "MARTIN", "MASCARA", "MASON", "MEDIAS", "MENTOR", "MERIDIAN",
    "MESA", "MESQUITE", "META", "METRO", "MIDLANDS", "MISSION", "MONO", "MORON", "MOSS", "MOST",
    "MUCH", "MUSTANG", "NAME", "NEATH", "NEWTON", "NORMAL", "NORTH", "NORTHEAST", "NORTHERN",
    "NORTHWEST", "OCHER", "OF", "OGRE", "ONE", "OPPORTUNITY", "ORAL", "ORANGE", "ORCHARDS",
    "ORIENTAL", "OVERLAND", "PACE", "PALO", "PANORAMA", "PAPA", "PAPAYA", "PARADISE",
    "PARAMOUNT", "PARE", "PAROLE", "PEARL", "PEEL", "PEER", "PEN", "PEST", "PINTO", "PITA",
    "PLANTATION", "PLATEAU", "PLATEAUX", "PLUM", "PLUNGE", "POLICE", "POOL", "POP", "PORTAGE",
    "POSSE", "POUT", "PROSPECT", "PROVIDENCE", "PUEBLO", "PUMA", "PUNCH", "QUARTO", "QUICHE",
    "READING", "RESERVOIR", "RETREAT", "REUNION", "REVERE", "RHO", "RIVERS", "RIVERSIDE",
    "ROGERS", "ROMAN", "ROSES", "RUSE", "RYE", "SAKE", "SAKI", "SALE", "SALT", "SAMBA", "SAME",
    "SAN", "SANTA", "SANTO", "SARI", "SAVAGE", "SAVE", "SEASIDE", "SEDAN", "SHAPING",
    "SHORELINE", "SHUSH", "SILVAN", "SIM", "SINCE", "SOUTH", "SOUTHERN", "SOUTHWEST", "SPARKS",
    "SPRING", "SPRINGS", "STAINS", "STERLING", "STORE", "STOW", "SULPHUR", "SUMMIT", "SUNRISE",
    "SUNSET", "SUPERIOR", "SURPRISE", "SWORDS", "SYCAMORE", "TAMALE", "TAME", "TANK", "TAPES",
    "TEMPLE", "TEQUILA", "TERRACE", "THAN", "TIRE", "TOME", "TORRENT", "TRINITY", "TUBAS",
    "TUCKER", "TULLE", "UNION", "UNITY", "UNIVERSITY", "UPLAND", "US", "VALE", "VAN", "VICAR",
    "VINEYARD", "VISE", "VISTA", "WADI", "WALING", "WALKER", "WALNUT", "WARE", "WARREN",
    "WEDDING", "WELLING", "WEST", "WESTERLY", "WESTERN", "WHEELING", "WOODLAND", "WRIGHT",
    "YAP", "YOUNG", NULL};

/* Each word of the lists above as a class bit, looked up once per token (a hash; most words
 * are in no list). */
enum { W_LOC = 1, W_DIR = 2, W_OFPLACE = 4, W_DIST = 8, W_DET = 16, W_DIRWORD = 32,
       W_ADJ = 64, W_ADMIN = 128, W_CITY = 256, W_STOP = 512, W_STOP_CASELESS = 1024,
       W_CUE = 2048, W_BRK = 4096, W_REL = 8192 };

void kh__words_places(kh_wadd add)
{
    /* the words find_mentions() starts from (W_CUE): the cue lists, OF, FROM and CAPITAL;
     * the words that end a stretch of a sentence (stretch(): W_BRK, W_REL) */
    static const char *const cue[] = {"OF", "FROM", "CAPITAL", NULL};
    static const char *const brk[] = {"WHILE", "BUT", "WHEREAS", "ALTHOUGH", "THOUGH", NULL};
    static const char *const rel[] = {"WHICH", "WHO", "WHERE", "WHOSE", NULL};
    static const kh_wlist k[] = {
        {k_cue_loc, W_LOC},   {k_cue_dir, W_DIR},      {k_of_place, W_OFPLACE}, {k_dist, W_DIST},
        {k_det, W_DET},       {k_dirword, W_DIRWORD},  {k_adj, W_ADJ},          {k_admin_kw, W_ADMIN},
        {k_city_kw, W_CITY},  {k_stop, W_STOP},        {k_stop_caseless, W_STOP_CASELESS},
        {cue, W_CUE},         {k_cue_loc, W_CUE},      {k_cue_dir, W_CUE},      {brk, W_BRK},
        {rel, W_REL}};
    kh__words_add(add, KH_WD_PLACES, k, sizeof k / sizeof *k);
}

/* Is t a demonym or country word of the dictionaries ("Libyan")? Its country, else -1. */
static int cameo_country(const kh_gazetteer *g, const char *code);

static int actor_country_at(const kh_doc *doc, const kh_gazetteer *g, size_t i, size_t *end)
{
    int32_t mi = doc->toks[i].match;
    if (mi < 0 || doc->matches[mi].t0 != i || doc->matches[mi].kind != KH_PH_ACTOR)
        return -1;
    const kh_match *m = &doc->matches[mi];
    const char *c = m->code;
    if (!c || strlen(c) != 3)
        return -1;
    *end = m->t1;
    return cameo_country(g, c);
}

/* ------------------------------------------------------------------ CAMEO -> ISO */

/* CAMEO country codes that are not the ISO 3166-1 alpha-3 code of the same country
 * (dict/countries.actors header: the CAMEO table follows ISO in most cases). */
static const char *const k_cameo_iso[][2] = {
    {"TMP", "TLS"}, {"KSV", "XKX"}, {"ROM", "ROU"}, {"ZAR", "COD"}, {"YUG", "SRB"},
    {"FRY", "SRB"}, {"SCG", "SRB"}, {"BRM", "MMR"}, {"FRN", "FRA"}};

/* The country of an actor code: its first three letters as a country (LBYMIL -> LBY), a
 * territory's own code when the next three are one (USAGUM -> GUM); -1 for roles, regions
 * and organisations (GOV, AFR, IGO). */
static int cameo_country(const kh_gazetteer *g, const char *code)
{
    if (!code || strlen(code) < 3)
        return -1;
    char c3[4] = {code[0], code[1], code[2], 0};
    for (size_t i = 0; i < sizeof k_cameo_iso / sizeof *k_cameo_iso; i++)
        if (!memcmp(c3, k_cameo_iso[i][0], 3))
            memcpy(c3, k_cameo_iso[i][1], 3);
    int c = kh__gz_country_iso3(g, c3);
    if (c >= 0 && strlen(code) >= 6) {
        char t3[4] = {code[3], code[4], code[5], 0};
        int t = kh__gz_country_iso3(g, t3);
        if (t >= 0)
            return t;
    }
    return c;
}

/* ------------------------------------------------------------------ finding */

typedef struct finder {
    const kh_dict *d;
    kh_doc *doc;
    const kh_gazetteer *g;
    int caseless;
    kh_buf key;
    int32_t *tm;  /* each token: the mention covering it, -1 (no place found twice) */
} finder;

/* Is token i in the word class bits (its entry in the word table, words.h)? */
static inline int HAS(finder *F, size_t i, uint16_t bits)
{
    return (kh__words[F->doc->toks[i].wcls].places & bits) != 0;
}

/* May token t be (part of) a name: capitalised, or the story has no capitals? */
static int cap(const finder *F, const kh_token *t)
{
    return F->caseless || (t->flags & (KH_TF_CAP | KH_TF_ALLCAP));
}

/* Appends a token's normal form as a gazetteer key word. */
static void key_word(kh_buf *b, const kh_token *t)
{
    size_t start = b->len;
    for (uint16_t i = 0; i < t->nlen; i++) {
        unsigned char c = (unsigned char)t->norm[i];
        int an = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (an || (c == '\'' && b->len > start && i + 1 < t->nlen))
            kh__buf_putc(b, (char)c);
        else if (b->len > start && b->ptr[b->len - 1] != ' ')
            kh__buf_putc(b, ' ');
    }
    while (b->len > start && b->ptr[b->len - 1] == ' ')
        b->ptr[--b->len] = 0;
}

/* Is the actor phrase covering [i, i + n) a person or organisation (a code longer than a
 * country's that is no territory: TURGOV, not USAGUM)? Such a name is no place. */
static int person_at(const finder *F, size_t i, size_t n)
{
    int32_t mi = F->doc->toks[i].match;
    if (mi < 0)
        return 0;
    const kh_match *m = &F->doc->matches[mi];
    if (m->kind != KH_PH_ACTOR || m->t0 != i || m->t1 < i + n)
        return 0;
    const char *c = m->code;
    if (!c || strlen(c) <= 3)
        return 0;
    char t3[4] = {c[3], c[4], c[5], 0};
    return strlen(c) < 6 || kh__gz_country_iso3(F->g, t3) < 0;
}

/* The longest gazetteer name starting at token i (before end): its length in tokens, 0 if
 * none. In mixed-case text its first and last words are capitalised ("Port-au-Prince";
 * "al-Bab" may start with the article). */
static size_t longest(finder *F, size_t i, size_t end, uint32_t *lo, uint32_t *n)
{
    const kh_doc *doc = F->doc;
    size_t best = 0;
    kh__buf_clear(&F->key);
    const kh_token *t0 = &doc->toks[i];
    if (t0->kind != KH_TK_WORD)
        return 0;
    int article = !cap(F, t0) && i + 1 < end && (doc->toks[i + 1].flags & KH_TF_HYPHEN) &&
                  (is(t0, "AL") || is(t0, "EL") || is(t0, "AS") || is(t0, "AD") ||
                   is(t0, "AR") || is(t0, "AZ") || is(t0, "ASH") || is(t0, "AN"));
    if (!cap(F, t0) && !article)
        return 0;
    for (size_t j = i; j < end && j < i + 7; j++) {
        const kh_token *t = &doc->toks[j];
        if (t->kind != KH_TK_WORD || (j > i && (t->flags & (KH_TF_NL | KH_TF_DATELINE)) !=
                                                   (t0->flags & (KH_TF_NL | KH_TF_DATELINE)) &&
                                      (t->flags & KH_TF_NL)))
            break;
        if (j > i)
            kh__buf_putc(&F->key, ' ');
        key_word(&F->key, t);
        /* (the first-word bits hold the -a/-ah spellings too: no lookup for most words) */
        if (j == i && !kh__gz_first_word(F->g, F->key.ptr, F->key.len))
            return 0;
        uint32_t l;
        int more;
        uint32_t c = kh__gz_lookup(F->g, F->key.ptr, F->key.len, &l, &more);
        size_t kl = F->key.len;
        if (!c && !more && kl > 4 && t->nlen > 3) {
            /* Arabic names written with or without a final h: Hodeidah, Hodeida */
            int more2;
            if (F->key.ptr[kl - 1] == 'H' && F->key.ptr[kl - 2] == 'A') {
                c = kh__gz_lookup(F->g, F->key.ptr, kl - 1, &l, &more2);
            } else if (F->key.ptr[kl - 1] == 'A') {
                kh__buf_putc(&F->key, 'H');
                c = kh__gz_lookup(F->g, F->key.ptr, kl + 1, &l, &more2);
                F->key.ptr[--F->key.len] = 0;
            }
        }
        if (c && cap(F, t)) {
            best = j - i + 1;
            *lo = l;
            *n = c;
        }
        if (!more)
            break;
    }
    if (best == 1 && (F->caseless || (t0->flags & KH_TF_ALLCAP)) && HAS(F, i, W_STOP))
        return 0;
    if (best == 1 && !F->caseless && HAS(F, i, W_STOP) && !(t0->flags & KH_TF_ALLCAP)) {
        /* "in May", "in Parliament": capitalised, but no place */
        return 0;
    }
    if (best && person_at(F, i, best))
        return 0;
    if (best == 1 && HAS(F, i, W_DIRWORD | W_DET))
        return 0; /* "Northern" (a region of Ghana) in "in northern Syria" */
    if (best && F->caseless && (best == 1 || HAS(F, i, W_DET))) {
        /* no capitals to go by: no common word, and no alternate name alone ("come" is an
         * Italian name of Como) or after an article ("the city" is one of London) */
        if (best == 1 && HAS(F, i, W_STOP_CASELESS))
            return 0;
        uint32_t k = *lo;
        while (k < *lo + *n && (F->g->names[k].ref & KH_GZ_ALT))
            k++;
        if (k == *lo + *n)
            return 0;
    }
    return best;
}

/* Does the gazetteer range [lo, lo + n) hold a country or a division (countries only with
 * only_country)? */
static int has_area(const kh_gazetteer *g, uint32_t lo, uint32_t n, int only_country)
{
    for (uint32_t k = lo; k < lo + n; k++)
        if (KH_GZ_KIND(g->names[k].ref) == KH_GZ_COUNTRY ||
            (!only_country && KH_GZ_KIND(g->names[k].ref) == KH_GZ_ADMIN1))
            return 1;
    return 0;
}

static kh_mention *add_mention(finder *F, size_t t0, size_t t1, int32_t sent, int kind, int cue)
{
    kh_doc *doc = F->doc;
    for (size_t t = t0; t < t1; t++) /* found twice (a cue and the parser) */
        if (F->tm[t] != -1)
            return NULL;
    for (size_t t = t0; t < t1; t++)
        F->tm[t] = (int32_t)doc->nmentions;
    KH_GROW(doc, doc->mentions, doc->nmentions, doc->capmentions, kh_mention);
    kh_mention *m = &doc->mentions[doc->nmentions++];
    memset(m, 0, sizeof *m);
    m->t0 = (uint32_t)t0;
    m->t1 = (uint32_t)t1;
    m->sent = sent;
    m->kind = (uint8_t)kind;
    m->cue = (uint8_t)cue;
    m->hint = -1;
    m->cue_tok = UINT32_MAX;
    m->qualifies = -1;
    m->ref = -1;
    m->capital_of = -1;
    m->place = -1;
    m->strict = F->caseless && (t1 == t0 + 1 || HAS(F, t0, W_DET));
    return m;
}

/* After a name ending at token j: a qualifier ", Lebanon", ", Texas", "in (northern) Lebanon".
 * Sets m's qualifier candidates. */
static void qualifier(finder *F, kh_mention *m, size_t j, size_t end)
{
    const kh_doc *doc = F->doc;
    if (j < end && (is(&doc->toks[j], ",") || is(&doc->toks[j], "IN")))
        j++;
    else
        return;
    if (j < end && is(&doc->toks[j], "IN") && is(&doc->toks[j - 1], ",")) /* ", in southern Pakistan" */
        j++;
    /* ", the main city of northern Lebanon", ", the capital of Libya" */
    size_t k = j;
    if (k < end && is(&doc->toks[k], "THE")) {
        k++;
        while (k < end && k < j + 5 && (doc->toks[k].flags & KH_TF_LOWER) && !is(&doc->toks[k], "OF"))
            k++;
        if (k < end && is(&doc->toks[k], "OF"))
            j = k + 1;
    }
    while (j < end && (HAS(F, j, W_DIRWORD) || is(&doc->toks[j], "THE")))
        j++;
    uint32_t lo, n;
    size_t len = j < end ? longest(F, j, end, &lo, &n) : 0;
    if (len && has_area(F->g, lo, n, 0)) {
        m->qlo = lo;
        m->qn = n;
        m->qt0 = (uint32_t)j;
    }
}

/* Reads the words after a place cue at token c: determiners, direction and place words,
 * demonyms and possessive countries, then a name ("in the eastern Libyan city of Benghazi"),
 * or "the capital", "the country", "the city" alone. */
static void after_cue(finder *F, size_t c, size_t end, int32_t sent, int cue)
{
    kh_doc *doc = F->doc;
    int hint = -1, admin_kw = 0, city_kw = 0, capital_kw = 0, dir = 0, the = 0;
    int country_word = 0, city_word = 0;
    size_t poss = 0, poss_len = 0; /* a possessive country: "Lebanon's" */
    uint32_t poss_lo = 0, poss_n = 0;
    size_t i = c + 1;
    for (int steps = 0; i < end && steps < 10; steps++) {
        const kh_token *t = &doc->toks[i];
        if (t->kind == KH_TK_POSS) {
            i++;
            continue;
        }
        if (t->kind != KH_TK_WORD)
            break;
        int lowerish = F->caseless || !(t->flags & KH_TF_CAP);
        uint32_t lo = 0, n = 0;
        /* a capitalised word may start a name: "The Hague", "North Darfur" */
        size_t len = cap(F, t) ? longest(F, i, end, &lo, &n) : 0;
        if (!len && HAS(F, i, W_DET)) {
            the |= is(t, "THE");
            i++;
            continue;
        }
        if (!len && HAS(F, i, W_DIRWORD) && !(i + 1 < end && doc->toks[i + 1].kind == KH_TK_PUNCT)) {
            dir = 1;
            i++;
            continue;
        }
        if (len) {
            /* "Lebanon's northern city of Tripoli": a possessive country is a hint */
            if (i + len < end && doc->toks[i + len].kind == KH_TK_POSS) {
                for (uint32_t k = lo; k < lo + n; k++)
                    if (KH_GZ_KIND(F->g->names[k].ref) == KH_GZ_COUNTRY)
                        hint = (int)KH_GZ_INDEX(F->g->names[k].ref);
                for (size_t k = i; k < i + len; k++)
                    if (F->tm[k] == -1)
                        F->tm[k] = -2; /* part of this place's phrase, no place itself */
                poss = i;
                poss_len = len;
                poss_lo = lo;
                poss_n = n;
                i += len + 1;
                continue;
            }
            kh_mention *m = add_mention(F, i, i + len, sent, M_NAME, cue);
            if (!m)
                return;
            m->lo = lo;
            m->n = n;
            m->hint = (int16_t)hint;
            m->cue_tok = (uint32_t)c;
            m->dir = (uint8_t)dir;
            m->capital_kw = (uint8_t)capital_kw;
            size_t j = i + len;
            if (j < end && HAS(F, j, W_ADMIN))
                admin_kw = 1;
            else if (j < end && (is(&doc->toks[j], "CITY") || is(&doc->toks[j], "TOWN")))
                city_kw = 1;
            m->admin_kw = (uint8_t)admin_kw;
            m->city_kw = (uint8_t)city_kw;
            qualifier(F, m, j + (admin_kw || city_kw), end);
            /* "in Washington and New York", "in Aleppo, Idlib and Hama": the same cue */
            j += admin_kw || city_kw;
            uint32_t lo2, n2;
            size_t len2;
            while (j + 1 < end && (is(&doc->toks[j], "AND") || is(&doc->toks[j], "OR") ||
                                   is(&doc->toks[j], ",")) &&
                   (len2 = longest(F, j + 1, end, &lo2, &n2)) > 0 &&
                   !(j + 1 + len2 < end && doc->toks[j + 1 + len2].kind == KH_TK_POSS)) {
                kh_mention *m2 = add_mention(F, j + 1, j + 1 + len2, sent, M_NAME, cue);
                if (!m2)
                    break;
                m2->lo = lo2;
                m2->n = n2;
                m2->cue_tok = (uint32_t)c; /* ", Lebanon" is marked a qualifier later */
                j += 1 + len2;
                m = m2;
            }
            return;
        }
        size_t ae;
        int ac = cap(F, t) ? actor_country_at(doc, F->g, i, &ae) : -1;
        if (ac >= 0) { /* "the Libyan capital", "the Lebanese city of" */
            hint = ac;
            i = ae;
            continue;
        }
        if (!lowerish)
            break; /* an unknown name: "in Haftar's offensive" */
        if (HAS(F, i, W_ADMIN)) {
            admin_kw = 1;
            i++;
            continue;
        }
        if (HAS(F, i, W_CITY)) {
            if (is(t, "CAPITAL")) {
                capital_kw = 1;
            } else if (!is(t, "OF") && !is(t, "OUTSIDE")) {
                city_kw = 1;
                city_word |= is(t, "CITY") || is(t, "TOWN");
            }
            i++;
            continue;
        }
        if (is(t, "COUNTRY") && the) {
            country_word = 1;
            i++;
            break;
        }
        if (HAS(F, i, W_ADJ)) {
            i++;
            continue;
        }
        break;
    }
    /* no name: "outside the capital", "in the country", "in the city", "Lebanon's capital" */
    kh_mention *m = NULL;
    for (size_t k = c + 1; k < i; k++) /* the possessive country is free again */
        if (F->tm[k] == -2)
            F->tm[k] = -1;
    int named = (the || hint >= 0) && cue != C_DIR; /* "the ...", "Lebanon's ..." */
    /* "in the city of Suchitoto" with an unknown name is not "in the city" */
    const kh_token *lt = &doc->toks[i - 1];
    int last_city = is(lt, "CITY") || is(lt, "TOWN") || is(lt, "CAPITAL");
    /* "the state capital", "the provincial capital": a division's, not the country's */
    if (named && capital_kw && last_city && !admin_kw &&
        !(i >= 2 && is(&doc->toks[i - 2], "PROVINCIAL")))
        m = add_mention(F, c + 1, i, sent, M_CAPITAL, cue);
    else if (named && country_word && !dir)
        m = add_mention(F, c + 1, i, sent, M_COUNTRY, cue);
    else if (named && city_word && !dir && !admin_kw && last_city)
        m = add_mention(F, c + 1, i, sent, M_CITY, cue);
    if (m) {
        m->hint = (int16_t)hint;
        m->cue_tok = (uint32_t)c;
    } else if (poss_len) {
        /* "in Lebanon's north": the country itself */
        m = add_mention(F, poss, poss + poss_len, sent, M_NAME, cue);
        if (m) {
            m->lo = poss_lo;
            m->n = poss_n;
            m->cue_tok = (uint32_t)c;
        }
    }
}

/* "the capital" with no cue ("an offensive against the capital", "seized the Libyan
 * capital"): a place for material conflict. */
static void bare_capital(finder *F, size_t i, size_t t0, size_t end, int32_t sent)
{
    kh_doc *doc = F->doc;
    static const char *const not_place[] = {"MARKET", "MARKETS", "GAINS", "FLIGHT", "FLOWS",
                                            "INVESTMENT", "INVESTMENTS", "SPENDING", "CONTROLS",
                                            "PUNISHMENT", "EXPENDITURE", "ADEQUACY", "REQUIREMENTS",
                                            "INFLOWS", "OUTFLOWS", "STOCK", "GOODS", "LETTERS", NULL};
    if (i + 1 < end && doc->toks[i + 1].kind == KH_TK_WORD && in_list(&doc->toks[i + 1], not_place))
        return;
    size_t a = i;
    int hint = -1;
    if (a > t0) {
        size_t ae;
        for (size_t b = a > t0 + 2 ? a - 2 : t0; b < a; b++) {
            int ac = actor_country_at(doc, F->g, b, &ae);
            if (ac >= 0 && ae == a) {
                hint = ac;
                a = b;
            }
        }
    }
    if (a == t0 || !is(&doc->toks[a - 1], "THE"))
        return;
    /* "the capital Tripoli", "the Libyan capital, Tripoli": the name is the place */
    size_t j = i + 1;
    if (j < end && is(&doc->toks[j], ",") && j + 1 < end)
        j++;
    uint32_t lo, n;
    size_t len = j < end ? longest(F, j, end, &lo, &n) : 0;
    kh_mention *m;
    if (len) {
        m = add_mention(F, j, j + len, sent, M_NAME, C_NONE);
        if (m) {
            m->lo = lo;
            m->n = n;
            m->capital_kw = 1;
            m->city_kw = 1;
        }
    } else {
        m = add_mention(F, a - 1, i + 1, sent, M_CAPITAL, C_NONE);
    }
    if (m)
        m->hint = (int16_t)hint;
}

/* A dateline's place: its first words, qualified by what follows a comma ("TRIPOLI,
 * Lebanon (Reuters) -"). */
static void dateline(finder *F, size_t a, size_t b)
{
    uint32_t lo, n;
    size_t len = longest(F, a, b, &lo, &n);
    if (!len)
        return;
    kh_mention *m = add_mention(F, a, a + len, -1, M_NAME, C_DATELINE);
    if (!m)
        return;
    m->lo = lo;
    m->n = n;
    qualifier(F, m, a + len, b);
}

/* The sentence token t is in, -1 (a dateline's tokens are in none). */
static int32_t sentence_of(const kh_doc *doc, size_t t)
{
    size_t lo = 0, hi = doc->nsents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->sents[mid].t1 <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < doc->nsents && doc->sents[lo].t0 <= t ? (int32_t)lo : -1;
}

/* Orders mentions by their first token. */
static int mention_cmp(const void *x, const void *y)
{
    const kh_mention *a = x, *b = y;
    return a->t0 < b->t0 ? -1 : a->t0 > b->t0;
}

/* Finds the story's toponyms. */
static void find_mentions(finder *F)
{
    kh_doc *doc = F->doc;
    /* datelines: runs of tokens the segmenter marked */
    for (size_t i = 0; i < doc->ntoks && doc->has_dateline;) {
        if (!(doc->toks[i].flags & KH_TF_DATELINE)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < doc->ntoks && (doc->toks[j].flags & KH_TF_DATELINE))
            j++;
        dateline(F, i, j);
        i = j;
    }
    for (size_t s = 0; s < doc->nsents; s++) {
        const kh_sentence *se = &doc->sents[s];
        if (se->kind == KH_SENT_FRAGMENT)
            continue;
        for (size_t i = se->t0; i < se->t1; i++) {
            const kh_token *t = &doc->toks[i];
            /* most words are no cue: one bit of their word-table entry says so */
            if (t->kind != KH_TK_WORD || !HAS(F, i, W_CUE))
                continue;
            if (HAS(F, i, W_LOC)) {
                after_cue(F, i, se->t1, (int32_t)s, C_LOC);
            } else if (HAS(F, i, W_DIR)) {
                after_cue(F, i, se->t1, (int32_t)s, C_DIR);
            } else if (is(t, "OF") && i > se->t0 && HAS(F, i - 1, W_OFPLACE)) {
                after_cue(F, i, se->t1, (int32_t)s, C_LOC);
            } else if (is(t, "FROM") && i > se->t0 && HAS(F, i - 1, W_DIST)) {
                after_cue(F, i, se->t1, (int32_t)s, C_LOC);
            } else if (is(t, "CAPITAL") && (t->flags & KH_TF_LOWER)) {
                bare_capital(F, i, se->t0, se->t1, (int32_t)s);
            }
        }
    }
    /* the parser's places (kh_np.location) that no cue above reached */
    for (size_t k = 0; k + 1 < doc->nlocnps * 2; k += 2) {
        size_t a = doc->locnps[k], b = doc->locnps[k + 1];
        while (a < b && HAS(F, a, W_DET))
            a++;
        uint32_t lo, n;
        size_t len = a < b ? longest(F, a, b, &lo, &n) : 0;
        if (!len)
            continue;
        kh_mention *m = add_mention(F, a, a + len, sentence_of(doc, a), M_NAME, C_NP);
        if (m) {
            m->lo = lo;
            m->n = n;
        }
    }
    /* the target city of an attack ("shelled Sirte", "seized Tripoli"), or with no target
     * actor the name right after its verb ("missiles struck Lviv") */
    for (size_t e = 0; e < doc->nevents; e++) {
        const kh_event *ev = &doc->events[e];
        if (ev->quad != 4)
            continue;
        int32_t s = ev->sentence - 1;
        const kh_sentence *se = &doc->sents[s];
        size_t from = ev->target.code ? ev->target.span.start : ev->verb.end;
        size_t a = se->t0;
        while (a < se->t1 && doc->toks[a].start < from)
            a++;
        while (a < se->t1 && HAS(F, a, W_DET))
            a++;
        size_t b = a;
        if (ev->target.code)
            while (b < se->t1 && doc->toks[b].end <= ev->target.span.end)
                b++;
        else
            b = se->t1;
        uint32_t lo, n;
        size_t len = a < b ? longest(F, a, b, &lo, &n) : 0;
        /* a country or division as a target is an actor ("attacked Lebanon"): not a place */
        if (!len || has_area(F->g, lo, n, 1))
            continue;
        if (ev->target.code ? a + len != b
                            : a + len < se->t1 && doc->toks[a + len].kind == KH_TK_WORD &&
                                  cap(F, &doc->toks[a + len]))
            continue; /* the name is the whole object, not part of a longer one */
        b = a + len;
        kh_mention *m = add_mention(F, a, b, s, M_NAME, C_TARGET);
        if (m) {
            m->lo = lo;
            m->n = n;
            m->city_kw = 1; /* an attacked place is a place, not a country's name for itself */
        }
    }
    /* in story order (they do not overlap), for "the city", placing and explain */
    if (doc->nmentions > 1)
        qsort(doc->mentions, doc->nmentions, sizeof *doc->mentions, mention_cmp);
    for (size_t k = 0; k < doc->nmentions; k++)
        for (uint32_t t = doc->mentions[k].t0; t < doc->mentions[k].t1; t++)
            F->tm[t] = (int32_t)k;
    /* qualifiers found twice: "Tripoli in northern Lebanon" */
    for (size_t k = 0; k < doc->nmentions; k++) {
        const kh_mention *a = &doc->mentions[k];
        int32_t j = a->qn ? F->tm[a->qt0] : -1;
        if (j >= 0 && (size_t)j != k && doc->mentions[j].t0 == a->qt0)
            doc->mentions[j].qualifies = (int32_t)k;
    }
}

/* ------------------------------------------------------------------ resolving */

typedef struct context {
    double *w;        /* per country: the story's evidence */
    double *own;      /* scratch: one mention's own part of w */
    double *w0;       /* w as the actors alone give it */
    double *sh;       /* shares() */
    uint8_t *sent;    /* per country: named by an actor of the sentence being resolved */
    int16_t *mc;      /* per lexicon match: its actor's country, -1 */
    int top, top2;    /* the two strongest countries */
    /* The countries w or own ever gave evidence to, in ascending order: the loops over
     * countries visit only these (a story names a handful of the 250; #6's cost). */
    uint32_t *tl, ntl;
    uint8_t *tin; /* w, own, w0 and sh hold values for these countries only */
    int owned; /* the country own holds a value for, -1 */
} context;

/* Notes that country c gets evidence (before any is added). */
static void touch(context *C, int c)
{
    if (c < 0 || C->tin[c])
        return;
    C->tin[c] = 1;
    C->w[c] = C->own[c] = C->w0[c] = C->sh[c] = 0;
    uint32_t k = C->ntl++;
    while (k > 0 && C->tl[k - 1] > (uint32_t)c) {
        C->tl[k] = C->tl[k - 1];
        k--;
    }
    C->tl[k] = (uint32_t)c;
}

static void sentence_actors(const kh_doc *doc, const kh_gazetteer *g, context *C, int32_t s);

/* The country (index) of what a gazetteer ref names. */
static int ref_country(const kh_gazetteer *g, uint32_t ref)
{
    uint32_t x = KH_GZ_INDEX(ref);
    switch (KH_GZ_KIND(ref)) {
    case KH_GZ_PLACE: return g->places[x].country;
    case KH_GZ_ADMIN1: return g->admin1[x].country;
    default: return (int)x;
    }
}

/* Each country's evidence as a share of the strongest, leaving out the mention's own. */
static void shares(const kh_gazetteer *g, const context *C, double *sh)
{
    (void)g; /* the countries outside C->tl have no evidence and keep a share of 0 */
    double wmax = 0;
    for (uint32_t i = 0; i < C->ntl; i++) {
        uint32_t k = C->tl[i];
        if (C->w[k] - C->own[k] > wmax)
            wmax = C->w[k] - C->own[k];
    }
    for (uint32_t i = 0; i < C->ntl; i++) {
        uint32_t k = C->tl[i];
        sh[k] = wmax > 0 ? (C->w[k] - C->own[k]) / wmax : 0;
    }
}

/* The context part of a candidate in country c: the country's share of the story's
 * evidence, a bonus when an actor of the same sentence is of it and a smaller one for its
 * neighbours; at most 2.5 (see the file's top). */
static double context_bonus(const kh_gazetteer *g, const context *C, const double *sh, int c)
{
    /* a country without evidence has a share of 0 (and no value in sh) */
    double v = (C->tin[c] ? sh[c] : 0) + (C->sent[c] ? 0.3 : 0);
    double best = 0;
    for (uint32_t k = g->nbr_off[c]; k < g->nbr_off[c + 1]; k++) {
        uint32_t nb = g->nbr[k];
        if (C->tin[nb] && sh[nb] > best)
            best = sh[nb];
    }
    v += 0.3 * best;
    return 2.5 * (v > 1 ? 1 : v);
}

static double lg(double x)
{
    return log10(x + 10.0);
}

/* How widely known a division or country is, on the scale of a place's alternate names
 * (countryInfo.txt and admin1Codes.txt give none): as a city with about 45. */
#define K_AREA_KNOWN 2.5

/* How widely known a place is: the number of its names in other languages (Paris, France:
 * 103; Paris, Texas: 10). */
static double known(const kh_gz_place *p)
{
    return 1.5 * log10(1.0 + p->nalt);
}

/* The best-known candidate of m that is a populated place in country c (a division's
 * namesake city): how known it is, -1 when there is none. */
static double city_namesake(const kh_gazetteer *g, const kh_mention *m, int c)
{
    double best = -1;
    for (uint32_t k = m->lo; k < m->lo + m->n; k++) {
        uint32_t r = g->names[k].ref;
        if (KH_GZ_KIND(r) == KH_GZ_PLACE && g->places[KH_GZ_INDEX(r)].country == c &&
            known(&g->places[KH_GZ_INDEX(r)]) > best)
            best = known(&g->places[KH_GZ_INDEX(r)]);
    }
    return best;
}

/* The score of candidate ref for mention m; parts are written to why when not NULL. */
static double score(const kh_gazetteer *g, const kh_mention *m, uint32_t ref, const double *sh,
                    const context *C, char *why, size_t whyn)
{
    uint32_t x = KH_GZ_INDEX(ref);
    int c = ref_country(g, ref);
    double prior = 0, bonus = 0, ctx = context_bonus(g, C, sh, c), local = 0;
    switch (KH_GZ_KIND(ref)) {
    case KH_GZ_PLACE: {
        const kh_gz_place *p = &g->places[x];
        prior = lg(p->population) + known(p);
        bonus = p->fclass == KH_FC_CAPITAL ? 1.0 : p->fclass == KH_FC_ADMIN ? 0.3 : 0;
        if (m->capital_kw && p->fclass == KH_FC_CAPITAL)
            bonus += 1.0;
        if (m->admin_kw)
            bonus -= 5;
        if (m->dir)
            bonus -= 0.5;
        break;
    }
    case KH_GZ_ADMIN1: {
        /* a division named like its city ("Idlib") is as widely known as the city, and is
         * the city unless a word says otherwise */
        double known = city_namesake(g, m, c);
        prior = lg((double)g->admin1[x].population) + (known >= 0 ? known : K_AREA_KNOWN);
        bonus = m->admin_kw ? 1.0 : m->dir || known < 0 ? 0 : -1.0;
        if (m->city_kw)
            bonus -= 5;
        break;
    }
    default:
        prior = lg((double)g->countries[x].population) + K_AREA_KNOWN;
        bonus = 1.5;
        if (m->city_kw || m->admin_kw || m->capital_kw)
            bonus -= 5;
        break;
    }
    if (m->hint >= 0 && m->hint == c)
        local += 5;
    if (m->qn) {
        for (uint32_t k = m->qlo; k < m->qlo + m->qn; k++) {
            uint32_t q = g->names[k].ref;
            if (KH_GZ_KIND(q) == KH_GZ_COUNTRY && (int)KH_GZ_INDEX(q) == c) {
                local += 10;
                break;
            }
            if (KH_GZ_KIND(q) == KH_GZ_ADMIN1 && KH_GZ_KIND(ref) == KH_GZ_PLACE &&
                g->places[x].admin1 == KH_GZ_INDEX(q)) {
                local += 10;
                break;
            }
        }
    }
    if (why)
        snprintf(why, whyn, "prior %.2f%+.2f, context %+.2f%s%s", prior, bonus, ctx,
                 local >= 10 ? ", qualifier +10" : "", local == 5 ? ", demonym +5" : "");
    return prior + bonus + ctx + local;
}

/* The weight a resolved mention gives its country as context. */
static double evidence(const kh_mention *m, uint32_t ref)
{
    if (m->cue == C_DATELINE)
        return 2.0;
    return KH_GZ_KIND(ref) == KH_GZ_PLACE ? 1.0 : 2.0;
}

/* The mention's own evidence, left out when it is resolved again, and the shares. */
static void prepare(const kh_gazetteer *g, const kh_doc *doc, const kh_mention *m, context *C,
                    double *sh)
{
    if (C->owned >= 0)
        C->own[C->owned] = 0;
    C->owned = -1;
    if (m->ref >= 0) {
        int c = ref_country(g, (uint32_t)m->ref);
        touch(C, c);
        C->own[c] += evidence(m, (uint32_t)m->ref);
        C->owned = c;
    }
    sentence_actors(doc, g, C, m->sent);
    shares(g, C, sh);
}

/* Finds the two strongest countries of the story's evidence. */
static void top2(const kh_gazetteer *g, context *C)
{
    (void)g;
    C->top = C->top2 = -1;
    for (uint32_t i = 0; i < C->ntl; i++) {
        uint32_t k = C->tl[i];
        if (C->w[k] <= 0)
            continue;
        if (C->top < 0 || C->w[k] > C->w[C->top]) {
            C->top2 = C->top;
            C->top = (int)k;
        } else if (C->top2 < 0 || C->w[k] > C->w[C->top2]) {
            C->top2 = (int)k;
        }
    }
}

/* The story's country for "the capital", "the country": the strongest, when it stands out. */
static int dominant(const context *C)
{
    if (C->top < 0 || C->w[C->top] < 1.0 || (C->top2 >= 0 && C->w[C->top2] >= C->w[C->top]))
        return -1;
    return C->top;
}

/* The country of each actor match that is not a place's name (a place named as a place is no
 * actor here: TRIPOLI_ is an actor LBY in the dictionaries). */
static void match_countries(const kh_doc *doc, const kh_gazetteer *g, context *C,
                            const int32_t *tm)
{
    for (size_t i = 0; i < doc->nmatches; i++) {
        const kh_match *mm = &doc->matches[i];
        C->mc[i] = -1;
        if (mm->kind != KH_PH_ACTOR)
            continue;
        int over = 0;
        for (uint32_t t = mm->t0; t < mm->t1 && !over; t++)
            over = tm[t] != -1;
        if (over)
            continue;
        const char *code = mm->code;
        if (code && !kh__code_special(code))
            C->mc[i] = (int16_t)cameo_country(g, code);
    }
}

/* Marks the countries of sentence s's actors in C->sent. */
static void sentence_actors(const kh_doc *doc, const kh_gazetteer *g, context *C, int32_t s)
{
    memset(C->sent, 0, g->ncountries);
    if (s < 0)
        return;
    const kh_sentence *se = &doc->sents[s];
    for (size_t i = kh__first_match(doc, se->t0); i < doc->nmatches && doc->matches[i].t0 < se->t1;
         i++)
        if (C->mc[i] >= 0)
            C->sent[C->mc[i]] = 1;
}


/* Resolves mention m with the context; returns the chosen ref or -1. */
static int64_t resolve(const kh_gazetteer *g, kh_doc *doc, kh_mention *m, context *C,
                       double *sh)
{
    if (m->kind == M_CAPITAL || m->kind == M_COUNTRY) {
        int c = m->hint >= 0 ? m->hint : dominant(C);
        m->capital_of = c;
        if (c < 0)
            return -1;
        if (m->kind == M_COUNTRY)
            return (int64_t)((uint32_t)KH_GZ_COUNTRY << 30 | (uint32_t)c);
        uint32_t p = g->countries[c].capital;
        return p == UINT32_MAX ? -1 : (int64_t)p; /* KH_GZ_PLACE is kind 0 */
    }
    if (m->kind == M_CITY)
        return -1; /* "in the city": the story's last city, set in story order by kh__places */
    if (m->n == 1) { /* one candidate: nothing to weigh */
        m->score = m->second = 0;
        uint32_t r = g->names[m->lo].ref;
        return m->strict && (r & KH_GZ_ALT) ? -1 : (int64_t)KH_GZ_REF(r);
    }
    prepare(g, doc, m, C, sh);
    double best = -1e9, second = -1e9;
    int64_t ref = -1;
    for (uint32_t k = m->lo; k < m->lo + m->n; k++) {
        uint32_t r = g->names[k].ref;
        /* a movement or a target goes to a place or country, not a division by name alone */
        if (m->strict && (r & KH_GZ_ALT))
            continue; /* "one" in lower-case text is no alternate name of Onex */
        double v = score(g, m, r, sh, C, NULL, 0);
        if (v > best) {
            second = best;
            best = v;
            ref = KH_GZ_REF(r);
        } else if (v > second) {
            second = v;
        }
    }
    m->score = best;
    m->second = second;
    /* a city-state: Hong Kong, Singapore, Djibouti name a country and its capital alike; the
     * city is the finer answer */
    if (ref >= 0 && KH_GZ_KIND((uint32_t)ref) == KH_GZ_COUNTRY) {
        const kh_gz_country *c = &g->countries[KH_GZ_INDEX((uint32_t)ref)];
        if (c->capital != UINT32_MAX && !strcmp(g->str + g->places[c->capital].name, g->str + c->name))
            for (uint32_t k = m->lo; k < m->lo + m->n; k++)
                if (KH_GZ_REF(g->names[k].ref) == c->capital) /* KH_GZ_PLACE is kind 0 */
                    return (int64_t)c->capital;
    }
    return ref;
}

/* ------------------------------------------------------------------ output */

/* Fills a location from what a gazetteer ref names. */
static void locate(const kh_gazetteer *g, uint32_t ref, kh_location *L)
{
    memset(L, 0, sizeof *L);
    uint32_t x = KH_GZ_INDEX(ref);
    int32_t lat = INT32_MIN, lon = INT32_MIN;
    switch (KH_GZ_KIND(ref)) {
    case KH_GZ_PLACE: {
        const kh_gz_place *p = &g->places[x];
        L->precision = KH_PLACE_CITY;
        L->name = g->str + p->name;
        L->country = g->countries[p->country].iso3;
        L->admin1 = p->admin1 != KH_GZ_NONE ? g->str + g->admin1[p->admin1].name : NULL;
        L->geonameid = (long)p->geonameid;
        lat = p->lat;
        lon = p->lon;
        break;
    }
    case KH_GZ_ADMIN1: {
        const kh_gz_admin1 *a = &g->admin1[x];
        L->precision = KH_PLACE_ADMIN1;
        L->name = L->admin1 = g->str + a->name;
        L->country = g->countries[a->country].iso3;
        L->geonameid = (long)a->geonameid;
        lat = a->lat;
        lon = a->lon;
        break;
    }
    default: {
        const kh_gz_country *c = &g->countries[x];
        L->precision = KH_PLACE_COUNTRY;
        L->name = g->str + c->name;
        L->country = c->iso3;
        L->geonameid = (long)c->geonameid;
        lat = c->lat;
        lon = c->lon;
        break;
    }
    }
    if (lat != INT32_MIN) {
        L->has_coords = 1;
        L->lat = KH_GZ_DEG(lat);
        L->lon = KH_GZ_DEG(lon);
    }
}

static const char *prec_name(kh_place_precision p)
{
    return p == KH_PLACE_CITY ? "city" : p == KH_PLACE_ADMIN1 ? "admin1" : p == KH_PLACE_COUNTRY ? "country" : "none";
}

/* explain: "Tripoli, LBY, Tripoli (city, population 1150989, capital, geonameid ...)". */
static void print_ref(FILE *ex, const kh_gazetteer *g, uint32_t ref)
{
    kh_location L;
    locate(g, ref, &L);
    fprintf(ex, "%s, %s%s%s (%s", L.name, L.country, L.admin1 && L.precision == KH_PLACE_CITY ? ", " : "",
            L.admin1 && L.precision == KH_PLACE_CITY ? L.admin1 : "", prec_name(L.precision));
    uint32_t x = KH_GZ_INDEX(ref);
    if (KH_GZ_KIND(ref) == KH_GZ_PLACE)
        fprintf(ex, ", population %u%s", g->places[x].population,
                g->places[x].fclass == KH_FC_CAPITAL ? ", capital" : "");
    fprintf(ex, ", geonameid %ld)", L.geonameid);
}

static void span_text(FILE *ex, const kh_doc *doc, uint32_t t0, uint32_t t1)
{
    fprintf(ex, "\"%.*s\"", (int)(doc->toks[t1 - 1].end - doc->toks[t0].start),
            doc->text + doc->toks[t0].start);
}

/* explain: a mention, how it was found, its candidates with their scores, the choice. */
static void explain_mention(FILE *ex, const kh_gazetteer *g, const kh_doc *doc,
                            const kh_mention *m, const context *C, const double *sh)
{
    fputs(" place ", ex);
    span_text(ex, doc, m->t0, m->t1);
    if (m->sent >= 0)
        fprintf(ex, " sentence %d", m->sent + 1);
    fprintf(ex, ", %s", k_cue_name[m->cue]);
    if (m->cue_tok != UINT32_MAX)
        fprintf(ex, " \"%s\"", doc->toks[m->cue_tok].norm);
    if (m->hint >= 0)
        fprintf(ex, ", demonym %s", g->countries[m->hint].iso3);
    if (m->admin_kw)
        fputs(", division word", ex);
    if (m->qn) {
        fputs(", qualified by ", ex);
        span_text(ex, doc, m->qt0, m->qt0 + 1);
    }
    if (m->qualifies >= 0)
        fputs(", qualifies the place before it", ex);
    fputc('\n', ex);
    if (m->kind == M_CAPITAL || m->kind == M_COUNTRY) {
        fprintf(ex, "   %s of %s\n", m->kind == M_CAPITAL ? "the capital" : "the country",
                m->capital_of >= 0 ? g->countries[m->capital_of].iso3
                                   : "(no country: the story names none clearly)");
    } else if (m->kind == M_CITY) {
        fputs("   the story's last city before it\n", ex);
    } else {
        for (uint32_t k = m->lo; k < m->lo + m->n && k < m->lo + 8; k++) {
            char why[160];
            double v = score(g, m, g->names[k].ref, sh, C, why, sizeof why);
            fprintf(ex, "   %s ", (int64_t)KH_GZ_REF(g->names[k].ref) == m->ref ? "->" : "  ");
            print_ref(ex, g, g->names[k].ref);
            fprintf(ex, ": %.2f (%s)\n", v, why);
        }
        if (m->n > 8)
            fprintf(ex, "      ... %u more candidates\n", m->n - 8);
    }
    if (m->ref < 0)
        fputs("   -> unresolved\n", ex);
    else if (m->kind != M_NAME) {
        fputs("   -> ", ex);
        print_ref(ex, g, (uint32_t)m->ref);
        fputc('\n', ex);
    }
}

/* The stretch of sentence s that token t is in: stretches end at ; and : and before while,
 * but, whereas, although and a relative "which", "who", "where". Sets *relative when t's
 * stretch is a relative clause. */
static int stretch(const kh_doc *doc, int32_t s, size_t t, int *relative)
{
    int n = 0;
    *relative = 0;
    for (size_t i = doc->sents[s].t0; i <= t && i < doc->sents[s].t1; i++) {
        const kh_token *k = &doc->toks[i];
        uint16_t w = kh__words[k->wcls].places;
        if ((w & W_BRK) || is(k, ";") || is(k, ":")) {
            n++;
            *relative = 0;
        } else if ((w & W_REL) && i > doc->sents[s].t0 && is(&doc->toks[i - 1], ",")) {
            n++;
            *relative = 1;
        } else if (*relative && is(k, ",") && i + 1 < doc->sents[s].t1 &&
                   doc->toks[i + 1].kind == KH_TK_WORD) {
            /* ", who is based in Benghazi, attacked": the relative clause ends at a comma
             * (a crude guess: the comma may also open another one) */
            n++;
            *relative = 0;
        }
    }
    return n;
}

/* The token of sentence s at a byte offset. */
static size_t token_at(const kh_doc *doc, int32_t s, size_t byte)
{
    size_t i = doc->sents[s].t0;
    while (i + 1 < doc->sents[s].t1 && doc->toks[i + 1].start <= byte)
        i++;
    return i;
}

/* Does mention m fit event e (see the file's top)? A movement's place ("sent troops to
 * Libya") follows the verb in its stretch; a relative clause ("who is based in Benghazi")
 * describes an actor, not the event. */
static int fits(const kh_doc *doc, const kh_event *e, const kh_mention *m, int *same)
{
    int material = e->quad == 2 || e->quad == 4 || !strncmp(e->code, "04", 2);
    int32_t s = e->sentence - 1;
    int rv, rm;
    int sv = stretch(doc, s, token_at(doc, s, e->verb.start), &rv);
    int sm = stretch(doc, s, m->t0, &rm);
    *same = sv == sm;
    if (rm && !*same)
        return 0;
    switch (m->cue) {
    case C_LOC: case C_NP: return 1;
    case C_DIR: return material && *same && doc->toks[m->t0].start >= e->verb.end;
    case C_NONE: case C_TARGET: return e->quad == 4;
    default: return 0;
    }
}

/* The mention that places event e, or -1: the target of an attack, else the nearest to the
 * verb in its stretch (one before it counts half as far again: places mostly follow their
 * verb), else the nearest in the sentence. */
static int place_event(const kh_doc *doc, const kh_event *e)
{
    int32_t s = e->sentence - 1;
    int best = -1;
    double bestd = 1e18;
    /* the sentence's mentions: those in story order from its first token */
    size_t lo = 0, hi = doc->nmentions;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->mentions[mid].t0 < doc->sents[s].t0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < doc->nmentions && doc->mentions[k].t0 < doc->sents[s].t1; k++) {
        const kh_mention *m = &doc->mentions[k];
        int same;
        if (m->sent != s || m->place < 0 || !fits(doc, e, m, &same))
            continue;
        if (m->qualifies >= 0 && doc->mentions[m->qualifies].place >= 0)
            continue;
        size_t ms = doc->toks[m->t0].start;
        if (e->quad == 4 && e->target.code && ms >= e->target.span.start &&
            doc->toks[m->t1 - 1].end <= e->target.span.end)
            return (int)k;
        double d = ms > e->verb.start ? (double)(ms - e->verb.start)
                                      : 1.5 * (double)(e->verb.start - ms);
        if (!same)
            d += 1e6;
        if (d < bestd) {
            bestd = d;
            best = (int)k;
        }
    }
    return best;
}

void kh__places_sentence(kh_doc *doc, size_t s)
{
    (void)s;
    if (!doc->opts.gazetteer)
        return;
    for (size_t k = 0; k < doc->nnps; k++) {
        const kh_np *np = &doc->nps[k];
        if (!np->location)
            continue;
        /* pairs: the count and the capacity stay even, so a full array grows */
        size_t n2 = doc->nlocnps * 2;
        KH_GROW(doc, doc->locnps, n2, doc->caplocnps, uint32_t);
        doc->locnps[doc->nlocnps * 2] = np->t0;
        doc->locnps[doc->nlocnps * 2 + 1] = np->t1;
        doc->nlocnps++;
    }
}

void kh__places(const kh_dict *d, kh_doc *doc, FILE *ex)
{
    const kh_gazetteer *g = doc->opts.gazetteer;
    doc->nmentions = 0;
    doc->nplaces = 0;
    if (!g) {
        doc->nlocnps = 0;
        return;
    }
    finder F = {d, doc, g, doc->all_caps, KH_BUF_INIT, NULL};
    F.tm = kh__arena_alloc(&doc->arena, (doc->ntoks + 1) * sizeof *F.tm);
    memset(F.tm, 0xFF, (doc->ntoks + 1) * sizeof *F.tm);
    if (!F.caseless) {
        /* a story in lower case, or in capitals with a few words in lower case, has no
         * capitals to go by: hardly any word is written "Like this" */
        F.caseless = doc->nwords > 20 && doc->ntitled * 50 < doc->nwords;
    }
    find_mentions(&F);
    kh__buf_free(&F.key);
    doc->nlocnps = 0;
    if (ex)
        fprintf(ex, "places (%u places in the gazetteer):\n", g->nplaces);
    if (!doc->nmentions) {
        if (ex)
            fputs(" no place named\n", ex);
        return;
    }
    context C;
    /* The per-country arrays are the thread's, kept from story to story (#6's cost: one
     * story at a time they were most of what places allocated). They are not zeroed:
     * touch() zeroes a country's values when it first gets evidence, the others are never
     * read, and tin is cleared again at the end. */
    size_t nc = g->ncountries + 1;
    char *mem = kh__scratch(KH_SCRATCH_PLACES, nc * (4 * sizeof(double) + sizeof(uint32_t) + 2),
                            (uint32_t)nc);
    if (mem) {
        C.w = (double *)mem;
        C.own = C.w + nc;
        C.w0 = C.own + nc;
        C.sh = C.w0 + nc;
        C.tl = (uint32_t *)(C.sh + nc);
        C.tin = (uint8_t *)(C.tl + nc);
        C.sent = C.tin + nc;
    } else {
        C.w = kh__arena_alloc(&doc->arena, nc * sizeof *C.w);
        C.own = kh__arena_alloc(&doc->arena, nc * sizeof *C.own);
        C.w0 = kh__arena_alloc(&doc->arena, nc * sizeof *C.w0);
        C.sh = kh__arena_alloc(&doc->arena, nc * sizeof *C.sh);
        C.tl = kh__arena_alloc(&doc->arena, nc * sizeof *C.tl);
        C.tin = kh__arena_zalloc(&doc->arena, nc);
        C.sent = kh__arena_zalloc(&doc->arena, nc);
    }
    double *sh = C.sh;
    C.mc = kh__arena_alloc(&doc->arena, (doc->nmatches + 1) * sizeof *C.mc);
    C.ntl = 0;
    C.owned = -1;
    match_countries(doc, g, &C, F.tm);
    for (size_t i = 0; i < doc->nmatches; i++)
        if (C.mc[i] >= 0) {
            touch(&C, C.mc[i]);
            C.w[C.mc[i]] += 1.0;
        }
    for (uint32_t i = 0; i < C.ntl; i++)
        C.w0[C.tl[i]] = C.w[C.tl[i]];
    /* two passes: names first (in the actors' context), then again with the places found;
     * "the capital" and "the city" last */
    for (int pass = 0; pass < 2; pass++) {
        top2(g, &C);
        for (size_t k = 0; k < doc->nmentions; k++) {
            kh_mention *m = &doc->mentions[k];
            if (m->kind == M_NAME)
                m->ref = resolve(g, doc, m, &C, sh);
        }
        for (uint32_t i = 0; i < C.ntl; i++) /* w0 is 0 for the countries touched since */
            C.w[C.tl[i]] = C.w0[C.tl[i]];
        for (size_t k = 0; k < doc->nmentions; k++) {
            const kh_mention *m = &doc->mentions[k];
            if (m->ref >= 0 && m->kind == M_NAME) {
                int c = ref_country(g, (uint32_t)m->ref);
                touch(&C, c);
                C.w[c] += evidence(m, (uint32_t)m->ref);
            }
        }
    }
    top2(g, &C);
    int64_t last_city = -1;
    for (size_t k = 0; k < doc->nmentions; k++) {
        kh_mention *m = &doc->mentions[k];
        if (m->kind == M_CITY)
            m->ref = last_city;
        else if (m->kind != M_NAME)
            m->ref = resolve(g, doc, m, &C, sh);
        if (m->ref >= 0 && KH_GZ_KIND((uint32_t)m->ref) == KH_GZ_PLACE && m->cue != C_DATELINE)
            last_city = m->ref;
    }
    if (ex) {
        fputs(" context (actors' countries, then places):", ex);
        int shown = 0;
        for (uint32_t k = 0; k < g->ncountries && shown < 12; k++)
            if (C.tin[k] && C.w[k] > 0) {
                fprintf(ex, " %s %.1f", g->countries[k].iso3, C.w[k]);
                shown++;
            }
        fprintf(ex, "%s\n", shown ? "" : " none");
    }
    doc->places = kh__arena_zalloc(&doc->arena, doc->nmentions * sizeof *doc->places);
    for (size_t k = 0; k < doc->nmentions; k++) {
        kh_mention *m = &doc->mentions[k];
        if (ex && m->kind == M_NAME)
            prepare(g, doc, m, &C, sh); /* the scores as the last pass saw them */
        if (ex)
            explain_mention(ex, g, doc, m, &C, sh);
        if (m->ref < 0)
            continue;
        kh_location *L = &doc->places[doc->nplaces];
        locate(g, (uint32_t)m->ref, L);
        L->span = (kh_span){doc->toks[m->t0].start, doc->toks[m->t1 - 1].end};
        L->dateline = m->cue == C_DATELINE;
        m->place = (int32_t)doc->nplaces++;
    }
    for (size_t i = 0; i < doc->nevents; i++) {
        kh_event *e = &doc->events[i];
        int k = place_event(doc, e);
        if (k >= 0)
            e->location = doc->places[doc->mentions[k].place];
        if (ex) {
            fprintf(ex, " event %zu (sentence %d) %s %s %s: ", i + 1, e->sentence,
                    e->source.code, e->code, e->target.code ? e->target.code : "-");
            if (k >= 0) {
                fprintf(ex, "%s, %s (%s) from ", e->location.name, e->location.country,
                        prec_name(e->location.precision));
                span_text(ex, doc, doc->mentions[k].t0, doc->mentions[k].t1);
                fputc('\n', ex);
            } else {
                fputs("no place in its sentence fits it (the dateline is not used)\n", ex);
            }
        }
    }
    for (uint32_t i = 0; i < C.ntl; i++) /* the thread's arrays as they were found */
        C.tin[C.tl[i]] = 0;
}

size_t kh_doc_nplaces(const kh_doc *doc)
{
    return doc->nplaces;
}

const kh_location *kh_doc_place(const kh_doc *doc, size_t i)
{
    return i < doc->nplaces ? &doc->places[i] : NULL;
}
