"""Score the tables against hand-annotated gold files.

Usage: `python -m analysis.evaluate [GOLD_DIR_OR_FILE...] [--out DIR] [--models fr=PACKAGE]`.
With no path it scores the development set, `tests/devset`, and reports its `dev` and
`heldout` parts apart, each genre on a line of its own.

Each gold JSON (see tests/gold/README.md) names its text file and lists the actors,
claims and case mentions a reader finds in it. Matching rules:
- names are compared case-insensitively after the alias table (`resources/aliases.csv`)
  maps them to one canonical name ("Sénat" and "French Senate" are one actor);
- actors: same canonical name in the same article;
- claims: same speaker, and character spans that overlap by at least half of the
  shorter span (gold spans are found by searching the gold `claim_text` in the text);
  "claim content" scores the same spans with any speaker;
- case mentions: same country, year and action.
Precision, recall and F1 are micro-averaged over the gold files of each group.

`python -m analysis.evaluate --corrections FILE TABLES_DIR` scores a build's raw tables
against an analyst's corrections instead (`score_corrections`): the rows the analyst saw are
the gold there. A corrected field is an error of the extraction; a row marked reviewed is
right in every field not corrected; a row the analyst only corrected in one field counts for
that field alone, and a row nobody touched is not counted. Rejected rows measure precision,
claims added by hand are the extraction's misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis import gold as gold_files
from analysis import lexicon
from analysis.export import write_tables
from analysis.nlp import ModelNotInstalled, prefer_models
from analysis.pipeline import analyse, pipeline_version

MIN_OVERLAP = 0.5
TABLES = ("actors", "claims", "claim content", "case mentions")


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
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in TABLES})
    agreement: dict[str, list[int]] = field(default_factory=dict)  # name -> [agree, compared]
    texts: int = 0

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
            "texts": self.texts,
            **{name: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                      "f1": round(s.f1, 3), "tp": s.true_positive, "predicted": s.predicted,
                      "gold": s.gold} for name, s in self.scores.items()},
            **{name: {"agree": same, "compared": compared}
               for name, (same, compared) in self.agreement.items()},
        }


@dataclass
class Evaluation:
    """Reports by group: "all", each split ("dev", "heldout") and each split and genre
    ("heldout/interview")."""

    reports: dict[str, Report] = field(default_factory=dict)

    def report(self, group: str) -> Report:
        return self.reports.setdefault(group, Report())

    @property
    def splits(self) -> list[str]:
        return [name for name in gold_files.SPLITS if name in self.reports]

    def lines(self) -> list[str]:
        if not self.splits:
            return self.reports["all"].lines()
        lines = []
        for split in self.splits:
            report = self.reports[split]
            lines += [f"== {split} ({report.texts} texts)", *report.lines(), ""]
        lines.append(f"{'F1 by genre':<22}" + "".join(
            f"{name[:11]:>12}" for name in ("actors", "claims", "case mentions")))
        for group in sorted(self.reports):
            if "/" in group:
                scores = self.reports[group].scores
                lines.append(f"{group:<22}" + "".join(
                    f"{_f1_or_dash(scores[name]):>12}"
                    for name in ("actors", "claims", "case mentions")))
        return lines

    def as_dict(self) -> dict:
        return {group: report.as_dict() for group, report in sorted(self.reports.items())}


def _f1_or_dash(score: Score) -> str:
    return f"{score.f1:.3f}" if score.gold or score.predicted else "-"


def evaluate(paths: list[Path] | None = None, out_dir: Path | None = None) -> Evaluation:
    """Analyse every gold file's text and score the tables against the gold."""
    golds = gold_files.load(gold_files.gold_paths(paths or [gold_files.DEVSET]))
    if not golds:
        raise ValueError("no gold files found")
    tables = analyse([gold.article for gold in golds], use_cache=False)
    if out_dir is not None:
        write_tables(tables.as_dict(), out_dir)
    evaluation = Evaluation()
    for gold in golds:
        groups = ["all"]
        if gold.split:
            groups += [gold.split, f"{gold.split}/{gold.genre or 'other'}"]
        for group in groups:
            report = evaluation.report(group)
            report.texts += 1
            _score_article(gold, tables, report)
    return evaluation


def _fold(name: object) -> str:
    """A name as compared: its canonical form in the alias table, case-folded, with one
    apostrophe and single spaces ("Ligue pour l’indépendance" is "Ligue pour l'indépendance")."""
    text = " ".join(str(name or "").replace("’", "'").split())
    alias = lexicon.alias_for(text)
    return (alias.canonical if alias else text).casefold()


