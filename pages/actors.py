"""Actors: everyone the articles name, one actor's roles and claims, and who appears with whom.

The table of actors comes from DuckDB a page at a time (`PAGE_ROWS`, the page in the URL),
and each section fetches only what it shows. One actor can be corrected in place (merged into
another, retyped, given a party, rejected; `ui.corrections`); corrected actors carry a mark.
"""

from __future__ import annotations

import streamlit as st

from analysis import aggregates
from ui import charts
from ui import corrections as corrections_ui
from ui.data import deferred
from ui.downloads import download_csv
from ui.filters import shared_selection, shared_session, stop_empty, url_page, url_selectbox

PAGE_ROWS = 200
# Actors the "One actor" list offers (the most mentioned; the one of the link too), and
# pairs the "All pairs" table shows (the download holds them all).
MAX_OPTIONS = 1_000
MAX_PAIRS_SHOWN = 1_000

selection = shared_selection()
session = shared_session()
filters = selection.active()

st.title("Actors")
st.caption("People, parties, organisations and states named in the articles, each counted "
           "with its aliases: a party's initials, a person's surname alone, a capital standing "
           "for its state.")

total = aggregates.actor_count(session, selection)
if not total:
    stop_empty("No actor matches these filters. Clear some filters in the sidebar.")
table_column, chart_column = st.columns([3, 2])
with table_column:
    page = url_page(total, per_page=PAGE_ROWS)
    summary = aggregates.actor_summary(session, selection, limit=PAGE_ROWS,
                                       offset=(page - 1) * PAGE_ROWS)
    corrected = set(session.values("actors", "actor", selection, where={
        "actor": summary["actor"].tolist(), "corrected": ["true"]}))
    marked = summary.assign(corrected=summary["actor"].isin(corrected))
    shown = summary.assign(status=corrections_ui.status_marks("actors", marked,
                                                              every_article=True))
    st.dataframe(shown[["status", *summary.columns]], hide_index=True, key="actors-table",
                 column_config={
                     "status": st.column_config.TextColumn("✎", help="✎ corrected by you, ✓ "
                                                                     "marked as reviewed"),
                     "actor": "Actor", "actor_type": "Type",
                     "roles": st.column_config.TextColumn("Roles stated", width="medium"),
                     "affiliation": st.column_config.TextColumn("Party / affiliation",
                                                                width="medium"),
                     "mentions": "Mentions", "articles": "Articles"})
    if total > PAGE_ROWS:
        st.caption(f"{PAGE_ROWS} actors a page, the most mentioned first; the download holds "
                   f"all {total:,}.")
    download_csv(deferred(lambda view: aggregates.actor_summary(view, selection)), rows=total,
                 table="actor_summary", filters=filters, key="actors-download-summary",
                 label=f"Download this table as CSV ({total:,} actors)")
    rows = session.count("actors", selection)
    download_csv(deferred(lambda view: view.table("actors", selection)), rows=rows,
                 table="actors", filters=filters, key="actors-download-rows",
                 label=f"Download actors per article as CSV ({rows:,} rows)")
with chart_column:
    charts.show(charts.top_actors_chart(
        summary if page == 1 else aggregates.actor_summary(session, selection,
                                                           limit=charts.MAX_BARS, details=False),
        title="Mentions per actor"))

st.header("One actor")
linked = st.query_params.get_all("actor")
listed = aggregates.actor_summary(session, selection, limit=MAX_OPTIONS,
                                  details=False)["actor"].tolist()
listed += [name for name in session.present("actors", "actor", linked, selection)
           if name not in listed]
actor = url_selectbox("Actor", listed, key="actor",
                      placeholder="Choose an actor to see their roles and claims")
if actor:
    rows = session.table("actors", selection, where={"actor": [actor]})
    articles = session.table("articles", selection, where={"article_id": rows["article_id"]},
                             columns=["article_id", "title", "published"])
    rows = rows.merge(articles, on="article_id", how="left")
    st.subheader("Roles and affiliation, article by article")
    st.dataframe(rows[["article_id", "title", "published", "role", "affiliation", "mentions"]],
                 hide_index=True, key="actor-roles", column_config={
                     "article_id": "Article", "title": "Title", "published": "Published",
                     "role": "Roles stated", "affiliation": "Party / affiliation",
                     "mentions": "Mentions"})
    claims = session.table("claims", selection, where={"speaker": [actor]})
    st.subheader(f"Claims ({len(claims)})")
    if claims.empty:
        st.caption("No claim in this view is attributed to this actor.")
    else:
        st.dataframe(claims[["claim_text", "cue", "kind", "nato_stance", "target", "article_id",
                             "claim_id"]], hide_index=True, key="actor-claims", column_config={
            "claim_text": st.column_config.TextColumn("Claim", width="large"), "cue": "Cue",
            "kind": "Kind", "nato_stance": "NATO stance", "target": "Target",
            "article_id": "Article", "claim_id": "Claim id"})
        download_csv(claims, table="claims", filters={**filters, "speaker": [actor]},
                     key="actors-download-claims")
    st.subheader("Correct this actor")
    corrections_ui.actor_form(session, actor, others=listed,
                              article_ids=rows["article_id"].head(MAX_OPTIONS).tolist())
    corrections_ui.undo_merges(actor)

corrections_ui.corrections_list("actors", key="actors-corrections")

st.header("Who appears with whom")
st.caption("Two actors appear together when one sentence names both.")
charts.show(charts.co_occurrence_chart(aggregates.co_occurrence(session, selection,
                                                                among_top=15)),
            empty="No sentence in this view names two actors.")
pairs = aggregates.co_occurring_pairs(session, selection)
listing = (st.expander(f"All {pairs:,} pairs", key="pairs-open", on_change="rerun")
           if pairs else None)
if listing is not None and listing.open:  # the table is drawn once its expander is open
    with listing:
        shown = aggregates.co_occurrence(session, selection, limit=MAX_PAIRS_SHOWN)
        if pairs > len(shown):
            st.caption(f"The {len(shown):,} pairs that share most sentences; the download "
                       "holds them all.")
        st.dataframe(shown, hide_index=True, key="actor-pairs", column_config={
            "actor_a": "Actor", "actor_b": "With", "sentences": "Shared sentences",
            "articles": "Articles"})
        download_csv(deferred(lambda view: aggregates.co_occurrence(view, selection)),
                     rows=pairs, table="co_occurrence", filters=filters,
                     key="actors-download-pairs")
