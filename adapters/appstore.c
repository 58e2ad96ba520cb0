/* appstore.c - Apple App Store customer reviews, the JSON form of the
 * legacy RSS feed: .../{cc}/rss/customerreviews/page=N/id=APP/sortby=mostrecent/json.
 *
 * Every scalar is wrapped as {"label": ...}. Two shapes are seen: before
 * 2021 entries carry no "updated" (published_at stays null) and page 1
 * starts with an app-metadata entry (no im:rating, skipped); later entries
 * have "updated". "entry" may be an array, a single object or absent. The
 * feed has no since-cursor: pages 1..10 newest first, the poller stops at
 * known ids. Page 11 and beyond answer with a plain-text error. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define WHO "appstore"
#define APPSTORE_MAX_PAGES 10

static const struct adapter_param appstore_params[] = {
	{"app_id", ADAPTER_PARAM_REQUIRED, "numeric App Store id of the app (the digits after /id in its URL)"},
	{"base_url", ADAPTER_PARAM_URL, "feed host (default https://itunes.apple.com; tests point it at a local server)"},
	{"country", 0, "two-letter storefront code, e.g. us, gb, tr (default us)"},
	{"lang", 0, "language to record for every review, e.g. tr (the feed gives none)"},
	{"pages", 0, "deepest page to follow, 1..10 (default 10; Apple serves no more)"},
	{"sort", 0, "mostrecent (default) or mosthelpful"},
	{NULL, 0, NULL},
};

static int appstore_pages(const struct adapter_source *src)
{
	int n = atoi(adapter_param(src, "pages", "10"));

	return n < 1 ? 1 : n > APPSTORE_MAX_PAGES ? APPSTORE_MAX_PAGES : n;
}

static int appstore_check(const struct kvlist *params, char *err)
{
	const char *id = kvlist_get(params, "app_id");
	const char *cc = kvlist_get(params, "country");
	const char *p;

	for (p = id ? id : ""; *p; p++)
		if (!IS_DIGIT(*p)) {
			errf(err, "app_id must be the numeric App Store id, not \"%s\"", id);
			return -1;
		}
	if (cc && *cc && (strlen(cc) != 2 || !IS_ALPHA(cc[0]) || !IS_ALPHA(cc[1]))) {
		errf(err, "country must be a two-letter storefront code, not \"%s\"", cc);
		return -1;
	}
	return 0;
}

static int appstore_url(const struct adapter_source *src, int page, struct adapter_request *req, char *err)
{
	struct buf u = {0};
	char *cc = url_escape(adapter_param(src, "country", "us"));
	char *id = url_escape(adapter_param(src, "app_id", ""));
	char *sort = url_escape(adapter_param(src, "sort", "mostrecent"));
	int rc = -1;

	if (!cc || !id || !sort)
		OOM(WHO, err);
	else if (url_start(&u, adapter_param(src, "base_url", "https://itunes.apple.com"), WHO, err) == 0) {
		if (buf_printf(&u, "/%s/rss/customerreviews/page=%d/id=%s/sortby=%s/json", cc, page, id, sort) < 0 ||
		    adapter_request_set_url(req, u.data) < 0)
			OOM(WHO, err);
		else
			rc = 0;
	}
	buf_free(&u);
	free(cc);
	free(id);
	free(sort);
	return rc;
}

static int appstore_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	if (!*adapter_param(src, "app_id", "")) {
		errf(err, WHO ": app_id is required");
		return -1;
	}
	return appstore_url(src, 1, req, err);
}

/* The page number in the feed's "last" link, 0 when unknown. */
static int appstore_last_page(json_t *feed)
{
	json_t *links = json_object_get(feed, "link"), *l;
	size_t i;

	json_array_foreach(links, i, l) {
		const char *rel = hj_str(l, "attributes.rel");
		const char *href = hj_str(l, "attributes.href");
		const char *p;
		if (!str_eq(rel, "last") || !href)
			continue;
		p = strstr(href, "page=");
		return p ? atoi(p + 5) : 0;
	}
	return 0;
}

static int appstore_entry(const struct adapter_source *src, json_t *e, struct adapter_result *out, char *err)
{
	struct mention *m;

	if (!json_is_object(e))
		return 0;
	if (!hj_get(e, "im:rating"))
		return 0; /* the app itself, listed first on old feeds */
	if (!hj_str(e, "id.label")) {
		errf(err, WHO ": review without an id: the feed format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, hj_str(e, "id.label")) < 0 ||
	    set_str(&m->author, hj_str(e, "author.name.label")) < 0 ||
	    set_str(&m->title, hj_str(e, "title.label")) < 0 ||
	    set_str(&m->text, hj_str(e, "content.label")) < 0)
		return OOM(WHO, err);
	m->rating = hj_rating(e, "im:rating.label");
	m->published_at = hj_time(e, "updated.label");
	set_lang(m, adapter_param(src, "lang", NULL));
	return 0;
}

static int appstore_parse(const struct adapter_source *src, const struct adapter_response *resp,
                          struct adapter_result *out, char *err)
{
	json_t *root, *feed, *entries, *e;
	int page = src->page + 1, last, rc = -1;
	size_t i, before = out->mentions.n;

	if (resp->len && mem_find(resp->body, resp->len < 200 ? resp->len : 200, "page depth")) {
		char ex[160];
		body_excerpt(resp, ex, sizeof(ex));
		errf(err, WHO ": Apple serves at most %d pages (page %d asked): %s", APPSTORE_MAX_PAGES, page, ex);
		return -1;
	}
	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	feed = json_object_get(root, "feed");
	if (!json_is_object(feed)) {
		if (check_http_status(WHO, resp, err) == 0)
			errf(err, WHO ": not a customer reviews feed (no \"feed\" object)");
		goto done;
	}
	entries = json_object_get(feed, "entry");
	if (json_is_array(entries)) {
		json_array_foreach(entries, i, e)
			if (appstore_entry(src, e, out, err) < 0)
				goto done;
	} else if (entries && appstore_entry(src, entries, out, err) < 0) {
		goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	last = appstore_last_page(feed);
	if (out->mentions.n > before && page < appstore_pages(src) && (last == 0 || page < last)) {
		struct adapter_request next = {0};
		if (appstore_url(src, page + 1, &next, err) < 0) {
			adapter_request_clear(&next);
			goto done;
		}
		if (result_next(out, &next, WHO, err) < 0)
			goto done;
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

const struct adapter adapter_appstore = {
	.name = "appstore",
	.summary = "Apple App Store customer reviews of one app in one storefront (JSON feed, 10 pages of 50)",
	.params = appstore_params,
	.request = appstore_request,
	.parse = appstore_parse,
	.check = appstore_check,
};
