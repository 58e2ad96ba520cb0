/* appstore.c - Apple App Store customer reviews, the JSON form of the
 * legacy RSS feed: .../{cc}/rss/customerreviews/page=N/id=APP/sortby=mostrecent/json.
 *
 * Every scalar is wrapped as {"label": ...}. Two shapes are seen: before
 * 2021 entries carry no "updated" (published_at stays null) and page 1
 * starts with an app-metadata entry (no im:rating, skipped); later entries
 * have "updated". "entry" may be an array, a single object or absent. The
 * feed has no since-cursor: pages 1..10 newest first, the poller stops at
 * known ids. Page 11 and beyond answer with a plain-text error. The XML
 * form of the same feed (Atom with im: elements) parses too, leniently:
 * copies saved from browsers are not well-formed. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "hark/text.h"
#include "helpers.h"
#include "params.h"
#include "hark/htime.h"

#define WHO "appstore"
#define APPSTORE_MAX_PAGES 10

static const struct adapter_param appstore_params[] = {
	{"app_id", ADAPTER_PARAM_REQUIRED, "numeric App Store id of the app (the digits after /id in its URL)"},
	{"base_url", ADAPTER_PARAM_URL, "feed host (default https://itunes.apple.com; tests point it at a local server)"},
	{"country", 0, "two-letter storefront code, e.g. us, gb, tr (default us)"},
	{"lang", 0, "language to record for every review, e.g. tr (the feed gives none)"},
	{"pages", 0, "deepest page to follow, 1..10 (default 10; Apple serves no more)"},
	{"sort", 0, "mostrecent (default) or mosthelpful"},
	{NULL, 0, NULL},
};

static int appstore_pages(const struct adapter_source *src)
{
	int n = atoi(adapter_param(src, "pages", "10"));

	return n < 1 ? 1 : n > APPSTORE_MAX_PAGES ? APPSTORE_MAX_PAGES : n;
}

static void appstore_checks(struct problems *pb)
{
	static const char *const sorts[] = {"mostrecent", "mosthelpful", NULL};
	const char *cc = param_value(pb, "country");

	param_digits(pb, "app_id", "the numeric App Store id (the digits after /id in the app's URL)");
	/* TR is read as tr (appstore_url); "turkey" is no storefront. */
	if (cc && (strlen(cc) != 2 || !IS_ALPHA(cc[0]) || !IS_ALPHA(cc[1])))
		problem(pb, "country", "country must be a two-letter storefront code such as us, gb or tr, not \"%s\"", cc);
	param_int(pb, "pages", 1, APPSTORE_MAX_PAGES);
	param_one_of(pb, "sort", sorts);
}

static int appstore_check(const struct kvlist *params, char *err)
{
	return checks_first(appstore_checks, params, err);
}

static int appstore_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(appstore_checks, params, report, ctx);
}

static int appstore_url(const struct adapter_source *src, int page, struct adapter_request *req, char *err)
{
	struct buf u = {0};
	char *cc = url_escape(adapter_param(src, "country", "us"));
	char *id = url_escape(adapter_param(src, "app_id", ""));
	char *sort = url_escape(adapter_param(src, "sort", "mostrecent"));
	int rc = -1;
	size_t i;

	for (i = 0; cc && cc[i]; i++) /* storefront codes are lower case: TR is tr */
		cc[i] = (char)TO_LOWER(cc[i]);
	if (!cc || !id || !sort)
		OOM(WHO, err);
	else if (url_start(&u, adapter_param(src, "base_url", "https://itunes.apple.com"), WHO, err) == 0) {
		if (buf_printf(&u, "/%s/rss/customerreviews/page=%d/id=%s/sortby=%s/json", cc, page, id, sort) < 0 ||
		    adapter_request_set_url(req, u.data) < 0)
			OOM(WHO, err);
		else
			rc = 0;
	}
	buf_free(&u);
	free(cc);
	free(id);
	free(sort);
	return rc;
}

