"""The speed-ups of loading and parsing give exactly what spaCy and `re` give without them."""

from __future__ import annotations

import re

import pytest

from analysis import patterns

# A long pattern of the kind spaCy's French tokenizer compiles: case-insensitive alternatives
# over Unicode letters, with named groups so that group bookkeeping is checked too.
WORDS = ["aujourd", "presqu", "quelqu", "entr", "rendez", "porte", "après", "arrière",
         "au", "grand", "sous", "vice", "week", "ex", "chef", "belle", "demi", "mi"]
LONG_PATTERN = (r"(?iu)(?P<stem>" + "|".join(f"{word}[-’'][\\w]+" for word in WORDS * 8)
                + r")|(?P<number>\d+(?:[.,]\d+)*)|(?:[^\W\d_]+-)+[^\W\d_]+")
SAMPLES = ["aujourd'hui", "AUJOURD’HUI", "Rendez-vous", "arrière-garde", "porte-parole",
           "vice-président", "12,5", "1.000.000", "Saint-Étienne", "week-end", "rien",
           "-", "grand-mère", "ÉTATS-UNIS", "l'OTAN", "x-y-z", ""]


def outcomes(compiled: re.Pattern) -> list:
    found = []
    for sample in SAMPLES:
        match = compiled.match(sample)
        found.append(None if match is None else (match.span(), match.groupdict(),
                                                   match.lastgroup))
        found.append([m.span() for m in compiled.finditer(f"{sample} et {sample}")])
    return found


def test_the_pattern_is_long_enough_to_be_stored():
    assert len(LONG_PATTERN) >= patterns.MIN_PATTERN_CHARS


def test_a_stored_pattern_matches_as_re_compiles_it(tmp_path):
    expected = re.compile(LONG_PATTERN)
    with patterns.remembered_patterns(tmp_path):
        first = re.compile(LONG_PATTERN)
    assert (tmp_path / patterns.store_name()).is_file()
    with patterns.remembered_patterns(tmp_path):
        second = re.compile(LONG_PATTERN)
    for compiled in (first, second):
        assert compiled is not expected  # built here, not taken from re's own cache
        assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == (
            expected.pattern, expected.flags, expected.groups, expected.groupindex)
        assert outcomes(compiled) == outcomes(expected)


def test_a_stored_pattern_is_read_not_compiled_again(tmp_path, monkeypatch):
    with patterns.remembered_patterns(tmp_path):
        re.compile(LONG_PATTERN)

    def not_again(pattern: str, flags: int) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(patterns, "compiled_program", not_again)
    with patterns.remembered_patterns(tmp_path):
        compiled = re.compile(LONG_PATTERN)
    assert outcomes(compiled) == outcomes(re.compile(LONG_PATTERN))


def test_short_patterns_and_flags_pass_through(tmp_path):
    with patterns.remembered_patterns(tmp_path):
        assert re.compile("a+b", re.I).match("AAB").group() == "AAB"
        assert re.compile(LONG_PATTERN, re.MULTILINE).flags & re.MULTILINE
    stored = patterns._read(tmp_path / patterns.store_name())
    assert [(len(pattern), flags) for pattern, flags in stored] == [
        (len(LONG_PATTERN), int(re.MULTILINE))]


def test_a_damaged_store_is_compiled_anew_and_rewritten(tmp_path):
    path = tmp_path / patterns.store_name()
    path.write_bytes(b"\x00not marshal data")
    with patterns.remembered_patterns(tmp_path):
        compiled = re.compile(LONG_PATTERN)
    assert outcomes(compiled) == outcomes(re.compile(LONG_PATTERN))
    assert list(patterns._read(path)) == [(LONG_PATTERN, 0)]


def test_a_program_the_engine_refuses_is_compiled_anew(tmp_path):
    path = tmp_path / patterns.store_name()
    with patterns.remembered_patterns(tmp_path):
        re.compile(LONG_PATTERN)
    stored = patterns._read(path)
    flags, code, groups, groupindex, indexgroup = stored[(LONG_PATTERN, 0)]
    stored[(LONG_PATTERN, 0)] = (flags, [255, *code[1:]], groups, groupindex, indexgroup)
    patterns._write(path, stored)
    with patterns.remembered_patterns(tmp_path):
        compiled = re.compile(LONG_PATTERN)
    assert outcomes(compiled) == outcomes(re.compile(LONG_PATTERN))


