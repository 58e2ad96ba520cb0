/* htime.c - dates, durations and sizes.
 *
 * One pure date parser: no mktime, TZ, strptime or locale. It reads what
 * feeds actually send: RFC 822/1123/2822 with named or numeric zones,
 * two-digit years, optional weekday and seconds, "1500" for 15:00, names of
 * months in English, German, French, Spanish, Portuguese and Turkish; RFC
 * 3339 / W3CDTF; and plain Unix seconds. tests/unit/test_time.c is its
 * table of cases. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
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
	return days * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + s;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* Range checks shared by both grammars; a leap second reads as :59. */
static int64_t civil_checked(int y, int mo, int d, int h, int mi, int s, int off_min)
{
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return HARK_TIME_NONE;
	if (h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60 || (h == 24 && (mi || s)))
		return HARK_TIME_NONE;
	if (s == 60)
		s = 59;
	return time_from_civil(y, mo, d, h, mi, s) - (int64_t)off_min * 60;
}

/* Read exactly n digits. */
static int digits(const char **pp, int n, int *v)
{
	const char *p = *pp;
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (!IS_DIGIT(p[i]))
			return -1;
		x = x * 10 + (p[i] - '0');
	}
	*v = x;
	*pp = p + n;
	return 0;
}

/* Named zones, minutes east of UTC. Sorted for bsearch. Ambiguous
 * abbreviations take their most common meaning (IST India, BST British). */
static const struct zone {
	const char *name;
	int off;
} zones[] = {
	{"ACDT", 630}, {"ACST", 570}, {"AEDT", 660}, {"AEST", 600}, {"AKDT", -480},
	{"AKST", -540}, {"ART", -180}, {"AST", -240}, {"AWST", 480}, {"BRST", -120},
	{"BRT", -180}, {"BST", 60}, {"CAT", 120}, {"CDT", -300}, {"CEST", 120},
	{"CET", 60}, {"CST", -360}, {"EAT", 180}, {"EDT", -240}, {"EEST", 180},
	{"EET", 120}, {"EST", -300}, {"GMT", 0}, {"HKT", 480}, {"HST", -600},
	{"IDT", 180}, {"IST", 330}, {"JST", 540}, {"KST", 540}, {"MDT", -360},
	{"MESZ", 120}, {"MEZ", 60}, {"MSK", 180}, {"MST", -420}, {"NZDT", 780},
	{"NZST", 720}, {"PDT", -420}, {"PHT", 480}, {"PST", -480}, {"SAST", 120},
	{"SGT", 480}, {"TRT", 180}, {"UT", 0}, {"UTC", 0}, {"WAT", 60},
	{"WEST", 60}, {"WET", 0}, {"Z", 0},
};

static int zone_cmp(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const struct zone *)e)->name);
}

/* A zone name (upper case) in minutes; -1 when unknown. Single military
 * letters mean what the military means (A = +1 h ... M = +12 h, N = -1 h ...
 * Y = -12 h, Z = UTC), not RFC 822's reversed signs. */
static int zone_lookup(const char *name, int *off)
{
	const struct zone *z;

	z = bsearch(name, zones, sizeof(zones) / sizeof(zones[0]), sizeof(zones[0]), zone_cmp);
	if (z) {
		*off = z->off;
		return 0;
	}
	if (name[0] >= 'A' && name[0] <= 'Y' && name[0] != 'J' && name[1] == '\0') {
		int c = name[0];
		*off = c < 'J' ? (c - 'A' + 1) * 60 : c <= 'M' ? (c - 'A') * 60 : -(c - 'N' + 1) * 60;
		return 0;
	}
	return -1;
}

/* "+0300", "-03:00", "+03", "+3": minutes; p at the sign. */
static int numeric_zone(const char **pp, int *off)
{
	const char *p = *pp;
	int sign = *p == '-' ? -1 : 1, h = 0, m = 0, n = 0;

	p++;
	while (IS_DIGIT(p[n]))
		n++;
	if (n == 4) {
		digits(&p, 2, &h);
		digits(&p, 2, &m);
	} else if (n == 2 || n == 1) {
		digits(&p, n, &h);
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &m) < 0)
				return -1;
		}
	} else {
		return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	*pp = p;
	return 0;
}

/* Zone at p (after optional spaces): Z, a name, a numeric offset, or a name
 * followed by an offset ("GMT+03:00"). Returns -1 when something else is
 * there; sets *off and advances when a zone was read. */
