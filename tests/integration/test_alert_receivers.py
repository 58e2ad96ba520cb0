"""Every channel against a real loopback receiver (or a real command and
file), with hostile and very long reviews: each channel's escaping and size
limit, Telegram's parameters.retry_after, Teams Adaptive Card and legacy
MessageCard, ntfy JSON publishing with a token, exec (stdin, environment,
exit status) and file (JSON Lines)."""
import json
import os

from harktest import Server, TempDir, hark, ok, done

T0 = 1795348800
HOSTILE = ("<!channel> <!here> <@U024BE7LH> @everyone <b>bold</b> <i>x</i> [click me](http://evil.example) "
           "*stars* _under_ `code` &amp; \"quotes\" ")
LONG = HOSTILE + "Acme is terrible, awful and horrible, çok kötü ürün, şikâyetim var. " * 120


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed(tmp):
    return tmp.file("feed.xml", """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme</title><link>https://shop.example/</link>
<item><guid>long-1</guid><title><![CDATA[Acme: the worst &lt;script&gt;alert(1)&lt;/script&gt;]]></title>
<link>https://shop.example/r/long-1</link><description><![CDATA[%s]]></description>
<pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate></item>
<item><guid>ok-1</guid><title>Acme is lovely</title><link>https://shop.example/r/ok-1</link>
<description>Acme is lovely, great and wonderful. I love it!</description>
<pubDate>Sun, 22 Nov 2026 10:05:00 GMT</pubDate></item>
</channel></rss>
""" % esc(LONG))


def conf(tmp, rules):
    return tmp.file("hark.conf", """[hark]
database = %s/h.db
[brand acme]
keywords = acme
[source shop]
adapter = rss
url = file://%s
alert_baseline = yes
%s
""" % (tmp.path, feed(tmp), rules))


def utf8_ok(s):
    try:
        s.encode("utf-8")
        return "\ufffd" not in s[-3:]
    except UnicodeError:
        return False


