"""Tables and chart of the "Country cases" page, built from plain DataFrames.

Everything here is pure (DataFrames in, DataFrames or a chart out, no Streamlit calls), so
the page stays a thin layer of drawing calls and each piece can be tested without a
browser: the side-by-side comparison of reference cases, the timeline's bars and events
with its Altair chart, and the precedents the articles invoke next to today's exit
proposals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from analysis import precedents
from analysis.query import Selection, Session
from analysis.reference import parse_partial_date, partial_date_start, source_links
from ui.charts import AXIS_LABEL_PX, legend_below, lines, wrapped_labels
from ui.highlight import escape_markdown

URL_PARAMETER = "cases"
DEFAULT_CASES = ("france-1966", "greece-1974")
MAX_CASES = 3

# One row per field of the comparison, in reading order: (column of `cases`, row label).
COMPARISON_FIELDS = (
    ("kind", "Kind"),
    ("scope", "What was left"),
    ("announced", "Announced"),
    ("effective", "Effective"),
    ("returned", "Returned"),
    ("years_outside", "Years outside"),
    ("leader_out", "Leader who took it out"),
    ("leader_return", "Leader of the return"),
    ("trigger", "Trigger"),
    ("retained", "What was retained"),
    ("consequences", "Consequences"),
    ("return_terms", "Terms of return"),
    ("sources", "Sources"),
)
KIND_LABELS = {
    "withdrawal": "Withdrawal",
    "non_integration": "Membership outside the integrated structure",
    "suspension": "Suspension",
    "proposal": "Proposal (not in effect)",
}
ACTION_LABELS = {
    "join": "joined",
    "withdraw_integrated_command": "left the integrated command",
    "return_integrated_command": "returned to the integrated command",
    "leave_alliance_proposal": "call to leave",
    "other": "other move",
}
MISSING = "—"
DIFFERENCE_STYLE = "background-color: rgba(255, 190, 0, 0.16)"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Scope of an exit proposal, from its wording: a claim naming the integrated (military)
# command asks for that first; any other call to leave is about the whole alliance.
INTEGRATED_COMMAND_WORDS = ("integrated", "command", "commandement", "intégré")
SCOPE_INTEGRATED = "integrated command first"
SCOPE_ALLIANCE = "whole alliance"
NARRATION = "the article itself (no attributed claim)"

EVENT_ORDER = ("announced", "effective", "announced and effective", "returned",
               "proposal announced", "headquarters move")
EVENT_SHAPES = ["circle", "square", "diamond", "triangle-up", "cross", "triangle-down"]
# Each event's lane within its case's row: announcements above the bar, what happens on the
# bar (it starts, it ends) on it, headquarters moves below, so that the moves of one year
# (France: announced 7 March 1966, effective 1 July 1966, SHAPE moved in 1967) sit apart
# and each point can be hovered.
ROW_PX = 36
# Pixels from the top of a case's row (an offset channel counts from the band's start).
LANE_OFFSETS = {"above": 5, "on": ROW_PX // 2, "below": ROW_PX - 5}
BAR_PX = 12
EVENT_LANES = {"announced": "above", "proposal announced": "above", "effective": "on",
               "announced and effective": "on", "returned": "on",
               "headquarters move": "below"}
EVENT_COLOR = "#333333"
PROPOSAL_COLOR = "#d62728"
KIND_COLORS = ["#4c78a8", "#f58518", "#72b7b2"]
HEADQUARTERS_WORDS = ("headquarters", "SHAPE", "moved")
_FULL_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
_CLAUSE_END = re.compile(r"(?<=[.;])\s+")


def format_partial_date(value: object) -> str:
    """`1966-03-07` -> "7 March 1966", `1996-10` -> "October 1996", empty -> "—"."""
    parsed = parse_partial_date(value)
    if parsed is None:
        return MISSING
    year, month, day = parsed
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def _year(value: object) -> int | None:
    parsed = parse_partial_date(value)
    return parsed[0] if parsed else None


def case_label(case: pd.Series) -> str:
    """A short name for a case: "France 1966–2009", "Greece 1974–1980", "France 2026 (proposal)"."""
    start, end = _year(case["announced"]), _year(case["returned"])
    if case.get("kind") == "proposal":
        return f"{case['country']} {start} (proposal)"
    if end is None:
        return f"{case['country']} {start}–"
    return f"{case['country']} {start}–{end}"


def case_labels(cases: pd.DataFrame) -> dict[str, str]:
    """`case_id` -> label, falling back to the id where two cases would share a label."""
    labels = {row["case_id"]: case_label(row) for _, row in cases.iterrows()}
    counts = pd.Series(list(labels.values())).value_counts()
    return {case_id: label if counts[label] == 1 else case_id
            for case_id, label in labels.items()}


def _years_text(value: object) -> str:
    return MISSING if value is None or pd.isna(value) else f"{float(value):.1f} years"


def _cell(case: pd.Series, column: str) -> str:
    value = case.get(column, "")
    if column in ("announced", "effective", "returned"):
        return format_partial_date(value)
    if column == "years_outside":
        return _years_text(value)
    if column == "kind":
        return KIND_LABELS.get(str(value), str(value) or MISSING)
    if column == "sources":
        count = len(source_links(str(value)))
        return f"{count} source{'s' if count != 1 else ''} (listed below)" if count else MISSING
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text or MISSING


def comparison_table(cases: pd.DataFrame, case_ids: Sequence[str]) -> pd.DataFrame:
    """One column per case (in the order asked), one row per field, as display text."""
    by_id = cases.set_index("case_id")
    labels = case_labels(cases)
    columns = {labels[case_id]: [_cell(by_id.loc[case_id], column)
                                 for column, _ in COMPARISON_FIELDS]
               for case_id in case_ids if case_id in by_id.index}
    return pd.DataFrame(columns, index=pd.Index([label for _, label in COMPARISON_FIELDS],
                                                name="Field"))


def differing_rows(comparison: pd.DataFrame) -> pd.Series:
    """True for the fields whose value is not the same in every compared case."""
    if comparison.shape[1] < 2:
        return pd.Series(False, index=comparison.index)
    return comparison.nunique(axis=1) > 1


def comparison_markdown(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison with every cell, header and field name escaped for `st.table`."""
    escaped = comparison.map(escape_markdown)
    escaped.columns = [escape_markdown(column) for column in comparison.columns]
    escaped.index = pd.Index([escape_markdown(field) for field in comparison.index],
                             name=comparison.index.name)
    return escaped


