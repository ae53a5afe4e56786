"""Generate a synthetic news-like corpus about leaving NATO, in English and French, for benchmarks.

Nothing is copied: sentences come from a small grammar (noun phrases, tenses, subordinate
and relative clauses, reported speech with many reporting verbs, quotations, numbers,
dates, lists) over word lists written for this script (`corpus_words.txt` beside it), and
the names of people, places, organisations, parties and things are made from syllables of
several naming cultures. So that a benchmark meets what a real news corpus gives it:

- the vocabulary grows with the corpus: names, rare derived words ("-ism", "-isation")
  and compounds ("anti-", "post-") are drawn by Zipf's law from pools far larger than any
  corpus, so new word types keep appearing (`--stats` measures how many);
- actors (people, parties, organisations, states) are drawn by Zipf's law (s = 1.1): a few
  are named in many articles, a long tail in one article only;
- article lengths are log-normal (median 300 words) clipped to 100-2,000 words, with
  titles, sources and publication dates spread over 2015-2026;
- every article stays on the topic: calls to leave NATO or its integrated command, the
  French (1966, 2009) and Greek (1974, 1980) precedents, claims with their speakers.

The articles are test data, not news: every file says so in its `source:` line. Output
goes to a folder you name (use a temporary one; never commit it). The same seed gives the
same corpus.

    python benchmarks/make_corpus.py OUT_DIR --articles 2000 [--language en|fr|both] [--seed 1]
        [--stats]
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import string
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("corpus_words.txt")
SOURCE_NOTE = "synthetic benchmark article, not real news"
MIN_WORDS, MAX_WORDS = 100, 2000  # article length, title included
MEDIAN_WORDS, LENGTH_SIGMA = 300, 0.75  # log-normal article lengths
FIRST_DAY, LAST_DAY = date(2015, 1, 1).toordinal(), date(2026, 6, 30).toordinal()
ACTOR_ZIPF = 1.1  # exponent of the actors' rank-frequency law
# Sizes of the generated pools, drawn from by Zipf's law: far more than a corpus uses.
PERSONS, PARTIES, ORGANISATIONS, PLACES = 1_000_000, 20_000, 200_000, 1_000_000
RARE_WORDS, THINGS, OUTLETS = 1_000_000, 200_000, 5_000
# Shares of nouns and adjectives drawn from the coined words rather than the lists.
RARE_NOUN_SHARE, RARE_ADJECTIVE_SHARE, COMPOUND_SHARE = 0.08, 0.07, 0.06
CULTURES = ("en", "fr", "el", "de", "it", "es", "nordic", "pl", "slav", "tr", "ar", "hu")
NATO_KEY = "organisation:NATO"
MASCULINE_ELIDED = ("l'institut", "l'observatoire", "l'office", "l'iran", "l'irak",
                    "l'azerbaïdjan", "l'élysée")
NATO_NAMES = re.compile(r"\b(?:NATO|OTAN|the Alliance|l'Alliance)\b")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # a word for the statistics


# Word lists -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def word_lists() -> dict[str, list[tuple[str, ...]]]:
    """The lists of corpus_words.txt: name -> entries, each a tuple of its "|" fields."""
    lists: dict[str, list[tuple[str, ...]]] = {}
    name, current = "", None
    for raw in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
            current = lists.setdefault(name, [])
            continue
        if current is None:
            raise ValueError(f"{WORDS_FILE.name}: {line!r} stands before any [list]")
        keep_empty = name.endswith(".coda")  # an empty coda is a syllable without one
        for entry in line.rstrip(",").split(","):
            fields = tuple(part.strip() for part in entry.split("|"))
            if (fields[0] or keep_empty) and (keep_empty or fields not in current):
                current.append(fields)
    return lists


def entries(name: str) -> list[tuple[str, ...]]:
    try:
        return word_lists()[name]
    except KeyError:
        raise KeyError(f"{WORDS_FILE.name} has no [{name}] list") from None


@cache
def words(name: str) -> tuple[str, ...]:
    return tuple(entry[0] for entry in entries(name))


# Drawing ------------------------------------------------------------------------------------

def zipf_rank(rng: random.Random, n: int, s: float = 1.0) -> int:
    """A rank from 1 to n with probability close to proportional to rank ** -s."""
    low, high = 0.5, n + 0.5
    u = rng.random()
    if abs(s - 1.0) < 1e-9:
        x = low * (high / low) ** u
    else:
        a, b = low ** (1 - s), high ** (1 - s)
        x = (a + u * (b - a)) ** (1 / (1 - s))
    return min(n, max(1, int(x + 0.5)))


def pick(rng: random.Random, items, s: float = 1.0):
    """An item of a list ordered by frequency, drawn by Zipf's law."""
    return items[zipf_rank(rng, len(items), s) - 1]


def cap(text: str) -> str:
    """The text with its first letter in upper case (after any opening quotation mark)."""
    for position, char in enumerate(text):
        if char.isalpha():
            return text[:position] + char.upper() + text[position + 1:]
        if char.isdigit():
            return text
    return text


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


# The world: countries and the pools of actors, places and words -------------------------------

@dataclass(frozen=True)
class Country:
    en: str
    fr: str
    culture: str
    capital_en: str
    capital_fr: str
    joined: int | None


@dataclass(eq=False)
class Actor:
    key: str
    kind: str  # person, party, organisation, state
    en: str
    fr: str
    short: str = ""  # a person's surname
    gender: str = ""  # a person's gender (f, m)
    role: tuple[str, ...] = ()  # English, French masculine, French feminine
    party: Actor | None = None
    organisation: Actor | None = None
    place: str = ""
    country: Country | None = None

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.fr

    def plural(self, language: str) -> bool:
        if language == "fr":
            return self.fr.lower().startswith("les ")
        return self.kind == "party" and self.en.startswith("the ") and self.en.endswith("s")

    def french_gender(self) -> str:
        if self.kind == "person":
            return self.gender
        lowered = self.fr.lower()
        if lowered.startswith("l'"):
            return "m" if lowered.startswith(MASCULINE_ELIDED) else "f"
        return "f" if lowered.startswith("la ") else "m"


