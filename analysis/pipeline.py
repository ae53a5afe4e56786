"""Articles in, tables out: run the spaCy pipelines in batches and the extractors on each Doc.

Results of each article are cached on disk keyed on its text, language and the
pipeline version (model, resource files, extraction code), so a re-run on an
unchanged corpus only reads the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from itertools import islice
from pathlib import Path

import pandas as pd

from analysis import lexicon
from analysis.actors import find_actors
from analysis.cases import find_case_mentions
from analysis.claims import find_claims
from analysis.document import ArticleDoc
from analysis.ingest import Article
from analysis.nlp import MAX_DOC_CHARS, load_pipeline
from analysis.reference import load_cases
from analysis.tables import Tables, make_table

EXTRACTION_VERSION = "1"
BATCH_SIZE = 32
ROW_TABLES = ("actors", "actor_mentions", "claims", "case_mentions")

Rows = dict[str, list[dict]]
Progress = Callable[[int], None]


def default_cache_dir() -> Path:
    """Where results are cached: $NATO_DASHBOARD_CACHE, else the user's cache folder."""
    configured = os.environ.get("NATO_DASHBOARD_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nato-exit-dashboard"


def pipeline_version(language: str) -> str:
    """What the results of a language depend on, besides the text."""
    nlp = load_pipeline(language)
    return "|".join([nlp.meta["loaded_package"], nlp.meta["version"], lexicon.resources_digest(),
                     EXTRACTION_VERSION, _code_digest()])


def analyse(articles: Iterable[Article], *, cache_dir: Path | None = None, use_cache: bool = True,
            progress: Progress | None = None) -> Tables:
    """Analyse articles into the four tables (plus `actor_mentions`), in input order."""
    articles = list(articles)
    rows = {name: [] for name in ROW_TABLES}
    for article_rows in iter_analysed(articles, cache_dir=cache_dir, use_cache=use_cache,
                                      progress=progress):
        for name in ROW_TABLES:
            rows[name] += article_rows[name]
    return tables_from_rows([article.as_row() for article in articles], rows)


def iter_analysed(articles: Iterable[Article], *, cache_dir: Path | None = None,
                  use_cache: bool = True, progress: Progress | None = None) -> Iterator[Rows]:
    """The rows of each article, in input order, batch by batch (bounded memory)."""
    cache = _Cache(cache_dir or default_cache_dir()) if use_cache else None
    cases = load_cases()
    articles = iter(articles)
    while batch := list(islice(articles, BATCH_SIZE)):
        results: dict[int, Rows] = {}
        missing: list[tuple[int, Article, str]] = []
        for position, article in enumerate(batch):
            key = _cache_key(article)
            cached = cache.get(key) if cache else None
            if cached is not None:
                results[position] = cached
            else:
                missing.append((position, article, key))
        for language in sorted({article.language for _, article, _ in missing}):
            todo = [(pos, art, key) for pos, art, key in missing if art.language == language]
            for (position, article, key), article_doc in zip(todo, _parse(
                    [article for _, article, _ in todo], language)):
                results[position] = extract(article, article_doc, cases)
                if cache:
                    cache.put(key, results[position])
        for position in range(len(batch)):
            yield results[position]
        if progress:
            progress(len(batch))


def _parse(articles: list[Article], language: str) -> Iterator[ArticleDoc]:
    """Docs of each article, long texts cut at paragraph breaks into chunks."""
    nlp = load_pipeline(language)
    chunks = [(index, offset, text) for index, article in enumerate(articles)
              for offset, text in split_text(article.text)]
    docs = nlp.pipe((text for _, _, text in chunks), batch_size=BATCH_SIZE)
    parts: dict[int, list] = {index: [] for index in range(len(articles))}
    for (index, offset, _), doc in zip(chunks, docs):
        parts[index].append((doc, offset))
    for index, article in enumerate(articles):
        yield ArticleDoc(article.article_id, language, article.text, parts[index],
                         published_year=_year(article.published))


def split_text(text: str, *, limit: int = MAX_DOC_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most `limit` characters, cut at paragraph, line or
    sentence ends where possible, so offsets in each chunk add up to offsets in the text."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start: start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        cut = cut + 1 if cut > limit // 2 else limit
        pieces.append((start, text[start: start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def extract(article: Article, article_doc: ArticleDoc, cases: pd.DataFrame) -> Rows:
    """Rows of every table for one parsed article."""
    actor_index = find_actors(article_doc)
    claims = find_claims(article_doc, actor_index)
    case_mentions = find_case_mentions(article_doc, actor_index, claims, cases)
    article_id = article.article_id
    return {
        "actors": [
            {"article_id": article_id, "actor": actor.actor, "actor_type": actor.actor_type,
             "role": "; ".join(actor.roles), "affiliation": actor.affiliation,
             "mentions": actor.mentions}
            for actor in actor_index.actors.values()
        ],
        "actor_mentions": [
            {"article_id": article_id, "sentence_index": mention.sentence_index,
             "start_char": mention.start_char, "end_char": mention.end_char,
             "actor": mention.actor, "actor_type": mention.actor_type,
             "text": article.text[mention.start_char: mention.end_char]}
            for mention in actor_index.mentions
        ],
        "claims": [
            {"claim_id": f"{article_id}-c{number:03d}", "article_id": article_id, **asdict(claim)}
            for number, claim in enumerate(claims, start=1)
        ],
        "case_mentions": [
            {"article_id": article_id, **asdict(mention)} for mention in case_mentions
        ],
    }


def tables_from_rows(article_rows: list[dict], rows: Rows) -> Tables:
    return Tables(
        articles=make_table("articles", article_rows),
        **{name: make_table(name, rows[name]) for name in ROW_TABLES},
    )


def _year(published: str) -> int | None:
    return int(published[:4]) if published[:4].isdigit() else None


def _cache_key(article: Article) -> str:
    payload = "\n".join([pipeline_version(article.language), article.article_id,
                         article.language, article.published, article.text])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_CODE_DIGEST: str | None = None


def _code_digest() -> str:
    """A digest of the extraction code, so a code change invalidates cached results."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        digest = hashlib.sha256()
        for name in ("actors.py", "claims.py", "cases.py", "document.py", "pipeline.py"):
            digest.update((Path(__file__).parent / name).read_bytes())
        _CODE_DIGEST = digest.hexdigest()[:12]
    return _CODE_DIGEST


class _Cache:
    """One JSON file per analysed article, written atomically, in a folder of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Rows | None:
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def put(self, key: str, rows: Rows) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(rows, stream, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
