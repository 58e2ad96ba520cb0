/* poller.c - one `hark poll`: choose the due sources, ask each adapter for
 * its request, fetch them all in bounded parallel rounds (a round per page),
 * parse, keep what names the brand, score, and store each source in one
 * transaction together with its new state and its alert outbox rows. One
 * failing source never stops the others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/adapter.h"
#include "hark/alerts.h"
#include "hark/config.h"
#include "hark/fetch.h"
#include "hark/match.h"
#include "hark/poller.h"
#include "hark/sentiment.h"
#include "hark/store.h"

#define MAX_BACKOFF 86400
#define SEEN_KEEP (90 * 86400)
#define MAX_RETRY_AFTER (7 * 86400) /* a server may not silence a source for longer */

struct src_run {
	const struct cfg_source *cfg;
	struct source_state state;
	int is_new;               /* never polled successfully: baseline */
	struct matcher *matcher;
	struct mention_list found; /* every page's mentions, in order */
	char *cursor;             /* working cursor */
	int pages, limit;
	struct adapter_request *next; /* request for the coming round */
	int failed;
	char error[HARK_ERR_MAX];
	int64_t retry_after;
	char *etag, *last_modified;
	char fingerprint[17];
	char *origin;             /* scheme://host:port of the first request */
	long status;
	double seconds;
};

static int take_mentions(struct mention_list *to, struct mention_list *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		struct mention *m = mention_list_add(to);
		if (!m)
			return -1;
		*m = from->items[i];
		memset(&from->items[i], 0, sizeof(from->items[i]));
	}
	mention_list_free(from);
	return 0;
}

static void run_fail(struct src_run *r, const char *msg)
{
	if (!r->failed)
		snprintf(r->error, sizeof(r->error), "%s", msg);
	r->failed = 1;
}

/* What a source's stored state belongs to: its adapter and parameters. */
static int source_fingerprint(const struct cfg_source *cs, char out[17])
{
	struct buf b = {0};
	size_t i;
	int rc = 0;

	rc |= buf_printf(&b, "%s\n", cs->adapter->name);
	for (i = 0; i < cs->params.n; i++) {
		const struct kv *kv = &cs->params.items[i];
		const struct adapter_param *p;
		/* A rotated token still reads the same place. */
		for (p = cs->adapter->params; p && p->name && strcmp(p->name, kv->key); p++)
			;
		if (p && p->name && (p->flags & ADAPTER_PARAM_SECRET))
			continue;
		rc |= buf_printf(&b, "%s=%s\n", kv->key, kv->value);
	}
	if (rc == 0)
		hash_hex64(b.data, b.len, out);
	else
		out[0] = '\0';
	buf_free(&b);
	return rc ? -1 : 0;
}

/* "scheme://host:port" of a URL, lower-cased (caller frees). */
static char *url_origin(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	size_t n, i;
	char *o;

	if (!p)
		return xstrdup("");
	p += 3;
	n = (size_t)(p - url) + strcspn(p, "/?#");
	o = xstrndup(url, n);
	for (i = 0; o && o[i]; i++)
		o[i] = (char)TO_LOWER(o[i]);
	return o;
}

/* A next-page link comes from the response body: when it leads to another
 * origin, the credentials meant for the configured one stay home (the rule
 * libcurl applies to redirects). */
static int keep_secrets_home(const struct config *cfg, struct src_run *r)
{
	struct kvlist kept = {0};
	char *origin = url_origin(r->next->url);
	size_t i;

	if (!origin)
		return -1;
	if (!r->origin || !strcmp(origin, r->origin)) {
		free(origin);
		return 0;
	}
	free(origin);
	for (i = 0; i < r->next->headers.n; i++) {
		const struct kv *h = &r->next->headers.items[i];
		char *masked = config_mask(cfg, h->value);
		int secret = !masked || strcmp(masked, h->value) != 0 ||
		             !str_casecmp_ascii(h->key, "Authorization") ||
		             !str_casecmp_ascii(h->key, "Proxy-Authorization") ||
		             !str_casecmp_ascii(h->key, "Cookie");
		free(masked);
		if (!secret && kvlist_add(&kept, h->key, h->value, h->line) < 0) {
			kvlist_free(&kept);
			return -1;
		}
	}
	kvlist_free(&r->next->headers);
	r->next->headers = kept;
	return 0;
}

