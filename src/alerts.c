/* alerts.c - alert rules, the durable outbox and delivery (SPEC 9).
 *
 * Detection happens in the poller's transaction: a mention that matches a
 * rule becomes an outbox row together with the mention itself. Delivery
 * reads the outbox afterwards: each row (or digest batch) is handed to its
 * channel and marked sent in its own statement right after the receiver
 * took it, so a crash repeats at most what was in flight, with the same
 * Idempotency-Key. Failures back off exponentially with jitter; permanent
 * ones and rows that failed max_attempts times go to `dead`. Quiet hours
 * hold delivery, never detection; what they held leaves as one digest. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alert_channel.h"
#include "store_outbox.h"
#include "hark/adapter.h"
#include "hark/alerts.h"
#include "hark/config.h"
#include "hark/htime.h"
#include "hark/match.h"
#include "hark/sentiment.h"
#include "hark/store.h"

#define BACKOFF_BASE 30
#define BACKOFF_MAX (6 * 3600)
#define RETRY_AFTER_MAX 86400
#define DIGEST_MAX 100

struct alerts {
	const struct config *cfg;
	struct store *st;
	const struct sentiment *sent;
	struct alert_rule *rules;
	size_t nrules;
};

/* ---- configuration ---- */

enum key_type { K_STR, K_LIST, K_NUM, K_INT, K_DUR, K_BOOL, K_ENUM, K_URL, K_QUIET, K_TZ };

struct alert_key {
	const char *name;
	enum key_type type;
	const char *values; /* K_ENUM: "a|b|c" */
};

/* Sorted by name (a unit test checks). */
static const struct alert_key alert_keys[] = {
	{"after", K_INT, NULL},
	{"alert_baseline", K_BOOL, NULL},
	{"baseline", K_DUR, NULL},
	{"brands", K_LIST, NULL},
	{"ca_file", K_STR, NULL},
	{"card", K_ENUM, "adaptive|messagecard"},
	{"channel", K_STR, NULL},
	{"chat_id", K_STR, NULL},
	{"command", K_STR, NULL},
	{"cooldown", K_DUR, NULL},
	{"digest_every", K_DUR, NULL},
	{"factor", K_NUM, NULL},
	{"from", K_STR, NULL},
	{"keywords", K_LIST, NULL},
	{"kind", K_ENUM, "mention|spike|source_failure"},
	{"languages", K_LIST, NULL},
	{"max_attempts", K_INT, NULL},
	{"max_rating", K_INT, NULL},
	{"min_count", K_INT, NULL},
	{"mode", K_ENUM, "each|digest"},
	{"password", K_STR, NULL},
	{"path", K_STR, NULL},
	{"priority", K_ENUM, "1|2|3|4|5|min|low|default|high|max|urgent"},
	{"quiet_hours", K_QUIET, NULL},
	{"secret", K_STR, NULL},
	{"sources", K_LIST, NULL},
	{"starttls", K_ENUM, "try|required|no"},
	{"threshold", K_NUM, NULL},
	{"timeout", K_DUR, NULL},
	{"timezone", K_TZ, NULL},
	{"to", K_STR, NULL},
	{"token", K_STR, NULL},
	{"type", K_ENUM, "discord|email|exec|file|ntfy|slack|teams|telegram|webhook"},
	{"urgent_threshold", K_NUM, NULL},
	{"url", K_URL, NULL},
	{"username", K_STR, NULL},
	{"window", K_DUR, NULL},
};

const char *alert_key_name(size_t i)
{
	return i < sizeof(alert_keys) / sizeof(alert_keys[0]) ? alert_keys[i].name : NULL;
}

static int key_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct alert_key *)e)->name);
}

static const struct alert_key *key_find(const char *name)
{
	return bsearch(name, alert_keys, sizeof(alert_keys) / sizeof(alert_keys[0]), sizeof(alert_keys[0]),
	               key_cmp);
}

