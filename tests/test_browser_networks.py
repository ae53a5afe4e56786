"""The Networks page in a real Chromium: it draws, its link restores the view, a click on a
node opens its claims, the ties, GraphML and GEXF download and read back.

Two servers of the test's own: one on the bundled corpus, one on a folder of invented
tables (`DEBATE`, a debate between fictional parties) that gives the screenshots for the
README, docs/screenshots/networks.png and networks-phone.png, written there only when
UPDATE_SCREENSHOTS=1 (as tests/test_browser.py does).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import networkx as nx
import pytest

from analysis.export import write_tables
from tests.test_browser import (
    ALL_CHARTS_DRAWN,
    EXCEPTION,
    MATCHING_NOTHING,
    MAX_SCREENSHOT_HEIGHT,
    PAGE_MS,
    README_SCREENSHOTS,
    VIEWPORT,
    WIDTHS,
    fit_to_content,
    open_view,
)
from tests.test_networks import debate_tables
from tests.test_networks_page import OSLO_TEXT
from tools.dashboard_server import ARTICLE_UPLOAD, READY, serving

pytestmark = pytest.mark.browser

GUETTE, AMARD = "Clémence Guetté", "Gabriel Amard"
CHART = "[data-testid='stVegaLiteChart']"
WF, GU, CA, NB = "Workers' Front", "Green Union", "Civic Alliance", "National Bloc"
# (speaker, type, party, stance, target, published): invented people, parties and a state.
DEBATE = [
    *[("Ines Varga", "person", WF, "exit", "NATO", f"2025-0{month}-10") for month in (1, 2, 3)],
    *[("Ines Varga", "person", WF, "exit", "Norland", f"2025-0{month}-12") for month in (4, 5)],
    *[("Tomas Reyl", "person", WF, "exit", "Norland", f"2025-0{month}-03") for month in (2, 6)],
    ("Tomas Reyl", "person", WF, "exit", "United States", "2025-07-01"),
    (WF, "party", WF, "exit", "Norland", "2025-08-01"),
    ("Lea Moritz", "person", GU, "exit", "NATO", "2025-03-15"),
    ("Lea Moritz", "person", GU, "stay", "Norland", "2025-09-15"),
    *[("Paul Edde", "person", GU, "stay", "Norland", f"2025-0{month}-20") for month in (4, 8)],
    (GU, "party", GU, "stay", "Norland", "2025-10-01"),
    *[("Hugo Saar", "person", CA, "stay", "NATO", f"2025-0{month}-05") for month in (1, 5, 9)],
    ("Hugo Saar", "person", CA, "stay", "Norland", "2025-11-05"),
    *[("Nina Kovel", "person", CA, "stay", "NATO", f"2025-0{month}-08") for month in (2, 7)],
    ("Nina Kovel", "person", CA, "stay", "United States", "2025-12-08"),
    (CA, "party", CA, "stay", "NATO", "2026-01-04"),
    *[("Rafael Osk", "person", NB, "exit", "United States", f"2025-0{month}-25")
      for month in (3, 6)],
    ("Rafael Osk", "person", NB, "exit", "NATO", "2025-10-25"),
    ("Mara Linde", "person", NB, "exit", "NATO", "2026-01-20"),
    *[("Norland", "state", "Norland", "stay", "NATO", f"2025-0{month}-28") for month in (5, 9)],
    ("Jon Brask", "person", "", "exit", "Norland", "2026-02-02"),
    ("Jon Brask", "person", "", "none", "NATO", "2026-02-03"),
]
SCREENSHOT_VIEW = "/networks?" + urlencode({"positions": "stance and target"})


def serve(tmp_path_factory, name: str, env: dict[str, str]) -> Iterator[str]:
    log = tmp_path_factory.mktemp(name) / "streamlit.log"
    cache = str(tmp_path_factory.mktemp(f"{name}-cache"))
    yield from serving(log, {"NATO_DASHBOARD_CACHE": cache, **env})


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser_required) -> Iterator[str]:
    """The dashboard on the bundled corpus."""
    yield from serve(tmp_path_factory, "bundled", {})


@pytest.fixture(scope="module")
def debate_server(tmp_path_factory, browser_required) -> Iterator[str]:
    """The dashboard on the invented debate's tables."""
    folder = tmp_path_factory.mktemp("debate-tables")
    write_tables(debate_tables(DEBATE).as_dict(), folder, fmt="parquet")
    yield from serve(tmp_path_factory, "debate", {"NATO_DASHBOARD_TABLES": str(folder)})


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield context.new_page()
    context.close()


def ties_grid(page):
    return page.locator("[data-testid='stDataFrame'] [role='grid']").first


