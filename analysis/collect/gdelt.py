"""The GDELT DOC 2.0 API in article-list mode: the URLs of news articles matching a query.

One request: `mode=ArtList`, `format=json`, the query (with `sourcelang:` for the
languages asked for), `startdatetime`/`enddatetime` as YYYYMMDDHHMMSS (UTC) and
`maxrecords` (at most 250, the API's ceiling). The answer is `{"articles": [...]}` with
`url`, `title`, `seendate` (YYYYMMDDTHHMMSSZ), `domain`, `language` and
`sourcecountry` per article, `{}` when nothing matches, or a plain-text message when the
query is refused. The API covers recent months; an older period gives few or no articles.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode

from analysis.collect.candidates import Candidate, SourceError
from analysis.collect.fetch import Fetcher
from analysis.collect.guard import FetchError

GDELT_API = "https://api.gdeltproject.org/api/v2/doc/doc"
MAX_RECORDS = 250
# What `sourcelang:` expects for each language the analysis covers.
SOURCE_LANGUAGES = {"en": "english", "fr": "french"}
JSON_TYPES = ("application/json", "text/json")
MESSAGE_TYPES = ("text/html", "text/plain")


def request_url(query: str, *, since: date | None = None, until: date | None = None,
                languages: tuple[str, ...] = (), max_records: int = MAX_RECORDS,
                endpoint: str = GDELT_API) -> str:
    """The API URL for `query` over the days `since` to `until` (both included)."""
    if not query.strip():
        raise SourceError("the GDELT query is empty")
    unknown = [code for code in languages if code not in SOURCE_LANGUAGES]
    if unknown:
        raise SourceError(f"language {', '.join(unknown)} is not analysed "
                          f"(only {', '.join(SOURCE_LANGUAGES)})")
    if since and until and since > until:
        raise SourceError(f"--since {since} is after --until {until}")
    if not 1 <= max_records <= MAX_RECORDS:
        raise SourceError(f"GDELT lists 1 to {MAX_RECORDS} articles a query, not {max_records}")
    full_query = query.strip()
    if languages:
        clauses = [f"sourcelang:{SOURCE_LANGUAGES[code]}" for code in languages]
        full_query += " " + (clauses[0] if len(clauses) == 1
                             else "(" + " OR ".join(clauses) + ")")
    parameters = {"query": full_query, "mode": "ArtList", "format": "json",
                  "maxrecords": str(max_records), "sort": "DateDesc"}
    if since:
        parameters["startdatetime"] = since.strftime("%Y%m%d") + "000000"
    if until:
        parameters["enddatetime"] = until.strftime("%Y%m%d") + "235959"
    return f"{endpoint}?{urlencode(parameters)}"


def search(query: str, *, fetcher: Fetcher, since: date | None = None,
           until: date | None = None, languages: tuple[str, ...] = (),
           max_records: int = MAX_RECORDS, endpoint: str = GDELT_API) -> list[Candidate]:
    """The articles GDELT lists for `query`; raise `SourceError` when it answers no list."""
    url = request_url(query, since=since, until=until, languages=languages,
                      max_records=max_records, endpoint=endpoint)
    try:
        # An API for programs, not a site to crawl: robots.txt does not apply.
        page = fetcher.get(url, accept=JSON_TYPES + MESSAGE_TYPES, robots=False)
    except FetchError as error:
        raise SourceError(f"GDELT could not be asked: {error.reason}") from None
    if page.content_type in MESSAGE_TYPES:
        message = " ".join(page.text().split())[:300]
        raise SourceError(f"GDELT refused the query: {message or '(no message)'}")
    return parse_answer(page.text())


def parse_answer(text: str) -> list[Candidate]:
    """The articles of an ArtList JSON answer, in its order; `{}` is an empty list."""
    try:
        # strict=False: the API's titles sometimes carry raw control characters.
        answer = json.loads(text, strict=False)
    except ValueError as error:
        raise SourceError(f"GDELT's answer is not valid JSON ({error})") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("articles", []), list):
        raise SourceError("GDELT's answer holds no article list")
    candidates = []
    for number, article in enumerate(answer.get("articles", []), start=1):
        if not isinstance(article, dict):
            continue
        candidates.append(Candidate(
            url=str(article.get("url") or "").strip(),
            title=" ".join(str(article.get("title") or "").split()),
            source=str(article.get("domain") or ""),
            seen=_seen_date(str(article.get("seendate") or "")),
            origin=f"GDELT result {number}",
        ))
    return candidates


def _seen_date(value: str) -> str:
    """"20260119T101500Z" -> "2026-01-19"; "" when the value is not such a time."""
    try:
        return date(int(value[0:4]), int(value[4:6]), int(value[6:8])).isoformat()
    except ValueError:
        return ""
