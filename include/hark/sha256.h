/* sha256.h - SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for webhook
 * signatures. */
#ifndef HARK_SHA256_H
#define HARK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
	uint32_t h[8];
	uint64_t total;    /* bytes hashed so far */
	unsigned char block[64];
	size_t fill;       /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *p, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN]);
void sha256(const void *p, size_t n, unsigned char out[SHA256_LEN]);

void hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                 unsigned char out[SHA256_LEN]);

/* Lower-case hex of n bytes into out (2n+1 bytes); returns out. */
char *hex_lower(const unsigned char *p, size_t n, char *out);

#endif
