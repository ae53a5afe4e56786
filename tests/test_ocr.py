"""Tests for `analysis.ocr.repair`: the parser's copy of a scanned text keeps every offset."""

from __future__ import annotations

import pytest

from analysis.ocr import repair


@pytest.mark.parametrize(("text", "expected"), [
    # a headline in capitals: known names keep their case, other words go lower case
    ("GREECE BACK IN N.A.T.O. COMMAND AFTER SIX YEARS",
     "Greece back in N.A.T.O. command after six years"),
    ("LA GRECE REINTEGRE L'ORGANISATION MILITAIRE DE L'O.T.A.N.",
     "La Grece reintegre l'organisation militaire de l'O.T.A.N."),
    ("SORTIR DE L'OTAN : LE DÉBAT REVIENT", "Sortir de l'OTAN : le débat revient"),
    ("TÜRKİYE AND GREECE JOIN THE ALLIANCE", "Türkiye and Greece join the Alliance"),
    # a header that names a body keeps its capitals: its author's name is in them
    ("STATEMENT BY THE INDEPENDENT HOMELAND PARTY ON TÜRKİYE AND NATO",
     "STATEMENT BY THE INDEPENDENT HOMELAND PARTY ON TÜRKİYE AND NATO"),
    ("LE GROUPE ÉCOLOGIE ET PAIX (EPS) DEMANDE LA SORTIE",
     "LE GROUPE ÉCOLOGIE ET PAIX (EPS) DEMANDE LA SORTIE"),
    # not a headline: a line with lower case, or too short to be one
    ("ATHENS, October 20.", "ATHENS, October 20."),
    ("NATO SUMMIT", "NATO SUMMIT"),
    # cut words and "1" for "l"
    ("the com- mand of the A1liance", "the command   of the Alliance"),
])
def test_repair(text: str, expected: str) -> None:
    repaired = repair(text)
    assert repaired == expected
    assert len(repaired) == len(text)
