/* csv.h - RFC 4180 writer with the spreadsheet formula guard (SPEC 8). */
#ifndef HARK_CSV_H
#define HARK_CSV_H

#include <stdio.h>

struct csv {
	FILE *fp;
	char sep;   /* ',' or ';' with --excel */
	int col;    /* columns written on this row */
	int error;  /* a write failed */
};

void csv_init(struct csv *c, FILE *fp, int excel); /* excel: BOM and ';' */
void csv_text(struct csv *c, const char *s);     /* guarded, quoted as needed */
void csv_number(struct csv *c, double v, int decimals);
void csv_int(struct csv *c, long long v);
void csv_null(struct csv *c);                     /* empty cell */
void csv_end_row(struct csv *c);                  /* CRLF */
int csv_finish(struct csv *c);                    /* fflush; -1 if any write failed */

#endif
