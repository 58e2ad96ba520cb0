/* vader.c - VADER (Hutto & Gilbert 2014), ported from the behaviour of the
 * reference Python vaderSentiment (commit 44fc044), and hark's English
 * model, which is the same rules on a richer token stream (emoji grapheme
 * clusters, a commerce overlay with phrases).
 *
 * The reference's quirks are reproduced on purpose, because the port must
 * print the same numbers: str.split() on Unicode whitespace, strip of ASCII
 * punctuation unless that leaves two characters or fewer, the "but" rule
 * that rescales the first equal value rather than the current one, and
 * "never so/this" tested with Python's and/or precedence. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include <errno.h>
#include <unistd.h>

#include "hark/util.h"
#include "sentiment_int.h"

#define B_INCR 0.293
#define B_DECR (-0.293)
#define C_INCR 0.733
#define N_SCALAR (-0.74)

static const char *const negate_words[] = {
	"aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
	"ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
	"dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
	"don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
	"neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing",
	"nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
	"oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
	"without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
	"despite",
};

/* Single-word boosters (+) and dampeners (-). The two-word ones ("kind
 * of", "sort of", "just enough") only matter as bigrams in the idiom check. */
static const char *const booster_up[] = {
	"absolutely", "amazingly", "awfully", "completely", "considerable",
	"considerably", "decidedly", "deeply", "effing", "enormous", "enormously",
	"entirely", "especially", "exceptional", "exceptionally", "extreme",
	"extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
	"fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking",
	"fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible",
	"incredibly", "intensely", "major", "majorly", "more", "most",
	"particularly", "purely", "quite", "really", "remarkably", "so",
	"substantially", "thoroughly", "total", "totally", "tremendous",
	"tremendously", "uber", "unbelievably", "unusually", "utter", "utterly",
	"very",
};
static const char *const booster_down[] = {
	"almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less",
	"little", "marginal", "marginally", "occasional", "occasionally", "partly",
	"scarce", "scarcely", "slight", "slightly", "somewhat", "sorta", "sortof",
	"sort-of",
};

static const struct { const char *w; enum word_id id; } word_ids[] = {
	{"no", W_NO}, {"or", W_OR}, {"nor", W_NOR}, {"kind", W_KIND},
	{"of", W_OF}, {"but", W_BUT}, {"least", W_LEAST}, {"at", W_AT},
	{"very", W_VERY}, {"never", W_NEVER}, {"so", W_SO}, {"this", W_THIS},
	{"without", W_WITHOUT}, {"doubt", W_DOUBT}, {"the", W_THE},
	{"shit", W_SHIT}, {"bomb", W_BOMB}, {"bad", W_BAD}, {"ass", W_ASS},
	{"bus", W_BUS}, {"stop", W_STOP}, {"yeah", W_YEAH}, {"right", W_RIGHT},
	{"kiss", W_KISS}, {"death", W_DEATH}, {"to", W_TO}, {"die", W_DIE},
	{"for", W_FOR}, {"beating", W_BEATING}, {"heart", W_HEART},
	{"broken", W_BROKEN}, {"just", W_JUST}, {"enough", W_ENOUGH},
	{"sort", W_SORT},
};

/* VADER's special cases that span words ("badass" is one token and in the
 * lexicon's own right, so it cannot match a two-word sequence). */
static const struct { uint16_t w[3]; double val; } special_cases[] = {
	{{W_THE, W_SHIT, 0}, 3}, {{W_THE, W_BOMB, 0}, 3}, {{W_BAD, W_ASS, 0}, 1.5},
	{{W_BUS, W_STOP, 0}, 0.0}, {{W_YEAH, W_RIGHT, 0}, -2},
	{{W_KISS, W_OF, W_DEATH}, -1.5}, {{W_TO, W_DIE, W_FOR}, 3},
	{{W_BEATING, W_HEART, 0}, 3.1}, {{W_BROKEN, W_HEART, 0}, -2.9},
};

static void cclass_init(void);

int vader_add_rule_words(struct lex *l)
{
	struct lex_entry *e;
	cclass_init();
	for (size_t i = 0; i < sizeof(negate_words) / sizeof(*negate_words); i++) {
		if (!(e = lex_get(l, negate_words[i], strlen(negate_words[i]))))
			return -1;
		e->flags |= LEX_NEG;
	}
	for (size_t i = 0; i < sizeof(booster_up) / sizeof(*booster_up); i++) {
		if (!(e = lex_get(l, booster_up[i], strlen(booster_up[i]))))
			return -1;
		e->flags |= LEX_BOOST;
		e->boost = B_INCR;
	}
	for (size_t i = 0; i < sizeof(booster_down) / sizeof(*booster_down); i++) {
		if (!(e = lex_get(l, booster_down[i], strlen(booster_down[i]))))
			return -1;
		e->flags |= LEX_BOOST;
		e->boost = B_DECR;
	}
	for (size_t i = 0; i < sizeof(word_ids) / sizeof(*word_ids); i++) {
		if (!(e = lex_get(l, word_ids[i].w, strlen(word_ids[i].w))))
			return -1;
		e->wid = (uint16_t)word_ids[i].id;
	}
	return 0;
}

/* ---- Python string semantics ---- */

size_t py_space_len(const char *s, const char *end)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) ? 1 : 0;
	if (end - s >= 2 && c == 0xc2)
		return ((unsigned char)s[1] == 0x85 || (unsigned char)s[1] == 0xa0) ? 2 : 0;
	if (end - s < 3)
		return 0;
	unsigned char c1 = (unsigned char)s[1], c2 = (unsigned char)s[2];
	if (c == 0xe1 && c1 == 0x9a && c2 == 0x80)
		return 3; /* U+1680 */
	if (c == 0xe2 && c1 == 0x80 && (c2 <= 0x8a || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf))
		return 3; /* U+2000..200A, 2028, 2029, 202F */
	if (c == 0xe2 && c1 == 0x81 && c2 == 0x9f)
		return 3; /* U+205F */
	if (c == 0xe3 && c1 == 0x80 && c2 == 0x80)
		return 3; /* U+3000 */
	return 0;
}

int py_isupper(const char *s, size_t n)
{
	int cased = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c >= 'a' && c <= 'z')
				return 0;
			if (c >= 'A' && c <= 'Z')
				cased = 1;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT)
			return 0;
		if (cat == UTF8PROC_CATEGORY_LU)
			cased = 1;
	}
	return cased;
}

size_t py_lower(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (o >= cap)
				return (size_t)-1;
			out[o++] = (char)TO_LOWER(c);
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			if (o >= cap)
				return (size_t)-1;
			out[o++] = (char)c;
			i++;
			continue;
		}
		i += (size_t)k;
		if (o + 8 > cap)
			return (size_t)-1;
		if (cp == 0x130) { /* full lowercase mapping: i + combining dot */
			memcpy(out + o, "i\xcc\x87", 3);
			o += 3;
			continue;
		}
		o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + o);
	}
	return o;
}

/* Byte classes: ASCII whitespace (Python's), punctuation (string.punctuation),
 * upper, lower, non-ASCII. */
enum { C_SPACE = 1, C_PUNCT = 2, C_UPPER = 4, C_LOWER = 8, C_HIGH = 16 };
static unsigned char cclass[256];

static void cclass_init(void)
{
	if (cclass[0x80])
		return;
	for (int c = 0; c < 256; c++) {
		unsigned char k = 0;
		if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f))
			k = C_SPACE;
		else if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
		         (c >= 123 && c <= 126))
			k = C_PUNCT;
		else if (c >= 'A' && c <= 'Z')
			k = C_UPPER;
		else if (c >= 'a' && c <= 'z')
			k = C_LOWER;
		else if (c >= 0x80)
			k = C_HIGH;
		cclass[c] = k;
	}
}

static int is_ascii_punct(unsigned char c)
{
	return cclass[c] & C_PUNCT;
}

/* Not a Python whitespace character at p (ASCII fast path). */
static inline int not_space(const char *p, const char *end)
{
	unsigned char k = cclass[(unsigned char)*p];
	if (k & C_SPACE)
		return 0;
	return !(k & C_HIGH) || py_space_len(p, end) == 0;
}

static size_t count_cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* ---- token arrays ---- */

void toks_init(struct toks *ts)
{
	ts->t = ts->fixed;
	ts->v = ts->vfixed;
	ts->n = 0;
	ts->cap = sizeof(ts->fixed) / sizeof(*ts->fixed);
}

int toks_reserve(struct toks *ts, size_t n)
{
	if (n <= ts->cap)
		return 0;
	size_t cap = ts->cap * 2;
	while (cap < n)
		cap *= 2;
	struct tok *t = malloc(cap * sizeof(*t));
	double *v = malloc(cap * sizeof(*v));
	if (!t || !v) {
		free(t);
		free(v);
		return -1;
	}
	memcpy(t, ts->t, ts->n * sizeof(*t));
	memcpy(v, ts->v, ts->n * sizeof(*v));
	if (ts->t != ts->fixed) {
		free(ts->t);
		free(ts->v);
	}
	ts->t = t;
	ts->v = v;
	ts->cap = cap;
	return 0;
}

void toks_free(struct toks *ts)
{
	if (ts->t != ts->fixed) {
		free(ts->t);
		free(ts->v);
	}
	toks_init(ts);
}

static int has_nt(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if ((s[i] == 'n' || s[i] == 'N') && s[i + 1] == '\'' && (s[i + 2] == 't' || s[i + 2] == 'T'))
			return 1;
	return 0;
}

/* A token's lexicon attributes from its entry (none when e is NULL). */
static void tok_apply(struct tok *t, const struct lex_entry *e)
{
	t->flags = e ? e->flags : 0;
	t->wid = e ? e->wid : 0;
	t->val = e ? e->val : 0;
	t->boost = e ? e->boost : 0;
}

/* Fill a token's lexicon attributes from its lowercase form. */
static const struct lex_entry *tok_lookup(const struct lex *lx, struct tok *t, const char *low, size_t ln)
{
	const struct lex_entry *e = ln != (size_t)-1 ? lex_find(lx, low, ln) : NULL;
	tok_apply(t, e);
	t->negw = (t->flags & LEX_NEG) || has_nt(t->s, t->len);
	return e;
}

/* The same for a word the fast ASCII scan lowercased and hashed (h) and
 * classified (seen: case bits, 0x100 when it holds an apostrophe). */
