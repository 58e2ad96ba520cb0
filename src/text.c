/* text.c - turning what strangers send into clean plain UTF-8 text.
 *
 * Everything here works on bytes with locale-independent tests. libxml2's
 * HTML parser does the tag soup and entities; utf8proc does case folding.
 * Undeclared 8-bit text is read as Windows-1254: it is Latin-1/Windows-1252
 * for every letter except six, which are the Turkish ones (Ğ İ Ş ğ ı ş). */
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h> /* xmlCreateMemoryParserCtxt */
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* libxml2's own IS_* macros take code points; ours (hark/util.h) take bytes. */
#undef IS_DIGIT
#undef IS_SPACE
#undef IS_ALPHA
#undef IS_BLANK

#include "hark/text.h"
#include "hark/util.h"

/* Length (1..4) of the valid UTF-8 sequence at s, 0 when the bytes are not
 * one (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
			return 0;
		*cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
		return 0;
	if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
		return 0;
	*cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
	      ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	return 4;
}

static size_t utf8_put(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Give back what a worst-case (3 bytes per input byte) buffer did not use. */
static char *shrink(char *p, size_t used)
{
	char *q = realloc(p, used + 1);
	return q ? q : p;
}

int text_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i, &cp);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

static int is_unicode_space(uint32_t cp)
{
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Invisible characters that only get in the way of matching and display:
 * C1 controls, soft hyphen, zero-width space, byte order mark. */
static int is_dropped(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0xAD || cp == 0x200B || cp == 0xFEFF;
}

int text_is_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	if (!s || len == 0)
		return 1;
	if (p[0] == ' ' || p[len - 1] == ' ')
		return 0;
	while (i < len) {
		unsigned c = p[i];
		if (c > 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c == ' ') {
			if (p[i + 1] == ' ') /* p[len - 1] is not a space */
				return 0;
			i++;
			continue;
		}
		if (c < 0x80)
			return 0; /* control characters, other ASCII whitespace */
		n = utf8_seq(p + i, len - i, &cp);
		if (n == 0 || is_unicode_space(cp) || is_dropped(cp))
			return 0;
		i += n;
	}
	return 1;
}

char *text_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out;
	size_t i = 0, o = 0, n;
	int space = 0;
	uint32_t cp;

	if (!s)
		len = 0;
	if (text_is_clean(s, len)) /* the common case: a copy */
		return xstrndup(len ? s : "", len);
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = malloc(len * 3 + 1); /* an invalid byte becomes 3 bytes of U+FFFD */
	if (!out)
		return NULL;
	while (i < len) {
		if (p[i] < 0x80) {
			unsigned c = p[i++];
			if (IS_SPACE(c)) {
				space = 1;
				continue;
			}
			if (c < 0x20 || c == 0x7F)
				continue;
			if (space && o)
				out[o++] = ' ';
			space = 0;
			out[o++] = (char)c;
			continue;
		}
		n = utf8_seq(p + i, len - i, &cp);
		if (n == 0) {
			cp = 0xFFFD;
			n = 1;
		}
		if (is_unicode_space(cp)) {
			space = 1;
		} else if (!is_dropped(cp)) {
			if (space && o)
				out[o++] = ' ';
			space = 0;
			if (cp == 0xFFFD && n == 1)
				o += utf8_put(out + o, cp);
			else
				memcpy(out + o, p + i, n), o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return shrink(out, o);
}

/* Windows-1252 0x80..0x9F; 0 marks the five holes. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* One byte of Windows-1252 (turkish == 0) or Windows-1254 as a code point. */
static uint32_t cp125x(unsigned c, int turkish)
{
	if (c < 0x80)
		return c;
	if (c < 0xA0) {
		uint32_t cp = cp1252_c1[c - 0x80];
		if (turkish && (c == 0x8E || c == 0x9E))
			cp = 0; /* Ž ž are not in 1254 */
		return cp ? cp : 0xFFFD;
	}
	if (turkish) {
		switch (c) {
		case 0xD0: return 0x011E; /* Ğ */
		case 0xDD: return 0x0130; /* İ */
		case 0xDE: return 0x015E; /* Ş */
		case 0xF0: return 0x011F; /* ğ */
		case 0xFD: return 0x0131; /* ı */
		case 0xFE: return 0x015F; /* ş */
		}
	}
	return c;
}

/* UTF-8 where valid; every byte that is not part of a valid sequence is read
 * as Windows-1254 (so an undeclared Latin-1/Turkish document, or a UTF-8 one
 * with a few stray 8-bit bytes, comes out readable). */
static char *decode_utf8_repair(const unsigned char *p, size_t len, size_t *outlen)
{
	char *out;
	size_t i = 0, o = 0, n;
	uint32_t cp;

	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	while (i < len) {
		if (p[i] < 0x80) {
			out[o++] = (char)p[i++];
			continue;
		}
		n = utf8_seq(p + i, len - i, &cp);
		if (n) {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
		} else {
			o += utf8_put(out + o, cp125x(p[i++], 1));
		}
	}
	out[o] = '\0';
	*outlen = o;
	return shrink(out, o);
}

static char *decode_125x(const unsigned char *p, size_t len, int turkish, size_t *outlen)
{
	char *out;
	size_t i, o = 0;

	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	for (i = 0; i < len; i++)
		o += utf8_put(out + o, cp125x(p[i], turkish));
	out[o] = '\0';
	*outlen = o;
	return shrink(out, o);
}

static void silent_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void text_quiet_begin(struct text_quiet *q)
{
	q->func = xmlGenericError;
	q->ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent_error);
}

void text_quiet_end(const struct text_quiet *q)
{
	xmlSetGenericErrorFunc(q->ctx, q->func);
}

/* Any other charset through libxml2's converters (iconv behind them).
 * Bytes the converter rejects become U+FFFD. NULL when the charset is
 * unknown (*unknown set), on allocation failure or past 512 MB. */
static char *decode_libxml2(const char *s, size_t len, const char *charset, size_t *outlen, int *unknown)
{
	xmlCharEncodingHandlerPtr h;
	xmlBufferPtr in, out;
	struct text_quiet quiet;
	char *res = NULL;
	size_t n;

	if (len > INT32_MAX / 4) /* xmlBuffer sizes are ints */
		return NULL;
	h = xmlFindCharEncodingHandler(charset);
	if (!h) {
		*unknown = 1;
		return NULL;
	}
	/* libxml2 reports every bad byte on stderr; cron mails stderr. */
	text_quiet_begin(&quiet);
	in = xmlBufferCreateSize(len + 1);
	out = xmlBufferCreateSize(len * 2 + 64);
	if (!in || !out || (len && xmlBufferAdd(in, (const xmlChar *)s, (int)len) != 0))
		goto done;
	while (xmlBufferLength(in) > 0) {
		int before = xmlBufferLength(in);
		int rc = xmlCharEncInFunc(h, out, in);
		if (rc >= 0 && xmlBufferLength(in) == 0)
			break;
		if (rc == -2 || rc == -3 || xmlBufferLength(in) == before) {
			/* an invalid or incomplete sequence: skip one byte */
			xmlBufferShrink(in, 1);
			if (xmlBufferAdd(out, (const xmlChar *)"\xEF\xBF\xBD", 3) != 0)
				goto done;
		}
	}
	/* The converter's output is UTF-8; make sure of it all the same, and
	 * drop the byte order mark UTF-16 converters pass through. */
	{
		const unsigned char *o = xmlBufferContent(out);
		size_t olen = (size_t)xmlBufferLength(out);
		if (olen >= 3 && o[0] == 0xEF && o[1] == 0xBB && o[2] == 0xBF)
			o += 3, olen -= 3;
		res = decode_utf8_repair(o, olen, &n);
	}
	if (res)
		*outlen = n;
done:
	if (in)
		xmlBufferFree(in);
	if (out)
		xmlBufferFree(out);
	xmlCharEncCloseFunc(h);
	text_quiet_end(&quiet);
	return res;
}

/* A charset label lower-cased, without quotes and spaces, into out. */
static void charset_norm(const char *cs, char *out, size_t size)
{
	size_t o = 0;

	for (; *cs && o + 1 < size; cs++) {
		if (*cs == '"' || *cs == '\'' || IS_SPACE(*cs))
			continue;
		out[o++] = (char)(*cs == '_' ? '-' : TO_LOWER(*cs));
	}
	out[o] = '\0';
}

static int charset_in(const char *cs, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(cs, *names) == 0)
			return 1;
	return 0;
}

char *text_to_utf8(const char *s, size_t len, const char *charset, size_t *outlen)
{
	/* Browsers read these labels as Windows-1252 / Windows-1254 (WHATWG). */
	static const char *const latin1[] = {
		"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
		"windows-1252", "cp1252", "x-cp1252", "iso-ir-100", "cp819", NULL,
	};
	static const char *const turkish[] = {
		"iso-8859-9", "iso8859-9", "latin5", "latin-5", "l5", "windows-1254",
		"cp1254", "x-cp1254", "iso-ir-148", NULL,
	};
	static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", NULL};
	const unsigned char *p = (const unsigned char *)s;
	char cs[64];
	size_t n = 0;
	char *res;
	int unknown = 0;

	if (!s)
		len = 0;
	if (!outlen)
		outlen = &n;
	charset_norm(charset ? charset : "", cs, sizeof(cs));
	if (cs[0] && charset_in(cs, latin1))
		return decode_125x(p, len, 0, outlen);
	if (cs[0] && charset_in(cs, turkish))
		return decode_125x(p, len, 1, outlen);
	if (cs[0] && !charset_in(cs, utf8)) {
		res = decode_libxml2(s, len, cs, outlen, &unknown);
		if (res || !unknown)
			return res;
	}
	if (text_is_utf8(s, len)) {
		res = xstrndup(len ? s : "", len);
		if (res)
			*outlen = len;
		return res;
	}
	return decode_utf8_repair(p, len, outlen);
}

/* ---- HTML to text ---- */

/* Elements whose text is not content. Sorted for bsearch. */
static const char *const html_dropped[] = {
	"applet", "head", "iframe", "noembed", "noframes", "object", "script", "select",
	"style", "svg", "template", "textarea", "title",
};

