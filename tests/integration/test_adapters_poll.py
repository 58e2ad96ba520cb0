"""Adapters through `hark poll` against loopback APIs: paging on the first
poll (backfill), the cursor on later polls, stopping at known items, every
item stored once; the API's own error message and rate limits; secrets kept
out of errors. Also `hark parse` on the golden fixtures."""
import json
import os
import urllib.parse

from harktest import FIXTURES, SRC, Server, TempDir, hark, ok, done

ENV = {"HARK_NOW": "2026-11-22T12:00:00Z", "YT_TEST_KEY": "sekr1t-key-value", "EBAY_TEST_TOKEN": "ebay-sekr1t"}
T0 = 1795000000  # before HARK_NOW


def hit(i, kind="story"):
    h = {"objectID": str(40000 + i), "author": "user%d" % i, "created_at_i": T0 + i * 60,
         "created_at": "", "_tags": [kind]}
    if kind == "story":
        h.update(title="Acme story %d" % i, story_text=None, url="https://news.example/%d" % i)
    else:
        h.update(comment_text="<p>acme comment %d</p>" % i, story_title="Acme story")
    return h


class Algolia:
    """search_by_date over a list of hits, newest first, with numericFilters
    created_at_i>N, hitsPerPage and page."""

    def __init__(self, hits):
        self.hits = hits

    def __call__(self, req):
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(req.path).query)
        hits = sorted(self.hits, key=lambda h: -h["created_at_i"])
        for f in q.get("numericFilters", []):
            if f.startswith("created_at_i>"):
                hits = [h for h in hits if h["created_at_i"] > int(f.split(">", 1)[1])]
        per = int(q.get("hitsPerPage", ["20"])[0])
        page = int(q.get("page", ["0"])[0])
        pages = (len(hits) + per - 1) // per
        body = {"hits": hits[page * per:(page + 1) * per], "nbHits": len(hits), "page": page,
                "nbPages": pages, "hitsPerPage": per, "query": q.get("query", [""])[0], "params": ""}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)


def queries(srv, path):
    return [urllib.parse.parse_qs(urllib.parse.urlsplit(r.path).query) for r in srv.requests_to(path)]


def exported(conf, source):
    r = hark("-c", conf, "export", "--source", source, "--format", "jsonl", env=ENV)
    return r, [m["id"] for m in r.jsonl()]


