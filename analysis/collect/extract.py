"""A fetched page's main text and details, as trafilatura extracts them from the HTML."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from analysis.collect.candidates import Candidate
from analysis.collect.fetch import Page
from analysis.collect.guard import FetchError
from analysis.language import detect_language

# Below this many words the extraction found a cookie wall, a paywall teaser or a list of
# links, not an article.
MIN_WORDS = 30


@dataclass(frozen=True)
class Collected:
    """One article, ready to be written with the header lines ingest reads."""

    title: str
    source: str
    url: str
    published: str  # ISO date or ""
    language: str  # ISO 639-1 code, detected from the text
    text: str


def extract(page: Page, candidate: Candidate) -> Collected:
    """The article in `page`; raise `FetchError` when it holds too little text.

    Details the page gives win over the source's hints, except the title and the
    publication date a feed gives (the publisher's own); GDELT's "seen" date is used only
    when nothing else dates the article.
    """
    if page.content_type == "text/plain":
        text, title, site, published = page.text().strip(), "", "", ""
    else:
        text, title, site, published = _from_html(page)
    n_words = len(text.split())
    if n_words < MIN_WORDS:
        found = "no main text" if not n_words else f"only {n_words} words of main text"
        raise FetchError(candidate.url, f"{found} could be extracted (a page behind a "
                         "cookie wall, a login or scripts gives none)")
    title = _one_line(candidate.title or title)
    return Collected(
        title=title,
        source=_one_line(site or candidate.source or urlsplit(page.final_url).hostname or ""),
        url=page.final_url,
        published=candidate.published or published or candidate.seen,
        language=detect_language(f"{title}\n\n{text}"),
        text=text,
    )


def _from_html(page: Page) -> tuple[str, str, str, str]:
    """(text, title, site name, date) of an HTML page; empty strings where none is found."""
    import trafilatura  # the HTML stack is only needed when pages are fetched

    # Without a charset in the headers, the bytes go as they are: trafilatura reads the
    # page's own <meta charset> (a cp1252 page must not be decoded as UTF-8).
    content = page.body if page.charset is None else page.text()
    try:
        document = trafilatura.bare_extraction(
            content, url=page.final_url, with_metadata=True, include_comments=False,
            include_tables=True)
    except Exception:  # noqa: BLE001 - lxml and trafilatura raise many kinds on broken markup
        document = None
    if document is None:
        return "", "", "", ""
    return ((getattr(document, "text", None) or "").strip(),
            getattr(document, "title", None) or "",
            getattr(document, "sitename", None) or "",
            getattr(document, "date", None) or "")


def _one_line(text: str) -> str:
    return " ".join(text.split())