/* Inline elements: no word break around them. Everything else (p, div, br,
 * li, td, h1, ...) separates words. Sorted for bsearch. */
static const char *const html_inline[] = {
	"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
	"dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp",
	"small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
};

/* Tags whose escaped form in plain text means the text is escaped HTML. */
static const char *const html_common[] = {
	"a", "b", "blockquote", "br", "div", "em", "font", "h1", "h2", "h3", "h4", "h5",
	"h6", "hr", "i", "img", "li", "ol", "p", "pre", "span", "strong", "table", "td",
	"tr", "u", "ul",
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int name_in(const char *name, const char *const *tab, size_t n)
{
	return bsearch(&name, tab, n, sizeof(*tab), cmp_name) != NULL;
}

#define NAME_IN(name, tab) name_in((name), (tab), sizeof(tab) / sizeof((tab)[0]))

static int has_ascii_alnum(const char *s)
{
	for (; *s; s++)
		if (IS_ALPHA(*s) || IS_DIGIT(*s))
			return 1;
	return 0;
}

/* The text of an HTML fragment, gathered from libxml2's HTML SAX events
 * without building a tree. The rules are those of a walk over the tree
 * libxml2's own tree builder (SAX2.c) would make from the same events:
 *   - text outside any element is dropped, as the tree builder drops it;
 *     the tree's root is the first top-level element, and a later one is
 *     read only when the builder hangs it below the root (it does so when
 *     the document's first node is that root, not a comment or doctype);
 *   - an element's name is its local part ("o:p" is p), as the builder
 *     splits it (xmlSplitQName);
 *   - a dropped element (script, style, ...) gives nothing, not even a
 *     word break; a block element gives a space when it opens and, when
 *     it has children, when it closes; inline elements give nothing;
 *   - <img alt> without ASCII letters or digits (an emoji) gives its alt;
 *   - past xmlParserMaxDepth (256) open elements the builder stops the
 *     parser, and so does this;
 *   - text and CDATA give their bytes, entities decoded by the parser.
 * One parser context is kept and reset between fragments (creating one
 * per field was most of the cost); it is replaced now and then so that
 * its name dictionary stays small whatever the input. */
struct h2t {
	struct buf *b;
	size_t depth;        /* elements open (the tree builder's node stack) */
	size_t skip;         /* depth of the dropped element being skipped, 0 if none */
	int first;           /* the document's first node: H2T_NONE, H2T_ELEMENT, H2T_OTHER */
	int dtd;             /* a doctype has been seen */
	int root_seen;       /* a top-level element has been made the root */
	int in_root;         /* the open top-level element is read */
	int oom;
	int halted;          /* too deep: the parser was stopped */
	unsigned char *lv;   /* per open element: LV_BLOCK, LV_CHILD */
	size_t lvcap;
};

enum { H2T_NONE, H2T_ELEMENT, H2T_OTHER };

#define LV_BLOCK 1 /* collected block element: a space when it closes */
#define LV_CHILD 2 /* has a child node */

static int h2t_on(const struct h2t *h)
{
	return h->depth > 0 && h->in_root && h->skip == 0 && !h->oom;
}

/* The node just created is a child of the open element. */
static void h2t_child(struct h2t *h)
{
	if (h->depth > 0)
		h->lv[h->depth - 1] |= LV_CHILD;
}

static void h2t_space(struct h2t *h)
{
	if (buf_putc(h->b, ' ') < 0)
		h->oom = 1;
}

/* xmlSplitQName's local part: after the first ':' unless the name starts
 * with ':' or its only ':' ends it ("xml:" is no exception in a libxml2
 * built with XML_XML_NAMESPACE, which tree.h defines). */
static const char *local_name(const char *name)
{
	const char *c;

	if (name[0] == ':')
		return name;
	c = strchr(name, ':');
	return c && c[1] ? c + 1 : name;
}

static void h2t_start(void *ctx, const xmlChar *fullname, const xmlChar **atts)
{
	struct h2t *h = ((xmlParserCtxtPtr)ctx)->_private;
	const char *name;
	unsigned char flags = 0;

	if (!fullname || h->oom)
		return;
	name = local_name((const char *)fullname);
	if (h->depth == 0) {
		/* xmlSAX2StartElement: the document's first node, else a child
		 * of that node when it is an element, else its sibling */
		if (h->first == H2T_NONE)
			h->first = H2T_ELEMENT;
		h->in_root = h->first == H2T_ELEMENT || !h->root_seen;
		h->root_seen = 1;
	} else {
		h2t_child(h);
	}
	if (h->depth > xmlParserMaxDepth && !(((xmlParserCtxtPtr)ctx)->options & XML_PARSE_HUGE)) {
		/* nodePush: past 256 levels the tree builder stops the parser
		 * and this element is not in the tree */
		h->halted = 1;
		xmlStopParser((xmlParserCtxtPtr)ctx);
		return;
	}
	if (h->depth == h->lvcap) {
		size_t cap = h->lvcap ? h->lvcap * 2 : 64;
		unsigned char *lv = realloc(h->lv, cap);
		if (!lv) {
			h->oom = 1;
			return;
		}
		h->lv = lv;
		h->lvcap = cap;
	}
	h->lv[h->depth++] = 0;
	if (!h2t_on(h))
		return;
	if (NAME_IN(name, html_dropped)) {
		h->skip = h->depth;
		return;
	}
	if (!NAME_IN(name, html_inline)) {
		flags = LV_BLOCK;
		h2t_space(h);
	}
	h->lv[h->depth - 1] = flags;
	if (strcmp(name, "img") == 0 && atts) {
		/* an emoji drawn as an image keeps its meaning through its alt
		 * text; wordy alt text (thumbnails) is noise */
		size_t i;
		for (i = 0; atts[i]; i += 2)
			if (xmlStrEqual(atts[i], (const xmlChar *)"alt")) {
				const char *alt = atts[i + 1] ? (const char *)atts[i + 1] : "";
				if (!has_ascii_alnum(alt) && buf_puts(h->b, alt) < 0)
					h->oom = 1;
				break;
			}
	}
}

static void h2t_end(void *ctx, const xmlChar *name)
{
	struct h2t *h = ((xmlParserCtxtPtr)ctx)->_private;
	unsigned char flags;

	(void)name;
	if (h->depth == 0 || h->oom)
		return;
	flags = h->lv[--h->depth];
	if (h->skip && h->depth < h->skip) {
		h->skip = 0;
		return;
	}
	if (h->depth > 0 && h->in_root && h->skip == 0 && (flags & (LV_BLOCK | LV_CHILD)) == (LV_BLOCK | LV_CHILD))
		h2t_space(h);
}

static void h2t_text(void *ctx, const xmlChar *ch, int len)
{
	struct h2t *h = ((xmlParserCtxtPtr)ctx)->_private;

	h2t_child(h);
	if (h2t_on(h) && len > 0 && buf_append(h->b, (const char *)ch, (size_t)len) < 0)
		h->oom = 1;
}

/* A comment or processing instruction: a child of the open element, else
 * a node of the document. */
static void h2t_node(struct h2t *h)
{
	if (h->depth > 0)
		h2t_child(h);
	else if (h->first == H2T_NONE)
		h->first = H2T_OTHER;
}

static void h2t_comment(void *ctx, const xmlChar *value)
{
	(void)value;
	h2t_node(((xmlParserCtxtPtr)ctx)->_private);
}

static void h2t_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	h2t_node(((xmlParserCtxtPtr)ctx)->_private);
}

