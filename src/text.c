/* text.c - turning what strangers send into clean plain UTF-8 text.
 *
 * Everything here works on bytes with locale-independent tests. libxml2's
 * HTML parser does the tag soup and entities; utf8proc does case folding.
 * Undeclared 8-bit text is read as Windows-1254: it is Latin-1/Windows-1252
 * for every letter except six, which are the Turkish ones (Ğ İ Ş ğ ı ş). */
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

char *text_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out;
	size_t i = 0, o = 0, n;
	int space = 0;
	uint32_t cp;

	if (!s)
		len = 0;
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

/* Any other charset through libxml2's converters (iconv behind them).
 * Bytes the converter rejects become U+FFFD. NULL when the charset is
 * unknown (*unknown set), on allocation failure or past 512 MB. */
static char *decode_libxml2(const char *s, size_t len, const char *charset, size_t *outlen, int *unknown)
{
	xmlCharEncodingHandlerPtr h;
	xmlBufferPtr in, out;
	xmlGenericErrorFunc old_handler;
	void *old_ctx;
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
	old_handler = xmlGenericError;
	old_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent_error);
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
	xmlSetGenericErrorFunc(old_ctx, old_handler);
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

static int is_block(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && !NAME_IN((const char *)n->name, html_inline);
}

static int has_ascii_alnum(const char *s)
{
	for (; *s; s++)
		if (IS_ALPHA(*s) || IS_DIGIT(*s))
			return 1;
	return 0;
}

/* The text of a parsed HTML tree, walked without recursion (tag soup can
 * nest deeply). */
static int html_collect(xmlNodePtr root, struct buf *b)
{
	xmlNodePtr n = root;

	while (n) {
		int descend = 1;

		if (n->type == XML_ELEMENT_NODE) {
			if (NAME_IN((const char *)n->name, html_dropped))
				descend = 0;
			else if (is_block(n) && buf_putc(b, ' ') < 0)
				return -1;
			if (n->name && strcmp((const char *)n->name, "img") == 0) {
				/* an emoji drawn as an image keeps its meaning through
				 * its alt text; wordy alt text (thumbnails) is noise */
				xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
				int rc = alt && !has_ascii_alnum((const char *)alt) ? buf_puts(b, (const char *)alt) : 0;
				xmlFree(alt);
				if (rc < 0)
					return -1;
			}
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content && buf_puts(b, (const char *)n->content) < 0)
				return -1;
		}
		if (descend && n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n == root)
				return 0;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n)
				return 0;
			if (is_block(n) && buf_putc(b, ' ') < 0)
				return -1;
		}
	}
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

static char *html_to_text_once(const char *html, size_t len)
{
	htmlDocPtr doc;
	struct buf b = {0};
	char *res;

	if (len > INT32_MAX)
		return NULL;
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                     HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
	if (!doc)
		return xstrdup(""); /* nothing the parser could make sense of */
	if (html_collect(xmlDocGetRootElement(doc), &b) < 0) {
		xmlFreeDoc(doc);
		buf_free(&b);
		return NULL;
	}
	xmlFreeDoc(doc);
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
