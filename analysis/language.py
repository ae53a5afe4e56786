"""Language of an article: normalise what a file says, or detect it from the text.

Detection uses py3langid restricted to the languages a European press corpus is
likely to hold, so that a short English headline is not read as Luxembourgish.
Very short texts are decided first by a vote of common function words, where a
character n-gram model has too little to go on.

What was detected is kept by the digest of the text read (`languages.sqlite` in the cache
folder), so that a re-run over the same files neither loads the model (most of a second)
nor classifies again; a store that cannot be opened or written only costs that time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import re
import sqlite3
import threading
from functools import cache, lru_cache
from pathlib import Path

from analysis.cache import default_cache_dir

LOG = logging.getLogger(__name__)

# The languages detection may answer. Wider than the analysed languages on
# purpose: a German article must be detected as German (and refused), not
# forced into English or French.
DETECTABLE_LANGUAGES = (
    "en", "fr", "de", "es", "it", "nl", "pt", "pl", "ru", "uk", "tr", "el", "sv",
    "da", "no", "fi", "cs", "sk", "ro", "hu", "bg", "hr", "sl", "lt", "lv", "et", "sq",
)

# Texts shorter than this (in words) are first decided by the function-word vote.
SHORT_TEXT_WORDS = 40
# The vote decides only with at least this many hits and twice the runner-up's.
MIN_VOTES = 2
# The model reads at most this many characters: enough to decide, and bounded.
DETECTION_SAMPLE_CHARS = 20_000

# Frequent function words that belong to one of these languages only: words two of
# them share ("la", "que", "il", "en", "was", "una", "para", ...) are left out.
FUNCTION_WORDS = {
    "en": frozenset({
        "the", "and", "of", "to", "that", "with", "for", "it", "its", "this", "have", "has",
        "would", "from", "are", "were", "not", "which", "they", "their", "said", "says", "been",
    }),
    "fr": frozenset({
        "le", "les", "et", "du", "est", "qui", "une", "pour", "dans", "pas", "sur", "au", "aux",
        "cette", "elle", "ils", "ont", "sont", "avec", "être", "selon", "leur", "été",
    }),
    "de": frozenset({
        "der", "das", "und", "ist", "nicht", "mit", "dem", "ein", "eine", "zu", "von", "auf",
        "für", "sich", "auch", "wird", "hat", "sind", "wurde",
    }),
    "es": frozenset({
        "el", "los", "las", "y", "por", "como", "pero", "está",
    }),
    "it": frozenset({
        "di", "che", "è", "della", "per", "sono", "gli", "alla", "nel", "degli", "anche",
    }),
    "nl": frozenset({
        "het", "een", "van", "niet", "zijn", "wordt", "ook", "naar", "voor", "op", "dat",
    }),
    "pt": frozenset({
        "o", "os", "não", "uma", "com", "em", "são", "pelo", "também",
    }),
}

# Names and codes that files use for a language, mapped to ISO 639-1.
LANGUAGE_NAMES = {
    "english": "en", "anglais": "en", "eng": "en",
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "german": "de", "deutsch": "de", "allemand": "de", "deu": "de", "ger": "de",
    "spanish": "es", "español": "es", "espagnol": "es", "spa": "es",
    "italian": "it", "italiano": "it", "italien": "it", "ita": "it",
    "dutch": "nl", "nederlands": "nl", "néerlandais": "nl", "nld": "nl", "dut": "nl",
    "portuguese": "pt", "português": "pt", "portugais": "pt", "por": "pt",
}

WORD_PATTERN = re.compile(r"[^\W\d_]+")


def normalise_language(value: str) -> str:
    """Return the ISO 639-1 code for a language as files write it.

    "English", "EN", "en-GB" and "eng" all give "en"; "fr-FR" and "Français" give
    "fr". A value that is not recognised comes back lower-cased, so a caller can
    name it in a message.
    """
    cleaned = value.strip().lower()
    if not cleaned:
        return ""
    if cleaned in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[cleaned]
    primary = re.split(r"[-_ ]", cleaned, maxsplit=1)[0]
    return LANGUAGE_NAMES.get(primary, primary)


def vote_language(text: str) -> str:
    """Return the language whose function words dominate `text`, or "" if none does."""
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for word in WORD_PATTERN.findall(text.lower()):
        for language, words in FUNCTION_WORDS.items():
            if word in words:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, best_count), (_, runner_up) = ranked[0], ranked[1]
    if best_count >= MIN_VOTES and best_count >= 2 * runner_up:
        return best
    return ""


@lru_cache(maxsize=1)
def _identifier():
    """Load the py3langid model once for this process, from its unpacked copy when there is
    one (py3langid ships it LZMA-compressed, which takes most of the second it loads in)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = _from_unpacked(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    if identifier is None:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(DETECTABLE_LANGUAGES))
    return identifier


