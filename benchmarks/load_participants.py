"""Load benchmark: N participants keep their own page (/mein-plan) open while the round changes.

    PYTHONPATH=. .venv/bin/python benchmarks/load_participants.py             # 50, 100, 200
    PYTHONPATH=. .venv/bin/python benchmarks/load_participants.py --sizes 20  # quick run
    PYTHONPATH=. .venv/bin/python benchmarks/load_participants.py --client protocol

For every size N: a temporary SQLite database with the demo event, N fictional participants
(benchmarks/synthetic.py) and a plan; the app server the browser tests start
(tests/e2e/conftest.py `Server`: `streamlit run serve.py` on a free loopback port); N real
sessions. With --client browser (the default) each is a phone-sized page of Debian's Chromium
in its own browser context, the contexts spread over a few browser processes; with --client
protocol each is a websocket speaking Streamlit's own protocol (benchmarks/streamlit_client.py:
the frontend's first run, its fragment timer every 2 s, its message cache - a real server
session at a fraction of a browser's memory and CPU), all in this process. Once every page
shows "Gleich geht es los", the live clock is written straight into the store, as the
facilitator's "Start" and "Nächste Runde" buttons do, and every page records (browser:
MutationObserver; protocol: when the message arrives; both on this machine's clock) when its
heading first reads "Runde 1 von R", then "Runde 2 von R".

One markdown row per size: sessions open, p50 / p95 / max seconds from the write until a page
showed the new round (both changes pooled, 2 x sessions samples), how many changes a page did
not show within the timeout (default 30 s), the server's memory (VmRSS of the server process
and its children) with all sessions open, the client side's time to open them all; for
context the CPU share (100 % = one core) of the server and of the browsers while the rounds
changed, and the browsers' memory (PSS, which adds up) - with --client protocol the CPU share
and memory (VmRSS, all of it, planner and store included) of this process instead. Target:
200 sessions, p95 <= 5 s.

Client and server share the machine (2 cores on the project's one): the delays include the
clients' own lag when they are short of CPU. Opening stops early - and says why - when the
machine runs low on memory (--min-free-mb) or pages stop loading (--max-failures). The server
is the app as shipped; --env tries a server setting without editing the config, e.g.
--env STREAMLIT_RUNNER_POST_SCRIPT_GC=false. Needs no network; everything is removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

PAGE = "mein-plan"
PHONE = {"width": 360, "height": 760}
BEFORE = "Gleich geht es los"
TARGET_SESSIONS, TARGET_P95 = 200, 5.0

# true once a top heading reads `text` (the participant page's st.title is its only h1)
HEADING_JS = """text => Array.from(document.querySelectorAll("h1"))
    .some(h => h.textContent.trim() === text)"""
# records, in the page, the moment each wanted heading first appears (no polling delay)
OBSERVER_JS = """targets => {
  window.__seen = window.__seen || {};
  const check = () => {
    for (const h of document.querySelectorAll("h1")) {
      const text = h.textContent.trim();
      if (targets.includes(text) && !(text in window.__seen)) window.__seen[text] = Date.now();
    }
  };
  new MutationObserver(check).observe(
    document.body, {childList: true, subtree: true, characterData: true});
  check();
}"""
SEEN_JS = "text => (window.__seen || {})[text] || null"


class LowMemory(RuntimeError):
    """Opening one more session could starve the machine."""


@dataclass
class Result:
    wanted: int
    opened: int = 0
    open_seconds: float = 0.0
    server_mb: float = 0.0
    client_mb: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    mb_per_session: float = 0.0
    client_mb_before: float = 0.0  # protocol client: this process's RSS before opening
    samples: list[float] = field(default_factory=list)
    missed: int = 0
    per_change: list[tuple[str, list[float], int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# memory and CPU from /proc ------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _descendants(pid: int, tree: dict[int, list[int]]) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(tree.get(current, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """VmRSS of `pid` and all its descendants, in MB."""
    return sum(_rss_kb(p) for p in _descendants(pid, _children())) / 1024


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def client_pss_mb(server_pid: int) -> float:
    """Proportional set size (shared pages split between their users, so it adds up) of this
    process's descendants - the Playwright driver and the browsers - server excluded."""
    tree = _children()
    server = set(_descendants(server_pid, tree))
    mine = [p for p in _descendants(os.getpid(), tree) if p != os.getpid() and p not in server]
    return sum(_pss_kb(p) for p in mine) / 1024