def download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=PAGE_MS) as info:
        page.locator("[data-testid='stDownloadButton'] button", has_text=label).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_the_bundled_network_draws_and_downloads(server, page):
    open_view(page, f"{server}/networks")
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)

    assert not page.locator(EXCEPTION).count()
    assert ties_grid(page).get_attribute("aria-rowcount") == "2"  # the header and one tie
    name, data = download(page, "Ties as CSV")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert name == "congruence-network_level-person_positions-stance.csv"
    assert rows == [{"actor_a": GUETTE, "actor_b": AMARD, "weight": "1.0", "positions": "exit"}]
    for label, read in [("GraphML", nx.read_graphml), ("GEXF", nx.read_gexf)]:
        name, data = download(page, label)
        graph = read(io.BytesIO(data))
        assert name.startswith("congruence-network_level-person")
        assert set(graph.nodes) == {GUETTE, AMARD}
        assert graph.edges[GUETTE, AMARD]["weight"] == 1.0
        assert graph.nodes[GUETTE]["party"] == "La France Insoumise"
        assert graph.nodes[GUETTE]["claims"] == 2  # for leaving, about NATO and France


def test_a_link_restores_the_view_and_a_change_goes_into_the_link(server, page):
    open_view(page, f"{server}/networks?" + urlencode({"network": "affiliation",
                                                       "level": "party"}))
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)

    # La France Insoumise's two members: four claims for leaving
    assert page.get_by_role("combobox", name="Network").input_value() == "affiliation"
    assert page.get_by_role("combobox", name="Nodes").input_value() == "party"
    assert ties_grid(page).get_attribute("aria-rowcount") == "2"
    page.get_by_role("combobox", name="Nodes").click()
    page.get_by_role("option", name="person", exact=True).click()
    page.wait_for_url(lambda url: "level=" not in url, timeout=PAGE_MS)

    from playwright.sync_api import expect

    # Guetté and Amard tied to exit
    expect(ties_grid(page)).to_have_attribute("aria-rowcount", "3", timeout=PAGE_MS)
    assert "network=affiliation" in page.url


def test_filters_that_leave_no_claim_say_so(server, page):
    open_view(page, f"{server}/networks?{MATCHING_NOTHING}")

    assert not page.locator(EXCEPTION).count()
    assert page.get_by_text("there is no network to draw").is_visible()


def test_a_click_on_a_node_opens_its_claims(server, page):
    open_view(page, f"{server}/networks?language=en")
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)
    # Vega names each mark for screen readers with the fields of its tooltip
    node = page.locator(f"{CHART} [aria-roledescription='point'][aria-label*='Name: {GUETTE};']")

    node.click()
    page.wait_for_url(lambda url: "/claims" in url, timeout=PAGE_MS)
    page.wait_for_selector("h1:has-text('Claims')", timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)

    query = parse_qs(urlparse(page.url).query)
    assert query["speaker"] == [GUETTE] and query["language"] == ["en"]
    assert page.get_by_role("heading", name="7 claims").is_visible()


def test_an_upload_joins_the_network(server, page):
    open_view(page, f"{server}/upload")
    page.locator(ARTICLE_UPLOAD).set_input_files(
        {"name": "oslo-debate.txt", "mimeType": "text/plain", "buffer": OSLO_TEXT.encode()})
    page.wait_for_selector("[data-testid='stFileChip']", timeout=PAGE_MS)
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => "
                           "b.innerText.includes('Analyse the files') && !b.disabled)",
                           timeout=PAGE_MS)
    page.get_by_role("button", name="Analyse the files").click()
    page.locator("[data-testid='stAlertContentSuccess']", has_text="Added 1 article").wait_for(
        timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)

    page.locator("[data-testid='stSidebarNav'] a", has_text="Networks").click()
    page.wait_for_selector("h1:has-text('Networks')", timeout=PAGE_MS)
    page.wait_for_selector(READY, timeout=PAGE_MS)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)

    assert not page.locator(EXCEPTION).count()
    # Guetté, Amard and Lund for leaving (three ties), Berg and Dahl for staying (one)
    assert ties_grid(page).get_attribute("aria-rowcount") == "5"
    assert page.locator(f"{CHART} [aria-roledescription='point'][aria-label*='Name: Kari Lund;']"
                        ).count() == 1


def test_the_invented_debate_draws_its_coalitions(debate_server, page):
    open_view(page, f"{debate_server}{SCREENSHOT_VIEW}")
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)

    assert not page.locator(EXCEPTION).count()
    name, data = download(page, "GEXF")
    graph = nx.read_gexf(io.BytesIO(data))
    # 13 speakers with a stance; Jon Brask's claim without one adds nothing
    assert graph.number_of_nodes() == 13
    assert graph.nodes[WF]["type"] == "party" and graph.nodes["Norland"]["type"] == "state"
    # both argue for Norland leaving
    assert graph.edges["Ines Varga", "Tomas Reyl"]["positions"] == "exit: Norland"


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        return README_SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_the_networks_page(debate_server, page, screenshots, width):
    viewport = WIDTHS[width]
    page.set_viewport_size({"width": viewport["width"], "height": MAX_SCREENSHOT_HEIGHT})
    open_view(page, debate_server + SCREENSHOT_VIEW)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=PAGE_MS)
    fit_to_content(page, viewport)
    page.wait_for_timeout(1500)  # the chart redraws at the new size
    assert not page.locator(EXCEPTION).count()
    screenshots.mkdir(parents=True, exist_ok=True)
    path = screenshots / ("networks.png" if width == "desktop" else f"networks-{width}.png")
    page.screenshot(path=path)
    assert path.stat().st_size > 10_000