static int appstore_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	if (!*adapter_param(src, "app_id", "")) {
		errf(err, WHO ": app_id is required");
		return -1;
	}
	return appstore_url(src, 1, req, err);
}

/* The page number in the feed's "last" link, 0 when unknown. */
static int appstore_last_page(json_t *feed)
{
	json_t *links = json_object_get(feed, "link"), *l;
	size_t i;

	json_array_foreach(links, i, l) {
		const char *rel = hj_str(l, "attributes.rel");
		const char *href = hj_str(l, "attributes.href");
		const char *p;
		if (!str_eq(rel, "last") || !href)
			continue;
		p = strstr(href, "page=");
		return p ? atoi(p + 5) : 0;
	}
	return 0;
}

static int appstore_entry(const struct adapter_source *src, json_t *e, struct adapter_result *out, char *err)
{
	struct mention *m;

	if (!json_is_object(e))
		return 0;
	if (!hj_get(e, "im:rating"))
		return 0; /* the app itself, listed first on old feeds */
	if (!hj_str(e, "id.label")) {
		errf(err, WHO ": review without an id: the feed format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, hj_str(e, "id.label")) < 0 ||
	    set_str(&m->author, hj_str(e, "author.name.label")) < 0 ||
	    set_str(&m->title, hj_str(e, "title.label")) < 0 ||
	    set_str(&m->text, hj_str(e, "content.label")) < 0)
		return OOM(WHO, err);
	m->rating = hj_rating(e, "im:rating.label");
	m->published_at = hj_time(e, "updated.label");
	set_lang(m, adapter_param(src, "lang", NULL));
	return 0;
}

/* Page N+1 when this page had reviews and the feed says there are more. */
static int appstore_offer_next(const struct adapter_source *src, struct adapter_result *out, size_t before, int last,
                               char *err)
{
	int page = src->page + 1;
	struct adapter_request next = {0};

	if (out->mentions.n == before || page >= appstore_pages(src) || (last > 0 && page >= last) ||
	    !*adapter_param(src, "app_id", ""))
		return 0;
	return result_next_built(out, &next, appstore_url(src, page + 1, &next, err), WHO, err);
}

static xmlNodePtr xchild(xmlNodePtr n, const char *name, const char *attr, const char *value)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c; c = c->next) {
		xmlChar *a;
		int match;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, name))
			continue;
		if (!attr)
			return c;
		a = xmlGetProp(c, (const xmlChar *)attr);
		match = a && !strcmp((const char *)a, value);
		xmlFree(a);
		if (match)
			return c;
	}
	return NULL;
}

static char *xtext(xmlNodePtr n)
{
	xmlChar *x = n ? xmlNodeGetContent(n) : NULL;
	char *s = x ? xstrdup((const char *)x) : NULL;

	xmlFree(x);
	return s;
}

/* The XML (Atom) form: entries with id, title, content[@type=text],
 * im:rating, updated, author/name. */
static int appstore_parse_xml(const struct adapter_source *src, const struct adapter_response *resp,
                              struct adapter_result *out, int *last, char *err)
{
	struct text_quiet q;
	xmlDocPtr doc;
	xmlNodePtr feed, e, l;
	int rc = -1;

