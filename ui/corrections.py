"""Corrections in the dashboard: where they are kept, the forms that make them, the sidebar
count, the download and the upload of `corrections.csv`.

A hosted dashboard keeps a visitor's corrections in their session only, like their articles:
no other visitor sees them, and a reload starts afresh (the sidebar's button downloads them,
the Add articles page takes them back). On one's own machine, `NATO_DASHBOARD_CORRECTIONS`
names a file that every correction is written to at once, atomically, so that corrections
survive a restart and can be kept in git beside a corpus.

The corrections reach every page through the run's query session (`apply`, called by the
sidebar before anything is drawn) and every download through `in_force` (a download opens
its own session when clicked): see `analysis.corrections` for what they do to the tables.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis import aggregates, corrections
from analysis.corrections import CorrectionsError, Resolution
from analysis.query import ROW, Selection, Session
from analysis.tables import ACTOR_TYPES, CASE_ACTIONS, CLAIM_KINDS, NATO_STANCES
from ui.data import visitor_tables
from ui.highlight import escape_markdown

SESSION_KEY = "visitor_corrections"
FILE_ENV = "NATO_DASHBOARD_CORRECTIONS"
NOTICE_KEY = "corrections-notice"
RESOLVED_KEY = "corrections-resolved"
# The marks of the tables' status column.
CORRECTED_MARK, REVIEWED_MARK = "✎", "✓"
# Names a pick list offers (the article's actors; the most mentioned of the view).
MAX_NAMES = 1_000
MAX_SENTENCE_LABEL = 140
_WRITING = threading.Lock()


# --- Where they are kept ------------------------------------------------------------------


def corrections_path() -> Path | None:
    """The file named by $NATO_DASHBOARD_CORRECTIONS, if set (local use)."""
    value = os.environ.get(FILE_ENV, "").strip()
    return Path(value) if value else None


@st.cache_data(max_entries=4, show_spinner=False)
def _read_file(path: str, size: int, modified: int) -> pd.DataFrame:
    return corrections.read_file(path)


def file_problem() -> str | None:
    """Why the corrections file cannot be used, if it cannot (nothing is then written to
    it, so a file an analyst keeps is never overwritten by a dashboard that misread it)."""
    path = corrections_path()
    if path is None:
        return None
    try:
        _stored(path)
    except (CorrectionsError, OSError) as error:
        return str(error)
    return None


def _stored(path: Path) -> pd.DataFrame:
    if not path.exists():
        return corrections.empty()
    status = path.stat()
    return _read_file(str(path), status.st_size, status.st_mtime_ns).copy()


def current() -> pd.DataFrame:
    """This visitor's corrections: the file's (local use), else their session's."""
    path = corrections_path()
    if path is not None:
        try:
            return _stored(path)
        except (CorrectionsError, OSError):
            return corrections.empty()
    stored = st.session_state.get(SESSION_KEY)
    return stored.copy() if isinstance(stored, pd.DataFrame) else corrections.empty()


def save(frame: pd.DataFrame) -> None:
    """Keep `frame` as this visitor's corrections: in the file at once, else the session."""
    path = corrections_path()
    if path is None:
        st.session_state[SESSION_KEY] = frame
        return
    problem = file_problem()
    if problem:
        raise CorrectionsError(f"the corrections file cannot be used ({problem}); "
                               "nothing was written to it")
    with _WRITING:
        corrections.write_file(frame, path)


def record(new: Sequence[Mapping[str, object]], *, done: str) -> None:
    """Add corrections and draw the page again with them; a refusal is shown, not raised."""
    if not new:
        return
    try:
        save(corrections.record(current(), new))
    except CorrectionsError as error:
        st.error(f"Not saved: {escape_markdown(str(error))}", icon=":material/error:")
        return
    st.session_state[NOTICE_KEY] = done
    st.rerun()


