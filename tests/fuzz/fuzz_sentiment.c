/* fuzz_sentiment.c - sentiment_score on arbitrary text with both models and
 * every language choice (en, tr, auto), with and without --explain. The
 * lexicons are loaded once from sentiment_data_dir() (HARK_DATA_DIR, else
 * build/data). Scores must be finite and in range. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/sentiment.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static struct sentiment *model;

static void unload(void)
{
	sentiment_free(model);
}

static int load(void)
{
	char err[HARK_ERR_MAX] = "";

	if (model)
		return 0;
	if (sentiment_load(&model, NULL, err) < 0) {
		fprintf(stderr, "fuzz_sentiment: %s (run `make data` or set HARK_DATA_DIR)\n", err);
		exit(2);
	}
	atexit(unload);
	return 0;
}

static void check_scores(const struct sentiment_scores *sc)
{
	CHECK(isfinite(sc->compound) && sc->compound >= -1.0 && sc->compound <= 1.0);
	CHECK(isfinite(sc->neg) && sc->neg >= 0.0 && sc->neg <= 1.0 + 1e-9);
	CHECK(isfinite(sc->neu) && sc->neu >= 0.0 && sc->neu <= 1.0 + 1e-9);
	CHECK(isfinite(sc->pos) && sc->pos >= 0.0 && sc->pos <= 1.0 + 1e-9);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {"en", "tr", "auto", NULL};
	static const enum sentiment_model models[] = {SENTIMENT_HARK, SENTIMENT_VADER};
	const char *text = (const char *)data;
	size_t m, l;

	load();
	(void)lang_detect(text, size);
	for (m = 0; m < 2; m++) {
		for (l = 0; l < 4; l++) {
			struct sentiment_scores sc;
			struct sentiment_explain ex = {0};
			const char *used = NULL;
			int with_explain = (m + l) % 2;
			memset(&sc, 0, sizeof(sc));
			if (sentiment_score(model, models[m], langs[l], text, size, &sc, &used,
			                    with_explain ? &ex : NULL) == 0) {
				check_scores(&sc);
				/* auto names what the words tell, or NULL when they do not */
				CHECK(used == NULL || (strlen(used) == 2 && used[0] >= 'a' && used[0] <= 'z' &&
				                       used[1] >= 'a' && used[1] <= 'z'));
				(void)sentiment_label(sc.compound);
			}
			sentiment_explain_free(&ex);
		}
	}
	return 0;
}

#include "fuzz_main.h"
