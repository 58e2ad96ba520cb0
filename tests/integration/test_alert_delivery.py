"""Alert delivery end to end: polls of a self-written feed (negative,
positive and hostile reviews) against real loopback receivers, webhook and
Slack-shaped. Each negative mention arrives exactly once per rule, positive
ones never; the webhook body, Idempotency-Key and signature follow SPEC 9; a
receiver that is down gets everything once it returns; 429 Retry-After is
honoured; permanent errors go to dead and `alerts retry` brings them back;
a hanging receiver times out; the first poll of a new source is a baseline.
Time is injected with HARK_NOW."""
import hashlib
import hmac
import json
import os
import shutil

from harktest import FIXTURES, Server, TempDir, hark, ok, done, skip

FEED = os.path.join(FIXTURES, "alerts", "reviews.xml")
NEGATIVE = {"n-1", "n-2", "n-3", "n-4", "h-1"}
T0 = 1795348800  # 2026-11-22T12:00:00Z (a Sunday noon)


def conf(tmp, srv, feed, extra="", rules=None, baseline="yes"):
    rules = rules if rules is not None else """
[alert hook]
type = webhook
url = %(base)s/hook
secret = s3cret
timeout = 2s

[alert slack]
type = slack
url = %(base)s/slack
timeout = 2s
""" % {"base": srv.base}
    text = """[hark]
database = %s/h.db

[brand acme]
keywords = acme

[source shop]
adapter = rss
url = file://%s
alert_baseline = %s
%s
%s
""" % (tmp.path, feed, baseline, extra, rules)
    return tmp.file("hark.conf", text)


def at(t):
    return {"HARK_NOW": str(t)}


def list_rows(c, *flags, t=T0):
    r = hark("-c", c, "alerts", "list", *flags, env=at(t))
    rows = []
    for line in r.out.splitlines()[1:]:
        f = line.split("\t")
        rows.append({"id": int(f[0]), "state": f[1], "alert": f[2], "kind": f[3], "attempts": int(f[4]),
                     "next": f[6], "mention": f[7], "error": f[8] if len(f) > 8 else ""})
    return rows


def mention_ids(reqs):
    return [json.loads(r.body)["mention"]["id"] for r in reqs]


# 1. Exactly once per rule; positives never; SPEC 9 body, key and signature.
with Server() as srv, TempDir() as tmp:
    srv.route("/hook", status=200, body="ok")
    srv.route("/slack", status=200, body="ok")
    c = conf(tmp, srv, FEED)
    r = hark("-c", c, "check")
    ok(r.rc == 0, "config with webhook and slack rules checks", r)
    r = hark("-c", c, "poll", env=at(T0))
    ok(r.rc == 0, "poll delivers without error", r)
    hooks = srv.requests_to("/hook")
    got = mention_ids(hooks)
    ok(sorted(got) == sorted(NEGATIVE), "webhook: each negative mention exactly once, no positive", got)
    slack = srv.requests_to("/slack")
    ok(len(slack) == len(NEGATIVE), "slack: one message per negative mention", len(slack))
    keys = [h.header("Idempotency-Key") for h in hooks]
    ok(len(set(keys)) == len(keys) and all(k and k.isdigit() for k in keys), "webhook: distinct numeric Idempotency-Keys", keys)
    sig_ok = all(h.header("X-Hark-Signature") == "sha256=" + hmac.new(b"s3cret", h.body, hashlib.sha256).hexdigest()
                 for h in hooks)
    ok(sig_ok, "webhook: X-Hark-Signature is the HMAC-SHA256 of the body")
    ok(all(h.header("Content-Type") == "application/json" and h.method == "POST" for h in hooks),
       "webhook: POST application/json")
    b = json.loads(hooks[0].body)
    ok(list(b.keys()) == ["event", "alert", "brand", "source", "adapter", "mention"] and b["event"] == "mention"
       and b["alert"] == "hook" and b["brand"] == "acme" and b["source"] == "shop" and b["adapter"] == "rss",
       "webhook: body keys and values as SPEC 9", b)
    m = b["mention"]
    ok(set(m) >= {"id", "author", "title", "text", "url", "rating", "lang", "published_at", "sentiment", "label"}
       and m["label"] == "negative" and m["sentiment"] <= -0.05, "webhook: mention as SPEC 7 plus sentiment and label", m)
    hostile = [json.loads(h.body) for h in slack if b"scam" in h.body]
    text = hostile[0]["text"] if hostile else ""
    ok("<!channel>" not in text and "<!here>" not in text and "<@U" not in text and "&lt;!here&gt;" in text
       and "&lt;@U024BE7LH&gt;" in text,
       "slack: <!channel>, <!here>, <@U...> from a review stay text", text)
    ok("<https://shop.example/acme/r/h-1|Open>" in text, "slack: the review's link", text)
    # Polling again stores nothing new and sends nothing.
    n = len(srv.requests)
    r = hark("-c", c, "poll", "--all", env=at(T0 + 60))
    ok(r.rc == 0 and len(srv.requests) == n, "second poll sends nothing again", r)
    rows = list_rows(c, "--sent")
    ok(len(rows) == 2 * len(NEGATIVE) and all(x["attempts"] == 1 for x in rows), "alerts list --sent: every row sent once", rows)

