/* test_adapters_helpers.c - the helpers the adapters share: JSON paths,
 * id order, URL query editing, Link headers, rate-limit waits. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "../../adapters/helpers.h"
#include "hark/htime.h"
#include "hark/text.h"

static void test_paths(void)
{
	json_error_t je;
	json_t *j = json_loads("{\"data\":{\"items\":[{\"id\":7,\"u\":{\"n\":\"ay\\u015fe\"}},{\"id\":\"x\",\"r\":4.0}]},"
	                       "\"ms\":1794950400123,\"s\":\"1794950400\",\"d\":\"2026-11-16T10:00:00+03:00\",\"big\":1e300}", 0, &je);
	char *t;

	T_OK(j != NULL, "test JSON loads");
	T_OK(hj_get(j, "data.items") && json_is_array(hj_get(j, "data.items")), "dotted path to an array");
	T_OK(hj_get(j, "$.data.items[*]") == hj_get(j, "data.items"), "$. and [*] name the same array");
	T_STR(hj_str(j, "data.items.0.u.n"), "ay\xc5\x9f" "e", "index in a dotted path");
	T_STR(hj_str(j, "data.items[0].u.n"), "ay\xc5\x9f" "e", "[N] index");
	T_OK(hj_get(j, "data.items.2") == NULL && hj_get(j, "data.nope.x") == NULL && hj_get(j, "data.items.-1") == NULL,
	     "absent paths are NULL");
	T_OK(hj_get(j, "") == j, "empty path is the value itself");
	t = hj_text(j, "data.items.0.id");
	T_STR(t, "7", "integer as text");
	free(t);
	t = hj_text(j, "data.items.1.r");
	T_STR(t, "4", "integral real as text");
	free(t);
	T_INT(hj_rating(j, "data.items.1.r"), 4, "rating from a real");
	T_INT(hj_rating(j, "big"), 0, "huge rating is no rating");
	T_INT(hj_time(j, "ms"), 1794950400, "milliseconds since the epoch");
	T_INT(hj_time(j, "s"), 1794950400, "seconds in a string");
	T_INT(hj_time(j, "d"), time_from_civil(2026, 11, 16, 7, 0, 0), "RFC 3339 with an offset");
	T_INT(hj_time(j, "nope"), HARK_TIME_NONE, "absent time");
	json_decref(j);
}

static void test_ids(void)
{
	T_OK(id_cmp("t3_zz", "t3_100") < 0, "base-36 fullnames: shorter is older");
	T_OK(id_cmp("t1_abd", "t1_abc") > 0, "same length: bytewise");
	T_OK(id_cmp("113500000000000099", "113500000000000042") > 0, "snowflake ids");
	T_OK(id_cmp("10", "9") > 0 && id_cmp("009", "9") == 0, "numbers by value, leading zeros ignored");
	T_OK(id_cmp("1", NULL) > 0 && id_cmp(NULL, "1") < 0 && id_cmp(NULL, "") == 0, "NULL and empty are oldest");
}

static void test_urls(void)
{
	char *u;
	const char *link = "<https://m.example/api/v1/timelines/tag/x?max_id=5>; rel=\"next\", "
	                   "<https://m.example/api/v1/timelines/tag/x?min_id=9>; rel=\"prev\"";

	u = url_with_query("https://a.example/p?page=1&q=acme&pages=3", "page", "2");
	T_STR(u, "https://a.example/p?q=acme&pages=3&page=2", "url_with_query replaces the key, not its prefixes");
	free(u);
	u = url_with_query("https://a.example/p", "cursor", "a b&c");
	T_STR(u, "https://a.example/p?cursor=a%20b%26c", "url_with_query adds and escapes");
	free(u);
	u = url_with_query("https://a.example/p?x=1&cursor=old#frag", "cursor", NULL);
	T_STR(u, "https://a.example/p?x=1", "url_with_query removes the key (and the fragment)");
	free(u);
	u = link_header_url(link, "next");
	T_STR(u, "https://m.example/api/v1/timelines/tag/x?max_id=5", "Link rel=next");
	free(u);
	u = link_header_url(link, "prev");
	T_STR(u, "https://m.example/api/v1/timelines/tag/x?min_id=9", "Link rel=prev");
	free(u);
	T_OK(link_header_url(link, "last") == NULL && link_header_url(NULL, "next") == NULL &&
	     link_header_url("<broken", "next") == NULL, "no such rel, no header, broken header");
}

static void test_ratelimit(void)
{
	struct kvlist h = {0};
	struct adapter_response r = {.status = 200, .body = "", .headers = &h};

	T_INT(ratelimit_wait(&r, "x-ratelimit-remaining", "x-ratelimit-reset", 1000), 0, "no headers, no wait");
	kvlist_add(&h, "X-RateLimit-Remaining", "12.0", 0);
	T_INT(ratelimit_wait(&r, "x-ratelimit-remaining", "x-ratelimit-reset", 1000), 0, "requests left, no wait");
	kvlist_free(&h);
	kvlist_add(&h, "x-ratelimit-remaining", "0.0", 0);
	kvlist_add(&h, "x-ratelimit-reset", "312", 0);
	T_INT(ratelimit_wait(&r, "x-ratelimit-remaining", "x-ratelimit-reset", 1000), 312, "reset in seconds (Reddit)");
	kvlist_free(&h);
	kvlist_add(&h, "x-rate-limit-remaining", "0", 0);
	kvlist_add(&h, "x-rate-limit-reset", "1795000600", 0);
	T_INT(ratelimit_wait(&r, "x-rate-limit-remaining", "x-rate-limit-reset", 1795000000), 600, "reset as Unix time (X)");
	kvlist_free(&h);
	kvlist_add(&h, "x-ratelimit-remaining", "0", 0);
	kvlist_add(&h, "x-ratelimit-reset", "2026-11-18T11:11:40.070144Z", 0);
	T_INT(ratelimit_wait(&r, "x-ratelimit-remaining", "x-ratelimit-reset", 1795000000), 300, "reset as a date (Mastodon)");
	kvlist_free(&h);
	kvlist_add(&h, "x-ratelimit-remaining", "0", 0);
	T_INT(ratelimit_wait(&r, "x-ratelimit-remaining", "x-ratelimit-reset", 1000), 60, "no reset: a minute");
	kvlist_free(&h);
}

static void test_excerpt(void)
{
	char out[16];
	struct adapter_response r = {.body = "\xEF\xBB\xBF  line one\n\tline \x01two \xc3\xa7\xc3\xa7\xc3\xa7\xc3\xa7", .len = 0};

	r.len = strlen(r.body);
	body_excerpt(&r, out, sizeof(out));
	T_OK(strcmp(out, "line one lin...") == 0, "excerpt: BOM, controls and runs of space folded, cut with ... (%s)", out);
	T_OK(text_is_utf8(out, strlen(out)), "excerpt never cuts a UTF-8 sequence");
}

int main(void)
{
	test_paths();
	test_ids();
	test_urls();
	test_ratelimit();
	test_excerpt();
	T_DONE();
}
