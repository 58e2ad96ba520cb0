#!/usr/bin/env python3
"""bench_sentiment_peers.py - hark's sentiment scorers beside npm scorers, same texts.

    bench_sentiment_peers.py [-t SECONDS] SENTIMENT_BENCH
    bench_sentiment_peers.py --install     install the npm peers (outside the repo)

Prints texts/s and MB/s per CPU second for
  - hark, both English models (vader, hark) and the Turkish one, in-process
    (SENTIMENT_BENCH = build/bench/sentiment_bench: sentiment_score() in a C loop),
  - npm sentiment@5.0.2 (AFINN word list) and npm vader-sentiment@1.1.3 (a JS
    port of VADER), in-process (peer_sentiment.js: a Node loop over the texts),
each for SECONDS (default 3) of CPU time, every process pinned to one CPU. The
English texts are the `text` column of $SHARED/data/sentiment/en/movie.tsv,
read where it lies; when it is absent, synthetic review snippets made here from
a fixed seed (gen_bodies.review). Turkish: $SHARED/data/sentiment/tr/
movie_reviews.csv, else synthetic Turkish snippets; the npm peers have no
Turkish. Python VADER cannot be installed here (no PyPI, no Debian package):
its figure is quoted from the data README, not measured. A peer that is absent
is skipped, saying so. The npm peers live in $HARK_BENCH_PEERS (default
$TMPDIR/hark-bench-peers), never in the repo; --install fills it with npm."""
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.environ.get("HARK_BENCH_PEERS",
                       os.path.join(os.environ.get("TMPDIR", "/tmp"), "hark-bench-peers"))
NPM_PEERS = ["sentiment@5.0.2", "vader-sentiment@1.1.3"]
SHARED = os.environ.get("SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
SEED = 20261122
SYNTH_TEXTS = 5000
# The data README: "Python VADER scores about 18,000 short texts per second
# on one core of these machines."
PY_VADER_QUOTED = 18000


def install():
    os.makedirs(PEERS, exist_ok=True)
    return 1 if subprocess.call(["npm", "install", "--prefix", PEERS, "--silent", "--no-audit",
                                 "--no-fund"] + NPM_PEERS) else 0


def synthetic(tmp, lang):
    """A TSV (header "text") of SYNTH_TEXTS made-up reviews in lang, fixed seed."""
    sys.path.insert(0, HERE)
    from gen_bodies import review
    rng = random.Random(SEED)
    texts = []
    while len(texts) < SYNTH_TEXTS:
        lg, _title, text = review(rng, brand=rng.random() < 0.7)
        if lg == lang:
            texts.append(text.replace("\t", " ").replace("\n", " "))
    path = os.path.join(tmp, f"synthetic_{lang}.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("text\n" + "\n".join(texts) + "\n")
    return path


def pinned(cpu):
    return lambda: os.sched_setaffinity(0, {cpu})


def row(who, lang, texts_s, mb_s, base, note=""):
    """base: hark vader's texts/s on the same texts (0: no ratio); mb_s None: unknown."""
    rel = f"{base / texts_s:7.1f}x" if base else " " * 8
    mb = f"{mb_s:7.1f}" if mb_s is not None else "      ?"
    print(f"{who:28s} {lang:2s} {texts_s:9.0f} texts/s {mb} MB/s {rel}  {note}")


def hark(bench, cpu, secs, model, lang, path):
    """(texts/s, MB/s, mean bytes) from sentiment_bench's line."""
    out = subprocess.run([bench, "-t", str(secs), model, lang, path], check=True,
                         capture_output=True, text=True, preexec_fn=pinned(cpu)).stdout.split()
    mean = float(out[out.index("mean") + 1])
    return float(out[out.index("texts/s") - 1]), float(out[out.index("MB/s") - 1]), mean


def node_peer(modules, name, cpu, secs, path):
    """(texts/s, MB/s, texts in the set) from peer_sentiment.js."""
    out = subprocess.run(["node", os.path.join(HERE, "peer_sentiment.js"), modules, name, path,
                          str(secs)], check=True, capture_output=True, text=True,
                         preexec_fn=pinned(cpu)).stdout.split()
    v = dict(zip(out[0::2], out[1::2]))
    t = float(v["cpu"])
    return int(v["done"]) / t, int(v["done_bytes"]) / t / 1e6, int(v["texts"])


def guarded(who, fn):
    """Run one measurement; a failure is reported and skipped."""
    try:
        fn()
    except (OSError, subprocess.SubprocessError, ValueError, IndexError, KeyError) as e:
        err = getattr(e, "stderr", None)
        print(f"skip  {who}: failed: {e}{': ' + err.strip() if err else ''}")


def main(argv):
    if argv[1:] == ["--install"]:
        return install()
    a, secs = 1, 3.0
    if len(argv) > 2 and argv[1] == "-t":
        secs, a = float(argv[2]), 3
    if len(argv) - a != 1:
        sys.stderr.write(__doc__)
        return 2
    bench = os.path.abspath(argv[a])
    modules = os.path.join(PEERS, "node_modules")
    cpu = max(os.sched_getaffinity(0))
    tmp = tempfile.mkdtemp(prefix="hark-sentiment-peers-")
    try:
        print(f"== sentiment scorers on the same texts: one process pinned to CPU {cpu}, "
              f"{secs:g}s CPU each, in-process loops\n"
              f"      (npm peers from {PEERS}; Nx: hark vader en is N times as fast)")
        en = os.path.join(SHARED, "data", "sentiment", "en", "movie.tsv")
        tr = os.path.join(SHARED, "data", "sentiment", "tr", "movie_reviews.csv")
        en_label = "shared en/movie.tsv"
        tr_label = "shared tr/movie_reviews.csv"
        if not os.path.isfile(en):
            print(f"      ({en} absent: synthetic English snippets, seed {SEED})")
            en, en_label = synthetic(tmp, "en"), f"synthetic English (seed {SEED})"
        if not os.path.isfile(tr):
            print(f"      ({tr} absent: synthetic Turkish snippets, seed {SEED})")
            tr, tr_label = synthetic(tmp, "tr"), f"synthetic Turkish (seed {SEED})"
        base = [0.0]

        def hark_row(model, lang, path, label):
            ts, mb, mean = hark(bench, cpu, secs, model, lang, path)
            if not base[0] and model == "vader":
                base[0] = ts
            row(f"hark {model}", lang, ts, mb, base[0] if lang == "en" else 0,
                f"{label}, mean {mean:.0f} bytes")

        guarded("hark vader en", lambda: hark_row("vader", "en", en, en_label))
        guarded("hark hark en", lambda: hark_row("hark", "en", en, en_label))
        for name in ("sentiment", "vader-sentiment"):
            if not shutil.which("node"):
                print(f"skip  npm {name}: node not installed")
                continue
            if not os.path.isdir(os.path.join(modules, name)):
                print(f"skip  npm {name}: not in {modules} "
                      f"(tests/bench/bench_sentiment_peers.py --install)")
                continue

            def peer(name=name):
                ts, mb, n = node_peer(modules, name, cpu, secs, en)
                row(f"npm {name} (node)", "en", ts, mb, base[0], f"{en_label}, {n} texts")
            guarded(f"npm {name}", peer)
        row("python vader (QUOTED)", "en", PY_VADER_QUOTED, None, base[0],
            "QUOTED from the data README, NOT measured (not installable here)")
        guarded("hark hark tr", lambda: hark_row("hark", "tr", tr, tr_label))
        print("skip  npm peers, tr: neither has a Turkish model")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
