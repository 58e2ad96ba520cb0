/* alert_slack.c - Slack incoming webhooks. Customer text has & < > escaped,
 * so "<!channel>", "<!here>" and "<@U123>" in a review stay text. */
#include <string.h>

#include "alert_channel.h"

static void esc_slack(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

static void link_slack(struct buf *b, const char *url, const char *label)
{
	const char *p;

	buf_putc(b, '<');
	for (p = url; *p; p++) {
		if (*p == '|')
			buf_puts(b, "%7C");
		else
			esc_slack(b, p, 1);
	}
	buf_printf(b, "|%s>", label);
}

static const struct alert_style slack_style = {
	.esc = esc_slack, .bold_open = "*", .bold_close = "*", .link = link_slack, .bullet = "• ",
};

static int slack_build(const struct alert_rule *r, const struct alert_event *ev,
                       struct alert_payload *p, char *err)
{
	struct buf text = {0};
	json_t *o;
	const char *v;
	int rc;

	if (alert_render(ev, &slack_style, alert_slack.limit, &text) < 0) {
		errf(err, "out of memory");
		return -1;
	}
	/* Slack takes text with mrkdwn; no link_names, so @here stays text. */
	o = json_pack("{s:s, s:b, s:b}", "text", text.data, "unfurl_links", 0, "unfurl_media", 0);
	buf_free(&text);
	if (o && (v = kvlist_get(&r->params, "username")))
		json_object_set_new(o, "username", json_string(v));
	if (o && (v = kvlist_get(&r->params, "channel")))
		json_object_set_new(o, "channel", json_string(v));
	rc = alert_json_request(p, o, r->url, err);
	json_decref(o);
	return rc;
}

const struct alert_channel alert_slack = {
	.name = "slack",
	.flags = CH_NEEDS_URL | CH_HTTP,
	.limit = 3000,
	.build = slack_build,
	.send = alert_http_send, /* 429 with Retry-After; 404 no_service, 410 channel_is_archived */
};
