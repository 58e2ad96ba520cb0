/* sentiment_eval - scores the shared evaluation sets.
 *
 *   sentiment_eval [-v] agree FILE.tsv     VADER model vs the reference
 *                                          neg/neu/pos/compound columns
 *   sentiment_eval f1 MODEL FILE.tsv       3-class F1, gold = sign of
 *                                          human_mean (MODEL vader|hark)
 *   sentiment_eval [-v] acc LANG FILE.csv  binary accuracy on Text,Sentiment
 *                                          (P/N); neutral counts as wrong
 *
 * Prints one summary line per file (and mismatches with -v). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/sentiment.h"
#include "hark/util.h"

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = {0};
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if (buf_append(&b, tmp, n) < 0)
			exit(1);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Split a TSV line into fields (in place). */
static size_t split_tab(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static int col(char **h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(h[i], name))
			return (int)i;
	return -1;
}

static int cls(double x, double th) { return x >= th ? 2 : x <= -th ? 0 : 1; }

static double f1_weighted(long cm[3][3])
{
	double total = 0, f = 0;
	for (int c = 0; c < 3; c++) {
		long tp = cm[c][c], gold = 0, pred = 0;
		for (int k = 0; k < 3; k++) {
			gold += cm[c][k];
			pred += cm[k][c];
		}
		double p = pred ? (double)tp / (double)pred : 0, r = gold ? (double)tp / (double)gold : 0;
		double fc = p + r > 0 ? 2 * p * r / (p + r) : 0;
		f += fc * (double)gold;
		total += (double)gold;
	}
	return total > 0 ? f / total : 0;
}

static int run_tsv(struct sentiment *s, const char *mode, enum sentiment_model model,
                   const char *path, int verbose)
{
	size_t len;
	char *data = read_all(path, &len);
	if (!data) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	char *line = data, *hend = memchr(data, '\n', len);
	if (!hend) {
		free(data);
		return 0;
	}
	*hend = '\0';
	char *h[16];
	size_t nh = split_tab(line, h, 16);
	int ct = col(h, nh, "text"), cneg = col(h, nh, "neg"), cneu = col(h, nh, "neu"),
	    cpos = col(h, nh, "pos"), ccomp = col(h, nh, "compound"), chum = col(h, nh, "human_mean");
	long items = 0, agree = 0, fields_ok = 0;
	long cm[3][3] = {{0}};
	/* the header ends at the first newline; rows may have an empty text */
	char *p = hend + 1;
	char *end = data + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl)
			*nl = '\0';
		char *row = p;
		p = nl ? nl + 1 : end;
		size_t rl = strlen(row);
		if (rl && row[rl - 1] == '\r')
			row[--rl] = '\0';
		char *f[16];
		size_t nf = split_tab(row, f, 16);
		if (nf < nh)
			continue;
		struct sentiment_scores sc;
		const char *text = f[ct];
		if (sentiment_score(s, model, "en", text, strlen(text), &sc, NULL, NULL) < 0) {
			fprintf(stderr, "score failed\n");
			return -1;
		}
		items++;
		if (!strcmp(mode, "agree")) {
			char got[4][32];
			snprintf(got[0], 32, "%.3f", sc.neg);
			snprintf(got[1], 32, "%.3f", sc.neu);
			snprintf(got[2], 32, "%.3f", sc.pos);
			snprintf(got[3], 32, "%.4f", sc.compound);
			const char *want[4] = {f[cneg], f[cneu], f[cpos], f[ccomp]};
			int ok = 1;
			for (int k = 0; k < 4; k++) {
				if (!strcmp(got[k], want[k]))
					fields_ok++;
				else
					ok = 0;
			}
			agree += ok;
			if (!ok && verbose)
				printf("MISMATCH got %s %s %s %s want %s %s %s %s: %s\n", got[0], got[1],
				       got[2], got[3], want[0], want[1], want[2], want[3], text);
		} else if (chum >= 0) {
			cm[cls(atof(f[chum]), 1e-12)][cls(sc.compound, 0.05)]++;
		}
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(mode, "agree"))
		printf("%-12s vader agreement %ld/%ld items (%.2f%%), %ld/%ld numbers\n", base, agree,
		       items, items ? 100.0 * (double)agree / (double)items : 0.0, fields_ok, items * 4);
	else if (chum >= 0)
		printf("%-12s %s F1 %.4f (%ld items)\n", base, model == SENTIMENT_HARK ? "hark " : "vader",
		       f1_weighted(cm), items);
	free(data);
	return 0;
}

