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
