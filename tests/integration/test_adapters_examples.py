"""Every example config in etc/examples/ passes `hark check` (with dummy
values for its ${ENV} secrets), and every adapter has an example."""
import glob
import os
import re

from harktest import SRC, TempDir, hark, ok, done

examples = sorted(glob.glob(os.path.join(SRC, "etc", "examples", "*.conf")))
ok(len(examples) >= 15, "%d example configs" % len(examples))
used = set()
for path in examples:
    text = open(path, encoding="utf-8").read()
    env = {name: "dummy-%s" % name.lower() for name in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", text)}
    env["HARK_NOW"] = "2026-11-22T12:00:00Z"
    used.update(re.findall(r"^adapter\s*=\s*(\S+)", text, re.M))
    r = hark("-c", path, "check", env=env)
    ok(r.rc == 0, "hark check %s" % os.path.basename(path), r)

r = hark("adapters")
names = set(re.findall(r"^(\w+)", r.out, re.M)) if r.rc == 0 else set()
missing = sorted(n for n in names - used if n != "rss" and n in {
    "appstore", "bluesky", "command", "ebay", "etsy", "google_places", "googleplay", "hackernews",
    "html", "json", "mastodon", "reddit", "trustpilot", "x", "yelp", "youtube"})
ok(r.rc == 0 and not missing, "every adapter has an example section", missing or r)
# The adapters' own parameter checks reach `hark check`.
with TempDir() as tmp:
    bad = tmp.file("bad.conf", """[hark]
database = hark.db
[brand acme]
keywords = acme
[source a]
adapter = appstore
app_id = abc
[source h]
adapter = html
url = https://x.example/
item = //div[
text = .
[source m]
adapter = mastodon
instance = https://m.example
[source c]
adapter = command
command = true
timeout = soon
[source y]
adapter = youtube
key = k
""")
    r = hark("-c", bad, "check")
    ok(r.rc == 2, "check fails on bad adapter parameters", r)
    for what in ("app_id must be the numeric", "not a valid XPath", "set tag (hashtag timeline) or query",
                 "timeout must be a duration", "exactly one of video_id and channel_id"):
        ok(what in r.err, "check reports: " + what, r.err)
done()
