"""Networks: who sides with whom on leaving NATO, as a discourse network.

The claims with a stance are counted per speaker and position in DuckDB
(`networks.position_counts`); the network is built from those counts, laid out with a fixed
seed and drawn with Altair. Its options live in the URL; the sidebar filters (the
publication dates among them) choose the claims.
"""

from __future__ import annotations

import streamlit as st

from analysis import networks
from ui import networks_view as view
from ui.data import deferred
from ui.filters import shared_selection, shared_session, stop_empty, url_selectbox

# Ties the table shows; the CSV download holds every tie of the network it exports.
MAX_TIES_SHOWN = 1_000
CHART_KEY = "network-chart"
CHOICE_KEY = "network-open"

selection = shared_selection()
session = shared_session()
view.open_claims_if_asked()

st.title("Networks")
st.caption("A discourse network of the claims that argue for leaving NATO or for staying: "
           "actors are tied when they take the same position (congruence) or opposite "
           "stances (conflict), or tied to the positions they take (affiliation). The sidebar "
           "filters choose the claims; its publication dates set the time window.")

columns = st.columns(4)
with columns[0]:
    network = url_selectbox("Network", networks.NETWORKS, key="network", index=0,
                            help=view.NETWORK_HELP)
with columns[1]:
    level = url_selectbox("Nodes", networks.LEVELS, key="level", index=0,
                          help="person: each actor; party: each party or affiliation, its "
                               "members' claims merged (an actor without one stands for "
                               "itself).")
with columns[2]:
    normalisation = url_selectbox(
        "Normalisation", networks.NORMALISATIONS, key="normalisation", index=0,
        disabled=network == "affiliation",
        help="none: the number of positions two actors share (or oppose on); average: that "
             "number over the mean of the positions each takes; jaccard: over the positions "
             "either takes.")
with columns[3]:
    position = url_selectbox("Positions", view.POSITION_CHOICES, key="positions", index=0,
                             help="A stance alone (exit, stay), or a stance and whom the "
                                  "claim is about (exit: France).")

options = {"network": network, "level": level, "normalisation": normalisation,
           "targets": position == view.WITH_TARGETS}
counts = networks.position_counts(session, selection)
if counts.empty:
    stop_empty("No claim in this view argues for leaving NATO or for staying, so there is no "
               "network to draw. Clear some filters in the sidebar.")
built = networks.build_network(counts, **options, limit=networks.MAX_NODES)
nodes = networks.node_table(built.graph)
edges = networks.edge_list(built.graph)
noun = "nodes" if network == "affiliation" else "actors"
if built.trimmed:
    st.caption(f"The network has {built.nodes:,} {noun}: the chart shows the "
               f"{networks.MAX_NODES} with the strongest ties, the downloads up to "
               f"{networks.MAX_EXPORT_NODES}.")

title = (f"{network.capitalize()} network of {view.LEVEL_NOUNS[level]} "
         f"({len(nodes):,} {noun}, {len(edges):,} tie{'s' * (len(edges) != 1)})")


def open_node(name: str | None) -> None:
    """Open the Claims page on a node's claims (run as a callback, before the next run)."""
    if name in set(nodes["node"]):
        view.ask_to_open_claims(view.claims_link(nodes.loc[nodes["node"] == name].iloc[0],
                                                 level=level))


def open_clicked() -> None:
    """A click on the chart selects a node: open its claims."""
    points = st.session_state[CHART_KEY]["selection"].get(view.SELECTION, [])
    open_node(points[0].get("node") if points else None)


st.altair_chart(view.network_chart(nodes, edges, title=title), width="stretch",
                on_select=open_clicked, selection_mode=view.SELECTION, key=CHART_KEY)
st.caption("Circles are actors, sized by their claims; squares are positions. Hover for "
           "details; click a node to open its claims.")
if edges.empty:
    st.caption({"congruence": "No two actors in this view take the same position.",
                "conflict": "No two actors in this view take opposite stances on the same "
                            "subject.",
                "affiliation": "No actor in this view takes a position."}[network])

by_claims = nodes.sort_values(["claims", "node"], ascending=[False, True])["node"].tolist()
choice, button = st.columns([3, 1], vertical_alignment="bottom")
with choice:
    chosen = st.selectbox("Open the claims of", by_claims, index=None, key=CHOICE_KEY,
                          placeholder="Choose a node (or click it on the chart)")
with button:
    st.button("Open its claims", icon=":material/record_voice_over:", disabled=not chosen,
              key="network-open-claims", on_click=lambda: open_node(chosen))

st.subheader("Ties")
if len(edges) > MAX_TIES_SHOWN:
    st.caption(f"The {MAX_TIES_SHOWN:,} strongest of {len(edges):,} ties; the download holds "
               "them all.")
view.tie_table(edges.head(MAX_TIES_SHOWN), network=network)
filters = {**selection.active(), "level": [level], "positions": [position],
           "normalisation": [] if normalisation == "none" or network == "affiliation"
           else [normalisation]}
view.network_downloads(
    deferred(lambda session: networks.build_network(
        networks.position_counts(session, selection), **options,
        limit=networks.MAX_EXPORT_NODES).graph),
    table=f"{network}-network", filters=filters, ties=None if built.trimmed else len(edges))
