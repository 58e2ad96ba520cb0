/* alert_discord.c - Discord webhooks: markdown escaped, no mentions parsed
 * (allowed_mentions is empty), at most 2,000 characters. */
#include "alert_channel.h"

/* [label](<url>) with the characters that would end the link encoded. */
static void link_discord(struct buf *b, const char *url, const char *label)
{
	buf_printf(b, "[%s](<", label);
	url_esc_markdown(b, url);
	buf_puts(b, ">)");
}

static const struct alert_style discord_style = {
	.esc = esc_markdown, .bold_open = "**", .bold_close = "**", .link = link_discord, .bullet = "• ",
};

static int discord_build(const struct alert_rule *r, const struct alert_event *ev,
                         struct alert_payload *p, char *err)
{
	struct buf text = {0};
	json_t *o;
	const char *v;
	int rc;

	if (alert_render(ev, &discord_style, alert_discord.limit, &text) < 0) {
		errf(err, "out of memory");
		return -1;
	}
	o = json_pack("{s:s, s:{s:[]}}", "content", text.data, "allowed_mentions", "parse");
	buf_free(&text);
	if (o && (v = kvlist_get(&r->params, "username")))
		json_object_set_new(o, "username", json_string(v));
	rc = alert_json_request(p, o, r->url, err);
	json_decref(o);
	return rc;
}

const struct alert_channel alert_discord = {
	.name = "discord",
	.flags = CH_NEEDS_URL | CH_HTTP,
	.limit = 2000,
	.build = discord_build,
	.send = alert_http_send, /* a 429 carries {"retry_after": 1.5} in the body (and a header) */
};
