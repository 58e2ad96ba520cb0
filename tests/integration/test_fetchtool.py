"""The fetcher (src/fetch.c) against a real loopback HTTP server, through
build/tools/fetchtool: conditional GET, Retry-After, redirects and their
limits, file://, the max_body cap, timeouts, compression, concurrency
limits, request headers and bodies, and secrets masked in errors."""
import email.utils
import gzip
import hashlib
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from harktest import HARK, Server, TempDir, done, ok  # noqa: E402

TOOL = os.path.join(os.path.dirname(os.path.abspath(HARK)), "tools", "fetchtool")


def fetch(*args, env=None):
    e = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    if env:
        e.update(env)
    p = subprocess.run([TOOL] + [str(a) for a in args], capture_output=True, env=e, timeout=60)
    out = p.stdout.decode("utf-8", "replace")
    jobs = [json.loads(l) for l in out.splitlines() if l.strip()]
    return p.returncode, jobs, p.stderr.decode("utf-8", "replace")


def one(*args, env=None):
    rc, jobs, err = fetch(*args, env=env)
    if rc != 0 or len(jobs) != 1:
        return {"status": -1, "failed": True, "error": "rc=%d %s" % (rc, err), "body": "",
                "body_len": 0, "headers": [], "effective_url": "", "etag": None,
                "last_modified": None, "retry_after": 0, "content_type": None, "seconds": 0}
    return jobs[0]


def header(job, name):
    vals = [v for k, v in job["headers"] if k.lower() == name.lower()]
    return vals[-1] if vals else None


if not ok(os.access(TOOL, os.X_OK), "fetchtool is built (%s)" % TOOL):
    done()

LM = "Wed, 21 Oct 2026 07:28:00 GMT"


def conditional(req):
    if req.header("If-None-Match") == '"v1"' or req.header("If-Modified-Since") == LM:
        return 304, {"ETag": '"v1"'}, b""
    return 200, {"ETag": '"v1"', "Last-Modified": LM, "Content-Type": "application/rss+xml; charset=utf-8"}, b"<rss/>"


