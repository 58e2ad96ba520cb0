/* hark.c - main: global options, the command table, and the setup each
 * command asks for in its flags (config, database, lexicons, alerts), done
 * once here so the commands themselves stay short. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cmd.h"
#include "hark/alerts.h"
#include "hark/htime.h"
#include "hark/sentiment.h"
#include "hark/store.h"

/* Sorted by name; a unit test checks order and uniqueness. */
const struct command commands[] = {
	{"adapters", cmd_adapters, 0, "[NAME]", "list the compiled-in adapters and their parameters"},
	{"alerts", cmd_alerts, NEED_CONFIG | NEED_STORE | NEED_SENTIMENT | NEED_ALERTS,
	 "list [--pending|--failed|--dead|--sent|--all] | send | retry ID | test NAME",
	 "show the alert outbox, deliver what is due, queue a row again, send a test message"},
	{"check", cmd_check, 0, "", "validate the config; every error as FILE:LINE: message"},
	{"export", cmd_export, NEED_CONFIG | NEED_STORE,
	 "[--brand B] [--source S] [--since T] [--until T] [--label L] [--format csv|jsonl] [--excel] [-o FILE]",
	 "write the stored mentions as CSV or JSON Lines"},
	{"help", cmd_help, 0, "[COMMAND]", "show help for hark or one command"},
	{"init", cmd_init, NEED_CONFIG | NEED_STORE, "", "create or migrate the database (idempotent)"},
	{"parse", cmd_parse, 0, "ADAPTER [--param K=V]... [--content-type T] [FILE]",
	 "run an adapter's parser on a saved response body; print JSON Lines"},
	{"poll", cmd_poll, NEED_CONFIG | NEED_STORE | NEED_SENTIMENT | NEED_ALERTS,
	 "[--source NAME]... [--all] [--dry-run] [--no-alerts]",
	 "poll due sources, store new mentions, score them, deliver alerts"},
	{"report", cmd_report, NEED_CONFIG | NEED_STORE,
	 "[--brand B] [--source S] [--since T] [--until T] [--by day|week|month] [--excel] [-o FILE]",
	 "write the brand reputation report (CSV): period x brand x source"},
	{"score", cmd_score, NEED_SENTIMENT, "[--lang en|tr|auto] [--model vader|hark] [--explain] [TEXT...]",
	 "score texts (arguments, or stdin one per line): compound neg neu pos label"},
	{"sources", cmd_sources, NEED_CONFIG | NEED_STORE, "", "show each source's state"},
	{"version", cmd_version, 0, "", "print hark's version"},
};

const size_t command_count = sizeof(commands) / sizeof(commands[0]);

