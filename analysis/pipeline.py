"""Articles in, tables out: run the spaCy pipelines in batches and the extractors on each Doc.

Articles stream through in batches, so memory stays bounded whatever the corpus size:
`iter_analysed` reads a few batches ahead of what it has yielded, never the whole input.
With `workers` above one, batches go to worker processes, each with its own pipelines.

Results of each article are cached on disk (`analysis.cache`, one SQLite file shared by
the worker processes) keyed on its text, language and the pipeline version (model,
resource files, reference cases, extraction code), so a re-run on an unchanged corpus only
reads the cache, and a build that was interrupted resumes where it stopped.
"""

from __future__ import annotations

import ast
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import fields
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import lexicon
from analysis.cache import RowCache, default_cache_dir
from analysis.ingest import Article
from analysis.nlp import MAX_DOC_CHARS, load_pipeline, pipeline_package
from analysis.ocr import repair
from analysis.reference import CASES_PATH, load_cases
from analysis.tables import Tables, make_table

if TYPE_CHECKING:
    from analysis.document import ArticleDoc

EXTRACTION_VERSION = "1"
# Articles per batch: read, looked up in the cache, and parsed together by `nlp.pipe`.
BATCH_SIZE = 32
# Characters parsed together at most (one longer chunk goes alone): the parser's activations
# take about 3 kB a character while a batch is parsed (210 MB for 65,000 characters).
BATCH_CHARS = 25_000
# With `workers` > 1, the first batch with articles to parse starts the worker processes.
# When it has at least this many, this process loads its pipelines first and the workers
# are forked with them (loaded once, shared); fewer (an edit to a few articles of a large
# corpus), the workers are forked at once and each loads what it meets, while this process
# goes on reading the cache instead of waiting seconds for the models.
PRELOAD_MIN_ARTICLES = 8
# With worker processes, how far reading may run ahead of the rows yielded: far enough to
# keep the workers busy and to go on reading cached articles while a worker loads its
# pipelines (seconds, for French), near enough to bound memory (articles and their rows).
READ_AHEAD_ARTICLES = 2048
ROW_TABLES = ("actors", "actor_mentions", "claims", "case_mentions")
# The modules whose code decides the rows: these and every module of the package they
# import, found by reading their imports (`code_files`), so no module can be forgotten.
EXTRACTION_MODULES = ("analysis.pipeline", "analysis.actors", "analysis.claims", "analysis.cases")
PACKAGE = Path(__file__).resolve().parent

Rows = dict[str, list[dict]]
Progress = Callable[[int], None]


