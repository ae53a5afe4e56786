"""Build on a Dask cluster: `python -m analysis build PATH... --out DIR --engine dask`.

The local engine (`analysis.pipeline`) forks worker processes on one machine. This engine
hands the same batches to the workers of a Dask cluster: a `LocalCluster` it starts (one
worker process per `--workers`, one thread each) or, with `--scheduler ADDRESS`, a cluster
that is already running (SSH hosts, Kubernetes, SLURM through dask-jobqueue: see
docs/cli.md, "Running on a cluster").

How a build runs:

- **Articles are read here, in the client**, exactly as the local engine reads them (the
  same refusals, warnings and progress bar, in `analysis.__main__`), and cut into batches
  of `pipeline.BATCH_SIZE` articles. A task carries its batch's `Article` records and
  their cache keys, nothing bigger: no pipeline, no table, no open file.
- **Each worker loads the spaCy pipelines once**: `PipelinePlugin`, a worker plugin
  registered at the first batch to analyse, loads that batch's languages
  (`nlp.load_pipeline`) and the reference cases when a worker starts, including a worker
  that joins or is restarted later; a language met afterwards is loaded once on first use
  (`load_pipeline` is cached per process). The cluster is connected to at that first
  batch too: a `LocalCluster` is started only then (a build whose batches are all written
  already starts none), and on Linux its workers are forked from the client after it has
  loaded that batch's pipelines, as the local engine forks its workers, so they start
  with the pipelines in shared memory and the plugin finds them loaded (spawned, each
  worker would import spaCy and load them again: seconds per worker). A `--scheduler`
  cluster is connected to before anything is read, so a wrong address fails at once.
- **A batch is a task** (`analyse_batch`) that analyses its articles on the worker with the
  local engine's own code (`pipeline._Batch.analyse_here`, which runs `_analyse_language`
  and `extract`), so the rows are the local engine's rows. The worker checks that its
  cache keys equal the client's: a worker with another model, resource file or extraction
  code refuses the batch rather than mix its rows in.
- **Each task writes its rows as one Parquet file per table**, a partitioned dataset in
  `DIR/.parts/<table>/part-<position>-<batch key>.parquet`, each file written under a
  temporary name and renamed into place. The batch key is a digest of the batch's cache
  keys (article id, language, date, text and pipeline version), so the same articles
  analysed by the same code give the same name. A task returns only its row counts.
- **A build that stops resumes by partition.** A worker that dies mid-task is replaced (a
  `LocalCluster` restarts it) and the scheduler runs its tasks again elsewhere, up to
  `distributed.scheduler.allowed-failures` times (3 by default). When the whole build is
  interrupted (Ctrl-C, the client killed, the job's time up), the partitions written so
  far stay; the next run of the same command skips every batch whose five files are all
  there and analyses the rest.
- **When every task is done the client merges the partitions** into the tables, in batch
  order, so in the input's article order, with `store._merge`, the function the local
  engine merges its part files with (same columns, types and bytes), and moves them into
  place together with the same `.tables-manifest.json`: a re-run, with either engine, that
  would write the same tables leaves them alone. The partitions are removed after that.

Where things must be: the output folder is written by the workers, so on a cluster with
more than one machine `--out` must be a path every worker reaches (a shared file system,
as on HPC clusters). The analysis cache (`analysis.cache`, SQLite) is opened by the workers,
not the client: with a `LocalCluster` it is the local engine's cache (same folder, same
entries); with `--scheduler` the workers use one only when `--cache-dir` names it, opened
at that path on each worker's machine (SQLite's write-ahead log needs a local disk there:
a folder such as node-local scratch on every host, each host then keeping its own cache).
Without `--cache-dir` a remote cluster's workers use no cache, and the partitions alone
make an interrupted build resumable.

Memory stays bounded as in the local engine: at most READ_AHEAD_ARTICLES articles are in
tasks not yet finished, and the client never holds rows.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis import pipeline, store
from analysis.ingest import Article
from analysis.nlp import load_pipeline
from analysis.tables import TABLE_COLUMNS, make_table

PARTS_FOLDER = ".parts"  # DIR/.parts/<table>/part-<position>-<key>.parquet
PLUGIN_NAME = "nato-exit-pipelines"
KEY_CHARS = 32  # hex digits of a batch key in its partition names (128 bits)

Progress = Callable[[int], None]
# The settings of the LocalCluster a build starts (a cluster given by --scheduler keeps its
# own). A batch is seconds of work: a worker is given one when it is free (saturation 1.0),
# not one ahead (1.1 by default), which at the end of a build left a worker with two
# batches to run while the other had none. The workers' statistical profiler (the Profile
# page of Dask's dashboard) samples the running task's stack every 10 ms, which took 6 to
# 8% of the analysis's CPU time (spaCy's call stacks are deep): it is off.
LOCAL_CLUSTER_CONFIG = {
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.profile.enabled": False,
}


class DaskUnavailable(RuntimeError):
    """The dask and distributed packages are not installed."""


class ClusterError(RuntimeError):
    """The cluster could not be reached, or lost a batch for good."""


class VersionMismatch(ValueError):
    """A worker would analyse with another pipeline version than the client."""


@dataclass
class BuildResult:
    """What a build wrote: rows per table, the languages met, and how many batches were
    found already written (resumed) or analysed."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLE_COLUMNS, 0))
    languages: set[str] = field(default_factory=set)
    batches: int = 0
    resumed: int = 0  # batches whose partitions an interrupted build had written
    analysed: list[str] = field(default_factory=list)  # names of the batches sent


