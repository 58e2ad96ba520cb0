/* init.c - `hark init`: the dispatcher already opened and migrated the
 * database (NEED_STORE); say where and at which version. */
#include <stdio.h>

#include "cmd.h"
#include "hark/store.h"

int cmd_init(struct hark_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cmd_usage("init");
	if (!ctx->quiet)
		printf("%s: schema version %d\n", ctx->cfg.database, store_schema_version(ctx->st));
	return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
}
