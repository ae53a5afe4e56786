"""Broken and hostile input, limits, isolation and downloads: what a public link must survive.

Ingest and analysis get random bytes, random Unicode (right-to-left marks, emoji, zero-width
and combining characters, NUL), very long lines, deeply nested HTML, CSV with the wrong
delimiter, stray quotes and missing columns, and JSONL with broken lines: nothing may raise,
every refusal is one line naming the file, and the valid rows are kept. The dashboard's
limits (ui.limits), the separation of visitors' uploads, and the spreadsheet safety of every
download are checked through AppTest. Example counts stay small; `python tools/fuzz.py`
runs the long campaign.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import tomllib
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from analysis.export import FORMULA_PREFIXES, csv_bytes
from analysis.ingest import Article, iter_upload, read_upload
from analysis.pipeline import analyse, split_text
from analysis.tables import TABLE_COLUMNS
from tests.support import listing
from ui import limits
from ui.data import analyse_isolated
from ui.highlight import escape_markdown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "articles" / "lfi-nato-exit.txt"
FEW = settings(max_examples=25, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ENGLISH = ("Clémence Guetté said on Monday that France should leave NATO's integrated "
           "command, and she accused Washington of treating Europe as a vassal.")
FRENCH = ("Clémence Guetté a déclaré lundi que la France devait quitter le commandement "
          "intégré de l'OTAN, selon le journal.")
# Characters that break naive text handling: bidirectional controls, zero-width joiners and
# spaces, combining marks, emoji sequences, NUL and other controls, quotes, markup.
TRICKY = [
    "\u202e", "\u202b", "\u200f", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff",
    "\u0301", "\u0300", "\u20dd", "\u0338", "🙂", "👩\u200d👩\u200d👧", "🇫🇷", "\U0010ffff",
    "\x00", "\x07", "\x1b", "\r", "\n", "\t", "\u2028", "\u0085",
    "«", "»", "“", "”", '"', "'", "<", ">", "&", "</div>", "<script>", "[", "](", "**", ":",
    "مرحبا", "שלום", "NATO", " said ", " a déclaré ", "Guetté", "1966", ".",
]
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(TRICKY),
                                  st.text(st.characters(exclude_categories=("Cs",)),
                                          max_size=8)),
                        max_size=60).map("".join)


def one_line_messages(name: str, refusals, warnings) -> list[str]:
    """Every refusal and warning, checked to be one line starting with the file's name."""
    messages = [refusal.message() for refusal in refusals] + list(warnings)
    for message in messages:
        assert "\n" not in message and "\r" not in message, message
        assert message.startswith(name), message
        assert len(message.split(": ", 1)[-1]) > 3, message  # says why
    return messages


def check_article(article: Article) -> None:
    assert article.text.strip()
    assert article.language in ("en", "fr")
    assert "\n" not in article.title and "\r" not in article.text
    assert not set(article.text + article.title) & {"\x00", "\x07", "\x1b", "\x85"}


# Ingest: anything in, articles or one-line refusals out ------------------------------------


@FEW
@given(data=st.binary(max_size=2000),
       extension=st.sampled_from([".txt", ".md", ".html", ".htm", ".csv", ".jsonl", ".ndjson",
                                  ".exe", ""]))
def test_random_bytes_never_raise(data, extension):
    articles, refusals, warnings = read_upload("random" + extension, data)
    one_line_messages("random", refusals, warnings)
    for article in articles:
        check_article(article)


def as_format(text: str, extension: str) -> bytes:
    """Hostile text wrapped as a file of the given type."""
    if extension == ".jsonl":
        return (json.dumps({"id": "x", "title": text[:30], "text": text}) + "\n").encode()
    if extension == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["id", "title", "text"], ["x", text[:30], text]])
        return buffer.getvalue().encode("utf-8")
    if extension == ".html":
        return (f"<html><head><title>{text[:30]}</title></head><body><article><p>{text}"
                f"</p><p>{ENGLISH}</p></article></body></html>").encode("utf-8", "replace")
    return text.encode("utf-8", "replace")


@FEW
@given(text=HOSTILE_TEXT, extension=st.sampled_from([".txt", ".md", ".html", ".csv", ".jsonl"]),
       language=st.sampled_from([None, "en", "fr"]))
