/* rss.c - RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 (and 0.3) feeds,
 * including Google Alerts (links wrapped in google.com/url?...&url=),
 * Google News (publisher from <source>), YouTube (media:description) and
 * FeedBurner (feedburner:origLink).
 *
 * Encoding: the body is turned into UTF-8 before libxml2 sees it. The
 * charset is the XML declaration's, else the HTTP charset, else UTF-8 with
 * stray 8-bit bytes read as Windows-1254. A UTF-8 BOM, or a body of valid
 * non-ASCII UTF-8, beats an 8-bit label; Windows-1254 (Turkish) text
 * labelled ISO-8859-1 is recognised and read as such.
 *
 * Markup: HTML entities that XML does not know (&nbsp;) become character
 * references and a bare '&' becomes &amp; so that real-world feeds parse.
 * libxml2 then runs with the network off, without entity substitution, DTD
 * loading or the HUGE option (its depth and amplification limits stay on),
 * and with no external entity resolver at all: entity references stay
 * unexpanded nodes, which this file never reads.
 *
 * Broken documents: errors inside a complete document are recovered from.
 * A document that ends early is accepted only when the input simply ran
 * out after complete items (feeds missing </rss>); one that ends inside an
 * <item>/<entry> or before any is "truncated", and one the parser gave up
 * on (entity loop, excessive depth) is "broken": both fail the poll, as do
 * HTML pages, other XML roots and bodies that are not XML at all. */
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h> /* xmlCreateMemoryParserCtxt */
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

/* libxml2's own IS_* macros take code points; ours below take bytes. */
#undef IS_DIGIT
#undef IS_SPACE
#undef IS_ALPHA

#include "helpers.h"
#include "hark/htime.h"
#include "hark/text.h"

#define WHO "rss"

static const struct adapter_param rss_params[] = {
	{"url", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_URL, "feed URL (http, https or file)"},
	{NULL, 0, NULL},
};

static const char NS_ATOM[] = "http://www.w3.org/2005/Atom";
static const char NS_ATOM03[] = "http://purl.org/atom/ns#";
static const char NS_RDF[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
static const char NS_RSS1[] = "http://purl.org/rss/1.0/";
static const char NS_RSS090[] = "http://my.netscape.com/rdf/simple/0.9/";
static const char NS_RSS_USERLAND[] = "http://backend.userland.com/rss2";
static const char NS_DC[] = "http://purl.org/dc/elements/1.1/";
static const char NS_CONTENT[] = "http://purl.org/rss/1.0/modules/content/";
static const char NS_MEDIA[] = "http://search.yahoo.com/mrss/";
static const char NS_FEEDBURNER[] = "http://rssnamespace.org/feedburner/ext/1.0";

static int rss_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	if (adapter_request_set_url(req, adapter_param(src, "url", "")) < 0)
		return OOM(WHO, err);
	return 0;
}

/* ---- before the parser ---- */

static int ascii_prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (TO_LOWER(*s) != *prefix)
			return 0;
	return 1;
}

/* charset="..." of a Content-Type value into out ("" when none). */
static void http_charset(const char *ctype, char *out, size_t n)
{
	const char *p = ctype;
	size_t o = 0;

	out[0] = '\0';
	while (p && (p = strchr(p, ';')) != NULL) {
		p++;
		while (IS_SPACE(*p))
			p++;
		if (ascii_prefix_ci(p, "charset=")) {
			p += 8;
			if (*p == '"' || *p == '\'')
				p++;
			while (*p && *p != '"' && *p != '\'' && *p != ';' && !IS_SPACE(*p) && o + 1 < n)
				out[o++] = *p++;
			out[o] = '\0';
			return;
		}
	}
}

/* encoding="..." of the XML declaration at the start of s into out. */
static void declared_charset(const char *s, size_t len, char *out, size_t n)
{
	const char *end, *p;
	size_t o = 0;

	out[0] = '\0';
	if (len < 6 || memcmp(s, "<?xml", 5) != 0)
		return;
	end = mem_find(s, len < 512 ? len : 512, "?>");
	if (!end)
		return;
	p = mem_find(s, (size_t)(end - s), "encoding");
	if (!p)
		return;
	p += 8;
	while (p < end && (IS_SPACE(*p) || *p == '='))
		p++;
	if (p < end && (*p == '"' || *p == '\''))
		p++;
	while (p < end && *p != '"' && *p != '\'' && !IS_SPACE(*p) && o + 1 < n)
		out[o++] = *p++;
	out[o] = '\0';
}

static int single_byte_charset(const char *cs)
{
	static const char *const prefixes[] = {"iso-8859", "iso8859", "iso_8859", "latin", "windows-125",
	                                       "cp125", "cp8", "koi8", "us-ascii", "ascii", "l1", "l5", NULL};
	size_t i;

	for (i = 0; cs[0] && prefixes[i]; i++)
		if (ascii_prefix_ci(cs, prefixes[i]))
			return 1;
	return 0;
}

/* Labels that say Latin-1 / Windows-1252. */
static int latin1_label(const char *cs)
{
	static const char *const names[] = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
	                                    "l1", "windows-1252", "cp1252", "us-ascii", "ascii", NULL};
	size_t i;

	for (i = 0; names[i]; i++)
		if (str_casecmp_ascii(cs, names[i]) == 0)
			return 1;
	return 0;
}

/* The two letters of the first <language>, <dc:language> or xml:lang in
 * the raw body, lower case, or "" (cheap: before any parsing). */
