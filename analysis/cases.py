"""Find sentences about a country joining, leaving or returning to NATO or its integrated command.

A case mention is a move (`resources/lexicon.json`, "cases": a verb such as "withdrew",
"réintègre", "took … out", or a noun such as "withdrawal", "retour") read on the parse:
- what is left or joined is NATO or its military side (a NATO mention, "the integrated
  command", "structures militaires", or, for a move with no object, the words of its
  sentence or the one before), not a city, a government or another body;
- the country that moves is the move's subject, its object ("took France out"), its
  possessor ("France's withdrawal", "le retrait de la Grèce"), shared with a coordinated
  verb ("left in 1974 and returned in 1980"); never a country in a cause clause ("after
  the Turkish invasion of Cyprus"); it must be named in the sentence;
- the year is the one the move's own phrase gives ("in 1966", "the 1974 withdrawal",
  "from 1966 to 2009"), else one given to the clause that governs it, else the nearest
  unused year of the sentence; "today" in a dated article is its year;
- a move governed by a call ("should", "calls for", "réclame", "a resolution", "promised
  to") is a call to leave (`leave_alliance_proposal`), dated by the year its sentence gives
  the call or the article's year; a modal inside history ("the bases had to go") or a
  decision ("decided to leave") is the move itself; a move after "if" / "si" is a
  hypothesis and no mention;
- the leader is the person the sentence names for the move (its subject when the country
  is its object, "under de Gaulle", "décidé par Sarkozy"), the caller of a call, else
  the leader the reference table gives the linked case.
Mentions link to the reference table `data/cases.csv`.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd
from spacy.tokens import Token

from analysis import lexicon, reference
from analysis.actors import ActorIndex, Mention
from analysis.claims import Claim, find_structure
from analysis.claims.content import lemma_forms
from analysis.claims.genres import Structure
from analysis.claims.speakers import Speakers
from analysis.document import ArticleDoc, Sentence
from analysis.lexicon import fold_accents

MIN_YEAR, MAX_YEAR = 1945, 2100
MIN_STEM = 4
MAX_REMEMBERED_LINKS = 10_000
PARTICLE_REACH = 5  # tokens after "took France" where "out" may be
ACTION_MOVES = {"withdraw_integrated_command": ("withdraw", "integrated"),
                "return_integrated_command": ("return", "integrated"),
                "join": ("join", "alliance")}
ECHO_REACH = 5  # tokens before "did" / "fait" where "as" / "comme" may be
CHAIN_STEPS = 6  # heads above a move where a call or a year may govern it
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
# what follows a verb's stem in its conjugated forms, accents folded ("quitt|e", "retir|ait")
FRENCH_ENDINGS = {
    "", "e", "es", "ent", "ons", "ez", "er", "ir", "re", "is", "it", "issent", "issait",
    "issaient", "ee", "ees", "i", "ie", "ies", "a", "ai", "as", "ait", "aient", "ant", "era",
    "erait", "eront", "ira", "irait", "iront", "ront", "ra", "rait", "u", "ue", "us", "ues",
    "ut", "irent", "erent", "ions", "iez", "issons",
}
MOVES = ("return", "withdraw", "join")  # "rejoin" is a return before it is a join
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "obj", "iobj"}
POSSESSOR_DEPS = {"poss", "nmod:poss", "nmod", "pobj", "obl"}
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "acl"}
NAME_PART_DEPS = {"poss", "nmod:poss", "compound", "flat", "flat:name", "appos", "det", "conj"}
# Clauses set side by side, and relative clauses: no call governs across them.
AUXILIARIES = {"avoir", "être", "have", "be"}
LOOSE_DEPS = {"parataxis", "dep", "relcl", "acl:relcl"}
CAUSATIVE = {"make", "let", "faire", "laisser"}
RELATIVE_DEPS = {"relcl", "acl:relcl"}
YEAR = re.compile(r"^\d{4}$")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
TIMELINE_YEAR = re.compile(r"\s*(?P<year>\d{4})\s*[–—:-]\s")
LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[-•–*])\s")  # "1. ", "- ", "• "
RECENT = datetime.timedelta(days=62)  # a day-month date this close before a report is its year
LIST_MARK = re.compile(r"\d{1,2}[.)]|[-•–*]")
RANGE = re.compile(r"\b(?P<first>(?:19|20)\d\d)\s*(?:[-–—]|to|à|and|et|until|till)\s*"
                   r"(?P<second>(?:19|20)\d\d)\b")


@dataclass
class CaseMention:
    sentence_index: int
    start_char: int
    end_char: int
    country: str
    year: int | None
    action: str
    leader: str
    case_id: str
    evidence: str


@dataclass
class _Move:
    token: Token
    move: str  # "join", "withdraw", "return", "other"
    about: str | None = None  # set for a move that repeats an earlier one ("did the same")
    ceased: bool = False  # "no longer takes part in": a withdrawal said with a negation


def find_case_mentions(article: ArticleDoc, actors: ActorIndex, claims: list[Claim],
                       cases: pd.DataFrame | None = None,
                       structure: Structure | None = None) -> list[CaseMention]:
    """Every mention of a country's move in or out of NATO: one per country, move and year
    in a sentence."""
    rules = lexicon.rules(article.language)
    cases = reference.load_cases() if cases is None else cases
    structure = structure or find_structure(article, actors, rules)
    finder = _CaseFinder(article, actors, claims, cases, structure, rules)
    found: list[CaseMention] = []
    for sentence in article.sentences:
        rows = list(finder.sentence(sentence))
        dated = {(row.country, row.action) for row in rows if row.year is not None}
        seen: set[tuple[str, int | None, str]] = set()
        for row in rows:
            key = (row.country, row.year, row.action)
            if key in seen or row.year is None and (row.country, row.action) in dated:
                continue  # "membre fondateur en 1949, signe le traité": one move, its year
            seen.add(key)
            found.append(row)
    return found


class _CaseFinder:
    def __init__(self, article: ArticleDoc, actors: ActorIndex, claims: list[Claim],
                 cases: pd.DataFrame, structure: Structure, rules: lexicon.Rules) -> None:
        self.article = article
        self.actors = actors
        self.claims = claims
        self.cases = cases
        self.rules = rules
        speakers = [(c.speaker, c.speaker_type, c.sentence_index, c.start_char) for c in claims]
        self.speakers = Speakers(article, actors, rules, lambda: speakers,
                                 structure.first_person)
        self.structure = structure
        self.verbs = {move: rules.words("cases", f"{move}_verbs") for move in MOVES}
        self.nouns = {move: rules.words("cases", f"{move}_nouns") for move in MOVES}
        self.nouns["other"] = rules.words("cases", "other_nouns")
        self.folded_nouns = {move: frozenset(fold_accents(noun) for noun in nouns)
                             for move, nouns in self.nouns.items()}  # "depart" in a scan
        self.move_verbs = frozenset().union(*self.verbs.values())
        self.move_words = _move_words(rules.language)
        self.particles = lexicon.lexicon()["cases"]["particles"]
        self.integrated = rules.ordered("cases", "integrated_words")
        self.numbers = lexicon.lexicon()["numbers"][article.language]
        self.topic_nato = any(mention.actor == "NATO" for mention in actors.mentions)
        self.indefinite = rules.words("grammar", "indefinite_articles")
        self.last_move: tuple[str, str] | None = None  # (move, about) told last
        self._folded: dict[str, frozenset[str]] = {}
        self._leaders: dict[str, set[str]] | None = None
        # Whether the article was parsed by a French pipeline (asked of every word: `doc.lang_`
        # looks the name up in the vocabulary each time).
        self.french = any(doc.lang_ == "fr" for doc, _ in article.parts)
        self.told_about: dict[tuple[int, int], str] = {}  # move token -> what it is about
        # (sentence, year) of the moves found so far, for "six years later"
        self.dated: list[tuple[int, int, str]] = []  # with the action
        self.alliance = rules.ordered("cases", "alliance_words")
        self.folded_integrated = frozenset(fold_accents(word) for word in self.integrated
                                           if " " not in word)  # "integree" in a scan
        self.event_after = frozenset(fold_accents(word)  # "après", "apres", "after"
                                     for word in rules.words("cases", "event_after_words"))
        self.months = [fold_accents(name) for name in rules.ordered("cases", "month_names")]
        names = "|".join(self.months)
        # "March 7", "7 mars", "1er août" with no year after them
        self.day_month = re.compile(rf"\b(?:(\d{{1,2}})(?:er)?\s+({names})|({names})\s+"
                                    rf"(\d{{1,2}}))\b(?!\s*,?\s*\d{{4}})")

    # ------------------------------------------------------------ sentences

    def sentence(self, sentence: Sentence) -> Iterator[CaseMention]:
        text = sentence.lower
        previous = self.article.sentences[max(0, sentence.index - 1)].lower
        context = f"{previous} {text}"
        if not (self.topic_nato or self._names(context, self.alliance)
                or self._names(context, self.integrated)):
            return
        years = [token for token in sentence.tokens if _is_year(token)]
        claimed: set[int] = set()
        moves = self._moves(sentence)
        ranged = self._range(sentence, moves)
        if ranged:
            yield from ranged
            return
        for move in moves:
            yield from self._rows(move, sentence, context, years, claimed)

    def _rows(self, move: _Move, sentence: Sentence, context: str, years: list[Token],
              claimed: set[int], echoed: bool = False) -> Iterator[CaseMention]:
        token = move.token
        about = move.about or self._about_nato(token, context, move.move)
        if about is None and token.dep_ == "conj" and not self._takes_back_something_else(
                token):
            # "took the same step in 1974 and returned six years later on terms …": a verb
            # joined to a move out of NATO moves in or out of the same
            about = self.told_about.get((id(token.doc), token.head.i))
        if about is not None:
            self.told_about[(id(token.doc), token.i)] = about
        if about is None or self._hypothetical(token) or self._opposed(token):
            return
        countries = self._movers(token) or self._addressees(token)
        mark = self._echo_mark(token) if echoed else None
        if mark is not None:
            # "comme la France l'avait fait": the state between "comme" and the verb
            countries = [m for m in self._mentions(sentence) if m.actor_type == "state"
                         and m.tokens[0].doc is token.doc
                         and mark.i < m.tokens[0].i < token.i] or countries
        if countries and move.move == "join":
            countries += [m for m in self._companions(token)
                          if m.actor not in {c.actor for c in countries}]
        if not countries and move.move == "other" and not any(
                lexicon.demonym_state(child.text) for child in token.children
                if child.dep_ in {"amod", "compound"}):
            # "in a referendum called by Felipe González, voters chose to stay": the one
            # state the sentence names held it; "le référendum espagnol" is no other state's
            countries = self._only_state(sentence)
        echo = self._echo(token)
        if echo is not None:
            # "rejoin, as Greece did in 1980": the move is Greece's, in that clause's year
            yield from self._rows(_Move(echo, move.move), sentence, context, years, claimed,
                                  echoed=True)
        vote_call = self._call(token) if move.move == "other" and not echoed else None
        if vote_call is not None and vote_call.i != token.i:
            return  # "demands a referendum on leaving NATO": the call is the row
        if not countries:
            return
        # a clause that repeats a move ("as France did") tells what was done, not a call
        call = self._call(token) if move.move == "withdraw" and not echoed else None
        if call is not None:
            if _asks(sentence):
                return  # "Should France leave?" calls for nothing
            year = self._call_year(token, call, years, claimed)
            leader = self._caller(token, call)
            for country in countries:
                yield self._row(sentence, country.actor, year, "leave_alliance_proposal", leader)
            return
        if self._negated(token) and not move.ceased:
            return  # "Greece will not come back", "n'a jamais quitté"
        future = _future(token)
        event_year = self._years_before_event(token, sentence)
        year_token = None if event_year else self._year_of(token, years, claimed,
                                                             deadlines=future)
        if year_token is not None:
            claimed.add(year_token.i)
            year: int | None = int(year_token.text)
        else:
            year = event_year or self._relative_year(
                list(token.subtree), move.move) or self._relative_year(list(sentence.tokens),
                                                                       move.move) or (
                self._after_waiting(token, sentence) if move.move == "return" else None)
            if year is None and self._names(sentence.lower,
                                            self.rules.ordered("cases", "today_words")):
                year = self.article.published_year
            if year is None and self._names(sentence.lower,
                                            self.rules.ordered("cases", "same_year_words")):
                # "In August of that year", "la même année": the year written last before
                year = self._year_before(sentence.start_char)
            if year is None:
                year = self._line_year(sentence)
            if year is None:
                year = self._recent_date_year(sentence)
        if year is None and _asks(sentence):
            return  # "How did France come back?": a heading that asks, no move of its own
        published = self.article.published_year
        if future and (year is None or published is not None and year >= published):
            return  # "Athens will return within a year": a forecast, not a move
        action = _action(move.move, about)
        leader = self._leader(token, countries)
        paired = self._paired_years(token, countries, year_token, claimed)
        for country in countries:
            year = paired.get(country.actor, year)
            country_action = action
            if action == "other" and move.move == "withdraw" and self._link(
                    country.actor, year, "withdraw_integrated_command"):
                # Press shorthand ("de Gaulle pulled France out of NATO in 1966") for a move
                # the reference table knows as a withdrawal from the integrated command.
                country_action = "withdraw_integrated_command"
            yield self._row(sentence, country.actor, year, country_action,
                            leader or self._table_leader(country.actor, year, country_action))

    # ------------------------------------------------------------ moves

    def _moves(self, sentence: Sentence) -> list[_Move]:
        """The words of a sentence that name a move, with the move they name."""
        found = []
        for token in sentence.tokens:
            lemma = token.lemma_.lower()
            if not self._may_tell_a_move(token, lemma):
                continue
            for move in MOVES:
                verb = (lemma in self.verbs[move] and (token.pos_ in {"VERB", "AUX"}
                                                       or _after_auxiliary(token))
                        and not self._describes(token)) or (
                    self._stem_match(token, self.verbs[move]) and not token.text[:1].isupper())
                if verb and token.doc[token.i + 1: token.i + 2].text.lower() == "à" and (
                        lemma in {"quitte"} or token.lower_ == "quitte") and (
                        token.doc[token.i + 2: token.i + 3].text.lower().endswith(
                            ("er", "ir", "re"))):
                    verb = False  # "quitte à perdre …" means "even if"; not "quitte à son tour"
                place = move == "return" and self._takes_place(token)
                if verb or place:
                    needed = None if place else self.particles.get(lemma)
                    following = token.doc[token.i + 1: token.i + 1 + PARTICLE_REACH]
                    if needed and not any(t.lower_ in needed for t in following):
                        continue
                    found.append(_Move(token, move))
                    break
                nouns = self.nouns[move]
                # ("signataires", "pays fondateur": the small French model tags them ADJ)
                tags = {"NOUN", "PROPN", "ADJ"} if move == "join" else {"NOUN", "PROPN"}
                if token.pos_ in tags and (
                        lemma in nouns or token.lower_ in nouns or self._in_phrase(token, nouns)
                        or fold_accents(token.lower_) in self.folded_nouns[move]):
                    found.append(_Move(token, move))
                    break
            else:
                if self._vote(token):
                    found.append(_Move(token, "other"))
        found += self._particle_moves(sentence, {move.token.i for move in found})
        found += [move for move in self._ceased(sentence)
                  if move.token.i not in {other.token.i for other in found}]
        found += [move for move in self._same_move(sentence)
                  if move.token.i not in {other.token.i for other in found}]
        found.sort(key=lambda move: move.token.i)
        follow = self.rules.words("cases", "follow_verbs")
        for move in list(found):
            # "Finland joined in 2023, and Sweden followed in 2024": the same move
            found += [_Move(child, move.move) for child in move.token.children
                      if child.dep_ in {"conj", "parataxis"} and child.lemma_.lower() in follow]
        return found

    def _may_tell_a_move(self, token: Token, lemma: str) -> bool:
        """Whether the word or its lemma is in a list the tests of `_moves` start from, its
        form without accents among the nouns', or (French) its stem a move verb's: the other
        words of a text, most of them, need no test."""
        lower = token.lower_
        words = self.move_words
        if lower in words or lemma in words:
            return True
        folded = _folded(lower)
        return folded in words or self.french and _stem_form(folded, self.move_verbs)

    def _vote(self, token: Token) -> bool:
        """A vote on membership: "referendum"; "a popular vote", "aux urnes" in a sentence
        that names staying in; "Spain voted to stay in the alliance", "asks its
        voters whether to remain", "a interrogé ses citoyens sur son appartenance". Not
        "voted the budget" nor "asked the minister"."""
        lemma = token.lemma_.lower()
        if token.pos_ in {"NOUN", "PROPN", "ADJ"} and token.is_lower and (
                lemma in self.nouns["other"] or token.lower_ in self.nouns["other"]):
            return True  # the small French model tags "par référendum" ADJ
        if token.pos_ in {"NOUN", "PROPN"} and token.is_lower:
            return self._in_phrase(token, self.rules.ordered("cases", "vote_nouns"),
                                   single=True) and self._on_membership(list(token.sent))
        if token.pos_ != "VERB":
            return False
        asks = lemma in self.rules.words("cases", "consult_verbs") and any(
            child.dep_ in OBJECT_DEPS | {"obl", "dative"}
            and child.lemma_.lower() in self.rules.words("cases", "voter_nouns")
            for child in token.children)
        if not (asks or lemma in self.rules.words("cases", "vote_verbs")):
            return False
        return self._on_membership([t for child in token.children
                                    if child.dep_ not in SUBJECT_DEPS for t in child.subtree])

    def _on_membership(self, tokens: list[Token]) -> bool:
        """Words of staying in or belonging ("to stay", "son maintien", "membership"): a
        vote on a motion that names NATO is not a vote on membership."""
        words = self.rules.words("cases", "membership_words")
        return any(t.lemma_.lower() in words or t.lower_ in words for t in tokens)

    def _takes_place(self, token: Token) -> bool:
        """"take its full place in NATO's military structures", "reprend toute sa place
        dans le commandement intégré": a return. Not "took place in Brussels"."""
        place_verbs = self.rules.words("cases", "place_verbs")
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in place_verbs:
            return False
        places = [child for child in token.children if child.dep_ in OBJECT_DEPS
                  and child.lemma_.lower() in self.rules.words("cases", "place_nouns")]
        if not places or not any(child.dep_ in {"poss", "det", "nmod:poss"} and (
                "Yes" in child.morph.get("Poss") or child.tag_ == "PRP$")
                for child in places[0].children):
            return False  # "took place", "prendre place": no one's own place
        words = " ".join(t.lower_ for t in token.subtree)
        return self._names(words, self.integrated) or any(self._is_nato(t) for t in token.subtree)

    def _ceased(self, sentence: Sentence) -> list[_Move]:
        """"ne participe plus au commandement intégré", "no longer takes part in", "cessera
        de participer", "ne relèvent plus du commandement": a withdrawal."""
        verbs = self.rules.words("cases", "membership_verbs")
        no_longer = self.rules.words("cases", "no_longer_words")
        cease = self.rules.words("cases", "cease_verbs")
        found = []
        for token in sentence.tokens:
            if token.pos_ not in {"VERB", "AUX"} or not (
                    token.lemma_.lower() in verbs or self._stem_match(token, verbs)):
                continue
            near = token.doc[max(token.sent.start, token.i - 2): token.i + 3]
            ceasing = token.head.lemma_.lower() in cease and token.head.i != token.i
            stopped = ceasing or any(word.lower_ in no_longer for word in near)
            if stopped and self._names(" ".join(t.lower_ for t in token.subtree),
                                       self.integrated):
                found.append(_Move(token.head if ceasing else token, "withdraw", "integrated",
                                   ceased=True))
        return found

    def _same_move(self, sentence: Sentence) -> list[_Move]:
        """"Greece did the same in 1974", "took the same step", "la Grèce a fait de même":
        the move the text told last, made again by this sentence's subject."""
        if self.last_move is None:
            return []
        verbs = self.rules.words("cases", "same_move_verbs")
        phrases = self.rules.ordered("cases", "same_move_phrases")
        for token in sentence.tokens:
            if token.lemma_.lower() not in verbs or token.pos_ not in {"VERB", "AUX"}:
                continue
            following = " ".join(t.lower_ for t in token.doc[token.i + 1: token.i + 5])
            if any(f"{following} ".startswith(f"{phrase} ") for phrase in phrases):
                return [_Move(token, *self.last_move)]
        return []

    def _particle_moves(self, sentence: Sentence, taken: set[int]) -> list[_Move]:
        """"back in the command", "wants France out of the command", "hors de l'OTAN": a
        move said by a particle before NATO or its command, with no verb of moving."""
        found = []
        doc = sentence.span.doc
        particles = (self.rules.words("cases", "back_words")
                     | self.rules.words("cases", "out_words"))
        for token in sentence.tokens:
            if token.lower_ not in particles:
                continue  # (each move below starts with one of these words)
            if token.i in taken or token.head.i in taken or token.i + 2 >= len(doc):
                continue
            if token.lower_ in self.rules.words("cases", "back_words") and (
                    token.head.lemma_.lower() == "be" and token.head.dep_ == "conj"
                    and token.head.head.i in taken):
                # "walked out of the command in 1974 and was back six years later"
                found.append(_Move(token, "return"))
                continue
            following = " ".join(t.lower_ for t in doc[token.i + 1: token.i + 6])
            if not (self._names(following, self.integrated) or self._names(
                    following, self.alliance)):
                continue
            if token.lower_ in self.rules.words("cases", "back_words") and doc[
                    token.i + 1].lower_ in {"in", "into", "inside"}:
                found.append(_Move(token, "return"))
            elif token.lower_ in self.rules.words("cases", "out_words") and doc[
                    token.i + 1].lower_ in {"of", "de", "du", "des", "d'", "d’"} and not any(
                        link.lemma_.lower() in self.rules.words("cases", "membership_words")
                        for link in self._chain(token)[1:3]):
                # not "voted to stay in NATO, outside its military structure": a state
                found.append(_Move(token, "withdraw"))
        return found

    def _in_phrase(self, token: Token, phrases: frozenset[str] | tuple[str, ...],
                   single: bool = False) -> bool:
        """The noun of a phrase of the list ("founding member", "membre fondateur"); with
        `single`, a one-word entry counts too."""
        doc = token.doc
        lower, lemma = token.lower_, token.lemma_.lower()
        by_word = _phrases_by_word(phrases)
        # (only the phrases holding the word or its lemma can match; which matches first
        # does not change the answer)
        for words in by_word.get(lower, []) + by_word.get(lemma, []):
            if len(words) < 2 and not single:
                continue
            position = words.index(lower if lower in words else lemma)
            start = token.i - position
            window = doc[max(0, start): start + len(words)]
            if [t.lemma_.lower() if t.lower_ not in words else t.lower_ for t in window] == words:
                return True
        return False

    def _stem_match(self, token: Token, verbs: frozenset[str]) -> bool:
        """A conjugated form of a long verb whose lemma the small model got wrong ("quitte"
        with lemma "quitte", "retire" tagged as a noun): same stem, infinitive ending dropped.
        (The tests go cheapest first: the word's form, then its tag, then its neighbours.)"""
        if not self.french or not _stem_form(fold_accents(token.lower_), verbs):
            return False  # "réintègre" for "réintégrer", not "signifie" for "signer"
        governs = token.is_lower and any(c.dep_ in SUBJECT_DEPS for c in token.children)
        if token.pos_ in {"PUNCT", "NUM", "DET", "PRON"} or (
                token.pos_ == "PROPN" and not governs):
            return False  # the small model tags "quitte" VERB, NOUN, ADJ, even SCONJ; a
            # lower-case "name" with a subject is a verb ("la Grece reintegre l'OTAN")
        return not self._describes(token)

    def _describes(self, token: Token) -> bool:
        """A participle that describes the noun before it: "commandement intégré",
        "structure militaire intégrée", "militaire integree de" in a scan without accents
        (past the runs of spaces a scan leaves)."""
        if not self.french:
            return False
        previous = next((t for t in reversed(token.doc[max(0, token.i - 3): token.i])
                         if not t.is_space), None)
        if previous is None or previous.pos_ not in {"NOUN", "ADJ"}:
            return False
        if token.lower_.endswith(PARTICIPLE_ENDINGS):
            return True
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        # after an adjective always; after a noun unless an object follows ("la Grece
        # integre l'OTAN")
        return fold_accents(token.lower_) in self.folded_integrated and (
            previous.pos_ == "ADJ" or following is None or following.pos_ != "DET")

    def _about_nato(self, token: Token, context: str, move: str = "") -> str | None:
        """"integrated" or "alliance" when the move is in or out of NATO's command or NATO
        itself; None when it is about something else ("left Paris", "joined the EU")."""
        if move == "other":
            return "alliance"  # a referendum on membership: about NATO by its sentence
        if token.pos_ == "ADJ" and move == "join":
            # "signataires du traité de l'Atlantique Nord", not "signataires de l'accord de
            # Paris": an adjective the parser hung nothing on names what follows it
            following = []
            for word in token.doc[token.i + 1: token.sent.end]:
                if word.is_punct:
                    break
                following.append(word)
            words = " ".join(t.lower_ for t in following)
            named = any(self._is_nato(t) for t in following) or self._names(words,
                                                                            self.alliance)
            return "alliance" if named else None
        reach = self._complement(token)
        words = " ".join(t.lower_ for t in reach)
        nato = any(self._is_nato(t) for t in reach)
        if self._names(words, self.integrated) and (nato or self._names(context, self.alliance)
                                                    or self._names(words, self.integrated)):
            return "integrated"
        if nato or self._names(words, self.alliance):
            return "integrated" if self._names(context, self.integrated) else "alliance"
        if move == "return" and self._takes_back_something_else(token):
            return None  # "reprend l'entière disposition de ses forces", "regained control"
        if self._other_destination(reach):
            return None
        if self._names(context, self.integrated):
            return "integrated"
        return "alliance"

    def _takes_back_something_else(self, token: Token) -> bool:
        """A return verb whose object is neither NATO, its command nor a state: what is
        taken back is something else ("reprendre la main", "retrouver sa souveraineté")."""
        objects = [child for child in token.children if child.dep_ in {"obj", "dobj"}]
        return bool(objects) and not any(
            self._is_state(t) or t.pos_ == "PRON" or self._is_nato(t) for t in objects) and not (
            any(self._names(words, self.integrated) or self._names(words, self.alliance)
                for words in (" ".join(t.lower_ for t in o.subtree) for o in objects)))

    def _complement(self, token: Token) -> list[Token]:
        """The words that say what a move leaves or joins: the move's own dependents but its
        subject, clauses of their own and the countries that move."""
        skip = SUBJECT_DEPS | {"advcl", "conj", "cc", "punct", "parataxis", "relcl", "acl:relcl"}
        reach = []
        for child in token.children:
            if child.dep_ in skip:
                continue
            relative = {t.i for r in child.subtree if r.dep_ in RELATIVE_DEPS for t in r.subtree}
            # a move the parser joined to an object ("reprend la disposition de ses forces
            # et se retire de l'organisation militaire") is no part of what is taken back
            joined = {t.i for r in child.subtree if r.dep_ == "conj" and self._move_word(r)
                      for t in r.subtree}
            reach += [t for t in child.subtree if not self._is_state(t)
                      and t.i not in relative | joined]
        return reach

    def _move_word(self, token: Token) -> bool:
        return token.lemma_.lower() in self.move_verbs or self._stem_match(token,
                                                                           self.move_verbs)

    def _other_destination(self, reach: list[Token]) -> bool:
        """The move names something it leaves or joins that is not NATO: a place, a body,
        an office ("left Paris", "joined the government", "returned to power"). Phrases of
        time and cause ("in 1974", "after the invasion of Cyprus") do not count."""
        circumstances = self.rules.words("cases", "circumstance_words")
        aside = False  # after "after" / "après", up to the next comma: time and cause
        for token in reach:
            if token.lower_ in circumstances:
                aside = True
            elif token.is_punct:
                aside = False
            if aside or token.ent_type_ in {"DATE", "TIME"} or token.like_num:
                continue
            mention = self.actors.mention_at(token)
            if mention is not None and mention.actor != "NATO" and mention.actor_type != "state":
                return True
            if token.ent_type_ in {"GPE", "LOC", "ORG", "FAC"} and mention is None:
                return True
            if token.dep_ in OBJECT_DEPS | {"pobj", "obl", "obj"} and token.pos_ == "NOUN":
                return True
        return False

    def _is_nato(self, token: Token) -> bool:
        mention = self.actors.mention_at(token)
        return mention is not None and mention.actor == "NATO"

    def _is_state(self, token: Token) -> bool:
        mention = self.actors.mention_at(token)
        return mention is not None and mention.actor_type == "state"

    # ------------------------------------------------------------ who moves

    def _movers(self, token: Token, depth: int = 0) -> list[Mention]:
        """The states that move: a state object of a move a person or party makes ("took
        France out", "retire la Grèce"), else the subject, else the possessor of a noun;
        a verb sharing its subject with another takes that one's."""
        structural = self._structural_movers(token, depth)
        if structural or depth:
            return structural
        movers_objects = self.rules.words("cases", "mover_objects")
        if token.lemma_.lower() not in movers_objects and not self._stem_match(
                token, movers_objects) and any(
                self._is_state(child) for child in token.children if child.dep_ in OBJECT_DEPS):
            return []  # "Greece's return leaves France as the only member …": France is left
        particles = self.rules.words("cases", "back_words") | self.rules.words(
            "cases", "out_words")
        if token.pos_ in {"ADV", "ADP", "PART"} and token.lower_ in particles:
            # "Greece was back in the command", "wants France out of the command"
            head = token.head
            return (self._states_in([c for c in head.children if c.dep_ in OBJECT_DEPS])
                    or self._states_in([c for c in head.children if c.dep_ in SUBJECT_DEPS])
                    or self._fronted_subject(token)
                    or (self._movers(head.head, depth + 1) if head.dep_ == "conj" else [])
                    or (self._states_in([head]) if head.pos_ in {"NOUN", "PROPN"} else []))
            # (the last: "Greece back in NATO command", a headline without a verb)
        if any(child.dep_ == "det" and child.lower_ in self.indefinite
               for child in token.children):
            return []
        return self._linear_movers(token) or self._leader_country(token) or self._among(token)

    def _among(self, token: Token) -> list[Mention]:
        """"la Belgique et la France figurent parmi les membres fondateurs", "Belgium was
        among the signatories": the states before "among", in the same clause."""
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return []
        doc = token.doc
        among = next((t for t in reversed(doc[max(token.sent.start, token.i - 4): token.i])
                      if t.lower_ in self.rules.words("cases", "among_words")), None)
        if among is None:
            return []
        found: list[Mention] = []
        for before in reversed(doc[token.sent.start: among.i]):
            if before.text in {",", ";", ":"}:
                break
            mention = self.actors.mention_at(before)
            if mention is not None and mention.actor_type == "state" and (
                    mention.actor not in {m.actor for m in found}):
                found.insert(0, mention)
        return found

    def _leader_country(self, token: Token) -> list[Mention]:
        """"Karamanlis pulled out in August 1974, … and Athens spent six years …": a move
        whose subject is a person who led a case of the reference table, or whose stated
        state is named in the sentence, moves that state."""
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        people = [m for s in subjects if (m := self.speakers.actor_of(s)) is not None
                  and m.actor_type == "person"]
        if not people:
            return []
        person = people[0].actor
        states = {country for country, leaders in self._case_leaders().items()
                  if person in leaders}
        affiliation = self.actors.actors[person].affiliation if person in self.actors.actors else ""
        if affiliation:
            states.add(affiliation)
        sentence = self.article.sentence_at(self.article.token_start(token))
        return [m for m in self._mentions(sentence) if m.actor in states][:1]

    def _case_leaders(self) -> dict[str, set[str]]:
        """The leaders of each country's cases, read once per article from the columns
        (`itertuples` makes a named-tuple class, compiled, at every call)."""
        if self._leaders is None:
            self._leaders = {}
            for country, leader_out, leader_return in zip(
                    self.cases["country"], self.cases["leader_out"], self.cases["leader_return"]):
                self._leaders.setdefault(country, set()).update(
                    name for name in (leader_out, leader_return) if name)
        return self._leaders

    def _linear_movers(self, token: Token) -> list[Mention]:
        """For a parse that went astray (the small French model hangs "retire" on the noun
        before it): the state right after a verb that moves its object, else the nearest
        state before the move in its clause that no preposition introduces."""
        doc = token.doc
        lemma = token.lemma_.lower()
        movers_objects = self.rules.words("cases", "mover_objects")
        if lemma in movers_objects or self._stem_match(token, movers_objects):
            for following in doc[token.i + 1: min(token.sent.end, token.i + 4)]:
                mention = self.actors.mention_at(following)
                if mention is not None:
                    return [mention] if mention.actor_type == "state" else []
        if token.i >= 2 and doc[token.i - 1].text == "," and (
                "Part" in token.morph.get("VerbForm") or token.lower_.endswith(
                    PARTICIPLE_ENDINGS)):  # the small French model tags "entrée" a noun
            # "L'Espagne, entrée dans l'OTAN en 1982, choisit …": the state the participle
            # is set beside
            mention = self.actors.mention_at(doc[token.i - 2])
            if mention is not None and mention.actor_type == "state":
                return [mention]
        for index in range(token.i - 1, token.sent.start - 1, -1):
            before = doc[index]
            if before.text in {",", ";", ":", "(", "–", "—"} or before.pos_ == "VERB" and not (
                    before.dep_.startswith("aux")):  # "Paris n'a réintégré": past "a"
                return []
            mention = self.actors.mention_at(before)
            if mention is None:
                continue
            first = mention.tokens[0]
            introduced = first.i > 0 and doc[first.i - 1].pos_ == "ADP" or (
                first.i > 1 and doc[first.i - 2].pos_ == "ADP"
                and doc[first.i - 1].pos_ == "DET")
            if mention.actor_type != "state" or introduced:
                return []
            return self._states_in([mention.root]) or [mention]
        return []

    def _structural_movers(self, token: Token, depth: int) -> list[Mention]:
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        causative = (token.head.lemma_.lower() in CAUSATIVE and token.head.i != token.i) or any(
            c.lemma_.lower() in CAUSATIVE and c.i < token.i for c in token.children)
        if causative:
            objects += [c for c in token.head.children if c.dep_ in OBJECT_DEPS]
        if causative or token.lemma_.lower() in self.rules.words("cases", "mover_objects"):
            states = self._states_in(objects)  # "took France out", "retire la Grèce"
            if states:
                return states
        elif any(self._is_state(o) for o in objects):
            return []  # "leave France without a voice": France is what is left
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return self._states_in(subjects, pronouns=True)
        if token.dep_ == "conj" and depth < 2 and self._move_word(token):
            # "reprend la disposition de ses forces et se retire …" with "retire" joined to
            # the noun: the subject of the verb above
            verb = token.head
            for _ in range(3):
                if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                    break
                verb = verb.head
            states = self._states_in([c for c in verb.children if c.dep_ in SUBJECT_DEPS],
                                     pronouns=True) if verb.pos_ in {"VERB", "AUX"} else []
            if states:
                return states
        if token.pos_ in {"NOUN", "PROPN"} or token.pos_ == "ADJ" and token.dep_ != "amod":
            fronted = self._fronted_subject(token)
            if fronted:
                return fronted
            if token.dep_ == "appos" or token.dep_ in {"attr", "acomp"}:
                # "France, a founding member", "France was a founding member"
                heads = [token.head] if token.dep_ == "appos" else [
                    c for c in token.head.children if c.dep_ in SUBJECT_DEPS]
                states = self._states_in(heads)
                if states:
                    return states
            possessors = [c for c in token.children if (c.dep_ in POSSESSOR_DEPS or "Yes" in
                                                         c.morph.get("Poss"))
                          and not self._is_nato_phrase(c)]
            possessors += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"]  # "the withdrawal of France"
            states = self._states_in(possessors, pronouns=True)
            if states:
                return states
            return self._governing_subject(token)
        if token.dep_ in RELATIVE_DEPS | {"acl", "amod"} and token.head.pos_ in {"NOUN", "PROPN"}:
            # the small French parser often hangs a verb on the subject it follows
            # ("La Grèce et la Turquie adhèrent" as amod of "Grèce")
            # "France, which left …", "the only other member to have walked out"
            return self._states_in([token.head]) or (
                self._movers(token.head, depth + 1) if depth < 2 else [])
        if token.dep_ in SHARED_SUBJECT_DEPS and depth < 2 and token.head.i != token.i:
            return self._movers(token.head, depth + 1)
        if token.dep_ == "pcomp" and token.head.pos_ in {"ADP", "SCONJ"} and depth < 2:
            # "rejoined …, six years after withdrawing": the gerund shares the subject
            return self._movers(token.head.head, depth + 1)
        return []

    def _fronted_subject(self, token: Token) -> list[Mention]:
        """A phrase set before the clause with a comma describes its subject: "Membre
        fondateur de l'Alliance en 1949, la France …", "sortie de la structure militaire en
        1974, Athènes a dû …", "Back in the command from 2009 on, France …"."""
        doc = token.doc
        sentence = token.sent
        start = token.i
        while start > sentence.start and not doc[start - 1].is_punct:
            start -= 1
        if start > sentence.start and doc[start - 1].text not in {":", "—", "–"}:
            return []
        comma = next((t for t in doc[token.i + 1: sentence.end] if t.text == ","), None)
        if comma is None or any(t.pos_ == "VERB" and t.i != token.i
                                for t in doc[start: comma.i] if t.dep_ == "ROOT"):
            return []
        for following in doc[comma.i + 1: min(sentence.end, comma.i + 5)]:
            mention = self.actors.mention_at(following)
            if mention is not None:
                return self._states_in([mention.root])
            if following.pos_ in {"VERB", "AUX"}:
                return []
        return []

    def _governing_subject(self, noun: Token) -> list[Mention]:
        """The state subject of the clause a move noun sits in: "Greece announced the
        withdrawal of its forces", "confirmed its membership in a 1986 referendum",
        "Greece is another case of partial disengagement". Not for an indefinite noun
        ("les partisans d'une sortie citent l'Espagne": nobody's exit)."""
        if noun.lemma_.lower() in self.nouns["withdraw"] | self.nouns["return"] and any(
                child.dep_ == "det" and child.lower_ in self.indefinite
                for child in noun.children):
            return []
        link = noun
        for _ in range(CHAIN_STEPS):
            if link.head.i == link.i or link.dep_ not in OBJECT_DEPS | {
                    "pobj", "prep", "case", "nmod", "obl", "obl:arg", "attr", "appos"}:
                return []
            link = link.head
            if link.pos_ in {"VERB", "AUX"}:
                return self._movers(link, 1)
            if any(c.dep_ == "cop" for c in link.children):
                return self._states_in([c for c in link.children if c.dep_ in SUBJECT_DEPS])
            if link.dep_ in {"attr", "appos"}:
                heads = [link.head] if link.dep_ == "appos" else [
                    c for c in link.head.children if c.dep_ in SUBJECT_DEPS]
                return self._states_in(heads)
        return []

    def _echo(self, token: Token) -> Token | None:
        """A clause that repeats a move with "do" ("as Greece did in 1980", "comme l'a fait
        la Grèce"): its verb, which stands for the move."""
        pro_verbs = self.rules.words("cases", "pro_verbs")
        marks = self.rules.words("cases", "comparison_marks")
        for child in token.children:
            if child.dep_ == "advcl" and child.lemma_.lower() in pro_verbs and any(
                    c.lower_ in marks for c in child.children):
                return child
        # the parser may hang the clause elsewhere ("…, comme la France l'avait fait"):
        # a form of "do" after the move, a comparison word a few words before it
        doc = token.doc
        for verb in doc[token.i + 1: token.sent.end]:
            if verb.lemma_.lower() in pro_verbs and verb.pos_ in {"VERB", "AUX"} and (
                    self._echo_mark(verb) is not None):
                return verb
        return None

    def _echo_mark(self, verb: Token) -> Token | None:
        marks = self.rules.words("cases", "comparison_marks")
        doc = verb.doc
        for index in range(verb.i - 1, max(verb.sent.start, verb.i - ECHO_REACH) - 1, -1):
            if doc[index].lower_ in marks:
                return doc[index]
            if doc[index].is_punct:
                return None
        return None

    def _is_nato_phrase(self, token: Token) -> bool:
        """"from NATO", "du commandement intégré": what is left, not who leaves."""
        return self._is_nato(token) or token.lemma_.lower() in {
            word for word in self.integrated if " " not in word} | {
            word for word in self.alliance if " " not in word}

    def _states_in(self, heads: list[Token], pronouns: bool = False) -> list[Mention]:
        """The state each head names (through coordination: "Greece and Turkey"); a pronoun
        ("its", "sa", "it") stands for a state named elsewhere in its sentence."""
        found: list[Mention] = []
        for head in heads:
            for part in [head, *[c for c in head.children if c.dep_ == "conj"]]:
                mention = self._state_of(part, pronouns)
                if mention is not None and mention.actor not in {m.actor for m in found}:
                    found.append(mention)
        return found

    def _state_of(self, head: Token, pronouns: bool) -> Mention | None:
        """The state a noun phrase names: its head, or its possessor or the name it is
        built on ("Greece's forces"), not a state further down ("the issue … into
        France's apparatus")."""
        near = [head, *[t for child in head.children if child.dep_ in NAME_PART_DEPS
                        for t in child.subtree]]
        for token in sorted(near, key=lambda t: t.i):
            mention = self.actors.mention_at(token)
            if mention is not None:
                if mention.actor_type == "state":
                    return mention
                if token.i == head.i or mention.tokens[-1].i == head.i:
                    return None  # the subject is a person or a party: it names no country
        if (head.lower_ in self.rules.relative_pronouns and head.head.dep_ in RELATIVE_DEPS
                and head.head.head.i != head.head.i):
            # "Greece, which left in 1974": the noun the relative clause hangs on
            return self._state_of(head.head.head, pronouns=False)
        # "ses forces", "its troops": the forces of the state the sentence names
        possessed = pronouns and head.lower_ in self.rules.words("cases", "force_nouns") and any(
            child.dep_ in {"det", "poss", "nmod:poss"} and "Yes" in child.morph.get("Poss")
            for child in head.children)
        if head.pos_ in {"PRON", "DET"} and pronouns or possessed or head.lemma_.lower() in (
                self.rules.words("cases", "country_nouns")):
            # "its withdrawal", "take the country out": a state its sentence names
            sentence = self.article.sentence_at(self.article.token_start(head))
            states = [m for m in self._mentions(sentence) if m.actor_type == "state"]
            if head.pos_ == "PRON" and head.dep_ in SUBJECT_DEPS:
                # "the step France took when it left": the state named last before "it"
                position = self.article.token_start(head)
                before = [m for m in states if m.start_char < position]
                if before:
                    return before[-1]
            subjects = [m for m in states if m.root.dep_ in SUBJECT_DEPS]
            return (subjects or states or [None])[0]
        return None

    # ------------------------------------------------------------ calls and hypotheses

    def _chain(self, token: Token) -> list[Token]:
        """The move and the words that govern it, up to the sentence's root."""
        chain = [token]
        while (chain[-1].head.i != chain[-1].i and len(chain) <= CHAIN_STEPS
               and chain[-1].dep_ not in LOOSE_DEPS):
            chain.append(chain[-1].head)
        return chain

    def _call(self, token: Token) -> Token | None:
        """The word that makes a move a call to leave, if any ("should", "calls for",
        "resolution", "promised"); none inside history ("had to go", "decided")."""
        if _perfect(token):
            return None  # "appelle à la sortie, que le pays avait quitté en 1966": done
        proposal = self.folded("proposal_words")
        modals = self.folded("modal_words")
        for link in self._chain(token):
            # the word, its auxiliaries, and an object that is a call ("submit a resolution")
            # (or a subject that is one: "your bill would take Spain out")
            words = [link, *[c for c in link.children if c.dep_ in {"aux", "aux:pass"}
                             or c.dep_ in OBJECT_DEPS | SUBJECT_DEPS | {"attr", "xcomp"}
                             and c.pos_ == "NOUN"]]
            if self._tells_history(link):
                return None
            for word in words:
                if lemma_forms(word) & proposal:
                    if _past(word) and lemma_forms(word) & modals and not self._reported(word):
                        return None  # a modal inside history: "the bases had to go"
                    colon = next((t for t in token.doc[word.i + 1: token.i] if t.text == ":"),
                                 None) if word.i < token.i else None
                    if colon is not None and colon.i > word.i + 1:
                        # "devrait faire réfléchir : sortie … en 1974" tells what follows the
                        # colon; "le parti réclame : la sortie …" calls for it
                        return None
                    return word
        return self._call_before(token) or self._listed_demand(token) or self._reported_plan(
            token)

    def _reported_plan(self, token: Token) -> Token | None:
        """"said that a Pasok government would take Greece out": a speaker's plan for a
        government or party to come, told in the conditional or the future; not history
        told so ("de Gaulle wrote that France would withdraw", a state moving itself, or a
        sentence that dates the telling in the past)."""
        verb = token.head if token.head.lemma_.lower() in CAUSATIVE else token  # "ferait sortir"
        if not (_conditional(verb) or _future(verb)):
            return None
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if not subjects or any(self._is_state(t) or t.pos_ == "PRON" for t in subjects):
            return None
        published = self.article.published_year
        if any(_is_year(t) and published is not None and int(t.text) < published
               for t in token.sent):
            return None
        return next((link for link in self._chain(verb)[1:]
                     if link.lemma_.lower() in self.rules.cues), None)

    def _tells_history(self, word: Token) -> bool:
        """A verb that tells a move as done: "decided", "announced", "recalled"; an act in
        the infinitive is what a call asks for ("calls on the President to announce that
        France will leave"), a recalling never is ("je voudrais rappeler que …")."""
        forms = lemma_forms(word)
        return bool(forms & self.folded("retelling_words")) or bool(
            forms & self.folded("history_words")) and not _infinitive(word)

    def _listed_demand(self, token: Token) -> Token | None:
        """"Our demands are the following: 1. The withdrawal of France …", "Nous demandons :
        - la sortie de la France …": an item of a list a line of demands introduces."""
        sentence = self.article.sentence_at(self.article.token_start(token))
        sentences = self.article.sentences
        index = sentence.index
        while index >= 0 and (LIST_ITEM.match(sentences[index].text) or any(
                LIST_MARK.fullmatch(sentences[at].text.strip())
                for at in (index, index - 1) if at >= 0)):
            index -= 1  # an item, or the bare "1." the sentence splitter cut off before it
        if index < 0 or index == sentence.index:
            return None
        line = sentences[index].span
        if not line.text.rstrip().endswith(":"):
            return None
        proposal = self.folded("proposal_words")
        return next((word for word in line if lemma_forms(word) & proposal), None)

    def _reported(self, word: Token) -> bool:
        """"a martelé que la France devait quitter l'OTAN": a past modal under a reporting
        verb is the call reported, not history."""
        published = self.article.published_year
        if any(_is_year(t) and published is not None and int(t.text) < published
               for t in word.sent):
            return False  # "En 1966, de Gaulle jugeait que la France devait quitter …"
        return any(link.lemma_.lower() in self.rules.cues for link in self._chain(word)[1:])

    def _call_before(self, token: Token) -> Token | None:
        """For a parse that went astray ("réclame depuis l’automne que Paris quitte …"): a
        word of calling earlier in the sentence, then "que" / "that" / "to" / "de", then the
        move, not in a past tense."""
        if _past(token) or token.pos_ in {"PROPN", "PUNCT", "NUM", "DET", "PRON"}:
            return None
        proposal = self.folded("proposal_words")
        marks = self.rules.words("cases", "call_marks")
        doc = token.doc
        for index in range(token.i - 1, token.sent.start - 1, -1):
            word = doc[index]
            if word.text in {";", ":", "«", "»", "“", "”", "\""} or self._tells_history(word):
                return None
            if word.lower_ in self.rules.relative_pronouns and word.pos_ == "PRON" and (
                    word.dep_ != "mark"):
                # "se réclame de De Gaulle, qui fit sortir la France": history; "a resolution
                # that would take France out": the call the clause describes
                for before in reversed(doc[token.sent.start: index]):
                    if before.pos_ in {"VERB", "AUX"}:
                        return None
                    if before.pos_ == "NOUN" and lemma_forms(before) & proposal:
                        return before
                return None
            if word.pos_ in {"VERB", "NOUN", "ADV"} and lemma_forms(word) & proposal and any(
                    doc[between].lower_ in marks for between in range(index + 1, token.i)):
                return word
        return None

    def folded(self, key: str) -> frozenset[str]:
        """A word list of the cases with each word also without its accents (made once)."""
        found = self._folded.get(key)
        if found is None:
            words = self.rules.words("cases", key)
            found = self._folded[key] = frozenset(fold_accents(word) for word in words) | words
        return found

    def _negated(self, token: Token) -> bool:
        """"n'a jamais quitté", "did not leave"; not the restrictive "n'y revient qu'en 1980"."""
        negations = self.rules.words("cases", "negation_words")
        if self._no_intent(token, negations):
            return True
        verb = token if token.pos_ in {"VERB", "AUX"} else None
        if verb is None:
            return False
        negated = any(child.lower_ in negations and child.dep_ in {"neg", "advmod"}
                      for child in verb.children)
        # "did not return until 1980": when it happened, not whether
        return negated and not any(t.lower_ in self.rules.words("cases", "until_words")
                                   for t in verb.subtree)

    def _no_intent(self, token: Token, negations: frozenset[str]) -> bool:
        """"has shown no sign of returning", "n'a pas manifesté l'intention d'y revenir",
        "has no intention of leaving": an intent denied, no move."""
        intents = self.rules.words("cases", "intent_nouns")
        for link in self._chain(token)[1:4]:
            # the intent governs the move, or sits beside it ("manifesté l'intention d'y
            # revenir" with "revenir" hung on the verb)
            for intent in [link, *[c for c in link.children if c.dep_ in OBJECT_DEPS]]:
                if intent.lemma_.lower() not in intents:
                    continue
                holders = [intent, intent.head] if intent.head.i != intent.i else [intent]
                return any(child.lower_ in negations | {"aucun", "aucune", "nul", "nulle"}
                           and child.dep_ in {"neg", "advmod", "det"}
                           for holder in holders for child in holder.children)
        return False

    def _hypothetical(self, token: Token) -> bool:
        """"if France left", "si la France quittait", and a move that is the subject of a
        conditional ("une sortie affaiblirait la France", "leaving would cost")."""
        if token.dep_ in SUBJECT_DEPS and _conditional(token.head):
            return True
        marks = self.rules.words("cases", "hypothesis_marks")
        for link in self._chain(token)[:3]:
            if link.dep_ == "advcl" or link.i == token.i:
                if any(c.dep_ == "mark" and c.lower_ in marks for c in link.children):
                    return True
        return False

    def _opposed(self, token: Token) -> bool:
        """"opposes France's exit", "contre la sortie": a stance against the move, no call."""
        against = self.rules.words("cases", "against_words")
        proposal = self.rules.words("cases", "proposal_words")
        negations = self.rules.words("cases", "negation_words")
        for link in self._chain(token)[:3]:
            if link.i != token.i and link.lemma_.lower() in against:
                return True
            if link.i != token.i and link.lemma_.lower() in proposal and any(
                    c.dep_ in {"neg", "advmod"} and c.lower_ in negations
                    for c in link.children):
                return True  # "does not call for an exit"
            if any(c.dep_ in {"case", "prep"} and c.lower_ in against for c in link.children):
                return True
        return False

    def _call_year(self, token: Token, call: Token, years: list[Token],
                   claimed: set[int]) -> int | None:
        """The year the sentence gives the call ("in 1981 … pledging"), else the article's."""
        marks = self.rules.words("cases", "comparison_marks")
        compared = {year.i for year in years  # "pas seulement son commandement comme en 1966"
                    if any(t.lower_ in marks for t in year.doc[max(year.sent.start, year.i - 3):
                                                                 year.i])}
        for link in [call, *self._chain(call)[1:]]:
            for year in years:
                if year.i not in claimed | compared and not self._deadline(
                        year) and self._governs_year(link, year, own_subtree=False):
                    claimed.add(year.i)
                    return int(year.text)
        # "Un an plus tard, Papandréou gagnait après avoir promis de sortir la Grèce": a year
        # given relative to the moves told before
        return self._relative_year(list(token.sent)) or self.article.published_year

    def _caller(self, token: Token, call: Token) -> str:
        """Who makes the call: the speaker of the claim that holds it, else the subject of
        the calling word (resolved: pronouns, "we" in a communiqué), else the turn's."""
        position = self.article.token_start(token)
        for claim in self.claims:
            if claim.start_char <= position < claim.end_char:
                return claim.speaker
        for link in self._chain(call):
            for child in link.children:
                if child.dep_ in SUBJECT_DEPS:
                    mention = self.speakers.actor_of(child)
                    if mention is not None and mention.actor_type != "state":
                        return mention.actor
        speaker = self.structure.first_person(position)
        return speaker.actor if speaker is not None else ""

    # ------------------------------------------------------------ years and leaders

    def _year_of(self, token: Token, years: list[Token], claimed: set[int], *,
                 deadlines: bool = False) -> Token | None:
        """The year of a move: one in its own phrase (not in a move nested in it: "à
        réintégrer … après l'avoir quitté en 1966"), else one given to a word that governs
        it (not a verb it is coordinated with: "left in 1974 and came back"), else the
        nearest unused year of the sentence. A deadline ("by 2028") is a year only for
        what has happened ("back in the command by October 1980")."""
        free = [year for year in years if year.i not in claimed
                and not (deadlines and self._deadline(year))]
        sentence = self.article.sentence_at(self.article.token_start(token))
        nested = {move.token.i for move in self._moves(sentence)} - {token.i}
        own = [year for year in free if self._governs_year(token, year, own_subtree=True)
               and not any(step.i in nested for step in _path(year, token)[1:-1])]
        if own:
            return min(own, key=lambda year: abs(year.i - token.i))
        if self._relative_year(list(token.subtree)) is not None:
            return None
        for link in self._chain(token)[1:]:
            if _path_has(token, link, {"conj", "parataxis"}):
                break
            given = [year for year in free if self._governs_year(link, year, own_subtree=False)]
            if given:
                return given[0]
            if link.dep_ in {"conj", "parataxis"}:
                break  # "held a referendum in 1986", held joined to another verb: its year
        others = [year for year in free if not any(
            self._governs_year(move.token, year, own_subtree=True)
            for move in self._moves(self.article.sentence_at(self.article.token_start(token)))
            if move.token.i != token.i)]
        return min(others, key=lambda year: abs(year.i - token.i)) if others else None

    def _governs_year(self, word: Token, year: Token, *, own_subtree: bool) -> bool:
        """Whether a year is in a word's phrase: in its subtree (own), or attached to it
        directly through a preposition or a date ("In 1981, … won", "le 7 mars 1966")."""
        if own_subtree:
            return word in year.ancestors
        for ancestor in [year, *year.ancestors]:
            if ancestor.head.i == word.i and ancestor.i != word.i:
                return ancestor.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "relcl",
                                             "acl:relcl"} and not any(
                    t.dep_ in {"ccomp", "xcomp", "advcl"} for t in _path(year, ancestor))
            if ancestor.i == word.i:
                return False
        return False

    def _paired_years(self, token: Token, countries: list[Mention], first: Token | None,
                      claimed: set[int]) -> dict[str, int]:
        """"La Finlande et la Suède … en 2023 et 2024": coordinated countries and years of
        one move, paired in order."""
        if first is None or len(countries) < 2:
            return {}
        years = [first, *[t for t in first.subtree if t.dep_ == "conj" and _is_year(t)]]
        if len(years) != len(countries):
            # "la Finlande, en 2023, puis la Suède, en 2024": each country's nearest year
            # (not a year another move of the sentence holds: "Greece, which joined in
            # 1952 alongside Turkey, withdrew … in 1974")
            sentence = self.article.sentence_at(self.article.token_start(token))
            others = [move.token for move in self._moves(sentence) if move.token.i != token.i]
            years = sorted({year for year in token.sent if _is_year(year) and (
                year.i not in claimed and not any(
                    self._governs_year(other, year, own_subtree=True) for other in others)
                or year.i == first.i)}, key=lambda year: year.i)
            if len(years) != len(countries):
                return {}
            countries = sorted(countries, key=lambda country: country.start_char)
        claimed.update(year.i for year in years)
        return {country.actor: int(year.text) for country, year in zip(countries, years)}

    def _count_before(self, unit: Token) -> tuple[int | None, int]:
        """The number written before a unit ("six years", "quarante-trois ans") and the
        index of the word before that number."""
        doc = unit.doc
        words = []
        index = unit.i - 1
        while index >= unit.sent.start and (doc[index].like_num or doc[index].text == "-"
                                            or doc[index].lower_ in self.numbers
                                            or doc[index].lower_ in {"et", "and"}):
            words.insert(0, doc[index].lower_)
            index -= 1
        return _number(words, self.numbers), index

    def _years_before_event(self, token: Token, sentence: Sentence) -> int | None:
        """"Greece rejoined in 1980, six years after Karamanlis took it out", "l'a
        réintégrée en 1980, six ans après l'avoir quittée": a move told after "N years
        after" came N years before the year of the clause it hangs on."""
        doc = token.doc
        units = self.rules.words("cases", "relative_year_units")
        for word in doc[sentence.span.start + 2: token.i]:
            if fold_accents(word.lower_) not in self.event_after or (
                    doc[word.i - 1].lower_ not in units):
                continue
            if not (token in word.subtree or word.head.i == token.i):
                continue
            count, _ = self._count_before(doc[word.i - 1])
            told = [t for t in token.subtree if t.i > word.i]  # the event, after "after"
            if count is None or any(_is_year(t) for t in told):
                return None  # "six years after leaving in 1974": the year it gives
            outside = [t for t in sentence.tokens if _is_year(t) and t not in told]
            if outside:
                return int(outside[0].text) - count
            if self._names(sentence.lower,
                           self.rules.ordered("cases", "today_words")) and (
                    self.article.published_year is not None):
                return self.article.published_year - count
            return None
        return None

    def _relative_year(self, tokens: list[Token], move: str = "") -> int | None:
        """"Six years later", "quarante-trois ans plus tard": that many years after the last
        move the text dated (else its last year); "sixty years ago", "il y a soixante ans":
        that many years before the article's date."""
        units = self.rules.words("cases", "relative_year_units")
        after = [fold_accents(word) for word in self.rules.ordered("cases", "relative_year_after")]
        before = [fold_accents(word)
                  for word in self.rules.ordered("cases", "relative_year_before")]
        if not tokens:
            return None
        doc = tokens[0].doc
        start = tokens[0].sent.start
        for token in tokens:
            if token.lower_ not in units:
                continue
            count, index = self._count_before(token)
            if count is None:
                continue
            following = [fold_accents(t.lower_) for t in doc[token.i + 1: token.i + 3]]
            preceding = [fold_accents(t.lower_) for t in doc[max(start, index - 2): index + 1]]
            if any(word.split() in (following[:1], preceding[-len(word.split()):])
                   for word in before):
                if self.article.published_year is not None:
                    return self.article.published_year - count
                continue
            if any(word.split() in (following[:1], following[:2]) for word in after):
                position = self.article.token_start(token)
                if following[0] in self.event_after and len(following) > 1 and not doc[
                        token.i + 2].is_punct:
                    # "six ans après son départ de 1974", "43 years after the general's
                    # letter": after an event, dated by its own year or the move told last
                    base = self._event_year(doc[token.i + 1], position, move)
                    if base is not None:
                        return base + count
                    continue
                sentence_start = self.article.token_start(doc[start])
                # the year the sentence itself gave first ("tried it in 1974 and came back
                # six years later"), else the last move dated, else the last year written
                base = self._year_before(position, sentence_start)
                # not a move this sentence dated itself: "Four years later, González called a
                # referendum in which Spain voted" counts from the move before, both times
                earlier = [year for told, year, _ in self.dated
                           if told < self.article.sentence_at(position).index]
                if base is None:
                    base = earlier[-1] if earlier else self._year_before(position)
                if base is not None:
                    return base + count
        return None

    def _after_waiting(self, token: Token, sentence: Sentence) -> int | None:
        """"a mis six ans à revenir", "il aura fallu attendre quarante-trois ans pour que
        Sarkozy ramène la France", "took six years to return": that many years after the
        withdrawal the sentence dates, else the one an earlier sentence dated last."""
        units = self.rules.words("cases", "relative_year_units")
        waits = self.rules.words("cases", "duration_verbs")
        doc = token.doc
        for word in doc[sentence.span.start: token.i]:
            if word.lemma_.lower() not in waits:
                continue
            unit = next((t for t in doc[word.i + 1: min(token.i, word.i + 6)]
                         if t.lower_ in units), None)
            count = self._count_before(unit)[0] if unit is not None else None
            if count is None:
                continue
            dated = [t for t in doc[sentence.span.start: word.i] if _is_year(t)]
            if dated:
                return int(dated[-1].text) + count
            earlier = [year for told, year, action in self.dated
                       if told < sentence.index and action == "withdraw_integrated_command"]
            return earlier[-1] + count if earlier else None
        return None

    def _event_year(self, after: Token, position: int, move: str) -> int | None:
        """The year of the event an "after" introduces: one it gives ("après son départ
        de 1974"); for a return ("rejoined 43 years after the general's letter"), the
        withdrawal an earlier sentence dated last."""
        event = [t for t in after.doc[after.i + 1: after.sent.end]]
        end = next((i for i, t in enumerate(event) if t.is_punct and t.text != "'"), len(event))
        given = [t for t in event[:end] if _is_year(t)]
        if given:
            return int(given[0].text)
        index = self.article.sentence_at(position).index
        earlier = [year for told, year, action in self.dated
                   if told < index and action == "withdraw_integrated_command"]
        return earlier[-1] if earlier and move == "return" else None

    def _line_year(self, sentence: Sentence) -> int | None:
        """A timeline's entry ("1974 – En août, Athènes quitte …", "2023: Finland joins"):
        the year that opens the sentence's line."""
        text = self.article.text
        line_start = text.rfind("\n", 0, sentence.start_char) + 1
        match = TIMELINE_YEAR.match(text, line_start)
        if match is None or match.end() > sentence.end_char:
            return None
        year = int(match.group("year"))
        return year if MIN_YEAR <= year <= MAX_YEAR else None

    def _recent_date_year(self, sentence: Sentence) -> int | None:
        """"on March 7", "le 14 août" with no year, in a report dated a few weeks after that
        day: the year of the report. A day far from the report's date ("on 1 July" in an
        explainer of January) gives none."""
        try:
            published = datetime.date.fromisoformat(self.article.published[:10])
        except ValueError:
            return None
        text = fold_accents(sentence.lower)
        for match in self.day_month.finditer(text):
            day = int(match.group(1) or match.group(4))
            month = self.months.index(match.group(2) or match.group(3)) + 1
            year = published.year if (month, day) <= (published.month, published.day) else (
                published.year - 1)
            try:
                told = datetime.date(year, month, day)
            except ValueError:
                continue  # "31 juin"
            if datetime.timedelta(0) <= published - told <= RECENT:
                return told.year
        return None

    def _year_before(self, position: int, since: int = 0) -> int | None:
        """The last year written between two character positions."""
        for match in reversed(list(YEAR_IN_TEXT.finditer(self.article.text, since, position))):
            year = int(match.group())
            if MIN_YEAR <= year <= MAX_YEAR:
                return year
        return None

    def _deadline(self, year: Token) -> bool:
        """"by 2028", "avant 2027", "d'ici à 2030": a deadline, not a move's year."""
        words = self.rules.words("cases", "deadline_words")
        doc = year.doc
        before = [doc[i].lower_ for i in range(max(year.sent.start, year.i - 4), year.i)]
        joined = " ".join(before)
        if any(word in before or f"{word} " in joined + " " for word in words):
            return True
        # "avant l'élection présidentielle de 2027", "before the 2027 election"
        for ancestor in list(year.ancestors)[:3]:
            if any(child.dep_ in {"case", "prep", "mark"} and child.lower_ in words
                   for child in ancestor.children):
                return True
            if ancestor.dep_ == "pobj" and ancestor.head.lower_ in words:
                return True
        return False

    def _leader(self, token: Token, countries: list[Mention]) -> str:
        """The person the sentence names for the move: its subject when the country is its
        object, the person after "under" / "sous" / "par" / "décision de", the possessor."""
        moved = {country.actor for country in countries}
        for child in [*token.children, *(token.head.children
                                         if token.head.lemma_.lower() in CAUSATIVE else [])]:
            if child.dep_ in SUBJECT_DEPS | {"poss", "nmod:poss"}:
                mention = self.speakers.actor_of(child)
                if mention is not None and mention.actor_type == "person":
                    return mention.actor
        leader_words = self.rules.words("cases", "leader_words")
        decisions = self.rules.words("cases", "decision_nouns")
        near = self._complement(token) + [t for child in token.head.children
                                          if child.dep_ in {"prep", "obl", "obl:mod", "nmod"}
                                          and child.i != token.i for t in child.subtree]
        for child in near:
            mention = self.actors.mention_at(child)
            if mention is None or mention.actor_type != "person" or mention.actor in moved:
                continue
            root = mention.root
            marks = {t.lower_ for t in root.children if t.dep_ in {"case", "prep"}}
            marks |= {root.head.lower_} if root.dep_ == "pobj" else set()
            governed = root.head.lemma_.lower() in decisions
            if marks & leader_words or governed:
                return mention.actor
        return ""

    def _table_leader(self, country: str, year: int | None, action: str) -> str:
        """The reference table's leader of the case a mention links to (leader_out for a
        withdrawal, leader_return for a return), when the sentence names none."""
        case_id = self._link(country, year, action)
        if not case_id:
            return ""
        row = self.cases[self.cases["case_id"] == case_id].iloc[0]
        column = "leader_return" if action == "return_integrated_command" else "leader_out"
        return str(row[column])

    # ------------------------------------------------------------ ranges

    def _range(self, sentence: Sentence, moves: list[_Move]) -> list[CaseMention]:
        """"hors du commandement de 1966 à 2009", "out of the command from 1966 to 2009": a
        withdrawal in the first year and a return in the second, when no move word of the
        sentence claims those years itself."""
        text = sentence.text
        match = RANGE.search(text)
        previous = self.article.sentences[max(0, sentence.index - 1)].lower
        if match is None or not self._names(f"{previous} {text.lower()}", self.integrated):
            return []
        first, second = int(match.group("first")), int(match.group("second"))
        spanned = [move for move in moves if move.move == "withdraw" and all(
            str(year) in " ".join(t.text for t in move.token.subtree) for year in (first, second))]
        if not spanned:
            # "est sortie du commandement intégré de 1974 à 1980": a withdrawal that lasted
            if not self._names(text.lower(), self.rules.ordered("cases", "absence_words")):
                return []
            if any(str(first) in " ".join(t.text for t in move.token.subtree) for move in moves):
                return []
        states = [m for m in self._mentions(sentence) if m.actor_type == "state"]
        subjects = [m for m in states if m.root.dep_ in SUBJECT_DEPS] or states[:1]
        rows = []
        for country in subjects:
            rows.append(self._row(sentence, country.actor, first, "withdraw_integrated_command",
                                  self._table_leader(country.actor, first,
                                                     "withdraw_integrated_command")))
            rows.append(self._row(sentence, country.actor, second, "return_integrated_command",
                                  self._table_leader(country.actor, second,
                                                     "return_integrated_command")))
        return rows

    # ------------------------------------------------------------ rows

    def _names(self, text: str, words: tuple[str, ...] | frozenset[str]) -> bool:
        return _words_pattern(words).search(text) is not None

    def _companions(self, token: Token) -> list[Mention]:
        """"joined together with Turkey", "signs alongside the United States, the United
        Kingdom …", "adhère avec la Turquie", "aux côtés des États-Unis": states named right
        after such a word, and those listed with them, make the same move."""
        words = self.rules.words("cases", "comitative_words")
        doc = token.doc
        found: list[Mention] = []
        for word in doc[token.i + 1: token.sent.end]:
            if word not in token.subtree and (word.pos_ in {"VERB", "AUX"} or (
                    word.text == "," and token.dep_ in RELATIVE_DEPS)):
                break  # "Estonia, which joined in 2004, shares a border with Russia"
            if word.lower_ not in words:
                continue
            index = word.i + 1
            while index < word.sent.end and (doc[index].pos_ in {"DET", "ADP"}
                                              or doc[index].lower_ in {"de", "des", "du"}):
                index += 1
            first = self.actors.mention_at(doc[index]) if index < word.sent.end else None
            if first is None or first.actor_type != "state":
                continue  # "with the support of the United States": no companion
            for following in doc[index: word.sent.end]:
                if following.pos_ in {"VERB", "AUX"} or following.text in {";", ".", ":"}:
                    break
                mention = self.actors.mention_at(following)
                if mention is not None and mention.actor_type == "state" and (
                        mention.actor not in {m.actor for m in found}):
                    found.append(mention)
            break
        return found

    def _addressees(self, token: Token) -> list[Mention]:
        """"called on Athens to leave", "demandant à Paris de quitter", "urges Rome to
        quit": the state a call is addressed to moves, when the move names none."""
        call = self._call(token) if token.pos_ == "VERB" else None
        if call is None or not call.i < token.i:
            return []
        asked = [child for child in call.children if child.dep_ in OBJECT_DEPS | {
            "obl", "obl:arg", "dative"}]
        asked += [g for child in call.children if child.dep_ == "prep" for g in child.children
                  if g.dep_ == "pobj"]  # "called on Athens"
        return [mention for mention in self._states_in([t for t in asked if t.i < token.i])][:1]

    def _only_state(self, sentence: Sentence) -> list[Mention]:
        states = [m for m in self._mentions(sentence) if m.actor_type == "state"
                  and not m.in_quote]
        return states[:1] if len({m.actor for m in states}) == 1 else []

    def _mentions(self, sentence: Sentence) -> list[Mention]:
        first = bisect.bisect_left(self.actors.starts, sentence.start_char)
        last = bisect.bisect_left(self.actors.starts, sentence.end_char)
        return self.actors.mentions[first:last]

    def _row(self, sentence: Sentence, country: str, year: int | None, action: str,
             leader: str) -> CaseMention:
        if year is not None and action != "leave_alliance_proposal":
            self.dated.append((sentence.index, year, action))
        if action in ACTION_MOVES:
            self.last_move = ACTION_MOVES[action]
        return CaseMention(
            sentence_index=sentence.index,
            start_char=sentence.start_char,
            end_char=sentence.end_char,
            country=country,
            year=year,
            action=action,
            leader=leader,
            case_id=self._link(country, year, action),
            evidence=sentence.text.strip(),
        )

    def _link(self, country: str, year: int | None, action: str) -> str:
        return _link(country, year, action, self.cases)


