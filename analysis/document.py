"""An analysed article: its spaCy Docs (one, or several chunks for long texts) and shared lookups.

Every extractor reads the same `ArticleDoc`: sentences numbered across chunks, character
offsets in the article's text, and the quotation spans of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from analysis import lexicon
from analysis.ocr import filler_runs


@dataclass(frozen=True)
class Sentence:
    index: int      # position in the article, counted across chunks
    span: Span
    offset: int     # character offset of the span's Doc in the article text
    # The span's tokens, made once: iterating a Span makes every Token afresh, and the
    # rules go through each sentence many times.
    tokens: tuple[Token, ...]
    text: str  # `span.text`, made once for the same reason

    @cached_property
    def lower(self) -> str:
        """The sentence's text in lower case."""
        return self.text.lower()

    @property
    def start_char(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end_char(self) -> int:
        return self.offset + self.span.end_char


@dataclass
class ArticleDoc:
    """The Docs of one article and the character offset of each in the article's text."""

    article_id: str
    language: str
    text: str
    parts: list[tuple[Doc, int]]
    published_year: int | None = None
    published: str = ""  # the header's date, "YYYY-MM-DD" when it has one
    sentences: list[Sentence] = field(init=False)
    quotes: list[tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        self.sentences = []
        for doc, offset in self.parts:
            for span in doc.sents:
                tokens = tuple(span)
                text = _text_of(tokens)
                if text.strip():
                    self.sentences.append(Sentence(len(self.sentences), span, offset, tokens,
                                                   text))
        self.quotes = find_quotes(self.text)
        # Where the parser read a repaired copy (analysis/ocr.py), a joined word's token is
        # shorter than the word in the text: spans ending there take in the rest.
        self._fillers = dict(filler_runs(self.text))
        self._offsets = {id(doc): offset for doc, offset in self.parts}
        # Sorted starts for bisection: lookups stay logarithmic in long articles.
        self._quote_starts = [left for left, _ in self.quotes]
        self._sentence_starts = [sentence.start_char for sentence in self.sentences]
        # Each Doc's entities, made once: `Span.ents` rebuilds all of a Doc's per sentence;
        # in text order, with their first tokens for bisection.
        self._entities = {id(doc): list(doc.ents) for doc, _ in self.parts}
        self._entity_starts = {key: [entity.start for entity in entities]
                               for key, entities in self._entities.items()}

    def entities(self, sentence: Sentence) -> list[Span]:
        """The named entities within a sentence, in order (what `sentence.span.ents` gives)."""
        span = sentence.span
        key = id(span.doc)
        entities = self._entities[key]
        found = []
        for index in range(bisect.bisect_left(self._entity_starts[key], span.start),
                           len(entities)):
            entity = entities[index]
            if entity.start >= span.end:
                break
            if entity.end <= span.end:
                found.append(entity)
        return found

    def offset_of(self, token: Token | Span) -> int:
        return self._offsets[id(token.doc)]

    def char_span(self, tokens: list[Token]) -> tuple[int, int]:
        """Character span in the article of a set of tokens (first to last)."""
        first = min(tokens, key=lambda token: token.i)
        last = max(tokens, key=lambda token: token.i)
        offset = self.offset_of(first)
        end = offset + last.idx + len(last.text)
        return offset + first.idx, self._fillers.get(end, end)

    def token_start(self, token: Token) -> int:
        return self.offset_of(token) + token.idx

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True if the character span [start, end) lies inside one quotation."""
        end = start + 1 if end is None else end
        index = bisect.bisect_right(self._quote_starts, start) - 1
        return index >= 0 and end <= self.quotes[index][1]

    def quotes_overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations that share characters with [start, end), in text order."""
        first = max(0, bisect.bisect_right(self._quote_starts, start) - 1)
        last = bisect.bisect_left(self._quote_starts, end)
        return [(left, right) for left, right in self.quotes[first:last]
                if left < end and start < right]

    def quoted_share(self, start: int, end: int) -> float:
        """Share of the non-blank characters of [start, end) that lie inside quotations."""
        total = sum(1 for char in self.text[start:end] if not char.isspace())
        if not total:
            return 0.0
        inside = sum(
            1 for left, right in self.quotes_overlapping(start, end)
            for char in self.text[max(start, left): min(end, right)] if not char.isspace())
        return inside / total

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence that holds character `position` (the one before, in a gap)."""
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        return self.sentences[index] if index >= 0 else (
            self.sentences[0] if self.sentences else None)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The tokens that start in characters [start, end) of the article, in order."""
        return [token for sentence in self.sentences_overlapping(start, end)
                for token in sentence.tokens
                if start <= self.token_start(token) < end and not token.is_space]

    def sentences_overlapping(self, start: int, end: int) -> list[Sentence]:
        first = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
        last = bisect.bisect_left(self._sentence_starts, end)
        return [s for s in self.sentences[first:last] if s.start_char < end and start < s.end_char]


def _text_of(tokens: tuple[Token, ...]) -> str:
    """What `Span.text` gives for a span of these tokens, without making them again."""
    text = "".join([token.text_with_ws for token in tokens])
    return text[:-1] if tokens and tokens[-1].whitespace_ else text


_STRAIGHT_QUOTE = re.compile(r'"')


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of the insides of quotations (“…”, «…», "…", „…“), marks excluded.

    Curly and French quotes pair by their opening and closing marks; straight double
    quotes pair in order of appearance. A mark left open runs to the end of its paragraph,
    as journalists leave a quotation open when it continues in the next paragraph.
    """
    spans: list[tuple[int, int]] = []
    for opening, closing in lexicon.words("quote_pairs", language=""):
        if opening == closing:
            if opening != '"':
                continue
            marks = [match.start() for match in _STRAIGHT_QUOTE.finditer(text)]
            for left, right in zip(marks[::2], marks[1::2]):
                spans.append((left + 1, right))
            continue
        if opening == "‘":
            continue  # single curly quotes double as apostrophes; too ambiguous to pair
        position = 0
        while (left := text.find(opening, position)) != -1:
            right = text.find(closing, left + 1)
            paragraph_end = text.find("\n\n", left)
            if right == -1 or (paragraph_end != -1 and paragraph_end < right):
                right = paragraph_end if paragraph_end != -1 else len(text)
            spans.append((left + 1, right))
            position = right + 1
    return _drop_nested(sorted(spans))


def _drop_nested(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept
