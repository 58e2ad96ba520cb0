/* store.c - the SQLite file: schema, migrations, sources' state, mentions.
 * WAL mode, foreign keys on, schema version in PRAGMA user_version,
 * migrations forward-only, prepared statements only. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/store.h"
#include "hark/util.h"
#include "store_internal.h"

/* Forward-only migrations: element i takes the schema from version i to
 * i + 1. Append; never edit an element that has shipped. */
static const char *const migrations[] = {
	/* 1: base schema */
	"CREATE TABLE sources ("
	"  name TEXT PRIMARY KEY,"
	"  adapter TEXT,"
	"  last_poll INTEGER NOT NULL DEFAULT 0,"
	"  last_success INTEGER NOT NULL DEFAULT 0,"
	"  next_due INTEGER NOT NULL DEFAULT 0,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  backoff INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  cursor TEXT,"
	"  polls INTEGER NOT NULL DEFAULT 0,"
	"  items INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE mentions ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  external_id TEXT NOT NULL,"
	"  brand TEXT,"
	"  adapter TEXT,"
	"  author TEXT,"
	"  title TEXT,"
	"  text TEXT,"
	"  url TEXT,"
	"  rating INTEGER,"
	"  lang TEXT,"
	"  published_at INTEGER,"
	"  fetched_at INTEGER NOT NULL,"
	"  sentiment REAL,"
	"  neg REAL, neu REAL, pos REAL,"
	"  label TEXT,"
	"  UNIQUE (source, external_id));"
	"CREATE INDEX mentions_brand_time ON mentions (brand, published_at);"
	"CREATE INDEX mentions_fetched ON mentions (fetched_at);"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  alert TEXT NOT NULL,"
	"  mention_id INTEGER REFERENCES mentions (id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL DEFAULT 'mention',"
	"  payload TEXT,"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'dead')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  UNIQUE (alert, mention_id));"
	"CREATE INDEX outbox_due ON outbox (state, next_attempt);",
	/* 2: alerts: digest batches, quiet-hour holds, urgency, rule state */
	"ALTER TABLE outbox ADD COLUMN batch INTEGER;"
	"ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX outbox_batch ON outbox (batch);"
	"CREATE TABLE alert_state ("
	"  alert TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  value TEXT,"
	"  updated_at INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (alert, key));",
	/* 3: what a source's state belongs to (adapter and parameters) */
	"ALTER TABLE sources ADD COLUMN fingerprint TEXT;",
	/* 4: every item a source returned, stored or not (baselines, items
	 * that do not name the brand), so that paging stops at them and a
	 * baseline is not stored later as new */
	"CREATE TABLE seen ("
	"  source TEXT NOT NULL,"
	"  external_id TEXT NOT NULL,"
	"  seen_at INTEGER NOT NULL,"
	"  PRIMARY KEY (source, external_id)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO seen (source, external_id, seen_at)"
	"  SELECT source, external_id, fetched_at FROM mentions;",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

struct stmt_cache {
	const char *sql; /* compared by pointer first, then by text */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	struct stmt_cache *stmts;
	size_t nstmts;
	int in_tx;
};

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql, char *err)
{
	struct stmt_cache *nc;
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < st->nstmts; i++) {
		if (st->stmts[i].sql == sql || strcmp(st->stmts[i].sql, sql) == 0) {
			sqlite3_reset(st->stmts[i].stmt);
			sqlite3_clear_bindings(st->stmts[i].stmt);
			return st->stmts[i].stmt;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		errf(err, "database: %s", sqlite3_errmsg(st->db));
		return NULL;
	}
	nc = realloc(st->stmts, (st->nstmts + 1) * sizeof(*nc));
	if (!nc) {
		sqlite3_finalize(s);
		errf(err, "out of memory");
		return NULL;
	}
	st->stmts = nc;
	st->stmts[st->nstmts].sql = sql;
	st->stmts[st->nstmts].stmt = s;
	st->nstmts++;
	return s;
}

