"""Find sentences about a country joining, leaving or returning to NATO or its integrated command.

A case mention needs, in one sentence: a move (a verb or noun of `resources/lexicon.json`
"cases": withdraw, return, join), a reference to NATO or its military structure, a
country (named, or a capital standing for it: "Athens withdrew") and a year, or a call
to leave now ("should leave", "a resolution calling for an exit"), which takes the
article's year when known. Mentions link to the reference table `data/cases.csv`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Token

from analysis import lexicon, reference
from analysis.actors import ActorIndex, Mention
from analysis.claims import Claim
from analysis.document import ArticleDoc, Sentence

MIN_YEAR, MAX_YEAR = 1945, 2100
MIN_STEM = 4
MAX_REMEMBERED_LINKS = 10_000
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
MOVES = ("return", "withdraw", "join")  # "rejoin" is a return before it is a join
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass"}
OBJECT_DEPS = {"dobj", "obj", "poss", "nmod:poss"}


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


def find_case_mentions(article: ArticleDoc, actors: ActorIndex, claims: list[Claim],
                       cases: pd.DataFrame | None = None) -> list[CaseMention]:
    """Every mention of a country's move in or out of NATO, one per country and move a sentence.

    The speaker of a claim that proposes leaving is the leader of that proposal.
    """
    cases = reference.load_cases() if cases is None else cases
    about_nato = any(mention.actor == "NATO" for mention in actors.mentions)
    found: list[CaseMention] = []
    for sentence in article.sentences:
        seen: set[tuple[str, str]] = set()
        for mention in _sentence_mentions(sentence, article, actors, claims, cases, about_nato):
            key = (mention.country, mention.action)
            if key not in seen:
                seen.add(key)
                found.append(mention)
    return found


def _sentence_mentions(sentence: Sentence, article: ArticleDoc, actors: ActorIndex,
                       claims: list[Claim], cases: pd.DataFrame,
                       about_nato: bool) -> list[CaseMention]:
    language = article.language
    # The sentence before counts too: "Greece later reintegrated ..." and "La Grèce n'y
    # revient qu'en 1980" name the command in the sentence before.
    previous = article.sentences[max(0, sentence.index - 1)]
    context = article.text[previous.start_char: sentence.end_char].lower()
    integrated = any(word in context for word in _words("integrated_words", language))
    about_alliance = integrated or any(
        word in context for word in _words("alliance_words", language))
    if not (about_alliance or about_nato):
        return []
    forms = {token.lower_ for token in sentence.span} | {
        token.lemma_.lower() for token in sentence.span}
    proposal = any(word in forms for word in _words("proposal_words", language))
    years = [token for token in sentence.span if _is_year(token)]
    claimed: set[int] = set()
    mentions = []
    for token, move in _moves(sentence, language):
        if not about_alliance and not (move == "join" and _joins_nothing_else(token, actors)):
            continue
        if move == "withdraw" and proposal:
            action, year = "leave_alliance_proposal", article.published_year
        else:
            year_token = _year_for(token, years, claimed)
            if year_token is None:
                continue
            claimed.add(year_token.i)
            year = int(year_token.text)
            action = _action(move, integrated)
        leader = _leader(token, sentence, actors)
        if action == "leave_alliance_proposal":
            position = article.token_start(token)
            leader = next((claim.speaker for claim in claims
                           if claim.start_char <= position < claim.end_char), leader)
        for country in _countries(token, sentence, actors):
            country_action = action
            if action == "other" and move == "withdraw" and _link(
                    country.actor, year, "withdraw_integrated_command", cases):
                # Press shorthand ("de Gaulle pulled France out of NATO in 1966") for a move
                # the reference table knows as a withdrawal from the integrated command.
                country_action = "withdraw_integrated_command"
            mentions.append(_row(sentence, country.actor, year, country_action, leader, cases))
    return mentions


def _row(sentence: Sentence, country: str, year: int | None, action: str, leader: str,
         cases: pd.DataFrame) -> CaseMention:
    return CaseMention(
            sentence_index=sentence.index,
            start_char=sentence.start_char,
            end_char=sentence.end_char,
        country=country,
        year=year,
        action=action,
        leader=leader,
        case_id=_link(country, year, action, cases),
        evidence=sentence.span.text.strip(),
    )


_LINKS: dict[tuple[int, str, int | None, str], str] = {}


def _link(country: str, year: int | None, action: str, cases: pd.DataFrame) -> str:
    """`reference.link_case`, remembered: the same few (country, year, move) recur a lot."""
    key = (id(cases), country, year, action)
    if key not in _LINKS:
        if len(_LINKS) > MAX_REMEMBERED_LINKS:
            _LINKS.clear()
        _LINKS[key] = reference.link_case(country, year, action, cases)
    return _LINKS[key]


def _words(key: str, language: str) -> tuple[str, ...]:
    return lexicon.words("cases", key, language=language)


def _is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and MIN_YEAR <= int(token.text) <= MAX_YEAR


def _moves(sentence: Sentence, language: str) -> list[tuple[Token, str]]:
    """The words of a sentence that name a move: ("withdrew", "withdraw"), ("return", "return")."""
    particles = lexicon.lexicon()["cases"]["particles"]
    verbs = {move: set(_words(f"{move}_verbs", language)) for move in MOVES}
    nouns = {move: set(_words(f"{move}_nouns", language)) for move in MOVES}
    found = []
    for token in sentence.span:
        lemma = token.lemma_.lower()
        for move in MOVES:
            if lemma in verbs[move] and token.pos_ in {"VERB", "AUX"} or (
                    _stem_match(token, verbs[move]) and not token.text[:1].isupper()):
                needed = particles.get(lemma)
                following = token.doc[token.i + 1: token.i + 5]
                if needed and not any(t.lower_ in needed for t in following):
                    continue
                found.append((token, move))
                break
            if token.pos_ == "NOUN" and (lemma in nouns[move] or token.lower_ in nouns[move]):
                found.append((token, move))
                break
    return found


def _stem_match(token: Token, verbs: set[str]) -> bool:
    """A conjugated form of a long verb whose lemma the small model got wrong ("quitte" with
    lemma "quitte", "retire" tagged as a noun): same stem, French infinitive ending dropped."""
    if token.doc.lang_ != "fr" or token.pos_ not in {"VERB", "NOUN"}:
        return False
    lower = token.lower_
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if lower.endswith(PARTICIPLE_ENDINGS) and previous is not None and previous.pos_ == "NOUN":
        return False  # "commandement intégré" describes, it does not move
    return any(len(verb) >= MIN_STEM + 2 and verb.endswith(("er", "ir", "re"))
               and lower.startswith(verb[:-2]) and len(lower) <= len(verb) + 3
               for verb in verbs)


def _action(move: str, integrated: bool) -> str:
    if move == "join":
        return "join"
    if move == "return":
        return "return_integrated_command"
    return "withdraw_integrated_command" if integrated else "other"


def _year_for(token: Token, years: list[Token], claimed: set[int]) -> Token | None:
    """The year a move happened: one in the verb's own phrase, else the nearest free one."""
    own = [year for year in years if token in year.ancestors and year.i not in claimed]
    if own:
        return own[0]
    free = [year for year in years if year.i not in claimed]
    return min(free, key=lambda year: abs(year.i - token.i)) if free else None


