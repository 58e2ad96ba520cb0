/* test_alert_channels.c - the channel table, each channel's payload with a
 * hostile review (escaping, size limits, UTF-8 boundaries), the webhook's
 * exact body and signature, and the core's pure parts: config checks,
 * quiet hours, digest times, backoff, rate-limit answers. */
#include <jansson.h>

#include "t.h"
#include "alert_channel.h"
#include "hark/alerts.h"
#include "hark/config.h"
#include "hark/htime.h"
#include "hark/mention.h"
#include "hark/sha256.h"
#include "hark/store.h"
#include "hark/text.h"

/* A review written to break things: Slack and Discord mentions, HTML,
 * markdown links, quotes, and enough Turkish text to pass every limit. */
static char *hostile_text(void)
{
	struct buf b = {0};
	int i;

	buf_puts(&b, "<!channel> <!here> <@U024BE7LH> @everyone @here <b>bold</b> <a href=\"http://evil\">x</a> "
	             "[click](http://evil.example) *stars* _under_ `code` & \"quotes\" ");
	for (i = 0; i < 600; i++)
		buf_puts(&b, "çok kötü ürün ");
	return buf_detach(&b);
}

static json_t *mention_payload(const char *alert, const char *text, double score, int rating)
{
	json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s}",
	                      "id", "rev-1", "author", "<@U999> Mallory", "title", "Refund <script>alert(1)</script>",
	                      "text", text, "url", "https://reviews.example/acme/1?a=1&b=(2)", "lang", "tr",
	                      "published_at", "2026-11-22T09:14:00Z", "sentiment", score, "label", "negative");
	json_object_set_new(m, "rating", rating ? json_integer(rating) : json_null());
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:[s, s]}", "event", "mention", "alert", alert,
	                 "brand", "acme", "source", "appstore-tr", "adapter", "appstore", "mention", m,
	                 "words", "kötü", "refund");
}

static int event_for(struct alert_event *ev, const char *alert, const char *text, double score, int rating)
{
	json_t **roots = calloc(1, sizeof(*roots));
	char err[HARK_ERR_MAX];

	memset(ev, 0, sizeof(*ev));
	roots[0] = mention_payload(alert, text, score, rating);
	return alert_event_from_payloads(ev, alert, 42, roots, 1, 0, 1795000000, err);
}

static void rule_init(struct alert_rule *r, const struct alert_channel *ch, const char *url)
{
	memset(r, 0, sizeof(*r));
	r->name = (char *)"social";
	r->ch = ch;
	r->url = (char *)url;
	r->timeout = 5;
}

static json_t *build_json(struct alert_rule *r, struct alert_event *ev, struct alert_payload *p)
{
	char err[HARK_ERR_MAX];

	memset(p, 0, sizeof(*p));
	if (r->ch->build(r, ev, p, err) < 0) {
		printf("# build failed: %s\n", err);
		return NULL;
	}
	return json_loads(p->body.data, 0, NULL);
}

static const char *jget(json_t *o, const char *path)
{
	/* "a.b.0.c" */
	char key[64];
	const char *p = path;

	while (o && *p) {
		size_t n = strcspn(p, ".");
		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		if (json_is_array(o))
			o = json_array_get(o, (size_t)atoi(key));
		else
			o = json_object_get(o, key);
		p += n;
		if (*p == '.')
			p++;
	}
	return json_is_string(o) ? json_string_value(o) : NULL;
}

static void test_tables(void)
{
	size_t i;
	int sorted = 1;

	for (i = 1; i < alert_channel_count; i++)
		if (strcmp(alert_channels[i - 1]->name, alert_channels[i]->name) >= 0)
			sorted = 0;
	T_OK(sorted, "channel table sorted and unique");
	T_INT(alert_channel_count, 9, "nine channels");
	for (i = 0; i < alert_channel_count; i++)
		T_OK(alert_channel_find(alert_channels[i]->name) == alert_channels[i], "find channel %s",
		     alert_channels[i]->name);
	T_OK(alert_channel_find("pager") == NULL, "unknown channel not found");
	sorted = 1;
	for (i = 1; alert_key_name(i); i++)
		if (strcmp(alert_key_name(i - 1), alert_key_name(i)) >= 0)
			sorted = 0;
	T_OK(sorted, "alert config key table sorted and unique (%zu keys)", i);
}

