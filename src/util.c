/* util.c - growable buffers, key/value lists, small string helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/util.h"

void errf(char *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err, HARK_ERR_MAX, fmt, ap);
	va_end(ap);
}

static int buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	return buf_append(b, &ch, 1);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *buf_detach(struct buf *b)
{
	char *p = b->data;

	if (!p)
		p = strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int kvlist_add(struct kvlist *l, const char *key, const char *value, int line)
{
	struct kv *items;
	char *k, *v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		items = realloc(l->items, cap * sizeof(*items));
		if (!items)
			return -1;
		l->items = items;
		l->cap = cap;
	}
	k = strdup(key);
	v = strdup(value ? value : "");
	if (!k || !v) {
		free(k);
		free(v);
		return -1;
	}
	l->items[l->n].key = k;
	l->items[l->n].value = v;
	l->items[l->n].line = line;
	l->n++;
	return 0;
}

int kvlist_set(struct kvlist *l, const char *key, const char *value, int line)
{
	size_t i;
	char *v;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].key, key) == 0) {
			v = strdup(value ? value : "");
			if (!v)
				return -1;
			free(l->items[i].value);
			l->items[i].value = v;
			l->items[i].line = line;
			return 0;
		}
	}
	return kvlist_add(l, key, value, line);
}

const struct kv *kvlist_find(const struct kvlist *l, const char *key)
{
	size_t i;

	if (!l)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return &l->items[i];
	return NULL;
}

const char *kvlist_get(const struct kvlist *l, const char *key)
{
	const struct kv *kv = kvlist_find(l, key);

	return kv ? kv->value : NULL;
}

const char *kvlist_getci(const struct kvlist *l, const char *key)
{
	size_t i;

	if (!l)
		return NULL;
	/* Last one wins: after redirects, the final response's header. */
	for (i = l->n; i-- > 0;)
		if (str_casecmp_ascii(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}

void kvlist_free(struct kvlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int str_casecmp_ascii(const char *a, const char *b)
{
	unsigned char ca, cb;

	do {
		ca = (unsigned char)TO_LOWER(*a);
		cb = (unsigned char)TO_LOWER(*b);
		a++;
		b++;
	} while (ca && ca == cb);
	return ca - cb;
}

char **strv_split_list(const char *s, size_t *count)
{
	char **v = NULL, **nv;
	size_t n = 0;
	struct buf item = {0};
	int quoted, c;
	const char *p = s;

	if (count)
		*count = 0;
	v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	while (p && *p) {
		buf_reset(&item);
		while (IS_SPACE(*p))
			p++;
		quoted = 0;
		while ((c = *p) != '\0') {
			if (c == '"') {
				quoted = !quoted;
				p++;
				continue;
			}
			if (c == ',' && !quoted)
				break;
			if (buf_putc(&item, c) < 0)
				goto oom;
			p++;
		}
		if (*p == ',')
			p++;
		while (item.len && IS_SPACE(item.data[item.len - 1]))
			item.data[--item.len] = '\0';
		if (!item.len)
			continue;
		nv = realloc(v, (n + 2) * sizeof(*v));
		if (!nv)
			goto oom;
		v = nv;
		v[n] = strdup(item.data);
		if (!v[n])
			goto oom;
		v[++n] = NULL;
	}
	buf_free(&item);
	if (count)
		*count = n;
	return v;
oom:
	buf_free(&item);
	strv_free(v);
	return NULL;
}

void strv_free(char **v)
{
	char **p;

	if (!v)
		return;
	for (p = v; *p; p++)
		free(*p);
	free(v);
}

void hash_hex64(const void *p, size_t n, char out[17])
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int parse_bool(const char *s, int *out)
{
	if (!str_casecmp_ascii(s, "yes") || !str_casecmp_ascii(s, "true") || !strcmp(s, "1") ||
	    !str_casecmp_ascii(s, "on"))
		*out = 1;
	else if (!str_casecmp_ascii(s, "no") || !str_casecmp_ascii(s, "false") || !strcmp(s, "0") ||
	         !str_casecmp_ascii(s, "off"))
		*out = 0;
	else
		return -1;
	return 0;
}
