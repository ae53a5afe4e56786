"""Reported speech: a reporting verb or "according to" gives a speaker and a content.

- "X said (that) …", "« … », a déclaré X", "Y called for …": the verb's speaker (see
  `speakers.py`) and content (see `content.py`); a quotation closing right before an
  inverted verb is what the verb reports;
- "according to X, …" / "selon X, …" anywhere, "For X, …" / "Pour X, …" opening a
  sentence: the rest of the sentence is X's claim.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from analysis.actors import ActorIndex, Mention
from analysis.claims.claim import QUOTE_SHARE, Claims
from analysis.claims.content import Reporting, depth, trim
from analysis.claims.quotes import Quotes
from analysis.claims.speakers import SUBJECT_DEPS, Speakers
from analysis.document import ArticleDoc, Sentence

MIN_CONTENT_WORDS = 2  # "réagir" alone reports nothing
ATTRIBUTION_WINDOW = 8  # words after "according to" where its source is named
NAMING_GAP = 40  # characters between a named object and the quotation naming it
APPOSITION_WORDS = 8  # words of a title set between commas after a source
SOURCE_REST_WORDS = 3  # words of the source's phrase after its name ("a NATO spokesperson")


class Reported:
    def __init__(self, article: ArticleDoc, actors: ActorIndex, speakers: Speakers,
                 reporting: Reporting, quotes: Quotes, claims: Claims) -> None:
        self.article = article
        self.actors = actors
        self.speakers = speakers
        self.reporting = reporting
        self.quotes = quotes
        self.claims = claims
        self.rules = speakers.rules
        self.negations = self.rules.words("stance", "negations")

    def sentence(self, sentence: Sentence) -> None:
        if sentence.text.rstrip(" \u00a0»”\"").endswith("?"):
            return  # "Does the Member really think that …?": a question reports nothing
        cues = sorted((token for token in sentence.tokens if self.reporting.is_cue(token)),
                      key=depth)
        for cue in cues:
            if self.claims.covered(self.article.token_start(cue)):
                continue  # "what she described as" inside a claim already taken
            self._claim_from_cue(cue, sentence)
        self._naming(sentence)
        self._according_to(sentence)

    def _naming(self, sentence: Sentence) -> None:
        """"calling NATO “an American protection racket”", "called the agreement a
        “capitulation”": a verb of naming whose object is followed by a quotation says
        that the object is what the quotation calls it."""
        verbs = self.rules.words("grammar", "naming_verbs")
        for verb in sentence.tokens:
            if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB" or self.claims.covered(
                    self.article.token_start(verb)):
                continue
            objects = [child for child in verb.children if child.dep_ in {"dobj", "obj"}]
            if not objects:
                continue
            start = self.article.token_start(min(objects[0].subtree, key=lambda t: t.i))
            quote = self.quotes.starting_after(start)
            if quote is None or quote[0] - start > NAMING_GAP:
                continue
            speaker = self.speakers.of_verb(verb)
            if speaker is None:
                continue
            self.claims.use(verb)
            self.claims.quotes_done.add(quote)
            self.claims.add(sentence, *trim(self.article.text, start, quote[1] + 1), speaker,
                            verb.lemma_.lower())

    def _claim_from_cue(self, cue: Token, sentence: Sentence) -> None:
        inverted = self.reporting.after_quotation(cue)
        speaker = self.speakers.of_verb(cue, inverted)
        if speaker is None:
            return
        lemma = self.reporting.label(cue)
        quote = self.quotes.before_verb(self.article.token_start(cue)) if inverted else None
        if quote is not None and self.speakers.inverted(cue) is not None:
            # "« … », a déclaré X": the quotation is what the verb reports
            self.claims.use(cue)
            self.claims.quotes_done.add(quote)
            self.claims.add(sentence, *trim(self.article.text, *quote), speaker, lemma)
            return
        content, target_token = self.reporting.content_of(cue)
        words = [token for token in content if token.is_alpha]
        if len(words) < MIN_CONTENT_WORDS and not self.article.quoted_share(
                *self.article.char_span(content or [cue])) or self._declined(cue):
            return  # "n'a pas souhaité réagir", "declined to comment": nothing is said
        start, end = trim(self.article.text, *self.article.char_span(content))
        if end <= start:
            return
        quoted = self.article.quoted_share(start, end)
        if quoted >= QUOTE_SHARE:
            start, end = self.quotes.hull(start, end)
        self.claims.use(cue)
        parts = (self.reporting.coordinated_parts(min(content, key=depth),
                                                  {token.i for token in content})
                 if quoted < QUOTE_SHARE else [])
        target = self._target(target_token, content, speaker)
        for part_start, part_end in parts or [(start, end)]:
            self.claims.add(sentence, part_start, part_end, speaker, lemma, target)

    def _declined(self, cue: Token) -> bool:
        """A negated wish or call ("n'a pas souhaité …", "did not want to …") says nothing."""
        rule = self.rules.cues.get(self.reporting.cue_lemma(cue) or "")
        return rule is not None and rule.kind == "proposal" and any(
            child.dep_ in {"neg", "advmod"} and child.lower_ in self.negations
            for child in cue.children)

    def _target(self, target_token: Token | None, content: list[Token], speaker: Mention) -> str:
        if target_token is not None:
            mention = self.speakers.actor_of(target_token)
            if mention is not None and mention.actor != speaker.actor:
                return mention.actor
        head = min(content, key=depth)
        for subject in (child for child in head.children if child.dep_ in SUBJECT_DEPS):
            mention = self.speakers.actor_of(subject)
            if mention is not None and mention.actor != speaker.actor:
                return mention.actor
        for token in content:
            mention = self.actors.mention_at(token)
            if mention is not None and mention.actor != speaker.actor:
                return mention.actor
        return ""

    # ------------------------------------------------------------ according to

    def _according_to(self, sentence: Sentence) -> None:
        text = sentence.text
        found = [(phrase, match.start()) for phrase in self.rules.ordered("according_to")
                 for match in re.finditer(rf"(?<!\w){re.escape(phrase)}\b", text, re.IGNORECASE)]
        leading = len(text) - len(text.lstrip())
        found += [(phrase, leading) for phrase in self.rules.ordered("according_to_initial")
                  if re.match(rf"{re.escape(phrase)}\b", text[leading:], re.IGNORECASE)]
        for phrase, relative in found:
            absolute = sentence.start_char + relative
            if self.article.in_quote(absolute):
                continue
            source = self._attribution_source(sentence, absolute + len(phrase))
            if source is None:
                continue
            speaker, source_end = source
            opens_clause = text[:relative].rstrip().endswith((":", ";"))  # "… : selon lui, …"
            if relative <= leading or opens_clause:
                # "Selon X, …": the claim follows the attribution, after its comma
                comma = self.article.text.find(",", source_end, sentence.end_char)
                if comma == -1 or not self._rest_of_source(source_end, comma):
                    continue
                # up to the sentence's end, or to the next attribution ("… : selon lui, …")
                later = [sentence.start_char + other for _, other in found if other > relative]
                start = self._past_apposition(comma + 1, sentence.end_char)
                end = min(later, default=sentence.end_char)
            else:
                # "…, according to X.": the claim precedes it
                start, end = sentence.start_char, absolute
            start, end = trim(self.article.text, start, end)
            if end > start:
                target = self.claims.first_actor(start, end, speaker.actor)
                self.claims.add(sentence, start, end, speaker, phrase.lower(), target)

    def _rest_of_source(self, end: int, comma: int) -> bool:
        """Whether only the rest of the source's phrase stands between its name and the
        comma ("Selon X,", "According to a NATO spokesperson,"): a few words, no verb."""
        between = [t for t in self.article.tokens_between(end, comma) if not t.is_space]
        return len(between) <= SOURCE_REST_WORDS and not any(
            t.pos_ in {"VERB", "AUX"} for t in between)

    def _past_apposition(self, start: int, end: int) -> int:
        """"Pour X, sénatrice écologiste, « … »": the source's title between commas is not
        what they say; the claim starts after it."""
        following = self.article.text.find(",", start, end)
        if following == -1:
            return start
        tokens = [t for t in self.article.tokens_between(start, following)
                  if not t.is_space]
        if (tokens and len(tokens) <= APPOSITION_WORDS
                and any(t.lower_ in self.rules.role_words for t in tokens[:3])
                and not any(t.pos_ in {"VERB", "AUX"} for t in tokens)):
            return following + 1
        return start

    def _attribution_source(self, sentence: Sentence, after: int) -> tuple[Mention, int] | None:
        """The actor named right after an attribution phrase ("selon le ministre X"), with the
        end of its name: the first actor among the next few words, or a pronoun's referent."""
        tokens = [t for t in sentence.tokens
                  if self.article.token_start(t) >= after and not t.is_space][:ATTRIBUTION_WINDOW]
        for token in tokens:
            if token.text in {",", ".", ";", ":"}:
                break
            mention = self.actors.mention_at(token)
            if mention is not None and not mention.in_quote:
                return mention, mention.end_char
            bare = token.lower_.lstrip("-")
            if bare in self.rules.person_pronouns | self.rules.group_pronouns:
                referent = self.speakers.antecedent(token, bare)
                if referent is not None:
                    return referent, self.article.token_start(token) + len(token.text)
        return None
