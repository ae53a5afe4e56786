"""One export schema per table, wherever it is downloaded.

A table leaves the dashboard with the contract's columns in their order (analysis/tables.py)
and then the columns the pages show beside them: claims with their speaker's party or
affiliation, case mentions with the precedent's label, who invoked it and the article's
title. The Claims and Country cases downloads and the Overview's zip all go through here.
A view with corrections carries them: each table its `corrected` column, the zip
`corrections.csv`.
"""

from __future__ import annotations

import pandas as pd

from analysis import aggregates, corrections
from analysis.query import Corpus, Selection, Session
from analysis.tables import CASE_MENTION_COLUMNS, TABLE_COLUMNS, Tables
from ui import cases_view as view


def case_mentions_export(details: pd.DataFrame) -> pd.DataFrame:
    """Case mentions of `cases_view.mention_details` in export order: the contract's
    columns, then `precedent`, `invoked_by` and `article_title`."""
    extra = [column for column in details.columns if column not in CASE_MENTION_COLUMNS]
    return details[CASE_MENTION_COLUMNS + extra]


def export_view(session: Session, selection: Selection,
                cases: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every table of a view as the zip holds it: the claims with `speaker_affiliation`,
    the case mentions with the precedent, who invoked it and the article's title; and the
    corrections of a corrected view (`corrections.csv`)."""
    shown_beside = {
        "claims": lambda: aggregates.claims_with_affiliation(session, selection),
        "case_mentions": lambda: case_mentions_export(view.mention_details(session, selection,
                                                                           cases)),
    }
    exported = {name: shown_beside[name]() if name in shown_beside
                else session.table(name, selection) for name in TABLE_COLUMNS}
    if session.corrections is not None:
        exported["corrections"] = corrections.typed(session.corrections)
    return exported


def export_tables(tables: Tables, cases: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """`export_view` of tables held in memory."""
    with Corpus(frames=tables.as_dict()).session() as session:
        return export_view(session, Selection(), cases)
