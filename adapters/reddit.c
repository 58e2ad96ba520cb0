/* reddit.c - Reddit listings: site search, a subreddit's search, new posts
 * or new comments (/search.json, /r/SUB/search.json, /r/SUB/new.json,
 * /r/SUB/comments.json; with a token the same paths on oauth.reddit.com).
 *
 * Cursor: the fullname of the newest item seen ("t3_abc"); the next poll
 * asks before=<cursor>, which returns only newer items. A full page of
 * newer items continues with before=<newest on that page>; the first poll
 * (no cursor) pages back in time with after=. Fullnames are base 36 and
 * grow, so the cursor only ever moves forward (id_cmp). An empty answer
 * to before= is followed by the newest page: a deleted or removed anchor
 * post makes before= answer empty for good. When the rate-limit
 * headers say nothing remains, retry_after is the window's reset. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "reddit"

static const struct adapter_param reddit_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API host (default https://www.reddit.com, or https://oauth.reddit.com with a token)"},
	{"limit", 0, "items per request, 1..100 (default 100)"},
	{"listing", 0, "search, new or comments (default: search when query is set, else new)"},
	{"query", 0, "search words (Reddit search syntax); needed for listing = search"},
	{"sort", 0, "search order: new (default), relevance, top, comments"},
	{"subreddit", 0, "subreddit name without r/; needed for new and comments"},
	{"token", ADAPTER_PARAM_SECRET, "OAuth2 bearer token, e.g. ${REDDIT_TOKEN} (optional, raises rate limits)"},
	{"user_agent", 0, "descriptive User-Agent Reddit asks for, e.g. \"hark:acme-monitor:1.0 (by /u/acme)\""},
	{NULL, 0, NULL},
};

static const char *reddit_listing(const struct kvlist *p)
{
	const char *l = kvlist_get(p, "listing");

	if (l && *l)
		return l;
	return kvlist_get(p, "query") && *kvlist_get(p, "query") ? "search" : "new";
}

/* What a request needs: a known listing and what it lists. */
static void reddit_needs(struct problems *pb)
{
	const char *l = reddit_listing(pb->params);
	const char *sub = kvlist_get(pb->params, "subreddit");
	const char *q = kvlist_get(pb->params, "query");

	if (strcmp(l, "search") && strcmp(l, "new") && strcmp(l, "comments"))
		problem(pb, "listing", "listing must be search, new or comments, not \"%s\"", l);
	else if (!strcmp(l, "search") && !(q && *q))
		problem(pb, NULL, "listing = search needs a query");
	else if (strcmp(l, "search") && !(sub && *sub))
		problem(pb, NULL, "listing = %s needs a subreddit", l);
}

static int reddit_usable(const struct kvlist *params, char *err)
{
	return checks_first(reddit_needs, params, err);
}

static void reddit_checks(struct problems *pb)
{
	static const char *const sorts[] = {"new", "relevance", "top", "comments", "hot", NULL};
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+";
	const char *sub = param_value(pb, "subreddit"), *name;

	reddit_needs(pb);
	param_int(pb, "limit", 1, 100);
	param_one_of(pb, "sort", sorts);
	/* acme, r/acme (read as acme), or a multireddit a+b */
	name = sub && sub[0] == 'r' && sub[1] == '/' ? sub + 2 : sub;
	if (name && (!*name || name[strspn(name, name_chars)]))
		problem(pb, "subreddit", "subreddit must be a subreddit name such as acme (letters, digits, _), not \"%s\"", sub);
}

static int reddit_check(const struct kvlist *params, char *err)
{
	return checks_first(reddit_checks, params, err);
}

static int reddit_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(reddit_checks, params, report, ctx);
}

