"""The dashboard's pages in Streamlit's AppTest: they render, filter, restore links, take uploads.

Expected numbers come from reading the bundled article (data/articles/lfi-nato-exit.txt):
it attributes seven claims to Clémence Guetté, four of them accusations, and one to Greece.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis import aggregates
from analysis.query import Corpus, Selection
from analysis.tables import ACTOR_TYPES, NATO_STANCES
from tests import pandas_reference as summaries
from tests.pandas_reference import apply_filters
from ui import charts
from ui.highlight import highlighted_html

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {"pages/overview.py": "Who says what about leaving NATO", "pages/actors.py": "Actors",
         "pages/claims.py": "Claims", "pages/networks.py": "Networks",
         "pages/articles.py": "Articles",
         "pages/upload.py": "Add articles"}
if (Path(APP).parent / "pages" / "cases.py").exists():
    PAGES["pages/cases.py"] = "Country cases"

GUETTE = "Clémence Guetté"
LISBON_TEXT = (
    "Lisbon debate on NATO\n\n"
    "Portuguese MP Rui Tavares said on Monday that Portugal should leave NATO's integrated "
    "military command. The Left Bloc deputy argued that the alliance no longer served "
    "Portuguese interests. Defence minister Nuno Melo warned that such a move would isolate "
    "Portugal from its allies.\n"
)


@pytest.fixture(autouse=True)
def private_analysis_cache(tmp_path_factory, monkeypatch):
    """Keep the analysis cache of these runs out of the user's cache folder."""
    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def open_app(page_file: str | None = None, **query: str | list[str]) -> AppTest:
    """A fresh visitor session on `page_file`, opened from a link with `query`."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if page_file:
        at.switch_page(page_file)
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def table(at: AppTest) -> pd.DataFrame:
    """The rows of the page's first table: claims on Claims, actors on Actors."""
    return at.dataframe[0].value


def captions(at: AppTest) -> str:
    return "\n".join(caption.value for caption in at.caption)


@pytest.mark.parametrize("page, title", PAGES.items())
def test_each_page_renders_on_the_bundled_corpus(page, title):
    at = open_app(page)

    assert [heading.value for heading in at.title] == [title]
    assert at.sidebar.multiselect(key="language").value == []
    assert "Link to this view" in captions(at)


def test_overview_shows_the_corpus_figures():
    at = open_app()

    figures = {metric.label: metric.value for metric in at.metric}

    assert figures["Articles"] == "1"
    assert figures["Languages"] == "en"
    assert int(figures["Claims"]) >= 10


def test_the_root_address_opens_the_overview_with_the_links_filters():
    at = open_app(language="en", cases=["france-1966", "greece-1974"])

    assert [heading.value for heading in at.title] == [PAGES["pages/overview.py"]]
    assert at.sidebar.multiselect(key="language").value == ["en"]
    assert at.query_params["cases"] == ["france-1966", "greece-1974"]


def test_one_actor_shows_their_roles_article_by_article_and_their_claims():
    at = open_app("pages/actors.py", actor=GUETTE)

    frames = [frame.value for frame in at.dataframe]
    roles = next(frame for frame in frames if {"role", "title"} <= set(frame.columns))
    claims = next(frame for frame in frames if "claim_text" in frame.columns)
    assert roles["article_id"].tolist() == ["lfi-nato-exit"]
    assert roles["mentions"].tolist() == [6]  # as the table of actors counts her
    assert len(claims) == 7 and at.subheader[1].value == "Claims (7)"


def test_changing_a_filter_changes_the_rows():
    at = open_app("pages/claims.py")
    everything = len(table(at))

    at.multiselect(key="speaker").set_value([GUETTE]).run()
    by_guette = table(at)
    at.multiselect(key="kind").set_value(["accusation"]).run()
    accusations = table(at)

    assert len(by_guette) == 7 < everything
    assert set(by_guette["speaker"]) == {GUETTE}
    assert len(accusations) == 4
    assert set(accusations["kind"]) == {"accusation"}