static void test_slack(const char *text)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	json_t *o;
	const char *t;

	rule_init(&r, &alert_slack, "https://hooks.slack.example/services/T/B/X");
	T_INT(event_for(&ev, "social", text, -0.91, 1), 0, "slack: event");
	o = build_json(&r, &ev, &p);
	t = jget(o, "text");
	T_OK(t != NULL, "slack: text field");
	t = t ? t : "";
	T_OK(!strstr(t, "<!channel>") && !strstr(t, "<!here>") && !strstr(t, "<@U"), "slack: no live mentions");
	T_OK(strstr(t, "&lt;!channel&gt;") != NULL, "slack: <!channel> shown as text");
	T_OK(strstr(t, "&amp;") != NULL && !strstr(t, "<b>"), "slack: & and tags escaped");
	T_OK(strlen(t) <= alert_slack.limit, "slack: within %zu bytes (%zu)", alert_slack.limit, strlen(t));
	T_OK(text_is_utf8(t, strlen(t)), "slack: trimmed on a UTF-8 boundary");
	T_OK(strstr(t, "…") != NULL, "slack: trimmed text ends with an ellipsis");
	T_OK(strstr(t, "<https://reviews.example/acme/1?a=1&amp;b=(2)|Open>") != NULL, "slack: link kept, escaped");
	T_OK(strstr(t, "Negative words: kötü, refund") != NULL, "slack: negative words listed");
	T_OK(strstr(t, "★☆☆☆☆") != NULL && strstr(t, "-0.91") != NULL, "slack: stars and score");
	T_STR(p.url, "https://hooks.slack.example/services/T/B/X", "slack: posts to the webhook URL");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
}

static void test_discord(const char *text)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	json_t *o, *parse;
	const char *t;

	rule_init(&r, &alert_discord, "https://discord.example/api/webhooks/1/x");
	event_for(&ev, "social", text, -0.91, 1);
	o = build_json(&r, &ev, &p);
	t = jget(o, "content");
	t = t ? t : "";
	parse = json_object_get(json_object_get(o, "allowed_mentions"), "parse");
	T_OK(json_is_array(parse) && json_array_size(parse) == 0, "discord: allowed_mentions.parse is empty");
	T_OK(strlen(t) <= 2000, "discord: at most 2000 (%zu)", strlen(t));
	T_OK(text_is_utf8(t, strlen(t)), "discord: valid UTF-8 after trimming");
	T_OK(!strstr(t, " @everyone") && strstr(t, "\\@everyone") != NULL, "discord: @everyone escaped");
	T_OK(!strstr(t, "[click](http") && strstr(t, "\\[click\\]") != NULL, "discord: markdown link escaped");
	T_OK(strstr(t, "(<https://reviews.example/acme/1?a=1&b=%282%29>)") != NULL, "discord: own link intact");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
}

static void test_telegram(const char *text)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	json_t *o;
	const char *t;

	rule_init(&r, &alert_telegram, NULL);
	kvlist_add(&r.params, "token", "123:ABC", 0);
	kvlist_add(&r.params, "chat_id", "-1001", 0);
	event_for(&ev, "social", text, -0.91, 1);
	o = build_json(&r, &ev, &p);
	t = jget(o, "text");
	t = t ? t : "";
	T_STR(jget(o, "parse_mode"), "HTML", "telegram: HTML parse mode");
	T_STR(jget(o, "chat_id"), "-1001", "telegram: chat_id");
	T_STR(p.url, "https://api.telegram.org/bot123:ABC/sendMessage", "telegram: sendMessage URL");
	T_OK(strlen(t) <= 4096, "telegram: at most 4096 (%zu)", strlen(t));
	T_OK(!strstr(t, "<b>bold</b>") && strstr(t, "&lt;b&gt;bold&lt;/b&gt;") != NULL, "telegram: customer HTML escaped");
	T_OK(!strstr(t, "<script>") && !strstr(t, "<a href=\"http://evil"), "telegram: no injected tags");
	T_OK(strstr(t, "<a href=\"https://reviews.example/acme/1?a=1&amp;b=(2)\">Open</a>") != NULL,
	     "telegram: own link");
	T_OK(text_is_utf8(t, strlen(t)), "telegram: valid UTF-8");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
	kvlist_free(&r.params);
}

