/* alert_file.c - appends each alert as one JSON line (the webhook body plus
 * "idempotency_key") to `path`, relative to the config's folder. The line
 * goes out in one write() on an O_APPEND descriptor and is fsync'ed before
 * the outbox row is marked sent. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alert_channel.h"

static int file_build(const struct alert_rule *r, const struct alert_event *ev,
                      struct alert_payload *p, char *err)
{
	const char *path = kvlist_get(&r->params, "path");
	json_t *o;
	int rc;

	if (!path) {
		errf(err, "file alert needs path");
		return -1;
	}
	o = json_deep_copy(ev->body);
	if (o)
		json_object_set_new(o, "idempotency_key", json_integer(ev->key));
	rc = alert_json_dump(&p->body, o, err);
	json_decref(o);
	if (rc < 0 || buf_putc(&p->body, '\n') < 0)
		goto oom;
	if (path[0] == '/' || !r->dir) {
		p->url = xstrdup(path);
	} else {
		struct buf b = {0};
		buf_printf(&b, "%s/%s", r->dir, path);
		p->url = buf_detach(&b);
	}
	if (!p->url)
		goto oom;
	return 0;
oom:
	errf(err, "out of memory");
	return -1;
}

static enum alert_result file_send(const struct alert_rule *r, const struct alert_event *ev,
                                   const struct alert_payload *p, struct alert_send_result *res)
{
	int fd;
	ssize_t w;

	(void)r; (void)ev;
	fd = open(p->url, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		errf(res->error, "%s: %s", p->url, strerror(errno));
		return ALERT_RETRY;
	}
	w = write(fd, p->body.data, p->body.len);
	if (w != (ssize_t)p->body.len || fsync(fd) < 0) {
		errf(res->error, "%s: %s", p->url, w < 0 || errno ? strerror(errno) : "short write");
		close(fd);
		return ALERT_RETRY;
	}
	if (close(fd) < 0) {
		errf(res->error, "%s: %s", p->url, strerror(errno));
		return ALERT_RETRY;
	}
	return ALERT_OK;
}

const struct alert_channel alert_file = {
	.name = "file",
	.flags = 0,
	.limit = 0,
	.build = file_build,
	.send = file_send,
};
