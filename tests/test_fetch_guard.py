"""The fetch guard: which addresses the server may fetch and what it may read.

The checks are tested as pure functions with a fake resolver (no DNS, no network), then
through the fetcher against a local server on 127.0.0.1, which only a policy that allows
loopback explicitly may reach.
"""

from __future__ import annotations

import socket
import time

import pytest

from analysis.collect.fetch import Fetcher, user_agent
from analysis.collect.guard import (
    DEFAULT_POLICY,
    GuardRefusal,
    Policy,
    Target,
    address_problem,
    check_content_type,
    check_redirect,
    check_size,
    check_url,
)
from tests.collect_server import SLOW_SECONDS, FixtureServer

PUBLIC = "93.184.216.34"
DNS = {
    "news.example": [PUBLIC],
    "dual.example": [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"],
    "intranet.example": ["192.168.1.20"],
    "half-private.example": [PUBLIC, "10.0.0.5"],
    "metadata.example": ["169.254.169.254"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "cgnat.example": ["100.64.3.4"],
}


def fake_resolve(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return DNS[host]


def refusal(url: str, **options) -> str:
    with pytest.raises(GuardRefusal) as caught:
        check_url(url, resolve=fake_resolve, **options)
    return caught.value.reason


@pytest.fixture(scope="module")
def server():
    running = FixtureServer().start()
    yield running
    running.stop()


# Addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1/", "a loopback address (this machine)"),
    ("http://127.8.9.10/", "a loopback address (this machine)"),
    ("http://10.0.0.1/", "a private network address (10.0.0.0/8)"),
    ("http://172.20.1.1/", "a private network address (172.16.0.0/12)"),
    ("http://192.168.0.1/", "a private network address (192.168.0.0/16)"),
    ("http://169.254.169.254/latest/meta-data/", "a cloud metadata service address"),
    ("http://169.254.1.1/", "a link-local address (169.254.0.0/16)"),
    ("http://100.64.0.1/", "a carrier-grade NAT address (100.64.0.0/10)"),
    ("http://0.0.0.0/", '"this network" (0.0.0.0/8), not a host on the internet'),
    ("http://224.0.0.251/", "a multicast address (224.0.0.0/4)"),
    ("http://240.1.2.3/", "a reserved address (240.0.0.0/4)"),
    ("http://[::1]/", "the IPv6 loopback address (this machine)"),
    ("http://[fe80::1]/", "a link-local IPv6 address (fe80::/10)"),
    ("http://[fd12:3456::1]/", "a private IPv6 address (fc00::/7)"),
    ("http://[fd00:ec2::254]/", "a cloud metadata service address"),
    ("http://[ff02::1]/", "a multicast IPv6 address (ff00::/8)"),
    ("http://[::ffff:127.0.0.1]/",
     "an IPv4-mapped form of 127.0.0.1, a loopback address (this machine)"),
    ("http://[::ffff:a9fe:a9fe]/",
     "an IPv4-mapped form of 169.254.169.254, a cloud metadata service address"),
    ("http://[2002:c0a8:1::1]/",
     "a 6to4 form of 192.168.0.1, a private network address (192.168.0.0/16)"),
    ("http://[64:ff9b::a00:1]/",
     "a NAT64 form of 10.0.0.1, a private network address (10.0.0.0/8)"),
])
def test_non_public_addresses_are_refused(url, reason):
    assert refusal(url) == f"{reason}; only public addresses are fetched"


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert address_problem(address) is None


def test_a_host_name_is_judged_by_every_address_it_resolves_to():
    assert refusal("https://intranet.example/news") == (
        "intranet.example resolves to 192.168.1.20, a private network address "
        "(192.168.0.0/16); only public addresses are fetched")
    # One private address among public ones is enough to refuse.
    assert refusal("https://half-private.example/").startswith(
        "half-private.example resolves to 10.0.0.5, a private network address")
    assert "a cloud metadata service address" in refusal("http://metadata.example/")
    assert "an IPv4-mapped form of 127.0.0.1" in refusal("http://mapped.example/")
    assert "carrier-grade NAT" in refusal("http://cgnat.example/")


def test_a_public_host_gives_its_checked_addresses():
    target = check_url("https://dual.example/a/b?c=1#part", resolve=fake_resolve)
    assert target == Target(url="https://dual.example/a/b?c=1#part", scheme="https",
                            host="dual.example", port=443,
                            addresses=(PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"))
    assert target.request_path == "/a/b?c=1"
    assert check_url("HTTP://News.Example", resolve=fake_resolve).request_path == "/"


@pytest.mark.parametrize("host", ["localhost", "2130706433", "0x7f.1", "127.1"])
def test_names_and_number_forms_of_this_machine_are_refused_after_resolution(host):
    """The system resolver (its hosts file and numeric forms, no network) turns each into
    127.0.0.1 or ::1, which the guard then refuses."""
    with pytest.raises(GuardRefusal) as caught:
        check_url(f"http://{host}/")
    assert caught.value.reason.startswith(f"{host} resolves to ")
    assert "loopback address (this machine); only public addresses are fetched" in (
        caught.value.reason)


def test_international_names_are_resolved_in_their_ascii_form_and_paths_are_encoded():
    asked = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return [PUBLIC]

    target = check_url("https://bücher.example/é t?q=a b", resolve=resolve)
    assert asked == ["xn--bcher-kva.example"] and target.host == "xn--bcher-kva.example"
    assert target.request_path == "/%C3%A9%20t?q=a%20b"


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "only http and https addresses are fetched, not 'file:'"),
    ("ftp://news.example/nato.txt", "only http and https addresses are fetched, not 'ftp:'"),
    ("gopher://news.example/", "only http and https addresses are fetched, not 'gopher:'"),
    ("javascript:alert(1)", "only http and https addresses are fetched, not 'javascript:'"),
    ("news.example/article", "only http and https addresses are fetched, not no scheme"),
    ("http:///path", "no host name in the address"),
    ("http://news.example:8080/", "port 8080 is not allowed (only 80 and 443)"),
    ("https://news.example:22/", "port 22 is not allowed (only 80 and 443)"),
    ("http://news.example:99999/", "not a valid URL (Port out of range 0-65535)"),
    ("http://user:secret@news.example/",
     "addresses with a user name or password are not fetched"),
    ("http://no-such-host.example/",
     "the host name no-such-host.example could not be resolved (Name or service not known)"),
    ("   ", "empty address"),
])
def test_other_addresses_are_refused_with_their_reason(url, reason):
    assert refusal(url) == reason


