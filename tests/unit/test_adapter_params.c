/* test_adapter_params.c - adapters' parameter checks (ACCEPTANCE A22):
 * each adapter's check_all reports every bad value, each with the
 * parameter it is about; good values (and the forms people paste that the
 * adapter reads, such as a YouTube watch URL or country = TR) pass and
 * reach the request as the API wants them. */
#include "t.h"
#include "hark/adapter.h"
#include "hark/util.h"

struct seen {
	int n;
	char params[16][32];
	char msgs[16][HARK_ERR_MAX];
};

static void record(void *ctx, const char *param, const char *msg)
{
	struct seen *s = ctx;

	if (s->n < 16) {
		snprintf(s->params[s->n], sizeof(s->params[0]), "%s", param ? param : "-");
		snprintf(s->msgs[s->n], sizeof(s->msgs[0]), "%s", msg);
	}
	s->n++;
}

static void fill(struct kvlist *p, const char *const *kv)
{
	for (; *kv; kv++) {
		const char *eq = strchr(*kv, '=');
		char *k = xstrndup(*kv, (size_t)(eq - *kv));
		kvlist_add(p, k, eq + 1, 0);
		free(k);
	}
}

/* The problems check_all finds in params, as "param,param,..." */
static char *problems(const char *adapter, struct seen *s, const char *const *kv)
{
	const struct adapter *a = adapter_find(adapter);
	struct kvlist p = {0};
	struct buf out = {0};
	int i, n;

	memset(s, 0, sizeof(*s));
	if (!a)
		return xstrdup("(no such adapter)");
	fill(&p, kv);
	n = adapter_check_all(a, &p, record, s);
	for (i = 0; i < s->n && i < 16; i++)
		buf_printf(&out, "%s%s", i ? "," : "", s->params[i]);
	if (n != s->n)
		buf_printf(&out, " (returned %d)", n);
	kvlist_free(&p);
	return out.data ? buf_detach(&out) : xstrdup("");
}

#define PROBLEMS(adapter, want, what, ...) do { \
	static const char *const kv_[] = {__VA_ARGS__, NULL}; \
	struct seen s_; \
	char *g_ = problems(adapter, &s_, kv_); \
	T_STR(g_, want, what); \
	free(g_); \
	} while (0)

/* Whether one of the messages contains needle. */
static int said(const struct seen *s, const char *needle)
{
	int i;

	for (i = 0; i < s->n && i < 16; i++)
		if (strstr(s->msgs[i], needle))
			return 1;
	return 0;
}

static char *request_url_of(const char *adapter, const char *const *kv)
{
	const struct adapter *a = adapter_find(adapter);
	struct adapter_source src = {0};
	struct adapter_request req = {0};
	struct kvlist p = {0};
	char err[HARK_ERR_MAX];
	char *url;

	if (!a)
		return xstrdup("(no such adapter)");
	fill(&p, kv);
	src.name = "t";
	src.params = &p;
	src.now = 1795000000;
	url = a->request(&src, &req, err) < 0 ? xstrdup(err) : xstrdup(req.url);
	adapter_request_clear(&req);
	kvlist_free(&p);
	return url;
}

#define URL_HAS(adapter, needle, what, ...) do { \
	static const char *const kv_[] = {__VA_ARGS__, NULL}; \
	char *u_ = request_url_of(adapter, kv_); \
	T_OK(u_ && strstr(u_, needle), "%s", what); \
	if (!(u_ && strstr(u_, needle))) printf("#   url: %s\n#   wanted: %s\n", u_, needle); \
	free(u_); \
	} while (0)

static void test_all_reported(void)
{
	struct seen s;
	char *g;
	static const char *const two[] = {"app_id=id284882215", "country=turkey", NULL};

	g = problems("appstore", &s, two);
	T_STR(g, "app_id,country", "appstore: app_id and country both reported (A22)");
	T_OK(said(&s, "numeric App Store id") && said(&s, "two-letter storefront code") && said(&s, "\"turkey\""),
	     "appstore: the messages say what is wrong and quote the value");
	free(g);
	PROBLEMS("appstore", "app_id,country,pages,sort", "appstore: four bad values, four problems",
	         "app_id=https://apps.apple.com/tr/app/acme/id284882215", "country=tur", "pages=11", "sort=newest");
	PROBLEMS("appstore", "", "appstore: good values pass (country TR is read as tr)", "app_id=284882215", "country=TR",
	         "pages=10", "sort=mosthelpful");
	PROBLEMS("appstore", "", "appstore: a ${ENV} value is checked once set, not before", "app_id=${APP_ID}");
}