_LINKS: dict[tuple[int, str, int | None, str], str] = {}


@cache
def _move_words(language: str) -> frozenset[str]:
    """Every word one of `_moves`' tests looks a token up by (its form or lemma): the move
    verbs and nouns and the words of their phrases, their forms without accents, the verbs
    of taking one's place, and the words of a vote (`_vote`)."""
    rules = lexicon.rules(language)
    lists = [rules.words("cases", f"{move}_{kind}") for move in MOVES
             for kind in ("verbs", "nouns")]
    lists += [rules.words("cases", name) for name in (
        "other_nouns", "place_verbs", "consult_verbs", "vote_verbs")]
    lists.append(rules.ordered("cases", "vote_nouns"))
    words = {word for entries in lists for entry in entries for word in entry.split()}
    return frozenset(words | {fold_accents(word) for word in words})


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return fold_accents(word)


@lru_cache(maxsize=256)
def _phrases_by_word(phrases: frozenset[str] | tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The words of each phrase of a list, by each word they hold."""
    by_word: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        for word in dict.fromkeys(words):
            by_word.setdefault(word, []).append(words)
    return by_word


def _link(country: str, year: int | None, action: str, cases: pd.DataFrame) -> str:
    """`reference.link_case`, remembered: the same few (country, year, move) recur a lot."""
    key = (id(cases), country, year, action)
    if key not in _LINKS:
        if len(_LINKS) > MAX_REMEMBERED_LINKS:
            _LINKS.clear()
        _LINKS[key] = reference.link_case(country, year, action, cases)
    return _LINKS[key]


@lru_cache(maxsize=65_536)
def _stem_form(lower: str, verbs: frozenset[str]) -> bool:
    """Whether a word (accents folded) is a long verb of `verbs` with a French ending in place
    of the infinitive's."""
    return any(lower.startswith(stem) and lower[len(stem):] in FRENCH_ENDINGS
               for stem in _stems(verbs))


@lru_cache(maxsize=64)
def _stems(verbs: frozenset[str]) -> tuple[str, ...]:
    return tuple(fold_accents(verb[:-2]) for verb in verbs
                 if len(verb) >= MIN_STEM + 2 and verb.endswith(("er", "ir", "re")))


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(word)}(?!\w)")


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """One pattern that finds any of `words` as `_word_pattern` finds each (a word list is
    searched in every sentence: one pass instead of one per word)."""
    return re.compile("|".join(f"(?:{_word_pattern(word).pattern})" for word in words)
                      or r"(?!)")

