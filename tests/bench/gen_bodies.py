#!/usr/bin/env python3
"""gen_bodies.py - synthetic response bodies for the pipeline benchmarks.

    gen_bodies.py parse OUTDIR [ITEMS]       one big RSS 2.0 and Atom feed
                                             (ITEMS each, default 5000), an
                                             App Store, a Reddit and a mapped
                                             JSON page, an HTML page; each
                                             BODY with a BODY.params file
    gen_bodies.py poll OUTDIR FEEDS ITEMS    FEEDS RSS files OUTDIR/NNN.xml of
                                             ITEMS items each

Everything is made up here from a fixed seed (same bytes on every run):
English and Turkish review sentences about a made-up brand "Acme", some with
markup, entities and emoji, about a third not naming the brand at all."""
import json
import os
import random
import sys
from xml.sax.saxutils import escape

EN_OPEN = ["I ordered the Acme {p} last week", "My Acme {p} arrived today",
           "Bought the {p} from Acme", "Third Acme {p} this year",
           "Got a {p} as a gift", "Ordered a {p} for my brother"]
EN_VERDICT = ["and it is great, really comfortable", "but the sole came off after two days",
              "and honestly it is terrible, never again", "it is okay, nothing special",
              "and I love it!!! 😍", "but delivery was slow and support did not answer",
              "and the quality is not bad at all", "the stitching is awful and it smells weird",
              "works fine, fair price", "and it broke. Refund please 😡"]
EN_TAIL = ["Would recommend.", "Customer service was helpful.", "Not happy.",
           "5 stars from me.", "Do not buy.", "See the photos below.", ""]
TR_OPEN = ["Acme {p} siparişim dün geldi", "Acme'den {p} aldım",
           "Geçen hafta Acme {p} sipariş ettim", "Hediye olarak {p} aldım",
           "İkinci Acme {p} alışverişim"]
TR_VERDICT = ["ve çok memnun kaldım, teşekkürler", "ama kargo çok geç geldi",
              "kalitesi berbat, bir daha almam", "fiyatına göre idare eder",
              "harika bir ürün 👍", "iade etmek istedim ama müşteri hizmetleri cevap vermiyor",
              "beklediğimden güzel çıktı", "iki günde bozuldu, rezalet"]
