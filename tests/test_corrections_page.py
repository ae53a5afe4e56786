"""Corrections in the dashboard (Streamlit's AppTest): a claim's speaker corrected on Claims
shows at once on the table, the sidebar's count, the Overview's chart and the Claims CSV; two
actors merged are one row on Actors; a rejected claim comes back with an undo; a missed claim
is added by its sentence; corrections stay in one visitor's session, or in the file
NATO_DASHBOARD_CORRECTIONS names; a hostile corrections.csv changes nothing.

Expected values are read off the bundled article (data/articles/lfi-nato-exit.txt): its
twelve claims include one by Greece ("it had been left isolated within the Alliance",
lfi-nato-exit-c012); Gabriel Amard is named twice and Clémence Guetté six times.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from analysis import corrections
from analysis.query import ROW, Corpus
from tests.test_app import APP, ROOT, captions
from ui.corrections import mention_label

GUETTE = "Clémence Guetté"
AMARD = "Gabriel Amard"
GREECE_CLAIM = "lfi-nato-exit-c012"


@pytest.fixture(autouse=True)
def private_state(tmp_path_factory, monkeypatch):
    """The analysis cache out of the user's folder; no corrections file unless a test sets
    one."""
    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("NATO_DASHBOARD_CORRECTIONS", raising=False)


def opened(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def ran(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def correct_greece_claim(at: AppTest) -> AppTest:
    """On Claims: pick the claim by Greece and give it to Clémence Guetté."""
    at.selectbox(key="open_claim").set_value(GREECE_CLAIM)
    ran(at)
    at.selectbox(key=f"claim-speaker-{GREECE_CLAIM}-pick").set_value(GUETTE)
    at.button(key=f"claim-save-{GREECE_CLAIM}").click()
    return ran(at)


def claims_table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value.set_index("claim_id")


def chart_data(at: AppTest, title: str) -> pd.DataFrame:
    """The rows behind the chart titled `title`, as the browser receives them."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        shown = spec.get("title")
        text = shown.get("text") if isinstance(shown, dict) else shown
        if (" ".join(text) if isinstance(text, list) else text) == title:
            return convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    raise AssertionError(f"no chart titled {title!r}")


def test_a_corrected_speaker_shows_on_the_table_the_sidebar_and_the_overview_chart():
    at = opened("pages/claims.py")
    before = claims_table(at)
    assert before.loc[GREECE_CLAIM, "speaker"] == "Greece"
    at.switch_page("pages/overview.py")
    parties = chart_data(ran(at), "Claims per speaker's party or affiliation")
    assert parties.groupby("affiliation")["claims"].sum().get("Greece") == 1
    lfi_before = parties.groupby("affiliation")["claims"].sum()["La France Insoumise"]

    at.switch_page("pages/claims.py")
    correct_greece_claim(ran(at))
    after = claims_table(at)

    assert after.loc[GREECE_CLAIM, "speaker"] == GUETTE
    assert after.loc[GREECE_CLAIM, "status"] == "✎"
    assert set(after.drop(index=GREECE_CLAIM)["status"]) == {""}
    assert "1 correction** in this browser session only" in captions(at)
    at.switch_page("pages/overview.py")
    parties = chart_data(ran(at), "Claims per speaker's party or affiliation")
    totals = parties.groupby("affiliation")["claims"].sum()
    assert "Greece" not in totals.index
    assert totals["La France Insoumise"] == lfi_before + 1


@pytest.fixture
def buttons(monkeypatch) -> dict[str, dict]:
    """The download buttons a run draws, by key, with their options (`data` included)."""
    from ui import downloads

    drawn: dict[str, dict] = {}
    real = downloads.st.download_button

    def capture(label, **options):
        drawn[options["key"]] = options
        return real(label, **options)

    monkeypatch.setattr(downloads.st, "download_button", capture)
    return drawn


def test_the_claims_csv_fetched_on_click_holds_the_corrected_row(buttons):
    at = correct_greece_claim(opened("pages/claims.py"))

    data = buttons["claims-download"]["data"]()  # as a click does, outside the run
    rows = pd.read_csv(io.BytesIO(data), keep_default_na=False).set_index("claim_id")
    saved = corrections.read_csv(buttons["corrections-download"]["data"]())

    assert rows.loc[GREECE_CLAIM, "speaker"] == GUETTE
    assert rows.loc[GREECE_CLAIM, "speaker_affiliation"] == "La France Insoumise"
    assert rows["corrected"].tolist().count(True) == 1
    assert saved[["field", "old_value", "new_value"]].values.tolist() == [
        ["speaker", "Greece", GUETTE]]
    assert len(claims_table(at)) == 12


