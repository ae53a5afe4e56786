"""Who says what about leaving NATO: the dashboard's entry point (`streamlit run app.py`).

It declares the pages, draws the sidebar filters every page shares (their state lives in
the URL), runs the chosen page inside them, and ends the sidebar with a link to the view.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from analysis.query import MEMORY_VARIABLE
from ui.data import query_session
from ui.filters import link_to_this_view, shared_filters

ROOT = Path(__file__).resolve().parent


OVERVIEW = "pages/overview.py"


def open_overview() -> None:
    """The root address (`/`) opens the Overview at its own address, with the link's query.

    Streamlit serves its default page at `/` only, so a default Overview would answer a typed
    or bookmarked `/overview` with "Page not found". The default page is this hidden step
    instead, and every page, the Overview too, has one address: its own.
    """
    st.switch_page(OVERVIEW, query_params={key: st.query_params.get_all(key)
                                           for key in st.query_params})


def declared_pages() -> list[st.Page]:
    """The pages in menu order; Country cases only once its module exists.

    Each `url_path` is its file's stem, because Streamlit finds a page by file name on a
    fresh server's first run and in AppTest, and none ends with another, because
    `st.context.url` trims the page path by suffix.
    """
    pages = [
        st.Page(open_overview, title="Overview", url_path="home", default=True,
                visibility="hidden"),
        st.Page(OVERVIEW, title="Overview", icon=":material/dashboard:", url_path="overview"),
        st.Page("pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
        st.Page("pages/claims.py", title="Claims", icon=":material/record_voice_over:",
                url_path="claims"),
        st.Page("pages/networks.py", title="Networks", icon=":material/hub:",
                url_path="networks"),
        st.Page("pages/articles.py", title="Articles", icon=":material/article:",
                url_path="articles"),
    ]
    if (ROOT / "pages" / "cases.py").exists():
        pages.append(st.Page("pages/cases.py", title="Country cases", icon=":material/public:",
                             url_path="cases"))
    pages.append(st.Page("pages/upload.py", title="Add articles",
                         icon=":material/upload_file:", url_path="upload"))
    return pages


st.set_page_config(page_title="NATO exit debate", page_icon=":material/hub:", layout="wide")
page = st.navigation(declared_pages())
if page.url_path == "":  # the root address, before any widget binds a query parameter
    open_overview()
try:
    with query_session() as session, shared_filters(session):
        page.run()
        with st.sidebar:
            link_to_this_view()
except duckdb.OutOfMemoryException:
    st.error("This view needs more memory than the server gives its queries: narrow the "
             f"filters, or give the server more (${MEMORY_VARIABLE}, for example 1GB).",
             icon=":material/memory:")