/* key/value: the paging parameter ("before"/"after") or NULL. */
static int reddit_build(const struct adapter_source *src, const char *key, const char *value,
                        struct adapter_request *req, char *err)
{
	const char *token = adapter_param(src, "token", NULL);
	const char *base = adapter_param(src, "base_url", token ? "https://oauth.reddit.com" : "https://www.reddit.com");
	const char *listing = reddit_listing(src->params);
	const char *sub = adapter_param(src, "subreddit", NULL);
	const char *ua = adapter_param(src, "user_agent", NULL);
	struct buf u = {0};
	char *esub = NULL;
	int rc = -1;

	if (reddit_usable(src->params, err) < 0)
		return err_prefix(WHO, err);
	if (sub && sub[0] == 'r' && sub[1] == '/')
		sub += 2;
	if (sub && !(esub = url_escape(sub)))
		return OOM(WHO, err);
	if (url_start(&u, base, WHO, err) < 0)
		goto done;
	if (!strcmp(listing, "search")) {
		if ((esub ? buf_printf(&u, "/r/%s/search.json", esub) : buf_puts(&u, "/search.json")) < 0)
			goto oom;
		if (add_query(&u, "q", adapter_param(src, "query", ""), WHO, err) < 0 ||
		    (esub && add_query(&u, "restrict_sr", "1", WHO, err) < 0) ||
		    add_query(&u, "sort", adapter_param(src, "sort", "new"), WHO, err) < 0 ||
		    add_query(&u, "t", "all", WHO, err) < 0)
			goto done;
	} else if (buf_printf(&u, "/r/%s/%s.json", esub, listing) < 0) {
		goto oom;
	}
	if (add_query(&u, "limit", adapter_param(src, "limit", "100"), WHO, err) < 0 ||
	    add_query(&u, "raw_json", "1", WHO, err) < 0 ||
	    (key && add_query(&u, key, value, WHO, err) < 0))
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	if (add_auth(req, "bearer", token, WHO, err) < 0 ||
	    (ua && add_header(req, "User-Agent", ua, WHO, err) < 0))
		goto done;
	rc = 0;
	goto done;
oom:
	OOM(WHO, err);
done:
	buf_free(&u);
	free(esub);
	return rc;
}

static int reddit_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return reddit_build(src, src->cursor && *src->cursor ? "before" : NULL, src->cursor, req, err);
}