static void test_numbers(void)
{
	struct seen s;
	char *g;
	static const char *const hits[] = {"query=acme", "hits=5000", NULL};

	g = problems("hackernews", &s, hits);
	T_STR(g, "hits", "hackernews: hits = 5000 is reported (A22)");
	T_OK(said(&s, "hits must be a whole number from 1 to 1000, not \"5000\""), "hackernews: the message gives the range");
	free(g);
	PROBLEMS("hackernews", "hits", "hackernews: hits = 0", "query=acme", "hits=0");
	PROBLEMS("hackernews", "hits", "hackernews: hits = 100 per page", "query=acme", "hits=100 per page");
	PROBLEMS("hackernews", "hits", "hackernews: hits = -5", "query=acme", "hits=-5");
	PROBLEMS("hackernews", "hits", "hackernews: hits = 99999999999999999999", "query=acme", "hits=99999999999999999999");
	PROBLEMS("hackernews", "", "hackernews: hits = 1000 and tags (story,comment) pass", "query=acme", "hits=1000",
	         "tags=(story,comment)");
	PROBLEMS("hackernews", "tags", "hackernews: tags with a space", "query=acme", "tags=story comment");
	PROBLEMS("bluesky", "limit", "bluesky: limit 1..100", "query=acme", "limit=101");
	PROBLEMS("etsy", "limit,shop_id", "etsy: limit and a shop name instead of its id", "key=k", "limit=500",
	         "shop_id=AcmeShop");
	PROBLEMS("etsy", "", "etsy: good values", "key=k", "limit=100", "shop_id=12345");
	PROBLEMS("x", "max_results", "x: max_results below 10", "query=acme", "token=t", "max_results=5");
	PROBLEMS("x", "", "x: max_results 10", "query=acme", "token=t", "max_results=10");
	PROBLEMS("yelp", "business,limit,locale", "yelp: a URL as business, limit, locale",
	         "business=https://www.yelp.com/biz/acme-sf", "key=k", "limit=51", "locale=tr");
	PROBLEMS("yelp", "", "yelp: good values", "business=acme-shoes-san-francisco", "key=k", "limit=50", "locale=tr_TR");
	PROBLEMS("googleplay", "max_results,package,translation_language", "googleplay: three bad values",
	         "package=https://play.google.com/store/apps/details?id=com.acme", "token=t", "max_results=1000",
	         "translation_language=english");
	PROBLEMS("googleplay", "", "googleplay: good values", "package=com.acme.shop_2", "token=t", "max_results=100",
	         "translation_language=en_GB");
}

static void test_codes(void)
{
	PROBLEMS("ebay", "comment_type,compat_level,entries,feedback_type,site_id", "ebay: five bad values, five problems",
	         "token=t", "user_id=acme", "comment_type=bad", "compat_level=latest", "entries=30",
	         "feedback_type=FeedbackLeft", "site_id=US");
	PROBLEMS("ebay", "", "ebay: good values", "token=t", "user_id=acme", "comment_type=Negative", "compat_level=1349",
	         "entries=25", "feedback_type=FeedbackReceivedAsBuyer", "site_id=77");
	PROBLEMS("google_places", "api,language,place_id,translate", "google_places: four bad values",
	         "key=k", "api=v2", "language=turkish", "place_id=https://maps.google.com/?cid=1", "translate=true");
	PROBLEMS("google_places", "", "google_places: good values", "key=k", "api=new", "language=pt-BR",
	         "place_id=ChIJN1t_tDeuEmsRUsoyG83frY4", "translate=yes");
	PROBLEMS("trustpilot", "business_unit,language,per_page,stars", "trustpilot: four bad values",
	         "business_unit=acme.com", "key=k", "language=Turkish", "per_page=200", "stars=1,6");
	PROBLEMS("trustpilot", "", "trustpilot: good values", "business_unit=5f0c1d2e3a4b5c6d7e8f9a0b", "key=k",
	         "language=all", "per_page=100", "stars=1,2");
	PROBLEMS("trustpilot", "stars", "trustpilot: stars with a trailing comma", "business_unit=5f0c1d2e3a4b5c6d7e8f9a0b",
	         "key=k", "stars=1,");
	PROBLEMS("mastodon", "limit,local,tag", "mastodon: three bad values", "instance=https://m.example",
	         "limit=80", "local=true", "tag=acme shoes");
	PROBLEMS("mastodon", "", "mastodon: good values (#tag is read as tag)", "instance=https://m.example",
	         "limit=40", "local=yes", "tag=#acme");
	PROBLEMS("mastodon", "-,-", "mastodon: no instance and no tag: both said", "limit=40");
	PROBLEMS("reddit", "limit,sort,subreddit", "reddit: three bad values", "subreddit=r/acme shoes",
	         "limit=1000", "sort=newest", "query=acme");
	PROBLEMS("reddit", "", "reddit: good values (r/ is read as nothing)", "subreddit=r/acme", "limit=100", "sort=top",
	         "query=acme");
	PROBLEMS("reddit", "listing", "reddit: an unknown listing names listing", "listing=hot", "subreddit=acme");
	PROBLEMS("json", "-,html,page_start,page_step,rating_scale", "json: every bad value and next with page_param",
	         "url=https://x.example", "text=t", "next=n", "page_param=p", "html=true", "page_start=first",
	         "page_step=0", "rating_scale=0");
	PROBLEMS("json", "", "json: good values", "url=https://x.example", "text=t", "page_param=offset", "page_start=0",
	         "page_step=20", "rating_scale=10", "html=yes");
	PROBLEMS("command", "timeout", "command: a bad timeout", "command=true", "timeout=soon");
	PROBLEMS("rss", "", "rss: no checks, no problems", "url=https://x.example/feed");
}

