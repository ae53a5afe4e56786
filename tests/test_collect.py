"""The collectors (`python -m analysis collect`) and the URL box of Add articles, run against
a local server on 127.0.0.1 that serves invented fixture pages, a feed of 5 items and a
recorded GDELT-style answer. No test touches the network."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from analysis.__main__ import main
from analysis.collect import cli, gdelt
from analysis.collect.candidates import Candidate, SourceError
from analysis.collect.extract import extract
from analysis.collect.feeds import parse_feed
from analysis.collect.fetch import Fetcher, Page
from analysis.collect.guard import FetchError
from analysis.collect.writer import MANIFEST_NAME, canonical_url, file_name
from analysis.ingest import read_paths, read_upload
from tests.collect_server import FixtureServer
from ui.url_fetch import COUNT_KEY, MAX_SESSION_URLS, fetch_pages, parse_urls

PROJECT_AGENT_ROBOTS = (b"User-agent: nato-exit-dashboard\nCrawl-delay: 7\nDisallow: /private/\n"
                        b"\nUser-agent: *\nDisallow: /\n")


@pytest.fixture
def server():
    running = FixtureServer().start()
    yield running
    running.stop()


def collect(server: FixtureServer, *argv: str, quiet: bool = True) -> int:
    """`python -m analysis collect ARGV --delay 0` with the guard's policy for `server`."""
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["collect", *argv, "--delay", "0", *(["--quiet"] * quiet)])
    return cli.run(args, policy=server.policy())


def url_list(server: FixtureServer, folder: Path) -> Path:
    path = folder / "urls.txt"
    path.write_bytes(server.fixture("urls.txt"))
    return path


def headers(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()


def md_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.md"))


# A feed ---------------------------------------------------------------------------------


def test_a_feed_of_five_items_gives_five_articles_ready_for_build(server, tmp_path, capsys):
    out = tmp_path / "corpus"
    assert collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(out)) == 0
    assert capsys.readouterr().out == f"5 collected, 0 skipped, 0 failed -> {out}\n"
    one = out / file_name(f"{server.base}/articles/one.html")
    assert headers(one) == [
        "title: Senator proposes a review of NATO membership",
        "source: The Harbour Gazette",
        f"url: {server.base}/articles/one.html",
        "published: 2026-01-19",
        "language: en",
    ]
    articles, refusals, warnings = read_paths(out)
    assert (refusals, warnings) == ([], [])
    by_title = {article.title: article for article in articles}
    assert {title: (article.published, article.language, article.source)
            for title, article in by_title.items()} == {
        "Senator proposes a review of NATO membership": ("2026-01-19", "en", "The Harbour Gazette"),
        "Un député appelle à quitter le commandement intégré": ("2026-01-20", "fr",
                                                                 "Le Courrier du Port"),
        "Think tank weighs the cost of an exit": ("2026-01-21", "en", "The Harbour Gazette"),
        # 23:30 at UTC-3 on the 22nd: the day the feed's readers saw.
        "Le précédent de 1966 revient dans le débat": ("2026-01-22", "fr", "Le Courrier du Port"),
        # No date in the feed: the page's own.
        "Greek precedent cited in parliament debate": ("2026-01-23", "en", "The Harbour Gazette"),
    }
    # The relative link of item 3 is resolved; item 4's tracking parameters are dropped.
    assert by_title["Think tank weighs the cost of an exit"].url == (
        f"{server.base}/articles/three.html")
    assert by_title["Le précédent de 1966 revient dans le débat"].url == (
        f"{server.base}/articles/four.html")
    senator = by_title["Senator proposes a review of NATO membership"]
    assert senator.article_id == one.stem
    # The title once at the top, then the body; the page's menu and footer are gone.
    assert senator.text.startswith("Senator proposes a review of NATO membership\nSenator "
                                   "Tobias Wren said on Monday")
    assert "Home" not in senator.text and "invented article" not in senator.text


def test_a_second_run_collects_nothing_new_and_fetches_no_page_again(server, tmp_path, capsys):
    out = tmp_path / "corpus"
    collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(out))
    files = {name: (out / name).read_bytes() for name in md_files(out)}
    capsys.readouterr()
    assert collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert captured.out == f"0 collected, 5 skipped, 0 failed -> {out}\n"
    assert captured.err.count(": already collected (127.0.0.1-articles-") == 5
    assert {name: (out / name).read_bytes() for name in md_files(out)} == files
    assert server.hits["/feed.xml"] == 2
    assert all(server.hits[f"/articles/{name}.html"] == 1
               for name in ("one", "two", "three", "four", "five"))
    assert len((out / MANIFEST_NAME).read_text().splitlines()) == 5


