/* test_adapters.c - the adapter table, golden outputs of the self-written
 * bodies in tests/fixtures/<adapter>/, and request building with cursors.
 *
 * Golden files: tests/golden/<adapter>/<fixture>.jsonl holds one mention per
 * line (SPEC 7) followed by "#cursor <c>", "#next <METHOD> <url>" (with
 * "#next-header" and "#next-body" lines),
 * "#retry_after <n>" lines, or a single "#error <message>" line. Optional
 * sidecars next to a fixture: <fixture>.params (K=V lines: adapter
 * parameters, plus "page=N" and "status=N"), <fixture>.headers ("Name: value"
 * response headers) and <fixture>.cursor (the stored cursor).
 * HARK_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "hark/adapter.h"
#include "hark/htime.h"

#define NOW 1795000000 /* 2026-11-18T11:06:40Z, after every fixture's dates */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char tmp[8192];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(&b, tmp, n);
	fclose(f);
	if (len)
		*len = b.len;
	return b.data ? b.data : xstrdup("");
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Read "K=V" (sep '=') or "Name: value" (sep ':') lines into l. */
static void read_pairs(const char *path, int sep, struct kvlist *l)
{
	FILE *f = fopen(path, "r");
	char line[4096];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p;
		chomp(line);
		p = strchr(line, sep);
		if (!p || line[0] == '#')
			continue;
		*p++ = '\0';
		while (*p == ' ')
			p++;
		kvlist_add(l, line, p, 0);
	}
	fclose(f);
}

static char *render(const struct adapter *a, const char *fixture)
{
	struct kvlist params = {0}, headers = {0};
	struct adapter_source src = {0};
	struct adapter_response resp = {0};
	struct adapter_result res = {0};
	char path[1100], err[HARK_ERR_MAX] = "";
	struct buf out = {0};
	char *body, *cursor;
	size_t len, i;
	int rc;

	snprintf(path, sizeof(path), "%s.params", fixture);
	read_pairs(path, '=', &params);
	snprintf(path, sizeof(path), "%s.headers", fixture);
	read_pairs(path, ':', &headers);
	snprintf(path, sizeof(path), "%s.cursor", fixture);
	cursor = slurp(path, NULL);
	if (cursor)
		chomp(cursor);
	body = slurp(fixture, &len);
	src.name = "test";
	src.params = &params;
	src.cursor = cursor;
	src.page = kvlist_get(&params, "page") ? atoi(kvlist_get(&params, "page")) : 0;
	src.now = NOW;
	resp.status = kvlist_get(&params, "status") ? atol(kvlist_get(&params, "status")) : 200;
	resp.body = body;
	resp.len = len;
	resp.headers = &headers;
	resp.content_type = kvlist_getci(&headers, "content-type");
	rc = a->parse(&src, &resp, &res, err);
	if (rc < 0) {
		buf_printf(&out, "#error %s\n", err);
	} else {
		for (i = 0; i < res.mentions.n; i++) {
			char *j = mention_to_json(&res.mentions.items[i]);
			buf_printf(&out, "%s\n", j);
			free(j);
		}
		if (res.cursor)
			buf_printf(&out, "#cursor %s\n", res.cursor);
		if (res.next) {
			buf_printf(&out, "#next %s %s\n", res.next->method ? res.next->method : "GET", res.next->url);
			for (i = 0; i < res.next->headers.n; i++)
				buf_printf(&out, "#next-header %s: %s\n", res.next->headers.items[i].key,
				           res.next->headers.items[i].value);
			if (res.next->body.len)
				buf_printf(&out, "#next-body %s\n", res.next->body.data);
		}
		if (res.retry_after)
			buf_printf(&out, "#retry_after %lld\n", (long long)res.retry_after);
	}
	adapter_result_clear(&res);
	kvlist_free(&params);
	kvlist_free(&headers);
	free(body);
	free(cursor);
	return buf_detach(&out);
}