with Server() as srv, TempDir() as tmp:
    algolia = Algolia([hit(i, "story" if i % 2 else "comment") for i in range(1, 6)])
    srv.route("/api/v1/search_by_date", fn=algolia)

    def reddit(req):
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(req.path).query)
        if "before" in q:
            body = {"kind": "Listing", "data": {"children": [], "after": None, "before": None}}
            return 200, {"Content-Type": "application/json", "x-ratelimit-remaining": "0.0",
                         "x-ratelimit-reset": "5400"}, json.dumps(body)
        kids = [{"kind": "t3", "data": {"name": "t3_b%d" % i, "id": "b%d" % i, "author": "r%d" % i,
                                         "title": "acme post %d" % i, "selftext": "", "created_utc": T0 + i,
                                         "permalink": "/r/acme/comments/b%d/x/" % i}} for i in (2, 1)]
        return 200, {"Content-Type": "application/json"}, json.dumps(
            {"kind": "Listing", "data": {"children": kids, "after": None, "before": None}})
    srv.route("/r/acme/new.json", fn=reddit)
    srv.route("/youtube/v3/commentThreads", status=403, headers={"Content-Type": "application/json"},
              body=json.dumps({"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your quota.",
                                         "errors": [{"reason": "quotaExceeded", "domain": "youtube.quota"}]}}))

    conf = tmp.file("hark.conf", f"""
[hark]
database = hark.db
timeout = 5

[brand acme]
keywords = acme

[source hn]
adapter = hackernews
brand = acme
match = all
base_url = {srv.base}
query = acme
hits = 2
backfill = 2

[source reddit]
adapter = reddit
brand = acme
match = all
base_url = {srv.base}
subreddit = acme

[source yt]
adapter = youtube
brand = acme
base_url = {srv.base}/youtube/v3
video_id = abc
key = ${{YT_TEST_KEY}}
""")
    env = ENV
    r = hark("-c", conf, "check", env=env)
    ok(r.rc == 0, "check accepts hackernews, reddit and youtube sources", r)

    # First poll: backfill = 2 pages of 2 hits, newest first.
    r = hark("-c", conf, "poll", "--source", "hn", env=env)
    ok(r.rc == 0, "hackernews first poll succeeds", r)
    q = queries(srv, "/api/v1/search_by_date")
    ok(len(q) == 2 and "numericFilters" not in q[0] and q[1].get("page") == ["1"],
       "first poll: no cursor yet, then page 1 (backfill 2)", q)
    r, ids = exported(conf, "hn")
    ok(sorted(ids) == ["40002", "40003", "40004", "40005"], "first poll stored the 4 newest, once each", ids)

    # Three new items; the cursor asks only for newer ones and paging stops at a known id.
    algolia.hits += [hit(i) for i in (6, 7, 8)]
    r = hark("-c", conf, "poll", "--source", "hn", "--all", env=env)
    ok(r.rc == 0, "hackernews second poll succeeds", r)
    q = queries(srv, "/api/v1/search_by_date")[2:]
    ok(len(q) >= 1 and q[0].get("numericFilters") == ["created_at_i>%d" % (T0 + 300 - 3600)],
       "second poll sends the newest created_at_i as cursor", q)
    ok(len(q) == 2 and q[1].get("page") == ["1"], "second poll follows one more page, then stops at known items", q)
    r, ids = exported(conf, "hn")
    ok(sorted(ids) == ["40002", "40003", "40004", "40005", "40006", "40007", "40008"] and len(ids) == len(set(ids)),
       "second poll added the 3 new items, nothing twice", ids)

    r = hark("-c", conf, "poll", "--source", "hn", "--all", env=env)
    q = queries(srv, "/api/v1/search_by_date")[4:]
    ok(r.rc == 0 and len(q) == 1 and q[0].get("numericFilters") == ["created_at_i>%d" % (T0 + 480 - 3600)],
       "third poll: cursor moved to the newest, one request, nothing new", q)
    r, ids = exported(conf, "hn")
    ok(len(ids) == 7, "third poll stored nothing", ids)

    # Reddit: before= cursor on the second poll, rate-limit headers push the next poll back.
    r = hark("-c", conf, "poll", "--source", "reddit", env=env)
    ok(r.rc == 0, "reddit first poll succeeds", r)
    r = hark("-c", conf, "poll", "--source", "reddit", "--all", env=env)
    q = queries(srv, "/r/acme/new.json")
    ok(len(q) >= 2 and q[1].get("before") == ["t3_b2"], "reddit second poll asks before=<newest fullname>", q)
    ok(len(q) == 3 and "before" not in q[2],
       "an empty answer to before= is followed by the newest page (a deleted anchor post answers empty for good)", q)
    r = hark("-c", conf, "sources", env=env)
    row = [l for l in r.out.splitlines() if l.startswith("reddit ")]
    ok(r.rc == 0 and row and "2026-11-22T13:30" in row[0],
       "x-ratelimit-remaining 0 pushes reddit's next poll to the window's reset (+5400 s)", r.out)
    r, ids = exported(conf, "reddit")
    ok(sorted(ids) == ["t3_b1", "t3_b2"], "reddit items stored once", ids)

    # YouTube: the API's own message, the key never shown.
    r = hark("-c", conf, "poll", "--source", "yt", env=env)
    ok(r.rc == 1, "youtube quota error fails the poll", r)
    ok("quotaExceeded" in r.err and "exceeded your quota" in r.err, "youtube error carries the API's reason and message", r.err)
    ok("sekr1t-key-value" not in r.err + r.out, "the API key does not appear in the error", r.err)
    yreq = srv.requests_to("/youtube/v3/commentThreads")
    ok(yreq and "key=sekr1t-key-value" in yreq[0].path, "the key from ${ENV} was sent to the API", [x.path for x in yreq])

# Mastodon: min_id cursor and Link-header paging forward through a burst.
def status(i):
    return {"id": str(113000000000000000 + i), "created_at": "2026-11-20T10:%02d:00.000Z" % i,
            "content": "<p>acme #%d &amp; more</p>" % i, "language": "en", "spoiler_text": "",
            "url": "https://m.example/@u/%d" % i, "uri": "https://m.example/users/u/statuses/%d" % i,
            "reblog": None, "account": {"acct": "user%d@m.example" % i}}