static int enum_has(const char *values, const char *v)
{
	size_t n = strlen(v);
	const char *p = values;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t k = bar ? (size_t)(bar - p) : strlen(p);
		if (k == n && strncmp(p, v, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

static int parse_num(const char *s, double *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	*out = strtod(s, &end);
	while (IS_SPACE(*end))
		end++;
	return *end || !isfinite(*out) ? -1 : 0;
}

static int parse_int(const char *s, long *out)
{
	char *end;

	if (!s || !IS_DIGIT(*s))
		return -1;
	*out = strtol(s, &end, 10);
	return *end ? -1 : 0;
}


static int parse_hhmm(const char *s, int *minutes, const char **end)
{
	int h, m;

	if (!IS_DIGIT(s[0]))
		return -1;
	h = s[0] - '0';
	s++;
	if (IS_DIGIT(*s))
		h = h * 10 + (*s++ - '0');
	if (*s != ':' || !IS_DIGIT(s[1]) || !IS_DIGIT(s[2]))
		return -1;
	m = (s[1] - '0') * 10 + (s[2] - '0');
	if (h > 24 || m > 59 || (h == 24 && m))
		return -1;
	*minutes = (h * 60 + m) % 1440;
	*end = s + 3;
	return 0;
}

/* "22:00-08:00" */
int alert_parse_quiet(const char *s, int *from, int *to)
{
	const char *p;

	while (IS_SPACE(*s))
		s++;
	if (parse_hhmm(s, from, &p) < 0)
		return -1;
	while (IS_SPACE(*p))
		p++;
	if (*p++ != '-')
		return -1;
	while (IS_SPACE(*p))
		p++;
	if (parse_hhmm(p, to, &p) < 0)
		return -1;
	while (IS_SPACE(*p))
		p++;
	return *p || *from == *to ? -1 : 0;
}

/* Fixed offsets: "UTC", "Z", "+03:00", "-0530", "UTC+3". */
static int fixed_offset(const char *tz, long *off)
{
	const char *p = tz;
	int sign, h = 0, m = 0;

	if (!strcmp(tz, "UTC") || !strcmp(tz, "Z") || !strcmp(tz, "GMT") || !strcmp(tz, "Etc/UTC")) {
		*off = 0;
		return 0;
	}
	if (!strncmp(p, "UTC", 3))
		p += 3;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (!IS_DIGIT(*p))
		return -1;
	h = *p++ - '0';
	if (IS_DIGIT(*p))
		h = h * 10 + (*p++ - '0');
	if (*p == ':')
		p++;
	if (IS_DIGIT(p[0]) && IS_DIGIT(p[1])) {
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
	}
	if (*p || h > 14 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

static int tz_known(const char *tz)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	long off;

	if (fixed_offset(tz, &off) == 0)
		return 1;
	if (strstr(tz, "..") || tz[0] == '/' || !*tz)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	return access(path, R_OK) == 0;
}

/* Seconds east of UTC in tz (NULL = the process's zone) at time t. */
long alert_tz_offset(const char *tz, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char *old = NULL;
	long off;

	if (tz && fixed_offset(tz, &off) == 0)
		return off;
	if (tz) {
		const char *o = getenv("TZ");
		old = o ? xstrdup(o) : NULL;
		setenv("TZ", tz, 1);
		tzset();
	}
	if (!localtime_r(&tt, &tm))
		memset(&tm, 0, sizeof(tm));
	off = tm.tm_gmtoff;
	if (tz) {
		if (old)
			setenv("TZ", old, 1);
		else
			unsetenv("TZ");
		tzset();
		free(old);
	}
	return off;
}

void alert_rule_free(struct alert_rule *r)
{
	free(r->name);
	kvlist_free(&r->params);
	free(r->url);
	free(r->dir);
	strv_free(r->brands);
	strv_free(r->sources);
	strv_free(r->languages);
	if (r->keywords)
		matcher_free(r->keywords);
	free(r->timezone);
	memset(r, 0, sizeof(*r));
}

#define CHECK_ERR(line, ...) do { \
		if (errors) { \
			buf_printf(errors, "%s:%d: ", file, (line)); \
			buf_printf(errors, __VA_ARGS__); \
			buf_putc(errors, '\n'); \
		} \
		nerr++; \
	} while (0)

static int url_has_host(const char *u)
{
	const char *p = strstr(u, "://");

	if (!p)
		return 0;
	p += 3;
	return *p && *p != '/' && *p != ':' && *p != '?' && !strpbrk(u, " \t\r\n");
}

/* Parse and validate one section into r. Returns the number of errors
 * (each appended to errors as FILE:LINE: message when errors != NULL). */
int alert_rule_parse(const struct cfg_alert *a, const char *file, struct buf *errors,
                      struct alert_rule *r)
{
	const struct kv *type_kv = kvlist_find(&a->params, "type");
	const struct kv *url_kv = kvlist_find(&a->params, "url");
	const char *kind;
	int nerr = 0;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->name = xstrdup(a->name);
	r->line = a->line;
	r->factor = 3.0;
	r->min_count = 5;
	r->window = 3600;
	r->baseline = 7 * 86400;
	r->cooldown = 6 * 3600;
	r->after = 3;
	r->timeout = 20;
	r->max_attempts = 10;
	r->digest_every = 3600;
	if (!r->name) {
		CHECK_ERR(a->line, "out of memory");
		return nerr;
	}
	for (i = 0; i < a->params.n; i++) {
		const struct kv *kv = &a->params.items[i];
		const struct alert_key *k = key_find(kv->key);
		double d;
		long n;
		int64_t secs;
		int b;

		if (kvlist_add(&r->params, kv->key, kv->value, kv->line) < 0) {
			CHECK_ERR(kv->line, "out of memory");
			continue;
		}
		if (!k) {
			CHECK_ERR(kv->line, "unknown key '%s' in [alert %s]", kv->key, a->name);
			continue;
		}
		switch (k->type) {
		case K_STR:
			if (!*kv->value)
				CHECK_ERR(kv->line, "%s: empty value", kv->key);
			break;
		case K_LIST:
			break;
		case K_NUM:
			if (parse_num(kv->value, &d) < 0)
				CHECK_ERR(kv->line, "%s: expected a number, got '%s'", kv->key, kv->value);
			else if ((!strcmp(kv->key, "threshold") || !strcmp(kv->key, "urgent_threshold")) &&
			         (d < -1 || d > 1))
				CHECK_ERR(kv->line, "%s: expected a compound score from -1 to 1, got '%s'", kv->key, kv->value);
			else if (!strcmp(kv->key, "factor") && d <= 0)
				CHECK_ERR(kv->line, "factor: must be above 0");
			break;
		case K_INT:
			if (parse_int(kv->value, &n) < 0)
				CHECK_ERR(kv->line, "%s: expected a whole number, got '%s'", kv->key, kv->value);
			else if (!strcmp(kv->key, "max_rating") && (n < 1 || n > 5))
				CHECK_ERR(kv->line, "max_rating: expected 1 to 5, got '%s'", kv->value);
			else if ((!strcmp(kv->key, "after") || !strcmp(kv->key, "max_attempts")) && n < 1)
				CHECK_ERR(kv->line, "%s: must be at least 1", kv->key);
			break;
		case K_DUR:
			if (parse_duration(kv->value, &secs) < 0 || secs <= 0)
				CHECK_ERR(kv->line, "%s: expected a duration such as 30m, 1h, 7d, got '%s'", kv->key, kv->value);
			break;
		case K_BOOL:
			if (parse_bool(kv->value, &b) < 0)
				CHECK_ERR(kv->line, "%s: expected yes or no, got '%s'", kv->key, kv->value);
			break;
		case K_ENUM:
			if (!enum_has(k->values, kv->value))
				CHECK_ERR(kv->line, "%s: unknown value '%s' (known: %s)", kv->key, kv->value, k->values);
			break;
		case K_URL:
			break; /* checked below, with the type */
		case K_QUIET:
			if (alert_parse_quiet(kv->value, &r->quiet_from, &r->quiet_to) < 0)
				CHECK_ERR(kv->line, "quiet_hours: expected HH:MM-HH:MM, got '%s'", kv->value);
			break;
		case K_TZ:
			if (!tz_known(kv->value))
				CHECK_ERR(kv->line, "timezone: unknown zone '%s' (use a name such as Europe/Istanbul, or +03:00)", kv->value);
			break;
		}
	}
	/* The type and what it needs. */
	if (!type_kv) {
		CHECK_ERR(a->line, "[alert %s] needs type (one of slack, teams, discord, telegram, ntfy, webhook, email, exec, file)", a->name);
	} else {
		r->ch = alert_channel_find(type_kv->value);
	}
	if (r->ch) {
		const char *u = url_kv ? url_kv->value : NULL;
		int ul = url_kv ? url_kv->line : a->line;
		if ((r->ch->flags & CH_NEEDS_URL) && (!u || !*u)) {
			CHECK_ERR(a->line, "[alert %s] type %s needs url", a->name, r->ch->name);
		} else if (u && *u && !strstr(u, "${")) { /* an unset ${ENV} is reported already */
			int smtp = r->ch == &alert_email;
			int ok = smtp ? (!strncmp(u, "smtp://", 7) || !strncmp(u, "smtps://", 8)) :
			                (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8));
			if (!ok || !url_has_host(u)) {
				CHECK_ERR(ul, "url: bad URL '%s' (expected %s)", u,
				          smtp ? "smtp://HOST:PORT or smtps://HOST:PORT" : "http:// or https://HOST/...");
			} else if (r->ch == &alert_ntfy) {
				char *server, *topic;
				if (ntfy_split(u, &server, &topic) < 0)
					CHECK_ERR(ul, "url: ntfy needs the topic in the URL: https://HOST/TOPIC");
				free(server);
				free(topic);
			}
		}
		if (r->ch == &alert_telegram && (!kvlist_get(&a->params, "token") || !kvlist_get(&a->params, "chat_id")))
			CHECK_ERR(a->line, "[alert %s] type telegram needs token and chat_id", a->name);
		if (r->ch == &alert_email && (!kvlist_get(&a->params, "from") || !kvlist_get(&a->params, "to")))
			CHECK_ERR(a->line, "[alert %s] type email needs from and to", a->name);
		if (r->ch == &alert_exec && !kvlist_get(&a->params, "command"))
			CHECK_ERR(a->line, "[alert %s] type exec needs command", a->name);
		if (r->ch == &alert_file && !kvlist_get(&a->params, "path"))
			CHECK_ERR(a->line, "[alert %s] type file needs path", a->name);
	}
	if (nerr)
		return nerr;
	/* Everything is valid: fill the rule. */
	r->url = xstrdup(kvlist_get(&a->params, "url"));
	kind = kvlist_get(&a->params, "kind");
	r->kind = str_eq(kind, "spike") ? ALERT_KIND_SPIKE :
	          str_eq(kind, "source_failure") ? ALERT_KIND_SOURCE_FAILURE : ALERT_KIND_MENTION;
	for (i = 0; i < r->params.n; i++) {
		const char *k = r->params.items[i].key, *v = r->params.items[i].value;
		double d;
		long n;
		int64_t secs;
		if (!strcmp(k, "brands"))
			r->brands = strv_split_list(v, &r->nbrands);
		else if (!strcmp(k, "sources"))
			r->sources = strv_split_list(v, &r->nsources);
		else if (!strcmp(k, "languages"))
			r->languages = strv_split_list(v, &r->nlanguages);
		else if (!strcmp(k, "threshold") && parse_num(v, &d) == 0)
			r->has_threshold = 1, r->threshold = d;
		else if (!strcmp(k, "urgent_threshold") && parse_num(v, &d) == 0)
			r->has_urgent = 1, r->urgent_threshold = d;
		else if (!strcmp(k, "factor") && parse_num(v, &d) == 0)
			r->factor = d;
		else if (!strcmp(k, "max_rating") && parse_int(v, &n) == 0)
			r->max_rating = (int)n;
		else if (!strcmp(k, "min_count") && parse_int(v, &n) == 0)
			r->min_count = n;
		else if (!strcmp(k, "after") && parse_int(v, &n) == 0)
			r->after = (int)n;
		else if (!strcmp(k, "max_attempts") && parse_int(v, &n) == 0)
			r->max_attempts = (int)n;
		else if (!strcmp(k, "mode"))
			r->digest = !strcmp(v, "digest");
		else if (!strcmp(k, "quiet_hours"))
			r->quiet = 1;
		else if (!strcmp(k, "alert_baseline"))
			parse_bool(v, &r->alert_baseline);
		else if (!strcmp(k, "timezone"))
			r->timezone = xstrdup(v);
		else if (parse_duration(v, &secs) == 0 && secs > 0) {
			if (!strcmp(k, "digest_every"))
				r->digest_every = secs;
			else if (!strcmp(k, "window"))
				r->window = secs;
			else if (!strcmp(k, "baseline"))
				r->baseline = secs;
			else if (!strcmp(k, "cooldown"))
				r->cooldown = secs;
			else if (!strcmp(k, "timeout"))
				r->timeout = (long)secs;
		}
	}
	if (kvlist_get(&a->params, "keywords")) {
		struct cfg_brand b;
		char kerr[HARK_ERR_MAX];
		memset(&b, 0, sizeof(b));
		b.name = r->name;
		b.keywords = strv_split_list(kvlist_get(&a->params, "keywords"), &b.nkeywords);
		if (!b.keywords || matcher_new(&r->keywords, &b, kerr) < 0) {
			CHECK_ERR(kvlist_find(&a->params, "keywords")->line, "keywords: %s",
			          b.keywords ? kerr : "out of memory");
			r->keywords = NULL;
		}
		strv_free(b.keywords);
	}
	return nerr;
}

int alert_config_check(const struct cfg_alert *a, const char *file, struct buf *errors)
{
	struct alert_rule r;
	int n = alert_rule_parse(a, file, errors, &r);

	alert_rule_free(&r);
	return n;
}

int alerts_open(struct alerts **out, const struct config *cfg, struct store *st,
                const struct sentiment *sent, char *err)
{
	struct alerts *al = calloc(1, sizeof(*al));
	size_t i;

	*out = NULL;
	if (!al || (cfg->nalerts && !(al->rules = calloc(cfg->nalerts, sizeof(*al->rules))))) {
		free(al);
		errf(err, "out of memory");
		return -1;
	}
	al->cfg = cfg;
	al->st = st;
	al->sent = sent;
	for (i = 0; i < cfg->nalerts; i++) {
		struct buf errors = {0};
		struct alert_rule *r = &al->rules[al->nrules];
		if (alert_rule_parse(&cfg->alerts[i], cfg->path ? cfg->path : "hark.conf", &errors, r) > 0) {
			errf(err, "%s", errors.data ? errors.data : "bad alert rule");
			err[strcspn(err, "\n")] = '\0';
			buf_free(&errors);
			alert_rule_free(r);
			alerts_close(al);
			return -1;
		}
		buf_free(&errors);
		r->user_agent = cfg->user_agent;
		r->dir = xstrdup(cfg->dir);
		if (!r->timezone && cfg->timezone)
			r->timezone = xstrdup(cfg->timezone);
		al->nrules++;
	}
	*out = al;
	return 0;
}

void alerts_close(struct alerts *al)
{
	size_t i;

	if (!al)
		return;
	for (i = 0; i < al->nrules; i++)
		alert_rule_free(&al->rules[i]);
	free(al->rules);
	free(al);
}

static struct alert_rule *rule_find(struct alerts *al, const char *name)
{
	size_t i;

	for (i = 0; i < al->nrules; i++)
		if (!strcmp(al->rules[i].name, name))
			return &al->rules[i];
	return NULL;
}

/* ---- time: quiet hours and digest boundaries in the rule's zone ---- */

int alert_in_quiet(const struct alert_rule *r, int64_t now, int64_t *until)
{
	long off = alert_tz_offset(r->timezone, now);
	int64_t local = now + off, sec_of_day = ((local % 86400) + 86400) % 86400;
	int m = (int)(sec_of_day / 60), in;

	if (!r->quiet)
		return 0;
	in = r->quiet_from < r->quiet_to ? (m >= r->quiet_from && m < r->quiet_to) :
	                                   (m >= r->quiet_from || m < r->quiet_to);
	if (in && until) {
		int left = (r->quiet_to - m + 1440) % 1440;
		*until = now - (sec_of_day % 60) + (int64_t)left * 60;
	}
	return in;
}

/* The first digest boundary after now, aligned in the rule's zone (so a
 * 1d digest goes out at local midnight). */
int64_t alert_digest_due(const struct alert_rule *r, int64_t now)
{
	int64_t every = r->digest_every > 0 ? r->digest_every : 3600;
	long off = alert_tz_offset(r->timezone, now);
	int64_t local = now + off;
	int64_t q = local >= 0 ? local / every : -((-local + every - 1) / every);

	return (q + 1) * every - off;
}

/* ---- detection ---- */

static int in_list(char **v, size_t n, const char *s)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}


static int is_negative(const struct alert_rule *r, double compound, int rating)
{
	int by_score = r->has_threshold ? compound <= r->threshold : 0;
	int by_rating = r->max_rating && rating >= 1 && rating <= r->max_rating;

	if (!r->has_threshold && !r->max_rating)
		return compound <= -0.05; /* the "negative" label */
	return by_score || by_rating;
}

int alert_rule_matches(const struct alert_rule *r, const struct stored_mention *sm)
{
	if (r->nbrands && !in_list(r->brands, r->nbrands, sm->brand))
		return 0;
	if (r->nsources && !in_list(r->sources, r->nsources, sm->source))
		return 0;
	if (r->nlanguages && sm->m.lang[0] && !in_list(r->languages, r->nlanguages, sm->m.lang))
		return 0;
	if (!is_negative(r, sm->sentiment, sm->m.rating))
		return 0;
	if (r->keywords) {
		char *body = mention_body(&sm->m);
		int hit = body && matcher_match(r->keywords, body);
		free(body);
		if (!hit)
			return 0;
	}
	return 1;
}

/* The words that pulled the score down, from the scorer's explanation. */
static json_t *negative_words(const struct alerts *al, const struct stored_mention *sm)
{
	struct sentiment_explain ex = {0};
	struct sentiment_scores sc;
	const char *lang = sm->m.lang[0] ? sm->m.lang : NULL;
	char *body = mention_body(&sm->m);
	json_t *words = json_array();
	size_t i, j;

	if (!words || !body || !al->sent ||
	    sentiment_score(al->sent, SENTIMENT_HARK, lang, body, strlen(body), &sc, NULL, &ex) < 0) {
		free(body);
		return words;
	}
	for (i = 0; i < ex.n && json_array_size(words) < ALERT_MAX_WORDS; i++) {
		int dup = 0;
		if (!ex.items[i].token || ex.items[i].valence >= 0)
			continue;
		for (j = 0; j < json_array_size(words); j++)
			if (!str_casecmp_ascii(json_string_value(json_array_get(words, j)), ex.items[i].token))
				dup = 1;
		if (!dup)
			json_array_append_new(words, json_string(ex.items[i].token));
	}
	sentiment_explain_free(&ex);
	free(body);
	return words;
}

/* SPEC 7 mention plus sentiment and label. */
static json_t *mention_json(const struct stored_mention *sm)
{
	char *s = mention_to_json(&sm->m);
	json_t *m = s ? json_loads(s, 0, NULL) : NULL;

	free(s);
	if (!m)
		return NULL;
	json_object_set_new(m, "sentiment", json_real(round(sm->sentiment * 10000) / 10000));
	json_object_set_new(m, "label", sm->label ? json_string(sm->label) : json_null());
	return m;
}

static char *mention_payload(const struct alert_rule *r, const struct stored_mention *sm, json_t *words)
{
	json_t *o = json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "event", "mention", "alert", r->name,
	                      "brand", sm->brand, "source", sm->source, "adapter", sm->adapter);
	json_t *m = mention_json(sm);
	char *s = NULL;

	if (o && m) {
		json_object_set(o, "mention", m);
		json_object_set(o, "words", words ? words : json_array());
		s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	}
	json_decref(m);
	json_decref(o);
	return s;
}

