/* fetchtool - a small CLI over fetch_run() for the integration tests.
 *
 *   fetchtool [OPTIONS] URL...     fetch the URLs together, print one JSON
 *                                  line per job, in argument order
 *   fetchtool --mask URL...        print url_mask() of each URL
 *
 * Options: --max-body SIZE --timeout S --connect-timeout S --jobs N
 * --per-host N --max-redirects N --user-agent UA --etag V
 * --last-modified V --header "Name: value" (repeatable) --method M
 * --data BODY --body (also print the body). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/fetch.h"
#include "hark/htime.h"
#include "hark/sha256.h"
#include "hark/util.h"

static void usage(void)
{
	fputs("usage: fetchtool [--max-body SIZE] [--timeout S] [--connect-timeout S] [--jobs N]\n"
	      "                 [--per-host N] [--max-redirects N] [--user-agent UA] [--etag V]\n"
	      "                 [--last-modified V] [--header 'Name: value']... [--method M]\n"
	      "                 [--data BODY] [--body] URL...\n"
	      "       fetchtool --mask URL...\n", stderr);
	exit(2);
}

static void json_str(struct buf *b, const char *s, size_t n)
{
	size_t i;

	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, c);
	}
	buf_putc(b, '"');
}

static void json_cstr(struct buf *b, const char *s)
{
	json_str(b, s, s ? strlen(s) : 0);
}

static long num_arg(const char *opt, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!*v || *end) {
		fprintf(stderr, "fetchtool: %s wants a number, not \"%s\"\n", opt, v);
		exit(2);
	}
	return n;
}

int main(int argc, char **argv)
{
	struct fetch_options o;
	struct kvlist headers = { 0 };
	struct fetch_job *jobs;
	const char *etag = NULL, *last_mod = NULL, *method = NULL, *data = NULL;
	int print_body = 0, mask = 0, i, first;
	size_t n, k;
	struct buf out = { 0 };

	fetch_options_default(&o);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "--body") == 0) {
			print_body = 1;
			continue;
		} else if (strcmp(a, "--mask") == 0) {
			mask = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (strcmp(a, "--max-body") == 0) {
			if (parse_size(v, &o.max_body) < 0)
				usage();
		} else if (strcmp(a, "--timeout") == 0) {
			o.timeout = num_arg(a, v);
		} else if (strcmp(a, "--connect-timeout") == 0) {
			o.connect_timeout = num_arg(a, v);
		} else if (strcmp(a, "--jobs") == 0) {
			o.jobs = (int)num_arg(a, v);
		} else if (strcmp(a, "--per-host") == 0) {
			o.per_host = (int)num_arg(a, v);
		} else if (strcmp(a, "--max-redirects") == 0) {
			o.max_redirects = (int)num_arg(a, v);
		} else if (strcmp(a, "--user-agent") == 0) {
			o.user_agent = v;
		} else if (strcmp(a, "--etag") == 0) {
			etag = v;
		} else if (strcmp(a, "--last-modified") == 0) {
			last_mod = v;
		} else if (strcmp(a, "--method") == 0) {
			method = v;
		} else if (strcmp(a, "--data") == 0) {
			data = v;
		} else if (strcmp(a, "--header") == 0) {
			const char *colon = strchr(v, ':');
			char *name;
			if (!colon)
				usage();
			name = xstrndup(v, (size_t)(colon - v));
			colon++;
			while (*colon == ' ')
				colon++;
			if (!name || kvlist_add(&headers, name, colon, 0) < 0) {
				fputs("fetchtool: out of memory\n", stderr);
				return 1;
			}
			free(name);
		} else {
			usage();
		}
	}
	if (i >= argc)
		usage();
	n = (size_t)(argc - i);

	if (mask) {
		for (; i < argc; i++) {
			char *m = url_mask(argv[i]);
			if (!m)
				return 1;
			puts(m);
			free(m);
		}
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	}

	jobs = calloc(n, sizeof(*jobs));
	if (!jobs)
		return 1;
	for (k = 0; k < n; k++) {
		jobs[k].url = argv[i + (int)k];
		jobs[k].method = method;
		jobs[k].headers = headers.n ? &headers : NULL;
		jobs[k].body = data;
		jobs[k].body_len = data ? strlen(data) : 0;
		jobs[k].etag = etag;
		jobs[k].last_modified = last_mod;
		/* A URL given on the command line is "configured". */
		jobs[k].allow_file = strncmp(jobs[k].url, "file:", 5) == 0;
	}
	if (fetch_run(&o, jobs, n) < 0)
		fprintf(stderr, "fetchtool: fetch_run failed: %s\n", jobs[0].error);

	for (k = 0; k < n; k++) {
		struct fetch_job *j = &jobs[k];
		unsigned char md[SHA256_LEN];
		char hex[2 * SHA256_LEN + 1];
		size_t h;

		sha256(j->body_out.data ? j->body_out.data : "", j->body_out.len, md);
		hex_lower(md, SHA256_LEN, hex);
		buf_reset(&out);
		buf_puts(&out, "{\"url\":");
		json_cstr(&out, j->url);
		buf_printf(&out, ",\"status\":%ld,\"failed\":%s,\"error\":", j->status,
		           j->failed ? "true" : "false");
		json_cstr(&out, j->failed ? j->error : NULL);
		buf_printf(&out, ",\"body_len\":%zu,\"body_sha256\":\"%s\"", j->body_out.len, hex);
		if (print_body) {
			buf_puts(&out, ",\"body\":");
			json_str(&out, j->body_out.data ? j->body_out.data : "", j->body_out.len);
		}
		buf_puts(&out, ",\"etag\":");
		json_cstr(&out, j->etag_out);
		buf_puts(&out, ",\"last_modified\":");
		json_cstr(&out, j->last_modified_out);
		buf_printf(&out, ",\"retry_after\":%lld,\"content_type\":", (long long)j->retry_after);
		json_cstr(&out, j->content_type);
		buf_puts(&out, ",\"effective_url\":");
		json_cstr(&out, j->effective_url);
		buf_printf(&out, ",\"seconds\":%.3f,\"headers\":[", j->seconds);
		for (h = 0, first = 1; h < j->resp_headers.n; h++, first = 0) {
			if (!first)
				buf_putc(&out, ',');
			buf_putc(&out, '[');
			json_cstr(&out, j->resp_headers.items[h].key);
			buf_putc(&out, ',');
			json_cstr(&out, j->resp_headers.items[h].value);
			buf_putc(&out, ']');
		}
		if (buf_puts(&out, "]}\n") < 0) {
			fputs("fetchtool: out of memory\n", stderr);
			return 1;
		}
		fwrite(out.data, 1, out.len, stdout);
		fetch_job_clear(j);
	}
	buf_free(&out);
	free(jobs);
	kvlist_free(&headers);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("fetchtool: stdout");
		return 1;
	}
	return 0;
}
