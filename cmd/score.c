/* score.c - `hark score`: score texts given as arguments, or stdin one text
 * per line; print compound, neg, neu, pos and the label, and with --explain
 * each token's contribution and the rule that shaped it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hark/sentiment.h"

/* x with four decimals, as printf("%.4f") prints it (scores are within
 * [-1, 1]); near a tie, where x * 10000 may round either way, printf
 * decides. Faster than printf by an order of magnitude. */
static size_t fmt4(double x, char *out)
{
	double ax = fabs(x), sc = ax * 10000.0, r = floor(sc), fr = sc - r;
	if (!(ax <= 1.0) || fabs(fr - 0.5) < 1e-6)
		return (size_t)snprintf(out, 32, "%.4f", x);
	long n = (long)r + (fr > 0.5);
	size_t o = 0;
	if (signbit(x))
		out[o++] = '-';
	out[o++] = (char)('0' + n / 10000);
	out[o++] = '.';
	out[o++] = (char)('0' + n / 1000 % 10);
	out[o++] = (char)('0' + n / 100 % 10);
	out[o++] = (char)('0' + n / 10 % 10);
	out[o++] = (char)('0' + n % 10);
	out[o] = '\0';
	return o;
}

static int score_one(const struct sentiment *s, enum sentiment_model model, const char *lang,
                     int explain, const char *text, size_t len)
{
	struct sentiment_scores sc;
	struct sentiment_explain ex = {0};
	const char *used = NULL;
	if (sentiment_score(s, model, lang, text, len, &sc, &used, explain ? &ex : NULL) < 0) {
		sentiment_explain_free(&ex);
		cmd_error("out of memory");
		return -1;
	}
	char line[160];
	size_t o = fmt4(sc.compound, line);
	line[o++] = '\t';
	o += fmt4(sc.neg, line + o);
	line[o++] = '\t';
	o += fmt4(sc.neu, line + o);
	line[o++] = '\t';
	o += fmt4(sc.pos, line + o);
	line[o++] = '\t';
	const char *label = sentiment_label(sc.compound);
	size_t ll = strlen(label);
	memcpy(line + o, label, ll);
	o += ll;
	line[o++] = '\n';
	fwrite(line, 1, o, stdout);
	if (explain) {
		printf("  lang\t%s\n", used ? used : "unknown (scored as English)");
		for (size_t i = 0; i < ex.n; i++)
			printf("  %s\t%+.4f\t%s\n", ex.items[i].token, ex.items[i].valence, ex.items[i].rule);
	}
	sentiment_explain_free(&ex);
	return 0;
}

int cmd_score(struct hark_ctx *ctx, int argc, char **argv)
{
	const char *lang = "auto";
	enum sentiment_model model = SENTIMENT_HARK;
	int explain = 0, i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "--explain")) {
			explain = 1;
		} else if (!strcmp(a, "--lang") || !strcmp(a, "--model")) {
			if (i + 1 >= argc)
				return cmd_usage("score");
			const char *v = argv[++i];
			if (a[2] == 'l') {
				if (strcmp(v, "en") && strcmp(v, "tr") && strcmp(v, "auto"))
					return cmd_usage("score");
				lang = v;
			} else if (!strcmp(v, "vader")) {
				model = SENTIMENT_VADER;
			} else if (!strcmp(v, "hark")) {
				model = SENTIMENT_HARK;
			} else {
				return cmd_usage("score");
			}
		} else if (a[0] == '-' && a[1] == '-') {
			return cmd_usage("score");
		} else {
			break;
		}
	}
	if (i < argc) {
		for (; i < argc; i++)
			if (score_one(ctx->sent, model, lang, explain, argv[i], strlen(argv[i])) < 0)
				return EXIT_PARTIAL;
		return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = EXIT_OK;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (score_one(ctx->sent, model, lang, explain, line, (size_t)n) < 0) {
			rc = EXIT_PARTIAL;
			break;
		}
	}
	if (ferror(stdin)) {
		cmd_error("reading standard input failed");
		rc = EXIT_PARTIAL;
	}
	free(line);
	if (cmd_flush_stdout())
		rc = EXIT_PARTIAL;
	return rc;
}
