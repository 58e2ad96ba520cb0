/* fetch.c - HTTP(S) and file:// transfers with libcurl multi.
 *
 * fetch_run() keeps at most o->jobs transfers running and at most
 * o->per_host per host, starting the next waiting job as each one finishes
 * (the shape of curl's 10-at-a-time example). The job of a finished handle
 * is found with CURLOPT_PRIVATE. Limits are enforced here rather than left
 * to libcurl's pending queue so that a transfer's timeout starts when it
 * really starts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "hark/fetch.h"
#include "hark/htime.h"

#ifndef HARK_VERSION
#define HARK_VERSION "0"
#endif

/* A stalled transfer (less than this many bytes per second over
 * LOW_SPEED_TIME_MAX seconds, or over the whole timeout when shorter) fails. */
#define LOW_SPEED_LIMIT 10L
#define LOW_SPEED_TIME_MAX 30L
/* Retry-After values beyond a year are treated as a year. */
#define RETRY_AFTER_MAX (366LL * 86400)

struct xfer {
	struct fetch_job *job;
	CURL *h;
	struct curl_slist *headers;
	char *host;          /* lower-case host for the per-host limit, or NULL */
	int host_known;      /* host has been worked out */
	int64_t max_body;
	int too_big;         /* the write callback refused the body */
	int oom;             /* a callback could not allocate */
	char errbuf[CURL_ERROR_SIZE];
};

void fetch_options_default(struct fetch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->user_agent = "hark/" HARK_VERSION;
	o->jobs = 8;
	o->per_host = 2;
	o->timeout = 30;
	o->connect_timeout = 10;
	o->max_body = 8LL * 1024 * 1024;
	o->max_redirects = 5;
}

void fetch_job_clear(struct fetch_job *j)
{
	buf_free(&j->body_out);
	kvlist_free(&j->resp_headers);
	free(j->content_type);
	free(j->etag_out);
	free(j->last_modified_out);
	free(j->effective_url);
	j->content_type = j->etag_out = j->last_modified_out = j->effective_url = NULL;
	j->status = 0;
	j->retry_after = 0;
	j->failed = 0;
	j->error[0] = '\0';
	j->seconds = 0;
}

/* ---- url_mask ---------------------------------------------------------- */

/* Query keys whose values are secrets; sorted for bsearch. */
static const char *const secret_keys[] = {
	"access_token", "api_key", "apikey", "auth", "client_secret", "key",
	"password", "refresh_token", "secret", "sig", "signature", "token",
};

static int cmp_key(const void *a, const void *b)
{
	return str_casecmp_ascii(a, *(const char *const *)b);
}

static int ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix), i;

	if (n < m)
		return 0;
	for (i = 0; i < m; i++)
		if (TO_LOWER(s[n - m + i]) != suffix[i])
			return 0;
	return 1;
}

static int is_secret_key(const char *k, size_t n)
{
	char name[64];

	if (n == 0)
		return 0;
	if (ends_with_ci(k, n, "token") || ends_with_ci(k, n, "secret") ||
	    ends_with_ci(k, n, "password") || ends_with_ci(k, n, "_key") ||
	    ends_with_ci(k, n, "-key"))
		return 1;
	if (n >= sizeof(name))
		return 0;
	memcpy(name, k, n);
	name[n] = '\0';
	return bsearch(name, secret_keys, sizeof(secret_keys) / sizeof(secret_keys[0]),
	               sizeof(secret_keys[0]), cmp_key) != NULL;
}

/* Webhook URLs whose path is the secret: everything after the prefix is
 * masked. */
static const struct {
	const char *host, *prefix;
} secret_paths[] = {
	{ "hooks.slack.com", "/services/" },
	{ "discord.com", "/api/webhooks/" },
	{ "discordapp.com", "/api/webhooks/" },
};

static int host_is(const char *h, size_t n, const char *want)
{
	size_t m = strlen(want), i;

	if (n != m)
		return 0;
	for (i = 0; i < n; i++)
		if (TO_LOWER(h[i]) != want[i])
			return 0;
	return 1;
}

/* Append the path p[0..n), masking secret path parts: the tail of known
 * webhook paths and Telegram's /bot<id>:<token>. */
