/* hackernews.c - Hacker News stories and comments through the Algolia
 * search API, newest first (/api/v1/search_by_date).
 *
 * Cursor: the newest created_at_i (Unix seconds) seen; later polls add
 * numericFilters=created_at_i>CURSOR. Further pages of a full first page
 * are asked without the filter: results are newest first, so page N of the
 * unfiltered list continues the filtered one, and the poller stops at the
 * first known id. Comment and story text is HTML. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "hackernews"
#define HN_OVERLAP 3600 /* seconds asked again on each poll */

static const struct adapter_param hackernews_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API host (default https://hn.algolia.com)"},
	{"hits", 0, "results per request, 1..1000 (default 100)"},
	{"query", ADAPTER_PARAM_REQUIRED, "search words, e.g. acme"},
	{"tags", 0, "Algolia tags filter: (story,comment) (default), story, comment, ask_hn, show_hn"},
	{NULL, 0, NULL},
};

static int hackernews_build(const struct adapter_source *src, const char *since, int page,
                            struct adapter_request *req, char *err)
{
	struct buf u = {0}, f = {0};
	int rc = -1;

	if (url_start(&u, adapter_param(src, "base_url", "https://hn.algolia.com"), WHO, err) < 0)
		return -1;
	if (buf_puts(&u, "/api/v1/search_by_date") < 0)
		goto oom;
	if (add_query(&u, "query", adapter_param(src, "query", ""), WHO, err) < 0 ||
	    add_query(&u, "tags", adapter_param(src, "tags", "(story,comment)"), WHO, err) < 0 ||
	    add_query(&u, "hitsPerPage", adapter_param(src, "hits", "100"), WHO, err) < 0)
		goto done;
	if (since && *since) {
		if (buf_printf(&f, "created_at_i>%s", since) < 0)
			goto oom;
		if (add_query(&u, "numericFilters", f.data, WHO, err) < 0)
			goto done;
	}
	if (page > 0) {
		char n[16];
		snprintf(n, sizeof(n), "%d", page);
		if (add_query(&u, "page", n, WHO, err) < 0)
			goto done;
	}
	rc = request_url(req, u.data, WHO, err);
	goto done;
oom:
	OOM(WHO, err);
done:
	buf_free(&u);
	buf_free(&f);
	return rc;
}

static int hackernews_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	const char *c = src->cursor;

	if (c) {
		const char *p;
		for (p = c; *p; p++)
			if (!IS_DIGIT(*p)) {
				c = NULL; /* not a time: ignore it rather than send it */
				break;
			}
	}
	if (c) {
		/* Algolia indexes some items late, with their original time: ask
		 * again for the last hour; the poller drops what it has seen. */
		char since[24];
		long long t = strtoll(c, NULL, 10) - HN_OVERLAP;
		snprintf(since, sizeof(since), "%lld", t > 0 ? t : 0);
		return hackernews_build(src, since, 0, req, err);
	}
	return hackernews_build(src, c, 0, req, err);
}

static int hackernews_hit(json_t *h, struct adapter_result *out, char *err)
{
	const char *id = hj_str(h, "objectID");
	const char *comment = hj_str(h, "comment_text");
	const char *story_text = hj_str(h, "story_text");
	struct mention *m;

	if (!json_is_object(h) || !id) {
		errf(err, WHO ": hit without objectID: the response format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, id) < 0 || set_str(&m->author, hj_str(h, "author")) < 0 ||
	    set_printf(&m->url, "https://news.ycombinator.com/item?id=%s", id) < 0)
		return OOM(WHO, err);
	if (comment) {
		if (set_str(&m->title, hj_str(h, "story_title")) < 0 || set_html(&m->text, comment) < 0)
			return OOM(WHO, err);
	} else {
		if (set_str(&m->title, hj_str(h, "title")) < 0)
			return OOM(WHO, err);
		/* a link story has no text of its own: the title says it all */
		if (set_html(&m->text, story_text ? story_text : "") < 0)
			return OOM(WHO, err);
	}
	m->published_at = hj_get(h, "created_at_i") ? hj_time(h, "created_at_i") : hj_time(h, "created_at");
	return 0;
}

static int hackernews_parse(const struct adapter_source *src, const struct adapter_response *resp,
                            struct adapter_result *out, char *err)
{
	json_t *root, *hits, *h;
	size_t i, before = out->mentions.n;
	int64_t newest = HARK_TIME_NONE, cur = src->cursor ? strtoll(src->cursor, NULL, 10) : 0;
	int rc = -1;

	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	hits = json_object_get(root, "hits");
	if (!json_is_array(hits)) {
		/* {"message": "...", "status": 400} */
		const char *msg = hj_str(root, "message");
		if (msg)
			err_api(WHO, hj_int(root, "status", resp->status), msg, NULL, err);
		else
			unexpected_body(WHO, resp, err, "not an Algolia search result (no hits array)");
		goto done;
	}
	json_array_foreach(hits, i, h)
		if (hackernews_hit(h, out, err) < 0)
			goto done;
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	json_array_foreach(hits, i, h) {
		long long t = hj_int(h, "created_at_i", 0);
		if (t > newest)
			newest = t;
	}
	if (newest != HARK_TIME_NONE && newest > cur) {
		char c[32];
		snprintf(c, sizeof(c), "%lld", (long long)newest);
		if (result_cursor(out, c, WHO, err) < 0)
			goto done;
	}
	{
		long long page = hj_int(root, "page", src->page), pages = hj_int(root, "nbPages", 0);
		long long per = hj_int(root, "hitsPerPage", 0);
		if (page + 1 < pages && per > 0 && (long long)(out->mentions.n - before) >= per) {
			struct adapter_request next = {0};
			if (result_next_built(out, &next, hackernews_build(src, NULL, (int)page + 1, &next, err), WHO, err) < 0)
				goto done;
		}
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void hackernews_checks(struct problems *pb)
{
	param_int(pb, "hits", 1, 1000);
	param_chars(pb, "tags", "(),_-", "an Algolia tags filter such as story or (story,comment)");
}

static int hackernews_check(const struct kvlist *params, char *err)
{
	return checks_first(hackernews_checks, params, err);
}

static int hackernews_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(hackernews_checks, params, report, ctx);
}

const struct adapter adapter_hackernews = {
	.name = "hackernews",
	.summary = "Hacker News stories and comments matching a search, newest first (Algolia API)",
	.params = hackernews_params,
	.request = hackernews_request,
	.parse = hackernews_parse,
	.check = hackernews_check,
	.check_all = hackernews_check_all,
};
