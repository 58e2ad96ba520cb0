/* check.c - `hark check`: load the config and report every error. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

int cmd_check(struct hark_ctx *ctx, int argc, char **argv)
{
	struct buf errors = {0};
	struct config cfg;
	const char *path = ctx->config_path;
	int n;

	(void)argv;
	if (argc != 1)
		return cmd_usage("check");
	if (!path) {
		const char *e = getenv("HARK_CONFIG");
		path = e && *e ? e : "hark.conf";
	}
	n = config_load(path, &cfg, &errors);
	if (n != 0) {
		fputs(errors.data ? errors.data : "", stderr);
		buf_free(&errors);
		config_free(&cfg);
		return EXIT_USAGE;
	}
	if (!ctx->quiet)
		printf("%s: ok (%zu brand%s, %zu source%s, %zu alert%s)\n", path, cfg.nbrands,
		       cfg.nbrands == 1 ? "" : "s", cfg.nsources, cfg.nsources == 1 ? "" : "s",
		       cfg.nalerts, cfg.nalerts == 1 ? "" : "s");
	buf_free(&errors);
	config_free(&cfg);
	return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
}
