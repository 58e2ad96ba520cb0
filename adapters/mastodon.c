/* mastodon.c - statuses from any Mastodon instance: a hashtag timeline
 * (/api/v1/timelines/tag/TAG) or full-text search (/api/v2/search?type=
 * statuses, which needs a token and a search backend on the instance).
 *
 * Cursor: the newest status id seen. Later polls ask min_id=<cursor>, the
 * page of statuses just after it; a full page continues forward with the
 * Link header's rel="prev" URL (or min_id=<newest>). The first poll pages
 * back in time with rel="next". Ids are Snowflake-like decimal strings,
 * compared by length then bytes. Content is HTML: it becomes plain text. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "mastodon"

static const struct adapter_param mastodon_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "same as instance (the name every other adapter uses)"},
	{"instance", ADAPTER_PARAM_URL, "instance base URL, e.g. https://mastodon.social (required, or base_url)"},
	{"limit", 0, "statuses per request, 1..40 (default 40)"},
	{"local", 0, "yes: only statuses from this instance (hashtag timeline)"},
	{"query", 0, "full-text search words (needs a token and search on the instance)"},
	{"tag", 0, "hashtag to follow, without #"},
	{"token", ADAPTER_PARAM_SECRET, "access token with read:statuses, e.g. ${MASTODON_TOKEN} (optional for public tags)"},
	{NULL, 0, NULL},
};

/* What a request needs: where, and what to follow. */
static void mastodon_needs(struct problems *pb)
{
	const char *tag = kvlist_get(pb->params, "tag"), *q = kvlist_get(pb->params, "query");
	const char *inst = kvlist_get(pb->params, "instance"), *base = kvlist_get(pb->params, "base_url");

	if (!(inst && *inst) && !(base && *base))
		problem(pb, NULL, "instance is required (the server's URL, e.g. https://mastodon.social)");
	if (!((tag && *tag) || (q && *q)))
		problem(pb, NULL, "set tag (hashtag timeline) or query (search)");
	if (tag && *tag && q && *q)
		problem(pb, NULL, "set tag or query, not both");
}

static int mastodon_usable(const struct kvlist *params, char *err)
{
	return checks_first(mastodon_needs, params, err);
}

static void mastodon_checks(struct problems *pb)
{
	const char *tag = param_value(pb, "tag");

	mastodon_needs(pb);
	param_int(pb, "limit", 1, 40);
	param_yes_no(pb, "local");
	if (tag && strpbrk(tag[0] == '#' ? tag + 1 : tag, "#/?&, \t"))
		problem(pb, "tag", "tag must be one hashtag (letters, digits, _), not \"%s\"", tag);
}

static int mastodon_check(const struct kvlist *params, char *err)
{
	return checks_first(mastodon_checks, params, err);
}

static int mastodon_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(mastodon_checks, params, report, ctx);
}

static int mastodon_auth(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return add_auth(req, "Bearer", adapter_param(src, "token", NULL), WHO, err);
}

static int mastodon_build(const struct adapter_source *src, const char *key, const char *value,
                          struct adapter_request *req, char *err)
{
	const char *tag = adapter_param(src, "tag", NULL);
	struct buf u = {0};
	char *etag = NULL;
	int rc = -1;

	if (mastodon_usable(src->params, err) < 0)
		return err_prefix(WHO, err);
	if (url_start(&u, adapter_param(src, "instance", adapter_param(src, "base_url", "")), WHO, err) < 0)
		return -1;
	if (tag) {
		if (tag[0] == '#')
			tag++;
		if (!(etag = url_escape(tag)) || buf_printf(&u, "/api/v1/timelines/tag/%s", etag) < 0)
			goto oom;
		if (str_eq(adapter_param(src, "local", ""), "yes") && add_query(&u, "local", "true", WHO, err) < 0)
			goto done;
	} else {
		if (buf_puts(&u, "/api/v2/search") < 0 ||
		    add_query(&u, "q", adapter_param(src, "query", ""), WHO, err) < 0 ||
		    add_query(&u, "type", "statuses", WHO, err) < 0)
			goto done;
	}
	if (add_query(&u, "limit", adapter_param(src, "limit", "40"), WHO, err) < 0 ||
	    (key && add_query(&u, key, value, WHO, err) < 0))
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = mastodon_auth(src, req, err);
	goto done;
oom:
	OOM(WHO, err);
done:
	buf_free(&u);
	free(etag);
	return rc;
}

