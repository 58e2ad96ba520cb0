/* cmd.h - the command table and what the dispatcher sets up for a command.
 *
 * Adding a command: write cmd/NAME.c with `int cmd_NAME(struct hark_ctx *,
 * int argc, char **argv)` (argv[0] is the command name), add one line to
 * the table in cmd/hark.c (kept sorted; a unit test checks), say in
 * .flags what it needs, and document it in `usage`/`summary`, the README
 * and etc/man/hark.1. Only cmd/ prints usage or exits. */
#ifndef HARK_CMD_H
#define HARK_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "hark/config.h"

/* Exit codes (SPEC 3). */
enum { EXIT_OK = 0, EXIT_PARTIAL = 1, EXIT_USAGE = 2, EXIT_LOCKED = 75 };

enum {
	NEED_CONFIG = 1 << 0,    /* load and validate the config (exit 2 on errors) */
	NEED_STORE = 1 << 1,     /* open and migrate the database */
	NEED_SENTIMENT = 1 << 2, /* load the lexicons */
	NEED_ALERTS = 1 << 3,    /* open the alert rules (implies config, store) */
	OPTIONAL_CONFIG = 1 << 4, /* load the config if one is found, else go on */
	ENV_OPTIONAL = 1 << 5     /* secrets (${ENV}) may be unset: reads the database only */
};

struct store;
struct sentiment;
struct alerts;

struct hark_ctx {
	const char *config_path; /* -c, $HARK_CONFIG, ./hark.conf, /etc/hark/hark.conf */
	const char *db_override; /* -d */
	int verbose, quiet;
	int have_config;
	struct config cfg;
	struct store *st;
	struct sentiment *sent;
	struct alerts *al;
	int64_t now;
};

struct command {
	const char *name;
	int (*fn)(struct hark_ctx *ctx, int argc, char **argv);
	int flags;
	const char *usage;   /* arguments after the name */
	const char *summary;
	const char *help;    /* options explained, for `hark help NAME`; may be NULL */
};

extern const struct command commands[];
extern const size_t command_count;
const struct command *command_find(const char *name);

/* Print "hark NAME: usage: ..." to stderr and return EXIT_USAGE. */
int cmd_usage(const char *name);
/* Print "hark: " + message to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Flush stdout and report a write error (ENOSPC, EIO); returns 0 or -1. */
int cmd_flush_stdout(void);
/* Open -o FILE (or stdout when NULL or "-") for writing. */
FILE *cmd_open_output(const char *path);

/* Take the database's poll lock (DB.lock, flock). 0 with *fd set,
 * EXIT_LOCKED when held elsewhere (busy_msg printed unless NULL), or
 * EXIT_PARTIAL. Closing fd releases it. */
int cmd_lock(const char *db, const char *busy_msg, int *fd_out);

struct mention_filter;
/* The shared filter options --brand, --source, --label, --since, --until:
 * 1 when opt was one (f updated), 0 when it is not a filter option, -1 on a
 * bad value (message printed). */
int cmd_filter_arg(const struct hark_ctx *ctx, const char *opt, const char *val,
                   struct mention_filter *f);

/* The options of the listing commands (export, report): the filters,
 * --excel and -o FILE, plus the command's own through extra(), which
 * returns 1 when it took opt, 0 when opt is not its own, -1 on a bad value
 * (message printed). 0, or EXIT_USAGE with the usage printed. */
struct listing_opts {
	struct mention_filter *f;
	int excel;
	const char *out;
};
int cmd_listing_args(const struct hark_ctx *ctx, const char *name, int argc, char **argv,
                     struct listing_opts *lo, int (*extra)(const char *opt, const char *val, void *c),
                     void *c);

int cmd_adapters(struct hark_ctx *, int, char **);
int cmd_alerts(struct hark_ctx *, int, char **);
int cmd_check(struct hark_ctx *, int, char **);
int cmd_export(struct hark_ctx *, int, char **);
int cmd_help(struct hark_ctx *, int, char **);
int cmd_init(struct hark_ctx *, int, char **);
int cmd_parse(struct hark_ctx *, int, char **);
int cmd_poll(struct hark_ctx *, int, char **);
int cmd_report(struct hark_ctx *, int, char **);
int cmd_score(struct hark_ctx *, int, char **);
int cmd_sources(struct hark_ctx *, int, char **);
int cmd_version(struct hark_ctx *, int, char **);

#endif
