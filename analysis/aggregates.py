"""The dashboard's figures and chart data computed in DuckDB over the filtered tables.

Each function takes a `query.Session` and a `query.Selection` (with, for claims, the Claims
page's own column filters) and returns a small frame: what a chart or a table of the page
draws, never the rows behind it. The frames are those the pandas reference
(tests/pandas_reference.py) computes from whole tables, column for column and in the same
order: tests/test_aggregates.py holds them to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.query import AFFILIATION_GROUP, ROW, Query, Selection, Session

NO_AFFILIATION = "(none)"
MOVE_LABELS = {
    "join": "joined NATO",
    "withdraw_integrated_command": "left the integrated command",
    "return_integrated_command": "returned to the integrated command",
    "leave_alliance_proposal": "call to leave",
    "other": "other move",
}
# Time units for "Articles over time", by the span of the dates: (longest span in days,
# unit, DuckDB date part); a few days' articles get a bar a day, decades a bar a year.
TIME_UNITS = [(45, "day", "day"), (270, "week", "week"), (5 * 366, "month", "month"),
              (None, "year", "year")]

Where = Mapping[str, Sequence[str]] | None


def figures(session: Session, selection: Selection) -> dict[str, str]:
    """The headline numbers of the view, as display strings."""
    articles = session.filtered("articles", selection)
    first, last, languages, sources, count = session.rows(
        f"SELECT min(NULLIF(published, '')), max(NULLIF(published, '')), "
        f"list_sort(list_distinct(list(NULLIF(language, '')))), "
        f"count(DISTINCT NULLIF(source, '')), count(*) FROM ({articles.sql})",
        articles.params)[0]
    n_actors = actor_count(session, selection)
    if first is None:
        date_range = "unknown"
    elif first == last:
        date_range = first
    else:
        date_range = f"{first} – {last}"
    return {
        "Articles": f"{count:,}",
        "Languages": ", ".join(languages or []) or "–",
        "Sources": f"{sources:,}",
        "Dates": date_range,
        "Actors": f"{n_actors:,}",
        "Claims": f"{session.count('claims', selection):,}",
        "Case mentions": f"{session.count('case_mentions', selection):,}",
    }


def actor_summary(session: Session, selection: Selection, *, actors: Sequence[str] = (),
                  limit: int | None = None, offset: int = 0,
                  details: bool = True) -> pd.DataFrame:
    """One row per actor over the view: type, roles, affiliation, mentions, articles, most
    mentioned first (`actors`: only these; `limit` from `offset`: a page of them; without
    `details`, only the type, mentions and articles: what a chart of them draws)."""
    query = session.filtered("actors", selection, where={"actor": list(actors)})
    # The page's actors first, from the totals alone; types, affiliations and roles (the
    # costly part: every role of every row) only for them. An actor has one row per
    # article that names it (the table contract), so its rows count its articles.
    ctes = columns = joins = ""
    if details:
        ctes = f""",
        affiliations AS ({_most_common('affiliation')}),
        roles AS (
            SELECT actor, string_agg(role, '; ' ORDER BY first_met) AS roles FROM (
                SELECT actor, trim(role) AS role, min({ROW} * 1000 + position) AS first_met
                FROM (SELECT actor, {ROW}, unnest(string_split(role, ';')) AS role,
                             generate_subscripts(string_split(role, ';'), 1) AS position
                      FROM rows)
                WHERE trim(role) <> '' GROUP BY actor, trim(role))
            GROUP BY actor)"""
        columns = (", coalesce(affiliations.value, '') AS affiliation, "
                   "coalesce(roles.roles, '') AS roles")
        joins = " LEFT JOIN affiliations USING (actor) LEFT JOIN roles USING (actor)"
    return session.frame(f"""
        WITH all_rows AS (SELECT * FROM ({query.sql})),
        totals AS (SELECT actor, sum(mentions)::BIGINT AS mentions, count(*)::BIGINT AS articles
                   FROM all_rows GROUP BY actor
                   ORDER BY mentions DESC, actor{_paging(limit)}),
        rows AS (SELECT * FROM all_rows WHERE actor IN (SELECT actor FROM totals)),
        types AS ({_most_common('actor_type')}){ctes}
        SELECT totals.actor, coalesce(types.value, '') AS actor_type, mentions,
               articles{columns}
        FROM totals LEFT JOIN types USING (actor){joins}
        ORDER BY mentions DESC, totals.actor""",
        query.params + _page_params(limit, offset))


def _paging(limit: int | None) -> str:
    return " LIMIT ? OFFSET ?" if limit is not None else ""


def _page_params(limit: int | None, offset: int) -> list[int]:
    return [int(limit), int(offset)] if limit is not None else []


def _most_common(column: str) -> str:
    """Each actor's most frequent non-empty `column` value, ties to the one met first."""
    return f"""
        SELECT actor, arg_max({column}, (n, -first)) AS value FROM (
            SELECT actor, {column}, count(*) AS n, min({ROW}) AS first FROM rows
            WHERE {column} <> '' GROUP BY actor, {column})
        GROUP BY actor"""


