"""Alert rules on an injected clock (HARK_NOW), against a loopback
webhook: quiet hours hold delivery and release one digest when they end
(urgent mentions go through), digest mode, keyword/rating rules, spike
alerts (median/MAD baseline, cooldown, re-arm) and source health alerts."""
import calendar
import json
import os

from harktest import FIXTURES, Server, TempDir, hark, ok, done

FEED = os.path.join(FIXTURES, "alerts", "reviews.xml")
NEGATIVE = {"n-1", "n-2", "n-3", "n-4", "h-1"}


def ts(s):
    return calendar.timegm(__import__("time").strptime(s, "%Y-%m-%dT%H:%M:%SZ"))


def at(s):
    return {"HARK_NOW": str(ts(s))}


def conf(tmp, url, rules):
    return tmp.file("hark.conf", """[hark]
database = %s/h.db
[brand acme]
keywords = acme
[source shop]
adapter = rss
url = %s
alert_baseline = yes
%s
""" % (tmp.path, url, rules))


def bodies(srv, path):
    return [json.loads(r.body) for r in srv.requests_to(path)]


# Quiet hours: 22:00-08:00 at +03:00; urgent_threshold lets the worst through.
with Server() as srv, TempDir() as tmp:
    srv.route("/hook", status=200, body="ok")
    c = conf(tmp, "file://" + FEED, """
[alert night]
type = webhook
url = %s/hook
quiet_hours = 22:00-08:00
timezone = +03:00
urgent_threshold = -0.93
""" % srv.base)
    r = hark("-c", c, "poll", env=at("2026-11-22T20:00:00Z"))  # 23:00 local
    b = bodies(srv, "/hook")
    ok(r.rc == 0 and len(b) == 1 and b[0]["event"] == "mention" and b[0]["mention"]["id"] == "h-1",
       "quiet hours: only the urgent mention goes out at night", b)
    lst = hark("-c", c, "alerts", "list", "--pending", env=at("2026-11-22T20:00:00Z"))
    held = lst.out.splitlines()[1:]
    ok(len(held) == 4 and all("\t2026-11-23T05:00:00Z\t" in l for l in held),
       "held rows wait for 08:00 local (05:00Z)", lst.out)
    hark("-c", c, "alerts", "send", env=at("2026-11-23T04:59:00Z"))
    ok(len(srv.requests_to("/hook")) == 1, "nothing leaves before the window ends")
    r = hark("-c", c, "alerts", "send", env=at("2026-11-23T05:00:00Z"))
    b = bodies(srv, "/hook")
    ok(r.rc == 0 and len(b) == 2 and b[1]["event"] == "digest" and b[1]["count"] == 4,
       "when the window ends the held alerts leave as one digest", b[1:])
    if len(b) == 2:
        scores = [m["sentiment"] for m in b[1]["mentions"]]
        ok(scores == sorted(scores) and {m["id"] for m in b[1]["mentions"]} == NEGATIVE - {"h-1"},
           "digest: the held mentions, worst first", scores)
        key = srv.requests_to("/hook")[1].header("Idempotency-Key")
        ok(key and key.isdigit(), "digest has an Idempotency-Key", key)

# Digest mode with digest_every, plus a keyword rule and a rating rule.
with Server() as srv, TempDir() as tmp:
    srv.route("/digest", status=200, body="ok")
    srv.route("/refund", status=200, body="ok")
    c = conf(tmp, "file://" + FEED, """
[alert hourly]
type = webhook
url = %s/digest
mode = digest
digest_every = 1h

[alert refund]
type = webhook
url = %s/refund
keywords = refund, "charged twice"
""" % (srv.base, srv.base))
    r = hark("-c", c, "poll", env=at("2026-11-22T12:10:00Z"))
    ok(r.rc == 0 and not srv.requests_to("/digest"), "digest mode: nothing before the hour", r)
    got = sorted(b["mention"]["id"] for b in bodies(srv, "/refund"))
    ok(got == ["n-2", "n-4"], "keyword rule: only negative mentions naming refund / charged twice", got)
    hark("-c", c, "alerts", "send", env=at("2026-11-22T12:59:59Z"))
    ok(not srv.requests_to("/digest"), "digest mode: still nothing at 12:59:59")
    hark("-c", c, "alerts", "send", env=at("2026-11-22T13:00:00Z"))
    b = bodies(srv, "/digest")
    ok(len(b) == 1 and b[0]["event"] == "digest" and b[0]["alert"] == "hourly" and b[0]["count"] == 5
       and {m["id"] for m in b[0]["mentions"]} == NEGATIVE, "digest at the hour: one message, all five", b)
    ok(b and all(m["source"] == "shop" and m["brand"] == "acme" for m in b[0]["mentions"]),
       "digest mentions carry brand and source")
    hark("-c", c, "alerts", "send", env=at("2026-11-22T14:00:00Z"))
    ok(len(srv.requests_to("/digest")) == 1, "a sent digest is not sent again")

