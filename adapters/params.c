/* params.c - checking adapter parameters' values for `hark check`: the
 * problems collector behind every adapter's check and check_all, and the
 * rules the adapters share (numbers in a range, fixed choices, yes/no,
 * language codes, ids). A value the API would reject, or that an adapter
 * would read as something else, is reported here rather than at the first
 * poll (or never, when the API quietly answers with nothing). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

int adapter_check_all(const struct adapter *a, const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	char err[HARK_ERR_MAX];

	if (a->check_all)
		return a->check_all(params, report, ctx);
	if (a->check && a->check(params, err) < 0) {
		report(ctx, NULL, err);
		return 1;
	}
	return 0;
}

int checks_first(checks_fn fn, const struct kvlist *params, char *err)
{
	struct problems pb = {.params = params, .err = err};

	fn(&pb);
	return pb.n ? -1 : 0;
}

int checks_all(checks_fn fn, const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	struct problems pb = {.params = params, .report = report, .ctx = ctx};

	fn(&pb);
	return pb.n;
}

void problem(struct problems *pb, const char *param, const char *fmt, ...)
{
	char msg[HARK_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (pb->report)
		pb->report(pb->ctx, param, msg);
	else if (pb->n == 0)
		errf(pb->err, "%s", msg);
	pb->n++;
}

const char *param_value(const struct problems *pb, const char *param)
{
	const char *v = kvlist_get(pb->params, param);

	return v && *v && !strstr(v, "${") ? v : NULL;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!IS_DIGIT(*s))
			return 0;
	return 1;
}

void param_int(struct problems *pb, const char *param, long min, long max)
{
	const char *v = param_value(pb, param);

	/* Digits only: "100 per page" or "1e3" would reach the API as is. */
	if (v && (!all_digits(v) || strlen(v) > 9 || strtol(v, NULL, 10) < min || strtol(v, NULL, 10) > max))
		problem(pb, param, "%s must be a whole number from %ld to %ld, not \"%s\"", param, min, max, v);
}

void param_positive(struct problems *pb, const char *param)
{
	const char *v = param_value(pb, param), *p;
	int dot = 0, digits = 0;

	if (!v)
		return;
	for (p = v; *p; p++) {
		if (IS_DIGIT(*p) && *p != '0')
			digits = 2;
		else if (IS_DIGIT(*p))
			digits = digits ? digits : 1;
		else if (*p == '.' && !dot)
			dot = 1;
		else
			break;
	}
	if (*p || digits != 2)
		problem(pb, param, "%s must be a number above 0, such as 5, 10 or 100, not \"%s\"", param, v);
}

void param_one_of(struct problems *pb, const char *param, const char *const *choices)
{
	const char *v = param_value(pb, param);
	char list[HARK_ERR_MAX / 2];
	size_t i, n = 0;

	if (!v)
		return;
	for (i = 0; choices[i]; i++)
		if (!strcmp(v, choices[i]))
			return;
	list[0] = '\0';
	for (i = 0; choices[i] && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i == 0 ? "" : choices[i + 1] ? ", " : " or ",
		                      choices[i]);
	problem(pb, param, "%s must be %s, not \"%s\"", param, list, v);
}

void param_yes_no(struct problems *pb, const char *param)
{
	static const char *const yes_no[] = {"yes", "no", NULL};

	param_one_of(pb, param, yes_no);
}

void param_digits(struct problems *pb, const char *param, const char *what)
{
	const char *v = param_value(pb, param);

	if (v && !all_digits(v))
		problem(pb, param, "%s must be %s, not \"%s\"", param, what, v);
}

void param_lang(struct problems *pb, const char *param)
{
	const char *v = param_value(pb, param);
	size_t i, n;

	if (!v)
		return;
	n = strlen(v);
	if (n >= 2 && IS_ALPHA(v[0]) && IS_ALPHA(v[1])) {
		if (n == 2)
			return;
		/* a region or script: en-GB, pt_BR, zh-Hant, es-419 */
		for (i = 3; i < n && (IS_ALPHA(v[i]) || IS_DIGIT(v[i])); i++)
			;
		if ((v[2] == '-' || v[2] == '_') && n >= 4 && n <= 10 && i == n)
			return;
	}
	problem(pb, param, "%s must be a language code such as tr, en or pt-BR, not \"%s\"", param, v);
}

void param_chars(struct problems *pb, const char *param, const char *extra, const char *what)
{
	const char *v = param_value(pb, param), *p;

	if (!v)
		return;
	for (p = v; *p; p++)
		if (!IS_ALPHA(*p) && !IS_DIGIT(*p) && !strchr(extra, *p))
			break;
	if (*p)
		problem(pb, param, "%s must be %s, not \"%s\"", param, what, v);
}
