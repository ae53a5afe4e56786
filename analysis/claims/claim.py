"""The claim record and the list of claims one article builds up as its stages run."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from analysis.actors import ActorIndex, Mention
from analysis.claims.classify import classify_kind, classify_stance
from analysis.document import ArticleDoc, Sentence
from analysis.lexicon import Rules

QUOTE_SHARE = 0.8  # share of a span inside quotation marks that makes it a direct quote
RECENT_CLAIMS = 50  # claims that can still overlap or cover a later position
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PRESENT = date.today().year  # for articles with no date


@dataclass
class Claim:
    sentence_index: int
    start_char: int
    end_char: int
    speaker: str
    speaker_type: str
    cue: str
    claim_text: str
    is_quote: bool
    target: str
    kind: str
    nato_stance: str


class Claims:
    """The claims of one article in the order they were found, and the reporting verbs and
    quotations already used, so that no statement is taken twice."""

    def __init__(self, article: ArticleDoc, actors: ActorIndex, rules: Rules) -> None:
        self.article = article
        self.actors = actors
        self.rules = rules
        self.items: list[Claim] = []
        self.used_cues: set[tuple[int, int]] = set()
        self.quotes_done: set[tuple[int, int]] = set()
        self.topic_nato = any(mention.actor == "NATO" for mention in actors.mentions)

    def use(self, cue: Token) -> None:
        self.used_cues.add((id(cue.doc), cue.i))

    def used(self, cue: Token) -> bool:
        return (id(cue.doc), cue.i) in self.used_cues

    @property
    def last(self) -> Claim | None:
        return self.items[-1] if self.items else None

    def speakers(self) -> list[tuple[str, str, int, int]]:
        """(speaker, type, sentence, start) of each claim so far, latest last."""
        return [(claim.speaker, claim.speaker_type, claim.sentence_index, claim.start_char)
                for claim in self.items]

    def covered(self, position: int) -> bool:
        """Inside a claim already taken; claims come in text order, so look back a little."""
        return any(claim.start_char <= position < claim.end_char
                   for claim in reversed(self.items[-RECENT_CLAIMS:]))

    def overlapping(self, start: int, end: int) -> bool:
        return any(claim.start_char < end and start < claim.end_char
                   for claim in reversed(self.items[-RECENT_CLAIMS:]))

    def in_sentence(self, sentence: Sentence) -> bool:
        return any(claim.sentence_index == sentence.index
                   for claim in reversed(self.items[-RECENT_CLAIMS:]))

    def add(self, sentence: Sentence, start: int, end: int, speaker: Mention, cue: str,
            target: str = "") -> Claim | None:
        """Classify and keep a claim on article characters [start, end)."""
        if end <= start:
            return None
        claim_text = self.article.text[start:end]
        if not any(char.isalnum() for char in claim_text):
            return None
        content_lower = claim_text.lower()
        tokens = self.article.tokens_between(start, end)
        future = any("Fut" in token.morph.get("Tense") and token.pos_ in {"VERB", "AUX"}
                     for token in tokens)
        history = self._dates_the_past(claim_text)
        kind = classify_kind(content_lower, " ".join(t.lemma_.lower() for t in tokens), cue,
                             self.rules, future=future,
                             past_years=history or _tells_the_past(tokens))
        if kind == "accusation" and not target:
            target = self.first_actor(start, end, speaker.actor)
        claim = Claim(
            sentence_index=sentence.index,
            start_char=start,
            end_char=end,
            speaker=speaker.actor,
            speaker_type=speaker.actor_type,
            cue=cue,
            claim_text=claim_text,
            is_quote=self.article.quoted_share(start, end) >= QUOTE_SHARE,
            target=target,
            kind=kind,
            nato_stance=classify_stance(content_lower, self.rules,
                                        context=self._context(sentence).lower(),
                                        topic_nato=self.topic_nato, cue_kind=self._cue_kind(cue),
                                        history=history),
        )
        self.items.append(claim)
        return claim

    def _cue_kind(self, cue: str) -> str:
        rule = self.rules.cues.get(cue.split()[0]) if cue else None
        return rule.kind if rule else ""

    def _dates_the_past(self, text: str) -> bool:
        """Whether a statement dates what it tells in a year before the article's."""
        published = self.article.published_year
        years = [int(year) for year in YEAR.findall(text)]
        return bool(years) and all(year < (published or PRESENT) - 1 for year in years)

    def first_actor(self, start: int, end: int, speaker: str) -> str:
        """The first actor named in [start, end) other than the speaker, or ""."""
        first = bisect.bisect_left(self.actors.starts, start)
        for mention in self.actors.mentions[first:]:
            if mention.start_char >= end:
                break
            if mention.actor != speaker:
                return mention.actor
        return ""

    def finish(self, *, yielding: set[str] = frozenset()) -> list[Claim]:
        """Claims in text order; of two overlapping claims by one speaker, the first kept;
        a claim with a `yielding` cue (a communiqué's sentence given to its body) gives way
        to any other claim it overlaps (the spokesperson quoted in it)."""
        claims = sorted(self.items, key=lambda claim: (claim.start_char, -claim.end_char))
        others = [claim for claim in claims if claim.cue not in yielding]
        kept: list[Claim] = []
        for claim in claims:
            # kept is in text order: only the last few can still overlap this one
            if any(_overlap(claim, other) and claim.speaker == other.speaker
                   for other in kept[-RECENT_CLAIMS:]):
                continue
            if claim.cue in yielding and any(_overlap(claim, other) for other in others):
                continue
            kept.append(claim)
        return kept

    def _context(self, sentence: Sentence) -> str:
        """The claim's sentence and the one before: "such a departure" refers back."""
        first = self.article.sentences[max(0, sentence.index - 1)]
        return self.article.text[first.start_char: sentence.end_char]



def _tells_the_past(tokens: list[Token]) -> bool:
    """A statement whose main verb is a past action ("his group tabled a bill", "la
    France a quitté …"), not a judgement ("was a mistake", "a eu tort")."""
    inside = {token.i for token in tokens}
    roots = [token for token in tokens if token.head.i not in inside or token.head.i == token.i]
    if not roots:
        return False
    root = roots[0]
    if root.pos_ != "VERB" or any(child.dep_ == "cop" for child in root.children):
        return False
    past = "Past" in root.morph.get("Tense") or any(
        child.dep_ == "aux" and "Past" in child.morph.get("Tense") for child in root.children)
    perfect = root.morph.get("VerbForm") == ["Part"] and any(
        child.dep_ == "aux" for child in root.children)
    return past or perfect


def _overlap(first: Claim, second: Claim) -> bool:
    return first.start_char < second.end_char and second.start_char < first.end_char