/* xmlSAX2InternalSubset: the first doctype of an HTML document becomes
 * its first node, wherever it was (later ones are ignored). */
static void h2t_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	struct h2t *h = ((xmlParserCtxtPtr)ctx)->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	if (!h->dtd) {
		h->dtd = 1;
		h->first = H2T_OTHER;
	}
}

#define H2T_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                     HTML_PARSE_RECOVER | HTML_PARSE_COMPACT)

static _Thread_local htmlParserCtxtPtr h2t_ctxt;
static _Thread_local unsigned h2t_uses;

/* A context set up as htmlReadMemory sets up its own, with our handlers. */
static htmlParserCtxtPtr h2t_context(void)
{
	htmlParserCtxtPtr c;

	if (h2t_ctxt && (h2t_uses >= 4096 || (h2t_ctxt->dict && xmlDictSize(h2t_ctxt->dict) > 2048))) {
		xmlFreeParserCtxt(h2t_ctxt);
		h2t_ctxt = NULL;
	}
	if (h2t_ctxt)
		return h2t_ctxt;
	xmlInitParser();
	c = xmlCreateMemoryParserCtxt(" ", 1);
	if (!c)
		return NULL;
	htmlDefaultSAXHandlerInit();
	if (c->sax)
		memcpy(c->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
	else {
		xmlFreeParserCtxt(c);
		return NULL;
	}
	c->sax->internalSubset = h2t_doctype;
	c->sax->startDocument = NULL;
	c->sax->endDocument = NULL;
	c->sax->startElement = h2t_start;
	c->sax->endElement = h2t_end;
	c->sax->characters = h2t_text;
	c->sax->cdataBlock = h2t_text;
	c->sax->comment = h2t_comment;
	c->sax->processingInstruction = h2t_pi;
	h2t_ctxt = c;
	h2t_uses = 0;
	return c;
}

static int html_collect(const char *html, size_t len, struct buf *b)
{
	htmlParserCtxtPtr c;
	struct h2t h;
	htmlDocPtr doc;

	if (len == 0)
		return 0; /* htmlReadMemory makes nothing of nothing */
	c = h2t_context();
	if (!c)
		return -1;
	memset(&h, 0, sizeof(h));
	h.b = b;
	c->_private = &h;
	h2t_uses++;
	doc = htmlCtxtReadMemory(c, html, (int)len, NULL, "UTF-8", H2T_OPTIONS);
	if (doc)
		xmlFreeDoc(doc);
	c->_private = NULL;
	free(h.lv);
	if (h.halted) { /* a stopped context is not reused */
		xmlFreeParserCtxt(c);
		h2t_ctxt = NULL;
	}
	return h.oom ? -1 : h.halted ? 2 : 0;
}

/* ---- past the depth limit: tags stripped without a parser ----
 *
 * The tree builder's depth limit (256 open elements) stops the parser, and
 * all text below that depth would be lost: a broken or hostile review with
 * 300 unclosed <b> would hide its words from matching and sentiment
 * (BUGS.md B3). The limit stays (lifting it lets libxml2's end-tag search
 * go quadratic); instead the whole fragment is read again by this one
 * linear pass: tags dropped (block elements give a space, inline ones
 * nothing), the content of dropped elements (script, style, ...) and
 * comments skipped, entities decoded. An unfinished tag, comment or dropped
 * element runs to the end of the input, as it does in the parser. */

/* The '>' ending the tag whose name ends at p, quoted values skipped; NULL
 * when the input ends first. */
static const char *strip_tag_end(const char *p, const char *end)
{
	while (p < end && *p != '>') {
		if (*p == '"' || *p == '\'') {
			const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
			if (!q)
				return NULL;
			p = q;
		}
		p++;
	}
	return p < end ? p : NULL;
}

/* After a dropped element's start tag at p: just past its end tag, or end. */
static const char *strip_skip_element(const char *p, const char *end, const char *name, size_t n)
{
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		size_t i;
		if ((size_t)(end - p) < n + 2 || p[1] != '/') {
			p++;
			continue;
		}
		for (i = 0; i < n && TO_LOWER(p[2 + i]) == name[i]; i++)
			;
		if (i == n && (p + 2 + n == end || !(IS_ALPHA(p[2 + n]) || IS_DIGIT(p[2 + n])))) {
			const char *gt = strip_tag_end(p + 2 + n, end);
			return gt ? gt + 1 : end;
		}
		p++;
	}
	return end;
}