static const struct lex_entry *tok_set_entry(struct tok *t, const struct lex *lx, const char *low, size_t n,
                                             uint32_t h, unsigned seen, const char *w)
{
	const struct lex_entry *e = lex_find_h(lx, low, n, h);

	t->upper = (seen & C_UPPER) && !(seen & C_LOWER);
	tok_apply(t, e);
	t->negw = (t->flags & LEX_NEG) || ((seen & 0x100) && has_nt(w, n));
	return e;
}

/* *ep (when ep is not NULL): the token's lexicon entry, NULL if none. */
static int push_tok(struct toks *ts, const struct lex *lx, const char *s, size_t n,
                    const struct lex_entry **ep)
{
	if (ts->n == ts->cap && toks_reserve(ts, ts->n + 1) < 0)
		return -1;
	struct tok *t = &ts->t[ts->n++];
	char low[128];
	t->s = s;
	t->len = (uint32_t)n;
	t->rules = 0;
	t->consumed = 0;
	if (n <= 64) {
		/* ASCII: lowercase, hash, isupper and "n't" in one pass */
		uint32_t h = 2166136261u;
		unsigned seen = 0;
		size_t i = 0;
		for (; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			unsigned char k = cclass[c];
			if (k & C_HIGH)
				break;
			seen |= k;
			if (k & C_UPPER)
				c += 32;
			else if (c == '\'')
				seen |= 0x100;
			low[i] = (char)c;
			h = (h ^ c) * 16777619u;
		}
		if (i == n) {
			const struct lex_entry *e = tok_set_entry(t, lx, low, n, h, seen, s);
			if (ep)
				*ep = e;
			return 0;
		}
	}
	t->upper = (uint8_t)py_isupper(s, n);
	const struct lex_entry *e = tok_lookup(lx, t, low, py_lower(s, n, low, sizeof(low)));
	if (ep)
		*ep = e;
	return 0;
}

/* VADER's _strip_punc_if_word. */
static void strip_punc(const char **ps, size_t *pn)
{
	const char *a = *ps, *b = *ps + *pn;
	while (a < b && is_ascii_punct((unsigned char)*a))
		a++;
	while (b > a && is_ascii_punct((unsigned char)b[-1]))
		b--;
	size_t sn = (size_t)(b - a);
	if (sn == *pn)
		return;
	if (sn > 8 || (sn > 2 && count_cps(a, sn) > 2)) {
		*ps = a;
		*pn = (size_t)(b - a);
	}
}

static int tokenize_vader(struct toks *ts, const struct lex *lx, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	for (;;) {
		size_t k;
		while (p < end && (cclass[(unsigned char)*p] & C_SPACE))
			p++;
		while (p < end && (k = py_space_len(p, end)) > 0)
			p += k;
		if (p >= end)
			break;
		const char *w = p;
		while (p < end && not_space(p, end))
			p++;
		const char *s = w;
		size_t n = (size_t)(p - w);
		strip_punc(&s, &n);
		if (push_tok(ts, lx, s, n, NULL) < 0)
			return -1;
	}
	return 0;
}

/* hark: a word that VADER's rule left with its punctuation ("ok.", "meh!")
 * is looked up without it when that finds a word. */
static int push_word_hark(struct toks *ts, const struct lex *lx, const char *w, size_t wn,
                          const struct lex_entry **ep)
{
	/* strip_punc, keeping the stripped bounds for the second look */
	const char *s = w, *a = w, *b = w + wn;
	size_t n = wn;
	while (a < b && is_ascii_punct((unsigned char)*a))
		a++;
	while (b > a && is_ascii_punct((unsigned char)b[-1]))
		b--;
	size_t sn = (size_t)(b - a);
	if (sn != wn && (sn > 8 || (sn > 2 && count_cps(a, sn) > 2))) {
		s = a;
		n = sn;
	}
	if (push_tok(ts, lx, s, n, ep) < 0)
		return -1;
	struct tok *t = &ts->t[ts->n - 1];
	if (t->flags & (LEX_VAL | LEX_BOOST | LEX_NEG | LEX_PHRASE))
		return 0;
	if (a == b || (a == s && b == s + n))
		return 0;
	for (const char *q = a; q < b; q++)
		if (!IS_ALPHA(*q))
			return 0;
	char low[128];
	struct tok save = *t;
	t->s = a;
	t->len = (uint32_t)(b - a);
	const struct lex_entry *e = tok_lookup(lx, t, low, py_lower(a, (size_t)(b - a), low, sizeof(low)));
	if (!(t->flags & (LEX_VAL | LEX_BOOST | LEX_NEG))) {
		*t = save;
	} else {
		t->upper = (uint8_t)py_isupper(t->s, t->len);
		*ep = e;
	}
	return 0;
}

/* py_lower(a, n) == q[0..qn) (a 128-byte lowercase buffer as before);
 * ASCII words are compared in place. */
static int word_eq_lower(const char *a, size_t n, const char *q, size_t qn)
{
	size_t i = 0;
	if (n == qn && n <= 128) {
		for (; i < n; i++) {
			unsigned char c = (unsigned char)a[i];
			if (c >= 0x80)
				break;
			if ((unsigned char)TO_LOWER(c) != (unsigned char)q[i])
				return 0;
		}
		if (i == n)
			return 1;
	} else {
		for (; i < n; i++)
			if ((unsigned char)a[i] >= 0x80)
				break;
		if (i == n)
			return 0; /* ASCII: the lowercase form has n bytes, or none past 128 */
	}
	char wl[128];
	size_t wn = py_lower(a, n, wl, sizeof(wl));
	return wn == qn && memcmp(wl, q, qn) == 0;
}

