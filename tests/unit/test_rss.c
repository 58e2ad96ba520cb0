/* test_rss.c - the rss adapter on bodies built here: charset precedence,
 * hostile documents (XXE, entity bombs, deep nesting), truncation, Google
 * redirect links, relative links, HTTP errors and speed. The golden files
 * of tests/fixtures/rss are compared by test_adapters. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "hark/adapter.h"
#include "hark/htime.h"
#include "t.h"

#define NOW 1795000000

struct run {
	int rc;
	char err[HARK_ERR_MAX];
	struct adapter_result res;
};

static void parse_with(struct run *r, const char *body, size_t len, const char *ctype, const char *url, long status)
{
	const struct adapter *a = adapter_find("rss");
	struct kvlist params = {0}, headers = {0};
	struct adapter_source src = {0};
	struct adapter_response resp = {0};

	memset(r, 0, sizeof(*r));
	src.name = "test";
	src.params = &params;
	src.now = NOW;
	resp.status = status;
	resp.body = body;
	resp.len = len;
	resp.content_type = ctype;
	resp.headers = &headers;
	resp.url = url;
	r->rc = a->parse(&src, &resp, &r->res, r->err);
}

static void parse_str(struct run *r, const char *body)
{
	parse_with(r, body, strlen(body), NULL, NULL, 200);
}

static const struct mention *item(struct run *r, size_t i)
{
	return i < r->res.mentions.n ? &r->res.mentions.items[i] : NULL;
}

#define FIELD(r, i, f) (item(r, i) ? item(r, i)->f : NULL)

static const char *S(const char *s)
{
	return s ? s : "";
}

static char *rss_of(const char *items)
{
	struct buf b = {0};
	buf_printf(&b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>%s</channel></rss>", items);
	return buf_detach(&b);
}

static void test_request(void)
{
	const struct adapter *a = adapter_find("rss");
	struct kvlist params = {0};
	struct adapter_source src = {0};
	struct adapter_request req = {0};
	char err[HARK_ERR_MAX];

	kvlist_add(&params, "url", "https://feeds.example/kestrel.xml", 0);
	src.params = &params;
	T_OK(a && a->request(&src, &req, err) == 0, "request builds");
	T_STR(req.url, "https://feeds.example/kestrel.xml", "request URL is the url parameter");
	T_OK(req.method == NULL || strcmp(req.method, "GET") == 0, "request is a GET");
	adapter_request_clear(&req);
	kvlist_free(&params);
}

static void test_charsets(void)
{
	struct run r;
	/* "Gül şı" in Windows-1254; "При" in Windows-1251. */
	const char *latin = "<rss><channel><item><title>G\xfcl \xfe\xfd</title><guid>1</guid></item></channel></rss>";
	const char *cyr = "<rss><channel><item><title>\xcf\xf0\xe8</title><guid>1</guid></item></channel></rss>";
	const char *decl = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
	                   "<rss><channel><item><title>\xcf\xf0\xe8</title><guid>1</guid></item></channel></rss>";

	parse_str(&r, latin);
	T_STR(FIELD(&r, 0, title), "Gül şı", "undeclared 8-bit is Windows-1254");
	adapter_result_clear(&r.res);
	parse_with(&r, cyr, strlen(cyr), "text/xml; charset=\"windows-1251\"", NULL, 200);
	T_STR(FIELD(&r, 0, title), "При", "HTTP charset used without a declaration");
	adapter_result_clear(&r.res);
	parse_with(&r, decl, strlen(decl), "text/xml; charset=iso-8859-9", NULL, 200);
	T_STR(FIELD(&r, 0, title), "При", "declared encoding wins over the HTTP charset");
	adapter_result_clear(&r.res);
	parse_with(&r, latin, strlen(latin), "text/xml; charset=\"ISO-8859-1\"", NULL, 200);
	T_STR(FIELD(&r, 0, title), "Gül şı", "Turkish letters under an HTTP Latin-1 label");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>G\xc3\xbcl \xc5\x9f</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "Gül ş", "valid UTF-8 labelled ISO-8859-1 is read as UTF-8");
	adapter_result_clear(&r.res);
	parse_str(&r, "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>\xc3\xa9</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "é", "UTF-8 BOM outranks the declaration");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><item><title>\xcf\xf0\xe8\xe2\xe5\xf2</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "Привет", "windows-1251 through libxml2");
	adapter_result_clear(&r.res);
	parse_str(&r, "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><id>a03</id>"
	          "<title mode=\"escaped\" type=\"text/html\">&lt;b&gt;Old&lt;/b&gt; Atom</title>"
	          "<content mode=\"base64\" type=\"text/plain\">SGVsbG8=</content>"
	          "<summary mode=\"escaped\">A &amp;amp; B</summary><issued>2004-01-02T03:04:05Z</issued></entry></feed>");
	T_STR(FIELD(&r, 0, title), "Old Atom", "Atom 0.3 escaped title");
	T_STR(FIELD(&r, 0, text), "A & B", "Atom 0.3 base64 content skipped, summary used");
	T_INT(item(&r, 0) ? item(&r, 0)->published_at : 0, 1073012645, "Atom 0.3 issued");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>\xdd\xfeik\xe7i \xfd\xfe\xfdk</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "İşikçi ışık", "Turkish text labelled ISO-8859-1 read as Windows-1254");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>\xde" "a\xf0 er gott a\xf0 vera \xe1 \xcdslandi, \xfe\xfa veist, f\xe1\xf0u \xfe\xe9r kaffi</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "Það er gott að vera á Íslandi, þú veist, fáðu þér kaffi", "Icelandic Latin-1 stays Latin-1");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><language>is</language><item><title>\xfe\xfd</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "þý", "language is: Latin-1 kept");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><language>tr-TR</language><item><title>\xfe\xfd</title>"
	          "</item></channel></rss>");
	T_STR(FIELD(&r, 0, title), "şı", "language tr: Windows-1254");
	adapter_result_clear(&r.res);
	parse_str(&r, "\xef\xbb\xbf\n\n  <?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>bom</title></item></channel></rss>");
	T_OK(r.rc == 0 && r.res.mentions.n == 1, "BOM and blank lines before the declaration");
	adapter_result_clear(&r.res);
}

