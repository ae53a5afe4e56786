"""Access to the corpus: the shared tables, queried with DuckDB, plus what this visitor added.

The shared tables are a folder of Parquet files opened as DuckDB views once per server and
per state of the files (`st.cache_resource`, keyed on the names, sizes and times of the
files): $NATO_DASHBOARD_TABLES when it names a folder built by `python -m analysis build
... --format parquet`, else the bundled articles' prebuilt tables in `data/tables/`
(`analysis.bundled`; only when their fingerprint shows them out of date are the articles
analysed at start, and their tables held in memory). Queries read the files where they
lie, so the server holds no copy of the corpus. Each script run opens its own connection
(`query_session`), in which a visitor's own articles, analysed in their session only
(`add_visitor_articles`), follow the shared rows. The spaCy pipelines are loaded once per
server (`st.cache_resource`), when a visitor adds articles.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st

from analysis.bundled import BUNDLED_ARTICLES, BUNDLED_TABLES, prebuilt_fresh, prebuilt_tables
from analysis.ingest import SUPPORTED_LANGUAGES, Article, read_paths
from analysis.nlp import load_pipeline
from analysis.pipeline import analyse
from analysis.query import Corpus, Session
from analysis.store import configured_tables_folder
from analysis.tables import TABLE_COLUMNS, Tables

T = TypeVar("T")
SESSION_KEY = "visitor_tables"
# Characters of visitors' text analysed in one go: bounds the memory one analysis takes
# (their Docs are held together; the parser works on 25,000 characters at a time,
# `analysis.pipeline.BATCH_CHARS`; docs/security.md).
ANALYSIS_GROUP_CHARS = 100_000
LOGGER = logging.getLogger(__name__)
# pandas keeps strings in Arrow buffers. Arrow's default allocator (mimalloc) holds on to
# memory it has freed, so the transient copies of a page's run add up to the server's
# peak; the C library's allocator gives it back (about 70 MB less at 100,000 claims).
pa.set_memory_pool(pa.system_memory_pool())


@st.cache_resource(show_spinner="Loading the language pipelines…")
def pipelines() -> dict[str, object]:
    """The English and French spaCy pipelines, loaded once per server process."""
    return {language: load_pipeline(language) for language in SUPPORTED_LANGUAGES}


@st.cache_data(show_spinner="Reading the bundled articles' tables…")
def _bundled_tables(files_digest: str) -> dict[str, pd.DataFrame]:
    prebuilt = prebuilt_tables()
    if prebuilt is not None:
        return prebuilt
    LOGGER.info("the tables in %s are out of date: analysing the bundled articles",
                BUNDLED_TABLES)
    pipelines()
    articles, _, _ = read_paths([BUNDLED_ARTICLES])
    return analyse(articles).as_dict()


def _files_digest(*folders: Path) -> str:
    """Names, sizes and times of the files under `folders`: an edit or a rebuild gives a new
    cache key, without reading every file on every run."""
    stats = sorted((str(path), status.st_size, status.st_mtime_ns)
                   for folder in folders if folder.is_dir()
                   for path in folder.rglob("*") if path.is_file()
                   for status in [path.stat()])
    return hashlib.sha256(repr(stats).encode()).hexdigest()


@st.cache_resource(show_spinner="Opening the tables…")
def _folder_corpus(folder: str, digest: str) -> Corpus:
    return Corpus(folder)


@st.cache_resource(show_spinner="Reading the bundled articles' tables…")
def _bundled_corpus(digest: str) -> Corpus:
    if prebuilt_fresh():
        return Corpus(BUNDLED_TABLES)
    return Corpus(frames=_bundled_tables(digest))


def shared_corpus() -> Corpus:
    """The corpus every visitor starts from, as DuckDB views over its Parquet files, opened
    once per server and per state of the files: a configured tables folder, else the
    bundled articles' tables."""
    folder = configured_tables_folder()
    if folder is not None and folder.is_dir():
        return _folder_corpus(str(folder), _files_digest(folder))
    return _bundled_corpus(_files_digest(BUNDLED_ARTICLES, BUNDLED_TABLES))