int alerts_enqueue_mention(struct alerts *al, const struct stored_mention *sm,
                           int baseline, char *err)
{
	int64_t now = hark_now();
	json_t *words = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; i < al->nrules && rc == 0; i++) {
		struct alert_rule *r = &al->rules[i];
		char *payload;
		int urgent;
		if (r->kind != ALERT_KIND_MENTION || (baseline && !r->alert_baseline) || !alert_rule_matches(r, sm))
			continue;
		if (!words)
			words = negative_words(al, sm);
		payload = mention_payload(r, sm, words);
		if (!payload) {
			errf(err, "out of memory");
			rc = -1;
			break;
		}
		urgent = r->has_urgent && sm->sentiment <= r->urgent_threshold;
		if (outbox_add(al->st, r->name, sm->rowid, "mention", payload, urgent,
		               r->digest && !urgent ? alert_digest_due(r, now) : 0, now, err) < 0)
			rc = -1;
		free(payload);
	}
	json_decref(words);
	return rc;
}

/* ---- source health and spikes ---- */

static int rule_covers_source(const struct alert_rule *r, const char *source, const char *brand)
{
	if (r->nsources && !in_list(r->sources, r->nsources, source))
		return 0;
	if (r->nbrands && brand && !in_list(r->brands, r->nbrands, brand))
		return 0;
	return 1;
}

