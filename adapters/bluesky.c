/* bluesky.c - Bluesky posts matching a search (app.bsky.feed.searchPosts,
 * sort=latest). Cursor: the newest createdAt seen (RFC 3339), sent as
 * since=; pages follow the opaque cursor. A body that is a single PostView,
 * a FeedViewPost ({"post": ...}) or a feed/posts array parses too. */
#include <string.h>

#include "helpers.h"
#include "params.h"
#include "hark/htime.h"

#define WHO "bluesky"

static const struct adapter_param bluesky_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "XRPC host (default https://api.bsky.app; with a token your PDS, e.g. https://bsky.social)"},
	{"lang", 0, "only posts declared in this language, e.g. tr"},
	{"limit", 0, "posts per request, 1..100 (default 100)"},
	{"logged_out", 0, "keep (default) or skip posts whose author asked not to be shown to logged-out viewers (!no-unauthenticated); skip applies without a token"},
	{"query", ADAPTER_PARAM_REQUIRED, "search words (Lucene-like syntax), e.g. acme"},
	{"token", ADAPTER_PARAM_SECRET, "access JWT from createSession, e.g. ${BSKY_TOKEN} (search may need it)"},
	{NULL, 0, NULL},
};

static int bluesky_build(const struct adapter_source *src, const char *since, const char *cursor,
                         struct adapter_request *req, char *err)
{
	const char *token = adapter_param(src, "token", NULL);
	struct buf u = {0};
	int rc = -1;

	if (url_start(&u, adapter_param(src, "base_url", token ? "https://bsky.social" : "https://api.bsky.app"), WHO,
	              err) < 0)
		return -1;
	if (buf_puts(&u, "/xrpc/app.bsky.feed.searchPosts") < 0) {
		OOM(WHO, err);
		goto done;
	}
	if (add_query(&u, "q", adapter_param(src, "query", ""), WHO, err) < 0 ||
	    add_query(&u, "sort", "latest", WHO, err) < 0 ||
	    add_query(&u, "limit", adapter_param(src, "limit", "100"), WHO, err) < 0 ||
	    add_query(&u, "lang", adapter_param(src, "lang", NULL), WHO, err) < 0 ||
	    (since && *since && add_query(&u, "since", since, WHO, err) < 0) ||
	    add_query(&u, "cursor", cursor, WHO, err) < 0)
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = add_auth(req, "Bearer", token, WHO, err);
done:
	buf_free(&u);
	return rc;
}

static int bluesky_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return bluesky_build(src, src->cursor, NULL, req, err);
}

/* Has the author asked not to be shown to logged-out viewers (the
 * self-label "!no-unauthenticated")? hark's readers are the brand's own
 * team, not a public page, so such posts are kept unless the source says
 * logged_out = skip (and has no token: then hark is a logged-out viewer). */
static int logged_in_only(json_t *p)
{
	json_t *labels = hj_get(p, "author.labels"), *l;
	size_t i;

	json_array_foreach(labels, i, l)
		if (str_eq(hj_str(l, "val"), "!no-unauthenticated"))
			return 1;
	return 0;
}

static int bluesky_post(json_t *p, int anonymous, struct adapter_result *out, char *err)
{
	const char *uri = hj_str(p, "uri"), *handle = hj_str(p, "author.handle");
	const char *rkey = uri ? strrchr(uri, '/') : NULL;
	json_t *langs = hj_get(p, "record.langs");
	struct mention *m;

	if (!uri || !json_is_object(json_object_get(p, "record"))) {
		errf(err, WHO ": post without uri or record: the response format has changed");
		return -1;
	}
	if (anonymous && logged_in_only(p))
		return 0;
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, uri) < 0 || set_str(&m->author, handle) < 0 ||
	    set_str(&m->text, hj_str(p, "record.text") ? hj_str(p, "record.text") : "") < 0)
		return OOM(WHO, err);
	if (handle && rkey && set_printf(&m->url, "https://bsky.app/profile/%s/post/%s", handle, rkey + 1) < 0)
		return OOM(WHO, err);
	m->published_at = hj_time(p, "record.createdAt");
	if (m->published_at == HARK_TIME_NONE)
		m->published_at = hj_time(p, "indexedAt");
	if (json_array_size(langs) > 0)
		set_lang(m, json_string_value(json_array_get(langs, 0)));
	return 0;
}

static int bluesky_parse(const struct adapter_source *src, const struct adapter_response *resp,
                         struct adapter_result *out, char *err)
{
	json_t *root, *posts, *p;
	const char *cursor;
	int64_t newest = src->cursor ? time_parse(src->cursor) : HARK_TIME_NONE, first = newest;
	int anonymous = !*adapter_param(src, "token", "") && str_eq(adapter_param(src, "logged_out", "keep"), "skip");
	size_t i;
	int rc = -1;

	out->retry_after = ratelimit_wait(resp, "ratelimit-remaining", "ratelimit-reset", src->now);
	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	if (json_is_string(json_object_get(root, "error"))) {
		const char *msg = hj_str(root, "message");
		err_api(WHO, resp->status, hj_str(root, "error"), msg, err);
		goto done;
	}
	posts = json_is_array(root) ? root : json_object_get(root, "posts");
	if (!posts)
		posts = json_object_get(root, "feed");
	if (json_is_array(posts)) {
		json_array_foreach(posts, i, p)
			if (bluesky_post(json_is_object(json_object_get(p, "post")) ? json_object_get(p, "post") : p,
			                 anonymous, out, err) < 0)
				goto done;
	} else if (json_is_object(json_object_get(root, "post"))) {
		if (bluesky_post(json_object_get(root, "post"), anonymous, out, err) < 0)
			goto done;
	} else if (hj_str(root, "uri")) {
		if (bluesky_post(root, anonymous, out, err) < 0)
			goto done;
	} else {
		unexpected_body(WHO, resp, err, "not a search result (no posts array)");
		goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	for (i = 0; i < out->mentions.n; i++)
		if (out->mentions.items[i].published_at != HARK_TIME_NONE &&
		    (newest == HARK_TIME_NONE || out->mentions.items[i].published_at > newest))
			newest = out->mentions.items[i].published_at;
	if (newest != HARK_TIME_NONE && newest != first) {
		char c[32];
		if (result_cursor(out, time_format_rfc3339(newest, c), WHO, err) < 0)
			goto done;
	}
	cursor = hj_str(root, "cursor");
	if (cursor && *cursor && json_array_size(posts) > 0 && adapter_param(src, "query", NULL) &&
	    result_next_token(out, src, resp, "cursor", cursor, bluesky_build, WHO, err) < 0)
		goto done;
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void bluesky_checks(struct problems *pb)
{
	static const char *const lo[] = {"keep", "skip", NULL};
	param_int(pb, "limit", 1, 100);
	param_lang(pb, "lang");
	param_one_of(pb, "logged_out", lo);
}

static int bluesky_check(const struct kvlist *params, char *err)
{
	return checks_first(bluesky_checks, params, err);
}

static int bluesky_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(bluesky_checks, params, report, ctx);
}

const struct adapter adapter_bluesky = {
	.name = "bluesky",
	.summary = "Bluesky posts matching a search, newest first (app.bsky.feed.searchPosts)",
	.params = bluesky_params,
	.request = bluesky_request,
	.parse = bluesky_parse,
	.check = bluesky_check,
	.check_all = bluesky_check_all,
};
