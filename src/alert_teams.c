/* alert_teams.c - Microsoft Teams: a Workflows webhook with an Adaptive
 * Card (card = adaptive, the default), or a legacy Office 365 connector
 * with a MessageCard (card = messagecard, chosen by itself for
 * .../webhookb2/... URLs). Customer text is markdown-escaped (and
 * HTML-escaped for MessageCards, which render some HTML). */
#include <stdlib.h>
#include <string.h>

#include "alert_channel.h"

static void link_md(struct buf *b, const char *url, const char *label)
{
	buf_printf(b, "[%s](", label);
	url_esc_markdown(b, url);
	buf_putc(b, ')');
}

static void esc_legacy(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '&')
			buf_puts(b, "&amp;");
		else if (s[i] == '<')
			buf_puts(b, "&lt;");
		else if (s[i] == '>')
			buf_puts(b, "&gt;");
		else
			esc_markdown(b, s + i, 1);
	}
}

static const struct alert_style adaptive_style = {
	.esc = esc_markdown, .bold_open = "**", .bold_close = "**", .link = link_md, .bullet = "- ",
	.no_headline = 1,
};

static const struct alert_style legacy_style = {
	.esc = esc_legacy, .bold_open = "**", .bold_close = "**", .link = link_md, .bullet = "- ",
	.no_headline = 1,
};

static int teams_is_legacy(const struct alert_rule *r)
{
	const char *card = kvlist_get(&r->params, "card");

	if (card)
		return strcmp(card, "messagecard") == 0;
	return r->url && (strstr(r->url, "/webhookb2/") || strstr(r->url, "outlook.office.com/webhook"));
}

/* Markdown needs a blank line to break a line. */
static char *paragraphs(const char *s)
{
	struct buf b = {0};

	for (; *s; s++) {
		if (*s == '\n')
			buf_puts(&b, "\n\n");
		else
			buf_putc(&b, *s);
	}
	return buf_detach(&b);
}

static int teams_build(const struct alert_rule *r, const struct alert_event *ev,
                       struct alert_payload *p, char *err)
{
	struct buf text = {0}, head = {0};
	const char *link = alert_event_link(ev);
	int legacy = teams_is_legacy(r);
	char *body = NULL;
	json_t *o = NULL;
	int rc = -1;

	if (alert_render(ev, legacy ? &legacy_style : &adaptive_style, alert_teams.limit, &text) < 0 ||
	    alert_headline(ev, &head) < 0 || !(body = paragraphs(text.data)))
		goto oom;
	if (legacy) {
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "@type", "MessageCard",
		              "@context", "https://schema.org/extensions", "summary", head.data,
		              "themeColor", ev->severity >= 3 ? "D70000" : ev->severity == 2 ? "FF8C00" : "0078D7",
		              "title", head.data, "text", body);
		if (o && link)
			json_object_set_new(o, "potentialAction",
			                    json_pack("[{s:s, s:s, s:[{s:s, s:s}]}]", "@type", "OpenUri", "name", "Open",
			                              "targets", "os", "default", "uri", link));
	} else {
		json_t *card = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:b, s:s}, {s:s, s:s, s:b}]}",
		                         "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
		                         "type", "AdaptiveCard", "version", "1.4", "body",
		                         "type", "TextBlock", "text", head.data, "weight", "Bolder", "wrap", 1,
		                         "color", ev->severity >= 3 ? "Attention" : "Default",
		                         "type", "TextBlock", "text", body, "wrap", 1);
		if (card && link)
			json_object_set_new(card, "actions",
			                    json_pack("[{s:s, s:s, s:s}]", "type", "Action.OpenUrl", "title", "Open",
			                              "url", link));
		if (card)
			o = json_pack("{s:s, s:[{s:s, s:n, s:o}]}", "type", "message", "attachments",
			              "contentType", "application/vnd.microsoft.card.adaptive", "contentUrl",
			              "content", card);
	}
	rc = alert_json_request(p, o, r->url, err);
	goto out;
oom:
	errf(err, "out of memory");
out:
	json_decref(o);
	free(body);
	buf_free(&text);
	buf_free(&head);
	return rc;
}

const struct alert_channel alert_teams = {
	.name = "teams",
	.flags = CH_NEEDS_URL | CH_HTTP,
	.limit = 12000,
	.build = teams_build,
	.send = alert_http_send,
};
