"""`python -m analysis collect (--feed URL | --urls FILE | --gdelt QUERY) --out FOLDER`.

Writes one `.md` file per new article into FOLDER, ready for `python -m analysis build
FOLDER`, with a progress bar and a summary: collected, skipped and failed, each skipped or
failed URL on its own line with the reason. Run it again to add what is new.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from tqdm import tqdm

from analysis.collect import feeds, gdelt, urls
from analysis.collect.candidates import Candidate, SourceError
from analysis.collect.collector import Outcome, Summary, collect
from analysis.collect.fetch import DEFAULT_DELAY, Fetcher
from analysis.collect.guard import DEFAULT_POLICY, Policy, Resolver, resolve_host
from analysis.collect.writer import Collection

GDELT_ONLY = ("since", "until", "lang", "max_records")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `collect` command to the CLI's subparsers."""
    parser = subparsers.add_parser(
        "collect", help="fetch articles from a feed, a URL list or GDELT into .md files",
        description="Fetch articles and write one .md file each into --out, ready for "
                    "build. Polite: robots.txt honoured, a delay per host, pages of public "
                    "web addresses only, 2 MB and 15 s at most each.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--feed", metavar="URL", help="an RSS or Atom feed")
    source.add_argument("--urls", metavar="FILE", type=Path,
                        help="a text file of URLs, one a line (# starts a comment)")
    source.add_argument("--gdelt", metavar="QUERY",
                        help="a GDELT DOC 2.0 query, e.g. '\"leave NATO\"'")
    parser.add_argument("--out", required=True, type=Path, metavar="FOLDER",
                        help="folder for the .md files (created if needed)")
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD",
                        help="with --gdelt: first day of the period (UTC)")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD",
                        help="with --gdelt: last day of the period, included")
    parser.add_argument("--lang", type=_languages, metavar="fr,en",
                        help="with --gdelt: only articles in these languages")
    parser.add_argument("--max-records", type=int, default=None, metavar="N",
                        help=f"with --gdelt: how many articles to list (1-{gdelt.MAX_RECORDS}, "
                             f"default {gdelt.MAX_RECORDS})")
    parser.add_argument("--gdelt-api", default=gdelt.GDELT_API, metavar="URL",
                        help=f"the DOC 2.0 API address (default {gdelt.GDELT_API})")
    parser.add_argument("--delay", type=_seconds, default=DEFAULT_DELAY, metavar="SECONDS",
                        help=f"pause between two requests to one site (default "
                             f"{DEFAULT_DELAY:g}; longer when robots.txt asks)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def run(args: argparse.Namespace, *, policy: Policy = DEFAULT_POLICY,
        resolve: Resolver = resolve_host) -> int:
    """Collect as `args` say; 0 when the run went through, 1 when every article failed,
    2 when the source gave no list. `policy` and `resolve` are the fetch guard's (tests
    pass a policy that lets them reach their own server on 127.0.0.1)."""
    misplaced = [f"--{name.replace('_', '-')}" for name in GDELT_ONLY
                 if getattr(args, name) is not None and not args.gdelt]
    if misplaced:
        verb = "applies" if len(misplaced) == 1 else "apply"
        return _error(f"{', '.join(misplaced)} {verb} only with --gdelt")
    fetcher = Fetcher(policy=policy, delay=args.delay, resolve=resolve)
    try:
        candidates = _candidates(args, fetcher)
        collection = Collection(args.out)
    except SourceError as error:
        return _error(str(error))
    except OSError as error:
        return _error(f"{args.out}: the folder cannot be written ({error.strerror})")
    try:
        summary = _collect_with_progress(candidates, fetcher, collection, quiet=args.quiet)
    except OSError as error:  # the folder became unwritable: a full disk, a lost mount
        return _error(f"{args.out}: writing stopped ({error.strerror or error}); the files "
                      "written so far are complete, run the command again to go on")
    for outcome in summary.outcomes:
        if outcome.status != "collected":
            print(_one_line(outcome.message()), file=sys.stderr)
    print(f"{summary.line()} -> {args.out}")
    everything_failed = summary.outcomes and summary.count("failed") == len(summary.outcomes)
    return 1 if everything_failed else 0


def _candidates(args: argparse.Namespace, fetcher: Fetcher) -> list[Candidate]:
    if args.feed:
        return feeds.read_feed(args.feed, fetcher=fetcher)
    if args.urls:
        return urls.read_url_list(args.urls)
    return gdelt.search(args.gdelt, fetcher=fetcher, since=args.since, until=args.until,
                        languages=args.lang or (),
                        max_records=args.max_records or gdelt.MAX_RECORDS,
                        endpoint=args.gdelt_api)


def _collect_with_progress(candidates: list[Candidate], fetcher: Fetcher,
                           collection: Collection, *, quiet: bool) -> Summary:
    with tqdm(total=len(candidates), unit="page", disable=quiet, file=sys.stderr) as bar:
        def advance(outcome: Outcome) -> None:
            bar.set_postfix_str(outcome.status, refresh=False)
            bar.update()

        return collect(candidates, fetcher=fetcher, collection=collection, progress=advance)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD: {value!r}") from None


def _languages(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().lower() for code in value.split(",") if code.strip())
    unknown = [code for code in codes if code not in gdelt.SOURCE_LANGUAGES]
    if not codes or unknown:
        raise argparse.ArgumentTypeError(
            f"expected languages among {', '.join(gdelt.SOURCE_LANGUAGES)}: {value!r}")
    return codes


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 600:
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 600: {value!r}")
    return seconds


def _error(message: str) -> int:
    print(f"error: {_one_line(message)}", file=sys.stderr)
    return 2


def _one_line(text: str) -> str:
    return " ".join(text.split())