def tree_cpu_seconds(pid: int, exclude: int | None = None) -> float:
    """User + system CPU seconds of `pid` and its descendants (without `exclude`'s tree)."""
    tree = _children()
    skip = set(_descendants(exclude, tree)) if exclude is not None else set()
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _descendants(pid, tree):
        if p in skip:
            continue
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def client_cpu_seconds(server_pid: int) -> float:
    """CPU seconds of this process and its descendants (the browsers), server excluded."""
    return tree_cpu_seconds(os.getpid(), exclude=server_pid)


def own_rss_mb() -> float:
    """VmRSS of this process (the protocol client's sessions live in it), in MB."""
    return _rss_kb(os.getpid()) / 1024


def mem_available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


# the event ------------------------------------------------------------------------------------
def prepare(folder: Path, n: int, rounds: int, seed: int, plan_seconds: float):
    """The database the server will open (folder/e2e.db, as Server expects): the demo event
    with `n` synthetic participants and a plan. Returns (store, event_id, event, rounds in the
    plan, access codes)."""
    import dataclasses

    from benchmarks.synthetic import generate
    from matching.lists.demo import load_demo
    from matching.planning.planner import plan
    from matching.storage.store import open_store

    demo, _listed, _questions = load_demo()
    event = dataclasses.replace(demo, rounds=rounds)
    people = generate(n, seed)
    store = open_store(f"sqlite:///{folder / 'e2e.db'}")
    event_id = store.create_event(event)
    store.replace_participants(event_id, people)
    outcome = plan(people, event.rounds, time_limit=plan_seconds, seed=seed)
    if len(outcome.plan.rounds) < 2:
        raise SystemExit(
            f"The planner made {len(outcome.plan.rounds)} round(s) for {n} people; the benchmark "
            "needs two: use at least 6 sessions."
        )
    store.save_plan(event_id, outcome.plan)
    codes = [store.access_code(event_id, p.id) for p in people]
    return store, event_id, event, len(outcome.plan.rounds), codes


def write_clock(store, event_id: int, clock) -> None:
    store.set_live_data(
        event_id, {"clock": clock.to_dict(), "mode": "in_person", "link_template": ""}
    )


# the sessions -----------------------------------------------------------------------------------
async def _open_all(codes: list[str], args, result, open_page):
    """Open one session per code with `open_page(index, code)` -> (session, None) or (None,
    why it failed), at most args.parallel at a time. Opening stops when memory runs low or
    after args.max_failures failures; why goes into result.notes. Returns the open ones."""
    gate = asyncio.Semaphore(args.parallel)
    stop: list[str] = []
    failures: list[str] = []
    opened: list[int] = []
    start = time.perf_counter()

    async def open_one(index: int, code: str):
        async with gate:
            if stop:
                return None
            free = mem_available_mb()
            if free < args.min_free_mb:
                stop.append(
                    f"stopped opening at session {index + 1}: {free:.0f} MB available, below "
                    f"--min-free-mb {args.min_free_mb}"
                )
                return None
            session, failure = await open_page(index, code)
            if session is None:
                failures.append(failure)
                if len(failures) >= args.max_failures and not stop:
                    stop.append(
                        f"stopped opening at session {index + 1}: {len(failures)} sessions "
                        f"failed to show {BEFORE!r} within {args.open_timeout:.0f} s"
                    )
                return None
            opened.append(index)
            if len(opened) % 10 == 0:
                print(
                    f"    {len(opened)} open after {time.perf_counter() - start:.0f} s", flush=True
                )
            return session

    outcomes = await asyncio.gather(*(open_one(i, code) for i, code in enumerate(codes)))
    if failures:
        result.notes.append(f"{len(failures)} session(s) failed to open, e.g.: {failures[0]}")
    if stop:
        result.notes.append(stop[0])
    return [s for s in outcomes if s is not None]


