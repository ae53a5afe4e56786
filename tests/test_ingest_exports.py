"""News-database exports: Europresse HTML, Factiva HTML and RTF, Nexis Uni DOCX and RTF.

The fixture exports in tests/fixtures/exports/ hold invented articles in the structure of
real exports; every expected value below is read off those files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.ingest import (
    Article,
    Duplicate,
    europresse,
    factiva,
    iter_upload,
    nexis,
    read_paths,
    read_upload,
)
from analysis.ingest.exports import export_id, find_date
from tests.fixtures.exports.make_exports import NEXIS_LINES, write_nexis_docx

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
EUROPRESSE = EXPORTS / "europresse_otan.html"
FACTIVA_HTML = EXPORTS / "factiva_otan.html"
FACTIVA_RTF = EXPORTS / "factiva_otan.rtf"
NEXIS_RTF = EXPORTS / "nexis_otan.rtf"
SUPPORTED = ("Europresse HTML", "Factiva HTML or RTF", "Nexis Uni DOCX or RTF")

COURRIER_TEXT = (
    "Sortie de l'Otan : le débat s'invite à l'Assemblée\n\n"
    "Les députés ont consacré lundi une séance entière à la proposition de résolution qui "
    "demande au gouvernement de préparer la sortie de la France du commandement intégré de "
    "l'Otan.\n\n"
    "« Nous ne voulons plus que nos soldats dépendent d'un état-major étranger », a déclaré "
    "Mathilde Roussel, députée de la Meuse, devant un hémicycle clairsemé.\n\n"
    "Le ministre des Armées, Bertrand Lefèvre, a répondu que la France « tiendra ses "
    "engagements envers ses alliés » et qu'aucun retrait n'était à l'étude."
)


@pytest.fixture(scope="module")
def nexis_docx(tmp_path_factory) -> Path:
    return write_nexis_docx(tmp_path_factory.mktemp("nexis") / "nexis_otan.docx")


def described(articles: list[Article]) -> list[tuple[str, str, str, str]]:
    return [(article.title, article.source, article.published, article.language)
            for article in articles]


def messages(refusals) -> list[str]:
    return [refusal.message() for refusal in refusals]


# Europresse --------------------------------------------------------------------------


def test_europresse_export_gives_each_article_and_refuses_the_damaged_one_by_position():
    articles, refusals, warnings = read_paths([EUROPRESSE])
    assert described(articles) == [
        ("Sortie de l'Otan : le débat s'invite à l'Assemblée", "Le Courrier de l'Est",
         "2026-01-19", "fr"),
        ("Les précédents de 1966 et de 1974 relus par les historiens", "La Gazette du Léman",
         "2026-01-20", "fr"),
        ("Berlin et Varsovie s'inquiètent des déclarations françaises", "L'Écho des Vosges",
         "2026-01-21", "fr"),
        ("Commandement intégré : ce que coûterait un retrait", "Le Journal des Ardennes",
         "2026-01-22", "fr"),
    ]
    assert messages(refusals) == [
        f"{EUROPRESSE}, article 4: damaged Europresse article, not read: no body text"]
    assert warnings == []
    assert articles[0].text == COURRIER_TEXT
    assert articles[1].url == "https://gazette-leman.example/precedents-1966-1974"


def test_europresse_notices_and_the_source_link_are_not_article_text():
    articles, _, _ = read_paths([EUROPRESSE])
    for article in articles:
        assert "©" not in article.text
        assert "Ce document est réservé" not in article.text
        assert "Cet article est paru dans" not in article.text
        assert "news·" not in article.text
    assert articles[3].text.endswith("« un pays qui part seul revient toujours à des "
                                     "conditions qu'il n'a pas choisies ».")


def test_europresse_author_is_read_from_either_place_it_is_written():
    records = list(europresse.records(EUROPRESSE.read_text(encoding="utf-8")))
    assert [record.author for record in records] == [
        "Élodie Marchand", "Hélène Duvivier", "Rémi Garnier", "", "Françoise Aubert"]
    assert [record.position for record in records] == [1, 2, 3, 4, 5]


# Factiva ------------------------------------------------------------------------------


def test_factiva_html_export_in_the_french_interface():
    articles, refusals, _ = read_paths([FACTIVA_HTML])
    assert described(articles) == [
        ("Sortie de l'Otan : le débat s'invite à l'Assemblée", "Le Courrier de l'Est",
         "2026-01-19", "fr"),
        ("Lisbon weighs its place in the alliance", "The Atlantic Ledger", "2026-01-20", "en"),
        ("Athènes, 1974 : la rupture et le retour", "Le Messager de Provence", "2026-01-23",
         "fr"),
    ]
    assert messages(refusals) == [f"{FACTIVA_HTML}, article 3: damaged Factiva article, not "
                                  "read: no title and no body text"]
    assert articles[0].text == COURRIER_TEXT
    assert "Copyright" not in articles[1].text and "Document" not in articles[1].text
    bylines = [record.author for record in
               factiva.html_records(FACTIVA_HTML.read_text(encoding="utf-8"))]
    assert bylines == ["Élodie Marchand", "Ana Ribeiro", "", "Nikos Andréou"]


def test_factiva_rtf_export_split_on_its_document_lines():
    articles, refusals, _ = read_paths([FACTIVA_RTF])
    assert described(articles) == [
        ("L'Otan vue de Strasbourg : les élus européens partagés",
         "Les Dernières Nouvelles du Rhin", "2026-01-20", "fr"),
        ("Ankara says the alliance needs France", "The Bosphorus Review", "2026-01-21", "en"),
        # a time line ("08:45") between the date and the source
        ("Le Parlement débat, la rue aussi", "L'Éclaireur du Centre", "2026-01-22", "fr"),
    ]
    assert messages(refusals) == [f"{FACTIVA_RTF}, article 2: damaged Factiva article, not "
                                  "read: no word-count line (\"612 words\")"]
    assert articles[1].text == (
        "Ankara says the alliance needs France\n\n"
        "Turkey's defence minister, Kerem Yalçın, said on Wednesday that the alliance needed "
        "France inside its integrated command.\n\n"
        "\"Nobody gains from an empty chair in Mons,\" he told a conference in Ankara.")


def test_factiva_text_cut_short_after_its_last_document_line_is_refused_alone():
    text = FACTIVA_RTF.read_text(encoding="ascii").replace(
        "Document ECLCEN0020260122e21m00001\\par", "")
    articles, refusals, _ = read_upload("factiva.rtf", text.encode("ascii"))
    assert [article.source for article in articles] == [
        "Les Dernières Nouvelles du Rhin", "The Bosphorus Review"]
    assert messages(refusals) == [
        'factiva.rtf, article 2: damaged Factiva article, not read: no word-count line '
        '("612 words")',
        'factiva.rtf, article 4: damaged Factiva article, not read: cut short: no "Document" '
        'line closes it']


# Nexis Uni ----------------------------------------------------------------------------

NEXIS_EXPECTED = [
    ("Le Sénat auditionne les chefs d'état-major", "Le Républicain des Cévennes",
     "2026-01-19", "fr"),
    ("Brussels diplomats play down French exit talk", "The Continental Courier",
     "2026-01-20", "en"),
    ("Le retour de 2009, un précédent qui divise", "La Tribune de la Loire", "2026-01-22",
     "fr"),
]


@pytest.mark.parametrize("kind", ["rtf", "docx"])
def test_nexis_export_skips_the_cover_page_and_refuses_the_article_without_body(
        kind, nexis_docx):
    path = NEXIS_RTF if kind == "rtf" else nexis_docx
    articles, refusals, _ = read_paths([path])
    assert described(articles) == NEXIS_EXPECTED
    assert messages(refusals) == [f"{path}, article 3: damaged Nexis Uni article, not read: "
                                  "no \"Body\" line before its text"]
    assert articles[2].text == (
        "Le retour de 2009, un précédent qui divise\n\n"
        "Le retour de la France dans le commandement intégré, décidé en 2009, reste lu de "
        "deux façons opposées.\n\n"
        "Pour le politologue Karim Benali, « 2009 a prouvé qu'on pouvait revenir sans rien "
        "renier » ; ses contradicteurs y voient une perte d'autonomie.")


def test_nexis_fields_and_classification_stay_out_of_the_body():
    records = list(nexis.records("\n".join(NEXIS_LINES)))
    assert [record.author for record in records] == [
        "Marion Leclerc", "Peter Lindqvist", "", "Anne-Sophie Brévard"]
    for record in records:
        for field in ("Load-Date", "Classification", "Byline", "Length:", "Copyright",
                      "Dessin de presse"):
            assert field not in record.body


def test_nexis_docx_and_rtf_of_one_search_give_the_same_articles(nexis_docx):
    from_rtf, _, _ = read_paths([NEXIS_RTF])
    from_docx, _, _ = read_paths([nexis_docx])
    assert [(a.article_id, a.text) for a in from_rtf] == [
        (a.article_id, a.text) for a in from_docx]


# Ids and duplicates -------------------------------------------------------------------


def test_ids_come_from_source_date_and_title_so_a_re_export_keeps_them():
    europresse_ids = [article.article_id for article in read_paths([EUROPRESSE])[0]]
    factiva_first = read_paths([FACTIVA_HTML])[0][0]
    # The same article exported by another database: same source, date and title.
    assert factiva_first.article_id == europresse_ids[0]
    assert europresse_ids[0].startswith("le-courrier-de-l-est-2026-01-19-sortie-de-l-otan-")
    assert len(set(europresse_ids)) == 4
    assert export_id("Le Courrier de l'Est", "2026-01-19", "Un autre titre") != europresse_ids[0]
    assert export_id("Le Courrier de l'Est", "2026-01-20",
                     "Sortie de l'Otan : le débat s'invite à l'Assemblée") != europresse_ids[0]


def test_an_article_in_two_exports_is_kept_once_and_counted():
    articles, refusals, _ = read_paths([EUROPRESSE, FACTIVA_HTML])
    assert len(articles) == 4 + 3 - 1
    duplicates = [refusal for refusal in refusals if isinstance(refusal, Duplicate)]
    assert messages(duplicates) == [
        f"{FACTIVA_HTML}, article 1: the same text as '{articles[0].article_id}' "
        f"({EUROPRESSE}, article 1); kept once"]


def test_uploads_of_one_batch_share_what_they_have_read():
    seen: dict[str, str] = {}
    first = list(iter_upload("europresse.html", EUROPRESSE.read_bytes(), seen_texts=seen))
    second = list(iter_upload("factiva.html", FACTIVA_HTML.read_bytes(), seen_texts=seen))
    assert sum(isinstance(item, Article) for item in first) == 4
    assert [type(item).__name__ for item in second].count("Duplicate") == 1
    assert sum(isinstance(item, Article) for item in second) == 2


def test_the_same_text_twice_outside_exports_is_not_a_duplicate(tmp_path):
    # Plain files keep their own rule (ids from file names), unchanged.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(COURRIER_TEXT, encoding="utf-8")
    articles, refusals, _ = read_paths([tmp_path])
    assert [article.article_id for article in articles] == ["a", "b"] and refusals == []


# Detection from content ---------------------------------------------------------------


def test_an_export_is_recognised_by_its_content_whatever_its_name(tmp_path):
    renamed = tmp_path / "export.txt"
    renamed.write_bytes(EUROPRESSE.read_bytes())
    assert len(read_paths([renamed])[0]) == 4
    rtf_named_docx = tmp_path / "nexis.docx"
    rtf_named_docx.write_bytes(NEXIS_RTF.read_bytes())
    assert described(read_paths([rtf_named_docx])[0]) == NEXIS_EXPECTED
    nexis_as_text = tmp_path / "nexis.txt"
    nexis_as_text.write_text("\n".join(NEXIS_LINES), encoding="utf-8")
    assert described(read_paths([nexis_as_text])[0]) == NEXIS_EXPECTED


def _docx_of(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data", [
    ("letter.docx", _docx_of(["Dear colleague,", "The minutes of the meeting follow."])),
    ("notes.rtf", b"{\\rtf1\\ansi Notes of a meeting\\par about the alliance\\par}"),
    ("archive.docx", b"PK\x03\x04" + b"\x00" * 40),
    ("fake.rtf", b"Just text in a file named as RTF."),
])
def test_an_unknown_export_is_refused_naming_the_supported_formats(name, data):
    articles, refusals, _ = read_upload(name, data)
    assert articles == []
    [message] = messages(refusals)
    assert message.startswith(f"{name}: ")
    for supported in SUPPORTED:
        assert supported in message


@pytest.mark.parametrize("name, data", [
    # Nexis separators, but no "Body" line anywhere: no reader knows where the text starts.
    ("search.txt", b"Premier titre\nUn texte.\nEnd of Document\nSecond titre\nUn autre.\n"
                   b"End of Document\n"),
    # Factiva document lines, but no word-count line anywhere.
    ("factiva.txt", b"Premier titre\nUn texte.\nDocument ABCDEF0020260119e21j00001\n"
                    b"Second titre\nUn autre.\nDocument ABCDEF0020260119e21j00002\n"),
])
def test_a_file_of_several_articles_no_reader_knows_is_refused_not_glued(name, data):
    articles, refusals, _ = read_upload(name, data)
    assert articles == []
    [message] = messages(refusals)
    assert message.startswith(f"{name}: holds several articles but is not an export this "
                              "project reads (supported exports: Europresse HTML")


def test_a_europresse_page_without_article_elements_is_refused_naming_the_formats():
    page = ("<html><body>" + "<div><span class='DocPublicationName'>Le Courrier</span>"
            "<p>Un texte sur l'Otan.</p></div>" * 2 + "</body></html>")
    articles, refusals, _ = read_upload("europresse.html", page.encode())
    assert articles == []
    assert messages(refusals) == [
        "europresse.html: looks like a Europresse export but holds no article laid out as this "
        "project reads them (supported exports: Europresse HTML (.html), Factiva HTML or RTF "
        "(.html, .rtf), Nexis Uni DOCX or RTF (.docx, .rtf))"]


def test_an_ordinary_web_page_is_still_one_article():
    page = ("<html><head><title>Le débat sur l'Otan</title></head><body><article><h1>Le débat"
            " sur l'Otan</h1><p>Les députés ont débattu mardi d'une sortie de la France du "
            "commandement intégré de l'Otan, a rapporté la presse régionale.</p></article>"
            "</body></html>")
    articles, refusals, _ = read_upload("page.html", page.encode())
    assert refusals == [] and [article.article_id for article in articles] == ["page"]


def test_an_export_may_be_larger_than_a_page_but_each_article_keeps_its_limit():
    data = EUROPRESSE.read_bytes()
    # Pages are refused above five times the article limit; an export holds many articles.
    assert len(data) > 5 * 1_000
    articles, refusals, _ = read_upload("europresse.html", data, max_bytes=1_000)
    assert len(articles) == 4
    # The first article, title and body, is the longest: 573 bytes of UTF-8.
    assert len(COURRIER_TEXT.encode("utf-8")) == 573
    articles, refusals, _ = read_upload("europresse.html", data, max_bytes=572)
    assert [article.source for article in articles] == [
        "La Gazette du Léman", "L'Écho des Vosges", "Le Journal des Ardennes"]
    assert messages(refusals)[0] == ("europresse.html, article 1: 573 bytes is over the 572 "
                                     "bytes limit per article")


@pytest.mark.parametrize("line, found", [
    ("Politique, lundi 19 janvier 2026, p. 4", "lundi 19 janvier 2026"),
    ("mardi 20 janvier 2026 - 08:15 UTC 412 mots", "mardi 20 janvier 2026"),
    ("January 20, 2026 Tuesday", "January 20, 2026"),
    ("22 janvier 2026 jeudi", "22 janvier 2026"),
    ("dimanche 1er février 2026", "dimanche 1er février 2026"),
    ("Section: POLITIQUE; Pg. 6", ""),
    ("412 mots", ""),
])
def test_dates_are_found_inside_an_export_line(line, found):
    assert find_date(line) == found


# The command line ---------------------------------------------------------------------


def test_build_reads_exports_through_ingest(tmp_path, capsys, nexis_docx):
    out = tmp_path / "out"
    assert main(["build", str(EUROPRESSE), str(FACTIVA_HTML), str(nexis_docx), "--out",
                 str(out), "--no-cache", "--quiet", "--workers", "1"]) == 0
    with open(out / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 + 2 + 3
    assert rows[0]["published"] == "2026-01-19" and rows[0]["source"] == "Le Courrier de l'Est"
    output = capsys.readouterr()
    lines = output.err.splitlines()
    assert any(line.startswith("refused:") and "europresse_otan.html, article 4: damaged" in line
               for line in lines)
    assert any(line.startswith("duplicate:") and "factiva_otan.html, article 1: the same text as"
               in line for line in lines)
    # The repeat is counted apart from the refusals (the damaged articles of each file).
    assert "3 refused, 1 duplicate(s) kept once ->" in output.out


# The Add articles page ----------------------------------------------------------------

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def upload_page(tmp_path, monkeypatch):
    """The Add articles page in AppTest, with a cache of its own."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(APP, default_timeout=180)
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def analyse_files(at, *files: tuple[str, bytes]):
    at.file_uploader[0].set_value([(name, data, "application/octet-stream")
                                   for name, data in files]).run()
    at.button(key="upload-analyse").click().run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def test_upload_types_take_the_exports():
    from ui.uploads import UPLOAD_LABEL, UPLOAD_TYPES

    assert {"html", "rtf", "docx"} <= set(UPLOAD_TYPES)
    for name in ("Europresse", "Factiva", "Nexis Uni"):
        assert name in UPLOAD_LABEL


