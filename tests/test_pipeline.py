"""The analysis at scale: worker processes, streamed and resumable builds, bounded reading,
and a pipeline configured for speed that gives the stock pipeline's annotations."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline, store
from analysis.__main__ import main
from analysis.export import write_tables
from analysis.ingest import read_paths
from analysis.tables import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "lfi-nato-exit.txt"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def articles():
    """The sample article and the test fixtures, English and French."""
    read, refusals, _ = read_paths([SAMPLE, *sorted(FIXTURES.glob("*.txt"))])
    assert not refusals
    assert {article.language for article in read} == {"en", "fr"}
    return read


@pytest.fixture
def corpus(tmp_path, articles):
    """A folder of articles: the sample and the fixtures twice over under new names."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for copy in range(2):
        for article in articles:
            header = f"language: {article.language}\npublished: {article.published}\n\n"
            (folder / f"{article.article_id}-{copy}.txt").write_text(
                header + article.text, encoding="utf-8")
    return folder


def _renamed(articles, copies):
    return [dataclasses.replace(article, article_id=f"{article.article_id}-{copy}")
            for copy in range(copies) for article in articles]


def _assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for name in left:
        pd.testing.assert_frame_equal(left[name].reset_index(drop=True),
                                      right[name].reset_index(drop=True), obj=name)


