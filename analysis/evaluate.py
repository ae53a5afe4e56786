"""Score the tables against hand-annotated gold files.

Usage: `python -m analysis.evaluate GOLD_DIR [OUT_DIR]`.

Each gold JSON (see tests/gold/README.md) names its text file and lists the actors,
claims and case mentions a reader finds in it. Matching rules:
- actors: same canonical name (case-insensitive) in the same article;
- claims: same speaker, and character spans that overlap by at least half of the
  shorter span (gold spans are found by searching the gold `claim_text` in the text);
  "content" scores the same spans with any speaker;
- case mentions: same country, year and action.
Precision, recall and F1 are micro-averaged over all gold files.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis.export import write_tables
from analysis.ingest import read_paths
from analysis.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
MIN_OVERLAP = 0.5


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, true_positive: int, predicted: int, gold: int) -> None:
        self.true_positive += true_positive
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {
        "actors": Score(), "claims": Score(), "claim content": Score(), "case mentions": Score()})
    agreement: dict[str, list[int]] = field(default_factory=dict)  # name -> [agree, compared]

    def agree(self, name: str, same: bool) -> None:
        counts = self.agreement.setdefault(name, [0, 0])
        counts[0] += int(same)
        counts[1] += 1

    def lines(self) -> list[str]:
        lines = [f"{'table':<15} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'pred':>5} {'gold':>5}"]
        for name, score in self.scores.items():
            lines.append(f"{name:<15} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                         f"{score.true_positive:4d} {score.predicted:5d} {score.gold:5d}")
        for name, (same, compared) in self.agreement.items():
            share = same / compared if compared else 0.0
            lines.append(f"{name:<30} {share:6.3f} ({same}/{compared} matched rows)")
        return lines

    def as_dict(self) -> dict:
        return {
            **{name: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                      "f1": round(s.f1, 3), "tp": s.true_positive, "predicted": s.predicted,
                      "gold": s.gold} for name, s in self.scores.items()},
            **{name: {"agree": same, "compared": compared}
               for name, (same, compared) in self.agreement.items()},
        }


def evaluate(gold_dir: Path, out_dir: Path | None = None) -> Report:
    """Analyse every gold file's text and score the tables against the gold."""
    paths = sorted(gold_dir.glob("*.json"))
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    articles, refusals, _ = read_paths([ROOT / gold["text_file"] for gold in golds])
    if refusals:
        raise ValueError("; ".join(refusal.message() for refusal in refusals))
    tables = analyse(articles, use_cache=False)
    if out_dir is not None:
        write_tables(tables.as_dict(), out_dir)
    report = Report()
    for gold, article in zip(golds, articles):
        _score_article(gold, article.article_id, article.text, tables, report)
    return report


def _fold(name: object) -> str:
    return str(name or "").casefold().strip()


def _score_article(gold: dict, article_id: str, text: str, tables, report: Report) -> None:
    actors = tables.actors[tables.actors["article_id"] == article_id]
    predicted_actors = {_fold(name): row for name, row in zip(actors["actor"], actors.itertuples())}
    gold_actors = {_fold(actor["actor"]): actor for actor in gold["actors"]}
    matched = set(predicted_actors) & set(gold_actors)
    report.scores["actors"].add(len(matched), len(predicted_actors), len(gold_actors))
    for name in matched:
        report.agree("actor_type agrees", predicted_actors[name].actor_type
                     == gold_actors[name]["actor_type"])

    claims = tables.claims[tables.claims["article_id"] == article_id]
    predicted = list(claims.itertuples())
    gold_claims = []
    for claim in gold["claims"]:
        start = text.find(claim["claim_text"])
        if start == -1:
            raise ValueError(f"gold claim not found in {gold['text_file']}: "
                             f"{claim['claim_text']!r}")
        gold_claims.append((start, start + len(claim["claim_text"]), claim))
    for name, need_speaker in (("claims", True), ("claim content", False)):
        pairs = _match_claims(predicted, gold_claims, need_speaker)
        report.scores[name].add(len(pairs), len(predicted), len(gold_claims))
        if not need_speaker:
            for row, claim in pairs:
                report.agree("speaker agrees (content match)", _fold(row.speaker)
                             == _fold(claim["speaker"]))
        else:
            for row, claim in pairs:
                report.agree("kind agrees", row.kind == claim["kind"])
                report.agree("nato_stance agrees", row.nato_stance == claim["nato_stance"])
                report.agree("is_quote agrees", bool(row.is_quote) == bool(claim["is_quote"]))

    mentions = tables.case_mentions[tables.case_mentions["article_id"] == article_id]
    predicted_cases = Counter(
        (_fold(row.country), None if row.year is None or str(row.year) == "<NA>" else int(row.year),
         row.action) for row in mentions.itertuples())
    gold_cases = Counter((_fold(case["country"]), case["year"], case["action"])
                         for case in gold["case_mentions"])
    report.scores["case mentions"].add(sum((predicted_cases & gold_cases).values()),
                                       sum(predicted_cases.values()), sum(gold_cases.values()))


def _match_claims(predicted: list, gold_claims: list, need_speaker: bool) -> list:
    """Greedy one-to-one matching of predicted to gold claims by span overlap."""
    pairs = []
    used: set[int] = set()
    for row in predicted:
        best, best_overlap = None, 0.0
        for index, (start, end, claim) in enumerate(gold_claims):
            if index in used or (need_speaker and _fold(row.speaker) != _fold(claim["speaker"])):
                continue
            overlap = min(end, row.end_char) - max(start, row.start_char)
            shorter = min(end - start, row.end_char - row.start_char)
            share = overlap / shorter if shorter > 0 else 0.0
            if share >= MIN_OVERLAP and share > best_overlap:
                best, best_overlap = index, share
        if best is not None:
            used.add(best)
            pairs.append((row, gold_claims[best][2]))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate",
                                     description="Score the analysis against gold annotations.")
    parser.add_argument("gold_dir", type=Path, help="folder of gold JSON files")
    parser.add_argument("out_dir", type=Path, nargs="?", help="where to write tables and scores")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.gold_dir, args.out_dir)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    if args.out_dir is not None:
        (args.out_dir / "scores.json").write_text(json.dumps(report.as_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
