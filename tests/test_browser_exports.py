"""A news-database export uploaded in a real Chromium: its articles join every page.

The test starts its own `streamlit run app.py` on a free loopback port, uploads the fixture
Europresse export (five invented articles, the fourth damaged) on Add articles, and then
finds its articles on the other pages of the same session. Skipped where no Chromium is
installed, unless REQUIRE_BROWSER=1 makes that a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.dashboard_server import ARTICLE_UPLOAD, MAIN, PAGES, READY, serving

EUROPRESSE = Path(__file__).resolve().parent / "fixtures" / "exports" / "europresse_otan.html"
PAGE_MS = 180_000
SOURCES = ["Le Courrier de l'Est", "La Gazette du Léman", "L'Écho des Vosges",
           "Le Journal des Ardennes"]
FIRST_TITLE = "Sortie de l'Otan : le débat s'invite à l'Assemblée"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser_required) -> Iterator[str]:
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    yield from serving(log, {"NATO_DASHBOARD_CACHE": str(tmp_path_factory.mktemp("cache"))})


@pytest.fixture
def page(server, chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def settle(page) -> None:
    page.wait_for_selector(READY, timeout=PAGE_MS)
    page.wait_for_selector(f"{MAIN} h1", timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)


def go(page, title: str) -> None:
    """Switch page through the sidebar, staying in the same session."""
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    page.wait_for_selector(f"{MAIN} h1:has-text('{PAGES[title]}')", timeout=PAGE_MS)
    settle(page)


def options_of(page, label: str) -> list[str]:
    """The labels a select box offers, read from its opened list."""
    page.get_by_role("combobox", name=label, exact=True).first.click()
    page.wait_for_selector("[role='option']", timeout=PAGE_MS)
    options = page.locator("[role='option']").all_inner_texts()
    page.keyboard.press("Escape")
    return options


def test_an_uploaded_europresse_export_reaches_every_page(server, page):
    page.goto(f"{server}/upload", timeout=PAGE_MS)
    settle(page)
    page.locator(ARTICLE_UPLOAD).set_input_files(
        {"name": EUROPRESSE.name, "mimeType": "text/html", "buffer": EUROPRESSE.read_bytes()})
    page.wait_for_selector("[data-testid='stFileChip']", timeout=PAGE_MS)
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => "
                           "b.innerText.includes('Analyse the files') && !b.disabled)",
                           timeout=PAGE_MS)
    page.get_by_role("button", name="Analyse the files").click()
    success = page.locator("[data-testid='stAlertContentSuccess']", has_text="Added 4 articles")
    success.wait_for(timeout=PAGE_MS)
    settle(page)
    error = page.locator("[data-testid='stAlertContentError']").inner_text()
    assert "europresse_otan.html, article 4: damaged Europresse article" in error

    page.get_by_role("link", name="Read it with its highlights").click()
    page.wait_for_selector(f"{MAIN} h1:has-text('Articles')", timeout=PAGE_MS)
    settle(page)
    page.locator(MAIN).get_by_text(FIRST_TITLE).first.wait_for(timeout=PAGE_MS)
    assert "Mathilde Roussel" in page.locator(MAIN).inner_text()

    go(page, "Overview")
    sources = options_of(page, "Source")
    for source in SOURCES:
        assert source in sources, sources

    go(page, "Actors")
    page.locator(MAIN).get_by_text("Bertrand Lefèvre").first.wait_for(timeout=PAGE_MS)
