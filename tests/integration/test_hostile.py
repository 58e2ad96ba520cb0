"""Hostile feeds, through `hark parse` and through a poll against a loopback
server: XXE in every form (never reads /etc/passwd or a FIFO planted as the
entity target), entity bombs, 50 MB bodies, 100k-level nesting, invalid
UTF-8, NUL bytes and a gzip bomb. Each must give a clear error or a safe
result, quickly, with bounded memory (max RSS of the child from wait4)."""
import json
import os
import signal
import stat
import subprocess
import sys
import time
import zlib

from harktest import FIXTURES, HARK, Server, TempDir, ok, done

HOSTILE = os.path.join(FIXTURES, "hostile")
MB = 1 << 20
PASSWD_MARKERS = (b"root:x:0:0", b"root:*:0:0", b"/bin/sh", b"nologin")
# Memory bounds are for a normal build; ASan's shadow memory and quarantine
# take about three times as much.
try:
    RSS_SCALE = 3 if b"__asan_init" in open(HARK, "rb").read() else 1
except OSError:
    RSS_SCALE = 1
JSON_PARAMS = ["--param", "url=https://api.example.com/x", "--param", "id=id", "--param", "text=text"]


class Child:
    def __init__(self, rc, out, err, secs, maxrss_mb):
        self.rc, self.out, self.err, self.secs, self.maxrss_mb = rc, out, err, secs, maxrss_mb

    def __repr__(self):
        return "rc=%s %.2fs maxrss=%dMB\nstdout: %s\nstderr: %s" % (
            self.rc, self.secs, self.maxrss_mb, self.out[:500], self.err[:800])


# Runs one program and reports its own exit status and max RSS. It stands
# between this test and hark because a child's max RSS includes the memory
# of whoever forked it (this test holds 50 MB bodies): the wrapper is small.
WRAPPER = r"""
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d %d" % (os.waitstatus_to_exitcode(status), ru.ru_maxrss))
"""


