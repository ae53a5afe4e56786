"""Discourse networks of the claims: who takes which position on leaving NATO, who sides
with whom, who opposes whom.

A position is a claim's NATO stance (`exit` or `stay`), and, when targets are asked for,
what the claim is about ("exit: France"). As in the Discourse Network Analyzer, three
networks are read off the same counts of claims per actor and position:

- the affiliation network (two-mode): actors tied to the positions they take, weight the
  number of claims;
- the congruence network (one-mode): two actors tied when they take the same position,
  weight the number of positions they share;
- the conflict network (one-mode): two actors tied when they take opposite stances on the
  same subject (leaving NATO, or the same target), weight the number of such subjects.

One-mode weights may be normalised by the two actors' activity (the number of positions
each takes): `average` divides by the mean of the two, `jaccard` by the size of the union.
Actors are people, or, at the `party` level, their party or affiliation (an actor without
one stands for itself). `window` keeps the claims of articles published in a date range.

The input is a small frame of claim counts, one row per actor and position
(`position_counts` fetches it from the tables in SQL), or a claims table itself, a claim a
row. Graphs are `networkx` graphs with node attributes `kind`, `type`, `party`, `claims`
and `positions`, and edge attributes `weight` and `positions`, written to GraphML and GEXF
for visone and Gephi.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
import pandas as pd

from analysis.aggregates import with_affiliation
from analysis.query import Selection, Session

NETWORKS = ("congruence", "conflict", "affiliation")
LEVELS = ("person", "party")
NORMALISATIONS = ("none", "average", "jaccard")
POSITION_STANCES = ("exit", "stay")
OPPOSITE = {"exit": "stay", "stay": "exit"}
# The subject of a stance taken without a target: leaving NATO itself.
NO_TARGET = "leaving NATO"
# Nodes the page draws; the export holds more (an actor's ties grow with the square of the
# actors sharing a position, so neither holds every pair of a million claims' speakers).
MAX_NODES = 150
MAX_EXPORT_NODES = 500
LAYOUT_SEED = 14
COUNT_COLUMNS = ["speaker", "speaker_type", "party", "party_type", "nato_stance", "target",
                 "claims"]
# Characters XML 1.0 cannot hold, even escaped: a name with one would make a file Gephi
# refuses to open.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Network:
    """A network and how much of it is kept: `nodes` before trimming to the strongest."""

    graph: nx.Graph
    kind: str
    nodes: int

    @property
    def trimmed(self) -> bool:
        return self.graph.number_of_nodes() < self.nodes


# --- Claims to positions --------------------------------------------------------------


def position_counts(session: Session, selection: Selection) -> pd.DataFrame:
    """Claims with a stance per speaker, party, stance and target in the view (columns
    `COUNT_COLUMNS`): the small frame the networks are built from, counted in SQL.

    `party` is the speaker's party or affiliation as the Claims page shows it, and
    `party_type` the actor type the corpus gives that name (a party, or a state).
    """
    query = session.filtered("claims", selection, where={"nato_stance": POSITION_STANCES})
    return session.frame(f"""
        WITH claims AS ({with_affiliation(query, columns=[
            "article_id", "speaker", "speaker_type", "nato_stance", "target"])}),
        types AS (SELECT actor, mode(actor_type) AS actor_type FROM actors
                  WHERE actor_type <> '' GROUP BY actor)
        SELECT speaker, speaker_type, speaker_affiliation AS party,
               coalesce(types.actor_type, 'party') AS party_type, nato_stance, target,
               count(*)::BIGINT AS claims
        FROM claims LEFT JOIN types ON types.actor = claims.speaker_affiliation
        WHERE speaker <> ''
        GROUP BY ALL ORDER BY speaker, nato_stance, target, party""", query.params)


def positions(claims: pd.DataFrame, *, level: str = "person", targets: bool = False,
              window: tuple[str, str] | None = None) -> pd.DataFrame:
    """Claims per actor and position (columns actor, type, party, stance, subject,
    position, claims), from a claims table or `position_counts`.

    Claims without an `exit` or `stay` stance take no position and are left out; `window`
    (ISO dates, both included) keeps claims of articles published in it, and needs a
    `published` column.
    """
    _check(level, LEVELS, "level")
    frame = claims[claims["nato_stance"].isin(POSITION_STANCES) & (claims["speaker"] != "")]
    if window is not None:
        start, end = window
        published = frame["published"].fillna("").astype(str)
        frame = frame[(published != "") & (published >= start) & (published <= end)]
    weight = frame["claims"] if "claims" in frame else pd.Series(1, index=frame.index)
    party = frame["party"] if "party" in frame else frame.get(
        "speaker_affiliation", pd.Series("", index=frame.index))
    party = party.fillna("").astype(str)
    grouped = level == "party"
    party_type = frame["party_type"] if "party_type" in frame else "party"
    target = frame["target"].fillna("").astype(str) if targets else pd.Series(
        "", index=frame.index)
    rows = pd.DataFrame({
        "actor": party.where(party != "", frame["speaker"]) if grouped else frame["speaker"],
        "type": (pd.Series(party_type, index=frame.index).where(party != "",
                                                                 frame["speaker_type"])
                 if grouped else frame["speaker_type"]),
        "party": party, "stance": frame["nato_stance"], "subject": target.replace("", NO_TARGET),
        "position": [stance if not subject else f"{stance}: {subject}"
                     for stance, subject in zip(frame["nato_stance"], target)],
        "claims": weight.astype(int)})
    if grouped:
        rows["party"] = rows["actor"].where(party != "", "")
    keys = ["actor", "stance", "subject", "position"]
    taken = rows.groupby(keys, as_index=False)["claims"].sum()
    for column in ("type", "party"):
        taken = taken.merge(_leading(rows, keys, column), on=keys, how="left")
        taken[column] = taken[column].fillna("")
    return (taken[["actor", "type", "party", "stance", "subject", "position", "claims"]]
            .sort_values(["actor", "position"], ignore_index=True))


def _leading(rows: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Per group of `keys`, the non-empty value of `column` with the most claims (the first
    in alphabetical order among equals): an actor's type or party where rows differ."""
    present = rows[rows[column] != ""]
    totals = present.groupby([*keys, column], as_index=False, sort=True)["claims"].sum()
    best = totals.sort_values("claims", ascending=False, kind="stable").drop_duplicates(keys)
    return best[[*keys, column]]


