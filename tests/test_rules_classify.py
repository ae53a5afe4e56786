"""Rule tests for `analysis.claims.classify`: the kind and NATO stance of a claim.

Each case is one sentence with one claim, a phrase of it, the kinds the guide allows
(tests/gold/README.md, "Fields") and its stance.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st


class Case(NamedTuple):
    language: str
    text: str
    phrase: str
    kinds: tuple[str, ...]  # the kind the guide gives, or the kinds it leaves open
    stance: str


CASES = [
    # a proposal needs a modal or a call
    pytest.param(Case("en", "Paul Verdier said that France should leave NATO.",
                      "France should leave NATO", ("proposal",), "exit"), id="en-should-leave"),
    pytest.param(Case("fr", "Sophie Marchal a déclaré que la France doit quitter l'Otan.",
                      "la France doit quitter l'Otan", ("proposal",), "exit"),
                 id="fr-doit-quitter"),
    pytest.param(Case("en", "Paul Verdier called for a withdrawal from NATO's integrated "
                      "command.", "withdrawal from NATO's integrated command", ("proposal",),
                      "exit"), id="en-call-for-withdrawal"),
    pytest.param(Case("fr", "Sophie Marchal a appelé à quitter l'Otan.", "quitter l'Otan",
                      ("proposal",), "exit"), id="fr-appeler-a-quitter"),
    pytest.param(Case("en", "Paul Verdier said that France left NATO's integrated command in "
                      "1966.", "France left NATO's integrated command", ("other",), "none"),
                 id="en-history-fact-no-modal-not-proposal"),
    pytest.param(Case("fr", "Sophie Marchal a rappelé que la France a quitté le commandement "
                      "intégré de l'Otan en 1966.", "la France a quitté le commandement",
                      ("other",), "none"), id="fr-history-fact-no-modal-not-proposal"),
    pytest.param(Case("en", "Paul Verdier argued that France must remain in NATO.",
                      "France must remain in NATO", ("proposal",), "stay"),
                 id="en-must-remain-stay"),
    pytest.param(Case("fr", "Sophie Marchal a affirmé que la France doit rester dans l'Otan.",
                      "la France doit rester dans l'Otan", ("proposal",), "stay"),
                 id="fr-doit-rester-stay"),
    # non-alignment is exit; "non-aligned" about another thing is not
    pytest.param(Case("fr", "Sophie Marchal a plaidé pour une France non alignée.",
                      "une France non alignée", ("proposal",), "exit"),
                 id="fr-plaider-pour-non-alignement"),
    pytest.param(Case("en", "Paul Verdier said that India, a non-aligned country in Asia, buys "
                      "Russian arms.", "a non-aligned country in Asia", ("other", "assessment"),
                      "none"), id="en-non-aligned-country-elsewhere"),
    pytest.param(Case("fr", "Sophie Marchal a rappelé que l'Inde, pays non aligné d'Asie, achète "
                      "des armes russes.", "pays non aligné", ("other", "assessment"), "none"),
                 id="fr-pays-non-aligne-elsewhere"),
    # "question" and "table" about other things
    pytest.param(Case("en", "Paul Verdier said that the question of pensions divides the "
                      "majority.", "the question of pensions", ("assessment", "other"), "none"),
                 id="en-question-of-pensions"),
    pytest.param(Case("fr", "Sophie Marchal a jugé que la question des retraites divisait la "
                      "majorité.", "la question des retraites", ("assessment", "other"), "none"),
                 id="fr-question-des-retraites"),
    pytest.param(Case("en", "Paul Verdier said that his group tabled a bill on farming last "
                      "week.", "tabled a bill on farming", ("other",), "none"),
                 id="en-tabled-a-bill-on-farming"),
    pytest.param(Case("fr", "Sophie Marchal a indiqué que son groupe avait déposé une "
                      "proposition de loi sur l'agriculture.",
                      "proposition de loi sur l'agriculture", ("other",), "none"),
                 id="fr-proposition-de-loi-agriculture"),
    # criticism of an exit proposal is stay
    pytest.param(Case("en", "Paul Verdier said that leaving NATO would be a serious mistake.",
                      "leaving NATO would be a serious mistake", ("assessment",), "stay"),
                 id="en-leaving-would-be-a-mistake"),
    pytest.param(Case("fr", "Sophie Marchal a estimé qu'une sortie de l'Otan serait une grave "
                      "erreur.", "une sortie de l'Otan serait une grave erreur", ("assessment",),
                      "stay"), id="fr-une-sortie-serait-une-erreur"),
    pytest.param(Case("en", "Paul Verdier criticised the plan to take France out of NATO as "
                      "reckless.", "the plan to take France out of NATO",
                      ("accusation", "assessment"), "stay"), id="en-criticise-exit-plan"),
    pytest.param(Case("fr", "Sophie Marchal a critiqué le projet de sortie de l'Otan, qu'elle "
                      "juge irresponsable.", "le projet de sortie de l'Otan",
                      ("accusation", "assessment"), "stay"), id="fr-critiquer-projet-de-sortie"),
    # criticism of the United States with no call to leave is none
    pytest.param(Case("fr", "Sophie Marchal a accusé les États-Unis de bafouer le droit "
                      "international.", "bafouer le droit international", ("accusation",), "none"),
                 id="fr-accuse-the-US-no-exit"),
    pytest.param(Case("en", "Paul Verdier said that the summit will end without an agreement.",
                      "the summit will end without an agreement", ("prediction",), "none"),
                 id="en-will-prediction"),
    pytest.param(Case("fr", "Sophie Marchal a affirmé que le sommet se terminera sans accord.",
                      "le sommet se terminera sans accord", ("prediction",), "none"),
                 id="fr-futur-prediction"),
]


@pytest.mark.parametrize("case", CASES)
def test_kind_and_stance(analyse_text, case: Case) -> None:
    assert case.phrase in case.text
    claims = analyse_text(case.text, case.language).claims
    found = claims[claims["claim_text"].str.contains(case.phrase, regex=False)]
    seen = claims[["speaker", "claim_text", "kind", "nato_stance"]].to_dict("records")
    assert len(found) == 1, seen
    assert found.iloc[0]["kind"] in case.kinds, seen
    assert found.iloc[0]["nato_stance"] == case.stance, seen


# The lists are looked up as sets of a text's word runs, phrases by pattern: each entry must
# be found exactly where its whole-word pattern finds it.
LOOKUP_WORDS = ("otan", "nato", "quitter", "non-aligned", "call for", "l'otan", "sortie",
                "é", "x-", "-t")
LOOKUP_ALPHABET = "otanquiersl'- éx,.«»\n"


@given(st.text(alphabet=LOOKUP_ALPHABET, max_size=40),
       st.sets(st.sampled_from(LOOKUP_WORDS), min_size=1))
def test_the_word_lists_are_found_as_their_whole_word_patterns(text, chosen):
    from analysis.claims.classify import has_any, has_word, words_in

    words = frozenset(chosen)
    expected = {word for word in words if has_word(text, word)}
    assert set(words_in(text, words)) == expected
    assert has_any(text, words) == bool(expected)
    assert has_any(text, tuple(sorted(words))) == bool(expected)


@pytest.mark.parametrize(("text", "found"), [
    ("la france doit quitter l'otan", {"quitter", "l'otan", "otan"}),
    ("une france non-alignée", set()),  # "non-aligned" only as a whole word
    ("he will call for a vote", {"call for"}),
    ("natos and quitters", set()),
])
def test_word_lookup_on_sentences(text, found):
    from analysis.claims.classify import words_in

    assert set(words_in(text, frozenset(LOOKUP_WORDS))) == found