static void test_youtube(void)
{
	struct seen s;
	char *g;
	static const char *const handle[] = {"key=k", "channel_id=https://www.youtube.com/@acme", NULL};

	PROBLEMS("youtube", "", "youtube: a watch URL as video_id is taken", "key=k",
	         "video_id=https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s");
	PROBLEMS("youtube", "", "youtube: a youtu.be URL", "key=k", "video_id=https://youtu.be/dQw4w9WgXcQ?si=abc");
	PROBLEMS("youtube", "", "youtube: a shorts URL", "key=k", "video_id=youtube.com/shorts/dQw4w9WgXcQ");
	PROBLEMS("youtube", "", "youtube: a /channel/ URL as channel_id", "key=k",
	         "channel_id=https://www.youtube.com/channel/UCacme0123456789abcdefg/videos");
	PROBLEMS("youtube", "max_results,video_id", "youtube: a URL without an id, and max_results", "key=k",
	         "video_id=https://www.youtube.com/results?search_query=acme", "max_results=500");
	g = problems("youtube", &s, handle);
	T_STR(g, "channel_id", "youtube: a @handle URL as channel_id is reported");
	T_OK(said(&s, "@handle"), "youtube: the message says a handle is not a channel id");
	free(g);
	PROBLEMS("youtube", "-", "youtube: neither id", "key=k");

	URL_HAS("youtube", "videoId=dQw4w9WgXcQ&", "youtube: the request carries the id from a watch URL", "key=k",
	        "video_id=https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s");
	URL_HAS("youtube", "videoId=dQw4w9WgXcQ&", "youtube: the request carries the id from a youtu.be URL", "key=k",
	        "video_id=https://youtu.be/dQw4w9WgXcQ?si=abc");
	URL_HAS("youtube", "videoId=dQw4w9WgXcQ&", "youtube: the request carries the id from a shorts URL", "key=k",
	        "video_id=https://www.youtube.com/shorts/dQw4w9WgXcQ");
	URL_HAS("youtube", "videoId=dQw4w9WgXcQ&", "youtube: a plain id is sent as is", "key=k", "video_id=dQw4w9WgXcQ");
	URL_HAS("youtube", "allThreadsRelatedToChannelId=UCacme0123456789abcdefg&",
	        "youtube: the request carries the id from a /channel/ URL", "key=k",
	        "channel_id=https://www.youtube.com/channel/UCacme0123456789abcdefg");
	URL_HAS("appstore", "/tr/rss/customerreviews/", "appstore: country TR is sent as tr", "app_id=284882215",
	        "country=TR");
}

static void test_check_first(void)
{
	const struct adapter *a = adapter_find("trustpilot");
	struct kvlist p = {0};
	char err[HARK_ERR_MAX] = "";

	if (!a) {
		T_SKIP("no trustpilot adapter");
		return;
	}
	/* check (one message) keeps working beside check_all */
	kvlist_add(&p, "business_unit", "www.acme.com", 0);
	kvlist_add(&p, "per_page", "0", 0);
	T_OK(a->check && a->check(&p, err) < 0 && strstr(err, "business_unit must be") && !strstr(err, "per_page"),
	     "trustpilot: check gives the first problem only");
	kvlist_free(&p);
}

int main(void)
{
	test_all_reported();
	test_numbers();
	test_codes();
	test_youtube();
	test_check_first();
	T_DONE();
}
