"""Repairs of scanned text for the parser, keeping every character offset in place.

Archive pages and PDFs carry the slips of optical character recognition: words cut at
the end of a printed line ("com- mand", "gou-\nvernement") and "1" read for "l"
("wi11", "1'Alliance"). The parser gets a repaired copy of the same length (a joined
word is followed by the blanks it lost), so the offsets of its tokens still point into
the article's own text, which is never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis import lexicon

# A word cut by a hyphen and a line end or blank: "com- mand", "deci-\nsion". Not a
# compound ("vice-president": no blank) nor a suspended hyphen ("pro- and anti-").
LINE_BREAK_HYPHEN = re.compile(
    r"(?<=[^\W\d_]{2})-(?:[ \t]+|[ \t]*\n[ \t]*)(?!(?:and|or|et|ou)\b)(?P<rest>[a-zà-ÿ]{2,}\w*)")
# A line of at least three words in capitals and no lower-case letter: a headline.
SHOUTED_LINE = re.compile(r"^(?=[^\n]*[A-ZÀ-Ý]{2}[^\n]*[ \t][^\n]*[ \t])[^a-zà-ÿ\n]{12,}$",
                          re.MULTILINE)
WORD = re.compile(r"[^\W\d_][\w.]*")
ONE_FOR_L = re.compile(r"(?<=[^\W\d_])1+(?=[^\W\d_]|\b)|\b1(?=['’][^\W\d_])")


def repair(text: str) -> str:
    """The text with cut words joined, "1" read as "l" inside words and shouted lines in
    ordinary case; same length."""
    if "-" in text:
        text = LINE_BREAK_HYPHEN.sub(_joined, text)
    if "1" in text:
        text = ONE_FOR_L.sub(lambda match: "l" * len(match.group()), text)
    return SHOUTED_LINE.sub(_quiet, text)


def _quiet(match: re.Match[str]) -> str:
    """"GREECE BACK IN N.A.T.O. COMMAND" -> "Greece back in N.A.T.O. command": a headline
    in capitals, which the models read as a string of names, in ordinary case; names the
    lexicon knows keep their spelling. A header that names a body ("COMMUNIQUÉ DU GROUPE
    …", "STATEMENT BY THE … PARTY") keeps its capitals: its author's name is in them."""
    words = {lexicon.fold_accents(word.casefold()) for word in WORD.findall(match.group())}
    if words & _author_words():
        return match.group()
    line = WORD.sub(_quiet_word, match.group())
    first = next((i for i, char in enumerate(line) if char.isalpha()), None)
    return line if first is None else line[:first] + line[first].upper() + line[first + 1:]


def _quiet_word(match: re.Match[str]) -> str:
    """A known name in its own case ("GRECE" -> "Grece"), a common word in lower case, any
    other word capitalised: in a headline it is most likely part of a name ("INDEPENDENT
    HOMELAND PARTY")."""
    word = match.group()
    text = match.string
    if word in lexicon.aliases() or text[match.start() - 1: match.start()] == "(" and (
            text[match.end(): match.end() + 1] == ")"):
        return word  # "NATO", "N.A.T.O.", "PASOK", "(EPS)"
    known = _spellings().get(lexicon.fold_accents(word.casefold()))
    if known is None or len(known) != len(word):
        known = word.lower()
    # the model's case on the word's own letters, one letter for one ("İ" stays)
    return "".join(_case_like(char, model) for char, model in zip(word, known))


def _case_like(char: str, model: str) -> str:
    cased = char.upper() if model.isupper() else char.lower()
    return cased[0]  # "İ".lower() is two characters: the letter alone keeps the length


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """The spellings of the names the lexicon knows, by their folded lower case."""
    return {lexicon.fold_accents(text.casefold()): text for text in lexicon.aliases()
            if not text.isupper()}


@lru_cache(maxsize=1)
def _author_words() -> frozenset[str]:
    """Words of a header that names its author: the heads of bodies' names ("party",
    "groupe"; not "alliance", NATO's own name) and the words of communiqué headers."""
    # Imported here, not with the module: importing spaCy's French language data compiles
    # its tokenizer exceptions (3 s), which a dashboard that analyses nothing never needs.
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

    table = lexicon.lexicon()
    lists = [*table["actors"]["body_heads"].values(),
             *table["genres"]["communique_words"].values()]
    words = {word for entries in lists for entry in entries for word in entry.split()
             if word not in EN_STOP_WORDS and word not in FR_STOP_WORDS}  # not "de", "by"
    return frozenset(lexicon.fold_accents(word.casefold()) for word in words) - {"alliance"}


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
