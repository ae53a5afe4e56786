"""Actors: everyone the articles name, one actor's roles and claims, and who appears with whom."""

from __future__ import annotations

import streamlit as st

from ui import charts, summaries
from ui.data import load_tables
from ui.downloads import download_csv
from ui.filters import current_selection, sidebar_filters, stop_empty, url_selectbox

tables = sidebar_filters(load_tables())
filters = current_selection().active()

st.title("Actors")
st.caption("People, parties, organisations and states named in the articles, each counted "
           "with its aliases: a party's initials, a person's surname alone, a capital standing "
           "for its state.")

summary = summaries.actor_summary(tables.actors)
if summary.empty:
    stop_empty("No actor matches these filters. Clear some filters in the sidebar.")
table_column, chart_column = st.columns([3, 2])
with table_column:
    st.dataframe(summary, hide_index=True, key="actors-table", column_config={
        "actor": "Actor", "actor_type": "Type",
        "roles": st.column_config.TextColumn("Roles stated", width="medium"),
        "affiliation": st.column_config.TextColumn("Party / affiliation", width="medium"),
        "mentions": "Mentions", "articles": "Articles"})
    download_csv(summary, table="actor_summary", filters=filters, key="actors-download-summary",
                 label=f"Download this table as CSV ({len(summary):,} actors)")
    download_csv(tables.actors, table="actors", filters=filters, key="actors-download-rows",
                 label=f"Download actors per article as CSV ({len(tables.actors):,} rows)")
with chart_column:
    charts.show(charts.top_actors_chart(summary, title="Mentions per actor"))

st.header("One actor")
actor = url_selectbox("Actor", summary["actor"].tolist(), key="actor",
                      placeholder="Choose an actor to see their roles and claims")
if actor:
    rows = tables.actors[tables.actors["actor"] == actor].merge(
        tables.articles[["article_id", "title", "published"]], on="article_id", how="left")
    st.subheader("Roles and affiliation, article by article")
    st.dataframe(rows[["article_id", "title", "published", "role", "affiliation", "mentions"]],
                 hide_index=True, key="actor-roles", column_config={
                     "article_id": "Article", "title": "Title", "published": "Published",
                     "role": "Roles stated", "affiliation": "Party / affiliation",
                     "mentions": "Mentions"})
    claims = tables.claims[tables.claims["speaker"] == actor]
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

st.header("Who appears with whom")
st.caption("Two actors appear together when one sentence names both.")
pairs = summaries.co_occurrence(tables.actor_mentions, limit=0)
charts.show(charts.co_occurrence_chart(summaries.top_pairs(pairs)),
            empty="No sentence in this view names two actors.")
if not pairs.empty:
    with st.expander(f"All {len(pairs):,} pairs"):
        st.dataframe(pairs, hide_index=True, key="actor-pairs", column_config={
            "actor_a": "Actor", "actor_b": "With", "sentences": "Shared sentences",
            "articles": "Articles"})
        download_csv(pairs, table="co_occurrence", filters=filters, key="actors-download-pairs")
