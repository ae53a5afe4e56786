"""Hostile uploads in a real Chromium: nothing runs, nothing leaks, nothing lands on disk.

One `streamlit run app.py` of its own, on a free loopback port, with its temporary folder
(TMPDIR) pointed at an empty directory of the test, so that any file the server writes
while taking an upload would show there. Skipped where no Chromium is installed, unless
REQUIRE_BROWSER=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import listing
from tools.dashboard_server import ARTICLE_UPLOAD, MAIN, PAGES, READY, serving

ROOT = Path(__file__).resolve().parent.parent
PAGE_MS = 120_000

HOSTILE_TITLE = ('<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** '
                 '[link](javascript:alert(3)) </div><b id="xss-title">title</b>')
HOSTILE_ARTICLE = f"""title: {HOSTILE_TITLE}
source: <b id="xss-source">Evil Daily</b> [source](javascript:alert(4))
url: javascript:alert(5)
published: 2026-03-01

Clémence Guetté said on Monday that France should leave NATO <script>alert(6)</script> now.
Guetté, of the party [LFI](javascript:alert(7)), accused Washington of **bullying** Europe.
Senator <b id="xss-b">Jane Lee</b> said that <img src=x onerror=alert(8)> was a fine answer.
She argued that </div><div id="xss-div">NATO</div> should stay, ![pic](x) and :red[red] $x^2$.
The [page](javascript:alert(9)) and <a href="javascript:alert(10)">link</a> were cited by Guetté.
"""
INJECTED = "#xss-title, #xss-source, #xss-b, #xss-div"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_tmp(tmp_path_factory) -> Path:
    """The server's own temporary folder (its TMPDIR), empty when the server starts."""
    return tmp_path_factory.mktemp("server-tmp")


@pytest.fixture(scope="module")
def server(tmp_path_factory, server_tmp, browser_required) -> Iterator[str]:
    log = tmp_path_factory.mktemp("server-log") / "streamlit.log"
    env = {"TMPDIR": str(server_tmp),
           "NATO_DASHBOARD_CACHE": str(tmp_path_factory.mktemp("cache"))}
    yield from serving(log, env)


@pytest.fixture(scope="module")
def browser(server, chromium):
    return chromium


class Visitor:
    """One browser context (one Streamlit session) that records every dialog it meets."""

    def __init__(self, browser, server: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.server = server
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def wait(self) -> None:
        self.page.wait_for_selector(READY, timeout=PAGE_MS)
        self.page.wait_for_selector(f"{MAIN} h1", timeout=PAGE_MS)
        self.page.wait_for_selector(READY, timeout=PAGE_MS)

    def open(self, path: str) -> None:
        self.page.goto(self.server + path, timeout=PAGE_MS)
        self.wait()

    def go(self, title: str) -> None:
        """Switch page through the sidebar, staying in the same session."""
        self.page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
        self.page.wait_for_selector(f"{MAIN} h1:has-text('{PAGES[title]}')", timeout=PAGE_MS)
        self.wait()

    def upload(self, name: str, data: bytes, *, expect: str = "Added 1 article") -> str:
        """Upload one file on "Add articles", analyse it, wait for the message holding
        `expect` (an earlier message may still be on screen) and return it."""
        self.page.locator(ARTICLE_UPLOAD).set_input_files(
            {"name": name, "mimeType": "text/plain", "buffer": data})
        self.page.wait_for_selector("[data-testid='stFileChip']", timeout=PAGE_MS)
        self.page.wait_for_selector(READY, timeout=PAGE_MS)
        button = self.page.get_by_role("button", name="Analyse the files")
        button.wait_for(timeout=PAGE_MS)
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('button')].some(b => "
            "b.innerText.includes('Analyse the files') && !b.disabled)", timeout=PAGE_MS)
        button.click()
        alert = self.page.locator("[data-testid='stAlertContentSuccess'], "
                                  "[data-testid='stAlertContentError']", has_text=expect).first
        alert.wait_for(timeout=PAGE_MS)
        self.page.wait_for_selector(READY, timeout=PAGE_MS)
        return alert.inner_text()

    def open_dropdown(self, label: str) -> None:
        """Open a select box's list of options, so that their labels are drawn."""
        self.page.get_by_role("combobox", name=label, exact=True).first.click()
        self.page.wait_for_selector("[role='option']", timeout=PAGE_MS)

    def main_text(self, *, holding: str) -> str:
        """The main block's text, once it holds `holding`: an `st.html` block is drawn a
        moment after the script has finished."""
        from playwright.sync_api import expect

        expect(self.page.locator(MAIN)).to_contain_text(holding, timeout=PAGE_MS)
        return self.page.locator(MAIN).inner_text()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor(browser, server) -> Iterator[Visitor]:
    opened = Visitor(browser, server)
    yield opened
    opened.close()


