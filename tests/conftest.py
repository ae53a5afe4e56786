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
