/* alerts.c - STUB until the alerts issue lands. */
#include <stdlib.h>

#include "hark/alerts.h"
#include "hark/config.h"

int alert_config_check(const struct cfg_alert *a, const char *file, struct buf *errors)
{
	(void)a; (void)file; (void)errors;
	return 0;
}

struct alerts { int unused; };

int alerts_open(struct alerts **out, const struct config *cfg, struct store *st,
                const struct sentiment *sent, char *err)
{
	(void)cfg; (void)st; (void)sent; (void)err;
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -1;
}

void alerts_close(struct alerts *al) { free(al); }

int alerts_enqueue_mention(struct alerts *al, const struct stored_mention *sm, int baseline, char *err)
{
	(void)al; (void)sm; (void)baseline; (void)err;
	return 0;
}

int alerts_source_polled(struct alerts *al, const char *source, int ok,
                         int consecutive_failures, const char *error, char *err)
{
	(void)al; (void)source; (void)ok; (void)consecutive_failures; (void)error; (void)err;
	return 0;
}

int alerts_deliver(struct alerts *al, int64_t now)
{
	(void)al; (void)now;
	return 0;
}