static int is_sidecar(const char *name)
{
	const char *dot = strrchr(name, '.');
	return name[0] == '.' || (dot && (!strcmp(dot, ".params") || !strcmp(dot, ".headers") ||
	                                  !strcmp(dot, ".cursor") || !strcmp(dot, ".md")));
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void golden_adapter(const struct adapter *a, int update)
{
	char dir[512];
	DIR *d;
	struct dirent *e;
	char *names[256];
	size_t n = 0, i;

	snprintf(dir, sizeof(dir), "tests/fixtures/%s", a->name);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) && n < 256)
		if (!is_sidecar(e->d_name))
			names[n++] = xstrdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (i = 0; i < n; i++) {
		char fixture[1024], golden[1024];
		char *got, *want;

		snprintf(fixture, sizeof(fixture), "%s/%s", dir, names[i]);
		snprintf(golden, sizeof(golden), "tests/golden/%s/%s.jsonl", a->name, names[i]);
		got = render(a, fixture);
		if (update) {
			FILE *f;
			char cmd[600];
			snprintf(cmd, sizeof(cmd), "mkdir -p tests/golden/%s", a->name);
			f = system(cmd) == 0 ? fopen(golden, "w") : NULL;
			T_OK(f && fputs(got, f) >= 0 && fclose(f) == 0, "wrote %s", golden);
		} else {
			want = slurp(golden, NULL);
			T_OK(want != NULL, "%s: golden file %s exists", a->name, golden);
			if (want)
				T_STR(got, want, golden);
			free(want);
		}
		free(got);
		free(names[i]);
	}
}

static void test_table(void)
{
	size_t i;
	int sorted = 1;

	T_OK(adapter_count > 0, "adapter table is not empty");
	for (i = 1; i < adapter_count; i++)
		if (strcmp(adapter_table[i - 1]->name, adapter_table[i]->name) >= 0) {
			sorted = 0;
			printf("# %s before %s\n", adapter_table[i - 1]->name, adapter_table[i]->name);
		}
	T_OK(sorted, "adapter table sorted by name, names unique");
	for (i = 0; i < adapter_count; i++) {
		const struct adapter *a = adapter_table[i];
		const struct adapter_param *p;
		int good = a->name && a->summary && a->params && (a->parse || a->run);
		for (p = a->params; good && p->name; p++)
			good = p->help && *p->help;
		T_OK(good, "%s: has summary, parser and help text for every parameter", a->name);
		T_OK(adapter_find(a->name) == a, "adapter_find(\"%s\")", a->name);
	}
	T_OK(adapter_find("nonesuch") == NULL, "adapter_find of an unknown name is NULL");
	T_OK(adapter_find("") == NULL, "adapter_find of an empty name is NULL");
}

/* request() of adapter with params "k=v" list and cursor; returns the
 * request rendered as "METHOD URL\nheader: value...\n\nbody". */
static char *request_of(const char *name, const char *cursor, const char *const *kv, char *err)
{
	const struct adapter *a = adapter_find(name);
	struct kvlist params = {0};
	struct adapter_source src = {0};
	struct adapter_request req = {0};
	struct buf out = {0};
	size_t i;

	if (!a)
		return xstrdup("(no such adapter)");
	for (; *kv; kv++) {
		const char *eq = strchr(*kv, '=');
		char *k = xstrndup(*kv, (size_t)(eq - *kv));
		kvlist_add(&params, k, eq + 1, 0);
		free(k);
	}
	src.name = "test";
	src.params = &params;
	src.cursor = cursor;
	src.now = NOW;
	if (a->request(&src, &req, err) < 0) {
		buf_printf(&out, "error: %s", err);
	} else {
		buf_printf(&out, "%s %s\n", req.method ? req.method : "GET", req.url);
		for (i = 0; i < req.headers.n; i++)
			buf_printf(&out, "%s: %s\n", req.headers.items[i].key, req.headers.items[i].value);
		if (req.body.len)
			buf_printf(&out, "\n%s", req.body.data);
	}
	adapter_request_clear(&req);
	kvlist_free(&params);
	return buf_detach(&out);
}

#define REQ(name, cursor, want, what, ...) do { \
	static const char *const kv_[] = {__VA_ARGS__, NULL}; \
	char e_[HARK_ERR_MAX] = ""; \
	char *g_ = request_of(name, cursor, kv_, e_); \
	T_STR(g_, want, what); \
	free(g_); } while (0)