def test_the_progress_bar_counts_pages(server, tmp_path, capsys):
    collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(tmp_path), quiet=False)
    assert "5/5" in capsys.readouterr().err


def test_a_feed_that_cannot_be_read_stops_with_one_line(server, tmp_path, capsys):
    assert collect(server, "--feed", f"{server.base}/articles/one.html",
                   "--out", str(tmp_path / "o")) == 2
    err = capsys.readouterr().err
    assert err == (f"error: the feed could not be fetched: {server.base}/articles/one.html: "
                   "content of type text/html is not read (only application/rss+xml, "
                   "application/atom+xml, application/rdf+xml, application/xml, text/xml, "
                   "text/plain)\n")
    with pytest.raises(SourceError, match="no item found; not an RSS or Atom feed"):
        parse_feed(b"<?xml version='1.0'?><rss><channel></channel></rss>",
                   url="http://news.example/feed")


# A URL list ----------------------------------------------------------------------------


def test_a_url_list_collects_the_good_pages_and_names_every_other_with_its_reason(
        server, tmp_path, capsys):
    out = tmp_path / "corpus"
    assert collect(server, "--urls", str(url_list(server, tmp_path)), "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert captured.out == f"2 collected, 2 skipped, 6 failed -> {out}\n"
    base = server.base
    assert captured.err.splitlines() == [
        f"failed: {base}/missing.html: HTTP 404 Not Found",
        f"failed: {base}/huge.html: the page is larger than the 2 MB limit per page",
        f"failed: {base}/loop/a: redirect loop ({base}/loop/b -> {base}/loop/a)",
        f"skipped: {base}/articles/list-one.html#comments: listed twice (first as line 2)",
        f"failed: {base}/slow.html: no complete answer within 1 second",
        f"failed: {base}/private/draft.html: disallowed by the site's robots.txt",
        f"skipped: {base}/articles/german.html: written in 'de', which the analysis does not "
        "cover (en, fr)",
        "failed: ftp://files.example.org/nato.txt: only http and https addresses are fetched, "
        "not 'ftp:'",
    ]
    assert md_files(out) == sorted([file_name(f"{base}/articles/list-one.html"),
                                    file_name(f"{base}/articles/list-two.html")])
    assert server.hits["/private/draft.html"] == 0  # robots.txt said no: never asked
    assert server.hits["/robots.txt"] == 1
    articles, _, _ = read_paths(out)
    assert sorted(article.title for article in articles) == [
        "Editorial: alliance commitments under strain",
        "Tribune : la souveraineté et l'Alliance"]

    assert collect(server, "--urls", str(url_list(server, tmp_path)), "--out", str(out)) == 0
    again = capsys.readouterr()
    assert again.out == f"0 collected, 4 skipped, 6 failed -> {out}\n"
    assert f"skipped: {base}/articles/list-two.html: already collected (" in again.err
    assert server.hits["/articles/list-one.html"] == 1
    assert server.hits["/articles/list-two.html"] == 1


def test_the_same_text_at_another_address_is_kept_once(server, tmp_path, capsys):
    (tmp_path / "urls.txt").write_text(f"{server.base}/articles/one.html\n"
                                       f"{server.base}/gzip.html\n")
    out = tmp_path / "corpus"
    collect(server, "--urls", str(tmp_path / "urls.txt"), "--out", str(out))
    captured = capsys.readouterr()
    assert captured.out.startswith("1 collected, 1 skipped, 0 failed")
    # The gzip-compressed copy was fetched and unpacked, then recognised.
    assert captured.err == (f"skipped: {server.base}/gzip.html: the same text as "
                            f"{file_name(server.base + '/articles/one.html')}\n")


def test_a_deleted_file_is_collected_again_and_a_cut_manifest_line_is_ignored(
        server, tmp_path, capsys):
    (tmp_path / "urls.txt").write_text(f"{server.base}/articles/one.html\n"
                                       f"{server.base}/articles/two.html\n")
    out = tmp_path / "corpus"
    collect(server, "--urls", str(tmp_path / "urls.txt"), "--out", str(out))
    (out / file_name(f"{server.base}/articles/one.html")).unlink()
    with open(out / MANIFEST_NAME, "a", encoding="utf-8") as manifest:
        manifest.write('{"url": "http://cut.exam')
    capsys.readouterr()
    collect(server, "--urls", str(tmp_path / "urls.txt"), "--out", str(out))
    assert capsys.readouterr().out.startswith("1 collected, 1 skipped, 0 failed")


def test_every_page_failing_exits_1_and_a_bad_list_exits_2(server, tmp_path, capsys):
    (tmp_path / "bad.txt").write_text(f"{server.base}/missing.html\n")
    assert collect(server, "--urls", str(tmp_path / "bad.txt"), "--out", str(tmp_path)) == 1
    (tmp_path / "empty.txt").write_text("# nothing yet\n\n")
    assert collect(server, "--urls", str(tmp_path / "empty.txt"), "--out", str(tmp_path)) == 2
    assert collect(server, "--urls", str(tmp_path / "nope.txt"), "--out", str(tmp_path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [f"error: {tmp_path / 'empty.txt'}: no URL in the file (one a line)",
                        f"error: {tmp_path / 'nope.txt'}: no such file"]


def test_a_folder_that_stops_taking_files_ends_the_run_with_one_line(
        server, tmp_path, capsys, monkeypatch):
    def full(self, article, *, url):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("analysis.collect.writer.Collection.write", full)
    assert collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(tmp_path)) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path}: writing stopped (No space left on device); the files written so "
        "far are complete, run the command again to go on\n")


