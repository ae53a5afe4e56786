"""Quotes: quotations and who said them, when no reporting verb has taken them already.

A quotation (at least four words) is attributed to
- a reporting verb in a sentence the quotation spans ("She said: “…” and added …");
- the subject before a colon ("Le Pen was blunt: “…”");
- the speaker of the claim just before, for a quotation standing alone in the same
  paragraph ("Et d'ajouter : « … »").
"""

from __future__ import annotations

from analysis.actors import ActorIndex, Mention
from analysis.claims.claim import Claims
from analysis.claims.content import Reporting, trim
from analysis.claims.speakers import SUBJECT_DEPS, Speakers
from analysis.document import ArticleDoc, Sentence

MIN_QUOTE_WORDS = 4
INVERSION_GAP = 20  # characters between a closing quotation mark and "a-t-il ajouté"
LONE_QUOTE_SENTENCES = 2  # how far back the claim a lone quotation continues may be


class Quotes:
    def __init__(self, article: ArticleDoc, actors: ActorIndex, speakers: Speakers,
                 reporting: Reporting, claims: Claims) -> None:
        self.article = article
        self.actors = actors
        self.speakers = speakers
        self.reporting = reporting
        self.claims = claims

    def before_verb(self, verb_position: int) -> tuple[int, int] | None:
        """The quotation that closes right before an inverted reporting verb, if any."""
        before = [quote for quote in self.article.quotes_overlapping(
            max(0, verb_position - INVERSION_GAP - 1), verb_position) if quote[1] < verb_position]
        if not before or verb_position - before[-1][1] > INVERSION_GAP:
            return None
        return before[-1]

    def starting_after(self, position: int) -> tuple[int, int] | None:
        """The first quotation that opens at or after a character position."""
        after = [quote for quote in self.article.quotes_overlapping(position, len(
            self.article.text)) if quote[0] - 1 >= position]
        return after[0] if after else None

    def sentence(self, sentence: Sentence) -> None:
        """Claims of the quotations that open in this sentence and nobody took yet."""
        for quote in self.article.quotes_overlapping(sentence.start_char, sentence.end_char + 1):
            if sentence.start_char <= quote[0] - 1 < sentence.end_char:  # its opening mark
                self._claim_from_quote(quote, sentence)

    def _claim_from_quote(self, quote: tuple[int, int], sentence: Sentence) -> None:
        start, end = quote
        if (quote in self.claims.quotes_done
                or len(self.article.text[start:end].split()) < MIN_QUOTE_WORDS
                or self.claims.overlapping(start, end)):
            return
        for other in self.article.sentences_overlapping(start - 1, end + 3):
            for token in other.span:
                if self.reporting.is_cue(token) and not self.claims.used(token):
                    speaker = self.speakers.of_verb(token,
                                                    self.reporting.after_quotation(token))
                    if speaker is not None:
                        self.claims.use(token)
                        self.claims.add(sentence, *trim(self.article.text, start, end), speaker,
                                        self.reporting.cue_lemma(token))
                        return
        speaker, cue = self._colon_speaker(start, sentence)
        if speaker is None and self._continues_last_claim(start, sentence):
            # A quotation standing alone (or after "Et d'ajouter :") goes on the last speaker.
            previous = self.claims.last
            speaker = self.speakers.named(previous.speaker, start)
            cue = self._cue_before(start, sentence) or previous.cue
        if speaker is not None:
            self.claims.add(sentence, *trim(self.article.text, start, end), speaker, cue)

    def _continues_last_claim(self, position: int, sentence: Sentence) -> bool:
        """A quotation with no speaker of its own continues the claim just before: in the
        same paragraph, or opening the next one (a speaker introduced, then quoted)."""
        previous = self.claims.last
        if previous is None or not 0 <= sentence.index - previous.sentence_index <= (
                LONE_QUOTE_SENTENCES):
            return False
        between = self.article.text[previous.end_char: position - 1]
        if "\n" not in between:
            return True
        paragraph_start = self.article.text.rfind("\n", 0, position - 1) + 1
        return (between.count("\n\n") <= 1 and sentence.index - previous.sentence_index == 1
                and not self.article.text[paragraph_start: position - 1].strip())

    def _cue_before(self, position: int, sentence: Sentence) -> str:
        """A reporting verb before a quotation in its sentence ("Et d'ajouter : « … »")."""
        for token in sentence.tokens:
            if self.article.token_start(token) >= position:
                break
            lemma = token.lemma_.lower()
            if lemma in self.speakers.rules.cues and token.pos_ in {"VERB", "NOUN"}:
                return lemma
        return ""

    def _colon_speaker(self, start: int, sentence: Sentence) -> tuple[Mention | None, str]:
        """"Le Pen was blunt: “…”": the subject before the colon speaks."""
        before = self.article.text[sentence.start_char: start - 1].rstrip()
        if not before.endswith(":"):
            return None, ""
        for token in sentence.tokens:
            if self.article.token_start(token) >= start:
                break
            if token.dep_ in SUBJECT_DEPS | {"nsubjpass", "nsubj:pass"}:
                # "The network's coordinator, Amina Berger, put it this way: “…”"
                found = self.speakers.actor_of(token)
                if found is not None and not found.in_quote:
                    return found, token.head.lemma_.lower()
        return None, ""

    def hull(self, start: int, end: int) -> tuple[int, int]:
        """A span widened to the quotations it overlaps."""
        for left, right in self.article.quotes_overlapping(start, end):
            start, end = min(start, left), max(end, right)
        return trim(self.article.text, start, end)
