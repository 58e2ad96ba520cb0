/* fuzz_adapters.c - every compiled-in adapter's parse() on an arbitrary
 * response body. Each adapter gets the parameters a real config would give
 * it (a table by parameter name, or several mappings for the configurable
 * ones), and runs twice: a first poll (no cursor, page 0,
 * no content type) and a later page (a cursor, page 1, a JSON content type
 * with charset, paging and rate-limit headers). A successful parse must
 * give mentions that keep SPEC 7: an id, valid UTF-8, rating 0..5, no
 * date after now, and a JSON line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/adapter.h"
#include "hark/text.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

#define NOW 1795000000 /* 2026-11-19 */

/* Configurable adapters get several mappings, each run on every input;
 * the others get one set of parameters from generic_values. */
static const char *const json_nested[] = {
	"url=https://reviews.example.com/api/reviews?limit=2", "items=$.data.reviews[*]",
	"id=reviewId", "author=customer.displayName|customer.id", "title=headline", "text=body",
	"html=yes", "rating=star", "rating_scale=10", "date=createdAt", "lang_field=locale",
	"link=https://shop.example.com/{product.slug}-reviews?reviewId={reviewId}",
	"next=links.next", "error=error.message", NULL,
};
static const char *const json_root_cursor[] = {
	"url=https://api.example.com/mentions?q=acme", "id=id", "text=message", "author=user",
	"date=ts", "cursor_param=since_id", "cursor_field=ts", NULL,
};
static const char *const json_paged[] = {
	"url=https://api.example.com/questions?size=2", "items=content", "id=id", "text=text",
	"title=productName", "author=userName", "date=creationDate", "link=webUrl", "lang=tr",
	"page_param=page", "page_start=0", "total_pages=totalPages", "next_param=token", NULL,
};
static const char *const json_embedded[] = {
	"url=https://shop.example.com/p/1/reviews", "embedded_after=window.__STATE__ =",
	"items=reviews", "id={productId}-{id}", "text=comment", "rating=rate", "date=createdAt",
	"page_param=offset", "page_step=20", "html=yes", NULL,
};
static const char *const html_reviews[] = {
	"url=https://reviews.example.com/acme", "item=//div[@class='review']", "id=@data-id",
	"text=.//p[@class='text']", "title=.//h3", "author=.//span[@class='author']",
	"date=.//time/@datetime", "date_offset=+03:00", "rating=.//span[@class='stars']/@data-rating",
	"rating_scale=10", "link=.//a/@href", "next=//a[@rel='next']/@href", "lang=tr", NULL,
};
static const char *const html_complaints[] = {
	"url=https://complaints.example.com/acme",
	"item=//article[contains(concat(' ', normalize-space(@class), ' '), ' card ')]",
	"text=.//p/node()[not(self::a)]", "title=.//h2", "date=.//span[@class='time']/@title",
	"link=.//h2/a/@href", "allow_empty=yes", NULL,
};

struct profile {
	const char *adapter;
	const char *const *kv;
};

static const struct profile profiles[] = {
	{"html", html_complaints},
	{"html", html_reviews},
	{"json", json_nested},
	{"json", json_embedded},
	{"json", json_root_cursor},
	{"json", json_paged},
};

struct pv {
	const char *name, *value;
};

static const struct pv generic_values[] = {
	{"app_id", "123456789"},
	{"base_url", "https://api.example.com"},
	{"channel_id", "UCabcdefghijklmnop"},
	{"country", "tr"},
	{"hits", "3"},
	{"instance", "https://mastodon.example"},
	{"key", "k3y"},
	{"lang", "tr"},
	{"limit", "3"},
	{"max_results", "3"},
	{"pages", "10"},
	{"place_id", "ChIJabcdefghijklmnop"},
	{"query", "acme"},
	{"subreddit", "acme"},
	{"tag", "acme"},
	{"token", "t0ken"},
	{"url", "https://example.com/feed"},
	{"video_id", "dQw4w9WgXcQ"},
};

static const char *generic_value(const struct adapter_param *p)
{
	size_t i;

	for (i = 0; i < sizeof(generic_values) / sizeof(generic_values[0]); i++)
		if (!strcmp(generic_values[i].name, p->name))
			return generic_values[i].value;
	return (p->flags & ADAPTER_PARAM_REQUIRED) ? "acme" : NULL;
}

static void set_profile(struct kvlist *params, const char *const *kv)
{
	for (; *kv; kv++) {
		const char *eq = strchr(*kv, '=');
		char *key = xstrndup(*kv, (size_t)(eq - *kv));
		if (key)
			kvlist_set(params, key, eq + 1, 0);
		free(key);
	}
}

static void check_mention(const struct mention *m)
{
	char *json;

	CHECK(m->id && m->id[0]);
	CHECK(!m->text || text_is_utf8(m->text, strlen(m->text)));
	CHECK(!m->title || text_is_utf8(m->title, strlen(m->title)));
	CHECK(!m->author || text_is_utf8(m->author, strlen(m->author)));
	CHECK(m->rating >= 0 && m->rating <= 5);
	CHECK(memchr(m->lang, '\0', sizeof(m->lang)) != NULL);
	CHECK(m->published_at == INT64_MIN || m->published_at <= NOW);
	json = mention_to_json(m);
	CHECK(json != NULL);
	free(json);
}

