/* youtube.c - YouTube comment threads (Data API v3 commentThreads.list) on
 * one video, or on every video of a channel, optionally filtered by search
 * terms. Newest first (order=time); no since-cursor exists, so the poller
 * follows nextPageToken pages until it meets a known thread id. With
 * replies = yes the replies that come inline with a thread (part=replies)
 * are mentions too; a comments.list body (replies) parses as well. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "youtube"

static const struct adapter_param youtube_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API root (default https://www.googleapis.com/youtube/v3)"},
	{"channel_id", 0, "channel id (UC..., or its /channel/ URL): threads on all its videos"},
	{"key", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "API key, e.g. ${YOUTUBE_API_KEY}"},
	{"max_results", 0, "threads per request, 1..100 (default 100)"},
	{"replies", 0, "yes: also the replies that come with each thread (up to five, no extra quota) as mentions (default no)"},
	{"search_terms", 0, "only threads containing these words"},
	{"video_id", 0, "video id (the v= of its URL), or the watch, youtu.be or shorts URL itself"},
	{NULL, 0, NULL},
};

#define ID_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

/* The id in what people paste: the id itself, or a URL with one of the
 * marks before it (watch?v=ID, youtu.be/ID, /shorts/ID, /channel/UC...).
 * NULL when there is none; else the id's start, its length in *n. */
static const char *pasted_id(const char *v, const char *const *marks, size_t *n)
{
	const char *p = NULL;

	for (; *marks && !p; marks++)
		if ((p = strstr(v, *marks)))
			p += strlen(*marks);
	if (p)
		v = p;
	*n = strspn(v, ID_CHARS);
	if (*n == 0 || (v[*n] && !(p && strchr("?&#/", v[*n]))))
		return NULL;
	return v;
}

static const char *const video_marks[] = {"?v=", "&v=", "youtu.be/", "/shorts/", "/embed/", "/live/", "/v/", NULL};
static const char *const channel_marks[] = {"/channel/", NULL};

static int with_replies(const struct adapter_source *src)
{
	int yes = 0;

	return parse_bool(adapter_param(src, "replies", "no"), &yes) == 0 && yes;
}

/* The video or channel id to send: the parameter's, from a pasted URL. */
static char *youtube_id(const struct adapter_source *src, int *video)
{
	const char *v = adapter_param(src, "video_id", NULL), *id;
	size_t n;

	*video = v != NULL;
	if (!v)
		v = adapter_param(src, "channel_id", "");
	id = pasted_id(v, *video ? video_marks : channel_marks, &n);
	return id ? xstrndup(id, n) : xstrdup(v);
}

/* What a request needs: one of video_id and channel_id. */
static void youtube_needs(struct problems *pb)
{
	const char *v = kvlist_get(pb->params, "video_id"), *c = kvlist_get(pb->params, "channel_id");

	if (!(v && *v) == !(c && *c))
		problem(pb, NULL, "set exactly one of video_id and channel_id");
}

static int youtube_usable(const struct kvlist *params, char *err)
{
	return checks_first(youtube_needs, params, err);
}

static void youtube_checks(struct problems *pb)
{
	const char *v = param_value(pb, "video_id"), *c = param_value(pb, "channel_id"), *id;
	size_t n;

	youtube_needs(pb);
	param_int(pb, "max_results", 1, 100);
	param_yes_no(pb, "replies");
	/* People paste the watch URL: its id is taken (youtube_id). */
	if (v && !pasted_id(v, video_marks, &n))
		problem(pb, "video_id", "video_id must be the video's id (the v= part of its watch URL) or that URL, not \"%s\"",
		        v);
	if (c && (!(id = pasted_id(c, channel_marks, &n)) || strncmp(id, "UC", 2)))
		problem(pb, "channel_id",
		        "channel_id must be the channel's id, UC and 22 more letters (a @handle or /c/ name is not one), "
		        "not \"%s\"", c);
}

static int youtube_check(const struct kvlist *params, char *err)
{
	return checks_first(youtube_checks, params, err);
}

static int youtube_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(youtube_checks, params, report, ctx);
}