static int enqueue_event(struct alerts *al, const struct alert_rule *r, json_t *o, const char *kind,
                         int64_t now, char *err)
{
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) : NULL;
	int rc;

	if (!s) {
		errf(err, "out of memory");
		return -1;
	}
	rc = outbox_add(al->st, r->name, 0, kind, s, 0, 0, now, err);
	free(s);
	return rc < 0 ? -1 : 0;
}

static int source_health(struct alerts *al, const struct alert_rule *r, const struct cfg_source *cs,
                         const char *source, int ok, int failures, const char *error, int64_t now,
                         char *err)
{
	char key[300], *state = NULL;
	int down, rc = 0;
	json_t *o = NULL;

	snprintf(key, sizeof(key), "source:%s", source);
	if (alert_state_get(al->st, r->name, key, &state, err) < 0)
		return -1;
	down = str_eq(state, "down");
	free(state);
	if (!ok && failures >= r->after && !down) {
		o = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:i, s:s?}", "event", "source_failure", "alert", r->name,
		              "source", source, "adapter", cs && cs->adapter ? cs->adapter->name : NULL,
		              "brand", cs ? cs->brand : NULL, "failures", failures, "error", error);
		rc = enqueue_event(al, r, o, "source_failure", now, err);
		if (rc == 0)
			rc = alert_state_set(al->st, r->name, key, "down", now, err);
	} else if (ok && down) {
		o = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "event", "source_recovered", "alert", r->name,
		              "source", source, "adapter", cs && cs->adapter ? cs->adapter->name : NULL,
		              "brand", cs ? cs->brand : NULL);
		rc = enqueue_event(al, r, o, "source_recovered", now, err);
		if (rc == 0)
			rc = alert_state_set(al->st, r->name, key, "up", now, err);
	}
	json_decref(o);
	return rc;
}

