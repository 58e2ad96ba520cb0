/* text.h - turning what strangers send into clean plain UTF-8 text. */
#ifndef HARK_TEXT_H
#define HARK_TEXT_H

#include <stddef.h>

/* Valid UTF-8 (invalid bytes become U+FFFD), control characters dropped,
 * whitespace runs folded to one space, trimmed. Caller frees; NULL on OOM. */
char *text_clean(const char *s, size_t len);
/* Would text_clean give s back unchanged? (Then it need not run.) */
int text_is_clean(const char *s, size_t len);
/* HTML fragment to plain text: tags dropped (block elements become spaces),
 * entities decoded, then text_clean. */
char *text_from_html(const char *html, size_t len);
/* Bytes in charset (NULL or "" = guess: UTF-8 if valid, else Windows-1254
 * which covers Latin-1 and Turkish) to UTF-8. Caller frees. */
char *text_to_utf8(const char *s, size_t len, const char *charset, size_t *outlen);
int text_is_utf8(const char *s, size_t len);
/* Unicode case folding after NFKC; turkish != 0 maps I to ı and İ to i. */
char *text_casefold(const char *s, int turkish);

/* libxml2 prints some errors (encoding errors, XPath errors) straight to
 * stderr through its generic error handler; src/ and adapters/ never
 * print. text_quiet_begin saves that handler and puts one that drops
 * everything in its place, text_quiet_end puts the saved one back (same
 * thread; errors a parser context records in lastError are kept). */
struct text_quiet {
	void (*func)(void *ctx, const char *msg, ...);
	void *ctx;
};
void text_quiet_begin(struct text_quiet *q);
void text_quiet_end(const struct text_quiet *q);

#endif
