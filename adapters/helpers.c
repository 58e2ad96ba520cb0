/* helpers.c - JSON paths, URLs, cursors and error messages for adapters. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "hark/htime.h"
#include "hark/text.h"

void body_excerpt(const struct adapter_response *r, char *out, size_t n)
{
	size_t i = 0, o = 0;
	int space = 0;

	if (!n)
		return;
	if (r->len >= 3 && memcmp(r->body, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < r->len && o + 1 < n; i++) {
		unsigned char c = (unsigned char)r->body[i];
		if (IS_SPACE(c)) {
			space = o > 0;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			continue;
		if (o + 4 >= n && c >= 0x80)
			break; /* never cut a UTF-8 sequence at the end */
		if (space && o + 2 < n) {
			out[o++] = ' ';
			space = 0;
		}
		if (c >= 0xC0) { /* copy the whole sequence or nothing */
			size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (o + len + 1 > n || i + len > r->len)
				break;
			memcpy(out + o, r->body + i, len);
			o += len;
			i += len - 1;
			continue;
		}
		if (c >= 0x80)
			continue;
		out[o++] = (char)c;
	}
	if (o + 1 >= n && o >= 3)
		memcpy(out + o - 3, "...", 3);
	out[o] = '\0';
}

json_t *hj_loadb(const char *b, size_t len, json_error_t *je)
{
	json_t *j;

	if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
		b += 3;
		len -= 3;
	}
	/* Duplicate keys are tolerated (the last wins): real APIs emit them
	 * now and then, and rejecting a whole page for it helps nobody. */
	/* \u0000 inside a string is allowed (mention_finish cleans strings);
	 * jansson stops such a string at the NUL. */
	j = json_loadb(b, len, JSON_ALLOW_NUL, je);
	if (!j && strstr(je->text, "too big integer"))
		j = json_loadb(b, len, JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, je); /* e.g. a 20-digit cid */
	if (!j && !text_is_utf8(b, len)) {
		/* One review with a broken byte must not fail the whole page,
		 * every poll: replace invalid bytes (SPEC 7) and read again. */
		char *u = text_clean(b, len);
		if (u) {
			j = json_loadb(u, strlen(u), JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, je);
			free(u);
		}
	}
	return j;
}

json_t *hj_load(const char *who, const struct adapter_response *r, char *err)
{
	json_error_t je;
	json_t *j = hj_loadb(r->body ? r->body : "", r->body ? r->len : 0, &je);

	if (!j) {
		char ex[160];
		body_excerpt(r, ex, sizeof(ex));
		if (r->status >= 400)
			errf(err, "%s: HTTP %ld: %s", who, r->status, *ex ? ex : "(empty body)");
		else if (!*ex)
			errf(err, "%s: empty response body", who);
		else if (ex[0] == '{' || ex[0] == '[')
			errf(err, "%s: broken JSON (line %d: %s)", who, je.line, je.text);
		else
			errf(err, "%s: not JSON: %s", who, ex);
	}
	return j;
}

json_t *hj_get(json_t *v, const char *path)
{
	const char *p = path;

	if (!v || !p)
		return NULL;
	if (p[0] == '$')
		p++;
	while (*p && v) {
		char key[256];
		size_t n = 0;
		int bracket = 0;

		while (*p == '.')
			p++;
		if (*p == '[') {
			bracket = 1;
			p++;
		}
		if (!*p)
			break;
		while (*p && *p != '.' && *p != '[' && !(bracket && *p == ']')) {
			if (n + 1 >= sizeof(key))
				return NULL;
			key[n++] = *p++;
		}
		if (bracket && *p == ']')
			p++;
		key[n] = '\0';
		if (json_is_array(v)) {
			char *end;
			long i;
			if (strcmp(key, "*") == 0)
				continue; /* "items[*]" names the array itself */
			i = strtol(key, &end, 10);
			if (*end || end == key || i < 0)
				return NULL;
			v = json_array_get(v, (size_t)i);
		} else if (json_is_object(v)) {
			v = json_object_get(v, key);
		} else {
			return NULL;
		}
	}
	return v;
}

