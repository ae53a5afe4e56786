"""The Country cases page's corpus section computed in DuckDB: case mentions with who invoked
them, the precedents they add up to, and today's exit proposals.

Who invoked a mention: the speakers of claims in the same sentence of the same article,
each with their party or state in that article ("Jean-Luc Mélenchon (La France
Insoumise)"), in the order the claims come; empty when the article itself tells the story.
A precedent is the reference case a mention links to (its label), else a description of the
move ("Spain 1982: joined NATO (not a reference case)"). Labels are data the caller passes
(`labels`: case id to label, `moves`: action to words), bound as parameters like every
other value, never written into the SQL.

Only what a page shows is fetched: the precedents, a few mentions per precedent, a page of
proposals; the whole mention table only for a download. tests/test_precedents.py holds every
function to the pandas reference (tests/pandas_reference.py) on the bundled corpus and on
generated ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.query import ROW, Query, Selection, Session, _typed

MENTION_COLUMNS = ["precedent", "case_id", "country", "year", "action", "leader", "invoked_by",
                   "article_id", "article_title", "sentence_index", "start_char", "end_char",
                   "evidence"]
PROPOSAL_COLUMNS = ["speaker", "affiliation", "claim_text", "kind", "article_id",
                    "article_title", "sentence_index", "claim_id"]


def _mentions(session: Session, selection: Selection, labels: Mapping[str, str],
              moves: Mapping[str, str]) -> Query:
    """The view's case mentions with `invoked_by`, `article_title` and `precedent`."""
    mentions = session.filtered("case_mentions", selection)
    claims = session.filtered("claims", selection)
    actors = session.filtered("actors", selection)
    articles = session.filtered("articles", selection)
    sql = f"""
        WITH labels AS (SELECT map(?::VARCHAR[], ?::VARCHAR[]) AS cases,
                               map(?::VARCHAR[], ?::VARCHAR[]) AS moves),
        mentions AS (SELECT * FROM ({mentions.sql})),
        affiliations AS (
            SELECT article_id, actor, arg_min(coalesce(affiliation, ''), {ROW}) AS affiliation
            FROM ({actors.sql}) GROUP BY article_id, actor),
        speakers AS (
            SELECT claims.article_id, claims.sentence_index, claims.{ROW} AS claim_row,
                   CASE WHEN coalesce(affiliations.affiliation, '') NOT IN ('', claims.speaker)
                        THEN claims.speaker || ' (' || affiliations.affiliation || ')'
                        ELSE claims.speaker END AS name
            FROM ({claims.sql}) AS claims
            LEFT JOIN affiliations ON affiliations.article_id = claims.article_id
                                  AND affiliations.actor = claims.speaker
            WHERE claims.speaker <> '' AND (claims.article_id, claims.sentence_index) IN (
                SELECT (article_id, sentence_index) FROM mentions)),
        invoked AS (
            SELECT article_id, sentence_index, string_agg(name, '; ' ORDER BY first) AS names
            FROM (SELECT article_id, sentence_index, name, min(claim_row) AS first
                  FROM speakers GROUP BY ALL)
            GROUP BY ALL),
        titles AS (
            SELECT article_id, arg_min(title, {ROW}) AS title FROM ({articles.sql})
            GROUP BY article_id)
        SELECT coalesce(labels.cases[mentions.case_id],
                        mentions.country || coalesce(' ' || CAST(mentions.year AS BIGINT), '')
                        || ': ' || coalesce(labels.moves[mentions.action], mentions.action)
                        || ' (not a reference case)') AS precedent,
               mentions.*, coalesce(invoked.names, '') AS invoked_by,
               coalesce(NULLIF(titles.title, ''), mentions.article_id) AS article_title
        FROM mentions CROSS JOIN labels
        LEFT JOIN invoked USING (article_id, sentence_index)
        LEFT JOIN titles USING (article_id)"""
    return Query(sql, [list(labels), list(labels.values()), list(moves), list(moves.values()),
                       *mentions.params, *claims.params, *actors.params, *articles.params])