static void test_requests(void)
{
	if (adapter_find("appstore")) {
		REQ("appstore", NULL, "GET https://itunes.apple.com/tr/rss/customerreviews/page=1/id=284882215/sortby=mostrecent/json\n",
		    "appstore: first page URL", "app_id=284882215", "country=tr");
		REQ("appstore", NULL, "GET http://127.0.0.1:9/us/rss/customerreviews/page=1/id=1/sortby=mostrecent/json\n",
		    "appstore: base_url and default country", "app_id=1", "base_url=http://127.0.0.1:9/");
	}
	if (adapter_find("reddit")) {
		REQ("reddit", NULL, "GET https://www.reddit.com/search.json?q=acme%20shoes&sort=new&t=all&limit=100&raw_json=1\n",
		    "reddit: site search, first poll", "query=acme shoes");
		REQ("reddit", "t3_1qa2b9", "GET https://www.reddit.com/r/turkey/search.json?q=acme&restrict_sr=1&sort=new&t=all&limit=100&raw_json=1&before=t3_1qa2b9\n",
		    "reddit: subreddit search with before= cursor", "query=acme", "subreddit=r/turkey");
		REQ("reddit", "t1_abc", "GET https://oauth.reddit.com/r/acme/comments.json?limit=50&raw_json=1&before=t1_abc\nAuthorization: bearer s3cret\nUser-Agent: hark:test:1.0 (by /u/acme)\n",
		    "reddit: comments with token, user agent and cursor", "subreddit=acme", "listing=comments", "limit=50",
		    "token=s3cret", "user_agent=hark:test:1.0 (by /u/acme)");
		REQ("reddit", NULL, "GET https://www.reddit.com/r/acme/new.json?limit=100&raw_json=1\n", "reddit: new posts", "subreddit=acme");
		REQ("reddit", NULL, "error: reddit: listing = new needs a subreddit", "reddit: new without subreddit is an error", "listing=new");
	}
	if (adapter_find("mastodon")) {
		REQ("mastodon", NULL, "GET https://mastodon.example/api/v1/timelines/tag/acme?limit=40\n",
		    "mastodon: tag timeline, first poll", "instance=https://mastodon.example/", "tag=#acme");
		REQ("mastodon", "113500000000000042", "GET https://m.example/api/v2/search?q=acme%20shoes&type=statuses&limit=40&min_id=113500000000000042\nAuthorization: Bearer tok\n",
		    "mastodon: search with min_id cursor and token", "instance=https://m.example", "query=acme shoes", "token=tok");
		REQ("mastodon", NULL, "GET http://127.0.0.1:8/api/v1/timelines/tag/acme?limit=40\n", "mastodon: base_url stands for instance",
		    "base_url=http://127.0.0.1:8", "tag=acme");
		REQ("mastodon", NULL, "error: mastodon: instance is required (the server's URL, e.g. https://mastodon.social)",
		    "mastodon: instance required", "tag=acme");
		REQ("mastodon", NULL, "error: mastodon: set tag (hashtag timeline) or query (search)", "mastodon: tag or query required",
		    "instance=https://m.example");
	}
	if (adapter_find("hackernews")) {
		REQ("hackernews", NULL, "GET https://hn.algolia.com/api/v1/search_by_date?query=acme&tags=%28story%2Ccomment%29&hitsPerPage=100\n",
		    "hackernews: first poll", "query=acme");
		REQ("hackernews", "1794990000", "GET http://127.0.0.1:1/api/v1/search_by_date?query=acme%20shoes&tags=story&hitsPerPage=100&numericFilters=created_at_i%3E1794986400\n",
		    "hackernews: created_at_i cursor, less an hour for late-indexed items", "query=acme shoes", "tags=story", "base_url=http://127.0.0.1:1");
	}
	if (adapter_find("youtube")) {
		REQ("youtube", NULL, "GET https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&videoId=abc123&order=time&maxResults=100&textFormat=plainText&key=K%2Bey\n",
		    "youtube: by video with key", "video_id=abc123", "key=K+ey");
		REQ("youtube", NULL, "GET https://www.googleapis.com/youtube/v3/commentThreads?part=snippet%2Creplies&videoId=abc123&order=time&maxResults=100&textFormat=plainText&key=k\n",
		    "youtube: replies = yes asks for the inline replies", "video_id=abc123", "key=k", "replies=yes");
		REQ("youtube", NULL, "GET https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&allThreadsRelatedToChannelId=UCx&searchTerms=acme%20shoes&order=time&maxResults=100&textFormat=plainText&key=k\n",
		    "youtube: by channel with search terms", "channel_id=UCx", "search_terms=acme shoes", "key=k");
		REQ("youtube", NULL, "error: youtube: set exactly one of video_id and channel_id", "youtube: video or channel", "key=k");
	}
	if (adapter_find("google_places")) {
		REQ("google_places", NULL, "GET https://maps.googleapis.com/maps/api/place/details/json?place_id=ChIJabc&fields=url%2Creviews&reviews_sort=newest&reviews_no_translations=true&language=tr&key=SECRET\n",
		    "google_places: legacy details URL", "place_id=ChIJabc", "key=SECRET", "language=tr");
		REQ("google_places", NULL, "GET https://places.googleapis.com/v1/places/ChIJabc\nX-Goog-Api-Key: SECRET\nX-Goog-FieldMask: id,googleMapsUri,reviews\n",
		    "google_places: new API with key header", "place_id=ChIJabc", "key=SECRET", "api=new");
	}
	if (adapter_find("json")) {
		REQ("json", "1003", "GET https://api.example.com/m?q=acme&page=0&since_id=1003\nUser-Agent: 1 - SelfIntegration\nX-Two: 2\nAuthorization: Basic abc\n",
		    "json: page counter, cursor, headers and secret auth header", "url=https://api.example.com/m?q=acme&page=9",
		    "text=t", "page_param=page", "page_start=0", "cursor_param=since_id",
		    "headers=User-Agent: 1 - SelfIntegration | X-Two: 2", "auth=Authorization: Basic abc");
		REQ("json", NULL, "error: json: auth must be \"Name: value\"", "json: a malformed auth header is an error",
		    "url=https://api.example.com/", "text=t", "auth=abc");
	}
	if (adapter_find("html")) {
		REQ("html", NULL, "GET https://www.sikayetvar.com/acme\nUser-Agent: Mozilla/5.0 (compatible; hark)\nCookie: a=b\n",
		    "html: page URL, headers and secret cookie", "url=https://www.sikayetvar.com/acme", "item=//article", "text=.",
		    "headers=User-Agent: Mozilla/5.0 (compatible; hark)", "auth=Cookie: a=b");
	}
	if (adapter_find("ebay")) {
		REQ("ebay", NULL, "POST https://api.ebay.com/ws/api.dll\nX-EBAY-API-CALL-NAME: GetFeedback\nX-EBAY-API-SITEID: 77\n"
		    "X-EBAY-API-COMPATIBILITY-LEVEL: 1349\nX-EBAY-API-IAF-TOKEN: tok\nContent-Type: text/xml; charset=utf-8\n\n"
		    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GetFeedbackRequest xmlns=\"urn:ebay:apis:eBLBaseComponents\">\n"
		    "  <UserID>a&amp;b&lt;c</UserID>\n  <DetailLevel>ReturnAll</DetailLevel>\n  <FeedbackType>FeedbackReceivedAsSeller</FeedbackType>\n"
		    "  <CommentType>Negative</CommentType>\n  <Pagination>\n    <EntriesPerPage>200</EntriesPerPage>\n    <PageNumber>1</PageNumber>\n"
		    "  </Pagination>\n</GetFeedbackRequest>\n",
		    "ebay: POST with headers and escaped XML body", "user_id=a&b<c", "token=tok", "site_id=77", "comment_type=Negative");
	}
	if (adapter_find("x")) {
		REQ("x", "1857000000000000003", "GET https://api.x.com/2/tweets/search/recent?query=acme%20lang%3Atr&max_results=100&tweet.fields=created_at%2Cauthor_id%2Clang&expansions=author_id&user.fields=username%2Cname&since_id=1857000000000000003\nAuthorization: Bearer T\n",
		    "x: since_id cursor and bearer token", "query=acme lang:tr", "token=T");
	}
	if (adapter_find("bluesky")) {
		REQ("bluesky", "2026-11-16T10:00:00Z", "GET https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=acme&sort=latest&limit=100&since=2026-11-16T10%3A00%3A00Z\nAuthorization: Bearer jwt\n",
		    "bluesky: since cursor, token switches to the PDS", "query=acme", "token=jwt");
	}
	if (adapter_find("googleplay")) {
		REQ("googleplay", NULL, "GET https://androidpublisher.googleapis.com/androidpublisher/v3/applications/com.acme.shop/reviews?maxResults=100\nAuthorization: Bearer ya29\n",
		    "googleplay: reviews.list with bearer token", "package=com.acme.shop", "token=ya29");
	}
	if (adapter_find("yelp")) {
		REQ("yelp", NULL, "GET https://api.yelp.com/v3/businesses/acme-sf/reviews?locale=en_US&sort_by=newest&limit=20\nAuthorization: Bearer k\n",
		    "yelp: business reviews", "business=acme-sf", "key=k", "locale=en_US");
	}
	if (adapter_find("trustpilot")) {
		REQ("trustpilot", NULL, "GET https://api.trustpilot.com/v1/business-units/5f0c/reviews?perPage=100&page=1&orderBy=createdat.desc&language=tr\napikey: k\n",
		    "trustpilot: key in a header, not the URL", "business_unit=5f0c", "key=k", "language=tr");
	}
	if (adapter_find("etsy")) {
		REQ("etsy", "1794900000", "GET https://openapi.etsy.com/v3/application/shops/123/reviews?limit=100&offset=0&min_created=1794900000\nx-api-key: k\n",
		    "etsy: min_created cursor", "shop_id=123", "key=k");
	}
}

