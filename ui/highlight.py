"""An article's text as HTML with its actors, speakers and claims highlighted.

Article text is untrusted (visitors upload their own): every piece of it, and every value
put in an attribute, goes through `html.escape` before any markup is added around it, so
the result holds no tag, attribute or entity that did not come from this module.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ui.charts import ACTOR_TYPE_COLORS, STANCE_COLORS, STANCE_LABELS

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")

TEXT_STYLE = "font-size:1.02rem;line-height:1.75;white-space:pre-wrap;overflow-wrap:anywhere"
SELECTED_OUTLINE = "outline:3px solid #1f4e79;outline-offset:1px"


def escape_markdown(text: str) -> str:
    """Text shown through Markdown (captions, labels) without any of it acting as markup."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(text), quote=False))


def _tint(color: str, alpha: str = "33") -> str:
    return f"{color}{alpha}"


def _actor_style(actor_type: str, *, speaker: bool) -> str:
    color = ACTOR_TYPE_COLORS.get(actor_type, "#999999")
    style = f"background:{_tint(color, '40')};border-bottom:2px solid {color};border-radius:3px"
    if speaker:
        style += f";font-weight:700;box-shadow:inset 0 -3px 0 {color}"
    return style


def _claim_style(stance: str, *, selected: bool) -> str:
    color = STANCE_COLORS.get(stance, STANCE_COLORS["none"])
    style = (f"background:{_tint(color, '26')};text-decoration:underline;"
             f"text-decoration-color:{color};text-decoration-thickness:2px;"
             "text-underline-offset:4px")
    return f"{style};{SELECTED_OUTLINE}" if selected else style


def highlighted_html(text: str, actor_mentions: pd.DataFrame, claims: pd.DataFrame, *,
                     selected_claim: str | None = None) -> str:
    """The article's text, escaped, with claim spans around actor mention spans.

    Claims are the outer layer and actor mentions the inner one; where spans of one layer
    overlap, the earlier span wins, so the markup always nests properly. A mention of a
    claim's speaker is drawn bold.
    """
    length = len(text)
    claim_rows = claims.sort_values("start_char").reset_index(drop=True)
    mention_rows = actor_mentions.sort_values("start_char").reset_index(drop=True)
    claim_at = _owners(claim_rows, length)
    mention_at = _owners(mention_rows, length)
    speakers = set(claims["speaker"])

    pieces: list[str] = []
    position = 0
    while position < length:
        claim, mention = claim_at[position], mention_at[position]
        end = position + 1
        while end < length and claim_at[end] == claim and mention_at[end] == mention:
            end += 1
        piece = html.escape(text[position:end], quote=True)
        if mention is not None:
            row = mention_rows.loc[mention]
            title = f"{row['actor']} ({row['actor_type']})"
            style = _actor_style(row["actor_type"], speaker=row["actor"] in speakers)
            piece = (f'<span style="{style}" title="{html.escape(title, quote=True)}">'
                     f"{piece}</span>")
        pieces.append((claim, piece))
        position = end

    # Consecutive pieces of one claim share a single <mark>, which wraps the mention spans.
    out: list[str] = []
    current: int | None = None
    for claim, piece in pieces:
        if claim != current:
            if current is not None:
                out.append("</mark>")
            if claim is not None:
                row = claim_rows.loc[claim]
                title = (f"{row['speaker']} ({row['cue']}): {row['kind']}, "
                         f"{STANCE_LABELS.get(row['nato_stance'], row['nato_stance'])}")
                selected = selected_claim is not None and row["claim_id"] == selected_claim
                out.append(
                    f'<mark id="{html.escape(str(row["claim_id"]), quote=True)}" '
                    f'style="{_claim_style(row["nato_stance"], selected=selected)};color:inherit" '
                    f'title="{html.escape(title, quote=True)}">')
            current = claim
        out.append(piece)
    if current is not None:
        out.append("</mark>")
    return f'<div style="{TEXT_STYLE}">{"".join(out)}</div>'


def _owners(spans: pd.DataFrame, length: int) -> list[int | None]:
    """For each character, the row of the first span covering it (rows sorted by start)."""
    owner: list[int | None] = [None] * length
    for index, start, end in zip(spans.index, spans["start_char"], spans["end_char"],
                                 strict=True):
        for position in range(max(0, int(start)), min(length, int(end))):
            if owner[position] is None:
                owner[position] = index
    return owner


def legend_html() -> str:
    """Colour chips for actor types, speakers and claim stances."""
    chips = [
        f'<span style="{_actor_style(actor_type, speaker=False)};padding:0 6px">'
        f"{html.escape(actor_type)}</span>"
        for actor_type in ACTOR_TYPE_COLORS
    ]
    chips.append(f'<span style="{_actor_style("person", speaker=True)};padding:0 6px">'
                 "speaker of a claim</span>")
    chips += [
        f'<mark style="{_claim_style(stance, selected=False)};color:inherit;padding:0 6px">'
        f"claim: {html.escape(label)}</mark>"
        for stance, label in STANCE_LABELS.items()
    ]
    chips.append(f'<mark style="{_claim_style("none", selected=True)};color:inherit;'
                 'padding:0 6px">chosen claim</mark>')
    return ('<div style="display:flex;flex-wrap:wrap;gap:6px 10px;font-size:0.85rem">'
            + "".join(chips) + "</div>")


def heading_html(title: str, details: list[str]) -> str:
    """An article's title and a line of metadata, escaped."""
    line = " · ".join(html.escape(detail) for detail in details if detail)
    return (f'<h3 style="margin:0 0 0.2rem 0">{html.escape(title or "(untitled)")}</h3>'
            f'<div style="color:#666;font-size:0.9rem">{line}</div>')
