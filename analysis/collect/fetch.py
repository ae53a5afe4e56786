"""Polite, guarded fetching of web pages, feeds and API answers.

Every request goes through the fetch guard (`analysis.collect.guard`): the URL and every
redirect are checked, the connection goes to the addresses the guard checked (so a host
name cannot resolve to a public address for the check and a private one for the fetch),
and the answer is read within the size, time and content-type limits.

Politeness, for the sites the collectors visit:
- an honest user agent naming the project (`analysis/resources/collect/user_agent.txt`);
- robots.txt honoured, per RFC 9309: a missing file (4xx) allows everything, a file that
  cannot be read (5xx, no connection) forbids the whole site for this run;
- a delay between two requests to the same host, longer when robots.txt asks for a
  Crawl-delay (up to `MAX_CRAWL_DELAY`);
- on 429 and 5xx answers a few retries, waiting as the server's Retry-After asks or twice
  longer each time.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from analysis.collect import guard
from analysis.collect.guard import (
    DEFAULT_POLICY,
    PAGE_TYPES,
    REDIRECT_STATUSES,
    FetchError,
    GuardRefusal,
    Policy,
    Resolver,
    Target,
)

USER_AGENT_FILE = Path(__file__).resolve().parent.parent / "resources" / "collect" / (
    "user_agent.txt")
RETRY_STATUSES = (429, 500, 502, 503, 504)
DEFAULT_DELAY = 2.0  # seconds between two requests to one host
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 2.0  # seconds before the first retry; doubled each time
MAX_RETRY_WAIT = 60.0
MAX_CRAWL_DELAY = 30.0
ROBOTS_MAX_BYTES = 500_000  # RFC 9309: crawlers must read at least 500 KiB
READ_CHUNK = 64 * 1024
ANY_TYPE: tuple[str, ...] = ()  # accept= for robots.txt, which servers label in many ways


def user_agent() -> str:
    """The User-Agent header: the resources file's first line that is not a comment."""
    for line in USER_AGENT_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.strip()
    raise ValueError(f"{USER_AGENT_FILE.name} holds no user agent")


@dataclass(frozen=True)
class Page:
    """A fetched answer: where it was asked for, where it came from, and its bytes."""

    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # media type, lower case, no parameters
    charset: str | None
    body: bytes
    redirects: tuple[str, ...] = ()

    def text(self) -> str:
        """The body decoded with the announced charset, else UTF-8 (bad bytes replaced)."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


@dataclass
class _Answer:
    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes = b""


@dataclass
class Fetcher:
    """Fetches URLs through the guard, politely. One per run: it remembers robots.txt files
    and when each host was last asked.

    `clock` and `sleep` are injectable so that delays can be tested without waiting.
    """

    policy: Policy = DEFAULT_POLICY
    delay: float = DEFAULT_DELAY
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    agent: str = field(default_factory=user_agent)
    resolve: Resolver = guard.resolve_host
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, urllib.robotparser.RobotFileParser | str] = field(
        default_factory=dict, init=False, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _host_delay: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def get(self, url: str, *, accept: Collection[str] = PAGE_TYPES,
            robots: bool = True) -> Page:
        """Fetch `url`, following checked redirects; raise `FetchError` saying why not.

        `accept` lists the media types read (`ANY_TYPE` for any); `robots=False` skips the
        robots.txt check, for an API meant to be called by programs.
        """
        visited, answer = self._follow(url, accept=accept, max_bytes=self.policy.max_bytes,
                                       robots=robots)
        return self._page(url, visited, answer)

    def _follow(self, url: str, *, accept: Collection[str], max_bytes: int,
                robots: bool) -> tuple[list[Target], _Answer]:
        """Ask for `url` and follow its redirects, each checked by the guard (and by
        robots.txt when `robots`); return the targets asked for and the last answer."""
        visited = [guard.check_url(url, policy=self.policy, resolve=self.resolve)]
        while True:
            if robots:
                self._check_robots(visited[-1], first=url)
            answer = self._with_retries(visited[-1], accept, max_bytes)
            if answer.status not in REDIRECT_STATUSES:
                return visited, answer
            visited.append(guard.check_redirect(
                visited[-1], answer.headers.get("Location"),
                visited=[target.url for target in visited], policy=self.policy,
                resolve=self.resolve))

    # One request, with retries ------------------------------------------------------

    def _with_retries(self, target: Target, accept: Collection[str],
                      max_bytes: int) -> _Answer:
        """One request, asked again after a 429 or 5xx answer, at most `retries` times."""
        attempt = 0
        while True:
            self._wait_for_host(target.host)
            answer = self._exchange(target, accept, max_bytes)
            if answer.status not in RETRY_STATUSES or attempt >= self.retries:
                return answer
            self.sleep(self._retry_wait(answer, attempt))
            attempt += 1

    def _retry_wait(self, answer: _Answer, attempt: int) -> float:
        """Seconds to wait before asking again: the server's Retry-After (in seconds) if it
        gave one, else the backoff doubled at each attempt; never above `MAX_RETRY_WAIT`."""
        retry_after = (answer.headers.get("Retry-After") or "").strip()
        wait = float(retry_after) if retry_after.isdigit() else self.backoff * 2**attempt
        return min(wait, MAX_RETRY_WAIT)

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        delay = max(self.delay, self._host_delay.get(host, 0.0))
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def _exchange(self, target: Target, accept: Collection[str], max_bytes: int) -> _Answer:
        """Send one GET to the checked addresses of `target` and read the answer in limits.

        The body is read only for a 200 answer; a redirect or an error is decided by its
        status line and headers.
        """
        deadline = self.clock() + self.policy.timeout
        connection = self._connect(target)
        try:
            connection.request("GET", target.request_path, headers=self._headers(accept))
            if connection.sock is not None:
                connection.sock.settimeout(max(deadline - self.clock(), 0.001))
            response = connection.getresponse()
            answer = _Answer(response.status, response.reason, response.headers)
            if 200 <= response.status < 300:
                self._check_type(target.url, response, accept)
                answer.body = self._read_body(target.url, response, connection, deadline,
                                              max_bytes)
            return answer
        except TimeoutError:
            raise guard.too_slow(target.url, policy=self.policy) from None
        except zlib.error:
            raise FetchError(target.url, "the compressed content is damaged") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(target.url, f"the connection failed ({_describe(error)})") from None
        finally:
            connection.close()

    def _headers(self, accept: Collection[str]) -> dict[str, str]:
        return {"User-Agent": self.agent, "Accept": ", ".join(accept) or "*/*",
                "Accept-Encoding": "gzip, deflate", "Connection": "close"}

    def _connect(self, target: Target) -> http.client.HTTPConnection:
        """A connection to the first of the checked addresses that answers."""
        failures = []
        for address in target.addresses:
            if target.scheme == "https":
                connection: http.client.HTTPConnection = _PinnedHTTPSConnection(
                    target.host, target.port, address=address, timeout=self.policy.timeout)
            else:
                connection = _PinnedHTTPConnection(target.host, target.port, address=address,
                                                   timeout=self.policy.timeout)
            try:
                connection.connect()
            except TimeoutError:
                raise guard.too_slow(target.url, policy=self.policy) from None
            except (OSError, ssl.SSLError) as error:
                failures.append(_describe(error))
                continue
            return connection
        raise FetchError(target.url, f"could not connect ({'; '.join(failures)})")

    def _check_type(self, url: str, response: http.client.HTTPResponse,
                    accept: Collection[str]) -> None:
        if accept:
            guard.check_content_type(url, response.headers.get("Content-Type"), accept)

    def _read_body(self, url: str, response: http.client.HTTPResponse,
                   connection: http.client.HTTPConnection, deadline: float,
                   max_bytes: int) -> bytes:
        """The body, decompressed, within the time and size limits of the policy."""
        announced = response.headers.get("Content-Length", "")
        guard.check_size(url, int(announced) if announced.isdigit() else None,
                         max_bytes=max_bytes)
        decoder = _decoder(url, response.headers.get("Content-Encoding"))
        parts: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise guard.too_slow(url, policy=self.policy)
            if connection.sock is not None:
                connection.sock.settimeout(remaining)
            chunk = response.read1(READ_CHUNK)
            if not chunk:
                break
            if decoder is not None:
                chunk = decoder.decompress(chunk, max_bytes + 1 - size)
            size += len(chunk)
            guard.check_size(url, size, max_bytes=max_bytes)
            parts.append(chunk)
        return b"".join(parts)

    def _page(self, url: str, visited: list[Target], answer: _Answer) -> Page:
        """The page of a final answer, or a `FetchError` naming its HTTP status."""
        target = visited[-1]
        if not 200 <= answer.status < 300:
            raise FetchError(url, f"HTTP {answer.status} {answer.reason}".strip()
                             + (f" at {target.url}" if target.url != url else ""))
        content_type = answer.headers.get_content_type()
        charset = answer.headers.get_content_charset()
        return Page(url=url, final_url=target.url, content_type=content_type, charset=charset,
                    body=answer.body, redirects=tuple(step.url for step in visited[1:]))

    # robots.txt ---------------------------------------------------------------------

    def _check_robots(self, target: Target, *, first: str) -> None:
        rules = self._robots.get(target.origin)
        if rules is None:
            rules = self._read_robots(target)
            self._robots[target.origin] = rules
        if isinstance(rules, str):
            raise FetchError(first, f"not fetched: robots.txt of {target.host} could not be "
                             f"read ({rules}), so the site is left alone")
        if not rules.can_fetch(self.agent, target.url):
            shown = "" if target.url == first else f" ({target.url})"
            raise FetchError(first, f"disallowed by the site's robots.txt{shown}")

    def _read_robots(self, target: Target) -> urllib.robotparser.RobotFileParser | str:
        """The robots.txt rules of `target`'s site, or why they could not be read."""
        rules = urllib.robotparser.RobotFileParser()
        robots_url = f"{target.scheme}://{_netloc(target)}/robots.txt"
        try:
            visited, answer = self._follow(robots_url, accept=ANY_TYPE,
                                           max_bytes=ROBOTS_MAX_BYTES, robots=False)
            if 400 <= answer.status < 500:
                rules.parse([])  # no robots.txt: no rules, everything allowed
                return rules
            page = self._page(robots_url, visited, answer)
        except FetchError as error:
            return error.reason
        rules.parse(page.text().splitlines())
        crawl_delay = rules.crawl_delay(self.agent)
        if crawl_delay:
            self._host_delay[target.host] = min(float(crawl_delay), MAX_CRAWL_DELAY)
        return rules


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to one checked address, whatever DNS answers later; the Host
    header still names the host."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The HTTPS form: the TLS certificate is checked against the host name."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _decoder(url: str, encoding: str | None):  # -> zlib decompress object or None
    """A bounded decompressor for a gzip or deflate body (a small body must not unpack
    into gigabytes), None for an uncompressed one."""
    encoding = (encoding or "identity").strip().lower()
    if encoding == "identity":
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise GuardRefusal(url, f"content encoded as '{encoding}' is not read")


def _netloc(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = guard.DEFAULT_PORTS[target.scheme]
    return host if target.port == default else f"{host}:{target.port}"


def _describe(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
