/* sentiment.h - lexicon sentiment scoring, English (VADER and hark) and
 * Turkish. Pure: no I/O besides loading the lexicons once. */
#ifndef HARK_SENTIMENT_H
#define HARK_SENTIMENT_H

#include <stddef.h>

struct sentiment;

enum sentiment_model { SENTIMENT_HARK = 0, SENTIMENT_VADER = 1 };

struct sentiment_scores {
	double neg, neu, pos, compound;
};

/* One token's part in a score, for --explain and alert messages. */
struct sentiment_token {
	char *token;      /* as written */
	double valence;   /* final contribution */
	char rule[64];    /* what changed it: "lexicon", "negated", "booster", ... */
};

struct sentiment_explain {
	struct sentiment_token *items;
	size_t n, cap;
};

/* Load lexicons from data_dir (NULL = sentiment_data_dir()). */
int sentiment_load(struct sentiment **out, const char *data_dir, char *err);
void sentiment_free(struct sentiment *s);

/* HARK_DATA_DIR, else the build tree's data dir, else the install prefix. */
const char *sentiment_data_dir(void);

/* lang: "en", "tr", or NULL/"auto" to detect. lang_out (may be NULL)
 * receives the language: the one given, else lang_guess()'s answer (NULL
 * when unknown; such texts are scored as English). explain may be NULL. */
int sentiment_score(const struct sentiment *s, enum sentiment_model model,
                    const char *lang, const char *text, size_t len,
                    struct sentiment_scores *out, const char **lang_out,
                    struct sentiment_explain *explain);
void sentiment_explain_free(struct sentiment_explain *e);

/* "negative" (compound <= -0.05), "positive" (>= 0.05) or "neutral". */
const char *sentiment_label(double compound);

/* Milliseconds sentiment_load took. */
double sentiment_load_ms(const struct sentiment *s);

/* "tr" or "en" for a text (letters ğ ı ş İ, function words): the scorer
 * to use. */
const char *lang_detect(const char *text, size_t len);
/* The language a text is in, as far as its words tell: "en", "tr", "de",
 * "es", "fr", "it", "nl", "pt", or NULL when they do not tell (a short
 * text, emoji, another language). */
const char *lang_guess(const char *text, size_t len);

#endif
