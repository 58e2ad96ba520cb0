/* sentiment_bench - throughput of the sentiment scorers.
 *
 *   sentiment_bench [-t SECONDS] MODEL LANG FILE   (MODEL vader|hark,
 *                                                   LANG en|tr|auto)
 *
 * Reads the texts of FILE (the "text" column of a TSV with a header, or
 * the first column of a CSV), scores them over and over until SECONDS of
 * CPU time are done, and prints texts/s and MB/s per CPU second. "load" instead of MODEL
 * times sentiment_load. Max RSS is printed at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "hark/sentiment.h"
#include "hark/util.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: the figures stay per core when the machine
 * is busy with other work. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct texts {
	char **t;
	size_t *len;
	size_t n, cap, bytes;
};

static void add(struct texts *x, const char *s, size_t n)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->t = realloc(x->t, x->cap * sizeof(*x->t));
		x->len = realloc(x->len, x->cap * sizeof(*x->len));
		if (!x->t || !x->len)
			exit(1);
	}
	x->t[x->n] = xstrndup(s, n);
	x->len[x->n++] = n;
	x->bytes += n;
}

static void read_texts(const char *path, struct texts *x)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int tsv = strstr(path, ".tsv") != NULL, col = -1, first = 1;
	struct buf rec = {0};
	int inq = 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (tsv) {
			line[strcspn(line, "\r\n")] = '\0';
			char *fields[16];
			size_t nf = 0;
			fields[nf++] = line;
			for (char *p = line; *p && nf < 16; p++)
				if (*p == '\t') {
					*p = '\0';
					fields[nf++] = p + 1;
				}
			if (first) {
				for (size_t i = 0; i < nf; i++)
					if (!strcmp(fields[i], "text"))
						col = (int)i;
				first = 0;
				continue;
			}
			if (col >= 0 && (size_t)col < nf)
				add(x, fields[col], strlen(fields[col]));
			continue;
		}
		/* CSV: the first field, quoted or not, possibly over several lines */
		for (ssize_t i = 0; i < n; i++) {
			char c = line[i];
			if (inq) {
				if (c == '"' && i + 1 < n && line[i + 1] == '"') {
					buf_putc(&rec, '"');
					i++;
				} else if (c == '"') {
					inq = 0;
				} else {
					buf_putc(&rec, c);
				}
				continue;
			}
			if (c == '"' && rec.len == 0) {
				inq = 1;
				continue;
			}
			if (c == ',') {
				if (!first)
					add(x, rec.data ? rec.data : "", rec.len);
				first = 0;
				buf_reset(&rec);
				/* skip the rest of the record */
				while (i < n && line[i] != '\n')
					i++;
				rec.len = (size_t)-1; /* marker: skipping */
				break;
			}
			buf_putc(&rec, c);
		}
		if (rec.len == (size_t)-1)
			rec.len = 0;
	}
	buf_free(&rec);
	free(line);
	fclose(f);
}

int main(int argc, char **argv)
{
	double secs = 10;
	int a = 1;
	if (a + 1 < argc && !strcmp(argv[a], "-t")) {
		secs = atof(argv[a + 1]);
		a += 2;
	}
	char err[HARK_ERR_MAX];
	struct sentiment *s;
	if (a < argc && !strcmp(argv[a], "load")) {
		double best = 1e9, sum = 0;
		int runs = 20;
		for (int i = 0; i < runs; i++) {
			double t0 = now();
			if (sentiment_load(&s, NULL, err) < 0) {
				fprintf(stderr, "sentiment_bench: %s\n", err);
				return 1;
			}
			double dt = (now() - t0) * 1e3;
			sentiment_free(s);
			sum += dt;
			if (dt < best)
				best = dt;
		}
		printf("lexicon load: %.2f ms (best of %d), %.2f ms mean\n", best, runs, sum / runs);
		return 0;
	}
	if (argc - a < 3) {
		fprintf(stderr, "usage: sentiment_bench [-t SECONDS] vader|hark|load en|tr|auto FILE\n");
		return 2;
	}
	enum sentiment_model model = !strcmp(argv[a], "vader") ? SENTIMENT_VADER : SENTIMENT_HARK;
	const char *lang = argv[a + 1];
	struct texts x = {0};
	read_texts(argv[a + 2], &x);
	if (!x.n) {
		fprintf(stderr, "sentiment_bench: no texts in %s\n", argv[a + 2]);
		return 1;
	}
	if (sentiment_load(&s, NULL, err) < 0) {
		fprintf(stderr, "sentiment_bench: %s\n", err);
		return 1;
	}
	double t0 = cpu(), w0 = now(), t = 0, check = 0;
	size_t done = 0, bytes = 0;
	while ((t = cpu() - t0) < secs) {
		for (size_t i = 0; i < x.n; i++) {
			struct sentiment_scores sc;
			sentiment_score(s, model, lang, x.t[i], x.len[i], &sc, NULL, NULL);
			check += sc.compound;
		}
		done += x.n;
		bytes += x.bytes;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	const char *base = strrchr(argv[a + 2], '/');
	printf("%-5s %-4s %-18s %9.0f texts/s %7.1f MB/s (%zu texts, %.1f s CPU, %.1f s wall; mean %.0f bytes; max RSS %ld KB)\n",
	       argv[a], lang, base ? base + 1 : argv[a + 2], (double)done / t, (double)bytes / t / 1e6,
	       done, t, now() - w0, (double)x.bytes / (double)x.n, ru.ru_maxrss);
	if (check == 12345.678)
		printf("\n"); /* keeps the scores from being optimised away */
	sentiment_free(s);
	for (size_t i = 0; i < x.n; i++)
		free(x.t[i]);
	free(x.t);
	free(x.len);
	return 0;
}
