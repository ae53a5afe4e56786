"""Rule tests for `analysis.claims.quotes`: quotations and who said them.

Each case is a short text, the exact words inside a quotation (or a phrase where nobody
quotes), and the speaker of the claim (None: no claim may hold them). Expected values come
from tests/gold/README.md: a direct quotation gives the words inside the marks, without a
comma or full stop inside the closing mark.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

LQ, RQ = "\u201c", "\u201d"  # “ ”
LG, RG = "\u00ab ", " \u00bb"  # « » with plain spaces
NLG, NRG = "\u00ab\u00a0", "\u00a0\u00bb"  # « » with the no-break spaces of French print


class Case(NamedTuple):
    language: str
    text: str
    words: str  # the claim text exactly (a quotation), or a phrase that no claim may hold
    speaker: str | None


CASES = [
    # a quotation that closes right before an inverted reporting verb
    pytest.param(Case("en", f"{LQ}The Alliance has lost its purpose,{RQ} said Paul Verdier.",
                      "The Alliance has lost its purpose", "Paul Verdier"),
                 id="en-quote-then-said-X"),
    pytest.param(Case("fr", f"{LG}L'Alliance a perdu sa raison d'être{RG}, a déclaré Sophie "
                      "Marchal.", "L'Alliance a perdu sa raison d'être", "Sophie Marchal"),
                 id="fr-quote-then-a-declare-X"),
    pytest.param(Case("fr", f"{NLG}L'Alliance a perdu sa raison d'être{NRG}, a déclaré Sophie "
                      "Marchal.", "L'Alliance a perdu sa raison d'être", "Sophie Marchal"),
                 id="fr-quote-in-no-break-spaces-then-a-declare-X"),
    pytest.param(Case("en", f"{LQ}France must leave. The Alliance no longer protects us,{RQ} "
                      "said Paul Verdier.", "France must leave. The Alliance no longer protects us",
                      "Paul Verdier"), id="en-two-sentence-quote-is-one-claim"),
    pytest.param(Case("fr", f"{LG}La France doit partir. L'Alliance ne nous protège plus{RG}, a "
                      "déclaré Sophie Marchal.", "La France doit partir. L'Alliance ne nous "
                      "protège plus", "Sophie Marchal"), id="fr-two-sentence-quote-is-one-claim"),
    # the subject before a colon speaks
    pytest.param(Case("en", f"Paul Verdier was blunt: {LQ}France must leave NATO before the next "
                      f"summit.{RQ}", "France must leave NATO before the next summit",
                      "Paul Verdier"), id="en-colon-speaker"),
    pytest.param(Case("fr", f"Sophie Marchal a été claire\u00a0: {LG}La France doit quitter "
                      f"l'Otan avant le prochain sommet.{RG}",
                      "La France doit quitter l'Otan avant le prochain sommet", "Sophie Marchal"),
                 id="fr-colon-speaker"),
    pytest.param(Case("en", "Greece offers the closest precedent: it left the integrated command "
                      "in 1974 and returned in 1980.", "it left the integrated command", None),
                 id="en-colon-after-no-speaker"),
    pytest.param(Case("fr", "La Grèce offre le précédent le plus proche\u00a0: elle a quitté le "
                      "commandement intégré en 1974.", "elle a quitté le commandement", None),
                 id="fr-colon-after-no-speaker"),
    # a lone quotation continues the claim just before it
    pytest.param(Case("en", "Paul Verdier said that the Alliance had lost its purpose. "
                      f"{LQ}We cannot keep paying for other people's wars.{RQ}",
                      "We cannot keep paying for other people's wars", "Paul Verdier"),
                 id="en-lone-quote-same-paragraph"),
    pytest.param(Case("fr", "Sophie Marchal a estimé que l'Alliance avait perdu sa raison d'être. "
                      f"{LG}Nous ne pouvons plus payer pour les guerres des autres.{RG}",
                      "Nous ne pouvons plus payer pour les guerres des autres", "Sophie Marchal"),
                 id="fr-lone-quote-same-paragraph"),
    pytest.param(Case("fr", "Sophie Marchal a dénoncé l'inaction du gouvernement. Et d'ajouter"
                      f"\u00a0: {LG}La France doit reprendre sa liberté.{RG}",
                      "La France doit reprendre sa liberté", "Sophie Marchal"),
                 id="fr-et-d-ajouter-colon-quote"),
    # ... or opening the next paragraph
    pytest.param(Case("en", "Paul Verdier told reporters that the vote was a turning point.\n\n"
                      f"{LQ}We cannot keep paying for other people's wars.{RQ}",
                      "We cannot keep paying for other people's wars", "Paul Verdier"),
                 id="en-quote-opens-next-paragraph"),
    pytest.param(Case("fr", "Sophie Marchal a expliqué que le vote marquait un tournant.\n\n"
                      f"{LG}Nous ne pouvons plus payer pour les guerres des autres.{RG}",
                      "Nous ne pouvons plus payer pour les guerres des autres", "Sophie Marchal"),
                 id="fr-quote-opens-next-paragraph"),
    # a quotation with no claim before it and no speaker is nobody's
    pytest.param(Case("en", "The debate lasted four hours. "
                      f"{LQ}We cannot keep paying for other people's wars.{RQ}",
                      "We cannot keep paying", None), id="en-lone-quote-without-speaker"),
    pytest.param(Case("fr", "Le débat a duré quatre heures. "
                      f"{LG}Nous ne pouvons plus payer pour les guerres des autres.{RG}",
                      "Nous ne pouvons plus payer", None), id="fr-lone-quote-without-speaker"),
]


@pytest.mark.parametrize("case", CASES)
def test_quotation(analyse_text, case: Case) -> None:
    claims = analyse_text(case.text, case.language).claims
    seen = claims[["speaker", "cue", "claim_text", "is_quote"]].to_dict("records")
    assert case.words in case.text
    if case.speaker is None:
        assert not claims["claim_text"].str.contains(case.words, regex=False).any(), seen
        return
    found = claims[claims["claim_text"] == case.words]
    assert list(found["speaker"]) == [case.speaker], seen
    assert bool(found.iloc[0]["is_quote"]), seen
