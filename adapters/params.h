/* params.h - the rules an adapter's check applies to its parameters'
 * values. One checks function per adapter calls them; every problem is
 * reported with the parameter it is about, so `hark check` can show all of
 * them at their config lines. Private to adapters/. */
#ifndef HARK_ADAPTERS_PARAMS_H
#define HARK_ADAPTERS_PARAMS_H

#include "hark/adapter.h"

struct problems {
	const struct kvlist *params;
	adapter_report_fn report; /* every problem goes here, or, when NULL, */
	void *ctx;
	char *err;                /* the first one only goes here */
	int n;                    /* problems found */
};

/* An adapter's checks: every rule on pb->params. */
typedef void (*checks_fn)(struct problems *pb);

/* The adapter's check (the first problem into err, -1) and check_all
 * (every problem to report, how many) from one checks function. */
int checks_first(checks_fn fn, const struct kvlist *params, char *err);
int checks_all(checks_fn fn, const struct kvlist *params, adapter_report_fn report, void *ctx);

/* Report one problem about param (NULL: the parameters together). */
void problem(struct problems *pb, const char *param, const char *fmt, ...) HARK_PRINTF(3, 4);

/* The value to check: NULL when absent, empty, or still holding ${ENV}
 * (not set here; config reports that, and the value is checked once set). */
const char *param_value(const struct problems *pb, const char *param);

/* The rules; each accepts an absent value (param_value NULL). */
/* A whole number from min to max. */
void param_int(struct problems *pb, const char *param, long min, long max);
/* A number above 0, e.g. a rating scale. */
void param_positive(struct problems *pb, const char *param);
/* One of the NULL-terminated choices, exactly. */
void param_one_of(struct problems *pb, const char *param, const char *const *choices);
/* yes or no (what the adapters compare with). */
void param_yes_no(struct problems *pb, const char *param);
/* Digits only; what says what the value is ("the numeric shop id"). */
void param_digits(struct problems *pb, const char *param, const char *what);
/* A language code: two letters, optionally a region: tr, en-GB, pt_BR. */
void param_lang(struct problems *pb, const char *param);
/* Letters, digits and the bytes in extra only (an id, a name). */
void param_chars(struct problems *pb, const char *param, const char *extra, const char *what);

#endif