static void test_teams(const char *text)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	json_t *o;
	const char *t;

	rule_init(&r, &alert_teams, "https://prod.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke");
	event_for(&ev, "social", text, -0.91, 1);
	o = build_json(&r, &ev, &p);
	T_STR(jget(o, "attachments.0.contentType"), "application/vnd.microsoft.card.adaptive", "teams: adaptive card");
	T_STR(jget(o, "attachments.0.content.type"), "AdaptiveCard", "teams: card type");
	t = jget(o, "attachments.0.content.body.1.text");
	t = t ? t : "";
	T_OK(strstr(t, "\\[click\\]") && !strstr(t, "[click](http"), "teams: markdown escaped");
	T_STR(jget(o, "attachments.0.content.actions.0.url"), "https://reviews.example/acme/1?a=1&b=(2)", "teams: open action");
	json_decref(o);
	alert_payload_free(&p);

	r.url = (char *)"https://acme.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi";
	o = build_json(&r, &ev, &p);
	T_STR(jget(o, "@type"), "MessageCard", "teams: legacy connector gets a MessageCard");
	t = jget(o, "text");
	t = t ? t : "";
	T_OK(!strstr(t, "<b>") && !strstr(t, "<script>") && strstr(t, "&lt;b&gt;"), "teams: MessageCard HTML escaped");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
}

static void test_ntfy(const char *text)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	json_t *o;

	rule_init(&r, &alert_ntfy, "https://ntfy.example/acme-alerts");
	kvlist_add(&r.params, "token", "tk_secret", 0);
	event_for(&ev, "social", text, -0.91, 1);
	o = build_json(&r, &ev, &p);
	T_STR(p.url, "https://ntfy.example", "ntfy: JSON goes to the server root");
	T_STR(jget(o, "topic"), "acme-alerts", "ntfy: topic from the URL");
	T_INT(json_integer_value(json_object_get(o, "priority")), 5, "ntfy: critical -> priority 5");
	T_STR(jget(o, "click"), "https://reviews.example/acme/1?a=1&b=(2)", "ntfy: click URL");
	T_STR(jget(o, "title"), "Negative mention of acme on appstore-tr", "ntfy: title");
	T_STR(kvlist_getci(&p.headers, "authorization"), "Bearer tk_secret", "ntfy: bearer token");
	T_OK(strlen(jget(o, "message") ? jget(o, "message") : "") <= alert_ntfy.limit, "ntfy: within limit");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
	kvlist_free(&r.params);
}

static void test_webhook(void)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	unsigned char mac[SHA256_LEN];
	char hex[65], want[80];
	json_t *o;
	const char *keys[] = {"event", "alert", "brand", "source", "adapter", "mention"};
	size_t i;
	int exact = 1;

	rule_init(&r, &alert_webhook, "http://127.0.0.1:1/hook");
	kvlist_add(&r.params, "secret", "s3cret", 0);
	event_for(&ev, "social", "short & <sweet>", -0.4, 0);
	o = build_json(&r, &ev, &p);
	T_INT(json_object_size(o), 6, "webhook: six top-level keys (SPEC 9)");
	for (i = 0; i < 6; i++)
		if (!json_object_get(o, keys[i]))
			exact = 0;
	T_OK(exact, "webhook: event, alert, brand, source, adapter, mention");
	T_OK(strncmp(p.body.data, "{\"event\":\"mention\",\"alert\":\"social\",\"brand\":\"acme\"", 50) == 0,
	     "webhook: key order as SPEC 9");
	T_STR(jget(o, "mention.text"), "short & <sweet>", "webhook: text unescaped in JSON");
	T_STR(jget(o, "mention.label"), "negative", "webhook: label");
	T_OK(json_is_null(json_object_get(json_object_get(o, "mention"), "rating")), "webhook: rating null");
	T_STR(kvlist_getci(&p.headers, "idempotency-key"), "42", "webhook: Idempotency-Key is the outbox id");
	hmac_sha256("s3cret", 6, p.body.data, p.body.len, mac);
	snprintf(want, sizeof(want), "sha256=%s", hex_lower(mac, SHA256_LEN, hex));
	T_STR(kvlist_getci(&p.headers, "x-hark-signature"), want, "webhook: signature is HMAC-SHA256 of the body");
	T_STR(kvlist_getci(&p.headers, "content-type"), "application/json", "webhook: content type");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
	kvlist_free(&r.params);
}