def mention_details(session: Session, selection: Selection, labels: Mapping[str, str],
                    moves: Mapping[str, str], *, precedents: Sequence[str] | None = None,
                    per_precedent: int | None = None) -> pd.DataFrame:
    """One row per case mention of the view, in table order, with its precedent, the article
    title and who invoked it; only those of `precedents` if given, and only the first
    `per_precedent` of each precedent if given."""
    query = _mentions(session, selection, labels, moves)
    conditions, params = [], list(query.params)
    if precedents is not None:
        conditions.append("list_contains(?::VARCHAR[], precedent)")
        params.append([str(precedent) for precedent in precedents])
    if per_precedent is not None:
        conditions.append("place <= ?")
        params.append(int(per_precedent))
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # A session with corrections marks the rows they changed (`corrected`): kept, last.
    columns = MENTION_COLUMNS + [column for column in ("corrected",)
                                 if column in session.columns["case_mentions"]]
    frame = session.frame(f"""
        SELECT {', '.join(columns)} FROM (
            SELECT *, row_number() OVER (PARTITION BY precedent ORDER BY {ROW}) AS place
            FROM ({query.sql})){where}
        ORDER BY {ROW}""", params)
    return _typed("case_mentions", frame)


def precedent_groups(session: Session, selection: Selection, labels: Mapping[str, str],
                     moves: Mapping[str, str]) -> pd.DataFrame:
    """The view's mentions grouped by precedent and move: mentions, articles, the speakers
    who invoked them with how often (most first, ties in the order met) and the mentions
    no speaker invoked (`narrated`); groups in the order their first mention comes."""
    query = _mentions(session, selection, labels, moves)
    keys = "precedent, case_id, country, year, action"
    # A mention without a year is a group of its own: NULL matches NULL here.
    same_group = " AND ".join(f"speakers.{key} IS NOT DISTINCT FROM mentions.{key}"
                              for key in keys.split(", "))
    frame = session.frame(f"""
        WITH mentions AS (SELECT * FROM ({query.sql})),
        named AS (
            SELECT {keys}, name, {ROW} AS mention_row, place
            FROM (SELECT *, unnest(string_split(invoked_by, '; ')) AS name,
                         generate_subscripts(string_split(invoked_by, '; '), 1) AS place
                  FROM mentions WHERE invoked_by <> '')),
        tallies AS (
            SELECT {keys}, name, count(*) AS times, min((mention_row, place)) AS first
            FROM named GROUP BY ALL),
        speakers AS (
            SELECT {keys}, list({{'name': name, 'times': times}} ORDER BY times DESC, first)
                       AS speakers
            FROM tallies GROUP BY ALL)
        SELECT {', '.join(f'mentions.{key}' for key in keys.split(', '))},
               count(*) AS mentions, count(DISTINCT article_id) AS articles,
               coalesce(any_value(speakers.speakers), []) AS speakers,
               count(*) FILTER (WHERE invoked_by = '') AS narrated
        FROM mentions
        LEFT JOIN speakers ON {same_group}
        GROUP BY ALL ORDER BY min({ROW})""", query.params)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def exit_proposals(session: Session, selection: Selection, *,
                   limit: int | None = None) -> pd.DataFrame:
    """Claims of the view calling to leave NATO (`nato_stance` exit), in table order, with the
    speaker's party or state in that article and the article's title; the first `limit`."""
    claims = session.filtered("claims", selection, where={"nato_stance": ["exit"]})
    actors = session.filtered("actors", selection)
    articles = session.filtered("articles", selection)
    paging = " LIMIT ?" if limit is not None else ""
    frame = session.frame(f"""
        SELECT claims.speaker, coalesce(affiliations.affiliation, '') AS affiliation,
               claims.claim_text, claims.kind, claims.article_id,
               coalesce(titles.title, '') AS article_title, claims.sentence_index,
               claims.claim_id
        FROM ({claims.sql}) AS claims
        LEFT JOIN (SELECT article_id, actor, arg_min(coalesce(affiliation, ''), {ROW})
                              AS affiliation
                   FROM ({actors.sql}) GROUP BY article_id, actor) AS affiliations
               ON affiliations.article_id = claims.article_id
              AND affiliations.actor = claims.speaker
        LEFT JOIN (SELECT article_id, arg_min(title, {ROW}) AS title FROM ({articles.sql})
                   GROUP BY article_id) AS titles ON titles.article_id = claims.article_id
        ORDER BY claims.{ROW}{paging}""",
        claims.params + actors.params + articles.params
        + ([int(limit)] if limit is not None else []))
    return frame[PROPOSAL_COLUMNS]