def test_two_exports_on_the_page_keep_a_shared_article_once(upload_page):
    from ui.highlight import escape_markdown

    at = analyse_files(upload_page, ("europresse_otan.html", EUROPRESSE.read_bytes()),
                       ("factiva_otan.html", FACTIVA_HTML.read_bytes()))
    assert at.success[0].value.startswith("Added 6 articles with ")
    assert "; 1 duplicate of an article already read kept once." in at.success[0].value
    assert [error.value for error in at.error] == [escape_markdown(message) for message in (
        "europresse_otan.html, article 4: damaged Europresse article, not read: no body text",
        "factiva_otan.html, article 3: damaged Factiva article, not read: no title and no "
        "body text")]
    # The same export again adds nothing: its articles are in the session already.
    at = analyse_files(at, ("europresse_otan.html", EUROPRESSE.read_bytes()))
    assert not at.success
    assert at.info[0].value == ("No new article: 4 duplicates of an article already read "
                                "kept once. Your corpus is unchanged.")


def test_an_export_larger_than_the_session_allows_is_read_up_to_the_limit(upload_page,
                                                                           monkeypatch):
    from ui import limits
    from ui.highlight import escape_markdown

    monkeypatch.setattr(limits, "MAX_SESSION_ARTICLES", 2)
    at = analyse_files(upload_page, ("europresse_otan.html", EUROPRESSE.read_bytes()))
    assert at.success[0].value.startswith("Added 2 articles with ")
    assert [error.value for error in at.error] == [escape_markdown(
        "europresse_otan.html: the rest of the file was not read: this session holds the most "
        "it may (2 articles); remove some articles with “Remove my articles” to add others")]