/* A token that may start an overlay phrase, with its lexicon entry. */
struct phrase_start {
	size_t i;
	const struct lex_entry *e;
};
#define PHRASE_STARTS 32

static void match_phrase(const struct lex *lx, struct toks *ts, size_t i,
                         const struct lex_entry *e, size_t ln);

/* push_word_hark, noting a token that may start a phrase (*nphs counts
 * past PHRASE_STARTS when they do not fit). */
static int push_word(struct toks *ts, const struct lex *lx, const char *w, size_t wn,
                     struct phrase_start *phs, size_t *nphs)
{
	const struct lex_entry *e = NULL;
	if (push_word_hark(ts, lx, w, wn, &e) < 0)
		return -1;
	if ((ts->t[ts->n - 1].flags & LEX_PHRASE) && *nphs <= PHRASE_STARTS) {
		if (*nphs < PHRASE_STARTS) {
			phs[*nphs].i = ts->n - 1;
			phs[*nphs].e = e;
		}
		(*nphs)++;
	}
	return 0;
}

/* The common word: ASCII, at most 64 bytes, not starting with punctuation,
 * and either without trailing punctuation or long enough for VADER's rule
 * to strip it. It is scanned, lowercased and hashed in one pass and pushed
 * as push_word() would. Returns its length, 0 when the word is not such a
 * word (nothing pushed), (size_t)-1 when out of memory. */
static size_t push_ascii_word(struct toks *ts, const struct lex *lx, const char *w,
                              const char *end, struct phrase_start *phs, size_t *nphs)
{
	char low[64];
	uint32_t h = 2166136261u, hs = h;
	unsigned seen = 0, seens = 0;
	size_t i = 0, sn = 0;
	if (is_ascii_punct((unsigned char)*w))
		return 0;
	for (; w + i < end; i++) {
		unsigned char c = (unsigned char)w[i];
		unsigned char k = cclass[c];
		if (k & C_SPACE)
			break;
		if ((k & C_HIGH) || i == sizeof(low))
			return 0;
		seen |= k;
		if (k & C_UPPER)
			c += 32;
		else if (c == '\'')
			seen |= 0x100;
		low[i] = (char)c;
		h = (h ^ c) * 16777619u;
		if (!(k & C_PUNCT)) {
			sn = i + 1;
			hs = h;
			seens = seen;
		}
	}
	size_t wn = i, n = wn;
	if (sn != wn) {
		if (sn <= 2)
			return 0; /* kept with its punctuation: push_word_hark's second look */
		n = sn;
		h = hs;
		seen = seens;
	}
	if (ts->n == ts->cap && toks_reserve(ts, ts->n + 1) < 0)
		return (size_t)-1;
	struct tok *t = &ts->t[ts->n++];
	t->s = w;
	t->len = (uint32_t)n;
	t->rules = 0;
	t->consumed = 0;
	const struct lex_entry *e = tok_set_entry(t, lx, low, n, h, seen, w);
	if ((t->flags & LEX_PHRASE) && *nphs <= PHRASE_STARTS) {
		if (*nphs < PHRASE_STARTS) {
			phs[*nphs].i = ts->n - 1;
			phs[*nphs].e = e;
		}
		(*nphs)++;
	}
	return wn;
}

static int tokenize_hark(const struct sentiment *s, struct toks *ts, const char *text, size_t len)
{
	const struct lex *lx = &s->hark;
	const char *p = text, *end = text + len;
	struct phrase_start phs[PHRASE_STARTS];
	size_t nphs = 0;
	for (;;) {
		while (p < end) {
			unsigned char cc = cclass[(unsigned char)*p];
			size_t k;
			if (cc & C_SPACE)
				p++;
			else if ((cc & C_HIGH) && (k = py_space_len(p, end)) > 0)
				p += k;
			else
				break;
		}
		if (p >= end)
			break;
		size_t aw = push_ascii_word(ts, lx, p, end, phs, &nphs);
		if (aw == (size_t)-1)
			return -1;
		if (aw) {
			p += aw;
			continue;
		}
		const char *w = p;
		while (p < end) {
			unsigned char c0 = (unsigned char)*p;
			unsigned char cc = cclass[c0];
			if (!(cc & (C_SPACE | C_HIGH))) {
				p++;
				continue;
			}
			if ((cc & C_SPACE) || py_space_len(p, end) > 0)
				break;
			size_t el = (c0 >= 0xe2 || c0 == 0xc2) ? emoji_cluster_len(p, end) : 0;
			if (!el) {
				p++;
				continue;
			}
			if (p > w && push_word(ts, lx, w, (size_t)(p - w), phs, &nphs) < 0)
				return -1;
			if (ts->n == ts->cap && toks_reserve(ts, ts->n + 1) < 0)
				return -1;
			struct tok *t = &ts->t[ts->n++];
			memset(t, 0, sizeof(*t));
			t->s = p;
			t->len = (uint32_t)el;
			double v;
			if (emoji_valence(s, p, el, &v)) {
				t->flags = LEX_VAL;
				t->val = v;
				t->rules = R_EMOJI;
			}
			p += el;
			w = p;
		}
		if (p > w && push_word(ts, lx, w, (size_t)(p - w), phs, &nphs) < 0)
			return -1;
	}
	/* multi-word phrases of the overlay: the tokens noted while pushing,
	 * unless there were more than PHRASE_STARTS of them */
	if (nphs <= PHRASE_STARTS) {
		for (size_t k = 0; k < nphs; k++) {
			struct tok *t = &ts->t[phs[k].i];
			if (!(t->flags & LEX_PHRASE) || t->consumed)
				continue;
			match_phrase(lx, ts, phs[k].i, phs[k].e, phs[k].e->klen);
		}
		return 0;
	}
	for (size_t i = 0; i < ts->n; i++) {
		struct tok *t = &ts->t[i];
		if (!(t->flags & LEX_PHRASE) || t->consumed)
			continue;
		char low[128];
		size_t ln = py_lower(t->s, t->len, low, sizeof(low));
		const struct lex_entry *e = ln != (size_t)-1 ? lex_find(lx, low, ln) : NULL;
		match_phrase(lx, ts, i, e, ln);
	}
	return 0;
}

