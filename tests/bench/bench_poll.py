#!/usr/bin/env python3
"""bench_poll.py - end-to-end `hark poll` against a loopback HTTP server.

    bench_poll.py HARK WORKDIR [FEEDS [ITEMS]]

Generates FEEDS (default 200) RSS feeds of ITEMS (default 50) items in
WORKDIR, serves them from 127.0.0.1 (tests/bench/feed_server.js under node,
else a Python ThreadingHTTPServer), and times:
  - the first `hark poll` (fetch, parse, match, score, store every item),
  - a second `hark poll --all` where every feed answers 304 (conditional GET),
  - the same first poll with all feeds on one host (2 transfers at a time).
Each feed has its own host name fNNN.localhost (curl resolves *.localhost
to 127.0.0.1), so hark's per-host limit does not serialise them. Each figure
is the median of 3 runs: wall time, items/s, CPU time and hark's peak RSS.
Asserts nothing but that the polls succeed."""
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPEAT = 3


class PyServer:
    """Fallback server when node is absent: same behaviour, slower."""

    def __init__(self, root):
        files = {}
        for name in os.listdir(root):
            with open(os.path.join(root, name), "rb") as f:
                body = f.read()
            files["/" + name] = (body, '"%x-%d"' % (len(body), len(files)))

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes

            def log_message(self, *a):
                pass

            def do_GET(self):
                f = files.get(self.path)
                if not f:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == f[1]:
                    self.send_response(304)
                    self.send_header("ETag", f[1])
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(f[0])))
                self.send_header("ETag", f[1])
                self.end_headers()
                self.wfile.write(f[0])

        class S(http.server.ThreadingHTTPServer):
            request_queue_size = 128  # the default 5 drops parallel connects for 1 s

        self.srv = S(("127.0.0.1", 0), H)
        self.srv.daemon_threads = True
        self.port = self.srv.server_address[1]
        self.name = "python ThreadingHTTPServer"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()
        return ""


class NodeServer:
    def __init__(self, root):
        self.p = subprocess.Popen(["node", os.path.join(HERE, "feed_server.js"), root],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.p.stdout.readline().split()
        if len(line) != 2 or line[0] != "port":
            raise RuntimeError("feed_server.js did not start")
        self.port = int(line[1])
        self.name = "node http"

    def close(self):
        out, _ = self.p.communicate("", timeout=10)
        return out.strip()


def write_conf(path, feeds, port, one_host):
    with open(path, "w") as f:
        f.write("[hark]\ndatabase = hark.db\njobs = 8\ntimeout = 30\n"
                "user_agent = hark-bench/1.0\n\n[brand acme]\nkeywords = acme\n\n")
        for k in range(feeds):
            host = "127.0.0.1" if one_host else f"f{k:03d}.localhost"
            f.write(f"[source feed{k:03d}]\nadapter = rss\nurl = http://{host}:{port}/{k:03d}.xml\n"
                    "every = 1h\n\n")


def run(hark, workdir, args):
    """Run hark; return (wall s, user+sys s, max RSS KB)."""
    t0 = time.monotonic()
    p = subprocess.Popen([hark, "-c", os.path.join(workdir, "hark.conf")] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[:2000])
        raise SystemExit(f"bench_poll: hark {' '.join(args)} exited {p.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def median(runs):
    """The run with the median wall time."""
    return sorted(runs)[len(runs) // 2]


def stored(workdir):
    import sqlite3
    db = sqlite3.connect(os.path.join(workdir, "hark.db"))
    try:
        return db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    finally:
        db.close()


def fresh_db(workdir):
    for name in ("hark.db", "hark.db-wal", "hark.db-shm"):
        if os.path.exists(os.path.join(workdir, name)):
            os.remove(os.path.join(workdir, name))


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    hark, workdir = os.path.abspath(argv[1]), argv[2]
    feeds = int(argv[3]) if len(argv) > 3 else 200
    items = int(argv[4]) if len(argv) > 4 else 50
    shutil.rmtree(workdir, ignore_errors=True)
    root = os.path.join(workdir, "feeds")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_bodies.py"), "poll", root,
                    str(feeds), str(items)], check=True)
    body_bytes = sum(os.path.getsize(os.path.join(root, n)) for n in os.listdir(root))
    srv = NodeServer(root) if shutil.which("node") else PyServer(root)
    total = feeds * items
    try:
        print(f"== poll: {feeds} RSS feeds x {items} items ({body_bytes / 1e6:.1f} MB) "
              f"from {srv.name} on 127.0.0.1, jobs = 8, median of {REPEAT}")
        for one_host in (False, True):
            write_conf(os.path.join(workdir, "hark.conf"), feeds, srv.port, one_host)
            where = "one host (2 at a time)" if one_host else f"{feeds} hosts"
            runs = []
            for _ in range(REPEAT):
                fresh_db(workdir)
                runs.append(run(hark, workdir, ["poll", "--no-alerts"]))
            wall, cpu, rss = median(runs)
            n = stored(workdir)
            print(f"poll first  {where:24s} {wall:6.2f} s wall {total / wall:8.0f} items/s "
                  f"{n / wall:8.0f} stored mentions/s ({n} of {total} name the brand; "
                  f"{cpu:.2f} s CPU; max RSS {rss} KB)")
            if one_host:
                break
            wall, cpu, rss = median([run(hark, workdir, ["poll", "--all", "--no-alerts"])
                                     for _ in range(REPEAT)])
            if stored(workdir) != n:
                raise SystemExit("bench_poll: the 304 poll changed the stored mentions")
            print(f"poll 304    {where:24s} {wall:6.2f} s wall ({feeds} conditional GETs, "
                  f"{feeds / wall:.0f} feeds/s; {cpu:.2f} s CPU; max RSS {rss} KB)")
    finally:
        summary = srv.close()
    if summary:
        print(f"server      {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