def test_ports_80_and_443_pass_for_either_scheme():
    assert check_url("http://news.example:80/", resolve=fake_resolve).port == 80
    assert check_url("http://news.example:443/", resolve=fake_resolve).port == 443


def test_loopback_is_reachable_only_through_an_explicit_policy():
    assert DEFAULT_POLICY.allow_loopback is False
    assert Policy().allow_loopback is False
    loopback = Policy(allow_loopback=True)
    assert check_url("http://127.0.0.1/", policy=loopback).addresses == ("127.0.0.1",)
    assert check_url("http://[::1]/", policy=loopback).addresses == ("::1",)
    # Allowing loopback allows nothing else.
    for url in ("http://10.0.0.1/", "http://169.254.169.254/", "http://[fd00::1]/"):
        with pytest.raises(GuardRefusal):
            check_url(url, policy=loopback)


# Redirects ----------------------------------------------------------------------------


def test_a_redirect_from_a_public_to_a_private_address_is_refused():
    start = check_url("http://news.example/story", resolve=fake_resolve)
    with pytest.raises(GuardRefusal) as caught:
        check_redirect(start, "http://10.0.0.1/admin", visited=[start.url], resolve=fake_resolve)
    assert caught.value.url == "http://news.example/story"
    assert caught.value.reason == ("redirected to http://10.0.0.1/admin: a private network "
                                   "address (10.0.0.0/8); only public addresses are fetched")
    with pytest.raises(GuardRefusal, match="redirected to http://intranet.example/: "
                                           "intranet.example resolves to 192.168.1.20"):
        check_redirect(start, "http://intranet.example/", visited=[start.url],
                       resolve=fake_resolve)
    with pytest.raises(GuardRefusal, match="redirected to file:///etc/passwd: only http"):
        check_redirect(start, "file:///etc/passwd", visited=[start.url], resolve=fake_resolve)


def test_a_relative_redirect_is_resolved_and_checked():
    start = check_url("https://news.example/a/story", resolve=fake_resolve)
    following = check_redirect(start, "../b/story?page=2", visited=[start.url],
                               resolve=fake_resolve)
    assert following.url == "https://news.example/b/story?page=2"
    assert following.addresses == (PUBLIC,)


def test_redirect_loops_and_long_chains_are_refused():
    first = check_url("http://news.example/1", resolve=fake_resolve)
    second = check_url("http://news.example/2", resolve=fake_resolve)
    with pytest.raises(GuardRefusal, match=r"redirect loop \(http://news.example/2 -> "
                                           r"http://news.example/1\)"):
        check_redirect(second, "/1", visited=[first.url, second.url], resolve=fake_resolve)
    chain = [f"http://news.example/{step}" for step in range(6)]  # the first and 5 redirects
    last = check_url(chain[-1], resolve=fake_resolve)
    with pytest.raises(GuardRefusal, match="more than 5 redirects"):
        check_redirect(last, "/next", visited=chain, resolve=fake_resolve)
    # The fifth redirect itself is allowed.
    assert check_redirect(last, "/next", visited=chain[:5], resolve=fake_resolve).url == (
        "http://news.example/next")
    with pytest.raises(GuardRefusal, match="redirects without saying where to"):
        check_redirect(first, None, visited=[first.url], resolve=fake_resolve)