static void test_checks(void)
{
	char err[HARK_ERR_MAX] = "";
	const struct adapter *a = adapter_find("appstore");
	struct kvlist p = {0};

	if (a) {
		kvlist_add(&p, "app_id", "abc", 0);
		T_OK(a->check(&p, err) < 0 && strstr(err, "numeric"), "appstore: check rejects a non-numeric app_id");
		kvlist_free(&p);
	}
	a = adapter_find("html");
	if (a) {
		kvlist_add(&p, "item", "//div[", 0);
		T_OK(a->check(&p, err) < 0 && strstr(err, "item is not a valid XPath"), "html: check rejects a broken XPath");
		kvlist_free(&p);
	}
}

/* The command adapter's run callback on small shell programs. */
static int run_command(const char *cmd, const char *timeout, const char *cursor, struct adapter_result *res, char *err)
{
	const struct adapter *a = adapter_find("command");
	struct kvlist params = {0};
	struct adapter_source src = {0};
	int rc;

	kvlist_add(&params, "command", cmd, 0);
	if (timeout)
		kvlist_add(&params, "timeout", timeout, 0);
	src.name = "cmdtest";
	src.params = &params;
	src.cursor = cursor;
	src.now = NOW;
	memset(res, 0, sizeof(*res));
	rc = a->run(&src, res, err);
	kvlist_free(&params);
	return rc;
}