def query_session() -> Session:
    """A DuckDB connection for this run: the shared tables followed by this visitor's own
    articles. Close it when the run is done with it (`with query_session() as session:`)."""
    own = visitor_tables()
    return shared_corpus().session(own.as_dict() if own is not None else None)


def deferred(query: Callable[[Session], T]) -> Callable[[], T]:
    """`query` to run later, in a connection of its own, on this run's corpus: a download's
    rows are fetched when its button is clicked, after this run's connection is closed."""
    corpus, own = shared_corpus(), visitor_tables()

    def run() -> T:
        with corpus.session(own.as_dict() if own is not None else None) as session:
            return query(session)

    return run


def visitor_tables() -> Tables | None:
    """Tables of the articles this visitor added in this browser session, if any."""
    return st.session_state.get(SESSION_KEY)


@dataclass
class Addition:
    """What became of a visitor's articles: the tables added, ids changed, failures."""

    tables: Tables
    renamed: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def add_visitor_articles(articles: list[Article], *,
                         progress: Callable[[int], None] | None = None) -> Addition:
    """Analyse a visitor's articles and keep them in their session only.

    An id already in the visitor's corpus gets a suffix ("-2", "-3", ...) rather than
    replacing an article. Nothing is written to disk (the analysis cache is off), so no
    other visitor can come across these texts. An article the analysis fails on is
    reported (and logged with its traceback) instead of failing the others.
    """
    pipelines()
    with query_session() as session:
        taken = session.ids_taken([article.article_id for article in articles])
    unique = unique_ids(articles, taken=taken)
    new, failed = analyse_isolated(unique, progress=progress)
    current = visitor_tables()
    if len(new.articles):
        st.session_state[SESSION_KEY] = new if current is None else concat_tables([current, new])
    renamed = {before.article_id: after.article_id
               for before, after in zip(articles, unique, strict=True)
               if before.article_id != after.article_id and after.article_id not in failed}
    failures = [f"{article.origin}: could not be analysed ({failed[article.article_id]}); "
                "skipped" for article in unique if article.article_id in failed]
    return Addition(new, renamed, failures)


def analyse_isolated(articles: list[Article], *, progress: Callable[[int], None] | None = None
                     ) -> tuple[Tables, dict[str, str]]:
    """The tables of `articles`, and the reason for each article id the analysis failed on.

    Articles go through the pipeline in groups of at most `ANALYSIS_GROUP_CHARS`
    characters, because the pipeline parses a whole batch at once and its memory grows with
    the batch's text. Should a group fail, its articles are analysed one at a time, so that
    one hostile text costs its own place, not the others'.
    """
    analysed: list[Tables] = []
    failed: dict[str, str] = {}
    for group in _groups(articles, ANALYSIS_GROUP_CHARS):
        try:
            analysed.append(analyse(group, use_cache=False, progress=progress))
            continue
        # The boundary between visitors' texts and the analysis: a failure becomes a message.
        except Exception:  # noqa: BLE001
            LOGGER.exception("analysis of %d uploaded articles failed; retrying one by one",
                             len(group))
        for article in group:
            try:
                analysed.append(analyse([article], use_cache=False))
            except Exception as error:  # noqa: BLE001
                LOGGER.exception("analysis failed on uploaded article %s", article.origin)
                failed[article.article_id] = f"internal error: {type(error).__name__}"
    return (concat_tables(analysed) if analysed else analyse([], use_cache=False)), failed


def _groups(articles: list[Article], limit: int) -> list[list[Article]]:
    """Consecutive articles in groups of at most `limit` characters (or one longer article)."""
    groups: list[list[Article]] = []
    size = limit
    for article in articles:
        if size + len(article.text) > limit:
            groups.append([])
            size = 0
        groups[-1].append(article)
        size += len(article.text)
    return groups


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


def concat_tables(parts: list[Tables]) -> Tables:
    return Tables(**{
        name: pd.concat([part.as_dict()[name] for part in parts], ignore_index=True)
        for name in TABLE_COLUMNS
    })