static int wanted(const struct poll_options *o, const char *name)
{
	size_t i;

	if (!o->nonly)
		return 1;
	for (i = 0; i < o->nonly; i++)
		if (strcmp(o->only[i], name) == 0)
			return 1;
	return 0;
}

/* Take one parsed page: its mentions, cursor, and whether to go on. */
static void take_page(struct src_run *r, struct store *st, struct adapter_result *res)
{
	size_t i;
	int known = 0;

	r->pages++;
	if (res->retry_after > r->retry_after)
		r->retry_after = res->retry_after;
	if (res->cursor) {
		free(r->cursor);
		r->cursor = res->cursor;
		res->cursor = NULL;
	}
	for (i = 0; i < res->mentions.n && !known; i++)
		if (store_seen(st, r->cfg->name, res->mentions.items[i].id) == 1)
			known = 1;
	if (take_mentions(&r->found, &res->mentions) < 0) {
		run_fail(r, "out of memory");
		return;
	}
	if (res->next && !known && r->pages < r->limit) {
		r->next = res->next;
		res->next = NULL;
	}
}

static void parse_response(struct src_run *r, struct store *st, const struct fetch_job *j, int64_t now)
{
	const struct adapter *a = r->cfg->adapter;
	struct adapter_source as = {
		.name = r->cfg->name, .params = &r->cfg->params, .cursor = r->cursor,
		.page = r->pages, .now = now,
	};
	struct adapter_response resp = {
		.status = j->status, .body = j->body_out.data ? j->body_out.data : "",
		.len = j->body_out.len, .content_type = j->content_type,
		.headers = &j->resp_headers, .url = j->effective_url,
	};
	struct adapter_result res;
	char err[HARK_ERR_MAX] = "";

	memset(&res, 0, sizeof(res));
	if (a->parse(&as, &resp, &res, err) < 0) {
		run_fail(r, err[0] ? err : "parse failed");
		if (res.retry_after > r->retry_after)
			r->retry_after = res.retry_after;
	} else {
		take_page(r, st, &res);
	}
	adapter_result_clear(&res);
}

static void judge_job(struct src_run *r, struct store *st, const struct fetch_job *j, int64_t now)
{
	char msg[HARK_ERR_MAX];

	r->seconds += j->seconds;
	if (r->pages == 0) {
		r->status = j->status;
		free(r->etag);
		free(r->last_modified);
		r->etag = xstrdup(j->etag_out);
		r->last_modified = xstrdup(j->last_modified_out);
	}
	if (j->retry_after > r->retry_after)
		r->retry_after = j->retry_after;
	if (j->failed) {
		run_fail(r, j->error);
		return;
	}
	if (j->status == 304 && r->pages == 0) {
		/* Not modified: a success with nothing new; keep the old validators. */
		free(r->etag);
		free(r->last_modified);
		r->etag = xstrdup(r->state.etag);
		r->last_modified = xstrdup(r->state.last_modified);
		r->pages = 1;
		return;
	}
	if (j->status < 200 || j->status > 299) {
		char *u = url_mask(j->effective_url ? j->effective_url : j->url);
		snprintf(msg, sizeof(msg), "HTTP %ld from %s%s", j->status, u ? u : "(url)",
		         j->status == 429 ? " (rate limited)" : "");
		free(u);
		/* Let the adapter put the API's own error message on it. */
		parse_response(r, st, j, now);
		if (r->failed) {
			char api[HARK_ERR_MAX], status[32];
			memcpy(api, r->error, sizeof(api));
			snprintf(status, sizeof(status), "HTTP %ld", j->status);
			if (strstr(api, status)) /* the adapter named the status already */
				errf(r->error, "%s (%s)", api, msg + strlen(status) + 6);
			else
				errf(r->error, "%s: %s", msg, api);
		} else {
			run_fail(r, msg);
		}
		return;
	}
	parse_response(r, st, j, now);
}


static int lang_allowed(const struct cfg_brand *b, const char *lang)
{
	size_t i;

	if (!b || !b->nlanguages || !lang || !*lang) /* unknown is not another language */
		return 1;
	for (i = 0; i < b->nlanguages; i++)
		if (str_eq(b->languages[i], lang))
			return 1;
	return 0;
}

