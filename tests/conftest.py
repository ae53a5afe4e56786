"""Shared test setup: the project root is importable however pytest is started."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

SAMPLE = ROOT / "data" / "articles" / "lfi-nato-exit.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def _analyse(path: Path):
    from analysis.ingest import read_paths
    from analysis.pipeline import analyse

    articles, refusals, _ = read_paths([path])
    assert not refusals, [refusal.message() for refusal in refusals]
    return analyse(articles, use_cache=False)


@pytest.fixture(scope="session")
def sample_tables():
    """The four tables of the bundled sample article, analysed once per test run."""
    return _analyse(SAMPLE)


@pytest.fixture(scope="session")
def french_tables():
    """Tables of the French test fixture (a paragraph written for the tests)."""
    return _analyse(FIXTURES / "fr_sortie_otan.txt")


@pytest.fixture(scope="session")
def browser_required() -> None:
    """Skip a browser test where Chromium or Playwright is missing; fail instead when
    REQUIRE_BROWSER=1 (CI), so a missing browser cannot pass unnoticed."""
    import os

    from tools.dashboard_server import CHROMIUM

    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"no Chromium at {CHROMIUM} (set CHROMIUM to its path)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed"
    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def chromium(browser_required):
    """One headless Debian Chromium per test module, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from tools.dashboard_server import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()



@pytest.fixture(scope="session")
def analyse_text():
    """Analyse one short text (a sentence or two written for a rule's test) into tables."""
    from analysis.ingest import Article
    from analysis.pipeline import analyse

    def run(text: str, language: str, *, published: str = "2026-03-01"):
        article = Article("rule-test", "", "", "", published, language, text, "rule test")
        return analyse([article], use_cache=False)

    return run