static void test_digest(void)
{
	json_t **roots = calloc(4, sizeof(*roots));
	struct alert_event ev;
	struct alert_rule r;
	struct alert_payload p;
	char err[HARK_ERR_MAX];
	json_t *o;
	const char *t;

	roots[0] = mention_payload("social", "meh", -0.2, 0);
	json_object_set_new(roots[0], "source", json_string("reddit-acme"));
	roots[1] = mention_payload("social", "awful", -0.9, 0);
	roots[2] = mention_payload("social", "bad", -0.5, 0);
	json_object_set_new(roots[2], "source", json_string("reddit-acme"));
	roots[3] = mention_payload("social", "poor", -0.3, 0);
	memset(&ev, 0, sizeof(ev));
	T_INT(alert_event_from_payloads(&ev, "social", 7, roots, 4, 1, 1795000000, err), 0, "digest: event");
	T_STR(ev.event, "digest", "digest: event name");
	T_OK(ev.nitems == 4 && ev.items[0].sentiment < -0.85 && ev.items[1].sentiment < -0.25 &&
	     str_eq(ev.items[1].source, "appstore-tr") && str_eq(ev.items[2].source, "reddit-acme") &&
	     ev.items[2].sentiment < ev.items[3].sentiment, "digest: worst first, grouped by source");
	rule_init(&r, &alert_webhook, "http://127.0.0.1:1/hook");
	o = build_json(&r, &ev, &p);
	T_STR(jget(o, "event"), "digest", "digest: webhook event");
	T_INT(json_array_size(json_object_get(o, "mentions")), 4, "digest: four mentions");
	T_STR(jget(o, "mentions.0.source"), "appstore-tr", "digest: flat mentions carry their source");
	T_STR(kvlist_getci(&p.headers, "idempotency-key"), "7", "digest: key is the batch");
	json_decref(o);
	alert_payload_free(&p);
	rule_init(&r, &alert_slack, "https://hooks.slack.example/x");
	o = build_json(&r, &ev, &p);
	t = jget(o, "text");
	T_OK(t && strstr(t, "*4 mentions for social*") && strstr(t, "*appstore-tr* (appstore)") &&
	     strstr(t, "*reddit-acme* (appstore)"), "digest: slack text with count and source groups");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
}

static void test_spike_and_health(void)
{
	json_t **roots = calloc(1, sizeof(*roots));
	struct alert_event ev;
	struct alert_rule r;
	struct alert_payload p;
	char err[HARK_ERR_MAX];
	json_t *o;
	const char *t;

	roots[0] = json_pack("{s:s, s:s, s:s, s:i, s:i, s:f, s:[{s:s, s:i}, {s:s, s:i}], s:[{s:s, s:s, s:s, s:f, s:s}]}",
	                     "event", "spike", "alert", "spikes", "brand", "acme", "window", 3600, "count", 14,
	                     "usual", 2.0, "sources", "source", "appstore-tr", "count", 9, "source", "reddit", "count", 5,
	                     "mentions", "id", "x1", "source", "reddit", "text", "<!channel> awful", "sentiment", -0.97,
	                     "label", "negative");
	memset(&ev, 0, sizeof(ev));
	T_INT(alert_event_from_payloads(&ev, "spikes", 9, roots, 1, 0, 1795000000, err), 0, "spike: event");
	rule_init(&r, &alert_slack, "https://hooks.slack.example/x");
	o = build_json(&r, &ev, &p);
	t = jget(o, "text");
	T_OK(t && strstr(t, "*Spike: 14 negative mentions of acme in the last 1h (usually 2.0)*") &&
	     strstr(t, "Top sources: appstore-tr (9), reddit (5)") && strstr(t, "Worst examples:") &&
	     strstr(t, "&lt;!channel&gt; awful") && !strstr(t, "<!channel>"), "spike: count, usual, top sources, worst examples");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);

	roots = calloc(1, sizeof(*roots));
	roots[0] = json_pack("{s:s, s:s, s:s, s:i, s:s}", "event", "source_failure", "alert", "health", "source", "shop",
	                     "failures", 3, "error", "HTTP 503 <html>");
	memset(&ev, 0, sizeof(ev));
	alert_event_from_payloads(&ev, "health", 10, roots, 1, 0, 1795000000, err);
	rule_init(&r, &alert_telegram, NULL);
	kvlist_add(&r.params, "token", "1:x", 0);
	kvlist_add(&r.params, "chat_id", "5", 0);
	o = build_json(&r, &ev, &p);
	t = jget(o, "text");
	T_OK(t && strstr(t, "<b>Source shop is failing (3 polls in a row)</b>") && strstr(t, "Last error: HTTP 503 &lt;html&gt;"),
	     "source failure: headline and escaped error");
	json_decref(o);
	alert_payload_free(&p);
	alert_event_free(&ev);
	kvlist_free(&r.params);
}

