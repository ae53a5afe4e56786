"""Sentence boundaries by rule, set before the parser (which keeps them).

The small parsers split news text oddly ("«" alone as a sentence, a name cut in two:
"Pour Marine | Le Pen, …"), and every extractor works sentence by sentence. A
sentence here ends at ".", "!", "?" or "…" (with any closing quotation marks after it)
or at a line break; nothing else splits one.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
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
    if not len(doc):
        return doc
    # The words and flags read as one array: no Token object is made (a Doc makes one
    # afresh at every `doc[i]` and every step of `for token in doc`).
    rows = doc.to_array([ORTH, IS_SPACE, IS_PUNCT, SPACY, IDX]).tolist()
    strings = doc.vocab.strings
    texts = [strings[row[0]] for row in rows]
    starts = numpy.full(len(doc), NOT_START, dtype="int64")
    starts[0] = START
    whole: str | None = None  # the Doc's text, made from the array when a dash asks for it
    ended = texts[0] in SENTENCE_ENDS  # whether the text so far closes a sentence
    line_start = 0  # where the current line's first sentence starts
    for i in range(1, len(rows)):
        text = texts[i]
        _, is_space, is_punct, _, idx = rows[i]
        if is_space:
            starts[i] = UNSET
            ended = ended or "\n" in text
            continue
        previous = rows[i - 1]
        after_break = previous[1] and "\n" in texts[i - 1]
        # A straight quote opens after a space ('. "We') and closes when glued ('debate."').
        opens = text in OPENERS and (text not in CLOSERS or bool(previous[3]))
        if after_break or (ended and (not is_punct or opens)):
            starts[i] = START
            line_start = idx
        ended = text in SENTENCE_ENDS or (ended and text in CLOSERS and not opens)
        if text in DASHES:
            if whole is None:  # `doc.text` would make a Token of every word, at every dash
                whole = "".join(word + " " * row[3] for word, row in zip(texts, rows))
            if DATELINE.match(whole[line_start: idx].rstrip()):
                ended = True
    # One array write: setting token.is_sent_start one by one rescans the Doc each time.
    # spaCy's arrays are uint64; -1 ("not a start") wraps round as in Doc.to_array
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc
