"""Rule tests for `analysis.claims.speakers`: which actor a subject, pronoun or title is.

Each case is one or two sentences, a phrase of a claim's content, and the speaker of the
one claim holding that phrase (None: an anonymous speaker, so no claim may hold it).
Expected values come from tests/gold/README.md.
"""

from __future__ import annotations

import pytest

from tests.support import SpeakerCase as Case
from tests.support import check_speaker

CASES = [
    # names: a full name, then the surname alone
    pytest.param(Case("en", "Paul Verdier is a senator. Verdier argued that the Alliance had "
                      "lost its purpose.", "the Alliance had lost its purpose", "Paul Verdier"),
                 id="en-surname-is-the-full-name"),
    pytest.param(Case("fr", "Sophie Marchal est sénatrice. Marchal a affirmé que l'Alliance "
                      "avait perdu sa raison d'être.", "l'Alliance avait perdu",
                      "Sophie Marchal"), id="fr-surname-is-the-full-name"),
    # an inverted verb after a quotation: the name right after it, not the last one before
    pytest.param(Case("en", "Anne Leroy opened the debate. \u201cThe Alliance has lost its "
                      "purpose,\u201d said Paul Verdier, a senator from the Loire who once "
                      "chaired the defence committee.", "The Alliance has lost its purpose",
                      "Paul Verdier"), id="en-inverted-said-X-a-senator-who"),
    pytest.param(Case("fr", "Jean Roux a ouvert le débat. \u00ab\u00a0L'Alliance a perdu sa "
                      "raison d'être\u00a0\u00bb, a déclaré mardi Sophie Marchal, sénatrice de "
                      "la Loire qui préside la commission de la défense.",
                      "L'Alliance a perdu sa raison d'être", "Sophie Marchal"),
                 id="fr-inverted-a-declare-mardi-X"),
    # pronouns take the nearest actor of their gender
    pytest.param(Case("en", "Paul Verdier met Sophie Marchal on Monday. She said that France "
                      "should leave NATO.", "France should leave NATO", "Sophie Marchal"),
                 id="en-she-skips-the-man"),
    pytest.param(Case("en", "Sophie Marchal met Paul Verdier on Monday. He said that France "
                      "should stay in NATO.", "France should stay in NATO", "Paul Verdier"),
                 id="en-he-skips-the-woman"),
    pytest.param(Case("fr", "Sophie Marchal a rencontré Paul Verdier lundi. Il a déclaré que la "
                      "France devait rester dans l'Otan.", "la France devait rester",
                      "Paul Verdier"), id="fr-il-skips-the-woman"),
    pytest.param(Case("fr", "Paul Verdier a rencontré Sophie Marchal lundi. Elle a dénoncé "
                      "l'inaction du gouvernement face à l'Otan.", "l'inaction du gouvernement",
                      "Sophie Marchal"), id="fr-elle-skips-the-man"),
    # titles and descriptions: a recent person whose roles share the words
    pytest.param(Case("en", "Anne Leroy, a former prime minister, visited Athens on Monday. "
                      "The former prime minister argued that NATO had failed Europe.",
                      "NATO had failed Europe", "Anne Leroy"), id="en-the-former-prime-minister"),
    pytest.param(Case("fr", "Claire Fontaine, députée de la Loire, a pris la parole lundi. La "
                      "députée a ajouté que l'Alliance était en crise.",
                      "l'Alliance était en crise", "Claire Fontaine"), id="fr-la-deputee"),
    # government -> its state
    pytest.param(Case("en", "The French government argued that the Alliance remains essential.",
                      "the Alliance remains essential", "France"), id="en-french-government"),
    pytest.param(Case("fr", "Le gouvernement grec a répondu que la Grèce resterait dans "
                      "l'Alliance.", "la Grèce resterait dans l'Alliance", "Greece"),
                 id="fr-gouvernement-grec"),
    pytest.param(Case("fr", "Un conseiller de l'Élysée a affirmé que la France ne quitterait "
                      "pas l'Otan.", "la France ne quitterait pas l'Otan", "France"),
                 id="fr-conseiller-de-l-Elysee"),
    pytest.param(Case("en", "A NATO spokesperson said that the summit would go ahead.",
                      "the summit would go ahead", "NATO"), id="en-NATO-spokesperson"),
    # documents -> their author
    pytest.param(Case("en", "A memorandum by Paul Verdier argues that France should leave the "
                      "integrated command.", "France should leave the integrated command",
                      "Paul Verdier"), id="en-memorandum-by-X"),
    pytest.param(Case("fr", "La lettre du général de Gaulle annonce que la France quitte le "
                      "commandement intégré.", "la France quitte le commandement intégré",
                      "Charles de Gaulle"), id="fr-la-lettre-du-general"),
    # anonymous speakers make no claim
    pytest.param(Case("en", "A diplomat said that the summit had failed.",
                      "the summit had failed", None), id="en-a-diplomat-said"),
    pytest.param(Case("en", "Observers say that NATO is divided.", "NATO is divided", None),
                 id="en-observers-say"),
    pytest.param(Case("fr", "Un diplomate a affirmé que le sommet avait échoué.",
                      "le sommet avait échoué", None), id="fr-un-diplomate-a-affirme"),
    pytest.param(Case("fr", "Beaucoup estiment que l'Otan est divisée.", "l'Otan est divisée",
                      None), id="fr-beaucoup-estiment"),
    # a title no stated role explains refers to the person last made a subject, not to
    # one named in a phrase after it or inside a prepositional phrase
    pytest.param(Case("en", "President Charles de Gaulle distrusted the command. In a letter "
                      "to President Lyndon B. Johnson, the general made it known that France "
                      "would leave the integrated command.", "France would leave",
                      "Charles de Gaulle"), id="en-title-prefers-the-subject"),
    pytest.param(Case("fr", "Le président Charles de Gaulle écrit alors au président Lyndon B. "
                      "Johnson. Dans sa lettre, le général fait savoir que la France quittera "
                      "le commandement intégré.", "la France quittera", "Charles de Gaulle"),
                 id="fr-title-prefers-the-subject"),
    pytest.param(Case("fr", "Sous de Gaulle, la France s'éloigne de l'Alliance. Le 7 mars, le "
                      "président écrit au président des États-Unis, Lyndon B. Johnson, que "
                      "son pays entend retrouver sa souveraineté.", "son pays entend",
                      "Charles de Gaulle"), id="fr-title-never-the-object-after-the-verb"),
    # a name that ends right before a verb the parser left without subject
    pytest.param(Case("fr", "Dans une lettre au président Lyndon B. Johnson, le général de "
                      "Gaulle fait savoir que la France quittera le commandement intégré.",
                      "la France quittera", "Charles de Gaulle"),
                 id="fr-name-right-before-the-verb"),
    pytest.param(Case("fr", "Dans une lettre au président Lyndon B. Johnson, on fait savoir "
                      "que la France quittera le commandement intégré.", "la France quittera",
                      None), id="fr-a-name-before-a-comma-is-no-subject"),
    # after a quotation, the one spoken to ("au Figaro", "to the BBC") is not the speaker
    pytest.param(Case("fr", "« C'est une erreur historique », a confié au Figaro l'ancien "
                      "ambassadeur Ibrahim Sall.", "C'est une erreur historique", "Ibrahim Sall"),
                 id="fr-confie-au-Figaro-X"),
    pytest.param(Case("en", "“This is a historic mistake,” the former ambassador Ibrahim Sall "
                      "told the BBC.", "This is a historic mistake", "Ibrahim Sall"),
                 id="en-X-told-the-BBC"),
    # "the movement", "le parti": the body named before whose name holds the word
    pytest.param(Case("en", "The Civic Sovereignty Movement held a rally in Turin. The movement "
                      "also accused the government of hiding the NATO base agreements.",
                      "hiding the NATO base agreements", "Civic Sovereignty Movement"),
                 id="en-the-movement-is-the-body-named"),
    pytest.param(Case("fr", "Le Parti de la souveraineté a tenu un meeting à Lyon. Le parti a "
                      "dénoncé la soumission de la France à l'OTAN.",
                      "la soumission de la France", "Parti de la souveraineté"),
                 id="fr-le-parti-is-the-body-named"),
    pytest.param(Case("en", "The movement accused the government of hiding the NATO base "
                      "agreements.", "hiding the NATO base agreements", None),
                 id="en-the-movement-with-no-body-named"),
    # the small French parser's slips: "a assuré" with a "passive" subject is active; a
    # relative clause between the name and its verb
    pytest.param(Case("fr", "Marguerite Olabode, sénatrice écologiste, a pris la parole. La "
                      "sénatrice a ensuite assuré que la France devait rester dans l'OTAN.",
                      "la France devait rester", "Marguerite Olabode"),
                 id="fr-la-senatrice-a-assure"),
    pytest.param(Case("fr", "La députée Femke Jansen, dont le parti soutient la motion, a affirmé "
                      "que les Pays-Bas devaient quitter le commandement intégré.",
                      "les Pays-Bas devaient quitter", "Femke Jansen"),
                 id="fr-name-dont-clause-verb"),
    pytest.param(Case("en", "The plan, which Femke Jansen drafted, was rejected that the "
                      "Netherlands should leave.", "the Netherlands should leave", None),
                 id="en-passive-has-no-speaker"),
]


@pytest.mark.parametrize("case", CASES)
def test_speaker(analyse_text, case: Case) -> None:
    check_speaker(analyse_text, case)