static void test_email(void)
{
	struct alert_rule r;
	struct alert_event ev;
	struct alert_payload p;
	char err[HARK_ERR_MAX];
	struct buf b = {0};
	const char *m, *s;
	int words_ok = 1;

	rule_init(&r, &alert_email, "smtp://127.0.0.1:2525");
	kvlist_add(&r.params, "from", "hark <hark@acme.example>", 0);
	kvlist_add(&r.params, "to", "social@acme.example, ops@acme.example", 0);
	event_for(&ev, "social", "Ürün <b>sahte</b> & iade yok", -0.8, 1);
	memset(&p, 0, sizeof(p));
	T_INT(alert_email.build(&r, &ev, &p, err), 0, "email: build");
	m = p.body.data ? p.body.data : "";
	T_OK(strstr(m, "\r\nMessage-ID: <hark.42.social@acme.example>\r\n") != NULL, "email: Message-ID from the outbox id");
	T_OK(strstr(m, "Date: ") == m && strstr(m, " +0000\r\n") != NULL, "email: Date first, RFC 5322");
	T_OK(strstr(m, "Content-Type: multipart/alternative;") != NULL && strstr(m, "text/plain; charset=UTF-8") &&
	     strstr(m, "text/html; charset=UTF-8"), "email: text and HTML parts");
	T_STR(kvlist_get(&p.headers, "MAIL FROM"), "hark@acme.example", "email: envelope sender");
	T_INT(p.headers.n, 3, "email: two recipients");
	alert_payload_free(&p);
	alert_event_free(&ev);
	kvlist_free(&r.params);
	rfc2047_append(&b, "[hark] Negative mention of ağır çekim şikâyet İstanbul on appstore-tr — çok çok çok kötü");
	for (s = b.data; s && *s;) {
		size_t n = strcspn(s, "\r");
		if (n > 75)
			words_ok = 0;
		s += n;
		if (*s)
			s += 3; /* \r\n and the folding space */
	}
	T_OK(b.data && strncmp(b.data, "=?UTF-8?B?", 10) == 0 && words_ok, "rfc2047: encoded words of at most 75 characters");
	buf_free(&b);
	rfc2047_append(&b, "plain ascii");
	T_STR(b.data, "plain ascii", "rfc2047: ASCII stays plain");
	buf_free(&b);
}

