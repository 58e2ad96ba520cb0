/* store_outbox.c - all SQL of the alert outbox and the alert rules' state.
 * Every state change is one statement, so outside a transaction each one
 * commits on its own: a row is marked sent right after its receiver took
 * it, and a crash in between repeats at most that row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "store_outbox.h"
#include "hark/store.h"
#include "hark/util.h"

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static int db_error(struct store *st, sqlite3_stmt *s, char *err)
{
	errf(err, "database: %s", sqlite3_errmsg(store_db(st)));
	if (s)
		sqlite3_reset(s);
	return -1;
}

/* After the last step (rc is its answer): reset for reuse; anything but
 * SQLITE_DONE is an error. */
static int step_end(struct store *st, sqlite3_stmt *s, int rc, char *err)
{
	if (rc != SQLITE_DONE)
		return db_error(st, s, err);
	sqlite3_reset(s);
	return 0;
}

/* Step a statement that returns no rows. */
static int run(struct store *st, sqlite3_stmt *s, char *err)
{
	return step_end(st, s, sqlite3_step(s), err);
}

/* Out of memory while reading rows (ours or a callback's): stop. */
static int step_oom(sqlite3_stmt *s, char *err)
{
	sqlite3_reset(s);
	errf(err, "out of memory");
	return -1;
}

void outbox_rows_free(struct outbox_rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		struct outbox_row *o = &r->items[i];
		free(o->alert);
		free(o->kind);
		free(o->payload);
		free(o->state);
		free(o->last_error);
		free(o->source);
		free(o->external_id);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

static const char SQL_ADD[] =
	"INSERT INTO outbox (alert, mention_id, kind, payload, urgent, next_attempt, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert, mention_id) DO NOTHING";

int outbox_add(struct store *st, const char *alert, int64_t mention_id, const char *kind,
               const char *payload, int urgent, int64_t next_attempt, int64_t now, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD, err);

	if (!s)
		return -1;
	bind_text(s, 1, alert);
	if (mention_id > 0)
		sqlite3_bind_int64(s, 2, mention_id);
	else
		sqlite3_bind_null(s, 2);
	bind_text(s, 3, kind);
	bind_text(s, 4, payload);
	sqlite3_bind_int(s, 5, urgent);
	sqlite3_bind_int64(s, 6, next_attempt);
	sqlite3_bind_int64(s, 7, now);
	if (run(st, s, err) < 0)
		return -1;
	return sqlite3_changes(store_db(st)) > 0;
}

#define ROW_COLUMNS \
	"o.id, o.alert, o.mention_id, o.kind, o.payload, o.state, o.attempts, o.next_attempt," \
	" o.last_error, o.created_at, o.sent_at, o.batch, o.held, o.urgent, m.source, m.external_id" \
	" FROM outbox o LEFT JOIN mentions m ON m.id = o.mention_id"

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static int read_rows(struct store *st, sqlite3_stmt *s, struct outbox_rows *out, char *err)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct outbox_row *o;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 16;
			struct outbox_row *p = realloc(out->items, cap * sizeof(*p));
			if (!p)
				return step_oom(s, err);
			out->items = p;
			out->cap = cap;
		}
		o = &out->items[out->n++];
		memset(o, 0, sizeof(*o));
		o->id = sqlite3_column_int64(s, 0);
		o->alert = col_dup(s, 1);
		o->mention_id = sqlite3_column_int64(s, 2);
		o->kind = col_dup(s, 3);
		o->payload = col_dup(s, 4);
		o->state = col_dup(s, 5);
		o->attempts = sqlite3_column_int(s, 6);
		o->next_attempt = sqlite3_column_int64(s, 7);
		o->last_error = col_dup(s, 8);
		o->created_at = sqlite3_column_int64(s, 9);
		o->sent_at = sqlite3_column_int64(s, 10);
		o->batch = sqlite3_column_int64(s, 11);
		o->held = sqlite3_column_int(s, 12);
		o->urgent = sqlite3_column_int(s, 13);
		o->source = col_dup(s, 14);
		o->external_id = col_dup(s, 15);
		if (!o->alert || !o->kind || !o->state)
			return step_oom(s, err);
	}
	return step_end(st, s, rc, err);
}

