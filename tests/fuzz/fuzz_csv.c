/* fuzz_csv.c - the CSV writer on arbitrary strings (the input is cut at
 * NUL bytes into cells, two rows, plain and --excel). What it writes is
 * read back with a strict RFC 4180 reader: every cell must come back as
 * written, with a "'" in front exactly when the formula guard applies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/csv.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static int guarded(const char *s)
{
	static const char *const fullwidth[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"};
	size_t i;

	if (s[0] && strchr("=+-@\t\r", s[0]))
		return 1;
	for (i = 0; i < 4; i++)
		if (!strncmp(s, fullwidth[i], 3))
			return 1;
	return 0;
}

/* Read one cell at *p (RFC 4180) into out; returns the byte after it. */
static const char *read_cell(const char *p, const char *end, char sep, struct buf *out)
{
	buf_reset(out);
	buf_puts(out, "");
	if (p < end && *p == '"') {
		p++;
		for (;;) {
			CHECK(p < end); /* unterminated quote */
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"') {
					buf_putc(out, '"');
					p += 2;
					continue;
				}
				p++;
				break;
			}
			buf_putc(out, *p++);
		}
		CHECK(p == end || *p == sep || *p == '\r');
		return p;
	}
	while (p < end && *p != sep && *p != '\r') {
		CHECK(*p != '"' && *p != '\n');
		buf_putc(out, *p++);
	}
	return p;
}

static void run(const char *cells, size_t size, int excel)
{
	char *out = NULL;
	size_t outlen = 0, ncells = 0, i;
	FILE *fp = open_memstream(&out, &outlen);
	struct csv c;
	const char *p, *end, *cell;
	struct buf got = {0}, want = {0};
	char sep = excel ? ';' : ',';

	if (!fp)
		return;
	csv_init(&c, fp, excel);
	for (int row = 0; row < 2; row++) {
		for (cell = cells; cell < cells + size; cell += strlen(cell) + 1) {
			csv_text(&c, cell);
			if (row == 0)
				ncells++;
		}
		csv_int(&c, -42);
		csv_number(&c, -0.5, 3);
		csv_null(&c);
		csv_end_row(&c);
	}
	CHECK(csv_finish(&c) == 0);
	fclose(fp);

	p = out;
	end = out + outlen;
	if (excel) {
		CHECK(outlen >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3));
		p += 3;
	}
	for (int row = 0; row < 2; row++) {
		for (i = 0, cell = cells; i < ncells; i++, cell += strlen(cell) + 1) {
			p = read_cell(p, end, sep, &got);
			buf_reset(&want);
			buf_puts(&want, "");
			if (guarded(cell))
				buf_putc(&want, '\'');
			buf_puts(&want, cell);
			CHECK(got.len == want.len && !memcmp(got.data, want.data, got.len));
			CHECK(p < end && *p == sep);
			p++;
		}
		p = read_cell(p, end, sep, &got);
		CHECK(!strcmp(got.data, "-42"));
		CHECK(p < end && *p == sep);
		p = read_cell(p + 1, end, sep, &got);
		CHECK(p < end && *p == sep);
		p = read_cell(p + 1, end, sep, &got);
		CHECK(got.len == 0);
		CHECK(end - p >= 2 && p[0] == '\r' && p[1] == '\n');
		p += 2;
	}
	CHECK(p == end);
	buf_free(&got);
	buf_free(&want);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A NUL-terminated copy: cells are the NUL-separated pieces. */
	char *cells = malloc(size + 1);

	if (!cells)
		return 0;
	memcpy(cells, data, size);
	cells[size] = '\0';
	run(cells, size, 0);
	run(cells, size, 1);
	free(cells);
	return 0;
}

#include "fuzz_main.h"