# GDELT ---------------------------------------------------------------------------------


@pytest.fixture
def api_server():
    """A site whose robots.txt shuts out its API: an API call is not crawling."""
    running = FixtureServer(robots=b"User-agent: *\nDisallow: /api/\n").start()
    yield running
    running.stop()


def test_gdelt_lists_articles_for_the_query_period_and_languages(api_server, tmp_path, capsys):
    server = api_server
    out = tmp_path / "corpus"
    collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(out))
    capsys.readouterr()
    code = collect(server, "--gdelt", '"leave NATO"', "--since", "2026-01-01",
                   "--until", "2026-01-31", "--lang", "fr,en",
                   "--gdelt-api", f"{server.base}/api/v2/doc/doc", "--out", str(out))
    assert code == 0
    captured = capsys.readouterr()
    # Two new articles; the third was collected from the feed already.
    assert captured.out == f"2 collected, 1 skipped, 0 failed -> {out}\n"
    assert captured.err.startswith(f"skipped: {server.base}/articles/one.html: already collected")
    assert parse_qs(server.queries[0]) == {
        "query": ['"leave NATO" (sourcelang:french OR sourcelang:english)'],
        "mode": ["ArtList"], "format": ["json"], "maxrecords": ["250"], "sort": ["DateDesc"],
        "startdatetime": ["20260101000000"], "enddatetime": ["20260131235959"],
    }
    assert server.hits["/api/v2/doc/doc"] == 1  # asked although robots.txt shuts it out
    poll = out / file_name(f"{server.base}/articles/gdelt-one.html")
    assert headers(poll) == [
        "title: Sondage : les Français partagés sur l'OTAN",
        "source: Le Courrier du Port",
        f"url: {server.base}/articles/gdelt-one.html",
        "published: 2026-01-26",
        "language: fr",
    ]


def test_gdelt_request_and_answer():
    url = gdelt.request_url("NATO exit", languages=("fr",), max_records=10,
                            since=date(2026, 2, 1), endpoint="https://api.example/doc")
    assert url == ("https://api.example/doc?query=NATO+exit+sourcelang%3Afrench&mode=ArtList"
                   "&format=json&maxrecords=10&sort=DateDesc&startdatetime=20260201000000")
    assert gdelt.parse_answer("{}") == []
    [only] = gdelt.parse_answer('{"articles": [{"url": "https://n.example/a", "title": '
                                '"Un titre\\n coup\u00e9", "seendate": "20260119T101500Z", '
                                '"domain": "n.example"}]}')
    assert only == Candidate(url="https://n.example/a", title="Un titre coupé",
                             source="n.example", seen="2026-01-19", origin="GDELT result 1")
    with pytest.raises(SourceError, match="--since 2026-02-02 is after --until 2026-02-01"):
        gdelt.request_url("x", since=date(2026, 2, 2), until=date(2026, 2, 1))
    with pytest.raises(SourceError, match="not valid JSON"):
        gdelt.parse_answer("Please limit requests")