def test_hostile_unicode_in_every_format_gives_articles_or_refusals(text, extension, language):
    name = "hostile" + extension
    articles, refusals, warnings = read_upload(name, as_format(ENGLISH + text, extension),
                                               language=language)
    one_line_messages(name, refusals, warnings)
    assert len(articles) + len(refusals) >= 1
    for article in articles:
        check_article(article)


@pytest.mark.parametrize("name, data, expected", [
    ("long-line.txt", ("word" * 400_000).encode(), "language"),
    ("nul.txt", ENGLISH.encode() + b"\x00" + ENGLISH.encode(), "binary file"),
    ("nested.html", b"<html><body>" + b"<div>" * 100_000 + ENGLISH.encode()
     + b"</div>" * 100_000, None),
    ("unclosed.html", b"<html><body>" + b"<div><p><b><i><table><tr><td>" * 20_000
     + ENGLISH.encode() * 20, None),
    ("open-tags.html", b"<div>" * 1_000_000, "no main text"),
    ("deep.jsonl", b"[" * 100_000 + b"\n", "not valid JSON"),
    ("semicolons.csv", b"id;text\n1;" + ENGLISH.encode(), None),
    ("pipes.csv", b"id|text\n1|" + ENGLISH.encode(), None),
    ("colons.csv", b"id:text\n1:" + ENGLISH.encode(), "separated by commas"),
    ("header-only.csv", b"\xef\xbb\xbfid,text\r\n", "a header but no rows"),
    ("cp1252.txt", ENGLISH.replace("é", "e").encode() + b" \x93quoted\x94", None),
])
def test_pathological_files_are_read_or_refused_in_one_line(name, data, expected):
    articles, refusals, warnings = read_upload(name, data)
    messages = one_line_messages(name, refusals, warnings)
    if expected:
        assert any(expected in message for message in messages), messages
    else:
        assert len(articles) + len(refusals) == 1, messages
    for article in articles:
        check_article(article)


VALID_ROW = st.tuples(st.just("valid"), st.sampled_from([ENGLISH, FRENCH]), HOSTILE_TEXT)
CSV_BROKEN = st.sampled_from(["only-an-id", 'x,"quoted"then-more', "x,", ",,,", ' ,  '])
JSONL_BROKEN = st.sampled_from(['{"id": "x", "text": ', "[1, 2]", '"text"', '{"id": "x"}',
                                '{"text": 5}', '{"text": ""}', "[" * 3000, "{" * 10,
                                '{"text": "a NUL \x00 inside"}', '{"text": "\\u0000"}',
                                '{"text": "\\u200b\\u202e 🙂"}'])


def keeps_valid_rows(extension: str, rows: list) -> None:
    """Valid rows come out as articles with their ids; each broken row is refused alone."""
    lines = ["id,text"] if extension == ".csv" else []
    expected_ids, broken_lines = [], set()
    for number, row in enumerate(rows):
        if isinstance(row, tuple):
            _, body, noise = row
            article_id = f"row-{number}"
            expected_ids.append(article_id)
            # One physical line per row, so that line numbers are easy to predict here.
            text = body + " " + " ".join(noise[:20].splitlines())
            if extension == ".csv":
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="").writerow([article_id, text])
                lines.append(buffer.getvalue())
            else:
                lines.append(json.dumps({"id": article_id, "text": text}))
        else:
            lines.append(row)
            if row.strip(" ,"):  # a row of blanks is skipped, not refused
                broken_lines.add(len(lines))
    name = "rows" + extension
    # The language is forced: this is about rows, not about detecting noisy languages.
    articles, refusals, warnings = read_upload(name, "\n".join(lines).encode("utf-8"),
                                               language="en")
    one_line_messages(name, refusals, warnings)
    assert [article.article_id for article in articles] == expected_ids
    by_row = [refusal for refusal in refusals if refusal.origin != name]
    assert {int(refusal.origin.rsplit(":", 1)[1]) for refusal in by_row} == broken_lines
    if expected_ids or broken_lines:
        assert len(by_row) == len(refusals)  # no refusal of the whole file
    else:
        assert [refusal.message() for refusal in refusals] == [f"{name}: empty (a header but "
                                                               "no rows)"]
    for article in articles:
        assert article.text.startswith((ENGLISH, FRENCH))


@FEW
@given(rows=st.lists(st.one_of(VALID_ROW, CSV_BROKEN), min_size=1, max_size=12))
def test_csv_broken_rows_are_refused_alone_and_valid_rows_kept(rows):
    keeps_valid_rows(".csv", rows)


