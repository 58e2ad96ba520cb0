/* html.c - any web page, mapped in the config with XPath: which nodes are
 * the items, and where each field sits inside an item (paths relative to
 * the item, e.g. ".//h2/a", "@data-id", "string(.//time/@datetime)").
 *
 * Parsed with libxml2's HTML parser (recovering, no network). An element
 * gives its text with block elements spaced; several nodes are joined by a
 * space; attributes and strings give their value. Links are resolved
 * against the page URL. An item path that matches nothing is an error
 * (a changed layout or an anti-bot page) unless allow_empty = yes. */
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"
#include "hark/htime.h"
#include "hark/text.h"

#define WHO "html"

static const struct adapter_param html_params[] = {
	{"allow_empty", 0, "yes: a page without items is a success (default: an error, the layout may have changed)"},
	{"auth", ADAPTER_PARAM_SECRET, "one secret request header, e.g. \"Cookie: ${SITE_COOKIE}\""},
	{"author", 0, "XPath of the author, relative to the item"},
	{"date", 0, "XPath of the date: RFC 3339/822, DD.MM.YYYY [HH:MM], \"12 Kasım 2026 14:30\", Unix seconds"},
	{"date_offset", 0, "UTC offset of dates written without a zone, e.g. +03:00 (default +00:00)"},
	{"headers", 0, "extra request headers, \"Name: value | Name: value\""},
	{"id", 0, "XPath of a unique id (default: the item's link, else a hash of title and text)"},
	{"item", ADAPTER_PARAM_REQUIRED, "XPath of the item nodes, e.g. //article[contains(@class,'complaint')]"},
	{"lang", 0, "language of every item, e.g. tr"},
	{"link", 0, "XPath of the item's link, e.g. .//a/@href"},
	{"next", 0, "XPath of the next page's link, from the page root, e.g. //a[@rel='next']/@href"},
	{"rating", 0, "XPath of the rating; the first number in it is used"},
	{"rating_scale", 0, "best rating on the page's scale, e.g. 10 or 100 (default 5)"},
	{"text", ADAPTER_PARAM_REQUIRED, "XPath of the text, relative to the item"},
	{"title", 0, "XPath of the title"},
	{"url", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_URL, "URL of the page"},
	{NULL, 0, NULL},
};

static int html_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	if (adapter_request_set_url(req, adapter_param(src, "url", "")) < 0)
		return OOM(WHO, err);
	return headers_from_params(src, req, WHO, err);
}

/* libxml2 prints XPath errors to stderr; adapters report through err. */
static xmlXPathCompExprPtr xpath_compile(const char *expr)
{
	struct text_quiet q;
	xmlXPathCompExprPtr c;

	text_quiet_begin(&q);
	c = xmlXPathCompile((const xmlChar *)expr);
	text_quiet_end(&q);
	return c;
}

static xmlXPathObjectPtr xpath_eval(const char *expr, xmlXPathContextPtr ctx)
{
	xmlXPathCompExprPtr c = xpath_compile(expr);
	struct text_quiet q;
	xmlXPathObjectPtr o;

	if (!c)
		return NULL;
	text_quiet_begin(&q);
	o = xmlXPathCompiledEval(c, ctx);
	text_quiet_end(&q);
	xmlXPathFreeCompExpr(c);
	return o;
}

/* +hh:mm or -hh:mm (+hh, +hhmm), at most 14 hours */
static int valid_offset(const char *s)
{
	if (*s != '+' && *s != '-')
		return 0;
	s++;
	if (!IS_DIGIT(s[0]) || !IS_DIGIT(s[1]))
		return 0;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = 0;
	s += 2;
	if (*s == ':')
		s++;
	if (*s) {
		if (!IS_DIGIT(s[0]) || !IS_DIGIT(s[1]) || s[2])
			return 0;
		m = (s[0] - '0') * 10 + (s[1] - '0');
	}
	return h <= 14 && m < 60;
}

static void html_checks(struct problems *pb)
{
	static const char *const keys[] = {"item", "text", "title", "author", "date", "rating", "link", "id", "next", NULL};
	const char *const *k;

	for (k = keys; *k; k++) {
		const char *x = param_value(pb, *k);
		xmlXPathCompExprPtr c;
		if (!x)
			continue;
		c = xpath_compile(x);
		if (!c)
			problem(pb, *k, "%s is not a valid XPath expression: %s", *k, x);
		xmlXPathFreeCompExpr(c);
	}
	param_positive(pb, "rating_scale");
	param_yes_no(pb, "allow_empty");
	param_lang(pb, "lang");
	const char *o = param_value(pb, "date_offset");
	if (o && !valid_offset(o))
		problem(pb, "date_offset", "date_offset: expected a UTC offset such as +03:00 or -05:00, got '%s'", o);
}