def apply(session: Session) -> Resolution:
    """Show this run's tables with the visitor's corrections (the sidebar calls this first).

    Resolving corrections reads the tables; the resolution is kept in the session and
    reused while the corpus, the visitor's articles and their corrections stay the same."""
    frame = current()
    own = visitor_tables()
    digest = hashlib.sha256(corrections.to_csv(frame)).hexdigest()
    kept = st.session_state.get(RESOLVED_KEY)
    # The entry holds the corpus and the visitor's articles themselves: compared by identity.
    if kept is not None and kept[0] is session.corpus and kept[1] is own and kept[2] == digest:
        return session.correct(frame, reuse=kept[3])
    resolution = session.correct(frame)
    st.session_state[RESOLVED_KEY] = (session.corpus, own, digest, resolution)
    return resolution


def in_force() -> pd.DataFrame | None:
    """The corrections a download drawn now should apply when it is clicked; none outside a
    run of the dashboard (a script or test calling the download helpers has no visitor)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return current()


# --- The sidebar ----------------------------------------------------------------------------


def sidebar_summary(resolution: Resolution) -> None:
    """The count of corrections, the download of `corrections.csv`, and what no longer
    matches the tables."""
    frame = current()
    count = len(frame)
    path = corrections_path()
    problem = file_problem()
    if problem:
        st.error(f"Corrections file: {escape_markdown(problem)}. Fix or move it; until then "
                 "no correction is saved.", icon=":material/error:")
    where = (f"saved to {escape_markdown(path.name)}" if path is not None
             else "in this browser session only")
    st.caption(f":material/edit_note: **{count:,} correction{'s' * (count != 1)}** {where}")
    if count:
        from ui.downloads import download_file  # ui.downloads reads the corrections in force

        download_file(lambda: corrections.to_csv(frame), label="Download corrections.csv",
                      file_name=corrections.FILE_NAME, mime="text/csv",
                      key="corrections-download")
    message = resolution.message()
    if message:
        st.warning(escape_markdown(message), icon=":material/link_off:")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.toast(escape_markdown(notice), icon=":material/check_circle:")


# --- Marks on the tables' rows ----------------------------------------------------------------


def status_marks(table: str, rows: pd.DataFrame, *, every_article: bool = False) -> list[str]:
    """A mark per row: corrected (the `corrected` column), reviewed (a `reviewed` mark)."""
    reviewed = current()
    reviewed = reviewed[(reviewed["table"] == table) & (reviewed["field"] == "reviewed")]
    keys = {corrections.row_identity(row) for row in reviewed.to_dict("records")}
    marks = []
    for row in rows.to_dict("records"):
        key = corrections.key_of(table, row)
        if every_article:
            key["article_id"] = ""
        parts = [CORRECTED_MARK] if row.get("corrected") else []
        if corrections.row_identity(key) in keys:
            parts.append(REVIEWED_MARK)
        marks.append(" ".join(parts))
    return marks


# --- Claims ---------------------------------------------------------------------------------


def _names(session: Session, article_id: str, current_name: str) -> list[str]:
    names = session.values("actors", "actor", where={"article_id": [article_id]},
                           limit=MAX_NAMES)
    return names if not current_name or current_name in names else [current_name, *names]


def _name_choice(label: str, names: list[str], current_name: str, *, key: str,
                 optional: bool = False) -> tuple[str, str]:
    """A pick among the article's actors and a box for a name they lack: (picked, typed)."""
    options = ([""] if optional else []) + [name for name in names if name]
    index = options.index(current_name) if current_name in options else 0
    picked = st.selectbox(label, options, index=index, key=f"{key}-pick",
                          format_func=lambda name: name or "(none)")
    typed = st.text_input(f"…or a name not in the list ({label.lower()})", key=f"{key}-typed",
                          max_chars=corrections.MAX_VALUE_CHARS)
    return picked or "", typed.strip()


