"""Fetch the candidates a source lists, extract their articles and write the new ones.

Every candidate ends as one `Outcome`: collected (a new file), skipped (already in the
folder, listed twice, the same text as another article, or in a language the analysis
does not cover) or failed (the fetch guard, the site or the extraction said no; the
reason is kept). Failures are not remembered, so the next run tries them again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from analysis.collect.candidates import Candidate
from analysis.collect.extract import Collected, extract
from analysis.collect.fetch import Fetcher
from analysis.collect.guard import FetchError
from analysis.collect.writer import Collection, canonical_url
from analysis.lexicon import LANGUAGES

STATUSES = ("collected", "skipped", "failed")


@dataclass(frozen=True)
class Outcome:
    """What became of one candidate: its status, and the file written or the reason."""

    url: str
    status: str  # one of STATUSES
    detail: str  # the file for "collected", the reason otherwise

    def message(self) -> str:
        return f"{self.status}: {self.url}: {self.detail}"


@dataclass
class Summary:
    """Every outcome of a run, in the sources' order."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    def line(self) -> str:
        """"3 collected, 1 skipped, 2 failed"."""
        return ", ".join(f"{self.count(status)} {status}" for status in STATUSES)

    def reasons(self, status: str) -> Counter[str]:
        """How many candidates were skipped or failed for each reason."""
        return Counter(outcome.detail for outcome in self.outcomes if outcome.status == status)


def fetch_article(candidate: Candidate, *, fetcher: Fetcher) -> Collected:
    """Fetch and extract one candidate's article; raise `FetchError` saying why not."""
    page = fetcher.get(candidate.url)
    return extract(page, candidate)


def collect(candidates: Iterable[Candidate], *, fetcher: Fetcher, collection: Collection,
            progress: Callable[[Outcome], None] | None = None) -> Summary:
    """Collect every candidate into `collection`; `progress` hears of each outcome."""
    summary = Summary()
    listed: dict[str, str] = {}
    for candidate in candidates:
        outcome = _collect_one(candidate, fetcher=fetcher, collection=collection,
                               listed=listed)
        summary.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return summary


def _collect_one(candidate: Candidate, *, fetcher: Fetcher, collection: Collection,
                 listed: dict[str, str]) -> Outcome:
    shown = candidate.url or candidate.origin
    if not candidate.url:
        return Outcome(shown, "failed", f"{candidate.origin} has no link")
    canonical = canonical_url(candidate.url)
    if canonical in listed:
        return Outcome(shown, "skipped", f"listed twice (first as {listed[canonical]})")
    listed[canonical] = candidate.origin or candidate.url
    held = collection.holding(candidate.url)
    if held:
        return Outcome(shown, "skipped", f"already collected ({held})")
    try:
        article = fetch_article(candidate, fetcher=fetcher)
    except FetchError as error:
        return Outcome(shown, "failed", error.reason)
    return _keep(candidate, article, collection)


def _keep(candidate: Candidate, article: Collected, collection: Collection) -> Outcome:
    shown = candidate.url
    if article.language not in LANGUAGES:
        return Outcome(shown, "skipped", f"written in '{article.language}', which the "
                       f"analysis does not cover ({', '.join(LANGUAGES)})")
    held = collection.holding(article.url)
    if held:
        return Outcome(shown, "skipped", f"already collected ({held}, reached at {article.url})")
    same_text = collection.holding_text(article.text)
    if same_text:
        return Outcome(shown, "skipped", f"the same text as {same_text}")
    return Outcome(shown, "collected", collection.write(article, url=candidate.url))