TR_TAIL = ["Tavsiye ederim.", "Pişmanım.", "Herkese öneririm.", "Param yandı.", ""]
PRODUCTS_EN = ["running shoes", "jacket", "boots", "backpack", "headphones", "sneakers"]
PRODUCTS_TR = ["ayakkabı", "mont", "çanta", "kulaklık", "bot", "spor ayakkabı"]
NAMES = ["Jane W.", "Sam Carter", "ayse.k", "Mehmet_61", "Zeynep Ç.", "trail_runner",
         "Ömer Faruk", "Li Wei", "Ana García", "J. Smith"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
BASE_T = 1794000000  # Nov 2026


def review(rng, brand=True):
    """(lang, title, text) of one made-up review."""
    if rng.random() < 0.35:
        p = rng.choice(PRODUCTS_TR)
        text = f"{rng.choice(TR_OPEN).format(p=p)} {rng.choice(TR_VERDICT)}. {rng.choice(TR_TAIL)}"
        title = rng.choice(["Acme hakkında", "Kargo rezaleti", "Harika ürün", "İade sorunu",
                            f"{p.capitalize()} yorumu"])
        lang = "tr"
    else:
        p = rng.choice(PRODUCTS_EN)
        text = f"{rng.choice(EN_OPEN).format(p=p)} {rng.choice(EN_VERDICT)}. {rng.choice(EN_TAIL)}"
        title = rng.choice(["Review of the Acme " + p, "Not what I expected", "Love it",
                            "Worst purchase ever", "Acme " + p + ": three months later"])
        lang = "en"
    if rng.random() < 0.5:  # longer reviews
        text += " " + " ".join(rng.choice(EN_TAIL + TR_TAIL) for _ in range(rng.randint(1, 6)))
    if not brand:
        text = text.replace("Acme'den ", "").replace("Acme ", "")
        title = title.replace("Acme ", "")
    return lang, title.strip(), text.strip()


def rfc822(t):
    import time
    g = time.gmtime(t)
    return (f"{WEEKDAYS[g.tm_wday]}, {g.tm_mday:02d} {MONTHS[g.tm_mon - 1]} {g.tm_year} "
            f"{g.tm_hour:02d}:{g.tm_min:02d}:{g.tm_sec:02d} +0000")


def rfc3339(t, off=""):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + (off or "Z")


def html_text(rng, text):
    """The text as HTML the way blogs and shops send it."""
    words = text.split(" ")
    if len(words) > 4 and rng.random() < 0.6:
        i = rng.randrange(len(words) - 1)
        words[i] = f"<b>{words[i]}</b>"
    s = " ".join(words).replace("&", "&amp;")
    return f"<p>{s}</p>" + ("<br/><a href=\"https://shop.example/r\">Read more &raquo;</a>"
                            if rng.random() < 0.3 else "")


def rss2(rng, n, feed_no=0):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
           f'<title>Acme reviews {feed_no}</title><link>https://shop{feed_no}.example/</link>\n'
           '<description>Customer reviews</description><language>en-us</language>\n']
    for i in range(n):
        lang, title, text = review(rng, rng.random() < 0.7)
        t = BASE_T - i * 600 - feed_no * 7
        body = escape(html_text(rng, text))
        out.append(
            f"<item>\n<title>{escape(title)}</title>\n"
            f"<link>https://shop{feed_no}.example/reviews/{feed_no}-{i}</link>\n"
            f'<guid isPermaLink="false">rev-{feed_no}-{i}</guid>\n'
            f"<dc:creator>{escape(rng.choice(NAMES))}</dc:creator>\n"
            f"<pubDate>{rfc822(t)}</pubDate>\n<category>reviews</category>\n"
            f"<description>{body}</description>\n</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom(rng, n):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           '<feed xmlns="http://www.w3.org/2005/Atom">\n<title>Acme news</title>\n'
           '<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>\n'
           f'<updated>{rfc3339(BASE_T)}</updated>\n<link href="https://news.example/"/>\n']
    for i in range(n):
        lang, title, text = review(rng, rng.random() < 0.7)
        t = BASE_T - i * 600
        out.append(
            f"<entry>\n<id>urn:acme:news:{i}</id>\n<title>{escape(title)}</title>\n"
            f'<link rel="alternate" type="text/html" href="https://news.example/{i}"/>\n'
            f"<updated>{rfc3339(t)}</updated>\n<published>{rfc3339(t, '+03:00')}</published>\n"
            f"<author><name>{escape(rng.choice(NAMES))}</name></author>\n"
            f'<content type="html">{escape(html_text(rng, text))}</content>\n</entry>\n')
    out.append("</feed>\n")
    return "".join(out)


