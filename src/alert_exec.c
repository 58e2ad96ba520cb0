/* alert_exec.c - runs `command` with /bin/sh, the event JSON (the webhook
 * body) on stdin and HARK_ALERT, HARK_EVENT, HARK_IDEMPOTENCY_KEY in the
 * environment. Exit 0 is delivered; anything else (or running past the
 * timeout) is a failure that is retried. The command's output ends up in
 * last_error. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alert_channel.h"
#include "hark/text.h"

static int exec_build(const struct alert_rule *r, const struct alert_event *ev,
                      struct alert_payload *p, char *err)
{
	const char *cmd = kvlist_get(&r->params, "command");

	if (!cmd) {
		errf(err, "exec alert needs command");
		return -1;
	}
	if (alert_json_dump(&p->body, ev->body, err) < 0 || buf_putc(&p->body, '\n') < 0 ||
	    !(p->url = xstrdup(cmd))) {
		errf(err, "out of memory");
		return -1;
	}
	return 0;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void child(const char *cmd, int in, int out, const struct alert_event *ev)
{
	char key[32];

	setpgid(0, 0);
	dup2(in, 0);
	dup2(out, 1);
	dup2(out, 2);
	snprintf(key, sizeof(key), "%lld", (long long)ev->key);
	setenv("HARK_ALERT", ev->alert, 1);
	setenv("HARK_EVENT", ev->event, 1);
	setenv("HARK_IDEMPOTENCY_KEY", key, 1);
	signal(SIGPIPE, SIG_DFL);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

static enum alert_result exec_send(const struct alert_rule *r, const struct alert_event *ev,
                                   const struct alert_payload *p, struct alert_send_result *res)
{
	int in[2] = {-1, -1}, out[2] = {-1, -1}, status = 0, done = 0, timed_out = 0;
	int64_t deadline = mono_ms() + (r->timeout > 0 ? r->timeout : 30) * 1000;
	size_t off = 0;
	char msg[256];
	size_t mlen = 0;
	struct sigaction ign, old;
	pid_t pid;

	if (cloexec_pipe(in) < 0 || cloexec_pipe(out) < 0) {
		errf(res->error, "pipe: %s", strerror(errno));
		goto fail_fds;
	}
	pid = fork();
	if (pid < 0) {
		errf(res->error, "fork: %s", strerror(errno));
		goto fail_fds;
	}
	if (pid == 0)
		child(p->url, in[0], out[1], ev);
	close(in[0]);
	close(out[1]);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	/* A command that does not read its stdin must not kill us. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	if (p->body.len == 0) {
		close(in[1]);
		in[1] = -1;
	}
	while (!done) {
		struct pollfd fds[2];
		int nf = 0, left = (int)(deadline - mono_ms());
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		fds[nf].fd = out[0];
		fds[nf++].events = POLLIN;
		if (in[1] >= 0) {
			fds[nf].fd = in[1];
			fds[nf++].events = POLLOUT;
		}
		if (poll(fds, (nfds_t)nf, left) < 0 && errno != EINTR)
			break;
		if (in[1] >= 0 && nf == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(in[1], p->body.data + off, p->body.len - off);
			if (w > 0)
				off += (size_t)w;
			if ((w < 0 && errno != EAGAIN) || off == p->body.len) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char tmp[512];
			ssize_t n = read(out[0], tmp, sizeof(tmp));
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
				done = 1;
			else if (n > 0) {
				size_t k = (size_t)n < sizeof(msg) - 1 - mlen ? (size_t)n : sizeof(msg) - 1 - mlen;
				memcpy(msg + mlen, tmp, k);
				mlen += k;
			}
		}
	}
	sigaction(SIGPIPE, &old, NULL);
	if (in[1] >= 0)
		close(in[1]);
	close(out[0]);
	/* Output closed: the command is ending; give it until the deadline. */
	while (!timed_out) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			status = -1;
			break;
		}
		if (mono_ms() >= deadline)
			timed_out = 1;
		else
			poll(NULL, 0, 5);
	}
	if (timed_out) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		errf(res->error, "command timed out after %lds", r->timeout);
		return ALERT_RETRY;
	}
	msg[mlen] = '\0';
	{
		char *clean = text_clean(msg, mlen); /* valid UTF-8, one line */
		if (clean) {
			snprintf(msg, sizeof(msg), "%s", clean);
			free(clean);
		}
		mlen = strlen(msg);
	}
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return ALERT_OK;
	if (status != -1 && WIFEXITED(status))
		errf(res->error, "command exited with status %d%s%s", WEXITSTATUS(status), mlen ? ": " : "", msg);
	else if (status != -1 && WIFSIGNALED(status))
		errf(res->error, "command killed by signal %d%s%s", WTERMSIG(status), mlen ? ": " : "", msg);
	else
		errf(res->error, "command failed");
	return ALERT_RETRY;
fail_fds:
	for (status = 0; status < 2; status++) {
		if (in[status] >= 0)
			close(in[status]);
		if (out[status] >= 0)
			close(out[status]);
	}
	return ALERT_RETRY;
}

const struct alert_channel alert_exec = {
	.name = "exec",
	.flags = 0,
	.limit = 0,
	.build = exec_build,
	.send = exec_send,
};