static int html_check(const struct kvlist *params, char *err)
{
	return checks_first(html_checks, params, err);
}

static int html_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(html_checks, params, report, ctx);
}

/* Text of one node: elements through the HTML-to-text converter (so block
 * elements and <br> separate words), everything else its content. */
static int node_text(xmlNodePtr n, struct buf *out)
{
	char *t = NULL;

	if (n->type == XML_ELEMENT_NODE) {
		xmlBufferPtr xb = xmlBufferCreate();
		if (!xb)
			return -1;
		struct text_quiet q;
		text_quiet_begin(&q);
		if (htmlNodeDump(xb, n->doc, n) >= 0)
			t = text_from_html((const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
		text_quiet_end(&q);
		xmlBufferFree(xb);
	} else {
		xmlChar *c = xmlNodeGetContent(n);
		if (c) {
			t = text_clean((const char *)c, strlen((const char *)c));
			xmlFree(c);
		}
	}
	if (!t)
		return 0;
	if (*t && ((out->len && buf_putc(out, ' ') < 0) || buf_puts(out, t) < 0)) {
		free(t);
		return -1;
	}
	free(t);
	return 0;
}

/* Evaluate expr at node; the text of the result, NULL when empty. */
static char *html_eval(xmlXPathContextPtr ctx, xmlNodePtr node, const char *expr, int *oom)
{
	xmlXPathObjectPtr o;
	struct buf b = {0};
	char *s;

	if (!expr || !*expr)
		return NULL;
	ctx->node = node;
	o = xpath_eval(expr, ctx);
	if (!o)
		return NULL;
	if (o->type == XPATH_NODESET) {
		int i;
		for (i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++)
			if (node_text(o->nodesetval->nodeTab[i], &b) < 0)
				*oom = 1;
	} else {
		xmlChar *c = xmlXPathCastToString(o);
		if (c) {
			char *t = text_clean((const char *)c, strlen((const char *)c));
			if (!t || buf_puts(&b, t) < 0)
				*oom = 1;
			free(t);
			xmlFree(c);
		}
	}
	xmlXPathFreeObject(o);
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	s = buf_detach(&b);
	if (!s)
		*oom = 1;
	return s;
}

static char *html_resolve(const char *link, const char *base)
{
	xmlChar *u;
	char *r;

	if (!base)
		return xstrdup(link);
	u = xmlBuildURI((const xmlChar *)link, (const xmlChar *)base);
	if (!u)
		return xstrdup(link);
	r = xstrdup((const char *)u);
	xmlFree(u);
	return r;
}

static int64_t parse_offset(const char *s)
{
	int sign = 1, h = 0, m = 0;

	if (!s || !*s)
		return 0;
	if (*s == '-')
		sign = -1;
	if (*s == '+' || *s == '-')
		s++;
	if (sscanf(s, "%d:%d", &h, &m) < 1)
		return 0;
	return sign * (h * 3600 + m * 60);
}

/* Whether a date string names its zone: Z, +hh, -hh or letters (GMT,
 * UTC, EST) after the time of day. Without a time there is no zone. */
static int has_zone(const char *s)
{
	const char *colon = strrchr(s, ':'), *p;

	if (!colon || !IS_DIGIT(colon[1]))
		return 0;
	if (colon > s + 2 && (colon[-3] == '+' || colon[-3] == '-')) /* "+03:00" is the zone */
		return 1;
	for (p = colon + 1; IS_DIGIT(*p) || *p == '.'; p++)
		;
	while (*p == ' ')
		p++;
	return *p == 'Z' || *p == 'z' || *p == '+' || *p == '-' || IS_ALPHA(*p);
}

/* Dates as pages write them (htime knows Turkish and English month names
 * and DD.MM.YYYY); a date without a zone is in the page's local time. */
static int64_t html_date(const char *s, int64_t offset)
{
	int64_t t = time_parse(s);

	if (t != HARK_TIME_NONE && !has_zone(s))
		t -= offset;
	return t;
}

static int html_rating(const char *s, double scale)
{
	const char *p = s;
	double v;

	while (*p && !IS_DIGIT(*p))
		p++;
	if (!*p)
		return 0;
	v = strtod(p, NULL);
	{
		/* "4,5" is a decimal comma */
		const char *q = p;
		while (IS_DIGIT(*q))
			q++;
		if (*q == ',' && IS_DIGIT(q[1]))
			v = atoi(p) + (q[1] - '0') / 10.0;
	}
	if (scale > 0 && scale != 5)
		v = v * 5 / scale;
	v = floor(v + 0.5);
	return v >= 1 && v <= 5 ? (int)v : 0;
}

static int html_item(const struct adapter_source *src, xmlXPathContextPtr ctx, xmlNodePtr node, const char *base,
                     struct adapter_result *out, char *err)
{
	struct mention *m = result_add(out, WHO, err);
	int oom = 0;
	char *link, *v;

	if (!m)
		return -1;
	m->title = html_eval(ctx, node, adapter_param(src, "title", NULL), &oom);
	m->text = html_eval(ctx, node, adapter_param(src, "text", NULL), &oom);
	m->author = html_eval(ctx, node, adapter_param(src, "author", NULL), &oom);
	link = html_eval(ctx, node, adapter_param(src, "link", NULL), &oom);
	if (link) {
		m->url = html_resolve(link, base);
		free(link);
		if (!m->url)
			oom = 1;
	}
	m->id = html_eval(ctx, node, adapter_param(src, "id", NULL), &oom);
	if (!m->id && m->url && set_str(&m->id, m->url) < 0)
		oom = 1;
	if ((v = html_eval(ctx, node, adapter_param(src, "rating", NULL), &oom))) {
		m->rating = html_rating(v, strtod(adapter_param(src, "rating_scale", "5"), NULL));
		free(v);
	}
	if ((v = html_eval(ctx, node, adapter_param(src, "date", NULL), &oom))) {
		m->published_at = html_date(v, parse_offset(adapter_param(src, "date_offset", NULL)));
		free(v);
	}
	if (!m->text && !(m->text = xstrdup("")))
		oom = 1;
	set_lang(m, adapter_param(src, "lang", NULL));
	return oom ? OOM(WHO, err) : 0;
}

/* ---- <meta> charset: a browser's prescan, simplified ----
 *
 * A page that gives no charset in its Content-Type may declare one in
 * <meta charset="windows-1254"> or <meta http-equiv="Content-Type"
 * content="text/html; charset=iso-8859-9">. libxml2 finds those too, but
 * its converter then stops at the first bad byte and drops the rest of the
 * page (BUGS.md B2); so the label is found here and the page decoded with
 * text_to_utf8 like an HTTP charset. As in the WHATWG prescan: comments
 * skipped, attributes read with their quotes, the first charset/http-equiv/
 * content of a meta counts, content's charset only with
 * http-equiv="content-type", and a UTF-16/32 label means UTF-8. A browser
 * looks at 1024 bytes and later switches on a meta it meets in <head>;
 * here the first 8 KiB are read (long heads with scripts first), and past
 * them libxml2 still follows a meta as before. */

#define PRESCAN_BYTES 8192

static int lower_eq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n && lit[i]; i++)
		if (TO_LOWER(s[i]) != lit[i])
			return 0;
	return i == n && !lit[i];
}

