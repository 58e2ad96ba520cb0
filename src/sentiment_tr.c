/* sentiment_tr.c - the Turkish scorer.
 *
 * Text and lexicon are folded the same way: Turkish lowercase (I -> ı,
 * İ -> i), then to ASCII (ç c, ğ g, ı i, ö o, ş s, ü u), so that text typed
 * without Turkish letters ("cok kotu", "begenmedim") matches. A word takes
 * the valence of its longest known prefix (a stem, at least three letters)
 * when what is left can be Turkish suffixes (a/e harmony; no o outside
 * -yor); the suffix left over is read for verbal negation (beğen-me-di-m,
 * çalış-mı-yor, çalış-mı-yo, yap-a-ma-dı-m, beğen-il-me-di, temiz-le-mi-yor)
 * without taking -mAlI, -mAk or the nominal -mA(sI) for one, and for the
 * privative -sIz (sorun-suz). The loader adds spellings people type: the
 * softened stem (bozuğu, eksiği), X-sIz for every X-lI, -yo for -yor, a
 * doubled consonant typed once (tesekurler); the scorer squeezes
 * elongations (çoook güzelll, süpeer), reads a booster glued to a word
 * (çokgüzel), words inside hashtags, ratings written with digits (5
 * yıldız, 8/10, 10 üzerinden 9), a few emoticons (:s -.- ^^), and skips
 * @names and links. "değil" (every person and tense), "yok" and negated
 * verbs negate the word before them (past bir/şey/diye, counting a phrase
 * as one word), except: "daha iyisi olamaz/yok" praises, "bu kadar ...
 * -mAmIştIm" is surprise, a warning (çöpe atmayın) or a failed remedy
 * (iade edemedim, giyemiyorum) keeps a flaw a flaw, "kimse" agrees with
 * the negated verb, and "hala" + a negated verb is a delay. A rated word
 * asked about (kaliteli mi?) counts less; "bu mu kalite?" mocks. Boosters
 * (çok, aşırı, gayet, son derece, en), dampeners (biraz, az) and the
 * contrast words (ama, fakat, ancak, lakin: the clause after weighs more,
 * unless softened by biraz) work as in VADER, whose arithmetic turns the
 * valences into scores. A text with no rated word is neutral. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "hark/util.h"
#include "sentiment_int.h"

#define B_INCR 0.293
#define C_INCR 0.733
#define N_SCALAR (-0.74)
#define NEG_WEIGHT 1.5
#define MAX_WORD 64

enum { LEX_EXACT = 1 << 6, LEX_TR_FUNC = 1 << 7, LEX_ASCII_WORD = 1 << 8 };

enum tr_func {
	TF_NONE = 0, TF_DEGIL, TF_YOK, TF_HIC, TF_BOOST, TF_DAMP, TF_CONTRAST,
	TF_SON, TF_DERECE, TF_NEGVERB, TF_COUNTER
};

static const struct { const char *w; enum tr_func f; double boost; } tr_func_words[] = {
	{"degil", TF_DEGIL, 0}, {"degildi", TF_DEGIL, 0}, {"degilim", TF_DEGIL, 0},
	{"degildir", TF_DEGIL, 0}, {"degiller", TF_DEGIL, 0}, {"degilmis", TF_DEGIL, 0},
	{"degiliz", TF_DEGIL, 0}, {"degilsin", TF_DEGIL, 0}, {"degilse", TF_DEGIL, 0},
	{"degl", TF_DEGIL, 0}, {"diil", TF_DEGIL, 0}, {"deil", TF_DEGIL, 0}, {"dgl", TF_DEGIL, 0},
	{"yok", TF_YOK, 0}, {"yoktu", TF_YOK, 0}, {"yoktur", TF_YOK, 0},
	{"yokmus", TF_YOK, 0}, {"hic", TF_HIC, 0.4}, {"hicbir", TF_HIC, 0.4},
	{"hicbiri", TF_HIC, 0.4}, {"asla", TF_HIC, 0.4},
	{"cok", TF_BOOST, B_INCR}, {"cokk", TF_BOOST, B_INCR}, {"coook", TF_BOOST, B_INCR},
	{"asiri", TF_BOOST, 0.4}, {"gayet", TF_BOOST, B_INCR}, {"en", TF_BOOST, 0.35},
	{"fazlasiyla", TF_BOOST, B_INCR}, {"oldukca", TF_BOOST, 0.2}, {"epey", TF_BOOST, 0.2},
	{"bayagi", TF_BOOST, 0.2}, {"baya", TF_BOOST, 0.2}, {"gercekten", TF_BOOST, B_INCR},
	{"cidden", TF_BOOST, B_INCR}, {"kesinlikle", TF_BOOST, B_INCR}, {"tam", TF_BOOST, 0.2},
	{"resmen", TF_BOOST, B_INCR}, {"tamamen", TF_BOOST, B_INCR}, {"acayip", TF_BOOST, 0.35},
	{"harbiden", TF_BOOST, B_INCR}, {"bi hayli", TF_BOOST, 0.2}, {"hayli", TF_BOOST, 0.2},
	{"son", TF_SON, 0}, {"ne", TF_BOOST, 0.2}, {"cook", TF_BOOST, B_INCR}, {"derece", TF_DERECE, 0.4}, {"daha", TF_BOOST, 0.15},
	{"pek", TF_DAMP, -0.2}, {"biraz", TF_DAMP, -B_INCR}, {"birazcik", TF_DAMP, -B_INCR},
	{"az", TF_DAMP, -B_INCR}, {"azicik", TF_DAMP, -B_INCR}, {"nispeten", TF_DAMP, -B_INCR},
	{"kismen", TF_DAMP, -B_INCR}, {"neredeyse", TF_DAMP, -0.2},
	{"ama", TF_CONTRAST, 0}, {"amma", TF_CONTRAST, 0}, {"fakat", TF_CONTRAST, 0},
	{"ancak", TF_CONTRAST, 0}, {"lakin", TF_CONTRAST, 0}, {"ragmen", TF_CONTRAST, 0},
	{"oysa", TF_CONTRAST, 0}, {"halbuki", TF_CONTRAST, 0}, {"yine de", TF_CONTRAST, 0},
};

/* Fold one code point: Turkish lowercase, then ASCII. Returns bytes
 * written (0 = drop), or -1 when cp is not part of a word. */
static int fold_cp(utf8proc_int32_t cp, char *out)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') {
			out[0] = (char)(cp + 32);
			return 1;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[0] = (char)cp;
			return 1;
		}
		return -1;
	}
	switch (cp) {
	case 0xe7: case 0xc7: out[0] = 'c'; return 1;
	case 0x11f: case 0x11e: out[0] = 'g'; return 1;
	case 0x131: case 0x130: case 0xee: case 0xce: case 0xed: case 0xec: out[0] = 'i'; return 1;
	case 0xf6: case 0xd6: case 0xf4: case 0xf3: out[0] = 'o'; return 1;
	case 0x15f: case 0x15e: out[0] = 's'; return 1;
	case 0xfc: case 0xdc: case 0xfb: case 0xdb: case 0xfa: case 0xf9: out[0] = 'u'; return 1;
	case 0xe2: case 0xc2: case 0xe1: case 0xe0: case 0xe4: out[0] = 'a'; return 1;
	case 0xe9: case 0xe8: case 0xea: case 0xc9: out[0] = 'e'; return 1;
	case 0x307: return 0; /* combining dot of a lowercased İ */
	default: break;
	}
	utf8proc_category_t c = utf8proc_category(cp);
	if (c == UTF8PROC_CATEGORY_MN)
		return 0;
	if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO)
		return -1;
	return (int)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out);
}

/* -1 lowercase, 1 uppercase, 0 neither; Turkish letters without a table
 * lookup. */
static int letter_case(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') ? -1 : (cp >= 'A' && cp <= 'Z') ? 1 : 0;
	switch (cp) {
	case 0xe7: case 0x11f: case 0x131: case 0xf6: case 0x15f: case 0xfc: case 0xe2: case 0xee: case 0xfb:
		return -1;
	case 0xc7: case 0x11e: case 0x130: case 0xd6: case 0x15e: case 0xdc:
		return 1;
	default:
		break;
	}
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LL ? -1 : c == UTF8PROC_CATEGORY_LU ? 1 : 0;
}

/* Turkish lowercase of one code point as UTF-8 (I -> ı, İ -> i); 0 drops. */
static int real_cp(utf8proc_int32_t cp, char *out)
{
	if (cp < 0x80 && cp != 'I') {
		out[0] = (char)TO_LOWER(cp);
		return 1;
	}
	if (cp == 'I') {
		memcpy(out, "\xc4\xb1", 2);
		return 2;
	}
	if (cp == 0x130) {
		out[0] = 'i';
		return 1;
	}
	if (cp == 0x307)
		return 0;
	/* the circumflex is optional in Turkish spelling: imkânsız, hâlâ */
	if (cp == 0xe2 || cp == 0xc2 || cp == 0xee || cp == 0xce || cp == 0xfb || cp == 0xdb) {
		out[0] = cp == 0xe2 || cp == 0xc2 ? 'a' : cp == 0xee || cp == 0xce ? 'i' : 'u';
		return 1;
	}
	return (int)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out);
}

/* Fold a whole string (a lexicon key); non-word characters other than the
 * space become nothing. */
static size_t fold_key(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		char b[8];
		int m = cp == ' ' ? (b[0] = ' ', 1) : fold_cp(cp, b);
		if (m <= 0 || o + (size_t)m >= cap)
			continue;
		memcpy(out + o, b, (size_t)m);
		o += (size_t)m;
	}
	out[o] = '\0';
	return o;
}