static void test_hostile(void)
{
	struct run r;
	char path[] = "/tmp/hark-xxe-XXXXXX";
	int fd = mkstemp(path);
	struct buf b = {0};
	clock_t t0;
	int i;

	T_OK(fd >= 0 && write(fd, "SECRET-MARKER-7731", 18) == 18, "secret file for XXE written");
	if (fd >= 0)
		close(fd);
	buf_printf(&b, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file://%s\">]>"
	           "<rss><channel><item><title>a &x; b</title><description>&x;</description><guid>g</guid>"
	           "</item></channel></rss>", path);
	parse_str(&r, b.data);
	T_OK(r.rc == 0 && r.res.mentions.n == 1, "XXE document parses without the entity");
	T_OK(FIELD(&r, 0, title) && !strstr(S(FIELD(&r, 0, title)), "SECRET") && !strstr(S(FIELD(&r, 0, text)), "SECRET"),
	     "external entity never read");
	adapter_result_clear(&r.res);
	buf_reset(&b);
	buf_printf(&b, "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file://%s\">"
	           "<rss><channel><item><title>ok</title></item></channel></rss>", path);
	parse_str(&r, b.data);
	T_OK(r.rc == 0 && r.res.mentions.n == 1, "external DTD is not loaded (and not needed)");
	adapter_result_clear(&r.res);
	unlink(path);

	/* billion laughs in content and in an attribute */
	buf_reset(&b);
	buf_puts(&b, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"lol\">");
	for (i = 1; i < 10; i++)
		buf_printf(&b, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">", i, i - 1, i - 1,
		           i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	buf_puts(&b, "]><rss><channel><item><title a=\"&l9;\">t &l9;</title><guid>b</guid></item></channel></rss>");
	t0 = clock();
	parse_str(&r, b.data);
	T_OK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0, "entity bomb handled in under a second");
	T_OK(r.rc < 0 || (FIELD(&r, 0, title) && strlen(S(FIELD(&r, 0, title))) < 100), "entity bomb not expanded (%s)",
	     r.rc < 0 ? r.err : "parsed");
	adapter_result_clear(&r.res);

	/* nesting deeper than libxml2's limit */
	buf_reset(&b);
	buf_puts(&b, "<rss><channel><item><title>deep</title><description>");
	for (i = 0; i < 5000; i++)
		buf_puts(&b, "<d>");
	buf_puts(&b, "x");
	for (i = 0; i < 5000; i++)
		buf_puts(&b, "</d>");
	buf_puts(&b, "</description></item></channel></rss>");
	parse_str(&r, b.data);
	T_OK(r.rc < 0 && strstr(r.err, "rss: "), "excessive depth fails cleanly: %s", r.err);
	T_INT(r.res.mentions.n, 0, "no mentions left after a failure");
	adapter_result_clear(&r.res);
	buf_free(&b);
}

