/* report.h - the brand reputation report (SPEC 8): one row per period x
 * brand x source. */
#ifndef HARK_REPORT_H
#define HARK_REPORT_H

#include <stdint.h>
#include <stdio.h>

struct store;
struct mention_filter;

enum report_period { REPORT_DAY, REPORT_WEEK, REPORT_MONTH };

/* Period label of t in UTC: 2026-11-22, 2026-W47 (ISO 8601 week), 2026-11. */
void report_period_label(int64_t t, enum report_period by, char out[32]);

/* Write the report as CSV to fp; excel: BOM and ';'. 0 ok, -1 (err). */
int report_write(struct store *st, const struct mention_filter *f, enum report_period by,
                 FILE *fp, int excel, char *err);

#endif
