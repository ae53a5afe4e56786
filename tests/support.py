"""Small helpers shared by test modules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple


def listing(folder: Path, *, skip: tuple[str, ...] = ()) -> set[str]:
    """Every path under `folder` (names only, no content), some subtrees left out."""
    paths = set()
    for current, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in skip]
        paths.update(os.path.join(current, name) for name in files + folders)
    return paths


class SpeakerCase(NamedTuple):
    """A rule test of who speaks: a sentence or two, a phrase of a claim's content, and the
    speaker of the one claim holding it (None: no claim may hold it), and its cue if given."""

    language: str
    text: str
    phrase: str
    speaker: str | None
    cue: str | None = None


def check_speaker(analyse_text, case: SpeakerCase) -> None:
    """Assert that the one claim holding the phrase has the case's speaker (and cue)."""
    assert case.phrase in case.text
    claims = analyse_text(case.text, case.language).claims
    found = claims[claims["claim_text"].str.contains(case.phrase, regex=False)]
    seen = claims[["speaker", "cue", "claim_text"]].to_dict("records")
    if case.speaker is None:
        assert found.empty, seen
        return
    assert list(found["speaker"]) == [case.speaker], seen
    if case.cue is not None:
        assert found.iloc[0]["cue"] == case.cue, seen
