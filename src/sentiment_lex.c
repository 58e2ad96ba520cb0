/* sentiment_lex.c - the lexicon hash table (open addressing, FNV-1a) and
 * the loader of "word<TAB>valence" files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/util.h"
#include "sentiment_int.h"

uint32_t lex_hash(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 16777619u;
	}
	return h;
}

int lex_init(struct lex *l, size_t hint)
{
	size_t cap = 64;
	memset(l, 0, sizeof(*l));
	while (cap < hint * 2)
		cap <<= 1;
	l->slot = calloc(cap, sizeof(*l->slot));
	if (!l->slot)
		return -1;
	l->mask = cap - 1;
	return 0;
}

void lex_free(struct lex *l)
{
	for (size_t i = 0; i < l->nph; i++)
		free(l->ph[i].words);
	free(l->ph);
	free(l->e);
	free(l->slot);
	free(l->keys);
	memset(l, 0, sizeof(*l));
}

const char *lex_key(const struct lex *l, const struct lex_entry *e)
{
	return l->keys + e->key;
}

/* memcmp(a, b, n) == 0 without a library call for the short keys */
static inline int key_eq(const char *a, const char *b, size_t n)
{
	if (n > 16)
		return memcmp(a, b, n) == 0;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

const struct lex_entry *lex_find_h(const struct lex *l, const char *k, size_t n, uint32_t h)
{
	if (!l->slot)
		return NULL;
	uint32_t b = h >> 15; /* 17 bits, mostly above the slot bits */
	if (!(l->bloom[b >> 6] & ((uint64_t)1 << (b & 63))))
		return NULL;
	size_t i = h & l->mask;
	for (;;) {
		uint64_t s = l->slot[i];
		if (!s)
			return NULL;
		if ((uint32_t)(s >> 32) == h) {
			const struct lex_entry *e = &l->e[(uint32_t)s - 1];
			if (e->klen == n && key_eq(l->keys + e->key, k, n))
				return e;
		}
		i = (i + 1) & l->mask;
	}
}

const struct lex_entry *lex_find(const struct lex *l, const char *k, size_t n)
{
	return lex_find_h(l, k, n, lex_hash(k, n));
}

static int lex_grow(struct lex *l)
{
	size_t cap = (l->mask + 1) * 2;
	uint64_t *slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -1;
	for (size_t j = 0; j < l->n; j++) {
		const struct lex_entry *e = &l->e[j];
		uint32_t h = lex_hash(l->keys + e->key, e->klen);
		size_t i = h & (cap - 1);
		while (slot[i])
			i = (i + 1) & (cap - 1);
		slot[i] = ((uint64_t)h << 32) | ((uint32_t)j + 1);
	}
	free(l->slot);
	l->slot = slot;
	l->mask = cap - 1;
	return 0;
}

struct lex_entry *lex_get(struct lex *l, const char *k, size_t n)
{
	if (n > 0xffff)
		return NULL;
	const struct lex_entry *f = lex_find(l, k, n);
	if (f)
		return (struct lex_entry *)f;
	if ((l->n + 1) * 2 > l->mask + 1 && lex_grow(l) < 0)
		return NULL;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct lex_entry *e = realloc(l->e, cap * sizeof(*e));
		if (!e)
			return NULL;
		l->e = e;
		l->cap = cap;
	}
	if (l->klen + n + 1 > l->kcap) {
		size_t cap = l->kcap ? l->kcap : 4096;
		while (cap < l->klen + n + 1)
			cap *= 2;
		char *keys = realloc(l->keys, cap);
		if (!keys)
			return NULL;
		l->keys = keys;
		l->kcap = cap;
	}
	struct lex_entry *e = &l->e[l->n];
	memset(e, 0, sizeof(*e));
	e->key = (uint32_t)l->klen;
	e->klen = (uint16_t)n;
	e->phrase = -1;
	memcpy(l->keys + l->klen, k, n);
	l->keys[l->klen + n] = '\0';
	l->klen += n + 1;
	uint32_t h = lex_hash(k, n);
	size_t i = h & l->mask;
	while (l->slot[i])
		i = (i + 1) & l->mask;
	l->slot[i] = ((uint64_t)h << 32) | ((uint32_t)l->n + 1);
	uint32_t b = h >> 15;
	l->bloom[b >> 6] |= (uint64_t)1 << (b & 63);
	return &l->e[l->n++];
}

