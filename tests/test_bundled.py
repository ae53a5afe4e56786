"""The bundled corpus's tables ship prebuilt: they are current, and used only while they are."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import bundled
from analysis.tables import TABLE_COLUMNS

APP = str(bundled.ROOT / "app.py")
REBUILD = "out of date: run `python -m analysis.bundled` and commit data/tables/"


def test_the_shipped_tables_are_those_of_the_bundled_articles(sample_tables):
    shipped = bundled.prebuilt_tables()

    assert shipped is not None, REBUILD
    for name in TABLE_COLUMNS:
        pd.testing.assert_frame_equal(shipped[name], sample_tables.as_dict()[name],
                                      obj=f"data/tables/{name}")


@pytest.fixture
def copies(tmp_path):
    """Copies of the bundled articles and of their shipped tables."""
    articles, tables = tmp_path / "articles", tmp_path / "tables"
    shutil.copytree(bundled.BUNDLED_ARTICLES, articles)
    shutil.copytree(bundled.BUNDLED_TABLES, tables)
    return articles, tables


def test_unchanged_copies_are_used(copies):
    assert bundled.prebuilt_tables(*copies) is not None


def test_an_edited_article_makes_the_tables_out_of_date(copies):
    articles, tables = copies
    article = next(articles.glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")

    assert bundled.prebuilt_tables(articles, tables) is None


def test_an_added_article_makes_the_tables_out_of_date(copies):
    articles, tables = copies
    (articles / "another.txt").write_text("A title\n\nSome text.\n", encoding="utf-8")

    assert bundled.prebuilt_tables(articles, tables) is None


def test_other_rules_make_the_tables_out_of_date(copies, monkeypatch):
    monkeypatch.setattr(bundled, "pipeline_version", lambda language: f"{language}|other rules")

    assert bundled.prebuilt_tables(*copies) is None


@pytest.mark.parametrize("damage", ["missing record", "broken record", "missing table"])
def test_damaged_tables_are_not_used(copies, damage):
    articles, tables = copies
    if damage == "missing record":
        (tables / bundled.BUILT_FROM).unlink()
    elif damage == "broken record":
        (tables / bundled.BUILT_FROM).write_text("{not json", encoding="utf-8")
    else:
        (tables / "claims.parquet").unlink()

    assert bundled.prebuilt_tables(articles, tables) is None


def test_rebuilding_writes_tables_that_are_then_used(tmp_path, sample_tables):
    articles, tables = tmp_path / "articles", tmp_path / "tables"
    shutil.copytree(bundled.BUNDLED_ARTICLES, articles)

    assert bundled.rebuild(articles, tables) == 1
    rebuilt = bundled.prebuilt_tables(articles, tables)

    assert json.loads((tables / bundled.BUILT_FROM).read_text())["fingerprint"]
    assert rebuilt is not None
    pd.testing.assert_frame_equal(rebuilt["claims"], sample_tables.claims)


def test_the_dashboard_opens_on_the_shipped_tables_without_a_pipeline(monkeypatch):
    def no_pipelines():
        raise AssertionError("a pipeline was loaded at start")

    import ui.data

    monkeypatch.setattr(ui.data, "pipelines", no_pipelines)
    monkeypatch.setattr(ui.data, "analyse", lambda *args, **kwargs: no_pipelines())
    st.cache_data.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
    finally:
        st.cache_data.clear()  # what this test read is not what other tests should get

    assert not at.exception, [error.value for error in at.exception]
    assert any("claims" in metric.label.lower() for metric in at.metric)