/* The longest phrase of e's starting at token i (first word ln bytes
 * lowercased) becomes one token; the words after the first are consumed. */
static void match_phrase(const struct lex *lx, struct toks *ts, size_t i,
                         const struct lex_entry *e, size_t ln)
{
	struct tok *t = &ts->t[i];
	for (int pi = e ? e->phrase : -1; pi >= 0; pi = lx->ph[pi].next) {
		const struct lex_phrase *ph = &lx->ph[pi];
		if (i + ph->nwords > ts->n)
			continue;
		const char *q = ph->words + ln + 1; /* after the first word */
		size_t j = i + 1;
		for (; j < i + ph->nwords; j++) {
			const struct tok *u = &ts->t[j];
			const char *a = u->s, *b = u->s + u->len;
			while (b > a && is_ascii_punct((unsigned char)b[-1]))
				b--;
			/* an ASCII first letter that differs ends it (q is lowercase) */
			if (b > a && (unsigned char)*a < 0x80 && TO_LOWER(*a) != *q)
				break;
			const char *sp = strchr(q, ' ');
			size_t qn = sp ? (size_t)(sp - q) : strlen(q);
			if (!word_eq_lower(a, (size_t)(b - a), q, qn))
				break;
			q += qn + (sp ? 1 : 0);
		}
		if (j < i + ph->nwords)
			continue;
		const struct tok *last = &ts->t[i + ph->nwords - 1];
		t->len = (uint32_t)(last->s + last->len - t->s);
		t->flags = (uint16_t)((t->flags | LEX_VAL) & ~(LEX_BOOST | LEX_NEG));
		t->val = ph->val;
		t->negw = 0;
		t->rules |= R_PHRASE;
		for (j = i + 1; j < i + ph->nwords; j++) {
			struct tok *u = &ts->t[j];
			u->consumed = 1;
			u->flags = 0;
			u->wid = 0;
			u->negw = 0;
			u->val = 0;
		}
		break;
	}
}

/* ---- the rules ---- */

static double scalar_inc_dec(const struct tok *w, double valence, int capdiff)
{
	double scalar = 0.0;
	if (w->flags & LEX_BOOST) {
		scalar = w->boost;
		if (valence < 0)
			scalar *= -1;
		if (w->upper && capdiff) {
			if (valence > 0)
				scalar += C_INCR;
			else
				scalar -= C_INCR;
		}
	}
	return scalar;
}

static int wid_so_this(const struct tok *t) { return t->wid == W_SO || t->wid == W_THIS; }

static double negation_check(double v, const struct tok *t, int start_i, size_t i, unsigned *rules)
{
	if (start_i == 0) {
		if (t[i - 1].negw) {
			v *= N_SCALAR;
			*rules |= R_NEGATED;
		}
	} else if (start_i == 1) {
		if (t[i - 2].wid == W_NEVER && wid_so_this(&t[i - 1])) {
			v *= 1.25;
			*rules |= R_NEVER_SO;
		} else if (t[i - 2].wid == W_WITHOUT && t[i - 1].wid == W_DOUBT) {
			/* "without doubt" is not a negation */
		} else if (t[i - 2].negw) {
			v *= N_SCALAR;
			*rules |= R_NEGATED;
		}
	} else {
		/* the reference's and/or precedence: "so"/"this" right before the
		 * word amplifies even without "never" */
		if ((t[i - 3].wid == W_NEVER && wid_so_this(&t[i - 2])) || wid_so_this(&t[i - 1])) {
			v *= 1.25;
			*rules |= R_NEVER_SO;
		} else if (t[i - 3].wid == W_WITHOUT && (t[i - 2].wid == W_DOUBT || t[i - 1].wid == W_DOUBT)) {
		} else if (t[i - 3].negw) {
			v *= N_SCALAR;
			*rules |= R_NEGATED;
		}
	}
	return v;
}

