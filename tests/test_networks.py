"""Discourse networks of hand-written claims: every weight below is worked out by hand.

The debate (`CLAIMS`): Ana argues for leaving NATO twice and for France leaving once;
Ben for leaving, and for France staying; Cleo for staying, and for France staying; Dan,
who has no party, for France leaving; the party Left (its own affiliation) for leaving;
Eve takes no stance. Ana and Ben belong to Left, Cleo and Eve to Right.

Positions without targets: Ana {exit}, Ben {exit, stay}, Cleo {stay}, Dan {exit},
Left {exit}. With targets: Ana {exit: NATO, exit: France}, Ben {exit: NATO, stay: France},
Cleo {stay: NATO, stay: France}, Dan {exit: France}, Left {exit}.
"""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from analysis import networks
from analysis.query import Corpus, Selection
from analysis.tables import Tables, make_table

# (speaker, type, party, stance, target, published)
CLAIMS = [
    ("Ana", "person", "Left", "exit", "NATO", "2024-01-10"),
    ("Ana", "person", "Left", "exit", "NATO", "2024-02-01"),
    ("Ana", "person", "Left", "exit", "France", "2024-03-01"),
    ("Ben", "person", "Left", "exit", "NATO", "2024-01-20"),
    ("Ben", "person", "Left", "stay", "France", "2024-05-01"),
    ("Cleo", "person", "Right", "stay", "NATO", "2024-02-15"),
    ("Cleo", "person", "Right", "stay", "France", "2024-04-01"),
    ("Dan", "person", "", "exit", "France", "2024-06-01"),
    ("Eve", "person", "Right", "none", "NATO", "2024-01-01"),
    ("Left", "party", "Left", "exit", "", "2024-03-10"),
]


def debate_claims() -> pd.DataFrame:
    return pd.DataFrame(CLAIMS, columns=["speaker", "speaker_type", "speaker_affiliation",
                                         "nato_stance", "target", "published"])


def debate_tables(claims: list[tuple[str, str, str, str, str, str]] = CLAIMS) -> Tables:
    """The claims as the tables hold them: each in an article of its own date, its speaker
    named there with their party (a party is its own)."""
    articles, actors, rows = [], [], []
    for number, (speaker, kind, party, stance, target, published) in enumerate(claims):
        article_id = f"a{number}"
        articles.append({"article_id": article_id, "title": f"Article {number}",
                         "source": "Invented", "url": "", "published": published,
                         "language": "en", "n_words": 10, "text_sha256": "", "text": ""})
        actors.append({"article_id": article_id, "actor": speaker, "actor_type": kind,
                       "role": "", "affiliation": "" if party == speaker else party,
                       "mentions": 1})
        rows.append({"claim_id": f"{article_id}-c1", "article_id": article_id,
                     "sentence_index": 0, "start_char": 0, "end_char": 18, "is_quote": False,
                     "speaker": speaker, "speaker_type": kind,
                     "cue": "say", "claim_text": "An invented claim.", "target": target,
                     "kind": "proposal", "nato_stance": stance})
    return Tables(articles=make_table("articles", articles), actors=make_table("actors", actors),
                  claims=make_table("claims", rows), case_mentions=make_table("case_mentions", []),
                  actor_mentions=make_table("actor_mentions", []))


def ties(graph: nx.Graph) -> dict[tuple[str, str], float]:
    return {tuple(sorted((one, other))): data["weight"]
            for one, other, data in graph.edges(data=True)}


def network(**options) -> nx.Graph:
    return networks.build_network(debate_claims(), **options).graph


# --- The affiliation network -----------------------------------------------------------


def test_the_affiliation_network_ties_actors_to_their_stances_by_claims():
    graph = network(network="affiliation")

    assert ties(graph) == {("Ana", "exit"): 3, ("Ben", "exit"): 1, ("Ben", "stay"): 1,
                           ("Cleo", "stay"): 2, ("Dan", "exit"): 1, ("Left", "exit"): 1}
    assert nx.is_bipartite(graph)
    assert graph.nodes["exit"]["kind"] == "position" and graph.nodes["exit"]["claims"] == 6
    assert graph.nodes["stay"]["claims"] == 3
    assert "Eve" not in graph  # no stance, no position