async def open_sessions(browsers, url: str, codes: list[str], args, targets: list[str], result):
    """Open one browser page per code and wait for BEFORE on each (`_open_all`)."""
    from playwright.async_api import Error as PlaywrightError

    open_ms = args.open_timeout * 1000

    async def open_page(index: int, code: str):
        browser = browsers[index % len(browsers)]
        context = await browser.new_context(viewport=PHONE, locale="de-DE")
        page = await context.new_page()
        page.set_default_timeout(args.timeout * 1000)
        try:
            address = f"{url}/{PAGE}?code={code}"
            await page.goto(address, wait_until="commit", timeout=open_ms)
            await page.wait_for_function(HEADING_JS, arg=BEFORE, polling=250, timeout=open_ms)
            await page.evaluate(OBSERVER_JS, targets)
        except PlaywrightError as error:
            shown = await _visible_text(page)
            await context.close()
            reason = str(error).strip().splitlines()[0][:120]
            return None, f"{reason} (page showed: {shown!r})"
        return page, None

    return await _open_all(codes, args, result, open_page)


async def _visible_text(page) -> str:
    """The start of what a page shows (for a note on why it did not open)."""
    try:
        text = await asyncio.wait_for(
            page.evaluate("() => document.body ? document.body.innerText : ''"), 5
        )
    except Exception:  # a hung (TimeoutError) or closed page: nothing to tell
        return "?"
    return " ".join(str(text).split())[:80]


async def measure_change(pages, text: str, write, timeout: float) -> tuple[list[float], int]:
    """Call `write` (the store write), then wait on every page for heading `text`. Returns the
    seconds each page needed (those that saw it within `timeout`) and how many did not."""
    from playwright.async_api import Error as PlaywrightError

    t0 = time.time()
    write()

    async def seen(page) -> float | None:
        with contextlib.suppress(PlaywrightError):  # a late page still has its stamp
            await page.wait_for_function(
                SEEN_JS, arg=text, polling=250, timeout=timeout * 1000 + 1000
            )
        try:
            stamp = await page.evaluate(SEEN_JS, text)
        except PlaywrightError:
            return None
        return None if stamp is None else stamp / 1000 - t0

    delays = await asyncio.gather(*(seen(p) for p in pages))
    ok = [d for d in delays if d is not None and d <= timeout]
    return ok, len(delays) - len(ok)


# the sessions, protocol client ------------------------------------------------------------------
async def open_protocol_sessions(url: str, codes: list[str], args, targets: list[str], result):
    """Open one protocol session per code and wait for BEFORE as a whole element's text (the
    heading), as `open_sessions` does with browsers."""
    from websockets import WebSocketException

    from benchmarks.streamlit_client import Session, SessionClosed

    async def open_page(_index: int, code: str):
        session = Session(url, f"code={code}", page=PAGE, open_timeout=args.open_timeout)
        session.watch(*targets)
        try:
            await session.connect()
            await session.wait_for_text(BEFORE, args.open_timeout, exact=True)
        except (OSError, TimeoutError, SessionClosed, WebSocketException) as error:
            shown = " ".join(session.text().split())[:80]
            await session.close()
            reason = (str(error).strip().splitlines() or [repr(error)])[0][:120]
            return None, f"{reason} (page showed: {shown!r})"
        return session, None

    return await _open_all(codes, args, result, open_page)


