/* test_match.c - brand keywords: case folding (Turkish too), whole words,
 * phrases, #tag, @handle, exclusions. */
#include <string.h>

#include "t.h"
#include "hark/config.h"
#include "hark/match.h"

int main(void)
{
	static char *kw[] = {"acme", "acme shoes", "#acmefan", "@acmestore", "istanbul", "ılık", NULL};
	static char *ex[] = {"acme corp", "wile coyote", NULL};
	static const struct { const char *text; int want; } cases[] = {
		{"I love my Acme trainers", 1},
		{"ACME!!! never again", 1},
		{"acme's support is slow", 1},
		{"Acme'den aldığım ayakkabı", 1},
		{"acmeshoes is not a word match", 0},
		{"the acmeology of it", 0},
		{"xacme", 0},
		{"Loving these ACME SHOES", 1},
		{"#AcmeFan forever", 1},
		{"#acmefans is another tag", 0},
		{"ask @AcmeStore about it", 1},
		{"@acmestore_tr is not us", 0},
		{"mail support@acmestore.com", 0},
		{"(@acmestore) said", 1},
		{"Acme Corp sues Acme", 0},
		{"beep beep says wile coyote about acme", 0},
		{"İSTANBUL mağazası", 1},
		{"ISTANBUL store", 1},
		{"Istanbul", 1},
		{"ILIK su", 1},
		{"nothing to see", 0},
		{"", 0},
	};
	struct cfg_brand b;
	struct matcher *m;
	char err[HARK_ERR_MAX];
	size_t i;

	memset(&b, 0, sizeof(b));
	b.name = "acme";
	b.keywords = kw;
	b.nkeywords = 6;
	b.exclude = ex;
	b.nexclude = 2;
	T_INT(matcher_new(&m, &b, err), 0, "matcher builds");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		T_INT(matcher_match(m, cases[i].text), cases[i].want, cases[i].text);
	matcher_free(m);
	T_DONE();
}
