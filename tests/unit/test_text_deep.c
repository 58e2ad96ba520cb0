/* test_text_deep.c - text_from_html past libxml2's depth limit (BUGS.md
 * B3): the words are kept, the tag-stripping pass follows the same rules
 * as the parser (block breaks, dropped elements, entities), and hostile
 * shapes stay linear. Also text_quiet puts libxml2's handler back. */
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <time.h>

#include "hark/text.h"
#include "t.h"

/* n unclosed copies of tag, then tail. Caller frees. */
static char *nested(const char *head, const char *tag, size_t n, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(tag), zl = strlen(tail), i;
	char *s = malloc(hl + n * tl + zl + 1), *p;

	if (!s)
		return NULL;
	memcpy(s, head, hl);
	p = s + hl;
	for (i = 0; i < n; i++, p += tl)
		memcpy(p, tag, tl);
	memcpy(p, tail, zl + 1);
	return s;
}

static void check_deep(const char *head, const char *tag, size_t n, const char *tail, const char *want,
                       const char *what)
{
	char *in = nested(head, tag, n, tail);
	char *got = in ? text_from_html(in, strlen(in)) : NULL;

	T_STR(got, want, what);
	free(got);
	free(in);
}

static double seconds_for(const char *head, const char *tag, size_t n, const char *tail, char **out)
{
	char *in = nested(head, tag, n, tail);
	clock_t t0 = clock();

	*out = in ? text_from_html(in, strlen(in)) : NULL;
	free(in);
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static int calls;

static void counting_handler(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
	calls++;
}

int main(void)
{
	char *t;
	double secs;

	/* the repro of B3: 300 unclosed <b> (the parser stops at 256) */
	check_deep("before ", "<b>", 300, "acme", "before acme", "300 nested <b>: the words inside are kept");
	check_deep("<p>one</p>", "<span>", 260, "two <div>three</div>four", "one two three four",
	           "past the limit: block elements still break words, inline ones do not");
	check_deep("", "<div>", 300, "x<b>y</b>z", "xyz", "inline tags inside join their letters");
	check_deep("", "<i>", 300, "Fiyat&#305; &amp; kargo &ccedil;ok iyi &#x1F44D; &bogus; a&b",
	           "Fiyat\xc4\xb1 & kargo \xc3\xa7ok iyi \xf0\x9f\x91\x8d &bogus; a&b",
	           "entities decoded, unknown ones and a lone & kept as text");
	check_deep("", "<b>", 300, "a<script>var acme = '<p>';</script>b<style>p{}</style>c",
	           "abc", "script and style content dropped");
	check_deep("", "<b>", 300, "good<!-- acme <p> hidden -->bad", "goodbad", "comments dropped");
	check_deep("", "<b>", 300, "a<a title=\"x > y\" href='z>'>b</a>c", "abc", "a '>' in a quoted attribute ends no tag");
	check_deep("", "<b>", 300, "a <!DOCTYPE x><?php echo 1 ?>b", "a b", "declarations and PIs dropped");
	check_deep("", "<b>", 300, "a<o:p>b</o:p>c", "a b c", "a prefixed name is its local part (o:p is p)");
	check_deep("", "<b>", 300, "kept<!-- never closed", "kept", "an unclosed comment runs to the end");
	check_deep("", "<b>", 300, "kept<script>never closed", "kept", "an unclosed script runs to the end");
	check_deep("", "<b>", 300, "&#0;&#xD800;&#99999999999;", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	           "invalid character references become U+FFFD");
	check_deep("", "<b>", 256, "in", "in", "below the limit the parser reads it");

	/* 100k levels: the B3 report's description came out empty */
	secs = seconds_for("", "<div>", 100000, "acme", &t);
	T_STR(t, "acme", "100k nested <div>: the text comes out");
	T_OK(secs < 1.0, "100k nested <div> in %.3f s (< 1 s)", secs);
	free(t);
	/* shapes that would make a careless stripper quadratic */
	secs = seconds_for("<b>", "<b><script>", 50000, "x", &t);
	T_OK(t != NULL && secs < 1.0, "50k unclosed <script> in %.3f s (< 1 s)", secs);
	free(t);
	secs = seconds_for("", "<b><!--", 50000, "x", &t);
	T_OK(t != NULL && secs < 1.0, "50k unclosed comments in %.3f s (< 1 s)", secs);
	free(t);
	secs = seconds_for("", "<b><a title=\"", 50000, "x", &t);
	T_OK(t != NULL && secs < 1.0, "50k unclosed quotes in %.3f s (< 1 s)", secs);
	free(t);
	secs = seconds_for("", "<b>w<script></script>", 50000, "x", &t);
	T_OK(t != NULL && strlen(t) == 50001 && secs < 1.0, "50k closed scripts in %.3f s (< 1 s)", secs);
	free(t);
	/* double-escaped deep HTML: decoded once, then stripped */
	check_deep("", "&lt;b&gt;", 300, "acme", "acme", "escaped twice and deep: the words are kept");

	/* text_quiet: silent between begin and end, the old handler after */
	{
		struct text_quiet q;
		xmlSetGenericErrorFunc(NULL, counting_handler);
		text_quiet_begin(&q);
		xmlGenericError(xmlGenericErrorContext, "dropped\n");
		text_quiet_end(&q);
		T_INT(calls, 0, "nothing reaches the handler while quiet");
		xmlGenericError(xmlGenericErrorContext, "counted\n");
		T_INT(calls, 1, "the saved handler is back after text_quiet_end");
		xmlSetGenericErrorFunc(NULL, NULL);
	}
	T_DONE();
}
