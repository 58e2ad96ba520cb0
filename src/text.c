/* text.c - STUB (being written): passes text through. */
#include <stdlib.h>
#include <string.h>

#include "hark/text.h"
#include "hark/util.h"

char *text_clean(const char *s, size_t len) { return xstrndup(s, len); }
char *text_from_html(const char *html, size_t len) { return xstrndup(html, len); }
char *text_to_utf8(const char *s, size_t len, const char *charset, size_t *outlen)
{
	(void)charset;
	if (outlen)
		*outlen = len;
	return xstrndup(s, len);
}
int text_is_utf8(const char *s, size_t len) { (void)s; (void)len; return 1; }
char *text_casefold(const char *s, int turkish) { (void)turkish; return xstrdup(s); }