def claim_form(session: Session, claim_id: str) -> None:
    """Correct one claim: speaker, kind, stance, target; not a claim; reviewed; undo."""
    base = session.base_rows("claims", "claim_id", [claim_id])
    shown = session.table("claims", where={"claim_id": [claim_id]})
    if base.empty or shown.empty:
        return
    raw, now = base.iloc[0].to_dict(), shown.iloc[0].to_dict()
    names = _names(session, raw["article_id"], now["speaker"])
    with st.form(f"correct-claim-{claim_id}", border=True):
        st.markdown(f"**Correct claim {escape_markdown(claim_id)}**: "
                    f"“{escape_markdown(str(now['claim_text'])[:200])}”")
        left, right = st.columns(2)
        with left:
            speaker, typed_speaker = _name_choice("Speaker", names, now["speaker"],
                                                  key=f"claim-speaker-{claim_id}")
        with right:
            target, typed_target = _name_choice("Target", names, now["target"],
                                                key=f"claim-target-{claim_id}", optional=True)
        left, right = st.columns(2)
        kind = left.selectbox("Kind", CLAIM_KINDS, index=_index(CLAIM_KINDS, now["kind"]),
                              key=f"claim-kind-{claim_id}")
        stance = right.selectbox("NATO stance", NATO_STANCES,
                                 index=_index(NATO_STANCES, now["nato_stance"]),
                                 key=f"claim-stance-{claim_id}")
        note = st.text_input("Note (optional)", key=f"claim-note-{claim_id}",
                             max_chars=corrections.MAX_NOTE_CHARS)
        buttons = st.columns(3)
        saved = buttons[0].form_submit_button("Save the correction", type="primary",
                                              key=f"claim-save-{claim_id}")
        reviewed = buttons[1].form_submit_button("Mark as reviewed",
                                                 key=f"claim-reviewed-{claim_id}")
        rejected = buttons[2].form_submit_button("Not a claim", key=f"claim-reject-{claim_id}")
    chosen = {"speaker": typed_speaker or speaker, "target": typed_target or target,
              "kind": kind, "nato_stance": stance}
    if saved:
        record([corrections.correction("claims", raw, field, value, note=note)
                for field, value in chosen.items() if value != now[field]],
               done=f"Claim {claim_id} corrected")
    if reviewed:
        record([corrections.correction("claims", raw, "reviewed", None, note=note)],
               done=f"Claim {claim_id} marked as reviewed")
    if rejected:
        record([corrections.correction("claims", raw, "reject", None, note=note)],
               done=f"Claim {claim_id} marked as not a claim")
    _undo_row("claims", raw, key=f"claim-undo-{claim_id}")


def _index(options: Sequence[str], value: str) -> int:
    return list(options).index(value) if value in options else 0


def _undo_row(table: str, row: Mapping[str, object], *, key: str,
              every_article: bool = False) -> None:
    """The row's corrections and a button that removes them all."""
    made = corrections.of_row(current(), table, row, every_article=every_article)
    if made.empty:
        return
    st.caption("Corrections of this row: " + "; ".join(
        escape_markdown(_in_words(item)) for item in made.to_dict("records")))
    if st.button("Undo the corrections of this row", key=key, icon=":material/undo:"):
        save(corrections.forget(current(), table, row, every_article=every_article))
        st.session_state[NOTICE_KEY] = "Corrections undone"
        st.rerun()


def _in_words(item: Mapping[str, object]) -> str:
    if item["field"] == "reject":
        return "rejected"
    if item["field"] == "reviewed":
        return "reviewed"
    if item["field"] == "add":
        return f"added, speaker {item['new_value']}"
    return f"{item['field']}: {item['old_value'] or '(none)'} → {item['new_value'] or '(none)'}"


