/* sentiment_int.h - internals shared by the sentiment modules: the lexicon
 * hash table, the per-text token arrays and the VADER scoring arithmetic. */
#ifndef HARK_SENTIMENT_INT_H
#define HARK_SENTIMENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "hark/sentiment.h"

/* Entry flags. */
enum {
	LEX_VAL = 1 << 0,     /* has a valence (is "in the lexicon") */
	LEX_BOOST = 1 << 1,   /* booster/dampener, value in boost */
	LEX_NEG = 1 << 2,     /* negation word (VADER's NEGATE list) */
	LEX_PHRASE = 1 << 3,  /* first word of a multi-word phrase */
	LEX_INTENS = 1 << 4,  /* Turkish: intensifier (boost) */
	LEX_CONTRAST = 1 << 5 /* contrast conjunction: "but", "ama" */
};

/* Function words the VADER rules test for by name. */
enum word_id {
	W_NONE = 0, W_NO, W_OR, W_NOR, W_KIND, W_OF, W_BUT, W_LEAST, W_AT,
	W_VERY, W_NEVER, W_SO, W_THIS, W_WITHOUT, W_DOUBT, W_THE, W_SHIT,
	W_BOMB, W_BAD, W_ASS, W_BUS, W_STOP, W_YEAH, W_RIGHT, W_KISS, W_DEATH,
	W_TO, W_DIE, W_FOR, W_BEATING, W_HEART, W_BROKEN, W_JUST, W_ENOUGH,
	W_SORT,
	/* Turkish */
	W_TR_DEGIL, W_TR_YOK, W_TR_HIC, W_TR_VAR, W_TR_EN, W_TR_SON, W_TR_DERECE,
	W_TR_HIC_DE, W_TR_MI
};

struct lex_entry {
	double val;     /* valence when LEX_VAL */
	double boost;   /* when LEX_BOOST */
	uint32_t key;   /* offset of the key in the key arena */
	uint16_t klen;
	uint16_t flags;
	uint16_t wid;   /* enum word_id */
	int phrase;     /* first phrase starting with this word, -1 if none */
};

struct lex_phrase {
	char *words;    /* lowercased words separated by single spaces */
	size_t nwords;
	double val;
	int next;       /* next phrase with the same first word, -1 */
};

struct lex {
	struct lex_entry *e;
	size_t n, cap;
	uint64_t *slot; /* hash << 32 | entry index + 1, 0 = empty */
	size_t mask;
	char *keys;
	size_t klen, kcap;
	struct lex_phrase *ph;
	size_t nph, capph;
	uint64_t bloom[2048]; /* one bit per hash (17 bits of it): most misses end here */
};

int lex_init(struct lex *l, size_t hint);
void lex_free(struct lex *l);
const struct lex_entry *lex_find(const struct lex *l, const char *k, size_t n);
uint32_t lex_hash(const char *k, size_t n); /* FNV-1a */
const struct lex_entry *lex_find_h(const struct lex *l, const char *k, size_t n, uint32_t h);
/* Find or add; NULL on allocation failure. */
struct lex_entry *lex_get(struct lex *l, const char *k, size_t n);
const char *lex_key(const struct lex *l, const struct lex_entry *e);
/* Parse "word<TAB>valence..." lines (VADER format and ours; '#' comments
 * only when hash_comments). Phrases (words with spaces) become phrases. */
int lex_load_buf(struct lex *l, const char *buf, size_t len, int hash_comments,
                 char *err, const char *what);
int lex_add_phrase(struct lex *l, const char *words, size_t n, double val);

/* The English function-word tables (boosters, negations, word ids). */
int vader_add_rule_words(struct lex *l);

