"""Claims: every attributed statement, filtered by who, what kind, which stance, about whom.

The rows come from DuckDB a page at a time (`PAGE_ROWS`, the page in the URL): the browser
receives the rows on screen, not the whole table, whatever the size of the corpus. A claim
picked in the table can be corrected in place (`ui.corrections`); corrected rows carry a mark.
"""

from __future__ import annotations

import streamlit as st

from analysis import aggregates
from analysis.tables import CLAIM_KINDS, NATO_STANCES
from ui import charts
from ui import corrections as corrections_ui
from ui.data import deferred
from ui.downloads import download_csv
from ui.filters import shared_selection, shared_session, url_multiselect, url_page
from ui.highlight import escape_markdown

TABLE_COLUMNS = ["status", "speaker", "speaker_affiliation", "cue", "kind", "nato_stance", "target",
                 "article_id", "claim_text", "is_quote", "claim_id"]
OPEN_KEY = "open_claim"
PAGE_ROWS = 200
# Speakers and targets a select box offers (the most frequent; those of the link too).
MAX_OPTIONS = 1_000

selection = shared_selection()
session = shared_session()

st.title("Claims")
st.caption("Statements the articles attribute to someone, with the reporting verb (cue), "
           "what kind of claim it is and whether it argues for leaving NATO. Language, "
           "article and party filters are in the sidebar.")


def options(column: str) -> list[str]:
    """The most frequent values of a claims column in the view, and those the link names."""
    counts = aggregates.claim_counts(session, [column], selection)
    frequent = [value for value in counts[column].head(MAX_OPTIONS) if value]
    linked = st.query_params.get_all({"nato_stance": "stance"}.get(column, column))
    return frequent + [value for value in session.present("claims", column, linked, selection)
                       if value not in frequent]


columns = st.columns(4)
with columns[0]:
    speakers = url_multiselect("Speaker", options("speaker"), key="speaker",
                               placeholder="All speakers")
present_kinds = set(session.values("claims", "kind", selection))
present_stances = set(session.values("claims", "nato_stance", selection))
with columns[1]:
    kinds = url_multiselect("Kind", [k for k in CLAIM_KINDS if k in present_kinds],
                            key="kind", placeholder="All kinds")
with columns[2]:
    stances = url_multiselect("NATO stance", [s for s in NATO_STANCES if s in present_stances],
                              key="stance", placeholder="All stances")
with columns[3]:
    targets = url_multiselect("Target", sorted(options("target"), key=str.casefold),
                              key="target", placeholder="All targets",
                              help="Whom the claim is about.")

where = {"speaker": speakers, "kind": kinds, "nato_stance": stances, "target": targets}
total = session.count("claims", selection, where=where)
filters = {**selection.active(), "speaker": speakers, "kind": kinds, "stance": stances,
           "target": targets}

st.subheader(f"{total:,} claim{'s' * (total != 1)}")
page = url_page(total, per_page=PAGE_ROWS)
first = (page - 1) * PAGE_ROWS
claims = aggregates.claims_with_affiliation(session, selection, where=where, limit=PAGE_ROWS,
                                            offset=first)
if total > PAGE_ROWS:
    st.caption(f"Claims {first + 1:,} to {first + len(claims):,} of {total:,}, "
               f"{PAGE_ROWS} a page; the download holds them all.")


def _open_selected_row() -> None:
    """Clicking a row of the table picks that claim for the "open in its article" link."""
    rows = st.session_state["claims-table"].selection.rows
    if rows:
        st.session_state[OPEN_KEY] = claims.loc[rows[0], "claim_id"]


claims["status"] = corrections_ui.status_marks("claims", claims)
st.dataframe(claims[TABLE_COLUMNS], hide_index=True, key="claims-table",
             on_select=_open_selected_row, selection_mode="single-row", column_config={
                 "status": st.column_config.TextColumn(
                     "✎", help="✎ corrected by you, ✓ marked as reviewed (your corrections "
                               "download from the sidebar)"),
                 "speaker": "Speaker", "speaker_affiliation": "Party / affiliation",
                 "cue": "Cue", "kind": "Kind", "nato_stance": "NATO stance",
                 "target": "Target", "article_id": "Article",
                 "claim_text": st.column_config.TextColumn("Claim", width="large"),
                 "is_quote": "Quote", "claim_id": "Claim id"})
download_csv(deferred(lambda view: aggregates.claims_with_affiliation(view, selection,
                                                                      where=where)),
             rows=total, table="claims", filters=filters, key="claims-download")

st.subheader("Open or correct a claim")
opened = st.session_state.get(OPEN_KEY)
listed = claims
if opened and opened not in set(listed["claim_id"]):
    listed = aggregates.claims_with_affiliation(session, selection,
                                                where={**where, "claim_id": [opened]})
    listed = claims if listed.empty else listed
labels = {claim_id: f"{speaker}: {text[:90]}" for claim_id, speaker, text in
          zip(listed["claim_id"], listed["speaker"], listed["claim_text"], strict=True)}
if opened not in labels:
    st.session_state.pop(OPEN_KEY, None)
if total > len(claims):
    st.caption("The list holds the claims of this page of the table: click a row of the "
               "table, or turn its page, to open any other.")
chosen_claim = st.selectbox("Claim", list(labels), index=None, key=OPEN_KEY,
                            format_func=labels.get, label_visibility="collapsed",
                            placeholder="Pick a claim, or click a row of the table")
if chosen_claim:
    article_id = listed.loc[listed["claim_id"] == chosen_claim, "article_id"].iloc[0]
    st.page_link("pages/articles.py",
                 label=f"Read claim {escape_markdown(chosen_claim)} in its article",
                 icon=":material/article:",
                 query_params={"article": article_id, "claim": chosen_claim})
    corrections_ui.claim_form(session, chosen_claim)

adding = st.expander("Add a claim the analysis missed", key="add-claim-open",
                     on_change="rerun")
with adding:  # drawn when open: its lists of articles and sentences need not travel
    st.caption("Pick the article and the sentence that holds the claim, and who makes it.")
    if adding.open:
        opened_article = ([listed.loc[listed["claim_id"] == chosen_claim, "article_id"].iloc[0]]
                          if chosen_claim else [])
        corrections_ui.add_claim_form(session, list(dict.fromkeys(
            opened_article + session.values("articles", "article_id", selection,
                                            limit=MAX_OPTIONS))))
corrections_ui.corrections_list("claims", key="claims-corrections")

st.subheader("Stance by speaker")
charts.show(charts.claims_by_group_chart(
    aggregates.claim_counts(session, ["speaker", "nato_stance"], selection, where=where),
    group="speaker", group_title="Speaker", title="Claims per speaker and NATO stance"))