def comparison_styler(comparison: pd.DataFrame) -> Styler:
    """The escaped comparison, ready for `st.table`, with the differing fields shaded."""
    differs = differing_rows(comparison).to_numpy()
    escaped = comparison_markdown(comparison)

    def shade(row: pd.Series) -> list[str]:
        style = DIFFERENCE_STYLE if differs[escaped.index.get_loc(row.name)] else ""
        return [style] * len(row)

    return escaped.style.apply(shade, axis=1)


def summary_line(cases: pd.DataFrame, case_ids: Sequence[str]) -> str:
    """One sentence of the durations: "France stayed out 42.8 years (1966–2009), Greece 6.2 …"."""
    by_id = cases.set_index("case_id")
    parts: list[str] = []
    verb = "stayed out"  # said once, then implied: "France stayed out 42.8 years; Greece 6.2"
    for case_id in case_ids:
        if case_id not in by_id.index:
            continue
        case = by_id.loc[case_id]
        start = _year(case["effective"] or case["announced"])
        if case["kind"] == "proposal":
            parts.append(f"the {case['country']} proposal of {start} has not taken effect")
        elif pd.isna(case["years_outside"]):
            parts.append(f"{case['country']} has been outside since {start}")
        else:
            years = f"{float(case['years_outside']):.1f} years"
            phrase = " ".join(word for word in (case["country"], verb, years) if word)
            parts.append(f"{phrase} ({start}–{_year(case['returned'])})")
            verb = ""
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def case_sources(cases: pd.DataFrame, case_id: str) -> list[tuple[str, str]]:
    """The (title, url) sources of one case."""
    row = cases.loc[cases["case_id"] == case_id]
    return source_links(str(row["sources"].iloc[0])) if len(row) else []