# 2. A receiver down for a while gets everything once it returns.
with Server() as srv, TempDir() as tmp:
    state = {"up": False}
    srv.route("/hook", fn=lambda req: (200, {}, "ok") if state["up"] else (503, {}, "down for maintenance"))
    srv.route("/slack", status=200, body="ok")
    c = conf(tmp, srv, FEED)
    r = hark("-c", c, "poll", env=at(T0))
    ok(r.rc == 1 and "503" in r.err, "receiver down: poll exits 1 and says why", r)
    ok(len(srv.requests_to("/hook")) == 1, "receiver down: one try, the rest wait (no hammering)", len(srv.requests_to("/hook")))
    ok(len(srv.requests_to("/slack")) == len(NEGATIVE), "other rules are not held up by a failing one")
    rows = [x for x in list_rows(c) if x["alert"] == "hook"]
    ok(len(rows) == len(NEGATIVE) and sum(1 for x in rows if x["state"] == "failed") == 1,
       "alerts list: one failed with its error, the rest pending", rows)
    failed = list_rows(c, "--failed")
    ok(len(failed) == 1 and "503" in failed[0]["error"], "alerts list --failed shows the reason", failed)
    r = hark("-c", c, "alerts", "send", env=at(T0 + 10))
    ok(r.rc == 1 and len(srv.requests_to("/hook")) == 2, "still down: the pending rows are tried, the failed one waits")
    for k in range(1, 4):  # more failures: backoff grows
        hark("-c", c, "alerts", "send", env=at(T0 + 3600 * k))
    state["up"] = True
    r = hark("-c", c, "alerts", "send", env=at(T0 + 8 * 3600))
    ok(r.rc == 0, "receiver back: alerts send succeeds", r)
    rows = [x for x in list_rows(c, "--sent", t=T0 + 8 * 3600) if x["alert"] == "hook"]
    ok(len(rows) == len(NEGATIVE), "receiver back: every alert sent", rows)
    by_id = {}
    for q in srv.requests_to("/hook"):
        by_id.setdefault(json.loads(q.body)["mention"]["id"], set()).add(q.header("Idempotency-Key"))
    ok(set(by_id) == NEGATIVE and all(len(v) == 1 for v in by_id.values()),
       "retries of a mention carry the same Idempotency-Key", by_id)
    n = len(srv.requests_to("/hook"))
    r = hark("-c", c, "alerts", "send", env=at(T0 + 9 * 3600))
    ok(r.rc == 0 and n == len(srv.requests_to("/hook")), "nothing left to send")

# 2b. Back at once: the failed row need not sit out its backoff once the
# receiver takes the others.
with Server() as srv, TempDir() as tmp:
    state = {"up": False}
    srv.route("/hook", fn=lambda req: (200, {}, "ok") if state["up"] else (500, {}, "oops"))
    rules = """
[alert hook]
type = webhook
url = %s/hook
""" % srv.base
    c = conf(tmp, srv, FEED, rules=rules)
    r = hark("-c", c, "poll", env=at(T0))
    failed = list_rows(c, "--failed")
    ok(r.rc == 1 and len(failed) == 1 and failed[0]["next"] > "2026-11-22T12:00:0", "down: first row backs off", failed)
    state["up"] = True
    r = hark("-c", c, "alerts", "send", env=at(T0 + 1))
    ok(r.rc == 0 and len(list_rows(c, "--sent", t=T0 + 1)) == len(NEGATIVE),
       "back: every alert delivered in the next run, the backed-off one too", r)

