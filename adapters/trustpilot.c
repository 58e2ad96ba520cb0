/* trustpilot.c - reviews of one business unit from the Trustpilot public
 * API (/v1/business-units/ID/reviews, newest first). The API key goes in
 * the apikey header, not the URL. No cursor: pages follow the links[]
 * rel="next-page" (or page+1 after a full page) until a known review. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "trustpilot"

static const struct adapter_param trustpilot_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API root (default https://api.trustpilot.com/v1)"},
	{"business_unit", ADAPTER_PARAM_REQUIRED, "business unit id (24 hex digits; find it with /business-units/find?name=DOMAIN)"},
	{"key", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "API key, e.g. ${TRUSTPILOT_API_KEY}"},
	{"language", 0, "only reviews in this language, e.g. tr, or all"},
	{"per_page", 0, "reviews per request, 1..100 (default 100)"},
	{"stars", 0, "only these star ratings, e.g. 1,2"},
	{NULL, 0, NULL},
};

static int trustpilot_build(const struct adapter_source *src, int page, const char *url, struct adapter_request *req,
                            char *err)
{
	struct buf u = {0};
	char *bu = url_escape(adapter_param(src, "business_unit", ""));
	char n[24];
	int rc = -1;

	if (!bu)
		return OOM(WHO, err);
	snprintf(n, sizeof(n), "%d", page);
	if (url) {
		if (buf_puts(&u, url) < 0) {
			OOM(WHO, err);
			goto done;
		}
	} else {
		if (url_start(&u, adapter_param(src, "base_url", "https://api.trustpilot.com/v1"), WHO, err) < 0)
			goto done;
		if (buf_printf(&u, "/business-units/%s/reviews", bu) < 0) {
			OOM(WHO, err);
			goto done;
		}
		if (add_query(&u, "perPage", adapter_param(src, "per_page", "100"), WHO, err) < 0 ||
		    add_query(&u, "page", n, WHO, err) < 0 ||
		    add_query(&u, "orderBy", "createdat.desc", WHO, err) < 0 ||
		    add_query(&u, "language", adapter_param(src, "language", NULL), WHO, err) < 0 ||
		    add_query(&u, "stars", adapter_param(src, "stars", NULL), WHO, err) < 0)
			goto done;
	}
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = add_header(req, "apikey", adapter_param(src, "key", ""), WHO, err);
done:
	buf_free(&u);
	free(bu);
	return rc;
}

static int trustpilot_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return trustpilot_build(src, 1, NULL, req, err);
}

static int trustpilot_parse(const struct adapter_source *src, const struct adapter_response *resp,
                            struct adapter_result *out, char *err)
{
	json_t *root, *reviews, *r, *links, *l;
	const char *next_url = NULL;
	size_t i;
	int rc = -1;

	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	reviews = json_object_get(root, "reviews");
	if (!json_is_array(reviews)) {
		const char *msg = hj_str(root, "message") ? hj_str(root, "message") : hj_str(root, "fault.faultstring");
		if (msg)
			err_api(WHO, resp->status, msg, NULL, err);
		else
			unexpected_body(WHO, resp, err, "not a reviews response (no reviews array)");
		goto done;
	}
	json_array_foreach(reviews, i, r) {
		struct mention *m;
		const char *id = hj_str(r, "id");
		if (!id) {
			errf(err, WHO ": review without id: the response format has changed");
			goto done;
		}
		if (!(m = result_add(out, WHO, err)))
			goto done;
		if (set_str(&m->id, id) < 0 || set_str(&m->author, hj_str(r, "consumer.displayName")) < 0 ||
		    set_str(&m->title, hj_str(r, "title")) < 0 ||
		    set_str(&m->text, hj_str(r, "text") ? hj_str(r, "text") : "") < 0 ||
		    set_printf(&m->url, "https://www.trustpilot.com/reviews/%s", id) < 0) {
			OOM(WHO, err);
			goto done;
		}
		m->rating = hj_rating(r, "stars");
		m->published_at = hj_time(r, "createdAt");
		set_lang(m, hj_str(r, "language"));
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	links = json_object_get(root, "links");
	json_array_foreach(links, i, l)
		if (str_eq(hj_str(l, "rel"), "next-page") && hj_str(l, "href") && *hj_str(l, "href"))
			next_url = hj_str(l, "href");
	if (json_array_size(reviews) > 0 && (next_url || (!links && (int)json_array_size(reviews) >=
	                                                    atoi(adapter_param(src, "per_page", "100"))))) {
		struct adapter_request next = {0};
		if (result_next_built(out, &next, trustpilot_build(src, src->page + 2, next_url, &next, err), WHO, err) < 0)
			goto done;
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void trustpilot_checks(struct problems *pb)
{
	const char *bu = param_value(pb, "business_unit"), *lang = param_value(pb, "language");
	const char *stars = param_value(pb, "stars"), *s;

	/* an id (Trustpilot's are 24 hex digits), not a pasted URL or domain */
	if (bu && (!*bu || bu[strspn(bu, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-")]))
		problem(pb, "business_unit",
		        "business_unit must be the business unit id, e.g. 24 hex digits "
		        "(find it with /business-units/find?name=DOMAIN), not \"%s\"", bu);
	if (lang && strcmp(lang, "all"))
		param_lang(pb, "language");
	param_int(pb, "per_page", 1, 100);
	/* "1,2": star ratings 1..5, comma-separated */
	for (s = stars; s && *s >= '1' && *s <= '5' && ((s[1] == ',' && s[2]) || !s[1]); s += s[1] ? 2 : 1)
		;
	if (s && *s)
		problem(pb, "stars", "stars must be star ratings from 1 to 5 separated by commas, e.g. 1,2, not \"%s\"", stars);
}

static int trustpilot_check(const struct kvlist *params, char *err)
{
	return checks_first(trustpilot_checks, params, err);
}

static int trustpilot_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(trustpilot_checks, params, report, ctx);
}

const struct adapter adapter_trustpilot = {
	.name = "trustpilot",
	.summary = "Trustpilot reviews of one business unit, newest first (public API)",
	.params = trustpilot_params,
	.request = trustpilot_request,
	.parse = trustpilot_parse,
	.check = trustpilot_check,
	.check_all = trustpilot_check_all,
};