static void test_core(void)
{
	struct cfg_alert a;
	struct alert_rule r;
	struct buf errors = {0};
	int64_t until = 0, t;
	int n;

	memset(&a, 0, sizeof(a));
	a.name = (char *)"bad";
	a.line = 10;
	kvlist_add(&a.params, "type", "webhook", 11);
	kvlist_add(&a.params, "url", "ftp://x", 12);
	kvlist_add(&a.params, "colour", "red", 13);
	kvlist_add(&a.params, "threshold", "-2", 14);
	kvlist_add(&a.params, "quiet_hours", "22-08", 15);
	kvlist_add(&a.params, "mode", "sometimes", 16);
	n = alert_config_check(&a, "h.conf", &errors);
	T_INT(n, 5, "config check: five errors");
	T_OK(errors.data && strstr(errors.data, "h.conf:12: url: bad URL"), "config: bad URL with its line");
	T_OK(errors.data && strstr(errors.data, "h.conf:13: unknown key 'colour'"), "config: unknown key");
	T_OK(errors.data && strstr(errors.data, "h.conf:14: threshold"), "config: threshold range");
	T_OK(errors.data && strstr(errors.data, "h.conf:15: quiet_hours"), "config: quiet hours format");
	T_OK(errors.data && strstr(errors.data, "h.conf:16: mode"), "config: mode value");
	kvlist_free(&a.params);
	buf_reset(&errors);
	kvlist_add(&a.params, "type", "slack", 11);
	n = alert_config_check(&a, "h.conf", &errors);
	T_OK(n == 1 && strstr(errors.data, "h.conf:10: [alert bad] type slack needs url"), "config: missing url");
	kvlist_free(&a.params);
	buf_free(&errors);

	memset(&a, 0, sizeof(a));
	a.name = (char *)"night";
	kvlist_add(&a.params, "type", "file", 1);
	kvlist_add(&a.params, "path", "x.jsonl", 2);
	kvlist_add(&a.params, "quiet_hours", "22:00-08:00", 3);
	kvlist_add(&a.params, "timezone", "+03:00", 4);
	kvlist_add(&a.params, "digest_every", "1d", 5);
	T_INT(alert_rule_parse(&a, "h.conf", NULL, &r), 0, "rule parses");
	t = time_from_civil(2026, 11, 22, 20, 0, 0); /* 23:00 at +03:00 */
	T_OK(alert_in_quiet(&r, t, &until) && until == time_from_civil(2026, 11, 23, 5, 0, 0),
	     "quiet at 23:00 local, until 08:00 local");
	T_OK(!alert_in_quiet(&r, time_from_civil(2026, 11, 22, 12, 0, 0), NULL), "not quiet at 15:00 local");
	T_OK(alert_in_quiet(&r, time_from_civil(2026, 11, 23, 4, 59, 30), &until) &&
	     until == time_from_civil(2026, 11, 23, 5, 0, 0), "quiet at 07:59:30 local, 30 s left");
	T_INT(alert_digest_due(&r, t), time_from_civil(2026, 11, 22, 21, 0, 0), "daily digest at local midnight");
	alert_rule_free(&r);
	kvlist_set(&a.params, "timezone", "Europe/Istanbul", 4);
	if (alert_rule_parse(&a, "h.conf", NULL, &r) == 0) {
		T_INT(alert_tz_offset("Europe/Istanbul", t), 3 * 3600, "zoneinfo: Istanbul is +03:00");
		T_OK(alert_in_quiet(&r, t, NULL), "zoneinfo: quiet at 23:00 in Istanbul");
	} else {
		T_SKIP("no zoneinfo for Europe/Istanbul on this machine");
	}
	alert_rule_free(&r);
	kvlist_free(&a.params);

	T_OK(alert_backoff(1, 5) >= 22 && alert_backoff(1, 5) <= 30, "backoff: first retry within 30 s");
	T_OK(alert_backoff(3, 5) > 90 && alert_backoff(3, 5) <= 120, "backoff: doubles");
	T_OK(alert_backoff(30, 5) >= 16200 && alert_backoff(30, 5) <= 21600, "backoff: capped at 6 h");
	T_OK(alert_backoff(4, 1) != alert_backoff(4, 2) || alert_backoff(4, 3) != alert_backoff(4, 4),
	     "backoff: jitter differs between rows");
	T_INT(alert_json_retry_after("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}"), 2,
	      "discord retry_after rounded up");
	T_INT(alert_json_retry_after("{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":7}}"), 7,
	      "telegram parameters.retry_after");
	T_INT(alert_json_retry_after("not json"), 0, "no retry_after in junk");
	T_INT(alert_http_judge(200), ALERT_OK, "200 ok");
	T_INT(alert_http_judge(204), ALERT_OK, "204 ok");
	T_INT(alert_http_judge(429), ALERT_RETRY, "429 retry");
	T_INT(alert_http_judge(503), ALERT_RETRY, "503 retry");
	T_INT(alert_http_judge(400), ALERT_DEAD, "400 dead");
	T_INT(alert_http_judge(401), ALERT_DEAD, "401 dead");
	T_INT(alert_http_judge(403), ALERT_DEAD, "403 dead");
	T_INT(alert_http_judge(404), ALERT_DEAD, "404 dead");
	T_INT(alert_http_judge(410), ALERT_DEAD, "410 dead");
	T_INT(utf8_prefix("aç", 3, 2), 1, "utf8_prefix never splits ç");
	T_INT(utf8_prefix("€x", 4, 3), 3, "utf8_prefix keeps whole €");
}

