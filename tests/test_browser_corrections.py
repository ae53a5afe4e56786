"""Corrections in a real Chromium: a speaker corrected on Claims changes the Overview's chart
and the Claims CSV; two merged actors are one row on Actors; another browser never sees the
first one's corrections; with NATO_DASHBOARD_CORRECTIONS a reload shows the same state.

Each server is the test's own (`tools.dashboard_server`). The screenshot of a corrected claim
goes to docs/screenshots/corrections.png for the README when UPDATE_SCREENSHOTS=1, else to a
temporary folder. Expected values are read off the bundled article: Greece makes one of its
twelve claims ("it had been left isolated within the Alliance"), Clémence Guetté seven.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from analysis import corrections
from tools.dashboard_server import READY, serving

ROOT = Path(__file__).resolve().parent.parent
PAGE_MS = 120_000
VIEWPORT = {"width": 1400, "height": 1400}
GUETTE = "Clémence Guetté"
AMARD = "Gabriel Amard"
GREECE_CLAIM = "lfi-nato-exit-c012"
CHART = "[data-testid='stVegaLiteChart']"
EXCEPTION = "[data-testid='stException']"
GRID = "[data-testid='stDataFrame'] [role='grid']"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser_required) -> Iterator[str]:
    """A hosted dashboard: corrections in each visitor's session only."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    yield from serving(log, {"NATO_DASHBOARD_CACHE": str(tmp_path_factory.mktemp("cache"))})


@pytest.fixture(scope="module")
def corrections_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("corpus") / "corrections.csv"


@pytest.fixture(scope="module")
def local_server(tmp_path_factory, browser_required, corrections_file) -> Iterator[str]:
    """A dashboard on one's own machine, writing corrections to a file."""
    log = tmp_path_factory.mktemp("local") / "streamlit.log"
    yield from serving(log, {"NATO_DASHBOARD_CACHE": str(tmp_path_factory.mktemp("cache")),
                             "NATO_DASHBOARD_CORRECTIONS": str(corrections_file)})


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        return ROOT / "docs" / "screenshots"
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def browser(chromium):
    contexts = []

    def new_page():
        context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def settled(page) -> None:
    page.wait_for_selector(READY, timeout=PAGE_MS)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=PAGE_MS)
    assert not page.locator(EXCEPTION).count()


def open_view(page, address: str) -> None:
    page.goto(address, timeout=PAGE_MS)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=PAGE_MS)
    settled(page)


def go_to(page, menu: str, heading: str) -> None:
    """Switch pages with the menu, as a visitor does (the session and its corrections stay)."""
    page.locator("[data-testid='stSidebarNav'] a", has_text=menu).first.click()
    page.wait_for_selector(f"h1:has-text('{heading}')", timeout=PAGE_MS)
    settled(page)


def choose(page, box, text: str) -> None:
    """Open a select box, type `text`, take the first option holding it."""
    box.click()
    page.keyboard.type(text)
    page.locator("[role='option']", has_text=text).first.click()
    settled(page)


def correct_greece_claim(page) -> None:
    """On Claims: pick the claim by Greece and give it to Clémence Guetté."""
    choose(page, page.locator(".st-key-open_claim [data-testid='stSelectbox']"),
           "Greece: it had been left isolated")
    form = page.locator("[data-testid='stForm']").first
    form.wait_for(timeout=PAGE_MS)
    choose(page, form.locator(f".st-key-claim-speaker-{GREECE_CLAIM}-pick "
                              "[data-testid='stSelectbox']"), GUETTE)
    form.get_by_role("button", name="Save the correction").click()
    page.get_by_text("1 correction", exact=True).wait_for(timeout=PAGE_MS)
    settled(page)


def take_screenshot(page, path: Path) -> None:
    """The whole page in a window as tall as its content (Streamlit scrolls inside its main
    block, not the window), then the window as it was."""
    height = page.evaluate("document.querySelector(\"[data-testid='stMainBlockContainer']\")"
                           ".getBoundingClientRect().height")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(height) + 120})
    page.wait_for_timeout(1500)  # charts redraw at the new size
    page.screenshot(path=path)
    page.set_viewport_size(VIEWPORT)
    settled(page)


def grid_of(page, rows: int):
    """The page's table of `rows` rows (the header counted), once it has drawn."""
    grid = page.locator(f"{GRID}[aria-rowcount='{rows}']").first
    grid.wait_for(state="attached", timeout=PAGE_MS)
    return grid


def downloaded_rows(page, button) -> list[dict[str, str]]:
    with page.expect_download(timeout=PAGE_MS) as info:
        button.click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def sidebar_text(page) -> str:
    return page.locator("[data-testid='stSidebar']").inner_text()