def require_dask() -> None:
    """Raise DaskUnavailable, in words a user can act on, if dask cannot be imported."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as error:
        raise DaskUnavailable(
            f"--engine dask needs the dask and distributed packages ({error}): run "
            "`pip install -r requirements.txt` (or `pip install dask distributed`)") from None


def worker_cache_folder(cache_dir: Path | None, *, use_cache: bool,
                        scheduler: str | None) -> Path | None:
    """The cache folder the workers use: the local engine's on a LocalCluster; with a
    remote scheduler only a `--cache-dir` given explicitly (see the module docstring)."""
    if not use_cache:
        return None
    if scheduler is None:
        return Path(cache_dir or pipeline.default_cache_dir()).resolve()
    return Path(cache_dir).resolve() if cache_dir else None


def build(articles: Iterable[Article], out: str | Path, *, fmt: str = "csv",
          safe: bool = False, cache_folder: Path | None = None, workers: int = 1,
          scheduler: str | None = None, progress: Progress | None = None) -> BuildResult:
    """Analyse `articles` on a Dask cluster into the tables of `out`.

    Tables are written only when at least one article was read (`result.counts`
    says how many); otherwise `out` is left as it was.
    """
    require_dask()
    out = Path(out).resolve()
    parts = out / PARTS_FOLDER
    result = BuildResult()
    fingerprint = hashlib.sha256(f"{fmt}|{safe}".encode())  # as store.TableParts computes it
    stems: list[str] = []
    with ExitStack() as stack:
        batches = _Submitter(
            lambda languages: stack.enter_context(_client(scheduler, workers, languages)),
            parts, cache_folder, progress, result, remote=bool(scheduler))
        if scheduler:
            batches.connect([])  # a wrong address fails before anything is read
        try:
            for position, batch in enumerate(pipeline._batches(articles, pipeline.BATCH_SIZE)):
                keys = [pipeline._cache_key(article) for article in batch]
                for article in batch:
                    described = {key: value for key, value in article.as_row().items()
                                 if key != "text"}
                    version = pipeline.pipeline_version(article.language)
                    fingerprint.update(
                        json.dumps([described, version], sort_keys=True).encode())
                    result.languages.add(article.language)
                stem = f"part-{position:06d}-{batch_key(keys)}"
                stems.append(stem)
                batches.add(batch, keys, stem)
            batches.finish()
        finally:
            if scheduler and batches.plugin_registered:
                # The cluster is not ours: workers that join it later need not load pipelines.
                _unregister(batches.client)
    result.batches = len(stems)
    if result.counts["articles"]:
        _commit(out, parts, stems, fmt=fmt, safe=safe, fingerprint=fingerprint.hexdigest(),
                counts=dict(result.counts))
    return result


def batch_key(keys: list[str]) -> str:
    """The name of a batch's partitions: a digest of its articles' cache keys, in order."""
    return hashlib.sha256("\n".join(keys).encode("ascii")).hexdigest()[:KEY_CHARS]


def partition_paths(parts: Path, stem: str) -> dict[str, Path]:
    """The partition file of each table for the batch named `stem`."""
    return {name: parts / name / f"{stem}.parquet" for name in TABLE_COLUMNS}


class _Submitter:
    """Batches to the cluster, at most READ_AHEAD_ARTICLES articles in unfinished tasks;
    a batch whose partitions are all written already is counted, not analysed. The
    cluster is connected to (a LocalCluster started) at the first batch to analyse."""

    def __init__(self, connect: Callable[[list[str]], Any], parts: Path,
                 cache_folder: Path | None, progress: Progress | None,
                 result: BuildResult, *, remote: bool) -> None:
        self._connect = connect
        self.remote = remote
        self.client: Any = None
        self.parts = parts
        self.cache_folder = cache_folder
        self.progress = progress
        self.result = result
        self.running: Any = None
        self.in_flight = 0
        self.limit = 1
        self.plugin_registered = False

    def connect(self, languages: list[str]) -> None:
        from distributed import as_completed

        self.client = self._connect(languages)
        self.running = as_completed()
        self.limit = max(2 * _threads(self.client),
                         pipeline.READ_AHEAD_ARTICLES // max(1, pipeline.BATCH_SIZE))

    def add(self, batch: list[Article], keys: list[str], stem: str) -> None:
        paths = partition_paths(self.parts, stem)
        if all(path.exists() for path in paths.values()):
            self._count(_partition_counts(paths), len(batch))
            self.result.resumed += 1
            return
        languages = sorted({article.language for article in batch})
        if self.client is None:
            self.connect(languages)
        if not self.plugin_registered:
            _register(self.client, _plugin_class()(languages, own_cluster=not self.remote))
            self.plugin_registered = True
        future = self.client.submit(analyse_batch, batch, keys, str(self.parts), stem,
                                    str(self.cache_folder) if self.cache_folder else None,
                                    key=f"analyse-{stem}", pure=False)
        self.result.analysed.append(stem)
        self.running.add(future)
        self.in_flight += 1
        while self.in_flight >= self.limit:
            self._collect(next(self.running))

    def finish(self) -> None:
        for future in self.running or ():
            self._collect(future)

    def _collect(self, future: Any) -> None:
        self.in_flight -= 1
        counts = _checked(future.result)
        future.release()
        self._count(counts, counts["articles"])

    def _count(self, counts: dict[str, int], articles: int) -> None:
        for name, count in counts.items():
            self.result.counts[name] += count
        if self.progress:
            self.progress(articles)


def _checked(call: Callable[[], Any]) -> Any:
    """`call()`, with the cluster's own failures (a batch that killed its workers, a lost
    scheduler) turned into one ClusterError line; the analysis's errors pass through."""
    from distributed import KilledWorker

    try:
        return call()
    except KilledWorker as error:
        raise ClusterError(
            f"a batch of articles was lost with the workers that ran it ({_first_line(error)}); "
            "run the same command again to resume") from None
    except (ConnectionError, TimeoutError, CancelledError) as error:
        raise ClusterError(f"lost the Dask cluster ({_first_line(error)}); run the same "
                           "command again to resume") from None
    except (ImportError, RuntimeError) as error:
        # What a scheduler or worker without the project says (it unpickles the tasks, the
        # Article records and the plugin); any other error is the analysis's own.
        if not isinstance(error, ImportError) and "deserializ" not in str(error):
            raise
        raise ClusterError(
            f"the Dask cluster cannot run the analysis ({_first_line(error)}): the scheduler "
            "and every worker need this project importable (PYTHONPATH) and its "
            "requirements installed, the spaCy models included") from None


