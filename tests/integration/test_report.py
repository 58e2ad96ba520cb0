"""hark report: the reputation report's numbers, recomputed here from the
stored mentions, for day, ISO week and month periods, with filters."""
import csv
import datetime
import io
import json
import os
import sqlite3

from harktest import TempDir, hark, ok, done

ITEMS = [
    # id, date, rating, text
    ("a1", "2026-11-02T10:00:00Z", 1, "Acme shoes are terrible, awful quality, I want a refund"),
    ("a2", "2026-11-02T18:00:00Z", 5, "Acme shoes are great, I love them"),
    ("a3", "2026-11-03T09:00:00Z", None, "Acme shoes arrived today"),
    ("a4", "2026-11-09T09:00:00Z", 2, "Acme: broken zip, bad stitching, disappointed"),
    ("a5", "2026-11-30T23:59:59Z", 4, "Acme nice and comfy, good value"),
    ("a6", "2026-12-01T00:00:00Z", 3, "Acme is okay I guess"),
]

with TempDir() as tmp:
    lines = []
    for i, d, r, t in ITEMS:
        lines.append(json.dumps({"id": i, "author": "x", "title": None, "text": t,
                                 "url": "https://e.example/" + i, "rating": r, "lang": "en",
                                 "published_at": d}))
    data = tmp.file("items.jsonl", "\n".join(lines) + "\n")
    data2 = tmp.file("other.jsonl", json.dumps({"id": "b1", "text": "Acme fantastic support",
                                                "published_at": "2026-11-02T12:00:00Z"}) + "\n")
    conf = tmp.file("hark.conf", f"""
[brand acme]
keywords = acme
[source shop]
adapter = command
command = cat {data}
match = all
[source social]
adapter = command
command = cat {data2}
[alert team]
type = file
path = {tmp.path}/alerts.jsonl
threshold = -0.3
alert_baseline = yes
""")
    env = {"HARK_NOW": "2026-12-02T00:00:00Z"}
    r = hark("-c", conf, "poll", env=env)
    ok(r.rc == 0, "poll the two sources", r)
    rows = hark("-c", conf, "export", "--format", "jsonl", env=env).jsonl()
    ok(len(rows) == 7, "seven mentions stored", rows)
    db = sqlite3.connect(os.path.join(tmp.path, "hark.db"))
    ok(db.execute("SELECT count(*) FROM outbox").fetchone()[0] >= 2, "some mentions raised alerts")
    alerts = {}
    for (mid, n) in db.execute("SELECT m.external_id, count(o.id) FROM mentions m"
                               " LEFT JOIN outbox o ON o.mention_id = m.id GROUP BY m.id"):
        alerts[mid] = n

    def period(ts, by):
        d = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ")
        if by == "day":
            return d.strftime("%Y-%m-%d")
        if by == "month":
            return d.strftime("%Y-%m")
        y, w, _ = d.isocalendar()
        return "%04d-W%02d" % (y, w)

    def expected(by, pick=lambda m: True):
        groups = {}
        for m in rows:
            if not pick(m):
                continue
            k = (period(m["published_at"], by), m["brand"], m["source"])
            g = groups.setdefault(k, {"n": 0, "pos": 0, "neu": 0, "neg": 0, "s": 0.0, "rated": 0, "r": 0, "al": 0})
            g["n"] += 1
            g[{"positive": "pos", "neutral": "neu", "negative": "neg"}[m["label"]]] += 1
            g["s"] += m["sentiment"]
            if m["rating"]:
                g["rated"] += 1
                g["r"] += m["rating"]
            g["al"] += alerts.get(m["id"], 0)
        out = []
        for k in sorted(groups):
            g = groups[k]
            out.append([k[0], k[1], k[2], str(g["n"]), str(g["pos"]), str(g["neu"]), str(g["neg"]),
                        "%.4f" % (g["neg"] / g["n"]), "%.1f" % ((g["pos"] - g["neg"]) / g["n"] * 100),
                        g["s"] / g["n"], str(g["rated"]),
                        "%.2f" % (g["r"] / g["rated"]) if g["rated"] else "", str(g["al"])])
        return out

    def check(by, args=(), pick=lambda m: True):
        r = hark("-c", conf, "report", "--by", by, *args, env=env)
        table = list(csv.reader(io.StringIO(r.out, newline="")))
        ok(r.rc == 0 and table[0] == ["period", "brand", "source", "mentions", "positive", "neutral",
                                       "negative", "negative_share", "net_sentiment", "avg_sentiment",
                                       "rated", "avg_rating", "alerts"], f"report --by {by} {' '.join(args)} header", r)
        want = expected(by, pick)
        got = table[1:]
        same = len(got) == len(want)
        for g, w in zip(got, want):
            # avg_sentiment: the export rounds to 4 places, so compare loosely
            same = same and g[:9] == w[:9] and abs(float(g[9]) - w[9]) < 0.001 and g[10:] == w[10:]
        ok(same, f"report --by {by} {' '.join(args)} matches the stored mentions",
           "got:  %s\nwant: %s" % (got, want))

    check("day")
    check("week")
    check("month")
    check("day", ("--source", "shop"), lambda m: m["source"] == "shop")
    check("month", ("--since", "2026-11-09", "--until", "2026-12-01"),
          lambda m: "2026-11-09" <= m["published_at"] < "2026-12-01")
    r = hark("-c", conf, "report", "--by", "week", env=env)
    ok("2026-W45" in r.out and "2026-W46" in r.out and "2026-W49" in r.out and "2026-W48" not in r.out,
       "ISO week labels", r.out)
    r = hark("-c", conf, "report", "--excel", "-o", os.path.join(tmp.path, "r.csv"), env=env)
    raw = open(os.path.join(tmp.path, "r.csv"), "rb").read()
    ok(r.rc == 0 and raw.startswith(b"\xef\xbb\xbfperiod;brand;source;"), "--excel", raw[:30])
    r = hark("-c", conf, "report", "--by", "year", env=env)
    ok(r.rc == 2, "--by year is a usage error", r)

done()