@FEW
@given(rows=st.lists(st.one_of(VALID_ROW, JSONL_BROKEN), min_size=1, max_size=12))
def test_jsonl_broken_lines_are_refused_alone_and_valid_lines_kept(rows):
    keeps_valid_rows(".jsonl", rows)


def test_a_quote_left_open_names_the_lines_it_swallowed():
    data = f'id,text\na,"{ENGLISH}"\nb,"{ENGLISH}\nc,{ENGLISH}\n'.encode()
    articles, refusals, _ = read_upload("open.csv", data, language="en")
    assert [article.article_id for article in articles] == ["a"]
    assert [refusal.message() for refusal in refusals] == [
        "open.csv:3: a quote opened on line 3 is never closed, so lines 3-4 were not read"]

    data = f'id,text\na,"{ENGLISH}\nb,"{ENGLISH}"\nc,"{ENGLISH}"\n'.encode()
    articles, refusals, _ = read_upload("glued.csv", data, language="en")
    assert [article.article_id for article in articles] == ["c"]
    assert [refusal.message() for refusal in refusals] == [
        "glued.csv:2: malformed CSV (',' expected after '\"'); lines 2-3 skipped"]


def test_a_csv_of_100000_rows_is_read_row_by_row_and_lazily():
    rows = "".join(f"r{number},{ENGLISH} {number}\n" for number in range(100_000))
    data = ("id,text\n" + rows + 'bad,"never closed\n').encode()

    first = []
    for item in iter_upload("big.csv", data, language="en"):
        first.append(item)
        if len(first) == 10:
            break
    articles, refusals, _ = read_upload("big.csv", data, language="en")

    assert [article.article_id for article in first] == [f"r{n}" for n in range(10)]
    assert len(articles) == 100_000
    assert [refusal.origin for refusal in refusals] == ["big.csv:100002"]


# Analysis: any text that ingest accepts is analysed, and every span points at its text -----


def check_tables(tables, text: str) -> None:
    for name, columns in TABLE_COLUMNS.items():
        assert list(tables.as_dict()[name].columns)[:len(columns)] == list(columns)
    for claim in tables.claims.itertuples():
        assert text[claim.start_char:claim.end_char] == claim.claim_text
    for mention in tables.actor_mentions.itertuples():
        assert text[mention.start_char:mention.end_char] == mention.text
    for mention in tables.case_mentions.itertuples():
        assert 0 <= mention.start_char < mention.end_char <= len(text)


@FEW
@given(text=HOSTILE_TEXT, language=st.sampled_from(["en", "fr"]),
       lead=st.sampled_from(["", ENGLISH, FRENCH]))
def test_analysis_of_hostile_text_never_raises_and_spans_hold(text, language, lead):
    articles, _, _ = read_upload("hostile.jsonl", json.dumps({"text": lead + text}).encode(),
                                 language=language)
    for article in articles:
        check_tables(analyse([article], use_cache=False), article.text)


@FEW
@given(text=st.text(st.sampled_from("ab .\n"), max_size=400),
       limit=st.integers(min_value=5, max_value=60))
def test_split_text_pieces_add_up_to_the_text(text, limit):
    pieces = split_text(text, limit=limit)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
        assert len(piece) <= limit or piece is pieces[-1][1]


def test_a_1_5_mb_article_is_analysed_in_chunks_with_exact_offsets():
    """Copies of the sample article between long filler paragraphs, 1.5 MB in all.

    The filler (long tokens) keeps the parse cheap: what is tested is that the text is cut
    into many chunks, every copy's claims are found and every offset points at its text.
    The same on 1.5 MB of real prose takes about a minute (docs/security.md).
    """
    body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    filler = "\n".join([("archive" * 300)[:2000]] * 60)
    blocks, size = [], 0
    while size < 1_500_000:
        blocks += [body, filler]
        size += len(body.encode()) + len(filler.encode()) + 4
    text = "\n\n".join(blocks)
    one = analyse(read_upload("one.txt", body.encode())[0], use_cache=False).claims
    articles, refusals, _ = read_upload("long.txt", text.encode())

    assert refusals == [] and len(text.encode()) >= 1_500_000
    assert len(split_text(articles[0].text)) >= 15
    claims = analyse(articles, use_cache=False).claims
    for claim in claims.itertuples():
        assert articles[0].text[claim.start_char:claim.end_char] == claim.claim_text
    copies = blocks.count(body)
    assert len(claims) == copies * len(one)
    assert sorted(claims["claim_text"]) == sorted(list(one["claim_text"]) * copies)
    last = articles[0].text.rindex(body)
    assert claims["start_char"].max() > last  # the last copy, past the last chunk border