def default_workers() -> int:
    """One worker per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@cache
def pipeline_version(language: str) -> str:
    """What the results of a language depend on, besides the text.

    Read from package metadata and file digests, without loading the pipeline: a re-run
    on cached results loads no model at all.
    """
    package, version = pipeline_package(language)
    return "|".join([package, version, lexicon.resources_digest(), _cases_digest(),
                     EXTRACTION_VERSION, _code_digest()])


def analyse(articles: Iterable[Article], *, cache_dir: Path | None = None, use_cache: bool = True,
            progress: Progress | None = None, workers: int = 1) -> Tables:
    """Analyse articles into the four tables (plus `actor_mentions`), in input order."""
    articles = list(articles)
    rows: Rows = {name: [] for name in ROW_TABLES}
    for article_rows in iter_analysed(articles, cache_dir=cache_dir, use_cache=use_cache,
                                      progress=progress, workers=workers):
        for name in ROW_TABLES:
            rows[name] += article_rows[name]
    return tables_from_rows([article.as_row() for article in articles], rows)


def iter_analysed(articles: Iterable[Article], *, cache_dir: Path | None = None,
                  use_cache: bool = True, progress: Progress | None = None,
                  workers: int = 1) -> Iterator[Rows]:
    """The rows of each article, in input order, batch by batch (bounded memory)."""
    for _, rows in iter_article_rows(articles, cache_dir=cache_dir, use_cache=use_cache,
                                     progress=progress, workers=workers):
        yield rows


def iter_article_rows(articles: Iterable[Article], *, cache_dir: Path | None = None,
                      use_cache: bool = True, progress: Progress | None = None,
                      workers: int = 1) -> Iterator[tuple[Article, Rows]]:
    """(article, its rows) for each article, in input order.

    Reads at most READ_AHEAD_ARTICLES ahead of what it has yielded (one batch in this
    process). Cached articles are read from the cache; the others are parsed here or, with
    `workers` > 1, by that many worker processes, started at the first batch with articles
    to parse, which write the cache as they go.
    """
    cache_folder = (cache_dir or default_cache_dir()) if use_cache else None
    cache = RowCache(cache_folder) if cache_folder else None
    pending: deque[_Batch] = deque()
    # The workers stop first: this process, closing the store last, folds SQLite's
    # write-ahead log back into it.
    with cache or nullcontext(), _Workers(workers, cache_folder) as pool:
        for articles_batch in _batches(articles, BATCH_SIZE):
            batch = _Batch(articles_batch, keyed=cache is not None)
            cached = cache.get_many(batch.keys, lazy=True) if cache else {}
            for position, key in enumerate(batch.keys):
                if key in cached:
                    batch.results[position] = cached[key]
            missing = batch.missing()
            if missing and pool.workers > 1:
                batch.futures = pool.submit(batch, missing)
            elif missing:
                batch.analyse_here(missing, cache)
            pending.append(batch)
            while pending and (pending[0].done() or len(pending) > pool.ahead):
                yield from _finish(pending.popleft(), progress)
        while pending:
            yield from _finish(pending.popleft(), progress)


class _Batch:
    """Articles read together, their cache keys, and their rows as they become known."""

    def __init__(self, articles: list[Article], *, keyed: bool = True) -> None:
        self.articles = articles
        # (without a cache, no key: its digest of the extraction code reads every module)
        self.keys = [_cache_key(article) if keyed else "" for article in articles]
        self.results: dict[int, Rows] = {}
        self.futures: list[tuple[list[int], Future]] = []

    def missing(self) -> list[int]:
        return [position for position in range(len(self.articles))
                if position not in self.results]

    def analyse_here(self, positions: list[int], cache: RowCache | None) -> None:
        for language, group in _by_language(self.articles, positions):
            rows = _analyse_language([self.articles[position] for position in group], language)
            for position, article_rows in zip(group, rows):
                self.results[position] = article_rows
            if cache:
                cache.put_many((self.keys[position], article_rows)
                               for position, article_rows in zip(group, rows))

    def done(self) -> bool:
        return all(future.done() for _, future in self.futures)


def _finish(batch: _Batch, progress: Progress | None) -> Iterator[tuple[Article, Rows]]:
    for positions, future in batch.futures:
        for position, rows in zip(positions, future.result()):
            batch.results[position] = rows
    for position, article in enumerate(batch.articles):
        yield article, batch.results[position]
    if progress:
        progress(len(batch.articles))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _by_language(articles: list[Article], positions: list[int]) -> list[tuple[str, list[int]]]:
    languages = sorted({articles[position].language for position in positions})
    return [(language, [position for position in positions
                        if articles[position].language == language]) for language in languages]


class _Workers:
    """Worker processes, started on the first batch with articles to parse.

    Where the platform can fork and that batch has PRELOAD_MIN_ARTICLES to parse, this
    process loads the pipelines of its languages first, so that every worker starts with
    them; a worker loads any other language it meets once (loading the French pipeline
    takes seconds: spaCy compiles its tokenizer's exception patterns, a 1.4 MB regular
    expression).
    """

    def __init__(self, workers: int, cache_folder: Path | None) -> None:
        self.workers = max(1, int(workers))
        self.cache_folder = cache_folder
        self.executor: ProcessPoolExecutor | None = None
        self.ahead = 0

    def submit(self, batch: _Batch, positions: list[int]) -> list[tuple[list[int], Future]]:
        groups = _by_language(batch.articles, positions)
        if self.executor is None:
            preload = len(positions) >= PRELOAD_MIN_ARTICLES
            self._start([language for language, _ in groups] if preload else [])
        return [(group, self.executor.submit(
                    _analyse_in_worker, language, [batch.articles[p] for p in group],
                    [batch.keys[p] for p in group], self.cache_folder))
                for language, group in groups]

    def _start(self, languages: list[str]) -> None:
        forking = sys.platform.startswith("linux")
        for language in languages if forking else ():
            load_pipeline(language)
        if forking:
            gc.freeze()  # the objects workers inherit: their collections leave them alone
        context = multiprocessing.get_context("fork" if forking else "spawn")
        self.executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                            initializer=_worker_started)
        self.ahead = max(1, READ_AHEAD_ARTICLES // BATCH_SIZE)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.executor is not None:
            # After an error or an interruption, drop the queued batches; the ones running
            # finish and are cached, so a re-run resumes from there.
            self.executor.shutdown(wait=True, cancel_futures=exc_info[0] is not None)


def _worker_started() -> None:
    # Ctrl-C reaches the whole process group: the main process decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _analyse_in_worker(language: str, articles: list[Article], keys: list[str],
                       cache_folder: Path | None) -> list[Rows]:
    rows = _analyse_language(articles, language)
    if cache_folder:
        _worker_cache(cache_folder).put_many(zip(keys, rows))
    return rows


@cache
def _worker_cache(folder: Path) -> RowCache:
    """A worker's store, kept open from batch to batch (it reopens itself in a new process)."""
    return RowCache(folder)