static const char SQL_DUE[] =
	"SELECT " ROW_COLUMNS
	" WHERE o.state IN ('pending', 'failed') AND o.next_attempt <= ? ORDER BY o.id LIMIT 20000";

int outbox_due(struct store *st, int64_t now, struct outbox_rows *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_DUE, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	return read_rows(st, s, out, err);
}

static const char SQL_WAITING[] =
	"SELECT " ROW_COLUMNS
	" WHERE o.alert = ? AND o.state = 'failed' AND o.next_attempt > ?"
	" AND coalesce(o.last_error, '') NOT LIKE 'rate limited%' ORDER BY o.id LIMIT 20000";

int outbox_waiting(struct store *st, const char *alert, int64_t now, struct outbox_rows *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_WAITING, err);

	if (!s)
		return -1;
	bind_text(s, 1, alert);
	sqlite3_bind_int64(s, 2, now);
	return read_rows(st, s, out, err);
}

static const char SQL_SELECT[] =
	"SELECT " ROW_COLUMNS
	" WHERE (?1 = 'all' OR (?1 IS NULL AND o.state != 'sent') OR o.state = ?1) ORDER BY o.id";

int outbox_select(struct store *st, const char *state, struct outbox_rows *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SELECT, err);

	if (!s)
		return -1;
	bind_text(s, 1, state);
	return read_rows(st, s, out, err);
}

/* ?1 = id, ?2 = batch (0 = just the row). */
#define ROW_OR_BATCH " WHERE ((?2 = 0 AND id = ?1) OR (?2 != 0 AND batch = ?2))"

/* One of the ROW_OR_BATCH statements, prepared with ?1 and ?2 bound. */
static sqlite3_stmt *row_or_batch_stmt(struct store *st, const char *sql, int64_t id, int64_t batch, char *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);

	if (s) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, batch);
	}
	return s;
}

static const char SQL_HOLD[] =
	"UPDATE outbox SET held = (batch IS NULL), next_attempt = ?3" ROW_OR_BATCH;

int outbox_hold(struct store *st, int64_t id, int64_t batch, int64_t until, char *err)
{
	sqlite3_stmt *s = row_or_batch_stmt(st, SQL_HOLD, id, batch, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 3, until);
	return run(st, s, err);
}

static const char SQL_SET_BATCH[] = "UPDATE outbox SET batch = ? WHERE id = ?";

int outbox_set_batch(struct store *st, int64_t id, int64_t batch, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SET_BATCH, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_int64(s, 2, id);
	return run(st, s, err);
}

static const char SQL_SENT[] =
	"UPDATE outbox SET state = 'sent', sent_at = ?3, attempts = attempts + 1, held = 0,"
	" last_error = NULL" ROW_OR_BATCH " AND state != 'sent'";

int outbox_mark_sent(struct store *st, int64_t id, int64_t batch, int64_t now, char *err)
{
	sqlite3_stmt *s = row_or_batch_stmt(st, SQL_SENT, id, batch, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 3, now);
	return run(st, s, err);
}

static const char SQL_FAILED[] =
	"UPDATE outbox SET state = 'failed', attempts = ?3, next_attempt = ?4, last_error = ?5"
	ROW_OR_BATCH " AND state != 'sent'";

int outbox_mark_failed(struct store *st, int64_t id, int64_t batch, int attempts,
                       int64_t next_attempt, const char *error, char *err)
{
	sqlite3_stmt *s = row_or_batch_stmt(st, SQL_FAILED, id, batch, err);

	if (!s)
		return -1;
	sqlite3_bind_int(s, 3, attempts);
	sqlite3_bind_int64(s, 4, next_attempt);
	bind_text(s, 5, error);
	return run(st, s, err);
}

static const char SQL_DEAD[] =
	"UPDATE outbox SET state = 'dead', attempts = ?3, last_error = ?4"
	ROW_OR_BATCH " AND state != 'sent'";

int outbox_mark_dead(struct store *st, int64_t id, int64_t batch, int attempts,
                     const char *error, char *err)
{
	sqlite3_stmt *s = row_or_batch_stmt(st, SQL_DEAD, id, batch, err);

	if (!s)
		return -1;
	sqlite3_bind_int(s, 3, attempts);
	bind_text(s, 4, error);
	return run(st, s, err);
}