def add_claim_form(session: Session, article_ids: list[str], *, key: str = "add-claim"
                   ) -> None:
    """Add a claim the extractor missed: pick its article and sentence, and its speaker."""
    if not article_ids:
        return
    article_id = st.selectbox("Article", article_ids, key=f"{key}-article")
    article = session.table("articles", where={"article_id": [article_id]},
                            columns=["article_id", "text"])
    if article.empty:
        return
    sentences = corrections.sentence_spans(article["text"].iloc[0])
    if not sentences:
        st.caption("This article has no text to pick a sentence from.")
        return
    with st.form(f"{key}-form", border=True):
        number = st.selectbox(
            "Sentence", range(len(sentences)), key=f"{key}-sentence-{article_id}",
            format_func=lambda index: f"{index + 1}. {_shortened(sentences[index][2])}")
        speaker, typed_speaker = _name_choice("Speaker", _names(session, article_id, ""), "",
                                              key=f"{key}-speaker-{article_id}")
        note = st.text_input("Note (optional)", key=f"{key}-note-{article_id}",
                             max_chars=corrections.MAX_NOTE_CHARS)
        added = st.form_submit_button("Add the claim", type="primary", key=f"{key}-submit")
    if added:
        start, end, sentence = sentences[number]
        name = typed_speaker or speaker
        if not name:
            st.error("Choose or type the speaker first.", icon=":material/error:")
            return
        record([corrections.added_claim(article_id, start, end, sentence, name, note=note)],
               done="Claim added")


def _shortened(sentence: str) -> str:
    return (sentence if len(sentence) <= MAX_SENTENCE_LABEL
            else sentence[:MAX_SENTENCE_LABEL - 1] + "…")


# --- Actors ---------------------------------------------------------------------------------

EVERY_ARTICLE = ""


def actor_form(session: Session, actor: str, *, others: list[str],
               article_ids: list[str]) -> None:
    """Correct an actor in every article (or one): merge into another, type, party; not an
    actor; reviewed; undo."""
    scope = st.selectbox("Correct it in", [EVERY_ARTICLE, *article_ids], key="actor-scope",
                         format_func=lambda value: value or "every article")
    # The actor as the Actors table shows it: its most frequent type and party over the
    # corpus (one summary row, however many articles name it), or those of one article.
    rows = (session.table("actors", where={"actor": [actor], "article_id": [scope]})
            if scope else aggregates.actor_summary(session, Selection(), actors=[actor]))
    if rows.empty:
        return
    every = scope == EVERY_ARTICLE
    now = {"article_id": scope, "actor": actor, "actor_type": str(rows["actor_type"].iloc[0]),
           "affiliation": str(rows["affiliation"].iloc[0])}
    with st.form(f"correct-actor-{actor}-{scope}", border=True):
        left, right = st.columns(2)
        merge_into = left.selectbox("Merge into", ["", *[name for name in others if name != actor]],
                                    key=f"actor-merge-{actor}",
                                    format_func=lambda name: name or "(keep it apart)")
        renamed = right.text_input("…or name it", key=f"actor-rename-{actor}",
                                   max_chars=corrections.MAX_VALUE_CHARS,
                                   help="The name every row of this actor takes.")
        left, right = st.columns(2)
        actor_type = left.selectbox("Type", ACTOR_TYPES, key=f"actor-type-{actor}-{scope}",
                                    index=_index(ACTOR_TYPES, now["actor_type"]))
        affiliation = right.text_input("Party / affiliation", value=now["affiliation"],
                                       key=f"actor-affiliation-{actor}-{scope}",
                                       max_chars=corrections.MAX_VALUE_CHARS)
        note = st.text_input("Note (optional)", key=f"actor-note-{actor}",
                             max_chars=corrections.MAX_NOTE_CHARS)
        buttons = st.columns(3)
        saved = buttons[0].form_submit_button("Save the correction", type="primary",
                                              key="actor-save")
        reviewed = buttons[1].form_submit_button("Mark as reviewed", key="actor-reviewed")
        rejected = buttons[2].form_submit_button("Not an actor", key="actor-reject")
    chosen = {"actor": renamed.strip() or merge_into or actor, "actor_type": actor_type,
              "affiliation": affiliation.strip()}
    if saved:
        record([corrections.correction("actors", now, field, value, note=note,
                                       every_article=every)
                for field, value in chosen.items() if value != now[field]],
               done=f"{actor} corrected")
    if reviewed:
        record([corrections.correction("actors", now, "reviewed", None, note=note,
                                       every_article=every)],
               done=f"{actor} marked as reviewed")
    if rejected:
        record([corrections.correction("actors", now, "reject", None, note=note,
                                       every_article=every)],
               done=f"{actor} marked as not an actor")
    _undo_row("actors", now, key="actor-undo", every_article=every)


