"""The live clock and settings of an event, and the three states of a check-in (here,
missing, not yet known)."""

from __future__ import annotations

from matching.live.clock import LiveClock, start_round
from matching.model import Event, Participant, Sector
from matching.storage.store import open_store


def test_the_live_clock_is_stored_and_read_back(url):
    store = open_store(url)
    event_id = store.create_event(Event("Austausch", rounds=4))
    assert store.get_live_data(event_id) == {}
    clock = start_round(LiveClock.for_event(store.get_event(event_id)), 1_000.0)
    data = {
        "clock": clock.to_dict(),
        "mode": "hybrid",
        "link_template": "https://m.example/{table}",
    }
    store.set_live_data(event_id, data)
    again = store.get_live_data(event_id)
    assert LiveClock.from_dict(again["clock"]) == clock and again["mode"] == "hybrid"
    store.delete_event(event_id)
    assert store.get_live_data(event_id) == {}
    store.dispose()


def test_here_missing_and_unknown(url):
    store = open_store(url)
    event_id = store.create_event(Event("Austausch"))
    people = [Participant(f"p{i}", f"P {i}", f"Org {i}", Sector.OTHER) for i in range(3)]
    store.replace_participants(event_id, people)
    store.set_checked_in(event_id, "p0", True)
    store.set_checked_in(event_id, "p1", False)
    assert store.checked_in(event_id) == {"p0"} and store.no_shows(event_id) == {"p1"}
    store.clear_check_in(event_id, "p1")
    store.clear_check_in(event_id, "p2")  # nothing to clear: fine
    assert store.no_shows(event_id) == set() and store.checked_in(event_id) == {"p0"}
    store.dispose()
