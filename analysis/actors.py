"""Find the actors of an article and give each one canonical name, type, roles and affiliation.

The statistical NER proposes names; rules fix what the small models get wrong:
aliases and metonyms come from `resources/aliases.csv`, surname-only mentions merge
into the full name stated in the article (a surname is the person named in full even where
the model tags it ORG), possessives are stripped ("Trump’s" is Donald Trump), and names
that are places here ("MP for the Rhône") are dropped.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from analysis import lexicon
from analysis.document import ArticleDoc, Sentence
from analysis.lexicon import fold_accents

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass"}
PLACE_LABELS = {"GPE", "LOC"}
DETERMINERS = {"the", "a", "an", "le", "la", "les", "l'", "l’", "un", "une", "du", "des", "de"}
POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")
# Prepositions after which a capital is a place, not the state acting ("from Paris").
PLACE_PREPOSITIONS = {
    "in", "at", "from", "into", "near", "via", "toward", "towards", "across",
    "outside", "inside", "between", "around", "through",
    "à", "de", "en", "dans", "depuis", "vers", "entre", "près", "d'", "d’", "par",
}
NAME_ARTICLES = {"Les"}
MIN_TITLE_WORDS = 4
TITLE_CASE_SHARE = 0.8
NAME_EXTENSION = 6  # words a cut-short organisation name may be taken on by
OF_PREPOSITIONS = {"de", "d'", "d’"}
OF_WORDS = OF_PREPOSITIONS | {"du", "des", "of"}
ARTICLES = {"la", "le", "l'", "l’", "les", "the"}
TITLE_FILLERS = {"former", "then", "vice", "deputy", "ancien", "ancienne", "ex", "-", "de", "du",
                 "des", "d'", "d’", "of", "the", "for", "la", "le", "l'", "l’"}
# Dependents of a role noun that are not part of the role ("… and a significant player").
NOT_ROLE_DEPS = {"conj", "cc", "nsubj", "cop", "punct", "relcl", "acl:relcl"}
ROLE_STOP_WORDS = {  # words that end an apposition: the sentence's verb has begun
    "en": {"who", "which", "that", "said", "says", "has", "have", "had", "is", "was", "will",
           "would"},
    "fr": {"qui", "que", "dont", "a", "est", "était", "sera", "avait"},
}


@dataclass
class Mention:
    """One mention of a canonical actor in the article."""

    actor: str
    actor_type: str
    tokens: list[Token]
    start_char: int
    end_char: int
    sentence_index: int
    in_quote: bool

    @property
    def root(self) -> Token:
        return max(self.tokens, key=lambda token: token.i if token.head not in self.tokens else -1)


@dataclass
class Actor:
    actor: str
    actor_type: str
    roles: list[str] = field(default_factory=list)
    affiliation: str = ""
    mentions: int = 0


@dataclass
class ActorIndex:
    """The actors of one article and, for every token inside a mention, the mention.

    `mentions` are in text order; `starts` holds their start characters for bisection.
    """

    mentions: list[Mention]
    actors: dict[str, Actor]
    by_token: dict[tuple[int, int], Mention]
    starts: list[int] = field(init=False)
    _of_actor: dict[str, list[Mention]] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [mention.start_char for mention in self.mentions]
        self._of_actor = {}
        for mention in self.mentions:
            self._of_actor.setdefault(mention.actor, []).append(mention)

    def mention_at(self, token: Token) -> Mention | None:
        return self.by_token.get((id(token.doc), token.i))

    def last_mention(self, actor: str, before: int) -> Mention | None:
        """The last mention of `actor` that starts before a character position."""
        mentions = self._of_actor.get(actor, [])
        index = bisect.bisect_left([mention.start_char for mention in mentions], before) - 1
        return mentions[index] if index >= 0 else None

    def add(self, mention: Mention, *, roles: list[str] | None = None) -> None:
        """Add a mention found after the index was built (a speaker named only in a
        transcript's prefix), keeping text order, counts and roles."""
        position = bisect.bisect_left(self.starts, mention.start_char)
        self.mentions.insert(position, mention)
        self.starts.insert(position, mention.start_char)
        mentions = self._of_actor.setdefault(mention.actor, [])
        mentions.insert(bisect.bisect_left([m.start_char for m in mentions], mention.start_char),
                        mention)
        for token in mention.tokens:
            self.by_token[(id(token.doc), token.i)] = mention
        actor = self.actors.setdefault(mention.actor, Actor(mention.actor, mention.actor_type))
        actor.mentions = len(mentions)
        for role in roles or []:
            _add_role(actor, role)
        actor.affiliation = _affiliation(actor)


def find_actors(article: ArticleDoc) -> ActorIndex:
    """All actor mentions of an article, merged into canonical actors with roles."""
    rules = lexicon.rules(article.language)
    candidates = _government_candidates(article, rules)
    candidates += _spelled_out(article, rules, candidates)
    candidates += _name_candidates(article, rules, candidates)
    taken = {(id(token.doc), token.i) for candidate in candidates for token in candidate.tokens}
    candidates += [
        candidate
        for sentence in article.sentences
        for entity in article.entities(sentence)
        if not any((id(token.doc), token.i) in taken for token in entity)
        and (candidate := _candidate(entity, sentence, article, rules)) is not None
        and not (_title_case(sentence) and not candidate.canonical)
    ]
    candidates += _quoted_bodies(article, rules, candidates)
    candidates.sort(key=lambda candidate: article.token_start(candidate.tokens[0]))
    people = _article_people(candidates)
    bodies = _article_bodies(candidates, rules)
    mentions = []
    for candidate in candidates:
        mention = _resolve(candidate, people, bodies)
        if mention is not None:
            mentions.append(mention)
    mentions += _untagged_surnames(article, mentions, people)
    mentions += _untagged_short_names(article, mentions, bodies)
    mentions.sort(key=lambda mention: mention.start_char)

    by_token = {(id(token.doc), token.i): mention
                for mention in mentions for token in mention.tokens}
    counts = Counter(mention.actor for mention in mentions)
    actors: dict[str, Actor] = {}
    for mention in mentions:
        actor = actors.setdefault(mention.actor, Actor(mention.actor, mention.actor_type))
        actor.mentions = counts[mention.actor]
        if mention.actor_type == "person":
            for role in _roles_of(mention, article):
                _add_role(actor, role)
    parties = {name for name, actor in actors.items() if actor.actor_type == "party"}
    for actor in actors.values():
        actor.affiliation = _affiliation(actor, parties)
    return ActorIndex(mentions, actors, by_token)


@dataclass
class _Candidate:
    name: str                # cleaned surface text
    label: str               # "person", "organisation", "place", or an alias type
    canonical: str           # from the alias table, or ""
    tokens: list[Token]
    sentence: Sentence
    article: ArticleDoc


def _candidate(entity: Span, sentence: Sentence, article: ArticleDoc,
               rules: lexicon.Rules) -> _Candidate | None:
    tokens = _clean_tokens(entity)
    if not tokens:
        return None
    if entity.label_ in ORG_LABELS and not entity.ent_id_:
        tokens = _extended_name(tokens, rules)
    titled = _strip_title(tokens)
    if titled is not None:
        # "Historian Elena Varga" is a person; "ministre des Armées" is a title, not an actor.
        if not titled or titled[0].lower_ in DETERMINERS or not titled[0].text[:1].isupper():
            return None
        if entity.label_ not in PERSON_LABELS:
            tokens = titled
            name = _text_of(tokens)
            if name.casefold() in lexicon.not_actors():
                return None
            return _Candidate(name, "person", "", tokens, sentence, article)
    name = _text_of(tokens)
    if name.casefold() in lexicon.not_actors() or not any(char.isupper() for char in name):
        return None
    alias = lexicon.alias_for(name)
    if entity.ent_id_ and entity.ent_id_ in lexicon.canonical_types():
        canonical = entity.ent_id_
        alias = lexicon.aliases().get(name) or lexicon.Alias(
            canonical, lexicon.canonical_types()[canonical], False)
    if alias is not None:
        if alias.metonym and _is_place_use(tokens):
            return None
        return _Candidate(name, alias.actor_type, alias.canonical, tokens, sentence, article)
    if entity.label_ in PERSON_LABELS:
        if tokens[0].lower_ in rules.words("actors", "body_heads") and len(tokens) > 1:
            # "Radio Fleuve", "Fondation Mavros": a body named like a person
            return _Candidate(name, _body_type(tokens, rules), "", tokens, sentence, article)
        if not _looks_like_person(tokens):
            return None
        return _Candidate(name, "person", "", tokens, sentence, article)
    if _after_honorific(tokens) and entity.label_ in ORG_LABELS | PLACE_LABELS:
        return _Candidate(name, "person", "", tokens, sentence, article)
    if entity.label_ in PLACE_LABELS and _named_like_person(tokens):
        return _Candidate(name, "person", "", tokens, sentence, article)
    if entity.label_ in ORG_LABELS:
        if _qualifies_title(tokens) or _shouted(tokens):
            return None
        return _Candidate(name, _body_type(tokens, rules), "", tokens, sentence, article)
    return None  # places that are not states, nationalities, dates, numbers


def _after_honorific(tokens: list[Token]) -> bool:
    """"Ms Tamsin Ruddock", "Mme Anne Roux": whatever label the model gave, the name after
    an honorific is a person's."""
    start = tokens[0].i
    return start > 0 and tokens[0].doc[start - 1].text in lexicon.honorifics() and all(
        token.text[:1].isupper() for token in tokens)


def _body_type(tokens: list[Token], rules: lexicon.Rules) -> str:
    """"party" for a name that says so ("… Party", "Parti …", "groupe …"), else
    "organisation"."""
    words = rules.words("actors", "party_words")
    before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    named = {token.lower_ for token in tokens} | ({before.lower_} if before is not None else set())
    return "party" if named & words else "organisation"


def _shouted(tokens: list[Token]) -> bool:
    """A word of a headline in capitals ("COMMUNIQUÉ DU GROUPE …") that the model took for a
    name: capitals of more than five letters that the alias table does not know."""
    text = _text_of(tokens)
    return text.isupper() and len(text.replace(".", "")) > 5 and text not in lexicon.aliases()


def _extended_name(tokens: list[Token], rules: lexicon.Rules) -> list[Token]:
    """An organisation's name the model cut short, taken on to its end: past a linking
    word it ended on ("Institut d'études stratégiques de | Lyon"), a lower-case adjective
    or a coordinated one that belongs to it ("Union républicaine | et souveraine")."""
    links = rules.words("actors", "name_links")
    negators = rules.words("actors", "negators")
    doc = tokens[0].doc
    inside = {token.i for token in tokens}
    end = tokens[-1].i + 1
    for _ in range(NAME_EXTENSION):
        if end >= tokens[0].sent.end:
            break
        following = doc[end]
        if following.is_punct or following.pos_ in {"VERB", "AUX", "PRON"}:
            break
        if doc[end - 1].lower_ in links and doc[end - 1].lower_ not in {"et", "and"}:
            take = 1
        elif following.pos_ == "ADJ" and following.head.i in inside and following.is_lower:
            take = 1
        elif (following.lower_ in {"et", "and"} | negators and end + 1 < len(doc)
              and doc[end + 1].pos_ in {"ADJ", "PROPN", "NOUN"} and not doc[end + 1].is_punct
              and (doc[end + 1].head.i in inside or doc[end + 1].head.i == end
                   or following.lower_ in negators)):
            take = 2
        else:
            break
        inside.update(range(end, end + take))
        end += take
    return [doc[i] for i in range(tokens[0].i, end)]


def _clean_tokens(entity: Span) -> list[Token]:
    """Entity tokens without leading determiners and titles or a trailing possessive."""
    tokens = list(entity)
    if entity.ent_id_:
        return _without_possessive(tokens)  # an alias of the table, exactly as written there
    honorifics = lexicon.honorifics()
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct or tokens[0].is_space
                      or tokens[0].text in honorifics):
        if _article_of_name(tokens, entity):
            break
        tokens = tokens[1:]
    tokens = _without_possessive(tokens)
    if entity.label_ in PERSON_LABELS:
        titled = _strip_title(tokens)
        if titled:
            tokens = titled
        if len(titled or []) >= 2 and titled[0].lower_ in OF_WORDS and titled[1].lower_ in (
                ARTICLES):
            return []  # "président de la République": the rest of the title, nobody's name
    return tokens


