/* fuzz_url_mask.c - url_mask on an arbitrary string. The mask must be
 * stable (masking a masked URL changes nothing) and must hide the password
 * of scheme://user:password@host. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hark/fetch.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *url = xstrndup((const char *)data, size);
	char *m1, *m2;

	if (!url)
		return 0;
	m1 = url_mask(url);
	CHECK(m1 != NULL);
	m2 = url_mask(m1);
	CHECK(m2 != NULL);
	CHECK(!strcmp(m1, m2));
	free(m1);
	free(m2);

	/* With a known password in the authority, it must not survive. */
	{
		struct buf b = {0};
		CHECK(buf_puts(&b, "https://user:Zq9PASSWORDxK@") == 0);
		/* The rest of the input as host and path, without another '@'
		 * (whose last occurrence ends the userinfo). */
		if (!strchr(url, '@')) {
			CHECK(buf_puts(&b, url) == 0);
			m1 = url_mask(b.data);
			CHECK(m1 != NULL);
			CHECK(strstr(m1, "Zq9PASSWORDxK") == NULL || strstr(url, "Zq9PASSWORDxK") != NULL);
			free(m1);
		}
		buf_free(&b);
	}
	free(url);
	return 0;
}

#include "fuzz_main.h"
