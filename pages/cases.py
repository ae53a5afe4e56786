"""Country cases: today's calls to leave NATO next to the precedents they invoke.

The cases to compare live in the URL (`?cases=france-1966&cases=greece-1974`), so a
comparison can be shared as a link; the shared sidebar filters narrow the articles. A case
mention of the corpus can be corrected in place (`ui.corrections`).
"""

from __future__ import annotations

import streamlit as st

from analysis.reference import load_cases
from ui import cases_view as view
from ui import corrections as corrections_ui
from ui.data import deferred
from ui.downloads import download_csv
from ui.exports import case_mentions_export
from ui.filters import shared_selection, shared_session, url_multiselect
from ui.highlight import escape_markdown

# Evidence sentences drawn per precedent, and precedents (the most invoked) given their
# evidence: a large corpus has hundreds of precedents and tens of thousands of mentions,
# which the download holds.
MAX_EVIDENCE_PER_PRECEDENT = 20
MAX_EVIDENCE_PRECEDENTS = 25
# Exit proposals the table shows: every row travels to the browser on each run.
MAX_PROPOSALS_SHOWN = 1_000
# Case mentions the correction picker offers (the first of the view, in table order).
MAX_CORRECTABLE = 1_000

selection = shared_selection()
session = shared_session()
cases = load_cases()
labels = view.case_labels(cases)

st.title("Country cases")
st.caption("France left NATO's integrated military command in 1966 and returned in 2009; "
           "Greece left it in 1974 and returned in 1980. Compare these precedents with each "
           "other and with the calls to leave made today.")

# --- Side by side ---------------------------------------------------------------------
st.header("Side by side")
selected = url_multiselect(
    "Cases to compare (two or three)",
    list(cases["case_id"]),
    key=view.URL_PARAMETER,
    default=list(view.DEFAULT_CASES),
    max_selections=view.MAX_CASES,
    help="Case ids of the reference table: "
         + ", ".join(f"{case_id} = {label}" for case_id, label in labels.items()),
)
if not selected:
    st.info("Choose two or three cases to compare.")
else:
    summary = view.summary_line(cases, selected)
    if summary:
        st.markdown(f"**{escape_markdown(summary)}**")
    comparison = view.comparison_table(cases, selected)
    st.table(view.comparison_styler(comparison))
    if len(selected) > 1:
        st.caption("Shaded rows differ between the compared cases.")
    with st.expander("Sources of the compared cases"):
        for column, case_id in zip(st.columns(len(selected)), selected, strict=True):
            links = view.case_sources(cases, case_id)
            column.markdown(f"**{escape_markdown(labels[case_id])}**\n\n" + "\n".join(
                f"- {view.source_markdown(title, url)}" for title, url in links))
download_csv(cases, table="cases", filters={}, key="cases-download-reference",
             label=f"Download the reference table as CSV ({len(cases)} cases)")

# --- Timeline -------------------------------------------------------------------------
st.header("Timeline")
bars = view.timeline_bars(cases, selected=selected)
events = view.timeline_events(cases, selected=selected)
st.altair_chart(view.timeline_chart(bars, events), width="stretch")
st.caption("Each bar runs from the day a case took effect to the return; points mark "
           "announcements, returns, dated headquarters moves and today's proposals, which "
           "have no bar because they never took effect. The cases compared above stand out.")

# --- Precedents in the corpus -----------------------------------------------------------
st.header("Precedents in the corpus")
# Computed where the tables lie: the precedents, a page of proposals and a few mentions of
# each precedent travel; the whole mention table only when its download is clicked.
precedents = view.precedent_summary(session, selection, cases)
proposals = view.exit_proposals(session, selection, limit=MAX_PROPOSALS_SHOWN)
n_proposals = (session.count("claims", selection, where={"nato_stance": ["exit"]})
               if len(proposals) == MAX_PROPOSALS_SHOWN else len(proposals))
# One table under the other, each across the page: side by side, both cut their last columns.
st.subheader("Precedents the articles invoke")
if precedents.empty:
    st.info("No article in the current selection mentions a country's move in or out "
            "of NATO.")
else:
    st.dataframe(
        view.precedent_rows(precedents), hide_index=True,
        column_config={
            "precedent": "Precedent",
            "year": st.column_config.TextColumn(
                "Year", help="Year of the move; empty when the article gives none"),
            "action": "Move", "mentions": "Mentions", "articles": "Articles",
            "invoked_by": st.column_config.TextColumn(
                "Invoked by", width="large",
                help="Speakers of claims in the same sentence, with their party or state "
                     "in that article"),
        },
    )
st.subheader("Today's exit proposals")
if proposals.empty:
    st.info("No claim in the current selection calls for leaving NATO.")
else:
    if n_proposals > len(proposals):
        st.caption(f"The first {len(proposals):,} of {n_proposals:,} claims calling "
                   "for leaving NATO; the Claims page lists them all (NATO stance: exit).")
    st.dataframe(
        # The long text last, where the page's edge cuts only what a hover shows whole.
        proposals[["speaker", "affiliation", "scope", "article_title", "claim_text"]],
        hide_index=True,
        column_config={
            "speaker": "Speaker", "affiliation": "Party or state",
            "scope": st.column_config.TextColumn(
                "Scope", help="Integrated command first when the claim names the "
                              "integrated command, else the whole alliance"),
            "claim_text": st.column_config.TextColumn("Claim", width="large"),
            "article_title": "Article",
        },
    )

if not precedents.empty:
    st.subheader("Evidence")
    mentions_of = precedents.groupby("precedent", sort=False)["mentions"].sum()
    shown = list(mentions_of.index[:MAX_EVIDENCE_PRECEDENTS])
    evidence = view.mention_details(session, selection, cases, precedents=shown,
                                    per_precedent=MAX_EVIDENCE_PER_PRECEDENT)
    groups = dict(tuple(evidence.groupby("precedent", sort=False)))
    if len(shown) < len(mentions_of):
        st.caption(f"The {len(shown)} most invoked of {len(mentions_of):,} precedents; narrow "
                   "the filters, or download the table for every mention.")
    for precedent in shown:
        count = int(mentions_of[precedent])
        with st.expander(f"{escape_markdown(precedent)}: {count} "
                         f"mention{'s' if count != 1 else ''}"):
            for mention in groups[precedent].itertuples():
                who = mention.invoked_by or view.NARRATION
                st.markdown(f"**{escape_markdown(mention.article_title)}**, sentence "
                            f"{mention.sentence_index + 1} · invoked by {escape_markdown(who)}")
                st.markdown("> " + escape_markdown(" ".join(str(mention.evidence).split())))
            if count > MAX_EVIDENCE_PER_PRECEDENT:
                st.caption(f"The first {MAX_EVIDENCE_PER_PRECEDENT} of {count} mentions; "
                           "download the table for all of them.")
    download_csv(deferred(lambda session: case_mentions_export(
                     view.mention_details(session, selection, cases))),
                 rows=int(mentions_of.sum()), table="case_mentions",
                 filters=selection.active(), key="cases-download-mentions")

    st.subheader("Correct a case mention")
    st.caption("Pick a mention to change its country, year, move or leader, or to reject it; "
               f"the list offers the first {MAX_CORRECTABLE:,} of the view.")
    picked = corrections_ui.case_picker(session, selection, limit=MAX_CORRECTABLE,
                                        key="case-correct")
    if picked is not None:
        corrections_ui.case_form(session, picked)
corrections_ui.corrections_list("case_mentions", key="cases-corrections")
