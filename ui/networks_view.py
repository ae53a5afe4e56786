"""The Networks page's chart, tie table and downloads (the networks come from
`analysis.networks`).

The chart places the nodes where the layout put them: actors as circles sized by their
claims and coloured by actor type, positions (in the affiliation network) as squares in
their stance's colour, ties as lines as thick as their weight. A click on a node opens its
claims on the Claims page (`ask_to_open_claims`, `open_claims_if_asked`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from analysis import networks
from analysis.query import Selection
from ui import charts
from ui.downloads import FilterValues, download_csv, download_file, file_name

OTHER_TYPE = "other"
NODE_COLORS = {**charts.ACTOR_TYPE_COLORS,
               **{stance: charts.STANCE_COLORS[stance] for stance in networks.POSITION_STANCES},
               OTHER_TYPE: charts.STANCE_COLORS["none"]}
# Nodes named on the chart itself (the most active); the tooltip names every node.
LABELLED_NODES = 12
CHART_HEIGHT = 560
SELECTION = "node"
NETWORK_HELP = ("congruence: actors tied when they take the same position; conflict: when "
                "they take opposite stances on the same subject; affiliation: actors tied to "
                "the positions they take.")
LEVEL_NOUNS = {"person": "actors", "party": "parties and affiliations"}
WITH_TARGETS = "stance and target"
POSITION_CHOICES = ("stance", WITH_TARGETS)
# The sidebar's filters: their URL keys are Selection's fields.
SIDEBAR_KEYS = {item.name for item in fields(Selection)}
OPENING = "network-opening-claims"
TIE_COLUMNS = {"congruence": "Shared positions", "conflict": "Opposed on"}


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Ties as lines and nodes as marks at their layout places (`networks.node_table`,
    `networks.edge_list`); the node layer carries the click selection `SELECTION`."""
    nodes = nodes.assign(type=nodes["type"].where(nodes["type"].isin(NODE_COLORS), OTHER_TYPE),
                         shape=nodes["kind"].map({"position": "square"}).fillna("circle"))
    places = nodes.set_index("node")[["x", "y"]]
    ties = edges.assign(x=edges["actor_a"].map(places["x"]), y=edges["actor_a"].map(places["y"]),
                        x2=edges["actor_b"].map(places["x"]), y2=edges["actor_b"].map(places["y"]))
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-1.2, 1.2]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-1.2, 1.2]))
    lines = alt.Chart(ties).mark_rule(color="#9D9D9D", opacity=0.6).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("weight:Q", title="Tie weight", legend=None,
                                    scale=alt.Scale(range=[0.6, 6])),
        tooltip=[alt.Tooltip("actor_a:N", title="Actor"), alt.Tooltip("actor_b:N", title="With"),
                 alt.Tooltip("weight:Q", title="Weight", format=".3~f"),
                 alt.Tooltip("positions:N", title="Positions")])
    shown = [kind for kind in NODE_COLORS if kind in set(nodes["type"])]
    pick = alt.selection_point(name=SELECTION, fields=["node"], on="click")
    marks = alt.Chart(nodes).mark_point(filled=True, opacity=0.9, stroke="white",
                                        strokeWidth=1).encode(
        x=x, y=y, shape=alt.Shape("shape:N", scale=alt.Scale(domain=["circle", "square"],
                                                             range=["circle", "square"]),
                                  legend=None),
        size=alt.Size("claims:Q", title="Claims", scale=alt.Scale(range=[60, 1100]),
                      legend=None),
        color=alt.Color("type:N", title="Actor type / stance",
                        scale=alt.Scale(domain=shown, range=[NODE_COLORS[k] for k in shown]),
                        legend=charts.legend_below(shown)),
        tooltip=[alt.Tooltip("node:N", title="Name"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("party:N", title="Party / affiliation"),
                 alt.Tooltip("claims:Q", title="Claims"),
                 alt.Tooltip("positions:N", title="Positions (claims)"),
                 alt.Tooltip("ties:Q", title="Ties")],
    ).add_params(pick)
    named = nodes.nlargest(LABELLED_NODES, "claims", keep="first")
    labels = alt.Chart(named).mark_text(dy=-14, fontSize=11, color="#31333F",
                                        limit=140).encode(x=x, y=y, text="node:N")
    return alt.layer(lines, marks, labels, title=charts.lines(title, 60)).properties(
        height=CHART_HEIGHT)


def claims_link(node: Mapping[str, object], *, level: str) -> dict[str, list[str]]:
    """The Claims page's query that shows a node's claims: a person's as speaker, a
    party's or affiliation's by the sidebar's Party / affiliation filter, a position's by
    stance and target."""
    if node["kind"] == "position":
        query = {"stance": [str(node["stance"])]}
        return query | ({"target": [str(node["target"])]} if node["target"] else {})
    if level == "party" and node["party"]:
        return {"affiliation": [str(node["party"])]}
    return {"speaker": [str(node["node"])]}


def ask_to_open_claims(query: Mapping[str, list[str]]) -> None:
    """Have the next run open the Claims page with `query` (call from a widget's callback).

    The sidebar's filters are widgets bound to the URL, which a page switch may not set by
    address: those of `query` (the party filter) are set through their state, before the
    sidebar is drawn; the others go into the Claims page's address."""
    for key in SIDEBAR_KEYS & set(query):
        st.session_state[key] = list(query[key])
    st.session_state[OPENING] = {key: list(values) for key, values in query.items()
                                 if key not in SIDEBAR_KEYS}


def open_claims_if_asked() -> None:
    """Switch to the Claims page if a click of the last run asked for it."""
    query = st.session_state.pop(OPENING, None)
    if query is not None:
        st.switch_page("pages/claims.py", query_params=query)


def tie_table(edges: pd.DataFrame, *, network: str) -> None:
    """The ties as a table, with the column titles of the network."""
    if network == "affiliation":
        st.dataframe(edges[["actor_a", "actor_b", "weight"]], hide_index=True,
                     key="network-ties", column_config={
                         "actor_a": "Actor", "actor_b": "Position",
                         "weight": st.column_config.NumberColumn("Claims", format="%d")})
        return
    st.dataframe(edges, hide_index=True, key="network-ties", column_config={
        "actor_a": "Actor", "actor_b": "With",
        "weight": st.column_config.NumberColumn("Weight", format="%.3g"),
        "positions": st.column_config.TextColumn(TIE_COLUMNS[network], width="large")})


def network_downloads(graph: Callable[[], nx.Graph], *, table: str, filters: FilterValues,
                      ties: int | None) -> None:
    """Buttons for the ties as CSV (formula-safe, as every table of the dashboard) and the
    network as GraphML and GEXF, made when clicked (`graph` builds the network then);
    `ties` counts the ties when the chart shows the whole network."""
    csv_column, graphml_column, gexf_column = st.columns(3)
    with csv_column:
        download_csv(lambda: networks.edge_list(graph()), rows=ties or 0, table=table,
                     filters=filters, key="network-download-csv",
                     label="Ties as CSV" if ties is None
                     else f"Ties as CSV ({ties:,} tie{'s' * (ties != 1)})")
    for column, extension, label, mime, data in [
            (graphml_column, "graphml", "GraphML (visone, Gephi)", "application/graphml+xml",
             lambda: networks.graphml_bytes(graph())),
            (gexf_column, "gexf", "GEXF (Gephi)", "application/gexf+xml",
             lambda: networks.gexf_bytes(graph()))]:
        with column:
            download_file(data, label=label,
                          file_name=file_name(table, filters, extension=extension),
                          mime=mime, key=f"network-download-{extension}")
