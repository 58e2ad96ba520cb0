/* etsy.c - reviews of one Etsy shop (Open API v3, /shops/ID/reviews).
 * Cursor: the newest created_timestamp seen, sent as min_created; further
 * pages use offset without the filter (newest first, so they continue the
 * filtered page) until a known review. A review has no id of its own: the
 * transaction id is used, else shop, listing, buyer and time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "etsy"

static const struct adapter_param etsy_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API root (default https://openapi.etsy.com/v3/application)"},
	{"key", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "x-api-key value (keystring, or keystring:shared_secret), e.g. ${ETSY_API_KEY}"},
	{"limit", 0, "reviews per request, 1..100 (default 100)"},
	{"shop_id", ADAPTER_PARAM_REQUIRED, "numeric shop id"},
	{NULL, 0, NULL},
};

static int etsy_build(const struct adapter_source *src, const char *since, int offset, struct adapter_request *req,
                      char *err)
{
	struct buf u = {0};
	char *shop = url_escape(adapter_param(src, "shop_id", ""));
	char off[24];
	int rc = -1;

	if (!shop)
		return OOM(WHO, err);
	snprintf(off, sizeof(off), "%d", offset);
	if (url_start(&u, adapter_param(src, "base_url", "https://openapi.etsy.com/v3/application"), WHO, err) < 0)
		goto done;
	if (buf_printf(&u, "/shops/%s/reviews", shop) < 0) {
		OOM(WHO, err);
		goto done;
	}
	if (add_query(&u, "limit", adapter_param(src, "limit", "100"), WHO, err) < 0 ||
	    add_query(&u, "offset", off, WHO, err) < 0 ||
	    (since && *since && add_query(&u, "min_created", since, WHO, err) < 0))
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = add_header(req, "x-api-key", adapter_param(src, "key", ""), WHO, err);
done:
	buf_free(&u);
	free(shop);
	return rc;
}

static int etsy_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return etsy_build(src, src->cursor, 0, req, err);
}

static int etsy_review(json_t *r, struct adapter_result *out, char *err)
{
	struct mention *m = result_add(out, WHO, err);
	const char *created = hj_get(r, "created_timestamp") ? "created_timestamp" : "create_timestamp";
	char *tx = hj_text(r, "transaction_id"), *listing = hj_text(r, "listing_id");
	struct buf b = {0};
	int rc = -1;

	if (!m)
		goto done;
	if (tx && strcmp(tx, "0")) {
		if (buf_puts(&b, tx) < 0)
			goto oom;
	} else {
		char *shop = hj_text(r, "shop_id"), *buyer = hj_text(r, "buyer_user_id");
		int bad = buf_printf(&b, "%s-%s-%s-%lld", shop ? shop : "", listing ? listing : "", buyer ? buyer : "",
		                     hj_int(r, created, 0)) < 0;
		free(shop);
		free(buyer);
		if (bad)
			goto oom;
	}
	if (!(m->id = buf_detach(&b)))
		goto oom;
	m->author = hj_text(r, "buyer_user_id");
	/* Etsy sends text with HTML entities (&amp;, &#39;) */
	if (set_html(&m->text, hj_str(r, "review") ? hj_str(r, "review") : "") < 0)
		goto oom;
	if (listing && strcmp(listing, "0") && set_printf(&m->url, "https://www.etsy.com/listing/%s", listing) < 0)
		goto oom;
	m->rating = hj_rating(r, "rating");
	m->published_at = hj_time(r, created);
	set_lang(m, hj_str(r, "language"));
	rc = 0;
	goto done;
oom:
	OOM(WHO, err);
done:
	buf_free(&b);
	free(tx);
	free(listing);
	return rc;
}

static int etsy_parse(const struct adapter_source *src, const struct adapter_response *resp,
                      struct adapter_result *out, char *err)
{
	json_t *root, *results, *r;
	long long newest = 0, cur = src->cursor ? atoll(src->cursor) : 0;
	size_t i;
	int rc = -1;

	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	results = json_object_get(root, "results");
	if (!json_is_array(results)) {
		const char *msg = hj_str(root, "error") ? hj_str(root, "error") : hj_str(root, "message");
		if (msg)
			err_api(WHO, resp->status, msg, NULL, err);
		else
			unexpected_body(WHO, resp, err, "not a reviews response (no results array)");
		goto done;
	}
	json_array_foreach(results, i, r) {
		long long t = hj_int(r, "created_timestamp", hj_int(r, "create_timestamp", 0));
		if (json_is_object(r) && etsy_review(r, out, err) < 0)
			goto done;
		if (t > newest)
			newest = t;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	if (newest > cur) {
		char c[32];
		snprintf(c, sizeof(c), "%lld", newest);
		if (result_cursor(out, c, WHO, err) < 0)
			goto done;
	}
	{
		int limit = atoi(adapter_param(src, "limit", "100"));
		long long seen = (long long)(src->page + 1) * (limit > 0 ? limit : 100);
		if (json_array_size(results) > 0 && (long long)json_array_size(results) >= limit &&
		    seen < hj_int(root, "count", 0) && adapter_param(src, "shop_id", NULL)) {
			struct adapter_request next = {0};
			if (result_next_built(out, &next, etsy_build(src, NULL, (int)seen, &next, err), WHO, err) < 0)
				goto done;
		}
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void etsy_checks(struct problems *pb)
{
	param_int(pb, "limit", 1, 100);
	param_digits(pb, "shop_id", "the numeric shop id");
}

static int etsy_check(const struct kvlist *params, char *err)
{
	return checks_first(etsy_checks, params, err);
}

static int etsy_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(etsy_checks, params, report, ctx);
}

const struct adapter adapter_etsy = {
	.name = "etsy",
	.summary = "Etsy reviews of one shop (Open API v3)",
	.params = etsy_params,
	.request = etsy_request,
	.parse = etsy_parse,
	.check = etsy_check,
	.check_all = etsy_check_all,
};
