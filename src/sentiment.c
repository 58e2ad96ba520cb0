/* sentiment.c - loading the lexicons and dispatching a text to the English
 * (VADER or hark) or Turkish scorer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hark/sentiment.h"
#include "hark/util.h"
#include "sentiment_int.h"

/* The data next to the running binary: build/data beside build/hark, or
 * PREFIX/share/hark for PREFIX/bin/hark, wherever the tree was moved or
 * installed (make install PREFIX=... after a plain build included). */
static const char *data_dir_near_binary(void)
{
	static const char *const rel[] = {"/data", "/../share/hark"};
	static char dir[4160];
	char exe[4096], probe[4160];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(probe, sizeof(probe), "%s%s/vader_lexicon.txt", exe, rel[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(dir, sizeof(dir), "%s%s", exe, rel[i]);
			return dir;
		}
	}
	return NULL;
}

const char *sentiment_data_dir(void)
{
	const char *d = getenv("HARK_DATA_DIR");
	if (d && *d)
		return d;
	if ((d = data_dir_near_binary()) != NULL)
		return d;
	if (access(HARK_BUILD_DATADIR "/vader_lexicon.txt", R_OK) == 0)
		return HARK_BUILD_DATADIR;
	return HARK_INSTALL_DATADIR;
}

static char *read_data(const char *dir, const char *name, size_t *len, char *err)
{
	char path[4096];
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		errf(err, "data dir path too long");
		return NULL;
	}
	return slurp(path, len, err);
}

/* Remove U+FE0F (variation selector 16) so that keys match with or without. */
static size_t drop_vs16(char *b, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n && (unsigned char)b[i] == 0xef && (unsigned char)b[i + 1] == 0xb8 &&
		    (unsigned char)b[i + 2] == 0x8f) {
			i += 2;
			continue;
		}
		b[o++] = b[i];
	}
	return o;
}

static int load_file(struct lex *l, const char *dir, const char *name, int ours, int vs16, char *err)
{
	size_t len;
	char *buf = read_data(dir, name, &len, err);
	if (!buf)
		return -1;
	if (vs16)
		len = drop_vs16(buf, len);
	int rc = lex_load_buf(l, buf, len, ours, err, name);
	free(buf);
	return rc;
}

int sentiment_load(struct sentiment **out, const char *data_dir, char *err)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	*out = NULL;
	if (!data_dir)
		data_dir = sentiment_data_dir();
	struct sentiment *s = calloc(1, sizeof(*s));
	if (!s) {
		errf(err, "out of memory");
		return -1;
	}
	if (lex_init(&s->vader, 8192) < 0 || lex_init(&s->hark, 8192) < 0 ||
	    lex_init(&s->emoji, 512) < 0 || lex_init(&s->tr, 8192) < 0 ||
	    lex_init(&s->tr_real, 4096) < 0) {
		errf(err, "out of memory");
		goto fail;
	}
	if (load_file(&s->vader, data_dir, "vader_lexicon.txt", 0, 0, err) < 0 ||
	    load_file(&s->hark, data_dir, "vader_lexicon.txt", 0, 0, err) < 0 ||
	    load_file(&s->hark, data_dir, "en_commerce.tsv", 1, 0, err) < 0 ||
	    load_file(&s->emoji, data_dir, "emoji.tsv", 1, 1, err) < 0)
		goto fail;
	if (vader_add_rule_words(&s->vader) < 0 || vader_add_rule_words(&s->hark) < 0) {
		errf(err, "out of memory");
		goto fail;
	}
	if (tr_load(s, data_dir, err) < 0 || vader_load_emoji_desc(s, data_dir, err) < 0)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s->load_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	*out = s;
	return 0;
fail:
	sentiment_free(s);
	return -1;
}

void sentiment_free(struct sentiment *s)
{
	if (!s)
		return;
	lex_free(&s->vader);
	lex_free(&s->hark);
	lex_free(&s->tr);
	lex_free(&s->tr_real);
	lex_free(&s->emoji);
	free(s->emo);
	free(s->emo_text);
	free(s);
}

double sentiment_load_ms(const struct sentiment *s)
{
	return s->load_ms;
}

int sentiment_score(const struct sentiment *s, enum sentiment_model model,
                    const char *lang, const char *text, size_t len,
                    struct sentiment_scores *out, const char **lang_out,
                    struct sentiment_explain *explain)
{
	const char *l;
	if (!text) {
		text = "";
		len = 0;
	}
	if (lang && !strcmp(lang, "tr"))
		l = "tr";
	else if (lang && !strcmp(lang, "en"))
		l = "en";
	else {
		l = lang_guess(text, len);
		if (!l && tr_lexicon_vote(s, text, len))
			l = "tr";
		if (lang_out)
			*lang_out = l;
		if (!l || strcmp(l, "tr"))
			l = "en";
		lang_out = NULL;
	}
	if (lang_out)
		*lang_out = l;
	if (l[0] == 't')
		return tr_score(s, text, len, out, explain);
	return vader_score(s, model == SENTIMENT_HARK, text, len, out, explain);
}

void sentiment_explain_free(struct sentiment_explain *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		free(e->items[i].token);
	free(e->items);
	memset(e, 0, sizeof(*e));
}

const char *sentiment_label(double c)
{
	return c <= -0.05 ? "negative" : c >= 0.05 ? "positive" : "neutral";
}