int tr_load(struct sentiment *s, const char *dir, char *err)
{
	char path[4096];
	int pn = snprintf(path, sizeof(path), "%s/tr.tsv", dir);
	if (pn < 0 || (size_t)pn >= sizeof(path)) {
		errf(err, "data dir path too long");
		return -1;
	}
	size_t len;
	char *buf = slurp(path, &len, err);
	if (!buf)
		return -1;
	char *p = buf, *end = buf + len;
	int lineno = 0, rc = 0;
	while (p < end && rc == 0) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		char *line = p;
		p = nl ? nl + 1 : end;
		lineno++;
		*le = '\0';
		if (!*line || *line == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab) {
			errf(err, "tr.tsv:%d: no tab", lineno);
			rc = -1;
			break;
		}
		*tab = '\0';
		char *q;
		double val = strtod(tab + 1, &q);
		if (q == tab + 1 || (*q && *q != '\t' && *q != '\r')) {
			errf(err, "tr.tsv:%d: bad valence", lineno);
			rc = -1;
			break;
		}
		int exact = *q == '\t' && q[1] == 'x';
		char key[256];
		size_t kn = fold_key(line, strlen(line), key, sizeof(key));
		if (!kn)
			continue;
		if (memchr(key, ' ', kn)) {
			if (lex_add_phrase(&s->tr, key, kn, val) < 0)
				rc = -1;
			continue;
		}
		/* a word spelt with Turkish letters is also kept as spelt, so
		 * that "öldü" is not "oldu" when the text has the letters */
		int ascii = 1;
		for (const char *c = line; *c; c++)
			ascii &= (unsigned char)*c < 0x80;
		char real[256];
		size_t rn = 0;
		if (!ascii) {
			const utf8proc_uint8_t *rp = (const utf8proc_uint8_t *)line;
			size_t ln = strlen(line);
			for (size_t ri = 0; ri < ln;) {
				utf8proc_int32_t cp;
				utf8proc_ssize_t k = utf8proc_iterate(rp + ri, (utf8proc_ssize_t)(ln - ri), &cp);
				if (k <= 0)
					break;
				ri += (size_t)k;
				char b[8];
				int m = real_cp(cp, b);
				if (rn + (size_t)m < sizeof(real)) {
					memcpy(real + rn, b, (size_t)m);
					rn += (size_t)m;
				}
			}
			struct lex_entry *r = lex_get(&s->tr_real, real, rn);
			if (!r) {
				rc = -1;
				break;
			}
			r->val = val;
			r->flags |= LEX_VAL;
		}
		struct lex_entry *e = lex_get(&s->tr, key, kn);
		if (!e) {
			rc = -1;
			break;
		}
		/* the folded slot belongs to the word spelt that way in ASCII
		 * ("oldu" over "öldü") */
		if (!ascii && (e->flags & LEX_ASCII_WORD))
			continue;
		e->val = val;
		e->flags = (uint16_t)((e->flags | LEX_VAL) & ~LEX_EXACT);
		if (ascii)
			e->flags |= LEX_ASCII_WORD;
		if (exact)
			e->flags |= LEX_EXACT;
		/* a verb stem's last vowel narrows before -yor: ağla -> ağlıyor,
		 * özle -> özlüyor */
		if (!exact && kn >= 4 && (key[kn - 1] == 'a' || key[kn - 1] == 'e') && kn + 4 < sizeof(key)) {
			static const char *const yor[] = {"iyo", "uyo"};
			for (size_t y = 0; y < 2 && rc == 0; y++) {
				char alias[sizeof(key)];
				memcpy(alias, key, kn - 1);
				memcpy(alias + kn - 1, yor[y], 3);
				if (lex_find(&s->tr, alias, kn + 2))
					continue;
				struct lex_entry *a = lex_get(&s->tr, alias, kn + 2);
				if (!a) {
					rc = -1;
					break;
				}
				a->val = val;
				a->flags |= LEX_VAL | (ascii ? LEX_ASCII_WORD : 0);
			}
			if (rc < 0)
				break;
		}
		/* informal -yo for -yor: bekliyorum is also typed bekliyom,
		 * bekliyo */
		for (size_t y = 2; !exact && y + 3 <= kn && rc == 0; y++) {
			if (key[y] != 'y' || key[y + 1] != 'o' || key[y + 2] != 'r')
				continue;
			if (!lex_find(&s->tr, key, y + 2)) {
				struct lex_entry *a = lex_get(&s->tr, key, y + 2);
				if (!a) {
					rc = -1;
					break;
				}
				a->val = val;
				a->flags |= LEX_VAL | (ascii ? LEX_ASCII_WORD : 0);
			}
			for (size_t ry = 1; !ascii && ry + 3 <= rn; ry++) {
				if (real[ry] != 'y' || real[ry + 1] != 'o' || real[ry + 2] != 'r')
					continue;
				if (!lex_find(&s->tr_real, real, ry + 2)) {
					struct lex_entry *r = lex_get(&s->tr_real, real, ry + 2);
					if (!r) {
						rc = -1;
						break;
					}
					r->val = val;
					r->flags |= LEX_VAL;
				}
				break;
			}
			break;
		}
		if (rc < 0)
			break;
		/* a doubled letter typed once: teşekkür -> teşekür, mükemmel ->
		 * mükemel (the text is squeezed the other way) */
		if (!exact && kn >= 5 && rc == 0) {
			char one[sizeof(key)];
			size_t on = 0;
			for (size_t c = 0; c < kn; c++)
				if (!c || key[c] != key[c - 1] || strchr("aeiou", key[c]))
					one[on++] = key[c];
			if (on < kn && on >= 5 && !lex_find(&s->tr, one, on)) {
				struct lex_entry *a = lex_get(&s->tr, one, on);
				if (!a) {
					rc = -1;
					break;
				}
				a->val = val;
				a->flags |= LEX_VAL | (ascii ? LEX_ASCII_WORD : 0);
			}
			if (on < kn && on >= 5 && !ascii) {
				char ro[sizeof(real)];
				size_t rno = 0;
				for (size_t c = 0; c < rn; c++)
					if (!c || real[c] != real[c - 1] || (unsigned char)real[c] >= 0x80 ||
					    strchr("aeiou", real[c]))
						ro[rno++] = real[c];
				if (rno < rn && !lex_find(&s->tr_real, ro, rno)) {
					struct lex_entry *r = lex_get(&s->tr_real, ro, rno);
					if (!r) {
						rc = -1;
						break;
					}
					r->val = val;
					r->flags |= LEX_VAL;
				}
			}
		}
		/* X-lI (with X) gives X-sIz (without X), of the opposite
		 * sign: özenli -> özensiz, kullanışlı -> kullanışsız, sorunlu
		 * -> sorunsuz */
		if (!exact && kn >= 6 && key[kn - 2] == 'l' && (key[kn - 1] == 'i' || key[kn - 1] == 'u') &&
		    (ascii || rn >= 3)) {
			char alias[sizeof(key)];
			memcpy(alias, key, kn - 2);
			memcpy(alias + kn - 2, key[kn - 1] == 'i' ? "siz" : "suz", 3);
			if (!lex_find(&s->tr, alias, kn + 1)) {
				struct lex_entry *a = lex_get(&s->tr, alias, kn + 1);
				if (!a) {
					rc = -1;
					break;
				}
				a->val = val * N_SCALAR;
				a->flags |= LEX_VAL | (ascii ? LEX_ASCII_WORD : 0);
			}
			if (!ascii) {
				/* the real spelling: ends in l + ı/i/u/ü */
				size_t vl = (unsigned char)real[rn - 1] >= 0x80 ? 2 : 1;
				if (rn > vl + 1 && real[rn - vl - 1] == 'l') {
					char ra[sizeof(real) + 4];
					size_t base = rn - vl - 1;
					memcpy(ra, real, base);
					ra[base] = 's';
					memcpy(ra + base + 1, real + rn - vl, vl);
					ra[base + 1 + vl] = 'z';
					struct lex_entry *r = lex_get(&s->tr_real, ra, base + vl + 2);
					if (!r) {
						rc = -1;
						break;
					}
					if (!(r->flags & LEX_VAL)) {
						r->val = val * N_SCALAR;
						r->flags |= LEX_VAL;
					}
				}
			}
		}
		/* consonant softening before a vowel: bozuk -> bozuğu */
		char last = key[kn - 1];
		char soft = last == 'k' ? 'g' : last == 't' ? 'd' : last == 'p' ? 'b' : 0;
		if (soft && kn >= 4 && !exact) {
			key[kn - 1] = soft;
			if (!lex_find(&s->tr, key, kn)) {
				struct lex_entry *a = lex_get(&s->tr, key, kn);
				if (!a) {
					rc = -1;
					break;
				}
				a->val = val;
				a->flags |= LEX_VAL;
				if (ascii)
					a->flags |= LEX_ASCII_WORD;
			}
			if (ascii && last == 'k' && kn + 2 < sizeof(real)) {
				/* an ASCII stem softened is no longer ASCII: eksik
				 * -> eksiğ (eksiği yok) */
				char ra[sizeof(real)];
				memcpy(ra, key, kn - 1);
				memcpy(ra + kn - 1, "\xc4\x9f", 2);
				struct lex_entry *r = lex_get(&s->tr_real, ra, kn + 1);
				if (!r) {
					rc = -1;
					break;
				}
				if (!(r->flags & LEX_VAL)) {
					r->val = val;
					r->flags |= LEX_VAL;
				}
			}
			if (!ascii && rn >= 2) {
				/* the softened spelling: küçük -> küçüğ */
				const char *sb = last == 'k' ? "\xc4\x9f" : last == 't' ? "d" : "b";
				size_t sl = strlen(sb), base = rn - 1;
				if (base + sl < sizeof(real)) {
					memcpy(real + base, sb, sl);
					struct lex_entry *r = lex_get(&s->tr_real, real, base + sl);
					if (!r) {
						rc = -1;
						break;
					}
					if (!(r->flags & LEX_VAL)) {
						r->val = val;
						r->flags |= LEX_VAL;
					}
				}
			}
		}
	}
	free(buf);
	if (rc < 0) {
		if (!*err)
			errf(err, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < sizeof(tr_func_words) / sizeof(*tr_func_words); i++) {
		const char *w = tr_func_words[i].w;
		if (strchr(w, ' '))
			continue;
		struct lex_entry *e = lex_get(&s->tr, w, strlen(w));
		if (!e) {
			errf(err, "out of memory");
			return -1;
		}
		e->flags |= LEX_TR_FUNC;
		e->wid = (uint16_t)tr_func_words[i].f;
		e->boost = tr_func_words[i].boost;
	}
	return 0;
}

/* ---- suffixes ---- */

static int starts(const char *s, size_t n, const char *p)
{
	size_t i = 0;
	for (; p[i]; i++)
		if (i >= n || s[i] != p[i])
			return 0;
	return 1;
}

static int is_eq(const char *s, size_t n, const char *p)
{
	return n == strlen(p) && memcmp(s, p, n) == 0;
}