def test_the_affiliation_network_with_targets_names_each_position():
    graph = network(network="affiliation", targets=True)

    assert ties(graph) == {("Ana", "exit: NATO"): 2, ("Ana", "exit: France"): 1,
                           ("Ben", "exit: NATO"): 1, ("Ben", "stay: France"): 1,
                           ("Cleo", "stay: NATO"): 1, ("Cleo", "stay: France"): 1,
                           ("Dan", "exit: France"): 1, ("Left", "exit"): 1}
    assert {"stance": "stay", "target": "France"}.items() <= graph.nodes["stay: France"].items()
    assert graph.nodes["Ana"]["positions"] == "exit: France (1); exit: NATO (2)"


# --- The congruence network ------------------------------------------------------------


def test_congruence_counts_the_positions_two_actors_share():
    graph = network(network="congruence")

    assert ties(graph) == {("Ana", "Ben"): 1, ("Ana", "Dan"): 1, ("Ana", "Left"): 1,
                           ("Ben", "Dan"): 1, ("Ben", "Left"): 1, ("Dan", "Left"): 1,
                           ("Ben", "Cleo"): 1}
    assert graph.edges["Ben", "Cleo"]["positions"] == "stay"
    assert {"kind": "actor", "type": "person", "party": "Left",
            "claims": 3}.items() <= graph.nodes["Ana"].items()


@pytest.mark.parametrize("normalisation, expected", [
    # Ana takes 1 position, Ben 2, Cleo 1, Dan 1; each pair shares one
    ("none", {("Ana", "Ben"): 1, ("Ben", "Cleo"): 1, ("Ana", "Dan"): 1}),
    ("average", {("Ana", "Ben"): 1 / 1.5, ("Ben", "Cleo"): 1 / 1.5, ("Ana", "Dan"): 1.0}),
    ("jaccard", {("Ana", "Ben"): 1 / 2, ("Ben", "Cleo"): 1 / 2, ("Ana", "Dan"): 1.0}),
])
def test_each_normalisation_of_congruence(normalisation, expected):
    weights = ties(network(network="congruence", normalisation=normalisation))

    assert {pair: weights[pair] for pair in expected} == pytest.approx(expected)


@pytest.mark.parametrize("normalisation, expected", [
    # Ana 2 positions, Ben 2, Cleo 2, Dan 1; Left (exit) shares nothing
    ("none", {("Ana", "Ben"): 1, ("Ana", "Dan"): 1, ("Ben", "Cleo"): 1}),
    ("average", {("Ana", "Ben"): 1 / 2, ("Ana", "Dan"): 1 / 1.5, ("Ben", "Cleo"): 1 / 2}),
    ("jaccard", {("Ana", "Ben"): 1 / 3, ("Ana", "Dan"): 1 / 2, ("Ben", "Cleo"): 1 / 3}),
])
def test_congruence_with_targets(normalisation, expected):
    graph = network(network="congruence", targets=True, normalisation=normalisation)

    assert ties(graph) == pytest.approx(expected)
    assert graph.degree("Left") == 0 and "Left" in graph
    assert graph.edges["Ana", "Dan"]["positions"] == "exit: France"


# --- The conflict network --------------------------------------------------------------


def test_conflict_ties_actors_of_opposite_stances():
    graph = network(network="conflict")

    # for leaving: Ana, Ben, Dan, Left; for staying: Ben, Cleo (Ben is not against himself)
    assert ties(graph) == {("Ana", "Ben"): 1, ("Ana", "Cleo"): 1, ("Ben", "Cleo"): 1,
                           ("Ben", "Dan"): 1, ("Ben", "Left"): 1, ("Cleo", "Dan"): 1,
                           ("Cleo", "Left"): 1}
    assert graph.edges["Ana", "Cleo"]["positions"] == networks.NO_TARGET


