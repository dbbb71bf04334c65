"""Access in the browser: the login in front of organiser pages, hostile text shown as text,
the Host check (DNS rebinding) and the bind address of `make run` without a password."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date
from urllib.parse import urlparse

from matching.lists.demo import load_demo
from matching.model import Event
from matching.storage.store import open_store
from tests.e2e.conftest import ROOT, TEAM_PASSWORD, _free_port
from tests.e2e.test_list_changes import choose
from tests.e2e.test_organiser_flow import wait_idle

DEMO_TITLE = "Demo: Austausch Krankenkassen und Selbsthilfe 2026"


def demo_names() -> list[str]:
    _event, listed, _questions = load_demo()
    return [p.name for p in listed.participants]


def log_in(page, password: str) -> None:
    page.get_by_label("Team-Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    wait_idle(page)


def test_organiser_pages_open_only_with_the_team_password(page, protected_server):
    page.goto(protected_server.url)
    page.get_by_role("button", name="Anmelden").wait_for()
    wait_idle(page)
    body = page.locator("body").inner_text()
    assert DEMO_TITLE not in body
    assert not [n for n in demo_names() if n in body]
    for path in ("/participants", "/plan"):  # a page's own address opens nothing either
        page.goto(protected_server.url + path)
        page.get_by_role("button", name="Anmelden").wait_for()
        assert not [n for n in demo_names() if n in page.locator("body").inner_text()]

    page.goto(protected_server.url)  # (a new browser session: the login is asked again)
    log_in(page, "falsch")
    page.get_by_text("Das Passwort stimmt nicht").wait_for()
    assert DEMO_TITLE not in page.locator("body").inner_text()

    log_in(page, TEAM_PASSWORD)
    # (Another test may have added an event: pick the demo, as a user would.)
    choose(page, "Aktuelle Veranstaltung", DEMO_TITLE)
    page.get_by_role("heading", name=DEMO_TITLE).wait_for()
    page.get_by_role("link", name="Teilnehmende").click()
    page.get_by_text(DEMO_TITLE).first.wait_for()  # (names are in the grid canvas)

    page.get_by_role("button", name="Abmelden").click()
    page.get_by_text("Sie sind abgemeldet.").wait_for()
    assert DEMO_TITLE not in page.locator("body").inner_text()
    assert not [n for n in demo_names() if n in page.locator("body").inner_text()]


def test_a_hostile_event_title_is_text_and_fetches_nothing(page, protected_server):
    hostile = (
        "![x](http://evil.example/x.png) <img src=http://evil.example/y.png> **fett** "
        "https://evil.example/z www.evil.example"
    )
    store = open_store(f"sqlite:///{protected_server.log_path.parent / 'e2e.db'}")
    store.create_event(
        Event(title=hostile, date=date(2026, 12, 3), place="[Ort](http://evil.example)")
    )
    store.dispose()
    page.goto(protected_server.url)
    log_in(page, TEAM_PASSWORD)
    choose(page, "Aktuelle Veranstaltung", hostile)
    heading = page.locator("h3", has_text="**fett**")
    heading.wait_for()
    wait_idle(page)
    assert heading.inner_text().replace("\u2060", "") == hostile  # shown exactly as typed
    assert page.locator("img[src*='evil']").count() == 0
    links = page.locator("a[href*='evil']")
    assert links.count() == 0
    assert page.locator("strong", has_text="fett").count() == 0
    assert "[Ort](http://evil.example)" in page.locator("body").inner_text().replace("\u2060", "")
    outside = [u for u in page.requests_seen if urlparse(u).hostname not in ("127.0.0.1", None)]
    assert outside == []


def _handshake(port: int, host: str) -> str:
    """The first line of the server's answer to a websocket upgrade naming `host`."""
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        f"Sec-WebSocket-Version: 13\r\nOrigin: http://{host}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(200).decode("latin-1").split("\r\n", 1)[0]


def test_a_foreign_host_name_is_refused(server):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 gets nothing."""
    assert " 101 " not in _handshake(server.port, "evil.example")
    assert " 403 " in _handshake(server.port, "evil.example")
    assert " 101 " in _handshake(server.port, f"127.0.0.1:{server.port}")
    assert " 101 " in _handshake(server.port, f"localhost:{server.port}")


def test_make_run_without_a_password_listens_on_this_computer_only(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAARWEISE_PASSWORD")}
    env.update(PORT=str(port), DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}")
    process = subprocess.Popen(
        [sys.executable, "scripts/run_app.py"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        listening = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not listening:
            time.sleep(0.5)
            listening = [line for line in _listening() if line.endswith(f":{port}")]
        assert listening, "the app did not start"
        assert all(a.startswith(("127.0.0.1:", "[::1]:")) for a in listening), listening
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "only this computer" in output


def _listening() -> list[str]:
    """Local addresses of listening TCP sockets (from /proc, no tools needed)."""
    found = []
    for name, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = open(name, encoding="ascii").read().splitlines()[1:]  # noqa: SIM115
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] != "0A":  # LISTEN
                continue
            address, port = fields[1].split(":")
            found.append(f"{_address(address, width)}:{int(port, 16)}")
    return found


def _address(hex_address: str, width: int) -> str:
    raw = bytes.fromhex(hex_address)
    if width == 8:
        return ".".join(str(b) for b in raw[::-1])
    words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]
    packed = b"".join(words)
    return "[" + socket.inet_ntop(socket.AF_INET6, packed) + "]"


def test_the_server_log_names_nobody(page, server):
    """Browse the demo event's pages and build a plan: the log has no participant's name."""
    page.goto(server.url)
    wait_idle(page)
    for link in ("Teilnehmende", "Plan"):
        page.get_by_role("link", name=link).click()
        wait_idle(page)
    log = server.log()
    assert "Traceback" not in log
    assert [n for n in demo_names() if n in log] == []


def test_the_first_visit_of_a_page_address_still_asks_for_the_password(page, tmp_path):
    """On a fresh server Streamlit once ran pages/participants.py alone for /participants
    (an old-style multipage app) - without app.py and its login."""
    from tests.e2e.conftest import Server

    fresh = Server(tmp_path, {"PAARWEISE_PASSWORD": TEAM_PASSWORD})
    try:
        page.goto(fresh.url + "/participants")
        page.get_by_role("button", name="Anmelden").wait_for()
        assert DEMO_TITLE not in page.locator("body").inner_text()
    finally:
        fresh.stop()