static int mask_path(struct buf *b, const char *host, size_t hostlen, const char *p, size_t n)
{
	size_t i, m;

	for (i = 0; i < sizeof(secret_paths) / sizeof(secret_paths[0]); i++) {
		m = strlen(secret_paths[i].prefix);
		if (host_is(host, hostlen, secret_paths[i].host) && n > m &&
		    strncmp(p, secret_paths[i].prefix, m) == 0)
			return buf_append(b, p, m) < 0 || buf_puts(b, "***") < 0 ? -1 : 0;
	}
	if (n > 4 && strncmp(p, "/bot", 4) == 0 && IS_DIGIT(p[4])) {
		const char *end = memchr(p + 1, '/', n - 1);
		size_t seg = end ? (size_t)(end - p) : n;
		if (memchr(p, ':', seg)) {
			if (buf_puts(b, "/bot***") < 0)
				return -1;
			return buf_append(b, p + seg, n - seg);
		}
	}
	return buf_append(b, p, n);
}

char *url_mask(const char *url)
{
	struct buf b = { 0 };
	const char *p, *auth, *auth_end, *at, *host, *host_end, *q, *path_end, *frag;

	if (!url)
		return NULL;
	p = strstr(url, "://");
	if (!p || strcspn(url, "/?#") < (size_t)(p - url)) {
		/* Not scheme://authority: mask the query only. */
		auth = auth_end = NULL;
		p = url;
	} else {
		auth = p + 3;
		auth_end = auth + strcspn(auth, "/?#");
	}
	if (buf_append(&b, url, auth ? (size_t)(auth - url) : 0) < 0)
		goto oom;
	host = host_end = NULL;
	if (auth) {
		at = NULL;
		for (p = auth; p < auth_end; p++)
			if (*p == '@')
				at = p;
		if (at) {
			const char *colon = memchr(auth, ':', (size_t)(at - auth));
			if (colon) {
				if (buf_append(&b, auth, (size_t)(colon - auth)) < 0 ||
				    buf_puts(&b, ":***@") < 0)
					goto oom;
			} else if (buf_puts(&b, "***@") < 0) {
				goto oom;
			}
			host = at + 1;
		} else {
			host = auth;
		}
		host_end = host + strcspn(host, ":/?#");
		if (host_end > auth_end)
			host_end = auth_end;
		if (buf_append(&b, host, (size_t)(auth_end - host)) < 0)
			goto oom;
		p = auth_end;
	}
	/* Path. */
	path_end = p + strcspn(p, "?#");
	if (mask_path(&b, host ? host : "", host ? (size_t)(host_end - host) : 0, p,
	              (size_t)(path_end - p)) < 0)
		goto oom;
	p = path_end;
	if (*p == '?') {
		if (buf_putc(&b, '?') < 0)
			goto oom;
		q = p + 1;
		frag = q + strcspn(q, "#");
		while (q < frag) {
			const char *amp = q, *eq;
			while (amp < frag && *amp != '&' && *amp != ';')
				amp++;
			eq = memchr(q, '=', (size_t)(amp - q));
			if (eq && eq + 1 < amp && is_secret_key(q, (size_t)(eq - q))) {
				if (buf_append(&b, q, (size_t)(eq + 1 - q)) < 0 || buf_puts(&b, "***") < 0)
					goto oom;
			} else if (buf_append(&b, q, (size_t)(amp - q)) < 0) {
				goto oom;
			}
			if (amp < frag && buf_putc(&b, *amp) < 0)
				goto oom;
			q = amp < frag ? amp + 1 : amp;
		}
		p = frag;
	}
	if (buf_puts(&b, p) < 0)
		goto oom;
	return buf_detach(&b);
oom:
	buf_free(&b);
	return NULL;
}

/* ---- helpers ----------------------------------------------------------- */

static void format_size(int64_t n, char out[32])
{
	const int64_t mib = 1024 * 1024, kib = 1024;

	if (n >= mib && n % mib == 0)
		snprintf(out, 32, "%lld MiB", (long long)(n / mib));
	else if (n >= kib && n % kib == 0)
		snprintf(out, 32, "%lld KiB", (long long)(n / kib));
	else
		snprintf(out, 32, "%lld bytes", (long long)n);
}

/* errf with the masked URL in front. */
static void job_fail(struct fetch_job *j, const char *msg)
{
	char *m = url_mask(j->url);

	j->failed = 1;
	errf(j->error, "%s: %s", m ? m : "(url)", msg);
	free(m);
}