static void test_command_run(void)
{
	struct adapter_result res;
	char err[HARK_ERR_MAX] = "";
	int rc;

	if (!adapter_find("command"))
		return;
	rc = run_command("printf '{\"id\":\"c-%s\",\"text\":\"from %s at %s\"}\\n{\"cursor\":\"next-1\"}\\n' "
	                 "\"$HARK_CURSOR\" \"$HARK_SOURCE\" \"$HARK_NOW\"", NULL, "prev-7", &res, err);
	T_OK(rc == 0, "command: runs (%s)", err);
	T_INT(res.mentions.n, 1, "command: one mention from stdout");
	if (res.mentions.n) {
		T_STR(res.mentions.items[0].id, "c-prev-7", "command: HARK_CURSOR holds the stored cursor");
		T_STR(res.mentions.items[0].text, "from cmdtest at 1795000000", "command: HARK_SOURCE and HARK_NOW set");
	}
	T_STR(res.cursor, "next-1", "command: {\"cursor\":...} line sets the new cursor");
	adapter_result_clear(&res);

	rc = run_command("echo '{\"text\":\"x\"}'; echo 'token expired for acme' >&2; exit 3", NULL, NULL, &res, err);
	T_OK(rc < 0 && strstr(err, "exited with status 3") && strstr(err, "token expired for acme"),
	     "command: non-zero exit fails with stderr (%s)", err);
	adapter_result_clear(&res);

	rc = run_command("echo '{\"text\":\"ok\"}'; echo '<html>oops'", NULL, NULL, &res, err);
	T_OK(rc < 0 && strstr(err, "line 2 is not a JSON object"), "command: malformed line fails the poll (%s)", err);
	adapter_result_clear(&res);

	rc = run_command("sleep 30", "1s", NULL, &res, err);
	T_OK(rc < 0 && strstr(err, "timed out after 1s"), "command: timeout kills the program (%s)", err);
	adapter_result_clear(&res);

	rc = run_command("exit 0", NULL, NULL, &res, err);
	T_OK(rc == 0 && res.mentions.n == 0 && !res.cursor, "command: no output is an empty success");
	adapter_result_clear(&res);

	rc = run_command("kill -TERM $$", NULL, NULL, &res, err);
	T_OK(rc < 0 && strstr(err, "killed by signal 15"), "command: death by signal is an error (%s)", err);
	adapter_result_clear(&res);
}

int main(void)
{
	const char *u = getenv("HARK_UPDATE_GOLDEN");
	size_t i;

	if (getenv("HARK_SRC") && chdir(getenv("HARK_SRC")) != 0)
		return 2;
	test_table();
	test_requests();
	test_checks();
	test_command_run();
	for (i = 0; i < adapter_count; i++)
		golden_adapter(adapter_table[i], u && *u == '1');
	T_DONE();
}
