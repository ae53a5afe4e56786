"""What one visitor may add to a hosted dashboard: every limit in one place.

A hosted link is open to anyone, and every visitor's articles are analysed by the same
server (two cores, a few GB): these limits keep one visitor's uploads from taking the
memory or the CPU of the others. They are checked where the data arrives
(`ui.uploads.analyse_uploads`); each refusal is one line naming the file (and row) and the
limit it met. docs/security.md explains the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.ingest import MAX_ARTICLE_BYTES, Article
from analysis.tables import Tables

# Largest file read, in Streamlit's megabytes (MiB); a bigger one is refused in words on the
# page, as soon as it is dropped.
MAX_FILE_MB = 10
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
# Largest file the uploader sends to the server. It is above MAX_FILE_MB so that a file a
# little too large reaches the page and is refused there with its reason as text (the
# uploader's own refusal is a red mark, the reason only on hover). `server.maxUploadSize` in
# .streamlit/config.toml must hold the same number (a test checks it): the server refuses
# bigger requests before the app sees them.
TRANSFER_CAP_MB = 25
# Files taken in one click of "Analyse the files"; the others are named and skipped.
MAX_FILES_PER_BATCH = 20
# Largest single article (its text, title included, as UTF-8): about 30,000 words. The
# command line takes up to MAX_ARTICLE_BYTES (2 MB), but the pipeline holds all the
# 100,000-character chunks of one article together, and parsing one takes about 300 MB:
# here an article stays within two chunks.
MAX_ARTICLE_SIZE = min(200_000, MAX_ARTICLE_BYTES)
# What one browser session may hold, all uploads and pasted texts together. The analysis
# runs at roughly 600-1,800 words a second on one core, so the word limit bounds the CPU
# time one visitor takes to a few minutes.
MAX_SESSION_ARTICLES = 200
MAX_SESSION_WORDS = 150_000
# Longest text the "Paste a text" box takes, in characters (a pasted article above
# MAX_ARTICLE_SIZE is still refused, with a message).
MAX_PASTE_CHARS = 300_000


def words(article: Article) -> int:
    """Words of an article as the `n_words` column counts them."""
    return len(article.text.split())


def format_bytes(n_bytes: int) -> str:
    """A file size in Streamlit's units (1 MB = 1024 kB = 1024 * 1024 bytes), as its
    uploader states them: `10485760` -> "10 MB", `2_500` -> "2.44 kB"."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.3g} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.3g} kB"
    return f"{n_bytes} bytes"


def file_refusal(name: str, size: int, position: int) -> str | None:
    """Why a file is not read at all (too large, one too many), or None.

    `position` counts the files of the batch from 1.
    """
    if position > MAX_FILES_PER_BATCH:
        return (f"{name}: not read: at most {MAX_FILES_PER_BATCH} files at a time; "
                "add it in another batch")
    if size > MAX_FILE_BYTES:
        return (f"{name}: {format_bytes(size)} is over the {format_bytes(MAX_FILE_BYTES)} "
                "limit per file; split it into smaller files")
    return None


def batch_refusals(files: list[tuple[str, int]]) -> list[str]:
    """`file_refusal` of each (name, size) of a batch, in order, for the files refused."""
    refusals = (file_refusal(name, size, position)
                for position, (name, size) in enumerate(files, start=1))
    return [refusal for refusal in refusals if refusal]


@dataclass
class SessionBudget:
    """What a visitor's session may still take, spent article by article."""

    articles: int
    words: int

    @classmethod
    def left(cls, own: Tables | None) -> SessionBudget:
        """The budget left beside the articles the session already holds (`own`)."""
        if own is None or own.articles.empty:
            return cls(MAX_SESSION_ARTICLES, MAX_SESSION_WORDS)
        held_words = int(own.articles["n_words"].sum())
        return cls(max(0, MAX_SESSION_ARTICLES - len(own.articles)),
                   max(0, MAX_SESSION_WORDS - held_words))

    @property
    def full(self) -> bool:
        """No article can be added any more."""
        return self.articles <= 0 or self.words <= 0

    def take(self, article: Article) -> str | None:
        """Spend the budget on `article`, or say in one line why it does not fit."""
        if self.articles <= 0:
            return (f"{article.origin}: not added: a session holds at most "
                    f"{MAX_SESSION_ARTICLES} articles; remove some with “Remove my articles”")
        count = words(article)
        if count > self.words:
            return (f"{article.origin}: not added: its {count:,} words would take this "
                    f"session over its limit of {MAX_SESSION_WORDS:,} words "
                    f"({self.words:,} left)")
        self.articles -= 1
        self.words -= count
        return None

    def limit_reached(self) -> str:
        """The session limit that is reached: "200 articles" or "250,000 words"."""
        return (f"{MAX_SESSION_ARTICLES} articles" if self.articles <= 0
                else f"{MAX_SESSION_WORDS:,} words")

    def not_read(self, name: str, *, started: bool) -> str:
        """The line for a file, or the rest of one (`started`), left unread: the session is full.
        """
        what = "the rest of the file was not read" if started else "not read"
        return (f"{name}: {what}: this session holds the most it may ({self.limit_reached()}); "
                "remove some articles with “Remove my articles” to add others")