static int sc_match(const struct tok *t, size_t a, size_t n, double *val)
{
	uint16_t w0 = t[a].wid;
	if (w0 != W_THE && w0 != W_BAD && w0 != W_BUS && w0 != W_YEAH && w0 != W_KISS &&
	    w0 != W_TO && w0 != W_BEATING && w0 != W_BROKEN)
		return 0;
	for (size_t k = 0; k < sizeof(special_cases) / sizeof(*special_cases); k++) {
		size_t m = special_cases[k].w[2] ? 3 : 2;
		if (m != n)
			continue;
		size_t j = 0;
		while (j < m && t[a + j].wid == special_cases[k].w[j])
			j++;
		if (j == m) {
			*val = special_cases[k].val;
			return 1;
		}
	}
	return 0;
}

static int is_booster_bigram(const struct tok *a, const struct tok *b)
{
	return (a->wid == W_KIND && b->wid == W_OF) || (a->wid == W_SORT && b->wid == W_OF) ||
	       (a->wid == W_JUST && b->wid == W_ENOUGH);
}

static double special_idioms_check(double v, const struct tok *t, size_t n, size_t i, unsigned *rules)
{
	double sv;
	/* onezero, twoonezero, twoone, threetwoone, threetwo: first match wins */
	if (sc_match(t, i - 1, 2, &sv) || sc_match(t, i - 2, 3, &sv) || sc_match(t, i - 2, 2, &sv) ||
	    sc_match(t, i - 3, 3, &sv) || sc_match(t, i - 3, 2, &sv)) {
		v = sv;
		*rules |= R_IDIOM;
	}
	if (n - 1 > i && sc_match(t, i, 2, &sv)) {
		v = sv;
		*rules |= R_IDIOM;
	}
	if (n - 1 > i + 1 && sc_match(t, i, 3, &sv)) {
		v = sv;
		*rules |= R_IDIOM;
	}
	/* booster bigrams ("kind of") among the three preceding words; the
	 * trigram never matches a two-word key */
	if (is_booster_bigram(&t[i - 3], &t[i - 2])) {
		v += B_DECR;
		*rules |= R_DAMPENER;
	}
	if (is_booster_bigram(&t[i - 2], &t[i - 1])) {
		v += B_DECR;
		*rules |= R_DAMPENER;
	}
	return v;
}

static double least_check(double v, const struct tok *t, size_t i, unsigned *rules)
{
	if (i > 1 && !(t[i - 1].flags & LEX_VAL) && t[i - 1].wid == W_LEAST) {
		if (t[i - 2].wid != W_AT && t[i - 2].wid != W_VERY) {
			v *= N_SCALAR;
			*rules |= R_LEAST;
		}
	} else if (i > 0 && !(t[i - 1].flags & LEX_VAL) && t[i - 1].wid == W_LEAST) {
		v *= N_SCALAR;
		*rules |= R_LEAST;
	}
	return v;
}

static double sentiment_valence(struct tok *t, size_t n, size_t i, int capdiff)
{
	struct tok *w = &t[i];
	if (!(w->flags & LEX_VAL))
		return 0;
	double v = w->val;
	unsigned rules = w->rules | R_LEXICON;
	if (w->wid == W_NO && i != n - 1 && (t[i + 1].flags & LEX_VAL)) {
		v = 0.0;
		rules |= R_NO;
	}
	if ((i > 0 && t[i - 1].wid == W_NO) || (i > 1 && t[i - 2].wid == W_NO) ||
	    (i > 2 && t[i - 3].wid == W_NO && (t[i - 1].wid == W_OR || t[i - 1].wid == W_NOR))) {
		v = w->val * N_SCALAR;
		rules |= R_NEGATED;
	}
	if (w->upper && capdiff) {
		if (v > 0)
			v += C_INCR;
		else
			v -= C_INCR;
		rules |= R_CAPS;
	}
	for (int start_i = 0; start_i < 3; start_i++) {
		if (i > (size_t)start_i && !(t[i - (size_t)start_i - 1].flags & LEX_VAL)) {
			double sc = scalar_inc_dec(&t[i - (size_t)start_i - 1], v, capdiff);
			if (start_i == 1 && sc != 0)
				sc = sc * 0.95;
			if (start_i == 2 && sc != 0)
				sc = sc * 0.9;
			if (sc != 0)
				rules |= sc * v > 0 ? R_BOOSTER : R_DAMPENER;
			v = v + sc;
			v = negation_check(v, t, start_i, i, &rules);
			if (start_i == 2)
				v = special_idioms_check(v, t, n, i, &rules);
		}
	}
	v = least_check(v, t, i, &rules);
	w->rules = rules;
	return v;
}

/* The reference's _but_check: for each position k it rescales the FIRST
 * value equal to the value at k (list.index), which differs from k when a
 * value repeats. Zeros are skipped: rescaling zero changes nothing. */
static void but_check(struct tok *t, double *v, size_t n)
{
	size_t bi = n;
	for (size_t i = 0; i < n; i++)
		if (t[i].wid == W_BUT) {
			bi = i;
			break;
		}
	if (bi == n)
		return;
	for (size_t k = 0; k < n; k++) {
		double x = v[k];
		if (x == 0)
			continue;
		size_t si = 0;
		while (v[si] != x)
			si++;
		if (si < bi) {
			v[si] = x * 0.5;
			t[si].rules |= R_BUT;
		} else if (si > bi) {
			v[si] = x * 1.5;
			t[si].rules |= R_BUT;
		}
	}
}

