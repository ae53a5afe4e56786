"""What a source hands to the collector: a URL to fetch, and what the source says about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """One article to fetch. The fields other than `url` are hints from the source (a feed
    item's title and date, GDELT's domain and the time it saw the article), used where the
    page itself says nothing."""

    url: str
    title: str = ""
    source: str = ""
    published: str = ""  # ISO date the source gives as the publication date
    seen: str = ""  # ISO date the source first saw the article (GDELT), a last resort
    origin: str = ""  # where the source listed it, for messages: "line 4", "item 2"


class SourceError(Exception):
    """A source that gives no list at all (a feed that cannot be read, a GDELT error)."""
