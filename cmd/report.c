/* report.c - `hark report`: the brand reputation report as CSV (SPEC 8). */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "hark/htime.h"
#include "hark/report.h"
#include "hark/store.h"

static int by_arg(const char *opt, const char *val, void *c)
{
	static const char *const names[] = {[REPORT_DAY] = "day", [REPORT_WEEK] = "week", [REPORT_MONTH] = "month"};
	size_t i;

	if (strcmp(opt, "--by"))
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(val, names[i])) {
			*(enum report_period *)c = (enum report_period)i;
			return 1;
		}
	cmd_error("--by takes day, week or month");
	return -1;
}

int cmd_report(struct hark_ctx *ctx, int argc, char **argv)
{
	struct mention_filter f = {NULL, NULL, NULL, HARK_TIME_NONE, HARK_TIME_NONE};
	enum report_period by = REPORT_DAY;
	struct listing_opts lo = {&f, 0, NULL};
	const char *out;
	char err[HARK_ERR_MAX];
	int rc;
	FILE *fp;

	rc = cmd_listing_args(ctx, "report", argc, argv, &lo, by_arg, &by);
	if (rc)
		return rc;
	out = lo.out;
	fp = cmd_open_output(out);
	if (!fp)
		return EXIT_PARTIAL;
	rc = report_write(ctx->st, &f, by, fp, lo.excel, err);
	if (rc < 0)
		cmd_error("%s", err);
	if (fp != stdout && fclose(fp) == EOF && rc == 0) {
		cmd_error("write error on %s", out);
		rc = -1;
	}
	return rc < 0 ? EXIT_PARTIAL : EXIT_OK;
}
