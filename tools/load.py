"""Load the dashboard with concurrent visitors in a real Chromium and report how it holds.

    python tools/load.py --sessions 10

It starts its own `streamlit run app.py` on a free loopback port, warms it up with one
visit (the bundled corpus is analysed on the first one), then opens N browser contexts of
one headless Chromium at once, each a visitor of its own: it loads every page through the
sidebar, picks a claim kind as a filter on the Claims page, and downloads the filtered
claims as CSV. It reports the errors (which must be 0: exceptions on a page, script
errors in the browser, timeouts, a wrong download), the slowest and median page load, and
the peak memory (RSS) of the server's process tree, sampled from /proc; then it stops the
server. Needs Debian's Chromium (`/usr/bin/chromium`, or $CHROMIUM) and playwright.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
from tools.dashboard_server import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    MAIN,
    PAGES,
    READY,
    ServerError,
    start_server,
    stop_server,
)

START_SECONDS = 180
STEP_MS = 180_000


@dataclass
class Report:
    """What the visitors saw: timed steps and errors."""

    loads: list[tuple[float, str]] = field(default_factory=list)  # (seconds, "page #session")
    steps: list[tuple[float, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class MemoryWatch:
    """Samples the resident memory of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval = pid, interval
        self.peak = self.baseline = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> MemoryWatch:
        self.baseline = self.sample()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.interval)

    def sample(self) -> int:
        """Bytes resident in the process tree now."""
        return sum(_rss(pid) for pid in _tree(self.pid))

    def cpu_seconds(self) -> float:
        """CPU time (user and system) the process tree has used so far."""
        return sum(_cpu(pid) for pid in _tree(self.pid))


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue += parents.get(pid, [])
    return found


def _cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def start(workdir: Path) -> tuple[subprocess.Popen, str]:
    """The dashboard on a free loopback port, with its own temporary folder and cache."""
    env = {"TMPDIR": str(workdir), "NATO_DASHBOARD_CACHE": str(workdir / "cache")}
    try:
        return start_server(workdir / "streamlit.log", env=env, start_seconds=START_SECONDS)
    except ServerError as error:
        raise SystemExit(str(error)) from error


async def settle(page) -> None:
    """Wait until the script has run and the page is drawn."""
    await page.wait_for_selector(READY, timeout=STEP_MS)
    await page.wait_for_selector(f"{MAIN} h1", timeout=STEP_MS)
    await page.wait_for_selector(READY, timeout=STEP_MS)


async def check_page(page, where: str, report: Report) -> None:
    if await page.locator("[data-testid='stException']").count():
        report.errors.append(f"{where}: an exception is shown")


async def visitor(browser, address: str, number: int, report: Report) -> None:
    """One visitor: every page, a filter, a download."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000},
                                        accept_downloads=True)
    page = await context.new_page()
    page.on("pageerror", lambda error: report.errors.append(f"#{number}: script error {error}"))
    where = f"#{number}"
    try:
        for position, (menu, heading) in enumerate(PAGES.items()):
            where = f"{menu} #{number}"
            started = time.monotonic()
            if position == 0:
                await page.goto(address, timeout=STEP_MS)
            else:
                await page.locator("[data-testid='stSidebarNav'] a", has_text=menu).first.click()
            await page.wait_for_selector(f"{MAIN} h1:has-text('{heading}')", timeout=STEP_MS)
            await settle(page)
            report.loads.append((time.monotonic() - started, where))
            await check_page(page, where, report)

        where = f"filter on Claims #{number}"
        await page.locator("[data-testid='stSidebarNav'] a", has_text="Claims").first.click()
        await page.wait_for_selector(f"{MAIN} h1:has-text('Claims')", timeout=STEP_MS)
        await settle(page)
        button = page.locator("[data-testid='stDownloadButton'] button").first
        unfiltered = await button.inner_text()
        started = time.monotonic()
        await page.get_by_role("combobox", name="Kind", exact=True).click()
        await page.locator("[role='option']", has_text="accusation").first.click()
        await page.keyboard.press("Escape")
        await page.wait_for_url("**kind=accusation**", timeout=STEP_MS)
        # Done when the table's download button counts the filtered rows.
        await page.wait_for_function(
            "before => { const b = document.querySelector(\"[data-testid='stDownloadButton'] "
            "button\"); return b && b.innerText !== before; }", arg=unfiltered, timeout=STEP_MS)
        await page.wait_for_selector(READY, timeout=STEP_MS)
        report.steps.append((time.monotonic() - started, where))
        await check_page(page, where, report)

        where = f"download on Claims #{number}"
        started = time.monotonic()
        async with page.expect_download(timeout=STEP_MS) as download_info:
            await button.click()
        download = await download_info.value
        data = Path(await download.path()).read_bytes()
        report.steps.append((time.monotonic() - started, where))
        if not data.startswith(b"claim_id,") or b",accusation," not in data:
            report.errors.append(f"{where}: unexpected CSV {data[:80]!r}")
        elif b",proposal," in data or b",assessment," in data:
            report.errors.append(f"{where}: the CSV ignores the filter")
        if download.suggested_filename != "claims_kind-accusation.csv":
            report.errors.append(f"{where}: file named {download.suggested_filename}")
    except Exception as error:  # noqa: BLE001 - every failure of a visitor is a reported error
        report.errors.append(f"{where}: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def campaign(address: str, sessions: int, *, warm: bool) -> tuple[Report, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_ARGS)
        warm_up = 0.0
        if warm:
            started = time.monotonic()
            page = await browser.new_page()
            await page.goto(address, timeout=STEP_MS)
            await settle(page)
            await page.close()
            warm_up = time.monotonic() - started
        report = Report()
        await asyncio.gather(*(visitor(browser, address, number, report)
                               for number in range(1, sessions + 1)))
        await browser.close()
    return report, warm_up


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="concurrent visitors")
    parser.add_argument("--cold", action="store_true",
                        help="no warm-up visit: the visitors meet the first analysis")
    options = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"no Chromium at {CHROMIUM} (set CHROMIUM to its path)")

    with tempfile.TemporaryDirectory(prefix="nato-exit-load-") as workdir:
        process, address = start(Path(workdir))
        watch = MemoryWatch(process.pid).start()
        cpu_before = watch.cpu_seconds()
        try:
            started = time.monotonic()
            report, warm_up = asyncio.run(campaign(address, options.sessions,
                                                   warm=not options.cold))
            elapsed = time.monotonic() - started
            server_cpu = watch.cpu_seconds() - cpu_before
        finally:
            watch.stop()
            stop_server(process)

    loads = sorted(report.loads)
    print(f"{options.sessions} concurrent sessions on {address}, {elapsed:.0f} s in all"
          + (f" (warm-up visit {warm_up:.1f} s)" if warm_up else ""))
    if loads:
        print(f"page loads: {len(loads)}, median {statistics.median(s for s, _ in loads):.1f} s, "
              f"slowest {loads[-1][0]:.1f} s ({loads[-1][1]})")
    for label in ("filter", "download"):
        times = [seconds for seconds, where in report.steps if where.startswith(label)]
        if times:
            print(f"{label}: {len(times)} done, slowest {max(times):.1f} s")
    print(f"server memory (RSS of its process tree): {watch.baseline / 2**20:,.0f} MB at start, "
          f"peak {watch.peak / 2**20:,.0f} MB")
    print(f"server CPU time: {server_cpu:.0f} s over {elapsed:.0f} s (the rest of the machine's "
          f"{os.cpu_count()} cores went to the browser)")
    print(f"errors: {len(report.errors)}")
    for error in report.errors[:20]:
        print(f"  {error}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
