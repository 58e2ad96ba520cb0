/* sentiment_tr.c - Turkish scorer (in progress). */
#include <string.h>

#include "sentiment_int.h"

int tr_load(struct sentiment *s, const char *dir, char *err)
{
	(void)s; (void)dir; (void)err;
	return 0;
}

int tr_score(const struct sentiment *s, const char *text, size_t len,
             struct sentiment_scores *out, struct sentiment_explain *ex)
{
	(void)s; (void)text; (void)len; (void)ex;
	memset(out, 0, sizeof(*out));
	return 0;
}
