"""Which news-database export a file is, read from its content, not only its name.

Checked in this order: a ZIP container holding `word/document.xml` is a DOCX file and a file
opening with `{\\rtf` is RTF, whatever its extension; their text, like that of HTML and plain
text, is then recognised by the marks each export leaves: Europresse's `DocPublicationName`
and `docOcurrContainer` classes, Factiva's headline and `articleParagraph` classes or its
word-count and "Document <number>" lines, Nexis Uni's "Body" and "End of Document" lines.
A DOCX or RTF file that is none of them is refused, naming the formats supported: this
project reads those files only as exports. So is a page or text that no reader recognised
but that shows the separators of several articles, rather than read as one long article.
"""

from __future__ import annotations

import io
import re
import zipfile

from analysis.ingest import europresse, factiva, nexis
from analysis.ingest.exports import settings

# Enough of a file to see an export's marks: its first article, header included.
HEAD_BYTES = 256 * 1024
ZIP_MAGIC = b"PK\x03\x04"
RTF_MAGIC = b"{\\rtf"
DOCX_PART = "word/document.xml"
CONTAINER_EXTENSIONS = (".docx", ".rtf")
HEAD_MARKS = (b"DocPublicationName", b"docOcurrContainer", b"articleParagraph",
              b"End of Document", b"Fin du document")
# Spaces, not \s: \s would run over the newlines of every following line, from each line.
FACTIVA_DOCUMENT = re.compile(
    rb"^[ \t]*(Document|Dokument|Documento)[ \t]+[A-Za-z0-9]{16,}[ \t\r]*$", re.MULTILINE)
NEXIS_END = re.compile(rb"^[ \t]*(End of Document|Fin du document)[ \t\r]*$", re.MULTILINE)
EUROPRESSE, FACTIVA_HTML, FACTIVA_TEXT, NEXIS_TEXT = (
    "europresse", "factiva-html", "factiva-text", "nexis-text")


def supported() -> str:
    """The exports read, for messages: "Europresse HTML (.html), Factiva HTML or RTF ..."."""
    return settings()["detect"]["names"]


def container(data: bytes) -> str:
    """"docx", "zip" (another ZIP file), "rtf", or "" for a file that is neither."""
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if DOCX_PART in archive.namelist() else "zip"
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(RTF_MAGIC):
        return "rtf"
    return ""


def may_be_export(head: bytes, extension: str) -> bool:
    """Whether a file may be an export, from its first bytes and extension: such a file may
    be larger than one article or page, because it holds many."""
    return (extension in CONTAINER_EXTENSIONS or bool(container(head[:8]))
            or any(mark in head for mark in HEAD_MARKS) or bool(FACTIVA_DOCUMENT.search(head)))


def export_of(text: str, *, markup: bool) -> str | None:
    """The export a decoded file is (`markup`: it is HTML), or None when it is none."""
    if markup:
        if europresse.looks_like(text):
            return EUROPRESSE
        if factiva.looks_like_html(text):
            return FACTIVA_HTML
        return None
    if nexis.looks_like(text):
        return NEXIS_TEXT
    if factiva.looks_like_text(text):
        return FACTIVA_TEXT
    return None


def looks_like_many(text: str) -> bool:
    """Whether a text no reader recognised still shows the separators of several exported
    articles: two "End of Document" or "Document <number>" lines, or two Europresse
    publication names. Read as one article, it would glue them together."""
    data = text.encode("utf-8", errors="replace")
    return (len(NEXIS_END.findall(data)) >= 2 or len(FACTIVA_DOCUMENT.findall(data)) >= 2
            or data.count(b"DocPublicationName") >= 2)


def is_markup(text: str) -> bool:
    """Whether a decoded text is HTML rather than plain text (an export saved as .txt)."""
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml", "<article", "<div", "<body"))
