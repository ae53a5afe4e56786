"""The corpus tables queried with DuckDB: the dashboard's filters as SQL, only the rows a
page shows fetched.

A `Corpus` is a DuckDB database whose views are the five tables of a folder: Parquet files
are read where they lie, column by column and only as far as a query needs, so a server's
memory does not grow with the corpus. `Corpus.session(own)` opens a connection of its own
(one per script run: a DuckDB connection is not shared between threads) in which the tables
are the folder's rows followed by a visitor's own articles, registered as views of their
DataFrames, so the same queries serve both.

An analyst's corrections (`analysis.corrections`) turn the views into corrected ones, each
with a `corrected` column: `Corpus.session(own, corrections=...)` or `Session.correct`, so
every query of the session, every page, chart and download, reads the corrected rows.
`corrections_in_force` gives the corrections to sessions opened later in the same context
(a download fetched when its button is clicked opens its own).

Every value a visitor chooses reaches the SQL as a bound parameter (`?`). The SQL text is
assembled only from this module's fixed fragments and from column names checked against
the table contract (`analysis.tables`), never from input.

The filters mean what `Selection` says; `Session.table(name, selection)` gives each table's
rows under it in the tables' own order (`_row`, the row's place in its file, then in the
visitor's frames).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analysis import corrections as corrections_table
from analysis.store import read_columns, table_path
from analysis.tables import TABLE_COLUMNS, make_table

# The order of the rows: a table's rows in the folder's files come first, in file order,
# then a visitor's, offset by this much.
ROW = "_row"
OWN_ROWS_FROM = 1 << 48
# Threads and memory of one server's queries: two cores, and memory a hosted box can spare
# beside the server itself and, once a visitor adds articles, the spaCy pipelines (about
# 285 MB). What needs more (the pairs of actors named together, the speakers' parties of a
# million claims) spills to a temporary folder of its own. $NATO_DASHBOARD_QUERY_MEMORY
# sets another limit ("512MB", "2GB") on a server with memory to spare.
THREADS = 2
MEMORY_LIMIT = "160MB"
MEMORY_VARIABLE = "NATO_DASHBOARD_QUERY_MEMORY"
_MEMORY_SIZE = re.compile(r"\s*\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)\s*", re.IGNORECASE)
# An actor's own party or state is what it stands for when it speaks: "La France Insoumise"
# accusing someone counts for La France Insoumise, "Greece" arguing counts for Greece.
SELF_AFFILIATED_TYPES = ("party", "state")
AFFILIATION_GROUP = (
    "CASE WHEN affiliation <> '' THEN affiliation WHEN actor_type IN ("
    + ", ".join(f"'{actor_type}'" for actor_type in SELF_AFFILIATED_TYPES)
    + ") THEN actor ELSE '' END")
# Results a corpus remembers (`Corpus.recall`): their size in all, and the largest kept.
# Pick lists, counts, chart data and pages of rows are kilobytes; a whole table is not kept.
MEMO_BYTES = 32_000_000
MEMO_LARGEST = 2_000_000
MEMO_ROWS = 20_000
_MISSING = object()
LOGGER = logging.getLogger(__name__)
# The corrections sessions opened in this context apply when none are given.
_IN_FORCE: ContextVar[pd.DataFrame | None] = ContextVar("corrections_in_force", default=None)


@contextmanager
def corrections_in_force(corrections: pd.DataFrame | None) -> Iterator[None]:
    """Sessions opened inside the block without corrections of their own apply these."""
    token = _IN_FORCE.set(corrections)
    try:
        yield
    finally:
        _IN_FORCE.reset(token)


@dataclass(frozen=True)
class Selection:
    """The sidebar filters in use; an empty tuple or `None` means "no restriction".

    Article criteria (language, source, dates, article, country named) pick articles; actor
    criteria (type, party or affiliation) pick actors, the claims those actors make and the
    articles that name them. Every table then keeps only rows of the picked articles.
    """

    language: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    published: tuple[date, date] | None = None
    articles: tuple[str, ...] = ()
    actor_type: tuple[str, ...] = ()
    affiliation: tuple[str, ...] = ()
    country: tuple[str, ...] = ()

    def active(self) -> dict[str, list[str]]:
        """The filters in use by URL key, values as text (for file names and links)."""
        active: dict[str, list[str]] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value:
                active[item.name] = [str(part) for part in value]
        return active

    @property
    def actor_criteria(self) -> bool:
        return bool(self.actor_type or self.affiliation)


class Query:
    """SQL text and its parameters, built up from fixed fragments."""

    def __init__(self, sql: str = "", params: Sequence[object] = ()) -> None:
        self.sql = sql
        self.params = list(params)

    def __repr__(self) -> str:
        return f"Query({self.sql!r}, {self.params!r})"


def _list(values: Iterable[object]) -> list[str]:
    """Values as a list of text, for a `?::VARCHAR[]` parameter (any iterable: a tuple, a
    pandas Series)."""
    return [str(value) for value in values]


def _picked_articles(selection: Selection) -> Query:
    """Article ids the article criteria and the country pick (before actor criteria)."""
    where, params = ["TRUE"], []
    for column in ("language", "source"):
        chosen = getattr(selection, column)
        if chosen:
            where.append(f"list_contains(?::VARCHAR[], {column})")
            params.append(_list(chosen))
    if selection.published:
        start, end = (day.isoformat() for day in selection.published)
        where.append("published <> '' AND published >= ? AND published <= ?")
        params += [start, end]
    if selection.articles:
        where.append("list_contains(?::VARCHAR[], article_id)")
        params.append(_list(selection.articles))
    if selection.country:
        where.append(
            "article_id IN (SELECT article_id FROM case_mentions "
            "WHERE list_contains(?::VARCHAR[], country) "
            "UNION SELECT article_id FROM actors "
            "WHERE actor_type = 'state' AND list_contains(?::VARCHAR[], actor))")
        params += [_list(selection.country), _list(selection.country)]
    return Query(f"SELECT article_id FROM articles WHERE {' AND '.join(where)}", params)


def _kept_actors(selection: Selection, picked: str) -> Query:
    """Actor rows of the picked articles that meet the actor criteria."""
    where, params = [f"article_id IN (SELECT article_id FROM {picked})"], []
    if selection.actor_type:
        where.append("list_contains(?::VARCHAR[], actor_type)")
        params.append(_list(selection.actor_type))
    if selection.affiliation:
        where.append(f"list_contains(?::VARCHAR[], {AFFILIATION_GROUP})")
        params.append(_list(selection.affiliation))
    return Query(f"SELECT * FROM actors WHERE {' AND '.join(where)}", params)


def selection_ctes(selection: Selection) -> Query:
    """`WITH` clauses naming the selection's article ids (`ids`) and actors (`kept`)."""
    picked = _picked_articles(selection)
    kept = _kept_actors(selection, "picked")
    ids = ("SELECT article_id FROM picked WHERE article_id IN (SELECT article_id FROM kept)"
           if selection.actor_criteria else "SELECT article_id FROM picked")
    return Query(f"WITH picked AS ({picked.sql}), kept AS ({kept.sql}), ids AS ({ids})",
                 picked.params + kept.params)