/* Is r (starting at the negative marker "m") a negated verb ending? */
static int neg_at(const char *r, size_t n)
{
	if (n < 2 || r[0] != 'm')
		return 0;
	if (r[1] == 'i' || r[1] == 'u') /* -mIyor, informal -mIyo, -mIcAk/-mIcAm */
		return starts(r + 2, n - 2, "yo") || starts(r + 2, n - 2, "cak") ||
		       starts(r + 2, n - 2, "cek") || starts(r + 2, n - 2, "cam") ||
		       starts(r + 2, n - 2, "cem");
	if (r[1] != 'a' && r[1] != 'e')
		return 0;
	const char *q = r + 2;
	size_t qn = n - 2;
	if (qn == 0)
		return 1; /* beğenme, alma: imperative */
	switch (q[0]) {
	case 'd': case 'z':
		return 1; /* -mAdI, -mAdAn, -mAz */
	case 'm': /* -mAm, -mAmIş; not the nominal -mAmIz, -mAmI */
		if (qn == 1)
			return 1;
		if (q[1] == 'i' || q[1] == 'u')
			return qn >= 3 && q[2] == 's';
		/* -mAmAk, -mAmAsI, -mAmAlI: not to (sevmemek, beğenmemesi) */
		return qn >= 3 && (q[1] == 'a' || q[1] == 'e') && (q[2] == 'k' || q[2] == 's' || q[2] == 'l');
	case 'y': { /* -mAyIn, -mAyAcAk, -mAyAn, -mAyIz...; not -mAyA, -mAyI */
		static const char *const ok[] = {"in", "iz", "ac", "ec", "an", "en", "al", "el",
		                                 "ar", "er", "ip", "up", "ca", "ce"};
		for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
			if (starts(q + 1, qn - 1, ok[i]))
				return 1;
		return 0;
	}
	case 's': /* -mAsIn (let it not), -mAsA (if not); not the nominal -mAsI */
		if (qn >= 2 && (q[1] == 'a' || q[1] == 'e'))
			return 1;
		return is_eq(q, qn, "sin") || is_eq(q, qn, "sinlar") || is_eq(q, qn, "sinler") ||
		       is_eq(q, qn, "siniz") || is_eq(q, qn, "sun") || is_eq(q, qn, "sunlar");
	default:
		return 0; /* -mAk, -mAlI, -mAn... */
	}
}

/* Negation in what follows a verb stem: optional voice (passive,
 * causative, reflexive) and inability (-A-, -yA-) before the marker. */
static int neg_suffix(const char *s, size_t n)
{
	static const struct { char s[4]; uint8_t len; } voice[] = {
		{"", 0}, {"il", 2}, {"in", 2}, {"is", 2}, {"ul", 2}, {"un", 2}, {"us", 2}, {"t", 1},
		{"dir", 3}, {"dur", 3}, {"tir", 3}, {"tur", 3}, {"ir", 2}, {"ur", 2}, {"ar", 2},
		{"er", 2}, {"it", 2}, {"lan", 3}, {"len", 3}, {"las", 3}, {"les", 3}, {"la", 2}, {"le", 2}};
	static const struct { char s[3]; uint8_t len; } unable[] = {
		{"", 0}, {"a", 1}, {"e", 1}, {"ya", 2}, {"ye", 2}};
	if (n < 2 || !memchr(s, 'm', n < 6 ? n : 6))
		return 0;
	for (size_t v = 0; v < sizeof(voice) / sizeof(*voice); v++) {
		size_t vl = voice[v].len;
		if (vl && (n < vl || s[0] != voice[v].s[0] || memcmp(s, voice[v].s, vl)))
			continue;
		for (size_t u = 0; u < sizeof(unable) / sizeof(*unable); u++) {
			size_t ul = unable[u].len;
			if (ul && (n - vl < ul || memcmp(s + vl, unable[u].s, ul)))
				continue;
			if (neg_at(s + vl + ul, n - vl - ul))
				return 1;
		}
	}
	return 0;
}

/* The conditional -sA (-(I)rsA after the aorist) with its person
 * endings, right after a stem: sevsen, beğenirsek, güzelse */
static int conditional(const char *s, size_t n)
{
	static const char *const c[] = {"sa", "se", "irse", "urse", "arsa", "erse", "irsa", "ursa"};
	static const char *const pers[] = {"", "m", "n", "k", "niz", "nuz", "lar", "ler", "ydi"};
	for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++) {
		size_t l = strlen(c[i]);
		if (!starts(s, n, c[i]))
			continue;
		for (size_t j = 0; j < sizeof(pers) / sizeof(*pers); j++)
			if (is_eq(s + l, n - l, pers[j]))
				return 1;
	}
	return 0;
}

/* The verbal noun -mA with a case or possessive ending (döküL-me-si,
 * paslan-ma-ya, sev-me-ye başladım): a noun, not a negation; the voice
 * before it as in neg_suffix. A bare -mA is left to the caller. */
static int nominal_ma(const char *s, size_t n)
{
	static const char *const voice[] = {"", "il", "in", "is", "ul", "un", "us", "t", "dir", "dur",
	                                    "tir", "tur", "ir", "ur", "ar", "er", "it", "lan", "len", "las", "les"};
	static const char *const tail[] = {"", "si", "su", "yi", "yu", "ya", "ye", "da", "de",
	                                   "nin", "nun", "yla", "yle", "lar", "ler", "ni", "nu",
	                                   "sini", "sinu", "sunu", "sina", "sine", "suna", "sinda", "sinde",
	                                   "sindan", "sinden", "larin", "lerin", "lari", "leri"};
	for (size_t v = 0; v < sizeof(voice) / sizeof(*voice); v++) {
		size_t vl = strlen(voice[v]);
		if (n < vl + 2 || memcmp(s, voice[v], vl) || s[vl] != 'm' || (s[vl + 1] != 'a' && s[vl + 1] != 'e'))
			continue;
		for (size_t t = 0; t < sizeof(tail) / sizeof(*tail); t++)
			if (is_eq(s + vl + 2, n - vl - 2, tail[t]))
				return 1;
	}
	return 0;
}

static int ends_ma(const char *k, size_t n)
{
	return n >= 2 && k[n - 2] == 'm' && (k[n - 1] == 'a' || k[n - 1] == 'e');
}

static int privative(const char *s, size_t n)
{
	return starts(s, n, "siz") || starts(s, n, "suz");
}

/* ---- tokens ---- */

enum { TT_WORD, TT_EMOJI, TT_EMOTICON };

struct trtok {
	const char *s;  /* as written */
	uint32_t len;
	uint32_t key;   /* folded form: offset into the key buffer */
	uint16_t klen;
	uint32_t rkey;  /* Turkish lowercase, when the word has non-ASCII */
	uint16_t rklen;
	uint8_t type, upper, negated, has;
	uint8_t clause; /* a , . ; ! ? or newline before it */
	uint8_t asked;  /* its sentence ends with a question mark */
	uint8_t ends;   /* a . ! ? or newline right after it: the sentence ends */
	uint8_t name;   /* capitalised, with an apostrophe suffix: a proper name */
	uint8_t inner;  /* may sit inside a phrase: 0 not known yet, 1 no, 2 yes */
	uint16_t func;
	double boost;
	double val;
	unsigned rules;
	const struct lex_entry *full; /* exact entry of the whole word */
};

struct trtoks {
	struct trtok *t;
	size_t n, cap;
	struct trtok fixed[96];
	const char *src; /* the text */
	char *keys;
	size_t klen, kcap;
	char kfixed[4096];
	double *v;
	double vfixed[96];
};

static int trt_push(struct trtoks *ts)
{
	if (ts->n < ts->cap)
		return 0;
	size_t cap = ts->cap * 2;
	struct trtok *t = malloc(cap * sizeof(*t));
	double *v = malloc(cap * sizeof(*v));
	if (!t || !v) {
		free(t);
		free(v);
		return -1;
	}
	memcpy(t, ts->t, ts->n * sizeof(*t));
	if (ts->t != ts->fixed) {
		free(ts->t);
		free(ts->v);
	}
	ts->t = t;
	ts->v = v;
	ts->cap = cap;
	return 0;
}

static int trt_keyspace(struct trtoks *ts, size_t need)
{
	if (ts->klen + need <= ts->kcap)
		return 0;
	size_t cap = ts->kcap * 2;
	while (cap < ts->klen + need)
		cap *= 2;
	char *k = malloc(cap);
	if (!k)
		return -1;
	memcpy(k, ts->keys, ts->klen);
	if (ts->keys != ts->kfixed)
		free(ts->keys);
	ts->keys = k;
	ts->kcap = cap;
	return 0;
}

static void trt_free(struct trtoks *ts)
{
	if (ts->t != ts->fixed) {
		free(ts->t);
		free(ts->v);
	}
	if (ts->keys != ts->kfixed)
		free(ts->keys);
}

static int emoticon_char(unsigned char c)
{
	return c == ':' || c == ';' || c == '=' || c == '(' || c == ')' || c == '<' ||
	       c == '3' || c == '-' || c == 'D' || c == 'P' || c == 'p' || c == '/' ||
	       c == '\\' || c == '*' || c == '^' || c == '_' || c == 'x' || c == 'X' ||
	       c == 'd' || c == '\'' || c == 'o' || c == 'O' || c == '|' || c == '@';
}

/* An emoticon at p (":)", ":((", "<3", ":D"): the VADER lexicon knows
 * them; a run of the same closing character counts once. */
static size_t emoticon_len(const struct sentiment *s, const char *p, const char *end, double *val)
{
	size_t n = 0;
	while (p + n < end && n < 8 && emoticon_char((unsigned char)p[n]))
		n++;
	for (; n >= 2; n--) {
		char low[16];
		size_t m = 0, k = 0;
		while (k < n) {
			char c = (char)TO_LOWER(p[k]);
			if (m >= 2 && low[m - 1] == c && (c == ')' || c == '(' || c == 'd' || c == 'p')) {
				k++;
				continue;
			}
			low[m++] = c;
			k++;
		}
		if (m < 2)
			continue;
		int alpha = 0;
		for (size_t i = 0; i < m; i++)
			alpha += IS_ALPHA(low[i]);
		if (alpha == (int)m)
			continue;
		const struct lex_entry *e = lex_find(&s->vader, low, m);
		if (e && (e->flags & LEX_VAL)) {
			*val = e->val;
			return n;
		}
	}
	return 0;
}

/* A rating written with digits: "5 yıldız", "1 yildiz", "0 puan", "10
 * numara", "10/10", "5/5". Length consumed (0: none) and its valence:
 * 4 or 5 stars praise, 0 to 2 blame, 3 is neutral. */