class World:
    """Every actor, place and coined word a seed can give, made on first use (by rank)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.countries = [Country(en, fr, culture, capital_en, capital_fr,
                                  None if joined == "-" else int(joined))
                          for en, fr, culture, capital_en, capital_fr, joined in
                          entries("countries")]
        self.peopled = [country for country in self.countries if country.culture != "-"]
        self.states = [Actor(f"state:{country.en}", "state", country.en, country.fr,
                             country=country) for country in self.countries]
        self.head_parties = [Actor(f"party:{en}", "party", en, fr)
                             for en, fr in entries("actors.parties")]
        self.head_organisations = [
            Actor(NATO_KEY if en == "NATO" else f"organisation:{en}", "organisation", en, fr)
            for en, fr in entries("actors.organisations")]
        self._made: dict[tuple, object] = {}

    def _rng(self, *parts) -> random.Random:
        return random.Random("/".join(map(str, (self.seed, *parts))))

    def _cached(self, key: tuple, make):
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def state(self, country: Country) -> Actor:
        return self.states[self.countries.index(country)]

    # Syllables -----------------------------------------------------------------------------

    def syllables(self, rng: random.Random, culture: str, count: int, before: str = "") -> str:
        """A root of `count` syllables; `before` is what follows it (a consonant there
        allows only a one-letter coda, so that no cluster of four consonants forms)."""
        parts = []
        codas = words(f"syl.{culture}.coda")
        for index in range(count):
            onset = rng.choice(words(f"syl.{culture}.onset"))
            coda = rng.choice(codas) if index == count - 1 or rng.random() < 0.3 else ""
            if index < count - 1 or (before[:1].isalpha() and before[0] not in "aeiouyé"):
                coda = coda if len(coda) <= 1 else coda[0]
            parts.append((onset.lower() if index else onset)
                         + rng.choice(words(f"syl.{culture}.vowel")) + coda)
        return "".join(parts)

    @staticmethod
    def _join(root: str, ending: str, capital: bool = True) -> str:
        vowels = "aeiouyäöüøåáéíóúı"
        if root and ending and root[-1].lower() in vowels and ending[0] in vowels:
            root = root[:-1] if len(root) > 2 else root
        return capitalised(root + ending) if capital else (root + ending).lower()

    def surname(self, rng: random.Random, culture: str, gender: str) -> str:
        ending = rng.choice(entries(f"syl.{culture}.surname"))
        ending_text = ending[1] if gender == "f" and len(ending) > 1 else ending[0]
        return self._join(self.syllables(rng, culture, rng.choice((1, 1, 2)), ending_text),
                          ending_text)

    def coined(self, rng: random.Random) -> str:
        """A made-up proper word: a firm, a project, a weapon system."""
        word = self.syllables(rng, rng.choice(CULTURES), rng.choice((1, 2, 2)))
        if rng.random() < 0.4:
            word += rng.choice(("a", "ex", "is", "on", "ia", "tek", "ium", "ar", "o", "el",
                                "ix", "ova", "line", "corp"))
        return capitalised(word)

    # Pools ---------------------------------------------------------------------------------

    def place(self, rank: int) -> str:
        def make() -> str:
            rng = self._rng("place", rank)
            culture = pick(rng, self.peopled, 1.3).culture
            ending = rng.choice(words(f"syl.{culture}.place"))
            name = self._join(self.syllables(rng, culture, rng.choice((1, 1, 2)), ending), ending)
            roll = rng.random()
            if culture == "fr" and roll < 0.1:
                gender = rng.choice("mf")
                saint = "Saint" if gender == "m" else "Sainte"
                return f"{saint}-{rng.choice(words(f'first.fr.{gender}'))}"
            if culture == "fr" and roll < 0.18:
                river = self._join(self.syllables(rng, "fr", 1), "e")
                return f"{name}-sur-{river}"
            if culture == "en" and roll < 0.08:
                return f"{rng.choice(('North', 'South', 'East', 'West', 'Upper', 'Great'))} {name}"
            return name
        return self._cached(("place", rank), make)

    def person(self, rank: int) -> Actor:
        def make() -> Actor:
            rng = self._rng("person", rank)
            country = pick(rng, self.peopled, 1.2)
            culture, gender = country.culture, rng.choice("fm")
            first = rng.choice(words(f"first.{culture}.{gender}"))
            if rng.random() < 0.08:  # a given name no list holds
                first = self._join(self.syllables(rng, culture, 2), "a" if gender == "f" else "")
            last = self.surname(rng, culture, gender)
            if rng.random() < 0.05:
                last = f"{last}-{self.surname(rng, culture, gender)}"
            kind = rng.choices(("politician", "official", "expert", "civil"), (50, 15, 20, 15))[0]
            role = rng.choice(entries(f"roles.{kind}"))
            return Actor(
                f"person:{first} {last}#{rank}", "person", f"{first} {last}", f"{first} {last}",
                short=last,
                gender=gender, role=role, country=country,
                party=self.party(zipf_rank(rng, PARTIES, 1.2)) if "{party}" in role[0] else None,
                organisation=(self.organisation(zipf_rank(rng, ORGANISATIONS, 1.0))
                              if "{org}" in role[0] else None),
                place=self.place(zipf_rank(rng, PLACES, 1.0)) if "{place}" in role[0] else "")
        return self._cached(("person", rank), make)

    def _fill_pattern(self, rng: random.Random, kind: str) -> tuple[str, str]:
        """(English, French) names of one generated party or organisation."""
        slots = {"P": self.place(zipf_rank(rng, PLACES, 1.0)), "X": self.coined(rng),
                 "N": self.surname(rng, rng.choice(CULTURES), "m")}
        index = rng.randrange(10_000)
        en_fields, fr_fields = words(f"{kind}.en.fields"), words(f"{kind}.fr.fields")
        french = french_adjective((fr_fields[index % len(fr_fields)],))
        en = words(f"{kind}.en.patterns")[index % len(words(f"{kind}.en.patterns"))].format(
            F=en_fields[index % len(en_fields)], **slots)
        fr = words(f"{kind}.fr.patterns")[(index // 7) % len(words(f"{kind}.fr.patterns"))].format(
            F=french.forms[0], Ff=french.forms[1], Ffp=french.forms[3], **slots)
        return en, fr

    def party(self, rank: int) -> Actor:
        if rank <= len(self.head_parties):
            return self.head_parties[rank - 1]
        return self._cached(("party", rank), lambda: self._generated(
            "party", rank, *self._fill_pattern(self._rng("party", rank), "parties")))

    def organisation(self, rank: int) -> Actor:
        if rank <= len(self.head_organisations):
            return self.head_organisations[rank - 1]
        return self._cached(("organisation", rank), lambda: self._generated(
            "organisation", rank, *self._fill_pattern(self._rng("organisation", rank), "orgs")))

    @staticmethod
    def _generated(kind: str, rank: int, en: str, fr: str) -> Actor:
        return Actor(f"{kind}:{en}#{rank}", kind, en, fr)

    def outlet(self, language: str, rank: int) -> str:
        def make() -> str:
            rng = self._rng("outlet", language, rank)
            name = rng.choice(words(f"outlets.{language}")).format(
                P=self.place(zipf_rank(rng, PLACES, 1.0)))
            return french_spelling(name) if language == "fr" else name
        return self._cached(("outlet", language, rank), make)

    def rare_noun(self, language: str, rank: int) -> tuple[str, str, str]:
        """(singular, plural, French gender) of a coined derived noun: "Kostadism"."""
        def make() -> tuple[str, str, str]:
            rng = self._rng("rare-noun", language, rank)
            eponym = rng.random() < 0.3  # named after a person: "Gaullism", "gaullisme"
            suffixes = entries(f"{language}.rare_noun_suffixes")
            suffix = rng.choice(suffixes[:2] if eponym else suffixes)
            root = self.person(zipf_rank(rng, PERSONS, 1.0)).short.split("-")[0] if eponym \
                else self.syllables(rng, language, rng.choice((1, 2)))
            singular = self._join(root, suffix[0], capital=eponym and language == "en")
            return singular, plural_of(singular, language), suffix[1] if len(suffix) > 1 else ""
        return self._cached(("rare-noun", language, rank), make)

    def rare_adjective(self, language: str, rank: int) -> FrenchAdjective:
        def make() -> FrenchAdjective:
            rng = self._rng("rare-adjective", language, rank)
            suffix = rng.choice(entries(f"{language}.rare_adjective_suffixes"))
            root = self.syllables(rng, language, rng.choice((1, 2)))
            forms = tuple(self._join(root, ending, capital=False) for ending in suffix)
            return french_adjective(forms) if language == "fr" else FrenchAdjective(
                forms * 4, False)
        return self._cached(("rare-adjective", language, rank), make)

    def thing(self, rank: int) -> tuple[str, int]:
        """A coined name and the index of what it names ("the Kelvar pipeline")."""
        return self._cached(("thing", rank), lambda: (
            self.coined(self._rng("thing", rank)), self._rng("thing-kind", rank).randrange(1000)))


# Inflection ---------------------------------------------------------------------------------

def plural_of(noun: str, language: str) -> str:
    if language == "fr":
        if noun.endswith(("s", "x", "z")):
            return noun
        return noun + "x" if noun.endswith(("eau", "au", "eu")) else noun + "s"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


@dataclass(frozen=True)
class Noun:
    singular: str
    plural: str | None  # None: a mass noun
    gender: str = ""  # French


@dataclass(frozen=True)
class EnglishVerb:
    base: str
    s3: str
    past: str
    participle: str
    ing: str


def english_verb(fields: tuple[str, ...]) -> EnglishVerb:
    base = fields[0]
    head, _, rest = base.partition(" ")
    if re.search(r"(s|x|z|ch|sh|o)$", head):
        s3 = head + "es"
    elif re.search(r"[^aeiou]y$", head):
        s3 = head[:-1] + "ies"
    else:
        s3 = head + "s"
    if head.endswith("e"):
        past = head + "d"
    elif re.search(r"[^aeiou]y$", head):
        past = head[:-1] + "ied"
    else:
        past = head + "ed"
    ing = head[:-1] + "ing" if head.endswith("e") and not head.endswith(
        ("ee", "ye", "oe")) else head + "ing"
    given = list(fields[1:]) + [""] * 3
    past, participle, ing = given[0] or past, given[1] or given[0] or past, given[2] or ing
    tail = f" {rest}" if rest else ""
    return EnglishVerb(base, s3 + tail, past + tail, participle + tail, ing + tail)


@dataclass(frozen=True)
class FrenchVerb:
    infinitive: str
    s3: str
    p3: str
    participle: str
    future: str  # stem of the future and conditional
    imperfect: str  # stem of the imperfect
    preposition: str = ""  # before an infinitive: "refuser de"


def french_verb(fields: tuple[str, ...]) -> FrenchVerb:
    infinitive = fields[0]
    given = list(fields[1:]) + [""] * 6
    stem = infinitive[:-2]
    if infinitive.endswith("er"):
        imperfect = stem + "e" if stem.endswith("g") else (
            stem[:-1] + "ç" if stem.endswith("c") else stem)
        regular = (stem + "e", stem + "ent", stem + "é", infinitive, imperfect)
    elif infinitive.endswith("ir"):
        regular = (stem + "it", stem + "issent", stem + "i", infinitive, stem + "iss")
    else:  # -re, -oir: the future from the infinitive, the imperfect from the plural
        plural = given[1]
        regular = ("", "", "", infinitive[:-1], plural[:-3] if plural.endswith("ent") else "")
    forms = [given[index] or regular[index] for index in range(5)]
    if not all(forms):
        raise ValueError(f"{WORDS_FILE.name}: give every form of the French verb {fields}")
    return FrenchVerb(infinitive, *forms, preposition=given[5])


@dataclass(frozen=True)
class FrenchAdjective:
    forms: tuple[str, str, str, str]  # masculine, feminine, masculine plural, feminine plural
    before: bool  # placed before the noun

    def form(self, gender: str, number: str) -> str:
        return self.forms[(1 if gender == "f" else 0) + (2 if number == "pl" else 0)]


def french_adjective(fields: tuple[str, ...], before: bool = False) -> FrenchAdjective:
    if len(fields) == 4:
        return FrenchAdjective(tuple(fields), before)
    m = fields[0]
    if m.endswith("e"):
        f = m
    elif m.endswith("eux"):
        f = m[:-1] + "se"
    elif m.endswith("if"):
        f = m[:-1] + "ve"
    elif m.endswith(("el", "en", "on")) and not m.endswith(("ain", "in")):
        f = m + m[-1] + "e"
    elif m.endswith("teur"):
        f = m[:-4] + "trice"
    elif m.endswith("er"):
        f = m[:-2] + "ère"
    elif m.endswith("c"):
        f = m[:-1] + "que"
    else:
        f = m + "e"
    if m.endswith(("s", "x")):
        mp = m
    elif m.endswith("al"):
        mp = m[:-2] + "aux"
    else:
        mp = m + "s"
    return FrenchAdjective((m, f, mp, f + "s"), before)


def english_adverb(adjective: str) -> str:
    """"strategic" -> "strategically", "gradual" -> "gradually", "heavy" -> "heavily"."""
    word = adjective.lower() if not adjective[:1].isupper() else adjective
    if word.endswith("ic"):
        return word + "ally"
    if word.endswith("le") and len(word) > 3 and word[-3] not in "aeiou":
        return word[:-1] + "y"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ily"
    if word.endswith("ll"):
        return word + "y"
    return word + "ly"


def french_adverb(adjective: FrenchAdjective) -> str:
    """"politique" -> "politiquement", "récent" -> "récemment", "vrai" -> "vraiment"."""
    masculine, feminine = adjective.forms[0], adjective.forms[1]
    if masculine.endswith("ant"):
        return masculine[:-3] + "amment"
    if masculine.endswith("ent"):
        return masculine[:-3] + "emment"
    if masculine.endswith(("ai", "é", "i", "u")):
        return masculine + "ment"
    return feminine + "ment"


@dataclass(frozen=True)
class Lexicon:
    nouns: list[Noun]
    agents: list[Noun]  # people and bodies that act
    adjectives: list
    evaluative: list  # judgements: "reckless", "irresponsable"
    verbs: list  # a thing as object
    people_verbs: list  # a person or an organisation as object
    event_verbs: list  # a thing as subject
    infinitive_verbs: list
    cues_that: list
    cues_quote: list
    measures: list[str]


def _nouns(name: str, language: str) -> list[Noun]:
    found = []
    for entry in entries(name):
        if language == "en":
            plural = entry[1] if len(entry) > 1 else plural_of(entry[0], "en")
            found.append(Noun(entry[0], None if plural == "-" else plural))
        else:
            plural = entry[2] if len(entry) > 2 else plural_of(entry[0], "fr")
            found.append(Noun(entry[0], None if plural == "-" else plural, entry[1]))
    return found


@cache
def lexicon(language: str) -> Lexicon:
    # A verb's forms are given once, wherever it is listed first with them.
    given: dict[str, tuple[str, ...]] = {}
    for name in word_lists():
        if name.startswith(f"{language}.verbs") or name.startswith(f"{language}.cues"):
            for entry in entries(name):
                if len(entry) > len(given.get(entry[0], ())):
                    given[entry[0]] = entry
    inflect = english_verb if language == "en" else french_verb

    def verbs(name: str) -> list:
        return [inflect(entry if len(entry) > 1 else given[entry[0]]) for entry in entries(name)]

    if language == "en":
        adjectives, evaluative = list(words("en.adjectives")), list(words("en.evaluative"))
    else:
        before = set(words("fr.adjectives.before"))
        adjectives = [french_adjective(entry, entry[0] in before)
                      for entry in entries("fr.adjectives")]
        evaluative = [french_adjective(entry) for entry in entries("fr.evaluative")]
    cues = "that" if language == "en" else "que"
    return Lexicon(_nouns(f"{language}.nouns", language), _nouns(f"{language}.agents", language),
                   adjectives, evaluative, verbs(f"{language}.verbs"),
                   verbs(f"{language}.verbs.people"), verbs(f"{language}.verbs.events"),
                   verbs(f"{language}.verbs.infinitive"), verbs(f"{language}.cues.{cues}"),
                   verbs(f"{language}.cues.quote"), list(words(f"{language}.measures")))


# Fixing the spelling of assembled text --------------------------------------------------------

FRENCH_VOWELS = "aàâäeéèêëiîïoôöuùûüœæAÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜŒÆ"


@lru_cache(maxsize=1)
def _h_aspire() -> tuple[str, ...]:
    return words("fr.h_aspire")


def _elides(word: str) -> bool:
    if word[:1] in FRENCH_VOWELS:
        return True
    return word[:1] == "h" and not word.startswith(_h_aspire())  # "haut" covers "hautes"


ELIDING = re.compile(r"\b(le|la|de|que|ne|je|lorsque|puisque|Le|La|De|Que|Ne|Je|Lorsque|Puisque)"
                     r" (?=(\w[\w'-]*))")
# "ce est" -> "c'est", "ce accord" -> "cet accord", "sa armée" -> "son armée", "si il" -> "s'il"
BEFORE_VOWELS = re.compile(r"\b(?:([Cc])e (?=(est\b|[" + FRENCH_VOWELS + r"]|h(?!a)))"
                           r"|([Ss])a (?=[" + FRENCH_VOWELS + r"])|([Ss])i (?=ils?\b))")
# "à le" -> "au", "à les" -> "aux", "de le" -> "du", "de les" -> "des", "de des" -> "de"
CONTRACTION = re.compile(r"\b([àÀ]|[dD]e) (le|[lL]es|des|de(?= nombreu)) (?=\w)")


def _before_vowel(match: re.Match) -> str:
    if match[1]:
        return match[1] + ("'" if match[2] == "est" else "et ")
    return match[3] + "on " if match[3] else match[4] + "'"


def _contract(match: re.Match) -> str:
    preposition, article = match[1], match[2].lower()
    if preposition in "àÀ":
        if article in ("des", "de"):
            return match[0]
        contracted = "au " if article == "le" else "aux "
        return contracted.capitalize() if preposition == "À" else contracted
    return preposition[0] + {"le": "u ", "les": "es ", "des": "e ", "de": "e "}[article]


def french_spelling(text: str) -> str:
    """Elisions and contractions: "le accord" -> "l'accord", "de le" -> "du", "ce" -> "cet"."""
    def elide(match: re.Match) -> str:
        return match[1][:-1] + "'" if _elides(match[2]) else match[0]

    text = BEFORE_VOWELS.sub(_before_vowel, text)
    text = ELIDING.sub(elide, text)
    return CONTRACTION.sub(_contract, text)


AN_EXCEPTIONS = ("uni", "use", "usu", "eu", "one", "once")


def _an(word: str) -> bool:
    bare = word.lstrip("“\"'")
    if not bare:
        return False
    if bare.isupper() and len(bare) <= 3 and bare.isalpha():
        return bare[0] in "AEFHILMNORSX"
    lowered = bare.lower()
    if lowered.startswith(("hour", "honest", "honour")) or lowered.startswith(("8", "11", "18")):
        return True
    return lowered[0] in "aeiou" and not lowered.startswith(AN_EXCEPTIONS)


ARTICLE = re.compile(r"\b([Aa])n? (?=(\S+))")


def english_spelling(text: str) -> str:
    """"a" or "an" by the word that follows."""
    return ARTICLE.sub(lambda m: f"{m[1]}n " if _an(m[2]) else f"{m[1]} ", text)


# Topical templates: the role of the old corpus, mixed into the generated text ---------------------

NATO_QUOTES = {
    "en": [
        "we cannot leave our security in the hands of a command run from {capital}",
        "leaving the integrated command would be a historic mistake",
        "the Alliance has become an instrument of American foreign policy",
        "our soldiers must answer to our own government first",
        "withdrawing from NATO would isolate {country} at the worst possible moment",
        "the question of our participation in the Alliance arises more than ever",
        "a planned exit from NATO is the only way to recover our independence",
        "staying in the Alliance is the best guarantee of peace in Europe",
        "NATO membership costs us more than it protects us",
        "nobody has explained what would replace the Alliance on the day after an exit",
        "we should leave the integrated command, as France did in 1966",
        "an exit from NATO would be a gift to our adversaries",
    ],
    "fr": [
        "nous ne pouvons plus confier notre sécurité à un commandement piloté depuis {capital}",
        "quitter le commandement intégré serait une erreur historique",
        "l'Alliance est devenue l'instrument de la politique étrangère américaine",
        "nos soldats doivent d'abord rendre des comptes à notre gouvernement",
        "sortir de l'OTAN isolerait {country} au pire moment",
        "une sortie planifiée de l'OTAN est le seul moyen de retrouver notre indépendance",
        "rester dans l'Alliance est la meilleure garantie de la paix en Europe",
        "personne n'a expliqué ce qui remplacerait l'Alliance au lendemain d'une sortie",
        "il faut quitter le commandement intégré, comme la France l'a fait en 1966",
        "une sortie de l'OTAN serait un cadeau fait à nos adversaires",
    ],
}
NATO_SENTENCES = {
    "en": [
        "{person_role} said that {country} should leave NATO's integrated command before the "
        "end of the decade.",
        "“{quote_cap},” {person} said {weekday}.",
        "{surname} argued that {quote}.",
        "{person} accused {capital} of treating its allies as subordinates.",
        "In a statement published on X, {surname} claimed that “{quote}”.",
        "{party} called for a referendum on membership of the Alliance.",
        "According to {person}, {quote}.",
        "{pron} warned that {quote}.",
        "{person}, who argued that {quote}, was echoed by colleagues from {party}.",
        "The government of {country} has not responded to the proposal.",
        "{surname} urged {country} to pursue a non-aligned strategic line.",
        "Officials in {capital} dismissed the idea as unrealistic.",
        "{person} wrote that the debate over NATO membership was far from over.",
        "{person_role} called for {country} to withdraw from NATO altogether.",
        "{party} wants {country} to leave NATO's integrated military command.",
        "{person} insisted that leaving NATO would not mean leaving Europe.",
        "“{quote_cap},” said {person_end}.",
        "{person_role} told {said_to} that {quote}.",
    ],
    "fr": [
        "« {quote_cap} », a déclaré {weekday} {person_end}.",
        "{person} a appelé à la sortie de {country} du commandement intégré de l'OTAN.",
        "Selon {person}, {quote}.",
        "{surname} a estimé que {quote}.",
        "{pron} a également dénoncé les pressions exercées par {capital} sur ses alliés.",
        "« {quote_cap} », a-t-{pron_low} ajouté.",
        "{person_role} a jugé qu'un tel départ serait une erreur.",
        "{party} a proposé un référendum sur l'appartenance à l'Alliance.",
        "Le gouvernement n'a pas souhaité réagir à cette proposition.",
        "{surname} a affirmé que {quote}.",
        "{person_role} réclame la sortie de {country} de l'OTAN.",
        "{party} souhaite que {country} quitte le commandement militaire intégré de l'OTAN.",
        "{person} a assuré que quitter l'OTAN ne signifierait pas quitter l'Europe.",
        "Pour {person}, {quote}.",
        "{person_role} a lancé devant {said_to} : « {quote_cap} ».",
    ],
}
# Precedents, with the actors they name.
PRECEDENTS = {
    "en": [
        ("In 1966, President Charles de Gaulle took France out of NATO's integrated military "
         "command, and in 2009 President Nicolas Sarkozy brought France back.",
         ("person:Charles de Gaulle", "state:France", "person:Nicolas Sarkozy")),
        ("After the 1974 Cyprus crisis, Greece withdrew from NATO's integrated military command "
         "and returned in 1980.", ("state:Greece",)),
        ("Spain joined the Alliance in 1982 and confirmed its membership by referendum in 1986.",
         ("state:Spain",)),
        ("France was one of the first countries to sign the North Atlantic Treaty in 1949.",
         ("state:France",)),
        ("{person} recalled that France left NATO's integrated command in 1966 and rejoined it "
         "in 2009.", ("state:France",)),
        ("Greece left the military wing of the Alliance in 1974, after the Turkish invasion of "
         "Cyprus, and rejoined it in 1980.", ("state:Greece",)),
        ("De Gaulle's decision of 1966 forced NATO to move its headquarters from Paris to "
         "Brussels.", ("person:Charles de Gaulle",)),
        ("{joined_country} joined NATO in {joined_year}, a decision {person} still defends.", ()),
    ],
    "fr": [
        ("En 1966, le général de Gaulle a retiré la France du commandement intégré de l'OTAN, "
         "et Nicolas Sarkozy l'y a fait revenir en 2009.",
         ("person:Charles de Gaulle", "state:France", "person:Nicolas Sarkozy")),
        ("Après la crise chypriote de 1974, la Grèce a quitté le commandement militaire intégré "
         "avant d'y revenir en 1980.", ("state:Greece",)),
        ("L'Espagne a adhéré à l'Alliance en 1982 puis confirmé son adhésion par référendum "
         "en 1986.", ("state:Spain",)),
        ("{person} a rappelé que la France avait quitté le commandement intégré de l'OTAN en "
         "1966, avant de le réintégrer en 2009.", ("state:France",)),
        ("En 1974, après l'invasion turque de Chypre, la Grèce s'est retirée de la branche "
         "militaire de l'Alliance, qu'elle a réintégrée en 1980.", ("state:Greece",)),
        ("En 1966, la décision du général de Gaulle a contraint l'OTAN à déménager son siège de "
         "Paris à Bruxelles.", ("person:Charles de Gaulle",)),
        ("{joined_country_cap} a rejoint l'OTAN en {joined_year}, une décision que {person} "
         "défend encore.", ()),
    ],
}
TITLES = {
    "en": ["{surname} revives the debate over {country}'s place in NATO",
           "Calls to leave NATO's integrated command grow louder",
           "{party} and the NATO question: a debate as old as the Alliance",
           "{surname} calls for {np}", "{surname} warns of {np}",
           "{party} demands a referendum on NATO membership",
           "{np_cap}: {surname} breaks ranks", "Why {np} worries {country}",
           "In {place}, {np} divides voters", "NATO exit debate: {np} under scrutiny",
           "{np_cap} and the question of leaving NATO", "{surname}: “{short_quote}”"],
    "fr": ["{surname} relance le débat sur la place de {country} dans l'OTAN",
           "Commandement intégré : la sortie de l'OTAN revient dans le débat",
           "{party} et l'OTAN : un débat aussi vieux que l'Alliance",
           "{surname} appelle à {np}", "{surname} met en garde contre {np}",
           "{party} réclame un référendum sur l'OTAN", "{np_cap} : {surname} hausse le ton",
           "Pourquoi {np} inquiète {country}", "À {place}, {np} divise les électeurs",
           "Sortie de l'OTAN : {np} en question", "{surname} : « {short_quote} »"],
}


# The writers --------------------------------------------------------------------------------------

@dataclass
class Cast:
    """Who and where one article is about, and every actor it names (one key a mention)."""

    persons: list[Actor]
    parties: list[Actor]
    organisations: list[Actor]
    states: list[Actor]
    places: list[str]
    published: date
    introduced: set[str] = field(default_factory=set)
    mentions: list[str] = field(default_factory=list)
    last_person: Actor | None = None


@dataclass
class SyntheticArticle:
    number: int
    language: str
    title: str
    source: str
    published: str
    body: str
    actors: list[str]  # the key of every actor named, once a mention

    @property
    def file_name(self) -> str:
        return f"synthetic-{self.language}-{self.number:06d}.txt"

    @property
    def words(self) -> int:
        """Words of the title and body, split on white space."""
        return len(f"{self.title}\n\n{self.body}".split())

    def file_text(self) -> str:
        header = (f"title: {self.title}\nsource: {self.source}\n"
                  f"published: {self.published}\n")
        # Half the files state their language, half leave it to detection, as user corpora do.
        if self.number % 4 < 2:
            header += f"language: {self.language}\n"
        return f"{header}\n{self.body}\n"


class Writer:
    """What both languages share: the cast of an article, its names, and its assembly."""

    language = ""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world, self.rng = world, rng
        self.lexicon = lexicon(self.language)
        self.cast: Cast | None = None

    # Drawing words --------------------------------------------------------------------------

    def w(self, name: str, s: float = 0.8) -> str:
        return pick(self.rng, words(f"{self.language}.{name}"), s)

    def noun(self) -> Noun:
        roll = self.rng.random()
        if roll < RARE_NOUN_SHARE:
            singular, plural, gender = self.world.rare_noun(
                self.language, zipf_rank(self.rng, RARE_WORDS, 1.0))
            return Noun(singular, plural, gender)
        return pick(self.rng, self.lexicon.nouns, 0.75)

    def coined_compound(self) -> str:
        """"anti-government", "post-élection": a prefix and a word of the lists."""
        prefix = pick(self.rng, words(f"{self.language}.rare_prefixes"), 0.6)
        return f"{prefix}-{pick(self.rng, self.lexicon.nouns, 0.6).singular}"

    def adverb(self) -> str:
        """An adverb of the list, or one made from an adjective ("strategically")."""
        if self.rng.random() < 0.5:
            return self.w("adverbs", 0.7)
        adjective = pick(self.rng, self.lexicon.adjectives, 0.7)
        if self.language == "en":
            return english_adverb(adjective)
        return french_adverb(adjective)

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        if self.language == "fr":
            text = text.replace(",", " ").replace(".", ",")
        return text

    def count(self) -> str:
        magnitude = self.rng.choice((10, 100, 100, 1000, 1000, 10_000))
        value = self.rng.randint(2, 99) * magnitude // self.rng.choice((1, 1, 10))
        return self.number(max(3, value))

    def percent(self) -> str:
        value = self.number(self.rng.uniform(0.5, 75), self.rng.choice((0, 0, 1)))
        return f"{value} percent" if self.language == "en" else f"{value} %"

    def money(self) -> str:
        value = self.rng.choice((self.rng.randint(2, 950), round(self.rng.uniform(1, 99), 1)))
        text = self.number(value, 1 if isinstance(value, float) else 0)
        scale = self.rng.choice(("million", "billion"))
        if self.language == "en":
            return f"{self.rng.choice(('€', '€', '$', '£'))}{text} {scale}"
        unit = self.rng.choice(("d'euros", "d'euros", "de dollars"))
        scale = ("million" if scale == "million" else "milliard") + ("s" if value >= 2 else "")
        return f"{text} {scale} {unit}"

    def year(self) -> int:
        return self.rng.randint(max(1990, self.cast.published.year - 30), self.cast.published.year)

    # Actors ---------------------------------------------------------------------------------

    def mention(self, actor: Actor) -> None:
        if actor.key != NATO_KEY:  # NATO is counted in the text, however it is named
            self.cast.mentions.append(actor.key)

    def one(self, actors: list):
        """One of the article's actors, the first ones most often."""
        return pick(self.rng, actors, 1.0)

    def speaker(self) -> Actor:
        return self.one(self.cast.persons)

    def person(self, actor: Actor | None = None, role: str = "") -> str:
        """A person as news names one: full name (and role) the first time, then the surname.
        role: "mid" gives "Name, role," before a verb, "end" gives "Name, role" at the end."""
        actor = actor or self.speaker()
        self.mention(actor)
        self.cast.last_person = actor
        if actor.key in self.cast.introduced:
            return actor.short if self.rng.random() < 0.85 else actor.en
        self.cast.introduced.add(actor.key)
        if role and actor.role and self.rng.random() < 0.75:
            return f"{actor.en}, {self.role(actor)}{',' if role == 'mid' else ''}"
        return actor.en

    def surname(self, actor: Actor | None = None) -> str:
        actor = actor or self.speaker()
        if actor.key not in self.cast.introduced:
            return self.person(actor)
        self.mention(actor)
        self.cast.last_person = actor
        return actor.short

    def pronoun(self) -> str:
        person = self.cast.last_person or self.speaker()
        if self.language == "en":
            return "she" if person.gender == "f" else "he"
        return "elle" if person.gender == "f" else "il"

    def actor(self) -> Actor:
        roll = self.rng.random()
        if roll < 0.35:
            return self.one(self.cast.states)
        if roll < 0.65:
            return self.one(self.cast.parties)
        return self.one(self.cast.organisations)

    def actor_name(self, actor: Actor | None = None) -> str:
        actor = actor or self.actor()
        self.mention(actor)
        return actor.name(self.language)

    def place(self) -> str:
        return self.one(self.cast.places)

    def country(self) -> str:
        return self.actor_name(self.one(self.cast.states))

    def capital(self) -> str:
        country = self.one(self.cast.states).country
        return country.capital_en if self.language == "en" else country.capital_fr

    def thing(self) -> str:
        name, kind = self.world.thing(zipf_rank(self.rng, THINGS, 1.0))
        things = entries(f"{self.language}.things")
        noun = things[kind % len(things)]
        if self.language == "en":
            return f"the {name} {noun[0]}"
        return f"{'la' if noun[1] == 'f' else 'le'} {noun[0]} {name}"

    # Articles -------------------------------------------------------------------------------

    def new_cast(self, length: int, published: date) -> Cast:
        rng, world = self.rng, self.world

        def distinct(make, count: int) -> list:
            found: list = []
            for _ in range(count * 3):
                item = make()
                if item not in found:
                    found.append(item)
                if len(found) == count:
                    break
            return found

        return Cast(
            persons=distinct(lambda: world.person(zipf_rank(rng, PERSONS, ACTOR_ZIPF)),
                             3 + min(14, length // 120)),
            parties=distinct(lambda: world.party(zipf_rank(rng, PARTIES, ACTOR_ZIPF)),
                             1 + min(4, length // 400)),
            organisations=distinct(
                lambda: world.organisation(zipf_rank(rng, ORGANISATIONS, ACTOR_ZIPF)),
                1 + min(5, length // 300)),
            states=distinct(lambda: pick(rng, world.states, ACTOR_ZIPF), 2 + min(4, length // 500)),
            places=distinct(lambda: world.place(zipf_rank(rng, PLACES, 1.0)),
                            2 + min(12, length // 100)),
            published=published)

    def fill(self, template: str) -> str:
        """A template with the slots it names filled (only those: each names an actor)."""
        speaker = self.speaker()
        values = {}
        for _, slot, _, _ in string.Formatter().parse(template):
            if slot and slot not in values:
                values[slot] = self.slot(slot, speaker)
        return template.format(**values)

    def slot(self, slot: str, speaker: Actor) -> str:
        language, rng = self.language, self.rng
        if slot == "person":
            return self.person(speaker)
        if slot == "person_role":
            return self.person(speaker, role="mid")
        if slot == "person_end":
            return self.person(speaker, role="end")
        if slot == "surname":
            return self.surname(speaker)
        if slot in ("pron", "pron_low"):
            self.cast.last_person = self.cast.last_person or speaker
            pronoun = self.pronoun()
            return pronoun if slot == "pron_low" else capitalised(pronoun)
        if slot == "party":
            return self.actor_name(self.one(self.cast.parties))
        if slot == "country":
            return self.country()
        if slot == "capital":
            return self.capital()
        if slot in ("quote", "quote_cap", "short_quote"):
            quote = self.fill(rng.choice(NATO_QUOTES[language])) if slot != "short_quote" \
                else self.quote(short=True)
            return cap(quote) if slot != "quote" else quote
        if slot == "weekday":
            day = rng.choice(words(f"{language}.weekdays")[:5])
            return f"on {day}" if language == "en" else day
        if slot == "said_to":
            return pick(rng, words(f"{language}.cues.said_to"), 0.8)
        if slot in ("np", "np_cap"):  # in a title, the subject of a verb in the singular
            text = self.np("sg")[0] if language == "en" else self.np("sg", definite=True)[0]
            return cap(text) if slot == "np_cap" else text
        if slot == "place":
            return self.place()
        raise KeyError(slot)

    def precedent(self) -> str:
        template, keys = self.rng.choice(PRECEDENTS[self.language])
        for key in keys:
            self.cast.mentions.append(key)
        if "{joined_year}" in template:  # one state, named and dated together
            members = [state for state in self.cast.states if state.country.joined] or [
                self.world.states[0]]
            state = self.rng.choice(members)
            self.mention(state)
            template = template.replace("{joined_year}", str(state.country.joined)).replace(
                "{joined_country_cap}", capitalised(state.name(self.language))).replace(
                "{joined_country}", state.name(self.language))
        return self.finish(self.fill(template))

    def finish(self, sentence: str) -> str:
        sentence = sentence.strip()
        if sentence[-1:] not in ".?!”" and not sentence.endswith(("?»", "? »", ". »")):
            sentence += "."
        sentence = english_spelling(sentence) if self.language == "en" else \
            french_spelling(sentence)
        return cap(sentence)

    SENTENCE_KINDS = ("reported", "topical", "quote", "clause", "connective", "subordinate",
                      "number", "list", "relative", "place", "precedent")
    SENTENCE_WEIGHTS = (22, 11, 12, 20, 8, 6, 7, 3, 4, 4, 2)

    def sentence(self) -> str:
        kind = self.rng.choices(self.SENTENCE_KINDS, self.SENTENCE_WEIGHTS)[0]
        if kind == "topical":
            return self.finish(self.fill(self.rng.choice(NATO_SENTENCES[self.language])))
        if kind == "precedent":
            return self.precedent()
        return getattr(self, f"s_{kind}")()

    def article(self, number: int) -> SyntheticArticle:
        rng = self.rng
        length = int(min(MAX_WORDS, max(MIN_WORDS, rng.lognormvariate(
            math.log(MEDIAN_WORDS), LENGTH_SIGMA))))
        published = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
        self.cast = self.new_cast(length, published)
        title = self.title()
        title_words = len(title.split())
        target, ceiling = max(length, MIN_WORDS) - title_words, MAX_WORDS - title_words
        paragraphs: list[list[str]] = [[self.finish(self.fill(rng.choice(
            NATO_SENTENCES[self.language][:2] + NATO_SENTENCES[self.language][-5:-1])))]]
        if rng.random() < 0.15:  # a dateline
            city = self.capital() if rng.random() < 0.5 else self.place()
            paragraphs[0][0] = f"{city.upper()} — {paragraphs[0][0]}"
        total = len(paragraphs[0][0].split())
        precedent_due = rng.random() < 0.3
        misses = 0
        while total < target and misses < 20:
            paragraph = paragraphs[-1] if len(paragraphs[-1]) < rng.choice((1, 2, 3, 3, 4, 5)) \
                else None
            sentence = self.precedent() if precedent_due and len(paragraphs) > 1 \
                else self.sentence()
            size = len(sentence.split())
            if total + size > ceiling:
                misses += 1
                continue
            precedent_due = precedent_due and len(paragraphs) <= 1
            if paragraph is None:
                paragraphs.append([sentence])
            else:
                paragraph.append(sentence)
            total += size
        body = "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)
        if rng.random() < 0.08:  # a byline
            author = self.world.person(PERSONS + rng.randrange(100_000)).en
            body = f"{'By' if self.language == 'en' else 'Par'} {author}\n\n{body}"
            if len(f"{title}\n\n{body}".split()) > MAX_WORDS:
                body = body.split("\n\n", 1)[1]
        mentions = self.cast.mentions + [NATO_KEY] * len(NATO_NAMES.findall(f"{title}\n{body}"))
        outlet = self.world.outlet(self.language, zipf_rank(rng, OUTLETS, 1.0))
        return SyntheticArticle(number, self.language, title, f"{outlet} ({SOURCE_NOTE})",
                                published.isoformat(), body, mentions)

    def title(self) -> str:
        introduced = set(self.cast.introduced)
        for _ in range(10):
            title = self.fill(self.rng.choice(TITLES[self.language]))
            if len(title.split()) <= 16:
                break
        self.cast.introduced = introduced  # a title names; the text still introduces
        title = english_spelling(title) if self.language == "en" else french_spelling(title)
        return cap(title.rstrip("."))

    # Shared by both languages: what follows a verb, and sentences made of clauses -------

    def evaluative(self):
        return pick(self.rng, self.lexicon.evaluative, 0.6)

    def object(self) -> str:
        return self.np()[0] if self.rng.random() < 0.85 else self.thing()

    def tail(self, head: str) -> str:
        parts = [head]
        if self.rng.random() < 0.35:
            parts.append(self.pp())
        if self.rng.random() < 0.18:
            parts.append(self.when())
        return " ".join(parts)

    def predicate(self, animate: bool):
        """A verb that suits the subject, and what follows it."""
        rng = self.rng
        if not animate:
            verb = pick(rng, self.lexicon.event_verbs, 0.8)
            return verb, self.tail(self.object() if rng.random() < 0.6 else self.target())
        if rng.random() < 0.3:
            return pick(rng, self.lexicon.people_verbs, 0.8), self.tail(self.target())
        return pick(rng, self.lexicon.verbs, 0.7), self.tail(self.object())

    def cue(self, that: bool = True):
        return pick(self.rng, self.lexicon.cues_that if that else self.lexicon.cues_quote, 0.9)

    def s_clause(self) -> str:
        return self.finish(self.clause())

    def s_connective(self) -> str:
        return self.finish(f"{self.w('connectives', 0.6)}, {self.clause()}")

    def s_subordinate(self) -> str:
        return self.finish(f"{capitalised(self.w('subordinators'))} {self.clause(1)}, "
                           f"{self.clause(1)}")


class English(Writer):
    language = "en"

    def adjective(self) -> str:
        roll = self.rng.random()
        if roll < RARE_ADJECTIVE_SHARE:
            return self.world.rare_adjective("en", zipf_rank(self.rng, RARE_WORDS, 1.0)).forms[0]
        if roll < RARE_ADJECTIVE_SHARE + COMPOUND_SHARE:
            return self.coined_compound()
        return pick(self.rng, self.lexicon.adjectives, 0.7)

    def determiner(self, number: str) -> str:
        rng = self.rng
        if number == "sg":
            return rng.choices(("the", "a", "this", "its", "their", "every", "another", "one",
                                "that", "each", "no"), (45, 26, 5, 5, 4, 2, 3, 2, 2, 2, 1))[0]
        if number == "mass":
            return rng.choices(("the", "", "its", "their", "more", "some", "less"),
                               (40, 38, 6, 6, 5, 3, 2))[0]
        choice = rng.choices(("the", "", "these", "its", "their", "several", "many", "some",
                              "NUM", "dozens of", "hundreds of", "thousands of", "most", "few"),
                             (34, 24, 4, 4, 5, 5, 5, 5, 8, 2, 1, 1, 1, 1))[0]
        return self.numeral() if choice == "NUM" else choice

    def numeral(self) -> str:
        return self.rng.choice(("two", "three", "four", "five", "six", "ten", "twelve", "20",
                                "about 40", "nearly 300", self.count()))

    def np(self, number: str | None = None, depth: int = 0) -> tuple[str, str]:
        """(text, "sg" or "pl") of a noun phrase: "the new regional defence budget"."""
        rng = self.rng
        noun = self.noun()
        if noun.plural is None:
            number = "mass"
        elif number is None:
            number = "pl" if rng.random() < 0.3 else "sg"
        head = noun.plural if number == "pl" else noun.singular
        if rng.random() < 0.08:
            modifier = pick(rng, self.lexicon.nouns, 0.7).singular
            head = head if modifier == noun.singular else f"{modifier} {head}"
        roll = rng.random()
        if roll < 0.35:
            adjectives = {self.adjective() for _ in range(2 if roll >= 0.3 else 1)}
            head = f"{' '.join(sorted(adjectives))} {head}"
        determiner = self.determiner(number)
        text = f"{determiner} {head}" if determiner else head
        if depth == 0 and rng.random() < 0.14:
            text += f" of {self.complement()}"
        return text, "pl" if number == "pl" else "sg"

    def agent(self, number: str | None = None) -> tuple[str, str]:
        """(text, number) of people or a body that acts: "the government", "many farmers"."""
        rng = self.rng
        noun = pick(rng, self.lexicon.agents, 0.8)
        if noun.plural is None:
            number = "sg"
        elif number is None:
            number = "pl" if rng.random() < 0.45 else "sg"
        head = noun.plural if number == "pl" else noun.singular
        if rng.random() < 0.2:
            head = f"{self.adjective()} {head}"
        if number == "sg":
            determiner = rng.choices(("the", "a", "its", "their", "this"), (75, 10, 5, 5, 5))[0]
        else:
            determiner = rng.choices(("the", "", "many", "several", "some", "NUM"),
                                     (45, 30, 5, 5, 5, 10))[0]
            determiner = self.numeral() if determiner == "NUM" else determiner
        return (f"{determiner} {head}" if determiner else head), number

    def complement(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return self.np(depth=1)[0]
        if roll < 0.8:
            return self.actor_name()
        if roll < 0.9:
            return self.place()
        return self.person()

    def target(self) -> str:
        """Whom a people verb acts on: an actor, a person, or people in general."""
        roll = self.rng.random()
        if roll < 0.45:
            return self.actor_name()
        if roll < 0.75:
            return self.person()
        return self.agent()[0]

    def pp(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return f"{rng.choice(('in', 'near', 'across', 'around', 'outside'))} {self.place()}"
        preposition = self.w("prepositions")
        return f"{preposition} {self.np(depth=1)[0] if roll < 0.8 else self.actor_name()}"

    def when(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.6:
            return self.w("time", 0.6)
        day, month = rng.randint(1, 28), rng.choice(words("en.months"))
        if roll < 0.8:
            return f"on {day} {month}"
        if roll < 0.9:
            return f"in {month} {self.year()}"
        return f"by {self.cast.published.year + rng.randint(1, 10)}"

    def vp(self, number: str = "sg", form: str = "finite", animate: bool = True) -> str:
        rng = self.rng
        verb, tail = self.predicate(animate)
        if form == "base":
            return f"{verb.base} {tail}"
        if form == "ing":
            return f"{verb.ing} {tail}"
        sg = number == "sg"
        adverb = f"{self.adverb()} " if rng.random() < 0.12 else ""
        roll = rng.random()
        if roll < 0.34:
            return f"{adverb}{verb.past} {tail}"
        if roll < 0.48:
            return f"{adverb}{verb.s3 if sg else verb.base} {tail}"
        if roll < 0.56:
            return f"will {adverb}{verb.base} {tail}"
        if roll < 0.62:
            return f"would {adverb}{verb.base} {tail}"
        if roll < 0.71:
            return f"{'has' if sg else 'have'} {adverb}{verb.participle} {tail}"
        if roll < 0.78:
            modal = rng.choice(("could", "should", "must", "might", "may", "cannot"))
            return f"{modal} {verb.base} {tail}"
        if roll < 0.82:
            return f"{'is' if sg else 'are'} {verb.ing} {tail}"
        if roll < 0.86:
            return f"did not {verb.base} {tail}"
        if roll < 0.89:
            return f"{'has' if sg else 'have'} not {verb.participle} {tail}"
        if roll < 0.93:  # passive: criticised by a person, approved by a body
            if animate:
                done, by = pick(rng, self.lexicon.people_verbs, 0.8), self.target()
            else:
                done, by = pick(rng, self.lexicon.verbs, 0.7), (
                    self.actor_name() if rng.random() < 0.5 else self.agent()[0])
            return f"{'was' if sg else 'were'} {done.participle} by {by}"
        if not animate:
            return f"{verb.past} {tail}"
        if sg and roll < 0.96:
            return f"{self.w('infinitive_openers', 0.8)} {verb.base} {tail}"
        wants = pick(rng, self.lexicon.infinitive_verbs, 0.8)
        return f"{wants.past if rng.random() < 0.6 else (wants.s3 if sg else wants.base)} " \
               f"to {verb.base} {tail}"

    def subject(self) -> tuple[str, str, bool]:
        """(text, number, whether it can act) of a clause's subject."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.28:
            return *self.agent(), True
        if roll < 0.46:
            return *self.np(), False
        if roll < 0.64:
            actor = self.actor()
            return self.actor_name(actor), "pl" if actor.plural("en") else "sg", True
        if roll < 0.77:
            return self.person(), "sg", True
        if roll < 0.83:
            pronoun = rng.choice((self.pronoun(), self.pronoun(), "they"))
            return pronoun, "pl" if pronoun == "they" else "sg", True
        noun = pick(rng, [noun for noun in self.lexicon.agents if noun.plural], 0.8)
        if roll < 0.91:
            return f"{noun.plural} in {self.place()}", "pl", True
        return f"some {self.count()} {noun.plural}", "pl", True

    def clause(self, depth: int = 0) -> str:
        subject, number, animate = self.subject()
        text = f"{subject} {self.vp(number, animate=animate)}"
        if depth == 0:
            roll = self.rng.random()
            if roll < 0.16:
                text += f" {self.w('subordinators')} {self.clause(1)}"
            elif roll < 0.22:
                which = self.rng.choice(("a move that", "a decision that", "a step that"))
                text += f", {which} {self.vp('sg', animate=False)}"
        return text

    def quote(self, short: bool = False) -> str:
        rng = self.rng
        if short:
            return rng.choice(("we must act now", "this is a mistake", "enough is enough",
                               "NATO is not the enemy", "we will not back down",
                               f"{self.np()[0]} must change"))
        roll = rng.random()
        if roll < 0.22:
            return self.fill(rng.choice(NATO_QUOTES["en"]))
        if roll < 0.42:
            modal = rng.choice(("must", "will", "cannot", "should", "have to"))
            return f"we {modal} {self.vp(form='base')}"
        if roll < 0.52:
            opinion = rng.choice(("believe", "think", "fear", "am convinced"))
            return f"I {opinion} that {self.clause(1)}"
        if roll < 0.62:
            return f"this is {rng.choice(('', 'not '))}{self.np('sg', depth=1)[0]}"
        if roll < 0.72:
            text, number = self.np()
            return f"{text} {'is' if number == 'sg' else 'are'} {self.evaluative()}"
        if roll < 0.8:
            return f"it is {self.evaluative()} to {self.vp(form='base')}"
        if roll < 0.86:
            return f"nobody can {self.vp(form='base')}"
        return self.clause()

    # Sentences ---------------------------------------------------------------------------

    def s_place(self) -> str:
        return self.finish(f"In {self.place()}, {self.clause(1)}")

    def s_relative(self) -> str:
        return self.finish(f"{self.person()}, who {self.vp('sg')}, {self.vp('sg')}")

    def s_list(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            names = []
            for _ in range(rng.choice((2, 3, 3, 4))):
                name = self.actor_name() if rng.random() < 0.6 else self.person()
                if name not in names:
                    names.append(name)
            if len(names) < 2:
                return self.s_clause()
            return self.finish(f"{', '.join(names[:-1])} and {names[-1]} {self.vp('pl')}")
        items = [self.np(depth=1)[0] for _ in range(rng.choice((3, 3, 4, 5)))]
        noun = pick(rng, [noun for noun in self.lexicon.nouns if noun.plural], 0.7)
        return self.finish(f"The {noun.plural} {rng.choice(('include', 'included', 'cover'))} "
                           f"{', '.join(items[:-1])} and {items[-1]}")

    def s_number(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            verb = rng.choice(("rose", "fell", "grew", "dropped", "increased", "shrank"))
            source = self.actor_name(self.one(self.cast.organisations))
            return self.finish(f"{cap(self.w('measures', 0.5))} {verb} by {self.percent()} in "
                               f"{self.year()}, according to {source}")
        if roll < 0.4:
            return self.finish(f"{self.country()} will spend {self.money()} on "
                               f"{self.np()[0]} over the next {rng.randint(2, 12)} years")
        noun = pick(rng, [noun for noun in self.lexicon.agents if noun.plural], 0.8)
        if roll < 0.55:
            return self.finish(f"Some {self.count()} {noun.plural} took part in the protest in "
                               f"{self.place()} {self.when()}")
        if roll < 0.7:
            return self.finish(f"{self.actor_name(self.one(self.cast.organisations))} estimates "
                               f"that {self.percent()} of {noun.plural} {self.vp('pl')}")
        if roll < 0.85:
            return self.finish(f"Turnout was {self.percent()}, against {self.percent()} in "
                               f"{self.year()}")
        return self.finish(
            f"The poll of {self.count()} voters, carried out by "
            f"{self.actor_name(self.one(self.cast.organisations))} {self.when()}, gives "
            f"{self.actor_name(self.one(self.cast.parties))} {self.percent()} of the vote")

    def s_quote(self) -> str:
        rng = self.rng
        roll = rng.random()
        quote = cap(self.quote())
        cue = self.cue(that=False)
        said = cue.past if cue.base != "tell" else "said"
        if roll < 0.3:
            outlet = self.world.outlet("en", zipf_rank(rng, OUTLETS))
            where = rng.choice(("", "", f" {self.fill('{weekday}')}",
                                f" in an interview with {outlet}",
                                f" at a press conference in {self.place()}", " in a post on X",
                                f" {self.when()}"))
            verb = said if cue.base != "tell" else f"told {self.w('cues.said_to')}"
            name = self.person(role="end") if not where else self.person()
            return self.finish(f"“{quote},” {name} {verb}{where}")
        if roll < 0.5:
            return self.finish(f"“{quote},” said {self.person(role='end')}")
        if roll < 0.65:
            return self.finish(f"{self.person(role='mid')} said: “{quote}.”")
        if roll < 0.75:
            question = rng.choice(("Who will", "Why should we", "How can we", "When will we"))
            return self.finish(f"“{question} {self.vp(form='base')}?” {self.person()} asked")
        if roll < 0.85:
            return self.finish(f"Asked about {self.np()[0]}, {self.person()} replied: “{quote}.”")
        second = cap(self.quote())
        return self.finish(f"“{quote},” {self.person()} {said}. “{second}.”")

    def s_reported(self) -> str:
        rng = self.rng
        roll = rng.random()
        cue = self.cue()
        if roll < 0.3:
            return self.finish(f"{self.person(role='mid')} {cue.past} that {self.clause()}")
        if roll < 0.38:
            return self.finish(f"{self.person()} {cue.s3} that {self.clause()}")
        if roll < 0.43:
            return self.finish(f"{self.person()} has {cue.participle} that {self.clause()}")
        if roll < 0.5:
            return self.finish(f"{cap(self.clause(1))}, {self.person()} said")
        if roll < 0.57:
            return self.finish(f"{self.person(role='mid')} told {self.w('cues.said_to')} that "
                               f"{self.clause()}")
        if roll < 0.64:
            return self.finish(f"According to {self.person()}, {self.clause()}")
        if roll < 0.69:
            return self.finish(f"{self.person()} accused {self.target()} of "
                               f"{self.vp(form='ing')}")
        if roll < 0.74:
            if rng.random() < 0.5:
                return self.finish(f"{self.person()} called for {self.np()[0]}")
            return self.finish(f"{self.person()} called on {self.target()} to "
                               f"{self.vp(form='base')}")
        if roll < 0.78:
            return self.finish(f"{self.person()} urged {self.target()} to "
                               f"{self.vp(form='base')}")
        if roll < 0.82:
            verb = rng.choice(("described", "dismissed", "denounced", "portrayed"))
            return self.finish(f"{self.person()} {verb} {self.np()[0]} as {self.evaluative()}")
        if roll < 0.86:
            verb = rng.choice(("promised", "pledged", "vowed"))
            return self.finish(f"{self.person()} {verb} to {self.vp(form='base')}")
        if roll < 0.91:
            organisation = self.one(self.cast.organisations + self.cast.parties)
            return self.finish(f"In a statement, {self.actor_name(organisation)} said that "
                               f"{self.clause()}")
        if roll < 0.96:
            return self.finish(f"{self.person()}, who {self.vp('sg')}, said that {self.clause()}")
        return self.finish(f"{capitalised(self.pronoun())} {cue.past} that {self.clause()}")

    def role(self, actor: Actor) -> str:
        values = {"party": "", "org": "", "place": actor.place, "country": "",
                  "capital": actor.country.capital_en}
        template = actor.role[0]
        if "{party}" in template:
            values["party"] = self.actor_name(actor.party)
        if "{org}" in template:
            values["org"] = self.actor_name(actor.organisation)
        if "{country}" in template:
            values["country"] = self.actor_name(self.world.state(actor.country))
        return template.format(**values).replace("s's ", "s' ")  # "the United States' "


class French(Writer):
    language = "fr"

    def adjective(self) -> FrenchAdjective:
        roll = self.rng.random()
        if roll < RARE_ADJECTIVE_SHARE:
            return self.world.rare_adjective("fr", zipf_rank(self.rng, RARE_WORDS, 1.0))
        if roll < RARE_ADJECTIVE_SHARE + COMPOUND_SHARE:
            return FrenchAdjective((self.coined_compound(),) * 4, False)
        return pick(self.rng, self.lexicon.adjectives, 0.7)

    def determiner(self, gender: str, number: str, mass: bool) -> str:
        rng = self.rng
        f = gender == "f"
        if number == "sg" and not mass:
            return rng.choices((
                "la" if f else "le", "une" if f else "un", "cette" if f else "ce",
                "sa" if f else "son", "leur", "chaque", "une autre" if f else "un autre"),
                (45, 25, 5, 5, 4, 2, 3))[0]
        if mass:
            return rng.choices(("la" if f else "le", "sa" if f else "son", "leur"),
                               (80, 10, 10))[0]
        choice = rng.choices(("les", "des", "ces", "ses", "leurs", "plusieurs",
                              "de nombreuses" if f else "de nombreux",
                              "certaines" if f else "certains", "quelques", "NUM"),
                             (40, 25, 4, 4, 5, 5, 5, 3, 4, 8))[0]
        return self.numeral() if choice == "NUM" else choice

    def numeral(self) -> str:
        return self.rng.choice(("deux", "trois", "quatre", "cinq", "dix", "douze", "20",
                                "environ 40", "près de 300", self.count()))

    def np(self, number: str | None = None, depth: int = 0,
           definite: bool = False) -> tuple[str, str, str]:
        """(text, "sg" or "pl", gender) of a noun phrase: "le nouveau budget régional"."""
        rng = self.rng
        noun = self.noun()
        mass = noun.plural is None
        if mass:
            number = "sg"
        elif number is None:
            number = "pl" if rng.random() < 0.3 else "sg"
        gender = noun.gender or "m"
        roll = rng.random()
        count = 2 if roll < 0.05 else (1 if roll < 0.33 else 0)
        head = self.noun_with_adjectives(noun, number, count)
        determiner = ("la" if gender == "f" else "le") if number == "sg" else "les"
        if not definite:
            determiner = self.determiner(gender, number, mass)
        if determiner == "des" and not head.startswith(noun.singular[:3]):
            determiner = "de"  # "de nouveaux accords"
        text = f"{determiner} {head}"
        if depth == 0 and rng.random() < 0.14:
            text += f" de {self.complement()}"
        return text, number, gender

    def noun_with_adjectives(self, noun: Noun, number: str, count: int) -> str:
        gender = noun.gender or "m"
        before, after = [], []
        for _ in range(count):
            adjective = self.adjective()
            form = adjective.form(gender, number)
            if form not in before + after:
                (before if adjective.before and not before else after).append(form)
        word = noun.plural if number == "pl" else noun.singular
        if before and gender == "m" and number == "sg" and _elides(word):
            before = [{"nouveau": "nouvel", "vieux": "vieil"}.get(before[0], before[0])]
        return " ".join(before + [word] + after)

    def agent(self, number: str | None = None) -> tuple[str, str, str]:
        """(text, number, gender) of people or a body that acts: "le gouvernement"."""
        rng = self.rng
        noun = pick(rng, self.lexicon.agents, 0.8)
        if noun.plural is None:
            number = "sg"
        elif number is None:
            number = "pl" if rng.random() < 0.45 else "sg"
        gender = noun.gender or "m"
        f = gender == "f"
        head = self.noun_with_adjectives(noun, number, 1 if rng.random() < 0.2 else 0)
        if number == "sg":
            determiner = rng.choices(("la" if f else "le", "une" if f else "un",
                                      "sa" if f else "son", "leur", "cette" if f else "ce"),
                                     (75, 8, 5, 4, 8))[0]
        else:
            determiner = rng.choices(("les", "des", "de nombreuses" if f else "de nombreux",
                                      "plusieurs", "NUM", "certaines" if f else "certains",
                                      "quelques"), (50, 20, 5, 5, 10, 5, 5))[0]
            determiner = self.numeral() if determiner == "NUM" else determiner
        return f"{determiner} {head}", number, gender

    def complement(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return self.np(depth=1, definite=True)[0]
        if roll < 0.8:
            return self.actor_name()
        if roll < 0.9:
            return self.place()
        return self.person()

    def target(self) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return self.actor_name()
        if roll < 0.75:
            return self.person()
        return self.agent()[0]

    def pp(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            preposition = rng.choice(("à", "près de", "dans la région de", "autour de"))
            return f"{preposition} {self.place()}"
        preposition = self.w("prepositions")
        return f"{preposition} {self.np(depth=1)[0] if roll < 0.8 else self.actor_name()}"

    def when(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.6:
            return self.w("time", 0.6)
        day, month = rng.randint(1, 28), rng.choice(words("fr.months"))
        if roll < 0.8:
            return f"le {'1er' if day == 1 else day} {month}"
        if roll < 0.9:
            return f"en {month} {self.year()}"
        return f"d'ici {self.cast.published.year + rng.randint(1, 10)}"

    @staticmethod
    def agree(participle: str, gender: str, number: str) -> str:
        if gender == "f":
            participle += "e"
        if number == "pl" and not participle.endswith("s"):
            participle += "s"
        return participle

    def vp(self, number: str = "sg", gender: str = "m", form: str = "finite",
           animate: bool = True) -> str:
        rng = self.rng
        verb, tail = self.predicate(animate)
        if form == "inf":
            return f"{verb.infinitive} {tail}"
        pl = number == "pl"
        present, have = (verb.p3, "ont") if pl else (verb.s3, "a")
        adverb = f"{self.adverb()} " if rng.random() < 0.12 else ""
        roll = rng.random()
        if roll < 0.3:
            return f"{have} {adverb}{verb.participle} {tail}"
        if roll < 0.45:
            return f"{present} {adverb}{tail}"
        if roll < 0.53:
            return f"{verb.future}{'ont' if pl else 'a'} {tail}"
        if roll < 0.6:
            return f"{verb.future}{'aient' if pl else 'ait'} {tail}"
        if roll < 0.65:
            return f"{verb.imperfect}{'aient' if pl else 'ait'} {tail}"
        if roll < 0.71:
            return f"{'vont' if pl else 'va'} {verb.infinitive} {tail}"
        if roll < 0.79:
            modal = rng.choice((("doit", "doivent"), ("peut", "peuvent"),
                                ("devrait", "devraient"), ("pourrait", "pourraient")))
            return f"{modal[pl]} {verb.infinitive} {tail}"
        if roll < 0.83:
            return f"ne {present} pas {tail}"
        if roll < 0.86:
            return f"ne {have} pas {verb.participle} {tail}"
        if roll < 0.9:  # passive: critiqué par une personne, adopté par un organisme
            if animate:
                done, by = pick(rng, self.lexicon.people_verbs, 0.8), self.target()
            else:
                done, by = pick(rng, self.lexicon.verbs, 0.7), (
                    self.actor_name() if rng.random() < 0.5 else self.agent()[0])
            return f"{have} été {self.agree(done.participle, gender, number)} par {by}"
        if not animate:
            return f"{have} {verb.participle} {tail}"
        if not pl and roll < 0.94:
            opener = rng.choice(entries("fr.infinitive_openers"))
            opener = opener[1] if gender == "f" and len(opener) > 1 else opener[0]
            return f"{opener} {verb.infinitive} {tail}"
        wants = pick(rng, self.lexicon.infinitive_verbs, 0.8)
        preposition = f"{wants.preposition} " if wants.preposition else ""
        return f"{wants.p3 if pl else wants.s3} {preposition}{verb.infinitive} {tail}"

    def subject(self) -> tuple[str, str, str, bool]:
        """(text, number, gender, whether it can act) of a clause's subject."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.28:
            return *self.agent(), True
        if roll < 0.46:
            return *self.np(), False
        if roll < 0.64:
            actor = self.actor()
            number = "pl" if actor.plural("fr") else "sg"
            return self.actor_name(actor), number, actor.french_gender(), True
        if roll < 0.77:
            name = self.person()
            return name, "sg", self.cast.last_person.gender, True
        if roll < 0.83:
            pronoun = self.pronoun()
            return pronoun, "sg", "f" if pronoun == "elle" else "m", True
        noun = pick(rng, [noun for noun in self.lexicon.agents if noun.plural], 0.8)
        if roll < 0.91:
            return f"les {noun.plural} de {self.place()}", "pl", noun.gender, True
        return f"quelque {self.count()} {noun.plural}", "pl", noun.gender, True

    def clause(self, depth: int = 0) -> str:
        subject, number, gender, animate = self.subject()
        text = f"{subject} {self.vp(number, gender, animate=animate)}"
        if depth == 0:
            roll = self.rng.random()
            if roll < 0.16:
                text += f" {self.w('subordinators')} {self.clause(1)}"
            elif roll < 0.22:
                which = self.rng.choice(("une décision qui", "une mesure qui", "une étape qui"))
                text += f", {which} {self.vp('sg', 'f', animate=False)}"
        return text

    def quote(self, short: bool = False) -> str:
        rng = self.rng
        if short:
            return rng.choice(("il faut agir maintenant", "c'est une erreur", "ça suffit",
                               "l'OTAN n'est pas l'ennemie", "nous ne reculerons pas",
                               f"{self.np(definite=True)[0]} doit changer"))
        roll = rng.random()
        if roll < 0.22:
            return self.fill(rng.choice(NATO_QUOTES["fr"]))
        if roll < 0.4:
            modal = rng.choice(("devons", "allons", "pouvons", "voulons"))
            return f"nous {modal} {self.vp(form='inf')}"
        if roll < 0.48:
            return f"il faut {self.vp(form='inf')}"
        if roll < 0.56:
            opinion = rng.choice(("crois", "pense", "suis convaincu", "constate"))
            return f"je {opinion} que {self.clause(1)}"
        if roll < 0.64:
            return f"c'est {self.np('sg', depth=1)[0]}"
        if roll < 0.74:
            text, number, gender = self.np(definite=True)
            return f"{text} {'est' if number == 'sg' else 'sont'} " \
                   f"{self.evaluative().form(gender, number)}"
        if roll < 0.8:
            return f"il est {self.evaluative().forms[0]} de {self.vp(form='inf')}"
        if roll < 0.86:
            return f"personne ne peut {self.vp(form='inf')}"
        return self.clause()

    # Sentences ---------------------------------------------------------------------------

    def s_place(self) -> str:
        return self.finish(f"À {self.place()}, {self.clause(1)}")

    def s_relative(self) -> str:
        name = self.person()
        gender = self.cast.last_person.gender
        return self.finish(f"{name}, qui {self.vp('sg', gender)}, {self.vp('sg', gender)}")

    def s_list(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            names = []
            for _ in range(rng.choice((2, 3, 3, 4))):
                name = self.actor_name() if rng.random() < 0.6 else self.person()
                if name not in names:
                    names.append(name)
            if len(names) < 2:
                return self.s_clause()
            return self.finish(f"{', '.join(names[:-1])} et {names[-1]} {self.vp('pl')}")
        items = [self.np(depth=1)[0] for _ in range(rng.choice((3, 3, 4, 5)))]
        noun = pick(rng, [noun for noun in self.lexicon.nouns if noun.plural], 0.7)
        verb = rng.choice(("comprennent", "incluent", "concernent"))
        return self.finish(f"Les {noun.plural} {verb} {', '.join(items[:-1])} et {items[-1]}")

    def s_number(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            measure = self.w("measures", 0.5)
            have = "ont" if measure.startswith("les ") else "a"
            verb = rng.choice(("augmenté", "baissé", "progressé", "reculé"))
            source = self.actor_name(self.one(self.cast.organisations))
            return self.finish(f"{cap(measure)} {have} {verb} de {self.percent()} en "
                               f"{self.year()}, selon {source}")
        if roll < 0.4:
            return self.finish(f"{cap(self.country())} consacrera {self.money()} à "
                               f"{self.np(definite=True)[0]} au cours des "
                               f"{rng.randint(2, 12)} prochaines années")
        noun = pick(rng, [noun for noun in self.lexicon.agents if noun.plural], 0.8)
        if roll < 0.55:
            return self.finish(f"Quelque {self.count()} {noun.plural} ont manifesté à "
                               f"{self.place()} {self.when()}")
        if roll < 0.7:
            organisation = self.actor_name(self.one(self.cast.organisations))
            return self.finish(f"Selon {organisation}, {self.percent()} des {noun.plural} "
                               f"{self.vp('pl', noun.gender)}")
        if roll < 0.85:
            return self.finish(f"La participation a atteint {self.percent()}, contre "
                               f"{self.percent()} en {self.year()}")
        return self.finish(
            f"Le sondage, réalisé par {self.actor_name(self.one(self.cast.organisations))} "
            f"auprès de {self.count()} personnes {self.when()}, crédite "
            f"{self.actor_name(self.one(self.cast.parties))} de {self.percent()} des "
            f"intentions de vote")

    def s_quote(self) -> str:
        rng = self.rng
        roll = rng.random()
        quote = cap(self.quote())
        cue = self.cue(that=False)
        if roll < 0.35:
            return self.finish(f"« {quote} », a {cue.participle} {self.person(role='end')}")
        if roll < 0.5 and self.cast.last_person is not None:
            return self.finish(f"« {quote} », a-t-{self.pronoun()} {cue.participle}")
        if roll < 0.62:
            return self.finish(f"{self.person(role='mid')} a déclaré : « {quote} »")
        if roll < 0.7:
            question = rng.choice(("Qui va", "Pourquoi devrions-nous", "Comment pouvons-nous",
                                   "Qui peut"))
            speaker = self.speaker()
            return self.finish(f"« {question} {self.vp(form='inf')} ? », s'est "
                               f"interrogé{'e' if speaker.gender == 'f' else ''} "
                               f"{self.person(speaker)}")
        if roll < 0.8:
            name = self.person()
            asked = "Interrogée" if self.cast.last_person.gender == "f" else "Interrogé"
            return self.finish(f"{asked} sur {self.np(definite=True)[0]}, {name} a répondu : "
                               f"« {quote} »")
        if roll < 0.9:
            outlet = self.world.outlet("fr", zipf_rank(rng, OUTLETS))
            where = rng.choice((f"dans un entretien à {outlet}",
                                f"lors d'une conférence de presse à {self.place()}",
                                "sur X", self.fill("{weekday}"), self.when()))
            return self.finish(f"« {quote} », a {cue.participle} {where} {self.person()}")
        second = cap(self.quote())
        return self.finish(f"« {quote} », a {cue.participle} {self.person()}. « {second} »")

    def s_reported(self) -> str:
        rng = self.rng
        roll = rng.random()
        cue = self.cue()
        if roll < 0.3:
            return self.finish(f"{self.person(role='mid')} a {cue.participle} que {self.clause()}")
        if roll < 0.4:
            return self.finish(f"{self.person()} {cue.s3} que {self.clause()}")
        if roll < 0.47:
            return self.finish(f"{cap(self.clause(1))}, a {cue.participle} {self.person()}")
        if roll < 0.53:
            return self.finish(f"{self.person(role='mid')} a déclaré devant "
                               f"{self.w('cues.said_to')} que {self.clause()}")
        if roll < 0.6:
            return self.finish(f"{rng.choice(('Selon', 'Pour', 'Aux yeux de'))} {self.person()}, "
                               f"{self.clause()}")
        if roll < 0.65:
            return self.finish(f"{self.person()} accuse {self.target()} de "
                               f"{self.vp(form='inf')}")
        if roll < 0.7:
            if rng.random() < 0.5:
                return self.finish(f"{self.person()} a appelé à {self.np(definite=True)[0]}")
            return self.finish(f"{self.person()} a appelé {self.target()} à "
                               f"{self.vp(form='inf')}")
        if roll < 0.74:
            return self.finish(f"{self.person()} a exhorté {self.target()} à "
                               f"{self.vp(form='inf')}")
        if roll < 0.78:
            text, number, gender = self.np(definite=True)
            return self.finish(f"{self.person()} a qualifié {text} de "
                               f"{self.evaluative().form(gender, number)}")
        if roll < 0.82:
            return self.finish(f"{self.person()} a promis de {self.vp(form='inf')}")
        if roll < 0.88:
            organisation = self.one(self.cast.organisations + self.cast.parties)
            return self.finish(f"Dans un communiqué, {self.actor_name(organisation)} a indiqué "
                               f"que {self.clause()}")
        if roll < 0.94:
            name = self.person()
            gender = self.cast.last_person.gender
            return self.finish(f"{name}, qui {self.vp('sg', gender)}, a {cue.participle} que "
                               f"{self.clause()}")
        return self.finish(f"{capitalised(self.pronoun())} a {cue.participle} que {self.clause()}")

    def role(self, actor: Actor) -> str:
        template = actor.role[2 if actor.gender == "f" else 1]
        values = {"party": "", "org": "", "place": actor.place, "country": "",
                  "capital": actor.country.capital_fr}
        if "{party}" in template:
            values["party"] = f"de {self.actor_name(actor.party)}"
        if "{org}" in template:
            values["org"] = self.actor_name(actor.organisation)
        if "{country}" in template:
            values["country"] = f"de {self.actor_name(self.world.state(actor.country))}"
        return template.format(**values)


WRITERS = {"en": English, "fr": French}


def generate_articles(articles: int, *, language: str = "both",
                      seed: int = 1) -> Iterator[SyntheticArticle]:
    """The corpus `write_corpus` writes, article by article, without touching the disk."""
    rng = random.Random(seed)
    world = World(seed)
    writers = {name: writer(world, rng) for name, writer in WRITERS.items()}
    for number in range(articles):
        lang = language if language != "both" else ("en" if number % 2 == 0 else "fr")
        yield writers[lang].article(number)


def write_corpus(folder: Path, *, articles: int, language: str = "both", seed: int = 1,
                 stats: dict | None = None) -> int:
    """Write `articles` text files into `folder`; return the number of words written.
    Pass a dict as `stats` to have it filled with `corpus_stats` of what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    words_written = 0
    written = []
    for article in generate_articles(articles, language=language, seed=seed):
        (folder / article.file_name).write_text(article.file_text(), encoding="utf-8")
        words_written += article.words
        if stats is not None:
            written.append(article)
    if stats is not None:
        stats.update(corpus_stats(written))
    return words_written


# Statistics -------------------------------------------------------------------------------------

def loglog_slope(frequencies: list[int]) -> float:
    """Least-squares slope of log(frequency) against log(rank), ranks from 1."""
    xs = [math.log(rank) for rank in range(1, len(frequencies) + 1)]
    ys = [math.log(value) for value in frequencies]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum(
        (x - mean_x) ** 2 for x in xs)


def corpus_stats(articles: Iterable[SyntheticArticle]) -> dict:
    """What a corpus holds: its word tokens and types (growth included), actors and lengths.

    Tokens are runs of letters (with inner hyphens and apostrophes: "l'OTAN", "anti-war"),
    in title and body; types are distinct tokens after case folding. Types per million
    words is the plain ratio at this size; since types grow slower than tokens, the figure
    comparable across sizes is the count of types in the first million tokens, measured
    when the corpus has them and otherwise projected by Heaps' law fitted on the growth."""
    seen: set[str] = set()
    tokens = 0
    growth: list[tuple[int, int]] = []
    at_million = None
    lengths, languages = [], Counter()
    actors: Counter = Counter()
    articles_naming: Counter = Counter()
    kinds: dict[str, str] = {}
    for article in articles:
        lengths.append(article.words)
        languages[article.language] += 1
        for token in WORD.findall(f"{article.title}\n{article.body}"):
            tokens += 1
            seen.add(token.casefold())
            if tokens == 1_000_000:
                at_million = len(seen)
        growth.append((tokens, len(seen)))
        actors.update(article.actors)
        articles_naming.update(set(article.actors))
        for key in article.actors:
            kinds.setdefault(key, key.split(":", 1)[0])
    points = [(math.log(n), math.log(v)) for n, v in growth if n >= tokens / 10 and v > 0]
    exponent = None
    if len(points) >= 3 and points[-1][0] > points[0][0]:
        mean_x = statistics.fmean(x for x, _ in points)
        mean_y = statistics.fmean(y for _, y in points)
        exponent = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
            (x - mean_x) ** 2 for x, _ in points)
    projected = at_million if at_million is not None else (
        round(len(seen) * (1_000_000 / tokens) ** exponent) if exponent and tokens else None)
    ranked = [count for _, count in actors.most_common()]
    mentions = sum(ranked)
    return {
        "articles": len(lengths),
        "languages": dict(sorted(languages.items())),
        "words": sum(lengths),
        "tokens": tokens,
        "types": len(seen),
        "types_per_million": round(len(seen) / tokens * 1_000_000) if tokens else 0,
        "heaps_exponent": round(exponent, 3) if exponent is not None else None,
        "types_at_million": projected,
        "types_at_million_measured": at_million is not None,
        "actors": len(actors),
        "actors_by_kind": dict(sorted(Counter(kinds[key] for key in actors).items())),
        "actor_mentions": mentions,
        "actors_named_once": sum(1 for count in ranked if count == 1),
        "actors_in_one_article": sum(1 for count in articles_naming.values() if count == 1),
        "top_actor_share": round(ranked[0] / mentions, 3) if mentions else 0,
        "top10_actor_share": round(sum(ranked[:10]) / mentions, 3) if mentions else 0,
        "zipf_slope_top100": round(loglog_slope(ranked[:100]), 3) if len(ranked) >= 10 else None,
        "top_actors": actors.most_common(10),
        "length_min": min(lengths, default=0),
        "length_median": statistics.median(lengths) if lengths else 0,
        "length_mean": round(statistics.fmean(lengths)) if lengths else 0,
        "length_max": max(lengths, default=0),
    }


def actor_label(key: str) -> str:
    """The name in an actor's key ("person:Anna Kostadis#12" -> "Anna Kostadis")."""
    return key.split(":", 1)[1].split("#", 1)[0]


def format_stats(stats: dict) -> str:
    languages = ", ".join(f"{name} {count:,}" for name, count in stats["languages"].items())
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in stats["actors_by_kind"].items())
    million = (f"{stats['types_at_million']:,} measured in the first 1,000,000 tokens"
               if stats["types_at_million_measured"] else
               f"{stats['types_at_million']:,} projected at 1,000,000 tokens by Heaps' law "
               f"(exponent {stats['heaps_exponent']})")
    top = "; ".join(f"{actor_label(key)} {count:,}" for key, count in stats["top_actors"])
    return "\n".join([
        f"articles: {stats['articles']:,} ({languages})",
        f"article length in words, title included: min {stats['length_min']:,}, "
        f"median {stats['length_median']:,.0f}, mean {stats['length_mean']:,}, "
        f"max {stats['length_max']:,}",
        f"words (white space): {stats['words']:,}; word tokens (letters): {stats['tokens']:,}",
        f"distinct word types (case-folded): {stats['types']:,}, "
        f"{stats['types_per_million']:,} per million tokens at this size",
        f"word types in a million tokens: {million}; "
        f"Heaps exponent on this corpus {stats['heaps_exponent']}",
        f"distinct actors: {stats['actors']:,} ({kinds}); mentions {stats['actor_mentions']:,}",
        f"actors named once: {stats['actors_named_once']:,}; in one article only: "
        f"{stats['actors_in_one_article']:,}",
        f"top actor's share of mentions: {stats['top_actor_share']:.1%}; top 10: "
        f"{stats['top10_actor_share']:.1%}; rank-frequency slope, top 100 (log-log): "
        f"{stats['zipf_slope_top100']}",
        f"most named: {top}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--language", choices=("en", "fr", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stats", action="store_true",
                        help="print tokens, word types, actors and lengths of the corpus")
    args = parser.parse_args()
    stats: dict | None = {} if args.stats else None
    words_written = write_corpus(args.out, articles=args.articles, language=args.language,
                                 seed=args.seed, stats=stats)
    print(f"{args.articles} articles, {words_written} words -> {args.out}")
    if stats is not None:
        print(format_stats(stats))


if __name__ == "__main__":
    main()
