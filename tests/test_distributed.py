"""The Dask engine (`build --engine dask`): the local engine's tables from a 2-worker
LocalCluster, a worker killed mid-build replaced, an interrupted build resumed by
partition, and one-line errors for an unreachable scheduler or a missing dask."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
import types
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

from distributed import Client, LocalCluster, WorkerPlugin  # noqa: E402

from analysis import distributed, pipeline  # noqa: E402
from analysis.__main__ import main  # noqa: E402
from analysis.cache import RowCache  # noqa: E402
from analysis.ingest import read_paths  # noqa: E402
from analysis.tables import TABLE_COLUMNS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "lfi-nato-exit.txt"
FIXTURES = ROOT / "tests" / "fixtures"
BATCH = 2  # articles per batch here: 14 articles make 7 batches, 7 tasks


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """14 articles, English and French: the sample and the fixtures, twice over."""
    read, refusals, _ = read_paths([SAMPLE, *sorted(FIXTURES.glob("*.txt"))])
    assert not refusals and {article.language for article in read} == {"en", "fr"}
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(2):
        for article in read:
            article = dataclasses.replace(article, article_id=f"{article.article_id}-{copy}")
            header = f"language: {article.language}\npublished: {article.published}\n\n"
            (folder / f"{article.article_id}.txt").write_text(header + article.text,
                                                              encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected(corpus, tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The local engine's tables of the corpus (2 worker processes, no cache)."""
    out = tmp_path_factory.mktemp("local")
    assert main(["build", str(corpus), "--out", str(out), "--format", "parquet",
                 "--no-cache", "--quiet", "--workers", "2"]) == 0
    return _tables(out)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", BATCH)


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLE_COLUMNS}


def _assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    for name in TABLE_COLUMNS:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
    assert len(got["claims"]) and len(got["case_mentions"])


def _build(corpus: Path, out: Path, *extra: str) -> list[str]:
    return ["build", str(corpus), "--out", str(out), "--format", "parquet", "--quiet",
            "--engine", "dask", *extra]


def test_dask_engine_writes_the_local_engines_tables(corpus, expected, tmp_path, small_batches,
                                                     capsys, monkeypatch):
    out, cache = tmp_path / "out", tmp_path / "cache"
    capsys.readouterr()
    assert main(_build(corpus, out, "--workers", "2", "--cache-dir", str(cache))) == 0
    summary = capsys.readouterr().out
    assert summary.startswith(f"{len(expected['articles'])} articles, "
                              f"{len(expected['actors'])} actors, "
                              f"{len(expected['claims'])} claims, ")
    _assert_same_tables(_tables(out), expected)
    assert not (out / distributed.PARTS_FOLDER).exists(), "partitions left behind"

    # The workers filled the local engine's cache, and both engines fingerprint the tables
    # alike: the local engine re-runs from the cache, parses nothing and rewrites nothing.
    with RowCache(cache) as store:
        assert len(store.get_many(pipeline._cache_key(article)
                                  for article in read_paths([corpus])[0])) == 14
    written = {path.name: path.stat().st_mtime_ns for path in out.glob("*.parquet")}

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("an article the Dask workers cached was parsed again")

    monkeypatch.setattr(pipeline, "_parse", no_parsing)
    local = ["build", str(corpus), "--out", str(out), "--format", "parquet", "--quiet",
             "--cache-dir", str(cache), "--workers", "1"]
    assert main(local) == 0
    assert {path.name: path.stat().st_mtime_ns for path in out.glob("*.parquet")} == written


def test_the_local_cluster_runs_its_workers_without_the_profiler():
    """The LocalCluster a build starts: a batch to each free worker, and no statistical
    profiler sampling the tasks (it took 6 to 8% of the analysis's CPU time)."""
    import dask

    def settings():
        return (dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.scheduler.worker-saturation"))

    with distributed._client(None, 2, []) as client:
        assert set(client.run(settings).values()) == {(False, 1.0)}
        assert len(client.scheduler_info()["workers"]) == 2


class _DieOnce(WorkerPlugin):
    """A worker plugin: the first worker to start a batch task kills its own process with
    SIGKILL as the task starts executing; a marker file keeps it to once in the cluster and
    names the task and the process."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith("analyse-"):
            return
        try:
            handle = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(handle, f"{key} {os.getpid()}".encode())
        os.close(handle)
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_mid_task_is_replaced(corpus, expected, tmp_path, small_batches,
                                             monkeypatch):
    """The build's own client on a cluster whose worker dies as it starts a batch: the
    batch runs again on another worker, the nanny starts a new worker (which the plugin
    gives the pipelines), and the tables are the local engine's."""
    # This cluster's workers are spawned, as a remote cluster's are started: fresh
    # interpreters that import no main script (Streamlit's AppTest, in other tests, leaves
    # app.py installed as __main__, which a spawned process would run).
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    marker = tmp_path / "killed"
    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address="127.0.0.1:0") as cluster,
          Client(cluster) as client):
        client.register_plugin(_DieOnce(str(marker)), name="die-once")
        out = tmp_path / "out"
        assert main(_build(corpus, out, "--scheduler", cluster.scheduler_address,
                           "--no-cache")) == 0
        assert marker.exists(), "no worker was killed"
        key, pid = marker.read_text().split()
        assert key in {f"analyse-{stem}" for stem in _stems(corpus)}
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)
        client.wait_for_workers(2, timeout=60)
        assert int(pid) not in client.run(os.getpid).values()
    _assert_same_tables(_tables(out), expected)


