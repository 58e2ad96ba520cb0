/* google_places.c - the (at most five) newest reviews of one place from
 * Google Place Details: the legacy JSON API by default, or Places API
 * (New) with api = new. Neither has paging or a cursor: every poll reads
 * the five newest and the store keeps what it has not seen.
 *
 * Legacy reviews carry no id: it is made of the reviewer's contributor id
 * (from author_url) and the review time, "<contributor>-<time>", stable
 * across polls. Legacy errors come in-band with HTTP 200: status
 * OVER_QUERY_LIMIT, REQUEST_DENIED, ... with error_message. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "params.h"

#define WHO "google_places"

static const struct adapter_param google_places_params[] = {
	{"api", 0, "legacy (default: maps/api/place/details/json) or new (places.googleapis.com/v1)"},
	{"base_url", ADAPTER_PARAM_URL, "API host (default https://maps.googleapis.com, or https://places.googleapis.com for api = new)"},
	{"key", ADAPTER_PARAM_REQUIRED | ADAPTER_PARAM_SECRET, "API key, e.g. ${GOOGLE_PLACES_KEY}"},
	{"language", 0, "language of the reviews' labels and translations, e.g. tr"},
	{"place_id", ADAPTER_PARAM_REQUIRED, "place id, e.g. ChIJN1t_tDeuEmsRUsoyG83frY4"},
	{"translate", 0, "yes: let Google translate reviews into language (default: originals)"},
	{NULL, 0, NULL},
};

static int places_new(const struct adapter_source *src)
{
	return str_eq(adapter_param(src, "api", "legacy"), "new");
}

static void google_places_checks(struct problems *pb)
{
	static const char *const apis[] = {"legacy", "new", NULL};

	param_one_of(pb, "api", apis);
	param_lang(pb, "language");
	param_chars(pb, "place_id", "_-", "the place id alone, e.g. ChIJN1t_tDeuEmsRUsoyG83frY4");
	param_yes_no(pb, "translate");
}

static int google_places_check(const struct kvlist *params, char *err)
{
	return checks_first(google_places_checks, params, err);
}

static int google_places_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(google_places_checks, params, report, ctx);
}

static int google_places_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	const char *place = adapter_param(src, "place_id", "");
	const char *lang = adapter_param(src, "language", NULL);
	const char *key = adapter_param(src, "key", "");
	struct buf u = {0};
	char *eplace = url_escape(place);
	int rc = -1;

	if (!eplace)
		return OOM(WHO, err);
	if (places_new(src)) {
		if (url_start(&u, adapter_param(src, "base_url", "https://places.googleapis.com"), WHO, err) < 0)
			goto done;
		if (buf_printf(&u, "/v1/places/%s", eplace) < 0)
			goto oom;
		if (add_query(&u, "languageCode", lang, WHO, err) < 0 ||
		    add_header(req, "X-Goog-Api-Key", key, WHO, err) < 0 ||
		    add_header(req, "X-Goog-FieldMask", "id,googleMapsUri,reviews", WHO, err) < 0)
			goto done;
	} else {
		if (url_start(&u, adapter_param(src, "base_url", "https://maps.googleapis.com"), WHO, err) < 0)
			goto done;
		if (buf_puts(&u, "/maps/api/place/details/json") < 0)
			goto oom;
		if (add_query(&u, "place_id", place, WHO, err) < 0 ||
		    add_query(&u, "fields", "url,reviews", WHO, err) < 0 ||
		    add_query(&u, "reviews_sort", "newest", WHO, err) < 0 ||
		    (!str_eq(adapter_param(src, "translate", "no"), "yes") &&
		     add_query(&u, "reviews_no_translations", "true", WHO, err) < 0) ||
		    add_query(&u, "language", lang, WHO, err) < 0 ||
		    add_query(&u, "key", key, WHO, err) < 0)
			goto done;
	}
	rc = request_url(req, u.data, WHO, err);
	goto done;
oom:
	OOM(WHO, err);
done:
	buf_free(&u);
	free(eplace);
	return rc;
}

static int legacy_review(json_t *r, const char *place_url, struct adapter_result *out, char *err)
{
	const char *aurl = hj_str(r, "author_url");
	const char *contrib = aurl ? strstr(aurl, "/contrib/") : NULL;
	long long t = hj_int(r, "time", 0);
	struct mention *m = result_add(out, WHO, err);
	struct buf id = {0};

	if (!m)
		return -1;
	if (contrib) {
		const char *p = contrib + 9, *e = p;
		while (IS_DIGIT(*e))
			e++;
		if (buf_append(&id, p, (size_t)(e - p)) < 0 || buf_printf(&id, "-%lld", t) < 0)
			return OOM(WHO, err);
	} else {
		/* no contributor id (redacted): the reviewer's name stands in */
		const char *name = hj_str(r, "author_name");
		char hex[17];
		hash_hex64(name ? name : "", name ? strlen(name) : 0, hex);
		if (buf_printf(&id, "%s-%lld", hex, t) < 0)
			return OOM(WHO, err);
	}
	m->id = buf_detach(&id);
	if (!m->id || set_str(&m->author, hj_str(r, "author_name")) < 0 ||
	    set_str(&m->text, hj_str(r, "text") ? hj_str(r, "text") : "") < 0 ||
	    set_str(&m->url, aurl ? aurl : place_url) < 0)
		return OOM(WHO, err);
	m->rating = hj_rating(r, "rating");
	m->published_at = t ? hj_time(r, "time") : HARK_TIME_NONE;
	set_lang(m, hj_str(r, "original_language") && !json_is_true(hj_get(r, "translated"))
	            ? hj_str(r, "original_language") : hj_str(r, "language"));
	return 0;
}

