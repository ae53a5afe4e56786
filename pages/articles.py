"""Articles: read one article with its actors, speakers and claims highlighted, and its rows."""

from __future__ import annotations

import re

import streamlit as st

from ui import highlight
from ui.data import load_tables
from ui.downloads import download_csv
from ui.filters import current_selection, sidebar_filters, stop_empty, url_selectbox

WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)

tables = sidebar_filters(load_tables())
filters = current_selection().active()

st.title("Articles")
if tables.articles.empty:
    stop_empty("No article matches these filters. Clear some filters in the sidebar.")

titles = dict(zip(tables.articles["article_id"], tables.articles["title"], strict=True))
choice, claim_choice = st.columns([2, 3])
with choice:
    article_id = url_selectbox("Article", list(titles), key="article", index=0,
                               help="Article ids; the title is shown below.")
article = tables.articles[tables.articles["article_id"] == article_id].iloc[0]
claims = tables.claims[tables.claims["article_id"] == article_id]
mentions = tables.actor_mentions[tables.actor_mentions["article_id"] == article_id]
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

st.subheader("This article's rows")
article_filters = {**filters, "article": [article_id]}
rows = {
    "actors": tables.actors[tables.actors["article_id"] == article_id],
    "claims": claims,
    "case_mentions": tables.case_mentions[tables.case_mentions["article_id"] == article_id],
    "actor_mentions": mentions,
}
labels = [f"{name.replace('_', ' ').capitalize()} ({len(frame)})" for name, frame in rows.items()]
for tab, (name, frame) in zip(st.tabs(labels), rows.items(), strict=True):
    with tab:
        st.dataframe(frame, hide_index=True, key=f"article-{name}")
        download_csv(frame, table=name, filters=article_filters, key=f"article-download-{name}")

with st.expander(f"All {len(tables.articles):,} articles in this view"):
    listing = tables.articles.drop(columns="text")
    st.dataframe(listing, hide_index=True, key="articles-table")
    download_csv(tables.articles, table="articles", filters=filters, key="articles-download")
