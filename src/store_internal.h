/* store_internal.h - for the store's own modules (store*.c) only: the
 * sqlite3 handle and the migration hook. Nothing outside src/store*.c
 * includes this. */
#ifndef HARK_STORE_INTERNAL_H
#define HARK_STORE_INTERNAL_H

#include <sqlite3.h>

struct store;

sqlite3 *store_db(struct store *st);
/* Prepare once and cache by SQL text; the statement is reset for reuse.
 * Returns NULL (message in err) on failure. Never finalize it yourself. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, char *err);

struct stored_mention;
/* Fill sm from a row whose first 14 columns are: id, source, brand,
 * adapter, external_id, author, title, text, url, rating, lang,
 * published_at, fetched_at, sentiment. Strings point into the row. */
void store_row_mention(sqlite3_stmt *s, struct stored_mention *sm);

#endif
