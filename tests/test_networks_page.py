"""The Networks page in Streamlit's AppTest: it draws on the bundled corpus and on an upload,
a link restores its options, and filters that leave no claim give a short message.

Expected ties come from reading the bundled article (data/articles/lfi-nato-exit.txt):
Clémence Guetté argues for leaving NATO (once about NATO, once about France) and Gabriel
Amard twice for France leaving; both belong to La France Insoumise; nobody argues for
staying.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis import networks
from tests.test_networks import debate_claims
from ui import charts
from ui import networks_view as view

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "pages/networks.py"
GUETTE, AMARD, LFI = "Clémence Guetté", "Gabriel Amard", "La France Insoumise"
OSLO_TEXT = (
    "Debate in Oslo\n\n"
    "Labour MP Kari Lund said that Norway should leave NATO. Defence minister Ola Berg said "
    "that Norway must stay in NATO. Green MP Siri Dahl argued that Norway should remain in "
    "NATO.\n"
)


@pytest.fixture(autouse=True)
def private_analysis_cache(tmp_path_factory, monkeypatch):
    """Keep the analysis cache of these runs out of the user's cache folder."""
    monkeypatch.setenv("NATO_DASHBOARD_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def open_networks(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def tie_rows(at: AppTest) -> list[tuple]:
    frame: pd.DataFrame = at.dataframe[0].value  # the only table of the page: the ties
    return [tuple(row) for row in frame.itertuples(index=False)]


def captions(at: AppTest) -> str:
    return "\n".join(caption.value for caption in at.caption)


def test_the_congruence_of_the_bundled_article():
    at = open_networks()

    assert [title.value for title in at.title] == ["Networks"]
    assert at.selectbox(key="network").value == "congruence"
    assert tie_rows(at) == [(GUETTE, AMARD, 1.0, "exit")]
    assert at.selectbox(key="network-open").options == [GUETTE, AMARD]  # four claims each
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    nodes = spec["layer"][1]["encoding"]
    # the actor types' colours of every page, the click selection on the nodes
    assert nodes["color"]["scale"] == {"domain": ["person"],
                                       "range": [charts.ACTOR_TYPE_COLORS["person"]]}
    assert spec["params"][0]["name"] == view.SELECTION


def test_a_link_restores_the_options():
    at = open_networks(network="affiliation", level="party", positions="stance and target")

    assert at.selectbox(key="network").value == "affiliation"
    assert at.selectbox(key="level").value == "party"
    assert at.selectbox(key="positions").value == "stance and target"
    # the party's members' claims merged: exit: France 1 + 2, exit: NATO 1
    assert tie_rows(at) == [(LFI, "exit: France", 3.0), (LFI, "exit: NATO", 1.0)]


def test_choosing_a_normalisation_changes_the_weights():
    at = open_networks(positions="stance and target")

    at.selectbox(key="normalisation").set_value("jaccard").run()

    # Guetté takes two positions, Amard one, and they share "exit: France": 1 / (2 + 1 - 1)
    assert tie_rows(at) == [(GUETTE, AMARD, 0.5, "exit: France")]


def test_a_network_without_ties_says_so():
    at = open_networks(network="conflict")

    assert tie_rows(at) == []
    assert "No two actors in this view take opposite stances" in captions(at)


def test_filters_that_leave_no_claim_give_a_short_message():
    at = open_networks(actor_type="state", affiliation=LFI)

    assert [title.value for title in at.title] == ["Networks"]
    assert any("there is no network to draw" in info.value for info in at.info)
    assert not at.get("vega_lite_chart")
    assert "Link to this view" in captions(at)


def test_opening_a_partys_claims_sets_the_party_filter():
    at = open_networks(language="en", level="party")

    at.selectbox(key="network-open").set_value(LFI).run()
    at.button(key="network-open-claims").click().run()

    assert not at.exception, [error.value for error in at.exception]
    assert [title.value for title in at.title] == ["Claims"]
    assert at.sidebar.multiselect(key="affiliation").value == [LFI]
    assert at.sidebar.multiselect(key="language").value == ["en"]
    claims = at.dataframe[0].value
    assert set(claims["speaker"]) == {GUETTE, AMARD, LFI}  # the party speaks once itself


def test_opening_an_actors_claims_picks_the_speaker():
    at = open_networks()

    at.selectbox(key="network-open").set_value(AMARD).run()
    at.button(key="network-open-claims").click().run()

    assert [title.value for title in at.title] == ["Claims"]
    assert at.multiselect(key="speaker").value == [AMARD]
    assert set(at.dataframe[0].value["speaker"]) == {AMARD}


def test_an_upload_joins_the_network():
    at = open_networks()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("oslo-debate.txt", OSLO_TEXT.encode(), "text/plain")).run()
    at.button(key="upload-analyse").click().run()
    assert not at.exception, [error.value for error in at.exception]

    at.switch_page(PAGE).run()
    congruence = tie_rows(at)
    at.selectbox(key="network").set_value("conflict").run()
    conflict = tie_rows(at)

    assert not at.exception
    # Guetté, Amard and Lund for leaving, Berg and Dahl for staying
    assert congruence == [(GUETTE, AMARD, 1.0, "exit"), (GUETTE, "Kari Lund", 1.0, "exit"),
                          (AMARD, "Kari Lund", 1.0, "exit"), ("Ola Berg", "Siri Dahl", 1.0, "stay")]
    assert sorted(row[:2] for row in conflict) == sorted(
        tuple(sorted((leaving, staying))) for leaving in (GUETTE, AMARD, "Kari Lund")
        for staying in ("Ola Berg", "Siri Dahl"))