/* The entity at p ('&'): its length, and its character in out (UTF-8,
 * length in *outlen); 0 when it is no entity (the '&' is text). */
static size_t strip_entity(const char *p, const char *end, char *out, size_t *outlen)
{
	const char *q = p + 1;
	uint32_t cp = 0;

	if (q < end && *q == '#') {
		size_t nd = 0;
		int hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
		q += hex ? 2 : 1;
		while (q < end && (IS_DIGIT(*q) || (hex && TO_LOWER(*q) >= 'a' && TO_LOWER(*q) <= 'f'))) {
			if (cp <= 0x10FFFF)
				cp = cp * (hex ? 16 : 10) + (uint32_t)(IS_DIGIT(*q) ? *q - '0' : TO_LOWER(*q) - 'a' + 10);
			q++, nd++;
		}
		if (!nd)
			return 0;
		if (!((cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF)))
			cp = 0xFFFD;
	} else {
		char name[32];
		size_t n = 0;
		const htmlEntityDesc *e;
		while (q < end && n + 1 < sizeof(name) && (IS_ALPHA(*q) || IS_DIGIT(*q)))
			name[n++] = *q++;
		name[n] = '\0';
		if (!n || !(e = htmlEntityLookup((const xmlChar *)name)) || e->value == 0 || e->value > 0x10FFFF)
			return 0;
		cp = e->value;
	}
	if (q < end && *q == ';')
		q++;
	*outlen = utf8_put(out, cp);
	return (size_t)(q - p);
}

static int strip_collect(const char *s, size_t len, struct buf *b)
{
	const char *p = s, *end = s + len, *run = s;

#define FLUSH() do { if (p > run && buf_append(b, run, (size_t)(p - run)) < 0) return -1; } while (0)
	while (p < end) {
		const char *q;

		if (*p != '<' && *p != '&') {
			p++;
			continue;
		}
		FLUSH();
		if (*p == '&') {
			char out[4];
			size_t n, olen = 0;
			if ((n = strip_entity(p, end, out, &olen)) == 0) {
				run = p++;
				continue;
			}
			if (buf_append(b, out, olen) < 0)
				return -1;
			run = p = p + n;
			continue;
		}
		q = p + 1;
		if (q < end && *q == '!' && end - q >= 3 && q[1] == '-' && q[2] == '-') {
			const char *c = q + 3;
			for (; c + 2 < end && !(c[0] == '-' && c[1] == '-' && c[2] == '>'); c++)
				;
			run = p = c + 2 < end ? c + 3 : end;
		} else if (q < end && (*q == '!' || *q == '?')) {
			const char *gt = memchr(q, '>', (size_t)(end - q));
			run = p = gt ? gt + 1 : end;
		} else if (q < end && (IS_ALPHA(*q) || (*q == '/' && q + 1 < end && IS_ALPHA(q[1])))) {
			char name[16];
			const char *nm, *gt;
			size_t n = 0, i;
			int closing = *q == '/';

			nm = q + closing;
			for (q = nm; q < end && !IS_SPACE(*q) && *q != '>' && *q != '/'; q++)
				if (*q == ':') /* the local part, as local_name() */
					nm = q + 1;
			for (i = 0; nm + i < q && i + 1 < sizeof(name); i++)
				name[i] = (char)TO_LOWER(nm[i]);
			n = nm + i == q ? i : 0; /* longer names are no element here */
			name[n] = '\0';
			gt = strip_tag_end(q, end);
			run = p = gt ? gt + 1 : end;
			if (!gt)
				break;
			if (n && !closing && NAME_IN(name, html_dropped) && gt[-1] != '/') {
				run = p = strip_skip_element(p, end, name, n);
				continue;
			}
			if (!(n && NAME_IN(name, html_inline)) && buf_putc(b, ' ') < 0)
				return -1;
		} else {
			run = p++; /* a '<' that starts nothing is text */
		}
	}
	FLUSH();
#undef FLUSH
	return 0;
}

