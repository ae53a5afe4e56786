"""The pandas reference the DuckDB queries are held to (tests/test_query.py,
tests/test_aggregates.py, tests/test_precedents.py).

The dashboard filters and aggregates its tables in DuckDB (`analysis.query`,
`analysis.aggregates`). These functions say the same thing in pandas, over whole tables held
in memory, as the dashboard once did: the filters (`apply_filters`) and every figure and
chart's data. A query must give exactly what they give, on the bundled corpus and on
generated ones.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.aggregates import MOVE_LABELS, NO_AFFILIATION
from analysis.query import SELF_AFFILIATED_TYPES, Selection
from analysis.tables import Tables
from ui.cases_view import (
    ACTION_LABELS,
    NARRATION,
    case_labels,
    proposal_scope,
)


def affiliation_group(actors: pd.DataFrame) -> pd.Series:
    """Party or affiliation of each actor row: its `affiliation`, else itself for a party or
    state, else empty."""
    own = actors["actor"].where(actors["actor_type"].isin(SELF_AFFILIATED_TYPES), "")
    return actors["affiliation"].where(actors["affiliation"] != "", own)


def speaker_affiliations(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Party or affiliation of each claim's speaker, read from the same article's actors."""
    if claims.empty:
        return pd.Series([], index=claims.index, dtype=str)
    groups = actors.assign(speaker_affiliation=affiliation_group(actors))[
        ["article_id", "actor", "speaker_affiliation"]
    ].drop_duplicates(["article_id", "actor"])
    joined = claims[["article_id", "speaker"]].merge(
        groups, how="left", left_on=["article_id", "speaker"], right_on=["article_id", "actor"]
    )
    return pd.Series(joined["speaker_affiliation"].fillna("").to_numpy(), index=claims.index,
                     dtype=str)


def corpus_figures(tables: Tables) -> dict[str, str]:
    """The headline numbers of a corpus, as display strings."""
    articles = tables.articles
    dates = sorted(date for date in articles["published"] if date)
    if not dates:
        date_range = "unknown"
    elif dates[0] == dates[-1]:
        date_range = dates[0]
    else:
        date_range = f"{dates[0]} – {dates[-1]}"
    languages = sorted(set(articles["language"]) - {""})
    return {
        "Articles": f"{len(articles):,}",
        "Languages": ", ".join(languages) or "–",
        "Sources": f"{articles['source'].replace('', pd.NA).nunique():,}",
        "Dates": date_range,
        "Actors": f"{tables.actors['actor'].nunique():,}",
        "Claims": f"{len(tables.claims):,}",
        "Case mentions": f"{len(tables.case_mentions):,}",
    }


def actor_summary(actors: pd.DataFrame) -> pd.DataFrame:
    """One row per actor over all articles: type, roles, affiliation, mentions, articles."""
    columns = ["actor", "actor_type", "mentions", "articles", "affiliation", "roles"]
    if actors.empty:
        return pd.DataFrame(columns=columns)
    grouped = actors.groupby("actor", sort=False)
    summary = pd.DataFrame({
        "actor_type": _most_common(actors, "actor_type"),
        "roles": _joined_roles(actors),
        "affiliation": _most_common(actors, "affiliation"),
        "mentions": grouped["mentions"].sum().astype("int64"),
        "articles": grouped["article_id"].nunique().astype("int64"),
    }).rename_axis("actor").reset_index()
    return summary.sort_values(["mentions", "actor"], ascending=[False, True],
                               ignore_index=True)[columns]


def _most_common(actors: pd.DataFrame, column: str) -> pd.Series:
    """Each actor's most frequent non-empty `column` value (ties: the first met), else ""."""
    counts: dict[str, Counter] = {actor: Counter() for actor in actors["actor"].unique()}
    for actor, value in zip(actors["actor"].tolist(), actors[column].tolist(), strict=True):
        if value:
            counts[actor][value] += 1
    return pd.Series({actor: (values.most_common(1)[0][0] if values else "")
                      for actor, values in counts.items()}, dtype=str)


def _joined_roles(actors: pd.DataFrame) -> pd.Series:
    """Each actor's roles over all articles, each once, in the order first met."""
    roles: dict[str, dict[str, None]] = {actor: {} for actor in actors["actor"].unique()}
    for actor, value in zip(actors["actor"].tolist(), actors["role"].tolist(), strict=True):
        for role in value.split(";"):
            if role.strip():
                roles[actor][role.strip()] = None
    return pd.Series({actor: "; ".join(found) for actor, found in roles.items()}, dtype=str)


