/* helpers.h - pieces shared by the adapters in this folder: JSON access,
 * URL and request building, cursors, error messages. Private to adapters/
 * (it names jansson types, which no other module may see). */
#ifndef HARK_ADAPTERS_HELPERS_H
#define HARK_ADAPTERS_HELPERS_H

#include <jansson.h>
#include <stdint.h>

#include "hark/adapter.h"

/* Parse a JSON body. When it is not JSON, err says so with the start of the
 * body ("appstore: not JSON: CustomerReviews RSS page depth ..."). */
json_t *hj_load(const char *who, const struct adapter_response *r, char *err);
/* What hj_load reads b with, leniently: a BOM, \u0000 in strings, huge
 * integers (as reals), invalid UTF-8 (replaced, SPEC 7). NULL: *je says why. */
json_t *hj_loadb(const char *b, size_t len, json_error_t *je);

/* Dotted path: "data.items", "items.0.id", "" or "." = v itself; a leading
 * "$." is accepted and "[N]" is the same as ".N". NULL when absent. */
json_t *hj_get(json_t *v, const char *path);
/* String at path, NULL when absent or not a string. */
const char *hj_str(json_t *v, const char *path);
/* Any scalar at path as text (strings as is, integers and reals in decimal,
 * true/false); caller frees; NULL when absent, null, array or object. */
char *hj_text(json_t *v, const char *path);
/* Integer at path (a number or a numeric string); def when absent. */
long long hj_int(json_t *v, const char *path, long long def);
/* Time at path: a date string (RFC 3339, RFC 822, "YYYY-MM-DD HH:MM:SS" as
 * UTC), or a number of Unix seconds (milliseconds when it is that large). */
int64_t hj_time(json_t *v, const char *path);
/* Star rating at path as 1..5 (0 when absent or out of range). */
int hj_rating(json_t *v, const char *path);

/* Copy helpers; NULL src leaves *dst alone. -1 on allocation failure. */
int set_str(char **dst, const char *src);
int set_html(char **dst, const char *html);
/* *dst = the printf'd text (what was there is freed); -1 on OOM. */
int set_printf(char **dst, const char *fmt, ...) HARK_PRINTF(2, 3);
/* Two-letter language code from "en", "en-GB", "pt_BR"; others ignored. */
void set_lang(struct mention *m, const char *code);

/* A mention appended to out and ready to fill; NULL on OOM (err set). */
struct mention *result_add(struct adapter_result *out, const char *who, char *err);
/* mention_finish on every mention; -1 on OOM (err set). */
int result_finish(const struct adapter_source *src, struct adapter_result *out, const char *who, char *err);
/* Set out->cursor; -1 on OOM (err set). */
int result_cursor(struct adapter_result *out, const char *cursor, const char *who, char *err);
/* Hand over req as the next page (req is moved, left empty). */
int result_next(struct adapter_result *out, struct adapter_request *req, const char *who, char *err);

/* Hand over req as the next page after a build call that filled it and
 * returned built: when the build failed req is cleared and -1 returned;
 * when it left no URL there is no next page (0). */
int result_next_built(struct adapter_result *out, struct adapter_request *req, int built, const char *who,
                      char *err);
/* Builds a search request: since = the cursor (first page only), page =
 * the opaque next-page token (NULL on the first page). */
typedef int (*token_build_fn)(const struct adapter_source *src, const char *since, const char *page,
                              struct adapter_request *req, char *err);
/* Queue the next page of a search paged by an opaque token: the request
 * just answered with key=token (since= and filters stay) and the `token`
 * param as Bearer auth, or, when the answer has no URL (`hark parse`),
 * build(src, the first page's since, token). -1 on error (err set). */
int result_next_token(struct adapter_result *out, const struct adapter_source *src,
                      const struct adapter_response *resp, const char *key, const char *token,
                      token_build_fn build, const char *who, char *err);

/* Compare ids that grow over time: decimal or base-36 strings, compared by
 * length, then bytewise; a "t3_"-style kind prefix is ignored. <0, 0, >0. */
