"""Show what the analysis finds in one text, and why: its structure, actors, claims, cases.

    python tools/explain.py FILE [--parse] [--gold GOLD.json]
    python tools/explain.py --text "Paul Roux said France should leave NATO." --language en

With --gold, rows the gold lists and the analysis missed, or found but the gold lacks,
are marked. For working on the rules; the dashboard and the CLI never call this.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import lexicon  # noqa: E402
from analysis.actors import find_actors  # noqa: E402
from analysis.cases import find_case_mentions  # noqa: E402
from analysis.claims import find_claims, find_structure  # noqa: E402
from analysis.ingest import Article, read_paths  # noqa: E402
from analysis.pipeline import _parse, _reference_cases  # noqa: E402


def _same(first: tuple, second: tuple) -> bool:
    (start, end, speaker), (other_start, other_end, other_speaker) = first, second
    overlap = min(end, other_end) - max(start, other_start)
    shorter = min(end - start, other_end - other_start)
    return (shorter > 0 and overlap >= 0.5 * shorter
            and speaker.casefold() == other_speaker.casefold())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--text")
    parser.add_argument("--language", default="en")
    parser.add_argument("--parse", action="store_true", help="print every token's parse")
    parser.add_argument("--gold", type=Path)
    args = parser.parse_args(argv)
    if args.text is not None:
        article = Article("text", "", "", "", "", args.language, args.text, "text")
    else:
        articles, refusals, _ = read_paths([args.path])
        if refusals:
            print(refusals[0].message())
            return 2
        article = articles[0]
    article_doc = next(_parse([article], article.language))
    if args.parse:
        for sentence in article_doc.sentences:
            print(f"--- sentence {sentence.index}")
            for token in sentence.span:
                print(f"  {token.i:4} {token.text!r:18} {token.lemma_!r:16} {token.pos_:6} "
                      f"{token.dep_:10} -> {token.head.i} {token.ent_type_} {token.morph}")
    actors = find_actors(article_doc)
    structure = find_structure(article_doc, actors, lexicon.rules(article.language))
    claims = find_claims(article_doc, actors, structure)
    cases = find_case_mentions(article_doc, actors, claims, _reference_cases(), structure)
    gold = json.loads(args.gold.read_text(encoding="utf-8")) if args.gold else None
    text = article.text
    print(f"author: {structure.author.actor if structure.author else '-'}")
    for turn in structure.turns:
        speaker = turn.speaker.actor if turn.speaker else "-"
        print(f"turn {turn.kind:8} {speaker:24} {text[turn.start:turn.end][:70]!r}")
    print("\nACTORS")
    gold_actors = {a["actor"].casefold() for a in gold["actors"]} if gold else set()
    for name, actor in actors.actors.items():
        mark = "" if not gold else ("  " if name.casefold() in gold_actors else "+ ")
        print(f"{mark}{name:28} {actor.actor_type:12} roles={actor.roles} "
              f"aff={actor.affiliation!r} n={actor.mentions}")
    for name in sorted(gold_actors - {n.casefold() for n in actors.actors}):
        print(f"- {name}")
    print("\nCLAIMS")
    gold_spans = []
    for claim in (gold or {}).get("claims", []):
        start = text.find(claim["claim_text"])
        gold_spans.append((start, start + len(claim["claim_text"]), claim["speaker"]))
    found = [(c.start_char, c.end_char, c.speaker) for c in claims]
    for claim in claims:
        mark = ""
        if gold:
            mark = "  " if any(_same(c, (claim.start_char, claim.end_char, claim.speaker))
                               for c in gold_spans) else "+ "
        print(f"{mark}[{claim.speaker} | {claim.cue} | {claim.kind} | {claim.nato_stance} | "
              f"{claim.target}] {claim.claim_text!r}")
    for claim, span in zip((gold or {}).get("claims", []), gold_spans):
        if not any(_same(span, other) for other in found):
            print(f"- [{claim['speaker']} | {claim['kind']} | {claim['nato_stance']}] "
                  f"{claim['claim_text']!r}")
    print("\nCASES")
    wanted = Counter((c["country"].casefold(), c["year"], c["action"])
                     for c in (gold or {}).get("case_mentions", []))
    for case in cases:
        key = (case.country.casefold(), case.year, case.action)
        mark = "" if not gold else ("  " if wanted[key] > 0 else "+ ")
        wanted[key] -= 1
        print(f"{mark}{case.country} {case.year} {case.action} leader={case.leader!r} "
              f"{case.evidence[:90]!r}")
    for case in (gold or {}).get("case_mentions", []):
        key = (case["country"].casefold(), case["year"], case["action"])
        if wanted[key] > 0:
            wanted[key] -= 1
            print(f"- {case['country']} {case['year']} {case['action']} leader={case['leader']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