static size_t rating_len(const char *p, const char *end, double *val)
{
	const char *q = p;
	long num = 0;
	while (q < end && IS_DIGIT(*q) && q - p < 3)
		num = num * 10 + (*q++ - '0');
	if (q < end && IS_DIGIT(*q))
		return 0;
	double frac = 0;
	if (q + 1 < end && (*q == '.' || *q == ',') && IS_DIGIT(q[1])) {
		/* 8.5/10, 4,5 yıldız */
		frac = (q[1] - '0') / 10.0;
		q += 2;
		if (q < end && IS_DIGIT(*q))
			return 0;
	}
	if (q + 1 < end && *q == '/' && IS_DIGIT(q[1])) {
		long den = 0;
		const char *r = q + 1;
		while (r < end && IS_DIGIT(*r) && r - q < 4)
			den = den * 10 + (*r++ - '0');
		if ((den != 5 && den != 10) || num > den || (r < end && (IS_DIGIT(*r) || IS_ALPHA(*r))))
			return 0;
		double f = ((double)num + frac) / (double)den;
		if (f >= 0.7 || f <= 0.4) {
			*val = f >= 0.7 ? 2.4 : -2.4;
			return (size_t)(r - p);
		}
		return 0;
	}
	const char *w = q;
	while (w < end && *w == ' ')
		w++;
	if (w == q)
		return 0;
	/* "10 üzerinden 8" */
	static const char *const out_of[] = {"\xc3\xbczerinden", "uzerinden"};
	for (size_t i = 0; i < 2 && (num == 5 || num == 10) && frac == 0; i++) {
		size_t ol = strlen(out_of[i]);
		if ((size_t)(end - w) <= ol || memcmp(w, out_of[i], ol))
			continue;
		const char *r = w + ol;
		while (r < end && *r == ' ')
			r++;
		long got = 0;
		const char *d = r;
		while (r < end && IS_DIGIT(*r) && r - d < 2)
			got = got * 10 + (*r++ - '0');
		if (r == d || got > num || (r < end && IS_DIGIT(*r)))
			return 0;
		double f = (double)got / (double)num;
		if (f > 0.4 && f < 0.7)
			return 0;
		*val = f >= 0.7 ? 2.4 : -2.4;
		return (size_t)(r - p);
	}
	static const struct { const char *word; long max; } unit[] = {
		{"y\xc4\xb1ld\xc4\xb1z", 5}, {"yildiz", 5}, {"Y\xc4\xb0LDIZ", 5}, {"YILDIZ", 5},
		{"puan", 10}, {"PUAN", 10}, {"numara", 10}, {"NUMARA", 10},
	};
	for (size_t i = 0; i < sizeof(unit) / sizeof(*unit); i++) {
		size_t ul = strlen(unit[i].word);
		if ((size_t)(end - w) < ul || memcmp(w, unit[i].word, ul) || num > unit[i].max)
			continue;
		if (unit[i].max == 10 && num != 10 && num != 0 && TO_LOWER(unit[i].word[0]) == 'n')
			return 0; /* "3 numara" is a size */
		double f = ((double)num + frac) / (double)unit[i].max;
		if (f > 0.4 && f < 0.7)
			return 0;
		*val = f >= 0.7 ? 2.4 : -2.4;
		const char *e = w + ul;
		while (e < end && (IS_ALPHA(*e) || (unsigned char)*e >= 0x80) && !IS_SPACE(*e))
			e++;
		return (size_t)(e - p);
	}
	return 0;
}

/* Emoticons Turkish users type that VADER's list lacks: ":s" (fed up),
 * "-.-" and "-_-" (annoyed), "^^" and "^_^" (pleased). */
static size_t tr_emoticon_len(const char *p, const char *end, double *val)
{
	static const struct { const char *e; double v; } em[] = {
		{":s", -1.2}, {":S", -1.2}, {"-.-", -1.2}, {"-_-", -1.2}, {"^^", 1.4}, {"^_^", 1.4},
	};
	for (size_t i = 0; i < sizeof(em) / sizeof(*em); i++) {
		size_t l = strlen(em[i].e);
		if ((size_t)(end - p) >= l && !memcmp(p, em[i].e, l) &&
		    (p + l == end || !IS_ALPHA(p[l]))) {
			*val = em[i].v;
			return l;
		}
	}
	return 0;
}

/* An emoticon token: its valence as written, opening a clause if one is
 * pending. */
static int push_emoticon(struct trtoks *ts, const char *p, size_t el, double ev, int clause)
{
	struct trtok *t;

	if (trt_push(ts) < 0)
		return -1;
	t = &ts->t[ts->n++];
	memset(t, 0, sizeof(*t));
	t->s = p;
	t->len = (uint32_t)el;
	t->type = TT_EMOTICON;
	t->clause = clause;
	t->val = ev;
	t->has = 1;
	t->rules = R_EMOJI;
	return 0;
}

static int tr_tokenize(const struct sentiment *s, struct trtoks *ts, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	uint8_t pending = 0; /* punctuation seen since the last token */
	size_t sent = 0;     /* first token of the sentence */
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		double ev;
		size_t el;
		if (c == ',' || c == '.' || c == ';' || c == '!' || c == '?' || c == '\n')
			pending = 1;
		if (c == '?')
			for (; sent < ts->n; sent++)
				ts->t[sent].asked = 1;
		else if (c == '.' || c == '!' || c == '\n')
			sent = ts->n;
		if ((c == '?' || c == '.' || c == '!' || c == '\n') && ts->n)
			ts->t[ts->n - 1].ends = 1;
		/* emoji start at U+00A9/U+00AE or above U+2000; Turkish letters
		 * (two bytes from 0xC3) never need the check */
		if ((c >= 0xe2 || c == 0xc2) && (el = emoji_cluster_len(p, end)) > 0) {
			if (trt_push(ts) < 0)
				return -1;
			struct trtok *t = &ts->t[ts->n];
			memset(t, 0, sizeof(*t));
			t->s = p;
			t->len = (uint32_t)el;
			t->type = TT_EMOJI;
			t->clause = pending;
			if (emoji_valence(s, p, el, &t->val)) {
				pending = 0;
				t->has = 1;
				t->rules = R_EMOJI;
				ts->n++;
			}
			p += el;
			continue;
		}
		if ((c == ':' || c == '-' || c == '^') && (el = tr_emoticon_len(p, end, &ev)) > 0 &&
		    (p == text || !IS_ALPHA(p[-1]))) {
			if (push_emoticon(ts, p, el, ev, pending) < 0)
				return -1;
			pending = 0;
			p += el;
			continue;
		}
		if (c < 0x80 && !IS_ALPHA(c) && (el = emoticon_len(s, p, end, &ev)) > 0 &&
		    (p == text || IS_SPACE(p[-1]) || !IS_ALPHA(p[-1]) || p[0] == ':' || p[0] == ';')) {
			if (push_emoticon(ts, p, el, ev, pending) < 0)
				return -1;
			pending = 0;
			p += el;
			continue;
		}
		/* @names and links are not words of the text */
		if (c == '@' || ((c == 'h' || c == 'H') && end - p >= 7 &&
		                 (!memcmp(p, "http://", 7) || (end - p >= 8 && !memcmp(p, "https://", 8))))) {
			p++;
			while (p < end && !IS_SPACE(*p) && (c != '@' || (unsigned char)*p >= 0x80 ||
			                                    IS_ALPHA(*p) || IS_DIGIT(*p) || *p == '_'))
				p++;
			continue;
		}
		/* a word: letters (and digits) up to anything else */
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &cp);
		char b[8];
		if (k <= 0) {
			p++;
			continue;
		}
		if (cp >= '0' && cp <= '9' && (p == text || (!IS_ALPHA(p[-1]) && !IS_DIGIT(p[-1]))) &&
		    (el = rating_len(p, end, &ev)) > 0) {
			if (trt_push(ts) < 0)
				return -1;
			struct trtok *t = &ts->t[ts->n++];
			memset(t, 0, sizeof(*t));
			t->s = p;
			t->len = (uint32_t)el;
			t->type = TT_EMOTICON;
			t->clause = pending;
			pending = 0;
			t->val = ev;
			t->has = 1;
			t->rules = R_LEXICON;
			p += el;
			continue;
		}
		if (fold_cp(cp, b) <= 0 || (cp >= '0' && cp <= '9')) {
			p += k;
			continue;
		}
		const char *w = p;
		if (trt_keyspace(ts, 3 * MAX_WORD + 16) < 0 || trt_push(ts) < 0)
			return -1;
		struct trtok *t = &ts->t[ts->n];
		memset(t, 0, sizeof(*t));
		t->key = (uint32_t)ts->klen;
		char *key = ts->keys + ts->klen;
		char *real = key + MAX_WORD + 8;
		size_t kn = 0, rn = 0;
		int lower = 0, upper = 0, high = 0;
		while (p < end) {
			unsigned char a = (unsigned char)*p;
			if (a < 0x80) {
				/* ASCII: no decoding, no tables */
				int al = IS_ALPHA(a), dg = IS_DIGIT(a);
				/* "f/p", "F-P": one word of two letters */
				if ((a == '/' || a == '-') && kn == 1 && p + 1 < end && IS_ALPHA(p[1]) &&
				    (p + 2 == end || (!IS_ALPHA(p[2]) && (unsigned char)p[2] < 0x80))) {
					p++;
					continue;
				}
				if (!al && !dg)
					break;
				if (al && a <= 'Z')
					upper = 1;
				else if (al)
					lower = 1;
				if (kn < MAX_WORD) {
					key[kn++] = (char)TO_LOWER(a);
					if (rn + 2 <= 2 * MAX_WORD) {
						if (a == 'I') {
							real[rn++] = '\xc4';
							real[rn++] = '\xb1';
						} else {
							real[rn++] = (char)TO_LOWER(a);
						}
					}
				}
				p++;
				continue;
			}
			k = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &cp);
			if (k <= 0)
				break;
			int m = fold_cp(cp, b);
			if (m < 0)
				break;
			int cs = letter_case(cp);
			if (cs < 0)
				lower = 1;
			else if (cs > 0)
				upper = 1;
			if (kn + (size_t)m <= MAX_WORD) {
				memcpy(key + kn, b, (size_t)m);
				kn += (size_t)m;
				char rb[8];
				int rm = real_cp(cp, rb);
				if (rm > 0 && rn + (size_t)rm <= 2 * MAX_WORD) {
					memcpy(real + rn, rb, (size_t)rm);
					rn += (size_t)rm;
				}
				high |= cp >= 0x80;
			}
			p += k;
		}
		t->s = w;
		t->len = (uint32_t)(p - w);
		t->klen = (uint16_t)kn;
		t->upper = upper && !lower && kn > 1;
		t->type = TT_WORD;
		t->clause = pending;
		pending = 0;
		if (high) {
			/* keep the real form right after the folded one */
			memmove(key + kn, real, rn);
			t->rkey = t->key + (uint32_t)kn;
			t->rklen = (uint16_t)rn;
			kn += rn;
		}
		ts->klen += kn;
		ts->n++;
		/* an apostrophe and the suffix after a name: skip; the word
		 * before it is a proper name (Turkish spelling: "Umut'un",
		 * "Mutlu'ya", "Turkcell'den") when it starts with a capital */
		if (p < end && (*p == '\'' || (end - p >= 3 && !memcmp(p, "\xe2\x80\x99", 3)))) {
			utf8proc_int32_t c0;
			if (utf8proc_iterate((const utf8proc_uint8_t *)w, p - w, &c0) > 0 && letter_case(c0) > 0 &&
			    !t->upper)
				t->name = 1;
			p += *p == '\'' ? 1 : 3;
			while (p < end) {
				k = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &cp);
				if (k <= 0 || fold_cp(cp, b) < 0)
					break;
				p += k;
			}
		}
	}
	return 0;
}