def test_the_chart_draws_positions_in_their_stance_colours():
    graph = networks.build_network(debate_claims(), network="affiliation").graph

    chart = view.network_chart(networks.node_table(graph), networks.edge_list(graph),
                               title="Affiliation").to_dict()
    color = chart["layer"][1]["encoding"]["color"]["scale"]

    assert color == {"domain": ["person", "party", "exit", "stay"],
                     "range": [charts.ACTOR_TYPE_COLORS["person"],
                               charts.ACTOR_TYPE_COLORS["party"],
                               charts.STANCE_COLORS["exit"], charts.STANCE_COLORS["stay"]]}


@pytest.mark.parametrize("node, level, query", [
    ({"node": "Ana", "kind": "actor", "party": "Left"}, "person", {"speaker": ["Ana"]}),
    ({"node": "Left", "kind": "actor", "party": "Left"}, "party", {"affiliation": ["Left"]}),
    ({"node": "Dan", "kind": "actor", "party": ""}, "party", {"speaker": ["Dan"]}),
    ({"node": "exit: France", "kind": "position", "stance": "exit", "target": "France"},
     "person", {"stance": ["exit"], "target": ["France"]}),
    ({"node": "stay", "kind": "position", "stance": "stay", "target": ""}, "party",
     {"stance": ["stay"]}),
])
def test_a_node_opens_its_claims_by_the_claims_pages_filters(node, level, query):
    assert view.claims_link(node, level=level) == query


def test_a_network_of_more_than_150_actors_keeps_the_most_tied(tmp_path, monkeypatch):
    from analysis.export import write_tables
    from tests.test_networks import debate_tables

    # 160 invented members of one party for leaving; two of them also for staying, with
    # Vera Stay: those two share a position with 160 others, the rest with 159
    claims = [(f"Member {number:03d}", "person", "Party", "exit", "", "2025-01-01")
              for number in range(160)]
    claims += [(f"Member {number:03d}", "person", "Party", "stay", "", "2025-01-02")
               for number in (7, 8)] + [("Vera Stay", "person", "", "stay", "", "2025-01-03")]
    write_tables(debate_tables(claims).as_dict(), tmp_path, fmt="parquet")
    monkeypatch.setenv("NATO_DASHBOARD_TABLES", str(tmp_path))

    at = open_networks()

    assert "The network has 161 actors: the chart shows the 150 with the strongest ties" in (
        captions(at))
    names = at.selectbox(key="network-open").options
    assert len(names) == 150 and {"Member 007", "Member 008"} <= set(names)
    assert "Vera Stay" not in names  # two ties only
    assert "The 1,000 strongest of 11,175 ties" in captions(at)  # 150 x 149 / 2
    assert len(at.dataframe[0].value) == 1_000
