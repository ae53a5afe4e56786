"""The bundled corpus's tables, prebuilt and shipped beside its articles.

The dashboard opens on the articles of `data/articles/`. Analysing them at start would load
both spaCy pipelines before the first chart, so their tables ship prebuilt in
`data/tables/` (Parquet), with the fingerprint of what they were built from: the articles'
names and bytes, the code that reads them, and each language's pipeline version (model
package, rules, extraction code). The dashboard uses them only while that fingerprint
still holds; after any change it analyses the articles again. Rebuild them with

    python -m analysis.bundled
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from analysis import store
from analysis.export import write_tables
from analysis.ingest import read_paths
from analysis.lexicon import LANGUAGES
from analysis.nlp import ModelNotInstalled
from analysis.pipeline import analyse, pipeline_version
from analysis.tables import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_ARTICLES = ROOT / "data" / "articles"
BUNDLED_TABLES = ROOT / "data" / "tables"
BUILT_FROM = "built-from.json"
# Code that decides the articles table, besides the pipeline's own files.
READING_FILES = ("ingest", "language.py", "tables.py")  # a folder: each of its .py files


def fingerprint(articles: Path = BUNDLED_ARTICLES) -> str | None:
    """What the tables of `articles` depend on; None when a pipeline is not installed."""
    digest = hashlib.sha256()
    for path in sorted(articles.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(articles)).encode())
            digest.update(path.read_bytes())
    for name in READING_FILES:
        path = Path(__file__).parent / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    try:
        for language in LANGUAGES:
            digest.update(pipeline_version(language).encode())
    except ModelNotInstalled:
        return None
    return digest.hexdigest()


def prebuilt_tables(articles: Path = BUNDLED_ARTICLES, tables: Path = BUNDLED_TABLES
                    ) -> dict[str, pd.DataFrame] | None:
    """The shipped tables of `articles`, or None when they are missing or out of date."""
    if not prebuilt_fresh(articles, tables):
        return None
    return store.load_tables(tables, text=True)


def prebuilt_fresh(articles: Path = BUNDLED_ARTICLES, tables: Path = BUNDLED_TABLES) -> bool:
    """Whether every shipped table of `articles` is there and built from them as they are."""
    try:
        recorded = json.loads((tables / BUILT_FROM).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    current = fingerprint(articles)
    if current is None or not isinstance(recorded, dict) or recorded.get("fingerprint") != current:
        return False
    return all(store.table_path(tables, name) is not None for name in TABLE_COLUMNS)


def rebuild(articles: Path = BUNDLED_ARTICLES, tables: Path = BUNDLED_TABLES) -> int:
    """Analyse `articles` afresh (no cache) and ship their tables; the number of articles."""
    read, refusals, _ = read_paths([articles])
    if refusals:
        raise ValueError("; ".join(refusal.message() for refusal in refusals))
    analysed = analyse(read, use_cache=False)
    (tables / BUILT_FROM).unlink(missing_ok=True)  # out of date until the tables are in place
    write_tables(analysed.as_dict(), tables, fmt="parquet")
    record = {"fingerprint": fingerprint(articles),
              "rebuild": "python -m analysis.bundled"}
    (tables / BUILT_FROM).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return len(read)


def main() -> int:
    count = rebuild()
    print(f"{BUNDLED_TABLES.relative_to(ROOT)}: tables of {count} bundled article(s) rebuilt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