def test_a_corrected_speaker_changes_the_overview_chart_and_the_claims_csv(server, browser):
    page = browser()
    open_view(page, f"{server}/overview")
    chart = page.locator(CHART).nth(3)  # claims per speaker's party or affiliation
    chart.locator("canvas, svg").first.wait_for(timeout=PAGE_MS)
    before = chart.screenshot()

    go_to(page, "Claims", "Claims")
    correct_greece_claim(page)
    rows = downloaded_rows(page, page.locator(
        "[data-testid='stMain'] [data-testid='stDownloadButton'] button").first)
    go_to(page, "Overview", "Who says what about leaving NATO")
    chart = page.locator(CHART).nth(3)
    chart.locator("canvas, svg").first.wait_for(timeout=PAGE_MS)
    page.wait_for_timeout(1000)
    after = chart.screenshot()

    assert "1 correction" in sidebar_text(page)
    claim = next(row for row in rows if row["claim_id"] == GREECE_CLAIM)
    assert (claim["speaker"], claim["speaker_affiliation"], claim["corrected"]) == (
        GUETTE, "La France Insoumise", "True")
    assert [row["corrected"] for row in rows].count("True") == 1
    assert len(rows) == 12
    assert after != before  # Greece's bar is gone, La France Insoumise's is one longer


def test_two_merged_actors_are_one_row_on_actors(server, browser):
    page = browser()
    open_view(page, f"{server}/actors?" + urlencode({"actor": AMARD}))
    grid_of(page, 16)  # the header and fifteen actors

    form = page.locator("[data-testid='stForm']").first
    choose(page, form.locator("[class*='st-key-actor-merge-'] [data-testid='stSelectbox']"),
           GUETTE)
    form.get_by_role("button", name="Save the correction").click()
    page.get_by_text("1 correction", exact=True).wait_for(timeout=PAGE_MS)
    settled(page)

    grid_of(page, 15)
    assert not page.locator(f"{GRID}[aria-rowcount='16']").count()
    rows = downloaded_rows(page, page.get_by_role("button", name="Download this table as CSV"))
    actors = {row["actor"]: row for row in rows}
    assert AMARD not in actors
    assert actors[GUETTE]["mentions"] == "8"


def test_a_missed_claim_is_added_from_the_form_its_expander_opens(server, browser):
    page = browser()
    open_view(page, f"{server}/claims?" + urlencode({"articles": "lfi-nato-exit"}))
    adding = page.locator(".st-key-add-claim-open")
    assert not adding.locator("[data-testid='stForm']").count()  # drawn once opened

    adding.locator("summary").click()
    form = adding.locator("[data-testid='stForm']")
    form.wait_for(timeout=PAGE_MS)
    settled(page)
    choose(page, form.locator(".st-key-add-claim-sentence-lfi-nato-exit "
                              "[data-testid='stSelectbox']"), "1974 Cyprus crisis")
    choose(page, form.locator(".st-key-add-claim-speaker-lfi-nato-exit-pick "
                              "[data-testid='stSelectbox']"), "Greece")
    form.get_by_role("button", name="Add the claim").click()
    page.get_by_text("1 correction", exact=True).wait_for(timeout=PAGE_MS)
    settled(page)

    assert page.get_by_role("heading", name="13 claims", exact=True).is_visible()


def test_another_browser_never_sees_the_first_ones_corrections(server, browser):
    first, second = browser(), browser()
    open_view(first, f"{server}/claims")
    correct_greece_claim(first)

    open_view(second, f"{server}/claims?" + urlencode({"speaker": "Greece"}))

    assert second.get_by_role("heading", name="1 claim", exact=True).is_visible()
    assert "0 corrections" in sidebar_text(second)
    assert "1 correction" in sidebar_text(first)


def test_with_a_corrections_file_a_reload_shows_the_same_state(local_server, browser,
                                                                corrections_file, screenshots):
    page = browser()
    open_view(page, f"{local_server}/claims")
    correct_greece_claim(page)

    open_view(page, f"{local_server}/claims?" + urlencode({"speaker": GUETTE}))
    choose(page, page.locator(".st-key-open_claim [data-testid='stSelectbox']"),
           f"{GUETTE}: it had been left isolated")
    page.locator("[data-testid='stForm']").first.wait_for(timeout=PAGE_MS)
    take_screenshot(page, screenshots / "corrections.png")

    assert page.get_by_role("heading", name="8 claims", exact=True).is_visible()
    assert "1 correction saved to corrections.csv" in sidebar_text(page)
    saved = corrections.read_file(corrections_file)
    assert saved[["field", "old_value", "new_value"]].values.tolist() == [
        ["speaker", "Greece", GUETTE]]