def test_re_compile_is_restored_after_an_error(tmp_path):
    original = re.compile
    with pytest.raises(KeyError), patterns.remembered_patterns(tmp_path):
        assert re.compile is not original
        raise KeyError("stop")
    assert re.compile is original


def test_no_folder_changes_nothing():
    original = re.compile
    with patterns.remembered_patterns(None):
        assert re.compile is original


# ---------------------------------------------------------------- the lemmatizers' word lists

SUFFIXES = ("", "s", "es", "e", "ées", "ait", "aient", "ons", "aux", "ement", "ing", "ed", "ies")


def stock_lemmatizer(component: object, language: str) -> object:
    """A lemmatizer of the same class as `component`, with the model's tables as shipped
    (each part of speech's known words as a list)."""
    from spacy.lookups import Lookups

    lookups = Lookups()
    for name in component.lookups.tables:
        table = component.lookups.get_table(name)
        copy = lookups.add_table(name)
        for key in table:
            value = table[key]
            copy[key] = sorted(value) if isinstance(value, frozenset) else value
    stock = type(component)(component.vocab, None, name=f"stock_{language}", mode="rule")
    stock.initialize(lookups=lookups)
    return stock


@pytest.mark.parametrize("language", ["fr", "en"])
def test_lemmas_are_those_of_the_lists_as_shipped(language):
    from spacy.tokens import Doc

    from analysis.nlp import load_pipeline

    nlp = load_pipeline(language)
    component = nlp.get_pipe("lemmatizer")
    index = component.lookups.get_table("lemma_index")
    assert index and all(isinstance(index[key], frozenset) for key in index)
    stock = stock_lemmatizer(component, language)
    stems = sorted({word for key in index for word in sorted(index[key])[::1500]})
    words = [stem + suffix for stem in stems for suffix in SUFFIXES]
    words += ["OTAN", "Alliance", "réintègre", "quittera", "withdrew", "rejoined", "l'", "12"]
    parts = ["NOUN", "VERB", "ADJ", "ADV", "AUX", "DET", "PRON", "ADP", "PROPN", "PUNCT"]
    checked = 0
    for part in parts:
        doc = Doc(nlp.vocab, words=words, pos=[part] * len(words))
        for token in doc:
            assert component.lemmatize(token) == stock.rule_lemmatize(token), (token.text, part)
            checked += 1
    assert checked > 5_000


# ---------------------------------------------------------------- the garbage collector

def test_a_loaded_pipeline_is_left_out_of_the_collectors_scans():
    import gc

    from analysis.nlp import load_pipeline

    gc.unfreeze()  # (as the Dask engine's local cluster leaves this process when it stops)
    load_pipeline.cache_clear()
    nlp = load_pipeline("en")
    assert gc.get_freeze_count() > 10_000
    # gc.get_objects lists what collections scan; the frozen generation is not among them
    assert all(obj is not nlp and obj is not nlp.vocab for obj in gc.get_objects())


# ---------------------------------------------------------------- the attribute rules

def _attributes(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("We got nothin' from them, y'all.", "nothin'", "nothing"),  # rules tried at every word
    ("Nuthin' changes: y' know it.", "Nuthin'", "nothing"),
    ("Nothing changes, you know.", "Nothing", ""),  # no rule of that kind applies
])
def test_the_indexed_attribute_rules_set_what_the_stock_rules_set(text, word, lemma):
    from analysis.nlp import load_pipeline

    nlp = load_pipeline("en")
    with nlp.select_pipes(enable=["sentence_rules", "tok2vec", "tagger", "parser"]):
        doc = nlp(text)
    stock = nlp.get_pipe("attribute_ruler")(doc.copy())  # (disabled in the pipeline, kept)
    indexed = nlp.get_pipe("indexed_attribute_ruler")(doc.copy())
    assert _attributes(indexed) == _attributes(stock)
    assert next(t.lemma_ for t in indexed if t.text == word) == lemma
