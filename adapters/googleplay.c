/* googleplay.c - Google Play reviews of one app through the Android
 * Publisher API (reviews.list). Google returns only reviews created or
 * edited in the last week, newest first, with text; no since-cursor, so
 * the poller follows tokenPagination pages until a known review id. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "googleplay"

static const struct adapter_param googleplay_params[] = {
	{"base_url", ADAPTER_PARAM_URL, "API root (default https://androidpublisher.googleapis.com/androidpublisher/v3)"},
	{"max_results", 0, "reviews per request, 1..100 (default 100)"},
	{"package", ADAPTER_PARAM_REQUIRED, "application id, e.g. com.acme.shop"},
	{"token", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "OAuth2 access token with the androidpublisher scope, e.g. ${GOOGLEPLAY_TOKEN}"},
	{"translation_language", 0, "have Google translate reviews into this language, e.g. en"},
	{NULL, 0, NULL},
};

static int googleplay_build(const struct adapter_source *src, const char *page_token, struct adapter_request *req,
                            char *err)
{
	struct buf u = {0}, h = {0};
	char *pkg = url_escape(adapter_param(src, "package", ""));
	int rc = -1;

	if (!pkg)
		return OOM(WHO, err);
	if (url_start(&u, adapter_param(src, "base_url", "https://androidpublisher.googleapis.com/androidpublisher/v3"),
	              WHO, err) < 0)
		goto done;
	if (buf_printf(&u, "/applications/%s/reviews", pkg) < 0 ||
	    buf_printf(&h, "Bearer %s", adapter_param(src, "token", "")) < 0) {
		OOM(WHO, err);
		goto done;
	}
	if (add_query(&u, "maxResults", adapter_param(src, "max_results", "100"), WHO, err) < 0 ||
	    add_query(&u, "translationLanguage", adapter_param(src, "translation_language", NULL), WHO, err) < 0 ||
	    add_query(&u, "token", page_token, WHO, err) < 0)
		goto done;
	if (request_url(req, u.data, WHO, err) < 0)
		goto done;
	rc = add_header(req, "Authorization", h.data, WHO, err);
done:
	buf_free(&u);
	buf_free(&h);
	free(pkg);
	return rc;
}

static int googleplay_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	return googleplay_build(src, NULL, req, err);
}

static int googleplay_review(const struct adapter_source *src, json_t *r, struct adapter_result *out, char *err)
{
	const char *id = hj_str(r, "reviewId");
	const char *pkg = adapter_param(src, "package", NULL);
	json_t *comments = json_object_get(r, "comments"), *c, *uc = NULL;
	const char *text, *tab;
	struct mention *m;
	size_t i;

	if (!id) {
		errf(err, WHO ": review without reviewId: the response format has changed");
		return -1;
	}
	json_array_foreach(comments, i, c)
		if (json_is_object(json_object_get(c, "userComment"))) {
			uc = json_object_get(c, "userComment");
			break;
		}
	if (!uc)
		return 0; /* nothing the user wrote (a reply alone) */
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, id) < 0 || set_str(&m->author, hj_str(r, "authorName")) < 0)
		return OOM(WHO, err);
	/* "Title\tBody" when the review had a title */
	text = hj_str(uc, "text") ? hj_str(uc, "text") : "";
	tab = strchr(text, '\t');
	if (tab) {
		m->title = xstrndup(text, (size_t)(tab - text));
		m->text = xstrdup(tab + 1);
	} else {
		m->text = xstrdup(text);
	}
	if (!m->text || (tab && !m->title))
		return OOM(WHO, err);
	if (pkg && set_printf(&m->url, "https://play.google.com/store/apps/details?id=%s&reviewId=%s", pkg, id) < 0)
		return OOM(WHO, err);
	m->rating = hj_rating(uc, "starRating");
	m->published_at = hj_time(uc, "lastModified.seconds");
	set_lang(m, hj_str(uc, "reviewerLanguage"));
	return 0;
}

static int googleplay_parse(const struct adapter_source *src, const struct adapter_response *resp,
                            struct adapter_result *out, char *err)
{
	json_t *root, *reviews, *r;
	const char *token;
	size_t i;
	int rc = -1;

	root = google_load(WHO, resp, err);
	if (!root)
		return -1;
	reviews = json_object_get(root, "reviews");
	if (json_is_array(reviews)) {
		json_array_foreach(reviews, i, r)
			if (googleplay_review(src, r, out, err) < 0)
				goto done;
	} else if (json_is_object(root) && hj_str(root, "reviewId")) {
		if (googleplay_review(src, root, out, err) < 0) /* reviews.get */
			goto done;
	} else if (!(json_is_object(root) && (json_object_size(root) == 0 || json_object_get(root, "pageInfo") ||
	                                      json_object_get(root, "tokenPagination")))) {
		/* an empty week is {} */
		unexpected_body(WHO, resp, err, "not a reviews list (no reviews array)");
		goto done;
	}
	if (result_finish(src, out, WHO, err) < 0)
		goto done;
	token = hj_str(root, "tokenPagination.nextPageToken");
	if (token && *token && json_array_size(reviews) > 0 && adapter_param(src, "package", NULL)) {
		struct adapter_request next = {0};
		if (result_next_built(out, &next, googleplay_build(src, token, &next, err), WHO, err) < 0)
			goto done;
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

/* An application id: dot-separated parts, each a letter and then
 * letters, digits or '_' (com.acme.shop). */
static int java_package(const char *s)
{
	int parts = 0;

	for (;;) {
		if (!IS_ALPHA(*s))
			return 0;
		while (IS_ALPHA(*s) || IS_DIGIT(*s) || *s == '_')
			s++;
		parts++;
		if (!*s)
			return parts >= 2;
		if (*s++ != '.')
			return 0;
	}
}

static void googleplay_checks(struct problems *pb)
{
	const char *pkg = param_value(pb, "package");

	param_int(pb, "max_results", 1, 100);
	if (pkg && !java_package(pkg))
		problem(pb, "package",
		        "package must be the application id such as com.acme.shop (the id= of its Play Store URL), "
		        "not \"%s\"", pkg);
	param_lang(pb, "translation_language");
}

static int googleplay_check(const struct kvlist *params, char *err)
{
	return checks_first(googleplay_checks, params, err);
}

static int googleplay_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(googleplay_checks, params, report, ctx);
}

const struct adapter adapter_googleplay = {
	.name = "googleplay",
	.summary = "Google Play reviews of one app from the last week (Android Publisher API)",
	.params = googleplay_params,
	.request = googleplay_request,
	.parse = googleplay_parse,
	.check = googleplay_check,
	.check_all = googleplay_check_all,
};