def test_conflict_with_targets_counts_the_subjects_two_actors_oppose_on():
    graph = network(network="conflict", targets=True)

    # NATO: Ana, Ben against Cleo; France: Ana, Dan against Ben, Cleo
    assert ties(graph) == {("Ana", "Cleo"): 2, ("Ben", "Cleo"): 1, ("Ana", "Ben"): 1,
                           ("Ben", "Dan"): 1, ("Cleo", "Dan"): 1}
    assert graph.edges["Ana", "Cleo"]["positions"] == "France; NATO"
    jaccard = ties(network(network="conflict", targets=True, normalisation="jaccard"))
    average = ties(network(network="conflict", targets=True, normalisation="average"))
    assert jaccard[("Ana", "Cleo")] == pytest.approx(2 / (2 + 2 - 2))
    assert average[("Ben", "Dan")] == pytest.approx(1 / 1.5)


# --- Time window and level -------------------------------------------------------------


def test_a_time_window_keeps_the_claims_published_in_it():
    window = ("2024-01-01", "2024-02-28")  # Ana twice, Ben, Cleo on NATO; Eve no stance

    congruence = network(network="congruence", window=window)
    conflict = network(network="conflict", window=window)

    assert set(congruence.nodes) == {"Ana", "Ben", "Cleo"}
    assert ties(congruence) == {("Ana", "Ben"): 1}
    assert ties(conflict) == {("Ana", "Cleo"): 1, ("Ben", "Cleo"): 1}
    assert congruence.nodes["Ana"]["claims"] == 2


def test_a_time_window_leaves_undated_claims_out():
    claims = debate_claims()
    claims.loc[claims["speaker"] == "Dan", "published"] = ""

    graph = networks.build_network(claims, window=("2024-01-01", "2024-12-31")).graph

    assert "Dan" not in graph and "Dan" in networks.build_network(claims).graph


def test_the_party_level_merges_members_into_their_party():
    congruence = network(network="congruence", level="party")
    conflict = network(network="conflict", level="party")

    # Left: Ana, Ben and the party itself (exit 5 claims, stay 1); Right: Cleo (stay 2);
    # Dan has no party and stands for himself
    assert set(congruence.nodes) == {"Left", "Right", "Dan"}
    assert {"claims": 6, "party": "Left",
            "type": "party"}.items() <= congruence.nodes["Left"].items()
    assert {"claims": 1, "party": "", "type": "person"}.items() <= congruence.nodes["Dan"].items()
    assert ties(congruence) == {("Dan", "Left"): 1, ("Left", "Right"): 1}
    assert ties(conflict) == {("Left", "Right"): 1, ("Dan", "Left"): 1, ("Dan", "Right"): 1}
    affiliation = network(network="affiliation", level="party")
    assert ties(affiliation) == {("Left", "exit"): 5, ("Left", "stay"): 1,
                                 ("Right", "stay"): 2, ("Dan", "exit"): 1}


def test_unknown_options_are_refused_by_name():
    with pytest.raises(ValueError, match="unknown normalisation 'cosine'"):
        network(normalisation="cosine")
    with pytest.raises(ValueError, match="unknown level 'country'"):
        network(level="country")


# --- The counts in SQL -----------------------------------------------------------------


def test_position_counts_from_the_tables_give_the_same_networks():
    with Corpus(frames=debate_tables().as_dict()).session() as session:
        counts = networks.position_counts(session, Selection())
        dated = networks.position_counts(
            session, Selection(published=(pd.Timestamp("2024-01-01").date(),
                                          pd.Timestamp("2024-02-28").date())))

    assert counts["claims"].sum() == 9  # Eve's claim takes no stance
    row = counts[(counts["speaker"] == "Ana") & (counts["target"] == "NATO")].iloc[0]
    assert (row["party"], row["party_type"], row["nato_stance"], row["claims"]) == (
        "Left", "party", "exit", 2)
    for options in [{"network": "congruence", "targets": True, "normalisation": "jaccard"},
                    {"network": "conflict", "level": "party"},
                    {"network": "affiliation", "targets": True}]:
        from_sql = networks.build_network(counts, **options).graph
        from_rows = network(**options)
        assert ties(from_sql) == pytest.approx(ties(from_rows))
        assert dict(from_sql.nodes(data=True)) == dict(from_rows.nodes(data=True))
    assert set(dated["speaker"]) == {"Ana", "Ben", "Cleo"}


