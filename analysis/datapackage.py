"""A Frictionless Data Package descriptor (`datapackage.json`) for tables exported as CSV.

The dashboard's "Download all tables" zip holds one CSV per table and this descriptor
(Data Package and Table Schema v1, https://specs.frictionlessdata.io): what each table and
column means, each column's type and allowed values, how the CSV is written, the filters
that made the view and the models that analysed each language. With it the files can be
validated (`frictionless validate datapackage.json`) and read back with their types
(`read_resource` here, R's `frictionless` package).

The words and allowed values come from `resources/export/columns.json` (`shared_columns`
describes a column any table may have, such as `corrected`). That file sits in a
folder of its own on purpose: every file directly in `resources/` is part of the analysis
cache key (`lexicon.resources_digest`), and rewording a description changes no result.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.export import FORMULA_PREFIXES, zip_bytes
from analysis.nlp import ModelNotInstalled, pipeline_package

COLUMNS_FILE = Path(__file__).parent / "resources" / "export" / "columns.json"
PROJECT_FILE = Path(__file__).resolve().parent.parent / "pyproject.toml"
DESCRIPTOR = "datapackage.json"
TITLE = "Who says what about leaving NATO: tables of one dashboard view"
# Custom properties of the package carry this prefix, so they never clash with the spec's.
PREFIX = "nato_exit:"
GENERIC_DESCRIPTION = ("A column not described in analysis/resources/export/columns.json "
                       "(added after it was written); its type is that of its values.")
# How `analysis.export.csv_bytes` writes: comma-separated, RFC 4180 quoting, CRLF rows.
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
               "doubleQuote": True, "header": True}
MISSING_VALUES = [""]
# pandas writes booleans as True and False.
TRUE_VALUES, FALSE_VALUES = ["True"], ["False"]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Table Schema type -> pandas dtype, for `read_resource` (dates are parsed apart).
PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "bool", "string": "str"}


class DescriptionError(ValueError):
    """A columns file that cannot be used: it names the entry at fault."""


@cache
def descriptions() -> dict:
    """The contents of `resources/export/columns.json`, checked: every `values` a column
    names is a list of `allowed_values`."""
    described = json.loads(COLUMNS_FILE.read_text(encoding="utf-8"))
    allowed = described["allowed_values"]
    for table, about in described["tables"].items():
        for column, spec in about["columns"].items():
            if "values" in spec and spec["values"] not in allowed:
                raise DescriptionError(
                    f"{COLUMNS_FILE.name}: {table}.{column} takes values {spec['values']!r}, "
                    f"which allowed_values does not list ({', '.join(allowed)})")
            if not spec.get("description", "").strip():
                raise DescriptionError(f"{COLUMNS_FILE.name}: {table}.{column} has no description")
    return described


def describe(tables: Mapping[str, pd.DataFrame], *, filters: Mapping[str, list[str]],
             title: str = TITLE, safe: bool = True, created: datetime | None = None) -> dict:
    """The descriptor of `tables` written as `<name>.csv` by `analysis.export.csv_bytes`.

    `filters` are those that made the view ({"speaker": ["Clémence Guetté"]}); `safe` says
    whether text cells that a spreadsheet would run as formulas got a leading apostrophe
    (as in every download of the dashboard); `created` defaults to now.
    """
    articles = tables.get("articles", pd.DataFrame())
    languages = articles["language"].tolist() if "language" in articles else []
    description = ("Tables of actors, attributed claims and country cases read from news "
                   "articles, one CSV file per table.")
    if safe:
        description += (" Text cells that begin with a character a spreadsheet reads as a "
                        "formula (= + - @, tab, carriage return) carry a leading apostrophe "
                        "(\"'=1+1\"); numbers are left as they are.")
    return {
        "profile": "tabular-data-package",
        "name": "nato-exit-tables",
        "title": title,
        "description": description,
        "created": (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": [resource(name, frame) for name, frame in tables.items()],
        f"{PREFIX}software": software(),
        f"{PREFIX}filters": {key: [str(value) for value in values]
                             for key, values in filters.items()},
        f"{PREFIX}models": models(languages),
        f"{PREFIX}formula_apostrophe": {"applied": safe,
                                        "before": list(FORMULA_PREFIXES) if safe else []},
    }


def resource(name: str, frame: pd.DataFrame) -> dict:
    """The descriptor of one table, written to `<name>.csv`."""
    about = descriptions()["tables"].get(name, {})
    shared = descriptions().get("shared_columns", {})
    schema: dict = {
        "fields": [field(column, frame[column],
                         about.get("columns", {}).get(column) or shared.get(column, {}))
                   for column in frame.columns],
        "missingValues": list(MISSING_VALUES),
    }
    key = about.get("primary_key", [])
    if key and set(key) <= set(frame.columns):
        schema["primaryKey"] = list(key)
    described = {"profile": "tabular-data-resource", "name": name, "path": f"{name}.csv"}
    described.update({key: about[key] for key in ("title", "description") if key in about})
    return {**described, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": dict(CSV_DIALECT), "schema": schema}


def field(column: str, values: pd.Series, spec: Mapping) -> dict:
    """The Table Schema field of one column: its type, what it means, its allowed values."""
    described = {"name": column, "type": field_type(values, declared=spec.get("type")),
                 "description": spec.get("description", GENERIC_DESCRIPTION)}
    if described["type"] == "boolean":
        described.update(trueValues=list(TRUE_VALUES), falseValues=list(FALSE_VALUES))
    if "values" in spec:
        described["constraints"] = {"enum": list(descriptions()["allowed_values"][spec["values"]])}
    return described


def field_type(values: pd.Series, *, declared: str | None = None) -> str:
    """`date` where the columns file says so and every value is an ISO date or empty;
    otherwise what the dtype holds: integer (Int64), number, boolean, else string."""
    if declared == "date" and all(_is_date_or_empty(value) for value in values.tolist()):
        return "date"
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_integer_dtype(values):
        return "integer"
    if pd.api.types.is_float_dtype(values):
        return "number"
    return "string"


def _is_date_or_empty(value: object) -> bool:
    if value == "":
        return True
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:  # 2026-02-30
        return False
    return True


def models(languages: Iterable[str]) -> dict[str, dict[str, str]]:
    """The spaCy package and version that analyse each language present: those of the rows,
    since the dashboard re-analyses its articles whenever its pipeline changes."""
    found: dict[str, dict[str, str]] = {}
    for language in sorted({language for language in languages if language}):
        try:
            package, version = pipeline_package(language)
        except ModelNotInstalled as error:
            found[language] = {"package": "", "version": "", "note": str(error)}
        else:
            found[language] = {"package": package, "version": version}
    return found


@cache
def software() -> dict[str, str]:
    """The dashboard's name and version, from pyproject.toml (no version where that file is
    not shipped)."""
    try:
        project = tomllib.loads(PROJECT_FILE.read_text(encoding="utf-8"))["project"]
        return {"name": project["name"], "version": project["version"]}
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return {"name": "nato-exit-dashboard", "version": ""}


def to_json(descriptor: Mapping) -> bytes:
    """The descriptor as the UTF-8 text of `datapackage.json`."""
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def package_zip(tables: Mapping[str, pd.DataFrame], *, filters: Mapping[str, list[str]],
                safe: bool = True) -> bytes:
    """One zip of a CSV per table and the `datapackage.json` that describes them.

    The descriptor and the CSV files are written with the same `safe`, so the package says
    whether its text cells were given apostrophes.
    """
    frames = dict(tables)
    descriptor = describe(frames, filters=filters, safe=safe)
    return zip_bytes(frames, safe=safe, extra={DESCRIPTOR: to_json(descriptor)})


def read_resource(folder: str | Path, resource: Mapping) -> pd.DataFrame:
    """One table of an extracted package, read by pandas with the types its schema declares.

    integer -> Int64, number -> Float64, boolean -> bool, date -> datetime64[s] (empty: NaT),
    anything else -> str. A missing value ("") is missing only in typed columns; a text
    column keeps "" as text, as the exported tables hold it.
    """
    fields = resource["schema"]["fields"]
    missing = resource["schema"].get("missingValues", MISSING_VALUES)
    dtypes = {item["name"]: PANDAS_DTYPES.get(item["type"], "str") for item in fields}
    typed = [item["name"] for item in fields if dtypes[item["name"]] != "str"]
    dates = [item["name"] for item in fields if item["type"] == "date"]
    frame = pd.read_csv(Path(folder) / resource["path"], dtype=dtypes,
                        encoding=resource.get("encoding", "utf-8"), keep_default_na=False,
                        na_values={name: missing for name in typed + dates})
    for name in dates:
        frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").astype("datetime64[s]")
    return frame