async def measure_protocol_change(sessions, text: str, write, timeout: float):
    """measure_change for protocol sessions: the moment each session's message with heading
    `text` arrived, minus the moment of the write."""
    from benchmarks.streamlit_client import SessionClosed

    t0 = time.time()
    write()

    async def seen(session) -> float | None:
        try:
            stamp = await session.wait_seen(text, timeout + 1)
        except (TimeoutError, SessionClosed):
            return None
        return stamp - t0

    delays = await asyncio.gather(*(seen(s) for s in sessions))
    ok = [d for d in delays if d is not None and d <= timeout]
    return ok, len(delays) - len(ok)


async def change_rounds(store, event_id, event, rounds, pid, measure, args, result) -> None:
    """Start round 1, then move to round 2; `measure(text, write)` waits on every session.
    Fills the samples and the CPU shares of server and client."""
    from matching.live.clock import LiveClock, configure, next_round, start_round

    clock = LiveClock.for_event(event)
    if clock.total_rounds != rounds:
        clock = configure(clock, time.time(), total_rounds=rounds)
    cpu_before, wall_before = tree_cpu_seconds(pid), time.perf_counter()
    client_before = client_cpu_seconds(pid)
    for number in (1, 2):
        change = start_round if number == 1 else next_round
        clock = change(clock, time.time())
        text = f"Runde {number} von {rounds}"
        delays, missed = await measure(text, lambda c=clock: write_clock(store, event_id, c))
        result.samples += delays
        result.missed += missed
        result.per_change.append((text, delays, missed))
        await asyncio.sleep(1)
    wall = time.perf_counter() - wall_before
    result.server_cpu = (tree_cpu_seconds(pid) - cpu_before) / wall
    result.client_cpu = (client_cpu_seconds(pid) - client_before) / wall


async def drive_protocol(server, store, event_id, event, rounds, codes, args, result) -> None:
    targets = [BEFORE] + [f"Runde {r} von {rounds}" for r in (1, 2)]
    result.client_mb_before = own_rss_mb()
    sessions = []
    try:
        start = time.perf_counter()
        sessions = await open_protocol_sessions(server.url, codes, args, targets, result)
        result.open_seconds = time.perf_counter() - start
        result.opened = len(sessions)
        await asyncio.sleep(args.settle)
        result.server_mb = tree_rss_mb(server.process.pid)
        result.client_mb = own_rss_mb()
        if not sessions:
            return
        result.mb_per_session = (result.client_mb - result.client_mb_before) / len(sessions)
        closed = [s.closed for s in sessions if s.closed]
        if closed:
            result.notes.append(f"{len(closed)} session(s) closed before the change: {closed[0]}")

        async def measure(text, write):
            return await measure_protocol_change(sessions, text, write, args.timeout)

        pid = server.process.pid
        await change_rounds(store, event_id, event, rounds, pid, measure, args, result)
        problems = sorted({p for s in sessions for p in s.problems})
        if problems:
            result.notes.append(f"client saw: {'; '.join(problems)[:300]}")
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)


async def drive(server, store, event_id, event, rounds, codes, args, result) -> None:
    from playwright.async_api import async_playwright

    targets = [BEFORE] + [f"Runde {r} von {rounds}" for r in (1, 2)]
    async with async_playwright() as playwright:
        browsers = []
        try:
            for _ in range(args.browsers):
                browsers.append(
                    await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                )
            start = time.perf_counter()
            pages = await open_sessions(browsers, server.url, codes, args, targets, result)
            result.open_seconds = time.perf_counter() - start
            result.opened = len(pages)
            await asyncio.sleep(args.settle)
            result.server_mb = tree_rss_mb(server.process.pid)
            result.client_mb = client_pss_mb(server.process.pid)
            if not pages:
                return
            result.mb_per_session = result.client_mb / len(pages)

            async def measure(text, write):
                return await measure_change(pages, text, write, args.timeout)

            pid = server.process.pid
            await change_rounds(store, event_id, event, rounds, pid, measure, args, result)
        finally:
            for browser in browsers:
                try:
                    await browser.close()
                except Exception as error:  # a crashed browser is closed already
                    result.notes.append(f"closing a browser: {error}")


