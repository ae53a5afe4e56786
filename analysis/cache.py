"""The cache of analysed articles: one SQLite file, shared by the processes of a build.

Why SQLite: it ships with Python (no new dependency), one file holds any number of entries,
its journal makes every write all-or-nothing (a process killed in the middle of a write
leaves the entries committed before it, and nothing of the one it was writing), and
several processes on one machine may read and write the same file: in WAL mode readers
never wait, and writers take turns behind a busy timeout. DuckDB lets only one process
open a file for writing, and Parquet files cannot be added to, so a cache written by
several worker processes as they go would need a file per write again.

The store is one file, `rows.sqlite` in the cache folder (SQLite adds `rows.sqlite-wal`
and `rows.sqlite-shm` beside it while it is open). Each entry is the compressed compact JSON
of an article's rows (about a sixth of its size), found by a 64-bit number derived from its
key; the full key is stored beside it and checked, so two keys sharing that number cost a
miss, never wrong rows. Worker processes commit a batch's rows in one transaction, holding
the write lock for milliseconds after seconds of parsing: two workers writing nothing but
the cache as fast as they could waited for each other about 2% of the time, so the store is
not split into several files (16 files by key were slower: a batch became 16 commits).

A cache that cannot be read or written only costs time: any error reading an entry, or an
entry that does not decode, is a miss, and an error writing is ignored. A store file that
is not a database (or whose schema cannot be read) is renamed aside with a warning and a
new one started. Connections are opened lazily, in the process that uses them, and
never carried across a fork: a process closes its connections just before it forks (SQLite's
per-process lock bookkeeping would otherwise be copied into the child, which could then let
the parent delete the write-ahead log under it), and a child never uses a connection it
inherited anyway; each process reopens when it next needs the store.

The folder must be on a local disk (WAL's shared memory does not work over a network
file system). The JSON files of the cache before this one (`ab/abcd....json`) are not read;
they can be deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import weakref
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: opening and recovery are not serialised between processes
    fcntl = None

LOG = logging.getLogger(__name__)

STORE_FILE = "rows.sqlite"
LOCK_FILE = ".rows.lock"
TABLE = "entries_v1"  # a new format gets a new table
BUSY_TIMEOUT_S = 60.0  # how long a writer waits for another's commit before giving up
COMPRESSION = 6  # zlib level: 280 us for 19 kB of JSON, a fraction of the parse it saves
QUERY_KEYS = 500  # keys per SELECT ... IN (...)
# SQLite's result codes for a damaged file and for one that is not a database.
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26

Rows = dict[str, list[dict]]
# Connections a forked child inherited: never used there, and never closed either
# (closing one could disturb the parent's use of the same file).
_INHERITED: list[sqlite3.Connection] = []
# Stores with an open connection in this process, closed before it forks.
_OPEN: weakref.WeakSet[RowCache] = weakref.WeakSet()


def default_cache_dir() -> Path:
    """Where results are cached: $NATO_DASHBOARD_CACHE, else the user's cache folder."""
    configured = os.environ.get("NATO_DASHBOARD_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nato-exit-dashboard"


class RowCache:
    """Rows of analysed articles by key, in one SQLite file in `folder`.

    Use it from one thread at a time; any number of processes may share the folder.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / STORE_FILE
        self._connection_: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._warned: set[str] = set()

    def get(self, key: str) -> Rows | None:
        """The rows stored under `key`, or None (missing, unreadable or damaged)."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: Iterable[str], *, lazy: bool = False) -> dict[str, Rows]:
        """The rows of those keys that are stored and readable; with `lazy`, as `CachedRows`
        that decode them when first read (each entry's compressed stream is checked now)."""
        wanted = [(_number(key), key) for key in keys]
        found: dict[str, Rows] = {}
        decode = _checked if lazy else _decode
        for start in range(0, len(wanted), QUERY_KEYS):
            by_number = dict(wanted[start: start + QUERY_KEYS])
            query = (f"SELECT id, key, rows FROM {TABLE} "
                     f"WHERE id IN ({','.join('?' * len(by_number))})")
            try:
                records = self._connection().execute(query, list(by_number)).fetchall()
            except (sqlite3.Error, OSError) as error:
                self._failed(error)
                break
            for number, key, blob in records:
                if by_number.get(number) == key and (rows := decode(blob)) is not None:
                    found[key] = rows
        return found

    def put(self, key: str, rows: Rows) -> None:
        self.put_many([(key, rows)])

    def put_many(self, items: Iterable[tuple[str, Rows]]) -> None:
        """Store rows by key in one transaction: all of them or, after an error, none."""
        records = [(_number(key), key, _encode(rows)) for key, rows in items]
        if not records:
            return
        connection = None
        try:
            connection = self._connection()
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (id, key, rows) VALUES (?, ?, ?)", records)
            connection.execute("COMMIT")
        except (sqlite3.Error, OSError) as error:
            if connection is not None and connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            self._failed(error)

    def close(self) -> None:
        connection, self._connection_ = self._connection_, None
        if connection is None:
            return
        if self._pid != os.getpid():
            _INHERITED.append(connection)
        else:
            try:
                connection.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> RowCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # forked: the parent's connection is not ours
            if self._connection_ is not None:
                _INHERITED.append(self._connection_)
            self._connection_ = None
            self._pid = os.getpid()
        if self._connection_ is None:
            self._connection_ = self._open()
            _OPEN.add(self)
        return self._connection_

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked():
            try:
                return _connect(self.path)
            except sqlite3.DatabaseError as error:
                if _error_code(error) not in (SQLITE_NOTADB, SQLITE_CORRUPT):
                    raise
                self._set_aside(error)
                return _connect(self.path)

    def _failed(self, error: Exception) -> None:
        """After an error: warn (once per message, not once per article) and drop the
        connection, so that the next use opens the file again, setting it aside if it is
        no longer a database."""
        self.close()
        message = f"analysis cache {self.path}: {error}"
        if message not in self._warned:
            self._warned.add(message)
            LOG.warning("%s (going on without it)", message)

    def _set_aside(self, error: sqlite3.Error) -> None:
        aside = self.path.with_name(
            f"{STORE_FILE}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
        LOG.warning("analysis cache %s: %s; moved to %s and started afresh", self.path, error,
                    aside.name)
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Open (and set aside) the store one process at a time, so that no process
        renames a file that another has just created."""
        if fcntl is None:
            yield
            return
        with open(self.folder / LOCK_FILE, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _close_before_fork() -> None:
    for store in list(_OPEN):
        connection = store._connection_
        if connection is not None and not connection.in_transaction:
            store.close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_close_before_fork)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the store file at `path`, created if need be; raises
    sqlite3.DatabaseError when the file is not a database."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                 check_same_thread=False)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        # A commit survives the process being killed; a power cut may lose the last few
        # commits, never the file's consistency.
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                           "(id INTEGER PRIMARY KEY, key TEXT NOT NULL, rows BLOB NOT NULL)")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _number(key: str) -> int:
    """The 64-bit id of a key (its row id in the table)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _encode(rows: Rows) -> bytes:
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), COMPRESSION)


