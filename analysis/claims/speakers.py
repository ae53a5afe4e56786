"""Speakers: which actor a subject, a pronoun, a title or a description stands for.

The same resolution serves claims (who speaks) and case mentions (who moves, who leads):
- a name or alias is its actor; a noun phrase holding one ("senior figures from LFI",
  "a NATO spokesperson") is that actor;
- he/she, il/elle, they/ils: the nearest earlier actor of the right kind and gender,
  preferring those who already spoke or were subjects;
- I/we, je/nous: the speaker of the turn (interview answer, speech, communiqué) or the
  byline's author;
- a title or description ("the former prime minister", "la députée", "le président
  de la République"): a recent person whose stated roles share its words and gender.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from spacy.tokens import Token

from analysis import lexicon
from analysis.actors import ActorIndex, Mention
from analysis.document import ArticleDoc

# "a-t-il précisé": the small French model labels the inverted pronoun expl:subj.
SUBJECT_DEPS = {"nsubj", "expl:subj"}
PASSIVE_DEPS = {"nsubjpass", "nsubj:pass", "auxpass", "aux:pass"}
INHERIT_SUBJECT_DEPS = {"advcl", "xcomp", "conj"}
RELATIVE_DEPS = {"relcl", "acl:relcl"}
TYPE_PRIORITY = {"person": 0, "party": 1, "organisation": 2, "state": 3}
# Mentions a later pronoun most likely refers to: subjects and names in apposition.
ANTECEDENT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "appos", "flat:name", "compound"}
RECENT_SENTENCES = 3
TITLE_REACH = RECENT_SENTENCES + 2  # sentences back a description may refer
INVERSION_WINDOW = 8  # tokens after an inverted verb where its subject may be


class Speakers:
    """Resolves tokens to actor mentions for one article.

    `recent_speakers` lists the speakers of the claims found so far, latest last; a
    pronoun prefers them. `first_person` says who "I"/"we" is at a character position.
    """

    def __init__(self, article: ArticleDoc, actors: ActorIndex, rules: lexicon.Rules,
                 recent_speakers: Callable[[], list[tuple[str, str, int, int]]],
                 first_person: Callable[[int], Mention | None]) -> None:
        self.article = article
        self.actors = actors
        self.rules = rules
        self.recent_speakers = recent_speakers
        self.first_person = first_person
        self.definite = rules.words("grammar", "definite_articles")
        self.indefinite = rules.words("grammar", "indefinite_articles")
        self.euphonic = rules.words("grammar", "euphonic")
        self.genders = actor_genders(actors, rules)

    # ------------------------------------------------------------ verbs

    def of_verb(self, verb: Token, after_quotation: bool = False) -> Mention | None:
        """The actor who speaks through a reporting verb: the name right after it when it
        follows a quotation ("…,” said X), else its subject; never someone quoted."""
        speaker = ((self.inverted(verb) if after_quotation else None) or self.subject(verb)
                   or self.just_before(verb))
        return None if speaker is None or speaker.in_quote else speaker

    def just_before(self, verb: Token) -> Mention | None:
        """A verb the parser left without a subject ("…, le général de Gaulle fait savoir
        que …" read with the name as an apposition): the name that ends right before it,
        past auxiliaries, adverbs and clitics only."""
        doc = verb.doc
        index = verb.i - 1
        while index > verb.sent.start and (doc[index].pos_ in {"AUX", "ADV", "PART"}
                                           or doc[index].head.i == verb.i
                                           and doc[index].dep_ in {"dep", "aux"}):
            index -= 1
        if doc[index].text == ",":
            # "Femke Jansen, dont le parti soutient la motion, a affirmé": past the clause
            opening = next((i for i in range(index - 1, verb.sent.start, -1)
                            if doc[i].text == ","
                            and doc[i + 1].lower_ in self.rules.relative_pronouns), None)
            if opening is None:
                return None
            index = opening - 1
        if index < verb.sent.start or doc[index].is_punct:
            return None
        mention = self.actors.mention_at(doc[index])
        if mention is None or mention.in_quote or mention.end_char != self.article.token_start(
                doc[index]) + len(doc[index].text):
            return None
        return mention

    def subject(self, verb: Token, depth: int = 0) -> Mention | None:
        """The actor who is the subject of a verb, through relative clauses, passives with
        an agent, and verbs that share their subject with the verb they depend on."""
        # "La sénatrice a assuré": a "passive" subject with "avoir" and no passive
        # auxiliary is the small parser's slip for an active one
        active = not any(child.dep_ in {"aux:pass", "auxpass"} for child in verb.children)
        subject_deps = SUBJECT_DEPS | ({"nsubj:pass", "nsubjpass"} if active else set())
        for child in verb.children:
            if child.dep_ in subject_deps and child.lower_ not in self.euphonic:
                if child.lower_ in self.rules.relative_pronouns and verb.dep_ in RELATIVE_DEPS:
                    return self.actor_of(verb.head)
                return self.actor_of(child)
            if child.dep_ == "agent" or child.dep_ == "obl:agent":
                # "was told by X" (passive): the agent speaks
                objects = [grandchild for grandchild in child.subtree
                           if grandchild.dep_ in {"pobj", "obl:agent"}
                           or self.actors.mention_at(grandchild)]
                return self.actor_of(objects[0]) if objects else None
        if not active:
            return None
        if verb.dep_ in RELATIVE_DEPS or verb.dep_ == "acl" and verb.head.lemma_.lower() in (
                self.rules.words("genres", "document_nouns")):
            return self.actor_of(verb.head)  # "a post by Mathilde Arnoux urging France to …"
        if verb.dep_ in INHERIT_SUBJECT_DEPS and depth < 3 and verb.head.i != verb.i:
            return self.subject(verb.head, depth + 1)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and depth < 3 and (
                verb.head.head.pos_ in {"VERB", "AUX"}) and any(
                child.dep_ in {"xcomp", "ccomp"} for child in verb.children):
            # "won the election after promising to …": the subject of the verb it follows
            return self.subject(verb.head.head, depth + 1)
        if verb.dep_ in {"amod", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            # a verb the parser hung on its subject ("The opposition National Dignity Front
            # on Tuesday called for …" read as "the opposition … called"); what follows
            # the verb is its object, not part of the subject
            return self.actor_of(verb.head, before=verb.i)
        return None

    def inverted(self, verb: Token) -> Mention | None:
        """"“…,” said Marc Dupont" / "« … », a déclaré mardi Sophie Marchal": the name right
        after the verb, or a pronoun or title there ("a-t-il ajouté", "said the minister")."""
        doc = verb.doc
        for token in doc[verb.i + 1: min(verb.sent.end, verb.i + INVERSION_WINDOW)]:
            if token.is_punct and token.text not in {"-"}:
                break
            mention = self.actors.mention_at(token)
            if mention is not None and self._told_to(mention):
                continue  # "a confié au Figaro l'ancien ambassadeur X": who was told
            if mention is not None and not mention.in_quote:
                if mention.actor_type != "person":
                    # "said the Party's foreign affairs spokesperson, Defne Aksoy"
                    return self._named_after_title(token) or mention
                return mention
            bare = token.lower_.lstrip("-")
            if bare in self.rules.person_pronouns:
                return self.antecedent(token, bare)
            if self.is_title(token):
                # "a déclaré la présidente du groupe, Maëlle Quéméner": the name after it
                named = self._named_after_title(token)
                return named or self.title_speaker(token)
        return None

    def _told_to(self, mention: Mention) -> bool:
        """A name after "to", "à", "au", "aux": the one spoken to, not the speaker."""
        first = mention.tokens[0]
        doc = first.doc
        before = [doc[i] for i in range(max(first.sent.start, first.i - 2), first.i)]
        return any(t.lower_ in self.rules.words("grammar", "recipient_prepositions")
                   for t in before)

    def title_speaker(self, title: Token) -> Mention | None:
        """The speaker a title stands for: "a NATO spokesman", "un porte-parole de l'Otan"
        (a new, unnamed person) speak for the body their phrase names; "the minister", "la
        députée" refer back to a person named before."""
        if any(child.dep_ == "det" and child.lower_ in self.indefinite
               for child in title.children):
            inside = [mention for token in title.subtree
                      if (mention := self.actors.mention_at(token)) is not None
                      and mention.actor_type != "person" and not mention.in_quote]
            return inside[0] if inside else None
        return self.title_referent(title)

    def _named_after_title(self, title: Token) -> Mention | None:
        doc = title.doc
        end = min(title.sent.end, title.i + INVERSION_WINDOW + 4)
        for token in doc[title.i + 1: end]:
            if token.text in {".", ";", ":", "!", "?", "«", "»", "“", "”"}:
                return None
            mention = self.actors.mention_at(token)
            if mention is not None and mention.actor_type == "person" and not mention.in_quote:
                return mention
        return None

    # ------------------------------------------------------------ tokens

    def actor_of(self, token: Token, before: int | None = None) -> Mention | None:
        """The actor a subject token stands for: a name, a role in apposition, a pronoun,
        a description, or the actor inside a noun phrase ("senior figures from LFI"),
        looking inside the phrase only at tokens before `before` when given."""
        mention = self.actors.mention_at(token)
        if mention is not None:
            return mention
        bare = token.lower_.lstrip("-")
        if bare in self.rules.first_person:
            return self.first_person(self.article.token_start(token))
        if bare in self.rules.person_pronouns or bare in self.rules.group_pronouns:
            return self.antecedent(token, bare)
        if token.pos_ == "PRON":
            return None  # "it", "this": not an actor
        if token.dep_ == "appos":
            return self.actors.mention_at(token.head)
        for child in token.children:
            named = self.actors.mention_at(child) if child.dep_ == "appos" else None
            if named is not None and named.actor_type == "person" and not named.in_quote:
                return named  # "A Government spokesman, Mr. Alexandros Pappas, said"
        government = self.government_state(token)
        if government is not None:
            return government
        body = self.body_referent(token)
        if body is not None:
            return body
        if token.lemma_.lower() in self.rules.words("genres", "document_nouns"):
            return self.author_of(token)
        inside = [mention for child in token.subtree
                  if (mention := self.actors.mention_at(child)) is not None
                  and not mention.in_quote and (before is None or child.i < before)]
        if not inside:
            if self.is_definite_title(token):
                # "La parlementaire a appelé…", "The minister added…": the person just named.
                return self.title_referent(token)
            return None
        if self.is_title(token) and any(child.dep_ == "det" and child.lower_ in self.indefinite
                                        for child in token.children):
            return self.title_speaker(token)  # "A NATO spokesman said": NATO
        if self.is_title(token) and all(m.actor_type != "person" for m in inside):
            # "Le leader de La France insoumise estime …": a person described by a title,
            # likely one already named whose party is that one; else the party stands in.
            return self.title_referent(token, inside) or min(
                inside, key=lambda mention: TYPE_PRIORITY.get(mention.actor_type, 9))
        return min(inside, key=lambda mention: (TYPE_PRIORITY.get(mention.actor_type, 9),
                                                mention.start_char))

    def government_state(self, token: Token) -> Mention | None:
        """"His government argued", "a government spokesman said", "le gouvernement a
        répondu": the state the text is about, the latest named before (as a subject
        first), unless a nationality says which ("the Greek government" is an actor)."""
        words = self.rules.words("actors", "government_words")
        modifiers = [child for child in token.children
                     if child.dep_ in {"compound", "amod", "nmod"}]
        if token.lower_ not in words and not any(child.lower_ in words for child in modifiers):
            return None
        position = self.article.token_start(token)
        sentence_index = self.sentence_index(position)
        start = bisect.bisect_left(self.actors.starts, position)
        states = [m for m in reversed(self.actors.mentions[:start])
                  if m.actor_type == "state" and not m.in_quote
                  and sentence_index - m.sentence_index <= RECENT_SENTENCES]
        subjects = [m for m in states if m.root.dep_ in ANTECEDENT_DEPS]
        return (subjects or states or [None])[0]

    def body_referent(self, token: Token) -> Mention | None:
        """"The movement also accused …", "le parti a dénoncé …": the party or body named
        before whose name holds that word, else the latest party or body named."""
        if token.lower_ not in self.rules.words("actors", "body_heads") or not any(
                child.dep_ == "det" and child.lower_ in self.definite for child in token.children):
            return None
        position = self.article.token_start(token)
        start = bisect.bisect_left(self.actors.starts, position)
        bodies = [m for m in reversed(self.actors.mentions[:start])
                  if m.actor_type in {"party", "organisation"} and not m.in_quote
                  and m.actor != "NATO"]  # "the alliance" is NATO by its alias
        named = [m for m in bodies if token.lower_ in m.actor.casefold().split()]
        return (named or bodies or [None])[0]

    def author_of(self, document: Token) -> Mention | None:
        """"the deleted post also said", "her post urging …", "a memorandum by X", "la lettre
        du Général": whoever wrote it, named by a possessive or "by" / "de", else the last
        speaker or person named just before."""
        agents = self.rules.words("grammar", "agent_prepositions")
        for child in document.children:
            if child.dep_ in {"poss", "nmod:poss"} or "Yes" in child.morph.get("Poss"):
                return self.actor_of(child) if child.pos_ != "DET" else self.antecedent(
                    child, self._pronoun_for(child))
            if child.dep_ in {"prep", "nmod"} and (child.lower_ in agents or any(
                    c.dep_ == "case" and c.lower_ in agents for c in child.children)):
                objects = [t for t in child.subtree if self.actors.mention_at(t)]
                if objects:
                    return self.actors.mention_at(objects[0])
        if document.dep_ in {"dobj", "obj"} and document.head.i != document.i:
            # "Lorenzo Bellandi a publié sur X un message appelant …": the publisher
            writer = self.subject(document.head)
            if writer is not None and writer.actor_type != "state":
                return writer
        position = self.article.token_start(document)
        sentence_index = self.sentence_index(position)
        start = bisect.bisect_left(self.actors.starts, position)
        for mention in reversed(self.actors.mentions[:start]):
            # "X posted and then deleted a message … the deleted post also said"
            if sentence_index - mention.sentence_index > 1:
                break
            root = mention.root
            if (mention.actor_type in {"person", "party"} and not mention.in_quote
                    and (root.dep_ in SUBJECT_DEPS
                         or root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)):
                return mention
        for speaker, _, claim_sentence, claim_start in reversed(self.recent_speakers()):
            if sentence_index - claim_sentence <= 2 and claim_start < position:
                return self.named(speaker, position)
        for mention in reversed(self.actors.mentions[:start]):
            if sentence_index - mention.sentence_index > 2:
                break
            if mention.actor_type in {"person", "party"} and not mention.in_quote:
                return mention
        return None

    def _pronoun_for(self, determiner: Token) -> str:
        """"her", "his", "sa", "son": the personal pronoun a possessive stands for."""
        gender = _token_gender(determiner) or {"her": "f", "his": "m"}.get(determiner.lower_, "")
        for word, word_gender in self.rules.pronoun_genders.items():
            if word_gender == gender and word in self.rules.person_pronouns:
                return word
        return next(iter(sorted(self.rules.person_pronouns)))

    def is_title(self, token: Token) -> bool:
        return (token.lower_ in self.rules.role_words
                or token.lemma_.lower() in self.rules.role_words)

    def is_definite_title(self, token: Token) -> bool:
        """"The minister", "le député des Bouches-du-Rhône": a title with a definite article."""
        return self.is_title(token) and any(
            child.dep_ == "det" and child.lower_ in self.definite for child in token.children)

    def title_referent(self, title: Token, inside: list[Mention] | None = None) -> Mention | None:
        """The person a title refers back to: a recent person whose stated roles share the
        title's words, or whose party is named in it; else the latest speaker nearby."""
        position = self.article.token_start(title)
        sentence_index = self.sentence_index(position)
        words = {token.lower_ for token in title.subtree if self.is_title(token)}
        gender = _token_gender(title)
        parties = {mention.actor for mention in inside or []}
        # "le Général", "the General" with a capital: the one the text gave that title,
        # however far back
        reach = len(self.article.sentences) if title.text[:1].isupper() and title.i != (
            title.sent.start) else TITLE_REACH
        recent = [m for m in reversed(self.actors.mentions)
                  if m.actor_type == "person" and m.start_char < position and not m.in_quote
                  and sentence_index - m.sentence_index <= reach
                  and self.agrees(m.actor, gender)]
        for mention in recent:
            actor = self.actors.actors[mention.actor]
            role_words = {word.casefold() for role in actor.roles for word in role.split()}
            if words & role_words or (parties and actor.affiliation in parties):
                return mention
        if parties:
            return None
        for speaker, speaker_type, claim_sentence, start in reversed(self.recent_speakers()):
            if sentence_index - claim_sentence > RECENT_SENTENCES:
                break
            if speaker_type == "person" and start < position and self.agrees(speaker, gender):
                return self.named(speaker, position)
        # no role to go by: the person the text last made a subject, as for a pronoun
        # ("President de Gaulle … In his letter to President Johnson, the general …")
        subjects = [m for m in recent if _is_subject(m.root)]
        return (subjects or recent or [None])[0]

    def antecedent(self, pronoun: Token, bare: str) -> Mention | None:
        """The actor a pronoun refers to: the latest speaker of the right kind and gender,
        else the latest such mention outside quotations in the sentences just before."""
        person = bare in self.rules.person_pronouns
        wanted = {"person"} if person else {"party", "organisation", "state"}
        gender = self.rules.pronoun_genders.get(bare, "") if person else ""
        position = self.article.token_start(pronoun)
        sentence_index = self.sentence_index(position)
        speakers = {speaker for speaker, *_ in self.recent_speakers()}
        candidates = []
        start = bisect.bisect_left(self.actors.starts, position)
        for mention in reversed(self.actors.mentions[:start]):
            if mention.in_quote:
                continue
            if sentence_index - mention.sentence_index > RECENT_SENTENCES:
                break
            if mention.actor_type in wanted and self.agrees(mention.actor, gender):
                candidates.append(mention)
        # "elle": a woman the text marks as one before anyone whose gender it leaves open
        for sure in ((True, False) if gender else (False,)):
            for mention in candidates:
                if sure and self.genders.get(mention.actor) != gender:
                    continue
                if mention.actor in speakers or mention.root.dep_ in ANTECEDENT_DEPS:
                    return mention
        return candidates[0] if candidates else None

    def agrees(self, actor: str, gender: str) -> bool:
        """Whether an actor can be referred to with a word of `gender` ("" agrees always)."""
        known = self.genders.get(actor, "")
        return not gender or not known or known == gender

    def named(self, actor: str, before: int) -> Mention | None:
        """The last mention of `actor` before a position."""
        return self.actors.last_mention(actor, before)

    def sentence_index(self, position: int) -> int:
        sentence = self.article.sentence_at(position)
        return sentence.index if sentence is not None else 0


def _is_subject(token: Token) -> bool:
    """A subject, or a name in apposition to one ("Le président Charles de Gaulle écrit")."""
    if token.dep_ in SUBJECT_DEPS | PASSIVE_DEPS:
        return True
    return token.dep_ in {"appos", "flat:name", "compound", "nmod"} and (
        token.head.i != token.i and token.head.dep_ in SUBJECT_DEPS | PASSIVE_DEPS)


def _token_gender(token: Token) -> str:
    """"f" or "m" when the words say so ("la députée", "l'ancienne ministre", "le
    sénateur"): an article or adjective that agrees first, as "ministre" is both."""
    for word in [*(c for c in token.children if c.dep_ in {"det", "amod"}), token]:
        genders = word.morph.get("Gender")
        if genders and genders[0] in {"Fem", "Masc"}:
            return {"Fem": "f", "Masc": "m"}[genders[0]]
    return ""


def actor_genders(actors: ActorIndex, rules: lexicon.Rules) -> dict[str, str]:
    """The gender the article gives each person, where it gives one: a form of address
    ("Mme Roux", "Mr Ford"), a clearly gendered first name, or a gendered role."""
    names = lexicon.first_names()
    genders: dict[str, str] = {}
    for mention in actors.mentions:
        if mention.actor_type != "person" or mention.actor in genders:
            continue
        first = mention.tokens[0]
        before = first.doc[first.i - 1] if first.i > 0 else None
        if before is not None and rules.honorifics.get(before.text):
            genders[mention.actor] = rules.honorifics[before.text]
    for name, actor in actors.actors.items():
        if actor.actor_type != "person" or name in genders:
            continue
        given = name.split()[0].casefold() if " " in name else ""
        gender = names.get(given, "") or lexicon.role_gender(actor.roles, rules.language)
        if gender:
            genders[name] = gender
    return genders