const char *hj_str(json_t *v, const char *path)
{
	return json_string_value(hj_get(v, path));
}

char *hj_text(json_t *v, const char *path)
{
	char num[64];
	json_t *x = hj_get(v, path);

	if (json_is_string(x)) {
		/* A \u0000 in the string (JSON_ALLOW_NUL) becomes a space rather
		 * than the end of the text. */
		size_t n = json_string_length(x), i;
		char *t = xstrndup(json_string_value(x), n);
		for (i = 0; t && i < n; i++)
			if (t[i] == '\0')
				t[i] = ' ';
		return t;
	}
	if (json_is_integer(x)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(x));
		return xstrdup(num);
	}
	if (json_is_real(x)) {
		double d = json_real_value(x);
		if (d > -9.2e18 && d < 9.2e18 && d == (double)(long long)d)
			snprintf(num, sizeof(num), "%lld", (long long)d);
		else
			snprintf(num, sizeof(num), "%.15g", d);
		return xstrdup(num);
	}
	if (json_is_boolean(x))
		return xstrdup(json_is_true(x) ? "true" : "false");
	return NULL;
}

/* A double as long long, or def when it is out of range or not a number
 * (the cast would be undefined behaviour). */
static long long real_to_ll(double d, long long def)
{
	if (!(d > -9.2e18 && d < 9.2e18))
		return def;
	return (long long)d;
}

long long hj_int(json_t *v, const char *path, long long def)
{
	json_t *x = hj_get(v, path);

	if (json_is_integer(x))
		return json_integer_value(x);
	if (json_is_real(x))
		return real_to_ll(json_real_value(x), def);
	if (json_is_string(x)) {
		const char *s = json_string_value(x);
		char *end;
		double d;
		while (IS_SPACE(*s))
			s++;
		if (!*s)
			return def;
		d = strtod(s, &end);
		while (IS_SPACE(*end))
			end++;
		if (end != s && !*end)
			return real_to_ll(d, def);
	}
	return def;
}

static int64_t epoch_number(double d)
{
	if (d > 1e11 || d < -1e11)
		d /= 1000; /* milliseconds */
	return (int64_t)d;
}

int64_t hj_time(json_t *v, const char *path)
{
	json_t *x = hj_get(v, path);

	if (json_is_integer(x))
		return epoch_number((double)json_integer_value(x));
	if (json_is_real(x))
		return epoch_number(json_real_value(x));
	if (json_is_string(x)) {
		const char *s = json_string_value(x), *p;
		int64_t t;
		for (p = s; IS_DIGIT(*p) || *p == '.'; p++)
			;
		if (p != s && !*p) /* "1443676826", or milliseconds */
			return epoch_number(strtod(s, NULL));
		t = time_parse(s);
		if (t != HARK_TIME_NONE)
			return t;
		{
			int y, mo, d, h = 0, mi = 0, sec = 0;
			if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) >= 3 &&
			    mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
				return time_from_civil(y, mo, d, h, mi, sec);
		}
	}
	return HARK_TIME_NONE;
}

int hj_rating(json_t *v, const char *path)
{
	long long r = hj_int(v, path, 0);

	return r >= 1 && r <= 5 ? (int)r : 0;
}

int set_str(char **dst, const char *src)
{
	char *c;

	if (!src)
		return 0;
	c = xstrdup(src);
	if (!c)
		return -1;
	free(*dst);
	*dst = c;
	return 0;
}

int set_html(char **dst, const char *html)
{
	char *c;

	if (!html)
		return 0;
	c = text_from_html(html, strlen(html));
	if (!c)
		return -1;
	free(*dst);
	*dst = c;
	return 0;
}

int set_printf(char **dst, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return -1;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	free(*dst);
	*dst = s;
	return 0;
}

