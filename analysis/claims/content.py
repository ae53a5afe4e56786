"""Content: reporting verbs and the span of what each one reports.

A reporting verb (`resources/cues.csv`) reports its clausal complement ("said that …",
"a estimé qu'…"), the phrase after the word it needs ("call for …", "appeler à …",
"made it known that …", "fait savoir que …"), or a long enough object ("dismissed
the plan to …"). Coordinated clauses ("kidnaps …, supports … and threatens …") give one
span each. Spans are trimmed of blanks, edge punctuation and unbalanced quotation marks.
"""

from __future__ import annotations

from functools import cache, lru_cache

from spacy.tokens import Token

from analysis import lexicon
from analysis.document import ArticleDoc
from analysis.lexicon import Cue, Rules, fold_accents

CLAUSE_DEPS = {"ccomp"}
OBJECT_DEPS = {"dobj", "obj"}
EDGE_PUNCT = " \n\t\u00a0\u202f,;:.!?—–-"
OPENING_QUOTES = "“«„\""
CLOSING_QUOTES = "”»\""
MIN_OBJECT_WORDS = 4
NEEDED_WORD_WINDOW = 10  # "accusing the United States under President Donald Trump of ..."
CONTRAST_REACH = 7  # words after "while" / "tandis que" where a rival report's verb is
# Dependents of a reporting verb that are clauses of their own, not part of what it reports.
SEPARATE_CLAUSE_DEPS = {"advcl", "conj", "parataxis", "cc", "punct", "nsubj", "mark"}
SUBJECT_DEPS = {"nsubj", "expl:subj"}


@lru_cache(maxsize=1 << 16)
def _cue_of_forms(language: str, lemma: str, lower: str) -> Cue | None:
    """The cue one of a word's forms is, accents aside ("said": say; "declare": déclarer;
    "annonce": annoncer), worked out once per word of the language rather than per token."""
    cues = lexicon.rules(language).cues
    folded = _folded_cues(language)
    return next((rule for form in (lemma, lower, lower + "r", lemma + "r")
                 if (rule := cues.get(form) or folded.get(fold_accents(form))) is not None),
                None)


@cache
def _folded_cues(language: str) -> dict[str, Cue]:
    return {fold_accents(lemma): cue for lemma, cue in lexicon.rules(language).cues.items()}


