"""What every reader shares: the records ingest yields, the checks of one article, dates.

`Article`, `Refusal` and `IngestWarning` are what reading yields; `_build_article` checks and
completes one article's fields, whatever file they came from, and makes the `text` every
later character offset refers to (see the package's docstring). Month names live in
`analysis/resources/ingest/dates.json`.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from analysis.language import detect_language, normalise_language
from analysis.lexicon import LANGUAGES

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "ingest"
SUPPORTED_LANGUAGES = LANGUAGES  # the languages the rules and models cover
MAX_ARTICLE_BYTES = 2_000_000
HEADER_KEYS = ("title", "source", "url", "published", "language")
# Columns (CSV) and fields (JSONL) read from tables; only "text" is required.
TABLE_FIELDS = ("id",) + HEADER_KEYS + ("text",)
HASH_ID_LENGTH = 12
# Control characters in article text: line-like ones become newlines, the others go.
CONTROL_TRANSLATION = {
    **{code: None for code in [*range(0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    0x0B: "\n", 0x0C: "\n", 0x85: "\n",
}
# Any character CONTROL_TRANSLATION changes: most texts have none and are not translated.
CONTROL_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in CONTROL_TRANSLATION)
                               + "]")
WORD_CHARACTER = re.compile(r"[^\W_]")
_WEEKDAY = r"(?:[^\W\d_]+\.?,?\s+)?"
DAY_MONTH_YEAR = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\.?\s+(?P<month>[^\W\d_]+)\.?,?\s+"
    r"(?P<year>\d{4})(?!\d)"
)
MONTH_DAY_YEAR = re.compile(
    _WEEKDAY + r"(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>\d{4})(?!\d)"
)
YEAR_MONTH_DAY = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[-/.](?P<second>\d{1,2})[-/.](?P<year>\d{4})(?!\d)")
MONTHS: dict[str, int] = json.loads(
    (RESOURCES / "dates.json").read_text(encoding="utf-8"))["months"]


@dataclass(frozen=True)
class Article:
    """One article, ready for analysis; `text` is what all character offsets refer to."""

    article_id: str
    title: str
    source: str
    url: str
    published: str  # ISO date YYYY-MM-DD, or "" when unknown
    language: str  # one of SUPPORTED_LANGUAGES
    text: str
    origin: str  # where it came from, for messages: "folder/file.csv:12"

    def as_row(self) -> dict[str, str | int]:
        """Return the article as a row of the `articles` table (see analysis.tables)."""
        return {
            "article_id": self.article_id, "title": self.title, "source": self.source,
            "url": self.url, "published": self.published, "language": self.language,
            "n_words": len(self.text.split()), "text_sha256": text_sha256(self.text),
            "text": self.text,
        }


@dataclass(frozen=True)
class Refusal:
    """A file or row that was not read, and why, in words a user can act on."""

    origin: str
    reason: str

    def message(self) -> str:
        return _one_line(f"{self.origin}: {self.reason}")


@dataclass(frozen=True)
class Duplicate(Refusal):
    """An export's article whose text was already read from an export: kept once, and
    counted apart from the refusals in a summary."""


@dataclass(frozen=True)
class IngestWarning:
    """Something a user should know about an article that was read all the same."""

    origin: str
    reason: str

    def message(self) -> str:
        return _one_line(f"{self.origin}: {self.reason}")


Item = Article | Refusal | IngestWarning


class IngestError(ValueError):
    """An argument ingest cannot work with at all, such as a path that does not exist."""


class _Refused(Exception):
    """Internal: the whole file being read is refused for `reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Options:
    max_bytes: int
    language: str | None

    @classmethod
    def checked(cls, max_bytes: int, language: str | None) -> _Options:
        """Validate the caller's options once, so that a bad one fails before any reading."""
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise IngestError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
        if language is None or not str(language).strip():
            return cls(max_bytes, None)
        code = normalise_language(str(language))
        if code not in SUPPORTED_LANGUAGES:
            raise IngestError(_unsupported_language(str(language).strip(), code))
        return cls(max_bytes, code)


def text_sha256(text: str) -> str:
    """Return the SHA-256 hex digest of `text` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()



# One article ---------------------------------------------------------------------


def _build_article(
    fields: dict[str, str],
    origin: str,
    options: _Options,
    *,
    from_table: bool = False,
    title_in_body: bool = False,
) -> Iterator[Item]:
    """Check and complete one article's fields; yield its warnings then the article.

    `fields` holds the raw `id`, `title`, `source`, `url`, `published`, `language`
    and `text` (the body) as the input gave them, any of them missing. The title is
    put in front of the body unless it was taken from the body (`title_in_body`)
    or the body already starts with it.
    """
    body = _clean_text(fields.get("text", ""))
    if not body.strip():
        yield Refusal(origin, "empty text" if from_table else "empty")
        return
    if not WORD_CHARACTER.search(body):
        yield Refusal(origin, "no words in the text (no letter or digit)")
        return
    title = _one_line(_clean_text(fields.get("title") or ""))
    text = body
    if title and not title_in_body and not body.lstrip().startswith(title):
        text = f"{title}\n\n{body}"
    size = len(text.encode("utf-8"))
    if size > options.max_bytes:
        yield Refusal(origin, _too_large(size, options.max_bytes))
        return

    given_language = (fields.get("language") or "").strip()
    if options.language:
        language = options.language
    elif given_language:
        language = normalise_language(given_language)
    else:
        language = detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        yield Refusal(origin, _unsupported_language(given_language or language, language))
        return

    published, date_problem = _normalise_date(fields.get("published") or "")
    if date_problem:
        yield IngestWarning(origin, date_problem)
    article_id = _one_line(_clean_text(fields.get("id") or "")) or (
        text_sha256(text)[:HASH_ID_LENGTH])
    yield Article(
        article_id=article_id,
        title=title,
        source=_one_line(fields.get("source") or ""),
        url=_one_line(fields.get("url") or ""),
        published=published,
        language=language,
        text=text,
        origin=origin,
    )


def _normalise_date(value: str) -> tuple[str, str]:
    """Return (ISO date or "", problem or "") for a publication date as files write it.

    Only dates with a day are accepted ("March 2024" is not turned into the 1st), and
    a numeric date whose day and month could be swapped is left empty, not guessed.
    """
    value = value.strip()
    if not value:
        return "", ""
    not_understood = f"published date '{_shorten(value)}' not understood; left empty"
    day: int | str | None = None
    if match := YEAR_MONTH_DAY.match(value):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    elif match := NUMERIC_DATE.match(value):
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        if first <= 12 and second <= 12 and first != second:
            return "", (
                f"published date '{_shorten(value)}' is ambiguous (day and month could be "
                "swapped); left empty"
            )
        day, month = (first, second) if first > 12 or first == second else (second, first)
    elif (match := DAY_MONTH_YEAR.match(value) or MONTH_DAY_YEAR.match(value)) and (
        match["month"].lower() in MONTHS
    ):
        year, month, day = int(match["year"]), MONTHS[match["month"].lower()], int(match["day"])
    else:
        try:
            parsed = email.utils.parsedate_to_datetime(value)  # RFC 2822, as in RSS feeds
        except (TypeError, ValueError, IndexError):
            return "", not_understood
        year, month, day = parsed.year, parsed.month, parsed.day
    try:
        return date(year, month, day).isoformat(), ""
    except ValueError:
        return "", not_understood



# Small helpers -------------------------------------------------------------------


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean_text(text: str) -> str:
    """Newlines as "\\n", control characters other than tab and newline dropped (NUL, escape,
    bell... spoil displays and CSV readers), form feeds and NEL as newlines, NFC."""
    text = _normalise_newlines(text)
    if CONTROL_CHARACTER.search(text):
        text = text.translate(CONTROL_TRANSLATION)
    return unicodedata.normalize("NFC", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = 80) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _format_size(n_bytes: int) -> str:
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f} kB"
    return f"{n_bytes} bytes"


def _too_large(size: int, limit: int) -> str:
    return f"{_format_size(size)} is over the {_format_size(limit)} limit per article"



def _unsupported_language(given: str, code: str) -> str:
    shown = f"'{code}'" if not given or given.lower() == code else f"'{given}' ({code})"
    return f"language {shown} is not supported ({', '.join(SUPPORTED_LANGUAGES)})"


def _os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
