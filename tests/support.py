"""Small helpers shared by test modules."""

from __future__ import annotations

import os
from pathlib import Path


def listing(folder: Path, *, skip: tuple[str, ...] = ()) -> set[str]:
    """Every path under `folder` (names only, no content), some subtrees left out."""
    paths = set()
    for current, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in skip]
        paths.update(os.path.join(current, name) for name in files + folders)
    return paths
