/* fetch.h - HTTP(S) and file:// transfers with libcurl multi. */
#ifndef HARK_FETCH_H
#define HARK_FETCH_H

#include <stdint.h>
#include "hark/util.h"

struct fetch_options {
	const char *user_agent;
	int jobs;            /* concurrent transfers */
	int per_host;        /* concurrent transfers per host (2) */
	long timeout;        /* seconds per transfer */
	long connect_timeout;
	int64_t max_body;    /* bytes; larger bodies fail the transfer */
	int max_redirects;   /* 5 */
};

void fetch_options_default(struct fetch_options *o);

struct fetch_job {
	/* in */
	const char *url;
	const char *method;           /* NULL = GET */
	const struct kvlist *headers; /* extra request headers, may be NULL */
	const char *body; size_t body_len;
	const char *etag, *last_modified; /* conditional GET */
	int allow_file;               /* file:// allowed (the configured URL is file://) */
	void *user;
	/* out */
	long status;                  /* HTTP status, 0 if none */
	struct buf body_out;
	struct kvlist resp_headers;   /* last response's headers */
	char *content_type;
	char *etag_out, *last_modified_out;
	int64_t retry_after;          /* seconds, 0 when absent */
	char *effective_url;
	int failed;                   /* transport failure: error says why */
	char error[HARK_ERR_MAX];     /* "<url_mask(url)>: why" */
	double seconds;
};

/* Perform all jobs, at most o->jobs at a time. Per-job outcome is in the
 * job; returns -1 only when libcurl cannot be set up. An HTTP error status
 * is not `failed`: the caller judges status. */
int fetch_run(const struct fetch_options *o, struct fetch_job *jobs, size_t n);
void fetch_job_clear(struct fetch_job *j);

/* Copy of url with secrets (values of query keys like key, token,
 * access_token, api_key, and user:password@) replaced by "***". */
char *url_mask(const char *url);

#endif