def claim_counts(session: Session, by: Sequence[str], selection: Selection, *,
                 where: Where = None) -> pd.DataFrame:
    """Claims per combination of the `by` columns, most first."""
    return session.counts("claims", by, selection, where=where, label="claims")


def with_affiliation(query: Query, *, paging: str = "", columns: Sequence[str] = ()) -> str:
    """The claims of `query` with `speaker_affiliation`, read from the same article's actors;
    `paging` (a LIMIT clause) takes a page of the claims first, so that only the actors of
    the page's articles are read; `columns` (article_id and speaker among them), if given,
    are the only ones read: DuckDB holds the claims once for the two uses below, and an
    aggregate over a million claims has no use for their texts. Only the speakers' rows are
    grouped (found by a semi-join on the two columns, which took half the time of a tuple
    `IN`): the generated million claims name fewer than half as many (article, speaker)
    pairs as their articles have actors."""
    selected = ", ".join(columns) if columns else "*"
    page = f" ORDER BY {ROW}{paging}" if paging else ""
    return f"""
        WITH claims AS (SELECT {selected} FROM ({query.sql}){page})
        SELECT claims.*, coalesce(groups.affiliation, '') AS speaker_affiliation
        FROM claims LEFT JOIN (
            SELECT actors.article_id, actor, arg_min({AFFILIATION_GROUP}, {ROW}) AS affiliation
            FROM actors SEMI JOIN (SELECT DISTINCT article_id, speaker FROM claims) AS said
                ON actors.article_id = said.article_id AND actor = said.speaker
            GROUP BY actors.article_id, actor) AS groups
        ON claims.article_id = groups.article_id AND claims.speaker = groups.actor"""


