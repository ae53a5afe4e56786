"""A local web server on 127.0.0.1 for the collector and fetch-guard tests.

It serves the fixtures of tests/fixtures/collect ("{base}" in them becomes the server's
own address) and the awkward answers a collector meets: a 404, a page over the size limit,
a redirect loop, a slow page, an answer that fails twice before it works. It counts the
requests per path so that tests can tell what was (never) asked for.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from analysis.collect.guard import Policy

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "collect"
HUGE_BYTES = 2_100_000  # over the guard's 2 MB
SLOW_SECONDS = 3.0  # a slow page takes this long; the tests' policy waits 1 s
TEST_TIMEOUT = 1.0
FLAKY_FAILURES = 2


class FixtureServer:
    """Start with `start()`, stop with `stop()`; `base` is "http://127.0.0.1:PORT"."""

    def __init__(self, *, robots: bytes | None = None, robots_status: int = 200) -> None:
        """`robots` replaces the robots.txt fixture; `robots_status` is its HTTP status."""
        self.robots = robots
        self.robots_status = robots_status
        self.hits: Counter[str] = Counter()
        self.queries: list[str] = []
        self.user_agents: set[str] = set()
        self.hosts: set[str] = set()
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def policy(self, **changes: object) -> Policy:
        """The guard's policy with loopback and this server's port allowed (beside 80 and
        443), 1 s per page."""
        options = {"ports": frozenset({80, 443, self.port}), "allow_loopback": True,
                   "timeout": TEST_TIMEOUT, **changes}
        return Policy(**options)  # type: ignore[arg-type]

    def fixture(self, name: str) -> bytes:
        """A fixture file with "{base}" replaced by this server's address."""
        return (FIXTURES / name).read_bytes().replace(b"{base}", self.base.encode())


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that stops reading (as the fetcher does at a limit) breaks the pipe of
        the answer being written: expected here, and not printed into the tests' stderr."""


def _handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = urlsplit(self.path).path
            server.hits[path] += 1
            server.user_agents.add(self.headers.get("User-Agent", ""))
            server.hosts.add(self.headers.get("Host", ""))
            if path == "/api/v2/doc/doc":
                server.queries.append(urlsplit(self.path).query)
            route = ROUTES.get(path)
            if route is not None:
                route(self, server)
            elif path.startswith("/articles/") and (FIXTURES / "pages" / path[10:]).is_file():
                self.send(200, "text/html; charset=utf-8", server.fixture(f"pages/{path[10:]}"))
            elif path.startswith("/chain/"):
                step = int(path.rsplit("/", 1)[1])
                self.redirect(f"/chain/{step + 1}")
            else:
                self.send(404, "text/html", b"<html><body>Not found</body></html>")

        def send(self, status: int, content_type: str, body: bytes,
                 headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, location: str) -> None:
            self.send(302, "text/html", b"", {"Location": location})

    return Handler


def _robots(handler, server: FixtureServer) -> None:
    body = server.fixture("robots.txt") if server.robots is None else server.robots
    handler.send(server.robots_status, "text/plain", body)


def _feed(handler, server: FixtureServer) -> None:
    handler.send(200, "application/rss+xml; charset=utf-8", server.fixture("feed.xml"))


def _gdelt(handler, server: FixtureServer) -> None:
    handler.send(200, "application/json; charset=utf-8", server.fixture("gdelt.json"))


def _gdelt_refusal(handler, server: FixtureServer) -> None:
    handler.send(200, "text/html", b"Your search contained a phrase that was too short.\n")


def _huge(handler, server: FixtureServer) -> None:
    handler.send(200, "text/html", b"<html><body><p>" + b"word " * (HUGE_BYTES // 5) + b"</p>")


def _huge_unannounced(handler, server: FixtureServer) -> None:
    """Over the limit without a Content-Length: the reading itself must stop."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(HUGE_BYTES // 100_000 + 1):
        handler.wfile.write(b"x" * 100_000)


def _gzip_bomb(handler, server: FixtureServer) -> None:
    """A small compressed body that unpacks to more than 2 MB."""
    handler.send(200, "text/html", gzip.compress(b" " * (HUGE_BYTES * 2)),
                 {"Content-Encoding": "gzip"})


def _gzip_page(handler, server: FixtureServer) -> None:
    handler.send(200, "text/html; charset=utf-8", gzip.compress(server.fixture("pages/one.html")),
                 {"Content-Encoding": "gzip"})


def _slow(handler, server: FixtureServer) -> None:
    """Headers at once, then a trickle of bytes: each arrives within a second, the whole
    page only after SLOW_SECONDS."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    started = time.monotonic()
    try:
        while time.monotonic() - started < SLOW_SECONDS:
            handler.wfile.write(b"<p>slow</p>")
            handler.wfile.flush()
            time.sleep(0.2)
    except OSError:  # the client gave up, as it should
        pass


def _flaky(handler, server: FixtureServer) -> None:
    if server.hits["/flaky.html"] <= FLAKY_FAILURES:
        handler.send(503, "text/html", b"busy", {"Retry-After": "0"})
    else:
        handler.send(200, "text/html; charset=utf-8", server.fixture("pages/three.html"))


def _unavailable(handler, server: FixtureServer) -> None:
    handler.send(503, "text/html", b"down for maintenance")


def _busy(handler, server: FixtureServer) -> None:
    handler.send(429, "text/html", b"slow down", {"Retry-After": "0"})


ROUTES = {
    "/robots.txt": _robots,
    "/feed.xml": _feed,
    "/api/v2/doc/doc": _gdelt,
    "/gdelt-refusal": _gdelt_refusal,
    "/huge.html": _huge,
    "/huge-unannounced.html": _huge_unannounced,
    "/gzip-bomb.html": _gzip_bomb,
    "/gzip.html": _gzip_page,
    "/slow.html": _slow,
    "/flaky.html": _flaky,
    "/busy.html": _busy,
    "/unavailable.html": _unavailable,
    "/loop/a": lambda handler, server: handler.redirect("/loop/b"),
    "/loop/b": lambda handler, server: handler.redirect("/loop/a"),
    "/to-private": lambda handler, server: handler.redirect("http://10.0.0.1/admin"),
    "/to-metadata": lambda handler, server: handler.redirect(
        "http://169.254.169.254/latest/meta-data/"),
    "/to-file": lambda handler, server: handler.redirect("file:///etc/passwd"),
    "/image.png": lambda handler, server: handler.send(200, "image/png", b"\x89PNG\r\n"),
    "/private/draft.html": lambda handler, server: handler.send(
        200, "text/html", server.fixture("pages/one.html")),
}
