/*
 * store.h - internals shared by the event store's files (issue #9): store.c writes the
 * SQLite database, export.c reads it out in the users' formats, query.c counts it.
 */
#ifndef KH_STORE_H
#define KH_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "khaldun.h"
#include "util/buf.h"

enum { KH__STORE_NSTMT = 10 };

struct kh_store {
    sqlite3 *db;
    sqlite3_stmt *st[KH__STORE_NSTMT];
    int in_tx;      /* a transaction is open */
    size_t pending; /* stories written in it */
    kh_buf tmp;
};

/* Fills diag with the database's last error (KH_STORE when the file is damaged); returns st. */
kh_status kh__store_fail(sqlite3 *db, kh_status st, const char *what, kh_diag *diag);
/* FNV-1a 64 of p[0..n), continuing from h (start: 14695981039346656037). */
uint64_t kh__store_hash(const char *p, size_t n, uint64_t h);
/* The country of a CAMEO actor code (its first three letters unless a role, organisation
 * kind or region), written to out; NULL when none. */
const char *kh__actor_country(const char *code, char out[4]);

#endif