struct spike_count {
	const struct alert_rule *r;
	int64_t now, window;
	long *buckets;
	size_t nb;
	struct { char *source; long count; } *src;
	size_t nsrc;
	int oom;
};

static int spike_time_cb(void *ctx, int64_t t, const char *source)
{
	struct spike_count *c = ctx;
	int64_t age = c->now - t;
	size_t b, i;

	if (c->r->nsources && !in_list(c->r->sources, c->r->nsources, source))
		return 0;
	if (age < 0)
		age = 0;
	b = (size_t)(age / c->window);
	if (b >= c->nb)
		return 0;
	c->buckets[b]++;
	if (b == 0 && source) {
		for (i = 0; i < c->nsrc; i++)
			if (!strcmp(c->src[i].source, source))
				break;
		if (i == c->nsrc) {
			void *p = realloc(c->src, (c->nsrc + 1) * sizeof(*c->src));
			if (!p)
				return -1;
			c->src = p;
			c->src[i].source = xstrdup(source);
			c->src[i].count = 0;
			c->nsrc++;
			if (!c->src[i].source)
				return -1;
		}
		c->src[i].count++;
	}
	return 0;
}

static int long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static double median(long *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), long_cmp);
	return n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

struct worst_ctx {
	const struct alert_rule *r;
	json_t *arr;
};

static int worst_cb(void *ctx, const struct stored_mention *sm)
{
	struct worst_ctx *w = ctx;
	json_t *m;

	if (w->r->nsources && !in_list(w->r->sources, w->r->nsources, sm->source))
		return 0;
	if (json_array_size(w->arr) >= 3)
		return 0;
	m = mention_json(sm);
	if (!m)
		return -1;
	json_object_set_new(m, "brand", json_string(sm->brand ? sm->brand : ""));
	json_object_set_new(m, "source", json_string(sm->source ? sm->source : ""));
	if (sm->adapter)
		json_object_set_new(m, "adapter", json_string(sm->adapter));
	json_array_append_new(w->arr, m);
	return 0;
}

/* Spike check for one brand: negative mentions in the last window against
 * the same-length windows of the baseline period, by median and MAD. Fires
 * when the count is at least min_count and above both factor x median and
 * median + 3 robust standard deviations; then waits for the cooldown and
 * for the rate to fall back before it can fire again. */
