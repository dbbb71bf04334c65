"""Browser tests: a real `streamlit run` on a free port, driven by Playwright in Debian's Chromium.

Without Chromium the tests are skipped with a reason that names the missing browser, and the
run ends with a line counting them; with CI=true a missing browser fails instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PAARWEISE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_skipped_browser_tests: list[str] = []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, or a clear skip (a failure in CI)."""
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"browser test skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {CHROMIUM} is missing: browser tests must run in CI.")
    pytest.skip(message)


class Server:
    """A running `streamlit run serve.py` (the app behind its Host check, as `make run`)."""

    def __init__(self, folder: Path, extra_env: dict[str, str]) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "server.log"
        env = dict(os.environ)
        for name in ("PAARWEISE_PASSWORD", "PAARWEISE_PASSWORD_HASH"):
            env.pop(name, None)
        env.update(
            DATABASE_URL=f"sqlite:///{folder / 'e2e.db'}",
            PAARWEISE_SEED_DEMO="1",
            STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
            **extra_env,
        )
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port",
             str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not become healthy within 60 s")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory, chromium_path):
    """The app without a team password, on a free loopback port, own SQLite file and demo."""
    running = Server(tmp_path_factory.mktemp("e2e-data"), {})
    yield running
    running.stop()


@pytest.fixture(scope="session")
def app_server(server) -> str:
    return server.url


TEAM_PASSWORD = "Rotation-Tisch-7"  # noqa: S105 (a test's password)


@pytest.fixture(scope="session")
def protected_server(tmp_path_factory, chromium_path):
    """The app with a team password (organiser pages behind the login)."""
    running = Server(
        tmp_path_factory.mktemp("e2e-protected"), {"PAARWEISE_PASSWORD": TEAM_PASSWORD}
    )
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app_server):
    """A fresh browser page that records every request, so tests can prove nothing leaves."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.set_default_timeout(30_000)
    yield page
    context.close()


def pytest_runtest_logreport(report):
    if report.skipped and "browser test skipped" in str(report.longrepr):
        _skipped_browser_tests.append(report.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _skipped_browser_tests:
        terminalreporter.write_sep("!", f"{len(_skipped_browser_tests)} BROWSER TESTS SKIPPED")
        for nodeid in _skipped_browser_tests:
            terminalreporter.write_line(f"skipped (no Chromium): {nodeid}")
