"""Claims: every attributed statement, filtered by who, what kind, which stance, about whom."""

from __future__ import annotations

import streamlit as st

from analysis.tables import CLAIM_KINDS, NATO_STANCES
from ui import charts, summaries
from ui.data import load_tables
from ui.downloads import download_csv
from ui.exports import claims_export
from ui.filters import current_selection, sidebar_filters, url_multiselect
from ui.highlight import escape_markdown

TABLE_COLUMNS = ["speaker", "speaker_affiliation", "cue", "kind", "nato_stance", "target",
                 "article_id", "claim_text", "is_quote", "claim_id"]
OPEN_KEY = "open_claim"

tables = sidebar_filters(load_tables())
claims = claims_export(tables.claims, tables.actors)

st.title("Claims")
st.caption("Statements the articles attribute to someone, with the reporting verb (cue), "
           "what kind of claim it is and whether it argues for leaving NATO. Language, "
           "article and party filters are in the sidebar.")

columns = st.columns(4)
with columns[0]:
    speakers = url_multiselect("Speaker", summaries.claim_counts(claims, ["speaker"])["speaker"],
                               key="speaker", placeholder="All speakers")
present_kinds, present_stances = set(claims["kind"].unique()), set(claims["nato_stance"].unique())
with columns[1]:
    kinds = url_multiselect("Kind", [k for k in CLAIM_KINDS if k in present_kinds],
                            key="kind", placeholder="All kinds")
with columns[2]:
    stances = url_multiselect("NATO stance", [s for s in NATO_STANCES if s in present_stances],
                              key="stance", placeholder="All stances")
with columns[3]:
    targets = url_multiselect("Target", sorted(set(claims["target"].unique()) - {""}),
                              key="target", placeholder="All targets",
                              help="Whom the claim is about.")

for column, chosen in (("speaker", speakers), ("kind", kinds), ("nato_stance", stances),
                       ("target", targets)):
    if chosen:
        claims = claims[claims[column].isin(chosen)]
claims = claims.reset_index(drop=True)
filters = {**current_selection().active(), "speaker": speakers, "kind": kinds,
           "stance": stances, "target": targets}


def _open_selected_row() -> None:
    """Clicking a row of the table picks that claim for the "open in its article" link."""
    rows = st.session_state["claims-table"].selection.rows
    if rows:
        st.session_state[OPEN_KEY] = claims.loc[rows[0], "claim_id"]


st.subheader(f"{len(claims):,} claim{'s' * (len(claims) != 1)}")
st.dataframe(claims[TABLE_COLUMNS], hide_index=True, key="claims-table",
             on_select=_open_selected_row, selection_mode="single-row", column_config={
                 "speaker": "Speaker", "speaker_affiliation": "Party / affiliation",
                 "cue": "Cue", "kind": "Kind", "nato_stance": "NATO stance",
                 "target": "Target", "article_id": "Article",
                 "claim_text": st.column_config.TextColumn("Claim", width="large"),
                 "is_quote": "Quote", "claim_id": "Claim id"})
download_csv(claims, table="claims", filters=filters, key="claims-download")

st.subheader("Open a claim in its article")
listed = summaries.listed_claims(claims, opened=st.session_state.get(OPEN_KEY))
labels = {claim_id: f"{speaker}: {text[:90]}" for claim_id, speaker, text in
          zip(listed["claim_id"], listed["speaker"], listed["claim_text"], strict=True)}
if st.session_state.get(OPEN_KEY) not in labels:
    st.session_state.pop(OPEN_KEY, None)
if len(claims) > summaries.MAX_LISTED_CLAIMS:
    st.caption(f"The list holds the first {summaries.MAX_LISTED_CLAIMS:,} of these "
               f"{len(claims):,} claims: narrow the filters, or click a row of the table "
               "to open any claim.")
chosen_claim = st.selectbox("Claim", list(labels), index=None, key=OPEN_KEY,
                            format_func=labels.get, label_visibility="collapsed",
                            placeholder="Pick a claim, or click a row of the table")
if chosen_claim:
    article_id = claims.loc[claims["claim_id"] == chosen_claim, "article_id"].iloc[0]
    st.page_link("pages/articles.py",
                 label=f"Read claim {escape_markdown(chosen_claim)} in its article",
                 icon=":material/article:",
                 query_params={"article": article_id, "claim": chosen_claim})

st.subheader("Stance by speaker")
charts.show(charts.claims_by_group_chart(
    summaries.claim_counts(claims, ["speaker", "nato_stance"]), group="speaker",
    group_title="Speaker", title="Claims per speaker and NATO stance"))
