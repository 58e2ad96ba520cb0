/* x.c - posts on X (Twitter) matching a query, from the API v2 recent
 * search (the last seven days). Cursor: the newest post id seen, sent as
 * since_id; pages follow meta.next_token. The rate-limit headers push the
 * next poll back when nothing remains in the window. */
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "x"

static const struct adapter_param x_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API root (default https://api.x.com/2)"},
	{"max_results", 0, "posts per request, 10..100 (default 100)"},
	{"query", ADAPTER_PARAM_REQUIRED, "search query, e.g. \"acme -is:retweet lang:tr\""},
	{"token", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "app bearer token, e.g. ${X_BEARER_TOKEN}"},
	{NULL, 0, NULL},
};

static int x_build(const struct adapter_source *src, const char *since, const char *page_token,
                   struct adapter_request *req, char *err)
{
	struct buf u = {0};
	int rc = -1;

	if (url_start(&u, adapter_param(src, "base_url", "https://api.x.com/2"), WHO, err) < 0)
		return -1;
	if (buf_puts(&u, "/tweets/search/recent") < 0) {
		OOM(WHO, err);
		goto done;
	}
	if (add_query(&u, "query", adapter_param(src, "query", ""), WHO, err) < 0 ||
	    add_query(&u, "max_results", adapter_param(src, "max_results", "100"), WHO, err) < 0 ||
	    add_query(&u, "tweet.fields", "created_at,author_id,lang", WHO, err) < 0 ||
	    add_query(&u, "expansions", "author_id", WHO, err) < 0 ||
	    add_query(&u, "user.fields", "username,name", WHO, err) < 0 ||
	    (since && *since && add_query(&u, "since_id", since, WHO, err) < 0) ||
	    add_query(&u, "pagination_token", page_token, WHO, err) < 0)
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = add_auth(req, "Bearer", adapter_param(src, "token", NULL), WHO, err);
done:
	buf_free(&u);
	return rc;
}

static int x_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return x_build(src, src->cursor, NULL, req, err);
}

static const char *x_username(json_t *root, const char *author_id)
{
	json_t *users = hj_get(root, "includes.users"), *u;
	size_t i;

	json_array_foreach(users, i, u)
		if (author_id && str_eq(hj_str(u, "id"), author_id))
			return hj_str(u, "username");
	return NULL;
}

static int x_post(json_t *root, json_t *t, struct adapter_result *out, char *err)
{
	const char *id = hj_str(t, "id");
	const char *user = x_username(root, hj_str(t, "author_id"));
	struct mention *m;

	if (!id) {
		errf(err, WHO ": post without id: the response format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, id) < 0 || set_str(&m->author, user ? user : hj_str(t, "author_id")) < 0 ||
	    /* X escapes &, < and > in text as HTML entities */
	    set_html(&m->text, hj_str(t, "note_tweet.text") ? hj_str(t, "note_tweet.text") :
	                       hj_str(t, "text") ? hj_str(t, "text") : "") < 0 ||
	    (user ? set_printf(&m->url, "https://x.com/%s/status/%s", user, id)
	          : set_printf(&m->url, "https://x.com/i/web/status/%s", id)) < 0)
		return OOM(WHO, err);
	m->published_at = hj_time(t, "created_at");
	set_lang(m, hj_str(t, "lang"));
	return 0;
}

static int x_parse(const struct adapter_source *src, const struct adapter_response *resp,
                   struct adapter_result *out, char *err)
{
	json_t *root, *data, *t;
	const char *token, *newest, *meta_newest;
	size_t i;
	int rc = -1;

	out->retry_after = ratelimit_wait(resp, "x-rate-limit-remaining", "x-rate-limit-reset", src->now);
	if (!out->retry_after && resp->status == 429)
		out->retry_after = 900; /* the 15-minute window */
	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	data = json_object_get(root, "data");
	if (!json_is_array(data)) {
		/* {"title","detail","status"} problems, or {"errors":[...]} */
		const char *title = hj_str(root, "title");
		const char *detail = hj_str(root, "detail") ? hj_str(root, "detail") : hj_str(root, "errors.0.message");
		if (title || detail) {
			err_api(WHO, hj_int(root, "status", resp->status), title, detail, err);
			goto done;
		}
		if (!json_is_object(json_object_get(root, "meta"))) {
			unexpected_body(WHO, resp, err, "not a search result (no data or meta)");
			goto done;
		}
	}
	json_array_foreach(data, i, t)
		if (x_post(root, t, out, err) < 0)
			goto done;
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	/* the newest of meta.newest_id and the posts' ids */
	id_range(out, 0, &newest, NULL);
	meta_newest = hj_str(root, "meta.newest_id");
	if (!newest || (meta_newest && id_cmp(meta_newest, newest) >= 0))
		newest = meta_newest;
	if (result_cursor_newer(out, newest, src->cursor, WHO, err) < 0)
		goto done;
	token = hj_str(root, "meta.next_token");
	/* later pages keep since_id: taken from the request we answered */
	if (token && *token && json_array_size(data) > 0 &&
	    result_next_token(out, src, resp, "pagination_token", token, x_build, WHO, err) < 0)
		goto done;
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void x_checks(struct problems *pb)
{
	param_int(pb, "max_results", 10, 100);
}

static int x_check(const struct kvlist *params, char *err)
{
	return checks_first(x_checks, params, err);
}

static int x_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(x_checks, params, report, ctx);
}

const struct adapter adapter_x = {
	.name = "x",
	.summary = "posts on X (Twitter) matching a search, the last seven days (API v2 recent search)",
	.params = x_params,
	.request = x_request,
	.parse = x_parse,
	.check = x_check,
	.check_all = x_check_all,
};