void set_lang(struct mention *m, const char *code)
{
	if (!code || !IS_ALPHA(code[0]) || !IS_ALPHA(code[1]))
		return;
	if (code[2] && code[2] != '-' && code[2] != '_')
		return;
	m->lang[0] = (char)TO_LOWER(code[0]);
	m->lang[1] = (char)TO_LOWER(code[1]);
	m->lang[2] = '\0';
}

struct mention *result_add(struct adapter_result *out, const char *who, char *err)
{
	struct mention *m = mention_list_add(&out->mentions);

	if (!m)
		errf(err, "%s: out of memory", who);
	return m;
}

int result_finish(const struct adapter_source *src, struct adapter_result *out, const char *who, char *err)
{
	size_t i;

	for (i = 0; i < out->mentions.n; i++)
		if (mention_finish(&out->mentions.items[i], src->now) < 0)
			return OOM(who, err);
	return 0;
}

int result_cursor(struct adapter_result *out, const char *cursor, const char *who, char *err)
{
	if (!cursor)
		return 0;
	if (set_str(&out->cursor, cursor) < 0)
		return OOM(who, err);
	return 0;
}

int result_next(struct adapter_result *out, struct adapter_request *req, const char *who, char *err)
{
	struct adapter_request *n = calloc(1, sizeof(*n));

	if (!n) {
		adapter_request_clear(req);
		return OOM(who, err);
	}
	*n = *req;
	memset(req, 0, sizeof(*req));
	if (out->next) {
		adapter_request_clear(out->next);
		free(out->next);
	}
	out->next = n;
	return 0;
}

int result_next_built(struct adapter_result *out, struct adapter_request *req, int built, const char *who,
                      char *err)
{
	if (built < 0 || !req->url) {
		adapter_request_clear(req);
		return built < 0 ? -1 : 0;
	}
	return result_next(out, req, who, err);
}

int result_next_token(struct adapter_result *out, const struct adapter_source *src,
                      const struct adapter_response *resp, const char *key, const char *token,
                      token_build_fn build, const char *who, char *err)
{
	struct adapter_request next = {0};
	int r;

	if (resp->url) {
		char *u = url_with_query(resp->url, key, token);
		r = !u || adapter_request_set_url(&next, u) < 0 ? OOM(who, err)
		    : add_auth(&next, "Bearer", adapter_param(src, "token", NULL), who, err);
		free(u);
	} else {
		r = build(src, src->page == 0 ? src->cursor : NULL, token, &next, err);
	}
	return result_next_built(out, &next, r, who, err);
}

int id_cmp(const char *a, const char *b)
{
	size_t la, lb;

	if (!a || !*a)
		return b && *b ? -1 : 0;
	if (!b || !*b)
		return 1;
	if (a[0] == 't' && IS_DIGIT(a[1]) && a[2] == '_')
		a += 3;
	if (b[0] == 't' && IS_DIGIT(b[1]) && b[2] == '_')
		b += 3;
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

void id_range(const struct adapter_result *out, size_t from, const char **newest, const char **oldest)
{
	size_t i;

	*newest = NULL;
	if (oldest)
		*oldest = NULL;
	for (i = from; i < out->mentions.n; i++) {
		const char *id = out->mentions.items[i].id;
		if (!*newest || id_cmp(id, *newest) > 0)
			*newest = id;
		if (oldest && (!*oldest || id_cmp(id, *oldest) < 0))
			*oldest = id;
	}
}

int result_cursor_newer(struct adapter_result *out, const char *id, const char *polled, const char *who, char *err)
{
	if (!id || id_cmp(id, polled) <= 0)
		return 0;
	return result_cursor(out, id, who, err);
}

int add_query(struct buf *u, const char *key, const char *value, const char *who, char *err)
{
	if (!value)
		return 0;
	if (url_add_query(u, key, value) < 0)
		return OOM(who, err);
	return 0;
}

int request_url(struct adapter_request *req, const char *url, const char *who, char *err)
{
	if (adapter_request_set_url(req, url) < 0)
		return OOM(who, err);
	return 0;
}

int add_header(struct adapter_request *req, const char *name, const char *value, const char *who, char *err)
{
	if (kvlist_add(&req->headers, name, value, 0) < 0)
		return OOM(who, err);
	return 0;
}

char *path_escape(const char *s)
{
	return url_escape(s ? s : "");
}

char *url_with_query(const char *url, const char *key, const char *value)
{
	struct buf b = {0};
	const char *q = strchr(url, '?');
	const char *hash = strchr(url, '#');
	size_t klen = strlen(key);
	const char *p;
	int first = 1;

	if (hash && q && hash < q)
		q = NULL;
	if (buf_append(&b, url, q ? (size_t)(q - url) : hash ? (size_t)(hash - url) : strlen(url)) < 0)
		goto oom;
	if (q) {
		p = q + 1;
		while (*p && *p != '#') {
			const char *e = p;
			while (*e && *e != '&' && *e != '#')
				e++;
			if (!((size_t)(e - p) >= klen && strncmp(p, key, klen) == 0 &&
			      (p[klen] == '=' || p + klen == e)) && e > p) {
				if (buf_putc(&b, first ? '?' : '&') < 0 || buf_append(&b, p, (size_t)(e - p)) < 0)
					goto oom;
				first = 0;
			}
			p = *e == '&' ? e + 1 : e;
		}
	}
	if (value && url_add_query(&b, key, value) < 0)
		goto oom;
	if (!b.data && buf_puts(&b, "") < 0)
		goto oom;
	return buf_detach(&b);
oom:
	buf_free(&b);
	return NULL;
}

int url_start(struct buf *u, const char *base, const char *who, char *err)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	buf_reset(u);
	if (buf_append(u, base, n) < 0)
		return OOM(who, err);
	return 0;
}

