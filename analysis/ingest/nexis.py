"""Nexis Uni (LexisNexis) exports, saved as DOCX or RTF: many articles, each ended by an
"End of Document" line.

The lines read, per article (a cover page with the search and a list of titles may come
before the first; it is skipped)::

    Title
    Source                          Le Courrier de l'Est
    Date                            lundi 19 janvier 2026 / January 19, 2026 Monday
    Copyright 2026 ...
    Section: POLITIQUE; Pg. 4
    Length: 612 words
    Byline: Author
    Body
    paragraph
    ...
    Classification                  (or Load-Date: ..., Graphic, Notes)
    ...
    End of Document

The date is the last line before the field lines ("Section:", "Length:", "Byline:") that
is a date and little else; the source is the line above it and the title the line above
that. The body runs from the "Body" line to the classification block. An article without a
"Body" line, a date, a source or a title is damaged.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from analysis.ingest.base import _format_size, _Refused
from analysis.ingest.exports import ExportRecord, body_of, find_date, is_notice, pattern, settings

EXPORT = "nexis"
# What a DOCX file may hold once unpacked: a few MB of compressed XML must not become
# gigabytes in memory (a "zip bomb" uploaded to a hosted dashboard).
MAX_DOCX_UNPACKED_BYTES = 200_000_000
# A date line holds the date and at most a weekday or a time beside it.
DATE_LINE_EXTRA_CHARS = 16


def looks_like(text: str) -> bool:
    """Whether the text of a DOCX, RTF or plain-text file is a Nexis Uni export."""
    lines = [line.strip() for line in text.splitlines()]
    return (any(pattern(EXPORT, "end_line").match(line) for line in lines)
            and any(pattern(EXPORT, "body_line").match(line) for line in lines))


def docx_text(data: bytes) -> str:
    """The paragraphs of a DOCX file, one a line (tables' cells too, row by row)."""
    import docx  # python-docx, only when a DOCX file is read

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise _Refused(f"a DOCX file that unpacks to {_format_size(unpacked)}, over the "
                       f"{_format_size(MAX_DOCX_UNPACKED_BYTES)} limit")
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def records(text: str) -> Iterator[ExportRecord]:
    """One record per article, in order: the lines up to each "End of Document"."""
    article: list[str] = []
    position = 0
    for line in text.splitlines():
        if pattern(EXPORT, "end_line").match(line.strip()):
            position += 1
            yield _record([" ".join(line.split()) for line in article], position)
            article = []
        else:
            article.append(line)
    if any(line.strip() for line in article):
        yield ExportRecord(position=position + 1,
                           problem="cut short: no \"End of Document\" line closes it")


def _record(lines: list[str], position: int) -> ExportRecord:
    body_start = next((index for index, line in enumerate(lines)
                       if pattern(EXPORT, "body_line").match(line)), None)
    if body_start is None:
        return ExportRecord(position=position, problem="no \"Body\" line before its text")
    fields_start = next((index for index, line in enumerate(lines[:body_start])
                         if pattern(EXPORT, "field_line").match(line)), body_start)
    header = [line for line in lines[:fields_start] if line and not is_notice(line, EXPORT)]
    dated = [index for index, line in enumerate(header) if _is_date_line(line)]
    date_index = dated[-1] if dated else None
    source = header[date_index - 1] if date_index is not None and date_index >= 1 else ""
    title = header[date_index - 2] if date_index is not None and date_index >= 2 else ""
    fields = {match[1].lower(): match[2].strip() for line in lines[fields_start:body_start]
              if (match := pattern(EXPORT, "field_line").match(line))}
    author = next((fields[name] for name in settings()[EXPORT]["byline_fields"]
                   if fields.get(name)), "")
    body_lines = lines[body_start + 1:]
    end = next((index for index, line in enumerate(body_lines)
                if pattern(EXPORT, "body_end").match(line)), len(body_lines))
    body = body_of(body_lines[:end], EXPORT)
    published = find_date(header[date_index]) if date_index is not None else ""
    missing = [name for name, value in (("title", title), ("source", source),
                                        ("date", published), ("body text", body)) if not value]
    return ExportRecord(position=position, title=title, source=source, published=published,
                        author=author, body=body,
                        problem=f"no {' and no '.join(missing)}" if missing else "")


def _is_date_line(line: str) -> bool:
    """A line that is a date, beside a weekday or a time at most; not a cover-page line
    such as "Date and Time: lundi 26 janvier 2026 10:12"."""
    found = find_date(line)
    return bool(found) and len(line) - len(found) <= DATE_LINE_EXTRA_CHARS