class Reporting:
    """Finds reporting verbs and their content in one article."""

    def __init__(self, article: ArticleDoc, rules: Rules) -> None:
        self.article = article
        self.rules = rules
        self.marks = rules.words("grammar", "complementizers")
        self.conjunctions = rules.words("grammar", "conjunctions")
        self.reflexives = rules.words("grammar", "reflexives")
        self.clitics = rules.words("grammar", "object_clitics")  # "», m'a confié X"
        self._cue_lemmas: dict[tuple[int, int], str | None] = {}
        # The words some cue needs next to it ("savoir" in "fait savoir"), all cues together.
        self.needed_words = frozenset(word for rule in rules.cues.values() for word in rule.needs)
        self.cue_forms = {form: lemma for lemma, form in (
            pair.split() for pair in rules.ordered("grammar", "cue_forms"))}

    def cue_lemma(self, token: Token) -> str | None:
        """The reporting verb a token is, if any. Right after a quotation ("», tacle-t-il")
        or an auxiliary ("a declare", printed without its accent) the small models often
        tag the verb as a noun or miss its lemma, so there its word forms count, accents
        aside. (Asked of each word several times: answered once per word of the article.)"""
        key = (id(token.doc), token.i)
        if key not in self._cue_lemmas:
            self._cue_lemmas[key] = self._cue_lemma(token)
        return self._cue_lemmas[key]

    def _cue_lemma(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in self.rules.cues:
            return lemma
        for child in token.children if token.lower_ in self.needed_words else ():
            # "fait savoir que": the parser may make "savoir" the verb and "fait" its helper
            # (even a noun)
            rule = self.rules.cues.get(child.lemma_.lower()) or self.rules.cues.get(
                self.cue_forms.get(child.lower_, ""))
            if rule is not None and child.i < token.i and token.lower_ in rule.needs:
                return rule.lemma
        found = _cue_of_forms(self.rules.language, lemma, token.lower_)
        if found is None:
            return None  # (no form of the word is a cue: no need to look around it)
        verb_like = token.pos_ == "VERB" or token.pos_ in {"NOUN", "ADJ", "PROPN"} and (
            self.after_quotation(token) or self._after_auxiliary(token)
            or self._before_clause(token))
        return found.lemma if verb_like else None

    def _before_clause(self, token: Token) -> bool:
        """"La lettre … annonce que …": a word tagged as a noun but followed by "que" and a
        clause is used as a verb."""
        following = token.doc[token.i + 1] if token.i + 1 < token.sent.end else None
        return following is not None and following.lower_ in self.marks and token.is_lower

    def _after_auxiliary(self, token: Token) -> bool:
        previous = token.doc[token.i - 1] if token.i > token.sent.start else None
        return previous is not None and previous.pos_ == "AUX"

    def label(self, cue: Token) -> str:
        """The cue as the claims table shows it: the verb's lemma, with the word it needs
        when that word makes the phrase ("make known", "faire savoir")."""
        lemma = self.cue_lemma(cue) or cue.lemma_.lower()
        needs = self.rules.cues[lemma].needs if lemma in self.rules.cues else ()
        if cue.lower_ in needs:
            return f"{lemma} {cue.lower_}"
        word = self.needed_word(cue, needs) if needs else None
        if word is not None and word.pos_ in {"VERB", "ADJ", "AUX"}:
            return f"{lemma} {word.lower_}"
        return lemma

    def is_cue(self, token: Token) -> bool:
        lemma = self.cue_lemma(token)
        if lemma is None or self.article.in_quote(self.article.token_start(token)):
            return False
        needs = self.rules.cues[lemma].needs
        return not needs or token.lower_ in needs or self.needed_word(token, needs) is not None

    def after_quotation(self, token: Token) -> bool:
        """True if only a comma, an auxiliary or a reflexive pronoun separate the token
        from a closing quotation mark before it."""
        doc = token.doc
        index = token.i - 1
        while index > token.sent.start and (doc[index].pos_ == "AUX" or doc[index].is_space
                                            or doc[index].text in {",", "-t", "-t-"}
                                            or doc[index].lower_ in self.reflexives
                                            or doc[index].lower_ in self.clitics):
            index -= 1
        return index >= 0 and doc[index].text in CLOSING_QUOTES

    def needed_word(self, cue: Token, needs: tuple[str, ...]) -> Token | None:
        """The word a cue needs ("call for", "call on … to"), not one that opens a phrase of
        time ("called on Thursday for …")."""
        for token in cue.subtree:
            if cue.i < token.i <= cue.i + NEEDED_WORD_WINDOW and token.lower_ in needs:
                objects = [child for child in token.children if child.dep_ in {"pobj", "obj"}]
                if objects and all(o.ent_type_ in {"DATE", "TIME"} for o in objects):
                    continue
                return token
        return None

    def content_of(self, cue: Token) -> tuple[list[Token], Token | None]:
        """Tokens of what the cue reports, and the object token when it names a target."""
        objects = [child for child in cue.children if child.dep_ in OBJECT_DEPS]
        target = objects[0] if objects else None
        rule = self.rules.cues[self.cue_lemma(cue)]
        if rule.needs and cue.lower_ not in rule.needs:
            word = self.needed_word(cue, rule.needs)
            if word is not None:
                separate = {token.i for child in cue.children
                            if child.dep_ in SEPARATE_CLAUSE_DEPS and child.i > word.i
                            and child not in word.ancestors and not _infinitive(child)
                            for token in child.subtree}
                tokens = [token for token in cue.subtree
                          if token.i > word.i and token.i not in separate]
                return self.without(tokens, cue), target
        for child in cue.children:
            if child.dep_ in CLAUSE_DEPS:
                return self.without(list(child.subtree), cue), target
        for child in cue.children:
            if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
                return self.without(list(child.subtree), cue), target
        clause = self._stray_clause(cue)
        if clause is not None:
            return self.without(list(clause.subtree), cue), target
        colon = self._after_colon(cue, objects)
        if colon:
            return colon, target
        if rule.kind in {"proposal", "accusation", "assessment"} and objects:
            # "a jugé la promesse « irréaliste et dangereuse »": the object and what it is
            purpose = self.rules.words("grammar", "purpose_marks")
            judged = [t for child in cue.children if (
                child.dep_ in {"xcomp", "acomp", "obl:mod"} or rule.kind == "proposal"
                and child.dep_ == "advcl" and any(c.lower_ in purpose for c in child.children))
                and child.i > objects[0].i for t in child.subtree]  # "un référendum pour …"
            content = self.without(list(objects[0].subtree) + judged, cue)
            # "dismissed the plan" names a thing, it does not report a statement
            return (content, None) if len(content) >= MIN_OBJECT_WORDS else ([], None)
        return [], None

    def _after_colon(self, cue: Token, objects: list[Token]) -> list[Token]:
        """"a détaillé le calendrier envisagé : un retrait …": what follows the colon that
        closes the verb's object."""
        if not objects:
            return []
        end = max(t.i for t in objects[0].subtree) + 1
        doc = cue.doc
        if end < cue.sent.end and doc[end].text == ":":
            return [t for t in doc[end + 1: cue.sent.end] if not t.is_space]
        return []

    def _stray_clause(self, cue: Token) -> Token | None:
        """A "that" / "que" clause the parser hung lower in the verb's phrase ("told
        reporters on the sidelines of a meeting that …", "posted on Facebook that …"): the
        first one after the verb, if no other verb comes between."""
        following = cue.doc[cue.i + 1] if cue.i + 1 < cue.sent.end else None
        candidates = list(cue.subtree)
        if following is not None and following.dep_ == "mark" and following not in candidates:
            candidates.append(following)  # "… annonce que …" hung elsewhere by the parser
        for token in candidates:
            if token.i <= cue.i or token.dep_ != "mark" or token.lower_ not in self.marks:
                continue
            clause = token.head
            between = [t for t in cue.doc[cue.i + 1: token.i] if t.pos_ == "VERB"]
            if clause.pos_ in {"VERB", "AUX"} and not between:
                return clause
            return None
        return None

    def without(self, tokens: list[Token], cue: Token) -> list[Token]:
        """Drop the cue, the speaker and leading marks ("that", "que") from content tokens."""
        speaker_tokens = {
            token.i for child in cue.children if child.dep_ in SUBJECT_DEPS
            for token in child.subtree
        }
        other_reports = {token.i for clause in tokens if self._contrasting_report(clause)
                         for token in clause.subtree}
        kept = [token for token in sorted(tokens, key=lambda token: token.i)
                if token.i != cue.i and token.i not in speaker_tokens | other_reports]
        marks = self.rules.words("grammar", "contrast_marks")
        for token in kept:
            # a parse that went astray: cut before "tandis que X a répliqué …" all the same
            if token.lower_ in marks and any(
                    self.cue_lemma(t) is not None and t.pos_ in {"VERB", "AUX"}
                    for t in token.doc[token.i + 1: token.i + CONTRAST_REACH]):
                kept = [t for t in kept if t.i < token.i]
                break
        while kept and (kept[0].lower_ in self.marks
                        or kept[0].is_punct and kept[0].text not in OPENING_QUOTES):
            kept = kept[1:]
        return kept

    def _contrasting_report(self, clause: Token) -> bool:
        """"…, while Ibarra replied that …", "tandis qu'Ibarra a répliqué que …": another
        speaker's report set against the first, not part of what the first said."""
        marks = self.rules.words("grammar", "contrast_marks")
        return (self.cue_lemma(clause) is not None
                and any(child.dep_ in SUBJECT_DEPS for child in clause.children)
                and any(word.lower_ in marks for child in clause.children
                        for word in (child, *child.children)))  # "tandis | que"

    def coordinated_parts(self, head: Token, content: set[int]) -> list[tuple[int, int]]:
        """One span per coordinated clause ("kidnaps ..., supports ... and threatens ...").

        A sequence ("first leave ... and then withdraw") is one statement and is kept whole.
        """
        conjuncts = [child for child in head.children
                     if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}
                     and child.i in content]
        if not conjuncts:
            return []
        sequence = self.rules.words("sequence_words")
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
            while tokens and (tokens[-1].lower_ in self.conjunctions or tokens[-1].is_punct
                              and tokens[-1].text not in CLOSING_QUOTES):
                tokens = tokens[:-1]
            if tokens:
                start, end = trim(self.article.text, *self.article.char_span(tokens))
                if end > start:
                    parts.append((start, end))
        return parts if len(parts) > 1 else []


