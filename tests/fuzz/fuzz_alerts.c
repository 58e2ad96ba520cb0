/* fuzz_alerts.c - every alert channel's build() on a mention (or a digest
 * of two) whose author, title, text and words come from the input (cut at
 * NUL bytes, cleaned as stored mentions are). The channels must escape
 * what strangers wrote: no Slack <!channel>/<@user> pings, no Telegram
 * HTML beyond b and a, no unescaped Discord @, a 7-bit CRLF e-mail, valid
 * JSON within the channel's size limit. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert_channel.h"
#include "hark/text.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static const char SAFE_URL[] = "https://x.example/1";

/* Brand names come from the config, which allows letters, digits, '-',
 * '_' and '.': map the input's piece onto those, at most 32. */
static void brand_name(char *b)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
	size_t i;

	for (i = 0; b[i] && i < 32; i++)
		b[i] = ok[(unsigned char)b[i] % (sizeof(ok) - 1)];
	b[i] = '\0';
}

/* HARK_FUZZ_FIELD_MAX=N caps the author and the word, to fuzz past an
 * open bug about long ones (BUGS.md B5) without finding it again and again. */
static void cap_field(char *a)
{
	const char *e = getenv("HARK_FUZZ_FIELD_MAX");
	size_t max = e ? (size_t)strtoul(e, NULL, 10) : 0;

	if (max && strlen(a) > max) {
		while (max && ((unsigned char)a[max] & 0xC0) == 0x80)
			max--;
		a[max] = '\0';
	}
}

/* The next NUL-separated piece of the input, cleaned; "" past the end. */
static char *piece(const char **p, const char *end)
{
	const char *s = *p;
	size_t n;

	if (s >= end)
		return xstrdup("");
	n = strnlen(s, (size_t)(end - s));
	*p = s + n + 1;
	return text_clean(s, n);
}

static const char *jget(json_t *o, const char *path)
{
	char key[64];
	const char *p = path;

	while (o && *p) {
		size_t n = strcspn(p, ".");
		memcpy(key, p, n);
		key[n] = '\0';
		p += n + (p[n] == '.');
		o = json_is_array(o) ? json_array_get(o, (size_t)atoi(key)) : json_object_get(o, key);
	}
	return json_is_string(o) ? json_string_value(o) : NULL;
}

static int lt_ok(const char *t, const char *const *allowed)
{
	const char *p;
	size_t i;

	for (p = strchr(t, '<'); p; p = strchr(p + 1, '<')) {
		int hit = 0;
		for (i = 0; allowed[i]; i++)
			if (!strncmp(p, allowed[i], strlen(allowed[i])))
				hit = 1;
		if (!hit && !(p > t && p[-1] == '\\'))
			return 0;
	}
	return 1;
}

static void check_payload(const struct alert_channel *ch, const struct alert_payload *p, int safe_url)
{
	static const char *const slack_lt[] = {"<https://x.example/1|", NULL};
	static const char *const tg_lt[] = {"<b>", "</b>", "<a href=\"https://x.example/1\">", "</a>", NULL};
	static const char *const dc_lt[] = {"<https://x.example/1>", NULL};
	const char *t = NULL;
	json_t *o;

	CHECK(p->body.data != NULL);
	if (ch == &alert_email) {
		const char *q;
		for (q = p->body.data; *q; q++) {
			CHECK(*q != '\n' || (q > p->body.data && q[-1] == '\r'));
			CHECK((unsigned char)*q < 0x80);
		}
		return;
	}
	o = json_loads(p->body.data, 0, NULL);
	CHECK(o != NULL);
	if (ch == &alert_slack)
		t = jget(o, "text");
	else if (ch == &alert_discord)
		t = jget(o, "content");
	else if (ch == &alert_telegram)
		t = jget(o, "text");
	else if (ch == &alert_ntfy)
		t = jget(o, "message");
	if (t) {
		CHECK(text_is_utf8(t, strlen(t)));
		CHECK(!ch->limit || strlen(t) <= ch->limit);
		if (ch == &alert_slack)
			CHECK(!strstr(t, "<!") && !strstr(t, "<@") && !strstr(t, "<#"));
		if (safe_url && ch == &alert_slack)
			CHECK(lt_ok(t, slack_lt));
		if (safe_url && ch == &alert_telegram)
			CHECK(lt_ok(t, tg_lt));
		if (safe_url && ch == &alert_discord) {
			const char *a;
			CHECK(lt_ok(t, dc_lt));
			for (a = strchr(t, '@'); a; a = strchr(a + 1, '@'))
				CHECK(a > t && a[-1] == '\\');
		}
	}
	json_decref(o);
}

