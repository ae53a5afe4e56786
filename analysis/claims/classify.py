"""Classification: the kind of a claim and its stance on leaving NATO, from word lists.

Kind: a reporting verb that implies one ("accuse", "call for") decides; otherwise the
first of proposal, accusation and prediction whose words the content holds; otherwise an
assessment (three words or more) or other. Stance: exit or stay only when the claim is
about NATO or its command (`resources/lexicon.json`, "stance").
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.lexicon import Rules

OPENING_WORDS = 4  # a statement "about leaving" names it in its first words
NEGATION_REACH = 4  # words before an exit word where a negation turns it round
MIN_ASSESSMENT_WORDS = 3


# A run of word characters and hyphens: a one-word entry of a list is found as a whole word
# exactly where it is one of the text's runs.
WORD_RUN = re.compile(r"[\w-]+")


def has_word(text: str, word: str) -> bool:
    return _word_pattern(word).search(text) is not None


def has_any(text: str, words: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether `text` holds one of `words` as a whole word."""
    one_word, phrases = _split(words)
    return not one_word.isdisjoint(_runs(text)) or (
        phrases is not None and phrases.search(text) is not None)


def words_in(text: str, words: tuple[str, ...] | frozenset[str]) -> list[str]:
    """The entries of `words` that `text` holds as whole words (as `has_word` finds each)."""
    one_word, phrases = _split(words)
    found = list(one_word & _runs(text))
    if phrases is not None and phrases.search(text) is not None:
        found += [word for word in words if word not in one_word and has_word(text, word)]
    return found


@lru_cache(maxsize=256)
def _runs(text: str) -> frozenset[str]:
    """The text's runs of word characters (asked of one statement for list after list)."""
    return frozenset(WORD_RUN.findall(text))


@lru_cache(maxsize=256)
def _split(words: tuple[str, ...] | frozenset[str]) -> tuple[frozenset[str], re.Pattern | None]:
    """One-word entries, looked up among a text's runs, and one pattern for the others
    ("call for", "l'otan"), which a set lookup cannot find."""
    one_word = frozenset(word for word in words if WORD_RUN.fullmatch(word))
    phrases = [word for word in words if word not in one_word]
    return one_word, _words_pattern(tuple(phrases)) if phrases else None


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    """A whole-word pattern, compiled once per word of the lexicon."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_word_pattern(word).pattern})" for word in words)
                      or r"(?!)")


def classify_kind(content: str, lemmas: str, cue: str, rules: Rules, *, future: bool = False,
                  past_years: bool = False) -> str:
    """accusation, proposal, assessment, prediction or other (`content` in lower case).

    "Table a bill", "déposer une proposition" make a proposal only on the question itself
    (NATO, leaving it). A statement told in the future is a prediction; one that dates what
    it tells in a past year, with nothing to propose or judge, is a fact (other)."""
    cue_rule = rules.cues.get(cue.split()[0]) if cue else None
    cue_kind = cue_rule.kind if cue_rule else ""
    if cue_kind in {"accusation", "proposal"}:
        return cue_kind

    def holds(*path: str) -> bool:
        words = rules.words(*path)
        return has_any(content, words) or has_any(lemmas, words)

    on_the_question = holds("stance", "nato_words") or holds("stance", "exit_words")
    if holds("kind_keywords", "proposal") or (
            on_the_question and holds("kind_keywords", "proposal_on_the_question")):
        return "proposal"
    if holds("kind_keywords", "accusation"):
        return "accusation"
    if holds("kind_keywords", "prediction") or future:
        return "prediction"
    if cue_kind:
        return cue_kind
    if past_years and not holds("stance", "disapproval_words"):
        return "other"
    return "assessment" if len(content.split()) >= MIN_ASSESSMENT_WORDS else "other"


def classify_stance(content: str, rules: Rules, *, context: str = "", topic_nato: bool = False,
                    cue_kind: str = "", history: bool = False) -> str:
    """exit, stay or none: does the statement argue for leaving NATO (or its command)?

    The words for leaving or staying must be in the statement; the reference to NATO
    may also be in its sentence or the one before (`context`), or, when the statement
    opens on the leaving itself, anywhere in an article about NATO (`topic_nato`).
    """
    def found(key: str, text: str = content) -> list[str]:
        return words_in(text, rules.words("stance", key))

    exits = found("exit_words")
    stays = found("stay_words")
    about_nato = bool(found("nato_words") or found("nato_words", context))
    if not about_nato and topic_nato:
        # "Leaving would be a serious mistake" in an article about NATO: the statement's
        # subject is the leaving itself
        opening = " ".join(content.split()[:OPENING_WORDS])
        about_nato = has_any(opening, tuple(exits))
    proposing = has_any(content, rules.words("kind_keywords", "proposal"))
    # "une France non alignée" is a stance; "India, a non-aligned country" is not
    non_aligned = any(word.startswith("non") for word in exits) and (proposing
                                                                    or cue_kind == "proposal")
    if not (about_nato or non_aligned):
        return "none"
    negated = _negated(content, exits, rules)
    if exits and (found("disapproval_words") or negated or cue_kind == "accusation"):
        return "stay"  # "leaving would be a mistake", "criticised the plan to leave"
    if exits and history and not proposing:
        return "none"  # "France left the command in 1966": a fact, no argument
    if exits:
        return "exit"
    if stays:
        return "stay"
    return "none"


def _negated(content: str, exit_words: list[str], rules: Rules) -> bool:
    negations = rules.words("stance", "negations")
    for word in exit_words:
        for match in _word_pattern(word).finditer(content):
            before = content[max(0, match.start() - 40): match.start()].split()[-NEGATION_REACH:]
            if any(negation in before for negation in negations):
                return True
    return False