def source_markdown(title: str, url: str) -> str:
    """A Markdown link to a source, or the escaped title alone when it has no web address."""
    if not url.startswith(("http://", "https://")):
        return escape_markdown(title)
    safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_markdown(title)}]({safe_url})"


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold())
            if word.isdigit() or len(word) >= 4}


def source_for_event(sources: str, when: date | None, detail: str = "") -> str:
    """The title of the source that best matches an event, "" when a case has none.

    Sources naming the event's year come first; among them, the one sharing most words
    with the event's date ("4 April 2009") and description wins, else the first listed.
    """
    links = source_links(sources)
    if not links:
        return ""
    if when is None:
        return links[0][0]
    titles = [title for title, _ in links if str(when.year) in title] or [links[0][0]]
    wanted = _words(f"{format_partial_date(when.isoformat()[:10])} {detail}")
    return max(titles, key=lambda title: len(wanted & _words(title)))


# --- Timeline -----------------------------------------------------------------------


def _timestamp(value: object) -> pd.Timestamp | None:
    start = partial_date_start(value)
    return pd.Timestamp(start) if start else None


def timeline_bars(cases: pd.DataFrame, *, selected: Sequence[str] = (),
                  today: date | None = None) -> pd.DataFrame:
    """One bar per case that took effect: from `effective` (or `announced`) to `returned`.

    A case still outside runs to `today` (flagged `ongoing`); proposals get no bar.
    """
    today = today or date.today()
    labels = case_labels(cases)
    rows = []
    for _, case in cases.iterrows():
        if case["kind"] == "proposal":
            continue
        start = _timestamp(case["effective"] or case["announced"])
        end = _timestamp(case["returned"])
        if start is None:
            continue
        rows.append({
            "case_id": case["case_id"],
            "label": labels[case["case_id"]],
            "country": case["country"],
            "kind": case["kind"],
            "kind_label": KIND_LABELS.get(case["kind"], case["kind"]),
            "start": start,
            "end": end if end is not None else pd.Timestamp(today),
            "ongoing": end is None,
            "years_outside": None if pd.isna(case["years_outside"])
            else float(case["years_outside"]),
            "selected": case["case_id"] in selected,
            "source": source_for_event(case["sources"], start),
        })
    columns = ["case_id", "label", "country", "kind", "kind_label", "start", "end", "ongoing",
               "years_outside", "selected", "source"]
    return pd.DataFrame(rows, columns=columns)


def headquarters_moves(consequences: str) -> list[tuple[pd.Timestamp, str]]:
    """Dated headquarters moves in a `consequences` text: (date, clause) pairs.

    Only clauses that name a headquarters move and carry a full date ("31 March 1967")
    count; the last date of the clause is taken, since it tells when the move was done.
    """
    moves = []
    for clause in _CLAUSE_END.split(consequences or ""):
        if not any(word in clause for word in HEADQUARTERS_WORDS):
            continue
        dates = _FULL_DATE.findall(clause)
        if not dates:
            continue
        day, month, year = dates[-1]
        moves.append((pd.Timestamp(int(year), MONTHS.index(month) + 1, int(day)),
                      clause.strip()))
    return moves


def timeline_events(cases: pd.DataFrame, *, selected: Sequence[str] = ()) -> pd.DataFrame:
    """Dated points of the timeline: announcement, effect, return, proposals, headquarters moves."""
    labels = case_labels(cases)
    rows = []

    def add(case: pd.Series, event: str, when: pd.Timestamp | None, detail: str = "") -> None:
        if when is None:
            return
        rows.append({
            "case_id": case["case_id"], "label": labels[case["case_id"]],
            "event": event, "lane": EVENT_LANES[event],
            "lane_offset": LANE_OFFSETS[EVENT_LANES[event]], "date": when, "detail": detail,
            "selected": case["case_id"] in selected,
            "source": source_for_event(case["sources"], when, detail),
        })

    for _, case in cases.iterrows():
        announced, effective = _timestamp(case["announced"]), _timestamp(case["effective"])
        if case["kind"] == "proposal":
            add(case, "proposal announced", announced, case["scope"])
            continue
        if announced is not None and announced == effective:
            add(case, "announced and effective", announced)
        else:
            add(case, "announced", announced)
            add(case, "effective", effective)
        add(case, "returned", _timestamp(case["returned"]))
        for when, clause in headquarters_moves(case["consequences"]):
            add(case, "headquarters move", when, clause)
    columns = ["case_id", "label", "event", "lane", "lane_offset", "date", "detail", "selected",
               "source"]
    return pd.DataFrame(rows, columns=columns)


