#!/usr/bin/env python3
"""make_seeds.py - (re)write the seed inputs of tests/fuzz/corpus/<target>/
from the project's own fixtures (tests/fixtures, etc/) and small inputs
written here. Seeds are named seed-<sha1 of content>, so running this again
adds nothing twice. Inputs found by fuzzing are added by `make fuzz` runs
(merged with -merge=1), not by this script."""
import glob
import hashlib
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
MAX = 64 * 1024


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data[:MAX]
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def fixture_bodies():
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*", "*"))):
        if p.endswith((".params", ".cursor", ".headers", ".md")) or os.path.isdir(p):
            continue
        if os.sep + "sentiment" + os.sep in p or os.sep + "alerts" + os.sep in p:
            continue
        with open(p, "rb") as f:
            yield f.read()


FEEDS = [
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    '<item><title>Acme &amp; co</title><link>https://e.example/1</link><guid>1</guid>'
    '<pubDate>Sun, 22 Nov 2026 09:14:00 +0300</pubDate><description>&lt;p&gt;Bad&lt;/p&gt;</description>'
    '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">ayse</dc:creator></item></channel></rss>',
    '<?xml version="1.0" encoding="windows-1254"?><rss version="2.0"><channel><item>'
    '<title>\xde\xfe\xfd\xd0 kargo</title><guid isPermaLink="false">x</guid></item></channel></rss>',
    '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:e,2026:1</id><title type="html">a &lt;b&gt;b&lt;/b&gt;</title>'
    '<updated>2026-11-22T09:14:00Z</updated><author><name>n</name></author>'
    '<link rel="alternate" href="https://www.google.com/url?rct=j&amp;url=https://e.example/a&amp;ct=ga"/>'
    '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x<br/>y</div></content></entry></feed>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
    '<item rdf:about="https://e.example/r"><title>r</title><description>d&nbsp;e</description></item></rdf:RDF>',
    '<rss><channel><item><title>cut',
    '<!DOCTYPE rss [<!ENTITY x "y">]><rss><channel><item><title>&x;</title></item></channel></rss>',
    '<html><body><div class="review" data-id="7"><h3>Kötü</h3><p class="text">Ürün <b>bozuk</b> geldi</p>'
    '<span class="author">Ali</span><time datetime="2026-11-20">dün</time>'
    '<span class="stars" data-rating="1"></span><a href="/r/7">x</a></div>'
    '<a rel="next" href="?page=2">next</a></body></html>',
    '{"data":{"reviews":[{"reviewId":"r1","customer":{"displayName":"Ay\\u015fe"},"headline":"Bad",'
    '"body":"<p>Broken &amp; late</p>","star":2,"createdAt":"2026-11-20T10:00:00Z","locale":"tr-TR",'
    '"product":{"slug":"lamp"}}]},"links":{"next":"https://reviews.example.com/api/reviews?page=2"}}',
    '[{"id":5,"message":"acme ok","user":"u","ts":1795000000}]',
    '<html><script>window.__STATE__ = {"reviews":[{"productId":7,"id":1,"comment":"<b>k\u00f6t\u00fc</b>",'
    '"rate":1,"createdAt":1794999000000}],"total":1};</script></html>',
    '<article class="x card y"><h2><a href="/c/1">Acme</a></h2><p>text <a>more</a></p>'
    '<span class="time" title="12 Kas\u0131m 2026 14:30">x</span></article>',
    '{"content":[{"id":1,"text":"soru","productName":"p","userName":"u","creationDate":1794999000000,'
    '"webUrl":"https://e.example/q/1"}],"totalPages":3,"page":0}',
    '{"error":{"message":"quota exceeded","code":429}}',
    '{"a":' * 50 + '1' + '}' * 50,
    '', '{}', '[]', 'null', '<', '\x00\xff\xfe',
]

HTML = [
    '<p>Hello <b>world</b>&nbsp;&amp; &#x130;stanbul &eacute;</p><script>x()</script>',
    '&lt;p&gt;escaped &lt;b&gt;html&lt;/b&gt;&lt;/p&gt;',
    'plain\ttext\r\n  with   spaces \x01\x7f',
    '<div>a</div><div>b</div><br>c<li>d</li><td>e</td>',
    '\xef\xbb\xbfBOM and \xc3\x28 bad \xed\xa0\x80 surrogate \xf4\x90\x80\x80 big \xe2\x80\xa8 ls',
    'I\xc4\xb0\xc4\xb1i \xc3\x87\xc3\xa7 \xef\xbc\xa1 \xe2\x84\xab \xef\xac\x81',
    '\xde\xfe\xfd\xd0\xf0 windows-1254',
    '<![CDATA[x]]><!-- c --><?pi x?><title>t</title><style>s{}</style>',
]

TIMES = [
    "Sun, 22 Nov 2026 09:14:00 +0300", "22 Nov 26 09:14 GMT", "Sun, 22 Nov 2026 09:14:00 PST",
    "Mon, 1 Jan 2001 00:00:00 Z", "2026-11-22T09:14:00Z", "2026-11-22T09:14:00.123456+03:00",
    "2026-11-22 09:14:00", "2026-11-22", "1795000000", "1795000000000", "-1", "7d", "12h",
    "30m", "2w", "8M", "512k", "1G", "0", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
    "Thu, 31 Dec 9999 23:59:60 +2359", "2026-02-30T25:61:61Z", "99999999999999999999",
    "Tue, 29 Feb 2028 12:00:00 EDT", "  2026-11-22T09:14:00-00:00  ",
]