def _check(value: str, allowed: Iterable[str], name: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {name} {value!r} (choose from {', '.join(allowed)})")


# --- Networks -------------------------------------------------------------------------


def build_network(claims: pd.DataFrame, *, network: str = "congruence", level: str = "person",
                  normalisation: str = "none", targets: bool = False,
                  window: tuple[str, str] | None = None,
                  limit: int | None = None) -> Network:
    """The chosen network of `claims`, kept to the `limit` nodes with the strongest ties."""
    _check(network, NETWORKS, "network")
    _check(normalisation, NORMALISATIONS, "normalisation")
    taken = positions(claims, level=level, targets=targets, window=window)
    if network == "affiliation":
        graph = affiliation_network(taken)
        nodes = graph.number_of_nodes()
        return Network(_strongest(graph, limit), network, nodes)
    nodes = taken["actor"].nunique()
    kept = _most_tied_actors(taken, network, limit)
    one_mode = congruence_network if network == "congruence" else conflict_network
    graph = one_mode(taken[taken["actor"].isin(kept)], normalisation=normalisation)
    return Network(graph, network, nodes)


def affiliation_network(taken: pd.DataFrame) -> nx.Graph:
    """Actors and the positions they take (`positions`), weight the number of claims."""
    graph = _actor_graph(taken)
    for (stance, subject, position), rows in taken.groupby(["stance", "subject", "position"]):
        graph.add_node(position, kind="position", type=stance, party="",
                       claims=int(rows["claims"].sum()),
                       positions=_joined(f"{actor} ({claims})" for actor, claims
                                         in zip(rows["actor"], rows["claims"])),
                       stance=stance, target="" if subject == NO_TARGET else subject)
    for actor, position, claims in zip(taken["actor"], taken["position"], taken["claims"]):
        graph.add_edge(actor, position, weight=float(claims), positions=position)
    return graph


def congruence_network(taken: pd.DataFrame, *, normalisation: str = "none") -> nx.Graph:
    """Actors tied by the positions they share (`positions`), weight the number shared,
    normalised as asked."""
    graph = _actor_graph(taken)
    holders = taken.groupby("position")["actor"].agg(lambda actors: sorted(set(actors)))
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for position, actors in holders.items():
        for pair in combinations(actors, 2):
            shared[pair].append(position)
    _add_ties(graph, shared, _activity(taken), normalisation)
    return graph


def conflict_network(taken: pd.DataFrame, *, normalisation: str = "none") -> nx.Graph:
    """Actors tied when one argues for leaving and the other for staying on the same subject
    (`positions`), weight the number of such subjects, normalised as asked."""
    graph = _actor_graph(taken)
    sides = taken.groupby(["subject", "stance"])["actor"].agg(set)
    opposed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for subject in sorted(set(taken["subject"])):
        leaving, staying = sides.get((subject, "exit"), set()), sides.get((subject, "stay"), set())
        pairs = {tuple(sorted((one, other))) for one in leaving for other in staying
                 if one != other}
        for pair in sorted(pairs):
            opposed[pair].append(subject)
    _add_ties(graph, opposed, _activity(taken), normalisation)
    return graph


def _actor_graph(taken: pd.DataFrame) -> nx.Graph:
    """A graph of the actors of `taken`, in name order, with their attributes."""
    types = _leading(taken, ["actor"], "type").set_index("actor")["type"]
    parties = _leading(taken, ["actor"], "party").set_index("actor")["party"]
    claims = taken.groupby("actor")["claims"].sum()
    held: dict[str, list[str]] = defaultdict(list)
    for actor, position, count in zip(taken["actor"], taken["position"], taken["claims"]):
        held[actor].append(f"{position} ({count})")
    graph = nx.Graph()
    for actor in sorted(held):
        graph.add_node(actor, kind="actor", type=types.get(actor, ""),
                       party=parties.get(actor, ""), claims=int(claims[actor]),
                       positions=_joined(held[actor]), stance="", target="")
    return graph


def _activity(taken: pd.DataFrame) -> dict[str, int]:
    """Each actor's number of distinct positions, the denominator of the normalisations."""
    return taken.groupby("actor")["position"].nunique().to_dict()


def _add_ties(graph: nx.Graph, ties: dict[tuple[str, str], list[str]],
              activity: dict[str, int], normalisation: str) -> None:
    for (one, other), shared in sorted(ties.items()):
        graph.add_edge(one, other, weight=normalised(len(shared), activity[one],
                                                     activity[other], normalisation),
                       positions=_joined(shared))


def normalised(count: int, one: int, other: int, normalisation: str) -> float:
    """A tie of `count` positions between actors taking `one` and `other` positions:
    as is, over their average activity, or over the union of their positions (Jaccard)."""
    _check(normalisation, NORMALISATIONS, "normalisation")
    if normalisation == "average":
        return count / ((one + other) / 2)
    if normalisation == "jaccard":
        return count / (one + other - count)
    return float(count)


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


# --- Keeping the strongest ties --------------------------------------------------------


def _most_tied_actors(taken: pd.DataFrame, network: str, limit: int | None) -> set[str]:
    """The `limit` actors with the most ties in the un-normalised network, reckoned from
    the counts of actors per position (no pair is listed), then by claims and name."""
    actors = set(taken["actor"])
    if limit is None or len(actors) <= limit:
        return actors
    held = taken[["actor", "stance", "subject", "position"]].drop_duplicates()
    if network == "congruence":
        per_position = held.groupby("position")["actor"].transform("size")
        ties = (per_position - 1).groupby(held["actor"]).sum()
    else:
        sides = held.groupby(["subject", "stance"]).size()
        both = held.duplicated(["actor", "subject"], keep=False)  # takes both stances
        opposite = [sides.get((subject, OPPOSITE[stance]), 0)
                    for subject, stance in zip(held["subject"], held["stance"])]
        ties = (pd.Series(opposite, index=held.index) - both.astype(int)).groupby(
            held["actor"]).sum()
    claims = taken.groupby("actor")["claims"].sum()
    ranked = pd.DataFrame({"ties": ties, "claims": claims}).rename_axis("actor").reset_index()
    ranked = ranked.sort_values(["ties", "claims", "actor"], ascending=[False, False, True])
    return set(ranked["actor"].head(limit))


def _strongest(graph: nx.Graph, limit: int | None) -> nx.Graph:
    """`graph` kept to the `limit` nodes with the largest sum of tie weights."""
    if limit is None or graph.number_of_nodes() <= limit:
        return graph
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node, weight="weight"),
                                                   -graph.nodes[node]["claims"], node))
    kept = set(ranked[:limit])
    return graph.subgraph([node for node in graph.nodes if node in kept]).copy()