def _register(client: Any, plugin: Any) -> None:
    """Register the plugin, which loads the pipelines on every worker now and on every
    worker that starts later; a worker that cannot (the project or a model missing there)
    is one ClusterError line."""
    try:
        _checked(lambda: client.register_plugin(plugin, name=PLUGIN_NAME))
    except ClusterError:
        raise
    except Exception as error:  # noqa: BLE001 - a worker's error comes back as Exception
        raise ClusterError(
            f"the Dask workers cannot load the analysis ({_first_line(error)}): the scheduler "
            "and every worker need this project importable (PYTHONPATH) and its "
            "requirements installed, the spaCy models included") from None


def _threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - a guess is enough here
        return 1


def _partition_counts(paths: dict[str, Path]) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {name: pq.read_metadata(path).num_rows for name, path in paths.items()}


@contextmanager
def _client(scheduler: str | None, workers: int, languages: list[str]) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, else of a LocalCluster started for the build
    (and closed after it).

    A LocalCluster's worker processes are forked from this one where the platform can
    fork (Linux), after it has loaded the pipelines of `languages`, as the local engine
    forks its workers: they start in a fraction of a second with the pipelines in memory
    shared with this process, instead of each importing spaCy and loading them again
    (seconds each). The fork is made from distributed's process-starting thread, and the
    child only runs the worker.
    """
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:  # tried for distributed.comm.timeouts.connect (30 s unless configured)
            client = Client(scheduler)
        except (OSError, ValueError, TypeError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: "
                               f"{_first_line(error)}") from None
        with client:
            yield client
        return
    forking = sys.platform.startswith("linux")
    if forking:
        _load(languages)
    try:
        with (dask.config.set(LOCAL_CLUSTER_CONFIG | {
                "distributed.worker.multiprocessing-method": "fork" if forking else "spawn"}),
              # Its HTTP server (the dashboard, when bokeh is installed) on this machine
              # only, at a free port: no clash with a cluster already on 8787.
              LocalCluster(n_workers=max(1, int(workers)), threads_per_worker=1,
                           processes=True, dashboard_address="127.0.0.1:0") as cluster,
              Client(cluster) as client):
            yield client
    finally:
        gc.unfreeze()  # this process goes on (a test, a notebook): collect as before


def _unregister(client: Any) -> None:
    try:
        client.unregister_worker_plugin(PLUGIN_NAME)
    except Exception:  # noqa: BLE001 - never registered, or the cluster is gone
        pass


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _plugin_class() -> type:
    """`PipelinePlugin`, defined when first needed: importing `distributed` takes half a
    second, which every other command of the CLI would pay for an engine it does not use.
    The class is this module's attribute `PipelinePlugin` (see `__getattr__`), so a worker
    unpickles it by name."""
    cached = globals().get("PipelinePlugin")
    if cached is not None:
        return cached
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the spaCy pipelines of `languages` and the reference cases once per worker
        process, when it starts (or when the plugin is registered)."""

        def __init__(self, languages: Iterable[str], *, own_cluster: bool = False) -> None:
            self.languages = tuple(languages)
            self.own_cluster = own_cluster

        def setup(self, worker: Any) -> None:
            if self.own_cluster and threading.current_thread() is threading.main_thread():
                # Ctrl-C reaches the whole process group: the client decides what to do (it
                # closes the cluster), as the local engine's workers leave it to the main process.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            _load(self.languages)

    PipelinePlugin.__module__ = __name__
    PipelinePlugin.__qualname__ = "PipelinePlugin"
    globals()["PipelinePlugin"] = PipelinePlugin
    return PipelinePlugin