def _asks(sentence: Sentence) -> bool:
    return sentence.text.strip().rstrip(" \u00a0»”\"").endswith("?")


def _after_auxiliary(token: Token) -> bool:
    """A participle right after "a", "avait", "has", "had": a verb whatever its tag (the
    small French model tags "a réintégré" PRON)."""
    return token.i > 0 and token.doc[token.i - 1].lemma_.lower() in AUXILIARIES


def _is_year(token: Token) -> bool:
    return bool(YEAR.match(token.text)) and MIN_YEAR <= int(token.text) <= MAX_YEAR


def _conditional(verb: Token) -> bool:
    if verb.doc.lang_ == "fr" and verb.pos_ in {"VERB", "AUX"} and verb.lower_.endswith(
            ("rait", "raient", "rais")):
        return True  # "ferait", which the small French model often reads as an imperfect
    return "Cnd" in verb.morph.get("Mood") or any(
        child.dep_ == "aux" and child.lower_ in {"would", "could", "might"}
        for child in verb.children)


def _future(token: Token) -> bool:
    """A move told in the future ("will return", "reviendra"): a forecast, not a fact."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    tense = token.morph.get("Tense")
    if tense and tense[0] == "Fut":
        return True
    return any(child.dep_ == "aux" and child.lower_ in {"will", "'ll", "shall"}
               for child in token.children)


def _infinitive(verb: Token) -> bool:
    return "Inf" in verb.morph.get("VerbForm") or verb.tag_ == "VB" and any(
        child.lower_ == "to" for child in verb.children)


def _perfect(verb: Token) -> bool:
    """"avait quitté", "est sortie", "had left": a perfect tense, never a call."""
    return verb.pos_ in {"VERB", "AUX"} and any(
        child.dep_ == "aux:tense" or child.dep_ == "aux" and child.lemma_.lower() == "have"
        for child in verb.children)


def _past(token: Token) -> bool:
    """A verb form of the past ("had to", "devait", "fallait")."""
    tense = token.morph.get("Tense")
    if tense and tense[0] in {"Past", "Imp"}:
        return True
    return token.tag_ in {"VBD"} or any(c.lower_ == "had" for c in token.head.children
                                       if c.dep_ == "aux")


def _number(words: list[str], table: dict[str, int]) -> int | None:
    """The value of number words ("forty-three", "quarante-trois", "vingt et un", "43")."""
    total, previous = 0, None
    for part in (piece for word in words for piece in word.split("-") if piece):
        if part in {"et", "and"}:
            continue
        value = int(part) if part.isdigit() else table.get(part)
        if value is None:
            return None
        total += 80 - 4 if value == 20 and previous == 4 else value  # "quatre-vingts"
        previous = value
    return total or None


def _path_has(token: Token, stop: Token, deps: set[str]) -> bool:
    """Whether the way up from a token to `stop` passes through a dependency in `deps`."""
    return any(step.dep_ in deps for step in _path(token, stop)[:-1])


def _path(token: Token, stop: Token) -> list[Token]:
    path = [token]
    while path[-1].i != stop.i and path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _action(move: str, about: str) -> str:
    if move == "join":
        return "join"
    if move == "return":
        return "return_integrated_command"
    if move == "other":
        return "other"
    return "withdraw_integrated_command" if about == "integrated" else "other"