static const char SQL_RETRY[] =
	"UPDATE outbox SET state = 'pending', attempts = 0, next_attempt = 0, held = 0"
	" WHERE state != 'sent' AND (id = ?1 OR batch = (SELECT batch FROM outbox WHERE id = ?1))";

int outbox_retry(struct store *st, int64_t id, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RETRY, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (run(st, s, err) < 0)
		return -1;
	return sqlite3_changes(store_db(st)) > 0;
}

static const char SQL_COUNT[] =
	"SELECT count(*) FROM outbox WHERE (?1 IS NULL OR alert = ?1) AND (?2 IS NULL OR state = ?2)";

long outbox_count(struct store *st, const char *alert, const char *state)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COUNT, NULL);
	long n = -1;

	if (!s)
		return -1;
	bind_text(s, 1, alert);
	bind_text(s, 2, state);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

static const char SQL_STATE_GET[] = "SELECT value FROM alert_state WHERE alert = ? AND key = ?";

int alert_state_get(struct store *st, const char *alert, const char *key, char **value, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STATE_GET, err);
	int rc;

	*value = NULL;
	if (!s)
		return -1;
	bind_text(s, 1, alert);
	bind_text(s, 2, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = col_dup(s, 0);
		sqlite3_reset(s);
		if (!*value) {
			errf(err, "out of memory");
			return -1;
		}
		return 0;
	}
	if (step_end(st, s, rc, err) < 0)
		return -1;
	return 1;
}

static const char SQL_STATE_SET[] =
	"INSERT INTO alert_state (alert, key, value, updated_at) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (alert, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

int alert_state_set(struct store *st, const char *alert, const char *key, const char *value,
                    int64_t now, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STATE_SET, err);

	if (!s)
		return -1;
	bind_text(s, 1, alert);
	bind_text(s, 2, key);
	bind_text(s, 3, value);
	sqlite3_bind_int64(s, 4, now);
	return run(st, s, err);
}

#define NEGATIVE_WHERE \
	" WHERE brand = ?1 AND (sentiment <= ?2 OR (rating >= 1 AND rating <= ?3))" \
	" AND coalesce(published_at, fetched_at) > ?4 AND coalesce(published_at, fetched_at) <= ?5"

/* A NEGATIVE_WHERE statement, prepared with ?1 to ?5 bound. */
static sqlite3_stmt *negative_stmt(struct store *st, const char *sql, const char *brand, double threshold,
                                   int max_rating, int64_t since, int64_t until, char *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);

	if (s) {
		bind_text(s, 1, brand);
		sqlite3_bind_double(s, 2, threshold);
		sqlite3_bind_int(s, 3, max_rating);
		sqlite3_bind_int64(s, 4, since);
		sqlite3_bind_int64(s, 5, until);
	}
	return s;
}

static const char SQL_NEG_TIMES[] =
	"SELECT coalesce(published_at, fetched_at), source FROM mentions" NEGATIVE_WHERE;

int outbox_negative_times(struct store *st, const char *brand, double threshold, int max_rating,
                          int64_t since, int64_t until, negative_time_cb cb, void *ctx, char *err)
{
	sqlite3_stmt *s = negative_stmt(st, SQL_NEG_TIMES, brand, threshold, max_rating, since, until, err);
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cb(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1)) != 0)
			return step_oom(s, err);
	}
	return step_end(st, s, rc, err);
}

static const char SQL_NEG_WORST[] =
	"SELECT id, source, brand, adapter, external_id, author, title, text, url, rating, lang,"
	" published_at, fetched_at, sentiment, label FROM mentions" NEGATIVE_WHERE
	" ORDER BY sentiment, coalesce(rating, 9), id LIMIT ?6";

int outbox_negative_worst(struct store *st, const char *brand, double threshold, int max_rating,
                          int64_t since, int64_t until, int limit, negative_mention_cb cb,
                          void *ctx, char *err)
{
	sqlite3_stmt *s = negative_stmt(st, SQL_NEG_WORST, brand, threshold, max_rating, since, until, err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 6, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct stored_mention sm;
		store_row_mention(s, &sm);
		sm.label = (const char *)sqlite3_column_text(s, 14);
		if (cb(ctx, &sm) != 0)
			return step_oom(s, err);
	}
	return step_end(st, s, rc, err);
}