static int starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (TO_LOWER(*s) != *prefix)
			return 0;
	return 1;
}

static int is_file_url(const char *url)
{
	return starts_with_ci(url, "file:");
}

static int has_crlf(const char *s)
{
	return s && strpbrk(s, "\r\n") != NULL;
}

static int add_header(struct curl_slist **l, const char *name, const char *value)
{
	struct buf b = { 0 };
	struct curl_slist *n;

	/* curl sends "Name;" as a header with an empty value. */
	if (buf_printf(&b, value && *value ? "%s: %s" : "%s;", name, value) < 0)
		return -1;
	n = curl_slist_append(*l, b.data);
	buf_free(&b);
	if (!n)
		return -1;
	*l = n;
	return 0;
}

static char *host_of(const char *url)
{
	CURLU *u = curl_url();
	char *h = NULL, *r = NULL, *p;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h) {
		r = strdup(h);
		for (p = r; p && *p; p++)
			*p = (char)TO_LOWER(*p);
	}
	curl_free(h);
	curl_url_cleanup(u);
	return r;
}

/* ---- callbacks --------------------------------------------------------- */

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	struct xfer *x = userp;
	size_t n = size * nmemb;

	if (x->max_body > 0 && (int64_t)x->job->body_out.len + (int64_t)n > x->max_body) {
		x->too_big = 1;
		return 0;
	}
	if (buf_append(&x->job->body_out, data, n) < 0) {
		x->oom = 1;
		return 0;
	}
	return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	struct xfer *x = userp;
	struct kvlist *l = &x->job->resp_headers;
	size_t n = size * nmemb, len = n, klen;
	const char *colon, *v;
	char *key, *val;

	while (len > 0 && (data[len - 1] == '\r' || data[len - 1] == '\n'))
		len--;
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		/* A new response (redirect, 1xx): keep only the last one's. */
		kvlist_free(l);
		buf_reset(&x->job->body_out);
		return n;
	}
	if (len == 0)
		return n;
	if ((data[0] == ' ' || data[0] == '\t') && l->n > 0) {
		/* obs-fold continuation of the previous header. */
		struct buf b = { 0 };
		struct kv *last = &l->items[l->n - 1];
		while (len > 0 && IS_SPACE(*data)) {
			data++;
			len--;
		}
		if (buf_puts(&b, last->value) < 0 || buf_putc(&b, ' ') < 0 ||
		    buf_append(&b, data, len) < 0) {
			buf_free(&b);
			x->oom = 1;
			return 0;
		}
		free(last->value);
		last->value = buf_detach(&b);
		if (!last->value) {
			last->value = strdup("");
			x->oom = 1;
			return 0;
		}
		return n;
	}
	colon = memchr(data, ':', len);
	if (!colon)
		return n;
	klen = (size_t)(colon - data);
	while (klen > 0 && IS_SPACE(data[klen - 1]))
		klen--;
	v = colon + 1;
	while (v < data + len && IS_SPACE(*v))
		v++;
	key = xstrndup(data, klen);
	val = xstrndup(v, (size_t)(data + len - v));
	if (!key || !val || kvlist_add(l, key, val, 0) < 0) {
		free(key);
		free(val);
		x->oom = 1;
		return 0;
	}
	free(key);
	free(val);
	return n;
}

/* ---- one transfer ------------------------------------------------------ */

#define SET(opt, val) do { if (curl_easy_setopt(h, opt, val) != CURLE_OK) goto setopt_failed; } while (0)

/* Create the easy handle of job j. On failure the job is marked failed and
 * -1 returned. */
