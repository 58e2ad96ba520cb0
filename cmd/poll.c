/* poll.c - `hark poll`, the cron entry point. One poll at a time per
 * database: a second one exits 75 at once (quietly unless -v). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "hark/poller.h"

int cmd_poll(struct hark_ctx *ctx, int argc, char **argv)
{
	struct poll_options o;
	struct poll_stats stats;
	const char **only;
	int i, rc, fd = -1;

	memset(&o, 0, sizeof(o));
	only = calloc((size_t)argc, sizeof(*only));
	if (!only)
		return EXIT_PARTIAL;
	o.only = only;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--source") && i + 1 < argc) {
			if (!config_source(&ctx->cfg, argv[i + 1])) {
				cmd_error("no [source %s] in %s", argv[i + 1], ctx->config_path);
				free(only);
				return EXIT_USAGE;
			}
			only[o.nonly++] = argv[++i];
		} else if (!strcmp(argv[i], "--all")) {
			o.all = 1;
		} else if (!strcmp(argv[i], "--dry-run")) {
			o.dry_run = 1;
		} else if (!strcmp(argv[i], "--no-alerts")) {
			o.no_alerts = 1;
		} else {
			cmd_error("poll: unexpected argument '%s'", argv[i]);
			free(only);
			return cmd_usage("poll");
		}
	}
	o.verbose = ctx->verbose;
	o.now = ctx->now;
	rc = cmd_lock(ctx->cfg.database, ctx->verbose ? "another hark poll is running" : NULL, &fd);
	if (rc) {
		free(only);
		return rc;
	}
	rc = poll_run(&ctx->cfg, ctx->st, ctx->sent, ctx->al, &o, &stats);
	if (ctx->verbose)
		fprintf(stderr, "hark: polled %d source%s (%d failed), %ld new mention%s\n",
		        stats.sources_polled, stats.sources_polled == 1 ? "" : "s",
		        stats.sources_failed, stats.mentions_new, stats.mentions_new == 1 ? "" : "s");
	close(fd);
	free(only);
	if (rc < 0)
		return EXIT_PARTIAL;
	if (cmd_flush_stdout() < 0)
		return EXIT_PARTIAL;
	return rc ? EXIT_PARTIAL : EXIT_OK;
}
