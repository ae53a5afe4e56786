"""Claims of the sample article: speakers, spans, kinds and stances, read off the text."""

from __future__ import annotations

from pathlib import Path

from analysis.tables import CLAIM_KINDS, NATO_STANCES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TEXT = (ROOT / "data" / "articles" / "lfi-nato-exit.txt").read_text(encoding="utf-8")


def _claim_containing(tables, words, speaker=None):
    claims = tables.claims
    rows = claims[claims["claim_text"].str.contains(words, regex=False)]
    if speaker is not None:
        rows = rows[rows["speaker"] == speaker]
    assert len(rows) == 1, f"expected one claim containing {words!r}, got {len(rows)}"
    return rows.iloc[0]


def test_spans_point_at_the_claim_text(sample_tables):
    for claim in sample_tables.claims.itertuples():
        assert SAMPLE_TEXT[claim.start_char:claim.end_char] == claim.claim_text


def test_planned_exit_resolution(sample_tables):
    claim = _claim_containing(sample_tables, "planned exit", "Clémence Guetté")
    assert claim["kind"] == "proposal"
    assert claim["nato_stance"] == "exit"
    assert claim["cue"] == "say"


def test_coordinated_accusations_one_row_each(sample_tables):
    for words in ("kidnaps a head of state in Venezuela", "genocide in Palestine",
                  "threatens Greenland", "violation of international law"):
        claim = _claim_containing(sample_tables, words, "Clémence Guetté")
        assert claim["kind"] == "accusation"
        assert claim["target"] == "United States"
        assert claim["nato_stance"] == "none"
        assert "Guetté" not in claim["claim_text"]


def test_pronoun_speaker_she(sample_tables):
    claim = _claim_containing(sample_tables, "bombing peoples")
    assert claim["speaker"] == "Clémence Guetté"
    assert claim["cue"] == "accuse"


def test_direct_quote_with_inverted_attribution(sample_tables):
    claim = _claim_containing(sample_tables, "More than ever")
    assert claim["speaker"] == "Clémence Guetté"
    assert claim["cue"] == "write"
    assert bool(claim["is_quote"]) is True
    assert claim["claim_text"].startswith("More than ever")
    assert claim["claim_text"].endswith("arises")


def test_amard_statements(sample_tables):
    exit_plan = _claim_containing(sample_tables, "leave NATO’s integrated command structure")
    assert exit_plan["speaker"] == "Gabriel Amard"  # "Gabriel Amard, ..., who argued that"
    assert exit_plan["nato_stance"] == "exit"
    assert exit_plan["kind"] == "proposal"
    assert "withdraw from NATO altogether" in exit_plan["claim_text"]  # a sequence, one claim
    non_aligned = _claim_containing(sample_tables, "non-aligned")
    assert non_aligned["speaker"] == "Gabriel Amard"
    assert non_aligned["cue"] == "call"


def test_group_subject_speaks_through_its_party(sample_tables):
    # "Senior figures from ... La France Insoumise (LFI) ..., accusing the United States ..."
    claim = _claim_containing(sample_tables, "blatant violations")
    assert claim["speaker"] == "La France Insoumise"
    assert claim["speaker_type"] == "party"


def test_french_quotes_pronouns_and_selon(french_tables):
    claims = french_tables.claims
    first = _claim_containing(french_tables, "confier la vie de ses soldats")
    assert first["speaker"] == "Sophie Marchal" and first["cue"] == "déclarer"
    assert bool(first["is_quote"]) is True
    denounced = _claim_containing(french_tables, "les pressions exercées")
    assert denounced["speaker"] == "Sophie Marchal"  # "Elle a également dénoncé"
    assert denounced["kind"] == "accusation"
    call = _claim_containing(french_tables, "la sortie de la France")
    assert call["speaker"] == "Sophie Marchal"  # "La parlementaire a appelé à"
    assert (call["kind"], call["nato_stance"]) == ("proposal", "exit")
    selon = _claim_containing(french_tables, "l'instrument de la politique")
    assert selon["cue"] == "selon" and selon["speaker"] == "Sophie Marchal"
    assert not selon["claim_text"].startswith("elle")
    resolution = _claim_containing(french_tables, "Nous déposerons")
    assert resolution["speaker"] == "Mathieu Roussel"  # "a-t-il précisé"
    against = _claim_containing(french_tables, "erreur historique")
    assert against["speaker"] == "Antoine Delorme"
    assert against["nato_stance"] == "stay"
    assert set(claims["speaker"]) <= {"Sophie Marchal", "Mathieu Roussel", "Antoine Delorme"}


def test_kinds_and_stances_are_the_contract_values(sample_tables, french_tables):
    for tables in (sample_tables, french_tables):
        assert set(tables.claims["kind"]) <= set(CLAIM_KINDS)
        assert set(tables.claims["nato_stance"]) <= set(NATO_STANCES)