def __getattr__(name: str) -> Any:
    if name == "PipelinePlugin":
        return _plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _load(languages: Iterable[str]) -> None:
    """Load the pipelines of `languages` (once per process) and the reference cases.

    They live as long as the process: frozen out of the cyclic collector's sight, its
    collections no longer walk their millions of objects, a forked worker does not copy
    their pages by touching them, and a worker with both pipelines exits in a tenth of a
    second instead of seconds (which a LocalCluster's nanny cut short at 4 s, killing it).
    """
    for language in languages:
        load_pipeline(language)
    pipeline._reference_cases()
    gc.collect()
    gc.freeze()


# One analysis at a time in a worker process: spaCy pipelines and the cache connection are
# not for concurrent threads (start workers with one thread; extra threads wait here).
_ANALYSIS = threading.Lock()


def analyse_batch(articles: list[Article], keys: list[str], parts: str, stem: str,
                  cache_folder: str | None) -> dict[str, int]:
    """The task: analyse a batch (reading and writing the cache when there is one) and
    write its partition of each table. Returns the rows written per table."""
    batch = pipeline._Batch(articles)
    if batch.keys != keys:
        raise VersionMismatch(
            f"the worker on {_host()} analyses with another pipeline version (model, "
            "resource files or extraction code) than this client: install the same project "
            "and requirements on every worker")
    with _ANALYSIS:
        cache = pipeline._worker_cache(Path(cache_folder)) if cache_folder else None
        if cache:
            cached = cache.get_many(batch.keys)
            batch.results.update((position, cached[key]) for position, key
                                 in enumerate(batch.keys) if key in cached)
        missing = batch.missing()
        if missing:
            batch.analyse_here(missing, cache)
    rows: dict[str, list[dict]] = {"articles": [article.as_row() for article in articles]}
    for name in pipeline.ROW_TABLES:
        rows[name] = [row for position in range(len(articles))
                      for row in batch.results[position][name]]
    for name, path in partition_paths(Path(parts), stem).items():
        _write_atomically(make_table(name, rows[name]), path)
    return {name: len(rows[name]) for name in TABLE_COLUMNS}


def _host() -> str:
    import socket

    return f"{socket.gethostname()} (pid {os.getpid()})"


def _write_atomically(frame: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.",
                                         suffix=".tmp")
    os.close(handle)
    try:
        frame.to_parquet(temporary, index=False)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _commit(out: Path, parts: Path, stems: list[str], *, fmt: str, safe: bool,
            fingerprint: str, counts: dict[str, int]) -> None:
    """Merge the partitions into the tables of `out`, as `store.TableParts.commit` does:
    all moved into place together, or kept when the manifest says they are these."""
    targets = [out / f"{name}.{fmt}" for name in TABLE_COLUMNS]
    if store.unchanged_manifest(out, targets, fingerprint) is None:
        staging = Path(tempfile.mkdtemp(dir=parts, prefix=".merged-"))
        merged = []
        for name in TABLE_COLUMNS:
            temporary = staging / f"{name}.merged.{fmt}"
            store._merge(name, [parts / name / f"{stem}.parquet" for stem in stems],
                         temporary, fmt=fmt, safe=safe)
            merged.append((temporary, out / f"{name}.{fmt}"))
        store.put_in_place(out, staging, merged, fingerprint, counts)
    shutil.rmtree(parts, ignore_errors=True)
