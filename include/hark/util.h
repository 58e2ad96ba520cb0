/* util.h - growable buffers, key/value lists, error messages. */
#ifndef HARK_UTIL_H
#define HARK_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Every fallible function of src/ and adapters/ returns 0 on success and -1
 * on failure, writing a one-line message into a caller's char[HARK_ERR_MAX]. */
#define HARK_ERR_MAX 512

#define HARK_PRINTF(a, b) __attribute__((format(printf, a, b)))

void errf(char *err, const char *fmt, ...) HARK_PRINTF(2, 3);

/* A growable byte buffer; data is NUL-terminated whenever it is non-NULL. */
struct buf {
	char *data;
	size_t len, cap;
};

int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, int c);
int buf_printf(struct buf *b, const char *fmt, ...) HARK_PRINTF(2, 3);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hand the NUL-terminated contents to the caller ("" when empty; NULL on
 * allocation failure) and leave the buffer empty. */
char *buf_detach(struct buf *b);

/* An ordered list of key/value pairs (config parameters, HTTP headers). */
struct kv {
	char *key;
	char *value;
	int line; /* config line, 0 when not from a file */
};

struct kvlist {
	struct kv *items;
	size_t n, cap;
};

int kvlist_add(struct kvlist *l, const char *key, const char *value, int line);
/* Replace the value of key (exact match) or add it. */
int kvlist_set(struct kvlist *l, const char *key, const char *value, int line);
const char *kvlist_get(const struct kvlist *l, const char *key);
/* Case-insensitive key lookup (HTTP header names). */
const char *kvlist_getci(const struct kvlist *l, const char *key);
const struct kv *kvlist_find(const struct kvlist *l, const char *key);
void kvlist_free(struct kvlist *l);

char *xstrdup(const char *s);             /* NULL-safe strdup */
char *xstrndup(const char *s, size_t n);
int str_eq(const char *a, const char *b); /* NULL-safe equality */
int str_casecmp_ascii(const char *a, const char *b);
/* Locale-independent character classes for protocol data. */
#define IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f' || (c) == '\v')
#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c) ((((unsigned)(c) | 32) - 'a') < 26)
#define TO_LOWER(c) (((c) >= 'A' && (c) <= 'Z') ? (c) + 32 : (c))

/* Split a comma list honouring "double quotes"; items trimmed, empty ones
 * dropped. Returns a NULL-terminated array (free with strv_free) or NULL. */
char **strv_split_list(const char *s, size_t *count);
void strv_free(char **v);

/* yes/true/on/1 and no/false/off/0 (any case). 0 ok, -1 neither. */
int parse_bool(const char *s, int *out);

/* 64-bit FNV-1a as 16 hex digits, for ids of items that carry none. */
void hash_hex64(const void *p, size_t n, char out[17]);

#endif
