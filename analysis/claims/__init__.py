"""Attribute statements to actors: who said, accused or proposed what, with the evidence span.

The stages, each a module of this package:
- `genres`: the text's structure (transcript turns, interview answers, a communiqué's
  body, a byline, posts) says who speaks where no verb does;
- `reported`: reporting verbs and "according to", with `speakers` (who a subject,
  pronoun or description is) and `content` (what the verb reports);
- `quotes`: quotations no reporting verb took;
- `classify`: kind and NATO stance of each claim.
"""

from __future__ import annotations

import re

from analysis import lexicon
from analysis.actors import ActorIndex
from analysis.claims.claim import Claim, Claims
from analysis.claims.classify import classify_kind, classify_stance
from analysis.claims.content import Reporting, trim
from analysis.claims.genres import Structure, Turn, find_structure, turn_statements
from analysis.claims.quotes import Quotes
from analysis.claims.reported import Reported
from analysis.claims.speakers import Speakers
from analysis.document import ArticleDoc, Sentence

__all__ = ["Claim", "classify_kind", "classify_stance", "find_claims", "find_structure"]

SPOKEN_TURNS = {"answer", "speech"}
LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-–—•*])(?:\s|$)")
SILENT_TURNS = {"question", "chair"}


def find_claims(article: ArticleDoc, actors: ActorIndex,
                structure: Structure | None = None) -> list[Claim]:
    """Every attributed statement of the article, in text order."""
    rules = lexicon.rules(article.language)
    structure = structure or find_structure(article, actors, rules)
    claims = Claims(article, actors, rules)
    speakers = Speakers(article, actors, rules, claims.speakers, structure.first_person)
    reporting = Reporting(article, rules)
    quotes = Quotes(article, actors, speakers, reporting, claims)
    reported = Reported(article, actors, speakers, reporting, quotes, claims)
    labels = {kind: rules.ordered("genres", "cue_labels", kind)[0]
              for kind in ("answer", "speech", "body", "post")}
    posts_done: set[int] = set()
    for sentence in article.sentences:
        turn = structure.turn_over(sentence.start_char, sentence.end_char)
        if turn is not None and turn.kind in SILENT_TURNS:
            continue
        if turn is not None and turn.kind in SPOKEN_TURNS:
            for start, end in turn_statements(article, sentence, turn, rules):
                claims.add(sentence, *trim(article.text, start, end), turn.speaker,
                           labels[turn.kind])
            continue
        if turn is not None and turn.kind == "post":
            if turn.start not in posts_done:
                posts_done.add(turn.start)
                claims.add(sentence, *trim(article.text, turn.start, turn.end), turn.speaker,
                           labels["post"])
            continue
        reported.sentence(sentence)
        quotes.sentence(sentence)
        if turn is not None and turn.kind == "body" and not claims.in_sentence(sentence):
            _body_statement(article, sentence, turn, claims, labels["body"])
    return claims.finish(yielding={labels["body"]})


def _after_lead_in(article: ArticleDoc, sentence: Sentence) -> bool:
    """An item of a list a statement announces ("Our demands are the following:" then
    "1. The withdrawal of France …"): a statement even without a verb."""
    start = sentence.start_char
    lines = article.text[:start].rstrip().split("\n")
    previous = [line.strip() for line in lines if line.strip()]
    contacts = article_rules(article).words("genres", "contact_words")
    for line in reversed(previous[-6:]):
        if line.endswith(":"):
            # "Signed for the Network:" introduces signatures, not statements
            return line.split()[0].casefold() not in contacts
        if not LIST_ITEM.match(line):
            return False
    return False


def article_rules(article: ArticleDoc) -> lexicon.Rules:
    return lexicon.rules(article.language)


def _body_statement(article: ArticleDoc, sentence: Sentence, turn: Turn, claims: Claims,
                    cue: str) -> None:
    """A communiqué's sentence that nobody else says is the body's, if it states something
    (a verb: datelines, contact lines and signatures have none)."""
    text = sentence.text.strip()
    if text.endswith(":") or article.quoted_share(sentence.start_char, sentence.end_char) > 0.5:
        return  # "Our demands are the following:", a quotation that has its own speaker
    listed = _after_lead_in(article, sentence)
    if not listed and not any(token.pos_ in {"VERB", "AUX"} for token in sentence.tokens):
        return
    first = text.split(maxsplit=1)
    if first and first[0].casefold().rstrip(":") in article_rules(article).words(
            "genres", "contact_words"):
        return  # "Contact presse : …", "Signed for the Network"
    for start, end in turn_statements(article, sentence, turn, article_rules(article)):
        claims.add(sentence, *trim(article.text, start, end), turn.speaker, cue)
