"""A box on Add articles for a few web addresses, fetched by the server through the fetch guard.

The pages become `.md` files, named and written as `python -m analysis collect` writes them,
so the page analyses them exactly like uploaded files:

    if fetched := url_box():
        show_report(analyse_uploads(fetched))

A hosted server fetches only public web pages (see `analysis.collect.guard`), politely
(robots.txt, a pause between two pages of one site), and at most `MAX_SESSION_URLS`
addresses per browser session. Every address not fetched is named with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.collect.candidates import Candidate
from analysis.collect.collector import fetch_article
from analysis.collect.fetch import Fetcher
from analysis.collect.guard import DEFAULT_POLICY, FetchError, Policy
from analysis.collect.writer import file_name, markdown
from ui.highlight import escape_markdown

MAX_SESSION_URLS = 20
COUNT_KEY = "url-fetch-count"
# A pause between two pages of one site, shorter than the command line's: a visitor waits.
DELAY_SECONDS = 1.0
RETRIES = 1
MAX_URL_CHARS = 2_000
MAX_BOX_CHARS = MAX_SESSION_URLS * (MAX_URL_CHARS + 1)


@dataclass
class FetchedPages:
    """What became of a batch of addresses: the pages as `.md` files (name, bytes), one
    line per address not fetched, and how many addresses count against the session."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    attempted: int = 0


def parse_urls(text: str) -> list[str]:
    """The addresses of the box: one a line, blank lines dropped, each once, in order."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def fetch_pages(urls: Sequence[str], *, allowed: int, fetcher: Fetcher,
                progress: Callable[[int, str], None] | None = None) -> FetchedPages:
    """Fetch the first `allowed` addresses into `.md` files; refuse the rest by name."""
    result = FetchedPages()
    for position, url in enumerate(urls):
        if position >= allowed:
            result.refusals.append(f"{_shown(url)}: not fetched: a session fetches at most "
                                   f"{MAX_SESSION_URLS} web addresses")
            continue
        if progress is not None:
            progress(position, url)
        result.attempted += 1
        if len(url) > MAX_URL_CHARS:
            result.refusals.append(f"{_shown(url)}: an address longer than {MAX_URL_CHARS} "
                                   "characters is not fetched")
            continue
        try:
            article = fetch_article(Candidate(url=url), fetcher=fetcher)
        except FetchError as error:
            result.refusals.append(f"{_shown(url)}: {error.reason}")
            continue
        result.files.append((file_name(url), markdown(article).encode("utf-8")))
    return result


def url_box(*, key: str = "url-fetch", policy: Policy = DEFAULT_POLICY
            ) -> list[tuple[str, bytes]]:
    """Draw the box; when it is sent, fetch its addresses and return the pages as `.md`
    files (name, bytes) for `ui.uploads.analyse_uploads`, after showing every refusal.

    `policy` is the fetch guard's; only a test of the box against its own local server
    passes another one.
    """
    used = int(st.session_state.get(COUNT_KEY, 0))
    left = max(0, MAX_SESSION_URLS - used)
    note = st.empty()  # the count of addresses left, updated once a batch is fetched
    _note_left(note, left)
    with st.form(key, clear_on_submit=True):
        text = st.text_area("Web addresses of articles, one a line", key=f"{key}-text",
                            max_chars=MAX_BOX_CHARS, disabled=not left,
                            placeholder="https://www.example.org/2026/01/nato-debate.html")
        sent = st.form_submit_button("Fetch and analyse", type="primary", disabled=not left)
    if not sent:
        return []
    urls = parse_urls(text)
    if not urls:
        st.error("Enter at least one web address.", icon=":material/error:")
        return []
    bar = st.progress(0.0, text="Fetching…")

    def advance(position: int, url: str) -> None:
        bar.progress(position / len(urls), text=f"Fetching {position + 1} of {len(urls)}")

    fetcher = Fetcher(policy=policy, delay=DELAY_SECONDS, retries=RETRIES)
    result = fetch_pages(urls, allowed=left, fetcher=fetcher, progress=advance)
    bar.empty()
    st.session_state[COUNT_KEY] = used + result.attempted
    _note_left(note, max(0, left - result.attempted))
    for refusal in result.refusals:
        st.error(escape_markdown(refusal), icon=":material/error:")
    return result.files


def _note_left(note: DeltaGenerator, left: int) -> None:
    note.caption(f"This server fetches the pages and keeps their main text: public web pages "
                 f"only (http or https, HTML or text, up to 2 MB), as each site's robots.txt "
                 f"allows. Up to {MAX_SESSION_URLS} addresses a session; {left} left.")


def _shown(url: str) -> str:
    """An address as messages name it: on one line, and cut if it is very long."""
    url = " ".join(url.split())
    return url if len(url) <= 200 else url[:199] + "…"
