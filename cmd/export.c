/* export.c - `hark export`: the stored mentions as CSV (SPEC 8) or JSON
 * Lines (SPEC 7 plus source, brand, adapter, fetched_at, sentiment, label). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hark/csv.h"
#include "hark/htime.h"
#include "hark/store.h"

struct export_ctx {
	FILE *fp;
	struct csv csv;
	int jsonl;
	long rows;
	int error;
};

static const char *const columns[] = {
	"id", "published_at", "fetched_at", "brand", "source", "adapter", "author", "rating",
	"lang", "sentiment", "label", "title", "text", "url",
};

static int export_csv_row(struct export_ctx *x, const struct stored_mention *sm)
{
	char t1[32], t2[32];
	const struct mention *m = &sm->m;

	csv_text(&x->csv, m->id);
	csv_text(&x->csv, m->published_at != HARK_TIME_NONE ? time_format_rfc3339(m->published_at, t1) : NULL);
	csv_text(&x->csv, time_format_rfc3339(sm->fetched_at, t2));
	csv_text(&x->csv, sm->brand);
	csv_text(&x->csv, sm->source);
	csv_text(&x->csv, sm->adapter);
	csv_text(&x->csv, m->author);
	if (m->rating)
		csv_int(&x->csv, m->rating);
	else
		csv_null(&x->csv);
	csv_text(&x->csv, m->lang[0] ? m->lang : NULL);
	csv_number(&x->csv, sm->sentiment, 4);
	csv_text(&x->csv, sm->label);
	csv_text(&x->csv, m->title);
	csv_text(&x->csv, m->text);
	csv_text(&x->csv, m->url);
	csv_end_row(&x->csv);
	return x->csv.error ? -1 : 0;
}

static int export_json_row(struct export_ctx *x, const struct stored_mention *sm)
{
	char *s = stored_mention_to_json(sm);
	int rc = -1;

	if (s && fputs(s, x->fp) != EOF && fputc('\n', x->fp) != EOF)
		rc = 0;
	free(s);
	return rc;
}

static int export_row(void *ctx, const struct stored_mention *sm)
{
	struct export_ctx *x = ctx;

	x->rows++;
	if ((x->jsonl ? export_json_row(x, sm) : export_csv_row(x, sm)) < 0) {
		x->error = 1;
		return 1;
	}
	return 0;
}

static int format_arg(const char *opt, const char *val, void *c)
{
	if (strcmp(opt, "--format"))
		return 0;
	if (strcmp(val, "csv") && strcmp(val, "jsonl")) {
		cmd_error("--format takes csv or jsonl");
		return -1;
	}
	*(const char **)c = val;
	return 1;
}

int cmd_export(struct hark_ctx *ctx, int argc, char **argv)
{
	struct mention_filter f = {NULL, NULL, NULL, HARK_TIME_NONE, HARK_TIME_NONE};
	struct export_ctx x;
	struct listing_opts lo = {&f, 0, NULL};
	const char *out, *format = "csv";
	char err[HARK_ERR_MAX];
	int excel, rc;
	size_t c;

	memset(&x, 0, sizeof(x));
	rc = cmd_listing_args(ctx, "export", argc, argv, &lo, format_arg, &format);
	if (rc)
		return rc;
	out = lo.out;
	excel = lo.excel;
	if (f.brand && !config_brand(&ctx->cfg, f.brand))
		fprintf(stderr, "hark: note: no [brand %s] in the config\n", f.brand);
	x.jsonl = !strcmp(format, "jsonl");
	x.fp = cmd_open_output(out);
	if (!x.fp)
		return EXIT_PARTIAL;
	if (!x.jsonl) {
		csv_init(&x.csv, x.fp, excel);
		for (c = 0; c < sizeof(columns) / sizeof(columns[0]); c++)
			csv_text(&x.csv, columns[c]);
		csv_end_row(&x.csv);
	}
	rc = store_mentions_each(ctx->st, &f, export_row, &x, err);
	if (rc < 0)
		cmd_error("%s", err);
	if (!x.jsonl && csv_finish(&x.csv) < 0)
		x.error = 1;
	if (fflush(x.fp) == EOF || ferror(x.fp))
		x.error = 1;
	if (x.error)
		cmd_error("write error on %s", out ? out : "standard output");
	if (x.fp != stdout && fclose(x.fp) == EOF && !x.error) {
		cmd_error("write error on %s", out);
		x.error = 1;
	}
	return rc < 0 || x.error ? EXIT_PARTIAL : EXIT_OK;
}
