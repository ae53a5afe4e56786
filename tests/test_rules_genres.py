"""Rule tests for `analysis.claims.genres`: who speaks by the layout of the text.

Each case is a short text, a phrase of it, and the speaker of the one claim holding that
phrase (None: no claim may hold it). Expected values come from tests/gold/README.md.
"""

from __future__ import annotations

import pytest

from tests.support import SpeakerCase as Case
from tests.support import check_speaker

EN_INTERVIEW = (
    "Interview: Helen Marsh on leaving NATO\n"
    "Helen Marsh chairs the Forum for Sovereign Defence.\n"
    "Q: You said last week that the Alliance is obsolete. Do you stand by that?\n"
    "A: Britain should leave the integrated command within two years.\n"
    "Q: Will you vote for the resolution?\n"
    "A: Yes."
)
FR_INTERVIEW = (
    "Entretien avec Claire Fontaine, députée de la Loire\n"
    "Q : Faut-il quitter l'OTAN ?\n"
    "R : La France doit sortir du commandement intégré de l'OTAN. Le ministre dit que "
    "l'Alliance nous protège, mais il se trompe.\n"
    "Q : Voterez-vous la résolution ?\n"
    "R : Absolument."
)
FR_NAMED_ANSWER = (
    "Q : Pourquoi sortir de l'Otan ?\n"
    "Marc Olivier : Parce que l'Alliance nous entraîne dans des guerres qui ne sont pas "
    "les nôtres.\n"
    "Q : Et l'Europe ?\n"
    "Marc Olivier : L'Europe doit construire sa propre défense."
)
FR_TRANSCRIPT = (
    "Mme la présidente. – La parole est à M. Jean Roux.\n"
    "M. Jean Roux. – La France doit quitter le commandement intégré de l'OTAN. Le ministre "
    "dit que l'Alliance est indispensable. (Applaudissements sur les bancs du groupe LFI.)\n"
    "M. Paul Girard. – Très bien !"
)
EN_TRANSCRIPT = (
    "The SPEAKER: I call Mr Thomas Hale.\n"
    "Mr HALE (Labour): This House should reject any plan to leave NATO. (Applause)\n"
    "Mr HALE (Labour): The minister told us that the Alliance is finished, and he is wrong."
)
FR_COMMUNIQUE = (
    "Communiqué du Parti de la souveraineté populaire\n"
    "Paris, le 3 mars 2026\n"
    "Le Parti de la souveraineté populaire demande la sortie de la France du commandement "
    "intégré de l'OTAN. Nous refusons toute nouvelle base américaine sur notre sol.\n"
    "Nos exigences sont les suivantes :\n"
    "1. La fermeture des bases étrangères sur le sol français.\n"
    "« Nous ne serons pas entraînés dans une nouvelle guerre », a déclaré la présidente du "
    "parti, Léa Moreau.\n"
    "Contact presse : Lucie Bernard, 01 23 45 67 89"
)
EN_COMMUNIQUE = (
    "Statement by the Independent Sovereignty Party\n"
    "London, 3 March 2026\n"
    "We will table a motion on leaving NATO in Parliament next week.\n"
    "Our demands are the following:\n"
    "1. The withdrawal of the United Kingdom from the integrated command of NATO.\n"
    "\u201cWe will not be dragged into another war,\u201d said the party's leader Ana Ruiz.\n"
    "Press contact: Tom Reed, press@ida.example"
)
EN_BYLINE = (
    "By Catherine Morvan\n"
    "The Alliance was founded in Washington in 1949.\n"
    "I believe France should leave NATO's integrated command."
)
FR_BYLINE = (
    "Par Jeanne Martin, historienne\n"
    "L'Alliance a été fondée à Washington en 1949.\n"
    "Je propose que la France quitte le commandement intégré de l'Otan."
)
EN_POST = (
    "Senator Ana Ruiz reacted on Sunday.\n"
    "@ana_ruiz: NATO drags us into wars we never chose. Time to leave."
)
FR_POST = (
    "La sénatrice Ana Ruiz a réagi dimanche sur X.\n"
    "Ana Ruiz (@ana_ruiz) : L'OTAN nous entraîne dans des guerres qui ne sont pas les nôtres."
)
EN_SIGNATURE = (
    "NATO is a relic of another century and we should leave it.\n"
    "\u2014 Dimitra Kallergi (@dkallergi) February 8, 2026"
)
FR_SIGNATURE = (
    "L'OTAN est une relique d'un autre siècle et nous devons en sortir.\n"
    "\u2014 Dimitra Kallergi (@dkallergi) 8 février 2026"
)

