"""Overview: the corpus in figures, who is mentioned most, what kind of claims, which precedents."""

from __future__ import annotations

import streamlit as st

from analysis.reference import load_cases
from ui import charts, summaries
from ui.data import load_tables
from ui.downloads import download_all
from ui.exports import export_tables
from ui.filters import current_selection, sidebar_filters

tables = sidebar_filters(load_tables())
filters = current_selection().active()

st.title("Who says what about leaving NATO")
st.caption("Actors, attributed claims and the precedents they invoke (France 1966, Greece "
           "1974), read from English and French news. Filters in the sidebar apply to every "
           "page and stay in the page address, so a copied link shows the same view.")

figures = list(summaries.corpus_figures(tables).items())
for row in (figures[:4], figures[4:]):
    for column, (label, value) in zip(st.columns(4), row, strict=False):
        column.metric(label, value, border=True)

if tables.articles.empty:
    st.info("No article matches these filters. Clear some filters in the sidebar.")

left, right = st.columns(2)
with left:
    charts.show(charts.top_actors_chart(summaries.actor_summary(tables.actors)))
with right:
    charts.show(charts.claims_by_kind_chart(
        summaries.claim_counts(tables.claims, ["kind", "nato_stance"])))
    charts.show(charts.claims_by_stance_chart(
        summaries.claim_counts(tables.claims, ["nato_stance"])))

left, right = st.columns(2)
with left:
    charts.show(charts.claims_by_group_chart(
        summaries.claims_by_affiliation(tables.claims, tables.actors), group="affiliation",
        group_title="Speaker's party or affiliation",
        title="Claims per speaker's party or affiliation"))
with right:
    charts.show(charts.precedents_chart(summaries.precedents(tables.case_mentions)),
                empty="No article in this view mentions a country's move in or out of NATO.")

charts.show(charts.articles_over_time_chart(summaries.articles_over_time(tables.articles)),
            empty="Articles over time: no article in this view has a publication date.")

st.subheader("Download")
download_all(lambda: export_tables(tables, load_cases()), filters=filters,
             key="overview-download-all")
