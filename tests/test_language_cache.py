"""Detected languages are kept by the digest of the text: a text seen before is not
classified again, and a store that cannot be used changes nothing but the time."""

from __future__ import annotations

import pytest

from analysis import language

ENGLISH = ("The minister said on Tuesday that the country would stay in the alliance for "
           "as long as its neighbours were threatened, and that a vote on leaving it was "
           "not something the government would ask for in the coming years.")
FRENCH = ("La ministre a déclaré mardi que le pays resterait dans l'Alliance tant que ses "
          "voisins seraient menacés, et qu'un vote sur la sortie n'était pas une chose que "
          "le gouvernement demanderait dans les années qui viennent.")


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(tmp_path))
    return tmp_path


def refuse_to_classify(monkeypatch):
    def no_model():
        raise AssertionError("the model was asked")

    monkeypatch.setattr(language, "_identifier", no_model)


def test_a_text_seen_before_is_not_classified_again(cache_folder, monkeypatch):
    assert language.detect_language(ENGLISH) == "en"
    assert language.detect_language(FRENCH) == "fr"
    assert (cache_folder / "languages.sqlite").is_file()
    refuse_to_classify(monkeypatch)
    assert language.detect_language(ENGLISH) == "en"
    assert language.detect_language(FRENCH) == "fr"
    with pytest.raises(AssertionError, match="the model was asked"):
        language.detect_language(ENGLISH + " One more sentence changes the digest.")


def test_the_store_is_shared_by_processes(cache_folder, monkeypatch):
    assert language.detect_language(FRENCH) == "fr"
    language._STORES.clear()  # as a new process: only the file is left
    refuse_to_classify(monkeypatch)
    assert language.detect_language(FRENCH) == "fr"


def test_an_unusable_store_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(blocker))
    assert language.detect_language(ENGLISH) == "en"
    assert language.detect_language(FRENCH) == "fr"


def test_a_damaged_store_only_costs_time(cache_folder):
    (cache_folder / "languages.sqlite").write_bytes(b"this is not a database" * 100)
    assert language.detect_language(FRENCH) == "fr"
    assert language.detect_language(ENGLISH) == "en"


def test_other_settings_do_not_read_kept_answers(cache_folder, monkeypatch):
    assert language.detect_language(ENGLISH) == "en"
    monkeypatch.setattr(language, "_settings", lambda: "other settings")
    refuse_to_classify(monkeypatch)
    with pytest.raises(AssertionError, match="the model was asked"):
        language.detect_language(ENGLISH)


def test_the_unpacked_model_is_the_packed_one(cache_folder):
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packed = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    unpacked = language._from_unpacked(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    assert unpacked is not None
    assert [path.suffix for path in (cache_folder / "langid").iterdir()] == [".npz"]
    again = language._from_unpacked(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    for model in (unpacked, again):
        assert model.nb_classes == packed.nb_classes
        assert np.array_equal(model.nb_ptc, packed.nb_ptc)
        assert np.array_equal(model.nb_pc, packed.nb_pc)
        assert model.tk_nextmove == packed.tk_nextmove and model.tk_row == packed.tk_row
        assert model.tk_output == packed.tk_output
    texts = [ENGLISH, FRENCH, "Die Regierung will in der NATO bleiben, sagte der Minister.",
             "El Gobierno quiere seguir en la OTAN, dijo el ministro.", "OTAN", ""]
    for model in (packed, unpacked):
        model.set_languages(list(language.DETECTABLE_LANGUAGES))
    assert [unpacked.classify(text) for text in texts] == [packed.classify(text)
                                                           for text in texts]


def test_an_unpacked_model_that_cannot_be_read_falls_back(cache_folder):
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    assert language._from_unpacked(LanguageIdentifier, MODEL_DIR / MODEL_FILE) is not None
    (damaged,) = (cache_folder / "langid").iterdir()
    damaged.write_bytes(b"PK\x03\x04 not an archive")
    assert language._from_unpacked(LanguageIdentifier, MODEL_DIR / MODEL_FILE) is None
    language._identifier.cache_clear()
    try:
        assert language.detect_language(ENGLISH + " (read with the packed model)") == "en"
    finally:
        language._identifier.cache_clear()
