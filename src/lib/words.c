/*
 * words.c - one table of the closed-class words the stages test (words.h).
 */
#include <pthread.h>
#include <string.h>

#include "doc.h"
#include "words.h"

kh_wentry kh__words[KH_WORDS_SLOTS];
static size_t g_maxlen;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
/* The first two letters of the table's words, as bits: most tokens need no hash. */
static uint8_t g_pre[(28 * 28 + 7) / 8];

static int pre_index(const char *w, size_t n)
{
    unsigned a = (unsigned)((unsigned char)w[0] - 'A'), b = 26;
    if (n > 1 && (b = (unsigned)((unsigned char)w[1] - 'A')) > 25)
        b = 27; /* anything else */
    if (a > 25)
        a = 27;
    return (int)(a * 28 + b);
}

static uint32_t slot_of(const char *s, size_t n)
{
    uint32_t x = KH_HASH_SEED;
    for (size_t i = 0; i < n; i++)
        x = kh__hash_step(x, (unsigned char)s[i]);
    x ^= x >> 15;
    x &= KH_WORDS_SLOTS - 1;
    return x ? x : 1; /* never slot 0 */
}

static void add(const char *w, int domain, uint16_t bits)
{
    size_t n = strlen(w);
    if (!n || n > 255)
        return;
    uint32_t h = slot_of(w, n);
    while (kh__words[h].w && (kh__words[h].len != n || memcmp(kh__words[h].w, w, n) != 0)) {
        h = (h + 1) & (KH_WORDS_SLOTS - 1);
        if (!h)
            h = 1;
    }
    kh_wentry *e = &kh__words[h];
    e->w = w;
    e->len = (uint8_t)n;
    if (domain == KH_WD_PARSE)
        e->parse |= bits;
    else if (domain == KH_WD_PLACES)
        e->places |= bits;
    else if (domain == KH_WD_LISTS)
        e->lists |= bits;
    else if (!e->ew)
        e->ew = bits; /* an index: the first entry of a word stays */
    if (n > g_maxlen)
        g_maxlen = n;
    int p = pre_index(w, n);
    g_pre[p >> 3] |= (uint8_t)(1u << (p & 7));
}

void kh__words_add(kh_wadd addf, int domain, const kh_wlist *lists, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (const char *const *w = lists[i].words; *w; w++)
            addf(*w, domain, lists[i].bit);
}

static void build(void)
{
    kh__words_parse(add);
    kh__words_places(add);
    kh__words_enrich(add);
    kh__words_when(add);
    kh__words_counts(add);
}

uint16_t kh__word_lookup(const char *norm, size_t n)
{
    pthread_once(&g_once, build);
    if (n == 0 || n > g_maxlen)
        return 0;
    int p = pre_index(norm, n);
    if (!((g_pre[p >> 3] >> (p & 7)) & 1))
        return 0;
    for (uint32_t h = slot_of(norm, n); kh__words[h].w;) {
        if (kh__words[h].len == n && memcmp(kh__words[h].w, norm, n) == 0)
            return (uint16_t)h;
        h = (h + 1) & (KH_WORDS_SLOTS - 1);
        if (!h)
            h = 1;
    }
    return 0;
}
