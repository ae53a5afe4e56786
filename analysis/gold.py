"""Hand-written gold annotations: load them, check their form, and find the development set.

A gold file (see tests/gold/README.md) names its text and lists what a reader finds in
it. `check` verifies the form only (fields, values, that every claim text is in the
analysed text, that names point at listed actors); it runs no analysis, so a person
can check a gold file before the code has ever seen its text.

Usage: `python -m analysis.gold check FILE_OR_FOLDER...`
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.ingest import Article, read_paths
from analysis.tables import ACTOR_TYPES, CASE_ACTIONS, CLAIM_KINDS, NATO_STANCES

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
SPLITS = ("dev", "heldout")
GENRES = ("news", "wire", "interview", "communique", "opinion", "explainer", "caption",
          "archive", "debate", "social")
MIN_WORDS, MAX_WORDS = 120, 500
ACTOR_FIELDS = {"actor": str, "actor_type": str, "roles": list, "affiliation": str}
CLAIM_FIELDS = {"speaker": str, "cue": str, "claim_text": str, "is_quote": bool, "target": str,
                "kind": str, "nato_stance": str}
CASE_FIELDS = {"country": str, "year": (int, type(None)), "action": str, "leader": str}


@dataclass
class Gold:
    """One gold file and the article its text becomes."""

    path: Path
    data: dict
    article: Article

    @property
    def genre(self) -> str:
        return self.data.get("genre", "")

    @property
    def split(self) -> str:
        """The folder the file sits in when that is a split name ("dev", "heldout"), else ""."""
        return self.path.parent.name if self.path.parent.name in SPLITS else ""


def gold_paths(paths: list[Path]) -> list[Path]:
    """The gold JSON files of the given files and folders (folders read recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.rglob("*.json"))
        elif path.suffix == ".json":
            found.append(path)
    return found


def load(paths: list[Path]) -> list[Gold]:
    """Read gold files and the articles their texts become, as the analysis will read them."""
    datas = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    texts = [ROOT / data["text_file"] for data in datas]
    articles, refusals, _ = read_paths(texts)
    if refusals:
        raise ValueError("; ".join(refusal.message() for refusal in refusals))
    by_origin = {Path(article.origin).resolve(): article for article in articles}
    return [Gold(path, data, by_origin[text.resolve()])
            for path, data, text in zip(paths, datas, texts)]


def problems(gold: Gold) -> list[str]:
    """Everything wrong with the form of one gold file, as one-line messages."""
    data, text = gold.data, gold.article.text
    found: list[str] = []
    found += _fields(data.get("actors"), ACTOR_FIELDS, "actor")
    found += _fields(data.get("claims"), CLAIM_FIELDS, "claim")
    found += _fields(data.get("case_mentions"), CASE_FIELDS, "case mention")
    if found:
        return found
    actors = {actor["actor"] for actor in data["actors"]}
    if len(actors) != len(data["actors"]):
        found.append("an actor is listed twice")
    if data.get("genre") and data["genre"] not in GENRES:
        found.append(f"genre {data['genre']!r} is not one of {', '.join(GENRES)}")
    for actor in data["actors"]:
        found += _value(actor["actor_type"], ACTOR_TYPES, f"actor {actor['actor']!r}: actor_type")
        if actor["affiliation"] and actor["affiliation"] not in actors:
            found.append(f"actor {actor['actor']!r}: affiliation {actor['affiliation']!r} "
                         "is not a listed actor")
    position = 0
    for claim in data["claims"]:
        label = f"claim {claim['claim_text'][:40]!r}"
        found += _value(claim["kind"], CLAIM_KINDS, f"{label}: kind")
        found += _value(claim["nato_stance"], NATO_STANCES, f"{label}: nato_stance")
        found += _named(claim, ("speaker", "target"), actors, label)
        start = text.find(claim["claim_text"])
        if not claim["claim_text"].strip() or start == -1:
            found.append(f"{label}: not found in the analysed text (title + blank line + body)")
            continue
        if text.find(claim["claim_text"], start + 1) != -1:
            found.append(f"{label}: found more than once; quote more of it")
        if start < position:
            found.append(f"{label}: listed out of text order")
        position = start
    for case in data["case_mentions"]:
        label = f"case mention {case['country']!r} {case['year']}"
        found += _value(case["action"], CASE_ACTIONS, f"{label}: action")
        found += _named(case, ("country", "leader"), actors, label)
    if gold.split:
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            found.append(f"{words} words; a development text has {MIN_WORDS} to {MAX_WORDS}")
        if not data.get("genre"):
            found.append("no genre")
    return found


def _fields(rows: object, fields: dict[str, type | tuple], label: str) -> list[str]:
    if not isinstance(rows, list):
        return [f"the {label}s are not a list"]
    found = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            found.append(f"{label} {number} is not an object")
            continue
        for name, kind in fields.items():
            if name not in row:
                found.append(f"{label} {number}: no {name!r}")
            elif not isinstance(row[name], kind) or isinstance(row[name], bool) and kind is int:
                found.append(f"{label} {number}: {name!r} has the wrong type")
    return found


def _value(value: str, allowed: tuple[str, ...], label: str) -> list[str]:
    return [] if value in allowed else [f"{label} {value!r} is not one of {', '.join(allowed)}"]


def _named(row: dict, names: tuple[str, ...], actors: set[str], label: str) -> list[str]:
    return [f"{label}: {name} {row[name]!r} is not a listed actor"
            for name in names if row[name] and row[name] not in actors]


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.gold",
                                     description="Check the form of gold annotation files.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check gold files (no analysis is run)")
    check.add_argument("paths", nargs="+", type=Path, help="gold JSON files or folders")
    args = parser.parse_args(argv)
    try:
        golds = load(gold_paths(args.paths))
    except (OSError, ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    failed = 0
    for gold in golds:
        for message in problems(gold):
            print(f"{_shown(gold.path)}: {message}")
            failed += 1
    print(f"{len(golds)} gold files checked, {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