static void raw_lang_hint(const char *s, size_t len, char out[3])
{
	static const char *const marks[] = {"<language>", "<dc:language>", "xml:lang=\"", "xml:lang='", NULL};
	size_t i, n = len < 65536 ? len : 65536;

	out[0] = '\0';
	for (i = 0; marks[i]; i++) {
		const char *p = mem_find(s, n, marks[i]);
		if (!p)
			continue;
		p += strlen(marks[i]);
		while (p < s + n && IS_SPACE(*p))
			p++;
		if (p + 2 <= s + n && IS_ALPHA(p[0]) && IS_ALPHA(p[1]) && (p + 2 == s + n || !IS_ALPHA(p[2]))) {
			out[0] = (char)TO_LOWER(p[0]);
			out[1] = (char)TO_LOWER(p[1]);
			out[2] = '\0';
			return;
		}
	}
}

/* Turkish sites often label Windows-1254 text as ISO-8859-1. The two differ
 * in six letters (Ğ İ Ş ğ ı ş against Ð Ý Þ ð ý þ), which in Latin-1 are
 * Icelandic. The feed's language decides when it says; else Icelandic text
 * is told apart by its á í ó ú é æ, Turkish by its ç and ü. */
static int looks_turkish_8bit(const char *s, size_t len)
{
	size_t i, six = 0, tr = 0, is = 0;
	char lang[3];

	raw_lang_hint(s, len, lang);
	if (lang[0])
		return strcmp(lang, "tr") == 0 || strcmp(lang, "az") == 0;
	for (i = 0; i < len; i++) {
		switch ((unsigned char)s[i]) {
		case 0xD0: case 0xDD: case 0xDE: case 0xF0: case 0xFD: case 0xFE:
			six++;
			break;
		case 0xE7: case 0xC7: case 0xFC: case 0xDC:
			tr++;
			break;
		case 0xE1: case 0xED: case 0xF3: case 0xFA: case 0xE9: case 0xE6:
		case 0xC1: case 0xCD: case 0xD3: case 0xDA: case 0xC9: case 0xC6:
			is++;
			break;
		}
	}
	return six > 0 && six + tr > 2 * is;
}

static int has_non_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

static size_t skip_bom_space(const char *s, size_t len)
{
	size_t i = 0;

	for (;;) {
		if (len - i >= 3 && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0)
			i += 3;
		else if (i < len && IS_SPACE(s[i]))
			i++;
		else
			return i;
	}
}

/* Room for n more bytes in b without growing it again. */
static int buf_reserve(struct buf *b, size_t n)
{
	char *p;

	if (n > SIZE_MAX - b->len - 1)
		return -1;
	if (b->len + n + 1 <= b->cap)
		return 0;
	p = realloc(b->data, b->len + n + 1);
	if (!p)
		return -1;
	p[b->len] = '\0';
	b->data = p;
	b->cap = b->len + n + 1;
	return 0;
}

/* Bytes where a run of ordinary text ends: 1 for the control characters
 * XML never allows, 2 for '<' and '&'. */
static const unsigned char markup_stop[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, /* \t \n \r allowed */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* & */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, /* < */
};

/* A control character XML never allows. */
static int is_xml_forbidden(char ch)
{
	return markup_stop[(unsigned char)ch] == 1;
}

/* Copy from p up to and including the terminator (or to the end). */
static const char *copy_through(struct buf *b, const char *p, const char *end, const char *term, int *rc)
{
	const char *q = mem_find(p, (size_t)(end - p), term);
	const char *stop = q ? q + strlen(term) : end;

	while (p < stop) {
		const char *r = p;
		while (r < stop && !is_xml_forbidden(*r))
			r++;
		if (r > p && buf_append(b, p, (size_t)(r - p)) < 0)
			*rc = -1;
		p = r < stop ? r + 1 : r; /* forbidden control characters are dropped */
	}
	return stop;
}

/* Make real-world markup well-formed where that is unambiguous: HTML named
 * entities become character references, a bare '&' becomes &amp;, control
 * characters XML forbids are dropped. CDATA, comments and processing
 * instructions are copied as they are. */
