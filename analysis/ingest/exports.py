"""What the readers of news-database exports share: one record per article, stable ids,
dates found inside a line, notices dropped, and the article built from a record.

An export (Europresse, Factiva, Nexis Uni) holds many articles in one file. Each reader
turns its file into `ExportRecord`s, one per article in file order, with `position` counting
them from 1; a record with a `problem` is refused alone, naming its position, and the
others are kept. An article's id comes from its source, date and title, so the same article
gets the same id in every export of it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from analysis.ingest.base import (
    DAY_MONTH_YEAR,
    MONTH_DAY_YEAR,
    MONTHS,
    RESOURCES,
    Article,
    Item,
    Refusal,
    _build_article,
    _normalise_date,
    _one_line,
    _Options,
)

SOURCE_ID_CHARS = 24  # of the source's name in an article id
TITLE_ID_CHARS = 32
EXPORT_NAMES = {"europresse": "Europresse", "factiva": "Factiva", "nexis": "Nexis Uni"}
ID_HASH_LENGTH = 6
# A date line is short; past this many characters a line is not searched further (the date
# patterns would take time growing with the square of a long line's length).
DATE_SEARCH_CHARS = 200
NOT_ID_CHARACTER = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ExportRecord:
    """One article of an export as its reader found it; `problem` says why it is unusable."""

    position: int
    title: str = ""
    source: str = ""
    published: str = ""  # as the export writes it: "lundi 19 janvier 2026"
    author: str = ""
    url: str = ""
    body: str = ""
    problem: str = ""


@dataclass(frozen=True)
class Exported:
    """An article read from an export: `analysis.ingest` keeps one of those with the same
    text, counting the others as duplicates."""

    article: Article


@cache
def settings() -> dict:
    """The export markers of `analysis/resources/ingest/exports.json`."""
    return json.loads((RESOURCES / "exports.json").read_text(encoding="utf-8"))


@cache
def pattern(section: str, name: str) -> re.Pattern[str]:
    """A line pattern of exports.json (`section`, `name`), compiled case-insensitive."""
    return re.compile(settings()[section][name], re.IGNORECASE)


@cache
def notice_patterns(export: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(text, re.IGNORECASE) for text in settings()["notices"][export])


def is_notice(line: str, export: str) -> bool:
    """Whether `line` is a notice the export adds (rights, document number), not text."""
    line = line.strip()
    return any(notice.match(line) for notice in notice_patterns(export))


def body_of(paragraphs: list[str], export: str) -> str:
    """The paragraphs as one body, blank ones and the export's notices left out."""
    kept = [_one_line(paragraph) for paragraph in paragraphs]
    return "\n\n".join(text for text in kept if text and not is_notice(text, export))


def find_date(line: str) -> str:
    """The first date written in words inside `line` ("Politique, lundi 19 janvier 2026,
    p. 4" gives "lundi 19 janvier 2026"), or ""."""
    line = line[:DATE_SEARCH_CHARS]
    for expression in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        for match in expression.finditer(line):
            if match["month"].lower().rstrip(".") in MONTHS:
                return match[0].strip()
    return ""


def export_id(source: str, published: str, title: str) -> str:
    """A readable id from the source, ISO date and title, the same in every export of the
    article: "le-courrier-de-l-est-2026-01-19-l-otan-en-debat-3f2a1c". The short digest of
    all three keeps two titles that begin alike apart."""
    digest = hashlib.sha256(f"{source}\n{published}\n{title}".encode()).hexdigest()
    parts = [_slug(source, SOURCE_ID_CHARS) or "unknown-source", published or "undated",
             _slug(title, TITLE_ID_CHARS), digest[:ID_HASH_LENGTH]]
    return "-".join(part for part in parts if part)


def _slug(text: str, limit: int) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = NOT_ID_CHARACTER.sub("-", plain).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def export_items(records: Iterator[ExportRecord], origin: str, options: _Options,
                 *, export: str) -> Iterator[Item | Exported]:
    """The articles of an export's records, each refused alone when it is damaged."""
    found = False
    name = EXPORT_NAMES.get(export, export)
    for record in records:
        found = True
        where = f"{origin}, article {record.position}"
        if record.problem:
            yield Refusal(where, f"damaged {name} article, not read: {record.problem}")
            continue
        published, _ = _normalise_date(record.published)
        fields = {"id": export_id(record.source, published, record.title), "title": record.title,
                  "source": record.source, "url": record.url, "published": record.published,
                  "text": record.body}
        for item in _build_article(fields, where, options):
            yield Exported(item) if isinstance(item, Article) else item
    if not found:
        yield Refusal(origin, f"looks like a {name} export but holds no article laid out as "
                      f"this project reads them (supported exports: "
                      f"{settings()['detect']['names']})")
