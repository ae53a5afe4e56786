"""The Country cases page: the comparison, the timeline data, the precedents in the corpus.

Expected values come from reading `data/cases.csv` and the sample article
`data/articles/lfi-nato-exit.txt`, not from running the code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.query import Corpus, Selection
from analysis.reference import load_cases
from analysis.tables import BOOLEAN_COLUMNS, INTEGER_COLUMNS, TABLE_COLUMNS, Tables, make_table
from ui import cases_view as view
from ui import charts

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PAGE = "pages/cases.py"


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return load_cases()


@pytest.fixture(scope="module")
def corpus(sample_tables) -> Tables:
    """The bundled corpus: the sample article, analysed once for the whole run."""
    return sample_tables


def session_of(tables: Tables):
    """A query session over `tables` held in memory, as the page queries the shared ones."""
    return Corpus(frames=tables.as_dict()).session()


def open_page(query: dict[str, list[str]] | None = None) -> AppTest:
    """Run the app, switch to the Country cases page with `query` in the URL."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page(PAGE)
    for key, values in (query or {}).items():
        at.query_params[key] = values
    return at.run()


def comparison_on_screen(at: AppTest) -> pd.DataFrame:
    return at.table[0].value


# --- The sample article's case mentions ----------------------------------------------------


@pytest.mark.parametrize(
    ("country", "year", "case_id", "evidence_words"),
    [
        # "In 1966, President Charles de Gaulle took France out of NATO's combined military command"
        ("France", 1966, "france-1966", "Charles de Gaulle took France out"),
        # "In 2009, President Nicolas Sarkozy brought France back"
        ("France", 2009, "france-1966", "Nicolas Sarkozy brought France back"),
        # "In the aftermath of the 1974 Cyprus crisis, Athens withdrew"
        ("Greece", 1974, "greece-1974", "Athens withdrew"),
        # "Greece later reintegrated into NATO's military structure in 1980"
        ("Greece", 1980, "greece-1974", "Greece later reintegrated"),
    ],
)
def test_sample_article_mentions_link_to_the_reference_cases(corpus, country, year, case_id,
                                                             evidence_words):
    mentions = corpus.case_mentions
    found = mentions[(mentions["country"] == country) & (mentions["year"] == year)]
    assert len(found) == 1, found
    assert found["case_id"].iloc[0] == case_id
    assert evidence_words in found["evidence"].iloc[0]


def test_sample_mentions_say_who_invoked_them(corpus, cases):
    with session_of(corpus) as session:
        details = view.mention_details(session, Selection(), cases)
    # Guetté "said she would submit a proposed resolution calling for a 'planned exit'".
    proposal = details[(details["case_id"] == "france-lfi-2026")
                       & details["evidence"].str.contains("planned exit")]
    assert proposal["invoked_by"].tolist() == ["Clémence Guetté (La France Insoumise)"]
    # The article tells the 1966 story in its own voice: nobody is quoted in that sentence.
    de_gaulle = details[(details["case_id"] == "france-1966") & (details["year"] == 1966)]
    assert de_gaulle["invoked_by"].tolist() == [""]
    assert set(details.loc[details["case_id"] == "greece-1974", "precedent"]) == {
        "Greece 1974–1980"}


def test_sample_exit_proposals_and_their_scope(corpus):
    with session_of(corpus) as session:
        proposals = view.exit_proposals(session, Selection())
    by_text = proposals.set_index("claim_text")
    guette = by_text.loc[by_text.index.str.contains("planned exit")].iloc[0]
    assert guette["speaker"] == "Clémence Guetté"
    assert guette["affiliation"] == "La France Insoumise"
    assert guette["scope"] == view.SCOPE_INTEGRATED
    amard = by_text.loc[by_text.index.str.contains("integrated command structure")].iloc[0]
    assert amard["speaker"] == "Gabriel Amard"
    assert amard["scope"] == view.SCOPE_INTEGRATED


# --- The comparison ------------------------------------------------------------------------