def merges_into(actor: str) -> pd.DataFrame:
    """The merges that gave `actor` its rows (to undo one from the merged actor's page)."""
    frame = current()
    return frame[(frame["table"] == "actors") & (frame["field"] == "actor")
                 & (frame["new_value"] == actor)]


def undo_merges(actor: str) -> None:
    """Buttons that undo each merge into `actor`."""
    for item in merges_into(actor).to_dict("records"):
        label = f"Undo the merge of {item['anchor']}" + (
            f" (in {item['article_id']})" if item["article_id"] else "")
        if st.button(escape_markdown(label), key=f"unmerge-{item['article_id']}-{item['anchor']}",
                     icon=":material/call_split:"):
            save(corrections.forget(current(), "actors", {"article_id": item["article_id"],
                                                          "actor": item["anchor"]}))
            st.session_state[NOTICE_KEY] = "Merge undone"
            st.rerun()


# --- Case mentions ---------------------------------------------------------------------------

MENTION_LABEL_CHARS = 90


def case_picker(session: Session, selection: Selection, *, limit: int, key: str) -> int | None:
    """A pick among the view's first `limit` case mentions; the row picked (its `_row`)."""
    mentions = session.table("case_mentions", selection, limit=limit, columns=[
        "article_id", "country", "year", "action", "evidence", ROW])
    labels = {int(row[ROW]): mention_label(row) for row in mentions.to_dict("records")}
    return st.selectbox("Case mention", list(labels), format_func=labels.get, index=None,
                        key=key, placeholder="Pick a case mention to correct it")


def mention_label(row: Mapping[str, object]) -> str:
    year = "" if pd.isna(row["year"]) else f" {int(row['year'])}"
    evidence = " ".join(str(row["evidence"]).split())
    if len(evidence) > MENTION_LABEL_CHARS:
        evidence = evidence[:MENTION_LABEL_CHARS - 1] + "…"
    return f"{row['country']}{year}, {row['action']} ({row['article_id']}): {evidence}"


def case_form(session: Session, row_number: int) -> None:
    """Correct one case mention: country, year, action, leader; not a case; reviewed; undo."""
    base = session.base_rows("case_mentions", ROW, [row_number])
    now_rows = session.table("case_mentions", where={ROW: [row_number]},
                             columns=["country", "year", "action", "leader"])
    if base.empty or now_rows.empty:
        return
    raw, now = base.iloc[0].to_dict(), now_rows.iloc[0].to_dict()
    now["year"] = "" if pd.isna(now["year"]) else str(int(now["year"]))
    form_key = f"case-{row_number}"
    with st.form(f"correct-{form_key}", border=True):
        left, right = st.columns(2)
        country = left.text_input("Country", value=now["country"], key=f"{form_key}-country",
                                  max_chars=corrections.MAX_VALUE_CHARS)
        year = right.text_input("Year", value=now["year"], key=f"{form_key}-year",
                                max_chars=4, help="Four digits, or empty when unknown")
        left, right = st.columns(2)
        action = left.selectbox("Move", CASE_ACTIONS, index=_index(CASE_ACTIONS, now["action"]),
                                key=f"{form_key}-action")
        leader = right.text_input("Leader", value=now["leader"], key=f"{form_key}-leader",
                                  max_chars=corrections.MAX_VALUE_CHARS)
        note = st.text_input("Note (optional)", key=f"{form_key}-note",
                             max_chars=corrections.MAX_NOTE_CHARS)
        buttons = st.columns(3)
        saved = buttons[0].form_submit_button("Save the correction", type="primary",
                                              key=f"{form_key}-save")
        reviewed = buttons[1].form_submit_button("Mark as reviewed", key=f"{form_key}-reviewed")
        rejected = buttons[2].form_submit_button("Not a case", key=f"{form_key}-reject")
    chosen = {"country": country.strip(), "year": year.strip(), "action": action,
              "leader": leader.strip()}
    if saved:
        record([corrections.correction("case_mentions", raw, field, value, note=note)
                for field, value in chosen.items() if value != now[field]],
               done="Case mention corrected")
    if reviewed:
        record([corrections.correction("case_mentions", raw, "reviewed", None, note=note)],
               done="Case mention marked as reviewed")
    if rejected:
        record([corrections.correction("case_mentions", raw, "reject", None, note=note)],
               done="Case mention marked as not a case")
    _undo_row("case_mentions", raw, key=f"{form_key}-undo")


