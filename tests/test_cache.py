"""The analysis cache (analysis/cache.py): one SQLite store of a fixed few files, shared by
processes, that keeps every committed entry through a crash and treats damage as a miss."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import sqlite3
import time

import pandas as pd
import pytest

from analysis import cache, pipeline
from analysis.cache import RowCache
from analysis.ingest import Article

FORK = multiprocessing.get_context("fork")
TEXT = ("France should leave NATO's integrated command, said Ana Ruiz, as de Gaulle did in "
        "1966. The minister replied that the alliance protects Europe.")


def article(number: int = 0, text: str = TEXT) -> Article:
    return Article(f"cache-{number}", "", "", "", "2026-01-05", "en", text, "cache test")


def small_rows(number: int) -> dict:
    return {"claims": [{"claim_id": f"c{number}", "n": number}], "actors": []}


def test_real_rows_come_back_as_they_went_in(tmp_path):
    [(_, rows)] = list(pipeline.iter_article_rows([article()], use_cache=False))
    assert rows["claims"] and rows["actors"]
    with RowCache(tmp_path) as store:
        store.put("key", rows)
        assert store.get("key") == json.loads(json.dumps(rows))
        assert store.get("another key") is None
    with RowCache(tmp_path) as store:  # and after closing, from the file
        assert store.get("key") == json.loads(json.dumps(rows))


def test_a_rerun_reads_every_article_from_the_cache(tmp_path, monkeypatch):
    articles = [article(number, f"{TEXT} Paragraph {number}.") for number in range(3)]
    first = pipeline.analyse(articles, cache_dir=tmp_path)
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith(".")] == [
        "rows.sqlite"]

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("a cached article was parsed again")

    monkeypatch.setattr(pipeline, "_parse", no_parsing)
    again = pipeline.analyse(articles, cache_dir=tmp_path)
    for name in ("articles", *pipeline.ROW_TABLES):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(first, name))


def test_worker_processes_fill_the_cache(tmp_path, monkeypatch):
    """Articles parsed by two forked workers are all in the cache for the next run."""
    articles = [article(number, f"{TEXT} Paragraph {number}.")
                for number in range(pipeline.PRELOAD_MIN_ARTICLES + 2)]
    first = [rows for _, rows in pipeline.iter_article_rows(articles, cache_dir=tmp_path,
                                                            workers=2)]
    monkeypatch.setattr(pipeline, "_parse", lambda *_: pytest.fail("parsed again"))
    again = [rows for _, rows in pipeline.iter_article_rows(articles, cache_dir=tmp_path,
                                                            workers=2)]
    assert again == json.loads(json.dumps(first))


def test_a_hundred_thousand_entries_fit_in_a_fixed_few_files(tmp_path):
    count = 100_000
    with RowCache(tmp_path) as store:
        for start in range(0, count, 1_000):
            store.put_many((f"key-{number}", small_rows(number))
                           for number in range(start, start + 1_000))
        files = sorted(path.name for path in tmp_path.iterdir())
        # The store, SQLite's write-ahead log and its index while open, and the lock file.
        assert set(files) <= {"rows.sqlite", "rows.sqlite-wal", "rows.sqlite-shm", ".rows.lock"}
        sample = [f"key-{number}" for number in range(0, count, 997)]
        assert store.get_many(sample) == {
            f"key-{number}": small_rows(number) for number in range(0, count, 997)}
    assert sorted(path.name for path in tmp_path.iterdir()) == [".rows.lock", "rows.sqlite"]
    with sqlite3.connect(tmp_path / "rows.sqlite") as connection:
        assert connection.execute(f"SELECT count(*) FROM {cache.TABLE}").fetchone() == (count,)


def _write_range(folder, first: int, count: int, batch: int) -> None:
    store = RowCache(folder)
    for start in range(first, first + count, batch):
        store.put_many((f"key-{number}", small_rows(number))
                       for number in range(start, min(first + count, start + batch)))
    store.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    store = RowCache(tmp_path)
    assert store.get("key-0") is None  # the parent has the store open before forking
    writers = [FORK.Process(target=_write_range, args=(tmp_path, first, 3_000, 7))
               for first in (0, 3_000)]
    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):  # reading while they write
        store.get_many([f"key-{number}" for number in range(0, 6_000, 50)])
        time.sleep(0.01)
    assert [writer.exitcode for writer in writers] == [0, 0]
    keys = [f"key-{number}" for number in range(6_000)]
    assert store.get_many(keys) == {f"key-{number}": small_rows(number)
                                    for number in range(6_000)}
    store.close()


def test_the_parent_closes_its_connection_before_forking(tmp_path):
    """A connection never crosses a fork: SQLite's lock bookkeeping would go with it."""
    store = RowCache(tmp_path)
    store.put("key", small_rows(1))
    assert store._connection_ is not None
    child = FORK.Process(target=_write_range, args=(tmp_path, 10, 5, 5))
    child.start()
    assert store._connection_ is None
    child.join()
    assert child.exitcode == 0
    assert store.get_many(["key", "key-14"]) == {"key": small_rows(1), "key-14": small_rows(14)}
    store.close()


