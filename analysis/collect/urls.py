"""A list of URLs in a text file: one a line; blank lines and lines starting with # skipped."""

from __future__ import annotations

import os
from pathlib import Path

from analysis.collect.candidates import Candidate, SourceError

MAX_LIST_BYTES = 10_000_000


def read_url_list(path: str | os.PathLike[str]) -> list[Candidate]:
    """The URLs of the file at `path`, each with its line number for messages.

    Lines are not judged here: one that is not a web address is refused by the fetch guard
    with its reason, and the others are still collected.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            raise SourceError(f"{path}: over {MAX_LIST_BYTES // 1_000_000} MB, not a URL list")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: a folder, not a file of URLs") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text, so not a URL list") from None
    except OSError as error:
        raise SourceError(f"{path}: could not be read ({error.strerror})") from None
    candidates = []
    for number, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if url and not url.startswith("#"):
            candidates.append(Candidate(url=url, origin=f"line {number}"))
    if not candidates:
        raise SourceError(f"{path}: no URL in the file (one a line)")
    return candidates
