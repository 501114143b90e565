"""Real HTTP servers on loopback addresses for the link-checker tests and benchmark.

:class:`LinkServer` serves a fixed set of behaviours by path (dead, moved, loop, HEAD refused,
403, bot challenge, 429 with Retry-After, slow, hanging, reset, a 200 MB body ...), counts the
requests and the bytes it sent, and records the most requests it ever had in flight at once.
Bind several on 127.0.0.2, 127.0.0.3 ... to act as several hosts. Loopback only.
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TLS_DIR = Path(__file__).parent / "fixtures" / "tls"
TLS_CA = TLS_DIR / "cert.pem"  # the server's self-signed certificate, its own CA

BIG = 200 * 1024 * 1024
CHUNK = 64 * 1024


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets and aborted bodies are the point of these servers


class LinkServer:
    """One host: ``LinkServer("127.0.0.2")`` then ``url("/dead")``; a context manager."""

    def __init__(self, host: str = "127.0.0.1", latency: float = 0.0, tls: bool = False) -> None:
        self.host = host
        self.latency = latency
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self.hits: Counter[tuple[str, str]] = Counter()  # (method, path)
        self.times: dict[str, list[float]] = {}
        self.forwarded: list[str] = []  # absolute URIs asked of it as a proxy
        self.bytes_sent = 0
        self.agents: set[str] = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_HEAD(self) -> None:
                outer._handle(self, "HEAD")

            def do_GET(self) -> None:
                outer._handle(self, "GET")

        self.httpd = _Server((host, 0), Handler)
        self.scheme = "http"
        if tls:  # HTTPS with the tests' own certificate (fixtures/tls: trust it with TLS_CA)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS_CA, TLS_DIR / "key.pem")
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       kwargs={"poll_interval": 0.05})

    def __enter__(self) -> LinkServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def requests(self, path: str) -> int:
        return sum(n for (_, p), n in self.hits.items() if p == path)

    # -- behaviours -------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        path = h.path
        if path.startswith("http://"):  # asked as a forward proxy: answer for that URL
            with self.lock:
                self.forwarded.append(path)
            path = "/" + path.split("/", 3)[3]
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.hits[(method, path)] += 1
            self.times.setdefault(path, []).append(time.monotonic())
            self.agents.add(h.headers.get("User-Agent", ""))
            n = self.hits[(method, path)] + self.hits[("GET" if method == "HEAD" else "HEAD",
                                                       path)]
        h._answered = False  # type: ignore[attr-defined]
        try:
            if self.latency:
                time.sleep(self.latency)
            self._route(h, method, path.split("?", 1)[0], n)
        finally:
            self._answered(h)

    def _answered(self, h: BaseHTTPRequestHandler) -> None:
        """The request stops counting as in flight just before its answer is written, so a
        client can never see the answer while the server still counts the request."""
        if not getattr(h, "_answered", True):
            h._answered = True  # type: ignore[attr-defined]
            with self.lock:
                self.in_flight -= 1

    def _route(self, h: BaseHTTPRequestHandler, method: str, path: str, n: int) -> None:
        if path.startswith("/s/"):  # /s/404 -> that status
            return self._send(h, int(path[3:].split("/")[0]))
        if path.startswith("/hl/"):  # HEAD says 404, GET finds the page
            return self._send(h, 404 if method == "HEAD" else 200)
        if path.startswith("/cf/"):  # a Cloudflare-style bot challenge
            return self._send(h, 403, {"cf-mitigated": "challenge"})
        if path.startswith("/go/"):  # /go/301/ok -> 301 to /ok
            code, _, rest = path[4:].partition("/")
            return self._send(h, int(code), {"Location": "/" + rest})
        routes = {
            "/": (200, {}), "/ok": (200, {}), "/dead": (404, {}), "/gone": (410, {}),
            "/moved": (301, {"Location": "/ok"}), "/moved308": (308, {"Location": "/new"}),
            "/new": (200, {}), "/temp": (302, {"Location": "/ok"}),
            "/loop": (301, {"Location": "/loop2"}), "/loop2": (301, {"Location": "/loop"}),
            "/forbidden": (403, {}), "/challenge": (403, {"cf-mitigated": "challenge"}),
            "/denied": (999, {}), "/error": (503, {}),
            "/to-ftp": (301, {"Location": "ftp://files.example.net/pub/x"}),
            "/to-file": (302, {"Location": "file:///etc/passwd"}),
            "/to-root": (301, {"Location": "/"}),
            "/to-login": (301, {"Location": "/login?next=/private"}), "/login": (200, {}),
        }
        if path in routes:
            code, headers = routes[path]
            return self._send(h, code, headers)
        if path == "/cookie-gate":  # sets a cookie and sends the client back until it has it
            if "gate=open" in (h.headers.get("Cookie") or ""):
                return self._send(h, 200)
            return self._send(h, 302, {"Set-Cookie": "gate=open; Path=/",
                                       "Location": "/cookie-gate"})
        if path == "/to-cafe":  # a Location header in UTF-8, as many servers send it
            return self._send(h, 301, {"Location": "/caf\u00e9".encode().decode("latin-1")})
        if path.startswith("/caf"):
            return self._send(h, 200)
        if path == "/nohead":
            return self._send(h, 405 if method == "HEAD" else 200)
        if path == "/ratelimit":  # 429 with Retry-After: 1 the first time, then fine
            return self._send(h, 429, {"Retry-After": "1"}) if n == 1 else self._send(h, 200)
        if path == "/come-back-tomorrow":
            return self._send(h, 429, {"Retry-After": "86400"})
        if path == "/ratelimited":  # always 429
            return self._send(h, 429, {"Retry-After": "0"})
        if path == "/flaky":  # 503 twice (HEAD, then GET), then fine
            return self._send(h, 503) if n <= 2 else self._send(h, 200)
        if path == "/slow":
            time.sleep(0.3)
            return self._send(h, 200)
        if path == "/hang":
            self.stop.wait(5.0)
            return None
        if path == "/reset":
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            h.connection.close()
            return None
        if path == "/big":
            return self._big(h, method)
        return self._send(h, 404)

    def _send(self, h: BaseHTTPRequestHandler, code: int, headers: dict[str, str] | None = None
              ) -> None:
        body = b"" if h.command == "HEAD" else f"status {code}\n".encode()
        self._answered(h)
        h.send_response(code)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Content-Length", str(len(f"status {code}\n")))
        h.end_headers()
        if body:
            h.wfile.write(body)
        with self.lock:
            self.bytes_sent += len(body)

    def _big(self, h: BaseHTTPRequestHandler, method: str) -> None:
        """200 MB, produced lazily; HEAD is refused so that the checker must GET it."""
        if method == "HEAD":
            return self._send(h, 405)
        self._answered(h)
        h.send_response(200)
        h.send_header("Content-Type", "application/octet-stream")
        h.send_header("Content-Length", str(BIG))
        h.end_headers()
        chunk = b"x" * CHUNK
        sent = 0
        try:
            while sent < BIG and not self.stop.is_set():
                h.wfile.write(chunk)
                sent += CHUNK
                with self.lock:
                    self.bytes_sent += CHUNK
        except OSError:
            pass
        h.close_connection = True


def closed_port(host: str = "127.0.0.1") -> int:
    """A port on ``host`` where nothing listens (bound, then released)."""
    s = socket.socket()
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def loopback_hosts_available() -> bool:
    """Linux routes all of 127.0.0.0/8 to loopback; macOS only 127.0.0.1 by default."""
    s = socket.socket()
    try:
        s.bind(("127.0.0.2", 0))
    except OSError:
        return False
    finally:
        s.close()
    return True