static json_t *payload(const char *author, const char *title, const char *text, const char *url,
                       const char *word, int rating, double score, const char *brand)
{
	json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s}", "id", "rev-1",
	                      "author", author, "title", title, "text", text, "url", url, "lang", "tr",
	                      "published_at", "2026-11-22T09:14:00Z", "sentiment", score, "label", "negative");
	if (!m)
		return NULL;
	json_object_set_new(m, "rating", rating ? json_integer(rating) : json_null());
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:[s]}", "event", "mention", "alert", "social",
	                 "brand", brand, "source", "src-1", "adapter", "rss", "mention", m, "words", word);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	unsigned flags = size ? data[0] : 0;
	char *author, *title, *text, *url, *word, *brand;
	int safe_url, digest = flags & 1, rating = (flags >> 1) % 6;
	json_t **roots;
	struct alert_event ev;
	char err[HARK_ERR_MAX];
	size_t c, n = digest ? 2 : 1, i;

	if (size)
		p++;
	author = piece(&p, end);
	title = piece(&p, end);
	text = piece(&p, end);
	word = piece(&p, end);
	brand = piece(&p, end);
	url = piece(&p, end);
	safe_url = !(flags & 8) || !url || !*url;
	roots = calloc(n, sizeof(*roots));
	if (!author || !title || !text || !word || !brand || !url || !roots)
		goto out;
	brand_name(brand);
	cap_field(author);
	cap_field(word);
	for (i = 0; i < n; i++) {
		roots[i] = payload(author, title, text, safe_url ? SAFE_URL : url, word, rating,
		                   -0.5 - 0.1 * (double)i, *brand ? brand : "acme");
		if (!roots[i])
			goto out;
	}
	memset(&ev, 0, sizeof(ev));
	if (alert_event_from_payloads(&ev, "social", 42, roots, n, digest, 1795000000, err) < 0)
		goto out_roots_taken;
	roots = NULL;
	for (c = 0; c < alert_channel_count; c++) {
		const struct alert_channel *ch = alert_channels[c];
		struct alert_rule r;
		struct alert_payload pl;
		if (ch == &alert_exec || ch == &alert_file)
			continue;
		memset(&r, 0, sizeof(r));
		r.name = (char *)"social";
		r.ch = ch;
		r.url = (char *)(ch == &alert_email ? "smtp://127.0.0.1:1" : "https://h.example/topic");
		r.timeout = 5;
		kvlist_add(&r.params, "token", "1:x", 0);
		kvlist_add(&r.params, "chat_id", "5", 0);
		kvlist_add(&r.params, "from", "a@b.example", 0);
		kvlist_add(&r.params, "to", "c@d.example", 0);
		memset(&pl, 0, sizeof(pl));
		if (ch->build(&r, &ev, &pl, err) == 0)
			check_payload(ch, &pl, safe_url);
		alert_payload_free(&pl);
		kvlist_free(&r.params);
	}
	alert_event_free(&ev);
	goto out;
out_roots_taken:
	roots = NULL; /* the event owns them, even on failure */
	alert_event_free(&ev);
out:
	if (roots) {
		for (i = 0; i < n; i++)
			json_decref(roots[i]);
		free(roots);
	}
	free(author);
	free(title);
	free(text);
	free(word);
	free(brand);
	free(url);
	return 0;
}

#include "fuzz_main.h"
