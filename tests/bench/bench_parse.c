/* bench_parse - throughput of one adapter's parser on a saved body.
 *
 *   bench_parse [-t SECONDS] [-l LABEL] ADAPTER FILE [K=V]...
 *
 * Calls adapter_find(ADAPTER)->parse on FILE over and over, as the poller
 * would (parameters from FILE.params when present, then K=V arguments;
 * content type from the file's extension), until SECONDS (default 2) of CPU
 * time are spent, and prints MB/s and items/s per CPU second, the time of one
 * parse and the max RSS. Every parse must succeed with the same number of
 * items, else it exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "hark/adapter.h"
#include "hark/util.h"

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if (buf_append(b, tmp, n) < 0) {
			fclose(f);
			return -1;
		}
	fclose(f);
	return 0;
}

static int add_param(struct kvlist *p, const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *k;
	int rc;

	if (!eq)
		return -1;
	k = xstrndup(kv, (size_t)(eq - kv));
	rc = k ? kvlist_set(p, k, eq + 1, 0) : -1;
	free(k);
	return rc;
}

static int read_params(const char *path, struct kvlist *p)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	if (!f)
		return 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] && line[0] != '#' && add_param(p, line) < 0)
			rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot)
		return NULL;
	if (!strcmp(dot, ".json"))
		return "application/json; charset=utf-8";
	if (!strcmp(dot, ".html"))
		return "text/html; charset=utf-8";
	if (!strcmp(dot, ".xml"))
		return "application/xml";
	return NULL;
}

int main(int argc, char **argv)
{
	double secs = 2;
	const char *label = NULL;
	int a = 1;

	while (a + 1 < argc && argv[a][0] == '-') {
		if (!strcmp(argv[a], "-t"))
			secs = atof(argv[a + 1]);
		else if (!strcmp(argv[a], "-l"))
			label = argv[a + 1];
		else
			break;
		a += 2;
	}
	if (argc - a < 2) {
		fprintf(stderr, "usage: bench_parse [-t SECONDS] [-l LABEL] ADAPTER FILE [K=V]...\n");
		return 2;
	}
	const struct adapter *ad = adapter_find(argv[a]);
	if (!ad || !ad->parse) {
		fprintf(stderr, "bench_parse: no parser for adapter %s\n", argv[a]);
		return 2;
	}
	const char *path = argv[a + 1];
	struct buf body = {0}, ppath = {0};
	struct kvlist params = {0}, headers = {0};
	if (read_file(path, &body) < 0 || buf_printf(&ppath, "%s.params", path) < 0 ||
	    read_params(ppath.data, &params) < 0) {
		fprintf(stderr, "bench_parse: cannot read %s or its .params\n", path);
		return 1;
	}
	for (int i = a + 2; i < argc; i++)
		if (add_param(&params, argv[i]) < 0) {
			fprintf(stderr, "bench_parse: bad parameter %s\n", argv[i]);
			return 2;
		}
	struct adapter_source src = {
		.name = "bench", .params = &params, .cursor = NULL, .page = 0,
		.now = 1795000000, /* after every date the generator writes */
	};
	struct adapter_response resp = {
		.status = 200, .body = body.data ? body.data : "", .len = body.len,
		.content_type = content_type(path), .headers = &headers,
		.url = kvlist_get(&params, "url"),
	};
	char err[HARK_ERR_MAX];
	size_t items = 0, first = 0, parses = 0, bytes = 0;
	double t0 = cpu(), t;
	while ((t = cpu() - t0) < secs || parses == 0) {
		struct adapter_result res;
		memset(&res, 0, sizeof(res));
		err[0] = '\0';
		if (ad->parse(&src, &resp, &res, err) < 0) {
			fprintf(stderr, "bench_parse: %s: %s\n", path, err);
			return 1;
		}
		if (parses == 0)
			first = res.mentions.n;
		if (res.mentions.n != first || first == 0) {
			fprintf(stderr, "bench_parse: %s: %zu items, then %zu\n", path, first, res.mentions.n);
			return 1;
		}
		items += res.mentions.n;
		bytes += body.len;
		parses++;
		adapter_result_clear(&res);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	const char *base = strrchr(path, '/');
	printf("parse %-8s %-14s %7.1f MB/s %9.0f items/s  (%zu B, %zu items, %.2f ms/parse, %zu parses in %.1f s CPU; max RSS %ld KB)\n",
	       ad->name, label ? label : base ? base + 1 : path, (double)bytes / t / 1e6,
	       (double)items / t, body.len, first, t * 1e3 / (double)parses, parses, t, ru.ru_maxrss);
	buf_free(&body);
	buf_free(&ppath);
	kvlist_free(&params);
	return 0;
}