def _from_unpacked(identifier_class: type, packed: Path) -> object | None:
    """The model read as `py3langid.modelio.load_model` reads it, from the uncompressed
    archive kept in the cache folder (written there the first time), or None."""
    import lzma
    import shutil
    import tempfile

    import numpy as np
    from py3langid import modelio

    try:
        stat = packed.stat()
        folder = default_cache_dir() / "langid"
        unpacked = folder / f"{_settings_digest()}-{stat.st_size}-{stat.st_mtime_ns}.npz"
        if not unpacked.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".model-")
            try:
                with lzma.open(packed) as source, os.fdopen(handle, "wb") as target:
                    shutil.copyfileobj(source, target, length=1 << 20)
                os.replace(temporary, unpacked)
            except BaseException:
                os.unlink(temporary)
                raise
        with np.load(unpacked, allow_pickle=False) as data:
            return identifier_class(
                np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                modelio._to_array(data["nextmove"]), data["out_feat"].tolist(),
                norm_probs=True, tk_row=modelio._to_array(data["nextmove_row"]))
    except Exception as error:  # noqa: BLE001 - any failure falls back to the packed model
        LOG.info("language model read packed: %s", error)
        return None


def _settings_digest() -> str:
    return hashlib.sha256(_settings().encode()).hexdigest()[:12]


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in.

    Short texts are decided by the function-word vote when it is clear; everything
    else by py3langid over `DETECTABLE_LANGUAGES`. An answer given before for the same
    text (and the same detection settings) is read from the store.
    """
    sample = text[:DETECTION_SAMPLE_CHARS]
    key = hashlib.sha256(f"{_settings()}\n{sample}".encode("utf-8", "surrogatepass")).digest()
    store = _store()
    language = store.get(key)
    if language is None:
        language = _detect(sample)
        store.put(key, language)
    return language


def _detect(sample: str) -> str:
    if len(sample.split()) < SHORT_TEXT_WORDS:
        voted = vote_language(sample)
        if voted:
            return voted
    language, _confidence = _identifier().classify(sample)
    return language


@cache
def _settings() -> str:
    """What an answer depends on besides the text: kept answers of other settings are
    not read."""
    try:
        version = importlib.metadata.version("py3langid")
    except importlib.metadata.PackageNotFoundError:
        version = ""
    return "|".join([version, ",".join(DETECTABLE_LANGUAGES), str(SHORT_TEXT_WORDS),
                     str(MIN_VOTES), repr(sorted((k, sorted(v)) for k, v in
                                                 FUNCTION_WORDS.items()))])


class DetectedLanguages:
    """Languages detected before, by digest of the text, in one SQLite file shared by the
    processes of a build (and the threads of the dashboard)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._failed = False

    def get(self, key: bytes) -> str | None:
        with self._lock:
            connection = self._connect()
            if connection is None:
                return None
            try:
                row = connection.execute("SELECT language FROM detected WHERE digest = ?",
                                         (key,)).fetchone()
            except sqlite3.Error as error:
                self._give_up(error)
                return None
            return row[0] if row else None

    def put(self, key: bytes, language: str) -> None:
        with self._lock:
            connection = self._connect()
            if connection is None:
                return
            try:
                with connection:
                    connection.execute("INSERT OR REPLACE INTO detected VALUES (?, ?)",
                                       (key, language))
            except sqlite3.Error as error:
                self._give_up(error)

    def _connect(self) -> sqlite3.Connection | None:
        if self._failed:
            return None
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        # (a connection inherited across a fork is left alone: the parent still owns it)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False,
                                         isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("CREATE TABLE IF NOT EXISTS detected "
                               "(digest BLOB PRIMARY KEY, language TEXT NOT NULL)")
        except (sqlite3.Error, OSError) as error:
            self._give_up(error)
            return None
        self._connection, self._pid = connection, os.getpid()
        return connection

    def _give_up(self, error: BaseException) -> None:
        LOG.info("detected languages not kept in %s: %s", self.path, error)
        self._failed = True


_STORES: dict[Path, DetectedLanguages] = {}


def _store() -> DetectedLanguages:
    """The store of the current cache folder ($NATO_DASHBOARD_CACHE may change in tests)."""
    try:
        path = default_cache_dir() / "languages.sqlite"
    except RuntimeError:  # no home folder
        path = Path(os.devnull) / "languages.sqlite"
    store = _STORES.get(path)
    if store is None:
        store = _STORES.setdefault(path, DetectedLanguages(path))
    return store