EN_DEBATE = (
    "House of Commons, Thursday.\n"
    "The DEPUTY SPEAKER: I call Ms Tamsin Ruddock to move the motion.\n"
    "Ms RUDDOCK (Independents): This House should take Britain out of the command.\n"
    "The MINISTER FOR THE ARMED FORCES (Gareth Pryce-Llewellyn): The command keeps us safe.\n"
    "Mr DUNMORE: The Greek precedent shows the cost of leaving. Will the Minister agree?\n"
    "The MINISTER: Leaving would cost us every seat at the table."
)
FR_DEBATE = (
    "Sénat, séance du 3 mars.\n"
    "M. le président. La parole est à Mme Nadia Kerbouche.\n"
    "Mme KERBOUCHE. – La France doit quitter le commandement intégré.\n"
    "M. le ministre. – Le commandement intégré protège nos soldats.\n"
    "M. Loïc Ferrandi. – La Grèce en a payé le prix en 1974. Le ministre le reconnaît-il ?\n"
    "M. le ministre. – Nous resterons dans le commandement intégré."
)

EN_INITIALS_HYPHEN = (
    "Dr Ottoline Barraclough-Nweke teaches at Durham. She spoke to Callum Rhys.\n"
    "C.R.: Your book argues Britain should leave the command. Why now?\n"
    "O.B.-N.: Because the command no longer matches our interests.\n"
    "C.R.: Isn't that what France tried in 1966?\n"
    "O.B.-N.: France showed it can be done."
)
EN_Q_DOT = (
    "Interview: Hamish Oyelaran-Frost on NATO's command\n"
    "Hamish Oyelaran-Frost commanded British troops in Estonia.\n"
    "Q. Should Britain leave the integrated command?\n"
    "A. No. Leaving would cut our officers out of every plan that matters.\n"
    "Q. What about France in 1966?\n"
    "A. France had its own nuclear force and a president who wanted a fight."
)
EN_INTERVIEWER_REMARKS = (
    "Senator Ruairí Mac Giolla Bhríde has tabled a motion on NATO. He answered questions "
    "from our editor, Sarah Lindqvist.\n"
    "Sarah Lindqvist: What does your motion ask for?\n"
    "Ruairí Mac Giolla Bhríde: It asks the government to withdraw our forces from NATO's "
    "integrated command.\n"
    "Sarah Lindqvist: Your critics call the motion reckless.\n"
    "Ruairí Mac Giolla Bhríde: They said the same about France in 1966."
)

FR_INITIALS_HYPHEN = (
    "Anne-Sophie Le Bihan-Kerleau enseigne l'histoire à Rennes. Elle a répondu à Paul Roy.\n"
    "P.R. : Votre livre plaide pour quitter le commandement intégré. Pourquoi ?\n"
    "A.-S.L.B.-K. : Parce que ce commandement ne sert plus nos intérêts.\n"
    "P.R. : La France l'a déjà fait en 1966 ?\n"
    "A.-S.L.B.-K. : Oui, et rien ne s'est effondré."
)
FR_Q_DOT = (
    "Entretien avec le général Hugues Montclar-Diop\n"
    "Hugues Montclar-Diop a commandé nos troupes en Estonie.\n"
    "Q. Faut-il quitter le commandement intégré ?\n"
    "R. Non. Nos officiers perdraient des années d'expérience commune.\n"
    "Q. Et l'exemple de 1966 ?\n"
    "R. La France avait alors sa propre dissuasion et un président prêt au bras de fer."
)