def test_a_sidebar_filter_holds_on_every_page():
    at = open_app("pages/claims.py")
    at.sidebar.multiselect(key="actor_type").set_value(["state"]).run()
    claims = table(at)

    at.switch_page("pages/actors.py").run()
    actors = table(at)

    assert set(claims["speaker"]) == {"Greece"}
    assert set(actors["actor_type"]) == {"state"}
    assert {"France", "Greece", "United States"} <= set(actors["actor"])


def test_a_link_restores_filters_and_page():
    at = open_app("pages/claims.py", speaker=GUETTE, kind="accusation", language="en")

    assert at.multiselect(key="speaker").value == [GUETTE]
    assert at.sidebar.multiselect(key="language").value == ["en"]
    assert len(table(at)) == 4
    link = at.sidebar.code[0].value
    assert "kind=accusation" in link and "language=en" in link and "speaker=Cl" in link


def test_a_link_to_a_claim_opens_it_in_its_article():
    at = open_app("pages/articles.py", article="lfi-nato-exit", claim="lfi-nato-exit-c003")

    assert at.selectbox(key="article").value == "lfi-nato-exit"
    assert at.selectbox(key="claim").value == "lfi-nato-exit-c003"
    assert "kidnaps a head of state" in at.info[0].value
    reader = "\n".join(block.value for block in at.get("html"))
    assert '<mark id="lfi-nato-exit-c003"' in reader


def test_unknown_values_in_a_link_are_ignored_with_a_note():
    at = open_app("pages/claims.py", language=["en", "klingon"], speaker="Nobody At All",
                  published="not-a-date")

    assert at.sidebar.multiselect(key="language").value == ["en"]
    assert at.multiselect(key="speaker").value == []
    assert "klingon" in captions(at) and "Nobody At All" in captions(at)
    assert len(table(at)) >= 10


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/plain") -> AppTest:
    at.file_uploader[0].set_value((name, data, mime)).run()
    at.button(key="upload-analyse").click().run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def test_an_upload_joins_this_visitors_corpus_only():
    visitor = open_app("pages/upload.py")
    upload(visitor, "lisbon-debate.txt", LISBON_TEXT.encode("utf-8"))
    assert "Added 1 article" in visitor.success[0].value

    visitor.switch_page("pages/claims.py").run()
    claims = table(visitor)
    visitor.switch_page("pages/actors.py").run()
    actors = table(visitor)
    other = open_app("pages/claims.py")

    assert {"Rui Tavares", "Nuno Melo"} <= set(claims["speaker"])
    assert {"Rui Tavares", "Nuno Melo", "Portugal"} <= set(actors["actor"])
    assert set(claims["article_id"]) == {"lfi-nato-exit", "lisbon-debate"}
    assert "Rui Tavares" not in set(table(other)["speaker"])


def test_several_dated_articles_at_once_and_a_date_range_filter():
    rows = [
        {"id": "lisbon-january", "title": "Lisbon in January", "published": "2026-01-10",
         "text": "Portuguese MP Rui Tavares said on Monday that Portugal should leave NATO's "
                 "integrated military command."},
        {"id": "lisbon-march", "title": "Lisbon in March", "published": "2026-03-05",
         "text": "Defence minister Nuno Melo warned that such a move would isolate Portugal "
                 "from its allies."},
    ]
    at = open_app("pages/upload.py")
    upload(at, "two.jsonl", "\n".join(json.dumps(row) for row in rows).encode(), "application/json")
    at.switch_page("pages/claims.py").run()

    at.sidebar.date_input(key="published").set_value((date(2026, 3, 1), date(2026, 3, 5))).run()

    assert set(table(at)["speaker"]) == {"Nuno Melo"}
    assert "published=2026-03-01&published=2026-03-05" in at.sidebar.code[0].value


def test_a_pasted_text_is_analysed_with_its_details():
    at = open_app("pages/upload.py")
    at.text_input(key="paste-title").input("Lisbon debate on NATO")
    at.text_input(key="paste-source").input("Test Daily")
    at.text_area(key="paste-text").input(LISBON_TEXT)
    next(button for button in at.button if button.label == "Analyse the text").click().run()
    assert "Added 1 article" in at.success[0].value

    at.switch_page("pages/articles.py").run()
    at.selectbox(key="article").set_value("lisbon-debate-on-nato").run()

    assert "Test Daily" in "\n".join(block.value for block in at.get("html"))


def test_an_upload_with_a_taken_id_gets_a_suffix():
    at = open_app("pages/upload.py")
    upload(at, "lfi-nato-exit.txt", LISBON_TEXT.encode("utf-8"))

    at.switch_page("pages/articles.py").run()

    assert at.selectbox(key="article").options == ["lfi-nato-exit", "lfi-nato-exit-2"]


def test_an_invalid_upload_shows_an_error_and_keeps_the_corpus():
    at = open_app("pages/upload.py")
    upload(at, "scan.txt", bytes(range(256)) * 8, "application/octet-stream")

    assert "scan" in at.error[0].value and "binary file" in at.error[0].value
    assert not at.success
    at.switch_page("pages/overview.py").run()
    assert {metric.label: metric.value for metric in at.metric}["Articles"] == "1"


def test_article_text_is_escaped_before_highlighting():
    text = 'Ann <b>Lee</b> said "<script>alert(1)</script>" & left.'
    mentions = pd.DataFrame([{"article_id": "a", "sentence_index": 0, "start_char": 0,
                              "end_char": 14, "actor": "Ann <b>Lee</b>", "actor_type": "person",
                              "text": text[0:14]}])
    claims = pd.DataFrame([{"claim_id": 'a-c001"><img src=x>', "speaker": "Ann <b>Lee</b>",
                            "cue": "say", "kind": "other", "nato_stance": "none",
                            "start_char": text.index('"'), "end_char": text.index(" &")}])

    markup = highlighted_html(text, mentions, claims, selected_claim=None)

    assert "<script>" not in markup and "<b>" not in markup and "<img" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&amp; left." in markup
    assert markup.count("<mark") == markup.count("</mark>") == 1
    assert markup.count("<span") == markup.count("</span>") == 1


def test_every_chart_has_a_title_tooltips_and_the_shared_colours(sample_tables):
    tables = sample_tables
    built = {
        "actors": charts.top_actors_chart(summaries.actor_summary(tables.actors)),
        "kinds": charts.claims_by_kind_chart(
            summaries.claim_counts(tables.claims, ["kind", "nato_stance"])),
        "stances": charts.claims_by_stance_chart(
            summaries.claim_counts(tables.claims, ["nato_stance"])),
        "parties": charts.claims_by_group_chart(
            summaries.claims_by_affiliation(tables.claims, tables.actors), group="affiliation",
            group_title="Party", title="Claims per party"),
        "precedents": charts.precedents_chart(summaries.precedents(tables.case_mentions)),
        "pairs": charts.co_occurrence_chart(summaries.co_occurrence(tables.actor_mentions)),
    }

    for name, chart in built.items():
        spec = chart.to_dict()
        assert spec["title"], name
        assert spec["encoding"]["tooltip"], name
        color = spec["encoding"].get("color", {})
        if color.get("field") == "actor_type":
            assert color["scale"]["range"] == [charts.ACTOR_TYPE_COLORS[t] for t in ACTOR_TYPES]
        if color.get("field") == "nato_stance":
            assert color["scale"]["range"] == [charts.STANCE_COLORS[s] for s in NATO_STANCES]
    assert built["actors"].to_dict()["encoding"]["color"]["field"] == "actor_type"
    # Readable at a phone's 390 px: short titles, legends below the plot, long legend labels
    # wrapped, axis labels that would overlap thinned out rather than drawn over each other.
    for name, chart in built.items():
        spec = chart.to_dict()
        title = spec["title"] if isinstance(spec["title"], str) else spec["title"]["text"]
        assert all(len(line) <= charts.TITLE_CHARS for line in
                   ([title] if isinstance(title, str) else title)), name
        for channel in spec["encoding"].values():
            if isinstance(channel, dict) and channel.get("legend"):
                assert channel["legend"]["orient"] == "bottom", name
            if isinstance(channel, dict) and "axis" in (channel or {}):
                assert (channel["axis"] or {}).get("labelOverlap", True) is not False, name
    moves = built["precedents"].to_dict()["encoding"]["color"]["legend"]["labelExpr"]
    assert '["returned to the integrated", "command"]' in moves
    assert built["stances"].to_dict()["encoding"]["color"]["field"] == "nato_stance"
    assert charts.top_actors_chart(summaries.actor_summary(tables.actors.iloc[0:0])) is None


