"""Long regular expressions compiled once per machine rather than once per process.

Importing spaCy's French language data compiles one regular expression for its tokenizer
(`TOKEN_MATCH`: hyphenated and elided words, case-insensitive over all Unicode letters)
that takes Python's `re` about four seconds, most of a French build's fixed cost and paid
again by every process that loads the pipeline. While `remembered_patterns(folder)` is
active, `re.compile` keeps what `re` makes of each long pattern (the program it hands to its
matching engine, `_sre`) in a file of `folder`, and builds the pattern from that file the
next time: the same program, so the same matches, in milliseconds.

The file is keyed on the Python implementation and version and on the engine's magic number,
so a program is only ever read by the engine that wrote it; `_sre` validates every program it
is given, and anything unexpected (no file, a damaged one, a Python whose `re` is laid out
differently) falls back to compiling as usual. The file is written whole to a temporary file
and renamed into place, so a process killed while writing leaves the previous file.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOG = logging.getLogger(__name__)

# Shorter patterns compile in well under a millisecond: not worth a line of the file.
MIN_PATTERN_CHARS = 1_000

Program = tuple[int, list[int], int, dict[str, int], tuple]
# One replacement of `re.compile` at a time (pipelines may load in two threads at once).
_REPLACING = threading.Lock()


@contextmanager
def remembered_patterns(folder: Path | None) -> Iterator[None]:
    """While active, `re.compile` reads long patterns from (and adds them to) a file in
    `folder`; with no folder, or a Python whose `re` this does not know, nothing changes."""
    engine = _engine()
    if folder is None or engine is None:
        yield
        return
    with _REPLACING:
        yield from _replaced(Path(folder) / store_name(), engine)


def _replaced(path: Path, engine: object) -> Iterator[None]:
    known = _read(path)
    added: dict[tuple[str, int], Program] = {}
    original = re.compile

    def compile(pattern: object, flags: int = 0) -> re.Pattern:
        if not isinstance(pattern, str) or len(pattern) < MIN_PATTERN_CHARS:
            return original(pattern, flags)
        flags = int(flags)
        if flags & (re.DEBUG | getattr(re, "TEMPLATE", 0)):
            return original(pattern, flags)
        key = (pattern, flags)
        program = known.get(key)
        if program is not None:
            try:
                return engine.compile(pattern, *program)
            except (RuntimeError, TypeError, ValueError):  # not a program this engine runs
                LOG.info("a stored regular expression is not valid here: compiled anew")
        program = added[key] = compiled_program(pattern, flags)
        return engine.compile(pattern, *program)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original
        if added:
            _write(path, {**known, **added})


def store_name() -> str:
    """The file's name: programs are only read by the engine version that wrote them."""
    engine = _engine()
    magic = f"{engine.MAGIC}-{engine.CODESIZE}" if engine is not None else "none"
    return f"patterns-{sys.implementation.cache_tag}-{magic}.marshal"


def compiled_program(pattern: str, flags: int) -> Program:
    """What `re.compile(pattern, flags)` gives `_sre.compile` besides the pattern (the steps
    of `re._compiler.compile`)."""
    parsed = re._parser.parse(pattern, flags)
    code = [int(op) for op in re._compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _engine() -> object | None:
    """The `_sre` module, where `re` is laid out as this module expects (CPython 3.11+)."""
    try:
        import _sre
    except ImportError:
        return None
    compiler = getattr(re, "_compiler", None)
    if (getattr(re, "_parser", None) is None or not hasattr(compiler, "_code")
            or not hasattr(_sre, "MAGIC")):
        return None
    return _sre


def _read(path: Path) -> dict[tuple[str, int], Program]:
    try:
        stored = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, ValueError, TypeError) as error:
        LOG.info("regular expressions not read from %s: %s", path, error)
        return {}
    return stored if isinstance(stored, dict) else {}


def _write(path: Path, programs: dict[tuple[str, int], Program]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(marshal.dumps(programs))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError) as error:  # a cache that cannot be written only costs time
        LOG.info("regular expressions not stored in %s: %s", path, error)
