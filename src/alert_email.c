/* alert_email.c - e-mail over SMTP with libcurl: url = smtp://host:port
 * (STARTTLS when the server offers it; `starttls = required` insists) or
 * smtps://host:port, `from`, `to` (comma list), optional `username` and
 * `password`. A multipart/alternative message with a text and an HTML part
 * (customer text HTML-escaped), `ca_file` for a private CA, a UTF-8 subject encoded per RFC 2047, Date,
 * and a Message-ID made from the outbox id so a repeat is recognisable. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_channel.h"

static void link_text(struct buf *b, const char *url, const char *label)
{
	buf_printf(b, "%s: %s", label, url);
}

static const struct alert_style text_style = {
	.esc = esc_none, .bold_open = "", .bold_close = "", .link = link_text, .bullet = "- ",
	.no_headline = 1,
};

static const struct alert_style html_style = {
	.esc = esc_html, .bold_open = "<b>", .bold_close = "</b>", .link = link_html, .bullet = "&bull; ",
	.no_headline = 1,
};

/* The address in "Name <a@b>" or "a@b"; NULL when there is none. */
static char *addr_spec(const char *s)
{
	const char *lt = strrchr(s, '<'), *gt;

	if (lt && (gt = strchr(lt, '>')))
		return xstrndup(lt + 1, (size_t)(gt - lt - 1));
	while (IS_SPACE(*s))
		s++;
	return *s && strchr(s, '@') ? xstrdup(s) : NULL;
}

static int has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* RFC 2047 "B" encoded words, each at most 75 characters, split on UTF-8
 * character boundaries, folded onto continuation lines. */
int rfc2047_append(struct buf *b, const char *s)
{
	size_t n = strlen(s), off = 0, i;
	int plain = 1;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < ' ' || (unsigned char)s[i] > '~')
			plain = 0;
	if (plain && n < 900)
		return buf_puts(b, s);
	while (off < n) {
		size_t k = utf8_prefix(s + off, n - off, 45);
		if (k == 0)
			k = n - off < 4 ? n - off : 4; /* never stall on a broken byte */
		if (off)
			buf_puts(b, "\r\n ");
		buf_puts(b, "=?UTF-8?B?");
		base64_append(b, s + off, k);
		if (buf_puts(b, "?=") < 0)
			return -1;
		off += k;
	}
	return 0;
}

static void base64_lines(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 57) { /* 57 bytes -> 76 characters */
		base64_append(b, s + i, n - i < 57 ? n - i : 57);
		buf_puts(b, "\r\n");
	}
}