def test_comparison_reads_dates_from_the_reference_table(cases):
    comparison = view.comparison_table(cases, ["france-1966", "greece-1974"])
    assert comparison.columns.tolist() == ["France 1966–2009", "Greece 1974–1980"]
    france, greece = comparison["France 1966–2009"], comparison["Greece 1974–1980"]
    assert france["Announced"] == "7 March 1966"
    assert france["Effective"] == "1 July 1966"
    assert france["Returned"] == "4 April 2009"
    assert greece["Announced"] == "14 August 1974"
    assert greece["Returned"] == "20 October 1980"
    assert france["Years outside"] == "42.8 years"
    assert greece["Years outside"] == "6.2 years"
    assert france["Leader who took it out"] == "Charles de Gaulle"
    assert france["Leader of the return"] == "Nicolas Sarkozy"
    assert greece["Leader who took it out"] == "Konstantinos Karamanlis"
    assert greece["Leader of the return"] == "Georgios Rallis"
    assert "Cyprus" in greece["Trigger"]
    assert comparison.index.tolist() == [label for _, label in view.COMPARISON_FIELDS]


def test_comparison_keeps_the_order_asked_and_marks_a_proposal(cases):
    comparison = view.comparison_table(cases, ["france-lfi-2026", "spain-1986"])
    assert comparison.columns.tolist() == ["France 2026 (proposal)", "Spain 1986–1999"]
    proposal = comparison["France 2026 (proposal)"]
    assert proposal["Returned"] == view.MISSING
    assert proposal["Years outside"] == view.MISSING
    assert proposal["Kind"] == view.KIND_LABELS["proposal"]


def test_differing_rows_and_summary_line(cases):
    comparison = view.comparison_table(cases, ["france-1966", "greece-1974"])
    differs = view.differing_rows(comparison)
    assert not differs["Kind"]  # both withdrawals
    assert differs["Announced"] and differs["Years outside"]
    assert view.summary_line(cases, ["france-1966", "greece-1974"]) == (
        "France stayed out 42.8 years (1966–2009); Greece 6.2 years (1974–1980).")
    assert "has not taken effect" in view.summary_line(cases, ["france-lfi-2026"])


def test_comparison_markdown_escapes_every_cell():
    comparison = pd.DataFrame({"A [x](javascript:alert(1))": ["<b>$1$</b> :red[x]"]},
                              index=pd.Index(["Field *1*"], name="Field"))
    escaped = view.comparison_markdown(comparison)
    cell = escaped.iloc[0, 0]
    assert "<b>" not in cell and "&lt;b&gt;" in cell
    assert "\\$" in cell and "\\:red\\[" in cell
    assert escaped.columns[0].startswith("A \\[x\\]\\(javascript\\:")
    assert escaped.index[0] == "Field \\*1\\*"


def test_source_links_are_web_addresses_only():
    assert view.source_markdown("NATO (1966)", "https://nato.int/a_(b)") == (
        "[NATO \\(1966\\)](https://nato.int/a_%28b%29)")
    assert view.source_markdown("Script", "javascript:alert(1)") == "Script"


# --- The timeline --------------------------------------------------------------------------


def test_timeline_has_one_bar_per_returned_case(cases):
    bars = view.timeline_bars(cases, selected=["france-1966"]).set_index("case_id")
    returned = set(cases.loc[cases["returned"] != "", "case_id"])
    assert set(bars.index) == returned
    assert (bars.loc["france-1966", "start"].year, bars.loc["france-1966", "end"].year) == (
        1966, 2009)
    assert (bars.loc["greece-1974", "start"].year, bars.loc["greece-1974", "end"].year) == (
        1974, 1980)
    assert bars.loc["france-1966", "years_outside"] == pytest.approx(42.8)
    assert bars["selected"].to_dict()["france-1966"]
    assert not bars.loc["greece-1974", "selected"]
    assert bars["source"].str.len().gt(0).all()


def test_proposals_have_no_bar_but_a_marker(cases):
    bars = view.timeline_bars(cases)
    events = view.timeline_events(cases)
    assert "france-lfi-2026" not in set(bars["case_id"])
    proposal = events[events["case_id"] == "france-lfi-2026"]
    assert proposal["event"].tolist() == ["proposal announced"]
    assert proposal["date"].iloc[0] == pd.Timestamp(2026, 1, 9)


def test_timeline_events_of_the_precedents(cases):
    events = view.timeline_events(cases)
    france = events[events["case_id"] == "france-1966"].set_index("event")
    assert france.loc["announced", "date"] == pd.Timestamp(1966, 3, 7)
    assert france.loc["returned", "date"] == pd.Timestamp(2009, 4, 4)
    # Dated in the consequences: SHAPE opened at Casteau on 31 March 1967 and the
    # Brussels headquarters on 16 October 1967.
    moves = set(france.loc[["headquarters move"], "date"])
    assert {pd.Timestamp(1967, 3, 31), pd.Timestamp(1967, 10, 16)} <= moves
    greece = events[events["case_id"] == "greece-1974"]
    assert greece["event"].tolist() == ["announced and effective", "returned"]


