/* test_alert_sha256.c - SHA-256 against FIPS 180-4 examples and
 * HMAC-SHA256 against RFC 4231 test cases 1-7. */
#include "t.h"
#include "hark/sha256.h"

static const char *sha_hex(const void *p, size_t n, char out[65])
{
	unsigned char d[SHA256_LEN];
	sha256(p, n, d);
	return hex_lower(d, SHA256_LEN, out);
}

static const char *hmac_hex(const void *k, size_t kn, const void *m, size_t mn, char out[65])
{
	unsigned char d[SHA256_LEN];
	hmac_sha256(k, kn, m, mn, d);
	return hex_lower(d, SHA256_LEN, out);
}

int main(void)
{
	char hex[65];
	unsigned char key[131], data[50];
	static char million[1000000];
	struct sha256 c;
	unsigned char d[SHA256_LEN];
	size_t i;

	T_STR(sha_hex("abc", 3, hex), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 abc");
	T_STR(sha_hex("", 0, hex), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 empty");
	T_STR(sha_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex),
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256 448-bit message");
	T_STR(sha_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112, hex),
	      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", "sha256 896-bit message");
	memset(million, 'a', sizeof(million));
	T_STR(sha_hex(million, sizeof(million), hex),
	      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "sha256 one million a");
	/* Same million fed in odd-sized pieces: the block buffering. */
	sha256_init(&c);
	for (i = 0; i < sizeof(million); i += 997)
		sha256_update(&c, million + i, sizeof(million) - i < 997 ? sizeof(million) - i : 997);
	sha256_final(&c, d);
	T_STR(hex_lower(d, SHA256_LEN, hex), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	      "sha256 incremental updates");

	memset(key, 0x0b, 20);
	T_STR(hmac_hex(key, 20, "Hi There", 8, hex),
	      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", "hmac rfc4231 case 1");
	T_STR(hmac_hex("Jefe", 4, "what do ya want for nothing?", 28, hex),
	      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hmac rfc4231 case 2");
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	T_STR(hmac_hex(key, 20, data, 50, hex),
	      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", "hmac rfc4231 case 3");
	for (i = 0; i < 25; i++)
		key[i] = (unsigned char)(i + 1);
	memset(data, 0xcd, 50);
	T_STR(hmac_hex(key, 25, data, 50, hex),
	      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", "hmac rfc4231 case 4");
	memset(key, 0x0c, 20);
	hmac_hex(key, 20, "Test With Truncation", 20, hex);
	hex[32] = '\0';
	T_STR(hex, "a3b6167473100ee06e0c796c2955552b", "hmac rfc4231 case 5 (truncated to 128 bits)");
	memset(key, 0xaa, 131);
	T_STR(hmac_hex(key, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 54, hex),
	      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", "hmac rfc4231 case 6");
	{
		const char *m = "This is a test using a larger than block-size key and a larger than block-size data. "
		                "The key needs to be hashed before being used by the HMAC algorithm.";
		T_STR(hmac_hex(key, 131, m, strlen(m), hex),
		      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", "hmac rfc4231 case 7");
	}
	T_DONE();
}
