"""The table contract: column names and types of every table the project writes.

Column names are API (pages, CSV downloads, the CLI and evaluations read them):
add columns freely, never rename or drop these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

ARTICLE_COLUMNS = [
    "article_id", "title", "source", "url", "published", "language",
    "n_words", "text_sha256", "text",
]
ACTOR_COLUMNS = [
    "article_id", "actor", "actor_type", "role", "affiliation", "mentions",
]
CLAIM_COLUMNS = [
    "claim_id", "article_id", "sentence_index", "start_char", "end_char",
    "speaker", "speaker_type", "cue", "claim_text", "is_quote", "target",
    "kind", "nato_stance",
]
CASE_MENTION_COLUMNS = [
    "article_id", "sentence_index", "start_char", "end_char", "country", "year",
    "action", "leader", "case_id", "evidence",
]

# Every mention of an actor, for highlighting and co-occurrence (not in the core contract).
ACTOR_MENTION_COLUMNS = [
    "article_id", "sentence_index", "start_char", "end_char", "actor", "actor_type", "text",
]

INTEGER_COLUMNS = {"n_words", "mentions", "sentence_index", "start_char", "end_char", "year"}
BOOLEAN_COLUMNS = {"is_quote"}

TABLE_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "case_mentions": CASE_MENTION_COLUMNS,
    "actor_mentions": ACTOR_MENTION_COLUMNS,
}

ACTOR_TYPES = ("person", "party", "organisation", "state")
CLAIM_KINDS = ("accusation", "proposal", "assessment", "prediction", "other")
NATO_STANCES = ("exit", "stay", "none")
CASE_ACTIONS = (
    "join", "withdraw_integrated_command", "return_integrated_command",
    "leave_alliance_proposal", "other",
)


def make_table(name: str, rows: list[dict]) -> pd.DataFrame:
    """Build table `name` from row dicts with the contract's columns, in order, typed.

    Integer columns are nullable (`Int64`) so an unknown year stays empty rather
    than turning the column into floats; text columns never hold NaN.
    """
    columns = TABLE_COLUMNS[name]
    extra = [key for row in rows for key in row if key not in columns]
    ordered = columns + list(dict.fromkeys(extra))
    frame = pd.DataFrame(rows, columns=ordered)
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        elif column in BOOLEAN_COLUMNS:
            frame[column] = frame[column].map(_as_bool).astype(bool)
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value) if value is not None and not pd.isna(value) else False


@dataclass
class Tables:
    """The four contract tables of one corpus, plus every actor mention."""

    articles: pd.DataFrame = field(default_factory=lambda: make_table("articles", []))
    actors: pd.DataFrame = field(default_factory=lambda: make_table("actors", []))
    claims: pd.DataFrame = field(default_factory=lambda: make_table("claims", []))
    case_mentions: pd.DataFrame = field(default_factory=lambda: make_table("case_mentions", []))
    actor_mentions: pd.DataFrame = field(
        default_factory=lambda: make_table("actor_mentions", []))

    def as_dict(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_COLUMNS}
