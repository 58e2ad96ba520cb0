/* alert_format.c - what the channels share: the channel table, events built
 * from outbox payloads, message text with per-channel escaping and size
 * limits, and HTTP delivery with the answer judged. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert_channel.h"
#include "hark/fetch.h"
#include "hark/text.h"

/* ---- the channel table ---- */

const struct alert_channel *const alert_channels[] = {
	&alert_discord, &alert_email, &alert_exec, &alert_file, &alert_ntfy,
	&alert_slack, &alert_teams, &alert_telegram, &alert_webhook,
};
const size_t alert_channel_count = sizeof(alert_channels) / sizeof(alert_channels[0]);

static int channel_cmp(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct alert_channel *const *)elem)->name);
}

const struct alert_channel *alert_channel_find(const char *name)
{
	const struct alert_channel *const *c;

	if (!name)
		return NULL;
	c = bsearch(name, alert_channels, alert_channel_count, sizeof(alert_channels[0]), channel_cmp);
	return c ? *c : NULL;
}

/* ---- events ---- */

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void item_from(struct alert_item *it, json_t *m, json_t *outer)
{
	json_t *v, *w;
	size_t i;

	memset(it, 0, sizeof(*it));
	it->brand = jstr(outer, "brand") ? jstr(outer, "brand") : jstr(m, "brand");
	it->source = jstr(outer, "source") ? jstr(outer, "source") : jstr(m, "source");
	it->adapter = jstr(outer, "adapter") ? jstr(outer, "adapter") : jstr(m, "adapter");
	it->id = jstr(m, "id");
	it->author = jstr(m, "author");
	it->title = jstr(m, "title");
	it->text = jstr(m, "text");
	it->url = jstr(m, "url");
	it->lang = jstr(m, "lang");
	it->published_at = jstr(m, "published_at");
	it->label = jstr(m, "label");
	v = json_object_get(m, "rating");
	it->rating = json_is_integer(v) ? (int)json_integer_value(v) : 0;
	v = json_object_get(m, "sentiment");
	if (json_is_number(v)) {
		it->has_sentiment = 1;
		it->sentiment = json_number_value(v);
	}
	w = json_object_get(outer, "words");
	if (!json_is_array(w))
		w = json_object_get(m, "words");
	json_array_foreach(w, i, v) {
		if (it->nwords < ALERT_MAX_WORDS && json_is_string(v))
			it->words[it->nwords++] = json_string_value(v);
	}
}

/* The flat form of a mention used in digests and spikes: SPEC 7 plus
 * brand, source, adapter, sentiment and label (as `export` writes it). */
static json_t *flat_mention(json_t *payload)
{
	json_t *m = json_object_get(payload, "mention");
	json_t *f = json_is_object(m) ? json_deep_copy(m) : json_object();
	static const char *const keys[] = {"brand", "source", "adapter"};
	size_t i;

	if (!f)
		return NULL;
	for (i = 0; i < 3; i++) {
		json_t *v = json_object_get(payload, keys[i]);
		if (v)
			json_object_set(f, keys[i], v);
	}
	return f;
}

static double item_score(const struct alert_item *it)
{
	return it->has_sentiment ? it->sentiment : 0.0;
}

struct sort_item {
	struct alert_item it;
	json_t *flat;
	double group_worst;
	size_t order;
};

static int sort_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	int c;

	if (x->group_worst != y->group_worst)
		return x->group_worst < y->group_worst ? -1 : 1;
	c = strcmp(x->it.source ? x->it.source : "", y->it.source ? y->it.source : "");
	if (c)
		return c;
	if (item_score(&x->it) != item_score(&y->it))
		return item_score(&x->it) < item_score(&y->it) ? -1 : 1;
	if (x->it.rating != y->it.rating)
		return (x->it.rating ? x->it.rating : 6) - (y->it.rating ? y->it.rating : 6);
	return x->order < y->order ? -1 : x->order > y->order;
}

static int severity_of(const struct alert_item *items, size_t n)
{
	int sev = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		double s = item_score(&items[i]);
		if (s <= -0.75 || items[i].rating == 1)
			return 3;
		if (s <= -0.5 || items[i].rating == 2)
			sev = 2;
	}
	return sev;
}

static int build_digest(struct alert_event *ev, json_t **roots, size_t n, char *err)
{
	struct sort_item *s = calloc(n ? n : 1, sizeof(*s));
	json_t *arr = json_array();
	size_t i, j;

	if (!s || !arr)
		goto oom;
	for (i = 0; i < n; i++) {
		item_from(&s[i].it, json_object_get(roots[i], "mention"), roots[i]);
		s[i].flat = flat_mention(roots[i]);
		s[i].order = i;
		if (!s[i].flat)
			goto oom;
	}
	for (i = 0; i < n; i++) {
		s[i].group_worst = item_score(&s[i].it);
		for (j = 0; j < n; j++)
			if (str_eq(s[i].it.source, s[j].it.source) && item_score(&s[j].it) < s[i].group_worst)
				s[i].group_worst = item_score(&s[j].it);
	}
	qsort(s, n, sizeof(*s), sort_cmp);
	ev->items = calloc(n ? n : 1, sizeof(*ev->items));
	if (!ev->items)
		goto oom;
	for (i = 0; i < n; i++) {
		ev->items[i] = s[i].it;
		json_array_append_new(arr, s[i].flat);
		s[i].flat = NULL;
	}
	ev->nitems = n;
	ev->body = json_pack("{s:s, s:s, s:I, s:o}", "event", "digest", "alert", ev->alert,
	                     "count", (json_int_t)n, "mentions", arr);
	arr = NULL;
	free(s);
	if (!ev->body)
		goto oom2;
	return 0;
oom:
	if (s)
		for (i = 0; i < n; i++)
			json_decref(s[i].flat);
	free(s);
	json_decref(arr);
oom2:
	errf(err, "out of memory");
	return -1;
}

int alert_event_from_payloads(struct alert_event *ev, const char *alert, int64_t key,
                              json_t **roots, size_t n, int digest, int64_t now, char *err)
{
	json_t *r, *v;
	size_t i;

	ev->roots = roots;
	ev->nroots = n;
	ev->alert = alert;
	ev->key = key;
	ev->now = now;
	if (n == 0) {
		errf(err, "empty alert");
		return -1;
	}
	r = roots[0];
	ev->event = jstr(r, "event") ? jstr(r, "event") : "mention";
	if (digest && strcmp(ev->event, "mention") == 0) {
		ev->event = "digest";
		if (build_digest(ev, roots, n, err) < 0)
			return -1;
		ev->severity = severity_of(ev->items, ev->nitems);
		return 0;
	}
	ev->brand = jstr(r, "brand");
	ev->source = jstr(r, "source");
	ev->adapter = jstr(r, "adapter");
	ev->error = jstr(r, "error");
	ev->message = jstr(r, "message");
	v = json_object_get(r, "count");
	ev->count = json_is_integer(v) ? (long)json_integer_value(v) : 0;
	v = json_object_get(r, "failures");
	ev->failures = json_is_integer(v) ? (long)json_integer_value(v) : 0;
	v = json_object_get(r, "usual");
	ev->usual = json_is_number(v) ? json_number_value(v) : 0;
	v = json_object_get(r, "window");
	ev->window = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
	json_array_foreach(json_object_get(r, "sources"), i, v) {
		if (ev->ntop < 3 && jstr(v, "source")) {
			ev->top[ev->ntop].source = jstr(v, "source");
			ev->top[ev->ntop].count = (long)json_integer_value(json_object_get(v, "count"));
			ev->ntop++;
		}
	}
	ev->body = json_deep_copy(r);
	if (!ev->body)
		goto oom;
	json_object_del(ev->body, "words"); /* ours, not part of SPEC 9 */
	if (strcmp(ev->event, "mention") == 0) {
		ev->items = calloc(1, sizeof(*ev->items));
		if (!ev->items)
			goto oom;
		item_from(ev->items, json_object_get(r, "mention"), r);
		ev->nitems = 1;
		ev->severity = severity_of(ev->items, 1);
	} else if (strcmp(ev->event, "spike") == 0) {
		json_t *ms = json_object_get(r, "mentions");
		size_t k = json_array_size(ms);
		ev->items = calloc(k ? k : 1, sizeof(*ev->items));
		if (!ev->items)
			goto oom;
		json_array_foreach(ms, i, v)
			item_from(&ev->items[ev->nitems++], v, v);
		ev->severity = 3;
	} else {
		ev->severity = strcmp(ev->event, "source_failure") == 0 ? 2 : 1;
	}
	return 0;
oom:
	errf(err, "out of memory");
	return -1;
}

