"""Tables of large corpora on disk: written part by part while a build runs, merged atomically
when it ends, and read back a few columns at a time.

A build of tens of thousands of articles never holds all its rows: `TableParts` flushes them
to Parquet part files in a hidden folder beside the tables every few hundred articles (a
re-run first holds its cached articles compressed, up to `DEFER_BYTES`, in case its tables
turn out unchanged and nothing need be decoded or written), and
`commit` merges the parts into `<table>.csv` or `<table>.parquet`, one part in memory at a
time, moving every table into place only when all are complete. The dashboard reads tables
with `load_tables` (the columns a page shows, article texts left out) and the texts of the
articles it displays with `article_texts`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.cache import CachedRows
from analysis.export import FORMATS, csv_bytes
from analysis.tables import BOOLEAN_COLUMNS, INTEGER_COLUMNS, TABLE_COLUMNS, make_table

# Articles whose rows are held in memory before they are written to a part file.
PART_ARTICLES = 500
# Bytes of cached articles (their texts and compressed rows) a re-run holds undecoded while
# its tables may still turn out unchanged: past that, they are decoded and written as parts.
DEFER_BYTES = 64 << 20
# The folder of prebuilt tables the dashboard shows instead of the bundled corpus.
TABLES_ENV = "NATO_DASHBOARD_TABLES"
# What the tables of a folder were built from, so that a re-run that would write the same
# tables leaves them alone.
MANIFEST = ".tables-manifest.json"
_PARTS_PREFIX = ".parts-"


class TableParts:
    """The tables of one build, written as they come and put in place by `commit`.

    Use as a context manager: leaving it without `commit` (an error, an interruption)
    removes the parts and leaves the folder's existing tables as they were. Each article's
    `version` (what its rows were computed with) goes into a fingerprint of the build;
    when the folder's tables were written from the same fingerprint and are untouched
    since, `commit` keeps them rather than writing them again.
    """

    def __init__(self, folder: str | Path, *, fmt: str = "csv", safe: bool = False,
                 part_articles: int = PART_ARTICLES) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
        self.folder = Path(folder)
        self.fmt = fmt
        self.safe = safe
        self.part_articles = part_articles
        self.counts = {name: 0 for name in TABLE_COLUMNS}  # rows added so far, per table
        self._rows: dict[str, list[dict]] = {name: [] for name in TABLE_COLUMNS}
        self._staging: Path | None = None
        self._parts = 0
        self._fingerprint = hashlib.sha256(f"{fmt}|{safe}".encode())
        # A re-run (the folder has a manifest) holds cached articles undecoded, in order,
        # until an article is not cached or DEFER_BYTES is reached (None: not, or no more).
        self._deferred: list[tuple[dict, CachedRows]] | None = (
            [] if (self.folder / MANIFEST).exists() else None)
        self._deferred_bytes = 0

    def add(self, article_row: dict, rows: Mapping[str, list[dict]], *,
            version: str = "") -> None:
        """Add one article's row and its rows of the other tables, computed with `version`."""
        described = {key: value for key, value in article_row.items() if key != "text"}
        self._fingerprint.update(json.dumps([described, version], sort_keys=True).encode())
        self.counts["articles"] += 1
        if self._deferred is not None and isinstance(rows, CachedRows):
            self._deferred_bytes += len(rows.blob) + len(article_row.get("text", ""))
            if self._deferred_bytes <= DEFER_BYTES:
                self._deferred.append((article_row, rows))
                return
        self._undefer()
        self._add_rows(article_row, rows)

    def _add_rows(self, article_row: dict, rows: Mapping[str, list[dict]]) -> None:
        self._rows["articles"].append(article_row)
        for name, table_rows in rows.items():
            self._rows[name].extend(table_rows)
            self.counts[name] += len(table_rows)
        if len(self._rows["articles"]) >= self.part_articles:
            self.flush()

    def _undefer(self) -> None:
        """Add the articles held undecoded, in their order; from now on rows go to parts."""
        deferred, self._deferred = self._deferred or [], None
        for article_row, rows in deferred:
            self._add_rows(article_row, rows)

    def flush(self) -> None:
        """Write the rows held in memory as one part file per table."""
        if not self._rows["articles"]:
            return
        staging = self._staging_folder()
        for name, rows in self._rows.items():
            frame = make_table(name, rows)
            frame.to_parquet(staging / f"{name}.{self._parts:06d}.parquet", index=False)
        self._rows = {name: [] for name in TABLE_COLUMNS}
        self._parts += 1

    def commit(self) -> list[Path]:
        """Merge the parts into the folder's tables, all moved into place together."""
        targets = [self.folder / f"{name}.{self.fmt}" for name in TABLE_COLUMNS]
        fingerprint = self._fingerprint.hexdigest()
        previous = unchanged_manifest(self.folder, targets, fingerprint)
        if previous is not None:
            # The same tables, already in place: their counts are the manifest's (a manifest
            # written before it kept them: count the rows held back).
            counts = previous.get("counts")
            if isinstance(counts, dict) and set(counts) == set(self.counts):
                self.counts = {name: int(counts[name]) for name in self.counts}
            else:
                self._undefer()
            self.discard()
            return targets
        self._undefer()
        self.flush()
        staging = self._staging_folder()
        merged: list[tuple[Path, Path]] = []
        for name in TABLE_COLUMNS:
            parts = sorted(staging.glob(f"{name}.*.parquet"))
            target = self.folder / f"{name}.{self.fmt}"
            temporary = staging / f"{name}.merged.{self.fmt}"
            _merge(name, parts, temporary, fmt=self.fmt, safe=self.safe)
            merged.append((temporary, target))
        put_in_place(self.folder, staging, merged, fingerprint, self.counts)
        self.discard()
        return targets

    def discard(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _staging_folder(self) -> Path:
        if self._staging is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            _remove_abandoned_parts(self.folder)
            self._staging = Path(tempfile.mkdtemp(
                dir=self.folder, prefix=f"{_PARTS_PREFIX}{os.getpid()}-"))
        return self._staging

    def __enter__(self) -> TableParts:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()


def _merge(name: str, parts: list[Path], target: Path, *, fmt: str, safe: bool) -> None:
    """Concatenate part files into one table file, one part in memory at a time.

    A part whose rows lacked a column others have (a batch without claims has only the
    contract's columns) gets it empty, as one table built from all the rows would.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(TABLE_COLUMNS[name])
    for part in parts:
        columns += [column for column in pq.read_schema(part).names if column not in columns]
    frames = (_conformed(pd.read_parquet(part), columns) for part in parts)
    if fmt == "csv":
        with open(target, "wb") as stream:
            first = True
            for frame in frames:
                data = csv_bytes(frame, safe=safe)
                stream.write(data if first else data.split(b"\n", 1)[1])
                first = False
            if first:  # no parts: the header alone
                stream.write(csv_bytes(make_table(name, []), safe=safe))
        return
    writer = None
    try:
        for frame in frames:
            table = pa.Table.from_pandas(frame, preserve_index=False,
                                         schema=writer.schema if writer else None)
            if writer is None:
                writer = pq.ParquetWriter(target, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        make_table(name, []).to_parquet(target, index=False)


def unchanged_manifest(folder: Path, targets: list[Path], fingerprint: str) -> dict | None:
    """The manifest of `folder` if its tables `targets` were written from `fingerprint` and
    are untouched since (same sizes and times), else None."""
    current = _manifest(targets, fingerprint)
    previous = _read_manifest(folder)
    if current is None or not isinstance(previous, dict) or current != {
            key: previous.get(key) for key in current}:
        return None
    return previous


def put_in_place(folder: Path, staging: Path, merged: list[tuple[Path, Path]],
                 fingerprint: str, counts: dict[str, int]) -> None:
    """Move the merged tables (temporary, target) into place and write the manifest of
    what they were built from, with their row counts, last."""
    manifest = folder / MANIFEST
    manifest.unlink(missing_ok=True)
    for temporary, target in merged:
        os.replace(temporary, target)
    temporary = staging / MANIFEST
    targets = [target for _, target in merged]
    temporary.write_text(json.dumps({**_manifest(targets, fingerprint), "counts": counts}),
                         encoding="utf-8")
    os.replace(temporary, manifest)


def _manifest(targets: list[Path], fingerprint: str) -> dict | None:
    """The fingerprint and the size and modification time of each table, None if one is
    missing."""
    files = {}
    for target in targets:
        try:
            status = target.stat()
        except OSError:
            return None
        files[target.name] = [status.st_size, status.st_mtime_ns]
    return {"fingerprint": fingerprint, "files": files}


def _read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _conformed(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        if column not in frame.columns:
            if column in INTEGER_COLUMNS:
                frame[column] = pd.array([pd.NA] * len(frame), dtype="Int64")
            elif column in BOOLEAN_COLUMNS:
                frame[column] = False
            else:
                frame[column] = pd.Series([""] * len(frame), index=frame.index, dtype=str)
    return frame[columns]


def _remove_abandoned_parts(folder: Path) -> None:
    """Remove part folders left by builds that were killed (their process is gone)."""
    for staging in folder.glob(f"{_PARTS_PREFIX}*"):
        pid = staging.name[len(_PARTS_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def configured_tables_folder() -> Path | None:
    """The folder named by $NATO_DASHBOARD_TABLES, if set: tables the dashboard shows."""
    folder = os.environ.get(TABLES_ENV, "").strip()
    return Path(folder) if folder else None


def table_path(folder: str | Path, name: str) -> Path | None:
    """`folder/<name>.parquet`, else `folder/<name>.csv`, else None."""
    for fmt in ("parquet", "csv"):
        path = Path(folder) / f"{name}.{fmt}"
        if path.exists():
            return path
    return None


def load_tables(folder: str | Path, *, tables: Iterable[str] | None = None,
                columns: dict[str, list[str]] | None = None,
                text: bool = False) -> dict[str, pd.DataFrame]:
    """Read the tables of `folder` (Parquet preferred, else CSV) with the contract's types.

    Only the `columns` asked for each table are read (all by default), and the articles'
    `text` only with `text=True`: at tens of thousands of articles the texts are most of
    the bytes, and a page needs them for the few articles it displays (`article_texts`).
    A table missing from the folder comes back empty.
    """
    columns = columns or {}
    loaded = {}
    for name in tables or TABLE_COLUMNS:
        wanted = columns.get(name)
        if name == "articles" and not text:
            wanted = [column for column in (wanted or TABLE_COLUMNS["articles"])
                      if column != "text"]
        loaded[name] = read_columns(folder, name, wanted)
    return loaded


def read_columns(folder: str | Path, name: str, columns: list[str] | None = None
                 ) -> pd.DataFrame:
    """One table of `folder`, only `columns` (those present) if given, typed as the contract."""
    path = table_path(folder, name)
    if path is None:
        frame = make_table(name, []) if name in TABLE_COLUMNS else pd.DataFrame()
        return frame[[c for c in columns if c in frame.columns]] if columns else frame
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        present = pq.read_schema(path).names
        selected = [c for c in columns if c in present] if columns else None
        return pd.read_parquet(path, columns=selected)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                        usecols=(lambda column: column in columns) if columns else None)
    return _typed(frame)


def article_texts(folder: str | Path, article_ids: Iterable[str]) -> dict[str, str]:
    """The texts of the given articles only, read from `folder`'s articles table."""
    wanted = list(dict.fromkeys(article_ids))
    path = table_path(folder, "articles")
    if path is None or not wanted:
        return {}
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path, columns=["article_id", "text"],
                                filters=[("article_id", "in", wanted)])
    else:
        keep = set(wanted)
        chunks = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                             usecols=["article_id", "text"], chunksize=10_000)
        frame = pd.concat([chunk[chunk["article_id"].isin(keep)] for chunk in chunks])
    return dict(zip(frame["article_id"], frame["text"]))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Contract types on a table read as text, column by column (as `make_table` does)."""
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        elif column in BOOLEAN_COLUMNS:
            frame[column] = frame[column].str.strip().str.lower().isin({"true", "1", "yes"})
    return frame
