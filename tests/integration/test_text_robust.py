"""Three robustness fixes, end to end through `hark parse` and a poll against
a loopback server:
- B8: a feed body that looks like UCS-4/UTF-16 gives hark's own error and
  nothing from libxml2 on stderr (cron mails stderr);
- B3: escaped HTML nested deeper than libxml2's limit keeps its words;
- html adapter: a charset declared only in <meta> decodes the page (and a
  bad byte under it does not drop the rest); an HTTP charset still wins."""
import json
import os

from harktest import FIXTURES, Server, TempDir, done, hark, ok

ENV = {"HARK_NOW": "2026-11-22T12:00:00Z"}
# Text libxml2 prints when its generic error handler is left in place.
LIBXML_NOISE = ("encoding error", "input conversion failed", "parser error", "Bytes:", "namespace error",
                "I/O error", "^")


def quiet_error(r, *words):
    """A failure reported by hark alone: every stderr line is hark's, none
    is libxml2's, and the message names the problem."""
    lines = [l for l in r.err.splitlines() if l.strip()]
    return (r.rc != 0 and lines and all(l.startswith("hark") for l in lines) and
            not any(n in r.err for n in LIBXML_NOISE) and all(w in r.err for w in words))


# ---- B8: UCS-4 / UTF-16 looking feed bodies ----
BODIES = {
    "ucs4le-entity": b"<\0\0\0<!ENTITY",  # the fuzzer's 12 bytes
    "ucs4be": b"\0\0\0<\0\0\0r\0\0\0s\0\0\0s",
    "ucs4le-rss": b"<\0\0\0r\0\0\0s\0\0\0s\0\0\0>\0\0\0\xff\xff\xff\xff",
    "utf16le-broken": b"<\0?\0x\0m\0l\0 \0\x00\xd8",
    "ucs4-declared": b'<?xml version="1.0" encoding="UCS-4"?><rss><channel><item><title>x</title></item></channel></rss>',
}
with TempDir() as tmp:
    for name, body in BODIES.items():
        r = hark("parse", "rss", input=body, env=ENV)
        ok(quiet_error(r, "rss:"), "parse rss %s from stdin: hark's error only, nothing from libxml2" % name, r)
        r = hark("parse", "rss", tmp.file(name + ".xml", body), env=ENV)
        ok(quiet_error(r, "rss:", name + ".xml"), "parse rss %s.xml: hark's error only" % name, r)

# ---- B3: escaped HTML deeper than libxml2's limit ----
def feed(description):
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>1</guid>'
            '<title>yorum</title><description>%s</description></item></channel></rss>' % description).encode()


with TempDir() as tmp:
    p = tmp.file("deep300.xml", feed("before " + "&lt;b&gt;" * 300 + "acme kargo &amp;amp; iade berbat"))
    r = hark("parse", "rss", p, env=ENV)
    got = r.jsonl() if r.rc == 0 else []
    ok(len(got) == 1 and got[0]["text"] == "before acme kargo & iade berbat",
       "parse rss: 300 levels of escaped <b> keep the words inside (B3)", r)
    p = tmp.file("deep100k.xml", feed("&lt;div&gt;" * 100000 + "acme &lt;p&gt;son&lt;/p&gt;"))
    r = hark("parse", "rss", p, env=ENV)
    got = r.jsonl() if r.rc == 0 else []
    ok(len(got) == 1 and got[0]["text"] == "acme son",
       "parse rss: 100k levels of escaped <div>: the text is not empty (B3)", r)
    p = tmp.file("deep_script.xml", feed("&lt;i&gt;" * 400 + "acme &lt;script&gt;hidden()&lt;/script&gt;iyi"))
    r = hark("parse", "rss", p, env=ENV)
    got = r.jsonl() if r.rc == 0 else []
    ok(len(got) == 1 and got[0]["text"] == "acme iyi", "parse rss: script content still dropped past the limit", r)

# ---- html: charset from <meta> ----
HTML = os.path.join(FIXTURES, "html")
PARAMS = ["--param", "url=https://forum.example.com.tr/acme/yorumlar", "--param", "item=//div[@class='yorum']",
          "--param", "id=@id", "--param", "text=.//p[@class='metin']", "--param", "author=.//span[@class='uye']"]
WANT = {
    "y-4411": ("Şükrü Ağaoğlu", "Acme çamaşır makinesi iki haftada bozuldu; servis ışığı yanıp sönüyor, "
               "teknik servis gelmedi. Çok üzgünüm."),
    "y-4412": ("İlkay Işıldak", "Kargo hızlıydı, ürün sağlam geldi. Ölçüleri doğru, kumaşı güzel; "
               "Acme'ye teşekkürler!"),
}


def as_want(rows):
    return {m["id"]: (m["author"], m["text"]) for m in rows}


