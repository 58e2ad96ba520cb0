/* match.h - does a mention speak of a brand (SPEC 4 keywords/exclude). */
#ifndef HARK_MATCH_H
#define HARK_MATCH_H

struct cfg_brand;
struct matcher;

int matcher_new(struct matcher **out, const struct cfg_brand *b, char *err);
/* 1 when text (title + text) names a keyword and no exclusion; 0 otherwise. */
int matcher_match(const struct matcher *m, const char *text);
void matcher_free(struct matcher *m);

#endif