with Server() as srv, TempDir() as tmp:
    srv.httpd.handle_error = lambda *a: None  # clients hanging up on purpose
    # Plain 200, validators and request headers.
    srv.route("/plain", fn=conditional)
    j = one("--body", "--user-agent", "hark-test/1 (+mailto:t@example.com)", srv.url("/plain"))
    ok(j["status"] == 200 and not j["failed"] and j["body"] == "<rss/>", "plain GET: 200 with body", j)
    ok(j["etag"] == '"v1"' and j["last_modified"] == LM, "ETag and Last-Modified captured", j)
    ok(j["content_type"] == "application/rss+xml; charset=utf-8", "Content-Type captured", j)
    ok(j["effective_url"] == srv.url("/plain"), "effective URL without redirects", j)
    r = srv.requests_to("/plain")[-1]
    ok(r.header("User-Agent") == "hark-test/1 (+mailto:t@example.com)", "User-Agent from options sent", r.headers)
    ae = (r.header("Accept-Encoding") or "").replace(" ", "").split(",")
    ok("gzip" in ae and "br" in ae, "Accept-Encoding offers gzip and br", ae)
    ok(r.header("If-None-Match") is None and r.header("If-Modified-Since") is None,
       "no conditional headers without stored validators", r.headers)

    # Conditional GET.
    j = one("--etag", '"v1"', srv.url("/plain"))
    r = srv.requests_to("/plain")[-1]
    ok(r.header("If-None-Match") == '"v1"', "If-None-Match sent with the stored ETag", r.headers)
    ok(j["status"] == 304 and not j["failed"] and j["body_len"] == 0, "matching ETag gives 304, not a failure", j)
    j = one("--etag", '"old"', srv.url("/plain"))
    ok(j["status"] == 200 and j["body_len"] == 6, "stale ETag gives 200 with the body", j)
    j = one("--last-modified", LM, srv.url("/plain"))
    r = srv.requests_to("/plain")[-1]
    ok(r.header("If-Modified-Since") == LM, "If-Modified-Since sent as stored", r.headers)
    ok(j["status"] == 304, "unchanged Last-Modified gives 304", j)

    # Retry-After, as delta-seconds and as an HTTP-date relative to HARK_NOW.
    now = 1700000000
    srv.route("/busy", status=429, headers={"Retry-After": "120"}, body="slow down")
    srv.route("/down", status=503, headers={"Retry-After": email.utils.formatdate(now + 300, usegmt=True)})
    srv.route("/past", status=503, headers={"Retry-After": email.utils.formatdate(now - 300, usegmt=True)})
    rc, jobs, err = fetch(srv.url("/busy"), srv.url("/down"), srv.url("/past"), env={"HARK_NOW": str(now)})
    ok(rc == 0 and len(jobs) == 3, "three jobs in one run", err)
    if len(jobs) == 3:
        ok(jobs[0]["status"] == 429 and not jobs[0]["failed"] and jobs[0]["retry_after"] == 120,
           "429 with Retry-After: 120", jobs[0])
        ok(jobs[1]["status"] == 503 and jobs[1]["retry_after"] == 300, "503 with an HTTP-date Retry-After 5 min ahead", jobs[1])
        ok(jobs[2]["retry_after"] == 0, "a Retry-After date in the past is 0", jobs[2])

    srv.route("/broken", status=500, body="oops")
    j = one("--body", srv.url("/broken"))
    ok(j["status"] == 500 and not j["failed"] and j["body"] == "oops", "500 is a status, not a transport failure", j)

    # Redirects: 5 are followed, the 6th fails; relative Locations; only the
    # final response's headers are kept.
    for i in range(7):
        srv.route("/hop%d" % i, status=(301, 302, 307, 308)[i % 4],
                  headers={"Location": "/hop%d" % (i + 1) if i % 2 else srv.url("/hop%d" % (i + 1)),
                           "X-Hop": str(i)})
    srv.route("/hop7", body="landed", headers={"Content-Type": "text/plain"})
    j = one("--body", srv.url("/hop2"))
    ok(j["status"] == 200 and not j["failed"] and j["body"] == "landed", "5 redirects followed", j)
    ok(j["effective_url"] == srv.url("/hop7"), "effective URL is the final one", j)
    ok(header(j, "Location") is None and header(j, "X-Hop") is None, "headers are the final response's only", j["headers"])
    j = one(srv.url("/hop1"))
    ok(j["failed"] and "redirect" in j["error"], "6 redirects fail", j)
    j = one("--max-redirects", "1", srv.url("/hop5"))
    ok(j["failed"] and "too many redirects" in j["error"], "max_redirects is honoured", j)

    srv.route("/tofile", status=302, headers={"Location": "file:///etc/passwd"})
    j = one("--body", srv.url("/tofile"))
    ok(j["failed"] and "refused" in j["error"] and "root:" not in j["body"],
       "redirect to file:///etc/passwd refused", j)
    srv.route("/toftp", status=302, headers={"Location": "ftp://127.0.0.1/x"})
    j = one(srv.url("/toftp"))
    ok(j["failed"] and "refused" in j["error"], "redirect to ftp:// refused", j)

    # file:// given directly.
    path = tmp.file("feed.xml", "<rss>local</rss>\n")
    j = one("--body", "file://" + path)
    ok(j["status"] == 200 and not j["failed"] and j["body"] == "<rss>local</rss>\n", "file:// URL read, status 200", j)
    j = one("file://" + path + ".missing")
    ok(j["failed"] and j["error"].startswith("file://"), "missing file:// fails with the URL in the message", j)

    # max_body: Content-Length known, chunked without it, and decoded size.
    big = os.urandom(1 << 20)
    srv.route("/big", body=big, headers={"Content-Type": "application/octet-stream"})
    j = one("--max-body", "64k", srv.url("/big"))
    ok(j["failed"] and "response larger than max_body (64 KiB)" in j["error"] and j["body_len"] == 0,
       "body over max_body with Content-Length fails", j)
    j = one("--max-body", "2M", srv.url("/big"))
    ok(j["status"] == 200 and j["body_sha256"] == hashlib.sha256(big).hexdigest(), "body under max_body is complete", j)

    chunk = b"x" * 65536
    srv.route("/endless", stream=(chunk for _ in range(4096)))  # 256 MiB if read to the end
    t0 = time.time()
    j = one("--max-body", "1M", srv.url("/endless"))
    ok(j["failed"] and "response larger than max_body (1 MiB)" in j["error"], "chunked body over max_body fails", j)
    sent = srv.routes["/endless"].sent
    ok(sent < 64 << 20 and time.time() - t0 < 10, "the transfer stopped early (server wrote %d KiB)" % (sent >> 10))

    bomb = gzip.compress(b"\0" * (16 << 20))
    srv.route("/bomb", body=bomb, headers={"Content-Encoding": "gzip"})
    j = one("--max-body", "1M", srv.url("/bomb"))
    ok(len(bomb) < 1 << 20 and j["failed"] and "larger than max_body" in j["error"],
       "max_body applies to the decoded body (gzip bomb)", j)

    # Compression.
    text = ("Acme ayakkabı çok güzel, teşekkürler! " * 200).encode("utf-8")
    srv.route("/gz", body=gzip.compress(text), headers={"Content-Encoding": "gzip", "Content-Type": "text/plain"})
    j = one("--body", srv.url("/gz"))
    ok(j["status"] == 200 and j["body"].encode("utf-8") == text, "gzip body decoded", j["error"])

    # A server that accepts and never answers fails at the timeout.
    srv.route("/hang", hang=True)
    t0 = time.time()
    j = one("--timeout", "2", srv.url("/hang"))
    took = time.time() - t0
    ok(j["failed"] and "timed out" in j["error"], "silent server: timed out", j)
    ok(1.5 <= j["seconds"] < 4 and took < 6, "timeout honoured (%.1f s)" % took, j)

    # Concurrency: each request waits at a barrier of `limit` parties, so the
    # run completes only if the fetcher runs `limit` at a time, and the
    # in-flight count shows it never runs more.
    def concurrency(limit, nurls, *opts):
        state = {"in": 0, "max": 0, "broken": 0}
        lock = threading.Lock()
        barrier = threading.Barrier(limit, timeout=5)

        def slot(req):
            with lock:
                state["in"] += 1
                state["max"] = max(state["max"], state["in"])
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                state["broken"] += 1
            with lock:
                state["in"] -= 1
            return 200, {"Content-Type": "text/plain"}, "slot " + req.path.split("=")[1]

        path = "/slot%d" % limit
        srv.route(path, fn=slot)
        rc, jobs, err = fetch("--body", *opts, *[srv.url("%s?n=%d" % (path, i)) for i in range(nurls)])
        good = len(jobs) == nurls and all(jb["status"] == 200 and jb["body"] == "slot %d" % i
                                          for i, jb in enumerate(jobs))
        return good, state, jobs

    good, state, jobs = concurrency(2, 12, "--jobs", "2")
    ok(good, "12 jobs with --jobs 2 all complete, in order", jobs)
    ok(state["max"] == 2 and not state["broken"], "--jobs 2: two transfers at a time, never more", state)
    good, state, jobs = concurrency(2, 8, "--jobs", "8", "--per-host", "2")
    ok(good and state["max"] == 2 and not state["broken"], "--per-host 2 caps one host at two", state)
    good, state, jobs = concurrency(4, 8, "--jobs", "4", "--per-host", "4")
    ok(good and state["max"] == 4 and not state["broken"], "--jobs 4: four in parallel", state)

    # POST with a body and custom headers (alert webhooks).
    srv.route("/hook", status=204)
    payload = '{"text":"Olumsuz yorum: \\"berbat\\"","score":-0.8}'
    j = one("--method", "POST", "--data", payload, "--header", "Content-Type: application/json",
            "--header", "X-Hark-Signature: abc123", srv.url("/hook"))
    r = srv.requests_to("/hook")[-1]
    ok(j["status"] == 204 and not j["failed"], "POST answered 204", j)
    ok(r.method == "POST" and r.body == payload.encode("utf-8"), "POST body received intact", (r.method, r.body))
    ok(r.header("Content-Type") == "application/json" and r.header("X-Hark-Signature") == "abc123",
       "custom headers received", r.headers)
    ok(r.header("Expect") is None, "no Expect: 100-continue", r.headers)
    j = one("--method", "PUT", "--data", "x=1", srv.url("/hook"))
    r = srv.requests_to("/hook")[-1]
    ok(r.method == "PUT" and r.body == b"x=1", "other methods with a body", (r.method, r.body))
    j = one("--header", "X-Bad: a\r\nInjected: yes", srv.url("/hook"))
    ok(j["failed"] and "header" in j["error"], "header with a line break refused", j)

# Errors name the URL with its secrets masked.
j = one("--timeout", "5", "http://user:hunter2@127.0.0.1:1/feed?token=s3cret&page=2")
ok(j["failed"] and "127.0.0.1:1/feed?token=***&page=2" in j["error"] and "s3cret" not in j["error"]
   and "hunter2" not in j["error"], "refused connection: error with the masked URL", j)
j = one("gopher://127.0.0.1/")
ok(j["failed"] and "scheme" in j["error"], "other schemes refused", j)
rc, _, err = fetch("--jobs")
ok(rc == 2, "fetchtool usage error", err)
done()