def _article_of_name(tokens: list[Token], entity: Span) -> bool:
    """"Les Démocrates européens", "Les Écologistes": a capital article that is part of an
    organisation's name (French parties), not one that only precedes it."""
    return (entity.label_ in ORG_LABELS and tokens[0].text in NAME_ARTICLES and len(tokens) > 1
            and tokens[1].text[:1].isupper())


def _without_possessive(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].text in POSSESSIVE_ENDINGS or tokens[-1].is_punct
                      or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _strip_title(tokens: list[Token]) -> list[Token] | None:
    """The tokens after a leading title word ("général de Gaulle" -> "de Gaulle"), or None
    when the span does not start with one. Names in the alias table keep their title."""
    if not tokens or _text_of(tokens) in lexicon.aliases():
        return None
    roles = lexicon.role_words(tokens[0].doc.lang_)
    if tokens[0].lower_ not in roles:
        return None
    rest = tokens[1:]
    while rest and rest[0].lower_ in roles:
        rest = rest[1:]
    return rest


def _text_of(tokens: list[Token]) -> str:
    text = tokens[0].doc[tokens[0].i: tokens[-1].i + 1].text
    for ending in POSSESSIVE_ENDINGS[:2]:
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text.strip()


def _is_place_use(tokens: list[Token]) -> bool:
    """A capital after a place preposition is the city ("from Paris to Brussels")."""
    first = tokens[0]
    previous = first.doc[first.i - 1] if first.i > 0 else None
    if previous is not None and previous.lower_ in PLACE_PREPOSITIONS:
        # "le plan de Washington": "de" after a noun is "of", the state that plans
        return not (previous.lower_ in OF_PREPOSITIONS and tokens[-1].head.pos_ in {"NOUN",
                                                                                    "PROPN"})
    root = tokens[-1]
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def _named_like_person(tokens: list[Token]) -> bool:
    """A name the model took for a place ("Lucie Garnier" as LOC) that the sentence treats as
    a person: right after a title ("La présidente du groupe, Lucie Garnier,"), or followed by
    a title in apposition ("Lucie Garnier, ministre des Armées"), or speaking."""
    if len(tokens) < 2 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens):
        return False
    doc = tokens[0].doc
    roles = lexicon.role_words(doc.lang_)
    before = [t for t in doc[max(tokens[0].sent.start, tokens[0].i - 6): tokens[0].i]]
    after = doc[tokens[-1].i + 1: min(tokens[-1].sent.end, tokens[-1].i + 4)]
    titled_before = any(t.lower_ in roles for t in before)
    titled_after = len(after) > 1 and after[0].text == "," and any(t.lower_ in roles for t in after)
    speaking = tokens[-1].head.lemma_.lower() in lexicon.cues(doc.lang_) and any(
        t.dep_ in {"nsubj", "flat:name"} for t in tokens)
    return titled_before or titled_after or speaking


