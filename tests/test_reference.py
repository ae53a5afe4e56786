"""Validation of the curated `cases` reference table and its loader."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

reference = importlib.import_module("analysis.reference")
CASE_COLUMNS = reference.CASE_COLUMNS
CASE_KINDS = reference.CASE_KINDS
CASES_PATH = reference.CASES_PATH
link_case = reference.link_case
load_cases = reference.load_cases
parse_partial_date = reference.parse_partial_date
partial_date_start = reference.partial_date_start
source_links = reference.source_links

CSV_COLUMNS = [
    "case_id", "country", "scope", "kind", "announced", "effective", "returned",
    "leader_out", "leader_return", "trigger", "retained", "consequences",
    "return_terms", "sources", "notes",
]
REQUIRED_CASES = {"france-1966", "greece-1974", "spain-1986", "malta-1996", "france-lfi-2026"}


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return load_cases()


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(CASES_PATH, dtype=str, keep_default_na=False)


def by_id(cases: pd.DataFrame, case_id: str) -> pd.Series:
    return cases.set_index("case_id").loc[case_id]


def test_csv_columns_in_order_without_computed_column(raw):
    assert list(raw.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS
    assert "years_outside" not in raw.columns


def test_loaded_columns_follow_the_contract(cases):
    assert list(cases.columns[: len(CASE_COLUMNS)]) == CASE_COLUMNS
    assert {"kind", "notes"} <= set(cases.columns)
    text_columns = [column for column in cases.columns if column != "years_outside"]
    assert not cases[text_columns].isna().any().any()


def test_required_cases_present_and_ids_unique(cases):
    assert cases["case_id"].is_unique
    assert REQUIRED_CASES <= set(cases["case_id"])
    assert cases["case_id"].str.fullmatch(r"[a-z]+(?:-[a-z0-9]+)+").all()


def test_kinds_in_allowed_set(cases):
    assert set(cases["kind"]) <= set(CASE_KINDS)
    assert by_id(cases, "france-lfi-2026")["kind"] == "proposal"


def test_every_row_has_an_http_source(cases):
    for case_id, sources in zip(cases["case_id"], cases["sources"], strict=True):
        links = source_links(sources)
        assert links, case_id
        assert any(url.startswith(("http://", "https://")) for _, url in links), case_id
        assert all(title for title, _ in links), case_id


def test_dates_parse(cases):
    for column in ("announced", "effective", "returned"):
        for value in cases[column]:
            if value:
                assert parse_partial_date(value) is not None
    assert (cases["announced"] != "").all()


def test_returned_after_effective(cases):
    for _, row in cases.iterrows():
        start = partial_date_start(row["effective"] or row["announced"])
        end = partial_date_start(row["returned"])
        if row["effective"]:
            assert partial_date_start(row["announced"]) <= partial_date_start(row["effective"])
        if end is not None:
            assert end > start, row["case_id"]


def test_proposals_never_took_effect(cases):
    proposals = cases[cases["kind"] == "proposal"]
    assert (proposals["effective"] == "").all()
    assert (proposals["returned"] == "").all()
    assert proposals["years_outside"].isna().all()


def test_years_outside_computed(cases):
    france = by_id(cases, "france-1966")
    greece = by_id(cases, "greece-1974")
    # 1 July 1966 -> 4 April 2009 and 14 August 1974 -> 20 October 1980
    assert france["years_outside"] == pytest.approx(42.8, abs=0.1)
    assert greece["years_outside"] == pytest.approx(6.2, abs=0.1)
    assert 42 < france["years_outside"] < 44
    assert 6 <= greece["years_outside"] < 7
    assert pd.isna(by_id(cases, "france-lfi-2026")["years_outside"])


def test_key_dates_as_curated(cases):
    france = by_id(cases, "france-1966")
    assert (france["announced"], france["effective"]) == ("1966-03-07", "1966-07-01")
    assert france["returned"].startswith("2009-")
    greece = by_id(cases, "greece-1974")
    assert greece["effective"].startswith("1974-08")
    assert greece["returned"].startswith("1980-10")
    assert by_id(cases, "spain-1986")["returned"] == "1999-01-01"
    assert by_id(cases, "malta-1996")["returned"].startswith("2008")


@pytest.mark.parametrize(
    ("country", "year", "action", "expected"),
    [
        ("France", 1966, "withdraw_integrated_command", "france-1966"),
        ("France", 2009, "return_integrated_command", "france-1966"),
        ("Greece", 1974, "withdraw_integrated_command", "greece-1974"),
        ("Greece", 1980, "return_integrated_command", "greece-1974"),
        ("greece", 1980, "return_integrated_command", "greece-1974"),
        ("France", 1949, "join", ""),
        ("France", 1966, "return_integrated_command", ""),
        ("France", 2009, "withdraw_integrated_command", ""),
        ("France", None, "leave_alliance_proposal", "france-lfi-2026"),
        ("France", 2026, "leave_alliance_proposal", "france-lfi-2026"),
        ("Greece", None, "leave_alliance_proposal", ""),
        ("Germany", 1966, "withdraw_integrated_command", ""),
        ("France", 1966, "other", ""),
    ],
)
def test_link_case(cases, country, year, action, expected):
    assert link_case(country, year, action, cases) == expected


def test_parse_partial_date():
    assert parse_partial_date("1966-03-07") == (1966, 3, 7)
    assert parse_partial_date("1996-10") == (1996, 10, None)
    assert parse_partial_date("2026") == (2026, None, None)
    assert parse_partial_date("") is None
    assert parse_partial_date(None) is None
    assert parse_partial_date(float("nan")) is None
    for bad in ("1966-13", "1966-02-30", "7 March 1966", "66-03-07"):
        with pytest.raises(ValueError):
            parse_partial_date(bad)


def test_source_links():
    text = "A title <https://example.org/a> | Another <http://example.org/b?x=1> | no address"
    assert source_links(text) == [
        ("A title", "https://example.org/a"),
        ("Another", "http://example.org/b?x=1"),
        ("no address", ""),
    ]
    assert source_links("") == []