int id_cmp(const char *a, const char *b);

/* The newest and the oldest id (id_cmp) of out's mentions from index from
 * on; NULL when there are none. oldest may be NULL. */
void id_range(const struct adapter_result *out, size_t from, const char **newest, const char **oldest);
/* Set out->cursor to id when it is newer (id_cmp) than the cursor polled
 * with, so a cursor only moves forward; -1 on OOM (err set). */
int result_cursor_newer(struct adapter_result *out, const char *id, const char *polled, const char *who, char *err);

/* url_add_query that reports OOM in err. */
int add_query(struct buf *u, const char *key, const char *value, const char *who, char *err);
/* adapter_request_set_url that reports OOM in err. */
int request_url(struct adapter_request *req, const char *url, const char *who, char *err);
/* Add a header; -1 on OOM (err set). */
int add_header(struct adapter_request *req, const char *name, const char *value, const char *who, char *err);
/* "Authorization: SCHEME token" when token is set and not empty. */
int add_auth(struct adapter_request *req, const char *scheme, const char *token, const char *who, char *err);
/* Percent-encode a path segment; caller frees. */
char *path_escape(const char *s);
/* Replace (or add) key=value in the query of url; value NULL removes key.
 * Caller frees; NULL on OOM. */
char *url_with_query(const char *url, const char *key, const char *value);
/* base with any trailing '/' removed, followed by the printf'd rest. */
int url_start(struct buf *u, const char *base, const char *who, char *err);

/* Request headers from the params "headers" ("Name: value | Name: value")
 * and "auth" (one secret "Name: value" line). */
int headers_from_params(const struct adapter_source *src, struct adapter_request *req, const char *who, char *err);

/* A printable one-line excerpt of the body for error messages. */
void body_excerpt(const struct adapter_response *r, char *out, size_t n);
/* "WHO: HTTP STATUS: excerpt" when status >= 400; returns -1 then, else 0. */
int check_http_status(const char *who, const struct adapter_response *r, char *err);
/* A body that is not what WHO expects: the HTTP error when the status is
 * one (an error page explains more than its shape), else "WHO: " and the
 * printf'd description. Returns -1. */
int unexpected_body(const char *who, const struct adapter_response *r, char *err, const char *fmt, ...)
	HARK_PRINTF(4, 5);
/* Value of a response header, case-insensitive; NULL when absent. */
const char *resp_header(const struct adapter_response *r, const char *name);
/* Seconds to wait when the `remaining` header says no request is left:
 * the `reset` header as seconds, Unix time or a date; 60 when unknown;
 * 0 when requests remain or the headers are absent. */
int64_t ratelimit_wait(const struct adapter_response *r, const char *remaining, const char *reset, int64_t now);
/* The URL in a Link header for rel="rel"; caller frees; NULL when none. */
char *link_header_url(const char *link, const char *rel);

/* Google APIs' {"error": {"code", "message", "errors": [{"reason"}]}}: when
 * root carries one, err = "WHO: API error 403: quotaExceeded: message" and
 * -1; else 0. */
int google_api_error(const char *who, json_t *root, char *err);
/* hj_load for Google APIs: NULL (err set) also when the body is such an
 * error. */
json_t *google_load(const char *who, const struct adapter_response *r, char *err);

/* First occurrence of needle in hay[0..n), NULL when none. */
const char *mem_find(const char *hay, size_t n, const char *needle);

/* "WHO: API error CODE: WHAT: DETAIL" into err (WHAT "error" when NULL,
 * no ": DETAIL" when NULL), the one form of every API's error; -1. */
int err_api(const char *who, long long code, const char *what, const char *detail, char *err);
/* Put "WHO: " before the message in err (a check's, which names no
 * adapter); returns -1. */
int err_prefix(const char *who, char *err);

/* "WHO: out of memory" into err; returns -1. */
int OOM(const char *who, char *err);

#endif
