"""Collected articles on disk: one `.md` file each, named from its URL, and a manifest.

Each file opens with the header lines `analysis.ingest` reads from a `.md` file (`title`,
`source`, `url`, `published`, `language`; a line only when there is a value), a blank line,
then the text, so `python -m analysis build FOLDER` reads it as it is. The file name comes
from the URL alone (host, path words, a hash), so the same article always lands in the same
file and its stem, the article id, stays the same from run to run.

The manifest `.collected.jsonl` (hidden, so `build` skips it) records every article
written: the URL asked for, the URL it came from after redirects, the file and the digest
of its text. A URL is skipped when it or its redirect target is already in the folder; an
article whose text is already there under another URL is skipped too. Delete a file to
collect its URL again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from analysis.collect.extract import Collected
from analysis.collect.guard import DEFAULT_PORTS

MANIFEST_NAME = ".collected.jsonl"
HASH_LENGTH = 10
SLUG_LENGTH = 60
# Query parameters that only track where a visitor came from: the same article with or
# without them is one article.
TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|xtor)$", re.I)


def canonical_url(url: str) -> str:
    """The form of `url` that identifies an article: scheme and host in lower case, no
    default port, no fragment, no tracking parameters. Anything unparsable comes back
    stripped, as it was given."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode([(key, value) for key, value in parse_qsl(parts.query, True)
                       if not TRACKING_PARAMETERS.match(key)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def file_name(url: str) -> str:
    """A stable, readable file name for the article at `url`:
    "news.example.org-2026-01-nato-exit-3f2a9c01b4.md"."""
    canonical = canonical_url(url)
    parts = urlsplit(canonical)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    host = _slug(parts.hostname or "", keep=".")
    words = _slug(parts.path)[-SLUG_LENGTH:].strip("-")
    return "-".join(part for part in (host, words, digest) if part) + ".md"


def markdown(article: Collected) -> str:
    """The file's text: header lines, a blank line, the article's text."""
    headers = [("title", article.title), ("source", article.source), ("url", article.url),
               ("published", article.published), ("language", article.language)]
    lines = [f"{key}: {' '.join(value.split())}" for key, value in headers if value.strip()]
    return "\n".join(lines) + "\n\n" + article.text.strip() + "\n"


def text_digest(text: str) -> str:
    """SHA-256 of the text with its whitespace collapsed: the same article twice is one."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One line of the manifest."""

    url: str
    final_url: str
    file: str
    text_sha256: str


class Collection:
    """The out folder: what it holds already, and the writing of new articles."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest = self.folder / MANIFEST_NAME
        self._by_url: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        for entry in self._entries():
            self._remember(entry)

    def holding(self, url: str) -> str | None:
        """The file that already holds the article at `url` (asked for, or reached by a
        redirect), or None."""
        canonical = canonical_url(url)
        known = self._by_url.get(canonical)
        if known and (self.folder / known).exists():
            return known
        name = file_name(canonical)
        return name if (self.folder / name).exists() else None

    def holding_text(self, text: str) -> str | None:
        """The file that already holds this text under another URL, or None."""
        known = self._by_text.get(text_digest(text))
        return known if known and (self.folder / known).exists() else None

    def write(self, article: Collected, *, url: str) -> str:
        """Write `article`, asked for at `url`, into its file (atomically) and the manifest;
        return the file name."""
        name = file_name(url)
        path = self.folder / name
        temporary = self.folder / f".{name}.part"
        temporary.write_text(markdown(replace(article, url=canonical_url(article.url))),
                             encoding="utf-8")
        os.replace(temporary, path)
        entry = Entry(url=canonical_url(url), final_url=canonical_url(article.url), file=name,
                      text_sha256=text_digest(article.text))
        with open(self.manifest, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry.__dict__, ensure_ascii=False) + "\n")
        self._remember(entry)
        return name

    def _remember(self, entry: Entry) -> None:
        self._by_url[entry.url] = entry.file
        self._by_url.setdefault(entry.final_url, entry.file)
        self._by_text.setdefault(entry.text_sha256, entry.file)

    def _entries(self) -> list[Entry]:
        """The manifest's entries; a line a crash cut short is left out."""
        if not self.manifest.exists():
            return []
        entries = []
        for line in self.manifest.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
                entries.append(Entry(**{key: str(record[key]) for key in Entry.__annotations__}))
            except (ValueError, KeyError, TypeError):
                continue
        return entries


def _slug(text: str, *, keep: str = "") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(rf"[^a-z0-9{re.escape(keep)}]+", "-", ascii_text.lower()).strip("-")
