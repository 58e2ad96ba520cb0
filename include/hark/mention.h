/* mention.h - one thing someone said, as adapters emit it (SPEC 7). */
#ifndef HARK_MENTION_H
#define HARK_MENTION_H

#include <stdint.h>
#include <stddef.h>

#define HARK_TIME_NONE INT64_MIN

/* Product limits: a mention's text is cut at 64 KiB and its title and
 * author at 1 KiB (on a character boundary, marked with "…"), so that no
 * page, however built, can make a poll store gigabytes. */
#define MENTION_TEXT_MAX 65536
#define MENTION_FIELD_MAX 1024

struct mention {
	char *id;     /* external id, unique within its source */
	char *author;
	char *title;
	char *text;   /* plain text, valid UTF-8, whitespace folded */
	char *url;
	int rating;   /* 1..5, 0 when the source has no stars */
	char lang[8]; /* two-letter code, "" when unknown */
	int64_t published_at; /* Unix seconds UTC, HARK_TIME_NONE when unknown */
};

struct mention_list {
	struct mention *items;
	size_t n, cap;
};

/* Append a zeroed mention (published_at = HARK_TIME_NONE); NULL on OOM. */
struct mention *mention_list_add(struct mention_list *l);
void mention_list_free(struct mention_list *l);
void mention_clear(struct mention *m);

/* Make a mention ready to store: every string valid UTF-8 with folded
 * whitespace, an id (hash of title and text when the source gave none), a
 * published time no later than now. Returns -1 on allocation failure. */
int mention_finish(struct mention *m, int64_t now);

/* The JSON object of SPEC 7 as a compact string (caller frees); NULL on OOM. */
char *mention_to_json(const struct mention *m);

/* The text that is matched and scored: title and text joined, the title
 * left out when the text already starts with it. Caller frees. */
char *mention_body(const struct mention *m);

#endif