static int xfer_setup(struct xfer *x, const struct fetch_options *o)
{
	struct fetch_job *j = x->job;
	CURL *h;
	const char *method = j->method && *j->method ? j->method : "GET";
	struct curl_slist *n;
	long low_time;
	size_t i;

	if (!j->url || !*j->url) {
		job_fail(j, "empty URL");
		return -1;
	}
	if (has_crlf(j->url)) {
		job_fail(j, "URL contains a line break");
		return -1;
	}
	/* No scheme guessing: "example.com/feed" is a configuration mistake. */
	if (!starts_with_ci(j->url, "http://") && !starts_with_ci(j->url, "https://") &&
	    !is_file_url(j->url)) {
		job_fail(j, "unsupported URL scheme (http, https and file are allowed)");
		return -1;
	}
	/* A file:// URL is read only when the caller vouches that it is the
	 * configured one, not one taken from a response (a next-page link). */
	if (is_file_url(j->url) && !j->allow_file) {
		job_fail(j, "file:// is only read when it is the configured URL");
		return -1;
	}
	h = x->h = curl_easy_init();
	if (!h) {
		job_fail(j, "cannot create a transfer (out of memory)");
		return -1;
	}
	x->max_body = o->max_body;
	x->errbuf[0] = '\0';
	SET(CURLOPT_PRIVATE, (void *)x);
	SET(CURLOPT_ERRORBUFFER, x->errbuf);
	SET(CURLOPT_URL, j->url);
	SET(CURLOPT_NOSIGNAL, 1L);
	/* file:// only when the configured URL is file:// (checked above),
	 * never through a redirect. */
	SET(CURLOPT_PROTOCOLS_STR, is_file_url(j->url) ? "file" : "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, o->max_redirects > 0 ? 1L : 0L);
	SET(CURLOPT_MAXREDIRS, (long)(o->max_redirects > 0 ? o->max_redirects : 0));
	if (o->connect_timeout > 0)
		SET(CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	if (o->timeout > 0)
		SET(CURLOPT_TIMEOUT, o->timeout);
	low_time = o->timeout > 0 && o->timeout < LOW_SPEED_TIME_MAX ? o->timeout : LOW_SPEED_TIME_MAX;
	SET(CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_LIMIT);
	SET(CURLOPT_LOW_SPEED_TIME, low_time);
	if (o->max_body > 0)
		SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	if (has_crlf(o->user_agent)) {
		job_fail(j, "user agent contains a line break");
		return -1;
	}
	SET(CURLOPT_USERAGENT, o->user_agent && *o->user_agent ? o->user_agent : "hark/" HARK_VERSION);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, (void *)x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, (void *)x);

	if (strcmp(method, "GET") == 0) {
		SET(CURLOPT_HTTPGET, 1L);
	} else if (strcmp(method, "HEAD") == 0) {
		SET(CURLOPT_NOBODY, 1L);
	} else {
		if (has_crlf(method) || strpbrk(method, " \t")) {
			job_fail(j, "bad request method");
			return -1;
		}
		if (strcmp(method, "POST") != 0)
			SET(CURLOPT_CUSTOMREQUEST, method);
		if (strcmp(method, "POST") == 0 || j->body) {
			SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(j->body ? j->body_len : 0));
			SET(CURLOPT_POSTFIELDS, j->body ? j->body : "");
		}
		/* No 100-continue round trip for request bodies ("Name:" with
		 * nothing after it removes a header curl would add). */
		n = curl_slist_append(x->headers, "Expect:");
		if (!n)
			goto oom;
		x->headers = n;
	}
	if (j->etag && *j->etag) {
		if (has_crlf(j->etag)) {
			job_fail(j, "stored ETag contains a line break");
			return -1;
		}
		if (add_header(&x->headers, "If-None-Match", j->etag) < 0)
			goto oom;
	}
	if (j->last_modified && *j->last_modified) {
		if (has_crlf(j->last_modified)) {
			job_fail(j, "stored Last-Modified contains a line break");
			return -1;
		}
		if (add_header(&x->headers, "If-Modified-Since", j->last_modified) < 0)
			goto oom;
	}
	for (i = 0; j->headers && i < j->headers->n; i++) {
		const struct kv *kv = &j->headers->items[i];
		if (!*kv->key || has_crlf(kv->key) || strpbrk(kv->key, ": \t") || has_crlf(kv->value)) {
			char msg[HARK_ERR_MAX];
			errf(msg, "bad request header \"%.64s\"", kv->key);
			job_fail(j, msg);
			return -1;
		}
		if (add_header(&x->headers, kv->key, kv->value) < 0)
			goto oom;
	}
	if (x->headers)
		SET(CURLOPT_HTTPHEADER, x->headers);
	return 0;

oom:
	job_fail(j, "out of memory");
	return -1;
setopt_failed:
	job_fail(j, "libcurl rejected an option (out of memory or unsupported)");
	return -1;
}

#undef SET

