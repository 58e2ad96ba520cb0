/* lang.c - telling Turkish from English, per text: letters only Turkish
 * has (ğ ı ş İ; ç ö ü count less, other languages have them), function
 * words of each language (also Turkish typed without its letters: "cok",
 * "degil") and a few endings. Ties go to English. */
#include <stdlib.h>
#include <string.h>

#include "hark/sentiment.h"
#include "hark/util.h"

/* sorted, ASCII-folded (ç c, ğ g, ı i, ö o, ş s, ü u) */
static const char *const tr_words[] = {
	"abi", "aldim", "ama", "ancak", "artik", "ayni", "bana", "begendim", "ben", "bence",
	"benim", "beni", "berbat", "bile", "bir", "biraz", "biz", "bizim", "bu", "buna",
	"bunu", "bunun", "butun", "cok", "cunku", "da", "daha", "de", "degil", "degilim",
	"diye", "dun", "en", "evet", "fakat", "gayet", "geldi", "gibi", "guzel", "harika",
	"hayir", "hemen", "hep", "her", "hic", "hicbir", "icin", "ile", "ise", "iyi",
	"kadar", "kargo", "ki", "kotu", "lakin", "lutfen", "merhaba", "mi", "mu",
	"mukemmel", "nasil", "ne", "neden", "olan", "olarak", "oldu", "ona", "once",
	"onlar", "onu", "onun", "rezalet", "sadece", "sana", "sen", "senin", "simdi",
	"siz", "sonra", "su", "tamam", "tesekkur", "tesekkurler", "tum", "urun", "urunu",
	"var", "ve", "veya", "ya", "yani", "yok",
};
static const char *const en_words[] = {
	"a", "about", "all", "an", "and", "are", "as", "at", "bad", "be", "been", "but",
	"can", "can't", "did", "do", "does", "don't", "for", "from", "get", "good", "got",
	"great", "had", "has", "have", "he", "her", "his", "how", "i", "i'm", "if", "in",
	"is", "it", "it's", "its", "just", "love", "me", "more", "my", "no", "not", "of",
	"on", "or", "our", "out", "product", "really", "she", "so", "than", "that", "the",
	"their", "there", "they", "this", "to", "too", "up", "was", "we", "were", "what",
	"when", "which", "who", "will", "with", "would", "you", "your",
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_list(const char *w, const char *const *list, size_t n)
{
	return bsearch(&w, list, n, sizeof(*list), cmp) != NULL;
}

static int ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n > k + 1 && !memcmp(w + n - k, suf, k);
}

const char *lang_detect(const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	int tr = 0, en = 0;
	while (p < end) {
		char w[32];
		size_t n = 0;
		int strong = 0, weak = 0, other = 0;
		/* one word: ASCII letters, apostrophes and the Turkish letters */
		while (p < end) {
			unsigned c = *p;
			if (IS_ALPHA(c) || (c == '\'' && n > 0)) {
				if (n < sizeof(w) - 1)
					w[n++] = (char)TO_LOWER(c);
				p++;
				continue;
			}
			if (c < 0x80 || end - p < 2)
				break;
			unsigned c1 = p[1];
			char f = 0;
			if (c == 0xc4 && (c1 == 0x9f || c1 == 0x9e)) /* ğ Ğ */
				f = 'g', strong = 1;
			else if (c == 0xc4 && (c1 == 0xb1 || c1 == 0xb0)) /* ı İ */
				f = 'i', strong = 1;
			else if (c == 0xc5 && (c1 == 0x9f || c1 == 0x9e)) /* ş Ş */
				f = 's', strong = 1;
			else if (c == 0xc3 && (c1 == 0xa7 || c1 == 0x87)) /* ç Ç */
				f = 'c', weak = 1;
			else if (c == 0xc3 && (c1 == 0xb6 || c1 == 0x96)) /* ö Ö */
				f = 'o', weak = 1;
			else if (c == 0xc3 && (c1 == 0xbc || c1 == 0x9c)) /* ü Ü */
				f = 'u', weak = 1;
			else if (c >= 0xc0) {
				other = 1;
				p++;
				while (p < end && (*p & 0xc0) == 0x80)
					p++;
				continue;
			}
			if (!f)
				break;
			if (n < sizeof(w) - 1)
				w[n++] = f;
			p += 2;
		}
		if (n == 0) {
			p++;
			continue;
		}
		w[n] = '\0';
		if (strong)
			tr += 3;
		else if (weak && !other)
			tr += 1;
		if (in_list(w, tr_words, sizeof(tr_words) / sizeof(*tr_words)))
			tr += 2;
		if (!strong && !weak && in_list(w, en_words, sizeof(en_words) / sizeof(*en_words)))
			en += 2;
		if (ends(w, n, "iyor") || ends(w, n, "iyorum") || ends(w, n, "lar") ||
		    ends(w, n, "ler") || ends(w, n, "dim") || ends(w, n, "mis") ||
		    ends(w, n, "medi") || ends(w, n, "madi"))
			tr += 1;
		if (ends(w, n, "ing") || ends(w, n, "tion") || ends(w, n, "ly") || ends(w, n, "'s") ||
		    ends(w, n, "n't"))
			en += 1;
	}
	return tr > en ? "tr" : "en";
}
