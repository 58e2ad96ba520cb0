/* sentiment.c - STUB until the sentiment issue lands: everything neutral. */
#include <stdlib.h>
#include <string.h>

#include "hark/sentiment.h"
#include "hark/util.h"

struct sentiment { int unused; };

int sentiment_load(struct sentiment **out, const char *data_dir, char *err)
{
	(void)data_dir; (void)err;
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -1;
}

void sentiment_free(struct sentiment *s) { free(s); }

const char *sentiment_data_dir(void)
{
	const char *d = getenv("HARK_DATA_DIR");
	return d && *d ? d : HARK_BUILD_DATADIR;
}

int sentiment_score(const struct sentiment *s, enum sentiment_model model,
                    const char *lang, const char *text, size_t len,
                    struct sentiment_scores *out, const char **lang_out,
                    struct sentiment_explain *explain)
{
	(void)s; (void)model; (void)explain;
	memset(out, 0, sizeof(*out));
	out->neu = 1.0;
	if (lang_out)
		*lang_out = lang && strcmp(lang, "auto") ? lang : lang_detect(text, len);
	return 0;
}

void sentiment_explain_free(struct sentiment_explain *e) { (void)e; }

const char *sentiment_label(double c)
{
	return c <= -0.05 ? "negative" : c >= 0.05 ? "positive" : "neutral";
}

const char *lang_detect(const char *text, size_t len)
{
	(void)text; (void)len;
	return "en";
}