static int spike_check(struct alerts *al, const struct alert_rule *r, const char *brand, int64_t now,
                       char *err)
{
	struct spike_count c;
	double threshold = r->has_threshold ? r->threshold : -0.05;
	int max_rating = r->max_rating ? r->max_rating : 2;
	double med, mad, level;
	long *dev = NULL, count;
	char key[300], *state = NULL;
	int armed = 1, rc = -1;
	long long last = 0;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.now = now;
	c.window = r->window > 0 ? r->window : 3600;
	c.nb = (size_t)(r->baseline / c.window) + 1;
	if (c.nb > 5000)
		c.nb = 5000;
	if (c.nb < 2)
		c.nb = 2;
	c.buckets = calloc(c.nb, sizeof(*c.buckets));
	dev = calloc(c.nb, sizeof(*dev));
	if (!c.buckets || !dev) {
		errf(err, "out of memory");
		goto out;
	}
	if (outbox_negative_times(al->st, brand, threshold, max_rating, now - (int64_t)c.nb * c.window, now,
	                          spike_time_cb, &c, err) < 0)
		goto out;
	count = c.buckets[0];
	med = median(c.buckets + 1, c.nb - 1);
	for (i = 1; i < c.nb; i++)
		dev[i - 1] = (long)fabs((double)c.buckets[i] - med);
	mad = median(dev, c.nb - 1);
	level = r->factor * med;
	if (med + 3 * 1.4826 * mad > level)
		level = med + 3 * 1.4826 * mad;
	snprintf(key, sizeof(key), "spike:%s", brand);
	if (alert_state_get(al->st, r->name, key, &state, err) < 0)
		goto out;
	if (state && sscanf(state, "%d %lld", &armed, &last) != 2)
		armed = 1, last = 0;
	free(state);
	state = NULL;
	if (count >= r->min_count && count > level) {
		if (armed && now - last >= r->cooldown) {
			struct worst_ctx w = {r, json_array()};
			json_t *srcs = json_array(), *o;
			char val[64];
			/* top sources, most first */
			for (i = 0; i < c.nsrc; i++) {
				size_t j, best = i;
				for (j = i + 1; j < c.nsrc; j++)
					if (c.src[j].count > c.src[best].count)
						best = j;
				if (best != i) {
					char *s = c.src[i].source;
					long n = c.src[i].count;
					c.src[i] = c.src[best];
					c.src[best].source = s;
					c.src[best].count = n;
				}
				if (i < 3)
					json_array_append_new(srcs, json_pack("{s:s, s:i}", "source", c.src[i].source,
					                                      "count", (int)c.src[i].count));
			}
			if (!w.arr || outbox_negative_worst(al->st, brand, threshold, max_rating, now - c.window, now,
			                                    r->nsources ? 50 : 3, worst_cb, &w, err) < 0) {
				json_decref(w.arr);
				json_decref(srcs);
				goto out;
			}
			o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:f, s:f, s:o, s:o}", "event", "spike", "alert", r->name,
			              "brand", brand, "window", (json_int_t)c.window, "count", (json_int_t)count,
			              "usual", med, "threshold", level, "sources", srcs, "mentions", w.arr);
			rc = enqueue_event(al, r, o, "spike", now, err);
			json_decref(o);
			if (rc < 0)
				goto out;
			snprintf(val, sizeof(val), "0 %lld", (long long)now);
			rc = alert_state_set(al->st, r->name, key, val, now, err);
			goto out;
		}
	} else if (!armed) {
		char val[64];
		/* The rate fell back: the next spike may fire. */
		snprintf(val, sizeof(val), "1 %lld", last);
		if (alert_state_set(al->st, r->name, key, val, now, err) < 0)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < c.nsrc; i++)
		free(c.src[i].source);
	free(c.src);
	free(c.buckets);
	free(dev);
	return rc;
}

int alerts_source_polled(struct alerts *al, const char *source, int ok,
                         int consecutive_failures, const char *error, char *err)
{
	const struct cfg_source *cs = al->cfg ? config_source(al->cfg, source) : NULL;
	const char *brand = cs ? cs->brand : NULL;
	int64_t now = hark_now();
	size_t i, j;

	for (i = 0; i < al->nrules; i++) {
		struct alert_rule *r = &al->rules[i];
		if (r->kind == ALERT_KIND_MENTION || !rule_covers_source(r, source, brand))
			continue;
		if (r->kind == ALERT_KIND_SOURCE_FAILURE) {
			if (source_health(al, r, cs, source, ok, consecutive_failures, error, now, err) < 0)
				return -1;
		} else if (ok && brand) {
			if (spike_check(al, r, brand, now, err) < 0)
				return -1;
		} else if (ok) { /* a source of no brand: every brand the rule names */
			for (j = 0; j < (r->nbrands ? r->nbrands : al->cfg->nbrands); j++)
				if (spike_check(al, r, r->nbrands ? r->brands[j] : al->cfg->brands[j].name, now, err) < 0)
					return -1;
		}
	}
	return 0;
}

/* ---- delivery ---- */

/* Exponential backoff from 30 s doubling to 6 h, minus up to a quarter of
 * jitter (deterministic per row and attempt so tests can predict the
 * latest time). */
int64_t alert_backoff(int attempts, int64_t key)
{
	int64_t d = BACKOFF_BASE;
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull ^ (uint64_t)attempts * 0xBF58476D1CE4E5B9ull;
	int i;

	for (i = 1; i < attempts && d < BACKOFF_MAX; i++)
		d *= 2;
	if (d > BACKOFF_MAX)
		d = BACKOFF_MAX;
	h ^= h >> 31;
	return d - (int64_t)(h % (uint64_t)(d / 4 + 1));
}

struct unit {
	struct outbox_row **rows;
	size_t n;
	int64_t key, batch;
	int digest;
};

static enum alert_result deliver_event(const struct alert_rule *r, const struct alert_event *ev,
                                       struct alert_send_result *res)
{
	struct alert_payload p;
	char err[HARK_ERR_MAX];
	enum alert_result rc;

