/* adapters.c - `hark adapters [NAME]`: the table and each one's parameters. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "hark/adapter.h"

int cmd_adapters(struct hark_ctx *ctx, int argc, char **argv)
{
	size_t i;

	(void)ctx;
	if (argc > 2)
		return cmd_usage("adapters");
	for (i = 0; i < adapter_count; i++) {
		const struct adapter *a = adapter_table[i];
		const struct adapter_param *p;
		if (argc == 2 && strcmp(argv[1], a->name))
			continue;
		printf("%s\n    %s\n", a->name, a->summary);
		for (p = a->params; p && p->name; p++)
			printf("    %-16s %s%s%s\n", p->name, p->flags & ADAPTER_PARAM_REQUIRED ? "(required) " : "",
			       p->flags & ADAPTER_PARAM_SECRET ? "(secret) " : "", p->help);
	}
	if (argc == 2 && !adapter_find(argv[1])) {
		cmd_error("unknown adapter '%s'", argv[1]);
		return EXIT_USAGE;
	}
	printf("%s", argc == 2 ? "" : "\nEvery source also takes: adapter, brand, match = all|keywords, every, lang,\n"
	       "backfill (pages on the first poll), max_pages, alert_baseline.\n");
	return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
}