page1254 = open(os.path.join(HTML, "meta_charset_windows1254.html"), "rb").read()
page8859 = open(os.path.join(HTML, "meta_http_equiv_iso8859_9.html"), "rb").read()
ok(b"\x81" in page1254 and b"charset=\"windows-1254\"" in page1254 and b"\xfe" in page1254,
   "fixture: windows-1254 bytes (with one undefined byte), declared only by <meta charset>")
for name in ("meta_charset_windows1254.html", "meta_http_equiv_iso8859_9.html"):
    r = hark("parse", "html", *(PARAMS + [os.path.join(HTML, name)]), env=ENV)
    ok(r.rc == 0 and as_want(r.jsonl()) == WANT, "parse html %s: Turkish text decoded from the meta charset" % name, r)

with TempDir() as tmp:
    # An HTTP charset wins over the meta: a UTF-8 page that still says windows-1254 inside.
    utf8_page = page1254.decode("cp1254", "replace").encode("utf-8")
    p = tmp.file("utf8_says_1254.html", utf8_page)
    r = hark("parse", "html", *(PARAMS + ["--content-type", "text/html; charset=UTF-8", p]), env=ENV)
    ok(r.rc == 0 and as_want(r.jsonl()) == WANT, "an HTTP charset wins over <meta charset>", r)
    r = hark("parse", "html", *(PARAMS + ["--content-type", "text/html;Charset = \"windows-1254\"",
                                          os.path.join(HTML, "meta_http_equiv_iso8859_9.html")]), env=ENV)
    ok(r.rc == 0 and as_want(r.jsonl()) == WANT, "the HTTP charset parameter in any case, quoted, spaced", r)
    # The meta in a comment, or content= without http-equiv, is no declaration (WHATWG prescan).
    fake = (b'<html><head><!-- <meta charset="koi8-r"> --><meta content="text/html; charset=koi8-r">'
            b'</head><body><div class="yorum" id="a"><p class="metin">G\xc3\xbczel \xc3\xbcr\xc3\xbcn</p></div></body></html>')
    r = hark("parse", "html", *(PARAMS + [tmp.file("fake.html", fake)]), env=ENV)
    ok(r.rc == 0 and [m["text"] for m in r.jsonl()] == ["Güzel ürün"],
       "a meta inside a comment or without http-equiv declares nothing", r)
    # B2's open half: a bad byte under a meta-declared iconv charset keeps the rest of the page.
    euc = (b'<html><head><meta charset="euc-kr"></head><body><div class="yorum" id="1"><p class="metin">one '
           b'\xff\xfe\xff bad</p></div><div class="yorum" id="2"><p class="metin">two</p></div></body></html>')
    r = hark("parse", "html", *(PARAMS + [tmp.file("euc.html", euc)]), env=ENV)
    ok(r.rc == 0 and [m["id"] for m in r.jsonl()] == ["1", "2"] and r.jsonl()[1]["text"] == "two",
       "a bad byte under <meta charset=euc-kr> does not drop the items after it", r)

# The same through a poll: stored text is right, stderr silent.
with Server() as srv, TempDir() as tmp:
    srv.route("/yorumlar", headers={"Content-Type": "text/html"}, body=page1254)
    srv.route("/http-wins", headers={"Content-Type": "text/html; charset=utf-8"},
              body=page1254.decode("cp1254", "replace").encode("utf-8"))
    srv.route("/feed", headers={"Content-Type": "application/rss+xml"}, body=BODIES["ucs4le-entity"])
    common = ["adapter = html", "match = all", "item = //div[@class='yorum']", "id = @id",
              "text = .//p[@class='metin']", "author = .//span[@class='uye']", "lang = tr"]
    conf = ["[hark]", "database = hark.db", "", "[brand acme]", "keywords = acme", "",
            "[source meta]", "url = " + srv.url("/yorumlar")] + common + [
            "", "[source header]", "url = " + srv.url("/http-wins")] + common + [
            "", "[source ucs4]", "adapter = rss", "match = all", "url = " + srv.url("/feed"), ""]
    cfg = tmp.file("hark.conf", "\n".join(conf))
    r = hark("-c", cfg, "init", env=ENV)
    ok(r.rc == 0, "init", r)
    for src in ("meta", "header"):
        r = hark("-c", cfg, "poll", "--no-alerts", "--source", src, env=ENV)
        ok(r.rc == 0 and not any(n in r.err for n in LIBXML_NOISE), "poll %s: html page polled" % src, r)
        r = hark("-c", cfg, "export", "--format", "jsonl", "--source", src, env=ENV)
        rows = [json.loads(l) for l in r.out.splitlines() if l.strip()]
        ok(r.rc == 0 and {m.get("id"): (m.get("author"), m.get("text")) for m in rows} == WANT,
           "poll %s: the stored mentions are the right UTF-8 Turkish text" % src, r)
    r = hark("-c", cfg, "poll", "--no-alerts", "--source", "ucs4", env=ENV)
    ok(quiet_error(r, "ucs4"), "poll of a UCS-4-looking feed: a failed source, nothing from libxml2 on stderr", r)
done()