def timeline_chart(bars: pd.DataFrame, events: pd.DataFrame, *,
                   today: date | None = None) -> alt.LayerChart:
    """Bars of the time outside, event points and a rule at today; the compared cases stand out."""
    today_stamp = pd.Timestamp(today or date.today())
    dates = pd.concat([bars["start"], bars["end"], events["date"], pd.Series([today_stamp])])
    domain = [(dates.min() - pd.DateOffset(years=2)).isoformat(),
              (dates.max() + pd.DateOffset(years=2)).isoformat()]
    x_scale = alt.Scale(domain=domain)
    order = list(dict.fromkeys(
        pd.concat([bars[["label", "start"]],
                   events[["label", "date"]].rename(columns={"date": "start"})])
        .sort_values("start", kind="stable")["label"]))
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=AXIS_LABEL_PX))
    opacity = alt.condition("datum.selected", alt.value(1.0), alt.value(0.35))
    kinds = [KIND_LABELS[kind] for kind in ("withdrawal", "non_integration", "suspension")]
    bar_layer = alt.Chart(bars).mark_bar(height=BAR_PX, cornerRadius=3).encode(
        x=alt.X("start:T", title="Year", scale=x_scale, axis=alt.Axis(format="%Y", tickCount=12)),
        x2="end:T",
        y=y,
        # Two legends below the plot would stand side by side and a phone would cut the
        # second: the kinds go above, the events below.
        color=alt.Color("kind_label:N", title="Kind of case",
                        scale=alt.Scale(domain=kinds, range=KIND_COLORS),
                        legend=alt.Legend(orient="top", direction="vertical", columns=1,
                                          labelExpr=wrapped_labels(kinds))),
        opacity=opacity,
        tooltip=[
            alt.Tooltip("label:N", title="Case"),
            alt.Tooltip("kind_label:N", title="Kind"),
            alt.Tooltip("start:T", title="Outside from", format="%-d %B %Y"),
            alt.Tooltip("end:T", title="Until", format="%-d %B %Y"),
            alt.Tooltip("years_outside:Q", title="Years outside", format=".1f"),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    is_proposal = alt.datum.event == "proposal announced"
    event_layer = alt.Chart(events).mark_point(filled=True, stroke="white",
                                               strokeWidth=0.8).encode(
        x=alt.X("date:T", scale=x_scale),
        y=y,
        yOffset=alt.YOffset("lane_offset:Q", scale=None),
        shape=alt.Shape("event:N", title="Event",
                        scale=alt.Scale(domain=list(EVENT_ORDER), range=EVENT_SHAPES),
                        legend=legend_below(EVENT_ORDER, symbolFillColor=EVENT_COLOR,
                                            symbolStrokeColor=EVENT_COLOR, symbolSize=70)),
        color=alt.condition(is_proposal, alt.value(PROPOSAL_COLOR), alt.value(EVENT_COLOR)),
        size=alt.condition(is_proposal, alt.value(220), alt.value(90)),
        opacity=opacity,
        tooltip=[
            alt.Tooltip("label:N", title="Case"),
            alt.Tooltip("event:N", title="Event"),
            alt.Tooltip("date:T", title="Date", format="%-d %B %Y"),
            alt.Tooltip("detail:N", title="Detail"),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    today_rule = alt.Chart(pd.DataFrame({"date": [today_stamp]})).mark_rule(
        strokeDash=[4, 4], color="gray").encode(
        x=alt.X("date:T", scale=x_scale),
        tooltip=[alt.Tooltip("date:T", title="Today", format="%-d %B %Y")])
    return alt.layer(bar_layer, event_layer, today_rule).properties(
        title=alt.TitleParams(
            lines("Time outside NATO's integrated military structure, and today's proposals"),
            subtitle=lines("Bars: from the day a case took effect to the return. Dashed "
                           "line: today.", 50)),
        height=alt.Step(ROW_PX),
    )


# --- Precedents in the corpus ---------------------------------------------------------


def mention_details(session: Session, selection: Selection, cases: pd.DataFrame,
                    **only: object) -> pd.DataFrame:
    """`analysis.precedents.mention_details` with the reference cases' labels and the
    moves in words (`only`: its `precedents` and `per_precedent`)."""
    return precedents.mention_details(session, selection, case_labels(cases), ACTION_LABELS,
                                      **only)


SUMMARY_COLUMNS = ["precedent", "year", "mentions", "articles", "invoked_by", "action",
                   "case_id", "country"]


def precedent_summary(session: Session, selection: Selection,
                      cases: pd.DataFrame) -> pd.DataFrame:
    """Mentions grouped by precedent: how often, in how many articles, and by whom ("Ana Mol
    (Green Party) ×2; the article itself ×1"); the most invoked precedents first, each
    precedent's moves together in time order."""
    groups = precedents.precedent_groups(session, selection, case_labels(cases), ACTION_LABELS)
    if groups.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    summary = groups.assign(invoked_by=[
        "; ".join([f"{speaker['name']} ×{speaker['times']}" for speaker in speakers]
                  + ([f"{NARRATION} ×{narrated}"] if narrated else []))
        for speakers, narrated in zip(groups["speakers"], groups["narrated"], strict=True)
    ])[SUMMARY_COLUMNS]
    total = summary.groupby("precedent")["mentions"].transform("sum")
    return (summary.assign(_total=total)
            .sort_values(["_total", "precedent", "year"], ascending=[False, True, True],
                         kind="stable")
            .drop(columns="_total").reset_index(drop=True))


PRECEDENT_ROW_COLUMNS = ["precedent", "year", "action", "mentions", "articles", "invoked_by"]


def precedent_rows(summary: pd.DataFrame) -> pd.DataFrame:
    """`precedent_summary` as the page shows it, narrow enough to show whole: the year as
    text, empty when the articles give none (a table prints a missing number as "None"),
    the move in words; the precedent's label already names its country and case."""
    years = summary["year"].astype("Int64")
    return summary.assign(
        year=[str(year) if pd.notna(year) else "" for year in years],
        action=summary["action"].map(lambda action: ACTION_LABELS.get(action, action)),
    )[PRECEDENT_ROW_COLUMNS]


def proposal_scope(claim_text: str) -> str:
    """The scope of an exit proposal: "integrated command first" or "whole alliance"."""
    text = (claim_text or "").casefold()
    if any(word in text for word in INTEGRATED_COMMAND_WORDS):
        return SCOPE_INTEGRATED
    return SCOPE_ALLIANCE


def exit_proposals(session: Session, selection: Selection, *,
                   limit: int | None = None) -> pd.DataFrame:
    """Claims calling to leave (`nato_stance` exit), with the speaker's party or state and
    the proposal's scope; the first `limit`."""
    proposals = precedents.exit_proposals(session, selection, limit=limit)
    proposals.insert(2, "scope", proposals["claim_text"].map(proposal_scope))
    return proposals