static int new_review(json_t *r, const char *place_url, struct adapter_result *out, char *err)
{
	const char *name = hj_str(r, "name");
	const char *id = name && strstr(name, "/reviews/") ? strstr(name, "/reviews/") + 9 : name;
	json_t *text = json_object_get(r, "originalText") ? json_object_get(r, "originalText") : json_object_get(r, "text");
	struct mention *m;

	if (!id) {
		errf(err, WHO ": review without a name: the response format has changed");
		return -1;
	}
	m = result_add(out, WHO, err);
	if (!m)
		return -1;
	if (set_str(&m->id, id) < 0 || set_str(&m->author, hj_str(r, "authorAttribution.displayName")) < 0 ||
	    set_str(&m->text, hj_str(text, "text") ? hj_str(text, "text") : "") < 0 ||
	    set_str(&m->url, hj_str(r, "googleMapsUri") ? hj_str(r, "googleMapsUri") :
	                     hj_str(r, "authorAttribution.uri") ? hj_str(r, "authorAttribution.uri") : place_url) < 0)
		return OOM(WHO, err);
	m->rating = hj_rating(r, "rating");
	m->published_at = hj_time(r, "publishTime");
	set_lang(m, hj_str(text, "languageCode"));
	return 0;
}

static int google_places_parse(const struct adapter_source *src, const struct adapter_response *resp,
                               struct adapter_result *out, char *err)
{
	json_t *root, *reviews, *r;
	const char *status;
	size_t i;
	int rc = -1;

	root = google_load(WHO, resp, err);
	if (!root)
		return -1;
	status = hj_str(root, "status");
	if (status) { /* legacy */
		const char *msg = hj_str(root, "error_message");
		json_t *result = json_object_get(root, "result");
		if (strcmp(status, "OK")) {
			errf(err, WHO ": %s%s%s", status, msg ? ": " : "", msg ? msg : "");
			goto done;
		}
		if (!json_is_object(result)) {
			errf(err, WHO ": status OK but no result object");
			goto done;
		}
		reviews = json_object_get(result, "reviews");
		json_array_foreach(reviews, i, r)
			if (legacy_review(r, hj_str(result, "url"), out, err) < 0)
				goto done;
	} else if (json_is_object(root) && (json_object_get(root, "reviews") || json_object_get(root, "id") ||
	                                    json_object_get(root, "googleMapsUri"))) {
		reviews = json_object_get(root, "reviews");
		json_array_foreach(reviews, i, r)
			if (new_review(r, hj_str(root, "googleMapsUri"), out, err) < 0)
				goto done;
	} else {
		unexpected_body(WHO, resp, err, "not a Place Details response (no status or reviews)");
		goto done;
	}
	rc = result_finish(src, out, WHO, err);
done:
	json_decref(root);
	return rc;
}

const struct adapter adapter_google_places = {
	.name = "google_places",
	.summary = "Google Maps reviews of one place (Place Details, the five newest)",
	.params = google_places_params,
	.request = google_places_request,
	.parse = google_places_parse,
	.check = google_places_check,
	.check_all = google_places_check_all,
};
