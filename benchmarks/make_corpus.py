"""Generate a synthetic corpus of English and French articles about leaving NATO, for benchmarks.

The articles are assembled from sentence templates written for this script (varied
names, parties, countries, years and quotations, attributed statements and historical
precedents), so the extraction has real work to do. They are test data, not news:
every file says so in its `source:` line. Output goes to a folder you name (use a
temporary one; never commit it).

    python benchmarks/make_corpus.py OUT_DIR --articles 2000 [--language en|fr|both] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST_NAMES = [
    "Claire", "Marc", "Sophie", "Julien", "Amélie", "Thomas", "Nadia", "Hugo", "Léa",
    "Karim", "Anne", "Pierre", "Elena", "Nikos", "Maria", "Yannis", "Sarah", "David",
    "Helen", "Robert", "Laura", "Michael", "Ingrid", "Lars", "Katarzyna", "Piotr",
    "Giulia", "Marco", "Ana", "Jonas", "Fatima", "Omar", "Chloé", "Antoine", "Élise",
]
LAST_NAMES = [
    "Marchal", "Roussel", "Delorme", "Fontaine", "Garnier", "Lefebvre", "Moreau", "Bertin",
    "Papadakis", "Georgiou", "Nikolaidis", "Karagiannis", "Walsh", "Harrington", "Becker",
    "Lindqvist", "Kowalski", "Rossi", "Moretti", "Santos", "Hansen", "Novak", "Dubois",
    "Carpentier", "Benali", "Whitaker", "Okafor", "Van Dijk", "Schneider", "Costa",
]
PARTIES = {
    "en": ["La France Insoumise", "LFI", "the National Rally", "the Socialist Party", "SYRIZA",
           "New Democracy", "PASOK", "the Republican Party", "the Democratic Party", "AfD"],
    "fr": ["La France insoumise", "LFI", "le Rassemblement national", "le Parti socialiste",
           "Les Républicains", "le PCF", "Reconquête", "SYRIZA", "la Nouvelle Démocratie"],
}
ROLES = {
    "en": ["an MP", "a senator", "the party's foreign affairs spokesperson", "a former minister",
           "the deputy leader", "a member of the European Parliament", "the defence minister",
           "the foreign minister", "a regional councillor"],
    "fr": ["député", "sénatrice", "porte-parole du groupe", "ancien ministre", "eurodéputée",
           "ministre des Armées", "ministre des Affaires étrangères", "conseiller régional"],
}
COUNTRIES = {
    "en": ["France", "Greece", "Turkey", "Germany", "Italy", "Spain", "Norway", "Poland",
           "Hungary", "Canada", "the United States", "Belgium", "Denmark", "Portugal"],
    "fr": ["la France", "la Grèce", "la Turquie", "l'Allemagne", "l'Italie", "l'Espagne",
           "la Norvège", "la Pologne", "la Hongrie", "le Canada", "les États-Unis", "la Belgique"],
}
CAPITALS = {"en": ["Washington", "Paris", "Athens", "Ankara", "Berlin", "Brussels", "Rome"],
            "fr": ["Washington", "Paris", "Athènes", "Ankara", "Berlin", "Bruxelles", "Rome"]}
PRECEDENTS = {
    "en": [
        "In 1966, President Charles de Gaulle took France out of NATO's integrated military "
        "command, and in 2009 President Nicolas Sarkozy brought France back.",
        "After the 1974 Cyprus crisis, Greece withdrew from NATO's integrated military command "
        "and returned in 1980.",
        "{country} joined NATO in {year}, a decision {person} still defends.",
        "Spain joined the Alliance in 1982 and confirmed its membership by referendum in 1986.",
        "France was one of the first countries to sign the North Atlantic Treaty in 1949.",
    ],
    "fr": [
        "En 1966, le général de Gaulle a retiré la France du commandement intégré de l'OTAN, "
        "et Nicolas Sarkozy l'y a fait revenir en 2009.",
        "Après la crise chypriote de 1974, la Grèce a quitté le commandement militaire intégré "
        "avant d'y revenir en 1980.",
        "{country_cap} a rejoint l'OTAN en {year}, une décision que {person} défend encore.",
        "L'Espagne a adhéré à l'Alliance en 1982 puis confirmé son adhésion par référendum "
        "en 1986.",
    ],
}
QUOTES = {
    "en": [
        "We cannot leave our security in the hands of a command run from {capital}",
        "leaving the integrated command would be a historic mistake",
        "the Alliance has become an instrument of American foreign policy",
        "our soldiers must answer to our own government first",
        "withdrawing from NATO would isolate {country} at the worst possible moment",
        "the question of our participation in the Alliance arises more than ever",
        "a planned exit from NATO is the only way to recover our independence",
        "staying in the Alliance is the best guarantee of peace in Europe",
    ],
    "fr": [
        "nous ne pouvons plus confier notre sécurité à un commandement piloté depuis {capital}",
        "quitter le commandement intégré serait une erreur historique",
        "l'Alliance est devenue l'instrument de la politique étrangère américaine",
        "nos soldats doivent d'abord rendre des comptes à notre gouvernement",
        "sortir de l'OTAN isolerait {country} au pire moment",
        "une sortie planifiée de l'OTAN est le seul moyen de retrouver notre indépendance",
        "rester dans l'Alliance est la meilleure garantie de la paix en Europe",
    ],
}
SENTENCES = {
    "en": [
        "{person}, {role} for {party}, said that {country} should leave NATO's integrated "
        "command before the end of the decade.",
        "“{quote_cap},” {person} said on {weekday}.",
        "{surname} argued that {quote}.",
        "{person} accused {capital} of treating its allies as subordinates.",
        "In a statement published on X, {surname} claimed that “{quote}”.",
        "{party} called for a referendum on membership of the Alliance.",
        "According to {person}, {quote}.",
        "She warned that {quote}.",
        "{person}, who argued that {quote}, was echoed by colleagues from {party}.",
        "The government of {country} has not responded to the proposal.",
        "{surname} urged {country} to pursue a non-aligned strategic line.",
        "Officials in {capital} dismissed the idea as unrealistic.",
        "{person} wrote that the debate over NATO membership was far from over.",
        "The defence budget of {country} rose by {percent} percent in {year}.",
        "Polls published in {year} suggested that {percent} percent of voters backed the move.",
    ],
    "fr": [
        "« {quote_cap} », a déclaré {weekday} {person}, {role} {party}.",
        "{person} a appelé à la sortie de {country} du commandement intégré de l'OTAN.",
        "Selon {person}, {quote}.",
        "{surname} a estimé que {quote}.",
        "Elle a également dénoncé les pressions exercées par {capital} sur ses alliés.",
        "« {quote_cap} », a-t-il ajouté.",
        "{person}, {role}, a jugé qu'un tel départ serait une erreur.",
        "{party} a proposé un référendum sur l'appartenance à l'Alliance.",
        "Le gouvernement n'a pas souhaité réagir à cette proposition.",
        "{surname} a affirmé que {quote}.",
        "Les dépenses militaires de {country} ont augmenté de {percent} % en {year}.",
        "Un sondage publié en {year} indique que {percent} % des électeurs soutiennent l'idée.",
    ],
}
TITLES = {
    "en": ["{surname} revives the debate over {country}'s place in NATO",
           "Calls to leave NATO's integrated command grow louder",
           "{party} and the NATO question: a debate as old as the Alliance"],
    "fr": ["{surname} relance le débat sur la place de {country} dans l'OTAN",
           "Commandement intégré : la sortie de l'OTAN revient dans le débat",
           "{party} et l'OTAN : un débat aussi vieux que l'Alliance"],
}
WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]}


def make_article(rng: random.Random, language: str) -> tuple[str, str]:
    """(title, body) of one synthetic article of about 250-400 words."""
    people = [(f"{rng.choice(FIRST_NAMES)} {surname}", surname)
              for surname in rng.sample(LAST_NAMES, 3)]

    def fill(template: str) -> str:
        person, surname = rng.choice(people)
        country = rng.choice(COUNTRIES[language])
        quote = rng.choice(QUOTES[language]).format(capital=rng.choice(CAPITALS[language]),
                                                    country=country)
        filled = template.format(
            person=person, surname=surname, role=rng.choice(ROLES[language]),
            party=rng.choice(PARTIES[language]), country=country,
            country_cap=country[:1].upper() + country[1:], capital=rng.choice(CAPITALS[language]),
            year=rng.randint(1949, 2025), percent=rng.randint(5, 70), quote=quote,
            quote_cap=quote[:1].upper() + quote[1:], weekday=rng.choice(WEEKDAYS[language]),
        )
        return filled[:1].upper() + filled[1:]

    paragraphs = []
    for _ in range(rng.randint(4, 6)):
        sentences = [fill(rng.choice(SENTENCES[language])) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.35:
            sentences.append(fill(rng.choice(PRECEDENTS[language])))
        paragraphs.append(" ".join(sentences))
    return fill(rng.choice(TITLES[language])), "\n\n".join(paragraphs)


def write_corpus(folder: Path, *, articles: int, language: str = "both", seed: int = 1) -> int:
    """Write `articles` text files into `folder`; return the number of words written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for number in range(articles):
        lang = language if language != "both" else ("en" if number % 2 == 0 else "fr")
        title, body = make_article(rng, lang)
        published = f"20{rng.randint(18, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        header = (f"title: {title}\nsource: synthetic benchmark article (not real news)\n"
                  f"published: {published}\n")
        # Half the files state their language, half leave it to detection, as user corpora do.
        if number % 4 < 2:
            header += f"language: {lang}\n"
        (folder / f"synthetic-{lang}-{number:06d}.txt").write_text(
            f"{header}\n{body}\n", encoding="utf-8")
        words += len(f"{title}\n\n{body}".split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--language", choices=("en", "fr", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    words = write_corpus(args.out, articles=args.articles, language=args.language,
                         seed=args.seed)
    print(f"{args.articles} articles, {words} words -> {args.out}")


if __name__ == "__main__":
    main()
