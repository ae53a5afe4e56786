"""Add articles: upload files (news-database exports too), paste a text or fetch web pages;
they join this visitor's corpus on every page. A corrections.csv brings corrections back."""

from __future__ import annotations

import streamlit as st

from analysis.ingest import upload_basename
from ui import corrections as corrections_ui
from ui import limits
from ui.data import remove_visitor_articles, visitor_tables
from ui.filters import shared_selection, shared_session
from ui.highlight import escape_markdown
from ui.uploads import (
    LANGUAGE_CHOICES,
    UPLOAD_LABEL,
    UPLOAD_TYPES,
    UploadReport,
    analyse_uploads,
    pasted_file,
)
from ui.url_fetch import url_box

ROUND_KEY = "upload-round"
REPORT_KEY = "upload-report"

shared_selection()

st.title("Add articles")
st.caption("Bring your own articles in English or French. They are analysed here and join "
           "your view of the corpus on every page, for this browser session only: they are "
           "not stored, and no other visitor sees them. Reloading the page starts afresh.")
st.caption(f"Limits: files up to {limits.MAX_FILE_MB} MB, {limits.MAX_FILES_PER_BATCH} files "
           f"at a time, articles up to {limits.MAX_ARTICLE_SIZE // 1000:,} kB each; a "
           f"session holds up to {limits.MAX_SESSION_ARTICLES} articles and "
           f"{limits.MAX_SESSION_WORDS:,} words; each article of an export counts.")


def show_report(report: UploadReport) -> None:
    """Every problem per file in plain words, then what was added."""
    for message in report.refusals:
        st.error(escape_markdown(message), icon=":material/error:")
    for message in report.warnings:
        st.warning(escape_markdown(message), icon=":material/warning:")
    for before, after in report.renamed.items():
        st.caption(f"The id “{escape_markdown(before)}” was taken: the article is "
                   f"“{escape_markdown(after)}”.")
    if report.duplicates:
        with st.expander(f"Duplicates kept once ({len(report.duplicates)})"):
            for message in report.duplicates:
                st.caption(escape_markdown(message))
    added = report.added
    if added is None or added.articles.empty:
        # The summary holds counts and fixed words only, nothing from an upload.
        st.info((report.summary() or "No article was added.") + " Your corpus is unchanged.")
        return
    st.success(f"{report.summary()} Every page now includes them.",
               icon=":material/check_circle:")
    st.page_link("pages/articles.py", label="Read it with its highlights",
                 icon=":material/article:",
                 query_params={"article": added.articles["article_id"].iloc[0]})


upload_tab, paste_tab, fetch_tab = st.tabs(["Upload files", "Paste a text",
                                             "Fetch web pages"])
with upload_tab:
    upload_round = st.session_state.setdefault(ROUND_KEY, 0)
    files = st.file_uploader(
        UPLOAD_LABEL, type=UPLOAD_TYPES, accept_multiple_files=True,
        max_upload_size=limits.TRANSFER_CAP_MB, key=f"upload-{upload_round}")
    # What will not be read is said at once, in words, before anything is analysed.
    for refusal in limits.batch_refusals([(upload_basename(file.name), file.size)
                                          for file in files or []]):
        st.error(escape_markdown(refusal), icon=":material/error:")
    st.caption(f"A file over {limits.TRANSFER_CAP_MB} MB is stopped by the browser before it "
               "is sent: the uploader marks it in red.")
    upload_language = st.selectbox("Language of the files", list(LANGUAGE_CHOICES),
                                   format_func=LANGUAGE_CHOICES.get, key="upload-language")
    analyse = st.button("Analyse the files", type="primary", disabled=not files,
                        key="upload-analyse")
    # One slot for the report of the last batch: a new batch's run empties it at once, so an
    # old batch's messages never stand beside a new batch's progress or report.
    report_slot = st.empty()
    if analyse:
        report = analyse_uploads([(file.name, file.getvalue()) for file in files],
                                 language=upload_language)
        # Draw the page again at once, with an empty uploader (a new key) holding no file of
        # the batch just read, and the new articles in the sidebar; otherwise the next file
        # dropped would join the old batch. The report waits in the session for that run.
        st.session_state[ROUND_KEY] = upload_round + 1
        st.session_state[REPORT_KEY] = report
        st.rerun()
    elif REPORT_KEY in st.session_state:
        with report_slot.container():
            show_report(st.session_state.pop(REPORT_KEY))

with paste_tab:
    with st.form("paste", clear_on_submit=True):
        title = st.text_input("Title", key="paste-title")
        source = st.text_input("Source", key="paste-source", placeholder="e.g. Le Monde")
        first, second = st.columns(2)
        published = first.date_input("Published", value=None, key="paste-published",
                                     format="YYYY-MM-DD")
        paste_language = second.selectbox("Language", list(LANGUAGE_CHOICES),
                                          format_func=LANGUAGE_CHOICES.get, key="paste-language")
        text = st.text_area("Text of the article", height=240, key="paste-text",
                            max_chars=limits.MAX_PASTE_CHARS)
        pasted = st.form_submit_button("Analyse the text", type="primary")
    if pasted:
        if not text.strip():
            st.error("Paste the text of an article first.", icon=":material/error:")
        else:
            show_report(analyse_uploads(
                [pasted_file(text, title=title, source=source, published=published,
                             language=paste_language)]))

with fetch_tab:
    if fetched := url_box():
        show_report(analyse_uploads(fetched))

own = visitor_tables()
if own is not None and not own.articles.empty:
    st.subheader("Your articles in this session")
    st.dataframe(own.articles.drop(columns="text"), hide_index=True, key="own-articles")
    if st.button("Remove my articles", icon=":material/delete:", key="own-remove"):
        remove_visitor_articles()
        st.rerun()

corrections_ui.upload(shared_session())