/* hark: the "but" rule as the paper describes it: words before the first
 * "but" count half, words after it one and a half. */
static void but_check_hark(struct tok *t, double *v, size_t n)
{
	size_t bi = n;
	for (size_t i = 0; i < n; i++)
		if (t[i].wid == W_BUT) {
			bi = i;
			break;
		}
	for (size_t i = 0; bi < n && i < n; i++) {
		if (v[i] == 0 || i == bi)
			continue;
		v[i] *= i < bi ? 0.5 : 1.5;
		t[i].rules |= R_BUT;
	}
}

void vader_scores(const double *v, size_t n, const char *text, size_t len,
                  struct sentiment_scores *out)
{
	memset(out, 0, sizeof(*out));
	if (n == 0)
		return;
	/* One pass. sum_s is sum() as the reference's Python (before 3.12,
	 * which added compensated summation) does it: left to right; the
	 * -0.0000 items depend on it. Zeros are left out of it: from +0.0 on,
	 * x + 0.0 == x and the sum is never -0.0. */
	double sum_s = 0.0, pos_sum = 0.0, neg_sum = 0.0;
	size_t neu = 0;
	for (size_t i = 0; i < n; i++) {
		double x = v[i];
		if (x > 0) {
			sum_s += x;
			pos_sum += x + 1;
		} else if (x < 0) {
			sum_s += x;
			neg_sum += x - 1;
		} else if (x == 0) {
			neu++;
		} else {
			sum_s += x; /* NaN */
		}
	}
	size_t ep = 0, qm = 0;
	for (const char *p = text, *e = text + len; (p = memchr(p, '!', (size_t)(e - p))) != NULL; p++)
		ep++;
	for (const char *p = text, *e = text + len; (p = memchr(p, '?', (size_t)(e - p))) != NULL; p++)
		qm++;
	if (ep > 4)
		ep = 4;
	double amp = (double)ep * 0.292;
	double qamp = 0;
	if (qm > 1)
		qamp = qm <= 3 ? (double)qm * 0.18 : 0.96;
	amp = amp + qamp;
	if (sum_s > 0)
		sum_s += amp;
	else if (sum_s < 0)
		sum_s -= amp;
	double comp = sum_s / sqrt(sum_s * sum_s + 15);
	if (comp < -1.0)
		comp = -1.0;
	else if (comp > 1.0)
		comp = 1.0;
	if (pos_sum > fabs(neg_sum))
		pos_sum += amp;
	else if (pos_sum < fabs(neg_sum))
		neg_sum -= amp;
	double total = pos_sum + fabs(neg_sum) + (double)neu;
	out->pos = fabs(pos_sum / total);
	out->neg = fabs(neg_sum / total);
	out->neu = fabs((double)neu / total);
	out->compound = comp;
}

int explain_add(struct sentiment_explain *ex, const char *tok, size_t n, double val, unsigned rules)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{R_EMOJI, "emoji"}, {R_PHRASE, "phrase"}, {R_STEM, "stem"},
		{R_NEGATED, "negated"}, {R_NO, "no+word"}, {R_BOOSTER, "booster"},
		{R_DAMPENER, "dampener"}, {R_CAPS, "caps"}, {R_NEVER_SO, "never-so"},
		{R_IDIOM, "idiom"}, {R_LEAST, "least"}, {R_BUT, "but"},
		{R_CONTRAST, "contrast"},
	};
	if (ex->n == ex->cap) {
		size_t cap = ex->cap ? ex->cap * 2 : 8;
		struct sentiment_token *it = realloc(ex->items, cap * sizeof(*it));
		if (!it)
			return -1;
		ex->items = it;
		ex->cap = cap;
	}
	struct sentiment_token *it = &ex->items[ex->n];
	it->token = xstrndup(tok, n);
	if (!it->token)
		return -1;
	it->valence = val;
	size_t o = 0;
	const char *base = "lexicon";
	if (rules & R_EMOJI)
		base = "emoji";
	else if (rules & R_PHRASE)
		base = "phrase";
	else if (rules & R_STEM)
		base = "stem";
	o = (size_t)snprintf(it->rule, sizeof(it->rule), "%s", base);
	for (size_t k = 3; k < sizeof(names) / sizeof(*names); k++) {
		if (!(rules & names[k].bit))
			continue;
		size_t l = strlen(names[k].name);
		if (o + l + 2 > sizeof(it->rule))
			break;
		it->rule[o++] = '+';
		memcpy(it->rule + o, names[k].name, l + 1);
		o += l;
	}
	ex->n++;
	return 0;
}

/* ---- the reference's emoji translation ---- */

static int emo_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct emoji_desc *)a)->cp, y = ((const struct emoji_desc *)b)->cp;
	return x < y ? -1 : x > y;
}

/* The reference replaces every code point found in emoji_utf8_lexicon.txt
 * (from the vaderSentiment package; not in the npm package, so optional
 * here) by its description before scoring. Keys of more than one code
 * point never match there, so only single code points are kept. */