static int repair_markup(const char *s, size_t len, struct buf *b)
{
	const char *p = s, *end = s + len;
	int rc = 0;

	if (buf_reserve(b, len + len / 16 + 64) < 0) /* room for the whole body at once */
		return -1;
	while (p < end && rc == 0) {
		unsigned char c = (unsigned char)*p;

		if (c == '<' && end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			p = copy_through(b, p, end, "]]>", &rc);
		} else if (c == '<' && end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = copy_through(b, p, end, "-->", &rc);
		} else if (c == '<' && end - p >= 2 && p[1] == '?') {
			p = copy_through(b, p, end, "?>", &rc);
		} else if (c == '&') {
			const char *q = p + 1;
			if (q < end && *q == '#') { /* the body need not end in a NUL */
				q++;
				if (q < end && (*q == 'x' || *q == 'X'))
					q++;
				while (q < end && (IS_DIGIT(*q) || (IS_ALPHA(*q) && TO_LOWER(*q) <= 'f')))
					q++;
			} else {
				while (q < end && (IS_ALPHA(*q) || IS_DIGIT(*q) || *q == '.' || *q == '-' || *q == '_'))
					q++;
			}
			if (q < end && *q == ';' && q > p + 1 && IS_ALPHA(p[1])) {
				char name[40];
				size_t n = (size_t)(q - p - 1);
				const htmlEntityDesc *e;
				if (n < sizeof(name)) {
					memcpy(name, p + 1, n);
					name[n] = '\0';
				} else {
					name[0] = '\0';
				}
				if (strcmp(name, "amp") && strcmp(name, "lt") && strcmp(name, "gt") &&
				    strcmp(name, "quot") && strcmp(name, "apos") &&
				    (e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
					if (buf_printf(b, "&#%u;", e->value) < 0)
						rc = -1;
				} else if (buf_append(b, p, (size_t)(q + 1 - p)) < 0) {
					rc = -1;
				}
				p = q + 1;
			} else if (q < end && *q == ';' && p[1] == '#' && q > p + 2) {
				if (buf_append(b, p, (size_t)(q + 1 - p)) < 0)
					rc = -1;
				p = q + 1;
			} else {
				if (buf_puts(b, "&amp;") < 0)
					rc = -1;
				p++;
			}
		} else if (is_xml_forbidden(*p)) {
			p++; /* dropped */
		} else { /* a run of ordinary bytes (a '<' of a tag is one) */
			const char *r = p + 1;
			while (r < end && !markup_stop[(unsigned char)*r])
				r++;
			if (buf_append(b, p, (size_t)(r - p)) < 0)
				rc = -1;
			p = r;
		}
	}
	return rc;
}

/* The start of a (UTF-8) body as one clean line for an error message. */
static void excerpt(const char *s, size_t len, char *out, size_t n)
{
	size_t take = len < 300 ? len : 300, l;
	char *c;

	while (take < len && take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80)
		take--; /* do not cut a character */
	c = text_clean(s, take);
	l = c ? strlen(c) : 0;
	if (l + 1 > n) { /* too long: end on a character boundary, say so */
		l = n - 4;
		while (l > 0 && ((unsigned char)c[l] & 0xC0) == 0x80)
			l--;
		memcpy(out, c, l);
		memcpy(out + l, "...", 4);
	} else {
		memcpy(out, c ? c : "", l + 1);
	}
	free(c);
}

/* ---- the parser, watched: which elements closed ---- */

struct watch {
	int depth;
	int root_closed;
	long items_started, items_closed;
	char open_item[16]; /* name of the item element being parsed, "" if none */
};

static int is_item_name(const xmlChar *name)
{
	return xmlStrEqual(name, (const xmlChar *)"item") || xmlStrEqual(name, (const xmlChar *)"entry");
}

static void watch_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                        int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                        const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct watch *w = ctxt->_private;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
	                      nb_defaulted, attributes);
	w->depth++;
	if (is_item_name(localname)) {
		w->items_started++;
		snprintf(w->open_item, sizeof(w->open_item), "%s", (const char *)localname);
	}
}

static void watch_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct watch *w = ctxt->_private;

	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (--w->depth == 0)
		w->root_closed = 1;
	if (is_item_name(localname)) {
		w->items_closed++;
		w->open_item[0] = '\0';
	}
}

/* rss, channel, item, feed, entry, RDF at their places at the top of a
 * feed (within three levels of the document). Nothing reads the text
 * directly inside them, only their child elements. */
static int is_container(xmlNodePtr n)
{
	static const char *const names[] = {"rss", "channel", "item", "feed", "entry", "RDF", NULL};
	int level, i;

	for (level = 0; level < 3; level++) {
		if (!n || n->type == XML_DOCUMENT_NODE)
			return level > 0;
		if (n->type != XML_ELEMENT_NODE || !n->name)
			return 0;
		for (i = 0; names[i] && strcmp((const char *)n->name, names[i]) != 0; i++)
			;
		if (!names[i])
			return 0;
		n = n->parent;
	}
	return !n || n->type == XML_DOCUMENT_NODE;
}

/* The indentation between a container's child elements is never read:
 * no text node for it (a third of a feed's nodes). */
static void watch_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	int i;

	for (i = 0; i < len && (ch[i] == ' ' || ch[i] == '\n' || ch[i] == '\t' || ch[i] == '\r'); i++)
		;
	if (i == len && ctxt->node && is_container(ctxt->node))
		return;
	xmlSAX2Characters(ctx, ch, len);
}

/* External entities and DTDs are never fetched, whatever the options say. */
static xmlParserInputPtr no_entity_loader(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
	(void)ctx;
	(void)public_id;
	(void)system_id;
	return NULL;
}

static void no_external_subset(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	(void)ctx;
	(void)name;
	(void)external_id;
	(void)system_id;
}

/* Errors that mean "the input ended before the document did". */
static int premature_end(int code)
{
	return code == XML_ERR_TAG_NOT_FINISHED || code == XML_ERR_DOCUMENT_END ||
	       code == XML_ERR_LTSLASH_REQUIRED || code == XML_ERR_GT_REQUIRED ||
	       code == XML_ERR_TAG_NAME_MISMATCH || code == XML_ERR_NAME_REQUIRED ||
	       code == XML_ERR_LT_IN_ATTRIBUTE || code == XML_ERR_ATTRIBUTE_NOT_FINISHED ||
	       code == XML_ERR_ATTRIBUTE_WITHOUT_VALUE || code == XML_ERR_LITERAL_NOT_FINISHED ||
	       code == XML_ERR_CDATA_NOT_FINISHED || code == XML_ERR_COMMENT_NOT_FINISHED ||
	       code == XML_ERR_SPACE_REQUIRED || code == XML_ERR_DOCUMENT_EMPTY ||
	       code == XML_ERR_EQUAL_REQUIRED || code == XML_ERR_ENTITYREF_SEMICOL_MISSING;
}

static void xml_error_text(const xmlError *e, char *out, size_t n)
{
	size_t l;

	char *p;

	snprintf(out, n, "%s", e && e->message ? e->message : "unknown error");
	for (p = out; *p; p++) /* one line, whatever libxml2 put in */
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	l = strlen(out);
	while (l && out[l - 1] == ' ')
		out[--l] = '\0';
}

enum feed_kind { FEED_NONE, FEED_RSS, FEED_ATOM };

/* rss (0.9x/2.0), rdf:RDF (RSS 0.90/1.0) or feed (Atom). */
static enum feed_kind feed_kind(xmlNodePtr root)
{
	const char *name = (const char *)root->name;

	if (!str_casecmp_ascii(name, "rss") || !strcmp(name, "RDF"))
		return FEED_RSS;
	if (!strcmp(name, "feed"))
		return FEED_ATOM;
	return FEED_NONE;
}

