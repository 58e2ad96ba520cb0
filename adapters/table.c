/* table.c - the compiled-in adapters, sorted by name (a unit test checks). */
#include <string.h>

#include "hark/adapter.h"

extern const struct adapter adapter_appstore;
extern const struct adapter adapter_bluesky;
extern const struct adapter adapter_command;
extern const struct adapter adapter_ebay;
extern const struct adapter adapter_etsy;
extern const struct adapter adapter_google_places;
extern const struct adapter adapter_googleplay;
extern const struct adapter adapter_hackernews;
extern const struct adapter adapter_html;
extern const struct adapter adapter_json;
extern const struct adapter adapter_mastodon;
extern const struct adapter adapter_reddit;
extern const struct adapter adapter_rss;
extern const struct adapter adapter_trustpilot;
extern const struct adapter adapter_x;
extern const struct adapter adapter_yelp;
extern const struct adapter adapter_youtube;

const struct adapter *const adapter_table[] = {
	&adapter_appstore,
	&adapter_bluesky,
	&adapter_command,
	&adapter_ebay,
	&adapter_etsy,
	&adapter_google_places,
	&adapter_googleplay,
	&adapter_hackernews,
	&adapter_html,
	&adapter_json,
	&adapter_mastodon,
	&adapter_reddit,
	&adapter_rss,
	&adapter_trustpilot,
	&adapter_x,
	&adapter_yelp,
	&adapter_youtube,
};

const size_t adapter_count = sizeof(adapter_table) / sizeof(adapter_table[0]);

const struct adapter *adapter_find(const char *name)
{
	size_t lo = 0, hi = adapter_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, adapter_table[mid]->name);
		if (c == 0)
			return adapter_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