/* A minimal RFC 4180 reader: quoted fields with "" escapes and newlines. */
static char *csv_field(char **pp, char *end, int *eol)
{
	char *p = *pp, *o = p, *start = p;
	*eol = 0;
	if (p < end && *p == '"') {
		p++;
		while (p < end) {
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"') {
					*o++ = '"';
					p += 2;
					continue;
				}
				p++;
				break;
			}
			*o++ = *p++;
		}
		while (p < end && *p != ',' && *p != '\n')
			p++;
	} else {
		while (p < end && *p != ',' && *p != '\n')
			*o++ = *p++;
	}
	if (p >= end || *p == '\n')
		*eol = 1;
	if (o > start && o[-1] == '\r')
		o--;
	*o = '\0';
	*pp = p < end ? p + 1 : end;
	return start;
}

static int run_csv(struct sentiment *s, const char *lang, const char *path, int verbose)
{
	size_t len;
	char *data = read_all(path, &len);
	if (!data) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	char *p = data, *end = data + len;
	int eol;
	do
		csv_field(&p, end, &eol);
	while (!eol && p < end);
	long items = 0, right = 0, neutral = 0, pos_items = 0, pos_right = 0, neg_neutral = 0;
	while (p < end) {
		char *text = csv_field(&p, end, &eol);
		if (eol)
			continue;
		char *label = csv_field(&p, end, &eol);
		while (!eol && p < end)
			csv_field(&p, end, &eol);
		struct sentiment_scores sc;
		if (sentiment_score(s, SENTIMENT_HARK, lang, text, strlen(text), &sc, NULL, NULL) < 0)
			return -1;
		int want = label[0] == 'P';
		const char *got = sentiment_label(sc.compound);
		int ok = want ? got[0] == 'p' : got[0] == 'n' && got[2] == 'g';
		items++;
		right += ok;
		neutral += got[2] == 'u';
		neg_neutral += !want && got[2] == 'u';
		pos_items += want;
		pos_right += want && ok;
		if (!ok && verbose)
			printf("WRONG %s %+.4f: %s\n", label, sc.compound, text);
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	printf("%-18s %s accuracy %.4f (%ld/%ld; %ld neutral; positives %ld/%ld, negatives %ld/%ld, %ld of them neutral)\n",
	       base, lang, items ? (double)right / (double)items : 0.0, right, items, neutral,
	       pos_right, pos_items, right - pos_right, items - pos_items, neg_neutral);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int verbose = 0, a = 1;
	if (a < argc && !strcmp(argv[a], "-v")) {
		verbose = 1;
		a++;
	}
	if (argc - a < 2) {
		fprintf(stderr, "usage: sentiment_eval [-v] agree|f1 MODEL|acc LANG FILE...\n");
		return 2;
	}
	char err[HARK_ERR_MAX];
	struct sentiment *s;
	if (sentiment_load(&s, NULL, err) < 0) {
		fprintf(stderr, "sentiment_eval: %s\n", err);
		return 1;
	}
	const char *mode = argv[a++];
	int rc = 0;
	if (!strcmp(mode, "agree")) {
		for (; a < argc; a++)
			rc |= run_tsv(s, mode, SENTIMENT_VADER, argv[a], verbose);
	} else if (!strcmp(mode, "f1") && a < argc) {
		enum sentiment_model m = !strcmp(argv[a++], "vader") ? SENTIMENT_VADER : SENTIMENT_HARK;
		for (; a < argc; a++)
			rc |= run_tsv(s, mode, m, argv[a], verbose);
	} else if (!strcmp(mode, "acc") && a < argc) {
		const char *lang = argv[a++];
		for (; a < argc; a++)
			rc |= run_csv(s, lang, argv[a], verbose);
	} else {
		fprintf(stderr, "sentiment_eval: unknown mode %s\n", mode);
		rc = 2;
	}
	sentiment_free(s);
	return rc ? 1 : 0;
}