static xmlDocPtr parse_xml(const char *s, size_t len, char *err)
{
	xmlParserCtxtPtr ctxt;
	struct watch w;
	struct text_quiet quiet;
	xmlDocPtr doc;
	char msg[300];
	const xmlError *e;
	int line, code;

	if (len > INT32_MAX) {
		errf(err, WHO ": feed too large (%zu bytes)", len);
		return NULL;
	}
	ctxt = xmlCreateMemoryParserCtxt(s, (int)len);
	if (!ctxt) {
		OOM(WHO, err);
		return NULL;
	}
	memset(&w, 0, sizeof(w));
	ctxt->_private = &w;
	ctxt->sax->startElementNs = watch_start;
	ctxt->sax->endElementNs = watch_end;
	ctxt->sax->resolveEntity = no_entity_loader;
	ctxt->sax->externalSubset = no_external_subset;
	if (ctxt->sax->characters == xmlSAX2Characters && ctxt->sax->ignorableWhitespace == xmlSAX2Characters)
		ctxt->sax->characters = ctxt->sax->ignorableWhitespace = watch_characters;
	/* Deliberately absent: XML_PARSE_NOENT (substitution), DTDLOAD,
	 * DTDATTR, DTDVALID, XINCLUDE and HUGE (keeps the depth and size
	 * limits). The body is UTF-8 by now: ignore the declared encoding. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
	                        XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                        XML_PARSE_COMPACT);
	/* A body that looks like UCS-4 or UTF-16 makes libxml2 switch encoding
	 * whatever the options say, and a failed conversion is printed by the
	 * generic error handler, NOERROR or not; lastError still has it. */
	text_quiet_begin(&quiet);
	xmlParseDocument(ctxt);
	text_quiet_end(&quiet);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	e = &ctxt->lastError;
	xml_error_text(e, msg, sizeof(msg));
	line = e->line;
	code = e->code;
	xmlFreeParserCtxt(ctxt);

	if (!doc || !xmlDocGetRootElement(doc)) {
		char ex[120];
		excerpt(s, len, ex, sizeof(ex));
		errf(err, WHO ": not a feed: not XML (line %d: %s): %s", line, msg, ex);
		goto fail;
	}
	if (w.root_closed)
		return doc; /* recovered errors inside a complete document are fine */
	if (feed_kind(xmlDocGetRootElement(doc)) == FEED_NONE)
		return doc; /* an HTML page or other XML: the caller names its root */
	if (!premature_end(code)) {
		/* stopped by something other than the end of the input: an
		 * entity loop, excessive depth, a fatal encoding error */
		errf(err, WHO ": broken feed (line %d: %s)", line, msg);
		goto fail;
	}
	if (w.items_started == 0) {
		errf(err, WHO ": truncated feed: the document ends before any item (line %d)", line);
		goto fail;
	}
	if (w.items_closed < w.items_started) {
		errf(err, WHO ": truncated feed: the document ends inside <%s> number %ld (line %d)",
		     w.open_item[0] ? w.open_item : "item", w.items_started, line);
		goto fail;
	}
	return doc; /* cut after the last complete item: keep what is there */
fail:
	if (doc)
		xmlFreeDoc(doc);
	return NULL;
}

/* ---- reading the tree ---- */

static const char *ns_of(xmlNodePtr n)
{
	return n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

/* A feed-vocabulary element: no namespace or one of the feed formats' own. */
static int is_core(xmlNodePtr n, const char *name)
{
	const char *ns;

	/* Case-insensitive: hand-written feeds have <pubdate> and <Title>.
	 * (The names asked for start with a lower-case letter: a quick
	 * first test.) */
	if (n->type != XML_ELEMENT_NODE || !n->name || TO_LOWER(n->name[0]) != name[0] ||
	    str_casecmp_ascii((const char *)n->name, name) != 0)
		return 0;
	ns = ns_of(n);
	return !ns || !strcmp(ns, NS_ATOM) || !strcmp(ns, NS_ATOM03) || !strcmp(ns, NS_RSS1) ||
	       !strcmp(ns, NS_RSS090) || !strcmp(ns, NS_RSS_USERLAND);
}

static int is_ns(xmlNodePtr n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 && ns_of(n) &&
	       strcmp(ns_of(n), ns) == 0;
}

static xmlNodePtr core_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr c;

	for (c = parent ? parent->children : NULL; c; c = c->next)
		if (is_core(c, name))
			return c;
	return NULL;
}

/* Text and CDATA below n, in document order. Entity references are not
 * followed (no expansion, ever). */
static int collect_text(xmlNodePtr n, struct buf *b, int depth)
{
	xmlNodePtr c;

	if (depth > 64)
		return 0;
	for (c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			if (buf_puts(b, (const char *)c->content) < 0)
				return -1;
		} else if (c->type == XML_ELEMENT_NODE && collect_text(c, b, depth + 1) < 0) {
			return -1;
		}
	}
	return 0;
}