def test_filters_narrow_all_five_tables_consistently(sample_tables):
    selection = Selection(actor_type=("party",))

    view = apply_filters(sample_tables, selection)

    assert set(view.actors["actor"]) == {"La France Insoumise"}
    assert set(view.claims["speaker"]) <= {"La France Insoumise"} and len(view.claims) >= 1
    assert set(view.actor_mentions["actor"]) == {"La France Insoumise"}
    assert set(view.articles["article_id"]) == {"lfi-nato-exit"}
    greece = apply_filters(sample_tables, Selection(country=("Greece",)))
    assert set(greece.case_mentions["country"]) == {"Greece"}
    assert {1974, 1980} <= set(greece.case_mentions["year"].dropna())
    nothing = apply_filters(sample_tables, Selection(language=("fr",)))
    assert all(frame.empty for frame in nothing.as_dict().values())


def test_a_configured_tables_folder_is_shown_instead_of_the_bundled_corpus(tmp_path,
                                                                          monkeypatch):
    from analysis.__main__ import main

    folder = tmp_path / "tables"
    french = ROOT / "tests" / "fixtures" / "fr_sortie_otan.txt"
    assert main(["build", str(french), "--out", str(folder), "--format", "parquet",
                 "--no-cache", "--quiet"]) == 0
    monkeypatch.setenv("NATO_DASHBOARD_TABLES", str(folder))

    at = open_app()

    figures = {metric.label: metric.value for metric in at.metric}
    assert figures["Articles"] == "1"
    assert figures["Languages"] == "fr"  # the fixture, not the English sample article


def repeated_corpus(tables, copies: int, folder: Path) -> dict[str, pd.DataFrame]:
    """`copies` copies of the tables' articles under new ids, written as Parquet to `folder`."""
    from analysis.export import write_tables

    repeated = {}
    for name, frame in tables.as_dict().items():
        parts = [frame.assign(article_id=frame["article_id"] + f"-{copy}") for copy in
                 range(copies)]
        if name == "claims":
            parts = [part.assign(claim_id=part["claim_id"] + f"-{copy}")
                     for copy, part in enumerate(parts)]
        repeated[name] = pd.concat(parts, ignore_index=True)
    write_tables(repeated, folder, fmt="parquet")
    return repeated


def test_the_sidebar_lists_at_most_a_thousand_articles(tmp_path, monkeypatch, sample_tables):
    from ui.filters import MAX_ARTICLE_OPTIONS

    repeated_corpus(sample_tables, MAX_ARTICLE_OPTIONS + 20, tmp_path)
    monkeypatch.setenv("NATO_DASHBOARD_TABLES", str(tmp_path))

    plain = open_app("pages/claims.py")
    linked = open_app("pages/claims.py", articles=["lfi-nato-exit-1019"])

    assert len(plain.sidebar.multiselect(key="articles").options) == MAX_ARTICLE_OPTIONS
    assert "lfi-nato-exit-1019" in linked.sidebar.multiselect(key="articles").options
    assert linked.sidebar.multiselect(key="articles").value == ["lfi-nato-exit-1019"]
    assert linked.subheader[0].value == f"{len(sample_tables.claims)} claims"
    # the Country cases page shows the first thousand of the exit proposals, not all
    cases = open_app("pages/cases.py")
    proposals = next(frame.value for frame in cases.dataframe
                     if "claim_text" in frame.value.columns)
    assert len(proposals) == 1_000
    assert any("The first 1,000 of" in caption.value for caption in cases.caption)


