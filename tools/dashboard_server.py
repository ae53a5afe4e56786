"""Start the dashboard (or another Streamlit script) on a free loopback port, and stop it.

Shared by the browser tests, the load script and the benchmark, so that they all start
the server the way Streamlit's own end-to-end tests do: `streamlit run` headless, then
poll `/_stcore/health` until it answers `ok`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Headless Chromium as root on a machine without network (no background connections).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAIN = "[data-testid='stMain']"
# The Add articles page's file input for articles: the first uploader of the page (the
# corrections.csv uploader comes after it).
ARTICLE_UPLOAD = "[data-testid='stFileUploaderDropzoneInput'] >> nth=0"
# Menu entry -> the page's heading, in the order a visitor goes through them.
PAGES = {"Overview": "Who says what about leaving NATO", "Actors": "Actors", "Claims": "Claims",
         "Networks": "Networks", "Articles": "Articles", "Country cases": "Country cases",
         "Add articles": "Add articles"}


class ServerError(RuntimeError):
    """The server exited or never became healthy; the message holds its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(log: Path, *, script: str = "app.py", env: dict[str, str] | None = None,
                 start_seconds: float = 120) -> tuple[subprocess.Popen, str]:
    """`streamlit run SCRIPT` on a free loopback port, its output in `log`; returns the
    process and its address once `/_stcore/health` answers `ok`."""
    port = free_port()
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, **(env or {})}, stdout=output,
            stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_seconds
    while True:
        if process.poll() is not None:
            raise ServerError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return process, address
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_server(process)
            raise ServerError(f"no healthy server after {start_seconds} s:\n"
                              f"{log.read_text(errors='replace')}")
        time.sleep(0.5)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serving(log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start the dashboard, yield its address, stop it: the body of a test fixture
    (`yield from serving(...)`); a server that does not come up raises ServerError."""
    process, address = start_server(log, env=env)
    try:
        yield address
    finally:
        stop_server(process)
