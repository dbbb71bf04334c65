"""The participant's own page (/mein-plan?code=…), driven with AppTest."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from matching.lists.demo import load_demo
from matching.planning.planner import plan
from matching.storage.store import open_store
from tests.conftest import ROOT
from tests.pages.test_app_pages import by_label
from ui.common import md_escape

TIMEOUT = 60


@pytest.fixture
def event(app_env):
    """The demo event with a 4-round plan; the first two people sit together in round 1."""
    store = open_store(app_env)
    demo, listed, _ = load_demo()
    event_id = store.create_event(demo)
    people = [replace(p, email=f"{p.id}@example.org") for p in listed.participants]
    store.replace_participants(event_id, people)
    made = plan(people, 4, time_limit=3).plan
    store.save_plan(event_id, made, label="plan")
    return store, event_id, people, made


def open_page(code: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "my_plan.py"), default_timeout=TIMEOUT)
    at.query_params["code"] = code
    return at.run()


def text_of(at: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


@pytest.mark.parametrize("code", ["", "FALSCH", "A" * 26, "x" * 5000])
def test_a_wrong_or_missing_code_shows_only_the_neutral_page(event, code):
    _store, _event_id, people, _made = event
    at = open_page(code)
    assert not at.exception
    shown = text_of(at)
    assert "Code unbekannt" in shown
    assert not [p.name for p in people if p.name in shown]


def test_a_reissued_code_stops_working(event):
    store, event_id, people, _ = event
    old = store.access_code(event_id, people[0].id)
    store.reissue_code(event_id, people[0].id)
    assert "Code unbekannt" in text_of(open_page(old))
    assert people[0].name in text_of(open_page(store.access_code(event_id, people[0].id)))


def test_the_page_shows_the_persons_table_partners_and_nobody_else(event):
    store, event_id, people, made = event
    me = people[0]
    at = open_page(store.access_code(event_id, me.id))
    assert not at.exception
    shown = text_of(at)
    table = next(t for t in made.rounds[0].tables if me.id in t.members)
    assert f"Tisch {table.number}" in shown
    partners = {m for t in (t for r in made.rounds for t in r.tables if me.id in t.members)
                for m in t.members} - {me.id}  # fmt: skip
    strangers = [p for p in people if p.id not in partners and p.id != me.id]
    assert not [p.name for p in strangers if p.name in shown]
    assert "@example.org" not in shown  # no e-mail without a mutual agreement


def test_contact_details_only_after_both_agreed(event):
    store, event_id, _people, made = event
    first = made.rounds[0].tables[0].members
    a, b = first[0], first[1]
    store.set_live_data(event_id, {"clock": {}})  # not started: nobody met yet
    for person in (a, b):
        store.set_consent(event_id, person, "contacts", True)
    store.set_keep_in_touch(event_id, a, b, True)
    email = md_escape(f"{b}@example.org")  # as the page writes it: no link, shown as typed
    at = open_page(store.access_code(event_id, a))
    assert email not in text_of(at)  # only one side ticked
    store.set_keep_in_touch(event_id, b, a, True)
    at = open_page(store.access_code(event_id, a))
    assert email in text_of(at)
    store.set_consent(event_id, b, "contacts", False)  # withdrawn: hidden again
    assert email not in text_of(open_page(store.access_code(event_id, a)))


def test_an_idea_is_saved_and_reaches_the_facilitator(event):
    from matching.live.clock import LiveClock, start_round

    store, event_id, _people, made = event
    me = made.rounds[0].tables[0].members[0]
    clock = start_round(LiveClock.for_event(store.get_event(event_id)), 1.0)
    store.set_live_data(event_id, {"clock": clock.to_dict()})
    at = open_page(store.access_code(event_id, me))
    by_label(at.text_area, "Idee aus Runde 1").input("Gemeinsame Sprechstunde in der Klinik")
    by_label(at.checkbox, "Mit meinem Namen zeigen").check()
    by_label(at.button, "Idee speichern").click().run()
    assert not at.exception
    notes = store.ideas(event_id)
    assert [(n.round, n.text, n.show_name) for n in notes] == [
        (1, "Gemeinsame Sprechstunde in der Klinik", True)
    ]


def test_an_open_page_of_a_deleted_event_turns_neutral_even_when_its_id_is_reused(event):
    """Review finding: the page polls the event every two seconds; once the event is gone
    (or its id belongs to a new event) it must show the neutral page, never another plan."""
    store, event_id, people, _made = event
    at = open_page(store.access_code(event_id, people[0].id))
    assert people[0].name in text_of(at)
    store.delete_event(event_id)
    reused = store.create_event(load_demo()[0])  # SQLite may give the new event the old id
    store.replace_participants(reused, people)
    store.save_plan(reused, plan(people, 4, time_limit=3).plan)
    at.run()
    assert not at.exception
    assert "Code unbekannt" in text_of(at)
    assert people[0].name not in text_of(at)
