"""Read articles from files, folders and uploads into `Article` records.

One module per input format: `text` (.txt, .md), `html` (a web page), `tables` (.csv,
.jsonl), and the news-database exports `europresse`, `factiva` and `nexis`, which `detect`
tells apart by their content; `base` holds the records and the checks every reader shares,
`exports` what the export readers share. This module walks the inputs and sends each file
to its reader.

Supported inputs: `.txt` and `.md` (one article each, optional header lines),
`.html`/`.htm` (main text and metadata through trafilatura), `.csv`/`.jsonl`
(`.ndjson` too; one article per row), and exports of many articles: Europresse HTML,
Factiva HTML or RTF, Nexis Uni DOCX or RTF. Nothing a user supplies raises: every problem becomes a
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
renamed behind the user's back. An export's article gets its id from its source, date
and title; one whose text was already read from an export comes as a `Duplicate` (a
`Refusal` a summary counts apart): an article found by two searches is kept once.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from analysis.ingest import detect, europresse, factiva, nexis
from analysis.ingest.base import (
    MAX_ARTICLE_BYTES,
    SUPPORTED_LANGUAGES,
    Article,
    Duplicate,
    IngestError,
    IngestWarning,
    Item,
    Refusal,
    _format_size,
    _Options,
    _os_reason,
    _Refused,
    _too_large,
    detect_language,
    text_sha256,
)
from analysis.ingest.exports import Exported, ExportRecord, export_items
from analysis.ingest.html import _parse_html
from analysis.ingest.tables import _parse_csv, _parse_jsonl
from analysis.ingest.text import _decode, _parse_text, _sniff_encoding

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_LANGUAGES",
    "Article",
    "Duplicate",
    "IngestError",
    "IngestWarning",
    "Refusal",
    "detect_language",
    "iter_paths",
    "iter_upload",
    "may_hold_many",
    "read_paths",
    "read_upload",
    "text_sha256",
    "upload_basename",
]

# A web page carries markup, scripts and styles around its text: allow it this
# many times the per-article limit before refusing to parse it at all.
HTML_SIZE_FACTOR = 5

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
CSV_EXTENSIONS = (".csv",)
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
# Files that only news-database exports come as (see analysis.ingest.detect).
EXPORT_EXTENSIONS = (".rtf", ".docx")
EXTENSIONS = (TEXT_EXTENSIONS + HTML_EXTENSIONS + CSV_EXTENSIONS + JSONL_EXTENSIONS
              + EXPORT_EXTENSIONS)
# An export holds many articles: the largest read, whole, in memory.
MAX_EXPORT_BYTES = 100_000_000


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
    seen_texts: dict[str, str] | None = None,
) -> Iterator[Item]:
    """Yield the articles, refusals and warnings of one uploaded file, one at a time.

    The lazy form of `read_upload`: a caller with a budget (the dashboard's per-session
    limits) can stop after the articles it can take, without reading the other rows of a
    large CSV or JSONL file. Arguments are checked at once, as in `iter_paths`.
    `seen_texts` (digest of a text -> where it was read), shared by the calls of one batch,
    keeps an article found in several exports once: the repeats come as `Duplicate`s.
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
    return _unique_ids(items, seen_texts)


def may_hold_many(path: str | os.PathLike[str]) -> bool:
    """Whether a file may hold many articles (a table or an export), read from its name
    and first bytes only: a progress bar cannot count its articles in advance."""
    path = Path(path)
    extension = path.suffix.lower()
    if extension in CSV_EXTENSIONS + JSONL_EXTENSIONS + EXPORT_EXTENSIONS:
        return True
    try:
        with open(path, "rb") as stream:
            return detect.may_be_export(stream.read(detect.HEAD_BYTES), extension)
    except OSError:
        return False


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
    with open(path, "rb") as stream:
        head = stream.read(detect.HEAD_BYTES)
    _check_file_size(extension, path.stat().st_size, options,
                     export=detect.may_be_export(head, extension))
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


def _unique_ids(items: Iterator[Item | Exported],
                seen_texts: dict[str, str] | None = None) -> Iterator[Item]:
    """Refuse an article whose id was read before; keep once an export's article whose text
    was read before from an export (`seen_texts`: digest of its text -> where it was read,
    shared and updated across calls when given), yielding a `Duplicate` for the others."""
    first_origin: dict[str, str] = {}
    seen_texts = {} if seen_texts is None else seen_texts
    for item in items:
        if isinstance(item, Exported):
            item = item.article
            digest = text_sha256(item.text)
            if digest in seen_texts:
                yield Duplicate(item.origin, f"the same text as {seen_texts[digest]}; kept once")
                continue
            seen_texts[digest] = f"'{item.article_id}' ({item.origin})"
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



