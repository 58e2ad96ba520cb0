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
	{"adapters", cmd_adapters, 0, "[NAME]", "list the compiled-in adapters and their parameters",
	 "Without NAME, every adapter; with NAME, that one. Parameters marked\n"
	 "(required) must be given; (secret) ones are masked in errors and output.\n"
	 "Every source also takes adapter, brand, match, every, lang, backfill,\n"
	 "max_pages and alert_baseline."},
	{"alerts", cmd_alerts, NEED_CONFIG | NEED_STORE | NEED_SENTIMENT | NEED_ALERTS,
	 "list [--pending|--failed|--dead|--sent|--all] | send | retry ID | test NAME",
	 "show the alert outbox, deliver what is due, queue a row again, send a test message",
	 "list      the outbox, newest first: id, state, alert, attempts, next attempt,\n"
	 "          last error (--pending, --failed, --dead, --sent, or --all states)\n"
	 "send      deliver what is due now (a running poll does this itself: exit 75)\n"
	 "retry ID  queue a failed or dead row again\n"
	 "test NAME send a test message through alert rule NAME"},
	{"check", cmd_check, 0, "", "validate the config; every error as FILE:LINE: message",
	 "Reads the config (-c, $HARK_CONFIG, ./hark.conf, /etc/hark/hark.conf) and\n"
	 "reports every error, not just the first, as FILE:LINE: message: unknown\n"
	 "sections and keys, missing parameters, unknown adapters and alert types,\n"
	 "bad URLs, durations and sizes, unset ${ENV} variables. Exit 2 on errors."},
	{"export", cmd_export, NEED_CONFIG | NEED_STORE | ENV_OPTIONAL,
	 "[--brand B] [--source S] [--since T] [--until T] [--label L] [--format csv|jsonl] [--excel] [-o FILE]",
	 "write the stored mentions as CSV or JSON Lines",
	 "--brand B, --source S      only this brand / source\n"
	 "--since T, --until T       published (else fetched) in [since, until);\n"
	 "                           T is YYYY-MM-DD, RFC 3339, or an age: 7d, 12h\n"
	 "--label L                  negative, neutral or positive\n"
	 "--format csv|jsonl         CSV (default) or JSON Lines\n"
	 "--excel                    CSV with a UTF-8 BOM, ; separator, decimal comma\n"
	 "-o FILE                    write to FILE instead of standard output\n"
	 "CSV columns: id,published_at,fetched_at,brand,source,adapter,author,rating,\n"
	 "lang,sentiment,label,title,text,url. Cells starting with = + - @ TAB CR\n"
	 "get a leading ' so spreadsheets never evaluate them."},
	{"help", cmd_help, 0, "[COMMAND]", "show help for hark or one command",
	 NULL},
	{"init", cmd_init, NEED_CONFIG | NEED_STORE | ENV_OPTIONAL, "", "create or migrate the database (idempotent)",
	 "Creates the database named by [hark] database (or -d) and brings its\n"
	 "schema up to date. Safe to run any number of times."},
	{"parse", cmd_parse, 0, "ADAPTER [--param K=V]... [--content-type T] [FILE]",
	 "run an adapter's parser on a saved response body; print JSON Lines",
	 "--param K=V          an adapter parameter (as in a [source] section)\n"
	 "--content-type T     the response's Content-Type (its charset is used)\n"
	 "--cursor C           the stored cursor the parser sees\n"
	 "FILE                 the body (standard input when absent or -)\n"
	 "No network. Prints one JSON object per mention (id, author, title, text,\n"
	 "url, rating, lang, published_at); -v also prints the next cursor and page."},
	{"poll", cmd_poll, NEED_CONFIG | NEED_STORE | NEED_SENTIMENT | NEED_ALERTS,
	 "[--source NAME]... [--all] [--dry-run] [--no-alerts]",
	 "poll due sources, store new mentions, score them, deliver alerts",
	 "--source NAME   poll this source (repeatable) whether due or not\n"
	 "--all           poll every source whether due or not\n"
	 "--dry-run       fetch and parse, print the mentions as JSON Lines, store nothing\n"
	 "--no-alerts     store and score, but queue and deliver no alerts\n"
	 "The cron entry point: silent on success unless -v; exit 1 when a source or\n"
	 "a delivery failed (each named on stderr), 75 when another poll is running."},
	{"report", cmd_report, NEED_CONFIG | NEED_STORE | ENV_OPTIONAL,
	 "[--brand B] [--source S] [--since T] [--until T] [--by day|week|month] [--excel] [-o FILE]",
	 "write the brand reputation report (CSV): period x brand x source",
	 "--brand B, --source S, --since T, --until T, --label L   as for export\n"
	 "--by day|week|month   the period (UTC; weeks are ISO weeks, 2026-W47)\n"
	 "--excel, -o FILE      as for export\n"
	 "Columns: period,brand,source,mentions,positive,neutral,negative,\n"
	 "negative_share,net_sentiment,avg_sentiment,rated,avg_rating,alerts;\n"
	 "net_sentiment = (positive - negative) / mentions x 100."},
	{"score", cmd_score, NEED_SENTIMENT, "[--lang en|tr|auto] [--model vader|hark] [--explain] [TEXT...]",
	 "score texts (arguments, or stdin one per line): compound neg neu pos label",
	 "--lang en|tr|auto     the language (auto: detect per text; default)\n"
	 "--model vader|hark    VADER as published, or hark's (default: emoji,\n"
	 "                      e-commerce words; Turkish always uses hark's)\n"
	 "--explain             each token's contribution and the rule that set it\n"
	 "Prints compound<TAB>neg<TAB>neu<TAB>pos<TAB>label per text."},
	{"sources", cmd_sources, NEED_CONFIG | NEED_STORE | ENV_OPTIONAL, "", "show each source's state",
	 "For each configured source: adapter, last poll, last success, next due,\n"
	 "mentions stored and the last error (secrets masked)."},
	{"version", cmd_version, 0, "", "print hark's version",
	 NULL},
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
		fprintf(stderr, "usage: hark %s%s%s\n", c->name, *c->usage ? " " : "", c->usage);
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