def test_a_gdelt_refusal_is_one_line_and_options_are_checked(server, tmp_path, capsys):
    assert collect(server, "--gdelt", "NATO", "--gdelt-api", f"{server.base}/gdelt-refusal",
                   "--out", str(tmp_path)) == 2
    assert capsys.readouterr().err == ("error: GDELT refused the query: Your search contained "
                                       "a phrase that was too short.\n")
    assert collect(server, "--feed", f"{server.base}/feed.xml", "--since", "2026-01-01",
                   "--out", str(tmp_path)) == 2
    assert capsys.readouterr().err == "error: --since applies only with --gdelt\n"
    assert collect(server, "--urls", "u.txt", "--lang", "fr", "--max-records", "9",
                   "--out", str(tmp_path)) == 2
    assert capsys.readouterr().err == "error: --lang, --max-records apply only with --gdelt\n"
    assert collect(server, "--gdelt", "NATO", "--max-records", "300", "--out",
                   str(tmp_path)) == 2
    assert capsys.readouterr().err == "error: GDELT lists 1 to 250 articles a query, not 300\n"
    with pytest.raises(SystemExit):
        collect(server, "--gdelt", "NATO", "--lang", "de", "--out", str(tmp_path))
    assert "expected languages among en, fr: 'de'" in capsys.readouterr().err


# The command line itself --------------------------------------------------------------


