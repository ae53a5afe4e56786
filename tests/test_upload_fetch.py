"""The Add articles page's "Fetch web pages" tab: addresses fetched through the fetch guard
are analysed like uploaded files and join the visitor's corpus; refused ones are named."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from analysis.collect.writer import file_name
from tests.collect_server import FixtureServer
from tests.conftest import ROOT
from ui import url_fetch

APP = str(ROOT / "app.py")
PAGE = "pages/upload.py"


def shown(message: str) -> str:
    return re.sub(r"\\(.)", r"\1", message)


def upload_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(PAGE)
    return at.run()


def fetch(at: AppTest, text: str) -> AppTest:
    at.text_area(key="url-fetch-text").input(text)
    next(button for button in at.button if button.label == "Fetch and analyse").click()
    return at.run()


def test_a_private_address_is_refused_by_name_and_nothing_is_added():
    at = fetch(upload_page(), "http://169.254.169.254/latest/meta-data/\nhttp://[::1]/")
    errors = [shown(error.value) for error in at.error]
    assert any(error.startswith("http://169.254.169.254/latest/meta-data/:") for error in errors)
    assert any(error.startswith("http://[::1]/:") for error in errors)
    assert not at.success and not at.exception


@pytest.fixture
def server(monkeypatch):
    running = FixtureServer().start()
    # The page's box uses the guard's default policy; only this test lets it reach loopback.
    monkeypatch.setitem(url_fetch.url_box.__kwdefaults__, "policy", running.policy())
    monkeypatch.setattr(url_fetch, "DELAY_SECONDS", 0.0)
    yield running
    running.stop()


def test_a_fetched_page_joins_the_corpus_on_every_page(server):
    at = fetch(upload_page(), f"{server.base}/articles/two.html")
    assert not at.exception and not at.error, [error.value for error in at.error]
    assert at.success and "Added 1 article" in at.success[0].value
    at.switch_page("pages/articles.py")
    at.run()
    assert not at.exception
    article_id = file_name(f"{server.base}/articles/two.html").removesuffix(".md")
    assert article_id in at.sidebar.multiselect(key="articles").options
