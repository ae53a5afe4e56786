"""The evaluation command scores the analysis against the hand-written gold files."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.evaluate import Score, main

ROOT = Path(__file__).resolve().parent.parent


def test_score_arithmetic():
    score = Score(true_positive=3, predicted=4, gold=6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert abs(score.f1 - 0.6) < 1e-9


def test_evaluate_prints_scores_and_writes_them(tmp_path, capsys):
    assert main([str(ROOT / "tests" / "gold"), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "claims" in printed and "case mentions" in printed
    scores = json.loads((tmp_path / "scores.json").read_text())["all"]
    assert scores["texts"] == len(list((ROOT / "tests" / "gold").glob("*.json")))
    # Floors well under today's figures: a regression in extraction fails here.
    assert scores["actors"]["f1"] >= 0.85
    assert scores["claims"]["f1"] >= 0.8
    assert scores["case mentions"]["f1"] >= 0.7
    assert (tmp_path / "claims.csv").exists()


def test_a_missing_gold_folder_is_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("error: ")
