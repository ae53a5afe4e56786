"""Actors of the sample article, as a reader finds them."""

from __future__ import annotations

import pytest


def _actor(tables, name):
    rows = tables.actors[tables.actors["actor"] == name]
    assert len(rows) == 1, f"expected exactly one row for {name}, got {len(rows)}"
    return rows.iloc[0]


@pytest.mark.parametrize("name, actor_type", [
    ("Clémence Guetté", "person"), ("Gabriel Amard", "person"), ("Donald Trump", "person"),
    ("Charles de Gaulle", "person"), ("Nicolas Sarkozy", "person"),
    ("La France Insoumise", "party"), ("NATO", "organisation"),
    ("National Assembly", "organisation"), ("France", "state"), ("United States", "state"),
    ("Greece", "state"), ("Turkey", "state"),
])
def test_expected_actor_once_with_type(sample_tables, name, actor_type):
    assert _actor(sample_tables, name)["actor_type"] == actor_type


def test_guette_roles_and_party(sample_tables):
    guette = _actor(sample_tables, "Clémence Guetté")
    assert "Vice-President" in guette["role"] and "National Assembly" in guette["role"]
    assert "LFI MP" in guette["role"].split("; ")
    assert guette["affiliation"] == "La France Insoumise"


def test_amard_role_for_the_rhone(sample_tables):
    amard = _actor(sample_tables, "Gabriel Amard")
    assert amard["role"] == "LFI MP for the Rhône"
    assert amard["affiliation"] == "La France Insoumise"


def test_titles_before_names(sample_tables):
    assert _actor(sample_tables, "Charles de Gaulle")["role"] == "President"
    assert _actor(sample_tables, "Nicolas Sarkozy")["role"] == "President"


@pytest.mark.parametrize("alias", ["Guetté", "Trump’s", "Trump", "Türkiye’s", "Türkiye", "Rhône",
                                   "Alliance", "Washington", "Athens", "LFI", "Paris", "Brussels",
                                   "Greenland", "X"])
def test_no_row_for_alias_surname_or_place(sample_tables, alias):
    assert alias not in set(sample_tables.actors["actor"])


def test_mentions_count_surnames_aliases_and_metonyms(sample_tables):
    # Guetté: "Clémence Guetté", "Guetté claimed", "Guetté wrote", "Guetté’s position",
    # "Guetté’s plan", "Guetté is"; United States: "the United States under", "Trump’s United
    # States", "Washington", "the United States" (in the quotation), "US military sites".
    assert _actor(sample_tables, "Clémence Guetté")["mentions"] == 6
    assert _actor(sample_tables, "United States")["mentions"] == 5
    assert _actor(sample_tables, "Donald Trump")["mentions"] == 2
    assert _actor(sample_tables, "Greece")["mentions"] == 3  # Greece, Athens, Greece


def test_capital_as_place_is_not_the_state(sample_tables):
    mentions = sample_tables.actor_mentions
    france_texts = set(mentions[mentions["actor"] == "France"]["text"])
    assert "Paris" not in france_texts  # "from Paris to Brussels" is the city


def test_french_title_and_apposition(french_tables):
    marchal = _actor(french_tables, "Sophie Marchal")
    assert marchal["role"] == "députée LFI de Seine-Saint-Denis"
    assert marchal["affiliation"] == "La France Insoumise"
    assert _actor(french_tables, "Antoine Delorme")["role"] == "ministre des Armées"
    assert "président du groupe insoumis" in _actor(french_tables, "Mathieu Roussel")["role"]
    assert _actor(french_tables, "Charles de Gaulle")["role"] == "général"
    assert "ministre des Armées" not in set(french_tables.actors["actor"])


def test_french_aliases(french_tables):
    actors = set(french_tables.actors["actor"])
    assert {"NATO", "United States", "National Assembly", "Rassemblement National"} <= actors
    assert not actors & {"OTAN", "États-Unis", "Alliance", "Assemblée nationale"}