int cmd_listing_args(const struct hark_ctx *ctx, const char *name, int argc, char **argv,
                     struct listing_opts *lo, int (*extra)(const char *opt, const char *val, void *c),
                     void *c)
{
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--excel")) {
			lo->excel = 1;
			continue;
		}
		if (!v)
			return cmd_usage(name);
		i++;
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			lo->out = v;
			continue;
		}
		rc = cmd_filter_arg(ctx, a, v, lo->f);
		if (rc == 0 && extra)
			rc = extra(a, v, c);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc == 0) {
			cmd_error("%s: unknown option '%s'", name, a);
			return cmd_usage(name);
		}
	}
	return 0;
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
static int setup_config(struct hark_ctx *ctx, int optional, int env_optional)
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
	n = config_load_flags(path, &ctx->cfg, &errors, env_optional ? CONFIG_ENV_OPTIONAL : 0);
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
		rc = setup_config(ctx, !(flags & NEED_CONFIG), flags & ENV_OPTIONAL);
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
	/* `hark poll --help` is `hark help poll`, whatever else is given */
	{
		int k;
		for (k = i + 1; k < argc && strcmp(argv[k], "--"); k++)
			if (!strcmp(argv[k], "-h") || !strcmp(argv[k], "--help")) {
				char *hargv[] = {"help", (char *)c->name, NULL};
				return cmd_help(&ctx, 2, hargv);
			}
	}
	/* -v and -q may also follow the command (`hark poll -v`). */
	{
		int k, o = i + 1;
		for (k = i + 1; k < argc; k++) {
			if (!strcmp(argv[k], "-v") || !strcmp(argv[k], "--verbose"))
				ctx.verbose++;
			else if (!strcmp(argv[k], "-q") || !strcmp(argv[k], "--quiet"))
				ctx.quiet = 1;
			else
				argv[o++] = argv[k];
		}
		argc = o;
		argv[argc] = NULL;
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