class Timeline:
    def __init__(self, n):
        self.ids = list(range(1, n + 1))

    def __call__(self, req):
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(req.path).query)
        limit = int(q.get("limit", ["20"])[0])
        ids = sorted(self.ids, reverse=True)
        if "max_id" in q:
            ids = [i for i in ids if 113000000000000000 + i < int(q["max_id"][0])][:limit]
        elif "min_id" in q:  # the statuses just after min_id, newest first
            ids = sorted([i for i in ids if 113000000000000000 + i > int(q["min_id"][0])])[:limit][::-1]
        else:
            ids = ids[:limit]
        headers = {"Content-Type": "application/json"}
        if ids:
            base = "%s/api/v1/timelines/tag/acme?limit=%d" % (self.base, limit)
            headers["Link"] = '<%s&max_id=%d>; rel="next", <%s&min_id=%d>; rel="prev"' % (
                base, 113000000000000000 + ids[-1], base, 113000000000000000 + ids[0])
        return 200, headers, json.dumps([status(i) for i in ids])


with Server() as srv, TempDir() as tmp:
    tl = Timeline(3)
    tl.base = srv.base
    srv.route("/api/v1/timelines/tag/acme", fn=tl)
    conf = tmp.file("hark.conf", f"""
[hark]
database = hark.db

[brand acme]
keywords = acme

[source masto]
adapter = mastodon
brand = acme
instance = {srv.base}
tag = acme
limit = 2
""")
    r = hark("-c", conf, "poll", env=ENV)
    ok(r.rc == 0, "mastodon first poll", r)
    r, ids = exported(conf, "masto")
    ok(sorted(ids) == ["113000000000000002", "113000000000000003"], "mastodon first poll: the newest page only (backfill 1)", ids)
    tl.ids += [4, 5, 6, 7, 8]
    r = hark("-c", conf, "poll", "--all", env=ENV)
    ok(r.rc == 0, "mastodon second poll", r)
    q = queries(srv, "/api/v1/timelines/tag/acme")[1:]
    ok(q and q[0].get("min_id") == ["113000000000000003"], "mastodon second poll starts at min_id = newest stored", q)
    ok([x.get("min_id") for x in q] == [["113000000000000003"], ["113000000000000005"], ["113000000000000007"]],
       "mastodon follows Link rel=prev forward until a short page", q)
    r, ids = exported(conf, "masto")
    ok(sorted(ids) == ["1130000000000000%02d" % i for i in range(2, 9)] and len(ids) == len(set(ids)),
       "mastodon burst of 5 new statuses stored, each once", ids)
    r = hark("-c", conf, "export", "--source", "masto", "--format", "jsonl", env=ENV)
    m = [x for x in r.jsonl() if x["id"] == "113000000000000008"]
    ok(m and m[0]["text"] == "acme #8 & more" and m[0]["author"] == "user8@m.example" and m[0]["url"] == "https://m.example/@u/8",
       "mastodon status: HTML to text, acct, url", m)

# eBay (XML POST), a Trendyol-style JSON API with a page counter, and a
# Şikayetvar-style page with a next link, each with backfill = 2.
def feedback_page(n):
    details = "".join(
        "<FeedbackDetail><CommentingUser>b%d</CommentingUser><CommentText>acme feedback %d</CommentText>"
        "<CommentTime>2026-11-2%dT10:00:00.000Z</CommentTime><CommentType>%s</CommentType><ItemID>9%d</ItemID>"
        "<FeedbackID>7%d</FeedbackID></FeedbackDetail>" % (i, i, i % 10, ("Positive", "Neutral", "Negative")[i % 3], i, i)
        for i in ((4, 3) if n == 1 else (2, 1)))
    return ('<?xml version="1.0" encoding="UTF-8"?><GetFeedbackResponse xmlns="urn:ebay:apis:eBLBaseComponents">'
            "<Ack>Success</Ack><FeedbackDetailArray>%s</FeedbackDetailArray><PaginationResult><TotalNumberOfPages>2"
            "</TotalNumberOfPages><TotalNumberOfEntries>4</TotalNumberOfEntries></PaginationResult></GetFeedbackResponse>" % details)


def ebay(req):
    n = 2 if b"<PageNumber>2</PageNumber>" in req.body else 1
    return 200, {"Content-Type": "text/xml"}, feedback_page(n)