static void print_dry(const struct stored_mention *sm)
{
	char *j = stored_mention_to_json(sm);

	if (j)
		puts(j);
	free(j);
}

/* Store one source's result and state in one transaction. */
static int commit_source(const struct config *cfg, struct store *st, const struct sentiment *sent,
                         struct alerts *al, const struct poll_options *o, struct src_run *r,
                         struct poll_stats *stats)
{
	struct source_state *s = &r->state;
	const struct cfg_brand *brand = config_brand(cfg, r->cfg->brand);
	char err[HARK_ERR_MAX];
	long added = 0;
	size_t i;
	int storing = !r->failed && !(r->is_new && r->cfg->backfill == 0);

	if (!o->dry_run && store_begin(st, err) < 0)
		goto dberr;
	for (i = 0; !r->failed && i < r->found.n; i++) {
		struct mention *m = &r->found.items[i];
		struct stored_mention sm;
		struct sentiment_scores sc;
		const char *lang = NULL, *hint;
		char *body;
		int rc, seen = store_seen(st, r->cfg->name, m->id);

		if (seen < 0) {
			snprintf(err, sizeof(err), "database: cannot read seen items");
			goto dberr;
		}
		if (!o->dry_run && store_seen_mark(st, r->cfg->name, m->id, o->now, err) < 0)
			goto dberr;
		/* Seen before and not stored then (a baseline, or not about the
		 * brand): judged already. Stored ones fall through to the insert,
		 * which keeps them once. */
		if (!storing || (seen && store_mention_exists(st, r->cfg->name, m->id) == 0))
			continue;
		body = mention_body(m);
		if (!body)
			goto oom;
		if (!r->cfg->match_all && (!r->matcher || !matcher_match(r->matcher, body))) {
			free(body);
			continue;
		}
		hint = r->cfg->lang ? r->cfg->lang :
		       (!strcmp(m->lang, "en") || !strcmp(m->lang, "tr")) ? m->lang : NULL;
		if (sentiment_score(sent, SENTIMENT_HARK, hint, body, strlen(body), &sc, &lang, NULL) < 0)
			memset(&sc, 0, sizeof(sc));
		free(body);
		if (!m->lang[0] && lang)
			snprintf(m->lang, sizeof(m->lang), "%s", lang);
		if (!lang_allowed(brand, m->lang))
			continue;
		memset(&sm, 0, sizeof(sm));
		sm.source = r->cfg->name;
		sm.brand = r->cfg->brand;
		sm.adapter = r->cfg->adapter->name;
		sm.m = *m;
		sm.fetched_at = o->now;
		sm.sentiment = sc.compound;
		sm.neg = sc.neg;
		sm.neu = sc.neu;
		sm.pos = sc.pos;
		sm.label = sentiment_label(sc.compound);
		stats->mentions_seen++;
		if (o->dry_run) {
			print_dry(&sm);
			continue;
		}
		rc = store_mention_insert(st, &sm, err);
		if (rc < 0)
			goto dberr;
		if (rc == 0)
			continue;
		added++;
		if (!o->no_alerts && al &&
		    alerts_enqueue_mention(al, &sm, r->is_new && !r->cfg->alert_baseline, err) < 0)
			goto dberr;
	}
	if (o->dry_run)
		return 0;
	if (r->retry_after > MAX_RETRY_AFTER)
		r->retry_after = MAX_RETRY_AFTER;
	if (r->failed) {
		char *masked = config_mask(cfg, r->error);
		if (masked) {
			errf(r->error, "%s", masked);
			free(masked);
		}
	}
	s->last_poll = o->now;
	free(s->adapter);
	s->adapter = xstrdup(r->cfg->adapter->name);
	if (!r->failed) {
		int64_t delay = r->cfg->every;
		if (r->retry_after > delay)
			delay = r->retry_after;
		s->last_success = o->now;
		s->failures = 0;
		s->backoff = 0;
		free(s->last_error);
		s->last_error = NULL;
		s->next_due = o->now + delay;
		free(s->etag);
		free(s->last_modified);
		s->etag = r->etag;
		s->last_modified = r->last_modified;
		r->etag = r->last_modified = NULL;
		if (r->cursor) {
			free(s->cursor);
			s->cursor = r->cursor;
			r->cursor = NULL;
		}
		s->polls++;
		s->items += added;
		if (r->fingerprint[0]) {
			free(s->fingerprint);
			s->fingerprint = xstrdup(r->fingerprint);
		}
	} else {
		int64_t delay = r->cfg->every > 0 ? r->cfg->every : 60;
		int k;
		s->failures++;
		for (k = 0; k < s->failures && delay < MAX_BACKOFF; k++)
			delay *= 2;
		if (delay > MAX_BACKOFF)
			delay = MAX_BACKOFF;
		if (r->retry_after > delay)
			delay = r->retry_after;
		s->backoff = delay;
		s->next_due = o->now + delay;
		free(s->last_error);
		s->last_error = xstrdup(r->error);
	}
	if (store_source_put(st, s, err) < 0)
		goto dberr;
	/* Items not seen for SEEN_KEEP have left the source's pages. */
	if (!r->failed && store_seen_prune_source(st, r->cfg->name, o->now - SEEN_KEEP, err) < 0)
		goto dberr;
	if (!o->no_alerts && al &&
	    alerts_source_polled(al, r->cfg->name, !r->failed, s->failures, r->failed ? r->error : NULL, err) < 0)
		goto dberr;
	if (store_commit(st, err) < 0)
		goto dberr;
	stats->mentions_new += added;
	return 0;
oom:
	snprintf(err, sizeof(err), "out of memory");
dberr:
	store_rollback(st);
	fprintf(stderr, "hark: source %s: %s\n", r->cfg->name, err);
	return -1;
}

