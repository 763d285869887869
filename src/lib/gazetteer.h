/*
 * gazetteer.h - the place table behind khaldun's locations (issue #6): countries, first-level
 * divisions (admin1) and populated places from GeoNames, with every name they go by indexed
 * by its normal form.
 *
 * One layout serves both ways of getting it: kh_gazetteer_read() builds the image in memory
 * from GeoNames text files (cities15000.txt, cities1000.txt or allCountries.txt, with
 * admin1Codes.txt and countryInfo.txt), kh_gazetteer_save() writes that image to a file, and
 * kh_gazetteer_open() maps such a file back without parsing anything. The image is a header,
 * five arrays and a string table; every reference in it is an index or a string offset,
 * checked once when the image is opened.
 *
 * GeoNames (https://www.geonames.org/) is licensed under CC BY 4.0; the attribution is
 * stored in every image and printed by `khaldun --version`.
 */
#ifndef KH_GAZETTEER_H
#define KH_GAZETTEER_H

#include <stdint.h>

#include "khaldun.h"

#define KH_GZ_NONE 0xFFFFu /* no admin1 / no country */

enum { KH_GZ_PLACE = 0, KH_GZ_ADMIN1 = 1, KH_GZ_COUNTRY = 2 }; /* what a name refers to */

/* Kinds of populated place, from the GeoNames feature code. */
enum { KH_FC_OTHER = 0, KH_FC_CAPITAL = 1 /* PPLC */, KH_FC_ADMIN = 2 /* PPLA */,
       KH_FC_ADMIN2 = 3 /* PPLA2-4 */ };

typedef struct kh_gz_country {
    uint32_t name;        /* string offset */
    uint32_t neighbours;  /* "ES,FR": ISO alpha-2 codes */
    uint32_t geonameid;
    uint32_t capital;     /* place index, UINT32_MAX when not in the table */
    char iso2[4], iso3[4];
    int32_t lat, lon;     /* a point inside it (1e-5 degrees): see gazetteer.c */
    int32_t lat_min, lat_max, lon_min, lon_max; /* of its places */
    uint64_t population;
} kh_gz_country;

typedef struct kh_gz_admin1 {
    uint32_t code;        /* "LY.77" */
    uint32_t name;
    uint32_t geonameid;
    uint16_t country;
    uint16_t pad;
    int32_t lat, lon;     /* a point inside it */
    uint64_t population;  /* of its places in the table */
} kh_gz_admin1;

typedef struct kh_gz_place {
    uint32_t geonameid;
    uint32_t name;
    uint16_t country, admin1;
    int32_t lat, lon;
    uint32_t population;
    uint8_t fclass;       /* KH_FC_* */
    uint8_t pad;
    uint16_t nalt;        /* its alternate names in GeoNames, all scripts: how widely known */
} kh_gz_place;

typedef struct kh_gz_name {
    uint32_t key;         /* normal form: upper case, no accents, words split by one blank */
    uint32_t ref;         /* kind << 30 | KH_GZ_ALT (an alternate name) | index */
} kh_gz_name;

#define KH_GZ_ALT 0x20000000u
#define KH_GZ_KIND(ref) ((ref) >> 30)
#define KH_GZ_INDEX(ref) ((ref) & 0x1FFFFFFFu)
#define KH_GZ_REF(ref) ((ref) & ~KH_GZ_ALT) /* what it names, without how */

/* The compiled file (kh_gazetteer_save, kh_gazetteer_open): this header, then the sections at
 * off[], each 16-byte aligned, in the writer's byte order and struct layout (the header says
 * which; a reader that differs refuses the file). */
#define GZ_MAGIC "KHGAZ\r\n"
#define GZ_VERSION 3u /* 3: with the lookup table and the first-word filter */
typedef struct gaz_header {
    char magic[8];
    uint32_t version, endian;
    uint32_t sizes[5]; /* of the record structs (the last: a lookup slot), as the writer laid
                        * them out */
    uint32_t ncountries, nadmin1, nplaces, nnames, nstr;
    uint32_t attribution, source; /* string offsets */
    uint32_t hcap, firstbits;     /* slots of the lookup table, bits of the first-word filter */
    uint32_t crc;                 /* zlib crc32 of everything after the header */
    uint64_t off[7];              /* countries, admin1, places, names, strings, lookup table,
                                   * first-word filter */
    uint64_t length;
} gaz_header;

/* A key of the lookup table: a name's key, or the words a longer name starts with. */
typedef struct kh_gz_hent {
    uint32_t key;  /* offset in g->str of a key that starts with it */
    uint32_t hash; /* its hash, odd; 0: an empty slot */
    uint32_t lo, n; /* its names: names[lo, lo + n) (n = 0: only a prefix) */
    uint16_t len;
    uint8_t more;  /* longer names start with it and a blank */
} kh_gz_hent;

struct kh_gazetteer {
    const kh_gz_country *countries;
    const kh_gz_admin1 *admin1;
    const kh_gz_place *places;
    const kh_gz_name *names;
    const char *str;
    uint32_t ncountries, nadmin1, nplaces, nnames, nstr;
    const char *attribution, *source;
    uint16_t *by_iso3;    /* country indexes sorted by ISO alpha-3 */
    int16_t *iso3_idx;    /* 26^3: the country of each three-letter code, -1 (#6's cost) */
    /* in the image, made when it was compiled: */
    const uint8_t *first; /* bits: hashes of the names' first words */
    uint32_t firstbits;
    const struct kh_gz_hent *hash; /* every name key and every word prefix of one: kh__gz_lookup */
    uint32_t hcap;
    uint16_t *nbr;        /* each country's neighbours: nbr[nbr_off[c] .. nbr_off[c + 1]) */
    uint32_t *nbr_off;
    void *image;          /* the image: mapped (mapped = 1) or malloc'd */
    size_t len;
    int mapped;
    size_t skipped;       /* kh_gazetteer_read(): malformed lines passed over */
};

/* The names whose key is key[0..n): [*lo, *lo + return), by the lookup table. *more: longer
 * names start with the key and a blank ("SANTIAGO" -> "SANTIAGO DE CUBA"), so adding words
 * may still find one. */
uint32_t kh__gz_lookup(const kh_gazetteer *g, const char *key, size_t n, uint32_t *lo, int *more);
/* 0 when no name starts with the word w[0..n) (a bit filter: 1 may be wrong). */
int kh__gz_first_word(const kh_gazetteer *g, const char *w, size_t n);
/* The country with ISO alpha-3 code iso3 (3 letters), or -1. */
int kh__gz_country_iso3(const kh_gazetteer *g, const char *iso3);
/* The country of ISO alpha-2 code iso2, or -1. */
int kh__gz_country_iso2(const kh_gazetteer *g, const char *iso2);
/* Appends the normal form of a name to b: kh__norm_word(), then anything that is not a letter,
 * digit or inner apostrophe becomes one blank; no blank at either end. */
struct kh_buf;
void kh__gz_key(struct kh_buf *b, const char *s, size_t n);

#define KH_GZ_DEG(v) ((double)(v) / 100000.0)

#endif