# The dashboard's limits ---------------------------------------------------------------------


def test_the_upload_limit_of_the_server_is_the_one_the_app_states():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == limits.TRANSFER_CAP_MB
    # a file a little over the app's limit still reaches the page, to be refused in words
    assert limits.TRANSFER_CAP_MB > limits.MAX_FILE_MB


def test_a_file_over_the_limit_or_past_the_count_is_named_and_not_read():
    assert limits.file_refusal("ok.txt", limits.MAX_FILE_BYTES, 1) is None
    assert limits.file_refusal("huge.csv", limits.MAX_FILE_BYTES + 1, 1) == (
        "huge.csv: 10 MB is over the 10 MB limit per file; split it into smaller files")
    assert limits.file_refusal("late.txt", 10, limits.MAX_FILES_PER_BATCH + 1).startswith(
        f"late.txt: not read: at most {limits.MAX_FILES_PER_BATCH} files at a time")
    batch = [("ok.txt", 10), ("huge.csv", limits.MAX_FILE_BYTES + 1), ("fine.md", 10)]
    assert limits.batch_refusals(batch) == [limits.file_refusal("huge.csv",
                                                                limits.MAX_FILE_BYTES + 1, 2)]


def article(origin: str, n_words: int) -> Article:
    return Article(origin, "", "", "", "", "en", " ".join(["word"] * n_words), origin)


def test_the_session_budget_counts_articles_and_words():
    budget = limits.SessionBudget(articles=2, words=100)

    assert budget.take(article("a.txt", 60)) is None
    assert budget.take(article("b.txt", 50)) == (
        "b.txt: not added: its 50 words would take this session over its limit of "
        f"{limits.MAX_SESSION_WORDS:,} words (40 left)")
    assert budget.take(article("c.txt", 40)) is None
    assert budget.full
    assert budget.take(article("d.txt", 1)).startswith(
        f"d.txt: not added: a session holds at most {limits.MAX_SESSION_ARTICLES} articles")


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(tmp_path / "cache"))


def open_upload_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    """Upload one file and press "Analyse the files"."""
    at.file_uploader[0].set_value((name, data, "text/plain")).run()
    at.button(key="upload-analyse").click().run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def short_rows(count: int, *, prefix: str = "row") -> bytes:
    return "\n".join(json.dumps({"id": f"{prefix}-{n}", "text": f"{ENGLISH} ({n})"})
                     for n in range(count)).encode()


def shown(message: str) -> str:
    """A message as the page passes it to `st.error`."""
    return escape_markdown(message)


@pytest.mark.usefixtures("private_cache")
def test_a_session_holds_at_most_the_article_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_SESSION_ARTICLES", 3)
    full = ("this session holds the most it may (3 articles); remove some articles with "
            "“Remove my articles” to add others")

    at = upload(open_upload_page(), "five.jsonl", short_rows(5))
    assert "Added 3 articles" in at.success[0].value
    assert [error.value for error in at.error] == [
        shown(f"five.jsonl: the rest of the file was not read: {full}")]

    upload(at, "more.jsonl", short_rows(1, prefix="more"))
    assert [error.value for error in at.error] == [shown(f"more.jsonl: not read: {full}")]
    assert not at.success


@pytest.mark.usefixtures("private_cache")
def test_a_session_holds_at_most_the_word_limit_and_an_oversized_file_is_named(monkeypatch):
    words = len(f"{ENGLISH} (0)".split())
    monkeypatch.setattr(limits, "MAX_SESSION_WORDS", words + 10)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 2_000)

    at = upload(open_upload_page(), "two.jsonl", short_rows(2))
    assert "Added 1 article" in at.success[0].value
    assert [error.value for error in at.error] == [shown(
        f"two.jsonl:2: not added: its {words} words would take this session over its limit "
        f"of {words + 10} words (10 left)")]

    big = ENGLISH.encode() * 20
    upload(at, "big.txt", big)
    assert [error.value for error in at.error] == [shown(
        f"big.txt: {limits.format_bytes(len(big))} is over the 1.95 kB limit per file; split "
        "it into smaller files")]


