"""test_fuzz_replay - every input kept under tests/fuzz/corpus/<target>/ and
tests/fuzz/crashes/<target>/ replayed through the plain-main() build of
tests/fuzz/fuzz_<target>.c (build/fuzz-replay/, built by `make check`
without libFuzzer): no crash, no abort from the targets' own checks, and
quickly. Crash files are regression tests for bugs found by `make fuzz`.
A crash file whose name ends in ".open" is a bug reported in
/work/notes/BUGS.md and not fixed yet: while it still fails it is reported
as a skip naming the bug; once it passes, the test says to drop ".open"."""
import glob
import os
import subprocess
import time

from harktest import SRC, ok, skip, done

B = os.environ.get("B") or "build"
REPLAY = os.path.join(SRC, B, "fuzz-replay")
FUZZ = os.path.join(SRC, "tests", "fuzz")


def replay(binary, paths):
    t0 = time.monotonic()
    p = subprocess.run([binary] + paths, capture_output=True, timeout=300)
    return p, time.monotonic() - t0


def describe(p):
    why = "killed by signal %d" % -p.returncode if p.returncode < 0 else "exit %d" % p.returncode
    return why + "\n" + p.stderr.decode("utf-8", "replace")[-2000:]


targets = sorted(os.path.basename(s)[len("fuzz_"):-2] for s in glob.glob(os.path.join(FUZZ, "fuzz_*.c")))
ok(len(targets) >= 8, "fuzz targets present (%s)" % ", ".join(targets))
for t in targets:
    binary = os.path.join(REPLAY, "fuzz_" + t)
    if not ok(os.access(binary, os.X_OK), "fuzz_%s replay binary built" % t, binary):
        continue
    corpus = os.path.join(FUZZ, "corpus", t)
    files = sorted(glob.glob(os.path.join(corpus, "*")))
    if ok(len(files) > 0, "fuzz_%s has a seed corpus" % t, corpus):
        p, secs = replay(binary, [corpus])
        ok(p.returncode == 0 and b"replayed %d input" % len(files) in p.stdout,
           "fuzz_%s replays its %d corpus inputs without a crash (%.1fs)" % (t, len(files), secs),
           describe(p))
    for crash in sorted(glob.glob(os.path.join(FUZZ, "crashes", t, "*"))):
        name = os.path.basename(crash)
        p, secs = replay(binary, [crash])
        if name.endswith(".open"):
            if p.returncode == 0:
                ok(True, "fuzz_%s: open bug crashes/%s/%s is fixed (drop .open from its name)" % (t, t, name))
            else:
                skip("fuzz_%s: crashes/%s/%s still fails (open bug, see BUGS.md)" % (t, t, name))
            continue
        ok(p.returncode == 0, "fuzz_%s survives crashes/%s/%s" % (t, t, name), describe(p))
done()
