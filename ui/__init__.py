"""Streamlit-side helpers shared by the pages: cached loading, filters, charts, downloads."""
