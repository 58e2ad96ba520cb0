/* parse.c - `hark parse ADAPTER [--param K=V]... [FILE]`: one adapter's
 * parser on a saved body, no network; JSON Lines out (SPEC 7). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hark/adapter.h"

static int read_all(FILE *fp, struct buf *b)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(b, chunk, n) < 0)
			return -1;
	return ferror(fp) ? -1 : 0;
}

int cmd_parse(struct hark_ctx *ctx, int argc, char **argv)
{
	const struct adapter *a;
	struct kvlist params = {0}, headers = {0};
	struct adapter_source src;
	struct adapter_response resp;
	struct adapter_result res;
	struct buf body = {0};
	const char *file = NULL, *ctype = NULL, *cursor = NULL;
	char err[HARK_ERR_MAX] = "";
	FILE *fp;
	size_t i;
	int rc = EXIT_OK;

	if (argc < 2)
		return cmd_usage("parse");
	a = adapter_find(argv[1]);
	if (!a) {
		cmd_error("unknown adapter '%s' (see `hark adapters`)", argv[1]);
		return EXIT_USAGE;
	}
	for (int k = 2; k < argc; k++) {
		if (!strcmp(argv[k], "--param") && k + 1 < argc) {
			char *eq = strchr(argv[++k], '=');
			if (!eq) {
				cmd_error("--param takes KEY=VALUE, got '%s'", argv[k]);
				kvlist_free(&params);
				return EXIT_USAGE;
			}
			*eq = '\0';
			kvlist_set(&params, argv[k], eq + 1, 0);
		} else if (!strcmp(argv[k], "--content-type") && k + 1 < argc) {
			ctype = argv[++k];
		} else if (!strcmp(argv[k], "--cursor") && k + 1 < argc) {
			cursor = argv[++k];
		} else if (!file) {
			file = argv[k];
		} else {
			kvlist_free(&params);
			return cmd_usage("parse");
		}
	}
	if (!a->parse) {
		cmd_error("adapter %s runs a program rather than parsing a body; use `hark poll --dry-run`", a->name);
		kvlist_free(&params);
		return EXIT_USAGE;
	}
	fp = file && strcmp(file, "-") ? fopen(file, "rb") : stdin;
	if (!fp) {
		cmd_error("%s: %s", file, strerror(errno));
		kvlist_free(&params);
		return EXIT_USAGE;
	}
	if (read_all(fp, &body) < 0) {
		cmd_error("%s: read error", file ? file : "stdin");
		rc = EXIT_PARTIAL;
	}
	if (fp != stdin)
		fclose(fp);
	memset(&src, 0, sizeof(src));
	memset(&resp, 0, sizeof(resp));
	memset(&res, 0, sizeof(res));
	src.name = "parse";
	src.params = &params;
	src.cursor = cursor;
	src.now = ctx->now;
	resp.status = 200;
	resp.body = body.data ? body.data : "";
	resp.len = body.len;
	resp.content_type = ctype;
	resp.headers = &headers;
	if (rc == EXIT_OK && a->parse(&src, &resp, &res, err) < 0) {
		cmd_error("%s: %s", file ? file : "stdin", err[0] ? err : "parse failed");
		rc = EXIT_PARTIAL;
	}
	for (i = 0; rc == EXIT_OK && i < res.mentions.n; i++) {
		char *j = mention_to_json(&res.mentions.items[i]);
		if (!j) {
			rc = EXIT_PARTIAL;
			break;
		}
		puts(j);
		free(j);
	}
	if (rc == EXIT_OK && ctx->verbose) {
		if (res.cursor)
			fprintf(stderr, "cursor: %s\n", res.cursor);
		if (res.next)
			fprintf(stderr, "next: %s\n", res.next->url);
	}
	adapter_result_clear(&res);
	kvlist_free(&params);
	buf_free(&body);
	if (cmd_flush_stdout() < 0)
		rc = EXIT_PARTIAL;
	return rc;
}
