"""Text files (`.txt`, `.md`) and the decoding of bytes into text that every reader shares.

A text file holds one article: optional header lines (`title:`, `source:`, `url:`,
`published:`, `language:`), a blank line, then the body; without a `title:` line a short
first line that reads like a headline is the title. Bytes are decoded as UTF-16/32 with a
byte-order mark, UTF-8 (a BOM dropped), else cp1252; NUL bytes or a file made mostly of
control characters are refused as binary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from analysis.ingest.base import (
    HEADER_KEYS,
    Item,
    _build_article,
    _normalise_newlines,
    _Options,
    _Refused,
)

HEADER_PATTERN = re.compile(
    r"^\s*(" + "|".join(HEADER_KEYS) + r")\s*:\s*(.*?)\s*$", re.IGNORECASE
)
# A first line becomes the title only if it reads like a headline: short, and not
# ending the way a sentence or an introduction does.
TITLE_MAX_WORDS = 15
NOT_TITLE_ENDINGS = (".", ",", ";", ":", "…")
READ_CHUNK_BYTES = 1 << 20
# Real text holds almost no control characters; past this share it is binary data.
CONTROL_CHARACTER_LIMIT = 0.1
CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])


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