/* Does plain text still look like HTML (an escaped tag or entity)? */
static int looks_escaped(const char *s)
{
	const char *p;

	for (p = s; (p = strpbrk(p, "<&")) != NULL; p++) {
		char name[16];
		size_t n = 0;
		const char *q = p + 1;

		if (*p == '<') {
			if (*q == '/')
				q++;
			while (n + 1 < sizeof(name) && (IS_ALPHA(*q) || IS_DIGIT(*q)))
				name[n++] = (char)TO_LOWER(*q), q++;
			name[n] = '\0';
			if (n && (*q == '>' || *q == ' ' || *q == '/') && strchr(q, '>') && NAME_IN(name, html_common))
				return 1;
		} else {
			if (*q == '#') {
				q++;
				if (*q == 'x' || *q == 'X')
					q++;
				while (IS_DIGIT(*q) || (IS_ALPHA(*q) && TO_LOWER(*q) <= 'f'))
					q++, n++;
				if (n && *q == ';')
					return 1;
				continue;
			}
			while (n + 1 < sizeof(name) && (IS_ALPHA(*q) || IS_DIGIT(*q)))
				name[n++] = *q++;
			name[n] = '\0';
			if (n && *q == ';' && htmlEntityLookup((const xmlChar *)name))
				return 1;
		}
	}
	return 0;
}

/* ---- the common case without a parser ----
 *
 * Most feed fields are a few paragraphs with inline markup and entities:
 * <p>Nice <b>bag</b> &amp; fair price.</p><br/><a href="...">more</a>.
 * For such a fragment the text libxml2 would give is known without
 * running it, and fast_collect produces exactly those bytes. It accepts
 * only: text; the entities &name; (known to libxml2), &#N; and &#xH; of
 * ordinary characters, and '&' before a space or at the end; start tags
 * <name attr="v" attr='v' attr=v attr> and <name/>, end tags </name>,
 * of the elements in html_fast, properly nested; no start tag that
 * libxml2 would take as closing the element open before it (its
 * htmlStartClose table, below for these elements); void elements never
 * closed by an end tag. The input has been through text_clean (valid
 * UTF-8, single spaces). Anything else returns 1 and the parser decides.
 *
 * With only these elements libxml2 opens <html><body> (and a <p> for
 * leading text, which a later block start closes) and then exactly the
 * elements written, so the text is the text written, with a space at
 * every block element's start and end tag, and the alt of <img> as in
 * the tree walk. */

/* Elements the fast path knows: libxml2's HTML 4 elements without
 * special parsing. Sorted for bsearch. */
static const char *const html_fast[] = {
	"a", "abbr", "acronym", "b", "bdo", "big", "blockquote", "br", "cite", "code", "dd",
	"del", "dfn", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6",
	"hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "samp", "small",
	"span", "strike", "strong", "sub", "sup", "tt", "u", "ul", "var",
};

/* libxml2 2.9's htmlStartClose pairs among html_fast: "open new" means a
 * <new> start tag closes an open <open>. Sorted for bsearch. */
static const char *const html_fast_closes[] = {
	"a a", "b p", "big p", "dd dt", "dl li", "dt dd", "dt dl", "h1 li", "h1 p",
	"h2 li", "h2 p", "h3 li", "h3 p", "h4 li", "h4 p", "h5 li", "h5 p", "h6 li",
	"h6 p", "i p", "li li", "ol ul", "p blockquote", "p dd", "p div", "p dl", "p dt",
	"p h1", "p h2", "p h3", "p h4", "p h5", "p h6", "p hr", "p li", "p ol", "p p",
	"p pre", "p ul", "pre dd", "pre dl", "pre dt", "pre li", "pre ul", "s p",
	"small p", "strike p", "tt p", "u p", "ul ol", "ul pre",
};

static int is_void(const char *name)
{
	return !strcmp(name, "br") || !strcmp(name, "img") || !strcmp(name, "hr");
}

/* An ASCII tag name, lower-cased into out[16]; its length, 0 if none or
 * if it goes on with a character libxml2 would take as part of it. */
static size_t fast_name(const char *p, char *out)
{
	size_t n = 0;

	if (!IS_ALPHA(*p))
		return 0;
	while (IS_ALPHA(p[n]) || IS_DIGIT(p[n])) {
		if (n == 15)
			return 0;
		out[n] = (char)TO_LOWER(p[n]);
		n++;
	}
	out[n] = '\0';
	if (p[n] == ':' || p[n] == '-' || p[n] == '_' || p[n] == '.')
		return 0;
	return n;
}

/* The start tag at p ('<' + letter): name, the alt attribute when wanted,
 * whether it ends with "/>". Returns the length, 0 when not simple. */