with Server() as srv, TempDir() as tmp:
    tg = {"n": 0}

    def telegram(req):
        tg["n"] += 1
        if tg["n"] == 1:
            return 429, {"Content-Type": "application/json"}, \
                '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 9","parameters":{"retry_after":9}}'
        return 200, {"Content-Type": "application/json"}, '{"ok":true,"result":{"message_id":1}}'
    srv.route("/slack", status=200, body="ok")
    srv.route("/discord", status=204, body="")
    srv.route("/bot123:ABC/sendMessage", fn=telegram)
    srv.route("/workflows/abc", status=202, body="")
    srv.route("/webhookb2/xyz", status=200, body="1")
    srv.route("/", status=200, body='{"id":"x"}')
    out = os.path.join(tmp.path, "exec.jsonl")
    keys = os.path.join(tmp.path, "keys.txt")
    c = conf(tmp, """
[alert slack]
type = slack
url = %(b)s/slack
[alert discord]
type = discord
url = %(b)s/discord
[alert telegram]
type = telegram
url = %(b)s
token = 123:ABC
chat_id = -100123
[alert teams]
type = teams
url = %(b)s/workflows/abc
[alert teams-legacy]
type = teams
url = %(b)s/webhookb2/xyz
[alert ntfy]
type = ntfy
url = %(b)s/acme-alerts
token = tk_abc
[alert run]
type = exec
command = cat >> '%(out)s'; echo "$HARK_ALERT $HARK_EVENT $HARK_IDEMPOTENCY_KEY" >> '%(keys)s'
[alert log]
type = file
path = alerts.jsonl
""" % {"b": srv.base, "out": out, "keys": keys})
    r = hark("-c", c, "check")
    ok(r.rc == 0, "every channel's config checks", r)
    r = hark("-c", c, "poll", env={"HARK_NOW": str(T0)})
    ok(r.rc == 1 and "429" in r.err, "telegram's 429 is reported, the rest delivered", r)

    s = [json.loads(q.body)["text"] for q in srv.requests_to("/slack")]
    ok(len(s) == 1, "slack: one message (the positive review is not sent)", len(s))
    t = s[0] if s else ""
    ok("<!channel>" not in t and "<!here>" not in t and "<@U" not in t and "<b>" not in t and "&lt;@U024BE7LH&gt;" in t,
       "slack: mentions and tags escaped", t[:400])
    ok(len(t) <= 3000 and t.endswith("|Open>") and "…" in t and utf8_ok(t), "slack: trimmed to 3000 on a character boundary",
       len(t))

    d = [json.loads(q.body) for q in srv.requests_to("/discord")]
    dc = d[0]["content"] if d else ""
    ok(d and d[0]["allowed_mentions"] == {"parse": []} and len(dc) <= 2000 and utf8_ok(dc),
       "discord: no mentions parsed, at most 2000 characters", len(dc))
    ok("\\@everyone" in dc and "[click me](" not in dc and "\\<script\\>" in dc and "\\<\\@U024BE7LH\\>" in dc, "discord: markdown and mentions escaped", dc[:300])

    ok(tg["n"] == 1, "telegram: one try, answered 429")
    lst = hark("-c", c, "alerts", "list", "--failed", env={"HARK_NOW": str(T0)})
    ok("\ttelegram\t" in lst.out and "\t2026-11-22T12:00:09Z\t" in lst.out, "telegram: parameters.retry_after honoured", lst.out)
    r = hark("-c", c, "alerts", "send", env={"HARK_NOW": str(T0 + 9)})
    tq = srv.requests_to("/bot123:ABC/sendMessage")
    ok(r.rc == 0 and len(tq) == 2, "telegram: delivered after retry_after", r)
    tb = json.loads(tq[-1].body)
    tt = tb["text"]
    ok(tb["parse_mode"] == "HTML" and tb["chat_id"] == "-100123" and len(tt) <= 4096 and utf8_ok(tt),
       "telegram: HTML parse mode, chat_id, at most 4096", len(tt))
    ok("<script>" not in tt and "&lt;script&gt;" in tt and "&lt;@U024BE7LH&gt;" in tt,
       "telegram: customer HTML escaped", tt[:300])
    ok(tq[0].body == tq[1].body, "telegram: the retry is the same message")

    w = [json.loads(q.body) for q in srv.requests_to("/workflows/abc")]
    card = w[0]["attachments"][0] if w else {}
    ok(card.get("contentType") == "application/vnd.microsoft.card.adaptive" and card["content"]["type"] == "AdaptiveCard",
       "teams: Workflows webhook gets an Adaptive Card")
    body_text = card["content"]["body"][1]["text"] if card else ""
    ok("[click me](" not in body_text and "\\[click me\\]" in body_text, "teams: markdown escaped", body_text[:200])
    lg = [json.loads(q.body) for q in srv.requests_to("/webhookb2/xyz")]
    ok(lg and lg[0]["@type"] == "MessageCard" and "<b>" not in lg[0]["text"] and "<script>" not in lg[0]["title"] + lg[0]["text"],
       "teams: legacy connector gets an escaped MessageCard", lg[:1])

    nq = [q for q in srv.requests_to("/") if q.path == "/"]
    nb = json.loads(nq[0].body) if nq else {}
    ok(nb.get("topic") == "acme-alerts" and nb.get("priority") == 5 and nb.get("click") == "https://shop.example/r/long-1"
       and nq[0].header("Authorization") == "Bearer tk_abc", "ntfy: topic, priority, click, token", nb)
    ok(len(nb.get("message", "").encode()) <= 4000, "ntfy: message within its limit")

    with open(out) as f:
        lines = [json.loads(l) for l in f if l.strip()]
    ok(len(lines) == 1 and lines[0]["event"] == "mention" and lines[0]["mention"]["id"] == "long-1"
       and lines[0]["mention"]["title"] == "Acme: the worst <script>alert(1)</script>"
       and "<@U024BE7LH>" in lines[0]["mention"]["text"], "exec: the event JSON on stdin, text as written", lines)
    with open(keys) as f:
        kl = f.read().split()
    ok(len(kl) == 3 and kl[0] == "run" and kl[1] == "mention" and kl[2].isdigit(), "exec: HARK_ALERT, HARK_EVENT, HARK_IDEMPOTENCY_KEY", kl)
    with open(os.path.join(tmp.path, "alerts.jsonl")) as f:
        fl = [json.loads(l) for l in f if l.strip()]
    ok(len(fl) == 1 and fl[0]["alert"] == "log" and isinstance(fl[0]["idempotency_key"], int),
       "file: one JSON line, relative path resolved against the config", fl)

# exec: a failing command is retried with its output as the error.
with TempDir() as tmp:
    flag = os.path.join(tmp.path, "fixed")
    c = conf(tmp, """
[alert run]
type = exec
command = test -e '%s' || { echo "queue full" >&2; exit 3; }
""" % flag)
    r = hark("-c", c, "poll", env={"HARK_NOW": str(T0)})
    lst = hark("-c", c, "alerts", "list", "--failed", env={"HARK_NOW": str(T0)})
    ok(r.rc == 1 and "exited with status 3: queue full" in lst.out, "exec: non-zero exit is a failure with its message", lst.out)
    open(flag, "w").close()
    r = hark("-c", c, "alerts", "send", env={"HARK_NOW": str(T0 + 3600)})
    lst = hark("-c", c, "alerts", "list", "--sent", env={"HARK_NOW": str(T0 + 3600)})
    ok(r.rc == 0 and len(lst.out.splitlines()) == 2, "exec: the retry succeeds", (r, lst.out))

# Config errors: FILE:LINE for every bad key.
with TempDir() as tmp:
    c = conf(tmp, """
[alert bad]
type = pager
url = http://x.example/
colour = red

[alert nourl]
type = slack

[alert badurl]
type = webhook
url = javascript:alert(1)
threshold = low
mode = sometimes
quiet_hours = 22-8
timezone = Mars/Olympus
""")
    r = hark("-c", c, "check")
    errs = r.err + r.out
    ok(r.rc == 2, "check: bad alert rules exit 2", r)
    for what in ["type: unknown value 'pager'", "unknown key 'colour'", "type slack needs url", "url: bad URL",
                 "threshold: expected a number", "mode: unknown value", "quiet_hours: expected HH:MM-HH:MM",
                 "timezone: unknown zone"]:
        ok(("hark.conf:" in errs) and what in errs, "check reports: " + what, errs)

done()
