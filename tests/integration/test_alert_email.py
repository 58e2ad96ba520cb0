"""E-mail alerts through a real SMTP server on loopback (aiosmtpd, run by
Debian's /usr/bin/python3): one message per negative mention with
multipart/alternative text and HTML parts (customer text HTML-escaped), a
UTF-8 subject encoded per RFC 2047, Date, Message-ID from the outbox id,
every recipient, AUTH; SMTP 4xx is retried and 5xx is dead."""
import email
import email.policy
import email.utils
import json
import os
import shutil
import subprocess

from harktest import FIXTURES, TempDir, hark, ok, skip, done

SMTPD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "alert_smtpd.py")
PY = "/usr/bin/python3"
FEED = os.path.join(FIXTURES, "alerts", "reviews.xml")
NEGATIVE = {"n-1", "n-2", "n-3", "n-4", "h-1"}
T0 = 1795348800


def have_aiosmtpd():
    if not os.path.exists(PY):
        return False
    return subprocess.run([PY, "-c", "import aiosmtpd"], capture_output=True).returncode == 0


class Smtpd:
    def __init__(self, d, *tls):
        self.dir = d
        self.p = subprocess.Popen([PY, SMTPD, d] + list(tls), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.port = int(self.p.stdout.readline())

    def mode(self, m):
        with open(os.path.join(self.dir, "mode"), "w") as f:
            f.write(m)

    def messages(self):
        out = []
        n = 1
        while os.path.exists(os.path.join(self.dir, "%d.json" % n)):
            with open(os.path.join(self.dir, "%d.eml" % n), "rb") as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.default)
            with open(os.path.join(self.dir, "%d.json" % n)) as f:
                env = json.load(f)
            out.append((msg, env))
            n += 1
        return out

    def stop(self):
        self.p.stdin.close()
        self.p.wait(timeout=10)


def conf(tmp, port, extra=""):
    return tmp.file("hark.conf", """[hark]
database = %s/h.db
[brand acme]
keywords = acme
[source shop]
adapter = rss
url = file://%s
alert_baseline = yes
[alert mail]
type = email
url = smtp://127.0.0.1:%d
from = Hark Alerts <hark@acme.example>
to = social@acme.example, "Ops Team <ops@acme.example>"
timeout = 5s
%s
""" % (tmp.path, FEED, port, extra))


if not have_aiosmtpd():
    skip("no aiosmtpd for /usr/bin/python3 (Debian package python3-aiosmtpd)")
    done()

with TempDir() as tmp:
    os.makedirs(os.path.join(tmp.path, "mail"))
    srv = Smtpd(os.path.join(tmp.path, "mail"))
    try:
        c = conf(tmp, srv.port)
        r = hark("-c", c, "poll", env={"HARK_NOW": str(T0)})
        ok(r.rc == 0, "poll delivers by SMTP", r)
        msgs = srv.messages()
        ok(len(msgs) == len(NEGATIVE), "one message per negative mention", len(msgs))
        ids = set()
        good_parts = True
        for msg, env in msgs:
            ids.add(msg["Message-ID"])
            if msg.get_content_type() != "multipart/alternative":
                good_parts = False
                continue
            kinds = [p.get_content_type() for p in msg.iter_parts()]
            if kinds != ["text/plain", "text/html"]:
                good_parts = False
        ok(good_parts, "multipart/alternative with text/plain then text/html")
        ok(len(ids) == len(msgs) and all(i.startswith("<hark.") and i.endswith("@acme.example>") for i in ids),
           "distinct Message-IDs from the outbox ids", ids)
        msg, env = msgs[0]
        ok(sorted(env["to"]) == ["ops@acme.example", "social@acme.example"] and env["from"] == "hark@acme.example",
           "envelope: sender and both recipients", env)
        ok(email.utils.parsedate_to_datetime(msg["Date"]).timestamp() == T0, "Date header is the delivery time", msg["Date"])
        ok(msg["Subject"].startswith("[hark] Negative mention of acme on shop: "), "subject says what happened", msg["Subject"])
        hostile = [m for m, e in msgs if "scam" in m["Subject"]]
        ok(len(hostile) == 1, "the hostile review arrived")
        if hostile:
            h = hostile[0]
            html = h.get_body(("html",)).get_content()
            text = h.get_body(("plain",)).get_content()
            ok("<script>" not in html and "&lt;script&gt;" in html and "<b>Mallory" not in html,
               "HTML part: customer text escaped", html)
            ok("<script>alert(1)</script>" in text, "text part: customer text as written", text)
            ok('<a href="https://shop.example/acme/r/h-1">Open</a>' in html, "HTML part: link to the review")
        # A UTF-8 subject: a Turkish review.
        tr = tmp.file("tr.xml", """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Şikayetler</title><link>https://sikayet.example/</link>
<item><guid>tr-1</guid><title>Acme ürünü bozuk çıktı, iade yok</title><link>https://sikayet.example/1</link>
<description>Acme ürünü bozuk çıktı, rezalet, berbat bir hizmet. Çok kötü.</description>
<pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>
""")
        with open(c, encoding="utf-8") as f:
            text = f.read().replace("url = file://%s" % FEED, "url = file://%s\nlang = tr\nmatch = all" % tr)
        tmp.file("hark.conf", text)
        os.remove(os.path.join(tmp.path, "h.db"))
        before = len(srv.messages())
        r = hark("-c", c, "poll", env={"HARK_NOW": str(T0)})
        msgs = srv.messages()[before:]
        if not msgs:
            skip("the Turkish review did not score negative (scorer); RFC 2047 subject not checked: %s" % r.err.strip())
        else:
            with open(os.path.join(tmp.path, "mail", "%d.eml" % (before + 1)), "rb") as f:
                raw = f.read()
            subj_raw = [l for l in raw.split(b"\r\n\r\n")[0].split(b"\r\n") if l.startswith(b"Subject:")][0]
            ok(b"=?UTF-8?B?" in subj_raw and all(b < 128 for b in subj_raw), "UTF-8 subject encoded per RFC 2047", subj_raw)
            ok(msgs[0][0]["Subject"] == "[hark] Negative mention of acme on shop: Acme ürünü bozuk çıktı, iade yok",
               "the encoded subject decodes back", msgs[0][0]["Subject"])
    finally:
        srv.stop()

