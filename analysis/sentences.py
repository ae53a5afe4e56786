"""Sentence boundaries by rule, set before the parser (which keeps them).

The small parsers split news text oddly ("«" alone as a sentence, a name cut in two:
"Pour Marine | Le Pen, …"), and every extractor works sentence by sentence. A
sentence here ends at ".", "!", "?" or "…" (with any closing quotation marks after it)
or at a line break; nothing else splits one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_ENDS = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = set("”»\"’)]")
OPENERS = set("«“\"(‘[„")


@Language.component("sentence_rules")
def sentence_rules(doc: Doc) -> Doc:
    ended = False  # whether the text so far closes a sentence
    for token in doc:
        if token.i == 0:
            ended = token.text in SENTENCE_ENDS
            continue
        if token.is_space:
            ended = ended or "\n" in token.text
            continue
        previous = doc[token.i - 1]
        after_break = previous.is_space and "\n" in previous.text
        # A straight quote opens after a space ('. "We') and closes when glued ('debate."').
        opens = token.text in OPENERS and (token.text not in CLOSERS or bool(previous.whitespace_))
        token.is_sent_start = after_break or (ended and (not token.is_punct or opens))
        ended = token.text in SENTENCE_ENDS or (ended and token.text in CLOSERS and not opens)
    return doc
