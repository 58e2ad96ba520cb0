/* alert_telegram.c - Telegram Bot API sendMessage in HTML parse mode:
 * customer text HTML-escaped, at most 4,096 characters. url is the API
 * base (default https://api.telegram.org); token and chat_id are keys. */
#include <string.h>

#include "alert_channel.h"

#define TELEGRAM_API "https://api.telegram.org"

static const struct alert_style telegram_style = {
	.esc = esc_html, .bold_open = "<b>", .bold_close = "</b>", .link = link_html, .bullet = "• ",
};

static int telegram_build(const struct alert_rule *r, const struct alert_event *ev,
                          struct alert_payload *p, char *err)
{
	struct buf text = {0}, url = {0};
	const char *base = r->url && *r->url ? r->url : TELEGRAM_API;
	const char *token = kvlist_get(&r->params, "token");
	const char *chat = kvlist_get(&r->params, "chat_id");
	json_t *o;
	int rc;

	if (!token || !chat) {
		errf(err, "telegram needs token and chat_id");
		return -1;
	}
	if (alert_render(ev, &telegram_style, alert_telegram.limit, &text) < 0) {
		errf(err, "out of memory");
		return -1;
	}
	o = json_pack("{s:s, s:s, s:s, s:b}", "chat_id", chat, "text", text.data, "parse_mode", "HTML",
	              "disable_web_page_preview", 1);
	buf_free(&text);
	{
		size_t bl = strlen(base);
		if (bl && base[bl - 1] == '/')
			bl--;
		buf_printf(&url, "%.*s/bot%s/sendMessage", (int)bl, base, token);
	}
	rc = alert_json_request(p, o, url.data, err);
	json_decref(o);
	buf_free(&url);
	return rc;
}

static enum alert_result telegram_send(const struct alert_rule *r, const struct alert_event *ev,
                                       const struct alert_payload *p, struct alert_send_result *res)
{
	(void)ev;
	/* 429 answers {"ok":false,"parameters":{"retry_after":N}}; alert_http_post
	 * reads it. The token is in the URL path: never in messages. */
	enum alert_result rc = alert_http_post(r, p, res, NULL);
	char *at = strstr(res->error, "/bot");
	if (at) { /* mask the token if a transport error quoted the URL */
		char *end = strstr(at, "/sendMessage");
		if (end && end - at >= 7)
			memmove(at + 7, end, strlen(end) + 1), memcpy(at, "/bot***", 7);
	}
	return rc;
}

const struct alert_channel alert_telegram = {
	.name = "telegram",
	.flags = CH_HTTP,
	.limit = 4096,
	.build = telegram_build,
	.send = telegram_send,
};
