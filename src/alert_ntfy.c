/* alert_ntfy.c - ntfy (ntfy.sh or self-hosted): url = https://HOST/TOPIC,
 * published as JSON to the server root with title, priority from the
 * severity (or `priority`), click URL and tags; `token` (Bearer) or
 * `username`/`password` (Basic) for protected topics. Plain text: ntfy does
 * not render markup unless asked, so nothing needs escaping but JSON's. */
#include <stdlib.h>
#include <string.h>

#include "alert_channel.h"

static void link_plain(struct buf *b, const char *url, const char *label)
{
	(void)label;
	buf_puts(b, url);
}

static const struct alert_style ntfy_style = {
	.esc = esc_none, .bold_open = "", .bold_close = "", .link = link_plain, .bullet = "- ",
	.no_headline = 1,
};

static int ntfy_priority(const struct alert_rule *r, const struct alert_event *ev)
{
	static const char *const names[] = {"", "min", "low", "default", "high", "max"};
	const char *v = kvlist_get(&r->params, "priority");
	int i;

	if (v) {
		if (IS_DIGIT(v[0]) && v[1] == '\0' && v[0] >= '1' && v[0] <= '5')
			return v[0] - '0';
		for (i = 1; i <= 5; i++)
			if (strcmp(v, names[i]) == 0)
				return i;
		if (strcmp(v, "urgent") == 0)
			return 5;
	}
	return ev->severity >= 3 ? 5 : ev->severity == 2 ? 4 : 3;
}

/* Split https://host[:port]/path/TOPIC into the server URL and the topic. */
int ntfy_split(const char *url, char **server, char **topic)
{
	const char *host = strstr(url, "://"), *slash;

	*server = *topic = NULL;
	if (!host)
		return -1;
	host += 3;
	slash = strrchr(host, '/');
	if (!slash || !slash[1] || strpbrk(slash + 1, "?#"))
		return -1;
	*server = xstrndup(url, (size_t)(slash - url));
	*topic = xstrdup(slash + 1);
	if (!*server || !*topic) {
		free(*server);
		free(*topic);
		*server = *topic = NULL;
		return -1;
	}
	return 0;
}

static int ntfy_build(const struct alert_rule *r, const struct alert_event *ev,
                      struct alert_payload *p, char *err)
{
	struct buf text = {0}, head = {0}, auth = {0};
	const char *link = alert_event_link(ev), *v;
	char *server = NULL, *topic = NULL;
	json_t *o = NULL;
	int rc = -1;

	if (ntfy_split(r->url, &server, &topic) < 0) {
		errf(err, "ntfy url needs a topic: https://HOST/TOPIC");
		return -1;
	}
	if (alert_render(ev, &ntfy_style, alert_ntfy.limit, &text) < 0 || alert_headline(ev, &head) < 0)
		goto oom;
	o = json_pack("{s:s, s:s, s:s, s:i, s:[s]}", "topic", topic, "title", head.data,
	              "message", text.data, "priority", ntfy_priority(r, ev), "tags",
	              ev->severity >= 3 ? "rotating_light" : "warning");
	if (o && link)
		json_object_set_new(o, "click", json_string(link));
	if (alert_json_request(p, o, server, err) < 0)
		goto out;
	if ((v = kvlist_get(&r->params, "token"))) {
		buf_printf(&auth, "Bearer %s", v);
	} else if ((v = kvlist_get(&r->params, "username"))) {
		struct buf up = {0};
		const char *pw = kvlist_get(&r->params, "password");
		buf_printf(&up, "%s:%s", v, pw ? pw : "");
		buf_puts(&auth, "Basic ");
		base64_append(&auth, up.data, up.len);
		buf_free(&up);
	}
	if (auth.data && kvlist_add(&p->headers, "Authorization", auth.data, 0) < 0)
		goto oom;
	rc = 0;
	goto out;
oom:
	errf(err, "out of memory");
out:
	json_decref(o);
	free(server);
	free(topic);
	buf_free(&text);
	buf_free(&head);
	buf_free(&auth);
	return rc;
}

const struct alert_channel alert_ntfy = {
	.name = "ntfy",
	.flags = CH_NEEDS_URL | CH_HTTP,
	.limit = 4000,
	.build = ntfy_build,
	.send = alert_http_send,
};