def _qualifies_title(tokens: list[Token]) -> bool:
    """"Defence" in "Defence Minister Sébastien Lecornu" is part of a title, not an actor."""
    last = tokens[-1]
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return following is not None and following.lower_ in lexicon.role_words(last.doc.lang_)


def _looks_like_person(tokens: list[Token]) -> bool:
    """Reject PERSON tags the small models give to places and words ("the Rhône")."""
    first = tokens[0]
    if any(char.isdigit() for token in tokens for char in token.text):
        return False
    if not any(token.text[:1].isupper() for token in tokens):
        return False  # particles may lead ("de Gaulle"), but some part is a capitalised name
    previous = first.doc[first.i - 1] if first.i > 0 else None
    # A single name after an article is a place or a thing in both languages.
    return not (len(tokens) == 1 and previous is not None and previous.lower_ in DETERMINERS)


def _surnames(name: str) -> list[str]:
    """Name endings that can stand for the full name: "de Gaulle" and "Gaulle"."""
    parts = name.split()
    return [" ".join(parts[index:]) for index in range(1, len(parts))]


def _article_people(candidates: list[_Candidate]) -> dict[str, str]:
    """Surname -> full name, from the article's own full names first, then the alias table."""
    people: dict[str, str] = {}
    for alias in lexicon.aliases().values():
        if alias.actor_type == "person":
            for surname in _surnames(alias.canonical):
                people.setdefault(surname, alias.canonical)
    stated: dict[str, str] = {}
    for candidate in candidates:
        if candidate.label == "person":
            full_name = candidate.canonical or candidate.name
            for surname in _surnames(full_name):
                if surname[:1].isupper() or " " in surname:
                    stated.setdefault(surname, full_name)
                    stated.setdefault(surname.upper(), full_name)  # "Mr DUNMORE:"
    people.update(stated)
    return people


