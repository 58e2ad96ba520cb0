/* store.h - the SQLite file (SPEC 5). No sqlite3 type leaves src/store*.c. */
#ifndef HARK_STORE_H
#define HARK_STORE_H

#include <stdint.h>
#include "hark/mention.h"

struct store;

/* Open (creating if needed) and migrate to the current schema. */
int store_open(struct store **out, const char *path, char *err);
void store_close(struct store *st);
int store_schema_version(struct store *st);

int store_begin(struct store *st, char *err);
int store_commit(struct store *st, char *err);
void store_rollback(struct store *st);

struct source_state {
	char *name;
	char *adapter;
	int64_t last_poll, last_success, next_due; /* 0 = never */
	int failures;      /* consecutive */
	int64_t backoff;   /* current extra delay, seconds */
	char *last_error;
	char *etag, *last_modified, *cursor;
	int64_t polls;     /* successful polls */
	int64_t items;     /* mentions stored */
	char *fingerprint; /* adapter and parameters the state belongs to */
};

/* 0 found, 1 not found (out zeroed with name set), -1 error. */
int store_source_get(struct store *st, const char *name, struct source_state *out, char *err);
int store_source_put(struct store *st, const struct source_state *s, char *err);
void source_state_free(struct source_state *s);

struct stored_mention {
	int64_t rowid;
	const char *source, *brand, *adapter;
	struct mention m;
	int64_t fetched_at;
	double sentiment, neg, neu, pos;
	const char *label;
};

/* SPEC 7's object plus source, brand, adapter, fetched_at, sentiment and
 * label, as `export --format jsonl` writes it; caller frees, NULL on OOM. */
char *stored_mention_to_json(const struct stored_mention *sm);

/* 1 inserted (rowid set), 0 already stored, -1 error. */
int store_mention_insert(struct store *st, struct stored_mention *sm, char *err);
/* 1 stored, 0 not, -1 error. */
int store_mention_exists(struct store *st, const char *source, const char *id);

/* The items a source has returned, stored or not. A source's poll marks
 * every item it saw (in the source's transaction); paging stops at a seen
 * item, and a seen item that was not stored then (a baseline, or one that
 * did not name the brand) is not stored later as new. Marks not renewed
 * for a long time are pruned: the item has left the source's pages. */
int store_seen_mark(struct store *st, const char *source, const char *id, int64_t now, char *err);
int store_seen(struct store *st, const char *source, const char *id); /* 1, 0, -1 */
int store_seen_prune_source(struct store *st, const char *source, int64_t before, char *err);

struct mention_filter {
	const char *brand, *source, *label;
	int64_t since, until; /* HARK_TIME_NONE = open; compared with published_at, else fetched_at */
};

/* Calls cb for each matching mention, oldest first; a non-zero return from
 * cb stops the walk and is returned. */
typedef int (*store_mention_cb)(void *ctx, const struct stored_mention *sm);
int store_mentions_each(struct store *st, const struct mention_filter *f,
                        store_mention_cb cb, void *ctx, char *err);

/* One row per mention for reports: time (published, else fetched), brand,
 * source, sentiment, label, rating (0 = none) and how many alerts it raised. */
struct report_row {
	int64_t t;
	const char *brand, *source, *label;
	double sentiment;
	int rating;
	int alerts;
};
typedef int (*store_report_cb)(void *ctx, const struct report_row *r);
int store_report_each(struct store *st, const struct mention_filter *f,
                      store_report_cb cb, void *ctx, char *err);

#endif