	memset(&p, 0, sizeof(p));
	if (r->ch->build(r, ev, &p, err) < 0) {
		errf(res->error, "%s", err);
		alert_payload_free(&p);
		return ALERT_DEAD; /* a payload we cannot build will not build later */
	}
	rc = r->ch->send(r, ev, &p, res);
	alert_payload_free(&p);
	return rc;
}

/* Send one unit; returns 1 when it failed, 0 when sent, -1 on a store error. */
static int deliver_unit(struct alerts *al, const struct alert_rule *r, struct unit *u, int64_t now,
                        int *stop_rule, int *sent)
{
	struct alert_event ev;
	struct alert_send_result res;
	enum alert_result rc;
	char err[HARK_ERR_MAX];
	json_t **roots = calloc(u->n, sizeof(*roots));
	int64_t id = u->rows[0]->id, batch = u->batch;
	int attempts = u->rows[0]->attempts + 1, bad = 0;
	size_t i;

	memset(&ev, 0, sizeof(ev));
	memset(&res, 0, sizeof(res));
	if (!roots) {
		fprintf(stderr, "hark: alert %s: out of memory\n", r->name);
		return 1;
	}
	for (i = 0; i < u->n; i++) {
		roots[i] = json_loads(u->rows[i]->payload ? u->rows[i]->payload : "", 0, NULL);
		if (!roots[i])
			bad = 1;
	}
	if (bad) {
		for (i = 0; i < u->n; i++)
			json_decref(roots[i]);
		free(roots);
		errf(res.error, "unreadable outbox payload");
		rc = ALERT_DEAD;
	} else if (alert_event_from_payloads(&ev, r->name, u->key, roots, u->n, u->digest, now, err) < 0) {
		errf(res.error, "%s", err);
		rc = ALERT_RETRY;
	} else {
		rc = deliver_event(r, &ev, &res);
	}
	alert_event_free(&ev);
	if (rc == ALERT_OK) {
		if (outbox_mark_sent(al->st, id, batch, now, err) < 0)
			return -1;
		(*sent)++;
		return 0;
	}
	if (!res.error[0])
		errf(res.error, "failed");
	if (rc == ALERT_DEAD || attempts >= r->max_attempts) {
		char why[HARK_ERR_MAX + 64];
		if (rc == ALERT_DEAD)
			snprintf(why, sizeof(why), "%s", res.error);
		else
			snprintf(why, sizeof(why), "gave up after %d attempts: %s", attempts, res.error);
		fprintf(stderr, "hark: alert %s: #%lld: %s (dead)\n", r->name, (long long)u->key, why);
		if (outbox_mark_dead(al->st, id, batch, attempts, why, err) < 0)
			return -1;
	} else {
		int64_t delay = res.retry_after > 0 ? res.retry_after : alert_backoff(attempts, u->key);
		if (delay > RETRY_AFTER_MAX)
			delay = RETRY_AFTER_MAX;
		if (res.retry_after > 0) { /* the receiver's wish: never pulled forward */
			char tmp[HARK_ERR_MAX];
			snprintf(tmp, sizeof(tmp), "%s", res.error);
			errf(res.error, "rate limited (retry after %llds): %s", (long long)res.retry_after, tmp);
		}
		fprintf(stderr, "hark: alert %s: #%lld: %s (attempt %d of %d, next in %llds)\n", r->name,
		        (long long)u->key, res.error, attempts, r->max_attempts, (long long)delay);
		if (outbox_mark_failed(al->st, id, batch, attempts, now + delay, res.error, err) < 0)
			return -1;
		*stop_rule = 1; /* the receiver is struggling: leave the rest for later */
	}
	return 1;
}

static int deliver_rule(struct alerts *al, const struct alert_rule *r, struct outbox_rows *rows,
                        int64_t now, int *sent, char *err)
{
	struct outbox_row **mine = calloc(rows->n ? rows->n : 1, sizeof(*mine)), **loose = NULL;
	struct unit *units = NULL;
	size_t n = 0, nu = 0, nloose = 0, i, j;
	int64_t until = 0;
	int failed = 0, quiet, stop = 0, rc;

	units = calloc(rows->n ? rows->n : 1, sizeof(*units));
	loose = calloc(rows->n ? rows->n : 1, sizeof(*loose));
	if (!mine || !units || !loose) {
		errf(err, "out of memory");
		failed = -1;
		goto out;
	}
	quiet = alert_in_quiet(r, now, &until);
	for (i = 0; i < rows->n; i++) {
		struct outbox_row *o = &rows->items[i];
		if (strcmp(o->alert, r->name))
			continue;
		if (quiet && !o->urgent) {
			/* Hold delivery until the window ends; the rows leave then
			 * as one digest. A batch already started keeps its shape. */
			if (outbox_hold(al->st, o->id, o->batch, until, err) < 0) {
				failed = -1;
				goto out;
			}
			continue;
		}
		mine[n++] = o;
	}
	/* Batches already formed (a digest being retried) stay together. */
	for (i = 0; i < n; i++) {
		struct outbox_row *o = mine[i];
		if (!o->batch)
			continue;
		for (j = 0; j < nu; j++)
			if (units[j].batch == o->batch)
				break;
		if (j == nu) {
			units[nu].rows = calloc(n, sizeof(*units[nu].rows));
			if (!units[nu].rows) {
				errf(err, "out of memory");
				failed = -1;
				goto out;
			}
			units[nu].batch = units[nu].key = o->batch;
			units[nu].digest = 1;
			nu++;
		}
		units[j].rows[units[j].n++] = o;
	}
	/* New digests: digest-mode rows and rows quiet hours held. */
	for (i = 0; i < n; i++) {
		struct outbox_row *o = mine[i];
		if (!o->batch && !o->urgent && !strcmp(o->kind, "mention") && (r->digest || o->held))
			loose[nloose++] = o;
	}
	if (nloose == 1 && !r->digest) {
		loose[0]->held = 0; /* one held mention goes out as itself */
		nloose = 0;
	}
	for (i = 0; i < nloose; i += DIGEST_MAX) {
		size_t k = nloose - i < DIGEST_MAX ? nloose - i : DIGEST_MAX;
		struct unit *u = &units[nu];
		/* Fix the batch before sending so a repeat after a crash carries
		 * the same rows and the same Idempotency-Key. */
		if (store_begin(al->st, err) < 0) {
			failed = -1;
			goto out;
		}
		u->rows = calloc(k, sizeof(*u->rows));
		if (!u->rows) {
			store_rollback(al->st);
			errf(err, "out of memory");
			failed = -1;
			goto out;
		}
		u->batch = u->key = loose[i]->id;
		u->digest = 1;
		for (j = 0; j < k; j++) {
			loose[i + j]->batch = u->batch;
			u->rows[u->n++] = loose[i + j];
			if (outbox_set_batch(al->st, loose[i + j]->id, u->batch, err) < 0) {
				store_rollback(al->st);
				failed = -1;
				nu++;
				goto out;
			}
		}
		nu++;
		if (store_commit(al->st, err) < 0) {
			failed = -1;
			goto out;
		}
	}
	/* Everything else goes out one by one. */
	for (i = 0; i < n; i++) {
		struct outbox_row *o = mine[i];
		if (o->batch)
			continue;
		units[nu].rows = calloc(1, sizeof(*units[nu].rows));
		if (!units[nu].rows) {
			errf(err, "out of memory");
			failed = -1;
			goto out;
		}
		units[nu].rows[0] = o;
		units[nu].n = 1;
		units[nu].key = o->id;
		nu++;
	}
	/* Oldest first. */
	for (i = 1; i < nu; i++)
		for (j = i; j > 0 && units[j].rows[0]->id < units[j - 1].rows[0]->id; j--) {
			struct unit t = units[j];
			units[j] = units[j - 1];
			units[j - 1] = t;
		}
	for (i = 0; i < nu && !stop; i++) {
		rc = deliver_unit(al, r, &units[i], now, &stop, sent);
		if (rc < 0) {
			errf(err, "database error while marking alert %s", r->name);
			failed = -1;
			goto out;
		}
		failed += rc;
	}
out:
	for (i = 0; i < nu; i++)
		free(units[i].rows);
	free(units);
	free(mine);
	free(loose);
	return failed;
}