def _resolve(candidate: _Candidate, people: dict[str, str],
             bodies: dict[str, tuple[str, str]]) -> Mention | None:
    name, actor_type, canonical = candidate.name, candidate.label, candidate.canonical
    if not canonical and name in people:
        # A surname alone, whatever the model tagged it, is the person named in full.
        canonical, actor_type = people[name], "person"
    if not canonical and name in bodies and bodies[name][0] != name:
        # "the Party", "PSP", "Démocrates": the party or body the article names in full
        canonical, actor_type = bodies[name]
    if not canonical and _opens_sentence_alone(candidate):
        return None
    if not canonical and actor_type == "person" and _lone_word_after_place_word(candidate):
        return None  # "a senator from Kent": one word after "from" is a place, not a person
    if not canonical:
        canonical = name
    article = candidate.article
    start, end = article.char_span(candidate.tokens)
    return Mention(canonical, actor_type, candidate.tokens, start, end,
                   candidate.sentence.index, article.in_quote(start, end))


def _lone_word_after_place_word(candidate: _Candidate) -> bool:
    first = candidate.tokens[0]
    places = lexicon.rules(candidate.article.language).words("actors", "lone_name_place_words")
    return len(candidate.tokens) == 1 and first.i > 0 and first.doc[first.i - 1].lower_ in places


def _title_case(sentence: Sentence) -> bool:
    """A headline In Title Case, verbs and all ("Italian Sovereigntists Table Motion to
    Take Italy Out"): its capitals say nothing of names, so only names the alias table
    knows count there (the article's body names the others)."""
    if sentence.index != 0 or sentence.text.rstrip().endswith((".", ":", ";")):
        return False   # a headline carries no full stop; a sentence naming people does
    words = [token for token in sentence.tokens if token.is_alpha and not token.is_stop]
    capitals = [token for token in words if token.text[:1].isupper()]
    # a capitalised verb or small word inside the line ("… to Take Italy Out of …")
    marks = [token for token in list(sentence.tokens[1:]) if token.text[:1].isupper()
             and (token.pos_ in {"VERB", "AUX"} or token.is_stop)]
    return (len(words) >= MIN_TITLE_WORDS and bool(marks)
            and len(capitals) >= TITLE_CASE_SHARE * len(words))


def _opens_sentence_alone(candidate: _Candidate) -> bool:
    """A single capitalised word at the head of a sentence that no alias, person or body of
    the article explains ("Juridiquement, …", "Contacté, …", "Retrait : …"): the capital
    is the sentence's, not a name's."""
    tokens = candidate.tokens
    if len(tokens) != 1 or tokens[0].text.isupper():
        return False
    first = tokens[0]
    index = first.i - 1
    while index >= first.sent.start and (first.doc[index].is_punct or first.doc[index].is_space
                                         or first.doc[index].lower_ in DETERMINERS):
        index -= 1
    return index < first.sent.start


