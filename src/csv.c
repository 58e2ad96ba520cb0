/* csv.c - RFC 4180 with CRLF, quoting when needed, and the formula guard:
 * a cell written by a stranger that begins with = + - @ TAB or CR (or their
 * full-width forms) gets a leading ' so spreadsheets never evaluate it. */
#include <stdio.h>
#include <string.h>

#include "hark/csv.h"

void csv_init(struct csv *c, FILE *fp, int excel)
{
	c->fp = fp;
	c->sep = excel ? ';' : ',';
	c->col = 0;
	c->error = 0;
	if (excel && fputs("\xEF\xBB\xBF", fp) == EOF)
		c->error = 1;
}

static void put(struct csv *c, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, c->fp) != n)
		c->error = 1;
}

static void sep(struct csv *c)
{
	if (c->col++ > 0)
		put(c, &c->sep, 1);
}

static int needs_guard(const char *s)
{
	static const char *const fullwidth[] = {
		"\xEF\xBC\x9D", /* ＝ */
		"\xEF\xBC\x8B", /* ＋ */
		"\xEF\xBC\x8D", /* － */
		"\xEF\xBC\xA0", /* ＠ */
	};
	size_t i;

	if (strchr("=+-@\t\r", s[0]) && s[0])
		return 1;
	for (i = 0; i < sizeof(fullwidth) / sizeof(fullwidth[0]); i++)
		if (strncmp(s, fullwidth[i], 3) == 0)
			return 1;
	return 0;
}

void csv_text(struct csv *c, const char *s)
{
	const char *p;
	int quote = 0;

	sep(c);
	if (!s || !*s)
		return;
	for (p = s; *p; p++)
		if (*p == '"' || *p == '\n' || *p == '\r' || *p == c->sep || *p == ',' || *p == ';') {
			quote = 1;
			break;
		}
	if (quote)
		put(c, "\"", 1);
	if (needs_guard(s))
		put(c, "'", 1);
	/* Runs up to each quote, which is doubled. */
	for (p = s; *p;) {
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
		put(c, p, n);
		if (q)
			put(c, "\"", 1);
		p += n;
	}
	if (quote)
		put(c, "\"", 1);
}

void csv_number(struct csv *c, double v, int decimals)
{
	char num[64];
	int n;

	sep(c);
	n = snprintf(num, sizeof(num), "%.*f", decimals, v);
	if (n > 0 && strcmp(num, "-0") && strncmp(num, "-0.", 3) == 0) {
		/* -0.000 prints as 0.000 */
		const char *q = num + 1;
		while (*q == '0' || *q == '.')
			q++;
		if (!*q) {
			memmove(num, num + 1, (size_t)n);
			n--;
		}
	}
	/* Excel in the locales that want ';' reads '.' as a thousands
	 * separator: give those a decimal comma so numbers stay numbers. */
	if (c->sep == ';') {
		char *dot = strchr(num, '.');
		if (dot)
			*dot = ',';
	}
	if (n > 0)
		put(c, num, (size_t)n);
}

void csv_int(struct csv *c, long long v)
{
	char num[32];
	int n = snprintf(num, sizeof(num), "%lld", v);

	sep(c);
	put(c, num, (size_t)n);
}

void csv_null(struct csv *c)
{
	sep(c);
}

void csv_end_row(struct csv *c)
{
	put(c, "\r\n", 2);
	c->col = 0;
}

int csv_finish(struct csv *c)
{
	if (fflush(c->fp) == EOF || ferror(c->fp))
		c->error = 1;
	return c->error ? -1 : 0;
}
