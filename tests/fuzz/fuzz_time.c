/* fuzz_time.c - every parser of htime.h on an arbitrary string. A time
 * that parses must format and parse back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hark/htime.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void roundtrip(int64_t t)
{
	char out[32];

	/* Years 0001..9999 are what RFC 3339 can carry. */
	if (t == HARK_TIME_NONE || t < -62135596800LL || t > 253402300799LL)
		return;
	time_format_rfc3339(t, out);
	CHECK(strlen(out) < 32);
	CHECK(time_parse_rfc3339(out) == t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	int64_t v;

	if (!s)
		return 0;
	roundtrip(time_parse(s));
	roundtrip(time_parse_rfc822(s));
	roundtrip(time_parse_rfc3339(s));
	(void)parse_duration(s, &v);
	(void)parse_size(s, &v);
	if (parse_time_arg(s, 1795000000, &v) == 0)
		roundtrip(v);
	free(s);
	return 0;
}

#include "fuzz_main.h"
