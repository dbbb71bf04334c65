"""The meeting in the browser: the facilitator's controls on one device, the big screen on
another; a reload keeps the countdown; the big screen for 41 people fits 1280 x 720."""

from __future__ import annotations

import os
import re
import time

import pytest

from matching.lists.demo import load_demo
from matching.planning.planner import plan
from matching.storage.store import open_store
from tests.e2e.conftest import Server
from tests.e2e.test_organiser_flow import SHOTS, wait_idle


@pytest.fixture(scope="module")
def planned_server(tmp_path_factory, chromium_path):
    """A server whose demo event (41 people, 8 rounds) already has a plan."""
    folder = tmp_path_factory.mktemp("e2e-live")
    store = open_store(f"sqlite:///{folder / 'e2e.db'}")
    event, listed, _ = load_demo()
    event_id = store.create_event(event)
    store.replace_participants(event_id, listed.participants)
    store.save_plan(event_id, plan(listed.participants, event.rounds, time_limit=5).plan)
    store.dispose()
    running = Server(folder, {})
    yield running
    running.stop()


def seconds(text: str) -> int:
    minutes, secs = re.fullmatch(r"(\d+):(\d+)", text.strip()).groups()
    return int(minutes) * 60 + int(secs)


def screen_text(page, selector: str) -> str:
    return page.frame_locator("iframe").last.locator(selector).inner_text()


def test_a_second_screen_follows_the_controls_and_a_reload_keeps_the_countdown(
    browser, planned_server
):
    url = planned_server.url
    control = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    screen = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    control.set_default_timeout(30_000)
    screen.set_default_timeout(30_000)
    control.goto(url + "/live")
    control.get_by_role("button", name="Start").click()
    wait_idle(control)
    screen.goto(url + "/screen")
    screen.frame_locator("iframe").last.get_by_text("Runde 1 von 8").wait_for()

    control.get_by_role("button", name="Nächste Runde").click()
    clicked = time.monotonic()
    screen.frame_locator("iframe").last.get_by_text("Runde 2 von 8").wait_for(timeout=5_000)
    assert time.monotonic() - clicked <= 3.5  # the screen polls every 2 s

    before = seconds(screen_text(screen, "#countdown"))
    read_at = time.monotonic()
    screen.reload()
    screen.frame_locator("iframe").last.get_by_text("Runde 2 von 8").wait_for()
    after = seconds(screen_text(screen, "#countdown"))
    expected = before - (time.monotonic() - read_at)
    assert abs(after - expected) <= 1.5, (before, after, expected)  # mm:ss rounds to a second
    control.context.close()
    screen.context.close()


def test_the_big_screen_for_41_people_fits_1280_by_720(browser, planned_server):
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    page.set_default_timeout(30_000)
    page.goto(planned_server.url + "/screen")
    frame = page.frame_locator("iframe").last
    frame.locator(".card").first.wait_for()
    page.wait_for_timeout(1000)
    assert frame.locator(".page.on .card").count() == 20  # 41 people: 20 tables, one of three
    inner = frame.locator("body").evaluate(
        "b => [b.scrollHeight, b.clientHeight, b.scrollWidth, b.clientWidth]"
    )
    assert inner[0] <= inner[1] and inner[2] <= inner[3], inner
    outer = page.evaluate("() => [document.documentElement.scrollHeight, window.innerHeight]")
    assert outer[0] <= outer[1] + 1, outer
    # every name of the round readable: the last card ends inside the window
    box = frame.locator(".page.on .card").last.bounding_box()
    assert box["y"] + box["height"] <= 720
    if os.environ.get("PAARWEISE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "big-screen.png"))
    page.screenshot(path=str(planned_server.log_path.parent / "big-screen.png"))
    page.context.close()


def test_the_projector_link_survives_a_reload_without_the_login(browser, tmp_path):
    """With a team password, /screen?key=… shows the big screen (and only it) after a reload;
    a wrong key gets the login."""
    from tests.e2e.conftest import TEAM_PASSWORD
    from ui.live import screen_key

    store = open_store(f"sqlite:///{tmp_path / 'e2e.db'}")
    event, listed, _ = load_demo()
    event_id = store.create_event(event)
    store.replace_participants(event_id, listed.participants)
    store.save_plan(event_id, plan(listed.participants, 3, time_limit=3).plan)
    key = screen_key(store, event_id)
    store.dispose()
    server = Server(tmp_path, {"PAARWEISE_PASSWORD": TEAM_PASSWORD})
    try:
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{server.url}/screen?key={key}")
        page.frame_locator("iframe").last.get_by_text("Runde 1 von 3").wait_for()
        page.reload()
        page.frame_locator("iframe").last.get_by_text("Runde 1 von 3").wait_for()
        assert page.get_by_role("button", name="Anmelden").count() == 0
        page.goto(f"{server.url}/screen?key=falsch")
        page.get_by_role("button", name="Anmelden").wait_for()
        page.context.close()
    finally:
        server.stop()