CASES = [
    # interviews: answers are the interviewee's, questions and one-word answers are nothing
    pytest.param(Case("en", EN_INTERVIEW, "Britain should leave the integrated command",
                      "Helen Marsh", "answer"), id="en-interview-answer-A-prefix"),
    pytest.param(Case("en", EN_INTERVIEW, "Do you stand by that", None),
                 id="en-interview-question-no-claim"),
    pytest.param(Case("en", EN_INTERVIEW, "the Alliance is obsolete", None),
                 id="en-interview-statement-in-question-turn-no-claim"),
    pytest.param(Case("en", EN_INTERVIEW, "Yes", None), id="en-interview-one-word-answer"),
    pytest.param(Case("fr", FR_INTERVIEW, "La France doit sortir du commandement intégré",
                      "Claire Fontaine", "répondre"), id="fr-interview-answer-R-prefix"),
    pytest.param(Case("fr", FR_INTERVIEW, "l'Alliance nous protège", "Claire Fontaine"),
                 id="fr-interview-answer-reporting-the-minister-is-interviewee"),
    pytest.param(Case("fr", FR_INTERVIEW, "Faut-il quitter", None),
                 id="fr-interview-question-no-claim"),
    pytest.param(Case("fr", FR_INTERVIEW, "Absolument", None), id="fr-interview-one-word-answer"),
    pytest.param(Case("fr", FR_NAMED_ANSWER, "des guerres qui ne sont pas les nôtres",
                      "Marc Olivier"), id="fr-interview-answer-name-prefix"),
    # transcripts: speech turns are the member's, chair lines and stage directions nothing
    pytest.param(Case("fr", FR_TRANSCRIPT, "La France doit quitter le commandement intégré",
                      "Jean Roux", "déclarer"), id="fr-transcript-speech-turn"),
    pytest.param(Case("fr", FR_TRANSCRIPT, "l'Alliance est indispensable", "Jean Roux"),
                 id="fr-transcript-reported-words-are-the-members"),
    pytest.param(Case("fr", FR_TRANSCRIPT, "La parole est à", None), id="fr-transcript-chair"),
    pytest.param(Case("fr", FR_TRANSCRIPT, "Applaudissements", None),
                 id="fr-transcript-stage-direction"),
    pytest.param(Case("fr", FR_TRANSCRIPT, "Très bien", None), id="fr-transcript-interjection"),
    pytest.param(Case("en", EN_TRANSCRIPT, "This House should reject any plan to leave NATO",
                      "Thomas Hale", "say"), id="en-transcript-capitals-prefix-full-name"),
    pytest.param(Case("en", EN_TRANSCRIPT, "the Alliance is finished", "Thomas Hale"),
                 id="en-transcript-reported-words-are-the-members"),
    pytest.param(Case("en", EN_TRANSCRIPT, "I call", None), id="en-transcript-chair"),
    pytest.param(Case("en", EN_TRANSCRIPT, "Applause", None), id="en-transcript-stage-direction"),
    # communiqués: body sentences are the body's; the header and contact lines are nothing
    pytest.param(Case("fr", FR_COMMUNIQUE, "Nous refusons toute nouvelle base américaine",
                      "Parti de la souveraineté populaire", "déclarer"),
                 id="fr-communique-body-sentence-without-verb-of-saying"),
    pytest.param(Case("fr", FR_COMMUNIQUE, "Communiqué du", None), id="fr-communique-header"),
    pytest.param(Case("fr", FR_COMMUNIQUE, "La fermeture des bases étrangères",
                      "Parti de la souveraineté populaire"),
                 id="fr-communique-list-item-after-lead-in"),
    pytest.param(Case("fr", FR_COMMUNIQUE, "Nous ne serons pas entraînés", "Léa Moreau"),
                 id="fr-communique-quoted-person-not-the-body"),
    pytest.param(Case("fr", FR_COMMUNIQUE, "Contact presse", None), id="fr-communique-contact"),
    pytest.param(Case("en", EN_COMMUNIQUE, "We will table a motion on leaving NATO",
                      "Independent Sovereignty Party", "state"),
                 id="en-communique-body-first-person"),
    pytest.param(Case("en", EN_COMMUNIQUE, "The withdrawal of the United Kingdom",
                      "Independent Sovereignty Party"),
                 id="en-communique-list-item-after-lead-in"),
    pytest.param(Case("en", EN_COMMUNIQUE, "We will not be dragged into another war", "Ana Ruiz"),
                 id="en-communique-quoted-person-not-the-body"),
    pytest.param(Case("en", EN_COMMUNIQUE, "Tom Reed", None), id="en-communique-contact"),
    # bylines: "I" / "je" is the author; the author's narration is no claim
    pytest.param(Case("en", EN_BYLINE, "France should leave NATO's integrated command",
                      "Catherine Morvan"), id="en-byline-first-person"),
    pytest.param(Case("en", EN_BYLINE, "founded in Washington", None),
                 id="en-byline-narration-no-claim"),
    pytest.param(Case("fr", FR_BYLINE, "la France quitte le commandement intégré",
                      "Jeanne Martin"), id="fr-byline-first-person"),
    pytest.param(Case("fr", FR_BYLINE, "fondée à Washington", None),
                 id="fr-byline-narration-no-claim"),
    pytest.param(Case("en", "We believe France should leave NATO's integrated command.",
                      "France should leave", None), id="en-first-person-without-byline"),
    pytest.param(Case("fr", "Je propose que la France quitte le commandement intégré de l'Otan.",
                      "la France quitte", None), id="fr-first-person-without-byline"),
    # debates: a prefix in capitals is the member the text names in full; a prefix that
    # is only a title is the member who spoke under it before; a member who ends on a
    # question still speaks (a debate has no interviewer)
    pytest.param(Case("en", EN_DEBATE, "This House should take Britain out of the command",
                      "Tamsin Ruddock"), id="en-debate-capitals-prefix-is-the-full-name"),
    pytest.param(Case("en", EN_DEBATE, "Leaving would cost us every seat",
                      "Gareth Pryce-Llewellyn"), id="en-debate-title-prefix-is-its-holder"),
    pytest.param(Case("en", EN_DEBATE, "The Greek precedent shows the cost of leaving",
                      "Dunmore"), id="en-debate-member-ending-on-a-question"),
    pytest.param(Case("fr", FR_DEBATE, "La France doit quitter le commandement intégré",
                      "Nadia Kerbouche"), id="fr-debate-capitals-prefix-is-the-full-name"),
    pytest.param(Case("fr", FR_DEBATE, "La Grèce en a payé le prix en 1974", "Loïc Ferrandi"),
                 id="fr-debate-member-ending-on-a-question"),
    pytest.param(Case("fr", FR_DEBATE, "La parole est à", None), id="fr-debate-chair-no-claim"),
    # a headline quoting the person its prefix names is their claim
    pytest.param(Case("en", "Nuria Echevarría: “Our soldiers should answer to Madrid”\n"
                      "The senator spoke to us in Madrid.", "Our soldiers should answer",
                      "Nuria Echevarría"), id="en-quoted-headline"),
    pytest.param(Case("fr", "Mathilde Ouellet : « Quitter l'OTAN serait un saut dans le vide »\n"
                      "La politologue a répondu à nos questions.", "Quitter l'OTAN serait",
                      "Mathilde Ouellet"), id="fr-quoted-headline"),
    pytest.param(Case("en", "Defence: “a costly illusion”, says the report\nThe report was "
                      "published on Monday.", "a costly illusion", None),
                 id="en-topic-headline-is-no-speaker"),
    # interview prefixes: hyphenated initials, "Q." / "A.", an interviewer who also remarks
    pytest.param(Case("en", EN_INITIALS_HYPHEN, "the command no longer matches our interests",
                      "Ottoline Barraclough-Nweke"), id="en-interview-hyphenated-initials"),
    pytest.param(Case("en", EN_Q_DOT, "France had its own nuclear force",
                      "Hamish Oyelaran-Frost"), id="en-interview-A-dot-prefix"),
    pytest.param(Case("en", EN_Q_DOT, "Should Britain leave", None),
                 id="en-interview-Q-dot-is-a-question"),
    pytest.param(Case("en", EN_INTERVIEWER_REMARKS, "Your critics call the motion reckless",
                      None), id="en-interviewer-remark-is-no-claim"),
    pytest.param(Case("en", EN_INTERVIEWER_REMARKS, "They said the same about France",
                      "Ruairí Mac Giolla Bhríde"), id="en-interviewee-named-in-prefix"),
    pytest.param(Case("fr", FR_INITIALS_HYPHEN, "ce commandement ne sert plus nos intérêts",
                      "Anne-Sophie Le Bihan-Kerleau"), id="fr-interview-hyphenated-initials"),
    pytest.param(Case("fr", FR_Q_DOT, "Nos officiers perdraient", "Hugues Montclar-Diop"),
                 id="fr-interview-R-dot-prefix"),
    pytest.param(Case("fr", FR_Q_DOT, "Faut-il quitter", None),
                 id="fr-interview-Q-dot-is-a-question"),
    pytest.param(Case("en", "Paris. The senators met in the capital on Monday.\nParis. Hugo "
                      "Lambert said that France should leave NATO.", "France should leave NATO",
                      "Hugo Lambert"), id="en-dateline-word-with-period-is-no-turn"),
    # posts: the text under a handle or above a signature is its author's
    pytest.param(Case("en", EN_POST, "NATO drags us into wars we never chose", "Ana Ruiz",
                      "post"), id="en-post-under-handle"),
    pytest.param(Case("fr", FR_POST, "L'OTAN nous entraîne dans des guerres", "Ana Ruiz",
                      "publier"), id="fr-post-under-name-and-handle"),
    pytest.param(Case("en", EN_SIGNATURE, "NATO is a relic of another century",
                      "Dimitra Kallergi"), id="en-post-above-signature"),
    pytest.param(Case("fr", FR_SIGNATURE, "L'OTAN est une relique d'un autre siècle",
                      "Dimitra Kallergi"), id="fr-post-above-signature"),
    pytest.param(Case("en", "The debate went on all day.\n@nato_watch: NATO must go now.",
                      "NATO must go now", None), id="en-post-anonymous-handle-no-claim"),
    pytest.param(Case("fr", "Le débat a duré toute la journée.\n@veille_otan : L'OTAN doit "
                      "partir maintenant.", "L'OTAN doit partir", None),
                 id="fr-post-anonymous-handle-no-claim"),
]


@pytest.mark.parametrize("case", CASES)
def test_genre_speaker(analyse_text, case: Case) -> None:
    check_speaker(analyse_text, case)