def run(args, stdin_path=None, timeout=60, env=None, cwd=None):
    """hark with args: exit status, output, seconds, its own max RSS."""
    e = dict(os.environ)
    e.update(env or {})
    with TempDir() as tmp:
        outp, errp, statp = (os.path.join(tmp.path, n) for n in ("out", "err", "status"))
        with open(outp, "wb") as fo, open(errp, "wb") as fe, \
                open(stdin_path or os.devnull, "rb") as fi:
            t0 = time.monotonic()
            p = subprocess.Popen([sys.executable, "-c", WRAPPER, statp, HARK] + args, stdin=fi,
                                 stdout=fo, stderr=fe, env=e, cwd=cwd, start_new_session=True)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            secs = time.monotonic() - t0
        out = open(outp, "rb").read()
        err = open(errp, "rb").read().decode("utf-8", "replace")
        try:
            rc, rss = (int(x) for x in open(statp).read().split())
        except (OSError, ValueError):
            rc, rss = None, 0
            err += "\n(timed out after %ds)" % timeout
    return Child(rc, out, err, secs, rss // 1024)


def no_passwd(data):
    return not any(m in data for m in PASSWD_MARKERS)


def lines(child):
    try:
        return [json.loads(l) for l in child.out.decode("utf-8").splitlines() if l.strip()]
    except (UnicodeDecodeError, ValueError):
        return None


def valid_text(child):
    """stdout is strict UTF-8 JSON Lines without NULs or C0 controls."""
    rows = lines(child)
    if rows is None:
        return False
    for m in rows:
        for v in m.values():
            if isinstance(v, str) and any(ord(c) < 32 for c in v):
                return False
    return True


def clear_error(child, *words):
    return child.rc == 1 and child.err.strip() != "" and any(w in child.err.lower() for w in words)


# ---- hark parse on the fixtures ----

for name in ("xxe_general_entity", "xxe_parameter_entity", "xxe_external_dtd", "xinclude",
             "xxe_in_escaped_html"):
    c = run(["parse", "rss", os.path.join(HOSTILE, name + ".xml")], timeout=20)
    ok(c.rc == 0 and no_passwd(c.out) and no_passwd(c.err.encode()) and len(lines(c) or []) == 1,
       "parse rss %s: the item, without /etc/passwd in it" % name, c)

with TempDir() as tmp:
    # A FIFO as the entity target: opening it would block forever (no
    # writer), so finishing at all proves it was never opened.
    fifo = os.path.join(tmp.path, "secret.fifo")
    os.mkfifo(fifo)
    body = ('<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY x SYSTEM "file://%s">'
            ' <!ENTITY %% p SYSTEM "file://%s"> %%p; ]>\n'
            '<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude"><channel>'
            '<item><guid>f-1</guid><title>acme &x;</title>'
            '<description><xi:include href="file://%s" parse="text"/></description></item>'
            '</channel></rss>\n') % (fifo, fifo, fifo)
    path = tmp.file("fifo.xml", body)
    c = run(["parse", "rss", path], timeout=10)
    ok(c.rc == 0 and c.secs < 10, "parse rss never opens an external entity, DTD or XInclude target (FIFO)", c)
    ok(stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO is still there, untouched")

for name, words in (("billion_laughs", ("entity", "loop", "broken")),
                    ("quadratic_blowup", ())):
    c = run(["parse", "rss", os.path.join(HOSTILE, name + ".xml")], timeout=20)
    safe = clear_error(c, *words) if words else (c.rc in (0, 1) and valid_text(c))
    ok(safe and c.secs < 5 and c.maxrss_mb < 200 * RSS_SCALE,
       "parse rss %s: %s in %.2fs, %d MB" % (name, "clear error" if words else "safe result", c.secs, c.maxrss_mb), c)

c = run(["parse", "rss", os.path.join(HOSTILE, "invalid_utf8.xml")])
ok(c.rc == 0 and valid_text(c) and len(lines(c)) == 1, "parse rss: invalid UTF-8 comes out valid UTF-8", c)
c = run(["parse", "rss", os.path.join(HOSTILE, "nul_bytes.xml")])
ok((c.rc == 0 and valid_text(c) and b"\\u0000" not in c.out) or clear_error(c, "nul", "broken", "rss"),
   "parse rss: NUL bytes give clean text or a clear error", c)
for name in ("invalid_utf8", "nul"):
    c = run(["parse", "json"] + JSON_PARAMS + [os.path.join(HOSTILE, name + ".json")])
    ok((c.rc == 0 and valid_text(c) and b"\\u0000" not in c.out) or clear_error(c, "json", "utf", "nul"),
       "parse json %s: clean text or a clear error" % name, c)

with TempDir() as tmp:
    page = tmp.file("bad_byte.html", b'<html><body><div class="c"><p>acme one \xff\xfe\xff bad</p></div>'
                    b'<div class="c"><p>acme two</p></div></body></html>')
    for cs in ("euc-kr", "shift_jis", "windows-1254", "utf-8"):
        c = run(["parse", "html", "--param", "url=https://x.example/", "--param", "item=//div[@class='c']",
                 "--param", "text=.//p", "--content-type", "text/html; charset=" + cs, page])
        rows = lines(c) or []
        ok(c.rc == 0 and valid_text(c) and [r.get("text", "")[-3:] for r in rows] == ["bad", "two"],
           "parse html (charset=%s): a bad byte does not drop the rest of the page" % cs, c)

with TempDir() as tmp:
    # Items nested in items (unclosed tags): each must not carry the whole
    # page again (BUGS.md B6: 1 MB became 255 MB of mentions).
    n = 250
    page = tmp.file("nested_items.html", '<html><body>' + '<div class="review"><p class="text">' * n +
                    "acme lorem ipsum " * 60000 + "</p></div>" * n + "</body></html>")
    c = run(["parse", "html", "--param", "url=https://r.example/", "--param", "item=//div[@class='review']",
             "--param", "text=.//p[@class='text']", page], timeout=60)
    ok(c.rc in (0, 1) and len(c.out) < 4 * MB and c.secs < 5 and c.maxrss_mb < 200 * RSS_SCALE,
       "parse html: 250 nested items of a 1 MB page give %d kB in %.2fs, %d MB" % (
           len(c.out) // 1024, c.secs, c.maxrss_mb), c)

# ---- generated: 50 MB bodies and 100k-level nesting ----

def big_rss(size):
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>\n'
    item = (b'<item><guid>g%d</guid><title>acme item</title><description>' +
            b"lorem ipsum dolor sit amet " * 16 + b'</description></item>\n')
    parts, n, i = [head], len(head), 0
    while n < size:
        s = item % i
        parts.append(s)
        n += len(s)
        i += 1
    parts.append(b"</channel></rss>\n")
    return b"".join(parts), i


def big_json(size):
    item = b'{"id":"j%d","text":"acme ' + b"lorem ipsum dolor sit amet " * 16 + b'"},'
    parts, n, i = [b"["], 1, 0
    while n < size:
        s = item % i
        parts.append(s)
        n += len(s)
        i += 1
    parts.append(b'{"id":"last","text":"end"}]')
    return b"".join(parts), i + 1


with TempDir() as tmp:
    rss_body, rss_items = big_rss(50 * MB)
    json_body, json_items = big_json(50 * MB)
    one_field = (b'<rss version="2.0"><channel><item><guid>1</guid><title>acme</title><description>' +
                 b"x" * (50 * MB) + b"</description></item></channel></rss>")
    deep_xml = b'<rss version="2.0"><channel>' + b"<a>" * 100000 + b"</a>" * 100000 + b"</channel></rss>"
    deep_html = (b'<rss version="2.0"><channel><item><guid>1</guid><title>acme</title><description>' +
                 b"&lt;div&gt;" * 100000 + b"acme</description></item></channel></rss>")
    deep_arr = b"[" * 100000 + b"]" * 100000
    deep_obj = b'{"a":' * 100000 + b"1" + b"}" * 100000
    files = {n: tmp.file(n, b) for n, b in (("big.xml", rss_body), ("big.json", json_body),
                                            ("one_field.xml", one_field), ("deep.xml", deep_xml),
                                            ("deep_html.xml", deep_html), ("deep_arr.json", deep_arr),
                                            ("deep_obj.json", deep_obj))}
    c = run(["parse", "rss", files["big.xml"]], timeout=60)
    ok(c.rc == 0 and len(lines(c) or []) == rss_items and c.secs < 30 and c.maxrss_mb < 1024 * RSS_SCALE,
       "parse rss: 50 MB feed of %d items in %.1fs, max RSS %d MB" % (rss_items, c.secs, c.maxrss_mb), c)
    c = run(["parse", "rss"], stdin_path=files["one_field.xml"], timeout=60)
    ok(c.rc in (0, 1) and c.secs < 30 and c.maxrss_mb < 1024 * RSS_SCALE and (c.rc == 1 or valid_text(c)),
       "parse rss: one 50 MB field from stdin in %.1fs, max RSS %d MB" % (c.secs, c.maxrss_mb), c)
    c = run(["parse", "json"] + JSON_PARAMS + [files["big.json"]], timeout=60)
    ok(c.rc == 0 and len(lines(c) or []) == json_items and c.secs < 30 and c.maxrss_mb < 1024 * RSS_SCALE,
       "parse json: 50 MB array of %d items in %.1fs, max RSS %d MB" % (json_items, c.secs, c.maxrss_mb), c)
    c = run(["parse", "rss", files["deep.xml"]], timeout=20)
    ok(clear_error(c, "depth", "broken", "nest") and c.secs < 5,
       "parse rss: 100k nested elements is a clear error (%.2fs)" % c.secs, c)
    c = run(["parse", "rss", files["deep_html.xml"]], timeout=20)
    ok(c.rc in (0, 1) and c.secs < 5 and c.maxrss_mb < 200 * RSS_SCALE and (c.rc == 1 or valid_text(c)),
       "parse rss: 100k nested HTML tags in a description is safe (%.2fs, %d MB)" % (c.secs, c.maxrss_mb), c)
    for n in ("deep_arr.json", "deep_obj.json"):
        c = run(["parse", "json"] + JSON_PARAMS + [files[n]], timeout=20)
        ok(clear_error(c, "depth", "broken", "nest") and c.secs < 5,
           "parse json: %s (100k levels) is a clear error (%.2fs)" % (n, c.secs), c)

# ---- the same over HTTP: a poll against a loopback server ----

def gzip_bomb(size):
    """gzip of size bytes of spaces: about size/1000 on the wire."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * MB
    head = z.compress(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>')
    return head + b"".join(z.compress(chunk) for _ in range(size // MB)) + z.flush()


def streamed(body, chunk=MB):
    for i in range(0, len(body), chunk):
        yield body[i:i + chunk]


with Server() as srv, TempDir() as tmp:
    srv.httpd.handle_error = lambda *a: None  # hark hangs up at max_body: expected
    read = lambda n: open(os.path.join(HOSTILE, n), "rb").read()
    xml = {"Content-Type": "application/rss+xml; charset=utf-8"}
    bomb = gzip_bomb(256 * MB)
    routes = {
        "xxe": read("xxe_general_entity.xml"),
        "xxe-param": read("xxe_parameter_entity.xml"),
        "xxe-dtd": read("xxe_external_dtd.xml"),
        "xinclude": read("xinclude.xml"),
        "laughs": read("billion_laughs.xml"),
        "badutf8": read("invalid_utf8.xml"),
        "nul": read("nul_bytes.xml"),
        "deep": deep_xml,
    }
    for name, body in routes.items():
        srv.route("/" + name, headers=xml, body=body)
    srv.route("/big", headers=xml, stream=streamed(rss_body))
    srv.route("/bomb", headers=dict(xml, **{"Content-Encoding": "gzip"}), body=bomb)
    srv.route("/deep.json", headers={"Content-Type": "application/json"}, body=deep_arr)
    conf = ["[hark]", "database = hark.db", "timeout = 20", "max_body = 8M", "",
            "[brand acme]", "keywords = acme", ""]
    for name in list(routes) + ["big", "bomb"]:
        conf += ["[source %s]" % name, "adapter = rss", "match = all", "url = " + srv.url("/" + name), ""]
    conf += ["[source deepjson]", "adapter = json", "match = all", "url = " + srv.url("/deep.json"),
             "id = id", "text = text", ""]
    cfg = tmp.file("hark.conf", "\n".join(conf))
    env = {"HARK_NOW": "2026-11-22T12:00:00Z"}
    c = run(["-c", cfg, "init"], env=env)
    ok(c.rc == 0, "init", c)

    def poll(source):
        return run(["-c", cfg, "poll", "--no-alerts", "--source", source], env=env, timeout=60)

    for name in ("xxe", "xxe-param", "xxe-dtd", "xinclude", "badutf8"):
        c = poll(name)
        ok(c.rc == 0 and c.secs < 10, "poll %s: stored safely (%.2fs)" % (name, c.secs), c)
    c = poll("nul")
    ok(c.rc in (0, 1) and (c.rc == 0 or c.err.strip()), "poll nul: stored or a clear error", c)
    c = poll("laughs")
    ok(clear_error(c, "entity", "loop", "broken") and c.secs < 10 and c.maxrss_mb < 200 * RSS_SCALE,
       "poll billion laughs: clear error (%.2fs, %d MB)" % (c.secs, c.maxrss_mb), c)
    c = poll("deep")
    ok(clear_error(c, "depth", "broken") and c.secs < 10, "poll 100k-deep XML: clear error", c)
    c = poll("deepjson")
    ok(clear_error(c, "depth", "broken") and c.secs < 10, "poll 100k-deep JSON: clear error", c)
    c = poll("big")
    ok(clear_error(c, "max_body", "larger") and c.secs < 20 and c.maxrss_mb < 200 * RSS_SCALE,
       "poll 50 MB chunked body: over max_body, stopped (%.2fs, %d MB)" % (c.secs, c.maxrss_mb), c)
    c = poll("bomb")
    ok(clear_error(c, "max_body", "larger") and c.secs < 20 and c.maxrss_mb < 200 * RSS_SCALE,
       "poll gzip bomb (%d kB -> 256 MB): stopped at max_body (%.2fs, %d MB)" % (
           len(bomb) // 1024, c.secs, c.maxrss_mb), c)

    c = run(["-c", cfg, "export", "--format", "jsonl"], env=env)
    rows = lines(c) or []
    ids = {m.get("id") for m in rows}
    ok(c.rc == 0 and {"xxe-1", "xxe-2", "xxe-3", "xi-1", "u-1"} <= ids, "the safe items were stored", sorted(ids))
    ok(no_passwd(c.out), "no /etc/passwd content in any stored mention")
    ok(valid_text(c), "every stored string is valid UTF-8 without control characters", c.out[:2000])
    db = b""
    for suffix in ("", "-wal"):
        p = os.path.join(tmp.path, "hark.db" + suffix)
        if os.path.exists(p):
            db += open(p, "rb").read()
    ok(db and no_passwd(db), "no /etc/passwd content anywhere in the database file")
done()