def _government_candidates(article: ArticleDoc, rules: lexicon.Rules) -> list[_Candidate]:
    """"The French government", "le gouvernement grec", "the Greek Government": the state."""
    words = rules.words("actors", "government_words")
    demonyms = lexicon.demonyms()
    found = []
    for sentence in article.sentences:
        for token in sentence.tokens:
            if token.lower_ not in words:
                continue
            doc = token.doc
            neighbours = [doc[i] for i in (token.i - 1, token.i + 1)
                          if sentence.span.start <= i < sentence.span.end]
            for neighbour in neighbours:
                state = demonyms.get(neighbour.lower_)
                if state:
                    tokens = sorted([token, neighbour], key=lambda t: t.i)
                    found.append(_Candidate(_text_of(tokens), "state", state, tokens, sentence,
                                            article))
                    break
    return found


def _name_candidates(article: ArticleDoc, rules: lexicon.Rules,
                     known: list[_Candidate]) -> list[_Candidate]:
    """Names the statistical model missed or mislabelled, found by their shape:
    - a known given name and one or two capitalised words ("Élodie Vautrin",
      "Paul-Henri Dufresne", "Jeanne de Lattre"): a person;
    - a capitalised name headed by a word for a body ("Network for a Sovereign Defence",
      "Centre d'études méditerranéennes de Patras") or followed by one in lower case
      ("the Sovereign Republic party"): a party or an organisation."""
    taken = {(id(t.doc), t.i) for candidate in known for t in candidate.tokens}
    found: list[_Candidate] = []
    for sentence in article.sentences:
        if _title_case(sentence):
            continue
        tokens = list(sentence.tokens)
        index = 0
        while index < len(tokens):
            match = _capitalised(tokens[index]) and (
                _given_name_at(tokens, index, rules) or _body_name_at(tokens, index, rules))
            if not match or any((id(t.doc), t.i) in taken for t in match[0]):
                index += 1
                continue
            name_tokens, label = match
            name = _text_of(name_tokens)
            if name.casefold() not in lexicon.not_actors() and name not in lexicon.aliases():
                found.append(_Candidate(name, label, "", name_tokens, sentence, article))
                taken.update((id(t.doc), t.i) for t in name_tokens)
            index += len(name_tokens)
    return found


def _capitalised(token: Token) -> bool:
    """A word written as a name: capital first, not a function word, not an alias of the
    table (those have their own rules), not a headline in capitals."""
    if token.is_stop or token.ent_id_ or token.text.startswith("-"):
        return False
    if token.text.isupper() and len(token.text) > 4:
        return False
    return token.text[:1].isupper() and token.is_alpha or (
        "-" in token.text and all(part[:1].isupper() for part in token.text.split("-") if part))


def _given_name_at(tokens: list[Token], index: int,
                   rules: lexicon.Rules) -> tuple[list[Token], str] | None:
    first = tokens[index]
    parts = first.text.split("-")
    names = lexicon.first_names()
    honoured = index >= 1 and tokens[index - 1].text in lexicon.honorifics()
    if not _capitalised(first) or not (honoured or all(
            part.casefold() in names for part in parts if part)):
        return None  # a given name the list knows, or any name after "Mr", "Mme", "Dr"
    if index >= 1 and tokens[index - 1].text == "-":
        return None  # the second half of a hyphenated name, taken with the first
    particles = rules.words("genres", "name_particles")
    taken = [first]
    position = index + 1
    while position < min(len(tokens), index + 6):
        token = tokens[position]
        hyphen = token.text == "-" and position + 1 < len(tokens) and _capitalised(
            tokens[position + 1])  # "Paul-Henri", "Ferrand-Lacour"
        if hyphen:
            taken += [token, tokens[position + 1]]
            position += 2
            continue
        if _capitalised(token) and token.text not in lexicon.honorifics():
            taken.append(token)
        elif token.lower_ in particles and token is not tokens[-1]:
            taken.append(token)
        else:
            break
        position += 1
    while taken and taken[-1].lower_ in particles:
        taken.pop()
    if len(taken) < 2 or any(t.lower_ in rules.role_words for t in taken[1:]):
        return None
    return taken, "person"