def _joins_nothing_else(token: Token, actors: ActorIndex) -> bool:
    """"Spain joined in 1982" in an article about NATO: no other organisation is joined."""
    objects = [child for child in token.children if child.dep_ in {"dobj", "obj"}]
    return all(
        (mention := actors.mention_at(child)) is not None and mention.actor == "NATO"
        for child in objects)


def _countries(token: Token, sentence: Sentence, actors: ActorIndex) -> list[Mention]:
    """The states that move: the verb's subject or object and those coordinated with it
    ("Greece and Turkey joined", "took France out", "France’s withdrawal"), else the
    state named nearest to the move in the sentence."""
    verbs = [token]
    if token.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
        verbs.append(token.head)  # "Athens pulled out … and rejoined it in 1980"
    for child in (child for verb in verbs for child in verb.children):
        if child.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
            heads = [child, *[c for c in child.children if c.dep_ == "conj"]]
            found = []
            for head in heads:
                for candidate in head.subtree:
                    mention = actors.mention_at(candidate)
                    if mention is not None and mention.actor_type == "state":
                        if mention not in found:
                            found.append(mention)
                        break
            if found:
                return found
    states = [
        (abs(candidate.i - token.i), mention)
        for candidate in sentence.span
        if (mention := actors.mention_at(candidate)) is not None and mention.actor_type == "state"
    ]
    return [min(states, key=lambda pair: pair[0])[1]] if states else []


def _leader(token: Token, sentence: Sentence, actors: ActorIndex) -> str:
    """The person who led the move: the verb's subject, else a person in the sentence."""
    chain = [token, *token.ancestors]
    for verb in chain[:3]:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                for candidate in child.subtree:
                    mention = actors.mention_at(candidate)
                    if mention is not None and mention.actor_type == "person":
                        return mention.actor
    people = [mention for candidate in sentence.span
              if (mention := actors.mention_at(candidate)) is not None
              and mention.actor_type == "person" and not mention.in_quote]
    return people[0].actor if people else ""
