/* htime.c - STUB for date parsing (being written); durations and sizes work. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hark/htime.h"
#include "hark/util.h"

int64_t time_from_civil(int y, int m, int d, int h, int mi, int s)
{
	/* Days from civil, Howard Hinnant's algorithm. */
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 + h * 3600 + mi * 60 + s;
}

int64_t time_parse_rfc822(const char *s) { (void)s; return HARK_TIME_NONE; }
int64_t time_parse_rfc3339(const char *s)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) >= 3)
		return time_from_civil(y, mo, d, h, mi, sec);
	return HARK_TIME_NONE;
}
int64_t time_parse(const char *s) { return time_parse_rfc3339(s); }

char *time_format_rfc3339(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

static int parse_scaled(const char *s, int64_t *out, const char *units, const int64_t *scale)
{
	char *end;
	long long v;
	const char *u;

	if (!s || !IS_DIGIT(*s))
		return -1;
	v = strtoll(s, &end, 10);
	if (v < 0)
		return -1;
	while (*end == ' ')
		end++;
	if (*end == '\0') {
		*out = v;
		return 0;
	}
	u = strchr(units, *end);
	if (!u || (end[1] != '\0' && !(end[1] == 'B' && end[2] == '\0') && !(end[1] == 'i' && end[2] == 'B')))
		return -1;
	*out = v * scale[u - units];
	return 0;
}

int parse_duration(const char *s, int64_t *secs)
{
	static const int64_t scale[] = {1, 60, 3600, 86400, 604800};
	return parse_scaled(s, secs, "smhdw", scale);
}

int parse_size(const char *s, int64_t *bytes)
{
	static const int64_t scale[] = {1024, 1024, 1048576, 1048576, 1073741824, 1073741824};
	return parse_scaled(s, bytes, "kKmMgG", scale);
}

int parse_time_arg(const char *s, int64_t now, int64_t *out)
{
	int64_t age;
	int64_t t;

	if (parse_duration(s, &age) == 0 && strchr("smhdw", s[strlen(s) - 1])) {
		*out = now - age;
		return 0;
	}
	t = time_parse_rfc3339(s);
	if (t == HARK_TIME_NONE)
		return -1;
	*out = t;
	return 0;
}

int64_t hark_now(void)
{
	const char *e = getenv("HARK_NOW");

	if (e && *e) {
		int64_t t = time_parse(e);
		if (t == HARK_TIME_NONE && IS_DIGIT(*e))
			t = strtoll(e, NULL, 10);
		if (t != HARK_TIME_NONE)
			return t;
	}
	return (int64_t)time(NULL);
}
