/* ebay.c - feedback left for an eBay seller (Trading API GetFeedback, an
 * XML POST). Newest first, no cursor: pages until a known FeedbackID.
 * CommentType Positive/Neutral/Negative becomes 5/3/1 stars. A Feedback
 * platform notification (the same response in a SOAP envelope) parses
 * too. The XML parser never touches the network; a DOCTYPE (entities) is
 * refused. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/text.h"
#include "helpers.h"
#include "params.h"
#include "hark/htime.h"

#define WHO "ebay"

static const struct adapter_param ebay_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API endpoint (default https://api.ebay.com/ws/api.dll; sandbox: https://api.sandbox.ebay.com/ws/api.dll)"},
	{"comment_type", 0, "only Positive, Neutral or Negative feedback (default all)"},
	{"compat_level", 0, "X-EBAY-API-COMPATIBILITY-LEVEL (default 1349)"},
	{"entries", 0, "feedback per page: 25, 50, 100 or 200 (default 200)"},
	{"feedback_type", 0, "FeedbackReceivedAsSeller (default), FeedbackReceivedAsBuyer, FeedbackReceived"},
	{"site_id", 0, "eBay site id, e.g. 0 (US), 3 (UK), 77 (DE) (default 0)"},
	{"token", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "OAuth user token (X-EBAY-API-IAF-TOKEN), e.g. ${EBAY_TOKEN}"},
	{"user_id", ADAPTER_PARAM_REQUIRED, "eBay user id of the seller"},
	{NULL, 0, NULL},
};

static int xml_escape_to(struct buf *b, const char *s)
{
	for (; *s; s++) {
		int rc;
		switch (*s) {
		case '&': rc = buf_puts(b, "&amp;"); break;
		case '<': rc = buf_puts(b, "&lt;"); break;
		case '>': rc = buf_puts(b, "&gt;"); break;
		case '"': rc = buf_puts(b, "&quot;"); break;
		default: rc = buf_putc(b, *s);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int ebay_build(const struct adapter_source *src, int page, struct adapter_request *req, char *err)
{
	const char *ct = adapter_param(src, "comment_type", NULL);
	struct buf *b = &req->body;

	if (adapter_request_set_url(req, adapter_param(src, "base_url", "https://api.ebay.com/ws/api.dll")) < 0 ||
	    !(req->method = xstrdup("POST")))
		return OOM(WHO, err);
	if (add_header(req, "X-EBAY-API-CALL-NAME", "GetFeedback", WHO, err) < 0 ||
	    add_header(req, "X-EBAY-API-SITEID", adapter_param(src, "site_id", "0"), WHO, err) < 0 ||
	    add_header(req, "X-EBAY-API-COMPATIBILITY-LEVEL", adapter_param(src, "compat_level", "1349"), WHO, err) < 0 ||
	    add_header(req, "X-EBAY-API-IAF-TOKEN", adapter_param(src, "token", ""), WHO, err) < 0 ||
	    add_header(req, "Content-Type", "text/xml; charset=utf-8", WHO, err) < 0)
		return -1;
	buf_reset(b);
	if (buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                "<GetFeedbackRequest xmlns=\"urn:ebay:apis:eBLBaseComponents\">\n  <UserID>") < 0 ||
	    xml_escape_to(b, adapter_param(src, "user_id", "")) < 0 ||
	    buf_puts(b, "</UserID>\n  <DetailLevel>ReturnAll</DetailLevel>\n  <FeedbackType>") < 0 ||
	    xml_escape_to(b, adapter_param(src, "feedback_type", "FeedbackReceivedAsSeller")) < 0 ||
	    buf_puts(b, "</FeedbackType>\n") < 0 ||
	    (ct && (buf_puts(b, "  <CommentType>") < 0 || xml_escape_to(b, ct) < 0 || buf_puts(b, "</CommentType>\n") < 0)) ||
	    buf_printf(b, "  <Pagination>\n    <EntriesPerPage>%d</EntriesPerPage>\n    <PageNumber>%d</PageNumber>\n"
	                  "  </Pagination>\n</GetFeedbackRequest>\n", atoi(adapter_param(src, "entries", "200")), page) < 0)
		return OOM(WHO, err);
	return 0;
}

static int ebay_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return ebay_build(src, 1, req, err);
}

static int is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Depth-first search for the first element called name. */
static xmlNodePtr find(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		xmlNodePtr f;
		if (is(n, name))
			return n;
		if ((f = find(n->children, name)))
			return f;
	}
	return NULL;
}

/* Trimmed text of the child element, caller frees; NULL when absent. */
static char *text_of(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = child(n, name);
	xmlChar *x;
	char *s;
	size_t a = 0, len;

	if (!c || !(x = xmlNodeGetContent(c)))
		return NULL;
	len = strlen((const char *)x);
	while (a < len && IS_SPACE(x[a]))
		a++;
	while (len > a && IS_SPACE(x[len - 1]))
		len--;
	s = xstrndup((const char *)x + a, len - a);
	xmlFree(x);
	return s;
}