	if (resp->len > 0x7fffffff) {
		errf(err, WHO ": response too large");
		return -1;
	}
	text_quiet_begin(&q);
	doc = xmlReadMemory(resp->body, (int)resp->len, NULL, NULL,
	                    XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	text_quiet_end(&q);
	feed = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!feed || strcmp((const char *)feed->name, "feed") || doc->intSubset) {
		unexpected_body(WHO, resp, err, "not a customer reviews feed (XML without <feed>)");
		goto done;
	}
	for (e = feed->children; e; e = e->next) {
		struct mention *m;
		char *rating, *updated;
		xmlNodePtr content;
		if (e->type != XML_ELEMENT_NODE || strcmp((const char *)e->name, "entry") || !xchild(e, "rating", NULL, NULL))
			continue; /* not an entry, or the app itself */
		if (!(m = result_add(out, WHO, err)))
			goto done;
		content = xchild(e, "content", "type", "text");
		m->id = xtext(xchild(e, "id", NULL, NULL));
		m->title = xtext(xchild(e, "title", NULL, NULL));
		m->text = xtext(content ? content : xchild(e, "content", NULL, NULL));
		m->author = xtext(xchild(xchild(e, "author", NULL, NULL), "name", NULL, NULL));
		rating = xtext(xchild(e, "rating", NULL, NULL));
		updated = xtext(xchild(e, "updated", NULL, NULL));
		m->rating = rating ? atoi(rating) : 0;
		m->published_at = updated ? time_parse(updated) : HARK_TIME_NONE;
		free(rating);
		free(updated);
		if (!m->id || !*m->id) {
			errf(err, WHO ": review without an id: the feed format has changed");
			goto done;
		}
		if (!m->text && !(m->text = xstrdup(""))) {
			OOM(WHO, err);
			goto done;
		}
		set_lang(m, adapter_param(src, "lang", NULL));
	}
	for (l = feed->children; l; l = l->next) {
		xmlChar *rel, *href;
		if (l->type != XML_ELEMENT_NODE || strcmp((const char *)l->name, "link"))
			continue;
		rel = xmlGetProp(l, (const xmlChar *)"rel");
		href = xmlGetProp(l, (const xmlChar *)"href");
		if (rel && href && !strcmp((const char *)rel, "last") && strstr((const char *)href, "page="))
			*last = atoi(strstr((const char *)href, "page=") + 5);
		xmlFree(rel);
		xmlFree(href);
	}
	rc = 0;
done:
	xmlFreeDoc(doc);
	return rc;
}

static int appstore_parse(const struct adapter_source *src, const struct adapter_response *resp,
                          struct adapter_result *out, char *err)
{
	json_t *root, *feed, *entries, *e;
	int page = src->page + 1, last = 0, rc = -1;
	size_t i, before = out->mentions.n;

	if (resp->len && mem_find(resp->body, resp->len < 200 ? resp->len : 200, "page depth")) {
		char ex[160];
		body_excerpt(resp, ex, sizeof(ex));
		errf(err, WHO ": Apple serves at most %d pages (page %d asked): %s", APPSTORE_MAX_PAGES, page, ex);
		return -1;
	}
	{
		size_t k = 0;
		while (k < resp->len && IS_SPACE(resp->body[k]))
			k++;
		if (k + 3 <= resp->len && !memcmp(resp->body + k, "\xEF\xBB\xBF", 3))
			k += 3;
		if (k < resp->len && resp->body[k] == '<' && (mem_find(resp->body, resp->len < 4096 ? resp->len : 4096,
		                                                        "itunes.apple.com/rss") ||
		                                               mem_find(resp->body, resp->len < 4096 ? resp->len : 4096, "<feed"))) {
			last = 0;
			if (appstore_parse_xml(src, resp, out, &last, err) < 0 || result_finish(src, out, WHO, err) < 0)
				return -1;
			return appstore_offer_next(src, out, before, last, err);
		}
	}
	root = hj_load(WHO, resp, err);
	if (!root)
		return -1;
	feed = json_object_get(root, "feed");
	if (!json_is_object(feed)) {
		unexpected_body(WHO, resp, err, "not a customer reviews feed (no \"feed\" object)");
		goto done;
	}
	entries = json_object_get(feed, "entry");
	if (json_is_array(entries)) {
		json_array_foreach(entries, i, e)
			if (appstore_entry(src, e, out, err) < 0)
				goto done;
	} else if (entries && appstore_entry(src, entries, out, err) < 0) {
		goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	last = appstore_last_page(feed);
	rc = appstore_offer_next(src, out, before, last, err);
done:
	json_decref(root);
	return rc;
}

const struct adapter adapter_appstore = {
	.name = "appstore",
	.summary = "Apple App Store customer reviews of one app in one storefront (JSON feed, 10 pages of 50)",
	.params = appstore_params,
	.request = appstore_request,
	.parse = appstore_parse,
	.check = appstore_check,
	.check_all = appstore_check_all,
};
