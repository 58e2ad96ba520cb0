/* lang.c - telling Turkish from English, per text: letters only Turkish
 * has (ğ ı ş İ; ç ö ü count less, other languages have them), function
 * words of each language (also Turkish typed without its letters: "cok",
 * "degil") and a few endings. Ties go to English. */
#include <pthread.h>
#include <stdint.h>
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
	/* words of shopping reviews, as typed without Turkish letters */
	"almayin", "begenmedim", "beden", "boyut", "buyuk", "ediyorum", "ederim", "fiyat",
	"fiyata", "gelmedi", "gore", "hediye", "hizli", "iade", "kaldim", "kalip", "kaliteli",
	"kucuk", "kumas", "memnun", "olmus", "pahali", "paketleme", "rengi", "siparis",
	"tavsiye", "teslim", "ucuz", "yildiz", "yorum",
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

/* Function words of other languages people review in, ASCII only (accented
 * letters are not part of a word here): enough to say "not English" and
 * name the language, where the words are clear. */
static const struct { const char *w; const char *lang; } other_words[] = {
	{"aber", "de"}, {"auch", "de"}, {"avec", "fr"}, {"bien", "es"}, {"bueno", "es"},
	{"cest", "fr"}, {"che", "it"}, {"con", "es"}, {"das", "de"}, {"dem", "de"},
	{"den", "de"}, {"der", "de"}, {"des", "fr"}, {"die", "de"}, {"een", "nl"},
	{"ein", "de"}, {"eine", "de"}, {"el", "es"}, {"es", "es"}, {"est", "fr"},
	{"esta", "es"}, {"et", "fr"}, {"gracias", "es"}, {"gusta", "es"}, {"het", "nl"},
	{"ich", "de"}, {"ist", "de"}, {"je", "fr"}, {"las", "es"}, {"les", "fr"},
	{"los", "es"}, {"mais", "fr"}, {"malo", "es"}, {"mas", "pt"}, {"mit", "de"},
	{"molto", "it"}, {"muito", "pt"}, {"muy", "es"}, {"nada", "es"}, {"nicht", "de"},
	{"niet", "nl"}, {"nul", "fr"}, {"para", "es"}, {"pas", "fr"}, {"pero", "es"},
	{"pour", "fr"}, {"prodotto", "it"}, {"producto", "es"}, {"que", "es"}, {"ruim", "pt"},
	{"schlecht", "de"}, {"sehr", "de"}, {"slecht", "nl"}, {"sono", "it"}, {"todo", "es"},
	{"uma", "pt"}, {"und", "de"}, {"une", "fr"}, {"van", "nl"}, {"zijn", "nl"},
};
#define NOTHER (sizeof(other_words) / sizeof(*other_words))
static const char *const other_langs[] = {"de", "es", "fr", "it", "nl", "pt"};
#define NLANGS (sizeof(other_langs) / sizeof(*other_langs))

static int other_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Index into other_langs of the language w is a function word of, or -1. */
static int other_lang(const char *w)
{
	const void *hit = bsearch(w, other_words, NOTHER, sizeof(*other_words), other_cmp);
	size_t i;

	if (!hit)
		return -1;
	for (i = 0; i < NLANGS; i++)
		if (!strcmp(((const char *const *)hit)[1], other_langs[i]))
			return (int)i;
	return -1;
}

/* Words packed into integers (length and the first seven letters) and
 * sorted once: a lookup is a few integer compares. */
#define NTR (sizeof(tr_words) / sizeof(*tr_words))
#define NEN (sizeof(en_words) / sizeof(*en_words))
static uint64_t tr_keys[NTR], en_keys[NEN];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static uint64_t pack(const char *w, size_t n)
{
	uint64_t k = (uint64_t)(n > 255 ? 255 : n) << 56;
	for (size_t i = 0; i < n && i < 7; i++)
		k |= (uint64_t)(unsigned char)w[i] << (48 - 8 * i);
	return k;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void keys_init(void)
{
	for (size_t i = 0; i < NTR; i++)
		tr_keys[i] = pack(tr_words[i], strlen(tr_words[i]));
	for (size_t i = 0; i < NEN; i++)
		en_keys[i] = pack(en_words[i], strlen(en_words[i]));
	qsort(tr_keys, NTR, sizeof(*tr_keys), cmp_u64);
	qsort(en_keys, NEN, sizeof(*en_keys), cmp_u64);
}

static int in_keys(uint64_t k, const uint64_t *keys, size_t n)
{
	return bsearch(&k, keys, n, sizeof(*keys), cmp_u64) != NULL;
}

/* w (n letters) ends with the literal suf and has two letters before it */
#define ENDS(w, n, suf) ((n) > sizeof(suf) && !memcmp((w) + (n) - (sizeof(suf) - 1), suf, sizeof(suf) - 1))

const char *lang_detect(const char *text, size_t len)
{
	const char *l = lang_guess(text, len);

	return l && !strcmp(l, "tr") ? "tr" : "en";
}

const char *lang_guess(const char *text, size_t len)
{
	if (!text)
		return NULL;
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	int tr = 0, en = 0, foreign = 0, other_n[NLANGS] = {0};
	pthread_once(&keys_once, keys_init);
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
		uint64_t k = pack(w, n);
		if (in_keys(k, tr_keys, NTR))
			tr += 2;
		if (!strong && !weak && in_keys(k, en_keys, NEN))
			en += 2;
		if (other)
			foreign += 2; /* á é ñ ß ä ...: neither English nor Turkish */
		else if (!strong && !weak) {
			int ol = other_lang(w);
			if (ol >= 0)
				other_n[ol] += 2, foreign += 2;
		}
		if (ENDS(w, n, "iyor") || ENDS(w, n, "iyorum") || ENDS(w, n, "lar") ||
		    ENDS(w, n, "ler") || ENDS(w, n, "dim") || ENDS(w, n, "mis") ||
		    ENDS(w, n, "medi") || ENDS(w, n, "madi"))
			tr += 1;
		if (ENDS(w, n, "ing") || ENDS(w, n, "tion") || ENDS(w, n, "ly") || ENDS(w, n, "'s") ||
		    ENDS(w, n, "n't"))
			en += 1;
		/* a clear lead does not turn: stop reading */
		if (tr - en >= 8 || en - tr >= 8)
			break;
	}
	if (tr > en && tr >= foreign)
		return "tr";
	if (en > tr && en > foreign)
		return "en";
	if (foreign > en && foreign > tr) {
		/* Name the language when its words say so, else unknown. */
		size_t i, best = 0;
		for (i = 1; i < NLANGS; i++)
			if (other_n[i] > other_n[best])
				best = i;
		return other_n[best] >= 4 ? other_langs[best] : NULL;
	}
	return tr == 0 && en == 0 ? NULL : tr > en ? "tr" : "en";
}
