/* mention.c - the mention record: lists, normalisation, JSON Lines. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/htime.h"
#include "hark/mention.h"
#include "hark/store.h"
#include "hark/text.h"
#include "hark/util.h"

struct mention *mention_list_add(struct mention_list *l)
{
	struct mention *m;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		m = realloc(l->items, cap * sizeof(*m));
		if (!m)
			return NULL;
		l->items = m;
		l->cap = cap;
	}
	m = &l->items[l->n++];
	memset(m, 0, sizeof(*m));
	m->published_at = HARK_TIME_NONE;
	return m;
}

void mention_clear(struct mention *m)
{
	free(m->id);
	free(m->author);
	free(m->title);
	free(m->text);
	free(m->url);
	memset(m, 0, sizeof(*m));
	m->published_at = HARK_TIME_NONE;
}

void mention_list_free(struct mention_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		mention_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int clean_field(char **field)
{
	char *c;

	if (!*field || text_is_clean(*field, strlen(*field)))
		return 0;
	c = text_clean(*field, strlen(*field));
	if (!c)
		return -1;
	free(*field);
	*field = c;
	return 0;
}

/* Cut an over-long field on a UTF-8 boundary and mark the cut with "…". */
static int cap_field(char **field, size_t max)
{
	size_t n;
	char *p;

	if (!*field || strlen(*field) <= max)
		return 0;
	n = max;
	while (n > 0 && ((unsigned char)(*field)[n] & 0xC0) == 0x80)
		n--;
	p = realloc(*field, n + 4);
	if (!p)
		return -1;
	memcpy(p + n, "\xE2\x80\xA6", 4); /* … and the NUL */
	*field = p;
	return 0;
}

int mention_finish(struct mention *m, int64_t now)
{
	if (clean_field(&m->id) < 0 || clean_field(&m->author) < 0 || clean_field(&m->title) < 0 ||
	    clean_field(&m->text) < 0 || clean_field(&m->url) < 0)
		return -1;
	if (!m->id || !*m->id) {
		struct buf b = {0};
		char hex[17];

		if (buf_printf(&b, "%s\n%s", m->title ? m->title : "", m->text ? m->text : "") < 0)
			return -1;
		hash_hex64(b.data, b.len, hex);
		buf_free(&b);
		free(m->id);
		m->id = malloc(20);
		if (!m->id)
			return -1;
		snprintf(m->id, 20, "h:%s", hex);
	}
	if (cap_field(&m->text, MENTION_TEXT_MAX) < 0 || cap_field(&m->title, MENTION_FIELD_MAX) < 0 ||
	    cap_field(&m->author, MENTION_FIELD_MAX) < 0)
		return -1;
	if (m->rating < 0 || m->rating > 5)
		m->rating = 0;
	if (m->published_at != HARK_TIME_NONE && m->published_at > now)
		m->published_at = now;
	return 0;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *mention_object(const struct mention *m)
{
	json_t *o = json_object();
	char ts[32];

	if (!o)
		return NULL;
	json_object_set_new(o, "id", str_or_null(m->id));
	json_object_set_new(o, "author", str_or_null(m->author));
	json_object_set_new(o, "title", str_or_null(m->title));
	json_object_set_new(o, "text", str_or_null(m->text));
	json_object_set_new(o, "url", str_or_null(m->url));
	json_object_set_new(o, "rating", m->rating ? json_integer(m->rating) : json_null());
	json_object_set_new(o, "lang", m->lang[0] ? json_string(m->lang) : json_null());
	json_object_set_new(o, "published_at", m->published_at != HARK_TIME_NONE ?
	                    json_string(time_format_rfc3339(m->published_at, ts)) : json_null());
	return o;
}

static char *dump(json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)) : NULL;

	json_decref(o);
	return s;
}

char *mention_to_json(const struct mention *m)
{
	return dump(mention_object(m));
}

char *stored_mention_to_json(const struct stored_mention *sm)
{
	json_t *o = mention_object(&sm->m);
	char ts[32];

	if (!o)
		return NULL;
	json_object_set_new(o, "source", str_or_null(sm->source));
	json_object_set_new(o, "brand", str_or_null(sm->brand));
	json_object_set_new(o, "adapter", str_or_null(sm->adapter));
	json_object_set_new(o, "fetched_at", json_string(time_format_rfc3339(sm->fetched_at, ts)));
	json_object_set_new(o, "sentiment", json_real(sm->sentiment));
	json_object_set_new(o, "label", str_or_null(sm->label));
	return dump(o);
}

char *mention_body(const struct mention *m)
{
	struct buf b = {0};
	const char *t = m->title ? m->title : "", *x = m->text ? m->text : "";

	if (*t && strncmp(x, t, strlen(t)) != 0) {
		buf_puts(&b, t);
		if (*x)
			buf_puts(&b, strchr(".!?", t[strlen(t) - 1]) ? " " : ". ");
	}
	buf_puts(&b, x);
	return buf_detach(&b);
}