def _body_name_at(tokens: list[Token], index: int,
                  rules: lexicon.Rules) -> tuple[list[Token], str] | None:
    first = tokens[index]
    if not _capitalised(first):
        return None
    heads = rules.words("actors", "body_heads")
    links = rules.words("actors", "name_links")
    parties = rules.words("actors", "party_words")
    start = index
    while start < len(tokens) and tokens[start].lower_ not in heads and _capitalised(
            tokens[start]) and start - index < 3:
        start += 1  # "Brest Institute of …", "Popular Front for …": words before the head
    if start < len(tokens) and tokens[start].lower_ in heads and _capitalised(tokens[start]):
        # "Network for a Sovereign Defence", "Centre d'études méditerranéennes de Patras"
        taken = list(tokens[index: start + 1])
        for token in tokens[start + 1: start + 8]:
            previous = taken[-1]
            if _capitalised(token) or token.lower_ in links or token.lower_ in {"a", "an"} or (
                    rules.language == "fr" and token.is_lower and (
                        token.pos_ == "ADJ" or token.pos_ == "NOUN"
                        and previous.lower_ in links)):
                taken.append(token)
            elif token.ent_id_ and token.text[:1].isupper():
                # "Union for a Neutral Belgium", "Mouvement pour une France …": a state
                # ends the name of a body that speaks for it
                taken.append(token)
            else:
                break
        while taken and not (_capitalised(taken[-1]) or taken[-1].ent_id_):
            taken.pop()
        if len(taken) < 2 or not any(_capitalised(t) or t.ent_id_ for t in taken[1:]):
            return None
        return taken, "party" if tokens[start].lower_ in parties else "organisation"
    # "the Sovereign Republic party": capitalised words, then the word for a body
    run = []
    for token in tokens[index: index + 5]:
        if _capitalised(token) and token.lower_ not in heads:
            run.append(token)
        else:
            break
    after = tokens[index + len(run)] if index + len(run) < len(tokens) else None
    if run and after is not None and after.is_lower and after.lower_ in heads and (
            index == 0 or not _capitalised(tokens[index - 1])):
        if all(t.text in lexicon.demonyms() or t.lower_ in lexicon.demonyms() for t in run):
            return None  # "the Socialist group": a family, not a name
        return run, "party" if after.lower_ in parties else "organisation"
    return None


def _quoted_bodies(article: ArticleDoc, rules: lexicon.Rules,
                   candidates: list[_Candidate]) -> list[_Candidate]:
    """A body named in quotation marks after the word for it: "le collectif « Souveraineté
    d'abord »", "the movement “Neutral Europe”"."""
    nouns = rules.words("actors", "body_nouns")
    taken = {(id(t.doc), t.i) for candidate in candidates for t in candidate.tokens}
    found = []
    for left, right in article.quotes:
        before = article.text[max(0, left - 20): left - 1].split()
        words = article.text[left:right].split()
        if not before or before[-1].casefold() not in nouns or not 0 < len(words) <= 6:
            continue
        if not words[0][:1].isupper():
            continue
        tokens = article.tokens_between(left, right)
        tokens = [t for t in tokens if not t.is_punct or t.text in {"'", "’", "-"}]
        if not tokens or any((id(t.doc), t.i) in taken for t in tokens):
            continue
        sentence = article.sentence_at(left)
        label = "party" if before[-1].casefold() in rules.words("actors", "party_words") else (
            "organisation")
        found.append(_Candidate(_text_of(tokens), label, "", tokens, sentence, article))
    return found


