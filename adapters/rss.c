/* rss.c - STUB: RSS 0.9x/2.0, RSS 1.0 and Atom feeds (being written). */
#include "hark/adapter.h"

static const struct adapter_param rss_params[] = {
	{"url", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_URL, "feed URL (http, https or file)"},
	{NULL, 0, NULL},
};

static int rss_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	(void)err;
	return adapter_request_set_url(req, adapter_param(src, "url", NULL));
}

static int rss_parse(const struct adapter_source *src, const struct adapter_response *resp,
                     struct adapter_result *out, char *err)
{
	(void)src; (void)resp; (void)out;
	errf(err, "rss: not implemented yet");
	return -1;
}

const struct adapter adapter_rss = {
	.name = "rss",
	.summary = "RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 feeds, Google Alerts",
	.params = rss_params,
	.request = rss_request,
	.parse = rss_parse,
};
