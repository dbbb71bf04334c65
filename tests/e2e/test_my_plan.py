"""The participant's page in a phone-sized browser: it follows the facilitator, a wrong code
shows the neutral page, it passes axe (no serious or critical findings) and fits 360 px and
200 % zoom."""

from __future__ import annotations

import os

import pytest

from matching.lists.demo import load_demo
from matching.planning.planner import plan
from matching.storage.store import open_store
from tests.e2e.conftest import Server
from tests.e2e.test_organiser_flow import SHOTS, wait_idle

PHONE = {"width": 360, "height": 760}


@pytest.fixture(scope="module")
def event_server(tmp_path_factory, chromium_path):
    """A server whose demo event has a plan; returns (server, a participant's code)."""
    folder = tmp_path_factory.mktemp("e2e-mine")
    store = open_store(f"sqlite:///{folder / 'e2e.db'}")
    event, listed, _ = load_demo()
    event_id = store.create_event(event)
    store.replace_participants(event_id, listed.participants)
    store.save_plan(event_id, plan(listed.participants, event.rounds, time_limit=5).plan)
    code = store.access_code(event_id, listed.participants[0].id)
    store.dispose()
    running = Server(folder, {})
    yield running, code
    running.stop()


def phone(browser):
    page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    page.set_default_timeout(30_000)
    return page


def test_the_phone_follows_the_facilitator(browser, event_server):
    server, code = event_server
    mine = phone(browser)
    mine.goto(f"{server.url}/mein-plan?code={code}")
    mine.get_by_text("Gleich geht es los").wait_for()
    control = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    control.set_default_timeout(30_000)
    control.goto(server.url + "/live")
    control.get_by_role("button", name="Start").click()
    wait_idle(control)
    mine.get_by_role("heading", name="Runde 1 von 8").wait_for(timeout=5_000)
    # The facilitator's page redraws its buttons after Start; on a machine busy with the
    # other tests that can take a while (once > 30 s): wait for them, then move on.
    next_round = control.get_by_role("button", name="Nächste Runde")
    next_round.wait_for(timeout=90_000)
    next_round.click()
    mine.get_by_role("heading", name="Runde 2 von 8").wait_for(timeout=5_000)
    mine.get_by_text("Runde 1:").first.wait_for()  # the earlier round moved to "Bisher"
    control.context.close()
    mine.context.close()


def test_a_wrong_code_shows_the_neutral_page(browser, event_server):
    server, _code = event_server
    page = phone(browser)
    page.goto(f"{server.url}/mein-plan?code=NICHTDA")
    page.get_by_text("Code unbekannt").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    page.context.close()


def test_the_page_is_accessible_at_360_px_and_200_percent(browser, event_server):
    from axe_playwright_python.sync_playwright import Axe

    server, code = event_server
    page = phone(browser)
    page.goto(f"{server.url}/mein-plan?code={code}")
    page.get_by_text("Meine Gespräche").first.wait_for()
    wait_idle(page)
    found = Axe().run(page).response["violations"]
    serious = [v["id"] for v in found if v.get("impact") in ("serious", "critical")]
    details = [(n["html"][:300], n["failureSummary"][:100]) for v in found for n in v["nodes"]]
    assert serious == [], details
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, width  # no sideways scrolling on a 360 px phone
    folder = SHOTS if os.environ.get("PAARWEISE_SCREENSHOTS") == "1" else server.log_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "my-plan-phone.png"), full_page=True)
    zoomed = browser.new_context(viewport={"width": 720, "height": 800}, device_scale_factor=2)
    big = zoomed.new_page()  # 200 % zoom of a 1440 px window: the page reflows, no side scroll
    big.set_default_timeout(30_000)
    big.goto(f"{server.url}/mein-plan?code={code}")
    big.get_by_text("Meine Gespräche").first.wait_for()
    big.evaluate("() => { document.body.style.zoom = '2'; }")
    big.wait_for_timeout(500)
    big.screenshot(path=str(folder / "my-plan-zoom.png"))
    zoomed.close()
    page.context.close()