def _analyse_language(articles: list[Article], language: str) -> list[Rows]:
    cases = _reference_cases()
    return [extract(article, article_doc, cases)
            for article, article_doc in zip(articles, _parse(articles, language))]


@cache
def _reference_cases() -> pd.DataFrame:
    return load_cases()


def _parse(articles: list[Article], language: str) -> Iterator[ArticleDoc]:
    """Docs of each article, long texts cut at paragraph breaks into chunks."""
    from analysis.document import ArticleDoc

    nlp = load_pipeline(language)
    chunks = [(index, offset, text) for index, article in enumerate(articles)
              for offset, text in split_text(article.text)]
    parts: dict[int, list] = {index: [] for index in range(len(articles))}
    for group in _groups_by_size(chunks):
        docs = nlp.pipe((repair(text) for _, _, text in group), batch_size=len(group))
        for (index, offset, _), doc in zip(group, docs):
            parts[index].append((doc, offset))
    for index, article in enumerate(articles):
        yield ArticleDoc(article.article_id, language, article.text, parts[index],
                         published_year=_year(article.published), published=article.published)


def _groups_by_size(chunks: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Chunks in groups of at most BATCH_SIZE texts and BATCH_CHARS characters: spaCy holds a
    whole batch's activations at once, so a few long chunks together would not be bounded."""
    group: list[tuple[int, int, str]] = []
    size = 0
    for chunk in chunks:
        if group and (len(group) >= BATCH_SIZE or size + len(chunk[2]) > BATCH_CHARS):
            yield group
            group, size = [], 0
        group.append(chunk)
        size += len(chunk[2])
    if group:
        yield group


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
    from analysis.actors import find_actors
    from analysis.cases import find_case_mentions
    from analysis.claims import find_claims, find_structure
    from analysis.lexicon import rules

    actor_index = find_actors(article_doc)
    structure = find_structure(article_doc, actor_index, rules(article_doc.language))
    claims = find_claims(article_doc, actor_index, structure)
    case_mentions = find_case_mentions(article_doc, actor_index, claims, cases, structure)
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
            {"claim_id": f"{article_id}-c{number:03d}", "article_id": article_id, **_as_row(claim)}
            for number, claim in enumerate(claims, start=1)
        ],
        "case_mentions": [
            {"article_id": article_id, **_as_row(mention)} for mention in case_mentions
        ],
    }


def _as_row(record: object) -> dict:
    """A dataclass of plain values as a dict, fields in order (what `dataclasses.asdict`
    gives, without its deep copy of every value)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(item.name for item in fields(kind))


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


@cache
def _code_digest() -> str:
    """A digest of the extraction code, so a code change invalidates cached results."""
    return code_digest(code_files())


def code_digest(files: list[Path], read: Callable[[Path], bytes] = Path.read_bytes) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(read(path))
    return digest.hexdigest()[:12]


@cache
def code_files() -> list[Path]:
    """The source files of the extraction modules and of every module of this package they
    import, directly or not, read from their import statements (nothing is imported)."""
    seen: set[Path] = set()
    queue = [_module_file(name) for name in EXTRACTION_MODULES]
    while queue:
        path = queue.pop()
        if path is None or path in seen:
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _statements(tree.body):
            if isinstance(node, ast.Import):
                queue += [_module_file(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                queue.append(_module_file(node.module))
                queue += [_module_file(f"{node.module}.{alias.name}") for alias in node.names]
    return sorted(seen)


def _statements(nodes: list[ast.AST]) -> Iterator[ast.AST]:
    """Every statement of `nodes` and of the blocks inside them (an import is a statement:
    the expressions, most of a module's nodes, need not be visited)."""
    for node in nodes:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, block, None)
            if isinstance(inner, list):
                yield from _statements(inner)


def _module_file(name: str) -> Path | None:
    """The file of a module of this package ("analysis.claims" -> claims/__init__.py)."""
    if name != "analysis" and not name.startswith("analysis."):
        return None
    parts = name.split(".")[1:]
    if not parts:
        return PACKAGE / "__init__.py"
    relative = Path(*parts)
    for candidate in (PACKAGE / relative / "__init__.py", PACKAGE / relative.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@cache
def _cases_digest() -> str:
    """A digest of the reference cases, which decide each case mention's `case_id`."""
    try:
        return hashlib.sha256(Path(CASES_PATH).read_bytes()).hexdigest()[:12]
    except OSError:
        return ""
