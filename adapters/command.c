/* command.c - any program, in any language, as a source. The one adapter
 * that does its own I/O (through the run callback): it starts the command
 * with /bin/sh -c, in its own process group, stdin from /dev/null, and
 * reads JSON Lines (SPEC 7) from its stdout.
 *
 * Protocol: the environment carries HARK_CURSOR (the stored cursor, empty
 * on the first poll), HARK_SOURCE (the source's name) and HARK_NOW (the
 * poll's time, Unix seconds). Each stdout line is one mention object
 * {"id","author","title","text","url","rating","lang","published_at"}; a
 * line that is an object with the single key "cursor" ({"cursor":"..."})
 * sets the new cursor (the last one wins). Blank lines are skipped. A
 * non-zero exit, a signal, a timeout or a malformed line fails the poll
 * with the program's stderr (or the bad line) as the error. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "params.h"
#include "hark/htime.h"
#include "hark/text.h"

#define WHO "command"
#define COMMAND_MAX_OUT (64L * 1024 * 1024)
#define COMMAND_MAX_ERR (16 * 1024)

extern char **environ;

/* SPEC 7: a mention's text is plain text. Programs often print what they
 * scraped, markup and entities included. */
static int plain_text(char **s)
{
	char *t;

	if (!*s || !strpbrk(*s, "<&"))
		return 0;
	t = text_from_html(*s, strlen(*s));
	if (!t)
		return -1;
	free(*s);
	*s = t;
	return 0;
}

static const struct adapter_param command_params[] = {
	{"command", ADAPTER_PARAM_REQUIRED, "shell command line that prints mentions as JSON Lines"},
	{"timeout", 0, "longest run, e.g. 60s or 5m (default 60s); then the process group is killed"},
	{NULL, 0, NULL},
};

static void command_checks(struct problems *pb)
{
	const char *t = param_value(pb, "timeout");
	int64_t secs;

	if (t && (parse_duration(t, &secs) < 0 || secs <= 0))
		problem(pb, "timeout", "timeout must be a duration such as 30s or 5m, not \"%s\"", t);
}

static int command_check(const struct kvlist *params, char *err)
{
	return checks_first(command_checks, params, err);
}

static int command_check_all(const struct kvlist *params, adapter_report_fn report, void *ctx)
{
	return checks_all(command_checks, params, report, ctx);
}

static int command_request(const struct adapter_source *src, struct adapter_request *req, char *err)
{
	(void)src;
	(void)req;
	errf(err, WHO ": runs a program, it makes no HTTP request");
	return -1;
}

/* One JSON Lines line into out; -1 with "line N: why" in err. */
static int command_line(const char *line, size_t len, long lineno, struct adapter_result *out, char *err)
{
	json_error_t je;
	json_t *o;
	struct mention *m;
	json_t *v;
	int rc = -1;

	/* As every JSON adapter reads a body (invalid bytes replaced, SPEC 7). */
	o = hj_loadb(line, len, &je);
	if (!json_is_object(o)) {
		struct adapter_response r = {.body = line, .len = len};
		char ex[100];
		body_excerpt(&r, ex, sizeof(ex));
		errf(err, WHO ": output line %ld is not a JSON object (%s): %s", lineno,
		     o ? "another JSON value" : je.text, ex);
		goto done;
	}
	if (json_object_size(o) == 1 && (v = json_object_get(o, "cursor"))) {
		char *c = hj_text(o, "cursor");
		if (!c && !json_is_null(v)) {
			errf(err, WHO ": output line %ld: cursor must be a string or number", lineno);
			goto done;
		}
		free(out->cursor);
		out->cursor = c;
		rc = 0;
		goto done;
	}
	v = json_object_get(o, "text");
	if (v && !json_is_string(v) && !json_is_null(v)) {
		errf(err, WHO ": output line %ld: text must be a string", lineno);
		goto done;
	}
	if (!json_is_string(v) && !json_is_string(json_object_get(o, "title"))) {
		errf(err, WHO ": output line %ld: a mention needs text or title", lineno);
		goto done;
	}
	v = json_object_get(o, "rating");
	if (v && !json_is_null(v) && !(json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 5)) {
		errf(err, WHO ": output line %ld: rating must be 1..5 or null", lineno);
		goto done;
	}
	m = mention_list_add(&out->mentions);
	if (!m) {
		OOM(WHO, err);
		goto done;
	}
	m->id = hj_text(o, "id");
	m->author = hj_text(o, "author");
	m->title = hj_text(o, "title");
	m->text = hj_text(o, "text");
	m->url = hj_text(o, "url");
	if ((!m->text && !(m->text = xstrdup(""))) || plain_text(&m->text) < 0 || plain_text(&m->title) < 0) {
		OOM(WHO, err);
		goto done;
	}
	m->rating = hj_rating(o, "rating");
	set_lang(m, hj_str(o, "lang"));
	v = json_object_get(o, "published_at");
	if (v && !json_is_null(v)) {
		m->published_at = hj_time(o, "published_at");
		if (m->published_at == HARK_TIME_NONE) {
			errf(err, WHO ": output line %ld: published_at is not a date", lineno);
			goto done;
		}
	}
	rc = 0;
done:
	json_decref(o);
	return rc;
}

