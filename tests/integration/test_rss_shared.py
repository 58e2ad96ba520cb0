"""test_rss_shared - every real-world feed in $SHARED/fixtures/feeds through
`hark parse rss FILE`: item counts and a few fields per feed (ids, titles,
unwrapped Google Alerts URLs, dates, languages), and a clear failure for the
body that is not a feed. Skips, saying so, when the shared folder is absent.
The files are read where they are; nothing from them is copied here."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harktest import done, hark, ok, shared_path, skip  # noqa: E402

NOW = "2026-11-22T12:00:00Z"

# file -> (item count, {index: {field: expected}}); index -1 is the last item.
FEEDS = {
    "google_alerts_atom_slack_2019.xml": (20, {
        0: {"id": "tag:google.com,2013:googlealerts/feed:8974135267215335962",
            "title": "Report offers Prediction of Automotive Slack Market by Top key players like "
                     "Haldex, Meritor, Bendix ...",
            "url": "https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-"
                   "slack-market-by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-"
                   "stemco-tbk-febi-aydinsan/",
            "author": None, "lang": None, "published_at": "2019-07-10T11:53:37Z"},
        1: {"title": "Slack Stock Has a Compelling Story and the Numbers to Back It Up",
            "url": "https://investorplace.com/2019/07/slack-stock-truly-compelling/"},
        -1: {"url": "https://mspoweruser.com/latest-research-shows-microsoft-teams-is-stomping-slack/",
             "published_at": "2019-07-09T23:59:57Z"},
    }),
    "google_news_topstories_ja_2024_bs4_prettified.xml": (30, {
        0: {"id": "CBMiN2h0dHBzOi8vd3d3LmFzYWhpLmNvbS9hcnRpY2xlcy9BU1MyNTZIR1ZTMjRVVElMMDBYLmh0bWzSAQA",
            "author": "朝日新聞デジタル", "lang": "ja", "published_at": "2024-02-05T19:00:00Z",
            "url": "https://news.google.com/rss/articles/CBMiN2h0dHBzOi8vd3d3LmFzYWhpLmNvbS9hcnRpY2xl"
                   "cy9BU1MyNTZIR1ZTMjRVVElMMDBYLmh0bWzSAQA?oc=5"},
    }),
    "rss2_techcrunch_2011.xml": (20, {
        0: {"id": "http://techcrunch.com/?p=446154", "author": "Leena Rao", "lang": "en",
            "url": "http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/",
            "published_at": "2011-11-02T17:25:27Z"},
    }),
    "atom_youtube_channel.xml": (15, {
        0: {"id": "yt:video:5shykyfmb28", "author": "Google", "title": "The Google app: Questions Title",
            "url": "http://www.youtube.com/watch?v=5shykyfmb28", "published_at": "2015-05-04T00:01:27Z"},
    }),
    "rss2_huffpost_canada_cdata.xml": (2, {
        0: {"title": "Winnipeg High School Orders Custom Hijabs For Muslim Athletes",
            "author": "Canadian Press", "published_at": "2017-10-17T22:17:00Z"},
        1: {"author": "Adrian Sutherland", "published_at": "2017-10-17T21:38:00Z"},
    }),
    "rss2_invalid_dc_date_epoch.xml": (2, {
        0: {"id": "http://example.com/item0", "title": "Item 0 with an invalid date",
            "published_at": "2017-10-16T15:10:00Z", "lang": "en"},
        1: {"id": "http://example.com/item1", "published_at": "2017-10-17T12:17:00Z"},
    }),
    "rss2_with_comments_2022.xml": (30, {
        0: {"title": "AWS Lambda Function URLs: Built-In HTTPS Endpoints for Lambda",
            "published_at": "2022-04-06T21:07:47Z"},
    }),
    "atom_feedburner_xhtml_content.xml": (10, {
        0: {"id": "tag:typepad.com,2003:post-6a00d834515b9a69e201a511ad051e970c",
            "title": "Stock Watch: April's Finest", "author": "Alex Steers McCrum",
            "url": "http://www.rotoauthority.com/2014/04/stock-watch-aprils-finest.html",
            "published_at": "2014-04-30T13:00:00Z"},
    }),
    "atom_escaped_html_in_pre.xml": (1, {
        0: {"title": "Test entry", "text": "This is escaped html: <b>test<b>", "url": None},
    }),
    "rdf_rss1_craigslist.rss": (25, {
        0: {"id": "http://sfbay.craigslist.org/eby/apa/6186664607.html",
            "url": "http://sfbay.craigslist.org/eby/apa/6186664607.html",
            "lang": "en", "published_at": "2017-06-21T17:33:10Z"},
    }),
    "rss2_reddit_frontpage_2015.rss": (24, {
        0: {"title": "The water is too deep, so he improvises",
            "text": "submitted by cakebeerandmorebeer to funny [link] [275 comments]",
            "published_at": "2015-11-12T21:16:39Z"},
    }),
    "atom_missing_fields.atom": (1, {
        0: {"id": "tag:github.com,2008:Repository/11167738/v3.9.0", "title": None, "url": None,
            "published_at": None, "lang": "en"},
    }),
    # an <entry> holding only an empty <author>: nothing to report, no mention
    "atom_incomplete_fields.atom": (0, {}),
}


def check_text(feed, items):
    for i, m in enumerate(items):
        for k in ("title", "text", "author"):
            v = m.get(k)
            if v is None:
                continue
            if v != v.strip() or "  " in v or "\n" in v or "<p>" in v or "&amp;" in v or "\ufffd" in v:
                return ok(False, "%s: item %d %s is clean plain text" % (feed, i, k), repr(v[:200]))
    return ok(True, "%s: every title, text and author is clean plain text" % feed)


def main():
    folder = shared_path("fixtures", "feeds")
    if folder is None:
        skip("shared feed fixtures not found (set SHARED to the shared folder): test_rss_shared skipped")
        done()
    present = sorted(f for f in os.listdir(folder) if f != "NOTES.md")
    env = {"HARK_NOW": NOW}
    for feed in present:
        path = os.path.join(folder, feed)
        if feed == "unrecognized_root.rss":
            r = hark("parse", "rss", path, env=env)
            ok(r.rc != 0 and r.out == "", "%s: fails with no output" % feed, r)
            ok("not a feed: root element <head>" in r.err, "%s: says it is not a feed" % feed, r.err)
            continue
        if feed not in FEEDS:
            r = hark("parse", "rss", path, env=env)
            ok(r.rc == 0, "%s (no expectations written): parses" % feed, r)
            continue
        count, fields = FEEDS[feed]
        r = hark("parse", "rss", path, env=env)
        if not ok(r.rc == 0, "%s: parses" % feed, r):
            continue
        items = r.jsonl()
        ok(len(items) == count, "%s: %d items" % (feed, count), "got %d" % len(items))
        ids = [m["id"] for m in items]
        ok(len(set(ids)) == len(ids) and all(ids), "%s: ids present and unique" % feed, ids)
        for idx, want in sorted(fields.items()):
            if not items:
                break
            got = items[idx]
            for k, v in want.items():
                ok(got.get(k) == v, "%s: item %d %s" % (feed, idx, k), "got:  %r\nwant: %r" % (got.get(k), v))
        if items:
            check_text(feed, items)
        if feed.startswith("google_alerts"):
            ok(all(m["url"] and "google.com/url" not in m["url"] for m in items),
               "%s: every Google redirect link unwrapped" % feed)
        dates = [m["published_at"] for m in items if m["published_at"]]
        ok(all(d <= NOW for d in dates), "%s: no date after the fetch time" % feed)
    for feed in sorted(FEEDS):
        if feed not in present:
            skip("%s not in the shared folder" % feed)
    done()


main()