def claims_with_affiliation(session: Session, selection: Selection, *, where: Where = None,
                            limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Claims of the view with their speaker's party or affiliation, in table order: all of
    them or `limit` from `offset` (a page)."""
    query = session.filtered("claims", selection, where=where)
    columns = [*session.columns["claims"], "speaker_affiliation"]
    frame = session.frame(
        f"SELECT {', '.join(columns)} FROM ({with_affiliation(query, paging=_paging(limit))}) "
        f"ORDER BY {ROW}", query.params + _page_params(limit, offset))
    return _typed_claims(frame)


def _typed_claims(frame: pd.DataFrame) -> pd.DataFrame:
    from analysis.query import _typed

    typed = _typed("claims", frame)
    typed["speaker_affiliation"] = typed["speaker_affiliation"].fillna("").astype(str)
    return typed


def claims_by_affiliation(session: Session, selection: Selection, *,
                          where: Where = None) -> pd.DataFrame:
    """Claims per speaker's party or affiliation and stance, most first."""
    query = session.filtered("claims", selection, where=where)
    return session.frame(f"""
        SELECT CASE WHEN speaker_affiliation = '' THEN ? ELSE speaker_affiliation END
                   AS affiliation, nato_stance, count(*) AS claims
        FROM ({with_affiliation(query, columns=["article_id", "speaker", "nato_stance"])})
        GROUP BY ALL ORDER BY claims DESC, affiliation, nato_stance""",
        [NO_AFFILIATION, *query.params])  # parameters in the order of their `?`


def articles_over_time(session: Session, selection: Selection) -> pd.DataFrame:
    """Dated articles per period and language, in the unit the span of the dates calls for;
    columns period, unit, language, articles."""
    query = session.filtered("articles", selection)
    dated = (f"SELECT TRY_CAST(NULLIF(published, '') AS DATE) AS day, language "
             f"FROM ({query.sql})")
    span = session.rows(
        f"SELECT max(day) - min(day) FROM ({dated}) WHERE day IS NOT NULL",
        query.params)[0][0]
    if span is None:
        return pd.DataFrame(columns=["period", "unit", "language", "articles"])
    unit, part = next((name, part) for longest, name, part in TIME_UNITS
                      if longest is None or span <= longest)
    frame = session.frame(
        f"SELECT date_trunc('{part}', day)::TIMESTAMP AS period, ? AS unit, language, "
        f"count(*) AS articles FROM ({dated}) WHERE day IS NOT NULL "
        f"GROUP BY ALL ORDER BY period, language", [unit, *query.params])
    return frame


def precedents(session: Session, selection: Selection) -> pd.DataFrame:
    """Case mentions per country, year and move (mentions without a year left out)."""
    query = session.filtered("case_mentions", selection)
    frame = session.frame(
        f"SELECT country, year::BIGINT AS year, action, count(*) AS mentions "
        f"FROM ({query.sql}) WHERE year IS NOT NULL GROUP BY ALL ORDER BY year, country, action",
        query.params)
    frame.insert(3, "move", frame["action"].map(MOVE_LABELS).fillna(frame["action"]))
    return frame


def co_occurrence(session: Session, selection: Selection, *, among_top: int | None = None,
                  limit: int | None = None) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: the sentences and articles they share,
    most shared first; `among_top`: only pairs of the actors with most shared sentences
    (a heat map's), `limit`: only the first pairs."""
    pairs = _pairs_table(session, selection)
    top, params = "", []
    if among_top is not None:
        top = f"""WITH top AS (
            SELECT actor FROM (SELECT actor_a AS actor, sentences FROM {pairs}
                               UNION ALL SELECT actor_b, sentences FROM {pairs})
            GROUP BY actor ORDER BY sum(sentences) DESC, actor LIMIT ?) """
        params.append(int(among_top))
    where = (" WHERE actor_a IN (SELECT actor FROM top) AND actor_b IN (SELECT actor FROM top)"
             if among_top is not None else "")
    return session.connection.execute(f"""
        {top}SELECT * FROM {pairs}{where}
        ORDER BY sentences DESC, actor_a, actor_b{_paging(limit)}""",
        params + _page_params(limit, 0)).df()


def _pairs_table(session: Session, selection: Selection) -> str:
    """The name of a temporary table of the view's pairs (`_pairs`), made once per session
    and selection: the Actors page asks for a heat map's pairs, their number and a page of
    them, and computing the pairs is most of the cost of each."""
    query = session.filtered("actor_mentions", selection)
    made = session.__dict__.setdefault("_pairs_tables", {})
    key = repr((query.sql, query.params))
    if key not in made:
        made[key] = f"co_occurring_pairs_{len(made)}"  # a name of ours, never a value
        session.connection.execute(
            f"CREATE TEMP TABLE {made[key]} AS WITH {_pairs(query)} SELECT * FROM pairs",
            query.params)
    return made[key]


def _pairs(query: Query) -> str:
    """CTEs ending in `pairs`: the pairs of actors of `query`'s mentions named in one
    sentence, with the sentences and articles they share.

    Each sentence's actors become a sorted list of numbers (actors numbered in name order,
    articles by their row), and its pairs are made from the list: a fraction of the
    memory of joining the mentions to themselves by name, which a million claims' mentions
    would need."""
    return f"""
        mentions AS (SELECT article_id, sentence_index, actor FROM ({query.sql})),
        numbered AS (SELECT actor, row_number() OVER (ORDER BY actor) AS number
                     FROM (SELECT DISTINCT actor FROM mentions)),
        sentences AS (
            SELECT list_sort(list(DISTINCT numbered.number)) AS numbers,
                   articles.{ROW} AS article
            FROM mentions JOIN articles USING (article_id) JOIN numbered USING (actor)
            GROUP BY articles.{ROW}, mentions.sentence_index
            HAVING count(DISTINCT numbered.number) > 1),
        shared AS (
            SELECT article, a, b, count(*) AS sentences FROM (
                SELECT article, a, unnest(list_filter(numbers, lambda number: number > a)) AS b
                FROM (SELECT article, numbers, unnest(numbers) AS a FROM sentences))
            GROUP BY ALL),
        pairs AS (
            SELECT first.actor AS actor_a, second.actor AS actor_b, sentences, articles
            FROM (SELECT a, b, sum(sentences)::BIGINT AS sentences, count(*)::BIGINT AS articles
                  FROM shared GROUP BY ALL) AS counted
            JOIN numbered AS first ON first.number = counted.a
            JOIN numbered AS second ON second.number = counted.b)"""


def co_occurring_pairs(session: Session, selection: Selection) -> int:
    """How many pairs of actors share a sentence in the view."""
    return session.connection.execute(
        f"SELECT count(*) FROM {_pairs_table(session, selection)}").fetchone()[0]


def actor_count(session: Session, selection: Selection) -> int:
    """How many distinct actors the view names."""
    query = session.filtered("actors", selection)
    return session.rows(f"SELECT count(DISTINCT actor) FROM ({query.sql})",
                        query.params)[0][0]
