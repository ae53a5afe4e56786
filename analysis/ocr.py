"""Repairs of scanned text for the parser, keeping every character offset in place.

Archive pages and PDFs carry the slips of optical character recognition: words cut at
the end of a printed line ("com- mand", "gou-\nvernement") and "1" read for "l"
("wi11", "1'Alliance"). The parser gets a repaired copy of the same length (a joined
word is followed by the blanks it lost), so the offsets of its tokens still point into
the article's own text, which is never changed.
"""

from __future__ import annotations

import re

# A word cut by a hyphen and a line end or blank: "com- mand", "deci-\nsion". Not a
# compound ("vice-president": no blank) nor a suspended hyphen ("pro- and anti-").
LINE_BREAK_HYPHEN = re.compile(
    r"(?<=[^\W\d_]{2})-(?:[ \t]+|[ \t]*\n[ \t]*)(?!(?:and|or|et|ou)\b)(?P<rest>[a-zà-ÿ]{2,}\w*)")
ONE_FOR_L = re.compile(r"(?<=[^\W\d_])1+(?=[^\W\d_]|\b)|\b1(?=['’][^\W\d_])")


def repair(text: str) -> str:
    """The text with cut words joined and "1" read as "l" inside words; same length."""
    if "-" in text:
        text = LINE_BREAK_HYPHEN.sub(_joined, text)
    if "1" in text:
        text = ONE_FOR_L.sub(lambda match: "l" * len(match.group()), text)
    return text


def filler_runs(text: str) -> list[tuple[int, int]]:
    """The [start, end) blanks `repair` puts after each joined word, in text order."""
    runs = []
    for match in LINE_BREAK_HYPHEN.finditer(text):
        lost = match.start("rest") - match.start()
        runs.append((match.end() - lost, match.end()))
    return runs


def _joined(match: re.Match[str]) -> str:
    rest = match.group("rest")
    return rest + " " * (match.start("rest") - match.start())
