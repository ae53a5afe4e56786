"""The curated reference table of precedents (`cases`) and helpers to use it.

The table lives in `data/cases.csv`, one row per case: a country stepping out of
NATO's integrated military command (or a NATO framework) and, where it happened,
back in, plus calls to leave that never took effect. Every row is sourced.

Dates are ISO strings that may be partial (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)
when the sources give no day. `years_outside` is not stored: it is computed here
from `effective` (or `announced`) to `returned`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

CASES_PATH = Path(__file__).resolve().parent.parent / "data" / "cases.csv"

CASE_COLUMNS = [
    "case_id", "country", "scope", "announced", "effective", "returned",
    "years_outside", "leader_out", "leader_return", "trigger", "retained",
    "consequences", "return_terms", "sources",
]
CASE_KINDS = ("withdrawal", "non_integration", "suspension", "proposal")
DATE_COLUMNS = ("announced", "effective", "returned")

SOURCE_SEPARATOR = " | "
DAYS_PER_YEAR = 365.25

WITHDRAW_ACTIONS = {"withdraw_integrated_command"}
RETURN_ACTIONS = {"return_integrated_command"}
PROPOSAL_ACTIONS = {"leave_alliance_proposal"}

_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SOURCE_PATTERN = re.compile(r"^(?P<title>.*?)\s*<(?P<url>[^<>\s]+)>\s*$")


def parse_partial_date(value: object) -> tuple[int, int | None, int | None] | None:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into (year, month, day).

    Missing parts are None. Empty values (None, NaN, "") give None; anything else
    that is not a valid calendar date raises ValueError.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    match = _DATE_PATTERN.match(text)
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    date(year, month or 1, day or 1)  # raises ValueError on an impossible date
    return year, month, day


def partial_date_start(value: object) -> date | None:
    """The first day a partial date can mean (`1996-10` -> 1 October 1996), or None."""
    parsed = parse_partial_date(value)
    if parsed is None:
        return None
    year, month, day = parsed
    return date(year, month or 1, day or 1)


def partial_date_year(value: object) -> int | None:
    """The year of a partial date, or None when empty."""
    parsed = parse_partial_date(value)
    return parsed[0] if parsed else None


def years_between(start: object, end: object) -> float | None:
    """Years from `start` to `end` (partial ISO dates), one decimal; None if either is empty."""
    first, last = partial_date_start(start), partial_date_start(end)
    if first is None or last is None:
        return None
    return round((last - first).days / DAYS_PER_YEAR, 1)


def source_links(sources: str) -> list[tuple[str, str]]:
    """Split a `sources` cell into (title, url) pairs.

    Entries are `Title <https://address>` joined by " | "; an entry without an
    address comes back with an empty url.
    """
    links: list[tuple[str, str]] = []
    if not isinstance(sources, str):
        return links
    for entry in sources.split(SOURCE_SEPARATOR):
        entry = entry.strip()
        if not entry:
            continue
        match = _SOURCE_PATTERN.match(entry)
        if match:
            links.append((match.group("title").strip(), match.group("url")))
        else:
            links.append((entry, ""))
    return links


def _years_outside(row: pd.Series) -> float | None:
    start = row["effective"] or row["announced"]
    return years_between(start, row["returned"])


def load_cases(path: str | Path | None = None) -> pd.DataFrame:
    """Load the reference table with the contract's `cases` columns first, then extras.

    Text columns never hold NaN (empty string instead); `years_outside` is a
    nullable float, empty when the country has not returned.
    """
    frame = pd.read_csv(path or CASES_PATH, dtype=str, keep_default_na=False)
    frame = frame.apply(lambda column: column.str.strip())
    for column in DATE_COLUMNS:
        frame[column].map(parse_partial_date)  # fail early on a malformed date
    years = [_years_outside(row) for _, row in frame.iterrows()]
    frame["years_outside"] = pd.array(years, dtype="Float64")
    extras = [column for column in frame.columns if column not in CASE_COLUMNS]
    return frame[CASE_COLUMNS + extras].reset_index(drop=True)


def _same_country(left: str, right: str) -> bool:
    return left.strip().casefold() == right.strip().casefold()


def link_case(country: str, year: int | None, action: str, cases: pd.DataFrame) -> str:
    """The `case_id` a mention of `country` doing `action` in `year` refers to, else "".

    Withdraw actions match a non-proposal row whose announced or effective year is
    `year`; return actions match the returned year; `leave_alliance_proposal`
    matches a proposal row of that country (its announced year when a year is
    given). Without a year, a withdraw or return mention links only when the
    country has a single candidate row. Other actions never link.
    """
    if not country or cases.empty:
        return ""
    rows = cases[cases["country"].map(lambda value: _same_country(str(value), country))]
    kind = rows["kind"] if "kind" in rows.columns else pd.Series("", index=rows.index)
    if action in PROPOSAL_ACTIONS:
        candidates = rows[kind == "proposal"]
        if year is not None:
            candidates = candidates[candidates["announced"].map(partial_date_year) == year]
        return str(candidates["case_id"].iloc[0]) if len(candidates) else ""
    if action in WITHDRAW_ACTIONS:
        candidates = rows[kind != "proposal"]
        if year is None:
            return str(candidates["case_id"].iloc[0]) if len(candidates) == 1 else ""
        years = candidates[["announced", "effective"]].map(partial_date_year)
        candidates = candidates[(years == year).any(axis=1)]
    elif action in RETURN_ACTIONS:
        candidates = rows[rows["returned"] != ""]
        if year is None:
            return str(candidates["case_id"].iloc[0]) if len(candidates) == 1 else ""
        candidates = candidates[candidates["returned"].map(partial_date_year) == year]
    else:
        return ""
    return str(candidates["case_id"].iloc[0]) if len(candidates) else ""