def _table_where(name: str, selection: Selection) -> Query:
    """The condition rows of table `name` meet under the selection (given `ids`, `kept`)."""
    in_ids = "article_id IN (SELECT article_id FROM ids)"
    # A semi-join on two columns: far less memory than matching (article_id, actor) pairs.
    in_kept = (f"EXISTS (SELECT 1 FROM kept WHERE kept.article_id = {name}.article_id "
               f"AND kept.actor = {name}.{{column}})")
    if name == "actors" and not selection.actor_criteria:
        return Query(in_ids)  # every actor of the chosen articles is kept
    if name == "actors":
        return Query(f"{in_ids} AND " + in_kept.format(column="actor"))
    if name == "actor_mentions":
        return Query(f"{in_ids} AND " + in_kept.format(column="actor"))
    if name == "claims" and selection.actor_criteria:
        return Query(f"{in_ids} AND " + in_kept.format(column="speaker"))
    if name == "case_mentions" and selection.country:
        return Query(f"{in_ids} AND list_contains(?::VARCHAR[], country)",
                     [_list(selection.country)])
    return Query(in_ids)


def memory_limit() -> str:
    """The memory the queries of a corpus may use: $NATO_DASHBOARD_QUERY_MEMORY if it is a
    size such as "512MB", else `MEMORY_LIMIT` (a value that is not a size is logged)."""
    given = os.environ.get(MEMORY_VARIABLE, "")
    if _MEMORY_SIZE.fullmatch(given):
        return given.strip()
    if given:
        LOGGER.warning("%s=%r is not a size such as 512MB; queries use %s", MEMORY_VARIABLE,
                       given, MEMORY_LIMIT)
    return MEMORY_LIMIT