static int reddit_item(json_t *child, struct adapter_result *out, char *err)
{
	const char *kind = hj_str(child, "kind");
	json_t *d = json_object_get(child, "data");
	const char *permalink = hj_str(d, "permalink");
	struct mention *m;
	struct buf u = {0};
	int t1;

	if (!kind || (strcmp(kind, "t1") && strcmp(kind, "t3")) || !json_is_object(d))
		return 0; /* "more" stubs and other kinds carry no text */
	t1 = kind[1] == '1';
	if (!hj_str(d, "name") && !hj_str(d, "id")) {
		errf(err, WHO ": %s item without name or id", kind);
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (hj_str(d, "name")) {
		if (set_str(&m->id, hj_str(d, "name")) < 0)
			return OOM(WHO, err);
	} else if (set_printf(&m->id, "%s_%s", kind, hj_str(d, "id")) < 0) {
		return OOM(WHO, err);
	}
	if (set_str(&m->author, hj_str(d, "author")) < 0 ||
	    set_str(&m->title, hj_str(d, t1 ? "link_title" : "title")) < 0 ||
	    set_str(&m->text, hj_str(d, t1 ? "body" : "selftext")) < 0)
		return OOM(WHO, err);
	if (!m->text && set_str(&m->text, "") < 0)
		return OOM(WHO, err);
	m->published_at = hj_time(d, "created_utc");
	if (permalink) {
		if (permalink[0] == '/' ? buf_printf(&u, "https://www.reddit.com%s", permalink) < 0
		                        : buf_puts(&u, permalink) < 0)
			return OOM(WHO, err);
	} else if (t1) {
		/* Old comment listings carry no permalink: the post's + the id. */
		const char *lu = hj_str(d, "link_url"), *link = hj_str(d, "link_id");
		const char *sub = hj_str(d, "subreddit"), *id = hj_str(d, "id");
		size_t n = lu ? strlen(lu) : 0;
		if (lu && strncmp(lu, "https://www.reddit.com/r/", 25) == 0 && n && lu[n - 1] == '/' && id)
			buf_printf(&u, "%s%s/", lu, id);
		else if (sub && link && id)
			buf_printf(&u, "https://www.reddit.com/r/%s/comments/%s/_/%s/", sub,
			           strncmp(link, "t3_", 3) == 0 ? link + 3 : link, id);
	}
	if (u.data) {
		m->url = buf_detach(&u);
		if (!m->url)
			return OOM(WHO, err);
	}
	return 0;
}

static int reddit_parse(const struct adapter_source *src, const struct adapter_response *resp,
                        struct adapter_result *out, char *err)
{
	json_t *root, *data, *children, *c;
	const char *newest, *oldest;
	size_t i, before = out->mentions.n;
	int rc = -1, limit = atoi(adapter_param(src, "limit", "100"));
	char tmp[HARK_ERR_MAX];

	/* x-ratelimit-reset is seconds to the end of the window */
	out->retry_after = ratelimit_wait(resp, "x-ratelimit-remaining", "x-ratelimit-reset", src->now);
	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	if (json_object_get(root, "error")) {
		/* {"message": "Forbidden", "error": 403} or {"error": "invalid_grant"} */
		const char *msg = hj_str(root, "message");
		char *code = hj_text(root, "error");
		const char *reason = hj_str(root, "reason");
		errf(err, WHO ": API error %s%s%s%s%s", code ? code : "?", msg ? ": " : "", msg ? msg : "",
		     reason ? ": " : "", reason ? reason : "");
		free(code);
		goto done;
	}
	data = json_object_get(root, "data");
	children = json_object_get(data, "children");
	if (!str_eq(hj_str(root, "kind"), "Listing") || !json_is_array(children)) {
		unexpected_body(WHO, resp, err, "not a Reddit listing (no kind=Listing with data.children)");
		goto done;
	}
	json_array_foreach(children, i, c)
		if (reddit_item(c, out, err) < 0)
			goto done;
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	id_range(out, before, &newest, &oldest);
	if (result_cursor_newer(out, newest, src->cursor, WHO, err) < 0)
		goto done;
	if (newest && reddit_usable(src->params, tmp) == 0) { /* `hark parse` may lack them */
		struct adapter_request next = {0};
		int r = 0;
		/* Items newer than the cursor we were given: more may be newer
		 * still when the page is full. Otherwise we are paging back. */
		if (src->cursor && *src->cursor && id_cmp(oldest, src->cursor) > 0) {
			if ((int)(out->mentions.n - before) >= limit)
				r = reddit_build(src, "before", newest, &next, err);
		} else if (hj_str(data, "after")) {
			r = reddit_build(src, "after", hj_str(data, "after"), &next, err);
		}
		if (result_next_built(out, &next, r, WHO, err) < 0)
			goto done;
	} else if (!newest && src->cursor && *src->cursor && src->page == 0 &&
	           reddit_usable(src->params, tmp) == 0) {
		/* Nothing before the cursor: either nothing new, or the cursor's
		 * post was deleted and before= will answer empty for good. Read
		 * the newest page too; the poller stops at items it has seen. */
		struct adapter_request next = {0};
		if (result_next_built(out, &next, reddit_build(src, NULL, NULL, &next, err), WHO, err) < 0)
			goto done;
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

const struct adapter adapter_reddit = {
	.name = "reddit",
	.summary = "Reddit posts and comments: search, or a subreddit's new posts or comments",
	.params = reddit_params,
	.request = reddit_request,
	.parse = reddit_parse,
	.check = reddit_check,
	.check_all = reddit_check_all,
};