void alert_event_free(struct alert_event *ev)
{
	size_t i;

	for (i = 0; i < ev->nroots; i++)
		json_decref(ev->roots[i]);
	free(ev->roots);
	json_decref(ev->body);
	free(ev->items);
	memset(ev, 0, sizeof(*ev));
}

void alert_payload_free(struct alert_payload *p)
{
	free(p->url);
	kvlist_free(&p->headers);
	buf_free(&p->body);
	memset(p, 0, sizeof(*p));
}

/* ---- text ---- */

size_t utf8_prefix(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	/* Step back over continuation bytes to a character start. */
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

const char *alert_stars(int rating)
{
	static const char *const stars[] = {
		"", "★☆☆☆☆", "★★☆☆☆", "★★★☆☆", "★★★★☆", "★★★★★",
	};
	return rating >= 1 && rating <= 5 ? stars[rating] : "";
}

int alert_url_ok(const char *url)
{
	const unsigned char *p;

	if (!url || (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0))
		return 0;
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

const char *alert_event_link(const struct alert_event *ev)
{
	return ev->nitems && alert_url_ok(ev->items[0].url) ? ev->items[0].url : NULL;
}

void esc_none(struct buf *b, const char *s, size_t n)
{
	buf_append(b, s, n);
}

void esc_html(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

/* Markdown (Discord, Teams): a backslash before every character that could
 * start formatting, a link, a mention or an HTML tag. */
void esc_markdown(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr("\\*_~`|<>[]()#@!:", s[i]) && s[i])
			buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
}

void link_html(struct buf *b, const char *url, const char *label)
{
	buf_puts(b, "<a href=\"");
	esc_html(b, url, strlen(url));
	buf_printf(b, "\">%s</a>", label);
}

void url_esc_markdown(struct buf *b, const char *url)
{
	const char *p;

	for (p = url; *p; p++) {
		if (strchr("()<>[] \"'`", *p))
			buf_printf(b, "%%%02X", (unsigned char)*p);
		else
			buf_putc(b, *p);
	}
}

static void put_esc(struct buf *b, const struct alert_style *st, const char *s)
{
	if (s)
		st->esc(b, s, strlen(s));
}

static void put_bold(struct buf *b, const struct alert_style *st, const char *s)
{
	buf_puts(b, st->bold_open);
	put_esc(b, st, s);
	buf_puts(b, st->bold_close);
}

/* Customer text trimmed to budget bytes (before escaping), "…" when cut. */
static void put_trimmed(struct buf *b, const struct alert_style *st, const char *s, size_t budget)
{
	size_t n, k;

	if (!s)
		return;
	n = strlen(s);
	k = utf8_prefix(s, n, budget);
	st->esc(b, s, k);
	if (k < n)
		buf_puts(b, "…");
}

static void window_text(int64_t w, char *out, size_t size)
{
	if (w % 86400 == 0)
		snprintf(out, size, "%lldd", (long long)(w / 86400));
	else if (w % 3600 == 0)
		snprintf(out, size, "%lldh", (long long)(w / 3600));
	else
		snprintf(out, size, "%lldm", (long long)(w / 60));
}

int alert_headline(const struct alert_event *ev, struct buf *out)
{
	const struct alert_item *it = ev->nitems ? &ev->items[0] : NULL;
	char w[32];

	if (strcmp(ev->event, "mention") == 0 && it) {
		if (str_eq(it->label, "negative"))
			buf_printf(out, "Negative mention of %s on %s", it->brand ? it->brand : "?",
			           it->source ? it->source : "?");
		else if (it->rating)
			buf_printf(out, "%d-star review of %s on %s", it->rating, it->brand ? it->brand : "?",
			           it->source ? it->source : "?");
		else
			buf_printf(out, "Mention of %s on %s", it->brand ? it->brand : "?",
			           it->source ? it->source : "?");
	} else if (strcmp(ev->event, "digest") == 0) {
		buf_printf(out, "%zu mention%s for %s", ev->nitems, ev->nitems == 1 ? "" : "s", ev->alert);
	} else if (strcmp(ev->event, "spike") == 0) {
		window_text(ev->window ? ev->window : 3600, w, sizeof(w));
		buf_printf(out, "Spike: %ld negative mentions of %s in the last %s (usually %.1f)",
		           ev->count, ev->brand ? ev->brand : "?", w, ev->usual);
	} else if (strcmp(ev->event, "source_failure") == 0) {
		buf_printf(out, "Source %s is failing (%ld polls in a row)", ev->source ? ev->source : "?",
		           ev->failures);
	} else if (strcmp(ev->event, "source_recovered") == 0) {
		buf_printf(out, "Source %s recovered", ev->source ? ev->source : "?");
	} else {
		buf_printf(out, "Test alert from hark (%s)", ev->alert);
	}
	return out->data ? 0 : -1;
}

/* "★☆☆☆☆ · negative -0.83 · by someone" */
static void put_meta(struct buf *b, const struct alert_style *st, const struct alert_item *it)
{
	int any = 0;

	if (it->rating) {
		buf_puts(b, alert_stars(it->rating));
		any = 1;
	}
	if (it->label || it->has_sentiment) {
		buf_puts(b, any ? " · " : "");
		if (it->label)
			put_esc(b, st, it->label);
		if (it->has_sentiment)
			buf_printf(b, "%s%+.2f", it->label ? " " : "", it->sentiment);
		any = 1;
	}
	if (it->author && *it->author) {
		buf_puts(b, any ? " · by " : "by ");
		put_trimmed(b, st, it->author, 100); /* strangers choose their names */
		any = 1;
	}
	if (any)
		buf_putc(b, '\n');
}

static void put_words(struct buf *b, const struct alert_style *st, const struct alert_item *it)
{
	size_t i;

	if (!it->nwords)
		return;
	buf_puts(b, "Negative words: ");
	for (i = 0; i < it->nwords; i++) {
		if (i)
			buf_puts(b, ", ");
		put_trimmed(b, st, it->words[i], 40);
	}
	buf_putc(b, '\n');
}

static void put_headline(struct buf *b, const struct alert_style *st, const struct alert_event *ev)
{
	struct buf h = {0};

	if (st->no_headline)
		return;
	alert_headline(ev, &h);
	put_bold(b, st, h.data);
	buf_putc(b, '\n');
	buf_free(&h);
}

static void render_mention(struct buf *b, const struct alert_style *st, const struct alert_event *ev,
                           size_t text_budget)
{
	const struct alert_item *it = &ev->items[0];

	put_headline(b, st, ev);
	put_meta(b, st, it);
	if (it->title && *it->title) {
		buf_puts(b, st->bold_open);
		put_trimmed(b, st, it->title, text_budget);
		buf_puts(b, st->bold_close);
		buf_putc(b, '\n');
	}
	if (it->text && *it->text) {
		put_trimmed(b, st, it->text, text_budget);
		buf_putc(b, '\n');
	}
	put_words(b, st, it);
	if (alert_url_ok(it->url))
		st->link(b, it->url, "Open");
}

/* One line of a digest or spike: "• ★☆☆☆☆ -0.83 author: title — text link" */
static void render_line(struct buf *b, const struct alert_style *st, const struct alert_item *it,
                        size_t text_budget)
{
	buf_puts(b, st->bullet);
	if (it->rating)
		buf_printf(b, "%s ", alert_stars(it->rating));
	if (it->has_sentiment)
		buf_printf(b, "%+.2f ", it->sentiment);
	if (it->author && *it->author) {
		put_trimmed(b, st, it->author, 100); /* strangers choose their names */
		buf_puts(b, ": ");
	}
	if (it->title && *it->title) {
		put_trimmed(b, st, it->title, text_budget / 2);
		buf_puts(b, " — ");
	}
	put_trimmed(b, st, it->text, text_budget);
	if (alert_url_ok(it->url)) {
		buf_putc(b, ' ');
		st->link(b, it->url, "open");
	}
	buf_putc(b, '\n');
}

static void render_list(struct buf *b, const struct alert_style *st, const struct alert_event *ev,
                        size_t limit, int group)
{
	const char *cur = NULL;
	size_t i, budget = limit > 4000 ? 400 : limit > 1500 ? 200 : 120;
	struct buf line = {0};

	for (i = 0; i < ev->nitems; i++) {
		const struct alert_item *it = &ev->items[i];
		buf_reset(&line);
		if (group && (i == 0 || !str_eq(cur, it->source))) {
			cur = it->source;
			put_bold(&line, st, it->source ? it->source : "?");
			if (it->adapter) {
				buf_puts(&line, " (");
				put_esc(&line, st, it->adapter);
				buf_putc(&line, ')');
			}
			buf_putc(&line, '\n');
		}
		render_line(&line, st, it, budget);
		/* Keep room for the "and N more" line. */
		if (b->len + line.len + 40 > limit) {
			buf_printf(b, "… and %zu more\n", ev->nitems - i);
			break;
		}
		buf_append(b, line.data, line.len);
	}
	buf_free(&line);
}

int alert_render(const struct alert_event *ev, const struct alert_style *st, size_t limit,
                 struct buf *out)
{
	size_t budget, i;

	buf_reset(out);
	if (strcmp(ev->event, "mention") == 0 && ev->nitems) {
		const struct alert_item *it = &ev->items[0];
		size_t tl = it->text ? strlen(it->text) : 0, hl = it->title ? strlen(it->title) : 0;
		/* title and text each get the whole budget: start from the longer,
		 * or the first rounds trim nothing and the cut below splits markup */
		budget = tl > hl ? tl : hl;
		/* Escaping only lengthens text, so cutting the excess off the
		 * budget converges in a few rounds. */
		for (i = 0; i < 8; i++) {
			buf_reset(out);
			render_mention(out, st, ev, budget);
			if (out->len <= limit || budget == 0)
				break;
			budget = out->len - limit + 8 < budget ? budget - (out->len - limit + 8) : 0;
		}
	} else if (strcmp(ev->event, "digest") == 0) {
		put_headline(out, st, ev);
		render_list(out, st, ev, limit, 1);
	} else if (strcmp(ev->event, "spike") == 0) {
		put_headline(out, st, ev);
		if (ev->ntop) {
			buf_puts(out, "Top sources: ");
			for (i = 0; i < ev->ntop; i++) {
				if (i)
					buf_puts(out, ", ");
				put_esc(out, st, ev->top[i].source);
				buf_printf(out, " (%ld)", ev->top[i].count);
			}
			buf_putc(out, '\n');
		}
		if (ev->nitems)
			buf_puts(out, "Worst examples:\n");
		render_list(out, st, ev, limit, 0);
	} else {
		put_headline(out, st, ev);
		if (ev->error) {
			buf_puts(out, "Last error: ");
			put_trimmed(out, st, ev->error, 500);
			buf_putc(out, '\n');
		}
		if (ev->message) {
			put_trimmed(out, st, ev->message, 500);
			buf_putc(out, '\n');
		}
	}
	if (!out->data && buf_puts(out, "") < 0)
		return -1;
	while (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	if (out->len > limit) {
		/* Last resort: every rendered line is complete markup, so cut at
		 * a line end; only a single over-long line is cut inside, and
		 * never inside a character. */
		size_t cut = limit;
		while (cut > 0 && out->data[cut] != '\n')
			cut--;
		out->len = cut > 0 ? cut : utf8_prefix(out->data, out->len, limit);
		out->data[out->len] = '\0';
	}
	return 0;
}

/* ---- HTTP ---- */

enum alert_result alert_http_judge(long status)
{
	if (status >= 200 && status < 300)
		return ALERT_OK;
	if (status == 408 || status == 409 || status == 425 || status == 429)
		return ALERT_RETRY;
	if (status >= 300 && status < 500)
		return ALERT_DEAD; /* 400 401 403 404 410 413 ...: sending again will not help */
	return ALERT_RETRY;
}

int64_t alert_json_retry_after(const char *body)
{
	json_t *root, *v;
	int64_t s = 0;

	if (!body || !*body)
		return 0;
	root = json_loads(body, 0, NULL);
	if (!root)
		return 0;
	v = json_object_get(root, "retry_after");
	if (!json_is_number(v))
		v = json_object_get(json_object_get(root, "parameters"), "retry_after");
	if (json_is_number(v) && json_number_value(v) > 0) {
		double d = ceil(json_number_value(v));
		s = d > 86400 ? 86400 : (int64_t)d;
	}
	json_decref(root);
	return s;
}

int alert_json_dump(struct buf *b, json_t *o, char *err)
{
	char *s;

	if (!o) {
		errf(err, "out of memory");
		return -1;
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	if (!s || buf_puts(b, s) < 0) {
		free(s);
		errf(err, "out of memory");
		return -1;
	}
	free(s);
	return 0;
}

int alert_json_request(struct alert_payload *p, json_t *o, const char *url, char *err)
{
	if (alert_json_dump(&p->body, o, err) < 0)
		return -1;
	p->url = xstrdup(url);
	if (!p->url || kvlist_add(&p->headers, "Content-Type", "application/json", 0) < 0) {
		errf(err, "out of memory");
		return -1;
	}
	return 0;
}

/* A short printable excerpt of an answer for last_error. */
static void excerpt(char *out, size_t size, const char *s, size_t n)
{
	char *clean = text_clean(s, n < 400 ? n : 400);
	size_t k;

	if (!clean) {
		out[0] = '\0';
		return;
	}
	k = utf8_prefix(clean, strlen(clean), size - 1 < 160 ? size - 1 : 160);
	memcpy(out, clean, k);
	out[k] = '\0';
	free(clean);
}

enum alert_result alert_http_post(const struct alert_rule *r, const struct alert_payload *p,
                                  struct alert_send_result *res, struct buf *resp_body)
{
	struct fetch_options o;
	struct fetch_job j;
	enum alert_result rc;
	char ex[200];
	char *masked;

	fetch_options_default(&o);
	o.user_agent = r->user_agent;
	o.jobs = 1;
	o.timeout = r->timeout;
	o.connect_timeout = r->timeout < 10 ? r->timeout : 10;
	o.max_body = 1 << 20;
	o.max_redirects = 0; /* a webhook that moved is a configuration error */
	memset(&j, 0, sizeof(j));
	j.url = p->url;
	j.method = "POST";
	j.headers = &p->headers;
	j.body = p->body.data ? p->body.data : "";
	j.body_len = p->body.len;
	if (fetch_run(&o, &j, 1) < 0) {
		errf(res->error, "cannot set up libcurl");
		fetch_job_clear(&j);
		return ALERT_RETRY;
	}
	res->status = j.status;
	res->retry_after = j.retry_after;
	if (j.failed) {
		masked = url_mask(p->url);
		errf(res->error, "%s: %s", masked ? masked : "?", j.error);
		free(masked);
		fetch_job_clear(&j);
		return ALERT_RETRY;
	}
	rc = alert_http_judge(j.status);
	if (rc != ALERT_OK) {
		excerpt(ex, sizeof(ex), j.body_out.data ? j.body_out.data : "", j.body_out.len);
		errf(res->error, "HTTP %ld%s%s", j.status, *ex ? ": " : "", ex);
		if (!res->retry_after && (j.status == 429 || j.status >= 500))
			res->retry_after = alert_json_retry_after(j.body_out.data);
	}
	if (resp_body && j.body_out.data)
		buf_append(resp_body, j.body_out.data, j.body_out.len);
	fetch_job_clear(&j);
	return rc;
}

enum alert_result alert_http_send(const struct alert_rule *r, const struct alert_event *ev,
                                  const struct alert_payload *p, struct alert_send_result *res)
{
	(void)ev;
	return alert_http_post(r, p, res, NULL);
}

int base64_append(struct buf *b, const void *data, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	char q[4];
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		q[0] = tab[p[i] >> 2];
		q[1] = tab[(p[i] & 3) << 4 | p[i + 1] >> 4];
		q[2] = tab[(p[i + 1] & 15) << 2 | p[i + 2] >> 6];
		q[3] = tab[p[i + 2] & 63];
		if (buf_append(b, q, 4) < 0)
			return -1;
	}
	if (i < n) {
		q[0] = tab[p[i] >> 2];
		if (i + 1 < n) {
			q[1] = tab[(p[i] & 3) << 4 | p[i + 1] >> 4];
			q[2] = tab[(p[i + 1] & 15) << 2];
		} else {
			q[1] = tab[(p[i] & 3) << 4];
			q[2] = '=';
		}
		q[3] = '=';
		if (buf_append(b, q, 4) < 0)
			return -1;
	}
	return b->data || !n ? 0 : buf_puts(b, "");
}