def check_columns(name: str, columns: Sequence[str], known: Sequence[str]) -> list[str]:
    """`columns` if each is a column of table `name`; a name from anywhere else is refused,
    since column names are the one part of a query that cannot be a parameter."""
    unknown = [column for column in columns if column not in known]
    if unknown:
        raise ValueError(f"{name} has no column {', '.join(map(repr, unknown))}")
    return list(columns)


class Corpus:
    """The tables of one folder as DuckDB views; `session` opens a connection per run."""

    def __init__(self, folder: str | Path | None = None, *,
                 frames: Mapping[str, pd.DataFrame] | None = None) -> None:
        spill = tempfile.mkdtemp(prefix="nato-dashboard-duckdb-")
        self.database = duckdb.connect(config={"threads": THREADS,
                                               "memory_limit": memory_limit(),
                                               "temp_directory": spill})
        weakref.finalize(self, shutil.rmtree, spill, ignore_errors=True)
        self.columns: dict[str, list[str]] = {}
        self._memo: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._memo_bytes = 0
        self._memo_lock = threading.Lock()
        for name in TABLE_COLUMNS:
            relation = self._shared_relation(name, folder, (frames or {}).get(name))
            relation.create_view(f"shared_{name}")
            self.columns[name] = [column for column in relation.columns if column != ROW]

    def _shared_relation(self, name: str, folder: str | Path | None,
                         frame: pd.DataFrame | None) -> duckdb.DuckDBPyRelation:
        path = table_path(folder, name) if folder is not None else None
        if path is not None and path.suffix == ".parquet":
            relation = self.database.read_parquet(str(path), file_row_number=True)
            return relation.project(f"* EXCLUDE (file_row_number), file_row_number AS {ROW}")
        if frame is None:
            frame = read_columns(folder, name) if path is not None else make_table(name, [])
        return self.database.from_df(frame.assign(**{ROW: range(len(frame))}))

    def recall(self, key: tuple) -> Any:
        """A result remembered under `key` (`_MISSING` if none), the most recent kept."""
        with self._memo_lock:
            found = self._memo.get(key)
            if found is None:
                return _MISSING
            self._memo.move_to_end(key)
            return found[0]

    def remember(self, key: tuple, result: Any) -> bool:
        """Keep a small result of a query on these tables, the least recent dropped past
        `MEMO_BYTES`: the files of a corpus do not change (a rebuilt folder is a new
        `Corpus`), so the same query on the same views gives the same rows. Whether it
        was kept (not when larger than `MEMO_LARGEST`)."""
        size = _size(result) if len(result) <= MEMO_ROWS else MEMO_LARGEST + 1
        if size > MEMO_LARGEST:
            return False
        with self._memo_lock:
            if key in self._memo:
                self._memo_bytes -= self._memo.pop(key)[1]
            self._memo[key] = (result, size)
            self._memo_bytes += size
            while self._memo_bytes > MEMO_BYTES:
                self._memo_bytes -= self._memo.popitem(last=False)[1][1]
        return True

    def session(self, own: Mapping[str, pd.DataFrame] | None = None, *,
                corrections: pd.DataFrame | None = None) -> Session:
        """A connection of this run's own: the shared tables, then `own` rows, if any, with
        `corrections` (else those in force in this context, if any) applied."""
        session = Session(self, own or {})
        corrections = corrections if corrections is not None else _IN_FORCE.get()
        if corrections is not None:
            session.correct(corrections)
        return session


