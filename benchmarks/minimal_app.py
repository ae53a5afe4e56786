"""The floor for dashboard timings: a minimal Streamlit app over the same claims table.

It reads the claims of `$MINIMAL_APP_TABLES` (Parquet, as `python -m analysis build
--format parquet` writes), draws one chart, and offers one filter over a table: what any
Streamlit app showing this data must do at least. `benchmarks/run.py` times the dashboard
against it in the same run.
"""

from __future__ import annotations

import os

import altair as alt
import pandas as pd
import streamlit as st

COLUMNS = ["claim_id", "article_id", "speaker", "cue", "kind", "nato_stance", "target",
           "claim_text"]


@st.cache_data(show_spinner=False)
def claims(folder: str) -> pd.DataFrame:
    return pd.read_parquet(os.path.join(folder, "claims.parquet"), columns=COLUMNS)


table = claims(os.environ["MINIMAL_APP_TABLES"])
st.title("Minimal app")
counts = table.groupby("nato_stance", as_index=False).size()
st.altair_chart(alt.Chart(counts).mark_bar().encode(x="nato_stance:N", y="size:Q"))
kinds = st.multiselect("Kind", sorted(set(table["kind"])), placeholder="All kinds")
shown = table[table["kind"].isin(kinds)] if kinds else table
st.subheader(f"{len(shown):,} claims")
st.dataframe(shown, hide_index=True)
