/* bench_store - speed of the mention store.
 *
 *   bench_store [-n MENTIONS] DATABASE
 *
 * Creates DATABASE afresh (it must not exist) and stores MENTIONS (default
 * 200000) made-up mentions over 20 sources, 2 brands and a year of dates in
 * one transaction with store_mention_insert, the way a poll stores a
 * source's page; then offers the same mentions again (all already stored,
 * as on a repeat poll) and walks them with store_mentions_each. Prints
 * mentions/s of each step. The database is left for `hark export` and
 * `hark report` benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "hark/store.h"
#include "hark/util.h"

#define NSOURCES 20

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const opening[] = {
	"I ordered the Acme running shoes last week", "Acme'den spor ayakkabı aldım",
	"My Acme jacket arrived today", "Geçen hafta Acme mont sipariş ettim",
	"Third Acme backpack this year", "Bought the headphones from Acme",
};
static const char *const verdict[] = {
	"and it is great, really comfortable.", "ama kargo çok geç geldi.",
	"but the sole came off after two days.", "kalitesi berbat, bir daha almam.",
	"and I love it!!! 😍", "fiyatına göre idare eder.",
	"works fine, fair price.", "and it broke. Refund please 😡",
};
static const char *const labels[] = {"negative", "neutral", "positive"};

struct walk {
	long rows;
	size_t bytes;
};

static int count_row(void *ctx, const struct stored_mention *sm)
{
	struct walk *w = ctx;
	w->rows++;
	w->bytes += sm->m.text ? strlen(sm->m.text) : 0;
	return 0;
}

static void die(const char *what, const char *err)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, err);
	exit(1);
}

int main(int argc, char **argv)
{
	long n = 200000;
	int a = 1;
	if (a + 1 < argc && !strcmp(argv[a], "-n")) {
		n = atol(argv[a + 1]);
		a += 2;
	}
	if (a >= argc || n <= 0) {
		fprintf(stderr, "usage: bench_store [-n MENTIONS] DATABASE\n");
		return 2;
	}
	const char *path = argv[a];
	struct stat sb;
	if (stat(path, &sb) == 0) {
		fprintf(stderr, "bench_store: %s exists; give a new path\n", path);
		return 2;
	}

	/* The mentions are made before the clock starts: only the store is timed. */
	struct stored_mention *sm = calloc((size_t)n, sizeof(*sm));
	char (*ids)[32] = calloc((size_t)n, sizeof(*ids));
	char (*urls)[64] = calloc((size_t)n, sizeof(*urls));
	char (*texts)[400] = calloc((size_t)n, sizeof(*texts));
	char sources[NSOURCES][16];
	if (!sm || !ids || !urls || !texts)
		die("calloc", "out of memory");
	for (int s = 0; s < NSOURCES; s++)
		snprintf(sources[s], sizeof(sources[s]), "source-%02d", s);
	unsigned long x = 12345;
	size_t text_bytes = 0;
	for (long i = 0; i < n; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		unsigned r = (unsigned)(x >> 33);
		struct stored_mention *p = &sm[i];
		snprintf(ids[i], sizeof(ids[i]), "rev-%ld", i);
		snprintf(urls[i], sizeof(urls[i]), "https://shop.example/reviews/%ld", i);
		/* 60 to 230 bytes, like short reviews and tweets */
		snprintf(texts[i], sizeof(texts[i]), "%s %s %s %s", opening[r % 6], verdict[(r >> 4) % 8],
		         (r >> 8) % 2 ? verdict[(r >> 9) % 8] : "", (r >> 12) % 2 ? opening[(r >> 13) % 6] : "");
		text_bytes += strlen(texts[i]);
		p->source = sources[i % NSOURCES];
		p->brand = (i % NSOURCES) < 15 ? "acme" : "kestrel";
		p->adapter = (i % 3) ? "rss" : "appstore";
		p->m.id = ids[i];
		p->m.author = "Jane W.";
		p->m.title = (r & 1) ? "Acme review" : NULL;
		p->m.text = texts[i];
		p->m.url = urls[i];
		p->m.rating = (i % 3) ? 0 : (int)(r % 5) + 1;
		memcpy(p->m.lang, (r >> 4) % 2 ? "tr" : "en", 3);
		p->m.published_at = 1794000000 - (int64_t)(i * 157 % (365 * 86400));
		p->fetched_at = 1794000000;
		p->sentiment = ((double)(r % 2001) - 1000.0) / 1000.0;
		p->neg = 0.2;
		p->neu = 0.6;
		p->pos = 0.2;
		p->label = labels[p->sentiment <= -0.05 ? 0 : p->sentiment >= 0.05 ? 2 : 1];
	}

	char err[HARK_ERR_MAX];
	struct store *st;
	double t0 = now();
	if (store_open(&st, path, err) < 0)
		die("open", err);
	double t_open = now() - t0;
	for (int s = 0; s < NSOURCES; s++) {
		struct source_state ss = {.name = sources[s], .adapter = "rss"};
		if (store_source_put(st, &ss, err) < 0)
			die("source", err);
	}

	t0 = now();
	if (store_begin(st, err) < 0)
		die("begin", err);
	for (long i = 0; i < n; i++)
		if (store_mention_insert(st, &sm[i], err) != 1)
			die("insert", err);
	double t_ins = now() - t0;
	if (store_commit(st, err) < 0)
		die("commit", err);
	double t_all = now() - t0;
	printf("store insert   %9.0f mentions/s in one transaction (%ld mentions, %.2f s; commit %.0f ms; open+migrate %.1f ms; mean text %.0f B)\n",
	       (double)n / t_all, n, t_all, (t_all - t_ins) * 1e3, t_open * 1e3, (double)text_bytes / (double)n);

	t0 = now();
	if (store_begin(st, err) < 0)
		die("begin", err);
	for (long i = 0; i < n; i++)
		if (store_mention_insert(st, &sm[i], err) != 0)
			die("re-insert", "a stored mention was stored again");
	if (store_commit(st, err) < 0)
		die("commit", err);
	double t_dup = now() - t0;
	printf("store repeat   %9.0f mentions/s offered again, none stored (%.2f s)\n", (double)n / t_dup, t_dup);

	t0 = now();
	long found = 0;
	for (long i = 0; i < n; i++)
		found += store_mention_exists(st, sm[i].source, sm[i].m.id) == 1;
	double t_ex = now() - t0;
	if (found != n)
		die("exists", "a stored mention is missing");
	printf("store exists   %9.0f lookups/s (store_mention_exists, %.2f s)\n", (double)n / t_ex, t_ex);

	struct mention_filter f = {.since = HARK_TIME_NONE, .until = HARK_TIME_NONE};
	struct walk w = {0};
	t0 = now();
	if (store_mentions_each(st, &f, count_row, &w, err) < 0)
		die("walk", err);
	double t_walk = now() - t0;
	if (w.rows != n)
		die("walk", "row count differs");
	printf("store walk     %9.0f mentions/s (store_mentions_each, all rows, %.2f s)\n", (double)n / t_walk, t_walk);
	store_close(st);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	if (stat(path, &sb) == 0)
		printf("store file     %.1f MB for %ld mentions (max RSS %ld KB, mentions in memory included)\n",
		       (double)sb.st_size / 1e6, n, ru.ru_maxrss);
	free(sm);
	free(ids);
	free(urls);
	free(texts);
	return 0;
}
