/* alert_channel.h - for src/alert*.c only: alert rules, the event a channel
 * renders, and the channel interface.
 *
 * A channel is one const struct (name, build, send), Fluent Bit style:
 * build turns an event into a request (URL, headers, body), send performs it
 * and answers OK, RETRY or DEAD. The core (alerts.c) owns the outbox,
 * retries, backoff, quiet hours and digests; a channel never touches the
 * store. */
#ifndef HARK_ALERT_CHANNEL_H
#define HARK_ALERT_CHANNEL_H

#include <stdint.h>
#include <stddef.h>
#include <jansson.h>

#include "hark/util.h"

enum alert_result { ALERT_OK = 0, ALERT_RETRY = 1, ALERT_DEAD = 2 };

enum alert_kind { ALERT_KIND_MENTION = 0, ALERT_KIND_SPIKE, ALERT_KIND_SOURCE_FAILURE };

struct alert_channel;
struct matcher;

struct alert_rule {
	char *name;
	int line;
	const struct alert_channel *ch;
	enum alert_kind kind;
	struct kvlist params;     /* the section's keys, ${ENV} expanded */
	char *url;
	char *dir;                /* the config's folder, for relative paths */
	const char *user_agent;
	char **brands, **sources, **languages;
	size_t nbrands, nsources, nlanguages;
	struct matcher *keywords; /* NULL = no keyword condition */
	int has_threshold;
	double threshold;         /* compound <= threshold */
	int max_rating;           /* 0 = no rating condition */
	int digest;               /* mode = digest */
	int64_t digest_every;
	int quiet;                /* quiet_hours given */
	int quiet_from, quiet_to; /* minutes after local midnight */
	int has_urgent;
	double urgent_threshold;
	char *timezone;           /* NULL = the system's */
	int alert_baseline;
	/* kind = spike */
	int64_t window, baseline, cooldown;
	double factor;
	long min_count;
	/* kind = source_failure */
	int after;
	long timeout;             /* seconds per delivery */
	int max_attempts;
};

/* One mention in an event; strings are borrowed from the event's JSON. */
#define ALERT_MAX_WORDS 8
struct alert_item {
	const char *brand, *source, *adapter;
	const char *id, *author, *title, *text, *url, *lang, *published_at, *label;
	int rating;               /* 0 = none */
	int has_sentiment;
	double sentiment;
	const char *words[ALERT_MAX_WORDS]; /* the words that made it negative */
	size_t nwords;
};

struct alert_source_count {
	const char *source;
	long count;
};

/* What a channel renders: one mention, a digest, a spike, a source's
 * health, or a test message. */
struct alert_event {
	const char *event;        /* mention digest spike source_failure source_recovered test */
	const char *alert;
	int64_t key;              /* Idempotency-Key: outbox id (a digest's first row) */
	int64_t now;
	int severity;             /* 1 normal, 2 high, 3 critical */
	json_t *body;             /* the webhook body (SPEC 9); owned */
	json_t **roots;           /* outbox payloads the items borrow from; owned */
	size_t nroots;
	struct alert_item *items; /* mention: 1; digest: worst first, grouped by source; spike: examples */
	size_t nitems;
	const char *brand, *source, *adapter, *error, *message;
	long count, failures;
	double usual;
	int64_t window;
	struct alert_source_count top[3];
	size_t ntop;
};

void alert_event_free(struct alert_event *ev);
/* Fill ev (zeroed by the caller) from stored payloads; ev takes the roots. */
int alert_event_from_payloads(struct alert_event *ev, const char *alert, int64_t key,
                              json_t **roots, size_t n, int digest, int64_t now, char *err);

/* A request built by a channel. */
struct alert_payload {
	char *url;                /* owned */
	struct kvlist headers;    /* Content-Type included */
	struct buf body;
};

void alert_payload_free(struct alert_payload *p);

struct alert_send_result {
	long status;              /* HTTP status or SMTP reply code, 0 if none */
	int64_t retry_after;      /* seconds the receiver asked us to wait, 0 = none */
	char error[HARK_ERR_MAX];
};

enum { CH_NEEDS_URL = 1 << 0, CH_HTTP = 1 << 1 };

struct alert_channel {
	const char *name;
	unsigned flags;
	size_t limit;             /* bytes of message text the receiver takes */
	int (*build)(const struct alert_rule *r, const struct alert_event *ev,
	             struct alert_payload *p, char *err);
	enum alert_result (*send)(const struct alert_rule *r, const struct alert_event *ev,
	                          const struct alert_payload *p, struct alert_send_result *res);
};