def test_two_merged_actors_are_one_row_on_actors():
    at = opened("pages/actors.py", actor=AMARD)
    at.selectbox(key=f"actor-merge-{AMARD}").set_value(GUETTE)
    at.button(key="actor-save").click()
    ran(at)
    actors = at.dataframe[0].value.set_index("actor")

    assert AMARD not in actors.index
    assert actors.loc[GUETTE, "mentions"] == 6 + 2
    assert actors.loc[GUETTE, "status"] == "✎"
    assert at.selectbox(key="actor").options.count(AMARD) == 0


def test_a_rejected_claim_leaves_and_comes_back_with_an_undo():
    at = opened("pages/claims.py")
    at.selectbox(key="open_claim").set_value(GREECE_CLAIM)
    ran(at)
    at.button(key=f"claim-reject-{GREECE_CLAIM}").click()
    ran(at)
    assert GREECE_CLAIM not in claims_table(at).index
    assert at.subheader[0].value == "11 claims"

    at.selectbox(key="claims-corrections-pick").set_value(0)
    ran(at)
    at.button(key="claims-corrections-undo").click()
    ran(at)

    assert claims_table(at).loc[GREECE_CLAIM, "speaker"] == "Greece"
    assert "0 corrections** in this browser session only" in captions(at)


def test_a_missed_claim_is_added_by_its_sentence_and_speaker():
    at = opened("pages/claims.py")
    # The form is drawn once its expander is open, not on every run of the page.
    assert not [box for box in at.selectbox if box.key == "add-claim-article"]
    at.session_state["add-claim-open"] = True
    ran(at)
    sentences = at.selectbox(key="add-claim-sentence-lfi-nato-exit")
    # "In the aftermath of the 1974 Cyprus crisis, Athens withdrew ...": the article's
    # sentence 20 (counting from 1) among those the reader offers
    label = next(option for option in sentences.options
                 if "In the aftermath of the 1974 Cyprus crisis" in option)
    sentences.set_value(sentences.options.index(label))  # the value is the sentence's number
    at.selectbox(key="add-claim-speaker-lfi-nato-exit-pick").set_value("Greece")
    at.button(key="add-claim-submit").click()
    ran(at)
    claims = claims_table(at)

    added = claims[claims["claim_text"].str.startswith("In the aftermath of the 1974 Cyprus")]
    assert at.subheader[0].value == "13 claims"
    assert added["speaker"].tolist() == ["Greece"]
    assert added["status"].tolist() == ["✎"]
    assert added.index.tolist()[0].startswith("lfi-nato-exit-added-")


def test_a_row_marked_as_reviewed_carries_its_mark_beside_a_correction():
    at = correct_greece_claim(opened("pages/claims.py"))
    at.button(key=f"claim-reviewed-{GREECE_CLAIM}").click()
    ran(at)
    at.selectbox(key="open_claim").set_value("lfi-nato-exit-c001")
    ran(at)
    at.button(key="claim-reviewed-lfi-nato-exit-c001").click()
    ran(at)
    marks = claims_table(at)["status"]

    assert marks[GREECE_CLAIM] == "✎ ✓"
    assert marks["lfi-nato-exit-c001"] == "✓"
    assert "3 corrections** in this browser session only" in captions(at)


def test_a_second_session_never_sees_the_first_ones_corrections():
    first = correct_greece_claim(opened("pages/claims.py"))
    second = opened("pages/claims.py")

    assert claims_table(first).loc[GREECE_CLAIM, "speaker"] == GUETTE
    assert claims_table(second).loc[GREECE_CLAIM, "speaker"] == "Greece"
    assert "0 corrections** in this browser session only" in captions(second)


def test_the_corrections_file_keeps_them_for_the_next_session(tmp_path, monkeypatch):
    path = tmp_path / "kept" / "corrections.csv"
    monkeypatch.setenv("NATO_DASHBOARD_CORRECTIONS", str(path))

    correct_greece_claim(opened("pages/claims.py"))
    later = opened("pages/claims.py")

    assert corrections.read_file(path)["new_value"].tolist() == [GUETTE]
    assert claims_table(later).loc[GREECE_CLAIM, "speaker"] == GUETTE
    assert "1 correction** saved to corrections\\.csv" in captions(later)


