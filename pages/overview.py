"""Overview: the corpus in figures, who is mentioned most, what kind of claims, which precedents.

Every figure and chart is an aggregate computed in DuckDB (`analysis.aggregates`); the zip
of all tables is made when its button is clicked.
"""

from __future__ import annotations

import streamlit as st

from analysis import aggregates
from analysis.reference import load_cases
from ui import charts
from ui.data import deferred
from ui.downloads import download_all
from ui.exports import export_view
from ui.filters import shared_selection, shared_session

selection = shared_selection()
session = shared_session()

st.title("Who says what about leaving NATO")
st.caption("Actors, attributed claims and the precedents they invoke (France 1966, Greece "
           "1974), read from English and French news. Filters in the sidebar apply to every "
           "page and stay in the page address, so a copied link shows the same view.")

figures = list(aggregates.figures(session, selection).items())
for row in (figures[:4], figures[4:]):
    for column, (label, value) in zip(st.columns(4), row, strict=False):
        column.metric(label, value, border=True)

if figures[0][1] == "0":
    st.info("No article matches these filters. Clear some filters in the sidebar.")

left, right = st.columns(2)
with left:
    charts.show(charts.top_actors_chart(
        aggregates.actor_summary(session, selection, limit=charts.MAX_BARS,
                                 details=False)))
with right:
    charts.show(charts.claims_by_kind_chart(
        aggregates.claim_counts(session, ["kind", "nato_stance"], selection)))
    charts.show(charts.claims_by_stance_chart(
        aggregates.claim_counts(session, ["nato_stance"], selection)))

left, right = st.columns(2)
with left:
    charts.show(charts.claims_by_group_chart(
        aggregates.claims_by_affiliation(session, selection), group="affiliation",
        group_title="Speaker's party or affiliation",
        title="Claims per speaker's party or affiliation"))
with right:
    charts.show(charts.precedents_chart(aggregates.precedents(session, selection)),
                empty="No article in this view mentions a country's move in or out of NATO.")

charts.show(charts.articles_over_time_chart(aggregates.articles_over_time(session, selection)),
            empty="Articles over time: no article in this view has a publication date.")

st.subheader("Download")
download_all(deferred(lambda view: export_view(view, selection, load_cases())),
             filters=selection.active(), key="overview-download-all")
