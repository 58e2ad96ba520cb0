/* test_csv.c - RFC 4180 quoting, CRLF, the formula guard, --excel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "hark/csv.h"

static char *row(int excel, const char *const *cells, size_t n)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct csv c;
	size_t i;

	csv_init(&c, fp, excel);
	for (i = 0; i < n; i++)
		csv_text(&c, cells[i]);
	csv_end_row(&c);
	csv_finish(&c);
	fclose(fp);
	return out;
}

int main(void)
{
	static const struct { const char *cell, *want; } cases[] = {
		{"plain", "plain\r\n"},
		{"a,b", "\"a,b\"\r\n"},
		{"say \"hi\"", "\"say \"\"hi\"\"\"\r\n"},
		{"two\nlines", "\"two\nlines\"\r\n"},
		{"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"},
		{"+1", "'+1\r\n"},
		{"-2+3", "'-2+3\r\n"},
		{"@SUM(A1)", "'@SUM(A1)\r\n"},
		{"\tTAB", "'\tTAB\r\n"},
		{"\rCR", "\"'\rCR\"\r\n"},
		{"\xEF\xBC\x9D" "1+1", "'\xEF\xBC\x9D" "1+1\r\n"},
		{"a = b", "a = b\r\n"},
		{"", "\r\n"},
		{"çok kötü ürün", "çok kötü ürün\r\n"},
	};
	const char *three[] = {"a", "b;c", "d"};
	char *got;
	size_t i;
	FILE *fp;
	char *out = NULL;
	size_t len = 0;
	struct csv c;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = row(0, &cases[i].cell, 1);
		T_STR(got, cases[i].want, cases[i].cell);
		free(got);
	}
	got = row(0, three, 3);
	T_STR(got, "a,\"b;c\",d\r\n", "comma separator, ; quoted for safety");
	free(got);
	got = row(1, three, 3);
	T_STR(got, "\xEF\xBB\xBF" "a;\"b;c\";d\r\n", "--excel: BOM and ; separator");
	free(got);

	fp = open_memstream(&out, &len);
	csv_init(&c, fp, 0);
	csv_number(&c, -0.00001, 4);
	csv_number(&c, -0.8312, 4);
	csv_int(&c, 5);
	csv_null(&c);
	csv_end_row(&c);
	T_INT(csv_finish(&c), 0, "finish ok");
	fclose(fp);
	T_STR(out, "0.0000,-0.8312,5,\r\n", "numbers are plain, not guarded; -0 printed as 0");
	free(out);

	out = NULL;
	fp = open_memstream(&out, &len);
	csv_init(&c, fp, 1);
	csv_number(&c, -0.8312, 4);
	csv_number(&c, 33.3, 1);
	csv_int(&c, 7);
	csv_end_row(&c);
	csv_finish(&c);
	fclose(fp);
	T_STR(out, "\xEF\xBB\xBF-0,8312;33,3;7\r\n", "--excel: decimal comma");
	free(out);

	fp = fopen("/dev/full", "w");
	if (fp) {
		csv_init(&c, fp, 0);
		for (i = 0; i < 10000; i++)
			csv_text(&c, "filling the disk");
		T_INT(csv_finish(&c), -1, "a write error (ENOSPC) is reported");
		fclose(fp);
	} else {
		T_SKIP("/dev/full not available");
	}
	T_DONE();
}