def _stems(corpus: Path) -> list[str]:
    articles = read_paths([corpus])[0]
    return [f"part-{position:06d}-{distributed.batch_key([pipeline._cache_key(a) for a in batch])}"
            for position, batch in enumerate(pipeline._batches(articles, BATCH))]


INTERRUPTIBLE = f"""
import sys
from analysis import pipeline
from analysis.__main__ import main
pipeline.BATCH_SIZE = {BATCH}
sys.exit(main(sys.argv[1:]))
"""


def test_an_interrupted_build_resumes_by_partition(corpus, expected, tmp_path, small_batches,
                                                   monkeypatch, capsys):
    out = tmp_path / "out"
    args = _build(corpus, out, "--workers", "2", "--no-cache")
    stems = _stems(corpus)
    finished = out / distributed.PARTS_FOLDER / "actor_mentions"  # each batch's last file
    build = subprocess.Popen([sys.executable, "-c", INTERRUPTIBLE, *args], cwd=ROOT,
                             start_new_session=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while not list(finished.glob("part-*.parquet")):
            assert build.poll() is None, build.stderr.read().decode()
            assert time.monotonic() < deadline, "no batch was written in 240 s"
            time.sleep(0.02)
    finally:  # the client and its cluster's processes, all at once, as a job killed
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        build.stderr.close()
    _wait_for_group_to_end(build.pid)
    assert not list(out.glob("*.parquet")), "an interrupted build must not write tables"
    written = {stem: distributed.partition_paths(out / distributed.PARTS_FOLDER, stem)
               for stem in stems}
    done = {stem: {name: path.stat().st_mtime_ns for name, path in paths.items()}
            for stem, paths in written.items() if all(path.exists() for path in paths.values())}
    assert 1 <= len(done) < len(stems), f"{len(done)} of {len(stems)} batches written"

    commit = distributed._commit

    def checked_commit(*commit_args, **kwargs):
        for stem, times in done.items():
            assert {name: path.stat().st_mtime_ns for name, path in written[stem].items()} \
                == times, f"batch {stem} was analysed again"
        return commit(*commit_args, **kwargs)

    monkeypatch.setattr(distributed, "_commit", checked_commit)
    build = distributed.build
    results = []
    monkeypatch.setattr(distributed, "build",
                        lambda *a, **k: results.append(build(*a, **k)) or results[-1])
    capsys.readouterr()
    assert main(args) == 0
    [result] = results
    assert result.resumed == len(done)
    assert sorted(result.analysed) == sorted(set(stems) - set(done))
    assert f"resumed: {len(done)} of {len(stems)} batches" in capsys.readouterr().err
    _assert_same_tables(_tables(out), expected)
    assert not (out / distributed.PARTS_FOLDER).exists()


def _wait_for_group_to_end(group: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("processes of the killed build are still running")


def test_an_unreachable_scheduler_is_one_line_and_exit_code_2(tmp_path):
    with socket.socket() as probe:  # a port on this machine where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "build", str(SAMPLE), "--out", str(tmp_path / "o"),
         "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}", "--no-cache"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [run.stderr.strip()], run.stderr
    assert run.stderr.startswith(f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert not (tmp_path / "o").exists()


def test_scheduler_needs_the_dask_engine(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(SAMPLE), "--out", str(tmp_path), "--scheduler", "tcp://h:8786"])
    assert exit_.value.code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_missing_dask_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    assert main(["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--engine", "dask"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --engine dask needs the dask and distributed packages")
    assert len(err.strip().splitlines()) == 1
