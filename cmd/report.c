/* report.c - `hark report`: the brand reputation report as CSV (SPEC 8). */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "hark/htime.h"
#include "hark/report.h"
#include "hark/store.h"

int cmd_report(struct hark_ctx *ctx, int argc, char **argv)
{
	struct mention_filter f = {NULL, NULL, NULL, HARK_TIME_NONE, HARK_TIME_NONE};
	enum report_period by = REPORT_DAY;
	const char *out = NULL;
	char err[HARK_ERR_MAX];
	int excel = 0, i, rc;
	FILE *fp;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--excel")) {
			excel = 1;
			continue;
		}
		if (!v)
			return cmd_usage("report");
		i++;
		rc = cmd_filter_arg(ctx, a, v, &f);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc > 0)
			continue;
		if (!strcmp(a, "--by")) {
			if (!strcmp(v, "day"))
				by = REPORT_DAY;
			else if (!strcmp(v, "week"))
				by = REPORT_WEEK;
			else if (!strcmp(v, "month"))
				by = REPORT_MONTH;
			else {
				cmd_error("--by takes day, week or month");
				return EXIT_USAGE;
			}
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			out = v;
		} else {
			return cmd_usage("report");
		}
	}
	fp = cmd_open_output(out);
	if (!fp)
		return EXIT_PARTIAL;
	rc = report_write(ctx->st, &f, by, fp, excel, err);
	if (rc < 0)
		cmd_error("%s", err);
	if (fp != stdout && fclose(fp) == EOF && rc == 0) {
		cmd_error("write error on %s", out);
		rc = -1;
	}
	return rc < 0 ? EXIT_PARTIAL : EXIT_OK;
}
