/* lang.c - telling Turkish from English (in progress). */
#include "hark/sentiment.h"

const char *lang_detect(const char *text, size_t len)
{
	(void)text; (void)len;
	return "en";
}
