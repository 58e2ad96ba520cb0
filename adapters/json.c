/* json.c - any JSON API, mapped in the config: where the list of items is,
 * and where each field sits inside an item.
 *
 * Paths are dotted: "data.items", "user.name", "images.0.url"; "" or "."
 * is the whole body; a leading "$." and "[N]"/"[*]" are accepted, so
 * "$.data.items[*]" means the same as "data.items". "a|b" takes the first
 * of a, b that is present and not empty. id, link and next may also be a
 * template: "https://shop.example/p/{productId}?r={id}" fills each {path}
 * from the item (id, link) or the body (next). A JSON Lines body (one
 * object per line, as review exports are) is an array of its lines;
 * embedded_after finds the JSON inside a page (a script's initial state).
 *
 * Paging: `next` names a next-page URL (absolute or relative) or token
 * (sent as `next_param`) in the body; or `page_param` counts pages from
 * `page_start`, until a page is empty or `total_pages` is reached.
 * Cursor (optional): `cursor_param` sends the largest `cursor_field`
 * (default the id) seen so far, compared as numbers. page_step makes an
 * offset of the page counter (from=0, 20, 40 ...). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "json"

static const struct adapter_param jmap_params[] = {
	{"auth", ADAPTER_PARAM_SECRET, "one secret request header, e.g. \"Authorization: Basic ${SHOP_BASIC}\""},
	{"author", 0, "path of the author's name in an item"},
	{"cursor_field", 0, "path of the growing value that makes the cursor (default: id)"},
	{"cursor_param", 0, "query parameter that receives the stored cursor, e.g. since_id"},
	{"date", 0, "path of the date: RFC 3339, RFC 822, YYYY-MM-DD HH:MM:SS (UTC), Unix seconds or milliseconds"},
	{"embedded_after", 0, "the JSON starts after this text in the body, e.g. \"window.__STATE__ =\" in an HTML page"},
	{"error", 0, "path of an error message; when present in a body the poll fails with it"},
	{"headers", 0, "extra request headers, \"Name: value | Name: value\""},
	{"html", 0, "yes: text and title are HTML, turn them into plain text"},
	{"id", 0, "path or {template} of the item's unique id (default: a hash of title and text)"},
	{"items", 0, "path of the array of items (default: the body itself)"},
	{"lang", 0, "language of every item, e.g. tr, when the API gives none"},
	{"lang_field", 0, "path of the item's language code"},
	{"link", 0, "path or {template} of the item's web address"},
	{"next", 0, "path or {template} of the next page's URL or token in the body"},
	{"next_param", 0, "query parameter that carries a next-page token"},
	{"page_param", 0, "query parameter of a page counter, e.g. page"},
	{"page_start", 0, "number of the first page (default 1)"},
	{"page_step", 0, "how much page_param grows per page (default 1; e.g. 20 for offset=0,20,40)"},
	{"rating", 0, "path of the star rating"},
	{"rating_scale", 0, "best rating on the source's scale, e.g. 10 or 100 (default 5)"},
	{"text", ADAPTER_PARAM_REQUIRED, "path of the text"},
	{"title", 0, "path of the title"},
	{"total_pages", 0, "path of the number of pages in the body (with page_param)"},
	{"url", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_URL, "URL of the first page"},
	{NULL, 0, NULL},
};

#define JMAP_PATH_MAX 512

/* One alternative of "a|b|c" at a time: the next, spaces trimmed, into
 * path (*usable = 0 when it is too long for it); returns where the rest
 * starts, NULL after the last. */
static const char *jmap_next(const char *p, char path[JMAP_PATH_MAX], int *usable)
{
	const char *bar = strchr(p, '|');
	size_t n = bar ? (size_t)(bar - p) : strlen(p);

	while (n && p[0] == ' ')
		p++, n--;
	while (n && p[n - 1] == ' ')
		n--;
	*usable = n < JMAP_PATH_MAX;
	if (*usable) {
		memcpy(path, p, n);
		path[n] = '\0';
	}
	return bar ? bar + 1 : NULL;
}

/* The first present, non-empty alternative of "a|b|c", as text. */
static char *jmap_field(json_t *v, const char *spec)
{
	char path[JMAP_PATH_MAX];
	const char *p = spec;
	int usable;

	while (p && *p) {
		p = jmap_next(p, path, &usable);
		if (usable) {
			char *t = hj_text(v, path);
			if (t && *t)
				return t;
			free(t);
		}
	}
	return NULL;
}

