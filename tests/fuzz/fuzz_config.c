/* fuzz_config.c - config_load on an arbitrary hark.conf (written to a
 * temporary file, since config_load reads a path), then a matcher for
 * every brand it produced, run on the same bytes as text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hark/config.h"
#include "hark/match.h"
#include "hark/util.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static char conf_path[64];

static void remove_conf(void)
{
	if (conf_path[0])
		unlink(conf_path);
}

static int write_conf(const uint8_t *data, size_t size)
{
	FILE *fp;

	if (!conf_path[0]) {
		int fd;
		strcpy(conf_path, "/tmp/hark-fuzz-config-XXXXXX");
		fd = mkstemp(conf_path);
		if (fd < 0) {
			conf_path[0] = '\0';
			return -1;
		}
		close(fd);
		atexit(remove_conf);
		/* ${VAR} in values expands from the environment. */
		setenv("HARK_FUZZ_TOKEN", "s3cret", 1);
		setenv("HARK_FUZZ_EMPTY", "", 1);
	}
	fp = fopen(conf_path, "wb");
	if (!fp)
		return -1;
	if (size && fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct buf errors = {0};
	char err[HARK_ERR_MAX];
	char *text;
	size_t i;
	int n;

	if (write_conf(data, size) < 0)
		return 0;
	n = config_load(conf_path, &cfg, &errors);
	/* Every error is reported as text; a count without a message is a bug. */
	CHECK(n <= 0 || (errors.data && errors.len > 0));
	text = xstrndup((const char *)data, size);
	for (i = 0; text && n >= 0 && i < cfg.nbrands; i++) {
		struct matcher *m = NULL;
		if (matcher_new(&m, &cfg.brands[i], err) == 0) {
			(void)matcher_match(m, text);
			matcher_free(m);
		}
	}
	free(text);
	config_free(&cfg);
	buf_free(&errors);
	return 0;
}

#include "fuzz_main.h"