def run_size(n: int, args) -> Result:
    result = Result(wanted=n)
    folder = Path(tempfile.mkdtemp(prefix="paarweise-load-"))
    store = server = None
    try:
        print(f"\n{n} sessions: planning {n} people x {args.rounds} rounds ...", flush=True)
        store, event_id, event, rounds, codes = prepare(
            folder, n, args.rounds, args.seed, args.plan_seconds
        )
        server = Server(folder, dict(args.env))
        print(f"{n} sessions: server at {server.url}, opening pages ...", flush=True)
        run = drive_protocol if args.client == "protocol" else drive
        asyncio.run(run(server, store, event_id, event, rounds, codes, args, result))
        result.notes += log_problems(server.log())
        print(f"{n} sessions: {row(result, args.timeout)}", flush=True)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"    machine load average after the run: {load}", flush=True)
        for text, delays, missed in result.per_change:
            print(f"    {text}: {summary(delays, missed, args.timeout)}", flush=True)
        if result.mb_per_session and args.client == "protocol":
            print(
                f"    client: about {result.mb_per_session:.1f} MB (RSS) per open session "
                f"(this process {result.client_mb_before:.0f} MB before opening, "
                f"{result.client_mb:.0f} MB with all open)",
                flush=True,
            )
        elif result.mb_per_session:
            print(
                f"    browsers: about {result.mb_per_session:.0f} MB (PSS) per open session",
                flush=True,
            )
        for note in result.notes:
            print(f"    note: {note}", flush=True)
    finally:
        if server is not None:
            server.stop()
        if store is not None:
            store.dispose()
        shutil.rmtree(folder, ignore_errors=True)
    return result


def log_problems(log: str) -> list[str]:
    """One note per kind of exception in the server's log (its last line, and how often)."""
    lines = log.splitlines()
    seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        if not line.startswith("Traceback"):
            continue
        last = next(
            (x for x in lines[index + 1 :] if x and not x[0].isspace()),
            "(end of log)",
        )
        seen[last.strip()[:160]] = seen.get(last.strip()[:160], 0) + 1
    return [f"server log: {count} x {text}" for text, count in seen.items()]


# the report -------------------------------------------------------------------------------------
def percentile(values: list[float], missed: int, share: float) -> float:
    """The percentile over every sample, a missed change counting as slower than any seen
    (inf)."""
    ordered = sorted(values) + [math.inf] * missed
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def seconds(value: float, timeout: float) -> str:
    return f"> {timeout:.0f}" if math.isinf(value) or math.isnan(value) else f"{value:.2f}"


def summary(delays: list[float], missed: int, timeout: float) -> str:
    if not delays:
        return f"no page saw it, {missed} missed"
    p50, p95 = percentile(delays, missed, 0.5), percentile(delays, missed, 0.95)
    return (
        f"p50 {seconds(p50, timeout)} s, p95 {seconds(p95, timeout)} s, "
        f"max {seconds(max(delays) if not missed else math.inf, timeout)} s, {missed} missed"
    )


def header(client: str) -> list[str]:
    """The table's head; the last two columns are the browsers' or this process's."""
    last = "browsers CPU | browsers PSS MB" if client == "browser" else "client CPU | client RSS MB"
    return [
        "| sessions | p50 s | p95 s | max s | not seen in time | server RSS MB | open all s "
        f"| server CPU | {last} |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]


def row(r: Result, timeout: float) -> str:
    sessions = f"{r.opened}" if r.opened == r.wanted else f"{r.opened} of {r.wanted}"
    if r.samples:
        p50, p95 = percentile(r.samples, r.missed, 0.5), percentile(r.samples, r.missed, 0.95)
        top = max(r.samples) if not r.missed else math.inf
        times = " | ".join(seconds(x, timeout) for x in (p50, p95, top))
    else:
        times = "- | - | -"
    return (
        f"| {sessions} | {times} | {r.missed} of {2 * r.opened} | {r.server_mb:.0f} | "
        f"{r.open_seconds:.1f} | {r.server_cpu:.0%} | {r.client_cpu:.0%} | {r.client_mb:.0f} |"
    )


def verdict(results: list[Result], timeout: float) -> str:
    big = [r for r in results if r.opened >= TARGET_SESSIONS]
    target = f"Target: {TARGET_SESSIONS} sessions, p95 <= {TARGET_P95:.0f} s"
    if not big:
        largest = max((r.opened for r in results), default=0)
        return f"{target} - not measured (largest run: {largest} sessions)."
    r = big[-1]
    p95 = percentile(r.samples, r.missed, 0.95) if r.samples else math.inf
    met = p95 <= TARGET_P95
    shown = seconds(p95, timeout)
    return f"{target} - {'met' if met else 'NOT met'} ({r.opened} sessions: p95 {shown} s)."


def _terminated(_signal, _frame) -> None:
    raise SystemExit(143)


def _name_value(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run from the repository root: PYTHONPATH=. .venv/bin/python "
        "benchmarks/load_participants.py [--sizes 20]",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[50, 100, 200], help="sessions per run"
    )
    parser.add_argument("--rounds", type=int, default=8, help="rounds in the event (8)")
    parser.add_argument("--seed", type=int, default=1, help="synthetic list and planner seed")
    parser.add_argument(
        "--plan-seconds", type=float, default=10, help="planner time limit per size (10)"
    )
    parser.add_argument(
        "--client",
        choices=("browser", "protocol"),
        default="browser",
        help="browser: Chromium pages (default); protocol: Streamlit's websocket protocol "
        "spoken by benchmarks/streamlit_client.py, all sessions in this process",
    )
    parser.add_argument(
        "--browsers",
        type=int,
        default=4,
        help="Chromium processes the sessions share (4; --client browser only)",
    )
    parser.add_argument(
        "--parallel", type=int, default=4, help="pages being opened at the same time (4)"
    )
    parser.add_argument(
        "--open-timeout",
        type=float,
        default=120,
        help=f"seconds a page may take to load and show {BEFORE!r} (120)",
    )
    parser.add_argument(
        "--max-failures",
        type=int,
        default=10,
        help="stop opening more pages after this many failed to open (10)",
    )
    parser.add_argument(
        "--env",
        type=_name_value,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for the server, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false "
        "(repeatable; default: the app as shipped)",
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds a page may take to show a change (30)"
    )
    parser.add_argument(
        "--settle", type=float, default=3, help="seconds to wait after opening all pages (3)"
    )
    parser.add_argument(
        "--min-free-mb",
        type=int,
        default=3000,
        help="stop opening pages when the machine has less memory available (3000)",
    )
    args = parser.parse_args(argv)
    browser = args.client == "browser"
    if browser and not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        print(f"No Chromium at {CHROMIUM} (apt-get install chromium).", file=sys.stderr)
        return 2
    clients = f"{args.browsers} browsers" if browser else "Streamlit protocol, one process"
    print(
        f"Participant pages under load (client: {args.client}): {os.cpu_count()} CPUs, "
        f"{mem_available_mb():.0f} MB available, {clients}"
        + "".join(f", server {name}={value}" for name, value in args.env),
        flush=True,
    )
    signal.signal(signal.SIGTERM, _terminated)  # clean up (server, temp folder) on kill too
    results = [run_size(n, args) for n in args.sizes]
    print(f"\nClient: {args.client}")
    print("\n".join(header(args.client) + [row(r, args.timeout) for r in results]))
    print(
        "\nSeconds from the live clock's write to the new round's heading on the page "
        "(Runde 1 and Runde 2 pooled; a change not seen in time counts as slower than "
        f"{args.timeout:.0f} s). Client and server share the machine."
    )
    print(verdict(results, args.timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
