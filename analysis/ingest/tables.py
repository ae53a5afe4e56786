"""Tables (`.csv`, `.jsonl`/`.ndjson`): one article per row, read row by row.

A CSV file has a header naming its columns (case-insensitive; only `text` is required:
`id`, `title`, `source`, `url`, `published`, `language` are read when present), separated
by commas, semicolons, tabs or '|'. A JSONL file holds one JSON object per line with the
same fields. A bad row is refused alone, naming its line; the others are kept.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from typing import TextIO

from analysis.ingest.base import (
    TABLE_FIELDS,
    Item,
    Refusal,
    _build_article,
    _Options,
    _Refused,
    _shorten,
)

# Raised once for all CSV reading: the default (128 kB) is below one long article.
CSV_FIELD_LIMIT = 2**31 - 1
CSV_DELIMITERS = (",", ";", "\t", "|")


def _parse_csv(stream: TextIO, origin: str, options: _Options) -> Iterator[Item]:
    """A CSV file: one article per row, found by header names (case-insensitive).

    The reader is strict, so a malformed row (a quote followed by more text, `"x"y`) is
    refused alone, naming its line, and reading goes on with the next line, instead of
    being silently glued into a neighbour. A quote that is never closed swallows the
    rest of the file: that is refused with the line where it opened.
    """
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    header_line = stream.readline()
    delimiter = _guess_delimiter(header_line)
    reader = csv.reader(itertools.chain([header_line], stream), delimiter=delimiter, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise _Refused(f"line 1: malformed CSV header ({error})") from None
    columns = [name.strip().lower() for name in header]
    if "text" not in columns:
        found = ", ".join(name for name in columns if name) or "none"
        hint = ("; columns must be separated by commas, semicolons, tabs or '|'"
                if len(columns) == 1 else "")
        raise _Refused(f"no 'text' column (columns found: {_shorten(found)}{hint})")
    text_position = columns.index("text")
    n_rows = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            n_rows += 1
            if reader.line_num > line and str(error) == "unexpected end of data":
                yield Refusal(f"{origin}:{line}", f"a quote opened on line {line} is never "
                              f"closed, so lines {line}-{reader.line_num} were not read")
                break
            spanned = (f"lines {line}-{reader.line_num}" if reader.line_num > line
                       else "the row")
            yield Refusal(f"{origin}:{line}", f"malformed CSV ({error}); {spanned} skipped")
            continue
        if row is None:
            break
        if not any(value.strip() for value in row):
            continue
        n_rows += 1
        if len(row) <= text_position:
            yield Refusal(f"{origin}:{line}", f"no text: the row has {len(row)} of the "
                          f"{len(columns)} columns of the header")
            continue
        fields: dict[str, str] = {}
        for name, value in zip(columns, row):
            fields.setdefault(name, value)
        yield from _build_article(fields, f"{origin}:{line}", options, from_table=True)
    if n_rows == 0:
        raise _Refused("empty (a header but no rows)")


def _guess_delimiter(header_line: str) -> str:
    """Comma, semicolon (French spreadsheets), tab or '|': whichever the header uses most."""
    return max(CSV_DELIMITERS, key=header_line.count)


def _parse_jsonl(stream: TextIO, origin: str, options: _Options) -> Iterator[Item]:
    """A JSONL file: one JSON object per line; a bad line is refused alone."""
    n_rows = 0
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        n_rows += 1
        line_origin = f"{origin}:{line_number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            yield Refusal(line_origin, "not valid JSON")
            continue
        if not isinstance(record, dict):
            yield Refusal(line_origin, "not a JSON object")
            continue
        record = {str(key).strip().lower(): value for key, value in record.items()}
        if not isinstance(record.get("text"), str):
            reason = "no 'text' field" if record.get("text") is None else "'text' is not a string"
            yield Refusal(line_origin, reason)
            continue
        fields = {
            name: "" if record.get(name) is None else str(record[name]) for name in TABLE_FIELDS
        }
        yield from _build_article(fields, line_origin, options, from_table=True)
    if n_rows == 0:
        raise _Refused("empty")