# --- The list ---------------------------------------------------------------------------------


def corrections_list(table: str, *, key: str) -> None:
    """This visitor's corrections of `table`, each of which can be undone (the way back for
    a row the page no longer shows: a rejected claim, a merged actor)."""
    frame = current()
    frame = frame[frame["table"] == table]
    with st.expander(f"Your corrections of {table.replace('_', ' ')} ({len(frame):,})"):
        if frame.empty:
            st.caption("None yet.")
            return
        st.dataframe(frame.drop(columns="table"), hide_index=True, key=f"{key}-table")
        labels = {index: corrections.describe(item)
                  for index, item in zip(frame.index, frame.to_dict("records"), strict=True)}
        chosen = st.selectbox("Correction", list(labels), format_func=labels.get, index=None,
                              key=f"{key}-pick", placeholder="Pick one to undo")
        if st.button("Undo it", key=f"{key}-undo", icon=":material/undo:",
                     disabled=chosen is None):
            save(current().drop(index=chosen).reset_index(drop=True))
            st.session_state[NOTICE_KEY] = "Correction undone"
            st.rerun()


# --- The upload (Add articles page) ---------------------------------------------------------


def upload(session: Session, *, key: str = "corrections-upload") -> None:
    """Take a `corrections.csv` back: checked whole, against the file format and against
    this corpus; added to the visitor's corrections only if every row is usable."""
    st.subheader("Corrections")
    st.caption("A corrections.csv downloaded from the sidebar brings your corrections back. "
               "Add the articles they are about first.")
    uploaded = st.file_uploader("corrections.csv", type=["csv"], key=key,
                                max_upload_size=max(1, corrections.MAX_FILE_BYTES // 1_000_000))
    if uploaded is None or not st.button("Load the corrections", key=f"{key}-load",
                                         icon=":material/upload:"):
        return
    problem, merged = checked_upload(session, uploaded.getvalue())
    if problem:
        st.error(f"{escape_markdown(uploaded.name)}: {escape_markdown(problem)} Nothing was "
                 "changed.", icon=":material/error:")
        return
    try:
        save(merged)
    except CorrectionsError as error:
        st.error(escape_markdown(str(error)), icon=":material/error:")
        return
    st.session_state[NOTICE_KEY] = f"Corrections of {uploaded.name} loaded"
    st.rerun()


def checked_upload(session: Session, data: bytes) -> tuple[str | None, pd.DataFrame]:
    """(why the file is refused, or None; the visitor's corrections with the file's)."""
    try:
        given = corrections.read_csv(data)
        merged = corrections.record(current(), given.to_dict("records"))
    except CorrectionsError as error:
        return f"{error}.", current()
    trial = session.correct(given)  # the run's own tables, the visitor's articles included
    session.correct(current())
    if not trial.unmatched.empty:
        return (f"{trial.message()}. Every correction must name a row of this corpus (add "
                "the articles first).", current())
    return None, merged
