"""Reading articles from text, HTML, CSV and JSONL files, folders and uploads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest import (
    MAX_ARTICLE_BYTES,
    Article,
    IngestError,
    Refusal,
    detect_language,
    iter_paths,
    read_paths,
    read_upload,
    text_sha256,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = ROOT / "data" / "articles" / "lfi-nato-exit.txt"

ENGLISH_BODY = (
    "Deputies in Paris debated on Tuesday whether France should leave the integrated "
    "military command of the alliance. Gabriel Amard said the country would gain more "
    "independence, while government ministers said they would keep their commitments.\n"
)
FRENCH_BODY = (
    "Les députés ont débattu mardi d'une sortie de la France du commandement intégré de "
    "l'OTAN. Selon le gouvernement, le pays doit rester fidèle à ses alliés et à ses "
    "engagements.\n"
)
GERMAN_BODY = (
    "Die Bundesregierung hat am Dienstag erklärt, dass Deutschland fest zum Bündnis steht. "
    "Der Kanzler sagte, ein Austritt aus der NATO stehe nicht zur Debatte.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write `content` (UTF-8 if text) to folder/name, creating parent folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_one(path: Path, **options) -> Article:
    """Read a file that must give exactly one article and nothing else."""
    articles, refusals, warnings = read_paths(path, **options)
    assert refusals == [] and warnings == []
    assert len(articles) == 1
    return articles[0]


def refusal_messages(path: Path, **options) -> list[str]:
    articles, refusals, _warnings = read_paths(path, **options)
    assert articles == []
    return [refusal.message() for refusal in refusals]


# The sample article -----------------------------------------------------------------


def test_sample_article_reads_as_one_english_article_with_the_file_as_text():
    article = read_one(SAMPLE_ARTICLE)
    assert article.article_id == "lfi-nato-exit"
    assert article.title == ""  # its first line is a long sentence, not a headline
    assert article.language == "en"
    assert article.text == SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert article.origin == str(SAMPLE_ARTICLE)
    assert (article.source, article.url, article.published) == ("", "", "")


# Decoding and refusals of whole files -------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \r\n"], ids=["empty", "whitespace"])
def test_empty_file_is_refused(tmp_path, content):
    path = write(tmp_path, "blank.txt", content)
    assert refusal_messages(path) == [f"{path}: empty"]


def test_header_without_body_is_refused_as_empty(tmp_path):
    path = write(tmp_path, "only-header.txt", "title: France and NATO\nsource: Le Monde\n\n")
    assert refusal_messages(path) == [f"{path}: empty"]


def test_file_with_nul_bytes_is_refused_as_binary(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert refusal_messages(path) == [f"{path}: binary file, not text (it contains NUL bytes)"]


def test_file_of_control_characters_is_refused_as_binary(tmp_path):
    path = write(tmp_path, "noise.txt", b"\x01\x02\x03NATO\x04\x05\x06\x07\x08\x0e\x0f")
    assert refusal_messages(path) == [
        f"{path}: binary file, not text (mostly control characters)"
    ]


def test_cp1252_text_is_decoded_with_a_warning(tmp_path):
    path = write(
        tmp_path,
        "guette.txt",
        b"Cl\xe9mence Guett\xe9 a d\xe9clar\xe9 mardi que la France devait quitter le "
        b"commandement int\xe9gr\xe9 de l'OTAN, selon un communiqu\xe9 de son groupe.\n",
    )
    articles, refusals, warnings = read_paths(path)
    assert refusals == []
    assert warnings == [f"{path}: decoded as cp1252, not UTF-8"]
    assert articles[0].text.startswith("Clémence Guetté a déclaré mardi")
    assert articles[0].language == "fr"


def test_bytes_valid_in_neither_utf8_nor_cp1252_are_refused(tmp_path):
    path = write(tmp_path, "broken.txt", b"NATO \x81\x8d\x9d summit in Vilnius")
    assert refusal_messages(path) == [f"{path}: not valid UTF-8 or cp1252 text"]


def test_utf8_bom_is_stripped_before_the_headers(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbftitle: Paris weighs an exit\n\n" +
                 ENGLISH_BODY.encode("utf-8"))
    article = read_one(path)
    assert article.title == "Paris weighs an exit"
    assert article.text == "Paris weighs an exit\n\n" + ENGLISH_BODY
    assert "\ufeff" not in article.text


def test_article_over_the_size_limit_is_refused(tmp_path):
    path = write(tmp_path, "long.txt", "A" * 250)
    assert refusal_messages(path, max_bytes=100) == [
        f"{path}: 250 bytes is over the 100 bytes limit per article"
    ]


def test_size_limit_message_counts_megabytes(tmp_path):
    path = write(tmp_path, "huge.txt", "NATO " * 420_000)  # 2,100,000 bytes
    assert MAX_ARTICLE_BYTES == 2_000_000
    assert refusal_messages(path) == [f"{path}: 2.1 MB is over the 2.0 MB limit per article"]


def test_german_article_is_refused_as_unsupported(tmp_path):
    path = write(tmp_path, "berlin.txt", GERMAN_BODY)
    assert refusal_messages(path) == [f"{path}: language 'de' is not supported (en, fr)"]


def test_unsupported_language_header_is_refused_with_its_name(tmp_path):
    path = write(tmp_path, "berlin.txt", "language: German\n\n" + GERMAN_BODY)
    assert refusal_messages(path) == [
        f"{path}: language 'German' (de) is not supported (en, fr)"
    ]


def test_unknown_extension_is_refused(tmp_path):
    path = write(tmp_path, "report.pdf", b"%PDF-1.7 not really a PDF")
    assert refusal_messages(path) == [
        (
            f"{path}: unknown file type '.pdf' "
            "(expected .txt, .md, .html, .htm, .csv, .jsonl, .ndjson, .rtf, .docx)"
        )
    ]


def test_missing_path_raises_before_any_reading(tmp_path):
    with pytest.raises(IngestError, match="no such file or folder"):
        iter_paths([tmp_path, tmp_path / "missing.txt"])


@pytest.mark.parametrize("options", [{"language": "de"}, {"max_bytes": 0}])
def test_unusable_options_raise(tmp_path, options):
    with pytest.raises(IngestError):
        read_paths(tmp_path, **options)


def test_refusal_message_is_one_line():
    refusal = Refusal("folder/file.csv:12", "not valid\nJSON")
    assert refusal.message() == "folder/file.csv:12: not valid JSON"


# Text files: headers and titles ---------------------------------------------------------


def test_headers_give_metadata_and_the_title_leads_the_analysed_text(tmp_path):
    path = write(
        tmp_path,
        "paris-debate.md",
        "Title: Paris debates leaving NATO\nSOURCE: The Daily Ledger\n"
        "url: https://example.org/paris-debate\npublished: 2024-03-05\nLanguage: English\n\n"
        + ENGLISH_BODY,
    )
    article = read_one(path)
    assert article.article_id == "paris-debate"
    assert article.title == "Paris debates leaving NATO"
    assert article.source == "The Daily Ledger"
    assert article.url == "https://example.org/paris-debate"
    assert article.published == "2024-03-05"
    assert article.language == "en"
    assert article.text == "Paris debates leaving NATO\n\n" + ENGLISH_BODY
    # Offsets count in the full text: the body starts after the title and a blank line.
    start = article.text.index("Gabriel Amard")
    assert start == len("Paris debates leaving NATO\n\n") + ENGLISH_BODY.index("Gabriel Amard")
    assert article.text[start:start + len("Gabriel Amard")] == "Gabriel Amard"


def test_header_title_is_not_repeated_when_the_body_starts_with_it(tmp_path):
    body = "Paris debates leaving NATO\n\n" + ENGLISH_BODY
    path = write(tmp_path, "repeat.txt", "title: Paris debates leaving NATO\n\n" + body)
    assert read_one(path).text == body


@pytest.mark.parametrize(
    ("given", "expected"),
    [("English", "en"), ("EN", "en"), ("en-GB", "en"), ("fr-FR", "fr"), ("Français", "fr")],
)
def test_language_header_is_normalised(tmp_path, given, expected):
    path = write(tmp_path, "note.txt", f"language: {given}\n\nNATO, OTAN: 1966, 2009.\n")
    assert read_one(path).language == expected


def test_forced_language_overrides_detection(tmp_path):
    path = write(tmp_path, "english.txt", ENGLISH_BODY)
    assert read_one(path, language="French").language == "fr"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-03-05T09:30:00+01:00", "2024-03-05"),
        ("5 mars 2024", "2024-03-05"),
        ("mardi 1er avril 2025", "2025-04-01"),
        ("March 5, 2024", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("25/12/2023", "2023-12-25"),
    ],
)
def test_published_dates_are_normalised_to_iso(tmp_path, published, expected):
    path = write(tmp_path, "dated.txt", f"published: {published}\n\n{ENGLISH_BODY}")
    assert read_one(path).published == expected


@pytest.mark.parametrize(
    ("published", "problem"),
    [
        ("sometime last spring", "not understood"),
        ("March 2024", "not understood"),  # no day: not turned into the 1st
        ("05/03/2024", "is ambiguous"),  # 5 March or 3 May
    ],
)
def test_unparseable_published_date_is_left_empty_with_a_warning(tmp_path, published, problem):
    path = write(tmp_path, "undated.txt", f"published: {published}\n\n{ENGLISH_BODY}")
    articles, refusals, warnings = read_paths(path)
    assert refusals == []
    assert articles[0].published == ""
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: published date '{published}' {problem}")


def test_short_first_line_is_the_title_and_stays_in_the_text(tmp_path):
    content = "France weighs leaving NATO\n\n" + ENGLISH_BODY
    article = read_one(write(tmp_path, "headline.txt", content))
    assert article.title == "France weighs leaving NATO"
    assert article.text == content


def test_markdown_heading_is_the_title_without_its_marks(tmp_path):
    content = "# France weighs leaving NATO\n" + ENGLISH_BODY
    article = read_one(write(tmp_path, "headline.md", content))
    assert article.title == "France weighs leaving NATO"
    assert article.text == content


@pytest.mark.parametrize(
    "content",
    [
        "Deputies debated the alliance on Tuesday.\n\n" + ENGLISH_BODY,  # a sentence
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen\n\n" + ENGLISH_BODY,  # sixteen words
        "France weighs leaving NATO\n",  # nothing follows it
    ],
    ids=["final-period", "too-long", "alone"],
)
def test_first_line_that_is_not_a_headline_gives_no_title(tmp_path, content):
    article = read_one(write(tmp_path, "plain.txt", content), language="en")
    assert article.title == ""
    assert article.text == content


def test_windows_newlines_are_normalised(tmp_path):
    content = b"Short headline\r\n\r\nFirst line of the body.\r\nSecond.\r\n"
    path = write(tmp_path, "crlf.txt", content)
    article = read_one(path, language="en")
    assert article.title == "Short headline"
    assert article.text == "Short headline\n\nFirst line of the body.\nSecond.\n"


# CSV and JSONL ------------------------------------------------------------------------


def test_csv_rows_with_ids_keep_them_and_origins_give_the_starting_line(tmp_path):
    path = write(
        tmp_path,
        "press.csv",
        "id,title,text,source,published\n"
        'a1,Paris debate,"Deputies argued on Tuesday about the future of the alliance.\n'
        'A vote on the resolution is expected next month.",Le Monde,2024-03-05\n'
        'a2,,"The government said that France would keep its seat in the integrated '
        'command of the alliance.",,\n',
    )
    articles, refusals, warnings = read_paths(path)
    assert refusals == [] and warnings == []
    assert [article.article_id for article in articles] == ["a1", "a2"]
    assert [article.origin for article in articles] == [f"{path}:2", f"{path}:4"]
    first, second = articles
    assert first.title == "Paris debate"
    assert first.text == (
        "Paris debate\n\nDeputies argued on Tuesday about the future of the alliance.\n"
        "A vote on the resolution is expected next month."
    )
    assert (first.source, first.published, first.language) == ("Le Monde", "2024-03-05", "en")
    assert second.title == ""
    assert second.text.startswith("The government said")


def test_csv_without_ids_gets_stable_content_hash_ids(tmp_path):
    texts = [
        "The alliance summit opened in Vilnius with a statement on collective defence.",
        "Le sommet de l'Alliance s'est ouvert avec une déclaration sur la défense collective.",
    ]
    path = write(tmp_path, "no-ids.csv", "text\n" + "".join(f'"{text}"\n' for text in texts))
    articles, refusals, _ = read_paths(path)
    assert refusals == []
    expected = [hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] for text in texts]
    assert [article.article_id for article in articles] == expected
    assert [article.language for article in articles] == ["en", "fr"]
    assert [article.article_id for article in read_paths(path)[0]] == expected


def test_semicolon_csv_with_capitalised_headers_is_read(tmp_path):
    path = write(tmp_path, "excel.csv", "ID;Title;Text;Language\nfr-1;Sortie;" +
                 FRENCH_BODY.strip() + ";fr\n")
    article = read_one(path)
    assert (article.article_id, article.title, article.language) == ("fr-1", "Sortie", "fr")
    assert article.text == "Sortie\n\n" + FRENCH_BODY.strip()


def test_csv_without_a_text_column_is_refused_whole(tmp_path):
    path = write(tmp_path, "links.csv", "id,url\n1,https://example.org/a\n2,https://example.org/b\n")
    assert refusal_messages(path) == [f"{path}: no 'text' column (columns found: id, url)"]


def test_csv_with_a_header_and_no_rows_is_refused(tmp_path):
    path = write(tmp_path, "header-only.csv", "id,title,text\n")
    assert refusal_messages(path) == [f"{path}: empty (a header but no rows)"]


def test_csv_row_problems_are_refused_one_row_at_a_time(tmp_path):
    path = write(
        tmp_path,
        "rows.csv",
        "id,text\n"
        f'a1,"{ENGLISH_BODY.strip()}"\n'
        "a2,\n"
        f'a1,"{FRENCH_BODY.strip()}"\n'
        f'a3,"{"x" * 400}"\n',
    )
    articles, refusals, _ = read_paths(path, max_bytes=300)
    assert [article.article_id for article in articles] == ["a1"]
    assert [refusal.message() for refusal in refusals] == [
        f"{path}:3: empty text",
        f"{path}:4: duplicate article id 'a1' (already read from {path}:2)",
        f"{path}:5: 400 bytes is over the 300 bytes limit per article",
    ]


def test_jsonl_malformed_line_is_refused_alone(tmp_path):
    lines = [
        json.dumps({"id": "j1", "title": "Athens and the alliance", "text": ENGLISH_BODY}),
        '{"id": "j2", "text": "an unterminated string}',
        "",
        json.dumps({"id": "j3", "text": FRENCH_BODY, "language": "fr"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, refusals, warnings = read_paths(path)
    assert warnings == []
    assert [(article.article_id, article.origin) for article in articles] == [
        ("j1", f"{path}:1"), ("j3", f"{path}:4"),
    ]
    assert articles[0].text == "Athens and the alliance\n\n" + ENGLISH_BODY
    assert [refusal.message() for refusal in refusals] == [
        f"{path}:2: not valid JSON",
        f"{path}:5: not a JSON object",
    ]


def test_jsonl_numeric_id_and_missing_text(tmp_path):
    lines = [json.dumps({"id": 7, "text": FRENCH_BODY}), json.dumps({"id": 8})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    articles, refusals, _ = read_paths(path)
    assert [article.article_id for article in articles] == ["7"]
    assert [refusal.message() for refusal in refusals] == [f"{path}:2: no 'text' field"]


# HTML ---------------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>France weighs NATO exit | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<link rel="canonical" href="https://example.org/news/nato-exit">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>France weighs NATO exit</h1>
<p>Members of parliament in Paris debated on Tuesday whether France should leave the
integrated military command of the alliance.</p>
<p>The proposal, tabled by a left-wing deputy, recalls the decision taken in 1966 and the
return to the command in 2009.</p>
<p>Government ministers said the country would keep its commitments to its allies.</p>
</article>
<footer>Contact us | Subscribe</footer>
</body></html>
"""


