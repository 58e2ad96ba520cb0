/* report.c - the brand reputation report: mentions come ordered by time,
 * so one period's groups (brand x source) are gathered, written sorted,
 * and dropped before the next period starts. Periods are UTC. */
#include <stdlib.h>
#include <string.h>

#include "hark/csv.h"
#include "hark/htime.h"
#include "hark/report.h"
#include "hark/store.h"
#include "hark/util.h"

struct group {
	char *brand, *source;
	long mentions, positive, neutral, negative, rated, alerts;
	double sentiment_sum, rating_sum;
};

struct report {
	enum report_period by;
	char period[32];
	struct group *groups;
	size_t n, cap;
	struct csv csv;
	int oom;
};

static const char *const columns[] = {
	"period", "brand", "source", "mentions", "positive", "neutral", "negative", "negative_share",
	"net_sentiment", "avg_sentiment", "rated", "avg_rating", "alerts",
};

void report_period_label(int64_t t, enum report_period by, char out[32])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	/* Civil from days, Howard Hinnant's algorithm. */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	if (m <= 2)
		y++;
	if (by == REPORT_DAY) {
		snprintf(out, 32, "%04d-%02d-%02d", (int)y, m, d);
	} else if (by == REPORT_MONTH) {
		snprintf(out, 32, "%04d-%02d", (int)y, m);
	} else {
		/* ISO week: the week with the year's first Thursday is week 1. */
		int wday = (int)((days % 7 + 7 + 3) % 7); /* Monday = 0; 1970-01-01 was a Thursday */
		int64_t thursday = days - wday + 3;
		char tmp[32];
		int64_t jan1;
		int iso_year, week;
		report_period_label(thursday * 86400, REPORT_DAY, tmp);
		iso_year = atoi(tmp);
		jan1 = time_from_civil(iso_year, 1, 1, 0, 0, 0) / 86400;
		week = (int)((thursday - jan1) / 7) + 1;
		snprintf(out, 32, "%04d-W%02d", iso_year, week);
	}
}

static int group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int c = strcmp(x->brand, y->brand);

	return c ? c : strcmp(x->source, y->source);
}

static void flush(struct report *r)
{
	size_t i;

	if (r->n) /* groups is NULL when empty; qsort's base must not be */
		qsort(r->groups, r->n, sizeof(*r->groups), group_cmp);
	for (i = 0; i < r->n; i++) {
		struct group *g = &r->groups[i];
		double n = (double)g->mentions;
		csv_text(&r->csv, r->period);
		csv_text(&r->csv, g->brand);
		csv_text(&r->csv, g->source);
		csv_int(&r->csv, g->mentions);
		csv_int(&r->csv, g->positive);
		csv_int(&r->csv, g->neutral);
		csv_int(&r->csv, g->negative);
		csv_number(&r->csv, g->negative / n, 4);
		csv_number(&r->csv, (g->positive - g->negative) / n * 100.0, 1);
		csv_number(&r->csv, g->sentiment_sum / n, 4);
		csv_int(&r->csv, g->rated);
		if (g->rated)
			csv_number(&r->csv, g->rating_sum / (double)g->rated, 2);
		else
			csv_null(&r->csv);
		csv_int(&r->csv, g->alerts);
		csv_end_row(&r->csv);
		free(g->brand);
		free(g->source);
	}
	r->n = 0;
}

static int add_row(void *ctx, const struct report_row *row)
{
	struct report *r = ctx;
	const char *brand = row->brand ? row->brand : "", *source = row->source ? row->source : "";
	char period[32];
	struct group *g = NULL;
	size_t i;

	report_period_label(row->t, r->by, period);
	if (strcmp(period, r->period)) {
		flush(r);
		memcpy(r->period, period, sizeof(period));
	}
	for (i = 0; i < r->n; i++)
		if (!strcmp(r->groups[i].brand, brand) && !strcmp(r->groups[i].source, source)) {
			g = &r->groups[i];
			break;
		}
	if (!g) {
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 16;
			struct group *ng = realloc(r->groups, cap * sizeof(*ng));
			if (!ng)
				goto oom;
			r->groups = ng;
			r->cap = cap;
		}
		g = &r->groups[r->n];
		memset(g, 0, sizeof(*g));
		g->brand = strdup(brand);
		g->source = strdup(source);
		if (!g->brand || !g->source) {
			free(g->brand);
			free(g->source);
			goto oom;
		}
		r->n++;
	}
	g->mentions++;
	if (str_eq(row->label, "positive"))
		g->positive++;
	else if (str_eq(row->label, "negative"))
		g->negative++;
	else
		g->neutral++;
	g->sentiment_sum += row->sentiment;
	if (row->rating >= 1 && row->rating <= 5) {
		g->rated++;
		g->rating_sum += row->rating;
	}
	g->alerts += row->alerts;
	return r->csv.error ? 1 : 0;
oom:
	r->oom = 1;
	return 1;
}

int report_write(struct store *st, const struct mention_filter *f, enum report_period by,
                 FILE *fp, int excel, char *err)
{
	struct report r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	r.by = by;
	csv_init(&r.csv, fp, excel);
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		csv_text(&r.csv, columns[i]);
	csv_end_row(&r.csv);
	rc = store_report_each(st, f, add_row, &r, err);
	if (!r.oom)
		flush(&r);
	for (i = 0; i < r.n; i++) {
		free(r.groups[i].brand);
		free(r.groups[i].source);
	}
	free(r.groups);
	if (r.oom) {
		errf(err, "out of memory");
		return -1;
	}
	if (rc < 0)
		return -1;
	if (csv_finish(&r.csv) < 0) {
		errf(err, "write error");
		return -1;
	}
	return 0;
}
