"""The floor for dashboard timings at scale: a minimal Streamlit app over the same claims.

It queries the claims of `$MINIMAL_APP_TABLES/claims.parquet` (as `python -m analysis build
--format parquet` writes them) with DuckDB where they lie, draws one chart (claims per NATO
stance), offers one filter ("Kind"), and shows the number of claims it keeps and a page of
them (the first 200): what any Streamlit app showing a million claims must do at least,
since it can neither hold them in pandas on every run nor send them all to the browser.
`benchmarks/run.py` times the dashboard against it on the same tables, in the same run.
(`benchmarks/minimal_app.py` reads the whole table with pandas and shows every row: a floor
for small corpora only.)
"""

from __future__ import annotations

import os

import altair as alt
import duckdb
import streamlit as st

COLUMNS = "claim_id, article_id, speaker, cue, kind, nato_stance, target, claim_text"
PAGE_ROWS = 200


@st.cache_resource(show_spinner=False)
def database(folder: str) -> duckdb.DuckDBPyConnection:
    """A DuckDB database with a view `claims` over the Parquet file, opened once per server,
    with the dashboard's threads and memory limit (analysis/query.py)."""
    connection = duckdb.connect(config={"threads": 2, "memory_limit": "512MB"})
    connection.read_parquet(os.path.join(folder, "claims.parquet")).create_view("claims")
    return connection


connection = database(os.environ["MINIMAL_APP_TABLES"]).cursor()  # this run's own
st.title("Minimal app")
counts = connection.execute(
    "SELECT nato_stance, count(*) AS size FROM claims GROUP BY nato_stance").df()
st.altair_chart(alt.Chart(counts).mark_bar().encode(x="nato_stance:N", y="size:Q"))
present = [row[0] for row in connection.execute(
    "SELECT DISTINCT kind FROM claims ORDER BY kind").fetchall()]
kinds = st.multiselect("Kind", present, placeholder="All kinds")
where, params = ("list_contains(?::VARCHAR[], kind)", [kinds]) if kinds else ("TRUE", [])
total = connection.execute(f"SELECT count(*) FROM claims WHERE {where}", params).fetchone()[0]
st.subheader(f"{total:,} claims")
page = connection.execute(f"SELECT {COLUMNS} FROM claims WHERE {where} LIMIT {PAGE_ROWS}",
                          params).df()
st.dataframe(page, hide_index=True)
connection.close()
