"""Write tables as CSV or Parquet, atomically, and make CSV safe to open in a spreadsheet."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

# A cell starting with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV injection"); such text cells get a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "parquet")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas; numbers are untouched."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]) or safe[column].dtype == object:
            safe[column] = safe[column].map(_neutralise_cell)
    return safe


def _neutralise_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, *, safe: bool = True) -> bytes:
    """UTF-8 CSV of a table, `safe` against spreadsheet formulas.

    Rows end in CRLF as RFC 4180 asks, which also makes the writer quote any cell that
    holds a carriage return. No byte-order mark: the header must read `article_id`, not
    `\\ufeffarticle_id`, for the scripts that load these files.
    """
    data = neutralise_formulas(frame) if safe else frame
    return data.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def zip_bytes(tables: Mapping[str, pd.DataFrame], *, safe: bool = True,
              extra: Mapping[str, bytes] | None = None) -> bytes:
    """One zip holding a CSV per table, after the `extra` members given by name (such as
    the `datapackage.json` that describes the tables, see `analysis.datapackage`)."""
    extra = dict(extra or {})
    clashes = sorted(set(extra) & {f"{name}.csv" for name in tables})
    if clashes:
        raise ValueError(f"extra members {', '.join(clashes)} would replace tables of the zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in extra.items():
            archive.writestr(member, data)
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", csv_bytes(frame, safe=safe))
    return buffer.getvalue()


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path, *, fmt: str = "csv",
                 safe: bool = False) -> list[Path]:
    """Write each table to `folder/<name>.<fmt>` atomically: a reader never sees half a file.

    Every table is first written to a temporary file beside its target, and only when
    all are complete are they moved into place.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, frame in tables.items():
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            os.close(handle)
            staged.append((temporary, folder / f"{name}.{fmt}"))
            if fmt == "csv":
                Path(temporary).write_bytes(csv_bytes(frame, safe=safe))
            else:
                frame.to_parquet(temporary, index=False)
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.remove(temporary)
    return [target for _, target in staged]
