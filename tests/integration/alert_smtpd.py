"""A real SMTP server for the alert tests (aiosmtpd; run it with
/usr/bin/python3, which has Debian's python3-aiosmtpd). Usage:
    alert_smtpd.py DIR [plain|starttls|smtps CERT KEY]
prints the port, then stores each message as DIR/N.eml with DIR/N.json
(envelope and login). DIR/mode decides the answer to DATA: "ok" (default),
"4xx" or "5xx". Stops when stdin closes."""
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

out = sys.argv[1]
count = [0]
logins = []


def authenticator(server, session, envelope, mechanism, auth_data):
    logins.append([auth_data.login.decode(), auth_data.password.decode()])
    return AuthResult(success=auth_data.password == b"pw-ok")


class Handler:
    async def handle_DATA(self, server, session, envelope):
        try:
            with open(os.path.join(out, "mode")) as f:
                mode = f.read().strip()
        except OSError:
            mode = "ok"
        if mode == "5xx":
            return "554 5.7.1 Message rejected as spam"
        if mode == "4xx":
            return "451 4.3.0 Mailbox busy, try later"
        count[0] += 1
        n = count[0]
        with open(os.path.join(out, "%d.eml" % n), "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(os.path.join(out, "%d.json" % n), "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "logins": logins,
                       "tls": session.ssl is not None or bool(server.transport.get_extra_info("cipher"))}, f)
        return "250 2.0.0 OK queued"


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
kw = {}
mode = sys.argv[2] if len(sys.argv) > 2 else "plain"
if mode != "plain":
    import ssl
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
    if mode == "starttls":
        kw = {"tls_context": ctx, "require_starttls": True}
    else:
        kw = {"ssl_context": ctx}
ctl = Controller(Handler(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                 auth_require_tls=False, auth_required=False, **kw)
ctl.start()
print(port, flush=True)
sys.stdin.read()
ctl.stop()