def test_workers_give_the_same_tables_as_one_process(articles, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    monkeypatch.setattr(pipeline, "READ_AHEAD_ARTICLES", 4)
    monkeypatch.setattr(pipeline, "PRELOAD_MIN_ARTICLES", 1)
    started = []
    start = pipeline._Workers._start
    monkeypatch.setattr(pipeline._Workers, "_start",
                        lambda self, languages: started.append(languages) or start(self, languages))
    corpus = _renamed(articles, 2)
    one = pipeline.analyse(corpus, use_cache=False, workers=1)
    assert not started
    two = pipeline.analyse(corpus, use_cache=False, workers=2)
    assert started, "the worker processes never started"
    _assert_same_tables(one.as_dict(), two.as_dict())
    assert list(two.articles["article_id"]) == [article.article_id for article in corpus]
    assert len(two.claims) and len(two.case_mentions)


def test_a_few_edits_go_to_the_workers_and_this_process_loads_no_model(articles, tmp_path,
                                                                         monkeypatch):
    """An edit to one article of a cached corpus: the workers parse it, loading what they
    need, while this process only reads the cache (it would wait seconds for the models)."""
    corpus = _renamed(articles, 2)
    cache = tmp_path / "cache"
    first = [rows for _, rows in pipeline.iter_article_rows(corpus, cache_dir=cache)]
    edited = list(corpus)
    edited[1] = dataclasses.replace(corpus[1], text=corpus[1].text + "\n\nOne more paragraph.")
    loads = tmp_path / "loads"
    load_pipeline = pipeline.load_pipeline

    def logged(language):
        with open(loads, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {language}\n")
        return load_pipeline(language)

    monkeypatch.setattr(pipeline, "load_pipeline", logged)
    again = [rows for _, rows in pipeline.iter_article_rows(edited, cache_dir=cache, workers=2)]
    loaded = [line.split() for line in loads.read_text(encoding="utf-8").splitlines()]
    assert loaded and str(os.getpid()) not in {pid for pid, _ in loaded}
    assert {language for _, language in loaded} == {corpus[1].language}
    assert [rows for position, rows in enumerate(again) if position != 1] == [
        rows for position, rows in enumerate(first) if position != 1]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_streamed_build_writes_what_a_one_shot_build_writes(corpus, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(store, "PART_ARTICLES", 5)  # several parts per table
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    args = ["build", str(corpus), "--out", str(tmp_path / "streamed"), "--format", fmt,
            "--no-cache", "--quiet", "--workers", "1"]
    assert main(args) == 0
    articles, _, _ = read_paths([corpus])
    one_shot = pipeline.analyse(articles, use_cache=False)
    write_tables(one_shot.as_dict(), tmp_path / "one-shot", fmt=fmt)
    for name in TABLE_COLUMNS:
        streamed = tmp_path / "streamed" / f"{name}.{fmt}"
        expected = tmp_path / "one-shot" / f"{name}.{fmt}"
        if fmt == "csv":
            assert streamed.read_bytes() == expected.read_bytes(), name
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(streamed), pd.read_parquet(expected))
    assert not list((tmp_path / "streamed").glob(".parts-*")), "part files left behind"


def test_interrupted_build_resumes_from_the_cache(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    monkeypatch.setattr(store, "PART_ARTICLES", 2)
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["build", str(corpus), "--out", str(out), "--cache-dir", str(cache), "--quiet",
            "--workers", "1"]
    analyse_language = pipeline._analyse_language
    parsed: list[str] = []

    def interrupted_after_three_batches(batch, language):
        if len(parsed) >= 3 * 2:
            raise KeyboardInterrupt
        parsed.extend(article.article_id for article in batch)
        return analyse_language(batch, language)

    monkeypatch.setattr(pipeline, "_analyse_language", interrupted_after_three_batches)
    with pytest.raises(KeyboardInterrupt):
        main(args)
    assert not list(out.glob("*.csv")), "an interrupted build must not write tables"
    assert not list(out.glob(".parts-*")), "an interrupted build must remove its parts"
    finished = list(parsed)
    assert len(finished) == 6

    parsed.clear()
    monkeypatch.setattr(pipeline, "_analyse_language",
                        lambda batch, language: parsed.extend(a.article_id for a in batch)
                        or analyse_language(batch, language))
    assert main(args) == 0
    total = len(list(corpus.iterdir()))
    assert len(parsed) == total - 6 and not set(parsed) & set(finished)
    assert len(pd.read_csv(out / "articles.csv")) == total


def test_rerun_on_cached_results_loads_no_model(corpus, tmp_path, monkeypatch):
    args = ["build", str(corpus), "--out", str(tmp_path / "out"), "--cache-dir",
            str(tmp_path / "cache"), "--quiet", "--workers", "1"]
    assert main(args) == 0

    def no_model(language):
        raise AssertionError(f"the {language} pipeline was loaded for cached articles")

    monkeypatch.setattr(pipeline, "load_pipeline", no_model)
    assert main(args) == 0


def test_without_the_cache_no_cache_key_is_worked_out(articles, monkeypatch):
    # A key digests the extraction code (every module read); `--no-cache` has no use for it.
    def no_key(article):
        raise AssertionError(f"a cache key was worked out for {article.article_id}")

    monkeypatch.setattr(pipeline, "_cache_key", no_key)
    tables = pipeline.analyse(articles[:2], use_cache=False, workers=1)
    assert list(tables.articles["article_id"]) == [a.article_id for a in articles[:2]]
    assert len(tables.actors)


@pytest.mark.parametrize("workers", [1, 2])
def test_reading_is_bounded_by_batches(articles, monkeypatch, workers):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    monkeypatch.setattr(pipeline, "READ_AHEAD_ARTICLES", 4)
    pulled = []

    def stream():
        for article in _renamed(articles, 4):
            pulled.append(article.article_id)
            yield article

    results = pipeline.iter_analysed(stream(), use_cache=False, workers=workers)
    next(results)
    # One batch in this process; with workers, the read-ahead and the batch being read.
    assert len(pulled) == 2 if workers == 1 else 2 < len(pulled) <= 4 + 2
    results.close()


def test_rerun_keeps_identical_tables_and_rewrites_changed_ones(corpus, tmp_path):
    out = tmp_path / "out"
    args = ["build", str(corpus), "--out", str(out), "--cache-dir", str(tmp_path / "cache"),
            "--quiet", "--workers", "1"]
    assert main(args) == 0
    claims = out / "claims.csv"
    written = claims.stat().st_mtime_ns
    assert main(args) == 0
    assert claims.stat().st_mtime_ns == written, "unchanged tables were written again"
    claims.write_text("edited by hand\n", encoding="utf-8")
    assert main(args) == 0
    assert claims.read_text(encoding="utf-8").startswith("claim_id,"), "edited table kept"
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    written = claims.stat().st_mtime_ns
    assert main(args) == 0
    assert claims.stat().st_mtime_ns != written, "a changed corpus must rewrite the tables"


def _summary(capsys) -> str:
    return next(line for line in capsys.readouterr().out.splitlines() if " articles, " in line)


@pytest.mark.parametrize("defer_bytes", [store.DEFER_BYTES, 1])
def test_an_unchanged_rerun_neither_decodes_nor_writes_rows(corpus, tmp_path, monkeypatch,
                                                             capsys, defer_bytes):
    from analysis import cache

    out = tmp_path / "out"
    args = ["build", str(corpus), "--out", str(out), "--cache-dir", str(tmp_path / "cache"),
            "--quiet", "--workers", "1", "--format", "parquet"]
    assert main(args) == 0
    first_summary = _summary(capsys)
    tables = {path.name: path.read_bytes() for path in out.glob("*.parquet")}
    monkeypatch.setattr(store, "DEFER_BYTES", defer_bytes)
    decoded = []
    decode = cache._decode
    monkeypatch.setattr(cache, "_decode", lambda blob: decoded.append(1) or decode(blob))
    assert main(args) == 0
    assert _summary(capsys) == first_summary  # the counts, from the manifest
    if defer_bytes > 1:
        assert not decoded, "an unchanged re-run decoded cached rows"
    (out / "claims.parquet").write_bytes(b"touched")  # the tables must be written again
    assert main(args) == 0
    assert _summary(capsys) == first_summary
    assert {path.name: path.read_bytes() for path in out.glob("*.parquet")} == tables


def test_parts_are_written_as_rows_come(tmp_path):
    parts = store.TableParts(tmp_path / "out", part_articles=2)
    rows = {name: [] for name in pipeline.ROW_TABLES}
    article = dict.fromkeys(TABLE_COLUMNS["articles"], "") | {"n_words": 3}
    with parts:
        parts.add(article | {"article_id": "a"}, rows)
        assert not list((tmp_path / "out").glob(".parts-*/*.parquet"))
        parts.add(article | {"article_id": "b"}, rows)
        assert list((tmp_path / "out").glob(".parts-*/articles.*.parquet"))
    assert not list((tmp_path / "out").glob(".parts-*")), "parts not removed without commit"


def test_store_reads_columns_without_texts(corpus, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(corpus), "--out", str(out), "--format", "parquet", "--no-cache",
                 "--quiet", "--workers", "1"]) == 0
    tables = store.load_tables(out, columns={"claims": ["article_id", "speaker"]})
    assert "text" not in tables["articles"].columns
    assert list(tables["claims"].columns) == ["article_id", "speaker"]
    wanted = tables["articles"]["article_id"].iloc[0]
    texts = store.article_texts(out, [wanted])
    assert list(texts) == [wanted] and texts[wanted].strip()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_fast_pipeline_annotates_as_the_stock_pipeline(articles, language):
    """BLAS through NumPy, indexed attribute rules and phrase-matched aliases change speed
    only: every token gets the stock configuration's tags, parse, lemmas and entities."""
    import spacy

    from analysis import lexicon
    from analysis.nlp import ENTITY_LABELS, load_pipeline, pipeline_package

    fast = load_pipeline(language)
    stock = spacy.load(pipeline_package(language)[0])
    stock.add_pipe("sentence_rules", first=True)
    ruler = stock.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns([
        {"label": ENTITY_LABELS[language][alias.actor_type], "id": alias.canonical,
         "pattern": [{"ORTH": token.text} for token in stock.make_doc(text)]}
        for text, alias in lexicon.aliases().items()])
    texts = [article.text for article in articles if article.language == language]

    def annotations(doc):
        return [(token.text, token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_,
                 token.head.i, token.is_sent_start, token.ent_iob_, token.ent_type_,
                 token.ent_id_) for token in doc]

    for expected, got in zip(stock.pipe(texts), fast.pipe(texts)):
        assert annotations(got) == annotations(expected)


def test_the_cache_key_reads_every_module_the_rows_depend_on():
    """Analyse a text in a fresh interpreter: every module of the package it loaded is
    among the files the cache key digests (reference.py and lexicon.py included)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from analysis.ingest import Article\n"
        "from analysis.pipeline import analyse\n"
        "analyse([Article('a', '', '', '', '2026-01-05', 'en', "
        "'France should leave NATO, said Ana Ruiz.', 'a')], use_cache=False)\n"
        "print('\\n'.join(m.__file__ for n, m in list(sys.modules.items())\n"
        "                 if n.split('.')[0] == 'analysis' and getattr(m, '__file__', None)))\n"
    )
    root = Path(__file__).resolve().parent.parent
    loaded = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                            text=True, check=True).stdout.split()
    covered = set(pipeline.code_files())
    missing = sorted(str(Path(path).relative_to(pipeline.PACKAGE)) for path in loaded
                     if Path(path).resolve() not in covered)
    assert not missing, f"modules the analysis ran but the cache key does not read: {missing}"
    names = {str(path.relative_to(pipeline.PACKAGE)) for path in covered}
    assert {"reference.py", "lexicon.py", "claims/speakers.py", "cases.py"} <= names


@pytest.mark.parametrize("name", ["reference.py", "lexicon.py", "claims/genres.py", "ocr.py"])
def test_a_change_to_a_rule_module_changes_the_cache_key(name):
    files = pipeline.code_files()
    changed = pipeline.PACKAGE / name

    def edited(path: Path) -> bytes:
        return path.read_bytes() + (b"\n# edited\n" if path == changed else b"")

    assert pipeline.code_digest(files) != pipeline.code_digest(files, read=edited)


@pytest.mark.parametrize("language, text, sentences", [
    ("en", "BRUSSELS, May 3 (Wire) — NATO said it would stay. The vote — a close one — passed.",
     ["BRUSSELS, May 3 (Wire) —", "NATO said it would stay.",
      "The vote — a close one — passed."]),
    ("fr", "PARIS, 19 janvier (Dépêche) – La France reste. Le vote – serré – est acquis.",
     ["PARIS, 19 janvier (Dépêche) –", "La France reste.", "Le vote – serré – est acquis."]),
    ("en", "Athens — not Brussels — decided in 1974.\nPARIS, March 7 — Paris left in 1966.",
     ["Athens — not Brussels — decided in 1974.", "PARIS, March 7 —",
      "Paris left in 1966."]),
])
def test_a_dateline_ends_at_its_dash_and_other_dashes_split_nothing(language, text, sentences):
    from analysis.nlp import load_pipeline

    doc = load_pipeline(language)(text)
    assert [sentence.text.strip() for sentence in doc.sents] == sentences
