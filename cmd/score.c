/* score.c - `hark score`: score texts given as arguments, or stdin one text
 * per line; print compound, neg, neu, pos and the label, and with --explain
 * each token's contribution and the rule that shaped it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hark/sentiment.h"

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
	printf("%.4f\t%.4f\t%.4f\t%.4f\t%s\n", sc.compound, sc.neg, sc.neu, sc.pos,
	       sentiment_label(sc.compound));
	if (explain) {
		printf("  lang\t%s\n", used);
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
