#!/usr/bin/env python3
"""bench_export.py - `hark export` and `hark report` on a big database.

    bench_export.py HARK DATABASE

DATABASE is one that build/bench/bench_store filled. Times export as CSV and
as JSON Lines to /dev/null, and the reputation report by week and by day;
each figure is the best of 2 runs (wall time, rows/s, peak RSS)."""
import os
import sqlite3
import subprocess
import sys
import time


def run(hark, conf, args):
    best = None
    for _ in range(2):
        t0 = time.monotonic()
        p = subprocess.Popen([hark, "-c", conf] + args, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.stderr.write(err.decode(errors="replace")[:2000])
            raise SystemExit(f"bench_export: hark {' '.join(args)} failed")
        if best is None or wall < best[0]:
            best = (wall, ru.ru_maxrss)
    return best


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    hark, db = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    conf = db + ".conf"
    con = sqlite3.connect(db)
    brands = [r[0] for r in con.execute("SELECT DISTINCT brand FROM mentions ORDER BY 1")]
    n = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    con.close()
    with open(conf, "w") as f:
        f.write(f"[hark]\ndatabase = {db}\n\n")
        for b in brands:
            f.write(f"[brand {b}]\nkeywords = {b}\n\n")
    for what, args in (("export csv", ["export", "-o", "/dev/null"]),
                       ("export jsonl", ["export", "--format", "jsonl", "-o", "/dev/null"]),
                       ("report week", ["report", "-o", "/dev/null"]),
                       ("report day", ["report", "--by", "day", "-o", "/dev/null"])):
        wall, rss = run(hark, conf, args)
        print(f"{what:14s} {n / wall:9.0f} rows/s  ({n} mentions in {wall:.2f} s wall, "
              f"best of 2; max RSS {rss} KB)")
    os.remove(conf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