/* An input may end with META and up to three lines: the cursor, a Link
 * header and a Retry-After / rate-limit value (what the store and a server
 * hand back). The body is what comes before META. */
static const char META[] = "\n#hark-meta\n";

static const char *split_meta(const char *in, size_t len, size_t *body_len, char lines[3][301])
{
	const char *m = NULL, *p = in, *end = in + len;
	int k;

	for (; (size_t)(end - p) >= sizeof(META) - 1; p++)
		if (*p == '\n' && !memcmp(p, META, sizeof(META) - 1))
			m = p;
	if (!m)
		return NULL;
	*body_len = (size_t)(m - in);
	p = m + sizeof(META) - 1;
	for (k = 0; k < 3; k++) {
		size_t n = 0;
		while (p < end && *p != '\n' && n < 300)
			lines[k][n++] = *p++;
		lines[k][n] = '\0'; /* a NUL byte inside ends the value early */
		while (p < end && *p++ != '\n')
			;
	}
	return in;
}

/* later: 0 first poll, 1 a later page with fixed headers, 2 a later page
 * with the cursor and headers after META (request() is built too). */
static void parse_one(const struct adapter *a, const struct kvlist *params, const char *body,
                      size_t len, int later)
{
	struct kvlist headers = {0};
	char lines[3][301], *copy = NULL;
	struct adapter_source src;
	struct adapter_response resp;
	struct adapter_result res;
	char err[HARK_ERR_MAX] = "";
	size_t i;

	memset(&src, 0, sizeof(src));
	memset(&resp, 0, sizeof(resp));
	memset(&res, 0, sizeof(res));
	src.name = "fuzz";
	src.params = params;
	src.now = NOW;
	resp.status = 200;
	resp.body = body;
	resp.len = len;
	resp.headers = &headers;
	if (later == 2) {
		struct adapter_request req;
		if (!split_meta(body, len, &resp.len, lines))
			return;
		/* NUL-terminated like every body the poller hands over */
		copy = malloc(resp.len + 1);
		if (!copy)
			return;
		memcpy(copy, body, resp.len);
		copy[resp.len] = '\0';
		resp.body = copy;
		src.cursor = lines[0][0] ? lines[0] : NULL;
		src.page = 1;
		resp.content_type = lines[2];
		kvlist_add(&headers, "Link", lines[1], 0);
		kvlist_add(&headers, "Retry-After", lines[2], 0);
		kvlist_add(&headers, "X-RateLimit-Reset", lines[2], 0);
		kvlist_add(&headers, "X-RateLimit-Remaining", lines[0], 0);
		memset(&req, 0, sizeof(req));
		if (a->request && a->request(&src, &req, err) == 0)
			CHECK(req.url != NULL);
		adapter_request_clear(&req);
		err[0] = '\0';
	} else if (later) {
		src.cursor = "1794990000";
		src.page = 1;
		resp.content_type = "application/json; charset=utf-8";
		resp.url = "https://api.example.com/page?cursor=abc";
		kvlist_add(&headers, "Link", "<https://api.example.com/next?max_id=1>; rel=\"next\", <https://x/>; rel=\"prev\"", 0);
		kvlist_add(&headers, "X-RateLimit-Remaining", "0", 0);
		kvlist_add(&headers, "X-RateLimit-Reset", "60", 0);
		kvlist_add(&headers, "Retry-After", "120", 0);
	}
	if (a->parse(&src, &resp, &res, err) == 0) {
		for (i = 0; i < res.mentions.n; i++)
			check_mention(&res.mentions.items[i]);
		if (res.next)
			CHECK(res.next->url != NULL);
	} else {
		CHECK(err[0] != '\0'); /* a failed parse says why */
		CHECK(memchr(err, '\0', HARK_ERR_MAX) != NULL);
	}
	adapter_result_clear(&res);
	kvlist_free(&headers);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The poller hands parse() a NUL-terminated body (struct buf); so does
	 * this, without counting the NUL in len. */
	char *body = malloc(size + 1);
	size_t i;

	if (!body)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	for (i = 0; i < adapter_count; i++) {
		const struct adapter *a = adapter_table[i];
		struct kvlist params = {0};
		const struct adapter_param *p;
		size_t k, nprof = 0;
		if (!a->parse)
			continue;
		for (k = 0; k < sizeof(profiles) / sizeof(profiles[0]); k++) {
			if (strcmp(profiles[k].adapter, a->name))
				continue;
			set_profile(&params, profiles[k].kv);
			parse_one(a, &params, body, size, 0);
			parse_one(a, &params, body, size, 1);
			parse_one(a, &params, body, size, 2);
			kvlist_free(&params);
			nprof++;
		}
		if (nprof)
			continue;
		for (p = a->params; p && p->name; p++) {
			const char *v = generic_value(p);
			if (v)
				kvlist_set(&params, p->name, v, 0);
		}
		parse_one(a, &params, body, size, 0);
		parse_one(a, &params, body, size, 1);
		parse_one(a, &params, body, size, 2);
		kvlist_free(&params);
	}
	free(body);
	return 0;
}

#include "fuzz_main.h"
