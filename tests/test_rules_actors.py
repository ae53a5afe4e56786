"""Rule tests for `analysis.actors`: which names are actors, and under which canonical name.

Each case is one or two sentences, the actors (canonical name -> type) the guide finds in
them (tests/gold/README.md, "Actors"), whether those are all the actors, and names that
must not be actors.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

PERSON, PARTY, ORG, STATE = "person", "party", "organisation", "state"


class Case(NamedTuple):
    language: str
    text: str
    actors: dict[str, str]  # canonical name -> actor_type
    only: bool = False  # True: no other actor may be found
    absent: tuple[str, ...] = ()  # names that must not be actors


CASES = [
    # honorifics are not part of a name
    pytest.param(Case("fr", "M. Jean Roux a pris la parole mardi.", {"Jean Roux": PERSON},
                      absent=("M. Jean Roux",)), id="fr-M.-off-the-name"),
    pytest.param(Case("fr", "Mme Claire Fontaine a répondu au ministre.",
                      {"Claire Fontaine": PERSON}, absent=("Mme Claire Fontaine",)),
                 id="fr-Mme-off-the-name"),
    pytest.param(Case("en", "Mr Thomas Hale spoke first in the debate.", {"Thomas Hale": PERSON},
                      absent=("Mr Thomas Hale",)), id="en-Mr-off-the-name"),
    # a name a scan lost its accents on is still its actor
    pytest.param(Case("fr", "La Grece a quitte le commandement integre.", {"Greece": STATE},
                      only=True), id="fr-Grece-sans-accent"),
    pytest.param(Case("en", "Turkiye blocked the return of Greece.",
                      {"Turkey": STATE, "Greece": STATE}, only=True), id="en-Turkiye-no-umlaut"),
    pytest.param(Case("fr", "Le Grec est une langue ancienne.", {}, only=True),
                 id="fr-le-grec-langue-pas-un-etat"),
    # a government stands for its state
    pytest.param(Case("en", "The French government rejected the plan.", {"France": STATE},
                      only=True), id="en-the-French-government-is-France"),
    pytest.param(Case("fr", "Le gouvernement grec a rejeté le plan.", {"Greece": STATE},
                      only=True), id="fr-le-gouvernement-grec-is-Greece"),
    # given name + surname, even rare ones; a city used as a place is no actor
    pytest.param(Case("en", "Priya Okonkwo-Lindqvist spoke in Leeds on Monday.",
                      {"Priya Okonkwo-Lindqvist": PERSON}, only=True),
                 id="en-rare-full-name-city-as-place"),
    pytest.param(Case("fr", "Gwenaëlle Kerbrat-Quéméneur a pris la parole à Lyon lundi.",
                      {"Gwenaëlle Kerbrat-Quéméneur": PERSON}, only=True),
                 id="fr-rare-full-name-city-as-place"),
    pytest.param(Case("en", "Paul Verdier told reporters in Paris that NATO was divided.",
                      {"Paul Verdier": PERSON, "NATO": ORG}, only=True),
                 id="en-told-reporters-in-Paris"),
    pytest.param(Case("fr", "Sophie Marchal s'est exprimée à Lyon sur l'avenir de l'OTAN.",
                      {"Sophie Marchal": PERSON, "NATO": ORG}, only=True),
                 id="fr-s-exprimer-a-Lyon"),
    pytest.param(Case("en", "Paris rejected the plan put forward by Washington.",
                      {"France": STATE, "United States": STATE}), id="en-Paris-as-the-state"),
    pytest.param(Case("fr", "Paris a rejeté le plan de Washington.",
                      {"France": STATE, "United States": STATE}), id="fr-Paris-as-the-state"),
    # an acronym defined in brackets is the full name
    pytest.param(Case("fr", "Le Parti de la souveraineté et du travail (PST) réclame la sortie de "
                      "l'OTAN. Le PST a déposé une motion.",
                      {"Parti de la souveraineté et du travail": PARTY, "NATO": ORG},
                      only=True, absent=("PST",)), id="fr-acronym-in-brackets"),
    pytest.param(Case("en", "The Sovereign Labour Party (SLP) wants Britain out of NATO. The SLP "
                      "tabled a motion on Monday.",
                      {"Sovereign Labour Party": PARTY, "United Kingdom": STATE, "NATO": ORG},
                      only=True, absent=("SLP",)), id="en-acronym-in-brackets"),
    # bodies named by their shape
    pytest.param(Case("en", "The Network for a Sovereign Defence published a report on NATO.",
                      {"Network for a Sovereign Defence": ORG, "NATO": ORG}, only=True),
                 id="en-body-name-Network-for"),
    pytest.param(Case("fr", "Le Centre d'études méditerranéennes de Patras a publié un rapport "
                      "sur l'OTAN.", {"Centre d'études méditerranéennes de Patras": ORG,
                                      "NATO": ORG}, only=True, absent=("Patras",)),
                 id="fr-body-name-Centre-de"),
    # a headline in capitals holds no actors but those it names
    pytest.param(Case("en", "LEAVING NATO: A DEBATE RETURNS\nPaul Verdier spoke on Monday about "
                      "the Alliance.", {"Paul Verdier": PERSON, "NATO": ORG}, only=True),
                 id="en-headline-capitals"),
    pytest.param(Case("fr", "SORTIR DE L'OTAN : LE DÉBAT REVIENT\nSophie Marchal a pris la parole "
                      "lundi sur l'Alliance atlantique.", {"Sophie Marchal": PERSON, "NATO": ORG},
                      only=True), id="fr-headline-capitals"),
    # nationality adjectives alone are no actors
    pytest.param(Case("en", "Turkish officials and American diplomats were furious.", {},
                      only=True), id="en-nationality-adjectives"),
    pytest.param(Case("fr", "Les responsables turcs et les diplomates américains étaient "
                      "furieux.", {}, only=True), id="fr-nationality-adjectives"),
    # scanned text: N.A.T.O. and a word cut at a line end
    pytest.param(Case("en", "France left the integrated com- mand of N.A.T.O. in 1966.",
                      {"France": STATE, "NATO": ORG}, only=True), id="en-ocr-N.A.T.O.-com-mand"),
    pytest.param(Case("fr", "La France a quitté le comman- dement intégré de l'O.T.A.N. en 1966.",
                      {"France": STATE, "NATO": ORG}, only=True),
                 id="fr-ocr-O.T.A.N.-comman-dement"),
    # a Title Case headline, verbs and all, names only actors the alias table knows;
    # a first sentence or a header that is not in Title Case keeps its names
    pytest.param(Case("en", "Italian Sovereigntists Table Motion to Take Italy Out of NATO\n"
                      "Rome lawmakers debated on Tuesday.", {"Italy": STATE},
                      absent=("Italian Sovereigntists Table Motion to Take",)),
                 id="en-title-case-headline"),
    pytest.param(Case("en", "Paul Verdier met Sophie Marchal on Monday in Lyon.",
                      {"Paul Verdier": PERSON, "Sophie Marchal": PERSON}),
                 id="en-first-sentence-of-names-is-no-headline"),
    pytest.param(Case("fr", "Entretien avec Claire Fontaine, députée de la Loire\n"
                      "Elle siège depuis 2022.", {"Claire Fontaine": PERSON}),
                 id="fr-interview-header-keeps-its-name"),
    # after an honorific, capitalised words are a person's name, known given name or not
    pytest.param(Case("en", "The chair called Mr Aled Dunmore and Ms Tamsin Ruddock.",
                      {"Aled Dunmore": PERSON, "Tamsin Ruddock": PERSON}, only=True),
                 id="en-honorific-makes-a-person"),
    pytest.param(Case("fr", "Le président a donné la parole à Mme Nadège Kerbouche.",
                      {"Nadège Kerbouche": PERSON}, only=True),
                 id="fr-honorific-makes-a-person"),
    pytest.param(Case("en", "Mr Speaker, the House has heard the Minister.", {},
                      absent=("Speaker", "Mr Speaker")), id="en-honorific-before-a-title"),
    # a name an acronym in brackets spells out is one body, shouted or not; the acronym
    # alone later is that body
    pytest.param(Case("fr", "COMMUNIQUÉ DU GROUPE ÉCOLOGIE, PAIX ET SOLIDARITÉ (EPS)\n"
                      "Le groupe EPS demande un débat.", {"Écologie, Paix et Solidarité": PARTY},
                      absent=("EPS", "Groupe Écologie", "Solidarité")),
                 id="fr-acronym-spells-out-a-shouted-name"),
    pytest.param(Case("en", "The Union for Neutrality and Peace (UNP) met on Monday. The UNP "
                      "wants a vote.", {"Union for Neutrality and Peace": ORG}, absent=("UNP",)),
                 id="en-acronym-spells-out-a-name"),
    pytest.param(Case("en", "The delegates met in Geneva (GE) on Monday.", {},
                      absent=("Geneva (GE)", "delegates met in Geneva")),
                 id="en-brackets-that-spell-nothing"),
    # a body named like a person ("Radio Fleuve") is a body
    pytest.param(Case("fr", "Elle répondait aux questions de Radio Fleuve mardi.",
                      {"Radio Fleuve": ORG}), id="fr-radio-is-a-body"),
    # one capitalised word after "from" / "in" is a place, not a person
    pytest.param(Case("en", "“We should leave,” said Tiihonen Aaltola, a senator from Kent who "
                      "chairs the committee.", {"Tiihonen Aaltola": PERSON}, absent=("Kent",)),
                 id="en-from-Kent-is-a-place"),
    pytest.param(Case("en", "Paul Verdier spoke first. A letter from Verdier followed.",
                      {"Paul Verdier": PERSON}, only=True), id="en-from-a-known-surname"),
    pytest.param(Case("fr", "« Nous devons partir », a lancé Tiihonen Aaltola, sénateur élu près "
                      "Kuopio.", {"Tiihonen Aaltola": PERSON}, absent=("Kuopio",)),
                 id="fr-pres-de-X-is-a-place"),
]


@pytest.mark.parametrize("case", CASES)
def test_actors(analyse_text, case: Case) -> None:
    table = analyse_text(case.text, case.language).actors
    found = dict(zip(table["actor"], table["actor_type"]))
    if case.only:
        assert found == case.actors
    else:
        assert {actor: found.get(actor) for actor in case.actors} == case.actors, found
    assert not set(case.absent) & set(found), found
