/* version.c - `hark version`. */
#include <curl/curlver.h>
#include <stdio.h>

#include "cmd.h"

int cmd_version(struct hark_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	printf("hark %s\n", HARK_VERSION);
	return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
}
