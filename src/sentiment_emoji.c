/* sentiment_emoji.c - emoji as grapheme clusters (utf8proc): ❤️ with its
 * variation selector, 👍🏽 with a skin tone, flags and ZWJ sequences are one
 * token each, looked up without VS16 and skin tones. */
#include <string.h>

#include <utf8proc.h>

#include "sentiment_int.h"

static int is_emoji_start(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
	       p->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
}

size_t emoji_cluster_len(const char *s, const char *end)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp, prev;
	utf8proc_ssize_t k = utf8proc_iterate(p, end - s, &cp);
	if (k <= 0 || !is_emoji_start(cp))
		return 0;
	/* ©, ® and ™ count only with VS16; as plain text they are symbols */
	size_t i = (size_t)k;
	utf8proc_int32_t state = 0;
	prev = cp;
	while (s + i < end) {
		k = utf8proc_iterate(p + i, end - (s + i), &cp);
		if (k <= 0)
			break;
		if (utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		i += (size_t)k;
	}
	return i;
}

int emoji_valence(const struct sentiment *s, const char *c, size_t n, double *val)
{
	char key[128];
	size_t o = 0, first = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)c;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
		if (cp != 0xfe0f && !(cp >= 0x1f3fb && cp <= 0x1f3ff)) {
			if (o + (size_t)k > sizeof(key))
				return 0;
			memcpy(key + o, c + i, (size_t)k);
			o += (size_t)k;
			if (!first)
				first = o;
		}
		i += (size_t)k;
	}
	if (!o)
		return 0;
	const struct lex_entry *e = lex_find(&s->emoji, key, o);
	if (!e && first && first < o) /* a ZWJ sequence not in the table: its base */
		e = lex_find(&s->emoji, key, first);
	if (!e || !(e->flags & LEX_VAL))
		return 0;
	*val = e->val;
	return 1;
}
