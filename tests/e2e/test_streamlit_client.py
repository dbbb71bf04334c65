"""The load benchmark's protocol client (benchmarks/streamlit_client.py) against the real app:
a session over Streamlit's websocket shows a participant's page, follows a round change by
the fragment timer it emulates, and a wrong code gets the neutral page. No browser needed."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.load_participants import prepare, write_clock
from benchmarks.streamlit_client import Session
from matching.i18n import t
from matching.live.clock import LiveClock, configure, start_round
from tests.e2e.conftest import Server


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync tests in the same worker leave
    an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """A server whose event has six participants and a plan; (server, store, event id, event,
    rounds, one participant's code and name)."""
    folder = tmp_path_factory.mktemp("e2e-protocol")
    store, event_id, event, rounds, codes = prepare(folder, 6, 4, seed=1, plan_seconds=2)
    _event_id, person_id = store.find_by_code(codes[0])
    name = next(p.name for p in store.list_participants(event_id) if p.id == person_id)
    running = Server(folder, {})
    yield running, store, event_id, event, rounds, codes[0], name
    running.stop()
    store.dispose()


def test_a_protocol_session_follows_the_round_change(planned):
    server, store, event_id, event, rounds, code, name = planned

    async def scenario() -> tuple[float, int]:
        async with Session(server.url, f"code={code}", page="mein-plan") as page:
            await page.wait_for_text(name, timeout=20)
            await page.wait_for_text(t("mine.before_title", "de"), timeout=10, exact=True)
            clock = LiveClock.for_event(event)
            if clock.total_rounds != rounds:
                clock = configure(clock, time.time(), total_rounds=rounds)
            written = time.time()
            write_clock(store, event_id, start_round(clock, time.time()))
            seen = await page.wait_seen(f"Runde 1 von {rounds}", timeout=10)
            assert page.problems == []
            return seen - written, page.auto_reruns_sent

    delay, ticks = run(scenario())
    assert 0 <= delay <= 10
    assert ticks >= 1  # the page changed by the fragment timer, as in a browser


def test_a_wrong_code_shows_the_neutral_page(planned):
    server = planned[0]

    async def scenario() -> list[str]:
        async with Session(server.url, "code=NICHTDA", page="mein-plan") as page:
            await page.wait_for_text(t("mine.unknown_title", "de"), timeout=20, exact=True)
            await page.wait_for_text(t("mine.unknown", "de"), timeout=10, exact=True)
            assert page.problems == []  # no "page not found"
            return page.texts()

    shown = run(scenario())
    assert t("mine.unknown", "de") in shown
    assert not any("Runde" in text for text in shown)