# Spike alerts: negative mentions in the last hour against the last day.
SPIKE_ITEM = """<item><guid>%s</guid><title>Acme problem %s</title><link>https://shop.example/s/%s</link>
<description>Acme order %s broke at once. Terrible, awful, horrible quality.</description>
<pubDate>%s</pubDate></item>"""


def spike_feed(items):
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Acme</title>'
            '<link>https://shop.example/</link>%s</channel></rss>' %
            "".join(SPIKE_ITEM % (g, g, g, g, __import__("email.utils").utils.formatdate(ts(t), usegmt=True))
                    for g, t in items))


with Server() as srv, TempDir() as tmp:
    srv.route("/spike", status=200, body="ok")
    items = [("b-%d" % h, "2026-11-22T%02d:30:00Z" % h) for h in (0, 3, 6, 9)]  # a quiet baseline day
    items += [("s-%d" % i, "2026-11-22T11:%02d:00Z" % (10 + i * 5)) for i in range(6)]  # 6 in the last hour
    path = tmp.file("spike.xml", spike_feed(items))
    c = conf(tmp, "file://" + path, """
[alert spikes]
type = webhook
url = %s/spike
kind = spike
brands = acme
window = 1h
baseline = 1d
factor = 3
min_count = 4
cooldown = 6h
""" % srv.base)
    r = hark("-c", c, "check")
    ok(r.rc == 0, "spike rule checks", r)
    r = hark("-c", c, "poll", env=at("2026-11-22T12:00:00Z"))
    b = bodies(srv, "/spike")
    ok(r.rc == 0 and len(b) == 1 and b[0]["event"] == "spike" and b[0]["count"] == 6 and b[0]["usual"] == 0,
       "spike: 6 negative mentions in an hour against a usual 0", b)
    if b:
        ok(b[0]["sources"] == [{"source": "shop", "count": 6}] and len(b[0]["mentions"]) == 3,
           "spike: top sources and three worst examples", b[0])
        ok(b[0]["brand"] == "acme" and b[0]["window"] == 3600, "spike: brand and window")
    items.append(("s-late", "2026-11-22T12:05:00Z"))
    tmp.file("spike.xml", spike_feed(items))
    hark("-c", c, "poll", "--all", env=at("2026-11-22T12:10:00Z"))
    ok(len(srv.requests_to("/spike")) == 1, "spike: no second alert while it lasts")
    hark("-c", c, "poll", "--all", env=at("2026-11-22T15:00:00Z"))  # the rate fell back: re-arm
    items += [("t-%d" % i, "2026-11-22T20:%02d:00Z" % (5 + i * 5)) for i in range(5)]
    tmp.file("spike.xml", spike_feed(items))
    hark("-c", c, "poll", "--all", env=at("2026-11-22T20:40:00Z"))
    b = bodies(srv, "/spike")
    ok(len(b) == 2 and b[1]["count"] == 5, "spike: a new burst after cooldown and re-arm fires again", b[1:])

# Source health: one alert after 3 failed polls in a row, one on recovery.
with Server() as srv, TempDir() as tmp:
    state = {"up": False}
    srv.route("/feed.xml", fn=lambda req: (200, {"Content-Type": "application/rss+xml"}, open(FEED, "rb").read())
              if state["up"] else (500, {}, "backend exploded"))
    srv.route("/health", status=200, body="ok")
    c = conf(tmp, srv.url("/feed.xml"), """
[alert health]
type = webhook
url = %s/health
kind = source_failure
after = 3
""" % srv.base)
    t = ts("2026-11-22T12:00:00Z")
    for i in range(5):
        hark("-c", c, "poll", "--all", env={"HARK_NOW": str(t + i * 600)})
        if i == 1:
            ok(not srv.requests_to("/health"), "no health alert after two failures")
    b = bodies(srv, "/health")
    ok(len(b) == 1 and b[0]["event"] == "source_failure" and b[0]["source"] == "shop" and b[0]["failures"] == 3
       and "500" in (b[0].get("error") or ""), "one source_failure alert at the third failure, with the error", b)
    state["up"] = True
    hark("-c", c, "poll", "--all", env={"HARK_NOW": str(t + 6000)})
    b = bodies(srv, "/health")
    ok(len(b) == 2 and b[1]["event"] == "source_recovered", "one alert when the source recovers", b[1:])
    hark("-c", c, "poll", "--all", env={"HARK_NOW": str(t + 7000)})
    ok(len(srv.requests_to("/health")) == 2, "no more health alerts while it works")

done()
