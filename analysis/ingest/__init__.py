"""Read articles from files, folders and uploads into `Article` records.

Supported inputs: `.txt` and `.md` (one article each, optional header lines),
`.html`/`.htm` (main text and metadata through trafilatura), and `.csv`/`.jsonl`
(`.ndjson` too; one article per row). Nothing a user supplies raises: every problem becomes a
one-line `Refusal` (the file or row is skipped) or an `IngestWarning` (the
article is kept). Only unusable arguments, such as a path that does not exist,
raise `IngestError`.

Each article's `text` is the string every later character offset refers to: the
body with newlines normalised to "\\n", control characters other than tab and newline
removed, Unicode in NFC form, and the title in front of it when the title came from
metadata and the body does not already start with it. A text without a single letter or
digit is refused.

Article ids must be unique in one run: a repeated id (the same `id` twice in a
CSV, two files with the same stem in different folders, or the same text twice in
a file without ids) is refused, naming where the id was first read, rather than
renamed behind the user's back.
"""

from __future__ import annotations

import codecs
import csv
import email.utils
import hashlib
import io
import itertools
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from analysis.language import detect_language, normalise_language
from analysis.lexicon import LANGUAGES

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_LANGUAGES",
    "Article",
    "IngestError",
    "IngestWarning",
    "Refusal",
    "detect_language",
    "iter_paths",
    "iter_upload",
    "read_paths",
    "read_upload",
    "text_sha256",
    "upload_basename",
]

SUPPORTED_LANGUAGES = LANGUAGES  # the languages the rules and models cover
MAX_ARTICLE_BYTES = 2_000_000
# A web page carries markup, scripts and styles around its text: allow it this
# many times the per-article limit before refusing to parse it at all.
HTML_SIZE_FACTOR = 5

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
CSV_EXTENSIONS = (".csv",)
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + CSV_EXTENSIONS + JSONL_EXTENSIONS

HEADER_KEYS = ("title", "source", "url", "published", "language")
HEADER_PATTERN = re.compile(
    r"^\s*(" + "|".join(HEADER_KEYS) + r")\s*:\s*(.*?)\s*$", re.IGNORECASE
)
# Columns (CSV) and fields (JSONL) read from tables; only "text" is required.
TABLE_FIELDS = ("id",) + HEADER_KEYS + ("text",)

# A first line becomes the title only if it reads like a headline: short, and not
# ending the way a sentence or an introduction does.
TITLE_MAX_WORDS = 15
NOT_TITLE_ENDINGS = (".", ",", ";", ":", "…")

