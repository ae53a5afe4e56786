"""Turn a visitor's uploads and pasted texts into articles of their session, with progress.

Everything stays in memory and in the visitor's `st.session_state` (see `ui.data`): nothing
is written where another visitor could read it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from analysis.ingest import (
    SUPPORTED_LANGUAGES,
    Article,
    Duplicate,
    IngestError,
    Refusal,
    iter_upload,
    upload_basename,
)
from analysis.tables import Tables
from ui import limits
from ui.data import add_visitor_articles, visitor_tables
from ui.downloads import slug

UPLOAD_TYPES = ["txt", "md", "html", "htm", "csv", "jsonl", "ndjson", "rtf", "docx"]
UPLOAD_LABEL = (
    "Articles: .txt or .md (one article each, optional “title:”, “source:”, “published:” "
    "lines on top), .html (a saved web page), .csv or .jsonl (one article per row, with a "
    "“text” column), or a news-database export holding many articles: Europresse (.html), "
    "Factiva (.html, .rtf), Nexis Uni (.docx, .rtf)")
LANGUAGE_CHOICES = {"detect": "Detect it", "en": "English", "fr": "French"}
# Reading is quick and analysis slow: the bar gives reading this share of its length.
READING_SHARE = 0.2


@dataclass
class UploadReport:
    """What became of a batch of uploads: the tables added and every problem, per file."""

    added: Tables | None = None
    refusals: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    # An export's articles already read (from another export, or already in the session):
    # kept once, and only counted in the summary, each with the reason, not as errors.
    duplicates: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The line that says what the batch added: "Added 4 articles with 12 actors and 9
        claims; 1 duplicate kept once." (the words of a success, shown when any was added)."""
        added = 0 if self.added is None else len(self.added.articles)
        line = ""
        if added:
            line = (f"Added {added} article{'s' * (added != 1)} with "
                    f"{self.added.actors['actor'].nunique()} actors and "
                    f"{len(self.added.claims)} claims")
        if self.duplicates:
            count = len(self.duplicates)
            line += ("; " if line else "No new article: ") + (
                f"{count} duplicate{'s' * (count != 1)} of an article already read kept once")
        return line + "." if line else ""


def pasted_file(text: str, *, title: str, source: str, published: date | None,
                language: str) -> tuple[str, bytes]:
    """A pasted text and its details as a one-row JSONL upload, read like any other file."""
    row = {"id": slug(title).lower()[:60] or "pasted-text", "title": title.strip(),
           "source": source.strip(), "published": published.isoformat() if published else "",
           "text": text}
    if language in SUPPORTED_LANGUAGES:
        row["language"] = language
    return "pasted-text.jsonl", json.dumps(row, ensure_ascii=False).encode("utf-8")


def analyse_uploads(files: Sequence[tuple[str, bytes]], *,
                    language: str = "detect") -> UploadReport:
    """Read each file, analyse every article read, add them to this visitor's corpus.

    A file that cannot be read is reported in plain words and skipped; the others go on.
    The limits of `ui.limits` hold: a file too large or one too many is not read, and
    once the session holds as many articles or words as it may, the rest is refused.
    """
    report = UploadReport()
    forced = language if language in SUPPORTED_LANGUAGES else None
    own = visitor_tables()
    budget = limits.SessionBudget.left(own)
    seen_texts = held_texts(own)
    bar = st.progress(0.0, text="Reading the files…")
    articles: list[Article] = []
    for number, (name, data) in enumerate(files, start=1):
        shown = upload_basename(name)
        refused = limits.file_refusal(shown, len(data), number)
        if refused:
            report.refusals.append(refused)
        elif budget.full:
            report.refusals.append(budget.not_read(shown, started=False))
        else:
            articles += _read_within(shown, data, forced, budget, report, seen_texts)
        bar.progress(READING_SHARE * number / len(files), text=f"Read {shown}")
    if articles:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            bar.progress(READING_SHARE + (1 - READING_SHARE) * min(done, len(articles))
                         / len(articles), text=f"Analysed {done} of {len(articles)} articles")

        bar.progress(READING_SHARE, text=f"Analysing {len(articles)} articles…")
        addition = add_visitor_articles(articles, progress=advance)
        report.refusals += addition.failures
        report.added = addition.tables
        report.renamed = addition.renamed
    bar.empty()
    return report


def held_texts(own: Tables | None) -> dict[str, str]:
    """Digest of each text the session already holds -> the words naming its article, so
    that an export's article uploaded again is kept once."""
    if own is None or own.articles.empty:
        return {}
    return {digest: f"your article '{article_id}'" for digest, article_id
            in zip(own.articles["text_sha256"], own.articles["article_id"])}


def _read_within(name: str, data: bytes, language: str | None, budget: limits.SessionBudget,
                 report: UploadReport, seen_texts: dict[str, str] | None = None
                 ) -> list[Article]:
    """The articles of one file that fit the session's budget; the rest is reported.

    An export's articles count one by one: once the session holds as many as it may, the
    rest of the export is left unread and the line says so."""
    articles: list[Article] = []
    try:
        items = iter_upload(name, data, max_bytes=limits.MAX_ARTICLE_SIZE, language=language,
                            seen_texts=seen_texts)
    except IngestError as error:
        report.refusals.append(Refusal(name, str(error)).message())
        return articles
    for item in items:
        if isinstance(item, Article):
            problem = budget.take(item)
            if problem:
                report.refusals.append(problem)
            else:
                articles.append(item)
            if budget.full:
                if next(items, None) is not None:
                    report.refusals.append(budget.not_read(name, started=True))
                break
        elif isinstance(item, Duplicate):
            report.duplicates.append(item.message())
        elif isinstance(item, Refusal):
            report.refusals.append(item.message())
        else:
            report.warnings.append(item.message())
    return articles