/* The attribute at p inside a tag: name and value spans; returns where
 * the next one starts. *nlen is 0 at the tag's '>' (returned) or when the
 * input ends (end returned). */
static const char *prescan_attr(const char *p, const char *end, const char **name, size_t *nlen,
                                const char **val, size_t *vlen)
{
	*nlen = *vlen = 0;
	*name = *val = p;
	while (p < end && (IS_SPACE(*p) || *p == '/'))
		p++;
	if (p >= end || *p == '>')
		return p;
	*name = p;
	do
		p++;
	while (p < end && !IS_SPACE(*p) && *p != '=' && *p != '>' && *p != '/');
	*nlen = (size_t)(p - *name);
	while (p < end && IS_SPACE(*p))
		p++;
	if (p >= end || *p != '=')
		return p;
	p++;
	while (p < end && IS_SPACE(*p))
		p++;
	if (p < end && (*p == '"' || *p == '\'')) {
		const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
		if (!q) {
			*nlen = 0;
			return end;
		}
		*val = p + 1;
		*vlen = (size_t)(q - p - 1);
		return q + 1;
	}
	*val = p;
	while (p < end && !IS_SPACE(*p) && *p != '>')
		p++;
	*vlen = (size_t)(p - *val);
	return p;
}

/* charset=... inside a content attribute (WHATWG "extracting a character
 * encoding from a meta element"). */