int vader_load_emoji_desc(struct sentiment *s, const char *dir, char *err)
{
	char path[4096];
	int pn = snprintf(path, sizeof(path), "%s/emoji_utf8_lexicon.txt", dir);
	if (pn < 0 || (size_t)pn >= sizeof(path) || access(path, R_OK) != 0)
		return 0;
	size_t len;
	char *buf = slurp(path, &len, err);
	if (!buf)
		return -1;
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	s->emo = calloc(lines, sizeof(*s->emo));
	if (!s->emo) {
		free(buf);
		errf(err, "out of memory");
		return -1;
	}
	/* descriptions stay in buf, NUL-terminated in place */
	char *p = buf, *end = buf + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		*le = '\0';
		char *tab = strchr(p, '\t');
		if (tab) {
			*tab = '\0';
			char *d = tab + 1, *de = strchr(d, '\t');
			if (de)
				*de = '\0';
			size_t dl = strlen(d);
			while (dl && IS_SPACE(d[dl - 1]))
				d[--dl] = '\0';
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
			if (k > 0 && p[k] == '\0' && cp >= 0x80) {
				s->emo[s->nemo].cp = (uint32_t)cp;
				s->emo[s->nemo].off = (uint32_t)(d - buf);
				s->nemo++;
			}
		}
		p = nl ? nl + 1 : end;
	}
	qsort(s->emo, s->nemo, sizeof(*s->emo), emo_cmp);
	/* later lines win, as in a Python dict: keep the last of equal keys */
	size_t o = 0;
	for (size_t i = 0; i < s->nemo; i++) {
		if (o && s->emo[o - 1].cp == s->emo[i].cp)
			o--;
		s->emo[o++] = s->emo[i];
	}
	s->nemo = o;
	s->emo_text = buf;
	return 0;
}

static const char *emo_find(const struct sentiment *s, uint32_t cp)
{
	struct emoji_desc key = {cp, 0};
	const struct emoji_desc *d = bsearch(&key, s->emo, s->nemo, sizeof(*s->emo), emo_cmp);
	return d ? s->emo_text + d->off : NULL;
}

/* Text with emoji replaced as the reference does (a space before the
 * description unless one precedes it, none after). NULL when nothing
 * changes or on allocation failure (*oom set). */
static char *emo_translate(const struct sentiment *s, const char *text, size_t len, size_t *outlen, int *oom)
{
	size_t i = 0;
	*oom = 0;
	for (; i < len; i++)
		if ((unsigned char)text[i] >= 0xc2)
			break;
	if (i == len || !s->nemo)
		return NULL;
	struct buf b = {0};
	int prev_space = 1, changed = 0;
	for (i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			k = 1;
			cp = -1;
		}
		const char *d = cp >= 0x80 ? emo_find(s, (uint32_t)cp) : NULL;
		int rc;
		if (d) {
			rc = (prev_space ? 0 : buf_putc(&b, ' ')) | buf_puts(&b, d);
			prev_space = 0;
			changed = 1;
		} else {
			rc = buf_append(&b, text + i, (size_t)k);
			prev_space = cp == ' ';
		}
		if (rc < 0) {
			buf_free(&b);
			*oom = 1;
			return NULL;
		}
		i += (size_t)k;
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	*outlen = b.len;
	return buf_detach(&b);
}

static int score_text(const struct sentiment *s, int hark, const char *text, size_t len,
                      struct sentiment_scores *out, struct sentiment_explain *ex);

int vader_score(const struct sentiment *s, int hark, const char *text, size_t len,
                struct sentiment_scores *out, struct sentiment_explain *ex)
{
	if (!hark && s->nemo) {
		size_t tl;
		int oom;
		char *tt = emo_translate(s, text, len, &tl, &oom);
		if (oom)
			return -1;
		if (tt) {
			/* explain_add copies the tokens, so they may point into tt */
			int rc = score_text(s, 0, tt, tl, out, ex);
			free(tt);
			return rc;
		}
	}
	return score_text(s, hark, text, len, out, ex);
}

static int score_text(const struct sentiment *s, int hark, const char *text, size_t len,
                      struct sentiment_scores *out, struct sentiment_explain *ex)
{
	struct toks ts;
	toks_init(&ts);
	int rc = hark ? tokenize_hark(s, &ts, text, len) : tokenize_vader(&ts, &s->vader, text, len);
	if (rc < 0) {
		toks_free(&ts);
		return -1;
	}
	struct tok *t = ts.t;
	size_t n = ts.n;
	double *v = ts.v;
	size_t nup = 0;
	for (size_t i = 0; i < n; i++)
		nup += t[i].upper;
	int capdiff = nup > 0 && nup < n;
	for (size_t i = 0; i < n; i++) {
		if ((t[i].flags & LEX_BOOST) || t[i].consumed ||
		    (i < n - 1 && t[i].wid == W_KIND && t[i + 1].wid == W_OF)) {
			v[i] = 0;
			continue;
		}
		v[i] = sentiment_valence(t, n, i, capdiff);
	}
	if (hark)
		but_check_hark(t, v, n);
	else
		but_check(t, v, n);
	vader_scores(v, n, text, len, out);
	if (ex) {
		for (size_t i = 0; i < n; i++) {
			if (v[i] == 0)
				continue;
			if (explain_add(ex, t[i].s, t[i].len, v[i], t[i].rules) < 0) {
				toks_free(&ts);
				return -1;
			}
		}
	}
	toks_free(&ts);
	return 0;
}
