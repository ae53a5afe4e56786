"""Country-case mentions of the sample article and the French fixture."""

from __future__ import annotations

from analysis.tables import CASE_ACTIONS


def _cases(tables):
    return {(row.country, None if str(row.year) == "<NA>" else int(row.year), row.action): row
            for row in tables.case_mentions.itertuples()}


def test_sample_precedents(sample_tables):
    cases = _cases(sample_tables)
    assert ("France", 1949, "join") in cases
    assert cases[("France", 1966, "withdraw_integrated_command")].leader == "Charles de Gaulle"
    assert cases[("France", 2009, "return_integrated_command")].leader == "Nicolas Sarkozy"
    assert ("Greece", 1974, "withdraw_integrated_command") in cases  # "Athens withdrew"
    assert ("Greece", 1980, "return_integrated_command") in cases


def test_sample_has_no_other_year(sample_tables):
    years = {year for (_, year, _) in _cases(sample_tables) if year is not None}
    assert years == {1949, 1966, 1974, 1980, 2009}


def test_call_to_leave_now_is_a_proposal(sample_tables):
    proposals = [row for key, row in _cases(sample_tables).items()
                 if key[2] == "leave_alliance_proposal"]
    assert proposals and all(row.country == "France" for row in proposals)
    assert all(str(row.year) == "<NA>" for row in proposals)  # the sample has no date
    assert {row.leader for row in proposals} <= {"Clémence Guetté", "Gabriel Amard"}


def test_case_ids_link_to_reference(sample_tables):
    cases = _cases(sample_tables)
    assert cases[("France", 1966, "withdraw_integrated_command")].case_id == "france-1966"
    assert cases[("France", 2009, "return_integrated_command")].case_id == "france-1966"
    assert cases[("Greece", 1974, "withdraw_integrated_command")].case_id == "greece-1974"
    assert cases[("Greece", 1980, "return_integrated_command")].case_id == "greece-1974"


def test_evidence_is_the_sentence(sample_tables):
    row = _cases(sample_tables)[("France", 1966, "withdraw_integrated_command")]
    assert row.evidence.startswith("In 1966, President Charles de Gaulle took France out")


def test_french_precedents_and_dated_proposal(french_tables):
    cases = _cases(french_tables)
    # "La France avait déjà quitté le commandement intégré en 1966, sur décision du général
    # de Gaulle, avant que Nicolas Sarkozy ne l'y fasse revenir en 2009."
    assert ("France", 1966, "withdraw_integrated_command") in cases
    assert cases[("France", 2009, "return_integrated_command")].leader == "Nicolas Sarkozy"
    # "La parlementaire a appelé à la sortie ..." in an article published 2026-03-10
    assert cases[("France", 2026, "leave_alliance_proposal")].leader == "Sophie Marchal"


def test_actions_are_the_contract_values(sample_tables, french_tables):
    for tables in (sample_tables, french_tables):
        assert set(tables.case_mentions["action"]) <= set(CASE_ACTIONS)
