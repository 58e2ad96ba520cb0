/* sources.c - `hark sources`: each configured source and its state. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "hark/adapter.h"
#include "hark/htime.h"
#include "hark/store.h"

static const char *when(int64_t t, char buf[32])
{
	return t ? time_format_rfc3339(t, buf) : "never";
}

int cmd_sources(struct hark_ctx *ctx, int argc, char **argv)
{
	char err[HARK_ERR_MAX], a[32], b[32], c[32];
	size_t i;
	int rc = EXIT_OK;

	(void)argv;
	if (argc != 1)
		return cmd_usage("sources");
	printf("%-20s %-13s %-20s %-20s %-20s %7s  %s\n", "SOURCE", "ADAPTER", "LAST POLL",
	       "LAST SUCCESS", "NEXT DUE", "ITEMS", "LAST ERROR");
	for (i = 0; i < ctx->cfg.nsources; i++) {
		const struct cfg_source *cs = &ctx->cfg.sources[i];
		struct source_state s;
		int got = store_source_get(ctx->st, cs->name, &s, err);
		if (got < 0) {
			cmd_error("%s", err);
			rc = EXIT_PARTIAL;
			source_state_free(&s);
			continue;
		}
		printf("%-20s %-13s %-20s %-20s %-20s %7lld%s%s\n", cs->name, cs->adapter->name,
		       when(s.last_poll, a), when(s.last_success, b),
		       s.next_due > ctx->now ? time_format_rfc3339(s.next_due, c) : "now",
		       (long long)s.items, s.last_error ? "  " : "", s.last_error ? s.last_error : "");
		if (s.failures > 1)
			printf("%-20s %d failures in a row\n", "", s.failures);
		source_state_free(&s);
	}
	if (cmd_flush_stdout() < 0)
		rc = EXIT_PARTIAL;
	return rc;
}