static void run_free(struct src_run *r)
{
	source_state_free(&r->state);
	matcher_free(r->matcher);
	mention_list_free(&r->found);
	free(r->cursor);
	free(r->etag);
	free(r->last_modified);
	free(r->origin);
	if (r->next) {
		adapter_request_clear(r->next);
		free(r->next);
	}
}

int poll_run(const struct config *cfg, struct store *st, const struct sentiment *sent,
             struct alerts *al, const struct poll_options *o, struct poll_stats *stats)
{
	struct src_run *runs;
	struct fetch_job *jobs;
	struct fetch_options fo;
	size_t i, n = 0, nj;
	char err[HARK_ERR_MAX];
	int rc = 0, fatal = 0;

	memset(stats, 0, sizeof(*stats));
	runs = calloc(cfg->nsources ? cfg->nsources : 1, sizeof(*runs));
	jobs = calloc(cfg->nsources ? cfg->nsources : 1, sizeof(*jobs));
	if (!runs || !jobs) {
		free(runs);
		free(jobs);
		fprintf(stderr, "hark: out of memory\n");
		return -1;
	}
	fetch_options_default(&fo);
	fo.user_agent = cfg->user_agent;
	fo.jobs = cfg->jobs;
	fo.timeout = (long)cfg->timeout;
	fo.connect_timeout = cfg->timeout < 10 ? (long)cfg->timeout : 10;
	fo.max_body = cfg->max_body;

	/* Which sources, and their first requests. */
	for (i = 0; i < cfg->nsources; i++) {
		const struct cfg_source *cs = &cfg->sources[i];
		struct src_run *r = &runs[n];
		const struct cfg_brand *b;
		int got;

		if (!wanted(o, cs->name))
			continue;
		got = store_source_get(st, cs->name, &r->state, err);
		if (got < 0) {
			fprintf(stderr, "hark: %s\n", err);
			source_state_free(&r->state);
			fatal = 1;
			break;
		}
		if (!o->all && !o->nonly && r->state.next_due > o->now) {
			source_state_free(&r->state);
			continue;
		}
		r->cfg = cs;
		if (source_fingerprint(cs, r->fingerprint) == 0 && r->state.fingerprint &&
		    strcmp(r->state.fingerprint, r->fingerprint) != 0) {
			/* The source now reads something else: the old cursor and
			 * validators would ask the new place the wrong question
			 * (and may get "nothing new" for good). Start afresh. */
			free(r->state.etag);
			free(r->state.last_modified);
			free(r->state.cursor);
			r->state.etag = r->state.last_modified = r->state.cursor = NULL;
			r->state.polls = 0;
		}
		r->is_new = r->state.polls == 0;
		r->limit = r->is_new ? (cs->backfill > 0 ? cs->backfill : 1) : cs->max_pages;
		r->cursor = xstrdup(r->state.cursor);
		b = config_brand(cfg, cs->brand);
		if (b && !cs->match_all && matcher_new(&r->matcher, b, err) < 0)
			run_fail(r, err);
		n++;
	}