@pytest.mark.usefixtures("private_cache")
def test_an_article_over_the_apps_size_limit_is_refused_by_name():
    at = upload(open_upload_page(), "report.txt", (ENGLISH + "\n").encode() * 2_000)
    size = len((ENGLISH + "\n").encode()) * 2_000 / 1000

    assert [error.value for error in at.error] == [shown(
        f"report.txt: {size:.1f} kB is over the {limits.MAX_ARTICLE_SIZE / 1000:.1f} kB "
        "limit per article")]
    assert not at.success


def test_visitors_articles_are_parsed_in_groups_of_bounded_size(monkeypatch):
    from ui import data

    sizes: list[int] = []
    real = data.analyse

    def recording(articles, **options):
        sizes.append(sum(len(item.text) for item in articles))
        return real([], **options)

    monkeypatch.setattr(data, "analyse", recording)
    words = [8_000, 8_000, 8_000, 30_000, 2_000]  # "word word ...": 5 characters a word
    analyse_isolated([article(f"a{n}", count) for n, count in enumerate(words)])

    assert data.ANALYSIS_GROUP_CHARS == 100_000
    assert sizes == [79_998, 39_999, 149_999, 9_999]  # a longer article goes alone


def test_an_article_the_analysis_fails_on_costs_only_its_own_place(monkeypatch):
    from ui import data

    real = data.analyse

    def fragile(articles, **options):
        if any("BOOM" in item.text for item in articles):
            raise RuntimeError("analysis bug")
        return real(articles, **options)

    monkeypatch.setattr(data, "analyse", fragile)
    good = article("good.txt", 5)
    bad = Article("bad", "", "", "", "", "en", "BOOM goes the parser", "bad.txt")

    tables, failed = analyse_isolated([good, bad])

    assert list(tables.articles["article_id"]) == ["good.txt"]
    assert failed == {"bad": "internal error: RuntimeError"}


# Isolation: nothing a visitor uploads lands on disk -------------------------------------------


REPO_NOISE = (".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache")


@pytest.mark.usefixtures("private_cache")
def test_an_upload_named_like_a_path_writes_nothing_anywhere():
    temp = Path(tempfile.gettempdir())
    at = open_upload_page()
    repo_before, temp_before = listing(ROOT, skip=REPO_NOISE), listing(temp)

    upload(at, "../../evil.txt", ENGLISH.encode())
    upload(at, "..\\..\\evil-windows.txt", ENGLISH.encode() + b" Again.")

    assert "Added 1 article" in at.success[0].value
    created = (listing(ROOT, skip=REPO_NOISE) - repo_before) | {
        path for path in listing(temp) - temp_before if "evil" in path}
    assert created == set()
    assert not list(ROOT.parent.glob("evil*")) and not list(ROOT.parent.parent.glob("evil*"))
    at.switch_page("pages/articles.py").run()
    assert {"evil", "evil-windows"} <= set(at.selectbox(key="article").options)


REMOTE_PAGE = f"""<html><head><base href="http://192.0.2.1/"><title>Remote</title>
<link rel="stylesheet" href="http://192.0.2.1/style.css">
<meta http-equiv="refresh" content="0; url=http://192.0.2.1/">
<!DOCTYPE x [<!ENTITY remote SYSTEM "http://192.0.2.1/entity">]>
<script src="http://192.0.2.1/app.js"></script></head>
<body><article><p>{ENGLISH}</p><img src="http://192.0.2.1/pixel.png">
<iframe src="http://192.0.2.1/frame"></iframe><p>&remote;</p></article></body></html>"""


@pytest.mark.usefixtures("private_cache")
def test_no_upload_makes_the_server_reach_the_network(monkeypatch):
    """The dashboard fetches nothing: not the links of a page, nor an article's `url`."""
    import socket

    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the test forbids network access")

    at = open_upload_page()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    upload(at, "remote.html", REMOTE_PAGE.encode())
    upload(at, "linked.jsonl", json.dumps({"url": "http://192.0.2.1/article",
                                           "text": ENGLISH}).encode())

    assert attempts == []
    assert "Added 1 article" in at.success[0].value


# Downloads: every CSV the app offers is safe to open in a spreadsheet ------------------------


DOWNLOAD_CALL = re.compile(r"\bst\.download_button\(|\bdownload_button\(")


