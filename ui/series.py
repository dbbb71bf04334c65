"""Series of events as the pages need them: the earlier events of the selected one, read from
the store, turned into the planner's `History` and the network page's growth table."""

from __future__ import annotations

from collections.abc import Sequence

from matching.live.clock import LiveClock
from matching.model import Participant
from matching.network.series import SeriesEvent, pairs_met_before
from matching.scoring import History
from matching.storage.store_live import live_dict
from ui.my_page import plan_and_people


def _held_rounds(live: dict) -> int | None:
    """Rounds an event ran live in the app; None (all planned rounds) when it never ran
    live - an event run on paper took place as planned."""
    try:
        held = LiveClock.from_dict(live["clock"]).round
    except (KeyError, TypeError, ValueError):
        return None
    return held or None


def series_events(store, event_id: int) -> list[tuple[int, SeriesEvent]]:
    """Every event of the selected event's series that has a plan, oldest first (the
    selected one included); [] when it belongs to no series. Plans and lists come from the
    cache the participant pages share (read again only when they changed), so the plan page
    can ask on every rerun."""
    event = store.get_event(event_id)
    out = []
    for other_id in store.series_event_ids(event.series):
        try:
            stamp, live = store.page_poll(other_id)
        except KeyError:  # deleted meanwhile
            continue
        _version, plan, people = plan_and_people(store, other_id, stamp)
        if plan is None:
            continue
        other = store.get_event(other_id)
        out.append(
            (
                other_id,
                SeriesEvent(other.title, other.date, people, plan, _held_rounds(live_dict(live))),
            )
        )
    return out


def earlier_events(store, event_id: int) -> list[SeriesEvent]:
    """The events of the series that took place before the selected one."""
    ids = store.series_event_ids(store.get_event(event_id).series)
    if event_id not in ids:
        return []
    before = set(ids[: ids.index(event_id)])
    return [e for other_id, e in series_events(store, event_id) if other_id in before]


def history_for(store, event_id: int, participants: Sequence[Participant]) -> History | None:
    """What the planner should know of earlier events: None outside a series or before its
    first event."""
    earlier = earlier_events(store, event_id)
    if not earlier:
        return None
    canonical = store.directory().canonical
    met = pairs_met_before(participants, earlier, canonical)
    return History(met, store.get_event(event_id).history_weight)


def judged_by(history: History | None, plan) -> History | None:
    """The history a stored plan is judged by: today's pairs who met before, with the
    weight the plan was made with (its score and bound used that weight; a plan made
    without a history is judged without one, only counting the known pairs)."""
    if history is None:
        return None
    return History(history.met_before, int(plan.extra.get("history_weight", 0) or 0))
