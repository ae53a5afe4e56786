"""An RSS or Atom feed: its items' links, titles and dates, read with feedparser.

The feed is fetched through the guarded fetcher like any page (feedparser is never
given a URL, so it never fetches anything itself), then parsed from the bytes.
"""

from __future__ import annotations

import calendar
import email.utils
import io
from datetime import UTC, datetime

from analysis.collect.candidates import Candidate, SourceError
from analysis.collect.fetch import Fetcher
from analysis.collect.guard import FetchError

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "text/plain")


def read_feed(url: str, *, fetcher: Fetcher) -> list[Candidate]:
    """The items of the feed at `url`, in the feed's order; raise `SourceError` when the
    feed cannot be fetched or holds no item."""
    try:
        page = fetcher.get(url, accept=FEED_TYPES)
    except FetchError as error:
        raise SourceError(f"the feed could not be fetched: {error}") from None
    return parse_feed(page.body, url=page.final_url, content_type=page.content_type)


def parse_feed(data: bytes, *, url: str, content_type: str = "application/xml"
               ) -> list[Candidate]:
    """The items of a feed's bytes; relative links are resolved against `url`."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), response_headers={
        "content-location": url, "content-type": content_type})
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if parsed.get("bozo") and problem else ""
        raise SourceError(f"{url}: no item found; not an RSS or Atom feed?{detail}")
    source = " ".join((parsed.feed.get("title") or "").split())
    candidates = []
    for number, entry in enumerate(parsed.entries, start=1):
        candidates.append(Candidate(
            url=(entry.get("link") or "").strip(),
            title=" ".join((entry.get("title") or "").split()),
            source=source,
            published=_publication_date(entry),
            origin=f"item {number}",
        ))
    return candidates


def _publication_date(entry: dict) -> str:
    """The item's publication (else update) date as an ISO date, "" when it has none.

    The day is the one in the feed's own time zone, as its readers saw it ("Thu, 22 Jan
    2026 23:30:00 -0300" is the 22nd), not feedparser's UTC one (the 23rd).
    """
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw).date().isoformat()
        except ValueError:
            pass
        moment = entry.get(f"{key}_parsed")
        if moment:
            return datetime.fromtimestamp(calendar.timegm(moment),
                                          tz=UTC).date().isoformat()
    return ""
