"""Cached access to the corpus: the bundled articles plus what this visitor added.

The spaCy pipelines are loaded once per server (`st.cache_resource`); the bundled
corpus's tables are computed once per corpus content (`st.cache_data`, keyed on a hash
of the files, not on DataFrames). A visitor's own articles live in their session only.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
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
    """The English and French spaCy pipelines, loaded once per server process."""
    return {language: load_pipeline(language) for language in ("en", "fr")}


def corpus_hash(folder: Path = BUNDLED_CORPUS) -> str:
    """A digest of the bundled files' names and bytes: the key of their cached tables."""
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


def add_visitor_articles(articles: list[Article], *,
                         progress: Callable[[int], None] | None = None) -> Tables:
    """Analyse a visitor's articles and keep them in their session only.

    An id already in the visitor's corpus gets a suffix ("-2", "-3", ...) rather than
    replacing an article. Nothing is written to disk (the analysis cache is off), so no
    other visitor can come across these texts.
    """
    pipelines()
    articles = unique_ids(articles, taken=set(load_tables().articles["article_id"]))
    new = analyse(articles, use_cache=False, progress=progress)
    current = visitor_tables()
    merged = new if current is None else concat_tables([current, new])
    st.session_state[SESSION_KEY] = merged
    return new


def remove_visitor_articles() -> None:
    """Forget the articles this visitor added in this session."""
    st.session_state.pop(SESSION_KEY, None)


def unique_ids(articles: list[Article], *, taken: set[str]) -> list[Article]:
    """The articles, each id made unique against `taken` and the ones before it."""
    taken = set(taken)
    renamed = []
    for article in articles:
        article_id, number = article.article_id, 1
        while article_id in taken:
            number += 1
            article_id = f"{article.article_id}-{number}"
        taken.add(article_id)
        renamed.append(article if article_id == article.article_id
                       else dataclasses.replace(article, article_id=article_id))
    return renamed


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