def test_html_page_gives_main_text_and_metadata(tmp_path):
    article = read_one(write(tmp_path, "nato-exit.html", NEWS_PAGE))
    assert article.article_id == "nato-exit"
    assert article.title == "France weighs NATO exit"
    assert article.source == "The Daily Ledger"
    assert article.url == "https://example.org/news/nato-exit"
    assert article.published == "2024-03-05"
    assert article.language == "en"
    assert article.text.startswith("France weighs NATO exit\n")
    assert "recalls the decision taken in 1966" in article.text
    assert "Subscribe" not in article.text and "Home" not in article.text


def test_malformed_html_does_not_crash(tmp_path):
    path = write(
        tmp_path,
        "broken.htm",
        "<html><head><title>Unclosed<body><div><p>French deputies debated the alliance "
        "on Tuesday <b>and the vote on leaving the integrated command <i>was delayed",
    )
    articles, refusals, _ = read_paths(path)
    assert len(articles) + len(refusals) == 1


@pytest.mark.parametrize("page", [b"<html><body></body></html>", b"<<<>>>"])
def test_html_without_main_text_is_refused(tmp_path, page):
    path = write(tmp_path, "shell.html", page)
    assert refusal_messages(path) == [f"{path}: no main text could be extracted from the HTML"]


# Folders and streaming ----------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order_skipping_hidden_names(tmp_path):
    write(tmp_path, "b.txt", ENGLISH_BODY)
    write(tmp_path, "a/nested.md", FRENCH_BODY)
    write(tmp_path, "a/deeper/rows.jsonl", json.dumps({"id": "row-1", "text": ENGLISH_BODY}))
    write(tmp_path, ".hidden.txt", ENGLISH_BODY)
    write(tmp_path, ".git/ignored.txt", ENGLISH_BODY)
    articles, refusals, warnings = read_paths(tmp_path)
    assert refusals == [] and warnings == []
    assert [article.article_id for article in articles] == ["row-1", "nested", "b"]
    assert [article.language for article in articles] == ["en", "fr", "en"]


