"""The command line: tables sorted and unique, help, version, exit codes,
init idempotent, check's FILE:LINE errors."""
import os
import re
import sqlite3

from harktest import TempDir, hark, ok, done

r = hark("help")
ok(r.rc == 0 and "usage: hark" in r.out, "help", r)
names = re.findall(r"^  (\S+)\s", r.out, re.M)
ok(names == sorted(names) and len(names) == len(set(names)), "command table sorted and unique", names)
for c in ("init", "check", "poll", "parse", "export", "report", "sources", "adapters", "help", "version"):
    ok(c in names, f"command {c} in the table")
for c in names:
    h = hark("help", c)
    ok(h.rc == 0 and h.out.startswith("usage: hark " + c), f"help {c}", h)

r = hark("adapters")
adapters = re.findall(r"^(\S+)$", r.out, re.M)
ok(r.rc == 0 and "rss" in adapters, "adapters lists rss", r)
ok(adapters == sorted(adapters) and len(adapters) == len(set(adapters)), "adapter table sorted and unique", adapters)

r = hark("version")
ok(r.rc == 0 and re.match(r"hark \d+\.\d+\.\d+", r.out), "version", r)
r = hark("frobnicate")
ok(r.rc == 2 and "unknown command" in r.err, "unknown command exits 2", r)
# `hark CMD --help` (or -h) is `hark help CMD`, with no config needed
with TempDir() as tmp:
    for c in ("poll", "parse", "export", "alerts", "report"):
        h = hark(c, "--help", cwd=tmp.path, env={"HARK_CONFIG": ""})
        ok(h.rc == 0 and h.out.startswith("usage: hark " + c) and h.out == hark("help", c).out,
           f"{c} --help is help {c}", h)
    h = hark("export", "--brand", "x", "-h", cwd=tmp.path, env={"HARK_CONFIG": ""})
    ok(h.rc == 0 and h.out.startswith("usage: hark export"), "-h after other options", h)

r = hark("--bogus", "help")
ok(r.rc == 2, "unknown option exits 2", r)
r = hark()
ok(r.rc == 2 and "usage" in r.err, "no command: usage, exit 2", r)

with TempDir() as tmp:
    conf = tmp.file("hark.conf", "[brand a]\nkeywords = a\n[source s]\nadapter = rss\nurl = file:///dev/null\n")
    r = hark("-c", conf, "init")
    ok(r.rc == 0 and os.path.exists(os.path.join(tmp.path, "hark.db")), "init creates the database next to the config", r)
    v1 = sqlite3.connect(os.path.join(tmp.path, "hark.db")).execute("PRAGMA user_version").fetchone()[0]
    r = hark("-c", conf, "init")
    v2 = sqlite3.connect(os.path.join(tmp.path, "hark.db")).execute("PRAGMA user_version").fetchone()[0]
    ok(r.rc == 0 and v1 == v2 and v1 >= 1, "init is idempotent", (v1, v2))
    r = hark("-c", conf, "-d", os.path.join(tmp.path, "other.db"), "init")
    ok(r.rc == 0 and os.path.exists(os.path.join(tmp.path, "other.db")), "-d overrides the database", r)
    r = hark("init", cwd=tmp.path)
    ok(r.rc == 0, "./hark.conf is found by default", r)
    r = hark("init", cwd="/", env={"HARK_CONFIG": conf})
    ok(r.rc == 0, "$HARK_CONFIG is honoured", r)

    bad = tmp.file("bad.conf", "[hark]\njobs = x\n[source s]\nadapter = nope\n[brand]\nkeywords = k\n")
    r = hark("-c", bad, "check")
    lines = r.err.strip().splitlines()
    ok(r.rc == 2, "check exits 2 on errors", r)
    ok(all(l.startswith(bad + ":") for l in lines) and len(lines) >= 3, "every error as FILE:LINE: message", r.err)
    ok(any(l.startswith(bad + ":2:") for l in lines), "bad value on its line", r.err)
    ok(any(l.startswith(bad + ":4:") for l in lines), "unknown adapter on its line", r.err)
    r = hark("-c", os.path.join(tmp.path, "missing.conf"), "check")
    ok(r.rc == 2 and "missing.conf" in r.err, "missing config file", r)
    r = hark("-c", conf, "export", "--since", "yesterday-ish")
    ok(r.rc == 2 and "not a time" in r.err, "bad --since is a usage error", r)
    r = hark("-c", conf, "export", "--format", "xml")
    ok(r.rc == 2, "bad --format is a usage error", r)
    r = hark("-c", conf, "poll", "--source", "nosuch")
    ok(r.rc == 2 and "nosuch" in r.err, "poll --source with an unknown name", r)
    r = hark("-c", conf, "export", "-o", "/dev/full")
    ok(r.rc == 1 and "write error" in r.err, "write errors (ENOSPC) are reported, exit 1", r)
    r = hark("parse", "nosuch", "/dev/null")
    ok(r.rc == 2, "parse with an unknown adapter", r)

done()
