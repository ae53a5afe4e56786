"""The dashboard in a real Chromium: a shared link loads, charts draw, the CSV holds the rows.

The test starts its own `streamlit run app.py` on a free port and stops it at the end. It
opens every page at its own address at desktop and phone widths, with the bundled corpus and
with filters that match nothing, and takes a screenshot of each page at each width: into
docs/screenshots/ for the README when UPDATE_SCREENSHOTS=1, else into a temporary folder (a
test run leaves the tree clean). Where no Chromium is installed it is skipped, unless
REQUIRE_BROWSER=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tools.dashboard_server import ARTICLE_UPLOAD, READY, serving

ROOT = Path(__file__).resolve().parent.parent
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
CHART = "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
PAGE_MS = 120_000
VIEWPORT = {"width": 1400, "height": 900}
# The widths a visitor brings: a desktop window and a phone held upright.
WIDTHS = {"desktop": VIEWPORT, "phone": {"width": 390, "height": 844}}
MAX_SCREENSHOT_HEIGHT = 6000
CONTENT_BOTTOM = ("document.querySelector(\"[data-testid='stMainBlockContainer']\")"
                  ".getBoundingClientRect().bottom")
ALL_CHARTS_DRAWN = ("() => [...document.querySelectorAll(\"[data-testid='stVegaLiteChart']\")]"
                    ".every(chart => chart.querySelector('canvas, svg'))")

GUETTE = "Clémence Guetté"
# (file name, address) of each page's screenshot; the views a reader would share.
SCREENSHOT_VIEWS = [
    ("overview", "/overview"),
    ("actors", "/actors?" + urlencode({"actor": GUETTE})),
    ("claims", "/claims?" + urlencode({"speaker": GUETTE})),
    ("articles", "/articles?" + urlencode({"claim": "lfi-nato-exit-c002"})),
    ("cases", "/cases"),
    ("upload", "/upload"),
]

# Filters no article of the bundled corpus matches: no state belongs to a party.
MATCHING_NOTHING = urlencode({"actor_type": "state", "affiliation": "La France Insoumise"})
NOT_FOUND = "text=Page not found"
EXCEPTION = "[data-testid='stException']"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser_required) -> Iterator[str]:
    """A dashboard server of its own on a free port; its address."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    yield from serving(log, {"NATO_DASHBOARD_CACHE": str(tmp_path_factory.mktemp("cache"))})


@pytest.fixture(scope="module")
def browser(server, chromium):
    return chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield context.new_page()
    context.close()


def open_view(page, address: str) -> None:
    """Go to `address` and wait until the script has finished and the page shows."""
    page.goto(address, timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)


def test_the_root_address_opens_the_overview_at_its_own_address(server, page):
    open_view(page, f"{server}/?language=en")

    page.wait_for_url(lambda url: url.endswith("/overview?language=en"), timeout=10_000)
    assert page.get_by_role("heading", name="Who says what about leaving NATO").is_visible()
    assert not page.locator(NOT_FOUND).count()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [name for name, _ in SCREENSHOT_VIEWS])
def test_each_page_at_its_address_with_filters_that_match_nothing(server, page, name, width):
    page.set_viewport_size(WIDTHS[width])
    open_view(page, f"{server}/{name}?{MATCHING_NOTHING}")

    assert not page.locator(NOT_FOUND).count()
    assert not page.locator(EXCEPTION).count()
    assert page.locator("[data-testid='stMainBlockContainer'] h1").first.is_visible()


def test_a_shared_link_shows_the_filtered_claims_and_downloads_them(server, page):
    open_view(page, f"{server}/claims?" + urlencode([("speaker", GUETTE),
                                                     ("kind", "accusation")]))

    page.wait_for_selector(CHART, timeout=PAGE_MS)
    assert page.locator(CHART).count() >= 1
    assert page.get_by_role("heading", name="4 claims").is_visible()
    grid = page.locator("[data-testid='stDataFrame'] [role='grid']").first
    assert grid.get_attribute("aria-rowcount") == "5"  # the header and four claims

    with page.expect_download(timeout=PAGE_MS) as download_info:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))

    assert download.suggested_filename == "claims_speaker-Clemence-Guette_kind-accusation.csv"
    assert len(rows) == 4
    assert {row["speaker"] for row in rows} == {GUETTE}
    assert {row["kind"] for row in rows} == {"accusation"}
    # the party column the page shows leaves with the rows
    assert {row["speaker_affiliation"] for row in rows} == {"La France Insoumise"}


def test_a_sidebar_filter_survives_a_page_switch(server, page):
    open_view(page, f"{server}/actors?actor_type=state")
    # The browser learns that a widget is bound to the URL once the widget is on screen; a
    # visitor cannot click before that, so neither does the test.
    page.wait_for_selector("[data-testid='stSidebar'] "
                           "[data-testid='stMultiSelectTagsContainer'] [title='state']",
                           timeout=PAGE_MS)

    page.locator("[data-testid='stSidebarNav'] a", has_text="Claims").click()
    page.wait_for_selector("h1:has-text('Claims')", timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)
    page.wait_for_url(lambda url: "actor_type=state" in url, timeout=10_000)

    assert page.get_by_role("heading", name="1 claim", exact=True).is_visible()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        return README_SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


def fit_to_content(page, viewport: dict[str, int]) -> None:
    """Cut a tall window to the page's content once its height has settled."""
    height, stable = 0, 0
    for _ in range(30):  # until the content has kept its height for three looks
        page.wait_for_timeout(400)
        latest = page.evaluate(CONTENT_BOTTOM)
        stable, height = (stable + 1, height) if latest == height else (0, latest)
        if stable == 3:
            break
    page.set_viewport_size({"width": viewport["width"],
                            "height": min(max(int(height) + 60, viewport["height"]),
                                          MAX_SCREENSHOT_HEIGHT)})


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name, address", SCREENSHOT_VIEWS)
def test_screenshot_of_each_page(server, page, screenshots, name, address, width):
    viewport = WIDTHS[width]
    # Streamlit scrolls inside its main block, not the window, and draws charts as they come
    # into view: open the page in a tall window, then cut the window to the content.
    page.set_viewport_size({"width": viewport["width"], "height": MAX_SCREENSHOT_HEIGHT})
    open_view(page, server + address)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)
    fit_to_content(page, viewport)
    page.wait_for_timeout(1500)  # charts redraw at the new size
    assert not page.locator(EXCEPTION).count()
    assert not page.locator(NOT_FOUND).count()
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=screenshots / (f"{name}.png" if width == "desktop"
                                        else f"{name}-{width}.png"))


def test_a_file_over_the_limit_is_refused_in_words_and_an_old_report_goes(server, page):
    open_view(page, f"{server}/upload")
    dropzone = ARTICLE_UPLOAD
    page.locator(dropzone).set_input_files(
        {"name": "scan.txt", "mimeType": "text/plain", "buffer": b"\x00\x01" * 200})
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => "
                           "b.innerText.includes('Analyse the files') && !b.disabled)",
                           timeout=PAGE_MS)
    page.get_by_role("button", name="Analyse the files").click()
    errors = page.locator("[data-testid='stAlertContentError']")
    errors.filter(has_text="scan.txt: binary file").wait_for(timeout=PAGE_MS)

    # 11.2 MB: over the app's 10 MB, under what the uploader sends
    page.locator(dropzone).set_input_files(
        {"name": "export.txt", "mimeType": "text/plain", "buffer": b"Norway. " * 1_400_000})
    errors.filter(has_text="export.txt: 10.7 MB is over the 10 MB limit per file").wait_for(
        timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)

    assert errors.count() == 1  # the last batch's report is gone
