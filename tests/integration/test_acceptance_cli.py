"""Acceptance check of the command line as a new user and cron meet it
(SPEC 3, issue 2 items 2, 3, 11): help for every command, exit codes
0/1/2/75, `FILE:LINE: message` for config errors from `check` and from
every command that reads the config, `check` on every shipped example,
a silent `poll` on success, the man page, and the shipped units fitting the
worked example. Written by the acceptance checker."""
import csv
import glob
import os
import re
import shutil
import subprocess
import time

from harktest import SRC, Server, TempDir, hark, ok, skip, done

ACC = os.path.join(SRC, "tests", "fixtures", "acceptance")

# ---- help
r = hark("help")
ok(r.rc == 0 and "usage: hark" in r.out, "hark help", r)
cmds = re.findall(r"^  ([a-z]+) ", r.out, re.M)
ok(set(["init", "check", "poll", "parse", "export", "sources", "adapters", "help", "version", "report", "score",
        "alerts"]) <= set(cmds), "hark help lists every SPEC 3 command", cmds)
for c in cmds:
    r = hark("help", c)
    ok(r.rc == 0 and ("usage: hark " + c) in r.out, f"hark help {c}", r)
r = hark("help", "nosuch")
ok(r.rc == 2 and "nosuch" in r.err, "help for an unknown command exits 2", r)
r = hark("version")
ok(r.rc == 0 and re.match(r"hark \d+\.\d+", r.out), "version", r)
r = hark("help", "export")
ok("negative" in r.out and "neutral" in r.out,
   "A8 (fixed defect, regression check): help export names the --label values (SPEC 3: negative|neutral|positive)", r.out)

