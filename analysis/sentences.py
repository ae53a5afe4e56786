"""Sentence boundaries by rule, set before the parser (which keeps them).

The small parsers split news text oddly ("«" alone as a sentence, a name cut in two:
"Pour Marine | Le Pen, …"), and every extractor works sentence by sentence. A
sentence here ends at ".", "!", "?" or "…" (with any closing quotation marks after it)
or at a line break; nothing else splits one.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_ENDS = {".", "!", "?", "…", "...", "?!", "!?"}
DASHES = {"—", "–", "-"}
# A wire dateline: a place in capitals, a comma, a date and the agency, then a dash
# ("BRUSSELS, May 3 (Wire) —", "PARIS, 19 janvier (Dépêche) –"): the story starts after it.
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{1,30},[^\n]{1,40}$")
CLOSERS = set("”»\"’)]")
OPENERS = set("«“\"(‘[„")
START, UNSET, NOT_START = 1, 0, -1


@Language.component("sentence_rules")
def sentence_rules(doc: Doc) -> Doc:
    starts = numpy.full(len(doc), NOT_START, dtype="int64")
    ended = False  # whether the text so far closes a sentence
    line_start = 0  # where the current line's first sentence starts
    for token in doc:
        if token.i == 0:
            starts[0] = START
            ended = token.text in SENTENCE_ENDS
            continue
        if token.is_space:
            starts[token.i] = UNSET
            ended = ended or "\n" in token.text
            continue
        previous = doc[token.i - 1]
        after_break = previous.is_space and "\n" in previous.text
        # A straight quote opens after a space ('. "We') and closes when glued ('debate."').
        opens = token.text in OPENERS and (token.text not in CLOSERS or bool(previous.whitespace_))
        if after_break or (ended and (not token.is_punct or opens)):
            starts[token.i] = START
            line_start = token.idx
        ended = token.text in SENTENCE_ENDS or (ended and token.text in CLOSERS and not opens)
        if token.text in DASHES and DATELINE.match(doc.text[line_start: token.idx].rstrip()):
            ended = True
    # One array write: setting token.is_sent_start one by one rescans the Doc each time.
    if len(doc):
        # spaCy's arrays are uint64; -1 ("not a start") wraps round as in Doc.to_array
        doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc
