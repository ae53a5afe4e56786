"""The fetch guard: which web addresses this project's server may fetch, and what it may read.

A hosted dashboard that fetches pages on a visitor's behalf must not become a way into the
network it runs in (server-side request forgery): a visitor's URL could name the machine
itself, a private network, or the cloud metadata service that hands out credentials. So:

- only `http` and `https`, on ports 80 and 443, with no user name or password in the URL;
- the host name is resolved first, and every address it resolves to must be public
  (loopback, private, link-local, metadata, carrier-grade NAT, multicast and reserved
  ranges are refused, for IPv4 and IPv6, IPv4 addresses inside IPv6 ones too); the fetch
  then connects to those checked addresses only, so a second DNS answer cannot differ;
- every redirect is a new URL checked the same way, at most 5 of them, never a loop;
- an answer must be of an expected content type (HTML or text for a page), at most 2 MB,
  and arrive within 15 seconds.

The checks are pure functions of their arguments (the resolver is one of them), so they
are tested without a network. `Policy` holds the limits; the only way to reach a loopback
address, as the tests' local server needs, is a policy that says so explicitly.
"""

from __future__ import annotations

import csv
import ipaddress
import socket
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

BLOCKED_NETWORKS_FILE = Path(__file__).resolve().parent.parent / "resources" / "collect" / (
    "blocked_networks.csv")
SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = 2_000_000
TIMEOUT_SECONDS = 15.0
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# Characters kept as they are in a request path: reserved ones and existing %-escapes.
URL_SAFE = "/%:@!$&'()*+,;=-._~"
# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052).
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class Policy:
    """What the guard lets through. The defaults are the hosted dashboard's rules."""

    ports: frozenset[int] = frozenset({80, 443})
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_PAGE_BYTES
    timeout: float = TIMEOUT_SECONDS
    allow_loopback: bool = False  # only for a test's own server on 127.0.0.1


DEFAULT_POLICY = Policy()


class FetchError(Exception):
    """A URL that was not fetched, and why, in words a user can act on."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class GuardRefusal(FetchError):
    """A URL, redirect or answer the fetch guard refused."""


@dataclass(frozen=True)
class Target:
    """A URL that passed the guard, with the addresses a fetch may connect to."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...] = field(default=())

    @property
    def origin(self) -> str:
        """scheme://host:port, the unit robots.txt and the per-host delay apply to."""
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def request_path(self) -> str:
        """The path and query to ask the server for ("/" when the URL has none), with
        spaces and other characters a request line cannot hold percent-encoded."""
        parts = urlsplit(self.url)
        path = quote(parts.path or "/", safe=URL_SAFE)
        return path + (f"?{quote(parts.query, safe=URL_SAFE + '?')}" if parts.query else "")


@dataclass(frozen=True)
class _Network:
    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    kind: str
    reason: str


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, as the system resolver answers (IPv4 and IPv6)."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(answer[4][0] for answer in answers))


def check_url(url: str, *, policy: Policy = DEFAULT_POLICY,
              resolve: Resolver = resolve_host) -> Target:
    """Return the checked `Target` of `url`, or raise `GuardRefusal` saying why not.

    The host is resolved with `resolve` and every address must pass `address_problem`.
    """
    if not isinstance(url, str) or not url.strip():
        raise GuardRefusal(str(url), "empty address")
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise GuardRefusal(url, f"not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise GuardRefusal(url, f"only http and https addresses are fetched, not {shown}")
    if parts.username is not None or parts.password is not None:
        raise GuardRefusal(url, "addresses with a user name or password are not fetched")
    host = _ascii_host(url, (parts.hostname or "").rstrip("."))
    port = DEFAULT_PORTS[scheme] if port is None else port
    if port not in policy.ports:
        allowed = " and ".join(str(number) for number in sorted(policy.ports))
        raise GuardRefusal(url, f"port {port} is not allowed (only {allowed})")
    addresses = _resolved(url, host, port, resolve)
    for address in addresses:
        problem = address_problem(address, allow_loopback=policy.allow_loopback)
        if problem:
            named = "" if _is_literal(host) else f"{host} resolves to {address}, "
            raise GuardRefusal(url, f"{named}{problem}; only public addresses are fetched")
    return Target(url=url, scheme=scheme, host=host, port=port, addresses=tuple(addresses))


def check_redirect(target: Target, location: str | None, *, visited: Sequence[str],
                   policy: Policy = DEFAULT_POLICY, resolve: Resolver = resolve_host) -> Target:
    """The checked target of a redirect from `target` to `location`.

    `visited` holds the URLs fetched so far in this chain, the first one included: a
    redirect back to one of them is a loop, and more than `policy.max_redirects` is refused.
    """
    first = visited[0] if visited else target.url
    if not location or not location.strip():
        raise GuardRefusal(first, f"{target.url} redirects without saying where to")
    following = urljoin(target.url, location.strip())
    if following in visited:
        raise GuardRefusal(first, f"redirect loop ({target.url} -> {following})")
    if len(visited) > policy.max_redirects:
        raise GuardRefusal(first, f"more than {policy.max_redirects} redirects")
    try:
        return check_url(following, policy=policy, resolve=resolve)
    except GuardRefusal as refusal:
        raise GuardRefusal(first, f"redirected to {refusal.url}: {refusal.reason}") from None


def address_problem(address: str | IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why an address must not be fetched from ("a private network address ..."), or None.

    An IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged by the
    IPv4 address as well. Anything Python does not call global is refused too, so a range
    missing from the list still fails closed.
    """
    try:
        ip = ipaddress.ip_address(address.split("%")[0] if isinstance(address, str)
                                  else address)
    except ValueError:
        return f"'{address}' is not an IP address"
    for embedded, how in _embedded_ipv4(ip):
        problem = address_problem(embedded, allow_loopback=allow_loopback)
        if problem:
            return f"{how} {embedded}, {problem}"
    listed = _listed_network(ip)
    if listed is not None:
        if listed.kind == "loopback" and allow_loopback:
            return None
        return listed.reason
    if not ip.is_global:
        return "not a public address"
    return None


def check_content_type(url: str, content_type: str | None, accept: Collection[str]) -> str:
    """The media type of an answer (lower case, without parameters) if it is one of
    `accept`; else raise `GuardRefusal` naming it."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if not media_type:
        raise GuardRefusal(url, "the server did not say what kind of content it sent")
    if media_type not in accept:
        expected = ", ".join(accept)
        raise GuardRefusal(url, f"content of type {media_type} is not read (only {expected})")
    return media_type


def check_size(url: str, size: int | None, *, max_bytes: int = MAX_PAGE_BYTES) -> None:
    """Refuse an answer larger than `max_bytes` (announced, or received so far)."""
    if size is not None and size > max_bytes:
        raise GuardRefusal(url, f"the page is larger than the {_megabytes(max_bytes)} "
                           "limit per page")


def too_slow(url: str, *, policy: Policy = DEFAULT_POLICY) -> GuardRefusal:
    """The refusal of an answer that did not arrive within `policy.timeout` seconds."""
    unit = "second" if policy.timeout == 1 else "seconds"
    return GuardRefusal(url, f"no complete answer within {policy.timeout:g} {unit}")


def _ascii_host(url: str, host: str) -> str:
    """The host name as DNS and the Host header take it: "bücher.example" becomes
    "xn--bcher-kva.example"."""
    if not host:
        raise GuardRefusal(url, "no host name in the address")
    if host.isascii() or _is_literal(host):
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise GuardRefusal(url, f"'{host}' is not a valid host name") from None


def _resolved(url: str, host: str, port: int, resolve: Resolver) -> list[str]:
    if _is_literal(host):
        return [host]
    try:
        addresses = list(resolve(host, port))
    except (OSError, UnicodeError) as error:
        raise GuardRefusal(url, f"the host name {host} could not be resolved "
                           f"({getattr(error, 'strerror', None) or error})") from None
    if not addresses:
        raise GuardRefusal(url, f"the host name {host} resolves to no address")
    return addresses


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _embedded_ipv4(ip: IPAddress) -> list[tuple[ipaddress.IPv4Address, str]]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    embedded = []
    if ip.ipv4_mapped is not None:
        embedded.append((ip.ipv4_mapped, "an IPv4-mapped form of"))
    if ip.sixtofour is not None:
        embedded.append((ip.sixtofour, "a 6to4 form of"))
    if ip in NAT64_PREFIX:
        embedded.append((ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "a NAT64 form of"))
    return embedded


def _listed_network(ip: IPAddress) -> _Network | None:
    """The most specific listed network holding `ip` (so 169.254.169.254 is metadata)."""
    for entry in _blocked_networks():
        if ip.version == entry.network.version and ip in entry.network:
            return entry
    return None


@lru_cache(maxsize=1)
def _blocked_networks() -> tuple[_Network, ...]:
    """The refused ranges from the resources file, most specific first."""
    with open(BLOCKED_NETWORKS_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    networks = []
    for line, row in enumerate(rows, start=2):
        try:
            network = ipaddress.ip_network(row["network"].strip())
        except ValueError as error:
            raise ValueError(f"{BLOCKED_NETWORKS_FILE.name}:{line}: {error}") from None
        networks.append(_Network(network, row["kind"].strip(), row["reason"].strip()))
    return tuple(sorted(networks, key=lambda entry: -entry.network.prefixlen))


def _megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 1_000_000:g} MB"