def _score_article(gold: gold_files.Gold, tables, report: Report) -> None:
    article_id, text, data = gold.article.article_id, gold.article.text, gold.data
    actors = tables.actors[tables.actors["article_id"] == article_id]
    predicted_actors = {_fold(name): row for name, row in zip(actors["actor"], actors.itertuples())}
    gold_actors = {_fold(actor["actor"]): actor for actor in data["actors"]}
    matched = set(predicted_actors) & set(gold_actors)
    report.scores["actors"].add(len(matched), len(predicted_actors), len(gold_actors))
    for name in matched:
        report.agree("actor_type agrees", predicted_actors[name].actor_type
                     == gold_actors[name]["actor_type"])

    claims = tables.claims[tables.claims["article_id"] == article_id]
    predicted = list(claims.itertuples())
    gold_claims = []
    for claim in data["claims"]:
        start = text.find(claim["claim_text"])
        if start == -1:
            raise ValueError(f"gold claim not found in {data['text_file']}: "
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
    predicted_cases = Counter(_case_key(row.country, row.year, row.action)
                              for row in mentions.itertuples())
    gold_cases = Counter(_case_key(case["country"], case["year"], case["action"])
                         for case in data["case_mentions"])
    report.scores["case mentions"].add(sum((predicted_cases & gold_cases).values()),
                                       sum(predicted_cases.values()), sum(gold_cases.values()))
    leaders = {_case_key(row.country, row.year, row.action): _fold(row.leader)
               for row in mentions.itertuples()}
    for case in data["case_mentions"]:
        key = _case_key(case["country"], case["year"], case["action"])
        if key in leaders:
            report.agree("leader agrees (case match)", leaders[key] == _fold(case["leader"]))


def _case_key(country: object, year: object, action: str) -> tuple[str, int | None, str]:
    known = year is not None and str(year) not in {"<NA>", "nan", ""}
    return _fold(country), int(year) if known else None, action


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


@dataclass
class FieldScore:
    """Rows of one table the analyst checked for one field, and how many were wrong."""

    table: str
    field: str
    checked: int
    errors: int

    @property
    def accuracy(self) -> float | None:
        return 1 - self.errors / self.checked if self.checked else None


@dataclass
class CorrectionScores:
    fields: list[FieldScore]
    added: int
    total: int
    unmatched: int

    def lines(self) -> list[str]:
        lines = [f"corrections: {self.total} ({self.total - self.unmatched} match the tables, "
                 f"{self.unmatched} no longer match)",
                 f"{'table':<15} {'field':<14} {'checked':>7} {'errors':>6} {'accuracy':>8}"]
        for score in self.fields:
            accuracy = "-" if score.accuracy is None else f"{score.accuracy:.3f}"
            lines.append(f"{score.table:<15} {score.field:<14} {score.checked:7d} "
                         f"{score.errors:6d} {accuracy:>8}")
        lines.append(f"claims added by hand (missed by the extraction): {self.added}")
        return lines

    def as_dict(self) -> dict:
        return {"corrections": self.total, "unmatched": self.unmatched, "added": self.added,
                "fields": [{"table": score.table, "field": score.field,
                            "checked": score.checked, "errors": score.errors,
                            "accuracy": score.accuracy} for score in self.fields]}


ROW_FIELD = {"claims": "is a claim", "actors": "is an actor", "case_mentions": "is a case"}


def score_corrections(folder: Path, corrections_frame) -> CorrectionScores:
    """Per-field accuracy of the raw tables in `folder`, judged by the corrections."""
    from analysis import corrections
    from analysis.query import Corpus

    corpus = Corpus(folder)
    if "corrected" in corpus.columns["claims"]:
        raise ValueError(f"{folder} holds corrected tables (they have a corrected column): "
                         "score the tables of a build without --corrections")
    with corpus.session(corrections=corrections_frame) as session:
        found = session.resolution.frame
    matched = found[found["status"] != "unmatched"]
    scores = []
    for table, columns in corrections.FIELDS.items():
        rows = matched[matched["table"] == table]
        if table != "actors":  # rows the analyst added are no output of the extraction
            rows = rows[rows["row"] < corrections.ADDED_ROWS_FROM]
        identity = (list(zip(rows["article_id"], rows["anchor"], strict=True))
                    if table == "actors" else rows["row"].tolist())
        rows = rows.assign(identity=identity)
        marked = {mark: set(rows.loc[rows["field"] == mark, "identity"])
                  for mark in corrections.MARKS}
        values = [column for column in columns if column not in (*corrections.MARKS, "add")]
        changed = {column: set(rows.loc[(rows["field"] == column)
                                       & (rows["status"] != "holds"), "identity"])
                   for column in values}
        right = {column: set(rows.loc[(rows["field"] == column)
                                     & (rows["status"] == "holds"), "identity"])
                 for column in values}
        touched = marked["reviewed"] | set().union(*changed.values(), *right.values())
        scores.append(FieldScore(table, ROW_FIELD[table], len(touched | marked["reject"]),
                                 len(marked["reject"])))
        for column in values:
            checked = (marked["reviewed"] | changed[column] | right[column]) - marked["reject"]
            scores.append(FieldScore(table, column, len(checked),
                                     len(changed[column] - marked["reject"])))
    added = int(((matched["table"] == "claims") & (matched["field"] == "add")).sum())
    return CorrectionScores(scores, added, len(found), int((found["status"] == "unmatched")
                                                            .sum()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate",
                                     description="Score the analysis against gold annotations.")
    parser.add_argument("paths", type=Path, nargs="*",
                        help="gold JSON files or folders (default: the development set, "
                             "tests/devset)")
    parser.add_argument("--out", type=Path, help="where to write the tables and scores.json")
    parser.add_argument("--models", help="other installed spaCy models to use, e.g. "
                                         "fr=fr_core_news_md (to compare them)")
    parser.add_argument("--corrections", type=Path, metavar="FILE",
                        help="score the raw tables of the one folder given against this "
                             "corrections.csv (per-field accuracy of the rows checked)")
    args = parser.parse_args(argv)
    out_dir = args.out
    if args.corrections is not None:
        return _main_corrections(parser, args)
    try:
        if args.models:
            prefer_models(args.models)
            pipeline_version.cache_clear()
        evaluation = evaluate(list(args.paths), out_dir)
    except (OSError, ValueError, KeyError, ModelNotInstalled) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(evaluation.lines()))
    if out_dir is not None:
        (out_dir / "scores.json").write_text(json.dumps(evaluation.as_dict(), indent=2))
    return 0


def _main_corrections(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from analysis.corrections import read_given

    if len(args.paths) != 1 or not args.paths[0].is_dir():
        parser.error("--corrections takes one folder of tables: --corrections FILE TABLES_DIR")
    try:
        scores = score_corrections(args.paths[0], read_given(args.corrections))
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(scores.lines()))
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "correction_scores.json").write_text(json.dumps(scores.as_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