static int parse_zone(const char **pp, int *off)
{
	const char *p = *pp;
	char name[8];
	size_t n = 0;
	int extra;

	while (*p == ' ')
		p++;
	if (*p == '+' || *p == '-') {
		if (numeric_zone(&p, off) < 0)
			return -1;
		*pp = p;
		return 0;
	}
	while (IS_ALPHA(*p) && n + 1 < sizeof(name))
		name[n++] = (char)(*p >= 'a' ? *p - 32 : *p), p++;
	name[n] = '\0';
	if (n == 0 || IS_ALPHA(*p) || zone_lookup(name, off) < 0)
		return -1;
	if ((*p == '+' || *p == '-') && numeric_zone(&p, &extra) == 0)
		*off += extra;
	*pp = p;
	return 0;
}

static const char *skip_trailer(const char *p)
{
	while (IS_SPACE(*p))
		p++;
	if (*p == '(') { /* RFC 822 comment: "+0000 (UTC)" */
		const char *q = strchr(p, ')');
		if (q)
			p = q + 1;
		while (IS_SPACE(*p))
			p++;
	}
	return p;
}

int64_t time_parse_rfc3339(const char *s)
{
	const char *p = s;
	int y, mo, d = 1, h = 0, mi = 0, sec = 0, off = 0;

	if (!s)
		return HARK_TIME_NONE;
	while (IS_SPACE(*p))
		p++;
	if (digits(&p, 4, &y) < 0 || *p++ != '-' || digits(&p, 2, &mo) < 0)
		return HARK_TIME_NONE;
	if (*p == '-') { /* W3CDTF allows YYYY-MM alone */
		p++;
		if (digits(&p, 2, &d) < 0)
			return HARK_TIME_NONE;
	}
	if (*p == 'T' || *p == 't' || (*p == ' ' && IS_DIGIT(p[1]))) {
		p++;
		if (digits(&p, 2, &h) < 0 || *p++ != ':' || digits(&p, 2, &mi) < 0)
			return HARK_TIME_NONE;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec) < 0)
				return HARK_TIME_NONE;
			if (*p == '.' || *p == ',') {
				p++;
				if (!IS_DIGIT(*p))
					return HARK_TIME_NONE;
				while (IS_DIGIT(*p))
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p && !IS_SPACE(*p) && *p != '+' && *p != '-')
			return HARK_TIME_NONE;
		else if (*skip_trailer(p) && parse_zone(&p, &off) < 0)
			return HARK_TIME_NONE;
	}
	if (*skip_trailer(p))
		return HARK_TIME_NONE;
	return civil_checked(y, mo, d, h, mi, sec, off);
}

/* Month names, lower case, in the languages feeds come in. A word names a
 * month when it equals an entry or is a prefix of at least three letters of
 * one ("Sept", "Set.", "Mär", "Eyl"). */