struct sentiment {
	struct lex vader;   /* the VADER lexicon, as published */
	struct lex hark;    /* VADER + emoji + e-commerce overlay */
	struct lex tr;      /* Turkish, folded to ASCII */
	struct lex tr_real; /* Turkish words with Turkish letters, as spelt */
	struct lex emoji;   /* emoji clusters (keys without VS16/skin tones) */
	/* optional: the reference's emoji_utf8_lexicon.txt (one code point ->
	 * its description), used by the vader model when present */
	struct emoji_desc { uint32_t cp; uint32_t off; } *emo;
	size_t nemo;
	char *emo_text;
	double load_ms;
};

/* Rule bits recorded per token for --explain. */
enum {
	R_LEXICON = 1 << 0, R_NEGATED = 1 << 1, R_BOOSTER = 1 << 2,
	R_CAPS = 1 << 3, R_BUT = 1 << 4, R_IDIOM = 1 << 5, R_LEAST = 1 << 6,
	R_NEVER_SO = 1 << 7, R_PHRASE = 1 << 8, R_EMOJI = 1 << 9,
	R_DAMPENER = 1 << 10, R_STEM = 1 << 11, R_CONTRAST = 1 << 12,
	R_NO = 1 << 13
};

/* One token of a text being scored. */
struct tok {
	const char *s;  /* as written (after VADER's punctuation rule) */
	uint32_t len;
	uint16_t flags; /* LEX_* of its entry (0 when not found) */
	uint16_t wid;
	uint8_t upper;  /* Python str.isupper() */
	uint8_t negw;   /* negation word or contains "n't" */
	uint8_t consumed; /* inside a phrase started earlier (hark) */
	double val;     /* lexicon valence when flags & LEX_VAL */
	double boost;
	unsigned rules;
};

struct toks {
	struct tok *t;
	size_t n, cap;
	struct tok fixed[128];
	double *v;      /* valence per token */
	double vfixed[128];
};

void toks_init(struct toks *ts);
int toks_reserve(struct toks *ts, size_t n);
void toks_free(struct toks *ts);

/* Python's str.isupper() for one token. */
int py_isupper(const char *s, size_t n);
/* Lowercase (Python str.lower()) into out (cap bytes); returns the length
 * or (size_t)-1 when it does not fit. */
size_t py_lower(const char *s, size_t n, char *out, size_t cap);
/* Length of the Unicode whitespace character at s (Python str.isspace()),
 * 0 if none. */
size_t py_space_len(const char *s, const char *end);

/* The final VADER arithmetic: sums, punctuation emphasis, normalisation
 * and the neg/neu/pos proportions. */
void vader_scores(const double *v, size_t n, const char *text, size_t len,
                  struct sentiment_scores *out);

/* Load emoji_utf8_lexicon.txt when the data dir has it (0 also when not). */
int vader_load_emoji_desc(struct sentiment *s, const char *dir, char *err);

/* Scorers. Fill v/ts and the scores. */
int vader_score(const struct sentiment *s, int hark, const char *text,
                size_t len, struct sentiment_scores *out,
                struct sentiment_explain *ex);
int tr_score(const struct sentiment *s, const char *text, size_t len,
             struct sentiment_scores *out, struct sentiment_explain *ex);
int tr_load(struct sentiment *s, const char *dir, char *err);
/* Nonzero when more words of the text are in the Turkish lexicon than in
 * VADER's: the tie-breaker of --lang auto when lang_guess cannot tell. */
int tr_lexicon_vote(const struct sentiment *s, const char *text, size_t len);

/* Emoji: length of the grapheme cluster at s if it is an emoji cluster
 * (0 otherwise). */
size_t emoji_cluster_len(const char *s, const char *end);
/* Valence of an emoji cluster from the emoji table, 1 if found. */
int emoji_valence(const struct sentiment *s, const char *c, size_t n, double *val);

/* Explain helpers. */
int explain_add(struct sentiment_explain *ex, const char *tok, size_t n,
                double val, unsigned rules);

/* Read a whole file; caller frees. */
char *slurp(const char *path, size_t *len, char *err);

#endif