def _check_file_size(extension: str, size: int, options: _Options, *,
                     export: bool = False) -> None:
    """Refuse a file too large to read; an export (`export`) may hold many articles."""
    if export:
        if size > MAX_EXPORT_BYTES:
            raise _Refused(f"{_format_size(size)} is over the {_format_size(MAX_EXPORT_BYTES)} "
                           "limit per export file; export fewer articles per file")
    elif extension in HTML_EXTENSIONS:
        limit = options.max_bytes * HTML_SIZE_FACTOR
        if size > limit:
            raise _Refused(
                f"{_format_size(size)} of HTML is over the {_format_size(limit)} limit per page"
            )
    elif extension in TEXT_EXTENSIONS and size > options.max_bytes:
        raise _Refused(_too_large(size, options.max_bytes))



# Parsing by file type ------------------------------------------------------------


def _parse_bytes(
    extension: str, data: bytes, origin: str, stem: str, options: _Options
) -> Iterator[Item | Exported]:
    """Parse one file's content held in memory (a file read whole, or an upload).

    The content decides before the extension: a DOCX or RTF file, or a text or page
    bearing an export's marks, goes to the reader of its export."""
    if extension not in EXTENSIONS:
        raise _Refused(_unknown_extension(extension))
    may_be_export = detect.may_be_export(data[:detect.HEAD_BYTES], extension)
    _check_file_size(extension, len(data), options, export=may_be_export)
    if may_be_export:
        handled = yield from _parse_export(extension, data, origin, options)
        if handled:
            return
        _check_file_size(extension, len(data), options)  # a page or text after all
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


def _parse_export(extension: str, data: bytes, origin: str,
                  options: _Options) -> Iterator[Item | Exported]:
    """Read `data` as the export its content shows; return False (having yielded nothing)
    when it is a plain page or text after all."""
    kind = detect.container(data)
    if kind == "zip":
        raise _Refused(f"a ZIP archive that is not a DOCX file ({_supported_exports()})")
    if kind or extension in EXPORT_EXTENSIONS:
        if kind == "docx":
            text = nexis.docx_text(data)
        elif kind == "rtf":
            text = _rtf_text(data)
        else:
            raise _Refused(f"not a {extension[1:].upper()} file, whatever its name says "
                           f"({_supported_exports()})")
        markup = False
    else:
        text, is_cp1252 = _decode(data)
        if is_cp1252:
            yield IngestWarning(origin, "decoded as cp1252, not UTF-8")
        markup = detect.is_markup(text)
    export = detect.export_of(text, markup=markup)
    if export is None:
        if kind:
            raise _Refused(f"not an export this project reads ({_supported_exports()})")
        if detect.looks_like_many(text):
            raise _Refused("holds several articles but is not an export this project reads "
                           f"({_supported_exports()})")
        return False
    yield from export_items(_export_records(export, text), origin, options,
                            export=export.split("-")[0])
    return True


def _export_records(export: str, text: str) -> Iterator[ExportRecord]:
    if export == detect.EUROPRESSE:
        return europresse.records(text)
    if export == detect.FACTIVA_HTML:
        return factiva.html_records(text)
    if export == detect.FACTIVA_TEXT:
        return factiva.text_records(text)
    return nexis.records(text)


def _rtf_text(data: bytes) -> str:
    """The text of an RTF file (its escapes give the accents; the bytes are ASCII)."""
    from striprtf.striprtf import rtf_to_text

    return rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace")


def _supported_exports() -> str:
    return f"supported exports: {detect.supported()}"


def _parse_stream(extension: str, stream: TextIO, origin: str, options: _Options) -> Iterator[Item]:
    if extension in CSV_EXTENSIONS:
        yield from _parse_csv(stream, origin, options)
    else:
        yield from _parse_jsonl(stream, origin, options)



def _unknown_extension(extension: str) -> str:
    expected = ", ".join(EXTENSIONS)
    if extension in ("", "."):
        return f"no file extension, so the file type is unknown (expected {expected})"
    return f"unknown file type '{extension}' (expected {expected})"

