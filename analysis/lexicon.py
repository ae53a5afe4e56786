"""The data behind the rules: alias, role, cue and keyword files under `resources/`.

Everything an analyst may want to extend lives in those files; this module reads
them once and offers them as small immutable lookups.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"


@dataclass(frozen=True)
class Alias:
    canonical: str
    actor_type: str
    metonym: bool


@dataclass(frozen=True)
class Cue:
    lemma: str
    kind: str
    needs: tuple[str, ...]


def _read_rows(name: str) -> list[dict[str, str]]:
    """Read a resource CSV, skipping `#` comment lines."""
    with open(RESOURCES / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def aliases() -> dict[str, Alias]:
    """Alias text -> canonical actor ("LFI" -> La France Insoumise, party)."""
    return {
        row["alias"]: Alias(row["canonical"], row["actor_type"], row["metonym"] == "yes")
        for row in _read_rows("aliases.csv")
    }


@lru_cache(maxsize=1)
def canonical_types() -> dict[str, str]:
    """Canonical actor name -> actor type."""
    return {alias.canonical: alias.actor_type for alias in aliases().values()}


@lru_cache(maxsize=1)
def folded_aliases() -> dict[str, Alias]:
    """Aliases keyed case-insensitively, for names the models return in odd case."""
    folded: dict[str, Alias] = {}
    for text, alias in aliases().items():
        # Short all-capital acronyms ("US", "PS") must match exactly: "us" is a pronoun.
        if not (text.isupper() and len(text) <= 4):
            folded.setdefault(text.casefold(), alias)
    return folded


@lru_cache(maxsize=1)
def not_actors() -> frozenset[str]:
    return frozenset(row["text"].casefold() for row in _read_rows("not_actors.csv"))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    return {row["adjective"].casefold(): row["state"] for row in _read_rows("demonyms.csv")}


@lru_cache(maxsize=4)
def role_words(language: str) -> frozenset[str]:
    return frozenset(
        row["word"].casefold() for row in _read_rows("roles.csv") if row["language"] == language
    )


@lru_cache(maxsize=4)
def cues(language: str) -> dict[str, Cue]:
    return {
        row["lemma"]: Cue(row["lemma"], row["kind"], tuple(filter(None, row["needs"].split("|"))))
        for row in _read_rows("cues.csv")
        if row["language"] == language
    }


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(RESOURCES / "lexicon.json", encoding="utf-8") as handle:
        return json.load(handle)


def words(*path: str, language: str) -> tuple[str, ...]:
    """A word list of lexicon.json, e.g. words("stance", "exit_words", language="fr")."""
    node = lexicon()
    for key in path:
        node = node[key]
    return tuple(node.get(language, ())) if isinstance(node, dict) else tuple(node)


@lru_cache(maxsize=1)
def resources_digest() -> str:
    """A digest of every resource file: part of the cache key, so edits re-run the analysis."""
    digest = hashlib.sha256()
    for path in sorted(RESOURCES.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
