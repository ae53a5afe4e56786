"""Attribute statements to actors: who said, accused or proposed what, with the evidence span.

Two passes over each sentence, both on the dependency parse:
1. reporting verbs (`resources/cues.csv`): speaker from the verb's subject (through
   participles, relative clauses, pronouns and surnames), content from its clausal
   complement or the phrase after its preposition ("call for", "accuse ... of");
2. quotations that no reporting verb took: attributed to a reporting verb in a
   sentence the quotation spans, to the subject before a colon, or, for a quotation
   standing alone, to the speaker of the claim just before it.
"according to X" / "selon X" give a claim on the rest of the sentence.
Kind and NATO stance come from the word lists of `resources/lexicon.json`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from analysis import lexicon
from analysis.actors import ActorIndex, Mention
from analysis.document import ArticleDoc, Sentence

# "a-t-il précisé": the small French model labels the inverted pronoun expl:subj.
SUBJECT_DEPS = {"nsubj", "expl:subj"}
CLAUSE_DEPS = {"ccomp"}
INHERIT_SUBJECT_DEPS = {"advcl", "xcomp", "conj"}
RELATIVE_DEPS = {"relcl", "acl:relcl"}
OBJECT_DEPS = {"dobj", "obj"}
MARKS = {"that", "que", "qu'", "qu’", "whether", "if", "si"}
EDGE_PUNCT = " \n\t,;:.!?—–-"
OPENING_QUOTES = "“«„\""
CLOSING_QUOTES = "”»\""
TYPE_PRIORITY = {"person": 0, "party": 1, "organisation": 2, "state": 3}
REFLEXIVES = {"s'", "s’", "se"}
EUPHONIC = {"-t", "-t-", "t"}  # the "t" of "a-t-il" is no subject
DEFINITE = {"the", "le", "la", "l'", "l’"}
# Mentions a later pronoun most likely refers to: subjects and names in apposition.
ANTECEDENT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "appos", "flat:name", "compound"}
MIN_QUOTE_WORDS = 4
MIN_OBJECT_WORDS = 4
OPENING_WORDS = 4  # a statement "about leaving" names it in its first words
ATTRIBUTION_WINDOW = 8
INVERSION_GAP = 20  # characters between a closing quotation mark and "a-t-il ajouté"
QUOTE_SHARE = 0.8
RECENT_SENTENCES = 3
RECENT_CLAIMS = 50  # claims that can still overlap or cover a later position
CONJUNCTIONS = {"and", "or", "but", "et", "ou", "mais"}
NEEDED_WORD_WINDOW = 10  # "accusing the United States under President Donald Trump of ..."
# Dependents of a reporting verb that are clauses of their own, not part of what it reports.
SEPARATE_CLAUSE_DEPS = {"advcl", "conj", "parataxis", "cc", "punct", "nsubj", "mark"}


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


def find_claims(article: ArticleDoc, actors: ActorIndex) -> list[Claim]:
    """Every attributed statement of the article, in text order."""
    finder = _ClaimFinder(article, actors)
    for sentence in article.sentences:
        finder.sentence(sentence)
    return finder.finish()


class _ClaimFinder:
    def __init__(self, article: ArticleDoc, actors: ActorIndex) -> None:
        self.article = article
        self.actors = actors
        self.language = article.language
        self.cues = lexicon.cues(self.language)
        pronouns = lexicon.lexicon()["pronouns"][self.language]
        self.person_pronouns = set(pronouns["person"])
        self.group_pronouns = set(pronouns["group"])
        self.relative_pronouns = set(pronouns["relative"])
        self.role_words = lexicon.role_words(self.language)
        self.topic_nato = any(mention.actor == "NATO" for mention in actors.mentions)
        self.mention_starts = [mention.start_char for mention in actors.mentions]
        self.mentions_of: dict[str, list[Mention]] = {}
        for mention in actors.mentions:
            self.mentions_of.setdefault(mention.actor, []).append(mention)
        self.starts_of = {actor: [mention.start_char for mention in mentions]
                          for actor, mentions in self.mentions_of.items()}
        self.claims: list[Claim] = []
        self.used_cues: set[tuple[int, int]] = set()
        self.quotes_done: set[tuple[int, int]] = set()

    # ------------------------------------------------------------ per sentence

    def sentence(self, sentence: Sentence) -> None:
        cue_tokens = [token for token in sentence.span if self._is_cue(token)]
        cue_tokens.sort(key=_depth)
        for cue in cue_tokens:
            if self._covered(self.article.token_start(cue)):
                continue  # "what she described as" inside a claim already taken
            self._claim_from_cue(cue, sentence)
        self._according_to(sentence)
        for quote in self.article.quotes_overlapping(sentence.start_char, sentence.end_char + 1):
            if sentence.start_char <= quote[0] - 1 < sentence.end_char:  # its opening mark
                self._claim_from_quote(quote, sentence)

    def finish(self) -> list[Claim]:
        """Claims in text order; of two overlapping claims by one speaker, the first kept."""
        claims = sorted(self.claims, key=lambda claim: (claim.start_char, -claim.end_char))
        kept: list[Claim] = []
        for claim in claims:
            # kept is in text order: only the last few can still overlap this one
            if any(_overlap(claim, other) and claim.speaker == other.speaker
                   for other in kept[-RECENT_CLAIMS:]):
                continue
            kept.append(claim)
        return kept

    # ------------------------------------------------------------ cues

    def _is_cue(self, token: Token) -> bool:
        lemma = self._cue_lemma(token)
        if lemma is None or self.article.in_quote(self.article.token_start(token)):
            return False
        needs = self.cues[lemma].needs
        return not needs or self._needed_word(token, needs) is not None

    def _cue_lemma(self, token: Token) -> str | None:
        """The reporting verb a token is, if any. Right after a quotation ("», tacle-t-il")
        the small models often tag the verb as a noun, so there any word form counts."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in self.cues:
            return lemma
        if token.pos_ in {"NOUN", "ADJ", "PROPN", "VERB"} and self._after_quotation(token):
            for form in (lemma, token.lower_, token.lower_ + "r"):
                if form in self.cues:
                    return form
        return None

    def _after_quotation(self, token: Token) -> bool:
        """True if only a comma, an auxiliary or a reflexive pronoun separate the token
        from a closing quotation mark before it."""
        doc = token.doc
        index = token.i - 1
        while index > token.sent.start and (doc[index].pos_ == "AUX" or doc[index].is_space
                                            or doc[index].text in {",", "-t", "-t-"}
                                            or doc[index].lower_ in REFLEXIVES):
            index -= 1
        return index >= 0 and doc[index].text in CLOSING_QUOTES

    def _needed_word(self, cue: Token, needs: tuple[str, ...]) -> Token | None:
        for token in cue.subtree:
            if cue.i < token.i <= cue.i + NEEDED_WORD_WINDOW and token.lower_ in needs:
                return token
        return None

    def _claim_from_cue(self, cue: Token, sentence: Sentence) -> None:
        speaker = self._speaker_of(cue)
        if speaker is None:
            return
        quote = self._quote_before(cue)
        if quote is not None:
            # "« … », a déclaré X": the quotation is what the verb reports
            self.used_cues.add((id(cue.doc), cue.i))
            self.quotes_done.add(quote)
            self._add(sentence, *self._trim(*quote), speaker, self._cue_lemma(cue), "", cue)
            return
        content, target_token = self._content_of(cue)
        if not content:
            return
        content_set = {token.i for token in content}
        content_head = min(content, key=_depth)
        start, end = self._trim(*self.article.char_span(content))
        if end <= start:
            return
        quoted = self.article.quoted_share(start, end)
        if quoted >= QUOTE_SHARE:
            start, end = self._quote_hull(start, end)
        self.used_cues.add((id(cue.doc), cue.i))
        parts = self._coordinated_parts(content_head, content_set) if quoted < QUOTE_SHARE else []
        target = self._target(cue, target_token, content, speaker)
        for part_start, part_end in parts or [(start, end)]:
            self._add(sentence, part_start, part_end, speaker, self._cue_lemma(cue), target, cue)

    def _speaker_of(self, cue: Token) -> Mention | None:
        """The actor who speaks through a reporting verb; never someone inside the quotation."""
        speaker = self._inverted_speaker(cue) or self._subject_speaker(cue)
        return None if speaker is None or speaker.in_quote else speaker

    def _subject_speaker(self, cue: Token, depth: int = 0) -> Mention | None:
        for child in cue.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in EUPHONIC:
                if child.lower_ in self.relative_pronouns and cue.dep_ in RELATIVE_DEPS:
                    return self._actor_of(cue.head)
                return self._actor_of(child)
            if child.dep_ == "agent":  # "was told by X" (passive): the agent speaks
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                return self._actor_of(objects[0]) if objects else None
        if any(child.dep_ in {"nsubjpass", "nsubj:pass", "auxpass"} for child in cue.children):
            return None
        if cue.dep_ in RELATIVE_DEPS:
            return self._actor_of(cue.head)
        if cue.dep_ in INHERIT_SUBJECT_DEPS and depth < 3 and cue.head.i != cue.i:
            return self._subject_speaker(cue.head, depth + 1)
        return None

    def _quote_before(self, cue: Token) -> tuple[int, int] | None:
        """The quotation that closes right before an inverted reporting verb, if any."""
        if self._inverted_speaker(cue) is None:
            return None
        position = self.article.token_start(cue)
        before = [quote for quote in self.article.quotes_overlapping(
            max(0, position - INVERSION_GAP - 1), position) if quote[1] < position]
        if not before:
            return None
        # _inverted_speaker has checked that only punctuation and an auxiliary stand between
        if position - before[-1][1] > INVERSION_GAP:
            return None
        return before[-1]

    def _inverted_speaker(self, cue: Token) -> Mention | None:
        """"“…,” said Marc Dupont" / "« … », a déclaré mardi Sophie Marchal": after a
        closing quotation, the name right after the verb speaks."""
        doc = cue.doc
        if not self._after_quotation(cue):
            return None
        for token in doc[cue.i + 1: min(cue.sent.end, cue.i + 8)]:
            if token.is_punct and token.text not in {"-"}:
                break
            mention = self.actors.mention_at(token)
            if mention is not None and not mention.in_quote:
                return mention
            bare = token.lower_.lstrip("-")
            if bare in self.person_pronouns:
                return self._antecedent(token, bare)
            if self._is_title(token):
                # "», a expliqué le député des Bouches-du-Rhône": an epithet of someone named
                return self._title_referent(token)
        return None

    def _actor_of(self, token: Token) -> Mention | None:
        """The actor a subject token stands for: a name, a role in apposition, a pronoun,
        or the actor inside a noun phrase ("senior figures from LFI")."""
        mention = self.actors.mention_at(token)
        if mention is not None:
            return mention
        bare = token.lower_.lstrip("-")
        if bare in self.person_pronouns | self.group_pronouns:
            return self._antecedent(token, bare)
        if token.pos_ == "PRON":
            return None  # "it", "this": not an actor
        if token.dep_ == "appos":
            return self.actors.mention_at(token.head)
        inside = [
            self.actors.mention_at(child)
            for child in token.subtree
            if self.actors.mention_at(child) is not None
        ]
        inside = [mention for mention in inside if not mention.in_quote]
        if not inside:
            if self._is_definite_title(token):
                # "La parlementaire a appelé…", "The minister added…": the person just named.
                return self._title_referent(token)
            return None
        if self._is_title(token) and all(m.actor_type != "person" for m in inside):
            # "Le leader de La France insoumise estime …": a person described by a title,
            # likely one already named whose party is that one; else the party stands in.
            return self._title_referent(token, inside) or min(
                inside, key=lambda mention: TYPE_PRIORITY.get(mention.actor_type, 9))
        return min(inside, key=lambda mention: (TYPE_PRIORITY.get(mention.actor_type, 9),
                                                mention.start_char))

    def _is_title(self, token: Token) -> bool:
        return token.lower_ in self.role_words or token.lemma_.lower() in self.role_words

    def _is_definite_title(self, token: Token) -> bool:
        """"The minister", "le député des Bouches-du-Rhône": a title with a definite article."""
        return self._is_title(token) and any(
            child.dep_ == "det" and child.lower_ in DEFINITE for child in token.children)

    def _title_referent(self, title: Token, inside: list[Mention] | None = None) -> Mention | None:
        """The person a title refers back to: a recent person whose stated roles share the
        title's word, or whose party is named in it; else the latest speaker nearby."""
        position = self.article.token_start(title)
        sentence_index = self._sentence_index(position)
        words = {token.lower_ for token in title.subtree if self._is_title(token)}
        parties = {mention.actor for mention in inside or []}
        recent = [m for m in reversed(self.actors.mentions)
                  if m.actor_type == "person" and m.start_char < position and not m.in_quote
                  and sentence_index - m.sentence_index <= RECENT_SENTENCES + 2]
        for mention in recent:
            actor = self.actors.actors[mention.actor]
            role_words = {word.casefold() for role in actor.roles for word in role.split()}
            if words & role_words or (parties and actor.affiliation in parties):
                return mention
        if parties:
            return None
        for claim in reversed(self.claims):
            if sentence_index - claim.sentence_index > RECENT_SENTENCES:
                break
            if claim.speaker_type == "person" and claim.start_char < position:
                return self._mention_named(claim.speaker, position)
        return recent[0] if recent else None

    def _antecedent(self, pronoun: Token, bare: str) -> Mention | None:
        """The actor a pronoun refers to: the latest speaker of the right kind, else the
        latest mention of that kind outside quotations in the sentences just before."""
        wanted = {"person"} if bare in self.person_pronouns else {"party", "organisation", "state"}
        position = self.article.token_start(pronoun)
        sentence_index = self._sentence_index(position)
        speakers = {claim.speaker for claim in self.claims}
        fallback = None
        for mention in reversed(self.actors.mentions):
            if mention.start_char >= position or mention.in_quote:
                continue
            if sentence_index - mention.sentence_index > RECENT_SENTENCES:
                break
            if mention.actor_type not in wanted:
                continue
            if mention.actor in speakers or mention.root.dep_ in ANTECEDENT_DEPS:
                return mention
            fallback = fallback or mention
        return fallback

    def _mention_named(self, actor: str, before: int) -> Mention | None:
        """The last mention of `actor` before a position."""
        mentions = self.mentions_of.get(actor, [])
        index = bisect.bisect_left(self.starts_of.get(actor, []), before) - 1
        return mentions[index] if index >= 0 else None

    def _sentence_index(self, position: int) -> int:
        sentence = self.article.sentence_at(position)
        return sentence.index if sentence is not None else 0

    def _content_of(self, cue: Token) -> tuple[list[Token], Token | None]:
        """Tokens of what the cue reports, and the object token when it names a target."""
        objects = [child for child in cue.children if child.dep_ in OBJECT_DEPS]
        target = objects[0] if objects else None
        rule = self.cues[self._cue_lemma(cue)]
        if rule.needs:
            word = self._needed_word(cue, rule.needs)
            if word is not None:
                separate = {token.i for child in cue.children
                            if child.dep_ in SEPARATE_CLAUSE_DEPS and child.i > word.i
                            and child not in word.ancestors for token in child.subtree}
                tokens = [token for token in cue.subtree
                          if token.i > word.i and token.i not in separate]
                return self._without(tokens, cue), target
        for child in cue.children:
            if child.dep_ in CLAUSE_DEPS:
                return self._without(list(child.subtree), cue), target
        for child in cue.children:
            if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
                return self._without(list(child.subtree), cue), target
        if rule.kind in {"proposal", "accusation", "assessment"} and objects:
            content = self._without(list(objects[0].subtree), cue)
            # "dismissed the plan" names a thing, it does not report a statement
            return (content, None) if len(content) >= MIN_OBJECT_WORDS else ([], None)
        return [], None

    def _without(self, tokens: list[Token], cue: Token) -> list[Token]:
        """Drop the cue, the speaker and leading marks ("that", "que") from content tokens."""
        speaker_tokens = {
            token.i for child in cue.children if child.dep_ in SUBJECT_DEPS
            for token in child.subtree
        }
        kept = [token for token in sorted(tokens, key=lambda token: token.i)
                if token.i != cue.i and token.i not in speaker_tokens]
        while kept and (kept[0].lower_ in MARKS
                        or kept[0].is_punct and kept[0].text not in OPENING_QUOTES):
            kept = kept[1:]
        return kept

    def _coordinated_parts(self, head: Token, content: set[int]) -> list[tuple[int, int]]:
        """One span per coordinated clause ("kidnaps ..., supports ... and threatens ...").

        A sequence ("first leave ... and then withdraw") is one statement and is kept whole.
        """
        conjuncts = [child for child in head.children
                     if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}
                     and child.i in content]
        if not conjuncts:
            return []
        sequence = set(lexicon.words("sequence_words", language=self.language))
        if any(token.lower_ in sequence for conjunct in conjuncts for token in conjunct.children):
            return []
        # Each conjunct runs from its first word to the first word of the next one.
        starts = sorted([min(content)] + [min(t.i for t in c.subtree if t.i in content)
                                          for c in conjuncts])
        stop = max(content) + 1
        doc = head.doc
        parts = []
        for first, last in zip(starts, starts[1:] + [stop]):
            tokens = [doc[i] for i in range(first, last)]
            while tokens and (tokens[-1].lower_ in CONJUNCTIONS or tokens[-1].is_punct
                              and tokens[-1].text not in CLOSING_QUOTES):
                tokens = tokens[:-1]
            if tokens:
                start, end = self._trim(*self.article.char_span(tokens))
                if end > start:
                    parts.append((start, end))
        return parts if len(parts) > 1 else []

    def _target(self, cue: Token, target_token: Token | None, content: list[Token],
                speaker: Mention) -> str:
        if target_token is not None:
            mention = self._actor_of(target_token)
            if mention is not None and mention.actor != speaker.actor:
                return mention.actor
        head = min(content, key=_depth)
        subjects = [child for child in head.children if child.dep_ in SUBJECT_DEPS]
        for subject in subjects:
            mention = self._actor_of(subject)
            if mention is not None and mention.actor != speaker.actor:
                return mention.actor
        for token in content:
            mention = self.actors.mention_at(token)
            if mention is not None and mention.actor != speaker.actor:
                return mention.actor
        return ""

    # ------------------------------------------------------------ quotations

    def _claim_from_quote(self, quote: tuple[int, int], sentence: Sentence) -> None:
        start, end = quote
        if quote in self.quotes_done or len(self.article.text[start:end].split()) < MIN_QUOTE_WORDS:
            return
        if any(claim.start_char < end and start < claim.end_char for claim in self.claims):
            return
        spanned = self.article.sentences_overlapping(start - 1, end + 3)
        for other in spanned:
            for token in other.span:
                if self._is_cue(token) and (id(token.doc), token.i) not in self.used_cues:
                    speaker = self._speaker_of(token)
                    if speaker is not None:
                        self.used_cues.add((id(token.doc), token.i))
                        self._add(sentence, *self._trim(start, end), speaker,
                                  self._cue_lemma(token),
                                  "", token)
                        return
        speaker, cue = self._colon_speaker(start, sentence)
        if speaker is None and self._same_paragraph_as_last_claim(start):
            # A quotation standing alone (or after "Et d'ajouter :") goes on the last speaker.
            previous = self.claims[-1]
            if 0 <= sentence.index - previous.sentence_index <= 2:
                speaker = self._mention_named(previous.speaker, start)
                cue = self._cue_before(start, sentence) or previous.cue
        if speaker is not None:
            self._add(sentence, *self._trim(start, end), speaker, cue, "", None)

    def _same_paragraph_as_last_claim(self, position: int) -> bool:
        if not self.claims:
            return False
        return "\n\n" not in self.article.text[self.claims[-1].end_char: position]

    def _cue_before(self, position: int, sentence: Sentence) -> str:
        """A reporting verb before a quotation in its sentence ("Et d'ajouter : « … »")."""
        for token in sentence.span:
            if self.article.token_start(token) >= position:
                break
            lemma = token.lemma_.lower()
            if lemma in self.cues and token.pos_ in {"VERB", "NOUN"}:
                return lemma
        return ""

    def _colon_speaker(self, start: int, sentence: Sentence) -> tuple[Mention | None, str]:
        """"Le Pen was blunt: “…”": the subject before the colon speaks."""
        before = self.article.text[sentence.start_char: start - 1].rstrip()
        if not before.endswith(":"):
            return None, ""
        for token in sentence.span:
            if self.article.token_start(token) >= start:
                break
            mention = self.actors.mention_at(token)
            if mention is not None and token.dep_ in SUBJECT_DEPS and not mention.in_quote:
                return mention, token.head.lemma_.lower()
            if token.dep_ in SUBJECT_DEPS and token.pos_ == "PRON":
                found = self._actor_of(token)
                if found is not None:
                    return found, token.head.lemma_.lower()
        return None, ""

    def _quote_hull(self, start: int, end: int) -> tuple[int, int]:
        for left, right in self.article.quotes_overlapping(start, end):
            start, end = min(start, left), max(end, right)
        return self._trim(start, end)

    # ------------------------------------------------------------ according to

    def _according_to(self, sentence: Sentence) -> None:
        """"according to X" / "selon X" anywhere, "For X, …" / "Pour X, …" opening a sentence:
        the rest of the sentence is X's claim."""
        text = sentence.span.text
        found = [(phrase, match.start()) for phrase in lexicon.words(
                     "according_to", language=self.language)
                 for match in re.finditer(rf"(?<!\w){re.escape(phrase)}\b", text, re.IGNORECASE)]
        leading = len(text) - len(text.lstrip())
        found += [(phrase, leading) for phrase in lexicon.words(
                      "according_to_initial", language=self.language)
                  if re.match(rf"{re.escape(phrase)}\b", text[leading:], re.IGNORECASE)]
        for phrase, relative in found:
            absolute = sentence.start_char + relative
            if self.article.in_quote(absolute):
                continue
            source = self._attribution_source(sentence, absolute + len(phrase))
            if source is None:
                continue
            speaker, source_end = source
            if relative <= leading:
                # "Selon X, …": the claim follows the attribution, after its comma
                comma = self.article.text.find(",", source_end, sentence.end_char)
                if comma == -1 or comma - source_end > 3:
                    continue
                start, end = comma + 1, sentence.end_char
            else:
                # "…, according to X.": the claim precedes it
                start, end = sentence.start_char, absolute
            self._add_span(sentence, *self._trim(start, end), speaker, phrase.lower())

    def _attribution_source(self, sentence: Sentence, after: int) -> tuple[Mention, int] | None:
        """The actor named right after an attribution phrase ("selon le ministre X"), with the
        end of its name: the first actor among the next few words, or a pronoun's referent."""
        tokens = [t for t in sentence.span
                  if self.article.token_start(t) >= after and not t.is_space][:ATTRIBUTION_WINDOW]
        for token in tokens:
            if token.text in {",", ".", ";", ":"}:
                break
            mention = self.actors.mention_at(token)
            if mention is not None and not mention.in_quote:
                return mention, mention.end_char
            bare = token.lower_.lstrip("-")
            if bare in self.person_pronouns | self.group_pronouns:
                referent = self._antecedent(token, bare)
                if referent is not None:
                    return referent, self.article.token_start(token) + len(token.text)
        return None

    def _add_span(self, sentence: Sentence, start: int, end: int, speaker: Mention,
                  cue: str) -> None:
        if end <= start:
            return
        tokens = [t for t in sentence.span
                  if start <= self.article.token_start(t) < end and not t.is_space]
        target = ""
        for token in tokens:
            mention = self.actors.mention_at(token)
            if mention is not None and mention.actor != speaker.actor:
                target = mention.actor
                break
        self._add(sentence, start, end, speaker, cue, target, None)

    # ------------------------------------------------------------ rows

    def _add(self, sentence: Sentence, start: int, end: int, speaker: Mention, cue: str,
             target: str, cue_token: Token | None) -> None:
        if end <= start:
            return
        claim_text = self.article.text[start:end]
        if not any(char.isalnum() for char in claim_text):
            return
        content_lower = claim_text.lower()
        lemmas = self._lemmas(start, end)
        kind = classify_kind(content_lower, lemmas, cue, self.language)
        if kind == "accusation" and not target:
            target = self._first_actor(start, end, speaker.actor)
        self.claims.append(Claim(
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
            nato_stance=classify_stance(content_lower, self.language,
                                        context=self._context(sentence).lower(),
                                        topic_nato=self.topic_nato),
        ))

    def _context(self, sentence: Sentence) -> str:
        """The claim's sentence and the one before: "such a departure" refers back."""
        first = self.article.sentences[max(0, sentence.index - 1)]
        return self.article.text[first.start_char: sentence.end_char]

    def _lemmas(self, start: int, end: int) -> str:
        words = []
        for sentence in self.article.sentences_overlapping(start, end):
            words += [t.lemma_.lower() for t in sentence.span
                      if start <= self.article.token_start(t) < end]
        return " ".join(words)

    def _first_actor(self, start: int, end: int, speaker: str) -> str:
        first = bisect.bisect_left(self.mention_starts, start)
        for mention in self.actors.mentions[first:]:
            if mention.start_char >= end:
                break
            if mention.actor != speaker:
                return mention.actor
        return ""

    def _covered(self, position: int) -> bool:
        """Inside a claim already taken; claims come in text order, so look back a little."""
        for claim in reversed(self.claims[-RECENT_CLAIMS:]):
            if claim.start_char <= position < claim.end_char:
                return True
        return False

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Trim blanks, edge punctuation and unbalanced quotation marks off a span."""
        text = self.article.text
        changed = True
        while changed and start < end:
            changed = False
            while start < end and text[start] in EDGE_PUNCT:
                start, changed = start + 1, True
            while start < end and text[end - 1] in EDGE_PUNCT:
                end, changed = end - 1, True
            inside = text[start:end]
            if start < end and text[start] in OPENING_QUOTES and not _closes(inside[1:]):
                start, changed = start + 1, True
            elif start < end and text[end - 1] in CLOSING_QUOTES and not _opens(inside[:-1]):
                end, changed = end - 1, True
        inside = text[start:end]
        closes_after = end < len(text) and text[end] in CLOSING_QUOTES
        if closes_after and _opens(inside) and not _closes(inside):
            end += 1  # the content ends where the quotation closes
        elif (len(inside) > 2 and inside[0] in OPENING_QUOTES and inside[-1] in CLOSING_QUOTES
              and not _opens(inside[1:-1]) and not _closes(inside[1:-1])):
            start, end = start + 1, end - 1  # a quotation on its own: its words, not its marks
        return start, end


def _closes(text: str) -> bool:
    return any(mark in text for mark in CLOSING_QUOTES)


def _opens(text: str) -> bool:
    return any(mark in text for mark in OPENING_QUOTES)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _overlap(first: Claim, second: Claim) -> bool:
    return first.start_char < second.end_char and second.start_char < first.end_char


def _has_word(text: str, word: str) -> bool:
    return _word_pattern(word).search(text) is not None


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    """A whole-word pattern, compiled once per word of the lexicon."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def classify_kind(content: str, lemmas: str, cue: str, language: str) -> str:
    """accusation, proposal, assessment, prediction or other, by the rules of lexicon.json."""
    cue_rule = lexicon.cues(language).get(cue)
    cue_kind = cue_rule.kind if cue_rule else ""
    if cue_kind in {"accusation", "proposal"}:
        return cue_kind
    for kind in ("proposal", "accusation", "prediction"):
        keywords = lexicon.words("kind_keywords", kind, language=language)
        if any(_has_word(content, word) or _has_word(lemmas, word) for word in keywords):
            return kind
    if cue_kind:
        return cue_kind
    return "assessment" if len(content.split()) >= 3 else "other"