static size_t fast_start_tag(const char *p, char *name, const char **alt, size_t *altlen, int *selfclose)
{
	const char *q = p + 1;
	size_t n = fast_name(q, name);

	*alt = NULL;
	*altlen = 0;
	if (!n)
		return 0;
	q += n;
	for (;;) {
		const char *an, *v = NULL;
		size_t anl, vl = 0;
		int has_value = 0;

		if (*q == ' ')
			q++;
		if (*q == '>') {
			*selfclose = 0;
			return (size_t)(q + 1 - p);
		}
		if (q[0] == '/' && q[1] == '>') {
			*selfclose = 1;
			return (size_t)(q + 2 - p);
		}
		if (q[-1] != ' ' || !IS_ALPHA(*q))
			return 0; /* attributes are separated by a space */
		an = q;
		while (IS_ALPHA(*q) || IS_DIGIT(*q) || *q == '-' || *q == '_' || *q == ':' || *q == '.')
			q++;
		anl = (size_t)(q - an);
		if (*q == ' ' && q[1] == '=')
			q++;
		if (*q == '=') {
			q++;
			if (*q == ' ')
				q++;
			has_value = 1;
			if (*q == '"' || *q == '\'') {
				const char *end = strchr(q + 1, *q);
				if (!end)
					return 0;
				v = q + 1;
				vl = (size_t)(end - v);
				q = end + 1;
			} else {
				v = q;
				while (*q && *q != ' ' && *q != '>') {
					if (*q == '&' || *q == '"' || *q == '\'' || *q == '<' || *q == '=' || *q == '`')
						return 0;
					q++;
				}
				vl = (size_t)(q - v);
				if (!vl)
					return 0;
			}
		}
		if (anl == 3 && TO_LOWER(an[0]) == 'a' && TO_LOWER(an[1]) == 'l' && TO_LOWER(an[2]) == 't' && !*alt) {
			if (has_value && memchr(v, '&', vl))
				return 0; /* the parser would decode it */
			*alt = has_value ? v : "";
			*altlen = vl;
		}
		if (*q != ' ' && *q != '>' && !(q[0] == '/' && q[1] == '>'))
			return 0;
	}
}

/* Returns 0 with the text in b, 1 when the fragment is not simple (b is
 * then to be discarded), -1 on OOM. */
static int fast_collect(const char *s, size_t len, struct buf *b)
{
	const char *p = s, *end = s + len, *run = s;
	char stack[32][16];
	size_t depth = 0;

#define FLUSH() do { if (p > run && buf_append(b, run, (size_t)(p - run)) < 0) return -1; } while (0)
	while (p < end) {
		unsigned char c = (unsigned char)*p;

		if (c != '<' && c != '&') {
			if (c == 0xEF && p + 2 < end && (unsigned char)p[1] == 0xBF &&
			    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF))
				return 1; /* U+FFFE, U+FFFF: not XML characters */
			p++;
			continue;
		}
		FLUSH();
		if (c == '&') {
			const char *q = p + 1;
			uint32_t cp = 0;
			char out[4];

			if (q == end || *q == ' ') {
				if (buf_putc(b, '&') < 0)
					return -1;
				run = p = q;
				continue;
			}
			if (*q == '#') {
				size_t nd = 0;
				int hex = q[1] == 'x' || q[1] == 'X';
				q += hex ? 2 : 1;
				while (nd < 7 && (IS_DIGIT(*q) || (hex && TO_LOWER(*q) >= 'a' && TO_LOWER(*q) <= 'f'))) {
					cp = cp * (hex ? 16 : 10) + (uint32_t)(IS_DIGIT(*q) ? *q - '0' : TO_LOWER(*q) - 'a' + 10);
					q++, nd++;
				}
				if (!nd || *q != ';')
					return 1;
				if (!((cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
				      (cp >= 0x10000 && cp <= 0x10FFFF)))
					return 1;
			} else {
				char name[16];
				size_t n = 0;
				const htmlEntityDesc *e;
				while (n < sizeof(name) - 1 && (IS_ALPHA(*q) || IS_DIGIT(*q)))
					name[n++] = *q++;
				name[n] = '\0';
				if (!n || !IS_ALPHA(name[0]) || *q != ';')
					return 1;
				e = htmlEntityLookup((const xmlChar *)name);
				if (!e || e->value == 0 || e->value > 0x10FFFF)
					return 1;
				cp = e->value;
			}
			if (buf_append(b, out, utf8_put(out, cp)) < 0)
				return -1;
			run = p = q + 1;
			continue;
		}
		/* '<' */
		if (p[1] == '/') {
			char name[16];
			size_t n = fast_name(p + 2, name);
			const char *q = p + 2 + n;
			if (!n || !depth || strcmp(stack[depth - 1], name) != 0)
				return 1;
			if (*q == ' ')
				q++;
			if (*q != '>')
				return 1;
			depth--;
			if (!NAME_IN(name, html_inline) && buf_putc(b, ' ') < 0)
				return -1;
			run = p = q + 1;
			continue;
		} else {
			char name[16], pair[40];
			const char *alt;
			size_t altlen, n;
			int selfclose, block;

			n = fast_start_tag(p, name, &alt, &altlen, &selfclose);
			if (!n || !NAME_IN(name, html_fast))
				return 1;
			if (depth) {
				const char *key = pair;
				snprintf(pair, sizeof(pair), "%s %s", stack[depth - 1], name);
				if (bsearch(&key, html_fast_closes, sizeof(html_fast_closes) / sizeof(html_fast_closes[0]),
				            sizeof(html_fast_closes[0]), cmp_name))
					return 1;
			}
			block = !NAME_IN(name, html_inline);
			if (block && buf_putc(b, ' ') < 0)
				return -1;
			if (!strcmp(name, "img") && alt) {
				char *a = xstrndup(alt, altlen);
				int rc = !a ? -1 : has_ascii_alnum(a) ? 0 : buf_puts(b, a);
				free(a);
				if (rc < 0)
					return -1;
			}
			if (!selfclose && !is_void(name)) {
				if (depth == sizeof(stack) / sizeof(stack[0]))
					return 1;
				memcpy(stack[depth++], name, sizeof(stack[0]));
			}
			run = p = p + n;
			continue;
		}
	}
	FLUSH();
#undef FLUSH
	return 0;
}

