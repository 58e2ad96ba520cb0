/* poller.h - one `hark poll`: due sources, fetch, parse, match, score, store. */
#ifndef HARK_POLLER_H
#define HARK_POLLER_H

#include <stdint.h>

struct config;
struct store;
struct sentiment;
struct alerts;

struct poll_options {
	const char **only; size_t nonly; /* --source NAME..., empty = all due */
	int all;         /* --all: ignore schedule */
	int dry_run;     /* fetch and parse, store nothing */
	int no_alerts;   /* store, queue nothing */
	int verbose;
	int64_t now;
};

struct poll_stats {
	int sources_polled, sources_failed;
	long mentions_new, mentions_seen;
};

/* Returns 0 when every polled source succeeded, 1 when some failed (each
 * reported on stderr), -1 on a fatal error (database). */
int poll_run(const struct config *cfg, struct store *st, const struct sentiment *sent,
             struct alerts *al, const struct poll_options *o, struct poll_stats *stats);

#endif