static int command_parse(const struct adapter_source *src, const struct adapter_response *resp,
                         struct adapter_result *out, char *err)
{
	const char *p = resp->body, *end = resp->body + resp->len;
	long lineno = 0;

	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *s = p;
		lineno++;
		while (s < e && IS_SPACE(*s))
			s++;
		if (s < e && command_line(s, (size_t)(e - s), lineno, out, err) < 0)
			return -1;
		p = nl ? nl + 1 : end;
	}
	return result_finish(src, out, WHO, err);
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* environ plus HARK_CURSOR, HARK_SOURCE, HARK_NOW (replacing any). The
 * three strings we add are env[0..2]; NULL on OOM. Built before fork(). */
static char **command_env(const struct adapter_source *src)
{
	size_t n = 0, k = 3, i;
	struct buf b = {0};
	char *ours[3] = {NULL, NULL, NULL};
	char **env;

	if (buf_printf(&b, "HARK_CURSOR=%s", src->cursor ? src->cursor : "") == 0)
		ours[0] = buf_detach(&b);
	if (buf_printf(&b, "HARK_SOURCE=%s", src->name ? src->name : "") == 0)
		ours[1] = buf_detach(&b);
	if (buf_printf(&b, "HARK_NOW=%lld", (long long)src->now) == 0)
		ours[2] = buf_detach(&b);
	while (environ[n])
		n++;
	env = calloc(n + 4, sizeof(*env));
	if (!env || !ours[0] || !ours[1] || !ours[2]) {
		free(env);
		for (i = 0; i < 3; i++)
			free(ours[i]);
		buf_free(&b);
		return NULL;
	}
	memcpy(env, ours, sizeof(ours));
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "HARK_CURSOR=", 12) && strncmp(environ[i], "HARK_SOURCE=", 12) &&
		    strncmp(environ[i], "HARK_NOW=", 9))
			env[k++] = environ[i];
	env[k] = NULL;
	return env;
}

static void command_env_free(char **env)
{
	if (!env)
		return;
	free(env[0]);
	free(env[1]);
	free(env[2]);
	free(env);
}

/* The last lines of stderr, one line, for the error message. */
static void stderr_excerpt(const struct buf *e, char *out, size_t n)
{
	struct adapter_response r = {0};
	size_t start = 0;

	/* keep the tail: programs print the reason last */
	if (e->len > 300) {
		start = e->len - 300;
		while (start < e->len && ((unsigned char)e->data[start] & 0xC0) == 0x80)
			start++;
	}
	r.body = e->data ? e->data + start : "";
	r.len = e->len - start;
	body_excerpt(&r, out, n);
}

