/* alerts.c - `hark alerts list|send|retry|test`: the alert outbox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "hark/alerts.h"
#include "hark/htime.h"

static void field(const char *s)
{
	/* TSV: no tabs or newlines inside a field */
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int print_row(void *ctx, const struct alert_row *r)
{
	char a[32], b[32];

	(void)ctx;
	printf("%lld\t%s\t%s\t%s\t%d\t%s\t%s\t", (long long)r->id, r->state, r->alert, r->kind, r->attempts,
	       time_format_rfc3339(r->created_at, a),
	       !strcmp(r->state, "sent") ? (r->sent_at ? time_format_rfc3339(r->sent_at, b) : "-") :
	       !strcmp(r->state, "dead") ? "-" : r->next_attempt ? time_format_rfc3339(r->next_attempt, b) : "now");
	if (r->source) {
		field(r->source);
		if (r->external_id) {
			putchar('/');
			field(r->external_id);
		}
	} else {
		putchar('-');
	}
	putchar('\t');
	field(r->last_error ? r->last_error : "");
	putchar('\n');
	return ferror(stdout) ? -1 : 0;
}

static int alerts_list_cmd(struct hark_ctx *ctx, int argc, char **argv)
{
	const char *state = NULL;
	char err[HARK_ERR_MAX];
	int i;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--pending"))
			state = "pending";
		else if (!strcmp(argv[i], "--failed"))
			state = "failed";
		else if (!strcmp(argv[i], "--dead"))
			state = "dead";
		else if (!strcmp(argv[i], "--sent"))
			state = "sent";
		else if (!strcmp(argv[i], "--all"))
			state = "all";
		else
			return cmd_usage("alerts");
	}
	printf("id\tstate\talert\tkind\tattempts\tcreated\tnext_or_sent\tmention\tlast_error\n");
	if (alerts_list(ctx->al, state, print_row, NULL, err) < 0) {
		cmd_error("%s", err);
		return EXIT_PARTIAL;
	}
	return cmd_flush_stdout() < 0 ? EXIT_PARTIAL : EXIT_OK;
}

int cmd_alerts(struct hark_ctx *ctx, int argc, char **argv)
{
	char err[HARK_ERR_MAX];
	int rc, fd = -1;

	if (argc < 2)
		return cmd_usage("alerts");
	if (!strcmp(argv[1], "list"))
		return alerts_list_cmd(ctx, argc, argv);
	if (!strcmp(argv[1], "send")) {
		if (argc != 2)
			return cmd_usage("alerts");
		/* The poll lock: `alerts send` and `poll` never deliver side by side. */
		rc = cmd_lock(ctx->cfg.database, "a hark poll is running; it delivers the alerts itself", &fd);
		if (rc)
			return rc;
		rc = alerts_deliver(ctx->al, ctx->now);
		close(fd);
		return rc == 0 ? EXIT_OK : EXIT_PARTIAL;
	}
	if (!strcmp(argv[1], "retry")) {
		char *end;
		long long id;
		if (argc != 3)
			return cmd_usage("alerts");
		id = strtoll(argv[2], &end, 10);
		if (*end || id <= 0)
			return cmd_usage("alerts");
		rc = alerts_retry(ctx->al, id, err);
		if (rc < 0) {
			cmd_error("%s", err);
			return EXIT_PARTIAL;
		}
		if (rc == 0) {
			cmd_error("no unsent outbox row %lld", id);
			return EXIT_PARTIAL;
		}
		if (ctx->verbose)
			fprintf(stderr, "hark: outbox row %lld queued again; the next poll or `hark alerts send` delivers it\n", id);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "test")) {
		if (argc != 3)
			return cmd_usage("alerts");
		if (alerts_test(ctx->al, argv[2], ctx->now, err) < 0) {
			cmd_error("alert %s: %s", argv[2], err);
			return EXIT_PARTIAL;
		}
		if (!ctx->quiet)
			printf("alert %s: test message delivered\n", argv[2]);
		return cmd_flush_stdout() < 0 ? EXIT_PARTIAL : EXIT_OK;
	}
	return cmd_usage("alerts");
}