def lemma_forms(token: Token) -> set[str]:
    """The lemmas a word may have: its own, and, as the small French model often keeps an
    inflected form as the lemma ("réclame", "quitte", "promet"), the infinitives that form
    points to, accents aside ("declare" printed for "déclaré")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    forms = {lemma, lower}
    if token.doc.lang_ == "fr":
        for form in (lemma, lower):
            if form.endswith(("e", "é")):
                forms.add(form[:-1] + "er")
            if form.endswith("t"):  # "promet", "admet" -> "promettre"
                forms.add(form + "tre")
            if form.endswith("s") or form.endswith("t"):
                forms.add(form[:-1] + "r")  # "sortit" is rare; "sort" -> "sortir"
                forms.add(form[:-1] + "ir")
            forms.add(form + "r")
    return forms | {fold_accents(form) for form in forms}


def _infinitive(clause: Token) -> bool:
    """"(call on X) to announce …", "(appeler X) à quitter …": the call's own content."""
    return any(child.dep_ in {"aux", "mark"} and child.lower_ in {"to", "à", "de", "d'", "d’"}
               for child in clause.children)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim blanks, edge punctuation and unbalanced quotation marks off a span of `text`."""
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
        while start < end and text[start].isspace():
            start += 1
        while start < end and text[end - 1].isspace():
            end -= 1
    return start, end


def _closes(text: str) -> bool:
    return any(mark in text for mark in CLOSING_QUOTES)


def _opens(text: str) -> bool:
    return any(mark in text for mark in OPENING_QUOTES)


def depth(token: Token) -> int:
    """How many heads up the dependency tree a token sits."""
    levels = 0
    while token.head.i != token.i and levels < 50:
        token, levels = token.head, levels + 1
    return levels
