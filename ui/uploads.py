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

from analysis.ingest import Article, IngestError, Refusal, read_upload
from analysis.tables import Tables
from ui.data import add_visitor_articles
from ui.downloads import slug

UPLOAD_TYPES = ["txt", "md", "html", "htm", "csv", "jsonl", "ndjson"]
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


def pasted_file(text: str, *, title: str, source: str, published: date | None,
                language: str) -> tuple[str, bytes]:
    """A pasted text and its details as a one-row JSONL upload, read like any other file."""
    row = {"id": slug(title).lower()[:60] or "pasted-text", "title": title.strip(),
           "source": source.strip(), "published": published.isoformat() if published else "",
           "text": text}
    if language in ("en", "fr"):
        row["language"] = language
    return "pasted-text.jsonl", json.dumps(row, ensure_ascii=False).encode("utf-8")


def analyse_uploads(files: Sequence[tuple[str, bytes]], *,
                    language: str = "detect") -> UploadReport:
    """Read each file, analyse every article read, add them to this visitor's corpus.

    A file that cannot be read is reported in plain words and skipped; the others go on.
    """
    report = UploadReport()
    forced = language if language in ("en", "fr") else None
    bar = st.progress(0.0, text="Reading the files…")
    articles: list[Article] = []
    for number, (name, data) in enumerate(files, start=1):
        try:
            found, refusals, warnings = read_upload(name, data, language=forced)
        except IngestError as error:
            found, refusals, warnings = [], [Refusal(name, str(error))], []
        articles += found
        report.refusals += [refusal.message() for refusal in refusals]
        report.warnings += warnings
        bar.progress(READING_SHARE * number / len(files), text=f"Read {name}")
    if articles:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            bar.progress(READING_SHARE + (1 - READING_SHARE) * done / len(articles),
                         text=f"Analysed {done} of {len(articles)} articles")

        bar.progress(READING_SHARE, text=f"Analysing {len(articles)} articles…")
        report.added = add_visitor_articles(articles, progress=advance)
        report.renamed = {
            before.article_id: after
            for before, after in zip(articles, report.added.articles["article_id"], strict=True)
            if before.article_id != after
        }
    bar.empty()
    return report
