"""test_score - `hark score` through the binary: output format, models,
languages, stdin, --explain, usage errors, and the reference VADER numbers
of the shared cases (skipped when ../shared is absent)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harktest import ok, skip, done, hark, shared_path  # noqa: E402

LINE = re.compile(r"^-?\d\.\d{4}\t\d\.\d{4}\t\d\.\d{4}\t\d\.\d{4}\t(negative|neutral|positive)$")


def fields(line):
    f = line.split("\t")
    return float(f[0]), float(f[1]), float(f[2]), float(f[3]), f[4]


r = hark("score", "The package arrived late and the box was damaged.", "Love it, works perfectly 👍")
lines = r.out.splitlines()
ok(r.rc == 0 and len(lines) == 2 and all(LINE.match(l) for l in lines),
   "score: one compound/neg/neu/pos/label line per argument, 4 decimals", r)
if len(lines) == 2:
    ok(fields(lines[0])[4] == "negative" and fields(lines[1])[4] == "positive",
       "score: complaint negative, praise positive", r)
    c, neg, neu, pos, _ = fields(lines[1])
    ok(abs(neg + neu + pos - 1.0) < 0.002, "score: neg+neu+pos is 1", r)

# the reference example, model vader: VADER's own numbers
r = hark("score", "--model", "vader", "--lang", "en", "VADER is smart, handsome, and funny.")
ok(r.out == "0.8316\t0.0000\t0.2542\t0.7458\tpositive\n", "score --model vader: VADER's example", r)

# stdin, one text per line; an empty line still gets its line
r = hark("score", "--lang", "en", input=b"great\n\nterrible\n")
lines = r.out.splitlines()
ok(r.rc == 0 and len(lines) == 3 and lines[1] == "0.0000\t0.0000\t0.0000\t0.0000\tneutral",
   "score: stdin one text per line, empty line scores zero", r)

# Turkish, explicit and detected
r = hark("score", "--lang", "tr", "Ürünü hiç beğenmedim", "cok guzel, tesekkurler")
lines = r.out.splitlines()
ok(r.rc == 0 and len(lines) == 2 and fields(lines[0])[4] == "negative" and fields(lines[1])[4] == "positive",
   "score --lang tr: negated verb and ASCII-typed praise", r)
r = hark("score", "--explain", "Kargo çok geç geldi, satıcı ilgilenmedi")
ok(r.rc == 0 and "  lang\ttr" in r.out.splitlines(), "score: auto detects Turkish (--explain says so)", r)

# --explain: indented token lines with valence and rule
r = hark("score", "--explain", "--lang", "en", "Customer service was rude and the refund never came 😡")
lines = r.out.splitlines()
tok = [l for l in lines[1:] if l.startswith("  ") and not l.startswith("  lang\t")]
ok(r.rc == 0 and LINE.match(lines[0]) is not None, "score --explain: score line first", r)
ok(any(l.startswith("  rude\t-") and l.endswith("\tlexicon") for l in tok),
   "score --explain: 'rude' with its negative contribution", r)
ok(any(l.startswith("  😡\t-") and l.endswith("\temoji") for l in tok), "score --explain: emoji token", r)
r = hark("score", "--explain", "--lang", "en", "not good")
ok("  good\t-1.4060\tlexicon+negated" in r.out.splitlines(), "score --explain: negation rule named", r)

# usage errors
for args in (["--model", "bert", "x"], ["--lang", "de", "x"], ["--nope"], ["--lang"]):
    r = hark("score", *args)
    ok(r.rc == 2 and "usage" in r.err and r.out == "", "score %s: usage error, exit 2" % " ".join(args), r)

# "--" lets a text start with dashes
r = hark("score", "--lang", "en", "--", "--great--")
ok(r.rc == 0 and fields(r.out.splitlines()[0])[4] == "positive", "score -- TEXT", r)

# every reference case of the shared set through the binary
cases = shared_path("data", "sentiment", "en", "cases.tsv")
if not cases:
    skip("shared cases.tsv absent")
else:
    rows = [l.split("\t") for l in open(cases, encoding="utf-8").read().split("\n")[1:] if l]
    r = hark("score", "--model", "vader", "--lang", "en", input="".join(row[0] + "\n" for row in rows).encode())
    got = r.out.splitlines()
    bad = []
    for row, line in zip(rows, got):
        c, neg, neu, pos, _ = fields(line)
        want = [float(x) for x in row[1:5]]
        # compound has the reference's precision; neg/neu/pos print one
        # more decimal than the reference's three
        if any(abs(g - w) > 0.0005 + 1e-9 for g, w in zip((neg, neu, pos), want[:3])) or "%.4f" % c != row[4]:
            bad.append((row, line))
    ok(len(got) == len(rows) and not bad, "score --model vader: all %d shared cases match" % len(rows), bad[:3])
done()