static const struct month_name {
	const char *name;
	int month;
} month_names[] = {
	/* English */
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
	{"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10},
	{"november", 11}, {"december", 12},
	/* German */
	{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mrz", 3},
	{"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
	/* French */
	{"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4},
	{"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9},
	{"octobre", 10}, {"novembre", 11}, {"décembre", 12},
	/* Spanish and Portuguese */
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
	{"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9},
	{"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5},
	{"junho", 6}, {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11},
	{"dezembro", 12},
	/* Turkish, also as often written without Turkish letters */
	{"ocak", 1}, {"şubat", 2}, {"subat", 2}, {"mart", 3}, {"nisan", 4},
	{"mayıs", 5}, {"mayis", 5}, {"haziran", 6}, {"temmuz", 7}, {"ağustos", 8},
	{"agustos", 8}, {"eylül", 9}, {"eylul", 9}, {"ekim", 10}, {"kasım", 11},
	{"kasim", 11}, {"aralık", 12}, {"aralik", 12},
};

/* Bytes of the (at least three) letters of a prefix: "mär" is 4 bytes. */
static size_t utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static int month_lookup(const char *w, size_t n)
{
	size_t i;

	if (utf8_chars(w, n) < 3)
		return 0;
	for (i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++)
		if (strncmp(month_names[i].name, w, n) == 0)
			return month_names[i].month;
	return 0;
}

/* Lower-case a word: ASCII, Latin-1 capitals (Ä Ö Ü Ç É ...) and the Latin
 * Extended-A pairs (Ş Ğ), İ as i. Writes at most size-1 bytes. */
static size_t word_lower(const char *w, size_t n, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)w;
	size_t i, o = 0;

	for (i = 0; i < n && o + 2 < size; i++) {
		unsigned c = p[i];
		if (c < 0x80) {
			out[o++] = (char)TO_LOWER(c);
		} else if (c == 0xC3 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9E && p[i + 1] != 0x97) {
			out[o++] = (char)c;
			out[o++] = (char)(p[++i] + 0x20);
		} else if (c == 0xC4 && i + 1 < n && p[i + 1] == 0xB0) {
			out[o++] = 'i';
			i++;
		} else if ((c == 0xC4 || c == 0xC5) && i + 1 < n && (p[i + 1] & 1) == 0 &&
		           !(c == 0xC4 && p[i + 1] >= 0xB8) && !(c == 0xC5 && p[i + 1] <= 0x88)) {
			out[o++] = (char)c;
			out[o++] = (char)(p[++i] + 1);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return o;
}

/* Words that may stand between the parts of a date ("24 de setembro de"). */
static int filler_word(const char *w)
{
	return strcmp(w, "de") == 0 || strcmp(w, "del") == 0 || strcmp(w, "of") == 0 ||
	       strcmp(w, "at") == 0 || strcmp(w, "um") == 0 || strcmp(w, "à") == 0 || strcmp(w, "a") == 0;
}

int64_t time_parse_rfc822(const char *s)
{
	const char *p = s;
	int day = -1, mon = -1, year = -1, h = -1, mi = 0, sec = 0, off = 0;
	int numbers = 0, pm = -1, year_digits = 0;
	int mon_first = 0; /* the month came from a leading word: maybe a weekday ("mar." is Tuesday in French) */
	char prev_sep = ' ';

	if (!s)
		return HARK_TIME_NONE;
	for (;;) {
		char sep = 0;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ',' || *p == '.' ||
		       *p == '/' || (*p == '-' && h < 0)) {
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				sep = *p;
			p++;
		}
		if (!*p)
			break;
		if (*p == '(') {
			const char *q = strchr(p, ')');
			if (!q)
				return HARK_TIME_NONE;
			p = q + 1;
			continue;
		}
		if (IS_DIGIT(*p)) {
			const char *q = p;
			long v = 0;
			int n = 0;
			while (IS_DIGIT(*q) && n < 9)
				v = v * 10 + (*q++ - '0'), n++;
			if (IS_DIGIT(*q))
				return HARK_TIME_NONE;
			if (*q == ':') { /* h:mm[:ss[.frac]] */
				if (h >= 0 || n > 2)
					return HARK_TIME_NONE;
				h = (int)v;
				q++;
				if (digits(&q, 2, &mi) < 0)
					return HARK_TIME_NONE;
				if (*q == ':') {
					q++;
					if (digits(&q, 2, &sec) < 0)
						return HARK_TIME_NONE;
					if (*q == '.' && IS_DIGIT(q[1]))
						for (q++; IS_DIGIT(*q); q++)
							;
				}
				p = q;
				numbers++;
				continue;
			}
			if (h < 0 && n == 4 && day >= 0 && mon >= 0 && year >= 0) { /* "1500" */
				h = (int)(v / 100);
				mi = (int)(v % 100);
			} else if (n >= 3 && year < 0) {
				year = (int)v;
				year_digits = n;
			} else if (year >= 0 && day < 0 && mon < 0 && n <= 2 && v >= 1 && v <= 12 &&
			           (sep == '/' || sep == '-' || sep == '.')) {
				mon = (int)v; /* 2026/11/22: year first, then month */
			} else if (day < 0 && n <= 2) {
				day = (int)v;
			} else if (mon < 0 && n <= 2 && v >= 1 && v <= 12 && (prev_sep == '.' || sep == '.')) {
				mon = (int)v; /* 22.11.2026 */
			} else if (mon < 0 && n <= 2 && day >= 1 && (sep == '/' || sep == '-')) {
				/* 22/11/2026 or 11/22/2026; 05/06/2026 could be either */
				if (v > 12 && v <= 31 && day <= 12)
					mon = day, day = (int)v;
				else if (v >= 1 && v <= 12 && day > 12)
					mon = (int)v;
				else
					return HARK_TIME_NONE;
			} else if (year < 0 && n <= 2 && mon >= 0) {
				year = (int)v;
				year_digits = n;
			} else {
				return HARK_TIME_NONE;
			}
			numbers++;
			p = q;
			prev_sep = sep ? sep : ' ';
			continue;
		}
		if ((*p == '+' || *p == '-') && h >= 0) {
			if (numeric_zone(&p, &off) < 0)
				return HARK_TIME_NONE;
			continue;
		}
		if (IS_ALPHA(*p) || (unsigned char)*p >= 0x80) {
			const char *q = p;
			char w[32];
			size_t n;
			int m;

			while (IS_ALPHA(*q) || (unsigned char)*q >= 0x80)
				q++;
			n = word_lower(p, (size_t)(q - p), w, sizeof(w));
			if (h >= 0) {
				if (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0) {
					pm = w[0] == 'p';
					p = q;
					continue;
				}
				if (parse_zone(&p, &off) == 0)
					continue;
				/* An unknown zone name after the time: read as UTC
				 * rather than losing the date. */
				if (n <= 5 && (size_t)(q - p) == n && year >= 0 && day >= 0) {
					p = q;
					continue;
				}
				if (mon < 0 && (m = month_lookup(w, n)) != 0) { /* asctime order */
					mon = m;
					p = q;
					continue;
				}
				if (day >= 0 && mon >= 0 && year >= 0)
					break; /* "... 09:14 Europe/Istanbul": keep the date */
				return HARK_TIME_NONE;
			}
			if (mon < 0 && (m = month_lookup(w, n)) != 0) {
				mon = m;
				mon_first = numbers == 0;
			} else if (mon_first && (m = month_lookup(w, n)) != 0) {
				mon = m;
				mon_first = 0;
			} else if (numbers == 0 && mon < 0) {
				/* a weekday, in whatever language */
			} else if (day >= 0 && mon >= 0 && year >= 0) {
				/* a weekday after the date: "22 Kasım 2026 Pazar 10:00" */
			} else if (!filler_word(w)) {
				return HARK_TIME_NONE;
			}
			p = q;
			continue;
		}
		return HARK_TIME_NONE;
	}
	if (day < 0 || mon < 0 || year < 0)
		return HARK_TIME_NONE;
	if (year_digits <= 2)
		year += year < 50 ? 2000 : 1900; /* RFC 2822 4.3 */
	else if (year_digits == 3)
		year += 1900;
	if (h < 0)
		h = 0;
	if (pm >= 0) {
		if (h < 1 || h > 12)
			return HARK_TIME_NONE;
		if (pm && h < 12)
			h += 12;
		else if (!pm && h == 12)
			h = 0;
	}
	return civil_checked(year, mon, day, h, mi, sec, off);
}

int64_t time_parse(const char *s)
{
	const char *p = s, *e;
	size_t n = 0;

	if (!s)
		return HARK_TIME_NONE;
	while (IS_SPACE(*p))
		p++;
	while (IS_DIGIT(p[n]))
		n++;
	e = p + n;
	while (IS_SPACE(*e))
		e++;
	if (n > 0 && *e == '\0') {
		int64_t v = strtoll(p, NULL, 10);
		if (n == 8) { /* 20261122 */
			int y = (int)(v / 10000), mo = (int)(v / 100 % 100), d = (int)(v % 100);
			return civil_checked(y, mo, d, 0, 0, 0, 0);
		}
		if (n >= 9 && n <= 11)
			return v; /* Unix seconds */
		if (n >= 12 && n <= 14)
			return v / 1000; /* Unix milliseconds */
		return HARK_TIME_NONE;
	}
	if (n == 4 && p[4] == '-')
		return time_parse_rfc3339(p); /* ISO shape: nothing else to try */
	return time_parse_rfc822(p);
}

static void put_digits(char *o, int64_t v, int width)
{
	while (width-- > 0) {
		o[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

char *time_format_rfc3339(int64_t t, char out[32])
{
	/* Civil from days, Howard Hinnant's algorithm (no gmtime, no TZ).
	 * Years outside 0001..9999 are clamped: RFC 3339 has four digits. */
	int64_t days, secs, z, era, doe, yoe, y, doy, mp, d, m;

	if (t < -62135596800LL)
		t = -62135596800LL;
	if (t > 253402300799LL)
		t = 253402300799LL;
	days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	secs = t - days * 86400;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	memcpy(out, "0000-00-00T00:00:00Z", 21);
	put_digits(out, y, 4);
	put_digits(out + 5, m, 2);
	put_digits(out + 8, d, 2);
	put_digits(out + 11, secs / 3600, 2);
	put_digits(out + 14, secs / 60 % 60, 2);
	put_digits(out + 17, secs % 60, 2);
	return out;
}

static int parse_scaled(const char *s, int64_t *out, const char *units, const int64_t *scale)
{
	char *end;
	long long v;
	const char *u;

	if (!s || !IS_DIGIT(*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || v < 0)
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
	if (v > INT64_MAX / scale[u - units])
		return -1; /* "99999999999999M" is not a size */
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

	if (!s || !*s)
		return -1;
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