def _write_and_report(folder, batch: int, sender) -> None:
    store = RowCache(folder)
    for start in range(0, 10**6, batch):
        store.put_many((f"key-{number}", _big_rows(number))
                       for number in range(start, start + batch))
        sender.send(start + batch)


def _big_rows(number: int) -> dict:
    return {"claims": [{"n": number, "text": os.urandom(1_500).hex()}]}


@pytest.mark.parametrize("kill_after", [200, 1_000])
def test_a_writer_killed_while_writing_leaves_every_committed_entry(tmp_path, kill_after):
    batch = 50
    receiver, sender = FORK.Pipe(duplex=False)
    writer = FORK.Process(target=_write_and_report, args=(tmp_path, batch, sender))
    writer.start()
    reported = 0
    while reported < kill_after:
        reported = receiver.recv()
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    assert writer.exitcode == -signal.SIGKILL

    with RowCache(tmp_path) as store:
        found = store.get_many(f"key-{number}" for number in range(reported + 100 * batch))
    numbers = sorted(int(key.removeprefix("key-")) for key in found)
    # Every entry reported committed is there, whole; what is there is whole batches in
    # order (the writer may have committed a few more before the parent's kill landed).
    assert len(numbers) >= reported
    assert numbers == list(range(len(numbers))) and len(numbers) % batch == 0
    assert all(rows["claims"][0]["n"] == int(key.removeprefix("key-"))
               and len(rows["claims"][0]["text"]) == 3_000 for key, rows in found.items())


def _kill_me_mid_transaction(folder, sender) -> None:
    store = RowCache(folder)
    store.put_many((f"key-{number}", _big_rows(number)) for number in range(100))
    connection = store._connection()  # a transaction left open, as a crash would leave it
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        f"INSERT INTO {cache.TABLE} (id, key, rows) VALUES (?, ?, ?)",
        ((cache._number(f"key-{number}"), f"key-{number}", cache._encode(_big_rows(number)))
         for number in range(100, 4_100)))
    sender.send("writing")
    time.sleep(60)


def test_a_transaction_cut_by_a_kill_leaves_nothing_behind(tmp_path):
    receiver, sender = FORK.Pipe(duplex=False)
    writer = FORK.Process(target=_kill_me_mid_transaction, args=(tmp_path, sender))
    writer.start()
    assert receiver.recv() == "writing"
    # 4,000 entries of 3 kB overflow SQLite's page cache: uncommitted pages are on disk.
    assert (tmp_path / "rows.sqlite-wal").stat().st_size > 4_000_000
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()

    with RowCache(tmp_path) as store:
        found = store.get_many(f"key-{number}" for number in range(4_100))
        assert sorted(found) == sorted(f"key-{number}" for number in range(100))
        store.put("after", small_rows(1))  # and the store takes writes again
        assert store.get("after") == small_rows(1)


def test_a_store_file_that_is_not_a_database_is_a_miss_and_set_aside(tmp_path, caplog):
    (tmp_path / "rows.sqlite").write_bytes(b"not a database, just bytes\n" * 400)
    with caplog.at_level(logging.WARNING, logger="analysis.cache"), RowCache(tmp_path) as store:
        assert store.get("key") is None
        store.put("key", small_rows(1))
        assert store.get("key") == small_rows(1)
    assert "not a database" in caplog.text
    assert [path.name.split("-")[0] for path in tmp_path.glob("rows.sqlite.damaged-*")] == [
        "rows.sqlite.damaged"]


def test_damaged_entries_are_misses(tmp_path):
    with RowCache(tmp_path) as store:
        store.put_many([("good", small_rows(1)), ("truncated", small_rows(2)),
                        ("not json", small_rows(3)), ("a list", small_rows(4))])
    with sqlite3.connect(tmp_path / "rows.sqlite") as connection:
        update = f"UPDATE {cache.TABLE} SET rows = ? WHERE key = ?"
        connection.execute(update, (cache._encode(small_rows(2))[:-5], "truncated"))
        connection.execute(update, (b"\x78\x9c garbage", "not json"))
        connection.execute(update, (cache._encode([1, 2]), "a list"))
        # Another key under the same 64-bit id is not taken for this one.
        connection.execute(f"INSERT INTO {cache.TABLE} (id, key, rows) VALUES (?, ?, ?)",
                           (cache._number("collides"), "something else",
                            cache._encode(small_rows(5))))
    with RowCache(tmp_path) as store:
        assert store.get_many(["good", "truncated", "not json", "a list", "collides"]) == {
            "good": small_rows(1)}


def test_a_cache_that_cannot_be_opened_only_costs_time(tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x", encoding="utf-8")
    with RowCache(blocked) as store:
        store.put("key", small_rows(1))
        assert store.get("key") is None
    rows = pipeline.analyse([article()], cache_dir=blocked)
    assert len(rows.claims)
