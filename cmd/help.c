/* help.c - `hark help [COMMAND]`. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int cmd_help(struct hark_ctx *ctx, int argc, char **argv)
{
	const struct command *c;
	size_t i;

	(void)ctx;
	if (argc > 2)
		return cmd_usage("help");
	if (argc == 2) {
		c = command_find(argv[1]);
		if (!c) {
			cmd_error("unknown command '%s'", argv[1]);
			return EXIT_USAGE;
		}
		printf("usage: hark %s%s%s\n\n%s.\n", c->name, *c->usage ? " " : "", c->usage, c->summary);
		if (c->help)
			printf("\n%s\n", c->help);
		printf("\nThe manual: man hark (from a clone: man -l etc/man/hark.1).\n");
		return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
	}
	printf("hark - listen to what customers say about a brand\n\n"
	       "usage: hark [-c CONFIG] [-d DATABASE] [-q|-v] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < command_count; i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	printf("\nCONFIG defaults to $HARK_CONFIG, then ./hark.conf, then /etc/hark/hark.conf.\n"
	       "Times T: YYYY-MM-DD, RFC 3339, or an age such as 7d or 12h.\n"
	       "Exit status: 0 ok; 1 some sources or deliveries failed; 2 usage or config error;\n"
	       "75 another `hark poll` is running.\n");
	return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
}