# 4xx is retried, 5xx is dead; AUTH with username and password.
with TempDir() as tmp:
    os.makedirs(os.path.join(tmp.path, "mail"))
    srv = Smtpd(os.path.join(tmp.path, "mail"))
    try:
        c = conf(tmp, srv.port, "username = hark\npassword = pw-ok\n")
        srv.mode("4xx")
        r = hark("-c", c, "poll", env={"HARK_NOW": str(T0)})
        lst = hark("-c", c, "alerts", "list", "--failed", env={"HARK_NOW": str(T0)})
        ok(r.rc == 1 and "SMTP 451" in lst.out, "SMTP 451: failed, to be retried", (r, lst))
        srv.mode("ok")
        r = hark("-c", c, "alerts", "send", env={"HARK_NOW": str(T0 + 7 * 3600)})
        msgs = srv.messages()
        ok(r.rc == 0 and len(msgs) == len(NEGATIVE), "after the 4xx passes, all arrive", r)
        ok(msgs and msgs[0][1]["logins"] and msgs[0][1]["logins"][0] == ["hark", "pw-ok"], "AUTH with username and password",
           msgs and msgs[0][1])
        srv.mode("5xx")
        os.remove(os.path.join(tmp.path, "h.db"))
        r = hark("-c", c, "poll", env={"HARK_NOW": str(T0)})
        lst = hark("-c", c, "alerts", "list", "--dead", env={"HARK_NOW": str(T0)})
        dead = lst.out.splitlines()[1:]
        ok(r.rc == 1 and len(dead) == len(NEGATIVE) and all("SMTP 554" in l for l in dead), "SMTP 554: dead with the reason", lst)
    finally:
        srv.stop()

# STARTTLS and SMTPS against a server with a certificate from a private CA.
def make_ca(d):
    def run(*a):
        return subprocess.run(["openssl"] + list(a), cwd=d, capture_output=True).returncode == 0
    with open(os.path.join(d, "ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n")
    return (run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=hark test CA")
            and run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=127.0.0.1")
            and run("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "srv.pem", "-days", "2", "-extfile", "ext"))


with TempDir() as tmp:
    if not shutil.which("openssl") or not make_ca(tmp.path):
        skip("no openssl to make a test certificate; STARTTLS and SMTPS not checked")
    else:
        cert, key = os.path.join(tmp.path, "srv.pem"), os.path.join(tmp.path, "srv.key")
        for mode, scheme in (("starttls", "smtp"), ("smtps", "smtps")):
            d = os.path.join(tmp.path, mode)
            os.makedirs(d)
            srv = Smtpd(d, mode, cert, key)
            try:
                c = conf(tmp, srv.port, "starttls = required\nca_file = ca.pem\n")
                with open(c, encoding="utf-8") as f:
                    text = f.read().replace("smtp://127.0.0.1", scheme + "://127.0.0.1")
                tmp.file("hark.conf", text)
                r = hark("-c", c, "alerts", "test", "mail", env={"HARK_NOW": str(T0)})
                msgs = srv.messages()
                ok(r.rc == 0 and len(msgs) == 1 and msgs[0][1]["tls"], "%s: delivered over TLS, certificate checked" % mode, r)
                with open(c, encoding="utf-8") as f:
                    text = f.read().replace("ca_file = ca.pem\n", "")
                tmp.file("hark.conf", text)
                r = hark("-c", c, "alerts", "test", "mail", env={"HARK_NOW": str(T0)})
                ok(r.rc == 1 and len(srv.messages()) == 1, "%s: an unknown CA is refused" % mode, r)
            finally:
                srv.stop()

done()