def test_may_hold_many_tells_a_progress_bar_not_to_count_files(tmp_path):
    from analysis.ingest import may_hold_many

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>One article about the alliance.</p></body></html>")
    assert may_hold_many(EUROPRESSE) and may_hold_many(NEXIS_RTF)
    assert may_hold_many(tmp_path / "rows.csv")  # by its name alone
    assert not may_hold_many(page)


def test_a_docx_that_unpacks_too_large_is_refused_before_it_is_parsed(nexis_docx, monkeypatch):
    monkeypatch.setattr(nexis, "MAX_DOCX_UNPACKED_BYTES", 1_000)
    articles, refusals, _ = read_upload("bomb.docx", nexis_docx.read_bytes())
    assert articles == []
    [message] = messages(refusals)
    assert message.startswith("bomb.docx: a DOCX file that unpacks to ")
    assert message.endswith("over the 1.0 kB limit")


@pytest.mark.parametrize("name, data", [
    ("blank.txt", b"End of Document\n" + b"\n" * 300_000 + b"x"),
    ("long-header.txt", "\n".join(NEXIS_LINES).replace(
        "Le Républicain des Cévennes", "Cévennes" * 150_000).encode()),
    ("long-date.html", EUROPRESSE.read_bytes().replace(
        b"Politique, lundi", b"Politique" * 100_000 + b", lundi")),
])
def test_hostile_exports_are_read_in_linear_time(name, data):
    import time

    started = time.perf_counter()
    read_upload(name, data)
    assert time.perf_counter() - started < 5
