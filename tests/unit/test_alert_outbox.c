/* test_alert_outbox.c - the outbox and alert state SQL on a real SQLite
 * file: once per (rule, mention), due times, batches, sent/failed/dead,
 * retry, rule state, and the negative-mention queries behind spikes. */
#include <unistd.h>

#include "t.h"
#include "store_outbox.h"
#include "hark/store.h"
#include "hark/util.h"

static int64_t add_mention(struct store *st, const char *id, double score, int rating, int64_t t)
{
	struct stored_mention sm;
	char err[HARK_ERR_MAX];

	memset(&sm, 0, sizeof(sm));
	sm.source = "shop";
	sm.brand = "acme";
	sm.adapter = "rss";
	sm.m.id = (char *)id;
	sm.m.text = (char *)"text";
	sm.m.rating = rating;
	sm.m.published_at = t;
	sm.fetched_at = t;
	sm.sentiment = score;
	sm.label = score <= -0.05 ? "negative" : score >= 0.05 ? "positive" : "neutral";
	if (store_mention_insert(st, &sm, err) != 1)
		printf("# insert: %s\n", err);
	return sm.rowid;
}

static int count_cb(void *ctx, int64_t t, const char *source)
{
	(void)t; (void)source;
	(*(int *)ctx)++;
	return 0;
}

static int worst_cb(void *ctx, const struct stored_mention *sm)
{
	char *first = ctx;
	if (!first[0])
		snprintf(first, 32, "%s", sm->m.id);
	return 0;
}

int main(void)
{
	char path[] = "/tmp/hark-outbox-XXXXXX", db[64], err[HARK_ERR_MAX], *v = NULL, worst[32] = "";
	struct outbox_rows rows = {0};
	struct store *st;
	int64_t m1, m2, m3;
	int fd = mkstemp(path), n = 0;

	close(fd);
	unlink(path);
	snprintf(db, sizeof(db), "%s.db", path);
	if (store_open(&st, db, err) < 0) {
		T_OK(0, "store_open: %s", err);
		T_DONE();
	}
	T_OK(store_schema_version(st) >= 2, "schema has the alerts migration");
	m1 = add_mention(st, "a", -0.9, 1, 1000);
	m2 = add_mention(st, "b", -0.3, 0, 2000);
	m3 = add_mention(st, "c", 0.8, 5, 3000);
	T_INT(outbox_add(st, "hook", m1, "mention", "{\"event\":\"mention\"}", 1, 0, 5000, err), 1, "queued");
	T_INT(outbox_add(st, "hook", m1, "mention", "{}", 0, 0, 5000, err), 0, "same rule and mention: not twice");
	T_INT(outbox_add(st, "mail", m1, "mention", "{}", 0, 0, 5000, err), 1, "another rule: queued");
	T_INT(outbox_add(st, "hook", m2, "mention", "{}", 0, 9000, 5000, err), 1, "a digest row due later");
	T_INT(outbox_add(st, "hook", 0, "spike", "{}", 0, 0, 5000, err), 1, "an event without a mention");
	T_INT(outbox_due(st, 5000, &rows, err), 0, "due rows");
	T_INT(rows.n, 3, "three due now, the digest row later");
	T_OK(rows.n == 3 && rows.items[0].urgent == 1 && rows.items[0].mention_id == m1 &&
	     !strcmp(rows.items[0].source, "shop") && !strcmp(rows.items[0].external_id, "a"),
	     "row carries urgency and its mention");
	outbox_rows_free(&rows);

	T_INT(outbox_mark_failed(st, 1, 0, 1, 5030, "HTTP 500", err), 0, "mark failed");
	outbox_due(st, 5010, &rows, err);
	T_INT(rows.n, 2, "a failed row waits for its next attempt");
	outbox_rows_free(&rows);
	outbox_waiting(st, "hook", 5010, &rows, err);
	T_INT(rows.n, 1, "it is listed as waiting");
	outbox_rows_free(&rows);
	outbox_mark_failed(st, 1, 0, 2, 5100, "rate limited (retry after 90s): HTTP 429", err);
	outbox_waiting(st, "hook", 5010, &rows, err);
	T_INT(rows.n, 0, "a rate-limited row is not pulled forward");
	outbox_rows_free(&rows);

	T_INT(outbox_set_batch(st, 2, 2, err), 0, "batch");
	T_INT(outbox_set_batch(st, 3, 2, err), 0, "batch second row");
	T_INT(outbox_mark_sent(st, 0, 2, 5020, err), 0, "mark a batch sent");
	T_INT(outbox_count(st, NULL, "sent"), 2, "both rows of the batch sent");
	T_INT(outbox_mark_dead(st, 4, 0, 3, "HTTP 404", err), 0, "mark dead");
	outbox_select(st, "dead", &rows, err);
	T_OK(rows.n == 1 && rows.items[0].id == 4 && !strcmp(rows.items[0].last_error, "HTTP 404") &&
	     rows.items[0].attempts == 3, "dead row with reason and attempts");
	outbox_rows_free(&rows);
	T_INT(outbox_retry(st, 4, err), 1, "retry a dead row");
	T_INT(outbox_retry(st, 2, err), 0, "a sent row is not retried");
	T_INT(outbox_retry(st, 999, err), 0, "no such row");
	outbox_due(st, 5020, &rows, err);
	T_OK(rows.n == 1 && rows.items[0].id == 4 && !strcmp(rows.items[0].state, "pending") && rows.items[0].attempts == 0,
	     "the retried row is pending again");
	outbox_rows_free(&rows);
	T_INT(outbox_hold(st, 4, 0, 7000, err), 0, "hold");
	outbox_select(st, NULL, &rows, err);
	T_OK(rows.n == 2 && rows.items[1].held == 1 && rows.items[1].next_attempt == 7000, "held until the window ends");
	outbox_rows_free(&rows);

	T_INT(alert_state_get(st, "spikes", "spike:acme", &v, err), 1, "no state yet");
	T_INT(alert_state_set(st, "spikes", "spike:acme", "0 5000", 5000, err), 0, "state set");
	T_INT(alert_state_set(st, "spikes", "spike:acme", "1 5000", 6000, err), 0, "state replaced");
	T_INT(alert_state_get(st, "spikes", "spike:acme", &v, err), 0, "state found");
	T_STR(v, "1 5000", "state value");
	free(v);

	T_INT(outbox_negative_times(st, "acme", -0.5, 2, 0, 10000, count_cb, &n, err), 0, "negative times");
	T_INT(n, 1, "only the mention below -0.5 (or at most 2 stars)");
	n = 0;
	outbox_negative_times(st, "acme", -0.05, 2, 0, 10000, count_cb, &n, err);
	T_INT(n, 2, "with the label threshold both negatives count");
	n = 0;
	outbox_negative_times(st, "acme", -0.05, 2, 1000, 10000, count_cb, &n, err);
	T_INT(n, 1, "the window is (since, until]");
	outbox_negative_worst(st, "acme", -0.05, 2, 0, 10000, 3, worst_cb, worst, err);
	T_STR(worst, "a", "worst first");
	(void)m3;
	store_close(st);
	unlink(db);
	{
		char side[96];
		snprintf(side, sizeof(side), "%s-wal", db);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", db);
		unlink(side);
	}
	T_DONE();
}
