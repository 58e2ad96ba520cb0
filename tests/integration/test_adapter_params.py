"""Adapter parameters and shapes end to end (ACCEPTANCE A22, A17, A19).

A22: `hark check` reports every bad adapter parameter value, each as
FILE:LINE: at the parameter's own line (two bad values in one source: two
errors); the forms people paste that an adapter can read (a YouTube watch,
youtu.be or shorts URL; country = TR) pass and reach the API as it wants
them (videoId=ID, /tr/ storefront), checked on a loopback server.
A17: the command adapter replaces invalid UTF-8 in a printed line instead of
failing the source. A19: an rss body <rss/> without a channel fails the poll
with a clear message; a channel without items is an empty success.
"""
import re
import urllib.parse

from harktest import FIXTURES, Server, TempDir, hark, ok, done

ENV = {"HARK_NOW": "2026-11-22T12:00:00Z"}


def line_of(text, needle):
    for i, l in enumerate(text.splitlines(), 1):
        if l.strip() == needle:
            return i
    raise KeyError(needle)


# ---- A22: every bad value reported, each at its own line
BAD = """[hark]
database = bad.db

[brand acme]
keywords = acme

[source app]
adapter = appstore
app_id = id284882215
country = turkey
pages = 11

[source hn]
adapter = hackernews
query = acme
hits = 5000

[source yt]
adapter = youtube
video_id = https://www.youtube.com/results?search_query=acme
max_results = 500
key = k

[source tp]
adapter = trustpilot
business_unit = acme.com
key = k
stars = 6

[source shop]
adapter = json
url = https://shop.example/api/reviews
text = text
html = true
page_step = 0

[source good]
adapter = appstore
app_id = 284882215
country = TR
"""

with TempDir() as tmp:
    bad = tmp.file("bad.conf", BAD)
    r = hark("-c", bad, "check", env=ENV)
    ok(r.rc == 2, "check with bad adapter values exits 2", r)
    errs = [l for l in r.err.splitlines() if l.strip()]
    ok(all(re.match(r"^.*bad\.conf:\d+: ", l) for l in errs), "every error is FILE:LINE: message", r.err)
    want = [("app_id = id284882215", "app", "app_id must be the numeric App Store id"),
            ("country = turkey", "app", "country must be a two-letter storefront code"),
            ("pages = 11", "app", "pages must be a whole number from 1 to 10"),
            ("hits = 5000", "hn", "hits must be a whole number from 1 to 1000, not \"5000\""),
            ("video_id = https://www.youtube.com/results?search_query=acme", "yt", "video_id must be the video's id"),
            ("max_results = 500", "yt", "max_results must be a whole number from 1 to 100"),
            ("business_unit = acme.com", "tp", "business_unit must be the business unit id"),
            ("stars = 6", "tp", "stars must be star ratings from 1 to 5"),
            ("html = true", "shop", "html must be yes or no, not \"true\""),
            ("page_step = 0", "shop", "page_step must be a whole number from 1")]
    for needle, src, msg in want:
        n = line_of(BAD, needle)
        hit = [l for l in errs if ("bad.conf:%d: [source %s] %s" % (n, src, msg)) in l]
        ok(len(hit) == 1, "A22: check reports %s at line %d" % (needle.split(" =")[0], n), r.err)
    ok(len(errs) == len(want), "A22: %d bad values, %d errors, nothing else (country = TR is fine)" % (len(want), len(want)),
       r.err)
    ok("[source app] app_id" in r.err and "[source app] country" in r.err,
       "A22: a source with two bad values shows both (app_id = id... and country = turkey)", r.err)

    # A bad value from a ${ENV} secret is named, not shown.
    sec = tmp.file("sec.conf", "[hark]\ndatabase = s.db\n[brand acme]\nkeywords = acme\n"
                               "[source app]\nadapter = appstore\napp_id = ${HARK_TEST_APP_ID}\n")
    r = hark("-c", sec, "check", env=dict(ENV, HARK_TEST_APP_ID="sekrit-app-value"))
    ok(r.rc == 2 and "sec.conf:7: [source app] app_id must be" in r.err and "sekrit-app-value" not in r.err,
       "a bad value that came from ${ENV} is reported masked", r)