def test_the_command_line_keeps_the_guard_and_refuses_this_machine(server, tmp_path, capsys):
    (tmp_path / "urls.txt").write_text("http://127.0.0.1/articles/one.html\n"
                                       "http://[::1]/\nhttp://169.254.169.254/latest/\n")
    assert main(["collect", "--urls", str(tmp_path / "urls.txt"), "--out",
                 str(tmp_path / "o"), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"0 collected, 0 skipped, 3 failed -> {tmp_path / 'o'}\n"
    assert captured.err.splitlines() == [
        "failed: http://127.0.0.1/articles/one.html: a loopback address (this machine); "
        "only public addresses are fetched",
        "failed: http://[::1]/: the IPv6 loopback address (this machine); only public "
        "addresses are fetched",
        "failed: http://169.254.169.254/latest/: a cloud metadata service address; only "
        "public addresses are fetched",
    ]
    assert sum(server.hits.values()) == 0


# Polite fetching -----------------------------------------------------------------------


class FakeTime:
    """A clock that moves only when the fetcher sleeps, and the list of its sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_requests_to_one_site_wait_the_delay_and_robots_crawl_delay():
    for robots, delay, expected in ((None, 5.0, [5.0, 5.0]), (PROJECT_AGENT_ROBOTS, 1.0,
                                                              [7.0, 7.0])):
        server = FixtureServer(robots=robots).start()
        try:
            time = FakeTime()
            fetcher = Fetcher(policy=server.policy(), delay=delay, clock=time.clock,
                              sleep=time.sleep)
            fetcher.get(f"{server.base}/articles/one.html")
            fetcher.get(f"{server.base}/articles/two.html")
            # robots.txt first, then each page a delay after the request before it.
            assert time.sleeps == expected
        finally:
            server.stop()


def test_robots_rules_for_the_project_apply_and_an_unreadable_robots_leaves_the_site_alone():
    server = FixtureServer(robots=PROJECT_AGENT_ROBOTS).start()
    fake = FakeTime()
    try:
        fetcher = Fetcher(policy=server.policy(), clock=fake.clock, sleep=fake.sleep)
        # "User-agent: *" forbids everything; the project's own group allows articles.
        assert fetcher.get(f"{server.base}/articles/one.html").final_url.endswith("one.html")
        with pytest.raises(FetchError, match="disallowed by the site's robots.txt"):
            fetcher.get(f"{server.base}/private/draft.html")
    finally:
        server.stop()
    server = FixtureServer(robots_status=503).start()
    try:
        with pytest.raises(FetchError) as caught:
            Fetcher(policy=server.policy(), delay=0, retries=0).get(
                f"{server.base}/articles/one.html")
        assert caught.value.reason == (
            "not fetched: robots.txt of 127.0.0.1 could not be read (HTTP 503 Service "
            "Unavailable), so the site is left alone")
        assert server.hits["/articles/one.html"] == 0
    finally:
        server.stop()
    server = FixtureServer(robots=b"", robots_status=404).start()
    try:  # no robots.txt: no rules
        Fetcher(policy=server.policy(), delay=0).get(f"{server.base}/private/draft.html")
    finally:
        server.stop()


def test_busy_answers_are_retried_with_backoff(server):
    fake = FakeTime()
    fetcher = Fetcher(policy=server.policy(), delay=0, retries=2, backoff=1.5,
                      clock=fake.clock, sleep=fake.sleep)
    assert b"Northgate Institute" in fetcher.get(f"{server.base}/flaky.html").body
    assert server.hits["/flaky.html"] == 3
    assert fake.sleeps == [0.0, 0.0]  # the server's Retry-After: 0
    fake.sleeps.clear()
    with pytest.raises(FetchError, match="HTTP 503 Service Unavailable$"):
        fetcher.get(f"{server.base}/unavailable.html")
    assert fake.sleeps == [1.5, 3.0] and server.hits["/unavailable.html"] == 3
    with pytest.raises(FetchError, match="HTTP 429 Too Many Requests$"):
        Fetcher(policy=server.policy(), delay=0, retries=1, clock=fake.clock,
                sleep=fake.sleep).get(f"{server.base}/busy.html")
    assert server.hits["/busy.html"] == 2


# Files and extraction -----------------------------------------------------------------


def test_file_names_are_stable_and_readable():
    url = "https://news.example/2026/01/nato-exit-debate.html"
    digest = hashlib.sha256(url.encode()).hexdigest()[:10]
    assert file_name(url) == f"news.example-2026-01-nato-exit-debate-html-{digest}.md"
    for same in ("HTTPS://News.Example:443/2026/01/nato-exit-debate.html#comments",
                 "https://news.example/2026/01/nato-exit-debate.html?utm_source=rss&fbclid=1"):
        assert canonical_url(same) == url and file_name(same) == file_name(url)
    assert canonical_url("http://news.example/a?id=3&utm_medium=x") == (
        "http://news.example/a?id=3")
    assert file_name("https://news.example/a?id=3") != file_name("https://news.example/a?id=4")


def test_extraction_falls_back_on_the_source_and_refuses_pages_without_text():
    text = " ".join(["The alliance debate went on in the chamber today."] * 5)
    page = Page(url="https://n.example/a", final_url="https://n.example/a",
                content_type="text/plain", charset="utf-8", body=text.encode())
    article = extract(page, Candidate(url="https://n.example/a", title="A debate",
                                      source="n.example", seen="2026-01-27"))
    assert (article.title, article.source, article.published, article.language) == (
        "A debate", "n.example", "2026-01-27", "en")
    wall = Page(url="https://n.example/b", final_url="https://n.example/b",
                content_type="text/html", charset="utf-8",
                body=b"<html><body><p>Accept our cookies to read on.</p></body></html>")
    with pytest.raises(FetchError, match="could be extracted"):
        extract(wall, Candidate(url="https://n.example/b"))


def test_a_page_without_a_charset_header_is_decoded_by_its_own_meta_charset():
    paragraphs = [
        "Le député a déclaré que la France devait quitter le commandement intégré, comme en 1966.",
        "La ministre a répondu que cette idée affaiblirait la sécurité européenne du pays.",
        "Les historiens rappellent que le retour complet de la France date de 2009 seulement.",
        "Le débat doit reprendre la semaine prochaine devant la commission de la défense.",
    ]
    body = ("<html><head><meta charset='windows-1252'></head><body><article><h1>Le débat "
            "sur l'OTAN</h1>" + "".join(f"<p>{text}</p>" for text in paragraphs)
            + "</article></body></html>").encode("cp1252")
    page = Page(url="https://n.example/d", final_url="https://n.example/d",
                content_type="text/html", charset=None, body=body)
    article = extract(page, Candidate(url="https://n.example/d"))
    assert article.title == "Le débat sur l'OTAN"
    assert "Le député a déclaré" in article.text and article.language == "fr"


# The URL box of Add articles -----------------------------------------------------------

BOX_SCRIPT = """
from analysis.collect.guard import Policy
from ui.url_fetch import url_box
import streamlit as st

files = url_box(policy={policy})
st.write(f"files: {{[name for name, _ in files]}}")
"""


def shown(message: str) -> str:
    """A message as the reader sees it, without the backslashes that keep it from acting
    as Markdown."""
    return re.sub(r"\\(.)", r"\1", message)


def box(policy: str = "Policy()") -> AppTest:
    return AppTest.from_string(BOX_SCRIPT.format(policy=policy), default_timeout=30)


def test_the_box_refuses_each_address_by_name_and_counts_the_session():
    app = box()
    app.run()
    app.text_area[0].input("http://127.0.0.1:8501/\nfile:///etc/passwd\n"
                           "http://10.0.0.1/admin\nhttp://**bold**.example:8080/")
    app.button[0].click().run()
    assert [shown(error.value) for error in app.error] == [
        "http://127.0.0.1:8501/: port 8501 is not allowed (only 80 and 443)",
        "file:///etc/passwd: only http and https addresses are fetched, not 'file:'",
        "http://10.0.0.1/admin: a private network address (10.0.0.0/8); only public "
        "addresses are fetched",
        "http://**bold**.example:8080/: port 8080 is not allowed (only 80 and 443)",
    ]
    # What came from the visitor is escaped: the stars stay stars, not bold text.
    assert "\\*\\*bold\\*\\*" in app.error[3].value
    assert app.session_state[COUNT_KEY] == 4
    assert "files: []" in app.markdown[-1].value


def test_the_box_stops_at_twenty_addresses_a_session():
    app = box()
    app.session_state[COUNT_KEY] = MAX_SESSION_URLS - 1
    app.run()
    assert "1 left" in app.caption[0].value
    app.text_area[0].input("ftp://a.example/1\nftp://a.example/2\nftp://a.example/3")
    app.button[0].click().run()
    assert [shown(error.value) for error in app.error] == [
        "ftp://a.example/1: only http and https addresses are fetched, not 'ftp:'",
        "ftp://a.example/2: not fetched: a session fetches at most 20 web addresses",
        "ftp://a.example/3: not fetched: a session fetches at most 20 web addresses",
    ]
    assert app.session_state[COUNT_KEY] == MAX_SESSION_URLS
    assert "0 left" in app.caption[0].value
    app.run()
    assert app.text_area[0].disabled and app.button[0].disabled


def test_the_box_returns_pages_the_upload_page_reads_like_files(server):
    policy = (f"Policy(ports=frozenset({{{server.port}}}), allow_loopback=True, "
              "timeout=1.0)")
    app = box(policy)
    app.run()
    app.text_area[0].input(f"{server.base}/articles/two.html\n{server.base}/missing.html")
    app.button[0].click().run()
    name = file_name(f"{server.base}/articles/two.html")
    assert f"files: ['{name}']" in app.markdown[-1].value
    assert [shown(error.value) for error in app.error] == [
        f"{server.base}/missing.html: HTTP 404 Not Found"]
    # What the box returns is read by ingest like an uploaded .md file.
    fetched = fetch_pages([f"{server.base}/articles/two.html"], allowed=1,
                          fetcher=Fetcher(policy=server.policy(), delay=0))
    [(file, data)] = fetched.files
    [article], refusals, _ = read_upload(file, data)
    assert refusals == [] and article.article_id == Path(name).stem
    assert (article.title, article.source, article.published, article.language) == (
        "Un député appelle à quitter le commandement intégré", "Le Courrier du Port",
        "2026-01-20", "fr")


def test_the_box_reads_one_address_a_line_once():
    assert parse_urls(" https://a.example/1 \n\nhttps://a.example/2\nhttps://a.example/1\n") == [
        "https://a.example/1", "https://a.example/2"]


def test_the_manifest_records_what_was_written(server, tmp_path):
    collect(server, "--feed", f"{server.base}/feed.xml", "--out", str(tmp_path))
    entries = [json.loads(line) for line in (tmp_path / MANIFEST_NAME).read_text().splitlines()]
    four = next(entry for entry in entries if "four" in entry["file"])
    assert four["url"] == f"{server.base}/articles/four.html"
    assert four["file"] == file_name(f"{server.base}/articles/four.html")
    assert set(four) == {"url", "final_url", "file", "text_sha256"}