# 3. 429 with Retry-After is honoured; Discord-style JSON retry_after too.
with Server() as srv, TempDir() as tmp:
    calls = {"n": 0}

    def limited(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "120"}, "slow down"
        return 200, {}, "ok"
    srv.route("/hook", fn=limited)
    rules = """
[alert hook]
type = webhook
url = %s/hook
""" % srv.base
    c = conf(tmp, srv, FEED, rules=rules)
    hark("-c", c, "poll", env=at(T0))
    rows = list_rows(c, "--failed")
    ok(len(rows) == 1 and rows[0]["next"] == "2026-11-22T12:02:00Z", "429 Retry-After: 120 sets the next attempt", rows)
    n = len(srv.requests_to("/hook"))
    hark("-c", c, "alerts", "send", env=at(T0 + 60))
    sent_early = [x for x in list_rows(c, "--all", t=T0 + 60) if x["state"] == "sent"]
    ok(len(sent_early) == len(NEGATIVE) - 1, "before Retry-After the limited row waits, others go", sent_early)
    hark("-c", c, "alerts", "send", env=at(T0 + 121))
    ok(len(list_rows(c, "--sent", t=T0 + 121)) == len(NEGATIVE), "after Retry-After it is delivered")

with Server() as srv, TempDir() as tmp:
    calls = {"n": 0}

    def discord_limited(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Content-Type": "application/json"}, '{"message":"You are being rate limited.","retry_after":42.5,"global":false}'
        return 204, {}, ""
    srv.route("/api/webhooks/1/t", fn=discord_limited)
    rules = """
[alert dc]
type = discord
url = %s/api/webhooks/1/t
""" % srv.base
    c = conf(tmp, srv, FEED, rules=rules)
    hark("-c", c, "poll", env=at(T0))
    rows = list_rows(c, "--failed")
    ok(len(rows) == 1 and rows[0]["next"] == "2026-11-22T12:00:43Z", "discord JSON retry_after honoured (rounded up)", rows)
    ok(len(srv.requests_to("/api/webhooks/1/t")) == 1, "rate limited: the rest of the rule waits for the next run")
    r = hark("-c", c, "alerts", "send", env=at(T0 + 43))
    ok(r.rc == 0 and len(list_rows(c, "--sent", t=T0 + 43)) == len(NEGATIVE), "after retry_after all are delivered", r)
    bodies = [json.loads(q.body) for q in srv.requests_to("/api/webhooks/1/t")]
    ok(all(b["allowed_mentions"] == {"parse": []} and len(b["content"]) <= 2000 for b in bodies),
       "discord: allowed_mentions empty, content within 2000")
    hostile = [b["content"] for b in bodies if "scam" in b["content"]]
    ok(hostile and "@everyone" in hostile[0] and "\\@everyone" in hostile[0] and "[click me](http" not in hostile[0],
       "discord: @everyone and markdown links escaped", hostile)

# 4. Permanent errors go to dead with the reason; alerts retry brings them back.
with Server() as srv, TempDir() as tmp:
    state = {"status": 404}
    srv.route("/hook", fn=lambda req: (state["status"], {}, "no_service" if state["status"] != 200 else "ok"))
    rules = """
[alert hook]
type = webhook
url = %s/hook
""" % srv.base
    c = conf(tmp, srv, FEED, rules=rules)
    r = hark("-c", c, "poll", env=at(T0))
    dead = list_rows(c, "--dead")
    ok(r.rc == 1 and len(dead) == len(NEGATIVE) and all("404" in x["error"] for x in dead),
       "404: every row dead with the reason", dead)
    hark("-c", c, "alerts", "send", env=at(T0 + 86400))
    ok(len(srv.requests_to("/hook")) == len(NEGATIVE), "dead rows are not retried by themselves")
    state["status"] = 200
    r = hark("-c", c, "alerts", "retry", str(dead[0]["id"]), env=at(T0 + 86400))
    ok(r.rc == 0, "alerts retry ID", r)
    r = hark("-c", c, "alerts", "retry", "99999", env=at(T0 + 86400))
    ok(r.rc == 1 and "99999" in r.err, "alerts retry of an unknown row fails", r)
    r = hark("-c", c, "alerts", "send", env=at(T0 + 86400))
    ok(r.rc == 0 and len(list_rows(c, "--sent", t=T0 + 86400)) == 1, "the retried row is delivered", r)
    r = hark("-c", c, "alerts", "list", "--bogus")
    ok(r.rc == 2, "alerts list with an unknown flag is a usage error", r)

# 4b. After max_attempts failures a row is dead with the count in its reason.
with Server() as srv, TempDir() as tmp:
    srv.route("/hook", status=500, body="still broken")
    rules = """
[alert hook]
type = webhook
url = %s/hook
max_attempts = 2
sources = shop
""" % srv.base
    c = conf(tmp, srv, FEED, rules=rules)
    hark("-c", c, "poll", env=at(T0))
    hark("-c", c, "alerts", "send", env=at(T0 + 3600))
    dead = list_rows(c, "--dead", t=T0 + 3600)
    ok(len(dead) >= 1 and dead[0]["attempts"] == 2 and "gave up after 2 attempts: HTTP 500" in dead[0]["error"],
       "max_attempts: dead after the second failure, with the reason", dead)

# 5. A receiver that hangs times out and is retried later.
with Server() as srv, TempDir() as tmp:
    srv.route("/hang", hang=True)
    rules = """
[alert slow]
type = webhook
url = %s/hang
timeout = 1s
""" % srv.base
    c = conf(tmp, srv, FEED, rules=rules)
    r = hark("-c", c, "poll", env=at(T0), timeout=60)
    failed = list_rows(c, "--failed")
    ok(r.rc == 1 and len(failed) == 1 and failed[0]["attempts"] == 1, "hanging receiver: timeout, one failed row", (r, failed))

# 6. Baseline: the first poll of a new source alerts on nothing unless asked.
with Server() as srv, TempDir() as tmp:
    srv.route("/hook", status=200, body="ok")
    feed = tmp.file("feed.xml", open(FEED, encoding="utf-8").read())
    srv.route("/all", status=200, body="ok")
    rules = """
[alert hook]
type = webhook
url = %s/hook

[alert everything]
type = webhook
url = %s/all
alert_baseline = yes
""" % (srv.base, srv.base)
    c = conf(tmp, srv, feed, rules=rules, baseline="no")
    r = hark("-c", c, "poll", env=at(T0))
    ok(r.rc == 0 and len(srv.requests_to("/hook")) == 0, "first poll of a new source: baseline, no alerts", r)
    ok(sorted(mention_ids(srv.requests_to("/all"))) == sorted(NEGATIVE), "a rule with alert_baseline = yes alerts on the baseline")
    with open(FEED, encoding="utf-8") as f:
        more = f.read().replace("</channel>", """<item><guid>n-9</guid><title>Acme lost my parcel</title>
<link>https://shop.example/acme/r/n-9</link><description>Acme lost my parcel. Terrible, awful, horrible service.</description>
<pubDate>Sun, 22 Nov 2026 11:00:00 GMT</pubDate></item></channel>""")
    tmp.file("feed.xml", more)
    r = hark("-c", c, "poll", "--all", env=at(T0 + 3600))
    ok(mention_ids(srv.requests_to("/hook")) == ["n-9"], "later polls alert on new negative mentions only",
       mention_ids(srv.requests_to("/hook")))

# 6b. alerts send never delivers beside a running poll (the poll lock).
with Server() as srv, TempDir() as tmp:
    import fcntl
    c = conf(tmp, srv, FEED)
    hark("-c", c, "init")
    with open(os.path.join(tmp.path, "h.db.lock"), "w") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        r = hark("-c", c, "alerts", "send", env=at(T0))
    ok(r.rc == 75 and not srv.requests, "alerts send exits 75 while a poll holds the lock", r)

# 7. hark alerts test sends a test message through a rule.
with Server() as srv, TempDir() as tmp:
    srv.route("/hook", status=200, body="ok")
    c = conf(tmp, srv, FEED)
    r = hark("-c", c, "alerts", "test", "hook", env=at(T0))
    reqs = srv.requests_to("/hook")
    ok(r.rc == 0 and len(reqs) == 1 and json.loads(reqs[0].body)["event"] == "test", "alerts test: test event delivered", r)
    r = hark("-c", c, "alerts", "test", "nosuch", env=at(T0))
    ok(r.rc == 1 and "nosuch" in r.err, "alerts test of an unknown rule fails", r)

done()
