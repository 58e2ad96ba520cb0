/* yelp.c - reviews of one business from Yelp Fusion (/v3/businesses/ID/
 * reviews, sort_by=newest; the API gives excerpts). No cursor: offset
 * pages until a known review id. time_created has no zone; Yelp writes it
 * in US Pacific time, converted here with the US daylight-saving rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"
#include "hark/htime.h"

#define WHO "yelp"

static const struct adapter_param yelp_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API root (default https://api.yelp.com/v3)"},
	{"business", ADAPTER_PARAM_REQUIRED, "business id or alias, e.g. acme-shoes-san-francisco"},
	{"key", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "API key, e.g. ${YELP_API_KEY}"},
	{"limit", 0, "reviews per request, 1..50 (default 20; plans without more give 3)"},
	{"locale", 0, "review locale, e.g. en_US, tr_TR"},
	{NULL, 0, NULL},
};

static int yelp_build(const struct adapter_source *src, int offset, struct adapter_request *req, char *err)
{
	struct buf u = {0};
	char *biz = url_escape(adapter_param(src, "business", ""));
	char off[24];
	int rc = -1;

	if (!biz)
		return OOM(WHO, err);
	snprintf(off, sizeof(off), "%d", offset);
	if (url_start(&u, adapter_param(src, "base_url", "https://api.yelp.com/v3"), WHO, err) < 0)
		goto done;
	if (buf_printf(&u, "/businesses/%s/reviews", biz) < 0) {
		OOM(WHO, err);
		goto done;
	}
	if (add_query(&u, "locale", adapter_param(src, "locale", NULL), WHO, err) < 0 ||
	    add_query(&u, "sort_by", "newest", WHO, err) < 0 ||
	    add_query(&u, "limit", adapter_param(src, "limit", "20"), WHO, err) < 0 ||
	    (offset > 0 && add_query(&u, "offset", off, WHO, err) < 0))
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = add_auth(req, "Bearer", adapter_param(src, "key", NULL), WHO, err);
done:
	buf_free(&u);
	free(biz);
	return rc;
}

static int yelp_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return yelp_build(src, 0, req, err);
}

/* Day of the month of the n-th Sunday (n = 1, 2) of month in year. */
static int nth_sunday(int year, int month, int n)
{
	int64_t days = time_from_civil(year, month, 1, 0, 0, 0) / 86400;
	int wday = (int)((days + 4) % 7); /* 1970-01-01 was a Thursday; 0 = Sunday */

	return 1 + (7 - wday) % 7 + 7 * (n - 1);
}

/* "YYYY-MM-DD HH:MM:SS" in US Pacific time to UTC. */
static int64_t yelp_pacific_time(const char *s)
{
	int y, mo, d, h, mi, sec, pdt;
	int64_t local;

	if (!s || sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6)
		return s ? time_parse(s) : HARK_TIME_NONE;
	local = time_from_civil(y, mo, d, h, mi, sec);
	/* PDT from the second Sunday of March 02:00 to the first Sunday of
	 * November 02:00 (local), since 2007 */
	pdt = local >= time_from_civil(y, 3, nth_sunday(y, 3, 2), 2, 0, 0) &&
	      local < time_from_civil(y, 11, nth_sunday(y, 11, 1), 2, 0, 0);
	return local + (pdt ? 7 : 8) * 3600;
}

static int yelp_parse(const struct adapter_source *src, const struct adapter_response *resp,
                      struct adapter_result *out, char *err)
{
	json_t *root, *reviews, *r;
	size_t i;
	int rc = -1;

	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	if (json_is_object(json_object_get(root, "error"))) {
		const char *code = hj_str(root, "error.code"), *desc = hj_str(root, "error.description");
		err_api(WHO, resp->status, code, desc, err);
		goto done;
	}
	reviews = json_object_get(root, "reviews");
	if (!json_is_array(reviews)) {
		unexpected_body(WHO, resp, err, "not a reviews response (no reviews array)");
		goto done;
	}
	json_array_foreach(reviews, i, r) {
		struct mention *m;
		if (!hj_str(r, "id")) {
			errf(err, WHO ": review without id: the response format has changed");
			goto done;
		}
		if (!(m = result_add(out, WHO, err)))
			goto done;
		if (set_str(&m->id, hj_str(r, "id")) < 0 || set_str(&m->author, hj_str(r, "user.name")) < 0 ||
		    set_str(&m->text, hj_str(r, "text") ? hj_str(r, "text") : "") < 0 ||
		    set_str(&m->url, hj_str(r, "url")) < 0) {
			OOM(WHO, err);
			goto done;
		}
		m->rating = hj_rating(r, "rating");
		m->published_at = yelp_pacific_time(hj_str(r, "time_created"));
		set_lang(m, adapter_param(src, "locale", NULL));
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	{
		int limit = atoi(adapter_param(src, "limit", "20"));
		long long total = hj_int(root, "total", 0);
		long long seen = (long long)src->page * (limit > 0 ? limit : 20) + (long long)json_array_size(reviews);
		if (json_array_size(reviews) > 0 && seen < total && adapter_param(src, "business", NULL)) {
			struct adapter_request next = {0};
			if (result_next_built(out, &next, yelp_build(src, (int)seen, &next, err), WHO, err) < 0)
				goto done;
		}
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void yelp_checks(struct problems *pb)
{
	const char *b = param_value(pb, "business"), *l = param_value(pb, "locale");

	if (b && strpbrk(b, "/?# "))
		problem(pb, "business", "business must be the business id or alias (the part after /biz/ in its URL), not \"%s\"", b);
	param_int(pb, "limit", 1, 50);
	if (l && (strlen(l) != 5 || !IS_ALPHA(l[0]) || !IS_ALPHA(l[1]) || l[2] != '_' || !IS_ALPHA(l[3]) || !IS_ALPHA(l[4])))
		problem(pb, "locale", "locale must be a Yelp locale such as en_US or tr_TR, not \"%s\"", l);
}

static int yelp_check(const struct kvlist *params, char *err)
{
	return checks_first(yelp_checks, params, err);
}

static int yelp_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(yelp_checks, params, report, ctx);
}

const struct adapter adapter_yelp = {
	.name = "yelp",
	.summary = "Yelp reviews of one business, newest first (Fusion API; excerpts)",
	.params = yelp_params,
	.request = yelp_request,
	.parse = yelp_parse,
	.check = yelp_check,
	.check_all = yelp_check_all,
};