static int youtube_build(const struct adapter_source *src, const char *page_token, struct adapter_request *req,
                         char *err)
{
	struct buf u = {0};
	char *id;
	int video, rc = -1;

	if (youtube_usable(src->params, err) < 0)
		return err_prefix(WHO, err);
	if (!(id = youtube_id(src, &video)))
		return OOM(WHO, err);
	if (url_start(&u, adapter_param(src, "base_url", "https://www.googleapis.com/youtube/v3"), WHO, err) < 0)
		goto done;
	if (buf_puts(&u, "/commentThreads") < 0) {
		OOM(WHO, err);
		goto done;
	}
	if (add_query(&u, "part", with_replies(src) ? "snippet,replies" : "snippet", WHO, err) < 0 ||
	    add_query(&u, video ? "videoId" : "allThreadsRelatedToChannelId", id, WHO, err) < 0 ||
	    add_query(&u, "searchTerms", adapter_param(src, "search_terms", NULL), WHO, err) < 0 ||
	    add_query(&u, "order", "time", WHO, err) < 0 ||
	    add_query(&u, "maxResults", adapter_param(src, "max_results", "100"), WHO, err) < 0 ||
	    add_query(&u, "textFormat", "plainText", WHO, err) < 0 ||
	    add_query(&u, "pageToken", page_token, WHO, err) < 0 ||
	    add_query(&u, "key", adapter_param(src, "key", ""), WHO, err) < 0)
		goto done;
	rc = request_url(req, u.data, WHO, err);
done:
	buf_free(&u);
	free(id);
	return rc;
}

static int youtube_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return youtube_build(src, NULL, req, err);
}

static int youtube_item(json_t *item, const char *thread_video, struct adapter_result *out, char *err)
{
	const char *kind = hj_str(item, "kind");
	json_t *sn = str_eq(kind, "youtube#comment") ? hj_get(item, "snippet")
	                                               : hj_get(item, "snippet.topLevelComment.snippet");
	const char *id = hj_str(item, "id");
	const char *video = hj_str(sn, "videoId");
	struct mention *m;

	if (!video)
		video = hj_str(item, "snippet.videoId");
	if (!video)
		video = thread_video;
	if (!id || !json_is_object(sn)) {
		errf(err, WHO ": item without id or comment snippet: the response format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, id) < 0 || set_str(&m->author, hj_str(sn, "authorDisplayName")) < 0)
		return OOM(WHO, err);
	if (hj_str(sn, "textOriginal") ? set_str(&m->text, hj_str(sn, "textOriginal")) < 0
	                               : set_html(&m->text, hj_str(sn, "textDisplay")) < 0)
		return OOM(WHO, err);
	/* a reply's id is "<thread id>.<reply id>": lc= takes it whole */
	if (video && set_printf(&m->url, "https://www.youtube.com/watch?v=%s&lc=%s", video, id) < 0)
		return OOM(WHO, err);
	m->published_at = hj_time(sn, "publishedAt");
	return 0;
}

static int youtube_parse(const struct adapter_source *src, const struct adapter_response *resp,
                         struct adapter_result *out, char *err)
{
	json_t *root, *items, *it;
	const char *token;
	char tmp[HARK_ERR_MAX]; /* `hark parse` may run without the parameters */
	size_t i;
	int rc = -1;

	root = google_load(WHO, resp, err);
	if (!root)
		return -1;
	items = json_object_get(root, "items");
	if (!json_is_array(items)) {
		unexpected_body(WHO, resp, err, "not a comment thread list (no items array)");
		goto done;
	}
	json_array_foreach(items, i, it) {
		json_t *replies = with_replies(src) ? hj_get(it, "replies.comments") : NULL, *r;
		size_t j;
		if (youtube_item(it, NULL, out, err) < 0)
			goto done;
		/* part=replies: the thread's newest replies come along (up to
		 * five; more only through comments.list, at a quota unit each),
		 * each its own mention "<thread id>.<reply id>" */
		json_array_foreach(replies, j, r)
			if (youtube_item(r, hj_str(it, "snippet.videoId"), out, err) < 0)
				goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	token = hj_str(root, "nextPageToken");
	if (token && *token && json_array_size(items) > 0 && youtube_usable(src->params, tmp) == 0) {
		struct adapter_request next = {0};
		if (result_next_built(out, &next, youtube_build(src, token, &next, err), WHO, err) < 0)
			goto done;
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

const struct adapter adapter_youtube = {
	.name = "youtube",
	.summary = "YouTube comments on a video or a whole channel, optionally filtered by words (Data API v3)",
	.params = youtube_params,
	.request = youtube_request,
	.parse = youtube_parse,
	.check = youtube_check,
	.check_all = youtube_check_all,
};
