"""Articles: read one article with its actors, speakers and claims highlighted, and its rows.

Only the article on screen is read in full (its text and rows, from DuckDB); the list of
articles offers the first `MAX_OPTIONS` and the one of the link.
"""

from __future__ import annotations

import re

import streamlit as st

from ui import corrections as corrections_ui
from ui import highlight
from ui.data import deferred
from ui.downloads import download_csv
from ui.filters import (
    shared_selection,
    shared_session,
    stop_empty,
    url_page,
    url_selectbox,
)

WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)
MAX_OPTIONS = 1_000
PAGE_ROWS = 200
LISTING_COLUMNS = ["article_id", "title", "source", "url", "published", "language", "n_words",
                   "text_sha256"]

selection = shared_selection()
session = shared_session()
filters = selection.active()

st.title("Articles")
total = session.count("articles", selection)
if not total:
    stop_empty("No article matches these filters. Clear some filters in the sidebar.")

linked = st.query_params.get_all("article")
options = session.values("articles", "article_id", selection, limit=MAX_OPTIONS)
options += [article_id for article_id in session.present("articles", "article_id", linked,
                                                         selection) if article_id not in options]
choice, claim_choice = st.columns([2, 3])
with choice:
    article_id = url_selectbox(
        "Article", options, key="article", index=0,
        help="Article ids; the title is shown below."
             + (f" The list offers the first {MAX_OPTIONS:,} of {total:,}: narrow the "
                "sidebar's filters, or open an article from its claims." if total > MAX_OPTIONS
                else ""))
one = {"article_id": [article_id]}
article = session.table("articles", selection, where=one).iloc[0]
claims = session.table("claims", selection, where=one)
mentions = session.table("actor_mentions", selection, where=one)
with claim_choice:
    claim_id = url_selectbox("Claim to point out", claims["claim_id"].tolist(), key="claim",
                             placeholder="None: every claim is highlighted the same way")

details = [article["source"], article["published"] or "date unknown",
           f"language: {article['language']}", f"{article['n_words']:,} words",
           f"id: {article_id}"]
st.html(highlight.heading_html(article["title"] or article_id, details))
if WEB_ADDRESS.match(article["url"]):
    st.link_button("Open the original article", article["url"], icon=":material/open_in_new:")
if claim_id:
    claim = claims[claims["claim_id"] == claim_id].iloc[0]
    st.info(f"**{highlight.escape_markdown(claim['speaker'])}** "
            f"({highlight.escape_markdown(claim['cue'])}, "
            f"{highlight.escape_markdown(claim['kind'])}, "
            f"stance: {highlight.escape_markdown(claim['nato_stance'])}): "
            f"{highlight.escape_markdown(claim['claim_text'])}", icon=":material/format_quote:")

st.html(highlight.legend_html())
with st.container(border=True, height=520):
    st.html(highlight.highlighted_html(article["text"], mentions, claims, selected_claim=claim_id))

adding = st.expander("Add a claim the analysis missed", key="article-add-claim-open",
                     on_change="rerun")
with adding:  # drawn when open: the article's sentences need not travel on every run
    if adding.open:
        corrections_ui.add_claim_form(session, [article_id], key="article-add-claim")

st.subheader("This article's rows")
article_filters = {**filters, "article": [article_id]}
rows = {
    "actors": session.table("actors", selection, where=one),
    "claims": claims,
    "case_mentions": session.table("case_mentions", selection, where=one),
    "actor_mentions": mentions,
}
labels = [f"{name.replace('_', ' ').capitalize()} ({len(frame)})" for name, frame in rows.items()]
for tab, (name, frame) in zip(st.tabs(labels), rows.items(), strict=True):
    with tab:
        st.dataframe(frame, hide_index=True, key=f"article-{name}")
        download_csv(frame, table=name, filters=article_filters, key=f"article-download-{name}")

with st.expander(f"All {total:,} articles in this view"):
    page = url_page(total, per_page=PAGE_ROWS, key="articles_page")
    listing = session.table("articles", selection, columns=LISTING_COLUMNS, limit=PAGE_ROWS,
                            offset=(page - 1) * PAGE_ROWS)
    st.dataframe(listing, hide_index=True, key="articles-table")
    download_csv(deferred(lambda view: view.table("articles", selection)), rows=total,
                 table="articles", filters=filters, key="articles-download")