with TempDir() as tmp:
    good = tmp.file("good.conf", f"""[hark]
database = good.db
[brand acme]
keywords = acme
[source rdf]
adapter = rss
url = file://{ACC}/rss1.rdf
match = all
""")
    env = {"HARK_NOW": "2026-11-22T12:00:00Z"}

    # ---- exit status 2: usage
    for args, what in ((["-c", good, "bogus"], "unknown command"),
                       (["-c", good, "--frobnicate", "poll"], "unknown global option"),
                       (["-c", good, "poll", "--frobnicate"], "unknown poll option"),
                       (["-c", good, "export", "--label", "angry"], "bad --label"),
                       (["-c", good, "export", "--since", "yesterday"], "bad --since"),
                       (["-c", good, "export", "--format", "xml"], "bad --format"),
                       (["-c", good, "poll", "--source", "nosuch"], "unknown --source"),
                       (["-c", os.path.join(tmp.path, "missing.conf"), "check"], "missing config"),
                       (["parse", "nosuch", good], "unknown adapter for parse"),
                       (["parse", "rss", os.path.join(tmp.path, "missing.xml")], "missing file for parse")):
        r = hark(*args, env=env)
        ok(r.rc == 2 and r.err.strip() != "" and r.out == "", f"exit 2 and a message on stderr: {what}", r)

    # ---- exit status 0 and a silent poll
    r = hark("-c", good, "check", env=env)
    ok(r.rc == 0, "check of a good config exits 0", r)
    r = hark("-c", good, "init", env=env)
    ok(r.rc == 0, "init exits 0", r)
    r = hark("-c", good, "init", env=env)
    ok(r.rc == 0, "init again (idempotent) exits 0", r)
    r = hark("-c", good, "poll", env=env)
    ok(r.rc == 0 and r.out == "" and r.err == "", "a successful poll prints nothing (cron)", r)
    r = hark("-c", good, "-v", "poll", "--all", env=env)
    ok(r.rc == 0 and "rdf" in r.out + r.err, "-v poll says what it did", r)
    r = hark("-c", good, "sources", env=env)
    ok(r.rc == 0 and "rdf" in r.out, "sources", r)
    r = hark("-c", good, "-d", os.path.join(tmp.path, "other.db"), "export", "--format", "jsonl", env=env)
    ok(r.rc == 0 and r.out == "", "-d DATABASE overrides the config's database", r)
    r = hark("-c", good, "export", "--format", "jsonl", env=env)
    ok(r.rc == 0 and len(r.jsonl()) == 2, "export after poll", r)
    r = hark("-c", good, "report", "--by", "week", env=env)
    ok(r.rc == 0 and r.out.startswith("period,brand,source,mentions,"), "report", r)
    r = hark(env=dict(env, HARK_CONFIG=good), *["sources"])
    ok(r.rc == 0 and "rdf" in r.out, "HARK_CONFIG is used without -c", r)

    # ---- exit status 1: a failing source, named on stderr, others committed
    onebad = tmp.file("onebad.conf", f"""[hark]
database = onebad.db
[brand acme]
keywords = acme
[source rdf]
adapter = rss
url = file://{ACC}/rss1.rdf
match = all
[source gone]
adapter = rss
url = file://{tmp.path}/gone.xml
""")
    r = hark("-c", onebad, "poll", env=env)
    ok(r.rc == 1 and "gone" in r.err and r.out == "", "exit 1, the failed source named on stderr", r)
    r = hark("-c", onebad, "-q", "poll", "--all", env=env)
    ok(r.rc == 1 and "gone" in r.err, "-q still reports a failure (cron must see it)", r)
    r = hark("-c", onebad, "export", "--format", "jsonl", env=env)
    ok(len(r.jsonl()) == 2, "the good source was committed beside the failed one", r)

    # ---- exit status 75: a second poll while one runs
    with Server() as srv:
        srv.route("/slow.xml", hang=True)
        lockconf = tmp.file("lock.conf", f"""[hark]
database = lock.db
timeout = 4
[brand acme]
keywords = acme
[source slow]
adapter = rss
url = {srv.url('/slow.xml')}
""")
        hark("-c", lockconf, "init", env=env)
        first = subprocess.Popen([os.environ.get("HARK") or os.path.join(SRC, "build", "hark"), "-c", lockconf, "poll"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while not srv.requests_to("/slow.xml") and time.monotonic() < deadline:
            time.sleep(0.02)  # wait until the first poll is inside its transfer (polling, not synchronising on time)
        t0 = time.monotonic()
        r = hark("-c", lockconf, "poll", env=env)
        took = time.monotonic() - t0
        ok(r.rc == 75 and r.out == "" and r.err == "", "a second poll exits 75 quietly", r)
        ok(took < 2, "... at once (%.2fs)" % took)
        r = hark("-c", lockconf, "-v", "poll", env=env)
        ok(r.rc == 75 and r.err != "", "... and says why with -v", r)
        srv.stopping.set()
        out, err = first.communicate(timeout=30)
        ok(first.returncode == 1, "the first poll ends with its timeout failure", (first.returncode, err))

    # ---- FILE:LINE: message for config errors
    bad = tmp.file("bad.conf", """stray = 1
[hark]
databse = x.db
timeout = forever
max_body = lots

[brand acme]
keywords = acme
colour = red

[sourc typo]
adapter = rss

[source a]
adapter = rsss
url = https://x.example/feed

[source b]
adapter = rss
url = htp://x.example/feed
every = 5 minutes

[source c]
adapter = youtube
brand = nosuch
video_id = abc

[alert z]
type = pager
threshold = low
this line has no equals sign
""")
    want_lines = {1, 3, 4, 5, 9, 11, 15, 20, 21, 23, 25, 29, 30, 31}
    for cmd in (["check"], ["poll"], ["export"], ["sources"]):
        r = hark("-c", bad, *cmd, env=env)
        lines = [l for l in r.err.splitlines() if l.strip()]
        fl = [re.match(r"^(.*bad\.conf):(\d+): \S", l) for l in lines]
        ok(r.rc == 2, f"{cmd[0]} with a broken config exits 2", r)
        ok(all(fl), f"{cmd[0]}: every error line is FILE:LINE: message", r.err)
        got = {int(m.group(2)) for m in fl if m}
        ok(want_lines <= got, f"{cmd[0]}: every broken line reported", sorted(want_lines - got))
    r = hark("-c", bad, "check", env=env)
    for needle in ("databse", "forever", "lots", "colour", "sourc typo", "rsss", "htp://", "5 minutes", "nosuch",
                   "pager", "low", "key"):
        ok(needle in r.err, f"check names the problem: {needle}", r.err)

    unset = tmp.file("unset.conf", """[hark]
database = u.db
[brand acme]
keywords = acme
[source yt]
adapter = youtube
video_id = abc
key = ${HARK_ACCEPTANCE_UNSET_KEY}
[alert team]
type = slack
url = ${HARK_ACCEPTANCE_UNSET_HOOK}
""")
    r = hark("-c", unset, "check", env=env)
    ok(r.rc == 2 and re.search(r"unset\.conf:8: .*HARK_ACCEPTANCE_UNSET_KEY", r.err)
       and re.search(r"unset\.conf:11: .*HARK_ACCEPTANCE_UNSET_HOOK", r.err), "an unset ${ENV} is FILE:LINE: named", r.err)
    ok(len([l for l in r.err.splitlines() if ":11:" in l]) == 1,
       "A6 (fixed defect, regression check): one error per cause (an unset ${ENV} url is not also a 'bad URL')", r.err)

# ---- check on every shipped example
examples = sorted(glob.glob(os.path.join(SRC, "etc", "examples", "*.conf"))) + [os.path.join(SRC, "etc", "hark.conf.example")]
ok(len(examples) >= 10, "etc/examples has the adapters' configs", examples)
for conf in examples:
    text = open(conf, encoding="utf-8").read()
    names = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", text))
    fake = {n: ("https://hooks.example.com/x" if "URL" in n else "12345") for n in names}
    r = hark("-c", conf, "check", env=dict(fake, HARK_NOW="2026-11-22T12:00:00Z"))
    ok(r.rc == 0 and ": ok" in r.out, "check " + os.path.relpath(conf, SRC), r)
    if names:
        r = hark("-c", conf, "check")
        lines = [l for l in r.err.splitlines() if l.strip()]
        ok(r.rc == 2 and lines and all(re.match(r"^.+\.conf(\.example)?:\d+: ", l) for l in lines),
           "check " + os.path.basename(conf) + " without its environment: exit 2, FILE:LINE errors", r.err)

# ---- the man page
man = shutil.which("man")
if not man:
    skip("man page rendering: no man(1) here")
else:
    p = subprocess.run([man, "-l", os.path.join(SRC, "etc", "man", "hark.1")], capture_output=True,
                       env=dict(os.environ, MANWIDTH="200", MAN_KEEP_FORMATTING="0"))
    page = re.sub(r".\x08", "", p.stdout.decode("utf-8", "replace"))
    ok(p.returncode == 0 and "EXIT STATUS" in page, "man -l etc/man/hark.1 renders", p.stderr)
    ok(p.stderr.strip() == b"", "man page renders without warnings", p.stderr)
    ok(re.search(r"^\s*poll \[--source NAME\]\.\.\. \[--all\] \[--dry-run\] \[--no-alerts\]\s*$", page, re.M),
       "A7 (fixed defect, regression check): the man page shows poll's synopsis on its own line",
       [l for l in page.splitlines() if "poll [" in l])

# ---- the shipped units and the worked example fit together
unit = open(os.path.join(SRC, "etc", "systemd", "hark-poll.service")).read()
example = open(os.path.join(SRC, "etc", "hark.conf.example")).read()
db = re.search(r"^database\s*=\s*(\S+)", example, re.M).group(1)
dbpath = db if db.startswith("/") else os.path.join("/etc/hark", db)
rw = re.findall(r"^ReadWritePaths=(.*)$", unit, re.M)
strict = "ProtectSystem=strict" in unit
ok(not strict or any(dbpath.startswith(p.rstrip("/") + "/") for w in rw for p in w.split()),
   "A3 (fixed defect, regression check): the worked example's database (%s) is writable under hark-poll.service" % dbpath,
   "ReadWritePaths=%s" % rw)

# ---- read-only commands should not need the pollers' secrets
with TempDir() as tmp:
    conf = tmp.file("sec.conf", """[hark]
database = sec.db
[brand acme]
keywords = acme
[source yt]
adapter = youtube
video_id = abc
key = ${HARK_ACCEPTANCE_YT_KEY}
""")
    r = hark("-c", conf, "init", env={"HARK_ACCEPTANCE_YT_KEY": "k"})
    ok(r.rc == 0, "init with the secret set", r)
    for cmd in (["sources"], ["export"], ["report"]):
        r = hark("-c", conf, *cmd)
        ok(r.rc == 0, "A14 (fixed defect, regression check): `%s` works without the API keys in the environment" % cmd[0], r)

# ---- README "Running it", literally, on the worked example (feeds and Slack on loopback)
with Server() as srv, TempDir() as tmp:
    feeds = {"/alerts": "google_alerts.xml", "/news": "rss2_oddities.xml", "/sikayet": "tr_iso8859-9.xml"}
    for path, name in feeds.items():
        srv.route(path, headers={"Content-Type": "application/xml"}, body=open(os.path.join(ACC, name), "rb").read())
    srv.route("/services/T000/B000/XXXX", body="ok")
    text = open(os.path.join(SRC, "etc", "hark.conf.example"), encoding="utf-8").read()
    text = re.sub(r"^database\s*=.*$", "database = hark.db", text, flags=re.M)
    text = text.replace("https://www.google.com/alerts/feeds/00000000000000000000/0000000000000000000", srv.url("/alerts"))
    text = text.replace("https://news.google.com/rss/search?q=acme&hl=en-US&gl=US&ceid=US:en", srv.url("/news"))
    text = text.replace("https://example.com/acme/sikayetler.rss", srv.url("/sikayet"))
    conf = tmp.file("hark.conf", text)
    env = {"SLACK_WEBHOOK_URL": srv.url("/services/T000/B000/XXXX"), "HARK_NOW": "2026-11-05T12:00:00Z"}
    for args in (["check"], ["init"], ["poll", "-v"], ["sources"]):
        r = hark("-c", conf, *args, env=env)
        ok(r.rc == 0, "README: hark -c hark.conf " + " ".join(args), r)
    r = hark("-c", conf, "-v", "poll", "--all", env=env)
    ok(r.rc == 0 and "alerts-acme" in r.err + r.out, "hark -c hark.conf -v poll --all", r)
    r = hark("-c", conf, "export", "--since", "7d", "--label", "negative", "-o", os.path.join(tmp.path, "negative.csv"), env=env)
    rows = list(csv.reader(open(os.path.join(tmp.path, "negative.csv"), encoding="utf-8", newline="")))
    ok(r.rc == 0 and len(rows) > 1 and all(x[10] == "negative" for x in rows[1:]),
       "README: export --since 7d --label negative -o negative.csv", rows[:3])
    r = hark("-c", conf, "report", "--by", "week", "--excel", "-o", os.path.join(tmp.path, "reputation.csv"), env=env)
    data = open(os.path.join(tmp.path, "reputation.csv"), "rb").read()
    ok(r.rc == 0 and data.startswith(b"\xef\xbb\xbfperiod;brand;source;") and b"2026-W45" in data,
       "README: report --by week --excel -o reputation.csv", data[:200])
    r = hark("-c", conf, "alerts", "list", "--all", env=env)
    ok(r.rc == 0, "README: alerts list --all", r)

done()