def appstore(rng, n):
    entries = []
    for i in range(n):
        lang, title, text = review(rng)
        entries.append({
            "author": {"uri": {"label": f"https://itunes.apple.com/tr/reviews/id{7861000 + i}"},
                       "name": {"label": rng.choice(NAMES)}, "label": ""},
            "updated": {"label": rfc3339(BASE_T - i * 900, "-07:00")},
            "im:version": {"label": "4.2.0"},
            "im:rating": {"label": str(rng.randint(1, 5))},
            "id": {"label": str(11230000000 + i)},
            "title": {"label": title},
            "content": {"label": text, "attributes": {"type": "text"}},
            "link": {"attributes": {"rel": "related",
                                    "href": "https://itunes.apple.com/tr/review?id=123456789"}},
            "im:voteSum": {"label": "0"},
            "im:contentType": {"attributes": {"term": "Application", "label": "Application"}},
            "im:voteCount": {"label": "0"}})
    return json.dumps({"feed": {
        "author": {"name": {"label": "iTunes Store"},
                   "uri": {"label": "http://www.apple.com/tr/itunes/"}},
        "entry": entries,
        "updated": {"label": rfc3339(BASE_T, "-07:00")},
        "rights": {"label": "Copyright 2008 Apple Inc."},
        "title": {"label": "iTunes Store: Customer Reviews"},
        "icon": {"label": "http://itunes.apple.com/favicon.ico"},
        "link": [{"attributes": {"rel": "alternate", "type": "text/html",
                                 "href": "https://apps.apple.com/WebObjects/MZStore.woa/wa/viewGrouping?cc=tr&id=1"}},
                 {"attributes": {"rel": "self",
                                 "href": "https://itunes.apple.com/tr/rss/customerreviews/page=1/id=123456789/sortby=mostrecent/json"}}],
        "id": {"label": "https://itunes.apple.com/tr/rss/customerreviews/page=1/id=123456789/sortby=mostrecent/json"}}},
        ensure_ascii=False, indent=None)


def reddit(rng, n):
    children = []
    for i in range(n):
        lang, title, text = review(rng)
        rid = f"1q{i:05x}"
        children.append({"kind": "t3", "data": {
            "subreddit": "BuyItForLife", "selftext": text, "author_fullname": f"t2_{i:06x}",
            "title": title, "subreddit_name_prefixed": "r/BuyItForLife", "name": f"t3_{rid}",
            "score": rng.randint(0, 500), "thumbnail": "self", "created": BASE_T - i * 300,
            "domain": "self.BuyItForLife", "id": rid, "author": rng.choice(NAMES).replace(" ", "_"),
            "num_comments": rng.randint(0, 90), "over_18": False, "stickied": False,
            "permalink": f"/r/BuyItForLife/comments/{rid}/acme_review/",
            "url": f"https://www.reddit.com/r/BuyItForLife/comments/{rid}/acme_review/",
            "created_utc": BASE_T - i * 300, "upvote_ratio": 0.97,
            "selftext_html": "&lt;!-- SC_OFF --&gt;&lt;div class=\"md\"&gt;&lt;p&gt;" +
                             escape(text) + "&lt;/p&gt;&lt;/div&gt;&lt;!-- SC_ON --&gt;"}})
    return json.dumps({"kind": "Listing", "data": {
        "after": f"t3_1q{n - 1:05x}", "dist": n, "modhash": "", "geo_filter": "",
        "children": children, "before": None}}, ensure_ascii=False)


JSON_PARAMS = """url=https://reviews.example.com/api/reviews?limit=100
items=$.data.reviews[*]
id=reviewId
author=customer.displayName|customer.id
title=headline
text=body
html=yes
rating=star
rating_scale=10
date=createdAt
lang_field=locale
link=https://www.shop.example/{product.slug}-yorumlari?reviewId={reviewId}
next=links.next
"""


def json_mapped(rng, n):
    reviews = []
    for i in range(n):
        lang, title, text = review(rng)
        reviews.append({"reviewId": f"r-{100000 - i}",
                        "customer": {"displayName": rng.choice(NAMES), "id": 4000 + i},
                        "star": rng.randint(1, 10), "headline": title,
                        "body": html_text(rng, text),
                        "createdAt": rfc3339(BASE_T - i * 450, "+03:00"),
                        "locale": "tr-TR" if lang == "tr" else "en-US",
                        "product": {"slug": f"acme-product-p-HBC{i:05d}"},
                        "helpful": rng.randint(0, 40), "photos": []})
    return json.dumps({"data": {"reviews": reviews, "total": 5000},
                       "links": {"next": "/api/reviews?cursor=abc123&limit=100"}},
                      ensure_ascii=False, indent=1)


