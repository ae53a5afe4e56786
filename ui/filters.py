"""The sidebar filters every page shares, kept in the URL so that a link restores the view.

`app.py` draws the filters once per run, before it runs the page, as widgets bound to query
parameters (`bind="query-params"`). Streamlit keeps the query parameters of the entry
point's widgets when the visitor switches pages, so a filter set on one page holds on all
of them and in a copied link. Pages call `shared_selection()` and `shared_session()` for the
selection and this run's DuckDB connection (`analysis.query`), and bind their own widgets
with `url_multiselect`, `url_selectbox` and `url_page`. A value in a link that no longer
matches an option (a typo, an article removed since) is dropped with a quiet note under its
widget.

Before anything is drawn, the run's session takes the visitor's corrections
(`ui.corrections`), so the filters' options and every page read the corrected tables; the
sidebar ends with the count of corrections.
"""

from __future__ import annotations

import runpy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlencode

import streamlit as st

from analysis.query import Selection, Session
from analysis.tables import ACTOR_TYPES
from ui import corrections
from ui.highlight import escape_markdown

ENTRY_POINT = Path(__file__).resolve().parent.parent / "app.py"
# Article ids the sidebar's list offers: every option travels to the browser on each run.
MAX_ARTICLE_OPTIONS = 1_000


@dataclass
class _Run:
    """What this script run has drawn: the selection and the URL state of bound widgets."""

    selection: Selection = field(default_factory=Selection)
    session: Session | None = None
    params: dict[str, list[str]] = field(default_factory=dict)
    defaults: set[str] = field(default_factory=set)
    link_shown: bool = False


_RUN: ContextVar[_Run | None] = ContextVar("dashboard_run", default=None)


@contextmanager
def shared_filters(session: Session) -> Iterator[Selection]:
    """Draw the sidebar filters for this run, their options read through `session`; inside
    the block, pages apply them."""
    run = _Run(session=session)
    token = _RUN.set(run)
    try:
        resolution = corrections.apply(session)
        with st.sidebar:
            run.selection = _draw_filters(session)
            corrections.sidebar_summary(resolution)
        yield run.selection
    finally:
        _RUN.reset(token)


def shared_selection() -> Selection:
    """The shared sidebar filters drawn by `app.py` for this run; a page that queries the
    tables itself calls it before drawing anything else."""
    run = _RUN.get()
    if run is None:
        _run_entry_point()
    return run.selection


def shared_session() -> Session:
    """The DuckDB connection `app.py` opened for this run (after `shared_selection`)."""
    run = _RUN.get()
    if run is None or run.session is None:
        _run_entry_point()
    return run.session


