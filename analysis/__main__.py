"""Command line: `python -m analysis build PATH... --out DIR [--format csv|parquet]`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tqdm import tqdm

from analysis.export import FORMATS, write_tables
from analysis.ingest import Article, IngestError, Refusal, iter_paths
from analysis.nlp import ModelNotInstalled
from analysis.pipeline import ROW_TABLES, default_cache_dir, iter_analysed, tables_from_rows

PROGRESS_THRESHOLD = 5  # more articles than this get a progress bar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Analyse news articles about leaving NATO.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="analyse files or folders into tables")
    build.add_argument("paths", nargs="+", help=".txt .md .html .csv .jsonl files or folders")
    build.add_argument("--out", required=True, help="folder for the tables")
    build.add_argument("--format", choices=FORMATS, default="csv")
    build.add_argument("--language", help="force the language of every article (en or fr)")
    build.add_argument("--cache-dir", type=Path, default=None,
                       help=f"cache of analysed articles (default {default_cache_dir()})")
    build.add_argument("--no-cache", action="store_true", help="analyse everything afresh")
    build.add_argument("--safe-csv", action="store_true",
                       help="neutralise cells a spreadsheet would run as formulas (=, +, -, @)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return _build(args)
    except (IngestError, ModelNotInstalled, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    articles: list[Article] = []
    refusals: list[Refusal] = []
    paths = []
    for path in args.paths:
        if Path(path).exists():
            paths.append(path)
        else:
            refusals.append(Refusal(path, "no such file or folder"))
            print(f"refused: {refusals[-1].message()}", file=sys.stderr)
    for item in iter_paths(paths, language=args.language) if paths else ():
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Refusal):
            refusals.append(item)
            print(f"refused: {item.message()}", file=sys.stderr)
        else:
            print(f"warning: {item.message()}", file=sys.stderr)
    if not articles:
        print(f"error: nothing could be analysed ({len(refusals)} input(s) refused)",
              file=sys.stderr)
        return 1
    rows = {name: [] for name in ROW_TABLES}
    show = not args.quiet and len(articles) > PROGRESS_THRESHOLD
    with tqdm(total=len(articles), unit="article", disable=not show, file=sys.stderr) as bar:
        for article_rows in iter_analysed(articles, cache_dir=args.cache_dir,
                                          use_cache=not args.no_cache, progress=bar.update):
            for name in ROW_TABLES:
                rows[name] += article_rows[name]
    tables = tables_from_rows([article.as_row() for article in articles], rows)
    write_tables(tables.as_dict(), args.out, fmt=args.format, safe=args.safe_csv)
    print(f"{len(articles)} articles, {len(tables.actors)} actors, {len(tables.claims)} claims, "
          f"{len(tables.case_mentions)} case mentions, {len(refusals)} refused -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
