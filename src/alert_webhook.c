/* alert_webhook.c - the generic webhook of SPEC 9: POST the event as JSON
 * with Idempotency-Key (the outbox id) and, when `secret` is set,
 * X-Hark-Signature: sha256=<hex HMAC-SHA256 of the body>. */
#include <stdio.h>
#include <string.h>

#include "alert_channel.h"
#include "hark/sha256.h"

static int webhook_build(const struct alert_rule *r, const struct alert_event *ev,
                         struct alert_payload *p, char *err)
{
	const char *secret = kvlist_get(&r->params, "secret");
	char key[32], hex[2 * SHA256_LEN + 1], sig[2 * SHA256_LEN + 8];
	unsigned char mac[SHA256_LEN];

	if (alert_json_dump(&p->body, ev->body, err) < 0)
		return -1;
	snprintf(key, sizeof(key), "%lld", (long long)ev->key);
	if (kvlist_add(&p->headers, "Content-Type", "application/json", 0) < 0 ||
	    kvlist_add(&p->headers, "Idempotency-Key", key, 0) < 0 ||
	    kvlist_add(&p->headers, "X-Hark-Event", ev->event, 0) < 0)
		goto oom;
	if (secret) {
		hmac_sha256(secret, strlen(secret), p->body.data, p->body.len, mac);
		snprintf(sig, sizeof(sig), "sha256=%s", hex_lower(mac, SHA256_LEN, hex));
		if (kvlist_add(&p->headers, "X-Hark-Signature", sig, 0) < 0)
			goto oom;
	}
	p->url = xstrdup(r->url);
	if (!p->url)
		goto oom;
	return 0;
oom:
	errf(err, "out of memory");
	return -1;
}

const struct alert_channel alert_webhook = {
	.name = "webhook",
	.flags = CH_NEEDS_URL | CH_HTTP,
	.limit = 0,
	.build = webhook_build,
	.send = alert_http_send,
};