static int command_run(const struct adapter_source *src, struct adapter_result *out, char *err)
{
	const char *cmd = adapter_param(src, "command", NULL);
	int64_t timeout = 60, deadline;
	int outp[2] = {-1, -1}, errp[2] = {-1, -1}, status = 0, rc = -1, timed_out = 0, too_big = 0;
	struct buf sout = {0}, serr = {0};
	char **env = NULL;
	pid_t pid = -1;
	struct pollfd pfd[2];

	if (!cmd) {
		errf(err, WHO ": command is required");
		return -1;
	}
	if (adapter_param(src, "timeout", NULL) &&
	    (parse_duration(adapter_param(src, "timeout", NULL), &timeout) < 0 || timeout <= 0)) {
		errf(err, WHO ": bad timeout \"%s\"", adapter_param(src, "timeout", NULL));
		return -1;
	}
	env = command_env(src);
	if (!env)
		return OOM(WHO, err);
	if (pipe(outp) < 0 || pipe(errp) < 0) {
		errf(err, WHO ": pipe: %s", strerror(errno));
		goto done;
	}
	pid = fork();
	if (pid < 0) {
		errf(err, WHO ": fork: %s", strerror(errno));
		goto done;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		setpgid(0, 0);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(outp[1], 1);
		dup2(errp[1], 2);
		close(outp[0]);
		close(errp[0]);
		execve("/bin/sh", (char *const[]){"sh", "-c", (char *)cmd, NULL}, env);
		_exit(127);
	}
	setpgid(pid, pid); /* also from here: no race with the kill below */
	close(outp[1]);
	close(errp[1]);
	outp[1] = errp[1] = -1;
	fcntl(outp[0], F_SETFD, FD_CLOEXEC);
	fcntl(errp[0], F_SETFD, FD_CLOEXEC);
	deadline = mono_ms() + timeout * 1000;
	pfd[0].fd = outp[0];
	pfd[1].fd = errp[0];
	pfd[0].events = pfd[1].events = POLLIN;
	while (pfd[0].fd >= 0 || pfd[1].fd >= 0) {
		int64_t left = deadline - mono_ms();
		int i, n;
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		n = poll(pfd, 2, left > 60000 ? 60000 : (int)left);
		if (n < 0 && errno != EINTR) {
			errf(err, WHO ": poll: %s", strerror(errno));
			break;
		}
		for (i = 0; n > 0 && i < 2; i++) {
			char tmp[65536];
			ssize_t r;
			if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = read(pfd[i].fd, tmp, sizeof(tmp));
			if (r <= 0) {
				if (r < 0 && (errno == EINTR || errno == EAGAIN))
					continue;
				pfd[i].fd = -1;
				continue;
			}
			if (i == 0) {
				if ((int64_t)sout.len + r > COMMAND_MAX_OUT) {
					too_big = 1;
					pfd[0].fd = pfd[1].fd = -1;
					break;
				}
				if (buf_append(&sout, tmp, (size_t)r) < 0) {
					OOM(WHO, err);
					too_big = 2;
					pfd[0].fd = pfd[1].fd = -1;
					break;
				}
			} else if (serr.len < COMMAND_MAX_ERR) {
				size_t keep = (size_t)r;
				if (serr.len + keep > COMMAND_MAX_ERR)
					keep = COMMAND_MAX_ERR - serr.len;
				buf_append(&serr, tmp, keep);
			}
		}
	}
	if (timed_out || too_big || pfd[0].fd >= 0 || pfd[1].fd >= 0)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	pid = -1;
	if (timed_out) {
		errf(err, WHO ": timed out after %llds (killed)", (long long)timeout);
		goto done;
	}
	if (too_big == 1) {
		errf(err, WHO ": more than %ld bytes of output", COMMAND_MAX_OUT);
		goto done;
	}
	if (too_big)
		goto done;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char ex[320];
		stderr_excerpt(&serr, ex, sizeof(ex));
		if (WIFSIGNALED(status))
			errf(err, WHO ": killed by signal %d%s%s", WTERMSIG(status), *ex ? ": " : "", ex);
		else
			errf(err, WHO ": exited with status %d%s%s", WEXITSTATUS(status), *ex ? ": " : "", ex);
		goto done;
	}
	{
		struct adapter_response r = {.status = 200, .body = sout.data ? sout.data : "", .len = sout.len};
		rc = command_parse(src, &r, out, err);
	}
done:
	if (outp[0] >= 0)
		close(outp[0]);
	if (outp[1] >= 0)
		close(outp[1]);
	if (errp[0] >= 0)
		close(errp[0]);
	if (errp[1] >= 0)
		close(errp[1]);
	if (pid > 0) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	buf_free(&sout);
	buf_free(&serr);
	command_env_free(env);
	return rc;
}

const struct adapter adapter_command = {
	.name = "command",
	.summary = "any program that prints mentions as JSON Lines (cursor in HARK_CURSOR, {\"cursor\":...} back)",
	.params = command_params,
	.request = command_request,
	.parse = command_parse,
	.run = command_run,
	.check = command_check,
	.check_all = command_check_all,
};
