"""The data behind the rules: alias, role, cue and keyword files under `resources/`.

Everything an analyst may want to extend lives in those files; this module reads them
once, checks them (an error names the file and the entry), and hands each extractor
one `Rules` object per language instead of raw dictionaries.
"""

from __future__ import annotations

import csv
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
LANGUAGES = ("en", "fr")  # every language the rules, models and word lists cover
ACTOR_TYPES = ("person", "party", "organisation", "state")
CLAIM_KINDS = ("accusation", "proposal", "assessment", "prediction", "other")
GENDERS = ("f", "m")


class LexiconError(ValueError):
    """A resource file that cannot be used, or a language no resource covers."""


@dataclass(frozen=True)
class Alias:
    canonical: str
    actor_type: str
    metonym: bool


@dataclass(frozen=True)
class Cue:
    """A reporting verb: its lemma, the claim kind it implies on its own (or ""), and the
    words it must govern to report speech ("call for", "make ... known")."""

    lemma: str
    kind: str
    needs: tuple[str, ...]


def _read_rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Read a resource CSV, skipping `#` comment lines; every row must fill `columns`."""
    path = RESOURCES / name
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#") and line.strip()]
    rows = list(csv.DictReader(lines))
    for number, row in enumerate(rows, start=2):
        missing = [column for column in columns if row.get(column) is None]
        if missing:
            raise LexiconError(f"{path.name}: row {number} ({row}) lacks {', '.join(missing)}")
    return rows


def _checked_language(row: dict[str, str], name: str) -> str:
    if row["language"] not in LANGUAGES:
        raise LexiconError(f"{name}: {row} has language {row['language']!r}; "
                           f"supported: {', '.join(LANGUAGES)}")
    return row["language"]


@lru_cache(maxsize=1)
def aliases() -> dict[str, Alias]:
    """Alias text -> canonical actor ("LFI" -> La France Insoumise, party)."""
    found = {}
    for row in _read_rows("aliases.csv", ("alias", "canonical", "actor_type", "metonym")):
        if row["actor_type"] not in ACTOR_TYPES:
            raise LexiconError(f"aliases.csv: {row['alias']!r} has actor_type "
                               f"{row['actor_type']!r}; expected one of {', '.join(ACTOR_TYPES)}")
        found[row["alias"]] = Alias(row["canonical"], row["actor_type"], row["metonym"] == "yes")
    return found


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
            folded.setdefault(fold_accents(text.casefold()), alias)  # "Grece" in a scan
    return folded


def alias_for(name: str) -> Alias | None:
    """The alias a name is, exactly, else in any case and with or without its accents."""
    return aliases().get(name) or folded_aliases().get(name.casefold()) or (
        folded_aliases().get(fold_accents(name.casefold())))


@lru_cache(maxsize=1)
def not_actors() -> frozenset[str]:
    return frozenset(row["text"].casefold() for row in _read_rows("not_actors.csv", ("text",)))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    return {row["adjective"].casefold(): row["state"]
            for row in _read_rows("demonyms.csv", ("adjective", "state"))}


def demonym_state(word: str) -> str:
    """The state a demonym names, in any number and gender: "French", "françaises",
    "Spaniards", "les Espagnols" (empty when the word is none)."""
    table = demonyms()
    folded = word.casefold()
    return table.get(folded) or (table.get(folded[:-1], "") if folded.endswith("s") else "")


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Given name -> "f" or "m", for names that are clearly one or the other."""
    found = {}
    for row in _read_rows("first_names.csv", ("name", "gender")):
        if row["gender"] not in GENDERS:
            raise LexiconError(f"first_names.csv: {row['name']!r} has gender {row['gender']!r}")
        found[row["name"].casefold()] = row["gender"]
    return found


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Forms of address of every language ("M.", "Mme", "Mr", "Ms"): a name in an English
    text may be French, and the other way round."""
    return frozenset(word for language in LANGUAGES for word in rules(language).honorifics)


@lru_cache(maxsize=4)
def role_words(language: str) -> frozenset[str]:
    return rules(language).role_words


@lru_cache(maxsize=4)
def cues(language: str) -> dict[str, Cue]:
    return rules(language).cues


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(RESOURCES / "lexicon.json", encoding="utf-8") as handle:
        return json.load(handle)


def words(*path: str, language: str) -> tuple[str, ...]:
    """A word list of lexicon.json, e.g. words("stance", "exit_words", language="fr")."""
    node = lexicon()
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise LexiconError(f"lexicon.json has no list {'/'.join(path)}")
        node = node[key]
    if isinstance(node, dict):
        node = node.get(language, ())
    if not isinstance(node, list | tuple) or not all(isinstance(word, str | list)
                                                    for word in node):
        raise LexiconError(f"lexicon.json: {'/'.join(path)} is not a list of words")
    return tuple(node)


@dataclass(frozen=True)
class Rules:
    """The word lists of one language, resolved once and handed to every extractor.

    The lists used at every token are fields; the rest come through `words(...)`, which
    reads lexicon.json by the path of the list ("stance", "exit_words").
    """

    language: str
    cues: dict[str, Cue]
    role_words: frozenset[str]
    honorifics: dict[str, str]  # "Mme" -> "f", "Mr" -> "m", "Dr" -> ""
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    first_person: frozenset[str]
    pronoun_genders: dict[str, str]

    def words(self, *path: str) -> frozenset[str]:
        return _word_set(path, self.language)

    def ordered(self, *path: str) -> tuple[str, ...]:
        return words(*path, language=self.language)


@cache
def _word_set(path: tuple[str, ...], language: str) -> frozenset[str]:
    return frozenset(words(*path, language=language))


@cache
def rules(language: str) -> Rules:
    """The `Rules` of a supported language; any other raises naming the supported ones."""
    if language not in LANGUAGES:
        raise LexiconError(f"no rules for language {language!r}; supported: "
                           f"{', '.join(LANGUAGES)}")
    cue_rows = _read_rows("cues.csv", ("lemma", "language", "kind", "needs"))
    cue_table = {}
    for row in cue_rows:
        if _checked_language(row, "cues.csv") != language:
            continue
        if row["kind"] and row["kind"] not in CLAIM_KINDS:
            raise LexiconError(f"cues.csv: {row['lemma']!r} has kind {row['kind']!r}")
        cue_table[row["lemma"]] = Cue(row["lemma"], row["kind"],
                                      tuple(filter(None, row["needs"].split("|"))))
    roles = frozenset(_role_genders(language))
    honorifics = {row["word"]: row["gender"]
                  for row in _read_rows("honorifics.csv", ("word", "language", "gender"))
                  if _checked_language(row, "honorifics.csv") == language}
    pronouns = lexicon()["pronouns"][language]
    return Rules(
        language=language,
        cues=cue_table,
        role_words=roles,
        honorifics=honorifics,
        person_pronouns=frozenset(pronouns["person"]),
        group_pronouns=frozenset(pronouns["group"]),
        relative_pronouns=frozenset(pronouns["relative"]),
        first_person=frozenset(pronouns["first_person"]),
        pronoun_genders={word: gender for gender in GENDERS
                         for word in pronouns.get(f"person_{gender}", [])},
    )


@cache
def _role_genders(language: str) -> dict[str, str]:
    """Title word -> the gender it gives the person ("députée" -> "f"), or ""."""
    genders = {}
    for row in _read_rows("roles.csv", ("word", "language", "gender")):
        if _checked_language(row, "roles.csv") == language:
            if row["gender"] and row["gender"] not in GENDERS:
                raise LexiconError(f"roles.csv: {row['word']!r} has gender {row['gender']!r}")
            genders[row["word"].casefold()] = row["gender"]
    return genders


def role_gender(roles: list[str], language: str) -> str:
    """The gender a person's stated roles give them, when they agree on one, else ""."""
    table = _role_genders(language)
    genders = {table.get(word.casefold(), "") for role in roles for word in role.split()}
    genders.discard("")
    return genders.pop() if len(genders) == 1 else ""


@lru_cache(maxsize=1)
def resources_digest() -> str:
    """A digest of every resource file: part of the cache key, so edits re-run the analysis."""
    digest = hashlib.sha256()
    for path in sorted(RESOURCES.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=65_536)  # asked of the same words again and again, word by word
def fold_accents(text: str) -> str:
    """"déclarer" -> "declarer": archive scans often lose their accents."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