static int64_t parse_retry_after(const char *v)
{
	int64_t n = 0, t;
	const char *p = v;

	while (IS_SPACE(*p))
		p++;
	if (IS_DIGIT(*p)) {
		for (; IS_DIGIT(*p); p++) {
			n = n * 10 + (*p - '0');
			if (n > RETRY_AFTER_MAX)
				n = RETRY_AFTER_MAX;
		}
		while (IS_SPACE(*p))
			p++;
		return *p ? 0 : n;
	}
	t = time_parse_rfc822(p);
	if (t == HARK_TIME_NONE)
		return 0;
	t -= hark_now();
	if (t < 0)
		return 0;
	return t > RETRY_AFTER_MAX ? RETRY_AFTER_MAX : t;
}

/* Fill the job's outputs from a finished transfer. */
static void xfer_finish(struct xfer *x, CURLcode rc)
{
	struct fetch_job *j = x->job;
	CURL *h = x->h;
	long status = 0, redirects = 0;
	char *eff = NULL, *ct = NULL;
	curl_off_t total = 0;
	const char *v;
	char msg[HARK_ERR_MAX], size[32];

	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);
	if (curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &total) == CURLE_OK)
		j->seconds = (double)total / 1e6;
	if (eff && !(j->effective_url = strdup(eff)))
		x->oom = 1;

	if (rc == CURLE_OK && !x->oom) {
		/* file:// has no status: success reads as 200 for callers. */
		j->status = status == 0 && is_file_url(j->url) ? 200 : status;
		if (ct && !(j->content_type = strdup(ct)))
			x->oom = 1;
		if ((v = kvlist_getci(&j->resp_headers, "ETag")) && *v &&
		    !(j->etag_out = strdup(v)))
			x->oom = 1;
		if ((v = kvlist_getci(&j->resp_headers, "Last-Modified")) && *v &&
		    !(j->last_modified_out = strdup(v)))
			x->oom = 1;
		if ((v = kvlist_getci(&j->resp_headers, "Retry-After")))
			j->retry_after = parse_retry_after(v);
		if (!x->oom)
			return;
	}
	j->status = status;
	if (x->oom) {
		job_fail(j, "out of memory");
	} else if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		format_size(x->max_body, size);
		errf(msg, "response larger than max_body (%s)", size);
		job_fail(j, msg);
	} else if (rc == CURLE_TOO_MANY_REDIRECTS) {
		errf(msg, "too many redirects (more than %ld)", redirects);
		job_fail(j, msg);
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL && (redirects > 0 || (eff && strcmp(eff, j->url) != 0))) {
		char *m = url_mask(eff ? eff : "");
		errf(msg, "redirect to %s refused: only http and https redirects are followed",
		     m ? m : "(url)");
		free(m);
		job_fail(j, msg);
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		job_fail(j, "unsupported URL scheme (http, https and file are allowed)");
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		errf(msg, "timed out (%s)", x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		job_fail(j, msg);
	} else {
		job_fail(j, x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
	}
	buf_free(&j->body_out);
}

static void xfer_free(struct xfer *x)
{
	if (x->h)
		curl_easy_cleanup(x->h);
	curl_slist_free_all(x->headers);
	free(x->host);
	x->h = NULL;
	x->headers = NULL;
	x->host = NULL;
}

/* ---- the multi loop ---------------------------------------------------- */

enum { X_WAITING, X_RUNNING, X_DONE };

struct run {
	CURLM *m;
	const struct fetch_options *o;
	struct xfer *x;
	unsigned char *state;
	size_t n, done;
	size_t first;        /* no job before this one is waiting */
	size_t *running;     /* indices of running jobs, `active` of them */
	size_t active, max_active, per_host;
};

static size_t host_active(const struct run *r, const char *host)
{
	size_t i, c = 0;

	for (i = 0; i < r->active; i++) {
		const char *h = r->x[r->running[i]].host;
		if (h && strcmp(h, host) == 0)
			c++;
	}
	return c;
}

static void running_remove(struct run *r, size_t i)
{
	size_t k;

	for (k = 0; k < r->active; k++) {
		if (r->running[k] == i) {
			r->running[k] = r->running[--r->active];
			return;
		}
	}
}

static void mark_done(struct run *r, size_t i)
{
	r->state[i] = X_DONE;
	r->done++;
}

/* Start waiting jobs in order while there is room, honouring the per-host
 * limit. A job's easy handle is made only when it starts. */
static void refill(struct run *r)
{
	size_t i;
	CURLMcode mc;

	while (r->first < r->n && r->state[r->first] != X_WAITING)
		r->first++;
	for (i = r->first; i < r->n && r->active < r->max_active; i++) {
		struct xfer *x = &r->x[i];
		if (r->state[i] != X_WAITING)
			continue;
		if (!x->host_known) {
			x->host_known = 1;
			if (x->job->url && !is_file_url(x->job->url))
				x->host = host_of(x->job->url);
		}
		if (x->host && host_active(r, x->host) >= r->per_host)
			continue;
		if (xfer_setup(x, r->o) < 0) {
			xfer_free(x);
			mark_done(r, i);
			continue;
		}
		mc = curl_multi_add_handle(r->m, x->h);
		if (mc != CURLM_OK) {
			job_fail(x->job, curl_multi_strerror(mc));
			xfer_free(x);
			mark_done(r, i);
			continue;
		}
		r->state[i] = X_RUNNING;
		r->running[r->active++] = i;
	}
}

static void finish_one(struct run *r, CURL *h, CURLcode rc)
{
	struct xfer *x;
	char *priv = NULL;
	size_t i;

	if (curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv) != CURLE_OK || !priv)
		return;
	x = (struct xfer *)(void *)priv;
	i = (size_t)(x - r->x);
	xfer_finish(x, rc);
	curl_multi_remove_handle(r->m, h);
	xfer_free(x);
	if (r->state[i] == X_RUNNING)
		running_remove(r, i);
	mark_done(r, i);
}

