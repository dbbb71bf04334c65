"""The facilitator's live page and the big screen, driven with AppTest."""

from __future__ import annotations

import pytest

from matching.lists.demo import load_demo
from matching.live.clock import LiveClock
from matching.model import Sector
from matching.planning.planner import plan
from matching.storage.store import open_store
from tests.pages.test_app_pages import by_label, start


@pytest.fixture
def planned(app_env, monkeypatch):
    """The demo event with a plan (planned here, quickly), and its store."""
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    _event, listed, _ = load_demo()
    store.save_plan(event_id, plan(listed.participants, 4, time_limit=3).plan, label="plan")
    return at, store, event_id


def buttons(at) -> list[str]:
    return [b.label for b in at.button]


def test_controls_run_the_rounds_and_store_the_clock(planned):
    at, store, event_id = planned
    at.switch_page("pages/live.py").run()
    assert not at.exception
    assert "Start" in buttons(at) and "Pause" not in buttons(at)  # before the first round
    by_label(at.button, "Start").click().run()
    clock = LiveClock.from_dict(store.get_live_data(event_id)["clock"])
    assert clock.round == 1 and clock.status == "running" and clock.total_rounds == 4
    assert "Start" not in buttons(at) and "Pause" in buttons(at)
    by_label(at.button, "Pause").click().run()
    assert LiveClock.from_dict(store.get_live_data(event_id)["clock"]).status == "paused"
    by_label(at.button, "Weiter").click().run()
    by_label(at.button, "+1 Minute").click().run()
    clock = LiveClock.from_dict(store.get_live_data(event_id)["clock"])
    assert clock.status == "running" and clock.round_seconds > clock.planned_seconds
    by_label(at.button, "Nächste Runde").click().run()
    assert LiveClock.from_dict(store.get_live_data(event_id)["clock"]).round == 2
    assert not at.exception


def test_a_walk_in_is_added_checked_in_and_planned_from_the_next_round(planned):
    at, store, event_id = planned
    at.switch_page("pages/live.py").run()
    by_label(at.button, "Start").click().run()
    by_label(at.text_input, "Name", last=True).input("Nele <b>Neu</b>")
    by_label(at.text_input, "Organisation", last=True).input("IKK Spontan")
    by_label(at.selectbox, "Bereich", last=True).set_value(Sector.HEALTH_INSURER)
    by_label(at.button, "Hinzufügen und als da markieren").click().run()
    assert not at.exception
    people = store.list_participants(event_id)
    newcomer = next(p for p in people if p.name == "Nele <b>Neu</b>")
    assert newcomer.id in store.checked_in(event_id)
    by_label(at.button, "Vorschau berechnen").click().run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "Runde 2:" in text and "Nele \\<b\\>Neu\\</b\\>" in text  # escaped, then shown
    before = len(store.list_plans(event_id))
    by_label(at.button, "Anwenden").click().run()
    assert len(store.list_plans(event_id)) == before + 1
    _version, current = store.current_plan(event_id)
    seated_later = {m for r in current.rounds if r.number >= 2 for t in r.tables for m in t.members}
    assert newcomer.id in seated_later
    assert all(newcomer.id not in t.members for t in current.rounds[0].tables)  # past round kept


def test_a_bad_link_template_is_refused_with_a_message(planned):
    at, store, event_id = planned
    at.switch_page("pages/live.py").run()
    at.radio[0].set_value("online").run()
    by_label(at.text_input, "Link-Vorlage für Videoräume").input("javascript:alert(1)")
    by_label(at.button, "Einstellungen speichern").click().run()
    assert at.error and not store.get_live_data(event_id).get("link_template")
    by_label(at.text_input, "Link-Vorlage für Videoräume").input(
        "https://meet.example.org/{event}-r{round}-t{table}"
    )
    by_label(at.button, "Einstellungen speichern").click().run()
    assert store.get_live_data(event_id)["link_template"].startswith("https://meet.example.org/")


def test_big_screen_shows_the_round_in_one_document(planned):
    """Before the start the screen shows round 1's tables; a hostile name is escaped."""
    at, store, event_id = planned
    people = list(store.list_participants(event_id))
    first = people[0]
    hostile = "<img src=x onerror=alert(1)>"
    store.replace_participants(
        event_id, [type(first)(first.id, hostile, first.organisation, first.sector), *people[1:]]
    )
    at.switch_page("pages/screen.py").run()
    assert not at.exception
    html = at.session_state["big_screen"][1]
    assert "Runde 1 von 4" in html and "Tisch 1" in html
    assert hostile not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_big_screen_pages_through_many_tables():
    """150+ people: the tables come in pages of 20 that the browser turns every 10 s."""
    from benchmarks.synthetic import generate
    from matching.live.phase import countdown_payload
    from matching.live.screen import screen_for
    from matching.model import Event, Plan, Round, Table
    from ui.big_screen import TABLES_PER_PAGE, screen_html

    people = generate(160, 1)
    tables = tuple(
        Table(i + 1, (people[2 * i].id, people[2 * i + 1].id)) for i in range(len(people) // 2)
    )
    made = Plan((Round(1, tables),))
    event = Event("Groß", rounds=1)
    clock = LiveClock.for_event(event)
    screen = screen_for(event, made, people, clock, 0.0, "de", page_size=10_000)
    html = screen_html(screen, countdown_payload(clock, 0.0), {k: k for k in TEXTS}, 20)
    assert TABLES_PER_PAGE == 20
    assert html.count('class="page"') == 4 and html.count('class="card"') == 80


TEXTS = (
    "first_asks", "swap", "change_tables", "time_up", "paused", "ended", "not_started", "sound",
    "fullscreen",
)  # fmt: skip


def test_the_plan_page_offers_the_four_printables(planned):
    at, _store, _event_id = planned
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    labels = [d.proto.label for d in at.get("download_button")]
    for label in ("Persönliche Karten", "Tischschilder", "Ablaufplan", "Namensschilder"):
        assert any(x.startswith(label) for x in labels), labels
