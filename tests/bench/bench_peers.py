#!/usr/bin/env python3
"""bench_peers.py - hark's feed parser beside other feed parsers, same input.

    bench_peers.py [-t SECONDS] BENCH_PARSE HARK FEED...
    bench_peers.py --install       install the peers (outside the repo)

For each FEED (RSS or Atom made by gen_bodies.py) prints items/s and MB/s of
  - hark: adapter parse() in-process (BENCH_PARSE = build/bench/bench_parse),
  - hark parse: the whole `hark parse rss FEED > /dev/null` process,
  - sfeed (Debian package sfeed, C, feed to TSV), a process per parse,
  - Python feedparser (Debian python3-feedparser, /usr/bin/python3),
  - Node rss-parser and feedparser (npm), in-process,
all per CPU second of one process, SECONDS (default 2) each. A peer that is
absent is skipped, saying so. The npm peers live in $HARK_BENCH_PEERS
(default $TMPDIR/hark-bench-peers), never in the repo; --install fills it
with npm and installs the Debian ones with apt-get when run as root."""
import os
import resource
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.environ.get("HARK_BENCH_PEERS",
                       os.path.join(os.environ.get("TMPDIR", "/tmp"), "hark-bench-peers"))
NPM_PEERS = ["rss-parser@3.13.0", "feedparser@2.6.0"]
DEB_PEERS = ["sfeed", "python3-feedparser"]
SYS_PYTHON = "/usr/bin/python3"

PY_FEEDPARSER = r"""
import resource, sys, feedparser
data = open(sys.argv[1], "rb").read()
secs = float(sys.argv[2])
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
t0 = cpu(); n = parses = 0; t = 0.0
while parses == 0 or t < secs:
    n = len(feedparser.parse(data).entries)
    parses += 1
    t = cpu() - t0
print("items", n, "parses", parses, "cpu", t)
"""


def line(who, feed, items, parses, cpu, size, note=""):
    print(f"peer  {who:22s} {os.path.basename(feed):9s} {size * parses / cpu / 1e6:7.1f} MB/s "
          f"{items * parses / cpu:9.0f} items/s  ({items} items, {cpu * 1e3 / parses:7.1f} ms/parse"
          f"{note})")


def parse_report(out):
    """'items N parses N cpu S' -> (items, parses, cpu)."""
    w = out.split()
    return int(w[1]), int(w[3]), float(w[5])


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def per_process(cmd, feed, secs):
    """Run cmd (stdin = feed, stdout discarded) until secs of child CPU; (parses, cpu)."""
    t0 = children_cpu()
    parses = 0
    while parses == 0 or children_cpu() - t0 < secs:
        with open(feed, "rb") as f:
            subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, check=True)
        parses += 1
    return parses, children_cpu() - t0


def install():
    os.makedirs(PEERS, exist_ok=True)
    rc = subprocess.call(["npm", "install", "--prefix", PEERS, "--silent", "--no-audit",
                          "--no-fund"] + NPM_PEERS)
    missing = [p for p in DEB_PEERS if subprocess.call(
        ["dpkg", "-s", p], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0]
    if missing and os.geteuid() == 0:
        rc |= subprocess.call(["apt-get", "install", "-y", "-q"] + missing)
    elif missing:
        print("as root: apt-get install " + " ".join(missing))
    return 1 if rc else 0


def guarded(who, fn):
    """Run one peer's measurement; a failure is reported and skipped."""
    try:
        fn()
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as e:
        print(f"skip  {who}: failed: {e}")


def bench_feed(feed, secs, bench_parse, hark, modules):
    size = os.path.getsize(feed)
    items = [0]

    def in_process():
        out = subprocess.run([bench_parse, "-t", str(secs), "rss", feed], check=True,
                             capture_output=True, text=True).stdout.split()
        # "... (B, N items, X ms/parse, P parses in S s CPU; ...)"
        items[0] = int(out[out.index("items,") - 1])
        parses = int(out[out.index("parses") - 1])
        line("hark (adapter parse)", feed, items[0], parses, float(out[out.index("parses") + 2]),
             size)

    def process(who, cmd, note):
        parses, cpu = per_process(cmd, feed, secs)
        line(who, feed, items[0], parses, cpu, size, note)

    def script(who, cmd):
        r = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        line(who, feed, *parse_report(r), size)

    guarded("hark", in_process)
    guarded("hark parse", lambda: process("hark parse (process)", [hark, "parse", "rss"],
                                          ", JSON Lines out"))
    if shutil.which("sfeed"):
        guarded("sfeed", lambda: process("sfeed (process)", ["sfeed"], ", TSV out"))
    else:
        print("skip  sfeed: not installed (apt-get install sfeed)")
    if os.path.exists(SYS_PYTHON) and subprocess.call(
            [SYS_PYTHON, "-c", "import feedparser"], stderr=subprocess.DEVNULL) == 0:
        guarded("python feedparser", lambda: script(
            "python feedparser", [SYS_PYTHON, "-c", PY_FEEDPARSER, feed, str(secs)]))
    else:
        print("skip  python feedparser: not installed (apt-get install python3-feedparser)")
    for name in ("rss-parser", "feedparser"):
        if not shutil.which("node") or not os.path.isdir(os.path.join(modules, name)):
            print(f"skip  node {name}: not in {modules} (bench_peers.py --install)")
            continue
        guarded(f"node {name}", lambda name=name: script(
            f"node {name}", ["node", os.path.join(HERE, "peer_node.js"), modules, name, feed,
                             str(secs)]))


def main(argv):
    if argv[1:] == ["--install"]:
        return install()
    a, secs = 1, 2.0
    if len(argv) > 2 and argv[1] == "-t":
        secs, a = float(argv[2]), 3
    if len(argv) - a < 3:
        sys.stderr.write(__doc__)
        return 2
    bench_parse, hark = os.path.abspath(argv[a]), os.path.abspath(argv[a + 1])
    feeds = argv[a + 2:]
    modules = os.path.join(PEERS, "node_modules")
    print(f"== feed parsers on the same synthetic feeds, one process, {secs:g}s CPU each "
          f"(peers from Debian and from {PEERS})")
    print("      (not the same work: hark turns each item's HTML into plain text with an HTML "
          "parser,\n       python feedparser sanitises it, rss-parser strips tags with a regex, "
          "sfeed and node feedparser keep it)")
    for feed in feeds:
        bench_feed(feed, secs, bench_parse, hark, modules)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
