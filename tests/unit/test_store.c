/* test_store.c - the SQLite file: migrations, uniqueness, sources' state,
 * filters, and rollback leaving nothing behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "hark/store.h"
#include "hark/util.h"

static int count_cb(void *ctx, const struct stored_mention *sm)
{
	(void)sm;
	(*(int *)ctx)++;
	return 0;
}

static int count(struct store *st, const struct mention_filter *f)
{
	int n = 0;
	char err[HARK_ERR_MAX];

	if (store_mentions_each(st, f, count_cb, &n, err) < 0)
		return -1;
	return n;
}

static struct stored_mention make(const char *source, const char *id, const char *label, int64_t t)
{
	struct stored_mention sm;

	memset(&sm, 0, sizeof(sm));
	sm.source = source;
	sm.brand = "acme";
	sm.adapter = "rss";
	sm.m.id = (char *)id;
	sm.m.text = "text";
	sm.m.published_at = t;
	sm.fetched_at = 2000000000;
	sm.label = label;
	sm.sentiment = !strcmp(label, "negative") ? -0.6 : 0.0;
	return sm;
}

int main(void)
{
	char dir[] = "/tmp/hark-test-store-XXXXXX", path[256], err[HARK_ERR_MAX];
	struct store *st;
	struct stored_mention sm;
	struct source_state s, got;
	struct mention_filter all = {NULL, NULL, NULL, HARK_TIME_NONE, HARK_TIME_NONE};
	struct mention_filter f;
	int v;

	mkdtemp(dir);
	snprintf(path, sizeof(path), "%s/hark.db", dir);
	T_INT(store_open(&st, path, err), 0, "open creates the database");
	v = store_schema_version(st);
	T_OK(v >= 1, "schema version %d recorded in user_version", v);
	store_close(st);
	T_INT(store_open(&st, path, err), 0, "reopen (migration is idempotent)");
	T_INT(store_schema_version(st), v, "same version after reopen");

	T_INT(store_begin(st, err), 0, "begin");
	sm = make("feed", "a", "negative", 1000);
	T_INT(store_mention_insert(st, &sm, err), 1, "insert new mention");
	T_OK(sm.rowid > 0, "rowid set");
	sm = make("feed", "a", "negative", 1000);
	T_INT(store_mention_insert(st, &sm, err), 0, "same source + id is stored once");
	sm = make("other", "a", "positive", 2000);
	T_INT(store_mention_insert(st, &sm, err), 1, "same id from another source is another mention");
	sm = make("feed", "b", "neutral", HARK_TIME_NONE);
	T_INT(store_mention_insert(st, &sm, err), 1, "mention without a date");
	T_INT(store_commit(st, err), 0, "commit");

	T_INT(store_mention_exists(st, "feed", "a"), 1, "exists");
	T_INT(store_mention_exists(st, "feed", "zzz"), 0, "does not exist");
	T_INT(count(st, &all), 3, "three mentions");
	f = all;
	f.source = "feed";
	T_INT(count(st, &f), 2, "--source filter");
	f = all;
	f.label = "negative";
	T_INT(count(st, &f), 1, "--label filter");
	f = all;
	f.since = 1500;
	T_INT(count(st, &f), 2, "--since uses published_at, else fetched_at");
	f = all;
	f.until = 1500;
	T_INT(count(st, &f), 1, "--until");

	T_INT(store_begin(st, err), 0, "begin");
	sm = make("feed", "rolled-back", "negative", 1000);
	store_mention_insert(st, &sm, err);
	store_rollback(st);
	T_INT(store_mention_exists(st, "feed", "rolled-back"), 0, "rollback leaves nothing");

	T_INT(store_seen(st, "feed", "never"), 0, "an unknown item is not seen");
	T_INT(store_seen_mark(st, "feed", "never", 5000, err), 0, "mark seen");
	T_INT(store_seen(st, "feed", "never"), 1, "now seen");
	T_INT(store_seen_prune_source(st, "other", 6000, err), 0, "prune another source");
	T_INT(store_seen(st, "feed", "never"), 1, "pruning is per source");
	T_INT(store_seen_prune_source(st, "feed", 6000, err), 0, "prune old marks");
	T_INT(store_seen(st, "feed", "never"), 0, "old marks are gone");

	T_INT(store_source_get(st, "feed", &got, err), 1, "unknown source is 'not found'");
	source_state_free(&got);
	memset(&s, 0, sizeof(s));
	s.name = "feed";
	s.adapter = "rss";
	s.last_poll = 10;
	s.next_due = 20;
	s.failures = 2;
	s.etag = "\"abc\"";
	s.cursor = "t3_xyz";
	s.items = 7;
	T_INT(store_source_put(st, &s, err), 0, "put source state");
	s.failures = 3;
	T_INT(store_source_put(st, &s, err), 0, "update source state");
	T_INT(store_source_get(st, "feed", &got, err), 0, "get source state");
	T_INT(got.failures, 3, "failures updated");
	T_STR(got.etag, "\"abc\"", "etag kept");
	T_STR(got.cursor, "t3_xyz", "cursor kept");
	T_INT(got.items, 7, "items kept");
	T_OK(got.last_modified == NULL, "NULL stays NULL");
	source_state_free(&got);
	store_close(st);

	{
		FILE *fp;
		snprintf(path, sizeof(path), "%s/notadb", dir);
		fp = fopen(path, "w");
		fputs("this is not a database, just text that is long enough to be noticed\n", fp);
		fclose(fp);
		T_INT(store_open(&st, path, err), -1, "a file that is not a database is an error");
		T_OK(strstr(err, "notadb") != NULL, "naming the file (%s)", err);
	}
	T_DONE();
}