def _spelled_out(article: ArticleDoc, rules: lexicon.Rules,
                 known: list[_Candidate]) -> list[_Candidate]:
    """A body's name that an acronym in brackets spells out, whatever the model made of it
    ("GROUPE ÉCOLOGIE, PAIX ET SOLIDARITÉ (EPS)", "Union for Neutrality and Peace (UNP)"):
    the shortest run of words before the brackets whose capitals give the acronym."""
    links = rules.words("actors", "name_links") | {",", "et", "and", "&"}
    taken = {(id(t.doc), t.i) for candidate in known for t in candidate.tokens}
    found: list[_Candidate] = []
    for sentence in article.sentences:
        tokens = list(sentence.tokens)
        for index in range(1, len(tokens) - 2):
            acronym = tokens[index + 1].text
            if not (tokens[index].text == "(" and tokens[index + 2].text == ")"
                    and acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
                continue
            letters = fold_accents(acronym.casefold())
            for start in range(index - 1, max(-1, index - 3 * len(acronym) - 2), -1):
                words = tokens[start:index]
                initials = "".join(fold_accents(t.text[:1].casefold()) for t in words
                                   if t.lower_ not in links and t.is_alpha)
                if not words[0].is_alpha or words[0].lower_ in links:
                    continue
                if initials == letters:
                    if any((id(t.doc), t.i) in taken for t in words):
                        break
                    found.append(_Candidate(_unshouted(words, links), _body_type(words, rules),
                                            "", words, sentence, article))
                    taken.update((id(t.doc), t.i) for t in words)
                    break
                if len(initials) > len(letters):
                    break
    return found


def _unshouted(tokens: list[Token], links: frozenset[str]) -> str:
    """A name as written, or in capitals undone when shouted ("ÉCOLOGIE, PAIX ET
    SOLIDARITÉ" -> "Écologie, Paix et Solidarité")."""
    text = _text_of(tokens)
    if not text.isupper():
        return text
    return _text_of_words([t.text.lower() if t.lower_ in links else t.text.capitalize()
                           for t in tokens], tokens)


def _text_of_words(words: list[str], tokens: list[Token]) -> str:
    """Words joined with the spacing their tokens had."""
    return "".join(word + token.whitespace_ for word, token in zip(words, tokens)).strip()


def _article_bodies(candidates: list[_Candidate],
                    rules: lexicon.Rules) -> dict[str, tuple[str, str]]:
    """Short forms -> (full name, type) of the parties and bodies an article names in full:
    an acronym given in brackets after the name ("Parti de la souveraineté et du travail
    (PST)"), and a distinctive word of one name only ("the Party" for "the New Republic
    Party", "Démocrates" for "Les Démocrates européens")."""
    links = rules.words("actors", "name_links")
    bodies: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    for candidate in candidates:
        if candidate.label not in {"party", "organisation"} or candidate.canonical:
            continue
        name = candidate.name
        last = candidate.tokens[-1]
        doc = last.doc
        if last.i + 3 < len(doc) and doc[last.i + 1].text == "(" and doc[last.i + 3].text == ")":
            acronym = doc[last.i + 2].text
            if acronym.isupper() and 2 <= len(acronym) <= 6:
                bodies[acronym] = (name, candidate.label)
        words = name.split()
        if len(words) < 2:
            continue
        for word in words:
            if word.casefold() in links or len(word) < 4 or not word[:1].isupper():
                continue
            known = bodies.get(word)
            if known is not None and known[0] != name:
                ambiguous.add(word)
            bodies.setdefault(word, (name, candidate.label))
    for word in ambiguous:
        bodies.pop(word, None)
    return bodies


def _untagged_short_names(article: ArticleDoc, mentions: list[Mention],
                          bodies: dict[str, tuple[str, str]]) -> list[Mention]:
    """Acronyms the article defines ("PST") where the model did not tag them."""
    acronyms = {short: body for short, body in bodies.items() if short.isupper()}
    if not acronyms:
        return []
    taken = {(id(token.doc), token.i) for mention in mentions for token in mention.tokens}
    found = []
    for sentence in article.sentences:
        for token in sentence.tokens:
            if token.text in acronyms and (id(token.doc), token.i) not in taken:
                start, end = article.char_span([token])
                name, actor_type = acronyms[token.text]
                found.append(Mention(name, actor_type, [token], start, end, sentence.index,
                                     article.in_quote(start, end)))
    return found


def _untagged_surnames(article: ArticleDoc, mentions: list[Mention],
                       people: dict[str, str]) -> list[Mention]:
    """Surnames of the article's people that the NER did not tag at all."""
    stated = {mention.actor for mention in mentions if mention.actor_type == "person"}
    surnames = {surname: name for surname, name in people.items()
                if name in stated and " " not in surname}
    taken = {(id(token.doc), token.i) for mention in mentions for token in mention.tokens}
    found = []
    for sentence in article.sentences:
        for token in sentence.tokens:
            if token.text in surnames and (id(token.doc), token.i) not in taken:
                start, end = article.char_span([token])
                found.append(Mention(surnames[token.text], "person", [token], start, end,
                                     sentence.index, article.in_quote(start, end)))
    return found


# ---------------------------------------------------------------- roles


def _roles_of(mention: Mention, article: ArticleDoc) -> list[str]:
    language = article.language
    role_words = lexicon.role_words(language)
    roles = []
    title = _title_before(mention, role_words)
    if title:
        roles.append(title)
    roles += _apposition_after(mention, role_words)
    roles += _title_before_comma(mention, role_words)
    roles += _copular_roles(mention, role_words)
    return roles


def _is_role_token(token: Token, role_words: frozenset[str]) -> bool:
    lower = token.lower_
    return lower in role_words or any(part in role_words for part in lower.split("-") if part)


def _title_before(mention: Mention, role_words: frozenset[str]) -> str:
    """A title written right before the name: "President Charles de Gaulle", "la députée LFI"."""
    first = mention.tokens[0]
    doc = first.doc
    sentence_start = first.sent.start
    taken: list[Token] = []
    index = first.i - 1
    while index >= sentence_start and len(taken) < 8:
        token = doc[index]
        if token.is_punct and token.text != "-":
            break
        if token.lower_ in DETERMINERS and token.lower_ not in TITLE_FILLERS:
            break
        capitalised = token.text[:1].isupper()
        if not (_is_role_token(token, role_words) or capitalised
                or token.lower_ in TITLE_FILLERS or token.lower_ in lexicon.demonyms()):
            break
        taken.insert(0, token)
        index -= 1
    while taken and not (_is_role_token(taken[0], role_words)
                         or taken[0].lower_ in lexicon.demonyms()
                         or len(taken) > 1 and _is_role_token(taken[1], role_words)):
        taken = taken[1:]  # "Lettre du général de Gaulle": the title starts at "général"
    while taken and (taken[0].lower_ in TITLE_FILLERS or taken[0].text in POSSESSIVE_ENDINGS):
        taken = taken[1:]
    if index >= 0 and doc[index].text in POSSESSIVE_ENDINGS:
        return ""  # "Trump’s President ..." belongs to the possessor
    if not any(_is_role_token(token, role_words) for token in taken):
        return ""
    return _text_of(taken)


def _title_before_comma(mention: Mention, role_words: frozenset[str]) -> list[str]:
    """A title opening the sentence, then the name between commas:
    "Le président du groupe à l'Assemblée, Mathieu Roussel, a soutenu ..."."""
    first, last = mention.tokens[0], mention.tokens[-1]
    doc = first.doc
    sentence = first.sent
    if first.i - 1 <= sentence.start or doc[first.i - 1].text != ",":
        return []
    if last.i + 1 >= len(doc) or doc[last.i + 1].text not in {",", "("}:
        return []
    phrase = list(doc[sentence.start: first.i - 1])
    people = [index for index, token in enumerate(phrase) if token.ent_type_ in PERSON_LABELS]
    if people:
        # "Lettre du général de Gaulle au président des États-Unis, Lyndon B. Johnson":
        # the title after the other person's name
        phrase = phrase[people[-1] + 1:]
        while phrase and not _is_role_token(phrase[0], role_words):
            phrase = phrase[1:]
    if not phrase or len(phrase) > 12 or any(token.text in {",", ";", ":"} for token in phrase):
        return []
    if not any(_is_role_token(token, role_words) for token in phrase[:6]):
        return []  # "The armed forces minister, Laurent Berthier, …"
    return [_strip_determiners(phrase)]


def _apposition_after(mention: Mention, role_words: frozenset[str]) -> list[str]:
    """Roles in apposition: "Clémence Guetté, Vice-President of ... and an LFI MP, said"."""
    last = mention.tokens[-1]
    doc = last.doc
    if last.i + 1 >= len(doc) or doc[last.i + 1].text not in {",", "("}:
        return []
    closing = ")" if doc[last.i + 1].text == "(" else None
    phrase: list[Token] = []
    for token in doc[last.i + 2: min(len(doc), last.i + 20)]:
        if token.sent != last.sent:
            break
        if closing and token.text == closing:
            break
        is_role = _is_role_token(token, role_words)
        if not closing and (token.text in {",", ";", ".", ":", "!", "?", "—", "–"}
                            or token.lower_ in ROLE_STOP_WORDS.get(doc.lang_, ())
                            or token.pos_ in {"VERB", "AUX"} and not is_role
                            and token.dep_ != "amod"):  # "the integrated command" stays
            break
        phrase.append(token)
    roles = []
    for part in _split_coordination(phrase):
        head = [token for token in part[:4] if _is_role_token(token, role_words)]
        if head and head[0].dep_ in SUBJECT_DEPS and last.dep_ not in SUBJECT_DEPS:
            break  # "a letter to Lyndon B. Johnson, the general made known": a new subject
        if head:
            roles.append(_strip_determiners(part))
    return [role for role in roles if role]


def _copular_roles(mention: Mention, role_words: frozenset[str]) -> list[str]:
    """Roles stated with a copula: "Guetté is a Vice-President of the National Assembly"."""
    root = mention.tokens[-1]
    head = root.head
    if root.dep_ != "nsubj":
        return []
    if head.lemma_ in {"be", "être"} and head.pos_ in {"AUX", "VERB"}:
        attributes = [child for child in head.children if child.dep_ in {"attr", "acomp"}]
    elif any(child.dep_ == "cop" for child in head.children):
        attributes = [head]  # UD style (French): the noun heads the clause
    else:
        return []
    roles = []
    for attribute in attributes:
        for conjunct in [attribute, *[c for c in attribute.children if c.dep_ == "conj"]]:
            if not _is_role_token(conjunct, role_words):
                continue
            skipped = {t.i for child in conjunct.children if child.dep_ in NOT_ROLE_DEPS
                       for t in child.subtree}
            tokens = [t for t in conjunct.subtree if t.i not in skipped]
            roles.append(_strip_determiners(tokens))
    return [role for role in roles if role]


def _split_coordination(tokens: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower_ in {"and", "et"}:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _strip_determiners(tokens: list[Token]) -> str:
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return _text_of(tokens) if tokens else ""


def _add_role(actor: Actor, role: str) -> None:
    """Keep each role once; a shorter wording of a role already kept adds nothing."""
    words = set(role.casefold().replace("-", " ").split())
    for index, kept in enumerate(actor.roles):
        kept_words = set(kept.casefold().replace("-", " ").split())
        if words <= kept_words:
            return
        if kept_words < words:
            actor.roles[index] = role
            return
    actor.roles.append(role)


def _affiliation(actor: Actor, parties: set[str] | None = None) -> str:
    """The party named in a person's roles (an alias, or a party the article names), else
    the state of a nationality in them."""
    if actor.actor_type != "person":
        return ""
    for party in sorted(parties or (), key=len, reverse=True):
        if any(party in role for role in actor.roles):
            return party
    aliases = lexicon.aliases()
    demonyms = lexicon.demonyms()
    state = ""
    for role in actor.roles:
        for word in role.replace("’", " ").replace("'", " ").split():
            alias = aliases.get(word)
            if alias is not None and alias.actor_type == "party":
                return alias.canonical
            state = state or demonyms.get(word.casefold(), "")
        for alias_text, alias in aliases.items():
            if alias.actor_type == "party" and " " in alias_text and alias_text in role:
                return alias.canonical
    return state