def test_only_ui_downloads_calls_download_button_and_always_with_safe_bytes():
    offenders = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
                 *sorted((ROOT / "ui").glob("*.py"))]:
        source = path.read_text(encoding="utf-8")
        if DOWNLOAD_CALL.search(source) and path.name != "downloads.py":
            offenders.append(str(path.relative_to(ROOT)))
        if "safe=False" in source:
            offenders.append(f"{path.relative_to(ROOT)} (safe=False)")
    assert offenders == []
    downloads = (ROOT / "ui" / "downloads.py").read_text(encoding="utf-8")
    assert downloads.count("download_button(") == 3
    assert "data=lambda: csv_bytes(make(), safe=True)" in downloads
    assert ("data=lambda: package_zip(dict(make()), filters=filter_lists(filters), "
            "safe=True)") in downloads
    # Files that are not tables come from writers that make them safe: networkx's XML
    # writers (escaped text) and the corrections' CSV (formula cells neutralised).
    writers = set()
    for path in [*sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        source = path.read_text(encoding="utf-8") if path.name != "downloads.py" else ""
        for call in re.finditer(r"download_file\((.*?),", source):
            writers.add(call.group(1))
    assert writers == {"data", "lambda: corrections.to_csv(frame)"}
    networks_view = (ROOT / "ui" / "networks_view.py").read_text(encoding="utf-8")
    assert ("lambda: networks.graphml_bytes(graph())" in networks_view
            and "lambda: networks.gexf_bytes(graph())" in networks_view)


FORMULA_ROW = {"id": "-2+3", "title": "=HYPERLINK(\"http://evil.example\",\"click\")",
               "source": "@SUM(A1)", "url": "https://example.org/a",
               "text": "+33 1 23 45 67 89. " + ENGLISH}
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def formula_cells(name: str, data: bytes) -> list[str]:
    """Cells of a CSV (or of each CSV in a zip) that a spreadsheet would run as formulas."""
    if name.endswith(".zip"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return [cell for member in archive.namelist()
                for cell in formula_cells(member, archive.read(member))]
    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    return [f"{name}: {cell!r}" for row in rows for cell in row
            if cell.startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(cell)]


@pytest.mark.usefixtures("private_cache")
def test_every_download_on_every_page_neutralises_formulas(monkeypatch):
    offered: list[tuple[str, bytes]] = []
    real = __import__("streamlit").download_button

    def recording(label, data, file_name=None, *args, **kwargs):
        # The bytes are made when the button is clicked: make them now, as a click would.
        offered.append((file_name, data() if callable(data) else data))
        return real(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr("streamlit.download_button", recording)
    at = upload(open_upload_page(), "formulas.jsonl", json.dumps(FORMULA_ROW).encode())
    assert "Added 1 article" in at.success[0].value
    for page in ["overview", "actors", "claims", "articles", "cases"]:
        if not (ROOT / "pages" / f"{page}.py").exists():
            continue
        before = len(offered)
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, [error.value for error in at.exception]
        assert len(offered) > before, f"no download on {page}"

    names = {name for name, _ in offered}
    assert {"articles.csv", "claims.csv", "nato-exit-tables.zip"} <= names
    articles_csv = next(data for name, data in offered if name == "articles.csv")
    assert b"'-2+3" in articles_csv and b"'=HYPERLINK" in articles_csv
    assert [cell for name, data in offered for cell in formula_cells(name, data)] == []


# Rendering: article text never reaches the page as markup ------------------------------------


def test_no_page_lets_html_or_javascript_through():
    sources = {path: path.read_text(encoding="utf-8") for path in
               [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]}
    for path, source in sources.items():
        assert "unsafe_allow_html" not in source, path
        assert "unsafe_allow_javascript" not in source, path
        for call in re.findall(r"st\.html\(([^)]*)", source):
            assert call.startswith("highlight."), (path, call)


@given(text=HOSTILE_TEXT)
@settings(max_examples=50, deadline=None)
def test_escaped_markdown_holds_no_markup(text):
    escaped = escape_markdown(text)
    assert "<" not in escaped and ">" not in escaped
    unescaped = re.sub(r"\\.", "", escaped.replace("&lt;", "").replace("&gt;", "")
                       .replace("&amp;", ""))
    assert not set(unescaped) & set("\\`*_{}[]()<>#+-.!|~$:")


def test_text_cells_are_neutralised_and_numbers_kept():
    frame = pd.DataFrame({"claim_text": ["=cmd", "-1", "ok"], "start_char": [-1, 2, 3]})
    assert csv_bytes(frame) == b"claim_text,start_char\r\n'=cmd,-1\r\n'-1,2\r\nok,3\r\n"