static int exec(struct store *st, const char *sql, char *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		errf(err, "database: %s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_schema_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int migrate(struct store *st, char *err)
{
	int v = store_schema_version(st);
	char pragma[64];

	if (v < 0) {
		errf(err, "database: cannot read schema version: %s", sqlite3_errmsg(st->db));
		return -1;
	}
	if (v > NMIGRATIONS) {
		errf(err, "database schema version %d is newer than this hark knows (%d); upgrade hark", v, NMIGRATIONS);
		return -1;
	}
	for (; v < NMIGRATIONS; v++) {
		if (exec(st, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if (exec(st, migrations[v], err) < 0 || exec(st, pragma, err) < 0) {
			exec(st, "ROLLBACK", NULL);
			return -1;
		}
		if (exec(st, "COMMIT", err) < 0)
			return -1;
	}
	return 0;
}

int store_open(struct store **out, const char *path, char *err)
{
	struct store *st = calloc(1, sizeof(*st));

	*out = NULL;
	if (!st) {
		errf(err, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		errf(err, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 10000);
	if (exec(st, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", err) < 0 ||
	    migrate(st, err) < 0) {
		char msg[HARK_ERR_MAX];
		snprintf(msg, sizeof(msg), "%s: %s", path, err);
		errf(err, "%s", msg);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	free(st->stmts);
	sqlite3_close(st->db);
	free(st);
}

int store_begin(struct store *st, char *err)
{
	if (exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	st->in_tx = 1;
	return 0;
}

int store_commit(struct store *st, char *err)
{
	if (exec(st, "COMMIT", err) < 0) {
		store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	return 0;
}

void store_rollback(struct store *st)
{
	if (st->in_tx)
		exec(st, "ROLLBACK", NULL);
	st->in_tx = 0;
}

static char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? strdup((const char *)t) : NULL;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Run a statement that returns no rows, and reset it for reuse. */
static int step_done(struct store *st, sqlite3_stmt *s, char *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE)
		errf(err, "database: %s", sqlite3_errmsg(st->db));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const char SQL_SOURCE_GET[] =
	"SELECT adapter, last_poll, last_success, next_due, failures, backoff, last_error,"
	" etag, last_modified, cursor, polls, items, fingerprint FROM sources WHERE name = ?";

int store_source_get(struct store *st, const char *name, struct source_state *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SOURCE_GET, err);
	int rc;

	memset(out, 0, sizeof(*out));
	out->name = xstrdup(name);
	if (!s || !out->name)
		return -1;
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		errf(err, "database: %s", sqlite3_errmsg(st->db));
		return -1;
	}
	out->adapter = col_text(s, 0);
	out->last_poll = sqlite3_column_int64(s, 1);
	out->last_success = sqlite3_column_int64(s, 2);
	out->next_due = sqlite3_column_int64(s, 3);
	out->failures = sqlite3_column_int(s, 4);
	out->backoff = sqlite3_column_int64(s, 5);
	out->last_error = col_text(s, 6);
	out->etag = col_text(s, 7);
	out->last_modified = col_text(s, 8);
	out->cursor = col_text(s, 9);
	out->polls = sqlite3_column_int64(s, 10);
	out->items = sqlite3_column_int64(s, 11);
	out->fingerprint = col_text(s, 12);
	sqlite3_reset(s);
	return 0;
}

static const char SQL_SOURCE_PUT[] =
	"INSERT INTO sources (name, adapter, last_poll, last_success, next_due, failures, backoff,"
	" last_error, etag, last_modified, cursor, polls, items, fingerprint)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
	" ON CONFLICT (name) DO UPDATE SET adapter = ?2, last_poll = ?3, last_success = ?4,"
	" next_due = ?5, failures = ?6, backoff = ?7, last_error = ?8, etag = ?9,"
	" last_modified = ?10, cursor = ?11, polls = ?12, items = ?13, fingerprint = ?14";

int store_source_put(struct store *st, const struct source_state *src, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SOURCE_PUT, err);

	if (!s)
		return -1;
	bind_text(s, 1, src->name);
	bind_text(s, 2, src->adapter);
	sqlite3_bind_int64(s, 3, src->last_poll);
	sqlite3_bind_int64(s, 4, src->last_success);
	sqlite3_bind_int64(s, 5, src->next_due);
	sqlite3_bind_int(s, 6, src->failures);
	sqlite3_bind_int64(s, 7, src->backoff);
	bind_text(s, 8, src->last_error);
	bind_text(s, 9, src->etag);
	bind_text(s, 10, src->last_modified);
	bind_text(s, 11, src->cursor);
	sqlite3_bind_int64(s, 12, src->polls);
	sqlite3_bind_int64(s, 13, src->items);
	bind_text(s, 14, src->fingerprint);
	return step_done(st, s, err);
}

void source_state_free(struct source_state *s)
{
	free(s->name);
	free(s->adapter);
	free(s->last_error);
	free(s->etag);
	free(s->last_modified);
	free(s->cursor);
	free(s->fingerprint);
	memset(s, 0, sizeof(*s));
}

static const char SQL_MENTION_INSERT[] =
	"INSERT INTO mentions (source, external_id, brand, adapter, author, title, text, url,"
	" rating, lang, published_at, fetched_at, sentiment, neg, neu, pos, label)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	" ON CONFLICT (source, external_id) DO NOTHING";

int store_mention_insert(struct store *st, struct stored_mention *sm, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MENTION_INSERT, err);
	const struct mention *m = &sm->m;

	if (!s)
		return -1;
	bind_text(s, 1, sm->source);
	bind_text(s, 2, m->id);
	bind_text(s, 3, sm->brand);
	bind_text(s, 4, sm->adapter);
	bind_text(s, 5, m->author);
	bind_text(s, 6, m->title);
	bind_text(s, 7, m->text);
	bind_text(s, 8, m->url);
	if (m->rating)
		sqlite3_bind_int(s, 9, m->rating);
	bind_text(s, 10, m->lang[0] ? m->lang : NULL);
	if (m->published_at != HARK_TIME_NONE)
		sqlite3_bind_int64(s, 11, m->published_at);
	sqlite3_bind_int64(s, 12, sm->fetched_at);
	sqlite3_bind_double(s, 13, sm->sentiment);
	sqlite3_bind_double(s, 14, sm->neg);
	sqlite3_bind_double(s, 15, sm->neu);
	sqlite3_bind_double(s, 16, sm->pos);
	bind_text(s, 17, sm->label);
	if (sqlite3_step(s) != SQLITE_DONE) {
		errf(err, "database: %s", sqlite3_errmsg(st->db));
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	if (sqlite3_changes(st->db) == 0)
		return 0;
	sm->rowid = sqlite3_last_insert_rowid(st->db);
	return 1;
}

static const char SQL_MENTION_EXISTS[] =
	"SELECT 1 FROM mentions WHERE source = ? AND external_id = ?";

/* Does sql (binding source and id) find a row? 1, 0, or -1. */
static int row_exists(struct store *st, const char *sql, const char *source, const char *id)
{
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	int rc;

	if (!s)
		return -1;
	bind_text(s, 1, source);
	bind_text(s, 2, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_mention_exists(struct store *st, const char *source, const char *id)
{
	return row_exists(st, SQL_MENTION_EXISTS, source, id);
}

/* The filter of export and report: ?1 brand, ?2 source, ?3 label, ?4 since,
 * ?5 until, all optional. */
#define SQL_FILTER \
	" WHERE (?1 IS NULL OR brand = ?1) AND (?2 IS NULL OR source = ?2)" \
	" AND (?3 IS NULL OR label = ?3)" \
	" AND (?4 IS NULL OR coalesce(published_at, fetched_at) >= ?4)" \
	" AND (?5 IS NULL OR coalesce(published_at, fetched_at) < ?5)"

static void bind_filter(sqlite3_stmt *s, const struct mention_filter *f)
{
	bind_text(s, 1, f->brand);
	bind_text(s, 2, f->source);
	bind_text(s, 3, f->label);
	if (f->since != HARK_TIME_NONE)
		sqlite3_bind_int64(s, 4, f->since);
	if (f->until != HARK_TIME_NONE)
		sqlite3_bind_int64(s, 5, f->until);
}

void store_row_mention(sqlite3_stmt *s, struct stored_mention *sm)
{
	memset(sm, 0, sizeof(*sm));
	sm->rowid = sqlite3_column_int64(s, 0);
	sm->source = (const char *)sqlite3_column_text(s, 1);
	sm->brand = (const char *)sqlite3_column_text(s, 2);
	sm->adapter = (const char *)sqlite3_column_text(s, 3);
	sm->m.id = (char *)sqlite3_column_text(s, 4);
	sm->m.author = (char *)sqlite3_column_text(s, 5);
	sm->m.title = (char *)sqlite3_column_text(s, 6);
	sm->m.text = (char *)sqlite3_column_text(s, 7);
	sm->m.url = (char *)sqlite3_column_text(s, 8);
	sm->m.rating = sqlite3_column_int(s, 9);
	if (sqlite3_column_type(s, 10) != SQLITE_NULL)
		snprintf(sm->m.lang, sizeof(sm->m.lang), "%s", sqlite3_column_text(s, 10));
	sm->m.published_at = sqlite3_column_type(s, 11) == SQLITE_NULL ? HARK_TIME_NONE :
	                     sqlite3_column_int64(s, 11);
	sm->fetched_at = sqlite3_column_int64(s, 12);
	sm->sentiment = sqlite3_column_double(s, 13);
}

static const char SQL_MENTIONS_EACH[] =
	"SELECT id, source, brand, adapter, external_id, author, title, text, url, rating, lang,"
	" published_at, fetched_at, sentiment, neg, neu, pos, label FROM mentions"
	SQL_FILTER
	" ORDER BY coalesce(published_at, fetched_at), id";

/* Walk the rows of sql under filter f, handing each to row(); a non-zero
 * return from row() stops the walk and is returned. Statements here are
 * not cached: the callback may run other statements meanwhile. */
static int each_row(struct store *st, const char *sql, const struct mention_filter *f,
                    int (*row)(sqlite3_stmt *s, void *cb, void *ctx), void *cb, void *ctx, char *err)
{
	sqlite3_stmt *s;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		errf(err, "database: %s", sqlite3_errmsg(st->db));
		return -1;
	}
	bind_filter(s, f);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((stop = row(s, cb, ctx)) != 0)
			break;
	if (!stop && rc != SQLITE_DONE) {
		errf(err, "database: %s", sqlite3_errmsg(st->db));
		stop = -1;
	}
	sqlite3_finalize(s);
	return stop;
}

static int mention_row(sqlite3_stmt *s, void *cb, void *ctx)
{
	struct stored_mention sm;

	store_row_mention(s, &sm);
	sm.neg = sqlite3_column_double(s, 14);
	sm.neu = sqlite3_column_double(s, 15);
	sm.pos = sqlite3_column_double(s, 16);
	sm.label = (const char *)sqlite3_column_text(s, 17);
	return ((store_mention_cb)cb)(ctx, &sm);
}

int store_mentions_each(struct store *st, const struct mention_filter *f,
                        store_mention_cb cb, void *ctx, char *err)
{
	return each_row(st, SQL_MENTIONS_EACH, f, mention_row, (void *)cb, ctx, err);
}

static const char SQL_REPORT_EACH[] =
	"SELECT coalesce(published_at, fetched_at) AS t, brand, source, label, sentiment, rating,"
	" (SELECT count(*) FROM outbox o WHERE o.mention_id = m.id AND o.state != 'dead')"
	" FROM mentions m"
	SQL_FILTER
	" ORDER BY t, id";

static int report_row(sqlite3_stmt *s, void *cb, void *ctx)
{
	struct report_row r;

	r.t = sqlite3_column_int64(s, 0);
	r.brand = (const char *)sqlite3_column_text(s, 1);
	r.source = (const char *)sqlite3_column_text(s, 2);
	r.label = (const char *)sqlite3_column_text(s, 3);
	r.sentiment = sqlite3_column_double(s, 4);
	r.rating = sqlite3_column_int(s, 5);
	r.alerts = sqlite3_column_int(s, 6);
	return ((store_report_cb)cb)(ctx, &r);
}

int store_report_each(struct store *st, const struct mention_filter *f,
                      store_report_cb cb, void *ctx, char *err)
{
	return each_row(st, SQL_REPORT_EACH, f, report_row, (void *)cb, ctx, err);
}

static const char SQL_SEEN_MARK[] =
	"INSERT INTO seen (source, external_id, seen_at) VALUES (?, ?, ?)"
	" ON CONFLICT (source, external_id) DO UPDATE SET seen_at = excluded.seen_at";

int store_seen_mark(struct store *st, const char *source, const char *id, int64_t now, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SEEN_MARK, err);

	if (!s)
		return -1;
	bind_text(s, 1, source);
	bind_text(s, 2, id);
	sqlite3_bind_int64(s, 3, now);
	return step_done(st, s, err);
}

static const char SQL_SEEN_EXISTS[] =
	"SELECT 1 FROM seen WHERE source = ? AND external_id = ?";

int store_seen(struct store *st, const char *source, const char *id)
{
	return row_exists(st, SQL_SEEN_EXISTS, source, id);
}

static const char SQL_SEEN_PRUNE[] = "DELETE FROM seen WHERE source = ? AND seen_at < ?";

int store_seen_prune_source(struct store *st, const char *source, int64_t before, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SEEN_PRUNE, err);

	if (!s)
		return -1;
	bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, before);
	return step_done(st, s, err);
}
