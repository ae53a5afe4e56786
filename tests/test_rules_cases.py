"""Rule tests for `analysis.cases`: a country joining, leaving or returning to NATO.

Each case is one or two sentences and the exact set of (country, year, action) rows the
guide gives them (tests/gold/README.md, "Case mentions"); leader cases check one row's
leader. Articles are dated 2026-03-01 unless a case says otherwise.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import pytest

JOIN = "join"
OUT = "withdraw_integrated_command"
BACK = "return_integrated_command"
CALL = "leave_alliance_proposal"
OTHER = "other"

Row = tuple[str, int | None, str]


class Case(NamedTuple):
    language: str
    text: str
    rows: set[Row]
    published: str = "2026-03-01"


class LeaderCase(NamedTuple):
    language: str
    text: str
    row: Row
    leader: str
    is_leader: bool = True  # False: this person must not be the row's leader


CASES = [
    # moves: joined, left, returned; one row per country and move
    pytest.param(Case("en", "Greece and Turkey joined NATO in 1952.",
                      {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN)}), id="en-joined-two"),
    pytest.param(Case("fr", "La Grèce et la Turquie ont rejoint l'OTAN en 1952.",
                      {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN)}), id="fr-ont-rejoint-deux"),
    pytest.param(Case("en", "France left NATO's integrated command in 1966 and returned in 2009.",
                      {("France", 1966, OUT), ("France", 2009, BACK)}),
                 id="en-left-and-returned"),
    pytest.param(Case("fr", "La France a quitté le commandement intégré de l'OTAN en 1966 avant "
                      "d'y revenir en 2009.", {("France", 1966, OUT), ("France", 2009, BACK)}),
                 id="fr-quitte-puis-revient"),
    # the mover is the subject or object, not a country in a cause clause
    pytest.param(Case("en", "After the Turkish invasion of Cyprus, Greece left NATO's integrated "
                      "command in 1974.", {("Greece", 1974, OUT)}), id="en-cause-clause-country"),
    pytest.param(Case("fr", "Après l'invasion turque de Chypre, la Grèce quitte le commandement "
                      "intégré en 1974 et le réintègre en 1980.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="fr-cause-clause-country"),
    pytest.param(Case("en", "De Gaulle took France out of NATO's integrated command in 1966.",
                      {("France", 1966, OUT)}), id="en-object-mover"),
    pytest.param(Case("fr", "En 2009, Nicolas Sarkozy réintègre la France dans le commandement "
                      "intégré de l'OTAN.", {("France", 2009, BACK)}), id="fr-object-mover"),
    # only a named country moves: an adjective is not enough
    pytest.param(Case("en", "The Greek withdrawal from NATO's integrated command in 1974 "
                      "answered the Cyprus crisis.", set()), id="en-adjective-only"),
    pytest.param(Case("fr", "Le retrait grec du commandement intégré de l'OTAN en 1974 répondait "
                      "à la crise de Chypre.", set()), id="fr-adjective-only"),
    # years by structure
    pytest.param(Case("en", "Greece's 1974 withdrawal from the integrated command of NATO "
                      "answered the Cyprus crisis.", {("Greece", 1974, OUT)}),
                 id="en-the-1974-withdrawal"),
    pytest.param(Case("fr", "Le retrait de la Grèce du commandement intégré de l'OTAN en 1974 "
                      "répondait à la crise de Chypre.", {("Greece", 1974, OUT)}),
                 id="fr-le-retrait-de-la-Grece-en-1974"),
    pytest.param(Case("en", "France stayed out of NATO's integrated command from 1966 to 2009.",
                      {("France", 1966, OUT), ("France", 2009, BACK)}), id="en-from-1966-to-2009"),
    pytest.param(Case("fr", "La France est restée hors du commandement intégré de l'OTAN de 1966 "
                      "à 2009.", {("France", 1966, OUT), ("France", 2009, BACK)}),
                 id="fr-de-1966-a-2009"),
    pytest.param(Case("en", "Greece left NATO's integrated command in 1974. Six years later, "
                      "Greece returned to the command.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}), id="en-six-years-later"),
    pytest.param(Case("fr", "La Grèce quitte le commandement intégré de l'OTAN en 1974. Six ans "
                      "plus tard, la Grèce le réintègre.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}), id="fr-six-ans-plus-tard"),
    # a relative year counts from the year its own sentence gave, not an earlier move
    pytest.param(Case("en", "France left NATO's command in 1966. Greece walked out in 1974 "
                      "and returned to the integrated command six years later.",
                      {("France", 1966, OUT), ("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-years-later-counts-from-its-own-sentence"),
    pytest.param(Case("fr", "La France a quitté le commandement de l'OTAN en 1966. Sortie en "
                      "1974, la Grèce a réintégré le commandement intégré six ans plus tard.",
                      {("France", 1966, OUT), ("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="fr-ans-plus-tard-compte-depuis-sa-phrase"),
    # "did the same" repeats the move the text told last, by this sentence's subject
    pytest.param(Case("en", "France left NATO's integrated command in 1966. Greece took the same "
                      "step in 1974 and returned six years later on terms of its own.",
                      {("France", 1966, OUT), ("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-took-the-same-step"),
    pytest.param(Case("fr", "La France a quitté le commandement intégré de l'OTAN en 1966. La "
                      "Grèce a fait de même en 1974.",
                      {("France", 1966, OUT), ("Greece", 1974, OUT)}),
                 id="fr-a-fait-de-meme"),
    pytest.param(Case("en", "NATO's summit opened in Vilnius. Greece did the same in 1974.",
                      set()), id="en-the-same-with-no-move-before"),
    # a comparison clause tells what a state did, not a call
    pytest.param(Case("en", "We demand that Belgium withdraw its forces from NATO's integrated "
                      "command, as France did under General de Gaulle.",
                      {("Belgium", 2026, CALL), ("France", None, OUT)}),
                 id="en-as-France-did-is-history"),
    pytest.param(Case("fr", "Nous demandons de préparer la sortie de la Belgique du commandement "
                      "militaire intégré, comme la France l'avait fait sous le général de Gaulle.",
                      {("Belgium", 2026, CALL), ("France", None, OUT)}),
                 id="fr-comme-la-France-l-avait-fait"),
    # a relative pronoun moves the state it hangs on, not another of the sentence
    pytest.param(Case("en", "Unlike Greece, which left NATO's military wing in 1974, Türkiye has "
                      "never chosen a half-measure.", {("Greece", 1974, OUT)}),
                 id="en-which-is-the-state-before"),
    pytest.param(Case("fr", "Contrairement à la Grèce, qui a quitté le commandement intégré de "
                      "l'OTAN en 1974, la Turquie n'a jamais choisi une demi-mesure.",
                      {("Greece", 1974, OUT)}), id="fr-qui-est-l-etat-d-avant"),
    # states that join with the subject
    pytest.param(Case("en", "Greece joined the alliance together with Turkey in 1952.",
                      {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN)}), id="en-together-with"),
    pytest.param(Case("fr", "La Grèce adhère à l'OTAN en 1952 avec la Turquie.",
                      {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN)}), id="fr-avec-la-Turquie"),
    pytest.param(Case("en", "Greece joined NATO in 1952 with the support of the United States.",
                      {("Greece", 1952, JOIN)}), id="en-with-support-is-no-companion"),
    # a referendum on membership: the state the sentence names held it
    pytest.param(Case("en", "In the referendum of 12 March 1986, called by Felipe González, "
                      "Spanish voters chose to keep Spain in the alliance outside its "
                      "integrated command.", {("Spain", 1986, "other")}),
                 id="en-referendum-of-1986"),
    pytest.param(Case("fr", "Lors du référendum du 12 mars 1986 convoqué par Felipe González, "
                      "les Espagnols choisissent de maintenir l'Espagne dans l'OTAN, hors du "
                      "commandement intégré.", {("Spain", 1986, "other")}),
                 id="fr-referendum-de-1986"),
    # "no longer takes part in" the command is a withdrawal; taking part is none
    pytest.param(Case("en", "Since 1 July 1966 France no longer participates in NATO's "
                      "integrated command.", {("France", 1966, OUT)}),
                 id="en-no-longer-participates"),
    pytest.param(Case("fr", "Depuis le 1er juillet 1966, la France ne participe plus au "
                      "commandement intégré de l'OTAN.", {("France", 1966, OUT)}),
                 id="fr-ne-participe-plus"),
    pytest.param(Case("fr", "En août 1974, Athènes signifie à l'Alliance que ses forces ne "
                      "relèvent plus du commandement intégré de l'OTAN.", {("Greece", 1974, OUT)}),
                 id="fr-ses-forces-ne-relevent-plus"),
    pytest.param(Case("en", "Her intervention is an attempt to bring the NATO issue back into "
                      "France's policy apparatus.", set()),
                 id="en-her-intervention-moves-no-state"),
    pytest.param(Case("fr", "Son intervention vise à ramener la question de l'OTAN dans le débat "
                      "politique de la France.", set()), id="fr-son-intervention-ne-deplace-rien"),
    pytest.param(Case("fr", "La France participe pleinement au commandement intégré de l'OTAN "
                      "depuis 2009.", set()), id="fr-participer-is-no-move"),
    # recalling history is history, even after "I would like to"
    pytest.param(Case("en", "I would like to remind the House that France left NATO's "
                      "integrated command in 1966.", {("France", 1966, OUT)}),
                 id="en-remind-is-history"),
    pytest.param(Case("fr", "Je voudrais rappeler que la France avait quitté le commandement "
                      "intégré de l'OTAN en 1966.", {("France", 1966, OUT)}),
                 id="fr-rappeler-is-history"),
    # a call reported with a past modal, or said before a parse that went astray
    pytest.param(Case("fr", "La porte-parole a martelé que la France devait « quitter l'OTAN "
                      "avant la fin du quinquennat ».", {("France", 2026, CALL)}),
                 id="fr-a-martele-que-devait-is-a-call"),
    pytest.param(Case("fr", "Le Mouvement réclame depuis l’automne que Paris quitte de nouveau "
                      "le commandement militaire intégré de l’OTAN.", {("France", 2026, CALL)}),
                 id="fr-reclame-depuis-que-is-a-call"),
    pytest.param(Case("en", "The senator insisted that France should leave NATO's integrated "
                      "command before the next election.", {("France", 2026, CALL)}),
                 id="en-insisted-should-is-a-call"),
    pytest.param(Case("en", "In 1966 de Gaulle judged that France had to leave NATO's "
                      "integrated command.", {("France", 1966, OUT)}),
                 id="en-judged-had-to-is-history"),
    # a timeline's line opens with the year of its entry
    pytest.param(Case("fr", "Chronologie de l'OTAN\n1974 – En août, après l'invasion de Chypre, "
                      "Athènes quitte à son tour la structure militaire de l'OTAN.\n2023 – La "
                      "Finlande entre dans l'Alliance en avril.",
                      {("Greece", 1974, OUT), ("Finland", 2023, JOIN)}), id="fr-chronologie"),
    pytest.param(Case("en", "NATO timeline\n1952: Greece and Turkey join the alliance.\n1982: "
                      "Spain joins NATO in May.", {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN),
                                                   ("Spain", 1982, JOIN)}), id="en-timeline"),
    pytest.param(Case("en", "France left NATO's command in 1966. Its leaders said 2009 - the "
                      "year of the return - would matter.", {("France", 1966, OUT)}),
                 id="en-a-year-inside-a-line-is-no-timeline"),
    # "quitte à son tour" leaves; "quitte à perdre" is "even if"
    pytest.param(Case("fr", "En 1974, la Grèce quitte à son tour le commandement intégré de "
                      "l'OTAN.", {("Greece", 1974, OUT)}), id="fr-quitte-a-son-tour"),
    # taking back something else is no return; "il est temps que" calls
    pytest.param(Case("fr", "Il est temps que la Belgique quitte le commandement intégré de "
                      "l'OTAN et reprenne la main sur ses forces armées.",
                      {("Belgium", 2026, CALL)}),
                 id="fr-reprendre-la-main-is-no-return"),
    pytest.param(Case("fr", "En 2009, la France reprend sa place dans le commandement intégré de "
                      "l'OTAN.", {("France", 2009, BACK)}), id="fr-reprendre-sa-place-dans"),
    pytest.param(Case("en", "In 1966 France left NATO's integrated command and regained full "
                      "control of its forces.", {("France", 1966, OUT)}),
                 id="en-regained-control-is-no-return"),
    # membership is a state of affairs, not a move
    pytest.param(Case("en", "Greece's membership of NATO is not in question, the spokesman said.",
                      set()), id="en-membership-is-no-move"),
    # a withdrawal that lasted from one year to another is a withdrawal and a return
    pytest.param(Case("fr", "La Grèce est sortie du commandement intégré de l'OTAN de 1974 à "
                      "1980.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="fr-sortie-de-1974-a-1980"),
    pytest.param(Case("en", "Greece withdrew from NATO's integrated command between 1974 and "
                      "1980.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-withdrew-between-1974-and-1980"),
    # "not … until" says when, not whether
    pytest.param(Case("en", "Athens walked out of NATO's military structure in 1974 and did not "
                      "return until 1980.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-did-not-return-until"),
    pytest.param(Case("en", "Greece left NATO's integrated command in 1974. Turkey did not "
                      "return to it.", {("Greece", 1974, OUT)}), id="en-did-not-return"),
    # "it" as the subject of a move is the state named last before it
    pytest.param(Case("en", "Italy never came close to the step France took when it left NATO's "
                      "integrated command in 1966.", {("France", 1966, OUT)}),
                 id="en-it-is-the-state-just-before"),
    pytest.param(Case("fr", "L'Italie n'a jamais envisagé le pas que la France a franchi quand "
                      "elle a quitté le commandement intégré de l'OTAN en 1966.",
                      {("France", 1966, OUT)}), id="fr-elle-est-l-etat-juste-avant"),
    pytest.param(Case("en", "France left NATO's integrated command sixty years ago.",
                      {("France", 1966, OUT)}), id="en-sixty-years-ago"),
    pytest.param(Case("fr", "La France a quitté le commandement intégré de l'OTAN il y a "
                      "soixante ans.", {("France", 1966, OUT)}), id="fr-il-y-a-soixante-ans"),
    pytest.param(Case("en", "Today France returns to NATO's integrated command.",
                      {("France", 2009, BACK)}, "2009-03-17"), id="en-today-is-the-header-year"),
    pytest.param(Case("fr", "La France réintègre aujourd'hui le commandement intégré de l'OTAN.",
                      {("France", 2009, BACK)}, "2009-03-17"), id="fr-aujourd-hui-header-year"),
    # calls to leave against history
    pytest.param(Case("en", "Paul Verdier says France should leave NATO.",
                      {("France", 2026, CALL)}), id="en-call-now-takes-the-article-year"),
    pytest.param(Case("fr", "Sophie Marchal réclame la sortie de la France de l'OTAN.",
                      {("France", 2026, CALL)}), id="fr-reclame-la-sortie"),
    pytest.param(Case("en", "In 1981, Andreas Papandreou promised to take Greece out of NATO.",
                      {("Greece", 1981, CALL)}), id="en-past-promise-never-carried-out"),
    pytest.param(Case("fr", "En 1981, Andréas Papandréou promet de sortir la Grèce de l'OTAN.",
                      {("Greece", 1981, CALL)}), id="fr-past-promise-never-carried-out"),
    pytest.param(Case("en", "In 1966, de Gaulle concluded that France had to leave NATO's "
                      "integrated command.", {("France", 1966, OUT)}),
                 id="en-had-to-leave-is-history"),
    pytest.param(Case("en", "In 1966, de Gaulle decided to take France out of NATO's integrated "
                      "command.", {("France", 1966, OUT)}), id="en-decided-is-the-move"),
    pytest.param(Case("fr", "En 1966, de Gaulle décide de retirer la France du commandement "
                      "intégré de l'OTAN.", {("France", 1966, OUT)}), id="fr-decide-is-the-move"),
    pytest.param(Case("fr", "En 1966, de Gaulle jugeait que la France devait quitter le "
                      "commandement intégré de l'OTAN.", {("France", 1966, OUT)}),
                 id="fr-devait-is-history"),
    # hypotheses and negations are no moves
    pytest.param(Case("en", "If France left NATO, it would lose its influence.", set()),
                 id="en-if-France-left"),
    pytest.param(Case("fr", "Si la France quittait l'OTAN, elle perdrait son influence.", set()),
                 id="fr-si-la-France-quittait"),
    pytest.param(Case("en", "France never left NATO itself.", set()), id="en-never-left"),
    pytest.param(Case("fr", "La France n'a jamais quitté l'OTAN.", set()),
                 id="fr-n-a-jamais-quitte"),
    pytest.param(Case("fr", "La Grèce quitte le commandement intégré de l'OTAN en 1974 et n'y "
                      "revient qu'en 1980.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="fr-ne-que-is-not-negation"),
    # NATO's many spellings; other bodies are no NATO
    pytest.param(Case("en", "France left the integrated command of N.A.T.O. in 1966.",
                      {("France", 1966, OUT)}), id="en-N.A.T.O."),
    pytest.param(Case("en", "Greece withdrew from the military wing of Nato in 1974.",
                      {("Greece", 1974, OUT)}), id="en-Nato-military-wing"),
    pytest.param(Case("fr", "La Grèce a quitté l'organisation militaire de l'Otan en 1974.",
                      {("Greece", 1974, OUT)}), id="fr-Otan-organisation-militaire"),
    pytest.param(Case("fr", "La France a quitté le commandement intégré de l'Otan en 1966.",
                      {("France", 1966, OUT)}), id="fr-Otan"),
    pytest.param(Case("fr", "La Grèce se retire des structures militaires intégrées de "
                      "l'O.T.A.N. en 1974.", {("Greece", 1974, OUT)}), id="fr-O.T.A.N."),
    pytest.param(Case("en", "France left the integrated com- mand of NATO in 1966.",
                      {("France", 1966, OUT)}), id="en-ocr-com-mand"),
    pytest.param(Case("en", "Greece joined the European Community in 1981.", set()),
                 id="en-joined-another-body"),
    pytest.param(Case("fr", "L'Espagne a rejoint l'Union européenne en 1986.", set()),
                 id="fr-rejoint-un-autre-organisme"),
    # a vote on staying in: "other"; a vote on something else, or one only demanded, is not
    pytest.param(Case("en", "Spain voted in 1986 to stay in NATO.", {("Spain", 1986, OTHER)}),
                 id="en-voted-to-stay"),
    pytest.param(Case("en", "In March 1986 Spain asked its voters whether to remain in NATO.",
                      {("Spain", 1986, OTHER)}), id="en-asked-voters-whether-to-remain"),
    pytest.param(Case("en", "Spain put its NATO membership to a popular vote in March 1986.",
                      {("Spain", 1986, OTHER)}), id="en-popular-vote-on-membership"),
    pytest.param(Case("en", "In 2025 the Spanish parliament voted the defence budget that NATO "
                      "had asked for.", set()), id="en-voted-a-budget-is-no-case"),
    pytest.param(Case("en", "The party demanded a referendum on taking Portugal out of NATO.",
                      {("Portugal", 2026, CALL)}), id="en-demanded-referendum-is-the-call"),
    pytest.param(Case("fr", "Le 12 mars 1986, l'Espagne votait par référendum son maintien dans "
                      "l'OTAN.", {("Spain", 1986, OTHER)}), id="fr-votait-son-maintien"),
    pytest.param(Case("fr", "En 1986, l'Espagne a interrogé ses citoyens sur son appartenance à "
                      "l'Alliance.", {("Spain", 1986, OTHER)}), id="fr-interroge-ses-citoyens"),
    pytest.param(Case("fr", "L'Espagne confirme son appartenance à l'OTAN par référendum en "
                      "1986.", {("Spain", 1986, OTHER)}), id="fr-par-referendum"),
    pytest.param(Case("fr", "En 2025, les députés espagnols ont voté le budget de la défense, que "
                      "l'OTAN a salué.", set()), id="fr-vote-du-budget-sans-cas"),
    pytest.param(Case("fr", "Ce que le référendum espagnol de 1986 peut apprendre à la France.",
                      set()), id="fr-referendum-espagnol-pas-francais"),
    pytest.param(Case("fr", "Le parti a réclamé un référendum pour faire sortir l'Italie de "
                      "l'OTAN.", {("Italy", 2026, CALL)}), id="fr-referendum-reclame-est-l-appel"),
    # a move told after "N years after" came N years before its clause's year; a move
    # N years after an event counts from that event's year
    pytest.param(Case("en", "Athens rejoined the integrated command in 1980, six years after "
                      "Karamanlis pulled Greece out of it.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-years-after-an-earlier-move"),
    pytest.param(Case("en", "Greece rejoined the integrated command in 1980, six years after its "
                      "1974 withdrawal.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-years-after-a-dated-move"),
    pytest.param(Case("en", "De Gaulle took France out of NATO's integrated command in 1966. "
                      "Forty-three years after the letter, Nicolas Sarkozy brought France back "
                      "into the command.", {("France", 1966, OUT), ("France", 2009, BACK)}),
                 id="en-return-years-after-the-withdrawal"),
    pytest.param(Case("en", "Greece left NATO's integrated command in 1974. Six years after the "
                      "invasion of Cyprus, Athens wrote to NATO again.", {("Greece", 1974, OUT)}),
                 id="en-years-after-no-move"),
    pytest.param(Case("fr", "En 1980, six ans après que Caramanlis eut retiré la Grèce du "
                      "commandement intégré de l'OTAN, Athènes y revient.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="fr-ans-apres-un-depart"),
    pytest.param(Case("fr", "De Gaulle retire la France du commandement intégré de l'OTAN en "
                      "1966. Quarante-trois ans après la lettre du Général, Nicolas Sarkozy "
                      "ramène la France dans le commandement intégré.",
                      {("France", 1966, OUT), ("France", 2009, BACK)}),
                 id="fr-retour-ans-apres-le-depart"),
    pytest.param(Case("fr", "Six ans après l'invasion turque de Chypre, la Grèce réintègre le "
                      "commandement intégré de l'OTAN en 1980.", {("Greece", 1980, BACK)}),
                 id="fr-ans-apres-un-evenement-date"),
    # a pair of years belongs to one move's countries, not to a year another move holds
    pytest.param(Case("en", "Greece, which joined NATO in 1952 alongside Turkey, withdrew from "
                      "the integrated structure in 1974.",
                      {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN), ("Greece", 1974, OUT)}),
                 id="en-companion-keeps-its-move-year"),
    pytest.param(Case("en", "Finland, in 2023, and Sweden, in 2024, joined NATO.",
                      {("Finland", 2023, JOIN), ("Sweden", 2024, JOIN)}),
                 id="en-paired-years"),
    pytest.param(Case("fr", "La Finlande et la Suède ont rejoint l'OTAN en 2023 et 2024.",
                      {("Finland", 2023, JOIN), ("Sweden", 2024, JOIN)}), id="fr-annees-paires"),
    # "take its full place in" the command is a return; "take place" is not
    pytest.param(Case("en", "In March 2009 Sarkozy announced that France would resume its full "
                      "place in NATO's integrated command.", {("France", 2009, BACK)}),
                 id="en-resume-its-place"),
    pytest.param(Case("en", "In 2009 France took its full place in NATO's military structures.",
                      {("France", 2009, BACK)}), id="en-take-its-place"),
    pytest.param(Case("en", "In 2009 the NATO summit with France took place in Strasbourg.",
                      set()), id="en-took-place-is-no-move"),
    pytest.param(Case("fr", "En 2009, la France prend toute sa place dans les structures "
                      "militaires de l'OTAN.", {("France", 2009, BACK)}), id="fr-prend-sa-place"),
    pytest.param(Case("fr", "Le sommet de l'OTAN a pris place en France en 2009.", set()),
                 id="fr-pris-place-sans-retour"),
    # no longer placing or assigning forces under the command is a withdrawal
    pytest.param(Case("en", "In 1966, France would no longer place its forces under NATO "
                      "command.", {("France", 1966, OUT)}), id="en-no-longer-place-forces"),
    pytest.param(Case("en", "In 1966 de Gaulle told Johnson that France would stop assigning its "
                      "troops to NATO's allied command.", {("France", 1966, OUT)}),
                 id="en-stop-assigning-troops"),
    pytest.param(Case("en", "France still places its forces under NATO command.", set()),
                 id="en-places-forces-still"),
    pytest.param(Case("fr", "En 1966, la France cesse de placer ses forces sous le commandement "
                      "intégré de l'OTAN.", {("France", 1966, OUT)}), id="fr-cesse-de-placer"),
    pytest.param(Case("fr", "La France place ses forces sous le commandement intégré de l'OTAN.",
                      set()), id="fr-place-ses-forces"),
    # a perfect tense or a relative clause on a person is history, not a call
    pytest.param(Case("fr", "Le collectif appelle à la sortie de la France du commandement "
                      "intégré, que le pays avait quitté en 1966 avant de le réintégrer en "
                      "2009.", {("France", 2026, CALL), ("France", 1966, OUT),
                                ("France", 2009, BACK)}), id="fr-plus-que-parfait-histoire"),
    pytest.param(Case("en", "The group calls for France to leave the command, which the country "
                      "had left in 1966.", {("France", 2026, CALL), ("France", 1966, OUT)}),
                 id="en-pluperfect-history"),
    pytest.param(Case("fr", "Le parti se réclame du général de Gaulle, qui fit sortir la France "
                      "du commandement intégré en 1966.", {("France", 1966, OUT)}),
                 id="fr-relative-sur-une-personne"),
    pytest.param(Case("en", "The party draws on de Gaulle, who took France out of the "
                      "integrated command in 1966.", {("France", 1966, OUT)}),
                 id="en-relative-on-a-person"),
    pytest.param(Case("en", "Deputies tabled a resolution in the National Assembly that would "
                      "take France out of NATO's integrated military command.",
                      {("France", 2026, CALL)}), id="en-relative-on-a-resolution"),
    pytest.param(Case("fr", "Les députés ont déposé une résolution qui ferait sortir la France "
                      "du commandement intégré de l'OTAN.", {("France", 2026, CALL)}),
                 id="fr-relative-sur-une-resolution"),
    # a call addressed to a state: that state moves
    pytest.param(Case("en", "A Greek opposition MP has called on Athens to leave NATO's "
                      "integrated military command.", {("Greece", 2026, CALL)}),
                 id="en-called-on-athens"),
    pytest.param(Case("en", "The minister called on the allies to leave Afghanistan.", set()),
                 id="en-called-on-no-state"),
    pytest.param(Case("fr", "Le député demande à la France de quitter l'OTAN.",
                      {("France", 2026, CALL)}), id="fr-demande-a-la-France"),
    pytest.param(Case("fr", "Le député demande à ses collègues de quitter l'hémicycle.", set()),
                 id="fr-demande-sans-etat"),
    pytest.param(Case("en", "We ask the Government to notify Washington, as the treaty provides, "
                      "and to leave NATO within the year.", set()),
                 id="en-state-named-in-the-call-but-not-asked"),
    # an act in the infinitive under a call is what the call asks for; a recalling is history
    pytest.param(Case("en", "We call on the President to announce at the summit that France will "
                      "leave NATO's integrated military command.", {("France", 2026, CALL)}),
                 id="en-call-to-announce"),
    pytest.param(Case("en", "In 1966 de Gaulle decided that France would leave NATO's integrated "
                      "command.", {("France", 1966, OUT)}), id="en-decided-is-history"),
    pytest.param(Case("fr", "Nous appelons le président de la République à annoncer au prochain "
                      "sommet que la France quittera le commandement intégré de l'OTAN.",
                      {("France", 2026, CALL)}), id="fr-appel-a-annoncer"),
    pytest.param(Case("fr", "Je voudrais rappeler que la France avait quitté le commandement "
                      "intégré de l'OTAN en 1966.", {("France", 1966, OUT)}),
                 id="fr-vouloir-rappeler-est-histoire"),
    # a government or party to come that "would take" a state out, as a speaker says: a plan
    pytest.param(Case("en", "Mr. Costas Vourakis said that a Pasok government would take "
                      "Greece out of the Alliance altogether.", {("Greece", 2026, CALL)}),
                 id="en-reported-plan"),
    pytest.param(Case("fr", "Le député a déclaré qu'un gouvernement du PASOK ferait sortir la "
                      "Grèce de l'OTAN.", {("Greece", 2026, CALL)}), id="fr-projet-rapporte"),
    pytest.param(Case("en", "In 1966 de Gaulle told Johnson that France would stop assigning its "
                      "troops to NATO's allied command.", {("France", 1966, OUT)}),
                 id="en-reported-history-not-a-plan"),
    pytest.param(Case("fr", "Si la France quittait l'OTAN, elle perdrait son influence.", set()),
                 id="fr-hypothese-pas-un-projet"),
    # a year after "comme" / "as in" is a comparison, not the call's year
    pytest.param(Case("fr", "Il est temps que la France quitte l'OTAN, et pas seulement son "
                      "commandement intégré comme en 1966.", {("France", 2026, CALL)}),
                 id="fr-comme-en-1966-pas-l-annee-de-l-appel"),
    pytest.param(Case("en", "It is time for France to leave NATO altogether, not just its "
                      "integrated command as in 1966.", {("France", 2026, CALL)}),
                 id="en-as-in-1966-not-the-call-year"),
    pytest.param(Case("en", "In 1981 Andreas Papandreou promised to take Greece out of NATO.",
                      {("Greece", 1981, CALL)}), id="en-dated-promise"),
    # a participle that describes its noun is no move; "outside" a state one stays in is none
    pytest.param(Case("fr", "La Grèce avait quitté la structure militaire intégrée le 14 août "
                      "1974.", {("Greece", 1974, OUT)}), id="fr-structure-integree-decrit"),
    pytest.param(Case("fr", "Les Espagnols ont voté en 1986 pour rester dans l'OTAN, hors de sa "
                      "structure militaire.", set()), id="fr-rester-hors-de-la-structure"),
    pytest.param(Case("en", "Spain voted in 1986 to stay in NATO, outside of its integrated "
                      "military structure.", {("Spain", 1986, OTHER)}),
                 id="en-stay-outside-of-the-structure"),
    pytest.param(Case("en", "The party wants France out of NATO's integrated command.",
                      {("France", 2026, CALL)}), id="en-wants-france-out"),
    # an intent denied is no move; a state left behind does not move
    pytest.param(Case("en", "France, which left the integrated command in 1966, has shown no "
                      "sign of returning to it.", {("France", 1966, OUT)}),
                 id="en-no-sign-of-returning"),
    pytest.param(Case("en", "Paris shows every sign of returning to NATO's integrated command in "
                      "2009.", {("France", 2009, BACK)}), id="en-every-sign-of-returning"),
    pytest.param(Case("fr", "La France, qui a quitté en 1966 le commandement intégré de l'OTAN, "
                      "n'a pas manifesté l'intention d'y revenir.", {("France", 1966, OUT)}),
                 id="fr-pas-l-intention-d-y-revenir"),
    pytest.param(Case("fr", "La France n'a aucune intention de quitter l'OTAN.", set()),
                 id="fr-aucune-intention"),
    pytest.param(Case("en", "Greece's return leaves France as the only member outside NATO's "
                      "integrated command.", {("Greece", None, BACK)}),
                 id="en-leaves-france-as-the-only-member"),
    pytest.param(Case("fr", "Caramanlis avait retire la Grece de l'organisation militaire "
                      "integree le 14 aout 1974.", {("Greece", 1974, OUT)}),
                 id="fr-scan-retire-la-grece-integree-le"),
    # among the founders or signatories: a join
    pytest.param(Case("fr", "Le 4 avril 1949, la Belgique et la France figurent parmi les douze "
                      "signataires du traité de l'Atlantique Nord.",
                      {("Belgium", 1949, JOIN), ("France", 1949, JOIN)}),
                 id="fr-parmi-les-signataires"),
    pytest.param(Case("fr", "La Belgique figurait en 1949 parmi les États fondateurs de "
                      "l'Alliance atlantique.", {("Belgium", 1949, JOIN)}),
                 id="fr-parmi-les-etats-fondateurs"),
    pytest.param(Case("en", "Belgium and France were among the twelve signatories of the North "
                      "Atlantic Treaty in April 1949.",
                      {("Belgium", 1949, JOIN), ("France", 1949, JOIN)}),
                 id="en-among-the-signatories"),
    pytest.param(Case("en", "France is among the allies that criticise NATO.", set()),
                 id="en-among-critics-no-join"),
    pytest.param(Case("fr", "La France figure parmi les pays signataires de l'accord de Paris sur "
                      "le climat, que l'OTAN a salué.", set()),
                 id="fr-signataire-d-un-autre-accord"),
    # "that year", "la même année": the year written last before the sentence
    pytest.param(Case("en", "Greece's break came in the summer of 1974. In August of that year, "
                      "Karamanlis announced that Greece was pulling its forces out of NATO's "
                      "integrated military structure.", {("Greece", 1974, OUT)}),
                 id="en-that-year"),
    pytest.param(Case("fr", "La crise de Chypre éclate en 1974. La même année, la Grèce quitte le "
                      "commandement intégré de l'OTAN.", {("Greece", 1974, OUT)}),
                 id="fr-la-meme-annee"),
    pytest.param(Case("en", "Greece left NATO's integrated command in 1974. That decision still "
                      "divides Athens.", {("Greece", 1974, OUT)}), id="en-that-decision-no-year"),
    # a call word before a colon tells what follows the colon, unless the colon opens its
    # object
    pytest.param(Case("fr", "Le précédent grec devrait faire réfléchir : sortie de la structure "
                      "militaire de l'OTAN en 1974, Athènes a dû négocier son retour.",
                      {("Greece", 1974, OUT), ("Greece", None, BACK)}),
                 id="fr-appel-avant-deux-points"),
    pytest.param(Case("en", "The Greek precedent should give pause: out of NATO's military "
                      "structure in 1974, Athens had to negotiate its return.",
                      {("Greece", 1974, OUT), ("Greece", None, BACK)}),
                 id="en-call-before-colon"),
    pytest.param(Case("en", "The party demands: France must leave NATO.", {("France", 2026, CALL)}),
                 id="en-demands-colon-object"),
    # a move the parser joins to an object is no part of what is taken back, and moves
    # the subject of the verb above
    pytest.param(Case("fr", "Le 7 mars 1966, le Général fait savoir que la France reprend "
                      "l'entière disposition de ses forces et se retire de l'organisation "
                      "militaire intégrée.", {("France", 1966, OUT)}),
                 id="fr-reprend-la-disposition-et-se-retire"),
    pytest.param(Case("en", "On 7 March 1966 de Gaulle wrote that France was regaining full "
                      "control of its forces and leaving NATO's integrated command.",
                      {("France", 1966, OUT)}), id="en-regaining-control-and-leaving"),
    pytest.param(Case("fr", "En 2009, la France reprend toute sa place dans le commandement "
                      "intégré de l'OTAN.", {("France", 2009, BACK)}),
                 id="fr-reprend-sa-place-seule"),
    # a return after a wait of N years: N years after the withdrawal told
    pytest.param(Case("fr", "La Grèce, qui avait quitté le commandement intégré de l'OTAN en "
                      "1974, a mis six ans à y revenir.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}), id="fr-mis-six-ans"),
    pytest.param(Case("fr", "De Gaulle retire la France du commandement intégré en 1966. Il aura "
                      "fallu attendre quarante-trois ans pour que Nicolas Sarkozy ramène la "
                      "France dans le commandement.",
                      {("France", 1966, OUT), ("France", 2009, BACK)}),
                 id="fr-attendre-quarante-trois-ans"),
    pytest.param(Case("en", "Greece, which left NATO's integrated command in 1974, took six "
                      "years to return.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-took-six-years-to-return"),
    pytest.param(Case("fr", "Le parti a mis six ans à obtenir le retour de la France dans le "
                      "commandement intégré de l'OTAN.", {("France", None, BACK)}),
                 id="fr-attente-sans-depart-date"),
    # a call's year relative to the moves told before
    pytest.param(Case("en", "Greece rejoined NATO's integrated command in 1980. A year later, "
                      "Andreas Papandreou promised to take Greece out of NATO.",
                      {("Greece", 1980, BACK), ("Greece", 1981, CALL)}),
                 id="en-call-a-year-later"),
    pytest.param(Case("fr", "La Grèce réintègre le commandement intégré de l'OTAN en 1980. Un an "
                      "plus tard, Andréas Papandréou gagnait les élections après avoir promis de "
                      "sortir la Grèce de l'OTAN.",
                      {("Greece", 1980, BACK), ("Greece", 1981, CALL)}),
                 id="fr-appel-un-an-plus-tard"),
    # a move whose subject is a bill or a resolution is a call
    pytest.param(Case("en", "Your bill would take Spain out of NATO's integrated command.",
                      {("Spain", 2026, CALL)}), id="en-bill-as-subject"),
    pytest.param(Case("en", "The decision of 1966 took France out of NATO's integrated command.",
                      {("France", 1966, OUT)}), id="en-decision-as-subject-is-history"),
    pytest.param(Case("fr", "La proposition de loi ferait sortir la France du commandement "
                      "intégré de l'OTAN.", {("France", 2026, CALL)}),
                 id="fr-proposition-sujet"),
    # a day and month with no year, a few weeks before a dated report: the report's year
    pytest.param(Case("en", "De Gaulle made it known on March 7 that France intended to leave "
                      "NATO's integrated military organisation.", {("France", 1966, OUT)},
                      "1966-03-31"), id="en-recent-day-month"),
    pytest.param(Case("en", "France left NATO's integrated command on 1 July.",
                      {("France", None, OUT)}, "2026-01-14"), id="en-distant-day-month"),
    pytest.param(Case("fr", "Le 14 août, la Grèce a quitté le commandement intégré de l'OTAN.",
                      {("Greece", 1974, OUT)}, "1974-08-15"), id="fr-jour-mois-recent"),
    pytest.param(Case("fr", "Le 14 août, la Grèce a quitté le commandement intégré de l'OTAN.",
                      {("Greece", None, OUT)}, "1975-01-10"), id="fr-jour-mois-lointain"),
    # an item of a list that a line of demands introduces is a call
    pytest.param(Case("en", "Our demands are the following:\n\n1. The withdrawal of France from "
                      "NATO's integrated command.\n2. A debate in the National Assembly.",
                      {("France", 2026, CALL)}), id="en-listed-demand"),
    pytest.param(Case("en", "The key dates are the following:\n\n1. The withdrawal of France "
                      "from NATO's integrated command in 1966.\n2. Its return in 2009.",
                      {("France", 1966, OUT)}), id="en-listed-dates-no-demand"),
    pytest.param(Case("fr", "Nous demandons :\n\n- la sortie de la France du commandement "
                      "intégré de l'OTAN ;\n- un débat au Parlement.", {("France", 2026, CALL)}),
                 id="fr-liste-de-demandes"),
    pytest.param(Case("fr", "Les dates clés :\n\n1. La sortie de la France du commandement "
                      "intégré de l'OTAN en 1966.\n2. Son retour.", {("France", 1966, OUT)}),
                 id="fr-liste-de-dates"),
    # a participle the French model mis-tags is still a move; "n'a … qu'en" is no negation
    pytest.param(Case("fr", "En 2009 la France a réintégré le commandement intégré sans que le "
                      "peuple ait jamais été consulté.", {("France", 2009, BACK)}),
                 id="fr-a-reintegre-mal-etiquete"),
    pytest.param(Case("fr", "Paris n'a réintégré le commandement de l'OTAN qu'en 2009.",
                      {("France", 2009, BACK)}), id="fr-n-a-reintegre-qu-en"),
    # "and was back": a return sharing the withdrawal's subject; "back at the table" is not
    pytest.param(Case("en", "Greece walked out of NATO's command in 1974 and was back six years "
                      "later.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-and-was-back"),
    pytest.param(Case("en", "Greece left NATO's command in 1974 and was back at the table within "
                      "weeks.", {("Greece", 1974, OUT)}), id="en-back-at-the-table"),
    # a weekday in a dated report gives the publication year, like "today"
    pytest.param(Case("en", "Greece rejoined NATO's integrated command on Monday.",
                      {("Greece", 1980, BACK)}, "1980-10-21"), id="en-weekday-publication-year"),
    pytest.param(Case("fr", "La Grèce a réintégré lundi le commandement intégré de l'OTAN.",
                      {("Greece", 1980, BACK)}, "1980-10-21"), id="fr-jour-annee-de-parution"),
    pytest.param(Case("en", "Greece will rejoin NATO's integrated command on Monday.", set()),
                 id="en-weekday-forecast-no-move"),
    # a state that blocks a move does not make it
    pytest.param(Case("en", "Ankara, which had blocked the return of NATO forces for two years, "
                      "raised no objection.", set()), id="en-blocked-the-return"),
    pytest.param(Case("fr", "Ankara, qui bloquait ce retour dans l'OTAN, a levé son veto.", set()),
                 id="fr-bloquait-ce-retour"),
    pytest.param(Case("en", "Turkey returned to NATO's integrated command in 1980.",
                      {("Turkey", 1980, BACK)}), id="en-returned-not-blocked"),
    # a companion of a move is named inside its clause
    pytest.param(Case("en", "Estonia, which joined NATO in 2004, shares a long border with "
                      "Russia.", {("Estonia", 2004, JOIN)}), id="en-with-after-the-clause"),
    pytest.param(Case("fr", "L'Estonie, qui a rejoint l'OTAN en 2004, partage une longue "
                      "frontière avec la Russie.", {("Estonia", 2004, JOIN)}),
                 id="fr-avec-apres-la-relative"),
    pytest.param(Case("fr", "La Grèce adhère à l'OTAN en 1952, aux côtés de la Turquie.",
                      {("Greece", 1952, JOIN), ("Turkey", 1952, JOIN)}),
                 id="fr-aux-cotes-de"),
    # a participle set beside a state, between commas, is that state's move
    pytest.param(Case("fr", "L'Espagne, entrée dans l'OTAN le 30 mai 1982, choisit une troisième "
                      "voie.", {("Spain", 1982, JOIN)}), id="fr-participe-apposé"),
    pytest.param(Case("en", "Spain, admitted to NATO in 1982, held a referendum on its "
                      "membership in 1986.", {("Spain", 1982, JOIN), ("Spain", 1986, OTHER)}),
                 id="en-participle-beside-and-held-in"),
    pytest.param(Case("fr", "Selon la France, entrée en campagne en 2024, le sujet est clos.",
                      set()), id="fr-participe-sans-otan"),
    # a headline in capitals is read like any sentence
    pytest.param(Case("en", "GREECE BACK IN N.A.T.O. COMMAND AFTER SIX YEARS",
                      {("Greece", None, BACK)}), id="en-shouted-headline"),
    pytest.param(Case("fr", "LA GRECE REINTEGRE L'ORGANISATION MILITAIRE DE L'O.T.A.N.",
                      {("Greece", None, BACK)}), id="fr-titre-en-capitales"),
    pytest.param(Case("en", "GREECE HOSTS NATO NAVAL EXERCISE OFF CRETE", set()),
                 id="en-shouted-headline-no-move"),
    # a gerund after "after" shares its clause's subject
    pytest.param(Case("en", "Greece rejoined NATO's integrated command in 1980, six years after "
                      "withdrawing in protest.", {("Greece", 1974, OUT), ("Greece", 1980, BACK)}),
                 id="en-after-withdrawing"),
    pytest.param(Case("fr", "En 1974, la Grèce a quitté le commandement intégré de l'OTAN en "
                      "signe de protestation.", {("Greece", 1974, OUT)}),
                 id="fr-en-signe-de-protestation"),
    # the move tests start from the words of their lists: by form, lemma, form without
    # accents or French stem; a sentence about NATO with none of them has no move
    pytest.param(Case("en", "Spain joined NATO in 1982.", {("Spain", 1982, JOIN)}),
                 id="en-move-word-by-form"),
    pytest.param(Case("en", "In 1982 the Spanish delegation walked through Brussels to NATO "
                      "headquarters.", set()), id="en-no-move-word"),
    pytest.param(Case("fr", "L'Espagne a adhéré à l'OTAN en 1982.", {("Spain", 1982, JOIN)}),
                 id="fr-move-word-by-lemma"),
    pytest.param(Case("fr", "L'Espagne a adhere a l'OTAN en 1982.", {("Spain", 1982, JOIN)}),
                 id="fr-move-word-without-accents"),
    pytest.param(Case("fr", "En 1982, la délégation espagnole a traversé Bruxelles jusqu'au "
                      "siège de l'OTAN.", set()), id="fr-no-move-word"),
    # scans without accents, with runs of spaces
    pytest.param(Case("fr", "Six ans apres son depart de 1974, la Grece a reintegre aujourd'hui "
                      "l'organisation militaire de l'O.T.A.N.",
                      {("Greece", 1974, OUT), ("Greece", 1980, BACK)}, "1980-10-21"),
                 id="fr-scan-sans-accents"),
    pytest.param(Case("fr", "En 1974, la Grece retirait ses forces du commandement   intégré de "
                      "l'O.T.A.N.", {("Greece", 1974, OUT)}), id="fr-scan-espaces-integre"),
    pytest.param(Case("fr", "La Grece integre l'OTAN en 1952.", {("Greece", 1952, JOIN)}),
                 id="fr-scan-integre-verbe"),
    pytest.param(Case("en", "In 1974 Greece withdrew from the integrated   command of N.A.T.O.",
                      {("Greece", 1974, OUT)}), id="en-scan-spaces"),
]

LEADERS = [
    pytest.param(LeaderCase("en", "France left NATO's integrated command in 1966 under de Gaulle.",
                            ("France", 1966, OUT), "Charles de Gaulle"), id="en-under-de-Gaulle"),
    pytest.param(LeaderCase("fr", "Sous de Gaulle, la France quitte le commandement intégré de "
                            "l'OTAN en 1966.", ("France", 1966, OUT), "Charles de Gaulle"),
                 id="fr-sous-de-Gaulle"),
    pytest.param(LeaderCase("en", "President Sarkozy brought France back into NATO's integrated "
                            "command in 2009.", ("France", 2009, BACK), "Nicolas Sarkozy"),
                 id="en-subject-brings-the-country-back"),
    pytest.param(LeaderCase("fr", "En 2009, Nicolas Sarkozy réintègre la France dans le "
                            "commandement intégré de l'OTAN.", ("France", 2009, BACK),
                            "Nicolas Sarkozy"), id="fr-subject-reintegre-la-France"),
    pytest.param(LeaderCase("en", "Paul Verdier says France should leave NATO.",
                            ("France", 2026, CALL), "Paul Verdier"), id="en-caller-leads-a-call"),
    pytest.param(LeaderCase("fr", "Sophie Marchal réclame la sortie de la France de l'OTAN.",
                            ("France", 2026, CALL), "Sophie Marchal"), id="fr-caller-leads-a-call"),
    pytest.param(LeaderCase("en", "Paul Verdier argued that France had left NATO's integrated "
                            "command in 1966.", ("France", 1966, OUT), "Paul Verdier", False),
                 id="en-retelling-history-is-no-leader"),
    pytest.param(LeaderCase("fr", "Sophie Marchal a rappelé que la France avait quitté le "
                            "commandement intégré de l'OTAN en 1966.", ("France", 1966, OUT),
                            "Sophie Marchal", False), id="fr-retelling-history-is-no-leader"),
]


def _rows(tables) -> list[tuple[str, int | None, str, str]]:
    return [(row.country, None if pd.isna(row.year) else int(row.year), row.action, row.leader)
            for row in tables.case_mentions.itertuples()]


@pytest.mark.parametrize("case", CASES)
def test_case_rows(analyse_text, case: Case) -> None:
    rows = _rows(analyse_text(case.text, case.language, published=case.published))
    assert {row[:3] for row in rows} == case.rows, rows


@pytest.mark.parametrize("case", LEADERS)
def test_leader(analyse_text, case: LeaderCase) -> None:
    rows = _rows(analyse_text(case.text, case.language))
    leaders = [row[3] for row in rows if row[:3] == case.row]
    assert len(leaders) == 1, rows
    assert (leaders[0] == case.leader) is case.is_leader, rows
