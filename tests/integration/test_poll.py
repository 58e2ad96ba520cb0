"""The whole pipeline on RSS/Atom over a real loopback HTTP server: poll,
store once, conditional GET, failures isolated, backoff, export, lock."""
import calendar
import csv
import fcntl
import io
import json
import os
import sqlite3

from harktest import Server, TempDir, hark, ok, done

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme reviews</title><link>https://shop.example/</link>
<item><guid>r-1</guid><title>Acme boots fell apart</title>
<link>https://shop.example/r/1</link>
<description>&lt;p&gt;My &lt;b&gt;Acme&lt;/b&gt; boots fell apart after a week. Terrible.&lt;/p&gt;</description>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>
<item><guid>r-2</guid><title>=HYPERLINK("http://evil.example","Acme deal")</title>
<link>https://shop.example/r/2</link><description>acme, "quoted", and a comma</description>
<pubDate>Tue, 03 Nov 2026 11:30:00 +0300</pubDate></item>
<item><guid>r-3</guid><title>Nothing about the brand</title><link>https://shop.example/r/3</link>
<description>just weather</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Acme news</title><id>urn:x</id>
<updated>2026-11-04T08:00:00Z</updated>
<entry><id>urn:acme:1</id><title>Acme çok güzel, teşekkürler</title>
<link rel="alternate" href="https://news.example/1"/><updated>2026-11-04T08:00:00Z</updated>
<summary>Acme kargo hızlı geldi</summary></entry>
</feed>
"""

HTML = "<!DOCTYPE html><html><head><title>Login</title></head><body>Please log in</body></html>"


def etag_route(body, etag):
    def fn(req):
        if req.header("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}, body
    return fn


def lm_route(body, lm):
    def fn(req):
        if req.header("If-Modified-Since") == lm:
            return 304, {}, b""
        return 200, {"Content-Type": "application/atom+xml", "Last-Modified": lm}, body
    return fn


with Server() as srv, TempDir() as tmp:
    srv.route("/feed.xml", fn=etag_route(FEED, '"v1"'))
    srv.route("/atom.xml", fn=lm_route(ATOM, "Wed, 04 Nov 2026 08:00:00 GMT"))
    srv.route("/error", status=500, body="oops")
    srv.route("/login", status=200, headers={"Content-Type": "text/html"}, body=HTML)
    srv.route("/big", status=200, headers={"Content-Type": "application/rss+xml"},
              body=b"<rss>" + b"x" * (3 << 20) + b"</rss>")
    srv.route("/slow", hang=True)
    srv.route("/moved", status=302, headers={"Location": srv.url("/feed2.xml")})
    srv.route("/feed2.xml", fn=etag_route(FEED.replace("r-", "m-"), '"v2"'))
    srv.route("/tofile", status=302, headers={"Location": "file:///etc/passwd"})
    srv.route("/limited", status=429, headers={"Retry-After": "7200"}, body="slow down")
    local = tmp.file("local.xml", FEED.replace("r-", "f-"))
    conf = tmp.file("hark.conf", f"""
[hark]
database = hark.db
timeout = 2
max_body = 1M
user_agent = hark-test/1.0

[brand acme]
keywords = acme

[source feed]
adapter = rss
url = {srv.url('/feed.xml')}

[source atom]
adapter = rss
url = {srv.url('/atom.xml')}
match = all

[source broken]
adapter = rss
url = {srv.url('/error')}

[source login]
adapter = rss
url = {srv.url('/login')}

[source big]
adapter = rss
url = {srv.url('/big')}

[source slow]
adapter = rss
url = {srv.url('/slow')}

[source moved]
adapter = rss
url = {srv.url('/moved')}

[source tofile]
adapter = rss
url = {srv.url('/tofile')}

[source limited]
adapter = rss
url = {srv.url('/limited')}

