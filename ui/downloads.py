"""Download buttons for exactly the rows on screen, with file names that say what was filtered.

The bytes come from `analysis.export`: UTF-8 CSV without a byte-order mark, text cells that
a spreadsheet would run as formulas prefixed with an apostrophe. The zip of all tables also
holds their `datapackage.json` (`analysis.datapackage`): types, column meanings, allowed
values, the filters of the view and the models behind the rows.

Rows fetched when a button is clicked are fetched with the corrections in force when the
button was drawn (`ui.corrections`), so a download holds the corrected rows the page shows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import pandas as pd
import streamlit as st

from analysis.datapackage import package_zip
from analysis.export import csv_bytes
from analysis.query import corrections_in_force
from ui import corrections

T = TypeVar("T")
FilterValues = Mapping[str, str | Iterable[str] | None]

MAX_STEM_CHARS = 120
HASH_CHARS = 8


def slug(value: str) -> str:
    """ASCII letters, digits and single hyphens: "Clémence Guetté" -> "Clemence-Guette"."""
    folded = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-")


def filter_lists(filters: FilterValues) -> dict[str, list[str]]:
    """The filters in use, each with its values as a list of text:
    {"speaker": "Clémence Guetté", "kind": []} -> {"speaker": ["Clémence Guetté"]}."""
    lists = {}
    for key, value in filters.items():
        values = [value] if isinstance(value, str) else list(value or [])
        if values:
            lists[key] = [str(item) for item in values]
    return lists


def file_name(table: str, filters: FilterValues, *, extension: str = "csv") -> str:
    """`table`, then `key-value` per filter in use: `claims_speaker-Clemence-Guette.csv`.

    Several values of one filter are joined with "+"; an overlong name is cut and ends
    with a short digest of the whole, so two different selections never share a name.
    """
    parts = [slug(table) or "table"]
    for key, values in filter_lists(filters).items():
        words = [slug(item) for item in values if slug(item)]
        if words:
            parts.append(f"{slug(key)}-{'+'.join(words)}")
    stem = "_".join(parts)
    if len(stem) > MAX_STEM_CHARS:
        digest = hashlib.sha256(stem.encode()).hexdigest()[:HASH_CHARS]
        stem = f"{stem[:MAX_STEM_CHARS - HASH_CHARS - 1].rstrip('-_+')}_{digest}"
    return f"{stem}.{extension}"


def download_csv(frame: pd.DataFrame | Callable[[], pd.DataFrame], *, table: str,
                 filters: FilterValues, key: str, label: str | None = None,
                 rows: int | None = None) -> None:
    """A button that downloads `frame`, exactly these rows, as a spreadsheet-safe CSV.

    `frame` may be a function that fetches the rows (`rows` of them) when the button is
    clicked, so that a large table is never held for a button nobody clicks.
    """
    make = with_corrections(frame) if callable(frame) else (lambda: frame)
    rows = len(frame) if rows is None else rows
    st.download_button(
        label or f"Download {table.replace('_', ' ')} as CSV ({rows:,} row{'s' * (rows != 1)})",
        data=lambda: csv_bytes(make(), safe=True),  # made when clicked, not on every run
        file_name=file_name(table, filters),
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def with_corrections(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, run with the corrections in force now (when it is called later, on a click,
    from a thread of its own): wrap with it any function a download button calls that opens
    a query session (`ui.data.deferred`)."""
    in_force = corrections.in_force()

    def run() -> T:
        with corrections_in_force(in_force):
            return make()

    return run


def download_file(data: Callable[[], bytes], *, label: str, file_name: str, mime: str,
                  key: str) -> None:
    """A button for a file that is not one of the view's tables, made when clicked by a
    writer that makes it safe for what opens it: GraphML and GEXF by networkx's XML writers
    (text escaped), `corrections.csv` by `analysis.corrections.to_csv` (formula cells
    neutralised). Rows it reads are read with the corrections in force, as the tables'."""
    make = with_corrections(data)
    st.download_button(label, data=lambda: make(), file_name=file_name, mime=mime, key=key,
                       icon=":material/download:", on_click="ignore")


def download_all(tables: Callable[[], Mapping[str, pd.DataFrame]], *, filters: FilterValues,
                 key: str) -> None:
    """A button that downloads every table of the current view as CSV files in one zip, with
    the `datapackage.json` that describes them and records `filters`; the tables are made
    when it is clicked, not on every run."""
    make = with_corrections(tables)
    st.download_button(
        "Download all tables (zip of CSV files)",
        data=lambda: package_zip(dict(make()), filters=filter_lists(filters), safe=True),
        file_name=file_name("nato-exit-tables", filters, extension="zip"),
        mime="application/zip",
        key=key,
        icon=":material/folder_zip:",
        on_click="ignore",
    )