HTML_PARAMS = """url=https://complaints.example/acme
item=//article[contains(concat(' ', normalize-space(@class), ' '), ' complaint-card ')]
id=@data-id
title=.//h2[contains(@class,'complaint-title')]
text=.//p[contains(@class,'complaint-description')]/node()[not(self::a[contains(@class,'read-more')])]
author=.//span[@class='username']
date=.//span[@class='time']/@title
rating=.//div[contains(@class,'rating-stars')]/@data-score
link=.//h2[contains(@class,'complaint-title')]/a/@href
next=//div[@class='pagination']/a[@rel='next']/@href
date_offset=+03:00
lang=tr
"""


def html_page(rng, n):
    out = ['<!DOCTYPE html>\n<html lang="tr">\n<head>\n<meta charset="utf-8">\n'
           '<title>Acme Şikayetleri</title>\n'
           '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>\n'
           '<link rel="stylesheet" href="/static/app.css">\n</head>\n<body>\n'
           '<header><nav><a href="/">Home</a> <a href="/brands">Brands</a></nav></header>\n'
           '<main class="complaint-list">\n']
    for i in range(n):
        lang, title, text = review(rng)
        t = BASE_T - i * 3600
        import time
        g = time.gmtime(t)
        out.append(
            f'<article class="card-v2 complaint-card" data-id="{71234567 - i}">\n'
            f'  <div class="profile-details"><img src="/a/{i}.png" alt="">\n'
            f'    <span class="username">{escape(rng.choice(NAMES))}</span>\n'
            f'    <div class="post-time"><span class="time" title="{g.tm_mday:02d}.{g.tm_mon:02d}.{g.tm_year} '
            f'{g.tm_hour:02d}:{g.tm_min:02d}">{i + 1} saat önce</span></div>\n  </div>\n'
            f'  <h2 class="complaint-title"><a class="complaint-layer" href="/acme/complaint-{i}">'
            f'{escape(title)}</a></h2>\n'
            f'  <p class="complaint-description">{escape(text)}<br>'
            f'<a href="/acme/complaint-{i}" class="read-more">devamını oku</a></p>\n'
            f'  <div class="rating-stars" data-score="{rng.randint(1, 5)}"><span class="star"></span></div>\n'
            f'  <ul class="tags"><li>kargo</li><li>iade</li></ul>\n</article>\n')
    out.append('</main>\n<div class="pagination"><a class="active" href="/acme">1</a>\n'
               '<a href="/acme?page=2" rel="next" class="pagination-next">Sonraki</a></div>\n'
               '<footer>© 2026</footer>\n</body>\n</html>\n')
    return "".join(out)


def write(path, text, params=None):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    if params is not None:
        with open(path + ".params", "w", encoding="utf-8") as f:
            f.write(params)


def main(argv):
    if len(argv) >= 3 and argv[1] == "parse":
        out = argv[2]
        n = int(argv[3]) if len(argv) > 3 else 5000
        os.makedirs(out, exist_ok=True)
        rng = random.Random(42)
        write(os.path.join(out, "rss2.xml"), rss2(rng, n), "url=https://shop0.example/feed\n")
        write(os.path.join(out, "atom.xml"), atom(rng, n), "url=https://news.example/feed\n")
        write(os.path.join(out, "appstore.json"), appstore(rng, 50),
              "app_id=123456789\ncountry=tr\n")
        write(os.path.join(out, "reddit.json"), reddit(rng, 100), "subreddit=BuyItForLife\n")
        write(os.path.join(out, "json.json"), json_mapped(rng, 100), JSON_PARAMS)
        write(os.path.join(out, "page.html"), html_page(rng, 50), HTML_PARAMS)
        return 0
    if len(argv) == 5 and argv[1] == "poll":
        out, feeds, items = argv[2], int(argv[3]), int(argv[4])
        os.makedirs(out, exist_ok=True)
        for k in range(feeds):
            rng = random.Random(1000 + k)
            write(os.path.join(out, f"{k:03d}.xml"), rss2(rng, items, k))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
