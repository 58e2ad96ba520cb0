/* fuzz_text.c - text_clean, text_from_html, text_to_utf8, text_is_utf8 and
 * text_casefold on arbitrary bytes. Besides crashes, the contract of
 * text.h is checked: output is valid UTF-8, text_clean's is trimmed and
 * has no space runs. The first byte picks the charset for text_to_utf8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hark/text.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static const char *const charsets[] = {
	NULL, "", "utf-8", "UTF8", "windows-1254", "ISO-8859-9", "latin1", "cp1252",
	"koi8-r", "shift_jis", "utf-16", "UTF-16LE", "euc-kr", "gb18030", "\"iso-8859-2\"",
	"x-no-such-charset", "ebcdic-us", "utf-32", "big5", "iso-2022-jp",
};

static void check_clean(const char *s)
{
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	CHECK(text_is_utf8(s, n));
	CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
	CHECK(strstr(s, "  ") == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *cs = size ? charsets[data[0] % (sizeof(charsets) / sizeof(charsets[0]))] : NULL;
	char *out, *z;
	size_t outlen = (size_t)-1;

	(void)text_is_utf8(s, size);

	out = text_clean(s, size);
	check_clean(out);
	free(out);

	out = text_from_html(s, size);
	if (out)
		CHECK(text_is_utf8(out, strlen(out)));
	free(out);

	out = text_to_utf8(s, size, cs, &outlen);
	if (out) {
		CHECK(outlen != (size_t)-1);
		CHECK(text_is_utf8(out, outlen));
	}
	free(out);

	/* casefold takes a C string: cut at the first NUL. */
	z = xstrndup(s, size);
	if (z) {
		out = text_casefold(z, 0);
		free(out);
		out = text_casefold(z, 1);
		free(out);
		free(z);
	}
	return 0;
}

#include "fuzz_main.h"