/* Does token u (a word) begin with phrase word pw (whole word when short)? */
static int phrase_word(const struct trtoks *ts, const struct trtok *u, const char *pw, size_t pn)
{
	if (u->type != TT_WORD)
		return 0;
	const char *k = ts->keys + u->key;
	if (pn < 3)
		return u->klen == pn && !memcmp(k, pw, pn);
	if (u->klen >= pn && !memcmp(k, pw, pn))
		return 1;
	/* informal -yo for -yor: "bitiyo" is "bitiyor" */
	for (size_t y = 1; y + 3 <= pn; y++)
		if (pw[y] == 'y' && pw[y + 1] == 'o' && pw[y + 2] == 'r')
			return u->klen >= pn - 1 && !memcmp(k, pw, y + 2) &&
			       !memcmp(k + y + 2, pw + y + 3, pn - y - 3);
	return 0;
}

/* Is token u a booster (çok, aşırı, gayet...) or another word that may
 * sit inside a phrase? */
static int booster_word(const struct lex *lx, const struct trtoks *ts, struct trtok *u)
{
	if (u->type != TT_WORD)
		return 0;
	if (u->inner)
		return u->inner == 2;
	const char *k = ts->keys + u->key;
	int yes;
	if (is_eq(k, u->klen, "hemen") || is_eq(k, u->klen, "de") || is_eq(k, u->klen, "da")) {
		yes = 1; /* "sorunumu hemen çözdüler", "kargo da hızlı" */
	} else {
		const struct lex_entry *e = lex_find(lx, k, u->klen);
		yes = e && (e->flags & LEX_TR_FUNC) && e->wid == TF_BOOST;
	}
	u->inner = yes ? 2 : 1;
	return yes;
}

/* Longest phrase starting at token i whose first word is key[0..fl). */
static size_t match_phrase(const struct lex *lx, struct trtoks *ts, size_t i,
                           const struct lex_entry *e, double *val)
{
	/* most phrases fail on their second word: compare its first letter
	 * before walking the words (unless a booster may sit in between) */
	const struct trtok *n1 = i + 1 < ts->n ? &ts->t[i + 1] : NULL;
	char c1 = n1 && n1->type == TT_WORD && n1->klen ? ts->keys[n1->key] : 0;
	int b1 = -1;
	for (int pi = e->phrase; pi >= 0; pi = lx->ph[pi].next) {
		const struct lex_phrase *ph = &lx->ph[pi];
		if (i + ph->nwords > ts->n)
			continue;
		const char *q = ph->words + e->klen + 1;
		if (*q != c1) {
			if (b1 < 0)
				b1 = n1 && booster_word(lx, ts, &ts->t[i + 1]);
			if (!b1)
				continue;
		}
		size_t j = i + 1, skip = 0, lastn = 0;
		for (; j < i + ph->nwords + skip && j < ts->n; j++) {
			const char *sp = strchr(q, ' ');
			size_t qn = sp ? (size_t)(sp - q) : strlen(q);
			lastn = qn;
			if (!phrase_word(ts, &ts->t[j], q, qn)) {
				/* one booster inside: "fiyatı çok yüksek" */
				if (skip == 0 && j + 1 < ts->n && booster_word(lx, ts, &ts->t[j])) {
					skip = 1;
					continue;
				}
				break;
			}
			q += qn + (sp ? 1 : 0);
		}
		if (j == i + ph->nwords + skip) {
			*val = ph->val;
			/* the last word negated: "hakkını vermiyor" for "hakkını
			 * ver", "çözüm bulamadılar" for "çözüm bul" */
			const struct trtok *u = &ts->t[j - 1];
			if (lastn >= 3 && u->klen > lastn && neg_suffix(ts->keys + u->key + lastn, u->klen - lastn))
				*val *= N_SCALAR;
			return ph->nwords + skip;
		}
	}
	return 0;
}

static int light_verb_negated(const char *k, size_t n)
{
	static const char *const lv[] = {"et", "ed", "ol", "kal", "yap", "bul", "gel", "yasa",
	                                 "cik", "gor", "sagla", "ver"};
	if (n < 3 || !memchr(k, 'm', n))
		return 0;
	for (size_t i = 0; i < sizeof(lv) / sizeof(*lv); i++) {
		if (k[0] != lv[i][0])
			continue;
		size_t l = strlen(lv[i]);
		if (n > l && !memcmp(k, lv[i], l) && neg_suffix(k + l, n - l))
			return 1;
	}
	return 0;
}

/* A word we do not know that ends like a negated verb: -mIyor..., -mAdI...,
 * -mAmIş..., -mAyAcAk..., -mAz + person/tense, -mAm. Narrower than
 * neg_suffix because the stem is unknown (firmadan, komedi, namaz). */
static int unknown_negated_verb(const char *k, size_t n)
{
	static const char *const ends[] = {
		"miyo", "muyo", "madi", "medi", "mamis", "memis", "mayacak", "meyecek",
		"mazsin", "mezsin", "mazlar", "mezler", "mazdi", "mezdi", "mayin", "meyin",
		"mayiz", "meyiz", "mayan", "meyen", "madik", "medik", "madim", "medim",
		"madin", "medin", "madilar", "mediler",
	};
	for (size_t l = 2; l + 3 < n + 1; l++) {
		if (k[l] != 'm')
			continue;
		for (size_t e = 0; e < sizeof(ends) / sizeof(*ends); e++)
			if (starts(k + l, n - l, ends[e]))
				return 1;
	}
	if (n >= 5 && (!memcmp(k + n - 3, "mam", 3) || !memcmp(k + n - 3, "mem", 3)))
		return 1;
	/* passive or inability aorist: açılmaz, kullanılamaz, giyilmez */
	static const char *const aor[] = {"ilmaz", "ilmez", "ulmaz", "ulmez", "amaz", "emez"};
	for (size_t e = 0; e < sizeof(aor) / sizeof(*aor); e++) {
		size_t l = strlen(aor[e]);
		if (n >= l + 2 && !memcmp(k + n - l, aor[e], l))
			return 1;
	}
	return 0;
}

/* Collapse runs of min or more equal letters to one ("güzeeeel"; with
 * min 2 also "süpeer", "cokk", tried only when the word as written is
 * unknown, so a real double letter, "dikkat", is read first). */
static size_t squeeze(const char *k, size_t n, char *out, size_t min)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && k[j] == k[i])
			j++;
		size_t run = j - i;
		size_t keep = run >= min ? 1 : run;
		for (size_t r = 0; r < keep; r++)
			out[o++] = k[i];
		i = j;
	}
	return o;
}

/* When the text is written with Turkish letters, a stem found in folded
 * form must be spelt the same: "açıklama" does not start with "acı". */
static int spelt_the_same(const struct sentiment *s, const struct trtoks *ts,
                          const struct trtok *t, size_t l, const struct lex_entry *e,
                          const struct lex_entry **real)
{
	*real = NULL;
	const utf8proc_uint8_t *r = (const utf8proc_uint8_t *)ts->keys + t->rkey;
	size_t rn = t->rklen, ri = 0, folded = 0;
	int high = 0;
	while (folded < l && ri < rn) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(r + ri, (utf8proc_ssize_t)(rn - ri), &cp);
		if (k <= 0)
			return 0;
		char b[8];
		int m = fold_cp(cp, b);
		ri += (size_t)k;
		if (m > 0)
			folded += (size_t)m;
		high |= cp >= 0x80;
	}
	if (folded != l)
		return 0;
	if (!high)
		return (e->flags & LEX_ASCII_WORD) != 0;
	const struct lex_entry *re = lex_find(&s->tr_real, (const char *)r, ri);
	if (!re || !(re->flags & LEX_VAL))
		return 0;
	*real = re; /* its valence: "sakın" is not "sakin" */
	return 1;
}

/* Can key[l..kn) be Turkish suffixes after the stem key[0..l)? Folded
 * text keeps only a/e apart, so the check is what that allows: a suffix
 * whose first vowel breaks the stem's front/back harmony (a after e, e
 * after a, but -ken and -ki never change), or an o that is not -yor
 * ("super-online"), is no suffix. */