int check_http_status(const char *who, const struct adapter_response *r, char *err)
{
	char ex[200];

	if (r->status < 400)
		return 0;
	body_excerpt(r, ex, sizeof(ex));
	errf(err, "%s: HTTP %ld%s%s", who, r->status, *ex ? ": " : "", ex);
	return -1;
}

int unexpected_body(const char *who, const struct adapter_response *r, char *err, const char *fmt, ...)
{
	char what[HARK_ERR_MAX];
	va_list ap;

	if (check_http_status(who, r, err) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	errf(err, "%s: %s", who, what);
	return -1;
}

const char *resp_header(const struct adapter_response *r, const char *name)
{
	return r->headers ? kvlist_getci(r->headers, name) : NULL;
}

char *link_header_url(const char *link, const char *rel)
{
	const char *p = link;
	size_t rl = strlen(rel);

	/* Link: <url>; rel="next", <url>; rel="prev" */
	while (p && *p) {
		const char *lt = strchr(p, '<'), *gt, *end, *r;
		if (!lt)
			return NULL;
		gt = strchr(lt, '>');
		if (!gt)
			return NULL;
		end = strchr(gt, ',');
		if (!end)
			end = gt + strlen(gt);
		for (r = gt; r + 4 <= end; r++) {
			if (strncmp(r, "rel=", 4) == 0) {
				const char *v = r + 4;
				if (*v == '"')
					v++;
				if ((size_t)(end - v) >= rl && strncmp(v, rel, rl) == 0 &&
				    (v[rl] == '"' || v[rl] == ';' || v[rl] == ',' || v[rl] == ' ' || v + rl == end))
					return xstrndup(lt + 1, (size_t)(gt - lt - 1));
			}
		}
		p = *end ? end + 1 : end;
	}
	return NULL;
}

const char *mem_find(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; k && i + k <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

int OOM(const char *who, char *err)
{
	errf(err, "%s: out of memory", who);
	return -1;
}

int err_api(const char *who, long long code, const char *what, const char *detail, char *err)
{
	errf(err, "%s: API error %lld: %s%s%s", who, code, what ? what : "error", detail ? ": " : "", detail ? detail : "");
	return -1;
}

int err_prefix(const char *who, char *err)
{
	char msg[HARK_ERR_MAX];

	if (err) {
		snprintf(msg, sizeof(msg), "%s", err);
		errf(err, "%s: %s", who, msg);
	}
	return -1;
}

int google_api_error(const char *who, json_t *root, char *err)
{
	json_t *e = json_object_get(root, "error");
	const char *msg, *reason, *status;
	long long code;

	if (!e)
		return 0;
	if (json_is_string(e)) { /* OAuth: {"error": "invalid_token", "error_description": ...} */
		const char *d = hj_str(root, "error_description");
		errf(err, "%s: API error: %s%s%s", who, json_string_value(e), d ? ": " : "", d ? d : "");
		return -1;
	}
	code = hj_int(e, "code", 0);
	msg = hj_str(e, "message");
	reason = hj_str(e, "errors.0.reason");
	status = hj_str(e, "status");
	{
		/* YouTube puts markup in its messages: keep the words only */
		char *plain = msg ? text_from_html(msg, strlen(msg)) : NULL;
		if (msg && plain)
			msg = plain;
		err_api(who, code, reason ? reason : status, msg, err);
		free(plain);
	}
	return -1;
}

json_t *google_load(const char *who, const struct adapter_response *r, char *err)
{
	json_t *root = hj_load(who, r, err);

	if (root && google_api_error(who, root, err) < 0) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/* "Name: value | Name: value" (param headers) plus the secret auth line. */
int headers_from_params(const struct adapter_source *src, struct adapter_request *req, const char *who, char *err)
{
	const char *lists[2];
	int i;

	lists[0] = adapter_param(src, "headers", NULL);
	lists[1] = adapter_param(src, "auth", NULL);
	for (i = 0; i < 2; i++) {
		const char *p = lists[i];
		while (p && *p) {
			const char *bar = i == 0 ? strchr(p, '|') : NULL;
			const char *end = bar ? bar : p + strlen(p);
			const char *colon = memchr(p, ':', (size_t)(end - p));
			const char *v;
			char *name, *value;
			size_t nl;
			if (!colon) {
				errf(err, "%s: %s must be \"Name: value\"", who, i ? "auth" : "headers");
				return -1;
			}
			while (p < colon && IS_SPACE(*p))
				p++;
			nl = (size_t)(colon - p);
			while (nl && IS_SPACE(p[nl - 1]))
				nl--;
			v = colon + 1;
			while (v < end && IS_SPACE(*v))
				v++;
			{
				size_t vl = (size_t)(end - v);
				while (vl && IS_SPACE(v[vl - 1]))
					vl--;
				name = xstrndup(p, nl);
				value = xstrndup(v, vl);
			}
			if (!name || !value || kvlist_add(&req->headers, name, value, 0) < 0) {
				free(name);
				free(value);
				return OOM(who, err);
			}
			free(name);
			free(value);
			p = bar ? bar + 1 : end;
		}
	}
	return 0;
}

int add_auth(struct adapter_request *req, const char *scheme, const char *token, const char *who, char *err)
{
	struct buf h = {0};
	int rc;

	if (!token || !*token)
		return 0;
	if (buf_printf(&h, "%s %s", scheme, token) < 0)
		return OOM(who, err);
	rc = add_header(req, "Authorization", h.data, who, err);
	buf_free(&h);
	return rc;
}

int64_t ratelimit_wait(const struct adapter_response *r, const char *remaining, const char *reset, int64_t now)
{
	const char *rem = resp_header(r, remaining), *rs = resp_header(r, reset);
	double left, v;
	int64_t t;

	if (!rem || !*rem)
		return 0;
	left = strtod(rem, NULL);
	if (left >= 1)
		return 0;
	if (!rs || !*rs)
		return 60;
	if (strchr(rs, '-') || strchr(rs, ':') || IS_ALPHA(rs[0])) { /* a date */
		t = time_parse(rs);
		return t != HARK_TIME_NONE && t > now ? t - now : 60;
	}
	v = strtod(rs, NULL);
	if (v > 1e9) /* Unix time */
		return v > (double)now ? (int64_t)(v - (double)now) : 60;
	return v > 0 ? (int64_t)v + (v > (int64_t)v) : 60; /* seconds */
}