static void test_not_feeds(void)
{
	struct run r;

	parse_with(&r, "<rss><channel></channel></rss>", 30, NULL, NULL, 503);
	T_OK(r.rc < 0 && strstr(r.err, "HTTP 503"), "HTTP error status fails: %s", r.err);
	parse_str(&r, "");
	T_STR(r.err, "rss: not a feed: empty body", "empty body");
	parse_str(&r, "<html><body><p>Moved</p></body></html>");
	T_STR(r.err, "rss: not a feed: root element <html>", "HTML page");
	parse_str(&r, "{\"error\":\"rate limited\"}");
	T_OK(r.rc < 0 && strstr(r.err, "not a feed") && strstr(r.err, "rate limited"), "JSON body: %s", r.err);
	parse_str(&r, "<rss><channel><title>x</title></channel></rss>");
	T_OK(r.rc == 0 && r.res.mentions.n == 0, "a complete feed without items is an empty success");
	adapter_result_clear(&r.res);
	parse_str(&r, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id><title>cut");
	T_OK(r.rc < 0 && strstr(r.err, "truncated") && strstr(r.err, "<entry>"), "Atom cut inside an entry: %s", r.err);
	parse_str(&r, "<rss><channel><item><title>a</title></item><item><title>b</title></item>");
	T_OK(r.rc == 0 && r.res.mentions.n == 2, "cut after complete items keeps them");
	adapter_result_clear(&r.res);
	parse_str(&r, "<?xml version=\"1.0\"?>\n<rss><channel><item><title>a</ti");
	T_OK(r.rc < 0 && strstr(r.err, "truncated"), "cut inside a tag: %s", r.err);
}

static void test_links(void)
{
	struct run r;
	char *body = rss_of(
		"<item><title>1</title><link>https://www.google.com/url?rct=j&amp;sa=t&amp;url=https%3A%2F%2Fa.example%2Fp%3Fx%3D1%26y%3D2&amp;ct=ga</link></item>"
		"<item><title>2</title><link>https://google.com.tr/url?q=https://b.example/tr&amp;sa=U</link></item>"
		"<item><title>3</title><link>https://evil.example/url?url=https://c.example/</link></item>"
		"<item><title>4</title><link>https://www.google.com/url?url=javascript:alert(1)</link></item>"
		"<item><title>5</title><link>/posts/5</link></item>"
		"<item><title>6</title><guid>https://g.example/6</guid></item>"
		"<item><title>7</title><guid isPermaLink=\"false\">https://g.example/7</guid></item>"
		"<item><title>8</title><link>  https://h.example/8\n  </link></item>");

	parse_with(&r, body, strlen(body), NULL, "https://feeds.example/dir/feed.xml", 200);
	T_INT(r.res.mentions.n, 8, "eight items");
	T_STR(FIELD(&r, 0, url), "https://a.example/p?x=1&y=2", "Google redirect unwrapped and decoded");
	T_STR(FIELD(&r, 1, url), "https://b.example/tr", "google.com.tr/url?q= unwrapped");
	T_STR(FIELD(&r, 2, url), "https://evil.example/url?url=https://c.example/", "other hosts untouched");
	T_STR(FIELD(&r, 3, url), "https://www.google.com/url?url=javascript:alert(1)", "non-http target not unwrapped");
	T_STR(FIELD(&r, 4, url), "https://feeds.example/posts/5", "relative link resolved against the feed URL");
	T_STR(FIELD(&r, 5, url), "https://g.example/6", "permalink guid is the link");
	T_STR(FIELD(&r, 6, url), NULL, "isPermaLink=false guid is not a link");
	T_STR(FIELD(&r, 7, url), "https://h.example/8", "link whitespace trimmed");
	T_STR(FIELD(&r, 4, id), "https://feeds.example/posts/5", "id falls back to the link");
	adapter_result_clear(&r.res);
	free(body);
}

static void test_fields(void)
{
	struct run r;
	char *body = rss_of(
		"<item><title>  Spaced\n\t title  </title><guid> g1 </guid>"
		"<description>short</description>"
		"<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
		"&lt;p&gt;The much longer body&lt;/p&gt;</content:encoded>"
		"<pubDate>Mon, 16 Nov 2026 10:00:00 +0300</pubDate>"
		"<dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2020-01-01</dc:date></item>"
		"<item><title>no date</title><guid>g2</guid><pubDate>soon</pubDate>"
		"<dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2026-11-01T00:00:00Z</dc:date></item>"
		"<item><title>x</title><description>same</description></item>"
		"<item><title>x</title><description>same</description></item>");

	parse_str(&r, body);
	T_STR(FIELD(&r, 0, title), "Spaced title", "title whitespace folded");
	T_STR(FIELD(&r, 0, id), "g1", "guid trimmed");
	T_STR(FIELD(&r, 0, text), "The much longer body", "longer body preferred");
	T_INT(item(&r, 0) ? item(&r, 0)->published_at : 0, time_parse("2026-11-16T07:00:00Z"), "pubDate before dc:date");
	T_INT(item(&r, 1) ? item(&r, 1)->published_at : 0, time_parse("2026-11-01T00:00:00Z"), "dc:date when pubDate is junk");
	T_OK(strncmp(S(FIELD(&r, 2, id)), "h:", 2) == 0, "hash id without guid and link");
	T_STR(FIELD(&r, 2, id), FIELD(&r, 3, id), "same title and text, same hash id");
	adapter_result_clear(&r.res);
	free(body);

	body = rss_of("<ITEM><Title>Shouting</Title><PubDate>Mon, 16 Nov 2026 10:00:00 GMT</PubDate><LINK>https://x.example/s</LINK></ITEM>");
	parse_str(&r, body);
	T_STR(FIELD(&r, 0, title), "Shouting", "element names in odd case (title)");
	T_STR(FIELD(&r, 0, url), "https://x.example/s", "element names in odd case (link)");
	T_INT(item(&r, 0) ? item(&r, 0)->published_at : 0, time_parse("2026-11-16T10:00:00Z"), "element names in odd case (pubDate)");
	adapter_result_clear(&r.res);
	free(body);

	body = rss_of("<item><guid>0</guid><title>a</title></item><item><guid>0</guid><title>b</title></item>"
	              "<item><guid>0</guid><title>b</title></item><item><guid>1</guid><title>c</title></item>");
	parse_str(&r, body);
	T_OK(r.res.mentions.n == 4 && strcmp(S(FIELD(&r, 0, id)), S(FIELD(&r, 1, id))) != 0 &&
	     strcmp(S(FIELD(&r, 0, id)), "0") == 0 && strncmp(S(FIELD(&r, 1, id)), "0#", 2) == 0,
	     "items sharing a guid get distinct ids; the first keeps the plain guid");
	T_STR(FIELD(&r, 1, id), FIELD(&r, 2, id), "identical copies keep one id");
	T_STR(FIELD(&r, 3, id), "1", "unique guids untouched");
	adapter_result_clear(&r.res);
	free(body);
}

static void test_speed(void)
{
	struct run r;
	struct buf b = {0};
	clock_t t0;
	double secs;
	int i;

	buf_puts(&b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>big</title>");
	for (i = 0; i < 5000; i++)
		buf_printf(&b, "<item><title>Item %d about Kestrel &amp; friends</title><link>https://x.example/%d</link>"
		           "<pubDate>Mon, 16 Nov 2026 10:%02d:00 GMT</pubDate><description>&lt;p&gt;Body &lt;b&gt;%d&lt;/b&gt; "
		           "with some words in it&lt;/p&gt;</description></item>", i, i, i % 60, i);
	buf_puts(&b, "</channel></rss>");
	t0 = clock();
	parse_str(&r, b.data);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	T_OK(r.rc == 0 && r.res.mentions.n == 5000, "5000 items parsed");
	T_OK(secs < 3.0, "5000 items (%zu KB) in %.3f s", b.len / 1024, secs);
	adapter_result_clear(&r.res);
	buf_free(&b);
}

int main(void)
{
	test_request();
	test_charsets();
	test_hostile();
	test_not_feeds();
	test_links();
	test_fields();
	test_speed();
		{
		struct adapter_result res;
		struct kvlist params = {0}, headers = {0};
		struct adapter_source src = {.name = "t", .params = &params, .now = 2000000000};
		const char *body = "<rss version=\"2.0\"/>";
		struct adapter_response resp = {.status = 200, .body = body, .len = strlen(body), .headers = &headers};
		char err[HARK_ERR_MAX] = "";
		memset(&res, 0, sizeof(res));
		T_INT(adapter_find("rss")->parse(&src, &resp, &res, err), -1, "<rss/> without a channel is a failed poll, not an empty success");
		T_OK(strstr(err, "no <channel>") != NULL, "saying so (%s)", err);
		adapter_result_clear(&res);
	}
	T_DONE();
}