static int ebay_rating(const char *type)
{
	if (str_eq(type, "Positive"))
		return 5;
	if (str_eq(type, "Neutral"))
		return 3;
	if (str_eq(type, "Negative"))
		return 1;
	return 0; /* Withdrawn, IndependentlyWithdrawn */
}

static int ebay_detail(xmlNodePtr d, struct adapter_result *out, char *err)
{
	struct mention *m;
	char *type, *time, *item;

	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	m->id = text_of(d, "FeedbackID");
	if (!m->id) {
		errf(err, WHO ": FeedbackDetail without FeedbackID: the response format has changed");
		return -1;
	}
	m->author = text_of(d, "CommentingUser");
	m->text = text_of(d, "CommentText");
	m->title = text_of(d, "ItemTitle");
	type = text_of(d, "CommentType");
	time = text_of(d, "CommentTime");
	item = text_of(d, "ItemID");
	m->rating = ebay_rating(type);
	m->published_at = time ? time_parse(time) : HARK_TIME_NONE;
	if (item && *item && set_printf(&m->url, "https://www.ebay.com/itm/%s", item) < 0) {
		free(type);
		free(time);
		free(item);
		return OOM(WHO, err);
	}
	free(type);
	free(time);
	free(item);
	if (!m->text && !(m->text = xstrdup("")))
		return OOM(WHO, err);
	return 0;
}

static int ebay_parse(const struct adapter_source *src, const struct adapter_response *resp,
                      struct adapter_result *out, char *err)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, r, arr, d;
	char *ack = NULL;
	int rc = -1;

	if (!resp->len || resp->len > 0x7fffffff) {
		errf(err, WHO ": empty response body");
		return -1;
	}
	{
		struct text_quiet q;
		text_quiet_begin(&q); /* libxml2 would print to stderr */
		doc = xmlReadMemory(resp->body, (int)resp->len, NULL, NULL,
		                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
		text_quiet_end(&q);
	}
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		char ex[160];
		body_excerpt(resp, ex, sizeof(ex));
		unexpected_body(WHO, resp, err, "not XML: %s", ex);
		goto done;
	}
	if (doc->intSubset || doc->extSubset) {
		/* eBay never sends a DTD; its entities could only be an attack */
		errf(err, WHO ": refusing an XML document with a DOCTYPE");
		goto done;
	}
	r = find(root, "GetFeedbackResponse");
	if (!r) {
		unexpected_body(WHO, resp, err, "not a GetFeedbackResponse (root <%s>)", (const char *)root->name);
		goto done;
	}
	ack = text_of(r, "Ack");
	if (str_eq(ack, "Failure") || str_eq(ack, "PartialFailure")) {
		xmlNodePtr e = child(r, "Errors");
		char *code = text_of(e, "ErrorCode"), *msg = text_of(e, "LongMessage");
		if (!msg)
			msg = text_of(e, "ShortMessage");
		errf(err, WHO ": API error %s: %s", code ? code : "?", msg ? msg : "(no message)");
		free(code);
		free(msg);
		goto done;
	}
	arr = child(r, "FeedbackDetailArray");
	for (d = arr ? arr->children : NULL; d; d = d->next)
		if (is(d, "FeedbackDetail") && ebay_detail(d, out, err) < 0)
			goto done;
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	{
		char *pages = text_of(child(r, "PaginationResult"), "TotalNumberOfPages");
		int total = pages ? atoi(pages) : 0;
		free(pages);
		if (arr && arr->children && src->page + 1 < total && adapter_param(src, "user_id", NULL)) {
			struct adapter_request next = {0};
			if (result_next_built(out, &next, ebay_build(src, src->page + 2, &next, err), WHO, err) < 0)
				goto done;
		}
	}
	rc = 0;
done:
	free(ack);
	xmlFreeDoc(doc);
	return rc;
}

static void ebay_checks(struct problems *pb)
{
	static const char *const comment_types[] = {"Positive", "Neutral", "Negative", NULL};
	static const char *const entries[] = {"25", "50", "100", "200", NULL};
	static const char *const feedback_types[] = {"FeedbackReceivedAsSeller", "FeedbackReceivedAsBuyer",
	                                             "FeedbackReceived", NULL};

	param_one_of(pb, "comment_type", comment_types);
	param_int(pb, "compat_level", 1, 99999);
	param_one_of(pb, "entries", entries);
	param_one_of(pb, "feedback_type", feedback_types);
	param_int(pb, "site_id", 0, 999);
}

static int ebay_check(const struct kvlist *params, char *err)
{
	return checks_first(ebay_checks, params, err);
}

static int ebay_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(ebay_checks, params, report, ctx);
}

const struct adapter adapter_ebay = {
	.name = "ebay",
	.summary = "feedback left for an eBay seller (Trading API GetFeedback, XML)",
	.params = ebay_params,
	.request = ebay_request,
	.parse = ebay_parse,
	.check = ebay_check,
	.check_all = ebay_check_all,
};