def test_the_moves_of_one_year_sit_in_lanes_of_their_own(cases):
    events = view.timeline_events(cases)
    france = events[(events["case_id"] == "france-1966")
                    & (events["date"] < pd.Timestamp(1968, 1, 1))]
    lanes = france.groupby("event")["lane"].unique().map(list).to_dict()
    assert lanes == {"announced": ["above"], "effective": ["on"],
                     "headquarters move": ["below"]}
    spec = view.timeline_chart(view.timeline_bars(cases), events).to_dict()
    assert spec["layer"][1]["encoding"]["yOffset"]["field"] == "lane_offset"
    assert france.groupby("lane")["lane_offset"].first().is_unique


def test_a_case_still_outside_runs_to_today(cases):
    outside = cases[cases["case_id"] == "greece-1974"].copy()
    outside["returned"] = ""
    outside["years_outside"] = pd.array([None], dtype="Float64")
    bars = view.timeline_bars(outside, today=date(2030, 1, 1))
    assert bars["ongoing"].tolist() == [True]
    assert bars["end"].tolist() == [pd.Timestamp(2030, 1, 1)]


def test_headquarters_moves_need_a_full_date():
    text = ("Units left; the headquarters moved to Brussels (opened 16 October 1967). "
            "SHAPE moved in 1967. Trade rose on 2 May 1970.")
    assert view.headquarters_moves(text) == [(
        pd.Timestamp(1967, 10, 16),
        "the headquarters moved to Brussels (opened 16 October 1967).",
    )]


def test_timeline_chart_spec(cases):
    chart = view.timeline_chart(view.timeline_bars(cases), view.timeline_events(cases),
                                today=date(2026, 6, 1))
    spec = chart.to_dict()
    assert "integrated military structure" in " ".join(spec["title"]["text"])
    # A phone-wide chart (390 px) keeps its title, subtitle and both legends whole.
    assert all(len(line) <= charts.TITLE_CHARS for line in spec["title"]["text"])
    assert all(len(line) <= 50 for line in spec["title"]["subtitle"])
    legends = [layer["encoding"][channel]["legend"] for layer, channel
               in ((spec["layer"][0], "color"), (spec["layer"][1], "shape"))]
    assert [legend["orient"] for legend in legends] == ["top", "bottom"]
    assert all(legend["direction"] == "vertical" for legend in legends)
    assert len(spec["layer"]) == 3
    bar = spec["layer"][0]
    assert bar["mark"]["type"] == "bar"
    assert bar["encoding"]["x"]["title"] == "Year"
    assert {tip["field"] for tip in bar["encoding"]["tooltip"]} >= {"label", "source"}
    assert {tip["field"] for tip in spec["layer"][1]["encoding"]["tooltip"]} >= {
        "event", "source"}


# --- Precedents in the corpus, on small hand-made tables ----------------------------------


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    """A contract table from partial rows, text columns left out filled with ""."""
    text_columns = [column for column in TABLE_COLUMNS[name]
                    if column not in INTEGER_COLUMNS | BOOLEAN_COLUMNS]
    return make_table(name, [dict.fromkeys(text_columns, "") | row for row in rows])


def small_corpus() -> Tables:
    mention = {"country": "France", "year": 1966, "action": "withdraw_integrated_command",
               "case_id": "france-1966", "leader": "Charles de Gaulle"}
    return Tables(
        articles=table("articles", [
            {"article_id": "a", "title": "First"}, {"article_id": "b", "title": "Second"}]),
        actors=table("actors", [
            {"article_id": "a", "actor": "Ana Mol", "actor_type": "person",
             "affiliation": "Green Party"},
            {"article_id": "b", "actor": "Greens", "actor_type": "party"}]),
        claims=table("claims", [
            {"claim_id": "a-c1", "article_id": "a", "sentence_index": 2, "speaker": "Ana Mol",
             "claim_text": "France should leave NATO's integrated command", "nato_stance": "exit"},
            {"claim_id": "b-c1", "article_id": "b", "sentence_index": 0, "speaker": "Greens",
             "claim_text": "France should leave NATO altogether", "nato_stance": "exit"},
            {"claim_id": "b-c2", "article_id": "b", "sentence_index": 1, "speaker": "Greens",
             "claim_text": "quitter le commandement intégré", "nato_stance": "exit"},
            {"claim_id": "b-c3", "article_id": "b", "sentence_index": 4, "speaker": "Greens",
             "claim_text": "France must stay", "nato_stance": "stay"}]),
        case_mentions=table("case_mentions", [
            mention | {"article_id": "a", "sentence_index": 2, "evidence": "As in 1966 ..."},
            mention | {"article_id": "b", "sentence_index": 3, "evidence": "In 1966 ..."},
            {"article_id": "b", "sentence_index": 5, "country": "Turkey", "year": 1952,
             "action": "join", "evidence": "Turkey joined NATO in 1952."}]),
    )