static void test_matching(void)
{
	struct cfg_alert a;
	struct alert_rule r;
	struct stored_mention sm;

	memset(&a, 0, sizeof(a));
	a.name = (char *)"refunds";
	kvlist_add(&a.params, "type", "file", 1);
	kvlist_add(&a.params, "path", "x", 2);
	kvlist_add(&a.params, "brands", "acme", 3);
	kvlist_add(&a.params, "threshold", "-0.5", 4);
	kvlist_add(&a.params, "max_rating", "2", 5);
	kvlist_add(&a.params, "languages", "en, tr", 6);
	T_INT(alert_rule_parse(&a, "h.conf", NULL, &r), 0, "matching rule parses");
	memset(&sm, 0, sizeof(sm));
	sm.brand = "acme";
	sm.source = "s";
	sm.m.text = (char *)"It broke";
	strcpy(sm.m.lang, "en");
	sm.sentiment = -0.6;
	T_OK(alert_rule_matches(&r, &sm), "compound below threshold matches");
	sm.sentiment = 0.3;
	T_OK(!alert_rule_matches(&r, &sm), "positive, no rating: no match");
	sm.m.rating = 2;
	T_OK(alert_rule_matches(&r, &sm), "two stars match max_rating");
	sm.m.rating = 4;
	sm.sentiment = -0.2;
	T_OK(!alert_rule_matches(&r, &sm), "mildly negative four stars: no match");
	sm.sentiment = -0.9;
	sm.brand = "other";
	T_OK(!alert_rule_matches(&r, &sm), "other brand: no match");
	sm.brand = "acme";
	strcpy(sm.m.lang, "de");
	T_OK(!alert_rule_matches(&r, &sm), "language outside the list: no match");
	alert_rule_free(&r);
	kvlist_free(&a.params);
}

/* Random hostile reviews (seeded, so reproducible) through every channel:
 * each answer must keep its channel's invariants whatever the text. */