static char *html_to_text_once(const char *html, size_t len)
{
	struct buf b = {0};
	char *res;

	int rc;

	if (len > INT32_MAX)
		return NULL;
	b.data = malloc(len + 1); /* the fast path's text is never longer */
	if (!b.data)
		return NULL;
	b.cap = len + 1;
	b.data[0] = '\0';
	rc = fast_collect(html, len, &b);
	if (rc == 1) {
		buf_reset(&b);
		rc = html_collect(html, len, &b);
	}
	if (rc == 2) { /* too deep for the parser (B3) */
		buf_reset(&b);
		rc = strip_collect(html, len, &b);
	}
	if (rc < 0) {
		buf_free(&b);
		return NULL;
	}
	if (text_is_clean(b.data, b.len))
		return buf_detach(&b); /* no second copy */
	res = text_clean(b.data ? b.data : "", b.len);
	buf_free(&b);
	return res;
}

/* A '<' that cannot start a tag, comment or declaration. */
static int is_lone_lt(const char *p)
{
	return p[0] == '<' && !IS_ALPHA(p[1]) && p[1] != '/' && p[1] != '!' && p[1] != '?';
}

static int lone_lt(const char *s)
{
	for (; (s = strchr(s, '<')) != NULL; s++)
		if (is_lone_lt(s))
			return 1;
	return 0;
}

static char *escape_lone_lt(const char *s)
{
	struct buf b = {0};

	for (; *s; s++)
		if (is_lone_lt(s) ? buf_puts(&b, "&lt;") < 0 : buf_putc(&b, *s) < 0) {
			buf_free(&b);
			return NULL;
		}
	return buf_detach(&b);
}

char *text_from_html(const char *html, size_t len)
{
	char *clean, *text, *again;

	if (!html)
		len = 0;
	if (!memchr(html ? html : "", '<', len) && !memchr(html ? html : "", '&', len))
		return text_clean(html, len);
	/* Valid UTF-8 without control bytes before libxml2 sees it. */
	clean = text_clean(html, len);
	if (!clean)
		return NULL;
	if (lone_lt(clean)) { /* "I <3 it": libxml2 would drop a '<' that starts no tag */
		char *esc = escape_lone_lt(clean);
		free(clean);
		if (!esc)
			return NULL;
		clean = esc;
	}
	text = html_to_text_once(clean, strlen(clean));
	/* Input without a single tag whose text is still HTML was escaped twice
	 * (feeds that escape an already escaped description): decode once more. */
	if (text && !strchr(clean, '<') && looks_escaped(text)) {
		again = html_to_text_once(text, strlen(text));
		free(text);
		text = again;
	}
	free(clean);
	return text;
}

/* ---- case folding ---- */

char *text_casefold(const char *s, int turkish)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i, o = 0;
	char *pre, *src;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t rc;

	if (!s)
		return NULL;
	len = strlen(s);
	for (i = 0; i < len && p[i] < 0x80; i++)
		;
	if (i == len) { /* ASCII: the common case, no allocation games */
		char *out = malloc(len * 2 + 1);
		if (!out)
			return NULL;
		for (i = 0; i < len; i++) {
			if (turkish && p[i] == 'I')
				out[o++] = '\xC4', out[o++] = '\xB1'; /* ı */
			else
				out[o++] = (char)TO_LOWER(p[i]);
		}
		out[o] = '\0';
		return out;
	}
	/* Valid UTF-8 first; İ (U+0130) is Turkish/Azeri only and becomes i in
	 * either mode (full case folding would give i + combining dot); I
	 * becomes ı in Turkish mode. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	pre = malloc(len * 3 + 1);
	if (!pre)
		return NULL;
	for (i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (n == 0) {
			o += utf8_put(pre + o, 0xFFFD);
			i++;
			continue;
		}
		if (cp == 0x130)
			pre[o++] = 'i';
		else if (turkish && cp == 'I')
			pre[o++] = '\xC4', pre[o++] = '\xB1';
		else
			memcpy(pre + o, p + i, n), o += n;
		i += n;
	}
	pre[o] = '\0';
	src = pre;
	rc = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)o, &folded,
	                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	free(pre);
	if (rc < 0)
		return NULL;
	return (char *)folded;
}
