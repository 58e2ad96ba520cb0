/* test_mention.c - mention_finish: cleaning, hash ids, future dates, the
 * size caps; mention_body; the JSON of SPEC 7. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "hark/mention.h"
#include "hark/util.h"

int main(void)
{
	struct mention m;
	char *big, *j, *b;
	size_t i;

	memset(&m, 0, sizeof(m));
	m.published_at = 5000;
	m.title = strdup("  Broken\tlamp  ");
	m.text = strdup("bad \xff bytes");
	m.rating = 9;
	T_INT(mention_finish(&m, 4000), 0, "finish");
	T_STR(m.title, "Broken lamp", "whitespace folded and trimmed");
	T_STR(m.text, "bad \xEF\xBF\xBD bytes", "invalid UTF-8 replaced");
	T_OK(m.id && !strncmp(m.id, "h:", 2) && strlen(m.id) == 18, "an id from a hash when the source gave none");
	T_INT(m.published_at, 4000, "a date in the future is clamped to the fetch time");
	T_INT(m.rating, 0, "a rating outside 1..5 is none");
	j = mention_to_json(&m);
	T_OK(j && !strncmp(j, "{\"id\":\"h:", 8) && strstr(j, "\"rating\":null") && strstr(j, "\"published_at\":\"1970-01-01T01:06:40Z\""), "SPEC 7 JSON");
	free(j);
	mention_clear(&m);

	big = malloc(MENTION_TEXT_MAX + 100);
	for (i = 0; i + 2 <= MENTION_TEXT_MAX + 98; i += 2)
		memcpy(big + i, "\xC3\xBC", 2); /* ü */
	big[i] = '\0';
	m.id = strdup("x");
	m.text = big;
	T_INT(mention_finish(&m, 4000), 0, "finish a huge text");
	T_OK(strlen(m.text) <= MENTION_TEXT_MAX + 3, "text capped (%zu bytes)", strlen(m.text));
	T_OK(!strcmp(m.text + strlen(m.text) - 3, "\xE2\x80\xA6"), "and marked with an ellipsis");
	T_OK(((unsigned char)m.text[strlen(m.text) - 4] & 0xC0) == 0x80 && (unsigned char)m.text[strlen(m.text) - 5] == 0xC3,
	     "cut on a character boundary");
	mention_clear(&m);

	m.title = strdup("Terrible");
	m.text = strdup("It broke.");
	b = mention_body(&m);
	T_STR(b, "Terrible. It broke.", "body joins title and text");
	free(b);
	free(m.text);
	m.text = strdup("Terrible product, it broke.");
	b = mention_body(&m);
	T_STR(b, "Terrible product, it broke.", "the title is not said twice");
	free(b);
	mention_clear(&m);
	T_DONE();
}
