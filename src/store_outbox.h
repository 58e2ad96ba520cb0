/* store_outbox.h - the alert outbox and alert rule state in SQLite
 * (src/store_outbox.c). Used by src/alerts.c only. */
#ifndef HARK_STORE_OUTBOX_H
#define HARK_STORE_OUTBOX_H

#include <stdint.h>
#include <stddef.h>

struct store;
struct stored_mention;

struct outbox_row {
	int64_t id;
	char *alert, *kind, *payload, *state, *last_error;
	char *source, *external_id; /* of the mention, NULL when none */
	int64_t mention_id;         /* 0 = none */
	int attempts;
	int64_t next_attempt, created_at, sent_at;
	int64_t batch;              /* 0 = not part of a digest batch */
	int held, urgent;
};

struct outbox_rows {
	struct outbox_row *items;
	size_t n, cap;
};

void outbox_rows_free(struct outbox_rows *r);

/* 1 queued, 0 already queued for this rule and mention, -1 error. */
int outbox_add(struct store *st, const char *alert, int64_t mention_id, const char *kind,
               const char *payload, int urgent, int64_t next_attempt, int64_t now, char *err);
/* Rows waiting (pending or failed) whose time has come, oldest first. */
int outbox_due(struct store *st, int64_t now, struct outbox_rows *out, char *err);
/* Failed rows of a rule still backing off (not those a receiver asked to
 * wait: their error starts with "rate limited"). */
int outbox_waiting(struct store *st, const char *alert, int64_t now, struct outbox_rows *out, char *err);
/* state NULL: every row not sent; "all": every row. */
int outbox_select(struct store *st, const char *state, struct outbox_rows *out, char *err);

/* Each applies to one row (batch 0) or to every row of a batch. */
int outbox_hold(struct store *st, int64_t id, int64_t batch, int64_t until, char *err);
int outbox_set_batch(struct store *st, int64_t id, int64_t batch, char *err);
int outbox_mark_sent(struct store *st, int64_t id, int64_t batch, int64_t now, char *err);
int outbox_mark_failed(struct store *st, int64_t id, int64_t batch, int attempts,
                       int64_t next_attempt, const char *error, char *err);
int outbox_mark_dead(struct store *st, int64_t id, int64_t batch, int attempts,
                     const char *error, char *err);
/* Requeue a row (and its batch) that is not sent: 1 done, 0 no such row
 * or already sent, -1 error. */
int outbox_retry(struct store *st, int64_t id, char *err);
/* Sent rows of a rule (for the report's alerts column and tests). */
long outbox_count(struct store *st, const char *alert, const char *state);

/* Small per-rule state (spike arming, source health): 0 found (*value
 * malloc'ed), 1 none, -1 error. */
int alert_state_get(struct store *st, const char *alert, const char *key, char **value, char *err);
int alert_state_set(struct store *st, const char *alert, const char *key, const char *value,
                    int64_t now, char *err);

/* Negative mentions of a brand (compound <= threshold or 1 <= rating <=
 * max_rating) published (else fetched) in (since, until]. */
typedef int (*negative_time_cb)(void *ctx, int64_t t, const char *source);
int outbox_negative_times(struct store *st, const char *brand, double threshold, int max_rating,
                          int64_t since, int64_t until, negative_time_cb cb, void *ctx, char *err);
/* The same mentions, worst first, at most limit. */
typedef int (*negative_mention_cb)(void *ctx, const struct stored_mention *sm);
int outbox_negative_worst(struct store *st, const char *brand, double threshold, int max_rating,
                          int64_t since, int64_t until, int limit, negative_mention_cb cb,
                          void *ctx, char *err);

#endif