static void rfc5322_date(int64_t t, char out[64])
{
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(out, 64, "%s, %02d %s %04d %02d:%02d:%02d +0000", wd[tm.tm_wday], tm.tm_mday,
	         mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static char *html_lines(const char *s)
{
	struct buf b = {0};

	buf_puts(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
	             "<body style=\"font-family:sans-serif\"><p>");
	for (; *s; s++) {
		if (*s == '\n')
			buf_puts(&b, "<br>\r\n");
		else
			buf_putc(&b, *s);
	}
	buf_puts(&b, "</p></body></html>\r\n");
	return buf_detach(&b);
}

static int email_build(const struct alert_rule *r, const struct alert_event *ev,
                       struct alert_payload *p, char *err)
{
	const char *from = kvlist_get(&r->params, "from"), *to = kvlist_get(&r->params, "to");
	struct buf text = {0}, html = {0}, head = {0}, subj = {0}, *m = &p->body;
	char date[64], *domain, *html_doc = NULL, *from_addr = NULL;
	char **rcpt = NULL;
	size_t nrcpt = 0, i;
	int rc = -1;

	if (!from || !to || has_crlf(from) || has_crlf(to)) {
		errf(err, "email alert needs from and to");
		return -1;
	}
	rcpt = strv_split_list(to, &nrcpt);
	from_addr = addr_spec(from);
	if (!rcpt || !nrcpt || !from_addr) {
		errf(err, "email alert: bad from or to address");
		goto out;
	}
	if (alert_render(ev, &text_style, alert_email.limit, &text) < 0 ||
	    alert_render(ev, &html_style, alert_email.limit, &html) < 0 ||
	    alert_headline(ev, &head) < 0 || !(html_doc = html_lines(html.data)))
		goto oom;
	buf_printf(&subj, "[hark] %s", head.data);
	if (!strcmp(ev->event, "mention") && ev->nitems) {
		/* What was said, so the inbox list shows it. */
		const char *what = ev->items[0].title && *ev->items[0].title ? ev->items[0].title : ev->items[0].text;
		if (what && *what) {
			size_t n = strlen(what), k = utf8_prefix(what, n, 80);
			buf_printf(&subj, ": %.*s%s", (int)k, what, k < n ? "…" : "");
		}
	}
	domain = strchr(from_addr, '@');
	rfc5322_date(ev->now, date);
	buf_printf(m, "Date: %s\r\nFrom: %s\r\nTo: ", date, from);
	for (i = 0; i < nrcpt; i++)
		buf_printf(m, "%s%s", i ? ", " : "", rcpt[i]);
	buf_puts(m, "\r\nSubject: ");
	rfc2047_append(m, subj.data);
	buf_printf(m, "\r\nMessage-ID: <hark.%lld.", (long long)ev->key);
	for (i = 0; ev->alert[i]; i++) /* the rule name, as dot-atom characters */
		buf_putc(m, IS_ALPHA(ev->alert[i]) || IS_DIGIT(ev->alert[i]) || ev->alert[i] == '-' ? ev->alert[i] : '_');
	buf_printf(m, "@%s>\r\n", domain && domain[1] ? domain + 1 : "hark.invalid");
	buf_printf(m, "MIME-Version: 1.0\r\nX-Hark-Event: %s\r\nX-Hark-Idempotency-Key: %lld\r\n"
	              "Content-Type: multipart/alternative; boundary=\"=_hark_%lld\"\r\n\r\n",
	           ev->event, (long long)ev->key, (long long)ev->key);
	buf_printf(m, "--=_hark_%lld\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	              "Content-Transfer-Encoding: base64\r\n\r\n", (long long)ev->key);
	buf_puts(&text, "\n");
	base64_lines(m, text.data, text.len);
	buf_printf(m, "--=_hark_%lld\r\nContent-Type: text/html; charset=UTF-8\r\n"
	              "Content-Transfer-Encoding: base64\r\n\r\n", (long long)ev->key);
	base64_lines(m, html_doc, strlen(html_doc));
	buf_printf(m, "--=_hark_%lld--\r\n", (long long)ev->key);
	if (!m->data)
		goto oom;
	p->url = xstrdup(r->url);
	if (!p->url)
		goto oom;
	/* The envelope goes in the headers list: MAIL FROM first, then RCPT. */
	if (kvlist_add(&p->headers, "MAIL FROM", from_addr, 0) < 0)
		goto oom;
	for (i = 0; i < nrcpt; i++) {
		char *a = addr_spec(rcpt[i]);
		if (!a) {
			errf(err, "email alert: bad address in to: %s", rcpt[i]);
			goto out;
		}
		rc = kvlist_add(&p->headers, "RCPT TO", a, 0);
		free(a);
		if (rc < 0)
			goto oom;
	}
	rc = 0;
	goto out;
oom:
	errf(err, "out of memory");
	rc = -1;
out:
	strv_free(rcpt);
	free(from_addr);
	free(html_doc);
	buf_free(&text);
	buf_free(&html);
	buf_free(&head);
	buf_free(&subj);
	return rc;
}

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *ud)
{
	struct upload *u = ud;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;

	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

static enum alert_result email_send(const struct alert_rule *r, const struct alert_event *ev,
                                    const struct alert_payload *p, struct alert_send_result *res)
{
	struct curl_slist *rcpt = NULL, *l;
	struct upload up = {p->body.data, p->body.len};
	const char *v, *from = NULL, *tls = kvlist_get(&r->params, "starttls");
	enum alert_result result = ALERT_RETRY;
	char *addr = NULL;
	CURLcode cc;
	long code = 0;
	CURL *c;
	size_t i;

	(void)ev;
	for (i = 0; i < p->headers.n; i++) {
		const struct kv *kv = &p->headers.items[i];
		if (strcmp(kv->key, "MAIL FROM") == 0) {
			from = kv->value;
		} else if (strcmp(kv->key, "RCPT TO") == 0) {
			struct buf a = {0};
			buf_printf(&a, "<%s>", kv->value);
			l = a.data ? curl_slist_append(rcpt, a.data) : NULL;
			buf_free(&a);
			if (!l) {
				errf(res->error, "out of memory");
				goto out;
			}
			rcpt = l;
		}
	}
	c = curl_easy_init();
	if (!c) {
		errf(res->error, "cannot set up libcurl");
		goto out;
	}
	{
		struct buf a = {0};
		buf_printf(&a, "<%s>", from ? from : "");
		addr = buf_detach(&a);
	}
	curl_easy_setopt(c, CURLOPT_URL, p->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr ? addr : "<>");
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)p->body.len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, r->timeout > 0 ? r->timeout : 30L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, r->timeout > 0 && r->timeout < 10 ? r->timeout : 10L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (strncmp(p->url, "smtp://", 7) == 0)
		curl_easy_setopt(c, CURLOPT_USE_SSL,
		                 str_eq(tls, "required") ? (long)CURLUSESSL_ALL :
		                 str_eq(tls, "no") ? (long)CURLUSESSL_NONE : (long)CURLUSESSL_TRY);
	if ((v = kvlist_get(&r->params, "ca_file"))) { /* a private CA for a self-hosted server */
		struct buf ca = {0};
		if (v[0] == '/' || !r->dir)
			buf_puts(&ca, v);
		else
			buf_printf(&ca, "%s/%s", r->dir, v);
		curl_easy_setopt(c, CURLOPT_CAINFO, ca.data ? ca.data : v); /* libcurl copies it */
		buf_free(&ca);
	}
	if ((v = kvlist_get(&r->params, "username")))
		curl_easy_setopt(c, CURLOPT_USERNAME, v);
	if ((v = kvlist_get(&r->params, "password")))
		curl_easy_setopt(c, CURLOPT_PASSWORD, v);
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	res->status = code;
	if (cc == CURLE_OK) {
		result = ALERT_OK;
	} else {
		/* SMTP 5xx and refused logins are permanent; 4xx and transport
		 * trouble are worth another try. */
		if (code >= 500 || cc == CURLE_LOGIN_DENIED || cc == CURLE_URL_MALFORMAT ||
		    cc == CURLE_UNSUPPORTED_PROTOCOL)
			result = ALERT_DEAD;
		if (code)
			errf(res->error, "SMTP %ld: %s", code, curl_easy_strerror(cc));
		else
			errf(res->error, "SMTP: %s", curl_easy_strerror(cc));
	}
	curl_easy_cleanup(c);
out:
	curl_slist_free_all(rcpt);
	free(addr);
	return result;
}

const struct alert_channel alert_email = {
	.name = "email",
	.flags = CH_NEEDS_URL,
	.limit = 60000,
	.build = email_build,
	.send = email_send,
};