HASH_ID_LENGTH = 12
READ_CHUNK_BYTES = 1 << 20
# Real text holds almost no control characters; past this share it is binary data.
CONTROL_CHARACTER_LIMIT = 0.1
CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
# Raised once for all CSV reading: the default (128 kB) is below one long article.
CSV_FIELD_LIMIT = 2**31 - 1
CSV_DELIMITERS = (",", ";", "\t", "|")
# Control characters in article text: line-like ones become newlines, the others go.
CONTROL_TRANSLATION = {
    **{code: None for code in [*range(0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    0x0B: "\n", 0x0C: "\n", 0x85: "\n",
}
WORD_CHARACTER = re.compile(r"[^\W_]")

MONTHS = {
    "january": 1, "jan": 1, "janvier": 1, "janv": 1,
    "february": 2, "feb": 2, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7, "juil": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12, "déc": 12,
}
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


def iter_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    language: str | None = None,
) -> Iterator[Item]:
    """Yield articles, refusals and warnings from files and folders, one at a time.

    Folders are read recursively in sorted order, skipping hidden files and folders;
    CSV and JSONL files are read row by row, so a large corpus never sits in memory.
    `language` forces one language for every article instead of detecting it.
    Arguments are checked at once: a missing path raises `IngestError` here, not
    when iteration starts.
    """
    options = _Options.checked(max_bytes, language)
    roots = _checked_paths(paths)
    return _unique_ids(_iter_roots(roots, options))


def read_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    language: str | None = None,
) -> tuple[list[Article], list[Refusal], list[str]]:
    """Read files and folders; return the articles, the refusals and one-line warnings."""
    return _collect(iter_paths(paths, max_bytes=max_bytes, language=language))


def read_upload(
    name: str,
    data: bytes,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    language: str | None = None,
) -> tuple[list[Article], list[Refusal], list[str]]:
    """Read one uploaded file from memory; return articles, refusals and warnings.

    Nothing is written to disk and no path is built from `name`: only its last
    component is used, for the file type, the article id of a text file and messages.
    """
    return _collect(iter_upload(name, data, max_bytes=max_bytes, language=language))


def iter_upload(
    name: str,
    data: bytes,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    language: str | None = None,
) -> Iterator[Item]:
    """Yield the articles, refusals and warnings of one uploaded file, one at a time.

    The lazy form of `read_upload`: a caller with a budget (the dashboard's per-session
    limits) can stop after the articles it can take, without reading the other rows of a
    large CSV or JSONL file. Arguments are checked at once, as in `iter_paths`.
    """
    options = _Options.checked(max_bytes, language)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise IngestError(f"upload data must be bytes, not {type(data).__name__}")
    basename = upload_basename(name)
    stem, dot, extension = basename.rpartition(".")
    if not dot:
        stem, extension = basename, ""
    items = _guarded(
        _parse_bytes("." + extension.lower(), bytes(data), basename, stem, options), basename
    )
    return _unique_ids(items)


def upload_basename(name: object) -> str:
    """The last component of an uploaded file's name, the only part ever used.

    "../../evil.txt" gives "evil.txt" and "C:\\notes\\a.md" gives "a.md"; it names the
    file in messages and gives a text file's article id, never a path on disk.
    """
    return re.split(r"[\\/]", str(name))[-1] or "upload"


# Walking the inputs ----------------------------------------------------------------


def _checked_paths(paths: object) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    try:
        candidates = list(paths)  # type: ignore[call-overload]
    except TypeError:
        raise IngestError(
            f"expected a path or a list of paths, not {type(paths).__name__}"
        ) from None
    roots = []
    for candidate in candidates:
        if not isinstance(candidate, (str, os.PathLike)):
            raise IngestError(f"expected a path, not {type(candidate).__name__}")
        path = Path(candidate)
        if not path.exists():
            raise IngestError(f"{path}: no such file or folder")
        roots.append(path)
    return roots


def _iter_roots(roots: list[Path], options: _Options) -> Iterator[Item]:
    for root in roots:
        for entry in _walk(root):
            if isinstance(entry, Refusal):
                yield entry
            else:
                yield from _guarded(_read_file(entry, options), str(entry))


def _walk(path: Path) -> Iterator[Path | Refusal]:
    """Yield the files under `path` in sorted order, skipping hidden names."""
    if not path.is_dir():
        yield path
        return
    try:
        with os.scandir(path) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Refusal(str(path), f"could not list the folder ({_os_reason(error)})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = path / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(child)
        elif entry.is_symlink() and entry.is_dir():
            # Not followed: a link back up the tree would never end.
            yield Refusal(str(child), "link to a folder, not followed")
        else:
            yield child


def _read_file(path: Path, options: _Options) -> Iterator[Item]:
    """Read one file from disk; CSV and JSONL are streamed, other types read whole."""
    origin = str(path)
    extension = path.suffix.lower()
    if extension not in EXTENSIONS:
        raise _Refused(_unknown_extension(extension))
    if not path.is_file():
        raise _Refused("not a regular file")
    if extension in CSV_EXTENSIONS + JSONL_EXTENSIONS:
        encoding = _sniff_encoding(path)
        if encoding == "cp1252":
            yield IngestWarning(origin, "decoded as cp1252, not UTF-8")
        with open(path, encoding=encoding, newline="") as stream:
            yield from _parse_stream(extension, stream, origin, options)
        return
    _check_file_size(extension, path.stat().st_size, options)
    yield from _parse_bytes(extension, path.read_bytes(), origin, path.stem, options)


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """Turn any failure while reading one file into a refusal of (the rest of) it."""
    try:
        yield from items
    except _Refused as refused:
        yield Refusal(origin, refused.reason)
    except OSError as error:
        yield Refusal(origin, f"could not be read ({_os_reason(error)})")
    # The boundary: whatever a malformed file triggers must become a message, never a traceback.
    except Exception as error:  # noqa: BLE001
        yield Refusal(origin, f"could not be read ({type(error).__name__}: {error})")


def _unique_ids(items: Iterator[Item]) -> Iterator[Item]:
    first_origin: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            if item.article_id in first_origin:
                yield Refusal(
                    item.origin,
                    f"duplicate article id '{item.article_id}' "
                    f"(already read from {first_origin[item.article_id]})",
                )
                continue
            first_origin[item.article_id] = item.origin
        yield item


def _collect(items: Iterator[Item]) -> tuple[list[Article], list[Refusal], list[str]]:
    articles, refusals, warnings = [], [], []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Refusal):
            refusals.append(item)
        else:
            warnings.append(item.message())
    return articles, refusals, warnings


# Bytes to text -------------------------------------------------------------------


def _check_file_size(extension: str, size: int, options: _Options) -> None:
    if extension in HTML_EXTENSIONS:
        limit = options.max_bytes * HTML_SIZE_FACTOR
        if size > limit:
            raise _Refused(
                f"{_format_size(size)} of HTML is over the {_format_size(limit)} limit per page"
            )
    elif extension in TEXT_EXTENSIONS and size > options.max_bytes:
        raise _Refused(_too_large(size, options.max_bytes))


def _check_binary(data: bytes, *, table: bool = False) -> None:
    """Refuse data that is not text: NUL bytes, or mostly control characters.

    In a table (CSV, JSONL) a few NUL bytes only spoil their own row, which is refused
    alone; only a file made mostly of control characters is refused whole.
    """
    if not table and b"\x00" in data:
        raise _Refused("binary file, not text (it contains NUL bytes)")
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if data and controls / len(data) > CONTROL_CHARACTER_LIMIT:
        raise _Refused("binary file, not text (mostly control characters)")


def _wide_encoding(head: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec when the data opens with its byte-order mark, else None.

    Spreadsheet programs save "Unicode text" as UTF-16 with a mark, full of NUL bytes.
    """
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _decode(data: bytes, *, table: bool = False) -> tuple[str, bool]:
    """Decode UTF-16/32 with a BOM, UTF-8 (dropping a BOM), else cp1252; return the text
    and whether it was cp1252."""
    if not data.strip():
        raise _Refused("empty")
    wide = _wide_encoding(data[:4])
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            raise _Refused(f"not valid {wide.upper()} text") from None
        if not text.strip():
            raise _Refused("empty")
        return text, False
    _check_binary(data, table=table)
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        raise _Refused("not valid UTF-8 or cp1252 text") from None


def _sniff_encoding(path: Path) -> str:
    """Choose the encoding of a table too large to hold, reading it once in chunks."""
    with open(path, "rb") as stream:
        wide = _wide_encoding(stream.read(4))
    if wide:
        return wide
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = cp1252_ok = True
    any_text = False
    with open(path, "rb") as stream:
        while chunk := stream.read(READ_CHUNK_BYTES):
            _check_binary(chunk, table=True)
            any_text = any_text or bool(chunk.strip())
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if cp1252_ok:
                try:
                    chunk.decode("cp1252")
                except UnicodeDecodeError:
                    cp1252_ok = False
    if not any_text:
        raise _Refused("empty")
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    if cp1252_ok:
        return "cp1252"
    raise _Refused("not valid UTF-8 or cp1252 text")


# Parsing by file type ------------------------------------------------------------


def _parse_bytes(
    extension: str, data: bytes, origin: str, stem: str, options: _Options
) -> Iterator[Item]:
    """Parse one file's content held in memory (a file read whole, or an upload)."""
    if extension not in EXTENSIONS:
        raise _Refused(_unknown_extension(extension))
    _check_file_size(extension, len(data), options)
    if extension in HTML_EXTENSIONS:
        yield from _parse_html(data, origin, stem, options)
        return
    text, is_cp1252 = _decode(data, table=extension not in TEXT_EXTENSIONS)
    if is_cp1252:
        yield IngestWarning(origin, "decoded as cp1252, not UTF-8")
    if extension in TEXT_EXTENSIONS:
        yield from _parse_text(text, origin, stem, options)
    else:
        yield from _parse_stream(extension, io.StringIO(text, newline=""), origin, options)


def _parse_stream(extension: str, stream: TextIO, origin: str, options: _Options) -> Iterator[Item]:
    if extension in CSV_EXTENSIONS:
        yield from _parse_csv(stream, origin, options)
    else:
        yield from _parse_jsonl(stream, origin, options)


def _parse_text(text: str, origin: str, stem: str, options: _Options) -> Iterator[Item]:
    """A text file: header lines, then the body; a short first line may be the title."""
    lines = _normalise_newlines(text).split("\n")
    headers: dict[str, str] = {}
    position = 0
    while position < len(lines) and (match := HEADER_PATTERN.match(lines[position])):
        headers[match[1].lower()] = match[2]
        position += 1
    while position < len(lines) and not lines[position].strip():
        position += 1
    body = "\n".join(lines[position:])
    title = headers.get("title")
    title_in_body = title is None
    if title_in_body:
        title = _first_line_title(body)
    yield from _build_article(
        {**headers, "id": stem, "title": title, "text": body}, origin, options,
        title_in_body=title_in_body,
    )


def _first_line_title(body: str) -> str:
    """Return the first line as a title when it reads like a headline, else ""."""
    first, _, rest = body.partition("\n")
    candidate = first.strip().lstrip("#").strip()  # a Markdown heading's marks
    if not candidate or not rest.strip():
        return ""
    if len(candidate.split()) > TITLE_MAX_WORDS or candidate.endswith(NOT_TITLE_ENDINGS):
        return ""
    return candidate


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


def _parse_csv(stream: TextIO, origin: str, options: _Options) -> Iterator[Item]:
    """A CSV file: one article per row, found by header names (case-insensitive).

    The reader is strict, so a malformed row (a quote followed by more text, `"x"y`) is
    refused alone, naming its line, and reading goes on with the next line, instead of
    being silently glued into a neighbour. A quote that is never closed swallows the
    rest of the file: that is refused with the line where it opened.
    """
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    header_line = stream.readline()
    delimiter = _guess_delimiter(header_line)
    reader = csv.reader(itertools.chain([header_line], stream), delimiter=delimiter, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise _Refused(f"line 1: malformed CSV header ({error})") from None
    columns = [name.strip().lower() for name in header]
    if "text" not in columns:
        found = ", ".join(name for name in columns if name) or "none"
        hint = ("; columns must be separated by commas, semicolons, tabs or '|'"
                if len(columns) == 1 else "")
        raise _Refused(f"no 'text' column (columns found: {_shorten(found)}{hint})")
    text_position = columns.index("text")
    n_rows = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            n_rows += 1
            if reader.line_num > line and str(error) == "unexpected end of data":
                yield Refusal(f"{origin}:{line}", f"a quote opened on line {line} is never "
                              f"closed, so lines {line}-{reader.line_num} were not read")
                break
            spanned = (f"lines {line}-{reader.line_num}" if reader.line_num > line
                       else "the row")
            yield Refusal(f"{origin}:{line}", f"malformed CSV ({error}); {spanned} skipped")
            continue
        if row is None:
            break
        if not any(value.strip() for value in row):
            continue
        n_rows += 1
        if len(row) <= text_position:
            yield Refusal(f"{origin}:{line}", f"no text: the row has {len(row)} of the "
                          f"{len(columns)} columns of the header")
            continue
        fields: dict[str, str] = {}
        for name, value in zip(columns, row):
            fields.setdefault(name, value)
        yield from _build_article(fields, f"{origin}:{line}", options, from_table=True)
    if n_rows == 0:
        raise _Refused("empty (a header but no rows)")


def _guess_delimiter(header_line: str) -> str:
    """Comma, semicolon (French spreadsheets), tab or '|': whichever the header uses most."""
    return max(CSV_DELIMITERS, key=header_line.count)


def _parse_jsonl(stream: TextIO, origin: str, options: _Options) -> Iterator[Item]:
    """A JSONL file: one JSON object per line; a bad line is refused alone."""
    n_rows = 0
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        n_rows += 1
        line_origin = f"{origin}:{line_number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            yield Refusal(line_origin, "not valid JSON")
            continue
        if not isinstance(record, dict):
            yield Refusal(line_origin, "not a JSON object")
            continue
        record = {str(key).strip().lower(): value for key, value in record.items()}
        if not isinstance(record.get("text"), str):
            reason = "no 'text' field" if record.get("text") is None else "'text' is not a string"
            yield Refusal(line_origin, reason)
            continue
        fields = {
            name: "" if record.get(name) is None else str(record[name]) for name in TABLE_FIELDS
        }
        yield from _build_article(fields, line_origin, options, from_table=True)
    if n_rows == 0:
        raise _Refused("empty")


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
    text = _normalise_newlines(text).translate(CONTROL_TRANSLATION)
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


def _unknown_extension(extension: str) -> str:
    expected = ", ".join(EXTENSIONS)
    if extension in ("", "."):
        return f"no file extension, so the file type is unknown (expected {expected})"
    return f"unknown file type '{extension}' (expected {expected})"


def _unsupported_language(given: str, code: str) -> str:
    shown = f"'{code}'" if not given or given.lower() == code else f"'{given}' ({code})"
    return f"language {shown} is not supported ({', '.join(SUPPORTED_LANGUAGES)})"


def _os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