# --- Tables, layout and files ---------------------------------------------------------


def edge_list(graph: nx.Graph) -> pd.DataFrame:
    """The ties, strongest first (columns actor_a, actor_b, weight, positions); in the
    affiliation network actor_b is the position."""
    rows = [(*_ends(graph, one, other), data["weight"], data["positions"])
            for one, other, data in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["actor_a", "actor_b", "weight", "positions"])
    return frame.sort_values(["weight", "actor_a", "actor_b"], ascending=[False, True, True],
                             ignore_index=True)


def _ends(graph: nx.Graph, one: str, other: str) -> tuple[str, str]:
    """A tie's ends in reading order: two actors by name, else the actor, then the position."""
    if graph.nodes[one]["kind"] == "position":
        return other, one
    if graph.nodes[other]["kind"] == "position":
        return one, other
    return (one, other) if one <= other else (other, one)


def node_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per node with its attributes and its place in the layout (columns node,
    kind, type, party, claims, positions, stance, target, ties, x, y)."""
    places = layout(graph)
    rows = [{"node": node, **{key: data[key] for key in ("kind", "type", "party", "claims",
                                                          "positions", "stance", "target")},
             "ties": graph.degree(node), "x": places[node][0], "y": places[node][1]}
            for node, data in graph.nodes(data=True)]
    return pd.DataFrame(rows, columns=["node", "kind", "type", "party", "claims", "positions",
                                       "stance", "target", "ties", "x", "y"])


def layout(graph: nx.Graph, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Node positions by a force-directed layout with a fixed seed: the same network is
    drawn the same way on every run."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {node: (0.0, 0.0) for node in graph.nodes}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), {"weight": data["weight"]})
                                  for a, b, data in graph.edges(data=True)))
    places = nx.spring_layout(ordered, seed=seed, weight="weight")
    return {node: (round(float(x), 6), round(float(y), 6)) for node, (x, y) in places.items()}


def _xml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy whose names and text attributes hold no character XML 1.0 forbids."""
    def clean(value: object) -> object:
        return XML_INVALID.sub("", value) if isinstance(value, str) else value

    safe = nx.Graph()
    safe.add_nodes_from((clean(node), {key: clean(value) for key, value in data.items()})
                        for node, data in graph.nodes(data=True))
    safe.add_edges_from((clean(one), clean(other),
                         {key: clean(value) for key, value in data.items()})
                        for one, other, data in graph.edges(data=True))
    return safe


def graphml_bytes(graph: nx.Graph) -> bytes:
    """The network as GraphML (visone, Gephi): node attributes kind, type, party, claims,
    positions; edge weight and positions. The writer escapes the text."""
    buffer = io.BytesIO()
    nx.write_graphml(_xml_safe(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    """The network as GEXF (Gephi), each node labelled with its name."""
    safe = _xml_safe(graph)
    for node, data in safe.nodes(data=True):
        data["label"] = node
    buffer = io.BytesIO()
    nx.write_gexf(safe, buffer, encoding="utf-8")
    return buffer.getvalue()