[source local]
adapter = rss
url = file://{local}
""")
    env = {"HARK_NOW": "2026-11-22T12:00:00Z"}
    r = hark("-c", conf, "check")
    ok(r.rc == 0, "check accepts the config", r)

    r = hark("-c", conf, "poll", env=env)
    ok(r.rc == 1, "poll exits 1 when some sources fail", r)
    for name in ("broken", "login", "big", "slow", "tofile", "limited"):
        ok(f"source {name}:" in r.err, f"failure of {name} reported on stderr", r.err)
    ok("HTTP 500" in r.err, "500 named", r.err)
    ok("not a feed" in r.err or "html" in r.err.lower(), "an HTML page is a failed poll, not an empty success", r.err)
    ok("max_body" in r.err or "larger" in r.err, "body over max_body fails", r.err)
    ok(r.out == "", "poll prints nothing on stdout", r.out)
    ua = [q.header("User-Agent") for q in srv.requests_to("/feed.xml")]
    ok(ua and ua[0] == "hark-test/1.0", "User-Agent from config", ua)

    r = hark("-c", conf, "export", "--format", "jsonl", env=env)
    rows = r.jsonl()
    by_id = {m["id"]: m for m in rows}
    ok(r.rc == 0, "export jsonl", r)
    ok(set(by_id) == {"r-1", "r-2", "m-1", "m-2", "f-1", "f-2", "urn:acme:1"},
       "keyword matching kept the brand's items from every good source (and redirect and file://)", sorted(by_id))
    m = by_id.get("r-1", {})
    ok(m.get("title") == "Acme boots fell apart", "title", m)
    ok(m.get("url") == "https://shop.example/r/1", "link", m)
    ok(m.get("published_at") == "2026-11-02T10:00:00Z", "RFC 822 date to UTC", m)
    ok("<" not in (m.get("text") or "") and "Acme boots fell apart" in (m.get("text") or ""),
       "HTML stripped from text", m)
    ok(by_id.get("r-2", {}).get("published_at") == "2026-11-03T08:30:00Z", "numeric zone applied", by_id.get("r-2"))
    ok(m.get("source") == "feed" and m.get("brand") == "acme" and m.get("adapter") == "rss",
       "export adds source, brand, adapter", m)
    ok(by_id.get("urn:acme:1", {}).get("lang") == "tr", "Turkish detected and stored", by_id.get("urn:acme:1"))

    n_before = len(rows)
    r = hark("-c", conf, "poll", "--all", env=env)
    feed_reqs = srv.requests_to("/feed.xml")
    atom_reqs = srv.requests_to("/atom.xml")
    ok(len(feed_reqs) == 2 and feed_reqs[1].header("If-None-Match") == '"v1"',
       "second poll sends If-None-Match", [q.headers for q in feed_reqs])
    ok(len(atom_reqs) == 2 and atom_reqs[1].header("If-Modified-Since") == "Wed, 04 Nov 2026 08:00:00 GMT",
       "second poll sends If-Modified-Since")
    r = hark("-c", conf, "export", "--format", "jsonl", env=env)
    ok(len(r.jsonl()) == n_before, "second poll stores nothing twice", r.out)

    db = sqlite3.connect(os.path.join(tmp.path, "hark.db"))
    st = dict((row[0], row[1:]) for row in db.execute(
        "SELECT name, failures, next_due, last_error, etag FROM sources"))
    now = calendar.timegm((2026, 11, 22, 12, 0, 0))
    ok(st["limited"][1] - now >= 7200, "429 Retry-After pushes the next poll back", st["limited"])
    ok(st["broken"][0] == 2 and st["broken"][1] - now > 1800 * 2, "repeated failures back off", st["broken"])
    ok(st["feed"][0] == 0 and st["feed"][3] == '"v1"', "success keeps the ETag and no failures", st["feed"])
    ok(db.execute("PRAGMA journal_mode").fetchone()[0] == "wal", "database in WAL mode")
    db.close()

    r = hark("-c", conf, "poll", env=env)
    ok(r.rc == 0 and len(srv.requests_to("/error")) == 2, "a poll inside the backoff leaves failing sources alone", r)

    r = hark("-c", conf, "export", env=env)
    ok(r.rc == 0, "export csv", r)
    raw = r.out
    table = list(csv.reader(io.StringIO(raw, newline="")))
    ok(table[0] == "id,published_at,fetched_at,brand,source,adapter,author,rating,lang,sentiment,label,title,text,url".split(","),
       "CSV header", table[0])
    ok(all(len(t) == 14 for t in table), "every row has 14 cells")
    evil = [t for t in table if t[0] == "r-2"][0]
    ok(evil[11].startswith("'=HYPERLINK"), "formula-like cell neutralised", evil)
    ok(evil[12] == 'acme, "quoted", and a comma', "quotes and commas read back exactly", evil)
    ok("\r\n" in raw, "CRLF line ends")
    r = hark("-c", conf, "export", "--excel", "--label", "positive", "-o", os.path.join(tmp.path, "x.csv"), env=env)
    data = open(os.path.join(tmp.path, "x.csv"), "rb").read()
    ok(r.rc == 0 and data.startswith(b"\xef\xbb\xbfid;published_at;"), "--excel BOM and ;", data[:40])

    r = hark("-c", conf, "sources", env=env)
    ok(r.rc == 0 and "limited" in r.out and "HTTP 429" in r.out, "sources shows the last error", r.out)

    with open(os.path.join(tmp.path, "hark.db.lock"), "w") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        r = hark("-c", conf, "poll", "--all", env=env)
        ok(r.rc == 75 and r.err == "", "a second poll exits 75 at once, quietly", r)
        r = hark("-c", conf, "-v", "poll", "--all", env=env)
        ok(r.rc == 75 and "another" in r.err, "and says so with -v", r)

    bad = tmp.file("bad.conf", "[brand acme]\nkeywords = acme\n[source x]\nadapter = rss\nurl = gopher://x\n")
    r = hark("-c", bad, "poll")
    ok(r.rc == 2 and f"{bad}:5:" in r.err, "a bad config stops every command with FILE:LINE", r)

done()