int lex_add_phrase(struct lex *l, const char *words, size_t n, double val)
{
	size_t first = 0;
	while (first < n && words[first] != ' ')
		first++;
	struct lex_entry *e = lex_get(l, words, first);
	if (!e)
		return -1;
	if (l->nph == l->capph) {
		size_t cap = l->capph ? l->capph * 2 : 64;
		struct lex_phrase *p = realloc(l->ph, cap * sizeof(*p));
		if (!p)
			return -1;
		l->ph = p;
		l->capph = cap;
	}
	struct lex_phrase *p = &l->ph[l->nph];
	p->words = xstrndup(words, n);
	if (!p->words)
		return -1;
	p->nwords = 1;
	for (size_t i = 0; i < n; i++)
		p->nwords += words[i] == ' ';
	p->val = val;
	/* longest phrases first, so the first match is the longest */
	int *link = &e->phrase;
	while (*link >= 0 && l->ph[*link].nwords >= p->nwords)
		link = &l->ph[*link].next;
	p->next = *link;
	*link = (int)l->nph;
	e->flags |= LEX_PHRASE;
	l->nph++;
	return 0;
}

/* Lines: key TAB valence [TAB anything]. Keys are used as written (the
 * VADER lexicon is lowercase already); surrounding whitespace is dropped
 * like Python's str.strip() does. A key with a space is a phrase. */
int lex_load_buf(struct lex *l, const char *buf, size_t len, int hash_comments,
                 char *err, const char *what)
{
	const char *p = buf, *end = buf + len;
	int lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		lineno++;
		const char *a = p, *b = le;
		p = nl ? nl + 1 : end;
		while (a < b && IS_SPACE(*a))
			a++;
		while (b > a && IS_SPACE(b[-1]))
			b--;
		if (a == b || (hash_comments && *a == '#'))
			continue;
		const char *tab = memchr(a, '\t', (size_t)(b - a));
		if (!tab) {
			errf(err, "%s:%d: no tab", what, lineno);
			return -1;
		}
		char num[64];
		const char *v = tab + 1, *ve = memchr(v, '\t', (size_t)(b - v));
		if (!ve)
			ve = b;
		size_t vn = (size_t)(ve - v);
		if (vn == 0 || vn >= sizeof(num)) {
			errf(err, "%s:%d: bad valence", what, lineno);
			return -1;
		}
		memcpy(num, v, vn);
		num[vn] = '\0';
		char *q;
		errno = 0;
		double val = strtod(num, &q);
		if (*q || errno) {
			errf(err, "%s:%d: bad valence '%s'", what, lineno, num);
			return -1;
		}
		size_t kn = (size_t)(tab - a);
		if (hash_comments && memchr(a, ' ', kn)) {
			if (lex_add_phrase(l, a, kn, val) < 0) {
				errf(err, "out of memory");
				return -1;
			}
			continue;
		}
		struct lex_entry *e = lex_get(l, a, kn);
		if (!e) {
			errf(err, "out of memory");
			return -1;
		}
		e->val = val;
		e->flags |= LEX_VAL;
	}
	return 0;
}

char *slurp(const char *path, size_t *len, char *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		errf(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct buf b = {0};
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (buf_append(&b, tmp, n) < 0) {
			fclose(f);
			buf_free(&b);
			errf(err, "out of memory");
			return NULL;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_free(&b);
		errf(err, "%s: read error", path);
		return NULL;
	}
	*len = b.len;
	char *d = buf_detach(&b);
	if (!d)
		errf(err, "out of memory");
	return d;
}
