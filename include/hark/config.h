/* config.h - hark.conf (SPEC 4), parsed with inih. */
#ifndef HARK_CONFIG_H
#define HARK_CONFIG_H

#include <stdint.h>
#include "hark/util.h"

struct adapter;

struct cfg_brand {
	char *name;
	int line;
	char **keywords; size_t nkeywords;
	char **exclude; size_t nexclude;
	char **languages; size_t nlanguages;
};

struct cfg_source {
	char *name;
	int line;
	const struct adapter *adapter;
	char *brand;        /* NULL when the source names none */
	int match_all;      /* match = all */
	int64_t every;      /* seconds between polls */
	char *lang;         /* NULL = auto */
	int backfill;       /* pages to take on the first poll (default 1) */
	int max_pages;      /* pages per poll at most (default 10) */
	int alert_baseline; /* alert on the first poll's items too (default 0) */
	struct kvlist params; /* adapter parameters, ${ENV} expanded */
};

/* [alert NAME]: keys are kept as given (with lines) and checked by the
 * alerts module, which owns their meaning. */
struct cfg_alert {
	char *name;
	int line;
	struct kvlist params;
};

struct config {
	char *path;        /* as given */
	char *dir;         /* folder relative paths resolve against */
	char *database;    /* absolute or relative to cwd, resolved */
	char *user_agent;
	int jobs;
	int64_t timeout;   /* seconds per transfer */
	int64_t max_body;  /* bytes */
	char *timezone;    /* [hark] timezone, NULL = system */
	struct cfg_brand *brands; size_t nbrands;
	struct cfg_source *sources; size_t nsources;
	struct cfg_alert *alerts; size_t nalerts;
	char **secrets; size_t nsecrets; /* values that came from ${ENV} */
};

/* Load and validate. Errors go to errors as "FILE:LINE: message\n" lines,
 * all of them, not just the first; returns the number of errors (0 = ok) or
 * -1 when the file cannot be read at all (message in errors). */
int config_load(const char *path, struct config *cfg, struct buf *errors);
/* CONFIG_ENV_OPTIONAL: an unset ${NAME} is left as written, without an
 * error, for commands that only read the database (export, report, ...). */
enum { CONFIG_ENV_OPTIONAL = 1 };
int config_load_flags(const char *path, struct config *cfg, struct buf *errors, int flags);
void config_free(struct config *cfg);

const struct cfg_brand *config_brand(const struct config *cfg, const char *name);
const struct cfg_source *config_source(const struct config *cfg, const char *name);

/* Resolve path against the config's folder (caller frees). */
char *config_path(const struct config *cfg, const char *path);

/* Copy of s with every value that came from ${ENV} (other than absolute
 * paths) replaced by ***: errors and state never show secrets. */
char *config_mask(const struct config *cfg, const char *s);

/* Expand ${NAME} from the environment. Unset variables are an error. */
char *config_expand_env(const char *value, char *err);

#endif
