/* config.c - hark.conf: inih does the INI syntax, this file the meaning.
 * Every error is collected as "FILE:LINE: message", not just the first. */
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hark/adapter.h"
#include "hark/alerts.h"
#include "hark/config.h"
#include "hark/htime.h"

/* A section as read, before it is given meaning. */
struct raw_section {
	char *type; /* "hark", "brand", "source", "alert" */
	char *name; /* NULL for [hark] */
	int line;
	struct kvlist keys;
};

struct reader {
	FILE *fp;
	const char *file;
	int line;
	int section_line;
	int long_line; /* line number of a line longer than inih's buffer */
	int flags;     /* CONFIG_ENV_OPTIONAL */
	struct raw_section *secs;
	size_t nsecs;
	char *cur_header; /* section header text of the current raw section */
	struct buf *errors;
	int nerrors;
	int oom;
	const struct config *cfg; /* its ${ENV} values are masked in errors */
};

static void cfg_err(struct reader *r, int line, const char *fmt, ...) HARK_PRINTF(3, 4);

static void cfg_err(struct reader *r, int line, const char *fmt, ...)
{
	char msg[HARK_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char *m = r->cfg ? config_mask(r->cfg, msg) : NULL;
	if (r->cfg && !m)
		buf_printf(r->errors, "%s:%d: (out of memory writing this error)\n", r->file, line);
	else
		buf_printf(r->errors, "%s:%d: %s\n", r->file, line, m ? m : msg);
	free(m);
	r->nerrors++;
}

/* inih reads line by line through this, which lets us count lines and
 * notice section headers and over-long lines (inih would cut them). */
static struct raw_section *section_for(struct reader *r, const char *header);

static char *line_reader(char *str, int num, void *stream)
{
	struct reader *r = stream;
	char *s = fgets(str, num, r->fp);
	size_t len;
	const char *p;

	if (!s)
		return NULL;
	r->line++;
	len = strlen(s);
	if (len == (size_t)num - 1 && s[len - 1] != '\n' && !feof(r->fp)) {
		int c;
		if (!r->long_line)
			r->long_line = r->line;
		while ((c = fgetc(r->fp)) != EOF && c != '\n')
			;
	}
	for (p = s; IS_SPACE(*p); p++)
		;
	if (*p == '[') {
		/* Note the section now, as inih names it (the text between the
		 * brackets), so that one without keys is checked too. */
		const char *close = strchr(p + 1, ']');
		r->section_line = r->line;
		if (close) {
			char *header = xstrndup(p + 1, (size_t)(close - p - 1));
			if (!header || (*header && !section_for(r, header)))
				r->oom = 1;
			free(header);
		}
	}
	return s;
}

static struct raw_section *section_for(struct reader *r, const char *header)
{
	struct raw_section *s, *ns;
	const char *sp;

	/* The same header again further down is a new (duplicate) section. */
	if (r->nsecs && strcmp(r->cur_header, header) == 0 &&
	    (!r->section_line || r->secs[r->nsecs - 1].line == r->section_line))
		return &r->secs[r->nsecs - 1];
	ns = realloc(r->secs, (r->nsecs + 1) * sizeof(*ns));
	if (!ns)
		return NULL;
	r->secs = ns;
	s = &r->secs[r->nsecs];
	memset(s, 0, sizeof(*s));
	sp = strchr(header, ' ');
	if (sp) {
		const char *n = sp;
		while (*n == ' ')
			n++;
		s->type = xstrndup(header, (size_t)(sp - header));
		s->name = xstrdup(n);
	} else {
		s->type = xstrdup(header);
	}
	s->line = r->section_line ? r->section_line : r->line;
	free(r->cur_header);
	r->cur_header = xstrdup(header);
	if (!s->type || !r->cur_header || (sp && !s->name))
		return NULL;
	r->nsecs++;
	return s;
}

static int handle_key(void *user, const char *section, const char *name, const char *value)
{
	struct reader *r = user;
	struct raw_section *s;

	if (!*section) {
		cfg_err(r, r->line, "'%s' is outside any [section]", name);
		return 1;
	}
	s = section_for(r, section);
	if (!s) {
		r->oom = 1;
		return 0;
	}
	if (kvlist_find(&s->keys, name)) {
		cfg_err(r, r->line, "duplicate key '%s' in [%s]", name, section);
		return 1;
	}
	if (kvlist_add(&s->keys, name, value, r->line) < 0) {
		r->oom = 1;
		return 0;
	}
	return 1;
}

char *config_expand_env(const char *value, char *err)
{
	struct buf b = {0};
	const char *p = value, *end;

	while (*p) {
		if (p[0] == '$' && p[1] == '{' && (end = strchr(p + 2, '}'))) {
			char *name = xstrndup(p + 2, (size_t)(end - p - 2));
			const char *v = name ? getenv(name) : NULL;
			if (!name) {
				buf_free(&b);
				errf(err, "out of memory");
				return NULL;
			}
			if (!v) {
				errf(err, "environment variable %s is not set", name);
				free(name);
				buf_free(&b);
				return NULL;
			}
			free(name);
			if (buf_puts(&b, v) < 0)
				goto oom;
			p = end + 1;
			continue;
		}
		if (buf_putc(&b, *p++) < 0)
			goto oom;
	}
	return buf_detach(&b);
oom:
	buf_free(&b);
	errf(err, "out of memory");
	return NULL;
}

static int is_url(const char *u, int allow_file)
{
	const char *p;

	if (strncmp(u, "http://", 7) == 0)
		p = u + 7;
	else if (strncmp(u, "https://", 8) == 0)
		p = u + 8;
	else if (allow_file && strncmp(u, "file://", 7) == 0)
		return u[7] == '/';
	else
		return 0;
	if (!*p || *p == '/' || *p == ':')
		return 0;
	for (; *p; p++)
		if (IS_SPACE(*p))
			return 0;
	return 1;
}

char *config_path(const struct config *cfg, const char *path)
{
	struct buf b = {0};

	if (path[0] == '/' || !cfg->dir)
		return xstrdup(path);
	if (buf_printf(&b, "%s/%s", cfg->dir, path) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}


/* Expand ${ENV} in every value of a section, reporting unset variables. */
/* Remember the values of the variables named in value, to mask them. */
static void note_secrets(struct config *cfg, const char *value)
{
	const char *p = value, *end;

	while ((p = strstr(p, "${")) && (end = strchr(p + 2, '}'))) {
		char *name = xstrndup(p + 2, (size_t)(end - p - 2));
		const char *v = name ? getenv(name) : NULL;
		char **ns;
		free(name);
		p = end + 1;
		if (!v || strlen(v) < 4 || v[0] == '/')
			continue;
		ns = realloc(cfg->secrets, (cfg->nsecrets + 1) * sizeof(*ns));
		if (!ns)
			return;
		cfg->secrets = ns;
		if ((ns[cfg->nsecrets] = strdup(v)) != NULL)
			cfg->nsecrets++;
	}
}

char *config_mask(const struct config *cfg, const char *s)
{
	struct buf b = {0};
	const char *p = s;
	size_t i;

	if (!s)
		return NULL;
	while (*p) {
		size_t hit = 0;
		for (i = 0; i < cfg->nsecrets; i++) {
			size_t n = strlen(cfg->secrets[i]);
			if (n > hit && strncmp(p, cfg->secrets[i], n) == 0)
				hit = n;
		}
		if (hit ? buf_puts(&b, "***") : buf_putc(&b, *p)) {
			buf_free(&b);
			return NULL;
		}
		p += hit ? hit : 1;
	}
	return buf_detach(&b);
}

static void expand_section(struct reader *r, struct config *cfg, struct raw_section *s)
{
	size_t i;
	char err[HARK_ERR_MAX];

	for (i = 0; i < s->keys.n; i++) {
		struct kv *kv = &s->keys.items[i];
		char *v;
		if (!strstr(kv->value, "${"))
			continue;
		v = config_expand_env(kv->value, err);
		if (!v && (r->flags & CONFIG_ENV_OPTIONAL)) {
			/* Left as written: checks skip values with ${...} in them,
			 * and these commands never send anything. */
			continue;
		} else if (!v) {
			cfg_err(r, kv->line, "%s: %s", kv->key, err);
			continue;
		}
		note_secrets(cfg, kv->value);
		free(kv->value);
		kv->value = v;
	}
}

static void load_hark(struct reader *r, struct config *cfg, struct raw_section *s)
{
	size_t i;

	for (i = 0; i < s->keys.n; i++) {
		const struct kv *kv = &s->keys.items[i];
		long n;
		int64_t v;

		if (!strcmp(kv->key, "database")) {
			free(cfg->database);
			cfg->database = config_path(cfg, kv->value);
		} else if (!strcmp(kv->key, "user_agent")) {
			free(cfg->user_agent);
			cfg->user_agent = xstrdup(kv->value);
		} else if (!strcmp(kv->key, "jobs")) {
			if (parse_int(kv->value, 1, 64, &n) < 0)
				cfg_err(r, kv->line, "jobs: expected a number from 1 to 64, got '%s'", kv->value);
			else
				cfg->jobs = (int)n;
		} else if (!strcmp(kv->key, "timeout")) {
			if (parse_duration(kv->value, &v) < 0 || v < 1)
				cfg_err(r, kv->line, "timeout: expected a duration such as 30 or 2m, got '%s'", kv->value);
			else
				cfg->timeout = v;
		} else if (!strcmp(kv->key, "max_body")) {
			if (parse_size(kv->value, &v) < 0 || v < 1024)
				cfg_err(r, kv->line, "max_body: expected a size such as 8M, got '%s'", kv->value);
			else
				cfg->max_body = v;
		} else if (!strcmp(kv->key, "timezone")) {
			free(cfg->timezone);
			cfg->timezone = xstrdup(kv->value);
		} else {
			cfg_err(r, kv->line, "unknown key '%s' in [hark] (known: database, user_agent, jobs, timeout, max_body, timezone)", kv->key);
		}
	}
}

static void load_brand(struct reader *r, struct cfg_brand *b, struct raw_section *s)
{
	size_t i;

	b->name = xstrdup(s->name);
	b->line = s->line;
	for (i = 0; i < s->keys.n; i++) {
		const struct kv *kv = &s->keys.items[i];
		if (!strcmp(kv->key, "keywords")) {
			b->keywords = strv_split_list(kv->value, &b->nkeywords);
			if (b->keywords && !b->nkeywords)
				cfg_err(r, kv->line, "keywords: empty list");
		} else if (!strcmp(kv->key, "exclude")) {
			b->exclude = strv_split_list(kv->value, &b->nexclude);
		} else if (!strcmp(kv->key, "languages")) {
			b->languages = strv_split_list(kv->value, &b->nlanguages);
		} else {
			cfg_err(r, kv->line, "unknown key '%s' in [brand %s] (known: keywords, exclude, languages)", kv->key, s->name);
		}
	}
	if (!b->keywords && !kvlist_find(&s->keys, "keywords"))
		cfg_err(r, s->line, "[brand %s] needs keywords =", s->name);
}

static const char *const source_keys[] = {
	"adapter", "alert_baseline", "backfill", "brand", "every", "lang", "match", "max_pages",
};

static int is_source_key(const char *k)
{
	size_t i;

	for (i = 0; i < sizeof(source_keys) / sizeof(source_keys[0]); i++)
		if (!strcmp(source_keys[i], k))
			return 1;
	return 0;
}

static const struct adapter_param *adapter_param_def(const struct adapter *a, const char *name)
{
	const struct adapter_param *p;

	for (p = a->params; p && p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

struct source_check {
	struct reader *r;
	const struct config *cfg;
	const struct cfg_source *src;
};

/* An adapter check's problem, at the line of the parameter it names (the
 * value it quotes may come from a secret ${ENV}). */
static void source_problem(void *ctx, const char *param, const char *msg)
{
	struct source_check *sc = ctx;
	const struct kv *kv = param ? kvlist_find(&sc->src->params, param) : NULL;
	char *m = config_mask(sc->cfg, msg);

	if (!m) {
		sc->r->oom = 1;
		return;
	}
	cfg_err(sc->r, kv && kv->line ? kv->line : sc->src->line, "[source %s] %s", sc->src->name, m);
	free(m);
}

static void load_source(struct reader *r, struct config *cfg, struct cfg_source *src, struct raw_section *s)
{
	const struct kv *kv;
	const struct adapter_param *p;
	size_t i;
	long n;

	src->name = xstrdup(s->name);
	src->line = s->line;
	src->every = 1800;
	src->backfill = 1;
	src->max_pages = 10;
	kv = kvlist_find(&s->keys, "adapter");
	if (!kv) {
		cfg_err(r, s->line, "[source %s] needs adapter = (see `hark adapters`)", s->name);
	} else if (!(src->adapter = adapter_find(kv->value))) {
		cfg_err(r, kv->line, "unknown adapter '%s' (see `hark adapters`)", kv->value);
	}
	for (i = 0; i < s->keys.n; i++) {
		kv = &s->keys.items[i];
		if (!strcmp(kv->key, "adapter")) {
			continue;
		} else if (!strcmp(kv->key, "brand")) {
			src->brand = xstrdup(kv->value);
			if (!config_brand(cfg, kv->value))
				cfg_err(r, kv->line, "unknown brand '%s' (no [brand %s] section)", kv->value, kv->value);
		} else if (!strcmp(kv->key, "match")) {
			if (!strcmp(kv->value, "all"))
				src->match_all = 1;
			else if (strcmp(kv->value, "keywords"))
				cfg_err(r, kv->line, "match: expected 'all' or 'keywords', got '%s'", kv->value);
		} else if (!strcmp(kv->key, "every")) {
			if (parse_duration(kv->value, &src->every) < 0)
				cfg_err(r, kv->line, "every: expected a duration such as 30m, got '%s'", kv->value);
		} else if (!strcmp(kv->key, "lang")) {
			/* the scoring language; an adapter with a lang parameter of
			 * its own (bluesky's filter, appstore's label) gets it too,
			 * and may take any language code */
			int own = src->adapter && adapter_param_def(src->adapter, "lang") != NULL;
			int known = !strcmp(kv->value, "en") || !strcmp(kv->value, "tr");
			if (!known && strcmp(kv->value, "auto") && !own)
				cfg_err(r, kv->line, "lang: expected en, tr or auto, got '%s'", kv->value);
			else if (known)
				src->lang = xstrdup(kv->value);
			if (own && strcmp(kv->value, "auto") && kvlist_add(&src->params, kv->key, kv->value, kv->line) < 0)
				r->oom = 1;
		} else if (!strcmp(kv->key, "backfill")) {
			if (parse_int(kv->value, 0, 100, &n) < 0)
				cfg_err(r, kv->line, "backfill: expected pages from 0 to 100, got '%s'", kv->value);
			else
				src->backfill = (int)n;
		} else if (!strcmp(kv->key, "max_pages")) {
			if (parse_int(kv->value, 1, 1000, &n) < 0)
				cfg_err(r, kv->line, "max_pages: expected a number from 1 to 1000, got '%s'", kv->value);
			else
				src->max_pages = (int)n;
		} else if (!strcmp(kv->key, "alert_baseline")) {
			if (parse_bool(kv->value, &src->alert_baseline) < 0)
				cfg_err(r, kv->line, "alert_baseline: expected yes or no, got '%s'", kv->value);
		} else if (src->adapter) {
			p = adapter_param_def(src->adapter, kv->key);
			if (!p) {
				cfg_err(r, kv->line, "unknown key '%s' for adapter %s (see `hark adapters`)", kv->key, src->adapter->name);
				continue;
			}
			/* An unset ${ENV} was reported already; one error per cause. */
			if ((p->flags & ADAPTER_PARAM_URL) && !strstr(kv->value, "${") && !is_url(kv->value, 1))
				cfg_err(r, kv->line, "%s: not an http, https or file URL: '%s'", kv->key, kv->value);
			if (kvlist_add(&src->params, kv->key, kv->value, kv->line) < 0)
				r->oom = 1;
		}
	}
	if (!src->brand) {
		if (cfg->nbrands == 1)
			src->brand = xstrdup(cfg->brands[0].name);
		else if (!src->match_all || cfg->nbrands > 1)
			cfg_err(r, s->line, "[source %s] needs brand = (%s)", s->name,
			        cfg->nbrands ? "more than one brand is defined" : "no [brand] section is defined");
	}
	if (src->adapter) {
		for (p = src->adapter->params; p && p->name; p++)
			if ((p->flags & ADAPTER_PARAM_REQUIRED) && !kvlist_find(&src->params, p->name))
				cfg_err(r, s->line, "[source %s] adapter %s needs %s = (%s)", s->name,
				        src->adapter->name, p->name, p->help);
		adapter_check_all(src->adapter, &src->params, source_problem, &(struct source_check){r, cfg, src});
	}
	(void)is_source_key;
}

/* An alert's brands and sources must name sections of this config. */
static void check_alert_names(struct reader *r, const struct config *cfg, const struct cfg_alert *a)
{
	static const char *const keys[] = {"brands", "sources"};
	size_t k, i, n;

	for (k = 0; k < 2; k++) {
		const struct kv *kv = kvlist_find(&a->params, keys[k]);
		char **names;
		if (!kv)
			continue;
		names = strv_split_list(kv->value, &n);
		for (i = 0; names && i < n; i++)
			if (k == 0 ? !config_brand(cfg, names[i]) : !config_source(cfg, names[i]))
				cfg_err(r, kv->line, "%s: no [%s %s] in this config", keys[k],
				        k == 0 ? "brand" : "source", names[i]);
		strv_free(names);
	}
}

static void raw_free(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nsecs; i++) {
		free(r->secs[i].type);
		free(r->secs[i].name);
		kvlist_free(&r->secs[i].keys);
	}
	free(r->secs);
	free(r->cur_header);
}

static int valid_name(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!(IS_ALPHA(*s) || IS_DIGIT(*s) || *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

struct err_line {
	long line;
	size_t order;
	const char *text;
	size_t len;
};

static int err_line_cmp(const void *a, const void *b)
{
	const struct err_line *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Errors are found section by section, pass by pass; a person reads the
 * file top to bottom, so list them by line (stable). */
static void sort_errors(struct buf *errors, size_t start, const char *path)
{
	struct err_line *v = NULL, *nv;
	struct buf sorted = {0};
	size_t n = 0, i, plen = strlen(path);
	const char *p, *end;

	if (!errors->data || errors->len <= start)
		return;
	end = errors->data + errors->len;
	for (p = errors->data + start; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t len = eol ? (size_t)(eol - p) + 1 : (size_t)(end - p);
		nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv) {
			free(v);
			return;
		}
		v = nv;
		v[n].line = (len > plen + 1 && !strncmp(p, path, plen) && p[plen] == ':') ?
		            strtol(p + plen + 1, NULL, 10) : 0;
		v[n].order = n;
		v[n].text = p;
		v[n].len = len;
		n++;
		p += len;
	}
	qsort(v, n, sizeof(*v), err_line_cmp);
	for (i = 0; i < n; i++)
		if (buf_append(&sorted, v[i].text, v[i].len) < 0)
			break;
	if (i == n && sorted.len == errors->len - start)
		memcpy(errors->data + start, sorted.data, sorted.len);
	buf_free(&sorted);
	free(v);
}

int config_load(const char *path, struct config *cfg, struct buf *errors)
{
	return config_load_flags(path, cfg, errors, 0);
}

int config_load_flags(const char *path, struct config *cfg, struct buf *errors, int flags)
{
	struct reader r = {0};
	const char *slash;
	size_t i, j;
	int rc;

	size_t start = errors->len;

	memset(cfg, 0, sizeof(*cfg));
	cfg->path = xstrdup(path);
	slash = strrchr(path, '/');
	cfg->dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	cfg->jobs = 8;
	cfg->timeout = 30;
	cfg->max_body = 8 << 20;
	cfg->user_agent = xstrdup("hark/" HARK_VERSION);
	cfg->database = config_path(cfg, "hark.db");
	r.file = path;
	r.errors = errors;
	r.flags = flags;
	r.cfg = cfg;
	r.fp = fopen(path, "r");
	if (!r.fp) {
		buf_printf(errors, "%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	rc = ini_parse_stream(line_reader, &r, handle_key, &r);
	fclose(r.fp);
	if (r.oom) {
		buf_printf(errors, "%s: out of memory\n", path);
		raw_free(&r);
		return -1;
	}
	if (rc > 0)
		cfg_err(&r, rc, "syntax error (expected [section], key = value, or a ; comment)");
	if (r.long_line)
		cfg_err(&r, r.long_line, "line too long");

	/* Sections in dependency order: [hark] and brands before sources. */
	for (i = 0; i < r.nsecs; i++) {
		struct raw_section *s = &r.secs[i];
		expand_section(&r, cfg, s);
		if (!strcmp(s->type, "hark")) {
			if (s->name)
				cfg_err(&r, s->line, "[hark] takes no name");
			load_hark(&r, cfg, s);
		} else if (!strcmp(s->type, "brand") || !strcmp(s->type, "source") || !strcmp(s->type, "alert")) {
			if (!valid_name(s->name)) {
				cfg_err(&r, s->line, "[%s] needs a name of letters, digits, '-', '_' or '.'", s->type);
				s->type[0] = '\0';
			}
			for (j = 0; j < i && s->type[0]; j++)
				if (!strcmp(r.secs[j].type, s->type) && str_eq(r.secs[j].name, s->name))
					cfg_err(&r, s->line, "duplicate section [%s %s] (first at line %d)", s->type, s->name, r.secs[j].line);
		} else {
			cfg_err(&r, s->line, "unknown section [%s%s%s] (known: hark, brand NAME, source NAME, alert NAME)",
			        s->type, s->name ? " " : "", s->name ? s->name : "");
		}
	}
	for (i = 0; i < r.nsecs; i++) {
		struct raw_section *s = &r.secs[i];
		struct cfg_brand *nb;
		if (strcmp(s->type, "brand"))
			continue;
		nb = realloc(cfg->brands, (cfg->nbrands + 1) * sizeof(*nb));
		if (!nb)
			goto oom;
		cfg->brands = nb;
		memset(&nb[cfg->nbrands], 0, sizeof(*nb));
		load_brand(&r, &nb[cfg->nbrands++], s);
	}
	for (i = 0; i < r.nsecs; i++) {
		struct raw_section *s = &r.secs[i];
		struct cfg_source *ns;
		if (strcmp(s->type, "source"))
			continue;
		ns = realloc(cfg->sources, (cfg->nsources + 1) * sizeof(*ns));
		if (!ns)
			goto oom;
		cfg->sources = ns;
		memset(&ns[cfg->nsources], 0, sizeof(*ns));
		load_source(&r, cfg, &ns[cfg->nsources++], s);
	}
	for (i = 0; i < r.nsecs; i++) {
		struct raw_section *s = &r.secs[i];
		struct cfg_alert *na;
		if (strcmp(s->type, "alert"))
			continue;
		na = realloc(cfg->alerts, (cfg->nalerts + 1) * sizeof(*na));
		if (!na)
			goto oom;
		cfg->alerts = na;
		memset(&na[cfg->nalerts], 0, sizeof(*na));
		na[cfg->nalerts].name = xstrdup(s->name);
		na[cfg->nalerts].line = s->line;
		na[cfg->nalerts].params = s->keys;
		memset(&s->keys, 0, sizeof(s->keys));
		r.nerrors += alert_config_check(&na[cfg->nalerts], path, errors);
		check_alert_names(&r, cfg, &na[cfg->nalerts]);
		cfg->nalerts++;
	}
	raw_free(&r);
	sort_errors(errors, start, path);
	return r.nerrors;
oom:
	raw_free(&r);
	buf_printf(errors, "%s: out of memory\n", path);
	return -1;
}

const struct cfg_brand *config_brand(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nbrands; i++)
		if (str_eq(cfg->brands[i].name, name))
			return &cfg->brands[i];
	return NULL;
}

const struct cfg_source *config_source(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nsources; i++)
		if (str_eq(cfg->sources[i].name, name))
			return &cfg->sources[i];
	return NULL;
}

void config_free(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nbrands; i++) {
		free(cfg->brands[i].name);
		strv_free(cfg->brands[i].keywords);
		strv_free(cfg->brands[i].exclude);
		strv_free(cfg->brands[i].languages);
	}
	for (i = 0; i < cfg->nsources; i++) {
		free(cfg->sources[i].name);
		free(cfg->sources[i].brand);
		free(cfg->sources[i].lang);
		kvlist_free(&cfg->sources[i].params);
	}
	for (i = 0; i < cfg->nalerts; i++) {
		free(cfg->alerts[i].name);
		kvlist_free(&cfg->alerts[i].params);
	}
	for (i = 0; i < cfg->nsecrets; i++)
		free(cfg->secrets[i]);
	free(cfg->secrets);
	free(cfg->brands);
	free(cfg->sources);
	free(cfg->alerts);
	free(cfg->path);
	free(cfg->dir);
	free(cfg->database);
	free(cfg->user_agent);
	free(cfg->timezone);
	memset(cfg, 0, sizeof(*cfg));
}
