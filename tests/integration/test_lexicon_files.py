"""The lexicons hark ships (etc/lexicon/*.tsv): every line a comment or
KEY<TAB>VALENCE[<TAB>x] (emoji.tsv: <TAB>name), valences within VADER's
-4..4, and no key twice
(the loader would let the later one win silently; for Turkish keys after
Turkish lowercasing, I -> ı, İ -> i)."""
import os

from harktest import ok, done

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def tr_lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


for name in ("tr.tsv", "en_commerce.tsv", "emoji.tsv"):
    path = os.path.join(ROOT, "etc", "lexicon", name)
    bad, dup, seen, n = [], [], {}, 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            try:
                v = float(parts[1]) if len(parts) in (2, 3) else None
            except ValueError:
                v = None
            # emoji.tsv's third column is the emoji's name; elsewhere only "x"
            third_ok = len(parts) < 3 or name == "emoji.tsv" or parts[2] == "x"
            if v is None or not -4.0 <= v <= 4.0 or not third_ok or not parts[0].strip():
                bad.append((i, line))
                continue
            key = tr_lower(parts[0]) if name == "tr.tsv" else parts[0]
            if key in seen:
                dup.append((seen[key], i, parts[0]))
            seen[key] = i
            n += 1
    ok(n > 0 and not bad, "%s: %d entries, every line KEY<TAB>VALENCE[<TAB>x] within -4..4" % (name, n), bad[:5])
    ok(not dup, "%s: no key twice" % name, dup[:5])

done()