def test_precedent_summary_counts_mentions_articles_and_speakers(cases):
    tables = small_corpus()
    with session_of(tables) as session:
        details = view.mention_details(session, Selection(), cases)
        summary = view.precedent_summary(session, Selection(), cases).set_index("precedent")
    assert details["article_title"].tolist() == ["First", "Second", "Second"]
    france = summary.loc["France 1966–2009"]
    assert (france["mentions"], france["articles"]) == (2, 2)
    assert france["invoked_by"] == f"Ana Mol (Green Party) ×1; {view.NARRATION} ×1"
    turkey = summary.loc["Turkey 1952: joined (not a reference case)"]
    assert turkey["case_id"] == "" and turkey["year"] == 1952
    assert summary.index[0] == "France 1966–2009"  # most invoked first


def test_exit_proposals_keep_exit_claims_with_their_scope():
    tables = small_corpus()
    with session_of(tables) as session:
        proposals = view.exit_proposals(session, Selection())
    assert proposals["claim_id"].tolist() == ["a-c1", "b-c1", "b-c2"]
    assert proposals["scope"].tolist() == [view.SCOPE_INTEGRATED, view.SCOPE_ALLIANCE,
                                           view.SCOPE_INTEGRATED]
    assert proposals["affiliation"].tolist() == ["Green Party", "", ""]


def test_empty_corpus_gives_empty_tables(cases):
    tables = Tables()
    with session_of(tables) as session:
        assert view.mention_details(session, Selection(), cases).empty
        assert view.precedent_summary(session, Selection(), cases).empty
        assert view.exit_proposals(session, Selection()).empty


# --- The page ------------------------------------------------------------------------------


def test_page_renders_france_and_greece_by_default():
    at = open_page()
    assert not at.exception
    assert [title.value for title in at.title] == ["Country cases"]
    comparison = comparison_on_screen(at)
    assert comparison.columns.tolist() == ["France 1966–2009", "Greece 1974–1980"]
    announced = comparison.loc["Announced"].tolist()
    returned = comparison.loc["Returned"].tolist()
    assert "1966" in announced[0] and "2009" in returned[0]
    assert "1974" in announced[1] and "1980" in returned[1]
    evidence = " ".join(markdown.value for markdown in at.markdown)
    assert "Athens withdrew" in evidence


def test_a_precedent_without_a_year_shows_an_empty_year():
    at = open_page()
    precedents = next(frame.value for frame in at.dataframe
                      if "precedent" in frame.value.columns)
    proposal = precedents[precedents["precedent"] == "France 2026 (proposal)"]
    assert proposal["year"].tolist() == [""]
    assert precedents["year"].map(type).eq(str).all()
    assert {"1966", "1974"} <= set(precedents["year"])
    # as few columns as fit across the page, the moves in words
    assert precedents.columns.tolist() == ["precedent", "year", "action", "mentions",
                                           "articles", "invoked_by"]
    assert "left the integrated command" in set(precedents["action"])


def test_cases_in_the_url_restore_the_comparison():
    at = open_page({view.URL_PARAMETER: ["spain-1986", "france-lfi-2026"]})
    assert not at.exception
    assert at.multiselect(key=view.URL_PARAMETER).value == ["spain-1986", "france-lfi-2026"]
    comparison = comparison_on_screen(at)
    assert comparison.columns.tolist() == ["Spain 1986–1999", "France 2026 \\(proposal\\)"]
    assert "1986" in comparison.loc["Announced"].iloc[0]
    assert "1999" in comparison.loc["Returned"].iloc[0]


def test_an_unknown_case_id_in_the_url_is_ignored_with_a_note():
    at = open_page({view.URL_PARAMETER: ["greece-1974", "atlantis-1999"]})
    assert not at.exception
    assert at.multiselect(key=view.URL_PARAMETER).value == ["greece-1974"]
    assert comparison_on_screen(at).columns.tolist() == ["Greece 1974–1980"]
    assert any("atlantis" in caption.value for caption in at.caption)