# Answers ------------------------------------------------------------------------------


def test_only_html_and_text_pages_are_read():
    assert check_content_type("u", "text/html; charset=UTF-8", ("text/html",)) == "text/html"
    with pytest.raises(GuardRefusal, match="content of type image/png is not read "
                                           r"\(only text/html, application/xhtml\+xml"):
        check_content_type("u", "image/png", ("text/html", "application/xhtml+xml"))
    with pytest.raises(GuardRefusal, match="did not say what kind of content"):
        check_content_type("u", None, ("text/html",))


def test_size_limit_is_two_megabytes():
    check_size("u", 2_000_000)
    with pytest.raises(GuardRefusal, match="larger than the 2 MB limit per page"):
        check_size("u", 2_000_001)


# Through the fetcher, against the local server ----------------------------------------


def test_the_default_policy_refuses_the_local_server_before_any_request(server):
    # With its port allowed but loopback not, the guard still refuses: no request is made.
    fetcher = Fetcher(policy=Policy(ports=frozenset({server.port})), delay=0)
    before = sum(server.hits.values())
    with pytest.raises(GuardRefusal, match="a loopback address"):
        fetcher.get(f"{server.base}/articles/one.html")
    with pytest.raises(GuardRefusal, match=f"port {server.port} is not allowed"):
        Fetcher(delay=0).get(f"{server.base}/articles/one.html")
    assert sum(server.hits.values()) == before


@pytest.mark.parametrize(("path", "reason"), [
    ("/huge.html", "the page is larger than the 2 MB limit per page"),
    ("/huge-unannounced.html", "the page is larger than the 2 MB limit per page"),
    ("/gzip-bomb.html", "the page is larger than the 2 MB limit per page"),
    ("/image.png", "content of type image/png is not read"),
    ("/to-private", "redirected to http://10.0.0.1/admin: a private network address"),
    ("/to-metadata", "redirected to http://169.254.169.254/latest/meta-data/: a cloud "
                     "metadata service address"),
    ("/to-file", "redirected to file:///etc/passwd: only http and https"),
])
def test_the_fetcher_refuses_what_the_guard_refuses(server, path, reason):
    with pytest.raises(GuardRefusal) as caught:
        Fetcher(policy=server.policy(), delay=0).get(server.base + path)
    assert caught.value.url == server.base + path
    assert caught.value.reason.startswith(reason)


def test_a_slow_page_is_abandoned_at_the_time_limit(server):
    started = time.monotonic()
    with pytest.raises(GuardRefusal, match="no complete answer within 1 second$"):
        Fetcher(policy=server.policy(), delay=0).get(f"{server.base}/slow.html")
    # Every byte came in time; the whole page did not, and the fetch stopped at 1 s.
    assert time.monotonic() - started < SLOW_SECONDS - 1


def test_a_redirect_loop_is_followed_no_further_than_once_round(server):
    with pytest.raises(GuardRefusal, match="redirect loop"):
        Fetcher(policy=server.policy(), delay=0).get(f"{server.base}/loop/a")
    with pytest.raises(GuardRefusal, match="more than 5 redirects"):
        Fetcher(policy=server.policy(), delay=0).get(f"{server.base}/chain/0")
    assert server.hits["/chain/5"] == 1 and server.hits["/chain/6"] == 0


def test_the_connection_goes_to_the_checked_address_not_a_new_lookup(server):
    """A host name the system cannot resolve, known only to the guard's resolver: the page
    arrives, so the connection used the address the guard checked (no second DNS answer can
    slip in), while the Host header still names the host."""
    def resolve(host: str, port: int) -> list[str]:
        assert host == "news.test"
        return ["127.0.0.1"]

    page = Fetcher(policy=server.policy(), delay=0, resolve=resolve).get(
        f"http://news.test:{server.port}/articles/one.html")
    assert b"Senator Tobias Wren" in page.body
    assert f"news.test:{server.port}" in server.hosts


def test_requests_name_the_project_in_their_user_agent(server):
    Fetcher(policy=server.policy(), delay=0).get(f"{server.base}/articles/two.html")
    assert user_agent().startswith("nato-exit-dashboard/")
    assert user_agent() in server.user_agents