int alerts_deliver(struct alerts *al, int64_t now)
{
	struct outbox_rows rows = {0};
	char err[HARK_ERR_MAX];
	int failed = 0, rc;
	size_t i;

	if (!al || !al->nrules)
		return 0;
	if (outbox_due(al->st, now, &rows, err) < 0) {
		fprintf(stderr, "hark: alerts: %s\n", err);
		return -1;
	}
	for (i = 0; i < al->nrules && rows.n; i++) {
		struct outbox_rows waiting = {0};
		int sent = 0, more = 0;
		rc = deliver_rule(al, &al->rules[i], &rows, now, &sent, err);
		/* The receiver took something and nothing failed: it is back, so
		 * the rows still backing off go now instead of after their delay. */
		if (rc == 0 && sent > 0) {
			if (outbox_waiting(al->st, al->rules[i].name, now, &waiting, err) < 0)
				rc = -1;
			else if (waiting.n)
				rc = deliver_rule(al, &al->rules[i], &waiting, now, &more, err);
			outbox_rows_free(&waiting);
		}
		if (rc < 0) {
			fprintf(stderr, "hark: alerts: %s\n", err);
			outbox_rows_free(&rows);
			return -1;
		}
		failed += rc;
	}
	outbox_rows_free(&rows);
	return failed;
}

/* ---- the alerts command ---- */

int alerts_list(struct alerts *al, const char *state, alert_row_cb cb, void *ctx, char *err)
{
	struct outbox_rows rows = {0};
	json_t *pl;
	size_t i;
	int rc = 0;

	if (outbox_select(al->st, state, &rows, err) < 0)
		return -1;
	for (i = 0; i < rows.n && rc == 0; i++) {
		const struct outbox_row *o = &rows.items[i];
		struct alert_row r;
		memset(&r, 0, sizeof(r));
		r.id = o->id;
		r.alert = o->alert;
		r.kind = o->kind;
		r.state = o->state;
		r.last_error = o->last_error;
		r.source = o->source;
		r.external_id = o->external_id;
		pl = NULL;
		if (!o->source && o->payload) { /* spikes and source health: what it is about */
			pl = json_loads(o->payload, 0, NULL);
			r.source = json_string_value(json_object_get(pl, "source"));
			if (!r.source)
				r.source = json_string_value(json_object_get(pl, "brand"));
		}
		r.attempts = o->attempts;
		r.next_attempt = o->next_attempt;
		r.created_at = o->created_at;
		r.sent_at = o->sent_at;
		rc = cb(ctx, &r);
		json_decref(pl);
	}
	outbox_rows_free(&rows);
	return rc;
}

int alerts_retry(struct alerts *al, int64_t id, char *err)
{
	return outbox_retry(al->st, id, err);
}

int alerts_test(struct alerts *al, const char *name, int64_t now, char *err)
{
	const struct alert_rule *r = rule_find(al, name);
	struct alert_event ev;
	struct alert_send_result res;
	json_t **roots;
	enum alert_result rc;

	if (!r) {
		errf(err, "no [alert %s] in the config", name);
		return -1;
	}
	roots = calloc(1, sizeof(*roots));
	if (!roots || !(roots[0] = json_pack("{s:s, s:s, s:s}", "event", "test", "alert", r->name, "message",
	                                     "If you can read this, hark can reach you through this alert rule."))) {
		free(roots);
		errf(err, "out of memory");
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	memset(&res, 0, sizeof(res));
	if (alert_event_from_payloads(&ev, r->name, 0, roots, 1, 0, now, err) < 0) {
		alert_event_free(&ev);
		return -1;
	}
	rc = deliver_event(r, &ev, &res);
	alert_event_free(&ev);
	if (rc != ALERT_OK) {
		errf(err, "%s", res.error[0] ? res.error : "failed");
		return -1;
	}
	return 0;
}