class CachedRows(Mapping):
    """An article's rows as the cache holds them, decoded when first read.

    A re-run whose tables turn out unchanged (`store.TableParts`) needs only to know that
    each article is cached: building the rows' Python objects was a fifth of its time."""

    __slots__ = ("blob", "_rows")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self._rows: Rows | None = None

    def decoded(self) -> Rows:
        if self._rows is None:
            rows = _decode(self.blob)
            if rows is None:  # (checked when read from the store: not seen)
                raise ValueError("a cached entry no longer decodes")
            self._rows = rows
        return self._rows

    def __getitem__(self, name: str) -> list[dict]:
        return self.decoded()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.decoded())

    def __len__(self) -> int:
        return len(self.decoded())


def _checked(blob: object) -> CachedRows | None:
    """The entry undecoded, if its compressed stream is whole (zlib checks its checksum) and
    holds a JSON object."""
    try:
        text = zlib.decompress(blob)
    except (TypeError, zlib.error):
        return None
    return CachedRows(blob) if text[:1] == b"{" and text.rstrip()[-1:] == b"}" else None


def _decode(blob: object) -> Rows | None:
    try:
        rows = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (TypeError, ValueError, zlib.error):  # UnicodeDecodeError is a ValueError
        return None
    return rows if isinstance(rows, dict) else None


def _error_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None