const struct command *command_find(const char *name)
{
	size_t i;

	for (i = 0; i < command_count; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cmd_error(const char *fmt, ...)
{
	va_list ap;

	fputs("hark: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cmd_usage(const char *name)
{
	const struct command *c = command_find(name);

	if (c)
		fprintf(stderr, "usage: hark %s %s\n", c->name, c->usage);
	return EXIT_USAGE;
}

int cmd_flush_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cmd_error("write error on standard output: %s", strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

FILE *cmd_open_output(const char *path)
{
	FILE *fp;

	if (!path || !strcmp(path, "-"))
		return stdout;
	fp = fopen(path, "w");
	if (!fp)
		cmd_error("%s: %s", path, strerror(errno));
	return fp;
}

int cmd_lock(const char *db, const char *busy_msg, int *fd_out)
{
	struct buf path = {0};
	int fd;

	if (buf_printf(&path, "%s.lock", db) < 0)
		return EXIT_PARTIAL;
	fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		cmd_error("%s: %s", path.data, strerror(errno));
		buf_free(&path);
		return EXIT_PARTIAL;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (busy_msg)
			cmd_error("%s (%s)", busy_msg, path.data);
		close(fd);
		buf_free(&path);
		return EXIT_LOCKED;
	}
	buf_free(&path);
	*fd_out = fd;
	return 0;
}

int cmd_filter_arg(const struct hark_ctx *ctx, const char *opt, const char *val, struct mention_filter *f)
{
	int64_t t;

	if (!strcmp(opt, "--brand")) {
		f->brand = val;
	} else if (!strcmp(opt, "--source")) {
		f->source = val;
	} else if (!strcmp(opt, "--label")) {
		if (strcmp(val, "negative") && strcmp(val, "neutral") && strcmp(val, "positive")) {
			cmd_error("--label takes negative, neutral or positive");
			return -1;
		}
		f->label = val;
	} else if (!strcmp(opt, "--since") || !strcmp(opt, "--until")) {
		if (parse_time_arg(val, ctx->now, &t) < 0) {
			cmd_error("%s: not a time: '%s' (YYYY-MM-DD, RFC 3339, or an age such as 7d)", opt, val);
			return -1;
		}
		if (opt[2] == 's')
			f->since = t;
		else
			f->until = t;
	} else {
		return 0;
	}
	return 1;
}

static void usage_main(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: hark [-c CONFIG] [-d DATABASE] [-q|-v] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < command_count; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\nCONFIG defaults to $HARK_CONFIG, ./hark.conf, /etc/hark/hark.conf.\n"
	            "`hark help COMMAND` shows a command's options.\n");
}

static const char *find_config(const char *given, int *explicit)
{
	const char *e = getenv("HARK_CONFIG");

	*explicit = 1;
	if (given)
		return given;
	if (e && *e)
		return e;
	*explicit = 0;
	if (access("hark.conf", F_OK) == 0)
		return "hark.conf";
	if (access("/etc/hark/hark.conf", F_OK) == 0)
		return "/etc/hark/hark.conf";
	return NULL;
}

/* Load the config; print its errors. 0 ok, EXIT_USAGE on errors. */
static int setup_config(struct hark_ctx *ctx, int optional)
{
	struct buf errors = {0};
	int explicit, n;
	const char *path = find_config(ctx->config_path, &explicit);

	if (!path) {
		if (optional)
			return 0;
		cmd_error("no config: give -c FILE, set HARK_CONFIG, or create ./hark.conf");
		return EXIT_USAGE;
	}
	ctx->config_path = path;
	n = config_load(path, &ctx->cfg, &errors);
	if (n != 0) {
		fputs(errors.data ? errors.data : "", stderr);
		buf_free(&errors);
		config_free(&ctx->cfg);
		return EXIT_USAGE;
	}
	buf_free(&errors);
	ctx->have_config = 1;
	if (ctx->db_override) {
		free(ctx->cfg.database);
		ctx->cfg.database = xstrdup(ctx->db_override);
	}
	return 0;
}

static int setup(struct hark_ctx *ctx, int flags)
{
	char err[HARK_ERR_MAX];
	int rc;

	if (flags & NEED_ALERTS)
		flags |= NEED_CONFIG | NEED_STORE;
	if (flags & (NEED_CONFIG | OPTIONAL_CONFIG)) {
		rc = setup_config(ctx, !(flags & NEED_CONFIG));
		if (rc)
			return rc;
	}
	if (flags & NEED_STORE) {
		if (store_open(&ctx->st, ctx->cfg.database, err) < 0) {
			cmd_error("%s", err);
			return EXIT_PARTIAL;
		}
	}
	if (flags & NEED_SENTIMENT) {
		if (sentiment_load(&ctx->sent, NULL, err) < 0) {
			cmd_error("%s", err);
			return EXIT_PARTIAL;
		}
	}
	if (flags & NEED_ALERTS) {
		if (alerts_open(&ctx->al, &ctx->cfg, ctx->st, ctx->sent, err) < 0) {
			cmd_error("%s", err);
			return EXIT_PARTIAL;
		}
	}
	return 0;
}

static void teardown(struct hark_ctx *ctx)
{
	alerts_close(ctx->al);
	sentiment_free(ctx->sent);
	store_close(ctx->st);
	if (ctx->have_config)
		config_free(&ctx->cfg);
}

int main(int argc, char **argv)
{
	struct hark_ctx ctx;
	const struct command *c;
	int i, rc;

	memset(&ctx, 0, sizeof(ctx));
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if ((!strcmp(a, "-c") || !strcmp(a, "--config")) && i + 1 < argc)
			ctx.config_path = argv[++i];
		else if ((!strcmp(a, "-d") || !strcmp(a, "--database")) && i + 1 < argc)
			ctx.db_override = argv[++i];
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			ctx.quiet = 1;
		else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
			ctx.verbose++;
		else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage_main(stdout);
			return cmd_flush_stdout() ? EXIT_PARTIAL : EXIT_OK;
		} else if (!strcmp(a, "--version")) {
			return cmd_version(&ctx, 0, NULL);
		} else {
			cmd_error("unknown option '%s'", a);
			usage_main(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage_main(stderr);
		return EXIT_USAGE;
	}
	c = command_find(argv[i]);
	if (!c) {
		cmd_error("unknown command '%s' (see `hark help`)", argv[i]);
		return EXIT_USAGE;
	}
	ctx.now = hark_now();
	rc = setup(&ctx, c->flags);
	if (rc == 0)
		rc = c->fn(&ctx, argc - i, argv + i);
	teardown(&ctx);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cmd_error("write error on standard output");
		if (rc == 0)
			rc = EXIT_PARTIAL;
	}
	return rc;
}