def test_a_large_corpus_is_shown_a_page_of_claims_at_a_time(tmp_path, monkeypatch,
                                                             sample_tables):

    per_page = 200  # pages/claims.py PAGE_ROWS
    repeated = repeated_corpus(sample_tables, -(-(2 * per_page + 50)
                                                // len(sample_tables.claims)), tmp_path)
    monkeypatch.setenv("NATO_DASHBOARD_TABLES", str(tmp_path))
    total = len(repeated["claims"])

    first = open_app("pages/claims.py")
    third = open_app("pages/claims.py", page="3")
    past_the_end = open_app("pages/claims.py", page="99")

    assert first.subheader[0].value == f"{total:,} claims"
    assert table(first)["claim_id"].tolist() == repeated["claims"]["claim_id"][:per_page].tolist()
    # the list of claims to open holds the page's, not the corpus's
    assert len(first.selectbox(key="open_claim").options) == per_page
    assert table(third)["claim_id"].tolist() == \
        repeated["claims"]["claim_id"][2 * per_page:].tolist()
    assert any(f"Claims {2 * per_page + 1:,} to {total:,} of {total:,}" in caption.value
               for caption in third.caption)
    assert third.number_input(key="page").value == 3
    assert table(past_the_end)["claim_id"].tolist() == table(first)["claim_id"].tolist()
    assert "Page: ignored “99”" in captions(past_the_end)


def test_co_occurrence_counts_each_pair_of_actors_sharing_a_sentence(sample_tables):
    from itertools import combinations

    mentions = sample_tables.actor_mentions
    expected: dict[tuple[str, str], list[set]] = {}
    for (article_id, _), sentence in mentions.groupby(["article_id", "sentence_index"]):
        for pair in combinations(sorted(set(sentence["actor"])), 2):
            shared = expected.setdefault(pair, [set(), set()])
            shared[0].add((article_id, _))
            shared[1].add(article_id)

    pairs = summaries.co_occurrence(mentions, limit=0)

    assert {(a, b): (n, m) for a, b, n, m in pairs.itertuples(index=False)} == {
        pair: (len(sentences), len(articles)) for pair, (sentences, articles) in expected.items()}
    assert pairs["sentences"].is_monotonic_decreasing
    top = summaries.top_pairs(pairs, limit=3)
    assert 0 < len(top) <= 3 and set(top["actor_a"]) | set(top["actor_b"]) <= set(
        pairs["actor_a"]) | set(pairs["actor_b"])


@pytest.mark.parametrize("page, title", PAGES.items())
def test_each_page_handles_filters_that_match_nothing(page, title):
    # a state with a party's affiliation: a valid combination that leaves no row at all
    at = open_app(page, actor_type="state", affiliation="La France Insoumise")

    assert [heading.value for heading in at.title] == [title]
    assert "Link to this view" in captions(at)
    if page not in {"pages/upload.py"}:
        assert any("No " in message.value or "nothing" in message.value.lower()
                   for message in [*at.info, *at.caption]), captions(at)


def test_top_pairs_of_no_pairs_is_empty():
    pairs = summaries.co_occurrence(pd.DataFrame(
        columns=["article_id", "sentence_index", "actor"]), limit=0)

    assert summaries.top_pairs(pairs).empty


def test_the_actors_caption_describes_the_feature_not_the_sample():
    at = open_app("pages/actors.py")

    # the caption holds on any corpus: no actor of the bundled article is named in it
    assert not any(name in captions(at) for name in ("LFI", "Guetté", "Insoumise"))


@pytest.mark.parametrize("dates, unit, bars", [
    (["2026-03-01", "2026-03-02", "2026-03-05"], "day", 3),
    (["2026-01-05", "2026-02-02", "2026-03-30"], "week", 3),
    (["2025-01-10", "2025-06-10", "2026-03-01"], "month", 3),
    (["1966-03-31", "1980-10-21", "2026-03-01"], "year", 3),
    (["2026-03-01", "2026-03-01", ""], "day", 1),
])
def test_articles_over_time_takes_its_unit_from_the_span(dates, unit, bars):
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(dates))],
                             "published": dates, "language": "fr"})

    counts = summaries.articles_over_time(articles)
    encoding = charts.articles_over_time_chart(counts).to_dict()["encoding"]

    assert set(counts["unit"]) == {unit} and len(counts) == bars
    assert counts["articles"].sum() == len([d for d in dates if d])
    assert encoding["x"]["timeUnit"] == charts.TIME_AXES[unit][0]


