/* test_config.c - hark.conf: keys, ${ENV}, durations, sizes, and every
 * error as FILE:LINE: message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "hark/adapter.h"
#include "hark/config.h"

static char path[] = "/tmp/hark-test-config-XXXXXX";

static int load(const char *text, struct config *cfg, struct buf *errors)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	buf_reset(errors);
	return config_load(path, cfg, errors);
}

static int has_error(const struct buf *errors, int line, const char *needle)
{
	char prefix[128];
	const char *p = errors->data ? errors->data : "";

	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	while ((p = strstr(p, prefix)) != NULL) {
		const char *eol = strchr(p, '\n');
		const char *hit = strstr(p, needle);
		if (hit && (!eol || hit < eol))
			return 1;
		p++;
	}
	return 0;
}

int main(void)
{
	struct config cfg;
	struct buf errors = {0};
	int fd = mkstemp(path);
	int n;

	close(fd);
	setenv("HARK_TEST_TOKEN", "s3cret", 1);

	n = load("; a comment\n"
	         "[hark]\n"
	         "database = data/hark.db\n"
	         "jobs = 4\n"
	         "timeout = 2m\n"
	         "max_body = 2M\n"
	         "\n"
	         "[brand acme]\n"
	         "keywords = acme, \"acme shoes\", #acme, @acmestore\n"
	         "exclude = \"acme corp\", wile coyote\n"
	         "languages = en, tr\n"
	         "\n"
	         "[source feed]\n"
	         "adapter = rss\n"
	         "url = https://example.com/feed?token=${HARK_TEST_TOKEN}\n"
	         "every = 15m\n"
	         "match = all\n", &cfg, &errors);
	T_INT(n, 0, "a valid config loads without errors");
	if (errors.len)
		printf("# %s", errors.data);
	T_INT(cfg.jobs, 4, "jobs");
	T_INT(cfg.timeout, 120, "timeout 2m is 120 s");
	T_INT(cfg.max_body, 2 << 20, "max_body 2M");
	T_OK(cfg.database && strstr(cfg.database, "/data/hark.db") && cfg.database[0] == '/',
	     "database resolves against the config's folder (%s)", cfg.database);
	T_INT(cfg.nbrands, 1, "one brand");
	T_INT(cfg.brands[0].nkeywords, 4, "four keywords");
	T_STR(cfg.brands[0].keywords[1], "acme shoes", "quoted phrase kept whole");
	T_STR(cfg.brands[0].keywords[2], "#acme", "#tag literal (not a comment)");
	T_INT(cfg.brands[0].nexclude, 2, "two exclusions");
	T_INT(cfg.sources[0].every, 900, "every 15m");
	T_INT(cfg.sources[0].match_all, 1, "match = all");
	T_STR(cfg.sources[0].brand, "acme", "the only brand is the default brand");
	T_STR(kvlist_get(&cfg.sources[0].params, "url"), "https://example.com/feed?token=s3cret",
	      "${ENV} expanded in adapter parameters");
	config_free(&cfg);

	n = load("[hark]\n"
	         "jobs = many\n"
	         "colour = blue\n"
	         "[brand acme]\n"
	         "keywords = acme\n"
	         "[source a]\n"
	         "adapter = nosuch\n"
	         "[source b]\n"
	         "adapter = rss\n"
	         "url = ftp://example.com/x\n"
	         "[source c]\n"
	         "adapter = rss\n"
	         "every = soon\n"
	         "[source d]\n"
	         "adapter = rss\n"
	         "url = https://example.com/${HARK_TEST_UNSET_VARIABLE}\n"
	         "flavour = x\n"
	         "[widget w]\n"
	         "x = 1\n"
	         "[source b]\n"
	         "adapter = rss\n"
	         "url = https://example.com/\n"
	         "this line has no equals sign\n", &cfg, &errors);
	T_OK(n >= 9, "every error is reported, not only the first (%d)", n);
	T_OK(has_error(&errors, 2, "jobs"), "bad number names its line");
	T_OK(has_error(&errors, 3, "unknown key 'colour'"), "unknown key in [hark]");
	T_OK(has_error(&errors, 7, "unknown adapter 'nosuch'"), "unknown adapter");
	T_OK(has_error(&errors, 10, "not an http"), "bad URL");
	T_OK(has_error(&errors, 11, "needs url"), "missing required parameter names the section line");
	T_OK(has_error(&errors, 13, "every"), "bad duration");
	T_OK(has_error(&errors, 16, "HARK_TEST_UNSET_VARIABLE"), "unset environment variable");
	T_OK(has_error(&errors, 17, "unknown key 'flavour'"), "unknown adapter parameter");
	T_OK(has_error(&errors, 18, "unknown section [widget w]"), "unknown section");
	T_OK(has_error(&errors, 20, "duplicate section"), "duplicate section");
	T_OK(has_error(&errors, 23, "syntax error"), "syntax error line");
	config_free(&cfg);

	/* a ${ENV} value quoted by an error is masked: here a whole URL
	 * that is not http(s) */
	setenv("HARK_TEST_URL", "ftp://user:pa55word@example.com/x", 1);
	n = load("[brand a]\nkeywords = a\n[source s]\nadapter = rss\nurl = ${HARK_TEST_URL}\n", &cfg, &errors);
	T_OK(n >= 1 && has_error(&errors, 5, "not an http"), "a bad URL from ${ENV} is an error");
	T_OK(errors.data && !strstr(errors.data, "pa55word") && strstr(errors.data, "***"),
	     "the ${ENV} value is masked in the error");
	config_free(&cfg);

	n = load("[brand a]\nkeywords = a\n[brand b]\nkeywords = b\n[source s]\nadapter = rss\nurl = file:///x\n",
	         &cfg, &errors);
	T_OK(n == 1 && has_error(&errors, 5, "needs brand"), "with two brands a source must name one");
	config_free(&cfg);

	n = load("[source s]\nadapter = rss\nurl = file:///x\nbrand = ghost\n", &cfg, &errors);
	T_OK(n >= 1 && has_error(&errors, 4, "unknown brand 'ghost'"), "unknown brand");
	config_free(&cfg);

	n = load("[brand a]\nkeywords = a\n[source s]\nadapter = rss\nurl = file:///x\n"
	         "[alert x]\ntype = file\npath = /tmp/x\nbrands = a, b\nsources = s, t\n", &cfg, &errors);
	T_OK(n == 2 && has_error(&errors, 9, "no [brand b]") && has_error(&errors, 10, "no [source t]"),
	     "an alert's brands and sources must exist");
	if (n != 2)
		printf("# %s", errors.data);
	config_free(&cfg);

	{
		FILE *fp = fopen(path, "w");
		fputs("[brand a]\nkeywords = a\n[source s]\nadapter = rss\nurl = https://x.example/${HARK_TEST_UNSET_VARIABLE}\n", fp);
		fclose(fp);
		buf_reset(&errors);
		n = config_load_flags(path, &cfg, &errors, CONFIG_ENV_OPTIONAL);
		T_INT(n, 0, "CONFIG_ENV_OPTIONAL: an unset ${ENV} is no error for read-only commands");
		T_STR(kvlist_get(&cfg.sources[0].params, "url"), "https://x.example/${HARK_TEST_UNSET_VARIABLE}",
		      "and the value is left as written");
		config_free(&cfg);
	}

	n = config_load("/nonexistent/hark.conf", &cfg, &errors);
	T_INT(n, -1, "unreadable file is -1");
	T_OK(errors.data && strstr(errors.data, "/nonexistent/hark.conf"), "and names the file");
	config_free(&cfg);

	buf_free(&errors);
	unlink(path);
	T_DONE();
}
