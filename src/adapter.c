/* adapter.c - helpers shared by the adapters: parameters, requests, URLs. */
#include <stdlib.h>
#include <string.h>

#include "hark/adapter.h"

const char *adapter_param(const struct adapter_source *src, const char *name, const char *def)
{
	const char *v = kvlist_get(src->params, name);

	return v && *v ? v : def;
}

int adapter_request_set_url(struct adapter_request *req, const char *url)
{
	char *u = xstrdup(url);

	if (!u)
		return -1;
	free(req->url);
	req->url = u;
	return 0;
}

struct adapter_request *adapter_request_new(const char *url)
{
	struct adapter_request *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	if (url && adapter_request_set_url(r, url) < 0) {
		free(r);
		return NULL;
	}
	return r;
}

void adapter_request_clear(struct adapter_request *req)
{
	free(req->url);
	free(req->method);
	kvlist_free(&req->headers);
	buf_free(&req->body);
	memset(req, 0, sizeof(*req));
}

void adapter_result_clear(struct adapter_result *res)
{
	mention_list_free(&res->mentions);
	free(res->cursor);
	if (res->next) {
		adapter_request_clear(res->next);
		free(res->next);
	}
	memset(res, 0, sizeof(*res));
}

char *url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		int c = *p;
		int plain = IS_ALPHA(c) || IS_DIGIT(c) || c == '-' || c == '_' || c == '.' || c == '~';
		if (plain ? buf_putc(&b, c) : buf_printf(&b, "%%%c%c", hex[c >> 4], hex[c & 15])) {
			buf_free(&b);
			return NULL;
		}
	}
	return buf_detach(&b);
}

int url_add_query(struct buf *url, const char *key, const char *value)
{
	char *v = url_escape(value);
	int rc;

	if (!v)
		return -1;
	rc = buf_printf(url, "%c%s=%s", url->data && strchr(url->data, '?') ? '&' : '?', key, v);
	free(v);
	return rc;
}