	for (i = 0; i < n && !fatal; i++) {
		struct src_run *r = &runs[i];
		struct adapter_source as = {
			.name = r->cfg->name, .params = &r->cfg->params, .cursor = r->cursor,
			.page = 0, .now = o->now,
		};
		if (r->failed)
			continue;
		if (r->cfg->adapter->run) {
			struct adapter_result res;
			memset(&res, 0, sizeof(res));
			if (r->cfg->adapter->run(&as, &res, err) < 0)
				run_fail(r, err);
			else
				take_page(r, st, &res);
			adapter_result_clear(&res);
			if (r->next) { /* run adapters do their own paging */
				adapter_request_clear(r->next);
				free(r->next);
				r->next = NULL;
			}
			continue;
		}
		r->next = calloc(1, sizeof(*r->next));
		if (!r->next || r->cfg->adapter->request(&as, r->next, err) < 0)
			run_fail(r, r->next ? err : "out of memory");
	}

	/* Rounds: every source with a pending request, fetched in parallel. */
	while (!fatal) {
		nj = 0;
		for (i = 0; i < n; i++) {
			struct src_run *r = &runs[i];
			struct fetch_job *j;
			if (!r->next || r->failed)
				continue;
			j = &jobs[nj++];
			memset(j, 0, sizeof(*j));
			j->url = r->next->url;
			j->method = r->next->method;
			j->headers = &r->next->headers;
			j->body = r->next->body.data;
			j->body_len = r->next->body.len;
			/* file:// only for the first request, built from the configured
			 * URL; never for a next-page link a server handed us. */
			j->allow_file = r->pages == 0 && r->next->url && strncmp(r->next->url, "file://", 7) == 0;
			if (r->pages == 0) {
				j->etag = r->state.etag;
				j->last_modified = r->state.last_modified;
				free(r->origin);
				r->origin = url_origin(r->next->url);
			} else if (keep_secrets_home(cfg, r) < 0) {
				run_fail(r, "out of memory");
				nj--;
				continue;
			}
			j->user = r;
		}
		if (!nj)
			break;
		if (fetch_run(&fo, jobs, nj) < 0) {
			fprintf(stderr, "hark: cannot start transfers\n");
			fatal = 1;
			break;
		}
		for (i = 0; i < nj; i++) {
			struct src_run *r = jobs[i].user;
			struct adapter_request *req = r->next;
			r->next = NULL;
			judge_job(r, st, &jobs[i], o->now);
			fetch_job_clear(&jobs[i]);
			adapter_request_clear(req);
			free(req);
		}
	}

	for (i = 0; i < n && !fatal; i++) {
		struct src_run *r = &runs[i];
		if (commit_source(cfg, st, sent, al, o, r, stats) < 0) {
			fatal = 1;
			break;
		}
		stats->sources_polled++;
		if (r->failed) {
			stats->sources_failed++;
			rc = 1;
			fprintf(stderr, "hark: source %s: %s\n", r->cfg->name, r->error);
		} else if (o->verbose) {
			fprintf(stderr, "hark: source %s: %zu item%s, %s%.2f s, %d page%s\n", r->cfg->name,
			        r->found.n, r->found.n == 1 ? "" : "s", r->status == 304 ? "not modified, " : "", r->seconds,
			        r->pages, r->pages == 1 ? "" : "s");
		}
	}
	for (i = 0; i < n; i++)
		run_free(&runs[i]);
	free(runs);
	free(jobs);
	if (fatal)
		return -1;
	if (!o->no_alerts && !o->dry_run && al && alerts_deliver(al, o->now) != 0)
		rc = 1;
	return rc;
}