def test_position_counts_of_no_claims_are_empty():
    with Corpus(frames=debate_tables().as_dict()).session() as session:
        counts = networks.position_counts(session, Selection(language=("fr",)))

    assert counts.empty and list(counts.columns) == networks.COUNT_COLUMNS


# --- Keeping the strongest ties --------------------------------------------------------


def crowd() -> pd.DataFrame:
    """A, B, C for leaving (a claim each); D (five claims) and E (one) for staying."""
    rows = [(name, "exit") for name in "ABC"] + [("D", "stay")] * 5 + [("E", "stay")]
    return pd.DataFrame([{"speaker": name, "speaker_type": "person", "nato_stance": stance,
                          "target": ""} for name, stance in rows])


def test_more_actors_than_the_limit_keep_the_most_tied():
    congruence = networks.build_network(crowd(), network="congruence", limit=3)
    conflict = networks.build_network(crowd(), network="conflict", limit=2)

    # congruence: A, B, C have two ties each, D and E one
    assert set(congruence.graph.nodes) == {"A", "B", "C"} and congruence.nodes == 5
    assert congruence.trimmed
    # conflict: D and E oppose three each, A, B, C two; D has more claims than E
    assert set(conflict.graph.nodes) == {"D", "E"}
    assert not networks.build_network(crowd(), limit=5).trimmed


def test_the_affiliation_network_keeps_the_nodes_with_most_claims():
    kept = networks.build_network(crowd(), network="affiliation", limit=3)

    # stay: 6 claims, D: 5, exit: 3; A, B, C and E one each
    assert set(kept.graph.nodes) == {"stay", "D", "exit"} and kept.nodes == 7


# --- Tables, layout, files -------------------------------------------------------------


def test_the_edge_list_is_strongest_first_with_actors_before_positions():
    edges = networks.edge_list(network(network="conflict", targets=True))
    two_mode = networks.edge_list(network(network="affiliation"))

    assert list(edges.columns) == ["actor_a", "actor_b", "weight", "positions"]
    assert edges.iloc[0].tolist() == ["Ana", "Cleo", 2.0, "France; NATO"]
    assert two_mode.iloc[0].tolist() == ["Ana", "exit", 3.0, "exit"]
    assert set(two_mode["actor_b"]) == {"exit", "stay"}


def test_the_layout_is_the_same_whatever_the_order_of_the_rows():
    claims = debate_claims()
    first = networks.node_table(networks.build_network(claims).graph)
    again = networks.node_table(networks.build_network(
        claims.iloc[::-1].reset_index(drop=True)).graph)

    assert first.equals(again)
    assert first[["x", "y"]].abs().max().max() <= 1.0
    assert first.set_index("node").loc["Ana", "ties"] == 3


NASTY = 'Anne "A&B" <Left>'


def nasty_network() -> nx.Graph:
    claims = debate_claims().replace({"Ana": NASTY, "Left": "Left & <Co>"})
    return networks.build_network(claims, network="affiliation", targets=True).graph


@pytest.mark.parametrize("write, read", [(networks.graphml_bytes, nx.read_graphml),
                                         (networks.gexf_bytes, nx.read_gexf)])
def test_exports_read_back_with_the_same_nodes_ties_and_attributes(write, read):
    graph = nasty_network()

    data = write(graph)
    back = read(io.BytesIO(data))

    assert set(back.nodes) == set(graph.nodes) and NASTY in back
    assert ties(back) == ties(graph)
    for node, attributes in graph.nodes(data=True):
        assert {key: back.nodes[node][key] for key in attributes} == attributes
    assert back.edges[NASTY, "exit: NATO"]["weight"] == 2.0
    assert back.nodes["Left & <Co>"]["party"] == "Left & <Co>"
    assert b"&lt;Left&gt;" in data and b"<Left>" not in data


def test_exports_drop_characters_xml_cannot_hold():
    graph = nx.Graph()
    graph.add_node("Bad\x0bname", kind="actor", type="person", party="P\x00", claims=1,
                   positions="exit (1)", stance="", target="")

    for write, read in [(networks.graphml_bytes, nx.read_graphml),
                        (networks.gexf_bytes, nx.read_gexf)]:
        back = read(io.BytesIO(write(graph)))
        assert list(back.nodes) == ["Badname"] and back.nodes["Badname"]["party"] == "P"
