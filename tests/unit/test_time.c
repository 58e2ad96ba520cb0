/* test_time.c - the date parser's table of cases, durations, sizes, the
 * RFC 3339 formatter and the injected clock. */
#include <stdint.h>

#include "hark/htime.h"
#include "t.h"

#define NONE "null"

static const struct {
	const char *in;
	const char *want; /* UTC RFC 3339, or NONE */
} cases[] = {
	/* RFC 822 / 1123 / 2822 */
	{"Sun, 22 Nov 2026 09:14:00 GMT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00 +0000", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 12:14:00 +0300", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 06:14:00 -0300", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 12:14:00 +03:00", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00 UT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00 UTC", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00 Z", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 04:14:00 EST", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 05:14:00 EDT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 03:14:00 CST", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 04:14:00 CDT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 02:14:00 MST", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 03:14:00 MDT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 01:14:00 PST", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 02:14:00 PDT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 12:14:00 TRT", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 10:14:00 A", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 21:14:00 M", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 08:14:00 N", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 12:14:00 gmt+0300", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00 +0000 (UTC)", "2026-11-22T09:14:00Z"},
	{"22 Nov 2026 09:14:00 GMT", "2026-11-22T09:14:00Z"},   /* no weekday */
	{"Sun, 22 Nov 2026 09:14 GMT", "2026-11-22T09:14:00Z"}, /* no seconds */
	{"Wed, 6 Apr 2022 10:00:00 +0000", "2022-04-06T10:00:00Z"}, /* one-digit day */
	{"03 Apr 02 1500 GMT", "2002-04-03T15:00:00Z"},         /* 2-digit year, no colon */
	{"Thu, 01 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00Z"},
	{"Fri, 01 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z"},
	{"Sat, 01 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z"},
	{"Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"}, /* RFC 850 */
	{"Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"},         /* asctime */
	{"Nov 22, 2026 9:14 PM", "2026-11-22T21:14:00Z"},
	{"Nov 22, 2026 12:05 am", "2026-11-22T00:05:00Z"},
	{"November 22, 2026", "2026-11-22T00:00:00Z"},
	{"  Sun, 22 Nov 2026 09:14:00 GMT \t", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00.250 +0000", "2026-11-22T09:14:00Z"},
	{"Sun, 22 Nov 2026 09:14:00 XYZ", "2026-11-22T09:14:00Z"}, /* unknown zone: UTC */
	{"Mon, 29 Feb 2016 00:00:00 GMT", "2016-02-29T00:00:00Z"},
	{"Sun, 31 Dec 2016 23:59:60 GMT", "2016-12-31T23:59:59Z"},
	{"Mon Nov 16 2026 10:00:00 GMT+0300 (Turkey Time)", "2026-11-16T07:00:00Z"}, /* JavaScript */
	{"Monday, November 16, 2026 10:00 AM", "2026-11-16T10:00:00Z"},
	{"16 Nov 2026 10:00:00 Europe/Istanbul", "2026-11-16T10:00:00Z"},
	{"16/11/2026 10:00", "2026-11-16T10:00:00Z"},
	{"11/16/2026 10:00", "2026-11-16T10:00:00Z"},
	{"05/06/2026", NONE}, /* day and month could swap */
	{"2026/05/06 10:00:00", "2026-05-06T10:00:00Z"},
	{"2026.11.22", "2026-11-22T00:00:00Z"},
	{"22 Kasım 2026 Pazar 10:00", "2026-11-22T10:00:00Z"},
	{"Thu,03 Nov 2011 14:11:49 PST", "2011-11-03T22:11:49Z"},
	{"Sat, 07 Sep 2002 0:00:01 GMT+1", "2002-09-06T23:00:01Z"},
	/* non-English names */
	{"Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"},
	{"Ter, 02 Out 2018 10:00:00 -0300", "2018-10-02T13:00:00Z"},
	{"Sáb, 01 Dez 2018 10:00:00 -0200", "2018-12-01T12:00:00Z"},
	{"24 de setembro de 2018 19:42", "2018-09-24T19:42:00Z"},
	{"Pzt, 22 Kas 2026 12:14:00 +0300", "2026-11-22T09:14:00Z"},
	{"22 Kasım 2026 12:14", "2026-11-22T12:14:00Z"},
	{"22 KASIM 2026", "2026-11-22T00:00:00Z"},
	{"Çar, 19 Ağu 2026 10:00:00 +0300", "2026-08-19T07:00:00Z"},
	{"01 Şubat 2026", "2026-02-01T00:00:00Z"},
	{"15 Mayıs 2026 08:00", "2026-05-15T08:00:00Z"},
	{"Mi, 18 Mär 2026 10:00:00 +0100", "2026-03-18T09:00:00Z"},
	{"Mo, 22. Dezember 2025 10:00", "2025-12-22T10:00:00Z"},
	{"22.11.2026 09:14", "2026-11-22T09:14:00Z"},
	{"mar., 22 nov. 2026 09:14:00 +0100", "2026-11-22T08:14:00Z"}, /* French Tuesday */
	{"jue, 19 mar 2026 10:00:00 +0100", "2026-03-19T09:00:00Z"},
	/* RFC 3339 / W3CDTF */
	{"2026-11-22T09:14:00Z", "2026-11-22T09:14:00Z"},
	{"2026-11-22T09:14:00z", "2026-11-22T09:14:00Z"},
	{"2026-11-22T12:14:00+03:00", "2026-11-22T09:14:00Z"},
	{"2026-11-22T06:14:00-03:00", "2026-11-22T09:14:00Z"},
	{"2026-11-22T12:14:00+0300", "2026-11-22T09:14:00Z"},
	{"2026-11-22T09:14:00.123456Z", "2026-11-22T09:14:00Z"},
	{"2026-11-22T12:14:00.5+03:00", "2026-11-22T09:14:00Z"},
	{"2026-11-22T09:14Z", "2026-11-22T09:14:00Z"},
	{"2026-11-22T09:14:00", "2026-11-22T09:14:00Z"},
	{"2026-11-22 09:14:00", "2026-11-22T09:14:00Z"},
	{"2026-11-22 09:14:00 UTC", "2026-11-22T09:14:00Z"},
	{"2026-11-22 12:14:00 +0300", "2026-11-22T09:14:00Z"},
	{"2026-11-22", "2026-11-22T00:00:00Z"},
	{"2026-11", "2026-11-01T00:00:00Z"},
	{"20261122", "2026-11-22T00:00:00Z"},
	{"1999-12-31T23:59:59-00:00", "1999-12-31T23:59:59Z"},
	/* Unix time */
	{"1518478934", "2018-02-12T23:42:14Z"},
	{"1518478934000", "2018-02-12T23:42:14Z"},
	{" 1518478934 ", "2018-02-12T23:42:14Z"},
	/* not dates */
	{"", NONE},
	{"   ", NONE},
	{"yesterday", NONE},
	{"hello world 2026", NONE},
	{"Sun, 32 Nov 2026 09:14:00 GMT", NONE},
	{"Sun, 29 Feb 2026 09:14:00 GMT", NONE},
	{"Sun, 22 Foo 2026 09:14:00 GMT", NONE},
	{"Sun, 22 Nov 2026 25:14:00 GMT", NONE},
	{"Sun, 22 Nov 2026 09:61:00 GMT", NONE},
	{"Sun, 22 Nov 2026 09:14:00 +9900", NONE},
	{"2026-13-01T00:00:00Z", NONE},
	{"2026-11-22T09:14:00Q+", NONE},
	{"2026-11-22Tfoo", NONE},
	{"12345", NONE},
	{"Nov 2026", NONE},
	{"22 Nov", NONE},
};

int main(void)
{
	size_t i;
	char buf[32], what[160];
	int64_t v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t = time_parse(cases[i].in);
		snprintf(what, sizeof(what), "time_parse(\"%s\")", cases[i].in);
		T_STR(t == HARK_TIME_NONE ? NONE : time_format_rfc3339(t, buf), cases[i].want, what);
	}
	T_INT(time_parse(NULL), HARK_TIME_NONE, "time_parse(NULL) is none");
	T_INT(time_parse_rfc3339("Sun, 22 Nov 2026 09:14:00 GMT"), HARK_TIME_NONE, "rfc3339 rejects RFC 822");
	T_INT(time_parse_rfc822("Sun, 22 Nov 2026 09:14:00 GMT"), 1795338840, "rfc822 direct");

	T_STR(time_format_rfc3339(0, buf), "1970-01-01T00:00:00Z", "format epoch");
	T_STR(time_format_rfc3339(-1, buf), "1969-12-31T23:59:59Z", "format before epoch");
	T_STR(time_format_rfc3339(951782400, buf), "2000-02-29T00:00:00Z", "format leap day");
	T_STR(time_format_rfc3339(INT64_MAX, buf), "9999-12-31T23:59:59Z", "format clamps huge");
	T_INT(time_from_civil(2026, 11, 22, 9, 14, 0), 1795338840, "time_from_civil");

	T_OK(parse_duration("30m", &v) == 0 && v == 1800, "duration 30m");
	T_OK(parse_duration("1h", &v) == 0 && v == 3600, "duration 1h");
	T_OK(parse_duration("7d", &v) == 0 && v == 604800, "duration 7d");
	T_OK(parse_duration("2w", &v) == 0 && v == 1209600, "duration 2w");
	T_OK(parse_duration("45", &v) == 0 && v == 45, "duration plain seconds");
	T_OK(parse_duration("x", &v) < 0 && parse_duration("5y", &v) < 0, "bad durations");
	T_OK(parse_size("8M", &v) == 0 && v == 8388608, "size 8M");
	T_OK(parse_size("512k", &v) == 0 && v == 524288, "size 512k");
	T_OK(parse_size("1G", &v) == 0 && v == 1073741824, "size 1G");
	T_OK(parse_size("8MB", &v) == 0 && v == 8388608, "size 8MB");
	T_OK(parse_size("-1", &v) < 0 && parse_size("8X", &v) < 0, "bad sizes");
	T_OK(parse_size("99999999999999M", &v) < 0, "size overflow rejected (BUGS.md B1)");
	T_OK(parse_duration("99999999999999999999w", &v) < 0, "duration past LLONG_MAX rejected");
	T_OK(parse_duration("15250284452472w", &v) < 0, "duration overflow on scaling rejected");
	T_OK(parse_duration("9223372036854775807", &v) == 0 && v == INT64_MAX, "largest plain duration");

	T_OK(parse_time_arg("7d", 1000000, &v) == 0 && v == 1000000 - 604800, "time arg age");
	T_OK(parse_time_arg("2026-11-22", 0, &v) == 0 && v == 1795305600, "time arg date");
	T_OK(parse_time_arg("2026-11-22T09:14:00Z", 0, &v) == 0 && v == 1795338840, "time arg rfc3339");
	T_OK(parse_time_arg("soon", 0, &v) < 0 && parse_time_arg("", 0, &v) < 0, "bad time args");

	setenv("HARK_NOW", "2026-11-22T09:14:00Z", 1);
	T_INT(hark_now(), 1795338840, "HARK_NOW as RFC 3339");
	setenv("HARK_NOW", "1795338840", 1);
	T_INT(hark_now(), 1795338840, "HARK_NOW as Unix seconds");
	setenv("HARK_NOW", "1000", 1);
	T_INT(hark_now(), 1000, "HARK_NOW small number");
	unsetenv("HARK_NOW");
	T_OK(hark_now() > 1700000000, "real clock without HARK_NOW");
	T_DONE();
}