static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static char *random_text(void)
{
	static const char *const tok[] = {
		"<", ">", "&", "@", "!", "channel", "here", "everyone", "*", "_", "`", "[", "]", "(", ")", "ş", "İ",
		"€", "\xF0\x9F\x98\x80", " ", "http://evil.example", "\\", "\"", "'", "#", ":", "\xff", "|", "~",
		"<!channel>", "<@U1>", "<b>", "</a>", "&amp;", "&lt;", "kötü", "refund", "\t", "\n",
	};
	struct buf b = {0};
	size_t n = rng() % 3 == 0 ? 1500 + rng() % 1500 : rng() % 60, i;
	char *clean;

	for (i = 0; i < n; i++)
		buf_puts(&b, tok[rng() % (sizeof(tok) / sizeof(tok[0]))]);
	buf_puts(&b, "");
	clean = text_clean(b.data, b.len); /* as mention_finish leaves it */
	buf_free(&b);
	return clean;
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

static int at_escaped(const char *t)
{
	const char *p;

	for (p = strchr(t, '@'); p; p = strchr(p + 1, '@'))
		if (p == t || p[-1] != '\\')
			return 0;
	return 1;
}

static void test_random(void)
{
	static const char *const slack_lt[] = {"<https://x.example/1|Open>", "<https://x.example/1|open>", NULL};
	static const char *const tg_lt[] = {"<b>", "</b>", "<a href=\"https://x.example/1\">", "</a>", NULL};
	static const char *const dc_lt[] = {"<https://x.example/1>", NULL};
	int bad[9] = {0}, round;
	size_t c;

	for (round = 0; round < 300; round++) {
		char *text = random_text(), *title = random_text(), *author = random_text();
		json_t **roots = calloc(1, sizeof(*roots));
		json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:f, s:s}", "id", "r", "author", author, "title", title,
		                      "text", text, "url", "https://x.example/1", "rating", 1, "sentiment", -0.9, "label", "negative");
		struct alert_event ev;
		char err[HARK_ERR_MAX];

		roots[0] = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "event", "mention", "alert", "r", "brand", "acme",
		                     "source", "s", "adapter", "rss", "mention", m);
		memset(&ev, 0, sizeof(ev));
		if (alert_event_from_payloads(&ev, "r", 1, roots, 1, round % 5 == 0, 1795000000, err) < 0) {
			bad[0]++;
			continue;
		}
		for (c = 0; c < alert_channel_count; c++) {
			const struct alert_channel *ch = alert_channels[c];
			struct alert_rule r;
			struct alert_payload p;
			json_t *o;
			const char *t = NULL;
			int good = 1;

			if (ch == &alert_exec || ch == &alert_file)
				continue;
			rule_init(&r, ch, ch == &alert_email ? "smtp://127.0.0.1:1" : "https://h.example/topic");
			kvlist_add(&r.params, "token", "1:x", 0);
			kvlist_add(&r.params, "chat_id", "5", 0);
			kvlist_add(&r.params, "from", "a@b.example", 0);
			kvlist_add(&r.params, "to", "c@d.example", 0);
			memset(&p, 0, sizeof(p));
			if (ch->build(&r, &ev, &p, err) < 0) {
				bad[c]++;
				kvlist_free(&r.params);
				continue;
			}
			if (ch == &alert_email) {
				const char *q;
				for (q = p.body.data; *q; q++)
					if ((*q == '\n' && (q == p.body.data || q[-1] != '\r')) || (unsigned char)*q >= 0x80)
						good = 0; /* CRLF only, 7-bit (base64 and RFC 2047) */
			} else {
				o = json_loads(p.body.data, 0, NULL);
				if (!o)
					good = 0;
				if (ch == &alert_slack)
					t = jget(o, "text");
				else if (ch == &alert_discord)
					t = jget(o, "content");
				else if (ch == &alert_telegram)
					t = jget(o, "text");
				else if (ch == &alert_ntfy)
					t = jget(o, "message");
				else if (ch == &alert_teams)
					t = jget(o, "attachments.0.content.body.1.text");
				else if (ch == &alert_webhook)
					good = good && (ev.nitems != 1 || !strcmp(ev.event, "digest") ||
					                str_eq(jget(o, "mention.text"), text));
				if (t && (strlen(t) > (ch->limit ? ch->limit : (size_t)-1) || !text_is_utf8(t, strlen(t))))
					good = 0;
				if (t && ch == &alert_slack && !lt_ok(t, slack_lt))
					good = 0;
				if (t && ch == &alert_telegram && !lt_ok(t, tg_lt))
					good = 0;
				if (t && ch == &alert_discord && (!lt_ok(t, dc_lt) || !at_escaped(t)))
					good = 0;
				json_decref(o);
			}
			if (!good && !bad[c]++)
				printf("# %s broke on: %.200s\n", ch->name, p.body.data);
			alert_payload_free(&p);
			kvlist_free(&r.params);
		}
		alert_event_free(&ev);
		free(text);
		free(title);
		free(author);
	}
	for (c = 0; c < alert_channel_count; c++)
		if (alert_channels[c] != &alert_exec && alert_channels[c] != &alert_file)
			T_OK(bad[c] == 0, "random hostile reviews: %s keeps escaping, limit and UTF-8 (%d broken)",
			     alert_channels[c]->name, bad[c]);
}

int main(void)
{
	char *text = hostile_text();

	test_tables();
	test_slack(text);
	test_discord(text);
	test_telegram(text);
	test_teams(text);
	test_ntfy(text);
	test_webhook();
	test_digest();
	test_spike_and_health();
	test_email();
	test_core();
	test_matching();
	printf("# 300 random hostile reviews through every channel:\n");
	test_random();
	free(text);
	T_DONE();
}
