/* htime.h - dates, durations and sizes; pure, locale- and TZ-independent. */
#ifndef HARK_HTIME_H
#define HARK_HTIME_H

#include <stdint.h>
#include "hark/mention.h" /* HARK_TIME_NONE */

/* RFC 822/1123 (named and numeric zones, two-digit years, optional weekday
 * and seconds), RFC 3339 / W3CDTF, and plain Unix seconds. HARK_TIME_NONE
 * when the text is not a date. */
int64_t time_parse(const char *s);
int64_t time_parse_rfc822(const char *s);
int64_t time_parse_rfc3339(const char *s);

/* "2026-11-22T09:14:00Z" into out[21+]; returns out. */
char *time_format_rfc3339(int64_t t, char out[32]);
int64_t time_from_civil(int y, int mon, int d, int h, int mi, int s); /* UTC */

/* "30s", "30m", "1h", "7d", "2w", plain seconds. 0 ok, -1 bad. */
int parse_duration(const char *s, int64_t *secs);
/* "8M", "512k", "1G", plain bytes. */
int parse_size(const char *s, int64_t *bytes);
/* Command-line time: YYYY-MM-DD, RFC 3339, or an age such as 7d (now - age). */
int parse_time_arg(const char *s, int64_t now, int64_t *out);

/* The clock. HARK_NOW=<unix seconds or RFC 3339> in the environment fixes it
 * (tests inject time this way). */
int64_t hark_now(void);

#endif