extern const struct alert_channel alert_slack, alert_teams, alert_discord, alert_telegram,
	alert_ntfy, alert_webhook, alert_email, alert_exec, alert_file;

/* Sorted by name (a unit test checks). */
extern const struct alert_channel *const alert_channels[];
extern const size_t alert_channel_count;
const struct alert_channel *alert_channel_find(const char *name);

/* --- the core's pure parts, for unit tests (alerts.c) --- */

struct stored_mention;
struct cfg_alert;
/* Parse and check one [alert NAME]; returns the number of errors, each
 * appended to errors (may be NULL) as FILE:LINE: message. Free r always. */
int alert_rule_parse(const struct cfg_alert *a, const char *file, struct buf *errors,
                     struct alert_rule *r);
void alert_rule_free(struct alert_rule *r);
const char *alert_key_name(size_t i);     /* the config key table, NULL past the end */
int alert_parse_quiet(const char *s, int *from, int *to);
long alert_tz_offset(const char *tz, int64_t t);
int alert_in_quiet(const struct alert_rule *r, int64_t now, int64_t *until);
int64_t alert_digest_due(const struct alert_rule *r, int64_t now);
int alert_rule_matches(const struct alert_rule *r, const struct stored_mention *sm);
int64_t alert_backoff(int attempts, int64_t key);

/* --- shared by the channels (alert_format.c) --- */

/* How a channel marks up text. esc appends customer-written text escaped;
 * link appends a link (url is http(s) only, already checked). */
struct alert_style {
	void (*esc)(struct buf *b, const char *s, size_t n);
	const char *bold_open, *bold_close;
	void (*link)(struct buf *b, const char *url, const char *label);
	const char *bullet;
	int no_headline;          /* the channel shows the headline apart (title) */
};

/* The message text of an event, at most limit bytes, customer text trimmed
 * on a UTF-8 boundary with "…". */
int alert_render(const struct alert_event *ev, const struct alert_style *st, size_t limit,
                 struct buf *out);
/* One plain-text line: "Negative mention of acme on appstore-tr". */
int alert_headline(const struct alert_event *ev, struct buf *out);
/* Longest prefix of s (n bytes) of at most max bytes that ends on a UTF-8
 * character boundary. */
size_t utf8_prefix(const char *s, size_t n, size_t max);
/* "★★☆☆☆" */
const char *alert_stars(int rating);
/* 1 when url is an http(s) URL safe to put in a link. */
int alert_url_ok(const char *url);
/* The first item's link, or NULL. */
const char *alert_event_link(const struct alert_event *ev);

/* ntfy: https://HOST/TOPIC into server URL and topic (caller frees). */
int ntfy_split(const char *url, char **server, char **topic);

/* RFC 2047 encoded words for a header value (plain when ASCII). */
int rfc2047_append(struct buf *b, const char *s);

void esc_none(struct buf *b, const char *s, size_t n);
void esc_html(struct buf *b, const char *s, size_t n);
void esc_markdown(struct buf *b, const char *s, size_t n);
/* <a href="url">label</a> (Telegram, email), the URL HTML-escaped. */
void link_html(struct buf *b, const char *url, const char *label);
/* A markdown link target (Discord, Teams) with the characters that would
 * end the link percent-encoded. */
void url_esc_markdown(struct buf *b, const char *url);

/* POST p with fetch_run and judge the answer: 2xx OK; 429, 408, 5xx and
 * transport errors RETRY (Retry-After kept); 400 401 403 404 410 413 DEAD. */
enum alert_result alert_http_post(const struct alert_rule *r, const struct alert_payload *p,
                                  struct alert_send_result *res, struct buf *resp_body);
enum alert_result alert_http_judge(long status);
/* The send of a channel whose request needs nothing but alert_http_post
 * (a 429's Retry-After header or JSON retry_after is read there). */
enum alert_result alert_http_send(const struct alert_rule *r, const struct alert_event *ev,
                                  const struct alert_payload *p, struct alert_send_result *res);
/* A JSON body's retry_after (seconds, fractions rounded up), or
 * parameters.retry_after (Telegram); 0 when absent. */
int64_t alert_json_retry_after(const char *body);
/* RFC 4648 base64 of n bytes appended to b. */
int base64_append(struct buf *b, const void *p, size_t n);
/* Serialise a JSON object into b (compact, UTF-8 as is). */
int alert_json_dump(struct buf *b, json_t *o, char *err);
/* p becomes a POST of o (borrowed; NULL = it could not be built) to url
 * with Content-Type application/json. */
int alert_json_request(struct alert_payload *p, json_t *o, const char *url, char *err);

#endif