static int suffix_fits(const char *key, size_t l, size_t kn)
{
	char last = 0;
	for (size_t i = l; i-- > 0;)
		if (key[i] == 'a' || key[i] == 'e' || key[i] == 'i' || key[i] == 'o' || key[i] == 'u') {
			last = key[i];
			break;
		}
	const char *sfx = key + l;
	size_t sn = kn - l;
	for (size_t i = 0; i < sn; i++) {
		char c = sfx[i];
		if (c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u')
			continue;
		if (c == 'o')
			return i >= 1 && sfx[i - 1] == 'y'; /* -yor, informal -yo */
		if (c == 'i' || c == 'u')
			return 1;
		if (starts(sfx + (i ? i - 1 : 0), sn - (i ? i - 1 : 0), "ken"))
			return 1;
		if (last == 'a' && c == 'e')
			return 0;
		if (last == 'e' && c == 'a')
			return 0;
		return 1;
	}
	return 1;
}

/* A bare -mA is a noun when a word follows in its clause ("tüylenme
 * yapıyor"); at the end, or after "sakın", it is the negated imperative
 * ("sakın kaçırma", "üzülme"). */
static int bare_ma_noun(const struct trtoks *ts, size_t i)
{
	const struct trtok *p = i > 0 ? &ts->t[i - 1] : NULL;
	if (p && p->type == TT_WORD && is_eq(ts->keys + p->key, p->klen, "sakin"))
		return 0;
	return i + 1 < ts->n && ts->t[i + 1].type == TT_WORD && !ts->t[i + 1].clause;
}

/* Valence of one word from the lexicon: whole word, phrase, stem. */
static size_t word_valence(const struct sentiment *s, struct trtoks *ts, size_t i)
{
	const struct lex *lx = &s->tr;
	struct trtok *t = &ts->t[i];
	const char *key = ts->keys + t->key;
	size_t kn = t->klen;
	char sq[MAX_WORD + 8], sq2[MAX_WORD + 8];
	if (t->rklen) {
		const struct lex_entry *r = lex_find(&s->tr_real, ts->keys + t->rkey, t->rklen);
		if (r && (r->flags & LEX_VAL) && !(lex_find(lx, key, kn) &&
		                                   (lex_find(lx, key, kn)->flags & LEX_PHRASE))) {
			t->val = r->val;
			t->has = r->val != 0;
			return 1;
		}
	}
	uint32_t ph[MAX_WORD + 9];
	for (int attempt = 0; attempt < 3; attempt++) {
		/* FNV-1a of every prefix in one pass */
		uint32_t h = 2166136261u;
		for (size_t l = 0; l < kn; l++) {
			h = (h ^ (unsigned char)key[l]) * 16777619u;
			ph[l + 1] = h;
		}
		for (size_t l = kn; l >= 2; l--) {
			const struct lex_entry *e = lex_find_h(lx, key, l, ph[l]);
			if (!e)
				continue;
			double pv;
			size_t pw;
			if ((e->flags & LEX_PHRASE) && (l == kn || l >= 3) &&
			    (pw = match_phrase(lx, ts, i, e, &pv)) > 0) {
				const struct trtok *last = &ts->t[i + pw - 1];
				t->len = (uint32_t)(last->s + last->len - t->s);
				t->val = pv;
				t->has = pv != 0; /* a 0 phrase only blocks */
				t->rules |= R_PHRASE;
				return pw;
			}
			if (!(e->flags & LEX_VAL))
				continue;
			if (l < kn && (l < 3 || (e->flags & LEX_EXACT)))
				continue;
			const struct lex_entry *re = NULL;
			if (t->rklen && attempt == 0 && !spelt_the_same(s, ts, t, l, e, &re))
				continue;
			if (l < kn && !suffix_fits(key, l, kn))
				continue;
			t->val = re ? re->val : e->val;
			t->has = t->val != 0;
			if (l < kn) {
				t->rules |= R_STEM;
				/* the stem found may swallow a letter of the suffix
				 * (beğeni-lmedi for beğen-ilmedi) */
				if (nominal_ma(key + l, kn - l) &&
				    (ends_ma(key, kn) ? t->val < 0 && bare_ma_noun(ts, i) : 1)) {
					/* "saç dökülmesi", "bozulma": the flaw, named */
				} else if (neg_suffix(key + l, kn - l) ||
				           (l > 3 && key[l - 1] != 'm' && neg_suffix(key + l - 1, kn - l + 1))) {
					t->negated = 1;
					t->val *= N_SCALAR;
					t->rules |= R_NEGATED;
				} else if (privative(key + l, kn - l)) {
					t->val *= N_SCALAR;
					t->rules |= R_NEGATED;
				} else if (conditional(key + l, kn - l)) {
					/* "sevsen", "beğenirsen", "güzelse": only if */
					t->val *= 0.5;
					t->rules |= R_DAMPENER;
				}
			}
			return 1;
		}
		/* elongated: runs of three letters first, then of two (a
		 * real double letter, "dikkat", is kept when it is known) */
		int dup = 0;
		for (size_t c = 1; c < kn && !dup; c++)
			dup = key[c] == key[c - 1];
		if (!dup)
			break;
		char *dst = attempt == 0 ? sq : sq2;
		size_t m = squeeze(key, kn, dst, attempt == 0 ? 3 : 2);
		if (m == kn) {
			if (attempt == 1)
				break;
			attempt++;
			m = squeeze(key, kn, sq2, 2);
			if (m == kn)
				break;
			dst = sq2;
		}
		key = dst;
		kn = m;
	}
	return 1;
}

/* Valence of the longest known stem of k[0..n) (folded spelling only),
 * negated by a verbal negation or -sIz after it; 0 when none. */
static int stem_valence(const struct sentiment *s, const char *k, size_t n, size_t min, double *val)
{
	for (size_t l = n; l >= min; l--) {
		const struct lex_entry *e = lex_find(&s->tr, k, l);
		if (!e || !(e->flags & LEX_VAL) || (e->flags & LEX_TR_FUNC))
			continue;
		if (l < n && ((e->flags & LEX_EXACT) || !suffix_fits(k, l, n)))
			continue;
		if (e->val == 0)
			return 0;
		*val = e->val;
		if (l < n && (neg_suffix(k + l, n - l) || privative(k + l, n - l)))
			*val *= N_SCALAR;
		return 1;
	}
	return 0;
}

/* A word not found that is two words typed as one: a booster and a
 * rated word ("çokgüzel", "aşırıiyi"), or a hashtag ("#gerçektenbıktım",
 * "#kargorezalet"): the rated word inside counts. */
static void glued_valence(const struct sentiment *s, struct trtoks *ts, size_t i)
{
	struct trtok *t = &ts->t[i];
	const char *k = ts->keys + t->key;
	size_t n = t->klen;
	int hashtag = t->s > ts->src && t->s[-1] == '#';
	size_t only = starts(k, n, "cok") || starts(k, n, "hic") ? 3 :
	              starts(k, n, "asiri") || starts(k, n, "gayet") ? 5 : starts(k, n, "en") ? 2 : 0;
	if (!hashtag && !only)
		return;
	for (size_t l = hashtag ? 2 : only; l + 3 <= n && (hashtag || l == only); l++) {
		const struct lex_entry *f = lex_find(&s->tr, k, l);
		int boost = f && (f->flags & LEX_TR_FUNC) && (f->wid == TF_BOOST || f->wid == TF_HIC);
		if (!boost && !(hashtag && l >= 3 && f))
			continue;
		double v;
		if (!stem_valence(s, k + l, n - l, 4, &v))
			continue;
		if (boost && f->wid == TF_BOOST)
			v += v > 0 ? f->boost : -f->boost;
		t->val = v;
		t->has = 1;
		t->rules |= R_STEM;
		return;
	}
}

/* Keyboard smash, Turkish Twitter's laughter: "SAJFHAKHGAKJFHAKJG",
 * "asdasd", "ksksks": six or more letters nearly all from the home row
 * (a s d f g h j k l), not a word of the lexicon. */
static int keyboard_smash(const char *k, size_t n)
{
	if (n < 6 || n > MAX_WORD || !strchr("asdfghjkl", k[0]) || !strchr("asdfghjkl", k[1]))
		return 0;
	size_t home = 0, vowels = 0;
	for (size_t i = 0; i < n; i++) {
		char c = k[i];
		home += c == 'a' || c == 's' || c == 'd' || c == 'f' || c == 'g' || c == 'h' || c == 'j' ||
		        c == 'k' || c == 'l';
		vowels += c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
	}
	return home * 10 >= n * 9 && vowels * 3 <= n;
}

/* -mAyIn, -mAyInIz: a negated imperative */
static int neg_imperative(const char *k, size_t n)
{
	static const char *const e[] = {"mayin", "meyin", "mayiniz", "meyiniz", "muyun", "muyunuz"};
	for (size_t i = 0; i < sizeof(e) / sizeof(*e); i++) {
		size_t l = strlen(e[i]);
		if (n > l + 1 && !memcmp(k + n - l, e[i], l))
			return 1;
	}
	return 0;
}

/* giyemiyorum, kullanamadım: a verb of using with -(y)AmA-, could not
 * (after a flaw: "ayağımı vurdu, giyemiyorum") */
static int unable_verb(const char *k, size_t n)
{
	static const char *const v[] = {"giy", "kullan", "tak", "ac", "tasi", "otur", "yika", "ye",
	                                "ic", "sur", "calistir", "sarj ed"};
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		size_t l = strlen(v[i]);
		if (n > l + 3 && !memcmp(k, v[i], l) &&
		    (starts(k + l, n - l, "ama") || starts(k + l, n - l, "eme") ||
		     starts(k + l, n - l, "ami") || starts(k + l, n - l, "emi") ||
		     starts(k + l, n - l, "yama") || starts(k + l, n - l, "yeme") ||
		     starts(k + l, n - l, "yami") || starts(k + l, n - l, "yemi")))
			return 1;
	}
	return 0;
}

/* edemedim, yapamadık: a light verb with -(y)AmA-, could not */
static int light_verb_unable(const char *k, size_t n)
{
	static const char *const lv[] = {"ed", "et", "yap", "al", "ol", "bul", "degistir", "cikar"};
	for (size_t i = 0; i < sizeof(lv) / sizeof(*lv); i++) {
		size_t l = strlen(lv[i]);
		if (n > l + 3 && !memcmp(k, lv[i], l) &&
		    (starts(k + l, n - l, "ama") || starts(k + l, n - l, "eme") ||
		     starts(k + l, n - l, "yama") || starts(k + l, n - l, "yeme")))
			return 1;
	}
	return 0;
}

/* The token carries no valence after all. */
static void unrate(struct trtok *t)
{
	t->has = 0;
	t->val = 0;
	t->rules = 0;
}

static int key_is(const struct trtoks *ts, const struct trtok *t, const char *w)
{
	return t->type == TT_WORD && is_eq(ts->keys + t->key, t->klen, w);
}

/* The question particle: mi, mı, mu, mü with person and tense (misin,
 * midir, miydi, musunuz). */
static int question_word(const struct trtoks *ts, const struct trtok *u)
{
	if (u->type != TT_WORD || u->klen < 2 || u->klen > 8)
		return 0;
	const char *k = ts->keys + u->key;
	if (k[0] != 'm' || (k[1] != 'i' && k[1] != 'u'))
		return 0;
	static const char *const rest[] = {"", "y", "yim", "yiz", "yum", "yuz", "sin", "sun", "siniz",
	                                    "sunuz", "dir", "dur", "ydi", "ydu", "ymis", "ymus"};
	for (size_t i = 0; i < sizeof(rest) / sizeof(*rest); i++)
		if (is_eq(k + 2, u->klen - 2, rest[i]))
			return 1;
	return 0;
}

/* "bu kadar" (or "böyle") within the four words before token i, in the
 * same clause */
static int bu_kadar_before(const struct trtoks *ts, size_t i)
{
	for (size_t d = 1; d <= 4 && d <= i; d++) {
		const struct trtok *k = &ts->t[i - d];
		if (key_is(ts, k, "boyle") || (key_is(ts, k, "kadar") && i - d > 0 &&
		                               key_is(ts, &ts->t[i - d - 1], "bu")))
			return 1;
		if (ts->t[i - d + 1].clause)
			break;
	}
	return 0;
}

/* Word w ("daha", "kadar") one or two words before token j, in its
 * clause: "daha iyisi yok", "onun kadar güzeli yok" (nothing better) */
static int word_before(const struct trtoks *ts, size_t j, const char *w)
{
	for (size_t d = 1; d <= 2 && d <= j; d++) {
		if (key_is(ts, &ts->t[j - d], w))
			return 1;
		if (ts->t[j - d + 1].clause)
			break;
	}
	return 0;
}