URLS = [
    "https://user:pa55@api.example.com/v1/x?key=abc&token=t&q=acme#frag",
    "https://hooks.slack.com/services/T000/B000/XXXX",
    "https://api.telegram.org/bot123456:ABC-DEF/sendMessage?chat_id=1",
    "https://discord.com/api/webhooks/1/abc",
    "http://h/?access_token=x;api_key=y&&=&a", "file:///tmp/x?token=1", "mailto:a@b",
    "//no-scheme@host/path", "https://[::1]:8080/p?k", "a://@", "?key=", "",
]

CONFIGS = [
    "[hark]\ndatabase = /tmp/x.db\njobs = 2\ntimeout = 5\nmax_body = 1M\n\n"
    "[brand acme]\nkeywords = acme, \"acme shoes\", #acme, @acmestore, İstanbul\n"
    "exclude = \"acme corp\"\nlanguages = en, tr\n\n"
    "[source s1]\nadapter = rss\nurl = https://e.example/feed\nbrand = acme\nevery = 30m\n\n"
    "[source s2]\nadapter = json\nurl = https://e.example/api\ntext = body\nmatch = all\n"
    "backfill = 2\nmax_pages = 3\nlang = tr\nauth = Authorization: Bearer ${HARK_FUZZ_TOKEN}\n\n"
    "[alert team]\ntype = webhook\nurl = https://hooks.example/x\nsecret = ${HARK_FUZZ_TOKEN}\n"
    "threshold = -0.5\nmax_rating = 2\nmode = digest\ndigest_every = 1h\nquiet_hours = 22:00-08:00\n",
    "[alert mail]\ntype = email\nurl = smtp://127.0.0.1:2525\nfrom = a@b\nto = c@d, e@f\n"
    "[alert x]\ntype = exec\ncommand = /bin/true\n[alert f]\ntype = file\nurl = /dev/null\n"
    "[alert s]\ntype = slack\nurl = ${NOPE}\n[alert t]\ntype = telegram\ntoken = a\nchat_id = 1\n",
    "garbage\n[unknown x]\n[source]\nadapter = nope\n[brand b\nkey\n= v\n;c\n#c\n" + "k=" + "v" * 300 + "\n",
]


# Cursor, Link and Retry-After lines after the body (fuzz_adapters' META).
METAS = [
    b'113500000000000042\n<https://mastodon.example/api/v1/timelines/tag/acme?limit=3&max_id=113499999999998000>;'
    b' rel="next", <https://mastodon.example/x?min_id=1>; rel="prev"\n7200\n',
    b't3_1abcde\n<https://x/?after=t3_zz>; rel="next"\nWed, 21 Oct 2026 07:28:00 GMT\n',
    b'1794990000\n\n-5\n',
    b'\n<>;rel=next,<\n99999999999999999999\n',
]
META_BODIES = ["mastodon/tag_timeline_first_poll.json", "reddit/search_first_poll.json",
               "hackernews/since_cursor.json", "json/root_array_cursor.json"]


def main():
    for body in fixture_bodies():
        put("adapters", body)
    for name in META_BODIES:
        p = os.path.join(ROOT, "tests", "fixtures", name)
        if os.path.exists(p):
            body = open(p, "rb").read()
            for m in METAS:
                put("adapters", body + b"\n#hark-meta\n" + m)
    for s in FEEDS:
        put("adapters", s.encode("latin-1") if "\xde" in s else s)
    for s in HTML:
        put("text", s.encode("latin-1"))
    for body in fixture_bodies():
        if body.lstrip().startswith(b"<"):
            put("text", body)
    for s in TIMES:
        put("time", s)
    for s in URLS:
        put("url_mask", s)
    for s in CONFIGS:
        put("config", s)
    for p in [os.path.join(ROOT, "etc", "hark.conf.example"), os.path.join(ROOT, "etc", "demo", "hark.conf")]:
        if os.path.exists(p):
            put("config", open(p, "rb").read())
    tsv = os.path.join(ROOT, "tests", "fixtures", "sentiment", "reviews_en.tsv")
    if os.path.exists(tsv):
        lines = open(tsv, "rb").read().splitlines()[1:]
        for line in lines[::4]:
            put("sentiment", line.split(b"\t", 1)[-1])
            put("csv", line)
    for s in ["Ürün berbat, kargo çok geç geldi, asla tavsiye etmem!!!",
              "Harika değil ama fena da sayılmaz :) 👍", "NOT good at all... but the staff was GREAT",
              "kesinlikle memnun kaldım, teşekkürler", "", "😡😡😡", "no no no never ever"]:
        put("sentiment", s)
    for s in ["=HYPERLINK(\"http://x\")", "+1\x00-2\x00@a\x00\tt", "a,b;c\"d\r\ne",
              "\xef\xbc\x9d1+2", "", "\x00\x00", "plain"]:
        put("csv", s.encode("latin-1") if "\xef" in s else s)
    # alerts: flags byte, then author, title, text, word, brand, url (NUL-separated)
    for s in [b"\x00Mallory <@U999>\x00Refund <script>alert(1)</script>\x00<!channel> <!here> @everyone "
              b"[click](http://evil) *x* _y_ `z` & \"q\" \xc3\xa7ok k\xc3\xb6t\xc3\xbc\x00k\xc3\xb6t\xc3\xbc\x00acme\x00",
              b"\x09ay\xc5\x9fe\x00ba\xc5\x9fl\xc4\xb1k\x00" + "çok kötü ürün ".encode() * 400 + b"\x00refund\x00acme\x00",
              b"\x08a\x00t\x00x\x00w\x00b\x00javascript:alert(1)",
              b"\x0b\r\nBcc: evil@x\x00Subject\r\n\r\nbody\x00.\r\n.\r\nDATA\x00w\x00b\x00https://evil.example/a?<b>",
              b""]:
        put("alerts", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
