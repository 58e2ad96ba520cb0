"""harktest - shared pieces of hark's integration tests.

Each test prints "ok - ...", "not ok - ..." or "skip - ..." lines that
tests/run.sh counts. Servers are real, on loopback, started and stopped by
the test itself; nothing sleeps for synchronisation.
"""
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

HARK = os.environ.get("HARK") or os.path.join(os.path.dirname(__file__), "..", "..", "build", "hark")
SRC = os.environ.get("HARK_SRC") or os.path.join(os.path.dirname(__file__), "..", "..")
SHARED = os.environ.get("SHARED") or os.path.join(SRC, "..", "shared")
FIXTURES = os.path.join(SRC, "tests", "fixtures")

failures = 0


def ok(cond, what, detail=None):
    global failures
    if cond:
        print("ok - " + what)
    else:
        failures += 1
        print("not ok - " + what)
        if detail is not None:
            for line in str(detail).splitlines()[:30]:
                print("#   " + line)
    sys.stdout.flush()
    return bool(cond)


def skip(what):
    print("skip - " + what)
    sys.stdout.flush()


def done():
    sys.exit(1 if failures else 0)


def shared_path(*parts):
    """Path under ../shared, or None (and the caller skips) when absent."""
    p = os.path.join(SHARED, *parts)
    return p if os.path.exists(p) else None


class Run:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def __repr__(self):
        return "rc=%d\nstdout:\n%s\nstderr:\n%s" % (self.rc, self.out, self.err)

    def jsonl(self):
        return [json.loads(l) for l in self.out.splitlines() if l.strip()]


def hark(*args, input=None, env=None, cwd=None, timeout=120):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([HARK] + [str(a) for a in args], input=input, capture_output=True,
                       env=e, cwd=cwd, timeout=timeout)
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))


class TempDir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="hark-test-")

    def file(self, name, content):
        p = os.path.join(self.path, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(p, mode) as f:
            f.write(content)
        return p

    def __enter__(self):
        return self

    def __exit__(self, *a):
        shutil.rmtree(self.path, ignore_errors=True)


class Route:
    """What the server answers for one path: status, headers, body, or a
    function(request) -> (status, headers, body). hang=True never answers
    (until the server stops). stream=iterable of bytes sends the body chunked
    (no Content-Length); .sent counts the bytes written before the client
    hung up."""

    def __init__(self, status=200, body=b"", headers=None, fn=None, hang=False, stream=None):
        self.status, self.body, self.headers, self.fn, self.hang = status, body, headers or {}, fn, hang
        self.stream, self.sent = stream, 0


class Request:
    def __init__(self, method, path, headers, body):
        self.method, self.path, self.headers, self.body = method, path, headers, body

    def header(self, name):
        for k, v in self.headers.items():
            if k.lower() == name.lower():
                return v
        return None


class Server:
    """A real HTTP/1.1 server on 127.0.0.1 with a free port. Routes are
    matched on the path with its query; a route for the bare path matches any
    query. Every request is recorded."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def handle_any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                req = Request(self.command, self.path, dict(self.headers.items()), body)
                with server.lock:
                    server.requests.append(req)
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                if route is None:
                    status, headers, payload = 404, {"Content-Type": "text/plain"}, b"not found"
                elif route.hang:
                    server.stopping.wait(60)
                    return
                elif route.stream is not None:
                    self.send_response(route.status)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for chunk in route.stream:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            route.sent += len(chunk)
                        self.wfile.write(b"0\r\n\r\n")
                    except OSError:
                        self.close_connection = True
                    return
                elif route.fn:
                    status, headers, payload = route.fn(req)
                else:
                    status, headers, payload = route.status, route.headers, route.body
                if isinstance(payload, str):
                    payload = payload.encode("utf-8")
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if status != 304 and self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_HEAD = handle_any

        class QuietServer(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # clients that hang up early (timeouts, size caps) are expected

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = "http://127.0.0.1:%d" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def route(self, path, **kw):
        self.routes[path] = Route(**kw)

    def url(self, path):
        return self.base + path

    def requests_to(self, path):
        with self.lock:
            return [r for r in self.requests if r.path.split("?")[0] == path.split("?")[0]]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *a):
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