def assert_inert(visitor: Visitor, where: str) -> None:
    """Nothing from the article became markup, a link, an image, a script or a dialog."""
    page = visitor.page
    assert visitor.dialogs == [], where
    assert page.locator(INJECTED).count() == 0, where
    assert page.locator("a[href^='javascript' i], [src='x'], [onerror]").count() == 0, where
    scripts = page.eval_on_selector_all("script", "nodes => nodes.map(n => n.textContent)")
    assert not [script for script in scripts if "alert(" in script], where
    assert page.locator("[data-testid='stException']").count() == 0, where


def test_hostile_text_shows_literally_and_never_runs_on_any_page(visitor):
    visitor.open("/upload")
    message = visitor.upload("hostile.txt", HOSTILE_ARTICLE.encode("utf-8"))
    assert "Added 1 article" in message, message
    assert_inert(visitor, "Add articles")

    visitor.page.get_by_role("link", name="Read it with its highlights").click()
    visitor.page.wait_for_selector(f"{MAIN} h1:has-text('Articles')", timeout=PAGE_MS)
    visitor.wait()
    title = "<script>alert(1)</script> <img src=x onerror=alert(2)> **bold**"
    text = visitor.main_text(holding=title)
    assert title in text
    assert "NATO <script>alert(6)</script> now." in text
    assert '<b id="xss-b">Jane Lee</b>' in text
    assert "<a href=\"javascript:alert(10)\">link</a>" in text
    assert_inert(visitor, "Articles")

    visitor.open_dropdown("Claim to point out")
    visitor.page.locator("[role='option']").first.click()
    visitor.wait()
    assert "<script>alert(6)</script>" in visitor.page.locator(
        "[data-testid='stAlert']").first.inner_text()
    assert_inert(visitor, "Articles, claim pointed out")

    for title in PAGES:
        visitor.go(title)
        assert_inert(visitor, title)
        if title == "Claims":
            visitor.open_dropdown("Claim")
            options = visitor.page.locator("[role='option']").all_inner_texts()
            assert any("<script>alert(6)</script>" in option for option in options), options
            assert_inert(visitor, "Claims, list of claims")
            visitor.page.keyboard.press("Escape")
        if title == "Overview":
            visitor.open_dropdown("Source")
            options = visitor.page.locator("[role='option']").all_inner_texts()
            assert any('<b id="xss-source">Evil Daily</b>' in option for option in options)
            assert_inert(visitor, "Overview, sources")
            visitor.page.keyboard.press("Escape")


def test_what_one_visitor_uploads_never_reaches_another(browser, server):
    first, second = Visitor(browser, server), Visitor(browser, server)
    try:
        first.open("/upload")
        second.open("/articles")
        marker = "Quentin Zabulon"
        message = first.upload("only-mine.txt", (
            f"{marker} said on Monday that Belgium should leave NATO's integrated "
            "command, and he accused the alliance of neglect.\n").encode())
        assert "Added 1 article" in message

        first.go("Articles")
        second.go("Overview")
        second.go("Articles")
        second.open_dropdown("Article")
        second_articles = second.page.locator("[role='option']").all_inner_texts()
        second.page.keyboard.press("Escape")
        first.open_dropdown("Article")
        first_articles = first.page.locator("[role='option']").all_inner_texts()

        assert "only-mine" in first_articles
        assert "only-mine" not in second_articles and second_articles
        second.go("Claims")
        assert marker not in second.page.content()
        second.open("/claims")  # a new session on the same browser: still nothing
        assert marker not in second.page.content()
    finally:
        first.close()
        second.close()


REPO_NOISE = (".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache")


def test_an_upload_named_like_a_path_is_read_in_memory_only(visitor, server_tmp):
    """Named uploads never become paths; one over 1 MB, which the server's multipart parser
    spools to a temporary file, leaves no named file behind either."""
    system_tmp = Path(tempfile.gettempdir())
    visitor.open("/upload")
    repo_before, system_before = listing(ROOT, skip=REPO_NOISE), listing(system_tmp)
    server_before = listing(server_tmp)

    small = visitor.upload("../../evil.txt", (
        b"Ophelia Quarrington said on Monday that Norway should leave NATO's integrated "
        b"command.\n"))
    large = visitor.upload("..%2F..%2F../evil-large.txt", b"Norway. " * 300_000,
                           expect="evil-large.txt")

    assert "Added 1 article" in small, small
    assert "evil-large.txt: 2.4 MB is over the 200.0 kB limit per article" in large, large
    assert listing(server_tmp) == server_before
    assert listing(ROOT, skip=REPO_NOISE) == repo_before
    assert [path for path in listing(system_tmp) - system_before if "evil" in path] == []
    assert not list(ROOT.parent.glob("evil*")) and not list(ROOT.parent.parent.glob("evil*"))
    visitor.go("Articles")
    visitor.open_dropdown("Article")
    assert "evil" in visitor.page.locator("[role='option']").all_inner_texts()