/* The counterfactual -sAydI of a light verb: "kaliteli olsaydı alırdım"
 * (it is not), 1; its negated form, "kargo geç olmasaydı" (it was), 2;
 * else 0. The bare -sA ("olsa olsa", "ne olursa olsun") is left alone. */
static int counterfactual(const char *k, size_t n)
{
	static const char *const lv[] = {"ol", "et", "ed", "yap", "bul", "gel", "cik", "ver", "calis"};
	if (n < 6 || !strchr("oeybgcv", k[0]))
		return 0;
	for (size_t i = 0; i < sizeof(lv) / sizeof(*lv); i++) {
		size_t l = strlen(lv[i]);
		if (n <= l || memcmp(k, lv[i], l))
			continue;
		const char *r = k + l;
		size_t rn = n - l;
		int neg = starts(r, rn, "ma") || starts(r, rn, "me");
		if (neg) {
			r += 2;
			rn -= 2;
		}
		if (!starts(r, rn, "sa") && !starts(r, rn, "se"))
			continue;
		if (starts(r + 2, rn - 2, "ydi") || starts(r + 2, rn - 2, "ymis") ||
		    starts(r + 2, rn - 2, "lardi") || starts(r + 2, rn - 2, "lerdi"))
			return neg ? 2 : 1;
	}
	return 0;
}

/* A verb saying a problem went away: çözüldü, giderildi, halloldu,
 * düzeldi, düzeltildi, onarıldı */
static int resolved_verb(const char *k, size_t n)
{
	static const char *const rv[] = {"cozul", "cozdu", "gideril", "giderdi", "hallol", "hallet",
	                                  "duzeldi", "duzelti", "onarildi", "tamir edildi"};
	if (n < 5 || !strchr("cghdot", k[0]))
		return 0;
	for (size_t i = 0; i < sizeof(rv) / sizeof(*rv); i++)
		if (starts(k, n, rv[i]))
			return 1;
	return 0;
}

/* olamaz, olamazdı, bulamazsınız, bulamadım: cannot be, cannot find */
static int cannot_be(const char *k, size_t n)
{
	return starts(k, n, "olama") || starts(k, n, "bulama");
}

/* When the letters and function words do not tell the language: are two
 * or more words (four letters or more) rated in the Turkish lexicon, and
 * more of them than words of VADER's? ("kisa zamanda cikar gibi geliyor") */
int tr_lexicon_vote(const struct sentiment *s, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int tr = 0, en = 0;

	while (p < end) {
		char key[MAX_WORD + 8], low[MAX_WORD + 8];
		size_t kn = 0, ln = 0;
		int ascii = 1;
		while (p < end) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &cp);
			char b[8];
			int m;
			if (k <= 0 || (m = fold_cp(cp, b)) < 0)
				break;
			if (kn + (size_t)m <= MAX_WORD) {
				memcpy(key + kn, b, (size_t)m);
				kn += (size_t)m;
			}
			if (cp < 0x80 && ln < MAX_WORD)
				low[ln++] = (char)TO_LOWER(cp);
			ascii &= cp < 0x80;
			p += k;
		}
		if (kn >= 3) {
			const struct lex_entry *t = kn >= 4 ? lex_find(&s->tr, key, kn) : NULL;
			const struct lex_entry *e = ascii ? lex_find(&s->vader, low, ln) : NULL;
			tr += t && (t->flags & LEX_VAL) && !(t->flags & LEX_TR_FUNC) && t->val != 0;
			en += e != NULL;
		}
		if (p < end) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &cp);
			p += k > 0 ? k : 1;
		}
	}
	return tr >= 2 && tr > en;
}