class Session:
    """One run's connection: views `articles`, `actors`, ... over shared and own rows
    (`raw_articles`, ...), corrected once `correct` is called."""

    def __init__(self, corpus: Corpus, own: Mapping[str, pd.DataFrame]) -> None:
        self.corpus = corpus
        self.connection = corpus.database.cursor()
        self.columns = dict(corpus.columns)
        self.corrections: pd.DataFrame | None = None
        self.resolution = corrections_table.Resolution(pd.DataFrame())
        # What the views show beyond the corpus's files, for remembered results: nothing
        # yet; a visitor's own rows are theirs alone and are not remembered (None).
        self.memo_key: str | None = "plain"
        for name in TABLE_COLUMNS:
            frame = own.get(name)
            if frame is None or frame.empty:
                self.connection.execute(
                    f"CREATE OR REPLACE TEMP VIEW raw_{name} AS SELECT * FROM shared_{name}")
                continue
            extra = [column for column in frame.columns if column not in self.columns[name]]
            if extra:  # a column the shared tables lack stays out: one schema per table
                frame = frame.drop(columns=extra)
            self.memo_key = None
            rows = frame.assign(**{ROW: range(OWN_ROWS_FROM, OWN_ROWS_FROM + len(frame))})
            self.connection.register(f"own_{name}", rows)
            self.connection.execute(
                f"CREATE OR REPLACE TEMP VIEW raw_{name} AS SELECT * FROM shared_{name} "
                f"UNION ALL BY NAME SELECT * FROM own_{name}")
        corrections_table.plain_views(self.connection, list(TABLE_COLUMNS))

    def correct(self, corrections: pd.DataFrame, *,
                reuse: corrections_table.Resolution | None = None
                ) -> corrections_table.Resolution:
        """Show the tables with `corrections` applied (none: as given, with a `corrected`
        column all false); what became of each correction is `self.resolution`. `reuse`: an
        earlier session's resolution of the same corrections on the same tables."""
        self.resolution = corrections_table.install(self.connection, corrections, reuse=reuse)
        self.corrections = corrections
        if self.memo_key is not None:
            self.memo_key = "corrected " + hashlib.sha256(
                corrections.to_csv(index=False).encode()).hexdigest()
        for name in corrections_table.CORRECTED_TABLES:
            self.columns[name] = [*self.corpus.columns[name], "corrected"]
        return self.resolution

    def base_rows(self, name: str, column: str, values: Sequence[object]) -> pd.DataFrame:
        """Rows of table `name` as the extractor gave them (claims: and those added by hand)
        whose `column` holds one of `values`: what a new correction of them records."""
        check_columns(name, [column], [*self.corpus.columns[name], ROW])
        source = "base_claims" if name == "claims" else f"raw_{name}"
        frame = self.connection.execute(
            f"SELECT * FROM {source} WHERE list_contains(?::VARCHAR[], CAST({column} AS VARCHAR))"
            f" ORDER BY {ROW}", [_list(values)]).df()
        return _typed(name, frame)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- Queries ------------------------------------------------------------------------

    def frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        """The rows of a query over the session's views (never its temporary tables), as a
        frame; a small result is remembered by the corpus for the next run that asks."""
        return self._remembered("frame", sql, params,
                                lambda: self.connection.execute(sql, params).df())

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """As `frame`, the rows as tuples."""
        return self._remembered("rows", sql, params,
                                lambda: self.connection.execute(sql, params).fetchall())

    def _remembered(self, kind: str, sql: str, params: Sequence[object], run: Any) -> Any:
        key = None if self.memo_key is None else (self.memo_key, kind, sql, repr(params))
        found = _MISSING if key is None else self.corpus.recall(key)
        if found is _MISSING:
            found = run()
            if key is None or not self.corpus.remember(key, found):
                return found
        # A copy: the caller may change its frame, the remembered one must stay as it was.
        return found.copy() if isinstance(found, pd.DataFrame) else list(found)

    def filtered(self, name: str, selection: Selection, *,
                 where: Mapping[str, Sequence[str]] | None = None) -> Query:
        """SQL of table `name`'s rows under `selection`, and where each column in `where`
        holds one of the values given (an empty list: no restriction)."""
        ctes, rows = selection_ctes(selection), _table_where(name, selection)
        conditions, params = [rows.sql], ctes.params + rows.params
        for column, chosen in (where or {}).items():
            check_columns(name, [column], [*self.columns[name], ROW])
            values = _list(chosen)
            if values:
                conditions.append(f"list_contains(?::VARCHAR[], CAST({column} AS VARCHAR))")
                params.append(_list(values))
        return Query(f"{ctes.sql} SELECT * FROM {name} WHERE {' AND '.join(conditions)}",
                     params)

    def table(self, name: str, selection: Selection = Selection(), *,
              where: Mapping[str, Sequence[str]] | None = None,
              columns: Sequence[str] | None = None, limit: int | None = None,
              offset: int = 0) -> pd.DataFrame:
        """Rows of table `name` under the selection, in the tables' order, typed as the
        contract: all of them, or `limit` rows from `offset` (a page of a table)."""
        chosen = check_columns(name, columns or self.columns[name], [*self.columns[name], ROW])
        query = self.filtered(name, selection, where=where)
        sql = (f"SELECT {', '.join(chosen)} FROM ({query.sql}) ORDER BY {ROW}"
               + (" LIMIT ? OFFSET ?" if limit is not None else ""))
        params = query.params + ([int(limit), int(offset)] if limit is not None else [])
        frame = (self.frame(sql, params) if limit is not None
                 else self.connection.execute(sql, params).df())
        return _typed(name, frame)

    def count(self, name: str, selection: Selection = Selection(), *,
              where: Mapping[str, Sequence[str]] | None = None) -> int:
        """How many rows of table `name` the selection keeps."""
        query = self.filtered(name, selection, where=where)
        return int(self.rows(f"SELECT count(*) FROM ({query.sql})", query.params)[0][0])

    def counts(self, name: str, by: Sequence[str], selection: Selection = Selection(), *,
               where: Mapping[str, Sequence[str]] | None = None,
               label: str = "rows") -> pd.DataFrame:
        """Rows per combination of the `by` columns, most first (then by the columns)."""
        by = check_columns(name, by, self.columns[name])
        query = self.filtered(name, selection, where=where)
        group = ", ".join(by)
        sql = (f"SELECT {group}, count(*) AS {label} FROM ({query.sql}) GROUP BY {group} "
               f"ORDER BY {label} DESC, {group}")
        return self.frame(sql, query.params)

    def values(self, name: str, column: str, selection: Selection = Selection(), *,
               where: Mapping[str, Sequence[str]] | None = None,
               limit: int | None = None) -> list[str]:
        """The distinct non-empty values of a column under the selection, sorted (the first
        `limit` of them, in the column's own order, if given)."""
        check_columns(name, [column], self.columns[name])
        return self._distinct(self.filtered(name, selection, where=where),
                              f"CAST({column} AS VARCHAR)", limit)

    def present(self, name: str, column: str, wanted: Iterable[object],
                selection: Selection = Selection()) -> list[str]:
        """Those of `wanted` that the column holds under the selection, sorted; none when
        none is wanted (where an empty list would mean "no restriction")."""
        wanted = _list(wanted)
        if not wanted:
            return []
        return self.values(name, column, selection, where={column: wanted})

    def affiliation_groups(self) -> list[str]:
        """Every party or affiliation an actor of the corpus has (a party or state its own)."""
        return self._distinct(Query("SELECT * FROM actors"), AFFILIATION_GROUP, None)

    def countries(self) -> list[str]:
        """Every country the corpus names: in a case mention, or as a state actor."""
        return self._distinct(
            Query("SELECT country FROM case_mentions "
                  "UNION SELECT actor AS country FROM actors WHERE actor_type = 'state'"),
            "country", None)

    def ids_taken(self, ids: Sequence[str]) -> set[str]:
        """The article ids among `ids`, or `id-N` for one of them, that the corpus holds:
        the ids a new article named like one of `ids` must not take."""
        rows = self.connection.execute(
            "SELECT article_id FROM articles WHERE list_contains(?::VARCHAR[], article_id) "
            "OR list_contains(?::VARCHAR[], regexp_replace(article_id, '-[0-9]+$', ''))",
            [_list(ids), _list(ids)]).fetchall()
        return {row[0] for row in rows}

    def extent(self, name: str, column: str) -> tuple[str, str] | None:
        """The smallest and largest non-empty value of a text column, None if it has none."""
        check_columns(name, [column], self.columns[name])
        low, high = self.rows(
            f"SELECT min(NULLIF({column}, '')), max(NULLIF({column}, '')) FROM {name}")[0]
        return None if low is None else (low, high)

    def _distinct(self, query: Query, expression: str, limit: int | None) -> list[str]:
        sql = (f"SELECT DISTINCT value FROM (SELECT {expression} AS value FROM ({query.sql})) "
               "WHERE value IS NOT NULL AND value <> ''")
        params = list(query.params)
        if limit is not None:
            sql += " ORDER BY value LIMIT ?"
            params.append(int(limit))
        found = [row[0] for row in self.rows(sql, params)]
        return sorted(found, key=str.casefold)


def _size(result: pd.DataFrame | list[tuple]) -> int:
    """About how many bytes a query's result holds."""
    if isinstance(result, pd.DataFrame):
        return int(result.memory_usage(index=False, deep=True).sum())
    return sum(64 + sum(len(value) if isinstance(value, str) else 16 for value in row)
               for row in result)


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """DuckDB's frame with the contract's types: integers nullable, text never missing."""
    typed = make_table(name, []) if name in TABLE_COLUMNS else pd.DataFrame()
    for column in frame.columns:
        if column in typed.columns and str(typed[column].dtype) == "Int64":
            frame[column] = frame[column].astype("Int64")
        elif column in typed.columns and typed[column].dtype == bool:
            frame[column] = frame[column].astype(bool)
        elif column in typed.columns:
            frame[column] = frame[column].fillna("").astype(str)
        elif column == "corrected":
            frame[column] = frame[column].fillna(False).astype(bool)
    return frame