def classify_stance(content: str, language: str, *, context: str = "",
                    topic_nato: bool = False) -> str:
    """exit, stay or none: does the statement argue for leaving NATO (or its command)?

    The words for leaving or staying must be in the statement; the reference to NATO
    may also be in its sentence or the one before (`context`), or, when the statement
    opens on the leaving itself, anywhere in an article about NATO (`topic_nato`).
    """
    def found(key: str, text: str = content) -> list[str]:
        return [word for word in lexicon.words("stance", key, language=language)
                if _has_word(text, word)]

    exits = found("exit_words")
    stays = found("stay_words")
    about_nato = bool(found("nato_words") or found("nato_words", context))
    if not about_nato and topic_nato:
        # "Leaving would be a serious mistake" in an article about NATO: the statement's
        # subject is the leaving itself
        opening = " ".join(content.split()[:OPENING_WORDS])
        about_nato = any(_has_word(opening, word) for word in exits)
    non_aligned = any(word.startswith("non") for word in exits)
    if not (about_nato or non_aligned):
        return "none"
    negated = _negated(content, exits, language)
    if exits and (found("disapproval_words") or negated):
        return "stay"
    if exits:
        return "exit"
    if stays:
        return "stay"
    return "none"


def _negated(content: str, exit_words: list[str], language: str) -> bool:
    negations = lexicon.words("stance", "negations", language=language)
    for word in exit_words:
        for match in _word_pattern(word).finditer(content):
            before = content[max(0, match.start() - 40): match.start()].split()[-4:]
            if any(negation in before for negation in negations):
                return True
    return False