static int content_attr_charset(const char *s, size_t n, const char **cs, size_t *cslen)
{
	const char *p = s, *end = s + n;

	while (end - p >= 7) {
		const char *q;
		if (!lower_eq(p, 7, "charset")) {
			p++;
			continue;
		}
		q = p + 7;
		while (q < end && IS_SPACE(*q))
			q++;
		if (q >= end || *q != '=') {
			p = q;
			continue;
		}
		q++;
		while (q < end && IS_SPACE(*q))
			q++;
		if (q < end && (*q == '"' || *q == '\'')) {
			const char *c = memchr(q + 1, *q, (size_t)(end - q - 1));
			if (!c)
				return 0;
			*cs = q + 1;
			*cslen = (size_t)(c - q - 1);
		} else {
			*cs = q;
			while (q < end && !IS_SPACE(*q) && *q != ';')
				q++;
			*cslen = (size_t)(q - *cs);
		}
		return *cslen > 0;
	}
	return 0;
}

/* The charset of a Content-Type header (any case, spaces around '='),
 * NULL when none. */
static char *content_charset(const char *ct)
{
	const char *cs;
	size_t n = 0;

	if (!ct || !content_attr_charset(ct, strlen(ct), &cs, &n))
		return NULL;
	return xstrndup(cs, n);
}

/* The charset label a page's meta declares, into *out (caller frees;
 * NULL when none). -1 on OOM. */
static int meta_charset(const char *s, size_t len, char **out)
{
	const char *p = s, *end = s + (len < PRESCAN_BYTES ? len : PRESCAN_BYTES);

	*out = NULL;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = p + 1;
		if (end - q >= 3 && q[0] == '!' && q[1] == '-' && q[2] == '-') {
			for (q += 3; end - q >= 3 && memcmp(q, "-->", 3) != 0; q++)
				;
			p = end - q >= 3 ? q + 3 : end;
			continue;
		}
		if (end - q >= 5 && lower_eq(q, 4, "meta") && (IS_SPACE(q[4]) || q[4] == '/')) {
			const char *name, *val, *cs = NULL;
			size_t nlen, vlen, cslen = 0;
			int pragma = 0, need_pragma = -1, seen_he = 0, seen_ct = 0, seen_cs = 0;
			for (q += 4; (q = prescan_attr(q, end, &name, &nlen, &val, &vlen)), nlen;) {
				if (lower_eq(name, nlen, "http-equiv") && !seen_he) {
					seen_he = 1;
					pragma = lower_eq(val, vlen, "content-type");
				} else if (lower_eq(name, nlen, "content") && !seen_ct) {
					seen_ct = 1;
					if (!cs && content_attr_charset(val, vlen, &cs, &cslen))
						need_pragma = 1;
				} else if (lower_eq(name, nlen, "charset") && !seen_cs) {
					seen_cs = 1;
					if (vlen) {
						cs = val, cslen = vlen;
						need_pragma = 0;
					}
				}
			}
			if (cs && need_pragma >= 0 && (!need_pragma || pragma)) {
				while (cslen && IS_SPACE(*cs))
					cs++, cslen--;
				while (cslen && IS_SPACE(cs[cslen - 1]))
					cslen--;
				if (!cslen)
					return 0;
				if (cslen >= 6 && (lower_eq(cs, 6, "utf-16") || lower_eq(cs, 6, "utf-32")))
					cs = "utf-8", cslen = 5;
				*out = xstrndup(cs, cslen);
				return *out ? 0 : -1;
			}
			p = q;
			continue;
		}
		if (q < end && (IS_ALPHA(*q) || (*q == '/' && q + 1 < end && IS_ALPHA(q[1])))) {
			/* another tag: step over its attributes (a '>' in quotes) */
			const char *name, *val;
			size_t nlen, vlen;
			while (q < end && !IS_SPACE(*q) && *q != '>')
				q++;
			do
				q = prescan_attr(q, end, &name, &nlen, &val, &vlen);
			while (nlen);
			p = q;
			continue;
		}
		p = q;
	}
	return 0;
}

static int has_bom(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	return (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
	       (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)));
}

static int html_parse(const struct adapter_source *src, const struct adapter_response *resp,
                      struct adapter_result *out, char *err)
{
	const char *base = resp->url ? resp->url : adapter_param(src, "url", NULL);
	const char *item = adapter_param(src, "item", NULL);
	char *charset = content_charset(resp->content_type), *utf8 = NULL;
	size_t ulen = 0;
	htmlDocPtr doc = NULL;
	xmlXPathContextPtr ctx = NULL;
	xmlXPathObjectPtr items = NULL;
	int rc = -1, i, n, oom = 0;