# ---- A22: what people paste and the adapter reads reaches the API as it wants it
YT = '{"kind":"youtube#commentThreadListResponse","items":[]}'
HN = '{"hits":[],"nbHits":0,"page":0,"nbPages":0,"hitsPerPage":1000}'
with Server() as srv, TempDir() as tmp:
    srv.route("/youtube/v3/commentThreads", headers={"Content-Type": "application/json"}, body=YT)
    srv.route("/api/v1/search_by_date", headers={"Content-Type": "application/json"}, body=HN)
    with open(FIXTURES + "/appstore/empty_feed.json", "rb") as f:
        srv.route("/tr/rss/customerreviews/page=1/id=284882215/sortby=mostrecent/json",
                  headers={"Content-Type": "application/json"}, body=f.read())
    pasted = {"watch": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
              "short": "https://youtu.be/dQw4w9WgXcQ?si=abcdef",
              "shorts": "https://www.youtube.com/shorts/dQw4w9WgXcQ"}
    conf = "[hark]\ndatabase = %s/ok.db\n[brand acme]\nkeywords = acme\n" % tmp.path
    for name, url in pasted.items():
        conf += "[source yt_%s]\nadapter = youtube\nmatch = all\nvideo_id = %s\nkey = k\nbase_url = %s/youtube/v3\n" % (
            name, url, srv.base)
    conf += "[source hn]\nadapter = hackernews\nmatch = all\nquery = acme\nhits = 1000\nbase_url = %s\n" % srv.base
    conf += "[source app]\nadapter = appstore\nmatch = all\napp_id = 284882215\ncountry = TR\npages = 1\nbase_url = %s\n" % srv.base
    path = tmp.file("ok.conf", conf)
    r = hark("-c", path, "check", env=ENV)
    ok(r.rc == 0, "A22: check accepts watch/youtu.be/shorts URLs as video_id, hits = 1000, country = TR", r)
    r = hark("-c", path, "init", env=ENV)
    r = hark("-c", path, "poll", "--all", env=ENV)
    ok(r.rc == 0, "poll of the pasted-URL sources succeeds", r)
    vids = [urllib.parse.parse_qs(urllib.parse.urlsplit(q.path).query).get("videoId")
            for q in srv.requests_to("/youtube/v3/commentThreads")]
    ok(vids == [["dQw4w9WgXcQ"]] * 3, "A22: youtube sends videoId=ID for each pasted URL form", vids)
    hn = [urllib.parse.parse_qs(urllib.parse.urlsplit(q.path).query).get("hitsPerPage")
          for q in srv.requests_to("/api/v1/search_by_date")]
    ok(hn and hn[0] == ["1000"], "hackernews sends hitsPerPage=1000", hn)
    app = [q.path for q in srv.requests if "customerreviews" in q.path]
    ok(app and app[0].startswith("/tr/rss/"), "A22: appstore country = TR asks the /tr/ storefront", app)

# ---- a source's lang also reaches an adapter that has a lang parameter of its
# own (bluesky filters by it) and may be any language code there
with Server() as srv, TempDir() as tmp:
    srv.route("/xrpc/app.bsky.feed.searchPosts", headers={"Content-Type": "application/json"},
              body='{"posts":[]}')
    conf = "[hark]\ndatabase = %s/l.db\n[brand acme]\nkeywords = acme\n" % tmp.path
    conf += "[source bs_tr]\nadapter = bluesky\nquery = acme\nlang = tr\nbase_url = %s\n" % srv.base
    conf += "[source bs_de]\nadapter = bluesky\nquery = acme\nlang = de\nbase_url = %s\n" % srv.base
    path = tmp.file("l.conf", conf)
    r = hark("-c", path, "check", env=ENV)
    ok(r.rc == 0, "lang = de is accepted for an adapter with a lang parameter", r)
    hark("-c", path, "init", env=ENV)
    r = hark("-c", path, "poll", "--all", env=ENV)
    langs = sorted(urllib.parse.parse_qs(urllib.parse.urlsplit(q.path).query).get("lang", [""])[0]
                   for q in srv.requests_to("/xrpc/app.bsky.feed.searchPosts"))
    ok(r.rc == 0 and langs == ["de", "tr"], "bluesky gets the source's lang as its filter", (r, langs))
    path = tmp.file("bad.conf", "[hark]\ndatabase = %s/b.db\n[brand acme]\nkeywords = acme\n"
                                "[source feed]\nadapter = rss\nurl = %s/f\nlang = de\n" % (tmp.path, srv.base))
    r = hark("-c", path, "check", env=ENV)
    ok(r.rc != 0 and "lang: expected en, tr or auto" in r.err, "rss (no lang parameter) still takes en, tr or auto", r)

