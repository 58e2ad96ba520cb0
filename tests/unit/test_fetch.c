/* test_fetch.c - url_mask() and the parts of fetch_run() that need no
 * server (file://, refused jobs, options). The HTTP behaviour is covered by
 * tests/integration/test_fetch.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hark/fetch.h"
#include "t.h"

static const struct {
	const char *url, *want;
} mask_cases[] = {
	{ "https://example.com/feed.xml", "https://example.com/feed.xml" },
	{ "https://user:pass@example.com/x", "https://user:***@example.com/x" },
	{ "https://user:p%40ss@example.com:8443/x?y=1", "https://user:***@example.com:8443/x?y=1" },
	{ "https://ghp_token123@example.com/", "https://***@example.com/" },
	{ "https://example.com/a@b?c=d", "https://example.com/a@b?c=d" },
	{ "https://example.com/s?q=acme&key=AIza123&lang=tr", "https://example.com/s?q=acme&key=***&lang=tr" },
	{ "https://example.com/?API_KEY=1&ApiKey=2", "https://example.com/?API_KEY=***&ApiKey=***" },
	{ "https://example.com/?access_token=a&token=b&sig=c&signature=d",
	  "https://example.com/?access_token=***&token=***&sig=***&signature=***" },
	{ "https://example.com/?client_secret=e&password=f&auth=g&apikey=h",
	  "https://example.com/?client_secret=***&password=***&auth=***&apikey=***" },
	{ "https://example.com/?oauth_token=a&x-api-key=b&consumer_secret=c",
	  "https://example.com/?oauth_token=***&x-api-key=***&consumer_secret=***" },
	{ "https://example.com/?monkey=1&keyword=acme&authors=2", "https://example.com/?monkey=1&keyword=acme&authors=2" },
	{ "https://example.com/?key=&token", "https://example.com/?key=&token" },
	{ "https://example.com/?a=1;token=2#frag", "https://example.com/?a=1;token=***#frag" },
	{ "https://api.telegram.org/bot123456:AAE-xyz/sendMessage", "https://api.telegram.org/bot***/sendMessage" },
	{ "https://api.telegram.org/botfather/x", "https://api.telegram.org/botfather/x" },
	{ "https://hooks.slack.com/services/T0/B0/XXXX", "https://hooks.slack.com/services/***" },
	{ "https://discord.com/api/webhooks/1/abc?wait=true", "https://discord.com/api/webhooks/***?wait=true" },
	{ "file:///srv/feeds/a.xml", "file:///srv/feeds/a.xml" },
	{ "not a url?token=1", "not a url?token=***" },
	{ "", "" },
};

static void test_mask(void)
{
	size_t i;

	for (i = 0; i < sizeof(mask_cases) / sizeof(mask_cases[0]); i++) {
		char *m = url_mask(mask_cases[i].url);
		char what[256];
		snprintf(what, sizeof(what), "url_mask(%s)", mask_cases[i].url);
		T_STR(m, mask_cases[i].want, what);
		free(m);
	}
	T_OK(url_mask(NULL) == NULL, "url_mask(NULL) is NULL");
}

static void test_defaults(void)
{
	struct fetch_options o;

	fetch_options_default(&o);
	T_INT(o.per_host, 2, "default per_host 2");
	T_INT(o.max_redirects, 5, "default max_redirects 5");
	T_INT(o.max_body, 8 * 1024 * 1024, "default max_body 8 MiB");
	T_OK(o.jobs > 0 && o.timeout > 0 && o.connect_timeout > 0, "default jobs and timeouts set");
	T_OK(o.user_agent && strncmp(o.user_agent, "hark/", 5) == 0, "default User-Agent hark/VERSION");
	T_INT(fetch_run(&o, NULL, 0), 0, "no jobs is a success");
}

static void test_file(void)
{
	char path[] = "/tmp/hark-test-fetch-XXXXXX", url[64];
	struct fetch_options o;
	struct fetch_job jobs[6];
	struct kvlist bad = { 0 };
	const char *text = "<rss version=\"2.0\"></rss>\n";
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		T_SKIP("cannot write a temporary file");
		return;
	}
	close(fd);
	snprintf(url, sizeof(url), "file://%s", path);
	fetch_options_default(&o);
	memset(jobs, 0, sizeof(jobs));
	jobs[0].url = url;
	jobs[0].allow_file = 1;
	jobs[1].url = "";
	jobs[2].url = url;
	jobs[2].allow_file = 1;
	kvlist_add(&bad, "X-Bad", "a\r\nInjected: 1", 0);
	jobs[2].headers = &bad;
	jobs[3].url = "file:///nonexistent/hark/feed.xml";
	jobs[3].allow_file = 1;
	jobs[4].url = "example.com/feed.xml";
	jobs[5].url = url; /* not vouched for: e.g. a next-page link */
	T_INT(fetch_run(&o, jobs, 6), 0, "fetch_run with six jobs");
	T_OK(!jobs[0].failed && jobs[0].status == 200, "file:// read gives status 200");
	T_STR(jobs[0].body_out.data, text, "file:// body");
	T_OK(jobs[1].failed && strstr(jobs[1].error, "empty URL"), "empty URL fails: %s", jobs[1].error);
	T_OK(jobs[2].failed && strstr(jobs[2].error, "bad request header"), "header with CR LF refused: %s", jobs[2].error);
	T_OK(jobs[3].failed && jobs[3].body_out.len == 0, "missing file fails: %s", jobs[3].error);
	T_OK(jobs[4].failed && strstr(jobs[4].error, "scheme"), "no scheme guessing: %s", jobs[4].error);
	T_OK(jobs[5].failed && strstr(jobs[5].error, "configured URL") && jobs[5].body_out.len == 0,
	     "file:// without allow_file refused: %s", jobs[5].error);

	/* A job run twice: outputs of the first run are released, not leaked
	 * or mixed in. */
	o.max_body = 4;
	T_INT(fetch_run(&o, jobs, 1), 0, "fetch_run again");
	T_OK(jobs[0].failed && strstr(jobs[0].error, "larger than max_body (4 bytes)"),
	     "max_body applies to file:// too: %s", jobs[0].error);
	T_INT(jobs[0].body_out.len, 0, "no partial body kept on failure");
	fetch_job_clear(&jobs[0]);
	fetch_job_clear(&jobs[0]);
	T_OK(jobs[0].body_out.data == NULL && !jobs[0].failed && jobs[0].error[0] == '\0',
	     "fetch_job_clear resets and is idempotent");
	for (fd = 1; fd < 6; fd++)
		fetch_job_clear(&jobs[fd]);
	kvlist_free(&bad);
	unlink(path);
}

int main(void)
{
	test_mask();
	test_defaults();
	test_file();
	T_DONE();
}