def trendyol(req):
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(req.path).query)
    page = int(q.get("page", ["0"])[0])
    items = [{"id": 500 + page * 2 + k, "text": "acme soru %d" % (page * 2 + k), "userName": "u", "creationDate": 1795000000000 - page * 1000}
             for k in (1, 0)]
    return 200, {"Content-Type": "application/json"}, json.dumps({"content": items, "page": page, "size": 2, "totalPages": 3})


def sikayet(req):
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(req.path).query)
    page = int(q.get("page", ["1"])[0])
    arts = "".join('<article class="complaint-card" data-id="%d"><h2><a href="/acme/s-%d">Şikayet %d</a></h2>'
                   '<p class="d">Acme kargo %d</p></article>' % (page * 10 + k, page * 10 + k, page * 10 + k, k) for k in (2, 1))
    nxt = '<a rel="next" href="/acme?page=%d">Sonraki</a>' % (page + 1)
    return 200, {"Content-Type": "text/html; charset=utf-8"}, "<html><body>%s%s</body></html>" % (arts, nxt)


with Server() as srv, TempDir() as tmp:
    srv.route("/ws/api.dll", fn=ebay)
    srv.route("/integration/qna/sellers/1/questions/filter", fn=trendyol)
    srv.route("/acme", fn=sikayet)
    conf = tmp.file("hark.conf", f"""
[hark]
database = hark.db

[brand acme]
keywords = acme

[source ebay]
adapter = ebay
brand = acme
match = all
backfill = 2
base_url = {srv.url('/ws/api.dll')}
user_id = acme_store
token = ${{EBAY_TEST_TOKEN}}

[source trendyol]
adapter = json
brand = acme
match = all
backfill = 2
url = {srv.url('/integration/qna/sellers/1/questions/filter')}?size=2
auth = Authorization: Basic ${{EBAY_TEST_TOKEN}}
headers = User-Agent: 1 - SelfIntegration
items = content
id = id
text = text
author = userName
date = creationDate
page_param = page
page_start = 0
total_pages = totalPages

[source sikayetvar]
adapter = html
brand = acme
match = all
backfill = 2
url = {srv.url('/acme')}
item = //article[@class='complaint-card']
id = @data-id
title = .//h2
text = .//p
link = .//h2/a/@href
next = //a[@rel='next']/@href
""")
    env = ENV
    r = hark("-c", conf, "poll", env=env)
    ok(r.rc == 0, "ebay, json and html sources poll", r)
    posts = srv.requests_to("/ws/api.dll")
    ok(len(posts) == 2 and all(p.method == "POST" for p in posts) and
       posts[0].header("X-EBAY-API-CALL-NAME") == "GetFeedback" and posts[0].header("X-EBAY-API-IAF-TOKEN") == "ebay-sekr1t" and
       b"<UserID>acme_store</UserID>" in posts[0].body and b"<PageNumber>2</PageNumber>" in posts[1].body,
       "ebay: POSTs GetFeedback with its headers, then page 2", [(p.method, p.body[:80]) for p in posts])
    r, ids = exported(conf, "ebay")
    ok(sorted(ids) == ["71", "72", "73", "74"], "ebay: 4 feedbacks stored", ids)
    r = hark("-c", conf, "export", "--source", "ebay", "--format", "jsonl", env=env)
    ratings = {m["id"]: m["rating"] for m in r.jsonl()}
    ok(ratings == {"71": 3, "72": 1, "73": 5, "74": 3}, "ebay: Positive/Neutral/Negative as 5/3/1 stars", ratings)
    q = queries(srv, "/integration/qna/sellers/1/questions/filter")
    t = srv.requests_to("/integration/qna/sellers/1/questions/filter")
    ok([x.get("page") for x in q] == [["0"], ["1"]] and t[0].header("User-Agent") == "1 - SelfIntegration" and
       t[1].header("Authorization") == "Basic ebay-sekr1t", "json: page counter from 0, headers on every page", q)
    r, ids = exported(conf, "trendyol")
    ok(sorted(ids) == ["500", "501", "502", "503"], "json: 2 pages of items stored", ids)
    q = queries(srv, "/acme")
    ok([x.get("page") for x in q] == [None, ["2"]], "html: next link followed once (backfill 2)", q)
    r = hark("-c", conf, "export", "--source", "sikayetvar", "--format", "jsonl", env=env)
    rows = {m["id"]: m for m in r.jsonl()}
    ok(sorted(rows) == ["11", "12", "21", "22"] and rows["12"]["url"] == srv.url("/acme/s-12") and
       rows["12"]["title"] == "Şikayet 12", "html: items of both pages, links resolved against the page", rows)