def test_files_are_read_only_when_the_iteration_reaches_them(tmp_path):
    write(tmp_path, "1.txt", ENGLISH_BODY)
    second = write(tmp_path, "2.txt", ENGLISH_BODY)
    items = iter_paths(tmp_path)
    assert next(items).article_id == "1"
    second.write_text(FRENCH_BODY, encoding="utf-8")
    assert next(items).text == FRENCH_BODY
    assert next(items, None) is None


def test_same_stem_in_two_folders_is_refused_the_second_time(tmp_path):
    first = write(tmp_path, "2023/summit.txt", ENGLISH_BODY)
    second = write(tmp_path, "2024/summit.txt", FRENCH_BODY)
    articles, refusals, _ = read_paths(tmp_path)
    assert [article.origin for article in articles] == [str(first)]
    assert [refusal.message() for refusal in refusals] == [
        f"{second}: duplicate article id 'summit' (already read from {first})"
    ]


# Uploads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "article_id"),
    [("../../etc/passwd.txt", "passwd"), ("C:\\Users\\analyst\\notes.md", "notes")],
)
def test_upload_uses_only_the_last_part_of_its_name(tmp_path, monkeypatch, name, article_id):
    monkeypatch.chdir(tmp_path)
    articles, refusals, warnings = read_upload(name, ENGLISH_BODY.encode("utf-8"))
    assert refusals == [] and warnings == []
    assert articles[0].article_id == article_id
    assert articles[0].origin == name.replace("\\", "/").rsplit("/", 1)[-1]
    assert articles[0].text == ENGLISH_BODY
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_upload_of_a_csv_in_cp1252(tmp_path):
    data = ("id;text\nu1;" + FRENCH_BODY.strip() + "\n").encode("cp1252")
    articles, refusals, warnings = read_upload("export.CSV", data)
    assert refusals == []
    assert warnings == ["export.CSV: decoded as cp1252, not UTF-8"]
    assert [(article.article_id, article.origin) for article in articles] == [
        ("u1", "export.CSV:2")
    ]
    assert articles[0].text == FRENCH_BODY.strip()