static int mastodon_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return mastodon_build(src, src->cursor && *src->cursor ? "min_id" : NULL, src->cursor, req, err);
}

static int mastodon_status(json_t *st, struct adapter_result *out, char *err)
{
	json_t *s = json_is_object(json_object_get(st, "reblog")) ? json_object_get(st, "reblog") : st;
	const char *spoiler = hj_str(s, "spoiler_text");
	struct mention *m;

	if (!json_is_object(st) || !hj_str(st, "id") || !json_is_string(json_object_get(s, "content"))) {
		errf(err, WHO ": not a status (no id or content): the response format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, hj_str(st, "id")) < 0 ||
	    set_str(&m->author, hj_str(s, "account.acct")) < 0 ||
	    (spoiler && *spoiler && set_str(&m->title, spoiler) < 0) ||
	    set_html(&m->text, hj_str(s, "content")) < 0 ||
	    set_str(&m->url, hj_str(s, "url") ? hj_str(s, "url") : hj_str(s, "uri")) < 0)
		return OOM(WHO, err);
	m->published_at = hj_time(s, "created_at");
	set_lang(m, hj_str(s, "language"));
	return 0;
}

static int mastodon_parse(const struct adapter_source *src, const struct adapter_response *resp,
                          struct adapter_result *out, char *err)
{
	json_t *root, *list, *st;
	const char *newest, *oldest;
	size_t i, before = out->mentions.n;
	int rc = -1, limit = atoi(adapter_param(src, "limit", "40"));
	struct adapter_request next = {0};
	char *link = NULL, tmp[HARK_ERR_MAX]; /* `hark parse` may run without parameters */

	/* x-ratelimit-reset is a date (300 requests per 5 minutes) */
	out->retry_after = ratelimit_wait(resp, "x-ratelimit-remaining", "x-ratelimit-reset", src->now);
	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	if (json_is_object(root) && json_is_string(json_object_get(root, "error"))) {
		const char *desc = hj_str(root, "error_description");
		err_api(WHO, resp->status, hj_str(root, "error"), desc, err);
		goto done;
	}
	list = json_is_array(root) ? root : json_object_get(root, "statuses");
	if (json_is_array(list)) {
		json_array_foreach(list, i, st)
			if (mastodon_status(st, out, err) < 0)
				goto done;
	} else if (json_is_object(root) && json_object_get(root, "content")) {
		if (mastodon_status(root, out, err) < 0) /* a single status */
			goto done;
	} else {
		unexpected_body(WHO, resp, err, "neither a list of statuses nor a search result");
		goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	id_range(out, before, &newest, &oldest);
	if (!newest) {
		rc = 0;
		goto done;
	}
	if (result_cursor_newer(out, newest, src->cursor, WHO, err) < 0)
		goto done;
	if (src->cursor && *src->cursor && id_cmp(oldest, src->cursor) > 0) {
		/* forward from the cursor: more may follow a full page */
		if ((int)(out->mentions.n - before) < limit) {
			rc = 0;
			goto done;
		}
		link = link_header_url(resp_header(resp, "link"), "prev");
		if (!link && mastodon_usable(src->params, tmp) == 0 &&
		    mastodon_build(src, "min_id", newest, &next, err) < 0)
			goto done;
	} else {
		link = link_header_url(resp_header(resp, "link"), "next");
		if (!link && json_is_array(list) && (int)(out->mentions.n - before) >= limit &&
		    mastodon_usable(src->params, tmp) == 0 &&
		    mastodon_build(src, "max_id", oldest, &next, err) < 0)
			goto done;
	}
	if (link) {
		if (adapter_request_set_url(&next, link) < 0 || mastodon_auth(src, &next, err) < 0) {
			OOM(WHO, err);
			goto done;
		}
	}
	if (next.url && result_next(out, &next, WHO, err) < 0)
		goto done;
	rc = 0;
done:
	adapter_request_clear(&next);
	free(link);
	json_decref(root);
	return rc;
}

const struct adapter adapter_mastodon = {
	.name = "mastodon",
	.summary = "Mastodon statuses: a hashtag timeline or full-text search on any instance",
	.params = mastodon_params,
	.request = mastodon_request,
	.parse = mastodon_parse,
	.check = mastodon_check,
	.check_all = mastodon_check_all,
};
