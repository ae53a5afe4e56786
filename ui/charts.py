"""Altair charts of the tables, with one colour per actor type and per NATO stance everywhere.

Every builder takes a small, already aggregated frame (see `analysis.aggregates`) and returns a
chart with a title, axis titles and tooltips; `show` draws it, or says why there is nothing
to draw. A chart is as wide as the page, down to a phone's 390 pixels: titles and long
legend labels wrap (`lines`, `wrapped_labels`), legends sit below the plot, and axis
labels that would overlap are thinned out.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

import altair as alt
import pandas as pd
import streamlit as st

from analysis.tables import ACTOR_TYPES, NATO_STANCES

# Colour-blind-safe Tableau 10 hues, one per category; the reader's highlights use them too.
ACTOR_TYPE_COLORS: dict[str, str] = {
    "person": "#4E79A7",
    "party": "#F28E2B",
    "organisation": "#59A14F",
    "state": "#B07AA1",
}
STANCE_COLORS: dict[str, str] = {
    "exit": "#E15759",
    "stay": "#76B7B2",
    "none": "#BAB0AC",
}
STANCE_LABELS: dict[str, str] = {
    "exit": "for leaving",
    "stay": "for staying",
    "none": "no stance",
}
# The moves of country cases, coloured by meaning: a call to leave like the "exit" stance,
# a return like "stay".
MOVE_COLORS: dict[str, str] = {
    "joined NATO": "#9C755F",
    "left the integrated command": "#EDC948",
    "returned to the integrated command": STANCE_COLORS["stay"],
    "call to leave": STANCE_COLORS["exit"],
    "other move": STANCE_COLORS["none"],
}
MAX_BARS = 25
# Longest line of a title, and of a legend label, that a phone-wide chart shows whole.
TITLE_CHARS = 40
LABEL_CHARS = 26
# Widest category label on a bar chart's axis, in pixels: a phone keeps room for the bars.
AXIS_LABEL_PX = 160


def lines(text: str, width: int = TITLE_CHARS) -> list[str]:
    """`text` cut into lines of at most `width` characters, at spaces (a Vega title or
    subtitle given as a list draws one line per item)."""
    return textwrap.wrap(text, width) or [text]


def wrapped_labels(labels: Iterable[str], width: int = LABEL_CHARS) -> str:
    """A Vega `labelExpr` that draws each label longer than `width` on several lines.

    Meant for the project's own category names (kinds, moves, events), which it writes into
    the expression as JSON strings.
    """
    long = {label: lines(label, width) for label in labels if len(label) > width}
    if not long:
        return "datum.label"
    return f"({json.dumps(long, ensure_ascii=False)})[datum.label] || datum.label"


def legend_below(labels: Iterable[str], **options: object) -> alt.Legend:
    """A legend under the plot, one entry a line, long labels wrapped: it keeps every entry
    on a phone, where a legend beside the plot would take half the width or be cut."""
    return alt.Legend(orient="bottom", direction="vertical", columns=1,
                      labelExpr=wrapped_labels(labels), **options)


def actor_type_scale() -> alt.Scale:
    """The colour scale of actor types, identical on every chart."""
    return alt.Scale(domain=list(ACTOR_TYPES), range=[ACTOR_TYPE_COLORS[t] for t in ACTOR_TYPES])


def stance_scale() -> alt.Scale:
    """The colour scale of NATO stances, identical on every chart."""
    return alt.Scale(domain=list(NATO_STANCES), range=[STANCE_COLORS[s] for s in NATO_STANCES])


def actor_type_color(field: str = "actor_type") -> alt.Color:
    return alt.Color(f"{field}:N", title="Actor type", scale=actor_type_scale(),
                     legend=legend_below(ACTOR_TYPES))


def stance_color(field: str = "nato_stance") -> alt.Color:
    return alt.Color(f"{field}:N", title="NATO stance", scale=stance_scale(),
                     sort=list(NATO_STANCES), legend=legend_below(NATO_STANCES))


def show(chart: alt.Chart | None, *, empty: str = "Nothing to chart for this selection.") -> None:
    """Draw a chart across the page, or a short note when the selection leaves no data."""
    if chart is None:
        st.caption(empty)
    else:
        st.altair_chart(chart, width="stretch")


# Charts with one band per category grow with the categories; a fixed pixel height would
# be shared with the title and axes and squeeze a few bars to nothing.
BAND = alt.Step(24)
# Counts (mentions, claims, articles) are whole numbers: no "0.5 claims" tick.
COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")


def top_actors_chart(actors: pd.DataFrame, *,
                     title: str = "Most mentioned actors") -> alt.Chart | None:
    """Horizontal bars of mentions per actor (columns actor, actor_type, mentions, articles)."""
    if actors.empty:
        return None
    data = actors.nlargest(MAX_BARS, "mentions")
    return alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X("mentions:Q", title="Mentions", axis=COUNT_AXIS),
        y=alt.Y("actor:N", title=None, sort="-x", axis=alt.Axis(labelLimit=AXIS_LABEL_PX)),
        color=actor_type_color(),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("actor_type:N", title="Type"),
                 alt.Tooltip("mentions:Q", title="Mentions"),
                 alt.Tooltip("articles:Q", title="Articles")],
    ).properties(height=BAND)


def claims_by_kind_chart(counts: pd.DataFrame) -> alt.Chart | None:
    """Bars of claims per kind, split by stance (columns kind, nato_stance, claims)."""
    if counts.empty:
        return None
    return alt.Chart(counts, title="Claims by kind").mark_bar().encode(
        x=alt.X("claims:Q", title="Claims", stack="zero", axis=COUNT_AXIS),
        y=alt.Y("kind:N", title="Kind of claim", sort="-x"),
        color=stance_color(),
        tooltip=[alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("nato_stance:N", title="Stance"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).properties(height=BAND)


def claims_by_stance_chart(counts: pd.DataFrame) -> alt.Chart | None:
    """Bars of claims per NATO stance (columns nato_stance, claims)."""
    if counts.empty:
        return None
    return alt.Chart(counts, title="Claims by NATO stance").mark_bar().encode(
        x=alt.X("claims:Q", title="Claims", axis=COUNT_AXIS),
        y=alt.Y("nato_stance:N", title="NATO stance", sort=list(NATO_STANCES)),
        color=stance_color(),
        tooltip=[alt.Tooltip("nato_stance:N", title="Stance"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).properties(height=BAND)


def claims_by_group_chart(counts: pd.DataFrame, *, group: str, group_title: str,
                          title: str) -> alt.Chart | None:
    """Stacked bars of claims per `group` (speaker, affiliation...) and stance."""
    if counts.empty:
        return None
    top = (counts.groupby(group)["claims"].sum().nlargest(MAX_BARS).index)
    data = counts[counts[group].isin(top)]
    return alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims", stack="zero", axis=COUNT_AXIS),
        y=alt.Y(f"{group}:N", title=group_title, sort="-x",
                axis=alt.Axis(labelLimit=AXIS_LABEL_PX)),
        color=stance_color(),
        tooltip=[alt.Tooltip(f"{group}:N", title=group_title),
                 alt.Tooltip("nato_stance:N", title="Stance"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).properties(height=BAND)


# Vega-Lite time unit, axis title and tooltip title for each unit of `articles_over_time`.
TIME_AXES = {"day": ("yearmonthdate", "Day published", "Day"),
             "week": ("yearmonthdate", "Week published (from Monday)", "Week of"),
             "month": ("yearmonth", "Month published", "Month"),
             "year": ("year", "Year published", "Year")}


def articles_over_time_chart(counts: pd.DataFrame) -> alt.Chart | None:
    """Bars of dated articles per period and language (`aggregates.articles_over_time`), a
    bar a day, week, month or year as the span of the dates calls for."""
    if counts.empty:
        return None
    time_unit, axis_title, tooltip_title = TIME_AXES[counts["unit"].iloc[0]]
    return alt.Chart(counts, title="Articles over time").mark_bar().encode(
        x=alt.X(f"{time_unit}(period):T", title=axis_title),
        y=alt.Y("articles:Q", title="Articles", axis=COUNT_AXIS),
        color=alt.Color("language:N", title="Language", legend=legend_below(())),
        tooltip=[alt.Tooltip(f"{time_unit}(period):T", title=tooltip_title),
                 alt.Tooltip("language:N", title="Language"),
                 alt.Tooltip("articles:Q", title="Articles")],
    ).properties(height=220)


def precedents_chart(counts: pd.DataFrame) -> alt.Chart | None:
    """Dots of case mentions by country and year, larger for more mentions (columns country,
    year, move, mentions)."""
    if counts.empty:
        return None
    chart = alt.Chart(counts, title="Precedents the articles invoke")
    return chart.mark_circle(opacity=0.85).encode(
        # Years on a linear scale, so the gaps between moves read as the time between them.
        x=alt.X("year:Q", title="Year of the move",
                scale=alt.Scale(domain=[int(counts["year"].min()) - 5,
                                        int(counts["year"].max()) + 5]),
                axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("country:N", title="Country"),
        size=alt.Size("mentions:Q", title="Mentions", scale=alt.Scale(range=[120, 700]),
                      legend=None),
        color=alt.Color("move:N", title="Move", legend=legend_below(MOVE_COLORS),
                        scale=alt.Scale(domain=list(MOVE_COLORS),
                                        range=list(MOVE_COLORS.values()))),
        tooltip=[alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("move:N", title="Move"), alt.Tooltip("mentions:Q", title="Mentions")],
    ).properties(height=alt.Step(40))


def co_occurrence_chart(pairs: pd.DataFrame) -> alt.Chart | None:
    """A symmetric heat map of the sentences two actors share (columns actor_a, actor_b,
    sentences, articles)."""
    if pairs.empty:
        return None
    both = pd.concat([pairs, pairs.rename(columns={"actor_a": "actor_b", "actor_b": "actor_a"})])
    order = both.groupby("actor_a")["sentences"].sum().sort_values(ascending=False).index.tolist()
    # Upright column labels take one line's height each, so that where the columns are
    # narrower than a line (a phone) every other label gives way instead of overlapping;
    # the tooltip names both actors of every cell.
    return alt.Chart(both, title="Who appears with whom (shared sentences)").mark_rect().encode(
        x=alt.X("actor_a:N", title=None, sort=order,
                axis=alt.Axis(labelAngle=-90, labelOverlap="greedy", labelLimit=120)),
        y=alt.Y("actor_b:N", title=None, sort=order, axis=alt.Axis(labelLimit=120)),
        color=alt.Color("sentences:Q", title="Sentences", scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("actor_a:N", title="Actor"), alt.Tooltip("actor_b:N", title="With"),
                 alt.Tooltip("sentences:Q", title="Shared sentences"),
                 alt.Tooltip("articles:Q", title="Articles")],
    ).properties(height=BAND)
