"""Web pages (`.html`, `.htm`): one article each, main text and metadata through trafilatura.

A saved page holds navigation, scripts and comments around one article; trafilatura finds
the main text, the title, the site name, the address and the date. (A news-database export
saved as HTML holds many articles: `analysis.ingest.detect` sends it to its own reader
before this one.)
"""

from __future__ import annotations

from collections.abc import Iterator

from analysis.ingest.base import Item, _build_article, _Options, _Refused
from analysis.ingest.text import _check_binary


def _parse_html(data: bytes, origin: str, stem: str, options: _Options) -> Iterator[Item]:
    """A web page: main text and metadata as trafilatura extracts them."""
    if not data.strip():
        raise _Refused("empty")
    _check_binary(data)
    try:
        # Imported here so that text and table input work even where the HTML
        # stack (trafilatura, lxml) is missing or broken.
        import trafilatura
    except ImportError as error:
        raise _Refused(f"HTML cannot be read on this installation ({error})") from None
    try:
        document = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # noqa: BLE001 - lxml and trafilatura raise many kinds on broken markup
        document = None
    main_text = (getattr(document, "text", None) or "") if document is not None else ""
    if not main_text.strip():
        raise _Refused("no main text could be extracted from the HTML")
    fields = {
        "id": stem,
        "title": getattr(document, "title", None) or "",
        "source": getattr(document, "sitename", None) or getattr(document, "hostname", None)
        or "",
        "url": getattr(document, "url", None) or "",
        "published": getattr(document, "date", None) or "",
        "text": main_text,
    }
    yield from _build_article(fields, origin, options)

