/* alerts.h - alert rules, the durable outbox and delivery (SPEC 9). */
#ifndef HARK_ALERTS_H
#define HARK_ALERTS_H

#include <stdint.h>
#include "hark/util.h"

struct config;
struct cfg_alert;
struct store;
struct sentiment;
struct stored_mention;

/* Validate one [alert NAME] section; append "FILE:LINE: message\n" lines to
 * errors; return how many errors were found. */
int alert_config_check(const struct cfg_alert *a, const char *file, struct buf *errors);

struct alerts;

int alerts_open(struct alerts **out, const struct config *cfg, struct store *st,
                const struct sentiment *sent, char *err);
void alerts_close(struct alerts *al);

/* Called by the poller inside the source's transaction for each newly stored
 * mention; queues outbox rows for the rules it matches. baseline is 1 on
 * the first poll of a new source. */
int alerts_enqueue_mention(struct alerts *al, const struct stored_mention *sm,
                           int baseline, char *err);

/* Called inside the source's transaction after each poll (source health
 * and spike rules). */
int alerts_source_polled(struct alerts *al, const char *source, int ok,
                         int consecutive_failures, const char *error, char *err);

/* Deliver what is due. Returns the number of deliveries that failed this
 * time (0 = all fine), -1 on a store error. Messages go to stderr. */
int alerts_deliver(struct alerts *al, int64_t now);

/* One outbox row for `hark alerts list`. */
struct alert_row {
	int64_t id;
	const char *alert, *kind, *state, *last_error;
	const char *source, *external_id; /* the mention's; NULL when none */
	int attempts;
	int64_t next_attempt, created_at, sent_at;
};
typedef int (*alert_row_cb)(void *ctx, const struct alert_row *r);
/* state: pending, failed, dead, sent, all, or NULL for every row not sent. */
int alerts_list(struct alerts *al, const char *state, alert_row_cb cb, void *ctx, char *err);
/* Queue a failed or dead row (and its digest) again: 1 done, 0 no such
 * unsent row, -1 error. */
int alerts_retry(struct alerts *al, int64_t id, char *err);
/* Send a test message through rule name now, outside the outbox. */
int alerts_test(struct alerts *al, const char *name, int64_t now, char *err);

#endif