/* The first alternative that is present, not null and not "". */
static json_t *jmap_value(json_t *v, const char *spec)
{
	char path[JMAP_PATH_MAX];
	const char *p = spec;
	int usable;

	while (p && *p) {
		p = jmap_next(p, path, &usable);
		if (usable) {
			json_t *x = hj_get(v, path);
			if (x && !json_is_null(x) && !(json_is_string(x) && !*json_string_value(x)))
				return x;
		}
	}
	return NULL;
}

/* "{a.b}" placeholders filled from v; a spec without braces is a path.
 * NULL when a placeholder or the path is absent (or on OOM). */
static char *jmap_template(json_t *v, const char *spec)
{
	struct buf b = {0};
	const char *p = spec;

	if (!spec || !strchr(spec, '{'))
		return jmap_field(v, spec);
	while (*p) {
		const char *open = strchr(p, '{'), *close;
		char path[512], *t;
		if (!open)
			break;
		close = strchr(open, '}');
		if (!close || (size_t)(close - open - 1) >= sizeof(path))
			break;
		memcpy(path, open + 1, (size_t)(close - open - 1));
		path[close - open - 1] = '\0';
		t = jmap_field(v, path);
		if (!t || buf_append(&b, p, (size_t)(open - p)) < 0 || buf_puts(&b, t) < 0) {
			free(t);
			buf_free(&b);
			return NULL;
		}
		free(t);
		p = close + 1;
	}
	if (buf_puts(&b, p) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Resolve a possibly relative link against base (scheme://host/path?q). */
static char *jmap_resolve(const char *base, const char *link)
{
	struct buf b = {0};
	const char *scheme_end, *host_end, *q;

	if (strstr(link, "://") || !base)
		return xstrdup(link);
	scheme_end = strstr(base, "://");
	if (!scheme_end)
		return xstrdup(link);
	host_end = strchr(scheme_end + 3, '/');
	if (!host_end)
		host_end = base + strlen(base);
	q = strchr(base, '?');
	if (link[0] == '/' && link[1] == '/')
		buf_append(&b, base, (size_t)(scheme_end - base + 1));
	else if (link[0] == '/')
		buf_append(&b, base, (size_t)(host_end - base));
	else if (link[0] == '?')
		buf_append(&b, base, q ? (size_t)(q - base) : strlen(base));
	else {
		const char *slash = base + strlen(base);
		if (q)
			slash = q;
		while (slash > host_end && slash[-1] != '/')
			slash--;
		if (slash <= host_end) {
			buf_append(&b, base, (size_t)(host_end - base));
			buf_putc(&b, '/');
		} else {
			buf_append(&b, base, (size_t)(slash - base));
		}
	}
	if (buf_puts(&b, link) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static void api_error(const struct adapter_response *resp, const char *msg, char *err)
{
	if (resp->status >= 400)
		errf(err, WHO ": API error %ld: %s", resp->status, msg);
	else
		errf(err, WHO ": API error: %s", msg);
}

/* One JSON document, or JSON Lines (one object per line, as in review
 * exports), which becomes an array of the lines. */
static json_t *jmap_load(const struct adapter_response *resp, char *err)
{
	json_t *j = hj_load(WHO, resp, err), *arr;
	const char *p = resp->body, *end = resp->body + resp->len;
	long lineno = 0;

	if (j || !resp->len || !memchr(resp->body, '\n', resp->len) || resp->status >= 400)
		return j;
	arr = json_array();
	if (!arr)
		return NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end, *s = p;
		json_error_t je;
		json_t *o;
		lineno++;
		while (s < e && IS_SPACE(*s))
			s++;
		p = nl ? nl + 1 : end;
		if (s == e)
			continue;
		o = json_loadb(s, (size_t)(e - s), 0, &je);
		if (!json_is_object(o)) {
			if (lineno > 1 || json_array_size(arr))
				errf(err, WHO ": line %ld of JSON Lines is not a JSON object (%s)", lineno, je.text);
			json_decref(o);
			json_decref(arr);
			return NULL; /* else keep hj_load's message */
		}
		if (json_array_append_new(arr, o) < 0) {
			json_decref(arr);
			OOM(WHO, err);
			return NULL;
		}
	}
	return arr;
}

/* The JSON value that follows marker in a page (a script's state). */
static json_t *jmap_embedded(const struct adapter_response *resp, const char *marker, char *err)
{
	const char *p = mem_find(resp->body, resp->len, marker), *end = resp->body + resp->len;
	json_error_t je;
	json_t *j;

	if (!p) {
		unexpected_body(WHO, resp, err, "\"%s\" not found in the page (layout changed or blocked?)", marker);
		return NULL;
	}
	p += strlen(marker);
	while (p < end && IS_SPACE(*p))
		p++;
	j = json_loadb(p, (size_t)(end - p), JSON_DISABLE_EOF_CHECK, &je);
	if (!j)
		errf(err, WHO ": no JSON after \"%s\" (%s)", marker, je.text);
	return j;
}

static void jmap_checks(struct problems *pb)
{
	const char *page = kvlist_get(pb->params, "page_param"), *next = kvlist_get(pb->params, "next");

	if (page && *page && next && *next)
		problem(pb, NULL, "set next or page_param, not both");
	param_yes_no(pb, "html");
	param_int(pb, "page_start", 0, 1000000000);
	param_int(pb, "page_step", 1, 1000000000);
	param_positive(pb, "rating_scale");
}

static int jmap_check(const struct kvlist *params, char *err)
{
	return checks_first(jmap_checks, params, err);
}

static int jmap_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(jmap_checks, params, report, ctx);
}

static int jmap_page_start(const struct adapter_source *src)
{
	return atoi(adapter_param(src, "page_start", "1"));
}

/* URL for page index `page` of this poll (0 = first). */
static int jmap_build(const struct adapter_source *src, const char *url, int page, const char *cursor,
                      struct adapter_request *req, char *err)
{
	const char *page_param = adapter_param(src, "page_param", NULL);
	const char *cursor_param = adapter_param(src, "cursor_param", NULL);
	char *u = xstrdup(url), *t;

	if (!u)
		return OOM(WHO, err);
	if (page_param) {
		char n[24];
		snprintf(n, sizeof(n), "%d", jmap_page_start(src) + page * atoi(adapter_param(src, "page_step", "1")));
		t = url_with_query(u, page_param, n);
		free(u);
		if (!(u = t))
			return OOM(WHO, err);
	}
	if (cursor_param && cursor && *cursor) {
		t = url_with_query(u, cursor_param, cursor);
		free(u);
		if (!(u = t))
			return OOM(WHO, err);
	}
	if (adapter_request_set_url(req, u) < 0) {
		free(u);
		return OOM(WHO, err);
	}
	free(u);
	return headers_from_params(src, req, WHO, err);
}

static int jmap_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return jmap_build(src, adapter_param(src, "url", ""), 0, src->cursor, req, err);
}

static int jmap_rating(json_t *item, const char *spec, double scale)
{
	json_t *x = jmap_value(item, spec);
	double v;

	if (json_is_number(x))
		v = json_number_value(x);
	else if (json_is_string(x))
		v = strtod(json_string_value(x), NULL);
	else
		return 0;
	if (scale > 0 && scale != 5)
		v = v * 5 / scale;
	v = floor(v + 0.5);
	return v >= 1 && v <= 5 ? (int)v : 0;
}

static int jmap_item(const struct adapter_source *src, json_t *item, struct adapter_result *out, char *err)
{
	int html = str_eq(adapter_param(src, "html", "no"), "yes");
	double scale = strtod(adapter_param(src, "rating_scale", "5"), NULL);
	const char *base = adapter_param(src, "url", NULL);
	struct mention *m = result_add(out, WHO, err);
	char *title, *text, *link;
	json_t *date;

	if (!m)
		return -1;
	m->id = jmap_template(item, adapter_param(src, "id", NULL));
	m->author = jmap_field(item, adapter_param(src, "author", NULL));
	title = jmap_field(item, adapter_param(src, "title", NULL));
	text = jmap_field(item, adapter_param(src, "text", NULL));
	link = jmap_template(item, adapter_param(src, "link", NULL));
	if (html) {
		if ((title && set_html(&m->title, title) < 0) || (text && set_html(&m->text, text) < 0)) {
			free(title);
			free(text);
			free(link);
			return OOM(WHO, err);
		}
		free(title);
		free(text);
	} else {
		m->title = title;
		m->text = text;
	}
	if (!m->text && !(m->text = xstrdup("")))
		return OOM(WHO, err);
	if (link) {
		m->url = jmap_resolve(base, link);
		free(link);
		if (!m->url)
			return OOM(WHO, err);
	}
	m->rating = jmap_rating(item, adapter_param(src, "rating", NULL), scale);
	date = jmap_value(item, adapter_param(src, "date", NULL));
	if (date)
		m->published_at = hj_time(date, "");
	{
		char *lang = jmap_field(item, adapter_param(src, "lang_field", NULL));
		set_lang(m, lang ? lang : adapter_param(src, "lang", NULL));
		free(lang);
	}
	return 0;
}

static int jmap_parse(const struct adapter_source *src, const struct adapter_response *resp,
                      struct adapter_result *out, char *err)
{
	const char *items_path = adapter_param(src, "items", "");
	const char *error_path = adapter_param(src, "error", NULL);
	json_t *root, *items, *it;
	size_t i, before = out->mentions.n, count;
	char *cursor = NULL;
	int rc = -1;

	root = adapter_param(src, "embedded_after", NULL) ? jmap_embedded(resp, adapter_param(src, "embedded_after", ""), err)
	                                                   : jmap_load(resp, err);
	if (!root)
		return -1;
	if (error_path) {
		char *msg = jmap_field(root, error_path);
		if (msg) {
			api_error(resp, msg, err);
			free(msg);
			goto done;
		}
	}
	items = hj_get(root, items_path);
	if (items == root && json_is_object(root) &&
	    (json_object_get(root, "error") || json_object_get(root, "errors") || json_object_get(root, "fault")))
		items = NULL; /* a root-array API answering with an error object */
	if (!json_is_array(items) && !json_is_object(items)) {
		static const char *const paths[] = {"message", "error", "error.message", "errors.0.message",
		                                    "error_description", "fault.faultstring", "detail", NULL};
		const char *msg = NULL;
		for (i = 0; !msg && paths[i]; i++)
			msg = hj_str(root, paths[i]);
		if (msg)
			api_error(resp, msg, err);
		else
			unexpected_body(WHO, resp, err, "no array at items path \"%s\" in the response", items_path);
		goto done;
	}
	if (json_is_array(items)) {
		json_array_foreach(items, i, it)
			if (json_is_object(it) && jmap_item(src, it, out, err) < 0)
				goto done;
	} else if (jmap_item(src, items, out, err) < 0) {
		goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	count = out->mentions.n - before;
	if (adapter_param(src, "cursor_param", NULL)) {
		const char *field = adapter_param(src, "cursor_field", adapter_param(src, "id", NULL));
		json_t *arr = json_is_array(items) ? items : NULL;
		size_t n = arr ? json_array_size(arr) : 1;
		for (i = 0; i < n; i++) {
			char *c = jmap_field(arr ? json_array_get(arr, i) : items, field);
			if (c && id_cmp(c, cursor) > 0) {
				free(cursor);
				cursor = c;
			} else {
				free(c);
			}
		}
		if (result_cursor_newer(out, cursor, src->cursor, WHO, err) < 0)
			goto done;
	}
	if (count > 0) {
		struct adapter_request next = {0};
		const char *url = resp->url ? resp->url : adapter_param(src, "url", "");
		char *nv = jmap_template(root, adapter_param(src, "next", NULL));
		int r = 0;
		if (nv && *nv) {
			const char *np = adapter_param(src, "next_param", NULL);
			char *u = np ? url_with_query(adapter_param(src, "url", ""), np, nv) : jmap_resolve(url, nv);
			if (!u)
				r = OOM(WHO, err);
			else if (strncmp(u, "http://", 7) && strncmp(u, "https://", 8))
				r = 0; /* not a page we may fetch */
			else if (adapter_request_set_url(&next, u) < 0)
				r = OOM(WHO, err);
			else
				r = headers_from_params(src, &next, WHO, err);
			free(u);
		} else if (adapter_param(src, "page_param", NULL)) {
			long long total = hj_int(root, adapter_param(src, "total_pages", ""), -1);
			if (!adapter_param(src, "total_pages", NULL) || src->page + 1 < total)
				r = jmap_build(src, adapter_param(src, "url", ""), src->page + 1, NULL, &next, err);
		}
		free(nv);
		if (result_next_built(out, &next, r, WHO, err) < 0)
			goto done;
	}
	rc = 0;
done:
	free(cursor);
	json_decref(root);
	return rc;
}

const struct adapter adapter_json = {
	.name = "json",
	.summary = "any JSON API, mapped in the config (seller APIs, review exports)",
	.params = jmap_params,
	.request = jmap_request,
	.parse = jmap_parse,
	.check = jmap_check,
	.check_all = jmap_check_all,
};
