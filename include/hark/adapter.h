/* adapter.h - the interface between the poller and one kind of source.
 *
 * An adapter never does I/O (the `command` adapter is the one exception and
 * says so with its run callback). The poller asks it for a request, performs
 * it, and hands the response to parse(), which emits mentions, the next
 * cursor and possibly a request for another page. See README "Adding an
 * adapter" for the checklist. */
#ifndef HARK_ADAPTER_H
#define HARK_ADAPTER_H

#include <stdint.h>
#include "hark/util.h"
#include "hark/mention.h"

enum {
	ADAPTER_PARAM_REQUIRED = 1 << 0,
	ADAPTER_PARAM_SECRET = 1 << 1, /* masked in logs, errors, `sources` */
	ADAPTER_PARAM_URL = 1 << 2,    /* validated as an http(s)/file URL */
};

struct adapter_param {
	const char *name;
	int flags;
	const char *help;
};

/* What an adapter sees of the source it works for. */
struct adapter_source {
	const char *name;            /* [source NAME] */
	const struct kvlist *params; /* adapter parameters from the config */
	const char *cursor;          /* working cursor; NULL before the first success */
	int page;                    /* 0 for the first request of a poll */
	int64_t now;                 /* time of this poll, Unix seconds */
};

struct adapter_request {
	char *url;
	char *method;         /* NULL means GET */
	struct kvlist headers;
	struct buf body;      /* request body when method is POST */
};

struct adapter_response {
	long status;                 /* HTTP status; 200 for `hark parse` */
	const char *body;
	size_t len;
	const char *content_type;    /* may be NULL */
	const struct kvlist *headers; /* response headers, never NULL */
	const char *url;             /* final URL after redirects, may be NULL */
};

struct adapter_result {
	struct mention_list mentions;
	char *cursor;                 /* new working cursor; NULL keeps the old */
	struct adapter_request *next; /* another page to fetch; NULL when done */
	int64_t retry_after;          /* seconds the API asks us to wait, 0 if none */
};

/* Receives one problem with a source's parameters: param names the
 * parameter it is about (NULL: the parameters together), msg says what is
 * wrong and what to write instead. */
typedef void (*adapter_report_fn)(void *ctx, const char *param, const char *msg);

struct adapter {
	const char *name;
	const char *summary;
	const struct adapter_param *params; /* terminated by a NULL name */
	/* Build the first request of a poll from params and src->cursor. */
	int (*request)(const struct adapter_source *src, struct adapter_request *req, char *err);
	/* Turn one response body into mentions. A body of the wrong shape, or
	 * an API error object, is an error (-1 with the API's own message),
	 * never an empty success. */
	int (*parse)(const struct adapter_source *src, const struct adapter_response *resp,
	             struct adapter_result *out, char *err);
	/* Non-HTTP sources only (NULL otherwise): produce the result directly. */
	int (*run)(const struct adapter_source *src, struct adapter_result *out, char *err);
	/* Optional extra validation of the parameters, beyond required/URL. */
	int (*check)(const struct kvlist *params, char *err);
	/* Optional, beside check: every problem check would find, each sent
	 * to report (see adapter_check_all); returns how many. */
	int (*check_all)(const struct kvlist *params, adapter_report_fn report, void *ctx);
};

extern const struct adapter *const adapter_table[];
extern const size_t adapter_count;
const struct adapter *adapter_find(const char *name);

/* Every problem with params, each sent to report: the adapter's
 * check_all, else check's one message. `hark check` shows them all (a
 * source with two bad values names both). Returns how many. */
int adapter_check_all(const struct adapter *a, const struct kvlist *params, adapter_report_fn report, void *ctx);

/* Parameter value or def when absent or empty. */
const char *adapter_param(const struct adapter_source *src, const char *name, const char *def);

/* Helpers for adapters. */
int adapter_request_set_url(struct adapter_request *req, const char *url);
struct adapter_request *adapter_request_new(const char *url); /* NULL on OOM */
void adapter_request_clear(struct adapter_request *req);
void adapter_result_clear(struct adapter_result *res);
/* Percent-encode s for a URL query component; caller frees. */
char *url_escape(const char *s);
/* Append "?"/"&" + key=escaped(value) to a URL held in a buf. */
int url_add_query(struct buf *url, const char *key, const char *value);

#endif
