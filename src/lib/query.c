/*
 * query.c - khaldun query (issue #9): the counts an analyst plots, straight from the store.
 *
 * Events are filtered (dates, countries, a dyad of code prefixes, roots, QuadClass) and
 * counted per group (day, week, month, year, country, dyad, root, quad; up to two). With
 * de-duplication, records are counted as export writes them: a one-a-day record or a
 * story's copies count once. Filters are bound as parameters, never pasted into the SQL.
 */
#include <string.h>

#include "store.h"

/* The SQL expression of a grouping, and its column name. */
static const char *group_expr(kh_group g, const char **name)
{
    switch (g) {
    case KH_GROUP_DAY: *name = "day"; return "e.date";
    /* a week is named by its Monday (ISO 8601), as event dates of week precision are */
    case KH_GROUP_WEEK: *name = "week"; return "date(e.date, '-6 days', 'weekday 1')";
    case KH_GROUP_MONTH: *name = "month"; return "substr(e.date, 1, 7)";
    case KH_GROUP_YEAR: *name = "year"; return "substr(e.date, 1, 4)";
    case KH_GROUP_COUNTRY: *name = "country"; return "e.source_country";
    case KH_GROUP_DYAD:
        *name = "dyad";
        return "ifnull(e.source_country, '-') || '>' || ifnull(e.target_country, '-')";
    case KH_GROUP_ROOT: *name = "root"; return "e.root";
    case KH_GROUP_QUAD: *name = "quad"; return "e.quad";
    default: *name = NULL; return NULL;
    }
}

/* What one record is, under each de-duplication (as export.c groups). */
static const char *const k_count[] = {
    "count(*)",
    "count(DISTINCT ifnull(s.date, '') || '|' || s.text_hash || '|' || e.n)",
    ("count(DISTINCT ifnull(e.date, '') || '|' || ifnull(e.source, '') || '|' ||"
     " ifnull(e.target, '') || '|' || e.code)")};

static void put_cell(kh_buf *b, kh_query_out out, const char *name, const char *v, int first,
                     int width)
{
    switch (out) {
    case KH_OUT_CSV:
        if (!first)
            kh__buf_putc(b, ',');
        if (v && strpbrk(v, ",\"\n")) {
            kh__buf_putc(b, '"');
            for (const char *p = v; *p; p++) {
                if (*p == '"')
                    kh__buf_putc(b, '"');
                kh__buf_putc(b, *p);
            }
            kh__buf_putc(b, '"');
        } else if (v) {
            kh__buf_puts(b, v);
        }
        break;
    case KH_OUT_JSON:
        kh__buf_puts(b, first ? "{\"" : ",\"");
        kh__buf_puts(b, name);
        kh__buf_puts(b, "\":");
        if (!v) {
            kh__buf_puts(b, "null");
        } else if (strcmp(name, "events") == 0 || strcmp(name, "quad") == 0) {
            kh__buf_puts(b, v);
        } else {
            kh__buf_putc(b, '"');
            kh__buf_json_str(b, v, strlen(v));
            kh__buf_putc(b, '"');
        }
        break;
    default:
        kh__buf_printf(b, "%s%-*s", first ? "" : "  ", strcmp(name, "events") ? width : 0,
                       v ? v : "-");
        break;
    }
}

kh_status kh_store_query(kh_store *s, const kh_query *q, FILE *out, kh_diag *diag)
{
    kh_buf sql = KH_BUF_INIT, b = KH_BUF_INIT;
    const char *names[3] = {NULL, NULL, NULL};
    int ng = 0;
    kh__buf_puts(&sql, "SELECT ");
    for (int i = 0; i < 2; i++) {
        const char *ex = group_expr(q->group[i], &names[ng]);
        if (ex) {
            kh__buf_printf(&sql, "%s, ", ex);
            ng++;
        }
    }
    names[ng] = "events";
    kh__buf_printf(&sql, "%s FROM events e JOIN stories s ON s.id = e.story WHERE 1",
                   k_count[q->dedup]);
    /* each filter binds its own parameter number, so absent ones leave no gap to fill */
    if (q->from)
        kh__buf_puts(&sql, " AND e.date >= ?1");
    if (q->to)
        kh__buf_puts(&sql, " AND e.date <= ?2");
    if (q->countries)
        kh__buf_puts(&sql, " AND (instr(',' || ?3 || ',', ',' || e.source_country || ',') > 0"
                           " OR instr(',' || ?3 || ',', ',' || e.target_country || ',') > 0)");
    if (q->source)
        kh__buf_puts(&sql, " AND substr(e.source, 1, length(?4)) = ?4");
    if (q->target)
        kh__buf_puts(&sql, " AND substr(e.target, 1, length(?5)) = ?5");
    if (q->roots)
        kh__buf_puts(&sql, " AND instr(',' || ?6 || ',', ',' || e.root || ',') > 0");
    if (q->quads)
        kh__buf_puts(&sql, " AND instr(',' || ?7 || ',', ',' || e.quad || ',') > 0");
    if (ng) {
        kh__buf_puts(&sql, " GROUP BY ");
        for (int i = 0; i < ng; i++)
            kh__buf_printf(&sql, "%s%d", i ? ", " : "", i + 1);
        kh__buf_puts(&sql, " ORDER BY ");
        for (int i = 0; i < ng; i++)
            kh__buf_printf(&sql, "%s%d", i ? ", " : "", i + 1);
    }
    if (q->limit > 0)
        kh__buf_printf(&sql, " LIMIT %ld", q->limit);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql.ptr, -1, &st, NULL);
    kh__buf_free(&sql);
    if (rc != SQLITE_OK)
        return kh__store_fail(s->db, KH_STORE, "querying events", diag);
    const char *binds[7] = {q->from, q->to, q->countries, q->source, q->target, q->roots,
                            q->quads};
    for (int i = 0; i < 7; i++)
        if (binds[i])
            sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_STATIC);
    int width[3] = {ng > 0 && q->group[0] == KH_GROUP_DYAD ? 9 : 10, 9, 8};
    if (q->out == KH_OUT_JSON)
        fputs("[\n", out);
    else {
        for (int i = 0; i <= ng; i++)
            put_cell(&b, q->out == KH_OUT_CSV ? KH_OUT_CSV : KH_OUT_TABLE, names[i], names[i],
                     i == 0, width[i]);
        kh__buf_putc(&b, '\n');
    }
    long rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (q->out == KH_OUT_JSON && rows)
            kh__buf_puts(&b, ",\n");
        for (int i = 0; i <= ng; i++)
            put_cell(&b, q->out, names[i], (const char *)sqlite3_column_text(st, i), i == 0,
                     width[i]);
        if (q->out == KH_OUT_JSON)
            kh__buf_putc(&b, '}');
        else
            kh__buf_putc(&b, '\n');
        rows++;
        if (b.len > 1 << 16) {
            fwrite(b.ptr, 1, b.len, out);
            kh__buf_clear(&b);
        }
    }
    if (q->out == KH_OUT_JSON)
        kh__buf_puts(&b, rows ? "\n]\n" : "]\n");
    fwrite(b.ptr, 1, b.len, out);
    kh__buf_free(&b);
    kh_status ret = KH_OK;
    if (rc != SQLITE_DONE)
        ret = kh__store_fail(s->db, KH_STORE, "querying events", diag);
    sqlite3_finalize(st);
    return ret;
}
