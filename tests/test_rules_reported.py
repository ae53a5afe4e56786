"""Rule tests for `analysis.claims.reported`: reporting verbs and "according to" / "selon".

Each case is a sentence, a phrase of its content, and the speaker of the one claim holding
that phrase (None: no claim may hold it). Expected values come from tests/gold/README.md.
"""

from __future__ import annotations

import pytest

from tests.support import SpeakerCase as Case
from tests.support import check_speaker

CASES = [
    # verbs of saying and of stated judgement
    pytest.param(Case("en", "Paul Verdier argued that France should leave NATO.",
                      "France should leave NATO", "Paul Verdier", "argue"), id="en-argue-that"),
    pytest.param(Case("fr", "Sophie Marchal estime que la France doit quitter l'Otan.",
                      "la France doit quitter l'Otan", "Sophie Marchal", "estimer"),
                 id="fr-estimer-que"),
    # a reporting verb is known by any of its forms, accents aside; a noun of the same
    # word reports nothing
    pytest.param(Case("en", "Paul Verdier told reporters that France should leave NATO.",
                      "France should leave NATO", "Paul Verdier"), id="en-told-that"),
    pytest.param(Case("fr", "Sophie Marchal a declare que la France doit quitter l'Otan.",
                      "la France doit quitter l'Otan", "Sophie Marchal"),
                 id="fr-a-declare-without-accent"),
    pytest.param(Case("en", "The declaration that France would leave NATO came in 1966.",
                      "France would leave NATO", None), id="en-declaration-noun"),
    pytest.param(Case("fr", "Une déclaration commune sur l'Otan a été publiée en 2009.",
                      "sur l'Otan", None), id="fr-declaration-nom"),
    # verbs of making known
    pytest.param(Case("en", "In a letter to Washington, Hugo Lambert made it known that France "
                      "would leave the integrated command.",
                      "France would leave the integrated command", "Hugo Lambert", "make known"),
                 id="en-make-it-known"),
    pytest.param(Case("en", "Hugo Lambert let his allies know that France would not take part "
                      "in the exercise.", "France would not take part in the exercise",
                      "Hugo Lambert"), id="en-let-someone-know"),
    pytest.param(Case("fr", "Dans sa lettre, le général de Gaulle fait savoir que la France "
                      "quitte le commandement intégré.",
                      "la France quitte le commandement intégré", "Charles de Gaulle",
                      "faire savoir"), id="fr-fait-savoir-historical-actor"),
    # according to / selon anywhere, For / Pour opening the sentence
    pytest.param(Case("en", "France should leave NATO's integrated command, according to "
                      "Paul Verdier.", "France should leave NATO's integrated command",
                      "Paul Verdier", "according to"), id="en-according-to-after"),
    pytest.param(Case("fr", "Selon Sophie Marchal, l'Alliance atlantique est devenue inutile.",
                      "l'Alliance atlantique est devenue inutile", "Sophie Marchal", "selon"),
                 id="fr-selon-before"),
    pytest.param(Case("en", "For Paul Verdier, the Alliance has outlived its purpose.",
                      "the Alliance has outlived its purpose", "Paul Verdier"),
                 id="en-for-X-opening"),
    pytest.param(Case("fr", "Pour Sophie Marchal, la France doit quitter l'Otan.",
                      "la France doit quitter l'Otan", "Sophie Marchal"), id="fr-pour-X-opening"),
    pytest.param(Case("en", "According to a diplomat, the summit was a failure.",
                      "the summit was a failure", None), id="en-according-to-anonymous"),
    pytest.param(Case("fr", "Selon les sondages, une majorité veut rester dans l'Otan.",
                      "une majorité veut rester", None), id="fr-selon-no-actor"),
    # verbs of private thought in the third person are no claims
    pytest.param(Case("en", "Paul Verdier thinks that France should leave NATO.",
                      "France should leave NATO", None), id="en-thinks-not-a-claim"),
    pytest.param(Case("en", "Paul Verdier wants France to leave NATO.",
                      "leave NATO", None), id="en-wants-not-a-claim"),
    pytest.param(Case("fr", "Sophie Marchal est sénatrice. Elle pense que la France doit "
                      "quitter l'Otan.", "la France doit quitter l'Otan", None),
                 id="fr-elle-pense-not-a-claim"),
    pytest.param(Case("fr", "Sophie Marchal espère que la France quittera l'Otan.",
                      "la France quittera l'Otan", None), id="fr-espere-not-a-claim"),
    # verbs with no content
    pytest.param(Case("en", "Paul Verdier declined to comment on the plan to leave NATO.",
                      "plan to leave NATO", None), id="en-declined-to-comment"),
    pytest.param(Case("fr", "Sophie Marchal a soutenu l'initiative.", "l'initiative", None),
                 id="fr-soutenir-without-content"),
    pytest.param(Case("fr", "Sophie Marchal n'a pas souhaité réagir.", "réagir", None),
                 id="fr-pas-souhaite-reagir"),
    # questions report nothing
    pytest.param(Case("en", "Did Paul Verdier really say that France should leave NATO?",
                      "France should leave NATO", None), id="en-question"),
    pytest.param(Case("fr", "Sophie Marchal a-t-elle vraiment dit que la France devait quitter "
                      "l'Otan ?", "la France devait quitter l'Otan", None), id="fr-question"),
    # conceding, putting forward, hinting are saying; the same verbs without a clause are not
    pytest.param(Case("fr", "« La sortie serait une erreur », a concédé Ngozi Adebayo-Martin.",
                      "La sortie serait une erreur", "Ngozi Adebayo-Martin", "concéder"),
                 id="fr-a-concede-after-quote"),
    pytest.param(Case("fr", "Kwame Osei-Bonsu a avancé que la France devait quitter l'OTAN.",
                      "la France devait quitter", "Kwame Osei-Bonsu", "avancer"),
                 id="fr-avancer-que"),
    pytest.param(Case("fr", "Kwame Osei-Bonsu a avancé la date du congrès sur l'OTAN.",
                      "la date du congrès", None), id="fr-avancer-une-date-is-no-claim"),
    pytest.param(Case("en", "Ngozi Adebayo hinted that Britain could leave NATO's command.",
                      "Britain could leave", "Ngozi Adebayo", "hint"), id="en-hint-that"),
    pytest.param(Case("en", "Ngozi Adebayo conceded the point and left the NATO debate.",
                      "the point", None), id="en-concede-without-clause-is-no-claim"),
    # "Pour X, sénatrice, « … »": the source's title between commas is not the claim
    pytest.param(Case("fr", "Pour Xiomara Quispe-Huamán, sénatrice écologiste, « l'Alliance est "
                      "obsolète ».", "sénatrice écologiste", None),
                 id="fr-pour-X-title-is-not-the-claim"),
    pytest.param(Case("fr", "Selon Ravindra Pillai-Moreau, général à la retraite, une sortie "
                      "de l'OTAN serait coûteuse.", "une sortie de l'OTAN serait coûteuse",
                      "Ravindra Pillai-Moreau", "selon"), id="fr-selon-X-title-then-claim"),
    pytest.param(Case("en", "According to Ravindra Pillai, a retired general, leaving NATO "
                      "would be costly.", "a retired general", None),
                 id="en-according-to-X-title-is-not-the-claim"),
    # another speaker's report set against the first is theirs, not part of the first claim
    pytest.param(Case("en", "Sofia Reyes said Spain should leave NATO, while Tomás Ibarra replied "
                      "that leaving would be reckless.", "leaving would be reckless",
                      "Tomás Ibarra", "reply"), id="en-while-X-replied-is-X"),
    pytest.param(Case("fr", "Sofia Reyes a jugé que l'Espagne devait quitter l'OTAN, tandis que "
                      "Tomás Ibarra a répliqué qu'un départ serait irresponsable.",
                      "un départ serait irresponsable", "Tomás Ibarra", "répliquer"),
                 id="fr-tandis-que-X-a-replique-is-X"),
    pytest.param(Case("en", "Sofia Reyes said that Spain should leave NATO while the war "
                      "lasts.", "while the war lasts", "Sofia Reyes", "say"),
                 id="en-while-without-a-report-stays"),
    # the source's phrase runs on to its comma
    pytest.param(Case("en", "According to a NATO spokesperson, the alliance respects the French "
                      "debate.", "the alliance respects the French debate", "NATO",
                      "according to"), id="en-according-to-a-NATO-spokesperson"),
    pytest.param(Case("fr", "Selon un porte-parole de l'Otan, l'Alliance respecte le débat "
                      "français.", "l'Alliance respecte le débat français", "NATO", "selon"),
                 id="fr-selon-un-porte-parole-de-l-Otan"),
    # naming something with a quotation says what it is; naming without one says nothing
    pytest.param(Case("en", "Lionel Gaspard went further, calling NATO “an American protection "
                      "racket”.", "an American protection racket", "Lionel Gaspard", "call"),
                 id="en-calling-X-quote"),
    pytest.param(Case("en", "Lionel Gaspard called the NATO summit in Vilnius a success.",
                      "a success", None), id="en-calling-X-without-quote-is-no-claim"),
    pytest.param(Case("fr", "Delphine Arcos a qualifié l'OTAN de « racket américain ».",
                      "racket américain", "Delphine Arcos", "qualifier"),
                 id="fr-qualifier-X-de-citation"),
    # a verb after "after" takes the subject of the verb it follows
    pytest.param(Case("en", "In 1981 Andreas Papandreou won the election after promising to take "
                      "Greece out of NATO.", "to take Greece out of NATO", "Andreas Papandreou",
                      "promise"), id="en-after-promising-to"),
    pytest.param(Case("fr", "En 1981, le socialiste Andreas Papandréou remporte les élections "
                      "après avoir promis de sortir la Grèce de l'OTAN.",
                      "sortir la Grèce de l'OTAN", "Andreas Papandreou", "promettre"),
                 id="fr-apres-avoir-promis-de"),
    # a call's object and the purpose it serves are what is called for
    pytest.param(Case("fr", "Le parti Italia Neutrale a réclamé lundi un référendum pour faire "
                      "sortir l'Italie de l'OTAN.", "un référendum pour faire sortir",
                      "Italia Neutrale", "réclamer"), id="fr-reclamer-X-pour"),
    pytest.param(Case("en", "The Sovereign Left party demanded a referendum to take Portugal out "
                      "of NATO.", "a referendum to take Portugal out", "Sovereign Left",
                      "demand"), id="en-demand-X-to"),
    pytest.param(Case("en", "The Sovereign Left party welcomed the report to the committee.",
                      "the report", None), id="en-object-without-call-is-no-claim"),
    # an attribution after a colon opens a clause of its own; the one before ends there
    pytest.param(Case("fr", "Pour le politiste Yanis Bellamy, ces échanges en disent long : "
                      "selon lui, aucun grand parti n'est prêt à porter une sortie de l'OTAN.",
                      "aucun grand parti n'est prêt", "Yanis Bellamy", "selon"),
                 id="fr-colon-selon-lui"),
    pytest.param(Case("fr", "Pour le politiste Yanis Bellamy, ces échanges en disent long : "
                      "selon lui, aucun grand parti n'est prêt à porter une sortie de l'OTAN.",
                      "ces échanges en disent long", "Yanis Bellamy", "pour"),
                 id="fr-pour-X-ends-at-the-next-attribution"),
    # objecting that is saying; objecting to something is not
    pytest.param(Case("en", "Senator Odile Ferrand objected that leaving NATO would send a "
                      "disastrous signal.", "leaving NATO would send", "Odile Ferrand",
                      "object"), id="en-objected-that"),
    pytest.param(Case("en", "Senator Odile Ferrand objected to the motion on leaving NATO.",
                      "the motion on leaving NATO", None), id="en-objected-to-is-no-claim"),
    pytest.param(Case("fr", "La sénatrice Odile Ferrand m'objectait qu'une sortie de l'OTAN "
                      "enverrait un signal désastreux.", "une sortie de l'OTAN enverrait",
                      "Odile Ferrand", "objecter"), id="fr-m-objectait-que"),
    pytest.param(Case("en", "The vote on leaving NATO came after promising talks between the "
                      "parties.", "talks between the parties", None),
                 id="en-after-promising-without-a-speaker"),
]


@pytest.mark.parametrize("case", CASES)
def test_reported_speech(analyse_text, case: Case) -> None:
    check_speaker(analyse_text, case)
