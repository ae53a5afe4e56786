"""The CSV behind every download button, byte for byte, and the names of the files."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest

from analysis.export import csv_bytes, zip_bytes
from analysis.tables import make_table
from ui.downloads import file_name, slug


def claims_rows() -> pd.DataFrame:
    return make_table("claims", [
        {"claim_id": "a-c001", "article_id": "a", "sentence_index": 1, "start_char": 10,
         "end_char": 40, "speaker": "Clémence Guetté", "speaker_type": "person", "cue": "say",
         "claim_text": "=HYPERLINK(\"http://x\")", "is_quote": False, "target": "NATO",
         "kind": "proposal", "nato_stance": "exit"},
        {"claim_id": "a-c002", "article_id": "a", "sentence_index": 2, "start_char": 50,
         "end_char": 70, "speaker": "Recep Tayyip Erdoğan", "speaker_type": "person",
         "cue": "argue", "claim_text": "Türkiye stays", "is_quote": True, "target": "Türkiye",
         "kind": "assessment", "nato_stance": "stay"},
    ])


def test_csv_has_the_contract_header_and_exactly_the_filtered_rows():
    claims = claims_rows()
    filtered = claims[claims["speaker"] == "Clémence Guetté"]

    lines = csv_bytes(filtered).decode("utf-8").splitlines()

    assert lines[0] == ("claim_id,article_id,sentence_index,start_char,end_char,speaker,"
                        "speaker_type,cue,claim_text,is_quote,target,kind,nato_stance")
    assert len(lines) == 2
    assert lines[1].startswith("a-c001,a,1,10,40,Clémence Guetté,person,say,")


def test_csv_is_utf8_without_byte_order_mark_and_keeps_accents():
    data = csv_bytes(claims_rows())

    assert not data.startswith(b"\xef\xbb\xbf")
    assert "Clémence Guetté".encode() in data
    assert "Türkiye".encode() in data
    assert "Erdoğan".encode() in data
    assert data.count(b"\r\n") == 3  # RFC 4180 line ends: header and two rows


@pytest.mark.parametrize("cell", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])
def test_formula_leading_text_cells_are_neutralised(cell):
    frame = pd.DataFrame({"claim_text": [cell], "n_words": [-5]})

    data = csv_bytes(frame)

    assert data.startswith(b"claim_text,n_words\r\n")
    assert ("'" + cell).encode() in data
    assert data.endswith(b",-5\r\n")  # numbers are data, not formulas, even negative ones


@pytest.mark.parametrize("cell", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tTAB"])
def test_neutralised_cells_read_back_with_their_apostrophe(cell):
    frame = pd.DataFrame({"claim_text": [cell], "n_words": [-5]})

    parsed = pd.read_csv(io.BytesIO(csv_bytes(frame)), dtype=str, keep_default_na=False)

    assert parsed.loc[0, "claim_text"] == "'" + cell
    assert parsed.loc[0, "n_words"] == "-5"


def test_a_cell_with_a_carriage_return_stays_one_cell():
    frame = pd.DataFrame({"claim_text": ["\rCR", "a\rb"], "n_words": [1, 2]})

    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))

    assert rows == [["claim_text", "n_words"], ["'\rCR", "1"], ["a\rb", "2"]]


def test_exact_bytes_of_a_small_table():
    frame = pd.DataFrame({"actor": ["=cmd", "Türkiye", "plain"], "mentions": [3, -1, 0]})

    assert csv_bytes(frame) == ("actor,mentions\r\n'=cmd,3\r\nTürkiye,-1\r\nplain,0\r\n").encode()


def test_unsafe_export_keeps_cells_as_they_are():
    frame = pd.DataFrame({"actor": ["=cmd"]})

    assert csv_bytes(frame, safe=False) == b"actor\r\n=cmd\r\n"


def test_zip_holds_one_safe_csv_per_table():
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes({"claims": claims_rows(),
                                                    "articles": make_table("articles", [])})))

    assert sorted(archive.namelist()) == ["articles.csv", "claims.csv"]
    assert "'=HYPERLINK" in archive.read("claims.csv").decode("utf-8")


@pytest.mark.parametrize("value, expected", [
    ("Clémence Guetté", "Clemence-Guette"),
    ("Türkiye", "Turkiye"),
    ("La France Insoumise", "La-France-Insoumise"),
    ("../../etc/passwd", "etc-passwd"),
    ("2026-01-01", "2026-01-01"),
    ("日本", ""),
])
def test_slug_is_ascii_letters_digits_and_hyphens(value, expected):
    assert slug(value) == expected


def test_file_name_says_what_was_filtered():
    assert file_name("claims", {"speaker": ["Clémence Guetté"], "published": ["2026"]}) == (
        "claims_speaker-Clemence-Guette_published-2026.csv")
    assert file_name("claims", {"language": ["en", "fr"], "kind": []}) == (
        "claims_language-en+fr.csv")
    assert file_name("actors", {}) == "actors.csv"
    assert file_name("nato-exit-tables", {"country": "Greece"}, extension="zip") == (
        "nato-exit-tables_country-Greece.zip")


def test_long_file_names_are_cut_but_stay_distinct():
    many = {"articles": [f"article-{number:03d}" for number in range(50)]}
    other = {"articles": [f"article-{number:03d}" for number in range(51)]}

    first, second = file_name("claims", many), file_name("claims", other)

    assert len(first) <= 125 and first.endswith(".csv") and first.startswith("claims_articles-")
    assert first != second


def test_rows_fetched_on_click_leave_as_safe_csv_and_only_when_clicked(monkeypatch):
    from ui import downloads

    fetched: list[int] = []
    button: dict = {}
    monkeypatch.setattr(downloads.st, "download_button",
                        lambda label, **options: button.update(options, label=label))

    def fetch() -> pd.DataFrame:
        fetched.append(1)
        return claims_rows()

    downloads.download_csv(fetch, rows=2, table="claims", filters={"speaker": ["Ana"]},
                           key="k")
    assert fetched == [] and button["label"] == "Download claims as CSV (2 rows)"
    data = button["data"]()

    assert fetched == [1]
    assert data == csv_bytes(claims_rows(), safe=True)
    assert "'=HYPERLINK" in data.decode("utf-8")
    assert button["file_name"] == "claims_speaker-Ana.csv"