def test_upload_with_an_unknown_extension_is_refused():
    articles, refusals, _ = read_upload("slides.pptx", b"PK\x03\x04")
    assert articles == []
    assert refusals[0].message().startswith("slides.pptx: unknown file type '.pptx'")


UPLOAD_BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    st.text(alphabet="id,title,text\n\"';:{}[] NATOé\r\\", max_size=200).map(str.encode),
)


@settings(max_examples=150, deadline=None)
@given(
    data=UPLOAD_BYTES,
    extension=st.sampled_from([".txt", ".md", ".html", ".csv", ".jsonl", ".bin", ""]),
)
def test_any_upload_gives_messages_not_exceptions(data, extension):
    articles, refusals, warnings = read_upload("input" + extension, data)
    for message in [refusal.message() for refusal in refusals] + warnings:
        assert "\n" not in message and message.startswith("input")
    for article in articles:
        assert article.text.strip() and article.language in ("en", "fr")


# Helpers ------------------------------------------------------------------------------


def test_text_sha256_and_article_row():
    assert text_sha256("NATO") == hashlib.sha256(b"NATO").hexdigest()
    article = Article("a1", "", "", "", "", "en", "France may leave NATO.", "a1.txt")
    row = article.as_row()
    assert row["n_words"] == 4
    assert row["text_sha256"] == text_sha256("France may leave NATO.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said the alliance would hold.", "en"),
        ("Le ministre a dit que l'Alliance tiendra.", "fr"),
        (GERMAN_BODY, "de"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("raw, clean", [
    ("Nothing to change: Ça va, l'OTAN ?", "Nothing to change: Ça va, l'OTAN ?"),
    ("A bell\x07 and an escape\x1b[0m gone, a tab\tkept",
     "A bell and an escape[0m gone, a tab\tkept"),
    ("Page one\x0cpage two\x85line\x0bend", "Page one\npage two\nline\nend"),
    ("DEL\x7f and C1\x9b dropped\r\nCRLF\rCR", "DEL and C1 dropped\nCRLF\nCR"),
    ("Decomposed e\u0301 composed", "Decomposed \u00e9 composed"),
])
def test_control_characters_are_dropped_and_line_breaks_made_newlines(tmp_path, raw, clean):
    article = read_one(write(tmp_path, "a.txt", raw), language="en")
    assert article.text == clean
