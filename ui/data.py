"""Cached access to the corpus: the bundled articles plus what this visitor added.

The spaCy pipelines are loaded once per server (`st.cache_resource`); the bundled
corpus's tables are computed once per corpus content (`st.cache_data`, keyed on a hash
of the files, not on DataFrames). A visitor's own articles live in their session only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.ingest import Article, read_paths
from analysis.nlp import load_pipeline
from analysis.pipeline import analyse
from analysis.tables import TABLE_COLUMNS, Tables

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
SESSION_KEY = "visitor_tables"


@st.cache_resource(show_spinner="Loading the language pipelines…")
def pipelines() -> dict[str, object]:
    return {language: load_pipeline(language) for language in ("en", "fr")}


def corpus_hash(folder: Path = BUNDLED_CORPUS) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@st.cache_data(show_spinner="Analysing the bundled articles…")
def _bundled_tables(digest: str) -> dict[str, pd.DataFrame]:
    pipelines()
    articles, _, _ = read_paths([BUNDLED_CORPUS])
    return analyse(articles).as_dict()


def bundled_tables() -> Tables:
    return Tables(**_bundled_tables(corpus_hash()))


def visitor_tables() -> Tables | None:
    """Tables of the articles this visitor added in this browser session, if any."""
    return st.session_state.get(SESSION_KEY)


def add_visitor_articles(articles: list[Article]) -> Tables:
    """Analyse a visitor's articles and keep them in their session only."""
    pipelines()
    new = analyse(articles)
    current = visitor_tables()
    merged = new if current is None else concat_tables([current, new])
    st.session_state[SESSION_KEY] = merged
    return new


def load_tables() -> Tables:
    """The corpus this visitor sees: the bundled articles plus their own."""
    tables = bundled_tables()
    own = visitor_tables()
    return tables if own is None else concat_tables([tables, own])


def concat_tables(parts: list[Tables]) -> Tables:
    return Tables(**{
        name: pd.concat([part.as_dict()[name] for part in parts], ignore_index=True)
        for name in TABLE_COLUMNS
    })