int tr_score(const struct sentiment *s, const char *text, size_t len,
             struct sentiment_scores *out, struct sentiment_explain *ex)
{
	struct trtoks ts;
	ts.t = ts.fixed;
	ts.v = ts.vfixed;
	ts.n = 0;
	ts.cap = sizeof(ts.fixed) / sizeof(*ts.fixed);
	ts.keys = ts.kfixed;
	ts.src = text;
	ts.klen = 0;
	ts.kcap = sizeof(ts.kfixed);
	if (tr_tokenize(s, &ts, text, len) < 0) {
		trt_free(&ts);
		return -1;
	}
	struct trtok *t = ts.t;
	size_t n = ts.n;
	double *v = ts.v;
	/* function words and lexicon valences */
	for (size_t i = 0; i < n; i++) {
		if (t[i].type != TT_WORD)
			continue;
		const char *key = ts.keys + t[i].key;
		const struct lex_entry *e = lex_find(&s->tr, key, t[i].klen);
		int dup = 0;
		for (size_t c = 1; c < t[i].klen && !dup; c++)
			dup = key[c] == key[c - 1];
		if (dup && (!e || !(e->flags & LEX_TR_FUNC)) && t[i].klen <= MAX_WORD) {
			/* elongated function words: "çoook", "yokkk", "hiiiç" */
			char sq[MAX_WORD + 8];
			for (size_t min = 3; min >= 2 && (!e || !(e->flags & LEX_TR_FUNC)); min--) {
				size_t m = squeeze(key, t[i].klen, sq, min);
				if (m < t[i].klen) {
					const struct lex_entry *f = lex_find(&s->tr, sq, m);
					if (f && (f->flags & LEX_TR_FUNC))
						e = f;
				}
			}
		}
		if ((!e || !(e->flags & LEX_TR_FUNC)) && t[i].klen > 5 && t[i].klen <= 12 &&
		    starts(key, t[i].klen, "degil") && !starts(key + 5, t[i].klen - 5, "mi") &&
		    !starts(key + 5, t[i].klen - 5, "mu")) {
			/* every person and tense of değil: değildik, değilsiniz */
			t[i].func = TF_DEGIL;
			continue;
		}
		if (e && (e->flags & LEX_TR_FUNC)) {
			t[i].func = e->wid;
			t[i].boost = e->boost;
			if (e->wid == TF_DERECE && !(i > 0 && t[i - 1].func == TF_SON))
				t[i].func = TF_NONE;
			if (t[i].func != TF_NONE && !(e->flags & LEX_PHRASE))
				continue;
		}
		size_t used = word_valence(s, &ts, i);
		/* "Umut'un", "Mutlu'ya": a name, not a feeling; "X ile ilgili",
		 * "siparişimle ilgili": about X, not attentive */
		if (used == 1 && t[i].has &&
		    (t[i].name ||
		     (i > 0 && !t[i].clause && starts(key, t[i].klen, "ilgili") && t[i - 1].type == TT_WORD &&
		      t[i - 1].klen >= 3 &&
		      (is_eq(ts.keys + t[i - 1].key, t[i - 1].klen, "ile") ||
		       !memcmp(ts.keys + t[i - 1].key + t[i - 1].klen - 2, "la", 2) ||
		       !memcmp(ts.keys + t[i - 1].key + t[i - 1].klen - 2, "le", 2))))) {
			unrate(&t[i]);
			continue;
		}
		for (size_t j = 1; j < used; j++) {
			t[i + j].func = TF_NONE;
			t[i + j].has = 0;
			t[i + j].val = 0;
			t[i + j].type = TT_EMOJI; /* consumed: not a word any more */
		}
		if (used > 1)
			t[i].func = TF_NONE;
		if (t[i].has && t[i].negated && (t[i].rules & R_STEM) && bu_kadar_before(&ts, i)) {
			/* "bu kadar sevinmemiştim": never this glad */
			t[i].val /= N_SCALAR;
			t[i].negated = 0;
			t[i].rules &= ~(unsigned)R_NEGATED;
		}
		/* a negated light verb after a rated word negates that word
		 * rather than counting on its own: "pişman olmadım", "memnun
		 * kalmadık", even when the lexicon rates "olmadı" itself */
		if (t[i].has && used == 1 && i > 0 && !t[i].clause && t[i - 1].has &&
		    t[i - 1].type == TT_WORD && light_verb_negated(key, t[i].klen)) {
			unrate(&t[i]);
			t[i].func = TF_NEGVERB;
		}
		if (!t[i].has && used == 1 && t[i].func == TF_NONE && t[i].klen >= 6)
			glued_valence(s, &ts, i);
		if (!t[i].has && used == 1 && t[i].func == TF_NONE && keyboard_smash(key, t[i].klen)) {
			t[i].val = 1.5;
			t[i].has = 1;
			t[i].rules |= R_LEXICON;
		}
		int cf = used == 1 ? counterfactual(key, t[i].klen) : 0;
		if (cf) {
			/* "olsaydı" takes back the word before it; "olmasaydı"
			 * grants it: neither is a negated verb */
			unrate(&t[i]);
			t[i].func = cf == 1 ? TF_COUNTER : TF_NONE;
		}
		if (!t[i].has && used == 1 && t[i].func == TF_NONE && !cf) {
			if (light_verb_negated(key, t[i].klen) || unknown_negated_verb(key, t[i].klen))
				t[i].func = TF_NEGVERB;
		}
		i += used - 1;
	}
	/* "değil", "yok", negated light verbs: negate the word before */
	for (size_t i = 0; i < n; i++) {
		if (t[i].func != TF_DEGIL && t[i].func != TF_YOK && t[i].func != TF_NEGVERB &&
		    t[i].func != TF_COUNTER)
			continue;
		/* "güzel değil mi?", "değil midir": asking for agreement does
		 * not negate */
		if (t[i].func == TF_DEGIL && i + 1 < n && question_word(&ts, &t[i + 1]) && !t[i + 1].clause)
			continue;
		/* "bu kadar ... görmemiştim", "bu kadar güzel olacağını
		 * düşünmemiştim": surprise at a degree, no negation */
		if (t[i].func == TF_NEGVERB && bu_kadar_before(&ts, i))
			continue;
		/* "yok ol-", "yok et-": vanish, destroy; no "there is not" */
		if (t[i].func == TF_YOK && i + 1 < n && !t[i + 1].clause && t[i + 1].type == TT_WORD &&
		    (starts(ts.keys + t[i + 1].key, t[i + 1].klen, "ol") ||
		     starts(ts.keys + t[i + 1].key, t[i + 1].klen, "et") ||
		     starts(ts.keys + t[i + 1].key, t[i + 1].klen, "ed")))
			continue;
		size_t j = i;
		int found = 0;
		/* a negated verb of its own ("anlayamadım") negates only the
		 * word right before it; değil, yok and light verbs reach two */
		size_t reach = t[i].func == TF_NEGVERB && !light_verb_negated(ts.keys + t[i].key, t[i].klen) ? 1 : 2;
		size_t dist = 0;
		while (j > 0 && dist < reach && !t[j].clause) {
			j--;
			/* the later words of a phrase do not count, nor "bir",
			 * "şey", "diye" ("mutluluk diye bir şey yok") */
			if (t[j].type == TT_EMOJI && !t[j].has)
				continue;
			if (!t[j].has && t[i].func != TF_NEGVERB &&
			    (key_is(&ts, &t[j], "bir") || key_is(&ts, &t[j], "sey") || key_is(&ts, &t[j], "bisey") ||
			     key_is(&ts, &t[j], "birsey") || key_is(&ts, &t[j], "diye")))
				continue;
			dist++;
			if (t[j].func == TF_CONTRAST)
				break;
			/* "hala" before a negated verb: still not done
			 * ("param hala yatmadı"), not a negated "hala" */
			if (t[i].func == TF_NEGVERB && key_is(&ts, &t[j], "hala"))
				break;
			/* negative concord: "kimse aramadı" is nobody called */
			if (t[j].has && t[j].val < 0 && t[j].type == TT_WORD &&
			    (starts(ts.keys + t[j].key, t[j].klen, "kimse") ||
			     starts(ts.keys + t[j].key, t[j].klen, "hickimse"))) {
				found = 1;
				break;
			}
			/* a flaw and then another negated verb ("berbat,
			 * okunmuyor") are two complaints; only a light verb
			 * turns a flaw around ("sorun yaşamadım") */
			if (t[j].has && t[j].val < 0 && reach == 1) {
				found = 1;
				break;
			}
			if (t[j].has && !(t[j].func == TF_NEGVERB)) {
				/* a warning ("paranızı çöpe atmayın") and a remedy
				 * that failed ("iade edemedim") stay bad */
				if (t[j].val < 0 && t[i].func == TF_NEGVERB &&
				    (neg_imperative(ts.keys + t[i].key, t[i].klen) ||
				     light_verb_unable(ts.keys + t[i].key, t[i].klen) ||
				     unable_verb(ts.keys + t[i].key, t[i].klen))) {
					found = 1;
					break;
				}
				/* "daha iyisi olamaz", "daha güzeli yok", "daha
				 * iyisini bulamazsınız": nothing better, praise */
				if ((word_before(&ts, j, "daha") || word_before(&ts, j, "kadar")) &&
				    (t[i].func == TF_YOK || cannot_be(ts.keys + t[i].key, t[i].klen))) {
					found = 1;
					break;
				}
				t[j].val *= N_SCALAR;
				t[j].negated = !t[j].negated;
				t[j].rules |= R_NEGATED;
				found = 1;
				break;
			}
		}
		if (!found && t[i].func == TF_YOK) {
			t[i].val = -1.0;
			t[i].has = 1;
			t[i].rules |= R_LEXICON;
		} else if (!found && t[i].func == TF_NEGVERB) {
			/* a negated action with nothing rated before it ("gelmedi",
			 * "açılmıyor"): in reviews and complaints, a problem */
			t[i].val = -0.6;
			t[i].has = 1;
			t[i].negated = 1;
			t[i].rules |= R_NEGATED;
		}
	}
	/* dying of laughter: "gülmekten öldüm", "çatladım gülmekten" - the
	 * harm in the same clause is a figure of speech */
	for (size_t i = 0; i < n; i++) {
		if (t[i].type != TT_WORD || !(key_is(&ts, &t[i], "gulmekten") || key_is(&ts, &t[i], "gulmeden") ||
		                               key_is(&ts, &t[i], "gulmekden")))
			continue;
		/* four words either side, within the clause */
		size_t a = i, b = i;
		while (a > 0 && i - a < 4 && (a == i || !t[a].clause))
			a--;
		while (b + 1 < n && b - i < 4 && !t[b + 1].clause)
			b++;
		for (size_t j = a; j <= b; j++)
			if (j != i && t[j].has && t[j].val < 0)
				unrate(&t[j]);
	}
	/* "maalesef", "ne yazık ki": what the sentence says is unwelcome;
	 * praise in it is not asserted ("maalesef mutluluk garantisi yok") */
	for (size_t i = 0; i < n; i++) {
		if (t[i].type != TT_WORD || !(key_is(&ts, &t[i], "maalesef") || key_is(&ts, &t[i], "malesef") ||
		                               key_is(&ts, &t[i], "malasef")))
			continue;
		size_t a = i, b = i;
		while (a > 0 && !t[a - 1].ends)
			a--;
		while (b + 1 < n && !t[b].ends)
			b++;
		for (size_t j = a; j <= b; j++)
			if (t[j].has && t[j].val > 0 && j != i) {
				t[j].val *= 0.5;
				t[j].rules |= R_DAMPENER;
			}
	}
	/* a problem that was solved is no complaint: "sorunum çözüldü",
	 * "arıza giderildi" (only when the verb is not negated) */
	for (size_t i = 1; i < n; i++) {
		if (t[i].type != TT_WORD || t[i].negated || t[i].clause ||
		    !resolved_verb(ts.keys + t[i].key, t[i].klen))
			continue;
		for (size_t d = 1; d <= 3 && d <= i; d++) {
			struct trtok *p = &t[i - d];
			if (p->has && p->val < 0 && p->type == TT_WORD && !p->negated) {
				unrate(p);
				break;
			}
			if (p->clause || p->has)
				break;
		}
	}
	/* questions: "kaliteli mi?" asks, it does not praise; "bu mu
	 * kalite?", "buna kalite mi denir" mock */
	for (size_t i = 0; i < n; i++) {
		if (!t[i].has || t[i].val <= 0 || t[i].type != TT_WORD)
			continue;
		int mock = i >= 2 && question_word(&ts, &t[i - 1]) && key_is(&ts, &t[i - 2], "bu") &&
		           !t[i].clause && !t[i - 1].clause;
		int ask = i + 1 < n && question_word(&ts, &t[i + 1]) && !t[i + 1].clause;
		if (ask && !mock)
			mock = (i + 2 < n && t[i + 2].type == TT_WORD &&
			        starts(ts.keys + t[i + 2].key, t[i + 2].klen, "den")) ||
			       (i >= 1 && key_is(&ts, &t[i - 1], "buna"));
		if (mock) {
			t[i].val *= N_SCALAR;
			t[i].negated = 1;
			t[i].rules |= R_NEGATED;
		} else if (ask) {
			t[i].val *= 0.3;
			t[i].rules |= R_DAMPENER;
		} else if (t[i].asked) {
			/* a question does not assert: "iyi bir şey mi bu?",
			 * "bu kadar güzel olması gerekmez miydi?" */
			t[i].val *= 0.5;
			t[i].rules |= R_DAMPENER;
		}
	}
	/* "inanılmaz", "müthiş", "korkunç", "dehşet" right before a rated
	 * word only strengthen it ("inanılmaz kötü", "dehşet güzel") */
	for (size_t i = 0; i + 1 < n; i++) {
		if (!t[i].has || !t[i + 1].has || t[i + 1].clause || t[i].type != TT_WORD ||
		    t[i + 1].type != TT_WORD || t[i].negated)
			continue;
		const char *k = ts.keys + t[i].key;
		if (!is_eq(k, t[i].klen, "inanilmaz") && !is_eq(k, t[i].klen, "muthis") &&
		    !is_eq(k, t[i].klen, "korkunc") && !is_eq(k, t[i].klen, "feci") &&
		    !is_eq(k, t[i].klen, "dehset") && !is_eq(k, t[i].klen, "dehsetli"))
			continue;
		t[i].has = 0;
		t[i].val = 0;
		t[i + 1].val += t[i + 1].val < 0 ? -B_INCR : B_INCR;
		t[i + 1].rules |= R_BOOSTER;
	}
	/* boosters, dampeners, "hiç" with negations, capitals */
	size_t nup = 0, nwords = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i].type == TT_WORD) {
			nwords++;
			nup += t[i].upper;
		}
	int capdiff = nup > 0 && nup < nwords;
	for (size_t i = 0; i < n; i++) {
		if (!t[i].has)
			continue;
		double val = t[i].val;
		for (size_t d = 1; d <= 2 && d <= i; d++) {
			const struct trtok *b = &t[i - d];
			if (b->has || b->func == TF_CONTRAST)
				break;
			double sc = 0;
			if (b->func == TF_BOOST || b->func == TF_DERECE || b->func == TF_DAMP)
				sc = b->boost;
			else if (b->func == TF_HIC && t[i].negated)
				sc = b->boost;
			if (sc == 0)
				continue;
			if (val < 0)
				sc = -sc;
			if (d == 2)
				sc *= 0.95;
			val += sc;
			t[i].rules |= b->func == TF_DAMP ? R_DAMPENER : R_BOOSTER;
		}
		/* "hiç" after the word it strengthens: "beğenmedim hiç" */
		if (t[i].negated && i + 1 < n && t[i + 1].func == TF_HIC) {
			val += val < 0 ? -t[i + 1].boost : t[i + 1].boost;
			t[i].rules |= R_BOOSTER;
		}
		if (t[i].upper && capdiff) {
			val += val > 0 ? C_INCR : -C_INCR;
			t[i].rules |= R_CAPS;
		}
		t[i].val = val;
	}
	/* contrast: the clause after the last "ama" weighs more */
	size_t ci = n;
	for (size_t i = n; i-- > 0;)
		if (t[i].func == TF_CONTRAST) {
			ci = i;
			break;
		}
	/* a concession softened by "biraz" ("çok iyi ama biraz pahalı")
	 * does not outweigh what came before it */
	int minor = 0;
	for (size_t i = ci + 1; i < n && ci < n; i++)
		if (t[i].has && (t[i].rules & R_DAMPENER))
			minor = 1;
		else if (t[i].has) {
			minor = 0;
			break;
		}
	for (size_t i = 0; i < n; i++) {
		v[i] = t[i].has ? t[i].val : 0;
		if (ci < n && v[i] != 0 && !minor) {
			v[i] *= i < ci ? 0.5 : 1.5;
			t[i].rules |= R_CONTRAST;
		}
	}
	/* negative words weigh more (Taboada et al. 2011, SO-CAL): people
	 * praise in passing and complain in earnest, and a lexicon of
	 * valences alone leans positive */
	for (size_t i = 0; i < n; i++)
		if (v[i] < 0)
			v[i] *= NEG_WEIGHT;
	vader_scores(v, n, text, len, out);
	int rc = 0;
	if (ex)
		for (size_t i = 0; i < n && rc == 0; i++)
			if (v[i] != 0)
				rc = explain_add(ex, t[i].s, t[i].len, v[i], t[i].rules);
	trt_free(&ts);
	return rc;
}
