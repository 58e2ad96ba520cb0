/* t.h - the unit test harness: each check prints "ok - what" or
 * "not ok - what (file:line)"; tests/run.sh counts them. */
#ifndef HARK_T_H
#define HARK_T_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int t_failed;

#define T_OK(cond, ...) do { \
	int t_c_ = !!(cond); \
	printf("%s - ", t_c_ ? "ok" : "not ok"); printf(__VA_ARGS__); \
	if (!t_c_) { printf(" (%s:%d)", __FILE__, __LINE__); t_failed++; } \
	printf("\n"); fflush(stdout); } while (0)

#define T_STR(got, want, what) do { \
	const char *t_g_ = (got), *t_w_ = (want); \
	int t_eq_ = (t_g_ && t_w_) ? strcmp(t_g_, t_w_) == 0 : t_g_ == t_w_; \
	T_OK(t_eq_, "%s", what); \
	if (!t_eq_) printf("#   got:  [%s]\n#   want: [%s]\n", t_g_ ? t_g_ : "(null)", t_w_ ? t_w_ : "(null)"); \
	} while (0)

#define T_INT(got, want, what) do { \
	long long t_g_ = (long long)(got), t_w_ = (long long)(want); \
	T_OK(t_g_ == t_w_, "%s", what); \
	if (t_g_ != t_w_) printf("#   got:  %lld\n#   want: %lld\n", t_g_, t_w_); \
	} while (0)

#define T_SKIP(...) do { printf("skip - "); printf(__VA_ARGS__); printf("\n"); } while (0)

#define T_DONE() return t_failed ? 1 : 0

#endif
