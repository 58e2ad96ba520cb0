"""SIGKILL during delivery loses nothing. The receiver kills hark at many
points: while the feed is fetched (inside the poll), after a request reached
it but before it answered (the documented crash window: that alert may come
again), and right after it answered (hark may or may not have marked it).
Runs repeat until one finishes; then every negative mention has arrived,
per rule, a repeat carries the same Idempotency-Key (and, for digests, the
same mentions), and nothing else repeated."""
import json
import os
import signal
import subprocess

from harktest import HARK, Server, TempDir, hark, ok, done

T0 = 1795348800
N_NEG, N_POS = 12, 4


def feed():
    items = []
    for i in range(N_NEG):
        items.append("""<item><guid>neg-%d</guid><title>Acme order %d arrived broken</title>
<link>https://shop.example/r/neg-%d</link>
<description>Acme order %d arrived broken. Terrible, awful, horrible service.</description>
<pubDate>Sun, 22 Nov 2026 0%d:%02d:00 GMT</pubDate></item>""" % (i, i, i, i, i % 10, i))
    for i in range(N_POS):
        items.append("""<item><guid>pos-%d</guid><title>Acme order %d was great</title>
<link>https://shop.example/r/pos-%d</link>
<description>Acme order %d was great, I love it, excellent quality!</description>
<pubDate>Sun, 22 Nov 2026 0%d:30:00 GMT</pubDate></item>""" % (i, i, i, i, i))
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Acme</title>'
            '<link>https://shop.example/</link>%s</channel></rss>' % "".join(items))


class Killer:
    """Kills the running hark at the k-th request of a run, before or
    after answering it."""

    def __init__(self):
        self.proc = None
        self.plan = None   # (k, "before" | "after") or None
        self.seen = 0
        self.killed = 0
        self.killed_before = 0
        self.log = []      # (path, key, mention ids)

    def start(self, plan, *args, t):
        self.plan, self.seen = plan, 0
        env = dict(os.environ, HARK_NOW=str(t))
        self.proc = subprocess.Popen([HARK] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, err.decode("utf-8", "replace")

    def kill(self):
        try:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.killed += 1
        except ProcessLookupError:
            pass

    def route(self, req):
        self.seen += 1
        k, when = self.plan if self.plan else (0, None)
        if req.path.startswith("/feed"):
            if self.seen == k:
                self.kill()
                return 500, {}, "killed"
            return 200, {"Content-Type": "application/rss+xml"}, FEED
        body = json.loads(req.body)
        ids = [body["mention"]["id"]] if body.get("event") == "mention" else sorted(m["id"] for m in body["mentions"])
        self.log.append((req.path, req.header("Idempotency-Key"), tuple(ids)))
        if self.seen == k and when == "before":
            self.kill()
            self.killed_before += 1
            return 500, {}, "killed"
        if self.seen == k + 1 and when == "after":
            # The previous request was answered 200; hark is now on the
            # next one. Kill it here, before answering this one.
            self.kill()
            self.killed_before += 1
            return 500, {}, "killed"
        return 200, {}, "ok"


FEED = feed()
killer = Killer()
with Server() as srv, TempDir() as tmp:
    srv.httpd.handle_error = lambda *a: None  # a killed client resets its connection
    srv.route("/feed.xml", fn=killer.route)
    srv.route("/each", fn=killer.route)
    srv.route("/digest", fn=killer.route)
    conf = tmp.file("hark.conf", """[hark]
database = %s/h.db
[brand acme]
keywords = acme
[source shop]
adapter = rss
url = %s/feed.xml
alert_baseline = yes
[alert each]
type = webhook
url = %s/each
[alert digest]
type = webhook
url = %s/digest
mode = digest
digest_every = 1h
""" % (tmp.path, srv.base, srv.base, srv.base))
    # Kill while the poll fetches the feed: nothing stored, nothing lost.
    rc, err = killer.start((1, "before"), "-c", conf, "poll", t=T0)
    ok(rc == -signal.SIGKILL, "killed during the poll's fetch", (rc, err))
    plans = [(k, w) for k in (1, 2, 3, 5, 8) for w in ("before", "after")]
    runs = 0
    rc, err = killer.start((3, "before"), "-c", conf, "poll", t=T0)
    runs += 1
    ok(rc == -signal.SIGKILL and len(killer.log) == 2, "poll stored the mentions, killed at its second alert", (rc, err))
    # Then `alerts send` after the digest boundary, killed again and again.
    t = T0 + 3600
    finished = False
    while runs < 40:
        plan = plans.pop(0) if plans else None
        rc, err = killer.start(plan, "-c", conf, "alerts", "send", t=t)
        runs += 1
        if plan is None and rc == 0:
            finished = True
            break
        if rc != -signal.SIGKILL:
            t += 7 * 3600  # a killed request answered 500 may have failed a row: let backoff pass
    ok(finished, "a run finally completes after %d runs and %d kills" % (runs, killer.killed), err)
    ok(killer.killed >= 8, "hark was killed at many points (%d)" % killer.killed)
    want = {"neg-%d" % i for i in range(N_NEG)}
    each = [(key, ids[0]) for path, key, ids in killer.log if path == "/each"]
    got = {m for _, m in each}
    ok(got == want, "each: every negative mention arrived, no positive one", sorted(got ^ want))
    keys = {}
    for key, m in each:
        keys.setdefault(m, set()).add(key)
    ok(all(len(v) == 1 for v in keys.values()), "each: repeats carry the same Idempotency-Key", keys)
    repeats = len(each) - len(got)
    ok(repeats <= killer.killed_before, "each: only killed-in-flight alerts repeated (%d repeats, %d kills)"
       % (repeats, killer.killed_before))
    digests = [(key, ids) for path, key, ids in killer.log if path == "/digest"]
    by_key = {}
    for key, ids in digests:
        by_key.setdefault(key, set()).add(ids)
    ok(all(len(v) == 1 for v in by_key.values()), "digest: a repeated digest has the same key and the same mentions", by_key)
    covered = set()
    for v in by_key.values():
        for ids in v:
            covered |= set(ids)
    ok(covered == want, "digest: every negative mention is in a digest", sorted(covered ^ want))
    r = hark("-c", conf, "alerts", "list", env={"HARK_NOW": str(t)})
    ok(r.rc == 0 and len(r.out.splitlines()) == 1, "nothing left unsent", r.out)
    r = hark("-c", conf, "alerts", "list", "--sent", env={"HARK_NOW": str(t)})
    ok(len(r.out.splitlines()) - 1 == 2 * N_NEG, "every outbox row sent: %d" % (2 * N_NEG), r.out)

done()
