"""One export schema per table, wherever it is downloaded.

A table leaves the dashboard with the contract's columns in their order (analysis/tables.py)
and then the columns the pages show beside them: claims with their speaker's party or
affiliation, case mentions with the precedent's label, who invoked it and the article's
title. The Claims and Country cases downloads and the Overview's zip all go through here.
"""

from __future__ import annotations

import pandas as pd

from analysis.tables import CASE_MENTION_COLUMNS, Tables
from ui import cases_view as view
from ui import summaries


def claims_export(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Claims with `speaker_affiliation`, the party or affiliation the Claims page shows."""
    return claims.assign(speaker_affiliation=summaries.speaker_affiliations(claims, actors))


def case_mentions_export(details: pd.DataFrame) -> pd.DataFrame:
    """Case mentions of `cases_view.mention_details` in export order: the contract's
    columns, then `precedent`, `invoked_by` and `article_title`."""
    extra = [column for column in details.columns if column not in CASE_MENTION_COLUMNS]
    return details[CASE_MENTION_COLUMNS + extra]


def export_tables(tables: Tables, cases: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every table of a view as the zip holds it."""
    details = view.mention_details(tables.case_mentions, tables.claims, tables.actors,
                                   tables.articles, cases)
    return {**tables.as_dict(), "claims": claims_export(tables.claims, tables.actors),
            "case_mentions": case_mentions_export(details)}