def test_an_unreadable_corrections_file_is_shown_and_never_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "corrections.csv"
    path.write_bytes(b"speaker,claim\r\nGreece,=1+1\r\n")
    monkeypatch.setenv("NATO_DASHBOARD_CORRECTIONS", str(path))

    at = correct_greece_claim(opened("pages/claims.py"))

    errors = " ".join(error.value for error in at.error)
    assert "Corrections file: corrections\\.csv\\: the header lacks" in errors
    assert "Not saved: the corrections file cannot be used" in errors
    assert path.read_bytes() == b"speaker,claim\r\nGreece,=1+1\r\n"
    assert claims_table(at).loc[GREECE_CLAIM, "speaker"] == "Greece"


def uploaded(data: bytes) -> AppTest:
    """The Add articles page with `data` dropped on its corrections uploader and loaded."""
    at = opened("pages/upload.py")
    at.file_uploader(key="corrections-upload").set_value(
        [("corrections.csv", data, "text/csv")])
    at.run()
    at.button(key="corrections-upload-load").click()
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


GOOD_LINE = ("claims,lfi-nato-exit,2844,2889,it had been left isolated within the Alliance,"
             "speaker,Greece,Clémence Guetté,,2026-12-02T10:00:00Z")


def test_a_corrections_csv_is_taken_back():
    at = uploaded(f"{','.join(corrections.COLUMNS)}\r\n{GOOD_LINE}\r\n".encode())

    assert not at.error
    kept = at.session_state["visitor_corrections"]
    assert kept["new_value"].tolist() == [GUETTE]
    at.switch_page("pages/claims.py")
    ran(at)
    assert "1 correction** in this browser session only" in captions(at)
    assert claims_table(at).loc[GREECE_CLAIM, "speaker"] == GUETTE


@pytest.mark.parametrize("data, said", [
    (b"speaker,claim\r\nGreece,x\r\n", "the header lacks"),
    (f"{','.join(corrections.COLUMNS)}\r\n{GOOD_LINE.replace(',,', ',=cmd(),')}\r\n".encode(),
     "note starts with '='"),
    (f"{','.join(corrections.COLUMNS)}\r\n{GOOD_LINE.replace(',,', ',<b>bold</b>,')}\r\n"
     .encode(), "the note holds HTML markup"),
    (f"{','.join(corrections.COLUMNS)}\r\n{GOOD_LINE.replace('lfi-nato-exit', 'elsewhere')}"
     "\r\n".encode(), "the tables hold no article elsewhere"),
    (b"x" * (corrections.MAX_FILE_BYTES + 1), "corrections files are taken up to 5 MB"),
])
def test_a_hostile_corrections_csv_gets_one_message_and_changes_nothing(data, said):
    at = uploaded(data)

    assert len(at.error) == 1
    assert said in at.error[0].value and "Nothing was changed." in at.error[0].value
    assert "visitor_corrections" not in at.session_state


def precedent_rows(at: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe
                if {"precedent", "mentions"} <= set(frame.value.columns))


def mention_row(label: str) -> int:
    """The place in the table (`_row`) of the bundled case mention whose label in the
    picker starts with `label`: the value the picker gives."""
    with Corpus(ROOT / "data" / "tables").session() as session:
        rows = session.table("case_mentions", columns=[
            "article_id", "country", "year", "action", "evidence", ROW])
    found = [int(row[ROW]) for row in rows.to_dict("records")
             if mention_label(row).startswith(label)]
    assert len(found) == 1, label
    return found[0]


def test_a_case_mention_is_corrected_or_rejected_on_country_cases(buttons):
    # The article: France "joined NATO in 1949", Greece returned to the command "in 1980".
    joined, returned = mention_row("France 1949, join"), mention_row(
        "Greece 1980, return_integrated_command")
    at = opened("pages/cases.py")
    at.selectbox(key="case-correct").set_value(joined)
    ran(at)
    at.text_input(key=f"case-{joined}-year").input("1950")
    at.button(key=f"case-{joined}-save").click()
    ran(at)
    years = set(precedent_rows(at)["year"].astype(str))
    data = buttons["cases-download-mentions"]["data"]()  # as a click does, outside the run
    mentions = pd.read_csv(io.BytesIO(data), keep_default_na=False)

    assert "1950" in years and "1949" not in years
    # The download holds the corrected year, marked as corrected, and the other rows unmarked.
    france = mentions[(mentions["country"] == "France") & (mentions["action"] == "join")]
    assert france["year"].astype(str).tolist() == ["1950"]
    assert france["corrected"].astype(str).tolist() == ["True"]
    assert set(mentions.drop(index=france.index)["corrected"].astype(str)) == {"False"}

    at.selectbox(key="case-correct").set_value(returned)
    ran(at)
    at.button(key=f"case-{returned}-reject").click()
    ran(at)

    assert "1980" not in set(precedent_rows(at)["year"].astype(str))
    assert "2 corrections** in this browser session only" in captions(at)