def test_count_axes_have_whole_ticks(sample_tables):
    tables = sample_tables
    for chart in [charts.top_actors_chart(summaries.actor_summary(tables.actors)),
                  charts.claims_by_stance_chart(summaries.claim_counts(tables.claims,
                                                                       ["nato_stance"])),
                  charts.articles_over_time_chart(summaries.articles_over_time(pd.DataFrame(
                      {"published": ["2026-03-01", "2026-03-03"], "language": "en"})))]:
        encoding = chart.to_dict()["encoding"]
        axis = next(encoding[channel]["axis"] for channel in ("x", "y")
                    if encoding[channel]["type"] == "quantitative")
        assert axis["tickMinStep"] == 1 and axis["format"] == "d"


def test_a_table_has_one_export_schema_wherever_it_is_downloaded(sample_tables):
    from analysis.reference import load_cases
    from analysis.tables import CASE_MENTION_COLUMNS, CLAIM_COLUMNS
    from ui import cases_view, exports

    tables = sample_tables
    cases = load_cases()
    zipped = exports.export_tables(tables, cases)
    with Corpus(frames=tables.as_dict()).session() as session:  # as the Claims page fetches
        on_claims_page = aggregates.claims_with_affiliation(session, Selection())
    with Corpus(frames=tables.as_dict()).session() as session:  # as the Cases page fetches
        on_cases_page = exports.case_mentions_export(
            cases_view.mention_details(session, Selection(), cases))

    assert list(zipped["claims"].columns) == list(on_claims_page.columns)
    assert list(zipped["case_mentions"].columns) == list(on_cases_page.columns)
    # the contract's columns first, in their order; then what the pages show beside them
    assert list(on_claims_page.columns) == CLAIM_COLUMNS + ["speaker_affiliation"]
    assert list(on_cases_page.columns)[:len(CASE_MENTION_COLUMNS)] == CASE_MENTION_COLUMNS
    assert {"precedent", "invoked_by"} <= set(on_cases_page.columns)
    assert set(zipped) == set(tables.as_dict())
    guette = on_claims_page[on_claims_page["speaker"] == GUETTE]
    assert set(guette["speaker_affiliation"]) == {"La France Insoumise"}


def test_the_table_of_all_pairs_is_drawn_once_its_expander_is_open():
    def pair_tables(at: AppTest) -> list[pd.DataFrame]:
        return [frame.value for frame in at.dataframe if "actor_a" in frame.value.columns]

    at = open_app("pages/actors.py")
    assert pair_tables(at) == []

    at.session_state["pairs-open"] = True
    at.run()

    [pairs] = pair_tables(at)
    assert [expander.label for expander in at.expander][-1] == f"All {len(pairs)} pairs"
    assert list(pairs.columns) == ["actor_a", "actor_b", "sentences", "articles"]
    assert len(pairs) > 1 and pairs["sentences"].is_monotonic_decreasing


def test_a_view_needing_more_memory_than_queries_have_says_so_in_a_line(tmp_path, monkeypatch):
    folder = tmp_path / "tables"
    shutil.copytree(ROOT / "data" / "tables", folder)
    monkeypatch.setenv("NATO_DASHBOARD_TABLES", str(folder))
    monkeypatch.setenv("NATO_DASHBOARD_QUERY_MEMORY", "1KB")  # too little for any query

    at = open_app("pages/claims.py")

    assert [error.value for error in at.error] == [
        "This view needs more memory than the server gives its queries: narrow the filters, "
        "or give the server more ($NATO_DASHBOARD_QUERY_MEMORY, for example 1GB)."]