def claim_counts(claims: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Number of claims per combination of `by` columns, largest first."""
    if claims.empty:
        return pd.DataFrame(columns=[*by, "claims"])
    counts = claims.groupby(by, sort=False).size().rename("claims").reset_index()
    return counts.sort_values("claims", ascending=False, ignore_index=True)


def claims_by_affiliation(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Claims per speaker's party or affiliation and stance."""
    grouped = claims.assign(
        affiliation=speaker_affiliations(claims, actors).replace("", NO_AFFILIATION))
    return claim_counts(grouped, ["affiliation", "nato_stance"])


# Time units for "Articles over time", by the span of the dates: (longest span in days,
# unit, pandas period); a few days' articles get a bar a day, decades a bar a year.
TIME_UNITS = [(45, "day", "D"), (270, "week", "W"), (5 * 366, "month", "M"),
              (None, "year", "Y")]


def articles_over_time(articles: pd.DataFrame) -> pd.DataFrame:
    """Dated articles per period and language (undated articles are left out), in the unit
    the span of the dates calls for; columns period, unit, language, articles."""
    columns = ["period", "unit", "language", "articles"]
    dates = pd.to_datetime(articles["published"].where(articles["published"] != ""),
                           errors="coerce")
    dated = articles.assign(date=dates).dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame(columns=columns)
    span = (dated["date"].max() - dated["date"].min()).days
    unit, period = next((name, code) for longest, name, code in TIME_UNITS
                        if longest is None or span <= longest)
    periods = dated["date"].dt.to_period(period).dt.start_time
    counts = dated.assign(period=periods, unit=unit).groupby(
        ["period", "unit", "language"]).size().rename("articles").reset_index()
    return counts[columns]


def precedents(case_mentions: pd.DataFrame) -> pd.DataFrame:
    """Case mentions per country, year and move (mentions without a year are left out)."""
    dated = case_mentions.dropna(subset=["year"])
    if dated.empty:
        return pd.DataFrame(columns=["country", "year", "action", "move", "mentions"])
    counts = dated.groupby(["country", "year", "action"]).size().rename("mentions").reset_index()
    counts["year"] = counts["year"].astype("int64")
    counts.insert(3, "move", counts["action"].map(MOVE_LABELS).fillna(counts["action"]))
    return counts.sort_values(["year", "country"], ignore_index=True)


def co_occurrence(actor_mentions: pd.DataFrame, *, limit: int = 15) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: sentences and articles they share.

    Only pairs among the `limit` actors with most shared sentences are kept, so that the
    heat map stays readable (`top_pairs`); the full list is `co_occurrence(..., limit=0)`.
    The sentences are paired on integer codes, not names: at 300,000 mentions that keeps
    the self-join a few tens of megabytes.
    """
    columns = ["actor_a", "actor_b", "sentences", "articles"]
    places = actor_mentions[["article_id", "sentence_index", "actor"]].drop_duplicates()
    actor_codes, names = pd.factorize(places["actor"], sort=True)  # code order = name order
    coded = pd.DataFrame({"article": pd.factorize(places["article_id"])[0],
                          "sentence": places["sentence_index"].to_numpy(dtype="int64"),
                          "actor": actor_codes})
    pairs = coded.merge(coded, on=["article", "sentence"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    counts = pairs.groupby(["actor_a", "actor_b"]).agg(
        sentences=("sentence", "size"), articles=("article", "nunique")).reset_index()
    counts["actor_a"] = names.take(counts["actor_a"].to_numpy())
    counts["actor_b"] = names.take(counts["actor_b"].to_numpy())
    counts = counts.sort_values(["sentences", "actor_a", "actor_b"],
                                ascending=[False, True, True], ignore_index=True)[columns]
    return top_pairs(counts, limit) if limit else counts


def top_pairs(pairs: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The pairs of `co_occurrence` among the `limit` actors with most shared sentences."""
    if pairs.empty:
        return pairs
    totals = pd.concat([
        pairs[["actor_a", "sentences"]].rename(columns={"actor_a": "actor"}),
        pairs[["actor_b", "sentences"]].rename(columns={"actor_b": "actor"}),
    ])
    top = totals.groupby("actor")["sentences"].sum().nlargest(limit).index
    return pairs[pairs["actor_a"].isin(top) & pairs["actor_b"].isin(top)].reset_index(drop=True)


def apply_filters(tables: Tables, selection: Selection) -> Tables:
    """The five tables restricted consistently to the selection.

    Article criteria (language, source, dates, article, country named) pick articles; actor
    criteria (type, party or affiliation) pick actors, the claims those actors make and the
    articles that name them. Every table then keeps only rows of the picked articles.
    """
    articles, actors = tables.articles, tables.actors
    keep = pd.Series(True, index=articles.index)
    if selection.language:
        keep &= articles["language"].isin(selection.language)
    if selection.source:
        keep &= articles["source"].isin(selection.source)
    if selection.published:
        start, end = (day.isoformat() for day in selection.published)
        keep &= (articles["published"] >= start) & (articles["published"] <= end) & (
            articles["published"] != "")
    if selection.articles:
        keep &= articles["article_id"].isin(selection.articles)
    ids = set(articles.loc[keep, "article_id"])

    if selection.country:
        named = set(tables.case_mentions.loc[
            tables.case_mentions["country"].isin(selection.country), "article_id"]) | set(
            actors.loc[actors["actor"].isin(selection.country)
                       & (actors["actor_type"] == "state"), "article_id"])
        ids &= named

    actor_keep = actors["article_id"].isin(ids)
    actor_criteria = bool(selection.actor_type or selection.affiliation)
    if selection.actor_type:
        actor_keep &= actors["actor_type"].isin(selection.actor_type)
    if selection.affiliation:
        actor_keep &= affiliation_group(actors).isin(selection.affiliation)
    if actor_criteria:
        ids &= set(actors.loc[actor_keep, "article_id"])
        actor_keep &= actors["article_id"].isin(ids)
    kept_actors = actors[actor_keep]

    claims = tables.claims[tables.claims["article_id"].isin(ids)]
    if actor_criteria:
        speakers = pd.MultiIndex.from_frame(kept_actors[["article_id", "actor"]])
        said = pd.MultiIndex.from_frame(claims[["article_id", "speaker"]])
        claims = claims[said.isin(speakers)]
    mentions = tables.actor_mentions
    mention_keys = pd.MultiIndex.from_frame(mentions[["article_id", "actor"]])
    mentions = mentions[mention_keys.isin(
        pd.MultiIndex.from_frame(kept_actors[["article_id", "actor"]]))]
    case_mentions = tables.case_mentions[tables.case_mentions["article_id"].isin(ids)]
    if selection.country:
        case_mentions = case_mentions[case_mentions["country"].isin(selection.country)]

    return Tables(
        articles=articles[articles["article_id"].isin(ids)].reset_index(drop=True),
        actors=kept_actors.reset_index(drop=True),
        claims=claims.reset_index(drop=True),
        case_mentions=case_mentions.reset_index(drop=True),
        actor_mentions=mentions.reset_index(drop=True),
    )


# --- The Country cases page's corpus section (analysis.precedents) -----------------------


def _speaker_names(claims: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Claims' (article, sentence, speaker) with the speaker's affiliation in that article."""
    speakers = claims[["article_id", "sentence_index", "speaker"]].copy()
    speakers = speakers[speakers["speaker"] != ""]
    affiliations = (actors[["article_id", "actor", "affiliation"]]
                    .drop_duplicates(["article_id", "actor"])
                    .rename(columns={"actor": "speaker"}))
    speakers = speakers.merge(affiliations, on=["article_id", "speaker"], how="left")
    speakers["affiliation"] = speakers["affiliation"].fillna("")
    speakers["invoked_by"] = [
        f"{speaker} ({affiliation})" if affiliation and affiliation != speaker else speaker
        for speaker, affiliation in zip(speakers["speaker"].tolist(),
                                        speakers["affiliation"].tolist(), strict=True)
    ]
    return speakers.drop_duplicates(["article_id", "sentence_index", "invoked_by"])


def precedent_label(case_id: str, country: str, year: object, action: str,
                    labels: dict[str, str]) -> str:
    """The reference case's label, else a description of the move ("France 1949: joined")."""
    if case_id and case_id in labels:
        return labels[case_id]
    year_text = "" if year is None or pd.isna(year) else f" {int(year)}"
    return f"{country}{year_text}: {ACTION_LABELS.get(action, action)} (not a reference case)"


def mention_details(case_mentions: pd.DataFrame, claims: pd.DataFrame, actors: pd.DataFrame,
                    articles: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """One row per case mention, with the precedent's label, the article title and who invoked it.

    Who invoked it: the speakers of claims in the same sentence of the same article,
    with their party or state from that article's actors; empty when the article
    itself tells the story.
    """
    labels = case_labels(cases)
    speakers = _speaker_names(claims, actors)
    by_sentence: dict[tuple[str, int], list[str]] = {}
    for article_id, sentence, name in zip(speakers["article_id"].tolist(),
                                          speakers["sentence_index"].tolist(),
                                          speakers["invoked_by"].tolist(), strict=True):
        by_sentence.setdefault((article_id, sentence), []).append(name)
    details = case_mentions.copy()
    details["invoked_by"] = [
        "; ".join(by_sentence.get((article_id, sentence), ()))
        for article_id, sentence in zip(details["article_id"].tolist(),
                                        details["sentence_index"].tolist(), strict=True)
    ]
    titles = articles.drop_duplicates("article_id").set_index("article_id")["title"]
    details["article_title"] = details["article_id"].map(titles).fillna("")
    details["article_title"] = details["article_title"].where(
        details["article_title"] != "", details["article_id"])
    details["precedent"] = [
        precedent_label(case_id, country, year, action, labels)
        for case_id, country, year, action in zip(
            details["case_id"].tolist(), details["country"].tolist(), details["year"].tolist(),
            details["action"].tolist(), strict=True)
    ]
    columns = ["precedent", "case_id", "country", "year", "action", "leader", "invoked_by",
               "article_id", "article_title", "sentence_index", "start_char", "end_char",
               "evidence"]
    return details[columns].reset_index(drop=True)


def precedent_summary(details: pd.DataFrame) -> pd.DataFrame:
    """Mentions grouped by precedent: how often, in how many articles, and by whom."""
    keys = ["precedent", "case_id", "country", "year", "action"]
    columns = ["precedent", "year", "mentions", "articles", "invoked_by", "action", "case_id",
               "country"]
    if details.empty:
        return pd.DataFrame(columns=columns)
    groups: dict[tuple, dict] = {}
    for *key, article_id, invoked_by in zip(*(details[column].tolist() for column in keys),
                                           details["article_id"].tolist(),
                                           details["invoked_by"].tolist(), strict=True):
        key = tuple(None if pd.isna(part) else part for part in key)
        group = groups.setdefault(key, {"mentions": 0, "articles": set(),
                                        "speakers": Counter(), "narrated": 0})
        group["mentions"] += 1
        group["articles"].add(article_id)
        group["speakers"].update(name for name in invoked_by.split("; ") if name)
        group["narrated"] += not invoked_by
    rows = []
    for key, group in groups.items():
        invoked = [f"{name} ×{count}" for name, count in group["speakers"].most_common()]
        if group["narrated"]:
            invoked.append(f"{NARRATION} ×{group['narrated']}")
        rows.append(dict(zip(keys, key, strict=True)) | {
            "mentions": group["mentions"],
            "articles": len(group["articles"]),
            "invoked_by": "; ".join(invoked),
        })
    summary = pd.DataFrame(rows, columns=columns)
    summary["year"] = summary["year"].astype("Int64")
    # Most invoked precedents first, each precedent's moves together in time order.
    total = summary.groupby("precedent")["mentions"].transform("sum")
    return (summary.assign(_total=total)
            .sort_values(["_total", "precedent", "year"], ascending=[False, True, True],
                         kind="stable")
            .drop(columns="_total").reset_index(drop=True))


def exit_proposals(claims: pd.DataFrame, actors: pd.DataFrame,
                   articles: pd.DataFrame) -> pd.DataFrame:
    """Claims calling to leave (`nato_stance == "exit"`), with speaker affiliation and scope."""
    exits = claims[claims["nato_stance"] == "exit"].copy()
    affiliations = (actors[["article_id", "actor", "affiliation"]]
                    .drop_duplicates(["article_id", "actor"])
                    .rename(columns={"actor": "speaker"}))
    exits = exits.merge(affiliations, on=["article_id", "speaker"], how="left")
    exits["affiliation"] = exits["affiliation"].fillna("")
    exits["scope"] = exits["claim_text"].map(proposal_scope)
    titles = articles.drop_duplicates("article_id").set_index("article_id")["title"]
    exits["article_title"] = exits["article_id"].map(titles).fillna("")
    columns = ["speaker", "affiliation", "scope", "claim_text", "kind", "article_id",
               "article_title", "sentence_index", "claim_id"]
    return exits[columns].reset_index(drop=True)
