/* match.c - brand keywords: case-insensitive with Turkish-correct folding,
 * whole words, "quoted phrases", #tag and @handle literal, exclusions.
 *
 * Text and keywords are folded twice, the Unicode way (I -> i) and the
 * Turkish way (I -> ı, İ -> i); a keyword matches when either folding of it
 * stands in the same folding of the text as a whole word. That is right
 * for "ACME", "İstanbul" and "ISPARTA" alike without knowing the text's
 * language first. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "hark/config.h"
#include "hark/match.h"
#include "hark/text.h"
#include "hark/util.h"

struct folded {
	char *std, *tr;
};

struct matcher {
	struct folded *kw; size_t nkw;
	struct folded *ex; size_t nex;
};

static int fold_both(const char *s, struct folded *f)
{
	f->std = text_casefold(s, 0);
	/* The two foldings differ only where the text has a dotless capital I. */
	f->tr = strchr(s, 'I') ? text_casefold(s, 1) : xstrdup(f->std);
	return f->std && f->tr ? 0 : -1;
}

static void folded_free(struct folded *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].std);
		free(f[i].tr);
	}
	free(f);
}

static int fold_list(char **words, size_t n, struct folded **out)
{
	size_t i;

	*out = calloc(n ? n : 1, sizeof(**out));
	if (!*out)
		return -1;
	for (i = 0; i < n; i++)
		if (fold_both(words[i], &(*out)[i]) < 0)
			return -1;
	return 0;
}

int matcher_new(struct matcher **out, const struct cfg_brand *b, char *err)
{
	struct matcher *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (!m || fold_list(b->keywords, b->nkeywords, &m->kw) < 0 ||
	    fold_list(b->exclude, b->nexclude, &m->ex) < 0) {
		if (m) {
			m->nkw = b->nkeywords;
			m->nex = b->nexclude;
		}
		matcher_free(m);
		errf(err, "out of memory");
		return -1;
	}
	m->nkw = b->nkeywords;
	m->nex = b->nexclude;
	*out = m;
	return 0;
}

void matcher_free(struct matcher *m)
{
	if (!m)
		return;
	folded_free(m->kw, m->nkw);
	folded_free(m->ex, m->nex);
	free(m);
}

/* Is the code point a letter, digit or mark (part of a word)? */
static int is_word_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0)
		return 0;
	if (cp < 128)
		return IS_ALPHA(cp) || IS_DIGIT(cp) || cp == '_';
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static utf8proc_int32_t cp_before(const char *start, const char *p)
{
	const char *q = p;
	utf8proc_int32_t cp = -1;

	if (p == start)
		return -1;
	q--;
	while (q > start && ((unsigned char)*q & 0xC0) == 0x80)
		q--;
	utf8proc_iterate((const utf8proc_uint8_t *)q, p - q, &cp);
	return cp;
}

static utf8proc_int32_t cp_at(const char *p)
{
	utf8proc_int32_t cp = -1;

	if (*p)
		utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
	return cp;
}

/* needle as a whole word of hay. A needle ending in a non-word character
 * ("acme!") needs no boundary after it. */
static int has_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = hay;
	int need_left, need_right;

	if (!n)
		return 0;
	/* A word needs a boundary on each side; so does a #tag or @handle on
	 * its left ("support@acmestore.com" is an address, not a mention). */
	need_left = 1;
	need_right = is_word_cp(cp_before(needle, needle + n));
	while ((p = strstr(p, needle)) != NULL) {
		int left_ok = !need_left || !is_word_cp(cp_before(hay, p));
		utf8proc_int32_t after = cp_at(p + n);
		int right_ok = !need_right || !is_word_cp(after);
		if (left_ok && right_ok)
			return 1;
		p++;
	}
	return 0;
}

static int any_match(const struct folded *words, size_t n, const struct folded *text)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (has_word(text->std, words[i].std) || has_word(text->tr, words[i].tr))
			return 1;
	return 0;
}

int matcher_match(const struct matcher *m, const char *text)
{
	struct folded t;
	int rc = 0;

	if (!text || fold_both(text, &t) < 0) {
		if (text) {
			free(t.std);
			free(t.tr);
		}
		return 0;
	}
	if (any_match(m->kw, m->nkw, &t) && !any_match(m->ex, m->nex, &t))
		rc = 1;
	free(t.std);
	free(t.tr);
	return rc;
}
