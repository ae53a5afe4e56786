"""An analyst's corrections of the extracted rows: the table that holds them, its CSV file, and
the SQL that shows the tables as corrected.

One correction is one row: which table, a key that survives a re-analysis, the field, the
value the extractor gave (`old_value`) and the analyst's (`new_value`), a note and a time.

The key is the article, the character span and an `anchor`, the row's own text when the
correction was made:
- claims: `article_id`, `start_char`, `end_char` and the `claim_text`;
- case mentions: `article_id`, `start_char`, `end_char` and `country|year|action`;
- actors: `article_id` and the actor's name as the dashboard shows it (after merges), no
  span; an empty `article_id` means "in every article".
After a rebuild a correction finds its row at the same span, else the row of the same
article with the same anchor and span length nearest the old place (a text whose offsets
moved). A field correction holds only while the row still has the value it corrected; one
whose row is gone, or whose field now holds a third value, "no longer matches" and is
reported, never dropped or applied to the wrong row.

Fields: claims `speaker`, `kind`, `nato_stance`, `target`, and `add` (a claim the extractor
missed: the span and anchor are its sentence, `new_value` its speaker); actors `actor` (a
merge: every row of the actor takes the new name), `actor_type`, `affiliation`; case
mentions `country`, `year`, `action`, `leader`; and for every table `reject` (not a claim,
not an actor, not a case) and `reviewed` (the analyst checked the row and found it right:
the rows that measure the extractor's precision, see `analysis.evaluate`).

`install` turns a session's DuckDB connection from raw tables (`raw_claims`, ...) into
corrected views (`claims`, ...) with a `corrected` column: the dashboard's pages, charts and
downloads and the command line's `--corrections` all read the same views.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.export import FORMULA_PREFIXES, csv_bytes
from analysis.tables import ACTOR_TYPES, CASE_ACTIONS, CLAIM_KINDS, NATO_STANCES

if TYPE_CHECKING:  # (the connection is the caller's: `build` needs no DuckDB, a third of a second)
    import duckdb

COLUMNS = ["table", "article_id", "start_char", "end_char", "anchor", "field", "old_value",
           "new_value", "note", "created"]
FILE_NAME = "corrections.csv"
FIELDS = {
    "claims": ("speaker", "kind", "nato_stance", "target", "add", "reject", "reviewed"),
    "actors": ("actor", "actor_type", "affiliation", "reject", "reviewed"),
    "case_mentions": ("country", "year", "action", "leader", "reject", "reviewed"),
}
# Fields whose new value is one of a fixed list.
CHOICES = {"kind": CLAIM_KINDS, "nato_stance": NATO_STANCES, "actor_type": ACTOR_TYPES,
           "action": CASE_ACTIONS}
# Fields that must name something; the others may be emptied ("no target", "no leader").
REQUIRED = {"speaker", "actor", "country", "add"}
MARKS = ("reject", "reviewed")
MARKED = "true"
SPAN_TABLES = ("claims", "case_mentions")
# The tables a correction can change: each gets a `corrected` column.
CORRECTED_TABLES = ("actors", "claims", "case_mentions", "actor_mentions")
# A hostile or mistaken file stops here, before anything is read into the session.
MAX_FILE_BYTES = 5_000_000
MAX_CORRECTIONS = 10_000
MAX_VALUE_CHARS = 200
MAX_ANCHOR_CHARS = 5_000
MAX_NOTE_CHARS = 1_000
MAX_SPAN = 100_000_000
# Rows an analyst added come after every extracted row.
ADDED_ROWS_FROM = 1 << 50
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
YEAR = re.compile(r"\d{4}")
# A sentence of the article reader ends at . ! ? … (with closing quotes) or a line break.
SENTENCE = re.compile(r"[^\n]*?(?:[.!?…]+[”»\"’)]*(?=\s|$)|(?=\n)|$)")


class CorrectionsError(ValueError):
    """A corrections file or edit that cannot be used; the message says what and where."""


# --- The table ------------------------------------------------------------------------------


def empty() -> pd.DataFrame:
    """A corrections table without rows."""
    return typed(pd.DataFrame({column: [] for column in COLUMNS}))


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns in order, spans as nullable integers, everything else text."""
    frame = frame[COLUMNS].copy()
    for column in COLUMNS:
        if column in ("start_char", "end_char"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame.reset_index(drop=True)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def case_anchor(country: object, year: object, action: object) -> str:
    """The anchor of a case mention: `France|1966|withdraw_integrated_command`."""
    known = year is not None and not pd.isna(year) and str(year) != ""
    return f"{country}|{int(year) if known else ''}|{action}"


def key_of(table: str, row: Mapping[str, object]) -> dict[str, object]:
    """The key columns of a correction of `row`, a row of `table` as the tables hold it."""
    if table == "actors":
        return {"table": table, "article_id": str(row.get("article_id", "")),
                "start_char": None, "end_char": None, "anchor": str(row["actor"])}
    anchor = (str(row["claim_text"]) if table == "claims"
              else case_anchor(row["country"], row["year"], row["action"]))
    return {"table": table, "article_id": str(row["article_id"]),
            "start_char": int(row["start_char"]), "end_char": int(row["end_char"]),
            "anchor": anchor}


def correction(table: str, row: Mapping[str, object], field: str, new_value: object, *,
               note: str = "", every_article: bool = False) -> dict[str, object]:
    """One correction of `field` of `row` (a row of the raw tables, as the extractor gave
    it) to `new_value`; `every_article`: an actor correction for all its articles."""
    key = key_of(table, row)
    if every_article:
        key["article_id"] = ""
    if field in MARKS:
        old, new = "", MARKED
    elif field == "year":
        old = "" if pd.isna(row.get("year")) else str(int(row["year"]))
        new = "" if new_value is None or pd.isna(new_value) else str(new_value).strip()
    else:
        old, new = str(row.get(field, "") or ""), str(new_value or "").strip()
    return {**key, "field": field, "old_value": old, "new_value": new, "note": note.strip(),
            "created": now()}


def added_claim(article_id: str, start: int, end: int, sentence: str, speaker: str, *,
                note: str = "") -> dict[str, object]:
    """A claim the extractor missed: its sentence (span and text) and its speaker."""
    return {"table": "claims", "article_id": article_id, "start_char": start,
            "end_char": end, "anchor": sentence, "field": "add", "old_value": "",
            "new_value": speaker.strip(), "note": note.strip(), "created": now()}


def row_identity(row: Mapping[str, object]) -> tuple:
    start, end = row["start_char"], row["end_char"]
    return (row["table"], row["article_id"], None if pd.isna(start) else int(start),
            None if pd.isna(end) else int(end), row["anchor"])


def record(corrections: pd.DataFrame, new: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """`corrections` with the `new` ones: each replaces an earlier one of the same row and
    field; a value set back to the extractor's own removes the correction (an undo). A new
    one that cannot be used raises `CorrectionsError` saying why."""
    rows = corrections.to_dict("records")
    for item in new:
        item = dict(item)
        problem = _row_problem(typed(pd.DataFrame([item], columns=COLUMNS)).iloc[0].to_dict())
        if problem:
            raise CorrectionsError(problem)
        identity = (row_identity(item), item["field"])
        rows = [row for row in rows if (row_identity(row), row["field"]) != identity]
        undone = (item["field"] not in MARKS and item["field"] != "add"
                  and item["new_value"] == item["old_value"])
        if not undone:
            rows.append(item)
    return check(typed(pd.DataFrame(rows, columns=COLUMNS)))


def forget(corrections: pd.DataFrame, table: str, row: Mapping[str, object], *,
           every_article: bool = False) -> pd.DataFrame:
    """`corrections` without any correction of this row."""
    key = key_of(table, row)
    if every_article:
        key["article_id"] = ""
    wanted = row_identity(key)
    kept = [row for row in corrections.to_dict("records") if row_identity(row) != wanted]
    return typed(pd.DataFrame(kept, columns=COLUMNS))


def of_row(corrections: pd.DataFrame, table: str, row: Mapping[str, object], *,
           every_article: bool = False) -> pd.DataFrame:
    """The corrections of one row."""
    key = key_of(table, row)
    if every_article:
        key["article_id"] = ""
    wanted = row_identity(key)
    mask = [(row_identity(item) == wanted) for item in corrections.to_dict("records")]
    return corrections[mask] if len(corrections) else corrections


# --- Validation and the CSV file ------------------------------------------------------------


def check(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` if every correction is usable, else `CorrectionsError` naming the first fault
    by its line in the file (the header is line 1)."""
    if len(frame) > MAX_CORRECTIONS:
        raise CorrectionsError(f"{len(frame):,} corrections: at most {MAX_CORRECTIONS:,} are "
                               "taken at a time")
    seen: dict[tuple, int] = {}
    for number, row in enumerate(frame.to_dict("records"), start=2):
        problem = _row_problem(row)
        if problem:
            raise CorrectionsError(f"line {number}: {problem}")
        identity = (row_identity(row), row["field"])
        if identity in seen:
            raise CorrectionsError(f"lines {seen[identity]} and {number} correct the same "
                                   f"field ({row['field']}) of the same row")
        seen[identity] = number
    _check_merges(frame)
    return frame


def _row_problem(row: Mapping[str, object]) -> str | None:
    table, field = row["table"], row["field"]
    if table not in FIELDS:
        return f"table {table!r} is not one of {', '.join(FIELDS)}"
    if field not in FIELDS[table]:
        return f"field {field!r} is not a field of {table} ({', '.join(FIELDS[table])})"
    for column in ("article_id", "anchor", "old_value", "new_value", "note", "created"):
        value = str(row[column])
        if CONTROL.search(value.replace("\t", " ")):
            return f"{column} holds control characters"
    if not row["article_id"] and not (table == "actors"):
        return "article_id is empty"
    problem = _span_problem(row)
    if problem:
        return problem
    if not row["anchor"] or len(row["anchor"]) > MAX_ANCHOR_CHARS:
        return f"anchor must hold 1 to {MAX_ANCHOR_CHARS:,} characters"
    if len(row["note"]) > MAX_NOTE_CHARS:
        return f"the note is longer than {MAX_NOTE_CHARS:,} characters"
    if MARKUP.search(row["note"]):
        return "the note holds HTML markup; notes are plain text"
    if row["created"] and not _is_time(row["created"]):
        return f"created {row['created']!r} is not a date and time (2026-12-02T10:00:00Z)"
    return _value_problem(field, row["new_value"], row["old_value"])


def _span_problem(row: Mapping[str, object]) -> str | None:
    start, end = row["start_char"], row["end_char"]
    if row["table"] == "actors":
        return None if pd.isna(start) and pd.isna(end) else "an actor has no span: leave " \
            "start_char and end_char empty"
    if pd.isna(start) or pd.isna(end) or not 0 <= int(start) < int(end) <= MAX_SPAN:
        return "start_char and end_char must be whole numbers, start_char below end_char"
    return None


def _value_problem(field: str, new: str, old: str) -> str | None:
    if field in MARKS:
        return None if new == MARKED else f"{field} takes the value {MARKED!r}"
    for name, value in (("new_value", new), ("old_value", old)):
        if len(value) > MAX_VALUE_CHARS:
            return f"{name} is longer than {MAX_VALUE_CHARS} characters"
    if field in CHOICES and new not in CHOICES[field]:
        return f"{field} {new!r} is not one of {', '.join(CHOICES[field])}"
    if field == "year" and new and not (YEAR.fullmatch(new) and 1000 <= int(new) <= 2999):
        return f"year {new!r} is not a year (four digits) or empty"
    if field in REQUIRED and not new:
        return f"new_value is empty: a {'speaker' if field == 'add' else field} is needed"
    return None


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_merges(frame: pd.DataFrame) -> None:
    """Refuse merges that go round in a circle (A into B, B into A)."""
    merges = frame[(frame["table"] == "actors") & (frame["field"] == "actor")]
    target = {(article, name): new for article, name, new in
              zip(merges["article_id"], merges["anchor"], merges["new_value"], strict=True)}
    for (article, name) in target:
        path = [name]
        while (article, path[-1]) in target:
            path.append(target[(article, path[-1])])
            if path[-1] in path[:-1]:
                raise CorrectionsError(f"the merges of {name!r} go round in a circle "
                                       f"({' -> '.join(path)})")


def to_csv(corrections: pd.DataFrame) -> bytes:
    """The corrections as `corrections.csv`: UTF-8, text cells a spreadsheet would run as
    formulas given a leading apostrophe (which `read_csv` takes off again)."""
    return csv_bytes(typed(corrections), safe=True)


def read_csv(data: bytes) -> pd.DataFrame:
    """The corrections of a `corrections.csv`, checked; `CorrectionsError` with one message
    and nothing read when anything in it is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise CorrectionsError(f"the file is {len(data) / 1e6:.1f} MB: corrections files are "
                               f"taken up to {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorrectionsError(f"the file is not UTF-8 text (byte {error.start})") from None
    if "\x00" in text:
        raise CorrectionsError("the file is binary, not a CSV of corrections")
    rows = _csv_rows(text)
    if not rows:
        raise CorrectionsError("the file is empty: it needs the header "
                               f"{','.join(COLUMNS)}")
    header = [name.strip() for name in rows[0]]
    missing = [name for name in COLUMNS if name not in header]
    extra = [name for name in header if name not in COLUMNS]
    if missing or extra:
        said = ([f"lacks {', '.join(missing)}"] if missing else []) + (
            [f"has unknown columns {', '.join(repr(name) for name in extra)}"] if extra else [])
        raise CorrectionsError(f"the header {' and '.join(said)}; a corrections file has the "
                               f"columns {','.join(COLUMNS)}")
    if len(rows) - 1 > MAX_CORRECTIONS:
        raise CorrectionsError(f"{len(rows) - 1:,} corrections: at most "
                               f"{MAX_CORRECTIONS:,} are taken at a time")
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) != len(header):
            raise CorrectionsError(f"line {number} has {len(cells)} cells, the header "
                                   f"{len(header)}")
        records.append(_record(dict(zip(header, cells, strict=True)), number))
    return check(typed(pd.DataFrame(records, columns=COLUMNS)))


def _csv_rows(text: str) -> list[list[str]]:
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row]
    except csv.Error as error:
        raise CorrectionsError(f"the file is not a readable CSV ({error})") from None


def _record(cells: dict[str, str], number: int) -> dict[str, object]:
    """One line's cells: spans as numbers, apostrophes of formula-safe cells taken off; a
    cell that would run as a spreadsheet formula is refused."""
    record: dict[str, object] = {}
    for column in COLUMNS:
        value = cells[column]
        if column in ("start_char", "end_char"):
            value = value.strip()
            if value and not value.isdigit():
                raise CorrectionsError(f"line {number}: {column} {value[:20]!r} is not a "
                                       "whole number")
            record[column] = int(value) if value else None
            continue
        if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
            value = value[1:]
        elif value.startswith(FORMULA_PREFIXES):
            raise CorrectionsError(
                f"line {number}: {column} starts with {value[:1]!r}, which a spreadsheet runs "
                "as a formula; write it with a leading apostrophe")
        record[column] = value
    return record


def read_file(path: str | Path) -> pd.DataFrame:
    """The corrections of a file; an absent file holds none."""
    path = Path(path)
    if not path.exists():
        return empty()
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CorrectionsError(f"{path.name}: over {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        return read_csv(path.read_bytes())
    except CorrectionsError as error:
        raise CorrectionsError(f"{path.name}: {error}") from None


def read_given(path: str | Path) -> pd.DataFrame:
    """The corrections of a file named on the command line, which must exist."""
    if not Path(path).is_file():
        raise CorrectionsError(f"{path}: no such corrections file")
    return read_file(path)


def write_file(corrections: pd.DataFrame, path: str | Path) -> None:
    """Write the corrections to `path` atomically: a reader sees the old file or the new
    one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(to_csv(corrections))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """The sentences of an article's text as (start, end, sentence), spans trimmed of
    white space: what the analyst picks a missed claim from."""
    spans = []
    for match in SENTENCE.finditer(text):
        sentence = match.group()
        stripped = sentence.strip()
        if stripped:
            start = match.start() + len(sentence) - len(sentence.lstrip())
            spans.append((start, start + len(stripped), stripped))
    return spans


# --- Applying them in SQL -------------------------------------------------------------------


@dataclass
class Resolution:
    """What became of each correction against the tables: `status` is `applied`, `moved`
    (its row found at a new span), `holds` (the tables already say what it says) or
    `unmatched` (with the `reason`); `row` is the row found (claims and case mentions)."""

    frame: pd.DataFrame
    # The tables the resolution left in its connection (`RESOLVED_TABLES`), for `install` to
    # give a later session of the same tables and corrections without resolving again.
    tables: dict[str, object] = field(default_factory=dict)

    @property
    def unmatched(self) -> pd.DataFrame:
        return self.frame[self.frame["status"] == "unmatched"]

    def counts(self) -> dict[str, int]:
        return {status: int((self.frame["status"] == status).sum())
                for status in ("applied", "moved", "holds", "unmatched")}

    def message(self, *, shown: int = 5) -> str:
        """"3 corrections no longer match: ..." (empty when all match)."""
        unmatched = self.unmatched
        if unmatched.empty:
            return ""
        lines = [describe(row) for row in unmatched.head(shown).to_dict("records")]
        more = f"; and {len(unmatched) - shown} more" if len(unmatched) > shown else ""
        count = len(unmatched)
        return (f"{count} correction{'s' * (count != 1)} no longer match"
                f"{'es' * (count == 1)}: " + "; ".join(lines) + more)


def describe(row: Mapping[str, object]) -> str:
    """One correction in words, with why it no longer matches if it does not."""
    where = row["article_id"] or "every article"
    if not pd.isna(row.get("start_char")) and row.get("start_char") is not None:
        where += f" {row['start_char']}-{row['end_char']}"
    what = (f"add a claim by {row['new_value']!r}" if row["field"] == "add"
            else row["field"] if row["field"] in MARKS
            else f"{row['field']} {row['old_value']!r} -> {row['new_value']!r}")
    reason = f" ({row['reason']})" if row.get("reason") else ""
    return f"{row['table']} {where} ({str(row['anchor'])[:40]!r}): {what}{reason}"


RESOLVED_TABLES = ("corrections_in", "added_claims", "renames", "resolution", "fix_claims",
                   "fix_case_mentions", "fix_actors")


def install(connection: duckdb.DuckDBPyConnection, corrections: pd.DataFrame, *,
            reuse: Resolution | None = None) -> Resolution:
    """Create the views `claims`, `actors`, `case_mentions` and `actor_mentions` of the
    connection as `raw_<name>` corrected, each with a `corrected` column, and `base_claims`
    (the raw claims and those added by hand); return what became of each correction.

    `reuse`: the resolution of these same corrections against these same tables, made by an
    earlier session (a dashboard's runs), whose tables are taken as they are."""
    if corrections.empty:  # every run of the dashboard comes here: no join, no scan
        for name in CORRECTED_TABLES:
            connection.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS "
                               f"SELECT *, FALSE AS corrected FROM raw_{name}")
        connection.execute("CREATE OR REPLACE TEMP VIEW base_claims AS SELECT * FROM raw_claims")
        return Resolution(typed(corrections).assign(status="", reason="",
                                                    row=pd.Series(dtype="Int64")))
    if reuse is not None and set(reuse.tables) == set(RESOLVED_TABLES):
        for name, table in reuse.tables.items():
            _create_table(connection, name, table)
        _base_views(connection)
        _corrected_views(connection, has_renames=bool(len(reuse.tables["renames"])))
        return reuse
    corrections = typed(corrections).assign(number=range(len(corrections)))
    connection.register("corrections_given", corrections)
    connection.execute("CREATE OR REPLACE TEMP TABLE corrections_in AS "
                       "SELECT * FROM corrections_given")
    connection.unregister("corrections_given")
    _add_claims(connection)
    _base_views(connection)
    renames = _renames(connection)
    parts = [_resolve_span_table(connection, name) for name in SPAN_TABLES]
    parts.append(_resolve_actors(connection, renames))
    resolution = pd.concat(parts, ignore_index=True).sort_values("number", ignore_index=True)
    connection.register("resolution_given", resolution[["number", "status", "row"]])
    connection.execute("CREATE OR REPLACE TEMP TABLE resolution AS "
                       "SELECT * FROM resolution_given")
    connection.unregister("resolution_given")
    _fix_tables(connection)
    _corrected_views(connection, has_renames=bool(len(renames)))
    shown = corrections.merge(resolution[["number", "status", "reason", "row"]], on="number")
    shown["row"] = shown["row"].astype("Int64")
    kept = {name: connection.sql(f"SELECT * FROM {name}").to_arrow_table()
            for name in RESOLVED_TABLES}
    return Resolution(shown.drop(columns="number"), kept)


def _create_table(connection: duckdb.DuckDBPyConnection, name: str, table: object) -> None:
    connection.register(f"{name}_given", table)
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_given")
    connection.unregister(f"{name}_given")


def _base_views(connection: duckdb.DuckDBPyConnection) -> None:
    """`base_<table>`: the rows corrections are made on (claims: with those added by hand)."""
    connection.execute("CREATE OR REPLACE TEMP VIEW base_claims AS SELECT * FROM raw_claims "
                       "UNION ALL BY NAME SELECT * EXCLUDE (number) FROM added_claims")
    for name in ("actors", "case_mentions", "actor_mentions"):
        connection.execute(f"CREATE OR REPLACE TEMP VIEW base_{name} AS SELECT * FROM raw_{name}")


def plain_views(connection: duckdb.DuckDBPyConnection, names: Sequence[str]) -> None:
    """The tables as the extractor gave them (no corrections, no `corrected` column)."""
    for name in names:
        connection.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM raw_{name}")
    connection.execute("CREATE OR REPLACE TEMP VIEW base_claims AS SELECT * FROM raw_claims")


def _add_claims(connection: duckdb.DuckDBPyConnection) -> None:
    """`added_claims`: the claims added by hand whose sentence the article still holds (at
    the span given, else where its text now is)."""
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE added_claims AS
        WITH wanted AS (
            SELECT number, article_id, start_char, end_char, anchor, new_value
            FROM corrections_in WHERE "table" = 'claims' AND field = 'add'),
        placed AS (
            SELECT w.*, CASE
                WHEN substr(a.text, w.start_char + 1, w.end_char - w.start_char) = w.anchor
                    THEN w.start_char
                WHEN strpos(a.text, w.anchor) > 0 THEN strpos(a.text, w.anchor) - 1
                END AS placed_at
            FROM wanted AS w JOIN raw_articles AS a USING (article_id))
        SELECT article_id || '-added-' || placed_at AS claim_id, article_id,
               CAST(NULL AS BIGINT) AS sentence_index, placed_at AS start_char,
               placed_at + length(anchor) AS end_char, new_value AS speaker,
               coalesce((SELECT arg_min(actor_type, _row) FROM raw_actors AS r
                         WHERE r.article_id = placed.article_id
                           AND r.actor = placed.new_value), '') AS speaker_type,
               '' AS cue, anchor AS claim_text, FALSE AS is_quote, '' AS target,
               'other' AS kind, 'none' AS nato_stance, number,
               {ADDED_ROWS_FROM} + number AS _row
        FROM placed WHERE placed_at IS NOT NULL""")


def _anchor(name: str) -> str:
    if name == "claims":
        return "claim_text"
    return ("country || '|' || coalesce(CAST(year AS VARCHAR), '') || '|' || action")


def _field_value(name: str) -> str:
    """The raw value of the corrected field, as text, of a row `b` of table `name`."""
    cases = " ".join(
        f"WHEN '{field}' THEN coalesce(CAST(b.{field} AS VARCHAR), '')"
        for field in FIELDS[name] if field not in MARKS and field != "add")
    return f"CASE c.field {cases} END"


def _resolve_span_table(connection: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """Each correction of a span table with its row (`row`, the row's `_row`) and status."""
    return connection.execute(f"""
        WITH wanted AS (SELECT * FROM corrections_in WHERE "table" = '{name}'),
        rows AS (SELECT *, {_anchor(name)} AS anchor FROM base_{name}
                 WHERE article_id IN (SELECT article_id FROM wanted)),
        found AS (
            SELECT w.number, r._row, r.start_char = w.start_char AS exact
            FROM wanted AS w JOIN rows AS r
              ON r.article_id = w.article_id AND r.anchor = w.anchor
             AND r.end_char - r.start_char = w.end_char - w.start_char
            QUALIFY row_number() OVER (PARTITION BY w.number
                                       ORDER BY abs(r.start_char - w.start_char), r._row) = 1),
        judged AS (
            SELECT c.number, f._row AS row, f.exact,
                   CASE WHEN c.field IN ('reject', 'reviewed', 'add') THEN NULL
                        ELSE {_field_value(name)} END AS value,
                   c.field, c.old_value, c.new_value, c.article_id,
                   c.article_id IN (SELECT article_id FROM raw_articles) AS known
            FROM wanted AS c LEFT JOIN found AS f USING (number)
            LEFT JOIN rows AS b ON b._row = f._row)
        SELECT number, row, CASE
                WHEN row IS NULL THEN 'unmatched'
                WHEN value IS NOT NULL AND value <> old_value AND value = new_value THEN 'holds'
                WHEN value IS NOT NULL AND value <> old_value THEN 'unmatched'
                WHEN exact THEN 'applied' ELSE 'moved' END AS status,
            CASE
                WHEN NOT known THEN 'the tables hold no article ' || article_id
                WHEN row IS NULL AND field = 'add' THEN 'the article no longer holds this text'
                WHEN row IS NULL THEN 'no such row in the article any more'
                WHEN value IS NOT NULL AND value <> old_value AND value <> new_value
                    THEN field || ' is now ' || '''' || value || ''''
                ELSE '' END AS reason
        FROM judged""").df()


def _renames(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """`renames` (article_id, actor, new_name): the merges, followed to their end (A into B
    and B into C: A into C); '' as article_id stands for every article."""
    merges = connection.execute("""
        SELECT article_id, anchor, new_value FROM corrections_in
        WHERE "table" = 'actors' AND field = 'actor' ORDER BY number""").fetchall()
    local = {(article, name): new for article, name, new in merges if article}
    every = {name: new for article, name, new in merges if not article}
    rows = []
    for article, name, _ in merges:
        current, seen = name, {name}
        while True:
            following = local.get((article, current)) if article else None
            following = following or every.get(current)
            if following is None or following in seen:
                break
            seen.add(following)
            current = following
        rows.append((article, name, current))
    renames = pd.DataFrame(rows, columns=["article_id", "actor", "new_name"])
    connection.register("renames_given", renames)
    connection.execute("CREATE OR REPLACE TEMP TABLE renames AS SELECT * FROM renames_given")
    connection.unregister("renames_given")
    return renames


def _renamed(column: str, relation: str) -> tuple[str, str]:
    """(joins, expression): `column` of `relation` after the merges."""
    joins = (f" LEFT JOIN renames AS {column}_here ON {column}_here.article_id = "
             f"{relation}.article_id AND {column}_here.actor = {relation}.{column}"
             f" LEFT JOIN renames AS {column}_every ON {column}_every.article_id = '' "
             f"AND {column}_every.actor = {relation}.{column}")
    expression = (f"coalesce({column}_here.new_name, {column}_every.new_name, "
                  f"{relation}.{column})")
    return joins, expression


def _resolve_actors(connection: duckdb.DuckDBPyConnection, renames: pd.DataFrame
                    ) -> pd.DataFrame:
    """Each actor correction with its status: a merge matches while its actor is in the
    tables (or is itself merged into), any other while the actor, merged, is."""
    joins, expression = _renamed("actor", "b")
    return connection.execute(f"""
        WITH wanted AS (SELECT * FROM corrections_in WHERE "table" = 'actors'),
        names AS (SELECT DISTINCT b.article_id, b.actor AS raw_name, {expression} AS name
                  FROM base_actors AS b{joins}
                  WHERE b.actor IN (SELECT anchor FROM wanted)
                     OR {expression} IN (SELECT anchor FROM wanted)),
        judged AS (
            SELECT c.number, c.field, c.article_id, EXISTS (
                SELECT 1 FROM names AS n
                WHERE (c.article_id = '' OR n.article_id = c.article_id)
                  AND (CASE WHEN c.field = 'actor' THEN n.raw_name = c.anchor
                            OR c.anchor IN (SELECT new_name FROM renames)
                       ELSE n.name = c.anchor END)) AS found
            FROM wanted AS c)
        SELECT number, CAST(NULL AS BIGINT) AS row,
               CASE WHEN found THEN 'applied' ELSE 'unmatched' END AS status,
               CASE WHEN found THEN ''
                    WHEN article_id <> '' AND article_id NOT IN (
                        SELECT article_id FROM raw_articles)
                        THEN 'the tables hold no article ' || article_id
                    ELSE 'no such actor any more' END AS reason
        FROM judged""").df()


def _pivot(fields: Sequence[str]) -> str:
    """One `set_<field>` flag and `<field>` value per corrected field."""
    return ", ".join(
        f"bool_or(c.field = '{field}') AS set_{field}, "
        f"max(c.new_value) FILTER (WHERE c.field = '{field}') AS {field}"
        for field in fields)


def _fix_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """`fix_<table>`: the corrections in force, one row per corrected row (per actor)."""
    for name in SPAN_TABLES:
        values = [field for field in FIELDS[name] if field not in MARKS and field != "add"]
        extra = (", max(r.new_type) AS new_speaker_type" if name == "claims" else "")
        connection.execute(f"""
            CREATE OR REPLACE TEMP TABLE fix_{name} AS
            SELECT s.row AS _row, {_pivot(values)}, bool_or(c.field = 'reject') AS rejected,
                   bool_or(c.field <> 'reviewed') AS changed{extra}
            FROM resolution AS s JOIN corrections_in AS c USING (number)
            {_speaker_types() if name == 'claims' else ''}
            WHERE s.status IN ('applied', 'moved') AND c."table" = '{name}' GROUP BY s.row""")
    values = [field for field in FIELDS["actors"] if field not in MARKS and field != "actor"]
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE fix_actors AS
        SELECT c.article_id, c.anchor AS actor, {_pivot(values)},
               bool_or(c.field = 'reject') AS rejected,
               bool_or(c.field NOT IN ('reviewed', 'actor')) AS changed
        FROM resolution AS s JOIN corrections_in AS c USING (number)
        WHERE s.status = 'applied' AND c."table" = 'actors' AND c.field <> 'actor'
        GROUP BY c.article_id, c.anchor""")


def _speaker_types() -> str:
    """The type the article gives a claim's new speaker (empty for a name it lacks)."""
    return """LEFT JOIN (SELECT t.row, arg_min(a.actor_type, a._row) AS new_type
                         FROM resolution AS t JOIN corrections_in AS k USING (number)
                         JOIN base_claims AS b ON b._row = t.row
                         JOIN raw_actors AS a ON a.article_id = b.article_id
                          AND a.actor = k.new_value
                         WHERE k."table" = 'claims' AND k.field = 'speaker'
                         GROUP BY t.row) AS r ON r.row = s.row"""


def _corrected_views(connection: duckdb.DuckDBPyConnection, *, has_renames: bool) -> None:
    connection.execute(f"CREATE OR REPLACE TEMP VIEW claims AS {_claims_sql(has_renames)}")
    connection.execute(f"CREATE OR REPLACE TEMP VIEW case_mentions AS {_cases_sql()}")
    connection.execute(f"CREATE OR REPLACE TEMP VIEW actor_mentions AS "
                       f"{_actor_rows_sql('base_actor_mentions', has_renames)}")
    rows = _actor_rows_sql("base_actors", has_renames)
    if not has_renames:
        connection.execute(f"CREATE OR REPLACE TEMP VIEW actors AS {rows}")
        return
    # A merge can give one article two rows of one actor: they become one, as the contract
    # has it (one row per actor per article), mentions added up and roles joined.
    connection.execute(f"""
        CREATE OR REPLACE TEMP VIEW actors AS
        WITH fixed AS ({rows})
        SELECT * FROM fixed WHERE actor NOT IN (SELECT new_name FROM renames)
        UNION ALL BY NAME
        SELECT article_id, actor, first(actor_type ORDER BY _row) AS actor_type,
               coalesce(string_agg(NULLIF(role, ''), '; ' ORDER BY _row), '') AS role,
               coalesce(first(affiliation ORDER BY _row) FILTER (WHERE affiliation <> ''), '')
                   AS affiliation,
               sum(mentions)::BIGINT AS mentions, bool_or(corrected) OR count(*) > 1
                   AS corrected, min(_row) AS _row
        FROM fixed WHERE actor IN (SELECT new_name FROM renames) GROUP BY article_id, actor""")


def _claims_sql(has_renames: bool) -> str:
    fixed = f"""
        SELECT b.* REPLACE (
            CASE WHEN f.set_speaker THEN f.speaker ELSE b.speaker END AS speaker,
            CASE WHEN f.set_speaker THEN coalesce(f.new_speaker_type, '')
                 ELSE b.speaker_type END AS speaker_type,
            CASE WHEN f.set_kind THEN f.kind ELSE b.kind END AS kind,
            CASE WHEN f.set_nato_stance THEN f.nato_stance ELSE b.nato_stance END AS nato_stance,
            CASE WHEN f.set_target THEN f.target ELSE b.target END AS target),
            coalesce(f.changed, FALSE) OR b._row >= {ADDED_ROWS_FROM} AS corrected
        FROM base_claims AS b LEFT JOIN fix_claims AS f ON f._row = b._row
        WHERE NOT coalesce(f.rejected, FALSE)"""
    if not has_renames:
        return fixed
    speaker_joins, speaker = _renamed("speaker", "fixed")
    target_joins, target = _renamed("target", "fixed")
    return f"""
        WITH fixed AS ({fixed})
        SELECT fixed.* REPLACE ({speaker} AS speaker, {target} AS target,
                                fixed.corrected OR {speaker} <> fixed.speaker
                                OR {target} <> fixed.target AS corrected)
        FROM fixed{speaker_joins}{target_joins}"""


def _cases_sql() -> str:
    return """
        SELECT b.* REPLACE (
            CASE WHEN f.set_country THEN f.country ELSE b.country END AS country,
            CASE WHEN f.set_year THEN TRY_CAST(NULLIF(f.year, '') AS BIGINT)
                 ELSE b.year END AS year,
            CASE WHEN f.set_action THEN f.action ELSE b.action END AS action,
            CASE WHEN f.set_leader THEN f.leader ELSE b.leader END AS leader),
            coalesce(f.changed, FALSE) AS corrected
        FROM base_case_mentions AS b LEFT JOIN fix_case_mentions AS f ON f._row = b._row
        WHERE NOT coalesce(f.rejected, FALSE)"""


def _actor_rows_sql(base: str, has_renames: bool) -> str:
    """Rows of `base` (actors or actor mentions) merged, retyped, rejected rows left out."""
    joins, name = _renamed("actor", "b") if has_renames else ("", "b.actor")
    replaced = [f"{name} AS actor", _either("actor_type")]
    if base == "base_actors":
        replaced.append(_either("affiliation"))
    return f"""
        SELECT b.* REPLACE ({', '.join(replaced)}),
            {name} <> b.actor OR coalesce(here.changed, FALSE)
                OR coalesce(every.changed, FALSE) AS corrected
        FROM {base} AS b{joins}
        LEFT JOIN fix_actors AS here ON here.article_id = b.article_id AND here.actor = {name}
        LEFT JOIN fix_actors AS every ON every.article_id = '' AND every.actor = {name}
        WHERE NOT (coalesce(here.rejected, FALSE) OR coalesce(every.rejected, FALSE))"""


def _either(field: str) -> str:
    """An actor's `field`: corrected in its article, else in every article, else as given."""
    return (f"CASE WHEN here.set_{field} THEN here.{field} WHEN every.set_{field} "
            f"THEN every.{field} ELSE b.{field} END AS {field}")


# --- Corrected tables for the command line ----------------------------------------------------


@dataclass
class Applied:
    """Tables with the corrections applied (each with a `corrected` column) and what became
    of each correction."""

    tables: dict[str, pd.DataFrame]
    resolution: Resolution

    def summary(self) -> str:
        counts = self.resolution.counts()
        line = (f"corrections: {counts['applied'] + counts['moved']} applied"
                + (f" ({counts['moved']} found at a new place)" if counts["moved"] else "")
                + (f", {counts['holds']} already in the tables" if counts["holds"] else "")
                + f", {counts['unmatched']} no longer match")
        message = self.resolution.message(shown=len(self.resolution.frame))
        return line + (f"\n{message}" if message else "")


def apply(tables: Mapping[str, pd.DataFrame], corrections: pd.DataFrame) -> Applied:
    """The tables with `corrections` applied: a pure function of freshly built tables (the
    same views the dashboard reads, run in a DuckDB database of its own)."""
    from analysis.query import Corpus, Selection  # the query module builds on this one

    with Corpus(frames=tables).session(corrections=corrections) as session:
        corrected = {name: session.table(name, Selection()) if name in CORRECTED_TABLES
                     else tables[name] for name in tables}
        return Applied(corrected, session.resolution)


def apply_to_folder(folder: str | Path, corrections: pd.DataFrame, *, fmt: str,
                    safe: bool = False) -> Applied:
    """Correct the tables a build wrote to `folder`, in place (each written atomically)."""
    from analysis.export import write_tables
    from analysis.store import load_tables

    tables = load_tables(folder, text=True)
    applied = apply(tables, corrections)
    write_tables({name: applied.tables[name] for name in CORRECTED_TABLES}, folder, fmt=fmt,
                 safe=safe)
    return applied