/* The text of n (caller frees), "" when empty; NULL on OOM. */
static char *node_text(xmlNodePtr n)
{
	struct buf b = {0};
	xmlNodePtr c = n->children;

	if (c && !c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
		return xstrdup((const char *)c->content); /* the common case: one text node */

	if (collect_text(n, &b, 0) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int has_element_child(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* The markup inside n as a string: unescaped HTML dropped into the feed
 * (<description><p>..</p></description>) or Atom's xhtml div. */
static char *node_markup(xmlDocPtr doc, xmlNodePtr n)
{
	xmlBufferPtr xb;
	xmlNodePtr c;
	char *s = NULL;

	if (!has_element_child(n))
		return node_text(n);
	xb = xmlBufferCreate();
	if (!xb)
		return NULL;
	for (c = n->children; c; c = c->next)
		if (xmlNodeDump(xb, doc, c, 0, 0) < 0)
			goto done;
	s = xstrndup((const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
done:
	xmlBufferFree(xb);
	return s;
}

enum text_kind { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML, TEXT_SKIP };

/* Atom text constructs say what they hold; RSS elements are HTML. */
static enum text_kind text_kind_of(xmlNodePtr n)
{
	xmlChar *t;
	enum text_kind k;
	const char *ns = ns_of(n);

	if (!ns || (strcmp(ns, NS_ATOM) != 0 && strcmp(ns, NS_ATOM03) != 0))
		return TEXT_HTML;
	t = xmlGetProp(n, (const xmlChar *)"mode"); /* Atom 0.3 */
	if (t) {
		k = xmlStrEqual(t, (const xmlChar *)"escaped") ? TEXT_HTML :
		    xmlStrEqual(t, (const xmlChar *)"base64") ? TEXT_SKIP : TEXT_XHTML;
		xmlFree(t);
		if (k != TEXT_XHTML || has_element_child(n))
			return k;
	}
	t = xmlGetProp(n, (const xmlChar *)"type");
	if (!t || xmlStrEqual(t, (const xmlChar *)"text") || xmlStrEqual(t, (const xmlChar *)"text/plain"))
		k = TEXT_PLAIN;
	else if (xmlStrEqual(t, (const xmlChar *)"html") || xmlStrEqual(t, (const xmlChar *)"text/html") ||
	         xmlStrEqual(t, (const xmlChar *)"escaped"))
		k = TEXT_HTML;
	else if (xmlStrEqual(t, (const xmlChar *)"xhtml") || xmlStrEqual(t, (const xmlChar *)"application/xhtml+xml"))
		k = TEXT_XHTML;
	else if (!xmlStrncmp(t, (const xmlChar *)"text/", 5))
		k = TEXT_PLAIN;
	else
		k = TEXT_SKIP; /* base64 media and the like */
	xmlFree(t);
	if (k == TEXT_PLAIN && has_element_child(n))
		k = TEXT_XHTML; /* Atom 0.3 mode="xml" and sloppy feeds */
	return k;
}

/* The plain text of a title or body element (caller frees); NULL when the
 * element is absent or holds nothing; *oom on allocation failure. */
static char *plain_text(xmlDocPtr doc, xmlNodePtr n, int *oom)
{
	enum text_kind k;
	char *raw, *t;

	if (!n)
		return NULL;
	k = text_kind_of(n);
	if (k == TEXT_SKIP)
		return NULL;
	raw = k == TEXT_PLAIN ? node_text(n) : node_markup(doc, n);
	if (!raw) {
		*oom = 1;
		return NULL;
	}
	if (k == TEXT_PLAIN && text_is_clean(raw, strlen(raw))) {
		t = raw; /* nothing to clean: no copy */
	} else {
		t = k == TEXT_PLAIN ? text_clean(raw, strlen(raw)) : text_from_html(raw, strlen(raw));
		free(raw);
	}
	if (!t) {
		*oom = 1;
		return NULL;
	}
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

/* Trimmed text of a short field (ids, links, dates, names); NULL when
 * absent or empty. */
static char *field_text(xmlNodePtr n, int *oom)
{
	char *raw, *t;

	if (!n)
		return NULL;
	raw = node_text(n);
	if (!raw) {
		*oom = 1;
		return NULL;
	}
	if (text_is_clean(raw, strlen(raw))) {
		t = raw; /* nothing to clean: no copy */
	} else {
		t = text_clean(raw, strlen(raw));
		free(raw);
	}
	if (!t)
		*oom = 1;
	else if (!*t) {
		free(t);
		t = NULL;
	}
	return t;
}

/* ---- links ---- */

static int hexval(int c)
{
	return IS_DIGIT(c) ? c - '0' : (TO_LOWER(c) >= 'a' && TO_LOWER(c) <= 'f') ? TO_LOWER(c) - 'a' + 10 : -1;
}

static char *percent_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t i, o = 0;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			out[o++] = s[i] == '+' ? ' ' : s[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* Google's redirector (Google Alerts links, some Google News items):
 * https://www.google.com/url?rct=j&sa=t&url=REAL&ct=ga... -> REAL. Returns
 * a new string, or NULL when url is not such a link. */
static char *google_unwrap(const char *url)
{
	const char *p = url, *q, *host;
	size_t hl;

	if (!strncmp(p, "https://", 8))
		p += 8;
	else if (!strncmp(p, "http://", 7))
		p += 7;
	else
		return NULL;
	host = p;
	while (*p && *p != '/' && *p != '?')
		p++;
	hl = (size_t)(p - host);
	if (!((hl > 7 && !strncmp(host, "google.", 7)) || (hl > 11 && !strncmp(host, "www.google.", 11))))
		return NULL;
	if (strncmp(p, "/url?", 5) != 0)
		return NULL;
	for (q = p + 5; *q;) {
		const char *amp = strchr(q, '&');
		size_t n = amp ? (size_t)(amp - q) : strlen(q);
		if ((n > 4 && !strncmp(q, "url=", 4)) || (n > 2 && !strncmp(q, "q=", 2))) {
			size_t k = q[0] == 'u' ? 4 : 2;
			char *real = percent_decode(q + k, n - k);
			if (real && (!strncmp(real, "http://", 7) || !strncmp(real, "https://", 8)))
				return real;
			free(real);
		}
		if (!amp)
			break;
		q = amp + 1;
	}
	return NULL;
}

static int has_scheme(const char *u)
{
	const char *p = u;

	if (!IS_ALPHA(*p))
		return 0;
	while (IS_ALPHA(*p) || IS_DIGIT(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/* Unwrapped and made absolute (xml:base, else the feed's URL). Takes url. */
static char *fix_link(xmlDocPtr doc, xmlNodePtr at, const struct adapter_response *resp, char *url, int *oom)
{
	char *real;

	if (!url)
		return NULL;
	if (!has_scheme(url)) {
		xmlChar *base = xmlNodeGetBase(doc, at);
		const char *b = base ? (const char *)base : resp->url;
		if (b) {
			xmlChar *abs = xmlBuildURI((const xmlChar *)url, (const xmlChar *)b);
			if (abs) {
				free(url);
				url = xstrdup((const char *)abs);
				xmlFree(abs);
				if (!url)
					*oom = 1;
			}
		}
		if (base)
			xmlFree(base);
		if (!url)
			return NULL;
	}
	real = google_unwrap(url);
	if (real) {
		free(url);
		return real;
	}
	return url;
}

/* The entry's link: Atom <link href> (rel alternate or none, HTML
 * preferred), else RSS <link>text</link>. */
static char *item_link(xmlNodePtr item, int *oom)
{
	xmlNodePtr c, best = NULL, any = NULL;
	xmlChar *href;
	char *s;

	for (c = item->children; c; c = c->next) {
		xmlChar *rel, *type;
		int alt, html;

		if (!is_core(c, "link"))
			continue;
		href = xmlGetProp(c, (const xmlChar *)"href");
		if (!href) {
			char *t = field_text(c, oom);
			if (t)
				return t;
			continue;
		}
		xmlFree(href);
		rel = xmlGetProp(c, (const xmlChar *)"rel");
		type = xmlGetProp(c, (const xmlChar *)"type");
		alt = !rel || xmlStrEqual(rel, (const xmlChar *)"alternate");
		html = !type || xmlStrstr(type, (const xmlChar *)"html") != NULL;
		if (alt && html && !best)
			best = c;
		if (alt && !any)
			any = c;
		xmlFree(rel);
		xmlFree(type);
	}
	if (!best)
		best = any;
	if (!best)
		return NULL;
	href = xmlGetProp(best, (const xmlChar *)"href");
	s = href ? text_clean((const char *)href, strlen((const char *)href)) : NULL;
	if (href && !s)
		*oom = 1;
	xmlFree(href);
	if (s && !*s) {
		free(s);
		s = NULL;
	}
	return s;
}

/* ---- one item ---- */

struct feed {
	xmlDocPtr doc;
	const struct adapter_response *resp;
	char lang[8];       /* channel or feed language */
	char *author;       /* Atom feed-level author, inherited by entries */
};

/* "jdoe@example.com (Jane Doe)" -> "Jane Doe" (RSS 2.0 author). */
static void author_name_from_email(char *a)
{
	char *open = strchr(a, '('), *close = strrchr(a, ')');

	if (open && close && close > open + 1 && memchr(a, '@', (size_t)(open - a))) {
		size_t n = (size_t)(close - open - 1);
		memmove(a, open + 1, n);
		a[n] = '\0';
	}
}

static char *atom_author(xmlNodePtr parent, int *oom)
{
	xmlNodePtr c;

	for (c = parent->children; c; c = c->next) {
		char *name;
		if (!is_core(c, "author"))
			continue;
		name = field_text(core_child(c, "name"), oom);
		if (name)
			return name;
	}
	return NULL;
}

/* Replace *best with cand when cand is longer; takes cand. */
static void keep_longer(char **best, char *cand)
{
	if (!cand)
		return;
	if (!*best || strlen(cand) > strlen(*best)) {
		free(*best);
		*best = cand;
	} else {
		free(cand);
	}
}

/* The first date that parses, in this order of preference. */
static int64_t item_date(xmlNodePtr item, int *oom)
{
	static const struct {
		const char *ns; /* NULL: the feed's own vocabulary */
		const char *name;
	} dates[] = {
		{NULL, "pubDate"}, {NULL, "published"}, {NS_DC, "date"}, {NULL, "issued"},
		{NULL, "updated"}, {NULL, "modified"}, {NULL, "created"},
	};
	size_t i;
	xmlNodePtr c;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		for (c = item->children; c; c = c->next) {
			char *s;
			int64_t t;
			if (dates[i].ns ? !is_ns(c, dates[i].ns, dates[i].name) : !is_core(c, dates[i].name))
				continue;
			s = field_text(c, oom);
			t = s ? time_parse(s) : HARK_TIME_NONE;
			free(s);
			if (t != HARK_TIME_NONE)
				return t;
		}
	return HARK_TIME_NONE;
}

static int parse_item(struct feed *f, xmlNodePtr item, struct adapter_result *out, char *err)
{
	xmlNodePtr c;
	struct mention *m;
	char *text = NULL, *s;
	int oom = 0;

	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	/* id: guid / Atom id / RDF about */
	m->id = field_text(core_child(item, "guid"), &oom);
	if (!m->id)
		m->id = field_text(core_child(item, "id"), &oom);
	if (!m->id) {
		xmlChar *about = xmlGetNsProp(item, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
		if (about) {
			m->id = text_clean((const char *)about, strlen((const char *)about));
			oom |= !m->id;
			xmlFree(about);
		}
	}
	m->title = plain_text(f->doc, core_child(item, "title"), &oom);
	/* FeedBurner hides the real link behind its tracker; it keeps the
	 * original in feedburner:origLink. */
	for (c = item->children; c && !m->url; c = c->next)
		if (is_ns(c, NS_FEEDBURNER, "origLink"))
			m->url = fix_link(f->doc, item, f->resp, field_text(c, &oom), &oom);
	if (!m->url)
		m->url = fix_link(f->doc, item, f->resp, item_link(item, &oom), &oom);
	if (!m->url) { /* a permalink guid is the link */
		xmlNodePtr g = core_child(item, "guid");
		xmlChar *perma = g ? xmlGetProp(g, (const xmlChar *)"isPermaLink") : NULL;
		if (g && m->id && (!perma || xmlStrEqual(perma, (const xmlChar *)"true")) &&
		    (!strncmp(m->id, "http://", 7) || !strncmp(m->id, "https://", 8)))
			m->url = fix_link(f->doc, item, f->resp, xstrdup(m->id), &oom);
		xmlFree(perma);
	}
	/* text: the longest of the bodies the item carries */
	for (c = item->children; c; c = c->next) {
		if (is_core(c, "description") || is_core(c, "summary") || is_core(c, "content") ||
		    is_ns(c, NS_CONTENT, "encoded"))
			keep_longer(&text, plain_text(f->doc, c, &oom));
	}
	if (!text) { /* YouTube: media:group/media:description */
		for (c = item->children; c; c = c->next) {
			xmlNodePtr d = NULL;
			if (is_ns(c, NS_MEDIA, "description"))
				d = c;
			else if (is_ns(c, NS_MEDIA, "group"))
				for (d = c->children; d && !is_ns(d, NS_MEDIA, "description"); d = d->next)
					;
			if (d) {
				s = field_text(d, &oom);
				keep_longer(&text, s);
			}
		}
	}
	m->text = text;
	m->published_at = item_date(item, &oom);
	/* author: dc:creator, Atom author, RSS author, Google News source */
	for (c = item->children; c && !m->author; c = c->next)
		if (is_ns(c, NS_DC, "creator"))
			m->author = field_text(c, &oom);
	if (!m->author)
		m->author = atom_author(item, &oom);
	if (!m->author && (s = field_text(core_child(item, "author"), &oom)) != NULL) {
		author_name_from_email(s);
		m->author = s;
	}
	if (!m->author) { /* Google News: <source url="...">Publisher</source> (not Atom's source) */
		xmlNodePtr src = core_child(item, "source");
		if (src && !has_element_child(src))
			m->author = field_text(src, &oom);
	}
	if (!m->author && f->author) {
		m->author = xstrdup(f->author);
		oom |= !m->author;
	}
	/* language: the item's own, xml:lang, the channel's */
	for (c = item->children; c; c = c->next)
		if (is_ns(c, NS_DC, "language") && (s = field_text(c, &oom)) != NULL) {
			set_lang(m, s);
			free(s);
		}
	if (!m->lang[0]) {
		xmlChar *l = xmlNodeGetLang(item);
		if (l)
			set_lang(m, (const char *)l);
		xmlFree(l);
	}
	if (!m->lang[0])
		memcpy(m->lang, f->lang, sizeof(m->lang));
	if (oom)
		return OOM(WHO, err);
	if (!m->id && !m->url && !m->title && !m->text) {
		/* an empty <item/>: nothing to tell anyone */
		mention_clear(m);
		out->mentions.n--;
		return 0;
	}
	if (!m->id && m->url) {
		m->id = xstrdup(m->url);
		if (!m->id)
			return OOM(WHO, err);
	}
	return 0;
}

static void channel_lang(struct feed *f, xmlNodePtr channel)
{
	xmlNodePtr c;
	struct mention tmp;
	int oom = 0;

	memset(&tmp, 0, sizeof(tmp));
	for (c = channel ? channel->children : NULL; c && !tmp.lang[0]; c = c->next)
		if (is_core(c, "language") || is_ns(c, NS_DC, "language")) {
			char *s = field_text(c, &oom);
			if (s)
				set_lang(&tmp, s);
			free(s);
		}
	memcpy(f->lang, tmp.lang, sizeof(f->lang));
}

static int cmp_mention_id(const void *a, const void *b)
{
	const struct mention *x = *(const struct mention *const *)a, *y = *(const struct mention *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x < y ? -1 : x > y);
}

/* Some feeds give every item the same guid (or an empty-ish one); the store
 * keeps one mention per id, so such items would vanish. The first item with
 * an id keeps it, and so do identical copies of it (a feed listing one item
 * twice); a different item under the same id gets a hash of its title, text
 * and link appended. The plain guid stays the id of the item that first
 * carried it, so a later body listing that item once maps to the same row. */
static int unshare_ids(struct mention_list *l)
{
	struct mention **v;
	size_t i, j;

	if (l->n < 2)
		return 0;
	v = malloc(l->n * sizeof(*v));
	if (!v)
		return -1;
	for (i = 0; i < l->n; i++)
		v[i] = &l->items[i];
	qsort(v, l->n, sizeof(*v), cmp_mention_id);
	for (i = 0; i < l->n; i = j) {
		for (j = i + 1; j < l->n && strcmp(v[i]->id, v[j]->id) == 0; j++)
			;
		if (j - i > 1) {
			size_t k;
			for (k = i + 1; k < j; k++) {
				struct mention *m = v[k];
				struct buf b = {0};
				char hex[17];
				if (str_eq(m->title, v[i]->title) && str_eq(m->text, v[i]->text) &&
				    str_eq(m->url, v[i]->url))
					continue;
				if (buf_printf(&b, "%s\n%s\n%s", m->title ? m->title : "", m->text ? m->text : "",
				               m->url ? m->url : "") < 0) {
					free(v);
					return -1;
				}
				hash_hex64(b.data, b.len, hex);
				buf_reset(&b);
				if (buf_printf(&b, "%s#%s", m->id, hex) < 0) {
					free(v);
					return -1;
				}
				free(m->id);
				m->id = buf_detach(&b);
				if (!m->id) {
					free(v);
					return -1;
				}
			}
		}
	}
	free(v);
	return 0;
}

static int rss_parse(const struct adapter_source *src, const struct adapter_response *resp,
                     struct adapter_result *out, char *err)
{
	char cs[64] = "", ex[120];
	const char *body = resp->body ? resp->body : "";
	size_t len = resp->body ? resp->len : 0, skip, ulen = 0;
	char *utf8 = NULL;
	const char *u;
	struct buf fixed = {0};
	xmlDocPtr doc = NULL;
	xmlNodePtr root, channel = NULL, c;
	struct feed f;
	enum feed_kind kind;
	int rc = -1, oom = 0;
	size_t i;

	memset(&f, 0, sizeof(f));
	if (check_http_status(WHO, resp, err) < 0)
		return -1;
	if (len >= 2 && (((unsigned char)body[0] == 0xFF && (unsigned char)body[1] == 0xFE) ||
	                 ((unsigned char)body[0] == 0xFE && (unsigned char)body[1] == 0xFF))) {
		snprintf(cs, sizeof(cs), "UTF-16");
	} else {
		int bom = len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0;
		skip = skip_bom_space(body, len);
		body += skip;
		len -= skip;
		declared_charset(body, len, cs, sizeof(cs));
		if (!cs[0])
			http_charset(resp->content_type, cs, sizeof(cs));
		/* A UTF-8 byte order mark outranks any label (XML 1.0 F.1);
		 * so does a body of valid UTF-8 labelled with an 8-bit charset
		 * (a common misdeclaration: Latin-1 text is never valid UTF-8
		 * once it has a non-ASCII letter). */
		if (bom || (single_byte_charset(cs) && has_non_ascii(body, len) && text_is_utf8(body, len)))
			snprintf(cs, sizeof(cs), "UTF-8");
		else if (latin1_label(cs) && looks_turkish_8bit(body, len))
			snprintf(cs, sizeof(cs), "windows-1254");
	}
	if ((!cs[0] || !str_casecmp_ascii(cs, "utf-8") || !str_casecmp_ascii(cs, "utf8")) &&
	    text_is_utf8(body, len)) {
		u = body; /* UTF-8 already: read in place, as text_to_utf8 would copy it */
		ulen = len;
	} else {
		utf8 = text_to_utf8(body, len, cs, &ulen);
		if (!utf8)
			return OOM(WHO, err);
		u = utf8;
	}
	skip = skip_bom_space(u, ulen);
	if (skip == ulen) {
		errf(err, WHO ": not a feed: empty body");
		goto done;
	}
	if (u[skip] != '<') {
		excerpt(u + skip, ulen - skip, ex, sizeof(ex));
		errf(err, WHO ": not a feed: %s", ex);
		goto done;
	}
	if (mem_find(u + skip, ulen - skip, "<!ENTITY")) {
		/* a document with its own entities is parsed as it is */
		if (buf_append(&fixed, u + skip, ulen - skip) < 0) {
			OOM(WHO, err);
			goto done;
		}
	} else if (repair_markup(u + skip, ulen - skip, &fixed) < 0) {
		OOM(WHO, err);
		goto done;
	}
	free(utf8);
	utf8 = NULL;
	doc = parse_xml(fixed.data, fixed.len, err);
	buf_free(&fixed);
	if (!doc)
		goto done;
	root = xmlDocGetRootElement(doc);
	kind = feed_kind(root);
	if (kind == FEED_NONE) {
		errf(err, WHO ": not a feed: root element <%s%s%s>",
		     root->ns && root->ns->prefix ? (const char *)root->ns->prefix : "",
		     root->ns && root->ns->prefix ? ":" : "", (const char *)root->name);
		goto done;
	}
	if (kind == FEED_RSS)
		channel = core_child(root, "channel");
	f.doc = doc;
	f.resp = resp;
	if (kind == FEED_ATOM) {
		xmlChar *l = xmlNodeGetLang(root);
		struct mention tmp;
		memset(&tmp, 0, sizeof(tmp));
		if (l)
			set_lang(&tmp, (const char *)l);
		xmlFree(l);
		memcpy(f.lang, tmp.lang, sizeof(f.lang));
		f.author = atom_author(root, &oom);
		if (oom) {
			OOM(WHO, err);
			goto done;
		}
		for (c = root->children; c; c = c->next)
			if (is_core(c, "entry") && parse_item(&f, c, out, err) < 0)
				goto done;
	} else {
		if (!channel) {
			/* <rss/> with neither a channel nor items is not what a feed
			 * sends: a broken or blocked answer, not "nothing new". */
			for (c = root->children; c && !is_core(c, "item"); c = c->next)
				;
			if (!c && !core_child(root, "channel")) {
				errf(err, WHO ": not a feed: <%s> has no <channel> and no <item>", (const char *)root->name);
				goto done;
			}
		}
		channel_lang(&f, channel);
		/* RSS 0.9x/2.0 items live in the channel, RSS 1.0 items beside it */
		for (c = channel ? channel->children : NULL; c; c = c->next)
			if (is_core(c, "item") && parse_item(&f, c, out, err) < 0)
				goto done;
		for (c = root->children; c; c = c->next)
			if (is_core(c, "item") && parse_item(&f, c, out, err) < 0)
				goto done;
	}
	for (i = 0; i < out->mentions.n; i++)
		if (mention_finish(&out->mentions.items[i], src->now) < 0) {
			OOM(WHO, err);
			goto done;
		}
	if (unshare_ids(&out->mentions) < 0) {
		OOM(WHO, err);
		goto done;
	}
	rc = 0;
done:
	free(f.author);
	free(utf8);
	buf_free(&fixed);
	if (doc)
		xmlFreeDoc(doc);
	if (rc < 0)
		adapter_result_clear(out);
	return rc;
}

const struct adapter adapter_rss = {
	.name = "rss",
	.summary = "RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 feeds, Google Alerts, Google News, YouTube",
	.params = rss_params,
	.request = rss_request,
	.parse = rss_parse,
};