def url_page(rows: int, *, per_page: int, key: str = "page") -> int:
    """Which page of a table of `rows` rows to show, `per_page` a page, in the URL as
    `?page=N` (a number past the last page shows the last one)."""
    pages = max(1, -(-rows // per_page))
    given = st.query_params.get_all(key)[-1:]
    if given and (not given[0].isdigit() or not 1 <= int(given[0]) <= pages):
        _note_unknown("Page", given, reason=f"the table has {pages:,} page"
                                               f"{'s' * (pages != 1)}")
        st.query_params.pop(key, None)
    if pages == 1:
        _remember(key, [], default=[])
        return 1
    page = st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1,
                           step=1, key=key, bind="query-params")
    _remember(key, [] if page == 1 else [str(page)], default=[])
    return int(page)


def _run_entry_point() -> NoReturn:
    """Run the app from `app.py` when Streamlit started a page file on its own.

    Because the pages sit in a folder named `pages/`, Streamlit runs a page file by itself
    (its older multipage mode) until the entry point has called `st.navigation` once in
    the process: on a fresh server's first run when the link opens a page, and on every
    `AppTest.switch_page`. Running the entry point declares the navigation, draws the
    sidebar and runs this page inside them; the outer, filterless run then stops here.
    """
    runpy.run_path(str(ENTRY_POINT))
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover


# The filters ---------------------------------------------------------------------------


def _draw_filters(session: Session) -> Selection:
    st.header("Filters")
    language = url_multiselect("Language", session.values("articles", "language"),
                               key="language", placeholder="All languages")
    source = url_multiselect("Source", session.values("articles", "source"), key="source",
                             placeholder="All sources")
    published = url_date_range("Published between", session.extent("articles", "published"),
                               key="published")
    article_ids = _article_filter(session)
    present_types = set(session.values("actors", "actor_type"))
    actor_type = url_multiselect(
        "Actor type", [t for t in ACTOR_TYPES if t in present_types],
        key="actor_type", placeholder="All actor types",
        help="Keeps these actors, the claims they make and the articles that name them.")
    affiliation = url_multiselect(
        "Party / affiliation", session.affiliation_groups(), key="affiliation",
        placeholder="All parties and affiliations",
        help="An actor's party or state; a party or state counts as its own.")
    country = url_multiselect(
        "Country", session.countries(), key="country", placeholder="All countries",
        help="Keeps articles that name these countries, and their case mentions.")
    return Selection(tuple(language), tuple(source), published, tuple(article_ids),
                     tuple(actor_type), tuple(affiliation), tuple(country))


def _article_filter(session: Session) -> list[str]:
    """Articles by id: the list offers the first MAX_ARTICLE_OPTIONS ids (and those of the
    link), since every option travels to the browser on each run; any other id is typed."""
    given = [value for value in st.query_params.get_all("articles") if value]
    linked = session.present("articles", "article_id", given)
    options = sorted(set(session.values("articles", "article_id", limit=MAX_ARTICLE_OPTIONS))
                     | set(linked), key=str.casefold)
    chosen = url_multiselect(
        "Article", options, key="articles", placeholder="All articles: type an id",
        accept_new_options=True,
        help=f"Article ids (the list offers the first {MAX_ARTICLE_OPTIONS:,}; type any "
             "other); the Articles page shows their titles.")
    typed = [value for value in chosen if value not in options]
    found = set(session.present("articles", "article_id", typed))
    _note_unknown("Article", [value for value in typed if value not in found],
                  reason="no article has this id")
    return [value for value in chosen if value in options or value in found]


# Widgets bound to the URL ----------------------------------------------------------------


def url_multiselect(label: str, options: Sequence[str], *, key: str, **kwargs: Any) -> list[str]:
    """A multiselect whose choice lives in the URL as `?key=a&key=b` (nothing = all)."""
    options = list(options)
    unknown = [v for v in st.query_params.get_all(key) if v and v not in options]
    value = st.multiselect(label, options, key=key, bind="query-params", **kwargs)
    _note_unknown(label, unknown)
    _remember(key, list(value), default=[])
    return list(value)


def url_selectbox(label: str, options: Sequence[str], *, key: str, index: int | None = None,
                  **kwargs: Any) -> str | None:
    """A selectbox whose choice lives in the URL as `?key=value`."""
    options = list(options)
    unknown = [v for v in st.query_params.get_all(key)[-1:] if v and v not in options]
    value = st.selectbox(label, options, index=index, key=key, bind="query-params", **kwargs)
    _note_unknown(label, unknown)
    default = [] if index is None or not options else [options[index]]
    _remember(key, [] if value is None else [value], default=default)
    return value


def url_date_range(label: str, extent: tuple[str, str] | None, *,
                   key: str) -> tuple[date, date] | None:
    """A date range within the first and last publication dates (`extent`), in the URL as
    `?key=start&key=end`.

    Returns `None` while the range covers every dated article, so that undated articles
    stay in view until a narrower range is chosen.
    """
    given = [v for v in st.query_params.get_all(key) if v]
    if extent is None:
        if given:
            _note_unknown(label, given, reason="no article in this corpus has a date")
        return None
    full = (date.fromisoformat(extent[0]), date.fromisoformat(extent[1]))
    value = st.date_input(label, value=full, min_value=full[0], max_value=full[1], key=key,
                          bind="query-params", format="YYYY-MM-DD",
                          help="Articles without a date are left out once the range is narrowed.")
    _note_unknown(label, [v for v in given if not _is_iso_date(v)])
    chosen = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    if len(chosen) != 2 or tuple(chosen) == full:
        _remember(key, [], default=[])
        return None
    _remember(key, [day.isoformat() for day in chosen], default=[])
    return (chosen[0], chosen[1])


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _note_unknown(label: str, values: list[str], *,
                  reason: str = "not in the current view") -> None:
    """A quiet line under a widget naming the values of the link it could not use."""
    if values:
        shown = ", ".join(f"“{escape_markdown(value[:60])}”" for value in values[:5])
        more = f" and {len(values) - 5} more" if len(values) > 5 else ""
        st.caption(f":material/link_off: {escape_markdown(label)}: ignored {shown}{more} "
                   f"from the link, {reason}.")


def _remember(key: str, values: list[str], *, default: list[str]) -> None:
    run = _RUN.get()
    if run is None:
        return
    if values == default:
        run.params.pop(key, None)
        run.defaults.add(key)
    else:
        run.params[key] = values
        run.defaults.discard(key)


# The link --------------------------------------------------------------------------------


def current_query() -> dict[str, list[str]]:
    """The query parameters of the view on screen: the URL's, updated by this run's widgets."""
    run = _RUN.get()
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    if run is not None:
        for key in run.defaults:
            query.pop(key, None)
        query.update(run.params)
    return {key: values for key, values in query.items() if values}


def stop_empty(message: str) -> NoReturn:
    """End the page with a short message when the filters leave nothing to show; the
    sidebar keeps its link to the view (the foot of `app.py` is not reached)."""
    st.info(message)
    with st.sidebar:
        link_to_this_view()
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover


def link_to_this_view() -> None:
    """Show the address of this exact view (page, filters, choices), ready to copy.

    Drawn once per run: `app.py` draws it at the foot of the sidebar unless the page has
    already drawn it where it wanted.
    """
    run = _RUN.get()
    if run is not None:
        if run.link_shown:
            return
        run.link_shown = True
    query = urlencode(current_query(), doseq=True)
    base = st.context.url or ""
    st.caption(":material/link: Link to this view (copy it to share what you see)")
    st.code(f"{base}?{query}" if query else base or "(this page)", language=None,
            wrap_lines=True)