	if (!item) {
		errf(err, WHO ": item (an XPath) is required");
		goto done;
	}
	if (check_http_status(WHO, resp, err) < 0)
		goto done;
	if (!resp->len) {
		errf(err, WHO ": empty response body");
		goto done;
	}
	/* No charset in the Content-Type: the one a <meta> declares, unless a
	 * byte order mark is there to say what the page is. */
	if (!charset && !has_bom(resp->body, resp->len) && meta_charset(resp->body, resp->len, &charset) < 0) {
		OOM(WHO, err);
		goto done;
	}
	/* Decode a declared charset here: libxml2's iconv path stops at the
	 * first bad byte and drops the rest of the page (BUGS.md B2). */
	if (charset && str_casecmp_ascii(charset, "utf-8") && str_casecmp_ascii(charset, "utf8") &&
	    resp->len <= INT32_MAX && !(utf8 = text_to_utf8(resp->body, resp->len, charset, &ulen))) {
		OOM(WHO, err);
		goto done;
	}
	if ((utf8 ? ulen : resp->len) > INT32_MAX) {
		errf(err, WHO ": page too large");
		goto done;
	}
	{
		struct text_quiet q;
		text_quiet_begin(&q); /* encoding complaints */
		doc = htmlReadMemory(utf8 ? utf8 : resp->body, (int)(utf8 ? ulen : resp->len), base,
		                     utf8 ? "UTF-8" : charset,
		                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		                             (utf8 || charset ? HTML_PARSE_IGNORE_ENC : 0));
		text_quiet_end(&q);
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		errf(err, WHO ": not an HTML page");
		goto done;
	}
	ctx = xmlXPathNewContext(doc);
	if (!ctx) {
		OOM(WHO, err);
		goto done;
	}
	items = xpath_eval(item, ctx);
	if (!items || items->type != XPATH_NODESET) {
		errf(err, WHO ": item is not an XPath that selects nodes: %s", item);
		goto done;
	}
	n = items->nodesetval ? items->nodesetval->nodeNr : 0;
	if (n == 0 && !str_eq(adapter_param(src, "allow_empty", "no"), "yes")) {
		char ex[120];
		xmlChar *title = NULL;
		xmlXPathObjectPtr t = xpath_eval("string(//title)", ctx);
		if (t)
			title = xmlXPathCastToString(t);
		body_excerpt(resp, ex, sizeof(ex));
		errf(err, WHO ": no items match %s (layout changed or blocked?); page title: \"%s\"", item,
		     title && *title ? (const char *)title : "(none)");
		xmlFree(title);
		xmlXPathFreeObject(t);
		goto done;
	}
	/* Items nested in items (unclosed tags, or a mapping that also matches
	 * the list around them) would each carry all the text below them:
	 * keep only the innermost. Ancestors of an item are marked first. */
	for (i = 0; i < n; i++) {
		xmlNodePtr p;
		for (p = items->nodesetval->nodeTab[i]->parent; p && p->type != XML_DOCUMENT_NODE &&
		     p->type != XML_HTML_DOCUMENT_NODE && !p->_private; p = p->parent)
			p->_private = (void *)p;
	}
	for (i = 0; i < n; i++) {
		if (items->nodesetval->nodeTab[i]->_private)
			continue;
		if (html_item(src, ctx, items->nodesetval->nodeTab[i], base, out, err) < 0)
			goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	if (n > 0) {
		char *next = html_eval(ctx, (xmlNodePtr)doc, adapter_param(src, "next", NULL), &oom);
		if (next) {
			struct adapter_request r = {0};
			char *u = html_resolve(next, base);
			free(next);
			if (!u) {
				OOM(WHO, err);
				goto done;
			}
			/* a link back to this very page would loop; "#" and
			 * javascript: links are no pages */
			if (strchr(u, '#'))
				*strchr(u, '#') = '\0';
			if (!(base && !strcmp(u, base)) && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8))) {
				int ok = 0;
				if (adapter_request_set_url(&r, u) < 0)
					OOM(WHO, err);
				else if (headers_from_params(src, &r, WHO, err) == 0 && result_next(out, &r, WHO, err) == 0)
					ok = 1;
				if (!ok) {
					adapter_request_clear(&r);
					free(u);
					goto done;
				}
			}
			free(u);
		}
		if (oom) {
			OOM(WHO, err);
			goto done;
		}
	}
	rc = 0;
done:
	xmlXPathFreeObject(items);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	free(charset);
	free(utf8);
	return rc;
}

const struct adapter adapter_html = {
	.name = "html",
	.summary = "any web page, mapped in the config with XPath (complaint sites, product reviews)",
	.params = html_params,
	.request = html_request,
	.parse = html_parse,
	.check = html_check,
	.check_all = html_check_all,
};