# ---- html: every bad XPath and value is reported, each at its own line
with TempDir() as tmp:
    conf = ("[hark]\ndatabase = %s/h.db\n[brand acme]\nkeywords = acme\n"
            "[source page]\nadapter = html\nurl = https://example.com/\n"
            "item = //div[@class='x'\ntext = .//p[\nrating_scale = 0\ndate_offset = three\nallow_empty = maybe\n" % tmp.path)
    path = tmp.file("h.conf", conf)
    r = hark("-c", path, "check", env=ENV)
    want = {"item = //div[@class='x'": "item is not a valid XPath", "text = .//p[": "text is not a valid XPath",
            "rating_scale = 0": "rating_scale", "date_offset = three": "date_offset", "allow_empty = maybe": "allow_empty"}
    missing = [k for k, msg in want.items() if "%s:%d:" % (path, line_of(conf, k)) not in r.err or msg not in r.err]
    ok(r.rc == 2 and not missing, "html: all five bad values reported at their lines", (r, missing))
    conf = conf.replace("//div[@class='x'\n", "//div[@class='x']\n").replace(".//p[\n", ".//p\n").replace(
        "rating_scale = 0", "rating_scale = 10").replace("three", "+03:00").replace("maybe", "yes")
    r = hark("-c", tmp.file("h2.conf", conf), "check", env=ENV)
    ok(r.rc == 0, "html: the corrected values pass", r)

# ---- A17: invalid UTF-8 in a command's line is replaced, the source does not fail
with TempDir() as tmp:
    prog = tmp.file("emit.sh", "printf '{\"id\":\"1\",\"text\":\"acme \\377\\376 bytes\"}\\n"
                               "{\"id\":\"2\",\"text\":\"acme nul\\\\u0000here\"}\\n'\n")
    path = tmp.file("cmd.conf", "[hark]\ndatabase = %s/c.db\n[brand acme]\nkeywords = acme\n"
                                "[source forum]\nadapter = command\nmatch = all\ncommand = sh %s\n" % (tmp.path, prog))
    r = hark("-c", path, "init", env=ENV)
    r = hark("-c", path, "poll", "--all", env=ENV)
    ok(r.rc == 0 and "not a JSON object" not in r.err,
       "A17 (fixed defect, regression check): invalid UTF-8 in a command's line does not fail the source", r)
    r = hark("-c", path, "export", "--format", "jsonl", env=ENV)
    ok("acme \ufffd\ufffd bytes" in r.out, "A17: the bad bytes are stored as U+FFFD, the rest kept", r)
    ok("acme nul here" in r.out, "A17: a \\u0000 in a command's line becomes a space, as in the JSON adapters", r)
    bad_line = tmp.file("bad.jsonl", '{"id":"1","text":"ok"}\n{"id": oops}\n')
    r = hark("parse", "command", "--param", "command=true", bad_line, env=ENV)
    ok(r.rc != 0 and "output line 2 is not a JSON object" in r.err,
       "a line that really is not JSON still fails, naming the line", r)

# ---- A19: <rss/> without a channel is not a feed
with Server() as srv, TempDir() as tmp:
    srv.route("/nochannel", headers={"Content-Type": "application/rss+xml"}, body='<?xml version="1.0"?>\n<rss version="2.0"/>\n')
    srv.route("/empty", headers={"Content-Type": "application/rss+xml"},
              body='<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Acme</title></channel></rss>\n')
    path = tmp.file("rss.conf", "[hark]\ndatabase = %s/r.db\n[brand acme]\nkeywords = acme\n"
                                "[source bare]\nadapter = rss\nmatch = all\nurl = %s/nochannel\n"
                                "[source empty]\nadapter = rss\nmatch = all\nurl = %s/empty\n" % (tmp.path, srv.base, srv.base))
    hark("-c", path, "init", env=ENV)
    r = hark("-c", path, "poll", "--source", "bare", env=ENV)
    ok(r.rc == 1 and "bare" in r.err and "not a feed" in r.err and "no <channel>" in r.err,
       "A19 (fixed defect, regression check): <rss/> without a channel fails the poll, saying why", r)
    r = hark("-c", path, "poll", "--source", "empty", env=ENV)
    ok(r.rc == 0, "A19: a channel without items is an empty success", r)
    f = tmp.file("bare.xml", '<rss version="2.0"/>')
    r = hark("parse", "rss", f, env=ENV)
    ok(r.rc == 1 and "not a feed" in r.err and r.out == "", "A19: hark parse rss on <rss/> exits 1 with no items", r)

done()