/* A multi-level failure: every running transfer fails with it. */
static void fail_running(struct run *r, CURLMcode mc)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->state[i] == X_DONE)
			continue;
		if (r->x[i].h && r->state[i] == X_RUNNING)
			curl_multi_remove_handle(r->m, r->x[i].h);
		job_fail(r->x[i].job, curl_multi_strerror(mc));
		xfer_free(&r->x[i]);
		if (r->state[i] == X_RUNNING)
			running_remove(r, i);
		mark_done(r, i);
	}
}

static int global_ready;

int fetch_run(const struct fetch_options *o, struct fetch_job *jobs, size_t n)
{
	struct fetch_options def;
	struct run r = { 0 };
	CURLMcode mc;
	CURLMsg *msg;
	int still, left;
	size_t i;

	if (!o) {
		fetch_options_default(&def);
		o = &def;
	}
	for (i = 0; i < n; i++)
		fetch_job_clear(&jobs[i]);
	if (n == 0)
		return 0;
	if (!global_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			goto setup_failed;
		global_ready = 1;
	}
	r.o = o;
	r.n = n;
	r.max_active = o->jobs > 0 ? (size_t)o->jobs : 1;
	if (r.max_active > n)
		r.max_active = n;
	r.per_host = o->per_host > 0 ? (size_t)o->per_host : r.max_active;
	r.x = calloc(n, sizeof(*r.x));
	r.state = calloc(n, 1);
	r.running = calloc(r.max_active, sizeof(*r.running));
	r.m = curl_multi_init();
	if (!r.x || !r.state || !r.running || !r.m)
		goto setup_failed;
	if (o->jobs > 0)
		curl_multi_setopt(r.m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o->jobs);
	if (o->per_host > 0) /* also binds redirects to other hosts */
		curl_multi_setopt(r.m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)o->per_host);
	for (i = 0; i < n; i++)
		r.x[i].job = &jobs[i];

	refill(&r);
	while (r.done < r.n) {
		mc = curl_multi_perform(r.m, &still);
		if (mc != CURLM_OK) {
			fail_running(&r, mc);
			break;
		}
		while ((msg = curl_multi_info_read(r.m, &left)))
			if (msg->msg == CURLMSG_DONE)
				finish_one(&r, msg->easy_handle, msg->data.result);
		refill(&r);
		if (r.done >= r.n)
			break;
		if (r.active > 0) {
			mc = curl_multi_poll(r.m, NULL, 0, 1000, NULL);
			if (mc != CURLM_OK) {
				fail_running(&r, mc);
				break;
			}
		}
	}
	curl_multi_cleanup(r.m);
	free(r.x);
	free(r.state);
	free(r.running);
	return 0;

setup_failed:
	for (i = 0; i < n; i++) {
		jobs[i].failed = 1;
		errf(jobs[i].error, "cannot set up libcurl");
	}
	if (r.m)
		curl_multi_cleanup(r.m);
	free(r.x);
	free(r.state);
	free(r.running);
	return -1;
}