# command: the stored cursor goes to the program, its {"cursor"} comes back;
# a failing program's stderr is the poll's error.
with TempDir() as tmp:
    log = os.path.join(tmp.path, "cursors.log")
    script = tmp.file("mentions.sh", """#!/bin/sh
echo "cursor=[$HARK_CURSOR] source=$HARK_SOURCE" >> %s
n=${HARK_CURSOR:-0}
m=$((n + 1))
printf '{"id":"c%%d","text":"acme mention %%d","rating":2,"published_at":"2026-11-20T10:00:00Z"}\\n' $m $m
printf '{"cursor":"%%d"}\\n' $m
""" % log)
    os.chmod(script, 0o755)
    conf = tmp.file("hark.conf", f"""
[hark]
database = hark.db

[brand acme]
keywords = acme

[source prog]
adapter = command
brand = acme
command = {script}

[source failing]
adapter = command
brand = acme
command = echo 'login to the forum failed: 403' >&2; exit 4
""")
    r1 = hark("-c", conf, "poll", "--source", "prog", env=ENV)
    r2 = hark("-c", conf, "poll", "--source", "prog", "--all", env=ENV)
    ok(r1.rc == 0 and r2.rc == 0, "command source polls twice", (r1, r2))
    lines = open(log).read().splitlines() if os.path.exists(log) else []
    ok(lines == ["cursor=[] source=prog", "cursor=[1] source=prog"], "HARK_CURSOR empty first, then the cursor it printed", lines)
    r, ids = exported(conf, "prog")
    ok(sorted(ids) == ["c1", "c2"], "command mentions stored", ids)
    r = hark("-c", conf, "poll", "--source", "failing", env=ENV)
    ok(r.rc == 1 and "exited with status 4" in r.err and "login to the forum failed: 403" in r.err,
       "a failing command fails the poll with its stderr", r)

# `hark parse` on the self-written fixtures gives the golden mentions.
checked = 0
for adapter in sorted(os.listdir(FIXTURES)):
    d = os.path.join(FIXTURES, adapter)
    if adapter in ("rss", "command") or not os.path.isdir(d):
        continue
    for name in sorted(os.listdir(d)):
        if name.endswith((".params", ".headers", ".cursor", ".md")):
            continue
        golden = os.path.join(SRC, "tests", "golden", adapter, name + ".jsonl")
        if not os.path.exists(golden):
            continue
        want = open(golden, encoding="utf-8").read().splitlines()
        params, status = [], 200
        if os.path.exists(os.path.join(d, name + ".params")):
            for line in open(os.path.join(d, name + ".params"), encoding="utf-8").read().splitlines():
                k, _, v = line.partition("=")
                if k == "status":
                    status = int(v)
                elif k and k != "page":
                    params += ["--param", "%s=%s" % (k, v)]
        if os.path.exists(os.path.join(d, name + ".headers")) or status != 200 or "page=" in open(
                os.path.join(d, name + ".params")).read() if os.path.exists(os.path.join(d, name + ".params")) else False:
            continue  # needs headers, a status or a page index: covered by test_adapters
        args = ["parse", adapter] + params
        cur = os.path.join(d, name + ".cursor")
        if os.path.exists(cur):
            args += ["--cursor", open(cur).read().strip()]
        r = hark(*(args + [os.path.join(d, name)]), env=ENV)
        mentions = [l for l in want if l.startswith("{")]
        if want and want[0].startswith("#error "):
            ok(r.rc != 0 and want[0][7:] in r.err, "hark parse %s %s: error as in golden" % (adapter, name), r)
        else:
            got = r.out.splitlines()
            ok(r.rc == 0 and [json.loads(x) for x in got] == [json.loads(x) for x in mentions],
               "hark parse %s %s: golden mentions" % (adapter, name), r)
        checked += 1
ok(checked >= 20, "hark parse compared %d golden fixtures" % checked)
done()
